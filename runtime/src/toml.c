/*
 * toml.c — Viper.Text.Toml: a small TOML reader/writer over Map values.
 *
 * Model (as the reference VM): a document is a Map; `[a.b]` headers and dotted keys make nested
 * Maps; every value is kept as a string — `"..."` (escapes \n \t \r \\ \" \uXXXX) and `'...'`
 * give their contents, anything else its trimmed raw text without a trailing `# comment`
 * (`port = 8080` → "8080", `debug = true` → "true"). Blank lines, `#` comments and lines without
 * `=` that are not headers are skipped (the VM calls `not toml {{{` valid). Errors (→ Parse NULL,
 * IsValid false): an unterminated header or string, an empty key, a key used both as value and
 * table, or a `[[array]]` header (not supported).
 * Format writes a Map back: scalar keys first as `key = "text"` (boxed numbers/booleans bare),
 * then each nested Map as `[path]` + its keys + a blank line. Keys are written in the VM's hash
 * order: ascending FNV-1a bucket for a table of 16 buckets doubling above 3/4 load, ties in
 * insertion order (rt__map_keys_vm_order, map.c). Get/GetStr accept a Map, or TOML text (string or boxed string) parsed first;
 * `path` is dotted. Get → +1 value or NULL; GetStr → the string (+1), a boxed scalar's text, or "".
 */
#include "rt_collections_abi.h"
#include "rt_io_abi.h"
#include "rt_text_abi.h"
#include "rt_codec_internal.h"

#include <stdlib.h>
#include <string.h>

static bool is_ws(char c) { return c == ' ' || c == '\t'; }

/* Child map `name` of m, created when missing; NULL when the name holds a non-map value. */
static void *child_table(void *m, const char *name, size_t n) {
    rt_string k = rt__str_new(name, n);
    void *c = rt_map_get(m, k);
    if (!c) {
        c = rt_map_new();
        rt_map_set(m, k, c);
        rt__obj_release_and_free(c);
    } else if (!rt__is_map(c)) {
        c = NULL;
    }
    rt_str_release_maybe(k);
    return c;
}

/* Parse a key (bare or quoted, dotted) at s[*i..e); walks/creates tables in *tab for all but the
 * last part, whose text goes to *last (+1). Returns false on an empty/malformed key. */
static bool parse_key(const char *s, size_t *i, size_t e, void **tab, rt_string *last) {
    *last = NULL;
    for (;;) {
        while (*i < e && is_ws(s[*i]))
            (*i)++;
        size_t a = *i, b;
        if (*i < e && (s[*i] == '"' || s[*i] == '\'')) {
            char q = s[(*i)++];
            a = *i;
            while (*i < e && s[*i] != q)
                (*i)++;
            if (*i >= e)
                return false;
            b = (*i)++;
        } else {
            while (*i < e && s[*i] != '.' && s[*i] != '=' && s[*i] != ']' && !is_ws(s[*i]))
                (*i)++;
            b = *i;
            if (a == b)
                return false;
        }
        while (*i < e && is_ws(s[*i]))
            (*i)++;
        if (*i < e && s[*i] == '.') {
            (*i)++;
            if (!(*tab = child_table(*tab, s + a, b - a)))
                return false;
            continue;
        }
        *last = rt__str_new(s + a, b - a);
        return true;
    }
}

/* Value text at s[i..e) → +1 string, or NULL when malformed. */
static rt_string parse_value(const char *s, size_t i, size_t e) {
    while (i < e && is_ws(s[i]))
        i++;
    rt_buf b = {0};
    if (i < e && (s[i] == '"' || s[i] == '\'')) {
        char q = s[i++];
        for (; i < e && s[i] != q; i++) {
            if (q == '"' && s[i] == '\\' && i + 1 < e) {
                char c = s[++i];
                unsigned cp = 0;
                switch (c) {
                case 'n': rt__buf_putc(&b, '\n'); break;
                case 't': rt__buf_putc(&b, '\t'); break;
                case 'r': rt__buf_putc(&b, '\r'); break;
                case 'u':
                    for (int k = 0; k < 4 && i + 1 < e; k++) {
                        char h = s[++i];
                        cp = cp * 16 + (unsigned)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
                    }
                    rt__buf_put_utf8(&b, cp & 0x1FFFFF);
                    break;
                default: rt__buf_putc(&b, c); break;
                }
            } else {
                rt__buf_putc(&b, s[i]);
            }
        }
        if (i >= e) {
            free(b.data);
            return NULL;
        }
        return rt__buf_finish(&b);
    }
    size_t end = i;
    while (end < e && s[end] != '#')
        end++;
    while (end > i && is_ws(s[end - 1]))
        end--;
    return rt__str_new(s + i, end - i);
}

/* Parse TOML text; +1 Map or NULL on error. */
static void *toml_parse(const char *s, size_t n) {
    void *root = rt_map_new(), *cur = root;
    size_t ls = 0;
    while (ls < n) {
        size_t le = ls;
        while (le < n && s[le] != '\n')
            le++;
        size_t e = le, i = ls;
        if (e > i && s[e - 1] == '\r')
            e--;
        while (i < e && is_ws(s[i]))
            i++;
        bool ok = true;
        if (i < e && s[i] == '[') {
            if (i + 1 < e && s[i + 1] == '[') {
                ok = false;
            } else {
                i++;
                void *tab = root;
                rt_string last = NULL;
                ok = parse_key(s, &i, e, &tab, &last) && i < e && s[i] == ']';
                if (ok)
                    ok = (cur = child_table(tab, rt__str_bytes(last), rt__str_len(last))) != NULL;
                rt_str_release_maybe(last);
            }
        } else if (i < e && s[i] != '#' && memchr(s + i, '=', e - i)) {
            void *tab = cur;
            rt_string key = NULL, val = NULL;
            ok = parse_key(s, &i, e, &tab, &key) && i < e && s[i] == '=';
            if (ok)
                ok = (val = parse_value(s, i + 1, e)) != NULL;
            if (ok) {
                void *old = rt_map_get(tab, key);
                ok = !rt__is_map(old);
                if (ok)
                    rt_map_set(tab, key, val);
            }
            rt_str_release_maybe(key);
            rt_str_release_maybe(val);
        }
        if (!ok) {
            rt__obj_release_and_free(root);
            return NULL;
        }
        ls = le + 1;
    }
    return root;
}

void *rt_toml_parse(rt_string text) {
    return text ? toml_parse(rt__str_bytes(text), rt__str_len(text)) : NULL;
}

bool rt_toml_is_valid(rt_string text) {
    void *m = rt_toml_parse(text);
    rt__obj_release_and_free(m);
    return m != NULL;
}

/* ---- Format ---- */

static void put_quoted(rt_buf *b, rt_string s) {
    rt__buf_putc(b, '"');
    for (size_t i = 0; i < rt__str_len(s); i++) {
        char c = s->data[i];
        if (c == '"' || c == '\\')
            rt__buf_putc(b, '\\');
        if (c == '\n')
            rt__buf_puts(b, "\\n");
        else if (c == '\t')
            rt__buf_puts(b, "\\t");
        else if (c == '\r')
            rt__buf_puts(b, "\\r");
        else
            rt__buf_putc(b, c);
    }
    rt__buf_putc(b, '"');
}

static void put_scalar(rt_buf *b, void *v) {
    char tmp[40];
    if (!v || rt__is_string(v)) {
        put_quoted(b, v);
    } else if (rt__is_box(v)) {
        rt_box *x = v;
        if (x->tag == RT_BOX_STR)
            put_quoted(b, x->v.s);
        else if (x->tag == RT_BOX_I64)
            rt__buf_put(b, tmp, rt__format_i64(x->v.i, tmp));
        else if (x->tag == RT_BOX_F64)
            rt__buf_put(b, tmp, rt__format_f64(x->v.f, tmp));
        else
            rt__buf_puts(b, x->v.i ? "true" : "false");
    } else {
        put_quoted(b, NULL);
    }
}

static void format_table(rt_buf *b, void *m, const char *path) {
    void *keys;
    int64_t n;
    rt_string *ks = rt__map_keys_vm_order(m, &keys, &n);
    for (int64_t i = 0; i < n; i++) {
        void *v = rt_map_get(m, ks[i]);
        if (rt__is_map(v))
            continue;
        rt__buf_put(b, rt__str_bytes(ks[i]), rt__str_len(ks[i]));
        rt__buf_puts(b, " = ");
        put_scalar(b, v);
        rt__buf_putc(b, '\n');
    }
    for (int64_t i = 0; i < n; i++) {
        void *v = rt_map_get(m, ks[i]);
        if (!rt__is_map(v))
            continue;
        rt_buf p = {0};
        if (*path) {
            rt__buf_puts(&p, path);
            rt__buf_putc(&p, '.');
        }
        rt__buf_put(&p, rt__str_bytes(ks[i]), rt__str_len(ks[i]));
        rt__buf_putc(&p, '\0');
        if (b->len && (b->len < 2 || b->data[b->len - 1] != '\n' || b->data[b->len - 2] != '\n'))
            rt__buf_putc(b, '\n');
        rt__buf_putf(b, "[%s]\n", p.data);
        format_table(b, v, p.data);
        if (b->len < 2 || b->data[b->len - 1] != '\n' || b->data[b->len - 2] != '\n')
            rt__buf_putc(b, '\n');
        free(p.data);
    }
    free(ks);
    rt__obj_release_and_free(keys);
}

rt_string rt_toml_format(void *doc) {
    rt_buf b = {0};
    if (rt__is_map(doc))
        format_table(&b, doc, "");
    return rt__buf_finish(&b);
}

/* ---- Get / GetStr ---- */

/* Value at dotted `path` (borrowed), with *owned set to a parsed document to release, if any. */
static void *lookup(void *root, rt_string path, void **owned) {
    *owned = NULL;
    rt_string text = rt__is_string(root) ? root
                     : (rt__is_box(root) && ((rt_box *)root)->tag == RT_BOX_STR) ? ((rt_box *)root)->v.s
                                                                              : NULL;
    if (text)
        root = *owned = rt_toml_parse(text);
    if (!rt__is_map(root) || !path)
        return NULL;
    const char *p = rt__str_bytes(path);
    size_t n = rt__str_len(path), a = 0;
    void *cur = root;
    for (;;) {
        size_t b = a;
        while (b < n && p[b] != '.')
            b++;
        if (!rt__is_map(cur))
            return NULL;
        rt_string k = rt__str_new(p + a, b - a);
        cur = rt_map_get(cur, k);
        rt_str_release_maybe(k);
        if (b >= n)
            return cur;
        a = b + 1;
    }
}

void *rt_toml_get(void *root, rt_string path) {
    void *owned;
    void *v = lookup(root, path, &owned);
    rt_obj_retain_maybe(v);
    rt__obj_release_and_free(owned);
    return v;
}

rt_string rt_toml_get_str(void *root, rt_string path) {
    void *owned;
    void *v = lookup(root, path, &owned);
    rt_string r;
    if (rt__is_string(v)) {
        r = v;
        rt_str_retain_maybe(r);
    } else if (v && rt__is_box(v) && !rt__is_map(v)) {
        rt_buf b = {0};
        if (((rt_box *)v)->tag == RT_BOX_STR) {
            r = ((rt_box *)v)->v.s;
            rt_str_retain_maybe(r);
            if (!r)
                r = rt_str_empty();
        } else {
            put_scalar(&b, v);
            r = rt__buf_finish(&b);
        }
    } else {
        r = rt_str_empty();
    }
    rt__obj_release_and_free(owned);
    return r;
}
