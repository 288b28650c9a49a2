/*
 * text.c — Viper.Text.StringBuilder, Viper.Text.Html (ToText/StripTags/Unescape/Escape) and
 * Viper.Crypto.Hash (Fast, FastInt, CRC32) (RUNTIME-ABI §3.11 and Appendix A).
 * A StringBuilder is a runtime collection object (class id 0, payload starts with a NULL word, see
 * rt_objects_internal.h) owning a growable byte buffer (rt_buf, buf.c; no spare NUL byte, so the
 * reported capacity is the reference's) that its finaliser frees; invariant len <= cap. Html
 * results are built in an rt_buf too. Strings returned are +1 (or the immortal empty string where documented).
 */
#include "rt_core_abi.h"
#include "rt_codec_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- StringBuilder --------------------------------------------------------------------------- */

typedef struct rt_sb {
    void *null_word; /* always NULL: marks a runtime-internal object */
    rt_buf b;        /* bytes in b.data[0..b.len); b.cap is the reported capacity */
} rt_sb;

#define RT_SB_INITIAL_CAP 128 /* matches the reference capacity report */

static void rt_sb_finalize(void *p) {
    rt_sb *sb = p;
    free(sb->b.data);
    sb->b = (rt_buf){0};
}

static rt_sb *rt_as_sb(void *p) {
    return (p && !rt__is_string(p) && rt__is_collection(p, rt_sb_finalize)) ? p : NULL;
}

void *rt_ns_stringbuilder_new(void) {
    rt_sb *sb = rt__collection_alloc(sizeof(rt_sb), rt_sb_finalize);
    sb->b.data = rt__xmalloc(RT_SB_INITIAL_CAP);
    sb->b.cap = RT_SB_INITIAL_CAP;
    return sb;
}

static void rt_sb_put(rt_sb *sb, const char *bytes, size_t n) {
    if (n == 0)
        return;
    if (n > SIZE_MAX / 2 - sb->b.len)
        rt__trap("StringBuilder: too long");
    rt__buf_reserve(&sb->b, sb->b.len + n); /* no spare NUL byte: capacity as the reference */
    memcpy(sb->b.data + sb->b.len, bytes, n);
    sb->b.len += n;
}

void *rt_text_sb_append(void *p, rt_string s) {
    rt_sb *sb = rt_as_sb(p);
    if (!sb)
        return p ? p : NULL;
    rt_sb_put(sb, rt__str_bytes(s), rt__str_len(s));
    return p;
}

void *rt_text_sb_append_line(void *p, rt_string s) {
    rt_sb *sb = rt_as_sb(p);
    if (!sb)
        return p ? p : NULL;
    rt_sb_put(sb, rt__str_bytes(s), rt__str_len(s));
    rt_sb_put(sb, "\n", 1);
    return p;
}

rt_string rt_text_sb_to_string(void *p) {
    rt_sb *sb = rt_as_sb(p);
    if (!sb || sb->b.len == 0)
        return rt_str_empty();
    return rt__str_new(sb->b.data, sb->b.len);
}

int64_t rt_text_sb_get_length(void *p) {
    rt_sb *sb = rt_as_sb(p);
    return sb ? (int64_t)sb->b.len : 0;
}

int64_t rt_text_sb_get_capacity(void *p) {
    rt_sb *sb = rt_as_sb(p);
    return sb ? (int64_t)sb->b.cap : 0;
}

void rt_text_sb_clear(void *p) {
    rt_sb *sb = rt_as_sb(p);
    if (sb)
        sb->b.len = 0;
}

/* Html results are always new +1 strings, also when empty (unlike rt__buf_finish). */
static rt_string rt_html_finish(rt_buf *b) {
    rt_string r = rt__str_new(b->data ? b->data : "", b->len);
    free(b->data);
    return r;
}

/* ---- Html ------------------------------------------------------------------------------------ */

/* Step 1 of ToText: drop tags, a space for each closing '>' (no doubles), trailing spaces cut. */
static void rt_html_strip(const char *s, rt_buf *out) {
    bool in_tag = false;
    for (; *s; s++) {
        if (*s == '<') {
            in_tag = true;
        } else if (*s == '>') {
            in_tag = false;
            if (out->len > 0 && out->data[out->len - 1] != ' ')
                rt__buf_put(out, " ", 1);
        } else if (!in_tag) {
            rt__buf_put(out, s, 1);
        }
    }
    while (out->len > 0 && out->data[out->len - 1] == ' ')
        out->len--;
}

static bool rt_ci_prefix(const char *s, const char *p) {
    for (; *p; s++, p++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != *p)
            return false;
    }
    return true;
}

/* Step 2 of ToText: decode the documented entities; any other '&' is kept. */
static void rt_html_decode(const char *s, size_t n, rt_buf *out) {
    static const struct {
        const char *name;
        char ch;
    } ents[] = {{"&lt;", '<'},    {"&gt;", '>'},   {"&amp;", '&'}, {"&quot;", '"'},
                {"&#39;", '\''}, {"&apos;", '\''}, {"&nbsp;", ' '}};
    for (size_t i = 0; i < n;) {
        if (s[i] != '&') {
            rt__buf_put(out, s + i, 1);
            i++;
            continue;
        }
        bool done = false;
        for (size_t e = 0; e < sizeof ents / sizeof ents[0] && !done; e++) {
            size_t el = strlen(ents[e].name);
            if (i + el <= n && rt_ci_prefix(s + i, ents[e].name)) {
                rt__buf_put(out, &ents[e].ch, 1);
                i += el;
                done = true;
            }
        }
        if (!done && i + 2 < n && s[i + 1] == '#') {
            size_t j = i + 2;
            bool hex = s[j] == 'x' || s[j] == 'X';
            if (hex)
                j++;
            long v = 0;
            size_t digits = 0;
            while (j < n && digits < 8) {
                char c = s[j];
                int d = (c >= '0' && c <= '9') ? c - '0'
                        : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10
                        : (hex && c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                        : -1;
                if (d < 0)
                    break;
                v = v * (hex ? 16 : 10) + d;
                j++;
                digits++;
            }
            if (digits > 0 && j < n && s[j] == ';' && v >= 1 && v <= 127) {
                char c = (char)v;
                rt__buf_put(out, &c, 1);
                i = j + 1;
                done = true;
            }
        }
        if (!done) {
            rt__buf_put(out, "&", 1);
            i++;
        }
    }
}

rt_string rt_html_to_text(rt_string s) {
    if (!s)
        return rt__str_new("", 0);
    rt_buf stripped = {0}, out = {0};
    rt_html_strip(s->data, &stripped);
    rt_html_decode(stripped.data ? stripped.data : "", stripped.len, &out);
    free(stripped.data);
    return rt_html_finish(&out);
}

rt_string rt_html_strip_tags(rt_string s) {
    if (!s)
        return rt__str_new("", 0);
    rt_buf out = {0};
    bool in_tag = false;
    for (const char *p = s->data; *p; p++) {
        if (*p == '<')
            in_tag = true;
        else if (*p == '>')
            in_tag = false;
        else if (!in_tag)
            rt__buf_put(&out, p, 1);
    }
    return rt_html_finish(&out);
}

rt_string rt_html_unescape(rt_string s) {
    if (!s)
        return rt__str_new("", 0);
    rt_buf out = {0};
    rt_html_decode(s->data, strlen(s->data), &out);
    return rt_html_finish(&out);
}

rt_string rt_html_escape(rt_string s) {
    if (!s)
        return rt__str_new("", 0);
    rt_buf out = {0};
    for (size_t i = 0; i < s->len; i++) {
        switch (s->data[i]) {
        case '<': rt__buf_put(&out, "&lt;", 4); break;
        case '>': rt__buf_put(&out, "&gt;", 4); break;
        case '&': rt__buf_put(&out, "&amp;", 5); break;
        case '"': rt__buf_put(&out, "&quot;", 6); break;
        case '\'': rt__buf_put(&out, "&#39;", 5); break;
        default: rt__buf_put(&out, s->data + i, 1);
        }
    }
    return rt_html_finish(&out);
}

/* ---- Hash ------------------------------------------------------------------------------------ */

int64_t rt_hash_fast(rt_string s) {
    const char *c = rt_string_cstr(s);
    return (int64_t)rt__fnv1a(c, strlen(c));
}

int64_t rt_hash_fast_int(int64_t v) {
    unsigned char b[8];
    uint64_t u = (uint64_t)v;
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(u >> (8 * i));
    return (int64_t)rt__fnv1a(b, 8);
}

int64_t rt_hash_crc32(rt_string s) {
    const char *c = rt_string_cstr(s);
    size_t n = strlen(c); /* bytes before the first NUL (RUNTIME-SYSTEM §8) */
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        crc ^= (unsigned char)c[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return (int64_t)(crc ^ 0xFFFFFFFFu);
}
