/* test_io_compress.c — deflate.c and compress.c: CRC-32/Adler-32 vectors, RFC 1951 stored, fixed
 * and dynamic streams made by zlib, RFC 1950 and RFC 1952 streams, round trips of many sizes and
 * kinds of data at every level, malformed and truncated input, and the Compress API and traps. */
#include "test_io_check.h"

static const char dyn_hex[] =
    "85d8cd4de0301485d13d55a4045fff9b72068140201068464cf9880238acdf2a4789f3f9bd3cbdde5fe5f6fafb787fbd"
    "ff7bba7bbefe7cbc7dbe5e0f6fff6f5ebe67c1ac62d630eb980dcc26660bb38dd9d1b3134632114d6413e1443a114fe4"
    "13014542554295ef8e84aa84aa84aa84aa84aa84aa84aa849a849a841a3f2f0935093509350935093509350975097509"
    "7509759e4012ea12ea12ea12ea12ea121a121a121a121a121a3ca42534243424342434243425342534253425342534f9"
    "1f93d094d094d094d092d092d092d092d092d092d0e2af5e424b424b425b425b425b425b425b425b425b429b3524a12d"
    "a123a123a123a123a123a123a123a123a1c360743132190b9bb1301a0babb1301b0bbbb1301c0bcbb1301d0bad7ec96b"
    "5a39b05dd84e6c37b623db95edcc666787a19deabb08add8da616c87b51de676d8db617087c51d2677d8dc69beb8d18a"
    "d91d767718de617987e91db67718df617d87f99dee5b2ead58e06182870d1e467858e16186871d1e867858e2195e09d0"
    "8a311ed67898e3618f87411e167998e4619387519ee9fd09add8e5619887651ea679d8e6619c87751ee679d8e7595e36"
    "d18a891e367a18e961a587991e767a18ea61a987a99eedcd1cad58eb61ae87bd1e067b58ec61b287cd1e467b58ed395e"
    "63fe60f505";

static void test_checksums(void) {
    CHECK_EQ_I64(rt__crc32(0, "123456789", 9), 0xCBF43926u);
    CHECK_EQ_I64(rt__crc32(0, "", 0), 0);
    CHECK_EQ_I64(rt__crc32(rt__crc32(0, "1234", 4), "56789", 5), 0xCBF43926u); /* incremental */
    CHECK_EQ_I64(rt__adler32(1, "Wikipedia", 9), 0x11E60398u);
    CHECK_EQ_I64(rt__adler32(1, "", 0), 1);
    static uint8_t big[100000];
    memset(big, 0xFF, sizeof big);
    CHECK_EQ_I64(rt__adler32(1, big, sizeof big), 0x149a302cu); /* exercises the modulo split */
}

static void inflate_ok(const uint8_t *in, size_t n, const char *want, size_t wn) {
    uint8_t *out = NULL;
    size_t on = 0, used = 0;
    int rc = rt__inflate_raw(in, n, &out, &on, &used);
    CHECK_EQ_I64(rc, RT_INFLATE_OK);
    CHECK(on == wn && (wn == 0 || memcmp(out, want, wn) == 0));
    CHECK_EQ_I64(used, n);
    free(out);
}

static int inflate_rc(const void *in, size_t n) {
    uint8_t *out = (uint8_t *)1;
    size_t on = 7;
    int rc = rt__inflate_raw(in, n, &out, &on, NULL);
    if (rc != RT_INFLATE_OK)
        CHECK(out == NULL && on == 0);
    else
        free(out);
    return rc;
}

static void test_inflate_vectors(void) {
    /* RFC 1951 stored block "hello" */
    inflate_ok((const uint8_t *)"\x01\x05\x00\xfa\xff\x68\x65\x6c\x6c\x6f", 10, "hello", 5);
    /* empty final stored block, and the fixed-Huffman empty block zlib writes for "" */
    inflate_ok((const uint8_t *)"\x01\x00\x00\xff\xff", 5, "", 0);
    inflate_ok((const uint8_t *)"\x03\x00", 2, "", 0);
    /* zlib level 6, fixed Huffman with a back-reference */
    inflate_ok((const uint8_t *)"\xcb\x48\xcd\xc9\xc9\x57\xc8\x40\x27\x01", 10,
               "hello hello hello hello", 23);
    /* zlib level 9, one dynamic-Huffman block of 5890 bytes */
    size_t dn = 0;
    uint8_t *dyn = rt__hex_decode(dyn_hex, strlen(dyn_hex), &dn);
    CHECK(dyn && dn == 485 && ((dyn[0] >> 1) & 3) == 2);
    rt_buf want = {0};
    for (int i = 0; i < 200; i++)
        rt__buf_putf(&want, "line %d: the quick brown fox\n", i);
    inflate_ok(dyn, dn, want.data, want.len);
    /* a dynamic block with a single distance code of length 1 (allowed, as in zlib) */
    static const char single_hex[] = "05c0891180200c04c05acd4388401ecffe871d6c5c8c23baf88df4d11e7f87cdc4627a280938635b00a6bbf453e9c0f42211f3e917";
    size_t sn = 0;
    uint8_t *single = rt__hex_decode(single_hex, strlen(single_hex), &sn);
    uint8_t text64[64];
    io_fill_random(text64, 64, 67, 20);
    inflate_ok(single, sn, (const char *)text64, 64);
    free(single);
    /* trailing bytes after the final block are not consumed */
    uint8_t *ext = malloc(dn + 3);
    memcpy(ext, dyn, dn);
    memcpy(ext + dn, "xyz", 3);
    uint8_t *out;
    size_t on, used;
    CHECK_EQ_I64(rt__inflate_raw(ext, dn + 3, &out, &on, &used), RT_INFLATE_OK);
    CHECK_EQ_I64(used, dn);
    CHECK_EQ_I64(on, want.len);
    free(out);
    /* every truncation of the dynamic stream is "unexpected end of data" */
    int eofs = 0;
    for (size_t k = 0; k < dn; k++)
        eofs += inflate_rc(dyn, k) == RT_INFLATE_EOF;
    CHECK_EQ_I64(eofs, dn);
    free(ext);
    free(dyn);
    free(want.data);
}

static void test_inflate_errors(void) {
    CHECK_EQ_I64(inflate_rc("", 0), RT_INFLATE_EOF);
    CHECK_EQ_I64(inflate_rc(NULL, 0), RT_INFLATE_EOF);
    CHECK_EQ_I64(inflate_rc("\x07", 1), RT_INFLATE_BAD_BLOCK); /* BFINAL, BTYPE 3 */
    CHECK_EQ_I64(inflate_rc("\x01\x05\x00\x00\x00hello", 10), RT_INFLATE_BAD_DATA); /* NLEN */
    CHECK_EQ_I64(inflate_rc("\x01\x05\x00\xfa\xff\x68\x65", 7), RT_INFLATE_EOF); /* short data */
    CHECK_EQ_I64(inflate_rc("\x00\x00\x00\xff\xff", 5), RT_INFLATE_EOF);           /* no final */
    /* fixed block whose first symbol is a match (length 3, distance 1) with no output yet */
    CHECK_EQ_I64(inflate_rc("\x03\x02\x00", 3), RT_INFLATE_BAD_DATA);
    /* dynamic header: HLIT 30 (> 286 codes) */
    CHECK_EQ_I64(inflate_rc("\xf5\xff\xff\xff", 4), RT_INFLATE_BAD_DATA);
    /* dynamic header with all code-length code lengths zero (incomplete) */
    CHECK_EQ_I64(inflate_rc("\x05\x00\x00\x00\x00\x00", 6), RT_INFLATE_BAD_DATA);
    /* random garbage never crashes and never claims more than it has */
    uint8_t junk[64];
    int ok = 0;
    for (uint64_t seed = 1; seed <= 300; seed++) {
        io_fill_random(junk, sizeof junk, seed, 0);
        int rc = inflate_rc(junk, sizeof junk);
        ok += rc >= RT_INFLATE_OK && rc <= RT_INFLATE_BAD_DATA;
    }
    CHECK_EQ_I64(ok, 300);
    CHECK(strcmp(rt__inflate_error_text(RT_INFLATE_EOF), "Inflate: unexpected end of data") == 0);
    CHECK(strcmp(rt__inflate_error_text(RT_INFLATE_BAD_BLOCK), "Inflate: invalid block type") == 0);
    CHECK(strcmp(rt__inflate_error_text(RT_INFLATE_BAD_DATA), "Inflate: invalid compressed data") ==
          0);
}

static bool round_trip(const uint8_t *p, size_t n, int level) {
    size_t cn = 0, on = 0, used = 0;
    uint8_t *c = rt__deflate_raw(p, n, level, &cn);
    uint8_t *o = NULL;
    int rc = rt__inflate_raw(c, cn, &o, &on, &used);
    bool ok = rc == RT_INFLATE_OK && on == n && used == cn && (n == 0 || memcmp(o, p, n) == 0);
    free(c);
    free(o);
    return ok;
}

static void test_round_trips(void) {
    static const size_t sizes[] = {0,     1,     2,     3,     4,     63,    64,     65,
                                   257,   258,   259,   1000,  4095,  4096,  16383,  16384,
                                   16385, 32767, 32768, 32769, 65535, 65536, 100001, 300000};
    size_t max = 300000;
    uint8_t *buf = malloc(max);
    int fails = 0, total = 0;
    for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++) {
        size_t n = sizes[si];
        for (int kind = 0; kind < 5; kind++) {
            switch (kind) {
            case 0: io_fill_random(buf, n, n + 1, 0); break;  /* incompressible */
            case 1: io_fill_random(buf, n, n + 2, 2); break;  /* two letters */
            case 2: memset(buf, 'z', n); break;               /* one long run */
            case 3: io_fill_random(buf, n, n + 3, 20); break; /* small alphabet */
            default:                                          /* repeated phrase */
                for (size_t i = 0; i < n; i++)
                    buf[i] = (uint8_t)("the quick brown fox jumps over the lazy dog. "[i % 45]);
            }
            static const int levels[] = {0, 1, 3, 4, 6, 9};
            for (int li = 0; li < 6; li++) {
                if (n > 70000 && levels[li] != 6 && levels[li] != 1)
                    continue; /* keep the emulated run short */
                total++;
                fails += !round_trip(buf, n, levels[li]);
            }
        }
    }
    CHECK_EQ_I64(fails, 0);
    CHECK(total > 500);
    /* compression actually happens */
    memset(buf, 'a', 10000);
    size_t cn = 0;
    uint8_t *c = rt__deflate_raw(buf, 10000, 6, &cn);
    CHECK(cn < 100);
    free(c);
    io_fill_random(buf, 10000, 7, 0);
    c = rt__deflate_raw(buf, 10000, 6, &cn);
    CHECK(cn <= 10000 + 10); /* random data falls back to stored blocks */
    free(c);
    free(buf);
}

static void test_zlib(void) {
    uint8_t *o;
    size_t on;
    CHECK_EQ_I64(rt__zlib_decompress((const uint8_t *)"\x78\x9c\xcb\x48\xcd\xc9\xc9\x07\x00\x06\x2c"
                                                      "\x02\x15",
                                     13, &o, &on),
                 RT_INFLATE_OK);
    CHECK_BYTES(o, on, "hello");
    free(o);
    /* bad Adler-32, bad header check, preset dictionary, truncated trailer */
    CHECK_EQ_I64(rt__zlib_decompress((const uint8_t *)"\x78\x9c\xcb\x48\xcd\xc9\xc9\x07\x00\x06\x2c"
                                                      "\x02\x16",
                                     13, &o, &on),
                 RT_INFLATE_BAD_DATA);
    CHECK_EQ_I64(rt__zlib_decompress((const uint8_t *)"\x78\x9d\x03\x00\x00\x00\x00\x01", 8, &o,
                                     &on),
                 RT_INFLATE_BAD_DATA);
    CHECK_EQ_I64(rt__zlib_decompress((const uint8_t *)"\x78\xbb\x03\x00", 4, &o, &on),
                 RT_INFLATE_BAD_DATA);
    CHECK_EQ_I64(rt__zlib_decompress((const uint8_t *)"\x78\x9c\x03\x00\x00\x00", 6, &o, &on),
                 RT_INFLATE_EOF);
    const char *text = "zlib framing round trip, zlib framing round trip";
    size_t cn;
    uint8_t *c = rt__zlib_compress((const uint8_t *)text, strlen(text), 6, &cn);
    CHECK(c[0] == 0x78 && ((c[0] << 8) | c[1]) % 31 == 0);
    CHECK_EQ_I64(rt__zlib_decompress(c, cn, &o, &on), RT_INFLATE_OK);
    CHECK_BYTES(o, on, text);
    free(o);
    free(c);
}

static void test_compress_api(void) {
    /* gzip header and trailer */
    void *g = rt_compress_gzip_str(S("abc"));
    rt_bytes *gb = rt__bytes_of(g);
    CHECK(gb->len >= 18 && memcmp(gb->data, "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10) == 0);
    CHECK_EQ_I64(rt_bytes_read_i32le(g, gb->len - 8), 891568578); /* CRC-32("abc") */
    CHECK_EQ_I64(rt_bytes_read_i32le(g, gb->len - 4), 3);
    CHECK_STR(rt_compress_gunzip_str(g), "abc");
    /* a gzip member with FNAME written by Python's gzip module */
    static const char named[] =
        "\x1f\x8b\x08\x08\x00\x00\x00\x00\x02\xff\x61\x2e\x74\x78\x74\x00\x4b\xaf\xca\x2c\x50\x28"
        "\xcf\x2c\xc9\x50\x48\x54\xc8\x4b\xcc\x4d\xe5\x02\x00\x9d\xe8\x91\x71\x11\x00\x00\x00";
    CHECK_STR(rt_compress_gunzip_str(BYTES(named)), "gzip with a name\n");
    /* FEXTRA + FCOMMENT + FHCRC around the stored "hello" block */
    static const char fancy[] = "\x1f\x8b\x08\x16\x00\x00\x00\x00\x00\x03"
                                "\x03\x00XYZ" "comment\0" "\x00\x00"
                                "\x01\x05\x00\xfa\xff" "hello"
                                "\x86\xa6\x10\x36\x05\x00\x00\x00";
    CHECK_STR(rt_compress_gunzip_str(BYTES(fancy)), "hello");
    /* Deflate/Inflate, levels, strings with NULs */
    void *data = BYTES("aaaaaaaaaabbbbbbbbbbaaaaaaaaaabbbbbbbbbb\0\x01\x02");
    for (int64_t lvl = 1; lvl <= 9; lvl++) {
        void *d = rt_compress_deflate_lvl(data, lvl);
        CHECK_BYTES_OBJ(rt_compress_inflate(d), rt__bytes_of(data)->data, 43);
        void *z = rt_compress_gzip_lvl(data, lvl);
        CHECK_BYTES_OBJ(rt_compress_gunzip(z), rt__bytes_of(data)->data, 43);
    }
    CHECK_BYTES_OBJ(rt_compress_inflate(rt_compress_deflate(data)), rt__bytes_of(data)->data, 43);
    CHECK_BYTES_OBJ(rt_compress_gunzip(rt_compress_gzip(data)), rt__bytes_of(data)->data, 43);
    CHECK_STR(rt_compress_inflate_str(rt_compress_deflate_str(S("hello world hello world hello world"))),
              "hello world hello world hello world");
    CHECK_STR(rt_compress_gunzip_str(rt_compress_gzip_str(S("test data for gzip"))),
              "test data for gzip");
    CHECK_STR(rt_compress_inflate_str(rt_compress_deflate_str(S(""))), "");
    CHECK_STR(rt_compress_gunzip_str(rt_compress_gzip_str(S(""))), "");
    /* string inputs stop at the first NUL, string results keep every byte */
    rt_string with_nul = rt__str_new("ab\0cd", 5);
    CHECK_STR(rt_compress_inflate_str(rt_compress_deflate_str(with_nul)), "ab");
    rt_string back = rt_compress_inflate_str(rt_compress_deflate(BYTES("x\0y")));
    CHECK(rt__str_len(back) == 3 && memcmp(rt__str_bytes(back), "x\0y", 3) == 0);
    /* traps */
    CHECK_EXITS(rt_compress_deflate(NULL), 1, "Compress.Deflate: data is null");
    CHECK_EXITS(rt_compress_deflate_lvl(NULL, 6), 1, "Compress.DeflateLvl: data is null");
    CHECK_EXITS(rt_compress_deflate_lvl(data, 0), 1, "Compress.DeflateLvl: level must be 1-9");
    CHECK_EXITS(rt_compress_deflate_lvl(data, 10), 1, "Compress.DeflateLvl: level must be 1-9");
    CHECK_EXITS(rt_compress_gzip_lvl(data, -1), 1, "Compress.GzipLvl: level must be 1-9");
    CHECK_EXITS(rt_compress_gzip_lvl(NULL, 5), 1, "Compress.GzipLvl: data is null");
    CHECK_EXITS(rt_compress_inflate(NULL), 1, "Compress.Inflate: data is null");
    CHECK_EXITS(rt_compress_gzip(NULL), 1, "Compress.Gzip: data is null");
    CHECK_EXITS(rt_compress_gunzip(NULL), 1, "Compress.Gunzip: data is null");
    CHECK_EXITS(rt_compress_inflate_str(NULL), 1, "Compress.InflateStr: data is null");
    CHECK_EXITS(rt_compress_gunzip_str(NULL), 1, "Compress.GunzipStr: data is null");
    CHECK_EXITS(rt_compress_deflate_str(NULL), 1, "Compress.DeflateStr: text is null");
    CHECK_EXITS(rt_compress_gzip_str(NULL), 1, "Compress.GzipStr: text is null");
    CHECK_EXITS(rt_compress_inflate(BYTES("\x07")), 1, "Inflate: invalid block type");
    CHECK_EXITS(rt_compress_inflate(BYTES("")), 1, "Inflate: unexpected end of data");
    CHECK_EXITS(rt_compress_inflate_str(BYTES("\x03\x02\x00")), 1,
                "Inflate: invalid compressed data");
    /* gunzip checks, in order */
    CHECK_EXITS(rt_compress_gunzip(BYTES("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff\x03\x00\x00\x00"
                                         "\x00\x00\x00")),
                1, "Gunzip: data too short");
    CHECK_EXITS(rt_compress_gunzip(BYTES("\x1f\x8c\x08\x00\x00\x00\x00\x00\x00\xff\x03\x00\x00\x00"
                                         "\x00\x00\x00\x00")),
                1, "Gunzip: invalid magic number");
    CHECK_EXITS(rt_compress_gunzip(BYTES("\x1f\x8b\x07\x00\x00\x00\x00\x00\x00\xff\x03\x00\x00\x00"
                                         "\x00\x00\x00\x00")),
                1, "Gunzip: unsupported compression method");
    CHECK_EXITS(rt_compress_gunzip(BYTES("\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\xffnonameterminator")),
                1, "Gunzip: truncated header");
    CHECK_EXITS(rt_compress_gunzip(BYTES("\x1f\x8b\x08\x04\x00\x00\x00\x00\x00\xff\xff\x00\x00\x00"
                                         "\x00\x00\x00\x00")),
                1, "Gunzip: truncated header");
    CHECK_EXITS(rt_compress_gunzip(BYTES("\x1f\x8b\x08\x04\x00\x00\x00\x00\x00\xff\x00\x00\x00\x00"
                                         "\x00\x00\x00\x00\x00\x00")),
                1, "Gunzip: truncated data");
    rt_bytes *bad = rt__bytes_of(rt_compress_gzip_str(S("checksum")));
    bad->data[bad->len - 8] ^= 1;
    CHECK_EXITS(rt_compress_gunzip(bad), 1, "Gunzip: CRC mismatch");
    bad->data[bad->len - 8] ^= 1;
    bad->data[bad->len - 1] = 1;
    CHECK_EXITS(rt_compress_gunzip(bad), 1, "Gunzip: size mismatch");
    bad->data[bad->len - 1] = 0;
    bad->data[10] = 0x07; /* block type 3 */
    CHECK_EXITS(rt_compress_gunzip_str(bad), 1, "Inflate: invalid block type");
}

void run_tests(void) {
    test_checksums();
    test_inflate_vectors();
    test_inflate_errors();
    test_round_trips();
    test_zlib();
    test_compress_api();
}
