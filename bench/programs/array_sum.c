/* array_sum: C twin of array_sum.il (alloca'd + rt_alloc'd arrays, loads/stores in loops). */
#include "common.h"
#include <string.h>
void *rt_alloc(int64_t bytes); /* runtime: zero-filled block */
int main(void) {
    int64_t n = BOUND(1000), npass = BOUND(300);
    int64_t a[1000];
    memset(a, 0, sizeof a); /* alloca memory is zero-filled */
    int64_t *b = rt_alloc(8000);
    for (int64_t i = 0; i < n; i = add_ovf(i, 1)) {
        a[i] = add_ovf(mul_ovf(i, 3), 1);
        b[i] = srem_chk0(i, 17);
    }
    int64_t sum = 0;
    for (int64_t pass = 0; pass < npass; pass = add_ovf(pass, 1))
        for (int64_t j = 0; j < n; j = add_ovf(j, 1)) {
            int64_t av = a[j], bv = b[j];
            int64_t nv = add_ovf(av, mul_ovf(bv, pass)) & 65535;
            a[j] = nv;
            sum = add_ovf(sum, nv) ^ bv;
        }
    return (int)sum;
}
