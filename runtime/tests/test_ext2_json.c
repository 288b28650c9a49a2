/* test_ext2_json.c — Json and JsonPath (part D): parsing, value model, formatting (compact, pretty,
 * member order), errors, paths; values from the corpus json / jsonpath / bugfix_text programs. */
#include "test_ext2_check.h"

static rt_string fmt(const char *text) { return rt_json_format(rt_json_parse(S(text))); }

static void test_valid_and_types(void) {
    CHECK(rt_json_is_valid(S("{\"name\":\"Alice\",\"age\":30}")));
    CHECK(rt_json_is_valid(S("[1,2,3]")));
    CHECK(!rt_json_is_valid(S("not json")));
    CHECK(!rt_json_is_valid(S("")));
    CHECK(!rt_json_is_valid(NULL));
    CHECK(!rt_json_is_valid(S("[1,2,]")));
    CHECK(!rt_json_is_valid(S("{\"a\":1,}")));
    CHECK(!rt_json_is_valid(S("01")));
    CHECK(!rt_json_is_valid(S("1.")));
    CHECK(!rt_json_is_valid(S("\"a\tb\"")));
    CHECK(!rt_json_is_valid(S("[1] x")));
    CHECK(!rt_json_is_valid(S("\"\\ud800\"")));
    CHECK(rt_json_is_valid(S(" \n[ -1.5e3 , true,false ,null,{}] ")));
    CHECK_STR(rt_json_type_of(rt_json_parse(S("\"hello\""))), "string");
    CHECK_STR(rt_json_type_of(rt_json_parse(S("42"))), "number");
    CHECK_STR(rt_json_type_of(rt_json_parse(S("true"))), "boolean");
    CHECK_STR(rt_json_type_of(rt_json_parse(S("null"))), "null");
    CHECK_STR(rt_json_type_of(rt_json_parse(S("[1,2]"))), "array");
    CHECK_STR(rt_json_type_of(rt_json_parse(S("{\"a\":1}"))), "object");
    CHECK_STR(rt_json_type_of(rt_json_parse_object(S("{\"x\":1,\"y\":2}"))), "object");
    CHECK_STR(rt_json_type_of(rt_json_parse_array(S("[1,2,3,4,5]"))), "array");
    CHECK_STR(rt_json_type_of(rt_box_i64(1)), "number");
    CHECK_STR(rt_json_type_of(rt_bytes_new(1)), "unknown");
    /* value model */
    void *o = rt_json_parse(S("{\"s\":\"x\",\"n\":2.5,\"a\":[true]}"));
    CHECK(rt__is_map(o));
    CHECK_STR(rt_map_get(o, S("s")), "x");
    CHECK(rt_unbox_f64(rt_map_get(o, S("n"))) == 2.5);
    CHECK(rt_unbox_i1(rt__seq_at(rt_map_get(o, S("a")), 0)) == 1);
    CHECK_STR(rt_json_parse(S("\"\\u00e9\\n\\ud83d\\ude00\\/\"")), "\xc3\xa9\n\xf0\x9f\x98\x80/");
}

static void test_errors(void) {
    CHECK_EXITS(rt_json_parse(S("not json")), 1, "Json.Parse: invalid JSON at offset 0");
    CHECK_EXITS(rt_json_parse(S("[1,")), 1, "Json.Parse: invalid JSON at offset 3");
    CHECK_EXITS(rt_json_parse_object(S("[1]")), 1, "Json.ParseObject: top-level value is not an object");
    CHECK_EXITS(rt_json_parse_array(S("{}")), 1, "Json.ParseArray: top-level value is not an array");
    /* nesting limit: an error, never a crash */
    char deep[2100];
    memset(deep, '[', 2000);
    deep[2000] = 0;
    CHECK(!rt_json_is_valid(S(deep)));
}

static void test_format(void) {
    CHECK_STR(fmt("{\"name\":\"Bob\",\"active\":true}"), "{\"name\":\"Bob\",\"active\":true}");
    CHECK_STR(fmt("{\"name\":\"Alice\",\"age\":30}"), "{\"name\":\"Alice\",\"age\":30}");
    CHECK_STR(rt_json_format_pretty(rt_json_parse(S("{\"name\":\"Carol\",\"scores\":[90,85,92]}")), 2),
              "{\n  \"scores\": [\n    90,\n    85,\n    92\n  ],\n  \"name\": \"Carol\"\n}");
    CHECK_STR(rt_json_format_pretty(rt_json_parse(S("{\"name\":\"Alice\",\"age\":30}")), 2),
              "{\n  \"name\": \"Alice\",\n  \"age\": 30\n}");
    CHECK_STR(rt_json_format_pretty(rt_json_parse(S("[[],{}]")), 4), "[\n    [],\n    {}\n]");
    CHECK_STR(fmt("[1.5,-0.25,1e300,-7,0,null,false]"), "[1.5,-0.25,1e+300,-7,0,null,false]");
    CHECK_STR(fmt("0.1"), "0.1");
    CHECK_STR(fmt("\"q\\\"b\\\\s\\u0001\\t\""), "\"q\\\"b\\\\s\\u0001\\t\"");
    CHECK_STR(rt_json_format(NULL), "null");
    CHECK_STR(rt_json_format(S("raw")), "\"raw\"");
    CHECK_STR(rt_json_format(rt_box_str(S("b"))), "\"b\"");
    CHECK_STR(rt_json_format(rt_box_f64(0.0 / 0.0)), "null");
    /* same-bucket members keep insertion order; order is independent of insertion otherwise */
    CHECK_STR(fmt("{\"a\":1,\"age\":2}"), "{\"a\":1,\"age\":2}");
    CHECK_STR(fmt("{\"age\":2,\"a\":1}"), "{\"age\":2,\"a\":1}");
    CHECK_STR(fmt("{\"y\":1,\"x\":2}"), "{\"y\":1,\"x\":2}");
    CHECK_STR(fmt("{\"x\":1,\"y\":2}"), "{\"y\":2,\"x\":1}");
    CHECK_STR(fmt("{\"k\":1,\"k\":2}"), "{\"k\":2}");
}

static const char *STORE = "{\"store\":{\"book\":[{\"title\":\"Moby Dick\",\"price\":10},"
                           "{\"title\":\"1984\",\"price\":8}],\"name\":\"Books R Us\"}}";

static void test_jsonpath(void) {
    void *doc = rt_json_parse(S(STORE));
    CHECK_STR(rt_json_format(rt_jsonpath_get(doc, S("$.store.name"))), "\"Books R Us\"");
    CHECK_STR(rt_jsonpath_get_str(doc, S("$.store.name")), "Books R Us");
    CHECK_EQ_I64(rt_jsonpath_get_int(doc, S("$.store.book[0].price")), 10);
    CHECK_EQ_I64(rt_jsonpath_get_int(doc, S("$.store.book[1].price")), 8);
    CHECK(rt_jsonpath_has(doc, S("$.store.name")));
    CHECK(!rt_jsonpath_has(doc, S("$.store.address")));
    CHECK(rt_jsonpath_has(doc, S("$.store.book[0].title")));
    CHECK(!rt_jsonpath_has(doc, S("$.store.book[2]")));
    CHECK(!rt_jsonpath_has(doc, S("$.store.book.x")));
    void *dflt = rt_json_parse(S("\"default\""));
    CHECK_STR(rt_json_format(rt_jsonpath_get_or(doc, S("$.store.name"), dflt)), "\"Books R Us\"");
    CHECK_STR(rt_json_format(rt_jsonpath_get_or(doc, S("$.store.address"), dflt)), "\"default\"");
    CHECK_STR(rt_json_format(rt_jsonpath_query(doc, S("$.store.book[*].title"))), "[]");
    CHECK_STR(rt_json_format(rt_jsonpath_query(doc, S("$..title"))), "[]");
    CHECK_STR(rt_json_format(rt_jsonpath_query(doc, S("$.store.book[1].title"))), "[\"1984\"]");
    CHECK_STR(rt_jsonpath_get_str(doc, S("$['store'][\"book\"][0].title")), "Moby Dick");
    CHECK_STR(rt_jsonpath_get_str(doc, S("store.book[1].price")), "8");
    CHECK_STR(rt_json_format(rt_jsonpath_get(doc, S("$"))), rt__str_bytes(rt_json_format(doc)));
    CHECK(rt_jsonpath_get(doc, S("$.nope")) == NULL);
    CHECK_STR(rt_jsonpath_get_str(doc, S("$.nope")), "");
    CHECK_EQ_I64(rt_jsonpath_get_int(doc, S("$.store.name")), 0);
    CHECK_EQ_I64(rt_jsonpath_get_int(rt_json_parse(S("{\"a\":\"42\",\"b\":true,\"c\":-3.9}")), S("c")), -3);
    /* textual roots are parsed (bugfix_text Bug11) */
    rt_string raw = S("{\"name\":\"Alice\",\"age\":30}");
    CHECK_STR(rt_jsonpath_get_str(rt_json_parse(raw), S("name")), "Alice");
    CHECK_STR(rt_jsonpath_get_str(rt_box_str(raw), S("name")), "Alice");
    CHECK(rt_jsonpath_has(rt_box_str(raw), S("name")));
    CHECK_EQ_I64(rt_jsonpath_get_int(raw, S("$.age")), 30);
    CHECK(!rt_jsonpath_has(S("{bad"), S("name")));
    CHECK(!rt_jsonpath_has(NULL, S("name")));
    /* results are +1 */
    void *title = rt_jsonpath_get(doc, S("$.store.book[0]"));
    CHECK_EQ_I64(rt__heap_hdr(title)->refcnt, 2);
}

void run_tests(void) {
    test_valid_and_types();
    test_errors();
    test_format();
    test_jsonpath();
}
