/*
 * setdeque.c — Viper.Collections.Set and Viper.Collections.Deque (Appendix A), both rt_vec
 * collections (types RT_VEC_SET / RT_VEC_DEQUE, see rt_vec.h).
 *
 * Set: an insertion-ordered set of objects under the value equality of rt__obj_value_equal
 * (identity, equal text for strings / str boxes, equal numbers for numeric boxes). Add retains and
 * returns true when the element was new; Remove releases and returns true when it was present.
 * Deque: double-ended queue. Push* retain; Pop* hand the deque's reference to the caller; PeekFront/PeekBack/Get
 * return the element retained (+1); Set replaces (retain new, release old). Pop/Peek on an empty
 * deque trap `Deque.PopFront: empty deque` etc.; Get/Set out of range trap
 * `Deque.Get: index out of bounds`. NULL handles read as empty and make mutators do nothing.
 */
#include "rt_codec_internal.h"
#include "rt_vec.h"

/* ---- Set ---- */

void *rt_set_new(void) { return rt__vec_new(RT_VEC_SET, 0); }

int64_t rt_set_len(void *s) {
    rt_vec *v = rt__vec_of(s, RT_VEC_SET);
    return v ? v->len : 0;
}

bool rt_set_is_empty(void *s) { return rt_set_len(s) == 0; }

bool rt_set_has(void *s, void *x) {
    rt_vec *v = rt__vec_of(s, RT_VEC_SET);
    return v && rt__vec_find(v, x) >= 0;
}

bool rt_set_put(void *s, void *x) {
    rt_vec *v = rt__vec_of(s, RT_VEC_SET);
    if (!v || rt__vec_find(v, x) >= 0)
        return false;
    rt__vec_push(v, x);
    return true;
}

bool rt_set_drop(void *s, void *x) {
    rt_vec *v = rt__vec_of(s, RT_VEC_SET);
    int64_t i = v ? rt__vec_find(v, x) : -1;
    if (i < 0)
        return false;
    rt__obj_release_and_free(rt__vec_take(v, i));
    return true;
}

/* ---- Deque ---- */

static rt_vec *rt_deque_nonempty(void *d, const char *what) {
    rt_vec *v = rt__vec_of(d, RT_VEC_DEQUE);
    if (!v || v->len == 0)
        rt__trapf("Deque.%s: empty deque", what);
    return v;
}

static rt_vec *rt_deque_at(void *d, int64_t i, const char *what) {
    rt_vec *v = rt__vec_of(d, RT_VEC_DEQUE);
    if (!v || i < 0 || i >= v->len)
        rt__trapf("Deque.%s: index out of bounds", what);
    return v;
}

static void *rt_retained(void *x) {
    rt_obj_retain_maybe(x);
    return x;
}

void *rt_deque_new(void) { return rt__vec_new(RT_VEC_DEQUE, 0); }

int64_t rt_deque_len(void *d) {
    rt_vec *v = rt__vec_of(d, RT_VEC_DEQUE);
    return v ? v->len : 0;
}

int64_t rt_deque_cap(void *d) {
    rt_vec *v = rt__vec_of(d, RT_VEC_DEQUE);
    return v ? v->cap : 0;
}

bool rt_deque_is_empty(void *d) { return rt_deque_len(d) == 0; }

void rt_deque_push_back(void *d, void *x) {
    rt_vec *v = rt__vec_of(d, RT_VEC_DEQUE);
    if (v)
        rt__vec_push(v, x);
}

void rt_deque_push_front(void *d, void *x) {
    rt_vec *v = rt__vec_of(d, RT_VEC_DEQUE);
    if (v)
        rt__vec_insert(v, 0, x);
}

void *rt_deque_pop_front(void *d) { return rt__vec_take(rt_deque_nonempty(d, "PopFront"), 0); }

void *rt_deque_pop_back(void *d) {
    rt_vec *v = rt_deque_nonempty(d, "PopBack");
    return rt__vec_take(v, v->len - 1);
}

void *rt_deque_peek_front(void *d) { return rt_retained(rt_deque_nonempty(d, "PeekFront")->items[0]); }

void *rt_deque_peek_back(void *d) {
    rt_vec *v = rt_deque_nonempty(d, "PeekBack");
    return rt_retained(v->items[v->len - 1]);
}

void *rt_deque_get(void *d, int64_t i) { return rt_retained(rt_deque_at(d, i, "Get")->items[i]); }

void rt_deque_set(void *d, int64_t i, void *x) { rt__vec_replace(rt_deque_at(d, i, "Set"), i, x); }

bool rt_deque_has(void *d, void *x) {
    rt_vec *v = rt__vec_of(d, RT_VEC_DEQUE);
    return v && rt__vec_find(v, x) >= 0;
}

void rt_deque_reverse(void *d) {
    rt_vec *v = rt__vec_of(d, RT_VEC_DEQUE);
    if (v)
        rt__vec_reverse(v);
}

void rt_deque_clear(void *d) {
    rt_vec *v = rt__vec_of(d, RT_VEC_DEQUE);
    if (v)
        rt__vec_clear(v);
}

void *rt_deque_clone(void *d) {
    rt_vec *v = rt__vec_of(d, RT_VEC_DEQUE);
    rt_vec *c = rt__vec_new(RT_VEC_DEQUE, v ? v->len : 0);
    for (int64_t i = 0; v && i < v->len; i++)
        rt__vec_push(c, v->items[i]);
    return c;
}
