/*
 * lazyseq.c — Viper.LazySeq (RUNTIME-EXTENDED §26): lazy sequences (Range, Repeat, and the
 * adapters Take, Drop, Concat) with a position `index`, an `exhausted` flag and a one-element
 * peek buffer.
 *
 * Elements: Range yields a fresh Box.I64 per step (the reference yields a pointer to one internal
 * int64 slot that each step overwrites — not usable as a box from IL; the spec recommends boxes).
 * Repeat yields its value (retained by the sequence). Next/Peek return the element *borrowed*: the
 * sequence keeps a reference to the last delivered element (and to the peeked one) until the
 * following step, so a Range box stays valid at least that long; ToSeqN's Seq retains its
 * elements. Adapters own a reference to their sources and consume them through their Next (so a
 * source's index/exhausted advance too).
 * Semantics: Range(start, end, step) is end-exclusive in the step's direction; step 0 -> NULL.
 * Repeat(v, count < 0) repeats for ever. Take/Drop with n < 0 or a NULL source -> NULL; Concat with
 * a NULL operand -> NULL. Every function accepts NULL as an empty, exhausted sequence (Index 0,
 * IsExhausted true, Next/Peek NULL, Count 0, ToSeqN empty). A fresh sequence is not exhausted even
 * if empty; hitting the end in Next/Peek/Count/ToSeqN sets it.
 * Reset (reproduced reference quirk): index 0, exhausted and peek cleared, Take/Drop counters and
 * Concat's position reset, recursively into the sources — but Range and Repeat are not rewound,
 * so a fully consumed Range stays empty after Reset.
 */
#include "rt_chtab_internal.h"

enum { LS_RANGE, LS_REPEAT, LS_TAKE, LS_DROP, LS_CONCAT };

typedef struct rt_lazyseq {
    void *vptr; /* always NULL */
    int64_t kind;
    int64_t index;
    bool exhausted;
    bool has_peek;
    void *peek; /* owned when has_peek */
    void *last; /* owned: the element Next returned last */
    /* Range */
    int64_t cur, end, step;
    bool range_done;
    /* Repeat */
    void *value; /* owned */
    int64_t remaining;
    /* Take / Drop / Concat */
    struct rt_lazyseq *src, *src2; /* owned */
    int64_t n, count;              /* limit, taken/dropped so far */
    int64_t pos;                   /* Concat: 0 first, 1 second */
} rt_lazyseq;

static void ls_finalize(void *p) {
    rt_lazyseq *s = p;
    void *objs[5] = {s->has_peek ? s->peek : NULL, s->last, s->value, s->src, s->src2};
    s->peek = s->last = s->value = NULL;
    s->src = s->src2 = NULL;
    s->has_peek = false;
    for (int i = 0; i < 5; i++)
        rt__obj_release_and_free(objs[i]);
}

static rt_lazyseq *as_ls(void *p) { return rt__is_collection(p, ls_finalize) ? p : NULL; }

static rt_lazyseq *ls_new(int64_t kind) {
    rt_lazyseq *s = rt__collection_alloc(sizeof(rt_lazyseq), ls_finalize);
    s->kind = kind;
    return s;
}

static bool ls_next_owned(rt_lazyseq *s, void **out);

/* Produce the next element of s's generator (+1 in *out); false at its end. */
static bool gen(rt_lazyseq *s, void **out) {
    switch (s->kind) {
    case LS_RANGE:
        if (s->range_done || (s->step > 0 ? s->cur >= s->end : s->cur <= s->end))
            return false;
        *out = rt_box_i64(s->cur);
        if (__builtin_add_overflow(s->cur, s->step, &s->cur))
            s->range_done = true;
        return true;
    case LS_REPEAT:
        if (s->remaining == 0)
            return false;
        if (s->remaining > 0)
            s->remaining--;
        rt_obj_retain_maybe(s->value);
        *out = s->value;
        return true;
    case LS_TAKE:
        if (s->count >= s->n || !ls_next_owned(s->src, out))
            return false;
        s->count++;
        return true;
    case LS_DROP:
        while (s->count < s->n) {
            void *x;
            if (!ls_next_owned(s->src, &x))
                return false;
            rt__obj_release_and_free(x);
            s->count++;
        }
        return ls_next_owned(s->src, out);
    default: /* LS_CONCAT */
        if (s->pos == 0) {
            if (ls_next_owned(s->src, out))
                return true;
            s->pos = 1;
        }
        return ls_next_owned(s->src2, out);
    }
}

/* Deliver the next element (+1), counting it; false (and exhausted) at the end. */
static bool ls_next_owned(rt_lazyseq *s, void **out) {
    if (s->has_peek) {
        *out = s->peek;
        s->peek = NULL;
        s->has_peek = false;
        s->index++;
        return true;
    }
    if (s->exhausted)
        return false;
    if (!gen(s, out)) {
        s->exhausted = true;
        return false;
    }
    s->index++;
    return true;
}

void *rt_lazyseq_w_range(int64_t start, int64_t end, int64_t step) {
    if (step == 0)
        return NULL;
    rt_lazyseq *s = ls_new(LS_RANGE);
    s->cur = start;
    s->end = end;
    s->step = step;
    return s;
}

void *rt_lazyseq_w_repeat(void *value, int64_t count) {
    rt_lazyseq *s = ls_new(LS_REPEAT);
    rt_obj_retain_maybe(value);
    s->value = value;
    s->remaining = count;
    return s;
}

static void *adapter(int64_t kind, rt_lazyseq *a, rt_lazyseq *b, int64_t n) {
    rt_lazyseq *s = ls_new(kind);
    rt_obj_retain_maybe(a);
    rt_obj_retain_maybe(b);
    s->src = a;
    s->src2 = b;
    s->n = n;
    return s;
}

void *rt_lazyseq_w_take(void *p, int64_t n) {
    rt_lazyseq *s = as_ls(p);
    return s && n >= 0 ? adapter(LS_TAKE, s, NULL, n) : NULL;
}

void *rt_lazyseq_w_drop(void *p, int64_t n) {
    rt_lazyseq *s = as_ls(p);
    return s && n >= 0 ? adapter(LS_DROP, s, NULL, n) : NULL;
}

void *rt_lazyseq_w_concat(void *pa, void *pb) {
    rt_lazyseq *a = as_ls(pa), *b = as_ls(pb);
    return a && b ? adapter(LS_CONCAT, a, b, 0) : NULL;
}

void *rt_lazyseq_w_next(void *p) {
    rt_lazyseq *s = as_ls(p);
    void *x;
    if (!s || !ls_next_owned(s, &x))
        return NULL;
    void *old = s->last;
    s->last = x;
    rt__obj_release_and_free(old);
    return x;
}

void *rt_lazyseq_w_peek(void *p) {
    rt_lazyseq *s = as_ls(p);
    if (!s)
        return NULL;
    if (!s->has_peek) {
        void *x;
        if (s->exhausted || !gen(s, &x)) {
            s->exhausted = true;
            return NULL;
        }
        s->peek = x;
        s->has_peek = true;
    }
    return s->peek;
}

int64_t rt_lazyseq_w_count(void *p) {
    rt_lazyseq *s = as_ls(p);
    int64_t n = 0;
    void *x;
    while (s && ls_next_owned(s, &x)) {
        rt__obj_release_and_free(x);
        n++;
    }
    return n;
}

void *rt_lazyseq_w_to_seq_n(void *p, int64_t n) {
    rt_lazyseq *s = as_ls(p);
    void *seq = rt__seq_cap16();
    void *x;
    for (int64_t i = 0; s && i < n && ls_next_owned(s, &x); i++)
        rt__seq_push_owned(seq, x);
    return seq;
}

static void ls_reset(rt_lazyseq *s) {
    if (!s)
        return;
    s->index = 0;
    s->exhausted = false;
    if (s->has_peek) {
        void *x = s->peek;
        s->peek = NULL;
        s->has_peek = false;
        rt__obj_release_and_free(x);
    }
    s->count = 0;
    s->pos = 0;
    ls_reset(s->src);
    ls_reset(s->src2);
}

void rt_lazyseq_w_reset(void *p) { ls_reset(as_ls(p)); }

int64_t rt_lazyseq_w_index(void *p) {
    rt_lazyseq *s = as_ls(p);
    return s ? s->index : 0;
}

bool rt_lazyseq_w_is_exhausted(void *p) {
    rt_lazyseq *s = as_ls(p);
    return !s || s->exhausted;
}
