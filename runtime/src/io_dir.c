/*
 * io_dir.c — Viper.IO.Dir, Viper.IO.TempFile and Viper.IO.Glob (RUNTIME-SYSTEM §4.2, §4.4, §4.5).
 *
 * Dir: Exists (stat + S_ISDIR), Make (mkdir 0755, EEXIST is fine), MakeAll (every missing prefix
 * ending before a `/` or `\`, then the whole path; trailing separators removed), Remove (rmdir),
 * RemoveAll (recursive, never traps), List/Files/Dirs (names, not paths, in readdir order; missing
 * or NULL → empty Seq; Files/Dirs classify with stat, so symlinks are followed), Entries (checked
 * List), Current (getcwd), SetCurrent (chdir), Move (rename, no copy fallback). Trap texts as in
 * §4.2 (`Dir.Make: invalid path`, `Dir.Make: failed to create directory`, ...).
 * Deliberate difference from the reference: RemoveAll classifies entries with lstat, so a
 * symbolic link inside the tree is unlinked rather than followed (the reference's stat would
 * delete the link target's contents, outside the path the program named) — no corpus output
 * depends on it. A top-level path that is not a directory is left alone (reference: rmdir fails).
 *
 * TempFile: Dir() is $TMPDIR (one trailing `/` removed) or `/tmp`; names are
 * `<prefix><pid>_<time-hex>_<counter-hex><ext>` joined to Dir(), with a process-wide atomic
 * counter starting at 1. Create* make an empty file (failure ignored) / a directory (Dir.Make,
 * which traps on failure); nothing is deleted automatically. NULL prefix/ext → trap
 * `rt_string_cstr: null string`.
 *
 * Glob: `*` any run without `/`, `**` any run including `/` (slashes right after it are skipped),
 * `?` one byte other than `/`, every other byte literal; case-sensitive, whole-string match.
 * Files/Entries filter one directory (results are Path.Join(dir, name)); FilesRecursive walks
 * depth-first in readdir order matching the `/`-joined path relative to the base and adds entries
 * for which File.Exists holds (directories too, as in the reference). It descends only into real
 * directories (lstat), so symlink cycles cannot recurse forever.
 * Results are new strings / Seqs owning new strings (+1); arguments are borrowed.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include "rt_io_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static bool is_sep(char c) { return c == '/' || c == '\\'; }

/* malloc'd "dir/name" (no separator added when dir already ends in one). */
static char *join_c(const char *dir, const char *name) {
    size_t a = strlen(dir), b = strlen(name);
    bool slash = a > 0 && !is_sep(dir[a - 1]);
    char *r = rt__xmalloc(a + slash + b + 1);
    memcpy(r, dir, a);
    if (slash)
        r[a] = '/';
    memcpy(r + a + slash, name, b + 1);
    return r;
}

static bool is_dot(const char *n) { return n[0] == '.' && (!n[1] || (n[1] == '.' && !n[2])); }

/* ---- Dir -------------------------------------------------------------------------------------- */

bool rt_dir_exists(rt_string path) {
    const char *p = rt__path_arg(path);
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

void rt_dir_make(rt_string path) {
    const char *p = rt__path_arg(path);
    if (!p)
        rt__trap("Dir.Make: invalid path");
    if (mkdir(p, 0755) != 0 && errno != EEXIST)
        rt__trap("Dir.Make: failed to create directory");
}

void rt_dir_make_all(rt_string path) {
    const char *p = rt__path_arg(path);
    if (!p)
        rt__trap("Dir.MakeAll: invalid path");
    size_t n = strlen(p);
    while (n > 0 && is_sep(p[n - 1]))
        n--;
    if (n == 0)
        return;
    char *buf = rt__xmalloc(n + 1);
    memcpy(buf, p, n);
    buf[n] = 0;
    for (size_t i = 1; i < n; i++) {
        if (!is_sep(buf[i]))
            continue;
        char c = buf[i];
        buf[i] = 0;
        struct stat st;
        if (stat(buf, &st) != 0 && mkdir(buf, 0755) != 0 && errno != EEXIST) {
            free(buf);
            rt__trap("Dir.MakeAll: failed to create intermediate directory");
        }
        buf[i] = c;
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST) {
        free(buf);
        rt__trap("Dir.MakeAll: failed to create directory");
    }
    free(buf);
}

void rt_dir_remove(rt_string path) {
    const char *p = rt__path_arg(path);
    if (!p)
        rt__trap("Dir.Remove: invalid path");
    if (rmdir(p) != 0)
        rt__trap("Dir.Remove: failed to remove directory");
}

static void remove_tree(const char *p) {
    DIR *d = opendir(p);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (is_dot(e->d_name))
                continue;
            char *child = join_c(p, e->d_name);
            struct stat st;
            if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
                remove_tree(child);
            else
                unlink(child);
            free(child);
        }
        closedir(d);
    }
    rmdir(p);
}

void rt_dir_remove_all(rt_string path) {
    const char *p = rt__path_arg(path);
    if (!p)
        rt__trap("Dir.RemoveAll: invalid path");
    struct stat st;
    if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
        remove_tree(p);
    else
        rmdir(p); /* missing path or not a directory: fails silently */
}

enum { LIST_ALL, LIST_FILES, LIST_DIRS };

static void list_into(void *seq, const char *p, DIR *d, int what) {
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (is_dot(e->d_name))
            continue;
        if (what != LIST_ALL) {
            char *child = join_c(p, e->d_name);
            struct stat st;
            bool ok = stat(child, &st) == 0 &&
                      (what == LIST_FILES ? S_ISREG(st.st_mode) : S_ISDIR(st.st_mode));
            free(child);
            if (!ok)
                continue;
        }
        rt__seq_push_bytes(seq, e->d_name, strlen(e->d_name));
    }
}

static void *list(rt_string path, int what) {
    void *seq = rt_seq_new();
    const char *p = rt__path_arg(path);
    DIR *d = p ? opendir(p) : NULL;
    if (d) {
        list_into(seq, p, d, what);
        closedir(d);
    }
    return seq;
}

void *rt_dir_list(rt_string path) { return list(path, LIST_ALL); }
void *rt_dir_list_seq(rt_string path) { return list(path, LIST_ALL); }
void *rt_dir_files(rt_string path) { return list(path, LIST_FILES); }
void *rt_dir_files_seq(rt_string path) { return list(path, LIST_FILES); }
void *rt_dir_dirs(rt_string path) { return list(path, LIST_DIRS); }
void *rt_dir_dirs_seq(rt_string path) { return list(path, LIST_DIRS); }

void *rt_dir_entries_seq(rt_string path) {
    const char *p = rt__path_arg(path);
    if (!p)
        rt__trap("Viper.IO.Dir.Entries: invalid directory path");
    struct stat st;
    if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
        rt__trap("Viper.IO.Dir.Entries: directory not found");
    DIR *d = opendir(p);
    if (!d)
        rt__trap("Viper.IO.Dir.Entries: failed to open directory");
    void *seq = rt_seq_new();
    list_into(seq, p, d, LIST_ALL);
    closedir(d);
    return seq;
}

rt_string rt_dir_current(void) {
    size_t cap = 256;
    for (;;) {
        char *buf = rt__xmalloc(cap);
        if (getcwd(buf, cap)) {
            rt_string s = rt__str_from_cstr(buf);
            free(buf);
            return s;
        }
        free(buf);
        if (errno != ERANGE || cap > (1u << 20))
            rt__trap("Dir.Current: failed to get current directory");
        cap *= 2;
    }
}

void rt_dir_set_current(rt_string path) {
    const char *p = rt__path_arg(path);
    if (!p)
        rt__trap("Dir.SetCurrent: invalid path");
    if (chdir(p) != 0)
        rt__trap("Dir.SetCurrent: failed to change directory");
}

void rt_dir_move(rt_string src, rt_string dst) {
    const char *s = rt__path_arg(src), *d = rt__path_arg(dst);
    if (!s)
        rt__trap("Dir.Move: invalid source path");
    if (!d)
        rt__trap("Dir.Move: invalid destination path");
    if (rename(s, d) != 0)
        rt__trap("Dir.Move: failed to move directory");
}

/* ---- TempFile --------------------------------------------------------------------------------- */

static atomic_uint_fast64_t temp_counter;

rt_string rt_tempfile_dir(void) {
    const char *t = getenv("TMPDIR");
    if (!t || !*t)
        return rt__str_from_cstr("/tmp");
    size_t n = strlen(t);
    if (n > 1 && t[n - 1] == '/')
        n--;
    return rt__str_new(t, n);
}

/* Join(Dir(), prefix + id + ext). */
static rt_string temp_name(const char *prefix, const char *ext) {
    unsigned long long c = (unsigned long long)atomic_fetch_add(&temp_counter, 1) + 1;
    rt_buf b = {0};
    rt__buf_putf(&b, "%s%lld_%llx_%llx%s", prefix, (long long)getpid(),
                 (unsigned long long)time(NULL), c, ext);
    rt_string name = rt__buf_finish(&b);
    rt_string dir = rt_tempfile_dir();
    rt_string r = rt_path_join(dir, name);
    rt_str_release_maybe(dir);
    rt_str_release_maybe(name);
    return r;
}

rt_string rt_tempfile_path_with_ext(rt_string prefix, rt_string ext) {
    const char *p = rt_string_cstr(prefix);
    const char *e = rt_string_cstr(ext);
    return temp_name(p, e);
}

rt_string rt_tempfile_path_with_prefix(rt_string prefix) {
    return temp_name(rt_string_cstr(prefix), ".tmp");
}

rt_string rt_tempfile_path(void) { return temp_name("viper_", ".tmp"); }

static rt_string create_file(rt_string path) {
    int fd = open(rt__str_bytes(path), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd >= 0)
        close(fd);
    return path;
}

rt_string rt_tempfile_create(void) { return create_file(temp_name("viper_", ".tmp")); }

rt_string rt_tempfile_create_with_prefix(rt_string prefix) {
    return create_file(temp_name(rt_string_cstr(prefix), ".tmp"));
}

rt_string rt_tempdir_create(void) {
    rt_string p = temp_name("viper_", "");
    rt_dir_make(p);
    return p;
}

rt_string rt_tempdir_create_with_prefix(rt_string prefix) {
    rt_string p = temp_name(rt_string_cstr(prefix), "");
    rt_dir_make(p);
    return p;
}

/* ---- Glob ------------------------------------------------------------------------------------- */

static bool glob_match(const char *p, const char *t) {
    while (*p) {
        if (p[0] == '*' && p[1] == '*') {
            p += 2;
            while (*p == '/')
                p++;
            if (!*p)
                return true;
            for (const char *s = t;; s++) {
                if (glob_match(p, s))
                    return true;
                if (!*s)
                    return false;
            }
        }
        if (*p == '*') {
            p++;
            for (const char *s = t;; s++) {
                if (glob_match(p, s))
                    return true;
                if (!*s || *s == '/')
                    return false;
            }
        }
        if (*p == '?') {
            if (!*t || *t == '/')
                return false;
        } else if (*p != *t) {
            return false;
        }
        p++;
        t++;
    }
    return !*t;
}

bool rt_glob_match(rt_string path, rt_string pattern) {
    const char *t = rt_string_cstr(path);
    const char *p = rt_string_cstr(pattern);
    return glob_match(p, t);
}

static void *glob_dir(rt_string dir, rt_string pattern, bool files_only) {
    rt_string_cstr(dir); /* NULL traps */
    const char *pat = rt_string_cstr(pattern);
    void *names = list(dir, files_only ? LIST_FILES : LIST_ALL);
    void *out = rt_seq_new();
    int64_t n = rt_seq_len(names);
    for (int64_t i = 0; i < n; i++) {
        rt_string name = rt__seq_at(names, i);
        if (glob_match(pat, rt__str_bytes(name)))
            rt__seq_push_owned(out, rt_path_join(dir, name));
    }
    rt__obj_release_and_free(names);
    return out;
}

void *rt_glob_files(rt_string dir, rt_string pattern) { return glob_dir(dir, pattern, true); }
void *rt_glob_entries(rt_string dir, rt_string pattern) { return glob_dir(dir, pattern, false); }

static void walk(void *out, rt_string dir, const char *rel, const char *pat, int depth) {
    const char *d = rt__str_bytes(dir);
    DIR *h = opendir(d);
    if (!h)
        return;
    struct dirent *e;
    while ((e = readdir(h)) != NULL) {
        if (is_dot(e->d_name))
            continue;
        char *r = join_c(rel, e->d_name); /* rel == "" gives the bare name */
        rt_string name = rt__str_from_cstr(e->d_name);
        rt_string full = rt_path_join(dir, name);
        rt_str_release_maybe(name);
        struct stat st;
        if (glob_match(pat, r) && stat(rt__str_bytes(full), &st) == 0) {
            rt_str_retain_maybe(full);
            rt__seq_push_owned(out, full);
        }
        if (depth < 256 && lstat(rt__str_bytes(full), &st) == 0 && S_ISDIR(st.st_mode))
            walk(out, full, r, pat, depth + 1);
        rt_str_release_maybe(full);
        free(r);
    }
    closedir(h);
}

void *rt_glob_files_recursive(rt_string base, rt_string pattern) {
    rt_string_cstr(base); /* NULL traps */
    const char *pat = rt_string_cstr(pattern);
    void *out = rt_seq_new();
    walk(out, base, "", pat, 0);
    return out;
}
