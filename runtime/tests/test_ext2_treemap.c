/* test_ext2_treemap.c — TreeMap (part D): ordering, floor/ceil, ownership, the corpus treemap demo
 * and sweep values. */
#include "test_ext2_check.h"

static int64_t refs(void *p) { return (int64_t)rt__heap_hdr(p)->refcnt; }

static void test_demo(void) {
    void *m = rt_treemap_new();
    CHECK_EQ_I64(rt_treemap_len(m), 0);
    CHECK(rt_treemap_is_empty(m));
    CHECK_STR(rt_treemap_first(m), "");
    CHECK_STR(rt_treemap_last(m), "");
    rt_treemap_set(m, S("cherry"), rt_box_str(S("red")));
    rt_treemap_set(m, S("apple"), rt_box_str(S("green")));
    rt_treemap_set(m, S("banana"), rt_box_str(S("yellow")));
    rt_treemap_set(m, S("date"), rt_box_str(S("brown")));
    CHECK_EQ_I64(rt_treemap_len(m), 4);
    CHECK(!rt_treemap_is_empty(m));
    CHECK_STR(rt_unbox_str(rt_treemap_get(m, S("apple"))), "green");
    CHECK(rt_treemap_has(m, S("apple")) && !rt_treemap_has(m, S("fig")));
    CHECK(rt_treemap_get(m, S("fig")) == NULL);
    rt_treemap_set(m, S("apple"), rt_box_str(S("red")));
    CHECK_STR(rt_unbox_str(rt_treemap_get(m, S("apple"))), "red");
    CHECK_EQ_I64(rt_treemap_len(m), 4);
    CHECK_STR(rt_treemap_first(m), "apple");
    CHECK_STR(rt_treemap_last(m), "date");
    CHECK_STR(rt_treemap_floor(m, S("cat")), "banana");
    CHECK_STR(rt_treemap_ceil(m, S("cat")), "cherry");
    CHECK_STR(rt_treemap_floor(m, S("apple")), "apple");
    CHECK_STR(rt_treemap_ceil(m, S("date")), "date");
    CHECK_STR(rt_treemap_floor(m, S("aaa")), "");
    CHECK_STR(rt_treemap_ceil(m, S("zzz")), "");
    void *keys = rt_treemap_keys(m);
    CHECK_EQ_I64(rt_seq_len(keys), 4);
    CHECK_STR(SEQ_STR(keys, 0), "apple");
    CHECK_STR(SEQ_STR(keys, 3), "date");
    void *vals = rt_treemap_values(m);
    CHECK_STR(rt_unbox_str(rt__seq_at(vals, 1)), "yellow");
    CHECK(rt_treemap_drop(m, S("banana")));
    CHECK(!rt_treemap_has(m, S("banana")));
    CHECK(!rt_treemap_drop(m, S("banana")));
    CHECK_EQ_I64(rt_treemap_len(m), 3);
    rt_treemap_clear(m);
    CHECK(rt_treemap_is_empty(m));
}

static void test_ownership_and_null(void) {
    void *m = rt_treemap_new();
    void *v = rt_box_i64(5);
    rt_treemap_set(m, S("k"), v);
    CHECK_EQ_I64(refs(v), 2);
    void *got = rt_treemap_get(m, S("k")); /* +1 */
    CHECK(got == v);
    CHECK_EQ_I64(refs(v), 3);
    rt_obj_release_check0(got);
    rt_treemap_set(m, S("k"), rt_box_i64(6));
    CHECK_EQ_I64(refs(v), 1);
    rt_treemap_set(m, S("s"), S("raw string value"));
    CHECK_STR(rt_treemap_get(m, S("s")), "raw string value");
    CHECK(rt_treemap_drop(m, S("k")));
    CHECK_EQ_I64(rt_treemap_len(NULL), 0);
    CHECK(rt_treemap_is_empty(NULL));
    CHECK(!rt_treemap_has(NULL, S("a")) && !rt_treemap_drop(NULL, S("a")));
    rt_treemap_set(NULL, S("a"), v);
    CHECK_STR(rt_treemap_floor(NULL, S("a")), "");
    CHECK_EQ_I64(rt_seq_len(rt_treemap_keys(NULL)), 0);
    CHECK_EXITS(rt_treemap_set(m, NULL, v), 1, "null string");
    /* many keys, inserted out of order, stay sorted (byte order: "B" < "a") */
    void *big = rt_treemap_new();
    for (int i = 99; i >= 0; i--) {
        char k[8];
        snprintf(k, sizeof k, "k%02d", i);
        rt_treemap_set(big, S(k), rt_box_i64(i));
    }
    rt_treemap_set(big, S("B"), NULL);
    CHECK_EQ_I64(rt_treemap_len(big), 101);
    CHECK_STR(rt_treemap_first(big), "B");
    CHECK_STR(rt_treemap_last(big), "k99");
    CHECK_STR(rt_treemap_ceil(big, S("k505")), "k51");
    CHECK_STR(rt_treemap_floor(big, S("k505")), "k50");
    CHECK(rt_treemap_has(big, S("B")) && rt_treemap_get(big, S("B")) == NULL);
    rt__obj_release_and_free(big);
}

void run_tests(void) {
    test_demo();
    test_ownership_and_null();
}
