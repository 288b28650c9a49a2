/*
 * file.c — BASIC file channels (RUNTIME-ABI §3.12). A channel is a program-chosen non-negative
 * number bound to a POSIX file descriptor. Writes go straight to write(2) (unbuffered), reads are
 * byte-at-a-time read(2), so channel I/O never interacts with stdio buffering. Functions return the
 * error codes of §1.8: 0 ok, 1 FileNotFound, 2 EOF, 3 IOError, 8 InvalidOperation.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "rt_objects_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { ERR_OK = 0, ERR_NOT_FOUND = 1, ERR_EOF = 2, ERR_IO = 3, ERR_INVALID_OP = 8 };

typedef struct rt_channel {
    int32_t ch;
    int fd;
    bool at_eof; /* set when a line read hit end of file with no byte */
} rt_channel;

static rt_channel *channels;
static size_t nchannels, capchannels;

static rt_channel *find_channel(int32_t ch) {
    if (ch < 0)
        return NULL;
    for (size_t i = 0; i < nchannels; i++)
        if (channels[i].ch == ch)
            return &channels[i];
    return NULL;
}

static int32_t map_errno(int e) {
    switch (e) {
    case ENOENT:
        return ERR_NOT_FOUND;
    case EISDIR:
    case ENOTDIR:
    case EINVAL:
        return ERR_INVALID_OP;
    default:
        return ERR_IO;
    }
}

int32_t rt_open_err_vstr(rt_string path, int32_t mode, int32_t ch) {
    if (!path || ch < 0 || find_channel(ch))
        return ERR_INVALID_OP;
    int flags;
    switch (mode) {
    case 0:
        flags = O_RDONLY;
        break;
    case 1:
        flags = O_WRONLY | O_CREAT | O_TRUNC;
        break;
    case 2:
        flags = O_WRONLY | O_CREAT | O_APPEND;
        break;
    case 3:
    case 4:
        flags = O_RDWR | O_CREAT;
        break;
    default:
        return ERR_INVALID_OP;
    }
    int fd;
    do {
        fd = open(rt__str_bytes(path), flags, 0666);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return map_errno(errno);
    if (nchannels == capchannels) {
        capchannels = capchannels ? capchannels * 2 : 8;
        channels = rt__xrealloc(channels, capchannels * sizeof *channels);
    }
    channels[nchannels].ch = ch;
    channels[nchannels].fd = fd;
    channels[nchannels].at_eof = false;
    nchannels++;
    return ERR_OK;
}

int32_t rt_close_err(int32_t ch) {
    rt_channel *c = find_channel(ch);
    if (!c)
        return ERR_INVALID_OP;
    int fd = c->fd;
    *c = channels[--nchannels];
    return close(fd) == 0 ? ERR_OK : ERR_IO;
}

static int32_t write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return ERR_IO;
        }
        p += w;
        n -= (size_t)w;
    }
    return ERR_OK;
}

int32_t rt_write_ch_err(int32_t ch, rt_string s) {
    rt_channel *c = find_channel(ch);
    if (!c)
        return ERR_INVALID_OP;
    return write_all(c->fd, rt__str_bytes(s), rt__str_len(s));
}

int32_t rt_println_ch_err(int32_t ch, rt_string s) {
    rt_channel *c = find_channel(ch);
    if (!c)
        return ERR_INVALID_OP;
    int32_t rc = write_all(c->fd, rt__str_bytes(s), rt__str_len(s));
    return rc ? rc : write_all(c->fd, "\n", 1);
}

int32_t rt_line_input_ch_err(int32_t ch, rt_string *out) {
    if (!out)
        return ERR_INVALID_OP;
    *out = NULL;
    rt_channel *c = find_channel(ch);
    if (!c)
        return ERR_INVALID_OP;
    size_t len = 0, cap = 128;
    char *buf = rt__xmalloc(cap);
    bool any = false;
    for (;;) {
        char b;
        ssize_t r = read(c->fd, &b, 1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            free(buf);
            return ERR_IO;
        }
        if (r == 0)
            break;
        any = true;
        if (b == '\n')
            break;
        if (len == cap) {
            cap *= 2;
            buf = rt__xrealloc(buf, cap);
        }
        buf[len++] = b;
    }
    if (!any) {
        free(buf);
        c->at_eof = true;
        return ERR_EOF;
    }
    if (len > 0 && buf[len - 1] == '\r')
        len--;
    *out = rt__str_new(buf, len);
    free(buf);
    return ERR_OK;
}

int32_t rt_eof_ch(int32_t ch) {
    rt_channel *c = find_channel(ch);
    if (!c)
        return ERR_INVALID_OP;
    struct stat st;
    off_t pos = lseek(c->fd, 0, SEEK_CUR);
    if (pos < 0 || fstat(c->fd, &st) != 0 || !S_ISREG(st.st_mode))
        return c->at_eof ? -1 : 0; /* not seekable: only a read that hit the end tells */
    return pos >= st.st_size ? -1 : 0;
}
