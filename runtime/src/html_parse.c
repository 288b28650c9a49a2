/*
 * html_parse.c — Viper.Text.Html.Parse / ExtractLinks / ExtractText: a forgiving HTML tree builder.
 *
 * Tree model (plain runtime collections): every node is a Map. Elements have "tag" (lower-case
 * name), "attrs" (Map name → value string, names lower-case, values entity-decoded; a bare
 * attribute has value "") and "children" (Seq of nodes); text nodes have "tag" = "#text" and "text"
 * (entity-decoded). Parse returns the root element, tag "#document" (+1); NULL text → empty root.
 * Comments, `<!...>` and `<?...>` are skipped; void elements (br, img, hr, input, meta, link, area,
 * base, col, embed, source, track, wbr) and `<x/>` have no children; the content of script/style
 * is one raw text node; an end tag closes the nearest open element of that name (others ignored);
 * elements still open at the end are closed.
 * ExtractLinks: Seq of the href values of <a> elements in document order. ExtractText(html, tag):
 * Seq with, for each element named `tag` (case-insensitive) in document order, its descendant text
 * concatenated and trimmed of surrounding whitespace.
 */
#include "rt_collections_abi.h"
#include "rt_io_abi.h"
#include "rt_text_abi.h"
#include "rt_codec_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static rt_string lit(const char *s) { return rt_const_cstr(s); }

static void *node_new(const char *tag, size_t n) {
    void *m = rt_map_new();
    rt_string t = rt__str_new(tag, n);
    for (size_t i = 0; i < n; i++)
        t->data[i] = (char)tolower((unsigned char)t->data[i]);
    rt_map_set(m, lit("tag"), t);
    rt_str_release_maybe(t);
    return m;
}

static void add_child(void *parent, void *child) {
    void *kids = rt_map_get(parent, lit("children"));
    if (!kids) {
        kids = rt_seq_new();
        rt_map_set(parent, lit("children"), kids);
        rt__obj_release_and_free(kids);
    }
    rt__seq_push_owned(kids, child);
}

static void add_text(void *parent, const char *s, size_t n, bool decode) {
    if (n == 0)
        return;
    void *t = node_new("#text", 5);
    rt_string raw = rt__str_new(s, n);
    rt_string txt = decode ? rt_html_unescape(raw) : raw;
    if (decode)
        rt_str_release_maybe(raw);
    rt_map_set(t, lit("text"), txt);
    rt_str_release_maybe(txt);
    add_child(parent, t);
}

static bool is_void(const char *t) {
    static const char *const v[] = {"br",   "img",   "hr",    "input",  "meta", "link", "area",
                                    "base", "col",   "embed", "source", "track", "wbr"};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        if (strcmp(v[i], t) == 0)
            return true;
    return false;
}

static bool name_char(char c) { return isalnum((unsigned char)c) || c == '-' || c == '_' || c == ':'; }

/* Parses attributes from s[*i..n) until `>` or `/>`; returns whether the tag self-closes. */
static bool parse_attrs(const char *s, size_t n, size_t *i, void *attrs) {
    for (;;) {
        while (*i < n && isspace((unsigned char)s[*i]))
            (*i)++;
        if (*i >= n)
            return false;
        if (s[*i] == '>') {
            (*i)++;
            return false;
        }
        if (s[*i] == '/' && *i + 1 < n && s[*i + 1] == '>') {
            *i += 2;
            return true;
        }
        size_t a = *i;
        while (*i < n && !isspace((unsigned char)s[*i]) && s[*i] != '=' && s[*i] != '>' &&
               !(s[*i] == '/' && *i + 1 < n && s[*i + 1] == '>'))
            (*i)++;
        if (*i == a) { /* stray byte such as '/' */
            (*i)++;
            continue;
        }
        rt_string name = rt__str_new(s + a, *i - a);
        for (size_t k = 0; k < name->len; k++)
            name->data[k] = (char)tolower((unsigned char)name->data[k]);
        while (*i < n && isspace((unsigned char)s[*i]))
            (*i)++;
        rt_string val = rt_str_empty();
        if (*i < n && s[*i] == '=') {
            (*i)++;
            while (*i < n && isspace((unsigned char)s[*i]))
                (*i)++;
            size_t va, vb;
            if (*i < n && (s[*i] == '"' || s[*i] == '\'')) {
                char q = s[(*i)++];
                va = *i;
                while (*i < n && s[*i] != q)
                    (*i)++;
                vb = *i;
                if (*i < n)
                    (*i)++;
            } else {
                va = *i;
                while (*i < n && !isspace((unsigned char)s[*i]) && s[*i] != '>')
                    (*i)++;
                vb = *i;
            }
            rt_string raw = rt__str_new(s + va, vb - va);
            val = rt_html_unescape(raw);
            rt_str_release_maybe(raw);
        }
        rt_map_set(attrs, name, val);
        rt_str_release_maybe(name);
        rt_str_release_maybe(val);
    }
}

void *rt_html_parse(rt_string html) {
    const char *s = rt__str_bytes(html);
    size_t n = rt__str_len(html), i = 0;
    void *root = node_new("#document", 9);
    void **stack = rt__xmalloc(sizeof(void *) * 8);
    size_t depth = 1, cap = 8;
    stack[0] = root;
    while (i < n) {
        size_t t = i;
        while (t < n && s[t] != '<')
            t++;
        add_text(stack[depth - 1], s + i, t - i, true);
        i = t;
        if (i >= n)
            break;
        if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            ptrdiff_t e = rt__find_bytes(s, n, "-->", 3, i + 4);
            i = e < 0 ? n : (size_t)e + 3;
            continue;
        }
        if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
            ptrdiff_t e = rt__find_bytes(s, n, ">", 1, i);
            i = e < 0 ? n : (size_t)e + 1;
            continue;
        }
        bool end = i + 1 < n && s[i + 1] == '/';
        size_t a = i + 1 + end, b = a;
        while (b < n && name_char(s[b]))
            b++;
        if (b == a) { /* a lone '<' is text */
            add_text(stack[depth - 1], s + i, 1, false);
            i++;
            continue;
        }
        if (end) {
            ptrdiff_t e = rt__find_bytes(s, n, ">", 1, b);
            i = e < 0 ? n : (size_t)e + 1;
            for (size_t d = depth; d > 1; d--) {
                rt_string tg = rt_map_get(stack[d - 1], lit("tag"));
                if (tg->len == b - a && strncasecmp(tg->data, s + a, b - a) == 0) {
                    depth = d - 1;
                    break;
                }
            }
            continue;
        }
        void *el = node_new(s + a, b - a);
        void *attrs = rt_map_new();
        rt_map_set(el, lit("attrs"), attrs);
        rt__obj_release_and_free(attrs);
        i = b;
        bool self_close = parse_attrs(s, n, &i, attrs);
        const char *tag = rt__str_bytes(rt_map_get(el, lit("tag")));
        add_child(stack[depth - 1], el);
        if (strcmp(tag, "script") == 0 || strcmp(tag, "style") == 0) {
            char close[16];
            size_t cl = (size_t)snprintf(close, sizeof close, "</%s", tag);
            size_t e = i;
            while (e < n && !(n - e >= cl && strncasecmp(s + e, close, cl) == 0))
                e++;
            add_text(el, s + i, e - i, false);
            ptrdiff_t g = rt__find_bytes(s, n, ">", 1, e);
            i = g < 0 ? n : (size_t)g + 1;
            continue;
        }
        if (self_close || is_void(tag))
            continue;
        if (depth == cap)
            stack = rt__xrealloc(stack, sizeof(void *) * (cap *= 2));
        stack[depth++] = el;
    }
    free(stack);
    return root;
}

/* Descendant text of node appended to b. */
static void text_of(rt_buf *b, void *node) {
    rt_string txt = rt_map_get(node, lit("text"));
    if (txt)
        rt__buf_put(b, txt->data, txt->len);
    void *kids = rt_map_get(node, lit("children"));
    for (int64_t i = 0; i < rt_seq_len(kids); i++)
        text_of(b, rt__seq_at(kids, i));
}

/* Pre-order walk: for each element named tag, push attr `attr`'s value (when attr) or its trimmed
 * text into out. */
static void collect(void *node, const char *tag, const char *attr, void *out) {
    rt_string tg = rt_map_get(node, lit("tag"));
    if (strcasecmp(rt__str_bytes(tg), tag) == 0) {
        if (attr) {
            rt_string v = rt_map_get(rt_map_get(node, lit("attrs")), rt_const_cstr(attr));
            if (v)
                rt_seq_push(out, v);
        } else {
            rt_buf b = {0};
            text_of(&b, node);
            size_t a = 0, e = b.len;
            while (a < e && isspace((unsigned char)b.data[a]))
                a++;
            while (e > a && isspace((unsigned char)b.data[e - 1]))
                e--;
            rt__seq_push_owned(out, rt__str_new(b.data ? b.data + a : "", e - a));
            free(b.data);
        }
    }
    void *kids = rt_map_get(node, lit("children"));
    for (int64_t i = 0; i < rt_seq_len(kids); i++)
        collect(rt__seq_at(kids, i), tag, attr, out);
}

void *rt_html_extract_links(rt_string html) {
    void *root = rt_html_parse(html), *out = rt_seq_new();
    collect(root, "a", "href", out);
    rt__obj_release_and_free(root);
    return out;
}

void *rt_html_extract_text(rt_string html, rt_string tag) {
    void *root = rt_html_parse(html), *out = rt_seq_new();
    if (tag)
        collect(root, rt__key_cstr(tag), NULL, out);
    rt__obj_release_and_free(root);
    return out;
}
