/*
 * string.c — string handles: allocation, literals, reference counting, owning stores, length/bytes,
 * Concat, equality and ordering (RUNTIME-ABI §1.2, §3.2).
 *
 * Representation: every runtime-made string is ONE malloc block — the `rt_string_impl` handle
 * immediately followed by the bytes and a NUL (`data` points just past the handle; `heap` is NULL).
 * Literals (compiler-emitted static handles, rt_const_cstr, the empty string) have
 * refs == RT_REFS_IMMORTAL and are never freed. Invariants: data[len] == 0; refs >= 1 while live;
 * a freed handle has its magic cleared first (so stale handles fail rt__is_string).
 * Threads: once a runtime thread exists (rt__mt), counts change atomically and the rt_const_cstr
 * interning table is locked.
 */
#include "rt_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static struct rt_string_impl rt_empty_handle = {RT_STR_MAGIC, (char *)"", NULL, 0, RT_REFS_IMMORTAL};

bool rt__is_string(const void *p) {
    return p != NULL && *(const uint64_t *)p == RT_STR_MAGIC;
}

rt_string rt__str_alloc(size_t len) {
    if (len > SIZE_MAX - sizeof(struct rt_string_impl) - 1)
        rt__trap("string too long");
    struct rt_string_impl *s = malloc(sizeof(struct rt_string_impl) + len + 1);
    if (!s)
        rt__trap("out of memory allocating string");
    s->magic = RT_STR_MAGIC;
    s->data = (char *)(s + 1);
    s->heap = NULL;
    s->len = len;
    s->refs = 1;
    s->data[len] = 0;
    return s;
}

rt_string rt__str_new(const char *bytes, size_t len) {
    rt_string s = rt__str_alloc(len);
    if (len)
        memcpy(s->data, bytes, len);
    return s;
}

rt_string rt__str_from_cstr(const char *s) {
    return rt__str_new(s ? s : "", s ? strlen(s) : 0);
}

const char *rt__str_bytes(rt_string s) {
    return s ? s->data : "";
}

size_t rt__str_len(rt_string s) {
    return s ? s->len : 0;
}

rt_string rt_str_empty(void) {
    return &rt_empty_handle;
}

/* Interning table for rt_const_cstr: one immortal handle per distinct address. */
static struct {
    const char **keys;
    rt_string *vals;
    size_t cap, count;
} rt_const_table;

static size_t rt_const_slot(const char *p, size_t cap) {
    uintptr_t h = (uintptr_t)p;
    h ^= h >> 17;
    h *= (uintptr_t)0x9E3779B97F4A7C15ULL;
    return (size_t)(h ^ (h >> 29)) & (cap - 1);
}

static void rt_const_grow(void) {
    size_t ncap = rt_const_table.cap ? rt_const_table.cap * 2 : 64;
    const char **nk = calloc(ncap, sizeof *nk);
    rt_string *nv = calloc(ncap, sizeof *nv);
    if (!nk || !nv)
        rt__trap("out of memory allocating string");
    for (size_t i = 0; i < rt_const_table.cap; i++) {
        if (!rt_const_table.keys[i])
            continue;
        size_t j = rt_const_slot(rt_const_table.keys[i], ncap);
        while (nk[j])
            j = (j + 1) & (ncap - 1);
        nk[j] = rt_const_table.keys[i];
        nv[j] = rt_const_table.vals[i];
    }
    free(rt_const_table.keys);
    free(rt_const_table.vals);
    rt_const_table.keys = nk;
    rt_const_table.vals = nv;
    rt_const_table.cap = ncap;
}

static pthread_mutex_t rt_const_lock = PTHREAD_MUTEX_INITIALIZER;
static rt_string rt_const_cstr_unlocked(const char *p);

rt_string rt_const_cstr(const char *p) {
    if (!p)
        return NULL;
    if (!rt__mt())
        return rt_const_cstr_unlocked(p);
    pthread_mutex_lock(&rt_const_lock);
    rt_string s = rt_const_cstr_unlocked(p);
    pthread_mutex_unlock(&rt_const_lock);
    return s;
}

static rt_string rt_const_cstr_unlocked(const char *p) {
    if (rt_const_table.count * 2 >= rt_const_table.cap)
        rt_const_grow();
    size_t j = rt_const_slot(p, rt_const_table.cap);
    while (rt_const_table.keys[j]) {
        if (rt_const_table.keys[j] == p)
            return rt_const_table.vals[j];
        j = (j + 1) & (rt_const_table.cap - 1);
    }
    struct rt_string_impl *s = malloc(sizeof *s);
    if (!s)
        rt__trap("out of memory allocating string");
    s->magic = RT_STR_MAGIC;
    s->data = (char *)p;
    s->heap = NULL;
    s->len = strlen(p);
    s->refs = RT_REFS_IMMORTAL;
    rt_const_table.keys[j] = p;
    rt_const_table.vals[j] = s;
    rt_const_table.count++;
    return s;
}

void rt_str_retain_maybe(rt_string s) {
    if (!s)
        return;
    if (rt__mt()) { /* threads exist: atomic count (immortal handles are never written) */
        if (__atomic_load_n(&s->refs, __ATOMIC_RELAXED) != RT_REFS_IMMORTAL)
            __atomic_fetch_add(&s->refs, 1, __ATOMIC_RELAXED);
        return;
    }
    if (s->refs == RT_REFS_IMMORTAL)
        return;
    s->refs++;
}

void rt_str_release_maybe(rt_string s) {
    if (!s)
        return;
    if (rt__mt()) {
        size_t c = __atomic_load_n(&s->refs, __ATOMIC_RELAXED);
        do {
            if (c == RT_REFS_IMMORTAL || c == 0)
                return;
        } while (!__atomic_compare_exchange_n(&s->refs, &c, c - 1, true, __ATOMIC_ACQ_REL,
                                              __ATOMIC_RELAXED));
        if (c == 1) {
            s->magic = 0;
            free(s);
        }
        return;
    }
    if (s->refs == RT_REFS_IMMORTAL || s->refs == 0)
        return;
    if (--s->refs == 0) {
        s->magic = 0;
        free(s);
    }
}

void vpr_str_store(rt_string *slot, rt_string v) {
    rt_string old = *slot;
    rt_str_retain_maybe(v);
    *slot = v;
    rt_str_release_maybe(old);
}

int64_t rt_str_len(rt_string s) {
    return (int64_t)rt__str_len(s);
}

const char *rt_string_cstr(rt_string s) {
    if (!s)
        rt__trap("rt_string_cstr: null string");
    return s->data;
}

rt_string rt_str_concat(rt_string a, rt_string b) {
    size_t la = rt__str_len(a), lb = rt__str_len(b);
    if (la > SIZE_MAX / 2 || lb > SIZE_MAX / 2)
        rt__trap("string too long");
    rt_string r = rt__str_alloc(la + lb);
    if (la)
        memcpy(r->data, a->data, la);
    if (lb)
        memcpy(r->data + la, b->data, lb);
    return r;
}

bool rt_str_eq(rt_string a, rt_string b) {
    if (!a || !b)
        return false;
    if (a == b)
        return true;
    return a->len == b->len && memcmp(a->data, b->data, a->len) == 0;
}

/* Three-way byte comparison of two non-NULL strings (unsigned bytes, shorter prefix first). */
int rt__str_cmp(rt_string a, rt_string b) {
    size_t n = a->len < b->len ? a->len : b->len;
    int c = n ? memcmp(a->data, b->data, n) : 0;
    if (c)
        return c < 0 ? -1 : 1;
    return a->len < b->len ? -1 : (a->len > b->len ? 1 : 0);
}

int64_t rt_str_lt(rt_string a, rt_string b) {
    return (a && b) ? rt__str_cmp(a, b) < 0 : 0;
}

int64_t rt_str_le(rt_string a, rt_string b) {
    if (!a || !b)
        return (!a && !b) ? 1 : 0;
    return rt__str_cmp(a, b) <= 0;
}

int64_t rt_str_gt(rt_string a, rt_string b) {
    return (a && b) ? rt__str_cmp(a, b) > 0 : 0;
}

int64_t rt_str_ge(rt_string a, rt_string b) {
    if (!a || !b)
        return (!a && !b) ? 1 : 0;
    return rt__str_cmp(a, b) >= 0;
}
