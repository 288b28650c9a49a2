/*
 * textwrap.c — Viper.Text.TextWrapper: word wrapping, indentation and fitting text to a width.
 * Widths and lengths count bytes; a NULL string reads as "".
 *
 *   Wrap / Fill(s, w)   greedy word wrap: each input line (split at '\n') is broken into words at
 *                       spaces/tabs and packed into lines of at most w bytes joined by '\n'; a word
 *                       longer than w stays whole on its own line; w < 1 counts as 1
 *   WrapLines(s, w)     the lines of Wrap as a Seq of strings
 *   Indent(s, p)        p before every non-empty line;  Hang(s, p): p before every line but the first
 *   Dedent(s)           removes the longest run of leading spaces/tabs common to all non-blank lines
 *   Truncate(s, w)      s if it fits, else its first w-3 bytes + "..." (w < 3: the first w of "...")
 *   TruncateWith(s,w,x) the same with suffix x
 *   Shorten(s, w)       s if it fits, else head + "..." + tail, head = (w-3)/2, tail = w-3-head
 *   Left/Right/Center   pad with spaces to w (never truncates); Center puts the odd space right
 *   LineCount(s)        number of '\n'-separated lines ("" has one)
 *   MaxLineLen(s)       length of the longest line
 */
#include "rt_collections_abi.h"
#include "rt_lang_abi.h"
#include "rt_text_abi.h"
#include "rt_codec_internal.h"

#include <stdlib.h>
#include <string.h>

/* Calls fn(line, len, ctx) for each '\n'-separated line of s (at least one). */
typedef void (*line_fn)(const char *p, size_t n, size_t index, void *ctx);
static size_t each_line(rt_string s, line_fn fn, void *ctx) {
    const char *p = rt__str_bytes(s);
    size_t n = rt__str_len(s), st = 0, k = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || p[i] == '\n') {
            if (fn)
                fn(p + st, i - st, k, ctx);
            k++;
            st = i + 1;
        }
    }
    return k;
}

typedef struct wrap_ctx {
    size_t width;
    void *seq; /* receives each output line */
} wrap_ctx;

static void emit(wrap_ctx *c, const char *p, size_t n) {
    rt__seq_push_owned(c->seq, rt__str_new(p, n));
}

static void wrap_line(const char *p, size_t n, size_t index, void *ctx) {
    (void)index;
    wrap_ctx *c = ctx;
    rt_buf cur = {0};
    size_t i = 0;
    bool any = false;
    while (i < n) {
        while (i < n && (p[i] == ' ' || p[i] == '\t'))
            i++;
        size_t st = i;
        while (i < n && p[i] != ' ' && p[i] != '\t')
            i++;
        if (i == st)
            break;
        size_t wl = i - st;
        if (cur.len && cur.len + 1 + wl > c->width) {
            emit(c, cur.data, cur.len);
            cur.len = 0;
        }
        if (cur.len)
            rt__buf_putc(&cur, ' ');
        rt__buf_put(&cur, p + st, wl);
        any = true;
    }
    if (cur.len || !any)
        emit(c, cur.data ? cur.data : "", cur.len);
    free(cur.data);
}

void *rt_textwrap_wrap_lines(rt_string s, int64_t w) {
    wrap_ctx c = {w < 1 ? 1 : (size_t)w, rt_seq_new()};
    each_line(s, wrap_line, &c);
    return c.seq;
}

static rt_string join_lines(void *seq) {
    rt_buf b = {0};
    for (int64_t i = 0; i < rt_seq_len(seq); i++) {
        rt_string l = rt__seq_at(seq, i);
        if (i)
            rt__buf_putc(&b, '\n');
        rt__buf_put(&b, rt__str_bytes(l), rt__str_len(l));
    }
    rt__obj_release_and_free(seq);
    return rt__buf_finish(&b);
}

rt_string rt_textwrap_wrap(rt_string s, int64_t w) { return join_lines(rt_textwrap_wrap_lines(s, w)); }
rt_string rt_textwrap_fill(rt_string s, int64_t w) { return rt_textwrap_wrap(s, w); }

typedef struct prefix_ctx {
    rt_buf *b;
    rt_string prefix;
    bool hang; /* skip the first line; prefix even empty lines */
} prefix_ctx;

static void prefix_line(const char *p, size_t n, size_t index, void *ctx) {
    prefix_ctx *c = ctx;
    if (index)
        rt__buf_putc(c->b, '\n');
    if (c->hang ? index > 0 : n > 0)
        rt__buf_put(c->b, rt__str_bytes(c->prefix), rt__str_len(c->prefix));
    rt__buf_put(c->b, p, n);
}

static rt_string prefixed(rt_string s, rt_string prefix, bool hang) {
    rt_buf b = {0};
    prefix_ctx c = {&b, prefix, hang};
    each_line(s, prefix_line, &c);
    return rt__buf_finish(&b);
}

rt_string rt_textwrap_indent(rt_string s, rt_string p) { return prefixed(s, p, false); }
rt_string rt_textwrap_hang(rt_string s, rt_string p) { return prefixed(s, p, true); }

typedef struct dedent_ctx {
    rt_buf *b;
    const char *margin; /* first non-blank line's indentation */
    size_t common;      /* common prefix length so far (SIZE_MAX = none yet) */
} dedent_ctx;

static size_t indent_of(const char *p, size_t n) {
    size_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t'))
        i++;
    return i;
}

static void dedent_measure(const char *p, size_t n, size_t index, void *ctx) {
    (void)index;
    dedent_ctx *c = ctx;
    size_t ind = indent_of(p, n);
    if (ind == n)
        return; /* blank */
    if (c->common == SIZE_MAX) {
        c->margin = p;
        c->common = ind;
        return;
    }
    size_t k = 0;
    while (k < c->common && k < ind && p[k] == c->margin[k])
        k++;
    c->common = k;
}

static void dedent_emit(const char *p, size_t n, size_t index, void *ctx) {
    dedent_ctx *c = ctx;
    if (index)
        rt__buf_putc(c->b, '\n');
    size_t cut = indent_of(p, n) == n ? (n < c->common ? n : c->common) : c->common;
    rt__buf_put(c->b, p + cut, n - cut);
}

rt_string rt_textwrap_dedent(rt_string s) {
    rt_buf b = {0};
    dedent_ctx c = {&b, NULL, SIZE_MAX};
    each_line(s, dedent_measure, &c);
    if (c.common == SIZE_MAX)
        c.common = 0;
    each_line(s, dedent_emit, &c);
    return rt__buf_finish(&b);
}

static rt_string same(rt_string s) {
    if (!s)
        return rt_str_empty();
    rt_str_retain_maybe(s);
    return s;
}

rt_string rt_textwrap_truncate_with(rt_string s, int64_t w, rt_string suffix) {
    size_t n = rt__str_len(s), sl = rt__str_len(suffix);
    size_t width = w < 0 ? 0 : (size_t)w;
    if (n <= width)
        return same(s);
    if (sl >= width)
        return rt__str_new(rt__str_bytes(suffix), width);
    rt_buf b = {0};
    rt__buf_put(&b, rt__str_bytes(s), width - sl);
    rt__buf_put(&b, rt__str_bytes(suffix), sl);
    return rt__buf_finish(&b);
}

rt_string rt_textwrap_truncate(rt_string s, int64_t w) {
    rt_string dots = rt__str_from_cstr("...");
    rt_string r = rt_textwrap_truncate_with(s, w, dots);
    rt_str_release_maybe(dots);
    return r;
}

rt_string rt_textwrap_shorten(rt_string s, int64_t w) {
    size_t n = rt__str_len(s);
    size_t width = w < 0 ? 0 : (size_t)w;
    if (n <= width)
        return same(s);
    if (width <= 3)
        return rt__str_new("...", width);
    size_t head = (width - 3) / 2, tail = width - 3 - head;
    rt_buf b = {0};
    rt__buf_put(&b, rt__str_bytes(s), head);
    rt__buf_puts(&b, "...");
    rt__buf_put(&b, rt__str_bytes(s) + n - tail, tail);
    return rt__buf_finish(&b);
}

static rt_string pad(rt_string s, int64_t w, int where /* 0 left-align, 1 right, 2 center */) {
    size_t n = rt__str_len(s);
    size_t width = w < 0 ? 0 : (size_t)w;
    if (n >= width)
        return same(s);
    size_t extra = width - n;
    size_t before = where == 0 ? 0 : where == 1 ? extra : extra / 2;
    rt_string r = rt__str_alloc(width);
    memset(r->data, ' ', width);
    memcpy(r->data + before, rt__str_bytes(s), n);
    return r;
}

rt_string rt_textwrap_left(rt_string s, int64_t w) { return pad(s, w, 0); }
rt_string rt_textwrap_right(rt_string s, int64_t w) { return pad(s, w, 1); }
rt_string rt_textwrap_center(rt_string s, int64_t w) { return pad(s, w, 2); }

int64_t rt_textwrap_line_count(rt_string s) { return (int64_t)each_line(s, NULL, NULL); }

static void longest(const char *p, size_t n, size_t index, void *ctx) {
    (void)p;
    (void)index;
    size_t *m = ctx;
    if (n > *m)
        *m = n;
}

int64_t rt_textwrap_max_line_len(rt_string s) {
    size_t m = 0;
    each_line(s, longest, &m);
    return (int64_t)m;
}
