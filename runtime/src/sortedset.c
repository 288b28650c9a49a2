/*
 * sortedset.c — Viper.Collections.SortedSet (RUNTIME-EXTENDED §1): a sorted array of distinct
 * strings, ordered by strcmp on the C strings (unsigned bytes, case-sensitive, text up to the
 * first NUL). A NULL str argument is read as "" everywhere (no trap).
 *
 * Ownership: the set owns one reference to a private copy of every element (made by Put, or by
 * Merge/Common/Diff from the operands' copies); Drop/Clear/the finaliser release them. String
 * results (First/Last/At/Floor/Ceil/Lower/Higher) are +1 (the reference hands out its own copy
 * without a retain, §G.3 — not imitated). Items/Range/Take/Skip return a new Seq that retains the
 * set's strings (§G.2).
 *
 * Layout / VM quirk reproduced (§G.4): the Zia front end emits `SortedSet.get_Len` on the Seq
 * returned by Range/Take/Skip. The payload keeps `len` in its third word (offset 16), which is
 * where an rt_vec (Seq) keeps its capacity, and every Seq built here starts with capacity 16 —
 * so such a call answers 16 as on the reference VM (whose SortedSet len and Seq cap share
 * offset 8), for the same reason. get_Len therefore reads that word of any heap object without a
 * class check (memory-safely: rt__word_at).
 */
#include "rt_chtab_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct rt_sortedset {
    void *vptr;        /* always NULL */
    rt_string *items;  /* ascending, owned */
    int64_t len;       /* offset 16: must stay the third word (see above) */
    int64_t cap;
} rt_sortedset;

_Static_assert(offsetof(rt_sortedset, len) == 16, "SortedSet len must share the Seq cap offset");

static void ss_finalize(void *p) {
    rt_sortedset *s = p;
    for (int64_t i = 0; i < s->len; i++)
        rt_str_release_maybe(s->items[i]);
    free(s->items);
    s->items = NULL;
    s->len = s->cap = 0;
}

static rt_sortedset *as_ss(void *p) { return rt__is_collection(p, ss_finalize) ? p : NULL; }

static const char *txt(rt_string s) { return s ? rt__str_bytes(s) : ""; }

static rt_sortedset *ss_new(void) { return rt__collection_alloc(sizeof(rt_sortedset), ss_finalize); }

/* Index of the first element >= key (lower bound); *found when equal. */
static int64_t lower_bound(const rt_sortedset *s, const char *key, bool *found) {
    int64_t lo = 0, hi = s->len;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (strcmp(rt__str_bytes(s->items[mid]), key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (found)
        *found = lo < s->len && strcmp(rt__str_bytes(s->items[lo]), key) == 0;
    return lo;
}

/* Insert an owned string at index i. */
static void insert_at(rt_sortedset *s, int64_t i, rt_string owned) {
    if (s->len == s->cap) {
        int64_t ncap = s->cap ? s->cap * 2 : 16;
        s->items = rt__xrealloc(s->items, (size_t)ncap * sizeof(rt_string));
        s->cap = ncap;
    }
    memmove(s->items + i + 1, s->items + i, (size_t)(s->len - i) * sizeof(rt_string));
    s->items[i] = owned;
    s->len++;
}

/* Append (caller keeps the order) a retained reference to an existing element string. */
static void append_shared(rt_sortedset *s, rt_string str) {
    rt_str_retain_maybe(str);
    insert_at(s, s->len, str);
}

static bool ss_contains(const rt_sortedset *s, const char *key) {
    bool found = false;
    if (s)
        lower_bound(s, key, &found);
    return found;
}

static rt_string result(rt_string s) {
    if (!s)
        return rt_str_empty();
    rt_str_retain_maybe(s);
    return s;
}

void *rt_sortedset_new(void) { return ss_new(); }

int64_t rt_sortedset_len(void *p) {
    rt_sortedset *s = as_ss(p);
    if (s)
        return s->len;
    int64_t w = 0; /* another class's object: the reference reads the same field (§G.4) */
    return rt__word_at(p, offsetof(rt_sortedset, len), &w) ? w : 0;
}

bool rt_sortedset_is_empty(void *p) {
    rt_sortedset *s = as_ss(p);
    return !s || s->len == 0;
}

bool rt_sortedset_put(void *p, rt_string x) {
    rt_sortedset *s = as_ss(p);
    if (!s)
        return false;
    const char *k = txt(x);
    bool found;
    int64_t i = lower_bound(s, k, &found);
    if (found)
        return false;
    insert_at(s, i, rt__str_from_cstr(k));
    return true;
}

bool rt_sortedset_drop(void *p, rt_string x) {
    rt_sortedset *s = as_ss(p);
    if (!s)
        return false;
    bool found;
    int64_t i = lower_bound(s, txt(x), &found);
    if (!found)
        return false;
    rt_string old = s->items[i];
    memmove(s->items + i, s->items + i + 1, (size_t)(s->len - i - 1) * sizeof(rt_string));
    s->len--;
    rt_str_release_maybe(old);
    return true;
}

bool rt_sortedset_has(void *p, rt_string x) { return ss_contains(as_ss(p), txt(x)); }

void rt_sortedset_clear(void *p) {
    rt_sortedset *s = as_ss(p);
    if (!s)
        return;
    int64_t n = s->len;
    s->len = 0;
    for (int64_t i = 0; i < n; i++)
        rt_str_release_maybe(s->items[i]);
}

rt_string rt_sortedset_first(void *p) {
    rt_sortedset *s = as_ss(p);
    return result(s && s->len ? s->items[0] : NULL);
}

rt_string rt_sortedset_last(void *p) {
    rt_sortedset *s = as_ss(p);
    return result(s && s->len ? s->items[s->len - 1] : NULL);
}

rt_string rt_sortedset_at(void *p, int64_t i) {
    rt_sortedset *s = as_ss(p);
    return result(s && i >= 0 && i < s->len ? s->items[i] : NULL);
}

int64_t rt_sortedset_index_of(void *p, rt_string x) {
    rt_sortedset *s = as_ss(p);
    if (!s)
        return -1;
    bool found;
    int64_t i = lower_bound(s, txt(x), &found);
    return found ? i : -1;
}

/* Floor: greatest <= x; Ceil: least >= x; Lower: greatest < x; Higher: least > x. */
rt_string rt_sortedset_floor(void *p, rt_string x) {
    rt_sortedset *s = as_ss(p);
    if (!s)
        return rt_str_empty();
    bool found;
    int64_t i = lower_bound(s, txt(x), &found);
    if (found)
        return result(s->items[i]);
    return result(i > 0 ? s->items[i - 1] : NULL);
}

rt_string rt_sortedset_ceil(void *p, rt_string x) {
    rt_sortedset *s = as_ss(p);
    if (!s)
        return rt_str_empty();
    int64_t i = lower_bound(s, txt(x), NULL);
    return result(i < s->len ? s->items[i] : NULL);
}

rt_string rt_sortedset_lower(void *p, rt_string x) {
    rt_sortedset *s = as_ss(p);
    if (!s)
        return rt_str_empty();
    int64_t i = lower_bound(s, txt(x), NULL);
    return result(i > 0 ? s->items[i - 1] : NULL);
}

rt_string rt_sortedset_higher(void *p, rt_string x) {
    rt_sortedset *s = as_ss(p);
    if (!s)
        return rt_str_empty();
    bool found;
    int64_t i = lower_bound(s, txt(x), &found);
    if (found)
        i++;
    return result(i < s->len ? s->items[i] : NULL);
}

/* New Seq (capacity word 16) of elements [from, to) of s (retained). */
static void *slice_seq(rt_sortedset *s, int64_t from, int64_t to) {
    void *seq = rt__seq_cap16();
    for (int64_t i = from; s && i < to && i < s->len; i++)
        rt_seq_push(seq, s->items[i]);
    return seq;
}

void *rt_sortedset_items(void *p) {
    rt_sortedset *s = as_ss(p);
    return slice_seq(s, 0, s ? s->len : 0);
}

void *rt_sortedset_range(void *p, rt_string from, rt_string to) {
    rt_sortedset *s = as_ss(p);
    if (!s)
        return rt__seq_cap16();
    const char *f = txt(from), *t = txt(to);
    if (strcmp(f, t) > 0)
        return rt__seq_cap16();
    return slice_seq(s, lower_bound(s, f, NULL), lower_bound(s, t, NULL));
}

void *rt_sortedset_take(void *p, int64_t n) {
    rt_sortedset *s = as_ss(p);
    return slice_seq(s, 0, n <= 0 ? 0 : n);
}

void *rt_sortedset_skip(void *p, int64_t n) {
    rt_sortedset *s = as_ss(p);
    return slice_seq(s, n < 0 ? 0 : n, s ? s->len : 0);
}

/* Sorted merge of two sets: keep elements in a (in_b == want_b) or all of both (union). */
void *rt_sortedset_merge(void *pa, void *pb) {
    rt_sortedset *a = as_ss(pa), *b = as_ss(pb), *r = ss_new();
    int64_t i = 0, j = 0, na = a ? a->len : 0, nb = b ? b->len : 0;
    while (i < na || j < nb) {
        int c = i >= na ? 1 : j >= nb ? -1 : strcmp(rt__str_bytes(a->items[i]), rt__str_bytes(b->items[j]));
        if (c <= 0) {
            append_shared(r, a->items[i++]);
            if (c == 0)
                j++;
        } else {
            append_shared(r, b->items[j++]);
        }
    }
    return r;
}

void *rt_sortedset_common(void *pa, void *pb) {
    rt_sortedset *a = as_ss(pa), *b = as_ss(pb), *r = ss_new();
    for (int64_t i = 0; a && b && i < a->len; i++)
        if (ss_contains(b, rt__str_bytes(a->items[i])))
            append_shared(r, a->items[i]);
    return r;
}

void *rt_sortedset_diff(void *pa, void *pb) {
    rt_sortedset *a = as_ss(pa), *b = as_ss(pb), *r = ss_new();
    for (int64_t i = 0; a && i < a->len; i++)
        if (!ss_contains(b, rt__str_bytes(a->items[i])))
            append_shared(r, a->items[i]);
    return r;
}

bool rt_sortedset_is_subset(void *pa, void *pb) {
    rt_sortedset *a = as_ss(pa), *b = as_ss(pb);
    if (!a || a->len == 0)
        return true;
    if (!b)
        return false;
    for (int64_t i = 0; i < a->len; i++)
        if (!ss_contains(b, rt__str_bytes(a->items[i])))
            return false;
    return true;
}
