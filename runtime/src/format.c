/*
 * format.c — the number-to-text rules shared by console output, Convert and Fmt
 * (RUNTIME-ABI §2.1–§2.3). Pure functions writing into caller buffers; no allocation.
 *   rt__format_f64: NaN -> "NaN", +inf -> "Inf", -inf -> "-Inf", else C "%.15g" (C locale).
 *   rt__format_g:   NaN -> "NaN", +inf -> "Infinity", -inf -> "-Infinity", else C "%g".
 *   rt__format_i64: plain decimal, INT64_MIN included.
 * The decimal point is always '.', whatever the C locale says.
 */
#include "rt_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* snprintf with a %g-style format, forcing '.' as the decimal point; returns the length. */
static size_t rt_format_printf_g(double v, const char *fmt, char *buf, size_t cap) {
    int n = snprintf(buf, cap, fmt, v);
    if (n < 0) {
        buf[0] = 0;
        return 0;
    }
    size_t len = (size_t)n < cap ? (size_t)n : cap - 1;
    for (size_t i = 0; i < len; i++)
        if (buf[i] == ',')
            buf[i] = '.';
    return len;
}

/* v formatted with fmt, NaN as "NaN" and infinities as [-]inf_text; returns the length. */
static size_t rt_format_real(double v, const char *fmt, const char *inf_text, char *buf) {
    if (isnan(v)) {
        memcpy(buf, "NaN", 4);
        return 3;
    }
    if (isinf(v)) {
        size_t n = 0;
        if (v < 0)
            buf[n++] = '-';
        size_t k = strlen(inf_text);
        memcpy(buf + n, inf_text, k + 1);
        return n + k;
    }
    return rt_format_printf_g(v, fmt, buf, 32);
}

size_t rt__format_f64(double v, char *buf) { return rt_format_real(v, "%.15g", "Inf", buf); }

size_t rt__format_g(double v, char *buf) { return rt_format_real(v, "%g", "Infinity", buf); }

size_t rt__format_i64(int64_t v, char *buf) {
    char tmp[24];
    size_t n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + (u % 10));
        u /= 10;
    } while (u);
    size_t len = 0;
    if (v < 0)
        buf[len++] = '-';
    while (n)
        buf[len++] = tmp[--n];
    buf[len] = 0;
    return len;
}
