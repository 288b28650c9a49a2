/* newton: C twin of newton.il (Newton square roots of 1..15,000 with a data-dependent exit). */
#include "common.h"
int main(void) {
    int64_t n = BOUND(15000);
    int64_t sum = 0;
    for (int64_t k = 1; k <= n; k = add_ovf(k, 1)) {
        double kf = (double)k;
        double x = (kf + 1.0) * 0.5;
        int64_t it = 0;
        for (;;) {
            double xn = (x + kf / x) * 0.5;
            double d = x - xn;
            x = xn;
            it = add_ovf(it, 1);
            if (d < 0.000000001 || it >= 40)
                break;
        }
        sum = add_ovf(add_ovf(sum, fp_to_si_rte(x * 100.0)), it) & 268435455;
    }
    return (int)(sum & 255);
}
