/*
 * lrucache.c — Viper.Collections.LruCache (RUNTIME-EXTENDED §3): a bounded string -> object cache
 * with least-recently-used eviction.
 *
 * Representation: the reference FNV-1a chained table (rt_chtab, §G.5) — initial bucket count
 * the smallest 16*2^k with buckets*3/4 >= capacity, growing after an insert when
 * count*4 > buckets*3 — plus a recency list threaded through the entries (`newer`/`older`) from
 * MRU (`mru`) to LRU (`lru`).
 *
 * Ownership: the cache owns one reference to every value (Put retains; replacing, evicting,
 * Remove, RemoveOldest, Clear and the finaliser release with the object protocol). Get/Peek
 * return the value borrowed, as the reference. Keys() is a new Seq of fresh key strings, Values()
 * a new Seq retaining the values, both MRU -> LRU.
 * New(cap <= 0) gives capacity 1. NULL cache: queries 0/false/NULL/empty, mutators no-ops; a NULL
 * key on a live cache traps `rt_string_cstr: null string`.
 * get_Len on another class's object (the Zia front end calls LruCache.get_Len on the Seq from
 * Keys()/Values(), §G.4) reads heap garbage in the reference (unmatchable); here a Seq answers its
 * length and other objects 0.
 */
#include "rt_chtab_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct rt_lru {
    void *vptr; /* always NULL */
    rt_chtab tab;
    int64_t cap;
    rt_chent *mru, *lru;
} rt_lru;

static void release_all(rt_lru *c) {
    /* detach first: a finaliser reached through a value sees an empty cache */
    int64_t n = c->tab.count;
    void **vals = rt__xmalloc((size_t)(n ? n : 1) * sizeof(void *));
    int64_t k = 0;
    for (rt_chent *e = c->mru; e && k < n; e = e->older)
        vals[k++] = e->val;
    rt__chtab_clear(&c->tab);
    c->mru = c->lru = NULL;
    for (int64_t i = 0; i < k; i++)
        rt__obj_release_and_free(vals[i]);
    free(vals);
}

static void lru_finalize(void *p) {
    rt_lru *c = p;
    release_all(c);
    rt__chtab_destroy(&c->tab);
}

static rt_lru *as_lru(void *p) { return rt__is_collection(p, lru_finalize) ? p : NULL; }

void *rt_lrucache_new(int64_t cap) {
    rt_lru *c = rt__collection_alloc(sizeof(rt_lru), lru_finalize);
    c->cap = cap <= 0 ? 1 : cap;
    int64_t buckets = 16;
    while (buckets * 3 / 4 < c->cap && buckets < ((int64_t)1 << 40))
        buckets *= 2;
    rt__chtab_init(&c->tab, buckets);
    return c;
}

static void unlink_recency(rt_lru *c, rt_chent *e) {
    if (e->newer)
        e->newer->older = e->older;
    else
        c->mru = e->older;
    if (e->older)
        e->older->newer = e->newer;
    else
        c->lru = e->newer;
    e->newer = e->older = NULL;
}

static void push_mru(rt_lru *c, rt_chent *e) {
    e->newer = NULL;
    e->older = c->mru;
    if (c->mru)
        c->mru->newer = e;
    c->mru = e;
    if (!c->lru)
        c->lru = e;
}

static rt_chent *find(rt_lru *c, rt_string k) {
    const char *key = rt__key_cstr(k);
    return rt__chtab_find(&c->tab, key, strlen(key));
}

/* Remove entry e, releasing its value. */
static void remove_entry(rt_lru *c, rt_chent *e) {
    void *v = e->val;
    unlink_recency(c, e);
    rt__chtab_unlink(&c->tab, e);
    rt__chtab_free_entry(e);
    rt__obj_release_and_free(v);
}

void rt_lrucache_put(void *p, rt_string k, void *v) {
    rt_lru *c = as_lru(p);
    if (!c)
        return;
    const char *key = rt__key_cstr(k);
    rt_chent *e = rt__chtab_find(&c->tab, key, strlen(key));
    rt_obj_retain_maybe(v);
    if (e) {
        void *old = e->val;
        e->val = v;
        unlink_recency(c, e);
        push_mru(c, e);
        rt__obj_release_and_free(old);
        return;
    }
    if (c->tab.count >= c->cap && c->lru)
        remove_entry(c, c->lru);
    e = rt__chtab_insert(&c->tab, key, strlen(key));
    e->val = v;
    push_mru(c, e);
    if (c->tab.count * 4 > c->tab.cap * 3)
        rt__chtab_grow(&c->tab);
}

void *rt_lrucache_get(void *p, rt_string k) {
    rt_lru *c = as_lru(p);
    if (!c)
        return NULL;
    rt_chent *e = find(c, k);
    if (!e)
        return NULL;
    unlink_recency(c, e);
    push_mru(c, e);
    return e->val;
}

void *rt_lrucache_peek(void *p, rt_string k) {
    rt_lru *c = as_lru(p);
    if (!c)
        return NULL;
    rt_chent *e = find(c, k);
    return e ? e->val : NULL;
}

bool rt_lrucache_has(void *p, rt_string k) {
    rt_lru *c = as_lru(p);
    return c && find(c, k) != NULL;
}

bool rt_lrucache_remove(void *p, rt_string k) {
    rt_lru *c = as_lru(p);
    if (!c)
        return false;
    rt_chent *e = find(c, k);
    if (!e)
        return false;
    remove_entry(c, e);
    return true;
}

bool rt_lrucache_remove_oldest(void *p) {
    rt_lru *c = as_lru(p);
    if (!c || !c->lru)
        return false;
    remove_entry(c, c->lru);
    return true;
}

void rt_lrucache_clear(void *p) {
    rt_lru *c = as_lru(p);
    if (c)
        release_all(c);
}

int64_t rt_lrucache_len(void *p) {
    rt_lru *c = as_lru(p);
    if (c)
        return c->tab.count;
    return rt__is_seq(p) ? rt_seq_len(p) : 0; /* §G.4, see the header comment */
}

bool rt_lrucache_is_empty(void *p) {
    rt_lru *c = as_lru(p);
    return !c || c->tab.count == 0;
}

int64_t rt_lrucache_cap(void *p) {
    rt_lru *c = as_lru(p);
    return c ? c->cap : 0;
}

void *rt_lrucache_keys(void *p) {
    rt_lru *c = as_lru(p);
    void *seq = rt__seq_cap16();
    for (rt_chent *e = c ? c->mru : NULL; e; e = e->older)
        rt__seq_push_owned(seq, rt__str_new(e->key, e->klen));
    return seq;
}

void *rt_lrucache_values(void *p) {
    rt_lru *c = as_lru(p);
    void *seq = rt__seq_cap16();
    for (rt_chent *e = c ? c->mru : NULL; e; e = e->older)
        rt_seq_push(seq, e->val);
    return seq;
}
