/*
 * bytes_bin.c — fixed-width binary access to Viper.Collections.Bytes (RUNTIME-EXTENDED §11):
 * ReadI16/I32/I64 and WriteI16/I32/I64 in little- (LE) and big-endian (BE) byte order at a byte
 * offset. Reads of 16 and 32 bits are zero-extended (unsigned; reference behaviour despite the
 * `I` in the name), 64-bit reads return the bit pattern. Writes store the low 2/4/8 bytes.
 * Traps: NULL object → `Bytes: null object`; off < 0 or off + width > len →
 * `Bytes: binary read/write out of bounds`. The Bytes object is borrowed and never resized.
 */
#include "rt_io_internal.h"

static uint8_t *at(void *b, int64_t off, int width) {
    rt_bytes *x = rt__bytes_of(b);
    if (!x)
        rt__trap("Bytes: null object");
    if (off < 0 || off > x->len - width)
        rt__trap("Bytes: binary read/write out of bounds");
    return x->data + off;
}

static uint64_t get(void *b, int64_t off, int width, bool big) {
    const uint8_t *p = at(b, off, width);
    uint64_t v = 0;
    for (int i = 0; i < width; i++)
        v |= (uint64_t)p[big ? width - 1 - i : i] << (8 * i);
    return v;
}

static void put(void *b, int64_t off, int width, bool big, int64_t v) {
    uint8_t *p = at(b, off, width);
    for (int i = 0; i < width; i++)
        p[big ? width - 1 - i : i] = (uint8_t)((uint64_t)v >> (8 * i));
}

int64_t rt_bytes_read_i16le(void *b, int64_t off) { return (int64_t)get(b, off, 2, false); }
int64_t rt_bytes_read_i16be(void *b, int64_t off) { return (int64_t)get(b, off, 2, true); }
int64_t rt_bytes_read_i32le(void *b, int64_t off) { return (int64_t)get(b, off, 4, false); }
int64_t rt_bytes_read_i32be(void *b, int64_t off) { return (int64_t)get(b, off, 4, true); }
int64_t rt_bytes_read_i64le(void *b, int64_t off) { return (int64_t)get(b, off, 8, false); }
int64_t rt_bytes_read_i64be(void *b, int64_t off) { return (int64_t)get(b, off, 8, true); }

void rt_bytes_write_i16le(void *b, int64_t off, int64_t v) { put(b, off, 2, false, v); }
void rt_bytes_write_i16be(void *b, int64_t off, int64_t v) { put(b, off, 2, true, v); }
void rt_bytes_write_i32le(void *b, int64_t off, int64_t v) { put(b, off, 4, false, v); }
void rt_bytes_write_i32be(void *b, int64_t off, int64_t v) { put(b, off, 4, true, v); }
void rt_bytes_write_i64le(void *b, int64_t off, int64_t v) { put(b, off, 8, false, v); }
void rt_bytes_write_i64be(void *b, int64_t off, int64_t v) { put(b, off, 8, true, v); }
