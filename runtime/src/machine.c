/*
 * machine.c — Viper.Machine.* (RUNTIME-SYSTEM.md §9.2): read-only facts about the host. Every
 * function returns a new string or a plain integer and never traps.
 * OS: `linux` / `macos` / `windows` / `unknown` by compile target. OSVer: uname().release.
 * Host: gethostname. User: passwd name of the real uid (read from /etc/passwd directly: getpwuid
 * needs glibc's NSS shared libraries in a static binary), else $USER, else $LOGNAME, else `unknown`.
 * Home: $HOME, else the passwd home directory, else "". Temp: $TMPDIR, else $TMP, else $TEMP,
 * else `/tmp` (a trailing `/` is kept, unlike TempFile.Dir). Cores: online CPUs (>= 1).
 * MemTotal / MemFree: physical / available pages × page size (0 if unknown). Endian: byte order.
 */
#define _DEFAULT_SOURCE /* _SC_PHYS_PAGES, _SC_AVPHYS_PAGES */
#include "rt_system_abi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

rt_string rt_machine_os(void) {
#if defined(__linux__)
    return rt__str_from_cstr("linux");
#elif defined(__APPLE__)
    return rt__str_from_cstr("macos");
#elif defined(_WIN32)
    return rt__str_from_cstr("windows");
#else
    return rt__str_from_cstr("unknown");
#endif
}

rt_string rt_machine_os_ver(void) {
    struct utsname u;
    if (uname(&u) != 0 || u.release[0] == '\0')
        return rt__str_from_cstr("unknown");
    return rt__str_from_cstr(u.release);
}

rt_string rt_machine_host(void) {
    char buf[256];
    if (gethostname(buf, sizeof buf) != 0 || buf[0] == '\0')
        return rt__str_from_cstr("unknown");
    buf[sizeof buf - 1] = '\0';
    return rt__str_from_cstr(buf);
}

static const char *nonempty_env(const char *name) {
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

/* Field `field` (0 = name, 5 = home) of the /etc/passwd entry of the real uid, as a new string,
 * or NULL when there is none (or it is empty). */
static rt_string passwd_field(int field) {
    FILE *f = fopen("/etc/passwd", "r");
    if (!f)
        return NULL;
    char line[1024];
    rt_string r = NULL;
    unsigned long uid = (unsigned long)getuid();
    while (!r && fgets(line, sizeof line, f)) {
        char *fields[7] = {0};
        int n = 0;
        char *p = line;
        fields[n++] = p;
        for (; *p && n < 7; p++) {
            if (*p == ':') {
                *p = '\0';
                fields[n++] = p + 1;
            }
        }
        if (n < 7)
            continue;
        fields[6][strcspn(fields[6], "\r\n")] = '\0';
        char *end = NULL;
        unsigned long u = strtoul(fields[2], &end, 10);
        if (end == fields[2] || *end != '\0' || u != uid)
            continue;
        if (fields[field][0])
            r = rt__str_from_cstr(fields[field]);
        break;
    }
    fclose(f);
    return r;
}

rt_string rt_machine_user(void) {
    rt_string pw = passwd_field(0);
    if (pw)
        return pw;
    const char *v = nonempty_env("USER");
    if (!v)
        v = nonempty_env("LOGNAME");
    return rt__str_from_cstr(v ? v : "unknown");
}

rt_string rt_machine_home(void) {
    const char *v = nonempty_env("HOME");
    if (v)
        return rt__str_from_cstr(v);
    rt_string pw = passwd_field(5);
    return pw ? pw : rt_str_empty();
}

rt_string rt_machine_temp(void) {
    const char *v = nonempty_env("TMPDIR");
    if (!v)
        v = nonempty_env("TMP");
    if (!v)
        v = nonempty_env("TEMP");
    return rt__str_from_cstr(v ? v : "/tmp");
}

int64_t rt_machine_cores(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (int64_t)n;
}

static int64_t pages_bytes(int which) {
    long pages = sysconf(which);
    long size = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || size <= 0)
        return 0;
    return (int64_t)pages * (int64_t)size;
}

int64_t rt_machine_mem_total(void) {
#ifdef _SC_PHYS_PAGES
    return pages_bytes(_SC_PHYS_PAGES);
#else
    return 0;
#endif
}

int64_t rt_machine_mem_free(void) {
#ifdef _SC_AVPHYS_PAGES
    return pages_bytes(_SC_AVPHYS_PAGES);
#else
    return 0;
#endif
}

rt_string rt_machine_endian(void) {
    const uint16_t probe = 1;
    unsigned char first;
    memcpy(&first, &probe, 1);
    return rt__str_from_cstr(first ? "little" : "big");
}
