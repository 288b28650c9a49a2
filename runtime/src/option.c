/*
 * option.c — Viper.Option: an immutable optional value holding an i64, an f64 or a string.
 *
 * Representation: a runtime object {NULL word, tag, value}; the Some-string variant owns one
 * reference to its string. ToString gives `Some(<value>)` (numbers as PRINT formats them,
 * strings raw) or `None`. Unwrap* on None trap `Option.Unwrap: called on None`; Unwrap* of
 * another variant's type trap `Option.UnwrapI64: option holds a string` (and the like); Expect on
 * None traps with the caller's message and otherwise returns the option itself (+1).
 * UnwrapOr* give the default for None, NULL, or a value of another type. NULL reads as None.
 */
#include "rt_collections_abi.h"
#include "rt_lang_abi.h"
#include "rt_text_abi.h"
#include "rt_codec_internal.h"

enum { OPT_NONE = 0, OPT_I64 = 1, OPT_F64 = 2, OPT_STR = 3 };

typedef struct rt_option {
    void *vptr; /* always NULL */
    int64_t tag;
    union {
        int64_t i;
        double f;
        rt_string s;
    } v;
} rt_option;

static void opt_finalize(void *p) {
    rt_option *o = p;
    if (o->tag == OPT_STR)
        rt_str_release_maybe(o->v.s);
    o->tag = OPT_NONE;
}

static rt_option *as_opt(void *p) { return rt__is_collection(p, opt_finalize) ? p : NULL; }

static rt_option *opt_new(int64_t tag) {
    rt_option *o = rt__collection_alloc(sizeof(rt_option), opt_finalize);
    o->tag = tag;
    return o;
}

void *rt_option_none(void) { return opt_new(OPT_NONE); }

void *rt_option_some_i64(int64_t v) {
    rt_option *o = opt_new(OPT_I64);
    o->v.i = v;
    return o;
}

void *rt_option_some_f64(double v) {
    rt_option *o = opt_new(OPT_F64);
    o->v.f = v;
    return o;
}

void *rt_option_some_str(rt_string s) {
    rt_option *o = opt_new(OPT_STR);
    rt_str_retain_maybe(s);
    o->v.s = s;
    return o;
}

static int64_t tag_of(void *p) {
    rt_option *o = as_opt(p);
    return o ? o->tag : OPT_NONE;
}

bool rt_option_is_some(void *p) { return tag_of(p) != OPT_NONE; }
bool rt_option_is_none(void *p) { return tag_of(p) == OPT_NONE; }

static const char *tag_name(int64_t tag) {
    return tag == OPT_I64 ? "an integer" : tag == OPT_F64 ? "a number" : "a string";
}

/* The option holding `want`, or a trap naming the function. */
static rt_option *need(void *p, int64_t want, const char *fn) {
    int64_t tag = tag_of(p);
    if (tag == OPT_NONE)
        rt__trap("Option.Unwrap: called on None");
    if (tag != want)
        rt__trapf("Option.%s: option holds %s", fn, tag_name(tag));
    return p;
}

int64_t rt_option_unwrap_i64(void *p) { return need(p, OPT_I64, "UnwrapI64")->v.i; }
double rt_option_unwrap_f64(void *p) { return need(p, OPT_F64, "UnwrapF64")->v.f; }

rt_string rt_option_unwrap_str(void *p) {
    rt_string s = need(p, OPT_STR, "UnwrapStr")->v.s;
    rt_str_retain_maybe(s);
    return s;
}

int64_t rt_option_unwrap_or_i64(void *p, int64_t dflt) {
    return tag_of(p) == OPT_I64 ? ((rt_option *)p)->v.i : dflt;
}

double rt_option_unwrap_or_f64(void *p, double dflt) {
    return tag_of(p) == OPT_F64 ? ((rt_option *)p)->v.f : dflt;
}

rt_string rt_option_unwrap_or_str(void *p, rt_string dflt) {
    rt_string s = tag_of(p) == OPT_STR ? ((rt_option *)p)->v.s : dflt;
    rt_str_retain_maybe(s);
    return s;
}

void *rt_option_expect(void *p, rt_string msg) {
    if (tag_of(p) == OPT_NONE)
        rt__trap(msg ? rt__str_bytes(msg) : "Option.Expect: called on None");
    rt_obj_retain_maybe(p);
    return p;
}

rt_string rt_option_to_string(void *p) {
    rt_option *o = as_opt(p);
    if (!o || o->tag == OPT_NONE)
        return rt__str_from_cstr("None");
    rt_buf b = {0};
    rt__buf_puts(&b, "Some(");
    char num[40];
    if (o->tag == OPT_I64)
        rt__buf_put(&b, num, rt__format_i64(o->v.i, num));
    else if (o->tag == OPT_F64)
        rt__buf_put(&b, num, rt__format_f64(o->v.f, num));
    else
        rt__buf_put(&b, rt__str_bytes(o->v.s), rt__str_len(o->v.s));
    rt__buf_putc(&b, ')');
    return rt__buf_finish(&b);
}
