/* test_crypto_cipher.c — Viper.Crypto KeyDerive/Password, Rand, Aes, Cipher (RUNTIME-SYSTEM.md
 * §8.2–§8.5). Known-answer vectors: the document's VM checks and values computed independently
 * with Python's hashlib and the `cryptography` package (AES-CBC, HKDF, ChaCha20-Poly1305). */
#include "check.h"
#include "rt_codec_internal.h"
#include "rt_system_abi.h"

#define S(lit) rt__str_from_cstr(lit)
#define CHECK_STR(s, lit)                                                                          \
    do {                                                                                           \
        rt_string check_s_ = (s);                                                                  \
        CHECK_BYTES(rt__str_bytes(check_s_), rt__str_len(check_s_), lit);                          \
    } while (0)
#define CHECK_HEX(b, lit) CHECK_STR(rt_bytes_to_hex(b), lit)

static void *B(const char *s) { return rt_bytes_from_str(S(s)); }
static void *H(const char *hex) { return rt_bytes_from_hex(S(hex)); }

static void test_pbkdf2(void) {
    CHECK_STR(rt_keyderive_pbkdf2_sha256_str(S("password"), B("salt"), 1000, 32),
              "632c2812e46d4604102ba7618e9d6d7d2f8128f6266b4a03264d2a0460b7dcb3");
    void *k = rt_keyderive_pbkdf2_sha256(S("password"), B("salt"), 1000, 40); /* two blocks */
    CHECK_EQ_I64(rt_bytes_len(k), 40);
    CHECK_HEX(k, "632c2812e46d4604102ba7618e9d6d7d2f8128f6266b4a03264d2a0460b7dcb388b3b1131f741bcb");
    CHECK_EQ_I64(rt_bytes_len(rt_keyderive_pbkdf2_sha256(S("p"), B("s"), 1000, 1)), 1);
    CHECK_EXITS(rt_keyderive_pbkdf2_sha256(S("p"), B("s"), 999, 32), 1,
                "PBKDF2: iterations must be at least 1000");
    CHECK_EXITS(rt_keyderive_pbkdf2_sha256(S("p"), B("s"), 1000, 0), 1,
                "PBKDF2: key_len must be between 1 and 1024");
    CHECK_EXITS(rt_keyderive_pbkdf2_sha256_str(S("p"), B("s"), 1000, 1025), 1,
                "PBKDF2: key_len must be between 1 and 1024");
    CHECK_EXITS(rt_keyderive_pbkdf2_sha256(NULL, B("s"), 1000, 32), 1,
                "rt_string_cstr: null string");
}

static void test_password(void) {
    rt_string h = rt_password_hash_with_iterations(S("pw"), 10);
    CHECK(rt__str_len(h) > 13 && memcmp(h->data, "PBKDF2$10000$", 13) == 0);
    CHECK(rt_password_verify(S("pw"), h) == 1);
    CHECK(rt_password_verify(S("px"), h) == 0);
    rt_string h2 = rt_password_hash_with_iterations(S("pw"), 10);
    CHECK(rt__str_cmp(h, h2) != 0); /* random salt */
    /* format: PBKDF2$n$<24 chars of base64 salt>$<44 chars of base64 hash> */
    const char *p = h->data + 13;
    CHECK(strlen(p) == 24 + 1 + 44 && p[24] == '$');
    rt_string ext = S("PBKDF2$1000$AAECAwQFBgcICQoLDA0ODw==$Tvsru20utY6o3q7VRBeuL9h/1QqKhWhwk2PaYNRWBgY=");
    CHECK(rt_password_verify(S("secret"), ext) == 1);
    CHECK(rt_password_verify(S("Secret"), ext) == 0);
    CHECK(rt_password_verify(S("secret"),
                             S("PBKDF2$3$AAECAwQ=$rxjVZDSvqdRKIt93hBJ+OSEaeZaZCv9VZ802G0euBlk=")) == 1);
    CHECK(rt_password_verify(S("secret"), S("PBKDF2$0$AAECAwQ=$rxjVZDSvqdRKIt93hBJ+OSEaeZaZCv9VZ802G0euBlk=")) == 0);
    CHECK(rt_password_verify(S("secret"), S("PBKDF2$3$AAECAwQ=$rxjVZDSv")) == 0);
    CHECK(rt_password_verify(S("secret"), S("SHA$3$AAECAwQ=$x")) == 0);
    CHECK(rt_password_verify(S("secret"), S("PBKDF2$x$a$b")) == 0);
    CHECK(rt_password_verify(S("secret"), S("PBKDF2$3$AAECAwQ=")) == 0);
    CHECK(rt_password_verify(S("secret"), S("PBKDF2$3$!!!$rxjVZDSvqdRKIt93hBJ+OSEaeZaZCv9VZ802G0euBlk=")) == 0);
    CHECK(rt_password_verify(S("secret"), S("")) == 0);
    CHECK(rt_password_verify(S("secret"), NULL) == 0);
    rt_string d = rt_password_hash(S("x"));
    CHECK(memcmp(d->data, "PBKDF2$100000$", 14) == 0);
}

static void test_rand(void) {
    void *b = rt_crypto_rand_bytes(32);
    CHECK_EQ_I64(rt_bytes_len(b), 32);
    void *c = rt_crypto_rand_bytes(32);
    CHECK(rt__str_cmp(rt_bytes_to_hex(b), rt_bytes_to_hex(c)) != 0);
    CHECK_EXITS(rt_crypto_rand_bytes(0), 1, "Rand.Bytes: count must be at least 1");
    CHECK_EQ_I64(rt_crypto_rand_int(5, 5), 5);
    CHECK_EXITS(rt_crypto_rand_int(6, 5), 1, "Rand.Int: min must not be greater than max");
    bool seen[7] = {0};
    for (int i = 0; i < 500; i++) {
        int64_t v = rt_crypto_rand_int(-3, 3);
        CHECK(v >= -3 && v <= 3);
        if (v >= -3 && v <= 3)
            seen[v + 3] = true;
    }
    for (int i = 0; i < 7; i++)
        CHECK(seen[i]);
    int64_t w = rt_crypto_rand_int(INT64_MIN, INT64_MAX); /* whole domain */
    (void)w;
    CHECK(rt_crypto_rand_int(INT64_MAX - 1, INT64_MAX) >= INT64_MAX - 1);
}

static void test_aes(void) {
    void *k16 = B("0123456789abcdef"), *iv = B("fedcba9876543210");
    void *e = rt_aes_encrypt(B("hello"), k16, iv);
    CHECK_HEX(e, "7bedceb0655f38941069789f36462091");
    CHECK_STR(rt_bytes_to_str(rt_aes_decrypt(e, k16, iv)), "hello");
    CHECK_HEX(rt_aes_encrypt(rt_bytes_new(0), k16, iv), "3c492cedd954cc383f3d3ee93e728484");
    CHECK_EQ_I64(rt_bytes_len(rt_aes_decrypt(H("3c492cedd954cc383f3d3ee93e728484"), k16, iv)), 0);
    void *k32 = B("0123456789abcdef0123456789abcdef");
    void *msg = B("The quick brown fox jumps over the lazy dog!");
    void *e2 = rt_aes_encrypt(msg, k32, iv);
    CHECK_HEX(e2, "2028de88b57ff823637c43afd28afddbc2a1f868fe634fa4e666bc05d9d86f5f497ae52a7eb8a1e3"
                  "24292d416f70e5ae");
    CHECK_STR(rt_bytes_to_str(rt_aes_decrypt(e2, k32, iv)),
              "The quick brown fox jumps over the lazy dog!");
    CHECK_EXITS(rt_aes_encrypt(msg, B("short"), iv), 1,
                "AES: key must be 16 bytes (AES-128) or 32 bytes (AES-256)");
    CHECK_EXITS(rt_aes_decrypt(msg, NULL, iv), 1,
                "AES: key must be 16 bytes (AES-128) or 32 bytes (AES-256)");
    CHECK_EXITS(rt_aes_encrypt(msg, k16, B("iv")), 1, "AES: IV must be exactly 16 bytes");
    CHECK_EXITS(rt_aes_decrypt(e, k16, NULL), 1, "AES: IV must be exactly 16 bytes");
    CHECK_EXITS(rt_aes_decrypt(e, k32, iv), 1,
                "AES: decryption failed (invalid padding or corrupted data)");
    CHECK_EXITS(rt_aes_decrypt(B("not a multiple"), k16, iv), 1,
                "AES: decryption failed (invalid padding or corrupted data)");
    CHECK_EXITS(rt_aes_decrypt(rt_bytes_new(0), k16, iv), 1,
                "AES: decryption failed (invalid padding or corrupted data)");

    void *es = rt_aes_encrypt_str(S("hello"), S("pw"));
    CHECK_EQ_I64(rt_bytes_len(es), 32);
    CHECK_STR(rt_aes_decrypt_str(es, S("pw")), "hello");
    CHECK_STR(rt_aes_decrypt_str(H("0101010101010101010101010101010140e2e08dadf662c72e31bd23e0443341"),
                                 S("pw")),
              "hello"); /* key = SHA-256(len ‖ SHA-256(pw)), independent vector */
    CHECK_EQ_I64(rt_bytes_len(rt_aes_encrypt_str(S(""), S("pw"))), 32);
    CHECK_EXITS(rt_aes_decrypt_str(B("short"), S("pw")), 1,
                "AES: encrypted data too short (missing IV)");
    CHECK_EXITS(rt_aes_decrypt_str(NULL, S("pw")), 1, "AES: encrypted data too short (missing IV)");
    CHECK_EXITS(rt_aes_decrypt_str(es, S("wrong password")), 1,
                "AES: decryption failed (wrong password or corrupted data)");
    CHECK_EXITS(rt_aes_encrypt_str(NULL, S("pw")), 1, "rt_string_cstr: null string");
}

static void test_cipher(void) {
    CHECK_HEX(rt_cipher_derive_key(S("pw"), B("salt")),
              "766db6551cd1f67886af71dc6cb535b47cc1dd40c073b5c7f4efe3799dc1d6fe");
    CHECK_EXITS(rt_cipher_derive_key(S("pw"), NULL), 1, "Cipher.DeriveKey: salt is null");
    CHECK_EXITS(rt_cipher_derive_key(S(""), B("s")), 1, "Cipher.DeriveKey: password is empty");

    void *e = rt_cipher_encrypt(B("hello"), S("pw"));
    CHECK_EQ_I64(rt_bytes_len(e), 49);
    CHECK_STR(rt_bytes_to_str(rt_cipher_decrypt(e, S("pw"))), "hello");
    CHECK_EXITS(rt_cipher_decrypt(e, S("px")), 1,
                "Cipher.Decrypt: authentication failed (wrong password or corrupted data)");
    /* independent vector: salt ‖ nonce ‖ ChaCha20-Poly1305(HKDF key) of "hello" */
    void *ext = H("73616c7473616c7473616c7473616c740707070707070707070707071a379135cda39470bcf013"
                  "68739967758bb2a172fb");
    CHECK_STR(rt_bytes_to_str(rt_cipher_decrypt(ext, S("pw"))), "hello");
    rt_bytes *bad = rt__bytes_of(rt_bytes_clone(ext));
    bad->data[30] ^= 1;
    CHECK_EXITS(rt_cipher_decrypt(bad, S("pw")), 1,
                "Cipher.Decrypt: authentication failed (wrong password or corrupted data)");
    CHECK_EQ_I64(rt_bytes_len(rt_cipher_encrypt(rt_bytes_new(0), S("pw"))), 44);
    CHECK_EQ_I64(rt_bytes_len(rt_cipher_decrypt(rt_cipher_encrypt(rt_bytes_new(0), S("pw")),
                                                S("pw"))),
                 0);
    CHECK_EXITS(rt_cipher_encrypt(NULL, S("pw")), 1, "Cipher.Encrypt: plaintext is null");
    CHECK_EXITS(rt_cipher_encrypt(B("x"), S("")), 1, "Cipher.Encrypt: password is empty");
    CHECK_EXITS(rt_cipher_encrypt(B("x"), NULL), 1, "Cipher.Encrypt: password is empty");
    CHECK_EXITS(rt_cipher_decrypt(NULL, S("pw")), 1, "Cipher.Decrypt: ciphertext is null");
    CHECK_EXITS(rt_cipher_decrypt(e, S("")), 1, "Cipher.Decrypt: password is empty");
    CHECK_EXITS(rt_cipher_decrypt(rt_bytes_new(43), S("pw")), 1,
                "Cipher.Decrypt: ciphertext too short");

    void *key = rt_cipher_generate_key();
    CHECK_EQ_I64(rt_bytes_len(key), 32);
    void *ek = rt_cipher_encrypt_with_key(B("data"), key);
    CHECK_EQ_I64(rt_bytes_len(ek), 12 + 4 + 16);
    CHECK_STR(rt_bytes_to_str(rt_cipher_decrypt_with_key(ek, key)), "data");
    CHECK_EXITS(rt_cipher_decrypt_with_key(ek, rt_cipher_generate_key()), 1,
                "Cipher.DecryptWithKey: authentication failed (corrupted data or wrong key)");
    /* RFC 8439 AEAD (no AAD), vector from Python's cryptography: key 00..1f, nonce 00..0b */
    void *k = H("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    void *v = H("000102030405060708090a0b"
                "e19e646c4637d22fc5ef5bdfb869660aba50db9471158dd589f948a007e0cb599ff34d94833ec2e8"
                "565c18b10bf3af1d48b08916845cdde832d7bf27e023ffbf170cd9b591350dc8de8946e8318127754c"
                "e52e412bccb2eb");
    CHECK_STR(rt_bytes_to_str(rt_cipher_decrypt_with_key(v, k)),
              "hello world, this is a longer message spanning >64 bytes of plaintext!!!");
    CHECK_EQ_I64(rt_bytes_len(rt_cipher_decrypt_with_key(
                     H("000102030405060708090a0b295a498b8841a1c5f55d4d606f731159"), k)),
                 0);
    CHECK_EXITS(rt_cipher_decrypt_with_key(H("000102030405060708090a0b295a498b8841a1c5f55d4d606f731158"),
                                           k),
                1, "Cipher.DecryptWithKey: authentication failed (corrupted data or wrong key)");
    CHECK_EXITS(rt_cipher_encrypt_with_key(NULL, key), 1, "Cipher.EncryptWithKey: plaintext is null");
    CHECK_EXITS(rt_cipher_encrypt_with_key(B("x"), B("short")), 1,
                "Cipher.EncryptWithKey: key must be exactly 32 bytes");
    CHECK_EXITS(rt_cipher_decrypt_with_key(NULL, key), 1, "Cipher.DecryptWithKey: ciphertext is null");
    CHECK_EXITS(rt_cipher_decrypt_with_key(ek, NULL), 1,
                "Cipher.DecryptWithKey: key must be exactly 32 bytes");
    CHECK_EXITS(rt_cipher_decrypt_with_key(rt_bytes_new(27), key), 1,
                "Cipher.DecryptWithKey: ciphertext too short");
}

void run_tests(void) {
    test_pbkdf2();
    test_password();
    test_rand();
    test_aes();
    test_cipher();
}
