/*
 * io_text.c — Viper.IO.LineReader and Viper.IO.LineWriter (RUNTIME-SYSTEM §4.6, §4.7): buffered
 * text files over C stdio (no newline translation on POSIX).
 *
 * LineReader: opened with fopen "r"; one push-back byte. Read returns the bytes up to a line end
 * (`\n`, `\r\n` or a lone `\r`; the byte after `\r` is pushed back unless it is `\n`) without it.
 * Eof is set only when a read actually hits end of file: after the last `\n`-terminated line it is
 * still 0, the next Read returns "" and sets it; a last line without terminator is returned and
 * sets it. ReadChar/PeekChar give 0..255 or -1 at the end (setting Eof); ReadAll returns the rest.
 * get_Eof of NULL or a closed reader is 1; Close of NULL/closed does nothing; the finaliser closes.
 * Traps: `LineReader.Open: null path`, `LineReader.Open: failed to open file`,
 * `LineReader.<Fn>: null reader`, `LineReader.<Fn>: reader is closed`.
 *
 * LineWriter: fopen "w" (Open) or "a" (Append); data reaches the file on Flush, Close, a full stdio
 * buffer, finalisation or process exit (the VM shows nothing in the file before Close). The newline
 * string starts as "\n" (set_NewLine retains its argument; NULL restores "\n"). WriteChar writes
 * byte c only for 0 <= c <= 255. Traps: `LineWriter: null path`, `LineWriter: failed to open file`,
 * `LineWriter.<Fn>: null writer`, `LineWriter.<Fn>: writer is closed` (Write, WriteLn, WriteChar),
 * `LineWriter.set_NewLine: null writer`. Flush/Close of NULL or closed writers do nothing.
 * Returned strings are +1; arguments are borrowed.
 */
#include "rt_io_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- LineReader ------------------------------------------------------------------------------- */

typedef struct rt_linereader {
    void *vptr; /* NULL (collection convention) */
    FILE *fp;   /* NULL once closed */
    int pushback; /* -1 = empty */
    bool eof;
} rt_linereader;

static void lr_finalize(void *p) {
    rt_linereader *r = p;
    if (r->fp)
        fclose(r->fp);
    r->fp = NULL;
}

static rt_linereader *lr_of(void *p) { return rt__is_collection(p, lr_finalize) ? p : NULL; }

static rt_linereader *lr_arg(void *p, const char *fn) {
    rt_linereader *r = lr_of(p);
    if (!r)
        rt__trapf("LineReader.%s: null reader", fn);
    if (!r->fp)
        rt__trapf("LineReader.%s: reader is closed", fn);
    return r;
}

static int lr_get(rt_linereader *r) {
    if (r->pushback >= 0) {
        int c = r->pushback;
        r->pushback = -1;
        return c;
    }
    return fgetc(r->fp);
}

void *rt_linereader_open(rt_string path) {
    const char *p = rt__path_arg(path);
    if (!p)
        rt__trap("LineReader.Open: null path");
    FILE *fp = fopen(p, "r");
    if (!fp)
        rt__trap("LineReader.Open: failed to open file");
    rt_linereader *r = rt__collection_alloc(sizeof(rt_linereader), lr_finalize);
    r->fp = fp;
    r->pushback = -1;
    return r;
}

rt_string rt_linereader_read(void *p) {
    rt_linereader *r = lr_arg(p, "Read");
    rt_buf b = {0};
    for (;;) {
        int c = lr_get(r);
        if (c == EOF) {
            r->eof = true;
            break;
        }
        if (c == '\n')
            break;
        if (c == '\r') {
            int d = lr_get(r);
            if (d != '\n' && d != EOF)
                r->pushback = d;
            break;
        }
        rt__buf_putc(&b, (char)c);
    }
    return rt__buf_finish(&b);
}

int64_t rt_linereader_read_char(void *p) {
    rt_linereader *r = lr_arg(p, "ReadChar");
    int c = lr_get(r);
    if (c == EOF) {
        r->eof = true;
        return -1;
    }
    return c;
}

int64_t rt_linereader_peek_char(void *p) {
    rt_linereader *r = lr_arg(p, "PeekChar");
    int c = lr_get(r);
    if (c == EOF) {
        r->eof = true;
        return -1;
    }
    r->pushback = c;
    return c;
}

rt_string rt_linereader_read_all(void *p) {
    rt_linereader *r = lr_arg(p, "ReadAll");
    rt_buf b = {0};
    if (r->pushback >= 0) {
        rt__buf_putc(&b, (char)r->pushback);
        r->pushback = -1;
    }
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, r->fp)) > 0)
        rt__buf_put(&b, chunk, n);
    r->eof = true;
    return rt__buf_finish(&b);
}

bool rt_linereader_eof(void *p) {
    rt_linereader *r = lr_of(p);
    return !r || !r->fp || r->eof;
}

void rt_linereader_close(void *p) {
    rt_linereader *r = lr_of(p);
    if (r && r->fp) {
        fclose(r->fp);
        r->fp = NULL;
    }
}

/* ---- LineWriter ------------------------------------------------------------------------------- */

typedef struct rt_linewriter {
    void *vptr; /* NULL (collection convention) */
    FILE *fp;   /* NULL once closed */
    rt_string newline; /* owned; NULL means "\n" */
} rt_linewriter;

static void lw_finalize(void *p) {
    rt_linewriter *w = p;
    if (w->fp)
        fclose(w->fp);
    w->fp = NULL;
    rt_str_release_maybe(w->newline);
    w->newline = NULL;
}

static rt_linewriter *lw_of(void *p) { return rt__is_collection(p, lw_finalize) ? p : NULL; }

static rt_linewriter *lw_arg(void *p, const char *fn) {
    rt_linewriter *w = lw_of(p);
    if (!w)
        rt__trapf("LineWriter.%s: null writer", fn);
    if (!w->fp)
        rt__trapf("LineWriter.%s: writer is closed", fn);
    return w;
}

static void *lw_open(rt_string path, const char *mode) {
    const char *p = rt__path_arg(path);
    if (!p)
        rt__trap("LineWriter: null path");
    FILE *fp = fopen(p, mode);
    if (!fp)
        rt__trap("LineWriter: failed to open file");
    rt_linewriter *w = rt__collection_alloc(sizeof(rt_linewriter), lw_finalize);
    w->fp = fp;
    return w;
}

void *rt_linewriter_open(rt_string path) { return lw_open(path, "w"); }
void *rt_linewriter_append(rt_string path) { return lw_open(path, "a"); }

void rt_linewriter_write(void *p, rt_string s) {
    rt_linewriter *w = lw_arg(p, "Write");
    if (s)
        fwrite(rt__str_bytes(s), 1, rt__str_len(s), w->fp);
}

void rt_linewriter_write_ln(void *p, rt_string s) {
    rt_linewriter *w = lw_arg(p, "WriteLn");
    if (s)
        fwrite(rt__str_bytes(s), 1, rt__str_len(s), w->fp);
    if (w->newline)
        fwrite(rt__str_bytes(w->newline), 1, rt__str_len(w->newline), w->fp);
    else
        fputc('\n', w->fp);
}

void rt_linewriter_write_char(void *p, int64_t c) {
    rt_linewriter *w = lw_arg(p, "WriteChar");
    if (c >= 0 && c <= 255)
        fputc((int)c, w->fp);
}

void rt_linewriter_flush(void *p) {
    rt_linewriter *w = lw_of(p);
    if (w && w->fp)
        fflush(w->fp);
}

void rt_linewriter_close(void *p) {
    rt_linewriter *w = lw_of(p);
    if (w && w->fp) {
        fclose(w->fp);
        w->fp = NULL;
    }
}

rt_string rt_linewriter_newline(void *p) {
    rt_linewriter *w = lw_of(p);
    if (w && w->newline) {
        rt_str_retain_maybe(w->newline);
        return w->newline;
    }
    return rt__str_from_cstr("\n");
}

void rt_linewriter_set_newline(void *p, rt_string nl) {
    rt_linewriter *w = lw_of(p);
    if (!w)
        rt__trap("LineWriter.set_NewLine: null writer");
    rt_str_retain_maybe(nl);
    rt_str_release_maybe(w->newline);
    w->newline = nl;
}
