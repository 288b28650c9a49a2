/* test_math2_bigint.c — BigInt (bigint.c): arithmetic, bit operations, conversions, traps, and the
 * corpus bigint demo values. */
#include "test_math2_check.h"

static void *I(int64_t v) { return rt_bigint_from_i64(v); }
static void *B(const char *s) { return rt_bigint_from_str(S(s)); }
#define CHECK_BI(x, lit) CHECK_STR(rt_bigint_to_str(x), lit)

static void test_basic(void) {
    CHECK_BI(I(42), "42");
    CHECK_BI(I(-100), "-100");
    CHECK_BI(I(0), "0");
    CHECK_BI(I(INT64_MIN), "-9223372036854775808");
    CHECK_BI(B("123456789012345678901234567890"), "123456789012345678901234567890");
    CHECK_BI(B("-999"), "-999");
    CHECK_BI(B("+007"), "7");
    CHECK_BI(B("-0"), "0");
    CHECK_BI(rt_bigint_add(I(42), I(-100)), "-58");
    CHECK_BI(rt_bigint_add(B("18446744073709551615"), I(1)), "18446744073709551616");
    CHECK_BI(rt_bigint_sub(I(42), I(-100)), "142");
    CHECK_BI(rt_bigint_sub(I(42), I(42)), "0");
    CHECK_BI(rt_bigint_sub(I(-5), I(-7)), "2");
    CHECK_BI(rt_bigint_mul(I(42), I(-100)), "-4200");
    CHECK_BI(rt_bigint_mul(I(42), I(0)), "0");
    CHECK_BI(rt_bigint_mul(B("123456789012345678901234567890"), B("-987654321098765432109876543210")),
             "-121932631137021795226185032733622923332237463801111263526900");
    CHECK_BI(rt_bigint_div(I(42), I(10)), "4");
    CHECK_BI(rt_bigint_div(I(-100), I(10)), "-10");
    CHECK_BI(rt_bigint_div(I(-7), I(2)), "-3");
    CHECK_BI(rt_bigint_mod(I(-7), I(2)), "-1");
    CHECK_BI(rt_bigint_mod(I(42), I(10)), "2");
    CHECK_BI(rt_bigint_div(B("121932631137021795226185032733622923332237463801111263526900"),
                           B("123456789012345678901234567890")),
             "987654321098765432109876543210");
    CHECK_BI(rt_bigint_neg(I(42)), "-42");
    CHECK_BI(rt_bigint_neg(I(0)), "0");
    CHECK_BI(rt_bigint_abs(I(-100)), "100");
    CHECK_EQ_I64(rt_bigint_cmp(I(42), I(-100)), 1);
    CHECK_EQ_I64(rt_bigint_cmp(I(-100), I(42)), -1);
    CHECK_EQ_I64(rt_bigint_cmp(I(-100), I(-42)), -1);
    CHECK_EQ_I64(rt_bigint_cmp(I(42), I(42)), 0);
    CHECK(rt_bigint_eq(I(42), I(42)) && !rt_bigint_eq(I(42), I(-42)));
    CHECK(rt_bigint_is_zero(I(0)) && !rt_bigint_is_zero(I(42)));
    CHECK(rt_bigint_is_negative(I(-1)) && !rt_bigint_is_negative(I(0)));
    CHECK_EQ_I64(rt_bigint_sign(I(-100)), -1);
    CHECK_EQ_I64(rt_bigint_sign(I(0)), 0);
    CHECK_EQ_I64(rt_bigint_sign(I(7)), 1);
    CHECK_EQ_I64(rt_bigint_to_i64(I(-100)), -100);
    CHECK_EQ_I64(rt_bigint_to_i64(I(INT64_MIN)), INT64_MIN);
    CHECK(rt_bigint_fits_i64(I(INT64_MAX)) && rt_bigint_fits_i64(I(INT64_MIN)));
    CHECK(!rt_bigint_fits_i64(B("9223372036854775808")));
    CHECK(rt_bigint_fits_i64(B("-9223372036854775808")));
    CHECK(!rt_bigint_fits_i64(B("123456789012345678901234567890")));
    CHECK_STR(rt_bigint_to_str_base(I(255), 16), "ff");
    CHECK_STR(rt_bigint_to_str_base(I(255), 2), "11111111");
    CHECK_STR(rt_bigint_to_str_base(I(42), 8), "52");
    CHECK_STR(rt_bigint_to_str_base(I(-35), 36), "-z");
    CHECK_STR(rt_bigint_to_str_base(I(0), 2), "0");
    CHECK(*(void **)I(5) == NULL);
}

static void test_bits(void) {
    CHECK_BI(rt_bigint_and(I(12), I(10)), "8");
    CHECK_BI(rt_bigint_or(I(12), I(10)), "14");
    CHECK_BI(rt_bigint_xor(I(12), I(10)), "6");
    CHECK_BI(rt_bigint_and(I(-1), I(10)), "10");
    CHECK_BI(rt_bigint_and(I(-12), I(-10)), "-12"); /* matches i64 & */
    CHECK_BI(rt_bigint_or(I(-12), I(10)), "-2");
    CHECK_BI(rt_bigint_xor(I(-12), I(10)), "-2");
    CHECK_BI(rt_bigint_not(I(0)), "-1");
    CHECK_BI(rt_bigint_not(I(-6)), "5");
    CHECK_BI(rt_bigint_shl(I(1), 10), "1024");
    CHECK_BI(rt_bigint_shl(I(-3), 64), "-55340232221128654848");
    CHECK_BI(rt_bigint_shr(I(1024), 5), "32");
    CHECK_BI(rt_bigint_shr(I(-7), 1), "-4");
    CHECK_BI(rt_bigint_shr(I(-8), 1), "-4");
    CHECK_BI(rt_bigint_shr(I(5), 100), "0");
    CHECK_EQ_I64(rt_bigint_bit_length(I(1)), 1);
    CHECK_EQ_I64(rt_bigint_bit_length(I(255)), 8);
    CHECK_EQ_I64(rt_bigint_bit_length(I(256)), 9);
    CHECK_EQ_I64(rt_bigint_bit_length(I(0)), 0);
    CHECK(rt_bigint_test_bit(I(5), 0) && !rt_bigint_test_bit(I(5), 1) && rt_bigint_test_bit(I(5), 2));
    CHECK(rt_bigint_test_bit(I(-2), 1000) && !rt_bigint_test_bit(I(-2), 0));
    CHECK_BI(rt_bigint_set_bit(I(0), 3), "8");
    CHECK_BI(rt_bigint_set_bit(I(0), 70), "1180591620717411303424");
    CHECK_BI(rt_bigint_clear_bit(I(5), 2), "1");
    CHECK_BI(rt_bigint_clear_bit(I(-1), 0), "-2");
}

static void test_math(void) {
    CHECK_BI(rt_bigint_pow(I(2), 10), "1024");
    CHECK_BI(rt_bigint_pow(I(10), 5), "100000");
    CHECK_BI(rt_bigint_pow(I(-3), 3), "-27");
    CHECK_BI(rt_bigint_pow(I(7), 0), "1");
    CHECK_BI(rt_bigint_pow(I(2), 100), "1267650600228229401496703205376");
    CHECK_BI(rt_bigint_gcd(I(48), I(18)), "6");
    CHECK_BI(rt_bigint_gcd(I(-48), I(0)), "48");
    CHECK_BI(rt_bigint_lcm(I(4), I(6)), "12");
    CHECK_BI(rt_bigint_lcm(I(0), I(6)), "0");
    CHECK_BI(rt_bigint_sqrt(I(144)), "12");
    CHECK_BI(rt_bigint_sqrt(I(100)), "10");
    CHECK_BI(rt_bigint_sqrt(I(99)), "9");
    CHECK_BI(rt_bigint_sqrt(I(1)), "1");
    CHECK_BI(rt_bigint_sqrt(I(0)), "0");
    CHECK_BI(rt_bigint_sqrt(rt_bigint_pow(I(10), 40)), "100000000000000000000");
}

static void test_traps(void) {
    CHECK_EXITS(rt_bigint_div(I(1), I(0)), 1, "BigInt.Div: division by zero");
    CHECK_EXITS(rt_bigint_mod(I(1), I(0)), 1, "BigInt.Mod: division by zero");
    CHECK_EXITS(B("12a"), 1, "BigInt.FromStr: invalid number");
    CHECK_EXITS(B("-"), 1, "BigInt.FromStr: invalid number");
    CHECK_EXITS(rt_bigint_to_str_base(I(1), 1), 1, "BigInt.ToStrBase: base must be 2-36");
    CHECK_EXITS(rt_bigint_pow(I(2), -1), 1, "BigInt.Pow: negative exponent");
    CHECK_EXITS(rt_bigint_sqrt(I(-4)), 1, "BigInt.Sqrt: negative value");
    CHECK_EXITS(rt_bigint_to_i64(B("9223372036854775808")), 1, "BigInt.ToInt: value out of range");
    CHECK_EXITS(rt_bigint_shl(I(1), -1), 1, "BigInt.Shl: negative bit index");
    CHECK_EXITS(rt_bigint_add(NULL, I(1)), 1, "BigInt.Add: null object");
    CHECK_EXITS(rt_bigint_sign(rt_vec2_zero()), 1, "BigInt.Sign: wrong object type");
}

void run_tests(void) {
    test_basic();
    test_bits();
    test_math();
    test_traps();
}
