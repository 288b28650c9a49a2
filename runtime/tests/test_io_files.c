/* test_io_files.c — io_file.c, io_dir.c, io_path.c: File (both error styles, line splitting,
 * bytes, copy/move/touch), Dir (make/remove/list/entries, traps), Path (the VM examples of
 * RUNTIME-SYSTEM §4.3), TempFile naming and creation, Glob patterns and directory walks.
 * Runs inside a private directory under /tmp. */
#include "test_io_check.h"

#include <fcntl.h>

static void write_raw(const char *p, const char *data, size_t n) {
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd >= 0) {
        if (write(fd, data, n) < 0)
            perror("write");
        close(fd);
    }
}

static bool seq_has(void *seq, const char *s) {
    for (int64_t i = 0; i < rt_seq_len(seq); i++)
        if (strcmp(rt__str_bytes(SEQ_STR(seq, i)), s) == 0)
            return true;
    return false;
}

static void test_file_text(void) {
    rt_string f = S("t.txt");
    CHECK(!rt_io_file_exists(f));
    CHECK(!rt_io_file_exists(NULL));
    CHECK_STR(rt_io_file_read_all_text(f), ""); /* missing */
    CHECK_STR(rt_io_file_read_all_text(NULL), "");
    CHECK_EQ_I64(rt_file_size(f), -1);
    CHECK_EQ_I64(rt_file_modified(f), 0);
    rt_io_file_write_all_text(f, S("Hello from Viper BASIC!"));
    CHECK(rt_io_file_exists(f));
    CHECK_EQ_I64(rt_file_size(f), 23);
    CHECK(rt_file_modified(f) > 1600000000);
    rt_io_file_append_line(f, S("Line 2"));
    rt_io_file_append_line(f, S("Line 3"));
    CHECK_STR(rt_io_file_read_all_text(f), "Hello from Viper BASIC!Line 2\nLine 3\n");
    rt_io_file_append_line(f, NULL);
    rt_file_append(f, S("tail"));
    CHECK_STR(rt_io_file_read_all_text(f), "Hello from Viper BASIC!Line 2\nLine 3\n\ntail");
    /* exact bytes, embedded NULs kept */
    rt_io_file_write_all_text(f, rt__str_new("a\0b\r\n", 5));
    rt_string back = rt_io_file_read_all_text(f);
    CHECK(rt__str_len(back) == 5 && memcmp(rt__str_bytes(back), "a\0b\r\n", 5) == 0);
    rt_io_file_write_all_text(f, NULL); /* empty file */
    CHECK_EQ_I64(rt_file_size(f), 0);
    CHECK_STR(rt_io_file_read_all_text(f), "");
    /* silent failures */
    rt_io_file_write_all_text(S("no_such_dir/x.txt"), S("x"));
    rt_file_append(S("no_such_dir/x.txt"), S("x"));
    rt_io_file_write_all_text(NULL, S("x"));
    CHECK(!rt_io_file_exists(S("no_such_dir/x.txt")));
    /* directories "exist" as files too (reference behaviour) */
    mkdir("adir", 0755);
    CHECK(rt_io_file_exists(S("adir")));
    CHECK_STR(rt_io_file_read_all_text(S("adir")), "");
    /* checked traps */
    CHECK_EXITS(rt_io_file_append_line(NULL, S("x")), 1,
                "Viper.IO.File.AppendLine: invalid file path");
    CHECK_EXITS(rt_io_file_append_line(S("no_such_dir/f"), S("x")), 1,
                "Viper.IO.File.AppendLine: failed to open file");
    CHECK_EXITS(rt_io_file_append_line(S("t.txt/below"), S("x")), 1,
                "Viper.IO.File.AppendLine: failed to open file"); /* ENOTDIR, even for root */
    rt_io_file_delete(f);
    CHECK(!rt_io_file_exists(f));
    rt_io_file_delete(f);    /* missing: nothing */
    rt_io_file_delete(NULL); /* NULL: nothing */
    rt_io_file_delete(S("adir"));
    CHECK(rt_dir_exists(S("adir"))); /* does not remove directories */
}

static void test_file_lines(void) {
    write_raw("l.txt", "l1\r\nl2\rl3\n\nl5", 13);
    void *all = rt_io_file_read_all_lines(S("l.txt"));
    CHECK_EQ_I64(rt_seq_len(all), 5);
    CHECK_STR(SEQ_STR(all, 0), "l1");
    CHECK_STR(SEQ_STR(all, 1), "l2");
    CHECK_STR(SEQ_STR(all, 2), "l3");
    CHECK_STR(SEQ_STR(all, 3), "");
    CHECK_STR(SEQ_STR(all, 4), "l5");
    void *rl = rt_file_read_lines(S("l.txt"));
    CHECK_EQ_I64(rt_seq_len(rl), 4);
    CHECK_STR(SEQ_STR(rl, 0), "l1");
    CHECK_STR(SEQ_STR(rl, 1), "l2\rl3");
    CHECK_STR(SEQ_STR(rl, 2), "");
    CHECK_STR(SEQ_STR(rl, 3), "l5");
    write_raw("l.txt", "x\n", 2);
    CHECK_EQ_I64(rt_seq_len(rt_io_file_read_all_lines(S("l.txt"))), 1);
    CHECK_EQ_I64(rt_seq_len(rt_file_read_lines(S("l.txt"))), 1);
    write_raw("l.txt", "\n", 1);
    CHECK_EQ_I64(rt_seq_len(rt_io_file_read_all_lines(S("l.txt"))), 1);
    write_raw("l.txt", "a\r", 2);
    CHECK_EQ_I64(rt_seq_len(rt_io_file_read_all_lines(S("l.txt"))), 1);
    write_raw("l.txt", "", 0);
    CHECK_EQ_I64(rt_seq_len(rt_io_file_read_all_lines(S("l.txt"))), 0);
    CHECK_EQ_I64(rt_seq_len(rt_file_read_lines(S("missing.txt"))), 0);
    CHECK_EQ_I64(rt_seq_len(rt_file_read_lines(NULL)), 0);
    CHECK_EXITS(rt_io_file_read_all_lines(NULL), 1,
                "Viper.IO.File.ReadAllLines: invalid file path");
    CHECK_EXITS(rt_io_file_read_all_lines(S("missing.txt")), 1,
                "Viper.IO.File.ReadAllLines: failed to open file");
    /* WriteLines: every element followed by \n; NULL elements write nothing */
    void *seq = rt_seq_new();
    rt_seq_push(seq, S("one"));
    rt_seq_push(seq, NULL);
    rt_seq_push(seq, S("three"));
    rt_file_write_lines(S("w.txt"), seq);
    CHECK_STR(rt_io_file_read_all_text(S("w.txt")), "one\n\nthree\n");
    rt_file_write_lines(S("w.txt"), NULL); /* nothing */
    CHECK_STR(rt_io_file_read_all_text(S("w.txt")), "one\n\nthree\n");
    rt_file_write_lines(NULL, seq);
}

static void test_file_bytes(void) {
    void *b = BYTES("\x00\x01\xfe\xff" "abc");
    rt_io_file_write_all_bytes(S("b.bin"), b);
    CHECK_EQ_I64(rt_file_size(S("b.bin")), 7);
    CHECK_BYTES_OBJ(rt_io_file_read_all_bytes(S("b.bin")), "\x00\x01\xfe\xff" "abc", 7);
    CHECK_BYTES_OBJ(rt_file_read_bytes(S("b.bin")), "\x00\x01\xfe\xff" "abc", 7);
    CHECK_BYTES_OBJ(rt_file_read_bytes(S("missing")), "", 0);
    CHECK_BYTES_OBJ(rt_file_read_bytes(NULL), "", 0);
    rt_file_write_bytes(S("c.bin"), BYTES("xyz"));
    CHECK_STR(rt_io_file_read_all_text(S("c.bin")), "xyz");
    rt_file_write_bytes(S("c.bin"), NULL); /* silent, file untouched */
    CHECK_STR(rt_io_file_read_all_text(S("c.bin")), "xyz");
    rt_file_write_bytes(S("no_dir/c.bin"), BYTES("xyz"));
    write_raw("e.bin", "", 0);
    CHECK_BYTES_OBJ(rt_io_file_read_all_bytes(S("e.bin")), "", 0);
    CHECK_EXITS(rt_io_file_read_all_bytes(NULL), 1, "Viper.IO.File.ReadAllBytes: invalid file path");
    CHECK_EXITS(rt_io_file_read_all_bytes(S("missing")), 1,
                "Viper.IO.File.ReadAllBytes: failed to open file");
    CHECK_EXITS(rt_io_file_read_all_bytes(S("adir")), 1,
                "Viper.IO.File.ReadAllBytes: failed to read file");
    CHECK_EXITS(rt_io_file_write_all_bytes(NULL, b), 1,
                "Viper.IO.File.WriteAllBytes: invalid file path");
    CHECK_EXITS(rt_io_file_write_all_bytes(S("x.bin"), NULL), 1,
                "Viper.IO.File.WriteAllBytes: null Bytes");
    CHECK_EXITS(rt_io_file_write_all_bytes(S("no_dir/x.bin"), b), 1,
                "Viper.IO.File.WriteAllBytes: failed to open file");
}

static void test_file_copy_move(void) {
    rt_io_file_write_all_text(S("src.txt"), S("payload"));
    rt_file_copy(S("src.txt"), S("dst.txt"));
    CHECK_STR(rt_io_file_read_all_text(S("dst.txt")), "payload");
    rt_io_file_write_all_text(S("dst.txt"), S("much longer old content"));
    rt_file_copy(S("src.txt"), S("dst.txt")); /* replaces */
    CHECK_STR(rt_io_file_read_all_text(S("dst.txt")), "payload");
    rt_file_copy(S("src.txt"), S("src.txt")); /* never truncates its own source */
    CHECK_STR(rt_io_file_read_all_text(S("src.txt")), "payload");
    rt_file_copy(S("missing.txt"), S("never.txt")); /* missing source: nothing created */
    CHECK(!rt_io_file_exists(S("never.txt")));
    rt_file_copy(NULL, S("never.txt"));
    rt_file_move(S("dst.txt"), S("moved.txt"));
    CHECK(!rt_io_file_exists(S("dst.txt")));
    CHECK_STR(rt_io_file_read_all_text(S("moved.txt")), "payload");
    rt_file_move(S("missing.txt"), S("never.txt"));
    CHECK(!rt_io_file_exists(S("never.txt")));
    /* touch: creates, then only updates times */
    rt_file_touch(S("touched"));
    CHECK_EQ_I64(rt_file_size(S("touched")), 0);
    rt_io_file_write_all_text(S("touched"), S("keep"));
    rt_file_touch(S("touched"));
    CHECK_STR(rt_io_file_read_all_text(S("touched")), "keep");
    rt_file_touch(S("no_dir/t"));
    rt_file_touch(NULL);
}

static void test_dir(void) {
    CHECK(!rt_dir_exists(S("d")));
    CHECK(!rt_dir_exists(NULL));
    rt_dir_make(S("d"));
    CHECK(rt_dir_exists(S("d")));
    rt_dir_make(S("d")); /* existing: fine */
    rt_io_file_write_all_text(S("plain"), S("x"));
    rt_dir_make(S("plain")); /* EEXIST even for a file */
    CHECK(!rt_dir_exists(S("plain")));
    CHECK_EXITS(rt_dir_make(NULL), 1, "Dir.Make: invalid path");
    CHECK_EXITS(rt_dir_make(S("no/parent")), 1, "Dir.Make: failed to create directory");
    rt_dir_make_all(S("a/b\\c/d//"));
    CHECK(rt_dir_exists(S("a/b\\c/d")));
    CHECK(rt_dir_exists(S("a/b")));
    rt_dir_make_all(S("a/b")); /* existing */
    rt_dir_make_all(S(""));     /* empty: nothing */
    CHECK_EXITS(rt_dir_make_all(NULL), 1, "Dir.MakeAll: invalid path");
    CHECK_EXITS(rt_dir_make_all(S("plain/sub/x")), 1,
                "Dir.MakeAll: failed to create intermediate directory");
    CHECK_EXITS(rt_dir_make_all(S("plain/sub")), 1, "Dir.MakeAll: failed to create directory");
    /* listing */
    rt_dir_make(S("d/subdir"));
    rt_io_file_write_all_text(S("d/file1.txt"), S("1"));
    rt_io_file_write_all_text(S("d/file2.txt"), S("2"));
    void *all = rt_dir_list_seq(S("d"));
    CHECK_EQ_I64(rt_seq_len(all), 3);
    CHECK(seq_has(all, "subdir") && seq_has(all, "file1.txt") && seq_has(all, "file2.txt"));
    CHECK_EQ_I64(rt_seq_len(rt_dir_list(S("d"))), 3);
    void *files = rt_dir_files_seq(S("d"));
    CHECK_EQ_I64(rt_seq_len(files), 2);
    CHECK(seq_has(files, "file1.txt") && !seq_has(files, "subdir"));
    CHECK_EQ_I64(rt_seq_len(rt_dir_files(S("d/"))), 2);
    void *dirs = rt_dir_dirs_seq(S("d"));
    CHECK_EQ_I64(rt_seq_len(dirs), 1);
    CHECK_STR(SEQ_STR(dirs, 0), "subdir");
    CHECK_EQ_I64(rt_seq_len(rt_dir_dirs(S("d"))), 1);
    CHECK_EQ_I64(rt_seq_len(rt_dir_list(S("missing"))), 0);
    CHECK_EQ_I64(rt_seq_len(rt_dir_files(NULL)), 0);
    CHECK_EQ_I64(rt_seq_len(rt_dir_entries_seq(S("d"))), 3);
    CHECK_EXITS(rt_dir_entries_seq(NULL), 1, "Viper.IO.Dir.Entries: invalid directory path");
    CHECK_EXITS(rt_dir_entries_seq(S("missing")), 1, "Viper.IO.Dir.Entries: directory not found");
    CHECK_EXITS(rt_dir_entries_seq(S("plain")), 1, "Viper.IO.Dir.Entries: directory not found");
    /* remove */
    CHECK_EXITS(rt_dir_remove(S("d")), 1, "Dir.Remove: failed to remove directory"); /* not empty */
    CHECK_EXITS(rt_dir_remove(S("missing")), 1, "Dir.Remove: failed to remove directory");
    CHECK_EXITS(rt_dir_remove(NULL), 1, "Dir.Remove: invalid path");
    rt_dir_remove(S("d/subdir"));
    CHECK(!rt_dir_exists(S("d/subdir")));
    /* RemoveAll: recursive, silent; files and links are not followed out of the tree */
    rt_dir_make_all(S("outside/keep"));
    rt_io_file_write_all_text(S("outside/keep/precious"), S("x"));
    rt_dir_make_all(S("tree/x/y"));
    rt_io_file_write_all_text(S("tree/x/y/f"), S("x"));
    CHECK(symlink("../outside", "tree/x/link") == 0);
    rt_dir_remove_all(S("tree"));
    CHECK(!rt_io_file_exists(S("tree")));
    CHECK(rt_io_file_exists(S("outside/keep/precious")));
    rt_dir_remove_all(S("missing")); /* nothing */
    rt_dir_remove_all(S("plain"));   /* a plain file is not removed */
    CHECK(rt_io_file_exists(S("plain")));
    CHECK_EXITS(rt_dir_remove_all(NULL), 1, "Dir.RemoveAll: invalid path");
    /* move */
    rt_dir_make(S("m1"));
    rt_dir_move(S("m1"), S("m2"));
    CHECK(!rt_dir_exists(S("m1")) && rt_dir_exists(S("m2")));
    rt_dir_move(S("plain"), S("plain2")); /* works for files too */
    CHECK(rt_io_file_exists(S("plain2")));
    CHECK_EXITS(rt_dir_move(NULL, S("x")), 1, "Dir.Move: invalid source path");
    CHECK_EXITS(rt_dir_move(S("x"), NULL), 1, "Dir.Move: invalid destination path");
    CHECK_EXITS(rt_dir_move(S("missing"), S("x")), 1, "Dir.Move: failed to move directory");
    /* current directory */
    rt_string cwd = rt_dir_current();
    CHECK(rt__str_bytes(cwd)[0] == '/');
    rt_dir_set_current(S("m2"));
    rt_string inner = rt_dir_current();
    CHECK(rt__str_len(inner) == rt__str_len(cwd) + 3);
    rt_dir_set_current(S(".."));
    CHECK_STR(rt_dir_current(), rt__str_bytes(cwd));
    CHECK_EXITS(rt_dir_set_current(NULL), 1, "Dir.SetCurrent: invalid path");
    CHECK_EXITS(rt_dir_set_current(S("missing")), 1, "Dir.SetCurrent: failed to change directory");
}

static void test_path(void) {
    CHECK_STR(rt_path_join(S("a"), S("b")), "a/b");
    CHECK_STR(rt_path_join(S("a/"), S("/b")), "/b");
    CHECK_STR(rt_path_join(S("a"), S("/b")), "/b");
    CHECK_STR(rt_path_join(S(""), S("b")), "b");
    CHECK_STR(rt_path_join(S("a"), S("")), "a");
    CHECK_STR(rt_path_join(S("a\\"), S("b")), "a\\b");
    CHECK_STR(rt_path_join(NULL, NULL), "");
    CHECK_STR(rt_path_dir(S("/x/y/z.txt")), "/x/y");
    CHECK_STR(rt_path_dir(S("z.txt")), ".");
    CHECK_STR(rt_path_dir(S("/z")), "/");
    CHECK_STR(rt_path_dir(S("a/b/")), "a/b");
    CHECK_STR(rt_path_dir(S("")), "");
    CHECK_STR(rt_path_dir(S("a\\b")), "a");
    CHECK_STR(rt_path_name(S("/x/y/z.txt")), "z.txt");
    CHECK_STR(rt_path_name(S("a/b/")), "b");
    CHECK_STR(rt_path_name(S("/")), "");
    CHECK_STR(rt_path_name(NULL), "");
    CHECK_STR(rt_path_stem(S("z.tar.gz")), "z.tar");
    CHECK_STR(rt_path_stem(S(".bashrc")), ".bashrc");
    CHECK_STR(rt_path_stem(S("d.x/noext")), "noext");
    CHECK_STR(rt_path_ext(S("z.tar.gz")), ".gz");
    CHECK_STR(rt_path_ext(S(".bashrc")), "");
    CHECK_STR(rt_path_ext(S("noext")), "");
    CHECK_STR(rt_path_ext(S("a.")), ".");
    CHECK_STR(rt_path_ext(S("dir.d/file")), "");
    CHECK_STR(rt_path_with_ext(S("a/b.txt"), S("md")), "a/b.md");
    CHECK_STR(rt_path_with_ext(S("a/.rc"), S(".x")), "a/.rc.x");
    CHECK_STR(rt_path_with_ext(S("a.b/c"), S("")), "a.b/c");
    CHECK_STR(rt_path_with_ext(S("a.txt"), S("")), "a");
    CHECK_STR(rt_path_with_ext(S(""), S(".x")), ".x");
    CHECK(rt_path_is_abs(S("/a")));
    CHECK(!rt_path_is_abs(S("a")));
    CHECK(!rt_path_is_abs(S("\\a")));
    CHECK(!rt_path_is_abs(NULL));
    CHECK_STR(rt_path_norm(S("a/./b/../c//d/")), "a/c/d");
    CHECK_STR(rt_path_norm(S("../x/..")), "..");
    CHECK_STR(rt_path_norm(S("/../a")), "/a");
    CHECK_STR(rt_path_norm(S("a/..")), ".");
    CHECK_STR(rt_path_norm(S("//a")), "/a");
    CHECK_STR(rt_path_norm(S("\\a\\b")), "\\a/b");
    CHECK_STR(rt_path_norm(S("")), ".");
    CHECK_STR(rt_path_norm(S("/")), "/");
    CHECK_STR(rt_path_norm(S("../../a/../b")), "../../b");
    CHECK_STR(rt_path_abs(S("/p/./q")), "/p/q");
    rt_string cwd = rt_dir_current();
    rt_string want = rt_path_join(cwd, S("y"));
    CHECK_STR(rt_path_abs(S("x/../y")), rt__str_bytes(want));
    CHECK_STR(rt_path_abs(NULL), rt__str_bytes(cwd));
    CHECK_STR(rt_path_sep(), "/");
}

static void test_tempfile(void) {
    unsetenv("TMPDIR");
    CHECK_STR(rt_tempfile_dir(), "/tmp");
    setenv("TMPDIR", "", 1);
    CHECK_STR(rt_tempfile_dir(), "/tmp");
    rt_string here = rt_dir_current();
    char *t = malloc(rt__str_len(here) + 2);
    sprintf(t, "%s/", rt__str_bytes(here));
    setenv("TMPDIR", t, 1); /* one trailing slash removed */
    CHECK_STR(rt_tempfile_dir(), rt__str_bytes(here));
    free(t);
    rt_string p1 = rt_tempfile_path(), p2 = rt_tempfile_path();
    CHECK(strcmp(rt__str_bytes(p1), rt__str_bytes(p2)) != 0);
    CHECK(!rt_io_file_exists(p1)); /* nothing created */
    char pre[64];
    snprintf(pre, sizeof pre, "%s/viper_%d_", rt__str_bytes(here), (int)getpid());
    CHECK(strncmp(rt__str_bytes(p1), pre, strlen(pre)) == 0);
    CHECK_STR(rt_path_ext(p1), ".tmp");
    rt_string p3 = rt_tempfile_path_with_ext(S("pre_"), S(".dat"));
    CHECK_STR(rt_path_ext(p3), ".dat");
    CHECK(strncmp(rt__str_bytes(rt_path_name(p3)), "pre_", 4) == 0);
    CHECK_STR(rt_path_ext(rt_tempfile_path_with_prefix(S("q_"))), ".tmp");
    rt_string c1 = rt_tempfile_create();
    CHECK(rt_io_file_exists(c1) && rt_file_size(c1) == 0);
    rt_string c2 = rt_tempfile_create_with_prefix(S("mine_"));
    CHECK(rt_io_file_exists(c2));
    CHECK(strncmp(rt__str_bytes(rt_path_name(c2)), "mine_", 5) == 0);
    rt_string d1 = rt_tempdir_create();
    CHECK(rt_dir_exists(d1));
    CHECK_STR(rt_path_ext(d1), "");
    rt_string d2 = rt_tempdir_create_with_prefix(S("dd_"));
    CHECK(rt_dir_exists(d2));
    CHECK_EXITS(rt_tempfile_path_with_ext(NULL, S(".x")), 1, "rt_string_cstr: null string");
    CHECK_EXITS(rt_tempfile_path_with_prefix(NULL), 1, "rt_string_cstr: null string");
    setenv("TMPDIR", "/nonexistent_viper_dir", 1);
    CHECK_EXITS(rt_tempdir_create(), 1, "Dir.Make: failed to create directory");
    rt_string c3 = rt_tempfile_create(); /* failure ignored */
    CHECK(!rt_io_file_exists(c3));
    unsetenv("TMPDIR");
}

static void test_glob(void) {
    CHECK(rt_glob_match(S("a.txt"), S("*.txt")));
    CHECK(!rt_glob_match(S("d/a.txt"), S("*.txt")));
    CHECK(rt_glob_match(S("d/a.txt"), S("**/*.txt")));
    CHECK(rt_glob_match(S("a.txt"), S("**/*.txt")));
    CHECK(rt_glob_match(S("x/y/z/a.txt"), S("**/*.txt")));
    CHECK(!rt_glob_match(S("a.txt"), S("?.t[x]t")));
    CHECK(rt_glob_match(S("a.txt"), S("?.txt")));
    CHECK(!rt_glob_match(S("/"), S("?")));
    CHECK(rt_glob_match(S("abc"), S("a*c")));
    CHECK(!rt_glob_match(S("ABC"), S("abc")));
    CHECK(rt_glob_match(S(""), S("*")));
    CHECK(rt_glob_match(S("anything/at/all"), S("**")));
    CHECK(!rt_glob_match(S("a.txt.bak"), S("*.txt")));
    CHECK_EXITS(rt_glob_match(NULL, S("*")), 1, "rt_string_cstr: null string");
    CHECK_EXITS(rt_glob_match(S("x"), NULL), 1, "rt_string_cstr: null string");
    rt_dir_make_all(S("g/sub/deep"));
    rt_io_file_write_all_text(S("g/a.txt"), S("1"));
    rt_io_file_write_all_text(S("g/b.log"), S("2"));
    rt_io_file_write_all_text(S("g/sub/c.txt"), S("3"));
    rt_io_file_write_all_text(S("g/sub/deep/d.txt"), S("4"));
    rt_dir_make(S("g/e.txt")); /* a directory named like a file */
    void *f = rt_glob_files(S("g"), S("*.txt"));
    CHECK_EQ_I64(rt_seq_len(f), 1);
    CHECK_STR(SEQ_STR(f, 0), "g/a.txt");
    void *e = rt_glob_entries(S("g"), S("*.txt"));
    CHECK_EQ_I64(rt_seq_len(e), 2);
    CHECK(seq_has(e, "g/a.txt") && seq_has(e, "g/e.txt"));
    void *r = rt_glob_files_recursive(S("g"), S("**/*.txt"));
    CHECK_EQ_I64(rt_seq_len(r), 4); /* a, c, d and the directory e.txt (File.Exists) */
    CHECK(seq_has(r, "g/a.txt") && seq_has(r, "g/sub/c.txt") && seq_has(r, "g/sub/deep/d.txt") &&
          seq_has(r, "g/e.txt"));
    void *r2 = rt_glob_files_recursive(S("g"), S("sub/*.txt"));
    CHECK_EQ_I64(rt_seq_len(r2), 1);
    CHECK_STR(SEQ_STR(r2, 0), "g/sub/c.txt");
    CHECK_EQ_I64(rt_seq_len(rt_glob_files(S("missing"), S("*"))), 0);
    CHECK_EQ_I64(rt_seq_len(rt_glob_files_recursive(S("missing"), S("*"))), 0);
    CHECK_EXITS(rt_glob_files(NULL, S("*")), 1, "rt_string_cstr: null string");
}

void run_tests(void) {
    char *dir = io_enter_tmpdir();
    test_file_text();
    test_file_lines();
    test_file_bytes();
    test_file_copy_move();
    test_dir();
    test_path();
    test_tempfile();
    test_glob();
    io_leave_tmpdir(dir);
}
