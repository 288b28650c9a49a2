/*
 * rt_threads_internal.h — helpers shared by the threads_*.c files (RUNTIME-SYSTEM §2): monotonic
 * deadlines, condition variables on CLOCK_MONOTONIC, the process-wide thread-id counter and the
 * spawning of runtime-internal threads (Async, Pool workers).
 *
 * Conventions: every lock of this namespace is a plain pthread mutex that is never held across a
 * trap (each function unlocks before calling rt__trap, so a Thread.StartSafe capture that longjmps
 * out of the entry function leaves no runtime lock held). Timeouts are in ms; negative → 0.
 */
#ifndef VIPER_RT_THREADS_INTERNAL_H
#define VIPER_RT_THREADS_INTERNAL_H

#include "rt_objects_internal.h"
#include "rt_threads_abi.h"

#include <pthread.h>
#include <time.h>

/* Monotonic milliseconds (CLOCK_MONOTONIC). */
int64_t rt__thr_now_ms(void);
/* Absolute CLOCK_MONOTONIC time `ms` (clamped to >= 0) from now. */
struct timespec rt__thr_deadline(int64_t ms);
/* Initialise c so that timed waits use CLOCK_MONOTONIC (traps `<what>: alloc failed` on error). */
void rt__thr_cond_init(pthread_cond_t *c);
/* pthread_cond_timedwait until the absolute deadline; false once the deadline has passed. */
bool rt__thr_cond_wait_until(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *dl);
/* True if the absolute monotonic deadline has passed. */
bool rt__thr_deadline_passed(const struct timespec *dl);
/* Next thread id: 1, 2, 3, … for every thread the runtime starts (atomic). */
int64_t rt__thr_next_id(void);
/* Start a runtime thread running fn(arg) (consumes a thread id, marks the process multi-threaded,
 * installs the per-thread trap context). detached: no join needed; otherwise *out receives the
 * handle to pthread_join. False if the OS thread could not be created. */
bool rt__thr_spawn(void (*fn)(void *), void *arg, bool detached, pthread_t *out);

#endif
