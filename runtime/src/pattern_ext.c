/*
 * pattern_ext.c — the Viper.Text.Pattern functions beyond IsMatch: Find, FindFrom, FindPos,
 * FindAll, Replace, ReplaceFirst, Split and Escape, on top of the engine of pattern.c
 * (rt__rx_* in rt_codec_internal.h; same syntax, same traps for NULL/malformed patterns).
 * Argument order is always (text, pattern[, ...]); the text is the bytes before its first NUL.
 * Matches are leftmost, with the engine's first-alternative/greedy preference. Scanning for
 * several matches continues at the end of the previous match, or one byte further after an empty
 * match. Replacement text is literal. Results are new +1 strings / Seqs of +1 strings.
 */
#include "rt_codec_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *text;
    size_t len;
    rt_regex *rx;
} rt_pat_job;

static rt_pat_job rt_pat_begin(rt_string text, rt_string pattern) {
    rt_pat_job j;
    j.text = rt_string_cstr(text);
    j.len = strlen(j.text);
    j.rx = rt__rx_compile(pattern);
    return j;
}

static rt_string rt_pat_find_at(rt_string text, rt_string pattern, int64_t from) {
    rt_pat_job j = rt_pat_begin(text, pattern);
    size_t a = 0, b = 0;
    bool found = from >= 0 && (uint64_t)from <= j.len &&
                 rt__rx_search(j.rx, j.text, j.len, (size_t)from, &a, &b);
    rt__rx_free(j.rx);
    return found && b > a ? rt__str_new(j.text + a, b - a) : rt_str_empty();
}

rt_string rt_pattern_find(rt_string text, rt_string pattern) {
    return rt_pat_find_at(text, pattern, 0);
}

rt_string rt_pattern_find_from(rt_string text, rt_string pattern, int64_t start) {
    return rt_pat_find_at(text, pattern, start < 0 ? 0 : start);
}

int64_t rt_pattern_find_pos(rt_string text, rt_string pattern) {
    rt_pat_job j = rt_pat_begin(text, pattern);
    size_t a = 0, b = 0;
    bool found = rt__rx_search(j.rx, j.text, j.len, 0, &a, &b);
    rt__rx_free(j.rx);
    return found ? (int64_t)a : -1;
}

/* Next match at or after *pos; advances *pos past it (one byte more for an empty match). */
static bool rt_pat_next(const rt_pat_job *j, size_t *pos, size_t *a, size_t *b) {
    if (*pos > j->len || !rt__rx_search(j->rx, j->text, j->len, *pos, a, b))
        return false;
    *pos = *b > *a ? *b : *b + 1;
    return true;
}

void *rt_pattern_find_all(rt_string text, rt_string pattern) {
    rt_pat_job j = rt_pat_begin(text, pattern);
    void *seq = rt_seq_new();
    size_t pos = 0, a, b;
    while (rt_pat_next(&j, &pos, &a, &b))
        rt__seq_push_owned(seq, rt__str_new(j.text + a, b - a));
    rt__rx_free(j.rx);
    return seq;
}

/* Replace the first `limit` matches (all when limit < 0) with the literal replacement. */
static rt_string rt_pat_replace(rt_string text, rt_string pattern, rt_string repl, int64_t limit) {
    rt_pat_job j = rt_pat_begin(text, pattern);
    const char *r = rt__str_bytes(repl);
    size_t rlen = rt__str_len(repl);
    rt_buf out = {0};
    size_t pos = 0, copied = 0, a, b;
    for (int64_t n = 0; (limit < 0 || n < limit) && rt_pat_next(&j, &pos, &a, &b); n++) {
        rt__buf_put(&out, j.text + copied, a - copied);
        rt__buf_put(&out, r, rlen);
        copied = b;
    }
    rt__buf_put(&out, j.text + copied, j.len - copied);
    rt__rx_free(j.rx);
    return rt__buf_finish(&out);
}

rt_string rt_pattern_replace(rt_string text, rt_string pattern, rt_string repl) {
    return rt_pat_replace(text, pattern, repl, -1);
}

rt_string rt_pattern_replace_first(rt_string text, rt_string pattern, rt_string repl) {
    return rt_pat_replace(text, pattern, repl, 1);
}

void *rt_pattern_split(rt_string text, rt_string pattern) {
    rt_pat_job j = rt_pat_begin(text, pattern);
    void *seq = rt_seq_new();
    size_t pos = 0, piece = 0, a, b;
    while (rt_pat_next(&j, &pos, &a, &b)) {
        if (b == a && (a == 0 || a == j.len))
            continue; /* an empty match at either end does not split */
        rt__seq_push_owned(seq, rt__str_new(j.text + piece, a - piece));
        piece = b;
    }
    rt__seq_push_owned(seq, rt__str_new(j.text + piece, j.len - piece));
    rt__rx_free(j.rx);
    return seq;
}

rt_string rt_pattern_escape(rt_string text) {
    const char *t = rt__str_bytes(text);
    size_t n = rt__str_len(text), out = 0;
    static const char meta[] = ".^$*+?()[]{}|\\";
    for (size_t i = 0; i < n; i++)
        out += (t[i] && strchr(meta, t[i])) ? 2 : 1;
    if (out == 0)
        return rt_str_empty();
    rt_string r = rt__str_alloc(out);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] && strchr(meta, t[i]))
            r->data[o++] = '\\';
        r->data[o++] = t[i];
    }
    return r;
}
