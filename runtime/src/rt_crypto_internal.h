/*
 * rt_crypto_internal.h — cryptographic primitives shared between runtime files:
 *   crypto_cipher.c: OS randomness, HKDF-SHA256 (RFC 5869), ChaCha20-Poly1305 AEAD with associated
 *                    data (RFC 8439 §2.8), AES key schedule and block encryption (FIPS 197);
 *   crypto_x25519.c: X25519 (RFC 7748 §5).
 * SHA-256 / HMAC-SHA256 are hash.c's (rt_io_internal.h: rt__sha256_*, rt__hmac_sha256).
 * None of these functions allocate or trap.
 */
#ifndef VIPER_RT_CRYPTO_INTERNAL_H
#define VIPER_RT_CRYPTO_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* n bytes from getrandom(2) / /dev/urandom; false if the OS could not supply them. */
bool rt__crypto_random(uint8_t *p, size_t n);

/* HKDF-Extract(salt, IKM) → PRK (32 bytes). An empty salt means 32 zero bytes (same HMAC key). */
void rt__hkdf_sha256_extract(const uint8_t *salt, size_t sn, const uint8_t *ikm, size_t in,
                             uint8_t prk[32]);
/* HKDF-Expand(PRK, info, L = outn) with outn <= 255 * 32. */
void rt__hkdf_sha256_expand(const uint8_t *prk, size_t pn, const uint8_t *info, size_t infon,
                            uint8_t *out, size_t outn);

/* AEAD_CHACHA20_POLY1305: out receives n ciphertext bytes followed by the 16-byte tag. */
void rt__chacha20_poly1305_seal(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                                size_t aadn, const uint8_t *p, size_t n, uint8_t *out);
/* c holds n bytes: ciphertext then tag (n >= 16). On success writes n - 16 plaintext bytes to out
 * and returns true; false (out untouched) if n < 16 or the tag does not verify. */
bool rt__chacha20_poly1305_open(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                                size_t aadn, const uint8_t *c, size_t n, uint8_t *out);

/* AES key schedule (16- or 32-byte keys) and in-place encryption of one 16-byte block. */
typedef struct rt_aes_key {
    int rounds;          /* 10 (AES-128) or 14 (AES-256) */
    uint8_t rk[15 * 16]; /* round keys */
} rt_aes_key;
void rt__aes_setup(rt_aes_key *k, const uint8_t *key, size_t klen);
void rt__aes_encrypt_block(const rt_aes_key *k, uint8_t block[16]);

/* X25519(k, u) (RFC 7748 §5): scalar k is clamped, the high bit of u is masked. Returns false
 * when the result is the all-zero value (small-order input, RFC 7748 §6.1 / RFC 8446 §7.4.2). */
bool rt__x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]);
/* X25519(k, 9): the public key of private key k. */
void rt__x25519_base(uint8_t out[32], const uint8_t scalar[32]);

#endif
