/*
 * math_ext.c — extended-tier Viper.Math scalar helpers (Appendix A): Min/Max/Clamp/Lerp/Wrap/Sgn,
 * Deg/Rad, constants, and Viper.Math.Bits on 64-bit two's-complement values. Shift counts outside
 * 0..63 give 0 (Shl, Ushr) or the sign fill (Shr); rotations are taken mod 64; bit indices outside
 * 0..63 read as 0 and leave the value unchanged.
 */
#include "rt_core_abi.h"

#include <math.h>

#define RT_PI 3.14159265358979323846
#define RT_E 2.71828182845904523536

double rt_max_f64(double a, double b) { return a > b ? a : b; }
double rt_min_f64(double a, double b) { return a < b ? a : b; }
int64_t rt_max_i64(int64_t a, int64_t b) { return a > b ? a : b; }
int64_t rt_min_i64(int64_t a, int64_t b) { return a < b ? a : b; }

/* An inverted range (lo > hi) is used as [hi, lo], as the VM does. */
double rt_clamp_f64(double v, double lo, double hi) {
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    return v < lo ? lo : (v > hi ? hi : v);
}
int64_t rt_clamp_i64(int64_t v, int64_t lo, int64_t hi) {
    if (lo > hi) {
        int64_t t = lo;
        lo = hi;
        hi = t;
    }
    return v < lo ? lo : (v > hi ? hi : v);
}

double rt_lerp(double a, double b, double t) { return a + (b - a) * t; }

double rt_wrap_f64(double v, double lo, double hi) {
    double range = hi - lo;
    if (!(range > 0))
        return lo;
    double r = fmod(v - lo, range);
    if (r < 0)
        r += range;
    return lo + r;
}

int64_t rt_wrap_i64(int64_t v, int64_t lo, int64_t hi) {
    if (hi <= lo)
        return lo;
    uint64_t range = (uint64_t)hi - (uint64_t)lo;
    uint64_t off = (uint64_t)v - (uint64_t)lo;
    int64_t r;
    if (v >= lo)
        r = (int64_t)(off % range);
    else {
        uint64_t back = ((uint64_t)lo - (uint64_t)v) % range;
        r = back ? (int64_t)(range - back) : 0;
    }
    return (int64_t)((uint64_t)lo + (uint64_t)r);
}

double rt_sgn_f64(double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0); }
int64_t rt_sgn_i64(int64_t x) { return x > 0 ? 1 : (x < 0 ? -1 : 0); }

double rt_deg(double rad) { return rad * (180.0 / RT_PI); }
double rt_rad(double deg) { return deg * (RT_PI / 180.0); }
double rt_math_pi(void) { return RT_PI; }
double rt_math_e(void) { return RT_E; }
double rt_math_tau(void) { return 2.0 * RT_PI; }

int64_t rt_bits_and(int64_t a, int64_t b) { return a & b; }
int64_t rt_bits_or(int64_t a, int64_t b) { return a | b; }
int64_t rt_bits_xor(int64_t a, int64_t b) { return a ^ b; }
int64_t rt_bits_not(int64_t a) { return ~a; }

int64_t rt_bits_shl(int64_t v, int64_t n) {
    return (n < 0 || n > 63) ? 0 : (int64_t)((uint64_t)v << n);
}
int64_t rt_bits_shr(int64_t v, int64_t n) {
    if (n < 0 || n > 63)
        return v < 0 ? -1 : 0;
    return v < 0 ? ~(int64_t)(~(uint64_t)v >> n) : (int64_t)((uint64_t)v >> n);
}
int64_t rt_bits_ushr(int64_t v, int64_t n) {
    return (n < 0 || n > 63) ? 0 : (int64_t)((uint64_t)v >> n);
}

int64_t rt_bits_rotl(int64_t v, int64_t n) {
    unsigned s = (unsigned)((uint64_t)n & 63);
    uint64_t u = (uint64_t)v;
    return (int64_t)(s ? (u << s) | (u >> (64 - s)) : u);
}
int64_t rt_bits_rotr(int64_t v, int64_t n) {
    unsigned s = (unsigned)((uint64_t)n & 63);
    uint64_t u = (uint64_t)v;
    return (int64_t)(s ? (u >> s) | (u << (64 - s)) : u);
}

static bool rt_bit_ok(int64_t i) { return i >= 0 && i < 64; }
int64_t rt_bits_set(int64_t v, int64_t i) { return rt_bit_ok(i) ? (int64_t)((uint64_t)v | (1ULL << i)) : v; }
int64_t rt_bits_clear(int64_t v, int64_t i) { return rt_bit_ok(i) ? (int64_t)((uint64_t)v & ~(1ULL << i)) : v; }
int64_t rt_bits_toggle(int64_t v, int64_t i) { return rt_bit_ok(i) ? (int64_t)((uint64_t)v ^ (1ULL << i)) : v; }
bool rt_bits_get(int64_t v, int64_t i) { return rt_bit_ok(i) && (((uint64_t)v >> i) & 1); }

int64_t rt_bits_count(int64_t v) {
    uint64_t u = (uint64_t)v;
    int64_t c = 0;
    while (u) {
        u &= u - 1;
        c++;
    }
    return c;
}

int64_t rt_bits_leadz(int64_t v) {
    uint64_t u = (uint64_t)v;
    int64_t n = 0;
    for (uint64_t m = 1ULL << 63; m && !(u & m); m >>= 1)
        n++;
    return n;
}

int64_t rt_bits_trailz(int64_t v) {
    uint64_t u = (uint64_t)v;
    if (!u)
        return 64;
    int64_t n = 0;
    while (!(u & 1)) {
        u >>= 1;
        n++;
    }
    return n;
}

int64_t rt_bits_flip(int64_t v) {
    uint64_t u = (uint64_t)v, r = 0;
    for (int i = 0; i < 64; i++, u >>= 1)
        r = (r << 1) | (u & 1);
    return (int64_t)r;
}

int64_t rt_bits_swap(int64_t v) {
    uint64_t u = (uint64_t)v, r = 0;
    for (int i = 0; i < 8; i++, u >>= 8)
        r = (r << 8) | (u & 0xFF);
    return (int64_t)r;
}
