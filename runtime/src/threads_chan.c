/*
 * threads_chan.c — Viper.Threads.Channel, ConcurrentQueue and ConcurrentMap (RUNTIME-SYSTEM
 * §2.7–§2.9). Every object is internally locked (one mutex each, never held across a trap).
 *
 * Channel: a ring of object pointers (grown on demand up to the capacity, 0..1000000 after
 * clamping). Buffered (cap > 0): a send waits while len == cap. Unbuffered (cap == 0, rendezvous):
 * a sender may deposit an item only while fewer items are deposited than receivers are waiting
 * (len < recv_waiting), so a send completes only when a receiver waits. Sending retains the item
 * (NULL allowed, not retained); receiving transfers that reference to the receiver (+1). Close wakes
 * everybody: blocked senders trap `Channel.Send: send on closed channel`, receivers of an empty
 * closed channel get NULL; buffered items stay receivable. SendFor/RecvFor wait up to one deadline.
 * ConcurrentQueue: unbounded ring, FIFO; Enqueue retains; TryDequeue/Dequeue/DequeueTimeout transfer
 * the queue's reference (+1); Peek is borrowed.
 * ConcurrentMap: chained hash table reproducing the reference's observable Keys/Values order:
 * bucket = FNV-1a-64(key bytes) mod cap, cap 16 doubling when count*4 > cap*3 after an insertion,
 * new entries pushed at the front of their bucket, rehash walks each old chain in order pushing onto
 * the front of the new bucket. Keys are private copies (bytes up to the first NUL, read through
 * rt_string_cstr, so a NULL key traps `rt_string_cstr: null string`); values are retained on insert.
 * Ownership quirk reproduced: items dropped by ConcurrentQueue.Clear, replaced/removed/cleared map
 * values and the items left in a freed container are released by decrement only (not freed), as the
 * reference does. Get/GetOr/Peek results are borrowed.
 * NULL receivers give the neutral result (0, NULL, IsClosed/IsEmpty 1) except the traps of
 * Channel.Send/Recv (`nil channel`). Objects of another kind are treated like NULL.
 */
#define _DEFAULT_SOURCE
#include "rt_threads_internal.h"

#include <stdlib.h>
#include <string.h>

/* Drop a container's reference without freeing (reference behaviour). */
static void drop_ref(void *x) { (void)rt_obj_release_check0(x); }

/* ---- a growable ring of pointers ------------------------------------------------------------ */

typedef struct ring {
    void **buf;
    int64_t head, len, cap;
} ring;

static bool ring_push(ring *r, void *x) {
    if (r->len == r->cap) {
        int64_t ncap = r->cap ? r->cap * 2 : 8;
        void **nb = malloc((size_t)ncap * sizeof *nb);
        if (!nb)
            return false;
        for (int64_t i = 0; i < r->len; i++)
            nb[i] = r->buf[(r->head + i) % r->cap];
        free(r->buf);
        r->buf = nb;
        r->head = 0;
        r->cap = ncap;
    }
    r->buf[(r->head + r->len) % r->cap] = x;
    r->len++;
    return true;
}

static void *ring_pop(ring *r) {
    void *x = r->buf[r->head];
    r->head = (r->head + 1) % r->cap;
    r->len--;
    return x;
}

static void ring_drop_all(ring *r) {
    while (r->len > 0)
        drop_ref(ring_pop(r));
    r->head = 0;
}

/* ---- Channel ------------------------------------------------------------------------------- */

#define RT_CHANNEL_MAX_CAP 1000000

typedef struct rt_chan {
    void *vptr; /* always NULL */
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
    int64_t cap; /* 0 = unbuffered */
    ring items;
    bool closed;
    int64_t recv_waiting; /* receivers blocked in Recv/RecvFor */
} rt_chan;

static void chan_finalize(void *p) {
    rt_chan *c = p;
    ring_drop_all(&c->items);
    free(c->items.buf);
    c->items.buf = NULL;
    pthread_mutex_destroy(&c->mu);
    pthread_cond_destroy(&c->not_empty);
    pthread_cond_destroy(&c->not_full);
}

static rt_chan *as_chan(void *p) { return rt__is_collection(p, chan_finalize) ? p : NULL; }

void *rt_channel_new(int64_t cap) {
    if (cap < 0)
        cap = 0;
    if (cap > RT_CHANNEL_MAX_CAP)
        cap = RT_CHANNEL_MAX_CAP;
    rt_chan *c = rt__collection_alloc(sizeof(rt_chan), chan_finalize);
    pthread_mutex_init(&c->mu, NULL);
    rt__thr_cond_init(&c->not_empty);
    rt__thr_cond_init(&c->not_full);
    c->cap = cap;
    return c;
}

static bool chan_has_space(const rt_chan *c) {
    return c->cap > 0 ? c->items.len < c->cap : c->items.len < c->recv_waiting;
}

/* Store x (mu held, space available): retains it and wakes a receiver. */
static void chan_put(rt_chan *c, void *x) {
    if (!ring_push(&c->items, x)) {
        pthread_mutex_unlock(&c->mu);
        rt__trap("Channel: memory allocation failed");
    }
    rt_obj_retain_maybe(x);
    pthread_cond_signal(&c->not_empty);
}

/* Send waiting until the deadline (NULL = for ever, try_only = not at all). Returns whether the
 * item was stored; a closed channel traps when `trap_closed`, else gives false. */
static bool chan_send(rt_chan *c, void *x, const struct timespec *dl, bool try_only,
                      bool trap_closed) {
    pthread_mutex_lock(&c->mu);
    for (;;) {
        if (c->closed) {
            pthread_mutex_unlock(&c->mu);
            if (trap_closed)
                rt__trap("Channel.Send: send on closed channel");
            return false;
        }
        if (chan_has_space(c))
            break;
        if (try_only) {
            pthread_mutex_unlock(&c->mu);
            return false;
        }
        if (!dl) {
            pthread_cond_wait(&c->not_full, &c->mu);
        } else if (!rt__thr_cond_wait_until(&c->not_full, &c->mu, dl)) {
            bool ok = !c->closed && chan_has_space(c);
            if (!ok) {
                pthread_mutex_unlock(&c->mu);
                return false;
            }
        }
    }
    chan_put(c, x);
    pthread_mutex_unlock(&c->mu);
    return true;
}

void rt_channel_send(void *ch, void *x) {
    rt_chan *c = as_chan(ch);
    if (!c)
        rt__trap("Channel.Send: nil channel");
    chan_send(c, x, NULL, false, true);
}

bool rt_channel_try_send(void *ch, void *x) {
    rt_chan *c = as_chan(ch);
    return c ? chan_send(c, x, NULL, true, false) : false;
}

bool rt_channel_send_for(void *ch, void *x, int64_t ms) {
    rt_chan *c = as_chan(ch);
    if (!c)
        return false;
    if (ms <= 0)
        return chan_send(c, x, NULL, true, false);
    struct timespec dl = rt__thr_deadline(ms);
    return chan_send(c, x, &dl, false, false);
}

/* Receive: *got tells whether an item (stored in *item, +1) was taken. */
static void chan_recv(rt_chan *c, const struct timespec *dl, bool try_only, void **item,
                      bool *got) {
    pthread_mutex_lock(&c->mu);
    if (c->items.len == 0 && !c->closed && !try_only) {
        c->recv_waiting++;
        pthread_cond_broadcast(&c->not_full); /* an unbuffered sender may now deposit */
        while (c->items.len == 0 && !c->closed) {
            if (!dl)
                pthread_cond_wait(&c->not_empty, &c->mu);
            else if (!rt__thr_cond_wait_until(&c->not_empty, &c->mu, dl))
                break;
        }
        c->recv_waiting--;
    }
    *got = c->items.len > 0;
    *item = *got ? ring_pop(&c->items) : NULL;
    if (*got)
        pthread_cond_signal(&c->not_full);
    if (c->closed)
        pthread_cond_broadcast(&c->not_empty);
    pthread_mutex_unlock(&c->mu);
}

void *rt_channel_recv(void *ch) {
    rt_chan *c = as_chan(ch);
    if (!c)
        rt__trap("Channel.Recv: nil channel");
    void *item;
    bool got;
    chan_recv(c, NULL, false, &item, &got);
    return item;
}

static bool chan_recv_into(void *ch, void *out, const struct timespec *dl, bool try_only) {
    rt_chan *c = as_chan(ch);
    if (!c)
        return false;
    void *item;
    bool got;
    chan_recv(c, dl, try_only, &item, &got);
    if (!got)
        return false;
    if (out)
        *(void **)out = item;
    else
        drop_ref(item);
    return true;
}

bool rt_channel_try_recv(void *ch, void *out) { return chan_recv_into(ch, out, NULL, true); }

bool rt_channel_recv_for(void *ch, void *out, int64_t ms) {
    if (ms <= 0)
        return chan_recv_into(ch, out, NULL, true);
    struct timespec dl = rt__thr_deadline(ms);
    return chan_recv_into(ch, out, &dl, false);
}

void rt_channel_close(void *ch) {
    rt_chan *c = as_chan(ch);
    if (!c)
        return;
    pthread_mutex_lock(&c->mu);
    c->closed = true;
    pthread_cond_broadcast(&c->not_empty);
    pthread_cond_broadcast(&c->not_full);
    pthread_mutex_unlock(&c->mu);
}

int64_t rt_channel_get_len(void *ch) {
    rt_chan *c = as_chan(ch);
    if (!c)
        return 0;
    pthread_mutex_lock(&c->mu);
    int64_t n = c->items.len;
    pthread_mutex_unlock(&c->mu);
    return n;
}

int64_t rt_channel_get_cap(void *ch) {
    rt_chan *c = as_chan(ch);
    return c ? c->cap : 0;
}

bool rt_channel_get_is_closed(void *ch) {
    rt_chan *c = as_chan(ch);
    if (!c)
        return true;
    pthread_mutex_lock(&c->mu);
    bool closed = c->closed;
    pthread_mutex_unlock(&c->mu);
    return closed;
}

bool rt_channel_get_is_empty(void *ch) { return as_chan(ch) ? rt_channel_get_len(ch) == 0 : true; }

bool rt_channel_get_is_full(void *ch) {
    rt_chan *c = as_chan(ch);
    if (!c)
        return false;
    if (c->cap == 0)
        return true;
    return rt_channel_get_len(ch) >= c->cap;
}

/* ---- ConcurrentQueue ----------------------------------------------------------------------- */

typedef struct rt_cqueue {
    void *vptr; /* always NULL */
    pthread_mutex_t mu;
    pthread_cond_t not_empty;
    ring items;
} rt_cqueue;

static void cq_finalize(void *p) {
    rt_cqueue *q = p;
    ring_drop_all(&q->items);
    free(q->items.buf);
    q->items.buf = NULL;
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->not_empty);
}

static rt_cqueue *as_cq(void *p) { return rt__is_collection(p, cq_finalize) ? p : NULL; }

void *rt_concqueue_new(void) {
    rt_cqueue *q = rt__collection_alloc(sizeof(rt_cqueue), cq_finalize);
    pthread_mutex_init(&q->mu, NULL);
    rt__thr_cond_init(&q->not_empty);
    return q;
}

void rt_concqueue_enqueue(void *p, void *x) {
    rt_cqueue *q = as_cq(p);
    if (!q)
        return;
    pthread_mutex_lock(&q->mu);
    if (!ring_push(&q->items, x)) {
        pthread_mutex_unlock(&q->mu);
        rt__trap("ConcurrentQueue: memory allocation failed");
    }
    rt_obj_retain_maybe(x);
    pthread_cond_signal(&q->not_empty);
    pthread_mutex_unlock(&q->mu);
}

/* Dequeue waiting until dl (NULL = for ever, try_only = not at all); NULL when nothing came. */
static void *cq_dequeue(rt_cqueue *q, const struct timespec *dl, bool try_only) {
    pthread_mutex_lock(&q->mu);
    while (q->items.len == 0 && !try_only) {
        if (!dl)
            pthread_cond_wait(&q->not_empty, &q->mu);
        else if (!rt__thr_cond_wait_until(&q->not_empty, &q->mu, dl))
            break;
    }
    void *x = q->items.len > 0 ? ring_pop(&q->items) : NULL;
    pthread_mutex_unlock(&q->mu);
    return x;
}

void *rt_concqueue_try_dequeue(void *p) {
    rt_cqueue *q = as_cq(p);
    return q ? cq_dequeue(q, NULL, true) : NULL;
}

void *rt_concqueue_dequeue(void *p) {
    rt_cqueue *q = as_cq(p);
    return q ? cq_dequeue(q, NULL, false) : NULL;
}

void *rt_concqueue_dequeue_timeout(void *p, int64_t ms) {
    rt_cqueue *q = as_cq(p);
    if (!q)
        return NULL;
    if (ms <= 0)
        return cq_dequeue(q, NULL, true);
    struct timespec dl = rt__thr_deadline(ms);
    return cq_dequeue(q, &dl, false);
}

void *rt_concqueue_peek(void *p) {
    rt_cqueue *q = as_cq(p);
    if (!q)
        return NULL;
    pthread_mutex_lock(&q->mu);
    void *x = q->items.len > 0 ? q->items.buf[q->items.head] : NULL;
    pthread_mutex_unlock(&q->mu);
    return x;
}

void rt_concqueue_clear(void *p) {
    rt_cqueue *q = as_cq(p);
    if (!q)
        return;
    pthread_mutex_lock(&q->mu);
    ring_drop_all(&q->items);
    pthread_mutex_unlock(&q->mu);
}

int64_t rt_concqueue_len(void *p) {
    rt_cqueue *q = as_cq(p);
    if (!q)
        return 0;
    pthread_mutex_lock(&q->mu);
    int64_t n = q->items.len;
    pthread_mutex_unlock(&q->mu);
    return n;
}

bool rt_concqueue_is_empty(void *p) { return rt_concqueue_len(p) == 0; }

/* ---- ConcurrentMap ------------------------------------------------------------------------- */

typedef struct cm_entry {
    struct cm_entry *next;
    uint64_t hash;
    size_t klen;
    void *val;
    char key[]; /* NUL-terminated copy */
} cm_entry;

typedef struct rt_cmap {
    void *vptr; /* always NULL */
    pthread_mutex_t mu;
    cm_entry **buckets;
    size_t cap, count;
} rt_cmap;

static void cm_drop_all(rt_cmap *m) {
    for (size_t i = 0; i < m->cap; i++) {
        cm_entry *e = m->buckets[i];
        while (e) {
            cm_entry *next = e->next;
            drop_ref(e->val);
            free(e);
            e = next;
        }
        m->buckets[i] = NULL;
    }
    m->count = 0;
}

static void cm_finalize(void *p) {
    rt_cmap *m = p;
    cm_drop_all(m);
    free(m->buckets);
    m->buckets = NULL;
    pthread_mutex_destroy(&m->mu);
}

static rt_cmap *as_cm(void *p) { return rt__is_collection(p, cm_finalize) ? p : NULL; }

void *rt_concmap_new(void) {
    rt_cmap *m = rt__collection_alloc(sizeof(rt_cmap), cm_finalize);
    pthread_mutex_init(&m->mu, NULL);
    m->cap = 16;
    m->buckets = calloc(m->cap, sizeof *m->buckets);
    if (!m->buckets)
        rt__trap("ConcurrentMap.New: alloc failed");
    return m;
}

/* Entry for key (mu held) and, in *link, the pointer that points to it. */
static cm_entry *cm_find(rt_cmap *m, const char *k, size_t klen, uint64_t h, cm_entry ***link) {
    cm_entry **l = &m->buckets[h % m->cap];
    for (; *l; l = &(*l)->next) {
        cm_entry *e = *l;
        if (e->hash == h && e->klen == klen && memcmp(e->key, k, klen) == 0) {
            if (link)
                *link = l;
            return e;
        }
    }
    return NULL;
}

static void cm_grow(rt_cmap *m) {
    size_t ncap = m->cap * 2;
    cm_entry **nb = calloc(ncap, sizeof *nb);
    if (!nb)
        return; /* keep the old table: still correct, just slower */
    for (size_t i = 0; i < m->cap; i++) {
        cm_entry *e = m->buckets[i];
        while (e) {
            cm_entry *next = e->next;
            size_t b = e->hash % ncap;
            e->next = nb[b];
            nb[b] = e;
            e = next;
        }
    }
    free(m->buckets);
    m->buckets = nb;
    m->cap = ncap;
}

/* Insert or (when `replace`) replace; returns whether the key was absent. mu is taken here. */
static bool cm_put(rt_cmap *m, rt_string key, void *v, bool replace) {
    const char *k = rt_string_cstr(key);
    size_t klen = strlen(k);
    uint64_t h = rt__fnv1a(k, klen);
    pthread_mutex_lock(&m->mu);
    cm_entry *e = cm_find(m, k, klen, h, NULL);
    if (e) {
        if (replace) {
            void *old = e->val;
            rt_obj_retain_maybe(v);
            e->val = v;
            drop_ref(old);
        }
        pthread_mutex_unlock(&m->mu);
        return false;
    }
    e = malloc(sizeof *e + klen + 1);
    if (!e) {
        pthread_mutex_unlock(&m->mu);
        rt__trap("ConcurrentMap: memory allocation failed");
    }
    memcpy(e->key, k, klen + 1);
    e->klen = klen;
    e->hash = h;
    rt_obj_retain_maybe(v);
    e->val = v;
    size_t b = h % m->cap;
    e->next = m->buckets[b];
    m->buckets[b] = e;
    m->count++;
    if (m->count * 4 > m->cap * 3)
        cm_grow(m);
    pthread_mutex_unlock(&m->mu);
    return true;
}

void rt_concmap_set(void *p, rt_string k, void *v) {
    rt_cmap *m = as_cm(p);
    if (m)
        cm_put(m, k, v, true);
}

bool rt_concmap_set_if_missing(void *p, rt_string k, void *v) {
    rt_cmap *m = as_cm(p);
    return m ? cm_put(m, k, v, false) : false;
}

/* Lookup: *found tells whether the key exists; returns its value (borrowed). */
static void *cm_lookup(rt_cmap *m, rt_string key, bool *found) {
    const char *k = rt_string_cstr(key);
    size_t klen = strlen(k);
    uint64_t h = rt__fnv1a(k, klen);
    pthread_mutex_lock(&m->mu);
    cm_entry *e = cm_find(m, k, klen, h, NULL);
    void *v = e ? e->val : NULL;
    pthread_mutex_unlock(&m->mu);
    *found = e != NULL;
    return v;
}

void *rt_concmap_get(void *p, rt_string k) {
    rt_cmap *m = as_cm(p);
    bool found;
    return m ? cm_lookup(m, k, &found) : NULL;
}

void *rt_concmap_get_or(void *p, rt_string k, void *d) {
    rt_cmap *m = as_cm(p);
    if (!m)
        return d;
    bool found;
    void *v = cm_lookup(m, k, &found);
    return found ? v : d;
}

bool rt_concmap_has(void *p, rt_string k) {
    rt_cmap *m = as_cm(p);
    if (!m)
        return false;
    bool found;
    cm_lookup(m, k, &found);
    return found;
}

bool rt_concmap_remove(void *p, rt_string key) {
    rt_cmap *m = as_cm(p);
    if (!m)
        return false;
    const char *k = rt_string_cstr(key);
    size_t klen = strlen(k);
    uint64_t h = rt__fnv1a(k, klen);
    pthread_mutex_lock(&m->mu);
    cm_entry **link;
    cm_entry *e = cm_find(m, k, klen, h, &link);
    if (e) {
        *link = e->next;
        m->count--;
    }
    pthread_mutex_unlock(&m->mu);
    if (!e)
        return false;
    drop_ref(e->val);
    free(e);
    return true;
}

void rt_concmap_clear(void *p) {
    rt_cmap *m = as_cm(p);
    if (!m)
        return;
    pthread_mutex_lock(&m->mu);
    cm_drop_all(m);
    pthread_mutex_unlock(&m->mu);
}

/* Keys (as new strings) or values, in bucket order. */
static void *cm_collect(void *p, bool keys) {
    void *seq = rt_seq_new();
    rt_cmap *m = as_cm(p);
    if (!m)
        return seq;
    pthread_mutex_lock(&m->mu);
    for (size_t i = 0; i < m->cap; i++) {
        for (cm_entry *e = m->buckets[i]; e; e = e->next) {
            if (keys)
                rt__seq_push_owned(seq, rt__str_new(e->key, e->klen));
            else
                rt_seq_push(seq, e->val);
        }
    }
    pthread_mutex_unlock(&m->mu);
    return seq;
}

void *rt_concmap_keys(void *p) { return cm_collect(p, true); }

void *rt_concmap_values(void *p) { return cm_collect(p, false); }

int64_t rt_concmap_len(void *p) {
    rt_cmap *m = as_cm(p);
    if (!m)
        return 0;
    pthread_mutex_lock(&m->mu);
    int64_t n = (int64_t)m->count;
    pthread_mutex_unlock(&m->mu);
    return n;
}

bool rt_concmap_is_empty(void *p) { return rt_concmap_len(p) == 0; }
