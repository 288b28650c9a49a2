/*
 * trap.c — every trap of the native runtime goes through rt__raise (IL traps from vpr_trap and
 * runtime-library traps from rt__trap/rt__trapf; RUNTIME-ABI §1.8, IL-SPEC §9.2).
 *
 * EH hook point: if `rt__trap_hook` is non-NULL, rt__raise calls it first; a future IL exception
 * handling implementation installs a hook that transfers control to the active IL handler (e.g. with
 * longjmp) and never returns. If the hook returns (or none is installed) the trap is unhandled:
 * stdout is flushed, one line is written to stderr and the process exits with status 1.
 */
#include "rt_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

rt_trap_hook_fn rt__trap_hook = NULL;

static const char *const rt_trap_kind_names[] = {
    "DivideByZero", "Overflow", "InvalidCast",      "DomainError",  "Bounds",
    "FileNotFound", "EOF",      "IOError",          "InvalidOperation", "RuntimeError",
};

const char *rt__trap_kind_name(int64_t kind) {
    if (kind < 0 || kind >= (int64_t)(sizeof rt_trap_kind_names / sizeof rt_trap_kind_names[0]))
        return "RuntimeError";
    return rt_trap_kind_names[kind];
}

RT_NORETURN void rt__raise(int64_t kind, int64_t code, const char *msg, const vpr_trap_site *site) {
    if (rt__trap_hook)
        rt__trap_hook(kind, code, msg, site); /* EH hook point: may not return */
    fflush(stdout);
    if (site) {
        fprintf(stderr, "Trap @%s:%s#%lld", site->function ? site->function : "?",
                site->block ? site->block : "?", (long long)site->ip);
        if (site->line >= 0)
            fprintf(stderr, " line %lld", (long long)site->line);
    } else {
        fputs("Trap", stderr);
    }
    fprintf(stderr, ": %s (code=%lld)", rt__trap_kind_name(kind), (long long)code);
    if (msg && *msg)
        fprintf(stderr, ": %s", msg);
    fputc('\n', stderr);
    fflush(stderr);
    exit(1);
}

RT_NORETURN void vpr_trap(int64_t kind, int64_t code, const char *detail, const vpr_trap_site *site) {
    rt__raise(kind, code, detail, site);
}

RT_NORETURN void rt__trap(const char *msg) {
    rt__raise(RT_TRAP_DOMAIN_ERROR, 0, msg, NULL);
}

RT_NORETURN void rt__trapf(const char *fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    rt__trap(buf);
}
