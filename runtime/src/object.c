/*
 * object.c — user objects, the class registry, type tests, interfaces and the generic Object
 * functions (RUNTIME-ABI §1.4, §3.6).
 *
 * Objects are heap blocks (kind RT_KIND_OBJECT) with the class id in the header. The class registry
 * maps a type id (low 32 bits, as the reference reads `int`) to its vtable, name and base id; it only
 * grows. BASIC objects keep their vtable pointer at payload offset 0; rt_typeid_of matches that word
 * against the registered vtables.
 */
#include "rt_objects_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct rt_class {
    int32_t type_id;
    int32_t base_id; /* -1 for a root class */
    void **vtable;
    rt_string qname; /* kept alive: one reference taken at registration */
    int64_t nslots;
} rt_class;

typedef struct rt_iface_bind {
    int32_t type_id;
    int32_t iface_id;
    void **itable;
} rt_iface_bind;

static rt_class *classes;
static size_t nclasses, capclasses;
static rt_iface_bind *binds;
static size_t nbinds, capbinds;
static int32_t *ifaces;
static size_t nifaces, capifaces;

static void *grow(void *arr, size_t *cap, size_t elem) {
    size_t ncap = *cap ? *cap * 2 : 16;
    void *p = rt__xrealloc(arr, ncap * elem);
    *cap = ncap;
    return p;
}

static rt_class *find_class(int32_t id) {
    for (size_t i = 0; i < nclasses; i++)
        if (classes[i].type_id == id)
            return &classes[i];
    return NULL;
}

void *rt_obj_new_i64(int64_t class_id, int64_t size) {
    if (size < 0)
        rt__trapf("rt_obj_new_i64: allocation failed (class_id=%" PRId64 ", size=%" PRId64 " bytes)",
                  class_id, size);
    void *p = rt__heap_alloc(RT_KIND_OBJECT, RT_ELEM_NONE, (size_t)size);
    rt__heap_hdr(p)->class_id = class_id;
    return p;
}

int64_t rt_obj_class_id(void *p) {
    if (!p || rt__is_string(p))
        return 0;
    return rt__heap_hdr(p)->class_id;
}

void rt_register_class_with_base_rs(int64_t type_id, void **vtable, rt_string qname, int64_t nslots,
                                    int64_t base_id) {
    if (!vtable)
        return;
    int32_t id = (int32_t)type_id;
    rt_class *c = find_class(id);
    if (!c) {
        if (nclasses == capclasses)
            classes = grow(classes, &capclasses, sizeof *classes);
        c = &classes[nclasses++];
        c->qname = NULL;
    }
    rt_str_retain_maybe(qname);
    rt_str_release_maybe(c->qname);
    c->type_id = id;
    c->vtable = vtable;
    c->qname = qname;
    c->nslots = nslots;
    int32_t base = (int32_t)base_id;
    c->base_id = (base >= 0 && find_class(base)) ? base : -1;
}

void **rt_get_class_vtable(int64_t type_id) {
    rt_class *c = find_class((int32_t)type_id);
    return c ? c->vtable : NULL;
}

/* The registered class whose vtable is the word at offset 0 of obj, or NULL. */
static rt_class *class_of(void *obj) {
    if (!obj || rt__is_string(obj))
        return NULL;
    const rt_heap_hdr *h = rt__heap_hdr(obj);
    if (h->magic != RT_HEAP_MAGIC || h->alloc_size < sizeof(rt_heap_hdr) + sizeof(void *))
        return NULL; /* too small to hold a vtable word */
    void *word = *(void **)obj;
    if (!word)
        return NULL;
    for (size_t i = 0; i < nclasses; i++)
        if ((void *)classes[i].vtable == word)
            return &classes[i];
    return NULL;
}

int64_t rt_typeid_of(void *obj) {
    rt_class *c = class_of(obj);
    return c ? c->type_id : -1;
}

int64_t rt_type_is_a(int64_t t, int64_t u) {
    int32_t cur = (int32_t)t, target = (int32_t)u;
    if (cur == target)
        return 1;
    /* Walk the base chain; bounded by the number of classes (guards against cycles). */
    for (size_t steps = 0; steps <= nclasses; steps++) {
        rt_class *c = find_class(cur);
        if (!c || c->base_id < 0)
            return 0;
        cur = c->base_id;
        if (cur == target)
            return 1;
    }
    return 0;
}

void *rt_cast_as(void *obj, int64_t u) {
    rt_class *c = class_of(obj);
    if (!c)
        return NULL;
    return rt_type_is_a(c->type_id, u) ? obj : NULL;
}

void rt_register_interface_direct(int64_t iface_id, void *qname, int64_t nslots) {
    (void)qname;
    (void)nslots;
    int32_t id = (int32_t)iface_id;
    for (size_t i = 0; i < nifaces; i++)
        if (ifaces[i] == id)
            return;
    if (nifaces == capifaces)
        ifaces = grow(ifaces, &capifaces, sizeof *ifaces);
    ifaces[nifaces++] = id;
}

void rt_bind_interface(int64_t type_id, int64_t iface_id, void **itable) {
    if (!itable)
        return;
    for (size_t i = 0; i < nbinds; i++)
        if (binds[i].type_id == (int32_t)type_id && binds[i].iface_id == (int32_t)iface_id) {
            binds[i].itable = itable;
            return;
        }
    if (nbinds == capbinds)
        binds = grow(binds, &capbinds, sizeof *binds);
    binds[nbinds].type_id = (int32_t)type_id;
    binds[nbinds].iface_id = (int32_t)iface_id;
    binds[nbinds].itable = itable;
    nbinds++;
}

void **rt__itable_lookup(int64_t type_id, int64_t iface_id) {
    /* A class implements an interface if it or an ancestor was bound to it. */
    int32_t cur = (int32_t)type_id;
    for (size_t steps = 0; steps <= nclasses; steps++) {
        for (size_t i = 0; i < nbinds; i++)
            if (binds[i].type_id == cur && binds[i].iface_id == (int32_t)iface_id)
                return binds[i].itable;
        rt_class *c = find_class(cur);
        if (!c || c->base_id < 0)
            return NULL;
        cur = c->base_id;
    }
    return NULL;
}

bool rt_obj_equals(void *a, void *b) { return a == b; }
bool rt_obj_reference_equals(void *a, void *b) { return a == b; }

rt_string rt_obj_to_string(void *p) {
    char buf[64];
    if (!p)
        return rt__str_from_cstr("<null>");
    if (rt__is_string(p))
        return (rt_string)p;
    if (rt__is_box(p)) {
        const rt_box *b = p;
        switch (b->tag) {
        case RT_BOX_I64:
            snprintf(buf, sizeof buf, "%" PRId64, b->v.i);
            return rt__str_from_cstr(buf);
        case RT_BOX_F64:
            snprintf(buf, sizeof buf, "%.15g", b->v.f);
            return rt__str_from_cstr(buf);
        case RT_BOX_I1:
            return rt__str_from_cstr(b->v.i ? "True" : "False");
        case RT_BOX_STR:
            if (!b->v.s)
                return rt_str_empty();
            rt_str_retain_maybe(b->v.s);
            return b->v.s;
        default:
            break;
        }
    }
    rt_class *c = class_of(p);
    if (c && c->qname)
        return rt__str_new(rt__str_bytes(c->qname), strlen(rt__str_bytes(c->qname)));
    return rt__str_from_cstr("Object");
}
