/*
 * trap.c — every trap of the native runtime goes through rt__raise (IL traps from vpr_trap and
 * runtime-library traps from rt__trap/rt__trapf; RUNTIME-ABI §1.8, IL-SPEC §9.2).
 *
 * EH hook point: if `rt__trap_hook` is non-NULL, rt__raise calls it first; a future IL exception
 * handling implementation installs a hook that transfers control to the active IL handler (e.g. with
 * longjmp) and never returns. If the hook returns (or none is installed) the trap is unhandled:
 * stdout is flushed, one line is written to stderr and the process exits with status 1.
 *
 * Threads (RUNTIME-SYSTEM §2.0/§2.1): a trap on a runtime thread is first offered to the IL hook
 * (eh.c only delivers to a record on the trapping thread's own stack, rt__eh_record_mine), then to
 * the thread's StartSafe capture (rt__tls_thread->capture, longjmps back into the thread wrapper),
 * otherwise it ends the whole process like a trap on the main thread. The fatal path is serialised
 * by a lock so that two threads trapping at once print one line and exit once.
 */
#include "rt_internal.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

rt_trap_hook_fn rt__trap_hook = NULL;

int rt__mt_flag = 0;
_Thread_local rt__thread_ctx *rt__tls_thread = NULL;

void rt__mt_enable(void) { __atomic_store_n(&rt__mt_flag, 1, __ATOMIC_SEQ_CST); }

bool rt__eh_record_mine(const void *rec) {
    if (!rt__mt())
        return true; /* one thread: every record on the chain is this thread's */
    volatile char here = 0; /* the deepest live frame of this thread */
    uintptr_t a = (uintptr_t)rec, lo = (uintptr_t)&here;
    const rt__thread_ctx *c = rt__tls_thread;
    if (a < lo)
        return false; /* not on this thread's live stack (another thread's stack lies elsewhere) */
    if (c && c->stack_hi && a >= c->stack_hi)
        return false;
    return true;
}

static pthread_mutex_t rt_fatal_lock = PTHREAD_MUTEX_INITIALIZER;

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
    rt__thread_ctx *tc = rt__tls_thread;
    if (tc && tc->capture)
        tc->capture(tc, kind, code, msg); /* Thread.StartSafe: does not return */
    if (rt__mt())
        pthread_mutex_lock(&rt_fatal_lock); /* never released: the first fatal trap exits */
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
