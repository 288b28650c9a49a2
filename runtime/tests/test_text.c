/* test_text.c — StringBuilder, Html, Hash, Pattern.IsMatch, Pluralize (RUNTIME-ABI §3.11). */
#include "check.h"
#include "rt_core_abi.h"
#include "rt_objects_abi.h"

#define S(lit) rt__str_from_cstr(lit)
#define CHECK_STR(s, lit) CHECK_BYTES(rt__str_bytes(s), rt__str_len(s), lit)

static void test_sb(void) {
    void *sb = rt_ns_stringbuilder_new();
    CHECK(sb != NULL && !rt__is_string(sb));
    CHECK(rt_text_sb_to_string(sb) == rt_str_empty());
    CHECK(rt_text_sb_append(sb, S("Hello")) == sb);
    CHECK(rt_text_sb_append(rt_text_sb_append(sb, S(" ")), S("World")) == sb);
    rt_text_sb_append(sb, NULL);
    rt_text_sb_append(sb, rt_str_empty());
    rt_string r = rt_text_sb_to_string(sb);
    CHECK_STR(r, "Hello World");
    CHECK_EQ_I64(r->refs, 1);
    CHECK_STR(rt_text_sb_to_string(sb), "Hello World"); /* unchanged */
    CHECK_EQ_I64(rt_text_sb_get_length(sb), 11);
    CHECK_EQ_I64(rt_text_sb_get_capacity(sb), 128);
    rt_text_sb_clear(sb);
    CHECK_EQ_I64(rt_text_sb_get_length(sb), 0);
    CHECK(rt_text_sb_to_string(sb) == rt_str_empty());
    CHECK(rt_text_sb_append_line(sb, S("L1")) == sb);
    rt_text_sb_append_line(sb, NULL);
    CHECK_STR(rt_text_sb_to_string(sb), "L1\n\n");
    /* growth past the initial capacity, embedded NUL kept */
    rt_text_sb_clear(sb);
    for (int i = 0; i < 100; i++)
        rt_text_sb_append(sb, rt__str_new("ab\0", 3));
    CHECK_EQ_I64(rt_text_sb_get_length(sb), 300);
    CHECK(rt_text_sb_get_capacity(sb) >= 300);
    rt_string big = rt_text_sb_to_string(sb);
    CHECK_EQ_I64(rt_str_len(big), 300);
    CHECK(big->data[2] == 0 && big->data[299] == 0 && big->data[298] == 'b');
    CHECK(rt_text_sb_append(NULL, S("x")) == NULL);
    CHECK(rt_text_sb_to_string(NULL) == rt_str_empty());
    CHECK_EQ_I64(rt_text_sb_get_length(NULL), 0);
    rt_text_sb_clear(NULL);
    CHECK_EQ_I64(rt_obj_release_check0(sb), 1);
    rt_obj_free(sb);
}

static void test_html(void) {
    CHECK_STR(rt_html_to_text(S("<p>hello</p><p>world</p>")), "hello world");
    CHECK_STR(rt_html_to_text(S("<html><body><h1>Title</h1><p>Hello <b>World</b></p></body></html>")),
              "Title Hello World");
    CHECK_STR(rt_html_to_text(S("a &lt;b&GT; &amp;amp; &quot;q&quot; &#39;&apos;x&nbsp;y")),
              "a <b> &amp; \"q\" ''x y");
    CHECK_STR(rt_html_to_text(S("&#65;&#x42;&#x62; &#200; &#0; &bogus; & end")),
              "ABb &#200; &#0; &bogus; & end");
    CHECK_STR(rt_html_to_text(S("   ")), "");
    CHECK_STR(rt_html_to_text(S("<br>")), "");
    CHECK_STR(rt_html_to_text(NULL), "");
    CHECK_STR(rt_html_to_text(rt__str_new("a<b>c\0<i>d", 10)), "a c");
    CHECK_STR(rt_html_escape(S("<script>alert('xss')</script>")),
              "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;");
    CHECK_STR(rt_html_escape(S("\"quoted\" & more")), "&quot;quoted&quot; &amp; more");
    CHECK_STR(rt_html_escape(NULL), "");
    CHECK_STR(rt_html_unescape(S("&lt;script&gt;alert(&apos;xss&apos;)&lt;/script&gt;")),
              "<script>alert('xss')</script>");
    CHECK_STR(rt_html_unescape(S("Hello &amp; goodbye")), "Hello & goodbye");
    CHECK_STR(rt_html_strip_tags(S("<p>Hello <b>World</b></p>")), "Hello World");
    CHECK_STR(rt_html_strip_tags(S("No tags here")), "No tags here");
}

static void test_hash(void) {
    CHECK_EQ_I64(rt_hash_fast(S("Hello World")), 4420528118743043111LL);
    CHECK_EQ_I64(rt_hash_fast(rt_str_empty()), (int64_t)0xcbf29ce484222325ULL);
    CHECK_EQ_I64(rt_hash_fast(rt__str_new("Hello World\0x", 13)), 4420528118743043111LL);
    CHECK_EXITS(rt_hash_fast(NULL), 1, "rt_string_cstr: null string");
    CHECK_EQ_I64(rt_hash_fast_int(42), -55488592825689361LL);
    CHECK_EQ_I64(rt_hash_crc32(S("123456789")), 0xCBF43926LL);
    CHECK_EQ_I64(rt_hash_crc32(rt_str_empty()), 0);
}

static void test_pattern(void) {
    CHECK(rt_pattern_is_match(S("abc123"), S("[0-9]+")));
    CHECK(!rt_pattern_is_match(S("hello"), S("[0-9]+")));
    CHECK(rt_pattern_is_match(S("hello"), S("^[a-z]+$")));
    CHECK(!rt_pattern_is_match(S("Hello"), S("^[a-z]+$")));
    CHECK(!rt_pattern_is_match(S("nodigits"), S("[0-9]+")));
    CHECK(rt_pattern_is_match(S(""), S("")));
    CHECK(rt_pattern_is_match(S(""), S("^$")));
    CHECK(rt_pattern_is_match(S("abc"), S("$")));
    CHECK(rt_pattern_is_match(S("a.c"), S("a\\.c")));
    CHECK(!rt_pattern_is_match(S("abc"), S("a\\.c")));
    CHECK(rt_pattern_is_match(S("abc"), S("a.c")));
    CHECK(!rt_pattern_is_match(S("a\nc"), S("a.c")));
    CHECK(rt_pattern_is_match(S("a\nc"), S("a\\nc")));
    CHECK(rt_pattern_is_match(S("2024-01-15"), S("^\\d\\d\\d\\d-\\d+-\\d+$")));
    CHECK(rt_pattern_is_match(S("foo_bar9"), S("^\\w+$")));
    CHECK(!rt_pattern_is_match(S("foo bar"), S("^\\w+$")));
    CHECK(rt_pattern_is_match(S("a b"), S("a\\sb")));
    CHECK(rt_pattern_is_match(S("abc"), S("^\\D+$")));
    CHECK(!rt_pattern_is_match(S("a1c"), S("^\\D+$")));
    CHECK(rt_pattern_is_match(S("x y"), S("\\S\\s\\S")));
    CHECK(rt_pattern_is_match(S("catdog"), S("^(cat|dog)+$")));
    CHECK(!rt_pattern_is_match(S("catdox"), S("^(cat|dog)+$")));
    CHECK(rt_pattern_is_match(S("color"), S("^colou?r$")));
    CHECK(rt_pattern_is_match(S("colour"), S("^colou?r$")));
    CHECK(rt_pattern_is_match(S("aaa"), S("^a*?a$")));
    CHECK(rt_pattern_is_match(S("ab"), S("^a+?b$")));
    CHECK(rt_pattern_is_match(S("]"), S("[]]")));
    CHECK(rt_pattern_is_match(S("x"), S("[^]]")));
    CHECK(!rt_pattern_is_match(S("]"), S("[^]]")));
    CHECK(rt_pattern_is_match(S("-"), S("[a-]")));
    CHECK(rt_pattern_is_match(S("q"), S("[\\D]")));  /* quirk: \D flips the class */
    CHECK(!rt_pattern_is_match(S("5"), S("[\\D]")));
    CHECK(rt_pattern_is_match(S("a{2}"), S("a{2}"))); /* braces are literals */
    CHECK(!rt_pattern_is_match(S("aa"), S("^a{2}$")));
    CHECK(rt_pattern_is_match(S("ab"), S("^(a|)b$")));
    CHECK(rt_pattern_is_match(S("b"), S("^(a*)*b$")));  /* empty-iteration guard */
    CHECK(rt_pattern_is_match(S("x|y"), S("x\\|y")));
    CHECK(rt_pattern_is_match(S("y"), S("^(x|y)$")));
    CHECK_EXITS(rt_pattern_is_match(S("a"), S("(a")), 1, "Pattern error at position 0");
    CHECK_EXITS(rt_pattern_is_match(S("a"), S("a)")), 1, "Pattern error at position 1");
    CHECK_EXITS(rt_pattern_is_match(S("a"), S("[a")), 1, "Pattern error at position 0");
    CHECK_EXITS(rt_pattern_is_match(S("a"), S("*a")), 1, "Pattern error at position 0");
    CHECK_EXITS(rt_pattern_is_match(S("a"), S("a\\")), 1, "Pattern error at position 1");
    CHECK_EXITS(rt_pattern_is_match(NULL, S("a")), 1, "rt_string_cstr: null string");
    CHECK_EXITS(rt_pattern_is_match(S("a"), NULL), 1, "rt_string_cstr: null string");
}

static void test_plural(void) {
    static const char *const plural[][2] = {
        {"cat", "cats"},       {"child", "children"}, {"Person", "people"}, {"sheep", "sheep"},
        {"Fish", "Fish"},      {"box", "boxes"},      {"bus", "buses"},     {"church", "churches"},
        {"dish", "dishes"},    {"buzz", "buzzes"},    {"city", "cities"},   {"day", "days"},
        {"leaf", "leaves"},    {"roof", "rooves"},    {"cliff", "cliffs"},  {"safe", "saves"},
        {"hero", "heroes"},    {"zoo", "zoos"},       {"index", "indices"}, {"y", "ys"},
        {"f", "ves"},          {"o", "os"},           {"dog", "dogs"}};
    for (size_t i = 0; i < sizeof plural / sizeof plural[0]; i++)
        CHECK_STR(rt_pluralize(S(plural[i][0])), plural[i][1]);
    static const char *const singular[][2] = {
        {"cats", "cat"},       {"children", "child"}, {"People", "person"}, {"news", "news"},
        {"wolves", "wolf"},    {"knives", "knife"},   {"cities", "city"},   {"dishes", "dish"},
        {"churches", "church"}, {"buses", "bus"},     {"boxes", "box"},     {"buzzes", "buzz"},
        {"heroes", "hero"},    {"glass", "glass"},    {"s", "s"},           {"ves", "ve"},
        {"dog", "dog"},        {"calves", "calf"}};
    for (size_t i = 0; i < sizeof singular / sizeof singular[0]; i++)
        CHECK_STR(rt_singularize(S(singular[i][0])), singular[i][1]);
    CHECK_STR(rt_pluralize(NULL), "");
    CHECK_STR(rt_pluralize(rt_str_empty()), "");
    CHECK_STR(rt_singularize(NULL), "");
    CHECK_STR(rt_pluralize_count(0, S("cat")), "0 cats");
    CHECK_STR(rt_pluralize_count(1, S("cat")), "1 cat");
    CHECK_STR(rt_pluralize_count(-1, S("cat")), "-1 cat");
    CHECK_STR(rt_pluralize_count(3, S("child")), "3 children");
    CHECK_STR(rt_pluralize_count(100, S("person")), "100 people");
    CHECK_STR(rt_pluralize_count(2, NULL), "");
}

void run_tests(void) {
    test_sb();
    test_html();
    test_hash();
    test_pattern();
    test_plural();
}
