/* test_diag.c — traps (vpr_trap/rt__trap/hook), start-up and arguments, Diagnostics, EndProgram
 * (RUNTIME-ABI §1.8, §3.10; IL-SPEC §9.2). */
#include "check.h"
#include "rt_core_abi.h"

#include <fcntl.h>
#include <setjmp.h>

#define S(lit) rt__str_from_cstr(lit)

static const vpr_trap_site site_line = {"main", "loop", 1, 12};
static const vpr_trap_site site_noline = {"main", "entry", 0, -1};

static jmp_buf hook_jmp;
static int64_t hook_kind, hook_code;
static void test_hook(int64_t kind, int64_t code, const char *msg, const vpr_trap_site *site) {
    (void)msg;
    (void)site;
    hook_kind = kind;
    hook_code = code;
    longjmp(hook_jmp, 1);
}
static void returning_hook(int64_t kind, int64_t code, const char *msg, const vpr_trap_site *site) {
    (void)kind, (void)code, (void)msg, (void)site;
}

static void test_traps(void) {
    CHECK_EXITS(vpr_trap(RT_TRAP_OVERFLOW, 0, "integer overflow in imul.ovf", &site_line), 1,
                "Trap @main:loop#1 line 12: Overflow (code=0): integer overflow in imul.ovf\n");
    CHECK_EXITS(vpr_trap(RT_TRAP_DOMAIN_ERROR, 0, NULL, &site_noline), 1,
                "Trap @main:entry#0: DomainError (code=0)\n");
    CHECK_EXITS(vpr_trap(RT_TRAP_BOUNDS, 7, NULL, NULL), 1, "Trap: Bounds (code=7)\n");
    CHECK_EXITS(rt__trap("boom"), 1, "Trap: DomainError (code=0): boom\n");
    CHECK_EXITS(rt__trapf("n=%d", 5), 1, "DomainError (code=0): n=5");
    CHECK(strcmp(rt__trap_kind_name(0), "DivideByZero") == 0);
    CHECK(strcmp(rt__trap_kind_name(6), "EOF") == 0);
    CHECK(strcmp(rt__trap_kind_name(8), "InvalidOperation") == 0);
    CHECK(strcmp(rt__trap_kind_name(9), "RuntimeError") == 0);
    CHECK(strcmp(rt__trap_kind_name(99), "RuntimeError") == 0);
    /* the EH hook sees the trap first */
    rt__trap_hook = test_hook;
    if (setjmp(hook_jmp) == 0) {
        vpr_trap(RT_TRAP_DIVIDE_BY_ZERO, 3, "d", &site_line);
        CHECK(0);
    } else {
        CHECK_EQ_I64(hook_kind, RT_TRAP_DIVIDE_BY_ZERO);
        CHECK_EQ_I64(hook_code, 3);
    }
    if (setjmp(hook_jmp) == 0) {
        rt__trap("lib");
        CHECK(0);
    } else {
        CHECK_EQ_I64(hook_kind, RT_TRAP_DOMAIN_ERROR);
        CHECK_EQ_I64(hook_code, 0);
    }
    rt__trap_hook = returning_hook; /* a hook that returns: default handling */
    CHECK_EXITS(rt__trap("after hook"), 1, "Trap: DomainError (code=0): after hook");
    rt__trap_hook = NULL;
}

/* Pipes stdout of a forked `stmt` and compares it. */
static void check_stdout_of_exit(void (*fn)(void), int status, const char *expected) {
    int p[2];
    fflush(stdout);
    if (pipe(p) != 0) {
        CHECK(0);
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        dup2(p[1], 1);
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 2);
        fn();
        _exit(99);
    }
    close(p[1]);
    char buf[256];
    size_t n = 0;
    ssize_t r;
    while (n < sizeof buf - 1 && (r = read(p[0], buf + n, sizeof buf - 1 - n)) > 0)
        n += (size_t)r;
    buf[n] = 0;
    close(p[0]);
    int st = 0;
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == status);
    CHECK_BYTES(buf, n, expected);
}

static void end_program_7(void) {
    rt_print_str(S("buffered"));
    rt_env_exit(7);
}
static void end_program_300(void) {
    rt_env_exit(300);
}
static void trap_after_print(void) {
    rt_print_str(S("before"));
    rt_trap(S("gosub: empty return stack"));
}

static void test_env(void) {
    check_stdout_of_exit(end_program_7, 7, "buffered");
    check_stdout_of_exit(end_program_300, 44, "");
    check_stdout_of_exit(trap_after_print, 1, "before");
    char *argv[] = {"prog", "one", "two words", NULL};
    vpr_start(3, argv);
    CHECK_EQ_I64(rt_args_count(), 2);
    rt_string a0 = rt_args_get(0);
    CHECK_BYTES(a0->data, a0->len, "one");
    CHECK_EQ_I64(a0->refs, 1);
    rt_string a1 = rt_args_get(1);
    CHECK_BYTES(a1->data, a1->len, "two words");
    rt_string cl = rt_cmdline();
    CHECK_BYTES(cl->data, cl->len, "one two words");
    CHECK_EXITS(rt_args_get(2), 1, "rt_args_get: index out of range");
    CHECK_EXITS(rt_args_get(-1), 1, "rt_args_get: index out of range");
    vpr_start(1, argv);
    CHECK_EQ_I64(rt_args_count(), 0);
    CHECK(rt_cmdline() == rt_str_empty());
    CHECK_EXITS(rt_args_get(0), 1, "rt_args_get: index out of range");
}

static void test_diag(void) {
    rt_diag_assert(true, NULL);
    rt_diag_assert((bool)1, S("unused"));
    CHECK(1);
    CHECK_EXITS(rt_diag_assert(false, S("x must be positive")), 1,
                "DomainError (code=0): x must be positive");
    CHECK_EXITS(rt_diag_assert(false, NULL), 1, "Assertion failed");
    CHECK_EXITS(rt_diag_assert(false, rt_str_empty()), 1, "Assertion failed");
    CHECK_EXITS(rt_diag_assert_fail(S("nope")), 1, ": nope");
    CHECK_EXITS(rt_diag_assert_fail(NULL), 1, "AssertFail called");
    CHECK_EXITS(rt_diag_assert_fail(rt_str_empty()), 1, "AssertFail called");
    CHECK_EXITS(rt_trap(NULL), 1, "DomainError (code=0): trap");
    CHECK_EXITS(rt_trap(S("custom")), 1, "DomainError (code=0): custom");
}

void run_tests(void) {
    test_traps();
    test_env();
    test_diag();
}
