/* test_data_jsonstream.c — Viper.Text.JsonStream: token sequence, values, depth, skip, errors. */
#include "rt_data_abi.h"
#include "test_ext_check.h"

static void test_tokens(void) {
    void *s = rt_json_stream_new(S("{\"name\":\"Alice\",\"age\":30,\"active\":true,\"n\":null}"));
    CHECK(rt_json_stream_token_type(s) == RT_JTOK_NONE);
    CHECK(rt_json_stream_has_next(s));
    CHECK(rt_json_stream_next(s) == RT_JTOK_OBJECT_START);
    CHECK(rt_json_stream_depth(s) == 1);
    CHECK(rt_json_stream_next(s) == RT_JTOK_KEY);
    CHECK_STR(rt_json_stream_string_value(s), "name");
    CHECK(rt_json_stream_next(s) == RT_JTOK_STRING);
    CHECK_STR(rt_json_stream_string_value(s), "Alice");
    CHECK(rt_json_stream_next(s) == RT_JTOK_KEY);
    CHECK(rt_json_stream_next(s) == RT_JTOK_NUMBER);
    CHECK(rt_json_stream_number_value(s) == 30.0);
    CHECK(rt_json_stream_next(s) == RT_JTOK_KEY);
    CHECK(rt_json_stream_next(s) == RT_JTOK_BOOL);
    CHECK(rt_json_stream_bool_value(s));
    CHECK(rt_json_stream_token_type(s) == RT_JTOK_BOOL);
    CHECK(rt_json_stream_next(s) == RT_JTOK_KEY);
    CHECK(rt_json_stream_next(s) == RT_JTOK_NULL);
    CHECK(rt_json_stream_has_next(s));
    CHECK(rt_json_stream_next(s) == RT_JTOK_OBJECT_END);
    CHECK(rt_json_stream_depth(s) == 0);
    CHECK(!rt_json_stream_has_next(s));
    CHECK(rt_json_stream_next(s) == RT_JTOK_END);
    CHECK_STR(rt_json_stream_error(s), "");

    void *a = rt_json_stream_new(S(" [ -1.5e2 , false, \"\\u00e9\\n\", [] ] "));
    CHECK(rt_json_stream_next(a) == RT_JTOK_ARRAY_START);
    CHECK(rt_json_stream_next(a) == RT_JTOK_NUMBER);
    CHECK(rt_json_stream_number_value(a) == -150.0);
    CHECK(rt_json_stream_next(a) == RT_JTOK_BOOL);
    CHECK(!rt_json_stream_bool_value(a));
    CHECK(rt_json_stream_next(a) == RT_JTOK_STRING);
    CHECK_STR(rt_json_stream_string_value(a), "\xc3\xa9\n");
    CHECK(rt_json_stream_next(a) == RT_JTOK_ARRAY_START);
    CHECK(rt_json_stream_depth(a) == 2);
    CHECK(rt_json_stream_next(a) == RT_JTOK_ARRAY_END);
    CHECK(rt_json_stream_next(a) == RT_JTOK_ARRAY_END);
    CHECK(!rt_json_stream_has_next(a));

    void *n = rt_json_stream_new(S("42"));
    CHECK(rt_json_stream_has_next(n));
    CHECK(rt_json_stream_next(n) == RT_JTOK_NUMBER);
    CHECK(!rt_json_stream_has_next(n));
}

static void test_skip_and_depth(void) {
    void *s = rt_json_stream_new(S("{\"skip\":[1,[2],{\"x\":3}],\"keep\":\"yes\"}"));
    rt_json_stream_next(s);
    rt_json_stream_next(s);
    rt_json_stream_skip(s); /* on a key: no effect */
    CHECK(rt_json_stream_next(s) == RT_JTOK_ARRAY_START);
    CHECK_STR(rt_json_stream_string_value(s), "skip"); /* persists */
    rt_json_stream_skip(s);
    CHECK(rt_json_stream_token_type(s) == RT_JTOK_ARRAY_END);
    CHECK(rt_json_stream_depth(s) == 1);
    CHECK(rt_json_stream_next(s) == RT_JTOK_KEY);
    CHECK_STR(rt_json_stream_string_value(s), "keep");
    CHECK(rt_json_stream_next(s) == RT_JTOK_STRING);
    CHECK_STR(rt_json_stream_string_value(s), "yes");
}

static void test_errors(void) {
    const char *bad[] = {"{\"a\" 1}", "[1 2]", "[1,]", "{1:2}", "tru", "\"abc", "01x", "[1]]", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        void *s = rt_json_stream_new(S(bad[i]));
        int64_t t = 0;
        for (int k = 0; k < 10 && t != RT_JTOK_ERROR; k++)
            t = rt_json_stream_next(s);
        CHECK(t == RT_JTOK_ERROR);
        CHECK(rt_str_len(rt_json_stream_error(s)) > 0);
        CHECK(!rt_json_stream_has_next(s));
        CHECK(rt_json_stream_next(s) == RT_JTOK_ERROR);
    }
    CHECK(rt_json_stream_next(NULL) == RT_JTOK_NONE);
    CHECK(!rt_json_stream_has_next(NULL));
    CHECK_STR(rt_json_stream_string_value(NULL), "");
    CHECK_STR(rt_json_stream_error(NULL), "");
    CHECK(rt_json_stream_depth(NULL) == 0);
    rt_json_stream_skip(NULL);
}

void run_tests(void) {
    test_tokens();
    test_skip_and_depth();
    test_errors();
}
