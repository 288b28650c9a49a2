/*
 * bytes.c — Viper.Collections.Bytes: a fixed-length, mutable byte buffer object.
 *
 * Representation: a runtime collection object (rt_bytes in rt_codec_internal.h) owning a malloc'd
 * array of `len` bytes. Values are bytes 0..255: Set stores the low 8 bits of its argument and Get
 * returns 0..255. Indices are 0-based; Slice(start, end) is end-exclusive and clamps both ends to
 * [0, len]; Copy(dst, dstOff, src, srcOff, n) copies with memmove semantics and traps when either
 * range leaves its buffer. Bytes objects and strings returned are +1; arguments are borrowed.
 * NULL: get_Len gives 0, every other function traps `Bytes.<Name>: null bytes`.
 */
#include "rt_codec_internal.h"

#include <stdlib.h>
#include <string.h>

static void bytes_finalize(void *p) {
    rt_bytes *b = p;
    free(b->data);
    b->data = NULL;
    b->len = 0;
}

rt_bytes *rt__bytes_from(const void *src, size_t n) {
    rt_bytes *b = rt__collection_alloc(sizeof(rt_bytes), bytes_finalize);
    if (n) {
        b->data = rt__xmalloc(n);
        if (src)
            memcpy(b->data, src, n);
        else
            memset(b->data, 0, n);
    }
    b->len = (int64_t)n;
    return b;
}

rt_bytes *rt__bytes_of(void *p) {
    return rt__is_collection(p, bytes_finalize) ? p : NULL;
}

static rt_bytes *rt_bytes_arg(void *p, const char *fn) {
    rt_bytes *b = rt__bytes_of(p);
    if (!b)
        rt__trapf("Bytes.%s: null bytes", fn);
    return b;
}

static void rt_bytes_check_index(const rt_bytes *b, int64_t i, const char *fn) {
    if (i < 0 || i >= b->len)
        rt__trapf("Bytes.%s: index out of bounds", fn);
}

void *rt_bytes_new(int64_t len) {
    if (len < 0)
        rt__trap("Bytes.New: negative length");
    return rt__bytes_from(NULL, (size_t)len);
}

int64_t rt_bytes_len(void *b) {
    rt_bytes *x = rt__bytes_of(b);
    return x ? x->len : 0;
}

int64_t rt_bytes_get(void *b, int64_t i) {
    rt_bytes *x = rt_bytes_arg(b, "Get");
    rt_bytes_check_index(x, i, "Get");
    return x->data[i];
}

void rt_bytes_set(void *b, int64_t i, int64_t v) {
    rt_bytes *x = rt_bytes_arg(b, "Set");
    rt_bytes_check_index(x, i, "Set");
    x->data[i] = (uint8_t)v;
}

void *rt_bytes_from_str(rt_string s) {
    return rt__bytes_from(rt__str_bytes(s), rt__str_len(s));
}

rt_string rt_bytes_to_str(void *b) {
    rt_bytes *x = rt_bytes_arg(b, "ToStr");
    return x->len ? rt__str_new((const char *)x->data, (size_t)x->len) : rt_str_empty();
}

rt_string rt_bytes_to_hex(void *b) {
    rt_bytes *x = rt_bytes_arg(b, "ToHex");
    return rt__hex_encode(x->data, (size_t)x->len);
}

void *rt_bytes_from_hex(rt_string s) {
    size_t n = 0;
    uint8_t *buf = rt__hex_decode(rt__str_bytes(s), rt__str_len(s), &n);
    if (!buf)
        rt__trap("Bytes.FromHex: invalid hex string");
    rt_bytes *b = rt__bytes_from(buf, n);
    free(buf);
    return b;
}

rt_string rt_bytes_to_base64(void *b) {
    rt_bytes *x = rt_bytes_arg(b, "ToBase64");
    return rt__base64_encode(x->data, (size_t)x->len);
}

void *rt_bytes_from_base64(rt_string s) {
    size_t n = 0;
    uint8_t *buf = rt__base64_decode(rt__str_bytes(s), rt__str_len(s), &n);
    if (!buf)
        rt__trap("Bytes.FromBase64: invalid base64 string");
    rt_bytes *b = rt__bytes_from(buf, n);
    free(buf);
    return b;
}

void rt_bytes_fill(void *b, int64_t v) {
    rt_bytes *x = rt_bytes_arg(b, "Fill");
    if (x->len)
        memset(x->data, (uint8_t)v, (size_t)x->len);
}

int64_t rt_bytes_find(void *b, int64_t v) {
    rt_bytes *x = rt_bytes_arg(b, "Find");
    if (v < 0 || v > 255)
        return -1;
    for (int64_t i = 0; i < x->len; i++)
        if (x->data[i] == (uint8_t)v)
            return i;
    return -1;
}

void *rt_bytes_clone(void *b) {
    rt_bytes *x = rt_bytes_arg(b, "Clone");
    return rt__bytes_from(x->data, (size_t)x->len);
}

void *rt_bytes_slice(void *b, int64_t start, int64_t end) {
    rt_bytes *x = rt_bytes_arg(b, "Slice");
    if (start < 0)
        start = 0;
    if (end > x->len)
        end = x->len;
    if (end < start)
        end = start;
    return rt__bytes_from(end > start ? x->data + start : NULL, (size_t)(end - start));
}

void rt_bytes_copy(void *dst, int64_t dst_off, void *src, int64_t src_off, int64_t n) {
    rt_bytes *d = rt_bytes_arg(dst, "Copy"), *s = rt_bytes_arg(src, "Copy");
    if (n < 0 || dst_off < 0 || src_off < 0 || dst_off > d->len - n || src_off > s->len - n)
        rt__trap("Bytes.Copy: range out of bounds");
    if (n)
        memmove(d->data + dst_off, s->data + src_off, (size_t)n);
}
