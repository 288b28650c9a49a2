/*
 * eh.c — native structured error handling for compiled IL (IL-SPEC §7.10, RUNTIME-ABI §1.8).
 *
 * Every function containing `eh.push` owns a `vpr_eh_record` in its frame (layout shared with
 * target-aarch64/src/eh/mod.rs, checked below with offsetof). Its prologue links the record into
 * the chain `vpr_eh_top`; every return unlinks it. A record holds the handler stack as a ring of
 * `cap` handler indices plus an unbounded depth counter (the VM never pops a handler on resume, so
 * the depth may grow; the ring keeps the innermost `cap` entries).
 *
 * Delivery: a constructor installs vpr_eh_deliver as rt__trap_hook, so every trap (IL traps via
 * vpr_trap, runtime-library traps via rt__trap as DomainError code 0) reaches it. It walks the chain
 * from the top to the first record with a non-empty handler stack (records of frames without an
 * active handler are discarded: the chain is reset to the chosen record), fills the record's error
 * {kind, code, ip, line} (ip/line from the record's current site in its static site table), sets
 * `vpr_eh_trap_kind` and jumps to the function's landing pad with sp and x29 restored
 * (vpr_eh_jump). Without such a record it returns and rt__raise reports the trap and exits 1.
 * Invariant: only records of live frames are on the chain, innermost first.
 * Threads: `vpr_eh_top` is thread-local (each thread has its own chain, so IL EH works on every
 * thread at once) except on Darwin, where compiled code addresses it as one process-wide chain;
 * there a record is used only if it lies on the trapping thread's stack (rt__eh_record_mine) so
 * that a worker's trap never lands in another thread's frame.
 */
#include "rt_internal.h"

#include <stddef.h>
#include <stdlib.h>

VPR_EH_TLS vpr_eh_record *vpr_eh_top = NULL;
VPR_EH_TLS int64_t vpr_eh_trap_kind = RT_TRAP_RUNTIME_ERROR;

_Static_assert(offsetof(vpr_eh_record, prev) == 0, "EH record layout");
_Static_assert(offsetof(vpr_eh_record, sp) == 8, "EH record layout");
_Static_assert(offsetof(vpr_eh_record, fp) == 16, "EH record layout");
_Static_assert(offsetof(vpr_eh_record, landing) == 24, "EH record layout");
_Static_assert(offsetof(vpr_eh_record, sites) == 32, "EH record layout");
_Static_assert(offsetof(vpr_eh_record, site) == 40, "EH record layout");
_Static_assert(offsetof(vpr_eh_record, depth) == 48, "EH record layout");
_Static_assert(offsetof(vpr_eh_record, fault) == 56, "EH record layout");
_Static_assert(offsetof(vpr_eh_record, err) == 64, "EH record layout");
_Static_assert(offsetof(vpr_eh_record, handlers) == 96, "EH record layout");
_Static_assert(offsetof(vpr_eh_error, code) == 4, "EH error layout");
_Static_assert(offsetof(vpr_eh_error, ip) == 8, "EH error layout");
_Static_assert(offsetof(vpr_eh_error, line) == 16, "EH error layout");
_Static_assert(sizeof(vpr_eh_error) == 32, "EH error layout");

int64_t vpr_eh_kind_of_code(int64_t code) {
    static const int8_t kinds[9] = {
        RT_TRAP_RUNTIME_ERROR, RT_TRAP_FILE_NOT_FOUND, RT_TRAP_EOF,
        RT_TRAP_IO_ERROR,      RT_TRAP_OVERFLOW,       RT_TRAP_INVALID_CAST,
        RT_TRAP_DOMAIN_ERROR,  RT_TRAP_BOUNDS,         RT_TRAP_INVALID_OPERATION,
    };
    if (code < 0 || code > 8)
        return RT_TRAP_RUNTIME_ERROR;
    return kinds[code];
}

vpr_eh_error *vpr_eh_error_new(int64_t code, rt_string msg) {
    vpr_eh_error *e = calloc(1, sizeof *e);
    if (!e)
        rt__trap("trap.err: out of memory");
    e->kind = (int32_t)vpr_eh_kind_of_code((int32_t)code);
    e->code = (int32_t)code;
    e->ip = -1;
    e->line = -1;
    e->msg = msg;
    return e;
}

vpr_eh_record *vpr_eh_find(void) {
    vpr_eh_record *r = vpr_eh_top;
    while (r && r->depth <= 0)
        r = r->prev;
    return r;
}

void vpr_eh_fill(vpr_eh_record *r, int64_t kind, int64_t code, const char *msg) {
    r->fault = r->site;
    r->err.kind = (int32_t)kind;
    r->err.code = (int32_t)code;
    r->err.ip = r->sites ? r->sites[2 * r->site] : -1;
    r->err.line = r->sites ? (int32_t)r->sites[2 * r->site + 1] : -1;
    r->err.msg = NULL;
    (void)msg;
    vpr_eh_trap_kind = kind;
}

#if defined(__aarch64__)
/* Restore sp and x29 from the record and branch to its landing pad (never returns). */
RT_NORETURN void vpr_eh_jump(vpr_eh_record *r);
#if defined(__APPLE__)
#define VPR_EH_SYM "_vpr_eh_jump"
#else
#define VPR_EH_SYM "vpr_eh_jump"
#endif
__asm__(".text\n"
        ".p2align 2\n"
        ".globl " VPR_EH_SYM "\n" VPR_EH_SYM ":\n"
        "\tldr x16, [x0, #8]\n"
        "\tmov sp, x16\n"
        "\tldr x29, [x0, #16]\n"
        "\tldr x16, [x0, #24]\n"
        "\tbr x16\n");
#endif

void vpr_eh_deliver(int64_t kind, int64_t code, const char *msg, const vpr_trap_site *site) {
    (void)site;
    vpr_eh_record *r = vpr_eh_find();
    if (!r || !rt__eh_record_mine(r))
        return; /* unhandled (or the record is another thread's): rt__raise goes on */
    vpr_eh_top = r;
    vpr_eh_fill(r, kind, code, msg);
#if defined(__aarch64__)
    vpr_eh_jump(r);
#endif
}

#if defined(__aarch64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((constructor)) static void vpr_eh_install(void) { rt__trap_hook = vpr_eh_deliver; }
#endif
