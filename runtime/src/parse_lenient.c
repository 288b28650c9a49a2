/*
 * parse_lenient.c — Viper.Core.Parse lenient parsers with defaults (RUNTIME-EXTENDED §23) and
 * Viper.Core.Convert.NumToInt (§24).
 *
 * Parse rules: C strtoll/strtod semantics in the C locale after optional leading whitespace;
 * trailing whitespace (isspace) is allowed, anything else after the number fails; an empty or
 * blank string fails; ERANGE (overflow, and for floats also underflow) fails; a float result that
 * is +-infinity or NaN fails ("inf", "nan", "1e400"). A NULL string traps
 * `rt_string_cstr: null string` (the conversion happens before any check). Text is read up to the
 * first NUL.
 * BoolOr: the trimmed word, compared case-insensitively (at most 15 characters considered: a
 * longer word never matches): true/yes/1/on -> 1, false/no/0/off -> 0, else the default.
 * IntRadix: radix outside 2..36 -> default; strtoll(s, radix) (radix 16 accepts 0x/0X).
 * NumToInt (rt_f64_to_i64): truncation toward zero; NaN/+-inf -> 0; finite values outside the
 * i64 range -> INT64_MIN for both signs, as the reference's x86-64 cast does (AArch64's fcvtzs
 * would saturate, so the range is tested explicitly).
 */
#include "rt_chtab_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool only_space(const char *p) {
    while (isspace((unsigned char)*p))
        p++;
    return *p == 0;
}

static bool parse_int(rt_string s, int base, int64_t *out) {
    const char *t = rt_string_cstr(s);
    char *end;
    errno = 0;
    long long v = strtoll(t, &end, base);
    if (end == t || errno == ERANGE || !only_space(end))
        return false;
    *out = (int64_t)v;
    return true;
}

static bool parse_num(rt_string s, double *out) {
    const char *t = rt_string_cstr(s);
    char *end;
    errno = 0;
    double v = strtod(t, &end);
    if (end == t || errno == ERANGE || !only_space(end) || isinf(v) || isnan(v))
        return false;
    *out = v;
    return true;
}

bool rt_parse_is_int(rt_string s) {
    int64_t v;
    return parse_int(s, 10, &v);
}

int64_t rt_parse_int_or(rt_string s, int64_t dflt) {
    int64_t v;
    return parse_int(s, 10, &v) ? v : dflt;
}

int64_t rt_parse_int_radix(rt_string s, int64_t radix, int64_t dflt) {
    const char *t = rt_string_cstr(s); /* traps on NULL before the radix check */
    (void)t;
    if (radix < 2 || radix > 36)
        return dflt;
    int64_t v;
    return parse_int(s, (int)radix, &v) ? v : dflt;
}

bool rt_parse_is_num(rt_string s) {
    double v;
    return parse_num(s, &v);
}

double rt_parse_num_or(rt_string s, double dflt) {
    double v;
    return parse_num(s, &v) ? v : dflt;
}

bool rt_parse_bool_or(rt_string s, bool dflt) {
    const char *t = rt_string_cstr(s);
    while (isspace((unsigned char)*t))
        t++;
    size_t n = strlen(t);
    while (n && isspace((unsigned char)t[n - 1]))
        n--;
    if (n == 0 || n > 15)
        return dflt;
    char w[16];
    memcpy(w, t, n);
    w[n] = 0;
    static const char *const yes[] = {"true", "yes", "1", "on"};
    static const char *const no[] = {"false", "no", "0", "off"};
    for (int i = 0; i < 4; i++) {
        if (strcasecmp(w, yes[i]) == 0)
            return true;
        if (strcasecmp(w, no[i]) == 0)
            return false;
    }
    return dflt;
}

int64_t rt_f64_to_i64(double v) {
    if (isnan(v) || isinf(v))
        return 0;
    if (v >= 9223372036854775808.0 || v < -9223372036854775808.0)
        return INT64_MIN;
    return (int64_t)v;
}
