/* test_convert.c — Convert.ToInt, Parse.Int64/Double, VAL, CINT/CLNG/CSNG/CDBL (RUNTIME-ABI §3.3). */
#include "check.h"
#include "rt_core_abi.h"

#include <math.h>

#define S(lit) rt__str_from_cstr(lit)

static void test_to_int(void) {
    CHECK_EQ_I64(rt_to_int(S("42")), 42);
    CHECK_EQ_I64(rt_to_int(S("  -17\t\n")), -17);
    CHECK_EQ_I64(rt_to_int(S("+5")), 5);
    CHECK_EQ_I64(rt_to_int(S("-9223372036854775808")), INT64_MIN);
    CHECK_EQ_I64(rt_to_int(S("0000000000000000000000000000000000000000000000000000000000000000000007")), 7);
    CHECK_EXITS(rt_to_int(NULL), 1, "rt_to_int: null");
    CHECK_EXITS(rt_to_int(S("   ")), 1, "INPUT: expected numeric value");
    CHECK_EXITS(rt_to_int(S("12x")), 1, "INPUT: expected numeric value");
    CHECK_EXITS(rt_to_int(S("1 2")), 1, "INPUT: expected numeric value");
    CHECK_EXITS(rt_to_int(S("abc")), 1, "INPUT: expected numeric value");
    CHECK_EXITS(rt_to_int(rt__str_new("1\0", 2)), 1, "INPUT: expected numeric value");
    CHECK_EXITS(rt_to_int(S("9223372036854775808")), 1, "INPUT: numeric overflow");
}

static void test_parse(void) {
    int64_t i = 99;
    CHECK_EQ_I64(rt_parse_int64("  123  ", &i), 0);
    CHECK_EQ_I64(i, 123);
    CHECK_EQ_I64(rt_parse_int64("-8", &i), 0);
    CHECK_EQ_I64(i, -8);
    i = 99;
    CHECK_EQ_I64(rt_parse_int64("", &i), 5);
    CHECK_EQ_I64(rt_parse_int64("   ", &i), 5);
    CHECK_EQ_I64(rt_parse_int64("12a", &i), 5);
    CHECK_EQ_I64(rt_parse_int64("x", &i), 5);
    CHECK_EQ_I64(rt_parse_int64("99999999999999999999", &i), 4);
    CHECK_EQ_I64(i, 99);
    CHECK_EQ_I64(rt_parse_int64(NULL, &i), 8);
    CHECK_EQ_I64(rt_parse_int64("1", NULL), 8);
    double d = 7;
    CHECK_EQ_I64(rt_parse_double(" 2.5 ", &d), 0);
    CHECK(d == 2.5);
    CHECK_EQ_I64(rt_parse_double("1e3", &d), 0);
    CHECK(d == 1000);
    d = 7;
    CHECK_EQ_I64(rt_parse_double("", &d), 5);
    CHECK_EQ_I64(rt_parse_double("1.5x", &d), 5);
    CHECK_EQ_I64(rt_parse_double("1e999", &d), 4);
    CHECK_EQ_I64(rt_parse_double("inf", &d), 4);
    CHECK_EQ_I64(rt_parse_double("nan", &d), 4);
    CHECK(d == 7);
    CHECK_EQ_I64(rt_parse_double(NULL, &d), 8);
    CHECK_EQ_I64(rt_parse_double("1", NULL), 8);
}

static void test_val(void) {
    bool ok = true;
    CHECK(rt_val_to_double("  3.5", &ok) == 3.5 && ok);
    CHECK(rt_val_to_double("-.5", &ok) == -0.5 && ok);
    CHECK(rt_val_to_double("+2 ", &ok) == 2 && ok);
    CHECK(rt_val_to_double("", &ok) == 0 && !ok);
    ok = true;
    CHECK(rt_val_to_double("abc", &ok) == 0 && !ok);
    ok = true;
    CHECK(rt_val_to_double("-x", &ok) == 0 && !ok);
    ok = true;
    CHECK(rt_val_to_double(".", &ok) == 0 && !ok);
    ok = true;
    CHECK(isnan(rt_val_to_double("NaN", &ok)) && !ok);
    ok = true;
    CHECK(rt_val_to_double("-Infinity", &ok) == -INFINITY && !ok);
    ok = true;
    CHECK(rt_val_to_double("inf", &ok) == INFINITY && !ok);
    ok = true;
    CHECK(rt_val_to_double("1,5", &ok) == 0 && !ok);
    ok = true;
    CHECK(rt_val_to_double("12abc", &ok) == 12 && !ok);
    ok = true;
    CHECK(rt_val_to_double("1e999", &ok) == INFINITY && !ok);
    CHECK(rt_val_to_double("1e3\t", &ok) == 1000 && ok);
    CHECK_EXITS(rt_val_to_double("1", NULL), 1, "rt_val_to_double: null ok");
    CHECK_EXITS(rt_val_to_double(NULL, &ok), 1, "rt_val_to_double: null string");
}

static void test_casts(void) {
    bool ok = false;
    CHECK_EQ_I64(rt_cint_from_double(2.5, &ok), 2);
    CHECK(ok);
    CHECK_EQ_I64(rt_cint_from_double(3.5, &ok), 4);
    CHECK_EQ_I64(rt_cint_from_double(-1.5, &ok), -2);
    CHECK_EQ_I64(rt_cint_from_double(-32768, &ok), -32768);
    CHECK(ok);
    CHECK_EQ_I64(rt_cint_from_double(32767.4, &ok), 32767);
    CHECK(ok);
    CHECK_EQ_I64(rt_cint_from_double(32767.5, &ok), 0);
    CHECK(!ok);
    ok = true;
    rt_cint_from_double(NAN, &ok);
    CHECK(!ok);
    CHECK_EXITS(rt_cint_from_double(1, NULL), 1, "rt_cast_i16: null ok");
    CHECK_EQ_I64(rt_clng_from_double(-2147483648.0, &ok), INT32_MIN);
    CHECK(ok);
    CHECK_EQ_I64(rt_clng_from_double(2147483647.0, &ok), INT32_MAX);
    CHECK_EQ_I64(rt_clng_from_double(2147483648.0, &ok), 0);
    CHECK(!ok);
    ok = true;
    rt_clng_from_double(INFINITY, &ok);
    CHECK(!ok);
    CHECK_EXITS(rt_clng_from_double(1, NULL), 1, "rt_cast_i32: null ok");
    double f = rt_csng_from_double(0.1, &ok);
    CHECK(ok);
    char buf[32];
    CHECK_BYTES(buf, rt__format_f64(f, buf), "0.100000001490116");
    rt_csng_from_double(1e300, &ok);
    CHECK(!ok);
    ok = true;
    rt_csng_from_double(NAN, &ok);
    CHECK(!ok);
    CHECK_EXITS(rt_csng_from_double(1, NULL), 1, "rt_csng_from_double: null ok");
    CHECK(rt_cdbl_from_any(1.25) == 1.25);
}

void run_tests(void) {
    test_to_int();
    test_parse();
    test_val();
    test_casts();
}
