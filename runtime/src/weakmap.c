/*
 * weakmap.c — Viper.Collections.WeakMap (Appendix A): a string-keyed map whose entries may be
 * dropped once nothing but the map refers to their value.
 *
 * This runtime has no tracing collector, so a value cannot vanish behind the map's back: the map
 * holds one reference to each value (so Get never returns a dangling pointer) and Compact() is the
 * point where weakness shows — it removes every entry whose value is NULL or is an object whose
 * only remaining reference is the map's own (the value is then freed) and returns how many entries
 * it removed. String values (which have no observable lifetime) are never compacted away.
 * Everything else behaves as Map: keys are copied (text up to the first NUL, NULL key traps
 * `rt_string_cstr: null string`), Set replaces and releases, Get is borrowed (NULL when missing),
 * Keys() is a new Seq of the keys in insertion order. NULL handles read as empty.
 */
#include "rt_codec_internal.h"
#include "rt_strmap.h"

#include <stdlib.h>
#include <string.h>

typedef struct rt_weakmap {
    void *vptr; /* always NULL */
    rt_strmap tab;
} rt_weakmap;

static void weakmap_release_all(rt_weakmap *m) {
    for (int64_t i = 0; i < m->tab.len; i++) {
        void *v = m->tab.entries[i].val;
        m->tab.entries[i].val = NULL;
        rt__obj_release_and_free(v);
    }
}

static void weakmap_finalize(void *p) {
    rt_weakmap *m = p;
    weakmap_release_all(m);
    rt__strmap_free(&m->tab);
}

static rt_weakmap *as_weakmap(void *p) {
    return rt__is_collection(p, weakmap_finalize) ? p : NULL;
}

static rt_strmap_entry *weakmap_lookup(rt_weakmap *m, rt_string k) {
    const char *key = rt__key_cstr(k);
    return rt__strmap_find(&m->tab, key, strlen(key));
}

void *rt_weakmap_new(void) { return rt__collection_alloc(sizeof(rt_weakmap), weakmap_finalize); }

int64_t rt_weakmap_len(void *p) {
    rt_weakmap *m = as_weakmap(p);
    return m ? m->tab.len : 0;
}

bool rt_weakmap_is_empty(void *p) { return rt_weakmap_len(p) == 0; }

void rt_weakmap_set(void *p, rt_string k, void *v) {
    rt_weakmap *m = as_weakmap(p);
    if (!m)
        return;
    const char *key = rt__key_cstr(k);
    bool created;
    rt_obj_retain_maybe(v);
    rt_strmap_entry *e = rt__strmap_upsert(&m->tab, key, strlen(key), &created);
    void *old = e->val;
    e->val = v;
    if (!created)
        rt__obj_release_and_free(old);
}

void *rt_weakmap_get(void *p, rt_string k) {
    rt_weakmap *m = as_weakmap(p);
    rt_strmap_entry *e = m ? weakmap_lookup(m, k) : NULL;
    return e ? e->val : NULL;
}

bool rt_weakmap_has(void *p, rt_string k) {
    rt_weakmap *m = as_weakmap(p);
    return m && weakmap_lookup(m, k) != NULL;
}

bool rt_weakmap_remove(void *p, rt_string k) {
    rt_weakmap *m = as_weakmap(p);
    if (!m)
        return false;
    const char *key = rt__key_cstr(k);
    void *old = NULL;
    if (!rt__strmap_remove(&m->tab, key, strlen(key), &old))
        return false;
    rt__obj_release_and_free(old);
    return true;
}

void rt_weakmap_clear(void *p) {
    rt_weakmap *m = as_weakmap(p);
    if (!m)
        return;
    weakmap_release_all(m);
    rt__strmap_clear(&m->tab);
}

void *rt_weakmap_keys(void *p) {
    rt_weakmap *m = as_weakmap(p);
    void *seq = rt_seq_new();
    for (int64_t i = 0; m && i < m->tab.len; i++)
        rt__seq_push_owned(seq, rt__str_new(m->tab.entries[i].key, m->tab.entries[i].klen));
    return seq;
}

/* True if nothing but the map holds v. */
static bool weakmap_dead(void *v) {
    return !v || (!rt__is_string(v) && rt__heap_hdr(v)->refcnt <= 1);
}

int64_t rt_weakmap_compact(void *p) {
    rt_weakmap *m = as_weakmap(p);
    int64_t removed = 0;
    for (int64_t i = 0; m && i < m->tab.len;) {
        rt_strmap_entry *e = &m->tab.entries[i];
        if (!weakmap_dead(e->val)) {
            i++;
            continue;
        }
        void *old = NULL;
        char *key = e->key; /* remove by a copy of the key: removal reorders entries */
        size_t klen = e->klen;
        char small[64];
        char *copy = klen < sizeof small ? small : rt__xmalloc(klen + 1);
        memcpy(copy, key, klen);
        rt__strmap_remove(&m->tab, copy, klen, &old);
        if (copy != small)
            free(copy);
        rt__obj_release_and_free(old);
        removed++;
    }
    return removed;
}
