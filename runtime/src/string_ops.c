/*
 * string_ops.c — core string operations of RUNTIME-ABI §3.2: slicing (Left/Right/Mid/Substring),
 * trimming, ASCII case mapping, searching, Like, Asc/Chr, the BASIC INPUT field splitter and CSV
 * quoting. Arguments are borrowed; results are +1 (or the immortal empty string); a result equal to
 * the whole input is the input itself with one extra reference.
 */
#include "rt_core_abi.h"

#include <ctype.h>
#include <string.h>

/* The input itself, +1. */
static rt_string rt_same(rt_string s) {
    rt_str_retain_maybe(s);
    return s;
}

/* New string with bytes [start, start+n) of s (n == 0 gives the immortal empty string). */
rt_string rt__str_slice(rt_string s, size_t start, size_t n) {
    if (n == 0)
        return rt_str_empty();
    if (start == 0 && n == s->len)
        return rt_same(s);
    return rt__str_new(s->data + start, n);
}

ptrdiff_t rt__find_bytes(const char *hay, size_t hlen, const char *needle, size_t nlen,
                         size_t from) {
    if (nlen == 0)
        return from <= hlen ? (ptrdiff_t)from : -1;
    if (nlen > hlen)
        return -1;
    for (size_t i = from; i + nlen <= hlen; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, nlen) == 0)
            return (ptrdiff_t)i;
    return -1;
}

rt_string rt_str_left(rt_string s, int64_t n) {
    if (!s)
        rt__trap("LEFT$: null string");
    if (n < 0)
        rt__trapf("LEFT$: len must be >= 0 (got %lld)", (long long)n);
    if ((uint64_t)n >= s->len)
        return rt_same(s);
    return rt__str_slice(s, 0, (size_t)n);
}

rt_string rt_str_right(rt_string s, int64_t n) {
    if (!s)
        rt__trap("RIGHT$: null string");
    if (n < 0)
        rt__trapf("RIGHT$: len must be >= 0 (got %lld)", (long long)n);
    if ((uint64_t)n >= s->len)
        return rt_same(s);
    return rt__str_slice(s, s->len - (size_t)n, (size_t)n);
}

rt_string rt_str_mid(rt_string s, int64_t start) {
    if (!s)
        rt__trap("MID$: null string");
    if (start < 1)
        rt__trapf("MID$: start must be >= 1 (got %lld)", (long long)start);
    if (start == 1)
        return rt_same(s);
    if ((uint64_t)start > s->len)
        return rt_str_empty();
    return rt__str_slice(s, (size_t)start - 1, s->len - ((size_t)start - 1));
}

rt_string rt_str_mid_len(rt_string s, int64_t start, int64_t len) {
    if (!s)
        rt__trap("MID$: null string");
    if (start < 1)
        rt__trapf("MID$: start must be >= 1 (got %lld)", (long long)start);
    if (len < 0)
        rt__trapf("MID$: len must be >= 0 (got %lld)", (long long)len);
    if (len == 0 || (uint64_t)start > s->len)
        return rt_str_empty();
    size_t from = (size_t)start - 1;
    size_t avail = s->len - from;
    size_t n = (uint64_t)len < avail ? (size_t)len : avail;
    return rt__str_slice(s, from, n);
}

rt_string rt_str_substr(rt_string s, int64_t start, int64_t len) {
    if (!s)
        rt__trap("rt_str_substr: null");
    if (start < 0)
        start = 0;
    if (len < 0)
        len = 0;
    size_t from = (uint64_t)start > s->len ? s->len : (size_t)start;
    size_t avail = s->len - from;
    size_t n = (uint64_t)len < avail ? (size_t)len : avail;
    return rt__str_slice(s, from, n);
}

static bool rt_is_blank(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Trim: which = 1 leading, 2 trailing, 3 both. */
static rt_string rt_trim(rt_string s, int which) {
    size_t b = 0, e = s->len;
    if (which & 1)
        while (b < e && rt_is_blank((unsigned char)s->data[b]))
            b++;
    if (which & 2)
        while (e > b && rt_is_blank((unsigned char)s->data[e - 1]))
            e--;
    return rt__str_slice(s, b, e - b);
}

rt_string rt_str_trim(rt_string s) {
    if (!s)
        rt__trap("rt_str_trim: null");
    return rt_trim(s, 3);
}

rt_string rt_str_ltrim(rt_string s) {
    if (!s)
        rt__trap("rt_str_ltrim: null");
    return rt_trim(s, 1);
}

rt_string rt_str_rtrim(rt_string s) {
    if (!s)
        rt__trap("rt_str_rtrim: null");
    return rt_trim(s, 2);
}

static rt_string rt_map_case(rt_string s, bool upper) {
    rt_string r = rt__str_alloc(s->len);
    for (size_t i = 0; i < s->len; i++) {
        unsigned char c = (unsigned char)s->data[i];
        if (upper && c >= 'a' && c <= 'z')
            c = (unsigned char)(c - 32);
        else if (!upper && c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        r->data[i] = (char)c;
    }
    return r;
}

rt_string rt_str_ucase(rt_string s) {
    if (!s)
        rt__trap("rt_str_ucase: null");
    return rt_map_case(s, true);
}

rt_string rt_str_lcase(rt_string s) {
    if (!s)
        rt__trap("rt_str_lcase: null");
    return rt_map_case(s, false);
}

bool rt_str_has(rt_string s, rt_string needle) {
    if (!s || !needle)
        return false;
    return rt__find_bytes(s->data, s->len, needle->data, needle->len, 0) >= 0;
}

bool rt_str_starts_with(rt_string s, rt_string p) {
    if (!s || !p)
        return false;
    return p->len <= s->len && memcmp(s->data, p->data, p->len) == 0;
}

bool rt_str_ends_with(rt_string s, rt_string p) {
    if (!s || !p)
        return false;
    return p->len <= s->len && memcmp(s->data + (s->len - p->len), p->data, p->len) == 0;
}

int64_t rt_str_index_of(rt_string hay, rt_string needle) {
    if (!hay || !needle)
        return 0;
    ptrdiff_t i = rt__find_bytes(hay->data, hay->len, needle->data, needle->len, 0);
    return i < 0 ? 0 : (int64_t)i + 1;
}

int64_t rt_instr3(int64_t start, rt_string hay, rt_string needle) {
    if (!hay || !needle)
        return 0;
    size_t p = start - 1 > 0 ? (size_t)(start - 1) : 0;
    if (start > 0 && (uint64_t)(start - 1) > hay->len)
        p = hay->len;
    if (needle->len == 0)
        return (int64_t)p + 1;
    ptrdiff_t i = rt__find_bytes(hay->data, hay->len, needle->data, needle->len, p);
    return i < 0 ? 0 : (int64_t)i + 1;
}

/* SQL-LIKE over NUL-terminated text/pattern: % any run, _ one byte, \x literal x. */
static bool rt_like(const char *t, const char *p, bool ci) {
    const char *star_p = NULL, *star_t = NULL;
    for (;;) {
        if (*p == '%') {
            while (*p == '%')
                p++;
            star_p = p;
            star_t = t;
            continue;
        }
        if (*t == 0) {
            if (*p == 0)
                return true;
        } else if (*p != 0) {
            const char *pn = p + 1;
            bool ok;
            if (*p == '_') {
                ok = true;
            } else {
                unsigned char pc = (unsigned char)*p;
                if (*p == '\\' && p[1] != 0) {
                    pc = (unsigned char)p[1];
                    pn = p + 2;
                }
                unsigned char tc = (unsigned char)*t;
                ok = ci ? tolower(tc) == tolower(pc) : tc == pc;
            }
            if (ok) {
                t++;
                p = pn;
                continue;
            }
        }
        if (!star_p || *star_t == 0)
            return false;
        star_t++;
        t = star_t;
        p = star_p;
    }
}

bool rt_string_like(rt_string text, rt_string pattern) {
    return rt_like(rt_string_cstr(text), rt_string_cstr(pattern), false);
}

bool rt_string_like_ci(rt_string text, rt_string pattern) {
    return rt_like(rt_string_cstr(text), rt_string_cstr(pattern), true);
}

int64_t rt_str_asc(rt_string s) {
    if (!s)
        rt__trap("rt_str_asc: null");
    return s->len ? (unsigned char)s->data[0] : 0;
}

rt_string rt_str_chr(int64_t code) {
    if (code < 0 || code > 255)
        rt__trapf("CHR$: code must be 0-255 (got %lld)", (long long)code);
    char c = (char)(unsigned char)code;
    return rt__str_new(&c, 1);
}

/* One INPUT field [b, e): trimmed, surrounding quotes removed and "" collapsed. */
static rt_string rt_input_field(const char *d, size_t b, size_t e) {
    while (b < e && isspace((unsigned char)d[b]))
        b++;
    while (e > b && isspace((unsigned char)d[e - 1]))
        e--;
    if (e - b >= 2 && d[b] == '"' && d[e - 1] == '"') {
        b++;
        e--;
        rt_string r = rt__str_alloc(e - b);
        size_t n = 0;
        for (size_t i = b; i < e; i++) {
            r->data[n++] = d[i];
            if (d[i] == '"' && i + 1 < e && d[i + 1] == '"')
                i++;
        }
        r->data[n] = 0;
        r->len = n;
        if (n == 0) {
            rt_str_release_maybe(r);
            return rt_str_empty();
        }
        return r;
    }
    return e == b ? rt_str_empty() : rt__str_new(d + b, e - b);
}

int64_t rt_str_split_fields(rt_string line, rt_string *out, int64_t max) {
    const char *d = rt__str_bytes(line);
    size_t len = rt__str_len(line);
    int64_t total = 1;
    bool quoted = false;
    for (size_t i = 0; i < len; i++) {
        if (d[i] == '"')
            quoted = !quoted;
        else if (d[i] == ',' && !quoted)
            total++;
    }
    if (max > 0 && total < max)
        rt__trapf("INPUT: expected %lld value%s, got %lld", (long long)max, max == 1 ? "" : "s",
                  (long long)total);
    int64_t field = 0;
    size_t start = 0;
    quoted = false;
    for (size_t i = 0; i <= len && field < max; i++) {
        if (i < len && d[i] == '"') {
            quoted = !quoted;
        } else if (i == len || (d[i] == ',' && !quoted)) {
            if (out)
                out[field] = rt_input_field(d, start, i);
            field++;
            start = i + 1;
        }
    }
    return total;
}

rt_string rt_csv_quote_alloc(rt_string v) {
    const char *d = rt__str_bytes(v);
    size_t len = rt__str_len(v), quotes = 0;
    for (size_t i = 0; i < len; i++)
        quotes += d[i] == '"';
    rt_string r = rt__str_alloc(len + quotes + 2);
    size_t n = 0;
    r->data[n++] = '"';
    for (size_t i = 0; i < len; i++) {
        r->data[n++] = d[i];
        if (d[i] == '"')
            r->data[n++] = '"';
    }
    r->data[n++] = '"';
    return r;
}
