/* test_ext_collections.c — Set, Deque, SparseArray, WeakMap, Bag, Heap and UnionFind (part C); values from
 * the corpus set_deque / sparsearray / weakmap / edge-collection programs. */
#include "test_ext_check.h"

static int64_t refs(void *p) { return (int64_t)rt__heap_hdr(p)->refcnt; }

static void test_set(void) {
    void *s = rt_set_new();
    CHECK(rt_set_is_empty(s));
    CHECK(rt_set_put(s, rt_box_str(S("a"))));
    CHECK(rt_set_put(s, rt_box_str(S("b"))));
    CHECK(rt_set_put(s, rt_box_str(S("c"))));
    CHECK(!rt_set_put(s, rt_box_str(S("a")))); /* value equality */
    CHECK_EQ_I64(rt_set_len(s), 3);
    CHECK(rt_set_has(s, rt_box_str(S("b"))));
    CHECK(!rt_set_has(s, rt_box_str(S("z"))));
    CHECK(rt_set_drop(s, rt_box_str(S("b"))));
    CHECK(!rt_set_drop(s, rt_box_str(S("b"))));
    CHECK_EQ_I64(rt_set_len(s), 2);
    CHECK(rt_set_put(s, rt_box_i64(1)) && !rt_set_put(s, rt_box_i64(1)));
    void *x = rt_box_i64(7);
    rt_set_put(s, x);
    CHECK_EQ_I64(refs(x), 2);
    rt_set_drop(s, x);
    CHECK_EQ_I64(refs(x), 1);
    CHECK_EQ_I64(rt_set_len(NULL), 0);
    CHECK(!rt_set_put(NULL, x) && !rt_set_has(NULL, x));
}

static void test_deque(void) {
    void *d = rt_deque_new();
    CHECK(rt_deque_is_empty(d));
    rt_deque_push_back(d, S("a"));
    rt_deque_push_back(d, S("b"));
    rt_deque_push_front(d, S("z"));
    CHECK_EQ_I64(rt_deque_len(d), 3);
    CHECK_STR(rt_deque_peek_front(d), "z");
    CHECK_STR(rt_deque_peek_back(d), "b");
    CHECK_STR(rt_deque_get(d, 1), "a");
    CHECK_STR(rt_deque_pop_front(d), "z");
    CHECK_EQ_I64(rt_deque_len(d), 2);
    CHECK_STR(rt_deque_pop_back(d), "b");
    CHECK_EQ_I64(rt_deque_len(d), 1);
    rt_deque_push_back(d, S("c"));
    rt_deque_push_back(d, S("d"));
    rt_deque_reverse(d);
    CHECK_EQ_I64(rt_deque_len(d), 3);
    CHECK_STR(rt_deque_get(d, 0), "d");
    CHECK(rt_deque_has(d, S("c")) && !rt_deque_has(d, S("q")));
    rt_deque_set(d, 0, S("D"));
    CHECK_STR(rt_deque_peek_front(d), "D");
    void *c = rt_deque_clone(d);
    rt_deque_clear(d);
    CHECK(rt_deque_is_empty(d));
    CHECK_EQ_I64(rt_deque_len(c), 3);
    CHECK(rt_deque_cap(c) >= 3);
    CHECK_EXITS(rt_deque_pop_front(d), 1, "Deque.PopFront: empty deque");
    CHECK_EXITS(rt_deque_peek_back(d), 1, "Deque.PeekBack: empty deque");
    CHECK_EXITS(rt_deque_get(c, 3), 1, "Deque.Get: index out of bounds");
    CHECK_EXITS(rt_deque_set(c, -1, NULL), 1, "Deque.Set: index out of bounds");
}

static void test_sparse(void) {
    void *s = rt_sparse_new();
    CHECK_EQ_I64(rt_sparse_len(s), 0);
    rt_sparse_set(s, 0, rt_box_str(S("zero")));
    rt_sparse_set(s, 100, rt_box_str(S("hundred")));
    rt_sparse_set(s, 1000, rt_box_str(S("thousand")));
    rt_sparse_set(s, -5, rt_box_str(S("negative")));
    CHECK_EQ_I64(rt_sparse_len(s), 4);
    CHECK_STR(rt_unbox_str(rt_sparse_get(s, 100)), "hundred");
    CHECK_STR(rt_unbox_str(rt_sparse_get(s, -5)), "negative");
    CHECK(rt_sparse_get(s, 50) == NULL);
    CHECK(rt_sparse_has(s, 0) && rt_sparse_has(s, -5) && !rt_sparse_has(s, 50));
    void *v = rt_box_str(S("HUNDRED"));
    rt_sparse_set(s, 100, v);
    CHECK_EQ_I64(refs(v), 2);
    CHECK_STR(rt_unbox_str(rt_sparse_get(s, 100)), "HUNDRED");
    CHECK_EQ_I64(rt_sparse_len(s), 4);
    CHECK(rt_sparse_remove(s, 1000) && !rt_sparse_remove(s, 1000) && !rt_sparse_has(s, 1000));
    CHECK_EQ_I64(rt_sparse_len(s), 3);
    void *idx = rt_sparse_indices(s);
    CHECK_EQ_I64(rt_seq_len(idx), 3);
    CHECK_EQ_I64(rt_unbox_i64(rt__seq_at(idx, 0)), -5);
    CHECK_EQ_I64(rt_unbox_i64(rt__seq_at(idx, 2)), 100);
    void *vals = rt_sparse_values(s);
    CHECK_STR(rt_unbox_str(rt__seq_at(vals, 2)), "HUNDRED");
    /* reference quirk: get_Len of a Seq is the reference Seq's capacity */
    CHECK_EQ_I64(rt_sparse_len(idx), 16);
    rt_sparse_clear(s);
    CHECK_EQ_I64(rt_sparse_len(s), 0);
    CHECK_EQ_I64(refs(v), 2); /* still held by the Values() Seq */
    rt__obj_release_and_free(vals);
    CHECK_EQ_I64(refs(v), 1);
    CHECK_EQ_I64(rt_sparse_len(NULL), 0);
}

static void test_weakmap(void) {
    void *m = rt_weakmap_new();
    CHECK(rt_weakmap_is_empty(m));
    void *a = rt_box_str(S("value1")), *b = rt_box_str(S("value2"));
    rt_weakmap_set(m, S("k1"), a);
    rt_weakmap_set(m, S("k2"), b);
    void *c = rt_box_str(S("value3"));
    rt_weakmap_set(m, S("k3"), c);
    rt__obj_release_and_free(c); /* now only the map holds it */
    CHECK_EQ_I64(rt_weakmap_len(m), 3);
    CHECK_STR(rt_unbox_str(rt_weakmap_get(m, S("k1"))), "value1");
    CHECK(rt_weakmap_get(m, S("nope")) == NULL);
    CHECK(rt_weakmap_has(m, S("k2")) && !rt_weakmap_has(m, S("nope")));
    void *keys = rt_weakmap_keys(m);
    CHECK_EQ_I64(rt_seq_len(keys), 3);
    CHECK_STR(SEQ_STR(keys, 2), "k3");
    CHECK(rt_weakmap_remove(m, S("k2")) && !rt_weakmap_remove(m, S("k2")));
    CHECK_EQ_I64(refs(b), 1);
    CHECK_EQ_I64(rt_weakmap_compact(m), 1); /* k3's value had no other owner */
    CHECK_EQ_I64(rt_weakmap_len(m), 1);
    CHECK(rt_weakmap_has(m, S("k1")));
    rt_weakmap_set(m, S("s"), S("text")); /* strings are never compacted */
    rt_weakmap_set(m, S("n"), NULL);
    CHECK_EQ_I64(rt_weakmap_compact(m), 1);
    CHECK_EQ_I64(rt_weakmap_len(m), 2);
    rt_weakmap_clear(m);
    CHECK(rt_weakmap_is_empty(m));
    CHECK_EQ_I64(refs(a), 1);
    CHECK_EXITS(rt_weakmap_set(m, NULL, a), 1, "rt_string_cstr: null string");
}

static void test_bag(void) {
    void *b = rt_bag_new();
    CHECK_EQ_I64(rt_bag_len(b), 0);
    CHECK(!rt_bag_has(b, S("x")) && !rt_bag_drop(b, S("nonexistent")));
    CHECK(rt_bag_put(b, S("")) && rt_bag_has(b, S("")));
    CHECK_EQ_I64(rt_bag_len(b), 1);
    CHECK(rt_bag_put(b, S("a")) && !rt_bag_put(b, S("a")));
    void *o = rt_bag_new();
    rt_bag_put(o, S("a"));
    rt_bag_put(o, S("z"));
    void *u = rt_bag_merge(b, o), *i = rt_bag_common(b, o), *d = rt_bag_diff(b, o);
    CHECK_EQ_I64(rt_bag_len(u), 3);
    CHECK_EQ_I64(rt_bag_len(i), 1);
    CHECK(rt_bag_has(i, S("a")));
    CHECK_EQ_I64(rt_bag_len(d), 1);
    CHECK(rt_bag_has(d, S("")));
    void *items = rt_bag_items(u);
    CHECK_STR(SEQ_STR(items, 0), "");
    CHECK_STR(SEQ_STR(items, 2), "z");
    rt_bag_clear(b);
    CHECK(rt_bag_is_empty(b) && rt_bag_is_empty(NULL));
}

static void test_heap(void) {
    void *h = rt_pqueue_new();
    CHECK(rt_pqueue_is_empty(h) && !rt_pqueue_is_max(h));
    rt_pqueue_push(h, 5, S("five"));
    rt_pqueue_push(h, 1, S("one"));
    rt_pqueue_push(h, 3, S("three"));
    rt_pqueue_push(h, 1, S("one-b"));
    CHECK_EQ_I64(rt_pqueue_len(h), 4);
    CHECK_STR(rt_pqueue_peek(h), "one");
    void *seq = rt_pqueue_to_seq(h);
    CHECK_STR(SEQ_STR(seq, 1), "one-b");
    CHECK_STR(SEQ_STR(seq, 3), "five");
    CHECK_STR(rt_pqueue_pop(h), "one");
    CHECK_STR(rt_pqueue_pop(h), "one-b");
    CHECK_STR(rt_pqueue_pop(h), "three");
    CHECK_STR(rt_pqueue_pop(h), "five");
    CHECK(rt_pqueue_try_pop(h) == NULL && rt_pqueue_try_peek(h) == NULL);
    CHECK_EXITS(rt_pqueue_pop(h), 1, "Heap.Pop: empty heap");
    CHECK_EXITS(rt_pqueue_peek(h), 1, "Heap.Peek: empty heap");
    void *mx = rt_pqueue_new_max(true);
    for (int i = 0; i < 20; i++)
        rt_pqueue_push(mx, (i * 7) % 20, rt_box_i64((i * 7) % 20));
    CHECK(rt_pqueue_is_max(mx));
    bool sorted = true;
    for (int64_t want = 19; want >= 0; want--)
        sorted = sorted && rt_unbox_i64(rt_pqueue_pop(mx)) == want;
    CHECK(sorted);
    rt_pqueue_push(h, 1, S("x"));
    rt_pqueue_clear(h);
    CHECK_EQ_I64(rt_pqueue_len(h), 0);
}


/* UnionFind: the sequence of the corpus UnionFind audit. */
static void test_unionfind(void) {
    void *u = rt_unionfind_new(6);
    CHECK_EQ_I64(rt_unionfind_count(u), 6);
    CHECK_EQ_I64(rt_unionfind_find(u, 0), 0);
    CHECK_EQ_I64(rt_unionfind_find(u, 3), 3);
    CHECK_EQ_I64(rt_unionfind_union(u, 0, 1), 1);
    CHECK_EQ_I64(rt_unionfind_count(u), 5);
    CHECK_EQ_I64(rt_unionfind_union(u, 2, 3), 1);
    CHECK_EQ_I64(rt_unionfind_count(u), 4);
    CHECK_EQ_I64(rt_unionfind_union(u, 0, 1), 0);
    CHECK_EQ_I64(rt_unionfind_count(u), 4);
    CHECK(rt_unionfind_connected(u, 0, 1) && rt_unionfind_connected(u, 2, 3));
    CHECK(!rt_unionfind_connected(u, 0, 2) && !rt_unionfind_connected(u, 4, 5));
    CHECK_EQ_I64(rt_unionfind_union(u, 1, 3), 1);
    CHECK_EQ_I64(rt_unionfind_count(u), 3);
    CHECK(rt_unionfind_connected(u, 0, 2) && rt_unionfind_connected(u, 0, 3));
    CHECK_EQ_I64(rt_unionfind_set_size(u, 0), 4);
    CHECK_EQ_I64(rt_unionfind_set_size(u, 4), 1);
    rt_unionfind_union(u, 4, 5);
    CHECK_EQ_I64(rt_unionfind_count(u), 2);
    CHECK_EQ_I64(rt_unionfind_set_size(u, 4), 2);
    CHECK_EQ_I64(rt_unionfind_union(u, 0, 4), 1);
    CHECK_EQ_I64(rt_unionfind_set_size(u, 0), 6);
    CHECK_EQ_I64(rt_unionfind_find(u, 5), rt_unionfind_find(u, 0));
    rt_unionfind_reset(u);
    CHECK_EQ_I64(rt_unionfind_count(u), 6);
    CHECK(!rt_unionfind_connected(u, 0, 1));
    CHECK_EQ_I64(rt_unionfind_set_size(u, 0), 1);
    CHECK_EQ_I64(rt_unionfind_count(NULL), 0);
    CHECK_EQ_I64(rt_unionfind_count(rt_unionfind_new(0)), 0);
    CHECK_EXITS(rt_unionfind_find(u, 6), 1, "UnionFind.Find: index out of bounds");
    CHECK_EXITS(rt_unionfind_union(u, -1, 0), 1, "UnionFind.Union: index out of bounds");
    CHECK_EXITS(rt_unionfind_new(-1), 1, "UnionFind.New: negative size");
    CHECK_EXITS(rt_unionfind_reset(NULL), 1, "UnionFind.Reset: null");
}

void run_tests(void) {
    test_set();
    test_deque();
    test_sparse();
    test_weakmap();
    test_bag();
    test_heap();
    test_unionfind();
}
