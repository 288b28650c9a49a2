/*
 * memstream.c — Viper.IO.MemStream: a growable in-memory byte stream with a position
 * (RUNTIME-ABI Appendix A; behaviour notes and the F32/F64/FromBytes/set_Pos functions of
 * RUNTIME-SYSTEM §4.12).
 *
 * Integers are little-endian (I8/U8 1 byte, I16/U16 2, I32/U32 4, I64 8); writes store the low
 * bytes of the value, Read* sign-extend (I*) or zero-extend (U*). F64 is the IEEE binary64 pattern
 * (8 bytes LE, NaN payloads and -0 kept); F32 converts with a C (float) cast and widens back on
 * read. Writes go at Pos, overwrite and extend Len (a gap left by a position past the end is
 * zero-filled) and advance Pos; reads advance Pos and trap `MemStream.<Fn>: insufficient bytes`
 * when fewer bytes remain. WriteStr writes the string's bytes (no length prefix); ReadStr(n) and
 * ReadBytes(n) read n raw bytes (n < 0 traps `...: negative count`, n == 0 gives empty).
 * ToBytes copies the whole content (Pos unchanged); FromBytes copies a Bytes object (Pos 0).
 * Seek(p) = set_Pos(p): negative → trap `MemStream.set_Pos: negative position`, past the end is
 * allowed; Skip(n) moves by n (`MemStream.Skip: would result in negative position`).
 * Clear empties the stream (Len = Pos = 0, Capacity kept).
 * Capacity: New → 0, NewCapacity(n) → max(n, 0); growth: at least 64, doubling until the data
 * fits (the corpus, tests_rt_api_test_memstream, shows 64 after 15 bytes written to a new stream).
 * NULL handles: get_Len/get_Pos/get_Capacity give 0; every other function traps
 * `MemStream.<Fn>: null stream` (Seek reports as set_Pos), as Stream.Close relies on (§13).
 */
#include "rt_collections_abi.h"
#include "rt_io_abi.h"
#include "rt_text_abi.h"
#include "rt_io_internal.h"
#include "rt_codec_internal.h"

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

bool rt__is_memstream(void *p) { return as_ms(p) != NULL; }

static rt_memstream *ms_arg(void *p, const char *fn) {
    rt_memstream *m = as_ms(p);
    if (!m)
        rt__trapf("MemStream.%s: null stream", fn);
    return m;
}

static void ms_write(void *p, const void *src, int64_t n, const char *fn) {
    rt_memstream *m = ms_arg(p, fn);
    if (n <= 0)
        return;
    int64_t end = m->pos + n;
    if (end > m->cap) {
        int64_t cap = m->cap * 2 > 64 ? m->cap * 2 : 64;
        while (cap < end)
            cap *= 2;
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

/* Pointer to the next n bytes (advancing Pos), or trap naming `fn`. */
static const uint8_t *ms_read(void *p, int64_t n, const char *fn) {
    rt_memstream *m = ms_arg(p, fn);
    if (m->pos > m->len || m->len - m->pos < n)
        rt__trapf("MemStream.%s: insufficient bytes", fn);
    const uint8_t *r = m->data + m->pos;
    m->pos += n;
    return r;
}

static void write_le(void *p, uint64_t v, int nbytes, const char *fn) {
    uint8_t b[8];
    for (int i = 0; i < nbytes; i++)
        b[i] = (uint8_t)(v >> (8 * i));
    ms_write(p, b, nbytes, fn);
}

static uint64_t read_le(void *p, int nbytes, const char *fn) {
    const uint8_t *b = ms_read(p, nbytes, fn);
    uint64_t v = 0;
    for (int i = 0; i < nbytes; i++)
        v |= (uint64_t)b[i] << (8 * i);
    return v;
}

void rt_memstream_write_i8(void *p, int64_t v) { write_le(p, (uint64_t)v, 1, "WriteI8"); }
void rt_memstream_write_u8(void *p, int64_t v) { write_le(p, (uint64_t)v, 1, "WriteU8"); }
void rt_memstream_write_i16(void *p, int64_t v) { write_le(p, (uint64_t)v, 2, "WriteI16"); }
void rt_memstream_write_u16(void *p, int64_t v) { write_le(p, (uint64_t)v, 2, "WriteU16"); }
void rt_memstream_write_i32(void *p, int64_t v) { write_le(p, (uint64_t)v, 4, "WriteI32"); }
void rt_memstream_write_u32(void *p, int64_t v) { write_le(p, (uint64_t)v, 4, "WriteU32"); }
void rt_memstream_write_i64(void *p, int64_t v) { write_le(p, (uint64_t)v, 8, "WriteI64"); }

int64_t rt_memstream_read_i8(void *p) { return (int8_t)read_le(p, 1, "ReadI8"); }
int64_t rt_memstream_read_u8(void *p) { return (int64_t)read_le(p, 1, "ReadU8"); }
int64_t rt_memstream_read_i16(void *p) { return (int16_t)read_le(p, 2, "ReadI16"); }
int64_t rt_memstream_read_u16(void *p) { return (int64_t)read_le(p, 2, "ReadU16"); }
int64_t rt_memstream_read_i32(void *p) { return (int32_t)read_le(p, 4, "ReadI32"); }
int64_t rt_memstream_read_u32(void *p) { return (int64_t)read_le(p, 4, "ReadU32"); }
int64_t rt_memstream_read_i64(void *p) { return (int64_t)read_le(p, 8, "ReadI64"); }

void rt_memstream_write_f64(void *p, double v) {
    uint64_t u;
    memcpy(&u, &v, 8);
    write_le(p, u, 8, "WriteF64");
}

void rt_memstream_write_f32(void *p, double v) {
    float f = (float)v;
    uint32_t u;
    memcpy(&u, &f, 4);
    write_le(p, u, 4, "WriteF32");
}

double rt_memstream_read_f64(void *p) {
    uint64_t u = read_le(p, 8, "ReadF64");
    double v;
    memcpy(&v, &u, 8);
    return v;
}

double rt_memstream_read_f32(void *p) {
    uint32_t u = (uint32_t)read_le(p, 4, "ReadF32");
    float f;
    memcpy(&f, &u, 4);
    return (double)f;
}

void rt_memstream_write_str(void *p, rt_string s) {
    ms_arg(p, "WriteStr");
    if (!s)
        rt__trap("MemStream.WriteStr: null string");
    ms_write(p, rt__str_bytes(s), (int64_t)rt__str_len(s), "WriteStr");
}

rt_string rt_memstream_read_str(void *p, int64_t n) {
    ms_arg(p, "ReadStr");
    if (n < 0)
        rt__trap("MemStream.ReadStr: negative count");
    if (n == 0)
        return rt_str_empty();
    const uint8_t *b = ms_read(p, n, "ReadStr");
    return rt__str_new((const char *)b, (size_t)n);
}

void rt_memstream_write_bytes(void *p, void *bytes) {
    ms_arg(p, "WriteBytes");
    rt_bytes *b = rt__bytes_of(bytes);
    if (b)
        ms_write(p, b->data, b->len, "WriteBytes");
}

void *rt_memstream_read_bytes(void *p, int64_t n) {
    ms_arg(p, "ReadBytes");
    if (n < 0)
        rt__trap("MemStream.ReadBytes: negative count");
    if (n == 0)
        return rt__bytes_from(NULL, 0);
    const uint8_t *b = ms_read(p, n, "ReadBytes");
    return rt__bytes_from(b, (size_t)n);
}

void *rt_memstream_to_bytes(void *p) {
    rt_memstream *m = ms_arg(p, "ToBytes");
    return rt__bytes_from(m->data, (size_t)m->len);
}

void *rt_memstream_from_bytes(void *bytes) {
    rt_bytes *b = rt__bytes_of(bytes);
    if (!b)
        rt__trap("MemStream.FromBytes: null bytes");
    rt_memstream *m = rt_memstream_new_capacity(b->len);
    if (b->len)
        memcpy(m->data, b->data, (size_t)b->len);
    m->len = b->len;
    return m;
}

void rt_memstream_set_pos(void *p, int64_t pos) {
    rt_memstream *m = ms_arg(p, "set_Pos");
    if (pos < 0)
        rt__trap("MemStream.set_Pos: negative position");
    m->pos = pos;
}

void rt_memstream_seek(void *p, int64_t pos) { rt_memstream_set_pos(p, pos); }

void rt_memstream_skip(void *p, int64_t n) {
    rt_memstream *m = ms_arg(p, "Skip");
    if (n < 0 && m->pos + n < 0)
        rt__trap("MemStream.Skip: would result in negative position");
    m->pos += n;
}

void rt_memstream_clear(void *p) {
    rt_memstream *m = ms_arg(p, "Clear");
    m->len = m->pos = 0;
}
