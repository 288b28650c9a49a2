/*
 * orderedmap.c — Viper.Collections.OrderedMap (RUNTIME-EXTENDED §8): insertion-ordered string ->
 * object map, on the shared insertion-ordered string table (rt_strmap.h; key text up to the
 * first NUL).
 *
 * Set: a new key is appended at the end of the order (value retained); an existing key keeps its
 * position and its old value gets a *plain* release (count - 1, never freed by the map), as the
 * reference does. Remove returns i64 1/0 and gives the removed value a plain release too; the
 * finaliser does the same for the remaining values. KeyAt(i) returns a fresh copy of the i-th key,
 * or NULL (not "") when out of range or the map is NULL.
 * NULL map or NULL key: Set/Remove do nothing, Has gives false (no trap).
 * get_Len on another class's object (§G.4: the reference reads garbage) gives a Seq's length,
 * otherwise 0.
 */
#include "rt_chtab_internal.h"
#include "rt_strmap.h"

#include <string.h>

typedef struct rt_omap {
    void *vptr; /* always NULL */
    rt_strmap tab;
} rt_omap;

static void om_finalize(void *p) {
    rt_omap *m = p;
    for (int64_t i = 0; i < m->tab.len; i++) {
        void *v = m->tab.entries[i].val;
        m->tab.entries[i].val = NULL;
        rt_obj_release_check0(v);
    }
    rt__strmap_clear(&m->tab);
    rt__strmap_free(&m->tab);
}

static rt_omap *as_om(void *p) { return rt__is_collection(p, om_finalize) ? p : NULL; }

void *rt_orderedmap_new(void) { return rt__collection_alloc(sizeof(rt_omap), om_finalize); }

void rt_orderedmap_set(void *p, rt_string k, void *v) {
    rt_omap *m = as_om(p);
    if (!m || !k)
        return;
    const char *key = rt__str_bytes(k);
    bool created;
    rt_strmap_entry *e = rt__strmap_upsert(&m->tab, key, strlen(key), &created);
    rt_obj_retain_maybe(v);
    void *old = e->val;
    e->val = v;
    if (!created)
        rt_obj_release_check0(old);
}

bool rt_orderedmap_has(void *p, rt_string k) {
    rt_omap *m = as_om(p);
    if (!m || !k)
        return false;
    const char *key = rt__str_bytes(k);
    return rt__strmap_find(&m->tab, key, strlen(key)) != NULL;
}

int64_t rt_orderedmap_remove(void *p, rt_string k) {
    rt_omap *m = as_om(p);
    if (!m || !k)
        return 0;
    const char *key = rt__str_bytes(k);
    void *old;
    if (!rt__strmap_remove(&m->tab, key, strlen(key), &old))
        return 0;
    rt_obj_release_check0(old);
    return 1;
}

rt_string rt_orderedmap_key_at(void *p, int64_t i) {
    rt_omap *m = as_om(p);
    if (!m || i < 0 || i >= m->tab.len)
        return NULL;
    return rt__str_new(m->tab.entries[i].key, m->tab.entries[i].klen);
}

int64_t rt_orderedmap_len(void *p) {
    rt_omap *m = as_om(p);
    if (m)
        return m->tab.len;
    return rt__is_seq(p) ? rt_seq_len(p) : 0;
}
