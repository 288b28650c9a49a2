/* test_array.c — i64/f64/object/string arrays, resize sharing, OOB panic (RUNTIME-ABI §1.3, §3.5). */
#include "check.h"
#include "rt_objects_internal.h"

#define REFS(p) ((long long)rt__heap_hdr(p)->refcnt)

static void test_i64(void) {
    int64_t *a = rt_arr_i64_new(6);
    CHECK_EQ_I64(rt_arr_i64_len(a), 6);
    CHECK_EQ_I64(rt_arr_i64_len(NULL), 0);
    for (int i = 0; i < 6; i++)
        CHECK_EQ_I64(rt_arr_i64_get(a, i), 0);
    rt_arr_i64_set(a, 5, -42);
    CHECK_EQ_I64(rt_arr_i64_get(a, 5), -42);
    rt_arr_i64_retain(a);
    CHECK_EQ_I64(REFS(a), 2);
    rt_arr_i64_release(a);
    CHECK_EQ_I64(REFS(a), 1);
    rt_arr_i64_retain(NULL);
    rt_arr_i64_release(NULL);
    CHECK_EXITS(rt_arr_i64_get(a, 6), 134, "rt_arr_i32: index 6 out of bounds (len=6)");
    CHECK_EXITS(rt_arr_i64_get(a, -1), 134, "index 18446744073709551615 out of bounds (len=6)");
    CHECK_EXITS(rt_arr_i64_set(NULL, 0, 1), 134, "index 0 out of bounds (len=0)");
    CHECK_EXITS(rt_arr_oob_panic(3, 2), 134, "rt_arr_i32: index 3 out of bounds (len=2)\n");
    /* abort loses buffered stdout */
    CHECK_EXITS((printf("lost"), rt_arr_oob_panic(0, 0)), 134, NULL);
    int64_t *e = rt_arr_i64_new(0);
    CHECK(e != NULL);
    CHECK_EQ_I64(rt_arr_i64_len(e), 0);
    rt_arr_i64_release(e);
    CHECK_EXITS(rt_arr_i64_new(-1), 1, "negative length");
    rt_arr_i64_release(a);
}

static void test_resize(void) {
    /* NULL → new */
    int64_t *a = rt_arr_i64_resize(NULL, 3);
    CHECK_EQ_I64(rt_arr_i64_len(a), 3);
    CHECK_EQ_I64(REFS(a), 1);
    rt_arr_i64_set(a, 2, 9);
    /* shrink in place, then grow within cap: newly exposed elements zeroed */
    int64_t *b = rt_arr_i64_resize(a, 1);
    CHECK(b == a);
    CHECK_EQ_I64(rt_arr_i64_len(a), 1);
    b = rt_arr_i64_resize(a, 3);
    CHECK(b == a);
    CHECK_EQ_I64(rt_arr_i64_get(a, 2), 0);
    /* grow, unshared: same contents, zero-filled tail */
    rt_arr_i64_set(a, 0, 5);
    int64_t *c = rt_arr_i64_resize(a, 100);
    CHECK_EQ_I64(rt_arr_i64_len(c), 100);
    CHECK_EQ_I64(rt_arr_i64_get(c, 0), 5);
    CHECK_EQ_I64(rt_arr_i64_get(c, 99), 0);
    CHECK_EQ_I64(REFS(c), 1);
    /* grow, shared: fresh copy, old released once (sharing broken) */
    rt_arr_i64_retain(c);
    int64_t *d = rt_arr_i64_resize(c, 200);
    CHECK(d != c);
    CHECK_EQ_I64(REFS(c), 1);
    CHECK_EQ_I64(REFS(d), 1);
    CHECK_EQ_I64(rt_arr_i64_get(d, 0), 5);
    CHECK_EQ_I64(rt_arr_i64_get(d, 150), 0);
    rt_arr_i64_set(d, 0, 19);
    CHECK_EQ_I64(rt_arr_i64_get(c, 0), 5);
    /* shrink while shared stays in place */
    rt_arr_i64_retain(c);
    CHECK(rt_arr_i64_resize(c, 2) == c);
    CHECK_EQ_I64(REFS(c), 2);
    CHECK(rt_arr_i64_resize(c, -1) == NULL);
    rt_arr_i64_release(c);
    rt_arr_i64_release(c);
    rt_arr_i64_release(d);
}

static void test_f64(void) {
    double *a = rt_arr_f64_new(3);
    CHECK(rt_arr_f64_get(a, 1) == 0.0);
    rt_arr_f64_set(a, 1, 2.5);
    CHECK(rt_arr_f64_get(a, 1) == 2.5);
    CHECK_EQ_I64(rt_arr_f64_len(a), 3);
    CHECK_EQ_I64(rt_arr_i64_len((int64_t *)a), 3); /* BASIC bounds-checks DOUBLE arrays this way */
    rt_arr_f64_retain(a);
    rt_arr_i64_retain((int64_t *)a);
    CHECK_EQ_I64(REFS(a), 3);
    rt_arr_i64_release((int64_t *)a);
    rt_arr_f64_release(a);
    CHECK_EQ_I64(rt_arr_f64_len(NULL), 0);
    CHECK_EXITS(rt_arr_f64_get(a, 3), 134, "index 3 out of bounds (len=3)");
    CHECK_EXITS(rt_arr_f64_set(a, -2, 1.0), 134, "out of bounds");
    rt_arr_f64_release(a);
}

static void test_obj(void) {
    void **a = rt_arr_obj_new(2);
    CHECK_EQ_I64(rt_arr_obj_len(a), 2);
    CHECK_EQ_I64(rt_arr_obj_len(NULL), 0);
    CHECK(rt_arr_obj_get(a, 0) == NULL);
    void *o = rt_obj_new_i64(1, 16);
    rt_arr_obj_put(a, 0, o);
    CHECK_EQ_I64(REFS(o), 2);
    void *g = rt_arr_obj_get(a, 0);
    CHECK(g == o);
    CHECK_EQ_I64(REFS(o), 3); /* get is +1 */
    rt_obj_release_check0(o);
    /* replacing releases the old element */
    void *o2 = rt_obj_new_i64(1, 16);
    rt_arr_obj_put(a, 0, o2);
    CHECK_EQ_I64(REFS(o), 1);
    CHECK_EQ_I64(REFS(o2), 2);
    /* put the same element again: retain first, so it survives */
    rt_arr_obj_put(a, 0, o2);
    CHECK_EQ_I64(REFS(o2), 2);
    /* strings as elements */
    rt_string s = rt__str_from_cstr("element string that is long enough");
    rt_arr_obj_put(a, 1, s);
    CHECK_EQ_I64(s->refs, 2);
    /* release: elements released even though the array survives elsewhere */
    rt_arr_i64_retain((int64_t *)a);
    rt_arr_obj_release(a);
    CHECK_EQ_I64(REFS(o2), 1);
    CHECK_EQ_I64(s->refs, 1);
    CHECK(a[0] == NULL && a[1] == NULL);
    CHECK_EQ_I64(REFS(a), 1);
    rt_arr_obj_release(a);
    rt_arr_obj_release(NULL);
    CHECK_EXITS(rt_arr_obj_get(NULL, 0), 134, "out of bounds (len=0)");
    CHECK_EXITS(rt_arr_obj_put(a, 5, NULL), 134, NULL);
    rt_obj_release_check0(o);
    rt_obj_free(o);
    rt__obj_release_and_free(o2);
    rt_str_release_maybe(s);
}

static void test_str(void) {
    rt_string *a = rt_arr_str_alloc(3);
    CHECK_EQ_I64(rt_arr_str_len(a), 3);
    CHECK_EQ_I64(rt_arr_str_len(NULL), 0);
    CHECK(rt_arr_str_get(a, 0) == NULL);
    rt_string s = rt__str_from_cstr("some string value of decent length");
    rt_arr_str_put(a, 0, s);
    CHECK_EQ_I64(s->refs, 2);
    rt_string g = rt_arr_str_get(a, 0);
    CHECK(g == s);
    CHECK_EQ_I64(s->refs, 3);
    rt_str_release_maybe(g);
    rt_arr_str_put(a, 0, NULL);
    CHECK_EQ_I64(s->refs, 1);
    rt_arr_str_put(a, 1, s);
    rt_arr_str_put(a, 2, s);
    CHECK_EQ_I64(s->refs, 3);
    rt_arr_i64_retain((int64_t *)a);
    rt_arr_str_release(a, 0); /* elements untouched */
    CHECK_EQ_I64(s->refs, 3);
    CHECK_EQ_I64(REFS(a), 1);
    rt_arr_i64_retain((int64_t *)a);
    rt_arr_str_release(a, 2); /* first two released and cleared */
    CHECK_EQ_I64(s->refs, 2);
    CHECK(a[1] == NULL);
    CHECK(a[2] == s);
    CHECK_EXITS(rt_arr_str_get(a, 3), 134, "index 3 out of bounds (len=3)");
    CHECK_EXITS(rt_arr_str_put(a, -1, s), 134, NULL);
    rt_arr_str_release(a, 99); /* n clamped to len */
    CHECK_EQ_I64(s->refs, 1);
    rt_arr_str_release(NULL, 3);
    rt_str_release_maybe(s);
}

void run_tests(void) {
    test_i64();
    test_resize();
    test_f64();
    test_obj();
    test_str();
}
