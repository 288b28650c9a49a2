/*
 * rt_chtab_internal.h — internal helpers shared by the RUNTIME-EXTENDED.md collection/text files
 * of this group (sortedset.c, countmap.c, lrucache.c, frozen.c, intmap.c, bimap.c, ini.c, ...):
 *   - rt_chtab: the reference's FNV-1a chained hash table (RUNTIME-EXTENDED §G.5), reproduced
 *     so that Keys/Values/MostCommon come out in the reference order: bucket = hash % cap,
 *     a new entry goes on the front of its chain, iteration is bucket 0..cap-1 front to back, and
 *     growing walks the old buckets in order pushing every entry on the front of its new chain.
 *     The table only links entries; the owning class decides when to grow (the policies differ
 *     per class, §G.5) and owns the values.
 *   - rt__seq_cap16(): a new Seq whose capacity word is 16, as every Seq built by these classes
 *     in the reference (§G.4: the deterministic `16`s of `SortedSet/FrozenMap/FrozenSet.get_Len`
 *     applied to such a Seq come from that word, see sortedset.c and frozen.c).
 *   - rt__text_of(): a Seq element read as a key (string handle, or str box unboxed).
 * Naming as everywhere: `rt_*` ABI functions (the domain headers (rt_collections/text/lang_abi.h)), `rt__*` internal helpers.
 */
#ifndef VIPER_RT_CHTAB_INTERNAL_H
#define VIPER_RT_CHTAB_INTERNAL_H

#include "rt_collections_abi.h"
#include "rt_lang_abi.h"
#include "rt_math_abi.h"
#include "rt_text_abi.h"
#include "rt_codec_internal.h"

typedef struct rt_chent {
    struct rt_chent *next; /* bucket chain */
    uint64_t hash;         /* FNV-1a of the key bytes */
    char *key;             /* private NUL-terminated copy of klen bytes */
    size_t klen;
    void *val;             /* owned by the class (or unused) */
    int64_t n;             /* class data: CountMap count, IntMap key */
    struct rt_chent *newer, *older; /* LruCache recency list (NULL elsewhere) */
} rt_chent;

typedef struct rt_chtab {
    rt_chent **buckets;
    int64_t cap;   /* bucket count */
    int64_t count; /* linked entries */
} rt_chtab;

/* Empty table with `cap` (> 0) buckets. */
void rt__chtab_init(rt_chtab *t, int64_t cap);
/* Entry with these key bytes, or NULL. */
rt_chent *rt__chtab_find(const rt_chtab *t, const void *key, size_t klen);
/* New entry (val NULL, n 0) for key bytes, pushed on the front of its chain; no growth check. */
rt_chent *rt__chtab_insert(rt_chtab *t, const void *key, size_t klen);
/* Double the bucket count (reference rehash order). */
void rt__chtab_grow(rt_chtab *t);
/* Unlink e from its chain (count - 1); the caller frees it with rt__chtab_free_entry. */
void rt__chtab_unlink(rt_chtab *t, rt_chent *e);
void rt__chtab_free_entry(rt_chent *e);
/* Unlink and free every entry (values untouched), keep the bucket count. */
void rt__chtab_clear(rt_chtab *t);
/* rt__chtab_clear + free the bucket array. */
void rt__chtab_destroy(rt_chtab *t);
/* The entries in iteration order (bucket 0.., chain front to back): malloc'd array of
 * t->count pointers (free it), NULL when empty. */
rt_chent **rt__chtab_entries(const rt_chtab *t);

/* New +1 empty Seq with capacity word 16 (see above). */
void *rt__seq_cap16(void);
/* Element p of a key Seq as a string: a string handle is returned as is (+1), a box through
 * Box.ToStr (+1; a non-string box traps `rt_unbox_str: type mismatch (expected str)`); NULL -> NULL. */
rt_string rt__text_of(void *p);
/* The 8-byte word at payload offset `off` of p, when p is a runtime heap payload (not a string
 * handle) at least off + 8 bytes long: the memory-safe form of the reference's field read on an
 * object of another class (§G.4). Returns false (and leaves *out alone) otherwise. */
bool rt__word_at(const void *p, size_t off, int64_t *out);
/* Keys of Map m (borrowed handles) in the reference Map's hash-table order (§G.5: FNV-1a, 16
 * buckets doubling after an insert makes count*4 > cap*3, newest first in a chain), simulated
 * from the map's insertion order. Returns a malloc'd array (free it, may be NULL when *n == 0);
 * *keys receives a +1 Seq holding the key strings that the caller releases after use. */
rt_string *rt__map_keys_ref_order(void *m, void **keys, int64_t *n);

/* MessageBus (msgbus.c): the ABI has no subscribe entry point (RUNTIME-EXTENDED §15); this adds
 * a subscription of `callback` (retained; any object or NULL) to `topic` (text up to the first
 * NUL; created on first use) and returns its id (1, 2, ...), or 0 for a NULL bus/topic. */
int64_t rt__msgbus_subscribe(void *bus, rt_string topic, void *callback);

#endif
