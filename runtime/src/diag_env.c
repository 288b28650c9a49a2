/*
 * diag_env.c — Viper.Core.Diagnostics (Assert, AssertFail, Trap and the Appendix A Assert* rows),
 * Viper.Environment.EndProgram and the BASIC argument functions (RUNTIME-ABI §3.10).
 * Diagnostics traps are runtime-library traps (DomainError, code 0) with the message text.
 */
#include "rt_core_abi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Trap with the text of msg (bytes before the first NUL), or `fallback` when msg is NULL/empty. */
static RT_NORETURN void rt_diag_trap(rt_string msg, const char *fallback) {
    if (!msg || msg->len == 0)
        rt__trap(fallback);
    rt__trap(msg->data);
}

void rt_diag_assert(bool cond, rt_string msg) {
    if (!cond)
        rt_diag_trap(msg, "Assertion failed");
}

void rt_diag_assert_fail(rt_string msg) {
    rt_diag_trap(msg, "AssertFail called");
}

void rt_trap(rt_string msg) {
    if (!msg)
        rt__trap("trap");
    rt__trap(msg->data);
}

void rt_env_exit(int64_t code) {
    exit((int)code);
}

int64_t rt_args_count(void) {
    return rt__argc;
}

rt_string rt_args_get(int64_t i) {
    if (i < 0 || i >= rt__argc)
        rt__trap("rt_args_get: index out of range");
    return rt__str_from_cstr(rt__argv[i]);
}

rt_string rt_cmdline(void) {
    if (rt__argc <= 0)
        return rt_str_empty();
    size_t total = 0;
    for (int i = 0; i < rt__argc; i++)
        total += strlen(rt__argv[i]) + 1;
    rt_string r = rt__str_alloc(total - 1);
    size_t n = 0;
    for (int i = 0; i < rt__argc; i++) {
        size_t l = strlen(rt__argv[i]);
        if (i)
            r->data[n++] = ' ';
        memcpy(r->data + n, rt__argv[i], l);
        n += l;
    }
    return r;
}
