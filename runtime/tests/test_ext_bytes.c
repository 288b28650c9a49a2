/* test_ext_bytes.c — Bytes and Codec (part C); values from the corpus Bytes/Codec audit programs. */
#include "test_ext_check.h"

static void test_bytes(void) {
    void *b = rt_bytes_new(4);
    CHECK_EQ_I64(rt_bytes_len(b), 4);
    CHECK_EQ_I64(rt_bytes_get(b, 3), 0);
    rt_bytes_set(b, 0, 72);
    rt_bytes_set(b, 1, 0x1FF); /* low 8 bits */
    CHECK_EQ_I64(rt_bytes_get(b, 0), 72);
    CHECK_EQ_I64(rt_bytes_get(b, 1), 255);
    CHECK_EQ_I64(rt_bytes_len(NULL), 0);
    void *h = rt_bytes_from_str(S("Hello"));
    CHECK_EQ_I64(rt_bytes_len(h), 5);
    CHECK_STR(rt_bytes_to_str(h), "Hello");
    CHECK_STR(rt_bytes_to_hex(h), "48656c6c6f");
    CHECK_STR(rt_bytes_to_base64(h), "SGVsbG8=");
    void *d = rt_bytes_from_hex(S("DEadbeef"));
    CHECK_EQ_I64(rt_bytes_len(d), 4);
    CHECK_EQ_I64(rt_bytes_get(d, 0), 222);
    CHECK_EQ_I64(rt_bytes_get(d, 1), 173);
    CHECK_EQ_I64(rt_bytes_get(d, 3), 239);
    void *f = rt_bytes_from_base64(S("SGVsbG8="));
    CHECK_STR(rt_bytes_to_str(f), "Hello");
    CHECK_EQ_I64(rt_bytes_len(rt_bytes_from_base64(S(""))), 0);
    rt_bytes_fill(b, 255);
    CHECK_STR(rt_bytes_to_hex(b), "ffffffff");
    CHECK_EQ_I64(rt_bytes_find(h, 108), 2);
    CHECK_EQ_I64(rt_bytes_find(h, 111), 4);
    CHECK_EQ_I64(rt_bytes_find(h, 99), -1);
    CHECK_EQ_I64(rt_bytes_find(h, 300), -1);
    void *c = rt_bytes_clone(h);
    rt_bytes_set(c, 0, 74);
    CHECK_STR(rt_bytes_to_str(c), "Jello");
    CHECK_STR(rt_bytes_to_str(h), "Hello");
    CHECK_STR(rt_bytes_to_str(rt_bytes_slice(h, 1, 4)), "ell");
    CHECK_EQ_I64(rt_bytes_len(rt_bytes_slice(h, 4, 2)), 0);
    CHECK_STR(rt_bytes_to_str(rt_bytes_slice(h, -3, 99)), "Hello");
    void *t = rt_bytes_new(10);
    rt_bytes_copy(t, 2, h, 0, 5);
    CHECK_EQ_I64(rt_bytes_get(t, 1), 0);
    CHECK_EQ_I64(rt_bytes_get(t, 2), 72);
    CHECK_EQ_I64(rt_bytes_get(t, 6), 111);
    rt_bytes_copy(h, 1, h, 0, 4); /* overlapping */
    CHECK_STR(rt_bytes_to_str(h), "HHell");
    CHECK(rt_bytes_to_str(rt_bytes_new(0)) == rt_str_empty());
    CHECK(rt_obj_release_check0(c) == 1);
    rt_obj_free(c);
    CHECK_EXITS(rt_bytes_get(b, 4), 1, "Bytes.Get: index out of bounds");
    CHECK_EXITS(rt_bytes_set(b, -1, 0), 1, "Bytes.Set: index out of bounds");
    CHECK_EXITS(rt_bytes_new(-1), 1, "Bytes.New: negative length");
    CHECK_EXITS(rt_bytes_get(NULL, 0), 1, "Bytes.Get: null bytes");
    CHECK_EXITS(rt_bytes_from_hex(S("abc")), 1, "invalid hex");
    CHECK_EXITS(rt_bytes_from_hex(S("zz")), 1, "invalid hex");
    CHECK_EXITS(rt_bytes_from_base64(S("S*==")), 1, "invalid base64");
    CHECK_EXITS(rt_bytes_copy(t, 8, h, 0, 5), 1, "Bytes.Copy: range out of bounds");
    CHECK_EXITS(rt_bytes_get(S("str"), 0), 1, "null bytes");
}

static void test_codec(void) {
    CHECK_STR(rt_codec_base64_enc(S("Hello, World!")), "SGVsbG8sIFdvcmxkIQ==");
    CHECK_STR(rt_codec_base64_dec(S("SGVsbG8sIFdvcmxkIQ==")), "Hello, World!");
    CHECK_STR(rt_codec_base64_enc(S("Viper Language")), "VmlwZXIgTGFuZ3VhZ2U=");
    CHECK_STR(rt_codec_base64_enc(S("hello world")), "aGVsbG8gd29ybGQ=");
    CHECK_STR(rt_codec_base64_dec(S("aGVsbG8gd29ybGQ")), "hello world"); /* padding optional */
    CHECK_STR(rt_codec_base64_enc(S("")), "");
    CHECK_STR(rt_codec_base64_dec(NULL), "");
    CHECK_STR(rt_codec_base64_enc(S("ab")), "YWI=");
    CHECK_STR(rt_codec_base64_dec(S("YWI=")), "ab");
    CHECK_STR(rt_codec_hex_enc(S("Hi!")), "486921");
    CHECK_STR(rt_codec_hex_dec(S("414243")), "ABC");
    CHECK_STR(rt_codec_hex_dec(S("4142")), "AB");
    CHECK_STR(rt_codec_url_encode(S("hello world&foo=bar")), "hello%20world%26foo%3dbar");
    CHECK_STR(rt_codec_url_encode(S("https://example.com/path?q=test value")),
              "https%3a%2f%2fexample.com%2fpath%3fq%3dtest%20value");
    CHECK_STR(rt_codec_url_encode(S("a+b=c&d=e f")), "a%2bb%3dc%26d%3de%20f");
    CHECK_STR(rt_codec_url_encode(S("A-z_0.9~")), "A-z_0.9~");
    CHECK_STR(rt_codec_url_decode(S("hello%20world%26foo%3Dbar")), "hello world&foo=bar");
    CHECK_STR(rt_codec_url_decode(S("a%2bb+c%")), "a+b+c%");
    CHECK_STR(rt_codec_url_decode(S("%zz%4")), "%zz%4");
    CHECK_EXITS(rt_codec_hex_dec(S("4")), 1, "Codec.HexDec: invalid hex input");
    CHECK_EXITS(rt_codec_base64_dec(S("a")), 1, "Codec.Base64Dec: invalid base64 input");
}

void run_tests(void) {
    test_bytes();
    test_codec();
}
