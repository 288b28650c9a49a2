/* test_file.c — BASIC file channels and their error codes (RUNTIME-ABI §3.12, §1.8). */
#include "check.h"
#include "rt_objects_internal.h"

#include <fcntl.h>
#include <sys/stat.h>

#define S(lit) rt__str_from_cstr(lit)
#define CHECK_STR(s, lit) CHECK_BYTES(rt__str_bytes(s), rt__str_len(s), lit)

static const char *TMP = "rt_test_file_tmp.txt";

static rt_string read_line(int32_t ch, int32_t *rc) {
    rt_string out = (rt_string)(uintptr_t)1; /* must be overwritten with NULL first */
    *rc = rt_line_input_ch_err(ch, &out);
    return out;
}

void run_tests(void) {
    rt_string path = S(TMP), missing = S("no/such/dir/file.txt"), dir = S(".");
    unlink(TMP);
    CHECK_EQ_I64(rt_open_err_vstr(missing, 0, 1), 1); /* FileNotFound */
    CHECK_EQ_I64(rt_open_err_vstr(path, 0, 1), 1);
    CHECK_EQ_I64(rt_open_err_vstr(NULL, 1, 1), 8);
    CHECK_EQ_I64(rt_open_err_vstr(path, 9, 1), 8);
    CHECK_EQ_I64(rt_open_err_vstr(path, 1, -1), 8);
    CHECK_EQ_I64(rt_open_err_vstr(dir, 1, 1), 8); /* EISDIR */
    CHECK_EQ_I64(rt_close_err(1), 8);              /* not open */
    CHECK_EQ_I64(rt_close_err(-3), 8);
    CHECK_EQ_I64(rt_println_ch_err(1, path), 8);
    CHECK_EQ_I64(rt_write_ch_err(1, path), 8);
    CHECK_EQ_I64(rt_eof_ch(1), 8);
    int32_t rc;
    CHECK(read_line(1, &rc) == NULL);
    CHECK_EQ_I64(rc, 8);
    CHECK_EQ_I64(rt_line_input_ch_err(1, NULL), 8);

    /* OUTPUT: create/truncate */
    CHECK_EQ_I64(rt_open_err_vstr(path, 1, 1), 0);
    CHECK_EQ_I64(rt_open_err_vstr(path, 1, 1), 8); /* already open */
    rt_string l1 = S("first line"), l2 = S("a,\"b\"");
    CHECK_EQ_I64(rt_println_ch_err(1, l1), 0);
    CHECK_EQ_I64(rt_write_ch_err(1, l2), 0);
    CHECK_EQ_I64(rt_println_ch_err(1, NULL), 0);
    CHECK_EQ_I64(rt_close_err(1), 0);
    CHECK_EQ_I64(rt_close_err(1), 8);

    /* APPEND */
    CHECK_EQ_I64(rt_open_err_vstr(path, 2, 7), 0);
    rt_string l3 = S("crlf\r");
    CHECK_EQ_I64(rt_println_ch_err(7, l3), 0);
    CHECK_EQ_I64(rt_write_ch_err(7, S("no newline at end")), 0);
    CHECK_EQ_I64(rt_close_err(7), 0);

    /* INPUT: read back */
    CHECK_EQ_I64(rt_open_err_vstr(path, 0, 2), 0);
    CHECK_EQ_I64(rt_eof_ch(2), 0);
    rt_string r = read_line(2, &rc);
    CHECK_EQ_I64(rc, 0);
    CHECK_STR(r, "first line");
    CHECK_EQ_I64(r->refs, 1);
    rt_str_release_maybe(r);
    r = read_line(2, &rc);
    CHECK_STR(r, "a,\"b\"");
    rt_str_release_maybe(r);
    r = read_line(2, &rc);
    CHECK_STR(r, "crlf"); /* trailing \r dropped */
    rt_str_release_maybe(r);
    CHECK_EQ_I64(rt_eof_ch(2), 0);
    r = read_line(2, &rc); /* EOF after >= 1 byte ends the line */
    CHECK_EQ_I64(rc, 0);
    CHECK_STR(r, "no newline at end");
    rt_str_release_maybe(r);
    CHECK_EQ_I64(rt_eof_ch(2), -1);
    r = read_line(2, &rc);
    CHECK_EQ_I64(rc, 2);
    CHECK(r == NULL);
    CHECK_EQ_I64(rt_println_ch_err(2, l1), 3); /* write to a read-only fd: IOError */
    CHECK_EQ_I64(rt_close_err(2), 0);

    /* OUTPUT truncates; an empty file is at EOF immediately */
    CHECK_EQ_I64(rt_open_err_vstr(path, 1, 3), 0);
    CHECK_EQ_I64(rt_close_err(3), 0);
    CHECK_EQ_I64(rt_open_err_vstr(path, 0, 3), 0);
    CHECK_EQ_I64(rt_eof_ch(3), -1);
    CHECK_EQ_I64(rt_close_err(3), 0);

    /* BINARY / RANDOM: read/write, create */
    unlink(TMP);
    CHECK_EQ_I64(rt_open_err_vstr(path, 3, 4), 0);
    CHECK_EQ_I64(rt_println_ch_err(4, l1), 0);
    CHECK_EQ_I64(rt_close_err(4), 0);
    CHECK_EQ_I64(rt_open_err_vstr(path, 4, 4), 0);
    r = read_line(4, &rc);
    CHECK_STR(r, "first line");
    rt_str_release_maybe(r);
    CHECK_EQ_I64(rt_close_err(4), 0);

    /* permission error → IOError (skipped when running as root) */
    if (geteuid() != 0) {
        chmod(TMP, 0);
        CHECK_EQ_I64(rt_open_err_vstr(path, 0, 5), 3);
        chmod(TMP, 0644);
    }
    unlink(TMP);
}
