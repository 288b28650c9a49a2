/* float_kernel: C twin of float_kernel.il (f64 arithmetic, compares, int<->fp conversions).
 * Must be compiled with -ffp-contract=off (no fused multiply-add), as the runner does. */
#include "common.h"
int main(void) {
    int64_t n = BOUND(200000), isum = 0;
    double acc = 0.0;
    for (int64_t i = 0; i < n; i = add_ovf(i, 1)) {
        double x = (double)i;
        double y1 = x * 0.5 + 1.25;
        double q = x / (y1 + 1.0);
        double z2 = y1 * 0.001 - q;
        if (z2 > 0.0) acc = acc + z2;
        else acc = acc - z2 * 0.25;
        double s = acc * 0.01;
        int64_t k = fp_to_si_rte(s);
        if (s >= 1000.0) k = srem_chk0(k, 1000);
        isum = add_ovf(isum, k);
    }
    return (int)add_ovf(isum, fp_to_si_rte(acc));
}
