/*
 * xml.c — Viper.Data.Xml node model: construction, inspection, attributes, tree editing, search.
 * Parsing, formatting and escaping live in xml_text.c.
 *
 * Nodes (rt_xnode, rt_data_internal.h) are runtime collection objects of five kinds: element
 * (tag, attributes, children), text, comment and CDATA (content), document (children). Parents
 * own their children; a child has at most one parent (Append moves a node that already has one)
 * and the tree is acyclic (appending a node to itself or a descendant traps). Attributes keep
 * insertion order; SetAttr on an existing name replaces the value in place.
 * Reads on a node of another kind give neutral values: Tag "" unless element, Content the
 * content of text/comment/CDATA else "", Attr "" / HasAttr false / AttrNames empty unless
 * element, ChildCount 0 / ChildAt NULL unless element or document; SetAttr on a non-element does
 * nothing. TextContent is the concatenated content of all text and CDATA descendants (the node
 * itself for text/CDATA). Find/FindAll search descendants depth-first in document order (not the
 * node itself). NULL or non-node handles read as empty; Append to a node that cannot have
 * children traps.
 */
#include "rt_data_internal.h"

#include <stdlib.h>
#include <string.h>

static void xn_finalize(void *p) {
    rt_xnode *n = p;
    rt_str_release_maybe(n->name);
    for (int64_t i = 0; i < n->nattrs; i++) {
        rt_str_release_maybe(n->attr_names[i]);
        rt_str_release_maybe(n->attr_values[i]);
    }
    free(n->attr_names);
    free(n->attr_values);
    for (int64_t i = 0; i < n->nkids; i++) {
        n->kids[i]->parent = NULL;
        rt__obj_release_and_free(n->kids[i]);
    }
    free(n->kids);
    memset(n, 0, sizeof *n);
}

rt_xnode *rt__xml_node(void *p) { return rt__is_collection(p, xn_finalize) ? p : NULL; }

rt_xnode *rt__xml_new(int64_t kind, rt_string name) {
    rt_xnode *n = rt__collection_alloc(sizeof(rt_xnode), xn_finalize);
    n->kind = kind;
    if (kind != RT_XML_DOCUMENT) {
        n->name = name ? name : rt_str_empty();
        rt_str_retain_maybe(n->name);
    }
    return n;
}

void rt__xml_push_owned(rt_xnode *parent, rt_xnode *child) {
    if (parent->nkids == parent->capkids) {
        parent->capkids = parent->capkids ? parent->capkids * 2 : 4;
        parent->kids = rt__xrealloc(parent->kids, (size_t)parent->capkids * sizeof(rt_xnode *));
    }
    parent->kids[parent->nkids++] = child;
    child->parent = parent;
}

void *rt_xml_element(rt_string tag) { return rt__xml_new(RT_XML_ELEMENT, tag); }
void *rt_xml_text(rt_string content) { return rt__xml_new(RT_XML_TEXT, content); }
void *rt_xml_comment(rt_string content) { return rt__xml_new(RT_XML_COMMENT, content); }
void *rt_xml_cdata(rt_string content) { return rt__xml_new(RT_XML_CDATA, content); }

static bool has_kids(const rt_xnode *n) {
    return n && (n->kind == RT_XML_ELEMENT || n->kind == RT_XML_DOCUMENT);
}
static bool is_elem(const rt_xnode *n) { return n && n->kind == RT_XML_ELEMENT; }
static rt_string plus1(rt_string s) {
    s = s ? s : rt_str_empty();
    rt_str_retain_maybe(s);
    return s;
}

int64_t rt_xml_node_type(void *p) {
    rt_xnode *n = rt__xml_node(p);
    return n ? n->kind : 0;
}

rt_string rt_xml_tag(void *p) {
    rt_xnode *n = rt__xml_node(p);
    return plus1(is_elem(n) ? n->name : NULL);
}

rt_string rt_xml_content(void *p) {
    rt_xnode *n = rt__xml_node(p);
    return plus1(n && !has_kids(n) ? n->name : NULL);
}

static void text_of(rt_buf *b, const rt_xnode *n) {
    if (n->kind == RT_XML_TEXT || n->kind == RT_XML_CDATA)
        rt__buf_put(b, rt__str_bytes(n->name), rt__str_len(n->name));
    for (int64_t i = 0; i < n->nkids; i++)
        text_of(b, n->kids[i]);
}

rt_string rt_xml_text_content(void *p) {
    rt_xnode *n = rt__xml_node(p);
    rt_buf b = {0};
    if (n)
        text_of(&b, n);
    return rt__buf_finish(&b);
}

/* Index of attribute `name`, or -1. */
static int64_t attr_index(const rt_xnode *n, rt_string name) {
    if (!is_elem(n) || !name)
        return -1;
    for (int64_t i = 0; i < n->nattrs; i++)
        if (rt__str_cmp(n->attr_names[i], name) == 0)
            return i;
    return -1;
}

rt_string rt_xml_attr(void *p, rt_string name) {
    rt_xnode *n = rt__xml_node(p);
    int64_t i = attr_index(n, name);
    return plus1(i >= 0 ? n->attr_values[i] : NULL);
}

bool rt_xml_has_attr(void *p, rt_string name) { return attr_index(rt__xml_node(p), name) >= 0; }

void rt_xml_set_attr(void *p, rt_string name, rt_string value) {
    rt_xnode *n = rt__xml_node(p);
    if (!is_elem(n) || !name)
        return;
    value = value ? value : rt_str_empty();
    rt_str_retain_maybe(value);
    int64_t i = attr_index(n, name);
    if (i >= 0) {
        rt_str_release_maybe(n->attr_values[i]);
        n->attr_values[i] = value;
        return;
    }
    size_t sz = (size_t)(n->nattrs + 1) * sizeof(rt_string);
    n->attr_names = rt__xrealloc(n->attr_names, sz);
    n->attr_values = rt__xrealloc(n->attr_values, sz);
    rt_str_retain_maybe(name);
    n->attr_names[n->nattrs] = name;
    n->attr_values[n->nattrs++] = value;
}

bool rt_xml_remove_attr(void *p, rt_string name) {
    rt_xnode *n = rt__xml_node(p);
    int64_t i = attr_index(n, name);
    if (i < 0)
        return false;
    rt_str_release_maybe(n->attr_names[i]);
    rt_str_release_maybe(n->attr_values[i]);
    for (int64_t j = i + 1; j < n->nattrs; j++) {
        n->attr_names[j - 1] = n->attr_names[j];
        n->attr_values[j - 1] = n->attr_values[j];
    }
    n->nattrs--;
    return true;
}

void *rt_xml_attr_names(void *p) {
    rt_xnode *n = rt__xml_node(p);
    void *s = rt_seq_new();
    for (int64_t i = 0; is_elem(n) && i < n->nattrs; i++)
        rt_seq_push(s, n->attr_names[i]);
    return s;
}

int64_t rt_xml_child_count(void *p) {
    rt_xnode *n = rt__xml_node(p);
    return n ? n->nkids : 0;
}

void *rt_xml_child_at(void *p, int64_t i) {
    rt_xnode *n = rt__xml_node(p);
    if (!n || i < 0 || i >= n->nkids)
        return NULL;
    rt_obj_retain_maybe(n->kids[i]);
    return n->kids[i];
}

void *rt_xml_children(void *p) {
    rt_xnode *n = rt__xml_node(p);
    void *s = rt_seq_new();
    for (int64_t i = 0; n && i < n->nkids; i++)
        rt_seq_push(s, n->kids[i]);
    return s;
}

/* Detach child from its parent, handing the parent's reference to the caller. */
static bool detach(rt_xnode *parent, rt_xnode *child) {
    for (int64_t i = 0; i < parent->nkids; i++) {
        if (parent->kids[i] != child)
            continue;
        memmove(parent->kids + i, parent->kids + i + 1,
                (size_t)(parent->nkids - i - 1) * sizeof(rt_xnode *));
        parent->nkids--;
        child->parent = NULL;
        return true;
    }
    return false;
}

void rt_xml_append(void *pp, void *cp) {
    rt_xnode *parent = rt__xml_node(pp), *child = rt__xml_node(cp);
    if (!parent || !child)
        return;
    if (!has_kids(parent))
        rt__trap("Xml.Append: only elements and documents can have children");
    if (child->kind == RT_XML_DOCUMENT)
        rt__trap("Xml.Append: a document cannot be a child");
    for (rt_xnode *a = parent; a; a = a->parent)
        if (a == child)
            rt__trap("Xml.Append: a node cannot contain itself");
    rt_obj_retain_maybe(child);
    if (child->parent && detach(child->parent, child))
        rt__obj_release_and_free(child); /* drop the old parent's reference (ours keeps it alive) */
    rt__xml_push_owned(parent, child);
}

bool rt_xml_remove(void *pp, void *cp) {
    rt_xnode *parent = rt__xml_node(pp), *child = rt__xml_node(cp);
    if (!parent || !child || !detach(parent, child))
        return false;
    rt__obj_release_and_free(child);
    return true;
}

static void find(rt_xnode *n, rt_string tag, void *out, rt_xnode **first) {
    for (int64_t i = 0; i < n->nkids && !(first && *first); i++) {
        rt_xnode *k = n->kids[i];
        if (k->kind == RT_XML_ELEMENT && rt__str_cmp(k->name, tag) == 0) {
            if (first) {
                *first = k;
                return;
            }
            rt_seq_push(out, k);
        }
        find(k, tag, out, first);
    }
}

void *rt_xml_find(void *p, rt_string tag) {
    rt_xnode *n = rt__xml_node(p), *hit = NULL;
    if (n && tag)
        find(n, tag, NULL, &hit);
    rt_obj_retain_maybe(hit);
    return hit;
}

void *rt_xml_find_all(void *p, rt_string tag) {
    rt_xnode *n = rt__xml_node(p);
    void *s = rt_seq_new();
    if (n && tag)
        find(n, tag, s, NULL);
    return s;
}
