/*
 * mathobj.c — the shared representation of the Viper.Math value objects (Vec2, Vec3, Mat3,
 * Mat4, Quat; see rt_math_abi.h) and Mat4.Get.
 *
 * Invariants: an object is a runtime collection (class id 0, payload starting with a NULL word)
 * whose finaliser is math_finalize; `tag` says which type it is and also equals the number of
 * doubles it holds, except Quat (tag 4, 4 doubles). Objects are immutable after creation.
 */
#include "rt_math_abi.h"
#include "rt_objects_internal.h"

#include <string.h>

typedef struct rt_mathobj {
    void *vptr; /* always NULL */
    int64_t tag;
    double v[];
} rt_mathobj;

static void math_finalize(void *p) { (void)p; }

static size_t tag_count(int tag) { return tag == RT_MATH_QUAT ? 4 : (size_t)tag; }

void *rt__math_new(int tag, const double *v) {
    size_t n = tag_count(tag);
    rt_mathobj *o = rt__collection_alloc(sizeof(rt_mathobj) + n * sizeof(double), math_finalize);
    o->tag = tag;
    memcpy(o->v, v, n * sizeof(double));
    return o;
}

bool rt__math_is(const void *p, int tag) {
    return rt__is_collection(p, math_finalize) && ((const rt_mathobj *)p)->tag == tag;
}

const double *rt__math_vals(const void *p, int tag, const char *fn) {
    if (!p)
        rt__trapf("%s: null object", fn);
    if (!rt__math_is(p, tag))
        rt__trapf("%s: wrong object type", fn);
    return ((const rt_mathobj *)p)->v;
}

double rt__math_comp(const void *p, int i, const char *fn) {
    if (!p)
        rt__trapf("%s: null object", fn);
    if (rt__is_collection(p, math_finalize)) {
        const rt_mathobj *o = p;
        int n = o->tag == RT_MATH_VEC2 ? 2 : o->tag == RT_MATH_VEC3 ? 3 : o->tag == RT_MATH_QUAT ? 4 : 0;
        if (i < n)
            return o->v[i];
    }
    rt__trapf("%s: wrong object type", fn);
}

double rt_mat4_get(void *m, int64_t row, int64_t col) {
    const double *v = rt__math_vals(m, RT_MATH_MAT4, "Mat4.Get");
    if (row < 0 || row > 3 || col < 0 || col > 3)
        rt__trap("Mat4.Get: index out of range");
    return v[row * 4 + col];
}
