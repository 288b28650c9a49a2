/*
 * compress.c — Viper.IO.Compress (RUNTIME-SYSTEM §4.11, RUNTIME-EXTENDED §14): raw DEFLATE and
 * gzip over Bytes and strings, using the codec of deflate.c.
 *
 * Deflate/Inflate are raw RFC 1951 streams (no zlib header). Gzip writes the RFC 1952 member
 * `1F 8B 08 00 00000000 00 FF` (no flags, MTIME 0, XFL 0, OS 255), the deflate data, CRC-32 and
 * ISIZE (little-endian). Gunzip checks in this order: length < 18 (`Gunzip: data too short`),
 * magic, method 8, skips FEXTRA/FNAME/FCOMMENT/FHCRC (`Gunzip: truncated header`), requires data
 * before the 8-byte trailer (`Gunzip: truncated data`), inflates the bytes between the header and
 * the trailer, then checks CRC and size. Levels 1-9 (default 6); the *Lvl functions trap on others.
 * NULL inputs trap `Compress.<Fn>: data is null` / `... text is null`; malformed deflate data traps
 * the Inflate messages of deflate.c. String inputs use the bytes before the first NUL; string
 * results keep every inflated byte. Results are new objects/strings (+1); arguments are borrowed.
 * The compressed bytes are not the reference encoder's (not observable: §4.11, only round trips).
 */
#include "rt_io_internal.h"

#include <stdlib.h>
#include <string.h>

static rt_bytes *data_arg(void *b, const char *fn) {
    rt_bytes *x = rt__bytes_of(b);
    if (!x)
        rt__trapf("Compress.%s: data is null", fn);
    return x;
}

static const char *text_arg(rt_string s, const char *fn) {
    if (!s)
        rt__trapf("Compress.%s: text is null", fn);
    return rt__str_bytes(s);
}

static void check_level(int64_t level, const char *fn) {
    if (level < 1 || level > 9)
        rt__trapf("Compress.%s: level must be 1-9", fn);
}

static rt_bytes *take_bytes(uint8_t *p, size_t n) {
    rt_bytes *b = rt__bytes_from(p, n);
    free(p);
    return b;
}

static rt_bytes *deflate_to_bytes(const uint8_t *p, size_t n, int level) {
    size_t on = 0;
    uint8_t *o = rt__deflate_raw(p, n, level, &on);
    return take_bytes(o, on);
}

/* Inflate or trap; returns a malloc'd buffer. */
static uint8_t *inflate_or_trap(const uint8_t *p, size_t n, size_t *out_n) {
    uint8_t *o = NULL;
    int rc = rt__inflate_raw(p, n, &o, out_n, NULL);
    if (rc != RT_INFLATE_OK)
        rt__trap(rt__inflate_error_text(rc));
    return o;
}

static rt_bytes *gzip_to_bytes(const uint8_t *p, size_t n, int level) {
    size_t dn = 0;
    uint8_t *d = rt__deflate_raw(p, n, level, &dn);
    rt_bytes *b = rt__bytes_from(NULL, dn + 18);
    static const uint8_t hdr[10] = {0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF};
    memcpy(b->data, hdr, 10);
    memcpy(b->data + 10, d, dn);
    free(d);
    uint32_t crc = rt__crc32(0, p, n), isize = (uint32_t)n;
    uint8_t *t = b->data + 10 + dn;
    for (int i = 0; i < 4; i++) {
        t[i] = (uint8_t)(crc >> (8 * i));
        t[4 + i] = (uint8_t)(isize >> (8 * i));
    }
    return b;
}

static uint8_t *gunzip_raw(const uint8_t *p, size_t n, size_t *out_n) {
    if (n < 18)
        rt__trap("Gunzip: data too short");
    if (p[0] != 0x1F || p[1] != 0x8B)
        rt__trap("Gunzip: invalid magic number");
    if (p[2] != 8)
        rt__trap("Gunzip: unsupported compression method");
    uint8_t flg = p[3];
    size_t pos = 10;
    if (flg & 0x04) { /* FEXTRA */
        if (pos + 2 > n)
            rt__trap("Gunzip: truncated header");
        size_t xlen = (size_t)p[pos] | ((size_t)p[pos + 1] << 8);
        pos += 2;
        if (xlen > n - pos)
            rt__trap("Gunzip: truncated header");
        pos += xlen;
    }
    for (int bit = 0x08; bit <= 0x10; bit <<= 1) { /* FNAME, FCOMMENT: NUL-terminated */
        if (!(flg & bit))
            continue;
        while (pos < n && p[pos] != 0)
            pos++;
        if (pos >= n)
            rt__trap("Gunzip: truncated header");
        pos++;
    }
    if (flg & 0x02) { /* FHCRC */
        if (pos + 2 > n)
            rt__trap("Gunzip: truncated header");
        pos += 2;
    }
    if (pos >= n - 8)
        rt__trap("Gunzip: truncated data");
    uint8_t *o = inflate_or_trap(p + pos, n - 8 - pos, out_n);
    const uint8_t *t = p + n - 8;
    uint32_t crc = 0, isize = 0;
    for (int i = 0; i < 4; i++) {
        crc |= (uint32_t)t[i] << (8 * i);
        isize |= (uint32_t)t[4 + i] << (8 * i);
    }
    if (rt__crc32(0, o, *out_n) != crc) {
        free(o);
        rt__trap("Gunzip: CRC mismatch");
    }
    if ((uint32_t)*out_n != isize) {
        free(o);
        rt__trap("Gunzip: size mismatch");
    }
    return o;
}

void *rt_compress_deflate(void *bytes) {
    rt_bytes *b = data_arg(bytes, "Deflate");
    return deflate_to_bytes(b->data, (size_t)b->len, 6);
}

void *rt_compress_deflate_lvl(void *bytes, int64_t level) {
    rt_bytes *b = data_arg(bytes, "DeflateLvl");
    check_level(level, "DeflateLvl");
    return deflate_to_bytes(b->data, (size_t)b->len, (int)level);
}

void *rt_compress_inflate(void *bytes) {
    rt_bytes *b = data_arg(bytes, "Inflate");
    size_t n = 0;
    uint8_t *o = inflate_or_trap(b->data, (size_t)b->len, &n);
    return take_bytes(o, n);
}

void *rt_compress_gzip(void *bytes) {
    rt_bytes *b = data_arg(bytes, "Gzip");
    return gzip_to_bytes(b->data, (size_t)b->len, 6);
}

void *rt_compress_gzip_lvl(void *bytes, int64_t level) {
    rt_bytes *b = data_arg(bytes, "GzipLvl");
    check_level(level, "GzipLvl");
    return gzip_to_bytes(b->data, (size_t)b->len, (int)level);
}

void *rt_compress_gunzip(void *bytes) {
    rt_bytes *b = data_arg(bytes, "Gunzip");
    size_t n = 0;
    uint8_t *o = gunzip_raw(b->data, (size_t)b->len, &n);
    return take_bytes(o, n);
}

void *rt_compress_deflate_str(rt_string text) {
    const char *s = text_arg(text, "DeflateStr");
    return deflate_to_bytes((const uint8_t *)s, strlen(s), 6);
}

rt_string rt_compress_inflate_str(void *bytes) {
    rt_bytes *b = data_arg(bytes, "InflateStr");
    size_t n = 0;
    uint8_t *o = inflate_or_trap(b->data, (size_t)b->len, &n);
    rt_string r = n ? rt__str_new((const char *)o, n) : rt_str_empty();
    free(o);
    return r;
}

void *rt_compress_gzip_str(rt_string text) {
    const char *s = text_arg(text, "GzipStr");
    return gzip_to_bytes((const uint8_t *)s, strlen(s), 6);
}

rt_string rt_compress_gunzip_str(void *bytes) {
    rt_bytes *b = data_arg(bytes, "GunzipStr");
    size_t n = 0;
    uint8_t *o = gunzip_raw(b->data, (size_t)b->len, &n);
    rt_string r = n ? rt__str_new((const char *)o, n) : rt_str_empty();
    free(o);
    return r;
}
