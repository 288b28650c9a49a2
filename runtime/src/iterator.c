/*
 * iterator.c — Viper.Collections.Iterator: a forward cursor over a snapshot of a collection.
 *
 * From* copy the source's elements (retained) into a private Seq when the iterator is made:
 * FromSeq/FromList/FromSet take the elements in order, FromMapKeys/FromMapValues the map's keys
 * (strings) / values in map order, FromRing oldest to newest; a NULL or wrong-kind source gives an
 * empty iterator. Later changes to the source are not seen. Count = number of elements, Index =
 * how many have been consumed. Next returns the next element +1 and advances (NULL at the end,
 * no advance); Peek returns it +1 without advancing (NULL at the end); Skip(n) advances by up to
 * n (n <= 0: none) and returns how many were skipped; Reset goes back to 0; ToSeq returns a new Seq
 * of the remaining elements and moves to the end. NULL iterator: Count/Index 0, HasNext false,
 * Next/Peek NULL, ToSeq empty.
 */
#include "rt_collections_abi.h"
#include "rt_io_abi.h"
#include "rt_text_abi.h"
#include "rt_codec_internal.h"
#include "rt_vec.h"

typedef struct rt_iter {
    void *vptr; /* NULL (collection convention) */
    void *items; /* Seq snapshot, owned */
    int64_t pos;
} rt_iter;

static void iter_finalize(void *p) {
    rt_iter *it = p;
    rt__obj_release_and_free(it->items);
    it->items = NULL;
}

static rt_iter *as_iter(void *p) { return rt__is_collection(p, iter_finalize) ? p : NULL; }

/* New iterator owning the +1 Seq `items`. */
static void *iter_new(void *items) {
    rt_iter *it = rt__collection_alloc(sizeof(rt_iter), iter_finalize);
    it->items = items;
    return it;
}

static void *from_vec(void *src, uint32_t type) {
    void *items = rt_seq_new();
    rt_vec *v = rt__vec_of(src, type);
    for (int64_t i = 0; v && i < v->len; i++)
        rt_seq_push(items, v->items[i]);
    return iter_new(items);
}

void *rt_iter_from_seq(void *s) { return from_vec(s, RT_VEC_ANY); }
void *rt_iter_from_list(void *l) { return from_vec(l, RT_VEC_ANY); }
void *rt_iter_from_set(void *s) { return from_vec(s, RT_VEC_SET); }
void *rt_iter_from_map_keys(void *m) { return iter_new(rt_map_keys(m)); }
void *rt_iter_from_map_values(void *m) { return iter_new(rt_map_values(m)); }

void *rt_iter_from_ring(void *r) {
    void *items = rt_seq_new();
    int64_t n = rt_ring_len(r);
    for (int64_t i = 0; i < n; i++)
        rt__seq_push_owned(items, rt_ring_get(r, i));
    return iter_new(items);
}

int64_t rt_iter_count(void *p) {
    rt_iter *it = as_iter(p);
    return it ? rt_seq_len(it->items) : 0;
}

int64_t rt_iter_index(void *p) {
    rt_iter *it = as_iter(p);
    return it ? it->pos : 0;
}

bool rt_iter_has_next(void *p) {
    rt_iter *it = as_iter(p);
    return it && it->pos < rt_seq_len(it->items);
}

void *rt_iter_peek(void *p) {
    rt_iter *it = as_iter(p);
    if (!rt_iter_has_next(p))
        return NULL;
    void *x = rt__seq_at(it->items, it->pos);
    rt_obj_retain_maybe(x);
    return x;
}

void *rt_iter_next(void *p) {
    void *x = rt_iter_peek(p);
    if (rt_iter_has_next(p))
        as_iter(p)->pos++;
    return x;
}

int64_t rt_iter_skip(void *p, int64_t n) {
    rt_iter *it = as_iter(p);
    if (!it || n <= 0)
        return 0;
    int64_t left = rt_seq_len(it->items) - it->pos;
    int64_t k = n < left ? n : left;
    it->pos += k;
    return k;
}

void rt_iter_reset(void *p) {
    rt_iter *it = as_iter(p);
    if (it)
        it->pos = 0;
}

void *rt_iter_to_seq(void *p) {
    void *out = rt_seq_new();
    rt_iter *it = as_iter(p);
    if (!it)
        return out;
    int64_t n = rt_seq_len(it->items);
    for (; it->pos < n; it->pos++)
        rt_seq_push(out, rt__seq_at(it->items, it->pos));
    return out;
}
