/*
 * result.c — Viper.Result (RUNTIME-EXTENDED §25): an Ok/Err value with a str, i64 or f64 payload.
 *
 * Ownership: OkStr/ErrStr retain their string and the finaliser releases it (the reference
 * stores it without a retain — a use-after-free hazard, not imitated). Unwrap{Str,ErrStr} and
 * UnwrapOrStr return +1 references (the reference returns borrowed pointers, §G.3).
 * Failures of the unwrap family and Expect are not runtime traps: as the reference, one line goes
 * to stderr and the process calls abort() (exit status 134; stdout still in the stdio buffer is
 * not flushed). Lines: `Result trap: Unwrap called on NULL Result`, `... on Err Result`,
 * `Result trap: Unwrap i64|f64|string called on non-i64|non-f64|non-string Result`,
 * `Result trap: UnwrapErr called on NULL Result`, `... on Ok Result`,
 * `Result trap: UnwrapErr string called on non-string Result`, `Result expect: <msg>` and
 * `Result expect: <msg> (NULL Result)` (NULL msg -> `assertion failed`).
 * Expect returns an Ok payload reinterpreted as an object pointer (a str payload is returned +1;
 * an i64/f64 payload is its raw bit pattern, meaningless as an object — do not dereference).
 * ToString: `Ok(<v>)`/`Err(<v>)`: i64 in decimal, f64 with C %g, a string in double quotes
 * (unescaped; NULL string as empty); NULL -> `Result(null)`. A non-Result object reads as NULL.
 */
#include "rt_chtab_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RES_OK = 0, RES_ERR = 1 };
enum { PAY_STR = 0, PAY_I64 = 1, PAY_F64 = 2 };

typedef struct rt_result {
    void *vptr; /* always NULL */
    int64_t variant;
    int64_t kind;
    union {
        rt_string s;
        int64_t i;
        double f;
    } v;
} rt_result;

static void res_finalize(void *p) {
    rt_result *r = p;
    if (r->kind == PAY_STR) {
        rt_string s = r->v.s;
        r->v.s = NULL;
        rt_str_release_maybe(s);
    }
}

static rt_result *as_res(void *p) { return rt__is_collection(p, res_finalize) ? p : NULL; }

static rt_result *res_new(int64_t variant, int64_t kind) {
    rt_result *r = rt__collection_alloc(sizeof(rt_result), res_finalize);
    r->variant = variant;
    r->kind = kind;
    return r;
}

RT_NORETURN static void res_abort(const char *fmt, const char *arg) {
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    fflush(stderr);
    abort();
}

void *rt_result_ok_i64(int64_t v) {
    rt_result *r = res_new(RES_OK, PAY_I64);
    r->v.i = v;
    return r;
}

void *rt_result_ok_f64(double v) {
    rt_result *r = res_new(RES_OK, PAY_F64);
    r->v.f = v;
    return r;
}

void *rt_result_ok_str(rt_string s) {
    rt_result *r = res_new(RES_OK, PAY_STR);
    rt_str_retain_maybe(s);
    r->v.s = s;
    return r;
}

void *rt_result_err_str(rt_string s) {
    rt_result *r = res_new(RES_ERR, PAY_STR);
    rt_str_retain_maybe(s);
    r->v.s = s;
    return r;
}

bool rt_result_is_ok(void *p) {
    rt_result *r = as_res(p);
    return r && r->variant == RES_OK;
}

bool rt_result_is_err(void *p) {
    rt_result *r = as_res(p);
    return r && r->variant == RES_ERR;
}

static rt_result *ok_of(void *p, int64_t kind, const char *what) {
    rt_result *r = as_res(p);
    if (!r)
        res_abort("%s", "Result trap: Unwrap called on NULL Result");
    if (r->variant != RES_OK)
        res_abort("%s", "Result trap: Unwrap called on Err Result");
    if (r->kind != kind)
        res_abort("Result trap: Unwrap %s Result", what);
    return r;
}

int64_t rt_result_unwrap_i64(void *p) { return ok_of(p, PAY_I64, "i64 called on non-i64")->v.i; }

double rt_result_unwrap_f64(void *p) { return ok_of(p, PAY_F64, "f64 called on non-f64")->v.f; }

rt_string rt_result_unwrap_str(void *p) {
    rt_string s = ok_of(p, PAY_STR, "string called on non-string")->v.s;
    rt_str_retain_maybe(s);
    return s;
}

rt_string rt_result_unwrap_err_str(void *p) {
    rt_result *r = as_res(p);
    if (!r)
        res_abort("%s", "Result trap: UnwrapErr called on NULL Result");
    if (r->variant != RES_ERR)
        res_abort("%s", "Result trap: UnwrapErr called on Ok Result");
    if (r->kind != PAY_STR)
        res_abort("%s", "Result trap: UnwrapErr string called on non-string Result");
    rt_str_retain_maybe(r->v.s);
    return r->v.s;
}

int64_t rt_result_unwrap_or_i64(void *p, int64_t d) {
    rt_result *r = as_res(p);
    return r && r->variant == RES_OK && r->kind == PAY_I64 ? r->v.i : d;
}

double rt_result_unwrap_or_f64(void *p, double d) {
    rt_result *r = as_res(p);
    return r && r->variant == RES_OK && r->kind == PAY_F64 ? r->v.f : d;
}

rt_string rt_result_unwrap_or_str(void *p, rt_string d) {
    rt_result *r = as_res(p);
    rt_string s = r && r->variant == RES_OK && r->kind == PAY_STR ? r->v.s : d;
    rt_str_retain_maybe(s);
    return s;
}

void *rt_result_expect(void *p, rt_string msg) {
    rt_result *r = as_res(p);
    const char *m = msg ? rt__str_bytes(msg) : "assertion failed";
    if (!r)
        res_abort("Result expect: %s (NULL Result)", m);
    if (r->variant != RES_OK)
        res_abort("Result expect: %s", m);
    if (r->kind == PAY_STR) {
        rt_str_retain_maybe(r->v.s);
        return r->v.s;
    }
    void *out;
    memcpy(&out, &r->v, sizeof out); /* the payload bits, as the reference */
    return out;
}

rt_string rt_result_to_string(void *p) {
    rt_result *r = as_res(p);
    if (!r)
        return rt__str_from_cstr("Result(null)");
    rt_buf b = {0};
    rt__buf_puts(&b, r->variant == RES_OK ? "Ok(" : "Err(");
    switch (r->kind) {
    case PAY_I64:
        rt__buf_putf(&b, "%lld", (long long)r->v.i);
        break;
    case PAY_F64:
        rt__buf_putf(&b, "%g", r->v.f);
        break;
    default:
        rt__buf_putc(&b, '"');
        rt__buf_puts(&b, rt__str_bytes(r->v.s)); /* %s: up to the first NUL */
        rt__buf_putc(&b, '"');
        break;
    }
    rt__buf_putc(&b, ')');
    return rt__buf_finish(&b);
}
