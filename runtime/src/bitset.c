/*
 * bitset.c — Viper.Collections.BitSet (RUNTIME-EXTENDED §10): a growable bit vector.
 *
 * Model: `nbits` (the logical length, get_Len) and 64-bit words; bit i is bit i % 64 of word
 * i / 64. Invariant: every bit at or beyond nbits is 0 (so Count/ToString/And/Or/Xor never see
 * stale bits). New(n <= 0) gives length 64. Get out of range -> 0; Set/Toggle beyond the length
 * grow it to i + 1 (storage at least doubles), negative indices are ignored; Clear out of range is
 * a no-op. And/Or/Xor/Not return new BitSets (length max of the operands; a NULL operand gives a
 * fresh empty length-64 set). IsEmpty means Count == 0. ToString prints the highest set bit first
 * without leading zeros ("0" when no bit is set or NULL). NULL receivers read as empty.
 */
#include "rt_chtab_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct rt_bitset {
    void *vptr; /* always NULL */
    uint64_t *words;
    int64_t nwords;
    int64_t nbits;
} rt_bitset;

static void bs_finalize(void *p) {
    rt_bitset *b = p;
    free(b->words);
    b->words = NULL;
    b->nwords = b->nbits = 0;
}

static rt_bitset *as_bs(void *p) { return rt__is_collection(p, bs_finalize) ? p : NULL; }

static int64_t words_for(int64_t bits) { return (bits + 63) / 64; }

static rt_bitset *bs_new(int64_t n) {
    if (n <= 0)
        n = 64;
    rt_bitset *b = rt__collection_alloc(sizeof(rt_bitset), bs_finalize);
    b->nbits = n;
    b->nwords = words_for(n);
    b->words = rt__xmalloc((size_t)b->nwords * sizeof(uint64_t));
    memset(b->words, 0, (size_t)b->nwords * sizeof(uint64_t));
    return b;
}

/* Clear the bits at or beyond nbits in the last word. */
static void mask_tail(rt_bitset *b) {
    int64_t r = b->nbits % 64;
    if (r)
        b->words[b->nwords - 1] &= (UINT64_C(1) << r) - 1;
}

static void grow_to(rt_bitset *b, int64_t i) {
    if (i < b->nbits)
        return;
    if (i >= INT64_MAX - 64)
        rt__trap("out of memory");
    int64_t need = words_for(i + 1);
    if (need > b->nwords) {
        int64_t nw = b->nwords * 2 > need ? b->nwords * 2 : need;
        b->words = rt__xrealloc(b->words, (size_t)nw * sizeof(uint64_t));
        memset(b->words + b->nwords, 0, (size_t)(nw - b->nwords) * sizeof(uint64_t));
        b->nwords = nw;
    }
    b->nbits = i + 1;
}

void *rt_bitset_new(int64_t n) { return bs_new(n); }

int64_t rt_bitset_len(void *p) {
    rt_bitset *b = as_bs(p);
    if (b)
        return b->nbits;
    return rt__is_seq(p) ? rt_seq_len(p) : 0;
}

bool rt_bitset_get(void *p, int64_t i) {
    rt_bitset *b = as_bs(p);
    if (!b || i < 0 || i >= b->nbits)
        return false;
    return (b->words[i / 64] >> (i % 64)) & 1;
}

void rt_bitset_set(void *p, int64_t i) {
    rt_bitset *b = as_bs(p);
    if (!b || i < 0)
        return;
    grow_to(b, i);
    b->words[i / 64] |= UINT64_C(1) << (i % 64);
}

void rt_bitset_toggle(void *p, int64_t i) {
    rt_bitset *b = as_bs(p);
    if (!b || i < 0)
        return;
    grow_to(b, i);
    b->words[i / 64] ^= UINT64_C(1) << (i % 64);
}

void rt_bitset_clear(void *p, int64_t i) {
    rt_bitset *b = as_bs(p);
    if (!b || i < 0 || i >= b->nbits)
        return;
    b->words[i / 64] &= ~(UINT64_C(1) << (i % 64));
}

void rt_bitset_set_all(void *p) {
    rt_bitset *b = as_bs(p);
    if (!b)
        return;
    int64_t used = words_for(b->nbits);
    for (int64_t w = 0; w < used; w++)
        b->words[w] = ~UINT64_C(0);
    mask_tail(b);
}

void rt_bitset_clear_all(void *p) {
    rt_bitset *b = as_bs(p);
    if (b)
        memset(b->words, 0, (size_t)b->nwords * sizeof(uint64_t));
}

int64_t rt_bitset_count(void *p) {
    rt_bitset *b = as_bs(p);
    int64_t c = 0;
    for (int64_t w = 0; b && w < b->nwords; w++)
        c += __builtin_popcountll(b->words[w]);
    return c;
}

bool rt_bitset_is_empty(void *p) { return rt_bitset_count(p) == 0; }

static uint64_t word(const rt_bitset *b, int64_t w) { return w < b->nwords ? b->words[w] : 0; }

enum { OP_AND, OP_OR, OP_XOR };

static void *binop(void *pa, void *pb, int op) {
    rt_bitset *a = as_bs(pa), *b = as_bs(pb);
    if (!a || !b)
        return bs_new(64);
    rt_bitset *r = bs_new(a->nbits > b->nbits ? a->nbits : b->nbits);
    for (int64_t w = 0; w < r->nwords; w++) {
        uint64_t x = word(a, w), y = word(b, w);
        r->words[w] = op == OP_AND ? (x & y) : op == OP_OR ? (x | y) : (x ^ y);
    }
    mask_tail(r);
    return r;
}

void *rt_bitset_and(void *a, void *b) { return binop(a, b, OP_AND); }
void *rt_bitset_or(void *a, void *b) { return binop(a, b, OP_OR); }
void *rt_bitset_xor(void *a, void *b) { return binop(a, b, OP_XOR); }

void *rt_bitset_not(void *p) {
    rt_bitset *a = as_bs(p);
    if (!a)
        return bs_new(64);
    rt_bitset *r = bs_new(a->nbits);
    for (int64_t w = 0; w < r->nwords; w++)
        r->words[w] = ~word(a, w);
    mask_tail(r);
    return r;
}

rt_string rt_bitset_to_string(void *p) {
    rt_bitset *b = as_bs(p);
    int64_t top = -1;
    for (int64_t i = b ? b->nbits - 1 : -1; i >= 0; i--)
        if ((b->words[i / 64] >> (i % 64)) & 1) {
            top = i;
            break;
        }
    if (top < 0)
        return rt__str_new("0", 1);
    rt_string s = rt__str_alloc((size_t)top + 1);
    for (int64_t i = top; i >= 0; i--)
        s->data[top - i] = ((b->words[i / 64] >> (i % 64)) & 1) ? '1' : '0';
    return s;
}
