/* test_ext_pattern.c — Pattern Find/FindFrom/FindPos/FindAll/Replace/ReplaceFirst/Split/Escape
 * (part C); values from the corpus Pattern audit and text_codec programs. */
#include "test_ext_check.h"

void run_tests(void) {
    CHECK_STR(rt_pattern_find(S("abc123def"), S("[0-9]+")), "123");
    CHECK_STR(rt_pattern_find(S("Hello World"), S("[A-Z][a-z]+")), "Hello");
    CHECK_STR(rt_pattern_find(S("[0-9]+"), S("abc123def")), "");
    CHECK_STR(rt_pattern_find_from(S("abc123def456"), S("[0-9]+"), 6), "456");
    CHECK_STR(rt_pattern_find_from(S("abc123def456"), S("[0-9]+"), 4), "23");
    CHECK_STR(rt_pattern_find_from(S("abc"), S("c"), 99), "");
    CHECK_EQ_I64(rt_pattern_find_pos(S("abc123def"), S("[0-9]+")), 3);
    CHECK_EQ_I64(rt_pattern_find_pos(S("abcdef"), S("[0-9]+")), -1);
    CHECK_EQ_I64(rt_pattern_find_pos(S("abc"), S("$")), 3);
    void *all = rt_pattern_find_all(S("a1b22c333"), S("[0-9]+"));
    CHECK_EQ_I64(rt_seq_len(all), 3);
    CHECK_STR(SEQ_STR(all, 0), "1");
    CHECK_STR(SEQ_STR(all, 1), "22");
    CHECK_STR(SEQ_STR(all, 2), "333");
    void *empties = rt_pattern_find_all(S("ab"), S("x*"));
    CHECK_EQ_I64(rt_seq_len(empties), 3); /* empty matches at 0, 1, 2 */
    CHECK_STR(rt_pattern_replace(S("abc123def456"), S("[0-9]+"), S("NUM")), "abcNUMdefNUM");
    CHECK_STR(rt_pattern_replace(S("hello   world   foo"), S("\\s+"), S(" ")), "hello world foo");
    CHECK_STR(rt_pattern_replace(S("[0-9]+"), S("abc123def456"), S("NUM")), "[0-9]+");
    CHECK_STR(rt_pattern_replace(S("ab"), S("x*"), S("-")), "-a-b-");
    CHECK_STR(rt_pattern_replace(S("aaa"), S("a"), NULL), "");
    CHECK_STR(rt_pattern_replace_first(S("abc123def456"), S("[0-9]+"), S("NUM")), "abcNUMdef456");
    void *parts = rt_pattern_split(S("one,two;;three,four"), S("[,;]+"));
    CHECK_EQ_I64(rt_seq_len(parts), 4);
    CHECK_STR(SEQ_STR(parts, 0), "one");
    CHECK_STR(SEQ_STR(parts, 3), "four");
    void *p2 = rt_pattern_split(S(",a,"), S(","));
    CHECK_EQ_I64(rt_seq_len(p2), 3);
    CHECK_STR(SEQ_STR(p2, 0), "");
    CHECK_STR(SEQ_STR(p2, 2), "");
    CHECK_EQ_I64(rt_seq_len(rt_pattern_split(S(""), S(","))), 1);
    CHECK_STR(rt_pattern_escape(S("hello.world+foo")), "hello\\.world\\+foo");
    CHECK_STR(rt_pattern_escape(S("[test](value)")), "\\[test\\]\\(value\\)");
    CHECK_STR(rt_pattern_escape(S("a.b+c")), "a\\.b\\+c");
    CHECK_STR(rt_pattern_escape(NULL), "");
    CHECK(rt_pattern_is_match(S("a.b"), rt_pattern_escape(S("a.b"))));
    CHECK(!rt_pattern_is_match(S("axb"), rt_pattern_escape(S("a.b"))));
    CHECK_EXITS(rt_pattern_find(S("x"), S("(a")), 1, "Pattern error");
    CHECK_EXITS(rt_pattern_find(NULL, S("a")), 1, "rt_string_cstr: null string");
}
