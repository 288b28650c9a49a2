/*
 * seq.c — Viper.Collections.Seq (Appendix A): a growable sequence of object references.
 *
 * A Seq is an rt_vec of type RT_VEC_SEQ (List handles are accepted too). Stored values are retained;
 * element getters (Get/First/Last/Peek) return the element retained (+1, leak-safe when the caller
 * does not release); Pop/Remove hand the sequence's own reference to the caller; functions that
 * return a new Seq (Slice/Take/Drop/Clone) retain the shared elements. Index errors trap with
 * `Seq.<Fn>: index out of range`, empty-sequence errors with `Seq.<Fn>: empty sequence`; a NULL
 * (or non-Seq) handle reads as an empty sequence and makes mutators do nothing.
 */
#include "rt_vec.h"

void rt_rand_shuffle(void *seq); /* random.c: Random.Shuffle on the shared RNG */

static rt_vec *as_seq(void *s) { return rt__vec_of(s, RT_VEC_ANY); }

static rt_vec *checked(void *s, int64_t i, const char *fn) {
    rt_vec *v = as_seq(s);
    if (!v)
        rt__trapf("Seq.%s: null sequence", fn);
    if (i < 0 || i >= v->len)
        rt__trapf("Seq.%s: index out of range", fn);
    return v;
}

static rt_vec *nonempty(void *s, const char *fn) {
    rt_vec *v = as_seq(s);
    if (!v)
        rt__trapf("Seq.%s: null sequence", fn);
    if (v->len == 0)
        rt__trapf("Seq.%s: empty sequence", fn);
    return v;
}

static void *retained(void *x) {
    rt_obj_retain_maybe(x);
    return x;
}

bool rt__is_seq(const void *p) { return rt__vec_of((void *)p, RT_VEC_ANY) != NULL; }

void *rt_seq_new(void) { return rt__vec_new(RT_VEC_SEQ, 0); }
void *rt_seq_with_capacity(int64_t cap) { return rt__vec_new(RT_VEC_SEQ, cap); }

int64_t rt_seq_len(void *s) {
    rt_vec *v = as_seq(s);
    return v ? v->len : 0;
}

int64_t rt_seq_cap(void *s) {
    rt_vec *v = as_seq(s);
    return v ? v->cap : 0;
}

bool rt_seq_is_empty(void *s) { return rt_seq_len(s) == 0; }

void *rt_seq_get(void *s, int64_t i) { return retained(checked(s, i, "Get")->items[i]); }

void *rt__seq_at(void *s, int64_t i) {
    rt_vec *v = as_seq(s);
    return (v && i >= 0 && i < v->len) ? v->items[i] : NULL;
}

void rt_seq_set(void *s, int64_t i, void *x) { rt__vec_replace(checked(s, i, "Set"), i, x); }

void rt_seq_push(void *s, void *x) {
    rt_vec *v = as_seq(s);
    if (v)
        rt__vec_push(v, x);
}

void rt__seq_push_owned(void *s, void *x) {
    rt_vec *v = as_seq(s);
    if (v)
        rt__vec_push_owned(v, x);
    else
        rt__obj_release_and_free(x);
}

void rt_seq_push_all(void *s, void *other) {
    rt_vec *v = as_seq(s), *o = as_seq(other);
    if (!v || !o)
        return;
    int64_t n = o->len; /* pushing a seq onto itself doubles it once */
    for (int64_t i = 0; i < n; i++)
        rt__vec_push(v, o->items[i]);
}

void *rt_seq_pop(void *s) {
    rt_vec *v = nonempty(s, "Pop");
    return rt__vec_take(v, v->len - 1);
}

void *rt_seq_peek(void *s) {
    rt_vec *v = nonempty(s, "Peek");
    return retained(v->items[v->len - 1]);
}

void *rt_seq_first(void *s) { return retained(nonempty(s, "First")->items[0]); }

void *rt_seq_last(void *s) {
    rt_vec *v = nonempty(s, "Last");
    return retained(v->items[v->len - 1]);
}

void rt_seq_insert(void *s, int64_t i, void *x) {
    rt_vec *v = as_seq(s);
    if (!v)
        rt__trap("Seq.Insert: null sequence");
    if (i < 0 || i > v->len)
        rt__trap("Seq.Insert: index out of range");
    rt__vec_insert(v, i, x);
}

void *rt_seq_remove(void *s, int64_t i) { return rt__vec_take(checked(s, i, "Remove"), i); }

void rt_seq_clear(void *s) {
    rt_vec *v = as_seq(s);
    if (v)
        rt__vec_clear(v);
}

int64_t rt_seq_find(void *s, void *x) {
    rt_vec *v = as_seq(s);
    return v ? rt__vec_find(v, x) : -1;
}

bool rt_seq_has(void *s, void *x) { return rt_seq_find(s, x) >= 0; }

void rt_seq_reverse(void *s) {
    rt_vec *v = as_seq(s);
    if (v)
        rt__vec_reverse(v);
}

void rt_seq_sort(void *s) {
    rt_vec *v = as_seq(s);
    if (v)
        rt__vec_sort(v, false);
}

void rt_seq_sort_desc(void *s) {
    rt_vec *v = as_seq(s);
    if (v)
        rt__vec_sort(v, true);
}

void rt_seq_shuffle(void *s) {
    /* Same algorithm and RNG draws as Viper.Math.Random.Shuffle (RUNTIME-SYSTEM.md §7): Fisher–Yates
     * from the end with j = NextInt(i + 1) (low bits of the shared LCG state); corpus
     * src_tests_golden_oop_runtime_seq_ops pins the order. */
    rt_rand_shuffle(s);
}

/* New Seq holding elements [start, end) of s, clamped to the valid range. */
static void *range(void *s, int64_t start, int64_t end) {
    return rt__vec_slice(as_seq(s), RT_VEC_SEQ, start, end);
}

void *rt_seq_slice(void *s, int64_t start, int64_t end) { return range(s, start, end); }
void *rt_seq_take(void *s, int64_t n) { return range(s, 0, n); }
void *rt_seq_drop(void *s, int64_t n) { return range(s, n, INT64_MAX); }
void *rt_seq_clone(void *s) { return range(s, 0, INT64_MAX); }
