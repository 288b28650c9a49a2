/*
 * array.c — runtime arrays (RUNTIME-ABI §1.3, §3.5): i64, f64, object and string arrays.
 *
 * A handle points at element 0 of a heap block (kind RT_KIND_ARRAY); all elements are 8 bytes; the
 * header keeps len and cap. NULL is "no array": len 0, retain/release do nothing, element access
 * panics. Every element access is bounds-checked (index compared unsigned) and panics through
 * rt_arr_oob_panic (message + abort(), stdout deliberately not flushed).
 * Object arrays own one reference per element (object protocol); string arrays one per string.
 */
#include "rt_objects_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

RT_NORETURN void rt_arr_oob_panic(int64_t idx, int64_t len) {
    fprintf(stderr, "rt_arr_i32: index %" PRIu64 " out of bounds (len=%" PRIu64 ")\n", (uint64_t)idx,
            (uint64_t)len);
    fflush(stderr);
    abort();
}

static void *arr_new(enum rt_elem_kind elem, int64_t n) {
    if (n < 0)
        rt__trap("rt_arr: negative length");
    if ((uint64_t)n > (SIZE_MAX - sizeof(rt_heap_hdr)) / 8)
        rt__trap("out of memory");
    void *a = rt__heap_alloc(RT_KIND_ARRAY, elem, (size_t)n * 8);
    rt_heap_hdr *h = rt__heap_hdr(a);
    h->len = h->cap = (size_t)n;
    return a;
}

static int64_t arr_len(const void *a) { return a ? (int64_t)rt__heap_hdr(a)->len : 0; }

/* Panics unless a is non-NULL and 0 <= i < len. */
static void arr_check(const void *a, int64_t i) {
    int64_t len = arr_len(a);
    if (!a || (uint64_t)i >= (uint64_t)len)
        rt_arr_oob_panic(i, len);
}

/* Counts change atomically once the runtime has started a thread (rt__mt). */
static void arr_retain(void *a) {
    if (!a)
        return;
    if (rt__mt())
        __atomic_fetch_add(&rt__heap_hdr(a)->refcnt, 1, __ATOMIC_RELAXED);
    else
        rt__heap_hdr(a)->refcnt++;
}

static void arr_release(void *a) {
    if (!a)
        return;
    rt_heap_hdr *h = rt__heap_hdr(a);
    if (rt__mt()) {
        size_t c = __atomic_load_n(&h->refcnt, __ATOMIC_RELAXED);
        do {
            if (c == 0)
                return;
        } while (!__atomic_compare_exchange_n(&h->refcnt, &c, c - 1, true, __ATOMIC_ACQ_REL,
                                              __ATOMIC_RELAXED));
        if (c == 1)
            rt__heap_free(a);
        return;
    }
    if (h->refcnt == 0)
        return;
    if (--h->refcnt == 0)
        rt__heap_free(a);
}

/* ---- i64 / f64 -------------------------------------------------------------------------- */

int64_t *rt_arr_i64_new(int64_t n) { return arr_new(RT_ELEM_I64, n); }
int64_t rt_arr_i64_len(int64_t *a) { return arr_len(a); }
void rt_arr_i64_retain(int64_t *a) { arr_retain(a); }
void rt_arr_i64_release(int64_t *a) { arr_release(a); }

int64_t rt_arr_i64_get(int64_t *a, int64_t i) {
    arr_check(a, i);
    return a[i];
}

void rt_arr_i64_set(int64_t *a, int64_t i, int64_t v) {
    arr_check(a, i);
    a[i] = v;
}

int64_t *rt_arr_i64_resize(int64_t *a, int64_t n) {
    if (n < 0)
        return NULL;
    if (!a)
        return rt_arr_i64_new(n);
    rt_heap_hdr *h = rt__heap_hdr(a);
    size_t un = (size_t)n;
    if (un <= h->cap) {
        if (un > h->len)
            memset(a + h->len, 0, (un - h->len) * 8);
        h->len = un;
        return a;
    }
    if (__atomic_load_n(&h->refcnt, __ATOMIC_ACQUIRE) > 1) {
        int64_t *fresh = arr_new((enum rt_elem_kind)h->elem_kind, n);
        memcpy(fresh, a, h->len * 8);
        arr_release(a);
        return fresh;
    }
    if (un > (SIZE_MAX - sizeof(rt_heap_hdr)) / 8)
        return NULL;
    size_t total = sizeof(rt_heap_hdr) + un * 8;
    rt_heap_hdr *nh = realloc(h, total);
    if (!nh)
        return NULL;
    int64_t *na = (int64_t *)(nh + 1);
    memset(na + nh->len, 0, (un - nh->len) * 8);
    nh->len = nh->cap = un;
    nh->alloc_size = total;
    return na;
}

double *rt_arr_f64_new(int64_t n) { return arr_new(RT_ELEM_F64, n); }
int64_t rt_arr_f64_len(double *a) { return arr_len(a); }
void rt_arr_f64_retain(double *a) { arr_retain(a); }
void rt_arr_f64_release(double *a) { arr_release(a); }

double rt_arr_f64_get(double *a, int64_t i) {
    arr_check(a, i);
    return a[i];
}

void rt_arr_f64_set(double *a, int64_t i, double v) {
    arr_check(a, i);
    a[i] = v;
}

/* ---- objects ---------------------------------------------------------------------------- */

void **rt_arr_obj_new(int64_t n) { return arr_new(RT_ELEM_NONE, n); }
int64_t rt_arr_obj_len(void **a) { return arr_len(a); }

void *rt_arr_obj_get(void **a, int64_t i) {
    arr_check(a, i);
    void *v = a[i];
    rt_obj_retain_maybe(v);
    return v;
}

void rt_arr_obj_put(void **a, int64_t i, void *v) {
    arr_check(a, i);
    rt_obj_retain_maybe(v);
    void *old = a[i];
    a[i] = v;
    rt__obj_release_and_free(old);
}

void rt_arr_obj_release(void **a) {
    if (!a)
        return;
    size_t len = rt__heap_hdr(a)->len;
    for (size_t i = 0; i < len; i++) {
        void *old = a[i];
        a[i] = NULL;
        rt__obj_release_and_free(old);
    }
    arr_release(a);
}

/* ---- strings ---------------------------------------------------------------------------- */

rt_string *rt_arr_str_alloc(int64_t n) { return arr_new(RT_ELEM_STR, n); }
int64_t rt_arr_str_len(rt_string *a) { return arr_len(a); }

rt_string rt_arr_str_get(rt_string *a, int64_t i) {
    arr_check(a, i);
    rt_string s = a[i];
    rt_str_retain_maybe(s);
    return s;
}

void rt_arr_str_put(rt_string *a, int64_t i, rt_string v) {
    arr_check(a, i);
    rt_str_retain_maybe(v);
    rt_string old = a[i];
    a[i] = v;
    rt_str_release_maybe(old);
}

void rt_arr_str_release(rt_string *a, int64_t n) {
    if (!a)
        return;
    int64_t len = arr_len(a);
    if (n > len)
        n = len;
    for (int64_t i = 0; i < n; i++) {
        rt_string old = a[i];
        a[i] = NULL;
        rt_str_release_maybe(old);
    }
    arr_release(a);
}
