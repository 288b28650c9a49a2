/*
 * archive.c — Viper.IO.Archive (RUNTIME-SYSTEM §4.10): ZIP archives, methods 0 (stored) and 8
 * (deflate), no ZIP64, no encryption.
 *
 * Read mode (Open, FromBytes): the whole archive is held in memory; the end-of-central-directory
 * record is searched from the end (comment up to 64 KiB) and the central directory parsed (names,
 * sizes, CRCs, DOS times, local header offsets) — any inconsistency → trap `Archive: not a valid
 * ZIP file` (Open) / `Archive: not a valid ZIP archive` (FromBytes). Entry data is located through
 * the local header and checked (corrupt offset / signature / data, unsupported method, size and
 * CRC mismatch traps of §4.10).
 * Write mode (Create): the file is created/truncated at once (0644) and kept open; Add/AddStr/
 * AddFile/AddDir accumulate entries in memory (data over 64 bytes is deflated and kept compressed
 * only when smaller; times are local time now in DOS format); Finish writes local headers, data,
 * central directory (made by UNIX, 0644 files / 0755 directories) and the end record.
 * Entry names are normalised before use: NULL/empty, a leading `/` or `\`, a drive prefix `x:`, a
 * `..` component or a component containing `:` is invalid; `\` counts as `/`; empty and `.`
 * components are dropped. A name ending in a separator designates the directory entry `name/`.
 * Extract writes 0644 files without creating parents; ExtractAll creates directories with
 * Dir.MakeAll and refuses (`Archive: invalid entry name`) entry names that normalise to nothing
 * valid, so nothing is written outside the destination directory.
 * Info → Map {size, compressedSize, modifiedTime (the reference's rough day count, not a Unix
 * time), isDirectory}. Names/Read/Info results are new (+1); get_Path returns the path given to
 * Open/Create (+1; FromBytes: empty). NULL archives trap `Archive: NULL archive` where §4.10 says
 * so; get_Count/get_Names/Has of NULL give 0 / empty Seq / 0.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "rt_io_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SIG_LOCAL 0x04034b50u
#define SIG_CENTRAL 0x02014b50u
#define SIG_END 0x06054b50u

typedef struct zentry {
    char *name; /* malloc'd, NUL-terminated */
    uint16_t method, dtime, ddate;
    uint32_t crc, csize, usize, lho;
    uint8_t *data; /* write mode: stored/compressed bytes (malloc'd) */
} zentry;

typedef struct rt_archive {
    void *vptr; /* NULL (collection convention) */
    rt_string path; /* owned; NULL for FromBytes */
    bool write, finished;
    int fd; /* write mode, until Finish */
    uint8_t *buf; /* read mode: the whole archive */
    size_t buflen;
    zentry *ents;
    size_t n, cap;
} rt_archive;

static void ar_finalize(void *p) {
    rt_archive *a = p;
    for (size_t i = 0; i < a->n; i++) {
        free(a->ents[i].name);
        free(a->ents[i].data);
    }
    free(a->ents);
    free(a->buf);
    if (a->write && !a->finished && a->fd >= 0)
        close(a->fd);
    rt_str_release_maybe(a->path);
    a->ents = NULL;
    a->buf = NULL;
    a->path = NULL;
    a->n = 0;
}

static rt_archive *ar_of(void *p) { return rt__is_collection(p, ar_finalize) ? p : NULL; }

static rt_archive *ar_arg(void *p) {
    rt_archive *a = ar_of(p);
    if (!a)
        rt__trap("Archive: NULL archive");
    return a;
}

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static uint32_t rd32(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static zentry *add_entry(rt_archive *a) {
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 8;
        a->ents = rt__xrealloc(a->ents, a->cap * sizeof *a->ents);
    }
    zentry *e = &a->ents[a->n++];
    memset(e, 0, sizeof *e);
    return e;
}

/* ---- names ------------------------------------------------------------------------------------ */

static bool is_sep(char c) { return c == '/' || c == '\\'; }

/* Normalised name (malloc'd) with `/` appended when dir_slash and the input ends in a separator;
 * NULL when invalid. */
static char *normalize(const char *s, bool dir_slash) {
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || is_sep(s[0]) || (n >= 2 && s[1] == ':'))
        return NULL;
    rt_buf b = {0};
    for (size_t i = 0; i < n;) {
        while (i < n && is_sep(s[i]))
            i++;
        size_t st = i;
        while (i < n && !is_sep(s[i]))
            i++;
        size_t len = i - st;
        if (len == 0 || (len == 1 && s[st] == '.'))
            continue;
        if ((len == 2 && s[st] == '.' && s[st + 1] == '.') || memchr(s + st, ':', len)) {
            free(b.data);
            return NULL;
        }
        if (b.len)
            rt__buf_putc(&b, '/');
        rt__buf_put(&b, s + st, len);
    }
    if (b.len == 0) {
        free(b.data);
        return NULL;
    }
    if (dir_slash && is_sep(s[n - 1]))
        rt__buf_putc(&b, '/');
    rt__buf_putc(&b, 0);
    return b.data;
}

static zentry *find(rt_archive *a, const char *key) {
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->ents[i].name, key) == 0)
            return &a->ents[i];
    return NULL;
}

/* The entry for a user-supplied name, trapping as Read does. */
static zentry *lookup(rt_archive *a, rt_string name, const char *mode_trap) {
    if (a->write)
        rt__trap(mode_trap);
    if (!name)
        rt__trap("Archive: NULL entry name");
    char *key = normalize(rt__str_bytes(name), true);
    if (!key)
        rt__trap("Archive: invalid entry name");
    zentry *e = find(a, key);
    free(key);
    if (!e)
        rt__trap("Archive: entry not found");
    return e;
}

/* ---- reading ---------------------------------------------------------------------------------- */

static bool parse(rt_archive *a) {
    const uint8_t *b = a->buf;
    size_t len = a->buflen;
    if (len < 22)
        return false;
    size_t end = (size_t)-1;
    size_t lo = len - 22 > 65535 ? len - 22 - 65535 : 0;
    for (size_t i = len - 22 + 1; i-- > lo;) {
        if (rd32(b + i) == SIG_END && i + 22 + rd16(b + i + 20) <= len) {
            end = i;
            break;
        }
    }
    if (end == (size_t)-1)
        return false;
    size_t count = rd16(b + end + 10);
    size_t cd_size = rd32(b + end + 12), cd_off = rd32(b + end + 16);
    if (cd_off > end || cd_size > end - cd_off)
        return false;
    size_t pos = cd_off, cd_end = cd_off + cd_size;
    for (size_t k = 0; k < count; k++) {
        if (pos + 46 > cd_end || rd32(b + pos) != SIG_CENTRAL)
            return false;
        size_t nlen = rd16(b + pos + 28), xlen = rd16(b + pos + 30), clen = rd16(b + pos + 32);
        if (pos + 46 + nlen + xlen + clen > cd_end)
            return false;
        zentry *e = add_entry(a);
        e->method = rd16(b + pos + 10);
        e->dtime = rd16(b + pos + 12);
        e->ddate = rd16(b + pos + 14);
        e->crc = rd32(b + pos + 16);
        e->csize = rd32(b + pos + 20);
        e->usize = rd32(b + pos + 24);
        e->lho = rd32(b + pos + 42);
        e->name = rt__xmalloc(nlen + 1);
        memcpy(e->name, b + pos + 46, nlen);
        e->name[nlen] = 0;
        pos += 46 + nlen + xlen + clen;
    }
    return true;
}

static rt_archive *new_reader(uint8_t *data, size_t n, rt_string path, const char *bad) {
    rt_archive *a = rt__collection_alloc(sizeof(rt_archive), ar_finalize);
    a->fd = -1;
    a->buf = data;
    a->buflen = n;
    if (!parse(a)) {
        rt__obj_release_and_free(a);
        rt__trap(bad);
    }
    rt_str_retain_maybe(path);
    a->path = path;
    return a;
}

void *rt_archive_open(rt_string path) {
    const char *p = rt__path_arg(path);
    if (!p || !*p)
        rt__trap("Archive: invalid path");
    uint8_t *data;
    size_t n;
    switch (rt__read_file(p, &data, &n)) {
    case 0:
        break;
    case 1:
        rt__trap("Archive: file not found");
    case 2:
        rt__trap("Archive: failed to get file size");
    default:
        rt__trap("Archive: failed to read file");
    }
    return new_reader(data, n, path, "Archive: not a valid ZIP file");
}

void *rt_archive_from_bytes(void *bytes) {
    rt_bytes *b = rt__bytes_of(bytes);
    if (!b)
        rt__trap("Archive: NULL data");
    uint8_t *copy = rt__xmalloc((size_t)b->len + 1);
    if (b->len)
        memcpy(copy, b->data, (size_t)b->len);
    return new_reader(copy, (size_t)b->len, NULL, "Archive: not a valid ZIP archive");
}

/* Uncompressed data of e (malloc'd, *n bytes) or trap. */
static uint8_t *entry_data(rt_archive *a, const zentry *e, size_t *n) {
    const uint8_t *b = a->buf;
    if ((size_t)e->lho + 30 > a->buflen)
        rt__trap("Archive: corrupt local header offset");
    if (rd32(b + e->lho) != SIG_LOCAL)
        rt__trap("Archive: invalid local header signature");
    size_t off = (size_t)e->lho + 30 + rd16(b + e->lho + 26) + rd16(b + e->lho + 28);
    if (off > a->buflen || e->csize > a->buflen - off)
        rt__trap("Archive: corrupt entry data");
    uint8_t *out = NULL;
    size_t on = 0;
    if (e->method == 0) {
        if (e->csize != e->usize)
            rt__trap("Archive: size mismatch");
        on = e->csize;
        out = rt__xmalloc(on + 1);
        memcpy(out, b + off, on);
    } else if (e->method == 8) {
        if (rt__inflate_raw(b + off, e->csize, &out, &on, NULL) != RT_INFLATE_OK)
            rt__trap("Archive: corrupt entry data");
        if (on != e->usize) {
            free(out);
            rt__trap("Archive: size mismatch");
        }
    } else {
        rt__trap("Archive: unsupported compression method");
    }
    if (rt__crc32(0, out, on) != e->crc) {
        free(out);
        rt__trap("Archive: CRC mismatch");
    }
    *n = on;
    return out;
}

rt_string rt_archive_path(void *p) {
    rt_archive *a = ar_of(p);
    if (!a || !a->path)
        return rt_str_empty();
    rt_str_retain_maybe(a->path);
    return a->path;
}

int64_t rt_archive_count(void *p) {
    rt_archive *a = ar_of(p);
    return a ? (int64_t)a->n : 0;
}

void *rt_archive_names(void *p) {
    rt_archive *a = ar_of(p);
    void *seq = rt_seq_new();
    for (size_t i = 0; a && i < a->n; i++)
        rt__seq_push_bytes(seq, a->ents[i].name, strlen(a->ents[i].name));
    return seq;
}

bool rt_archive_has(void *p, rt_string name) {
    rt_archive *a = ar_of(p);
    if (!a || a->write || !name)
        return false;
    char *key = normalize(rt__str_bytes(name), true);
    bool r = key && find(a, key);
    free(key);
    return r;
}

void *rt_archive_read(void *p, rt_string name) {
    rt_archive *a = ar_arg(p);
    zentry *e = lookup(a, name, "Archive: cannot read from write-only archive");
    size_t n;
    uint8_t *d = entry_data(a, e, &n);
    rt_bytes *b = rt__bytes_from(d, n);
    free(d);
    return b;
}

rt_string rt_archive_read_str(void *p, rt_string name) {
    rt_archive *a = ar_arg(p);
    zentry *e = lookup(a, name, "Archive: cannot read from write-only archive");
    size_t n;
    uint8_t *d = entry_data(a, e, &n);
    rt_string s = n ? rt__str_new((const char *)d, n) : rt_str_empty();
    free(d);
    return s;
}

static void write_dest(const char *dest, const uint8_t *d, size_t n) {
    switch (rt__write_file(dest, d, n, 0644)) {
    case 0:
        return;
    case 1:
        rt__trap("Archive: failed to create destination file");
    default:
        rt__trap("Archive: failed to write destination file");
    }
}

void rt_archive_extract(void *p, rt_string name, rt_string dest) {
    rt_archive *a = ar_arg(p);
    zentry *e = lookup(a, name, "Archive: cannot extract from write-only archive");
    const char *dp = rt__path_arg(dest);
    if (!dp || !*dp)
        rt__trap("Archive: invalid destination path");
    size_t n;
    uint8_t *d = entry_data(a, e, &n);
    write_dest(dp, d, n);
    free(d);
}

void rt_archive_extract_all(void *p, rt_string dir) {
    rt_archive *a = ar_arg(p);
    if (a->write)
        rt__trap("Archive: cannot extract from write-only archive");
    const char *dp = rt__path_arg(dir);
    if (!dp || !*dp)
        rt__trap("Archive: invalid destination directory");
    for (size_t i = 0; i < a->n; i++) {
        const zentry *e = &a->ents[i];
        char *rel = normalize(e->name, false);
        if (!rel)
            rt__trap("Archive: invalid entry name");
        rt_string rs = rt__str_from_cstr(rel);
        rt_string full = rt_path_join(dir, rs);
        size_t nl = strlen(e->name);
        if (nl > 0 && is_sep(e->name[nl - 1])) {
            rt_dir_make_all(full);
        } else {
            rt_string parent = rt_path_dir(full);
            rt_dir_make_all(parent);
            rt_str_release_maybe(parent);
            size_t n;
            uint8_t *d = entry_data(a, e, &n);
            write_dest(rt__str_bytes(full), d, n);
            free(d);
        }
        rt_str_release_maybe(full);
        rt_str_release_maybe(rs);
        free(rel);
    }
}

static void map_put(void *m, const char *key, void *box) {
    rt_string k = rt__str_from_cstr(key);
    rt_map_set(m, k, box);
    rt_str_release_maybe(k);
    rt__obj_release_and_free(box);
}

void *rt_archive_info(void *p, rt_string name) {
    rt_archive *a = ar_arg(p);
    zentry *e = lookup(a, name, "Archive: cannot get info from write-only archive");
    int64_t year = 1980 + (e->ddate >> 9), month = (e->ddate >> 5) & 15, day = e->ddate & 31;
    int64_t h = e->dtime >> 11, mi = (e->dtime >> 5) & 63, s = (e->dtime & 31) * 2;
    int64_t t = ((year - 1970) * 365 + (month - 1) * 30 + (day - 1)) * 86400 + h * 3600 + mi * 60 + s;
    size_t nl = strlen(e->name);
    void *m = rt_map_new();
    map_put(m, "size", rt_box_i64(e->usize));
    map_put(m, "compressedSize", rt_box_i64(e->csize));
    map_put(m, "modifiedTime", rt_box_i64(t));
    map_put(m, "isDirectory", rt_box_i1(nl > 0 && e->name[nl - 1] == '/'));
    return m;
}

bool rt_archive_is_zip(rt_string path) {
    const char *p = rt__path_arg(path);
    if (!p)
        return false;
    int fd = open(p, O_RDONLY);
    if (fd < 0)
        return false;
    uint8_t sig[4];
    ssize_t r = read(fd, sig, 4);
    close(fd);
    return r == 4 && rd32(sig) == SIG_LOCAL;
}

bool rt_archive_is_zip_bytes(void *bytes) {
    rt_bytes *b = rt__bytes_of(bytes);
    return b && b->len >= 4 && rd32(b->data) == SIG_LOCAL;
}

/* ---- writing ---------------------------------------------------------------------------------- */

void *rt_archive_create(rt_string path) {
    const char *p = rt__path_arg(path);
    if (!p || !*p)
        rt__trap("Archive: invalid path");
    int fd;
    do {
        fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        rt__trap("Archive: failed to create file");
    rt_archive *a = rt__collection_alloc(sizeof(rt_archive), ar_finalize);
    a->write = true;
    a->fd = fd;
    rt_str_retain_maybe(path);
    a->path = path;
    return a;
}

static rt_archive *writer(void *p) {
    rt_archive *a = ar_arg(p);
    if (!a->write)
        rt__trap("Archive: cannot add to read-only archive");
    if (a->finished)
        rt__trap("Archive: archive already finished");
    return a;
}

static void dos_now(uint16_t *dtime, uint16_t *ddate) {
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm) || tm.tm_year < 80) {
        *dtime = 0;
        *ddate = (1 << 5) | 1; /* 1980-01-01 */
        return;
    }
    *dtime = (uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
    *ddate = (uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

/* Add an entry named `key` (taken over) holding n bytes. */
static void add_data(rt_archive *a, char *key, const uint8_t *d, size_t n) {
    zentry *e = add_entry(a);
    e->name = key;
    e->usize = (uint32_t)n;
    e->crc = rt__crc32(0, d, n);
    dos_now(&e->dtime, &e->ddate);
    if (n > 64) {
        size_t cn = 0;
        uint8_t *c = rt__deflate_raw(d, n, 6, &cn);
        if (cn < n) {
            e->method = 8;
            e->data = c;
            e->csize = (uint32_t)cn;
            return;
        }
        free(c);
    }
    e->method = 0;
    e->data = rt__xmalloc(n + 1);
    if (n)
        memcpy(e->data, d, n);
    e->csize = (uint32_t)n;
}

static char *entry_key(rt_string name) {
    char *key = name ? normalize(rt__str_bytes(name), false) : NULL;
    if (!key)
        rt__trap("Archive: invalid entry name");
    return key;
}

void rt_archive_add(void *p, rt_string name, void *bytes) {
    rt_archive *a = writer(p);
    char *key = entry_key(name);
    rt_bytes *b = rt__bytes_of(bytes);
    add_data(a, key, b ? b->data : NULL, b ? (size_t)b->len : 0);
}

void rt_archive_add_str(void *p, rt_string name, rt_string text) {
    rt_archive *a = writer(p);
    char *key = entry_key(name);
    add_data(a, key, (const uint8_t *)rt__str_bytes(text), rt__str_len(text));
}

void rt_archive_add_file(void *p, rt_string name, rt_string src) {
    rt_archive *a = writer(p);
    char *key = entry_key(name);
    const char *sp = rt__path_arg(src);
    if (!sp || !*sp) {
        free(key);
        rt__trap("Archive: invalid source path");
    }
    uint8_t *d;
    size_t n;
    int rc = rt__read_file(sp, &d, &n);
    if (rc != 0) {
        free(key);
        rt__trap(rc == 1 && access(sp, F_OK) != 0 ? "Archive: source file not found"
                                                  : "Archive: failed to read source file");
    }
    add_data(a, key, d, n);
    free(d);
}

void rt_archive_add_dir(void *p, rt_string name) {
    rt_archive *a = writer(p);
    char *key = entry_key(name);
    size_t k = strlen(key);
    key = rt__xrealloc(key, k + 2);
    key[k] = '/';
    key[k + 1] = 0;
    add_data(a, key, NULL, 0);
}

static void put16(rt_buf *b, unsigned v) {
    char t[2] = {(char)(v & 0xFF), (char)((v >> 8) & 0xFF)};
    rt__buf_put(b, t, 2);
}

static void put32(rt_buf *b, uint32_t v) {
    put16(b, v & 0xFFFF);
    put16(b, v >> 16);
}

void rt_archive_finish(void *p) {
    rt_archive *a = ar_arg(p);
    if (!a->write)
        rt__trap("Archive: cannot finish read-only archive");
    if (a->finished)
        rt__trap("Archive: archive already finished");
    rt_buf b = {0};
    for (size_t i = 0; i < a->n; i++) {
        zentry *e = &a->ents[i];
        size_t nl = strlen(e->name);
        e->lho = (uint32_t)b.len;
        put32(&b, SIG_LOCAL);
        put16(&b, e->method == 8 ? 20 : 10); /* version needed */
        put16(&b, 0);                        /* flags */
        put16(&b, e->method);
        put16(&b, e->dtime);
        put16(&b, e->ddate);
        put32(&b, e->crc);
        put32(&b, e->csize);
        put32(&b, e->usize);
        put16(&b, (unsigned)nl);
        put16(&b, 0);
        rt__buf_put(&b, e->name, nl);
        rt__buf_put(&b, (const char *)e->data, e->csize);
    }
    size_t cd_off = b.len;
    for (size_t i = 0; i < a->n; i++) {
        const zentry *e = &a->ents[i];
        size_t nl = strlen(e->name);
        bool dir = nl > 0 && e->name[nl - 1] == '/';
        put32(&b, SIG_CENTRAL);
        put16(&b, 0x031E); /* made by UNIX, spec 3.0 */
        put16(&b, e->method == 8 ? 20 : 10);
        put16(&b, 0);
        put16(&b, e->method);
        put16(&b, e->dtime);
        put16(&b, e->ddate);
        put32(&b, e->crc);
        put32(&b, e->csize);
        put32(&b, e->usize);
        put16(&b, (unsigned)nl);
        put16(&b, 0); /* extra */
        put16(&b, 0); /* comment */
        put16(&b, 0); /* disk */
        put16(&b, 0); /* internal attributes */
        put32(&b, dir ? ((040755u << 16) | 0x10) : (0100644u << 16));
        put32(&b, e->lho);
        rt__buf_put(&b, e->name, nl);
    }
    size_t cd_size = b.len - cd_off;
    put32(&b, SIG_END);
    put16(&b, 0);
    put16(&b, 0);
    put16(&b, (unsigned)a->n);
    put16(&b, (unsigned)a->n);
    put32(&b, (uint32_t)cd_size);
    put32(&b, (uint32_t)cd_off);
    put16(&b, 0);
    a->finished = true;
    bool ok = true;
    const char *q = b.data;
    size_t left = b.len;
    while (left > 0) {
        ssize_t w = write(a->fd, q, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            ok = false;
            break;
        }
        q += w;
        left -= (size_t)w;
    }
    if (close(a->fd) != 0)
        ok = false;
    a->fd = -1;
    free(b.data);
    if (!ok)
        rt__trap("Archive: failed to write archive file");
}
