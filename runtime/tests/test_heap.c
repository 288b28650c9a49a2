/* test_heap.c — heap blocks, the object protocol (retain / release_check0 / free, string
 * delegation), rt_alloc (RUNTIME-ABI §1.1, §1.4, §3.9). */
#include "check.h"
#include "rt_objects_internal.h"

static int fin_calls;
static void counting_fin(void *p) {
    (void)p;
    fin_calls++;
}

static void test_heap_alloc(void) {
    char *p = rt__heap_alloc(RT_KIND_OBJECT, RT_ELEM_NONE, 40);
    rt_heap_hdr *h = rt__heap_hdr(p);
    CHECK(h->magic == RT_HEAP_MAGIC);
    CHECK_EQ_I64(h->kind, RT_KIND_OBJECT);
    CHECK_EQ_I64(h->refcnt, 1);
    CHECK_EQ_I64(((uintptr_t)p) % 16, 0);
    int zero = 1;
    for (int i = 0; i < 40; i++)
        zero &= p[i] == 0;
    CHECK(zero);
    CHECK(rt__heap_hdr(p) == (rt_heap_hdr *)(p - 64));
    rt__heap_free(p);
    rt__heap_free(NULL);
    void *z = rt__heap_alloc(RT_KIND_ARRAY, RT_ELEM_I64, 0);
    CHECK(z != NULL);
    rt__heap_free(z);
}

static void test_protocol_objects(void) {
    void *o = rt_obj_new_i64(7, 16);
    rt_heap_hdr *h = rt__heap_hdr(o);
    h->finalizer = counting_fin;
    rt_obj_retain_maybe(o);
    CHECK_EQ_I64(h->refcnt, 2);
    CHECK_EQ_I64(rt_obj_release_check0(o), 0);
    CHECK_EQ_I64(h->refcnt, 1);
    rt_obj_free(o); /* count 1: nothing */
    CHECK_EQ_I64(fin_calls, 0);
    CHECK_EQ_I64(h->refcnt, 1);
    CHECK_EQ_I64(rt_obj_release_check0(o), 1);
    CHECK_EQ_I64(h->refcnt, 0);
    CHECK_EQ_I64(rt_obj_release_check0(o), 0); /* no underflow */
    CHECK_EQ_I64(h->refcnt, 0);
    rt_obj_free(o);
    CHECK_EQ_I64(fin_calls, 1);

    /* NULL */
    rt_obj_retain_maybe(NULL);
    CHECK_EQ_I64(rt_obj_release_check0(NULL), 0);
    rt_obj_free(NULL);
    rt__obj_release_and_free(NULL);

    /* release_and_free: frees at zero and runs the finaliser */
    void *q = rt_obj_new_i64(0, 8);
    rt__heap_hdr(q)->finalizer = counting_fin;
    rt_obj_retain_maybe(q);
    rt__obj_release_and_free(q);
    CHECK_EQ_I64(fin_calls, 1);
    rt__obj_release_and_free(q);
    CHECK_EQ_I64(fin_calls, 2);
}

static void test_protocol_strings(void) {
    rt_string s = rt__str_from_cstr("a heap string long enough to be heap allocated for sure");
    CHECK_EQ_I64(s->refs, 1);
    rt_obj_retain_maybe(s);
    CHECK_EQ_I64(s->refs, 2);
    CHECK_EQ_I64(rt_obj_release_check0(s), 0); /* string release, result 0 */
    CHECK_EQ_I64(s->refs, 1);
    rt_obj_retain_maybe(s);
    rt_obj_free(s); /* one more string release */
    CHECK_EQ_I64(s->refs, 1);
    rt__obj_release_and_free(s); /* reaches zero: freed by the string code */
    rt_string e = rt_str_empty();
    rt_obj_retain_maybe(e);
    CHECK_EQ_I64(rt_obj_release_check0(e), 0);
    rt_obj_free(e);
    CHECK(e->refs == RT_REFS_IMMORTAL);
}

static void test_collection_helpers(void) {
    void *c = rt__collection_alloc(1, counting_fin);
    CHECK(*(void **)c == NULL);
    CHECK(rt__is_collection(c, counting_fin));
    CHECK(!rt__is_collection(c, NULL));
    CHECK(!rt__is_collection(NULL, counting_fin));
    CHECK(!rt__is_collection(rt_str_empty(), counting_fin));
    CHECK_EQ_I64(rt_obj_class_id(c), 0);
    rt__obj_release_and_free(c);
    CHECK_EQ_I64(fin_calls, 3);
}

static void test_rt_alloc(void) {
    unsigned char *p = rt_alloc(24);
    int zero = 1;
    for (int i = 0; i < 24; i++)
        zero &= p[i] == 0;
    CHECK(zero);
    CHECK(rt_alloc(0) != NULL);
    CHECK_EXITS(rt_alloc(-1), 1, "negative allocation");
    CHECK_EXITS(rt_alloc(INT64_MAX), 1, "out of memory");
    void *m = rt__xmalloc(0);
    CHECK(m != NULL);
    m = rt__xrealloc(m, 100);
    CHECK(m != NULL);
    free(m);
}

void run_tests(void) {
    test_heap_alloc();
    test_protocol_objects();
    test_protocol_strings();
    test_collection_helpers();
    test_rt_alloc();
}
