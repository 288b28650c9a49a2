/*
 * box.c — boxed values (RUNTIME-ABI §1.5, §3.8): a heap block of kind RT_KIND_BOX holding an i64
 * tag (0 i64, 1 f64, 2 i1, 3 str) and an 8-byte value. A str box owns one reference to its string,
 * released by the box finaliser. Box.ValueType is not a box: a plain zeroed object payload.
 */
#include "rt_objects_internal.h"

#include <string.h>

static void box_finalize(void *p) {
    rt_box *b = p;
    if (b->tag == RT_BOX_STR) {
        rt_string s = b->v.s;
        b->v.s = NULL;
        rt_str_release_maybe(s);
    }
}

static rt_box *box_new(int64_t tag) {
    rt_box *b = rt__heap_alloc(RT_KIND_BOX, RT_ELEM_BOX, sizeof(rt_box));
    rt__heap_hdr(b)->finalizer = box_finalize;
    b->tag = tag;
    return b;
}

bool rt__is_box(const void *p) {
    if (!p || rt__is_string(p))
        return false;
    const rt_heap_hdr *h = rt__heap_hdr(p);
    return h->magic == RT_HEAP_MAGIC && h->kind == RT_KIND_BOX;
}

void *rt_box_i64(int64_t v) {
    rt_box *b = box_new(RT_BOX_I64);
    b->v.i = v;
    return b;
}

void *rt_box_f64(double v) {
    rt_box *b = box_new(RT_BOX_F64);
    b->v.f = v;
    return b;
}

void *rt_box_i1(int64_t v) {
    rt_box *b = box_new(RT_BOX_I1);
    b->v.i = v ? 1 : 0;
    return b;
}

void *rt_box_str(rt_string s) {
    rt_box *b = box_new(RT_BOX_STR);
    rt_str_retain_maybe(s);
    b->v.s = s;
    return b;
}

/* The box b checked against tag, or a trap `<fn>: null pointer` / `<fn>: type mismatch (expected T)`. */
static const rt_box *unbox(const void *b, int64_t tag, const char *fn, const char *tname) {
    if (!b)
        rt__trapf("%s: null pointer", fn);
    if (!rt__is_box(b) || ((const rt_box *)b)->tag != tag)
        rt__trapf("%s: type mismatch (expected %s)", fn, tname);
    return b;
}

int64_t rt_unbox_i64(void *b) { return unbox(b, RT_BOX_I64, "rt_unbox_i64", "i64")->v.i; }
double rt_unbox_f64(void *b) { return unbox(b, RT_BOX_F64, "rt_unbox_f64", "f64")->v.f; }
int64_t rt_unbox_i1(void *b) { return unbox(b, RT_BOX_I1, "rt_unbox_i1", "i1")->v.i != 0; }

rt_string rt_unbox_str(void *b) {
    rt_string s = unbox(b, RT_BOX_STR, "rt_unbox_str", "str")->v.s;
    rt_str_retain_maybe(s);
    return s;
}

/* Box.Type: the tag of a box; -1 for NULL or a non-box. */
int64_t rt_box_type(void *b) { return rt__is_box(b) ? ((const rt_box *)b)->tag : -1; }

bool rt_box_eq_i64(void *b, int64_t v) {
    return rt__is_box(b) && ((const rt_box *)b)->tag == RT_BOX_I64 && ((const rt_box *)b)->v.i == v;
}

bool rt_box_eq_f64(void *b, double v) {
    return rt__is_box(b) && ((const rt_box *)b)->tag == RT_BOX_F64 && ((const rt_box *)b)->v.f == v;
}

bool rt_box_eq_str(void *b, rt_string s) {
    if (!rt__is_box(b) || ((const rt_box *)b)->tag != RT_BOX_STR)
        return false;
    rt_string bs = ((const rt_box *)b)->v.s;
    size_t n = rt__str_len(bs);
    return n == rt__str_len(s) && memcmp(rt__str_bytes(bs), rt__str_bytes(s), n) == 0;
}

void *rt_box_value_type(int64_t size) {
    if (size <= 0)
        return NULL;
    return rt__heap_alloc(RT_KIND_OBJECT, RT_ELEM_NONE, (size_t)size);
}
