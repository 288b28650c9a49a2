/* bubble_sort: C twin of bubble_sort.il (LCG fill, bubble sort with bounds checks, checksum). */
#include "common.h"
#include <string.h>
int main(void) {
    int64_t n = BOUND(300);
    int64_t a[300];
    memset(a, 0, sizeof a); /* alloca memory is zero-filled */
    int64_t x = BOUND(12345);
    for (int64_t i = 0; i < n; i = add_ovf(i, 1)) {
        x = add_ovf(mul_ovf(x, 1103515245), 12345) & 2147483647;
        a[idx_chk(i, 0, 300)] = x & 65535;
    }
    for (int64_t i = 0; i < n - 1; i = add_ovf(i, 1)) {
        int64_t lim = sub_ovf(n - 1, i);
        for (int64_t j = 0; j < lim;) {
            int64_t *p = &a[idx_chk(j, 0, 300)];
            int64_t v = *p;
            j = add_ovf(j, 1);
            int64_t *q = &a[idx_chk(j, 0, 300)];
            int64_t w = *q;
            if (v > w) { *p = w; *q = v; }
        }
    }
    int64_t s = 0;
    for (int64_t i = 0; i < n; i = add_ovf(i, 1)) {
        int64_t v = a[idx_chk(i, 0, 300)];
        s = add_ovf(s, mul_ovf(v, add_ovf(i, 1))) ^ i;
    }
    return (int)(s & 255);
}
