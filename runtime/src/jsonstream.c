/*
 * jsonstream.c — Viper.Text.JsonStream: a pull tokenizer over JSON text.
 *
 * Next() reads one token and returns its type (enum rt_json_tok in rt_data_abi.h; the corpus pins
 * 1-8: object start/end, array start/end, key, string, number, bool). The grammar is strict JSON
 * (RFC 8259): commas and colons are checked, not returned as tokens. After the top-level value is
 * complete Next returns END (whitespace only may follow); on malformed input it returns ERROR and
 * keeps returning it, and Error() describes the first problem ("" while there is none).
 * HasNext is true while the top-level value is incomplete and no error occurred.
 * StringValue / NumberValue / BoolValue give the value of the most recent string-or-key, number
 * and bool token respectively (they persist across other tokens; initially "", 0, false).
 * Depth is the number of currently open containers. Skip, when the current token opens a
 * container, consumes tokens up to and including its matching close; otherwise it does nothing.
 * NULL stream: Next/TokenType give NONE, HasNext false, values empty.
 */
#include "rt_data_abi.h"
#include "rt_codec_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JS_MAX_DEPTH 512

enum js_expect { EX_VALUE, EX_VALUE_OR_END, EX_KEY, EX_KEY_OR_END, EX_COMMA_OR_END, EX_DONE };

typedef struct rt_json_stream {
    void *vptr; /* NULL (collection convention) */
    rt_string text;
    size_t pos, len;
    int64_t tok;
    enum js_expect expect;
    char stack[JS_MAX_DEPTH];
    int64_t depth;
    rt_string str_val;
    double num_val;
    bool bool_val;
    rt_string error; /* NULL while no error */
} rt_json_stream;

static void js_finalize(void *p) {
    rt_json_stream *s = p;
    rt_str_release_maybe(s->text);
    rt_str_release_maybe(s->str_val);
    rt_str_release_maybe(s->error);
    s->text = s->str_val = s->error = NULL;
}

static rt_json_stream *as_js(void *p) { return rt__is_collection(p, js_finalize) ? p : NULL; }

void *rt_json_stream_new(rt_string text) {
    rt_json_stream *s = rt__collection_alloc(sizeof(rt_json_stream), js_finalize);
    s->text = text ? text : rt_str_empty();
    rt_str_retain_maybe(s->text);
    s->len = rt__str_len(s->text);
    s->expect = EX_VALUE;
    s->str_val = rt_str_empty();
    return s;
}

static const char *src(rt_json_stream *s) { return rt__str_bytes(s->text); }
static int peek(rt_json_stream *s) { return s->pos < s->len ? (unsigned char)src(s)[s->pos] : -1; }

static void ws(rt_json_stream *s) {
    int c;
    while ((c = peek(s)) == ' ' || c == '\t' || c == '\n' || c == '\r')
        s->pos++;
}

static int64_t fail(rt_json_stream *s, const char *what) {
    if (!s->error) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s at offset %zu", what, s->pos);
        s->error = rt__str_from_cstr(msg);
    }
    return s->tok = RT_JTOK_ERROR;
}

static void set_str(rt_json_stream *s, rt_string v) {
    rt_str_release_maybe(s->str_val);
    s->str_val = v;
}

/* Reads a string literal starting at the opening quote into str_val; false on error. */
static bool read_string(rt_json_stream *s) {
    rt_buf b = {0};
    s->pos++;
    for (;;) {
        int c = peek(s);
        if (c < 0 || c < 0x20) {
            free(b.data);
            return false;
        }
        s->pos++;
        if (c == '"')
            break;
        if (c != '\\') {
            rt__buf_putc(&b, (char)c);
            continue;
        }
        int e = peek(s);
        s->pos++;
        const char *simple = strchr("\"\\/bfnrt", e > 0 ? e : 'x');
        if (e > 0 && simple) {
            static const char out[] = "\"\\/\b\f\n\r\t";
            rt__buf_putc(&b, out[simple - "\"\\/bfnrt"]);
            continue;
        }
        if (e != 'u' || s->pos + 4 > s->len) {
            free(b.data);
            return false;
        }
        unsigned cp = 0;
        for (int k = 0; k < 4; k++) {
            int h = rt__hex_val((unsigned char)src(s)[s->pos + (size_t)k]);
            if (h < 0) {
                free(b.data);
                return false;
            }
            cp = cp * 16 + (unsigned)h;
        }
        s->pos += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF && s->pos + 6 <= s->len && src(s)[s->pos] == '\\' &&
            src(s)[s->pos + 1] == 'u') {
            unsigned lo = 0;
            bool okh = true;
            for (int k = 0; k < 4; k++) {
                int h = rt__hex_val((unsigned char)src(s)[s->pos + 2 + (size_t)k]);
                okh = okh && h >= 0;
                lo = lo * 16 + (unsigned)(h < 0 ? 0 : h);
            }
            if (okh && lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                s->pos += 6;
            }
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            free(b.data);
            return false;
        }
        rt__buf_put_utf8(&b, cp);
    }
    set_str(s, rt__buf_finish(&b));
    return true;
}

static bool is_digit(int c) { return c >= '0' && c <= '9'; }

static bool read_number(rt_json_stream *s) {
    size_t start = s->pos;
    if (peek(s) == '-')
        s->pos++;
    if (peek(s) == '0')
        s->pos++;
    else if (is_digit(peek(s)))
        while (is_digit(peek(s)))
            s->pos++;
    else
        return false;
    if (peek(s) == '.') {
        s->pos++;
        if (!is_digit(peek(s)))
            return false;
        while (is_digit(peek(s)))
            s->pos++;
    }
    if (peek(s) == 'e' || peek(s) == 'E') {
        s->pos++;
        if (peek(s) == '+' || peek(s) == '-')
            s->pos++;
        if (!is_digit(peek(s)))
            return false;
        while (is_digit(peek(s)))
            s->pos++;
    }
    size_t n = s->pos - start;
    char *tmp = rt__xmalloc(n + 1);
    memcpy(tmp, src(s) + start, n);
    tmp[n] = 0;
    s->num_val = strtod(tmp, NULL);
    free(tmp);
    return true;
}

static bool lit(rt_json_stream *s, const char *w) {
    size_t n = strlen(w);
    if (s->len - s->pos < n || memcmp(src(s) + s->pos, w, n) != 0)
        return false;
    s->pos += n;
    return true;
}

static void after_value(rt_json_stream *s) { s->expect = s->depth > 0 ? EX_COMMA_OR_END : EX_DONE; }

static int64_t close_container(rt_json_stream *s) {
    s->pos++;
    s->depth--;
    int64_t t = s->stack[s->depth] == '{' ? RT_JTOK_OBJECT_END : RT_JTOK_ARRAY_END;
    after_value(s);
    return s->tok = t;
}

static int64_t open_container(rt_json_stream *s, char c) {
    if (s->depth >= JS_MAX_DEPTH)
        return fail(s, "nesting too deep");
    s->pos++;
    s->stack[s->depth++] = c;
    s->expect = c == '{' ? EX_KEY_OR_END : EX_VALUE_OR_END;
    return s->tok = c == '{' ? RT_JTOK_OBJECT_START : RT_JTOK_ARRAY_START;
}

static int64_t read_value(rt_json_stream *s) {
    int c = peek(s);
    int64_t t;
    if (c == '{' || c == '[')
        return open_container(s, (char)c);
    if (c == '"') {
        if (!read_string(s))
            return fail(s, "invalid string");
        t = RT_JTOK_STRING;
    } else if (c == '-' || is_digit(c)) {
        if (!read_number(s))
            return fail(s, "invalid number");
        t = RT_JTOK_NUMBER;
    } else if (lit(s, "true") || lit(s, "false")) {
        s->bool_val = src(s)[s->pos - 1] == 'e' && src(s)[s->pos - 2] == 'u';
        t = RT_JTOK_BOOL;
    } else if (lit(s, "null")) {
        t = RT_JTOK_NULL;
    } else {
        return fail(s, c < 0 ? "unexpected end of input" : "unexpected character");
    }
    after_value(s);
    return s->tok = t;
}

static int64_t next(rt_json_stream *s) {
    if (s->error)
        return s->tok = RT_JTOK_ERROR;
    ws(s);
    int c = peek(s);
    char closer = s->depth > 0 ? (s->stack[s->depth - 1] == '{' ? '}' : ']') : 0;
    switch (s->expect) {
    case EX_DONE:
        if (c >= 0)
            return fail(s, "unexpected trailing characters");
        return s->tok = RT_JTOK_END;
    case EX_COMMA_OR_END:
        if (c == closer)
            return close_container(s);
        if (c != ',')
            return fail(s, "expected ',' or closing bracket");
        s->pos++;
        ws(s);
        s->expect = closer == '}' ? EX_KEY : EX_VALUE;
        return next(s);
    case EX_KEY_OR_END:
    case EX_VALUE_OR_END:
        if (c == closer)
            return close_container(s);
        s->expect = s->expect == EX_KEY_OR_END ? EX_KEY : EX_VALUE;
        return next(s);
    case EX_KEY:
        if (c != '"' || !read_string(s))
            return fail(s, "expected string key");
        ws(s);
        if (peek(s) != ':')
            return fail(s, "expected ':'");
        s->pos++;
        s->expect = EX_VALUE;
        return s->tok = RT_JTOK_KEY;
    case EX_VALUE:
        break;
    }
    return read_value(s);
}

int64_t rt_json_stream_next(void *p) {
    rt_json_stream *s = as_js(p);
    return s ? next(s) : RT_JTOK_NONE;
}

int64_t rt_json_stream_token_type(void *p) {
    rt_json_stream *s = as_js(p);
    return s ? s->tok : RT_JTOK_NONE;
}

bool rt_json_stream_has_next(void *p) {
    rt_json_stream *s = as_js(p);
    return s && !s->error && s->expect != EX_DONE;
}

rt_string rt_json_stream_string_value(void *p) {
    rt_json_stream *s = as_js(p);
    rt_string v = s ? s->str_val : rt_str_empty();
    rt_str_retain_maybe(v);
    return v;
}

double rt_json_stream_number_value(void *p) {
    rt_json_stream *s = as_js(p);
    return s ? s->num_val : 0.0;
}

bool rt_json_stream_bool_value(void *p) {
    rt_json_stream *s = as_js(p);
    return s && s->bool_val;
}

int64_t rt_json_stream_depth(void *p) {
    rt_json_stream *s = as_js(p);
    return s ? s->depth : 0;
}

void rt_json_stream_skip(void *p) {
    rt_json_stream *s = as_js(p);
    if (!s || (s->tok != RT_JTOK_OBJECT_START && s->tok != RT_JTOK_ARRAY_START))
        return;
    int64_t target = s->depth - 1;
    while (s->depth > target && !s->error)
        next(s);
}

rt_string rt_json_stream_error(void *p) {
    rt_json_stream *s = as_js(p);
    rt_string e = s && s->error ? s->error : rt_str_empty();
    rt_str_retain_maybe(e);
    return e;
}
