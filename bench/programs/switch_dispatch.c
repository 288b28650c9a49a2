/* switch_dispatch: C twin of switch_dispatch.il (a dense and a sparse switch per iteration). */
#include "common.h"
int main(void) {
    int64_t n = BOUND(200000), acc = 0;
    for (int64_t i = 0; i < n; i = add_ovf(i, 1)) {
        switch (narrow_i32(srem_chk0(i, 12))) {
        case 0: acc = add_ovf(acc, 1); break;
        case 1: acc = add_ovf(acc, i); break;
        case 2: acc = mul_ovf(acc, 3); break;
        case 3: acc = sub_ovf(acc, i); break;
        case 4: acc = acc ^ 85; break;
        case 5: acc = shl64(acc, 1); break;
        case 6: acc = add_ovf(acc, 17); break;
        case 7: acc = sub_ovf(acc, 5); break;
        case 8: acc = acc | 3; break;
        case 9: acc = ashr64(acc, 1); break;
        default: acc = add_ovf(acc, 1000); break;
        }
        switch (narrow_i32(srem_chk0(mul_ovf(i, 7), 1000))) {
        case 3: acc = add_ovf(acc, 3); break;
        case 77: acc = mul_ovf(acc, 5); break;
        case 140: acc = sub_ovf(acc, 77); break;
        case 301: acc = acc ^ i; break;
        case 512: acc = add_ovf(acc, i); break;
        case 699: acc = acc & 65535; break;
        case 777: acc = add_ovf(acc, 777); break;
        case 901: acc = sub_ovf(acc, 1); break;
        case 998: acc = shl64(acc, 2); break;
        default: acc = acc ^ i; break;
        }
        acc &= 268435455;
    }
    return (int)acc;
}
