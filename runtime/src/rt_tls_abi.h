/*
 * rt_tls_abi.h — Viper.Crypto.Tls (RUNTIME-SYSTEM.md §8.6): a TLS 1.3 client (crypto_tls.c).
 * IL `obj` is `void *`, `str` is rt_string; the i1 result is 0/1. Every function accepts NULL.
 *
 * SECURITY: the server's certificate is NOT validated (no chain, trust anchor, host name or date
 * check; the CertificateVerify signature is not checked). See crypto_tls.c's header.
 */
#ifndef VIPER_RT_TLS_ABI_H
#define VIPER_RT_TLS_ABI_H

#include "rt_internal.h"

void *rt_viper_tls_connect(rt_string host, int64_t port);
void *rt_viper_tls_connect_for(rt_string host, int64_t port, int64_t timeout_ms);
int64_t rt_viper_tls_send(void *t, void *data);
int64_t rt_viper_tls_send_str(void *t, rt_string s);
void *rt_viper_tls_recv(void *t, int64_t max);
rt_string rt_viper_tls_recv_str(void *t, int64_t max);
void rt_viper_tls_close(void *t);
rt_string rt_viper_tls_error(void *t);
rt_string rt_viper_tls_host(void *t);
int64_t rt_viper_tls_port(void *t);
bool rt_viper_tls_is_open(void *t);

/* ---- internal (diagnostics and unit tests) ---- */

/* Text of the last failed Connect/ConnectFor on the calling thread ("" if none). Error(NULL) stays
 * neutral (""), so this is the only way to see why a Connect returned NULL. */
const char *rt__tls_last_connect_error(void);
/* The TLS 1.3 ClientHello handshake message (without record header) this client sends for host
 * (server_name is included unless host is an IP literal), client random, legacy session id and
 * X25519 public key. Writes at most cap bytes; returns the length, or 0 if it does not fit. */
size_t rt__tls_client_hello(const char *host, const uint8_t random[32], const uint8_t sid[32],
                            const uint8_t x25519_pub[32], uint8_t *out, size_t cap);
/* HKDF-Expand-Label (RFC 8446 §7.1) with SHA-256: out = outn bytes (outn <= 255). */
void rt__tls_expand_label(const uint8_t secret[32], const char *label, const uint8_t *ctx,
                          size_t ctxn, uint8_t *out, size_t outn);
/* AEAD_AES_128_GCM (NIST SP 800-38D, 12-byte nonce): seal writes n + 16 bytes; open checks the
 * tag of c (n >= 16 bytes incl. tag) and writes n - 16 bytes, false on failure. */
void rt__aes128_gcm_seal(const uint8_t key[16], const uint8_t nonce[12], const uint8_t *aad,
                         size_t aadn, const uint8_t *p, size_t n, uint8_t *out);
bool rt__aes128_gcm_open(const uint8_t key[16], const uint8_t nonce[12], const uint8_t *aad,
                         size_t aadn, const uint8_t *c, size_t n, uint8_t *out);

#endif
