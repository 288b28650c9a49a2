/*
 * terminal.c — the terminal/demo functions (demos/README.md): screen control with ANSI escape
 * sequences, INKEY$ (non-blocking one-byte read(2) from stdin), line input through stdio, sleep.
 *
 * Screen-control functions write through stdout's stdio buffer (so they interleave correctly with
 * PrintStr) and only when stdout is a terminal (isatty); otherwise they write nothing.
 * Keys are read with read(2) on the descriptor while lines are read with fgetc: a ReadLine on a
 * pipe lets stdio swallow the pending bytes so a later InKey finds nothing — the reference VM
 * behaves the same way and the demo outputs depend on it.
 * Interactive use: when stdin is a terminal, InKey puts it in raw mode (no line buffering, no
 * echo) so single key presses arrive; ReadLine and SetAltScreen(0) restore the saved mode, and so
 * does process exit.
 * The legacy BASIC names rt_term_locate/color/textcolor/textbg/hide_cursor/show_cursor
 * (RUNTIME-SYSTEM.md §10) are thin i64 wrappers at the end of the file.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "rt_objects_internal.h"
#include "rt_system_abi.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static bool out_is_tty(void) { return isatty(STDOUT_FILENO) == 1; }

void rt_term_cls(void) {
    if (out_is_tty())
        fputs("\x1b[2J\x1b[H", stdout);
}

/* Appends the SGR parameters for one colour (base 30 for fg, 40 for bg) to buf. */
static void color_part(char *buf, size_t cap, int32_t c, bool fg) {
    size_t n = strlen(buf);
    const char *sep = n ? ";" : "";
    if (c < 8)
        snprintf(buf + n, cap - n, "%s%d", sep, (fg ? 30 : 40) + c);
    else if (c < 16)
        snprintf(buf + n, cap - n, fg ? "%s1;%d" : "%s%d", sep, fg ? 30 + (c - 8) : 100 + (c - 8));
    else
        snprintf(buf + n, cap - n, "%s%d;5;%d", sep, fg ? 38 : 48, c);
}

void rt_term_color_i32(int32_t fg, int32_t bg) {
    if (!out_is_tty() || fg < -1 || bg < -1 || (fg == -1 && bg == -1))
        return;
    char buf[64] = "";
    if (fg >= 0)
        color_part(buf, sizeof buf, fg, true);
    if (bg >= 0)
        color_part(buf, sizeof buf, bg, false);
    printf("\x1b[%sm", buf);
}

void rt_term_locate_i32(int32_t row, int32_t col) {
    if (!out_is_tty())
        return;
    printf("\x1b[%d;%dH", row < 1 ? 1 : row, col < 1 ? 1 : col);
}

void rt_term_cursor_visible_i32(int32_t visible) {
    if (out_is_tty())
        fputs(visible ? "\x1b[?25h" : "\x1b[?25l", stdout);
}

static struct termios saved_termios;
static bool raw_active;

static void leave_raw(void) {
    if (raw_active) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
        raw_active = false;
    }
}

static void enter_raw(void) {
    if (raw_active || !isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_termios) != 0)
        return;
    struct termios raw = saved_termios;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    raw.c_cc[VMIN] = 0;
    raw.c_cc[VTIME] = 0;
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0) {
        static bool registered;
        raw_active = true;
        if (!registered) {
            registered = true;
            atexit(leave_raw);
        }
    }
}

void rt_term_alt_screen_i32(int32_t enable) {
    if (!out_is_tty())
        return;
    if (enable) {
        fputs("\x1b[?1049h", stdout);
        fflush(stdout);
        enter_raw();
    } else {
        leave_raw();
        fputs("\x1b[?1049l", stdout);
    }
}

rt_string rt_inkey_str(void) {
    fflush(stdout);
    /* On a terminal, keys must arrive without Enter and without echo: switch to raw mode (undone
     * at exit, by SetAltScreen(0) and by ReadLine). No effect on pipes and files. */
    enter_raw();
    fd_set set;
    FD_ZERO(&set);
    FD_SET(STDIN_FILENO, &set);
    struct timeval tv = {0, 0};
    if (select(STDIN_FILENO + 1, &set, NULL, NULL, &tv) <= 0)
        return rt_str_empty();
    char b;
    ssize_t r;
    do {
        r = read(STDIN_FILENO, &b, 1);
    } while (r < 0 && errno == EINTR);
    if (r != 1)
        return rt_str_empty();
    return rt__str_new(&b, 1);
}

rt_string rt_term_read_line(void) {
    fflush(stdout);
    leave_raw(); /* line input wants the terminal's own line editing and echo */
    size_t len = 0, cap = 128;
    char *buf = rt__xmalloc(cap);
    int c;
    bool any = false;
    while ((c = fgetc(stdin)) != EOF) {
        any = true;
        if (c == '\n')
            break;
        if (len == cap) {
            cap *= 2;
            buf = rt__xrealloc(buf, cap);
        }
        buf[len++] = (char)c;
    }
    if (!any) {
        free(buf);
        return NULL;
    }
    if (len > 0 && buf[len - 1] == '\r')
        len--;
    rt_string s = rt__str_new(buf, len);
    free(buf);
    return s;
}

void rt_sleep_ms(int32_t ms) {
    if (ms <= 0)
        return;
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* ---- legacy BASIC names (RUNTIME-SYSTEM.md §10): i64 arguments truncated to 32 bits; like every
 * screen-control function they write nothing unless stdout is a terminal ---- */

void rt_term_locate(int64_t row, int64_t col) {
    rt_term_locate_i32((int32_t)row, (int32_t)col);
}

void rt_term_color(int64_t fg, int64_t bg) {
    rt_term_color_i32((int32_t)fg, (int32_t)bg);
}

void rt_term_textcolor(int64_t fg) {
    rt_term_color_i32((int32_t)fg, -1);
}

void rt_term_textbg(int64_t bg) {
    rt_term_color_i32(-1, (int32_t)bg);
}

void rt_term_hide_cursor(void) {
    rt_term_cursor_visible_i32(0);
}

void rt_term_show_cursor(void) {
    rt_term_cursor_visible_i32(1);
}
