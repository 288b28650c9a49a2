/*
 * convert.c — number <-> text conversions of RUNTIME-ABI §3.3: Convert.ToString_*, String.FromI32/
 * FromI16/FromSingle (§2.4 VM quirk), Convert.ToInt, Parse.Int64/Double (C-string + out-pointer,
 * error codes), BASIC VAL (rt_val_to_double) and CINT/CLNG/CSNG/CDBL. All parsing is C-locale
 * strtoll/strtod (Convert.ToDouble too); results are +1 strings; error paths trap with the
 * documented texts.
 */
#include "rt_core_abi.h"
#include "rt_collections_abi.h"
#include "rt_lang_abi.h"
#include "rt_system_abi.h"
#include "rt_text_abi.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

rt_string rt_int_to_str(int64_t v) {
    char buf[24];
    return rt__str_new(buf, rt__format_i64(v, buf));
}

rt_string rt_f64_to_str(double v) {
    char buf[32];
    return rt__str_new(buf, rt__format_f64(v, buf));
}

rt_string rt_str_i32_alloc(int32_t v) {
    return rt_int_to_str(v);
}

rt_string rt_str_i16_alloc(int16_t v) {
    return rt_int_to_str(v);
}

rt_string rt_str_f_alloc(double v) {
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    uint32_t lo = (uint32_t)bits;
    float f;
    memcpy(&f, &lo, sizeof f);
    return rt_f64_to_str((double)f);
}

/* The text of s without leading/trailing C-isspace bytes, as a NUL-terminated copy in `small`
 * (64 bytes) or a malloc'd buffer (free it when != small); traps `INPUT: expected numeric value`
 * when nothing is left. *n receives the length (embedded NULs count). */
static char *rt_trimmed_number(rt_string s, char *small, size_t *n) {
    size_t b = 0, e = s->len;
    while (b < e && isspace((unsigned char)s->data[b]))
        b++;
    while (e > b && isspace((unsigned char)s->data[e - 1]))
        e--;
    if (b == e)
        rt__trap("INPUT: expected numeric value");
    char *buf = e - b < 64 ? small : malloc(e - b + 1);
    if (!buf)
        rt__trap("out of memory");
    memcpy(buf, s->data + b, e - b);
    buf[e - b] = 0;
    *n = e - b;
    return buf;
}

int64_t rt_to_int(rt_string s) {
    if (!s)
        rt__trap("rt_to_int: null");
    char small[64];
    size_t n;
    char *buf = rt_trimmed_number(s, small, &n);
    char *end = NULL;
    errno = 0;
    long long v = strtoll(buf, &end, 10);
    bool bad = end == buf || (size_t)(end - buf) != n;
    bool range = errno == ERANGE;
    if (buf != small)
        free(buf);
    if (bad)
        rt__trap("INPUT: expected numeric value");
    if (range)
        rt__trap("INPUT: numeric overflow");
    return (int64_t)v;
}

/* Convert.ToDouble: as ToInt but with C-locale strtod over the whole trimmed text; an overflowing
 * value traps `INPUT: numeric overflow`. NULL traps `rt_to_double: null`. */
double rt_to_double(rt_string s) {
    if (!s)
        rt__trap("rt_to_double: null");
    char small[64];
    size_t n;
    char *buf = rt_trimmed_number(s, small, &n);
    char *end = NULL;
    errno = 0;
    double v = strtod(buf, &end);
    bool bad = end == buf || (size_t)(end - buf) != n;
    bool range = errno == ERANGE && isinf(v);
    if (buf != small)
        free(buf);
    if (bad)
        rt__trap("INPUT: expected numeric value");
    if (range)
        rt__trap("INPUT: numeric overflow");
    return v;
}

/* p past its leading C-isspace bytes. */
static const char *rt_skip_blanks(const char *p) {
    while (*p && isspace((unsigned char)*p))
        p++;
    return p;
}

/* True if only whitespace remains at p. */
static bool rt_only_blanks(const char *p) { return *rt_skip_blanks(p) == 0; }

int32_t rt_parse_int64(const char *text, int64_t *out) {
    if (!text || !out)
        return 8;
    text = rt_skip_blanks(text);
    if (!*text)
        return 5;
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno == ERANGE)
        return 4;
    if (end == text || !rt_only_blanks(end))
        return 5;
    *out = (int64_t)v;
    return 0;
}

int32_t rt_parse_double(const char *text, double *out) {
    if (!text || !out)
        return 8;
    text = rt_skip_blanks(text);
    if (!*text)
        return 5;
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || !rt_only_blanks(end))
        return 5;
    if (errno == ERANGE || !isfinite(v))
        return 4;
    *out = v;
    return 0;
}

/* Case-insensitive ASCII prefix test. */
static bool rt_prefix_ci(const char *s, const char *prefix) {
    for (; *prefix; s++, prefix++)
        if (tolower((unsigned char)*s) != *prefix)
            return false;
    return true;
}

double rt_val_to_double(const char *s, bool *ok) {
    if (!ok)
        rt__trap("rt_val_to_double: null ok");
    if (!s)
        rt__trap("rt_val_to_double: null string");
    *ok = false;
    s = rt_skip_blanks(s);
    if (!*s)
        return 0.0;
    const char *p = s;
    bool neg = false;
    if (*p == '+' || *p == '-') {
        neg = *p == '-';
        p++;
    }
    if (rt_prefix_ci(p, "nan"))
        return NAN;
    if (rt_prefix_ci(p, "inf"))
        return neg ? -INFINITY : INFINITY;
    bool digit_start = isdigit((unsigned char)p[0]) || (p[0] == '.' && isdigit((unsigned char)p[1]));
    if (!digit_start)
        return 0.0;
    char *end = NULL;
    double v = strtod(s, &end);
    if (*end == ',')
        return 0.0;
    if (!isfinite(v))
        return v;
    *ok = rt_only_blanks(end);
    return v;
}

/* x rounded to nearest-even when that lies in [lo, hi] (*ok true), else 0 with *ok false; a NULL
 * ok traps `<fn>: null ok`. */
static int64_t rt_round_in_range(double x, bool *ok, double lo, double hi, const char *fn) {
    if (!ok)
        rt__trapf("%s: null ok", fn);
    double r = nearbyint(x);
    if (!isfinite(r) || r < lo || r > hi) {
        *ok = false;
        return 0;
    }
    *ok = true;
    return (int64_t)r;
}

int64_t rt_cint_from_double(double x, bool *ok) {
    return (int16_t)rt_round_in_range(x, ok, -32768.0, 32767.0, "rt_cast_i16");
}

int64_t rt_clng_from_double(double x, bool *ok) {
    return (int32_t)rt_round_in_range(x, ok, -2147483648.0, 2147483647.0, "rt_cast_i32");
}

double rt_csng_from_double(double x, bool *ok) {
    if (!ok)
        rt__trap("rt_csng_from_double: null ok");
    if (!isfinite(x)) {
        *ok = false;
        return NAN;
    }
    float f = (float)x;
    if (!isfinite(f)) {
        *ok = false;
        return (double)f;
    }
    *ok = true;
    return (double)f;
}

double rt_cdbl_from_any(double x) {
    return x;
}
