/*
 * numformat.c — Viper.Text.NumberFormat: human-oriented number formatting.
 *
 *   Decimals(x, d)    fixed-point with d (clamped to 0..20) fraction digits: 3.14159,2 → "3.14"
 *   Thousands(n, sep) decimal digits grouped by three with sep: 1234567,"," → "1,234,567"
 *   Currency(x, sym)  sym + amount with two decimals and "," grouping; negative → "-$1.00"
 *   Percent(x)        x*100 with at most one decimal, trailing ".0" dropped: 0.123 → "12.3%"
 *   Ordinal(n)        1st 2nd 3rd 4th 11th 12th 13th 21st ... 101st (sign kept)
 *   ToWords(n)        English words: 1234 → "one thousand two hundred thirty-four", hyphenated
 *                     tens, no "and", "negative " prefix for n < 0 (INT64_MIN included)
 *   Bytes(n)          < 1024 → "512 B"; else two decimals in KB/MB/GB/TB/PB/EB (powers of 1024)
 *   Pad(n, w)         zero-padded to at least w characters, sign first: -42,5 → "-0042"
 * NaN/infinite inputs to the f64 functions print as Fmt does (NaN, Infinity, -Infinity).
 */
#include "rt_collections_abi.h"
#include "rt_lang_abi.h"
#include "rt_text_abi.h"
#include "rt_codec_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static bool nonfinite(double x, rt_string *out) {
    if (isfinite(x))
        return false;
    char tmp[40];
    *out = rt__str_new(tmp, rt__format_g(x, tmp));
    return true;
}

rt_string rt_numfmt_decimals(double x, int64_t d) {
    rt_string s;
    if (nonfinite(x, &s))
        return s;
    d = d < 0 ? 0 : d > 20 ? 20 : d;
    rt_buf b = {0};
    rt__buf_putf(&b, "%.*f", (int)d, x);
    return rt__buf_finish(&b);
}

/* Append the digits (with optional leading '-') of text grouped by three with sep. */
static void grouped(rt_buf *b, const char *digits, rt_string sep) {
    if (*digits == '-')
        rt__buf_putc(b, *digits++);
    size_t n = strlen(digits);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            rt__buf_put(b, rt__str_bytes(sep), rt__str_len(sep));
        rt__buf_putc(b, digits[i]);
    }
}

rt_string rt_numfmt_thousands(int64_t n, rt_string sep) {
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%lld", (long long)n);
    rt_buf b = {0};
    grouped(&b, tmp, sep);
    return rt__buf_finish(&b);
}

rt_string rt_numfmt_currency(double x, rt_string sym) {
    rt_string s;
    if (nonfinite(x, &s))
        return s;
    char tmp[400];
    snprintf(tmp, sizeof tmp, "%.2f", fabs(x));
    if (strcmp(tmp, "0.00") == 0)
        x = 0; /* no "-$0.00" */
    char *dot = strchr(tmp, '.');
    *dot = 0;
    rt_buf b = {0};
    if (x < 0)
        rt__buf_putc(&b, '-');
    rt__buf_put(&b, rt__str_bytes(sym), rt__str_len(sym));
    rt_string comma = rt__str_from_cstr(",");
    grouped(&b, tmp, comma);
    rt_str_release_maybe(comma);
    rt__buf_putc(&b, '.');
    rt__buf_puts(&b, dot + 1);
    return rt__buf_finish(&b);
}

rt_string rt_numfmt_percent(double x) {
    rt_string s;
    if (nonfinite(x * 100, &s))
        return s;
    char tmp[400];
    snprintf(tmp, sizeof tmp, "%.1f", x * 100);
    size_t n = strlen(tmp);
    if (n >= 2 && strcmp(tmp + n - 2, ".0") == 0)
        tmp[n - 2] = 0;
    if (strcmp(tmp, "-0") == 0)
        strcpy(tmp, "0");
    rt_buf b = {0};
    rt__buf_puts(&b, tmp);
    rt__buf_putc(&b, '%');
    return rt__buf_finish(&b);
}

rt_string rt_numfmt_ordinal(int64_t n) {
    uint64_t a = n < 0 ? 0 - (uint64_t)n : (uint64_t)n;
    const char *suf = "th";
    if (a % 100 < 11 || a % 100 > 13)
        suf = a % 10 == 1 ? "st" : a % 10 == 2 ? "nd" : a % 10 == 3 ? "rd" : "th";
    rt_buf b = {0};
    rt__buf_putf(&b, "%lld%s", (long long)n, suf);
    return rt__buf_finish(&b);
}

static const char *const ONES[] = {"zero",    "one",     "two",       "three",    "four",
                                   "five",    "six",     "seven",     "eight",    "nine",
                                   "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                   "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const TENS[] = {"", "", "twenty", "thirty", "forty",
                                   "fifty", "sixty", "seventy", "eighty", "ninety"};
static const char *const SCALES[] = {"", " thousand", " million", " billion", " trillion",
                                     " quadrillion", " quintillion"};

/* Words for 1..999. */
static void words999(rt_buf *b, unsigned v) {
    if (v >= 100) {
        rt__buf_puts(b, ONES[v / 100]);
        rt__buf_puts(b, " hundred");
        v %= 100;
        if (!v)
            return;
        rt__buf_putc(b, ' ');
    }
    if (v < 20) {
        rt__buf_puts(b, ONES[v]);
    } else {
        rt__buf_puts(b, TENS[v / 10]);
        if (v % 10) {
            rt__buf_putc(b, '-');
            rt__buf_puts(b, ONES[v % 10]);
        }
    }
}

rt_string rt_numfmt_to_words(int64_t n) {
    if (n == 0)
        return rt__str_from_cstr("zero");
    uint64_t a = n < 0 ? 0 - (uint64_t)n : (uint64_t)n;
    unsigned groups[7];
    int ng = 0;
    while (a) {
        groups[ng++] = (unsigned)(a % 1000);
        a /= 1000;
    }
    rt_buf b = {0};
    if (n < 0)
        rt__buf_puts(&b, "negative");
    for (int g = ng - 1; g >= 0; g--) {
        if (!groups[g])
            continue;
        if (b.len)
            rt__buf_putc(&b, ' ');
        words999(&b, groups[g]);
        rt__buf_puts(&b, SCALES[g]);
    }
    return rt__buf_finish(&b);
}

rt_string rt_numfmt_bytes(int64_t n) {
    static const char *const UNITS[] = {"KB", "MB", "GB", "TB", "PB", "EB"};
    rt_buf b = {0};
    double a = fabs((double)n);
    if (a < 1024) {
        rt__buf_putf(&b, "%lld B", (long long)n);
        return rt__buf_finish(&b);
    }
    int u = 0;
    a /= 1024;
    while (a >= 1024 && u < 5) {
        a /= 1024;
        u++;
    }
    rt__buf_putf(&b, "%s%.2f %s", n < 0 ? "-" : "", a, UNITS[u]);
    return rt__buf_finish(&b);
}

rt_string rt_numfmt_pad(int64_t n, int64_t w) {
    char digits[32];
    uint64_t a = n < 0 ? 0 - (uint64_t)n : (uint64_t)n;
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)a);
    int64_t len = (int64_t)strlen(digits) + (n < 0);
    if (w > 4096)
        w = 4096;
    rt_buf b = {0};
    if (n < 0)
        rt__buf_putc(&b, '-');
    for (int64_t i = len; i < w; i++)
        rt__buf_putc(&b, '0');
    rt__buf_puts(&b, digits);
    return rt__buf_finish(&b);
}
