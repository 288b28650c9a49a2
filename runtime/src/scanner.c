/*
 * scanner.c — Viper.Text.Scanner: a byte cursor over a string for hand-written lexers.
 *
 * The scanner keeps its own reference to the text and a position 0 <= Pos <= Len (set_Pos and Skip
 * clamp to that range). Bytes are returned as 0..255; Peek/PeekAt(offset from Pos)/Read give -1
 * past either end. PeekStr/ReadStr(n) give up to n bytes (n <= 0: ""). Match(c)/MatchStr(s) test
 * without moving; Accept(c)/AcceptStr(s)/AcceptAny(set) consume on success. SkipWhitespace
 * consumes spaces, tabs, `\r`, `\n`, `\f`, `\v` and returns how many. Read* token readers return
 * "" without moving when no token starts at Pos: ReadInt `[+-]?[0-9]+`; ReadNumber
 * `[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?` (also `.5`-style `[+-]?\.[0-9]+`); ReadIdent
 * `[A-Za-z_][A-Za-z0-9_]*`; ReadQuoted(q) a q-delimited string whose content is returned with
 * `\n \t \r \\ \<q>` decoded (unterminated: the rest of the text, all consumed). ReadUntil(c) /
 * ReadUntilAny(set) return the bytes before the first stop byte (or the rest) and leave Pos on it;
 * ReadLine returns the rest of the line and consumes its `\n` / `\r\n`. NULL scanner: numbers 0,
 * bytes -1, booleans false, strings "".
 */
#include "rt_collections_abi.h"
#include "rt_io_abi.h"
#include "rt_text_abi.h"
#include "rt_codec_internal.h"

#include <string.h>

typedef struct rt_scanner {
    void *vptr; /* NULL (collection convention) */
    rt_string text;
    int64_t pos, len;
} rt_scanner;

static void sc_finalize(void *p) {
    rt_scanner *s = p;
    rt_str_release_maybe(s->text);
    s->text = NULL;
}

static rt_scanner *as_sc(void *p) { return rt__is_collection(p, sc_finalize) ? p : NULL; }

void *rt_scanner_new(rt_string text) {
    rt_scanner *s = rt__collection_alloc(sizeof(rt_scanner), sc_finalize);
    s->text = text ? text : rt_str_empty();
    rt_str_retain_maybe(s->text);
    s->len = (int64_t)rt__str_len(s->text);
    return s;
}

static const uint8_t *bytes(rt_scanner *s) { return (const uint8_t *)rt__str_bytes(s->text); }
static int at(rt_scanner *s, int64_t i) { return i >= 0 && i < s->len ? bytes(s)[i] : -1; }
static rt_string slice(rt_scanner *s, int64_t a, int64_t b) {
    return rt__str_new((const char *)bytes(s) + a, (size_t)(b - a));
}
static bool in_set(rt_string set, int c) {
    return c >= 0 && memchr(rt__str_bytes(set), c, rt__str_len(set)) != NULL;
}
static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

int64_t rt_scanner_pos(void *p) { rt_scanner *s = as_sc(p); return s ? s->pos : 0; }
int64_t rt_scanner_len(void *p) { rt_scanner *s = as_sc(p); return s ? s->len : 0; }
int64_t rt_scanner_remaining(void *p) { rt_scanner *s = as_sc(p); return s ? s->len - s->pos : 0; }
bool rt_scanner_is_end(void *p) { rt_scanner *s = as_sc(p); return !s || s->pos >= s->len; }

void rt_scanner_set_pos(void *p, int64_t pos) {
    rt_scanner *s = as_sc(p);
    if (s)
        s->pos = pos < 0 ? 0 : pos > s->len ? s->len : pos;
}
void rt_scanner_reset(void *p) { rt_scanner_set_pos(p, 0); }
void rt_scanner_skip(void *p, int64_t n) {
    rt_scanner *s = as_sc(p);
    if (s)
        rt_scanner_set_pos(p, n > s->len ? s->len : s->pos + n);
}

int64_t rt_scanner_peek(void *p) { rt_scanner *s = as_sc(p); return s ? at(s, s->pos) : -1; }
int64_t rt_scanner_peek_at(void *p, int64_t off) {
    rt_scanner *s = as_sc(p);
    return s && off > INT64_MIN / 2 && off < INT64_MAX / 2 ? at(s, s->pos + off) : -1;
}
int64_t rt_scanner_read(void *p) {
    rt_scanner *s = as_sc(p);
    int c = s ? at(s, s->pos) : -1;
    if (c >= 0)
        s->pos++;
    return c;
}

rt_string rt_scanner_peek_str(void *p, int64_t n) {
    rt_scanner *s = as_sc(p);
    if (!s || n <= 0)
        return rt_str_empty();
    int64_t e = n > s->len - s->pos ? s->len : s->pos + n;
    return slice(s, s->pos, e);
}
rt_string rt_scanner_read_str(void *p, int64_t n) {
    rt_string r = rt_scanner_peek_str(p, n);
    rt_scanner_skip(p, (int64_t)rt__str_len(r));
    return r;
}

bool rt_scanner_match(void *p, int64_t c) { return rt_scanner_peek(p) == c && c >= 0; }
bool rt_scanner_accept(void *p, int64_t c) {
    if (!rt_scanner_match(p, c))
        return false;
    as_sc(p)->pos++;
    return true;
}
bool rt_scanner_match_str(void *p, rt_string str) {
    rt_scanner *s = as_sc(p);
    int64_t n = (int64_t)rt__str_len(str);
    return s && s->len - s->pos >= n && memcmp(bytes(s) + s->pos, rt__str_bytes(str), (size_t)n) == 0;
}
bool rt_scanner_accept_str(void *p, rt_string str) {
    if (!rt_scanner_match_str(p, str))
        return false;
    as_sc(p)->pos += (int64_t)rt__str_len(str);
    return true;
}
bool rt_scanner_accept_any(void *p, rt_string set) {
    rt_scanner *s = as_sc(p);
    if (!s || !in_set(set, at(s, s->pos)))
        return false;
    s->pos++;
    return true;
}

int64_t rt_scanner_skip_whitespace(void *p) {
    rt_scanner *s = as_sc(p);
    int64_t start = s ? s->pos : 0;
    while (s && s->pos < s->len && strchr(" \t\r\n\f\v", bytes(s)[s->pos]))
        s->pos++;
    return s ? s->pos - start : 0;
}

/* Index after the digits starting at i. */
static int64_t digits(rt_scanner *s, int64_t i) {
    while (is_digit(at(s, i)))
        i++;
    return i;
}

rt_string rt_scanner_read_int(void *p) {
    rt_scanner *s = as_sc(p);
    if (!s)
        return rt_str_empty();
    int64_t i = s->pos + (at(s, s->pos) == '+' || at(s, s->pos) == '-');
    int64_t e = digits(s, i);
    if (e == i)
        return rt_str_empty();
    rt_string r = slice(s, s->pos, e);
    s->pos = e;
    return r;
}

rt_string rt_scanner_read_number(void *p) {
    rt_scanner *s = as_sc(p);
    if (!s)
        return rt_str_empty();
    int64_t i = s->pos + (at(s, s->pos) == '+' || at(s, s->pos) == '-');
    int64_t e = digits(s, i);
    bool any = e > i;
    if (at(s, e) == '.' && is_digit(at(s, e + 1))) {
        e = digits(s, e + 1);
        any = true;
    }
    if (!any)
        return rt_str_empty();
    if (at(s, e) == 'e' || at(s, e) == 'E') {
        int64_t x = e + 1 + (at(s, e + 1) == '+' || at(s, e + 1) == '-');
        if (is_digit(at(s, x)))
            e = digits(s, x);
    }
    rt_string r = slice(s, s->pos, e);
    s->pos = e;
    return r;
}

rt_string rt_scanner_read_ident(void *p) {
    rt_scanner *s = as_sc(p);
    if (!s || !is_alpha(at(s, s->pos)))
        return rt_str_empty();
    int64_t e = s->pos + 1;
    while (is_alpha(at(s, e)) || is_digit(at(s, e)))
        e++;
    rt_string r = slice(s, s->pos, e);
    s->pos = e;
    return r;
}

rt_string rt_scanner_read_quoted(void *p, int64_t q) {
    rt_scanner *s = as_sc(p);
    if (!s || q < 0 || at(s, s->pos) != q)
        return rt_str_empty();
    rt_buf b = {0};
    int64_t i = s->pos + 1;
    for (; i < s->len && at(s, i) != q; i++) {
        int c = at(s, i);
        if (c == '\\' && i + 1 < s->len) {
            int d = at(s, ++i);
            c = d == 'n' ? '\n' : d == 't' ? '\t' : d == 'r' ? '\r' : d;
        }
        rt__buf_putc(&b, (char)c);
    }
    s->pos = i < s->len ? i + 1 : s->len;
    return rt__buf_finish(&b);
}

static rt_string read_until(void *p, int64_t c, rt_string set) {
    rt_scanner *s = as_sc(p);
    if (!s)
        return rt_str_empty();
    int64_t e = s->pos;
    while (e < s->len && (set ? !in_set(set, at(s, e)) : at(s, e) != c))
        e++;
    rt_string r = slice(s, s->pos, e);
    s->pos = e;
    return r;
}

rt_string rt_scanner_read_until(void *p, int64_t c) { return read_until(p, c, NULL); }
rt_string rt_scanner_read_until_any(void *p, rt_string set) {
    return read_until(p, -1, set ? set : rt_str_empty());
}

rt_string rt_scanner_read_line(void *p) {
    rt_scanner *s = as_sc(p);
    rt_string r = read_until(p, '\n', NULL);
    if (!s)
        return r;
    if (rt__str_len(r) && r->data[r->len - 1] == '\r') {
        rt_string t = rt__str_new(r->data, r->len - 1);
        rt_str_release_maybe(r);
        r = t;
    }
    if (at(s, s->pos) == '\n')
        s->pos++;
    return r;
}
