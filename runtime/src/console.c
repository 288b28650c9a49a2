/*
 * console.c — Viper.Terminal Print and Say functions (RUNTIME-ABI §3.1, §1.8): C stdio on stdout, bytes written
 * exactly (embedded NULs included). Print* never flush (except Terminal.Print); Say* add one '\n'
 * and flush.
 * Threads: stdio locks stdout for each call; a Say (text + '\n' + flush) additionally holds the
 * stdout lock (flockfile) for the whole line so lines printed by several threads never interleave.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, localtime_r, setenv, popen, flockfile */
#include "rt_core_abi.h"

#include <stdio.h>

static void rt_write_str(rt_string s) {
    size_t n = rt__str_len(s);
    if (n)
        fwrite(rt__str_bytes(s), 1, n, stdout);
}

void rt_print_str(rt_string s) {
    rt_write_str(s);
}

void rt_print_i64(int64_t v) {
    char buf[24];
    fwrite(buf, 1, rt__format_i64(v, buf), stdout);
}

void rt_print_f64(double v) {
    char buf[32];
    fwrite(buf, 1, rt__format_f64(v, buf), stdout);
}

void rt_term_print(rt_string s) {
    flockfile(stdout);
    rt_write_str(s);
    fflush(stdout);
    funlockfile(stdout);
}

void rt_term_say(rt_string s) {
    flockfile(stdout);
    rt_write_str(s);
    fputc('\n', stdout);
    fflush(stdout);
    funlockfile(stdout);
}

void rt_term_say_i64(int64_t v) {
    flockfile(stdout);
    rt_print_i64(v);
    fputc('\n', stdout);
    fflush(stdout);
    funlockfile(stdout);
}

void rt_term_say_f64(double v) {
    flockfile(stdout);
    rt_print_f64(v);
    fputc('\n', stdout);
    fflush(stdout);
    funlockfile(stdout);
}

void rt_term_say_bool(int8_t v) {
    fputs(v ? "true\n" : "false\n", stdout);
    fflush(stdout);
}

void rt_term_print_i64(int64_t v) {
    rt_print_i64(v);
}

void rt_term_print_f64(double v) {
    rt_print_f64(v);
}

void rt_term_flush(void) {
    fflush(stdout);
}
