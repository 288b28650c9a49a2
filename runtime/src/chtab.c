/*
 * chtab.c — the reference's FNV-1a chained hash table (RUNTIME-EXTENDED §G.5) behind CountMap,
 * IntMap, BiMap and LruCache, plus two small helpers of the same group (rt__seq_cap16,
 * rt__text_of) and the reference Map key order used by Ini (rt__map_keys_ref_order).
 * See rt_chtab_internal.h for the order rules. Entries own a private copy of their key bytes;
 * values are never touched here.
 */
#include "rt_chtab_internal.h"

#include <stdlib.h>
#include <string.h>

void rt__chtab_init(rt_chtab *t, int64_t cap) {
    t->cap = cap > 0 ? cap : 16;
    t->count = 0;
    t->buckets = rt__xmalloc((size_t)t->cap * sizeof(rt_chent *));
    memset(t->buckets, 0, (size_t)t->cap * sizeof(rt_chent *));
}

rt_chent *rt__chtab_find(const rt_chtab *t, const void *key, size_t klen) {
    if (!t->buckets)
        return NULL;
    uint64_t h = rt__fnv1a(key, klen);
    for (rt_chent *e = t->buckets[h % (uint64_t)t->cap]; e; e = e->next)
        if (e->hash == h && e->klen == klen && memcmp(e->key, key, klen) == 0)
            return e;
    return NULL;
}

rt_chent *rt__chtab_insert(rt_chtab *t, const void *key, size_t klen) {
    if (!t->buckets)
        rt__chtab_init(t, 16);
    rt_chent *e = rt__xmalloc(sizeof *e);
    memset(e, 0, sizeof *e);
    e->key = rt__xmalloc(klen + 1);
    if (klen)
        memcpy(e->key, key, klen);
    e->key[klen] = 0;
    e->klen = klen;
    e->hash = rt__fnv1a(key, klen);
    size_t b = (size_t)(e->hash % (uint64_t)t->cap);
    e->next = t->buckets[b];
    t->buckets[b] = e;
    t->count++;
    return e;
}

void rt__chtab_grow(rt_chtab *t) {
    int64_t ncap = t->cap * 2;
    rt_chent **nb = rt__xmalloc((size_t)ncap * sizeof(rt_chent *));
    memset(nb, 0, (size_t)ncap * sizeof(rt_chent *));
    for (int64_t i = 0; i < t->cap; i++) {
        rt_chent *e = t->buckets[i];
        while (e) {
            rt_chent *next = e->next;
            size_t b = (size_t)(e->hash % (uint64_t)ncap);
            e->next = nb[b];
            nb[b] = e;
            e = next;
        }
    }
    free(t->buckets);
    t->buckets = nb;
    t->cap = ncap;
}

void rt__chtab_unlink(rt_chtab *t, rt_chent *e) {
    rt_chent **pp = &t->buckets[e->hash % (uint64_t)t->cap];
    while (*pp && *pp != e)
        pp = &(*pp)->next;
    if (*pp) {
        *pp = e->next;
        e->next = NULL;
        t->count--;
    }
}

void rt__chtab_free_entry(rt_chent *e) {
    if (!e)
        return;
    free(e->key);
    free(e);
}

void rt__chtab_clear(rt_chtab *t) {
    for (int64_t i = 0; t->buckets && i < t->cap; i++) {
        rt_chent *e = t->buckets[i];
        t->buckets[i] = NULL;
        while (e) {
            rt_chent *next = e->next;
            rt__chtab_free_entry(e);
            e = next;
        }
    }
    t->count = 0;
}

void rt__chtab_destroy(rt_chtab *t) {
    rt__chtab_clear(t);
    free(t->buckets);
    t->buckets = NULL;
}

rt_chent **rt__chtab_entries(const rt_chtab *t) {
    if (t->count <= 0)
        return NULL;
    rt_chent **out = rt__xmalloc((size_t)t->count * sizeof(rt_chent *));
    int64_t n = 0;
    for (int64_t i = 0; i < t->cap; i++)
        for (rt_chent *e = t->buckets[i]; e && n < t->count; e = e->next)
            out[n++] = e;
    return out;
}

void *rt__seq_cap16(void) { return rt_seq_with_capacity(16); }

rt_string rt__text_of(void *p) {
    if (!p)
        return NULL;
    if (rt__is_string(p)) {
        rt_str_retain_maybe(p);
        return p;
    }
    return rt_unbox_str(p);
}

rt_string *rt__map_keys_ref_order(void *m, void **keys, int64_t *n) {
    *keys = rt_map_keys(m); /* insertion order */
    *n = rt_seq_len(*keys);
    if (*n == 0)
        return NULL;
    rt_chtab t;
    rt__chtab_init(&t, 16);
    for (int64_t i = 0; i < *n; i++) {
        rt_string k = rt__seq_at(*keys, i);
        rt__chtab_insert(&t, rt__str_bytes(k), strlen(rt__str_bytes(k)))->val = k;
        if (t.count * 4 > t.cap * 3) /* Map: grow after the insert */
            rt__chtab_grow(&t);
    }
    rt_chent **es = rt__chtab_entries(&t);
    rt_string *out = rt__xmalloc((size_t)*n * sizeof(rt_string));
    for (int64_t i = 0; i < *n; i++)
        out[i] = es[i]->val;
    free(es);
    rt__chtab_destroy(&t);
    return out;
}

bool rt__word_at(const void *p, size_t off, int64_t *out) {
    if (!p || rt__is_string(p))
        return false;
    const rt_heap_hdr *h = rt__heap_hdr(p);
    if (h->magic != RT_HEAP_MAGIC || h->alloc_size < sizeof(rt_heap_hdr) + off + sizeof(int64_t))
        return false;
    memcpy(out, (const char *)p + off, sizeof *out);
    return true;
}
