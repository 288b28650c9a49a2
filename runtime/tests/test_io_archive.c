/* test_io_archive.c — archive.c (ZIP read/write round trips, archives written by Python's
 * zipfile, name normalisation, corrupt and hostile archives, every documented trap) and
 * watcher.c (inotify events in a private directory, traps). Runs in a private /tmp directory. */
#include "test_io_check.h"

#include <fcntl.h>

/* Python zipfile: stored.txt (stored), dir/deflated.txt (deflate, "deflated content " x 20) and
 * the directory entry dir/, all dated 2024-05-17 10:30:42. */
static const char py_zip_hex[] =
    "504b0304140000000000d553b1581d73ee6d0e0000000e0000000a00000073746f7265642e74787473746f72656420"
    "636f6e74656e74504b0304140000000800d553b1582bc31d021800000054010000100000006469722f6465666c6174"
    "65642e7478744b494dcb492c494d5148cecf2b49cd2b51481915a0540000504b0304140000000000d553b158000000"
    "000000000000000000040000006469722f504b01021403140000000000d553b1581d73ee6d0e0000000e0000000a00"
    "0000000000000000000080010000000073746f7265642e747874504b01021403140000000800d553b1582bc31d0218"
    "000000540100001000000000000000000000008001360000006469722f6465666c617465642e747874504b01021403"
    "140000000000d553b15800000000000000000000000004000000000000000000000080017c0000006469722f504b05"
    "060000000003000300a80000009e0000000000";
/* ../evil.txt */
static const char evil_zip_hex[] =
    "504b0304140000000000250f825d5231fb8d04000000040000000b0000002e2e2f6576696c2e7478746576696c504b"
    "01021403140000000000250f825d5231fb8d04000000040000000b00000000000000000000008001000000002e2e2f"
    "6576696c2e747874504b05060000000001000100390000002d0000000000";
/* b.txt compressed with bzip2 (method 12) */
static const char bz_zip_hex[] =
    "504b03042e0000000c00250f825df883c2a6270000000200000005000000622e747874425a68393141592653"
    "59f16194d60000000180100000102000210082b177245385090f16194d60504b01022e032e0000000c00250f"
    "825df883c2a62700000002000000050000000000000000000000800100000000622e747874504b0506000000"
    "0001000100330000004a0000000000";

static void *hex_bytes(const char *hex) {
    size_t n = 0;
    uint8_t *p = rt__hex_decode(hex, strlen(hex), &n);
    void *b = rt__bytes_from(p, n);
    free(p);
    return b;
}

static int64_t map_int(void *m, const char *k) { return rt_unbox_i64(rt_map_get(m, S(k))); }

static void test_read_python(void) {
    void *zb = hex_bytes(py_zip_hex);
    CHECK(rt_archive_is_zip_bytes(zb));
    void *a = rt_archive_from_bytes(zb);
    CHECK_EQ_I64(rt_archive_count(a), 3);
    CHECK_STR(rt_archive_path(a), "");
    void *names = rt_archive_names(a);
    CHECK_EQ_I64(rt_seq_len(names), 3);
    CHECK_STR(SEQ_STR(names, 0), "stored.txt");
    CHECK_STR(SEQ_STR(names, 1), "dir/deflated.txt");
    CHECK_STR(SEQ_STR(names, 2), "dir/");
    CHECK(rt_archive_has(a, S("stored.txt")));
    CHECK(rt_archive_has(a, S("./stored.txt")));
    CHECK(rt_archive_has(a, S("dir\\deflated.txt")));
    CHECK(rt_archive_has(a, S("dir//deflated.txt")));
    CHECK(rt_archive_has(a, S("dir/")));
    CHECK(!rt_archive_has(a, S("dir")));
    CHECK(!rt_archive_has(a, S("missing")));
    CHECK(!rt_archive_has(a, S("../stored.txt")));
    CHECK(!rt_archive_has(a, NULL));
    CHECK(!rt_archive_has(NULL, S("stored.txt")));
    CHECK_STR(rt_archive_read_str(a, S("stored.txt")), "stored content");
    rt_buf want = {0};
    for (int i = 0; i < 20; i++)
        rt__buf_puts(&want, "deflated content ");
    CHECK_BYTES_OBJ(rt_archive_read(a, S("dir/deflated.txt")), want.data, want.len);
    CHECK_STR(rt_archive_read_str(a, S("dir/")), "");
    void *info = rt_archive_info(a, S("dir/deflated.txt"));
    CHECK_EQ_I64(map_int(info, "size"), 340);
    CHECK_EQ_I64(map_int(info, "compressedSize"), 24);
    CHECK_EQ_I64(map_int(info, "modifiedTime"), 1714732242);
    CHECK(!rt_unbox_i1(rt_map_get(info, S("isDirectory"))));
    CHECK(rt_unbox_i1(rt_map_get(rt_archive_info(a, S("dir/")), S("isDirectory"))));
    /* extraction */
    rt_archive_extract_all(a, S("out"));
    CHECK_STR(rt_io_file_read_all_text(S("out/stored.txt")), "stored content");
    CHECK_EQ_I64(rt_file_size(S("out/dir/deflated.txt")), 340);
    CHECK(rt_dir_exists(S("out/dir")));
    rt_archive_extract(a, S("stored.txt"), S("single.txt"));
    CHECK_STR(rt_io_file_read_all_text(S("single.txt")), "stored content");
    struct stat st;
    CHECK(stat("single.txt", &st) == 0 && (st.st_mode & 0777) == (0644 & ~umask(022)));
    CHECK_EXITS(rt_archive_extract(a, S("stored.txt"), S("no_dir/x.txt")), 1,
                "Archive: failed to create destination file");
    CHECK_EXITS(rt_archive_extract(a, S("stored.txt"), S("")), 1,
                "Archive: invalid destination path");
    CHECK_EXITS(rt_archive_extract(a, S("stored.txt"), NULL), 1,
                "Archive: invalid destination path");
    CHECK_EXITS(rt_archive_extract_all(a, NULL), 1, "Archive: invalid destination directory");
    CHECK_EXITS(rt_archive_extract_all(a, S("")), 1, "Archive: invalid destination directory");
    /* read-mode traps */
    CHECK_EXITS(rt_archive_read(a, S("missing")), 1, "Archive: entry not found");
    CHECK_EXITS(rt_archive_read(a, NULL), 1, "Archive: NULL entry name");
    CHECK_EXITS(rt_archive_read(a, S("/abs")), 1, "Archive: invalid entry name");
    CHECK_EXITS(rt_archive_read(a, S("c:x")), 1, "Archive: invalid entry name");
    CHECK_EXITS(rt_archive_read(a, S("a/../b")), 1, "Archive: invalid entry name");
    CHECK_EXITS(rt_archive_read(a, S("a/b:c")), 1, "Archive: invalid entry name");
    CHECK_EXITS(rt_archive_read(a, S("")), 1, "Archive: invalid entry name");
    CHECK_EXITS(rt_archive_info(a, S("missing")), 1, "Archive: entry not found");
    CHECK_EXITS(rt_archive_read(NULL, S("x")), 1, "Archive: NULL archive");
    CHECK_EXITS(rt_archive_add_str(a, S("x"), S("y")), 1, "Archive: cannot add to read-only archive");
    CHECK_EXITS(rt_archive_finish(a), 1, "Archive: cannot finish read-only archive");
    /* other methods */
    void *bz = rt_archive_from_bytes(hex_bytes(bz_zip_hex));
    CHECK(rt_archive_has(bz, S("b.txt")));
    CHECK_EXITS(rt_archive_read(bz, S("b.txt")), 1, "Archive: unsupported compression method");
    rt__obj_release_and_free(bz);
    rt__obj_release_and_free(a);
    free(want.data);
}

static void test_corrupt(void) {
    void *zb = hex_bytes(py_zip_hex);
    rt_bytes *b = rt__bytes_of(zb);
    /* stored data flipped: CRC mismatch */
    b->data[40] ^= 0x20;
    void *a = rt_archive_from_bytes(zb);
    CHECK_EXITS(rt_archive_read(a, S("stored.txt")), 1, "Archive: CRC mismatch");
    rt__obj_release_and_free(a);
    b->data[40] ^= 0x20;
    /* deflate data damaged */
    b->data[0x36 + 30 + 16] = 0xFF;
    b->data[0x36 + 30 + 17] = 0xFF;
    a = rt_archive_from_bytes(zb);
    CHECK_EXITS(rt_archive_read(a, S("dir/deflated.txt")), 1, NULL);
    rt__obj_release_and_free(a);
    zb = hex_bytes(py_zip_hex);
    b = rt__bytes_of(zb);
    /* local header signature */
    b->data[0] = 'Q';
    a = rt_archive_from_bytes(zb);
    CHECK(!rt_archive_is_zip_bytes(zb));
    CHECK_EXITS(rt_archive_read(a, S("stored.txt")), 1, "Archive: invalid local header signature");
    rt__obj_release_and_free(a);
    b->data[0] = 'P';
    /* local header offset beyond the file (central entry 0 at 158, offset field +42) */
    b->data[158 + 42 + 3] = 0x7F;
    a = rt_archive_from_bytes(zb);
    CHECK_EXITS(rt_archive_read(a, S("stored.txt")), 1, "Archive: corrupt local header offset");
    rt__obj_release_and_free(a);
    b->data[158 + 42 + 3] = 0;
    /* compressed size beyond the file */
    b->data[158 + 20 + 3] = 0x10;
    a = rt_archive_from_bytes(zb);
    CHECK_EXITS(rt_archive_read(a, S("stored.txt")), 1, "Archive: corrupt entry data");
    rt__obj_release_and_free(a);
    b->data[158 + 20 + 3] = 0;
    /* stored entry whose sizes disagree */
    b->data[158 + 24] = 0x0F;
    a = rt_archive_from_bytes(zb);
    CHECK_EXITS(rt_archive_read(a, S("stored.txt")), 1, "Archive: size mismatch");
    rt__obj_release_and_free(a);
    /* not archives at all: every truncation fails cleanly */
    void *full = hex_bytes(py_zip_hex);
    int bad = 0;
    for (int64_t n = 0; n < rt_bytes_len(full) - 22; n += 7) {
        pid_t pid = fork();
        if (pid == 0) {
            void *part = rt_bytes_slice(full, 0, n);
            dup2(open("/dev/null", 1), 2);
            rt_archive_from_bytes(part);
            _exit(0);
        }
        int st = 0;
        waitpid(pid, &st, 0);
        bad += WIFEXITED(st) && WEXITSTATUS(st) == 1;
    }
    CHECK_EQ_I64(bad, (rt_bytes_len(full) - 22 + 6) / 7);
    CHECK_EXITS(rt_archive_from_bytes(BYTES("PK\x03\x04 not really a zip")), 1,
                "Archive: not a valid ZIP archive");
    CHECK_EXITS(rt_archive_from_bytes(NULL), 1, "Archive: NULL data");
    rt_io_file_write_all_text(S("junk.zip"), S("PK\x03\x04 junk"));
    CHECK(rt_archive_is_zip(S("junk.zip")));
    CHECK_EXITS(rt_archive_open(S("junk.zip")), 1, "Archive: not a valid ZIP file");
    CHECK_EXITS(rt_archive_open(S("missing.zip")), 1, "Archive: file not found");
    CHECK_EXITS(rt_archive_open(NULL), 1, "Archive: invalid path");
    CHECK_EXITS(rt_archive_open(S("")), 1, "Archive: invalid path");
    CHECK(!rt_archive_is_zip(S("missing.zip")));
    CHECK(!rt_archive_is_zip(NULL));
    CHECK(!rt_archive_is_zip_bytes(NULL));
    CHECK(!rt_archive_is_zip_bytes(BYTES("PK")));
}

static void test_zip_slip(void) {
    void *a = rt_archive_from_bytes(hex_bytes(evil_zip_hex));
    CHECK_EQ_I64(rt_archive_count(a), 1);
    CHECK_STR(SEQ_STR(rt_archive_names(a), 0), "../evil.txt");
    rt_dir_make(S("jail"));
    CHECK_EXITS(rt_archive_extract_all(a, S("jail")), 1, "Archive: invalid entry name");
    CHECK(!rt_io_file_exists(S("evil.txt")));
    CHECK_EXITS(rt_archive_read(a, S("../evil.txt")), 1, "Archive: invalid entry name");
    rt__obj_release_and_free(a);
}

static void test_write(void) {
    rt_io_file_write_all_text(S("note.txt"), S("note"));
    void *a = rt_archive_create(S("test.zip"));
    CHECK_EQ_I64(rt_file_size(S("test.zip")), 0); /* created at once */
    CHECK_STR(rt_archive_path(a), "test.zip");
    rt_archive_add_str(a, S("hello.txt"), S("hi"));
    void *data = rt_bytes_new(4);
    for (int i = 0; i < 4; i++)
        rt_bytes_set(data, i, i + 1);
    rt_archive_add(a, S("data.bin"), data);
    rt_archive_add_file(a, S("files\\note.txt"), S("note.txt"));
    rt_archive_add_dir(a, S("logs/"));
    rt_archive_add_dir(a, S("./empty"));
    rt_buf big = {0};
    for (int i = 0; i < 300; i++)
        rt__buf_putf(&big, "row %d of a compressible text\n", i % 7);
    rt_string bigs = rt__str_new(big.data, big.len);
    rt_archive_add_str(a, S("big.txt"), bigs);
    uint8_t rnd[5000];
    io_fill_random(rnd, sizeof rnd, 99, 0);
    rt_archive_add(a, S("random.bin"), io_bytes(rnd, sizeof rnd));
    rt_archive_add(a, S("null.bin"), NULL);
    CHECK_EQ_I64(rt_archive_count(a), 8);
    CHECK(!rt_archive_has(a, S("hello.txt"))); /* write mode */
    CHECK_EXITS(rt_archive_read(a, S("hello.txt")), 1, "Archive: cannot read from write-only archive");
    CHECK_EXITS(rt_archive_info(a, S("hello.txt")), 1,
                "Archive: cannot get info from write-only archive");
    CHECK_EXITS(rt_archive_extract_all(a, S("o")), 1,
                "Archive: cannot extract from write-only archive");
    CHECK_EXITS(rt_archive_add_str(a, S("../up"), S("x")), 1, "Archive: invalid entry name");
    CHECK_EXITS(rt_archive_add_str(a, NULL, S("x")), 1, "Archive: invalid entry name");
    CHECK_EXITS(rt_archive_add_dir(a, S("/")), 1, "Archive: invalid entry name");
    CHECK_EXITS(rt_archive_add_file(a, S("x"), NULL), 1, "Archive: invalid source path");
    CHECK_EXITS(rt_archive_add_file(a, S("x"), S("missing.txt")), 1, "Archive: source file not found");
    CHECK_EXITS(rt_archive_add_file(a, S("x"), S("jail")), 1, "Archive: failed to read source file");
    CHECK_EXITS(rt_archive_add(NULL, S("x"), NULL), 1, "Archive: NULL archive");
    CHECK_EXITS(rt_archive_finish(NULL), 1, "Archive: NULL archive");
    rt_archive_finish(a);
    CHECK_EXITS(rt_archive_finish(a), 1, "Archive: archive already finished");
    CHECK_EXITS(rt_archive_add_str(a, S("late"), S("x")), 1, "Archive: archive already finished");
    rt__obj_release_and_free(a);
    CHECK(rt_archive_is_zip(S("test.zip")));

    void *r = rt_archive_open(S("test.zip"));
    CHECK_STR(rt_archive_path(r), "test.zip");
    CHECK_EQ_I64(rt_archive_count(r), 8);
    void *names = rt_archive_names(r);
    CHECK_STR(SEQ_STR(names, 0), "hello.txt");
    CHECK_STR(SEQ_STR(names, 2), "files/note.txt");
    CHECK_STR(SEQ_STR(names, 3), "logs/");
    CHECK_STR(SEQ_STR(names, 4), "empty/");
    CHECK(rt_archive_has(r, S("logs/")));
    CHECK_STR(rt_archive_read_str(r, S("hello.txt")), "hi");
    CHECK_BYTES_OBJ(rt_archive_read(r, S("data.bin")), "\x01\x02\x03\x04", 4);
    CHECK_STR(rt_archive_read_str(r, S("files/note.txt")), "note");
    CHECK_STR(rt_archive_read_str(r, S("big.txt")), big.data);
    CHECK_BYTES_OBJ(rt_archive_read(r, S("random.bin")), rnd, sizeof rnd);
    CHECK_BYTES_OBJ(rt_archive_read(r, S("null.bin")), "", 0);
    void *bi = rt_archive_info(r, S("big.txt"));
    CHECK_EQ_I64(map_int(bi, "size"), (int64_t)big.len);
    CHECK(map_int(bi, "compressedSize") < (int64_t)big.len / 4); /* deflated */
    void *ri = rt_archive_info(r, S("random.bin"));
    CHECK_EQ_I64(map_int(ri, "compressedSize"), 5000); /* incompressible: stored */
    CHECK(map_int(ri, "modifiedTime") > 0);
    rt_dir_make(S("x"));
    rt_archive_extract_all(r, S("x/out"));
    CHECK_STR(rt_io_file_read_all_text(S("x/out/files/note.txt")), "note");
    CHECK(rt_dir_exists(S("x/out/logs")) && rt_dir_exists(S("x/out/empty")));
    /* FromBytes of the file's bytes */
    void *fb = rt_archive_from_bytes(rt_io_file_read_all_bytes(S("test.zip")));
    CHECK_STR(rt_archive_read_str(fb, S("hello.txt")), "hi");
    rt__obj_release_and_free(fb);
    rt__obj_release_and_free(r);
    CHECK_EXITS(rt_archive_create(NULL), 1, "Archive: invalid path");
    CHECK_EXITS(rt_archive_create(S("")), 1, "Archive: invalid path");
    CHECK_EXITS(rt_archive_create(S("no_dir/a.zip")), 1, "Archive: failed to create file");
    /* an unfinished archive leaves an empty file */
    void *u = rt_archive_create(S("unfinished.zip"));
    rt_archive_add_str(u, S("a"), S("b"));
    rt__obj_release_and_free(u);
    CHECK_EQ_I64(rt_file_size(S("unfinished.zip")), 0);
    CHECK_EQ_I64(rt_archive_count(NULL), 0);
    CHECK_EQ_I64(rt_seq_len(rt_archive_names(NULL)), 0);
    CHECK_STR(rt_archive_path(NULL), "");
    free(big.data);
}

static void test_watcher(void) {
    CHECK_EQ_I64(rt_watcher_event_none(NULL), 0);
    CHECK_EQ_I64(rt_watcher_event_created(NULL), 1);
    CHECK_EQ_I64(rt_watcher_event_modified(NULL), 2);
    CHECK_EQ_I64(rt_watcher_event_deleted(NULL), 3);
    CHECK_EQ_I64(rt_watcher_event_renamed(NULL), 4);
    CHECK_EXITS(rt_watcher_new(NULL), 1, "Watcher.New: null path");
    CHECK_EXITS(rt_watcher_new(S("")), 1, "Watcher.New: empty path");
    CHECK_EXITS(rt_watcher_new(S("missing")), 1, "Watcher.New: path does not exist");
    CHECK_EXITS(rt_watcher_start(NULL), 1, "Watcher.Start: null watcher");
    CHECK_EXITS(rt_watcher_event_path(NULL), 1, "Watcher.EventPath: null watcher");
    rt_dir_make(S("watched"));
    void *w = rt_watcher_new(S("watched"));
    CHECK_STR(rt_watcher_get_path(w), "watched");
    CHECK(!rt_watcher_get_is_watching(w));
    CHECK_EQ_I64(rt_watcher_poll(w), 0); /* not watching */
    CHECK_EXITS(rt_watcher_event_path(w), 1, "Watcher.EventPath: no event polled yet");
    CHECK_EQ_I64(rt_watcher_event_type(w), 0);
#if defined(__linux__) || defined(__APPLE__)
    rt_watcher_start(w);
    CHECK(rt_watcher_get_is_watching(w));
    CHECK_EXITS(rt_watcher_start(w), 1, "Watcher.Start: already watching");
    CHECK_EQ_I64(rt_watcher_poll_for(w, 10), 0);
    rt_io_file_write_all_text(S("watched/new.txt"), S("x"));
    CHECK_EQ_I64(rt_watcher_poll_for(w, 500), 1);
#if defined(__linux__)
    CHECK_STR(rt_watcher_event_path(w), "new.txt");
    CHECK_EQ_I64(rt_watcher_event_type(w), 1);
    CHECK_EQ_I64(rt_watcher_poll_for(w, 500), 2); /* the write that followed */
    rt_io_file_delete(S("watched/new.txt"));
    CHECK_EQ_I64(rt_watcher_poll_for(w, 500), 3);
    CHECK_STR(rt_watcher_event_path(w), "new.txt");
    rt_io_file_write_all_text(S("watched/a"), S(""));
    rt_file_move(S("watched/a"), S("watched/b"));
    int64_t t;
    bool renamed = false;
    while ((t = rt_watcher_poll_for(w, 200)) != 0)
        renamed |= t == 4;
    CHECK(renamed);
    /* more than 64 pending events: the oldest are dropped, the queue still drains */
    for (int i = 0; i < 80; i++) {
        char name[32];
        snprintf(name, sizeof name, "watched/f%d", i);
        rt_file_touch(S(name));
    }
    int n = 0;
    while (rt_watcher_poll_for(w, 200) != 0)
        n++;
    CHECK(n >= 64);
#endif
    rt_watcher_stop(w);
    CHECK(!rt_watcher_get_is_watching(w));
    CHECK_EQ_I64(rt_watcher_poll_for(w, 0), 0);
    rt_watcher_stop(w);
    rt_watcher_start(w); /* restartable */
    CHECK(rt_watcher_get_is_watching(w));
    /* watching a file */
    rt_io_file_write_all_text(S("single"), S("1"));
    void *wf = rt_watcher_new(S("single"));
    rt_watcher_start(wf);
    rt_file_append(S("single"), S("2"));
    CHECK_EQ_I64(rt_watcher_poll_for(wf, 500), 2);
    CHECK_STR(rt_watcher_event_path(wf), "");
    rt__obj_release_and_free(wf);
#endif
    rt__obj_release_and_free(w); /* the finaliser stops the watch */
    CHECK_EQ_I64(rt_watcher_poll(NULL), 0);
    CHECK(!rt_watcher_get_is_watching(NULL));
    CHECK_STR(rt_watcher_get_path(NULL), "");
    rt_watcher_stop(NULL);
}

void run_tests(void) {
    char *dir = io_enter_tmpdir();
    test_read_python();
    test_corrupt();
    test_zip_slip();
    test_write();
    test_watcher();
    io_leave_tmpdir(dir);
}
