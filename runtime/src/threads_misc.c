/*
 * threads_misc.c — Viper.Threads.CancelToken, Debouncer, Throttler and Scheduler
 * (RUNTIME-SYSTEM §2.10–§2.12).
 *
 * CancelToken: an atomic flag plus an optional retained parent (Linked); Check consults the own
 * flag and the parent's own flag only (one level, as the reference). ThrowIfCancelled traps
 * `OperationCancelledException: cancellation was requested` (a DomainError runtime trap).
 * Debouncer/Throttler: single-threaded helpers on a monotonic millisecond clock, no lock (as the
 * reference); a stored time of 0 means "never" (the clock reading is forced to be >= 1).
 * Scheduler: named one-shot timers, polled, no background thread; tasks kept in insertion order
 * (names compared by text, retained); a re-Schedule of an existing name replaces its due time in
 * place. Poll returns a new Seq with the names of the due tasks, most recently added first,
 * transferring the scheduler's reference to the Seq. Internally locked (cheap, harmless).
 * NULL receivers: neutral results, no traps. Objects of another kind are treated like NULL.
 */
#define _DEFAULT_SOURCE
#include "rt_threads_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- CancelToken --------------------------------------------------------------------------- */

typedef struct rt_cancel {
    void *vptr; /* always NULL */
    int flag;   /* __atomic accesses only */
    struct rt_cancel *parent; /* retained, or NULL */
} rt_cancel;

static void cancel_finalize(void *p) {
    rt_cancel *t = p;
    rt__obj_release_and_free(t->parent);
    t->parent = NULL;
}

static rt_cancel *as_cancel(void *p) { return rt__is_collection(p, cancel_finalize) ? p : NULL; }

void *rt_cancellation_new(void) { return rt__collection_alloc(sizeof(rt_cancel), cancel_finalize); }

static bool own_flag(const rt_cancel *t) { return __atomic_load_n(&t->flag, __ATOMIC_SEQ_CST) != 0; }

bool rt_cancellation_is_cancelled(void *p) {
    rt_cancel *t = as_cancel(p);
    return t ? own_flag(t) : false;
}

void rt_cancellation_cancel(void *p) {
    rt_cancel *t = as_cancel(p);
    if (t)
        __atomic_store_n(&t->flag, 1, __ATOMIC_SEQ_CST);
}

void rt_cancellation_reset(void *p) {
    rt_cancel *t = as_cancel(p);
    if (t)
        __atomic_store_n(&t->flag, 0, __ATOMIC_SEQ_CST);
}

void *rt_cancellation_linked(void *parent) {
    rt_cancel *t = rt_cancellation_new();
    rt_cancel *pt = as_cancel(parent);
    if (pt) {
        rt_obj_retain_maybe(pt);
        t->parent = pt;
    }
    return t;
}

bool rt_cancellation_check(void *p) {
    rt_cancel *t = as_cancel(p);
    if (!t)
        return false;
    return own_flag(t) || (t->parent && own_flag(t->parent));
}

void rt_cancellation_throw_if_cancelled(void *p) {
    if (rt_cancellation_check(p))
        rt__trap("OperationCancelledException: cancellation was requested");
}

/* ---- Debouncer / Throttler ------------------------------------------------------------------ */

static int64_t clock_ms(void) {
    int64_t t = rt__thr_now_ms();
    return t < 1 ? 1 : t;
}

typedef struct rt_debounce {
    void *vptr; /* always NULL */
    int64_t delay, last, count;
} rt_debounce;

/* Trivial finalisers get distinct bodies so that identical-code folding can never merge them (the
 * finaliser's address is the object's type tag, see rt__is_collection). */
static volatile int fin_tag;

static void debounce_finalize(void *p) {
    (void)p;
    fin_tag = 1;
}

static rt_debounce *as_deb(void *p) { return rt__is_collection(p, debounce_finalize) ? p : NULL; }

void *rt_debounce_new(int64_t delay_ms) {
    rt_debounce *d = rt__collection_alloc(sizeof(rt_debounce), debounce_finalize);
    d->delay = delay_ms < 0 ? 0 : delay_ms;
    return d;
}

void rt_debounce_signal(void *p) {
    rt_debounce *d = as_deb(p);
    if (!d)
        return;
    d->last = clock_ms();
    d->count++;
}

bool rt_debounce_is_ready(void *p) {
    rt_debounce *d = as_deb(p);
    if (!d || d->last == 0)
        return false;
    return clock_ms() - d->last >= d->delay;
}

void rt_debounce_reset(void *p) {
    rt_debounce *d = as_deb(p);
    if (!d)
        return;
    d->last = 0;
    d->count = 0;
}

int64_t rt_debounce_get_delay(void *p) {
    rt_debounce *d = as_deb(p);
    return d ? d->delay : 0;
}

int64_t rt_debounce_get_signal_count(void *p) {
    rt_debounce *d = as_deb(p);
    return d ? d->count : 0;
}

typedef struct rt_throttle {
    void *vptr; /* always NULL */
    int64_t interval, last, count;
} rt_throttle;

static void throttle_finalize(void *p) {
    (void)p;
    fin_tag = 2;
}

static rt_throttle *as_thr(void *p) { return rt__is_collection(p, throttle_finalize) ? p : NULL; }

void *rt_throttle_new(int64_t interval_ms) {
    rt_throttle *t = rt__collection_alloc(sizeof(rt_throttle), throttle_finalize);
    t->interval = interval_ms < 0 ? 0 : interval_ms;
    return t;
}

static bool throttle_open(const rt_throttle *t, int64_t now) {
    return t->last == 0 || now - t->last >= t->interval;
}

bool rt_throttle_try(void *p) {
    rt_throttle *t = as_thr(p);
    if (!t)
        return false;
    int64_t now = clock_ms();
    if (!throttle_open(t, now))
        return false;
    t->last = now;
    t->count++;
    return true;
}

bool rt_throttle_can_proceed(void *p) {
    rt_throttle *t = as_thr(p);
    return t ? throttle_open(t, clock_ms()) : false;
}

void rt_throttle_reset(void *p) {
    rt_throttle *t = as_thr(p);
    if (!t)
        return;
    t->last = 0;
    t->count = 0;
}

int64_t rt_throttle_get_interval(void *p) {
    rt_throttle *t = as_thr(p);
    return t ? t->interval : 0;
}

int64_t rt_throttle_get_count(void *p) {
    rt_throttle *t = as_thr(p);
    return t ? t->count : 0;
}

int64_t rt_throttle_remaining_ms(void *p) {
    rt_throttle *t = as_thr(p);
    if (!t || t->last == 0)
        return 0;
    int64_t left = t->interval - (clock_ms() - t->last);
    return left > 0 ? left : 0;
}

/* ---- Scheduler ----------------------------------------------------------------------------- */

typedef struct sched_task {
    rt_string name; /* retained */
    int64_t due;    /* monotonic ms */
} sched_task;

typedef struct rt_sched {
    void *vptr; /* always NULL */
    pthread_mutex_t mu;
    sched_task *tasks; /* insertion order */
    int64_t len, cap;
} rt_sched;

static void sched_drop_all(rt_sched *s) {
    for (int64_t i = 0; i < s->len; i++)
        rt_str_release_maybe(s->tasks[i].name);
    s->len = 0;
}

static void sched_finalize(void *p) {
    rt_sched *s = p;
    sched_drop_all(s);
    free(s->tasks);
    s->tasks = NULL;
    pthread_mutex_destroy(&s->mu);
}

static rt_sched *as_sched(void *p) { return rt__is_collection(p, sched_finalize) ? p : NULL; }

void *rt_scheduler_new(void) {
    rt_sched *s = rt__collection_alloc(sizeof(rt_sched), sched_finalize);
    pthread_mutex_init(&s->mu, NULL);
    return s;
}

static int64_t sched_index(const rt_sched *s, rt_string name) {
    for (int64_t i = 0; i < s->len; i++)
        if (s->tasks[i].name->len == name->len &&
            memcmp(s->tasks[i].name->data, name->data, name->len) == 0)
            return i;
    return -1;
}

void rt_scheduler_schedule(void *p, rt_string name, int64_t delay_ms) {
    rt_sched *s = as_sched(p);
    if (!s || !name)
        return;
    if (delay_ms < 0)
        delay_ms = 0;
    int64_t now = rt__thr_now_ms();
    int64_t due = delay_ms > INT64_MAX - now ? INT64_MAX : now + delay_ms;
    pthread_mutex_lock(&s->mu);
    int64_t i = sched_index(s, name);
    if (i >= 0) {
        s->tasks[i].due = due;
    } else {
        if (s->len == s->cap) {
            int64_t ncap = s->cap ? s->cap * 2 : 8;
            sched_task *nt = realloc(s->tasks, (size_t)ncap * sizeof *nt);
            if (!nt) {
                pthread_mutex_unlock(&s->mu);
                rt__trap("Scheduler: memory allocation failed");
            }
            s->tasks = nt;
            s->cap = ncap;
        }
        rt_str_retain_maybe(name);
        s->tasks[s->len].name = name;
        s->tasks[s->len].due = due;
        s->len++;
    }
    pthread_mutex_unlock(&s->mu);
}

bool rt_scheduler_cancel(void *p, rt_string name) {
    rt_sched *s = as_sched(p);
    if (!s || !name)
        return false;
    pthread_mutex_lock(&s->mu);
    int64_t i = sched_index(s, name);
    rt_string old = NULL;
    if (i >= 0) {
        old = s->tasks[i].name;
        memmove(&s->tasks[i], &s->tasks[i + 1], (size_t)(s->len - i - 1) * sizeof *s->tasks);
        s->len--;
    }
    pthread_mutex_unlock(&s->mu);
    rt_str_release_maybe(old);
    return i >= 0;
}

bool rt_scheduler_is_due(void *p, rt_string name) {
    rt_sched *s = as_sched(p);
    if (!s || !name)
        return false;
    int64_t now = rt__thr_now_ms();
    pthread_mutex_lock(&s->mu);
    int64_t i = sched_index(s, name);
    bool due = i >= 0 && now >= s->tasks[i].due;
    pthread_mutex_unlock(&s->mu);
    return due;
}

void *rt_scheduler_poll(void *p) {
    void *seq = rt_seq_new();
    rt_sched *s = as_sched(p);
    if (!s)
        return seq;
    int64_t now = rt__thr_now_ms();
    pthread_mutex_lock(&s->mu);
    for (int64_t i = s->len - 1; i >= 0; i--)
        if (now >= s->tasks[i].due)
            rt__seq_push_owned(seq, s->tasks[i].name);
    int64_t kept = 0;
    for (int64_t i = 0; i < s->len; i++)
        if (now < s->tasks[i].due)
            s->tasks[kept++] = s->tasks[i];
    s->len = kept;
    pthread_mutex_unlock(&s->mu);
    return seq;
}

void rt_scheduler_clear(void *p) {
    rt_sched *s = as_sched(p);
    if (!s)
        return;
    pthread_mutex_lock(&s->mu);
    sched_drop_all(s);
    pthread_mutex_unlock(&s->mu);
}

int64_t rt_scheduler_pending(void *p) {
    rt_sched *s = as_sched(p);
    if (!s)
        return 0;
    pthread_mutex_lock(&s->mu);
    int64_t n = s->len;
    pthread_mutex_unlock(&s->mu);
    return n;
}
