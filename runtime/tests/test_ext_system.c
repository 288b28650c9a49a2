/* test_ext_system.c — Convert.ToDouble, Terminal batches, Memory.GC, Log and the comparison
 * asserts of Diagnostics (part C). */
#include "test_ext_check.h"

#include <math.h>

static void test_to_double(void) {
    CHECK(rt_to_double(S("3.14")) == 3.14);
    CHECK(rt_to_double(S("  -2.5e3 \n")) == -2500.0);
    CHECK(rt_to_double(S("42")) == 42.0);
    CHECK_EXITS(rt_to_double(S("abc")), 1, "INPUT: expected numeric value");
    CHECK_EXITS(rt_to_double(S("1.5x")), 1, "INPUT: expected numeric value");
    CHECK_EXITS(rt_to_double(S("   ")), 1, "INPUT: expected numeric value");
    CHECK_EXITS(rt_to_double(S("1e999")), 1, "INPUT: numeric overflow");
    CHECK_EXITS(rt_to_double(NULL), 1, "rt_to_double: null");
    CHECK_EQ_I64(rt_to_int(S(" 12 ")), 12); /* shared trimming helper */
    CHECK_EXITS(rt_to_int(rt__str_new("1\0002", 3)), 1, "INPUT: expected numeric value");
}

static void test_system(void) {
    rt_term_begin_batch();
    rt_term_begin_batch();
    rt_term_end_batch();
    rt_term_end_batch();
    rt_term_end_batch(); /* unbalanced end is harmless */
    CHECK_EQ_I64(rt_gc_tracked_count(), 0);
    CHECK_EQ_I64(rt_gc_pass_count(), 0);
    CHECK_EQ_I64(rt_gc_collect(), 0);
    CHECK_EQ_I64(rt_gc_pass_count(), 1);
    CHECK_EQ_I64(rt_gc_total_collected(), 0);
    CHECK(!rt_log_enabled(0) && rt_log_enabled(1) && rt_log_enabled(3) && !rt_log_enabled(4));
    rt_log_set_level(0);
    CHECK(rt_log_enabled(0) && rt_log_enabled(3));
    rt_log_set_level(3);
    CHECK(!rt_log_enabled(2) && rt_log_enabled(3));
    rt_log_set_level(99);
    CHECK(!rt_log_enabled(3));
    rt_log_set_level(0);
    CHECK_EXITS((rt_log_warn(S("careful")), rt__trap("after")), 1, " careful\n");
    rt_log_set_level(4);
    CHECK_EXITS((rt_log_error(S("hidden")), rt__trap("after")), 1, "after");
}

static void test_asserts(void) {
    rt_diag_assert_eq(42, 42, S("m"));
    rt_diag_assert_neq(1, 2, NULL);
    rt_diag_assert_eq_num(3.14, 3.14, NULL);
    rt_diag_assert_eq_str(S("hello"), S("hello"), NULL);
    rt_diag_assert_eq_str(NULL, rt_str_empty(), NULL);
    rt_diag_assert_gt(10, 5, NULL);
    rt_diag_assert_gte(5, 5, NULL);
    rt_diag_assert_lt(-1, 0, NULL);
    rt_diag_assert_lte(5, 5, NULL);
    rt_diag_assert_null(NULL, NULL);
    rt_diag_assert_not_null(S("x"), NULL);
    CHECK_EXITS(rt_diag_assert_eq(1, 2, NULL), 1, "AssertEq failed: expected 1, got 2");
    CHECK_EXITS(rt_diag_assert_eq(1, 2, S("ctx")), 1, "ctx: AssertEq failed");
    CHECK_EXITS(rt_diag_assert_neq(3, 3, NULL), 1, "AssertNeq failed: 3 vs 3");
    CHECK_EXITS(rt_diag_assert_gt(5, 5, NULL), 1, "AssertGt failed");
    CHECK_EXITS(rt_diag_assert_gte(4, 5, NULL), 1, "AssertGte failed");
    CHECK_EXITS(rt_diag_assert_lt(5, 5, NULL), 1, "AssertLt failed");
    CHECK_EXITS(rt_diag_assert_lte(6, 5, NULL), 1, "AssertLte failed");
    CHECK_EXITS(rt_diag_assert_eq_num(NAN, NAN, NULL), 1, "expected NaN, got NaN");
    CHECK_EXITS(rt_diag_assert_eq_str(S("a"), S("b"), NULL), 1,
                "AssertEqStr failed: expected \"a\", got \"b\"");
    CHECK_EXITS(rt_diag_assert_null(S("x"), NULL), 1, "AssertNull failed");
    CHECK_EXITS(rt_diag_assert_not_null(NULL, NULL), 1, "AssertNotNull failed");
}

void run_tests(void) {
    test_to_double();
    test_system();
    test_asserts();
}
