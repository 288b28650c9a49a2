/* test_random.c — Viper.Math.Random.* and the legacy rt_rnd / rt_randomize_i64 (RUNTIME-SYSTEM.md
 * §7: the document's VM-checked sequences), Seq.Shuffle on the same generator, the legacy rt_val
 * and rt_term_* names (§10). */
#define _XOPEN_SOURCE 700 /* posix_openpt, ptsname */
#include "check.h"
#include "rt_core_abi.h"
#include "rt_objects_internal.h"
#include "rt_system_abi.h"

#include <fcntl.h>
#include <math.h>
#include <termios.h>

#define S(lit) rt__str_from_cstr(lit)

/* True if v prints as `want` with %.15g (the VM's PrintF64 form). */
static bool g15(double v, const char *want) {
    char buf[64];
    snprintf(buf, sizeof buf, "%.15g", v);
    if (strcmp(buf, want) != 0) {
        fprintf(stderr, "got %s, want %s\n", buf, want);
        return false;
    }
    return true;
}

static void test_sequences(void) {
    rt__rng_state = RT_RNG_INITIAL_STATE;
    CHECK(g15(rt_rnd(), "0.527255472761684")); /* default seed */
    rt_randomize_i64(1);
    CHECK(g15(rt_rnd(), "0.345000515994419"));
    CHECK(g15(rt_rnd(), "0.752709198581347"));
    CHECK(g15(rt_rnd(), "0.795745269919544"));

    rt_randomize_i64(42);
    CHECK_EQ_I64(rt_rand_int(100), 87);
    CHECK_EQ_I64(rt_rand_int(100), 60);
    CHECK_EQ_I64(rt_rand_int(100), 41);
    CHECK_EQ_I64(rt_rand_range(1, 6), 1);
    CHECK_EQ_I64(rt_rand_range(6, 1), 6);
    CHECK_EQ_I64(rt_rand_dice(6), 3);
    uint64_t before = rt__rng_state;
    CHECK_EQ_I64(rt_rand_dice(0), 1); /* degenerate arguments do not step */
    CHECK_EQ_I64(rt_rand_chance(0.5), 1);
    before = rt__rng_state;
    CHECK_EQ_I64(rt_rand_chance(1.5), 1);
    CHECK_EQ_I64(rt_rand_chance(-1.0), 0);
    CHECK_EQ_I64(rt_rand_int(0), 0);
    CHECK_EQ_I64(rt_rand_int(-5), 0);
    CHECK(rt_rand_gaussian(3.0, 0.0) == 3.0);
    CHECK(rt_rand_exponential(0.0) == 0.0);
    CHECK(rt__rng_state == before);
    CHECK(g15(rt_rand_gaussian(10, 2), "9.09432829252035"));
    CHECK(g15(rt_rand_exponential(1), "0.285398301572723"));
    CHECK(g15(rt_rnd(), "0.14537519818403"));
    void *r = rt_random_new(7); /* reseeds the global state */
    CHECK(r != NULL);
    CHECK(g15(rt_rnd_method(r), "0.415003611960936"));
    CHECK(g15(rt_rnd(), "0.198961294102912"));
    rt_randomize_i64_method(r, 42);
    CHECK_EQ_I64(rt_rand_int_method(r, 100), 87);
    rt__obj_release_and_free(r);

    /* whole-domain range: NextInt(0) → a without stepping */
    before = rt__rng_state;
    CHECK_EQ_I64(rt_rand_range(INT64_MIN, INT64_MAX), INT64_MIN);
    CHECK(rt__rng_state == before);
    for (int i = 0; i < 1000; i++) {
        int64_t v = rt_rand_range(-3, 3);
        CHECK(v >= -3 && v <= 3);
        double d = rt_rnd();
        CHECK(d >= 0.0 && d < 1.0);
        int64_t k = rt_rand_dice(20);
        CHECK(k >= 1 && k <= 20);
    }
}

static rt_string join(void *seq) {
    return rt_str_join(S("|"), seq);
}

static void *abcde(void) {
    void *s = rt_seq_new();
    const char *items[] = {"a", "b", "c", "d", "e"};
    for (int i = 0; i < 5; i++)
        rt__seq_push_owned(s, S(items[i]));
    return s;
}

static void test_shuffle(void) {
    void *s = abcde();
    rt_randomize_i64(1);
    rt_rand_shuffle(s);
    rt_string j = join(s);
    CHECK_BYTES(j->data, j->len, "c|e|a|d|b");
    void *t = abcde();
    rt_randomize_i64(1);
    rt_seq_shuffle(t); /* Seq.Shuffle: the same draws (corpus golden seq_ops) */
    j = join(t);
    CHECK_BYTES(j->data, j->len, "c|e|a|d|b");
    uint64_t before = rt__rng_state;
    rt_rand_shuffle(NULL);
    void *one = rt_seq_new();
    rt__seq_push_owned(one, S("x"));
    rt_rand_shuffle(one); /* n - 1 = 0 steps */
    CHECK(rt__rng_state == before);
    rt_randomize_i64(99);
    rt_rand_shuffle(s); /* n - 1 = 4 steps */
    uint64_t after = rt__rng_state;
    rt_randomize_i64(99);
    for (int i = 0; i < 4; i++)
        rt_rand_int(2);
    CHECK(rt__rng_state == after);
}

static void test_val(void) {
    CHECK(rt_val(S("12abc")) == 12.0);
    CHECK(rt_val(S(" 3.5 ")) == 3.5);
    CHECK(rt_val(S("1,000")) == 0.0);
    CHECK(rt_val(S("0x10")) == 16.0);
    CHECK(rt_val(S("1e3")) == 1000.0);
    CHECK(rt_val(S("abc")) == 0.0);
    CHECK(rt_val(S("")) == 0.0);
    CHECK(rt_val(S("   ")) == 0.0);
    CHECK(rt_val(S("-2.5")) == -2.5);
    CHECK(rt_val(S("+.5")) == 0.5);
    CHECK(rt_val(S(".25x")) == 0.25);
    CHECK(rt_val(S("-x")) == 0.0);
    CHECK(rt_val(S(".")) == 0.0);
    CHECK(rt_val(rt__str_new("7\0009", 3)) == 7.0);
    CHECK_EXITS(rt_val(NULL), 1, "rt_val: null");
    CHECK_EXITS(rt_val(S("1e400")), 1, "rt_val: overflow");
    CHECK_EXITS(rt_val(S("-1e400")), 1, "rt_val: overflow");
    CHECK_EXITS(rt_val(S("inf")), 1, "rt_val: overflow");
    CHECK_EXITS(rt_val(S(" -Infinity")), 1, "rt_val: overflow");
    CHECK_EXITS(rt_val(S("NaN")), 1, "rt_val: overflow");
}

static void legacy_screen(void) {
    printf("[");
    rt_term_locate(0, 5);
    rt_term_locate(3, 4);
    rt_term_color(3, 4);
    rt_term_color(9, 20);
    rt_term_color(-1, -1);
    rt_term_color(-2, 3);
    rt_term_textcolor(2);
    rt_term_textbg(12);
    rt_term_locate(((int64_t)1 << 32) + 2, 7); /* truncated to 32 bits */
    rt_term_hide_cursor();
    rt_term_show_cursor();
    printf("]");
}

/* Runs legacy_screen with stdout on a pipe (tty = false) or a pseudo-terminal. */
static bool capture_screen(bool tty, char *out, size_t cap) {
    int master = -1, p[2] = {-1, -1};
    const char *name = NULL;
    if (tty) {
        master = posix_openpt(O_RDWR | O_NOCTTY);
        if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0 ||
            !(name = ptsname(master)))
            return false;
    } else if (pipe(p) != 0) {
        return false;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int fd = p[1];
        if (tty) {
            fd = open(name, O_RDWR | O_NOCTTY);
            struct termios t;
            if (fd >= 0 && tcgetattr(fd, &t) == 0) {
                t.c_oflag &= ~(tcflag_t)OPOST;
                tcsetattr(fd, TCSANOW, &t);
            }
        }
        dup2(fd, 1);
        legacy_screen();
        fflush(stdout);
        _exit(0);
    }
    int rfd = tty ? master : p[0];
    if (!tty)
        close(p[1]);
    int st = 0;
    waitpid(pid, &st, 0);
    fcntl(rfd, F_SETFL, O_NONBLOCK);
    size_t n = 0;
    ssize_t r;
    while (n < cap - 1 && (r = read(rfd, out + n, cap - 1 - n)) > 0)
        n += (size_t)r;
    out[n] = 0;
    close(rfd);
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static void test_terminal(void) {
    char buf[256];
    CHECK(capture_screen(false, buf, sizeof buf));
    CHECK(strcmp(buf, "[]") == 0); /* not a terminal: nothing at all */
    if (capture_screen(true, buf, sizeof buf)) {
        CHECK(strcmp(buf, "[\x1b[1;5H\x1b[3;4H\x1b[33;44m\x1b[1;31;48;5;20m\x1b[32m"
                          "\x1b[104m\x1b[2;7H\x1b[?25l\x1b[?25h]") == 0);
    }
}

void run_tests(void) {
    test_sequences();
    test_shuffle();
    test_val();
    test_terminal();
}
