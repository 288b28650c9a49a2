/* test_threads.c — Viper.Threads.Thread/StartSafe/SafeI64/Monitor/Gate/Barrier/RwLock
 * (RUNTIME-SYSTEM §2.1–§2.6), the trap path on threads and the thread safety of the shared runtime
 * state (reference counts, module variables). Channels, queues, maps, promises, async and pools
 * are in test_threads_data.c. Entry functions are C functions `void f(void *)`, exactly what IL
 * passes. Trap tests run in a forked child (CHECK_EXITS) while no other thread is active. */
#define _DEFAULT_SOURCE
#include "check.h"
#include "rt_objects_internal.h"
#include "rt_core_abi.h"
#include "rt_threads_abi.h"

#include <string.h>
#include <time.h>

static rt_string S(const char *s) { return rt_const_cstr(s); }

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool str_is(rt_string s, const char *want) {
    return s && s->len == strlen(want) && memcmp(s->data, want, s->len) == 0;
}

/* ---- entries ---- */

static void entry_noop(void *arg) { (void)arg; }

static void entry_sleep(void *arg) { rt_thread_sleep((int64_t)(intptr_t)arg); }

static void entry_add100(void *arg) {
    for (int i = 0; i < 100; i++)
        rt_safe_i64_add(arg, 1);
}

static void entry_trap(void *arg) { rt__trap(arg ? (const char *)arg : ""); }

static void entry_set_flag(void *arg) { rt_safe_i64_set(arg, 7); }

static void *self_thread; /* for entry_join_self */
static void entry_join_self(void *arg) {
    (void)arg;
    while (!__atomic_load_n(&self_thread, __ATOMIC_ACQUIRE))
        rt_thread_yield();
    rt_thread_join(self_thread);
}

/* ---- Thread ---- */

static void test_thread_basics(void) {
    void *cell = rt_safe_i64_new(0);
    void *t = rt_thread_start((void *)entry_set_flag, cell);
    CHECK(t != NULL);
    int64_t id1 = rt_thread_get_id(t);
    CHECK(id1 >= 1);
    rt_thread_join(t);
    CHECK_EQ_I64(rt_safe_i64_get(cell), 7);
    CHECK(!rt_thread_get_is_alive(t));
    void *t2 = rt_thread_start((void *)entry_noop, NULL);
    CHECK_EQ_I64(rt_thread_get_id(t2), id1 + 1); /* consecutive ids */
    rt_thread_join(t2);
    /* join twice traps */
    CHECK_EXITS(rt_thread_join(t2), 1, "Thread.Join: already joined");
    CHECK_EXITS(rt_thread_try_join(t2), 1, "Thread.Join: already joined");
    CHECK_EXITS(rt_thread_join_for(t2, 10), 1, "Thread.Join: already joined");
    CHECK_EXITS(rt_thread_join_for(t2, -1), 1, "Thread.Join: already joined");
    CHECK(rt_obj_release_check0(t) == 1);
    rt_obj_free(t);
    CHECK(rt_obj_release_check0(t2) == 1);
    rt_obj_free(t2);
    /* the object outlives the thread only through references: a detached finished thread whose
     * object is dropped early frees itself */
    void *t3 = rt_thread_start((void *)entry_sleep, (void *)(intptr_t)20);
    CHECK(rt_obj_release_check0(t3) == 0); /* the running thread still holds one */
    rt_thread_sleep(80);
    rt__obj_release_and_free(cell);
}

static void test_thread_tryjoin_joinfor(void) {
    void *t = rt_thread_start((void *)entry_sleep, (void *)(intptr_t)150);
    CHECK(rt_thread_get_is_alive(t));
    CHECK(!rt_thread_try_join(t));
    CHECK(!rt_thread_join_for(t, 0));
    int64_t t0 = now_ms();
    CHECK(!rt_thread_join_for(t, 30)); /* timeout: not joined */
    int64_t waited = now_ms() - t0;
    CHECK(waited >= 29);
    CHECK(rt_thread_join_for(t, 5000));
    CHECK(!rt_thread_get_is_alive(t));
    CHECK_EXITS(rt_thread_join(t), 1, "Thread.Join: already joined");
    void *u = rt_thread_start((void *)entry_noop, NULL);
    while (rt_thread_get_is_alive(u))
        rt_thread_sleep(1);
    CHECK(rt_thread_try_join(u));
    void *v = rt_thread_start((void *)entry_sleep, (void *)(intptr_t)10);
    CHECK(rt_thread_join_for(v, -5)); /* negative: like Join */
    rt__obj_release_and_free(t);
    rt__obj_release_and_free(u);
    rt__obj_release_and_free(v);
}

static void test_thread_null_traps(void) {
    CHECK_EXITS(rt_thread_start(NULL, NULL), 1, "Thread.Start: null entry");
    CHECK_EXITS(rt_thread_start_safe(NULL, NULL), 1, "Thread.StartSafe: null entry");
    CHECK_EXITS(rt_thread_join(NULL), 1, "Thread.Join: null thread");
    CHECK_EXITS(rt_thread_try_join(NULL), 1, "Thread.TryJoin: null thread");
    CHECK_EXITS(rt_thread_join_for(NULL, 1), 1, "Thread.JoinFor: null thread");
    CHECK_EXITS(rt_thread_get_id(NULL), 1, "Thread.get_Id: null thread");
    CHECK_EXITS(rt_thread_get_is_alive(NULL), 1, "Thread.get_IsAlive: null thread");
    CHECK_EXITS(rt_thread_safe_join(NULL), 1, "Thread.SafeJoin: null object");
    CHECK(!rt_thread_has_error(NULL));
    CHECK(str_is(rt_thread_get_error(NULL), ""));
    CHECK_EQ_I64(rt_thread_safe_get_id(NULL), 0);
    CHECK(!rt_thread_safe_is_alive(NULL));
    /* a non-thread object counts as NULL */
    void *cell = rt_safe_i64_new(1);
    CHECK_EXITS(rt_thread_join(cell), 1, "Thread.Join: null thread");
    rt__obj_release_and_free(cell);
}

static void test_thread_trap_ends_process(void) {
    /* a trap on a Thread.Start thread ends the whole process with status 1, stdout flushed */
    CHECK_EXITS(
        {
            void *t = rt_thread_start((void *)entry_trap, (void *)"boom");
            rt_thread_join(t);
            rt_thread_sleep(2000);
        },
        1, "DomainError (code=0): boom");
}

static void test_start_safe(void) {
    void *w = rt_thread_start_safe((void *)entry_trap, (void *)"boom");
    CHECK(w != NULL);
    int64_t id = rt_thread_safe_get_id(w);
    CHECK(id >= 1);
    rt_thread_safe_join(w);
    CHECK(rt_thread_has_error(w));
    rt_string e = rt_thread_get_error(w);
    CHECK(str_is(e, "boom"));
    rt_str_release_maybe(e);
    CHECK(!rt_thread_safe_is_alive(w));
    CHECK_EXITS(rt_thread_safe_join(w), 1, "Thread.Join: already joined");
    rt__obj_release_and_free(w);

    /* no trap: no error, empty Error */
    void *cell = rt_safe_i64_new(0);
    void *ok = rt_thread_start_safe((void *)entry_add100, cell);
    rt_thread_safe_join(ok);
    CHECK(!rt_thread_has_error(ok));
    CHECK(str_is(rt_thread_get_error(ok), ""));
    CHECK_EQ_I64(rt_safe_i64_get(cell), 100);
    rt__obj_release_and_free(ok);

    /* empty message → `Unknown trap`; long message truncated to 511 bytes */
    void *u = rt_thread_start_safe((void *)entry_trap, NULL);
    rt_thread_safe_join(u);
    CHECK(str_is(rt_thread_get_error(u), "Unknown trap"));
    rt__obj_release_and_free(u);
    static char longmsg[1000];
    memset(longmsg, 'x', sizeof longmsg - 1);
    void *l = rt_thread_start_safe((void *)entry_trap, longmsg);
    rt_thread_safe_join(l);
    rt_string le = rt_thread_get_error(l);
    CHECK_EQ_I64(le->len, 511);
    rt__obj_release_and_free(l);

    /* runtime traps of other functions are captured too: joining itself */
    void *js = rt_thread_start_safe((void *)entry_join_self, NULL);
    /* the inner thread object is what the entry sees via Join: emulate with the wrapper, which
     * Join accepts */
    __atomic_store_n(&self_thread, js, __ATOMIC_RELEASE);
    rt_thread_safe_join(js);
    CHECK(str_is(rt_thread_get_error(js), "Thread.Join: cannot join self"));
    rt__obj_release_and_free(js);

    /* the program goes on after a captured trap; many at once */
    void *ws[8];
    for (int i = 0; i < 8; i++)
        ws[i] = rt_thread_start_safe((void *)entry_trap, (void *)"many");
    for (int i = 0; i < 8; i++) {
        rt_thread_safe_join(ws[i]);
        CHECK(rt_thread_has_error(ws[i]));
        rt__obj_release_and_free(ws[i]);
    }
    rt__obj_release_and_free(cell);
}

static void test_sleep_yield(void) {
    int64_t t0 = now_ms();
    rt_thread_sleep(30);
    CHECK(now_ms() - t0 >= 29);
    t0 = now_ms();
    rt_thread_sleep(-100);
    rt_thread_sleep(0);
    rt_thread_yield();
    CHECK(now_ms() - t0 < 1000);
}

/* ---- SafeI64 ---- */

static void test_safe_i64(void) {
    void *c = rt_safe_i64_new(0);
    CHECK_EQ_I64(rt_safe_i64_get(c), 0);
    rt_safe_i64_set(c, 42);
    CHECK_EQ_I64(rt_safe_i64_get(c), 42);
    CHECK_EQ_I64(rt_safe_i64_add(c, 8), 50);
    CHECK_EQ_I64(rt_safe_i64_compare_exchange(c, 50, 100), 50);
    CHECK_EQ_I64(rt_safe_i64_get(c), 100);
    CHECK_EQ_I64(rt_safe_i64_compare_exchange(c, 1, 5), 100); /* mismatch: unchanged */
    CHECK_EQ_I64(rt_safe_i64_get(c), 100);
    rt_safe_i64_set(c, INT64_MAX);
    CHECK_EQ_I64(rt_safe_i64_add(c, 1), INT64_MIN); /* wraps */
    CHECK_EXITS(rt_safe_i64_get(NULL), 1, "SafeI64.Get: null object");
    CHECK_EXITS(rt_safe_i64_set(NULL, 1), 1, "SafeI64.Set: null object");
    CHECK_EXITS(rt_safe_i64_add(NULL, 1), 1, "SafeI64.Add: null object");
    CHECK_EXITS(rt_safe_i64_compare_exchange(NULL, 1, 2), 1,
                "SafeI64.CompareExchange: null object");
    rt_safe_i64_set(c, 0);
    void *ts[8];
    for (int i = 0; i < 8; i++)
        ts[i] = rt_thread_start((void *)entry_add100, c);
    for (int i = 0; i < 8; i++) {
        rt_thread_join(ts[i]);
        rt__obj_release_and_free(ts[i]);
    }
    CHECK_EQ_I64(rt_safe_i64_get(c), 800);
    rt__obj_release_and_free(c);
}

/* ---- Monitor ---- */

static int mon_key_obj;
static void *mon_key = &mon_key_obj;
static int64_t mon_shared;

static void entry_mon_try(void *arg) {
    /* another thread: TryEnter fails while main owns the monitor */
    rt_safe_i64_set(arg, rt_monitor_try_enter(mon_key) ? 1 : 2);
}

static void entry_mon_count(void *arg) {
    (void)arg;
    for (int i = 0; i < 200; i++) {
        rt_monitor_enter(mon_key);
        rt_monitor_enter(mon_key); /* re-entrant */
        mon_shared++;
        rt_monitor_exit(mon_key);
        rt_monitor_exit(mon_key);
    }
}

static int cond_key_obj;
static int64_t cond_ready;

static void entry_mon_waiter(void *arg) {
    rt_monitor_enter(&cond_key_obj);
    rt_monitor_enter(&cond_key_obj); /* depth 2 survives the wait */
    while (!cond_ready)
        rt_monitor_wait(&cond_key_obj);
    rt_monitor_exit(&cond_key_obj);
    rt_monitor_exit(&cond_key_obj); /* would trap if the depth was lost */
    rt_safe_i64_add(arg, 1);
}

static void entry_mon_exit_not_owner(void *arg) {
    (void)arg;
    rt_monitor_exit(mon_key);
}

static void test_monitor(void) {
    rt_monitor_enter(mon_key);
    CHECK(rt_monitor_try_enter(mon_key)); /* re-entry */
    rt_monitor_exit(mon_key);
    void *res = rt_safe_i64_new(0);
    void *t = rt_thread_start((void *)entry_mon_try, res);
    rt_thread_join(t);
    rt__obj_release_and_free(t);
    CHECK_EQ_I64(rt_safe_i64_get(res), 2);
    /* another thread's Exit → trap (captured by StartSafe) */
    void *w = rt_thread_start_safe((void *)entry_mon_exit_not_owner, NULL);
    rt_thread_safe_join(w);
    CHECK(str_is(rt_thread_get_error(w), "Monitor.Exit: not owner"));
    rt__obj_release_and_free(w);
    rt_monitor_exit(mon_key);
    t = rt_thread_start((void *)entry_mon_try, res);
    rt_thread_join(t);
    rt__obj_release_and_free(t);
    CHECK_EQ_I64(rt_safe_i64_get(res), 1); /* free now: that thread took it (and ended) */

    /* mutual exclusion */
    static int other_key;
    mon_key = &other_key;
    mon_shared = 0;
    void *ts[4];
    for (int i = 0; i < 4; i++)
        ts[i] = rt_thread_start((void *)entry_mon_count, NULL);
    for (int i = 0; i < 4; i++) {
        rt_thread_join(ts[i]);
        rt__obj_release_and_free(ts[i]);
    }
    CHECK_EQ_I64(mon_shared, 800);

    /* Wait / Pause / PauseAll */
    rt_safe_i64_set(res, 0);
    void *ws[3];
    for (int i = 0; i < 3; i++)
        ws[i] = rt_thread_start((void *)entry_mon_waiter, res);
    rt_thread_sleep(50);
    rt_monitor_enter(&cond_key_obj);
    rt_monitor_pause(&cond_key_obj); /* wakes one, but not ready: it waits again */
    rt_monitor_exit(&cond_key_obj);
    rt_thread_sleep(20);
    CHECK_EQ_I64(rt_safe_i64_get(res), 0);
    rt_monitor_enter(&cond_key_obj);
    cond_ready = 1;
    rt_monitor_pause_all(&cond_key_obj);
    rt_monitor_exit(&cond_key_obj);
    for (int i = 0; i < 3; i++) {
        rt_thread_join(ws[i]);
        rt__obj_release_and_free(ws[i]);
    }
    CHECK_EQ_I64(rt_safe_i64_get(res), 3);

    /* WaitFor timeout, Pause without waiters (no memory) */
    static int k2;
    rt_monitor_enter(&k2);
    rt_monitor_pause(&k2);
    int64_t t0 = now_ms();
    CHECK(!rt_monitor_wait_for(&k2, 30));
    CHECK(now_ms() - t0 >= 29);
    CHECK(!rt_monitor_wait_for(&k2, -1));
    CHECK(rt_monitor_try_enter(&k2)); /* still owned after WaitFor */
    rt_monitor_exit(&k2);
    rt_monitor_exit(&k2);
    CHECK(rt_monitor_try_enter_for(&k2, 10));
    rt_monitor_exit(&k2);

    /* traps */
    static int k3;
    CHECK_EXITS(rt_monitor_enter(NULL), 1, "Monitor.Enter: null object");
    CHECK_EXITS(rt_monitor_try_enter(NULL), 1, "Monitor.Enter: null object");
    CHECK_EXITS(rt_monitor_try_enter_for(NULL, 1), 1, "Monitor.Enter: null object");
    CHECK_EXITS(rt_monitor_exit(NULL), 1, "Monitor.Exit: null object");
    CHECK_EXITS(rt_monitor_exit(&k3), 1, "Monitor.Exit: not owner");
    CHECK_EXITS(rt_monitor_wait(&k3), 1, "Monitor.Wait: not owner");
    CHECK_EXITS(rt_monitor_wait(NULL), 1, "Monitor.Wait: not owner");
    CHECK_EXITS(rt_monitor_wait_for(&k3, 5), 1, "Monitor.Wait: not owner");
    CHECK_EXITS(rt_monitor_pause(&k3), 1, "Monitor.Pause: not owner");
    CHECK_EXITS(rt_monitor_pause(NULL), 1, "Monitor.Pause: not owner");
    CHECK_EXITS(rt_monitor_pause_all(&k3), 1, "Monitor.PauseAll: not owner");
    rt__obj_release_and_free(res);
}

static void entry_mon_hold(void *arg) {
    rt_monitor_enter(arg);
    rt_thread_sleep(100);
    rt_monitor_exit(arg);
}

static void test_monitor_timeout(void) {
    static int k;
    void *t = rt_thread_start((void *)entry_mon_hold, &k);
    rt_thread_sleep(30);
    CHECK(!rt_monitor_try_enter(&k));
    CHECK(!rt_monitor_try_enter_for(&k, 10));
    CHECK(rt_monitor_try_enter_for(&k, 5000)); /* handed over when the holder exits */
    rt_monitor_exit(&k);
    rt_thread_join(t);
    rt__obj_release_and_free(t);
}

/* ---- Gate ---- */

static void entry_gate_enter(void *arg) {
    rt_gate_enter(arg);
}

static void test_gate(void) {
    void *g = rt_gate_new(3);
    CHECK_EQ_I64(rt_gate_get_permits(g), 3);
    CHECK(rt_gate_try_enter(g));
    CHECK_EQ_I64(rt_gate_get_permits(g), 2);
    rt_gate_leave(g);
    CHECK_EQ_I64(rt_gate_get_permits(g), 3);
    rt_gate_leave_many(g, 2); /* no upper bound */
    CHECK_EQ_I64(rt_gate_get_permits(g), 5);
    rt_gate_leave_many(g, 0);
    CHECK_EQ_I64(rt_gate_get_permits(g), 5);
    for (int i = 0; i < 5; i++)
        rt_gate_enter(g);
    CHECK(!rt_gate_try_enter(g));
    int64_t t0 = now_ms();
    CHECK(!rt_gate_try_enter_for(g, 30));
    CHECK(now_ms() - t0 >= 29);
    CHECK(!rt_gate_try_enter_for(g, -3));
    /* a blocked Enter is served by a Leave */
    void *t = rt_thread_start((void *)entry_gate_enter, g);
    rt_thread_sleep(30);
    CHECK(rt_thread_get_is_alive(t));
    rt_gate_leave(g);
    CHECK(rt_thread_join_for(t, 5000));
    CHECK_EQ_I64(rt_gate_get_permits(g), 0); /* handed to the waiter */
    rt__obj_release_and_free(t);
    void *zero = rt_gate_new(0);
    CHECK_EQ_I64(rt_gate_get_permits(zero), 0);
    CHECK_EXITS(rt_gate_new(-1), 1, "Gate.New: permits cannot be negative");
    CHECK_EXITS(rt_gate_leave_many(g, -1), 1, "Gate.Leave: count cannot be negative");
    CHECK_EXITS(rt_gate_enter(NULL), 1, "Gate.Enter: null object");
    CHECK_EXITS(rt_gate_try_enter(NULL), 1, "Gate.TryEnter: null object");
    CHECK_EXITS(rt_gate_try_enter_for(NULL, 1), 1, "Gate.TryEnterFor: null object");
    CHECK_EXITS(rt_gate_leave(NULL), 1, "Gate.Leave: null object");
    CHECK_EXITS(rt_gate_leave_many(NULL, 2), 1, "Gate.Leave: null object");
    CHECK_EXITS(rt_gate_get_permits(NULL), 1, "Gate.get_Permits: null object");
    rt__obj_release_and_free(g);
    rt__obj_release_and_free(zero);
}

/* ---- Barrier ---- */

static void *bar;
static int64_t bar_seen[3];

static void entry_barrier(void *arg) {
    int64_t idx = rt_barrier_arrive(bar);
    __atomic_fetch_or(&bar_seen[0], (int64_t)1 << idx, __ATOMIC_SEQ_CST);
    (void)arg;
    rt_barrier_arrive(bar); /* second round */
}

static void test_barrier(void) {
    bar = rt_barrier_new(3);
    CHECK_EQ_I64(rt_barrier_get_parties(bar), 3);
    CHECK_EQ_I64(rt_barrier_get_waiting(bar), 0);
    void *ts[3];
    ts[0] = rt_thread_start((void *)entry_barrier, NULL);
    ts[1] = rt_thread_start((void *)entry_barrier, NULL);
    rt_thread_sleep(30);
    CHECK_EQ_I64(rt_barrier_get_waiting(bar), 2);
    CHECK(rt_thread_get_is_alive(ts[0]));
    CHECK_EXITS(rt_barrier_reset(bar), 1, "Barrier.Reset: threads are waiting");
    ts[2] = rt_thread_start((void *)entry_barrier, NULL);
    for (int i = 0; i < 3; i++) {
        CHECK(rt_thread_join_for(ts[i], 5000));
        rt__obj_release_and_free(ts[i]);
    }
    CHECK_EQ_I64(bar_seen[0], 7); /* indices 0, 1, 2 */
    CHECK_EQ_I64(rt_barrier_get_waiting(bar), 0);
    rt_barrier_reset(bar);
    void *one = rt_barrier_new(1);
    CHECK_EQ_I64(rt_barrier_arrive(one), 0);
    CHECK_EQ_I64(rt_barrier_arrive(one), 0);
    CHECK_EXITS(rt_barrier_new(0), 1, "Barrier.New: parties must be >= 1");
    CHECK_EXITS(rt_barrier_arrive(NULL), 1, "Barrier.Arrive: null object");
    CHECK_EXITS(rt_barrier_reset(NULL), 1, "Barrier.Reset: null object");
    CHECK_EXITS(rt_barrier_get_parties(NULL), 1, "Barrier.get_Parties: null object");
    CHECK_EXITS(rt_barrier_get_waiting(NULL), 1, "Barrier.get_Waiting: null object");
    rt__obj_release_and_free(bar);
    rt__obj_release_and_free(one);
}

/* ---- RwLock ---- */

static void entry_rw_write(void *arg) {
    rt_rwlock_write_enter(arg);
    rt_thread_sleep(20);
    rt_rwlock_write_exit(arg);
}

static void entry_rw_write_exit(void *arg) { rt_rwlock_write_exit(arg); }

static void *rw_l;
static int64_t rw_data[2];
static void entry_rw_mix(void *arg) {
    int64_t me = (int64_t)(intptr_t)arg;
    for (int i = 0; i < 200; i++) {
        if ((i + me) % 4 == 0) {
            rt_rwlock_write_enter(rw_l);
            rw_data[0]++;
            rw_data[1]++;
            rt_rwlock_write_exit(rw_l);
        } else {
            rt_rwlock_read_enter(rw_l);
            if (rw_data[0] != rw_data[1])
                __atomic_store_n(&rw_data[0], -1000000, __ATOMIC_SEQ_CST);
            rt_rwlock_read_exit(rw_l);
        }
    }
}

static void test_rwlock(void) {
    void *l = rt_rwlock_new();
    CHECK_EQ_I64(rt_rwlock_get_readers(l), 0);
    CHECK(!rt_rwlock_get_is_write_locked(l));
    CHECK(rt_rwlock_try_read_enter(l));
    CHECK_EQ_I64(rt_rwlock_get_readers(l), 1);
    rt_rwlock_read_enter(l);
    CHECK_EQ_I64(rt_rwlock_get_readers(l), 2);
    CHECK(!rt_rwlock_try_write_enter(l)); /* readers active */
    rt_rwlock_read_exit(l);
    rt_rwlock_read_exit(l);
    CHECK(rt_rwlock_try_write_enter(l));
    CHECK(rt_rwlock_get_is_write_locked(l));
    CHECK(rt_rwlock_try_write_enter(l)); /* re-entrant for the owner */
    rt_rwlock_write_enter(l);
    CHECK(!rt_rwlock_try_read_enter(l));
    /* another thread may not release it */
    void *w = rt_thread_start_safe((void *)entry_rw_write_exit, l);
    rt_thread_safe_join(w);
    CHECK(str_is(rt_thread_get_error(w), "RwLock.WriteExit: not owner"));
    rt__obj_release_and_free(w);
    rt_rwlock_write_exit(l);
    rt_rwlock_write_exit(l);
    CHECK(rt_rwlock_get_is_write_locked(l));
    rt_rwlock_write_exit(l);
    CHECK(!rt_rwlock_get_is_write_locked(l));
    CHECK_EXITS(rt_rwlock_write_exit(l), 1, "RwLock.WriteExit: exit without matching enter");
    CHECK_EXITS(rt_rwlock_read_exit(l), 1, "RwLock.ReadExit: exit without matching enter");

    /* writer preference: a queued writer blocks new readers */
    rt_rwlock_read_enter(l);
    void *t = rt_thread_start((void *)entry_rw_write, l);
    rt_thread_sleep(30);
    CHECK(!rt_rwlock_get_is_write_locked(l));
    CHECK(!rt_rwlock_try_read_enter(l)); /* writer queued */
    rt_rwlock_read_exit(l);               /* hands over to the writer */
    CHECK(rt_thread_join_for(t, 5000));
    rt__obj_release_and_free(t);
    CHECK(rt_rwlock_try_read_enter(l));
    rt_rwlock_read_exit(l);

    /* consistency under contention */
    rw_l = l;
    void *ts[4];
    for (int i = 0; i < 4; i++)
        ts[i] = rt_thread_start((void *)entry_rw_mix, (void *)(intptr_t)i);
    for (int i = 0; i < 4; i++) {
        rt_thread_join(ts[i]);
        rt__obj_release_and_free(ts[i]);
    }
    CHECK_EQ_I64(rw_data[0], 200);
    CHECK_EQ_I64(rw_data[1], 200);
    CHECK_EXITS(rt_rwlock_read_enter(NULL), 1, "RwLock.ReadEnter: null object");
    CHECK_EXITS(rt_rwlock_read_exit(NULL), 1, "RwLock.ReadExit: null object");
    CHECK_EXITS(rt_rwlock_write_enter(NULL), 1, "RwLock.WriteEnter: null object");
    CHECK_EXITS(rt_rwlock_write_exit(NULL), 1, "RwLock.WriteExit: null object");
    CHECK_EXITS(rt_rwlock_try_read_enter(NULL), 1, "RwLock.TryReadEnter: null object");
    CHECK_EXITS(rt_rwlock_try_write_enter(NULL), 1, "RwLock.TryWriteEnter: null object");
    CHECK_EXITS(rt_rwlock_get_readers(NULL), 1, "RwLock.get_Readers: null object");
    CHECK_EXITS(rt_rwlock_get_is_write_locked(NULL), 1, "RwLock.get_IsWriteLocked: null object");
    rt__obj_release_and_free(l);
}

/* ---- shared runtime state ---- */

static void *shared_obj;
static rt_string shared_str;
static void entry_refcount(void *arg) {
    (void)arg;
    for (int i = 0; i < 20000; i++) {
        rt_obj_retain_maybe(shared_obj);
        rt_str_retain_maybe(shared_str);
        rt_obj_release_check0(shared_obj);
        rt_str_release_maybe(shared_str);
    }
}

static char mv_names[64][16];
static void *mv_cells[4][64];
static void entry_modvar(void *arg) {
    int me = (int)(intptr_t)arg;
    for (int i = 0; i < 64; i++) {
        rt_string n = rt__str_from_cstr(mv_names[i]);
        mv_cells[me][i] = rt_modvar_addr_i64(n);
        rt_str_release_maybe(n);
    }
}

static void test_shared_state(void) {
    shared_obj = rt_safe_i64_new(0);
    shared_str = rt__str_from_cstr("shared");
    void *ts[4];
    for (int i = 0; i < 4; i++)
        ts[i] = rt_thread_start((void *)entry_refcount, NULL);
    for (int i = 0; i < 4; i++) {
        rt_thread_join(ts[i]);
        rt__obj_release_and_free(ts[i]);
    }
    CHECK_EQ_I64(rt__heap_hdr(shared_obj)->refcnt, 1);
    CHECK_EQ_I64(shared_str->refs, 1);
    rt__obj_release_and_free(shared_obj);
    rt_str_release_maybe(shared_str);

    for (int i = 0; i < 64; i++)
        snprintf(mv_names[i], sizeof mv_names[i], "MV%d", i);
    for (int i = 0; i < 4; i++)
        ts[i] = rt_thread_start((void *)entry_modvar, (void *)(intptr_t)i);
    for (int i = 0; i < 4; i++) {
        rt_thread_join(ts[i]);
        rt__obj_release_and_free(ts[i]);
    }
    bool same = true;
    for (int i = 0; i < 64; i++)
        for (int j = 1; j < 4; j++)
            same = same && mv_cells[j][i] == mv_cells[0][i];
    CHECK(same);

    /* f64 module variables: own name space, +0.0 initially, stable address */
    double *f = rt_modvar_addr_f64(S("MV1"));
    CHECK(f != NULL && *f == 0.0 && (void *)f != mv_cells[0][1]);
    *f = 2.5;
    CHECK(*(double *)rt_modvar_addr_f64(S("MV1")) == 2.5);
    CHECK(rt_modvar_addr_f64(rt__str_from_cstr("MV1")) == f);
    CHECK_EXITS(rt_modvar_addr_f64(NULL), 1, "rt_string_cstr: null string");
}

static void entry_say(void *arg) {
    rt_string line = arg;
    for (int i = 0; i < 100; i++) {
        rt_term_say(line);
        rt_print_i64(i);
        rt_str_release_maybe(rt__str_from_cstr("temp")); /* allocation churn on threads */
    }
}

static void test_console_threads(void) {
    /* several threads printing at once (stdout sent to /dev/null for the duration) */
    fflush(stdout);
    int saved = dup(1);
    FILE *null = fopen("/dev/null", "w");
    if (saved < 0 || !null) {
        CHECK(false);
        return;
    }
    dup2(fileno(null), 1);
    rt_string line = rt__str_from_cstr("a line from a thread");
    void *ts[4];
    for (int i = 0; i < 4; i++)
        ts[i] = rt_thread_start((void *)entry_say, line);
    for (int i = 0; i < 4; i++) {
        rt_thread_join(ts[i]);
        rt__obj_release_and_free(ts[i]);
    }
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    fclose(null);
    CHECK_EQ_I64(line->refs, 1);
    rt_str_release_maybe(line);
}

void run_tests(void) {
    test_thread_null_traps();
    test_thread_trap_ends_process();
    test_thread_basics();
    test_thread_tryjoin_joinfor();
    test_start_safe();
    test_sleep_yield();
    test_safe_i64();
    test_monitor();
    test_monitor_timeout();
    test_gate();
    test_barrier();
    test_rwlock();
    test_shared_state();
    test_console_threads();
}
