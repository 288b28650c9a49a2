/* test_ext2_misc.c — Lazy and BloomFilter (part D): edge cases and the corpus lazy / bloomfilter
 * demo values. */
#include "test_ext2_check.h"

#include <math.h>

static void test_lazy(void) {
    void *a = rt_lazy_of_i64(42);
    CHECK_EQ_I64(rt_lazy_get_i64(a), 42);
    CHECK(rt_lazy_is_evaluated(rt_lazy_of_i64(100)));
    CHECK_STR(rt_lazy_get_str(rt_lazy_of_str(S("hello lazy"))), "hello lazy");
    void *f = rt_lazy_of_i64(77);
    rt_lazy_force(f);
    CHECK(rt_lazy_is_evaluated(f));
    void *box = rt_box_i64(999);
    void *g = rt_lazy_of(box);
    CHECK_EQ_I64(rt__heap_hdr(box)->refcnt, 2);
    void *got = rt_lazy_get(g);
    CHECK(got == box);
    CHECK_EQ_I64(rt_unbox_i64(got), 999);
    CHECK_EQ_I64(rt_lazy_get_i64(g), 999);
    CHECK_STR(rt_lazy_get_str(g), "");
    CHECK_EQ_I64(rt_unbox_i64(rt_lazy_get(a)), 42);
    CHECK_STR(rt_lazy_get(rt_lazy_of_str(S("s"))), "s");
    CHECK_STR(rt_lazy_get_str(rt_lazy_of(rt_box_str(S("boxed")))), "boxed");
    CHECK(!rt_lazy_is_evaluated(NULL));
    CHECK(rt_lazy_get(NULL) == NULL && rt_lazy_get_i64(NULL) == 0);
    CHECK_STR(rt_lazy_get_str(NULL), "");
    rt__obj_release_and_free(g);
    rt__obj_release_and_free(got);
    CHECK_EQ_I64(rt__heap_hdr(box)->refcnt, 1);
}

static void test_bloom(void) {
    void *b = rt_bloomfilter_new(100, 0.01);
    CHECK_EQ_I64(rt_bloomfilter_count(b), 0);
    CHECK(rt_bloomfilter_fpr(b) == 0.0);
    rt_bloomfilter_add(b, S("apple"));
    rt_bloomfilter_add(b, S("banana"));
    rt_bloomfilter_add(b, S("cherry"));
    CHECK_EQ_I64(rt_bloomfilter_count(b), 3);
    CHECK(rt_bloomfilter_might_contain(b, S("apple")) && rt_bloomfilter_might_contain(b, S("cherry")));
    CHECK(!rt_bloomfilter_might_contain(b, S("grape")));
    char buf[40];
    rt__format_f64(rt_bloomfilter_fpr(b), buf);
    CHECK(strcmp(buf, "2.23655822550665e-12") == 0);
    rt_bloomfilter_add(b, S("date"));
    rt_bloomfilter_add(b, S("elderberry"));
    rt_bloomfilter_add(b, S("fig"));
    CHECK_EQ_I64(rt_bloomfilter_count(b), 6);
    void *c = rt_bloomfilter_new(100, 0.01);
    rt_bloomfilter_add(c, S("honeydew"));
    rt_bloomfilter_add(c, S("kiwi"));
    rt_bloomfilter_add(c, S("apple"));
    CHECK_EQ_I64(rt_bloomfilter_merge(b, c), 1);
    CHECK(rt_bloomfilter_might_contain(b, S("honeydew")) && rt_bloomfilter_might_contain(b, S("kiwi")));
    CHECK(rt_bloomfilter_might_contain(b, S("fig")));
    CHECK_EQ_I64(rt_bloomfilter_merge(b, rt_bloomfilter_new(10, 0.5)), 0);
    CHECK_EQ_I64(rt_bloomfilter_merge(b, NULL), 0);
    rt_bloomfilter_clear(b);
    CHECK_EQ_I64(rt_bloomfilter_count(b), 0);
    CHECK(!rt_bloomfilter_might_contain(b, S("apple")));
    /* no false negatives over many items; degenerate parameters are usable */
    void *d = rt_bloomfilter_new(0, 7.0);
    for (int i = 0; i < 500; i++) {
        snprintf(buf, sizeof buf, "item%d", i);
        rt_bloomfilter_add(d, S(buf));
    }
    int misses = 0;
    for (int i = 0; i < 500; i++) {
        snprintf(buf, sizeof buf, "item%d", i);
        misses += !rt_bloomfilter_might_contain(d, S(buf));
    }
    CHECK_EQ_I64(misses, 0);
    rt_bloomfilter_add(d, NULL);
    CHECK(rt_bloomfilter_might_contain(d, S("")));
    CHECK_EQ_I64(rt_bloomfilter_count(NULL), 0);
    CHECK(!rt_bloomfilter_might_contain(NULL, S("x")));
    rt_bloomfilter_add(NULL, S("x"));
    rt_bloomfilter_clear(NULL);
}

void run_tests(void) {
    test_lazy();
    test_bloom();
}
