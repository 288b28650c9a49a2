/*
 * binfile.c — Viper.IO.BinFile (RUNTIME-SYSTEM §4.8): a binary file over buffered C stdio.
 *
 * Modes (exact strings): `r` → "rb" (must exist), `w` → "wb" (create/truncate), `rw` → "r+b"
 * (must exist), `a` → "ab". Read/Write(f, bytes, off, n) move bytes between the file and
 * bytes[off..off+n) (off < 0, n <= 0 or off >= len → 0 bytes; n is clipped to len - off). Eof is
 * set only by a read that hits the end and cleared by a successful Seek. Seek origins 0/1/2 =
 * start/current/end; it returns the new position or -1 when fseek fails. get_Pos = ftell,
 * get_Size/get_Len = seek to end and back (includes buffered data); both -1 for NULL or closed
 * files; get_Eof of NULL/closed is 1; Flush/Close of NULL/closed do nothing; the finaliser closes.
 * For `rw` files a seek to the current position is inserted when switching between reading and
 * writing (the C stdio rule; invisible otherwise).
 * Traps: `BinFile.Open: null path or mode`, `BinFile.Open: invalid mode (use r, w, rw, or a)`,
 * `BinFile.Open: failed to open file`, `BinFile.<Fn>: null file`, `BinFile.<Fn>: file is closed`,
 * `BinFile.Read: null bytes`, `BinFile.Write: null bytes`, `BinFile.Write: write failed`,
 * `BinFile.WriteByte: write failed`, `BinFile.Seek: invalid origin (use 0, 1, or 2)`.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "rt_io_internal.h"

#include <string.h>
#include <sys/types.h>

enum { OP_NONE = 0, OP_READ = 1, OP_WRITE = 2 };

static void bf_finalize(void *p) {
    rt_binfile *f = p;
    if (f->fp)
        fclose(f->fp);
    f->fp = NULL;
}

rt_binfile *rt__binfile_of(void *p) { return rt__is_collection(p, bf_finalize) ? p : NULL; }

static rt_binfile *bf_arg(void *p, const char *fn) {
    rt_binfile *f = rt__binfile_of(p);
    if (!f)
        rt__trapf("BinFile.%s: null file", fn);
    return f;
}

static void bf_open_check(rt_binfile *f, const char *fn) {
    if (!f->fp)
        rt__trapf("BinFile.%s: file is closed", fn);
}

static void switch_to(rt_binfile *f, int op) {
    if (f->last_op != OP_NONE && f->last_op != op)
        fseeko(f->fp, 0, SEEK_CUR);
    f->last_op = op;
}

void *rt_binfile_open(rt_string path, rt_string mode) {
    if (!path || !mode)
        rt__trap("BinFile.Open: null path or mode");
    const char *m = rt__str_bytes(mode), *cm;
    if (strcmp(m, "r") == 0)
        cm = "rb";
    else if (strcmp(m, "w") == 0)
        cm = "wb";
    else if (strcmp(m, "rw") == 0)
        cm = "r+b";
    else if (strcmp(m, "a") == 0)
        cm = "ab";
    else
        rt__trap("BinFile.Open: invalid mode (use r, w, rw, or a)");
    FILE *fp = fopen(rt__str_bytes(path), cm);
    if (!fp)
        rt__trap("BinFile.Open: failed to open file");
    rt_binfile *f = rt__collection_alloc(sizeof(rt_binfile), bf_finalize);
    f->fp = fp;
    return f;
}

void rt_binfile_close(void *p) {
    rt_binfile *f = rt__binfile_of(p);
    if (f && f->fp) {
        fclose(f->fp);
        f->fp = NULL;
    }
}

/* The byte range [off, off+n) of bytes clipped as documented; false when empty. */
static bool clip(rt_bytes *b, int64_t off, int64_t *n) {
    if (off < 0 || *n <= 0 || off >= b->len)
        return false;
    if (*n > b->len - off)
        *n = b->len - off;
    return true;
}

int64_t rt_binfile_read(void *p, void *bytes, int64_t off, int64_t n) {
    rt_binfile *f = bf_arg(p, "Read");
    rt_bytes *b = rt__bytes_of(bytes);
    if (!b)
        rt__trap("BinFile.Read: null bytes");
    bf_open_check(f, "Read");
    if (!clip(b, off, &n))
        return 0;
    switch_to(f, OP_READ);
    size_t got = fread(b->data + off, 1, (size_t)n, f->fp);
    if (got < (size_t)n && feof(f->fp))
        f->eof = true;
    return (int64_t)got;
}

void rt_binfile_write(void *p, void *bytes, int64_t off, int64_t n) {
    rt_binfile *f = bf_arg(p, "Write");
    rt_bytes *b = rt__bytes_of(bytes);
    if (!b)
        rt__trap("BinFile.Write: null bytes");
    bf_open_check(f, "Write");
    if (!clip(b, off, &n))
        return;
    switch_to(f, OP_WRITE);
    if (fwrite(b->data + off, 1, (size_t)n, f->fp) != (size_t)n)
        rt__trap("BinFile.Write: write failed");
}

int64_t rt_binfile_read_byte(void *p) {
    rt_binfile *f = bf_arg(p, "ReadByte");
    bf_open_check(f, "ReadByte");
    switch_to(f, OP_READ);
    int c = fgetc(f->fp);
    if (c == EOF) {
        if (feof(f->fp))
            f->eof = true;
        return -1;
    }
    return c;
}

void rt_binfile_write_byte(void *p, int64_t v) {
    rt_binfile *f = bf_arg(p, "WriteByte");
    bf_open_check(f, "WriteByte");
    switch_to(f, OP_WRITE);
    if (fputc((int)(v & 0xFF), f->fp) == EOF)
        rt__trap("BinFile.WriteByte: write failed");
}

int64_t rt_binfile_seek(void *p, int64_t off, int64_t origin) {
    rt_binfile *f = bf_arg(p, "Seek");
    bf_open_check(f, "Seek");
    int whence;
    switch (origin) {
    case 0:
        whence = SEEK_SET;
        break;
    case 1:
        whence = SEEK_CUR;
        break;
    case 2:
        whence = SEEK_END;
        break;
    default:
        rt__trap("BinFile.Seek: invalid origin (use 0, 1, or 2)");
    }
    if (fseeko(f->fp, (off_t)off, whence) != 0)
        return -1;
    f->eof = false;
    f->last_op = OP_NONE;
    return (int64_t)ftello(f->fp);
}

void rt_binfile_flush(void *p) {
    rt_binfile *f = rt__binfile_of(p);
    if (f && f->fp)
        fflush(f->fp);
}

int64_t rt_binfile_pos(void *p) {
    rt_binfile *f = rt__binfile_of(p);
    if (!f || !f->fp)
        return -1;
    return (int64_t)ftello(f->fp);
}

int64_t rt_binfile_size(void *p) {
    rt_binfile *f = rt__binfile_of(p);
    if (!f || !f->fp)
        return -1;
    off_t cur = ftello(f->fp);
    if (cur < 0 || fseeko(f->fp, 0, SEEK_END) != 0)
        return -1;
    off_t end = ftello(f->fp);
    fseeko(f->fp, cur, SEEK_SET);
    f->last_op = OP_NONE;
    return (int64_t)end;
}

bool rt_binfile_eof(void *p) {
    rt_binfile *f = rt__binfile_of(p);
    return !f || !f->fp || f->eof;
}
