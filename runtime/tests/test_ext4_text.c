/* test_ext4_text.c — Ini, Template, Diff (RUNTIME-EXTENDED §19-§21) and the Core.Parse lenient
 * parsers (§23): parse rules, the reference Map key order (§G.5), exact formatting, NULL handling
 * and trap messages. */
#include "test_ext4_check.h"

static void test_ini(void) {
    const char *text = "; comment\r\n# another\r\nname = top \r\n[server]\r\nhost = localhost\n"
                       "port=8080\rurl = a=b ; not a comment\n\n[ database ] trailing\nuser = admin\n"
                       "[broken\nnoequals\n[server]\nport = 9090\n = empty key\nkey =\n[logging]\n";
    void *ini = rt_ini_parse(S(text));
    CHECK(rt__is_map(ini));
    CHECK(rt_ini_has_section(ini, S("")));
    CHECK(rt_ini_has_section(ini, S("server")) && rt_ini_has_section(ini, S("database")));
    CHECK(rt_ini_has_section(ini, S("logging")) && !rt_ini_has_section(ini, S("broken")));
    CHECK(!rt_ini_has_section(ini, S("Server")));
    CHECK_STR(rt_ini_get(ini, S(""), S("name")), "top");
    CHECK_STR(rt_ini_get(ini, S("server"), S("host")), "localhost");
    CHECK_STR(rt_ini_get(ini, S("server"), S("port")), "9090"); /* continued section, overwrite */
    CHECK_STR(rt_ini_get(ini, S("server"), S("url")), "a=b ; not a comment");
    CHECK_STR(rt_ini_get(ini, S("server"), S("")), "empty key");
    CHECK_STR(rt_ini_get(ini, S("server"), S("key")), "");
    CHECK(rt_map_has(rt_map_get(ini, S("server")), S("key")));
    CHECK_STR(rt_ini_get(ini, S("database"), S("user")), "admin");
    CHECK_STR(rt_ini_get(ini, S("server"), S("missing")), "");
    CHECK_STR(rt_ini_get(ini, S("nosuch"), S("host")), "");
    CHECK_STR(rt_ini_get(NULL, S("server"), S("host")), "");
    CHECK_STR(rt_ini_get(ini, NULL, S("host")), "");
    CHECK_STR(rt_ini_get(ini, S("server"), NULL), "");
    CHECK(!rt_map_has(rt_map_get(ini, S("")), S("noequals")));
    /* Sections: Map hash order — VM-checked example server, "", database, logging */
    void *secs = rt_ini_sections(ini);
    CHECK_EQ_I64(rt_seq_len(secs), 4);
    CHECK_STR(SEQ_STR(secs, 0), "server");
    CHECK_STR(SEQ_STR(secs, 1), "");
    CHECK_STR(SEQ_STR(secs, 2), "database");
    CHECK_STR(SEQ_STR(secs, 3), "logging");
    /* Set / Remove */
    rt_ini_set(ini, S("logging"), S("level"), S("debug"));
    rt_ini_set(ini, S("new"), S("k"), S("v"));
    rt_ini_set(ini, S("new"), S("nullv"), NULL);
    CHECK_STR(rt_ini_get(ini, S("logging"), S("level")), "debug");
    CHECK(rt_ini_has_section(ini, S("new")));
    rt_ini_set(NULL, S("a"), S("b"), S("c"));
    rt_ini_set(ini, NULL, S("b"), S("c"));
    rt_ini_set(ini, S("a"), NULL, S("c"));
    CHECK(!rt_ini_has_section(ini, S("a")));
    CHECK(rt_ini_remove(ini, S("server"), S("url")) && !rt_ini_remove(ini, S("server"), S("url")));
    CHECK(!rt_ini_remove(ini, S("nosuch"), S("k")) && !rt_ini_remove(NULL, S("a"), S("b")));
    /* Format: default section first, then sections in hash order with their pairs */
    void *f = rt_ini_parse(S("[server]\nhost = h\n[database]\nuser = u\n[logging]\n"));
    CHECK_STR(rt_ini_format(f), "\n[server]\nhost = h\n\n[database]\nuser = u\n\n[logging]\n");
    rt_ini_set(f, S(""), S("top"), S("1"));
    rt_ini_set(f, S("logging"), S("nul"), NULL);
    CHECK_STR(rt_ini_format(f),
              "top = 1\n\n[server]\nhost = h\n\n[database]\nuser = u\n\n[logging]\nnul = \n");
    CHECK_STR(rt_ini_format(NULL), "");
    CHECK_STR(rt_ini_format(rt_ini_parse(S(""))), "");
    /* Parse(NULL): empty map without the "" section */
    void *n = rt_ini_parse(NULL);
    CHECK(rt__is_map(n) && rt_map_len(n) == 0 && !rt_ini_has_section(n, S("")));
    CHECK_EQ_I64(rt_seq_len(rt_ini_sections(NULL)), 0);
    /* chain order: a bucket's newest key first (k9, k12 share bucket 9 of 16) */
    void *c = rt_ini_parse(S("[k9]\n[k12]\n"));
    void *cs = rt_ini_sections(c);
    CHECK_STR(SEQ_STR(cs, 0), "");
    CHECK_STR(SEQ_STR(cs, 1), "k12");
    CHECK_STR(SEQ_STR(cs, 2), "k9");
    /* growth to 32 buckets (after the 13th key) with the reference rehash order */
    rt_buf b = {0};
    for (int i = 0; i < 14; i++)
        rt__buf_putf(&b, "[s%d]\n", i);
    void *g = rt_ini_parse(rt__buf_finish(&b));
    void *gs = rt_ini_sections(g);
    const char *want[] = {"s12", "s9", "s4", "s3", "", "s11", "s1", "s13",
                          "s8",  "s7", "s2", "s5", "s0", "s10", "s6"};
    CHECK_EQ_I64(rt_seq_len(gs), 15);
    for (int i = 0; i < 15; i++)
        CHECK_STR(SEQ_STR(gs, i), want[i]);
}

static void test_template(void) {
    void *m = rt_map_new();
    rt_map_set(m, S("name"), S("World"));
    rt_map_set(m, S("boxed"), rt_box_str(S("B")));
    rt_map_set(m, S("num"), rt_box_i64(42));
    rt_map_set(m, S("nul"), NULL);
    CHECK_STR(rt_template_render(S("Hello, {{name}}!"), m), "Hello, World!");
    CHECK_STR(rt_template_render(S("{{ name }}/{{boxed}}"), m), "World/B");
    CHECK_STR(rt_template_render(S("[{{num}}]"), m), "[]");
    CHECK_STR(rt_template_render(S("[{{nul}}] [{{ missing }}] [{{ }}]"), m),
              "[{{nul}}] [{{ missing }}] [{{ }}]");
    CHECK_STR(rt_template_render(S("a {{{{literal}}}} b"), m), "a {{literal}} b");
    CHECK_STR(rt_template_render(S("x {{name"), m), "x {{name");
    CHECK_STR(rt_template_render(S("{{name}} {{oops {{{{"), m), "World {{oops {{");
    CHECK_STR(rt_template_render(S("{{Name}}"), m), "{{Name}}");
    CHECK_STR(rt_template_render(S(""), m), "");
    CHECK(rt_template_render(S(""), m) == rt_str_empty());
    CHECK_STR(rt_template_render(S("{{{name}}}"), m), "{{{name}}}"); /* key "{name" */
    void *seq = rt_seq_new();
    rt_seq_push(seq, S("zero"));
    rt_seq_push(seq, rt_box_str(S("one")));
    rt_seq_push(seq, NULL);
    CHECK_STR(rt_template_render_seq(S("{{0}}-{{ 1 }}-{{2}}-{{3}}-{{x}}-{{-1}}"), seq),
              "zero-one-{{2}}-{{3}}-{{x}}-{{-1}}");
    CHECK_STR(rt_template_render_seq(S("{{99999999999999999999999}}"), seq),
              "{{99999999999999999999999}}");
    CHECK(rt_template_has(S("Hi {{ user }} {{x}}"), S("user")));
    CHECK(!rt_template_has(S("Hi {{ user }}"), S("User")));
    CHECK(!rt_template_has(S("{{{{user}}}}"), S("user")));
    CHECK(!rt_template_has(S("{{}}"), S("")) && !rt_template_has(S("{{a}}"), NULL));
    CHECK(!rt_template_has(NULL, S("a")));
    void *keys = rt_template_keys(S("{{a}} {{ b }} {{a}} {{ }} {{c}}"));
    CHECK_EQ_I64(rt_bag_len(keys), 3);
    CHECK(rt_bag_has(keys, S("b")) && rt_bag_has(keys, S("c")));
    CHECK_EQ_I64(rt_seq_len(keys), 0); /* a Bag, not a Seq (§G.4: the demo prints 0) */
    CHECK_EQ_I64(rt_bag_len(rt_template_keys(NULL)), 0);
    CHECK_STR(rt_template_escape(S("Hello {{name}}, use \\{{literal}} braces")),
              "Hello {{{{name}}}}, use \\{{{{literal}}}} braces");
    CHECK_STR(rt_template_escape(S("{{{")), "{{{{{");
    rt_string plain = S("plain");
    rt_string e = rt_template_escape(plain);
    CHECK(e == plain);
    CHECK_EQ_I64(plain->refs, 2); /* returned with +1 */
    CHECK_STR(rt_template_escape(NULL), "");
    /* round trip: rendering an escaped text gives the text back */
    CHECK_STR(rt_template_render(rt_template_escape(S("{{a}} }}")), m), "{{a}} }}");
    CHECK_EXITS(rt_template_render(NULL, m), 1, "Template.Render: template is null");
    CHECK_EXITS(rt_template_render(S("x"), NULL), 1, "Template.Render: values map is null");
    CHECK_EXITS(rt_template_render_seq(NULL, seq), 1, "Template.RenderSeq: template is null");
    CHECK_EXITS(rt_template_render_seq(S("x"), NULL), 1, "Template.RenderSeq: values seq is null");
}

static void check_lines(void *seq, const char *const *want, int n) {
    CHECK_EQ_I64(rt_seq_len(seq), n);
    for (int i = 0; i < n && i < rt_seq_len(seq); i++)
        CHECK_STR(SEQ_STR(seq, i), want[i]);
}

static void test_diff(void) {
    const char *w1[] = {" a", "+x", "-b", " c"}; /* VM-checked: insertions before deletions */
    check_lines(rt_diff_lines(S("a\nb\nc"), S("a\nx\nc")), w1, 4);
    const char *w2[] = {"+a", "+"};
    check_lines(rt_diff_lines(S(""), S("a\n")), w2, 2);
    const char *w3[] = {"-a"};
    check_lines(rt_diff_lines(S("a"), NULL), w3, 1);
    check_lines(rt_diff_lines(NULL, NULL), NULL, 0);
    const char *w4[] = {" a\r", "-b", " c"};
    check_lines(rt_diff_lines(S("a\r\nb\nc"), S("a\r\nc")), w4, 3);
    CHECK_EQ_I64(rt_diff_count_changes(S("a\nb\nc"), S("a\nx\nc")), 2);
    CHECK_EQ_I64(rt_diff_count_changes(S("same"), S("same")), 0);
    CHECK_EQ_I64(rt_diff_count_changes(S("one\ntwo\nthree\nfour"), S("zero\none\nthree\nfour\nfive")), 3);
    CHECK_STR(rt_diff_unified(S("a\nb"), S("a\nc"), 3), "--- a\n+++ b\n a\n+c\n-b\n");
    CHECK_STR(rt_diff_unified(NULL, NULL, -1), "--- a\n+++ b\n");
    const char *texts[][2] = {{"a\nb\nc", "a\nx\nc"}, {"", "new\n"}, {"x\ny\n", ""},
                              {"1\n2\n3\n4", "4\n3\n2\n1"}, {"keep\n", "keep\n"}};
    for (int i = 0; i < 5; i++)
        CHECK_STR(rt_diff_patch(S("ignored"), rt_diff_lines(S(texts[i][0]), S(texts[i][1]))),
                  texts[i][1]);
    void *d = rt_seq_new();
    rt_seq_push(d, S(" a"));
    rt_seq_push(d, NULL);
    rt_seq_push(d, S("-gone"));
    rt_seq_push(d, S(""));
    rt_seq_push(d, rt_box_i64(3));
    rt_seq_push(d, S("+b"));
    rt_seq_push(d, S("?odd"));
    CHECK_STR(rt_diff_patch(NULL, d), "a\nb");
    CHECK_STR(rt_diff_patch(S("x"), NULL), "");
}

static void test_parse(void) {
    CHECK(rt_parse_is_int(S("42")) && rt_parse_is_int(S("  -17  ")) && rt_parse_is_int(S("+5")));
    CHECK(!rt_parse_is_int(S("")) && !rt_parse_is_int(S("   ")) && !rt_parse_is_int(S("12abc")));
    CHECK(!rt_parse_is_int(S("1.5")) && !rt_parse_is_int(S("99999999999999999999")));
    CHECK_EQ_I64(rt_parse_int_or(S(" 123 "), -1), 123);
    CHECK_EQ_I64(rt_parse_int_or(S("-9223372036854775808"), 0), INT64_MIN);
    CHECK_EQ_I64(rt_parse_int_or(S("9223372036854775808"), 7), 7);
    CHECK_EQ_I64(rt_parse_int_or(S("x1"), 7), 7);
    CHECK(rt_parse_is_num(S("3.25")) && rt_parse_is_num(S(".5")) && rt_parse_is_num(S(" 1e3\t")));
    CHECK(rt_parse_is_num(S("0x1p3")) && rt_parse_is_num(S("-2")));
    CHECK(!rt_parse_is_num(S("inf")) && !rt_parse_is_num(S("nan")) && !rt_parse_is_num(S("1e400")));
    CHECK(!rt_parse_is_num(S("1e-400")) && !rt_parse_is_num(S("")) && !rt_parse_is_num(S("1.5x")));
    CHECK(rt_parse_num_or(S("0x1p3"), 0) == 8.0);
    CHECK(rt_parse_num_or(S(" 2.5 "), 0) == 2.5);
    CHECK(rt_parse_num_or(S("1e400"), -1.0) == -1.0); /* VM-checked */
    CHECK(rt_parse_bool_or(S(" YES "), false)); /* VM-checked */
    CHECK(rt_parse_bool_or(S("true"), false) && rt_parse_bool_or(S("On"), false));
    CHECK(rt_parse_bool_or(S("1"), false));
    CHECK(!rt_parse_bool_or(S("FALSE"), true) && !rt_parse_bool_or(S("no"), true));
    CHECK(!rt_parse_bool_or(S("0"), true) && !rt_parse_bool_or(S("\toff\n"), true));
    CHECK(rt_parse_bool_or(S("maybe"), true) && !rt_parse_bool_or(S("maybe"), false));
    CHECK(rt_parse_bool_or(S(""), true) && rt_parse_bool_or(S("truetruetruetrue"), true));
    CHECK_EQ_I64(rt_parse_int_radix(S("0x1F"), 16, -1), 31); /* VM-checked */
    CHECK_EQ_I64(rt_parse_int_radix(S("ff"), 16, -1), 255);
    CHECK_EQ_I64(rt_parse_int_radix(S("-101"), 2, 0), -5);
    CHECK_EQ_I64(rt_parse_int_radix(S("zz"), 36, 0), 1295);
    CHECK_EQ_I64(rt_parse_int_radix(S("12"), 2, -1), -1);
    CHECK_EQ_I64(rt_parse_int_radix(S("10"), 1, -1), -1);
    CHECK_EQ_I64(rt_parse_int_radix(S("10"), 37, -1), -1);
    CHECK_EQ_I64(rt_parse_int_radix(S(" 777 "), 8, -1), 511);
    CHECK_EXITS(rt_parse_is_int(NULL), 1, "rt_string_cstr: null string");
    CHECK_EXITS(rt_parse_num_or(NULL, 1.0), 1, "rt_string_cstr: null string");
    CHECK_EXITS(rt_parse_bool_or(NULL, true), 1, "rt_string_cstr: null string");
    CHECK_EXITS(rt_parse_int_radix(NULL, 99, 0), 1, "rt_string_cstr: null string");
}

void run_tests(void) {
    test_ini();
    test_template();
    test_diff();
    test_parse();
}
