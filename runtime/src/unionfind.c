/*
 * unionfind.c — Viper.Collections.UnionFind (Appendix A): disjoint sets over the elements 0..n-1.
 * New(n) starts with n singleton sets (n < 0 traps `UnionFind.New: negative size`). Union merges
 * by size (on equal sizes the first argument's root becomes the root) and returns 1 when two sets
 * were merged, 0 when the elements were already together. Find compresses paths. get_Count is the
 * number of disjoint sets, SetSize the size of an element's set; Reset restores the singletons.
 * An element outside 0..n-1 traps `UnionFind.<Name>: index out of bounds`; a NULL handle traps
 * `UnionFind.<Name>: null` (get_Count of NULL is 0).
 */
#include "rt_codec_internal.h"

#include <stdlib.h>

typedef struct rt_unionfind {
    void *vptr; /* always NULL */
    int64_t n, count;
    int64_t *parent, *size;
} rt_unionfind;

static void uf_finalize(void *p) {
    rt_unionfind *u = p;
    free(u->parent);
    free(u->size);
    u->parent = u->size = NULL;
}

static rt_unionfind *uf_arg(void *p, const char *fn) {
    if (!rt__is_collection(p, uf_finalize))
        rt__trapf("UnionFind.%s: null", fn);
    return p;
}

static void uf_reset(rt_unionfind *u) {
    for (int64_t i = 0; i < u->n; i++) {
        u->parent[i] = i;
        u->size[i] = 1;
    }
    u->count = u->n;
}

static int64_t uf_root(rt_unionfind *u, int64_t x, const char *fn) {
    if (x < 0 || x >= u->n)
        rt__trapf("UnionFind.%s: index out of bounds", fn);
    int64_t r = x;
    while (u->parent[r] != r)
        r = u->parent[r];
    while (u->parent[x] != r) {
        int64_t next = u->parent[x];
        u->parent[x] = r;
        x = next;
    }
    return r;
}

void *rt_unionfind_new(int64_t n) {
    if (n < 0)
        rt__trap("UnionFind.New: negative size");
    rt_unionfind *u = rt__collection_alloc(sizeof(rt_unionfind), uf_finalize);
    u->n = n;
    u->parent = rt__xmalloc((size_t)(n ? n : 1) * sizeof(int64_t));
    u->size = rt__xmalloc((size_t)(n ? n : 1) * sizeof(int64_t));
    uf_reset(u);
    return u;
}

int64_t rt_unionfind_find(void *p, int64_t x) { return uf_root(uf_arg(p, "Find"), x, "Find"); }

int64_t rt_unionfind_union(void *p, int64_t a, int64_t b) {
    rt_unionfind *u = uf_arg(p, "Union");
    int64_t ra = uf_root(u, a, "Union"), rb = uf_root(u, b, "Union");
    if (ra == rb)
        return 0;
    if (u->size[ra] < u->size[rb]) {
        int64_t t = ra;
        ra = rb;
        rb = t;
    }
    u->parent[rb] = ra;
    u->size[ra] += u->size[rb];
    u->count--;
    return 1;
}

bool rt_unionfind_connected(void *p, int64_t a, int64_t b) {
    rt_unionfind *u = uf_arg(p, "Connected");
    return uf_root(u, a, "Connected") == uf_root(u, b, "Connected");
}

int64_t rt_unionfind_set_size(void *p, int64_t x) {
    rt_unionfind *u = uf_arg(p, "SetSize");
    return u->size[uf_root(u, x, "SetSize")];
}

int64_t rt_unionfind_count(void *p) {
    return rt__is_collection(p, uf_finalize) ? ((rt_unionfind *)p)->count : 0;
}

void rt_unionfind_reset(void *p) { uf_reset(uf_arg(p, "Reset")); }
