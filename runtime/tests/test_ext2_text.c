/* test_ext2_text.c — Option, Version, NumberFormat and TextWrapper (part D): edge cases and the
 * values the corpus option / version / numformat / textwrap demos print. */
#include "test_ext2_check.h"

static void test_option(void) {
    void *a = rt_option_some_i64(42), *n = rt_option_none();
    CHECK(rt_option_is_some(a) && !rt_option_is_none(a));
    CHECK(!rt_option_is_some(n) && rt_option_is_none(n));
    CHECK(rt_option_is_none(NULL));
    CHECK_EQ_I64(rt_option_unwrap_i64(a), 42);
    CHECK_STR(rt_option_unwrap_str(rt_option_some_str(S("hello"))), "hello");
    CHECK(rt_option_unwrap_f64(rt_option_some_f64(2.71)) == 2.71);
    CHECK_EQ_I64(rt_option_unwrap_or_i64(a, 0), 42);
    CHECK_EQ_I64(rt_option_unwrap_or_i64(n, 99), 99);
    CHECK_STR(rt_option_unwrap_or_str(rt_option_some_str(S("hello")), S("default")), "hello");
    CHECK_STR(rt_option_unwrap_or_str(n, S("default")), "default");
    CHECK(rt_option_unwrap_or_f64(rt_option_some_f64(2.71), 0.0) == 2.71);
    CHECK(rt_option_unwrap_or_f64(n, 1.5) == 1.5);
    CHECK(rt_option_unwrap_or_f64(a, 1.5) == 1.5); /* other type → default */
    CHECK_STR(rt_option_to_string(a), "Some(42)");
    CHECK_STR(rt_option_to_string(n), "None");
    CHECK_STR(rt_option_to_string(NULL), "None");
    CHECK_STR(rt_option_to_string(rt_option_some_str(S("x"))), "Some(x)");
    CHECK_STR(rt_option_to_string(rt_option_some_f64(2.5)), "Some(2.5)");
    CHECK(rt_option_expect(a, S("should not fail")) == a);
    CHECK_EQ_I64(rt__heap_hdr(a)->refcnt, 2);
    CHECK_EXITS(rt_option_expect(n, S("boom here")), 1, "boom here");
    CHECK_EXITS(rt_option_unwrap_i64(n), 1, "Option.Unwrap: called on None");
    CHECK_EXITS(rt_option_unwrap_str(a), 1, "Option.UnwrapStr: option holds an integer");
    /* the string variant owns its string */
    rt_string s = rt__str_new("owned", 5);
    void *o = rt_option_some_str(s);
    CHECK_EQ_I64(s->refs, 2);
    rt__obj_release_and_free(o);
    CHECK_EQ_I64(s->refs, 1);
}

static void test_version(void) {
    void *v1 = rt_version_parse(S("1.2.3")), *v2 = rt_version_parse(S("2.0.0-alpha.1+build.42"));
    CHECK(rt_version_is_valid(S("1.2.3")) && rt_version_is_valid(S("2.0.0-alpha.1")));
    CHECK(!rt_version_is_valid(S("not-a-version")));
    CHECK(rt_version_is_valid(S("1.2")) && rt_version_is_valid(S("0.0.0")));
    CHECK(!rt_version_is_valid(S("")) && !rt_version_is_valid(NULL));
    CHECK(!rt_version_is_valid(S("1.2.3.4")) && !rt_version_is_valid(S("1.2.3-")));
    CHECK(!rt_version_is_valid(S("1.2.3-a..b")) && !rt_version_is_valid(S("1..2")));
    CHECK(!rt_version_is_valid(S("99999999999999999999.0.0")));
    CHECK(rt_version_parse(S("x")) == NULL);
    CHECK_EQ_I64(rt_version_major(v1), 1);
    CHECK_EQ_I64(rt_version_minor(v1), 2);
    CHECK_EQ_I64(rt_version_patch(v1), 3);
    CHECK_EQ_I64(rt_version_major(v2), 2);
    CHECK_STR(rt_version_prerelease(v1), "");
    CHECK_STR(rt_version_prerelease(v2), "alpha.1");
    CHECK_STR(rt_version_build(v2), "build.42");
    CHECK_STR(rt_version_to_string(v1), "1.2.3");
    CHECK_STR(rt_version_to_string(v2), "2.0.0-alpha.1+build.42");
    CHECK_STR(rt_version_to_string(rt_version_parse(S("1.2"))), "1.2.0");
    void *a = rt_version_parse(S("1.0.0")), *b = rt_version_parse(S("2.0.0"));
    CHECK_EQ_I64(rt_version_cmp(a, b), -1);
    CHECK_EQ_I64(rt_version_cmp(b, a), 1);
    CHECK_EQ_I64(rt_version_cmp(a, rt_version_parse(S("1.0.0+other"))), 0);
    CHECK_EQ_I64(rt_version_cmp(rt_version_parse(S("1.0.0-alpha")), a), -1);
    /* SemVer spec precedence chain */
    const char *chain[] = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                           "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"};
    for (int i = 0; i + 1 < 8; i++)
        CHECK_EQ_I64(rt_version_cmp(rt_version_parse(S(chain[i])), rt_version_parse(S(chain[i + 1]))), -1);
    void *v = rt_version_parse(S("1.5.3"));
    CHECK(rt_version_satisfies(v, S(">=1.0.0")));
    CHECK(!rt_version_satisfies(v, S(">=2.0.0")));
    CHECK(rt_version_satisfies(v, S(">=1.0.0 <2.0.0")));
    CHECK(!rt_version_satisfies(v, S(">1.5.3")) && rt_version_satisfies(v, S("1.5.3")));
    CHECK(rt_version_satisfies(v, S("^1.2.0")) && !rt_version_satisfies(v, S("^2.0.0")));
    CHECK(rt_version_satisfies(v, S("~1.5.0")) && !rt_version_satisfies(v, S("~1.4.0")));
    CHECK(rt_version_satisfies(v, S("<1.0.0 || >=1.5.0")));
    CHECK(rt_version_satisfies(v, S("*")) && !rt_version_satisfies(v, S(">=x")));
    CHECK(!rt_version_satisfies(v, S("")) && !rt_version_satisfies(NULL, S("*")));
    CHECK_STR(rt_version_bump_major(v1), "2.0.0");
    CHECK_STR(rt_version_bump_minor(v1), "1.3.0");
    CHECK_STR(rt_version_bump_patch(v1), "1.2.4");
    void *z = rt_version_parse(S("0.9.9"));
    CHECK_STR(rt_version_bump_major(z), "1.0.0");
    CHECK_STR(rt_version_bump_minor(z), "0.10.0");
    CHECK_STR(rt_version_bump_patch(z), "0.9.10");
    CHECK_EQ_I64(rt_version_major(NULL), 0);
    CHECK_STR(rt_version_to_string(NULL), "");
}

static void test_numformat(void) {
    CHECK_STR(rt_numfmt_decimals(3.14159, 2), "3.14");
    CHECK_STR(rt_numfmt_decimals(3.14159, 4), "3.1416");
    CHECK_STR(rt_numfmt_decimals(1.0, 3), "1.000");
    CHECK_STR(rt_numfmt_decimals(0.5, 1), "0.5");
    CHECK_STR(rt_numfmt_decimals(2.5, -1), "2");
    CHECK_STR(rt_numfmt_decimals(1.0 / 0.0, 2), "Infinity");
    CHECK_STR(rt_numfmt_thousands(1234567, S(",")), "1,234,567");
    CHECK_STR(rt_numfmt_thousands(1000, S(".")), "1.000");
    CHECK_STR(rt_numfmt_thousands(999, S(",")), "999");
    CHECK_STR(rt_numfmt_thousands(0, S(",")), "0");
    CHECK_STR(rt_numfmt_thousands(-1234, S(",")), "-1,234");
    CHECK_STR(rt_numfmt_thousands(INT64_MIN, S("_")), "-9_223_372_036_854_775_808");
    CHECK_STR(rt_numfmt_currency(1234.56, S("$")), "$1,234.56");
    CHECK_STR(rt_numfmt_currency(99.9, S("$")), "$99.90");
    CHECK_STR(rt_numfmt_currency(0.5, S("$")), "$0.50");
    CHECK_STR(rt_numfmt_currency(-1.0, S("$")), "-$1.00");
    CHECK_STR(rt_numfmt_currency(-0.001, S("$")), "$0.00");
    CHECK_STR(rt_numfmt_percent(0.75), "75%");
    CHECK_STR(rt_numfmt_percent(1.0), "100%");
    CHECK_STR(rt_numfmt_percent(0.123), "12.3%");
    CHECK_STR(rt_numfmt_percent(-0.0001), "0%");
    const char *ord[] = {"1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st"};
    int64_t on[] = {1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101};
    for (int i = 0; i < 11; i++)
        CHECK_STR(rt_numfmt_ordinal(on[i]), ord[i]);
    CHECK_STR(rt_numfmt_ordinal(0), "0th");
    CHECK_STR(rt_numfmt_ordinal(111), "111th");
    CHECK_STR(rt_numfmt_ordinal(-1), "-1st");
    CHECK_STR(rt_numfmt_to_words(0), "zero");
    CHECK_STR(rt_numfmt_to_words(1), "one");
    CHECK_STR(rt_numfmt_to_words(42), "forty-two");
    CHECK_STR(rt_numfmt_to_words(100), "one hundred");
    CHECK_STR(rt_numfmt_to_words(1000), "one thousand");
    CHECK_STR(rt_numfmt_to_words(1234), "one thousand two hundred thirty-four");
    CHECK_STR(rt_numfmt_to_words(-15), "negative fifteen");
    CHECK_STR(rt_numfmt_to_words(2000001), "two million one");
    CHECK_STR(rt_numfmt_to_words(INT64_MIN),
              "negative nine quintillion two hundred twenty-three quadrillion three hundred "
              "seventy-two trillion thirty-six billion eight hundred fifty-four million seven "
              "hundred seventy-five thousand eight hundred eight");
    CHECK_STR(rt_numfmt_bytes(0), "0 B");
    CHECK_STR(rt_numfmt_bytes(512), "512 B");
    CHECK_STR(rt_numfmt_bytes(1024), "1.00 KB");
    CHECK_STR(rt_numfmt_bytes(1048576), "1.00 MB");
    CHECK_STR(rt_numfmt_bytes(1073741824), "1.00 GB");
    CHECK_STR(rt_numfmt_bytes(1536), "1.50 KB");
    CHECK_STR(rt_numfmt_bytes(-2048), "-2.00 KB");
    CHECK_STR(rt_numfmt_bytes(INT64_MAX), "8.00 EB");
    CHECK_STR(rt_numfmt_pad(42, 6), "000042");
    CHECK_STR(rt_numfmt_pad(1, 4), "0001");
    CHECK_STR(rt_numfmt_pad(12345, 3), "12345");
    CHECK_STR(rt_numfmt_pad(-42, 5), "-0042");
}

static const char *QUICK = "The quick brown fox jumps over the lazy dog. This is a longer sentence "
                           "that should be wrapped at the specified width.";

static void test_textwrap(void) {
    const char *wrapped = "The quick brown fox jumps over the lazy\ndog. This is a longer sentence "
                          "that\nshould be wrapped at the specified\nwidth.";
    CHECK_STR(rt_textwrap_wrap(S(QUICK), 40), wrapped);
    CHECK_STR(rt_textwrap_fill(S(QUICK), 40), wrapped);
    void *lines = rt_textwrap_wrap_lines(S(QUICK), 40);
    CHECK_EQ_I64(rt_seq_len(lines), 4);
    CHECK_STR(SEQ_STR(lines, 1), "dog. This is a longer sentence that");
    CHECK_STR(rt_textwrap_wrap(S("a verylongword b"), 4), "a\nverylongword\nb");
    CHECK_STR(rt_textwrap_wrap(S("one two\n\nthree"), 80), "one two\n\nthree");
    CHECK_STR(rt_textwrap_wrap(S(""), 10), "");
    CHECK_STR(rt_textwrap_wrap(S("a b"), 0), "a\nb");
    CHECK_STR(rt_textwrap_indent(S("line1\nline2\nline3"), S("  ")), "  line1\n  line2\n  line3");
    CHECK_STR(rt_textwrap_indent(S("a\n\nb"), S(">>> ")), ">>> a\n\n>>> b");
    CHECK_STR(rt_textwrap_dedent(S("    line1\n    line2\n    line3")), "line1\nline2\nline3");
    CHECK_STR(rt_textwrap_dedent(S("  a\n    b\n\n  c")), "a\n  b\n\nc");
    CHECK_STR(rt_textwrap_dedent(S("\ta\n  b")), "\ta\n  b");
    CHECK_STR(rt_textwrap_hang(S("first\nsecond"), S("    ")), "first\n    second");
    rt_string para = S("This is the first line of a paragraph.");
    CHECK(rt_textwrap_hang(para, S("    ")) != NULL);
    CHECK_STR(rt_textwrap_hang(para, S("    ")), "This is the first line of a paragraph.");
    rt_string hello = S("Hello, World! This is a long string.");
    CHECK_STR(rt_textwrap_truncate(hello, 20), "Hello, World! Thi...");
    CHECK_STR(rt_textwrap_truncate(S("Short"), 20), "Short");
    CHECK_STR(rt_textwrap_truncate(hello, 2), "..");
    CHECK_STR(rt_textwrap_truncate_with(hello, 20, S(" [...]")), "Hello, World!  [...]");
    CHECK_STR(rt_textwrap_truncate_with(S("Short"), 20, S(" [...]")), "Short");
    CHECK_STR(rt_textwrap_shorten(hello, 20), "Hello, W...g string.");
    CHECK_STR(rt_textwrap_shorten(hello, 3), "...");
    CHECK_STR(rt_textwrap_left(S("hello"), 20), "hello               ");
    CHECK_STR(rt_textwrap_right(S("hello"), 20), "               hello");
    CHECK_STR(rt_textwrap_center(S("hello"), 20), "       hello        ");
    CHECK_STR(rt_textwrap_center(S("toolong"), 3), "toolong");
    CHECK_EQ_I64(rt_textwrap_line_count(S("one\ntwo\nthree")), 3);
    CHECK_EQ_I64(rt_textwrap_line_count(S("single")), 1);
    CHECK_EQ_I64(rt_textwrap_line_count(S("")), 1);
    CHECK_EQ_I64(rt_textwrap_line_count(NULL), 1);
    CHECK_EQ_I64(rt_textwrap_max_line_len(S("short\na much longer line\nmed")), 18);
    CHECK_EQ_I64(rt_textwrap_max_line_len(S("single")), 6);
    CHECK_STR(rt_textwrap_truncate(NULL, 5), "");
}

void run_tests(void) {
    test_option();
    test_version();
    test_numformat();
    test_textwrap();
}
