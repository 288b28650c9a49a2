/* test_eh.c — native structured error handling support (eh.c): kind mapping, trap.err records,
 * the chain walk, error filling from the site table, and (on aarch64) a real delivery through
 * rt__trap to a landing pad on a private stack. */
#include "check.h"
#include "rt_internal.h"

#include <setjmp.h>
#include <stdint.h>

static void test_kinds(void) {
    CHECK_EQ_I64(vpr_eh_kind_of_code(0), RT_TRAP_RUNTIME_ERROR);
    CHECK_EQ_I64(vpr_eh_kind_of_code(1), RT_TRAP_FILE_NOT_FOUND);
    CHECK_EQ_I64(vpr_eh_kind_of_code(2), RT_TRAP_EOF);
    CHECK_EQ_I64(vpr_eh_kind_of_code(3), RT_TRAP_IO_ERROR);
    CHECK_EQ_I64(vpr_eh_kind_of_code(4), RT_TRAP_OVERFLOW);
    CHECK_EQ_I64(vpr_eh_kind_of_code(5), RT_TRAP_INVALID_CAST);
    CHECK_EQ_I64(vpr_eh_kind_of_code(6), RT_TRAP_DOMAIN_ERROR);
    CHECK_EQ_I64(vpr_eh_kind_of_code(7), RT_TRAP_BOUNDS);
    CHECK_EQ_I64(vpr_eh_kind_of_code(8), RT_TRAP_INVALID_OPERATION);
    CHECK_EQ_I64(vpr_eh_kind_of_code(9), RT_TRAP_RUNTIME_ERROR);
    CHECK_EQ_I64(vpr_eh_kind_of_code(-1), RT_TRAP_RUNTIME_ERROR);
    vpr_eh_error *e = vpr_eh_error_new(7, rt_const_cstr("m"));
    CHECK_EQ_I64(e->kind, RT_TRAP_BOUNDS);
    CHECK_EQ_I64(e->code, 7);
    CHECK_EQ_I64(e->line, -1);
    CHECK(e->msg != NULL && e->msg->len == 1);
    free(e);
}

/* Records with room for a 4-entry handler ring. */
typedef struct {
    vpr_eh_record r;
    int64_t ring[4];
} rec4;

static const int64_t sites[] = {0, -1, 3, 12, 5, 40};

static void test_chain(void) {
    static rec4 outer, mid, inner;
    outer.r.prev = NULL;
    outer.r.depth = 1;
    outer.r.sites = sites;
    outer.r.site = 1;
    mid.r.prev = &outer.r;
    mid.r.depth = 0; /* an EH frame without an active handler is skipped */
    inner.r.prev = &mid.r;
    inner.r.depth = 0;
    vpr_eh_top = &inner.r;
    CHECK(vpr_eh_find() == &outer.r);
    mid.r.depth = 2;
    CHECK(vpr_eh_find() == &mid.r);
    vpr_eh_top = NULL;
    CHECK(vpr_eh_find() == NULL);

    CHECK_EQ_I64(vpr_eh_trap_kind, RT_TRAP_RUNTIME_ERROR); /* before any trap */
    outer.r.site = 2;
    vpr_eh_fill(&outer.r, RT_TRAP_OVERFLOW, 0, "x");
    CHECK_EQ_I64(outer.r.err.kind, RT_TRAP_OVERFLOW);
    CHECK_EQ_I64(outer.r.err.code, 0);
    CHECK_EQ_I64(outer.r.err.ip, 5);
    CHECK_EQ_I64(outer.r.err.line, 40);
    CHECK_EQ_I64(outer.r.fault, 2);
    CHECK_EQ_I64(vpr_eh_trap_kind, RT_TRAP_OVERFLOW);
}

#if defined(__aarch64__)
static jmp_buf back;
static rec4 live;
static _Alignas(16) char landing_stack[64 * 1024];
static int64_t landed_kind, landed_code, landed_ip;

static void landing(void) {
    landed_kind = live.r.err.kind;
    landed_code = live.r.err.code;
    landed_ip = live.r.err.ip;
    longjmp(back, 1);
}

static void test_delivery(void) {
    CHECK(rt__trap_hook == vpr_eh_deliver);
    live.r.prev = NULL;
    live.r.sp = (uintptr_t)(landing_stack + sizeof landing_stack);
    live.r.fp = 0;
    live.r.landing = (uintptr_t)landing;
    live.r.sites = sites;
    live.r.site = 1;
    live.r.depth = 1;
    vpr_eh_top = &live.r;
    if (!setjmp(back))
        rt__trap("runtime trap"); /* delivered as DomainError, code 0 */
    CHECK_EQ_I64(landed_kind, RT_TRAP_DOMAIN_ERROR);
    CHECK_EQ_I64(landed_code, 0);
    CHECK_EQ_I64(landed_ip, 3);
    CHECK(vpr_eh_top == &live.r);
    live.r.site = 0;
    if (!setjmp(back))
        vpr_trap(RT_TRAP_BOUNDS, 7, NULL, NULL);
    CHECK_EQ_I64(landed_kind, RT_TRAP_BOUNDS);
    CHECK_EQ_I64(landed_code, 7);
    CHECK_EQ_I64(landed_ip, 0);
    vpr_eh_top = NULL;
    /* No record with a handler: the trap is reported and the process exits 1. */
    CHECK_EXITS(rt__trap("unhandled"), 1, "unhandled");
}
#endif

void run_tests(void) {
    test_kinds();
    test_chain();
#if defined(__aarch64__)
    test_delivery();
#endif
}
