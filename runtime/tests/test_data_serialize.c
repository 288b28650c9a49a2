/* test_data_serialize.c — Viper.Data.Serialize and the YAML subset (yaml.c): names, detection,
 * parse/format per format, conversion, errors. */
#include "rt_data_internal.h"
#include "test_ext_check.h"

static void test_names(void) {
    CHECK_STR(rt_serialize_format_name(0), "json");
    CHECK_STR(rt_serialize_format_name(1), "xml");
    CHECK_STR(rt_serialize_format_name(2), "yaml");
    CHECK_STR(rt_serialize_format_name(3), "toml");
    CHECK_STR(rt_serialize_format_name(4), "unknown");
    CHECK_STR(rt_serialize_mime_type(0), "application/json");
    CHECK_STR(rt_serialize_mime_type(3), "application/toml");
    CHECK_STR(rt_serialize_mime_type(-1), "application/octet-stream");
    CHECK(rt_serialize_format_from_name(S("json")) == 0);
    CHECK(rt_serialize_format_from_name(S("XML")) == 1);
    CHECK(rt_serialize_format_from_name(S("yml")) == 2);
    CHECK(rt_serialize_format_from_name(S("toml")) == 3);
    CHECK(rt_serialize_format_from_name(S("unknown")) == -1);
    CHECK(rt_serialize_format_from_name(NULL) == -1);
}

static void test_detect(void) {
    CHECK(rt_serialize_detect(S("{\"name\":\"Alice\",\"age\":30}")) == 0);
    CHECK(rt_serialize_detect(S(" [1,2]")) == 0);
    CHECK(rt_serialize_detect(S("<root><item>test</item></root>")) == 1);
    CHECK(rt_serialize_detect(S("name: Alice\nage: 30\n")) == 2);
    CHECK(rt_serialize_detect(S("- a\n- b\n")) == 2);
    CHECK(rt_serialize_detect(S("# c\ntitle = \"x\"\n")) == 3);
    CHECK(rt_serialize_detect(S("[server]\nport = 1\n")) == 3);
    CHECK(rt_serialize_detect(S("hello world")) == -1);
    CHECK(rt_serialize_detect(S("")) == -1);
}

static void test_json(void) {
    const char *j = "{\"name\":\"Alice\",\"age\":30}";
    CHECK(rt_serialize_is_valid(S(j), 0));
    CHECK_STR(rt_serialize_error(), "");
    CHECK(!rt_serialize_is_valid(S("not json {{"), 0));
    CHECK(rt_str_len(rt_serialize_error()) > 0);
    void *v = rt_serialize_parse(S(j), 0);
    CHECK_STR(rt_serialize_format(v, 0), "{\"name\":\"Alice\",\"age\":30}");
    CHECK_STR(rt_serialize_format_pretty(v, 0, 2), "{\n  \"name\": \"Alice\",\n  \"age\": 30\n}");
    CHECK_STR(rt_serialize_format(rt_serialize_auto_parse(S(j)), 0), j);
    CHECK(rt_serialize_parse(S("{"), 0) == NULL);
    CHECK(rt_serialize_auto_parse(S("hello world")) == NULL);
    CHECK(rt_str_len(rt_serialize_error()) > 0);
}

static void test_yaml(void) {
    CHECK_STR(rt_serialize_convert(S("{\"key\":\"value\"}"), 0, 2), "key: value\n");
    CHECK_STR(rt_serialize_convert(S("{\"a\":[1,\"x y\",true,null],\"b\":{\"c\":\"1\"},\"e\":[]}"),
                                   0, 2),
              "e: []\nb:\n  c: \"1\"\na:\n- 1\n- x y\n- true\n- null\n"); /* VM map order */
    CHECK_STR(rt_serialize_convert(S("[{\"a\":1,\"b\":2},[3]]"), 0, 2), "- b: 2\n  a: 1\n- - 3\n");
    const char *yaml = "---\n# doc\nname: Alice  # c\nage: 30\ntags:\n  - x\n  - 'it''s'\n"
                       "nested:\n  k: \"q\\n\"\n  flow: [1, 2]\nlist:\n- a: 1\n  b: ~\n";
    const char *json = "{\"name\":\"Alice\",\"age\":30,\"tags\":[\"x\",\"it's\"],"
                       "\"nested\":{\"k\":\"q\\n\",\"flow\":[1,2]},"
                       "\"list\":[{\"a\":1,\"b\":null}]}";
    void *v = rt_serialize_parse(S(yaml), 2);
    CHECK(v != NULL);
    CHECK_STR(rt_serialize_error(), "");
    rt_string want = rt_serialize_format(rt_serialize_parse(S(json), 0), 0);
    CHECK_STR(rt_serialize_format(v, 0), want->data);
    /* round trip through the writer */
    rt_string y = rt_serialize_format_pretty(v, 2, 4);
    CHECK_STR(rt_serialize_convert(y, 2, 0), rt_serialize_format(v, 0)->data);
    CHECK(rt_serialize_is_valid(S("just text"), 2));
    CHECK(!rt_serialize_is_valid(S("a: 1\n   b: 2\n"), 2));
    CHECK(!rt_serialize_is_valid(S("a: &x 1\n"), 2));
    CHECK(!rt_serialize_is_valid(S("a: 'open\n"), 2));
    CHECK(!rt_serialize_is_valid(S(""), 2));
}

static void test_toml_xml(void) {
    void *v = rt_serialize_parse(S("title = \"x\"\n[server]\nport = 8080\n"), 3);
    CHECK(v != NULL);
    CHECK_STR(rt_serialize_format(v, 0), rt_json_format(v)->data);
    CHECK(rt_str_len(rt_serialize_format(v, 3)) > 0);
    CHECK_STR(rt_serialize_format(rt_box_f64(1), 3), "");
    CHECK(rt_str_len(rt_serialize_error()) > 0);
    CHECK_STR(rt_serialize_convert(S("{\"name\":\"Alice\"}"), 0, 1), "");
    CHECK(rt_str_len(rt_serialize_error()) > 0);
    CHECK(rt_serialize_parse(S("<a/>"), 1) == NULL);
    CHECK(rt_serialize_parse(S("{}"), 9) == NULL);
}

void run_tests(void) {
    test_names();
    test_detect();
    test_json();
    test_yaml();
    test_toml_xml();
}
