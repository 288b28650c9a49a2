/*
 * bloomfilter.c — Viper.Collections.BloomFilter: a probabilistic set of strings.
 *
 * New(n, p): m = ceil(-n·ln p / ln²2) bits (at least 8) and k = round(m/n · ln 2) hash functions
 * (1..30); n < 1 counts as 1 and p outside (0, 1) as 0.01. Bit positions use double hashing of
 * two 64-bit FNV-1a variants: h1 + i·h2 (mod m). Count is the number of Add calls since New/Clear;
 * Fpr is the estimate (1 − e^(−k·Count/m))^k. Merge(a, b) ORs b into a and adds b's count when both
 * have the same m and k (returns 1), else returns 0 and changes nothing. NULL filters read as
 * empty and ignore mutation; a NULL item is the empty string.
 */
#include "rt_collections_abi.h"
#include "rt_lang_abi.h"
#include "rt_text_abi.h"
#include "rt_codec_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct rt_bloom {
    void *vptr; /* always NULL */
    int64_t m, k, count;
    uint8_t *bits; /* ceil(m / 8) bytes */
} rt_bloom;

static void bloom_finalize(void *p) {
    rt_bloom *b = p;
    free(b->bits);
    b->bits = NULL;
}

static rt_bloom *as_bloom(void *p) { return rt__is_collection(p, bloom_finalize) ? p : NULL; }

void *rt_bloomfilter_new(int64_t n, double p) {
    if (n < 1)
        n = 1;
    if (!(p > 0 && p < 1))
        p = 0.01;
    double ln2 = log(2.0);
    double mf = ceil(-(double)n * log(p) / (ln2 * ln2));
    if (mf > 1e10)
        mf = 1e10;
    int64_t m = mf < 8 ? 8 : (int64_t)mf;
    int64_t k = (int64_t)llround((double)m / (double)n * ln2);
    k = k < 1 ? 1 : k > 30 ? 30 : k;
    rt_bloom *b = rt__collection_alloc(sizeof(rt_bloom), bloom_finalize);
    b->m = m;
    b->k = k;
    b->bits = rt__xmalloc((size_t)(m + 7) / 8);
    memset(b->bits, 0, (size_t)(m + 7) / 8);
    return b;
}

static void hashes(rt_string s, uint64_t *h1, uint64_t *h2) {
    const unsigned char *p = (const unsigned char *)rt__str_bytes(s);
    size_t n = rt__str_len(s);
    uint64_t a = 0xcbf29ce484222325ULL, c = 0x84222325cbf29ce4ULL;
    for (size_t i = 0; i < n; i++) {
        a = (a ^ p[i]) * 0x100000001b3ULL;
        c = (c ^ p[i]) * 0x100000001b3ULL;
        c ^= c >> 29;
    }
    *h1 = a;
    *h2 = c | 1;
}

static uint64_t bit_at(const rt_bloom *b, uint64_t h1, uint64_t h2, int64_t i) {
    return (h1 + (uint64_t)i * h2) % (uint64_t)b->m;
}

void rt_bloomfilter_add(void *p, rt_string s) {
    rt_bloom *b = as_bloom(p);
    if (!b)
        return;
    uint64_t h1, h2;
    hashes(s, &h1, &h2);
    for (int64_t i = 0; i < b->k; i++) {
        uint64_t x = bit_at(b, h1, h2, i);
        b->bits[x / 8] |= (uint8_t)(1u << (x % 8));
    }
    b->count++;
}

bool rt_bloomfilter_might_contain(void *p, rt_string s) {
    rt_bloom *b = as_bloom(p);
    if (!b)
        return false;
    uint64_t h1, h2;
    hashes(s, &h1, &h2);
    for (int64_t i = 0; i < b->k; i++) {
        uint64_t x = bit_at(b, h1, h2, i);
        if (!(b->bits[x / 8] & (1u << (x % 8))))
            return false;
    }
    return true;
}

int64_t rt_bloomfilter_count(void *p) {
    rt_bloom *b = as_bloom(p);
    return b ? b->count : 0;
}

double rt_bloomfilter_fpr(void *p) {
    rt_bloom *b = as_bloom(p);
    if (!b)
        return 0.0;
    return pow(1.0 - exp(-(double)b->k * (double)b->count / (double)b->m), (double)b->k);
}

int64_t rt_bloomfilter_merge(void *pa, void *pb) {
    rt_bloom *a = as_bloom(pa), *b = as_bloom(pb);
    if (!a || !b || a->m != b->m || a->k != b->k)
        return 0;
    for (int64_t i = 0; i < (a->m + 7) / 8; i++)
        a->bits[i] |= b->bits[i];
    a->count += b->count;
    return 1;
}

void rt_bloomfilter_clear(void *p) {
    rt_bloom *b = as_bloom(p);
    if (!b)
        return;
    memset(b->bits, 0, (size_t)(b->m + 7) / 8);
    b->count = 0;
}
