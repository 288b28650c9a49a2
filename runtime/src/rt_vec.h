/*
 * rt_vec.h — internal vector of owned object references shared by List, Seq, Stack and Queue
 * (see vec.c). Indices passed to these helpers are already validated by the caller.
 */
#ifndef VIPER_RT_VEC_H
#define VIPER_RT_VEC_H

#include "rt_objects_internal.h"

enum {
    RT_VEC_ANY = 0,
    RT_VEC_LIST = 1,
    RT_VEC_SEQ = 2,
    RT_VEC_STACK = 3,
    RT_VEC_QUEUE = 4,
    RT_VEC_SET = 5,   /* set.c */
    RT_VEC_DEQUE = 6, /* deque.c */
};

typedef struct rt_vec {
    void *vptr; /* always NULL */
    int64_t len;
    int64_t cap;
    void **items;
} rt_vec;

rt_vec *rt__vec_new(uint32_t type, int64_t cap);
/* p as a vector of the given type (RT_VEC_ANY: any), or NULL. */
rt_vec *rt__vec_of(void *p, uint32_t type);
void rt__vec_reserve(rt_vec *v, int64_t need);
void rt__vec_push(rt_vec *v, void *x);       /* retains x */
void rt__vec_push_owned(rt_vec *v, void *x); /* takes the caller's reference */
void rt__vec_insert(rt_vec *v, int64_t i, void *x); /* 0 <= i <= len; retains x */
void *rt__vec_take(rt_vec *v, int64_t i);    /* removes element i, returning its reference */
void rt__vec_replace(rt_vec *v, int64_t i, void *x);
void rt__vec_clear(rt_vec *v);
void rt__vec_reverse(rt_vec *v);
int64_t rt__vec_find(rt_vec *v, void *x);
void rt__vec_sort(rt_vec *v, bool descending);
/* New vector of the given type holding (retained) elements [start, end) of v clamped to the valid
 * range; v may be NULL (→ empty). */
rt_vec *rt__vec_slice(rt_vec *v, uint32_t type, int64_t start, int64_t end);

/* Value equality used by Find/Has/Remove: identity, or equal text for strings / str boxes, or equal
 * numbers for numeric boxes. */
bool rt__obj_value_equal(void *a, void *b);
/* Ordering used by Sort: numeric boxes (by value) < strings and str boxes (bytewise) < other
 * objects (by address) < NULL. */
int rt__obj_compare(void *a, void *b);

#endif
