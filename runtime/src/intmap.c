/*
 * intmap.c — Viper.Collections.IntMap (RUNTIME-EXTENDED §6): i64 key -> object map.
 *
 * Table: the reference FNV-1a chained table (rt_chtab, §G.5) hashing the key's 8 little-endian
 * bytes, 16 buckets, growing *after* an insert when count*4 > cap*3, so Keys()/Values() come out
 * in the reference order. Any i64 key is valid (negative, 0).
 * Ownership: the map owns one reference to each value (Set retains, a replaced value and
 * Remove/Clear/the finaliser release with the object protocol). GetOr returns the stored value
 * borrowed (NULL if stored as NULL), else the default as is. Keys() is a new Seq of fresh Box.I64
 * boxes, Values() a new Seq retaining the values. NULL map: queries 0/false/default/empty Seq,
 * mutators no-ops. get_Len on another class's object (§G.4) gives a Seq's length, otherwise 0.
 */
#include "rt_chtab_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct rt_intmap {
    void *vptr; /* always NULL */
    rt_chtab tab;
} rt_intmap;

static void release_all(rt_intmap *m) {
    rt_chent **es = rt__chtab_entries(&m->tab);
    int64_t n = m->tab.count;
    void **vals = rt__xmalloc((size_t)(n ? n : 1) * sizeof(void *));
    for (int64_t i = 0; i < n; i++)
        vals[i] = es[i]->val;
    free(es);
    rt__chtab_clear(&m->tab);
    for (int64_t i = 0; i < n; i++)
        rt__obj_release_and_free(vals[i]);
    free(vals);
}

static void im_finalize(void *p) {
    rt_intmap *m = p;
    release_all(m);
    rt__chtab_destroy(&m->tab);
}

static rt_intmap *as_im(void *p) { return rt__is_collection(p, im_finalize) ? p : NULL; }

static void key_bytes(int64_t k, unsigned char out[8]) {
    uint64_t u = (uint64_t)k;
    for (int i = 0; i < 8; i++)
        out[i] = (unsigned char)(u >> (8 * i));
}

static rt_chent *find(rt_intmap *m, int64_t k) {
    unsigned char b[8];
    key_bytes(k, b);
    return rt__chtab_find(&m->tab, b, 8);
}

void *rt_intmap_new(void) {
    rt_intmap *m = rt__collection_alloc(sizeof(rt_intmap), im_finalize);
    rt__chtab_init(&m->tab, 16);
    return m;
}

void rt_intmap_set(void *p, int64_t k, void *v) {
    rt_intmap *m = as_im(p);
    if (!m)
        return;
    rt_obj_retain_maybe(v);
    rt_chent *e = find(m, k);
    if (e) {
        void *old = e->val;
        e->val = v;
        rt__obj_release_and_free(old);
        return;
    }
    unsigned char b[8];
    key_bytes(k, b);
    e = rt__chtab_insert(&m->tab, b, 8);
    e->n = k;
    e->val = v;
    if (m->tab.count * 4 > m->tab.cap * 3)
        rt__chtab_grow(&m->tab);
}

void *rt_intmap_get_or(void *p, int64_t k, void *dflt) {
    rt_intmap *m = as_im(p);
    rt_chent *e = m ? find(m, k) : NULL;
    return e ? e->val : dflt;
}

bool rt_intmap_has(void *p, int64_t k) {
    rt_intmap *m = as_im(p);
    return m && find(m, k) != NULL;
}

bool rt_intmap_remove(void *p, int64_t k) {
    rt_intmap *m = as_im(p);
    rt_chent *e = m ? find(m, k) : NULL;
    if (!e)
        return false;
    void *v = e->val;
    rt__chtab_unlink(&m->tab, e);
    rt__chtab_free_entry(e);
    rt__obj_release_and_free(v);
    return true;
}

void rt_intmap_clear(void *p) {
    rt_intmap *m = as_im(p);
    if (m)
        release_all(m);
}

int64_t rt_intmap_len(void *p) {
    rt_intmap *m = as_im(p);
    if (m)
        return m->tab.count;
    return rt__is_seq(p) ? rt_seq_len(p) : 0;
}

bool rt_intmap_is_empty(void *p) {
    rt_intmap *m = as_im(p);
    return !m || m->tab.count == 0;
}

static void *seq_of(void *p, bool vals) {
    rt_intmap *m = as_im(p);
    void *seq = rt__seq_cap16();
    if (!m)
        return seq;
    rt_chent **es = rt__chtab_entries(&m->tab);
    for (int64_t i = 0; i < m->tab.count; i++) {
        if (vals)
            rt_seq_push(seq, es[i]->val);
        else
            rt__seq_push_owned(seq, rt_box_i64(es[i]->n));
    }
    free(es);
    return seq;
}

void *rt_intmap_keys(void *p) { return seq_of(p, false); }
void *rt_intmap_values(void *p) { return seq_of(p, true); }
