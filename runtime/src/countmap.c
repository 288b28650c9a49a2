/*
 * countmap.c — Viper.Collections.CountMap (RUNTIME-EXTENDED §2): string key -> positive i64
 * count, plus a running total. Keys are the text up to the first NUL, compared bytewise.
 * An entry whose count would become <= 0 is removed: no zero or negative count is ever stored.
 *
 * Table: the reference FNV-1a chained table (rt_chtab, §G.5), 16 buckets, growing *before* a new
 * key is inserted when count*4 >= cap*3, so Keys() comes out in the reference order.
 * MostCommon sorts the hash-order entries by descending count with a stable sort (the reference
 * uses qsort, whose tie order is unspecified).
 *
 * NULL map: queries give 0 / false / empty Seq, mutators do nothing (checked before the key).
 * NULL key on a live map traps `rt_string_cstr: null string`.
 * Keys/MostCommon return a new Seq (capacity word 16) of fresh key strings.
 * get_Len on an object that is not a CountMap (the Zia front end emits CountMap.get_Len on the
 * Seq from Keys()/MostCommon(), §G.4): the reference reads past the Seq's payload (heap garbage,
 * unmatchable); here it answers the Seq's length, other objects 0.
 */
#include "rt_chtab_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct rt_countmap {
    void *vptr; /* always NULL */
    rt_chtab tab;
    int64_t total;
} rt_countmap;

static void cm_finalize(void *p) { rt__chtab_destroy(&((rt_countmap *)p)->tab); }

static rt_countmap *as_cm(void *p) { return rt__is_collection(p, cm_finalize) ? p : NULL; }

void *rt_countmap_new(void) {
    rt_countmap *m = rt__collection_alloc(sizeof(rt_countmap), cm_finalize);
    rt__chtab_init(&m->tab, 16);
    return m;
}

static rt_chent *find(rt_countmap *m, rt_string k) {
    const char *key = rt__key_cstr(k);
    return rt__chtab_find(&m->tab, key, strlen(key));
}

static rt_chent *insert(rt_countmap *m, rt_string k) {
    const char *key = rt__key_cstr(k);
    if (m->tab.count * 4 >= m->tab.cap * 3) /* grow before inserting */
        rt__chtab_grow(&m->tab);
    return rt__chtab_insert(&m->tab, key, strlen(key));
}

static void drop(rt_countmap *m, rt_chent *e) {
    m->total -= e->n;
    rt__chtab_unlink(&m->tab, e);
    rt__chtab_free_entry(e);
}

int64_t rt_countmap_inc_by(void *p, rt_string k, int64_t n) {
    rt_countmap *m = as_cm(p);
    if (!m || n <= 0)
        return 0;
    rt_chent *e = find(m, k);
    if (!e)
        e = insert(m, k);
    e->n += n;
    m->total += n;
    return e->n;
}

int64_t rt_countmap_inc(void *p, rt_string k) { return rt_countmap_inc_by(p, k, 1); }

int64_t rt_countmap_dec(void *p, rt_string k) {
    rt_countmap *m = as_cm(p);
    if (!m)
        return 0;
    rt_chent *e = find(m, k);
    if (!e)
        return 0;
    e->n--;
    m->total--;
    if (e->n > 0)
        return e->n;
    drop(m, e);
    return 0;
}

int64_t rt_countmap_get(void *p, rt_string k) {
    rt_countmap *m = as_cm(p);
    if (!m)
        return 0;
    rt_chent *e = find(m, k);
    return e ? e->n : 0;
}

bool rt_countmap_has(void *p, rt_string k) { return rt_countmap_get(p, k) > 0; }

void rt_countmap_set(void *p, rt_string k, int64_t c) {
    rt_countmap *m = as_cm(p);
    if (!m)
        return;
    rt_chent *e = find(m, k);
    if (c <= 0) {
        if (e)
            drop(m, e);
        return;
    }
    if (!e)
        e = insert(m, k);
    m->total += c - e->n;
    e->n = c;
}

bool rt_countmap_remove(void *p, rt_string k) {
    rt_countmap *m = as_cm(p);
    if (!m)
        return false;
    rt_chent *e = find(m, k);
    if (!e)
        return false;
    drop(m, e);
    return true;
}

int64_t rt_countmap_len(void *p) {
    rt_countmap *m = as_cm(p);
    if (m)
        return m->tab.count;
    return rt__is_seq(p) ? rt_seq_len(p) : 0; /* §G.4, see the header comment */
}

bool rt_countmap_is_empty(void *p) {
    rt_countmap *m = as_cm(p);
    return !m || m->tab.count == 0;
}

int64_t rt_countmap_total(void *p) {
    rt_countmap *m = as_cm(p);
    return m ? m->total : 0;
}

void rt_countmap_clear(void *p) {
    rt_countmap *m = as_cm(p);
    if (!m)
        return;
    rt__chtab_clear(&m->tab);
    m->total = 0;
}

void *rt_countmap_keys(void *p) {
    rt_countmap *m = as_cm(p);
    void *seq = rt__seq_cap16();
    if (!m)
        return seq;
    rt_chent **es = rt__chtab_entries(&m->tab);
    for (int64_t i = 0; i < m->tab.count; i++)
        rt__seq_push_owned(seq, rt__str_new(es[i]->key, es[i]->klen));
    free(es);
    return seq;
}

/* Stable merge sort of entries by descending count. */
static void sort_desc(rt_chent **a, rt_chent **tmp, int64_t n) {
    if (n < 2)
        return;
    int64_t h = n / 2;
    sort_desc(a, tmp, h);
    sort_desc(a + h, tmp, n - h);
    int64_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = a[j]->n > a[i]->n ? a[j++] : a[i++];
    while (i < h)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    memcpy(a, tmp, (size_t)n * sizeof(rt_chent *));
}

void *rt_countmap_most_common(void *p, int64_t n) {
    rt_countmap *m = as_cm(p);
    void *seq = rt__seq_cap16();
    if (!m || n <= 0 || m->tab.count == 0)
        return seq;
    int64_t cnt = m->tab.count;
    rt_chent **es = rt__chtab_entries(&m->tab);
    rt_chent **tmp = rt__xmalloc((size_t)cnt * sizeof(rt_chent *));
    sort_desc(es, tmp, cnt);
    for (int64_t i = 0; i < cnt && i < n; i++)
        rt__seq_push_owned(seq, rt__str_new(es[i]->key, es[i]->klen));
    free(tmp);
    free(es);
    return seq;
}
