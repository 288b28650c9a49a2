/*
 * pattern.c — Viper.Text.Pattern: a small backtracking regular-expression engine with the syntax of
 * RUNTIME-ABI §3.11 (literals, `.`, `^`/`$` anchored to the whole text, classes with ranges and
 * negation, \d \w \s \D \W \S, \n \r \t, groups, `|`, `*` `+` `?` with lazy `?`). `{`/`}` are
 * literals. A pattern is compiled into a node tree (rt_rx_*) and matched by recursive descent with
 * explicit continuations; every start offset (including the end of the text) is tried.
 * Malformed patterns trap `Pattern error at position P: <reason>` (P = 0-based byte offset).
 */
#include "rt_core_abi.h"
#include "rt_regex.h"

#include <stdlib.h>
#include <string.h>

enum rt_rx_kind { RX_CHAR, RX_ANY, RX_CLASS, RX_BOL, RX_EOL, RX_GROUP };

typedef struct rt_rx_node rt_rx_node;
typedef struct rt_rx_seq {
    rt_rx_node **items;
    size_t n, cap;
} rt_rx_seq;
typedef struct rt_rx_alt {
    rt_rx_seq *branches;
    size_t n, cap;
} rt_rx_alt;

struct rt_rx_node {
    enum rt_rx_kind kind;
    unsigned char ch;
    unsigned char set[32]; /* RX_CLASS bitmap */
    rt_rx_alt group;       /* RX_GROUP */
    int min, max;          /* quantifier; max -1 = unbounded */
    bool lazy;
};

typedef struct {
    const char *p;
    size_t pos, len;
} rt_rx_parser;

static RT_NORETURN void rt_rx_error(size_t pos, const char *why) {
    rt__trapf("Pattern error at position %zu: %s", pos, why);
}

static void *rt_rx_grow(void *arr, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap)
        return arr;
    size_t ncap = *cap ? *cap * 2 : 4;
    void *n = realloc(arr, ncap * elem);
    if (!n)
        rt__trap("out of memory");
    *cap = ncap;
    return n;
}

static void rt_set_add(unsigned char *set, unsigned c) { set[c >> 3] |= (unsigned char)(1u << (c & 7)); }
static bool rt_set_has(const unsigned char *set, unsigned c) { return set[c >> 3] & (1u << (c & 7)); }

static bool rt_is_word(unsigned c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
static bool rt_is_space(unsigned c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Fills set with \d, \w or \s (lower-case letter); returns false for other letters. */
static bool rt_rx_shorthand(unsigned char *set, char letter) {
    for (unsigned c = 0; c < 256; c++) {
        bool in = letter == 'd' ? (c >= '0' && c <= '9') : letter == 'w' ? rt_is_word(c)
                                                       : letter == 's' ? rt_is_space(c) : false;
        if (in)
            rt_set_add(set, c);
    }
    return letter == 'd' || letter == 'w' || letter == 's';
}

static unsigned char rt_rx_escape_char(char c) {
    return c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : (unsigned char)c;
}

static void rt_rx_parse_alt(rt_rx_parser *ps, rt_rx_alt *alt, int depth);

static rt_rx_node *rt_rx_new(enum rt_rx_kind k) {
    rt_rx_node *n = calloc(1, sizeof *n);
    if (!n)
        rt__trap("out of memory");
    n->kind = k;
    n->min = n->max = 1;
    return n;
}

static rt_rx_node *rt_rx_parse_class(rt_rx_parser *ps) {
    size_t open = ps->pos++;
    rt_rx_node *n = rt_rx_new(RX_CLASS);
    bool negate = false;
    if (ps->pos < ps->len && ps->p[ps->pos] == '^') {
        negate = true;
        ps->pos++;
    }
    bool first = true;
    for (;;) {
        if (ps->pos >= ps->len)
            rt_rx_error(open, "unterminated character class");
        char c = ps->p[ps->pos];
        if (c == ']' && !first)
            break;
        first = false;
        unsigned lo;
        if (c == '\\') {
            if (ps->pos + 1 >= ps->len)
                rt_rx_error(ps->pos, "trailing backslash");
            char e = ps->p[ps->pos + 1];
            ps->pos += 2;
            char lower = (char)(e | 0x20);
            if ((e == 'd' || e == 'w' || e == 's' || e == 'D' || e == 'W' || e == 'S')) {
                rt_rx_shorthand(n->set, lower);
                if (e != lower)
                    negate = !negate; /* reference quirk: \D \W \S flip the whole class */
                continue;
            }
            lo = rt_rx_escape_char(e);
        } else {
            lo = (unsigned char)c;
            ps->pos++;
        }
        unsigned hi = lo;
        if (ps->pos + 1 < ps->len && ps->p[ps->pos] == '-' && ps->p[ps->pos + 1] != ']') {
            char h = ps->p[ps->pos + 1];
            ps->pos += 2;
            if (h == '\\') {
                if (ps->pos >= ps->len)
                    rt_rx_error(ps->pos, "trailing backslash");
                h = (char)rt_rx_escape_char(ps->p[ps->pos++]);
            }
            hi = (unsigned char)h;
            if (hi < lo)
                rt_rx_error(ps->pos - 1, "invalid range in character class");
        }
        for (unsigned x = lo; x <= hi; x++)
            rt_set_add(n->set, x);
    }
    ps->pos++; /* ']' */
    if (negate)
        for (int i = 0; i < 32; i++)
            n->set[i] = (unsigned char)~n->set[i];
    return n;
}

static rt_rx_node *rt_rx_parse_atom(rt_rx_parser *ps, int depth) {
    char c = ps->p[ps->pos];
    rt_rx_node *n;
    switch (c) {
    case '.': ps->pos++; return rt_rx_new(RX_ANY);
    case '^': ps->pos++; return rt_rx_new(RX_BOL);
    case '$': ps->pos++; return rt_rx_new(RX_EOL);
    case '[': return rt_rx_parse_class(ps);
    case '(': {
        size_t open = ps->pos++;
        if (depth > 200)
            rt_rx_error(open, "nesting too deep");
        n = rt_rx_new(RX_GROUP);
        rt_rx_parse_alt(ps, &n->group, depth + 1);
        if (ps->pos >= ps->len || ps->p[ps->pos] != ')')
            rt_rx_error(open, "missing )");
        ps->pos++;
        return n;
    }
    case ')': rt_rx_error(ps->pos, "unmatched )");
    case '*': case '+': case '?': rt_rx_error(ps->pos, "nothing to repeat");
    case '\\': {
        if (ps->pos + 1 >= ps->len)
            rt_rx_error(ps->pos, "trailing backslash");
        char e = ps->p[ps->pos + 1];
        ps->pos += 2;
        char lower = (char)(e | 0x20);
        if (e == 'd' || e == 'w' || e == 's' || e == 'D' || e == 'W' || e == 'S') {
            n = rt_rx_new(RX_CLASS);
            rt_rx_shorthand(n->set, lower);
            if (e != lower)
                for (int i = 0; i < 32; i++)
                    n->set[i] = (unsigned char)~n->set[i];
            return n;
        }
        n = rt_rx_new(RX_CHAR);
        n->ch = rt_rx_escape_char(e);
        return n;
    }
    default:
        ps->pos++;
        n = rt_rx_new(RX_CHAR);
        n->ch = (unsigned char)c;
        return n;
    }
}

static void rt_rx_parse_seq(rt_rx_parser *ps, rt_rx_seq *seq, int depth) {
    while (ps->pos < ps->len && ps->p[ps->pos] != '|' && ps->p[ps->pos] != ')') {
        rt_rx_node *n = rt_rx_parse_atom(ps, depth);
        if (ps->pos < ps->len) {
            char q = ps->p[ps->pos];
            if (q == '*' || q == '+' || q == '?') {
                if (n->kind == RX_BOL || n->kind == RX_EOL)
                    rt_rx_error(ps->pos, "nothing to repeat");
                n->min = q == '+' ? 1 : 0;
                n->max = q == '?' ? 1 : -1;
                ps->pos++;
                if (ps->pos < ps->len && ps->p[ps->pos] == '?') {
                    n->lazy = true;
                    ps->pos++;
                }
                if (ps->pos < ps->len &&
                    (ps->p[ps->pos] == '*' || ps->p[ps->pos] == '+' || ps->p[ps->pos] == '?'))
                    rt_rx_error(ps->pos, "nothing to repeat");
            }
        }
        seq->items = rt_rx_grow(seq->items, &seq->cap, seq->n + 1, sizeof *seq->items);
        seq->items[seq->n++] = n;
    }
}

static void rt_rx_parse_alt(rt_rx_parser *ps, rt_rx_alt *alt, int depth) {
    for (;;) {
        alt->branches = rt_rx_grow(alt->branches, &alt->cap, alt->n + 1, sizeof *alt->branches);
        rt_rx_seq *seq = &alt->branches[alt->n++];
        memset(seq, 0, sizeof *seq);
        rt_rx_parse_seq(ps, seq, depth);
        if (ps->pos < ps->len && ps->p[ps->pos] == '|') {
            ps->pos++;
            continue;
        }
        return;
    }
}

static void rt_rx_free_alt(rt_rx_alt *alt);
static void rt_rx_free_node(rt_rx_node *n) {
    if (n->kind == RX_GROUP)
        rt_rx_free_alt(&n->group);
    free(n);
}
static void rt_rx_free_alt(rt_rx_alt *alt) {
    for (size_t b = 0; b < alt->n; b++) {
        for (size_t i = 0; i < alt->branches[b].n; i++)
            rt_rx_free_node(alt->branches[b].items[i]);
        free(alt->branches[b].items);
    }
    free(alt->branches);
}

/* ---- matching ------------------------------------------------------------------------------- */

typedef struct rt_rx_cont {
    const rt_rx_seq *seq; /* continue with seq->items[idx...] */
    size_t idx;
    const rt_rx_node *rep; /* or: continue repeating rep (count done so far, started at start) */
    int count;
    size_t start;
    const struct rt_rx_cont *next;
} rt_rx_cont;

typedef struct {
    const unsigned char *t;
    size_t len;
    size_t end; /* end of the match found */
} rt_rx_text;

static bool rt_rx_seq_at(const rt_rx_text *tx, const rt_rx_seq *seq, size_t idx, size_t pos,
                         const rt_rx_cont *k);
static bool rt_rx_rep(const rt_rx_text *tx, const rt_rx_node *n, int count, size_t start,
                      size_t pos, const rt_rx_cont *k);

static bool rt_rx_resume(const rt_rx_text *tx, size_t pos, const rt_rx_cont *k) {
    if (!k) {
        ((rt_rx_text *)tx)->end = pos;
        return true;
    }
    if (k->rep)
        return rt_rx_rep(tx, k->rep, k->count, k->start, pos, k->next);
    return rt_rx_seq_at(tx, k->seq, k->idx, pos, k->next);
}

/* One occurrence of n's atom at pos, then continuation k. */
static bool rt_rx_once(const rt_rx_text *tx, const rt_rx_node *n, size_t pos, const rt_rx_cont *k) {
    switch (n->kind) {
    case RX_CHAR:
        return pos < tx->len && tx->t[pos] == n->ch && rt_rx_resume(tx, pos + 1, k);
    case RX_ANY:
        return pos < tx->len && tx->t[pos] != '\n' && rt_rx_resume(tx, pos + 1, k);
    case RX_CLASS:
        return pos < tx->len && rt_set_has(n->set, tx->t[pos]) && rt_rx_resume(tx, pos + 1, k);
    case RX_BOL:
        return pos == 0 && rt_rx_resume(tx, pos, k);
    case RX_EOL:
        return pos == tx->len && rt_rx_resume(tx, pos, k);
    case RX_GROUP:
        for (size_t b = 0; b < n->group.n; b++)
            if (rt_rx_seq_at(tx, &n->group.branches[b], 0, pos, k))
                return true;
        return false;
    }
    return false;
}

/* count occurrences of n done (the last one began at start); try more or stop per greediness. */
static bool rt_rx_rep(const rt_rx_text *tx, const rt_rx_node *n, int count, size_t start,
                      size_t pos, const rt_rx_cont *k) {
    /* an iteration that consumed nothing cannot make progress: stop repeating */
    bool may_more = (n->max < 0 || count < n->max) && !(count > 0 && pos == start);
    bool may_stop = count >= n->min;
    rt_rx_cont more = {NULL, 0, n, count + 1, pos, k};
    if (n->lazy) {
        if (may_stop && rt_rx_resume(tx, pos, k))
            return true;
        return may_more && rt_rx_once(tx, n, pos, &more);
    }
    if (may_more && rt_rx_once(tx, n, pos, &more))
        return true;
    return may_stop && rt_rx_resume(tx, pos, k);
}

static bool rt_rx_seq_at(const rt_rx_text *tx, const rt_rx_seq *seq, size_t idx, size_t pos,
                         const rt_rx_cont *k) {
    if (idx == seq->n)
        return rt_rx_resume(tx, pos, k);
    const rt_rx_node *n = seq->items[idx];
    rt_rx_cont rest = {seq, idx + 1, NULL, 0, 0, k};
    if (n->min == 1 && n->max == 1)
        return rt_rx_once(tx, n, pos, &rest);
    return rt_rx_rep(tx, n, 0, pos, pos, &rest);
}

typedef struct rt_regex {
    rt_rx_alt root;
} rt_rx;

static void rt_rx_compile(rt_rx *rx, rt_string pattern) {
    const char *p = rt_string_cstr(pattern);
    rt_rx_parser ps = {p, 0, strlen(p)};
    memset(rx, 0, sizeof *rx);
    rt_rx_parse_alt(&ps, &rx->root, 0);
    if (ps.pos < ps.len)
        rt_rx_error(ps.pos, "unmatched )");
}

/* First match at or after `from`: sets *mstart and *mend; false if none. */
static bool rt_rx_search(const rt_rx *rx, const char *text, size_t len, size_t from,
                         size_t *mstart, size_t *mend) {
    rt_rx_text tx = {(const unsigned char *)text, len, 0};
    for (size_t s = from; s <= len; s++) {
        for (size_t b = 0; b < rx->root.n; b++) {
            if (rt_rx_seq_at(&tx, &rx->root.branches[b], 0, s, NULL)) {
                *mstart = s;
                *mend = tx.end;
                return true;
            }
        }
    }
    return false;
}

bool rt_pattern_is_match(rt_string text, rt_string pattern) {
    const char *t = rt_string_cstr(text);
    rt_rx rx;
    rt_rx_compile(&rx, pattern);
    size_t a, b;
    bool found = rt_rx_search(&rx, t, strlen(t), 0, &a, &b);
    rt_rx_free_alt(&rx.root);
    return found;
}

/* ---- compiled-pattern interface for pattern_ext.c (rt_codec_internal.h) ---- */

rt_regex *rt__rx_compile(rt_string pattern) {
    rt_rx *rx = malloc(sizeof *rx);
    if (!rx)
        rt__trap("out of memory");
    rt_rx_compile(rx, pattern);
    return rx;
}

bool rt__rx_search(const rt_regex *rx, const char *text, size_t len, size_t from, size_t *mstart,
                   size_t *mend) {
    return rt_rx_search(rx, text, len, from, mstart, mend);
}

void rt__rx_free(rt_regex *rx) {
    if (!rx)
        return;
    rt_rx_free_alt(&rx->root);
    free(rx);
}
