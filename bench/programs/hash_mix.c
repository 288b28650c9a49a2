/* hash_mix: C twin of hash_mix.il (xorshift64 stream into an FNV-1a style hash and a rotate hash). */
#include "common.h"
int main(void) {
    int64_t n = BOUND(150000);
    int64_t x = BOUND(88172645463325252), h = BOUND(2166136261), g = BOUND(0);
    for (int64_t i = 0; i < n; i = add_ovf(i, 1)) {
        x ^= shl64(x, 13);
        x ^= lshr64(x, 7);
        x ^= shl64(x, 17);
        h = mul_ovf(h ^ (x & 255), 16777619) & 4294967295;
        g = (((shl64(g, 5) | lshr64(g, 27)) & 4294967295) ^ x) & 4294967295;
    }
    int64_t e = h ^ g;
    e ^= lshr64(e, 16);
    return (int)(e & 255);
}
