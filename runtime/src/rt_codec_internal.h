/*
 * rt_codec_internal.h — internal helpers shared by the byte- and text-handling files of the runtime:
 * the Bytes representation, hex/base64 coding, a growable byte buffer, and (rt_regex.h) the
 * compiled regular expressions of pattern.c used by pattern_ext.c.
 * Naming as everywhere: `rt_*` ABI functions (declared in the rt_*_abi.h domain headers), `rt__*` internal helpers.
 */
#ifndef VIPER_RT_CODEC_INTERNAL_H
#define VIPER_RT_CODEC_INTERNAL_H

#include "rt_collections_abi.h"
#include "rt_lang_abi.h"
#include "rt_system_abi.h"
#include "rt_text_abi.h"
#include "rt_objects_internal.h"

/* ---- growable byte buffer (buf.c) for building result strings ---- */
typedef struct rt_buf {
    char *data;
    size_t len, cap;
} rt_buf; /* zero-initialise: rt_buf b = {0}; */
/* Grow cap to at least `need` bytes, doubling from cap (32 when 0). */
void rt__buf_reserve(rt_buf *b, size_t need);
void rt__buf_put(rt_buf *b, const char *p, size_t n);
void rt__buf_putc(rt_buf *b, char c);
void rt__buf_puts(rt_buf *b, const char *s);
void rt__buf_putf(rt_buf *b, const char *fmt, ...);
/* Append code point cp (< 0x200000) as 1-4 bytes of UTF-8 (no validation of surrogates). */
void rt__buf_put_utf8(rt_buf *b, unsigned cp);
/* New +1 string with the contents (immortal empty when empty); frees the buffer. */
rt_string rt__buf_finish(rt_buf *b);

/* ---- Bytes (bytes.c): a runtime collection object owning `len` bytes ---- */
typedef struct rt_bytes {
    void *vptr; /* always NULL (collection convention) */
    int64_t len;
    uint8_t *data; /* len bytes (NULL when len == 0) */
} rt_bytes;

/* New +1 Bytes object holding a copy of n bytes (src may be NULL: zero-filled). */
rt_bytes *rt__bytes_from(const void *src, size_t n);
/* p as a Bytes object, or NULL when p is not one. */
rt_bytes *rt__bytes_of(void *p);

/* ---- hex / base64 (codec.c) ---- */
/* Value 0-15 of one hex digit (either case), or -1. */
int rt__hex_val(unsigned char c);
/* New +1 string: lowercase hex of n bytes. */
rt_string rt__hex_encode(const uint8_t *p, size_t n);
/* Decode hex text (either case, even length); returns a malloc'd buffer and *out_n, or NULL on
 * malformed input. */
uint8_t *rt__hex_decode(const char *s, size_t n, size_t *out_n);
/* New +1 string: standard base64 (with `=` padding) of n bytes. */
rt_string rt__base64_encode(const uint8_t *p, size_t n);
/* Decode standard base64 (padding optional, no whitespace); malloc'd buffer or NULL if malformed. */
uint8_t *rt__base64_decode(const char *s, size_t n, size_t *out_n);

/* ---- regular expressions: see rt_regex.h ---- */
#include "rt_regex.h"

#endif
