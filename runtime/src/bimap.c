/*
 * bimap.c — Viper.Collections.BiMap (RUNTIME-EXTENDED §7): a bijection between strings.
 *
 * Two reference FNV-1a chained tables (rt_chtab, §G.5; grow *before* inserting a new key when
 * count*4 >= cap*3): key -> value and value -> key, each entry holding a private copy of its key
 * text (up to the first NUL) and the entry of the other direction in `val`.
 * Put(k, v) first removes any pair whose key is k and any pair whose value is v, then inserts
 * (k, v), so the length can decrease. GetByKey/GetByValue return a fresh copy ("" when absent or
 * the map is NULL). NULL str arguments trap `rt_string_cstr: null string` (also on a NULL map,
 * the reference converts first); a NULL map otherwise reads as empty.
 * get_Len on another class's object (§G.4) gives a Seq's length, otherwise 0.
 */
#include "rt_chtab_internal.h"

#include <string.h>

typedef struct rt_bimap {
    void *vptr; /* always NULL */
    rt_chtab fwd, rev;
} rt_bimap;

static void bm_finalize(void *p) {
    rt_bimap *m = p;
    rt__chtab_destroy(&m->fwd);
    rt__chtab_destroy(&m->rev);
}

static rt_bimap *as_bm(void *p) { return rt__is_collection(p, bm_finalize) ? p : NULL; }

void *rt_bimap_new(void) {
    rt_bimap *m = rt__collection_alloc(sizeof(rt_bimap), bm_finalize);
    rt__chtab_init(&m->fwd, 16);
    rt__chtab_init(&m->rev, 16);
    return m;
}

static rt_chent *lookup(rt_chtab *t, const char *k) { return rt__chtab_find(t, k, strlen(k)); }

static rt_chent *insert(rt_chtab *t, const char *k) {
    if (t->count * 4 >= t->cap * 3)
        rt__chtab_grow(t);
    return rt__chtab_insert(t, k, strlen(k));
}

/* Remove the pair whose entry in table `t` is e (other direction in `o`). */
static void remove_pair(rt_chtab *t, rt_chtab *o, rt_chent *e) {
    rt_chent *other = e->val;
    rt__chtab_unlink(t, e);
    rt__chtab_unlink(o, other);
    rt__chtab_free_entry(e);
    rt__chtab_free_entry(other);
}

void rt_bimap_put(void *p, rt_string k, rt_string v) {
    const char *ks = rt__key_cstr(k), *vs = rt__key_cstr(v);
    rt_bimap *m = as_bm(p);
    if (!m)
        return;
    rt_chent *e = lookup(&m->fwd, ks);
    if (e)
        remove_pair(&m->fwd, &m->rev, e);
    e = lookup(&m->rev, vs);
    if (e)
        remove_pair(&m->rev, &m->fwd, e);
    rt_chent *f = insert(&m->fwd, ks);
    rt_chent *r = insert(&m->rev, vs);
    f->val = r;
    r->val = f;
}

static rt_string get(void *p, rt_string x, bool by_key) {
    const char *s = rt__key_cstr(x);
    rt_bimap *m = as_bm(p);
    rt_chent *e = m ? lookup(by_key ? &m->fwd : &m->rev, s) : NULL;
    if (!e)
        return rt_str_empty();
    rt_chent *o = e->val;
    return rt__str_new(o->key, o->klen);
}

rt_string rt_bimap_get_by_key(void *p, rt_string k) { return get(p, k, true); }
rt_string rt_bimap_get_by_value(void *p, rt_string v) { return get(p, v, false); }

static bool has(void *p, rt_string x, bool by_key) {
    const char *s = rt__key_cstr(x);
    rt_bimap *m = as_bm(p);
    return m && lookup(by_key ? &m->fwd : &m->rev, s) != NULL;
}

bool rt_bimap_has_key(void *p, rt_string k) { return has(p, k, true); }
bool rt_bimap_has_value(void *p, rt_string v) { return has(p, v, false); }

bool rt_bimap_remove_by_key(void *p, rt_string k) {
    const char *s = rt__key_cstr(k);
    rt_bimap *m = as_bm(p);
    rt_chent *e = m ? lookup(&m->fwd, s) : NULL;
    if (!e)
        return false;
    remove_pair(&m->fwd, &m->rev, e);
    return true;
}

int64_t rt_bimap_len(void *p) {
    rt_bimap *m = as_bm(p);
    if (m)
        return m->fwd.count;
    return rt__is_seq(p) ? rt_seq_len(p) : 0;
}

bool rt_bimap_is_empty(void *p) {
    rt_bimap *m = as_bm(p);
    return !m || m->fwd.count == 0;
}
