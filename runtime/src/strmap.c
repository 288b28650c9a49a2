/*
 * strmap.c — insertion-ordered string-keyed hash table (see rt_strmap.h). FNV-1a hashing
 * (rt__fnv1a, also used for Map key order and Crypto.Hash.Fast), linear probing over an index
 * array; removal shifts the entry array and rebuilds the index, so entries always stay in
 * insertion order.
 */
#include "rt_strmap.h"

#include <stdlib.h>
#include <string.h>

uint64_t rt__fnv1a(const void *p, size_t n) {
    const unsigned char *s = p;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static void reindex(rt_strmap *m, int64_t nslots) {
    free(m->slots);
    m->slots = rt__xmalloc((size_t)nslots * sizeof(int64_t));
    memset(m->slots, 0, (size_t)nslots * sizeof(int64_t));
    m->nslots = nslots;
    for (int64_t i = 0; i < m->len; i++) {
        uint64_t j = m->entries[i].hash & (uint64_t)(nslots - 1);
        while (m->slots[j])
            j = (j + 1) & (uint64_t)(nslots - 1);
        m->slots[j] = i + 1;
    }
}

/* Slot index holding key, or the empty slot where it would go. */
static uint64_t probe(const rt_strmap *m, const char *key, size_t klen, uint64_t h) {
    uint64_t mask = (uint64_t)(m->nslots - 1), j = h & mask;
    while (m->slots[j]) {
        const rt_strmap_entry *e = &m->entries[m->slots[j] - 1];
        if (e->hash == h && e->klen == klen && memcmp(e->key, key, klen) == 0)
            break;
        j = (j + 1) & mask;
    }
    return j;
}

rt_strmap_entry *rt__strmap_find(rt_strmap *m, const char *key, size_t klen) {
    if (m->len == 0)
        return NULL;
    uint64_t j = probe(m, key, klen, rt__fnv1a(key, klen));
    return m->slots[j] ? &m->entries[m->slots[j] - 1] : NULL;
}

rt_strmap_entry *rt__strmap_upsert(rt_strmap *m, const char *key, size_t klen, bool *created) {
    rt_strmap_entry *e = rt__strmap_find(m, key, klen);
    *created = (e == NULL);
    if (e)
        return e;
    if (m->len == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 8;
        m->entries = rt__xrealloc(m->entries, (size_t)m->cap * sizeof *m->entries);
    }
    uint64_t h = rt__fnv1a(key, klen);
    e = &m->entries[m->len];
    e->key = rt__xmalloc(klen + 1);
    memcpy(e->key, key, klen);
    e->key[klen] = 0;
    e->klen = klen;
    e->hash = h;
    e->val = NULL;
    m->len++;
    if (m->nslots < 2 * m->len + 2) {
        reindex(m, m->nslots ? m->nslots * 2 : 16);
    } else {
        m->slots[probe(m, key, klen, h)] = m->len;
    }
    return e;
}

bool rt__strmap_remove(rt_strmap *m, const char *key, size_t klen, void **old) {
    rt_strmap_entry *e = rt__strmap_find(m, key, klen);
    if (!e)
        return false;
    int64_t i = e - m->entries;
    *old = e->val;
    free(e->key);
    memmove(&m->entries[i], &m->entries[i + 1], (size_t)(m->len - i - 1) * sizeof *e);
    m->len--;
    reindex(m, m->nslots);
    return true;
}

void rt__strmap_clear(rt_strmap *m) {
    for (int64_t i = 0; i < m->len; i++)
        free(m->entries[i].key);
    m->len = 0;
    if (m->slots)
        memset(m->slots, 0, (size_t)m->nslots * sizeof(int64_t));
}

void rt__strmap_free(rt_strmap *m) {
    rt__strmap_clear(m);
    free(m->entries);
    free(m->slots);
    m->entries = NULL;
    m->slots = NULL;
    m->cap = m->nslots = 0;
}

const char *rt__key_cstr(rt_string s) {
    if (!s)
        rt__trap("rt_string_cstr: null string");
    return rt__str_bytes(s);
}
