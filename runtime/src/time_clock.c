/*
 * time_clock.c — Viper.Time.Clock / SleepMs / GetTickCount (RUNTIME-SYSTEM.md §3.1), Stopwatch
 * (§3.7) and Countdown (§3.8).
 *
 * Clocks: CLOCK_MONOTONIC (falling back to CLOCK_REALTIME if it is unavailable); only differences
 * are meaningful. Sleep(ms): negative → 0, clamped to 2^31−1 ms, nanosleep resumed after signals.
 * Stopwatch: an accumulating nanosecond timer; Countdown: the same in milliseconds plus an
 * interval. Both are runtime objects (class id 0, refcount 1, plain data, no finaliser work); the
 * reference does not check for NULL (it crashes) — this runtime traps `Stopwatch: null object` /
 * `Countdown: null object` instead (§3.0 allows it; no corpus program passes NULL).
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, localtime_r, setenv, popen, flockfile */
#include "rt_objects_internal.h"
#include "rt_system_abi.h"

#include <errno.h>
#include <time.h>

/* ---- clocks ---------------------------------------------------------------------------------- */

static int64_t mono_ns(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + (int64_t)ts.tv_nsec;
}

static int64_t mono_ms(void) {
    return mono_ns() / 1000000LL;
}

void rt_clock_sleep(int64_t ms) {
    if (ms < 0)
        ms = 0;
    if (ms > INT32_MAX)
        ms = INT32_MAX;
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

int64_t rt_clock_ticks(void) {
    return mono_ms();
}

int64_t rt_clock_ticks_us(void) {
    return mono_ns() / 1000LL;
}

/* ---- Stopwatch ------------------------------------------------------------------------------- */

typedef struct rt_stopwatch {
    void *vptr;       /* always NULL (collection convention) */
    int64_t acc_ns;   /* accumulated time of finished intervals */
    int64_t start_ns; /* start of the running interval */
    bool running;
} rt_stopwatch;

static void stopwatch_fin(void *p) { (void)p; }

static rt_stopwatch *as_sw(void *p) {
    if (!rt__is_collection(p, stopwatch_fin))
        rt__trap("Stopwatch: null object");
    return p;
}

void *rt_stopwatch_new(void) {
    return rt__collection_alloc(sizeof(rt_stopwatch), stopwatch_fin);
}

void rt_stopwatch_start(void *p) {
    rt_stopwatch *sw = as_sw(p);
    if (sw->running)
        return;
    sw->start_ns = mono_ns();
    sw->running = true;
}

void *rt_stopwatch_start_new(void) {
    void *sw = rt_stopwatch_new();
    rt_stopwatch_start(sw);
    return sw;
}

void rt_stopwatch_stop(void *p) {
    rt_stopwatch *sw = as_sw(p);
    if (!sw->running)
        return;
    sw->acc_ns += mono_ns() - sw->start_ns;
    sw->running = false;
}

void rt_stopwatch_reset(void *p) {
    rt_stopwatch *sw = as_sw(p);
    sw->acc_ns = 0;
    sw->running = false;
}

void rt_stopwatch_restart(void *p) {
    rt_stopwatch *sw = as_sw(p);
    sw->acc_ns = 0;
    sw->start_ns = mono_ns();
    sw->running = true;
}

int64_t rt_stopwatch_elapsed_ns(void *p) {
    rt_stopwatch *sw = as_sw(p);
    int64_t t = sw->acc_ns;
    if (sw->running)
        t += mono_ns() - sw->start_ns;
    return t;
}

int64_t rt_stopwatch_elapsed_us(void *p) {
    return rt_stopwatch_elapsed_ns(p) / 1000LL;
}

int64_t rt_stopwatch_elapsed_ms(void *p) {
    return rt_stopwatch_elapsed_ns(p) / 1000000LL;
}

bool rt_stopwatch_is_running(void *p) {
    return as_sw(p)->running;
}

/* ---- Countdown ------------------------------------------------------------------------------- */

typedef struct rt_countdown {
    void *vptr;       /* always NULL */
    int64_t interval; /* ms, >= 0 */
    int64_t acc_ms;   /* accumulated ms of finished intervals */
    int64_t start_ms; /* start of the running interval */
    bool running;
} rt_countdown;

static void countdown_fin(void *p) { (void)p; }

static rt_countdown *as_cd(void *p) {
    if (!rt__is_collection(p, countdown_fin))
        rt__trap("Countdown: null object");
    return p;
}

void *rt_countdown_new(int64_t ms) {
    rt_countdown *c = rt__collection_alloc(sizeof(rt_countdown), countdown_fin);
    c->interval = ms < 0 ? 0 : ms;
    return c;
}

void rt_countdown_start(void *p) {
    rt_countdown *c = as_cd(p);
    if (c->running)
        return;
    c->start_ms = mono_ms();
    c->running = true;
}

void rt_countdown_stop(void *p) {
    rt_countdown *c = as_cd(p);
    if (!c->running)
        return;
    c->acc_ms += mono_ms() - c->start_ms;
    c->running = false;
}

void rt_countdown_reset(void *p) {
    rt_countdown *c = as_cd(p);
    c->acc_ms = 0;
    c->running = false;
}

int64_t rt_countdown_elapsed(void *p) {
    rt_countdown *c = as_cd(p);
    int64_t t = c->acc_ms;
    if (c->running)
        t += mono_ms() - c->start_ms;
    return t;
}

int64_t rt_countdown_remaining(void *p) {
    rt_countdown *c = as_cd(p);
    int64_t r = c->interval - rt_countdown_elapsed(p);
    return r < 0 ? 0 : r;
}

bool rt_countdown_expired(void *p) {
    rt_countdown *c = as_cd(p);
    return rt_countdown_elapsed(p) >= c->interval;
}

int64_t rt_countdown_interval(void *p) {
    return as_cd(p)->interval;
}

void rt_countdown_set_interval(void *p, int64_t ms) {
    as_cd(p)->interval = ms < 0 ? 0 : ms;
}

bool rt_countdown_is_running(void *p) {
    return as_cd(p)->running;
}

void rt_countdown_wait(void *p) {
    rt_countdown *c = as_cd(p);
    if (!c->running)
        rt_countdown_start(p);
    int64_t r = rt_countdown_remaining(p);
    if (r > 0)
        rt_clock_sleep(r);
}
