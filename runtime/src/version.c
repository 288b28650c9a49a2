/*
 * version.c — Viper.Text.Version: semantic versions `MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD]`.
 *
 * Parsing: one to three dot-separated decimal components (missing ones are 0, each < 2^63, no sign),
 * optional `-` pre-release and `+` build metadata made of dot-separated non-empty identifiers of
 * [0-9A-Za-z-]. Parse returns NULL for invalid text; getters on NULL give 0 / "". ToString is the
 * canonical three-component form. Cmp follows SemVer 2.0 precedence (build metadata ignored; a
 * pre-release sorts before its release; numeric identifiers compare numerically and before
 * alphanumeric ones) and returns -1/0/1. Bump* return the next version's text with pre-release
 * and build dropped (1.2.3 → 2.0.0 / 1.3.0 / 1.2.4). Satisfies(v, range): `||`-separated
 * alternatives of whitespace-separated comparators, all of which must hold; comparators are
 * `>=`, `<=`, `>`, `<`, `=`/`==`, `!=`, `^` (same major, or same minor below 1.0), `~` (same
 * minor) followed by a version, a bare version (equality), or `*`; malformed ranges are false.
 */
#include "rt_collections_abi.h"
#include "rt_lang_abi.h"
#include "rt_text_abi.h"
#include "rt_codec_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct rt_version {
    void *vptr; /* always NULL */
    int64_t major, minor, patch;
    rt_string pre, build; /* "" when absent; owned */
} rt_version;

static void ver_finalize(void *p) {
    rt_version *v = p;
    rt_str_release_maybe(v->pre);
    rt_str_release_maybe(v->build);
    v->pre = v->build = NULL;
}

static rt_version *as_ver(void *p) { return rt__is_collection(p, ver_finalize) ? p : NULL; }

/* Parse a decimal component at s[*i]; false when absent or too large. */
static bool number(const char *s, size_t n, size_t *i, int64_t *out) {
    size_t st = *i;
    int64_t v = 0;
    while (*i < n && s[*i] >= '0' && s[*i] <= '9') {
        if (v > (INT64_MAX - 9) / 10)
            return false;
        v = v * 10 + (s[(*i)++] - '0');
    }
    *out = v;
    return *i > st;
}

/* Dot-separated identifiers of [0-9A-Za-z-] from s[*i] up to a char in `stop` or the end. */
static bool idents(const char *s, size_t n, size_t *i, const char *stop) {
    size_t st = *i;
    bool empty = true;
    for (; *i < n && !strchr(stop, s[*i]); (*i)++) {
        char c = s[*i];
        if (c == '.') {
            if (empty)
                return false;
            empty = true;
        } else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                   c == '-') {
            empty = false;
        } else {
            return false;
        }
    }
    return *i > st && !empty;
}

static bool parse(const char *s, size_t n, int64_t num[3], size_t pre[2], size_t build[2]) {
    size_t i = 0;
    num[0] = num[1] = num[2] = 0;
    pre[0] = pre[1] = build[0] = build[1] = 0;
    for (int k = 0; k < 3; k++) {
        if (k > 0) {
            if (i >= n || s[i] != '.')
                break;
            i++;
        }
        if (!number(s, n, &i, &num[k]))
            return false;
    }
    if (i < n && s[i] == '-') {
        pre[0] = ++i;
        if (!idents(s, n, &i, "+"))
            return false;
        pre[1] = i;
    }
    if (i < n && s[i] == '+') {
        build[0] = ++i;
        if (!idents(s, n, &i, ""))
            return false;
        build[1] = i;
    }
    return i == n;
}

static rt_version *make(const char *s, size_t n) {
    int64_t num[3];
    size_t pre[2], build[2];
    if (!parse(s, n, num, pre, build))
        return NULL;
    rt_version *v = rt__collection_alloc(sizeof(rt_version), ver_finalize);
    v->major = num[0];
    v->minor = num[1];
    v->patch = num[2];
    v->pre = rt__str_new(s + pre[0], pre[1] - pre[0]);
    v->build = rt__str_new(s + build[0], build[1] - build[0]);
    return v;
}

void *rt_version_parse(rt_string s) { return s ? make(rt__str_bytes(s), rt__str_len(s)) : NULL; }

bool rt_version_is_valid(rt_string s) {
    int64_t num[3];
    size_t pre[2], build[2];
    return s && parse(rt__str_bytes(s), rt__str_len(s), num, pre, build);
}

int64_t rt_version_major(void *p) { return as_ver(p) ? as_ver(p)->major : 0; }
int64_t rt_version_minor(void *p) { return as_ver(p) ? as_ver(p)->minor : 0; }
int64_t rt_version_patch(void *p) { return as_ver(p) ? as_ver(p)->patch : 0; }

static rt_string field(rt_string s) {
    rt_str_retain_maybe(s);
    return s;
}

rt_string rt_version_prerelease(void *p) {
    return as_ver(p) ? field(as_ver(p)->pre) : rt_str_empty();
}

rt_string rt_version_build(void *p) {
    return as_ver(p) ? field(as_ver(p)->build) : rt_str_empty();
}

static rt_string text3(int64_t a, int64_t b, int64_t c) {
    rt_buf buf = {0};
    rt__buf_putf(&buf, "%lld.%lld.%lld", (long long)a, (long long)b, (long long)c);
    return rt__buf_finish(&buf);
}

rt_string rt_version_to_string(void *p) {
    rt_version *v = as_ver(p);
    if (!v)
        return rt_str_empty();
    rt_buf b = {0};
    rt__buf_putf(&b, "%lld.%lld.%lld", (long long)v->major, (long long)v->minor,
                 (long long)v->patch);
    if (rt__str_len(v->pre)) {
        rt__buf_putc(&b, '-');
        rt__buf_put(&b, rt__str_bytes(v->pre), rt__str_len(v->pre));
    }
    if (rt__str_len(v->build)) {
        rt__buf_putc(&b, '+');
        rt__buf_put(&b, rt__str_bytes(v->build), rt__str_len(v->build));
    }
    return rt__buf_finish(&b);
}

static int64_t inc(int64_t x) { return x < INT64_MAX ? x + 1 : x; }

rt_string rt_version_bump_major(void *p) {
    rt_version *v = as_ver(p);
    return v ? text3(inc(v->major), 0, 0) : rt_str_empty();
}

rt_string rt_version_bump_minor(void *p) {
    rt_version *v = as_ver(p);
    return v ? text3(v->major, inc(v->minor), 0) : rt_str_empty();
}

rt_string rt_version_bump_patch(void *p) {
    rt_version *v = as_ver(p);
    return v ? text3(v->major, v->minor, inc(v->patch)) : rt_str_empty();
}

static bool all_digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return n > 0;
}

/* SemVer pre-release precedence of two identifier lists ("" = release). */
static int cmp_pre(rt_string a, rt_string b) {
    size_t an = rt__str_len(a), bn = rt__str_len(b);
    if (!an || !bn)
        return an == bn ? 0 : an ? -1 : 1;
    const char *x = rt__str_bytes(a), *y = rt__str_bytes(b);
    size_t i = 0, j = 0;
    while (i < an && j < bn) {
        size_t ie = i, je = j;
        while (ie < an && x[ie] != '.')
            ie++;
        while (je < bn && y[je] != '.')
            je++;
        size_t il = ie - i, jl = je - j;
        bool xn = all_digits(x + i, il), yn = all_digits(y + j, jl);
        int c;
        if (xn && yn) {
            while (il > 1 && x[i] == '0')
                i++, il--;
            while (jl > 1 && y[j] == '0')
                j++, jl--;
            c = il != jl ? (il < jl ? -1 : 1) : memcmp(x + i, y + j, il);
        } else if (xn != yn) {
            c = xn ? -1 : 1;
        } else {
            c = memcmp(x + i, y + j, il < jl ? il : jl);
            if (!c)
                c = il == jl ? 0 : il < jl ? -1 : 1;
        }
        if (c)
            return c < 0 ? -1 : 1;
        i = ie < an ? ie + 1 : ie;
        j = je < bn ? je + 1 : je;
    }
    return (i < an) ? 1 : (j < bn) ? -1 : 0;
}

static int cmp3(int64_t a, int64_t b) { return a < b ? -1 : a > b; }

static int cmp(const rt_version *a, const rt_version *b) {
    int c = cmp3(a->major, b->major);
    if (!c)
        c = cmp3(a->minor, b->minor);
    if (!c)
        c = cmp3(a->patch, b->patch);
    return c ? c : cmp_pre(a->pre, b->pre);
}

/* NULL sorts before every version. */
int64_t rt_version_cmp(void *a, void *b) {
    rt_version *x = as_ver(a), *y = as_ver(b);
    if (!x || !y)
        return x == y ? 0 : x ? 1 : -1;
    return cmp(x, y);
}

/* One comparator (s[0..n), no whitespace) against v; *ok false when malformed. */
static bool comparator(const rt_version *v, const char *s, size_t n, bool *ok) {
    if (n == 1 && s[0] == '*')
        return true;
    static const char *ops[] = {">=", "<=", "==", "!=", ">", "<", "=", "^", "~"};
    const char *op = "=";
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        size_t l = strlen(ops[k]);
        if (n >= l && memcmp(s, ops[k], l) == 0) {
            op = ops[k];
            s += l;
            n -= l;
            break;
        }
    }
    rt_version *w = make(s, n);
    if (!w) {
        *ok = false;
        return false;
    }
    int c = cmp(v, w);
    bool r;
    if (!strcmp(op, ">="))
        r = c >= 0;
    else if (!strcmp(op, "<="))
        r = c <= 0;
    else if (!strcmp(op, ">"))
        r = c > 0;
    else if (!strcmp(op, "<"))
        r = c < 0;
    else if (!strcmp(op, "!="))
        r = c != 0;
    else if (!strcmp(op, "^"))
        r = c >= 0 && v->major == w->major && (w->major > 0 || v->minor == w->minor);
    else if (!strcmp(op, "~"))
        r = c >= 0 && v->major == w->major && v->minor == w->minor;
    else
        r = c == 0;
    rt__obj_release_and_free(w);
    return r;
}

bool rt_version_satisfies(void *p, rt_string range) {
    rt_version *v = as_ver(p);
    if (!v || !range)
        return false;
    const char *s = rt__str_bytes(range);
    size_t n = rt__str_len(range), i = 0;
    while (i <= n) {
        /* one alternative: up to "||" or the end */
        size_t end = i;
        while (end < n && !(s[end] == '|' && end + 1 < n && s[end + 1] == '|'))
            end++;
        bool all = true, ok = true, any = false;
        size_t j = i;
        while (j < end) {
            while (j < end && (s[j] == ' ' || s[j] == '\t'))
                j++;
            size_t st = j;
            while (j < end && s[j] != ' ' && s[j] != '\t')
                j++;
            if (j > st) {
                any = true;
                all = comparator(v, s + st, j - st, &ok) && all;
            }
        }
        if (ok && any && all)
            return true;
        i = end + 2;
    }
    return false;
}
