/* test_data_xml.c — Viper.Data.Xml: parsing, node model, attributes, tree editing, search,
 * formatting and escaping. */
#include "rt_data_abi.h"
#include "test_ext_check.h"

static void test_parse(void) {
    CHECK(rt_xml_is_valid(S("<root><item/></root>")));
    CHECK(rt_xml_is_valid(S("not xml")));
    CHECK(rt_xml_is_valid(S("<?xml version=\"1.0\"?>\n<!DOCTYPE r>\n<r a='1'><!-- c --></r>\n")));
    const char *bad[] = {"<broken", "<a></b>", "<a>", "<a x=1/>", "<a x=\"1/>", "<a>&bogus;</a>",
                         "<!-- open", "<a><![CDATA[x</a>", "</a>", "<1a/>"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK(!rt_xml_is_valid(S(bad[i])));
        CHECK(rt_xml_parse(S(bad[i])) == NULL);
    }
    void *d = rt_xml_parse(S("<root><item id=\"1\">Hello</item>\n  <item id=\"2\">W&amp;&#x41;"
                             "<![CDATA[<raw>]]></item><!--note--></root>"));
    CHECK(rt_xml_node_type(d) == RT_XML_DOCUMENT);
    CHECK_STR(rt_xml_tag(d), "");
    CHECK(rt_xml_child_count(d) == 1);
    void *root = rt_xml_child_at(d, 0);
    CHECK(rt_xml_node_type(root) == RT_XML_ELEMENT);
    CHECK_STR(rt_xml_tag(root), "root");
    CHECK(rt_xml_child_count(root) == 3); /* whitespace-only text dropped */
    CHECK_STR(rt_xml_text_content(d), "HelloW&A<raw>");
    void *i2 = rt_xml_child_at(root, 1);
    CHECK_STR(rt_xml_attr(i2, S("id")), "2");
    CHECK(rt_xml_node_type(rt_xml_child_at(i2, 1)) == RT_XML_CDATA);
    CHECK_STR(rt_xml_content(rt_xml_child_at(i2, 1)), "<raw>");
    void *c = rt_xml_child_at(root, 2);
    CHECK(rt_xml_node_type(c) == RT_XML_COMMENT);
    CHECK_STR(rt_xml_content(c), "note");
    CHECK(rt_xml_child_at(root, 3) == NULL);
    CHECK(rt_xml_child_at(root, -1) == NULL);
    CHECK(rt_seq_len(rt_xml_children(root)) == 3);
    void *t = rt_xml_parse(S("not xml"));
    CHECK(rt_xml_node_type(rt_xml_child_at(t, 0)) == RT_XML_TEXT);
    CHECK_STR(rt_xml_content(rt_xml_child_at(t, 0)), "not xml");
    /* find */
    CHECK(rt_xml_find(d, S("item")) == rt_xml_child_at(root, 0));
    CHECK(rt_xml_find(d, S("nope")) == NULL);
    CHECK(rt_seq_len(rt_xml_find_all(d, S("item"))) == 2);
    CHECK(rt_seq_len(rt_xml_find_all(root, S("root"))) == 0);
}

static void test_nodes_and_attrs(void) {
    void *e = rt_xml_element(S("newTag"));
    CHECK(rt_xml_node_type(e) == RT_XML_ELEMENT);
    CHECK_STR(rt_xml_tag(e), "newTag");
    CHECK_STR(rt_xml_content(e), "");
    void *tx = rt_xml_text(S("some text"));
    CHECK(rt_xml_node_type(tx) == RT_XML_TEXT);
    CHECK_STR(rt_xml_content(tx), "some text");
    CHECK_STR(rt_xml_text_content(tx), "some text");
    CHECK_STR(rt_xml_tag(tx), "");
    CHECK_STR(rt_xml_content(rt_xml_comment(S("a comment"))), "a comment");
    CHECK_STR(rt_xml_content(rt_xml_cdata(S("raw <data>"))), "raw <data>");
    CHECK(!rt_xml_has_attr(e, S("class")));
    rt_xml_set_attr(e, S("class"), S("primary"));
    rt_xml_set_attr(e, S("id"), S("3"));
    rt_xml_set_attr(e, S("class"), S("x\"<"));
    CHECK(rt_xml_has_attr(e, S("class")));
    CHECK_STR(rt_xml_attr(e, S("class")), "x\"<");
    void *names = rt_xml_attr_names(e);
    CHECK(rt_seq_len(names) == 2);
    CHECK_STR(SEQ_STR(names, 0), "class");
    CHECK_STR(rt_xml_format(e), "<newTag class=\"x&quot;&lt;\" id=\"3\"/>");
    CHECK(rt_xml_remove_attr(e, S("class")));
    CHECK(!rt_xml_remove_attr(e, S("class")));
    CHECK(!rt_xml_has_attr(e, S("class")));
    CHECK_STR(rt_xml_attr(e, S("missing")), "");
    rt_xml_set_attr(tx, S("a"), S("b")); /* no effect on text */
    CHECK(!rt_xml_has_attr(tx, S("a")));
    CHECK(rt_seq_len(rt_xml_attr_names(tx)) == 0);
    /* NULL handles */
    CHECK(rt_xml_node_type(NULL) == 0);
    CHECK_STR(rt_xml_tag(NULL), "");
    CHECK_STR(rt_xml_format(NULL), "");
    CHECK(rt_xml_child_count(NULL) == 0);
    CHECK(!rt_xml_remove(NULL, e));
}

static void test_edit_and_format(void) {
    void *d = rt_xml_parse(S("<root/>"));
    void *root = rt_xml_child_at(d, 0);
    void *a = rt_xml_element(S("a"));
    rt_xml_append(a, rt_xml_text(S("x < y")));
    rt_xml_append(root, a);
    void *b = rt_xml_element(S("b"));
    rt_xml_append(root, b);
    rt_xml_append(b, rt_xml_comment(S("c")));
    rt_xml_append(b, rt_xml_element(S("leaf")));
    CHECK(rt_xml_child_count(root) == 2);
    CHECK_STR(rt_xml_format(d), "<root><a>x &lt; y</a><b><!--c--><leaf/></b></root>");
    CHECK_STR(rt_xml_format_pretty(d, 2),
              "<root>\n  <a>x &lt; y</a>\n  <b>\n    <!--c-->\n    <leaf/>\n  </b>\n</root>");
    /* the formatted text parses back to the same tree */
    CHECK_STR(rt_xml_format(rt_xml_parse(rt_xml_format_pretty(d, 4))), rt_xml_format(d)->data);
    /* moving a node detaches it from its old parent */
    rt_xml_append(b, a);
    CHECK(rt_xml_child_count(root) == 1);
    CHECK(rt_xml_child_count(b) == 3);
    CHECK(rt_xml_remove(b, a));
    CHECK(!rt_xml_remove(b, a));
    CHECK(rt_xml_child_count(b) == 2);
    CHECK_STR(rt_xml_format(a), "<a>x &lt; y</a>");
    CHECK_STR(rt_xml_format(rt_xml_cdata(S("r<"))), "<![CDATA[r<]]>");
    CHECK_EXITS(rt_xml_append(b, root), 1, "cannot contain itself");
    CHECK_EXITS(rt_xml_append(rt_xml_text(S("t")), a), 1, "only elements");
}

static void test_escape(void) {
    CHECK_STR(rt_xml_escape(S("<tag attr=\"val\">&")), "&lt;tag attr=\"val\"&gt;&amp;");
    CHECK_STR(rt_xml_unescape(S("&lt;tag&gt;")), "<tag>");
    CHECK_STR(rt_xml_unescape(S("&quot;&apos;&amp;&#65;&#x263A;&bogus;&")),
              "\"'&A\xe2\x98\xba&bogus;&");
    CHECK_STR(rt_xml_escape(NULL), "");
}

void run_tests(void) {
    test_parse();
    test_nodes_and_attrs();
    test_edit_and_format();
    test_escape();
}
