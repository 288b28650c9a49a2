/*
 * threads_sync.c — Viper.Threads.Monitor, Gate, Barrier and RwLock (RUNTIME-SYSTEM §2.3–§2.6).
 *
 * Monitor: a process-wide table (under one lock) maps a key pointer value to a monitor created on
 * first use and never freed; the key object is not retained. A monitor is a re-entrant lock owned
 * by an OS thread (pthread_self) plus a wait list. Waiting threads are queued FIFO as nodes living
 * on their own stacks; ownership is handed over directly to the head of the acquire queue on the
 * final Exit (so a free monitor is never taken by a newcomer while others queue). Wait/WaitFor put
 * the caller on the wait list, remember its recursion depth and release the monitor completely;
 * Pause/PauseAll move the longest waiter(s) to the end of the acquire queue (marked notified), and
 * they get the monitor back with their depth once it is handed to them. No spurious returns; no
 * memory of a Pause without waiters. WaitFor's timeout moves the waiter itself to the acquire queue.
 * Gate: counting semaphore with a FIFO queue of waiters and direct hand-off of released permits;
 * no upper bound on permits. Barrier: generation counter; the n-th arrival releases the round.
 * RwLock: writer-preferring (readers wait while a writer holds the lock or any writer queues),
 * writers served FIFO by hand-off, write lock re-entrant for its owner thread, read locks a count.
 *
 * Invariants: each object's state is only touched under its mutex; no mutex is held across a trap
 * (every trap unlocks first). A negative timeout is treated as 0 (= try once). Objects of another
 * kind where one of these is required are treated like NULL (the documented null-object trap).
 */
#define _DEFAULT_SOURCE
#include "rt_threads_internal.h"

#include <stdlib.h>

/* ---- Monitor ------------------------------------------------------------------------------- */

enum { MN_WAITING, MN_QUEUED, MN_GRANTED };

typedef struct mon_node {
    struct mon_node *next;
    pthread_cond_t cv;
    pthread_t thread;
    int64_t depth; /* recursion depth restored when the monitor is handed over */
    int state;
    bool notified; /* woken by Pause/PauseAll (not by a timeout) */
} mon_node;

typedef struct rt_monitor {
    const void *key;
    pthread_mutex_t mu;
    bool owned;
    pthread_t owner;
    int64_t depth;
    mon_node *aq_head, *aq_tail; /* acquire queue */
    mon_node *wq_head, *wq_tail; /* wait list */
} rt_monitor;

static pthread_mutex_t mon_table_lock = PTHREAD_MUTEX_INITIALIZER;
static rt_monitor **mon_slots;
static size_t mon_cap, mon_count;

static size_t mon_hash(const void *k, size_t cap) {
    uint64_t h = (uint64_t)(uintptr_t)k;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 29;
    return (size_t)h & (cap - 1);
}

static rt_monitor *monitor_for(const void *key) {
    pthread_mutex_lock(&mon_table_lock);
    if (mon_count * 2 >= mon_cap) {
        size_t ncap = mon_cap ? mon_cap * 2 : 64;
        rt_monitor **ns = calloc(ncap, sizeof *ns);
        if (!ns) {
            pthread_mutex_unlock(&mon_table_lock);
            rt__trap("Monitor: memory allocation failed");
        }
        for (size_t i = 0; i < mon_cap; i++) {
            if (!mon_slots[i])
                continue;
            size_t j = mon_hash(mon_slots[i]->key, ncap);
            while (ns[j])
                j = (j + 1) & (ncap - 1);
            ns[j] = mon_slots[i];
        }
        free(mon_slots);
        mon_slots = ns;
        mon_cap = ncap;
    }
    size_t j = mon_hash(key, mon_cap);
    while (mon_slots[j] && mon_slots[j]->key != key)
        j = (j + 1) & (mon_cap - 1);
    rt_monitor *m = mon_slots[j];
    if (!m) {
        m = calloc(1, sizeof *m);
        if (!m) {
            pthread_mutex_unlock(&mon_table_lock);
            rt__trap("Monitor: memory allocation failed");
        }
        m->key = key;
        pthread_mutex_init(&m->mu, NULL);
        mon_slots[j] = m;
        mon_count++;
    }
    pthread_mutex_unlock(&mon_table_lock);
    return m;
}

static bool mon_is_owner(const rt_monitor *m) {
    return m->owned && pthread_equal(m->owner, pthread_self());
}

static void mon_append(mon_node **head, mon_node **tail, mon_node *n) {
    n->next = NULL;
    if (*tail)
        (*tail)->next = n;
    else
        *head = n;
    *tail = n;
}

static mon_node *mon_pop(mon_node **head, mon_node **tail) {
    mon_node *n = *head;
    if (n) {
        *head = n->next;
        if (!*head)
            *tail = NULL;
        n->next = NULL;
    }
    return n;
}

static void mon_unlink(mon_node **head, mon_node **tail, mon_node *n) {
    mon_node *prev = NULL;
    for (mon_node *c = *head; c; prev = c, c = c->next) {
        if (c != n)
            continue;
        if (prev)
            prev->next = c->next;
        else
            *head = c->next;
        if (*tail == c)
            *tail = prev;
        c->next = NULL;
        return;
    }
}

/* Final release (depth reached 0): hand the monitor to the longest queued thread, if any. */
static void mon_release(rt_monitor *m) {
    mon_node *n = mon_pop(&m->aq_head, &m->aq_tail);
    if (!n) {
        m->owned = false;
        m->depth = 0;
        return;
    }
    m->owner = n->thread;
    m->depth = n->depth;
    n->state = MN_GRANTED;
    pthread_cond_signal(&n->cv);
}

/* Wait (m->mu held) until node n, already in the acquire queue, is granted the monitor. */
static void mon_wait_granted(rt_monitor *m, mon_node *n) {
    while (n->state != MN_GRANTED)
        pthread_cond_wait(&n->cv, &m->mu);
}

/* Acquire with m->mu held. dl NULL: wait for ever; try_only: no waiting at all. */
static bool mon_acquire(rt_monitor *m, const struct timespec *dl, bool try_only) {
    if (mon_is_owner(m)) {
        m->depth++;
        return true;
    }
    if (!m->owned && !m->aq_head) {
        m->owned = true;
        m->owner = pthread_self();
        m->depth = 1;
        return true;
    }
    if (try_only)
        return false;
    mon_node n = {0};
    rt__thr_cond_init(&n.cv);
    n.thread = pthread_self();
    n.depth = 1;
    n.state = MN_QUEUED;
    mon_append(&m->aq_head, &m->aq_tail, &n);
    while (n.state != MN_GRANTED) {
        if (!dl) {
            pthread_cond_wait(&n.cv, &m->mu);
        } else if (!rt__thr_cond_wait_until(&n.cv, &m->mu, dl) && n.state != MN_GRANTED) {
            mon_unlink(&m->aq_head, &m->aq_tail, &n);
            pthread_cond_destroy(&n.cv);
            return false;
        }
    }
    pthread_cond_destroy(&n.cv);
    return true;
}

static rt_monitor *mon_need(void *o, const char *msg) {
    if (!o)
        rt__trap(msg);
    return monitor_for(o);
}

void rt_monitor_enter(void *o) {
    rt_monitor *m = mon_need(o, "Monitor.Enter: null object");
    pthread_mutex_lock(&m->mu);
    mon_acquire(m, NULL, false);
    pthread_mutex_unlock(&m->mu);
}

bool rt_monitor_try_enter(void *o) {
    rt_monitor *m = mon_need(o, "Monitor.Enter: null object");
    pthread_mutex_lock(&m->mu);
    bool ok = mon_acquire(m, NULL, true);
    pthread_mutex_unlock(&m->mu);
    return ok;
}

bool rt_monitor_try_enter_for(void *o, int64_t ms) {
    rt_monitor *m = mon_need(o, "Monitor.Enter: null object");
    struct timespec dl = rt__thr_deadline(ms);
    pthread_mutex_lock(&m->mu);
    bool ok = mon_acquire(m, &dl, ms <= 0);
    pthread_mutex_unlock(&m->mu);
    return ok;
}

void rt_monitor_exit(void *o) {
    rt_monitor *m = mon_need(o, "Monitor.Exit: null object");
    pthread_mutex_lock(&m->mu);
    if (!mon_is_owner(m)) {
        pthread_mutex_unlock(&m->mu);
        rt__trap("Monitor.Exit: not owner");
    }
    if (--m->depth == 0)
        mon_release(m);
    pthread_mutex_unlock(&m->mu);
}

/* Wait/WaitFor: returns whether the caller was woken by Pause/PauseAll. */
static bool mon_wait(void *o, const struct timespec *dl) {
    if (!o)
        rt__trap("Monitor.Wait: not owner");
    rt_monitor *m = monitor_for(o);
    pthread_mutex_lock(&m->mu);
    if (!mon_is_owner(m)) {
        pthread_mutex_unlock(&m->mu);
        rt__trap("Monitor.Wait: not owner");
    }
    mon_node n = {0};
    rt__thr_cond_init(&n.cv);
    n.thread = pthread_self();
    n.depth = m->depth;
    n.state = MN_WAITING;
    mon_append(&m->wq_head, &m->wq_tail, &n);
    mon_release(m);
    while (n.state != MN_GRANTED) {
        if (!dl || n.state != MN_WAITING) {
            pthread_cond_wait(&n.cv, &m->mu);
        } else if (!rt__thr_cond_wait_until(&n.cv, &m->mu, dl) && n.state == MN_WAITING) {
            /* timed out on the wait list: queue up to re-acquire */
            mon_unlink(&m->wq_head, &m->wq_tail, &n);
            if (!m->owned && !m->aq_head) {
                m->owned = true;
                m->owner = n.thread;
                m->depth = n.depth;
                n.state = MN_GRANTED;
            } else {
                n.state = MN_QUEUED;
                mon_append(&m->aq_head, &m->aq_tail, &n);
                mon_wait_granted(m, &n);
            }
        }
    }
    pthread_mutex_unlock(&m->mu);
    pthread_cond_destroy(&n.cv);
    return n.notified;
}

void rt_monitor_wait(void *o) { mon_wait(o, NULL); }

bool rt_monitor_wait_for(void *o, int64_t ms) {
    struct timespec dl = rt__thr_deadline(ms);
    return mon_wait(o, &dl);
}

static void mon_pause(void *o, bool all, const char *msg) {
    if (!o)
        rt__trap(msg);
    rt_monitor *m = monitor_for(o);
    pthread_mutex_lock(&m->mu);
    if (!mon_is_owner(m)) {
        pthread_mutex_unlock(&m->mu);
        rt__trap(msg);
    }
    mon_node *n;
    while ((n = mon_pop(&m->wq_head, &m->wq_tail)) != NULL) {
        n->notified = true;
        n->state = MN_QUEUED;
        mon_append(&m->aq_head, &m->aq_tail, n);
        if (!all)
            break;
    }
    pthread_mutex_unlock(&m->mu);
}

void rt_monitor_pause(void *o) { mon_pause(o, false, "Monitor.Pause: not owner"); }

void rt_monitor_pause_all(void *o) { mon_pause(o, true, "Monitor.PauseAll: not owner"); }

/* ---- Gate ---------------------------------------------------------------------------------- */

typedef struct gate_node {
    struct gate_node *next;
    pthread_cond_t cv;
    bool granted;
} gate_node;

typedef struct rt_gate {
    void *vptr; /* always NULL */
    pthread_mutex_t mu;
    int64_t permits;
    gate_node *head, *tail;
} rt_gate;

static void gate_finalize(void *p) { pthread_mutex_destroy(&((rt_gate *)p)->mu); }

static rt_gate *gate_need(void *p, const char *msg) {
    if (!rt__is_collection(p, gate_finalize))
        rt__trap(msg);
    return p;
}

void *rt_gate_new(int64_t permits) {
    if (permits < 0)
        rt__trap("Gate.New: permits cannot be negative");
    rt_gate *g = rt__collection_alloc(sizeof(rt_gate), gate_finalize);
    pthread_mutex_init(&g->mu, NULL);
    g->permits = permits;
    return g;
}

static bool gate_enter(rt_gate *g, const struct timespec *dl, bool try_only) {
    pthread_mutex_lock(&g->mu);
    if (g->permits > 0 && !g->head) {
        g->permits--;
        pthread_mutex_unlock(&g->mu);
        return true;
    }
    if (try_only) {
        pthread_mutex_unlock(&g->mu);
        return false;
    }
    gate_node n = {0};
    rt__thr_cond_init(&n.cv);
    if (g->tail)
        g->tail->next = &n;
    else
        g->head = &n;
    g->tail = &n;
    bool ok = true;
    while (!n.granted) {
        if (!dl) {
            pthread_cond_wait(&n.cv, &g->mu);
        } else if (!rt__thr_cond_wait_until(&n.cv, &g->mu, dl) && !n.granted) {
            gate_node *prev = NULL;
            for (gate_node *c = g->head; c != &n; prev = c, c = c->next) {
            }
            if (prev)
                prev->next = n.next;
            else
                g->head = n.next;
            if (g->tail == &n)
                g->tail = prev;
            ok = false;
            break;
        }
    }
    pthread_mutex_unlock(&g->mu);
    pthread_cond_destroy(&n.cv);
    return ok;
}

void rt_gate_enter(void *p) { gate_enter(gate_need(p, "Gate.Enter: null object"), NULL, false); }

bool rt_gate_try_enter(void *p) {
    return gate_enter(gate_need(p, "Gate.TryEnter: null object"), NULL, true);
}

bool rt_gate_try_enter_for(void *p, int64_t ms) {
    rt_gate *g = gate_need(p, "Gate.TryEnterFor: null object");
    struct timespec dl = rt__thr_deadline(ms);
    return gate_enter(g, &dl, ms <= 0);
}

void rt_gate_leave_many(void *p, int64_t k) {
    rt_gate *g = gate_need(p, "Gate.Leave: null object");
    if (k < 0)
        rt__trap("Gate.Leave: count cannot be negative");
    pthread_mutex_lock(&g->mu);
    g->permits = g->permits > INT64_MAX - k ? INT64_MAX : g->permits + k;
    while (g->permits > 0 && g->head) {
        gate_node *n = g->head;
        g->head = n->next;
        if (!g->head)
            g->tail = NULL;
        g->permits--;
        n->granted = true;
        pthread_cond_signal(&n->cv);
    }
    pthread_mutex_unlock(&g->mu);
}

void rt_gate_leave(void *p) { rt_gate_leave_many(p, 1); }

int64_t rt_gate_get_permits(void *p) {
    rt_gate *g = gate_need(p, "Gate.get_Permits: null object");
    pthread_mutex_lock(&g->mu);
    int64_t n = g->permits;
    pthread_mutex_unlock(&g->mu);
    return n;
}

/* ---- Barrier ------------------------------------------------------------------------------- */

typedef struct rt_barrier {
    void *vptr; /* always NULL */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int64_t parties, waiting;
    uint64_t generation;
} rt_barrier;

static void barrier_finalize(void *p) {
    rt_barrier *b = p;
    pthread_mutex_destroy(&b->mu);
    pthread_cond_destroy(&b->cv);
}

static rt_barrier *barrier_need(void *p, const char *msg) {
    if (!rt__is_collection(p, barrier_finalize))
        rt__trap(msg);
    return p;
}

void *rt_barrier_new(int64_t parties) {
    if (parties < 1)
        rt__trap("Barrier.New: parties must be >= 1");
    rt_barrier *b = rt__collection_alloc(sizeof(rt_barrier), barrier_finalize);
    pthread_mutex_init(&b->mu, NULL);
    pthread_cond_init(&b->cv, NULL);
    b->parties = parties;
    return b;
}

int64_t rt_barrier_arrive(void *p) {
    rt_barrier *b = barrier_need(p, "Barrier.Arrive: null object");
    pthread_mutex_lock(&b->mu);
    int64_t idx = b->waiting++;
    if (b->waiting >= b->parties) {
        b->waiting = 0;
        b->generation++;
        pthread_cond_broadcast(&b->cv);
    } else {
        uint64_t gen = b->generation;
        while (gen == b->generation)
            pthread_cond_wait(&b->cv, &b->mu);
    }
    pthread_mutex_unlock(&b->mu);
    return idx;
}

void rt_barrier_reset(void *p) {
    rt_barrier *b = barrier_need(p, "Barrier.Reset: null object");
    pthread_mutex_lock(&b->mu);
    if (b->waiting > 0) {
        pthread_mutex_unlock(&b->mu);
        rt__trap("Barrier.Reset: threads are waiting");
    }
    b->generation++;
    pthread_mutex_unlock(&b->mu);
}

int64_t rt_barrier_get_parties(void *p) {
    return barrier_need(p, "Barrier.get_Parties: null object")->parties;
}

int64_t rt_barrier_get_waiting(void *p) {
    rt_barrier *b = barrier_need(p, "Barrier.get_Waiting: null object");
    pthread_mutex_lock(&b->mu);
    int64_t n = b->waiting;
    pthread_mutex_unlock(&b->mu);
    return n;
}

/* ---- RwLock -------------------------------------------------------------------------------- */

typedef struct rw_node {
    struct rw_node *next;
    pthread_cond_t cv;
    pthread_t thread;
    bool granted;
} rw_node;

typedef struct rt_rwlock {
    void *vptr; /* always NULL */
    pthread_mutex_t mu;
    pthread_cond_t readers_cv; /* readers blocked by an active or queued writer */
    int64_t readers;
    bool writer;
    pthread_t owner;
    int64_t depth;
    rw_node *head, *tail; /* queued writers, FIFO */
} rt_rwlock;

static void rw_finalize(void *p) {
    rt_rwlock *l = p;
    pthread_mutex_destroy(&l->mu);
    pthread_cond_destroy(&l->readers_cv);
}

static rt_rwlock *rw_need(void *p, const char *msg) {
    if (!rt__is_collection(p, rw_finalize))
        rt__trap(msg);
    return p;
}

void *rt_rwlock_new(void) {
    rt_rwlock *l = rt__collection_alloc(sizeof(rt_rwlock), rw_finalize);
    pthread_mutex_init(&l->mu, NULL);
    pthread_cond_init(&l->readers_cv, NULL);
    return l;
}

/* Hand the write lock to the first queued writer (lock free, no readers), else wake readers. */
static void rw_hand_over(rt_rwlock *l) {
    rw_node *n = l->head;
    if (n && !l->writer && l->readers == 0) {
        l->head = n->next;
        if (!l->head)
            l->tail = NULL;
        l->writer = true;
        l->owner = n->thread;
        l->depth = 1;
        n->granted = true;
        pthread_cond_signal(&n->cv);
    } else if (!n && !l->writer) {
        pthread_cond_broadcast(&l->readers_cv);
    }
}

void rt_rwlock_read_enter(void *p) {
    rt_rwlock *l = rw_need(p, "RwLock.ReadEnter: null object");
    pthread_mutex_lock(&l->mu);
    while (l->writer || l->head)
        pthread_cond_wait(&l->readers_cv, &l->mu);
    l->readers++;
    pthread_mutex_unlock(&l->mu);
}

void rt_rwlock_read_exit(void *p) {
    rt_rwlock *l = rw_need(p, "RwLock.ReadExit: null object");
    pthread_mutex_lock(&l->mu);
    if (l->readers == 0) {
        pthread_mutex_unlock(&l->mu);
        rt__trap("RwLock.ReadExit: exit without matching enter");
    }
    if (--l->readers == 0)
        rw_hand_over(l);
    pthread_mutex_unlock(&l->mu);
}

static bool rw_is_owner(const rt_rwlock *l) {
    return l->writer && pthread_equal(l->owner, pthread_self());
}

void rt_rwlock_write_enter(void *p) {
    rt_rwlock *l = rw_need(p, "RwLock.WriteEnter: null object");
    pthread_mutex_lock(&l->mu);
    if (rw_is_owner(l)) {
        l->depth++;
    } else if (!l->writer && l->readers == 0 && !l->head) {
        l->writer = true;
        l->owner = pthread_self();
        l->depth = 1;
    } else {
        rw_node n = {0};
        rt__thr_cond_init(&n.cv);
        n.thread = pthread_self();
        if (l->tail)
            l->tail->next = &n;
        else
            l->head = &n;
        l->tail = &n;
        while (!n.granted)
            pthread_cond_wait(&n.cv, &l->mu);
        pthread_cond_destroy(&n.cv);
    }
    pthread_mutex_unlock(&l->mu);
}

void rt_rwlock_write_exit(void *p) {
    rt_rwlock *l = rw_need(p, "RwLock.WriteExit: null object");
    pthread_mutex_lock(&l->mu);
    if (!l->writer) {
        pthread_mutex_unlock(&l->mu);
        rt__trap("RwLock.WriteExit: exit without matching enter");
    }
    if (!pthread_equal(l->owner, pthread_self())) {
        pthread_mutex_unlock(&l->mu);
        rt__trap("RwLock.WriteExit: not owner");
    }
    if (--l->depth == 0) {
        l->writer = false;
        rw_hand_over(l);
    }
    pthread_mutex_unlock(&l->mu);
}

bool rt_rwlock_try_read_enter(void *p) {
    rt_rwlock *l = rw_need(p, "RwLock.TryReadEnter: null object");
    pthread_mutex_lock(&l->mu);
    bool ok = !l->writer && !l->head;
    if (ok)
        l->readers++;
    pthread_mutex_unlock(&l->mu);
    return ok;
}

bool rt_rwlock_try_write_enter(void *p) {
    rt_rwlock *l = rw_need(p, "RwLock.TryWriteEnter: null object");
    pthread_mutex_lock(&l->mu);
    bool ok = true;
    if (rw_is_owner(l)) {
        l->depth++;
    } else if (!l->writer && l->readers == 0 && !l->head) {
        l->writer = true;
        l->owner = pthread_self();
        l->depth = 1;
    } else {
        ok = false;
    }
    pthread_mutex_unlock(&l->mu);
    return ok;
}

int64_t rt_rwlock_get_readers(void *p) {
    rt_rwlock *l = rw_need(p, "RwLock.get_Readers: null object");
    pthread_mutex_lock(&l->mu);
    int64_t n = l->readers;
    pthread_mutex_unlock(&l->mu);
    return n;
}

bool rt_rwlock_get_is_write_locked(void *p) {
    rt_rwlock *l = rw_need(p, "RwLock.get_IsWriteLocked: null object");
    pthread_mutex_lock(&l->mu);
    bool w = l->writer;
    pthread_mutex_unlock(&l->mu);
    return w;
}
