/* reg_pressure: C twin of reg_pressure.il (26 accumulators + induction variable live across a
 * loop; every 16th iteration a call with all of them live). */
#include "common.h"
NOIPA int64_t mix(int64_t a, int64_t b) { return add_ovf(mul_ovf(a, 3), b) & 1048575; }
int main(void) {
    int64_t n = BOUND(50000);
    int64_t a0 = 7, a1 = 1007, a2 = 2007, a3 = 3007, a4 = 4007, a5 = 5007, a6 = 6007, a7 = 7007, a8 = 8007, a9 = 9007, a10 = 10007, a11 = 11007, a12 = 12007, a13 = 13007, a14 = 14007, a15 = 15007, a16 = 16007, a17 = 17007, a18 = 18007, a19 = 19007, a20 = 20007, a21 = 21007, a22 = 22007, a23 = 23007, a24 = 24007, a25 = 25007;
    for (int64_t i = 0; i < n; i = add_ovf(i, 1)) {
        int64_t n0 = add_ovf(a0, a1 ^ i) & 1048575;
        int64_t n1 = add_ovf(a1, a2 ^ i) & 1048575;
        int64_t n2 = add_ovf(a2, a3 ^ i) & 1048575;
        int64_t n3 = add_ovf(a3, a4 ^ i) & 1048575;
        int64_t n4 = add_ovf(a4, a5 ^ i) & 1048575;
        int64_t n5 = add_ovf(a5, a6 ^ i) & 1048575;
        int64_t n6 = add_ovf(a6, a7 ^ i) & 1048575;
        int64_t n7 = add_ovf(a7, a8 ^ i) & 1048575;
        int64_t n8 = add_ovf(a8, a9 ^ i) & 1048575;
        int64_t n9 = add_ovf(a9, a10 ^ i) & 1048575;
        int64_t n10 = add_ovf(a10, a11 ^ i) & 1048575;
        int64_t n11 = add_ovf(a11, a12 ^ i) & 1048575;
        int64_t n12 = add_ovf(a12, a13 ^ i) & 1048575;
        int64_t n13 = add_ovf(a13, a14 ^ i) & 1048575;
        int64_t n14 = add_ovf(a14, a15 ^ i) & 1048575;
        int64_t n15 = add_ovf(a15, a16 ^ i) & 1048575;
        int64_t n16 = add_ovf(a16, a17 ^ i) & 1048575;
        int64_t n17 = add_ovf(a17, a18 ^ i) & 1048575;
        int64_t n18 = add_ovf(a18, a19 ^ i) & 1048575;
        int64_t n19 = add_ovf(a19, a20 ^ i) & 1048575;
        int64_t n20 = add_ovf(a20, a21 ^ i) & 1048575;
        int64_t n21 = add_ovf(a21, a22 ^ i) & 1048575;
        int64_t n22 = add_ovf(a22, a23 ^ i) & 1048575;
        int64_t n23 = add_ovf(a23, a24 ^ i) & 1048575;
        int64_t n24 = add_ovf(a24, a25 ^ i) & 1048575;
        int64_t n25 = add_ovf(a25, a0 ^ i) & 1048575;
        if ((i & 15) == 0) n0 = n0 ^ mix(n0, i);
        a0 = n0; a1 = n1; a2 = n2; a3 = n3; a4 = n4; a5 = n5; a6 = n6; a7 = n7; a8 = n8; a9 = n9; a10 = n10; a11 = n11; a12 = n12; a13 = n13; a14 = n14; a15 = n15; a16 = n16; a17 = n17; a18 = n18; a19 = n19; a20 = n20; a21 = n21; a22 = n22; a23 = n23; a24 = n24; a25 = n25;
    }
    int64_t s = a0;
    s = add_ovf(s, a1);
    s = add_ovf(s, a2);
    s = add_ovf(s, a3);
    s = add_ovf(s, a4);
    s = add_ovf(s, a5);
    s = add_ovf(s, a6);
    s = add_ovf(s, a7);
    s = add_ovf(s, a8);
    s = add_ovf(s, a9);
    s = add_ovf(s, a10);
    s = add_ovf(s, a11);
    s = add_ovf(s, a12);
    s = add_ovf(s, a13);
    s = add_ovf(s, a14);
    s = add_ovf(s, a15);
    s = add_ovf(s, a16);
    s = add_ovf(s, a17);
    s = add_ovf(s, a18);
    s = add_ovf(s, a19);
    s = add_ovf(s, a20);
    s = add_ovf(s, a21);
    s = add_ovf(s, a22);
    s = add_ovf(s, a23);
    s = add_ovf(s, a24);
    s = add_ovf(s, a25);
    return (int)s;
}
