/*
 * xml_text.c — Viper.Data.Xml text side: Parse/IsValid, Format/FormatPretty, Escape/Unescape.
 *
 * Parse builds a document node (xml.c) from well-formed-enough XML: an optional `<?xml ...?>`
 * declaration and other processing instructions and `<!DOCTYPE ...>` are skipped; elements with
 * `name="v"` / `name='v'` attributes, self-closing tags, comments, CDATA sections and text are
 * kept. Text runs that are only whitespace are dropped; other text keeps its exact bytes with
 * entities decoded (&lt; &gt; &amp; &quot; &apos; &#N; &#xN;). Top-level text is accepted
 * (`not xml` parses to a document holding one text node). Errors — an unterminated tag,
 * comment, CDATA or attribute value, a bad name, a missing `=`/quote, a mismatched or missing
 * close tag, `<` inside text not starting markup, an unknown entity — make Parse return NULL
 * and IsValid false.
 * Format writes compact XML: `<tag a="v">…</tag>`, `<tag/>` when childless, text escaped
 * (& < >), attribute values also escaping ", `<!--c-->`, `<![CDATA[c]]>`; a document is its
 * children in order. FormatPretty(indent) puts every node on its own line indented by `indent`
 * spaces per level, except that an element whose children are all text/CDATA stays on one line;
 * lines are joined by `\n` with no trailing newline. Escape replaces & < > only.
 */
#include "rt_data_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- escaping ---- */

void rt__xml_put_escaped(rt_buf *b, const char *s, size_t n, bool quotes) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '&')
            rt__buf_puts(b, "&amp;");
        else if (c == '<')
            rt__buf_puts(b, "&lt;");
        else if (c == '>')
            rt__buf_puts(b, "&gt;");
        else if (c == '"' && quotes)
            rt__buf_puts(b, "&quot;");
        else
            rt__buf_putc(b, c);
    }
}

rt_string rt_xml_escape(rt_string text) {
    rt_buf b = {0};
    rt__xml_put_escaped(&b, rt__str_bytes(text), rt__str_len(text), false);
    return rt__buf_finish(&b);
}

/* Decodes the entity at s[*i] == '&' into b; false when it is not a known entity. */
static bool entity(rt_buf *b, const char *s, size_t n, size_t *i) {
    const char *semi = memchr(s + *i, ';', n - *i);
    if (!semi)
        return false;
    const char *e = s + *i + 1;
    size_t len = (size_t)(semi - e);
    static const char *const names[] = {"lt", "gt", "amp", "quot", "apos"};
    static const char chars[] = "<>&\"'";
    for (int k = 0; k < 5; k++) {
        if (strlen(names[k]) == len && memcmp(e, names[k], len) == 0) {
            rt__buf_putc(b, chars[k]);
            *i += len + 2;
            return true;
        }
    }
    if (len < 2 || e[0] != '#')
        return false;
    bool hex = e[1] == 'x' || e[1] == 'X';
    size_t d = hex ? 2 : 1;
    if (d >= len || len - d > 8)
        return false;
    unsigned cp = 0;
    for (size_t k = d; k < len; k++) {
        int v = hex ? rt__hex_val((unsigned char)e[k])
                    : (e[k] >= '0' && e[k] <= '9' ? e[k] - '0' : -1);
        if (v < 0)
            return false;
        cp = cp * (hex ? 16u : 10u) + (unsigned)v;
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return false;
    rt__buf_put_utf8(b, cp);
    *i += len + 2;
    return true;
}

rt_string rt_xml_unescape(rt_string text) {
    const char *s = rt__str_bytes(text);
    size_t n = rt__str_len(text);
    rt_buf b = {0};
    for (size_t i = 0; i < n;) {
        if (s[i] == '&' && entity(&b, s, n, &i))
            continue;
        rt__buf_putc(&b, s[i++]);
    }
    return rt__buf_finish(&b);
}

/* ---- parser ---- */

typedef struct xp {
    const char *s;
    size_t n, i;
    bool bad;
} xp;

static bool starts(xp *p, const char *w) {
    size_t k = strlen(w);
    return p->n - p->i >= k && memcmp(p->s + p->i, w, k) == 0;
}
static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static void ws(xp *p) {
    while (p->i < p->n && is_space(p->s[p->i]))
        p->i++;
}
static bool name_char(char c, bool first) {
    unsigned char u = (unsigned char)c;
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u == ':' || u >= 0x80 ||
           (!first && ((u >= '0' && u <= '9') || u == '-' || u == '.'));
}

static rt_string read_name(xp *p) {
    size_t a = p->i;
    while (p->i < p->n && name_char(p->s[p->i], p->i == a))
        p->i++;
    if (p->i == a) {
        p->bad = true;
        return NULL;
    }
    return rt__str_new(p->s + a, p->i - a);
}

/* Skips to just past `end`; sets bad when missing. Returns the start offset. */
static size_t skip_past(xp *p, const char *end) {
    size_t a = p->i;
    ptrdiff_t at = rt__find_bytes(p->s, p->n, end, strlen(end), p->i);
    if (at < 0) {
        p->bad = true;
        p->i = p->n;
        return a;
    }
    p->i = (size_t)at + strlen(end);
    return a;
}

/* Decoded text up to the next `<` (or `stop` quote when nonzero). */
static rt_string read_text(xp *p, char stop) {
    rt_buf b = {0};
    while (p->i < p->n && p->s[p->i] != (stop ? stop : '<')) {
        if (!stop && p->s[p->i] == '>') {
            rt__buf_putc(&b, p->s[p->i++]);
            continue;
        }
        if (stop && p->s[p->i] == '<') {
            p->bad = true;
            break;
        }
        if (p->s[p->i] == '&') {
            if (!entity(&b, p->s, p->n, &p->i)) {
                p->bad = true;
                break;
            }
            continue;
        }
        rt__buf_putc(&b, p->s[p->i++]);
    }
    return rt__buf_finish(&b);
}

static void add(rt_xnode *parent, int64_t kind, rt_string content) {
    rt__xml_push_owned(parent, rt__xml_new(kind, content));
    rt_str_release_maybe(content);
}

static void parse_attrs(xp *p, rt_xnode *el) {
    for (;;) {
        ws(p);
        if (p->i >= p->n) {
            p->bad = true;
            return;
        }
        char c = p->s[p->i];
        if (c == '>' || c == '/')
            return;
        rt_string name = read_name(p);
        if (p->bad)
            return;
        ws(p);
        if (p->i >= p->n || p->s[p->i] != '=') {
            p->bad = true;
            rt_str_release_maybe(name);
            return;
        }
        p->i++;
        ws(p);
        char q = p->i < p->n ? p->s[p->i] : 0;
        if (q != '"' && q != '\'') {
            p->bad = true;
            rt_str_release_maybe(name);
            return;
        }
        p->i++;
        rt_string v = read_text(p, q);
        if (p->i >= p->n)
            p->bad = true;
        p->i++;
        if (!p->bad)
            rt_xml_set_attr(el, name, v);
        rt_str_release_maybe(name);
        rt_str_release_maybe(v);
        if (p->bad)
            return;
    }
}

/* Parses content into parent until `</` (returned to the caller) or end of input. */
static void parse_content(xp *p, rt_xnode *parent, int depth) {
    while (!p->bad && p->i < p->n) {
        if (starts(p, "</"))
            return;
        if (starts(p, "<!--")) {
            p->i += 4;
            size_t a = skip_past(p, "-->");
            if (!p->bad)
                add(parent, RT_XML_COMMENT, rt__str_new(p->s + a, p->i - 3 - a));
        } else if (starts(p, "<![CDATA[")) {
            p->i += 9;
            size_t a = skip_past(p, "]]>");
            if (!p->bad)
                add(parent, RT_XML_CDATA, rt__str_new(p->s + a, p->i - 3 - a));
        } else if (starts(p, "<?")) {
            skip_past(p, "?>");
        } else if (starts(p, "<!")) {
            skip_past(p, ">");
        } else if (starts(p, "<")) {
            p->i++;
            rt_string tag = read_name(p);
            if (p->bad)
                return;
            rt_xnode *el = rt__xml_new(RT_XML_ELEMENT, tag);
            rt_str_release_maybe(tag);
            rt__xml_push_owned(parent, el);
            parse_attrs(p, el);
            if (p->bad)
                return;
            if (starts(p, "/>")) {
                p->i += 2;
                continue;
            }
            p->i++; /* '>' */
            if (depth > 1000)
                p->bad = true;
            else
                parse_content(p, el, depth + 1);
            if (p->bad || !starts(p, "</")) {
                p->bad = true;
                return;
            }
            p->i += 2;
            rt_string close = read_name(p);
            ws(p);
            if (p->bad || p->i >= p->n || p->s[p->i] != '>' || rt__str_cmp(close, el->name) != 0)
                p->bad = true;
            p->i++;
            rt_str_release_maybe(close);
        } else {
            size_t a = p->i;
            rt_string t = read_text(p, 0);
            bool blank = true;
            for (size_t k = a; k < p->i; k++)
                blank = blank && is_space(p->s[k]);
            if (blank || p->bad)
                rt_str_release_maybe(t);
            else
                add(parent, RT_XML_TEXT, t);
        }
    }
}

void *rt_xml_parse(rt_string text) {
    xp p = {rt__str_bytes(text), rt__str_len(text), 0, false};
    rt_xnode *doc = rt__xml_new(RT_XML_DOCUMENT, NULL);
    parse_content(&p, doc, 0);
    if (p.bad || p.i < p.n) {
        rt__obj_release_and_free(doc);
        return NULL;
    }
    return doc;
}

bool rt_xml_is_valid(rt_string text) {
    void *d = rt_xml_parse(text);
    rt__obj_release_and_free(d);
    return d != NULL;
}

/* ---- formatter ---- */

static void put_str(rt_buf *b, rt_string s) { rt__buf_put(b, rt__str_bytes(s), rt__str_len(s)); }

static void open_tag(rt_buf *b, const rt_xnode *n) {
    rt__buf_putc(b, '<');
    put_str(b, n->name);
    for (int64_t i = 0; i < n->nattrs; i++) {
        rt__buf_putc(b, ' ');
        put_str(b, n->attr_names[i]);
        rt__buf_puts(b, "=\"");
        rt_string v = n->attr_values[i];
        rt__xml_put_escaped(b, rt__str_bytes(v), rt__str_len(v), true);
        rt__buf_putc(b, '"');
    }
}

static void write_compact(rt_buf *b, const rt_xnode *n);

static void write_leaf(rt_buf *b, const rt_xnode *n) {
    const char *s = rt__str_bytes(n->name);
    size_t len = rt__str_len(n->name);
    if (n->kind == RT_XML_TEXT)
        rt__xml_put_escaped(b, s, len, false);
    else {
        rt__buf_puts(b, n->kind == RT_XML_COMMENT ? "<!--" : "<![CDATA[");
        rt__buf_put(b, s, len);
        rt__buf_puts(b, n->kind == RT_XML_COMMENT ? "-->" : "]]>");
    }
}

static void write_compact(rt_buf *b, const rt_xnode *n) {
    if (n->kind != RT_XML_ELEMENT && n->kind != RT_XML_DOCUMENT) {
        write_leaf(b, n);
        return;
    }
    if (n->kind == RT_XML_ELEMENT) {
        open_tag(b, n);
        if (n->nkids == 0) {
            rt__buf_puts(b, "/>");
            return;
        }
        rt__buf_putc(b, '>');
    }
    for (int64_t i = 0; i < n->nkids; i++)
        write_compact(b, n->kids[i]);
    if (n->kind == RT_XML_ELEMENT) {
        rt__buf_puts(b, "</");
        put_str(b, n->name);
        rt__buf_putc(b, '>');
    }
}

static void line(rt_buf *b, size_t col) {
    if (b->len > 0)
        rt__buf_putc(b, '\n');
    for (size_t i = 0; i < col; i++)
        rt__buf_putc(b, ' ');
}

static void write_pretty(rt_buf *b, const rt_xnode *n, size_t col, size_t indent) {
    if (n->kind == RT_XML_DOCUMENT) {
        for (int64_t i = 0; i < n->nkids; i++)
            write_pretty(b, n->kids[i], col, indent);
        return;
    }
    line(b, col);
    bool inline_only = true;
    for (int64_t i = 0; i < n->nkids; i++)
        inline_only =
            inline_only && (n->kids[i]->kind == RT_XML_TEXT || n->kids[i]->kind == RT_XML_CDATA);
    if (n->kind != RT_XML_ELEMENT || inline_only) {
        write_compact(b, n);
        return;
    }
    open_tag(b, n);
    rt__buf_putc(b, '>');
    for (int64_t i = 0; i < n->nkids; i++)
        write_pretty(b, n->kids[i], col + indent, indent);
    line(b, col);
    rt__buf_puts(b, "</");
    put_str(b, n->name);
    rt__buf_putc(b, '>');
}

rt_string rt_xml_format(void *p) {
    rt_xnode *n = rt__xml_node(p);
    rt_buf b = {0};
    if (n)
        write_compact(&b, n);
    return rt__buf_finish(&b);
}

rt_string rt_xml_format_pretty(void *p, int64_t indent) {
    rt_xnode *n = rt__xml_node(p);
    rt_buf b = {0};
    if (n)
        write_pretty(&b, n, 0, indent < 0 ? 0 : (size_t)indent);
    return rt__buf_finish(&b);
}
