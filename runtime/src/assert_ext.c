/*
 * assert_ext.c — the comparison asserts of Viper.Core.Diagnostics (Appendix A): AssertEq, AssertNeq,
 * AssertEqNum, AssertEqStr, AssertGt/Gte/Lt/Lte, AssertNull/NotNull. Each does nothing when the
 * condition holds and otherwise traps (DomainError, code 0, like Assert) with
 * `<message>: <detail>` — or just the detail when the message is NULL/empty — where the detail names
 * the check and the values, e.g. `AssertEq failed: expected 1, got 2`. AssertEqNum compares with
 * `==` (NaN never equals); AssertEqStr compares bytes (NULL equals only NULL or "").
 */
#include "rt_codec_internal.h"

#include <stdio.h>
#include <string.h>

static RT_NORETURN void rt_assert_trap(rt_string msg, const char *detail) {
    if (!msg || msg->len == 0)
        rt__trap(detail);
    rt__trapf("%s: %s", msg->data, detail);
}

static void rt_assert_i64(bool ok, const char *what, int64_t a, int64_t b, rt_string msg) {
    if (ok)
        return;
    char detail[160];
    snprintf(detail, sizeof detail, "%s failed: %lld vs %lld", what, (long long)a, (long long)b);
    rt_assert_trap(msg, detail);
}

void rt_diag_assert_eq(int64_t expected, int64_t actual, rt_string msg) {
    if (expected == actual)
        return;
    char detail[160];
    snprintf(detail, sizeof detail, "AssertEq failed: expected %lld, got %lld", (long long)expected,
             (long long)actual);
    rt_assert_trap(msg, detail);
}

void rt_diag_assert_neq(int64_t a, int64_t b, rt_string msg) {
    rt_assert_i64(a != b, "AssertNeq", a, b, msg);
}

void rt_diag_assert_gt(int64_t a, int64_t b, rt_string msg) {
    rt_assert_i64(a > b, "AssertGt", a, b, msg);
}

void rt_diag_assert_gte(int64_t a, int64_t b, rt_string msg) {
    rt_assert_i64(a >= b, "AssertGte", a, b, msg);
}

void rt_diag_assert_lt(int64_t a, int64_t b, rt_string msg) {
    rt_assert_i64(a < b, "AssertLt", a, b, msg);
}

void rt_diag_assert_lte(int64_t a, int64_t b, rt_string msg) {
    rt_assert_i64(a <= b, "AssertLte", a, b, msg);
}

void rt_diag_assert_eq_num(double expected, double actual, rt_string msg) {
    if (expected == actual)
        return;
    char e[32], a[32], detail[120];
    rt__format_f64(expected, e);
    rt__format_f64(actual, a);
    snprintf(detail, sizeof detail, "AssertEqNum failed: expected %s, got %s", e, a);
    rt_assert_trap(msg, detail);
}

void rt_diag_assert_eq_str(rt_string expected, rt_string actual, rt_string msg) {
    size_t el = rt__str_len(expected), al = rt__str_len(actual);
    if (el == al && memcmp(rt__str_bytes(expected), rt__str_bytes(actual), el) == 0)
        return;
    rt_buf b = {0};
    rt__buf_puts(&b, "AssertEqStr failed: expected \"");
    rt__buf_put(&b, rt__str_bytes(expected), el);
    rt__buf_puts(&b, "\", got \"");
    rt__buf_put(&b, rt__str_bytes(actual), al);
    rt__buf_putc(&b, '"');
    rt_string d = rt__buf_finish(&b);
    rt_assert_trap(msg, d->data);
}

void rt_diag_assert_null(void *p, rt_string msg) {
    if (p)
        rt_assert_trap(msg, "AssertNull failed: value is not null");
}

void rt_diag_assert_not_null(void *p, rt_string msg) {
    if (!p)
        rt_assert_trap(msg, "AssertNotNull failed: value is null");
}
