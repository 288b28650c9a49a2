/*
 * bigint.c — Viper.Math.BigInt: immutable arbitrary-precision integers.
 *
 * Representation: sign and magnitude; the magnitude is little-endian base-2^32 limbs without
 * leading zero limbs (zero has no limbs and is never negative). Every operation returns a new +1
 * object; arguments are borrowed. Semantics: Div truncates toward zero and Mod takes the sign of
 * the dividend (like i64 sdiv/srem); a zero divisor traps `BigInt.Div: division by zero` /
 * `BigInt.Mod: ...`. And/Or/Xor/Not/SetBit/ClearBit/TestBit act on the infinite two's-complement
 * form (Not(x) = -x-1); Shr of a negative rounds toward minus infinity; BitLength counts the bits
 * of |x|; Gcd is non-negative, Lcm(0, x) = 0; Sqrt is the floor square root. ToStrBase takes
 * bases 2-36 with lowercase digits; FromStr accepts an optional sign and decimal digits.
 * Traps (`BigInt.<Fn>: ...`): NULL or non-BigInt argument, malformed FromStr text, bad base,
 * negative exponent / bit index / shift, Sqrt of a negative, ToInt of a value outside i64.
 */
#include "rt_math_abi.h"
#include "rt_codec_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct bn {
    bool neg;
    size_t n;    /* limbs in use */
    uint32_t *d; /* malloc'd, at least n limbs (may be NULL when n == 0) */
} bn;

typedef struct rt_bigint {
    void *vptr; /* always NULL */
    bn v;
} rt_bigint;

static void bigint_finalize(void *p) {
    rt_bigint *b = p;
    free(b->v.d);
    b->v.d = NULL;
}

static const bn *arg(const void *p, const char *fn) {
    if (!p)
        rt__trapf("%s: null object", fn);
    if (!rt__is_collection(p, bigint_finalize))
        rt__trapf("%s: wrong object type", fn);
    return &((const rt_bigint *)p)->v;
}

static bn bn_alloc(size_t n) {
    bn r = {false, n, rt__xmalloc((n ? n : 1) * sizeof(uint32_t))};
    memset(r.d, 0, (n ? n : 1) * sizeof(uint32_t));
    return r;
}
static void bn_trim(bn *a) {
    while (a->n && a->d[a->n - 1] == 0)
        a->n--;
    if (!a->n)
        a->neg = false;
}
static bn bn_copy(const bn *a) {
    bn r = bn_alloc(a->n);
    if (a->n)
        memcpy(r.d, a->d, a->n * sizeof(uint32_t));
    r.neg = a->neg;
    return r;
}
/* Wrap (takes ownership of) a normalised value as a +1 object. */
static void *wrap(bn v) {
    bn_trim(&v);
    rt_bigint *b = rt__collection_alloc(sizeof(rt_bigint), bigint_finalize);
    b->v = v;
    return b;
}
static bn bn_from_u64(uint64_t m, bool neg) {
    bn r = bn_alloc(2);
    r.d[0] = (uint32_t)m;
    r.d[1] = (uint32_t)(m >> 32);
    r.neg = neg;
    bn_trim(&r);
    return r;
}

/* ---- magnitude arithmetic ---- */

static int mag_cmp(const bn *a, const bn *b) {
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (size_t i = a->n; i-- > 0;)
        if (a->d[i] != b->d[i])
            return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}
static bn mag_add(const bn *a, const bn *b) {
    size_t n = (a->n > b->n ? a->n : b->n) + 1;
    bn r = bn_alloc(n);
    uint64_t c = 0;
    for (size_t i = 0; i < n; i++) {
        c += (uint64_t)(i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0);
        r.d[i] = (uint32_t)c;
        c >>= 32;
    }
    bn_trim(&r);
    return r;
}
/* |a| - |b| with |a| >= |b| */
static bn mag_sub(const bn *a, const bn *b) {
    bn r = bn_alloc(a->n);
    int64_t br = 0;
    for (size_t i = 0; i < a->n; i++) {
        int64_t t = (int64_t)a->d[i] - (i < b->n ? b->d[i] : 0) - br;
        br = t < 0;
        r.d[i] = (uint32_t)(t + (br ? ((int64_t)1 << 32) : 0));
    }
    bn_trim(&r);
    return r;
}
static bn mag_mul(const bn *a, const bn *b) {
    bn r = bn_alloc(a->n + b->n);
    for (size_t i = 0; i < a->n; i++) {
        uint64_t c = 0;
        for (size_t j = 0; j < b->n; j++) {
            c += (uint64_t)a->d[i] * b->d[j] + r.d[i + j];
            r.d[i + j] = (uint32_t)c;
            c >>= 32;
        }
        r.d[i + b->n] = (uint32_t)c;
    }
    bn_trim(&r);
    return r;
}
static size_t mag_bits(const bn *a) {
    if (!a->n)
        return 0;
    size_t bits = (a->n - 1) * 32;
    for (uint32_t top = a->d[a->n - 1]; top; top >>= 1)
        bits++;
    return bits;
}
static bool mag_bit(const bn *a, size_t k) {
    return k / 32 < a->n && ((a->d[k / 32] >> (k % 32)) & 1u);
}
/* |a| / |b| and |a| % |b| by binary long division; b non-zero. */
static void mag_divmod(const bn *a, const bn *b, bn *q, bn *r) {
    *q = bn_alloc(a->n);
    *r = bn_alloc(b->n + 1);
    r->n = 0;
    for (size_t k = mag_bits(a); k-- > 0;) {
        /* r = r * 2 + bit k */
        uint32_t carry = mag_bit(a, k);
        for (size_t i = 0; i < r->n; i++) {
            uint32_t nc = r->d[i] >> 31;
            r->d[i] = (r->d[i] << 1) | carry;
            carry = nc;
        }
        if (carry)
            r->d[r->n++] = carry;
        if (mag_cmp(r, b) >= 0) {
            bn t = mag_sub(r, b);
            memset(r->d, 0, (b->n + 1) * sizeof(uint32_t));
            if (t.n)
                memcpy(r->d, t.d, t.n * sizeof(uint32_t));
            r->n = t.n;
            free(t.d);
            q->d[k / 32] |= 1u << (k % 32);
        }
    }
    bn_trim(q);
    bn_trim(r);
}
/* Divide |a| in place by a small divisor, returning the remainder. */
static uint32_t mag_divsmall(bn *a, uint32_t m) {
    uint64_t rem = 0;
    for (size_t i = a->n; i-- > 0;) {
        uint64_t cur = (rem << 32) | a->d[i];
        a->d[i] = (uint32_t)(cur / m);
        rem = cur % m;
    }
    bn_trim(a);
    return (uint32_t)rem;
}

/* ---- signed helpers ---- */

static bn s_add(const bn *a, const bn *b, bool negate_b) {
    bool bneg = b->n ? (b->neg != negate_b) : false;
    bn r;
    if (a->neg == bneg) {
        r = mag_add(a, b);
        r.neg = a->neg;
    } else if (mag_cmp(a, b) >= 0) {
        r = mag_sub(a, b);
        r.neg = a->neg;
    } else {
        r = mag_sub(b, a);
        r.neg = bneg;
    }
    bn_trim(&r);
    return r;
}
static int s_cmp(const bn *a, const bn *b) {
    if (a->neg != b->neg)
        return a->neg ? -1 : 1;
    int c = mag_cmp(a, b);
    return a->neg ? -c : c;
}
static bn s_mul(const bn *a, const bn *b) {
    bn r = mag_mul(a, b);
    r.neg = a->neg != b->neg;
    bn_trim(&r);
    return r;
}

/* Two's-complement limbs of a (sign-extended to `len` limbs; len > a->n). */
static uint32_t *to_twos(const bn *a, size_t len) {
    uint32_t *t = rt__xmalloc(len * sizeof(uint32_t));
    for (size_t i = 0; i < len; i++)
        t[i] = i < a->n ? a->d[i] : 0;
    if (a->neg) {
        uint64_t c = 1;
        for (size_t i = 0; i < len; i++) {
            c += (uint32_t)~t[i];
            t[i] = (uint32_t)c;
            c >>= 32;
        }
    }
    return t;
}
/* The value of `len` two's-complement limbs (consumed). */
static bn from_twos(uint32_t *t, size_t len) {
    bn r = {false, len, t};
    if (len && (t[len - 1] >> 31)) {
        r.neg = true;
        uint64_t c = 1;
        for (size_t i = 0; i < len; i++) {
            c += (uint32_t)~t[i];
            t[i] = (uint32_t)c;
            c >>= 32;
        }
    }
    bn_trim(&r);
    return r;
}
enum { OP_AND, OP_OR, OP_XOR };
static bn bitop(const bn *a, const bn *b, int op) {
    size_t len = (a->n > b->n ? a->n : b->n) + 1;
    uint32_t *x = to_twos(a, len), *y = to_twos(b, len);
    for (size_t i = 0; i < len; i++)
        x[i] = op == OP_AND ? (x[i] & y[i]) : op == OP_OR ? (x[i] | y[i]) : (x[i] ^ y[i]);
    free(y);
    return from_twos(x, len);
}
/* 2^k as a value */
static bn pow2(size_t k) {
    bn r = bn_alloc(k / 32 + 1);
    r.d[k / 32] = 1u << (k % 32);
    return r;
}

/* ---- ABI ---- */

void *rt_bigint_from_i64(int64_t v) {
    return wrap(bn_from_u64(v < 0 ? 0 - (uint64_t)v : (uint64_t)v, v < 0));
}

void *rt_bigint_from_str(rt_string s) {
    if (!s)
        rt__trap("BigInt.FromStr: null string");
    const char *p = rt__str_bytes(s);
    size_t len = rt__str_len(s), i = 0;
    bool neg = false;
    if (i < len && (p[i] == '-' || p[i] == '+'))
        neg = p[i++] == '-';
    if (i == len)
        rt__trap("BigInt.FromStr: invalid number");
    bn r = bn_alloc(len / 9 + 2);
    r.n = 0;
    for (; i < len; i++) {
        if (p[i] < '0' || p[i] > '9') {
            free(r.d);
            rt__trap("BigInt.FromStr: invalid number");
        }
        uint64_t c = (uint64_t)(p[i] - '0');
        for (size_t k = 0; k < r.n; k++) {
            c += (uint64_t)r.d[k] * 10;
            r.d[k] = (uint32_t)c;
            c >>= 32;
        }
        if (c)
            r.d[r.n++] = (uint32_t)c;
    }
    r.neg = neg;
    return wrap(r);
}

rt_string rt_bigint_to_str_base(void *a, int64_t base) {
    const bn *v = arg(a, "BigInt.ToStrBase");
    if (base < 2 || base > 36)
        rt__trap("BigInt.ToStrBase: base must be 2-36");
    if (!v->n)
        return rt__str_from_cstr("0");
    bn t = bn_copy(v);
    size_t cap = mag_bits(v) + 2, n = 0;
    char *out = rt__xmalloc(cap + 1);
    while (t.n)
        out[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[mag_divsmall(&t, (uint32_t)base)];
    if (v->neg)
        out[n++] = '-';
    for (size_t i = 0; i < n / 2; i++) {
        char c = out[i];
        out[i] = out[n - 1 - i];
        out[n - 1 - i] = c;
    }
    rt_buf b = {0};
    rt__buf_put(&b, out, n);
    free(out);
    free(t.d);
    return rt__buf_finish(&b);
}
rt_string rt_bigint_to_str(void *a) {
    (void)arg(a, "BigInt.ToString");
    return rt_bigint_to_str_base(a, 10);
}

bool rt_bigint_fits_i64(void *a) {
    const bn *v = arg(a, "BigInt.FitsInt");
    if (v->n > 2)
        return false;
    uint64_t m = v->n ? v->d[0] | (v->n > 1 ? (uint64_t)v->d[1] << 32 : 0) : 0;
    return v->neg ? m <= (uint64_t)1 << 63 : m < (uint64_t)1 << 63;
}
int64_t rt_bigint_to_i64(void *a) {
    const bn *v = arg(a, "BigInt.ToInt");
    if (!rt_bigint_fits_i64(a))
        rt__trap("BigInt.ToInt: value out of range");
    uint64_t m = v->n ? v->d[0] | (v->n > 1 ? (uint64_t)v->d[1] << 32 : 0) : 0;
    return v->neg ? (int64_t)(0 - m) : (int64_t)m;
}

void *rt_bigint_add(void *a, void *b) {
    return wrap(s_add(arg(a, "BigInt.Add"), arg(b, "BigInt.Add"), false));
}
void *rt_bigint_sub(void *a, void *b) {
    return wrap(s_add(arg(a, "BigInt.Sub"), arg(b, "BigInt.Sub"), true));
}
void *rt_bigint_mul(void *a, void *b) {
    return wrap(s_mul(arg(a, "BigInt.Mul"), arg(b, "BigInt.Mul")));
}
static void *divmod(void *a, void *b, bool want_q, const char *fn) {
    const bn *x = arg(a, fn), *y = arg(b, fn);
    if (!y->n)
        rt__trapf("%s: division by zero", fn);
    bn q, r;
    mag_divmod(x, y, &q, &r);
    q.neg = x->neg != y->neg;
    r.neg = x->neg;
    free(want_q ? r.d : q.d);
    return wrap(want_q ? q : r);
}
void *rt_bigint_div(void *a, void *b) { return divmod(a, b, true, "BigInt.Div"); }
void *rt_bigint_mod(void *a, void *b) { return divmod(a, b, false, "BigInt.Mod"); }

void *rt_bigint_neg(void *a) {
    bn r = bn_copy(arg(a, "BigInt.Neg"));
    r.neg = !r.neg;
    return wrap(r);
}
void *rt_bigint_abs(void *a) {
    bn r = bn_copy(arg(a, "BigInt.Abs"));
    r.neg = false;
    return wrap(r);
}
int64_t rt_bigint_cmp(void *a, void *b) {
    return s_cmp(arg(a, "BigInt.Cmp"), arg(b, "BigInt.Cmp"));
}
bool rt_bigint_eq(void *a, void *b) { return s_cmp(arg(a, "BigInt.Eq"), arg(b, "BigInt.Eq")) == 0; }
bool rt_bigint_is_zero(void *a) { return arg(a, "BigInt.IsZero")->n == 0; }
bool rt_bigint_is_negative(void *a) { return arg(a, "BigInt.IsNegative")->neg; }
int64_t rt_bigint_sign(void *a) {
    const bn *v = arg(a, "BigInt.Sign");
    return v->n ? (v->neg ? -1 : 1) : 0;
}

void *rt_bigint_and(void *a, void *b) {
    return wrap(bitop(arg(a, "BigInt.And"), arg(b, "BigInt.And"), OP_AND));
}
void *rt_bigint_or(void *a, void *b) {
    return wrap(bitop(arg(a, "BigInt.Or"), arg(b, "BigInt.Or"), OP_OR));
}
void *rt_bigint_xor(void *a, void *b) {
    return wrap(bitop(arg(a, "BigInt.Xor"), arg(b, "BigInt.Xor"), OP_XOR));
}
void *rt_bigint_not(void *a) { /* ~x = -x - 1 */
    bn one = bn_from_u64(1, false), m = bn_copy(arg(a, "BigInt.Not"));
    m.neg = m.n ? !m.neg : false;
    bn r = s_add(&m, &one, true);
    free(one.d);
    free(m.d);
    return wrap(r);
}

static size_t nonneg(int64_t k, const char *fn) {
    if (k < 0)
        rt__trapf("%s: negative bit index", fn);
    if (k > ((int64_t)1 << 32))
        rt__trapf("%s: bit index too large", fn);
    return (size_t)k;
}
void *rt_bigint_shl(void *a, int64_t k) {
    const bn *v = arg(a, "BigInt.Shl");
    size_t s = nonneg(k, "BigInt.Shl");
    bn r = bn_alloc(v->n + s / 32 + 1);
    for (size_t i = 0; i < v->n; i++) {
        uint64_t w = (uint64_t)v->d[i] << (s % 32);
        r.d[i + s / 32] |= (uint32_t)w;
        r.d[i + s / 32 + 1] |= (uint32_t)(w >> 32);
    }
    r.neg = v->neg;
    return wrap(r);
}
void *rt_bigint_shr(void *a, int64_t k) {
    const bn *v = arg(a, "BigInt.Shr");
    size_t s = nonneg(k, "BigInt.Shr");
    bool lost = false;
    for (size_t i = 0; i < s && i < mag_bits(v); i++)
        lost = lost || mag_bit(v, i);
    size_t n = v->n > s / 32 ? v->n - s / 32 : 0;
    bn r = bn_alloc(n);
    for (size_t i = 0; i < n; i++) {
        uint64_t w = v->d[i + s / 32];
        if (i + s / 32 + 1 < v->n)
            w |= (uint64_t)v->d[i + s / 32 + 1] << 32;
        r.d[i] = (uint32_t)(w >> (s % 32));
    }
    r.neg = v->neg;
    bn_trim(&r);
    if (v->neg && lost) { /* floor: -(|v| >> s) - 1 */
        bn one = bn_from_u64(1, true), t = s_add(&r, &one, false);
        free(one.d);
        free(r.d);
        r = t;
    }
    return wrap(r);
}

void *rt_bigint_pow(void *a, int64_t e) {
    const bn *v = arg(a, "BigInt.Pow");
    if (e < 0)
        rt__trap("BigInt.Pow: negative exponent");
    bn r = bn_from_u64(1, false), base = bn_copy(v);
    while (e) {
        if (e & 1) {
            bn t = s_mul(&r, &base);
            free(r.d);
            r = t;
        }
        e >>= 1;
        if (e) {
            bn t = s_mul(&base, &base);
            free(base.d);
            base = t;
        }
    }
    free(base.d);
    return wrap(r);
}

static bn gcd_mag(const bn *a, const bn *b) {
    bn x = bn_copy(a), y = bn_copy(b);
    x.neg = y.neg = false;
    while (y.n) {
        bn q, r;
        mag_divmod(&x, &y, &q, &r);
        free(q.d);
        free(x.d);
        x = y;
        y = r;
    }
    free(y.d);
    return x;
}
void *rt_bigint_gcd(void *a, void *b) {
    return wrap(gcd_mag(arg(a, "BigInt.Gcd"), arg(b, "BigInt.Gcd")));
}
void *rt_bigint_lcm(void *a, void *b) {
    const bn *x = arg(a, "BigInt.Lcm"), *y = arg(b, "BigInt.Lcm");
    if (!x->n || !y->n)
        return wrap(bn_alloc(0));
    bn g = gcd_mag(x, y), q, r, p = mag_mul(x, y);
    mag_divmod(&p, &g, &q, &r);
    free(g.d);
    free(r.d);
    free(p.d);
    return wrap(q);
}

int64_t rt_bigint_bit_length(void *a) { return (int64_t)mag_bits(arg(a, "BigInt.BitLength")); }

bool rt_bigint_test_bit(void *a, int64_t k) {
    const bn *v = arg(a, "BigInt.TestBit");
    size_t s = nonneg(k, "BigInt.TestBit");
    if (!v->neg)
        return mag_bit(v, s);
    size_t len = v->n + 1;
    if (s / 32 >= len)
        return true; /* sign extension of a negative */
    uint32_t *t = to_twos(v, len);
    bool bit = (t[s / 32] >> (s % 32)) & 1u;
    free(t);
    return bit;
}
static void *bit_update(void *a, int64_t k, bool set, const char *fn) {
    const bn *v = arg(a, fn);
    bn m = pow2(nonneg(k, fn));
    bn r;
    if (set) {
        r = bitop(v, &m, OP_OR);
    } else {
        size_t len = (v->n > m.n ? v->n : m.n) + 1;
        uint32_t *x = to_twos(v, len), *y = to_twos(&m, len);
        for (size_t i = 0; i < len; i++)
            x[i] &= ~y[i];
        free(y);
        r = from_twos(x, len);
    }
    free(m.d);
    return wrap(r);
}
void *rt_bigint_set_bit(void *a, int64_t k) { return bit_update(a, k, true, "BigInt.SetBit"); }
void *rt_bigint_clear_bit(void *a, int64_t k) { return bit_update(a, k, false, "BigInt.ClearBit"); }

void *rt_bigint_sqrt(void *a) {
    const bn *v = arg(a, "BigInt.Sqrt");
    if (v->neg)
        rt__trap("BigInt.Sqrt: negative value");
    if (!v->n)
        return wrap(bn_alloc(0));
    bn x = pow2((mag_bits(v) + 1) / 2); /* x >= sqrt(v) */
    bn_trim(&x);
    for (;;) { /* Newton: y = (x + v / x) / 2 until it stops decreasing */
        bn q, r;
        mag_divmod(v, &x, &q, &r);
        free(r.d);
        bn y = mag_add(&x, &q);
        free(q.d);
        mag_divsmall(&y, 2);
        if (mag_cmp(&y, &x) >= 0) {
            free(y.d);
            return wrap(x);
        }
        free(x.d);
        x = y;
    }
}
