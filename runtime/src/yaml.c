/*
 * yaml.c — a block-style YAML subset reader/writer over the JSON value model (for Serialize).
 *
 * Reader: one document (a leading `---` line is skipped); `#` comments (at line start or after
 * whitespace, outside quotes) and blank lines are ignored. Structure comes from indentation
 * (spaces only): `key: value` mappings, `- item` sequences (an item may itself start a mapping,
 * `- a: 1`), and a key with no value opens a nested block on more-indented lines (or a sequence on
 * lines of the same indentation). Scalars: "double" (JSON escapes) and 'single' ('' = ') quoted
 * strings, null/~ → null, true/false → boolean, JSON-style numbers → number, a value starting with
 * `[` or `{` is read as JSON flow, anything else → its text. Anything else (tabs in indentation,
 * inconsistent indentation, anchors, multi-line scalars) is an error.
 * Writer: mappings as `key: value` lines in the VM's map order (rt__map_keys_vm_order), nested
 * containers on following lines indented by `indent`, sequence items as `- `; empty containers
 * `{}` / `[]`; strings that would read back as something else are written double-quoted.
 */
#include "rt_data_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct yline {
    size_t indent;
    const char *s; /* content without indentation, comment or trailing spaces */
    size_t n;
} yline;

typedef struct yp {
    yline *lines;
    size_t count, i;
    const char *err;
} yp;

static bool sp(char c) { return c == ' ' || c == '\t'; }

/* Length of content before a comment, honouring quotes; trailing blanks removed. */
static size_t strip_comment(const char *s, size_t n) {
    char q = 0;
    size_t end = n;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (q) {
            if (c == q)
                q = 0;
            else if (c == '\\' && q == '"')
                i++;
        } else if (c == '"' || c == '\'') {
            if (i == 0 || sp(s[i - 1]) || s[i - 1] == '-' || s[i - 1] == ':' || s[i - 1] == '[' ||
                s[i - 1] == ',' || s[i - 1] == '{')
                q = c;
        } else if (c == '#' && (i == 0 || sp(s[i - 1]))) {
            end = i;
            break;
        }
    }
    while (end > 0 && (sp(s[end - 1]) || s[end - 1] == '\r'))
        end--;
    return end;
}

static bool split_lines(yp *p, const char *s, size_t n) {
    size_t start = 0;
    while (start < n) {
        const char *nl = memchr(s + start, '\n', n - start);
        size_t end = nl ? (size_t)(nl - s) : n;
        size_t ind = 0;
        while (start + ind < end && s[start + ind] == ' ')
            ind++;
        const char *c = s + start + ind;
        size_t len = strip_comment(c, end - start - ind);
        if (len > 0 && c[0] == '\t') {
            p->err = "tab in indentation";
            return false;
        }
        bool marker = ind == 0 && len >= 3 && memcmp(c, "---", 3) == 0 && (len == 3 || sp(c[3]));
        if (len > 0 && !(marker && p->count == 0)) {
            if (marker || (ind == 0 && len == 3 && memcmp(c, "...", 3) == 0)) {
                p->err = "multiple documents are not supported";
                return false;
            }
            p->lines = rt__xrealloc(p->lines, (p->count + 1) * sizeof(yline));
            p->lines[p->count++] = (yline){ind, c, len};
        }
        start = end + 1;
    }
    return true;
}

static bool is_num(const char *s, size_t n) {
    size_t i = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    size_t d = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++, d++;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++, d++;
    }
    if (d == 0)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '-' || s[i] == '+'))
            i++;
        size_t e = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++, e++;
        if (e == 0)
            return false;
    }
    return i == n;
}

static bool word(const char *s, size_t n, const char *w) {
    return strlen(w) == n && memcmp(s, w, n) == 0;
}

static void *scalar(yp *p, const char *s, size_t n) {
    bool ok = true;
    size_t at;
    if (n == 0 || word(s, n, "~") || word(s, n, "null") || word(s, n, "Null") || word(s, n, "NULL"))
        return NULL;
    if (word(s, n, "true") || word(s, n, "True") || word(s, n, "TRUE"))
        return rt_box_i1(1);
    if (word(s, n, "false") || word(s, n, "False") || word(s, n, "FALSE"))
        return rt_box_i1(0);
    if (s[0] == '"' || s[0] == '[' || s[0] == '{') {
        void *v = rt__json_parse_text(s, n, &ok, &at);
        if (!ok)
            p->err = s[0] == '"' ? "invalid double-quoted string" : "invalid flow collection";
        return v;
    }
    if (s[0] == '\'') {
        rt_buf b = {0};
        size_t i = 1;
        for (; i < n; i++) {
            if (s[i] == '\'') {
                if (i + 1 < n && s[i + 1] == '\'')
                    i++;
                else
                    break;
            }
            rt__buf_putc(&b, s[i]);
        }
        if (i != n - 1) {
            free(b.data);
            p->err = "invalid single-quoted string";
            return NULL;
        }
        return rt__buf_finish(&b);
    }
    if (is_num(s, n)) {
        char *tmp = rt__xmalloc(n + 1);
        memcpy(tmp, s, n);
        tmp[n] = 0;
        double d = strtod(tmp, NULL);
        free(tmp);
        return rt_box_f64(d);
    }
    if (s[0] == '&' || s[0] == '*' || s[0] == '!' || s[0] == '|' || s[0] == '>' || s[0] == '%' ||
        s[0] == '@' || s[0] == '`') {
        p->err = "unsupported YAML syntax";
        return NULL;
    }
    return rt__str_new(s, n);
}

/* Offset of the `:` that ends a mapping key on this content, or -1. */
static ptrdiff_t key_colon(const char *s, size_t n) {
    char q = (s[0] == '"' || s[0] == '\'') ? s[0] : 0;
    size_t i = 0;
    if (q) {
        for (i = 1; i < n && s[i] != q; i++)
            if (s[i] == '\\' && q == '"')
                i++;
        i++;
    }
    for (; i < n; i++)
        if (s[i] == ':' && (i + 1 == n || s[i + 1] == ' '))
            return (ptrdiff_t)i;
    return -1;
}

static bool is_item(const yline *l) { return l->s[0] == '-' && (l->n == 1 || l->s[1] == ' '); }

static void *block(yp *p, size_t ind);

/* The value after `key:` or `-` with no inline text: a deeper block, a same-indent sequence
 * (mapping values only), or null. */
static void *nested(yp *p, size_t ind, bool allow_same_seq) {
    if (p->i < p->count) {
        yline *l = &p->lines[p->i];
        if (l->indent > ind || (allow_same_seq && l->indent == ind && is_item(l)))
            return block(p, l->indent);
    }
    return NULL;
}

static void *mapping(yp *p, size_t ind) {
    void *m = rt_map_new();
    while (!p->err && p->i < p->count && p->lines[p->i].indent == ind &&
           !is_item(&p->lines[p->i])) {
        yline *l = &p->lines[p->i];
        ptrdiff_t c = key_colon(l->s, l->n);
        if (c <= 0) {
            p->err = "expected `key: value`";
            break;
        }
        void *k = scalar(p, l->s, (size_t)c);
        if (p->err)
            break;
        rt_string key = rt__is_string(k) ? k : NULL;
        if (!key) {
            rt_buf kb = {0};
            rt__json_write(&kb, k, 0, 0);
            rt__obj_release_and_free(k);
            key = rt__buf_finish(&kb);
        }
        size_t v0 = (size_t)c + 1;
        while (v0 < l->n && l->s[v0] == ' ')
            v0++;
        p->i++;
        void *v = v0 < l->n ? scalar(p, l->s + v0, l->n - v0) : nested(p, ind, true);
        rt_map_set(m, key, v);
        rt_str_release_maybe(key);
        rt__obj_release_and_free(v);
    }
    return m;
}

static void *sequence(yp *p, size_t ind) {
    void *s = rt_seq_new();
    while (!p->err && p->i < p->count && p->lines[p->i].indent == ind && is_item(&p->lines[p->i])) {
        yline *l = &p->lines[p->i];
        size_t r = 1;
        while (r < l->n && l->s[r] == ' ')
            r++;
        if (r >= l->n) {
            p->i++;
            rt__seq_push_owned(s, nested(p, ind, false));
        } else if (is_item(&(yline){0, l->s + r, l->n - r}) || key_colon(l->s + r, l->n - r) > 0) {
            /* the item's first line continues as a nested block at column ind + r */
            l->indent = ind + r;
            l->s += r;
            l->n -= r;
            rt__seq_push_owned(s, block(p, l->indent));
        } else {
            p->i++;
            rt__seq_push_owned(s, scalar(p, l->s + r, l->n - r));
        }
    }
    return s;
}

static void *block(yp *p, size_t ind) {
    yline *l = &p->lines[p->i];
    if (is_item(l))
        return sequence(p, ind);
    if (key_colon(l->s, l->n) > 0)
        return mapping(p, ind);
    p->i++;
    return scalar(p, l->s, l->n);
}

void *rt__yaml_parse(const char *s, size_t n, bool *ok, const char **err) {
    yp p = {0};
    void *v = NULL;
    if (split_lines(&p, s, n)) {
        if (p.count == 0)
            p.err = "empty document";
        else {
            v = block(&p, p.lines[0].indent);
            if (!p.err && p.i < p.count)
                p.err = "bad indentation";
        }
    }
    free(p.lines);
    if (p.err) {
        rt__obj_release_and_free(v);
        v = NULL;
    }
    *ok = !p.err;
    *err = p.err;
    return v;
}

/* ---- writer ---- */

static bool needs_quotes(const char *s, size_t n) {
    if (n == 0 || sp(s[0]) || sp(s[n - 1]) || is_num(s, n) || strchr("-?:,[]{}#&*!|>'\"%@`~", s[0]))
        return true;
    static const char *const words[] = {"null", "Null", "NULL", "true", "True", "TRUE",
                                        "false", "False", "FALSE"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (word(s, n, words[i]))
            return true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f || (c == ':' && (i + 1 == n || s[i + 1] == ' ')) ||
            (c == '#' && i > 0 && s[i - 1] == ' '))
            return true;
    }
    return false;
}

static bool is_container(void *v) { return rt__is_map(v) || rt__is_seq(v); }
static bool is_empty(void *v) { return rt__is_map(v) ? rt_map_len(v) == 0 : rt_seq_len(v) == 0; }

static void write_scalar(rt_buf *b, void *v) {
    if (rt__is_string(v) && !needs_quotes(rt__str_bytes(v), rt__str_len(v)))
        rt__buf_put(b, rt__str_bytes(v), rt__str_len(v));
    else if (is_container(v))
        rt__buf_puts(b, rt__is_map(v) ? "{}" : "[]");
    else
        rt__json_write(b, v, 0, 0);
}

static void pad(rt_buf *b, size_t col) {
    for (size_t i = 0; i < col; i++)
        rt__buf_putc(b, ' ');
}

/* Writes container v whose first line starts at the current position (already padded to col). */
static void write_block(rt_buf *b, void *v, size_t col, size_t indent) {
    if (rt__is_map(v)) {
        void *keys;
        int64_t n;
        rt_string *ks = rt__map_keys_vm_order(v, &keys, &n);
        for (int64_t i = 0; i < n; i++) {
            if (i > 0)
                pad(b, col);
            write_scalar(b, ks[i]);
            rt__buf_putc(b, ':');
            void *x = rt_map_get(v, ks[i]);
            if (is_container(x) && !is_empty(x)) {
                if (rt__is_seq(x)) {
                    rt__buf_putc(b, '\n');
                    pad(b, col);
                    write_block(b, x, col, indent);
                } else {
                    rt__buf_putc(b, '\n');
                    pad(b, col + indent);
                    write_block(b, x, col + indent, indent);
                }
            } else {
                rt__buf_putc(b, ' ');
                write_scalar(b, x);
                rt__buf_putc(b, '\n');
            }
        }
        free(ks);
        rt__obj_release_and_free(keys);
        return;
    }
    int64_t n = rt_seq_len(v);
    for (int64_t i = 0; i < n; i++) {
        void *x = rt__seq_at(v, i);
        if (i > 0)
            pad(b, col);
        rt__buf_puts(b, "- ");
        if (is_container(x) && !is_empty(x))
            write_block(b, x, col + 2, indent);
        else {
            write_scalar(b, x);
            rt__buf_putc(b, '\n');
        }
    }
}

void rt__yaml_write(rt_buf *b, void *v, int64_t indent) {
    if (is_container(v) && !is_empty(v))
        write_block(b, v, 0, indent < 1 ? 2 : (size_t)indent);
    else {
        write_scalar(b, v);
        rt__buf_putc(b, '\n');
    }
}
