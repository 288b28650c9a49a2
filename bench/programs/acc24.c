/* acc24: C twin of acc24.il (24 accumulators + the index carried around a loop, no call). */
#include "common.h"
int main(void) {
    int64_t n = BOUND(40000);
    int64_t a0 = BOUND(13), a1 = BOUND(1013), a2 = BOUND(2013), a3 = BOUND(3013), a4 = BOUND(4013), a5 = BOUND(5013), a6 = BOUND(6013), a7 = BOUND(7013), a8 = BOUND(8013), a9 = BOUND(9013), a10 = BOUND(10013), a11 = BOUND(11013), a12 = BOUND(12013), a13 = BOUND(13013), a14 = BOUND(14013), a15 = BOUND(15013), a16 = BOUND(16013), a17 = BOUND(17013), a18 = BOUND(18013), a19 = BOUND(19013), a20 = BOUND(20013), a21 = BOUND(21013), a22 = BOUND(22013), a23 = BOUND(23013);
    for (int64_t i = 0; i < n; i = add_ovf(i, 1)) {
        int64_t n0 = add_ovf(add_ovf(a0, a1 ^ i), 1) & 1048575;
        int64_t n1 = add_ovf(add_ovf(a1, a2 ^ i), 2) & 1048575;
        int64_t n2 = add_ovf(add_ovf(a2, a3 ^ i), 3) & 1048575;
        int64_t n3 = add_ovf(add_ovf(a3, a4 ^ i), 4) & 1048575;
        int64_t n4 = add_ovf(add_ovf(a4, a5 ^ i), 5) & 1048575;
        int64_t n5 = add_ovf(add_ovf(a5, a6 ^ i), 6) & 1048575;
        int64_t n6 = add_ovf(add_ovf(a6, a7 ^ i), 7) & 1048575;
        int64_t n7 = add_ovf(add_ovf(a7, a8 ^ i), 8) & 1048575;
        int64_t n8 = add_ovf(add_ovf(a8, a9 ^ i), 9) & 1048575;
        int64_t n9 = add_ovf(add_ovf(a9, a10 ^ i), 10) & 1048575;
        int64_t n10 = add_ovf(add_ovf(a10, a11 ^ i), 11) & 1048575;
        int64_t n11 = add_ovf(add_ovf(a11, a12 ^ i), 12) & 1048575;
        int64_t n12 = add_ovf(add_ovf(a12, a13 ^ i), 13) & 1048575;
        int64_t n13 = add_ovf(add_ovf(a13, a14 ^ i), 14) & 1048575;
        int64_t n14 = add_ovf(add_ovf(a14, a15 ^ i), 15) & 1048575;
        int64_t n15 = add_ovf(add_ovf(a15, a16 ^ i), 16) & 1048575;
        int64_t n16 = add_ovf(add_ovf(a16, a17 ^ i), 17) & 1048575;
        int64_t n17 = add_ovf(add_ovf(a17, a18 ^ i), 18) & 1048575;
        int64_t n18 = add_ovf(add_ovf(a18, a19 ^ i), 19) & 1048575;
        int64_t n19 = add_ovf(add_ovf(a19, a20 ^ i), 20) & 1048575;
        int64_t n20 = add_ovf(add_ovf(a20, a21 ^ i), 21) & 1048575;
        int64_t n21 = add_ovf(add_ovf(a21, a22 ^ i), 22) & 1048575;
        int64_t n22 = add_ovf(add_ovf(a22, a23 ^ i), 23) & 1048575;
        int64_t n23 = add_ovf(add_ovf(a23, a0 ^ i), 24) & 1048575;
        a0 = n0; a1 = n1; a2 = n2; a3 = n3; a4 = n4; a5 = n5; a6 = n6; a7 = n7; a8 = n8; a9 = n9; a10 = n10; a11 = n11; a12 = n12; a13 = n13; a14 = n14; a15 = n15; a16 = n16; a17 = n17; a18 = n18; a19 = n19; a20 = n20; a21 = n21; a22 = n22; a23 = n23;
    }
    int64_t r = 0;
    r = add_ovf(mul_ovf(r, 3), a0) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a1) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a2) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a3) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a4) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a5) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a6) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a7) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a8) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a9) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a10) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a11) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a12) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a13) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a14) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a15) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a16) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a17) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a18) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a19) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a20) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a21) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a22) & 1048575;
    r = add_ovf(mul_ovf(r, 3), a23) & 1048575;
    return (int)(r & 255);
}
