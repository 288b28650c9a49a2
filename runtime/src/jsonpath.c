/*
 * jsonpath.c — Viper.Text.JsonPath: read values out of a parsed JSON tree (json.c value model)
 * with a simple path language.
 *
 * Path grammar: an optional leading `$`, then segments `.name`, `[N]` (0-based array index) and
 * `['name']` / `["name"]`; a path not starting with `$`, `.` or `[` begins with a bare name
 * (`name.first`). An empty path or `$` names the root. Wildcards (`*`) and recursive descent (`..`)
 * match nothing: the reference VM's Query returns [] for `$.store.book[*].title`.
 * The root may also be JSON text (a string or a boxed string): it is parsed first; unparsable text
 * matches nothing. Results: Get/GetOr/Query return +1 objects (Get: NULL when missing; GetOr: dflt
 * +1 when missing); GetStr returns strings as-is, other scalars in their JSON text, "" when missing
 * or null; GetInt truncates numbers, parses numeric strings, 1/0 for booleans, 0 otherwise.
 */
#include "rt_json_internal.h"

#include <stdlib.h>
#include <string.h>

/* Member `name` (n bytes) of an object, borrowed, or *found false. */
static void *member(void *obj, const char *name, size_t n, bool *found) {
    *found = false;
    if (!rt__is_map(obj))
        return NULL;
    rt_string k = rt__str_new(name, n);
    *found = rt_map_has(obj, k);
    void *v = *found ? rt_map_get(obj, k) : NULL;
    rt_str_release_maybe(k);
    return v;
}

/* Resolve path against v (borrowed result); false when it does not match. */
static bool resolve(void *v, const char *p, size_t n, void **out) {
    size_t i = 0;
    if (i < n && p[i] == '$')
        i++;
    else if (i < n && p[i] != '.' && p[i] != '[')
        goto bare_name;
    while (i < n) {
        if (p[i] == '.') {
            i++;
            if (i < n && (p[i] == '.' || p[i] == '*'))
                return false;
        bare_name:;
            size_t st = i;
            while (i < n && p[i] != '.' && p[i] != '[')
                i++;
            if (i == st)
                return false;
            bool found;
            v = member(v, p + st, i - st, &found);
            if (!found)
                return false;
        } else if (p[i] == '[') {
            i++;
            if (i < n && (p[i] == '\'' || p[i] == '"')) {
                char q = p[i++];
                size_t st = i;
                while (i < n && p[i] != q)
                    i++;
                if (i + 1 >= n || p[i + 1] != ']')
                    return false;
                bool found;
                v = member(v, p + st, i - st, &found);
                if (!found)
                    return false;
                i += 2;
                continue;
            }
            size_t st = i;
            int64_t idx = 0;
            while (i < n && p[i] >= '0' && p[i] <= '9' && idx < (INT64_MAX - 9) / 10)
                idx = idx * 10 + (p[i++] - '0');
            if (i == st || i >= n || p[i] != ']' || !rt__is_seq(v) || idx >= rt_seq_len(v))
                return false;
            i++;
            v = rt__seq_at(v, idx);
        } else {
            return false;
        }
    }
    *out = v;
    return true;
}

/* Lookup with auto-parse of a textual root: returns the value +1 (NULL for null) or *found false. */
static void *lookup(void *root, rt_string path, bool *found) {
    void *tree = NULL;
    if (rt__is_string(root) || (rt__is_box(root) && rt_box_type(root) == RT_BOX_STR)) {
        rt_string text = rt__is_string(root) ? root : ((rt_box *)root)->v.s;
        bool ok;
        size_t at;
        tree = rt__json_parse_text(rt__str_bytes(text), rt__str_len(text), &ok, &at);
        if (!ok) {
            *found = false;
            return NULL;
        }
        root = tree;
    }
    void *v = NULL;
    *found = resolve(root, rt__str_bytes(path), rt__str_len(path), &v);
    if (*found)
        rt_obj_retain_maybe(v);
    rt__obj_release_and_free(tree);
    return *found ? v : NULL;
}

void *rt_jsonpath_get(void *root, rt_string path) {
    bool found;
    return lookup(root, path, &found);
}

void *rt_jsonpath_get_or(void *root, rt_string path, void *dflt) {
    bool found;
    void *v = lookup(root, path, &found);
    if (found)
        return v;
    rt_obj_retain_maybe(dflt);
    return dflt;
}

bool rt_jsonpath_has(void *root, rt_string path) {
    bool found;
    rt__obj_release_and_free(lookup(root, path, &found));
    return found;
}

rt_string rt_jsonpath_get_str(void *root, rt_string path) {
    bool found;
    void *v = lookup(root, path, &found);
    if (!v)
        return rt_str_empty();
    if (rt__is_string(v))
        return v;
    rt_string s;
    if (rt__is_box(v) && rt_box_type(v) == RT_BOX_STR) {
        s = ((rt_box *)v)->v.s;
        rt_str_retain_maybe(s);
    } else {
        rt_buf b = {0};
        rt__json_write(&b, v, 0, 0);
        s = rt__buf_finish(&b);
    }
    rt__obj_release_and_free(v);
    return s;
}

/* Truncate toward zero, saturating; NaN gives 0. */
static int64_t to_i64(double d) {
    if (d != d)
        return 0;
    if (d >= 9.2233720368547758e18)
        return INT64_MAX;
    if (d <= -9.2233720368547758e18)
        return INT64_MIN;
    return (int64_t)d;
}

int64_t rt_jsonpath_get_int(void *root, rt_string path) {
    bool found;
    void *v = lookup(root, path, &found);
    int64_t r = 0;
    if (rt__is_string(v)) {
        r = to_i64(strtod(rt__str_bytes(v), NULL));
    } else if (rt__is_box(v)) {
        const rt_box *x = v;
        if (x->tag == RT_BOX_F64) {
            r = to_i64(x->v.f);
        } else if (x->tag == RT_BOX_STR) {
            r = to_i64(strtod(rt__str_bytes(x->v.s), NULL));
        } else {
            r = x->v.i;
        }
    }
    rt__obj_release_and_free(v);
    return r;
}

void *rt_jsonpath_query(void *root, rt_string path) {
    void *seq = rt_seq_new();
    bool found;
    void *v = lookup(root, path, &found);
    if (found)
        rt__seq_push_owned(seq, v);
    return seq;
}
