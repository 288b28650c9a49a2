/*
 * modvar.c — module variables (RUNTIME-ABI §1.6): rt_modvar_addr_{i64,ptr,str}(name) return the
 * stable address of a zeroed 8-byte cell per (name text up to the first NUL, kind). Cells are
 * allocated individually and never freed or moved, so addresses stay valid for the whole process.
 * Lookups are cached by handle address (literal handles are static) in front of a text-keyed
 * hash table per kind. A NULL name traps `rt_string_cstr: null string`.
 */
#include "rt_strmap.h"

#include <string.h>

enum { MV_I64, MV_PTR, MV_STR, MV_KINDS };

static rt_strmap tables[MV_KINDS];

/* Direct-mapped cache: (kind, handle) → cell. Only valid for immortal handles, whose text cannot
 * change or be freed while the handle address is reused. */
#define MV_CACHE 256
static struct {
    const void *handle;
    int kind;
    void *cell;
} cache[MV_CACHE];

static void *modvar_addr(rt_string name, int kind) {
    const char *text = rt__key_cstr(name);
    bool immortal = name->refs == RT_REFS_IMMORTAL;
    size_t slot = (((uintptr_t)name >> 4) * 31u + (size_t)kind) % MV_CACHE;
    if (immortal && cache[slot].handle == name && cache[slot].kind == kind)
        return cache[slot].cell;
    bool created;
    rt_strmap_entry *e = rt__strmap_upsert(&tables[kind], text, strlen(text), &created);
    if (created) {
        int64_t *cell = rt__xmalloc(sizeof(int64_t));
        *cell = 0;
        e->val = cell;
    }
    if (immortal) {
        cache[slot].handle = name;
        cache[slot].kind = kind;
        cache[slot].cell = e->val;
    }
    return e->val;
}

void *rt_modvar_addr_i64(rt_string name) { return modvar_addr(name, MV_I64); }
void *rt_modvar_addr_ptr(rt_string name) { return modvar_addr(name, MV_PTR); }
void *rt_modvar_addr_str(rt_string name) { return modvar_addr(name, MV_STR); }
