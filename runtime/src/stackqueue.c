/*
 * stackqueue.c — Viper.Collections.Stack (LIFO) and Viper.Collections.Queue (FIFO), Appendix A.
 *
 * Both are rt_vec collections (types RT_VEC_STACK / RT_VEC_QUEUE). Push retains; Pop hands the
 * collection's reference to the caller; Peek returns the element retained (+1). Pop/Peek on an empty
 * collection trap `Stack.Pop: empty stack` / `Queue.Peek: empty queue` etc.; NULL handles read as
 * empty and make Push/Clear do nothing.
 */
#include "rt_vec.h"

static rt_vec *need(void *p, uint32_t type, const char *what) {
    rt_vec *v = rt__vec_of(p, type);
    if (!v || v->len == 0)
        rt__trap(what);
    return v;
}

void *rt_stack_new(void) { return rt__vec_new(RT_VEC_STACK, 0); }

int64_t rt_stack_len(void *s) {
    rt_vec *v = rt__vec_of(s, RT_VEC_STACK);
    return v ? v->len : 0;
}

bool rt_stack_is_empty(void *s) { return rt_stack_len(s) == 0; }

void rt_stack_push(void *s, void *x) {
    rt_vec *v = rt__vec_of(s, RT_VEC_STACK);
    if (v)
        rt__vec_push(v, x);
}

void *rt_stack_pop(void *s) {
    rt_vec *v = need(s, RT_VEC_STACK, "Stack.Pop: empty stack");
    return rt__vec_take(v, v->len - 1);
}

void *rt_stack_peek(void *s) {
    rt_vec *v = need(s, RT_VEC_STACK, "Stack.Peek: empty stack");
    void *x = v->items[v->len - 1];
    rt_obj_retain_maybe(x);
    return x;
}

void rt_stack_clear(void *s) {
    rt_vec *v = rt__vec_of(s, RT_VEC_STACK);
    if (v)
        rt__vec_clear(v);
}

void *rt_queue_new(void) { return rt__vec_new(RT_VEC_QUEUE, 0); }

int64_t rt_queue_len(void *q) {
    rt_vec *v = rt__vec_of(q, RT_VEC_QUEUE);
    return v ? v->len : 0;
}

bool rt_queue_is_empty(void *q) { return rt_queue_len(q) == 0; }

void rt_queue_push(void *q, void *x) {
    rt_vec *v = rt__vec_of(q, RT_VEC_QUEUE);
    if (v)
        rt__vec_push(v, x);
}

void *rt_queue_pop(void *q) { return rt__vec_take(need(q, RT_VEC_QUEUE, "Queue.Pop: empty queue"), 0); }

void *rt_queue_peek(void *q) {
    void *x = need(q, RT_VEC_QUEUE, "Queue.Peek: empty queue")->items[0];
    rt_obj_retain_maybe(x);
    return x;
}

void rt_queue_clear(void *q) {
    rt_vec *v = rt__vec_of(q, RT_VEC_QUEUE);
    if (v)
        rt__vec_clear(v);
}
