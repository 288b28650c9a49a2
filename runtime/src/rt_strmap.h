/*
 * rt_strmap.h — internal string-keyed hash table (insertion-ordered) behind Map and DefaultMap.
 *
 * Keys are private copies of the key text up to its first NUL. Values are raw pointers: the table
 * itself never retains or releases them — the owning collection decides (see map.c, defaultmap.c).
 */
#ifndef VIPER_RT_STRMAP_H
#define VIPER_RT_STRMAP_H

#include "rt_objects_internal.h"

typedef struct rt_strmap_entry {
    char *key;
    size_t klen;
    uint64_t hash;
    void *val;
} rt_strmap_entry;

typedef struct rt_strmap {
    rt_strmap_entry *entries; /* insertion order */
    int64_t len, cap;
    int64_t *slots; /* open addressing: entry index + 1, 0 = empty */
    int64_t nslots; /* power of two, > 2 * len */
} rt_strmap;

/* Entry for key text (klen bytes), or NULL. */
rt_strmap_entry *rt__strmap_find(rt_strmap *m, const char *key, size_t klen);
/* Entry for key, inserting one with val NULL when missing (*created tells which). */
rt_strmap_entry *rt__strmap_upsert(rt_strmap *m, const char *key, size_t klen, bool *created);
/* Remove key; returns true and the old value in *old when it existed. */
bool rt__strmap_remove(rt_strmap *m, const char *key, size_t klen, void **old);
/* Drop all entries (values untouched: caller releases them first). */
void rt__strmap_clear(rt_strmap *m);
/* Free all memory (after clear). */
void rt__strmap_free(rt_strmap *m);

#endif
