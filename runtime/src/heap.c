/*
 * heap.c — reference-counted heap blocks and the generic object protocol (RUNTIME-ABI §1.1, §1.4).
 *
 * A heap block is one malloc'ed region: a 64-byte rt_heap_hdr followed by the payload; handles given
 * to IL are payload addresses. New blocks have refcount 1 and a zeroed payload.
 * The object protocol (rt_obj_retain_maybe / rt_obj_release_check0 / rt_obj_free) accepts NULL and
 * string handles (delegated to the string retain/release) as well as heap payloads. Release never
 * frees by itself: rt_obj_free frees a block whose count is 0, after running its finaliser.
 * Threads: once the runtime has started a thread (rt__mt), counts change with atomic operations
 * (acquire/release on the decrement), so objects shared between threads keep exact counts.
 */
#include "rt_objects_internal.h"

#include <stdlib.h>
#include <string.h>

void *rt__xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p)
        rt__trap("out of memory");
    return p;
}

void *rt__xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q)
        rt__trap("out of memory");
    return q;
}

void *rt__heap_alloc(enum rt_heap_kind kind, enum rt_elem_kind elem, size_t payload_size) {
    if (payload_size > SIZE_MAX - sizeof(rt_heap_hdr))
        rt__trap("out of memory");
    size_t total = sizeof(rt_heap_hdr) + payload_size;
    rt_heap_hdr *h = calloc(1, total);
    if (!h)
        rt__trap("out of memory");
    h->magic = RT_HEAP_MAGIC;
    h->kind = (uint16_t)kind;
    h->elem_kind = (uint16_t)elem;
    h->refcnt = 1;
    h->alloc_size = total;
    return (char *)h + sizeof(rt_heap_hdr);
}

rt_heap_hdr *rt__heap_hdr(const void *payload) {
    return (rt_heap_hdr *)((char *)payload - sizeof(rt_heap_hdr));
}

void rt__heap_free(void *payload) {
    if (!payload)
        return;
    rt_heap_hdr *h = rt__heap_hdr(payload);
    h->magic = 0; /* catch double frees in debugging */
    free(h);
}

void *rt__collection_alloc(size_t size, rt_finalizer fin) {
    if (size < sizeof(void *))
        size = sizeof(void *);
    void *p = rt__heap_alloc(RT_KIND_OBJECT, RT_ELEM_NONE, size);
    rt__heap_hdr(p)->finalizer = fin;
    return p;
}

bool rt__is_collection(const void *p, rt_finalizer fin) {
    if (!p || rt__is_string(p))
        return false;
    const rt_heap_hdr *h = rt__heap_hdr(p);
    return h->magic == RT_HEAP_MAGIC && h->kind == RT_KIND_OBJECT && h->finalizer == fin;
}

void rt_obj_retain_maybe(void *p) {
    if (!p)
        return;
    if (rt__is_string(p)) {
        rt_str_retain_maybe((rt_string)p);
        return;
    }
    if (rt__mt())
        __atomic_fetch_add(&rt__heap_hdr(p)->refcnt, 1, __ATOMIC_RELAXED);
    else
        rt__heap_hdr(p)->refcnt++;
}

int32_t rt_obj_release_check0(void *p) {
    if (!p)
        return 0;
    if (rt__is_string(p)) {
        rt_str_release_maybe((rt_string)p);
        return 0;
    }
    rt_heap_hdr *h = rt__heap_hdr(p);
    if (rt__mt()) {
        size_t c = __atomic_load_n(&h->refcnt, __ATOMIC_RELAXED);
        do {
            if (c == 0)
                return 0; /* already dead: never underflow */
        } while (!__atomic_compare_exchange_n(&h->refcnt, &c, c - 1, true, __ATOMIC_ACQ_REL,
                                              __ATOMIC_RELAXED));
        return c == 1 ? 1 : 0;
    }
    if (h->refcnt == 0)
        return 0; /* already dead: never underflow */
    h->refcnt--;
    return h->refcnt == 0 ? 1 : 0;
}

void rt_obj_free(void *p) {
    if (!p)
        return;
    if (rt__is_string(p)) {
        rt_str_release_maybe((rt_string)p);
        return;
    }
    rt_heap_hdr *h = rt__heap_hdr(p);
    if (__atomic_load_n(&h->refcnt, __ATOMIC_ACQUIRE) != 0)
        return;
    if (h->finalizer) {
        rt_finalizer fin = h->finalizer;
        h->finalizer = NULL; /* a finaliser runs at most once */
        fin(p);
    }
    rt__heap_free(p);
}

void rt__obj_release_and_free(void *p) {
    if (rt_obj_release_check0(p))
        rt_obj_free(p);
}
