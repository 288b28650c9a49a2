/*
 * rt_objects_internal.h — internal declarations shared by the object half of the runtime
 * (heap objects, arrays, objects/classes, boxes, collections, module variables, files, terminal).
 *
 * Invariants:
 *   - Every runtime collection is a heap object (kind RT_KIND_OBJECT, class id 0) whose payload
 *     starts with a NULL pointer word (so Object.ToString gives `Object` and it is never mistaken for
 *     a string handle or a BASIC object with a vtable), and whose finaliser releases its elements.
 *   - Collections own one reference to every element they hold (object protocol: strings are
 *     retained/released as strings, see rt_obj_retain_maybe).
 * Naming: `rt_*` are ABI functions (RUNTIME-ABI.md); `rt__*` are internal helpers.
 */
#ifndef VIPER_RT_OBJECTS_INTERNAL_H
#define VIPER_RT_OBJECTS_INTERNAL_H

#include "rt_internal.h"
#include "rt_objects_abi.h"

/* ---- heap helpers ------------------------------------------------------------------------- */

/* Allocate a runtime collection object: kind OBJECT, class id 0, zeroed payload of `size` bytes
 * (size >= sizeof(void *)), with the given finaliser; refcount 1. */
void *rt__collection_alloc(size_t size, rt_finalizer fin);
/* True if p is a heap payload of the given kind whose finaliser is `fin` (NULL p → false). */
bool rt__is_collection(const void *p, rt_finalizer fin);
/* True if p (non-NULL, not a string) is a box made by rt_box_*. */
bool rt__is_box(const void *p);
/* checked malloc/realloc: trap `out of memory` on failure; size 0 is allowed. */
void *rt__xmalloc(size_t n);
void *rt__xrealloc(void *p, size_t n);
/* C-string view of s up to the first NUL; NULL traps `rt_string_cstr: null string`. */
const char *rt__key_cstr(rt_string s);

/* ---- boxes -------------------------------------------------------------------------------- */

enum rt_box_tag { RT_BOX_I64 = 0, RT_BOX_F64 = 1, RT_BOX_I1 = 2, RT_BOX_STR = 3 };
typedef struct rt_box {
    int64_t tag;
    union {
        int64_t i;
        double f;
        rt_string s;
    } v;
} rt_box;


/* ---- Seq (used by String.Split/Join, Map.Keys/Values, ...; ABI functions rt_seq_* in
 * rt_objects_abi.h: rt_seq_new, rt_seq_push (retains), rt_seq_get (+1), rt_seq_len) ---------- */

/* Element i borrowed, or NULL when s is not a Seq/List or i is out of range (no trap). */
void *rt__seq_at(void *s, int64_t i);
/* Append v taking over the caller's reference (no retain). */
void rt__seq_push_owned(void *s, void *v);
/* True if p is a Seq (or a List: both share the vector representation). */
bool rt__is_seq(const void *p);

/* ---- Map ---------------------------------------------------------------------------------- */

/* True if p is a Map (map.c). */
bool rt__is_map(const void *p);
/* The keys of Map m in the reference VM's observable order — its hash-table bucket order: FNV-1a
 * of the key modulo a table capacity that starts at 16 and doubles while the key count exceeds 3/4
 * of it, ties in insertion order (map.c; used by Json.Format and Toml.Format). Returns a malloc'd
 * array (free it) of *n key handles borrowed from *keys, a new +1 Seq the caller releases. */
rt_string *rt__map_keys_vm_order(void *m, void **keys, int64_t *n);
/* 64-bit FNV-1a of n bytes (strmap.c): the Map key hash, also Crypto.Hash.Fast. */
uint64_t rt__fnv1a(const void *p, size_t n);

/* ---- classes ----------------------------------------------------------------------------- */

/* The itable bound for (type or one of its ancestors, interface), or NULL. */
void **rt__itable_lookup(int64_t type_id, int64_t iface_id);

#endif
