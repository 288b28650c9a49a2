/*
 * memstream.c — Viper.IO.MemStream: a growable in-memory byte stream with a position.
 *
 * Integers are little-endian (I8/U8 1 byte, I16/U16 2, I32/U32 4, I64 8); writes store the low
 * bytes of the value, Read* sign-extend (I*) or zero-extend (U*). Writes go at Pos, overwrite and
 * extend Len (a gap left by seeking past the end reads as zeros) and advance Pos; reads advance
 * Pos and trap `MemStream.ReadI32: end of stream` (etc.) when fewer bytes remain than needed.
 * WriteStr writes the string's bytes (no length prefix); ReadStr(n) reads n bytes into a string.
 * WriteBytes/ReadBytes/ToBytes use Bytes objects (ToBytes: a copy of the whole content, Pos
 * unchanged). Seek(p) sets Pos (negative → trap `MemStream.Seek: negative position`); Skip(n)
 * moves by n, clamped at 0. Clear empties the stream (Len = Pos = 0, Capacity kept).
 * Capacity: New → 0, NewCapacity(n) → max(n, 0); growth doubles (at least to what is needed).
 * NULL handles: getters 0, writes nothing, reads trap as at the end of the stream.
 */
#include "rt_ext3_abi.h"
#include "rt_ext_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct rt_memstream {
    void *vptr; /* NULL (collection convention) */
    uint8_t *data;
    int64_t len, cap, pos;
} rt_memstream;

static void ms_finalize(void *p) {
    rt_memstream *m = p;
    free(m->data);
    m->data = NULL;
}

static rt_memstream *as_ms(void *p) { return rt__is_collection(p, ms_finalize) ? p : NULL; }

void *rt_memstream_new_capacity(int64_t cap) {
    rt_memstream *m = rt__collection_alloc(sizeof(rt_memstream), ms_finalize);
    if (cap > 0) {
        m->data = rt__xmalloc((size_t)cap);
        m->cap = cap;
    }
    return m;
}

void *rt_memstream_new(void) { return rt_memstream_new_capacity(0); }

int64_t rt_memstream_get_len(void *p) {
    rt_memstream *m = as_ms(p);
    return m ? m->len : 0;
}

int64_t rt_memstream_get_pos(void *p) {
    rt_memstream *m = as_ms(p);
    return m ? m->pos : 0;
}

int64_t rt_memstream_get_capacity(void *p) {
    rt_memstream *m = as_ms(p);
    return m ? m->cap : 0;
}

static void ms_write(void *p, const void *src, int64_t n) {
    rt_memstream *m = as_ms(p);
    if (!m || n <= 0)
        return;
    int64_t end = m->pos + n;
    if (end > m->cap) {
        int64_t cap = m->cap * 2 > end ? m->cap * 2 : end;
        m->data = rt__xrealloc(m->data, (size_t)cap);
        m->cap = cap;
    }
    if (m->pos > m->len)
        memset(m->data + m->len, 0, (size_t)(m->pos - m->len));
    memcpy(m->data + m->pos, src, (size_t)n);
    m->pos = end;
    if (end > m->len)
        m->len = end;
}

/* Pointer to the next n bytes (advancing Pos), or trap naming `what`. */
static const uint8_t *ms_read(void *p, int64_t n, const char *what) {
    rt_memstream *m = as_ms(p);
    if (!m || n < 0 || m->pos > m->len || m->len - m->pos < n)
        rt__trapf("MemStream.%s: end of stream", what);
    const uint8_t *r = m->data + m->pos;
    m->pos += n;
    return r;
}

static void write_le(void *p, uint64_t v, int nbytes) {
    uint8_t b[8];
    for (int i = 0; i < nbytes; i++)
        b[i] = (uint8_t)(v >> (8 * i));
    ms_write(p, b, nbytes);
}

static uint64_t read_le(void *p, int nbytes, const char *what) {
    const uint8_t *b = ms_read(p, nbytes, what);
    uint64_t v = 0;
    for (int i = 0; i < nbytes; i++)
        v |= (uint64_t)b[i] << (8 * i);
    return v;
}

void rt_memstream_write_i8(void *p, int64_t v) { write_le(p, (uint64_t)v, 1); }
void rt_memstream_write_u8(void *p, int64_t v) { write_le(p, (uint64_t)v, 1); }
void rt_memstream_write_i16(void *p, int64_t v) { write_le(p, (uint64_t)v, 2); }
void rt_memstream_write_u16(void *p, int64_t v) { write_le(p, (uint64_t)v, 2); }
void rt_memstream_write_i32(void *p, int64_t v) { write_le(p, (uint64_t)v, 4); }
void rt_memstream_write_u32(void *p, int64_t v) { write_le(p, (uint64_t)v, 4); }
void rt_memstream_write_i64(void *p, int64_t v) { write_le(p, (uint64_t)v, 8); }

int64_t rt_memstream_read_i8(void *p) { return (int8_t)read_le(p, 1, "ReadI8"); }
int64_t rt_memstream_read_u8(void *p) { return (int64_t)read_le(p, 1, "ReadU8"); }
int64_t rt_memstream_read_i16(void *p) { return (int16_t)read_le(p, 2, "ReadI16"); }
int64_t rt_memstream_read_u16(void *p) { return (int64_t)read_le(p, 2, "ReadU16"); }
int64_t rt_memstream_read_i32(void *p) { return (int32_t)read_le(p, 4, "ReadI32"); }
int64_t rt_memstream_read_u32(void *p) { return (int64_t)read_le(p, 4, "ReadU32"); }
int64_t rt_memstream_read_i64(void *p) { return (int64_t)read_le(p, 8, "ReadI64"); }

void rt_memstream_write_str(void *p, rt_string s) {
    ms_write(p, rt__str_bytes(s), (int64_t)rt__str_len(s));
}

rt_string rt_memstream_read_str(void *p, int64_t n) {
    if (n <= 0)
        return rt_str_empty();
    const uint8_t *b = ms_read(p, n, "ReadStr");
    return rt__str_new((const char *)b, (size_t)n);
}

void rt_memstream_write_bytes(void *p, void *bytes) {
    rt_bytes *b = rt__bytes_of(bytes);
    if (b)
        ms_write(p, b->data, b->len);
}

void *rt_memstream_read_bytes(void *p, int64_t n) {
    if (n <= 0)
        return rt__bytes_from(NULL, 0);
    const uint8_t *b = ms_read(p, n, "ReadBytes");
    return rt__bytes_from(b, (size_t)n);
}

void *rt_memstream_to_bytes(void *p) {
    rt_memstream *m = as_ms(p);
    return rt__bytes_from(m ? m->data : NULL, m ? (size_t)m->len : 0);
}

void rt_memstream_seek(void *p, int64_t pos) {
    rt_memstream *m = as_ms(p);
    if (pos < 0)
        rt__trap("MemStream.Seek: negative position");
    if (m)
        m->pos = pos;
}

void rt_memstream_skip(void *p, int64_t n) {
    rt_memstream *m = as_ms(p);
    if (m)
        m->pos = n < 0 && -n > m->pos ? 0 : m->pos + n;
}

void rt_memstream_clear(void *p) {
    rt_memstream *m = as_ms(p);
    if (m)
        m->len = m->pos = 0;
}
