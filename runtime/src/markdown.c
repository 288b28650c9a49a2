/*
 * markdown.c — Viper.Text.Markdown: a small CommonMark subset.
 *
 * Blocks (line based): ATX headings `#`..`######` (+ space), fenced code (```), unordered (`- `,
 * `* `, `+ `) and ordered (`N. `) list items, block quotes (`> `), thematic breaks (3+ `-`/`*`/`_`
 * only), blank lines, and paragraphs (consecutive other lines, joined by `\n`).
 * Inline: `code`, **strong** / __strong__, *em* / _em_, [text](url), ![alt](url); an opener
 * without its closer is literal text.
 * ToHtml: one element per block, each followed by `\n` (`**bold**` → `<p><strong>bold</strong></p>\n`);
 * text is HTML-escaped (& < > "). ToText: the text line by line with heading/quote/list markers and
 * inline markup removed (links → their text), fence and break lines dropped, blank lines kept,
 * every line ending in `\n` (`# Hello\n\nWorld` → `Hello\n\nWorld\n`).
 * ExtractHeadings → Seq of heading texts (markup removed); ExtractLinks → Seq of link URLs in
 * order (images excluded). NULL text reads as empty; results +1.
 */
#include "rt_collections_abi.h"
#include "rt_io_abi.h"
#include "rt_text_abi.h"
#include "rt_codec_internal.h"

#include <stdlib.h>
#include <string.h>

static void put_esc(rt_buf *b, const char *s, size_t n, bool html) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (html && c == '&')
            rt__buf_puts(b, "&amp;");
        else if (html && c == '<')
            rt__buf_puts(b, "&lt;");
        else if (html && c == '>')
            rt__buf_puts(b, "&gt;");
        else if (html && c == '"')
            rt__buf_puts(b, "&quot;");
        else
            rt__buf_putc(b, c);
    }
}

/* Offset of the closing `delim` (dl bytes) in s[from..n), or -1. */
static ptrdiff_t find_close(const char *s, size_t n, size_t from, const char *delim, size_t dl) {
    ptrdiff_t at = rt__find_bytes(s, n, delim, dl, from);
    return at > (ptrdiff_t)from ? at : -1;
}

/* Parses `[text](url)` at s[i] (s[i] == '['); sets the parts and returns the end offset, or 0. */
static size_t parse_link(const char *s, size_t n, size_t i, size_t *ta, size_t *tb, size_t *ua,
                         size_t *ub) {
    ptrdiff_t close = rt__find_bytes(s, n, "]", 1, i + 1);
    if (close < 0 || (size_t)close + 1 >= n || s[close + 1] != '(')
        return 0;
    ptrdiff_t paren = rt__find_bytes(s, n, ")", 1, (size_t)close + 2);
    if (paren < 0)
        return 0;
    *ta = i + 1, *tb = (size_t)close, *ua = (size_t)close + 2, *ub = (size_t)paren;
    return (size_t)paren + 1;
}

/* Render inline markup of s[0..n) as HTML (html) or plain text; links collect URLs into `links`. */
static void render_inline(rt_buf *b, const char *s, size_t n, bool html, void *links) {
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        size_t ta, tb, ua, ub, end;
        if (c == '`') {
            ptrdiff_t e = find_close(s, n, i + 1, "`", 1);
            if (e >= 0) {
                if (html)
                    rt__buf_puts(b, "<code>");
                put_esc(b, s + i + 1, (size_t)e - i - 1, html);
                if (html)
                    rt__buf_puts(b, "</code>");
                i = (size_t)e + 1;
                continue;
            }
        } else if ((c == '*' || c == '_') && i + 1 < n && s[i + 1] == c) {
            char d[2] = {c, c};
            ptrdiff_t e = find_close(s, n, i + 2, d, 2);
            if (e >= 0) {
                if (html)
                    rt__buf_puts(b, "<strong>");
                render_inline(b, s + i + 2, (size_t)e - i - 2, html, links);
                if (html)
                    rt__buf_puts(b, "</strong>");
                i = (size_t)e + 2;
                continue;
            }
        } else if (c == '*' || c == '_') {
            ptrdiff_t e = find_close(s, n, i + 1, &s[i], 1);
            if (e >= 0) {
                if (html)
                    rt__buf_puts(b, "<em>");
                render_inline(b, s + i + 1, (size_t)e - i - 1, html, links);
                if (html)
                    rt__buf_puts(b, "</em>");
                i = (size_t)e + 1;
                continue;
            }
        } else if (c == '!' && i + 1 < n && s[i + 1] == '[' &&
                   (end = parse_link(s, n, i + 1, &ta, &tb, &ua, &ub)) != 0) {
            if (html) {
                rt__buf_puts(b, "<img src=\"");
                put_esc(b, s + ua, ub - ua, true);
                rt__buf_puts(b, "\" alt=\"");
                put_esc(b, s + ta, tb - ta, true);
                rt__buf_puts(b, "\">");
            } else {
                rt__buf_put(b, s + ta, tb - ta);
            }
            i = end;
            continue;
        } else if (c == '[' && (end = parse_link(s, n, i, &ta, &tb, &ua, &ub)) != 0) {
            if (links)
                rt__seq_push_owned(links, rt__str_new(s + ua, ub - ua));
            if (html) {
                rt__buf_puts(b, "<a href=\"");
                put_esc(b, s + ua, ub - ua, true);
                rt__buf_puts(b, "\">");
            }
            render_inline(b, s + ta, tb - ta, html, NULL);
            if (html)
                rt__buf_puts(b, "</a>");
            i = end;
            continue;
        }
        put_esc(b, s + i, 1, html);
        i++;
    }
}

enum blk { B_BLANK, B_HEAD, B_FENCE, B_UL, B_OL, B_QUOTE, B_HR, B_TEXT };

/* Classify line s[0..n); *body and *level receive the content start and heading level. */
static enum blk classify(const char *s, size_t n, size_t *body, int *level) {
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    *body = i;
    if (i == n)
        return B_BLANK;
    if (n - i >= 3 && memcmp(s + i, "```", 3) == 0)
        return B_FENCE;
    if (s[i] == '#') {
        int h = 0;
        while (i + (size_t)h < n && s[i + (size_t)h] == '#')
            h++;
        if (h <= 6 && (i + (size_t)h == n || s[i + (size_t)h] == ' ')) {
            *level = h;
            *body = i + (size_t)h;
            while (*body < n && s[*body] == ' ')
                (*body)++;
            return B_HEAD;
        }
    }
    if (s[i] == '-' || s[i] == '*' || s[i] == '_') {
        size_t k = i, cnt = 0;
        while (k < n && (s[k] == s[i] || s[k] == ' '))
            cnt += s[k++] == s[i];
        if (k == n && cnt >= 3)
            return B_HR;
    }
    if ((s[i] == '-' || s[i] == '*' || s[i] == '+') && i + 1 < n && s[i + 1] == ' ') {
        *body = i + 2;
        return B_UL;
    }
    if (s[i] >= '0' && s[i] <= '9') {
        size_t k = i;
        while (k < n && s[k] >= '0' && s[k] <= '9')
            k++;
        if (k + 1 < n && s[k] == '.' && s[k + 1] == ' ') {
            *body = k + 2;
            return B_OL;
        }
    }
    if (s[i] == '>') {
        *body = i + 1 + (i + 1 < n && s[i + 1] == ' ');
        return B_QUOTE;
    }
    return B_TEXT;
}

typedef struct md_out {
    rt_buf b;
    void *headings, *links; /* Seqs or NULL */
    bool html;
} md_out;

static void md_run(md_out *o, rt_string text) {
    const char *s = rt__str_bytes(text);
    size_t n = rt__str_len(text), ls = 0;
    enum blk open = B_BLANK; /* B_TEXT (paragraph), B_UL, B_OL or B_BLANK (none) */
    bool fence = false;
    while (ls < n) {
        size_t le = ls;
        while (le < n && s[le] != '\n')
            le++;
        const char *l = s + ls;
        size_t ln = le - ls, body = 0;
        int level = 0;
        if (ln && l[ln - 1] == '\r')
            ln--;
        enum blk k = fence ? (ln >= 3 && memcmp(l, "```", 3) == 0 ? B_FENCE : B_TEXT)
                           : classify(l, ln, &body, &level);
        if (fence) {
            if (k == B_FENCE) {
                fence = false;
                if (o->html)
                    rt__buf_puts(&o->b, "</code></pre>\n");
            } else {
                put_esc(&o->b, l, ln, o->html);
                rt__buf_putc(&o->b, '\n');
            }
            ls = le + 1;
            continue;
        }
        bool continues = k == B_TEXT && open == B_TEXT;
        if (o->html && open != B_BLANK && !continues && !(k == open && (k == B_UL || k == B_OL))) {
            rt__buf_puts(&o->b, open == B_TEXT ? "</p>\n" : open == B_UL ? "</ul>\n" : "</ol>\n");
            open = B_BLANK;
        }
        const char *tag = NULL;
        switch (k) {
        case B_BLANK: open = B_BLANK; break;
        case B_FENCE:
            fence = true;
            if (o->html)
                rt__buf_puts(&o->b, "<pre><code>");
            break;
        case B_HR:
            if (o->html)
                rt__buf_puts(&o->b, "<hr>\n");
            break;
        case B_HEAD: {
            char t[8] = {'h', (char)('0' + level), 0};
            if (o->headings) {
                rt_buf h = {0};
                render_inline(&h, l + body, ln - body, false, NULL);
                rt__seq_push_owned(o->headings, rt__buf_finish(&h));
            }
            if (o->html)
                rt__buf_putf(&o->b, "<%s>", t);
            render_inline(&o->b, l + body, ln - body, o->html, o->links);
            if (o->html)
                rt__buf_putf(&o->b, "</%s>\n", t);
            break;
        }
        case B_QUOTE: tag = "blockquote"; break;
        case B_UL:
        case B_OL:
            if (o->html && open != k)
                rt__buf_puts(&o->b, k == B_UL ? "<ul>\n" : "<ol>\n");
            open = k;
            tag = "li";
            break;
        case B_TEXT:
            if (o->html)
                rt__buf_puts(&o->b, continues ? "\n" : "<p>");
            open = B_TEXT;
            render_inline(&o->b, l + body, ln - body, o->html, o->links);
            break;
        }
        if (tag) {
            if (o->html)
                rt__buf_putf(&o->b, "<%s>", tag);
            render_inline(&o->b, l + body, ln - body, o->html, o->links);
            if (o->html)
                rt__buf_putf(&o->b, "</%s>\n", tag);
        }
        if (!o->html && k != B_FENCE && k != B_HR)
            rt__buf_putc(&o->b, '\n');
        ls = le + 1;
    }
    if (o->html && fence)
        rt__buf_puts(&o->b, "</code></pre>\n");
    if (o->html && open != B_BLANK)
        rt__buf_puts(&o->b, open == B_TEXT ? "</p>\n" : open == B_UL ? "</ul>\n" : "</ol>\n");
}

rt_string rt_markdown_to_html(rt_string text) {
    md_out o = {.html = true};
    md_run(&o, text);
    return rt__buf_finish(&o.b);
}

rt_string rt_markdown_to_text(rt_string text) {
    md_out o = {.html = false};
    md_run(&o, text);
    return rt__buf_finish(&o.b);
}

void *rt_markdown_extract_headings(rt_string text) {
    md_out o = {.headings = rt_seq_new()};
    md_run(&o, text);
    free(o.b.data);
    return o.headings;
}

void *rt_markdown_extract_links(rt_string text) {
    md_out o = {.links = rt_seq_new()};
    md_run(&o, text);
    free(o.b.data);
    return o.links;
}
