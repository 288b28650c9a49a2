/* test_terminal.c — demo terminal functions (demos/README.md): nothing written when stdout is not
 * a terminal, InKey via read(2)/select, ReadLine via stdio, sleep. */
#define _XOPEN_SOURCE 700 /* posix_openpt, ptsname */
#include "check.h"
#include "rt_objects_internal.h"

#include <fcntl.h>
#include <termios.h>
#include <stdlib.h>
#include <time.h>

#define CHECK_STR(s, lit) CHECK_BYTES(rt__str_bytes(s), rt__str_len(s), lit)

/* Run fn in a child with stdin from `input` and stdout to a pipe; capture stdout into out. */
static size_t capture(void (*fn)(void), const char *input, char *out, size_t cap) {
    int inp[2], outp[2];
    if (pipe(inp) != 0 || pipe(outp) != 0)
        return 0;
    if (write(inp[1], input, strlen(input)) < 0)
        return 0;
    close(inp[1]);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(inp[0], 0);
        dup2(outp[1], 1);
        close(outp[0]);
        fn();
        fflush(stdout);
        _exit(0);
    }
    close(inp[0]);
    close(outp[1]);
    size_t n = 0;
    ssize_t r;
    while (n < cap - 1 && (r = read(outp[0], out + n, cap - 1 - n)) > 0)
        n += (size_t)r;
    out[n] = 0;
    close(outp[0]);
    waitpid(pid, NULL, 0);
    return n;
}

static void screen_calls(void) {
    printf("[");
    rt_term_cls();
    rt_term_color_i32(3, 4);
    rt_term_color_i32(12, 20);
    rt_term_locate_i32(0, 5);
    rt_term_cursor_visible_i32(0);
    rt_term_alt_screen_i32(1);
    rt_term_alt_screen_i32(0);
    printf("]");
}

/* ReadLine then InKey: stdio has buffered the rest of the pipe, so InKey finds nothing. */
static void readline_then_inkey(void) {
    rt_string l = rt_term_read_line();
    printf("<%s>", rt__str_bytes(l));
    rt_string k = rt_inkey_str();
    printf("<%s>", rt__str_bytes(k));
    l = rt_term_read_line();
    printf("<%s>", rt__str_bytes(l));
    l = rt_term_read_line();
    printf("<%s>", l ? "line" : "null");
}

static void inkey_sequence(void) {
    for (int i = 0; i < 4; i++) {
        rt_string k = rt_inkey_str();
        printf("<%s>", rt__str_bytes(k));
    }
    rt_string l = rt_term_read_line(); /* remaining bytes after the keys */
    printf("<%s>", l ? rt__str_bytes(l) : "null");
}

static void crlf_line(void) {
    rt_string l = rt_term_read_line();
    printf("<%s|%zu>", rt__str_bytes(l), rt__str_len(l));
}

/* Run screen_calls with stdout on a pseudo-terminal; capture what it wrote. Returns false when no
 * pty is available (the check is then skipped). */
static bool capture_tty(char *out, size_t cap) {
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0)
        return false;
    const char *name = ptsname(master);
    if (!name)
        return false;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int slave = open(name, O_RDWR | O_NOCTTY);
        if (slave < 0)
            _exit(3);
        struct termios t;
        if (tcgetattr(slave, &t) == 0) {
            t.c_oflag &= ~(tcflag_t)OPOST; /* no output translation */
            tcsetattr(slave, TCSANOW, &t);
        }
        dup2(slave, 1);
        screen_calls();
        fflush(stdout);
        _exit(0);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    size_t n = 0;
    fcntl(master, F_SETFL, O_NONBLOCK);
    ssize_t r;
    while (n < cap - 1 && (r = read(master, out + n, cap - 1 - n)) > 0)
        n += (size_t)r;
    out[n] = 0;
    close(master);
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

void run_tests(void) {
    char buf[256];
    capture(screen_calls, "", buf, sizeof buf);
    CHECK(strcmp(buf, "[]") == 0); /* stdout is a pipe: no escape sequences */
    if (capture_tty(buf, sizeof buf)) {
        CHECK(strcmp(buf, "[\x1b[2J\x1b[H\x1b[33;44m\x1b[1;34;48;5;20m\x1b[1;5H\x1b[?25l"
                          "\x1b[?1049h\x1b[?1049l]") == 0);
    }
    capture(readline_then_inkey, "hello\nworld\n", buf, sizeof buf);
    CHECK(strcmp(buf, "<hello><><world><null>") == 0);
    capture(inkey_sequence, "ab", buf, sizeof buf);
    CHECK(strcmp(buf, "<a><b><><><null>") == 0);
    capture(crlf_line, "x\r\n", buf, sizeof buf);
    CHECK(strcmp(buf, "<x|1>") == 0);
    capture(crlf_line, "last", buf, sizeof buf);
    CHECK(strcmp(buf, "<last|4>") == 0);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rt_sleep_ms(30);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    CHECK(ms >= 29.0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rt_sleep_ms(-100);
    rt_sleep_ms(0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    CHECK(ms < 20.0);
}
