/*
 * modvar.c — module variables (RUNTIME-ABI §1.6, RUNTIME-SYSTEM §10 for f64):
 * rt_modvar_addr_{i64,f64,ptr,str}(name) return the
 * stable address of a zeroed 8-byte cell per (name text up to the first NUL, kind). Cells are
 * allocated individually and never freed or moved, so addresses stay valid for the whole process.
 * Lookups are cached by handle address (literal handles are static) in front of a text-keyed
 * hash table per kind. A NULL name traps `rt_string_cstr: null string`. The f64 cell starts as +0.0
 * (all-zero bits) and has its own name space.
 * Threads (RUNTIME-SYSTEM §2.0): once the runtime has started a thread (rt__mt) every lookup and
 * creation runs under one lock (cells never move, so returned addresses stay valid unlocked).
 */
#include "rt_strmap.h"
#include "rt_threads_abi.h"

#include <pthread.h>
#include <string.h>

enum { MV_I64, MV_PTR, MV_STR, MV_F64, MV_KINDS };

static rt_strmap tables[MV_KINDS];

/* Direct-mapped cache: (kind, handle) → cell. Only valid for immortal handles, whose text cannot
 * change or be freed while the handle address is reused. */
#define MV_CACHE 256
static struct {
    const void *handle;
    int kind;
    void *cell;
} cache[MV_CACHE];

static size_t cache_slot(rt_string name, int kind) {
    return (((uintptr_t)name >> 4) * 31u + (size_t)kind) % MV_CACHE;
}

/* The cached cell of (name, kind), or NULL. Only immortal handles are cached, and an immortal
 * handle is never freed, so no other string can have its address: a match needs no text
 * compare, no refcount read and no C-string view (the fast path of every access a front end
 * makes: about 15 instructions instead of 50). A NULL name never matches (the cache starts
 * zeroed), so it reaches rt__key_cstr and traps. */
static void *cached(rt_string name, int kind) {
    size_t slot = cache_slot(name, kind);
    if (name && cache[slot].handle == name && cache[slot].kind == kind)
        return cache[slot].cell;
    return NULL;
}

/* The cell of (name, kind) from the text-keyed table, created if new; an immortal handle is
 * cached. */
static void *lookup(rt_string name, int kind) {
    const char *text = rt__key_cstr(name);
    bool immortal = __atomic_load_n(&name->refs, __ATOMIC_RELAXED) == RT_REFS_IMMORTAL;
    bool created;
    rt_strmap_entry *e = rt__strmap_upsert(&tables[kind], text, strlen(text), &created);
    if (created) {
        int64_t *cell = rt__xmalloc(sizeof(int64_t));
        *cell = 0;
        e->val = cell;
    }
    if (immortal) {
        size_t slot = cache_slot(name, kind);
        cache[slot].handle = name;
        cache[slot].kind = kind;
        cache[slot].cell = e->val;
    }
    return e->val;
}

static pthread_mutex_t modvar_lock = PTHREAD_MUTEX_INITIALIZER;

/* Everything but a single-threaded cache hit: kept out of line, so that the hit saves no
 * registers. */
__attribute__((noinline)) static void *modvar_addr_slow(rt_string name, int kind) {
    if (!rt__mt())
        return lookup(name, kind);
    if (!name)
        rt__key_cstr(name); /* traps before taking the lock */
    pthread_mutex_lock(&modvar_lock);
    void *cell = cached(name, kind);
    if (!cell)
        cell = lookup(name, kind);
    pthread_mutex_unlock(&modvar_lock);
    return cell;
}

static inline void *modvar_addr(rt_string name, int kind) {
    void *cell = rt__mt() ? NULL : cached(name, kind);
    return cell ? cell : modvar_addr_slow(name, kind);
}

void *rt_modvar_addr_i64(rt_string name) { return modvar_addr(name, MV_I64); }
void *rt_modvar_addr_ptr(rt_string name) { return modvar_addr(name, MV_PTR); }
void *rt_modvar_addr_str(rt_string name) { return modvar_addr(name, MV_STR); }
void *rt_modvar_addr_f64(rt_string name) { return modvar_addr(name, MV_F64); }
