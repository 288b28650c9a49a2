/*
 * string_ext.c — extended-tier Viper.String functions (RUNTIME-ABI Appendix A): IsEmpty, Flip,
 * Repeat, Replace, PadLeft/PadRight, Count, Cmp/CmpNoCase, IndexOfFrom, LastIndexOf, Capitalize,
 * Title, RemovePrefix/RemoveSuffix, TrimChar, Slug, case-style conversions, edit distances, FromStr,
 * Split/Join (Seq from part B). Behaviour follows the corpus programs that call them; NULL string
 * arguments are treated as empty. Positions are 1-based like IndexOf (0 = not found).
 */
#include "rt_core_abi.h"
#include "rt_objects_internal.h"

#include <stdlib.h>
#include <string.h>

static char rt_up(char c) { return c >= 'a' && c <= 'z' ? (char)(c - 32) : c; }
static char rt_lo(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }
static bool rt_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool rt_str_is_empty(rt_string s) { return rt__str_len(s) == 0; }

rt_string rt_str_clone(rt_string s) { return rt__str_new(rt__str_bytes(s), rt__str_len(s)); }

/* Reverses by UTF-8 code point (as the VM does): a lead byte and the continuation bytes it
 * announces move as one unit; any other byte (ASCII, stray continuation, invalid) moves alone. */
rt_string rt_str_flip(rt_string s) {
    size_t n = rt__str_len(s);
    const unsigned char *p = (const unsigned char *)rt__str_bytes(s);
    rt_string r = rt__str_alloc(n);
    size_t i = 0;
    while (i < n) {
        size_t want = p[i] >= 0xF0 && p[i] < 0xF8 ? 3 : p[i] >= 0xE0 && p[i] < 0xF0 ? 2
                                                       : p[i] >= 0xC0 && p[i] < 0xE0 ? 1 : 0;
        size_t j = i + 1;
        while (want > 0 && j < n && (p[j] & 0xC0) == 0x80) {
            j++;
            want--;
        }
        memcpy(r->data + (n - j), p + i, j - i);
        i = j;
    }
    return r;
}

rt_string rt_str_repeat(rt_string s, int64_t count) {
    size_t n = rt__str_len(s);
    if (count <= 0 || n == 0)
        return rt_str_empty();
    if ((uint64_t)count > SIZE_MAX / 2 / n)
        rt__trap("Repeat: result too long");
    rt_string r = rt__str_alloc(n * (size_t)count);
    for (int64_t i = 0; i < count; i++)
        memcpy(r->data + (size_t)i * n, s->data, n);
    return r;
}

rt_string rt_str_replace(rt_string s, rt_string from, rt_string to) {
    size_t n = rt__str_len(s), fl = rt__str_len(from), tl = rt__str_len(to);
    if (fl == 0)
        return rt_str_clone(s);
    size_t hits = 0;
    for (ptrdiff_t i = rt__find_bytes(rt__str_bytes(s), n, from->data, fl, 0); i >= 0;
         i = rt__find_bytes(s->data, n, from->data, fl, (size_t)i + fl))
        hits++;
    rt_string r = rt__str_alloc(n - hits * fl + hits * tl);
    size_t out = 0, pos = 0;
    for (ptrdiff_t i = rt__find_bytes(rt__str_bytes(s), n, from->data, fl, 0); i >= 0;
         i = rt__find_bytes(s->data, n, from->data, fl, pos)) {
        memcpy(r->data + out, s->data + pos, (size_t)i - pos);
        out += (size_t)i - pos;
        memcpy(r->data + out, rt__str_bytes(to), tl);
        out += tl;
        pos = (size_t)i + fl;
    }
    memcpy(r->data + out, rt__str_bytes(s) + pos, n - pos);
    return r;
}

static rt_string rt_pad(rt_string s, int64_t width, rt_string pad, bool left) {
    size_t n = rt__str_len(s);
    if (width <= 0 || (uint64_t)width <= n || rt__str_len(pad) == 0)
        return rt_str_clone(s);
    size_t fill = (size_t)width - n;
    rt_string r = rt__str_alloc((size_t)width);
    char *dst = r->data + (left ? 0 : n);
    for (size_t i = 0; i < fill; i++)
        dst[i] = pad->data[i % pad->len];
    memcpy(r->data + (left ? fill : 0), rt__str_bytes(s), n);
    return r;
}

rt_string rt_str_pad_left(rt_string s, int64_t width, rt_string pad) { return rt_pad(s, width, pad, true); }
rt_string rt_str_pad_right(rt_string s, int64_t width, rt_string pad) { return rt_pad(s, width, pad, false); }

int64_t rt_str_count(rt_string s, rt_string needle) {
    size_t nl = rt__str_len(needle);
    if (nl == 0)
        return 0;
    int64_t c = 0;
    for (ptrdiff_t i = rt__find_bytes(rt__str_bytes(s), rt__str_len(s), needle->data, nl, 0); i >= 0;
         i = rt__find_bytes(s->data, s->len, needle->data, nl, (size_t)i + nl))
        c++;
    return c;
}

int64_t rt_str_cmp(rt_string a, rt_string b) {
    rt_string ea = a ? a : rt_str_empty(), eb = b ? b : rt_str_empty();
    return rt__str_cmp(ea, eb);
}

int64_t rt_str_cmp_nocase(rt_string a, rt_string b) {
    size_t la = rt__str_len(a), lb = rt__str_len(b), n = la < lb ? la : lb;
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)rt_lo(a->data[i]), y = (unsigned char)rt_lo(b->data[i]);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return la < lb ? -1 : (la > lb ? 1 : 0);
}

int64_t rt_str_index_of_from(rt_string s, int64_t start, rt_string needle) {
    return rt_instr3(start, s, needle);
}

int64_t rt_str_last_index_of(rt_string s, rt_string needle) {
    if (!s || !needle)
        return 0;
    if (needle->len > s->len)
        return 0;
    for (size_t i = s->len - needle->len + 1; i-- > 0;)
        if (memcmp(s->data + i, needle->data, needle->len) == 0)
            return (int64_t)i + 1;
    return 0;
}

rt_string rt_str_capitalize(rt_string s) {
    rt_string r = rt_str_clone(s);
    if (r->len)
        r->data[0] = rt_up(r->data[0]);
    return r;
}

rt_string rt_str_title(rt_string s) {
    rt_string r = rt_str_clone(s);
    bool start = true;
    for (size_t i = 0; i < r->len; i++) {
        char c = r->data[i];
        bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        r->data[i] = start ? rt_up(c) : rt_lo(c);
        start = blank;
    }
    return r;
}

rt_string rt_str_remove_prefix(rt_string s, rt_string p) {
    if (s && p && rt_str_starts_with(s, p))
        return rt__str_new(s->data + p->len, s->len - p->len);
    return rt_str_clone(s);
}

rt_string rt_str_remove_suffix(rt_string s, rt_string p) {
    if (s && p && rt_str_ends_with(s, p))
        return rt__str_new(s->data, s->len - p->len);
    return rt_str_clone(s);
}

rt_string rt_str_trim_char(rt_string s, rt_string ch) {
    size_t n = rt__str_len(s);
    if (rt__str_len(ch) == 0)
        return rt_str_clone(s);
    char c = ch->data[0];
    size_t b = 0, e = n;
    while (b < e && s->data[b] == c)
        b++;
    while (e > b && s->data[e - 1] == c)
        e--;
    return rt__str_new(rt__str_bytes(s) + b, e - b);
}

/* Words of s: runs of letters/digits, also split where a lower-case letter or digit is followed
 * by an upper-case letter. Calls emit(word, len, index, ctx) for each. */
static void rt_words(rt_string s, void (*emit)(const char *, size_t, size_t, void *), void *ctx) {
    const char *d = rt__str_bytes(s);
    size_t n = rt__str_len(s), i = 0, k = 0;
    while (i < n) {
        while (i < n && !rt_alnum(d[i]))
            i++;
        if (i >= n)
            break;
        size_t b = i++;
        while (i < n && rt_alnum(d[i]) &&
               !(d[i] >= 'A' && d[i] <= 'Z' && !(d[i - 1] >= 'A' && d[i - 1] <= 'Z')))
            i++;
        emit(d + b, i - b, k++, ctx);
    }
}

typedef struct {
    char *buf;
    size_t len;
    int style; /* 0 camel, 1 pascal, 2 snake, 3 kebab, 4 screaming, 5 slug */
} rt_case_ctx;

static void rt_case_emit(const char *w, size_t n, size_t k, void *p) {
    rt_case_ctx *c = p;
    if (k > 0 && c->style >= 2)
        c->buf[c->len++] = (c->style == 3 || c->style == 5) ? '-' : '_';
    for (size_t i = 0; i < n; i++) {
        char ch = w[i];
        if (c->style == 4)
            ch = rt_up(ch);
        else if (c->style <= 1 && i == 0 && (k > 0 || c->style == 1))
            ch = rt_up(ch);
        else
            ch = rt_lo(ch);
        c->buf[c->len++] = ch;
    }
}

static rt_string rt_case_style(rt_string s, int style) {
    size_t n = rt__str_len(s);
    rt_case_ctx c = {malloc(2 * n + 1), 0, style};
    if (!c.buf)
        rt__trap("out of memory");
    rt_words(s, rt_case_emit, &c);
    rt_string r = c.len ? rt__str_new(c.buf, c.len) : rt_str_empty();
    free(c.buf);
    return r;
}

rt_string rt_str_camel_case(rt_string s) { return rt_case_style(s, 0); }
rt_string rt_str_pascal_case(rt_string s) { return rt_case_style(s, 1); }
rt_string rt_str_snake_case(rt_string s) { return rt_case_style(s, 2); }
rt_string rt_str_kebab_case(rt_string s) { return rt_case_style(s, 3); }
rt_string rt_str_screaming_snake(rt_string s) { return rt_case_style(s, 4); }

rt_string rt_str_slug(rt_string s) {
    size_t n = rt__str_len(s), len = 0;
    char *buf = malloc(n + 1);
    if (!buf)
        rt__trap("out of memory");
    bool dash = false;
    for (size_t i = 0; i < n; i++) {
        char c = s->data[i];
        if (rt_alnum(c)) {
            if (dash && len > 0)
                buf[len++] = '-';
            dash = false;
            buf[len++] = rt_lo(c);
        } else {
            dash = true;
        }
    }
    rt_string r = len ? rt__str_new(buf, len) : rt_str_empty();
    free(buf);
    return r;
}

int64_t rt_str_levenshtein(rt_string a, rt_string b) {
    size_t la = rt__str_len(a), lb = rt__str_len(b);
    size_t *row = malloc((lb + 1) * sizeof *row);
    if (!row)
        rt__trap("out of memory");
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a->data[i - 1] == b->data[j - 1] ? 0 : 1;
            size_t best = diag + cost;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    int64_t d = (int64_t)row[lb];
    free(row);
    return d;
}

double rt_str_jaro(rt_string a, rt_string b) {
    size_t la = rt__str_len(a), lb = rt__str_len(b);
    if (la == 0 && lb == 0)
        return 1.0;
    if (la == 0 || lb == 0)
        return 0.0;
    size_t window = (la > lb ? la : lb) / 2;
    window = window > 0 ? window - 1 : 0;
    bool *ma = calloc(la, 1), *mb = calloc(lb, 1);
    if (!ma || !mb)
        rt__trap("out of memory");
    size_t m = 0;
    for (size_t i = 0; i < la; i++) {
        size_t lo = i > window ? i - window : 0, hi = i + window + 1 < lb ? i + window + 1 : lb;
        for (size_t j = lo; j < hi; j++) {
            if (!mb[j] && a->data[i] == b->data[j]) {
                ma[i] = mb[j] = true;
                m++;
                break;
            }
        }
    }
    double result = 0.0;
    if (m > 0) {
        size_t t = 0, k = 0;
        for (size_t i = 0; i < la; i++) {
            if (!ma[i])
                continue;
            while (!mb[k])
                k++;
            if (a->data[i] != b->data[k])
                t++;
            k++;
        }
        double md = (double)m;
        result = (md / (double)la + md / (double)lb + (md - (double)t / 2.0) / md) / 3.0;
    }
    free(ma);
    free(mb);
    return result;
}

double rt_str_jaro_winkler(rt_string a, rt_string b) {
    double j = rt_str_jaro(a, b);
    size_t la = rt__str_len(a), lb = rt__str_len(b), l = 0;
    while (l < 4 && l < la && l < lb && a->data[l] == b->data[l])
        l++;
    return j + (double)l * 0.1 * (1.0 - j);
}

int64_t rt_str_hamming(rt_string a, rt_string b) {
    size_t la = rt__str_len(a), lb = rt__str_len(b);
    if (la != lb)
        return -1;
    int64_t d = 0;
    for (size_t i = 0; i < la; i++)
        d += a->data[i] != b->data[i];
    return d;
}

void *rt_str_split(rt_string s, rt_string sep) {
    void *seq = rt_seq_new();
    size_t n = rt__str_len(s), sl = rt__str_len(sep);
    if (sl == 0) {
        for (size_t i = 0; i < n; i++)
            rt__seq_push_owned(seq, rt__str_new(s->data + i, 1));
        if (n == 0)
            rt__seq_push_owned(seq, rt_str_empty());
        return seq;
    }
    size_t pos = 0;
    for (ptrdiff_t i = rt__find_bytes(rt__str_bytes(s), n, sep->data, sl, 0); i >= 0;
         i = rt__find_bytes(s->data, n, sep->data, sl, pos)) {
        rt__seq_push_owned(seq, rt__str_new(s->data + pos, (size_t)i - pos));
        pos = (size_t)i + sl;
    }
    rt__seq_push_owned(seq, rt__str_new(rt__str_bytes(s) + pos, n - pos));
    return seq;
}

rt_string rt_str_join(rt_string sep, void *seq) {
    int64_t count = seq ? rt_seq_len(seq) : 0;
    size_t total = 0, sl = rt__str_len(sep);
    for (int64_t i = 0; i < count; i++) {
        void *e = rt__seq_at(seq, i);
        total += rt__is_string(e) ? ((rt_string)e)->len : 0;
        if (i)
            total += sl;
    }
    if (total == 0)
        return rt_str_empty();
    rt_string r = rt__str_alloc(total);
    size_t out = 0;
    for (int64_t i = 0; i < count; i++) {
        void *e = rt__seq_at(seq, i);
        if (i) {
            memcpy(r->data + out, rt__str_bytes(sep), sl);
            out += sl;
        }
        if (rt__is_string(e)) {
            memcpy(r->data + out, ((rt_string)e)->data, ((rt_string)e)->len);
            out += ((rt_string)e)->len;
        }
    }
    return r;
}
