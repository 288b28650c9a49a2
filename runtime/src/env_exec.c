/*
 * env_exec.c — Viper.Environment variables / IsNative (RUNTIME-SYSTEM.md §5; the argument
 * functions and EndProgram are in diag_env.c) and Viper.Exec.* (§6).
 *
 * Environment: names and values are read up to the first NUL. A NULL or empty name traps
 * `Viper.Environment.<Fn>: name must not be empty`; SetVariable with a NULL value sets "", and a
 * setenv failure (e.g. a name containing `=`) traps `Viper.Environment.SetVariable: failed to set
 * variable`. IsNative is 1 (the VM's own handler answers 0; the native build answers 1).
 *
 * Exec: Run/RunArgs/Capture/CaptureArgs execute the program path directly (no shell, no PATH
 * search) with argv = [program, args...] and the current environment; the child inherits stdin
 * and stderr. They use fork + execve with a close-on-exec pipe that carries the exec errno back,
 * so a failed exec is reported as a spawn failure (Run → −1, Capture → "") on every C library and
 * under user-mode emulators (where posix_spawn's vfork would report it as exit status 127).
 * Run returns the exit status (0–255), −signal if the child was killed. Capture returns the
 * child's stdout (at most 16 MiB kept; the rest is read and dropped so the child never blocks).
 * Shell uses system(3) (empty command → 0 without running; normal exit → status; signal or failure
 * → −1); ShellCapture uses popen(cmd, "r") (empty → ""; output kept verbatim incl. the trailing
 * newline). VM behaviour reproduced on purpose (§6 "Output ordering"): stdout is NOT flushed
 * before a child starts, so a child writing to the inherited stdout can appear before text the
 * program printed earlier with non-flushing Print calls. The forked child never flushes the
 * copied stdio buffers (it only calls execve/write/_exit).
 * RunArgs/CaptureArgs: args is a Seq (or List) of strings, NULL = no arguments; a NULL or
 * non-string element traps `Exec.<Fn>: argument must be a string` (the reference does not allow
 * them; this message is this runtime's own).
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, localtime_r, setenv, popen, flockfile */
#include "rt_objects_internal.h"
#include "rt_system_abi.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* ---- Environment ----------------------------------------------------------------------------- */

static const char *env_name(rt_string name, const char *fn) {
    if (!name || name->len == 0 || name->data[0] == '\0')
        rt__trapf("Viper.Environment.%s: name must not be empty", fn);
    return name->data;
}

rt_string rt_env_get_var(rt_string name) {
    const char *v = getenv(env_name(name, "GetVariable"));
    if (!v)
        return rt_str_empty();
    return rt__str_from_cstr(v);
}

bool rt_env_has_var(rt_string name) {
    return getenv(env_name(name, "HasVariable")) != NULL;
}

void rt_env_set_var(rt_string name, rt_string value) {
    const char *n = env_name(name, "SetVariable");
    const char *v = value ? value->data : "";
    if (setenv(n, v, 1) != 0)
        rt__trap("Viper.Environment.SetVariable: failed to set variable");
}

bool rt_env_is_native(void) {
    return true;
}

/* ---- Exec: direct program execution ---------------------------------------------------------- */

/* Checks the program argument and builds argv = [program, args...] (malloc'd array of borrowed
 * C strings, NULL-terminated). */
static char **build_argv(rt_string program, void *args, const char *fn) {
    if (!program)
        rt__trapf("Exec.%s: null program", fn);
    if (program->len == 0 || program->data[0] == '\0')
        rt__trapf("Exec.%s: empty program", fn);
    int64_t n = 0;
    if (args && rt__is_seq(args))
        n = rt_seq_len(args);
    char **argv = rt__xmalloc(sizeof(char *) * (size_t)(n + 2));
    argv[0] = program->data;
    for (int64_t i = 0; i < n; i++) {
        void *e = rt__seq_at(args, i);
        if (!e || !rt__is_string(e)) {
            free(argv);
            rt__trapf("Exec.%s: argument must be a string", fn);
        }
        argv[i + 1] = ((rt_string)e)->data;
    }
    argv[n + 1] = NULL;
    return argv;
}

static void set_cloexec(int fd) {
    int fl = fcntl(fd, F_GETFD);
    if (fl >= 0)
        fcntl(fd, F_SETFD, fl | FD_CLOEXEC);
}

/* Starts argv[0] with stdout redirected to out_fd (-1 = inherited). Returns the child's pid, or
 * -1 if it could not be started (fork failure or failed exec). */
static pid_t spawn(char **argv, int out_fd) {
    int errpipe[2];
    if (pipe(errpipe) != 0)
        return -1;
    set_cloexec(errpipe[0]);
    set_cloexec(errpipe[1]);
    pid_t pid = fork();
    if (pid < 0) {
        close(errpipe[0]);
        close(errpipe[1]);
        return -1;
    }
    if (pid == 0) {
        /* child: only async-signal-safe calls from here on */
        close(errpipe[0]);
        if (out_fd >= 0 && out_fd != STDOUT_FILENO) {
            if (dup2(out_fd, STDOUT_FILENO) < 0) {
                int e = errno;
                ssize_t w = write(errpipe[1], &e, sizeof e);
                (void)w;
                _exit(127);
            }
            close(out_fd);
        }
        execve(argv[0], argv, environ);
        int e = errno;
        ssize_t w = write(errpipe[1], &e, sizeof e);
        (void)w;
        _exit(127);
    }
    close(errpipe[1]);
    int child_errno = 0;
    ssize_t r;
    do {
        r = read(errpipe[0], &child_errno, sizeof child_errno);
    } while (r < 0 && errno == EINTR);
    close(errpipe[0]);
    if (r > 0) {
        /* the exec failed: reap the child, report a spawn failure */
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
        }
        return -1;
    }
    return pid;
}

/* Waits for pid; exit status 0–255, −signal, or −1 if waiting failed. */
static int64_t wait_status(pid_t pid) {
    int st;
    pid_t r;
    do {
        r = waitpid(pid, &st, 0);
    } while (r < 0 && errno == EINTR);
    if (r < 0)
        return -1;
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    if (WIFSIGNALED(st))
        return -(int64_t)WTERMSIG(st);
    return -1;
}

static int64_t run(rt_string program, void *args, const char *fn) {
    char **argv = build_argv(program, args, fn);
    pid_t pid = spawn(argv, -1);
    free(argv);
    if (pid < 0)
        return -1;
    return wait_status(pid);
}

int64_t rt_exec_run(rt_string program) {
    return run(program, NULL, "Run");
}

int64_t rt_exec_run_args(rt_string program, void *args) {
    return run(program, args, "RunArgs");
}

#define CAPTURE_LIMIT ((size_t)16 * 1024 * 1024)

/* Reads fd to EOF, keeping at most CAPTURE_LIMIT bytes; returns a new string. */
static rt_string read_all_fd(int fd) {
    size_t len = 0, cap = 4096;
    char *buf = rt__xmalloc(cap);
    char tmp[4096];
    for (;;) {
        ssize_t r = read(fd, tmp, sizeof tmp);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        size_t keep = (size_t)r;
        if (len + keep > CAPTURE_LIMIT)
            keep = CAPTURE_LIMIT - len;
        if (keep) {
            if (len + keep > cap) {
                while (len + keep > cap)
                    cap *= 2;
                buf = rt__xrealloc(buf, cap);
            }
            memcpy(buf + len, tmp, keep);
            len += keep;
        }
    }
    rt_string s = len ? rt__str_new(buf, len) : rt_str_empty();
    free(buf);
    return s;
}

static rt_string capture(rt_string program, void *args, const char *fn) {
    char **argv = build_argv(program, args, fn);
    int p[2];
    if (pipe(p) != 0) {
        free(argv);
        return rt_str_empty();
    }
    set_cloexec(p[0]);
    pid_t pid = spawn(argv, p[1]);
    free(argv);
    close(p[1]);
    if (pid < 0) {
        close(p[0]);
        return rt_str_empty();
    }
    rt_string out = read_all_fd(p[0]);
    close(p[0]);
    wait_status(pid);
    return out;
}

rt_string rt_exec_capture(rt_string program) {
    return capture(program, NULL, "Capture");
}

rt_string rt_exec_capture_args(rt_string program, void *args) {
    return capture(program, args, "CaptureArgs");
}

/* ---- Exec: through /bin/sh ------------------------------------------------------------------- */

int64_t rt_exec_shell(rt_string cmd) {
    if (!cmd)
        rt__trap("Exec.Shell: null command");
    if (cmd->len == 0 || cmd->data[0] == '\0')
        return 0;
    int st = system(cmd->data);
    if (st == -1 || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

rt_string rt_exec_shell_capture(rt_string cmd) {
    if (!cmd)
        rt__trap("Exec.ShellCapture: null command");
    if (cmd->len == 0 || cmd->data[0] == '\0')
        return rt_str_empty();
    FILE *f = popen(cmd->data, "r");
    if (!f)
        return rt_str_empty();
    rt_string out = read_all_fd(fileno(f));
    pclose(f);
    return out;
}
