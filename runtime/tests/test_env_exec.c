/* test_env_exec.c — Viper.Environment variables (RUNTIME-SYSTEM.md §5), Viper.Exec (§6),
 * Viper.Log (§9.1) and Viper.Machine (§9.2), including the trap paths and the stdout ordering
 * quirk of Exec (a child's output overtakes unflushed Print text). */
#include "check.h"
#include "rt_core_abi.h"
#include "rt_objects_internal.h"
#include "rt_system_abi.h"

#include <ctype.h>

#define S(lit) rt__str_from_cstr(lit)
#define CHECK_STR(s, lit)                                                                          \
    do {                                                                                           \
        rt_string check_s_ = (s);                                                                  \
        CHECK_BYTES(rt__str_bytes(check_s_), rt__str_len(check_s_), lit);                          \
    } while (0)

/* Runs fn in a child with stdout and stderr on pipes (stdin empty); captures both. */
static void capture2(void (*fn)(void), char *out, char *err, size_t cap) {
    int o[2], e[2];
    out[0] = err[0] = 0;
    if (pipe(o) != 0 || pipe(e) != 0)
        return;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(o[1], 1);
        dup2(e[1], 2);
        close(o[0]);
        close(e[0]);
        fn();
        fflush(stdout);
        _exit(0);
    }
    close(o[1]);
    close(e[1]);
    waitpid(pid, NULL, 0);
    ssize_t r = read(o[0], out, cap - 1);
    out[r > 0 ? r : 0] = 0;
    r = read(e[0], err, cap - 1);
    err[r > 0 ? r : 0] = 0;
    close(o[0]);
    close(e[0]);
}

static void test_env(void) {
    rt_env_set_var(S("VIPER_TEST_VAR"), S("hello"));
    CHECK(rt_env_has_var(S("VIPER_TEST_VAR")) == 1);
    CHECK_STR(rt_env_get_var(S("VIPER_TEST_VAR")), "hello");
    rt_env_set_var(S("VIPER_TEST_VAR"), S("world"));
    CHECK_STR(rt_env_get_var(S("VIPER_TEST_VAR")), "world");
    rt_env_set_var(S("VIPER_TEST_VAR"), NULL); /* NULL value → "" but still set */
    CHECK(rt_env_has_var(S("VIPER_TEST_VAR")) == 1);
    CHECK_STR(rt_env_get_var(S("VIPER_TEST_VAR")), "");
    unsetenv("VIPER_TEST_MISSING");
    CHECK(rt_env_has_var(S("VIPER_TEST_MISSING")) == 0);
    CHECK_STR(rt_env_get_var(S("VIPER_TEST_MISSING")), "");
    CHECK(rt_env_is_native() == 1);
    CHECK_EXITS(rt_env_get_var(NULL), 1, "Viper.Environment.GetVariable: name must not be empty");
    CHECK_EXITS(rt_env_get_var(S("")), 1, "Viper.Environment.GetVariable: name must not be empty");
    CHECK_EXITS(rt_env_has_var(S("")), 1, "Viper.Environment.HasVariable: name must not be empty");
    CHECK_EXITS(rt_env_set_var(NULL, S("x")), 1,
                "Viper.Environment.SetVariable: name must not be empty");
    CHECK_EXITS(rt_env_set_var(S("A=B"), S("x")), 1,
                "Viper.Environment.SetVariable: failed to set variable");
}

static void *seq_of(const char *a, const char *b) {
    void *s = rt_seq_new();
    if (a)
        rt__seq_push_owned(s, S(a));
    if (b)
        rt__seq_push_owned(s, S(b));
    return s;
}

static void print_then_shell(void) {
    rt_print_str(S("first\n")); /* stays in the stdio buffer */
    rt_exec_shell(S("echo second"));
    rt_print_str(S("third\n"));
    rt_exec_run_args(S("/bin/echo"), seq_of("fourth", NULL));
}

static void test_exec(void) {
    CHECK_EQ_I64(rt_exec_run(S("/bin/true")), 0);
    CHECK_EQ_I64(rt_exec_run(S("/bin/false")), 1);
    CHECK_EQ_I64(rt_exec_run(S("echo hello")), -1); /* no shell, no PATH search */
    CHECK_EQ_I64(rt_exec_run(S("/nonexistent/program")), -1);
    CHECK_EQ_I64(rt_exec_run(S("/tmp")), -1); /* not executable */
    CHECK_EQ_I64(rt_exec_run_args(S("/bin/sh"), seq_of("-c", "exit 7")), 7);
    CHECK_EQ_I64(rt_exec_run_args(S("/bin/sh"), seq_of("-c", "kill -9 $$")), -9);
    CHECK_EQ_I64(rt_exec_run_args(S("/bin/true"), NULL), 0);
    CHECK_STR(rt_exec_capture(S("/bin/echo")), "\n");
    CHECK_STR(rt_exec_capture(S("echo hello")), "");
    CHECK_STR(rt_exec_capture_args(S("/bin/echo"), seq_of("a b", "c")), "a b c\n");
    CHECK_STR(rt_exec_capture_args(S("/bin/sh"), seq_of("-c", "echo out; echo err >&2")),
              "out\n"); /* stderr not captured */
    CHECK_STR(rt_exec_capture_args(S("/nonexistent"), seq_of("x", NULL)), "");
    rt_string big = rt_exec_capture_args(S("/bin/sh"), seq_of("-c", "head -c 300000 /dev/zero"));
    CHECK_EQ_I64(rt__str_len(big), 300000);
    CHECK_EXITS(rt_exec_run(NULL), 1, "Exec.Run: null program");
    CHECK_EXITS(rt_exec_run(S("")), 1, "Exec.Run: empty program");
    CHECK_EXITS(rt_exec_run_args(NULL, NULL), 1, "Exec.RunArgs: null program");
    CHECK_EXITS(rt_exec_run_args(S(""), NULL), 1, "Exec.RunArgs: empty program");
    CHECK_EXITS(rt_exec_capture(NULL), 1, "Exec.Capture: null program");
    CHECK_EXITS(rt_exec_capture(S("")), 1, "Exec.Capture: empty program");
    CHECK_EXITS(rt_exec_capture_args(NULL, NULL), 1, "Exec.CaptureArgs: null program");
    CHECK_EXITS(rt_exec_capture_args(S(""), NULL), 1, "Exec.CaptureArgs: empty program");
    void *bad = rt_seq_new();
    rt_seq_push(bad, NULL);
    CHECK_EXITS(rt_exec_run_args(S("/bin/echo"), bad), 1, "Exec.RunArgs: argument must be a string");

    CHECK_EQ_I64(rt_exec_shell(S("")), 0);
    CHECK_EQ_I64(rt_exec_shell(S("exit 3")), 3);
    CHECK_EQ_I64(rt_exec_shell(S("true")), 0);
    CHECK_EQ_I64(rt_exec_shell(S("kill -9 $$")), -1);
    CHECK_EXITS(rt_exec_shell(NULL), 1, "Exec.Shell: null command");
    CHECK_STR(rt_exec_shell_capture(S("echo captured_output")), "captured_output\n");
    CHECK_STR(rt_exec_shell_capture(S("echo abc | tr a-z A-Z")), "ABC\n");
    CHECK_STR(rt_exec_shell_capture(S("")), "");
    CHECK_STR(rt_exec_shell_capture(S("echo err >&2")), "");
    CHECK_EXITS(rt_exec_shell_capture(NULL), 1, "Exec.ShellCapture: null command");
    /* the environment is inherited by children */
    rt_env_set_var(S("VIPER_EXEC_VAR"), S("xyz"));
    CHECK_STR(rt_exec_shell_capture(S("echo $VIPER_EXEC_VAR")), "xyz\n");
    CHECK_STR(rt_exec_capture_args(S("/bin/sh"), seq_of("-c", "echo $VIPER_EXEC_VAR")), "xyz\n");
    /* stdout is not flushed before a child runs */
    char out[512], err[512];
    capture2(print_then_shell, out, err, sizeof out);
    CHECK(strcmp(out, "second\nfourth\nfirst\nthird\n") == 0);
}

static void log_all(void) {
    rt_log_debug(S("d-msg"));
    rt_log_info(S("i-msg"));
    rt_log_warn(S("w-msg"));
    rt_log_error(NULL);
    rt_print_str(S("out"));
}

/* True if line is `[LEVEL] HH:MM:SS text`. */
static bool log_line_ok(const char *line, const char *level, const char *text) {
    char pre[32];
    snprintf(pre, sizeof pre, "[%s] ", level);
    size_t n = strlen(pre);
    if (strncmp(line, pre, n) != 0)
        return false;
    const char *t = line + n;
    for (int i = 0; i < 8; i++)
        if ((i == 2 || i == 5) ? t[i] != ':' : !isdigit((unsigned char)t[i]))
            return false;
    if (t[8] != ' ')
        return false;
    size_t tl = strlen(text);
    return strncmp(t + 9, text, tl) == 0 && t[9 + tl] == '\n';
}

static void test_log(void) {
    CHECK_EQ_I64(rt_log_level_debug(), 0);
    CHECK_EQ_I64(rt_log_level_info(), 1);
    CHECK_EQ_I64(rt_log_level_warn(), 2);
    CHECK_EQ_I64(rt_log_level_error(), 3);
    CHECK_EQ_I64(rt_log_level_off(), 4);
    CHECK_EQ_I64(rt_log_level(), 1); /* default INFO */
    CHECK(rt_log_enabled(0) == 0 && rt_log_enabled(1) == 1);
    char out[512], err[512];
    capture2(log_all, out, err, sizeof out);
    CHECK(strcmp(out, "out") == 0); /* nothing on stdout */
    char *l1 = err, *l2 = strchr(l1, '\n'), *l3;
    CHECK(l2 != NULL);
    if (l2) {
        l3 = strchr(++l2, '\n');
        CHECK(log_line_ok(l1, "INFO", "i-msg"));
        CHECK(log_line_ok(l2, "WARN", "w-msg"));
        CHECK(l3 && log_line_ok(l3 + 1, "ERROR", ""));
        CHECK(strstr(err, "d-msg") == NULL);
    }
    rt_log_set_level(-5);
    CHECK_EQ_I64(rt_log_level(), 0);
    capture2(log_all, out, err, sizeof out);
    CHECK(log_line_ok(err, "DEBUG", "d-msg"));
    rt_log_set_level(99);
    CHECK_EQ_I64(rt_log_level(), 4);
    CHECK(rt_log_enabled(4) == 0 && rt_log_enabled(3) == 0);
    capture2(log_all, out, err, sizeof out);
    CHECK(err[0] == 0);
    rt_log_set_level(3);
    CHECK(rt_log_enabled(3) == 1 && rt_log_enabled(4) == 0 && rt_log_enabled(2) == 0);
    rt_log_set_level(1);
}

static void test_machine(void) {
    CHECK_STR(rt_machine_os(), "linux");
    CHECK_STR(rt_machine_endian(), "little");
    CHECK(rt_machine_cores() >= 1);
    CHECK(rt_machine_mem_total() > 0);
    CHECK(rt_machine_mem_free() >= 0 && rt_machine_mem_free() <= rt_machine_mem_total());
    CHECK(rt__str_len(rt_machine_os_ver()) > 0);
    CHECK(rt__str_len(rt_machine_host()) > 0);
    CHECK(rt__str_len(rt_machine_user()) > 0);
    rt_string user = rt_machine_user();
    if (getuid() == 0)
        CHECK_STR(user, "root"); /* from /etc/passwd */
    unsetenv("HOME");
    CHECK(rt__str_len(rt_machine_home()) > 0); /* passwd home directory */
    setenv("HOME", "/home/someone", 1);
    CHECK_STR(rt_machine_home(), "/home/someone");
    unsetenv("TMPDIR");
    unsetenv("TMP");
    unsetenv("TEMP");
    CHECK_STR(rt_machine_temp(), "/tmp");
    setenv("TEMP", "/temp3", 1);
    CHECK_STR(rt_machine_temp(), "/temp3");
    setenv("TMP", "/temp2", 1);
    CHECK_STR(rt_machine_temp(), "/temp2");
    setenv("TMPDIR", "/temp1/", 1);
    CHECK_STR(rt_machine_temp(), "/temp1/"); /* trailing slash kept */
    unsetenv("TMPDIR");
    unsetenv("TMP");
    unsetenv("TEMP");
}

void run_tests(void) {
    test_env();
    test_exec();
    test_log();
    test_machine();
}
