/* test_ext4_functional.c — Viper.Result and Viper.LazySeq (RUNTIME-EXTENDED §25-§26): payloads,
 * ToString formats, the abort() failures (status 134, stderr line), lazy sequence semantics
 * (index, exhaustion, peek, adapters sharing their sources) and the Reset quirk. */
#include "test_ext4_check.h"

#include <math.h>

static void test_result(void) {
    void *ok = rt_result_ok_i64(42), *okf = rt_result_ok_f64(3.14159265), *oks = rt_result_ok_str(S("yay"));
    rt_string msg = S("something failed");
    void *err = rt_result_err_str(msg);
    CHECK(rt_result_is_ok(ok) && !rt_result_is_err(ok));
    CHECK(rt_result_is_err(err) && !rt_result_is_ok(err));
    CHECK(!rt_result_is_ok(NULL) && !rt_result_is_err(NULL));
    CHECK_EQ_I64(rt_result_unwrap_i64(ok), 42);
    CHECK(rt_result_unwrap_f64(okf) == 3.14159265);
    CHECK_STR(rt_result_unwrap_str(oks), "yay");
    CHECK_STR(rt_result_unwrap_err_str(err), "something failed");
    CHECK_EQ_I64(msg->refs, 3); /* retained by the Result, +1 from UnwrapErrStr */
    CHECK_EQ_I64(rt_result_unwrap_or_i64(ok, 7), 42);
    CHECK_EQ_I64(rt_result_unwrap_or_i64(err, 7), 7);
    CHECK_EQ_I64(rt_result_unwrap_or_i64(okf, 7), 7); /* wrong kind */
    CHECK_EQ_I64(rt_result_unwrap_or_i64(NULL, 7), 7);
    CHECK(rt_result_unwrap_or_f64(okf, 1.0) == 3.14159265 && rt_result_unwrap_or_f64(ok, 1.0) == 1.0);
    CHECK_STR(rt_result_unwrap_or_str(oks, S("d")), "yay");
    CHECK_STR(rt_result_unwrap_or_str(err, S("d")), "d");
    CHECK(rt_result_unwrap_or_str(NULL, NULL) == NULL);
    CHECK_STR(rt_result_to_string(ok), "Ok(42)");
    CHECK_STR(rt_result_to_string(err), "Err(\"something failed\")");
    CHECK_STR(rt_result_to_string(okf), "Ok(3.14159)"); /* VM-checked */
    CHECK_STR(rt_result_to_string(rt_result_ok_f64(1e20)), "Ok(1e+20)");
    CHECK_STR(rt_result_to_string(rt_result_ok_f64(INFINITY)), "Ok(inf)");
    CHECK_STR(rt_result_to_string(rt_result_ok_i64(-5)), "Ok(-5)");
    CHECK_STR(rt_result_to_string(oks), "Ok(\"yay\")");
    CHECK_STR(rt_result_to_string(rt_result_err_str(NULL)), "Err(\"\")");
    CHECK_STR(rt_result_to_string(NULL), "Result(null)");
    CHECK(rt_result_expect(ok, S("m")) == (void *)(intptr_t)42);
    CHECK(rt_result_expect(oks, NULL) == rt_result_unwrap_str(oks));
    CHECK(!rt_result_is_ok(rt_seq_new())); /* another object reads as NULL */
    /* failures: stderr line + abort() (status 134) */
    CHECK_EXITS(rt_result_unwrap_i64(err), 134, "Result trap: Unwrap called on Err Result");
    CHECK_EXITS(rt_result_unwrap_i64(NULL), 134, "Result trap: Unwrap called on NULL Result");
    CHECK_EXITS(rt_result_unwrap_i64(okf), 134, "Result trap: Unwrap i64 called on non-i64 Result");
    CHECK_EXITS(rt_result_unwrap_f64(ok), 134, "Result trap: Unwrap f64 called on non-f64 Result");
    CHECK_EXITS(rt_result_unwrap_str(ok), 134, "Result trap: Unwrap string called on non-string Result");
    CHECK_EXITS(rt_result_unwrap_err_str(ok), 134, "Result trap: UnwrapErr called on Ok Result");
    CHECK_EXITS(rt_result_unwrap_err_str(NULL), 134, "Result trap: UnwrapErr called on NULL Result");
    CHECK_EXITS(rt_result_expect(err, S("need it")), 134, "Result expect: need it");
    CHECK_EXITS(rt_result_expect(NULL, S("need it")), 134, "Result expect: need it (NULL Result)");
    CHECK_EXITS(rt_result_expect(err, NULL), 134, "Result expect: assertion failed");
    /* stdout written before the abort is not flushed (as the reference) */
    CHECK_EXITS((printf("lost"), rt_result_unwrap_i64(err)), 134, NULL);
    rt__obj_release_and_free(err);
    CHECK_EQ_I64(msg->refs, 2);
}

static int64_t ival(void *b) { return rt_unbox_i64(b); }

static void test_lazyseq(void) {
    void *r = rt_lazyseq_w_range(1, 10, 1);
    CHECK_EQ_I64(rt_lazyseq_w_index(r), 0);
    CHECK(!rt_lazyseq_w_is_exhausted(r));
    CHECK_EQ_I64(ival(rt_lazyseq_w_next(r)), 1);
    CHECK_EQ_I64(ival(rt_lazyseq_w_peek(r)), 2);
    CHECK_EQ_I64(rt_lazyseq_w_index(r), 1);
    CHECK_EQ_I64(ival(rt_lazyseq_w_next(r)), 2);
    CHECK_EQ_I64(rt_lazyseq_w_index(r), 2);
    void *five = rt_lazyseq_w_range(1, 5, 1);
    CHECK_EQ_I64(rt_lazyseq_w_count(five), 4);
    CHECK(rt_lazyseq_w_is_exhausted(five));
    CHECK(rt_lazyseq_w_next(five) == NULL && rt_lazyseq_w_peek(five) == NULL);
    /* negative steps, empty ranges, step 0 */
    void *down = rt_lazyseq_w_to_seq_n(rt_lazyseq_w_range(10, 0, -3), 10);
    CHECK_EQ_I64(rt_seq_len(down), 4);
    CHECK_EQ_I64(ival(rt__seq_at(down, 3)), 1);
    void *empty = rt_lazyseq_w_range(5, 5, 1);
    CHECK(!rt_lazyseq_w_is_exhausted(empty)); /* fresh: not exhausted even if empty */
    CHECK_EQ_I64(rt_lazyseq_w_count(empty), 0);
    CHECK(rt_lazyseq_w_is_exhausted(empty));
    CHECK(rt_lazyseq_w_range(1, 10, 0) == NULL);
    CHECK_EQ_I64(rt_lazyseq_w_count(rt_lazyseq_w_range(INT64_MAX - 2, INT64_MAX, 5)), 1);
    /* Repeat */
    void *b = rt_box_i64(7);
    void *rep = rt_lazyseq_w_repeat(b, 3);
    CHECK(rt_lazyseq_w_next(rep) == b);
    CHECK(rt_lazyseq_w_peek(rep) == b);
    CHECK_EQ_I64(rt_lazyseq_w_index(rep), 1);
    CHECK_EQ_I64(rt_lazyseq_w_count(rep), 2);
    CHECK_EQ_I64(rt_lazyseq_w_count(rt_lazyseq_w_repeat(b, 0)), 0);
    void *forever = rt_lazyseq_w_repeat(b, -1);
    CHECK_EQ_I64(rt_seq_len(rt_lazyseq_w_to_seq_n(forever, 50)), 50);
    CHECK(!rt_lazyseq_w_is_exhausted(forever));
    CHECK_EQ_I64(rt_lazyseq_w_count(rt_lazyseq_w_take(forever, 1000)), 1000);
    /* Take / Drop / Concat: the corpus numbers */
    CHECK_EQ_I64(rt_lazyseq_w_count(rt_lazyseq_w_take(rt_lazyseq_w_range(1, 100, 1), 5)), 5);
    CHECK_EQ_I64(rt_lazyseq_w_count(rt_lazyseq_w_drop(rt_lazyseq_w_range(1, 10, 1), 5)), 4);
    CHECK_EQ_I64(rt_lazyseq_w_count(rt_lazyseq_w_drop(rt_lazyseq_w_range(1, 3, 1), 5)), 0);
    void *cat = rt_lazyseq_w_concat(rt_lazyseq_w_range(1, 3, 1), rt_lazyseq_w_range(10, 12, 1));
    void *cs = rt_lazyseq_w_to_seq_n(cat, 10);
    CHECK_EQ_I64(rt_seq_len(cs), 4);
    CHECK_EQ_I64(ival(rt__seq_at(cs, 2)), 10);
    CHECK(rt_lazyseq_w_is_exhausted(cat));
    CHECK(rt_lazyseq_w_take(NULL, 1) == NULL && rt_lazyseq_w_take(r, -1) == NULL);
    CHECK(rt_lazyseq_w_drop(r, -1) == NULL && rt_lazyseq_w_concat(r, NULL) == NULL);
    /* adapters consume their source */
    void *src = rt_lazyseq_w_range(0, 10, 1);
    void *tk = rt_lazyseq_w_take(src, 3);
    CHECK_EQ_I64(rt_lazyseq_w_count(tk), 3);
    CHECK_EQ_I64(rt_lazyseq_w_index(src), 3);
    CHECK_EQ_I64(ival(rt_lazyseq_w_next(src)), 3);
    /* Reset: index/exhausted cleared, Range not rewound */
    void *r3 = rt_lazyseq_w_range(1, 3, 1);
    CHECK_EQ_I64(rt_lazyseq_w_count(r3), 2);
    rt_lazyseq_w_reset(r3);
    CHECK_EQ_I64(rt_lazyseq_w_index(r3), 0);
    CHECK(!rt_lazyseq_w_is_exhausted(r3));
    CHECK_EQ_I64(rt_lazyseq_w_count(r3), 0);
    void *t2 = rt_lazyseq_w_take(rt_lazyseq_w_range(0, 100, 1), 2);
    CHECK_EQ_I64(rt_lazyseq_w_count(t2), 2);
    rt_lazyseq_w_reset(t2); /* Take's counter reset; the source continues where it was */
    void *t2s = rt_lazyseq_w_to_seq_n(t2, 5);
    CHECK_EQ_I64(rt_seq_len(t2s), 2);
    CHECK_EQ_I64(ival(rt__seq_at(t2s, 0)), 2);
    /* ToSeqN */
    CHECK_EQ_I64(rt_seq_len(rt_lazyseq_w_to_seq_n(rt_lazyseq_w_range(0, 5, 1), 0)), 0);
    CHECK_EQ_I64(rt_seq_len(rt_lazyseq_w_to_seq_n(NULL, 5)), 0);
    /* NULL */
    CHECK(rt_lazyseq_w_next(NULL) == NULL && rt_lazyseq_w_peek(NULL) == NULL);
    CHECK(rt_lazyseq_w_index(NULL) == 0 && rt_lazyseq_w_is_exhausted(NULL));
    CHECK_EQ_I64(rt_lazyseq_w_count(NULL), 0);
    rt_lazyseq_w_reset(NULL);
    /* ownership: the repeated value is retained by the sequence and released with it */
    void *v = rt_box_i64(1);
    void *rv = rt_lazyseq_w_repeat(v, 2);
    rt_lazyseq_w_next(rv);
    CHECK(REFCNT(v) >= 2);
    rt__obj_release_and_free(rv);
    CHECK_EQ_I64(REFCNT(v), 1);
}

void run_tests(void) {
    test_result();
    test_lazyseq();
}
