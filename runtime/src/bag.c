/*
 * bag.c — Viper.Collections.Bag (Appendix A): a set of strings (text up to the first NUL),
 * insertion-ordered, on the shared string hash table (rt_strmap.h; values unused).
 * Put returns true when the string was new, Drop true when it was present. Merge/Common/Diff
 * return new bags (union / intersection / difference, in the first bag's order then the second's).
 * Items() is a new Seq of the strings. NULL bags read as empty; a NULL string traps
 * `rt_string_cstr: null string` on a non-NULL bag.
 */
#include "rt_codec_internal.h"
#include "rt_strmap.h"

#include <string.h>

typedef struct rt_bag {
    void *vptr; /* always NULL */
    rt_strmap tab;
} rt_bag;

static void bag_finalize(void *p) { rt__strmap_free(&((rt_bag *)p)->tab); }

static rt_bag *as_bag(void *p) { return rt__is_collection(p, bag_finalize) ? p : NULL; }

static rt_bag *bag_new(void) { return rt__collection_alloc(sizeof(rt_bag), bag_finalize); }

void *rt_bag_new(void) { return bag_new(); }

int64_t rt_bag_len(void *p) {
    rt_bag *b = as_bag(p);
    return b ? b->tab.len : 0;
}

bool rt_bag_is_empty(void *p) { return rt_bag_len(p) == 0; }

static bool bag_put_text(rt_bag *b, const char *k, size_t n) {
    bool created;
    rt__strmap_upsert(&b->tab, k, n, &created);
    return created;
}

static bool bag_has_text(rt_bag *b, const char *k, size_t n) {
    return b && rt__strmap_find(&b->tab, k, n) != NULL;
}

bool rt_bag_put(void *p, rt_string s) {
    rt_bag *b = as_bag(p);
    if (!b)
        return false;
    const char *k = rt__key_cstr(s);
    return bag_put_text(b, k, strlen(k));
}

bool rt_bag_has(void *p, rt_string s) {
    rt_bag *b = as_bag(p);
    if (!b)
        return false;
    const char *k = rt__key_cstr(s);
    return bag_has_text(b, k, strlen(k));
}

bool rt_bag_drop(void *p, rt_string s) {
    rt_bag *b = as_bag(p);
    if (!b)
        return false;
    const char *k = rt__key_cstr(s);
    void *old;
    return rt__strmap_remove(&b->tab, k, strlen(k), &old);
}

void rt_bag_clear(void *p) {
    rt_bag *b = as_bag(p);
    if (b)
        rt__strmap_clear(&b->tab);
}

void *rt_bag_items(void *p) {
    rt_bag *b = as_bag(p);
    void *seq = rt_seq_new();
    for (int64_t i = 0; b && i < b->tab.len; i++)
        rt__seq_push_owned(seq, rt__str_new(b->tab.entries[i].key, b->tab.entries[i].klen));
    return seq;
}

/* Add to dst the strings of `from` for which (other has them) == want, or all of them. */
static void bag_copy_filtered(rt_bag *dst, rt_bag *from, rt_bag *other, bool want, bool all) {
    for (int64_t i = 0; from && i < from->tab.len; i++) {
        rt_strmap_entry *e = &from->tab.entries[i];
        if (all || bag_has_text(other, e->key, e->klen) == want)
            bag_put_text(dst, e->key, e->klen);
    }
}

void *rt_bag_merge(void *a, void *b) {
    rt_bag *r = bag_new();
    bag_copy_filtered(r, as_bag(a), NULL, false, true);
    bag_copy_filtered(r, as_bag(b), NULL, false, true);
    return r;
}

void *rt_bag_common(void *a, void *b) {
    rt_bag *r = bag_new();
    bag_copy_filtered(r, as_bag(a), as_bag(b), true, false);
    return r;
}

void *rt_bag_diff(void *a, void *b) {
    rt_bag *r = bag_new();
    bag_copy_filtered(r, as_bag(a), as_bag(b), false, false);
    return r;
}
