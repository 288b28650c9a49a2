/* test_io_check.h — helpers shared by the Viper.IO / Crypto.Hash tests (test_io_*.c). */
#ifndef VIPER_TEST_IO_CHECK_H
#define VIPER_TEST_IO_CHECK_H
#include "test_ext_check.h"
#include "rt_io_internal.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bytes object holding n bytes of p. */
static inline void *io_bytes(const void *p, size_t n) { return rt__bytes_from(p, n); }
/* Bytes object of a C string literal (without the NUL). */
#define BYTES(lit) io_bytes((lit), sizeof(lit) - 1)
/* Compare a Bytes object with n bytes at p. */
#define CHECK_BYTES_OBJ(b, p, n)                                                                   \
    do {                                                                                           \
        rt_bytes *check_b_ = rt__bytes_of(b);                                                      \
        size_t check_n_ = (n);                                                                     \
        CHECK(check_b_ && (size_t)check_b_->len == check_n_ &&                                     \
              (check_n_ == 0 || memcmp(check_b_->data, (p), check_n_) == 0));                      \
    } while (0)

/* Make and enter a fresh private directory under /tmp; returns its malloc'd path. */
static inline char *io_enter_tmpdir(void) {
    char tmpl[] = "/tmp/viper_io_test_XXXXXX";
    char *d = mkdtemp(tmpl);
    if (!d || chdir(d) != 0) {
        perror("mkdtemp");
        exit(2);
    }
    return strdup(d);
}

/* Leave and delete the directory made by io_enter_tmpdir. */
static inline void io_leave_tmpdir(char *d) {
    if (chdir("/tmp") == 0) {
        rt_string s = rt__str_from_cstr(d);
        rt_dir_remove_all(s);
    }
    free(d);
}

/* Deterministic pseudo-random bytes (xorshift64*). */
static inline void io_fill_random(uint8_t *p, size_t n, uint64_t seed, int alphabet) {
    uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
    for (size_t i = 0; i < n; i++) {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        uint64_t r = x * 0x2545F4914F6CDD1Dull;
        p[i] = alphabet ? (uint8_t)('a' + (r >> 33) % (uint64_t)alphabet) : (uint8_t)(r >> 56);
    }
}
#endif
