/*
 * check.h — a tiny test harness for the runtime's C unit tests.
 *
 * Each test file defines `void run_tests(void)` calling CHECK*/ /* macros; main() is supplied
 * here (define CHECK_MAIN in exactly one translation unit, i.e. in each test file). The program
 * prints `N passed, M failed` and exits non-zero when anything failed.
 * Traps end the process, so trap behaviour is tested by forking (see CHECK_TRAPS).
 */
#ifndef VIPER_RT_CHECK_H
#define VIPER_RT_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond) {                                                                                \
            check_passed++;                                                                        \
        } else {                                                                                   \
            check_failed++;                                                                        \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_I64(a, b)                                                                         \
    do {                                                                                           \
        long long check_a_ = (long long)(a), check_b_ = (long long)(b);                            \
        if (check_a_ == check_b_) {                                                                \
            check_passed++;                                                                        \
        } else {                                                                                   \
            check_failed++;                                                                        \
            fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, #a, check_a_, \
                    check_b_);                                                                     \
        }                                                                                          \
    } while (0)

/* Compare a byte buffer of known length with a C string. */
#define CHECK_BYTES(ptr, len, expected)                                                            \
    do {                                                                                           \
        const char *check_e_ = (expected);                                                         \
        size_t check_l_ = (size_t)(len);                                                           \
        if (check_l_ == strlen(check_e_) && memcmp((ptr), check_e_, check_l_) == 0) {              \
            check_passed++;                                                                        \
        } else {                                                                                   \
            check_failed++;                                                                        \
            fprintf(stderr, "%s:%d: got \"%.*s\", expected \"%s\"\n", __FILE__, __LINE__,         \
                    (int)check_l_, (const char *)(ptr), check_e_);                                 \
        }                                                                                          \
    } while (0)

/* Run `stmt` in a child process; check it exits with status `status` (e.g. 1 for a trap) and that
 * its stderr contains `needle` (NULL = don't care). */
#define CHECK_EXITS(stmt, status, needle)                                                          \
    do {                                                                                           \
        int check_pipe_[2];                                                                        \
        fflush(stdout);                                                                            \
        fflush(stderr);                                                                            \
        if (pipe(check_pipe_) != 0) {                                                              \
            check_failed++;                                                                        \
            break;                                                                                 \
        }                                                                                          \
        pid_t check_pid_ = fork();                                                                 \
        if (check_pid_ == 0) {                                                                     \
            close(check_pipe_[0]);                                                                 \
            dup2(check_pipe_[1], 2);                                                               \
            stmt;                                                                                  \
            fflush(stdout);                                                                        \
            _exit(0);                                                                              \
        }                                                                                          \
        close(check_pipe_[1]);                                                                     \
        char check_buf_[4096];                                                                     \
        size_t check_n_ = 0;                                                                       \
        ssize_t check_r_;                                                                          \
        while (check_n_ < sizeof check_buf_ - 1 &&                                                 \
               (check_r_ = read(check_pipe_[0], check_buf_ + check_n_,                             \
                                sizeof check_buf_ - 1 - check_n_)) > 0)                            \
            check_n_ += (size_t)check_r_;                                                          \
        check_buf_[check_n_] = 0;                                                                  \
        close(check_pipe_[0]);                                                                     \
        int check_st_ = 0;                                                                         \
        waitpid(check_pid_, &check_st_, 0);                                                        \
        int check_code_ = WIFEXITED(check_st_) ? WEXITSTATUS(check_st_) : 128 + WTERMSIG(check_st_); \
        const char *check_needle_ = (needle);                                                      \
        if (check_code_ == (status) && (!check_needle_ || strstr(check_buf_, check_needle_))) {    \
            check_passed++;                                                                        \
        } else {                                                                                   \
            check_failed++;                                                                        \
            fprintf(stderr, "%s:%d: %s exited %d (stderr \"%s\"), expected %d with \"%s\"\n",      \
                    __FILE__, __LINE__, #stmt, check_code_, check_buf_, (status),                  \
                    check_needle_ ? check_needle_ : "");                                           \
        }                                                                                          \
    } while (0)

void run_tests(void);

#ifdef CHECK_MAIN
int main(void) {
    run_tests();
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}
#endif

#endif
