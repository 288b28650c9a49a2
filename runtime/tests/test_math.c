/* test_math.c — Viper.Math scalar functions, pow traps and the RNG (RUNTIME-ABI §2.5, §3.4). */
#include "check.h"
#include "rt_core_abi.h"

#include <math.h>

static void check_num(double v, const char *expected) {
    char buf[32];
    CHECK_BYTES(buf, rt__format_f64(v, buf), expected);
}

static void test_basic(void) {
    CHECK(rt_abs_f64(-2.5) == 2.5);
    CHECK(!signbit(rt_abs_f64(-0.0)));
    CHECK(isnan(rt_abs_f64(NAN)));
    CHECK_EQ_I64(rt_abs_i64(-5), 5);
    CHECK_EQ_I64(rt_abs_i64(INT64_MAX), INT64_MAX);
    CHECK_EXITS(rt_abs_i64(INT64_MIN), 1, "rt_abs_i64: overflow");
    CHECK(rt_floor(-1.5) == -2 && rt_int_floor(-1.9) == -2 && rt_ceil(-1.5) == -1);
    CHECK(rt_round(2.5) == 3 && rt_round(-2.5) == -3 && rt_round(0.49) == 0);
    CHECK(rt_sqrt(16) == 4);
    check_num(rt_sqrt(-1), "NaN");
    check_num(rt_sin(1.57079632679), "1");
    check_num(rt_cos(1.57079632679), "4.89658886014675e-12");
    CHECK(rt_tan(0) == 0 && rt_atan(0) == 0 && rt_asin(0) == 0 && rt_acos(1) == 0);
    CHECK(rt_atan2(0, 1) == 0 && rt_sinh(0) == 0 && rt_cosh(0) == 1 && rt_tanh(0) == 0);
    CHECK(rt_exp(0) == 1 && rt_log(1) == 0 && rt_log10(1000) == 3 && rt_log2(8) == 3);
    CHECK(rt_trunc(-2.7) == -2 && rt_fix_trunc(2.7) == 2);
    CHECK(rt_fmod(7, 3) == 1 && rt_hypot(3, 4) == 5);
}

static void test_pow(void) {
    check_num(rt_pow_f64(-2, 3), "-8");
    CHECK(rt_pow_f64(2, 0.5) == sqrt(2));
    CHECK(rt_pow_f64(-8, 2) == 64);
    CHECK(rt_math_pow(2, 10) == 1024);
    CHECK(rt_pow_f64_chkdom(3, 2) == 9);
    CHECK_EXITS(rt_pow_f64(-2, 0.5), 1, "DomainError (code=0): Pow: domain error or overflow");
    CHECK_EXITS(rt_pow_f64(10, 400), 1, "Pow: domain error or overflow");
    CHECK_EXITS(rt_math_pow(-1, INFINITY), 1, "Pow: domain error or overflow");
    CHECK_EXITS(rt_pow_f64_chkdom(-2, 0.5), 1,
                "DomainError (code=0): rt_pow_f64_chkdom: negative base with fractional exponent");
    CHECK_EXITS(rt_pow_f64_chkdom(10, 400), 1, "Overflow (code=0): rt_pow_f64_chkdom: overflow");
}

static void test_rng(void) {
    vpr_start(0, NULL);
    const char *def[] = {"0.527255472761684", "0.214098445198722", "0.415373143036567",
                         "0.48766966287659", "0.548044902936557"};
    for (int i = 0; i < 5; i++)
        check_num(rt_rnd(), def[i]);
    rt_randomize_i64(42);
    check_num(rt_rnd(), "0.490021671765614");
    check_num(rt_rnd(), "0.468765184645378");
    check_num(rt_rnd(), "0.560224194785625");
    rt_randomize_i64(0);
    check_num(rt_rnd(), "0");
    check_num(rt_rnd(), "0.345000515994419");
    rt_randomize_i64(-1);
    check_num(rt_rnd(), "0.654999484005581");
    int in_range = 1;
    for (int i = 0; i < 1000; i++) {
        double r = rt_rnd();
        in_range &= r >= 0 && r < 1;
    }
    CHECK(in_range);
    vpr_start(0, NULL); /* start-up resets the state */
    check_num(rt_rnd(), def[0]);
}

void run_tests(void) {
    test_basic();
    test_pow();
    test_rng();
}
