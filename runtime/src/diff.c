/*
 * diff.c — Viper.Text.Diff (RUNTIME-EXTENDED §21): line diff by longest common subsequence.
 *
 * Lines: split on '\n' only ('\r' stays in the line); an empty or NULL text has zero lines,
 * otherwise (number of '\n') + 1 lines, so a trailing newline gives a final empty line. Texts are
 * read up to their first NUL; lines compare with strcmp.
 * Walk (L[i][j] = LCS length of a[i..], b[j..]): equal lines -> " " line; else an insertion "+"
 * when j < n and (i >= m or L[i][j+1] >= L[i+1][j]); else a deletion "-" — ties put insertions
 * before deletions (VM-checked in the spec).
 * Lines(a, b): new Seq of fresh prefixed lines. Unified(a, b, context): "--- a\n+++ b\n" then
 * every line of Lines with '\n' (context ignored, no @@ headers). CountChanges: '+' and '-' lines.
 * Patch(original, diff): ignores original; joins with '\n' the diff lines starting with ' ' or
 * '+', minus that first byte (no trailing '\n'); other lines, NULL and non-string elements are
 * skipped; NULL diff -> "". Memory: the LCS table is (m+1)*(n+1) 32-bit counters.
 */
#include "rt_chtab_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct lines {
    const char **p;
    size_t *len;
    int64_t n;
} lines;

static lines split(rt_string s) {
    lines l = {NULL, NULL, 0};
    const char *t = s ? rt__str_bytes(s) : "";
    size_t n = strlen(t);
    if (n == 0)
        return l;
    int64_t count = 1;
    for (size_t i = 0; i < n; i++)
        count += t[i] == '\n';
    l.p = rt__xmalloc((size_t)count * sizeof(char *));
    l.len = rt__xmalloc((size_t)count * sizeof(size_t));
    size_t start = 0;
    for (size_t i = 0; i <= n; i++)
        if (i == n || t[i] == '\n') {
            l.p[l.n] = t + start;
            l.len[l.n++] = i - start;
            start = i + 1;
        }
    return l;
}

static bool line_eq(const lines *a, int64_t i, const lines *b, int64_t j) {
    return a->len[i] == b->len[j] && memcmp(a->p[i], b->p[j], a->len[i]) == 0;
}

typedef void (*emit_fn)(char tag, const char *p, size_t n, void *ctx);

static void diff_walk(rt_string sa, rt_string sb, emit_fn emit, void *ctx) {
    lines a = split(sa), b = split(sb);
    int64_t m = a.n, n = b.n, w = n + 1;
    if ((uint64_t)(m + 1) * (uint64_t)(n + 1) > SIZE_MAX / sizeof(uint32_t))
        rt__trap("out of memory");
    uint32_t *L = rt__xmalloc((size_t)(m + 1) * (size_t)(n + 1) * sizeof(uint32_t));
    for (int64_t i = m; i >= 0; i--)
        for (int64_t j = n; j >= 0; j--) {
            uint32_t v;
            if (i == m || j == n)
                v = 0;
            else if (line_eq(&a, i, &b, j))
                v = L[(i + 1) * w + j + 1] + 1;
            else {
                uint32_t x = L[(i + 1) * w + j], y = L[i * w + j + 1];
                v = x > y ? x : y;
            }
            L[i * w + j] = v;
        }
    int64_t i = 0, j = 0;
    while (i < m || j < n) {
        if (i < m && j < n && line_eq(&a, i, &b, j)) {
            emit(' ', a.p[i], a.len[i], ctx);
            i++, j++;
        } else if (j < n && (i >= m || L[i * w + j + 1] >= L[(i + 1) * w + j])) {
            emit('+', b.p[j], b.len[j], ctx);
            j++;
        } else {
            emit('-', a.p[i], a.len[i], ctx);
            i++;
        }
    }
    free(L);
    free(a.p);
    free(a.len);
    free(b.p);
    free(b.len);
}

static rt_string prefixed(char tag, const char *p, size_t n) {
    rt_string s = rt__str_alloc(n + 1);
    s->data[0] = tag;
    if (n)
        memcpy(s->data + 1, p, n);
    return s;
}

static void emit_seq(char tag, const char *p, size_t n, void *seq) {
    rt__seq_push_owned(seq, prefixed(tag, p, n));
}

void *rt_diff_lines(rt_string a, rt_string b) {
    void *seq = rt__seq_cap16();
    diff_walk(a, b, emit_seq, seq);
    return seq;
}

static void emit_buf(char tag, const char *p, size_t n, void *buf) {
    rt__buf_putc(buf, tag);
    rt__buf_put(buf, p, n);
    rt__buf_putc(buf, '\n');
}

rt_string rt_diff_unified(rt_string a, rt_string b, int64_t context) {
    (void)context; /* ignored by the reference (negative -> 3, still unused) */
    rt_buf buf = {0};
    rt__buf_puts(&buf, "--- a\n+++ b\n");
    diff_walk(a, b, emit_buf, &buf);
    return rt__buf_finish(&buf);
}

static void emit_count(char tag, const char *p, size_t n, void *count) {
    (void)p, (void)n;
    if (tag != ' ')
        (*(int64_t *)count)++;
}

int64_t rt_diff_count_changes(rt_string a, rt_string b) {
    int64_t count = 0;
    diff_walk(a, b, emit_count, &count);
    return count;
}

rt_string rt_diff_patch(rt_string original, void *diff) {
    (void)original;
    rt_buf buf = {0};
    bool first = true;
    int64_t n = diff ? rt_seq_len(diff) : 0;
    for (int64_t i = 0; i < n; i++) {
        void *e = rt__seq_at(diff, i);
        if (!e || !rt__is_string(e))
            continue;
        const char *s = rt__str_bytes(e);
        size_t len = rt__str_len(e);
        if (len == 0 || (s[0] != ' ' && s[0] != '+'))
            continue;
        if (!first)
            rt__buf_putc(&buf, '\n');
        first = false;
        rt__buf_put(&buf, s + 1, len - 1);
    }
    return rt__buf_finish(&buf);
}
