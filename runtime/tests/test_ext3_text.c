/* test_ext3_text.c — part E text formats: Csv, Toml, Markdown, Html parsing (edge cases and the
 * corpus values of text_formats, bugfix_text, toml_demo and html_demo). */
#include "test_ext_check.h"
#include "rt_collections_abi.h"
#include "rt_io_abi.h"
#include "rt_text_abi.h"

static void *seq_of(const char *a, const char *b, const char *c) {
    void *s = rt_seq_new();
    rt_seq_push(s, rt_box_str(S(a)));
    rt_seq_push(s, S(b)); /* raw string element */
    rt_seq_push(s, rt_box_str(S(c)));
    return s;
}

static void test_csv(void) {
    CHECK_STR(rt_csv_format_line(seq_of("name", "age", "city")), "name,age,city");
    CHECK_STR(rt_csv_format_line(seq_of("a,b", "say \"hi\"", "x\ny")),
              "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\"");
    CHECK_STR(rt_csv_format_line_with(seq_of("a", "b;c", "d"), S(";")), "a;\"b;c\";d");
    CHECK_STR(rt_csv_format_line(NULL), "");
    void *mixed = rt_seq_new();
    rt_seq_push(mixed, rt_box_i64(42));
    rt_seq_push(mixed, rt_box_f64(1.5));
    rt_seq_push(mixed, rt_box_i1(1));
    rt_seq_push(mixed, NULL);
    CHECK_STR(rt_csv_format_line(mixed), "42,1.5,true,");
    void *f = rt_csv_parse_line(S("Alice,30,NY"));
    CHECK_EQ_I64(rt_seq_len(f), 3);
    CHECK_STR(SEQ_STR(f, 0), "Alice");
    CHECK_STR(SEQ_STR(f, 2), "NY");
    f = rt_csv_parse_line(S("\"a,b\",\"say \"\"hi\"\"\",,end"));
    CHECK_EQ_I64(rt_seq_len(f), 4);
    CHECK_STR(SEQ_STR(f, 0), "a,b");
    CHECK_STR(SEQ_STR(f, 1), "say \"hi\"");
    CHECK_STR(SEQ_STR(f, 2), "");
    CHECK_EQ_I64(rt_seq_len(rt_csv_parse_line(S(""))), 1);
    CHECK_EQ_I64(rt_seq_len(rt_csv_parse_line(NULL)), 1);
    CHECK_EQ_I64(rt_seq_len(rt_csv_parse_line_with(S("a|b|c"), S("|"))), 3);
    void *rows = rt_csv_parse(S("a,b\r\n\"x\ny\",z\n"));
    CHECK_EQ_I64(rt_seq_len(rows), 2);
    CHECK_STR(SEQ_STR(rt__seq_at(rows, 1), 0), "x\ny");
    CHECK_EQ_I64(rt_seq_len(rt_csv_parse(S(""))), 0);
    CHECK_EQ_I64(rt_seq_len(rt_csv_parse_with(S("a;b\nc;d"), S(";"))), 2);
    CHECK_STR(rt_csv_format(rows), "a,b\n\"x\ny\",z\n");
    CHECK_STR(rt_csv_format_with(rt_csv_parse(S("a,b")), S("\t")), "a\tb\n");
}

static void test_toml(void) {
    const char *doc = "[package]\nname = \"viper\"\nversion = \"1.0.0\"\n\n[settings]\ndebug = true\n"
                      "port = 8080\n";
    CHECK(rt_toml_is_valid(S(doc)));
    CHECK(rt_toml_is_valid(S("not toml {{{")));
    CHECK(rt_toml_is_valid(S("key = \"value\"")));
    CHECK(!rt_toml_is_valid(S("[broken")));
    CHECK(!rt_toml_is_valid(S("= 3")));
    CHECK(!rt_toml_is_valid(S("k = \"open")));
    CHECK(!rt_toml_is_valid(S("[[arr]]")));
    CHECK(!rt_toml_is_valid(NULL));
    void *t = rt_toml_parse(S(doc));
    CHECK_STR(rt_toml_format(t), "[settings]\nport = \"8080\"\ndebug = \"true\"\n\n[package]\n"
                                 "name = \"viper\"\nversion = \"1.0.0\"\n\n");
    CHECK_STR(rt_toml_get_str(t, S("package.name")), "viper");
    CHECK_STR(rt_toml_get_str(t, S("settings.port")), "8080");
    CHECK_STR(rt_toml_get_str(t, S("settings.debug")), "true");
    CHECK_STR(rt_toml_get_str(t, S("settings.nope")), "");
    CHECK_STR(rt_toml_get_str(t, S("package")), "");
    CHECK(rt_toml_get(t, S("package.name")) != NULL && rt_toml_get(t, S("x.y")) == NULL);
    CHECK(rt__is_map(rt_toml_get(t, S("package"))));
    CHECK_STR(rt_toml_get_str(rt_toml_parse(rt_toml_format(t)), S("package.name")), "viper");
    CHECK_STR(rt_toml_get_str(S("title = \"Hello\"\ncount = 42\n"), S("count")), "42");
    CHECK_STR(rt_toml_get_str(rt_box_str(S("name = \"Alice\"\nage = \"30\"")), S("age")), "30");
    CHECK_STR(rt_toml_get_str(S("a.b = 'lit\\n' # c\nx = 1 # comment"), S("a.b")), "lit\\n");
    CHECK_STR(rt_toml_get_str(S("x = 1 # comment\ns = \"t\\tq\\\"\\u00e9\""), S("x")), "1");
    CHECK_STR(rt_toml_get_str(S("s = \"t\\tq\\\"\\u00e9\""), S("s")), "t\tq\"\xc3\xa9");
    CHECK_STR(rt_toml_get_str(NULL, S("a")), "");
    CHECK_STR(rt_toml_format(rt_toml_parse(S("z = \"1\"\n[t]\na = \"2\"\n[t.u]\nb = \"3\""))),
              "z = \"1\"\n\n[t]\na = \"2\"\n\n[t.u]\nb = \"3\"\n\n");
    void *m = rt_map_new();
    rt_map_set(m, S("n"), rt_box_i64(5));
    CHECK_STR(rt_toml_format(m), "n = 5\n");
    CHECK_STR(rt_toml_format(NULL), "");
}

static void test_markdown(void) {
    CHECK_STR(rt_markdown_to_text(S("# Hello\n\nWorld")), "Hello\n\nWorld\n");
    CHECK_STR(rt_markdown_to_html(S("**bold**")), "<p><strong>bold</strong></p>\n");
    CHECK_STR(rt_markdown_to_html(S("# T *e*\npara `c<d>` [l](u?a&b)\nmore\n\n- a\n- b\n1. x\n---")),
              "<h1>T <em>e</em></h1>\n<p>para <code>c&lt;d&gt;</code> <a href=\"u?a&amp;b\">l</a>\n"
              "more</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<ol>\n<li>x</li>\n</ol>\n<hr>\n");
    CHECK_STR(rt_markdown_to_html(S("```\na<b\n```\n> q")),
              "<pre><code>a&lt;b\n</code></pre>\n<blockquote>q</blockquote>\n");
    CHECK_STR(rt_markdown_to_html(S("**open ![i](p.png)")), "<p>**open <img src=\"p.png\" alt=\"i\"></p>\n");
    CHECK_STR(rt_markdown_to_text(S("## A **b** [c](d)\n- item")), "A b c\nitem\n");
    CHECK_STR(rt_markdown_to_text(NULL), "");
    void *h = rt_markdown_extract_headings(S("# Hello\n## World\nParagraph.\n### Third"));
    CHECK_EQ_I64(rt_seq_len(h), 3);
    CHECK_STR(SEQ_STR(h, 1), "World");
    void *l = rt_markdown_extract_links(S("Visit [here](http://example.com) and [there](http://test.com)."));
    CHECK_EQ_I64(rt_seq_len(l), 2);
    CHECK_STR(SEQ_STR(l, 1), "http://test.com");
    CHECK_EQ_I64(rt_seq_len(rt_markdown_extract_links(S("no [link] here ![img](x)"))), 0);
}

static void test_html(void) {
    const char *doc = "<html><body><h1>Title</h1><p>Hello <b>World</b></p><a href=\"https://example.com\">"
                      "Link 1</a><a href=\"https://viper.dev\">Link 2</a></body></html>";
    void *root = rt_html_parse(S(doc));
    CHECK(root != NULL);
    CHECK_STR(rt_map_get(root, S("tag")), "#document");
    void *html = rt__seq_at(rt_map_get(root, S("children")), 0);
    CHECK_STR(rt_map_get(html, S("tag")), "html");
    void *links = rt_html_extract_links(S(doc));
    CHECK_EQ_I64(rt_seq_len(links), 2);
    CHECK_STR(SEQ_STR(links, 0), "https://example.com");
    CHECK_STR(SEQ_STR(links, 1), "https://viper.dev");
    void *t = rt_html_extract_text(S(doc), S("p"));
    CHECK_EQ_I64(rt_seq_len(t), 1);
    CHECK_STR(SEQ_STR(t, 0), "Hello World");
    CHECK_STR(SEQ_STR(rt_html_extract_text(S(doc), S("H1")), 0), "Title");
    void *n = rt_html_extract_text(S("<!-- c --><P>a &amp; b<br>c</p><p/><script>x<y</script>"
                                     "<li>1<li>2</ul>"),
                                   S("p"));
    CHECK_EQ_I64(rt_seq_len(n), 2);
    CHECK_STR(SEQ_STR(n, 0), "a & bc");
    CHECK_STR(SEQ_STR(n, 1), "");
    CHECK_STR(SEQ_STR(rt_html_extract_text(S("<script>if (a<b) x();</script>"), S("script")), 0),
              "if (a<b) x();");
    void *a = rt_html_extract_links(S("<a class=x href='q&amp;r' disabled>z</a><a>no</a>"));
    CHECK_EQ_I64(rt_seq_len(a), 1);
    CHECK_STR(SEQ_STR(a, 0), "q&r");
    CHECK_EQ_I64(rt_seq_len(rt_html_extract_links(NULL)), 0);
    CHECK_EQ_I64(rt_seq_len(rt_html_extract_text(S("<p>x</p>"), NULL)), 0);
    CHECK_EQ_I64(rt_seq_len(rt_html_extract_text(S("a < b <p>t"), S("p"))), 1);
}

void run_tests(void) {
    test_csv();
    test_toml();
    test_markdown();
    test_html();
}
