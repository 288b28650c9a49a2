/*
 * map.c — Viper.Collections.Map (RUNTIME-ABI §1.7, §3.7, Appendix A): string-keyed map of objects.
 *
 * Keys are copied (text up to the first NUL). The map owns one reference to each value (object
 * protocol): Set retains the new value and releases a replaced one; Remove/Clear/finaliser release.
 * Get/GetOr return the value borrowed (no retain), as the reference does. Typed setters store boxes
 * (SetInt/SetFloat) or the string itself (SetStr); typed getters unbox and default to 0 / 0.0 / "".
 * NULL (or non-Map) handles read as empty maps and make mutators do nothing; a NULL key traps
 * `rt_string_cstr: null string` in Set and in every lookup of a non-NULL map.
 * rt__map_keys_vm_order gives the keys in the reference VM's hash order (for Json/Toml Format).
 */
#include "rt_strmap.h"

#include <stdlib.h>
#include <string.h>

typedef struct rt_map {
    void *vptr; /* always NULL */
    rt_strmap tab;
} rt_map;

static void map_finalize(void *p) {
    rt_map *m = p;
    for (int64_t i = 0; i < m->tab.len; i++) {
        void *v = m->tab.entries[i].val;
        m->tab.entries[i].val = NULL;
        rt__obj_release_and_free(v);
    }
    rt__strmap_free(&m->tab);
}

static rt_map *as_map(void *m) { return rt__is_collection(m, map_finalize) ? m : NULL; }

bool rt__is_map(const void *p) { return rt__is_collection(p, map_finalize); }

static rt_strmap_entry *lookup(rt_map *m, rt_string k) {
    const char *key = rt__key_cstr(k);
    return rt__strmap_find(&m->tab, key, strlen(key));
}

void *rt_map_new(void) { return rt__collection_alloc(sizeof(rt_map), map_finalize); }

/* Store v (already owned by the caller's reference `owned`) under k, releasing a replaced value. */
static void put_owned(rt_map *m, rt_string k, void *v) {
    const char *key = rt__key_cstr(k);
    bool created;
    rt_strmap_entry *e = rt__strmap_upsert(&m->tab, key, strlen(key), &created);
    void *old = e->val;
    e->val = v;
    if (!created)
        rt__obj_release_and_free(old);
}

void rt_map_set(void *mp, rt_string k, void *v) {
    rt_map *m = as_map(mp);
    if (!m)
        return;
    rt__key_cstr(k); /* trap before touching v */
    rt_obj_retain_maybe(v);
    put_owned(m, k, v);
}

void *rt_map_get(void *mp, rt_string k) {
    rt_map *m = as_map(mp);
    if (!m)
        return NULL;
    rt_strmap_entry *e = lookup(m, k);
    return e ? e->val : NULL;
}

void *rt_map_get_or(void *mp, rt_string k, void *dflt) {
    rt_map *m = as_map(mp);
    if (!m)
        return dflt;
    rt_strmap_entry *e = lookup(m, k);
    return e ? e->val : dflt;
}

bool rt_map_has(void *mp, rt_string k) {
    rt_map *m = as_map(mp);
    return m && lookup(m, k) != NULL;
}

int64_t rt_map_len(void *mp) {
    rt_map *m = as_map(mp);
    return m ? m->tab.len : 0;
}

bool rt_map_is_empty(void *mp) { return rt_map_len(mp) == 0; }

bool rt_map_remove(void *mp, rt_string k) {
    rt_map *m = as_map(mp);
    if (!m)
        return false;
    const char *key = rt__key_cstr(k);
    void *old;
    if (!rt__strmap_remove(&m->tab, key, strlen(key), &old))
        return false;
    rt__obj_release_and_free(old);
    return true;
}

bool rt_map_set_if_missing(void *mp, rt_string k, void *v) {
    rt_map *m = as_map(mp);
    if (!m || lookup(m, k))
        return false;
    rt_map_set(m, k, v);
    return true;
}

void rt_map_clear(void *mp) {
    rt_map *m = as_map(mp);
    if (!m)
        return;
    int64_t n = m->tab.len;
    void **vals = rt__xmalloc((size_t)n * sizeof(void *));
    for (int64_t i = 0; i < n; i++)
        vals[i] = m->tab.entries[i].val;
    rt__strmap_clear(&m->tab);
    for (int64_t i = 0; i < n; i++)
        rt__obj_release_and_free(vals[i]);
    free(vals);
}

void *rt_map_keys(void *mp) {
    void *seq = rt_seq_new();
    rt_map *m = as_map(mp);
    for (int64_t i = 0; m && i < m->tab.len; i++)
        rt__seq_push_owned(seq, rt__str_new(m->tab.entries[i].key, m->tab.entries[i].klen));
    return seq;
}

void *rt_map_values(void *mp) {
    void *seq = rt_seq_new();
    rt_map *m = as_map(mp);
    for (int64_t i = 0; m && i < m->tab.len; i++)
        rt_seq_push(seq, m->tab.entries[i].val);
    return seq;
}

/* ---- typed accessors ---------------------------------------------------------------------- */

void rt_map_set_int(void *mp, rt_string k, int64_t v) {
    rt_map *m = as_map(mp);
    if (m)
        put_owned(m, k, rt_box_i64(v));
}

void rt_map_set_float(void *mp, rt_string k, double v) {
    rt_map *m = as_map(mp);
    if (m)
        put_owned(m, k, rt_box_f64(v));
}

void rt_map_set_str(void *mp, rt_string k, rt_string v) { rt_map_set(mp, k, v); }

static bool get_num(void *mp, rt_string k, double *f, int64_t *i) {
    void *v = rt_map_get(mp, k);
    if (!rt__is_box(v))
        return false;
    const rt_box *b = v;
    if (b->tag == RT_BOX_F64) {
        *f = b->v.f;
        *i = (int64_t)b->v.f;
        return true;
    }
    if (b->tag == RT_BOX_I64 || b->tag == RT_BOX_I1) {
        *i = b->v.i;
        *f = (double)b->v.i;
        return true;
    }
    return false;
}

int64_t rt_map_get_int(void *mp, rt_string k) { return rt_map_get_int_or(mp, k, 0); }

int64_t rt_map_get_int_or(void *mp, rt_string k, int64_t dflt) {
    double f;
    int64_t i;
    return get_num(mp, k, &f, &i) ? i : dflt;
}

double rt_map_get_float(void *mp, rt_string k) { return rt_map_get_float_or(mp, k, 0.0); }

double rt_map_get_float_or(void *mp, rt_string k, double dflt) {
    double f;
    int64_t i;
    return get_num(mp, k, &f, &i) ? f : dflt;
}

rt_string rt_map_get_str(void *mp, rt_string k) {
    void *v = rt_map_get(mp, k);
    rt_string s = NULL;
    if (v && rt__is_string(v))
        s = v;
    else if (rt__is_box(v) && ((rt_box *)v)->tag == RT_BOX_STR)
        s = ((rt_box *)v)->v.s;
    if (!s)
        return rt_str_empty();
    rt_str_retain_maybe(s);
    return s;
}

/* ---- the reference VM's key order (see rt_objects_internal.h) ---- */

typedef struct vm_key {
    rt_string key;
    uint64_t bucket;
    int64_t pos;
} vm_key;

static int vm_key_cmp(const void *a, const void *b) {
    const vm_key *x = a, *y = b;
    if (x->bucket != y->bucket)
        return x->bucket < y->bucket ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

rt_string *rt__map_keys_vm_order(void *m, void **keys, int64_t *n) {
    *keys = rt_map_keys(m);
    *n = rt_seq_len(*keys);
    uint64_t cap = 16;
    while ((uint64_t)*n * 4 > cap * 3)
        cap *= 2;
    size_t count = (size_t)(*n ? *n : 1);
    vm_key *ks = rt__xmalloc(count * sizeof(vm_key));
    for (int64_t i = 0; i < *n; i++) {
        rt_string k = rt__seq_at(*keys, i);
        ks[i] = (vm_key){k, rt__fnv1a(rt__str_bytes(k), rt__str_len(k)) & (cap - 1), i};
    }
    qsort(ks, (size_t)*n, sizeof(vm_key), vm_key_cmp);
    rt_string *out = rt__xmalloc(count * sizeof(rt_string));
    for (int64_t i = 0; i < *n; i++)
        out[i] = ks[i].key;
    free(ks);
    return out;
}
