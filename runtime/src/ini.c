/*
 * ini.c — Viper.Text.Ini (RUNTIME-EXTENDED §19): INI text <-> a Map of section Maps.
 *
 * Representation: Parse returns an ordinary Map (section name -> section Map); each section Map
 * holds key -> string handle values. The default (section-less) part is the section "", which
 * always exists after Parse (Parse(NULL) gives an empty map without it).
 * Parse: lines end at \n, \r or \r\n and are trimmed of C-locale isspace; empty lines and lines
 * starting with ';' or '#' are comments (no inline comments); `[name]` (at least 2 characters,
 * containing ']') selects/continues a section named by the trimmed text before the first ']';
 * `[` without `]` and lines without '=' are ignored; `key = value` splits at the first '=', both
 * trimmed, a later duplicate key overwrites. The text is read up to its first NUL. Never fails.
 * Ownership: section maps and values are held by the maps (retained); Get returns +1 (a fresh ""
 * when missing or any argument is NULL); Set stores the value retained (NULL allowed).
 * Order (VM-checked in the spec): Sections and Format follow the reference Map's hash-table order
 * (RUNTIME-EXTENDED §G.5), computed by rt__map_keys_ref_order from the maps' insertion order
 * (exact as long as no key was removed from the map, which can only change bucket growth timing).
 * Format: the "" section's pairs first (`key = value\n`), then for every other section
 * `\n[name]\n` and its pairs; a NULL value prints as `key = \n`, a value that is neither a string
 * nor a str box prints as an empty value; a section entry that is not a Map prints its header only.
 */
#include "rt_chtab_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static rt_string str_of(const char *p, size_t n) { return n ? rt__str_new(p, n) : rt_str_empty(); }

/* Trim [*b, *e) of isspace. */
static void trim(const char **b, const char **e) {
    while (*b < *e && isspace((unsigned char)**b))
        (*b)++;
    while (*e > *b && isspace((unsigned char)(*e)[-1]))
        (*e)--;
}

/* Section map `name` of ini (borrowed), created when `create`; NULL otherwise. */
static void *section(void *ini, rt_string name, bool create) {
    void *sec = rt_map_get(ini, name);
    if (sec && rt__is_map(sec))
        return sec;
    if (!create)
        return NULL;
    sec = rt_map_new();
    rt_map_set(ini, name, sec);
    rt__obj_release_and_free(sec); /* the ini map holds it now */
    return sec;
}

void *rt_ini_parse(rt_string text) {
    void *ini = rt_map_new();
    if (!text)
        return ini;
    rt_string cur_name = rt_str_empty();
    void *cur = section(ini, cur_name, true);
    const char *p = rt__str_bytes(text), *end = p + strlen(p);
    while (p < end) {
        const char *b = p, *e = p;
        while (e < end && *e != '\n' && *e != '\r')
            e++;
        p = e;
        if (p < end && *p == '\r')
            p++;
        if (p < end && *p == '\n' && (p == e || p[-1] == '\r'))
            p++;
        trim(&b, &e);
        if (b == e || *b == ';' || *b == '#')
            continue;
        if (*b == '[') {
            const char *close = memchr(b, ']', (size_t)(e - b));
            if (e - b < 2 || !close)
                continue;
            const char *nb = b + 1, *ne = close;
            trim(&nb, &ne);
            rt_string name = str_of(nb, (size_t)(ne - nb));
            cur = section(ini, name, true);
            rt_str_release_maybe(name);
            continue;
        }
        const char *eq = memchr(b, '=', (size_t)(e - b));
        if (!eq)
            continue;
        const char *kb = b, *ke = eq, *vb = eq + 1, *ve = e;
        trim(&kb, &ke);
        trim(&vb, &ve);
        rt_string k = str_of(kb, (size_t)(ke - kb)), v = str_of(vb, (size_t)(ve - vb));
        rt_map_set(cur, k, v);
        rt_str_release_maybe(k);
        rt_str_release_maybe(v);
    }
    return ini;
}

rt_string rt_ini_get(void *ini, rt_string sec, rt_string key) {
    if (!ini || !sec || !key)
        return rt_str_empty();
    void *s = section(ini, sec, false);
    void *v = s ? rt_map_get(s, key) : NULL;
    rt_string r = NULL;
    if (v && rt__is_string(v))
        r = v;
    else if (rt__is_box(v) && ((rt_box *)v)->tag == RT_BOX_STR)
        r = ((rt_box *)v)->v.s;
    if (!r)
        return rt_str_empty();
    rt_str_retain_maybe(r);
    return r;
}

void rt_ini_set(void *ini, rt_string sec, rt_string key, rt_string value) {
    if (!ini || !sec || !key || !rt__is_map(ini))
        return;
    rt_map_set(section(ini, sec, true), key, value);
}

bool rt_ini_has_section(void *ini, rt_string name) {
    return ini && name && section(ini, name, false) != NULL;
}

bool rt_ini_remove(void *ini, rt_string sec, rt_string key) {
    if (!ini || !sec || !key)
        return false;
    void *s = section(ini, sec, false);
    return s && rt_map_remove(s, key);
}

void *rt_ini_sections(void *ini) {
    void *seq = rt__seq_cap16();
    if (!ini)
        return seq;
    void *keys;
    int64_t n;
    rt_string *order = rt__map_keys_ref_order(ini, &keys, &n);
    for (int64_t i = 0; i < n; i++)
        rt__seq_push_owned(seq, rt__str_new(rt__str_bytes(order[i]), rt__str_len(order[i])));
    free(order);
    rt__obj_release_and_free(keys);
    return seq;
}

static void put_pairs(rt_buf *b, void *sec) {
    if (!sec || !rt__is_map(sec))
        return;
    void *keys;
    int64_t n;
    rt_string *order = rt__map_keys_ref_order(sec, &keys, &n);
    for (int64_t i = 0; i < n; i++) {
        rt__buf_put(b, rt__str_bytes(order[i]), rt__str_len(order[i]));
        rt__buf_puts(b, " = ");
        void *v = rt_map_get(sec, order[i]);
        rt_string s = NULL;
        if (v && rt__is_string(v))
            s = v;
        else if (rt__is_box(v) && ((rt_box *)v)->tag == RT_BOX_STR)
            s = ((rt_box *)v)->v.s;
        if (s)
            rt__buf_put(b, rt__str_bytes(s), rt__str_len(s));
        rt__buf_putc(b, '\n');
    }
    free(order);
    rt__obj_release_and_free(keys);
}

rt_string rt_ini_format(void *ini) {
    if (!ini)
        return rt_str_empty();
    rt_buf b = {0};
    rt_string empty = rt_str_empty();
    put_pairs(&b, rt_map_get(ini, empty));
    void *keys;
    int64_t n;
    rt_string *order = rt__map_keys_ref_order(ini, &keys, &n);
    for (int64_t i = 0; i < n; i++) {
        if (rt__str_len(order[i]) == 0)
            continue;
        rt__buf_puts(&b, "\n[");
        rt__buf_put(&b, rt__str_bytes(order[i]), rt__str_len(order[i]));
        rt__buf_puts(&b, "]\n");
        put_pairs(&b, rt_map_get(ini, order[i]));
    }
    free(order);
    rt__obj_release_and_free(keys);
    return rt__buf_finish(&b);
}
