/* test_io_hash.c — hash.c: MD5 (RFC 1321 suite), SHA-1 (RFC 3174 / FIPS 180 examples), SHA-256
 * (FIPS 180 examples), padding boundaries (55/56/63/64/65 bytes), incremental updates, HMAC
 * (RFC 2202 / RFC 4231 vectors, keys longer than a block), the Viper.Crypto.Hash functions
 * (VM values of RUNTIME-SYSTEM §8.1), NULL handling and traps. */
#include "test_io_check.h"

typedef struct vec {
    const char *in;
    size_t n;
    const char *md5, *sha1, *sha256;
} vec;

static const vec vecs[] = {
    {"", 0, "d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"a", 1, "0cc175b9c0f1b6a831c399e269772661", "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8",
     "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"},
    {"abc", 3, "900150983cd24fb0d6963f7d28e17f72", "a9993e364706816aba3e25717850c26c9cd0d89d",
     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"message digest", 14, "f96b697d7cb7938d525a2f31aaf161d0",
     "c12252ceda8be8994d5fa0290a47231c1d16aae3",
     "f7846f55cf23e14eebeab5b4e1550cad5b509e3348fbc4efa3a1413d393cb650"},
    {"abcdefghijklmnopqrstuvwxyz", 26, "c3fcd3d76192e4007dfb496cca67e13b",
     "32d10c7b8cf96570ca04ce37f2a19d84240d3a89",
     "71c480df93d6ae2f1efad1447c66c9525e316218cf51fc8d9ed832f2daf18b73"},
    {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 62,
     "d174ab98d277d9f5a5611c2c9f419d9f", "761c457bf73b14d27e9e9265c46f4b4dda11f940",
     "db4bfcbd4da0cd85a60c3c37d3fbd8805c77f15fc6b1fdfe614ee0a7c8fdb4c0"},
    {"12345678901234567890123456789012345678901234567890123456789012345678901234567890", 80,
     "57edf4a22be3c955ac49da2e2107b67a", "50abf5706a150990a08b2c5ea40fa0e585554732",
     "f371bc4a311f2b009eef952dd83ca80e2b60026c8e935592d0f9c308453c813e"},
    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
     "8215ef0796a20bcaaae116d3876c664a", "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
};

/* "x" repeated n times */
static const struct {
    size_t n;
    const char *md5, *sha1, *sha256;
} xs[] = {
    {55, "04364420e25c512fd958a70738aa8f72", "cef734ba81a024479e09eb5a75b6ddae62e6abf1",
     "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"},
    {56, "668a72d5ba17f08e62dabcafad6db14b", "901305367c259952f4e7af8323f480d59f81335b",
     "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"},
    {63, "7dc2ca208106a2f703567bdff99d8981", "0ddc4e0cccd9a12850deb5abb0853a4425559fec",
     "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"},
    {64, "c1bb4f81d892b2d57947682aeb252456", "bb2fa3ee7afb9f54c6dfb5d021f14b1ffe40c163",
     "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"},
    {65, "1bc932052302d074bdec39795fe00cf6", "78c741ddc482e4cdf8c474a0876347a0905b6233",
     "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9"},
};

static void hex_check(const uint8_t *d, size_t n, const char *want) {
    rt_string h = rt__hex_encode(d, n);
    CHECK_STR(h, want);
}

static void test_digests(void) {
    uint8_t d[32];
    for (size_t i = 0; i < sizeof vecs / sizeof *vecs; i++) {
        rt__md5(vecs[i].in, vecs[i].n, d);
        hex_check(d, 16, vecs[i].md5);
        rt__sha1(vecs[i].in, vecs[i].n, d);
        hex_check(d, 20, vecs[i].sha1);
        rt__sha256(vecs[i].in, vecs[i].n, d);
        hex_check(d, 32, vecs[i].sha256);
        /* the string and Bytes entry points */
        CHECK_STR(rt_hash_md5(S(vecs[i].in)), vecs[i].md5);
        CHECK_STR(rt_hash_sha1(S(vecs[i].in)), vecs[i].sha1);
        CHECK_STR(rt_hash_sha256(S(vecs[i].in)), vecs[i].sha256);
        void *b = io_bytes(vecs[i].in, vecs[i].n);
        CHECK_STR(rt_hash_md5_bytes(b), vecs[i].md5);
        CHECK_STR(rt_hash_sha1_bytes(b), vecs[i].sha1);
        CHECK_STR(rt_hash_sha256_bytes(b), vecs[i].sha256);
    }
    char buf[70];
    memset(buf, 'x', sizeof buf);
    for (size_t i = 0; i < sizeof xs / sizeof *xs; i++) {
        rt__md5(buf, xs[i].n, d);
        hex_check(d, 16, xs[i].md5);
        rt__sha1(buf, xs[i].n, d);
        hex_check(d, 20, xs[i].sha1);
        rt__sha256(buf, xs[i].n, d);
        hex_check(d, 32, xs[i].sha256);
    }
    /* one million 'a' fed in uneven pieces */
    rt_md5_ctx m;
    rt_sha1_ctx s1;
    rt_sha256_ctx s2;
    rt__md5_init(&m);
    rt__sha1_init(&s1);
    rt__sha256_init(&s2);
    static char a[1024];
    memset(a, 'a', sizeof a);
    size_t left = 1000000, step = 1;
    while (left > 0) {
        size_t k = step < left ? step : left;
        rt__md5_update(&m, a, k);
        rt__sha1_update(&s1, a, k);
        rt__sha256_update(&s2, a, k);
        left -= k;
        step = step % 997 + 13;
    }
    rt__md5_final(&m, d);
    hex_check(d, 16, "7707d6ae4e027c70eea2a935c2296f21");
    rt__sha1_final(&s1, d);
    hex_check(d, 20, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    rt__sha256_final(&s2, d);
    hex_check(d, 32, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void test_hmac(void) {
    uint8_t k16[16], k20[20], k80[80], k131[131], d[32];
    memset(k16, 0x0b, 16);
    memset(k20, 0x0b, 20);
    memset(k80, 0xaa, 80);
    memset(k131, 0xaa, 131);
    const char *big = "Test Using Larger Than Block-Size Key - Hash Key First";
    rt__hmac_md5(k16, 16, "Hi There", 8, d);
    hex_check(d, 16, "9294727a3638bb1c13f48ef8158bfc9d");
    rt__hmac_md5("Jefe", 4, "what do ya want for nothing?", 28, d);
    hex_check(d, 16, "750c783e6ab0b503eaa86e310a5db738");
    rt__hmac_md5(k80, 80, big, strlen(big), d);
    hex_check(d, 16, "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd");
    rt__hmac_sha1(k20, 20, "Hi There", 8, d);
    hex_check(d, 20, "b617318655057264e28bc0b6fb378c8ef146be00");
    rt__hmac_sha1("Jefe", 4, "what do ya want for nothing?", 28, d);
    hex_check(d, 20, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    rt__hmac_sha1(k80, 80, big, strlen(big), d);
    hex_check(d, 20, "aa4ae5e15272d00e95705637ce8a3b55ed402112");
    rt__hmac_sha256(k20, 20, "Hi There", 8, d);
    hex_check(d, 32, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    rt__hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, d);
    hex_check(d, 32, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    rt__hmac_sha256(k131, 131, big, strlen(big), d);
    hex_check(d, 32, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    /* VM values (RUNTIME-SYSTEM §8.1): key first */
    const char *fox = "The quick brown fox jumps over the lazy dog";
    CHECK_STR(rt_hash_hmac_sha256(S("key"), S(fox)),
              "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    CHECK_STR(rt_hash_hmac_md5(S("key"), S(fox)), "80070713463e7749b90c2dc24911e275");
    CHECK_STR(rt_hash_hmac_sha1(S(""), S("")), "fbdb1d1b18aa6c08324b7d64b71fb76370690e1d");
    CHECK_STR(rt_hash_hmac_sha256_bytes(BYTES("key"), io_bytes(fox, strlen(fox))),
              "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    CHECK_STR(rt_hash_hmac_md5_bytes(BYTES("key"), io_bytes(fox, strlen(fox))),
              "80070713463e7749b90c2dc24911e275");
    /* NULL Bytes are empty */
    CHECK_STR(rt_hash_hmac_sha1_bytes(NULL, NULL), "fbdb1d1b18aa6c08324b7d64b71fb76370690e1d");
    CHECK_STR(rt_hash_hmac_sha1_bytes(BYTES("Jefe"), BYTES("what do ya want for nothing?")),
              "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

static void test_api(void) {
    CHECK_EQ_I64(rt_hash_crc32(S("abc")), 891568578);
    CHECK_EQ_I64(rt_hash_crc32(S("")), 0);
    CHECK_EQ_I64(rt_hash_crc32(rt__str_new("abc\0def", 7)), 891568578); /* stops at NUL */
    CHECK_EQ_I64(rt_hash_crc32_bytes(BYTES("123456789")), 0xCBF43926u);
    CHECK_EQ_I64(rt_hash_crc32_bytes(NULL), 0);
    CHECK_EQ_I64(rt_hash_crc32_bytes(BYTES("\xff\xff\xff\xff")), 0xFFFFFFFFu); /* non-negative */
    CHECK_EQ_I64(rt_hash_fast_bytes(BYTES("abc")), -1792535898324117685LL);
    CHECK_EQ_I64(rt_hash_fast_bytes(NULL), -3750763034362895579LL);
    CHECK_EQ_I64(rt_hash_fast_bytes(BYTES("abc")), rt_hash_fast(S("abc")));
    /* strings hash the bytes before the first NUL; Bytes hash everything */
    CHECK_STR(rt_hash_md5(rt__str_new("abc\0xyz", 7)), "900150983cd24fb0d6963f7d28e17f72");
    CHECK(strcmp(rt__str_bytes(rt_hash_md5_bytes(BYTES("abc\0xyz"))),
                 "900150983cd24fb0d6963f7d28e17f72") != 0);
    CHECK_STR(rt_hash_md5_bytes(NULL), "d41d8cd98f00b204e9800998ecf8427e");
    CHECK_STR(rt_hash_sha256_bytes(NULL),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    /* NULL strings trap in rt_string_cstr */
    CHECK_EXITS(rt_hash_md5(NULL), 1, "rt_string_cstr: null string");
    CHECK_EXITS(rt_hash_sha1(NULL), 1, "rt_string_cstr: null string");
    CHECK_EXITS(rt_hash_sha256(NULL), 1, "rt_string_cstr: null string");
    CHECK_EXITS(rt_hash_hmac_md5(NULL, S("x")), 1, "rt_string_cstr: null string");
    CHECK_EXITS(rt_hash_hmac_sha256(S("k"), NULL), 1, "rt_string_cstr: null string");
    CHECK_EXITS(rt_hash_crc32(NULL), 1, "rt_string_cstr: null string");
}

void run_tests(void) {
    test_digests();
    test_hmac();
    test_api();
}
