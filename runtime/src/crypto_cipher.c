/*
 * crypto_cipher.c — Viper.Crypto.KeyDerive / Password (RUNTIME-SYSTEM.md §8.2), Rand (§8.3),
 * Aes (§8.4, AES-CBC with PKCS#7) and Cipher (§8.5, ChaCha20-Poly1305 of RFC 8439).
 *
 * Everything is implemented here from the standards (FIPS 180-4 SHA-256, RFC 2104 HMAC, RFC 8018
 * PBKDF2, RFC 5869 HKDF, FIPS 197 AES, RFC 8439 ChaCha20/Poly1305), except SHA-256 itself, which
 * is hash.c's (rt__sha256_*). The primitives the TLS client (crypto_tls.c) needs are exported
 * through rt_crypto_internal.h: OS randomness, HKDF-SHA256 extract/expand, the ChaCha20-Poly1305
 * AEAD with associated data, and the AES key schedule / block encryption. Random material comes
 * from getrandom(2) (falling back to /dev/urandom) and is never reproducible.
 * Inputs: strings are used up to the first NUL and a NULL string traps
 * `rt_string_cstr: null string` unless a function's notes say otherwise (the Cipher passwords:
 * NULL or empty traps `Cipher.<Fn>: password is empty`); Bytes inputs use all their bytes.
 * Results: new Bytes objects / new strings (+1). Traps are DomainError with the document's exact
 * messages. Decisions where the document is silent (no VM evidence either way): a NULL salt of
 * PBKDF2 and a NULL data of Aes.Encrypt/Decrypt read as empty Bytes; argument checks run in the
 * order the document lists them (PBKDF2: iterations then key length; Aes: key then IV; Cipher:
 * data, then password/key, then length); Password.Verify with a NULL password traps like any
 * string input, with a NULL or malformed stored hash returns 0.
 */
#define _DEFAULT_SOURCE /* getrandom */
#include "rt_codec_internal.h"
#include "rt_crypto_internal.h"
#include "rt_io_internal.h"
#include "rt_system_abi.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

/* ---- OS randomness --------------------------------------------------------------------------- */

static bool os_random(uint8_t *p, size_t n) {
    while (n > 0) {
        ssize_t r = getrandom(p, n, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        p += r;
        n -= (size_t)r;
    }
    if (n == 0)
        return true;
    int fd = open("/dev/urandom", O_RDONLY);
    if (fd < 0)
        return false;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        p += r;
        n -= (size_t)r;
    }
    close(fd);
    return n == 0;
}

bool rt__crypto_random(uint8_t *p, size_t n) { return os_random(p, n); }

static void random_or_trap(uint8_t *p, size_t n, const char *msg) {
    if (!os_random(p, n))
        rt__trap(msg);
}

/* ---- HMAC, PBKDF2, HKDF (SHA-256 of hash.c) --------------------------------------------------- */

typedef rt_sha256_ctx sha256_ctx;
#define sha256_init rt__sha256_init
#define sha256_update rt__sha256_update
#define sha256_final rt__sha256_final
#define sha256 rt__sha256

/* HMAC-SHA256 with the key already prepared (inner/outer contexts after the padded key). */
typedef struct hmac_key {
    sha256_ctx inner, outer;
} hmac_key;

static void hmac_prepare(hmac_key *hk, const uint8_t *key, size_t klen) {
    uint8_t k[64] = {0}, pad[64];
    if (klen > 64)
        sha256(key, klen, k);
    else if (klen)
        memcpy(k, key, klen);
    for (int i = 0; i < 64; i++)
        pad[i] = k[i] ^ 0x36;
    sha256_init(&hk->inner);
    sha256_update(&hk->inner, pad, 64);
    for (int i = 0; i < 64; i++)
        pad[i] = k[i] ^ 0x5c;
    sha256_init(&hk->outer);
    sha256_update(&hk->outer, pad, 64);
}

/* HMAC of the concatenation a ‖ b (either may be empty). */
static void hmac2(const hmac_key *hk, const uint8_t *a, size_t an, const uint8_t *b, size_t bn,
                  uint8_t out[32]) {
    sha256_ctx c = hk->inner;
    sha256_update(&c, a, an);
    sha256_update(&c, b, bn);
    uint8_t ih[32];
    sha256_final(&c, ih);
    c = hk->outer;
    sha256_update(&c, ih, 32);
    sha256_final(&c, out);
}

static void pbkdf2_sha256(const uint8_t *pw, size_t pwn, const uint8_t *salt, size_t sn,
                          uint64_t iters, uint8_t *out, size_t outn) {
    hmac_key hk;
    hmac_prepare(&hk, pw, pwn);
    for (uint32_t blk = 1; outn > 0; blk++) {
        uint8_t ctr[4] = {(uint8_t)(blk >> 24), (uint8_t)(blk >> 16), (uint8_t)(blk >> 8),
                          (uint8_t)blk};
        uint8_t u[32], t[32];
        hmac2(&hk, salt, sn, ctr, 4, u);
        memcpy(t, u, 32);
        for (uint64_t i = 1; i < iters; i++) {
            hmac2(&hk, u, 32, NULL, 0, u);
            for (int k = 0; k < 32; k++)
                t[k] ^= u[k];
        }
        size_t take = outn < 32 ? outn : 32;
        memcpy(out, t, take);
        out += take;
        outn -= take;
    }
}

/* HKDF-SHA256 (RFC 5869), exported through rt_crypto_internal.h. */
void rt__hkdf_sha256_extract(const uint8_t *salt, size_t sn, const uint8_t *ikm, size_t in,
                             uint8_t prk[32]) {
    hmac_key hk;
    hmac_prepare(&hk, salt, sn);
    hmac2(&hk, ikm, in, NULL, 0, prk);
}

void rt__hkdf_sha256_expand(const uint8_t *prk, size_t pn, const uint8_t *info, size_t infon,
                            uint8_t *out, size_t outn) {
    hmac_key hk;
    hmac_prepare(&hk, prk, pn);
    uint8_t t[32];
    size_t tn = 0;
    for (unsigned i = 1; outn > 0 && i <= 255; i++) {
        uint8_t ctr = (uint8_t)i;
        sha256_ctx c = hk.inner;
        sha256_update(&c, t, tn);
        sha256_update(&c, info, infon);
        sha256_update(&c, &ctr, 1);
        uint8_t ih[32];
        sha256_final(&c, ih);
        c = hk.outer;
        sha256_update(&c, ih, 32);
        sha256_final(&c, t);
        tn = 32;
        size_t take = outn < 32 ? outn : 32;
        memcpy(out, t, take);
        out += take;
        outn -= take;
    }
}

static void hkdf32(const uint8_t *salt, size_t sn, const uint8_t *ikm, size_t in,
                   const char *info, uint8_t out[32]) {
    uint8_t prk[32];
    rt__hkdf_sha256_extract(salt, sn, ikm, in, prk);
    rt__hkdf_sha256_expand(prk, 32, (const uint8_t *)info, strlen(info), out, 32);
}

/* Constant-time comparison of n bytes. */
static bool ct_equal(const uint8_t *a, const uint8_t *b, size_t n) {
    uint8_t d = 0;
    for (size_t i = 0; i < n; i++)
        d |= a[i] ^ b[i];
    return d == 0;
}

/* ---- helpers for Bytes / strings -------------------------------------------------------------- */

static const uint8_t *bytes_data(void *b, size_t *n) {
    rt_bytes *x = rt__bytes_of(b);
    if (!x) {
        *n = 0;
        return (const uint8_t *)"";
    }
    *n = (size_t)x->len;
    return x->data ? x->data : (const uint8_t *)"";
}

/* Bytes before the first NUL of s (traps on NULL). */
static const uint8_t *cstr_bytes(rt_string s, size_t *n) {
    const char *p = rt_string_cstr(s);
    *n = strlen(p);
    return (const uint8_t *)p;
}

/* ---- §8.2 KeyDerive and Password ------------------------------------------------------------- */

void *rt_keyderive_pbkdf2_sha256(rt_string password, void *salt, int64_t iterations,
                                 int64_t key_len) {
    if (iterations < 1000)
        rt__trap("PBKDF2: iterations must be at least 1000");
    if (key_len < 1 || key_len > 1024)
        rt__trap("PBKDF2: key_len must be between 1 and 1024");
    size_t pn, sn;
    const uint8_t *pw = cstr_bytes(password, &pn);
    const uint8_t *sp = bytes_data(salt, &sn);
    uint8_t out[1024];
    pbkdf2_sha256(pw, pn, sp, sn, (uint64_t)iterations, out, (size_t)key_len);
    return rt__bytes_from(out, (size_t)key_len);
}

rt_string rt_keyderive_pbkdf2_sha256_str(rt_string password, void *salt, int64_t iterations,
                                         int64_t key_len) {
    rt_bytes *b = rt_keyderive_pbkdf2_sha256(password, salt, iterations, key_len);
    rt_string s = rt__hex_encode(b->data, (size_t)b->len);
    rt__obj_release_and_free(b);
    return s;
}

rt_string rt_password_hash_with_iterations(rt_string pw, int64_t iterations) {
    if (iterations < 10000)
        iterations = 10000;
    size_t pn;
    const uint8_t *p = cstr_bytes(pw, &pn);
    uint8_t salt[16], hash[32];
    random_or_trap(salt, sizeof salt, "Password.Hash: failed to generate random bytes");
    pbkdf2_sha256(p, pn, salt, sizeof salt, (uint64_t)iterations, hash, sizeof hash);
    rt_string s64 = rt__base64_encode(salt, sizeof salt);
    rt_string h64 = rt__base64_encode(hash, sizeof hash);
    rt_buf b = {0};
    rt__buf_putf(&b, "PBKDF2$%lld$", (long long)iterations);
    rt__buf_put(&b, s64->data, s64->len);
    rt__buf_putc(&b, '$');
    rt__buf_put(&b, h64->data, h64->len);
    rt_str_release_maybe(s64);
    rt_str_release_maybe(h64);
    return rt__buf_finish(&b);
}

rt_string rt_password_hash(rt_string pw) {
    return rt_password_hash_with_iterations(pw, 100000);
}

bool rt_password_verify(rt_string pw, rt_string stored) {
    size_t pn;
    const uint8_t *p = cstr_bytes(pw, &pn);
    if (!stored)
        return false;
    const char *s = stored->data;
    if (strncmp(s, "PBKDF2$", 7) != 0)
        return false;
    s += 7;
    uint64_t iters = 0;
    const char *q = s;
    while (*q >= '0' && *q <= '9') {
        if (iters > (uint64_t)INT64_MAX / 10)
            return false;
        iters = iters * 10 + (uint64_t)(*q - '0');
        q++;
    }
    if (q == s || *q != '$' || iters < 1)
        return false;
    const char *salt_b64 = q + 1;
    const char *dollar = strchr(salt_b64, '$');
    if (!dollar)
        return false;
    const char *hash_b64 = dollar + 1;
    if (strchr(hash_b64, '$'))
        return false;
    size_t sn = 0, hn = 0;
    uint8_t *salt = rt__base64_decode(salt_b64, (size_t)(dollar - salt_b64), &sn);
    uint8_t *hash = rt__base64_decode(hash_b64, strlen(hash_b64), &hn);
    bool ok = false;
    if (salt && hash && hn == 32) {
        uint8_t got[32];
        pbkdf2_sha256(p, pn, salt, sn, iters, got, sizeof got);
        ok = ct_equal(got, hash, 32);
    }
    free(salt);
    free(hash);
    return ok;
}

/* ---- §8.3 Rand ------------------------------------------------------------------------------- */

void *rt_crypto_rand_bytes(int64_t n) {
    if (n < 1)
        rt__trap("Rand.Bytes: count must be at least 1");
    rt_bytes *b = rt__bytes_from(NULL, (size_t)n);
    random_or_trap(b->data, (size_t)n, "Rand.Bytes: failed to generate random bytes");
    return b;
}

int64_t rt_crypto_rand_int(int64_t min, int64_t max) {
    if (min > max)
        rt__trap("Rand.Int: min must not be greater than max");
    if (min == max)
        return min;
    uint64_t range = (uint64_t)max - (uint64_t)min; /* inclusive span − 1, >= 1 */
    int bits = 64;
    while (bits > 1 && !(range >> (bits - 1)))
        bits--;
    uint64_t mask = bits == 64 ? UINT64_MAX : ((1ULL << bits) - 1);
    for (int attempt = 0; attempt < 1000; attempt++) {
        uint8_t b[8];
        random_or_trap(b, sizeof b, "Rand.Int: failed to generate random bytes");
        uint64_t v = 0;
        for (int i = 0; i < 8; i++)
            v = v << 8 | b[i];
        v &= mask;
        if (v <= range)
            return (int64_t)((uint64_t)min + v);
    }
    rt__trap("Rand.Int: too many rejection sampling attempts");
}

/* ---- §8.4 AES-CBC ---------------------------------------------------------------------------- */

static const uint8_t SBOX[256] = {
    0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76,
    0xca, 0x82, 0xc9, 0x7d, 0xfa, 0x59, 0x47, 0xf0, 0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0,
    0xb7, 0xfd, 0x93, 0x26, 0x36, 0x3f, 0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15,
    0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96, 0x05, 0x9a, 0x07, 0x12, 0x80, 0xe2, 0xeb, 0x27, 0xb2, 0x75,
    0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0, 0x52, 0x3b, 0xd6, 0xb3, 0x29, 0xe3, 0x2f, 0x84,
    0x53, 0xd1, 0x00, 0xed, 0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb, 0xbe, 0x39, 0x4a, 0x4c, 0x58, 0xcf,
    0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f, 0x50, 0x3c, 0x9f, 0xa8,
    0x51, 0xa3, 0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5, 0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff, 0xf3, 0xd2,
    0xcd, 0x0c, 0x13, 0xec, 0x5f, 0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73,
    0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88, 0x46, 0xee, 0xb8, 0x14, 0xde, 0x5e, 0x0b, 0xdb,
    0xe0, 0x32, 0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c, 0xc2, 0xd3, 0xac, 0x62, 0x91, 0x95, 0xe4, 0x79,
    0xe7, 0xc8, 0x37, 0x6d, 0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a, 0xae, 0x08,
    0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6, 0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f, 0x4b, 0xbd, 0x8b, 0x8a,
    0x70, 0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e, 0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e,
    0xe1, 0xf8, 0x98, 0x11, 0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e, 0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf,
    0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42, 0x68, 0x41, 0x99, 0x2d, 0x0f, 0xb0, 0x54, 0xbb, 0x16};

static uint8_t INV_SBOX[256];

typedef rt_aes_key aes_key;

static uint8_t xtime(uint8_t x) { return (uint8_t)((x << 1) ^ ((x & 0x80) ? 0x1b : 0)); }

static uint8_t gmul(uint8_t a, uint8_t b) {
    uint8_t r = 0;
    while (b) {
        if (b & 1)
            r ^= a;
        a = xtime(a);
        b >>= 1;
    }
    return r;
}

static void aes_setup(aes_key *k, const uint8_t *key, size_t klen) {
    if (INV_SBOX[SBOX[1]] != 1) /* build the inverse S-box once (idempotent, so thread-safe) */
        for (int i = 0; i < 256; i++)
            INV_SBOX[SBOX[i]] = (uint8_t)i;
    int nk = (int)(klen / 4);
    k->rounds = nk + 6;
    int total = 4 * (k->rounds + 1);
    memcpy(k->rk, key, klen);
    uint8_t rcon = 1;
    for (int i = nk; i < total; i++) {
        uint8_t t[4];
        memcpy(t, k->rk + 4 * (i - 1), 4);
        if (i % nk == 0) {
            uint8_t x = t[0];
            t[0] = (uint8_t)(SBOX[t[1]] ^ rcon);
            t[1] = SBOX[t[2]];
            t[2] = SBOX[t[3]];
            t[3] = SBOX[x];
            rcon = xtime(rcon);
        } else if (nk > 6 && i % nk == 4) {
            for (int j = 0; j < 4; j++)
                t[j] = SBOX[t[j]];
        }
        for (int j = 0; j < 4; j++)
            k->rk[4 * i + j] = k->rk[4 * (i - nk) + j] ^ t[j];
    }
}

static void add_round_key(uint8_t s[16], const uint8_t *rk) {
    for (int i = 0; i < 16; i++)
        s[i] ^= rk[i];
}

static void aes_encrypt_block(const aes_key *k, uint8_t s[16]) {
    add_round_key(s, k->rk);
    for (int r = 1; r <= k->rounds; r++) {
        uint8_t t[16];
        for (int i = 0; i < 16; i++) /* SubBytes + ShiftRows (column-major state) */
            t[i] = SBOX[s[(i + 4 * (i % 4)) % 16]];
        if (r != k->rounds) {
            for (int c = 0; c < 4; c++) {
                uint8_t *col = t + 4 * c;
                uint8_t a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
                uint8_t all = a0 ^ a1 ^ a2 ^ a3;
                col[0] ^= all ^ xtime(a0 ^ a1);
                col[1] ^= all ^ xtime(a1 ^ a2);
                col[2] ^= all ^ xtime(a2 ^ a3);
                col[3] ^= all ^ xtime(a3 ^ a0);
            }
        }
        memcpy(s, t, 16);
        add_round_key(s, k->rk + 16 * r);
    }
}

void rt__aes_setup(rt_aes_key *k, const uint8_t *key, size_t klen) { aes_setup(k, key, klen); }
void rt__aes_encrypt_block(const rt_aes_key *k, uint8_t block[16]) { aes_encrypt_block(k, block); }

static void aes_decrypt_block(const aes_key *k, uint8_t s[16]) {
    add_round_key(s, k->rk + 16 * k->rounds);
    for (int r = k->rounds - 1; r >= 0; r--) {
        uint8_t t[16];
        for (int i = 0; i < 16; i++) /* InvShiftRows + InvSubBytes */
            t[(i + 4 * (i % 4)) % 16] = INV_SBOX[s[i]];
        add_round_key(t, k->rk + 16 * r);
        if (r != 0) {
            for (int c = 0; c < 4; c++) {
                uint8_t *col = t + 4 * c;
                uint8_t a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
                col[0] = gmul(a0, 14) ^ gmul(a1, 11) ^ gmul(a2, 13) ^ gmul(a3, 9);
                col[1] = gmul(a0, 9) ^ gmul(a1, 14) ^ gmul(a2, 11) ^ gmul(a3, 13);
                col[2] = gmul(a0, 13) ^ gmul(a1, 9) ^ gmul(a2, 14) ^ gmul(a3, 11);
                col[3] = gmul(a0, 11) ^ gmul(a1, 13) ^ gmul(a2, 9) ^ gmul(a3, 14);
            }
        }
        memcpy(s, t, 16);
    }
}

/* CBC + PKCS#7 encryption of n bytes: malloc'd buffer of *outn bytes. */
static uint8_t *cbc_encrypt(const aes_key *k, const uint8_t iv[16], const uint8_t *p, size_t n,
                            size_t *outn) {
    size_t pad = 16 - n % 16;
    size_t total = n + pad;
    uint8_t *out = rt__xmalloc(total);
    if (n)
        memcpy(out, p, n);
    memset(out + n, (int)pad, pad);
    uint8_t prev[16];
    memcpy(prev, iv, 16);
    for (size_t off = 0; off < total; off += 16) {
        for (int i = 0; i < 16; i++)
            out[off + i] ^= prev[i];
        aes_encrypt_block(k, out + off);
        memcpy(prev, out + off, 16);
    }
    *outn = total;
    return out;
}

/* CBC decryption + PKCS#7 check; NULL when the length or the padding is invalid. */
static uint8_t *cbc_decrypt(const aes_key *k, const uint8_t iv[16], const uint8_t *c, size_t n,
                            size_t *outn) {
    if (n == 0 || n % 16 != 0)
        return NULL;
    uint8_t *out = rt__xmalloc(n);
    uint8_t prev[16];
    memcpy(prev, iv, 16);
    for (size_t off = 0; off < n; off += 16) {
        uint8_t blk[16];
        memcpy(blk, c + off, 16);
        aes_decrypt_block(k, blk);
        for (int i = 0; i < 16; i++)
            out[off + i] = blk[i] ^ prev[i];
        memcpy(prev, c + off, 16);
    }
    uint8_t pad = out[n - 1];
    bool ok = pad >= 1 && pad <= 16;
    for (size_t i = 0; ok && i < pad; i++)
        ok = out[n - 1 - i] == pad;
    if (!ok) {
        free(out);
        return NULL;
    }
    *outn = n - pad;
    return out;
}

static void aes_check(void *key, void *iv, aes_key *k, const uint8_t **ivp) {
    size_t kn, vn;
    const uint8_t *kp = bytes_data(key, &kn);
    if (kn != 16 && kn != 32)
        rt__trap("AES: key must be 16 bytes (AES-128) or 32 bytes (AES-256)");
    *ivp = bytes_data(iv, &vn);
    if (vn != 16)
        rt__trap("AES: IV must be exactly 16 bytes");
    aes_setup(k, kp, kn);
}

void *rt_aes_encrypt(void *data, void *key, void *iv) {
    aes_key k;
    const uint8_t *ivp;
    aes_check(key, iv, &k, &ivp);
    size_t n, outn;
    const uint8_t *p = bytes_data(data, &n);
    uint8_t *out = cbc_encrypt(&k, ivp, p, n, &outn);
    rt_bytes *r = rt__bytes_from(out, outn);
    free(out);
    return r;
}

void *rt_aes_decrypt(void *data, void *key, void *iv) {
    aes_key k;
    const uint8_t *ivp;
    aes_check(key, iv, &k, &ivp);
    size_t n, outn = 0;
    const uint8_t *c = bytes_data(data, &n);
    uint8_t *out = cbc_decrypt(&k, ivp, c, n, &outn);
    if (!out)
        rt__trap("AES: decryption failed (invalid padding or corrupted data)");
    rt_bytes *r = rt__bytes_from(out, outn);
    free(out);
    return r;
}

/* key = SHA-256([password length mod 256] ‖ SHA-256(password)) for the *Str functions. */
static void aes_str_key(rt_string password, aes_key *k) {
    size_t pn;
    const uint8_t *p = cstr_bytes(password, &pn);
    uint8_t buf[33], key[32];
    buf[0] = (uint8_t)(pn & 0xff);
    sha256(p, pn, buf + 1);
    sha256(buf, sizeof buf, key);
    aes_setup(k, key, 32);
}

void *rt_aes_encrypt_str(rt_string text, rt_string password) {
    size_t tn;
    const uint8_t *t = cstr_bytes(text, &tn);
    aes_key k;
    aes_str_key(password, &k);
    uint8_t iv[16];
    random_or_trap(iv, sizeof iv, "AES: failed to generate random IV");
    size_t cn;
    uint8_t *c = cbc_encrypt(&k, iv, t, tn, &cn);
    rt_bytes *r = rt__bytes_from(NULL, 16 + cn);
    memcpy(r->data, iv, 16);
    memcpy(r->data + 16, c, cn);
    free(c);
    return r;
}

rt_string rt_aes_decrypt_str(void *data, rt_string password) {
    size_t n;
    const uint8_t *c = bytes_data(data, &n);
    if (n < 16)
        rt__trap("AES: encrypted data too short (missing IV)");
    aes_key k;
    aes_str_key(password, &k);
    size_t outn = 0;
    uint8_t *out = cbc_decrypt(&k, c, c + 16, n - 16, &outn);
    if (!out)
        rt__trap("AES: decryption failed (wrong password or corrupted data)");
    rt_string s = outn ? rt__str_new((const char *)out, outn) : rt_str_empty();
    free(out);
    return s;
}

/* ---- §8.5 ChaCha20-Poly1305 ------------------------------------------------------------------ */

static uint32_t rol32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

static uint32_t le32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_le32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

#define QR(a, b, c, d)                                                                             \
    a += b, d ^= a, d = rol32(d, 16), c += d, b ^= c, b = rol32(b, 12), a += b, d ^= a,            \
    d = rol32(d, 8), c += d, b ^= c, b = rol32(b, 7)

static void chacha20_block(const uint8_t key[32], uint32_t counter, const uint8_t nonce[12],
                           uint8_t out[64]) {
    uint32_t s[16], x[16];
    s[0] = 0x61707865;
    s[1] = 0x3320646e;
    s[2] = 0x79622d32;
    s[3] = 0x6b206574;
    for (int i = 0; i < 8; i++)
        s[4 + i] = le32(key + 4 * i);
    s[12] = counter;
    for (int i = 0; i < 3; i++)
        s[13 + i] = le32(nonce + 4 * i);
    memcpy(x, s, sizeof s);
    for (int i = 0; i < 10; i++) {
        QR(x[0], x[4], x[8], x[12]);
        QR(x[1], x[5], x[9], x[13]);
        QR(x[2], x[6], x[10], x[14]);
        QR(x[3], x[7], x[11], x[15]);
        QR(x[0], x[5], x[10], x[15]);
        QR(x[1], x[6], x[11], x[12]);
        QR(x[2], x[7], x[8], x[13]);
        QR(x[3], x[4], x[9], x[14]);
    }
    for (int i = 0; i < 16; i++)
        put_le32(out + 4 * i, x[i] + s[i]);
}

/* XOR n bytes with the ChaCha20 key stream starting at block `counter`. */
static void chacha20_xor(const uint8_t key[32], uint32_t counter, const uint8_t nonce[12],
                         const uint8_t *in, uint8_t *out, size_t n) {
    uint8_t ks[64];
    for (size_t off = 0; off < n; off += 64, counter++) {
        chacha20_block(key, counter, nonce, ks);
        size_t m = n - off < 64 ? n - off : 64;
        for (size_t i = 0; i < m; i++)
            out[off + i] = in[off + i] ^ ks[i];
    }
}

/* Poly1305 (26-bit limbs, after poly1305-donna-32). */
typedef struct poly1305 {
    uint32_t r[5], h[5], pad[4];
} poly1305;

static void poly_init(poly1305 *st, const uint8_t key[32]) {
    st->r[0] = le32(key + 0) & 0x3ffffff;
    st->r[1] = (le32(key + 3) >> 2) & 0x3ffff03;
    st->r[2] = (le32(key + 6) >> 4) & 0x3ffc0ff;
    st->r[3] = (le32(key + 9) >> 6) & 0x3f03fff;
    st->r[4] = (le32(key + 12) >> 8) & 0x00fffff;
    memset(st->h, 0, sizeof st->h);
    for (int i = 0; i < 4; i++)
        st->pad[i] = le32(key + 16 + 4 * i);
}

/* One 16-byte block (already padded); hibit = 1 << 24 for full message blocks. */
static void poly_block(poly1305 *st, const uint8_t m[16], uint32_t hibit) {
    uint32_t r0 = st->r[0], r1 = st->r[1], r2 = st->r[2], r3 = st->r[3], r4 = st->r[4];
    uint32_t s1 = r1 * 5, s2 = r2 * 5, s3 = r3 * 5, s4 = r4 * 5;
    uint32_t h0 = st->h[0], h1 = st->h[1], h2 = st->h[2], h3 = st->h[3], h4 = st->h[4];
    h0 += le32(m + 0) & 0x3ffffff;
    h1 += (le32(m + 3) >> 2) & 0x3ffffff;
    h2 += (le32(m + 6) >> 4) & 0x3ffffff;
    h3 += (le32(m + 9) >> 6) & 0x3ffffff;
    h4 += (le32(m + 12) >> 8) | hibit;
    uint64_t d0 = (uint64_t)h0 * r0 + (uint64_t)h1 * s4 + (uint64_t)h2 * s3 + (uint64_t)h3 * s2 +
                  (uint64_t)h4 * s1;
    uint64_t d1 = (uint64_t)h0 * r1 + (uint64_t)h1 * r0 + (uint64_t)h2 * s4 + (uint64_t)h3 * s3 +
                  (uint64_t)h4 * s2;
    uint64_t d2 = (uint64_t)h0 * r2 + (uint64_t)h1 * r1 + (uint64_t)h2 * r0 + (uint64_t)h3 * s4 +
                  (uint64_t)h4 * s3;
    uint64_t d3 = (uint64_t)h0 * r3 + (uint64_t)h1 * r2 + (uint64_t)h2 * r1 + (uint64_t)h3 * r0 +
                  (uint64_t)h4 * s4;
    uint64_t d4 = (uint64_t)h0 * r4 + (uint64_t)h1 * r3 + (uint64_t)h2 * r2 + (uint64_t)h3 * r1 +
                  (uint64_t)h4 * r0;
    uint32_t c = (uint32_t)(d0 >> 26);
    h0 = (uint32_t)d0 & 0x3ffffff;
    d1 += c;
    c = (uint32_t)(d1 >> 26);
    h1 = (uint32_t)d1 & 0x3ffffff;
    d2 += c;
    c = (uint32_t)(d2 >> 26);
    h2 = (uint32_t)d2 & 0x3ffffff;
    d3 += c;
    c = (uint32_t)(d3 >> 26);
    h3 = (uint32_t)d3 & 0x3ffffff;
    d4 += c;
    c = (uint32_t)(d4 >> 26);
    h4 = (uint32_t)d4 & 0x3ffffff;
    h0 += c * 5;
    c = h0 >> 26;
    h0 &= 0x3ffffff;
    h1 += c;
    st->h[0] = h0;
    st->h[1] = h1;
    st->h[2] = h2;
    st->h[3] = h3;
    st->h[4] = h4;
}

/* Feeds n bytes as zero-padded 16-byte blocks (the AEAD layout pads every part to 16). */
static void poly_padded(poly1305 *st, const uint8_t *p, size_t n) {
    for (size_t off = 0; off < n; off += 16) {
        uint8_t blk[16] = {0};
        size_t m = n - off < 16 ? n - off : 16;
        memcpy(blk, p + off, m);
        poly_block(st, blk, 1u << 24);
    }
}

static void poly_finish(poly1305 *st, uint8_t tag[16]) {
    uint32_t h0 = st->h[0], h1 = st->h[1], h2 = st->h[2], h3 = st->h[3], h4 = st->h[4], c;
    c = h1 >> 26;
    h1 &= 0x3ffffff;
    h2 += c;
    c = h2 >> 26;
    h2 &= 0x3ffffff;
    h3 += c;
    c = h3 >> 26;
    h3 &= 0x3ffffff;
    h4 += c;
    c = h4 >> 26;
    h4 &= 0x3ffffff;
    h0 += c * 5;
    c = h0 >> 26;
    h0 &= 0x3ffffff;
    h1 += c;
    /* compute h + -p and select */
    uint32_t g0 = h0 + 5;
    c = g0 >> 26;
    g0 &= 0x3ffffff;
    uint32_t g1 = h1 + c;
    c = g1 >> 26;
    g1 &= 0x3ffffff;
    uint32_t g2 = h2 + c;
    c = g2 >> 26;
    g2 &= 0x3ffffff;
    uint32_t g3 = h3 + c;
    c = g3 >> 26;
    g3 &= 0x3ffffff;
    uint32_t g4 = h4 + c - (1u << 26);
    uint32_t mask = (g4 >> 31) - 1; /* all ones if h >= p */
    g0 &= mask;
    g1 &= mask;
    g2 &= mask;
    g3 &= mask;
    g4 &= mask;
    mask = ~mask;
    h0 = (h0 & mask) | g0;
    h1 = (h1 & mask) | g1;
    h2 = (h2 & mask) | g2;
    h3 = (h3 & mask) | g3;
    h4 = (h4 & mask) | g4;
    /* h = h % 2^128 */
    h0 = (h0 | (h1 << 26)) & 0xffffffff;
    h1 = ((h1 >> 6) | (h2 << 20)) & 0xffffffff;
    h2 = ((h2 >> 12) | (h3 << 14)) & 0xffffffff;
    h3 = ((h3 >> 18) | (h4 << 8)) & 0xffffffff;
    /* tag = (h + pad) % 2^128 */
    uint64_t f = (uint64_t)h0 + st->pad[0];
    h0 = (uint32_t)f;
    f = (uint64_t)h1 + st->pad[1] + (f >> 32);
    h1 = (uint32_t)f;
    f = (uint64_t)h2 + st->pad[2] + (f >> 32);
    h2 = (uint32_t)f;
    f = (uint64_t)h3 + st->pad[3] + (f >> 32);
    h3 = (uint32_t)f;
    put_le32(tag + 0, h0);
    put_le32(tag + 4, h1);
    put_le32(tag + 8, h2);
    put_le32(tag + 12, h3);
}

/* RFC 8439 §2.8 AEAD tag over associated data a (an bytes) and ciphertext c (n bytes). */
static void aead_tag_ad(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *a,
                        size_t an, const uint8_t *c, size_t n, uint8_t tag[16]) {
    uint8_t block0[64];
    chacha20_block(key, 0, nonce, block0);
    poly1305 st;
    poly_init(&st, block0);
    poly_padded(&st, a, an);
    poly_padded(&st, c, n);
    uint8_t lens[16]; /* le64(aad length) ‖ le64(ciphertext length) */
    uint64_t al = (uint64_t)an, cl = (uint64_t)n;
    for (int i = 0; i < 8; i++) {
        lens[i] = (uint8_t)(al >> (8 * i));
        lens[8 + i] = (uint8_t)(cl >> (8 * i));
    }
    poly_block(&st, lens, 1u << 24);
    poly_finish(&st, tag);
}

static void aead_tag(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *c, size_t n,
                     uint8_t tag[16]) {
    aead_tag_ad(key, nonce, NULL, 0, c, n, tag);
}

void rt__chacha20_poly1305_seal(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                                size_t aadn, const uint8_t *p, size_t n, uint8_t *out) {
    chacha20_xor(key, 1, nonce, p, out, n);
    aead_tag_ad(key, nonce, aad, aadn, out, n, out + n);
}

bool rt__chacha20_poly1305_open(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                                size_t aadn, const uint8_t *c, size_t n, uint8_t *out) {
    if (n < 16)
        return false;
    uint8_t tag[16];
    aead_tag_ad(key, nonce, aad, aadn, c, n - 16, tag);
    if (!ct_equal(tag, c + n - 16, 16))
        return false;
    chacha20_xor(key, 1, nonce, c, out, n - 16);
    return true;
}

/* nonce(12) ‖ ciphertext ‖ tag(16) written to out (n + 28 bytes). */
static void aead_seal(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *p, size_t n,
                      uint8_t *out) {
    memcpy(out, nonce, 12);
    chacha20_xor(key, 1, nonce, p, out + 12, n);
    aead_tag(key, nonce, out + 12, n, out + 12 + n);
}

/* Opens nonce ‖ ciphertext ‖ tag (n >= 28 bytes); NULL when authentication fails. */
static rt_bytes *aead_open(const uint8_t key[32], const uint8_t *in, size_t n) {
    const uint8_t *nonce = in, *c = in + 12;
    size_t cn = n - 28;
    uint8_t tag[16];
    aead_tag(key, nonce, c, cn, tag);
    if (!ct_equal(tag, c + cn, 16))
        return NULL;
    rt_bytes *r = rt__bytes_from(NULL, cn);
    chacha20_xor(key, 1, nonce, c, r->data, cn);
    return r;
}

static const uint8_t *password_bytes(rt_string pw, size_t *n, const char *fn) {
    if (!pw || pw->len == 0 || pw->data[0] == '\0')
        rt__trapf("Cipher.%s: password is empty", fn);
    *n = strlen(pw->data);
    return (const uint8_t *)pw->data;
}

static void derive_key(const uint8_t *pw, size_t pn, const uint8_t *salt, size_t sn,
                       uint8_t key[32]) {
    hkdf32(salt, sn, pw, pn, "viper-cipher-v1", key);
}

void *rt_cipher_derive_key(rt_string password, void *salt) {
    if (!rt__bytes_of(salt))
        rt__trap("Cipher.DeriveKey: salt is null");
    size_t pn, sn;
    const uint8_t *pw = password_bytes(password, &pn, "DeriveKey");
    const uint8_t *sp = bytes_data(salt, &sn);
    uint8_t key[32];
    derive_key(pw, pn, sp, sn, key);
    return rt__bytes_from(key, 32);
}

void *rt_cipher_generate_key(void) {
    rt_bytes *b = rt__bytes_from(NULL, 32);
    random_or_trap(b->data, 32, "Cipher.GenerateKey: failed to generate random bytes");
    return b;
}

void *rt_cipher_encrypt(void *data, rt_string password) {
    if (!rt__bytes_of(data))
        rt__trap("Cipher.Encrypt: plaintext is null");
    size_t pn, n;
    const uint8_t *pw = password_bytes(password, &pn, "Encrypt");
    const uint8_t *p = bytes_data(data, &n);
    uint8_t salt_nonce[28], key[32];
    random_or_trap(salt_nonce, sizeof salt_nonce, "Cipher.Encrypt: failed to generate random bytes");
    derive_key(pw, pn, salt_nonce, 16, key);
    rt_bytes *r = rt__bytes_from(NULL, 16 + 12 + n + 16);
    memcpy(r->data, salt_nonce, 16);
    aead_seal(key, salt_nonce + 16, p, n, r->data + 16);
    return r;
}

void *rt_cipher_decrypt(void *data, rt_string password) {
    if (!rt__bytes_of(data))
        rt__trap("Cipher.Decrypt: ciphertext is null");
    size_t pn, n;
    const uint8_t *pw = password_bytes(password, &pn, "Decrypt");
    const uint8_t *c = bytes_data(data, &n);
    if (n < 44)
        rt__trap("Cipher.Decrypt: ciphertext too short");
    uint8_t key[32];
    derive_key(pw, pn, c, 16, key);
    rt_bytes *r = aead_open(key, c + 16, n - 16);
    if (!r)
        rt__trap("Cipher.Decrypt: authentication failed (wrong password or corrupted data)");
    return r;
}

void *rt_cipher_encrypt_with_key(void *data, void *key) {
    if (!rt__bytes_of(data))
        rt__trap("Cipher.EncryptWithKey: plaintext is null");
    size_t kn, n;
    const uint8_t *k = bytes_data(key, &kn);
    if (kn != 32)
        rt__trap("Cipher.EncryptWithKey: key must be exactly 32 bytes");
    const uint8_t *p = bytes_data(data, &n);
    uint8_t nonce[12];
    random_or_trap(nonce, sizeof nonce, "Cipher.EncryptWithKey: failed to generate random bytes");
    rt_bytes *r = rt__bytes_from(NULL, 12 + n + 16);
    aead_seal(k, nonce, p, n, r->data);
    return r;
}

void *rt_cipher_decrypt_with_key(void *data, void *key) {
    if (!rt__bytes_of(data))
        rt__trap("Cipher.DecryptWithKey: ciphertext is null");
    size_t kn, n;
    const uint8_t *k = bytes_data(key, &kn);
    if (kn != 32)
        rt__trap("Cipher.DecryptWithKey: key must be exactly 32 bytes");
    const uint8_t *c = bytes_data(data, &n);
    if (n < 28)
        rt__trap("Cipher.DecryptWithKey: ciphertext too short");
    rt_bytes *r = aead_open(k, c, n);
    if (!r)
        rt__trap("Cipher.DecryptWithKey: authentication failed (corrupted data or wrong key)");
    return r;
}
