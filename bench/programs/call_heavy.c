/* call_heavy: C twin of call_heavy.il (small calls with 6-10 arguments; NOIPA keeps them real calls
 * with the full ABI). Compile with -ffp-contract=off. */
#include "common.h"
NOIPA int64_t f6(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f) {
    return add_ovf(add_ovf(sub_ovf(add_ovf(a, b), c), d) ^ e, f);
}
NOIPA int64_t f8(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f, int64_t g, int64_t h) {
    return sub_ovf(add_ovf(f6(a, b, c, d, e, f), g), h);
}
NOIPA int64_t f10(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f, int64_t g, int64_t h,
                  int64_t i, int64_t j) {
    int64_t t = sub_ovf(a, b);
    t = add_ovf(t, c); t = sub_ovf(t, d); t = add_ovf(t, e); t = sub_ovf(t, f);
    t = add_ovf(t, g); t = sub_ovf(t, h); t = add_ovf(t, i);
    return t ^ j;
}
NOIPA int64_t fmix(int64_t a, double x, int64_t b, double y, int64_t c, int64_t d, int64_t e, int64_t f, int64_t g) {
    int64_t t = add_ovf(fp_to_si_rte(x * y), a);
    t = sub_ovf(t, b); t = add_ovf(t, c); t = sub_ovf(t, d); t = add_ovf(t, e); t = sub_ovf(t, f);
    return add_ovf(t, g);
}
int main(void) {
    int64_t n = BOUND(60000), acc = 0;
    for (int64_t i = 0; i < n; i = add_ovf(i, 1)) {
        int64_t low = acc & 255;
        int64_t r1 = f6(i, 1, 2, 3, 4, low);
        int64_t r2 = f8(i, r1, 3, 4, 5, 6, 7, 8);
        int64_t r3 = f10(r1, r2, i, 1, 2, 3, 4, 5, 6, 7);
        int64_t r4 = fmix(r3, (double)i, 2, 0.75, 3, 4, 5, 6, low);
        acc = add_ovf(acc, r4) & 16777215;
    }
    return (int)acc;
}
