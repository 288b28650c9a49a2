/*
 * memory.c — raw, non-reference-counted memory for IL (RUNTIME-ABI §3.9): rt_alloc returns a
 * zero-filled block that never moves and is never freed (vtables, itables).
 */
#include "rt_objects_internal.h"

#include <stdlib.h>

void *rt_alloc(int64_t bytes) {
    if (bytes < 0)
        rt__trap("negative allocation");
    void *p = calloc(1, bytes ? (size_t)bytes : 1);
    if (!p)
        rt__trap("out of memory");
    return p;
}
