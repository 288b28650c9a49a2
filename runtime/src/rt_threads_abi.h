/*
 * rt_threads_abi.h — C symbols of the `Viper.Threads.*` namespace (RUNTIME-SYSTEM §2) and of the
 * legacy `rt_modvar_addr_f64` (§10). IL `obj`/`ptr` → void *, `str` → rt_string, `i1` → bool,
 * `i64` → int64_t. Arguments are borrowed; results are +1 unless the document marks them borrowed
 * (Future.Get/GetFor/TryGet values, ConcurrentMap.Get/GetOr, ConcurrentQueue.Peek,
 * Promise.GetFuture, Parallel.DefaultPool).
 */
#ifndef VIPER_RT_THREADS_ABI_H
#define VIPER_RT_THREADS_ABI_H

#include "rt_internal.h"

/* ---- §10 legacy ---- */
void *rt_modvar_addr_f64(rt_string name);

/* ---- §2.1 Thread (threads_thread.c) ---- */
void *rt_thread_start(void *entry, void *arg);
void rt_thread_join(void *t);
bool rt_thread_try_join(void *t);
bool rt_thread_join_for(void *t, int64_t ms);
int64_t rt_thread_get_id(void *t);
bool rt_thread_get_is_alive(void *t);
void rt_thread_sleep(int64_t ms);
void rt_thread_yield(void);
void *rt_thread_start_safe(void *entry, void *arg);
bool rt_thread_has_error(void *w);
rt_string rt_thread_get_error(void *w);
void rt_thread_safe_join(void *w);
int64_t rt_thread_safe_get_id(void *w);
bool rt_thread_safe_is_alive(void *w);

/* ---- §2.2 SafeI64 (threads_thread.c) ---- */
void *rt_safe_i64_new(int64_t v);
int64_t rt_safe_i64_get(void *c);
void rt_safe_i64_set(void *c, int64_t v);
int64_t rt_safe_i64_add(void *c, int64_t d);
int64_t rt_safe_i64_compare_exchange(void *c, int64_t expected, int64_t desired);

/* ---- §2.3 Monitor (threads_sync.c) ---- */
void rt_monitor_enter(void *o);
bool rt_monitor_try_enter(void *o);
bool rt_monitor_try_enter_for(void *o, int64_t ms);
void rt_monitor_exit(void *o);
void rt_monitor_wait(void *o);
bool rt_monitor_wait_for(void *o, int64_t ms);
void rt_monitor_pause(void *o);
void rt_monitor_pause_all(void *o);

/* ---- §2.4 Gate (threads_sync.c) ---- */
void *rt_gate_new(int64_t permits);
void rt_gate_enter(void *g);
bool rt_gate_try_enter(void *g);
bool rt_gate_try_enter_for(void *g, int64_t ms);
void rt_gate_leave(void *g);
void rt_gate_leave_many(void *g, int64_t k);
int64_t rt_gate_get_permits(void *g);

/* ---- §2.5 Barrier (threads_sync.c) ---- */
void *rt_barrier_new(int64_t parties);
int64_t rt_barrier_arrive(void *b);
void rt_barrier_reset(void *b);
int64_t rt_barrier_get_parties(void *b);
int64_t rt_barrier_get_waiting(void *b);

/* ---- §2.6 RwLock (threads_sync.c) ---- */
void *rt_rwlock_new(void);
void rt_rwlock_read_enter(void *l);
void rt_rwlock_read_exit(void *l);
void rt_rwlock_write_enter(void *l);
void rt_rwlock_write_exit(void *l);
bool rt_rwlock_try_read_enter(void *l);
bool rt_rwlock_try_write_enter(void *l);
int64_t rt_rwlock_get_readers(void *l);
bool rt_rwlock_get_is_write_locked(void *l);

/* ---- §2.7 Channel (threads_chan.c) ---- */
void *rt_channel_new(int64_t cap);
void rt_channel_send(void *ch, void *x);
bool rt_channel_try_send(void *ch, void *x);
bool rt_channel_send_for(void *ch, void *x, int64_t ms);
void *rt_channel_recv(void *ch);
bool rt_channel_try_recv(void *ch, void *out);
bool rt_channel_recv_for(void *ch, void *out, int64_t ms);
void rt_channel_close(void *ch);
int64_t rt_channel_get_len(void *ch);
int64_t rt_channel_get_cap(void *ch);
bool rt_channel_get_is_closed(void *ch);
bool rt_channel_get_is_empty(void *ch);
bool rt_channel_get_is_full(void *ch);

/* ---- §2.8 ConcurrentQueue (threads_chan.c) ---- */
void *rt_concqueue_new(void);
void rt_concqueue_enqueue(void *q, void *x);
void *rt_concqueue_try_dequeue(void *q);
void *rt_concqueue_dequeue(void *q);
void *rt_concqueue_dequeue_timeout(void *q, int64_t ms);
void *rt_concqueue_peek(void *q);
void rt_concqueue_clear(void *q);
int64_t rt_concqueue_len(void *q);
bool rt_concqueue_is_empty(void *q);

/* ---- §2.9 ConcurrentMap (threads_chan.c) ---- */
void *rt_concmap_new(void);
void rt_concmap_set(void *m, rt_string k, void *v);
bool rt_concmap_set_if_missing(void *m, rt_string k, void *v);
void *rt_concmap_get(void *m, rt_string k);
void *rt_concmap_get_or(void *m, rt_string k, void *d);
bool rt_concmap_has(void *m, rt_string k);
bool rt_concmap_remove(void *m, rt_string k);
void rt_concmap_clear(void *m);
void *rt_concmap_keys(void *m);
void *rt_concmap_values(void *m);
int64_t rt_concmap_len(void *m);
bool rt_concmap_is_empty(void *m);

/* ---- §2.10 CancelToken (threads_misc.c) ---- */
void *rt_cancellation_new(void);
bool rt_cancellation_is_cancelled(void *t);
void rt_cancellation_cancel(void *t);
void rt_cancellation_reset(void *t);
void *rt_cancellation_linked(void *parent);
bool rt_cancellation_check(void *t);
void rt_cancellation_throw_if_cancelled(void *t);

/* ---- §2.11 Debouncer / Throttler (threads_misc.c) ---- */
void *rt_debounce_new(int64_t delay_ms);
void rt_debounce_signal(void *d);
bool rt_debounce_is_ready(void *d);
void rt_debounce_reset(void *d);
int64_t rt_debounce_get_delay(void *d);
int64_t rt_debounce_get_signal_count(void *d);
void *rt_throttle_new(int64_t interval_ms);
bool rt_throttle_try(void *t);
bool rt_throttle_can_proceed(void *t);
void rt_throttle_reset(void *t);
int64_t rt_throttle_get_interval(void *t);
int64_t rt_throttle_get_count(void *t);
int64_t rt_throttle_remaining_ms(void *t);

/* ---- §2.12 Scheduler (threads_misc.c) ---- */
void *rt_scheduler_new(void);
void rt_scheduler_schedule(void *s, rt_string name, int64_t delay_ms);
bool rt_scheduler_cancel(void *s, rt_string name);
bool rt_scheduler_is_due(void *s, rt_string name);
void *rt_scheduler_poll(void *s);
void rt_scheduler_clear(void *s);
int64_t rt_scheduler_pending(void *s);

/* ---- §2.13 Promise / Future (threads_async.c) ---- */
void *rt_promise_new(void);
void *rt_promise_get_future(void *p);
void rt_promise_set(void *p, void *v);
void rt_promise_set_error(void *p, rt_string msg);
bool rt_promise_is_done(void *p);
void *rt_future_get(void *f);
void *rt_future_get_for_val(void *f, int64_t ms);
void *rt_future_try_get_val(void *f);
void rt_future_wait(void *f);
bool rt_future_wait_for(void *f, int64_t ms);
bool rt_future_is_done(void *f);
bool rt_future_is_error(void *f);
rt_string rt_future_get_error(void *f);

/* ---- §2.14 Async (threads_async.c) ---- */
void *rt_async_run(void *cb, void *arg);
void *rt_async_delay(int64_t ms);
void *rt_async_all(void *futures);
void *rt_async_any(void *futures);
void *rt_async_map(void *future, void *mapper, void *arg);
void *rt_async_run_cancellable(void *cb, void *arg, void *token);

/* ---- §2.15 Pool / Parallel (threads_async.c) ---- */
void *rt_threadpool_new(int64_t n);
bool rt_threadpool_submit(void *p, void *cb, void *arg);
void rt_threadpool_wait(void *p);
bool rt_threadpool_wait_for(void *p, int64_t ms);
void rt_threadpool_shutdown(void *p);
void rt_threadpool_shutdown_now(void *p);
int64_t rt_threadpool_get_size(void *p);
int64_t rt_threadpool_get_pending(void *p);
int64_t rt_threadpool_get_active(void *p);
bool rt_threadpool_get_is_shutdown(void *p);
int64_t rt_parallel_default_workers(void);
void *rt_parallel_default_pool(void);

#endif
