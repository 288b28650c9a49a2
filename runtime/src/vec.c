/*
 * vec.c — the growable vector of object references behind List, Seq, Stack and Queue.
 *
 * Layout: payload = rt_vec (first word NULL, see rt_objects_internal.h). The header's `flags` field
 * records which collection type a vector is (RT_VEC_*). The vector owns one reference to each
 * element (object protocol); its finaliser releases them (freeing, without IL destructors, those
 * whose count reaches 0).
 */
#include "rt_vec.h"

#include <stdlib.h>
#include <string.h>

static void vec_finalize(void *p) {
    rt_vec *v = p;
    rt__vec_clear(v);
    free(v->items);
    v->items = NULL;
    v->cap = 0;
}

rt_vec *rt__vec_new(uint32_t type, int64_t cap) {
    rt_vec *v = rt__collection_alloc(sizeof(rt_vec), vec_finalize);
    rt__heap_hdr(v)->flags = type;
    if (cap > 0)
        rt__vec_reserve(v, cap);
    return v;
}

rt_vec *rt__vec_of(void *p, uint32_t type) {
    if (!rt__is_collection(p, vec_finalize))
        return NULL;
    if (type != RT_VEC_ANY && rt__heap_hdr(p)->flags != type)
        return NULL;
    return p;
}

void rt__vec_reserve(rt_vec *v, int64_t need) {
    if (need <= v->cap)
        return;
    int64_t ncap = v->cap ? v->cap : 8;
    while (ncap < need)
        ncap *= 2;
    if ((uint64_t)ncap > SIZE_MAX / sizeof(void *))
        rt__trap("out of memory");
    v->items = rt__xrealloc(v->items, (size_t)ncap * sizeof(void *));
    v->cap = ncap;
}

void rt__vec_push_owned(rt_vec *v, void *x) {
    rt__vec_reserve(v, v->len + 1);
    v->items[v->len++] = x;
}

void rt__vec_push(rt_vec *v, void *x) {
    rt_obj_retain_maybe(x);
    rt__vec_push_owned(v, x);
}

void rt__vec_insert(rt_vec *v, int64_t i, void *x) {
    rt_obj_retain_maybe(x);
    rt__vec_reserve(v, v->len + 1);
    memmove(v->items + i + 1, v->items + i, (size_t)(v->len - i) * sizeof(void *));
    v->items[i] = x;
    v->len++;
}

void *rt__vec_take(rt_vec *v, int64_t i) {
    void *x = v->items[i];
    memmove(v->items + i, v->items + i + 1, (size_t)(v->len - i - 1) * sizeof(void *));
    v->len--;
    return x;
}

void rt__vec_replace(rt_vec *v, int64_t i, void *x) {
    rt_obj_retain_maybe(x);
    void *old = v->items[i];
    v->items[i] = x;
    rt__obj_release_and_free(old);
}

void rt__vec_clear(rt_vec *v) {
    /* Detach first so a finaliser that reaches this vector again sees it empty. */
    int64_t n = v->len;
    void **items = v->items;
    v->len = 0;
    for (int64_t i = 0; i < n; i++) {
        void *x = items[i];
        items[i] = NULL;
        rt__obj_release_and_free(x);
    }
}

void rt__vec_reverse(rt_vec *v) {
    for (int64_t i = 0, j = v->len - 1; i < j; i++, j--) {
        void *t = v->items[i];
        v->items[i] = v->items[j];
        v->items[j] = t;
    }
}

/* If p is a string or a str box, its text handle in *out (may be NULL for an empty box). */
static bool as_text(void *p, rt_string *out) {
    if (rt__is_string(p)) {
        *out = (rt_string)p;
        return true;
    }
    if (rt__is_box(p) && ((rt_box *)p)->tag == RT_BOX_STR) {
        *out = ((rt_box *)p)->v.s;
        return true;
    }
    return false;
}

bool rt__obj_value_equal(void *a, void *b) {
    if (a == b)
        return true;
    if (!a || !b)
        return false;
    rt_string ta, tb;
    bool xa = as_text(a, &ta), xb = as_text(b, &tb);
    if (xa || xb) {
        if (!(xa && xb))
            return false;
        size_t n = rt__str_len(ta);
        return n == rt__str_len(tb) && memcmp(rt__str_bytes(ta), rt__str_bytes(tb), n) == 0;
    }
    if (rt__is_box(a) && rt__is_box(b)) {
        const rt_box *x = a, *y = b;
        if (x->tag == RT_BOX_F64 || y->tag == RT_BOX_F64) {
            double dx = x->tag == RT_BOX_F64 ? x->v.f : (double)x->v.i;
            double dy = y->tag == RT_BOX_F64 ? y->v.f : (double)y->v.i;
            return dx == dy;
        }
        return x->tag == y->tag && x->v.i == y->v.i;
    }
    return false;
}

int64_t rt__vec_find(rt_vec *v, void *x) {
    for (int64_t i = 0; i < v->len; i++)
        if (rt__obj_value_equal(v->items[i], x))
            return i;
    return -1;
}

/* Sort rank: numbers < strings < other objects (by address). */
static int rank(void *p, double *num, rt_string *str) {
    if (!p)
        return 3;
    if (as_text(p, str))
        return 1;
    if (rt__is_box(p)) {
        const rt_box *b = p;
        *num = b->tag == RT_BOX_F64 ? b->v.f : (double)b->v.i;
        return 0;
    }
    return 2;
}

int rt__obj_compare(void *a, void *b) {
    double na = 0, nb = 0;
    rt_string sa = NULL, sb = NULL;
    int ra = rank(a, &na, &sa), rb = rank(b, &nb, &sb);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    if (ra == 0)
        return na < nb ? -1 : na > nb ? 1 : 0;
    if (ra == 1) {
        size_t la = rt__str_len(sa), lb = rt__str_len(sb);
        int c = memcmp(rt__str_bytes(sa), rt__str_bytes(sb), la < lb ? la : lb);
        if (c)
            return c < 0 ? -1 : 1;
        return la < lb ? -1 : la > lb ? 1 : 0;
    }
    if (ra == 2)
        return (uintptr_t)a < (uintptr_t)b ? -1 : (uintptr_t)a > (uintptr_t)b ? 1 : 0;
    return 0;
}

/* Stable merge sort (insertion sort for short runs). */
static void msort(void **a, void **tmp, int64_t n, int dir) {
    if (n < 2)
        return;
    if (n <= 16) {
        for (int64_t i = 1; i < n; i++) {
            void *x = a[i];
            int64_t j = i;
            while (j > 0 && dir * rt__obj_compare(a[j - 1], x) > 0) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = x;
        }
        return;
    }
    int64_t mid = n / 2;
    msort(a, tmp, mid, dir);
    msort(a + mid, tmp, n - mid, dir);
    int64_t i = 0, j = mid, k = 0;
    while (i < mid && j < n)
        tmp[k++] = dir * rt__obj_compare(a[j], a[i]) < 0 ? a[j++] : a[i++];
    while (i < mid)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    memcpy(a, tmp, (size_t)n * sizeof(void *));
}

void rt__vec_sort(rt_vec *v, bool descending) {
    if (v->len < 2)
        return;
    void **tmp = rt__xmalloc((size_t)v->len * sizeof(void *));
    msort(v->items, tmp, v->len, descending ? -1 : 1);
    free(tmp);
}

rt_vec *rt__vec_slice(rt_vec *v, uint32_t type, int64_t start, int64_t end) {
    rt_vec *out = rt__vec_new(type, 0);
    if (!v)
        return out;
    if (start < 0)
        start = 0;
    if (end > v->len)
        end = v->len;
    for (int64_t i = start; i < end; i++)
        rt__vec_push(out, v->items[i]);
    return out;
}
