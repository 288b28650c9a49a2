/*
 * deflate.c — the DEFLATE codec (RFC 1951) and the checksums used by Compress, Archive and Hash:
 * CRC-32 (IEEE, table-driven) and Adler-32, plus zlib (RFC 1950) framing helpers.
 *
 * Inflate accepts stored, fixed-Huffman and dynamic-Huffman blocks; Huffman decoding uses a 9-bit
 * lookup table with a canonical bit-by-bit fallback for longer codes. Code-length sets must be
 * complete (or a single code of length 1), as zlib requires. Errors: input ending before the last
 * block (RT_INFLATE_EOF, "Inflate: unexpected end of data"), block type 3 (RT_INFLATE_BAD_BLOCK,
 * "Inflate: invalid block type"), everything else (bad lengths, over-subscribed or incomplete
 * codes, invalid symbols, distances before the start of the output, LEN/NLEN mismatch:
 * RT_INFLATE_BAD_DATA, "Inflate: invalid compressed data").
 *
 * Deflate: LZ77 over a 32 KiB window with hash chains (3-byte hash) and zlib's per-level
 * parameters (good/lazy/nice/chain; greedy for levels 1-3, lazy evaluation for 4-9; a 3-byte match
 * farther than 4096 is dropped). Symbols are collected into blocks of at most 16384; each block is
 * written as whichever of stored, fixed or dynamic Huffman is smallest. Huffman code lengths are
 * limited (15 for literal/length and distance codes, 7 for the code-length code) by halving the
 * frequencies until the optimal tree fits, so every code is complete. The exact bytes differ from
 * zlib's (RUNTIME-SYSTEM §4.11 and RUNTIME-EXTENDED §14: the reference uses its own encoder and
 * only round trips are observable); any conforming inflater reads the output.
 * Buffers are malloc'd (rt__xmalloc: allocation failure traps `out of memory`).
 */
#include "rt_io_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- CRC-32 / Adler-32 ------------------------------------------------------------------------ */

static const uint32_t crc_table[256] = {
    0x00000000u, 0x77073096u, 0xee0e612cu, 0x990951bau, 0x076dc419u, 0x706af48fu,
    0xe963a535u, 0x9e6495a3u, 0x0edb8832u, 0x79dcb8a4u, 0xe0d5e91eu, 0x97d2d988u,
    0x09b64c2bu, 0x7eb17cbdu, 0xe7b82d07u, 0x90bf1d91u, 0x1db71064u, 0x6ab020f2u,
    0xf3b97148u, 0x84be41deu, 0x1adad47du, 0x6ddde4ebu, 0xf4d4b551u, 0x83d385c7u,
    0x136c9856u, 0x646ba8c0u, 0xfd62f97au, 0x8a65c9ecu, 0x14015c4fu, 0x63066cd9u,
    0xfa0f3d63u, 0x8d080df5u, 0x3b6e20c8u, 0x4c69105eu, 0xd56041e4u, 0xa2677172u,
    0x3c03e4d1u, 0x4b04d447u, 0xd20d85fdu, 0xa50ab56bu, 0x35b5a8fau, 0x42b2986cu,
    0xdbbbc9d6u, 0xacbcf940u, 0x32d86ce3u, 0x45df5c75u, 0xdcd60dcfu, 0xabd13d59u,
    0x26d930acu, 0x51de003au, 0xc8d75180u, 0xbfd06116u, 0x21b4f4b5u, 0x56b3c423u,
    0xcfba9599u, 0xb8bda50fu, 0x2802b89eu, 0x5f058808u, 0xc60cd9b2u, 0xb10be924u,
    0x2f6f7c87u, 0x58684c11u, 0xc1611dabu, 0xb6662d3du, 0x76dc4190u, 0x01db7106u,
    0x98d220bcu, 0xefd5102au, 0x71b18589u, 0x06b6b51fu, 0x9fbfe4a5u, 0xe8b8d433u,
    0x7807c9a2u, 0x0f00f934u, 0x9609a88eu, 0xe10e9818u, 0x7f6a0dbbu, 0x086d3d2du,
    0x91646c97u, 0xe6635c01u, 0x6b6b51f4u, 0x1c6c6162u, 0x856530d8u, 0xf262004eu,
    0x6c0695edu, 0x1b01a57bu, 0x8208f4c1u, 0xf50fc457u, 0x65b0d9c6u, 0x12b7e950u,
    0x8bbeb8eau, 0xfcb9887cu, 0x62dd1ddfu, 0x15da2d49u, 0x8cd37cf3u, 0xfbd44c65u,
    0x4db26158u, 0x3ab551ceu, 0xa3bc0074u, 0xd4bb30e2u, 0x4adfa541u, 0x3dd895d7u,
    0xa4d1c46du, 0xd3d6f4fbu, 0x4369e96au, 0x346ed9fcu, 0xad678846u, 0xda60b8d0u,
    0x44042d73u, 0x33031de5u, 0xaa0a4c5fu, 0xdd0d7cc9u, 0x5005713cu, 0x270241aau,
    0xbe0b1010u, 0xc90c2086u, 0x5768b525u, 0x206f85b3u, 0xb966d409u, 0xce61e49fu,
    0x5edef90eu, 0x29d9c998u, 0xb0d09822u, 0xc7d7a8b4u, 0x59b33d17u, 0x2eb40d81u,
    0xb7bd5c3bu, 0xc0ba6cadu, 0xedb88320u, 0x9abfb3b6u, 0x03b6e20cu, 0x74b1d29au,
    0xead54739u, 0x9dd277afu, 0x04db2615u, 0x73dc1683u, 0xe3630b12u, 0x94643b84u,
    0x0d6d6a3eu, 0x7a6a5aa8u, 0xe40ecf0bu, 0x9309ff9du, 0x0a00ae27u, 0x7d079eb1u,
    0xf00f9344u, 0x8708a3d2u, 0x1e01f268u, 0x6906c2feu, 0xf762575du, 0x806567cbu,
    0x196c3671u, 0x6e6b06e7u, 0xfed41b76u, 0x89d32be0u, 0x10da7a5au, 0x67dd4accu,
    0xf9b9df6fu, 0x8ebeeff9u, 0x17b7be43u, 0x60b08ed5u, 0xd6d6a3e8u, 0xa1d1937eu,
    0x38d8c2c4u, 0x4fdff252u, 0xd1bb67f1u, 0xa6bc5767u, 0x3fb506ddu, 0x48b2364bu,
    0xd80d2bdau, 0xaf0a1b4cu, 0x36034af6u, 0x41047a60u, 0xdf60efc3u, 0xa867df55u,
    0x316e8eefu, 0x4669be79u, 0xcb61b38cu, 0xbc66831au, 0x256fd2a0u, 0x5268e236u,
    0xcc0c7795u, 0xbb0b4703u, 0x220216b9u, 0x5505262fu, 0xc5ba3bbeu, 0xb2bd0b28u,
    0x2bb45a92u, 0x5cb36a04u, 0xc2d7ffa7u, 0xb5d0cf31u, 0x2cd99e8bu, 0x5bdeae1du,
    0x9b64c2b0u, 0xec63f226u, 0x756aa39cu, 0x026d930au, 0x9c0906a9u, 0xeb0e363fu,
    0x72076785u, 0x05005713u, 0x95bf4a82u, 0xe2b87a14u, 0x7bb12baeu, 0x0cb61b38u,
    0x92d28e9bu, 0xe5d5be0du, 0x7cdcefb7u, 0x0bdbdf21u, 0x86d3d2d4u, 0xf1d4e242u,
    0x68ddb3f8u, 0x1fda836eu, 0x81be16cdu, 0xf6b9265bu, 0x6fb077e1u, 0x18b74777u,
    0x88085ae6u, 0xff0f6a70u, 0x66063bcau, 0x11010b5cu, 0x8f659effu, 0xf862ae69u,
    0x616bffd3u, 0x166ccf45u, 0xa00ae278u, 0xd70dd2eeu, 0x4e048354u, 0x3903b3c2u,
    0xa7672661u, 0xd06016f7u, 0x4969474du, 0x3e6e77dbu, 0xaed16a4au, 0xd9d65adcu,
    0x40df0b66u, 0x37d83bf0u, 0xa9bcae53u, 0xdebb9ec5u, 0x47b2cf7fu, 0x30b5ffe9u,
    0xbdbdf21cu, 0xcabac28au, 0x53b39330u, 0x24b4a3a6u, 0xbad03605u, 0xcdd70693u,
    0x54de5729u, 0x23d967bfu, 0xb3667a2eu, 0xc4614ab8u, 0x5d681b02u, 0x2a6f2b94u,
    0xb40bbe37u, 0xc30c8ea1u, 0x5a05df1bu, 0x2d02ef8du,
};

uint32_t rt__crc32(uint32_t crc, const void *p, size_t n) {
    const uint8_t *b = p;
    crc = ~crc;
    for (size_t i = 0; i < n; i++)
        crc = crc_table[(crc ^ b[i]) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

uint32_t rt__adler32(uint32_t adler, const void *p, size_t n) {
    const uint8_t *b = p;
    uint32_t a = adler & 0xFFFF, s = adler >> 16;
    while (n > 0) {
        size_t k = n < 5552 ? n : 5552; /* largest run without 32-bit overflow */
        n -= k;
        while (k--) {
            a += *b++;
            s += a;
        }
        a %= 65521;
        s %= 65521;
    }
    return (s << 16) | a;
}

/* ---- shared tables ---------------------------------------------------------------------------- */

static const uint16_t len_base[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                      31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {1,    2,    3,    4,    5,    7,     9,     13,    17,  25,
                                       33,   49,   65,   97,   129,  193,   257,   385,   513, 769,
                                       1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
static const uint8_t clen_order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

static unsigned reverse_bits(unsigned v, int n) {
    unsigned r = 0;
    for (int i = 0; i < n; i++) {
        r = (r << 1) | (v & 1);
        v >>= 1;
    }
    return r;
}

/* ---- output buffer ---------------------------------------------------------------------------- */

typedef struct obuf {
    uint8_t *p;
    size_t n, cap;
} obuf;

static void ob_reserve(obuf *o, size_t extra) {
    if (o->cap - o->n >= extra)
        return;
    size_t cap = o->cap ? o->cap : 256;
    while (cap - o->n < extra)
        cap *= 2;
    o->p = rt__xrealloc(o->p, cap);
    o->cap = cap;
}

static void ob_put(obuf *o, uint8_t b) {
    if (o->n == o->cap)
        ob_reserve(o, 1);
    o->p[o->n++] = b;
}

/* ---- inflate ---------------------------------------------------------------------------------- */

#define FASTBITS 9

typedef struct huff {
    int16_t count[16];   /* codes per length */
    int16_t symbol[288]; /* symbols ordered by code */
    uint16_t fast[1 << FASTBITS]; /* (len << 9) | symbol for codes of <= FASTBITS bits, 0 = none */
} huff;

typedef struct inf {
    const uint8_t *in;
    size_t n, pos;
    uint64_t bb; /* bit buffer, LSB first */
    int bc;      /* bits in bb */
    int over;    /* zero bits appended past the end of the input (phantom) */
    int err;
    obuf out;
} inf;

static void fill(inf *s, int k) {
    while (s->bc < k) {
        uint64_t b = 0;
        if (s->pos < s->n)
            b = s->in[s->pos++];
        else
            s->over += 8;
        s->bb |= b << s->bc;
        s->bc += 8;
    }
}

static void consume(inf *s, int k) {
    s->bb >>= k;
    s->bc -= k;
    if (s->bc < s->over && !s->err)
        s->err = RT_INFLATE_EOF;
}

static unsigned getbits(inf *s, int k) {
    if (k == 0)
        return 0;
    fill(s, k);
    unsigned v = (unsigned)(s->bb & ((1u << k) - 1));
    consume(s, k);
    return v;
}

/* Build decoding tables for n code lengths. Returns 0 for a complete code, > 0 incomplete,
 * < 0 over-subscribed (tables unusable). */
static int huff_build(huff *h, const uint8_t *len, int n) {
    int16_t offs[16];
    memset(h->count, 0, sizeof h->count);
    for (int i = 0; i < n; i++)
        h->count[len[i]]++;
    memset(h->fast, 0, sizeof h->fast);
    if (h->count[0] == n)
        return 0; /* no codes: complete but decodes nothing */
    int left = 1;
    for (int l = 1; l < 16; l++) {
        left <<= 1;
        left -= h->count[l];
        if (left < 0)
            return left;
    }
    offs[1] = 0;
    for (int l = 1; l < 15; l++)
        offs[l + 1] = (int16_t)(offs[l] + h->count[l]);
    for (int i = 0; i < n; i++)
        if (len[i])
            h->symbol[offs[len[i]]++] = (int16_t)i;
    /* canonical codes of the short lengths into the lookup table */
    unsigned next[16];
    unsigned code = 0;
    h->count[0] = 0;
    for (int l = 1; l < 16; l++) {
        code = (code + (unsigned)h->count[l - 1]) << 1;
        next[l] = code;
    }
    for (int i = 0; i < n; i++) {
        int l = len[i];
        if (!l)
            continue;
        unsigned c = next[l]++;
        if (l > FASTBITS)
            continue;
        unsigned r = reverse_bits(c, l);
        for (unsigned j = r; j < (1u << FASTBITS); j += 1u << l)
            h->fast[j] = (uint16_t)((l << 9) | i);
    }
    return left;
}

/* Next symbol, or -1 for a code not in the table. */
static int decode(inf *s, const huff *h) {
    fill(s, FASTBITS);
    unsigned e = h->fast[s->bb & ((1u << FASTBITS) - 1)];
    if (e) {
        consume(s, (int)(e >> 9));
        return (int)(e & 511);
    }
    int code = 0, first = 0, index = 0;
    for (int l = 1; l < 16; l++) {
        code |= (int)getbits(s, 1);
        int count = h->count[l];
        if (code - count < first)
            return h->symbol[index + (code - first)];
        index += count;
        first += count;
        first <<= 1;
        code <<= 1;
        if (s->err)
            return -1;
    }
    return -1;
}

static int inflate_stored(inf *s) {
    consume(s, s->bc & 7); /* to a byte boundary */
    unsigned len = getbits(s, 16);
    unsigned nlen = getbits(s, 16);
    if (s->err)
        return s->err;
    if (len != (~nlen & 0xFFFF))
        return RT_INFLATE_BAD_DATA;
    ob_reserve(&s->out, len);
    while (len > 0 && s->bc >= 8) {
        unsigned b = getbits(s, 8);
        if (s->err)
            return s->err;
        s->out.p[s->out.n++] = (uint8_t)b;
        len--;
    }
    if (len > s->n - s->pos)
        return RT_INFLATE_EOF;
    memcpy(s->out.p + s->out.n, s->in + s->pos, len);
    s->out.n += len;
    s->pos += len;
    return RT_INFLATE_OK;
}

static int inflate_codes(inf *s, const huff *lc, const huff *dc) {
    for (;;) {
        int sym = decode(s, lc);
        if (s->err)
            return s->err;
        if (sym < 0)
            return RT_INFLATE_BAD_DATA;
        if (sym < 256) {
            ob_put(&s->out, (uint8_t)sym);
        } else if (sym == 256) {
            return RT_INFLATE_OK;
        } else {
            sym -= 257;
            if (sym >= 29)
                return RT_INFLATE_BAD_DATA;
            size_t len = len_base[sym] + getbits(s, len_extra[sym]);
            int ds = decode(s, dc);
            if (s->err)
                return s->err;
            if (ds < 0 || ds >= 30)
                return RT_INFLATE_BAD_DATA;
            size_t dist = dist_base[ds] + getbits(s, dist_extra[ds]);
            if (s->err)
                return s->err;
            if (dist > s->out.n)
                return RT_INFLATE_BAD_DATA;
            ob_reserve(&s->out, len);
            uint8_t *d = s->out.p + s->out.n;
            const uint8_t *src = d - dist;
            for (size_t i = 0; i < len; i++)
                d[i] = src[i];
            s->out.n += len;
        }
    }
}

static void fixed_lengths(uint8_t *l) {
    int i = 0;
    for (; i < 144; i++)
        l[i] = 8;
    for (; i < 256; i++)
        l[i] = 9;
    for (; i < 280; i++)
        l[i] = 7;
    for (; i < 288; i++)
        l[i] = 8;
    for (i = 0; i < 30; i++)
        l[288 + i] = 5;
}

/* A code-length set is acceptable if complete, or a single code of length 1. */
static bool code_ok(int err, const huff *h) {
    if (err == 0)
        return true;
    int codes = 0;
    for (int l = 1; l < 16; l++)
        codes += h->count[l];
    return err > 0 && codes == 1 && h->count[1] == 1;
}

static int inflate_dynamic(inf *s, huff *lc, huff *dc) {
    uint8_t lengths[320];
    int nlen = (int)getbits(s, 5) + 257;
    int ndist = (int)getbits(s, 5) + 1;
    int ncode = (int)getbits(s, 4) + 4;
    if (s->err)
        return s->err;
    if (nlen > 286 || ndist > 30)
        return RT_INFLATE_BAD_DATA;
    memset(lengths, 0, sizeof lengths);
    for (int i = 0; i < ncode; i++)
        lengths[clen_order[i]] = (uint8_t)getbits(s, 3);
    if (s->err)
        return s->err;
    if (huff_build(lc, lengths, 19) != 0)
        return RT_INFLATE_BAD_DATA;
    int index = 0;
    while (index < nlen + ndist) {
        int sym = decode(s, lc);
        if (s->err)
            return s->err;
        if (sym < 0)
            return RT_INFLATE_BAD_DATA;
        if (sym < 16) {
            lengths[index++] = (uint8_t)sym;
            continue;
        }
        uint8_t v = 0;
        int rep;
        if (sym == 16) {
            if (index == 0)
                return RT_INFLATE_BAD_DATA;
            v = lengths[index - 1];
            rep = 3 + (int)getbits(s, 2);
        } else if (sym == 17) {
            rep = 3 + (int)getbits(s, 3);
        } else {
            rep = 11 + (int)getbits(s, 7);
        }
        if (s->err)
            return s->err;
        if (index + rep > nlen + ndist)
            return RT_INFLATE_BAD_DATA;
        while (rep--)
            lengths[index++] = v;
    }
    if (lengths[256] == 0)
        return RT_INFLATE_BAD_DATA;
    int e = huff_build(lc, lengths, nlen);
    if (e < 0 || !code_ok(e, lc))
        return RT_INFLATE_BAD_DATA;
    e = huff_build(dc, lengths + nlen, ndist);
    if (e < 0 || !code_ok(e, dc))
        return RT_INFLATE_BAD_DATA;
    return inflate_codes(s, lc, dc);
}

int rt__inflate_raw(const uint8_t *in, size_t n, uint8_t **out, size_t *out_n, size_t *used) {
    inf s;
    memset(&s, 0, sizeof s);
    s.in = in;
    s.n = in ? n : 0;
    huff *lc = rt__xmalloc(sizeof(huff)), *dc = rt__xmalloc(sizeof(huff));
    int rc = RT_INFLATE_OK;
    bool fixed_ready = false;
    huff *flc = NULL, *fdc = NULL;
    for (;;) {
        unsigned last = getbits(&s, 1);
        unsigned type = getbits(&s, 2);
        if (s.err) {
            rc = s.err;
            break;
        }
        if (type == 0) {
            rc = inflate_stored(&s);
        } else if (type == 1) {
            if (!fixed_ready) {
                uint8_t l[318];
                fixed_lengths(l);
                flc = rt__xmalloc(sizeof(huff));
                fdc = rt__xmalloc(sizeof(huff));
                huff_build(flc, l, 288);
                huff_build(fdc, l + 288, 30);
                fixed_ready = true;
            }
            rc = inflate_codes(&s, flc, fdc);
        } else if (type == 2) {
            rc = inflate_dynamic(&s, lc, dc);
        } else {
            rc = RT_INFLATE_BAD_BLOCK;
        }
        if (rc == RT_INFLATE_OK && s.err)
            rc = s.err;
        if (rc != RT_INFLATE_OK || last)
            break;
    }
    free(lc);
    free(dc);
    free(flc);
    free(fdc);
    if (rc != RT_INFLATE_OK) {
        free(s.out.p);
        *out = NULL;
        *out_n = 0;
        return rc;
    }
    *out = s.out.p;
    *out_n = s.out.n;
    if (used)
        *used = s.pos - (size_t)((s.bc - s.over) / 8);
    return RT_INFLATE_OK;
}

const char *rt__inflate_error_text(int err) {
    switch (err) {
    case RT_INFLATE_EOF:
        return "Inflate: unexpected end of data";
    case RT_INFLATE_BAD_BLOCK:
        return "Inflate: invalid block type";
    default:
        return "Inflate: invalid compressed data";
    }
}

/* ---- deflate: bit writer ---------------------------------------------------------------------- */

typedef struct bw {
    obuf o;
    uint64_t bb;
    int bc;
} bw;

static void put_bits(bw *w, uint32_t v, int k) {
    w->bb |= (uint64_t)v << w->bc;
    w->bc += k;
    while (w->bc >= 8) {
        ob_put(&w->o, (uint8_t)w->bb);
        w->bb >>= 8;
        w->bc -= 8;
    }
}

static void align_byte(bw *w) {
    if (w->bc > 0)
        put_bits(w, 0, 8 - w->bc);
}

/* ---- deflate: Huffman code construction ------------------------------------------------------- */

typedef struct hnode {
    uint32_t w;
    int16_t parent;
    int16_t sym; /* leaf symbol, -1 for internal nodes */
} hnode;

static int cmp_leaf(const void *a, const void *b) {
    const hnode *x = a, *y = b;
    if (x->w != y->w)
        return x->w < y->w ? -1 : 1;
    return x->sym - y->sym;
}

/* Optimal (unlimited) code lengths of the m leaves; returns the maximum depth. */
static int huffman_depths(hnode *nodes, int m, uint8_t *len_out) {
    /* nodes[0..m) are sorted leaves; internal nodes are appended at nodes[m..2m-1). */
    int leaf = 0, inner = m, next = m;
    for (int k = 0; k < m - 1; k++) {
        int pick[2];
        for (int t = 0; t < 2; t++) {
            if (leaf < m && (inner >= next || nodes[leaf].w <= nodes[inner].w))
                pick[t] = leaf++;
            else
                pick[t] = inner++;
        }
        nodes[next].w = nodes[pick[0]].w + nodes[pick[1]].w;
        nodes[next].sym = -1;
        nodes[next].parent = -1;
        nodes[pick[0]].parent = (int16_t)next;
        nodes[pick[1]].parent = (int16_t)next;
        next++;
    }
    int maxd = 0;
    for (int i = 0; i < m; i++) {
        int d = 0;
        for (int j = i; nodes[j].parent >= 0; j = nodes[j].parent)
            d++;
        len_out[nodes[i].sym] = (uint8_t)d;
        if (d > maxd)
            maxd = d;
    }
    return maxd;
}

/* Length-limited code lengths for freq[0..n): unused symbols get 0. At least one symbol must be
 * used; a single used symbol gets length 1. */
static void build_lengths(const uint32_t *freq, int n, int limit, uint8_t *len) {
    hnode nodes[2 * 288];
    uint32_t f[288];
    memcpy(f, freq, (size_t)n * sizeof *f);
    memset(len, 0, (size_t)n);
    for (;;) {
        int m = 0;
        for (int i = 0; i < n; i++)
            if (f[i]) {
                nodes[m].w = f[i];
                nodes[m].sym = (int16_t)i;
                nodes[m].parent = -1;
                m++;
            }
        if (m == 0)
            return;
        if (m == 1) {
            len[nodes[0].sym] = 1;
            return;
        }
        qsort(nodes, (size_t)m, sizeof *nodes, cmp_leaf);
        if (huffman_depths(nodes, m, len) <= limit)
            return;
        for (int i = 0; i < n; i++)
            if (f[i])
                f[i] = (f[i] >> 1) | 1;
    }
}

/* Canonical codes, bit-reversed for LSB-first output. */
static void build_codes(const uint8_t *len, int n, uint16_t *code) {
    unsigned count[16] = {0}, next[16];
    for (int i = 0; i < n; i++)
        count[len[i]]++;
    count[0] = 0;
    unsigned c = 0;
    for (int l = 1; l < 16; l++) {
        c = (c + count[l - 1]) << 1;
        next[l] = c;
    }
    for (int i = 0; i < n; i++)
        code[i] = len[i] ? (uint16_t)reverse_bits(next[len[i]]++, len[i]) : 0;
}

/* ---- deflate: block encoding ------------------------------------------------------------------ */

#define LIT_BUFSIZE 16384
#define WSIZE 32768u
#define WMASK (WSIZE - 1)
#define HBITS 15
#define MIN_MATCH 3
#define MAX_MATCH 258

typedef struct lz {
    const uint8_t *in;
    size_t n;
    int32_t *head, *prev;
    uint16_t *sym_len;  /* literal byte, or match length */
    uint16_t *sym_dist; /* 0 for a literal, else the distance */
    size_t nsym;
    size_t block_start, covered; /* input range of the pending symbols */
    bw w;
} lz;

static int len_code(unsigned len) { /* length 3..258 -> 0..28 */
    int c = 0;
    while (c < 28 && len_base[c + 1] <= len)
        c++;
    return c;
}

static int dist_code(unsigned d) { /* distance 1..32768 -> 0..29 */
    int c = 0;
    while (c < 29 && dist_base[c + 1] <= d)
        c++;
    return c;
}

static void write_symbols(lz *z, const uint16_t *lcode, const uint8_t *llen, const uint16_t *dcode,
                          const uint8_t *dlen) {
    for (size_t i = 0; i < z->nsym; i++) {
        unsigned d = z->sym_dist[i];
        unsigned v = z->sym_len[i];
        if (d == 0) {
            put_bits(&z->w, lcode[v], llen[v]);
            continue;
        }
        int lc = len_code(v);
        put_bits(&z->w, lcode[257 + lc], llen[257 + lc]);
        if (len_extra[lc])
            put_bits(&z->w, v - len_base[lc], len_extra[lc]);
        int dc = dist_code(d);
        put_bits(&z->w, dcode[dc], dlen[dc]);
        if (dist_extra[dc])
            put_bits(&z->w, d - dist_base[dc], dist_extra[dc]);
    }
    put_bits(&z->w, lcode[256], llen[256]);
}

/* Run-length code of the concatenated code lengths: symbols 0..18 with extra bits. */
static int rle_lengths(const uint8_t *l, int n, uint8_t *sym, uint8_t *extra) {
    int k = 0;
    for (int i = 0; i < n;) {
        uint8_t v = l[i];
        int run = 1;
        while (i + run < n && l[i + run] == v)
            run++;
        int used = run;
        if (v == 0 && run >= 3) {
            int r = run;
            while (r >= 11) {
                int t = r > 138 ? 138 : r;
                sym[k] = 18;
                extra[k++] = (uint8_t)(t - 11);
                r -= t;
            }
            if (r >= 3) {
                sym[k] = 17;
                extra[k++] = (uint8_t)(r - 3);
                r = 0;
            }
            while (r-- > 0) {
                sym[k] = 0;
                extra[k++] = 0;
            }
        } else if (v != 0 && run >= 4) {
            sym[k] = v;
            extra[k++] = 0;
            int r = run - 1;
            while (r >= 3) {
                int t = r > 6 ? 6 : r;
                sym[k] = 16;
                extra[k++] = (uint8_t)(t - 3);
                r -= t;
            }
            while (r-- > 0) {
                sym[k] = v;
                extra[k++] = 0;
            }
        } else {
            for (int t = 0; t < run; t++) {
                sym[k] = v;
                extra[k++] = 0;
            }
        }
        i += used;
    }
    return k;
}

static void write_stored(bw *w, const uint8_t *p, size_t n, bool final) {
    do {
        size_t k = n > 65535 ? 65535 : n;
        n -= k;
        put_bits(w, (final && n == 0) ? 1 : 0, 1);
        put_bits(w, 0, 2);
        align_byte(w);
        put_bits(w, (uint32_t)k, 16);
        put_bits(w, (uint32_t)(~k & 0xFFFF), 16);
        ob_reserve(&w->o, k);
        memcpy(w->o.p + w->o.n, p, k);
        w->o.n += k;
        p += k;
    } while (n > 0);
}

static void flush_block(lz *z, bool final) {
    uint32_t lf[286] = {0}, df[30] = {0};
    uint64_t extra_bits = 0;
    for (size_t i = 0; i < z->nsym; i++) {
        if (z->sym_dist[i] == 0) {
            lf[z->sym_len[i]]++;
        } else {
            int lc = len_code(z->sym_len[i]), dc = dist_code(z->sym_dist[i]);
            lf[257 + lc]++;
            df[dc]++;
            extra_bits += len_extra[lc] + dist_extra[dc];
        }
    }
    lf[256] = 1;

    /* fixed-code cost */
    uint8_t fl[318];
    fixed_lengths(fl);
    uint64_t fixed_cost = 3 + extra_bits;
    for (int i = 0; i < 286; i++)
        fixed_cost += (uint64_t)lf[i] * fl[i];
    for (int i = 0; i < 30; i++)
        fixed_cost += (uint64_t)df[i] * 5;

    /* dynamic code */
    uint32_t lf2[286], df2[30];
    memcpy(lf2, lf, sizeof lf);
    memcpy(df2, df, sizeof df);
    int used_d = 0;
    for (int i = 0; i < 30; i++)
        used_d += df2[i] != 0;
    if (used_d < 2) { /* keep the distance code complete: at least two codes */
        if (!df2[0])
            df2[0] = 1;
        else
            df2[1] = 1;
        if (used_d == 0)
            df2[1] = 1;
    }
    int used_l = 0;
    for (int i = 0; i < 286; i++)
        used_l += lf2[i] != 0;
    if (used_l < 2) /* only end-of-block: add a literal so the code is complete */
        lf2[0] = 1;
    uint8_t ll[286], dl[30];
    build_lengths(lf2, 286, 15, ll);
    build_lengths(df2, 30, 15, dl);
    int hlit = 286;
    while (hlit > 257 && ll[hlit - 1] == 0)
        hlit--;
    int hdist = 30;
    while (hdist > 1 && dl[hdist - 1] == 0)
        hdist--;
    uint8_t all[316];
    memcpy(all, ll, (size_t)hlit);
    memcpy(all + hlit, dl, (size_t)hdist);
    uint8_t rsym[316], rext[316];
    int nr = rle_lengths(all, hlit + hdist, rsym, rext);
    uint32_t cf[19] = {0};
    for (int i = 0; i < nr; i++)
        cf[rsym[i]]++;
    int used_c = 0;
    for (int i = 0; i < 19; i++)
        used_c += cf[i] != 0;
    if (used_c < 2) /* the code-length code must be complete: give it a second symbol */
        cf[cf[0] ? 18 : 0] += 1;
    uint8_t cl[19];
    build_lengths(cf, 19, 7, cl);
    int hclen = 19;
    while (hclen > 4 && cl[clen_order[hclen - 1]] == 0)
        hclen--;
    uint64_t dyn_cost = 3 + 14 + 3 * (uint64_t)hclen + extra_bits;
    for (int i = 0; i < nr; i++)
        dyn_cost += cl[rsym[i]] + (rsym[i] == 16 ? 2 : rsym[i] == 17 ? 3 : rsym[i] == 18 ? 7 : 0);
    for (int i = 0; i < 286; i++)
        dyn_cost += (uint64_t)lf[i] * ll[i];
    for (int i = 0; i < 30; i++)
        dyn_cost += (uint64_t)df[i] * dl[i];

    size_t raw = z->covered - z->block_start;
    uint64_t stored_cost = (uint64_t)raw * 8 + 42 * (raw / 65535 + 1);

    if (stored_cost <= fixed_cost && stored_cost <= dyn_cost) {
        write_stored(&z->w, z->in + z->block_start, raw, final);
    } else if (fixed_cost <= dyn_cost) {
        uint16_t lcode[288], dcode[30];
        build_codes(fl, 288, lcode);
        build_codes(fl + 288, 30, dcode);
        put_bits(&z->w, final ? 1 : 0, 1);
        put_bits(&z->w, 1, 2);
        write_symbols(z, lcode, fl, dcode, fl + 288);
    } else {
        uint16_t lcode[286], dcode[30], ccode[19];
        build_codes(ll, 286, lcode);
        build_codes(dl, 30, dcode);
        build_codes(cl, 19, ccode);
        put_bits(&z->w, final ? 1 : 0, 1);
        put_bits(&z->w, 2, 2);
        put_bits(&z->w, (uint32_t)(hlit - 257), 5);
        put_bits(&z->w, (uint32_t)(hdist - 1), 5);
        put_bits(&z->w, (uint32_t)(hclen - 4), 4);
        for (int i = 0; i < hclen; i++)
            put_bits(&z->w, cl[clen_order[i]], 3);
        for (int i = 0; i < nr; i++) {
            put_bits(&z->w, ccode[rsym[i]], cl[rsym[i]]);
            if (rsym[i] == 16)
                put_bits(&z->w, rext[i], 2);
            else if (rsym[i] == 17)
                put_bits(&z->w, rext[i], 3);
            else if (rsym[i] == 18)
                put_bits(&z->w, rext[i], 7);
        }
        write_symbols(z, lcode, ll, dcode, dl);
    }
    z->nsym = 0;
    z->block_start = z->covered;
}

static void emit_lit(lz *z, uint8_t b) {
    z->sym_len[z->nsym] = b;
    z->sym_dist[z->nsym++] = 0;
    z->covered++;
    if (z->nsym == LIT_BUFSIZE)
        flush_block(z, false);
}

static void emit_match(lz *z, unsigned len, unsigned dist) {
    z->sym_len[z->nsym] = (uint16_t)len;
    z->sym_dist[z->nsym++] = (uint16_t)dist;
    z->covered += len;
    if (z->nsym == LIT_BUFSIZE)
        flush_block(z, false);
}

/* ---- deflate: LZ77 ---------------------------------------------------------------------------- */

static unsigned hash3(const uint8_t *p) {
    uint32_t v = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16);
    return (v * 2654435761u) >> (32 - HBITS);
}

static void insert(lz *z, size_t pos) {
    if (pos + MIN_MATCH > z->n)
        return;
    unsigned h = hash3(z->in + pos);
    z->prev[pos & WMASK] = z->head[h];
    z->head[h] = (int32_t)pos;
}

/* Longest match at pos longer than `best` (searching `chain` candidates); length 0 if none. */
static unsigned longest_match(lz *z, size_t pos, unsigned best, unsigned chain, unsigned nice,
                              unsigned *dist_out) {
    size_t avail = z->n - pos;
    unsigned maxlen = avail < MAX_MATCH ? (unsigned)avail : MAX_MATCH;
    if (maxlen < MIN_MATCH)
        return 0;
    if (nice > maxlen)
        nice = maxlen;
    if (best < MIN_MATCH - 1)
        best = MIN_MATCH - 1;
    unsigned found = 0;
    const uint8_t *p = z->in + pos;
    int32_t cand = z->head[hash3(p)];
    while (cand >= 0 && pos - (size_t)cand <= WSIZE && chain-- > 0) {
        const uint8_t *q = z->in + cand;
        if (best < maxlen && q[best] == p[best] && q[0] == p[0] && q[1] == p[1]) {
            unsigned l = 0;
            while (l < maxlen && q[l] == p[l])
                l++;
            if (l > best) {
                best = l;
                found = l;
                *dist_out = (unsigned)(pos - (size_t)cand);
                if (l >= nice)
                    break;
            }
        }
        int32_t nx = z->prev[(size_t)cand & WMASK];
        if (nx >= cand)
            break;
        cand = nx;
    }
    return found;
}

typedef struct level_cfg {
    uint16_t good, lazy, nice, chain;
} level_cfg;

static const level_cfg levels[10] = {
    {0, 0, 0, 0},         {4, 4, 8, 4},         {4, 5, 16, 8},     {4, 6, 32, 32},
    {4, 4, 16, 16},       {8, 16, 32, 32},      {8, 16, 128, 128}, {8, 32, 128, 256},
    {32, 128, 258, 1024}, {32, 258, 258, 4096},
};

uint8_t *rt__deflate_raw(const uint8_t *in, size_t n, int level, size_t *out_n) {
    lz z;
    memset(&z, 0, sizeof z);
    z.in = in;
    z.n = in ? n : 0;
    if (level < 0 || level > 9)
        level = 6;
    if (level == 0) {
        write_stored(&z.w, in, z.n, true);
        *out_n = z.w.o.n;
        return z.w.o.p ? z.w.o.p : rt__xmalloc(1);
    }
    const level_cfg cfg = levels[level];
    z.head = rt__xmalloc(sizeof(int32_t) << HBITS);
    z.prev = rt__xmalloc(sizeof(int32_t) * WSIZE);
    for (size_t i = 0; i < (1u << HBITS); i++)
        z.head[i] = -1;
    for (size_t i = 0; i < WSIZE; i++)
        z.prev[i] = -1;
    z.sym_len = rt__xmalloc(sizeof(uint16_t) * LIT_BUFSIZE);
    z.sym_dist = rt__xmalloc(sizeof(uint16_t) * LIT_BUFSIZE);
    size_t N = z.n;
    if (level <= 3) {
        for (size_t i = 0; i < N;) {
            unsigned dist = 0, len = longest_match(&z, i, 0, cfg.chain, cfg.nice, &dist);
            if (len == MIN_MATCH && dist > 4096)
                len = 0;
            insert(&z, i);
            if (len >= MIN_MATCH) {
                emit_match(&z, len, dist);
                if (len <= cfg.lazy)
                    for (size_t k = i + 1; k < i + len; k++)
                        insert(&z, k);
                i += len;
            } else {
                emit_lit(&z, in[i]);
                i++;
            }
        }
    } else {
        unsigned prev_len = 0, prev_dist = 0;
        bool avail = false;
        for (size_t i = 0; i < N;) {
            unsigned cur_len = 0, cur_dist = 0;
            if (N - i >= MIN_MATCH) {
                if (!avail || prev_len < cfg.lazy) {
                    unsigned chain = cfg.chain;
                    if (avail && prev_len >= cfg.good)
                        chain >>= 2;
                    cur_len = longest_match(&z, i, avail ? prev_len : 0, chain ? chain : 1,
                                            cfg.nice, &cur_dist);
                    if (cur_len == MIN_MATCH && cur_dist > 4096)
                        cur_len = 0;
                }
                insert(&z, i);
            }
            if (avail && prev_len >= MIN_MATCH && cur_len <= prev_len) {
                emit_match(&z, prev_len, prev_dist);
                size_t end = i - 1 + prev_len;
                for (size_t k = i + 1; k < end; k++)
                    insert(&z, k);
                i = end;
                avail = false;
                prev_len = 0;
            } else {
                if (avail)
                    emit_lit(&z, in[i - 1]);
                prev_len = cur_len;
                prev_dist = cur_dist;
                avail = true;
                i++;
            }
        }
        if (avail)
            emit_lit(&z, in[N - 1]);
    }
    flush_block(&z, true);
    align_byte(&z.w);
    free(z.head);
    free(z.prev);
    free(z.sym_len);
    free(z.sym_dist);
    *out_n = z.w.o.n;
    return z.w.o.p ? z.w.o.p : rt__xmalloc(1);
}

/* ---- zlib framing (RFC 1950) ------------------------------------------------------------------ */

uint8_t *rt__zlib_compress(const uint8_t *in, size_t n, int level, size_t *out_n) {
    size_t dn = 0;
    uint8_t *d = rt__deflate_raw(in, n, level, &dn);
    uint8_t *o = rt__xmalloc(dn + 6);
    o[0] = 0x78;
    o[1] = 0x9C;
    memcpy(o + 2, d, dn);
    free(d);
    uint32_t a = rt__adler32(1, in, in ? n : 0);
    o[dn + 2] = (uint8_t)(a >> 24);
    o[dn + 3] = (uint8_t)(a >> 16);
    o[dn + 4] = (uint8_t)(a >> 8);
    o[dn + 5] = (uint8_t)a;
    *out_n = dn + 6;
    return o;
}

int rt__zlib_decompress(const uint8_t *in, size_t n, uint8_t **out, size_t *out_n) {
    *out = NULL;
    *out_n = 0;
    if (!in || n < 2)
        return RT_INFLATE_EOF;
    unsigned cmf = in[0], flg = in[1];
    if ((cmf & 0x0F) != 8 || (cmf >> 4) > 7 || ((cmf << 8) | flg) % 31 != 0 || (flg & 0x20))
        return RT_INFLATE_BAD_DATA;
    size_t used = 0;
    int rc = rt__inflate_raw(in + 2, n - 2, out, out_n, &used);
    if (rc != RT_INFLATE_OK)
        return rc;
    if (n - 2 - used < 4) {
        free(*out);
        *out = NULL;
        *out_n = 0;
        return RT_INFLATE_EOF;
    }
    const uint8_t *t = in + 2 + used;
    uint32_t want = ((uint32_t)t[0] << 24) | ((uint32_t)t[1] << 16) | ((uint32_t)t[2] << 8) | t[3];
    if (want != rt__adler32(1, *out, *out_n)) {
        free(*out);
        *out = NULL;
        *out_n = 0;
        return RT_INFLATE_BAD_DATA;
    }
    return RT_INFLATE_OK;
}
