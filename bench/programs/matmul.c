/* matmul: C twin of matmul.il (20x20 matrices, C = A * B ten times, C fed back into A). */
#include "common.h"
#include <string.h>
int main(void) {
    int64_t n = BOUND(20), reps = BOUND(10), nn = BOUND(400);
    int64_t A[400], B[400], C[400];
    memset(A, 0, sizeof A); /* alloca memory is zero-filled */
    memset(B, 0, sizeof B);
    memset(C, 0, sizeof C);
    for (int64_t t = 0; t < nn; t = add_ovf(t, 1)) {
        int64_t i = sdiv_chk0(t, 20), j = srem_chk0(t, 20);
        int64_t k = idx_chk(t, 0, 400);
        A[k] = add_ovf(add_ovf(mul_ovf(i, 7), mul_ovf(j, 3)), 1) & 15;
        B[k] = (mul_ovf(i, 5) ^ j) & 15;
    }
    for (int64_t r = 0; r < reps; r = add_ovf(r, 1)) {
        for (int64_t i = 0; i < n; i = add_ovf(i, 1))
            for (int64_t j = 0; j < n; j = add_ovf(j, 1)) {
                int64_t s = 0;
                for (int64_t k = 0; k < n; k = add_ovf(k, 1)) {
                    int64_t av = A[idx_chk(add_ovf(mul_ovf(i, 20), k), 0, 400)];
                    int64_t bv = B[idx_chk(add_ovf(mul_ovf(k, 20), j), 0, 400)];
                    s = add_ovf(s, mul_ovf(av, bv));
                }
                C[idx_chk(add_ovf(mul_ovf(i, 20), j), 0, 400)] = s;
            }
        for (int64_t t = 0; t < nn; t = add_ovf(t, 1)) {
            int64_t k = idx_chk(t, 0, 400);
            A[k] = add_ovf(C[k], r) & 255;
        }
    }
    int64_t s = 0;
    for (int64_t t = 0; t < nn; t = add_ovf(t, 1))
        s = add_ovf(s, C[idx_chk(t, 0, 400)]) ^ t;
    return (int)(s & 255);
}
