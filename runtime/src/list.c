/*
 * list.c — Viper.Collections.List (RUNTIME-ABI §1.7, §3.7 and Appendix A).
 *
 * A List is an rt_vec of type RT_VEC_LIST. Push/Insert/Set retain the stored value; Get/First/Last
 * return the element retained (+1); RemoveAt/Clear/Set release the dropped element with the object
 * protocol (freed without IL destructor when its count reaches 0); Pop hands the list's own reference
 * to the caller. Any vector-backed collection handle (List, Seq, ...) is accepted, since they share
 * one representation; other handles behave like NULL. Operations that behave
 * exactly as Seq's (Push, Len, Clear, Find, Has, Flip, Sort, SortDesc) call seq.c.
 */
#include "rt_vec.h"

static rt_vec *as_list(void *l) { return rt__vec_of(l, RT_VEC_ANY); }

/* Validated index i of list l for function fn (traps with the reference texts). */
static rt_vec *checked(void *l, int64_t i, const char *fn) {
    rt_vec *v = as_list(l);
    if (!v)
        rt__trapf("%s: null list", fn);
    if (i < 0)
        rt__trapf("%s: negative index", fn);
    if (i >= v->len)
        rt__trapf("%s: index out of bounds", fn);
    return v;
}

void *rt_ns_list_new(void) { return rt__vec_new(RT_VEC_LIST, 0); }

/* Operations with the same semantics as Seq's (both accept any vector handle, NULL as empty). */
void rt_list_push(void *l, void *x) { rt_seq_push(l, x); }
int64_t rt_list_len(void *l) { return rt_seq_len(l); }

bool rt_list_is_empty(void *l) { return rt_list_len(l) == 0; }

void *rt_list_get(void *l, int64_t i) {
    rt_vec *v = checked(l, i, "rt_list_get");
    void *x = v->items[i];
    rt_obj_retain_maybe(x);
    return x;
}

void rt_list_set(void *l, int64_t i, void *x) {
    rt_vec *v = checked(l, i, "rt_list_set");
    rt__vec_replace(v, i, x);
}

void rt_list_remove_at(void *l, int64_t i) {
    rt_vec *v = checked(l, i, "rt_list_remove_at");
    rt__obj_release_and_free(rt__vec_take(v, i));
}

void rt_list_clear(void *l) { rt_seq_clear(l); }

void rt_list_insert(void *l, int64_t i, void *x) {
    rt_vec *v = as_list(l);
    if (!v)
        rt__trap("rt_list_insert: null list");
    if (i < 0)
        rt__trap("rt_list_insert: negative index");
    if (i > v->len)
        rt__trap("rt_list_insert: index out of bounds");
    rt__vec_insert(v, i, x);
}

int64_t rt_list_find(void *l, void *x) { return rt_seq_find(l, x); }
bool rt_list_has(void *l, void *x) { return rt_seq_has(l, x); }

bool rt_list_remove(void *l, void *x) {
    rt_vec *v = as_list(l);
    int64_t i = v ? rt__vec_find(v, x) : -1;
    if (i < 0)
        return false;
    rt__obj_release_and_free(rt__vec_take(v, i));
    return true;
}

void rt_list_flip(void *l) { rt_seq_reverse(l); }
void rt_list_sort(void *l) { rt_seq_sort(l); }
void rt_list_sort_desc(void *l) { rt_seq_sort_desc(l); }

static void *end_elem(void *l, bool last, const char *fn) {
    rt_vec *v = as_list(l);
    if (!v)
        rt__trapf("%s: null list", fn);
    if (v->len == 0)
        rt__trapf("%s: empty list", fn);
    void *x = v->items[last ? v->len - 1 : 0];
    rt_obj_retain_maybe(x);
    return x;
}

void *rt_list_first(void *l) { return end_elem(l, false, "rt_list_first"); }
void *rt_list_last(void *l) { return end_elem(l, true, "rt_list_last"); }

void *rt_list_pop(void *l) {
    rt_vec *v = as_list(l);
    if (!v)
        rt__trap("rt_list_pop: null list");
    if (v->len == 0)
        rt__trap("rt_list_pop: empty list");
    return rt__vec_take(v, v->len - 1);
}

void *rt_list_slice(void *l, int64_t start, int64_t end) {
    return rt__vec_slice(as_list(l), RT_VEC_LIST, start, end);
}
