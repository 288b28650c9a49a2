/* interp: C twin of interp.il (switch dispatch over a 12-instruction bytecode program). */
#include "common.h"
#include <string.h>
static NOIPA void put(int64_t *code, int64_t pc, int64_t op, int64_t a, int64_t b) {
    int64_t *p = &code[mul_ovf(idx_chk(pc, 0, 12), 3)];
    p[0] = op;
    p[1] = a;
    p[2] = b;
}
int main(void) {
    int64_t code[36], regs[8];
    memset(code, 0, sizeof code); /* alloca memory is zero-filled */
    memset(regs, 0, sizeof regs);
    put(code, 0, 0, 0, 25000);
    put(code, 1, 0, 1, 0);
    put(code, 2, 0, 2, 1);
    put(code, 3, 1, 1, 0);
    put(code, 4, 2, 2, 1);
    put(code, 5, 3, 2, 65535);
    put(code, 6, 1, 2, 2);
    put(code, 7, 3, 1, 1048575);
    put(code, 8, 4, 0, 1);
    put(code, 9, 5, 0, 3);
    put(code, 10, 2, 1, 2);
    put(code, 11, 6, 1, 0);
    int64_t pc = 0;
    for (;;) {
        int64_t *p = &code[mul_ovf(idx_chk(pc, 0, 12), 3)];
        int64_t op = p[0], a = p[1], b = p[2];
        int64_t *ra = &regs[idx_chk(a, 0, 8)];
        pc = add_ovf(pc, 1);
        switch (narrow_i32(op)) {
        case 0: *ra = b; break;
        case 1: *ra = add_ovf(*ra, regs[idx_chk(b, 0, 8)]); break;
        case 2: *ra ^= regs[idx_chk(b, 0, 8)]; break;
        case 3: *ra &= b; break;
        case 4: *ra = sub_ovf(*ra, b); break;
        case 5: if (*ra != 0) pc = b; break;
        case 6: return (int)(*ra & 255);
        default: abort();
        }
    }
}
