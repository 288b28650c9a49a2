/*
 * io_file.c — Viper.IO.File (RUNTIME-SYSTEM §4.0, §4.1) and the file helpers of rt_io_internal.h.
 *
 * Paths are the string's bytes up to the first NUL, passed unchanged to the OS; contents are raw
 * bytes (no encoding, no newline translation). New files get 0666 minus the umask.
 * Two error styles (§4.0): the "simple" functions (Exists, ReadAllText, WriteAllText, Append,
 * ReadLines, WriteLines, ReadBytes, WriteBytes, Copy, Move, Delete, Size, Modified, Touch) never
 * trap — failures are silent or give a sentinel (ReadAllText "" , Size -1, Modified 0, empty Seq
 * or Bytes); the "checked" ones (AppendLine, ReadAllLines, ReadAllBytes, WriteAllBytes) trap with
 * `Viper.IO.File.<Fn>: invalid file path` / `failed to open file` / `failed to stat file` /
 * `failed to read file` / `failed to write file` (and `null Bytes`, `failed to write newline`).
 * Line splitting: ReadAllLines ends a line at `\n`, `\r\n` or a lone `\r`; ReadLines only at `\n`
 * (dropping one `\r` before it); neither produces an extra empty line after a final terminator.
 * Exists is true for directories too (reference behaviour). Copy never truncates its own source
 * (a destination that is the same file as the source is left alone); Move falls back to
 * Copy + unlink when rename fails and unlinks the source only after a complete copy.
 * Seq results own new strings; Bytes results are new (+1); arguments are borrowed.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "rt_io_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- helpers ---------------------------------------------------------------------------------- */

const char *rt__path_arg(rt_string s) { return s ? rt__str_bytes(s) : NULL; }

void rt__seq_push_bytes(void *s, const char *p, size_t n) {
    rt__seq_push_owned(s, n ? rt__str_new(p, n) : rt_str_empty());
}

static int open_retry(const char *path, int flags, int mode) {
    int fd;
    do {
        fd = open(path, flags, mode);
    } while (fd < 0 && errno == EINTR);
    return fd;
}

static bool write_all(int fd, const void *data, size_t n) {
    const char *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

int rt__read_file(const char *path, uint8_t **data, size_t *n) {
    *data = NULL;
    *n = 0;
    int fd = open_retry(path, O_RDONLY, 0);
    if (fd < 0)
        return 1;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        close(fd);
        return 2;
    }
    size_t size = st.st_size > 0 ? (size_t)st.st_size : 0;
    uint8_t *buf = rt__xmalloc(size + 1);
    size_t got = 0;
    while (got < size) {
        ssize_t r = read(fd, buf + got, size - got);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            free(buf);
            close(fd);
            return 3;
        }
        if (r == 0)
            break; /* shrank while reading */
        got += (size_t)r;
    }
    close(fd);
    buf[got] = 0;
    *data = buf;
    *n = got;
    return 0;
}

int rt__write_file(const char *path, const void *data, size_t n, int mode) {
    int fd = open_retry(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0)
        return 1;
    bool ok = write_all(fd, data, n);
    if (close(fd) != 0)
        ok = false;
    return ok ? 0 : 2;
}

static void append_bytes(const char *path, const void *data, size_t n) {
    int fd = open_retry(path, O_WRONLY | O_CREAT | O_APPEND, 0666);
    if (fd < 0)
        return;
    write_all(fd, data, n);
    close(fd);
}

/* ---- existence, text ---------------------------------------------------------------------------- */

bool rt_io_file_exists(rt_string path) {
    const char *p = rt__path_arg(path);
    struct stat st;
    return p && stat(p, &st) == 0;
}

rt_string rt_io_file_read_all_text(rt_string path) {
    const char *p = rt__path_arg(path);
    uint8_t *data;
    size_t n;
    if (!p || rt__read_file(p, &data, &n) != 0)
        return rt_str_empty();
    rt_string s = n ? rt__str_new((const char *)data, n) : rt_str_empty();
    free(data);
    return s;
}

void rt_io_file_write_all_text(rt_string path, rt_string text) {
    const char *p = rt__path_arg(path);
    if (p)
        rt__write_file(p, rt__str_bytes(text), rt__str_len(text), 0666);
}

void rt_file_append(rt_string path, rt_string text) {
    const char *p = rt__path_arg(path);
    if (p)
        append_bytes(p, rt__str_bytes(text), rt__str_len(text));
}

void rt_io_file_append_line(rt_string path, rt_string text) {
    const char *p = rt__path_arg(path);
    if (!p)
        rt__trap("Viper.IO.File.AppendLine: invalid file path");
    int fd = open_retry(p, O_WRONLY | O_CREAT | O_APPEND, 0666);
    if (fd < 0)
        rt__trap("Viper.IO.File.AppendLine: failed to open file");
    if (!write_all(fd, rt__str_bytes(text), rt__str_len(text))) {
        close(fd);
        rt__trap("Viper.IO.File.AppendLine: failed to write file");
    }
    if (!write_all(fd, "\n", 1)) {
        close(fd);
        rt__trap("Viper.IO.File.AppendLine: failed to write newline");
    }
    close(fd);
}

/* ---- lines ---------------------------------------------------------------------------------------- */

/* Split into a new Seq: lone_cr also ends lines at a `\r` not followed by `\n`. */
static void *split_lines(const uint8_t *d, size_t n, bool lone_cr) {
    void *seq = rt_seq_new();
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (d[i] == '\n') {
            size_t e = i;
            if (!lone_cr && e > start && d[e - 1] == '\r')
                e--;
            rt__seq_push_bytes(seq, (const char *)d + start, e - start);
            start = i + 1;
        } else if (lone_cr && d[i] == '\r') {
            rt__seq_push_bytes(seq, (const char *)d + start, i - start);
            if (i + 1 < n && d[i + 1] == '\n')
                i++;
            start = i + 1;
        }
    }
    if (start < n)
        rt__seq_push_bytes(seq, (const char *)d + start, n - start);
    return seq;
}

static uint8_t *checked_read(const char *p, size_t *n, const char *fn) {
    if (!p)
        rt__trapf("Viper.IO.File.%s: invalid file path", fn);
    uint8_t *data;
    switch (rt__read_file(p, &data, n)) {
    case 0:
        return data;
    case 1:
        rt__trapf("Viper.IO.File.%s: failed to open file", fn);
    case 2:
        rt__trapf("Viper.IO.File.%s: failed to stat file", fn);
    default:
        rt__trapf("Viper.IO.File.%s: failed to read file", fn);
    }
}

void *rt_io_file_read_all_lines(rt_string path) {
    size_t n;
    uint8_t *data = checked_read(rt__path_arg(path), &n, "ReadAllLines");
    void *seq = split_lines(data, n, true);
    free(data);
    return seq;
}

void *rt_file_read_lines(rt_string path) {
    const char *p = rt__path_arg(path);
    uint8_t *data;
    size_t n;
    if (!p || rt__read_file(p, &data, &n) != 0)
        return rt_seq_new();
    void *seq = split_lines(data, n, false);
    free(data);
    return seq;
}

void rt_file_write_lines(rt_string path, void *seq) {
    const char *p = rt__path_arg(path);
    if (!p || !rt__is_seq(seq))
        return;
    rt_buf b = {0};
    int64_t n = rt_seq_len(seq);
    for (int64_t i = 0; i < n; i++) {
        void *e = rt__seq_at(seq, i);
        if (e && rt__is_string(e))
            rt__buf_put(&b, rt__str_bytes(e), rt__str_len(e));
        rt__buf_putc(&b, '\n');
    }
    rt__write_file(p, b.data, b.len, 0666);
    free(b.data);
}

/* ---- bytes ---------------------------------------------------------------------------------------- */

void *rt_io_file_read_all_bytes(rt_string path) {
    size_t n;
    uint8_t *data = checked_read(rt__path_arg(path), &n, "ReadAllBytes");
    rt_bytes *b = rt__bytes_from(data, n);
    free(data);
    return b;
}

void rt_io_file_write_all_bytes(rt_string path, void *bytes) {
    const char *p = rt__path_arg(path);
    if (!p)
        rt__trap("Viper.IO.File.WriteAllBytes: invalid file path");
    rt_bytes *b = rt__bytes_of(bytes);
    if (!b)
        rt__trap("Viper.IO.File.WriteAllBytes: null Bytes");
    switch (rt__write_file(p, b->data, (size_t)b->len, 0666)) {
    case 0:
        return;
    case 1:
        rt__trap("Viper.IO.File.WriteAllBytes: failed to open file");
    default:
        rt__trap("Viper.IO.File.WriteAllBytes: failed to write file");
    }
}

void *rt_file_read_bytes(rt_string path) {
    const char *p = rt__path_arg(path);
    uint8_t *data;
    size_t n;
    if (!p || rt__read_file(p, &data, &n) != 0)
        return rt__bytes_from(NULL, 0);
    rt_bytes *b = rt__bytes_from(data, n);
    free(data);
    return b;
}

void rt_file_write_bytes(rt_string path, void *bytes) {
    const char *p = rt__path_arg(path);
    rt_bytes *b = rt__bytes_of(bytes);
    if (p && b)
        rt__write_file(p, b->data, (size_t)b->len, 0666);
}

/* ---- copy, move, delete, metadata ----------------------------------------------------------------- */

/* Byte copy; true when the whole source was written to the destination. */
static bool copy_file(const char *src, const char *dst) {
    int in = open_retry(src, O_RDONLY, 0);
    if (in < 0)
        return false;
    struct stat ss, ds;
    if (fstat(in, &ss) != 0 || S_ISDIR(ss.st_mode) ||
        (stat(dst, &ds) == 0 && ds.st_dev == ss.st_dev && ds.st_ino == ss.st_ino)) {
        close(in);
        return false;
    }
    int out = open_retry(dst, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (out < 0) {
        close(in);
        return false;
    }
    char buf[65536];
    bool ok = true;
    for (;;) {
        ssize_t r = read(in, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            ok = false;
            break;
        }
        if (r == 0)
            break;
        if (!write_all(out, buf, (size_t)r)) {
            ok = false;
            break;
        }
    }
    close(in);
    if (close(out) != 0)
        ok = false;
    return ok;
}

void rt_file_copy(rt_string src, rt_string dst) {
    const char *s = rt__path_arg(src), *d = rt__path_arg(dst);
    if (s && d)
        copy_file(s, d);
}

void rt_file_move(rt_string src, rt_string dst) {
    const char *s = rt__path_arg(src), *d = rt__path_arg(dst);
    if (!s || !d)
        return;
    if (rename(s, d) == 0)
        return;
    if (copy_file(s, d))
        unlink(s);
}

void rt_io_file_delete(rt_string path) {
    const char *p = rt__path_arg(path);
    if (p)
        unlink(p);
}

int64_t rt_file_size(rt_string path) {
    const char *p = rt__path_arg(path);
    struct stat st;
    if (!p || stat(p, &st) != 0)
        return -1;
    return (int64_t)st.st_size;
}

int64_t rt_file_modified(rt_string path) {
    const char *p = rt__path_arg(path);
    struct stat st;
    if (!p || stat(p, &st) != 0)
        return 0;
    return (int64_t)st.st_mtime;
}

void rt_file_touch(rt_string path) {
    const char *p = rt__path_arg(path);
    if (!p)
        return;
    if (utimensat(AT_FDCWD, p, NULL, 0) == 0)
        return;
    int fd = open_retry(p, O_WRONLY | O_CREAT, 0666);
    if (fd >= 0)
        close(fd);
}
