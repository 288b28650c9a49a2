/* test_strings.c — string handles, refcounts, literals, Concat, comparisons, slicing, trimming,
 * case, searching, Like, Asc/Chr, SplitFields, CSV quoting (RUNTIME-ABI §1.2, §3.2). */
#include "check.h"
#include "rt_core_abi.h"

#define S(lit) rt__str_from_cstr(lit)
#define CHECK_STR(s, lit) CHECK_BYTES(rt__str_bytes(s), rt__str_len(s), lit)

static void test_handles(void) {
    rt_string a = S("hello");
    CHECK(rt__is_string(a));
    CHECK(!rt__is_string(NULL));
    CHECK_EQ_I64(a->refs, 1);
    CHECK_EQ_I64(rt_str_len(a), 5);
    CHECK_EQ_I64(rt_str_len(NULL), 0);
    CHECK_BYTES(rt__str_bytes(NULL), rt__str_len(NULL), "");
    CHECK(rt__str_bytes(a)[5] == 0);
    rt_str_retain_maybe(a);
    CHECK_EQ_I64(a->refs, 2);
    rt_str_release_maybe(a);
    CHECK_EQ_I64(a->refs, 1);
    rt_str_retain_maybe(NULL);
    rt_str_release_maybe(NULL);
    /* embedded NUL */
    rt_string z = rt__str_new("a\0b", 3);
    CHECK_EQ_I64(rt_str_len(z), 3);
    CHECK(memcmp(z->data, "a\0b", 3) == 0);
    CHECK(strcmp(rt_string_cstr(z), "a") == 0);
    rt_str_release_maybe(z);
    rt_str_release_maybe(a); /* freed: count reached zero */
    /* a long string */
    char big[1000];
    memset(big, 'x', sizeof big);
    rt_string b = rt__str_new(big, sizeof big);
    CHECK_EQ_I64(rt_str_len(b), 1000);
    CHECK(b->data[999] == 'x' && b->data[1000] == 0);
    rt_str_release_maybe(b);
    rt_string al = rt__str_alloc(0);
    CHECK_EQ_I64(rt_str_len(al), 0);
    rt_str_release_maybe(al);
}

static void test_literals(void) {
    rt_string e = rt_str_empty();
    CHECK(e == rt_str_empty());
    CHECK_EQ_I64(rt_str_len(e), 0);
    CHECK(e->refs == RT_REFS_IMMORTAL);
    rt_str_release_maybe(e);
    rt_str_release_maybe(e);
    CHECK(rt__is_string(e) && e->refs == RT_REFS_IMMORTAL);
    static const char text[] = "lit";
    rt_string l = rt_const_cstr(text);
    CHECK(l->data == text);
    CHECK_EQ_I64(rt_str_len(l), 3);
    CHECK(rt_const_cstr(text) == l);
    CHECK(rt_const_cstr(NULL) == NULL);
    rt_str_release_maybe(l);
    rt_str_retain_maybe(l);
    CHECK(l->refs == RT_REFS_IMMORTAL);
    /* many distinct literals (interning table growth) */
    static char many[300][4];
    rt_string hs[300];
    for (int i = 0; i < 300; i++) {
        snprintf(many[i], 4, "%d", i);
        hs[i] = rt_const_cstr(many[i]);
    }
    int same = 1;
    for (int i = 0; i < 300; i++)
        same &= rt_const_cstr(many[i]) == hs[i] && hs[i]->data == many[i];
    CHECK(same);
    /* compiler-emitted static literal layout */
    static struct rt_string_impl stat = {RT_STR_MAGIC, (char *)"static", NULL, 6, RT_REFS_IMMORTAL};
    rt_str_retain_maybe(&stat);
    rt_str_release_maybe(&stat);
    rt_str_release_maybe(&stat);
    CHECK(stat.refs == RT_REFS_IMMORTAL && rt__is_string(&stat));
    CHECK_STR(&stat, "static");
}

static void test_store(void) {
    rt_string slot = NULL;
    rt_string a = S("a");
    vpr_str_store(&slot, a);
    CHECK(slot == a);
    CHECK_EQ_I64(a->refs, 2);
    vpr_str_store(&slot, a); /* same pointer */
    CHECK_EQ_I64(a->refs, 2);
    rt_string b = S("b");
    vpr_str_store(&slot, b);
    CHECK_EQ_I64(a->refs, 1);
    CHECK_EQ_I64(b->refs, 2);
    vpr_str_store(&slot, NULL);
    CHECK(slot == NULL);
    CHECK_EQ_I64(b->refs, 1);
    rt_str_release_maybe(a);
    rt_str_release_maybe(b);
}

static void test_concat_compare(void) {
    rt_string a = S("foo"), b = S("bar");
    rt_string c = rt_str_concat(a, b);
    CHECK_STR(c, "foobar");
    CHECK_EQ_I64(a->refs, 1); /* borrowed */
    CHECK_EQ_I64(b->refs, 1);
    CHECK_EQ_I64(c->refs, 1);
    rt_string d = rt_str_concat(NULL, b);
    CHECK_STR(d, "bar");
    rt_string e = rt_str_concat(NULL, NULL);
    CHECK_STR(e, "");
    CHECK(rt_str_eq(d, b));
    CHECK(rt_str_eq(a, a));
    CHECK(!rt_str_eq(a, b));
    CHECK(!rt_str_eq(NULL, NULL));
    CHECK(!rt_str_eq(a, NULL));
    CHECK(rt_str_eq(e, rt_str_empty()));
    CHECK_EQ_I64(rt_str_lt(b, a), 1);
    CHECK_EQ_I64(rt_str_lt(a, b), 0);
    CHECK_EQ_I64(rt_str_lt(a, a), 0);
    CHECK_EQ_I64(rt_str_lt(NULL, NULL), 0);
    CHECK_EQ_I64(rt_str_lt(NULL, a), 0);
    rt_string ab = S("ab"), abc = S("abc"), hi = rt__str_new("\xff", 1), lo = S("a");
    CHECK_EQ_I64(rt_str_lt(ab, abc), 1);
    CHECK_EQ_I64(rt_str_gt(abc, ab), 1);
    CHECK_EQ_I64(rt_str_lt(lo, hi), 1); /* unsigned bytes */
    CHECK_EQ_I64(rt_str_le(ab, ab), 1);
    CHECK_EQ_I64(rt_str_le(abc, ab), 0);
    CHECK_EQ_I64(rt_str_le(NULL, NULL), 1);
    CHECK_EQ_I64(rt_str_le(NULL, ab), 0);
    CHECK_EQ_I64(rt_str_ge(ab, ab), 1);
    CHECK_EQ_I64(rt_str_ge(ab, abc), 0);
    CHECK_EQ_I64(rt_str_ge(NULL, NULL), 1);
    CHECK_EQ_I64(rt_str_ge(ab, NULL), 0);
    CHECK_EQ_I64(rt_str_gt(NULL, NULL), 0);
    CHECK_EQ_I64(rt_str_gt(ab, ab), 0);
    CHECK_EQ_I64(rt__str_cmp(ab, abc), -1);
    CHECK_EQ_I64(rt__str_cmp(abc, abc), 0);
    rt_string z1 = rt__str_new("a\0b", 3), z2 = rt__str_new("a\0c", 3);
    CHECK(!rt_str_eq(z1, z2));
    CHECK_EQ_I64(rt_str_lt(z1, z2), 1);
    CHECK(strcmp(rt_string_cstr(a), "foo") == 0);
    CHECK_EXITS(rt_string_cstr(NULL), 1, "rt_string_cstr: null string");
}

static void test_slicing(void) {
    rt_string s = S("Hello");
    rt_string r = rt_str_left(s, 2);
    CHECK_STR(r, "He");
    r = rt_str_left(s, 0);
    CHECK(r == rt_str_empty());
    r = rt_str_left(s, 5);
    CHECK(r == s && s->refs == 2);
    r = rt_str_left(s, 99);
    CHECK(r == s && s->refs == 3);
    s->refs = 1;
    CHECK_EXITS(rt_str_left(NULL, 1), 1, "LEFT$: null string");
    CHECK_EXITS(rt_str_left(s, -1), 1, "LEFT$: len must be >= 0 (got -1)");
    CHECK_STR(rt_str_right(s, 3), "llo");
    CHECK(rt_str_right(s, 0) == rt_str_empty());
    CHECK(rt_str_right(s, 7) == s);
    s->refs = 1;
    CHECK_EXITS(rt_str_right(NULL, 1), 1, "RIGHT$: null string");
    CHECK_EXITS(rt_str_right(s, -5), 1, "RIGHT$: len must be >= 0 (got -5)");
    CHECK_STR(rt_str_mid(s, 2), "ello");
    CHECK_STR(rt_str_mid(s, 5), "o");
    CHECK(rt_str_mid(s, 6) == rt_str_empty());
    CHECK(rt_str_mid(s, 1) == s);
    s->refs = 1;
    CHECK_EXITS(rt_str_mid(NULL, 1), 1, "MID$: null string");
    CHECK_EXITS(rt_str_mid(s, 0), 1, "MID$: start must be >= 1 (got 0)");
    CHECK_STR(rt_str_mid_len(s, 2, 3), "ell");
    CHECK_STR(rt_str_mid_len(s, 4, 100), "lo");
    CHECK(rt_str_mid_len(s, 1, 5) == s);
    s->refs = 1;
    CHECK(rt_str_mid_len(s, 2, 0) == rt_str_empty());
    CHECK(rt_str_mid_len(s, 9, 2) == rt_str_empty());
    CHECK_EXITS(rt_str_mid_len(NULL, 0, -1), 1, "MID$: null string");
    CHECK_EXITS(rt_str_mid_len(s, 0, -1), 1, "MID$: start must be >= 1 (got 0)");
    CHECK_EXITS(rt_str_mid_len(s, 1, -1), 1, "MID$: len must be >= 0 (got -1)");
    CHECK_STR(rt_str_substr(s, 1, 3), "ell");
    CHECK_STR(rt_str_substr(s, -3, 2), "He");
    CHECK(rt_str_substr(s, 2, -1) == rt_str_empty());
    CHECK(rt_str_substr(s, 10, 3) == rt_str_empty());
    CHECK_STR(rt_str_substr(s, 3, 100), "lo");
    CHECK(rt_str_substr(s, 0, 5) == s);
    s->refs = 1;
    CHECK_EXITS(rt_str_substr(NULL, 0, 1), 1, "rt_str_substr: null");
}

static void test_trim_case(void) {
    rt_string s = S(" \t\n ab c\r\v\f ");
    CHECK_STR(rt_str_trim(s), "ab c");
    CHECK_STR(rt_str_ltrim(s), "ab c\r\v\f ");
    CHECK_STR(rt_str_rtrim(s), " \t\n ab c");
    rt_string plain = S("abc");
    CHECK(rt_str_trim(plain) == plain && plain->refs == 2);
    CHECK(rt_str_trim(S("   ")) == rt_str_empty());
    CHECK(rt_str_ltrim(rt_str_empty()) == rt_str_empty());
    CHECK_EXITS(rt_str_trim(NULL), 1, "rt_str_trim: null");
    CHECK_EXITS(rt_str_ltrim(NULL), 1, "rt_str_ltrim: null");
    CHECK_EXITS(rt_str_rtrim(NULL), 1, "rt_str_rtrim: null");
    rt_string m = S("aZ09\xc3\xa9z{");
    CHECK_STR(rt_str_ucase(m), "AZ09\xc3\xa9Z{");
    CHECK_STR(rt_str_lcase(m), "az09\xc3\xa9z{");
    CHECK_STR(rt_str_ucase(rt_str_empty()), "");
    CHECK_EXITS(rt_str_ucase(NULL), 1, "rt_str_ucase: null");
    CHECK_EXITS(rt_str_lcase(NULL), 1, "rt_str_lcase: null");
}

static void test_search(void) {
    rt_string s = S("hello world"), w = S("world"), e = rt_str_empty(), o = S("o"), x = S("xyz");
    CHECK(rt_str_has(s, w));
    CHECK(!rt_str_has(s, x));
    CHECK(rt_str_has(s, e));
    CHECK(!rt_str_has(NULL, e));
    CHECK(!rt_str_has(s, NULL));
    CHECK(rt_str_starts_with(s, S("hell")));
    CHECK(!rt_str_starts_with(s, w));
    CHECK(rt_str_starts_with(s, e));
    CHECK(!rt_str_starts_with(S("he"), S("hello")));
    CHECK(!rt_str_starts_with(NULL, e));
    CHECK(rt_str_ends_with(s, w));
    CHECK(!rt_str_ends_with(s, o));
    CHECK(rt_str_ends_with(s, e));
    CHECK(!rt_str_ends_with(w, s));
    CHECK(!rt_str_ends_with(s, NULL));
    CHECK_EQ_I64(rt_str_index_of(s, o), 5);
    CHECK_EQ_I64(rt_str_index_of(s, w), 7);
    CHECK_EQ_I64(rt_str_index_of(s, x), 0);
    CHECK_EQ_I64(rt_str_index_of(s, e), 1);
    CHECK_EQ_I64(rt_str_index_of(NULL, o), 0);
    CHECK_EQ_I64(rt_instr3(1, s, o), 5);
    CHECK_EQ_I64(rt_instr3(6, s, o), 8);
    CHECK_EQ_I64(rt_instr3(9, s, o), 0);
    CHECK_EQ_I64(rt_instr3(-4, s, o), 5);
    CHECK_EQ_I64(rt_instr3(3, s, e), 3);
    CHECK_EQ_I64(rt_instr3(50, s, e), 12);
    CHECK_EQ_I64(rt_instr3(50, s, o), 0);
    CHECK_EQ_I64(rt_instr3(0, s, e), 1);
    CHECK_EQ_I64(rt_instr3(1, NULL, o), 0);
    CHECK_EQ_I64(rt_instr3(1, s, NULL), 0);
    CHECK_EQ_I64(rt__find_bytes("abc", 3, "", 0, 3), 3);
    CHECK_EQ_I64(rt__find_bytes("abc", 3, "c", 1, 3), -1);
}

static void test_like(void) {
    CHECK(rt_string_like(S("hello"), S("h%o")));
    CHECK(rt_string_like(S("hello"), S("h_llo")));
    CHECK(!rt_string_like(S("hello"), S("h_lo")));
    CHECK(rt_string_like(S("hello"), S("%")));
    CHECK(rt_string_like(S(""), S("%")));
    CHECK(!rt_string_like(S(""), S("_")));
    CHECK(rt_string_like(S("a%b"), S("a\\%b")));
    CHECK(!rt_string_like(S("axb"), S("a\\%b")));
    CHECK(rt_string_like(S("ab\\"), S("ab\\")));
    CHECK(rt_string_like(S("abcabc"), S("%abc")));
    CHECK(rt_string_like(S("mississippi"), S("%iss%ppi")));
    CHECK(!rt_string_like(S("Hello"), S("hello")));
    CHECK(rt_string_like_ci(S("Hello"), S("hE%")));
    CHECK(!rt_string_like_ci(S("Hello"), S("x%")));
    CHECK(rt_string_like(rt__str_new("ab\0zz", 5), S("ab")));
    CHECK_EXITS(rt_string_like(NULL, S("a")), 1, "rt_string_cstr: null string");
    CHECK_EXITS(rt_string_like_ci(S("a"), NULL), 1, "rt_string_cstr: null string");
}

static void test_asc_chr(void) {
    CHECK_EQ_I64(rt_str_asc(S("A")), 65);
    CHECK_EQ_I64(rt_str_asc(S("\xe9")), 233);
    CHECK_EQ_I64(rt_str_asc(rt_str_empty()), 0);
    CHECK_EXITS(rt_str_asc(NULL), 1, "rt_str_asc: null");
    rt_string c = rt_str_chr(66);
    CHECK_STR(c, "B");
    rt_string z = rt_str_chr(0);
    CHECK_EQ_I64(rt_str_len(z), 1);
    CHECK(z->data[0] == 0);
    CHECK_EQ_I64((unsigned char)rt_str_chr(255)->data[0], 255);
    CHECK_EXITS(rt_str_chr(256), 1, "CHR$: code must be 0-255 (got 256)");
    CHECK_EXITS(rt_str_chr(-1), 1, "CHR$: code must be 0-255 (got -1)");
}

static void test_split_fields(void) {
    rt_string out[4] = {0};
    CHECK_EQ_I64(rt_str_split_fields(S(" 1 , \"a,\"\"b\"\" \" ,x"), out, 3), 3);
    CHECK_STR(out[0], "1");
    CHECK_STR(out[1], "a,\"b\" ");
    CHECK_STR(out[2], "x");
    CHECK_EQ_I64(out[0]->refs, 1);
    CHECK_EQ_I64(rt_str_split_fields(S("a,b,c"), out, 2), 3);
    CHECK_STR(out[0], "a");
    CHECK_STR(out[1], "b");
    CHECK_EQ_I64(rt_str_split_fields(NULL, out, 1), 1);
    CHECK(out[0] == rt_str_empty());
    CHECK_EQ_I64(rt_str_split_fields(S(",,"), out, 3), 3);
    CHECK(out[0] == rt_str_empty() && out[2] == rt_str_empty());
    CHECK_EQ_I64(rt_str_split_fields(S("\"\""), out, 1), 1);
    CHECK(out[0] == rt_str_empty());
    CHECK_EQ_I64(rt_str_split_fields(S("a,b"), out, 0), 2);
    CHECK_EXITS(rt_str_split_fields(S("1,2"), out, 3), 1, "INPUT: expected 3 values, got 2");
    CHECK_EXITS(rt_str_split_fields(NULL, out, 2), 1, "INPUT: expected 2 values, got 1");
    CHECK_STR(rt_csv_quote_alloc(S("a\"b")), "\"a\"\"b\"");
    CHECK_STR(rt_csv_quote_alloc(NULL), "\"\"");
    CHECK_STR(rt_csv_quote_alloc(S("plain")), "\"plain\"");
}

void run_tests(void) {
    test_handles();
    test_literals();
    test_store();
    test_concat_compare();
    test_slicing();
    test_trim_case();
    test_search();
    test_like();
    test_asc_chr();
    test_split_fields();
}
