/*
 * defaultmap.c — Viper.Collections.DefaultMap (RUNTIME-ABI §1.7, Appendix A): a string-keyed map
 * that answers a default value for missing keys.
 *
 * New retains the default. Set retains the new value; a replaced value is only decremented (never
 * freed, as the reference does). Get returns the stored value or the default, borrowed. Remove and
 * Clear release values with the object protocol; the finaliser releases values and the default.
 * Set with a NULL map or NULL key does nothing; other functions read a NULL key as missing.
 */
#include "rt_strmap.h"

#include <string.h>

typedef struct rt_defaultmap {
    void *vptr; /* always NULL */
    void *dflt;
    rt_strmap tab;
} rt_defaultmap;

static void dm_release_values(rt_defaultmap *m) {
    for (int64_t i = 0; i < m->tab.len; i++) {
        void *v = m->tab.entries[i].val;
        m->tab.entries[i].val = NULL;
        rt__obj_release_and_free(v);
    }
}

static void dm_finalize(void *p) {
    rt_defaultmap *m = p;
    dm_release_values(m);
    rt__strmap_free(&m->tab);
    void *d = m->dflt;
    m->dflt = NULL;
    rt__obj_release_and_free(d);
}

static rt_defaultmap *as_dm(void *p) { return rt__is_collection(p, dm_finalize) ? p : NULL; }

static rt_strmap_entry *find(rt_defaultmap *m, rt_string k) {
    if (!m || !k)
        return NULL;
    const char *key = rt__str_bytes(k);
    return rt__strmap_find(&m->tab, key, strlen(key));
}

void *rt_defaultmap_new(void *dflt) {
    rt_defaultmap *m = rt__collection_alloc(sizeof(rt_defaultmap), dm_finalize);
    rt_obj_retain_maybe(dflt);
    m->dflt = dflt;
    return m;
}

void rt_defaultmap_set(void *p, rt_string k, void *v) {
    rt_defaultmap *m = as_dm(p);
    if (!m || !k)
        return;
    const char *key = rt__str_bytes(k);
    bool created;
    rt_strmap_entry *e = rt__strmap_upsert(&m->tab, key, strlen(key), &created);
    rt_obj_retain_maybe(v);
    void *old = e->val;
    e->val = v;
    if (!created)
        (void)rt_obj_release_check0(old); /* decremented, never freed */
}

void *rt_defaultmap_get(void *p, rt_string k) {
    rt_defaultmap *m = as_dm(p);
    if (!m)
        return NULL;
    rt_strmap_entry *e = find(m, k);
    return e ? e->val : m->dflt;
}

void *rt_defaultmap_get_default(void *p) {
    rt_defaultmap *m = as_dm(p);
    return m ? m->dflt : NULL;
}

bool rt_defaultmap_has(void *p, rt_string k) { return find(as_dm(p), k) != NULL; }

int64_t rt_defaultmap_len(void *p) {
    rt_defaultmap *m = as_dm(p);
    return m ? m->tab.len : 0;
}

int64_t rt_defaultmap_remove(void *p, rt_string k) {
    rt_defaultmap *m = as_dm(p);
    if (!m || !k)
        return 0;
    const char *key = rt__str_bytes(k);
    void *old;
    if (!rt__strmap_remove(&m->tab, key, strlen(key), &old))
        return 0;
    rt__obj_release_and_free(old);
    return 1;
}

void rt_defaultmap_clear(void *p) {
    rt_defaultmap *m = as_dm(p);
    if (!m)
        return;
    dm_release_values(m);
    rt__strmap_clear(&m->tab);
}

void *rt_defaultmap_keys(void *p) {
    void *seq = rt_seq_new();
    rt_defaultmap *m = as_dm(p);
    for (int64_t i = 0; m && i < m->tab.len; i++)
        rt__seq_push_owned(seq, rt__str_new(m->tab.entries[i].key, m->tab.entries[i].klen));
    return seq;
}
