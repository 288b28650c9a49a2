/*
 * threads_async.c — Viper.Threads.Promise, Future, Async, Pool and Parallel (RUNTIME-SYSTEM
 * §2.13–§2.15).
 *
 * Promise/Future: a promise and its future share one reference-counted completion state (mutex,
 * condition variable, done/error flags, value, error text). The promise creates its future on the
 * first GetFuture and keeps it (+1), returning it borrowed every time; the future holds its own
 * reference to the state, so a future outlives a freed promise safely. Set stores the value without
 * retaining it (reference behaviour); SetError stores a private copy of the message text. A second
 * completion traps `Promise: already completed`. Future.Get blocks and traps with the error text on
 * an error; GetFor/WaitFor wait until one deadline. get_Error returns the message +1 (a retained
 * reference to the stored copy; the reference returns it borrowed — +1 is safe for either caller
 * convention) or the empty string.
 * Async: every function returns a new (+1) future of a fresh promise completed by a new runtime
 * thread (consuming a thread id); callbacks are C code addresses called directly: Run `void
 * *cb(void *arg)`, Map `void *mapper(void *value, void *arg)`, RunCancellable `void *cb(void *arg,
 * void *token)`. All/Any/Map retain their inputs (Seq, future, token) until the thread is done.
 * All of a NULL or empty Seq gives an already-completed future whose value is a new empty Seq; Any
 * of one gives a future in error `Async.Any: empty futures`. Items of the Seq that are not futures
 * count as completed with value NULL. If the OS refuses a thread, the future completes in error
 * `Async: failed to create thread` (not specified by the document).
 * Pool: n workers (clamped to 1..1024) started at New (ids consumed), a FIFO task queue, counters
 * pending/active, direct C callbacks `void cb(void *arg)`. The workers and the pool object share a
 * reference-counted state. Shutdown stops accepting, lets the queue drain and joins the workers;
 * ShutdownNow also discards queued tasks; both idempotent (a concurrent second call waits for the
 * first). Freeing the pool object without a Shutdown stops accepting, lets the workers drain the
 * queue and detaches them. Parallel.DefaultPool is one process-wide pool of DefaultWorkers()
 * workers, created on first call and kept alive for ever by a runtime-held reference (borrowed).
 * NULL receivers give the neutral result unless a trap is documented.
 */
#define _DEFAULT_SOURCE
#include "rt_threads_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- completion state ---------------------------------------------------------------------- */

typedef struct pstate {
    int64_t refs; /* __atomic: the promise + the future */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool done, is_error;
    void *value;    /* not retained */
    rt_string error; /* owned copy of the message (is_error) */
} pstate;

static pstate *pstate_new(void) {
    pstate *st = calloc(1, sizeof *st);
    if (!st)
        rt__trap("Promise.New: alloc failed");
    st->refs = 1;
    pthread_mutex_init(&st->mu, NULL);
    rt__thr_cond_init(&st->cv);
    return st;
}

static void pstate_release(pstate *st) {
    if (!st || __atomic_sub_fetch(&st->refs, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    pthread_mutex_destroy(&st->mu);
    pthread_cond_destroy(&st->cv);
    rt_str_release_maybe(st->error);
    free(st);
}

typedef struct rt_future {
    void *vptr; /* always NULL */
    pstate *st;
} rt_future;

typedef struct rt_promise {
    void *vptr; /* always NULL */
    pstate *st;
    rt_future *future; /* created on first GetFuture, owned (+1) */
} rt_promise;

static void future_finalize(void *p) {
    rt_future *f = p;
    pstate_release(f->st);
    f->st = NULL;
}

static void promise_finalize(void *p) {
    rt_promise *pr = p;
    rt__obj_release_and_free(pr->future);
    pr->future = NULL;
    pstate_release(pr->st);
    pr->st = NULL;
}

static rt_promise *as_promise(void *p) { return rt__is_collection(p, promise_finalize) ? p : NULL; }
static rt_future *as_future(void *p) { return rt__is_collection(p, future_finalize) ? p : NULL; }

static rt_promise *need_promise(void *p) {
    rt_promise *pr = as_promise(p);
    if (!pr)
        rt__trap("Promise: null object");
    return pr;
}

void *rt_promise_new(void) {
    rt_promise *pr = rt__collection_alloc(sizeof(rt_promise), promise_finalize);
    pr->st = pstate_new();
    return pr;
}

void *rt_promise_get_future(void *p) {
    rt_promise *pr = need_promise(p);
    pthread_mutex_lock(&pr->st->mu);
    if (!pr->future) {
        rt_future *f = rt__collection_alloc(sizeof(rt_future), future_finalize);
        __atomic_add_fetch(&pr->st->refs, 1, __ATOMIC_RELAXED);
        f->st = pr->st;
        pr->future = f;
    }
    rt_future *f = pr->future;
    pthread_mutex_unlock(&pr->st->mu);
    return f;
}

/* Complete st; returns false (nothing changed) when it was already completed. */
static bool pstate_complete(pstate *st, void *v, const char *err) {
    rt_string e = err ? rt__str_from_cstr(err) : NULL;
    pthread_mutex_lock(&st->mu);
    if (st->done) {
        pthread_mutex_unlock(&st->mu);
        rt_str_release_maybe(e);
        return false;
    }
    st->done = true;
    st->is_error = err != NULL;
    st->value = err ? NULL : v;
    st->error = e;
    pthread_cond_broadcast(&st->cv);
    pthread_mutex_unlock(&st->mu);
    return true;
}

void rt_promise_set(void *p, void *v) {
    if (!pstate_complete(need_promise(p)->st, v, NULL))
        rt__trap("Promise: already completed");
}

void rt_promise_set_error(void *p, rt_string msg) {
    rt_promise *pr = need_promise(p);
    if (!pstate_complete(pr->st, NULL, rt_string_cstr(msg)))
        rt__trap("Promise: already completed");
}

bool rt_promise_is_done(void *p) {
    rt_promise *pr = as_promise(p);
    if (!pr)
        return false;
    pthread_mutex_lock(&pr->st->mu);
    bool d = pr->st->done;
    pthread_mutex_unlock(&pr->st->mu);
    return d;
}

/* Wait (st->mu held) until done or the deadline (NULL = for ever); returns done. */
static bool pstate_wait_locked(pstate *st, const struct timespec *dl) {
    while (!st->done) {
        if (!dl)
            pthread_cond_wait(&st->cv, &st->mu);
        else if (!rt__thr_cond_wait_until(&st->cv, &st->mu, dl))
            break;
    }
    return st->done;
}

void *rt_future_get(void *p) {
    rt_future *f = as_future(p);
    if (!f)
        rt__trap("Future: null object");
    pstate *st = f->st;
    pthread_mutex_lock(&st->mu);
    pstate_wait_locked(st, NULL);
    bool err = st->is_error;
    void *v = st->value;
    pthread_mutex_unlock(&st->mu);
    if (err)
        rt__trap(st->error ? st->error->data : ""); /* error is immutable once done */
    return v;
}

/* Value of f after waiting up to ms (ms <= 0: no wait), NULL unless done without error. */
static void *future_value_after(rt_future *f, int64_t ms) {
    pstate *st = f->st;
    struct timespec dl = rt__thr_deadline(ms);
    pthread_mutex_lock(&st->mu);
    if (ms > 0)
        pstate_wait_locked(st, &dl);
    void *v = st->done && !st->is_error ? st->value : NULL;
    pthread_mutex_unlock(&st->mu);
    return v;
}

void *rt_future_get_for_val(void *p, int64_t ms) {
    rt_future *f = as_future(p);
    return f ? future_value_after(f, ms) : NULL;
}

void *rt_future_try_get_val(void *p) {
    rt_future *f = as_future(p);
    return f ? future_value_after(f, 0) : NULL;
}

void rt_future_wait(void *p) {
    rt_future *f = as_future(p);
    if (!f)
        return;
    pthread_mutex_lock(&f->st->mu);
    pstate_wait_locked(f->st, NULL);
    pthread_mutex_unlock(&f->st->mu);
}

bool rt_future_wait_for(void *p, int64_t ms) {
    rt_future *f = as_future(p);
    if (!f)
        return false;
    struct timespec dl = rt__thr_deadline(ms);
    pthread_mutex_lock(&f->st->mu);
    bool d = ms > 0 ? pstate_wait_locked(f->st, &dl) : f->st->done;
    pthread_mutex_unlock(&f->st->mu);
    return d;
}

bool rt_future_is_done(void *p) {
    rt_future *f = as_future(p);
    if (!f)
        return false;
    pthread_mutex_lock(&f->st->mu);
    bool d = f->st->done;
    pthread_mutex_unlock(&f->st->mu);
    return d;
}

bool rt_future_is_error(void *p) {
    rt_future *f = as_future(p);
    if (!f)
        return false;
    pthread_mutex_lock(&f->st->mu);
    bool e = f->st->done && f->st->is_error;
    pthread_mutex_unlock(&f->st->mu);
    return e;
}

rt_string rt_future_get_error(void *p) {
    rt_future *f = as_future(p);
    if (!f)
        return rt_str_empty();
    pthread_mutex_lock(&f->st->mu);
    rt_string e = f->st->done && f->st->is_error ? f->st->error : NULL;
    rt_str_retain_maybe(e);
    pthread_mutex_unlock(&f->st->mu);
    return e ? e : rt_str_empty();
}

/* ---- Async --------------------------------------------------------------------------------- */

enum { AJ_RUN, AJ_DELAY, AJ_ALL, AJ_ANY, AJ_MAP, AJ_CANCELLABLE };

typedef struct async_job {
    int kind;
    rt_promise *promise; /* owned by the job */
    void *cb;
    void *arg;
    void *input; /* retained: Seq (All/Any), future (Map), token (RunCancellable) */
    int64_t ms;
} async_job;

/* State of a finished future: *done, and its value or error text (borrowed). */
static void future_peek(void *p, bool *done, void **value, const char **err) {
    rt_future *f = as_future(p);
    *value = NULL;
    *err = NULL;
    if (!f) {
        *done = true;
        return;
    }
    pthread_mutex_lock(&f->st->mu);
    *done = f->st->done;
    if (*done) {
        *value = f->st->value;
        if (f->st->is_error)
            *err = f->st->error ? f->st->error->data : "";
    }
    pthread_mutex_unlock(&f->st->mu);
}

static void future_block(void *p) { rt_future_wait(p); }

static void async_body(void *p) {
    async_job *j = p;
    pstate *st = j->promise->st;
    switch (j->kind) {
    case AJ_RUN:
        pstate_complete(st, ((void *(*)(void *))j->cb)(j->arg), NULL);
        break;
    case AJ_DELAY:
        rt_thread_sleep(j->ms);
        pstate_complete(st, NULL, NULL);
        break;
    case AJ_CANCELLABLE:
        pstate_complete(st, ((void *(*)(void *, void *))j->cb)(j->arg, j->input), NULL);
        break;
    case AJ_MAP: {
        bool done;
        void *v;
        const char *err;
        future_block(j->input);
        future_peek(j->input, &done, &v, &err);
        if (err)
            pstate_complete(st, NULL, err);
        else
            pstate_complete(st, ((void *(*)(void *, void *))j->cb)(v, j->arg), NULL);
        break;
    }
    case AJ_ALL: {
        void *out = rt_seq_new();
        const char *err = NULL;
        int64_t n = rt_seq_len(j->input);
        for (int64_t i = 0; i < n && !err; i++) {
            void *f = rt__seq_at(j->input, i);
            bool done;
            void *v;
            future_block(f);
            future_peek(f, &done, &v, &err);
            if (!err)
                rt_seq_push(out, v);
        }
        if (err) {
            pstate_complete(st, NULL, err);
            rt__obj_release_and_free(out);
        } else {
            pstate_complete(st, out, NULL); /* the promise's value (not retained) keeps it */
        }
        break;
    }
    case AJ_ANY:
        for (;;) {
            int64_t n = rt_seq_len(j->input);
            bool finished = false;
            for (int64_t i = 0; i < n && !finished; i++) {
                bool done;
                void *v;
                const char *err;
                future_peek(rt__seq_at(j->input, i), &done, &v, &err);
                if (done) {
                    pstate_complete(st, err ? NULL : v, err);
                    finished = true;
                }
            }
            if (finished || n == 0)
                break;
            rt_thread_sleep(1);
        }
        if (!rt_promise_is_done(j->promise))
            pstate_complete(st, NULL, "Async.Any: empty futures");
        break;
    }
    rt__obj_release_and_free(j->input);
    rt__obj_release_and_free(j->promise);
    free(j);
}

/* Start job kind on a new thread; returns the new future (+1). input is retained here. */
static void *async_start(int kind, void *cb, void *arg, void *input, int64_t ms) {
    rt_promise *pr = rt_promise_new();
    rt_future *f = rt_promise_get_future(pr);
    rt_obj_retain_maybe(f); /* the caller's reference */
    async_job *j = malloc(sizeof *j);
    if (!j)
        rt__trap("Async: memory allocation failed");
    j->kind = kind;
    j->promise = pr;
    j->cb = cb;
    j->arg = arg;
    j->input = input;
    j->ms = ms;
    rt_obj_retain_maybe(input);
    if (!rt__thr_spawn(async_body, j, true, NULL)) {
        pstate_complete(pr->st, NULL, "Async: failed to create thread");
        rt__obj_release_and_free(input);
        rt__obj_release_and_free(pr);
        free(j);
    }
    return f;
}

void *rt_async_run(void *cb, void *arg) {
    if (!cb)
        rt__trap("Async.Run: nil callback");
    return async_start(AJ_RUN, cb, arg, NULL, 0);
}

void *rt_async_delay(int64_t ms) { return async_start(AJ_DELAY, NULL, NULL, NULL, ms < 0 ? 0 : ms); }

/* A new future (+1) of a promise already completed with value v or error err. */
static void *completed_future(void *v, const char *err) {
    rt_promise *pr = rt_promise_new();
    rt_future *f = rt_promise_get_future(pr);
    rt_obj_retain_maybe(f);
    pstate_complete(pr->st, v, err);
    rt__obj_release_and_free(pr);
    return f;
}

void *rt_async_all(void *futures) {
    if (rt_seq_len(futures) == 0)
        return completed_future(rt_seq_new(), NULL);
    return async_start(AJ_ALL, NULL, NULL, futures, 0);
}

void *rt_async_any(void *futures) {
    if (rt_seq_len(futures) == 0)
        return completed_future(NULL, "Async.Any: empty futures");
    return async_start(AJ_ANY, NULL, NULL, futures, 0);
}

void *rt_async_map(void *future, void *mapper, void *arg) {
    if (!future || !mapper)
        rt__trap("Async.Map: nil future or mapper");
    return async_start(AJ_MAP, mapper, arg, future, 0);
}

void *rt_async_run_cancellable(void *cb, void *arg, void *token) {
    if (!cb)
        rt__trap("Async.RunCancellable: nil callback");
    return async_start(AJ_CANCELLABLE, cb, arg, token, 0);
}

/* ---- Pool ---------------------------------------------------------------------------------- */

#define RT_POOL_MAX 1024

typedef struct pool_task {
    struct pool_task *next;
    void (*cb)(void *);
    void *arg;
} pool_task;

typedef struct pool_state {
    int64_t refs; /* __atomic: the pool object + every running worker */
    pthread_mutex_t mu;
    pthread_cond_t work_cv; /* a task arrived or shutdown */
    pthread_cond_t idle_cv; /* pending == active == 0, or the workers were joined */
    pool_task *head, *tail;
    int64_t size, pending, active;
    bool shutdown, joining, joined;
    pthread_t *workers;
    int64_t started;
} pool_state;

typedef struct rt_pool {
    void *vptr; /* always NULL */
    pool_state *st;
} rt_pool;

static void pool_state_release(pool_state *st) {
    if (__atomic_sub_fetch(&st->refs, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    while (st->head) {
        pool_task *t = st->head;
        st->head = t->next;
        free(t);
    }
    pthread_mutex_destroy(&st->mu);
    pthread_cond_destroy(&st->work_cv);
    pthread_cond_destroy(&st->idle_cv);
    free(st->workers);
    free(st);
}

static void pool_worker(void *p) {
    pool_state *st = p;
    pthread_mutex_lock(&st->mu);
    for (;;) {
        while (!st->head && !st->shutdown)
            pthread_cond_wait(&st->work_cv, &st->mu);
        pool_task *t = st->head;
        if (!t)
            break; /* shut down and drained */
        st->head = t->next;
        if (!st->head)
            st->tail = NULL;
        st->pending--;
        st->active++;
        pthread_mutex_unlock(&st->mu);
        t->cb(t->arg);
        free(t);
        pthread_mutex_lock(&st->mu);
        st->active--;
        if (st->pending == 0 && st->active == 0)
            pthread_cond_broadcast(&st->idle_cv);
    }
    pthread_mutex_unlock(&st->mu);
    pool_state_release(st);
}

/* Stop accepting (discarding the queue when `now`), then join the workers once. */
static void pool_shutdown(pool_state *st, bool now) {
    pthread_mutex_lock(&st->mu);
    st->shutdown = true;
    if (now) {
        while (st->head) {
            pool_task *t = st->head;
            st->head = t->next;
            free(t);
        }
        st->tail = NULL;
        st->pending = 0;
        if (st->active == 0)
            pthread_cond_broadcast(&st->idle_cv);
    }
    pthread_cond_broadcast(&st->work_cv);
    if (st->joining || st->joined) {
        while (!st->joined)
            pthread_cond_wait(&st->idle_cv, &st->mu);
        pthread_mutex_unlock(&st->mu);
        return;
    }
    st->joining = true;
    pthread_mutex_unlock(&st->mu);
    for (int64_t i = 0; i < st->started; i++) {
        if (pthread_equal(st->workers[i], pthread_self()))
            pthread_detach(st->workers[i]); /* a task shutting down its own pool */
        else
            pthread_join(st->workers[i], NULL);
    }
    pthread_mutex_lock(&st->mu);
    st->joined = true;
    pthread_cond_broadcast(&st->idle_cv);
    pthread_mutex_unlock(&st->mu);
}

static void pool_finalize(void *p) {
    rt_pool *pool = p;
    pool_state *st = pool->st;
    if (!st)
        return;
    pthread_mutex_lock(&st->mu);
    st->shutdown = true;
    pthread_cond_broadcast(&st->work_cv);
    bool detach = !st->joining && !st->joined;
    if (detach)
        st->joined = true;
    pthread_mutex_unlock(&st->mu);
    if (detach)
        for (int64_t i = 0; i < st->started; i++)
            pthread_detach(st->workers[i]);
    pool->st = NULL;
    pool_state_release(st);
}

static rt_pool *as_pool(void *p) { return rt__is_collection(p, pool_finalize) ? p : NULL; }

void *rt_threadpool_new(int64_t n) {
    if (n < 1)
        n = 1;
    if (n > RT_POOL_MAX)
        n = RT_POOL_MAX;
    pool_state *st = calloc(1, sizeof *st);
    pthread_t *workers = calloc((size_t)n, sizeof(pthread_t));
    if (!st || !workers) {
        free(st);
        free(workers);
        return NULL;
    }
    st->refs = 1;
    st->size = n;
    st->workers = workers;
    pthread_mutex_init(&st->mu, NULL);
    rt__thr_cond_init(&st->work_cv);
    rt__thr_cond_init(&st->idle_cv);
    rt_pool *pool = rt__collection_alloc(sizeof(rt_pool), pool_finalize);
    pool->st = st;
    for (int64_t i = 0; i < n; i++) {
        __atomic_add_fetch(&st->refs, 1, __ATOMIC_RELAXED);
        if (!rt__thr_spawn(pool_worker, st, false, &st->workers[i])) {
            __atomic_sub_fetch(&st->refs, 1, __ATOMIC_RELAXED);
            pool_shutdown(st, true);
            rt__obj_release_and_free(pool);
            return NULL;
        }
        st->started = i + 1;
    }
    return pool;
}

bool rt_threadpool_submit(void *p, void *cb, void *arg) {
    rt_pool *pool = as_pool(p);
    if (!pool || !cb)
        return false;
    pool_task *t = malloc(sizeof *t);
    if (!t)
        return false;
    t->next = NULL;
    t->cb = (void (*)(void *))cb;
    t->arg = arg;
    pool_state *st = pool->st;
    pthread_mutex_lock(&st->mu);
    if (st->shutdown) {
        pthread_mutex_unlock(&st->mu);
        free(t);
        return false;
    }
    if (st->tail)
        st->tail->next = t;
    else
        st->head = t;
    st->tail = t;
    st->pending++;
    pthread_cond_signal(&st->work_cv);
    pthread_mutex_unlock(&st->mu);
    return true;
}

static bool pool_wait(pool_state *st, const struct timespec *dl, bool try_only) {
    pthread_mutex_lock(&st->mu);
    while ((st->pending > 0 || st->active > 0) && !try_only) {
        if (!dl)
            pthread_cond_wait(&st->idle_cv, &st->mu);
        else if (!rt__thr_cond_wait_until(&st->idle_cv, &st->mu, dl))
            break;
    }
    bool idle = st->pending == 0 && st->active == 0;
    pthread_mutex_unlock(&st->mu);
    return idle;
}

void rt_threadpool_wait(void *p) {
    rt_pool *pool = as_pool(p);
    if (pool)
        pool_wait(pool->st, NULL, false);
}

bool rt_threadpool_wait_for(void *p, int64_t ms) {
    rt_pool *pool = as_pool(p);
    if (!pool)
        return true;
    if (ms <= 0)
        return pool_wait(pool->st, NULL, true);
    struct timespec dl = rt__thr_deadline(ms);
    return pool_wait(pool->st, &dl, false);
}

void rt_threadpool_shutdown(void *p) {
    rt_pool *pool = as_pool(p);
    if (pool)
        pool_shutdown(pool->st, false);
}

void rt_threadpool_shutdown_now(void *p) {
    rt_pool *pool = as_pool(p);
    if (pool)
        pool_shutdown(pool->st, true);
}

int64_t rt_threadpool_get_size(void *p) {
    rt_pool *pool = as_pool(p);
    return pool ? pool->st->size : 0;
}

static int64_t pool_counter(void *p, int which) {
    rt_pool *pool = as_pool(p);
    if (!pool)
        return 0;
    pthread_mutex_lock(&pool->st->mu);
    int64_t v = which == 0 ? pool->st->pending : which == 1 ? pool->st->active : pool->st->shutdown;
    pthread_mutex_unlock(&pool->st->mu);
    return v;
}

int64_t rt_threadpool_get_pending(void *p) { return pool_counter(p, 0); }

int64_t rt_threadpool_get_active(void *p) { return pool_counter(p, 1); }

bool rt_threadpool_get_is_shutdown(void *p) { return pool_counter(p, 2) != 0; }

/* ---- Parallel ------------------------------------------------------------------------------ */

int64_t rt_parallel_default_workers(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (int64_t)n;
}

static pthread_mutex_t default_pool_lock = PTHREAD_MUTEX_INITIALIZER;
static void *default_pool;

void *rt_parallel_default_pool(void) {
    pthread_mutex_lock(&default_pool_lock);
    if (!default_pool) {
        default_pool = rt_threadpool_new(rt_parallel_default_workers());
        if (default_pool)
            rt_obj_retain_maybe(default_pool); /* the runtime's own reference: never freed */
    }
    void *p = default_pool;
    pthread_mutex_unlock(&default_pool_lock);
    return p;
}
