/*
 * math.c — Viper.Math scalar functions (RUNTIME-ABI §3.4 and the Appendix A Math rows that take and
 * return plain numbers). libm wrappers; the checked ones trap with the documented texts.
 */
#include "rt_core_abi.h"

#include <math.h>

double rt_abs_f64(double x) { return fabs(x); }

int64_t rt_abs_i64(int64_t x) {
    if (x == INT64_MIN)
        rt__trap("rt_abs_i64: overflow");
    return x < 0 ? -x : x;
}

double rt_floor(double x) { return floor(x); }
double rt_int_floor(double x) { return floor(x); }
double rt_ceil(double x) { return ceil(x); }
double rt_round(double x) { return round(x); }
double rt_sqrt(double x) { return sqrt(x); }
double rt_sin(double x) { return sin(x); }
double rt_cos(double x) { return cos(x); }
double rt_tan(double x) { return tan(x); }
double rt_asin(double x) { return asin(x); }
double rt_acos(double x) { return acos(x); }
double rt_atan(double x) { return atan(x); }
double rt_atan2(double y, double x) { return atan2(y, x); }
double rt_sinh(double x) { return sinh(x); }
double rt_cosh(double x) { return cosh(x); }
double rt_tanh(double x) { return tanh(x); }
double rt_exp(double x) { return exp(x); }
double rt_log(double x) { return log(x); }
double rt_log10(double x) { return log10(x); }
double rt_log2(double x) { return log2(x); }
double rt_trunc(double x) { return trunc(x); }
double rt_fix_trunc(double x) { return trunc(x); }
double rt_fmod(double x, double y) { return fmod(x, y); }
double rt_hypot(double x, double y) { return hypot(x, y); }

/* pow with the BASIC domain rule; returns false when the base is negative and the exponent is not
 * a finite integer (domain) or the result is not finite (overflow). *domain tells which. */
static bool rt_pow_checked(double b, double e, double *r, bool *domain) {
    *domain = false;
    if (b < 0 && (!isfinite(e) || e != trunc(e))) {
        *domain = true;
        return false;
    }
    *r = pow(b, e);
    return isfinite(*r);
}

double rt_pow_f64(double b, double e) {
    double r;
    bool domain;
    if (!rt_pow_checked(b, e, &r, &domain))
        rt__trap("Pow: domain error or overflow");
    return r;
}

double rt_math_pow(double b, double e) {
    return rt_pow_f64(b, e);
}

double rt_pow_f64_chkdom(double b, double e) {
    double r;
    bool domain;
    if (!rt_pow_checked(b, e, &r, &domain)) {
        if (domain)
            rt__trap("rt_pow_f64_chkdom: negative base with fractional exponent");
        rt__raise(RT_TRAP_OVERFLOW, 0, "rt_pow_f64_chkdom: overflow", NULL);
    }
    return r;
}
