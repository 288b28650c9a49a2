/* sieve: C twin of sieve.il (sieve of Eratosthenes over 30,000 byte flags, three rounds). */
#include "common.h"
#include <stdbool.h>
#include <string.h>
int main(void) {
    int64_t n = BOUND(30000), reps = BOUND(3);
    bool f[30000];
    memset(f, 0, sizeof f); /* alloca memory is zero-filled */
    int64_t total = 0;
    for (int64_t r = 0; r < reps; r = add_ovf(r, 1)) {
        for (int64_t t = 0; t < n; t = add_ovf(t, 1))
            f[idx_chk(t, 0, 30000)] = false;
        for (int64_t i = 2; mul_ovf(i, i) < n; i = add_ovf(i, 1)) {
            if (f[idx_chk(i, 0, 30000)])
                continue;
            for (int64_t j = mul_ovf(i, i); j < n; j = add_ovf(j, i))
                f[idx_chk(j, 0, 30000)] = true;
        }
        int64_t cnt = 0;
        for (int64_t t = 2; t < n;) {
            bool fl = f[idx_chk(t, 0, 30000)];
            t = add_ovf(t, 1);
            if (!fl)
                cnt = add_ovf(cnt, 1);
        }
        total = add_ovf(add_ovf(mul_ovf(total, 7), cnt), r);
    }
    return (int)(total & 255);
}
