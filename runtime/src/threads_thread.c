/*
 * threads_thread.c — Viper.Threads.Thread (Start, StartSafe, Join/TryJoin/JoinFor, Id, IsAlive,
 * Sleep, Yield, the safe-thread wrapper) and Viper.Threads.SafeI64 (RUNTIME-SYSTEM §2.0–§2.2), plus
 * the shared helpers of rt_threads_internal.h (clocks, deadlines, thread ids, internal spawning).
 *
 * Model: every Thread.Start creates one detached POSIX thread. The thread object (count 1 for the
 * caller) gets one extra reference held by the running thread, dropped after the entry function
 * returns, so an unjoined finished thread frees itself once IL lets go. `entry` is the code address
 * of an IL function `void()` or `void(ptr)`, called as `void (*)(void *)` with `arg` (not retained).
 * Joining is allowed once (Join, or a successful TryJoin/JoinFor); `done`/`joined` live under the
 * thread's mutex and `done` is broadcast on its condition variable.
 * Thread ids: one process-wide atomic counter starting at 1, consumed by every thread the runtime
 * starts (Thread.Start/StartSafe, Async.*, Pool workers).
 * StartSafe: returns a distinct wrapper object owning the thread (+1). The thread body sets up a
 * jmp_buf and a per-thread trap context (rt__tls_thread->capture): a trap not handled by an IL
 * handler of that thread is captured by rt__raise (trap.c), which calls the capture; it copies the
 * message (511 bytes max, `Unknown trap` if empty), drops this thread's records from the global EH
 * chain and longjmps back here; the thread then ends normally with has_error set. Locks the entry
 * function held at the trap stay held (as in the reference).
 * Not a thread object (or NULL) where one is required: the documented null-thread trap. Join and
 * the getters also accept a safe wrapper (they use its inner thread), a convenience over the
 * reference, which expects plain threads there.
 * SafeI64 uses 64-bit atomics (sequentially consistent); Add wraps (two's complement).
 */
#define _DEFAULT_SOURCE
#include "rt_threads_internal.h"

#include <errno.h>
#include <sched.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared helpers ------------------------------------------------------------------------ */

int64_t rt__thr_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct timespec rt__thr_deadline(int64_t ms) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    if (ms < 0)
        ms = 0;
    if (ms > (int64_t)1 << 40)
        ms = (int64_t)1 << 40; /* ~35 years: keeps tv_sec in range */
    ts.tv_sec += (time_t)(ms / 1000);
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return ts;
}

bool rt__thr_deadline_passed(const struct timespec *dl) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > dl->tv_sec || (now.tv_sec == dl->tv_sec && now.tv_nsec >= dl->tv_nsec);
}

void rt__thr_cond_init(pthread_cond_t *c) {
    pthread_condattr_t a;
    pthread_condattr_init(&a);
    pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
    pthread_cond_init(c, &a);
    pthread_condattr_destroy(&a);
}

bool rt__thr_cond_wait_until(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *dl) {
    int rc = pthread_cond_timedwait(c, m, dl);
    if (rc == ETIMEDOUT)
        return false;
    return !rt__thr_deadline_passed(dl);
}

static int64_t rt_thread_ids = 0;

int64_t rt__thr_next_id(void) { return __atomic_add_fetch(&rt_thread_ids, 1, __ATOMIC_SEQ_CST); }

/* Internal threads: the trap context bounds the thread's stack for EH and makes traps fatal. */
struct rt_spawn {
    void (*fn)(void *);
    void *arg;
};

static void *rt_spawn_main(void *p) {
    struct rt_spawn sp = *(struct rt_spawn *)p;
    free(p);
    rt__thread_ctx ctx = {(uintptr_t)&ctx, NULL};
    rt__tls_thread = &ctx;
    sp.fn(sp.arg);
    rt__tls_thread = NULL;
    return NULL;
}

static bool rt_create(void *(*body)(void *), void *arg, bool detached, pthread_t *out) {
    pthread_attr_t attr;
    pthread_t tid;
    rt__mt_enable();
    if (pthread_attr_init(&attr) != 0)
        return false;
    if (detached)
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int rc = pthread_create(&tid, &attr, body, arg);
    pthread_attr_destroy(&attr);
    if (rc != 0)
        return false;
    if (out)
        *out = tid;
    return true;
}

bool rt__thr_spawn(void (*fn)(void *), void *arg, bool detached, pthread_t *out) {
    struct rt_spawn *sp = malloc(sizeof *sp);
    if (!sp)
        return false;
    sp->fn = fn;
    sp->arg = arg;
    rt__thr_next_id();
    if (!rt_create(rt_spawn_main, sp, detached, out)) {
        free(sp);
        return false;
    }
    return true;
}

/* ---- Thread -------------------------------------------------------------------------------- */

#define RT_THREAD_ERR_MAX 511

typedef struct rt_thread {
    void *vptr; /* always NULL */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int64_t id;
    void (*entry)(void *);
    void *arg;
    bool safe;      /* started by StartSafe: traps are captured */
    bool done;      /* entry function returned (or trapped under StartSafe) */
    bool joined;
    bool has_error; /* StartSafe: the entry trapped */
    char *error;    /* malloc'd message (has_error) */
} rt_thread;

typedef struct rt_safe_thread {
    void *vptr; /* always NULL */
    rt_thread *t; /* owned (+1) */
} rt_safe_thread;

static void thread_finalize(void *p) {
    rt_thread *t = p;
    pthread_mutex_destroy(&t->mu);
    pthread_cond_destroy(&t->cv);
    free(t->error);
    t->error = NULL;
}

static void safe_finalize(void *p) {
    rt_safe_thread *w = p;
    rt__obj_release_and_free(w->t);
    w->t = NULL;
}

/* The thread object of the calling runtime thread (NULL on the main thread). */
static _Thread_local rt_thread *tl_self = NULL;

/* p as a plain thread (a safe wrapper gives its inner thread), or NULL. */
static rt_thread *thread_of(void *p) {
    if (rt__is_collection(p, thread_finalize))
        return p;
    if (rt__is_collection(p, safe_finalize))
        return ((rt_safe_thread *)p)->t;
    return NULL;
}

static rt_thread *need_thread(void *p, const char *msg) {
    rt_thread *t = thread_of(p);
    if (!t)
        rt__trap(msg);
    return t;
}

struct rt_thread_frame {
    rt__thread_ctx ctx; /* first member: capture() gets &ctx */
    jmp_buf jb;
    char msg[RT_THREAD_ERR_MAX + 1];
};

/* Drop the EH records of this thread's (abandoned) frames from the process-wide chain. */
static void drop_own_eh_records(void) {
    while (vpr_eh_top && rt__eh_record_mine(vpr_eh_top))
        vpr_eh_top = vpr_eh_top->prev;
}

static void safe_capture(rt__thread_ctx *ctx, int64_t kind, int64_t code, const char *msg) {
    (void)kind;
    (void)code;
    struct rt_thread_frame *f = (struct rt_thread_frame *)ctx;
    if (!msg || !*msg)
        msg = "Unknown trap";
    size_t n = strlen(msg);
    if (n > RT_THREAD_ERR_MAX)
        n = RT_THREAD_ERR_MAX;
    memcpy(f->msg, msg, n);
    f->msg[n] = 0;
    ctx->capture = NULL; /* a trap while unwinding would be fatal */
    drop_own_eh_records();
    longjmp(f->jb, 1);
}

static void *thread_main(void *p) {
    rt_thread *t = p;
    struct rt_thread_frame f;
    f.ctx.stack_hi = (uintptr_t)&f;
    f.ctx.capture = t->safe ? safe_capture : NULL;
    f.msg[0] = 0;
    tl_self = t;
    rt__tls_thread = &f.ctx;
    volatile bool trapped = false;
    if (!t->safe) {
        t->entry(t->arg);
    } else if (setjmp(f.jb) == 0) {
        t->entry(t->arg);
    } else {
        trapped = true;
    }
    rt__tls_thread = NULL;
    tl_self = NULL;
    char *err = trapped ? strdup(f.msg) : NULL;
    pthread_mutex_lock(&t->mu);
    if (trapped) {
        t->has_error = true;
        t->error = err;
    }
    t->done = true;
    pthread_cond_broadcast(&t->cv);
    pthread_mutex_unlock(&t->mu);
    rt__obj_release_and_free(t); /* the running thread's reference */
    return NULL;
}

static rt_thread *thread_launch(void *entry, void *arg, bool safe) {
    rt_thread *t = rt__collection_alloc(sizeof(rt_thread), thread_finalize);
    pthread_mutex_init(&t->mu, NULL);
    rt__thr_cond_init(&t->cv);
    t->entry = (void (*)(void *))entry;
    t->arg = arg;
    t->safe = safe;
    t->id = rt__thr_next_id();
    rt__heap_hdr(t)->refcnt = 2; /* the caller's and the running thread's */
    if (!rt_create(thread_main, t, true, NULL)) {
        rt__heap_hdr(t)->refcnt = 1;
        rt__obj_release_and_free(t);
        rt__trap("Thread.Start: failed to create thread");
    }
    return t;
}

void *rt_thread_start(void *entry, void *arg) {
    if (!entry)
        rt__trap("Thread.Start: null entry");
    return thread_launch(entry, arg, false);
}

void *rt_thread_start_safe(void *entry, void *arg) {
    if (!entry)
        rt__trap("Thread.StartSafe: null entry");
    rt_safe_thread *w = rt__collection_alloc(sizeof(rt_safe_thread), safe_finalize);
    w->t = thread_launch(entry, arg, true);
    return w;
}

/* Wait for t until the deadline (NULL = for ever); marks it joined when it has finished.
 * try_only: do not wait at all. Returns whether it was joined. Traps already-joined. */
static bool thread_join_until(rt_thread *t, const struct timespec *dl, bool try_only) {
    if (t == tl_self)
        rt__trap("Thread.Join: cannot join self");
    pthread_mutex_lock(&t->mu);
    for (;;) {
        if (t->joined) {
            pthread_mutex_unlock(&t->mu);
            rt__trap("Thread.Join: already joined");
        }
        if (t->done)
            break;
        if (try_only) {
            pthread_mutex_unlock(&t->mu);
            return false;
        }
        if (!dl) {
            pthread_cond_wait(&t->cv, &t->mu);
        } else if (!rt__thr_cond_wait_until(&t->cv, &t->mu, dl) && !t->done) {
            bool joined = t->joined;
            pthread_mutex_unlock(&t->mu);
            if (joined)
                rt__trap("Thread.Join: already joined");
            return false;
        }
    }
    t->joined = true;
    pthread_mutex_unlock(&t->mu);
    return true;
}

void rt_thread_join(void *p) {
    thread_join_until(need_thread(p, "Thread.Join: null thread"), NULL, false);
}

bool rt_thread_try_join(void *p) {
    return thread_join_until(need_thread(p, "Thread.TryJoin: null thread"), NULL, true);
}

bool rt_thread_join_for(void *p, int64_t ms) {
    rt_thread *t = need_thread(p, "Thread.JoinFor: null thread");
    if (ms < 0)
        return thread_join_until(t, NULL, false);
    if (ms == 0)
        return thread_join_until(t, NULL, true);
    struct timespec dl = rt__thr_deadline(ms);
    return thread_join_until(t, &dl, false);
}

int64_t rt_thread_get_id(void *p) { return need_thread(p, "Thread.get_Id: null thread")->id; }

static bool thread_alive(rt_thread *t) {
    pthread_mutex_lock(&t->mu);
    bool alive = !t->done;
    pthread_mutex_unlock(&t->mu);
    return alive;
}

bool rt_thread_get_is_alive(void *p) {
    return thread_alive(need_thread(p, "Thread.get_IsAlive: null thread"));
}

void rt_thread_sleep(int64_t ms) {
    if (ms <= 0) {
        sched_yield();
        return;
    }
    if (ms > INT32_MAX)
        ms = INT32_MAX;
    struct timespec req = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L}, rem;
    while (nanosleep(&req, &rem) != 0 && errno == EINTR)
        req = rem;
}

void rt_thread_yield(void) { sched_yield(); }

bool rt_thread_has_error(void *w) {
    rt_thread *t = thread_of(w);
    if (!t)
        return false;
    pthread_mutex_lock(&t->mu);
    bool e = t->has_error;
    pthread_mutex_unlock(&t->mu);
    return e;
}

rt_string rt_thread_get_error(void *w) {
    rt_thread *t = thread_of(w);
    if (!t)
        return rt_str_empty();
    rt_string s = NULL;
    pthread_mutex_lock(&t->mu);
    if (t->has_error && t->error && *t->error)
        s = rt__str_from_cstr(t->error);
    pthread_mutex_unlock(&t->mu);
    return s ? s : rt_str_empty();
}

void rt_thread_safe_join(void *w) {
    if (!w)
        rt__trap("Thread.SafeJoin: null object");
    rt_thread_join(thread_of(w) ? w : NULL);
}

int64_t rt_thread_safe_get_id(void *w) {
    rt_thread *t = thread_of(w);
    return t ? t->id : 0;
}

bool rt_thread_safe_is_alive(void *w) {
    rt_thread *t = thread_of(w);
    return t ? thread_alive(t) : false;
}

/* ---- SafeI64 ------------------------------------------------------------------------------- */

typedef struct rt_safe_i64 {
    void *vptr; /* always NULL */
    int64_t v;  /* accessed with __atomic builtins only */
} rt_safe_i64;

static volatile int fin_tag; /* distinct body: never folded with another finaliser */

static void safe_i64_finalize(void *p) {
    (void)p;
    fin_tag = 3;
}

static rt_safe_i64 *need_cell(void *p, const char *msg) {
    if (!rt__is_collection(p, safe_i64_finalize))
        rt__trap(msg);
    return p;
}

void *rt_safe_i64_new(int64_t v) {
    rt_safe_i64 *c = rt__collection_alloc(sizeof(rt_safe_i64), safe_i64_finalize);
    __atomic_store_n(&c->v, v, __ATOMIC_SEQ_CST);
    return c;
}

int64_t rt_safe_i64_get(void *p) {
    return __atomic_load_n(&need_cell(p, "SafeI64.Get: null object")->v, __ATOMIC_SEQ_CST);
}

void rt_safe_i64_set(void *p, int64_t v) {
    __atomic_store_n(&need_cell(p, "SafeI64.Set: null object")->v, v, __ATOMIC_SEQ_CST);
}

int64_t rt_safe_i64_add(void *p, int64_t d) {
    rt_safe_i64 *c = need_cell(p, "SafeI64.Add: null object");
    uint64_t old = (uint64_t)__atomic_fetch_add(&c->v, d, __ATOMIC_SEQ_CST);
    return (int64_t)(old + (uint64_t)d);
}

int64_t rt_safe_i64_compare_exchange(void *p, int64_t expected, int64_t desired) {
    rt_safe_i64 *c = need_cell(p, "SafeI64.CompareExchange: null object");
    int64_t old = expected;
    __atomic_compare_exchange_n(&c->v, &old, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return old;
}
