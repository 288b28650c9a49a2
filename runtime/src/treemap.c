/*
 * treemap.c — Viper.Collections.TreeMap: a map from string keys to objects kept sorted by key
 * (unsigned byte order), stored as a sorted array searched by bisection.
 *
 * Invariants: entries[0..len) strictly increasing by key; the map owns one reference to every key
 * (a private string) and to every value (object protocol, so raw strings are fine as values).
 * Get returns the value +1 (the reference's callers release it), NULL when absent. First / Last /
 * Floor / Ceil return the key +1, or "" when there is none. Keys / Values return new Seqs in key
 * order. A NULL map reads as empty and ignores mutation; a NULL key traps
 * `rt_string_cstr: null string` like Map.
 */
#include "rt_collections_abi.h"
#include "rt_lang_abi.h"
#include "rt_text_abi.h"
#include "rt_objects_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct tm_entry {
    rt_string key;
    void *val;
} tm_entry;

typedef struct rt_treemap {
    void *vptr; /* always NULL */
    int64_t len, cap;
    tm_entry *e;
} rt_treemap;

static void tm_release_all(rt_treemap *m) {
    for (int64_t i = 0; i < m->len; i++) {
        rt_str_release_maybe(m->e[i].key);
        rt__obj_release_and_free(m->e[i].val);
    }
    m->len = 0;
}

static void tm_finalize(void *p) {
    rt_treemap *m = p;
    tm_release_all(m);
    free(m->e);
    m->e = NULL;
}

static rt_treemap *as_tm(void *p) { return rt__is_collection(p, tm_finalize) ? p : NULL; }

/* Index of the first entry with key >= k (0..len); *found when equal. */
static int64_t lower_bound(const rt_treemap *m, rt_string k, bool *found) {
    int64_t lo = 0, hi = m->len;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (rt__str_cmp(m->e[mid].key, k) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = lo < m->len && rt__str_cmp(m->e[lo].key, k) == 0;
    return lo;
}

void *rt_treemap_new(void) { return rt__collection_alloc(sizeof(rt_treemap), tm_finalize); }

int64_t rt_treemap_len(void *p) {
    rt_treemap *m = as_tm(p);
    return m ? m->len : 0;
}

bool rt_treemap_is_empty(void *p) { return rt_treemap_len(p) == 0; }

void rt_treemap_set(void *p, rt_string k, void *v) {
    rt_treemap *m = as_tm(p);
    if (!m)
        return;
    rt__key_cstr(k);
    bool found;
    int64_t i = lower_bound(m, k, &found);
    rt_obj_retain_maybe(v);
    if (found) {
        void *old = m->e[i].val;
        m->e[i].val = v;
        rt__obj_release_and_free(old);
        return;
    }
    if (m->len == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 8;
        m->e = rt__xrealloc(m->e, (size_t)m->cap * sizeof(tm_entry));
    }
    memmove(&m->e[i + 1], &m->e[i], (size_t)(m->len - i) * sizeof(tm_entry));
    m->e[i].key = rt__str_new(rt__str_bytes(k), rt__str_len(k));
    m->e[i].val = v;
    m->len++;
}

/* Entry index of k, or -1 (NULL map: -1; NULL key traps). */
static int64_t find(rt_treemap *m, rt_string k) {
    if (!m)
        return -1;
    rt__key_cstr(k);
    bool found;
    int64_t i = lower_bound(m, k, &found);
    return found ? i : -1;
}

void *rt_treemap_get(void *p, rt_string k) {
    rt_treemap *m = as_tm(p);
    int64_t i = find(m, k);
    if (i < 0)
        return NULL;
    rt_obj_retain_maybe(m->e[i].val);
    return m->e[i].val;
}

bool rt_treemap_has(void *p, rt_string k) { return find(as_tm(p), k) >= 0; }

bool rt_treemap_drop(void *p, rt_string k) {
    rt_treemap *m = as_tm(p);
    int64_t i = find(m, k);
    if (i < 0)
        return false;
    tm_entry gone = m->e[i];
    memmove(&m->e[i], &m->e[i + 1], (size_t)(m->len - i - 1) * sizeof(tm_entry));
    m->len--;
    rt_str_release_maybe(gone.key);
    rt__obj_release_and_free(gone.val);
    return true;
}

void rt_treemap_clear(void *p) {
    rt_treemap *m = as_tm(p);
    if (m)
        tm_release_all(m);
}

/* Key of entry i +1, or "" when i is out of range. */
static rt_string key_at(rt_treemap *m, int64_t i) {
    if (!m || i < 0 || i >= m->len)
        return rt_str_empty();
    rt_str_retain_maybe(m->e[i].key);
    return m->e[i].key;
}

rt_string rt_treemap_first(void *p) { return key_at(as_tm(p), 0); }

rt_string rt_treemap_last(void *p) {
    rt_treemap *m = as_tm(p);
    return key_at(m, m ? m->len - 1 : -1);
}

/* Greatest key <= k. */
rt_string rt_treemap_floor(void *p, rt_string k) {
    rt_treemap *m = as_tm(p);
    if (!m)
        return rt_str_empty();
    rt__key_cstr(k);
    bool found;
    int64_t i = lower_bound(m, k, &found);
    return key_at(m, found ? i : i - 1);
}

/* Least key >= k. */
rt_string rt_treemap_ceil(void *p, rt_string k) {
    rt_treemap *m = as_tm(p);
    if (!m)
        return rt_str_empty();
    rt__key_cstr(k);
    bool found;
    return key_at(m, lower_bound(m, k, &found));
}

void *rt_treemap_keys(void *p) {
    rt_treemap *m = as_tm(p);
    void *s = rt_seq_new();
    for (int64_t i = 0; m && i < m->len; i++)
        rt_seq_push(s, m->e[i].key);
    return s;
}

void *rt_treemap_values(void *p) {
    rt_treemap *m = as_tm(p);
    void *s = rt_seq_new();
    for (int64_t i = 0; m && i < m->len; i++)
        rt_seq_push(s, m->e[i].val);
    return s;
}
