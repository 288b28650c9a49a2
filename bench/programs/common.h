/* common.h — checked arithmetic for the C twins of the IL programs in bench/programs.
 * Each helper mirrors one IL opcode's trap semantics (IL-SPEC §7): on a condition where the IL traps,
 * the C program calls abort() (so a twin can never silently compute something the IL would not).
 * Loop bounds and inputs are read through BOUND(), a volatile read, so gcc cannot fold the work away
 * at compile time; the IL has the same constants as literals (our compiler does no such folding of
 * loop trip counts either, and the comparison is about the work inside the loops).
 * Twins must print nothing and exit with (result & 255), the IL `@main` return value's low byte. */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H
#include <stdint.h>
#include <stdlib.h>

/* Calls in the C twins must stay real calls with the full ABI, as in the IL. */
#define NOIPA __attribute__((noipa))

static inline int64_t add_ovf(int64_t a, int64_t b) { int64_t r; if (__builtin_add_overflow(a, b, &r)) abort(); return r; }
static inline int64_t sub_ovf(int64_t a, int64_t b) { int64_t r; if (__builtin_sub_overflow(a, b, &r)) abort(); return r; }
static inline int64_t mul_ovf(int64_t a, int64_t b) { int64_t r; if (__builtin_mul_overflow(a, b, &r)) abort(); return r; }
/* sdiv.chk0: zero divisor traps, INT64_MIN / -1 traps. */
static inline int64_t sdiv_chk0(int64_t a, int64_t b) { if (b == 0 || (a == INT64_MIN && b == -1)) abort(); return a / b; }
/* srem.chk0: zero divisor traps, INT64_MIN % -1 is 0. */
static inline int64_t srem_chk0(int64_t a, int64_t b) { if (b == 0) abort(); return b == -1 ? 0 : a % b; }
/* idx.chk i, lo, hi: traps Bounds unless lo <= i < hi; returns i - lo. */
static inline int64_t idx_chk(int64_t i, int64_t lo, int64_t hi) { if (i < lo || i >= hi) abort(); return i - lo; }
/* cast.si_narrow.chk to i32. */
static inline int32_t narrow_i32(int64_t x) { if (x < INT32_MIN || x > INT32_MAX) abort(); return (int32_t)x; }
/* Shifts mask their count with 63 (IL-SPEC §7.3). */
static inline int64_t shl64(int64_t a, int64_t n) { return (int64_t)((uint64_t)a << (n & 63)); }
static inline int64_t ashr64(int64_t a, int64_t n) { return a >> (n & 63); }
static inline int64_t lshr64(int64_t a, int64_t n) { return (int64_t)((uint64_t)a >> (n & 63)); }
/* cast.fp_to_si.rte.chk: NaN/Inf trap, round half to even, result must fit i64. */
static inline int64_t fp_to_si_rte(double x) {
    double r = __builtin_rint(x); /* default rounding mode: nearest, ties to even */
    if (!(r >= -9223372036854775808.0 && r < 9223372036854775808.0)) abort();
    return (int64_t)r;
}

/* Loop bounds come from a volatile so the compiler cannot fold the work away. */
#define BOUND(n) (*(volatile int64_t *)&(int64_t){n})
#endif
