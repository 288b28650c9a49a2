/* test_ext.c — extended-tier String, Fmt and Math functions (RUNTIME-ABI Appendix A); expected
 * values are the ones the corpus API-audit programs print. */
#include "check.h"
#include "rt_core_abi.h"
#include "rt_objects_abi.h"

#define S(lit) rt__str_from_cstr(lit)
#define CHECK_STR(s, lit) CHECK_BYTES(rt__str_bytes(s), rt__str_len(s), lit)

static void check_num(double v, const char *expected) {
    char buf[32];
    CHECK_BYTES(buf, rt__format_f64(v, buf), expected);
}

static void test_strings(void) {
    CHECK(rt_str_is_empty(rt_str_empty()) && rt_str_is_empty(NULL) && !rt_str_is_empty(S("x")));
    CHECK_STR(rt_str_clone(S("ab")), "ab");
    CHECK_STR(rt_str_flip(S("abcde")), "edcba");
    CHECK_STR(rt_str_flip(NULL), "");
    CHECK_STR(rt_str_flip(S("Hello, \xe4\xb8\x96\xe7\x95\x8c! \xf0\x9f\x8c\x8d \xd0\x9f\xd1\x80")),
              "\xd1\x80\xd0\x9f \xf0\x9f\x8c\x8d !\xe7\x95\x8c\xe4\xb8\x96 ,olleH");
    CHECK_STR(rt_str_flip(S("a\x80\xe4\xb8")), "\xe4\xb8\x80" "a"); /* truncated sequence moves as a unit */
    CHECK_STR(rt_str_repeat(S("ab"), 3), "ababab");
    CHECK(rt_str_repeat(S("ab"), 0) == rt_str_empty());
    CHECK(rt_str_repeat(S("ab"), -2) == rt_str_empty());
    CHECK_STR(rt_str_replace(S("hello world"), S("world"), S("viper")), "hello viper");
    CHECK_STR(rt_str_replace(S("aaa"), S("a"), S("bb")), "bbbbbb");
    CHECK_STR(rt_str_replace(S("abc"), rt_str_empty(), S("x")), "abc");
    CHECK_STR(rt_str_replace(S("a-b-c"), S("-"), NULL), "abc");
    CHECK_STR(rt_str_pad_left(S("42"), 6, S("0")), "000042");
    CHECK_STR(rt_str_pad_right(S("hi"), 6, S(".")), "hi....");
    CHECK_STR(rt_str_pad_right(S("hi"), 5, S(" ")), "hi   ");
    CHECK_STR(rt_str_pad_left(S("toolong"), 3, S("0")), "toolong");
    CHECK_EQ_I64(rt_str_count(S("banana"), S("a")), 3);
    CHECK_EQ_I64(rt_str_count(S("banana"), S("na")), 2);
    CHECK_EQ_I64(rt_str_count(S("banana"), S("z")), 0);
    CHECK_EQ_I64(rt_str_count(S("aaaa"), S("aa")), 2);
    CHECK_EQ_I64(rt_str_count(S("abc"), rt_str_empty()), 0);
    CHECK_EQ_I64(rt_str_cmp(S("apple"), S("banana")), -1);
    CHECK_EQ_I64(rt_str_cmp(S("b"), S("a")), 1);
    CHECK_EQ_I64(rt_str_cmp(S("abc"), S("abc")), 0);
    CHECK_EQ_I64(rt_str_cmp_nocase(S("Hello"), S("hello")), 0);
    CHECK_EQ_I64(rt_str_cmp_nocase(S("a"), S("B")), -1);
    CHECK_EQ_I64(rt_str_index_of_from(S("abcabc"), 4, S("bc")), 5);
    CHECK_EQ_I64(rt_str_index_of_from(S("hello world"), 6, S("o")), 8);
    CHECK_EQ_I64(rt_str_index_of_from(S("hello world"), 1, S("l")), 3);
    CHECK_EQ_I64(rt_str_index_of_from(S("hello world hello"), 6, S("hello")), 13);
    CHECK_EQ_I64(rt_str_last_index_of(S("hello world hello"), S("hello")), 13);
    CHECK_EQ_I64(rt_str_last_index_of(S("abc"), S("x")), 0);
    CHECK_EQ_I64(rt_str_last_index_of(S("abc"), S("abcd")), 0);
    CHECK_STR(rt_str_capitalize(S("hello world")), "Hello world");
    CHECK_STR(rt_str_title(S("hello world foo")), "Hello World Foo");
    CHECK_STR(rt_str_remove_prefix(S("HelloWorld"), S("Hello")), "World");
    CHECK_STR(rt_str_remove_prefix(S("HelloWorld"), S("Bye")), "HelloWorld");
    CHECK_STR(rt_str_remove_suffix(S("HelloWorld"), S("World")), "Hello");
    CHECK_STR(rt_str_remove_suffix(S("HelloWorld"), S("Bye")), "HelloWorld");
    CHECK_STR(rt_str_trim_char(S("***hello***"), S("*")), "hello");
    CHECK_STR(rt_str_trim_char(S("xxhelloxx"), S("x")), "hello");
    CHECK_STR(rt_str_slug(S("Hello, World!  How Are You?")), "hello-world-how-are-you");
    CHECK_STR(rt_str_slug(S("  The Quick Brown Fox  ")), "the-quick-brown-fox");
    CHECK_STR(rt_str_camel_case(S("hello world")), "helloWorld");
    CHECK_STR(rt_str_pascal_case(S("hello world")), "HelloWorld");
    CHECK_STR(rt_str_snake_case(S("helloWorld")), "hello_world");
    CHECK_STR(rt_str_kebab_case(S("helloWorld")), "hello-world");
    CHECK_STR(rt_str_screaming_snake(S("helloWorld")), "HELLO_WORLD");
    CHECK_STR(rt_str_camel_case(S("hello_world")), "helloWorld");
    CHECK_EQ_I64(rt_str_levenshtein(S("kitten"), S("sitting")), 3);
    CHECK_EQ_I64(rt_str_levenshtein(S("hello"), S("hello")), 0);
    CHECK_EQ_I64(rt_str_levenshtein(S(""), S("abc")), 3);
    check_num(rt_str_jaro(S("martha"), S("marhta")), "0.944444444444445");
    check_num(rt_str_jaro_winkler(S("martha"), S("marhta")), "0.961111111111111");
    check_num(rt_str_jaro(S("hello"), S("hello")), "1");
    check_num(rt_str_jaro(S("abc"), S("")), "0");
    CHECK_EQ_I64(rt_str_hamming(S("karolin"), S("kathrin")), 3);
    CHECK_EQ_I64(rt_str_hamming(S("abc"), S("abc")), 0);
    CHECK_EQ_I64(rt_str_hamming(S("abc"), S("abcd")), -1);
    void *parts = rt_str_split(S("one,two,three"), S(","));
    CHECK_EQ_I64(rt_seq_len(parts), 3);
    rt_string p1 = rt_seq_get(parts, 1);
    CHECK_STR(p1, "two");
    CHECK_STR(rt_str_join(S("-"), parts), "one-two-three");
    void *one = rt_str_split(S("abc"), S(","));
    CHECK_EQ_I64(rt_seq_len(one), 1);
    void *chars = rt_str_split(S("ab"), rt_str_empty());
    CHECK_EQ_I64(rt_seq_len(chars), 2);
    void *trail = rt_str_split(S("a,"), S(","));
    CHECK_EQ_I64(rt_seq_len(trail), 2);
    CHECK(rt_str_join(S(","), rt_seq_new()) == rt_str_empty());
}

static void test_fmt(void) {
    CHECK_STR(rt_fmt_int_radix(255, 16), "ff");
    CHECK_STR(rt_fmt_int_radix(10, 2), "1010");
    CHECK_STR(rt_fmt_int_radix(8, 8), "10");
    CHECK_STR(rt_fmt_int_radix(-35, 36), "-z");
    CHECK_EXITS(rt_fmt_int_radix(5, 1), 1, "radix");
    CHECK_STR(rt_fmt_int_pad(42, 5, S("0")), "00042");
    CHECK_STR(rt_fmt_int_pad(7, 3, S(" ")), "  7");
    CHECK_STR(rt_fmt_int_pad(12345, 3, S("0")), "12345");
    CHECK_STR(rt_fmt_num_fixed(3.14159, 2), "3.14");
    CHECK_STR(rt_fmt_num_fixed(3.14159, 4), "3.1416");
    CHECK_STR(rt_fmt_num_fixed(100.0, 0), "100");
    CHECK_STR(rt_fmt_num_sci(1234.5, 2), "1.23e+03");
    CHECK_STR(rt_fmt_num_sci(0.001, 3), "1.000e-03");
    CHECK_STR(rt_fmt_num_pct(0.756, 1), "75.6%");
    CHECK_STR(rt_fmt_num_pct(1.0, 0), "100%");
    CHECK_STR(rt_fmt_num_pct(0.5, 2), "50.00%");
    CHECK_STR(rt_fmt_size(500), "500 B");
    CHECK_STR(rt_fmt_size(1024), "1.0 KB");
    CHECK_STR(rt_fmt_size(1048576), "1.0 MB");
    CHECK_STR(rt_fmt_size(1073741824), "1.0 GB");
    CHECK_STR(rt_fmt_size(1536), "1.5 KB");
    CHECK_STR(rt_fmt_hex(255), "ff");
    CHECK_STR(rt_fmt_hex(0), "0");
    CHECK_STR(rt_fmt_hex(4096), "1000");
    CHECK_STR(rt_fmt_hex(-1), "ffffffffffffffff");
    CHECK_STR(rt_fmt_hex_pad(255, 4), "00ff");
    CHECK_STR(rt_fmt_hex_pad(15, 2), "0f");
    CHECK_STR(rt_fmt_bin(10), "1010");
    CHECK_STR(rt_fmt_bin(255), "11111111");
    CHECK_STR(rt_fmt_bin(0), "0");
    CHECK_STR(rt_fmt_oct(64), "100");
    CHECK_STR(rt_fmt_oct(8), "10");
    CHECK_STR(rt_fmt_oct(0), "0");
    CHECK_STR(rt_fmt_int_grouped(1234567, S(",")), "1,234,567");
    CHECK_STR(rt_fmt_int_grouped(1000, S(".")), "1.000");
    CHECK_STR(rt_fmt_int_grouped(42, S(",")), "42");
    CHECK_STR(rt_fmt_int_grouped(-1234, S(",")), "-1,234");
    CHECK_STR(rt_fmt_int_grouped(INT64_MIN, S(",")), "-9,223,372,036,854,775,808");
    CHECK_STR(rt_fmt_currency(1234.56, 2, S("$")), "$1,234.56");
    CHECK_STR(rt_fmt_currency(99.9, 2, S("EUR ")), "EUR 99.90");
    CHECK_STR(rt_fmt_currency(-5, 0, S("$")), "-$5");
    CHECK_STR(rt_fmt_to_words(0), "zero");
    CHECK_STR(rt_fmt_to_words(1), "one");
    CHECK_STR(rt_fmt_to_words(42), "forty-two");
    CHECK_STR(rt_fmt_to_words(100), "one hundred");
    CHECK_STR(rt_fmt_to_words(1000), "one thousand");
    CHECK_STR(rt_fmt_to_words(1234567), "one million two hundred thirty-four thousand five hundred sixty-seven");
    CHECK_STR(rt_fmt_to_words(INT64_MIN), "negative nine quintillion two hundred twenty-three quadrillion three hundred seventy-two trillion thirty-six billion eight hundred fifty-four million seven hundred seventy-five thousand eight hundred eight");
    const char *ord[][2] = {{"1", "1st"}, {"2", "2nd"}, {"3", "3rd"}, {"4", "4th"}, {"11", "11th"},
                            {"12", "12th"}, {"13", "13th"}, {"21", "21st"}, {"112", "112th"}, {"-1", "-1st"}};
    for (size_t i = 0; i < sizeof ord / sizeof ord[0]; i++)
        CHECK_STR(rt_fmt_ordinal(atoll(ord[i][0])), ord[i][1]);
}

static void test_math(void) {
    CHECK(rt_max_f64(1, 2) == 2 && rt_min_f64(1, 2) == 1);
    CHECK_EQ_I64(rt_max_i64(-3, 4), 4);
    CHECK_EQ_I64(rt_min_i64(-3, 4), -3);
    CHECK(rt_clamp_f64(5, 0, 3) == 3 && rt_clamp_f64(-1, 0, 3) == 0 && rt_clamp_f64(2, 0, 3) == 2);
    CHECK_EQ_I64(rt_clamp_i64(10, 0, 5), 5);
    /* inverted range behaves as [hi, lo] */
    CHECK(rt_clamp_f64(5, 10, 0) == 5 && rt_clamp_f64(15, 10, 0) == 10 && rt_clamp_f64(-1, 10, 0) == 0);
    CHECK_EQ_I64(rt_clamp_i64(5, 10, 0), 5);
    CHECK_EQ_I64(rt_clamp_i64(-3, 10, 0), 0);
    CHECK(rt_lerp(0, 10, 0.25) == 2.5);
    CHECK(rt_wrap_f64(370, 0, 360) == 10 && rt_wrap_f64(-10, 0, 360) == 350);
    CHECK_EQ_I64(rt_wrap_i64(12, 0, 10), 2);
    CHECK_EQ_I64(rt_wrap_i64(-1, 0, 10), 9);
    CHECK_EQ_I64(rt_wrap_i64(-10, 0, 10), 0);
    CHECK_EQ_I64(rt_wrap_i64(INT64_MIN, 0, 10), 2);
    CHECK(rt_sgn_f64(-2) == -1 && rt_sgn_f64(0) == 0 && rt_sgn_f64(3) == 1);
    CHECK_EQ_I64(rt_sgn_i64(-9), -1);
    CHECK(rt_deg(rt_math_pi()) == 180 && rt_rad(180) == rt_math_pi());
    check_num(rt_math_pi(), "3.14159265358979");
    check_num(rt_math_e(), "2.71828182845905");
    check_num(rt_math_tau(), "6.28318530717959");
    CHECK_EQ_I64(rt_bits_and(12, 10), 8);
    CHECK_EQ_I64(rt_bits_or(12, 10), 14);
    CHECK_EQ_I64(rt_bits_xor(12, 10), 6);
    CHECK_EQ_I64(rt_bits_not(255), -256);
    CHECK_EQ_I64(rt_bits_shl(3, 2), 12);
    CHECK_EQ_I64(rt_bits_shl(1, 64), 0);
    CHECK_EQ_I64(rt_bits_shr(256, 4), 16);
    CHECK_EQ_I64(rt_bits_shr(-16, 2), -4);
    CHECK_EQ_I64(rt_bits_shr(-1, 99), -1);
    CHECK_EQ_I64(rt_bits_ushr(-1, 60), 15);
    CHECK_EQ_I64(rt_bits_set(1, 1), 3);
    CHECK_EQ_I64(rt_bits_clear(255, 7), 127);
    CHECK(rt_bits_get(5, 2) && !rt_bits_get(5, 1) && !rt_bits_get(5, 64));
    CHECK_EQ_I64(rt_bits_toggle(5, 1), 7);
    CHECK_EQ_I64(rt_bits_set(1, 70), 1);
    CHECK_EQ_I64(rt_bits_flip(1), INT64_MIN);
    CHECK_EQ_I64(rt_bits_flip(255), -72057594037927936LL);
    CHECK_EQ_I64(rt_bits_count(255), 8);
    CHECK_EQ_I64(rt_bits_count(-1), 64);
    CHECK_EQ_I64(rt_bits_leadz(256), 55);
    CHECK_EQ_I64(rt_bits_leadz(0), 64);
    CHECK_EQ_I64(rt_bits_trailz(16), 4);
    CHECK_EQ_I64(rt_bits_trailz(0), 64);
    CHECK_EQ_I64(rt_bits_rotl(1, 4), 16);
    CHECK_EQ_I64(rt_bits_rotl(INT64_MIN, 1), 1);
    CHECK_EQ_I64(rt_bits_rotr(16, 4), 1);
    CHECK_EQ_I64(rt_bits_rotr(1, 1), INT64_MIN);
    CHECK_EQ_I64(rt_bits_swap(1), 72057594037927936LL);
    CHECK_EQ_I64(rt_bits_swap(256), 281474976710656LL);
}

void run_tests(void) {
    test_strings();
    test_fmt();
    test_math();
}
