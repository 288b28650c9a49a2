/*
 * codec.c — Viper.Text.Codec (Base64Enc/Dec, HexEnc/Dec, UrlEncode/Decode) and the hex/base64
 * helpers shared with Bytes (rt_codec_internal.h).
 * Conventions: text arguments are borrowed (all their bytes are used; NULL acts as ""),
 * results are new +1 strings. Hex output is lowercase; hex input accepts either case. URL encoding
 * keeps A-Z a-z 0-9 `-` `_` `.` `~` and writes every other byte as `%xx` (lowercase hex); decoding
 * turns `%XX` (either case) back into bytes and keeps everything else, including `+`, unchanged.
 * Malformed input to a decoder traps `<Function>: invalid <what> input`.
 */
#include "rt_codec_internal.h"

#include <stdlib.h>
#include <string.h>

static const char rt_hex_digits[] = "0123456789abcdef";
static const char rt_b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int rt__hex_val(unsigned char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int rt_b64_val(unsigned char c) {
    const char *p = c ? strchr(rt_b64_alphabet, c) : NULL;
    return p ? (int)(p - rt_b64_alphabet) : -1;
}

rt_string rt__hex_encode(const uint8_t *p, size_t n) {
    if (n == 0)
        return rt_str_empty();
    rt_string r = rt__str_alloc(2 * n);
    for (size_t i = 0; i < n; i++) {
        r->data[2 * i] = rt_hex_digits[p[i] >> 4];
        r->data[2 * i + 1] = rt_hex_digits[p[i] & 15];
    }
    return r;
}

uint8_t *rt__hex_decode(const char *s, size_t n, size_t *out_n) {
    if (n % 2)
        return NULL;
    uint8_t *buf = rt__xmalloc(n / 2 + 1);
    for (size_t i = 0; i < n; i += 2) {
        int hi = rt__hex_val((unsigned char)s[i]), lo = rt__hex_val((unsigned char)s[i + 1]);
        if (hi < 0 || lo < 0) {
            free(buf);
            return NULL;
        }
        buf[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    *out_n = n / 2;
    return buf;
}

rt_string rt__base64_encode(const uint8_t *p, size_t n) {
    if (n == 0)
        return rt_str_empty();
    rt_string r = rt__str_alloc((n + 2) / 3 * 4);
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        r->data[o++] = rt_b64_alphabet[v >> 18 & 63];
        r->data[o++] = rt_b64_alphabet[v >> 12 & 63];
        r->data[o++] = i + 1 < n ? rt_b64_alphabet[v >> 6 & 63] : '=';
        r->data[o++] = i + 2 < n ? rt_b64_alphabet[v & 63] : '=';
    }
    return r;
}

uint8_t *rt__base64_decode(const char *s, size_t n, size_t *out_n) {
    size_t pad = 0;
    while (n > 0 && s[n - 1] == '=' && pad < 2) {
        n--;
        pad++;
    }
    if (n % 4 == 1 || (pad && (n + pad) % 4))
        return NULL;
    uint8_t *buf = rt__xmalloc(n * 3 / 4 + 3);
    size_t o = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int v = rt_b64_val((unsigned char)s[i]);
        if (v < 0) {
            free(buf);
            return NULL;
        }
        acc = acc << 6 | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            buf[o++] = (uint8_t)(acc >> bits);
        }
    }
    *out_n = o;
    return buf;
}

rt_string rt_codec_base64_enc(rt_string s) {
    return rt__base64_encode((const uint8_t *)rt__str_bytes(s), rt__str_len(s));
}

rt_string rt_codec_hex_enc(rt_string s) {
    return rt__hex_encode((const uint8_t *)rt__str_bytes(s), rt__str_len(s));
}

static rt_string rt_decoded_str(uint8_t *buf, size_t n, const char *what) {
    if (!buf)
        rt__trap(what);
    rt_string r = n ? rt__str_new((const char *)buf, n) : rt_str_empty();
    free(buf);
    return r;
}

rt_string rt_codec_base64_dec(rt_string s) {
    size_t n = 0;
    uint8_t *buf = rt__base64_decode(rt__str_bytes(s), rt__str_len(s), &n);
    return rt_decoded_str(buf, n, "Codec.Base64Dec: invalid base64 input");
}

rt_string rt_codec_hex_dec(rt_string s) {
    size_t n = 0;
    uint8_t *buf = rt__hex_decode(rt__str_bytes(s), rt__str_len(s), &n);
    return rt_decoded_str(buf, n, "Codec.HexDec: invalid hex input");
}

static bool rt_url_plain(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

rt_string rt_codec_url_encode(rt_string s) {
    const unsigned char *p = (const unsigned char *)rt__str_bytes(s);
    size_t n = rt__str_len(s), out = 0;
    for (size_t i = 0; i < n; i++)
        out += rt_url_plain(p[i]) ? 1 : 3;
    if (out == 0)
        return rt_str_empty();
    rt_string r = rt__str_alloc(out);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (rt_url_plain(p[i])) {
            r->data[o++] = (char)p[i];
        } else {
            r->data[o++] = '%';
            r->data[o++] = rt_hex_digits[p[i] >> 4];
            r->data[o++] = rt_hex_digits[p[i] & 15];
        }
    }
    return r;
}

rt_string rt_codec_url_decode(rt_string s) {
    const char *p = rt__str_bytes(s);
    size_t n = rt__str_len(s), o = 0;
    if (n == 0)
        return rt_str_empty();
    char *buf = rt__xmalloc(n);
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (p[i] == '%' && i + 2 < n &&
            (hi = rt__hex_val((unsigned char)p[i + 1])) >= 0 &&
            (lo = rt__hex_val((unsigned char)p[i + 2])) >= 0) {
            buf[o++] = (char)(hi << 4 | lo);
            i += 2;
        } else {
            buf[o++] = p[i];
        }
    }
    rt_string r = rt__str_new(buf, o);
    free(buf);
    return r;
}
