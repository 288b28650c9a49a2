/*
 * stream.c — Viper.IO.Stream (RUNTIME-EXTENDED §13, RUNTIME-SYSTEM §4.12): one interface over a
 * MemStream (type 1) or a BinFile (type 0).
 *
 * OpenMemory / OpenBytes create and own a MemStream; OpenFile opens and owns a BinFile (same modes
 * and traps as BinFile.Open; the stream closes it); FromMemStream / FromBinFile wrap an existing
 * object without owning it (it is retained while wrapped but never closed; NULL → trap
 * `Stream.FromMemStream: memstream is null` / `Stream.FromBinFile: binfile is null`).
 * AsMemStream / AsBinFile return the wrapped object if the stream is of that type, else NULL (the
 * reference hands out a borrowed pointer; here it is retained, +1, which is safe whether or not
 * the caller releases it).
 * Memory streams delegate to the MemStream functions, so after Close (which detaches the buffer)
 * the MemStream NULL-handle traps apply (`MemStream.set_Pos: null stream`, `MemStream.WriteU8:
 * null stream`, `MemStream.WriteBytes: null stream`, `MemStream.ReadBytes: null stream`,
 * `MemStream.ToBytes: null stream`), while get_Pos/get_Len read 0, get_Eof 1, ReadByte -1 and
 * ReadAll empty. Read(n) of a memory stream traps `MemStream.ReadBytes: insufficient bytes` when
 * fewer than n bytes remain (no short reads); a file stream returns what it could read.
 * NULL stream: get_Type -1, get_Pos/get_Len 0, get_Eof 1, ReadByte -1, Read/ReadAll/ToBytes empty
 * Bytes, writes and set_Pos do nothing. ToBytes of a file stream → NULL.
 * Results are new (+1); arguments are borrowed.
 */
#include "rt_io_internal.h"

#include <stdlib.h>
#include <string.h>

enum { ST_FILE = 0, ST_MEM = 1 };

typedef struct rt_stream {
    void *vptr; /* NULL (collection convention) */
    int64_t type;
    void *obj; /* MemStream or BinFile (owned reference), NULL after Close */
    bool owns_file;
} rt_stream;

static void st_finalize(void *p) {
    rt_stream *s = p;
    if (s->obj) {
        if (s->type == ST_FILE && s->owns_file)
            rt_binfile_close(s->obj);
        rt__obj_release_and_free(s->obj);
        s->obj = NULL;
    }
}

static rt_stream *st_of(void *p) { return rt__is_collection(p, st_finalize) ? p : NULL; }

static rt_stream *st_new(int64_t type, void *obj, bool owns) {
    rt_stream *s = rt__collection_alloc(sizeof(rt_stream), st_finalize);
    s->type = type;
    s->obj = obj;
    s->owns_file = owns;
    return s;
}

void *rt_stream_open_memory(void) { return st_new(ST_MEM, rt_memstream_new(), false); }

void *rt_stream_open_bytes(void *bytes) {
    return st_new(ST_MEM, rt_memstream_from_bytes(bytes), false);
}

void *rt_stream_open_file(rt_string path, rt_string mode) {
    return st_new(ST_FILE, rt_binfile_open(path, mode), true);
}

void *rt_stream_from_binfile(void *f) {
    if (!rt__binfile_of(f))
        rt__trap("Stream.FromBinFile: binfile is null");
    rt_obj_retain_maybe(f);
    return st_new(ST_FILE, f, false);
}

void *rt_stream_from_memstream(void *m) {
    if (!rt__is_memstream(m))
        rt__trap("Stream.FromMemStream: memstream is null");
    rt_obj_retain_maybe(m);
    return st_new(ST_MEM, m, false);
}

static void *as_type(void *p, int64_t type) {
    rt_stream *s = st_of(p);
    if (!s || s->type != type || !s->obj)
        return NULL;
    rt_obj_retain_maybe(s->obj);
    return s->obj;
}

void *rt_stream_as_binfile(void *s) { return as_type(s, ST_FILE); }
void *rt_stream_as_memstream(void *s) { return as_type(s, ST_MEM); }

int64_t rt_stream_get_type(void *p) {
    rt_stream *s = st_of(p);
    return s ? s->type : -1;
}

int64_t rt_stream_get_pos(void *p) {
    rt_stream *s = st_of(p);
    if (!s)
        return 0;
    return s->type == ST_MEM ? rt_memstream_get_pos(s->obj) : rt_binfile_pos(s->obj);
}

int64_t rt_stream_get_len(void *p) {
    rt_stream *s = st_of(p);
    if (!s)
        return 0;
    return s->type == ST_MEM ? rt_memstream_get_len(s->obj) : rt_binfile_size(s->obj);
}

void rt_stream_set_pos(void *p, int64_t pos) {
    rt_stream *s = st_of(p);
    if (!s)
        return;
    if (s->type == ST_MEM)
        rt_memstream_set_pos(s->obj, pos);
    else
        rt_binfile_seek(s->obj, pos, 0);
}

bool rt_stream_is_eof(void *p) {
    rt_stream *s = st_of(p);
    if (!s || !s->obj)
        return true;
    if (s->type == ST_MEM)
        return rt_memstream_get_pos(s->obj) >= rt_memstream_get_len(s->obj);
    return rt_binfile_eof(s->obj);
}

void rt_stream_write_byte(void *p, int64_t v) {
    rt_stream *s = st_of(p);
    if (!s)
        return;
    if (s->type == ST_MEM)
        rt_memstream_write_u8(s->obj, v & 0xFF);
    else
        rt_binfile_write_byte(s->obj, v);
}

void rt_stream_write(void *p, void *bytes) {
    rt_stream *s = st_of(p);
    rt_bytes *b = rt__bytes_of(bytes);
    if (!s || !b)
        return;
    if (s->type == ST_MEM)
        rt_memstream_write_bytes(s->obj, b);
    else
        rt_binfile_write(s->obj, b, 0, b->len);
}

int64_t rt_stream_read_byte(void *p) {
    rt_stream *s = st_of(p);
    if (!s || !s->obj)
        return -1;
    if (s->type == ST_MEM) {
        if (rt_memstream_get_pos(s->obj) >= rt_memstream_get_len(s->obj))
            return -1;
        return rt_memstream_read_u8(s->obj);
    }
    return rt_binfile_read_byte(s->obj);
}

/* Read up to n bytes (n > 0) from a file stream. */
static void *file_read(void *f, int64_t n) {
    rt_bytes *tmp = rt__bytes_from(NULL, (size_t)n);
    int64_t got = rt_binfile_read(f, tmp, 0, n);
    rt_bytes *r = rt__bytes_from(tmp->data, (size_t)got);
    rt__obj_release_and_free(tmp);
    return r;
}

void *rt_stream_read(void *p, int64_t n) {
    rt_stream *s = st_of(p);
    if (!s || n <= 0)
        return rt__bytes_from(NULL, 0);
    if (s->type == ST_MEM)
        return rt_memstream_read_bytes(s->obj, n);
    return file_read(s->obj, n);
}

void *rt_stream_read_all(void *p) {
    rt_stream *s = st_of(p);
    if (!s || !s->obj)
        return rt__bytes_from(NULL, 0);
    if (s->type == ST_MEM) {
        int64_t rest = rt_memstream_get_len(s->obj) - rt_memstream_get_pos(s->obj);
        if (rest <= 0)
            return rt__bytes_from(NULL, 0);
        return rt_memstream_read_bytes(s->obj, rest);
    }
    rt_buf b = {0};
    rt_bytes *tmp = rt__bytes_from(NULL, 65536);
    int64_t got;
    while ((got = rt_binfile_read(s->obj, tmp, 0, tmp->len)) > 0)
        rt__buf_put(&b, (const char *)tmp->data, (size_t)got);
    rt__obj_release_and_free(tmp);
    rt_bytes *r = rt__bytes_from(b.data, b.len);
    free(b.data);
    return r;
}

void *rt_stream_to_bytes(void *p) {
    rt_stream *s = st_of(p);
    if (!s)
        return rt__bytes_from(NULL, 0);
    if (s->type == ST_MEM)
        return rt_memstream_to_bytes(s->obj);
    return NULL;
}

void rt_stream_flush(void *p) {
    rt_stream *s = st_of(p);
    if (s && s->type == ST_FILE)
        rt_binfile_flush(s->obj);
}

void rt_stream_close(void *p) {
    rt_stream *s = st_of(p);
    if (s)
        st_finalize(s);
}
