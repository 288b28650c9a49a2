/* test_format.c — number formatting (RUNTIME-ABI §2.1–§2.4), Fmt.*, console output and buffering
 * (§3.1, §1.8). */
#include "check.h"
#include "rt_core_abi.h"

#include <fcntl.h>
#include <float.h>
#include <math.h>

#define CHECK_STR(s, lit) CHECK_BYTES(rt__str_bytes(s), rt__str_len(s), lit)

static void check_f64(double v, const char *expected) {
    char buf[32];
    size_t n = rt__format_f64(v, buf);
    CHECK_BYTES(buf, n, expected);
    rt_string s = rt_f64_to_str(v);
    CHECK_STR(s, expected);
    rt_str_release_maybe(s);
}

static void check_g(double v, const char *expected) {
    rt_string s = rt_fmt_num(v);
    CHECK_STR(s, expected);
    rt_str_release_maybe(s);
}

static void test_f64(void) {
    check_f64(0.1, "0.1");
    check_f64(0.1 + 0.2, "0.3");
    check_f64(1.0 / 3.0, "0.333333333333333");
    check_f64(-0.0, "-0");
    check_f64(0.0, "0");
    check_f64(100, "100");
    check_f64(-2.5, "-2.5");
    check_f64(1e15, "1e+15");
    check_f64(1e16, "1e+16");
    check_f64(123456789012345.0, "123456789012345");
    check_f64(1234567890123456.0, "1.23456789012346e+15");
    check_f64(123456789012345678.0, "1.23456789012346e+17");
    check_f64(0.0001, "0.0001");
    check_f64(0.00001, "1e-05");
    check_f64(3e-300, "3e-300");
    check_f64(DBL_MAX, "1.79769313486232e+308");
    check_f64(2.675, "2.675");
    check_f64(3.14159 * 25, "78.53975");
    check_f64(2 * 3.14159 * 5, "31.4159");
    check_f64(1.57079632679, "1.57079632679");
    check_f64(NAN, "NaN");
    check_f64(-NAN, "NaN");
    check_f64(INFINITY, "Inf");
    check_f64(-INFINITY, "-Inf");
    check_f64(5e-324, "4.94065645841247e-324");
    check_f64(-1e100, "-1e+100");
}

static void test_fmt(void) {
    check_g(3.14159265358979, "3.14159");
    check_g(123456.7, "123457");
    check_g(0.00001234, "1.234e-05");
    check_g(1.23456789012346e17, "1.23457e+17");
    check_g(NAN, "NaN");
    check_g(INFINITY, "Infinity");
    check_g(-INFINITY, "-Infinity");
    check_g(-0.0, "-0");
    check_g(100, "100");
    CHECK_STR(rt_fmt_int(INT64_MIN), "-9223372036854775808");
    CHECK_STR(rt_fmt_int(INT64_MAX), "9223372036854775807");
    CHECK_STR(rt_fmt_int(0), "0");
    CHECK_STR(rt_fmt_int(-42), "-42");
    CHECK_STR(rt_fmt_bool(true), "true");
    CHECK_STR(rt_fmt_bool(false), "false");
    CHECK_STR(rt_fmt_bool_yn(true), "yes");
    CHECK_STR(rt_fmt_bool_yn(false), "no");
    char buf[24];
    CHECK_BYTES(buf, rt__format_i64(INT64_MIN, buf), "-9223372036854775808");
    CHECK_BYTES(buf, rt__format_i64(7, buf), "7");
}

static void test_from(void) {
    CHECK_STR(rt_int_to_str(-123), "-123");
    CHECK_STR(rt_int_to_str(INT64_MIN), "-9223372036854775808");
    CHECK_STR(rt_str_i32_alloc(INT32_MIN), "-2147483648");
    CHECK_STR(rt_str_i32_alloc(2147483647), "2147483647");
    CHECK_STR(rt_str_i16_alloc(-32768), "-32768");
    CHECK_STR(rt_str_i16_alloc(12), "12");
    CHECK_STR(rt_str_f_alloc(0.5), "0");
    CHECK_STR(rt_str_f_alloc(0.1), "-1.58818683921069e-23");
    CHECK_STR(rt_str_f_alloc(1e16), "2.67624855041504e-05");
    CHECK_STR(rt_int_to_str(5), "5");
}

/* Captures what `stmt` writes to stdout into buf (NUL-terminated); returns the byte count. */
#define CAPTURE(buf, stmt)                                                                         \
    do {                                                                                           \
        fflush(stdout);                                                                            \
        int saved_ = dup(1);                                                                       \
        char tmpl_[] = "/tmp/rtfmtXXXXXX";                                                         \
        int fd_ = mkstemp(tmpl_);                                                                  \
        dup2(fd_, 1);                                                                              \
        stmt;                                                                                      \
        fflush(stdout);                                                                            \
        dup2(saved_, 1);                                                                           \
        close(saved_);                                                                             \
        lseek(fd_, 0, SEEK_SET);                                                                   \
        ssize_t n_ = read(fd_, buf, sizeof(buf) - 1);                                              \
        buf[n_ < 0 ? 0 : n_] = 0;                                                                  \
        cap_len = n_ < 0 ? 0 : (size_t)n_;                                                         \
        close(fd_);                                                                                \
        unlink(tmpl_);                                                                             \
    } while (0)

static off_t fd_size(int fd) {
    return lseek(fd, 0, SEEK_END);
}

static void test_console(void) {
    char out[256];
    size_t cap_len = 0;
    CAPTURE(out, (rt_print_str(rt__str_from_cstr("ab")), rt_print_i64(-5), rt_print_f64(0.5),
                  rt_print_str(NULL), rt_print_str(rt_str_empty())));
    CHECK_BYTES(out, cap_len, "ab-50.5");
    CAPTURE(out, rt_print_str(rt__str_new("x\0y", 3)));
    CHECK(cap_len == 3 && memcmp(out, "x\0y", 3) == 0);
    CAPTURE(out, (rt_term_say(rt__str_from_cstr("hi")), rt_term_say(NULL), rt_term_say_i64(42),
                  rt_term_say_f64(2.5), rt_term_say_bool(1), rt_term_say_bool(0),
                  rt_term_say_bool((int8_t)2), rt_term_print(rt__str_from_cstr("p")),
                  rt_term_print_i64(7), rt_term_print_f64(-0.0), rt_term_flush()));
    CHECK_BYTES(out, cap_len, "hi\n\n42\n2.5\ntrue\nfalse\ntrue\np7-0");
    /* buffering: Print* leave bytes in the stdio buffer, Say/Print flush */
    fflush(stdout);
    int saved = dup(1);
    char tmpl[] = "/tmp/rtbufXXXXXX";
    int fd = mkstemp(tmpl);
    dup2(fd, 1);
    rt_print_str(rt__str_from_cstr("abc"));
    rt_print_i64(1);
    rt_print_f64(1.5);
    off_t after_print = fd_size(fd);
    rt_term_print(rt__str_from_cstr("!"));
    off_t after_term_print = fd_size(fd);
    rt_print_str(rt__str_from_cstr("z"));
    rt_term_say_i64(3);
    off_t after_say = fd_size(fd);
    dup2(saved, 1);
    close(saved);
    close(fd);
    unlink(tmpl);
    CHECK_EQ_I64(after_print, 0);
    CHECK_EQ_I64(after_term_print, 8);
    CHECK_EQ_I64(after_say, 11);
}

void run_tests(void) {
    test_f64();
    test_fmt();
    test_from();
    test_console();
}
