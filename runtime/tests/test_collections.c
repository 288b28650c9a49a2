/* test_collections.c — List, Seq, Map, Ring, DefaultMap (RUNTIME-ABI §1.7, §3.7, Appendix A). */
#include "check.h"
#include "rt_objects_internal.h"

#define REFS(p) ((long long)rt__heap_hdr(p)->refcnt)
#define S(lit) rt__str_from_cstr(lit)
#define CHECK_STR(s, lit) CHECK_BYTES(rt__str_bytes(s), rt__str_len(s), lit)

static void test_list_core(void) {
    void *l = rt_ns_list_new();
    CHECK_EQ_I64(rt_list_len(l), 0);
    CHECK_EQ_I64(rt_list_len(NULL), 0);
    CHECK(*(void **)l == NULL);
    void *a = rt_obj_new_i64(1, 16), *b = rt_box_i64(2);
    rt_string s = S("list element string");
    rt_list_push(l, a);
    rt_list_push(l, b);
    rt_list_push(l, s);
    rt_list_push(NULL, a);
    CHECK_EQ_I64(REFS(a), 2);
    CHECK_EQ_I64(s->refs, 2);
    CHECK_EQ_I64(rt_list_len(l), 3);
    void *g = rt_list_get(l, 0);
    CHECK(g == a);
    CHECK_EQ_I64(REFS(a), 3); /* +1 */
    rt_obj_release_check0(a);
    CHECK(rt_list_get(l, 2) == (void *)s);
    CHECK_EQ_I64(s->refs, 3);
    rt_str_release_maybe(s);
    CHECK_EXITS(rt_list_get(NULL, 0), 1, "rt_list_get: null list");
    CHECK_EXITS(rt_list_get(l, -1), 1, "rt_list_get: negative index");
    CHECK_EXITS(rt_list_get(l, 3), 1, "rt_list_get: index out of bounds");
    CHECK_EXITS(rt_list_remove_at(NULL, 0), 1, "rt_list_remove_at: null list");
    CHECK_EXITS(rt_list_remove_at(l, -1), 1, "rt_list_remove_at: negative index");
    CHECK_EXITS(rt_list_remove_at(l, 3), 1, "rt_list_remove_at: index out of bounds");
    rt_list_remove_at(l, 0);
    CHECK_EQ_I64(REFS(a), 1);
    CHECK_EQ_I64(rt_list_len(l), 2);
    void *g2 = rt_list_get(l, 0);
    CHECK(g2 == b);
    rt_obj_release_check0(b);
    rt_list_clear(l);
    rt_list_clear(NULL);
    CHECK_EQ_I64(rt_list_len(l), 0);
    CHECK_EQ_I64(REFS(b), 1);
    CHECK_EQ_I64(s->refs, 1);
    /* freeing the list releases its elements */
    rt_list_push(l, a);
    CHECK_EQ_I64(REFS(a), 2);
    rt__obj_release_and_free(l);
    CHECK_EQ_I64(REFS(a), 1);
    rt__obj_release_and_free(a);
    rt__obj_release_and_free(b);
    rt_str_release_maybe(s);
}

static void test_list_extended(void) {
    void *l = rt_ns_list_new();
    void *b1 = rt_box_i64(3), *b2 = rt_box_i64(1), *b3 = rt_box_i64(2);
    rt_list_push(l, b1);
    rt_list_push(l, b2);
    rt_list_insert(l, 1, b3); /* 3 2 1 */
    CHECK_EXITS(rt_list_insert(l, 4, b3), 1, "rt_list_insert: index out of bounds");
    CHECK_EXITS(rt_list_insert(l, -1, b3), 1, "rt_list_insert: negative index");
    void *probe = rt_box_i64(2);
    CHECK_EQ_I64(rt_list_find(l, probe), 1); /* value equality of boxes */
    CHECK(rt_list_has(l, probe));
    CHECK_EQ_I64(rt_list_find(NULL, probe), -1);
    rt_list_sort(l);
    void *x = rt_list_get(l, 0);
    CHECK_EQ_I64(rt_unbox_i64(x), 1);
    rt_obj_release_check0(x);
    rt_list_sort_desc(l);
    x = rt_list_first(l);
    CHECK_EQ_I64(rt_unbox_i64(x), 3);
    rt_obj_release_check0(x);
    rt_list_flip(l);
    x = rt_list_last(l);
    CHECK_EQ_I64(rt_unbox_i64(x), 3);
    rt_obj_release_check0(x);
    CHECK(rt_list_remove(l, probe));
    CHECK(!rt_list_remove(l, probe));
    CHECK_EQ_I64(rt_list_len(l), 2);
    rt_list_set(l, 0, probe);
    CHECK_EQ_I64(REFS(probe), 2);
    CHECK_EXITS(rt_list_set(l, 2, probe), 1, "rt_list_set: index out of bounds");
    void *sl = rt_list_slice(l, -5, 1);
    CHECK_EQ_I64(rt_list_len(sl), 1);
    rt__obj_release_and_free(sl);
    void *p = rt_list_pop(l);
    CHECK(p == b1);
    CHECK_EQ_I64(REFS(b1), 2); /* list reference handed over: ours + the popped one */
    CHECK(!rt_list_is_empty(l));
    rt__obj_release_and_free(p);
    rt__obj_release_and_free(b1);
    rt_list_clear(l);
    CHECK(rt_list_is_empty(l));
    CHECK(rt_list_is_empty(NULL));
    CHECK_EXITS(rt_list_pop(l), 1, "rt_list_pop: empty list");
    CHECK_EXITS(rt_list_first(l), 1, "rt_list_first: empty list");
    rt__obj_release_and_free(l);
    rt__obj_release_and_free(probe);
}

static void test_list_sort_strings(void) {
    void *l = rt_ns_list_new();
    const char *words[] = {"pear", "apple", "fig", "banana"};
    for (int i = 0; i < 4; i++) {
        rt_string w = S(words[i]);
        void *bx = rt_box_str(w);
        rt_str_release_maybe(w);
        rt_list_push(l, bx);
        rt__obj_release_and_free(bx);
    }
    rt_list_sort(l);
    const char *want[] = {"apple", "banana", "fig", "pear"};
    for (int i = 0; i < 4; i++) {
        void *bx = rt_list_get(l, i);
        rt_string w = rt_unbox_str(bx);
        CHECK_STR(w, want[i]);
        rt_str_release_maybe(w);
        rt_obj_release_check0(bx);
    }
    rt__obj_release_and_free(l);
}

static void test_seq(void) {
    void *s = rt_seq_new();
    CHECK_EQ_I64(rt_seq_len(s), 0);
    CHECK(rt_seq_is_empty(s));
    CHECK_EQ_I64(rt_seq_len(NULL), 0);
    for (int i = 0; i < 20; i++) {
        void *b = rt_box_i64(i);
        rt_seq_push(s, b);
        rt__obj_release_and_free(b);
    }
    CHECK_EQ_I64(rt_seq_len(s), 20);
    CHECK(rt_seq_cap(s) >= 20);
    void *g = rt_seq_get(s, 5);
    CHECK_EQ_I64(rt_unbox_i64(g), 5);
    CHECK_EQ_I64(REFS(g), 2);
    rt_obj_release_check0(g);
    CHECK(rt__seq_at(s, 5) == g);
    CHECK(rt__seq_at(s, 20) == NULL);
    CHECK(rt__seq_at(NULL, 0) == NULL);
    CHECK_EXITS(rt_seq_get(s, 20), 1, "Seq.Get: index out of range");
    CHECK_EXITS(rt_seq_get(s, -1), 1, "Seq.Get: index out of range");
    CHECK_EXITS(rt_seq_get(NULL, 0), 1, "Seq.Get: null sequence");
    void *t = rt_seq_take(s, 3), *d = rt_seq_drop(s, 18), *sl = rt_seq_slice(s, 2, 4), *c = rt_seq_clone(s);
    CHECK_EQ_I64(rt_seq_len(t), 3);
    CHECK_EQ_I64(rt_seq_len(d), 2);
    CHECK_EQ_I64(rt_seq_len(sl), 2);
    CHECK_EQ_I64(rt_seq_len(c), 20);
    CHECK_EQ_I64(rt_seq_len(rt_seq_take(s, -1)), 0);
    CHECK_EQ_I64(REFS(g), 2); /* held by s and clone */
    rt_seq_reverse(c);
    void *f = rt_seq_first(c), *la = rt_seq_last(c), *pk = rt_seq_peek(c);
    CHECK_EQ_I64(rt_unbox_i64(f), 19);
    CHECK_EQ_I64(rt_unbox_i64(la), 0);
    CHECK(pk == la);
    rt_obj_release_check0(f);
    rt_obj_release_check0(la);
    rt_obj_release_check0(pk);
    void *po = rt_seq_pop(c);
    CHECK_EQ_I64(rt_unbox_i64(po), 0);
    rt__obj_release_and_free(po);
    void *rm = rt_seq_remove(c, 0);
    CHECK_EQ_I64(rt_unbox_i64(rm), 19);
    rt__obj_release_and_free(rm);
    CHECK_EQ_I64(rt_seq_len(c), 18);
    rt_seq_sort(c);
    void *first = rt_seq_get(c, 0);
    CHECK_EQ_I64(rt_unbox_i64(first), 1);
    rt_obj_release_check0(first);
    rt_seq_sort_desc(c);
    first = rt_seq_get(c, 0);
    CHECK_EQ_I64(rt_unbox_i64(first), 18);
    rt_obj_release_check0(first);
    rt_seq_insert(c, 0, g);
    CHECK_EXITS(rt_seq_insert(c, 100, g), 1, "Seq.Insert: index out of range");
    CHECK_EQ_I64(rt_seq_find(c, g), 0);
    CHECK(rt_seq_has(c, g));
    rt_seq_set(c, 0, NULL);
    CHECK(!rt_seq_has(c, NULL) == false);
    CHECK_EXITS(rt_seq_set(c, 99, NULL), 1, "Seq.Set: index out of range");
    rt_seq_push_all(t, sl);
    CHECK_EQ_I64(rt_seq_len(t), 5);
    rt_seq_push_all(t, t);
    CHECK_EQ_I64(rt_seq_len(t), 10);
    rt_seq_shuffle(t);
    CHECK_EQ_I64(rt_seq_len(t), 10);
    rt_seq_clear(t);
    CHECK(rt_seq_is_empty(t));
    CHECK_EXITS(rt_seq_pop(t), 1, "Seq.Pop: empty sequence");
    CHECK_EXITS(rt_seq_first(NULL), 1, "Seq.First: null sequence");
    void *w = rt_seq_with_capacity(50);
    CHECK(rt_seq_cap(w) >= 50);
    CHECK_EQ_I64(rt_seq_len(w), 0);
    rt__seq_push_owned(w, rt_box_i64(1));
    CHECK_EQ_I64(rt_seq_len(w), 1);
    CHECK(rt__is_seq(w));
    CHECK(!rt__is_seq(NULL));
    CHECK(!rt__is_seq(rt_map_new()));
    void *list = rt_ns_list_new();
    CHECK_EQ_I64(rt_seq_len(list), 0); /* Lists are accepted by Seq functions */
    rt__obj_release_and_free(list);
    rt__obj_release_and_free(w);
    rt__obj_release_and_free(t);
    rt__obj_release_and_free(d);
    rt__obj_release_and_free(sl);
    rt__obj_release_and_free(c);
    rt__obj_release_and_free(s);
}

static void test_map(void) {
    void *m = rt_map_new();
    rt_string k1 = S("alpha"), k2 = S("beta");
    void *v1 = rt_obj_new_i64(0, 8), *v2 = rt_obj_new_i64(0, 8);
    rt_map_set(m, k1, v1);
    CHECK_EQ_I64(REFS(v1), 2);
    CHECK(rt_map_get(m, k1) == v1);
    CHECK_EQ_I64(REFS(v1), 2); /* borrowed */
    rt_string k1b = rt__str_new("alpha\0junk", 10); /* key text stops at the first NUL */
    CHECK(rt_map_get(m, k1b) == v1);
    rt_map_set(m, k1, v2); /* replace: old released */
    CHECK_EQ_I64(REFS(v1), 1);
    CHECK_EQ_I64(REFS(v2), 2);
    CHECK(rt_map_get(m, k2) == NULL);
    CHECK(rt_map_get(NULL, k1) == NULL);
    rt_map_set(NULL, k1, v1);
    CHECK_EQ_I64(REFS(v1), 1);
    CHECK_EXITS(rt_map_set(m, NULL, v1), 1, "rt_string_cstr: null string");
    rt_string sv = S("string value held by the map");
    rt_map_set(m, k2, sv);
    CHECK_EQ_I64(sv->refs, 2);
    CHECK_EQ_I64(rt_map_len(m), 2);
    CHECK(rt_map_has(m, k2));
    CHECK(!rt_map_has(NULL, k2));
    CHECK(rt_map_get_or(m, k2, v1) == (void *)sv);
    rt_string k3 = S("gamma");
    CHECK(rt_map_get_or(m, k3, v1) == v1);
    CHECK(!rt_map_set_if_missing(m, k2, v1));
    CHECK(rt_map_set_if_missing(m, k3, v1));
    CHECK_EQ_I64(REFS(v1), 2);
    void *keys = rt_map_keys(m), *vals = rt_map_values(m);
    CHECK_EQ_I64(rt_seq_len(keys), 3);
    CHECK_STR((rt_string)rt__seq_at(keys, 0), "alpha"); /* insertion order */
    CHECK_STR((rt_string)rt__seq_at(keys, 2), "gamma");
    CHECK(rt__seq_at(vals, 1) == (void *)sv);
    CHECK_EQ_I64(sv->refs, 3);
    rt__obj_release_and_free(keys);
    rt__obj_release_and_free(vals);
    CHECK_EQ_I64(sv->refs, 2);
    CHECK(rt_map_remove(m, k2));
    CHECK(!rt_map_remove(m, k2));
    CHECK(!rt_map_remove(NULL, k2));
    CHECK_EQ_I64(sv->refs, 1);
    CHECK_EQ_I64(rt_map_len(m), 2);
    CHECK(!rt_map_is_empty(m));
    rt_map_clear(m);
    CHECK(rt_map_is_empty(m));
    CHECK(rt_map_is_empty(NULL));
    CHECK_EQ_I64(REFS(v1), 1);
    CHECK_EQ_I64(REFS(v2), 1);
    /* many keys: rehashing keeps every entry */
    char buf[32];
    for (int i = 0; i < 500; i++) {
        snprintf(buf, sizeof buf, "key%d", i);
        rt_string k = S(buf);
        rt_map_set_int(m, k, i);
        rt_str_release_maybe(k);
    }
    CHECK_EQ_I64(rt_map_len(m), 500);
    int ok = 1;
    for (int i = 0; i < 500; i += 7) {
        snprintf(buf, sizeof buf, "key%d", i);
        rt_string k = S(buf);
        ok &= rt_map_get_int(m, k) == i;
        rt_str_release_maybe(k);
    }
    CHECK(ok);
    for (int i = 0; i < 500; i += 2) {
        snprintf(buf, sizeof buf, "key%d", i);
        rt_string k = S(buf);
        rt_map_remove(m, k);
        rt_str_release_maybe(k);
    }
    CHECK_EQ_I64(rt_map_len(m), 250);
    rt_string k499 = S("key499");
    CHECK_EQ_I64(rt_map_get_int(m, k499), 499);
    rt_str_release_maybe(k499);
    /* typed accessors */
    rt_map_set_float(m, k1, 2.5);
    CHECK(rt_map_get_float(m, k1) == 2.5);
    CHECK(rt_map_get_float(m, k3) == 0.0);
    CHECK(rt_map_get_float_or(m, k3, 9.5) == 9.5);
    CHECK_EQ_I64(rt_map_get_int(m, k3), 0);
    CHECK_EQ_I64(rt_map_get_int_or(m, k3, -4), -4);
    rt_map_set_str(m, k2, sv);
    rt_string gs = rt_map_get_str(m, k2);
    CHECK(gs == sv);
    rt_str_release_maybe(gs);
    gs = rt_map_get_str(m, k3);
    CHECK_STR(gs, "");
    CHECK_EXITS(rt_map_get(m, NULL), 1, "rt_string_cstr: null string");
    rt__obj_release_and_free(m); /* finaliser releases values */
    CHECK_EQ_I64(sv->refs, 1);
    rt__obj_release_and_free(v1);
    rt__obj_release_and_free(v2);
    rt_str_release_maybe(sv);
    rt_str_release_maybe(k1);
    rt_str_release_maybe(k1b);
    rt_str_release_maybe(k2);
    rt_str_release_maybe(k3);
}

static void test_ring(void) {
    void *r = rt_ring_new(0); /* cap <= 0 becomes 1 */
    CHECK_EQ_I64(rt_ring_cap(r), 1);
    CHECK(rt_ring_is_empty(r));
    CHECK(rt_ring_is_empty(NULL));
    CHECK_EQ_I64(rt_ring_cap(NULL), 0);
    rt__obj_release_and_free(r);
    r = rt_ring_new(-5);
    CHECK_EQ_I64(rt_ring_cap(r), 1);
    rt__obj_release_and_free(r);
    r = rt_ring_new(3);
    CHECK_EQ_I64(rt_ring_cap(r), 3);
    void *b[5];
    for (int i = 0; i < 5; i++)
        b[i] = rt_box_i64(i);
    rt_ring_push(r, b[0]);
    rt_ring_push(r, b[1]);
    rt_ring_push(r, b[2]);
    CHECK(rt_ring_is_full(r));
    CHECK_EQ_I64(rt_ring_len(r), 3);
    rt_ring_push(r, b[3]); /* overwrites b[0] */
    CHECK_EQ_I64(REFS(b[0]), 1);
    CHECK_EQ_I64(REFS(b[3]), 2);
    void *g = rt_ring_get(r, 0);
    CHECK(g == b[1]);
    rt_obj_release_check0(g);
    CHECK(rt_ring_get(r, 3) == NULL);
    CHECK(rt_ring_get(r, -1) == NULL);
    void *pk = rt_ring_peek(r);
    CHECK(pk == b[1]);
    rt_obj_release_check0(pk);
    void *p = rt_ring_pop(r);
    CHECK(p == b[1]);
    CHECK_EQ_I64(REFS(b[1]), 2);
    rt_obj_release_check0(p);
    CHECK_EQ_I64(rt_ring_len(r), 2);
    CHECK(!rt_ring_is_empty(r));
    rt_ring_clear(r);
    CHECK(rt_ring_is_empty(r));
    CHECK(rt_ring_pop(r) == NULL);
    CHECK(rt_ring_peek(r) == NULL);
    CHECK_EQ_I64(REFS(b[2]), 1);
    rt_ring_push(r, b[4]);
    rt_ring_push(NULL, b[4]);
    rt__obj_release_and_free(r);
    CHECK_EQ_I64(REFS(b[4]), 1);
    void *d = rt_ring_new_default();
    CHECK(rt_ring_cap(d) >= 1);
    rt__obj_release_and_free(d);
    for (int i = 0; i < 5; i++)
        rt__obj_release_and_free(b[i]);
}

static void test_defaultmap(void) {
    void *dflt = rt_box_i64(0);
    void *m = rt_defaultmap_new(dflt);
    CHECK_EQ_I64(REFS(dflt), 2);
    rt_string k = S("k");
    CHECK(rt_defaultmap_get(m, k) == dflt);
    CHECK(rt_defaultmap_get_default(m) == dflt);
    void *v1 = rt_box_i64(1), *v2 = rt_box_i64(2);
    rt_defaultmap_set(m, k, v1);
    CHECK_EQ_I64(REFS(v1), 2);
    CHECK(rt_defaultmap_get(m, k) == v1);
    /* replacement decrements the old value without freeing it, even at zero */
    rt_obj_release_check0(v1); /* now only the map holds it */
    rt_defaultmap_set(m, k, v2);
    CHECK_EQ_I64(REFS(v1), 0);
    CHECK_EQ_I64(rt_unbox_i64(v1), 1); /* still readable: not freed */
    rt_obj_free(v1);
    rt_defaultmap_set(NULL, k, v2);
    rt_defaultmap_set(m, NULL, v2);
    CHECK_EQ_I64(REFS(v2), 2);
    CHECK(rt_defaultmap_has(m, k));
    CHECK(!rt_defaultmap_has(m, NULL));
    CHECK_EQ_I64(rt_defaultmap_len(m), 1);
    void *keys = rt_defaultmap_keys(m);
    CHECK_EQ_I64(rt_seq_len(keys), 1);
    rt__obj_release_and_free(keys);
    CHECK_EQ_I64(rt_defaultmap_remove(m, k), 1);
    CHECK_EQ_I64(rt_defaultmap_remove(m, k), 0);
    CHECK_EQ_I64(REFS(v2), 1);
    rt_defaultmap_set(m, k, v2);
    rt_defaultmap_clear(m);
    CHECK_EQ_I64(rt_defaultmap_len(m), 0);
    CHECK_EQ_I64(rt_defaultmap_len(NULL), 0);
    CHECK_EQ_I64(REFS(v2), 1);
    CHECK(rt_defaultmap_get(NULL, k) == NULL);
    rt__obj_release_and_free(m);
    CHECK_EQ_I64(REFS(dflt), 1);
    rt__obj_release_and_free(dflt);
    rt__obj_release_and_free(v2);
    rt_str_release_maybe(k);
}

static void test_stack_queue(void) {
    void *st = rt_stack_new(), *q = rt_queue_new();
    void *a = rt_box_i64(1), *b = rt_box_i64(2);
    CHECK(rt_stack_is_empty(st) && rt_queue_is_empty(q));
    rt_stack_push(st, a);
    rt_stack_push(st, b);
    rt_queue_push(q, a);
    rt_queue_push(q, b);
    rt_stack_push(NULL, a);
    rt_queue_push(q == st ? NULL : st, NULL); /* wrong kind handle (a Stack) is ignored by Queue */
    CHECK_EQ_I64(rt_stack_len(st), 2);
    CHECK_EQ_I64(rt_queue_len(q), 2);
    CHECK_EQ_I64(rt_queue_len(st), 0);
    CHECK_EQ_I64(REFS(a), 3);
    void *x = rt_stack_peek(st);
    CHECK(x == b);
    rt_obj_release_check0(x);
    x = rt_stack_pop(st);
    CHECK(x == b);
    rt_obj_release_check0(x);
    x = rt_queue_peek(q);
    CHECK(x == a);
    rt_obj_release_check0(x);
    x = rt_queue_pop(q);
    CHECK(x == a);
    rt_obj_release_check0(x);
    CHECK_EQ_I64(REFS(a), 2);
    rt_stack_clear(st);
    rt_queue_clear(q);
    CHECK_EQ_I64(REFS(a), 1);
    CHECK_EQ_I64(REFS(b), 1);
    CHECK_EXITS(rt_stack_pop(st), 1, "Stack.Pop: empty stack");
    CHECK_EXITS(rt_stack_peek(NULL), 1, "Stack.Peek: empty stack");
    CHECK_EXITS(rt_queue_pop(q), 1, "Queue.Pop: empty queue");
    CHECK_EXITS(rt_queue_peek(q), 1, "Queue.Peek: empty queue");
    CHECK_EQ_I64(rt_stack_len(NULL), 0);
    rt__obj_release_and_free(st);
    rt__obj_release_and_free(q);
    rt__obj_release_and_free(a);
    rt__obj_release_and_free(b);
}

void run_tests(void) {
    test_stack_queue();
    test_list_core();
    test_list_extended();
    test_list_sort_strings();
    test_seq();
    test_map();
    test_ring();
    test_defaultmap();
}
