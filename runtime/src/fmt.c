/*
 * fmt.c — Viper.Fmt.* text formatting (RUNTIME-ABI §3.3 core rows: Int, Num, Bool, BoolYN).
 * and the extended-tier rows (radix, padding, fixed/scientific/percent, sizes, grouping,
 * currency, ordinals, English words). Every function returns a new +1 string.
 */
#include "rt_core_abi.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

rt_string rt_fmt_int(int64_t v) {
    return rt_int_to_str(v);
}

rt_string rt_fmt_num(double v) {
    char buf[32];
    return rt__str_new(buf, rt__format_g(v, buf));
}

rt_string rt_fmt_bool(bool v) {
    return v ? rt__str_new("true", 4) : rt__str_new("false", 5);
}

rt_string rt_fmt_bool_yn(bool v) {
    return v ? rt__str_new("yes", 3) : rt__str_new("no", 2);
}

/* ---- extended-tier Fmt functions (Appendix A; behaviour from the corpus Fmt audit) ----------- */

/* Digits of u in `radix` (2..36, lower case) into buf (>= 65 bytes); returns the length. */
static size_t rt_fmt_radix_u(uint64_t u, unsigned radix, char *buf) {
    char tmp[64];
    size_t n = 0;
    do {
        unsigned d = (unsigned)(u % radix);
        tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        u /= radix;
    } while (u);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = 0;
    return n;
}

rt_string rt_fmt_int_radix(int64_t v, int64_t radix) {
    if (radix < 2 || radix > 36)
        rt__trapf("Fmt.IntRadix: radix must be 2-36 (got %lld)", (long long)radix);
    char buf[66];
    size_t n = 0;
    uint64_t u = (uint64_t)v;
    if (v < 0) {
        buf[n++] = '-';
        u = (uint64_t)0 - u;
    }
    n += rt_fmt_radix_u(u, (unsigned)radix, buf + n);
    return rt__str_new(buf, n);
}

rt_string rt_fmt_hex(int64_t v) {
    char buf[66];
    return rt__str_new(buf, rt_fmt_radix_u((uint64_t)v, 16, buf));
}

rt_string rt_fmt_bin(int64_t v) {
    char buf[66];
    return rt__str_new(buf, rt_fmt_radix_u((uint64_t)v, 2, buf));
}

rt_string rt_fmt_oct(int64_t v) {
    char buf[66];
    return rt__str_new(buf, rt_fmt_radix_u((uint64_t)v, 8, buf));
}

/* digits left-padded with `pad` (first byte of a pad string) to `width`. */
static rt_string rt_fmt_pad_left(const char *digits, size_t n, int64_t width, char pad) {
    size_t w = width > 0 && (uint64_t)width > n ? (size_t)width : n;
    if (w > 4096)
        w = n > 4096 ? n : 4096;
    rt_string r = rt__str_alloc(w);
    memset(r->data, pad, w - n);
    memcpy(r->data + (w - n), digits, n);
    return r;
}

rt_string rt_fmt_hex_pad(int64_t v, int64_t width) {
    char buf[66];
    size_t n = rt_fmt_radix_u((uint64_t)v, 16, buf);
    return rt_fmt_pad_left(buf, n, width, '0');
}

rt_string rt_fmt_int_pad(int64_t v, int64_t width, rt_string pad) {
    char buf[24];
    size_t n = rt__format_i64(v, buf);
    char p = rt__str_len(pad) ? pad->data[0] : ' ';
    return rt_fmt_pad_left(buf, n, width, p);
}

static int rt_fmt_decimals(int64_t d) {
    return d < 0 ? 0 : (d > 40 ? 40 : (int)d);
}

/* snprintf of one double into a new string (formats produce < 400 bytes for |v| < 1e300 + 40
 * decimals; longer results are cut, which only affects absurd inputs). */
static rt_string rt_fmt_printf(const char *fmt, int prec, double v, const char *suffix) {
    char buf[400];
    int n = snprintf(buf, sizeof buf, fmt, prec, v);
    size_t len = n < 0 ? 0 : ((size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
    size_t sl = strlen(suffix);
    rt_string r = rt__str_alloc(len + sl);
    memcpy(r->data, buf, len);
    memcpy(r->data + len, suffix, sl);
    return r;
}

rt_string rt_fmt_num_fixed(double v, int64_t decimals) {
    return rt_fmt_printf("%.*f", rt_fmt_decimals(decimals), v, "");
}

rt_string rt_fmt_num_sci(double v, int64_t decimals) {
    return rt_fmt_printf("%.*e", rt_fmt_decimals(decimals), v, "");
}

rt_string rt_fmt_num_pct(double v, int64_t decimals) {
    return rt_fmt_printf("%.*f", rt_fmt_decimals(decimals), v * 100.0, "%");
}

rt_string rt_fmt_size(int64_t bytes) {
    static const char *const units[] = {"KB", "MB", "GB", "TB", "PB", "EB"};
    if (bytes < 1024 && bytes > -1024) {
        char buf[32];
        size_t n = rt__format_i64(bytes, buf);
        memcpy(buf + n, " B", 3);
        return rt__str_new(buf, n + 2);
    }
    double v = (double)bytes;
    size_t u = 0;
    v /= 1024.0;
    while (fabs(v) >= 1024.0 && u + 1 < sizeof units / sizeof units[0]) {
        v /= 1024.0;
        u++;
    }
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
    return rt__str_new(buf, n < 0 ? 0 : (size_t)n);
}

/* Decimal digits of |v| grouped by threes with sep, with a leading '-' for negatives. */
static rt_string rt_fmt_grouped_digits(const char *digits, size_t n, bool neg, const char *sep,
                                       size_t sl, const char *prefix, const char *tail) {
    size_t pl = strlen(prefix), tl = strlen(tail);
    size_t groups = n > 0 ? (n - 1) / 3 : 0;
    rt_string r = rt__str_alloc((neg ? 1 : 0) + pl + n + groups * sl + tl);
    size_t o = 0;
    if (neg)
        r->data[o++] = '-';
    memcpy(r->data + o, prefix, pl);
    o += pl;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) {
            memcpy(r->data + o, sep, sl);
            o += sl;
        }
        r->data[o++] = digits[i];
    }
    memcpy(r->data + o, tail, tl);
    return r;
}

rt_string rt_fmt_int_grouped(int64_t v, rt_string sep) {
    char buf[24];
    size_t n = rt__format_i64(v, buf);
    bool neg = buf[0] == '-';
    return rt_fmt_grouped_digits(buf + neg, n - neg, neg, rt__str_bytes(sep), rt__str_len(sep), "", "");
}

rt_string rt_fmt_currency(double v, int64_t decimals, rt_string symbol) {
    int d = rt_fmt_decimals(decimals);
    char buf[400];
    int n = snprintf(buf, sizeof buf, "%.*f", d, fabs(v));
    if (n < 0 || (size_t)n >= sizeof buf)
        return rt_fmt_num_fixed(v, decimals);
    char *dot = strchr(buf, '.');
    size_t int_len = dot ? (size_t)(dot - buf) : (size_t)n;
    bool neg = v < 0 && strspn(buf, "0.") != (size_t)n;
    return rt_fmt_grouped_digits(buf, int_len, neg, ",", 1, rt__str_bytes(symbol), dot ? dot : "");
}

rt_string rt_fmt_ordinal(int64_t v) {
    char buf[32];
    size_t n = rt__format_i64(v, buf);
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    const char *suf = "th";
    if (a % 100 < 11 || a % 100 > 13)
        suf = a % 10 == 1 ? "st" : a % 10 == 2 ? "nd" : a % 10 == 3 ? "rd" : "th";
    memcpy(buf + n, suf, 3);
    return rt__str_new(buf, n + 2);
}

static const char *const rt_small_words[] = {
    "zero",    "one",     "two",       "three",    "four",     "five",    "six",
    "seven",   "eight",   "nine",      "ten",      "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen"};
static const char *const rt_tens_words[] = {"",      "",      "twenty",  "thirty", "forty",
                                            "fifty", "sixty", "seventy", "eighty", "ninety"};

static void rt_words_append(char *buf, size_t *len, const char *w) {
    size_t l = strlen(w);
    if (*len)
        buf[(*len)++] = ' ';
    memcpy(buf + *len, w, l);
    *len += l;
}

/* 1..999 in words. */
static void rt_words_below_1000(unsigned v, char *buf, size_t *len) {
    if (v >= 100) {
        rt_words_append(buf, len, rt_small_words[v / 100]);
        rt_words_append(buf, len, "hundred");
        v %= 100;
    }
    if (v == 0)
        return;
    if (v < 20) {
        rt_words_append(buf, len, rt_small_words[v]);
    } else {
        char t[32];
        if (v % 10)
            snprintf(t, sizeof t, "%s-%s", rt_tens_words[v / 10], rt_small_words[v % 10]);
        else
            snprintf(t, sizeof t, "%s", rt_tens_words[v / 10]);
        rt_words_append(buf, len, t);
    }
}

rt_string rt_fmt_to_words(int64_t v) {
    static const char *const scales[] = {"", "thousand", "million", "billion", "trillion",
                                         "quadrillion", "quintillion"};
    if (v == 0)
        return rt__str_new("zero", 4);
    char buf[512];
    size_t len = 0;
    if (v < 0)
        rt_words_append(buf, &len, "negative");
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    unsigned parts[7];
    int np = 0;
    while (a) {
        parts[np++] = (unsigned)(a % 1000);
        a /= 1000;
    }
    for (int i = np - 1; i >= 0; i--) {
        if (!parts[i])
            continue;
        rt_words_below_1000(parts[i], buf, &len);
        if (i > 0)
            rt_words_append(buf, &len, scales[i]);
    }
    return rt__str_new(buf, len);
}
