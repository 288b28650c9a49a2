/*
 * crypto_tls.c — Viper.Crypto.Tls (RUNTIME-SYSTEM.md §8.6): a TLS 1.3 client (RFC 8446) over
 * POSIX sockets.
 *
 * *** SECURITY NOTICE: THE SERVER CERTIFICATE IS NOT VALIDATED. ***
 * The client checks that the server sends a well-formed Certificate (at least one entry) and a
 * CertificateVerify with an offered signature scheme, and it verifies the server's Finished MAC
 * (so the handshake transcript is integrity-checked against the negotiated keys), but it does NOT
 * verify the certificate chain, a trust anchor, the host name, the validity dates, or the
 * CertificateVerify signature. A Tls connection is therefore encrypted but NOT authenticated: an
 * active man-in-the-middle can impersonate any server. (Checking the CertificateVerify signature
 * alone would add nothing without chain validation: an attacker signs with its own certificate.)
 * RUNTIME-SYSTEM §8.6 does not say what the reference checks (§11.2 item 3).
 *
 * Protocol subset: TLS 1.3 only (supported_versions 0x0304), full 1-RTT handshakes, no PSK /
 * resumption / 0-RTT (NewSessionTicket messages are read and ignored), key exchange X25519 only
 * (crypto_x25519.c; a HelloRetryRequest fails the handshake), cipher suites
 * TLS_CHACHA20_POLY1305_SHA256 (preferred) and TLS_AES_128_GCM_SHA256, SHA-256 transcript hash and
 * HKDF (hash.c, crypto_cipher.c). server_name (SNI) is sent unless the host is an IP literal.
 * "Middlebox compatibility mode" (RFC 8446 §D.4): a 32-byte legacy session id and one
 * change_cipher_spec record before the client's second flight; the server's CCS records are skipped
 * during the handshake. A CertificateRequest is answered with an empty Certificate. KeyUpdate is
 * honoured (both directions when requested). Alerts other than close_notify / user_canceled end the
 * connection. Record-size limits of §5 are enforced; padding of received records is removed.
 *
 * Behaviour where §8.6 is silent (decisions, no VM evidence available):
 *   - NULL host, port outside 1..65535, an empty host or one containing a NUL byte → NULL
 *     without any network activity.
 *   - Connect(host, port) = ConnectFor(host, port, 30000). The timeout (ms; <= 0 means the default
 *     30000) bounds TCP connect (non-blocking connect + poll, shared by all addresses getaddrinfo
 *     returns) plus the whole handshake; name resolution itself is not bounded. After the
 *     handshake Send/Recv block without a time limit (like a blocking socket).
 *   - Recv(t, max) returns 1..max bytes as soon as any application data is available (it never
 *     waits to fill max); an empty Bytes once the server has closed (close_notify, or a TCP EOF at a
 *     record boundary, which also sets Error to "connection closed without close_notify"); NULL for
 *     max <= 0, after Close, or on any error. RecvStr is Recv as a string (all bytes, embedded NULs
 *     kept); "" when Recv would give NULL.
 *   - Send/SendStr send all bytes (records of at most 16384 bytes; a string's full length) and
 *     return the count; -1 for a NULL/non-Bytes data argument, a NULL string, a closed or failed
 *     connection, or a write error; 0 for empty data on an open connection.
 *   - IsOpen is 1 from a successful handshake until Close, the server's close, or an error.
 *   - Close sends close_notify (best effort) and closes the socket; Close again or on NULL does
 *     nothing. The finaliser closes the socket of a connection never closed.
 *   - Error(t) is the text of the last error on t ("" if none); Error(NULL) is "" (the neutral
 *     result of §1). Why a Connect failed is kept per thread for rt__tls_last_connect_error().
 *   - get_Host gives the host string as passed (+1), get_Port the port.
 * Ownership: Connect returns a new object (+1) or NULL; Recv a new Bytes; strings are +1.
 * A connection must not be used by two threads at once. Nothing here traps (errors are values).
 * Sockets are created non-blocking with close-on-exec; writes use MSG_NOSIGNAL (no SIGPIPE).
 * The client never initiates a KeyUpdate (AES-128-GCM's limit of 2^24.5 records per key, about
 * 380 GB, is not enforced). In a statically linked program the linker warns that getaddrinfo needs
 * glibc's NSS modules at run time: true for host names, not for IP literals.
 */
#define _DEFAULT_SOURCE
#include "rt_crypto_internal.h"
#include "rt_io_internal.h"
#include "rt_tls_abi.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* ---- constants --------------------------------------------------------------------------------- */

enum {
    CT_CCS = 20,
    CT_ALERT = 21,
    CT_HANDSHAKE = 22,
    CT_APPDATA = 23,
};
enum {
    HS_CLIENT_HELLO = 1,
    HS_SERVER_HELLO = 2,
    HS_NEW_SESSION_TICKET = 4,
    HS_ENCRYPTED_EXTENSIONS = 8,
    HS_CERTIFICATE = 11,
    HS_CERTIFICATE_REQUEST = 13,
    HS_CERTIFICATE_VERIFY = 15,
    HS_FINISHED = 20,
    HS_KEY_UPDATE = 24,
};
enum {
    AL_CLOSE_NOTIFY = 0,
    AL_UNEXPECTED_MESSAGE = 10,
    AL_BAD_RECORD_MAC = 20,
    AL_RECORD_OVERFLOW = 22,
    AL_HANDSHAKE_FAILURE = 40,
    AL_ILLEGAL_PARAMETER = 47,
    AL_DECODE_ERROR = 50,
    AL_DECRYPT_ERROR = 51,
    AL_PROTOCOL_VERSION = 70,
    AL_INTERNAL_ERROR = 80,
    AL_USER_CANCELED = 90,
    AL_MISSING_EXTENSION = 109,
    AL_NONE = -1,
};
#define SUITE_AES_128_GCM 0x1301
#define SUITE_CHACHA20 0x1303
#define GROUP_X25519 0x001d

#define MAX_PLAIN 16384                       /* TLSPlaintext / TLSInnerPlaintext content limit */
#define MAX_CIPHER (MAX_PLAIN + 256)          /* TLSCiphertext.length limit */
#define RBUF_CAP (5 + MAX_CIPHER + 4096)      /* raw bytes from the socket */
#define WBUF_CAP (5 + MAX_PLAIN + 1 + 16)     /* one outgoing protected record */
#define MAX_HS_MSG (1u << 20)                 /* largest handshake message accepted */
#define DEFAULT_TIMEOUT_MS 30000

static const uint8_t HRR_RANDOM[32] = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};

/* Signature schemes offered (RFC 8446 §4.2.3): ECDSA, EdDSA, RSA-PSS; PKCS#1 v1.5 for certificates. */
static const uint16_t SIG_SCHEMES[] = {0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805,
                                       0x0806, 0x0809, 0x080a, 0x080b, 0x0401, 0x0501, 0x0601};

/* ---- the connection object --------------------------------------------------------------------- */

enum { ST_HANDSHAKE, ST_OPEN, ST_PEER_CLOSED, ST_CLOSED, ST_FAILED };

typedef struct tls_dir {
    uint8_t secret[32]; /* current traffic secret */
    uint8_t key[32];    /* 32 (ChaCha20) or 16 (AES-128) bytes used */
    uint8_t iv[12];
    uint64_t seq;
    rt_aes_key aes;
} tls_dir;

typedef struct tls_conn {
    void *vptr; /* NULL (collection convention) */
    int fd;     /* -1 once closed */
    int state;
    bool in_fatal;
    bool rprot, wprot; /* record protection active per direction */
    uint16_t suite;
    rt_string host;
    int64_t port;
    int64_t deadline; /* monotonic ms, or -1: no limit */
    tls_dir rd, wr;
    uint8_t *hs; /* handshake message reassembly */
    size_t hs_len, hs_cap;
    size_t rlen;
    size_t app_off, app_len;
    char err[256];
    uint8_t rbuf[RBUF_CAP];
    uint8_t rec[MAX_CIPHER]; /* plaintext of the last record */
    uint8_t app[MAX_CIPHER]; /* undelivered application data */
    uint8_t wbuf[WBUF_CAP];
} tls_conn;

static _Thread_local char last_connect_err[256];

const char *rt__tls_last_connect_error(void) { return last_connect_err; }

static void wipe(void *p, size_t n) {
    volatile uint8_t *v = p;
    while (n--)
        *v++ = 0;
}

static void close_fd(tls_conn *c) {
    if (c->fd >= 0) {
        close(c->fd);
        c->fd = -1;
    }
}

static void tls_finalize(void *p) {
    tls_conn *c = p;
    close_fd(c);
    free(c->hs);
    c->hs = NULL;
    rt_str_release_maybe(c->host);
    c->host = NULL;
    wipe(&c->rd, sizeof c->rd);
    wipe(&c->wr, sizeof c->wr);
    wipe(c->app, sizeof c->app);
    wipe(c->rec, sizeof c->rec);
}

static tls_conn *as_conn(void *p) {
    return p && !rt__is_string(p) && rt__is_collection(p, tls_finalize) ? p : NULL;
}

static void set_err(tls_conn *c, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err, sizeof c->err, fmt, ap);
    va_end(ap);
}

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool send_alert(tls_conn *c, int desc);

/* A fatal error: record the text, send the alert (best effort), close the socket. Returns false. */
static bool fatal(tls_conn *c, int alert, const char *fmt, ...) {
    if (c->in_fatal)
        return false;
    c->in_fatal = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err, sizeof c->err, fmt, ap);
    va_end(ap);
    if (alert >= 0 && c->fd >= 0) {
        c->deadline = now_ms() + 200; /* do not wait long for a failing peer */
        send_alert(c, alert);
    }
    close_fd(c);
    c->state = ST_FAILED;
    c->in_fatal = false;
    return false;
}

/* ---- byte helpers ------------------------------------------------------------------------------ */

static uint32_t get16(const uint8_t *p) { return (uint32_t)p[0] << 8 | p[1]; }
static uint32_t get24(const uint8_t *p) { return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2]; }
static void put16(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}
static void put24(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 16);
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)v;
}
static uint64_t get64(const uint8_t *p) {
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}
static void put64(uint8_t *p, uint64_t v) {
    for (int i = 7; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}

/* Bounded reader over a message body; any overrun sets `bad` and yields zeros / NULL. */
typedef struct rd {
    const uint8_t *p;
    size_t n, off;
    bool bad;
} rd;

static bool rd_has(rd *r, size_t k) {
    if (r->bad || r->n - r->off < k) {
        r->bad = true;
        return false;
    }
    return true;
}
static uint32_t rd_u8(rd *r) { return rd_has(r, 1) ? r->p[r->off++] : 0; }
static uint32_t rd_u16(rd *r) {
    if (!rd_has(r, 2))
        return 0;
    uint32_t v = get16(r->p + r->off);
    r->off += 2;
    return v;
}
static uint32_t rd_u24(rd *r) {
    if (!rd_has(r, 3))
        return 0;
    uint32_t v = get24(r->p + r->off);
    r->off += 3;
    return v;
}
static const uint8_t *rd_take(rd *r, size_t k) {
    if (!rd_has(r, k))
        return NULL;
    const uint8_t *q = r->p + r->off;
    r->off += k;
    return q;
}
/* A sub-reader over the next k bytes. */
static rd rd_sub(rd *r, size_t k) {
    rd s = {NULL, 0, 0, true};
    const uint8_t *q = rd_take(r, k);
    if (q) {
        s.p = q;
        s.n = k;
        s.bad = false;
    }
    return s;
}
static bool rd_done(rd *r) { return !r->bad && r->off == r->n; }

/* ---- AES-128-GCM (NIST SP 800-38D) ------------------------------------------------------------- */

/* x = x * h in GF(2^128) with the GCM bit order (constant time: masks, no branches on data). */
static void gf128_mul(uint8_t x[16], const uint8_t h[16]) {
    uint64_t zh = 0, zl = 0, vh = get64(h), vl = get64(h + 8);
    for (int i = 0; i < 128; i++) {
        uint64_t m = (uint64_t)0 - (uint64_t)((x[i >> 3] >> (7 - (i & 7))) & 1);
        zh ^= vh & m;
        zl ^= vl & m;
        uint64_t lsb = (uint64_t)0 - (vl & 1);
        vl = (vl >> 1) | (vh << 63);
        vh = (vh >> 1) ^ (0xe100000000000000ULL & lsb);
    }
    put64(x, zh);
    put64(x + 8, zl);
}

static void ghash_padded(uint8_t x[16], const uint8_t h[16], const uint8_t *p, size_t n) {
    for (size_t off = 0; off < n; off += 16) {
        size_t m = n - off < 16 ? n - off : 16;
        for (size_t i = 0; i < m; i++)
            x[i] ^= p[off + i];
        gf128_mul(x, h);
    }
}

static void gcm_ctr(const rt_aes_key *k, const uint8_t nonce[12], const uint8_t *in, uint8_t *out,
                    size_t n) {
    uint8_t ctr[16], ks[16];
    memcpy(ctr, nonce, 12);
    uint32_t cnt = 2;
    for (size_t off = 0; off < n; off += 16, cnt++) {
        ctr[12] = (uint8_t)(cnt >> 24);
        ctr[13] = (uint8_t)(cnt >> 16);
        ctr[14] = (uint8_t)(cnt >> 8);
        ctr[15] = (uint8_t)cnt;
        memcpy(ks, ctr, 16);
        rt__aes_encrypt_block(k, ks);
        size_t m = n - off < 16 ? n - off : 16;
        for (size_t i = 0; i < m; i++)
            out[off + i] = in[off + i] ^ ks[i];
    }
}

static void gcm_tag(const rt_aes_key *k, const uint8_t nonce[12], const uint8_t *aad, size_t an,
                    const uint8_t *c, size_t cn, uint8_t tag[16]) {
    uint8_t h[16] = {0}, x[16] = {0}, lens[16], j0[16];
    rt__aes_encrypt_block(k, h);
    ghash_padded(x, h, aad, an);
    ghash_padded(x, h, c, cn);
    put64(lens, (uint64_t)an * 8);
    put64(lens + 8, (uint64_t)cn * 8);
    ghash_padded(x, h, lens, 16);
    memcpy(j0, nonce, 12);
    j0[12] = j0[13] = j0[14] = 0;
    j0[15] = 1;
    rt__aes_encrypt_block(k, j0);
    for (int i = 0; i < 16; i++)
        tag[i] = x[i] ^ j0[i];
}

static void gcm_seal_k(const rt_aes_key *k, const uint8_t nonce[12], const uint8_t *aad,
                       size_t aadn, const uint8_t *p, size_t n, uint8_t *out) {
    gcm_ctr(k, nonce, p, out, n);
    gcm_tag(k, nonce, aad, aadn, out, n, out + n);
}

static bool gcm_open_k(const rt_aes_key *k, const uint8_t nonce[12], const uint8_t *aad,
                       size_t aadn, const uint8_t *c, size_t n, uint8_t *out) {
    if (n < 16)
        return false;
    uint8_t tag[16], d = 0;
    gcm_tag(k, nonce, aad, aadn, c, n - 16, tag);
    for (int i = 0; i < 16; i++)
        d |= tag[i] ^ c[n - 16 + i];
    if (d)
        return false;
    gcm_ctr(k, nonce, c, out, n - 16);
    return true;
}

void rt__aes128_gcm_seal(const uint8_t key[16], const uint8_t nonce[12], const uint8_t *aad,
                         size_t aadn, const uint8_t *p, size_t n, uint8_t *out) {
    rt_aes_key k;
    rt__aes_setup(&k, key, 16);
    gcm_seal_k(&k, nonce, aad, aadn, p, n, out);
    wipe(&k, sizeof k);
}

bool rt__aes128_gcm_open(const uint8_t key[16], const uint8_t nonce[12], const uint8_t *aad,
                         size_t aadn, const uint8_t *c, size_t n, uint8_t *out) {
    rt_aes_key k;
    rt__aes_setup(&k, key, 16);
    bool ok = gcm_open_k(&k, nonce, aad, aadn, c, n, out);
    wipe(&k, sizeof k);
    return ok;
}

/* ---- key schedule (RFC 8446 §7) ---------------------------------------------------------------- */

void rt__tls_expand_label(const uint8_t secret[32], const char *label, const uint8_t *ctx,
                          size_t ctxn, uint8_t *out, size_t outn) {
    uint8_t info[2 + 1 + 255 + 1 + 255];
    size_t ln = strlen(label);
    if (ln > 249)
        ln = 249;
    if (ctxn > 255)
        ctxn = 255;
    size_t k = 0;
    put16(info, (uint32_t)outn);
    k = 2;
    info[k++] = (uint8_t)(6 + ln);
    memcpy(info + k, "tls13 ", 6);
    k += 6;
    memcpy(info + k, label, ln);
    k += ln;
    info[k++] = (uint8_t)ctxn;
    if (ctxn)
        memcpy(info + k, ctx, ctxn);
    k += ctxn;
    rt__hkdf_sha256_expand(secret, 32, info, k, out, outn);
}

static void transcript_hash(const rt_sha256_ctx *th, uint8_t out[32]) {
    rt_sha256_ctx c = *th;
    rt__sha256_final(&c, out);
}

static size_t suite_keylen(uint16_t suite) { return suite == SUITE_AES_128_GCM ? 16 : 32; }

/* Install traffic secret s for one direction (key, iv, sequence 0). */
static void set_traffic(tls_conn *c, tls_dir *d, const uint8_t s[32]) {
    size_t kl = suite_keylen(c->suite);
    memcpy(d->secret, s, 32);
    rt__tls_expand_label(s, "key", NULL, 0, d->key, kl);
    rt__tls_expand_label(s, "iv", NULL, 0, d->iv, 12);
    d->seq = 0;
    if (c->suite == SUITE_AES_128_GCM)
        rt__aes_setup(&d->aes, d->key, 16);
}

static void dir_nonce(const tls_dir *d, uint8_t nonce[12]) {
    memcpy(nonce, d->iv, 12);
    for (int i = 0; i < 8; i++)
        nonce[11 - i] ^= (uint8_t)(d->seq >> (8 * i));
}

/* ---- socket I/O -------------------------------------------------------------------------------- */

/* Wait until fd is ready for `events`, honouring the deadline. */
static bool wait_io(tls_conn *c, short events) {
    for (;;) {
        int to = -1;
        if (c->deadline >= 0) {
            int64_t left = c->deadline - now_ms();
            if (left <= 0)
                return fatal(c, AL_NONE, "timed out");
            to = left > INT_MAX ? INT_MAX : (int)left;
        }
        struct pollfd pfd = {c->fd, events, 0};
        int r = poll(&pfd, 1, to);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return fatal(c, AL_NONE, "poll failed: %s", strerror(errno));
        }
        if (r > 0)
            return true;
    }
}

static bool write_all(tls_conn *c, const uint8_t *p, size_t n) {
    while (n > 0) {
        if (c->fd < 0)
            return false;
        ssize_t w = send(c->fd, p, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                if (!wait_io(c, POLLOUT))
                    return false;
                continue;
            }
            return fatal(c, AL_NONE, "send failed: %s", strerror(errno));
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* Read more raw bytes: 1 = some read, 0 = end of stream, -1 = error (connection failed). */
static int read_more(tls_conn *c) {
    if (c->rlen >= RBUF_CAP)
        return fatal(c, AL_INTERNAL_ERROR, "receive buffer full"), -1;
    for (;;) {
        if (c->fd < 0)
            return -1;
        ssize_t r = recv(c->fd, c->rbuf + c->rlen, RBUF_CAP - c->rlen, 0);
        if (r > 0) {
            c->rlen += (size_t)r;
            return 1;
        }
        if (r == 0)
            return 0;
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            if (!wait_io(c, POLLIN))
                return -1;
            continue;
        }
        fatal(c, AL_NONE, "recv failed: %s", strerror(errno));
        return -1;
    }
}

/* ---- record layer (RFC 8446 §5) ---------------------------------------------------------------- */

/* Send one record of content type `type` (protected when write protection is on). */
static bool send_record(tls_conn *c, int type, const uint8_t *p, size_t n) {
    uint8_t *w = c->wbuf;
    if (!c->wprot) {
        w[0] = (uint8_t)type;
        put16(w + 1, type == CT_HANDSHAKE ? 0x0301 : 0x0303);
        put16(w + 3, (uint32_t)n);
        memcpy(w + 5, p, n);
        return write_all(c, w, 5 + n);
    }
    size_t inner = n + 1, clen = inner + 16;
    w[0] = CT_APPDATA;
    put16(w + 1, 0x0303);
    put16(w + 3, (uint32_t)clen);
    uint8_t *plain = c->rec; /* scratch: the inner plaintext */
    memcpy(plain, p, n);
    plain[n] = (uint8_t)type;
    uint8_t nonce[12];
    dir_nonce(&c->wr, nonce);
    if (c->suite == SUITE_AES_128_GCM)
        gcm_seal_k(&c->wr.aes, nonce, w, 5, plain, inner, w + 5);
    else
        rt__chacha20_poly1305_seal(c->wr.key, nonce, w, 5, plain, inner, w + 5);
    wipe(plain, inner);
    c->wr.seq++;
    return write_all(c, w, 5 + clen);
}

static bool send_alert(tls_conn *c, int desc) {
    uint8_t a[2] = {desc == AL_CLOSE_NOTIFY || desc == AL_USER_CANCELED ? 1 : 2, (uint8_t)desc};
    return send_record(c, CT_ALERT, a, 2);
}

/* Read the next record that is not a (skipped) change_cipher_spec. Returns 1 with *type / c->rec /
 * *len set, 0 at end of stream on a record boundary, -1 on error (connection failed). */
static int read_record(tls_conn *c, int *type, size_t *len) {
    for (;;) {
        while (c->rlen < 5 || c->rlen < 5 + get16(c->rbuf + 3)) {
            if (c->rlen >= 5 && (c->rbuf[0] < CT_CCS || c->rbuf[0] > CT_APPDATA))
                return fatal(c, AL_UNEXPECTED_MESSAGE,
                             "unexpected record type %d (not a TLS peer?)", c->rbuf[0]), -1;
            if (c->rlen >= 5 && get16(c->rbuf + 3) > MAX_CIPHER)
                return fatal(c, AL_RECORD_OVERFLOW, "record too large"), -1;
            int r = read_more(c);
            if (r < 0)
                return -1;
            if (r == 0) {
                if (c->rlen == 0)
                    return 0;
                return fatal(c, AL_NONE, "connection closed inside a record"), -1;
            }
        }
        int t = c->rbuf[0];
        size_t n = get16(c->rbuf + 3);
        if (n > MAX_CIPHER)
            return fatal(c, AL_RECORD_OVERFLOW, "record too large"), -1;
        const uint8_t *frag = c->rbuf + 5;
        if (t == CT_CCS) {
            if (c->state != ST_HANDSHAKE || n != 1 || frag[0] != 1)
                return fatal(c, AL_UNEXPECTED_MESSAGE, "unexpected change_cipher_spec"), -1;
            memmove(c->rbuf, c->rbuf + 5 + n, c->rlen - 5 - n);
            c->rlen -= 5 + n;
            continue;
        }
        if (c->rprot) {
            if (t != CT_APPDATA)
                return fatal(c, AL_UNEXPECTED_MESSAGE, "unprotected record after key change"), -1;
            if (n < 17)
                return fatal(c, AL_DECODE_ERROR, "protected record too short"), -1;
            uint8_t nonce[12], hdr[5];
            memcpy(hdr, c->rbuf, 5);
            dir_nonce(&c->rd, nonce);
            bool ok = c->suite == SUITE_AES_128_GCM
                          ? gcm_open_k(&c->rd.aes, nonce, hdr, 5, frag, n, c->rec)
                          : rt__chacha20_poly1305_open(c->rd.key, nonce, hdr, 5, frag, n, c->rec);
            memmove(c->rbuf, c->rbuf + 5 + n, c->rlen - 5 - n);
            c->rlen -= 5 + n;
            if (!ok)
                return fatal(c, AL_BAD_RECORD_MAC, "bad record MAC"), -1;
            c->rd.seq++;
            size_t m = n - 16;
            while (m > 0 && c->rec[m - 1] == 0)
                m--;
            if (m == 0)
                return fatal(c, AL_UNEXPECTED_MESSAGE, "protected record without content type"), -1;
            m--;
            if (m > MAX_PLAIN)
                return fatal(c, AL_RECORD_OVERFLOW, "record too large"), -1;
            *type = c->rec[m];
            *len = m;
        } else {
            if (t != CT_HANDSHAKE && t != CT_ALERT)
                return fatal(c, AL_UNEXPECTED_MESSAGE, "unexpected record type %d", t), -1;
            if (n > MAX_PLAIN)
                return fatal(c, AL_RECORD_OVERFLOW, "record too large"), -1;
            memcpy(c->rec, frag, n);
            memmove(c->rbuf, c->rbuf + 5 + n, c->rlen - 5 - n);
            c->rlen -= 5 + n;
            *type = t;
            *len = n;
        }
        if ((*type == CT_HANDSHAKE || *type == CT_ALERT) && *len == 0)
            return fatal(c, AL_UNEXPECTED_MESSAGE, "empty record"), -1;
        if (*type != CT_HANDSHAKE && *type != CT_ALERT && *type != CT_APPDATA)
            return fatal(c, AL_UNEXPECTED_MESSAGE, "unexpected content type %d", *type), -1;
        return 1;
    }
}

static const char *alert_name(int d) {
    switch (d) {
    case 0: return "close_notify";
    case 10: return "unexpected_message";
    case 20: return "bad_record_mac";
    case 22: return "record_overflow";
    case 40: return "handshake_failure";
    case 42: return "bad_certificate";
    case 43: return "unsupported_certificate";
    case 44: return "certificate_revoked";
    case 45: return "certificate_expired";
    case 46: return "certificate_unknown";
    case 47: return "illegal_parameter";
    case 48: return "unknown_ca";
    case 49: return "access_denied";
    case 50: return "decode_error";
    case 51: return "decrypt_error";
    case 70: return "protocol_version";
    case 71: return "insufficient_security";
    case 80: return "internal_error";
    case 86: return "inappropriate_fallback";
    case 90: return "user_canceled";
    case 109: return "missing_extension";
    case 110: return "unsupported_extension";
    case 112: return "unrecognized_name";
    case 116: return "certificate_required";
    case 120: return "no_application_protocol";
    default: return "alert";
    }
}

/* An alert record in c->rec: 1 = close_notify, 0 = ignorable, -1 = fatal (connection failed). */
static int handle_alert(tls_conn *c, size_t len) {
    if (len != 2)
        return fatal(c, AL_DECODE_ERROR, "malformed alert"), -1;
    int desc = c->rec[1];
    if (desc == AL_CLOSE_NOTIFY)
        return 1;
    if (desc == AL_USER_CANCELED)
        return 0;
    fatal(c, AL_NONE, "alert received: %s (%d)", alert_name(desc), desc);
    return -1;
}

/* ---- handshake messages ------------------------------------------------------------------------ */

static bool hs_append(tls_conn *c, const uint8_t *p, size_t n) {
    if (c->hs_len + n > MAX_HS_MSG + 4)
        return fatal(c, AL_INTERNAL_ERROR, "handshake message too large");
    if (c->hs_len + n > c->hs_cap) {
        size_t cap = c->hs_cap ? c->hs_cap : 4096;
        while (cap < c->hs_len + n)
            cap *= 2;
        uint8_t *q = realloc(c->hs, cap);
        if (!q)
            return fatal(c, AL_INTERNAL_ERROR, "out of memory");
        c->hs = q;
        c->hs_cap = cap;
    }
    memcpy(c->hs + c->hs_len, p, n);
    c->hs_len += n;
    return true;
}

static bool hs_complete(const tls_conn *c, size_t *total) {
    if (c->hs_len < 4)
        return false;
    size_t n = get24(c->hs + 1);
    *total = 4 + n;
    return c->hs_len >= *total;
}

/* Next complete handshake message during the handshake: *msg points to it (header included) in
 * c->hs, *total its length; consume it with hs_consume. */
static bool hs_next(tls_conn *c, const uint8_t **msg, size_t *total) {
    while (!hs_complete(c, total)) {
        if (c->hs_len >= 4 && get24(c->hs + 1) > MAX_HS_MSG)
            return fatal(c, AL_INTERNAL_ERROR, "handshake message too large");
        int type;
        size_t len;
        int r = read_record(c, &type, &len);
        if (r < 0)
            return false;
        if (r == 0)
            return fatal(c, AL_NONE, "connection closed during the handshake");
        if (type == CT_ALERT) {
            int a = handle_alert(c, len);
            if (a < 0)
                return false;
            if (a > 0)
                return fatal(c, AL_NONE, "connection closed during the handshake");
            continue;
        }
        if (type != CT_HANDSHAKE)
            return fatal(c, AL_UNEXPECTED_MESSAGE, "unexpected application data in the handshake");
        if (!hs_append(c, c->rec, len))
            return false;
    }
    *msg = c->hs;
    return true;
}

static void hs_consume(tls_conn *c, size_t total) {
    memmove(c->hs, c->hs + total, c->hs_len - total);
    c->hs_len -= total;
}

/* ---- ClientHello ------------------------------------------------------------------------------- */

static bool is_ip_literal(const char *host) {
    unsigned char buf[16];
    return inet_pton(AF_INET, host, buf) == 1 || inet_pton(AF_INET6, host, buf) == 1;
}

size_t rt__tls_client_hello(const char *host, const uint8_t random[32], const uint8_t sid[32],
                            const uint8_t x25519_pub[32], uint8_t *out, size_t cap) {
    size_t hn = strlen(host);
    bool sni = hn > 0 && !is_ip_literal(host);
    if (sni && host[hn - 1] == '.')
        hn--; /* SNI carries the name without the trailing dot (RFC 6066 §3) */
    if (hn > 253)
        sni = false;
    size_t nsig = sizeof SIG_SCHEMES / sizeof SIG_SCHEMES[0];
    size_t ext = (sni ? 4 + 5 + hn : 0) + (4 + 4) + (4 + 2 + 2 * nsig) + (4 + 3) + (4 + 2 + 4 + 32);
    size_t body = 2 + 32 + 1 + 32 + 2 + 4 + 2 + 2 + ext;
    if (4 + body > cap)
        return 0;
    uint8_t *p = out;
    *p++ = HS_CLIENT_HELLO;
    put24(p, (uint32_t)body);
    p += 3;
    put16(p, 0x0303);
    p += 2;
    memcpy(p, random, 32);
    p += 32;
    *p++ = 32;
    memcpy(p, sid, 32);
    p += 32;
    put16(p, 4);
    put16(p + 2, SUITE_CHACHA20);
    put16(p + 4, SUITE_AES_128_GCM);
    p += 6;
    *p++ = 1; /* compression methods: null only */
    *p++ = 0;
    put16(p, (uint32_t)ext);
    p += 2;
    if (sni) { /* server_name */
        put16(p, 0x0000);
        put16(p + 2, (uint32_t)(5 + hn));
        put16(p + 4, (uint32_t)(3 + hn));
        p[6] = 0; /* host_name */
        put16(p + 7, (uint32_t)hn);
        memcpy(p + 9, host, hn);
        p += 9 + hn;
    }
    put16(p, 0x000a); /* supported_groups */
    put16(p + 2, 4);
    put16(p + 4, 2);
    put16(p + 6, GROUP_X25519);
    p += 8;
    put16(p, 0x000d); /* signature_algorithms */
    put16(p + 2, (uint32_t)(2 + 2 * nsig));
    put16(p + 4, (uint32_t)(2 * nsig));
    p += 6;
    for (size_t i = 0; i < nsig; i++, p += 2)
        put16(p, SIG_SCHEMES[i]);
    put16(p, 0x002b); /* supported_versions: TLS 1.3 */
    put16(p + 2, 3);
    p[4] = 2;
    put16(p + 5, 0x0304);
    p += 7;
    put16(p, 0x0033); /* key_share */
    put16(p + 2, 2 + 4 + 32);
    put16(p + 4, 4 + 32);
    put16(p + 6, GROUP_X25519);
    put16(p + 8, 32);
    memcpy(p + 10, x25519_pub, 32);
    p += 42;
    return (size_t)(p - out);
}

/* ---- the handshake ----------------------------------------------------------------------------- */

static bool offered_sig(uint32_t s) {
    for (size_t i = 0; i < sizeof SIG_SCHEMES / sizeof SIG_SCHEMES[0]; i++)
        if (SIG_SCHEMES[i] == s)
            return true;
    return false;
}

static bool parse_server_hello(tls_conn *c, const uint8_t *msg, size_t total,
                               const uint8_t sid[32], uint8_t server_pub[32]) {
    if (msg[0] != HS_SERVER_HELLO)
        return fatal(c, AL_UNEXPECTED_MESSAGE, "expected ServerHello, got message %d", msg[0]);
    rd r = {msg + 4, total - 4, 0, false};
    rd_u16(&r); /* legacy_version */
    const uint8_t *random = rd_take(&r, 32);
    uint32_t sidn = rd_u8(&r);
    const uint8_t *sidp = rd_take(&r, sidn);
    uint32_t suite = rd_u16(&r);
    uint32_t comp = rd_u8(&r);
    uint32_t extn = rd_u16(&r);
    rd ex = rd_sub(&r, extn);
    if (r.bad || !rd_done(&r))
        return fatal(c, AL_DECODE_ERROR, "malformed ServerHello");
    if (memcmp(random, HRR_RANDOM, 32) == 0)
        return fatal(c, AL_HANDSHAKE_FAILURE, "HelloRetryRequest is not supported (X25519 only)");
    if (sidn != 32 || memcmp(sidp, sid, 32) != 0)
        return fatal(c, AL_ILLEGAL_PARAMETER, "ServerHello session id mismatch");
    if (suite != SUITE_CHACHA20 && suite != SUITE_AES_128_GCM)
        return fatal(c, AL_ILLEGAL_PARAMETER, "server chose an unoffered cipher suite 0x%04x",
                     (unsigned)suite);
    if (comp != 0)
        return fatal(c, AL_ILLEGAL_PARAMETER, "server chose a compression method");
    bool have_version = false, have_key = false;
    while (!ex.bad && ex.off < ex.n) {
        uint32_t et = rd_u16(&ex), el = rd_u16(&ex);
        rd e = rd_sub(&ex, el);
        if (ex.bad)
            break;
        if (et == 0x002b) {
            uint32_t v = rd_u16(&e);
            if (!rd_done(&e))
                return fatal(c, AL_DECODE_ERROR, "malformed supported_versions");
            if (v != 0x0304)
                return fatal(c, AL_ILLEGAL_PARAMETER, "server selected version 0x%04x",
                             (unsigned)v);
            have_version = true;
        } else if (et == 0x0033) {
            uint32_t g = rd_u16(&e), kl = rd_u16(&e);
            const uint8_t *k = rd_take(&e, kl);
            if (!rd_done(&e))
                return fatal(c, AL_DECODE_ERROR, "malformed key_share");
            if (g != GROUP_X25519 || kl != 32)
                return fatal(c, AL_ILLEGAL_PARAMETER, "server key share is not X25519");
            memcpy(server_pub, k, 32);
            have_key = true;
        } else {
            return fatal(c, AL_ILLEGAL_PARAMETER, "unexpected ServerHello extension %u",
                         (unsigned)et);
        }
    }
    if (ex.bad)
        return fatal(c, AL_DECODE_ERROR, "malformed ServerHello extensions");
    if (!have_version)
        return fatal(c, AL_PROTOCOL_VERSION, "server does not support TLS 1.3");
    if (!have_key)
        return fatal(c, AL_MISSING_EXTENSION, "ServerHello without key_share");
    c->suite = (uint16_t)suite;
    return true;
}

static bool handshake(tls_conn *c, const char *host) {
    uint8_t priv[32], pub[32], random[32], sid[32], server_pub[32], shared[32];
    if (!rt__crypto_random(priv, 32) || !rt__crypto_random(random, 32) ||
        !rt__crypto_random(sid, 32))
        return fatal(c, AL_NONE, "no random numbers available");
    rt__x25519_base(pub, priv);
    uint8_t ch[512];
    size_t chn = rt__tls_client_hello(host, random, sid, pub, ch, sizeof ch);
    if (chn == 0)
        return fatal(c, AL_NONE, "ClientHello too large");
    rt_sha256_ctx th;
    rt__sha256_init(&th);
    rt__sha256_update(&th, ch, chn);
    if (!send_record(c, CT_HANDSHAKE, ch, chn))
        return false;

    const uint8_t *msg;
    size_t total;
    if (!hs_next(c, &msg, &total))
        return false;
    bool ok = parse_server_hello(c, msg, total, sid, server_pub);
    if (ok)
        rt__sha256_update(&th, msg, total);
    hs_consume(c, total);
    if (!ok)
        return false;
    if (c->hs_len != 0)
        return fatal(c, AL_UNEXPECTED_MESSAGE, "handshake data after ServerHello in the record");
    bool nz = rt__x25519(shared, priv, server_pub);
    wipe(priv, sizeof priv);
    if (!nz)
        return fatal(c, AL_ILLEGAL_PARAMETER, "invalid X25519 key share");

    /* key schedule */
    uint8_t zeros[32] = {0}, empty_hash[32], early[32], derived[32], hsec[32], master[32];
    uint8_t h[32], c_hs[32], s_hs[32], c_ap[32], s_ap[32], fk[32], vd[32];
    rt__sha256("", 0, empty_hash);
    rt__hkdf_sha256_extract(zeros, 32, zeros, 32, early);
    rt__tls_expand_label(early, "derived", empty_hash, 32, derived, 32);
    rt__hkdf_sha256_extract(derived, 32, shared, 32, hsec);
    wipe(shared, sizeof shared);
    transcript_hash(&th, h);
    rt__tls_expand_label(hsec, "c hs traffic", h, 32, c_hs, 32);
    rt__tls_expand_label(hsec, "s hs traffic", h, 32, s_hs, 32);
    rt__tls_expand_label(hsec, "derived", empty_hash, 32, derived, 32);
    rt__hkdf_sha256_extract(derived, 32, zeros, 32, master);
    set_traffic(c, &c->rd, s_hs);
    c->rprot = true;

    /* EncryptedExtensions, [CertificateRequest], Certificate, CertificateVerify, Finished */
    int stage = 0; /* 0 expect EE, 1 expect CR/Cert, 2 expect CV, 3 expect Finished */
    bool cert_requested = false;
    uint8_t req_ctx[255];
    size_t req_ctx_n = 0;
    for (;;) {
        if (!hs_next(c, &msg, &total))
            return false;
        int mt = msg[0];
        rd r = {msg + 4, total - 4, 0, false};
        if (stage == 0 && mt == HS_ENCRYPTED_EXTENSIONS) {
            rd ex = rd_sub(&r, rd_u16(&r));
            while (!ex.bad && ex.off < ex.n) {
                rd_u16(&ex);
                rd_sub(&ex, rd_u16(&ex));
            }
            if (ex.bad || !rd_done(&r))
                return fatal(c, AL_DECODE_ERROR, "malformed EncryptedExtensions");
            stage = 1;
        } else if (stage == 1 && mt == HS_CERTIFICATE_REQUEST && !cert_requested) {
            req_ctx_n = rd_u8(&r);
            const uint8_t *rc = rd_take(&r, req_ctx_n);
            rd_sub(&r, rd_u16(&r));
            if (!rd_done(&r))
                return fatal(c, AL_DECODE_ERROR, "malformed CertificateRequest");
            memcpy(req_ctx, rc, req_ctx_n);
            cert_requested = true;
        } else if (stage == 1 && mt == HS_CERTIFICATE) {
            /* Structure only: the certificates are NOT validated (see the file header). */
            rd_sub(&r, rd_u8(&r)); /* certificate_request_context */
            rd list = rd_sub(&r, rd_u24(&r));
            int count = 0;
            while (!list.bad && list.off < list.n) {
                uint32_t cl = rd_u24(&list);
                rd_take(&list, cl);
                rd_sub(&list, rd_u16(&list));
                if (cl == 0)
                    list.bad = true;
                count++;
            }
            if (list.bad || !rd_done(&r))
                return fatal(c, AL_DECODE_ERROR, "malformed Certificate");
            if (count == 0)
                return fatal(c, AL_DECODE_ERROR, "server sent no certificate");
            stage = 2;
        } else if (stage == 2 && mt == HS_CERTIFICATE_VERIFY) {
            uint32_t alg = rd_u16(&r);
            uint32_t sl = rd_u16(&r);
            rd_take(&r, sl);
            if (!rd_done(&r) || sl == 0)
                return fatal(c, AL_DECODE_ERROR, "malformed CertificateVerify");
            if (!offered_sig(alg) || (alg >= 0x0401 && alg <= 0x0601 && (alg & 0xff) == 1))
                return fatal(c, AL_ILLEGAL_PARAMETER, "unoffered signature scheme 0x%04x",
                             (unsigned)alg);
            stage = 3;
        } else if (stage == 3 && mt == HS_FINISHED) {
            transcript_hash(&th, h);
            rt__tls_expand_label(s_hs, "finished", NULL, 0, fk, 32);
            rt__hmac_sha256(fk, 32, h, 32, vd);
            const uint8_t *got = rd_take(&r, 32);
            if (!rd_done(&r))
                return fatal(c, AL_DECODE_ERROR, "malformed Finished");
            uint8_t d = 0;
            for (int i = 0; i < 32; i++)
                d |= (uint8_t)(got[i] ^ vd[i]);
            if (d)
                return fatal(c, AL_DECRYPT_ERROR, "server Finished does not verify");
            rt__sha256_update(&th, msg, total);
            hs_consume(c, total);
            break;
        } else {
            return fatal(c, AL_UNEXPECTED_MESSAGE, "unexpected handshake message %d", mt);
        }
        rt__sha256_update(&th, msg, total);
        hs_consume(c, total);
    }
    if (c->hs_len != 0)
        return fatal(c, AL_UNEXPECTED_MESSAGE, "handshake data after Finished in the record");

    /* application secrets from the transcript up to the server Finished */
    transcript_hash(&th, h);
    rt__tls_expand_label(master, "c ap traffic", h, 32, c_ap, 32);
    rt__tls_expand_label(master, "s ap traffic", h, 32, s_ap, 32);
    set_traffic(c, &c->rd, s_ap);

    /* client flight: CCS (compatibility mode), [empty Certificate], Finished */
    static const uint8_t ccs_record[6] = {CT_CCS, 3, 3, 0, 1, 1};
    if (!write_all(c, ccs_record, sizeof ccs_record))
        return false;
    set_traffic(c, &c->wr, c_hs);
    c->wprot = true;
    if (cert_requested) {
        uint8_t cm[4 + 1 + 255 + 3];
        size_t k = 0;
        cm[k++] = HS_CERTIFICATE;
        put24(cm + k, (uint32_t)(1 + req_ctx_n + 3));
        k += 3;
        cm[k++] = (uint8_t)req_ctx_n;
        memcpy(cm + k, req_ctx, req_ctx_n);
        k += req_ctx_n;
        put24(cm + k, 0);
        k += 3;
        rt__sha256_update(&th, cm, k);
        if (!send_record(c, CT_HANDSHAKE, cm, k))
            return false;
    }
    transcript_hash(&th, h);
    rt__tls_expand_label(c_hs, "finished", NULL, 0, fk, 32);
    uint8_t fin[4 + 32];
    fin[0] = HS_FINISHED;
    put24(fin + 1, 32);
    rt__hmac_sha256(fk, 32, h, 32, fin + 4);
    if (!send_record(c, CT_HANDSHAKE, fin, sizeof fin))
        return false;
    set_traffic(c, &c->wr, c_ap);
    wipe(early, 32);
    wipe(hsec, 32);
    wipe(master, 32);
    wipe(c_hs, 32);
    wipe(s_hs, 32);
    wipe(c_ap, 32);
    wipe(s_ap, 32);
    wipe(fk, 32);
    return true;
}

/* ---- post-handshake messages ------------------------------------------------------------------- */

static bool post_handshake(tls_conn *c, size_t len) {
    if (!hs_append(c, c->rec, len))
        return false;
    size_t total;
    while (hs_complete(c, &total)) {
        int mt = c->hs[0];
        if (mt == HS_NEW_SESSION_TICKET) {
            /* ignored: no resumption */
        } else if (mt == HS_KEY_UPDATE) {
            if (total != 5 || c->hs[4] > 1)
                return fatal(c, AL_DECODE_ERROR, "malformed KeyUpdate");
            bool requested = c->hs[4] == 1;
            uint8_t s[32];
            rt__tls_expand_label(c->rd.secret, "traffic upd", NULL, 0, s, 32);
            set_traffic(c, &c->rd, s);
            if (requested) {
                uint8_t ku[5] = {HS_KEY_UPDATE, 0, 0, 1, 0};
                if (!send_record(c, CT_HANDSHAKE, ku, sizeof ku))
                    return false;
                rt__tls_expand_label(c->wr.secret, "traffic upd", NULL, 0, s, 32);
                set_traffic(c, &c->wr, s);
            }
            wipe(s, sizeof s);
            if (c->hs_len != total)
                return fatal(c, AL_UNEXPECTED_MESSAGE, "data after KeyUpdate in the record");
        } else {
            return fatal(c, AL_UNEXPECTED_MESSAGE, "unexpected post-handshake message %d", mt);
        }
        hs_consume(c, total);
    }
    if (c->hs_len >= 4 && get24(c->hs + 1) > MAX_HS_MSG)
        return fatal(c, AL_INTERNAL_ERROR, "handshake message too large");
    return true;
}

/* Make application data available in c->app. Returns 1 (data), 0 (peer closed), -1 (error). */
static int fill_app(tls_conn *c) {
    while (c->app_len == 0) {
        if (c->state == ST_PEER_CLOSED)
            return 0;
        if (c->state != ST_OPEN) {
            if (c->state == ST_CLOSED)
                set_err(c, "connection closed");
            return -1;
        }
        int type;
        size_t len;
        int r = read_record(c, &type, &len);
        if (r < 0)
            return -1;
        if (r == 0) {
            c->state = ST_PEER_CLOSED;
            set_err(c, "connection closed without close_notify");
            close_fd(c);
            return 0;
        }
        if (type == CT_APPDATA) {
            if (c->hs_len != 0) {
                fatal(c, AL_UNEXPECTED_MESSAGE, "application data inside a handshake message");
                return -1;
            }
            memcpy(c->app, c->rec, len);
            c->app_off = 0;
            c->app_len = len;
        } else if (type == CT_ALERT) {
            int a = handle_alert(c, len);
            if (a < 0)
                return -1;
            if (a > 0) {
                c->state = ST_PEER_CLOSED;
                return 0;
            }
        } else if (!post_handshake(c, len)) {
            return -1;
        }
    }
    return 1;
}

/* ---- connecting -------------------------------------------------------------------------------- */

static bool tcp_connect(tls_conn *c, const char *host, int64_t port) {
    char ps[16];
    snprintf(ps, sizeof ps, "%d", (int)port);
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    int g = getaddrinfo(host, ps, &hints, &res);
    if (g != 0) {
        set_err(c, "cannot resolve host '%s': %s", host, gai_strerror(g));
        return false;
    }
    set_err(c, "no address for host '%s'", host);
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0) {
            set_err(c, "socket failed: %s", strerror(errno));
            continue;
        }
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        int fl = fcntl(fd, F_GETFL, 0);
        fcntl(fd, F_SETFL, fl | O_NONBLOCK);
        int r = connect(fd, ai->ai_addr, ai->ai_addrlen);
        int e = r == 0 ? 0 : errno;
        if (r != 0 && (e == EINPROGRESS || e == EINTR)) {
            for (;;) {
                int64_t left = c->deadline - now_ms();
                if (left <= 0) {
                    e = ETIMEDOUT;
                    break;
                }
                struct pollfd pfd = {fd, POLLOUT, 0};
                int pr = poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left);
                if (pr < 0 && errno == EINTR)
                    continue;
                if (pr < 0) {
                    e = errno;
                    break;
                }
                if (pr == 0)
                    continue;
                socklen_t sl = sizeof e;
                if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &sl) != 0)
                    e = errno;
                break;
            }
        }
        if (e == 0) {
            c->fd = fd;
            freeaddrinfo(res);
            return true;
        }
        close(fd);
        set_err(c, e == ETIMEDOUT ? "connect to %s:%d timed out" : "connect to %s:%d failed: %s",
                host, (int)port, strerror(e));
        if (e == ETIMEDOUT && c->deadline - now_ms() <= 0)
            break;
    }
    freeaddrinfo(res);
    return false;
}

void *rt_viper_tls_connect_for(rt_string host, int64_t port, int64_t timeout_ms) {
    if (!host) {
        snprintf(last_connect_err, sizeof last_connect_err, "host is null");
        return NULL;
    }
    if (port < 1 || port > 65535) {
        snprintf(last_connect_err, sizeof last_connect_err, "invalid port %lld", (long long)port);
        return NULL;
    }
    const char *h = rt__str_bytes(host);
    size_t hl = rt__str_len(host);
    if (hl == 0 || memchr(h, '\0', hl) != NULL) {
        snprintf(last_connect_err, sizeof last_connect_err, "invalid host name");
        return NULL;
    }
    if (timeout_ms <= 0)
        timeout_ms = DEFAULT_TIMEOUT_MS;
    if (timeout_ms > (int64_t)1 << 40)
        timeout_ms = (int64_t)1 << 40;
    tls_conn *c = rt__collection_alloc(sizeof(tls_conn), tls_finalize);
    c->fd = -1;
    c->state = ST_HANDSHAKE;
    c->port = port;
    c->host = host;
    rt_str_retain_maybe(host);
    c->deadline = now_ms() + timeout_ms;
    bool ok = tcp_connect(c, h, port) && handshake(c, h);
    if (!ok) {
        if (c->err[0] == '\0')
            set_err(c, "connection failed");
        snprintf(last_connect_err, sizeof last_connect_err, "%s", c->err);
        rt__obj_release_and_free(c);
        return NULL;
    }
    c->deadline = -1;
    c->state = ST_OPEN;
    c->err[0] = '\0';
    last_connect_err[0] = '\0';
    return c;
}

void *rt_viper_tls_connect(rt_string host, int64_t port) {
    return rt_viper_tls_connect_for(host, port, DEFAULT_TIMEOUT_MS);
}

/* ---- data transfer ----------------------------------------------------------------------------- */

static int64_t send_bytes(tls_conn *c, const uint8_t *p, size_t n) {
    if (c->state != ST_OPEN) {
        if (c->state == ST_CLOSED || c->state == ST_PEER_CLOSED)
            set_err(c, "connection closed");
        return -1;
    }
    if (n > (size_t)INT64_MAX)
        return -1;
    size_t off = 0;
    while (off < n) {
        size_t k = n - off < MAX_PLAIN ? n - off : MAX_PLAIN;
        if (!send_record(c, CT_APPDATA, p + off, k))
            return -1;
        off += k;
    }
    return (int64_t)n;
}

int64_t rt_viper_tls_send(void *t, void *data) {
    tls_conn *c = as_conn(t);
    if (!c)
        return -1;
    rt_bytes *b = rt__is_string(data) ? NULL : rt__bytes_of(data);
    if (!b) {
        set_err(c, "data is null");
        return -1;
    }
    if (b->len == 0)
        return c->state == ST_OPEN ? 0 : send_bytes(c, NULL, 0);
    return send_bytes(c, b->data, (size_t)b->len);
}

int64_t rt_viper_tls_send_str(void *t, rt_string s) {
    tls_conn *c = as_conn(t);
    if (!c)
        return -1;
    if (!s) {
        set_err(c, "data is null");
        return -1;
    }
    return send_bytes(c, (const uint8_t *)rt__str_bytes(s), rt__str_len(s));
}

/* Up to max bytes of application data: 1 = *p and *n set, 0 = peer closed, -1 = error. */
static int recv_some(tls_conn *c, int64_t max, const uint8_t **p, size_t *n) {
    if (max <= 0) {
        set_err(c, "max must be positive");
        return -1;
    }
    int r = fill_app(c);
    if (r <= 0)
        return r;
    size_t k = c->app_len < (uint64_t)max ? c->app_len : (size_t)max;
    *p = c->app + c->app_off;
    *n = k;
    c->app_off += k;
    c->app_len -= k;
    return 1;
}

void *rt_viper_tls_recv(void *t, int64_t max) {
    tls_conn *c = as_conn(t);
    if (!c)
        return NULL;
    const uint8_t *p;
    size_t n;
    int r = recv_some(c, max, &p, &n);
    if (r < 0)
        return NULL;
    if (r == 0)
        return rt__bytes_from(NULL, 0);
    return rt__bytes_from(p, n);
}

rt_string rt_viper_tls_recv_str(void *t, int64_t max) {
    tls_conn *c = as_conn(t);
    if (!c)
        return rt_str_empty();
    const uint8_t *p;
    size_t n;
    if (recv_some(c, max, &p, &n) <= 0)
        return rt_str_empty();
    return rt__str_new((const char *)p, n);
}

void rt_viper_tls_close(void *t) {
    tls_conn *c = as_conn(t);
    if (!c || c->state == ST_CLOSED)
        return;
    if (c->fd >= 0 && (c->state == ST_OPEN || c->state == ST_PEER_CLOSED)) {
        c->in_fatal = true; /* best effort: errors while saying goodbye are not reported */
        c->deadline = now_ms() + 1000;
        send_alert(c, AL_CLOSE_NOTIFY);
        c->in_fatal = false;
        c->deadline = -1;
    }
    close_fd(c);
    c->state = ST_CLOSED;
    c->app_len = 0;
    wipe(&c->rd, sizeof c->rd);
    wipe(&c->wr, sizeof c->wr);
}

/* ---- properties -------------------------------------------------------------------------------- */

rt_string rt_viper_tls_error(void *t) {
    tls_conn *c = as_conn(t);
    if (!c || c->err[0] == '\0')
        return rt_str_empty();
    return rt__str_from_cstr(c->err);
}

rt_string rt_viper_tls_host(void *t) {
    tls_conn *c = as_conn(t);
    if (!c || !c->host)
        return rt_str_empty();
    rt_str_retain_maybe(c->host);
    return c->host;
}

int64_t rt_viper_tls_port(void *t) {
    tls_conn *c = as_conn(t);
    return c ? c->port : 0;
}

bool rt_viper_tls_is_open(void *t) {
    tls_conn *c = as_conn(t);
    return c && c->state == ST_OPEN;
}
