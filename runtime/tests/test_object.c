/* test_object.c — objects, class registry, type tests, interfaces, Object.ToString/Equals, boxes
 * (RUNTIME-ABI §1.4, §1.5, §3.6, §3.8). */
#include "check.h"
#include "rt_objects_internal.h"

#include <math.h>

#define REFS(p) ((long long)rt__heap_hdr(p)->refcnt)
#define CHECK_STR(s, lit) CHECK_BYTES(rt__str_bytes(s), rt__str_len(s), lit)

static struct rt_string_impl lit_person = {RT_STR_MAGIC, (char *)"PERSON", NULL, 6, RT_REFS_IMMORTAL};
static struct rt_string_impl lit_student = {RT_STR_MAGIC, (char *)"STUDENT", NULL, 7, RT_REFS_IMMORTAL};

static void test_objects(void) {
    void *o = rt_obj_new_i64(42, 24);
    CHECK_EQ_I64(rt_obj_class_id(o), 42);
    CHECK_EQ_I64(rt_obj_class_id(NULL), 0);
    CHECK_EQ_I64(REFS(o), 1);
    unsigned char *b = o;
    int zero = 1;
    for (int i = 0; i < 24; i++)
        zero &= b[i] == 0;
    CHECK(zero);
    void *z = rt_obj_new_i64(3, 0);
    CHECK(z != NULL);
    CHECK_EQ_I64(rt_typeid_of(z), -1); /* too small for a vtable word: never read */
    rt_string s = rt_obj_to_string(z);
    CHECK_STR(s, "Object");
    rt_str_release_maybe(s);
    CHECK_EXITS(rt_obj_new_i64(5, -1), 1, "rt_obj_new_i64: allocation failed (class_id=5, size=-1 bytes)");
    CHECK(rt_obj_equals(o, o));
    CHECK(!rt_obj_equals(o, z));
    CHECK(rt_obj_equals(NULL, NULL));
    CHECK(rt_obj_reference_equals(o, o));
    CHECK(!rt_obj_reference_equals(o, NULL));
}

static void test_classes(void) {
    void **vt_person = rt_alloc(8), **vt_student = rt_alloc(8), **vt_other = rt_alloc(8);
    CHECK(rt_get_class_vtable(1) == NULL);
    rt_register_class_with_base_rs(1, vt_person, &lit_person, 1, -1);
    rt_register_class_with_base_rs(2, vt_student, &lit_student, 1, 1);
    rt_register_class_with_base_rs(3, NULL, &lit_person, 0, -1); /* ignored */
    CHECK(rt_get_class_vtable(1) == vt_person);
    CHECK(rt_get_class_vtable(2) == vt_student);
    CHECK(rt_get_class_vtable(3) == NULL);
    CHECK(rt_get_class_vtable(0x100000002LL) == vt_student); /* low 32 bits */

    void *p = rt_obj_new_i64(1, 16);
    *(void **)p = rt_get_class_vtable(1);
    void *st = rt_obj_new_i64(2, 16);
    *(void **)st = rt_get_class_vtable(2);
    void *plain = rt_obj_new_i64(9, 16);
    *(void **)plain = vt_other;
    CHECK_EQ_I64(rt_typeid_of(p), 1);
    CHECK_EQ_I64(rt_typeid_of(st), 2);
    CHECK_EQ_I64(rt_typeid_of(plain), -1);
    CHECK_EQ_I64(rt_typeid_of(NULL), -1);
    CHECK_EQ_I64(rt_type_is_a(2, 1), 1);
    CHECK_EQ_I64(rt_type_is_a(2, 2), 1);
    CHECK_EQ_I64(rt_type_is_a(1, 2), 0);
    CHECK_EQ_I64(rt_type_is_a(77, 77), 1);
    CHECK_EQ_I64(rt_type_is_a(77, 1), 0);
    CHECK(rt_cast_as(st, 1) == st);
    CHECK_EQ_I64(REFS(st), 1); /* no retain */
    CHECK(rt_cast_as(p, 2) == NULL);
    CHECK(rt_cast_as(NULL, 1) == NULL);
    CHECK(rt_cast_as(plain, 1) == NULL);

    rt_string s = rt_obj_to_string(p);
    CHECK_STR(s, "PERSON");
    rt_str_release_maybe(s);
    s = rt_obj_to_string(st);
    CHECK_STR(s, "STUDENT");
    rt_str_release_maybe(s);
    s = rt_obj_to_string(plain);
    CHECK_STR(s, "Object");
    rt_str_release_maybe(s);

    /* interfaces */
    rt_register_interface_direct(10, &lit_person, 2);
    rt_register_interface_direct(10, NULL, 2);
    void **it = rt_alloc(0);
    rt_bind_interface(1, 10, it);
    rt_bind_interface(1, 11, NULL); /* ignored */
    CHECK(rt__itable_lookup(1, 10) == it);
    CHECK(rt__itable_lookup(2, 10) == it); /* inherited */
    CHECK(rt__itable_lookup(1, 11) == NULL);
    CHECK(rt__itable_lookup(5, 10) == NULL);
}

static void test_to_string(void) {
    rt_string s = rt_obj_to_string(NULL);
    CHECK_STR(s, "<null>");
    rt_str_release_maybe(s);
    rt_string lit = rt__str_from_cstr("text");
    rt_string same = rt_obj_to_string(lit);
    CHECK(same == lit);
    CHECK_EQ_I64(lit->refs, 1); /* no retain */
    void *b = rt_box_i64(-12);
    s = rt_obj_to_string(b);
    CHECK_STR(s, "-12");
    rt_str_release_maybe(s);
    rt__obj_release_and_free(b);
    b = rt_box_f64(0.1);
    s = rt_obj_to_string(b);
    CHECK_STR(s, "0.1");
    rt_str_release_maybe(s);
    rt__obj_release_and_free(b);
    b = rt_box_f64(-INFINITY);
    s = rt_obj_to_string(b);
    CHECK_STR(s, "-inf");
    rt_str_release_maybe(s);
    rt__obj_release_and_free(b);
    b = rt_box_f64(NAN);
    s = rt_obj_to_string(b);
    CHECK(strstr(rt__str_bytes(s), "nan") != NULL);
    rt_str_release_maybe(s);
    rt__obj_release_and_free(b);
    b = rt_box_i1(1);
    s = rt_obj_to_string(b);
    CHECK_STR(s, "True");
    rt_str_release_maybe(s);
    rt__obj_release_and_free(b);
    b = rt_box_i1(0);
    s = rt_obj_to_string(b);
    CHECK_STR(s, "False");
    rt_str_release_maybe(s);
    rt__obj_release_and_free(b);
    b = rt_box_str(lit);
    CHECK_EQ_I64(lit->refs, 2);
    s = rt_obj_to_string(b);
    CHECK(s == lit);
    CHECK_EQ_I64(lit->refs, 3); /* +1 */
    rt_str_release_maybe(s);
    rt__obj_release_and_free(b); /* box finaliser releases its string */
    CHECK_EQ_I64(lit->refs, 1);
    void *m = rt_map_new();
    s = rt_obj_to_string(m);
    CHECK_STR(s, "Object");
    rt_str_release_maybe(s);
    rt__obj_release_and_free(m);
    rt_str_release_maybe(lit);
}

static void test_boxes(void) {
    void *b = rt_box_i64(7);
    CHECK_EQ_I64(REFS(b), 1);
    CHECK_EQ_I64(rt_unbox_i64(b), 7);
    CHECK_EQ_I64(rt_box_type(b), 0);
    CHECK(rt_box_eq_i64(b, 7));
    CHECK(!rt_box_eq_i64(b, 8));
    CHECK(!rt_box_eq_f64(b, 7.0));
    CHECK_EXITS(rt_unbox_str(b), 1, "rt_unbox_str: type mismatch (expected str)");
    CHECK_EXITS(rt_unbox_f64(b), 1, "rt_unbox_f64: type mismatch (expected f64)");
    CHECK_EXITS(rt_unbox_i64(NULL), 1, "rt_unbox_i64: null pointer");
    CHECK_EXITS(rt_unbox_str(NULL), 1, "rt_unbox_str: null pointer");
    CHECK_EXITS(rt_unbox_i1(NULL), 1, "rt_unbox_i1: null pointer");
    CHECK_EXITS(rt_unbox_i64(rt__str_from_cstr("x")), 1, "rt_unbox_i64: type mismatch (expected i64)");
    rt__obj_release_and_free(b);

    b = rt_box_f64(2.5);
    CHECK(rt_unbox_f64(b) == 2.5);
    CHECK_EQ_I64(rt_box_type(b), 1);
    CHECK(rt_box_eq_f64(b, 2.5));
    CHECK_EXITS(rt_unbox_i64(b), 1, "rt_unbox_i64: type mismatch (expected i64)");
    rt__obj_release_and_free(b);

    b = rt_box_i1(5);
    CHECK_EQ_I64(rt_unbox_i1(b), 1);
    CHECK_EQ_I64(rt_box_type(b), 2);
    rt__obj_release_and_free(b);

    rt_string s = rt__str_from_cstr("boxed string");
    b = rt_box_str(s);
    CHECK_EQ_I64(s->refs, 2);
    CHECK_EQ_I64(rt_box_type(b), 3);
    rt_string u = rt_unbox_str(b);
    CHECK(u == s);
    CHECK_EQ_I64(s->refs, 3);
    rt_str_release_maybe(u);
    rt_string t = rt__str_from_cstr("boxed string");
    CHECK(rt_box_eq_str(b, t));
    rt_str_release_maybe(t);
    CHECK(!rt_box_eq_str(b, NULL));
    CHECK(!rt_box_eq_str(NULL, s));
    rt__obj_release_and_free(b);
    CHECK_EQ_I64(s->refs, 1);
    rt_str_release_maybe(s);

    b = rt_box_str(NULL);
    CHECK(rt_unbox_str(b) == NULL);
    rt__obj_release_and_free(b);
    CHECK_EQ_I64(rt_box_type(NULL), -1);

    unsigned char *v = rt_box_value_type(24);
    CHECK(v != NULL);
    CHECK(v[0] == 0 && v[23] == 0);
    CHECK_EQ_I64(REFS(v), 1);
    CHECK(!rt__is_box(v));
    CHECK(rt_box_value_type(0) == NULL);
    CHECK(rt_box_value_type(-3) == NULL);
    rt__obj_release_and_free(v);
}

void run_tests(void) {
    test_objects();
    test_classes();
    test_to_string();
    test_boxes();
}
