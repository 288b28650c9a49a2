/*
 * template.c — Viper.Text.Template (RUNTIME-EXTENDED §20): `{{name}}` substitution.
 *
 * Syntax: a placeholder is `{{`, a key, `}}` — the key is the text up to the first following
 * `}}`, trimmed of isspace (`{{ name }}` == `{{name}}`); no nesting/filters/sections. In literal
 * text `{{{{` produces `{{` and `}}}}` produces `}}` (checked before a placeholder starts). A `{{`
 * with no closing `}}` makes the rest of the template literal text (with the same unescaping).
 * Matching is byte-exact; the template is read up to its first NUL.
 * Render(t, map): a key found with a string (or str box) value -> its text; found with another
 * non-NULL value -> nothing; NULL value, missing key or empty key -> the placeholder text verbatim.
 * RenderSeq(t, seq): the key must be a non-negative decimal index (digits only) into the Seq,
 * otherwise (or out of range) verbatim; elements are treated as Render treats values.
 * Traps: `Template.Render: template is null`, `Template.Render: values map is null`,
 * `Template.RenderSeq: template is null`, `Template.RenderSeq: values seq is null`.
 * Has(t, key): some placeholder's trimmed key equals key (NULL/empty key or NULL t -> false).
 * Keys(t): a new Bag (not a Seq) of the distinct non-empty keys (NULL t -> empty Bag).
 * Escape(s): `{{` -> `{{{{` and `}}` -> `}}}}` left to right, non-overlapping; NULL -> "". When
 * nothing needs escaping the argument itself is returned with +1 (the reference returns it
 * without a retain, §G.3 — not imitated). All results are fresh +1 strings.
 */
#include "rt_chtab_internal.h"

#include <ctype.h>
#include <string.h>

/* Callback for a placeholder: key [kb, ke) trimmed, raw text [rb, re). Appends to b. */
typedef void (*ph_fn)(rt_buf *b, const char *kb, const char *ke, const char *rb, const char *re,
                      void *ctx);

/* Walk the template: literal text (unescaped) goes to b (when b != NULL), placeholders to fn. */
static void walk(const char *s, rt_buf *b, ph_fn fn, void *ctx) {
    size_t n = strlen(s), i = 0;
    bool literal_only = false;
    while (i < n) {
        if (n - i >= 4 && memcmp(s + i, "{{{{", 4) == 0) {
            if (b)
                rt__buf_put(b, "{{", 2);
            i += 4;
            continue;
        }
        if (n - i >= 4 && memcmp(s + i, "}}}}", 4) == 0) {
            if (b)
                rt__buf_put(b, "}}", 2);
            i += 4;
            continue;
        }
        if (!literal_only && n - i >= 2 && s[i] == '{' && s[i + 1] == '{') {
            ptrdiff_t close = rt__find_bytes(s, n, "}}", 2, i + 2);
            if (close < 0) {
                literal_only = true; /* rest is literal text */
                continue;
            }
            const char *kb = s + i + 2, *ke = s + close;
            while (kb < ke && isspace((unsigned char)*kb))
                kb++;
            while (ke > kb && isspace((unsigned char)ke[-1]))
                ke--;
            fn(b, kb, ke, s + i, s + close + 2, ctx);
            i = (size_t)close + 2;
            continue;
        }
        if (b)
            rt__buf_putc(b, s[i]);
        i++;
    }
}

/* Append the text of a value (string or str box); false when v is NULL. */
static bool put_value(rt_buf *b, void *v) {
    if (!v)
        return false;
    rt_string s = NULL;
    if (rt__is_string(v))
        s = v;
    else if (rt__is_box(v) && ((rt_box *)v)->tag == RT_BOX_STR)
        s = ((rt_box *)v)->v.s;
    if (s)
        rt__buf_put(b, rt__str_bytes(s), rt__str_len(s));
    return true; /* any other non-NULL value renders as nothing */
}

static void ph_map(rt_buf *b, const char *kb, const char *ke, const char *rb, const char *re,
                   void *map) {
    if (kb < ke) {
        rt_string k = rt__str_new(kb, (size_t)(ke - kb));
        void *v = rt_map_get(map, k);
        rt_str_release_maybe(k);
        if (put_value(b, v))
            return;
    }
    rt__buf_put(b, rb, (size_t)(re - rb));
}

static void ph_seq(rt_buf *b, const char *kb, const char *ke, const char *rb, const char *re,
                   void *seq) {
    if (kb < ke) {
        int64_t idx = 0;
        bool ok = true;
        for (const char *p = kb; p < ke && ok; p++) {
            if (*p < '0' || *p > '9' || idx > (INT64_MAX - 9) / 10)
                ok = false;
            else
                idx = idx * 10 + (*p - '0');
        }
        if (ok && idx < rt_seq_len(seq) && put_value(b, rt__seq_at(seq, idx)))
            return;
    }
    rt__buf_put(b, rb, (size_t)(re - rb));
}

rt_string rt_template_render(rt_string tmpl, void *map) {
    if (!tmpl)
        rt__trap("Template.Render: template is null");
    if (!map)
        rt__trap("Template.Render: values map is null");
    rt_buf b = {0};
    walk(rt__str_bytes(tmpl), &b, ph_map, map);
    return rt__buf_finish(&b);
}

rt_string rt_template_render_seq(rt_string tmpl, void *seq) {
    if (!tmpl)
        rt__trap("Template.RenderSeq: template is null");
    if (!seq)
        rt__trap("Template.RenderSeq: values seq is null");
    rt_buf b = {0};
    walk(rt__str_bytes(tmpl), &b, ph_seq, seq);
    return rt__buf_finish(&b);
}

typedef struct has_ctx {
    const char *key;
    size_t klen;
    bool found;
} has_ctx;

static void ph_has(rt_buf *b, const char *kb, const char *ke, const char *rb, const char *re,
                   void *ctx) {
    (void)b, (void)rb, (void)re;
    has_ctx *h = ctx;
    if ((size_t)(ke - kb) == h->klen && memcmp(kb, h->key, h->klen) == 0)
        h->found = true;
}

bool rt_template_has(rt_string tmpl, rt_string key) {
    if (!tmpl || !key || rt__str_len(key) == 0)
        return false;
    has_ctx h = {rt__str_bytes(key), strlen(rt__str_bytes(key)), false};
    if (h.klen == 0)
        return false;
    walk(rt__str_bytes(tmpl), NULL, ph_has, &h);
    return h.found;
}

static void ph_keys(rt_buf *b, const char *kb, const char *ke, const char *rb, const char *re,
                    void *bag) {
    (void)b, (void)rb, (void)re;
    if (kb == ke)
        return;
    rt_string k = rt__str_new(kb, (size_t)(ke - kb));
    rt_bag_put(bag, k);
    rt_str_release_maybe(k);
}

void *rt_template_keys(rt_string tmpl) {
    void *bag = rt_bag_new();
    if (tmpl)
        walk(rt__str_bytes(tmpl), NULL, ph_keys, bag);
    return bag;
}

rt_string rt_template_escape(rt_string text) {
    if (!text)
        return rt_str_empty();
    const char *s = rt__str_bytes(text);
    size_t n = rt__str_len(text);
    if (rt__find_bytes(s, n, "{{", 2, 0) < 0 && rt__find_bytes(s, n, "}}", 2, 0) < 0) {
        rt_str_retain_maybe(text);
        return text;
    }
    rt_buf b = {0};
    for (size_t i = 0; i < n;) {
        if (i + 1 < n && ((s[i] == '{' && s[i + 1] == '{') || (s[i] == '}' && s[i + 1] == '}'))) {
            rt__buf_put(&b, s + i, 2);
            rt__buf_put(&b, s + i, 2);
            i += 2;
        } else {
            rt__buf_putc(&b, s[i++]);
        }
    }
    return rt__buf_finish(&b);
}
