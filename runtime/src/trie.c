/*
 * trie.c — Viper.Collections.Trie (RUNTIME-EXTENDED §9): prefix tree from string keys to objects,
 * with 128-way nodes (7-bit ASCII).
 *
 * Quirk reproduced from the reference: Put silently skips key bytes >= 128 (so a key is stored
 * under its ASCII bytes only), while Has/HasPrefix/LongestPrefix/Remove treat such a byte as "no
 * child" (miss / stop). Keys are read up to the first NUL; a NULL key traps
 * `rt_string_cstr: null string` (on a live trie). Put("") stores at the root.
 * Ownership: the trie owns one reference to each value (Put retains, a replaced value and Remove /
 * the finaliser release with the object protocol). Nodes are never pruned; every node counts the
 * keys stored in its subtree so HasPrefix is O(prefix).
 * LongestPrefix returns a fresh string ("" when no non-empty stored key is a prefix).
 * NULL trie: queries false/0/"", Put does nothing. get_Len on another class's object (§G.4: the
 * reference prints a pointer value) gives a Seq's length, otherwise 0.
 */
#include "rt_chtab_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct trie_node {
    struct trie_node *child[128];
    void *val;
    bool terminal;
    int64_t below; /* terminal nodes in this subtree, this one included */
} trie_node;

typedef struct rt_trie {
    void *vptr; /* always NULL */
    trie_node *root;
    int64_t len;
} rt_trie;

static trie_node *node_new(void) {
    trie_node *n = rt__xmalloc(sizeof *n);
    memset(n, 0, sizeof *n);
    return n;
}

static void node_free(trie_node *n) {
    if (!n)
        return;
    for (int i = 0; i < 128; i++)
        node_free(n->child[i]);
    void *v = n->val;
    free(n);
    rt__obj_release_and_free(v);
}

static void trie_finalize(void *p) {
    rt_trie *t = p;
    trie_node *r = t->root;
    t->root = NULL;
    t->len = 0;
    node_free(r);
}

static rt_trie *as_trie(void *p) { return rt__is_collection(p, trie_finalize) ? p : NULL; }

void *rt_trie_new(void) {
    rt_trie *t = rt__collection_alloc(sizeof(rt_trie), trie_finalize);
    t->root = node_new();
    return t;
}

/* Node for key k (lookup rules: a byte >= 128 is a miss), or NULL. */
static trie_node *walk(rt_trie *t, const char *k) {
    trie_node *n = t->root;
    for (const unsigned char *s = (const unsigned char *)k; *s && n; s++)
        n = *s < 128 ? n->child[*s] : NULL;
    return n;
}

void rt_trie_put(void *p, rt_string key, void *v) {
    rt_trie *t = as_trie(p);
    if (!t)
        return;
    const unsigned char *s = (const unsigned char *)rt__key_cstr(key);
    rt_obj_retain_maybe(v);
    trie_node *n = t->root;
    for (; *s; s++) {
        if (*s >= 128)
            continue; /* reference quirk: skipped */
        if (!n->child[*s])
            n->child[*s] = node_new();
        n = n->child[*s];
    }
    void *old = n->val;
    n->val = v;
    if (!n->terminal) {
        n->terminal = true;
        t->len++;
        /* count the new key on the path */
        trie_node *m = t->root;
        m->below++;
        for (s = (const unsigned char *)rt__str_bytes(key); *s; s++) {
            if (*s >= 128)
                continue;
            m = m->child[*s];
            m->below++;
        }
        return;
    }
    rt__obj_release_and_free(old);
}

bool rt_trie_has(void *p, rt_string key) {
    rt_trie *t = as_trie(p);
    if (!t)
        return false;
    trie_node *n = walk(t, rt__key_cstr(key));
    return n && n->terminal;
}

bool rt_trie_has_prefix(void *p, rt_string prefix) {
    rt_trie *t = as_trie(p);
    if (!t)
        return false;
    trie_node *n = walk(t, rt__key_cstr(prefix));
    return n && n->below > 0;
}

rt_string rt_trie_longest_prefix(void *p, rt_string str) {
    rt_trie *t = as_trie(p);
    if (!t)
        return rt_str_empty();
    const char *s = rt__key_cstr(str);
    trie_node *n = t->root;
    size_t best = 0;
    for (size_t i = 0; s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        n = c < 128 ? n->child[c] : NULL;
        if (!n)
            break;
        if (n->terminal)
            best = i + 1;
    }
    return best ? rt__str_new(s, best) : rt_str_empty();
}

bool rt_trie_remove(void *p, rt_string key) {
    rt_trie *t = as_trie(p);
    if (!t)
        return false;
    const unsigned char *k = (const unsigned char *)rt__key_cstr(key);
    trie_node *n = walk(t, (const char *)k);
    if (!n || !n->terminal)
        return false;
    void *v = n->val;
    n->val = NULL;
    n->terminal = false;
    t->len--;
    trie_node *m = t->root;
    m->below--;
    for (; *k; k++) {
        m = m->child[*k];
        m->below--;
    }
    rt__obj_release_and_free(v);
    return true;
}

int64_t rt_trie_len(void *p) {
    rt_trie *t = as_trie(p);
    if (t)
        return t->len;
    return rt__is_seq(p) ? rt_seq_len(p) : 0;
}

bool rt_trie_is_empty(void *p) {
    rt_trie *t = as_trie(p);
    return !t || t->len == 0;
}
