/*
 * rt_io_internal.h — internal helpers shared by the Viper.IO / Crypto.Hash files of the runtime:
 * checksums, the DEFLATE codec (deflate.c), message digests (hash.c), the BinFile representation
 * (binfile.c, used by stream.c) and small file/path helpers (io_file.c, io_dir.c).
 * Naming as everywhere: `rt_*` ABI functions (rt_io_abi.h), `rt__*` internal helpers.
 */
#ifndef VIPER_RT_IO_INTERNAL_H
#define VIPER_RT_IO_INTERNAL_H

#include "rt_collections_abi.h"
#include "rt_io_abi.h"
#include "rt_text_abi.h" /* MemStream */
#include "rt_codec_internal.h"

#include <stdio.h>

/* ---- checksums (deflate.c) ---- */
/* CRC-32 (IEEE 802.3, reflected, poly 0xEDB88320) continuing from `crc` (start with 0). */
uint32_t rt__crc32(uint32_t crc, const void *p, size_t n);
/* Adler-32 (RFC 1950) continuing from `adler` (start with 1). */
uint32_t rt__adler32(uint32_t adler, const void *p, size_t n);

/* ---- DEFLATE (deflate.c; RFC 1950/1951/1952) ---- */
enum {
    RT_INFLATE_OK = 0,
    RT_INFLATE_EOF = 1,        /* input ended before the final block did */
    RT_INFLATE_BAD_BLOCK = 2,  /* block type 3 */
    RT_INFLATE_BAD_DATA = 3,   /* anything else malformed */
};
/* Raw DEFLATE of n bytes at `level` 1..9 (0 = stored only). Returns a malloc'd buffer (never
 * NULL; free it) and its length in *out_n. */
uint8_t *rt__deflate_raw(const uint8_t *in, size_t n, int level, size_t *out_n);
/* Inflate one raw DEFLATE stream. On success returns RT_INFLATE_OK, *out (malloc'd, may be NULL
 * when *out_n == 0), *out_n and, if `used` is non-NULL, the number of input bytes consumed (up to
 * the byte holding the last bit). On failure returns the error and *out is NULL. */
int rt__inflate_raw(const uint8_t *in, size_t n, uint8_t **out, size_t *out_n, size_t *used);
/* The Compress trap text for an inflate error code: "Inflate: unexpected end of data", ... */
const char *rt__inflate_error_text(int err);
/* zlib (RFC 1950) wrapping: header 78 9C (level-independent), deflate data, Adler-32 BE. */
uint8_t *rt__zlib_compress(const uint8_t *in, size_t n, int level, size_t *out_n);
/* Unwrap and inflate a zlib stream; returns an RT_INFLATE_* code (BAD_DATA also for a wrong
 * header, preset dictionary or Adler-32 mismatch). */
int rt__zlib_decompress(const uint8_t *in, size_t n, uint8_t **out, size_t *out_n);

/* ---- message digests (hash.c) ---- */
typedef struct rt_md5_ctx {
    uint32_t h[4];
    uint64_t len;
    uint8_t buf[64];
    size_t fill;
} rt_md5_ctx;
typedef struct rt_sha1_ctx {
    uint32_t h[5];
    uint64_t len;
    uint8_t buf[64];
    size_t fill;
} rt_sha1_ctx;
typedef struct rt_sha256_ctx {
    uint32_t h[8];
    uint64_t len;
    uint8_t buf[64];
    size_t fill;
} rt_sha256_ctx;
void rt__md5_init(rt_md5_ctx *c);
void rt__md5_update(rt_md5_ctx *c, const void *p, size_t n);
void rt__md5_final(rt_md5_ctx *c, uint8_t out[16]);
void rt__sha1_init(rt_sha1_ctx *c);
void rt__sha1_update(rt_sha1_ctx *c, const void *p, size_t n);
void rt__sha1_final(rt_sha1_ctx *c, uint8_t out[20]);
void rt__sha256_init(rt_sha256_ctx *c);
void rt__sha256_update(rt_sha256_ctx *c, const void *p, size_t n);
void rt__sha256_final(rt_sha256_ctx *c, uint8_t out[32]);
/* One-shot digests. */
void rt__md5(const void *p, size_t n, uint8_t out[16]);
void rt__sha1(const void *p, size_t n, uint8_t out[20]);
void rt__sha256(const void *p, size_t n, uint8_t out[32]);
/* RFC 2104 HMAC (block size 64) with MD5 / SHA-1 / SHA-256. */
void rt__hmac_md5(const void *key, size_t klen, const void *msg, size_t mlen, uint8_t out[16]);
void rt__hmac_sha1(const void *key, size_t klen, const void *msg, size_t mlen, uint8_t out[20]);
void rt__hmac_sha256(const void *key, size_t klen, const void *msg, size_t mlen, uint8_t out[32]);

/* ---- BinFile (binfile.c) ---- */
typedef struct rt_binfile {
    void *vptr;  /* NULL (collection convention) */
    FILE *fp;    /* NULL once closed */
    bool eof;    /* set by a read that hit end of file, cleared by a successful Seek */
    int last_op; /* 0 none/positioned, 1 read, 2 write: a seek is inserted when switching */
} rt_binfile;
/* p as a BinFile object (open or closed), or NULL. */
rt_binfile *rt__binfile_of(void *p);
/* p as a MemStream object, or NULL (memstream.c). */
bool rt__is_memstream(void *p);

/* ---- helpers (io_file.c) ---- */
/* Read a whole file into a malloc'd buffer (NUL-terminated, *n bytes). Returns 0 on success, or
 * 1 open failed, 2 stat failed, 3 read failed (buffer NULL). */
int rt__read_file(const char *path, uint8_t **data, size_t *n);
/* Write n bytes to path (create/truncate with `mode`). Returns 0, 1 open failed, 2 write failed. */
int rt__write_file(const char *path, const void *data, size_t n, int mode);
/* Path of a string argument: NULL for a NULL handle, else its bytes up to the first NUL. */
const char *rt__path_arg(rt_string s);
/* Append a new +1 string of n bytes to Seq s (the Seq takes the reference). */
void rt__seq_push_bytes(void *s, const char *p, size_t n);

#endif
