/* test_modvar.c — module-variable cells (RUNTIME-ABI §1.6). */
#include "check.h"
#include "rt_objects_internal.h"

static struct rt_string_impl lit_x = {RT_STR_MAGIC, (char *)"X", NULL, 1, RT_REFS_IMMORTAL};
static struct rt_string_impl lit_x2 = {RT_STR_MAGIC, (char *)"X", NULL, 1, RT_REFS_IMMORTAL};

void run_tests(void) {
    int64_t *a = rt_modvar_addr_i64(&lit_x);
    CHECK(a != NULL);
    CHECK_EQ_I64(*a, 0);
    *a = 99;
    CHECK(rt_modvar_addr_i64(&lit_x) == a); /* cached path */
    CHECK(rt_modvar_addr_i64(&lit_x2) == a); /* other handle, same text */
    rt_string heap_name = rt__str_from_cstr("X");
    CHECK(rt_modvar_addr_i64(heap_name) == a); /* heap handle, same text */
    rt_string nul_name = rt__str_new("X\0tail", 6);
    CHECK(rt_modvar_addr_i64(nul_name) == a); /* text up to the first NUL */
    CHECK_EQ_I64(*(int64_t *)rt_modvar_addr_i64(&lit_x), 99);
    void **p = rt_modvar_addr_ptr(&lit_x);
    CHECK((void *)p != (void *)a); /* different kind → different cell */
    CHECK(*p == NULL);
    rt_string *s = rt_modvar_addr_str(&lit_x);
    CHECK((void *)s != (void *)a && (void *)s != (void *)p);
    CHECK(*s == NULL);
    CHECK(rt_modvar_addr_str(heap_name) == s);
    /* many names: addresses stay stable while the table grows */
    int64_t *cells[300];
    char buf[32];
    for (int i = 0; i < 300; i++) {
        snprintf(buf, sizeof buf, "VAR%d", i);
        rt_string n = rt__str_from_cstr(buf);
        cells[i] = rt_modvar_addr_i64(n);
        *cells[i] = i;
        rt_str_release_maybe(n);
    }
    int ok = 1;
    for (int i = 0; i < 300; i++) {
        snprintf(buf, sizeof buf, "VAR%d", i);
        rt_string n = rt__str_from_cstr(buf);
        ok &= rt_modvar_addr_i64(n) == cells[i] && *cells[i] == i;
        rt_str_release_maybe(n);
    }
    CHECK(ok);
    CHECK(rt_modvar_addr_i64(&lit_x) == a);
    CHECK_EXITS(rt_modvar_addr_i64(NULL), 1, "rt_string_cstr: null string");
    CHECK_EXITS(rt_modvar_addr_str(NULL), 1, "rt_string_cstr: null string");
    rt_str_release_maybe(heap_name);
    rt_str_release_maybe(nul_name);
}
