/*
 * hash.c — Viper.Crypto.Hash message digests (RUNTIME-SYSTEM §8.1, RUNTIME-EXTENDED §22): MD5
 * (RFC 1321), SHA-1 (FIPS 180-4 / RFC 3174), SHA-256 (FIPS 180-4), their RFC 2104 HMACs (block
 * size 64; longer keys are hashed first), CRC32Bytes and FastBytes (FNV-1a 64). Hash.Fast,
 * FastInt and CRC32 of a string are in text.c.
 *
 * Results are new lower-case hex strings (+1) without separators, or i64 values (CRC-32 as a
 * non-negative 0..2^32-1 value). String inputs are hashed over the bytes before the first NUL
 * (they go through rt_string_cstr: a NULL string traps `rt_string_cstr: null string`, also for
 * the HMAC key). Bytes inputs use every byte; a NULL Bytes argument is hashed as empty (FastBytes
 * of NULL is therefore the FNV offset basis, CRC32Bytes of NULL is 0). The streaming contexts
 * (rt__md5_*, rt__sha1_*, rt__sha256_*) are exported through rt_io_internal.h.
 */
#include "rt_io_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------------------------------- */

static uint32_t rol32(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static uint32_t ror32(uint32_t x, int k) { return (x >> k) | (x << (32 - k)); }

static uint32_t load_be32(const uint8_t *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}
static uint32_t load_le32(const uint8_t *p) {
    return ((uint32_t)p[3] << 24) | ((uint32_t)p[2] << 16) | ((uint32_t)p[1] << 8) | p[0];
}
static void store_be32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}
static void store_le32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/* Shared Merkle–Damgård buffering: feed n bytes, calling block() per full 64-byte block. */
#define MD_UPDATE(c, p, n, block)                                                                  \
    do {                                                                                           \
        const uint8_t *src_ = (const uint8_t *)(p);                                                \
        size_t n_ = (n);                                                                           \
        (c)->len += n_;                                                                            \
        while (n_ > 0) {                                                                           \
            size_t k_ = 64 - (c)->fill;                                                            \
            if (k_ > n_)                                                                           \
                k_ = n_;                                                                           \
            memcpy((c)->buf + (c)->fill, src_, k_);                                                \
            (c)->fill += k_;                                                                       \
            src_ += k_;                                                                            \
            n_ -= k_;                                                                              \
            if ((c)->fill == 64) {                                                                 \
                block((c)->h, (c)->buf);                                                           \
                (c)->fill = 0;                                                                     \
            }                                                                                      \
        }                                                                                          \
    } while (0)

/* Padding: 0x80, zeros, 64-bit bit length (big- or little-endian). */
#define MD_PAD(c, block, big_endian)                                                               \
    do {                                                                                           \
        uint64_t bits_ = (c)->len * 8;                                                             \
        (c)->buf[(c)->fill++] = 0x80;                                                              \
        if ((c)->fill > 56) {                                                                      \
            memset((c)->buf + (c)->fill, 0, 64 - (c)->fill);                                       \
            block((c)->h, (c)->buf);                                                               \
            (c)->fill = 0;                                                                         \
        }                                                                                          \
        memset((c)->buf + (c)->fill, 0, 56 - (c)->fill);                                           \
        for (int i_ = 0; i_ < 8; i_++)                                                             \
            (c)->buf[56 + i_] =                                                                    \
                (uint8_t)(bits_ >> ((big_endian) ? 8 * (7 - i_) : 8 * i_));                        \
        block((c)->h, (c)->buf);                                                                   \
        (c)->fill = 0;                                                                             \
    } while (0)

/* ---- MD5 -------------------------------------------------------------------------------------- */

static const uint32_t md5_k[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};
static const uint8_t md5_r[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                  5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                                  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                  6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};

static void md5_block(uint32_t *h, const uint8_t *p) {
    uint32_t m[16];
    for (int i = 0; i < 16; i++)
        m[i] = load_le32(p + 4 * i);
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    for (int i = 0; i < 64; i++) {
        uint32_t f;
        int g;
        if (i < 16) {
            f = (b & c) | (~b & d);
            g = i;
        } else if (i < 32) {
            f = (d & b) | (~d & c);
            g = (5 * i + 1) & 15;
        } else if (i < 48) {
            f = b ^ c ^ d;
            g = (3 * i + 5) & 15;
        } else {
            f = c ^ (b | ~d);
            g = (7 * i) & 15;
        }
        uint32_t t = d;
        d = c;
        c = b;
        b = b + rol32(a + f + md5_k[i] + m[g], md5_r[i]);
        a = t;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
}

void rt__md5_init(rt_md5_ctx *c) {
    c->h[0] = 0x67452301;
    c->h[1] = 0xefcdab89;
    c->h[2] = 0x98badcfe;
    c->h[3] = 0x10325476;
    c->len = 0;
    c->fill = 0;
}
void rt__md5_update(rt_md5_ctx *c, const void *p, size_t n) { MD_UPDATE(c, p, n, md5_block); }
void rt__md5_final(rt_md5_ctx *c, uint8_t out[16]) {
    MD_PAD(c, md5_block, 0);
    for (int i = 0; i < 4; i++)
        store_le32(out + 4 * i, c->h[i]);
}

/* ---- SHA-1 ------------------------------------------------------------------------------------ */

static void sha1_block(uint32_t *h, const uint8_t *p) {
    uint32_t w[80];
    for (int i = 0; i < 16; i++)
        w[i] = load_be32(p + 4 * i);
    for (int i = 16; i < 80; i++)
        w[i] = rol32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; i++) {
        uint32_t f, k;
        if (i < 20) {
            f = (b & c) | (~b & d);
            k = 0x5a827999;
        } else if (i < 40) {
            f = b ^ c ^ d;
            k = 0x6ed9eba1;
        } else if (i < 60) {
            f = (b & c) | (b & d) | (c & d);
            k = 0x8f1bbcdc;
        } else {
            f = b ^ c ^ d;
            k = 0xca62c1d6;
        }
        uint32_t t = rol32(a, 5) + f + e + k + w[i];
        e = d;
        d = c;
        c = rol32(b, 30);
        b = a;
        a = t;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
}

void rt__sha1_init(rt_sha1_ctx *c) {
    c->h[0] = 0x67452301;
    c->h[1] = 0xefcdab89;
    c->h[2] = 0x98badcfe;
    c->h[3] = 0x10325476;
    c->h[4] = 0xc3d2e1f0;
    c->len = 0;
    c->fill = 0;
}
void rt__sha1_update(rt_sha1_ctx *c, const void *p, size_t n) { MD_UPDATE(c, p, n, sha1_block); }
void rt__sha1_final(rt_sha1_ctx *c, uint8_t out[20]) {
    MD_PAD(c, sha1_block, 1);
    for (int i = 0; i < 5; i++)
        store_be32(out + 4 * i, c->h[i]);
}

/* ---- SHA-256 ---------------------------------------------------------------------------------- */

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static void sha256_block(uint32_t *h, const uint8_t *p) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = load_be32(p + 4 * i);
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t S1 = ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25);
        uint32_t ch = (e & f) ^ (~e & g);
        uint32_t t1 = hh + S1 + ch + sha256_k[i] + w[i];
        uint32_t S0 = ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22);
        uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
        uint32_t t2 = S0 + maj;
        hh = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
}

void rt__sha256_init(rt_sha256_ctx *c) {
    static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(c->h, iv, sizeof iv);
    c->len = 0;
    c->fill = 0;
}
void rt__sha256_update(rt_sha256_ctx *c, const void *p, size_t n) {
    MD_UPDATE(c, p, n, sha256_block);
}
void rt__sha256_final(rt_sha256_ctx *c, uint8_t out[32]) {
    MD_PAD(c, sha256_block, 1);
    for (int i = 0; i < 8; i++)
        store_be32(out + 4 * i, c->h[i]);
}

/* ---- one-shot and HMAC ------------------------------------------------------------------------ */

void rt__md5(const void *p, size_t n, uint8_t out[16]) {
    rt_md5_ctx c;
    rt__md5_init(&c);
    rt__md5_update(&c, p, n);
    rt__md5_final(&c, out);
}
void rt__sha1(const void *p, size_t n, uint8_t out[20]) {
    rt_sha1_ctx c;
    rt__sha1_init(&c);
    rt__sha1_update(&c, p, n);
    rt__sha1_final(&c, out);
}
void rt__sha256(const void *p, size_t n, uint8_t out[32]) {
    rt_sha256_ctx c;
    rt__sha256_init(&c);
    rt__sha256_update(&c, p, n);
    rt__sha256_final(&c, out);
}

typedef void (*digest_fn)(const void *, size_t, uint8_t *);

/* HMAC(K, m) = H((K0 ^ opad) || H((K0 ^ ipad) || m)) with a 64-byte block. */
static void hmac(digest_fn h, size_t dlen, const void *key, size_t klen, const void *msg,
                 size_t mlen, uint8_t *out) {
    uint8_t k0[64] = {0}, inner[32];
    if (klen > 64)
        h(key, klen, k0);
    else if (klen)
        memcpy(k0, key, klen);
    uint8_t *buf = rt__xmalloc(64 + (mlen > dlen ? mlen : dlen));
    for (int i = 0; i < 64; i++)
        buf[i] = k0[i] ^ 0x36;
    if (mlen)
        memcpy(buf + 64, msg, mlen);
    h(buf, 64 + mlen, inner);
    for (int i = 0; i < 64; i++)
        buf[i] = k0[i] ^ 0x5c;
    memcpy(buf + 64, inner, dlen);
    h(buf, 64 + dlen, out);
    free(buf);
}

void rt__hmac_md5(const void *key, size_t klen, const void *msg, size_t mlen, uint8_t out[16]) {
    hmac(rt__md5, 16, key, klen, msg, mlen, out);
}
void rt__hmac_sha1(const void *key, size_t klen, const void *msg, size_t mlen, uint8_t out[20]) {
    hmac(rt__sha1, 20, key, klen, msg, mlen, out);
}
void rt__hmac_sha256(const void *key, size_t klen, const void *msg, size_t mlen,
                     uint8_t out[32]) {
    hmac(rt__sha256, 32, key, klen, msg, mlen, out);
}

/* ---- Viper.Crypto.Hash ------------------------------------------------------------------------ */

static const uint8_t *bytes_data(void *b, size_t *n) {
    rt_bytes *x = rt__bytes_of(b);
    *n = x ? (size_t)x->len : 0;
    return x ? x->data : NULL;
}

static rt_string digest_str(digest_fn h, size_t dlen, rt_string s) {
    const char *c = rt_string_cstr(s);
    uint8_t d[32];
    h(c, strlen(c), d);
    return rt__hex_encode(d, dlen);
}

static rt_string digest_bytes(digest_fn h, size_t dlen, void *b) {
    size_t n;
    const uint8_t *p = bytes_data(b, &n);
    uint8_t d[32];
    h(p, n, d);
    return rt__hex_encode(d, dlen);
}

typedef void (*hmac_fn)(const void *, size_t, const void *, size_t, uint8_t *);

static rt_string hmac_str(hmac_fn h, size_t dlen, rt_string key, rt_string data) {
    const char *k = rt_string_cstr(key);
    const char *m = rt_string_cstr(data);
    uint8_t d[32];
    h(k, strlen(k), m, strlen(m), d);
    return rt__hex_encode(d, dlen);
}

static rt_string hmac_bytes(hmac_fn h, size_t dlen, void *key, void *data) {
    size_t kn, mn;
    const uint8_t *k = bytes_data(key, &kn), *m = bytes_data(data, &mn);
    uint8_t d[32];
    h(k, kn, m, mn, d);
    return rt__hex_encode(d, dlen);
}

rt_string rt_hash_md5(rt_string s) { return digest_str(rt__md5, 16, s); }
rt_string rt_hash_md5_bytes(void *b) { return digest_bytes(rt__md5, 16, b); }
rt_string rt_hash_sha1(rt_string s) { return digest_str(rt__sha1, 20, s); }
rt_string rt_hash_sha1_bytes(void *b) { return digest_bytes(rt__sha1, 20, b); }
rt_string rt_hash_sha256(rt_string s) { return digest_str(rt__sha256, 32, s); }
rt_string rt_hash_sha256_bytes(void *b) { return digest_bytes(rt__sha256, 32, b); }

rt_string rt_hash_hmac_md5(rt_string key, rt_string data) {
    return hmac_str(rt__hmac_md5, 16, key, data);
}
rt_string rt_hash_hmac_md5_bytes(void *key, void *data) {
    return hmac_bytes(rt__hmac_md5, 16, key, data);
}
rt_string rt_hash_hmac_sha1(rt_string key, rt_string data) {
    return hmac_str(rt__hmac_sha1, 20, key, data);
}
rt_string rt_hash_hmac_sha1_bytes(void *key, void *data) {
    return hmac_bytes(rt__hmac_sha1, 20, key, data);
}
rt_string rt_hash_hmac_sha256(rt_string key, rt_string data) {
    return hmac_str(rt__hmac_sha256, 32, key, data);
}
rt_string rt_hash_hmac_sha256_bytes(void *key, void *data) {
    return hmac_bytes(rt__hmac_sha256, 32, key, data);
}

int64_t rt_hash_crc32_bytes(void *b) {
    size_t n;
    const uint8_t *p = bytes_data(b, &n);
    return (int64_t)rt__crc32(0, p, n);
}

int64_t rt_hash_fast_bytes(void *b) {
    size_t n;
    const uint8_t *p = bytes_data(b, &n);
    return (int64_t)rt__fnv1a(p ? (const void *)p : "", n);
}
