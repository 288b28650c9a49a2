/*
 * binbuf.c — Viper.IO.BinaryBuffer (RUNTIME-EXTENDED §12, RUNTIME-SYSTEM §4.12): a growable byte
 * buffer with one cursor for reading and writing.
 *
 * Model: data, len (high-water mark of bytes written), pos (0..len), capacity (256 for New,
 * max(n, 1) for NewCap; doubles; not observable). Write* store at pos (overwriting when pos < len),
 * advance pos and set len = max(len, pos); WriteByte stores v & 0xFF, WriteI16/32/64LE/BE the low
 * bytes in the named order. WriteStr writes a 4-byte little-endian length, then the string's bytes
 * up to the first NUL (NULL → length 0). ReadByte → 0..255; ReadI16/I32 → zero-extended values,
 * ReadI64 → the 64-bit pattern; ReadStr reads the (unsigned) length word, then that many bytes.
 * Traps: NULL buffer on a read or write → `BinaryBuffer: null buffer`; reading past len →
 * `BinaryBuffer: read past end` (ReadStr consumes the length word first); ReadBytes(n < 0) →
 * `BinaryBuffer: negative read count`. get_Pos/get_Len of NULL → 0; set_Pos clamps to [0, len]
 * (NULL: no-op); ToBytes copies the first len bytes (NULL → empty Bytes), pos unchanged; Reset
 * sets pos = len = 0 (NULL: no-op); FromBytes copies (NULL → empty buffer), pos 0.
 * Results are new objects/strings (+1); arguments are borrowed.
 */
#include "rt_io_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct rt_binbuf {
    void *vptr; /* NULL (collection convention) */
    uint8_t *data;
    int64_t len, cap, pos;
} rt_binbuf;

static void bb_finalize(void *p) {
    rt_binbuf *b = p;
    free(b->data);
    b->data = NULL;
}

static rt_binbuf *as_bb(void *p) { return rt__is_collection(p, bb_finalize) ? p : NULL; }

static rt_binbuf *bb_arg(void *p) {
    rt_binbuf *b = as_bb(p);
    if (!b)
        rt__trap("BinaryBuffer: null buffer");
    return b;
}

void *rt_binbuf_new_cap(int64_t cap) {
    rt_binbuf *b = rt__collection_alloc(sizeof(rt_binbuf), bb_finalize);
    b->cap = cap > 1 ? cap : 1;
    b->data = rt__xmalloc((size_t)b->cap);
    return b;
}

void *rt_binbuf_new(void) { return rt_binbuf_new_cap(256); }

void *rt_binbuf_from_bytes(void *bytes) {
    rt_bytes *x = rt__bytes_of(bytes);
    rt_binbuf *b = rt_binbuf_new_cap(x && x->len > 256 ? x->len : 256);
    if (x && x->len) {
        memcpy(b->data, x->data, (size_t)x->len);
        b->len = x->len;
    }
    return b;
}

static void bb_write(void *p, const void *src, int64_t n) {
    rt_binbuf *b = bb_arg(p);
    if (n <= 0)
        return;
    int64_t end = b->pos + n;
    if (end > b->cap) {
        int64_t cap = b->cap;
        while (cap < end)
            cap *= 2;
        b->data = rt__xrealloc(b->data, (size_t)cap);
        b->cap = cap;
    }
    memcpy(b->data + b->pos, src, (size_t)n);
    b->pos = end;
    if (end > b->len)
        b->len = end;
}

static const uint8_t *bb_read(void *p, int64_t n) {
    rt_binbuf *b = bb_arg(p);
    if (n > b->len - b->pos)
        rt__trap("BinaryBuffer: read past end");
    const uint8_t *r = b->data + b->pos;
    b->pos += n;
    return r;
}

static void put_int(void *p, int64_t v, int width, bool big) {
    uint8_t t[8];
    for (int i = 0; i < width; i++)
        t[big ? width - 1 - i : i] = (uint8_t)((uint64_t)v >> (8 * i));
    bb_write(p, t, width);
}

static int64_t get_int(void *p, int width, bool big) {
    const uint8_t *t = bb_read(p, width);
    uint64_t v = 0;
    for (int i = 0; i < width; i++)
        v |= (uint64_t)t[big ? width - 1 - i : i] << (8 * i);
    return (int64_t)v;
}

void rt_binbuf_write_byte(void *b, int64_t v) { put_int(b, v, 1, false); }
void rt_binbuf_write_i16le(void *b, int64_t v) { put_int(b, v, 2, false); }
void rt_binbuf_write_i16be(void *b, int64_t v) { put_int(b, v, 2, true); }
void rt_binbuf_write_i32le(void *b, int64_t v) { put_int(b, v, 4, false); }
void rt_binbuf_write_i32be(void *b, int64_t v) { put_int(b, v, 4, true); }
void rt_binbuf_write_i64le(void *b, int64_t v) { put_int(b, v, 8, false); }
void rt_binbuf_write_i64be(void *b, int64_t v) { put_int(b, v, 8, true); }

int64_t rt_binbuf_read_byte(void *b) { return get_int(b, 1, false); }
int64_t rt_binbuf_read_i16le(void *b) { return get_int(b, 2, false); }
int64_t rt_binbuf_read_i16be(void *b) { return get_int(b, 2, true); }
int64_t rt_binbuf_read_i32le(void *b) { return get_int(b, 4, false); }
int64_t rt_binbuf_read_i32be(void *b) { return get_int(b, 4, true); }
int64_t rt_binbuf_read_i64le(void *b) { return get_int(b, 8, false); }
int64_t rt_binbuf_read_i64be(void *b) { return get_int(b, 8, true); }

void rt_binbuf_write_str(void *b, rt_string s) {
    bb_arg(b);
    const char *c = rt__str_bytes(s);
    size_t n = s ? strlen(c) : 0;
    put_int(b, (int64_t)n, 4, false);
    bb_write(b, c, (int64_t)n);
}

rt_string rt_binbuf_read_str(void *b) {
    int64_t n = get_int(b, 4, false);
    const uint8_t *p = bb_read(b, n);
    return n ? rt__str_new((const char *)p, (size_t)n) : rt_str_empty();
}

void rt_binbuf_write_bytes(void *b, void *bytes) {
    bb_arg(b);
    rt_bytes *x = rt__bytes_of(bytes);
    if (x)
        bb_write(b, x->data, x->len);
}

void *rt_binbuf_read_bytes(void *b, int64_t n) {
    bb_arg(b);
    if (n < 0)
        rt__trap("BinaryBuffer: negative read count");
    const uint8_t *p = bb_read(b, n);
    return rt__bytes_from(n ? p : NULL, (size_t)n);
}

void rt_binbuf_reset(void *p) {
    rt_binbuf *b = as_bb(p);
    if (b)
        b->pos = b->len = 0;
}

void *rt_binbuf_to_bytes(void *p) {
    rt_binbuf *b = as_bb(p);
    return rt__bytes_from(b ? b->data : NULL, b ? (size_t)b->len : 0);
}

int64_t rt_binbuf_get_len(void *p) {
    rt_binbuf *b = as_bb(p);
    return b ? b->len : 0;
}

int64_t rt_binbuf_get_position(void *p) {
    rt_binbuf *b = as_bb(p);
    return b ? b->pos : 0;
}

void rt_binbuf_set_position(void *p, int64_t pos) {
    rt_binbuf *b = as_bb(p);
    if (!b)
        return;
    b->pos = pos < 0 ? 0 : pos > b->len ? b->len : pos;
}
