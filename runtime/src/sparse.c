/*
 * sparse.c — Viper.Collections.SparseArray (Appendix A): objects stored at arbitrary i64 indices
 * (negative ones included).
 *
 * Representation: a runtime collection holding parallel arrays of indices (strictly ascending) and
 * values, searched by bisection. The array owns one reference to each value: Set retains the new
 * value and releases a replaced one; Remove/Clear/finaliser release. Get returns the value borrowed
 * (like Map.Get), or NULL when the index is not set. Indices() is a new Seq of boxed i64 indices in
 * ascending order, Values() a new Seq of the values in index order. NULL handles read as empty.
 * Reference quirk reproduced: get_Len applied to a Seq (the corpus API audit does this to the result
 * of Indices/Values) reads the reference Seq's capacity field, whose initial value is 16 and which
 * doubles when full; so for a Seq it returns that capacity (16 for up to 16 elements).
 */
#include "rt_codec_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct rt_sparse {
    void *vptr; /* always NULL */
    int64_t len, cap;
    int64_t *idx;
    void **val;
} rt_sparse;

static void sparse_clear_items(rt_sparse *s) {
    int64_t n = s->len;
    s->len = 0;
    for (int64_t i = 0; i < n; i++)
        rt__obj_release_and_free(s->val[i]);
}

static void sparse_finalize(void *p) {
    rt_sparse *s = p;
    sparse_clear_items(s);
    free(s->idx);
    free(s->val);
    s->idx = NULL;
    s->val = NULL;
    s->cap = 0;
}

static rt_sparse *as_sparse(void *p) { return rt__is_collection(p, sparse_finalize) ? p : NULL; }

/* Position of index i, or of where it would be inserted (*found tells which). */
static int64_t sparse_search(const rt_sparse *s, int64_t i, bool *found) {
    int64_t lo = 0, hi = s->len;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (s->idx[mid] < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = lo < s->len && s->idx[lo] == i;
    return lo;
}

void *rt_sparse_new(void) { return rt__collection_alloc(sizeof(rt_sparse), sparse_finalize); }

int64_t rt_sparse_len(void *p) {
    rt_sparse *s = as_sparse(p);
    if (s)
        return s->len;
    if (rt__is_seq(p)) {
        int64_t cap = 16, n = rt_seq_len(p);
        while (cap < n)
            cap *= 2;
        return cap;
    }
    return 0;
}

void rt_sparse_set(void *p, int64_t i, void *v) {
    rt_sparse *s = as_sparse(p);
    if (!s)
        return;
    bool found;
    int64_t at = sparse_search(s, i, &found);
    rt_obj_retain_maybe(v);
    if (found) {
        void *old = s->val[at];
        s->val[at] = v;
        rt__obj_release_and_free(old);
        return;
    }
    if (s->len == s->cap) {
        int64_t ncap = s->cap ? s->cap * 2 : 8;
        s->idx = rt__xrealloc(s->idx, (size_t)ncap * sizeof *s->idx);
        s->val = rt__xrealloc(s->val, (size_t)ncap * sizeof *s->val);
        s->cap = ncap;
    }
    memmove(s->idx + at + 1, s->idx + at, (size_t)(s->len - at) * sizeof *s->idx);
    memmove(s->val + at + 1, s->val + at, (size_t)(s->len - at) * sizeof *s->val);
    s->idx[at] = i;
    s->val[at] = v;
    s->len++;
}

void *rt_sparse_get(void *p, int64_t i) {
    rt_sparse *s = as_sparse(p);
    bool found = false;
    int64_t at = s ? sparse_search(s, i, &found) : 0;
    return found ? s->val[at] : NULL;
}

bool rt_sparse_has(void *p, int64_t i) {
    rt_sparse *s = as_sparse(p);
    bool found = false;
    if (s)
        sparse_search(s, i, &found);
    return found;
}

bool rt_sparse_remove(void *p, int64_t i) {
    rt_sparse *s = as_sparse(p);
    bool found = false;
    int64_t at = s ? sparse_search(s, i, &found) : 0;
    if (!found)
        return false;
    void *old = s->val[at];
    memmove(s->idx + at, s->idx + at + 1, (size_t)(s->len - at - 1) * sizeof *s->idx);
    memmove(s->val + at, s->val + at + 1, (size_t)(s->len - at - 1) * sizeof *s->val);
    s->len--;
    rt__obj_release_and_free(old);
    return true;
}

void rt_sparse_clear(void *p) {
    rt_sparse *s = as_sparse(p);
    if (s)
        sparse_clear_items(s);
}

void *rt_sparse_indices(void *p) {
    rt_sparse *s = as_sparse(p);
    void *seq = rt_seq_new();
    for (int64_t i = 0; s && i < s->len; i++)
        rt__seq_push_owned(seq, rt_box_i64(s->idx[i]));
    return seq;
}

void *rt_sparse_values(void *p) {
    rt_sparse *s = as_sparse(p);
    void *seq = rt_seq_new();
    for (int64_t i = 0; s && i < s->len; i++)
        rt_seq_push(seq, s->val[i]);
    return seq;
}
