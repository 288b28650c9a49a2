/*
 * frozen.c — Viper.Collections.FrozenMap (RUNTIME-EXTENDED §4) and FrozenSet (§5): immutable
 * string-keyed map of objects / set of strings.
 *
 * Table (both classes, as the reference): open addressing with linear probing, capacity = the
 * smallest power of two >= 16 and >= (n < 4 ? 8 : 2n) for n input elements, slot =
 * FNV-1a(key text) & (capacity - 1). Slot order is the iteration order of Keys/Values/Items.
 * Keys are compared by their text up to the first NUL (case-sensitive).
 *
 * Ownership: every stored key string and value is retained (a key given as a str box is stored as
 * the +1 string Box.ToStr returns; a non-string box traps `rt_unbox_str: type mismatch (expected
 * str)`, NULL key elements are skipped); the finaliser releases them (object protocol). A repeated
 * key keeps the first key string and the last value. Get/GetOr return values borrowed; GetOr's
 * default is returned as is. Keys/Values/Items return a new Seq retaining the stored elements.
 * FrozenMap.Equals compares value *pointers* (identity), FrozenSet.Equals content.
 *
 * Layout / VM quirk reproduced (§G.4): the Zia front end emits FrozenMap/FrozenSet.get_Len on the
 * Seq from Keys()/Values()/Items(). Both classes keep their element count in the third payload
 * word (offset 16), where a Seq keeps its capacity (16 for the Seqs built here), so the call gives
 * 16 like the reference VM (whose count and Seq cap share offset 8). get_Len therefore reads that
 * word of any heap object without a class check (memory-safely: rt__word_at).
 * NULL receivers read as empty; a NULL key argument never traps (Get -> NULL, Has -> false).
 */
#include "rt_chtab_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct fz_slot {
    rt_string key; /* NULL = empty slot */
    void *val;
} fz_slot;

typedef struct rt_frozen {
    void *vptr;     /* always NULL */
    fz_slot *slots;
    int64_t count;  /* offset 16: must stay the third word (see above) */
    int64_t cap;    /* power of two */
} rt_frozen;

_Static_assert(offsetof(rt_frozen, count) == 16, "Frozen count must share the Seq cap offset");

static void fz_release(rt_frozen *f, bool with_vals) {
    for (int64_t i = 0; f->slots && i < f->cap; i++) {
        rt_string k = f->slots[i].key;
        void *v = f->slots[i].val;
        f->slots[i].key = NULL;
        f->slots[i].val = NULL;
        rt_str_release_maybe(k);
        if (with_vals)
            rt__obj_release_and_free(v);
    }
    free(f->slots);
    f->slots = NULL;
    f->count = 0;
}

static void fmap_finalize(void *p) { fz_release(p, true); }
static void fset_finalize(void *p) { fz_release(p, false); }

static rt_frozen *as_fmap(void *p) { return rt__is_collection(p, fmap_finalize) ? p : NULL; }
static rt_frozen *as_fset(void *p) { return rt__is_collection(p, fset_finalize) ? p : NULL; }

static rt_frozen *fz_new(rt_finalizer fin, int64_t n) {
    rt_frozen *f = rt__collection_alloc(sizeof(rt_frozen), fin);
    int64_t want = n < 4 ? 8 : 2 * n, cap = 16;
    while (cap < want)
        cap *= 2;
    f->cap = cap;
    f->slots = rt__xmalloc((size_t)cap * sizeof(fz_slot));
    memset(f->slots, 0, (size_t)cap * sizeof(fz_slot));
    return f;
}

/* Slot holding key text k, or the empty slot where it would go. */
static fz_slot *fz_probe(const rt_frozen *f, const char *k) {
    uint64_t i = rt__fnv1a(k, strlen(k)) & (uint64_t)(f->cap - 1);
    for (;;) {
        fz_slot *s = &f->slots[i];
        if (!s->key || strcmp(rt__str_bytes(s->key), k) == 0)
            return s;
        i = (i + 1) & (uint64_t)(f->cap - 1);
    }
}

static fz_slot *fz_find(const rt_frozen *f, rt_string k) {
    if (!f || !k)
        return NULL;
    fz_slot *s = fz_probe(f, rt__str_bytes(k));
    return s->key ? s : NULL;
}

/* Insert taking over the caller's reference to `key`; retains `val` (map) — last value wins. */
static void fz_put_owned_key(rt_frozen *f, rt_string key, void *val, bool is_map) {
    if (f->count * 2 >= f->cap) { /* cannot happen for the sizes chosen; keep probing finite */
        rt_str_release_maybe(key);
        return;
    }
    fz_slot *s = fz_probe(f, rt__str_bytes(key));
    if (is_map)
        rt_obj_retain_maybe(val);
    if (s->key) {
        rt_str_release_maybe(key); /* the first key string stays */
        if (is_map) {
            void *old = s->val;
            s->val = val;
            rt__obj_release_and_free(old);
        }
        return;
    }
    s->key = key;
    s->val = is_map ? val : NULL;
    f->count++;
}

static void fz_put_shared(rt_frozen *f, rt_string key, void *val, bool is_map) {
    rt_str_retain_maybe(key);
    fz_put_owned_key(f, key, val, is_map);
}

static int64_t fz_len(void *p, rt_frozen *f) {
    if (f)
        return f->count;
    int64_t w = 0; /* another class's object: the reference reads the same field (§G.4) */
    return rt__word_at(p, offsetof(rt_frozen, count), &w) ? w : 0;
}

/* ---- FrozenMap ---------------------------------------------------------------------------- */

void *rt_frozenmap_empty(void) { return fz_new(fmap_finalize, 0); }

void *rt_frozenmap_from_seqs(void *keys, void *values) {
    if (!keys || !values)
        return fz_new(fmap_finalize, 0);
    int64_t nk = rt_seq_len(keys), nv = rt_seq_len(values), n = nk < nv ? nk : nv;
    rt_frozen *f = fz_new(fmap_finalize, n);
    for (int64_t i = 0; i < n; i++) {
        rt_string k = rt__text_of(rt__seq_at(keys, i));
        if (k)
            fz_put_owned_key(f, k, rt__seq_at(values, i), true);
    }
    return f;
}

int64_t rt_frozenmap_len(void *p) { return fz_len(p, as_fmap(p)); }

bool rt_frozenmap_is_empty(void *p) {
    rt_frozen *f = as_fmap(p);
    return !f || f->count == 0;
}

void *rt_frozenmap_get(void *p, rt_string k) {
    fz_slot *s = fz_find(as_fmap(p), k);
    return s ? s->val : NULL;
}

void *rt_frozenmap_get_or(void *p, rt_string k, void *dflt) {
    fz_slot *s = fz_find(as_fmap(p), k);
    return s ? s->val : dflt;
}

bool rt_frozenmap_has(void *p, rt_string k) { return fz_find(as_fmap(p), k) != NULL; }

static void *fz_seq(rt_frozen *f, bool vals) {
    void *seq = rt__seq_cap16();
    for (int64_t i = 0; f && i < f->cap; i++)
        if (f->slots[i].key)
            rt_seq_push(seq, vals ? f->slots[i].val : (void *)f->slots[i].key);
    return seq;
}

void *rt_frozenmap_keys(void *p) { return fz_seq(as_fmap(p), false); }
void *rt_frozenmap_values(void *p) { return fz_seq(as_fmap(p), true); }

void *rt_frozenmap_merge(void *pa, void *pb) {
    rt_frozen *a = as_fmap(pa), *b = as_fmap(pb);
    rt_frozen *r = fz_new(fmap_finalize, (a ? a->count : 0) + (b ? b->count : 0));
    rt_frozen *src[2] = {a, b};
    for (int j = 0; j < 2; j++)
        for (int64_t i = 0; src[j] && i < src[j]->cap; i++)
            if (src[j]->slots[i].key)
                fz_put_shared(r, src[j]->slots[i].key, src[j]->slots[i].val, true);
    return r;
}

bool rt_frozenmap_equals(void *pa, void *pb) {
    rt_frozen *a = as_fmap(pa), *b = as_fmap(pb);
    int64_t na = a ? a->count : 0, nb = b ? b->count : 0;
    if (na != nb)
        return false;
    for (int64_t i = 0; a && i < a->cap; i++) {
        if (!a->slots[i].key)
            continue;
        fz_slot *s = fz_find(b, a->slots[i].key);
        if (!s || s->val != a->slots[i].val)
            return false;
    }
    return true;
}

/* ---- FrozenSet ---------------------------------------------------------------------------- */

void *rt_frozenset_empty(void) { return fz_new(fset_finalize, 0); }

void *rt_frozenset_from_seq(void *items) {
    int64_t n = items ? rt_seq_len(items) : 0;
    rt_frozen *f = fz_new(fset_finalize, n);
    for (int64_t i = 0; i < n; i++) {
        rt_string k = rt__text_of(rt__seq_at(items, i));
        if (k)
            fz_put_owned_key(f, k, NULL, false);
    }
    return f;
}

int64_t rt_frozenset_len(void *p) { return fz_len(p, as_fset(p)); }

bool rt_frozenset_is_empty(void *p) {
    rt_frozen *f = as_fset(p);
    return !f || f->count == 0;
}

bool rt_frozenset_has(void *p, rt_string x) { return fz_find(as_fset(p), x) != NULL; }

void *rt_frozenset_items(void *p) { return fz_seq(as_fset(p), false); }

/* New set of the elements of a (in slot order) that are (in b) == want, or all when b_any. */
static rt_frozen *fset_filter(rt_frozen *a, rt_frozen *b, bool want, int64_t n) {
    rt_frozen *r = fz_new(fset_finalize, n);
    for (int64_t i = 0; a && i < a->cap; i++)
        if (a->slots[i].key && (fz_find(b, a->slots[i].key) != NULL) == want)
            fz_put_shared(r, a->slots[i].key, NULL, false);
    return r;
}

void *rt_frozenset_union(void *pa, void *pb) {
    rt_frozen *a = as_fset(pa), *b = as_fset(pb);
    rt_frozen *r = fz_new(fset_finalize, (a ? a->count : 0) + (b ? b->count : 0));
    rt_frozen *src[2] = {a, b};
    for (int j = 0; j < 2; j++)
        for (int64_t i = 0; src[j] && i < src[j]->cap; i++)
            if (src[j]->slots[i].key)
                fz_put_shared(r, src[j]->slots[i].key, NULL, false);
    return r;
}

void *rt_frozenset_intersect(void *pa, void *pb) {
    rt_frozen *a = as_fset(pa), *b = as_fset(pb);
    if (!a || !b)
        return fz_new(fset_finalize, 0);
    return fset_filter(a, b, true, a->count);
}

void *rt_frozenset_diff(void *pa, void *pb) {
    rt_frozen *a = as_fset(pa), *b = as_fset(pb);
    if (!a)
        return fz_new(fset_finalize, 0);
    return fset_filter(a, b, false, a->count);
}

bool rt_frozenset_is_subset(void *pa, void *pb) {
    rt_frozen *a = as_fset(pa), *b = as_fset(pb);
    if (!a)
        return true;
    if (!b)
        return a->count == 0;
    for (int64_t i = 0; i < a->cap; i++)
        if (a->slots[i].key && !fz_find(b, a->slots[i].key))
            return false;
    return true;
}

bool rt_frozenset_equals(void *pa, void *pb) {
    rt_frozen *a = as_fset(pa), *b = as_fset(pb);
    if ((a ? a->count : 0) != (b ? b->count : 0))
        return false;
    return rt_frozenset_is_subset(a, b);
}
