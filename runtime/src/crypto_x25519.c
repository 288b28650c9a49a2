/*
 * crypto_x25519.c — X25519 Diffie-Hellman (RFC 7748 §5) for the TLS 1.3 client (crypto_tls.c).
 *
 * Field elements of GF(2^255 - 19) are 16 signed 64-bit limbs of 16 bits each (radix 2^16, the
 * representation of TweetNaCl); the scalar multiplication is the RFC 7748 Montgomery ladder with
 * constant-time conditional swaps (no secret-dependent branches or table indices). Inputs: a 32-byte
 * little-endian scalar (clamped here: bits 0-2 and 255 cleared, bit 254 set) and a 32-byte
 * little-endian u-coordinate (bit 255 ignored; non-canonical values are reduced, as the RFC asks).
 * No allocation, no traps. Declarations: rt_crypto_internal.h.
 */
#include "rt_crypto_internal.h"

#include <string.h>

typedef int64_t gf[16];

/* Propagate carries so every limb is in [0, 2^16); the carry out of limb 15 (a multiple of 2^256)
 * re-enters limb 0 times 38 (2^256 = 38 mod p). Arithmetic right shift floors negative limbs. */
static void car(gf o) {
    for (int i = 0; i < 16; i++) {
        int64_t c = o[i] >> 16;
        o[i] &= 0xffff;
        if (i < 15)
            o[i + 1] += c;
        else
            o[0] += 38 * c;
    }
}

/* Constant-time swap of p and q when b == 1 (b is 0 or 1). */
static void cswap(gf p, gf q, int64_t b) {
    int64_t m = -b;
    for (int i = 0; i < 16; i++) {
        int64_t t = m & (p[i] ^ q[i]);
        p[i] ^= t;
        q[i] ^= t;
    }
}

static void fadd(gf o, const gf a, const gf b) {
    for (int i = 0; i < 16; i++)
        o[i] = a[i] + b[i];
}

static void fsub(gf o, const gf a, const gf b) {
    for (int i = 0; i < 16; i++)
        o[i] = a[i] - b[i];
}

static void fmul(gf o, const gf a, const gf b) {
    int64_t t[31] = {0};
    for (int i = 0; i < 16; i++)
        for (int j = 0; j < 16; j++)
            t[i + j] += a[i] * b[j];
    for (int i = 0; i < 15; i++)
        t[i] += 38 * t[i + 16];
    for (int i = 0; i < 16; i++)
        o[i] = t[i];
    car(o);
    car(o);
}

static void fsq(gf o, const gf a) { fmul(o, a, a); }

/* o = i^(p-2) = 1/i (Fermat; exponent 2^255 - 21). */
static void finv(gf o, const gf in) {
    gf c;
    memcpy(c, in, sizeof c);
    for (int a = 253; a >= 0; a--) {
        fsq(c, c);
        if (a != 2 && a != 4)
            fmul(c, c, in);
    }
    memcpy(o, c, sizeof c);
}

/* Canonical 32-byte little-endian encoding (fully reduced mod p). */
static void pack(uint8_t out[32], const gf n) {
    gf t, m;
    memcpy(t, n, sizeof t);
    car(t);
    car(t);
    car(t);
    for (int j = 0; j < 2; j++) {
        m[0] = t[0] - 0xffed;
        for (int i = 1; i < 15; i++) {
            m[i] = t[i] - 0xffff - ((m[i - 1] >> 16) & 1);
            m[i - 1] &= 0xffff;
        }
        m[15] = t[15] - 0x7fff - ((m[14] >> 16) & 1);
        int64_t borrow = (m[15] >> 16) & 1;
        m[14] &= 0xffff;
        cswap(t, m, 1 - borrow); /* keep t - p when it did not go negative */
    }
    for (int i = 0; i < 16; i++) {
        out[2 * i] = (uint8_t)(t[i] & 0xff);
        out[2 * i + 1] = (uint8_t)(t[i] >> 8);
    }
}

static void unpack(gf o, const uint8_t in[32]) {
    for (int i = 0; i < 16; i++)
        o[i] = in[2 * i] + ((int64_t)in[2 * i + 1] << 8);
    o[15] &= 0x7fff;
}

bool rt__x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]) {
    static const gf a24 = {0xdb41, 1}; /* 121665 */
    uint8_t z[32];
    memcpy(z, scalar, 32);
    z[31] = (uint8_t)((z[31] & 127) | 64);
    z[0] &= 248;
    gf x, a, b, c, d, e, f;
    unpack(x, u);
    memcpy(b, x, sizeof b);
    memset(a, 0, sizeof a);
    memset(c, 0, sizeof c);
    memset(d, 0, sizeof d);
    a[0] = d[0] = 1;
    /* a/c = x_2/z_2, b/d = x_3/z_3 (RFC 7748 §5 ladder) */
    for (int i = 254; i >= 0; i--) {
        int64_t r = (z[i >> 3] >> (i & 7)) & 1;
        cswap(a, b, r);
        cswap(c, d, r);
        fadd(e, a, c);  /* A = x2 + z2 */
        fsub(a, a, c);  /* B = x2 - z2 */
        fadd(c, b, d);  /* C = x3 + z3 */
        fsub(b, b, d);  /* D = x3 - z3 */
        fsq(d, e);      /* AA */
        fsq(f, a);      /* BB */
        fmul(a, c, a);  /* CB */
        fmul(c, b, e);  /* DA */
        fadd(e, a, c);  /* DA + CB */
        fsub(a, a, c);  /* CB - DA */
        fsq(b, a);      /* (DA - CB)^2 */
        fsub(c, d, f);  /* E = AA - BB */
        fmul(a, c, a24);
        fadd(a, a, d);  /* AA + a24 * E */
        fmul(c, c, a);  /* z2 = E * (AA + a24 * E) */
        fmul(a, d, f);  /* x2 = AA * BB */
        fmul(d, b, x);  /* z3 = x1 * (DA - CB)^2 */
        fsq(b, e);      /* x3 = (DA + CB)^2 */
        cswap(a, b, r);
        cswap(c, d, r);
    }
    finv(c, c);
    fmul(a, a, c);
    pack(out, a);
    uint8_t acc = 0;
    for (int i = 0; i < 32; i++)
        acc |= out[i];
    return acc != 0;
}

void rt__x25519_base(uint8_t out[32], const uint8_t scalar[32]) {
    static const uint8_t nine[32] = {9};
    (void)rt__x25519(out, scalar, nine);
}
