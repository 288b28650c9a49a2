/*
 * ring.c — Viper.Collections.Ring (RUNTIME-ABI §1.7, Appendix A): fixed-capacity circular FIFO.
 *
 * Capacity is max(cap, 1). Push appends at the back; when the ring is full the oldest element is
 * dropped (released) first. Pop removes the oldest element and hands its reference to the caller;
 * Peek/Get return elements retained (+1); Get(i) counts from the oldest element. Empty Pop/Peek and
 * out-of-range Get return NULL. The ring owns one reference per element; NULL handles read as empty.
 */
#include "rt_objects_internal.h"

#include <stdlib.h>

typedef struct rt_ring {
    void *vptr; /* always NULL */
    int64_t cap, head, len;
    void **items;
} rt_ring;

static void ring_clear(rt_ring *r) {
    int64_t n = r->len, head = r->head;
    r->len = r->head = 0;
    for (int64_t i = 0; i < n; i++) {
        int64_t j = (head + i) % r->cap;
        void *x = r->items[j];
        r->items[j] = NULL;
        rt__obj_release_and_free(x);
    }
}

static void ring_finalize(void *p) {
    rt_ring *r = p;
    ring_clear(r);
    free(r->items);
    r->items = NULL;
}

static rt_ring *as_ring(void *p) { return rt__is_collection(p, ring_finalize) ? p : NULL; }

void *rt_ring_new(int64_t cap) {
    if (cap < 1)
        cap = 1;
    if ((uint64_t)cap > SIZE_MAX / sizeof(void *))
        rt__trap("out of memory");
    rt_ring *r = rt__collection_alloc(sizeof(rt_ring), ring_finalize);
    r->cap = cap;
    r->items = rt__xmalloc((size_t)cap * sizeof(void *));
    for (int64_t i = 0; i < cap; i++)
        r->items[i] = NULL;
    return r;
}

void *rt_ring_new_default(void) { return rt_ring_new(16); }

int64_t rt_ring_cap(void *p) {
    rt_ring *r = as_ring(p);
    return r ? r->cap : 0;
}

int64_t rt_ring_len(void *p) {
    rt_ring *r = as_ring(p);
    return r ? r->len : 0;
}

bool rt_ring_is_empty(void *p) { return rt_ring_len(p) == 0; }

bool rt_ring_is_full(void *p) {
    rt_ring *r = as_ring(p);
    return r && r->len == r->cap;
}

void rt_ring_push(void *p, void *x) {
    rt_ring *r = as_ring(p);
    if (!r)
        return;
    rt_obj_retain_maybe(x);
    if (r->len == r->cap) {
        void *old = r->items[r->head];
        r->items[r->head] = x;
        r->head = (r->head + 1) % r->cap;
        rt__obj_release_and_free(old);
        return;
    }
    r->items[(r->head + r->len) % r->cap] = x;
    r->len++;
}

void *rt_ring_pop(void *p) {
    rt_ring *r = as_ring(p);
    if (!r || r->len == 0)
        return NULL;
    void *x = r->items[r->head];
    r->items[r->head] = NULL;
    r->head = (r->head + 1) % r->cap;
    r->len--;
    return x;
}

void *rt_ring_get(void *p, int64_t i) {
    rt_ring *r = as_ring(p);
    if (!r || i < 0 || i >= r->len)
        return NULL;
    void *x = r->items[(r->head + i) % r->cap];
    rt_obj_retain_maybe(x);
    return x;
}

void *rt_ring_peek(void *p) { return rt_ring_get(p, 0); }

void rt_ring_clear(void *p) {
    rt_ring *r = as_ring(p);
    if (r)
        ring_clear(r);
}
