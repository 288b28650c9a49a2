/*
 * io_path.c — Viper.IO.Path (RUNTIME-SYSTEM §4.3): pure string functions on paths.
 *
 * `/` and `\` are both separators on input (on every platform); the separator written is `/`.
 * NULL arguments behave as the empty string; every result is a new string (+1). Behaviour (VM
 * examples in §4.3): Join lets an absolute second part win and adds `/` only when the first part
 * does not end in a separator; Dir gives `.` without a separator and `/` for a lone leading one;
 * Name ignores trailing separators; Stem/Ext split at the last dot of the name unless that dot is
 * its first character; WithExt replaces the extension of the last component (adding a `.` when
 * the new one lacks it); IsAbs tests for a leading `/` only; Norm removes `.`, resolves `..`
 * lexically (kept at the start of a relative path, dropped at the root), collapses separator runs
 * and copies a leading separator byte as is (`\a\b` → `\a/b`); Abs = Norm(Join(getcwd(), p)) for
 * a relative p (symlinks are not resolved); Sep = `/`.
 */
#include "rt_io_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool is_sep(char c) { return c == '/' || c == '\\'; }

static rt_string str_of(const char *p, size_t n) { return n ? rt__str_new(p, n) : rt_str_empty(); }

static rt_string copy_of(rt_string s) {
    rt_str_retain_maybe(s);
    return s ? s : rt_str_empty();
}

rt_string rt_path_join(rt_string a, rt_string b) {
    const char *pa = rt__str_bytes(a), *pb = rt__str_bytes(b);
    size_t na = rt__str_len(a), nb = rt__str_len(b);
    if (na == 0)
        return copy_of(b);
    if (nb == 0 || is_sep(pb[0]))
        return nb == 0 ? copy_of(a) : copy_of(b);
    bool slash = !is_sep(pa[na - 1]);
    rt_string r = rt__str_alloc(na + slash + nb);
    memcpy(r->data, pa, na);
    if (slash)
        r->data[na] = '/';
    memcpy(r->data + na + slash, pb, nb);
    return r;
}

rt_string rt_path_dir(rt_string s) {
    const char *p = rt__str_bytes(s);
    size_t n = rt__str_len(s);
    if (n == 0)
        return rt_str_empty();
    size_t i = n;
    while (i > 0 && !is_sep(p[i - 1]))
        i--;
    if (i == 0)
        return rt__str_from_cstr(".");
    if (i == 1)
        return rt__str_from_cstr("/");
    return str_of(p, i - 1);
}

/* [start, end) of the last component, trailing separators ignored. */
static void name_span(const char *p, size_t n, size_t *start, size_t *end) {
    size_t e = n;
    while (e > 0 && is_sep(p[e - 1]))
        e--;
    size_t b = e;
    while (b > 0 && !is_sep(p[b - 1]))
        b--;
    *start = b;
    *end = e;
}

/* Offset of the extension's dot within name [b, e), or e when there is none. */
static size_t ext_dot(const char *p, size_t b, size_t e) {
    for (size_t i = e; i > b; i--)
        if (p[i - 1] == '.')
            return i - 1 > b ? i - 1 : e;
    return e;
}

rt_string rt_path_name(rt_string s) {
    const char *p = rt__str_bytes(s);
    size_t b, e;
    name_span(p, rt__str_len(s), &b, &e);
    return str_of(p + b, e - b);
}

rt_string rt_path_stem(rt_string s) {
    const char *p = rt__str_bytes(s);
    size_t b, e;
    name_span(p, rt__str_len(s), &b, &e);
    return str_of(p + b, ext_dot(p, b, e) - b);
}

rt_string rt_path_ext(rt_string s) {
    const char *p = rt__str_bytes(s);
    size_t b, e;
    name_span(p, rt__str_len(s), &b, &e);
    size_t d = ext_dot(p, b, e);
    return str_of(p + d, e - d);
}

rt_string rt_path_with_ext(rt_string s, rt_string ext) {
    const char *p = rt__str_bytes(s), *x = rt__str_bytes(ext);
    size_t n = rt__str_len(s), nx = rt__str_len(ext);
    if (n == 0)
        return copy_of(ext);
    size_t b = n;
    while (b > 0 && !is_sep(p[b - 1]))
        b--;
    size_t keep = ext_dot(p, b, n);
    bool dot = nx > 0 && x[0] != '.';
    rt_string r = rt__str_alloc(keep + dot + nx);
    memcpy(r->data, p, keep);
    if (dot)
        r->data[keep] = '.';
    memcpy(r->data + keep + dot, x, nx);
    return r;
}

bool rt_path_is_abs(rt_string s) { return rt__str_len(s) > 0 && rt__str_bytes(s)[0] == '/'; }

rt_string rt_path_norm(rt_string s) {
    const char *p = rt__str_bytes(s);
    size_t n = rt__str_len(s);
    if (n == 0)
        return rt__str_from_cstr(".");
    bool abs = is_sep(p[0]);
    /* component spans */
    size_t cap = n / 2 + 2, nc = 0;
    size_t *cs = rt__xmalloc(cap * sizeof *cs), *ce = rt__xmalloc(cap * sizeof *ce);
    for (size_t i = 0; i < n;) {
        while (i < n && is_sep(p[i]))
            i++;
        size_t b = i;
        while (i < n && !is_sep(p[i]))
            i++;
        size_t len = i - b;
        if (len == 0 || (len == 1 && p[b] == '.'))
            continue;
        if (len == 2 && p[b] == '.' && p[b + 1] == '.') {
            if (nc > 0 && !(ce[nc - 1] - cs[nc - 1] == 2 && p[cs[nc - 1]] == '.' &&
                            p[cs[nc - 1] + 1] == '.')) {
                nc--;
                continue;
            }
            if (abs)
                continue;
        }
        cs[nc] = b;
        ce[nc] = i;
        nc++;
    }
    rt_buf out = {0};
    if (abs)
        rt__buf_putc(&out, p[0]);
    for (size_t k = 0; k < nc; k++) {
        if (k > 0)
            rt__buf_putc(&out, '/');
        rt__buf_put(&out, p + cs[k], ce[k] - cs[k]);
    }
    free(cs);
    free(ce);
    if (out.len == 0)
        rt__buf_putc(&out, '.');
    return rt__buf_finish(&out);
}

rt_string rt_path_abs(rt_string s) {
    if (rt_path_is_abs(s))
        return rt_path_norm(s);
    rt_string cwd = rt_dir_current();
    rt_string j = rt_path_join(cwd, s);
    rt_string r = rt_path_norm(j);
    rt_str_release_maybe(cwd);
    rt_str_release_maybe(j);
    return r;
}

rt_string rt_path_sep(void) { return rt__str_from_cstr("/"); }
