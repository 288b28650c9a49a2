/*
 * msgbus.c — Viper.Core.MessageBus (RUNTIME-EXTENDED §15): a topic -> subscriptions registry.
 *
 * The ABI exposes only New, SubscriberCount, get_TotalSubscriptions, Topics, ClearTopic and Clear
 * (no subscribe/publish entry point); the registry itself is complete, and the internal
 * rt__msgbus_subscribe (rt_chtab_internal.h) adds subscriptions for runtime code and tests.
 * Representation as the reference: 32 topic buckets (fixed), bucket = FNV-1a 64 of the topic
 * text % 32, a new topic record pushed on the front of its bucket; each record keeps its
 * subscriptions (id + callback, ids from 1 upwards per bus) in subscription order.
 * Topics() = new Seq (capacity word 16) of the names of topics with at least one subscriber, in
 * bucket order (newest topic first in a bucket), retaining the bus's name strings.
 * ClearTopic drops one topic's subscriptions (callbacks released with the object protocol) but
 * keeps the record; Clear drops all subscriptions. NULL bus or NULL topic: 0 / empty Seq / no-op.
 */
#include "rt_chtab_internal.h"

#include <stdlib.h>
#include <string.h>

#define MSGBUS_BUCKETS 32

typedef struct mb_sub {
    int64_t id;
    void *callback; /* owned */
} mb_sub;

typedef struct mb_topic {
    struct mb_topic *next;
    rt_string name; /* owned copy */
    mb_sub *subs;
    int64_t nsubs, cap;
} mb_topic;

typedef struct rt_msgbus {
    void *vptr; /* always NULL */
    mb_topic *buckets[MSGBUS_BUCKETS];
    int64_t next_id;
    int64_t total;
} rt_msgbus;

static void topic_clear(rt_msgbus *b, mb_topic *t) {
    int64_t n = t->nsubs;
    mb_sub *subs = t->subs;
    t->subs = NULL;
    t->nsubs = t->cap = 0;
    b->total -= n;
    for (int64_t i = 0; i < n; i++)
        rt__obj_release_and_free(subs[i].callback);
    free(subs);
}

static void mb_finalize(void *p) {
    rt_msgbus *b = p;
    for (int i = 0; i < MSGBUS_BUCKETS; i++) {
        mb_topic *t = b->buckets[i];
        b->buckets[i] = NULL;
        while (t) {
            mb_topic *next = t->next;
            topic_clear(b, t);
            rt_str_release_maybe(t->name);
            free(t);
            t = next;
        }
    }
}

static rt_msgbus *as_mb(void *p) { return rt__is_collection(p, mb_finalize) ? p : NULL; }

void *rt_msgbus_new(void) {
    rt_msgbus *b = rt__collection_alloc(sizeof(rt_msgbus), mb_finalize);
    b->next_id = 1;
    return b;
}

static unsigned bucket_of(const char *name) {
    return (unsigned)(rt__fnv1a(name, strlen(name)) % MSGBUS_BUCKETS);
}

static mb_topic *find_topic(rt_msgbus *b, rt_string topic) {
    if (!b || !topic)
        return NULL;
    const char *name = rt__str_bytes(topic);
    for (mb_topic *t = b->buckets[bucket_of(name)]; t; t = t->next)
        if (strcmp(rt__str_bytes(t->name), name) == 0)
            return t;
    return NULL;
}

int64_t rt__msgbus_subscribe(void *p, rt_string topic, void *callback) {
    rt_msgbus *b = as_mb(p);
    if (!b || !topic)
        return 0;
    mb_topic *t = find_topic(b, topic);
    if (!t) {
        const char *name = rt__str_bytes(topic);
        unsigned k = bucket_of(name);
        t = rt__xmalloc(sizeof *t);
        memset(t, 0, sizeof *t);
        t->name = rt__str_from_cstr(name);
        t->next = b->buckets[k];
        b->buckets[k] = t;
    }
    if (t->nsubs == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 4;
        t->subs = rt__xrealloc(t->subs, (size_t)t->cap * sizeof(mb_sub));
    }
    rt_obj_retain_maybe(callback);
    int64_t id = b->next_id++;
    t->subs[t->nsubs++] = (mb_sub){id, callback};
    b->total++;
    return id;
}

int64_t rt_msgbus_subscriber_count(void *p, rt_string topic) {
    mb_topic *t = find_topic(as_mb(p), topic);
    return t ? t->nsubs : 0;
}

int64_t rt_msgbus_total_subscriptions(void *p) {
    rt_msgbus *b = as_mb(p);
    return b ? b->total : 0;
}

void *rt_msgbus_topics(void *p) {
    rt_msgbus *b = as_mb(p);
    void *seq = rt__seq_cap16();
    for (int i = 0; b && i < MSGBUS_BUCKETS; i++)
        for (mb_topic *t = b->buckets[i]; t; t = t->next)
            if (t->nsubs > 0)
                rt_seq_push(seq, t->name);
    return seq;
}

void rt_msgbus_clear_topic(void *p, rt_string topic) {
    rt_msgbus *b = as_mb(p);
    mb_topic *t = find_topic(b, topic);
    if (t)
        topic_clear(b, t);
}

void rt_msgbus_clear(void *p) {
    rt_msgbus *b = as_mb(p);
    for (int i = 0; b && i < MSGBUS_BUCKETS; i++)
        for (mb_topic *t = b->buckets[i]; t; t = t->next)
            topic_clear(b, t);
}
