/*
 * test_crypto_tls.c — unit tests of the TLS 1.3 client (crypto_tls.c, crypto_x25519.c) and the
 * primitives it uses: X25519 (RFC 7748 §5.2, §6.1 vectors), HKDF-SHA256 (RFC 5869 cases 1 and 3),
 * HKDF-Expand-Label (RFC 8446 key-schedule values), ChaCha20-Poly1305 with AAD (RFC 8439 §2.8.2),
 * AES-128-GCM (GCM spec test cases 1, 2, 4), the ClientHello layout, and Viper.Crypto.Tls error paths.
 * When `openssl` is on PATH, loopback tests start `openssl s_server` on 127.0.0.1 (a free port,
 * a self-signed certificate made in a temporary directory) and exchange data with it for both
 * cipher suites, with a CertificateRequest, and with server-initiated KeyUpdates; otherwise they print
 * a NOTICE and are skipped. All traffic goes to 127.0.0.1; every wait is bounded (an alarm() watchdog
 * ends the test after 240 s, and the server children die with the test: PR_SET_PDEATHSIG).
 */
#define _GNU_SOURCE
#include "check.h"
#include "rt_crypto_internal.h"
#include "rt_codec_internal.h"
#include "rt_io_internal.h"
#include "rt_tls_abi.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>

static void unhex(const char *s, uint8_t *out, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned v = 0;
        sscanf(s + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
}

static int hex_is(const uint8_t *p, size_t n, const char *hex) {
    if (strlen(hex) != 2 * n)
        return 0;
    char buf[2 * 256 + 1];
    for (size_t i = 0; i < n; i++)
        snprintf(buf + 2 * i, 3, "%02x", p[i]);
    int ok = memcmp(buf, hex, 2 * n) == 0;
    if (!ok)
        fprintf(stderr, "  got      %.*s\n  expected %s\n", (int)(2 * n), buf, hex);
    return ok;
}

static int64_t mono_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- primitives ------------------------------------------------------------------------------- */

static void test_x25519(void) {
    uint8_t k[32], u[32], o[32];
    unhex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4", k, 32);
    unhex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c", u, 32);
    CHECK(rt__x25519(o, k, u));
    CHECK(hex_is(o, 32, "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"));
    unhex("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d", k, 32);
    unhex("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493", u, 32);
    CHECK(rt__x25519(o, k, u));
    CHECK(hex_is(o, 32, "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"));
    /* §5.2 iterated: k = u = 9; after 1 and 1000 iterations */
    uint8_t kk[32] = {9}, uu[32] = {9};
    for (int i = 1; i <= 1000; i++) {
        rt__x25519(o, kk, uu);
        memcpy(uu, kk, 32);
        memcpy(kk, o, 32);
        if (i == 1)
            CHECK(hex_is(kk, 32, "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079"));
    }
    CHECK(hex_is(kk, 32, "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51"));
    /* §6.1 Diffie-Hellman */
    uint8_t a[32], b[32], apub[32], bpub[32], s1[32], s2[32];
    unhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", a, 32);
    unhex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", b, 32);
    rt__x25519_base(apub, a);
    rt__x25519_base(bpub, b);
    CHECK(hex_is(apub, 32, "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
    CHECK(hex_is(bpub, 32, "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"));
    CHECK(rt__x25519(s1, a, bpub));
    CHECK(rt__x25519(s2, b, apub));
    CHECK(hex_is(s1, 32, "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"));
    CHECK(memcmp(s1, s2, 32) == 0);
    /* small-order input (u = 0, u = 1): all-zero result is reported */
    uint8_t zero[32] = {0}, one[32] = {1};
    CHECK(!rt__x25519(o, a, zero));
    CHECK(!rt__x25519(o, a, one));
    /* the high bit of u is ignored */
    uint8_t u2[32];
    memcpy(u2, bpub, 32);
    u2[31] |= 0x80;
    CHECK(rt__x25519(s2, a, u2));
    CHECK(memcmp(s1, s2, 32) == 0);
}

static void test_hkdf(void) {
    uint8_t ikm[22], salt[13], info[10], prk[32], okm[42];
    memset(ikm, 0x0b, sizeof ikm);
    for (int i = 0; i < 13; i++)
        salt[i] = (uint8_t)i;
    for (int i = 0; i < 10; i++)
        info[i] = (uint8_t)(0xf0 + i);
    rt__hkdf_sha256_extract(salt, 13, ikm, 22, prk);
    CHECK(hex_is(prk, 32, "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"));
    rt__hkdf_sha256_expand(prk, 32, info, 10, okm, 42);
    CHECK(hex_is(okm, 42,
                 "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
    rt__hkdf_sha256_extract(NULL, 0, ikm, 22, prk);
    CHECK(hex_is(prk, 32, "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04"));
    rt__hkdf_sha256_expand(prk, 32, NULL, 0, okm, 42);
    CHECK(hex_is(okm, 42,
                 "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
    /* RFC 8446 §7.1 key schedule without PSK (values as in RFC 8448) */
    uint8_t zeros[32] = {0}, early[32], empty_hash[32], derived[32], key[16], iv[12];
    rt__hkdf_sha256_extract(zeros, 32, zeros, 32, early);
    CHECK(hex_is(early, 32, "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a"));
    rt__sha256("", 0, empty_hash);
    rt__tls_expand_label(early, "derived", empty_hash, 32, derived, 32);
    CHECK(hex_is(derived, 32, "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba"));
    rt__tls_expand_label(early, "key", NULL, 0, key, 16);
    rt__tls_expand_label(early, "iv", NULL, 0, iv, 12);
    CHECK(hex_is(key, 16, "ebbf95bddc9e43bd09465c5516ab2d5f"));
    CHECK(hex_is(iv, 12, "a7bf78a10cf9feb156a93f7a"));
}

static void test_aead(void) {
    const char *pt = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip "
                     "for the future, sunscreen would be it.";
    size_t n = strlen(pt);
    uint8_t key[32], nonce[12], aad[12], out[256], back[256];
    for (int i = 0; i < 32; i++)
        key[i] = (uint8_t)(0x80 + i);
    unhex("070000004041424344454647", nonce, 12);
    unhex("50515253c0c1c2c3c4c5c6c7", aad, 12);
    rt__chacha20_poly1305_seal(key, nonce, aad, 12, (const uint8_t *)pt, n, out);
    CHECK(hex_is(out, n + 16,
                 "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282"
                 "fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab3"
                 "24e4fad675945585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b61161ae10b594f09e26a7e9"
                 "02ecbd0600691"));
    CHECK(rt__chacha20_poly1305_open(key, nonce, aad, 12, out, n + 16, back));
    CHECK_BYTES(back, n, pt);
    out[3] ^= 1;
    CHECK(!rt__chacha20_poly1305_open(key, nonce, aad, 12, out, n + 16, back));
    out[3] ^= 1;
    aad[0] ^= 1;
    CHECK(!rt__chacha20_poly1305_open(key, nonce, aad, 12, out, n + 16, back));
    CHECK(!rt__chacha20_poly1305_open(key, nonce, aad, 12, out, 15, back));

    uint8_t k0[16] = {0}, n0[12] = {0}, p0[16] = {0};
    rt__aes128_gcm_seal(k0, n0, NULL, 0, NULL, 0, out);
    CHECK(hex_is(out, 16, "58e2fccefa7e3061367f1d57a4e7455a"));
    rt__aes128_gcm_seal(k0, n0, NULL, 0, p0, 16, out);
    CHECK(hex_is(out, 32, "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf"));
    uint8_t k4[16], iv4[12], a4[20], p4[60];
    unhex("feffe9928665731c6d6a8f9467308308", k4, 16);
    unhex("cafebabefacedbaddecaf888", iv4, 12);
    unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2", a4, 20);
    unhex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e24"
          "49a6b525b16aedf5aa0de657ba637b39",
          p4, 60);
    rt__aes128_gcm_seal(k4, iv4, a4, 20, p4, 60, out);
    CHECK(hex_is(out, 76,
                 "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d"
                 "8f6a5aac84aa051ba30b396a0aac973d58e0915bc94fbc3221a5db94fae95ae7121a47"));
    CHECK(rt__aes128_gcm_open(k4, iv4, a4, 20, out, 76, back));
    CHECK(memcmp(back, p4, 60) == 0);
    out[75] ^= 0x40;
    CHECK(!rt__aes128_gcm_open(k4, iv4, a4, 20, out, 76, back));
}

/* Finds extension `type` in a ClientHello message; returns its data offset or 0. */
static size_t ch_find_ext(const uint8_t *m, size_t n, unsigned type, size_t *len) {
    size_t off = 4 + 2 + 32;
    off += 1 + m[off];
    off += 2 + ((size_t)m[off] << 8 | m[off + 1]);
    off += 1 + m[off];
    size_t end = off + 2 + ((size_t)m[off] << 8 | m[off + 1]);
    if (end != n)
        return 0;
    off += 2;
    while (off + 4 <= end) {
        unsigned t = (unsigned)m[off] << 8 | m[off + 1];
        size_t l = (size_t)m[off + 2] << 8 | m[off + 3];
        if (t == type) {
            *len = l;
            return off + 4;
        }
        off += 4 + l;
    }
    return 0;
}

static void test_client_hello(void) {
    uint8_t random[32], sid[32], pub[32], m[512];
    memset(random, 0x11, 32);
    memset(sid, 0x22, 32);
    memset(pub, 0x33, 32);
    size_t n = rt__tls_client_hello("localhost", random, sid, pub, m, sizeof m);
    CHECK(n > 100);
    CHECK_EQ_I64(m[0], 1);
    CHECK_EQ_I64((size_t)m[1] << 16 | (size_t)m[2] << 8 | m[3], n - 4);
    CHECK(m[4] == 3 && m[5] == 3);
    CHECK(memcmp(m + 6, random, 32) == 0);
    CHECK(m[38] == 32 && memcmp(m + 39, sid, 32) == 0);
    /* cipher suites: CHACHA20 then AES_128_GCM */
    CHECK(m[71] == 0 && m[72] == 4 && m[73] == 0x13 && m[74] == 0x03 && m[75] == 0x13 &&
          m[76] == 0x01);
    size_t len = 0, off = ch_find_ext(m, n, 0x0000, &len);
    CHECK(off != 0 && len == 5 + 9);
    if (off)
        CHECK_BYTES(m + off + 5, 9, "localhost");
    off = ch_find_ext(m, n, 0x002b, &len);
    CHECK(off != 0 && len == 3 && m[off] == 2 && m[off + 1] == 3 && m[off + 2] == 4);
    off = ch_find_ext(m, n, 0x0033, &len);
    CHECK(off != 0 && len == 38 && m[off + 2] == 0 && m[off + 3] == 0x1d &&
          memcmp(m + off + 6, pub, 32) == 0);
    off = ch_find_ext(m, n, 0x000a, &len);
    CHECK(off != 0 && len == 4 && m[off + 3] == 0x1d);
    CHECK(ch_find_ext(m, n, 0x000d, &len) != 0);
    /* no SNI for IP literals; a trailing dot is dropped */
    n = rt__tls_client_hello("127.0.0.1", random, sid, pub, m, sizeof m);
    CHECK(n > 0 && ch_find_ext(m, n, 0x0000, &len) == 0);
    n = rt__tls_client_hello("::1", random, sid, pub, m, sizeof m);
    CHECK(n > 0 && ch_find_ext(m, n, 0x0000, &len) == 0);
    n = rt__tls_client_hello("example.org.", random, sid, pub, m, sizeof m);
    off = ch_find_ext(m, n, 0x0000, &len);
    CHECK(off != 0 && len == 5 + 11);
    if (off)
        CHECK_BYTES(m + off + 5, 11, "example.org");
    CHECK_EQ_I64(rt__tls_client_hello("localhost", random, sid, pub, m, 50), 0);
}

/* ---- API error paths (no server needed) ---------------------------------------------------- */

/* A port on 127.0.0.1 that nothing listens on at the moment. */
static int free_port(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t l = sizeof a;
    int port = -1;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &l) == 0)
        port = ntohs(a.sin_port);
    if (fd >= 0)
        close(fd);
    return port;
}

/* A listening socket on 127.0.0.1 (free port in *port); -1 on failure. */
static int listener(int *port) {
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t al = sizeof a;
    if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof a) != 0 || listen(ls, 4) != 0 ||
        getsockname(ls, (struct sockaddr *)&a, &al) != 0) {
        if (ls >= 0)
            close(ls);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return ls;
}

static int str_eq(rt_string s, const char *e) {
    int ok = s && rt__str_len(s) == strlen(e) && memcmp(rt__str_bytes(s), e, strlen(e)) == 0;
    rt_str_release_maybe(s);
    return ok;
}

static int str_has(rt_string s, const char *needle) {
    int ok = s && strstr(rt__str_bytes(s), needle) != NULL;
    if (!ok)
        fprintf(stderr, "  text: '%s' (looking for '%s')\n", s ? rt__str_bytes(s) : "(null)",
                needle);
    rt_str_release_maybe(s);
    return ok;
}

static void test_errors(void) {
    rt_string lo = rt__str_from_cstr("127.0.0.1");
    CHECK(rt_viper_tls_connect(NULL, 443) == NULL);
    CHECK(strstr(rt__tls_last_connect_error(), "null") != NULL);
    CHECK(rt_viper_tls_connect(lo, 0) == NULL);
    CHECK(strstr(rt__tls_last_connect_error(), "port") != NULL);
    CHECK(rt_viper_tls_connect(lo, -5) == NULL);
    CHECK(rt_viper_tls_connect(lo, 65536) == NULL);
    CHECK(rt_viper_tls_connect_for(lo, 70000, 100) == NULL);
    CHECK(rt_viper_tls_connect(rt_str_empty(), 443) == NULL);
    CHECK(rt_viper_tls_connect(rt__str_new("127.0.0.1\0x", 11), 443) == NULL);

    /* refused: nothing listens */
    int port = free_port();
    CHECK(port > 0);
    int64_t t0 = mono_ms();
    CHECK(rt_viper_tls_connect_for(lo, port, 2000) == NULL);
    CHECK(strstr(rt__tls_last_connect_error(), "refused") != NULL);
    CHECK(mono_ms() - t0 < 2000);

    /* handshake timeout: a listener that accepts TCP (backlog) but never answers */
    int ls = listener(&port);
    CHECK(ls >= 0);
    t0 = mono_ms();
    CHECK(rt_viper_tls_connect_for(lo, port, 300) == NULL);
    int64_t dt = mono_ms() - t0;
    CHECK(dt >= 250 && dt < 3000);
    CHECK(strstr(rt__tls_last_connect_error(), "timed out") != NULL);
    close(ls);

    /* a peer that answers with something that is not TLS */
    ls = listener(&port);
    CHECK(ls >= 0);
    pid_t pid = fork();
    if (pid == 0) {
        alarm(10);
        int s = accept(ls, NULL, NULL);
        char buf[512];
        if (s >= 0 && read(s, buf, sizeof buf) > 0) {
            const char *junk = "HTTP/1.0 400 Bad Request\r\n\r\n";
            if (write(s, junk, strlen(junk)) < 0)
                _exit(1);
        }
        sleep(1);
        _exit(0);
    }
    t0 = mono_ms();
    CHECK(rt_viper_tls_connect_for(lo, port, 5000) == NULL);
    CHECK(strstr(rt__tls_last_connect_error(), "unexpected record type") != NULL);
    CHECK(mono_ms() - t0 < 2000);
    int st;
    waitpid(pid, &st, 0);
    close(ls);

    /* NULL object: neutral results */
    CHECK_EQ_I64(rt_viper_tls_send(NULL, NULL), -1);
    CHECK_EQ_I64(rt_viper_tls_send_str(NULL, lo), -1);
    CHECK(rt_viper_tls_recv(NULL, 10) == NULL);
    CHECK(str_eq(rt_viper_tls_recv_str(NULL, 10), ""));
    rt_viper_tls_close(NULL);
    CHECK(str_eq(rt_viper_tls_error(NULL), ""));
    CHECK(str_eq(rt_viper_tls_host(NULL), ""));
    CHECK_EQ_I64(rt_viper_tls_port(NULL), 0);
    CHECK(!rt_viper_tls_is_open(NULL));
    /* a non-Tls object or a string is not a connection */
    rt_bytes *b = rt__bytes_from("x", 1);
    CHECK_EQ_I64(rt_viper_tls_send(b, b), -1);
    CHECK(!rt_viper_tls_is_open(b));
    CHECK(!rt_viper_tls_is_open(lo));
    CHECK(rt_viper_tls_recv(lo, 4) == NULL);
    rt__obj_release_and_free(b);
    rt_str_release_maybe(lo);
}

/* ---- loopback tests against openssl s_server -------------------------------------------------- */

typedef struct server {
    pid_t pid;
    int in, out; /* its stdin (write end), its stdout+stderr (read end) */
    int port;
    char log[16384];
    size_t loglen;
} server;

static bool have_openssl(void) {
    const char *path = getenv("PATH");
    if (!path)
        return false;
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *d = strtok(buf, ":"); d; d = strtok(NULL, ":")) {
        char f[4200];
        snprintf(f, sizeof f, "%s/openssl", d);
        if (access(f, X_OK) == 0)
            return true;
    }
    return false;
}

/* Run a command to completion (bounded by `timeout` seconds); true on exit status 0. */
static bool run_cmd(char *const argv[], int timeout) {
    pid_t pid = fork();
    if (pid == 0) {
        int nul = open("/dev/null", O_RDWR);
        dup2(nul, 0);
        dup2(nul, 1);
        dup2(nul, 2);
        alarm((unsigned)timeout);
        execvp(argv[0], argv);
        _exit(127);
    }
    int st = 0;
    if (pid < 0 || waitpid(pid, &st, 0) != pid)
        return false;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* Read server output into s->log until `needle` appears or timeout_ms passes. */
static bool server_wait(server *s, const char *needle, int timeout_ms) {
    int64_t end = mono_ms() + timeout_ms;
    for (;;) {
        s->log[s->loglen] = '\0';
        if (strstr(s->log, needle))
            return true;
        int64_t left = end - mono_ms();
        if (left <= 0)
            return false;
        struct pollfd p = {s->out, POLLIN, 0};
        int r = poll(&p, 1, (int)left);
        if (r <= 0)
            continue;
        if (s->loglen >= sizeof s->log - 1)
            memmove(s->log, s->log + sizeof s->log / 2, s->loglen -= sizeof s->log / 2);
        ssize_t k = read(s->out, s->log + s->loglen, sizeof s->log - 1 - s->loglen);
        if (k <= 0)
            return false;
        s->loglen += (size_t)k;
    }
}

static bool server_start(server *s, const char *dir, const char *suite, const char *extra) {
    memset(s, 0, sizeof *s);
    s->port = free_port();
    int pin[2], pout[2];
    if (s->port <= 0 || pipe(pin) != 0 || pipe(pout) != 0)
        return false;
    char accept[64], cert[512], key[512];
    snprintf(accept, sizeof accept, "127.0.0.1:%d", s->port);
    snprintf(cert, sizeof cert, "%s/cert.pem", dir);
    snprintf(key, sizeof key, "%s/key.pem", dir);
    char *argv[20] = {"openssl", "s_server", "-tls1_3", "-accept", accept, "-cert", cert,
                      "-key", key, "-ciphersuites", (char *)suite, "-groups", "X25519"};
    int k = 13;
    char ebuf[128];
    if (extra) {
        snprintf(ebuf, sizeof ebuf, "%s", extra);
        for (char *w = strtok(ebuf, " "); w && k < 19; w = strtok(NULL, " "))
            argv[k++] = w;
    }
    argv[k] = NULL;
    s->pid = fork();
    if (s->pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        dup2(pin[0], 0);
        dup2(pout[1], 1);
        dup2(pout[1], 2);
        close(pin[1]);
        close(pout[0]);
        alarm(60);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(pin[0]);
    close(pout[1]);
    s->in = pin[1];
    s->out = pout[0];
    if (s->pid < 0)
        return false;
    return server_wait(s, "ACCEPT", 15000);
}

static void server_stop(server *s) {
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        int st;
        int64_t end = mono_ms() + 3000;
        while (waitpid(s->pid, &st, WNOHANG) == 0) {
            if (mono_ms() > end) {
                kill(s->pid, SIGKILL);
                waitpid(s->pid, &st, 0);
                break;
            }
            usleep(20000);
        }
        s->pid = 0;
    }
    if (s->in > 0)
        close(s->in);
    if (s->out > 0)
        close(s->out);
}

/* Receive until `want` bytes arrived (bounded number of Recv calls); returns the count. */
static size_t recv_until(void *t, char *buf, size_t want) {
    size_t got = 0;
    for (int i = 0; i < 400 && got < want; i++) {
        rt_bytes *b = rt_viper_tls_recv(t, (int64_t)(want - got));
        if (!b)
            break;
        if (b->len == 0) {
            rt__obj_release_and_free(b);
            break;
        }
        memcpy(buf + got, b->data, (size_t)b->len);
        got += (size_t)b->len;
        rt__obj_release_and_free(b);
    }
    return got;
}

/* Echo (reverse-line) session with `-rev`: data both ways, small Recv, multi-record send, orderly
 * close initiated by the server, then the closed-state results. */
static void session_rev(const char *dir, const char *suite, const char *extra) {
    server s;
    if (!server_start(&s, dir, suite, extra)) {
        CHECK(!"openssl s_server did not start");
        fprintf(stderr, "%s\n", s.log);
        server_stop(&s);
        return;
    }
    rt_string lo = rt__str_from_cstr("127.0.0.1");
    void *t = rt_viper_tls_connect_for(lo, s.port, 20000);
    CHECK(t != NULL);
    if (!t) {
        fprintf(stderr, "  connect: %s\n", rt__tls_last_connect_error());
        server_stop(&s);
        rt_str_release_maybe(lo);
        return;
    }
    CHECK(rt_viper_tls_is_open(t));
    CHECK(str_eq(rt_viper_tls_host(t), "127.0.0.1"));
    CHECK_EQ_I64(rt_viper_tls_port(t), s.port);
    CHECK(str_eq(rt_viper_tls_error(t), ""));

    rt_string hello = rt__str_from_cstr("hello world\n");
    CHECK_EQ_I64(rt_viper_tls_send_str(t, hello), 12);
    char buf[70000];
    /* Recv(max = 3) gives at most 3 bytes */
    rt_bytes *b3 = rt_viper_tls_recv(t, 3);
    CHECK(b3 != NULL && b3->len >= 1 && b3->len <= 3);
    size_t got = 0;
    if (b3) {
        memcpy(buf, b3->data, (size_t)b3->len);
        got = (size_t)b3->len;
        rt__obj_release_and_free(b3);
    }
    got += recv_until(t, buf + got, 12 - got);
    CHECK_BYTES(buf, got, "dlrow olleh\n");

    /* RecvStr, and data with a NUL byte */
    rt_string z = rt__str_new("a\0b\n", 4);
    CHECK_EQ_I64(rt_viper_tls_send_str(t, z), 4);
    rt_string r = rt_viper_tls_recv_str(t, 100);
    size_t rl = rt__str_len(r);
    memcpy(buf, rt__str_bytes(r), rl);
    rt_str_release_maybe(r);
    rl += recv_until(t, buf + rl, 4 - rl);
    CHECK(rl == 4 && memcmp(buf, "b\0a\n", 4) == 0);

    /* Bytes: several records in one Send (3 lines of 9999 bytes + newline) */
    size_t big = 30000;
    rt_bytes *data = rt__bytes_from(NULL, big);
    for (size_t i = 0; i < big; i++)
        data->data[i] = (uint8_t)('a' + i % 23);
    for (size_t i = 9999; i < big; i += 10000)
        data->data[i] = '\n';
    CHECK_EQ_I64(rt_viper_tls_send(t, data), (int64_t)big);
    got = recv_until(t, buf, big);
    CHECK_EQ_I64(got, big);
    int rev_ok = got == big;
    for (size_t line = 0; rev_ok && line < 3; line++)
        for (size_t i = 0; i < 9999; i++)
            if (buf[line * 10000 + i] != (char)data->data[line * 10000 + 9998 - i]) {
                rev_ok = 0;
                break;
            }
    CHECK(rev_ok);
    rt__obj_release_and_free(data);

    /* empty data and NULL data */
    rt_bytes *empty = rt__bytes_from(NULL, 0);
    CHECK_EQ_I64(rt_viper_tls_send(t, empty), 0);
    CHECK_EQ_I64(rt_viper_tls_send_str(t, rt_str_empty()), 0);
    CHECK_EQ_I64(rt_viper_tls_send(t, NULL), -1);
    CHECK_EQ_I64(rt_viper_tls_send_str(t, NULL), -1);
    CHECK(rt_viper_tls_recv(t, 0) == NULL);
    CHECK(rt_viper_tls_recv(t, -1) == NULL);
    CHECK(str_eq(rt_viper_tls_recv_str(t, 0), ""));
    CHECK(rt_viper_tls_is_open(t)); /* argument errors do not close the connection */

    /* the server closes (close_notify): Recv gives empty Bytes, IsOpen becomes 0 */
    rt_string closecmd = rt__str_from_cstr("CLOSE\n");
    CHECK_EQ_I64(rt_viper_tls_send_str(t, closecmd), 6);
    rt_bytes *e = NULL;
    for (int i = 0; i < 50; i++) {
        e = rt_viper_tls_recv(t, 100);
        if (!e || e->len == 0)
            break;
        rt__obj_release_and_free(e);
        e = NULL;
    }
    CHECK(e != NULL && e->len == 0);
    if (e)
        rt__obj_release_and_free(e);
    CHECK(!rt_viper_tls_is_open(t));
    CHECK_EQ_I64(rt_viper_tls_send_str(t, hello), -1);
    rt_bytes *e2 = rt_viper_tls_recv(t, 10);
    CHECK(e2 != NULL && e2->len == 0); /* still the orderly-close result */
    if (e2)
        rt__obj_release_and_free(e2);

    rt_viper_tls_close(t);
    rt_viper_tls_close(t); /* twice: nothing */
    CHECK(!rt_viper_tls_is_open(t));
    CHECK(rt_viper_tls_recv(t, 10) == NULL);
    CHECK(str_eq(rt_viper_tls_recv_str(t, 10), ""));
    CHECK_EQ_I64(rt_viper_tls_send(t, empty), -1);
    CHECK(str_has(rt_viper_tls_error(t), "closed"));
    CHECK(str_eq(rt_viper_tls_host(t), "127.0.0.1"));
    rt__obj_release_and_free(t);
    rt__obj_release_and_free(empty);
    rt_str_release_maybe(hello);
    rt_str_release_maybe(z);
    rt_str_release_maybe(closecmd);
    rt_str_release_maybe(lo);
    server_stop(&s);
}

/* Plain s_server (stdin → client, client → stdout): client-initiated Close and KeyUpdate. */
static void session_plain(const char *dir) {
    server s;
    if (!server_start(&s, dir, "TLS_CHACHA20_POLY1305_SHA256", NULL)) {
        CHECK(!"openssl s_server did not start");
        server_stop(&s);
        return;
    }
    rt_string lo = rt__str_from_cstr("127.0.0.1");
    void *t = rt_viper_tls_connect(lo, s.port);
    CHECK(t != NULL);
    if (!t) {
        fprintf(stderr, "  connect: %s\n", rt__tls_last_connect_error());
        server_stop(&s);
        rt_str_release_maybe(lo);
        return;
    }
    rt_string m1 = rt__str_from_cstr("client-to-server-1\n");
    CHECK_EQ_I64(rt_viper_tls_send_str(t, m1), 19);
    CHECK(server_wait(&s, "client-to-server-1", 10000));
    /* server → client */
    const char *line = "server-to-client\n";
    CHECK(write(s.in, line, strlen(line)) == (ssize_t)strlen(line));
    char buf[256];
    size_t got = recv_until(t, buf, strlen(line));
    CHECK_BYTES(buf, got, line);
    /* "K": the server sends KeyUpdate(update_requested); both directions change keys */
    CHECK(write(s.in, "K\n", 2) == 2);
    usleep(500000); /* s_server takes a whole stdin read as one command: keep the lines apart */
    const char *line2 = "after-key-update\n";
    CHECK(write(s.in, line2, strlen(line2)) == (ssize_t)strlen(line2));
    got = recv_until(t, buf, strlen(line2));
    CHECK_BYTES(buf, got, line2);
    rt_string m2 = rt__str_from_cstr("client-after-update\n");
    CHECK_EQ_I64(rt_viper_tls_send_str(t, m2), 20);
    CHECK(server_wait(&s, "client-after-update", 10000));
    /* client closes: the server sees the close_notify and ends the session ("DONE") */
    rt_viper_tls_close(t);
    CHECK(!rt_viper_tls_is_open(t));
    CHECK(server_wait(&s, "DONE", 10000));
    if (getenv("TLS_TEST_LOG"))
        fprintf(stderr, "---- server log ----\n%s\n", s.log);
    rt__obj_release_and_free(t);
    rt_str_release_maybe(m1);
    rt_str_release_maybe(m2);
    rt_str_release_maybe(lo);
    server_stop(&s);
}

/* The server dies (TCP FIN without close_notify); an open connection released without Close. */
static void session_abort(const char *dir) {
    server s;
    if (!server_start(&s, dir, "TLS_CHACHA20_POLY1305_SHA256", NULL)) {
        CHECK(!"openssl s_server did not start");
        server_stop(&s);
        return;
    }
    rt_string lo = rt__str_from_cstr("127.0.0.1");
    void *t = rt_viper_tls_connect_for(lo, s.port, 10000);
    void *t2 = rt_viper_tls_connect_for(lo, s.port, 500); /* s_server serves one at a time */
    CHECK(t != NULL);
    if (t) {
        kill(s.pid, SIGKILL);
        rt_bytes *e = NULL;
        for (int i = 0; i < 20; i++) { /* session tickets first, then the end of the stream */
            e = rt_viper_tls_recv(t, 100);
            if (!e || e->len == 0)
                break;
            rt__obj_release_and_free(e);
            e = NULL;
        }
        CHECK(e != NULL && e->len == 0);
        if (e)
            rt__obj_release_and_free(e);
        CHECK(!rt_viper_tls_is_open(t));
        CHECK(str_has(rt_viper_tls_error(t), "close_notify"));
        CHECK_EQ_I64(rt_viper_tls_send_str(t, lo), -1);
        rt__obj_release_and_free(t); /* finaliser closes the socket */
    }
    if (t2)
        rt__obj_release_and_free(t2); /* open or not: released without Close */
    rt_str_release_maybe(lo);
    server_stop(&s);
}

static void test_loopback(void) {
    if (!have_openssl()) {
        printf("NOTICE: openssl not on PATH; TLS loopback tests skipped\n");
        return;
    }
    char dir[] = "/tmp/viper_tls_testXXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    char cert[512], key[512];
    snprintf(cert, sizeof cert, "%s/cert.pem", dir);
    snprintf(key, sizeof key, "%s/key.pem", dir);
    char *gen[] = {"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                   "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=localhost", "-days", "2",
                   "-keyout", key, "-out", cert, NULL};
    bool ok = run_cmd(gen, 30);
    CHECK(ok);
    if (ok) {
        session_rev(dir, "TLS_CHACHA20_POLY1305_SHA256", "-rev");
        session_rev(dir, "TLS_AES_128_GCM_SHA256", "-rev");
        /* CertificateRequest (-verify: requested, not required) and a server preferring GCM */
        session_rev(dir, "TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256", "-rev -verify 1");
        session_plain(dir);
        session_abort(dir);
        /* a server offering only an unsupported suite: the handshake fails, no trap */
        server s;
        if (server_start(&s, dir, "TLS_AES_256_GCM_SHA384", "-rev")) {
            rt_string lo = rt__str_from_cstr("127.0.0.1");
            CHECK(rt_viper_tls_connect_for(lo, s.port, 5000) == NULL);
            CHECK(strstr(rt__tls_last_connect_error(), "alert") != NULL);
            rt_str_release_maybe(lo);
        } else {
            CHECK(!"openssl s_server did not start");
        }
        server_stop(&s);
    }
    unlink(cert);
    unlink(key);
    rmdir(dir);
}

void run_tests(void) {
    alarm(240);
    signal(SIGPIPE, SIG_IGN);
    test_x25519();
    test_hkdf();
    test_aead();
    test_client_hello();
    test_errors();
    test_loopback();
}
