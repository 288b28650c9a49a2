/*
 * pqueue.c — Viper.Collections.Heap (Appendix A): a priority queue of objects keyed by i64
 * priorities; New() is a min-heap, NewMax(true) a max-heap. Elements of equal priority come out in
 * insertion order (ties are broken by a sequence number), so the order is deterministic.
 * Push retains the value; Pop/TryPop hand the heap's reference to the caller; Peek/TryPeek return
 * the value retained (+1). Pop/Peek on an empty heap trap `Heap.Pop: empty heap` /
 * `Heap.Peek: empty heap`; TryPop/TryPeek return NULL instead. ToSeq() is a new Seq of the values
 * in pop order (the heap is unchanged). NULL heaps read as empty and make mutators do nothing.
 */
#include "rt_codec_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct rt_pq_item {
    int64_t prio;
    uint64_t seq;
    void *val;
} rt_pq_item;

typedef struct rt_pqueue {
    void *vptr; /* always NULL */
    int64_t len, cap;
    rt_pq_item *items;
    uint64_t next_seq;
    bool is_max;
} rt_pqueue;

static void pq_clear_items(rt_pqueue *q) {
    int64_t n = q->len;
    q->len = 0;
    for (int64_t i = 0; i < n; i++)
        rt__obj_release_and_free(q->items[i].val);
}

static void pq_finalize(void *p) {
    rt_pqueue *q = p;
    pq_clear_items(q);
    free(q->items);
    q->items = NULL;
}

static rt_pqueue *as_pq(void *p) { return rt__is_collection(p, pq_finalize) ? p : NULL; }

/* True if a must come out before b. */
static bool pq_before(const rt_pqueue *q, const rt_pq_item *a, const rt_pq_item *b) {
    if (a->prio != b->prio)
        return q->is_max ? a->prio > b->prio : a->prio < b->prio;
    return a->seq < b->seq;
}

static void pq_swap(rt_pq_item *a, rt_pq_item *b) {
    rt_pq_item t = *a;
    *a = *b;
    *b = t;
}

static void pq_sift_down(rt_pqueue *q, int64_t i) {
    for (;;) {
        int64_t l = 2 * i + 1, r = l + 1, best = i;
        if (l < q->len && pq_before(q, &q->items[l], &q->items[best]))
            best = l;
        if (r < q->len && pq_before(q, &q->items[r], &q->items[best]))
            best = r;
        if (best == i)
            return;
        pq_swap(&q->items[i], &q->items[best]);
        i = best;
    }
}

void *rt_pqueue_new(void) { return rt__collection_alloc(sizeof(rt_pqueue), pq_finalize); }

void *rt_pqueue_new_max(bool is_max) {
    rt_pqueue *q = rt_pqueue_new();
    q->is_max = is_max;
    return q;
}

int64_t rt_pqueue_len(void *p) {
    rt_pqueue *q = as_pq(p);
    return q ? q->len : 0;
}

bool rt_pqueue_is_empty(void *p) { return rt_pqueue_len(p) == 0; }

bool rt_pqueue_is_max(void *p) {
    rt_pqueue *q = as_pq(p);
    return q && q->is_max;
}

void rt_pqueue_push(void *p, int64_t prio, void *v) {
    rt_pqueue *q = as_pq(p);
    if (!q)
        return;
    if (q->len == q->cap) {
        q->cap = q->cap ? q->cap * 2 : 8;
        q->items = rt__xrealloc(q->items, (size_t)q->cap * sizeof *q->items);
    }
    rt_obj_retain_maybe(v);
    int64_t i = q->len++;
    q->items[i] = (rt_pq_item){prio, q->next_seq++, v};
    while (i > 0 && pq_before(q, &q->items[i], &q->items[(i - 1) / 2])) {
        pq_swap(&q->items[i], &q->items[(i - 1) / 2]);
        i = (i - 1) / 2;
    }
}

void *rt_pqueue_try_pop(void *p) {
    rt_pqueue *q = as_pq(p);
    if (!q || q->len == 0)
        return NULL;
    void *v = q->items[0].val;
    q->items[0] = q->items[--q->len];
    pq_sift_down(q, 0);
    return v;
}

void *rt_pqueue_try_peek(void *p) {
    rt_pqueue *q = as_pq(p);
    if (!q || q->len == 0)
        return NULL;
    rt_obj_retain_maybe(q->items[0].val);
    return q->items[0].val;
}

void *rt_pqueue_pop(void *p) {
    if (rt_pqueue_len(p) == 0)
        rt__trap("Heap.Pop: empty heap");
    return rt_pqueue_try_pop(p);
}

void *rt_pqueue_peek(void *p) {
    if (rt_pqueue_len(p) == 0)
        rt__trap("Heap.Peek: empty heap");
    return rt_pqueue_try_peek(p);
}

void rt_pqueue_clear(void *p) {
    rt_pqueue *q = as_pq(p);
    if (q)
        pq_clear_items(q);
}

static int pq_cmp_min(const void *a, const void *b) {
    const rt_pq_item *x = a, *y = b;
    if (x->prio != y->prio)
        return x->prio < y->prio ? -1 : 1;
    return x->seq < y->seq ? -1 : 1;
}

static int pq_cmp_max(const void *a, const void *b) {
    const rt_pq_item *x = a, *y = b;
    if (x->prio != y->prio)
        return x->prio > y->prio ? -1 : 1;
    return x->seq < y->seq ? -1 : 1;
}

void *rt_pqueue_to_seq(void *p) {
    rt_pqueue *q = as_pq(p);
    void *seq = rt_seq_new();
    if (!q || q->len == 0)
        return seq;
    rt_pq_item *copy = rt__xmalloc((size_t)q->len * sizeof *copy);
    memcpy(copy, q->items, (size_t)q->len * sizeof *copy);
    qsort(copy, (size_t)q->len, sizeof *copy, q->is_max ? pq_cmp_max : pq_cmp_min);
    for (int64_t i = 0; i < q->len; i++)
        rt_seq_push(seq, copy[i].val);
    free(copy);
    return seq;
}
