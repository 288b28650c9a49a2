/* test_ext3_scanner.c — part E Scanner: the scanner_demo sequence plus edge cases. */
#include "test_ext_check.h"
#include "rt_collections_abi.h"
#include "rt_io_abi.h"
#include "rt_text_abi.h"

static void test_demo_sequence(void) {
    void *s = rt_scanner_new(S("Hello, World! 42 3.14 \"quoted\""));
    CHECK_EQ_I64(rt_scanner_pos(s), 0);
    CHECK(!rt_scanner_is_end(s));
    CHECK_EQ_I64(rt_scanner_len(s), 30);
    CHECK_EQ_I64(rt_scanner_remaining(s), 30);
    CHECK_EQ_I64(rt_scanner_peek(s), 72);
    CHECK_EQ_I64(rt_scanner_peek_at(s, 1), 101);
    CHECK_EQ_I64(rt_scanner_peek_at(s, 4), 111);
    CHECK_STR(rt_scanner_peek_str(s, 5), "Hello");
    CHECK_EQ_I64(rt_scanner_read(s), 72);
    CHECK_EQ_I64(rt_scanner_read(s), 101);
    CHECK_STR(rt_scanner_read_str(s, 3), "llo");
    CHECK_EQ_I64(rt_scanner_pos(s), 5);
    CHECK(rt_scanner_match(s, ','));
    CHECK_EQ_I64(rt_scanner_pos(s), 5);
    CHECK(rt_scanner_accept(s, ','));
    CHECK(!rt_scanner_accept(s, ','));
    rt_scanner_skip(s, 1);
    CHECK(rt_scanner_match_str(s, S("World")));
    CHECK_EQ_I64(rt_scanner_pos(s), 7);
    CHECK(rt_scanner_accept_str(s, S("World")));
    CHECK_EQ_I64(rt_scanner_pos(s), 12);
    CHECK(rt_scanner_accept_any(s, S("!?")));
    CHECK_EQ_I64(rt_scanner_skip_whitespace(s), 1);
    CHECK_STR(rt_scanner_read_int(s), "42");
    rt_scanner_skip_whitespace(s);
    CHECK_STR(rt_scanner_read_number(s), "3.14");
    rt_scanner_skip_whitespace(s);
    CHECK_STR(rt_scanner_read_quoted(s, '"'), "quoted");
    CHECK(rt_scanner_is_end(s));
    CHECK_EQ_I64(rt_scanner_peek(s), -1);
    CHECK_EQ_I64(rt_scanner_read(s), -1);
    rt_scanner_reset(s);
    CHECK_EQ_I64(rt_scanner_pos(s), 0);
    rt_scanner_set_pos(s, 7);
    CHECK_EQ_I64(rt_scanner_pos(s), 7);
    rt_scanner_reset(s);
    CHECK_STR(rt_scanner_read_until(s, ','), "Hello");
    CHECK_EQ_I64(rt_scanner_peek(s), ',');
    rt_scanner_reset(s);
    CHECK_STR(rt_scanner_read_until_any(s, S(",!")), "Hello");
    CHECK_STR(rt_scanner_read_ident(rt_scanner_new(S("myVar123 + other"))), "myVar123");
    void *l = rt_scanner_new(S("line one\r\nline two\nline three"));
    CHECK_STR(rt_scanner_read_line(l), "line one");
    CHECK_STR(rt_scanner_read_line(l), "line two");
    CHECK_EQ_I64(rt_scanner_remaining(l), 10);
    CHECK_STR(rt_scanner_read_line(l), "line three");
    CHECK_STR(rt_scanner_read_line(l), "");
    rt__obj_release_and_free(s);
}

static void test_edges(void) {
    void *s = rt_scanner_new(S("-12e+3x .5 +"));
    CHECK_STR(rt_scanner_read_number(s), "-12e+3");
    CHECK_STR(rt_scanner_read_number(s), ""); /* 'x' */
    CHECK_STR(rt_scanner_read_int(s), "");
    CHECK_STR(rt_scanner_read_ident(s), "x");
    rt_scanner_skip_whitespace(s);
    CHECK_STR(rt_scanner_read_number(s), ".5");
    rt_scanner_skip_whitespace(s);
    CHECK_STR(rt_scanner_read_int(s), "");
    CHECK_EQ_I64(rt_scanner_pos(s), 11);
    rt_scanner_set_pos(s, 99);
    CHECK_EQ_I64(rt_scanner_pos(s), 12);
    rt_scanner_set_pos(s, -5);
    CHECK_EQ_I64(rt_scanner_pos(s), 0);
    rt_scanner_skip(s, -3);
    CHECK_EQ_I64(rt_scanner_pos(s), 0);
    CHECK_EQ_I64(rt_scanner_peek_at(s, -1), -1);
    CHECK_STR(rt_scanner_peek_str(s, 100), "-12e+3x .5 +");
    CHECK_STR(rt_scanner_peek_str(s, 0), "");
    void *q = rt_scanner_new(S("'a\\'b\\n' 'open"));
    CHECK_STR(rt_scanner_read_quoted(q, '"'), "");
    CHECK_STR(rt_scanner_read_quoted(q, '\''), "a'b\n");
    rt_scanner_skip(q, 1);
    CHECK_STR(rt_scanner_read_quoted(q, '\''), "open");
    CHECK(rt_scanner_is_end(q));
    CHECK(!rt_scanner_match_str(q, S("x")) && rt_scanner_match_str(q, S("")));
    CHECK(!rt_scanner_accept_any(q, S("")));
    void *n = rt_scanner_new(NULL);
    CHECK_EQ_I64(rt_scanner_len(n), 0);
    CHECK(rt_scanner_is_end(n));
    CHECK(rt_scanner_is_end(NULL) && rt_scanner_peek(NULL) == -1 && rt_scanner_pos(NULL) == 0);
    CHECK_STR(rt_scanner_read_line(NULL), "");
    CHECK_STR(rt_scanner_read_until_any(rt_scanner_new(S("abc")), NULL), "abc");
}

void run_tests(void) {
    test_demo_sequence();
    test_edges();
}
