/* shim.c — a tiny stand-in for the Viper runtime used by the arm64 backend tests: program start,
 * traps (VM-format message on stderr, exit 1), `store str`, and the print/say functions the tests
 * call. Strings use the handle layout of runtime/src/rt_internal.h. */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint64_t magic;
    char *data;
    void *heap;
    size_t len;
    size_t refs;
} str_t;

typedef struct {
    const char *function;
    const char *block;
    int64_t ip;
    int64_t line;
} site_t;

static const char *kinds[] = {"DivideByZero", "Overflow", "InvalidCast", "DomainError", "Bounds",
                              "FileNotFound", "EOF", "IOError", "InvalidOperation", "RuntimeError"};

void vpr_start(int argc, char **argv) {
    (void)argc;
    (void)argv;
}

void vpr_trap(int64_t kind, int64_t code, const char *detail, const site_t *site) {
    fflush(stdout);
    fprintf(stderr, "Trap @%s:%s#%" PRId64, site ? site->function : "?", site ? site->block : "?",
            site ? site->ip : 0);
    if (site && site->line >= 0) fprintf(stderr, " line %" PRId64, site->line);
    fprintf(stderr, ": %s (code=%" PRId64 ")", (kind >= 0 && kind < 10) ? kinds[kind] : "?", code);
    if (detail) fprintf(stderr, ": %s", detail);
    fprintf(stderr, "\n");
    exit(1);
}

static int stores;
void vpr_str_store(str_t **slot, str_t *v) {
    stores++;
    *slot = v;
}
void test_report_stores(void) { printf("stores=%d\n", stores); }

static void put_str(const str_t *s) {
    if (s) fwrite(s->data, 1, s->len, stdout);
}
static void put_f64(double v) {
    if (isnan(v)) fputs("NaN", stdout);
    else if (isinf(v)) fputs(v > 0 ? "Inf" : "-Inf", stdout);
    else printf("%.15g", v);
}
void rt_print_i64(int64_t v) { printf("%" PRId64, v); }
void rt_print_str(const str_t *s) { put_str(s); }
void rt_print_f64(double v) { put_f64(v); }
void rt_term_say(const str_t *s) { put_str(s); putchar('\n'); fflush(stdout); }
void rt_term_say_i64(int64_t v) { printf("%" PRId64 "\n", v); fflush(stdout); }
void rt_term_say_f64(double v) { put_f64(v); putchar('\n'); fflush(stdout); }
void rt_term_say_bool(int8_t b) { puts(b ? "true" : "false"); fflush(stdout); }
int64_t rt_str_len(const str_t *s) { return s ? (int64_t)s->len : 0; }

/* Helpers with narrow results whose upper register bits are garbage, to test normalisation. */
int32_t test_narrow32(int64_t v) {
    int64_t r;
    __asm__ volatile("mov %0, %1\n\tmovk %0, #0xdead, lsl #48" : "=r"(r) : "r"(v));
    register int64_t x0 __asm__("x0") = r;
    __asm__ volatile("" : "+r"(x0));
    return (int32_t)x0;
}
/* Sum of 12 mixed arguments (checks the stack-argument convention from C's side). */
double test_mixed(int64_t a, double b, int64_t c, double d, int64_t e, double f, int64_t g,
                  double h, int64_t i, double j, int64_t k, double l, int64_t m, double n,
                  int64_t o, double p, int64_t q, double r, int64_t s, double t) {
    return (double)(a + c + e + g + i + k + m + o + q + s) + b + d + f + h + j + l + n + p + r + t;
}
