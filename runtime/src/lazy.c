/*
 * lazy.c — Viper.Lazy: a memoising cell holding an i64, a string or an object.
 *
 * The ABI offers only the value constructors (OfI64 / OfStr / Of), so every Lazy is created
 * already evaluated (IsEvaluated is true from the start, as the reference reports) and Force is a
 * no-op beyond marking it evaluated. The cell owns its string/object (object protocol).
 * Get returns the object +1 (an i64 cell yields a new i64 box, a string cell its string);
 * GetI64 unboxes a numeric box, parses nothing and gives 0 for other contents; GetStr gives the
 * string (or a str box's string), "" otherwise. NULL reads as an empty cell (0 / "" / NULL).
 */
#include "rt_collections_abi.h"
#include "rt_lang_abi.h"
#include "rt_text_abi.h"
#include "rt_codec_internal.h"

enum { LAZY_I64 = 1, LAZY_OBJ = 2 };

typedef struct rt_lazy {
    void *vptr; /* always NULL */
    int64_t kind;
    bool evaluated;
    int64_t i;
    void *obj; /* owned: a string handle or an object, for LAZY_OBJ */
} rt_lazy;

static void lazy_finalize(void *p) {
    rt_lazy *l = p;
    void *o = l->obj;
    l->obj = NULL;
    rt__obj_release_and_free(o);
}

static rt_lazy *as_lazy(void *p) { return rt__is_collection(p, lazy_finalize) ? p : NULL; }

static rt_lazy *lazy_new(int64_t kind) {
    rt_lazy *l = rt__collection_alloc(sizeof(rt_lazy), lazy_finalize);
    l->kind = kind;
    l->evaluated = true;
    return l;
}

void *rt_lazy_of_i64(int64_t v) {
    rt_lazy *l = lazy_new(LAZY_I64);
    l->i = v;
    return l;
}

void *rt_lazy_of(void *v) {
    rt_lazy *l = lazy_new(LAZY_OBJ);
    rt_obj_retain_maybe(v);
    l->obj = v;
    return l;
}

void *rt_lazy_of_str(rt_string s) { return rt_lazy_of(s); }

bool rt_lazy_is_evaluated(void *p) {
    rt_lazy *l = as_lazy(p);
    return l && l->evaluated;
}

void rt_lazy_force(void *p) {
    rt_lazy *l = as_lazy(p);
    if (l)
        l->evaluated = true;
}

void *rt_lazy_get(void *p) {
    rt_lazy *l = as_lazy(p);
    if (!l)
        return NULL;
    l->evaluated = true;
    if (l->kind == LAZY_I64)
        return rt_box_i64(l->i);
    rt_obj_retain_maybe(l->obj);
    return l->obj;
}

int64_t rt_lazy_get_i64(void *p) {
    rt_lazy *l = as_lazy(p);
    if (!l)
        return 0;
    l->evaluated = true;
    if (l->kind == LAZY_I64)
        return l->i;
    if (rt__is_box(l->obj)) {
        const rt_box *b = l->obj;
        if (b->tag == RT_BOX_I64 || b->tag == RT_BOX_I1)
            return b->v.i;
    }
    return 0;
}

rt_string rt_lazy_get_str(void *p) {
    rt_lazy *l = as_lazy(p);
    rt_string s = NULL;
    if (l) {
        l->evaluated = true;
        if (rt__is_string(l->obj))
            s = l->obj;
        else if (rt__is_box(l->obj) && ((const rt_box *)l->obj)->tag == RT_BOX_STR)
            s = ((const rt_box *)l->obj)->v.s;
    }
    if (!s)
        return rt_str_empty();
    rt_str_retain_maybe(s);
    return s;
}
