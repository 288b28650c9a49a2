/*
 * buf.c — a growable byte buffer (rt_buf, rt_codec_internal.h) used by the extended-tier files and
 * text.c (StringBuilder storage, Html results) to build result strings (bytes, formatted text,
 * UTF-8-encoded code points). Allocation failures trap `out of memory` (rt__xrealloc).
 */
#include "rt_codec_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rt__buf_reserve(rt_buf *b, size_t need) {
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 32;
    while (cap < need)
        cap *= 2;
    b->data = rt__xrealloc(b->data, cap);
    b->cap = cap;
}

void rt__buf_put(rt_buf *b, const char *p, size_t n) {
    if (n == 0)
        return;
    rt__buf_reserve(b, b->len + n + 1);
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void rt__buf_putc(rt_buf *b, char c) {
    rt__buf_put(b, &c, 1);
}

void rt__buf_puts(rt_buf *b, const char *s) {
    rt__buf_put(b, s, strlen(s));
}

void rt__buf_putf(rt_buf *b, const char *fmt, ...) {
    char small[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        rt__buf_put(b, small, (size_t)n);
        return;
    }
    char *big = rt__xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    rt__buf_put(b, big, (size_t)n);
    free(big);
}

void rt__buf_put_utf8(rt_buf *b, unsigned cp) {
    if (cp < 0x80) {
        rt__buf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        rt__buf_putc(b, (char)(0xC0 | (cp >> 6)));
        rt__buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        rt__buf_putc(b, (char)(0xE0 | (cp >> 12)));
        rt__buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        rt__buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    } else {
        rt__buf_putc(b, (char)(0xF0 | (cp >> 18)));
        rt__buf_putc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
        rt__buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        rt__buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    }
}

rt_string rt__buf_finish(rt_buf *b) {
    rt_string s = b->len ? rt__str_new(b->data, b->len) : rt_str_empty();
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}
