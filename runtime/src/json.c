/*
 * json.c — Viper.Text.Json: parse JSON text into runtime values and format values as JSON.
 *
 * Value model (rt_json_internal.h): object → Map, array → Seq, string → string handle, number →
 * f64 box, true/false → i1 box, null → NULL. The parser is strict RFC 8259 (no trailing commas,
 * comments or single quotes; \uXXXX escapes incl. surrogate pairs become UTF-8) with a nesting
 * limit of RT_JSON_MAX_DEPTH. Parse traps `Json.Parse: invalid JSON at offset N` on bad input;
 * ParseObject / ParseArray also trap when the top-level value has another type.
 *
 * Formatting: numbers that are integers below 2^53 in magnitude print without a fraction, others
 * with the shortest %.Ng (N = 15..17) that reads back exactly; NaN/Inf print `null`. Object members
 * are emitted in the reference VM's observable order — its hash-table bucket order: FNV-1a (64-bit)
 * of the key modulo a table capacity that starts at 16 and doubles while the member count exceeds
 * 3/4 of it, ties in insertion order (rt__map_keys_vm_order, map.c). (The corpus pins this: {"name","scores"} formats as scores,
 * name.) Pretty output puts each member/element on its own line indented by `indent` spaces per
 * level, `"key": value`, and empty containers as {} / [].
 */
#include "rt_json_internal.h"
#include "rt_vec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RT_JSON_MAX_DEPTH 512

/* ---- parser ---- */

typedef struct jp {
    const char *s;
    size_t n, i;
    bool bad;
    int depth;
} jp;

static void ws(jp *p) {
    while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' ||
                           p->s[p->i] == '\r'))
        p->i++;
}

static void *fail(jp *p) {
    p->bad = true;
    return NULL;
}

static bool lit(jp *p, const char *w) {
    size_t k = strlen(w);
    if (p->n - p->i >= k && memcmp(p->s + p->i, w, k) == 0) {
        p->i += k;
        return true;
    }
    return false;
}

static bool hex4(jp *p, unsigned *out) {
    if (p->n - p->i < 4)
        return false;
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        int h = rt__hex_val((unsigned char)p->s[p->i + (size_t)k]);
        if (h < 0)
            return false;
        v = v * 16 + (unsigned)h;
    }
    p->i += 4;
    *out = v;
    return true;
}

/* A string token (p->i at the opening quote); returns +1 string or NULL with p->bad. */
static rt_string parse_string(jp *p) {
    rt_buf b = {0};
    p->i++;
    while (p->i < p->n) {
        unsigned char c = (unsigned char)p->s[p->i++];
        if (c == '"')
            return rt__buf_finish(&b);
        if (c < 0x20)
            break;
        if (c != '\\') {
            rt__buf_putc(&b, (char)c);
            continue;
        }
        if (p->i >= p->n)
            break;
        char e = p->s[p->i++];
        const char *simple = strchr("\"\\/bfnrt", e);
        if (e && simple) {
            static const char map[] = "\"\\/\b\f\n\r\t";
            rt__buf_putc(&b, map[simple - "\"\\/bfnrt"]);
            continue;
        }
        unsigned cp, lo;
        if (e != 'u' || !hex4(p, &cp))
            break;
        if (cp >= 0xD800 && cp < 0xDC00) {
            if (!lit(p, "\\u") || !hex4(p, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                break;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            break;
        }
        rt__buf_put_utf8(&b, cp);
    }
    free(b.data);
    p->bad = true;
    return NULL;
}

static void *parse_number(jp *p) {
    size_t st = p->i;
    if (p->i < p->n && p->s[p->i] == '-')
        p->i++;
#define DIGIT (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
    if (!DIGIT)
        return fail(p);
    if (p->s[p->i] == '0')
        p->i++;
    else
        while (DIGIT)
            p->i++;
    if (p->i < p->n && p->s[p->i] == '.') {
        p->i++;
        if (!DIGIT)
            return fail(p);
        while (DIGIT)
            p->i++;
    }
    if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
            p->i++;
        if (!DIGIT)
            return fail(p);
        while (DIGIT)
            p->i++;
    }
#undef DIGIT
    size_t len = p->i - st;
    char *tmp = rt__xmalloc(len + 1);
    memcpy(tmp, p->s + st, len);
    tmp[len] = 0;
    double v = strtod(tmp, NULL);
    free(tmp);
    return rt_box_f64(v);
}

static void *parse_value(jp *p);

static void *parse_array(jp *p) {
    void *seq = rt_seq_new();
    p->i++;
    ws(p);
    if (p->i < p->n && p->s[p->i] == ']') {
        p->i++;
        return seq;
    }
    for (;;) {
        void *v = parse_value(p);
        if (p->bad)
            break;
        rt__seq_push_owned(seq, v);
        ws(p);
        if (p->i < p->n && p->s[p->i] == ',') {
            p->i++;
            continue;
        }
        if (p->i < p->n && p->s[p->i] == ']') {
            p->i++;
            return seq;
        }
        p->bad = true;
        break;
    }
    rt__obj_release_and_free(seq);
    return NULL;
}

static void *parse_object(jp *p) {
    void *map = rt_map_new();
    p->i++;
    ws(p);
    if (p->i < p->n && p->s[p->i] == '}') {
        p->i++;
        return map;
    }
    for (;;) {
        ws(p);
        if (p->i >= p->n || p->s[p->i] != '"') {
            p->bad = true;
            break;
        }
        rt_string key = parse_string(p);
        if (p->bad)
            break;
        ws(p);
        if (p->i >= p->n || p->s[p->i] != ':') {
            rt_str_release_maybe(key);
            p->bad = true;
            break;
        }
        p->i++;
        void *v = parse_value(p);
        if (!p->bad)
            rt_map_set(map, key, v);
        rt_str_release_maybe(key);
        rt__obj_release_and_free(v);
        if (p->bad)
            break;
        ws(p);
        if (p->i < p->n && p->s[p->i] == ',') {
            p->i++;
            continue;
        }
        if (p->i < p->n && p->s[p->i] == '}') {
            p->i++;
            return map;
        }
        p->bad = true;
        break;
    }
    rt__obj_release_and_free(map);
    return NULL;
}

static void *parse_value(jp *p) {
    ws(p);
    if (p->i >= p->n || p->depth >= RT_JSON_MAX_DEPTH)
        return fail(p);
    char c = p->s[p->i];
    void *v = NULL;
    p->depth++;
    if (c == '{')
        v = parse_object(p);
    else if (c == '[')
        v = parse_array(p);
    else if (c == '"')
        v = parse_string(p);
    else if (c == '-' || (c >= '0' && c <= '9'))
        v = parse_number(p);
    else if (lit(p, "true"))
        v = rt_box_i1(1);
    else if (lit(p, "false"))
        v = rt_box_i1(0);
    else if (!lit(p, "null"))
        p->bad = true;
    p->depth--;
    return v;
}

void *rt__json_parse_text(const char *s, size_t n, bool *ok, size_t *err_pos) {
    jp p = {s, n, 0, false, 0};
    void *v = parse_value(&p);
    if (!p.bad) {
        ws(&p);
        if (p.i != p.n) {
            rt__obj_release_and_free(v);
            v = NULL;
            p.bad = true;
        }
    }
    *ok = !p.bad;
    *err_pos = p.i;
    return v;
}

static void *parse_or_trap(rt_string text, const char *fn) {
    bool ok;
    size_t at;
    void *v = rt__json_parse_text(rt__str_bytes(text), rt__str_len(text), &ok, &at);
    if (!ok)
        rt__trapf("%s: invalid JSON at offset %zu", fn, at);
    return v;
}

void *rt_json_parse(rt_string text) { return parse_or_trap(text, "Json.Parse"); }

void *rt_json_parse_object(rt_string text) {
    void *v = parse_or_trap(text, "Json.ParseObject");
    if (!rt__is_map(v)) {
        rt__obj_release_and_free(v);
        rt__trap("Json.ParseObject: top-level value is not an object");
    }
    return v;
}

void *rt_json_parse_array(rt_string text) {
    void *v = parse_or_trap(text, "Json.ParseArray");
    if (!rt__is_seq(v)) {
        rt__obj_release_and_free(v);
        rt__trap("Json.ParseArray: top-level value is not an array");
    }
    return v;
}

bool rt_json_is_valid(rt_string text) {
    bool ok;
    size_t at;
    void *v = rt__json_parse_text(rt__str_bytes(text), rt__str_len(text), &ok, &at);
    rt__obj_release_and_free(v);
    return ok;
}

/* ---- formatter ---- */

const char *rt__json_type_name(void *v) {
    if (!v)
        return "null";
    if (rt__is_string(v))
        return "string";
    if (rt__is_box(v)) {
        int64_t t = rt_box_type(v);
        return t == RT_BOX_I1 ? "boolean" : t == RT_BOX_STR ? "string" : "number";
    }
    if (rt__is_map(v))
        return "object";
    if (rt__is_seq(v))
        return "array";
    return "unknown";
}

rt_string rt_json_type_of(void *v) { return rt__str_from_cstr(rt__json_type_name(v)); }

static void write_string(rt_buf *b, const char *s, size_t n) {
    rt__buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': rt__buf_puts(b, "\\\""); break;
        case '\\': rt__buf_puts(b, "\\\\"); break;
        case '\n': rt__buf_puts(b, "\\n"); break;
        case '\r': rt__buf_puts(b, "\\r"); break;
        case '\t': rt__buf_puts(b, "\\t"); break;
        case '\b': rt__buf_puts(b, "\\b"); break;
        case '\f': rt__buf_puts(b, "\\f"); break;
        default:
            if (c < 0x20)
                rt__buf_putf(b, "\\u%04x", c);
            else
                rt__buf_putc(b, (char)c);
        }
    }
    rt__buf_putc(b, '"');
}

static void write_number(rt_buf *b, double d) {
    if (isnan(d) || isinf(d)) {
        rt__buf_puts(b, "null");
        return;
    }
    if (d == floor(d) && fabs(d) < 9007199254740992.0) {
        rt__buf_putf(b, "%lld", (long long)d);
        return;
    }
    char tmp[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, d);
        if (strtod(tmp, NULL) == d)
            break;
    }
    rt__buf_puts(b, tmp);
}

static void newline(rt_buf *b, int64_t indent, int64_t depth) {
    if (indent <= 0)
        return;
    rt__buf_putc(b, '\n');
    for (int64_t k = 0; k < indent * depth; k++)
        rt__buf_putc(b, ' ');
}

static void write_object(rt_buf *b, void *m, int64_t indent, int64_t depth) {
    void *keys;
    int64_t n;
    rt_string *ks = rt__map_keys_vm_order(m, &keys, &n);
    if (n == 0) {
        rt__buf_puts(b, "{}");
    } else {
        rt__buf_putc(b, '{');
        for (int64_t i = 0; i < n; i++) {
            if (i)
                rt__buf_putc(b, ',');
            newline(b, indent, depth + 1);
            write_string(b, rt__str_bytes(ks[i]), rt__str_len(ks[i]));
            rt__buf_puts(b, indent > 0 ? ": " : ":");
            rt__json_write(b, rt_map_get(m, ks[i]), indent, depth + 1);
        }
        newline(b, indent, depth);
        rt__buf_putc(b, '}');
    }
    free(ks);
    rt__obj_release_and_free(keys);
}

void rt__json_write(rt_buf *b, void *v, int64_t indent, int64_t depth) {
    if (!v) {
        rt__buf_puts(b, "null");
    } else if (rt__is_string(v)) {
        write_string(b, rt__str_bytes(v), rt__str_len(v));
    } else if (rt__is_box(v)) {
        const rt_box *x = v;
        if (x->tag == RT_BOX_I1)
            rt__buf_puts(b, x->v.i ? "true" : "false");
        else if (x->tag == RT_BOX_STR)
            write_string(b, rt__str_bytes(x->v.s), rt__str_len(x->v.s));
        else
            write_number(b, x->tag == RT_BOX_F64 ? x->v.f : (double)x->v.i);
    } else if (rt__is_map(v)) {
        write_object(b, v, indent, depth);
    } else if (rt__is_seq(v)) {
        int64_t n = rt_seq_len(v);
        if (n == 0) {
            rt__buf_puts(b, "[]");
            return;
        }
        rt__buf_putc(b, '[');
        for (int64_t i = 0; i < n; i++) {
            if (i)
                rt__buf_putc(b, ',');
            newline(b, indent, depth + 1);
            rt__json_write(b, rt__seq_at(v, i), indent, depth + 1);
        }
        newline(b, indent, depth);
        rt__buf_putc(b, ']');
    } else {
        rt__buf_puts(b, "null");
    }
}

rt_string rt_json_format(void *v) {
    rt_buf b = {0};
    rt__json_write(&b, v, 0, 0);
    return rt__buf_finish(&b);
}

rt_string rt_json_format_pretty(void *v, int64_t indent) {
    rt_buf b = {0};
    rt__json_write(&b, v, indent < 0 ? 0 : indent, 0);
    return rt__buf_finish(&b);
}
