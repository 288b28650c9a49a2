/* test_ext4_collections.c — SortedSet, CountMap, LruCache, FrozenMap, FrozenSet, IntMap, BiMap,
 * OrderedMap, Trie, BitSet and MessageBus (RUNTIME-EXTENDED §1-§10, §15): the corpus sequences,
 * edge cases, NULL handling, ownership, hash orders (§G.5), the §G.4 layout values and traps. */
#include "test_ext4_check.h"

static void test_sortedset(void) {
    void *s = rt_sortedset_new();
    CHECK_EQ_I64(rt_sortedset_len(s), 0);
    CHECK(rt_sortedset_is_empty(s));
    const char *words[] = {"cherry", "apple", "elderberry", "banana", "date"};
    for (int i = 0; i < 5; i++)
        CHECK(rt_sortedset_put(s, S(words[i])));
    CHECK(!rt_sortedset_put(s, S("apple")));
    CHECK_EQ_I64(rt_sortedset_len(s), 5);
    CHECK(rt_sortedset_has(s, S("date")) && !rt_sortedset_has(s, S("fig")));
    CHECK_STR(rt_sortedset_first(s), "apple");
    CHECK_STR(rt_sortedset_last(s), "elderberry");
    CHECK_STR(rt_sortedset_at(s, 2), "cherry");
    CHECK_STR(rt_sortedset_at(s, 5), "");
    CHECK_STR(rt_sortedset_at(s, -1), "");
    CHECK_EQ_I64(rt_sortedset_index_of(s, S("elderberry")), 4);
    CHECK_EQ_I64(rt_sortedset_index_of(s, S("fig")), -1);
    CHECK_EQ_I64(rt_sortedset_index_of(NULL, S("a")), -1);
    CHECK_STR(rt_sortedset_floor(s, S("cherry")), "cherry");
    CHECK_STR(rt_sortedset_floor(s, S("c")), "banana");
    CHECK_STR(rt_sortedset_floor(s, S("a")), "");
    CHECK_STR(rt_sortedset_ceil(s, S("c")), "cherry");
    CHECK_STR(rt_sortedset_ceil(s, S("z")), "");
    CHECK_STR(rt_sortedset_lower(s, S("cherry")), "banana");
    CHECK_STR(rt_sortedset_lower(s, S("apple")), "");
    CHECK_STR(rt_sortedset_higher(s, S("cherry")), "date");
    CHECK_STR(rt_sortedset_higher(s, S("elderberry")), "");
    /* case-sensitive byte order: "B" < "a" */
    void *c = rt_sortedset_new();
    rt_sortedset_put(c, S("a"));
    rt_sortedset_put(c, S("B"));
    CHECK_STR(rt_sortedset_first(c), "B");
    /* NULL str is "" */
    CHECK(rt_sortedset_put(c, NULL));
    CHECK(rt_sortedset_has(c, S("")));
    CHECK_STR(rt_sortedset_first(c), "");
    /* results are +1: releasing them must not free the set's copy */
    rt_string f = rt_sortedset_first(s);
    rt_str_release_maybe(f);
    CHECK_STR(rt_sortedset_first(s), "apple");
    /* Items / Range / Take / Skip */
    void *items = rt_sortedset_items(s);
    CHECK_EQ_I64(rt_seq_len(items), 5);
    CHECK_STR(SEQ_STR(items, 0), "apple");
    void *r = rt_sortedset_range(s, S("banana"), S("date"));
    CHECK_EQ_I64(rt_seq_len(r), 2);
    CHECK_STR(SEQ_STR(r, 0), "banana");
    CHECK_STR(SEQ_STR(r, 1), "cherry");
    CHECK_EQ_I64(rt_seq_len(rt_sortedset_range(s, S("date"), S("banana"))), 0);
    CHECK_EQ_I64(rt_seq_len(rt_sortedset_range(s, S(""), S("zzz"))), 5);
    CHECK_EQ_I64(rt_seq_len(rt_sortedset_take(s, 3)), 3);
    CHECK_EQ_I64(rt_seq_len(rt_sortedset_take(s, 9)), 5);
    CHECK_EQ_I64(rt_seq_len(rt_sortedset_take(s, -1)), 0);
    void *sk = rt_sortedset_skip(s, 2);
    CHECK_EQ_I64(rt_seq_len(sk), 3);
    CHECK_STR(SEQ_STR(sk, 0), "cherry");
    CHECK_EQ_I64(rt_seq_len(rt_sortedset_skip(s, 5)), 0);
    CHECK_EQ_I64(rt_seq_len(rt_sortedset_skip(s, -3)), 5);
    /* §G.4: SortedSet.get_Len on such a Seq reads the Seq's capacity word: 16 like the VM */
    CHECK_EQ_I64(rt_seq_cap(r), 16);
    CHECK_EQ_I64(rt_sortedset_len(r), 16);
    CHECK_EQ_I64(rt_sortedset_len(rt_sortedset_take(s, 3)), 16);
    CHECK_EQ_I64(rt_sortedset_len(S("not a set")), 0);
    /* the Seq keeps its strings alive after the set drops them (retained) */
    CHECK(rt_sortedset_drop(s, S("banana")));
    CHECK(!rt_sortedset_drop(s, S("banana")));
    CHECK_STR(SEQ_STR(r, 0), "banana");
    CHECK_EQ_I64(rt_sortedset_len(s), 4);
    /* Merge / Common / Diff / IsSubset */
    void *o = rt_sortedset_new();
    rt_sortedset_put(o, S("cherry"));
    rt_sortedset_put(o, S("fig"));
    rt_sortedset_put(o, S("grape"));
    void *m = rt_sortedset_merge(s, o);
    CHECK_EQ_I64(rt_sortedset_len(m), 6);
    CHECK_STR(rt_sortedset_at(m, 5), "grape");
    CHECK_EQ_I64(rt_sortedset_len(rt_sortedset_common(s, o)), 1);
    CHECK_STR(rt_sortedset_first(rt_sortedset_common(s, o)), "cherry");
    CHECK_EQ_I64(rt_sortedset_len(rt_sortedset_diff(s, o)), 3);
    CHECK_EQ_I64(rt_sortedset_len(rt_sortedset_diff(s, NULL)), 4);
    CHECK_EQ_I64(rt_sortedset_len(rt_sortedset_diff(NULL, o)), 0);
    CHECK_EQ_I64(rt_sortedset_len(rt_sortedset_common(s, NULL)), 0);
    CHECK(rt_sortedset_is_subset(rt_sortedset_common(s, o), s));
    CHECK(!rt_sortedset_is_subset(o, s));
    CHECK(rt_sortedset_is_subset(NULL, s) && rt_sortedset_is_subset(rt_sortedset_new(), NULL));
    CHECK(!rt_sortedset_is_subset(s, NULL));
    rt_sortedset_clear(s);
    CHECK_EQ_I64(rt_sortedset_len(s), 0);
    CHECK(rt_sortedset_is_empty(s));
    CHECK_EQ_I64(rt_sortedset_len(m), 6); /* shared strings survive */
    /* NULL receivers */
    CHECK(!rt_sortedset_put(NULL, S("x")) && !rt_sortedset_has(NULL, S("x")));
    CHECK(rt_sortedset_is_empty(NULL) && rt_sortedset_len(NULL) == 0);
    CHECK_STR(rt_sortedset_first(NULL), "");
    CHECK_STR(rt_sortedset_floor(NULL, S("x")), "");
    CHECK_EQ_I64(rt_seq_len(rt_sortedset_items(NULL)), 0);
    rt_sortedset_clear(NULL);
    /* growth past the first capacity */
    void *big = rt_sortedset_new();
    char buf[8];
    for (int i = 99; i >= 0; i--) {
        snprintf(buf, sizeof buf, "k%02d", i);
        rt_sortedset_put(big, S(buf));
    }
    CHECK_EQ_I64(rt_sortedset_len(big), 100);
    CHECK_STR(rt_sortedset_at(big, 42), "k42");
    CHECK_EQ_I64(rt_seq_len(rt_sortedset_items(big)), 100);
    rt__obj_release_and_free(big);
}

static void test_countmap(void) {
    void *m = rt_countmap_new();
    CHECK_EQ_I64(rt_countmap_len(m), 0);
    CHECK(rt_countmap_is_empty(m));
    CHECK_EQ_I64(rt_countmap_inc(m, S("apple")), 1);
    CHECK_EQ_I64(rt_countmap_inc(m, S("apple")), 2);
    CHECK_EQ_I64(rt_countmap_inc(m, S("banana")), 1);
    CHECK_EQ_I64(rt_countmap_inc_by(m, S("banana"), 5), 6);
    CHECK_EQ_I64(rt_countmap_inc_by(m, S("banana"), 0), 0);
    CHECK_EQ_I64(rt_countmap_inc_by(m, S("banana"), -3), 0);
    CHECK_EQ_I64(rt_countmap_get(m, S("banana")), 6);
    CHECK_EQ_I64(rt_countmap_get(m, S("zzz")), 0);
    CHECK(rt_countmap_has(m, S("apple")) && !rt_countmap_has(m, S("Apple")));
    CHECK_EQ_I64(rt_countmap_total(m), 8);
    rt_countmap_set(m, S("cherry"), 10);
    CHECK_EQ_I64(rt_countmap_total(m), 18);
    rt_countmap_set(m, S("cherry"), 13);
    CHECK_EQ_I64(rt_countmap_total(m), 21);
    rt_countmap_set(m, S("cherry"), 0); /* removes */
    CHECK(!rt_countmap_has(m, S("cherry")));
    CHECK_EQ_I64(rt_countmap_total(m), 8);
    rt_countmap_set(m, S("none"), -1); /* no-op */
    CHECK_EQ_I64(rt_countmap_len(m), 2);
    CHECK_EQ_I64(rt_countmap_dec(m, S("apple")), 1);
    CHECK_EQ_I64(rt_countmap_dec(m, S("apple")), 0);
    CHECK(!rt_countmap_has(m, S("apple")));
    CHECK_EQ_I64(rt_countmap_dec(m, S("apple")), 0);
    CHECK_EQ_I64(rt_countmap_len(m), 1);
    CHECK_EQ_I64(rt_countmap_total(m), 6);
    CHECK(rt_countmap_remove(m, S("banana")) && !rt_countmap_remove(m, S("banana")));
    CHECK_EQ_I64(rt_countmap_total(m), 0);
    /* Keys in FNV-1a bucket order (§G.5): compute the expected order independently */
    const char *ks[] = {"server", "alpha", "database", "logging", "zeta"};
    for (int i = 0; i < 5; i++)
        rt_countmap_inc_by(m, S(ks[i]), i + 1);
    void *keys = rt_countmap_keys(m);
    CHECK_EQ_I64(rt_seq_len(keys), 5);
    uint64_t prev = 0;
    for (int64_t i = 0; i < rt_seq_len(keys); i++) {
        const char *k = rt__str_bytes(SEQ_STR(keys, i));
        uint64_t b = rt__fnv1a(k, strlen(k)) % 16;
        CHECK(b >= prev);
        prev = b;
    }
    void *mc = rt_countmap_most_common(m, 2);
    CHECK_EQ_I64(rt_seq_len(mc), 2);
    CHECK_STR(SEQ_STR(mc, 0), "zeta");
    CHECK_STR(SEQ_STR(mc, 1), "logging");
    CHECK_EQ_I64(rt_seq_len(rt_countmap_most_common(m, 0)), 0);
    CHECK_EQ_I64(rt_seq_len(rt_countmap_most_common(m, 99)), 5);
    /* ties keep hash order (stable) */
    void *t = rt_countmap_new();
    rt_countmap_inc(t, S("x"));
    rt_countmap_inc(t, S("y"));
    rt_countmap_inc(t, S("z"));
    void *tk = rt_countmap_keys(t), *tm = rt_countmap_most_common(t, 3);
    for (int i = 0; i < 3; i++)
        CHECK_STR(SEQ_STR(tm, i), rt__str_bytes(SEQ_STR(tk, i)));
    /* §G.4: get_Len on the Keys Seq answers its length (the VM's 65 is heap garbage) */
    CHECK_EQ_I64(rt_countmap_len(keys), 5);
    CHECK_EQ_I64(rt_countmap_len(S("x")), 0);
    /* growth: many keys stay findable */
    void *g = rt_countmap_new();
    char buf[16];
    for (int i = 0; i < 200; i++) {
        snprintf(buf, sizeof buf, "key%d", i);
        rt_countmap_inc_by(g, S(buf), i + 1);
    }
    CHECK_EQ_I64(rt_countmap_len(g), 200);
    CHECK_EQ_I64(rt_countmap_get(g, S("key150")), 151);
    CHECK_EQ_I64(rt_countmap_total(g), 200 * 201 / 2);
    CHECK_EQ_I64(rt_seq_len(rt_countmap_keys(g)), 200);
    rt_countmap_clear(g);
    CHECK_EQ_I64(rt_countmap_len(g) + rt_countmap_total(g), 0);
    CHECK(rt_countmap_is_empty(g));
    rt__obj_release_and_free(g);
    /* NULL map */
    CHECK_EQ_I64(rt_countmap_inc(NULL, S("a")), 0);
    CHECK_EQ_I64(rt_countmap_get(NULL, S("a")) + rt_countmap_len(NULL) + rt_countmap_total(NULL), 0);
    CHECK(rt_countmap_is_empty(NULL) && !rt_countmap_remove(NULL, S("a")));
    CHECK_EQ_I64(rt_seq_len(rt_countmap_keys(NULL)), 0);
    rt_countmap_set(NULL, S("a"), 3);
    rt_countmap_clear(NULL);
    CHECK_EXITS(rt_countmap_inc(m, NULL), 1, "rt_string_cstr: null string");
}

static void test_lrucache(void) {
    void *c = rt_lrucache_new(3);
    CHECK_EQ_I64(rt_lrucache_len(c), 0);
    CHECK_EQ_I64(rt_lrucache_cap(c), 3);
    CHECK(rt_lrucache_is_empty(c));
    CHECK_EQ_I64(rt_lrucache_cap(rt_lrucache_new(0)), 1);
    CHECK_EQ_I64(rt_lrucache_cap(rt_lrucache_new(-5)), 1);
    rt_string va = S("alpha"), vb = S("beta"), vc = S("gamma"), vd = S("delta");
    rt_lrucache_put(c, S("a"), va);
    rt_lrucache_put(c, S("b"), vb);
    rt_lrucache_put(c, S("c"), vc);
    CHECK_EQ_I64(rt_lrucache_len(c), 3);
    CHECK(rt_lrucache_get(c, S("a")) == va);
    CHECK(rt_lrucache_get(c, S("b")) == vb);
    CHECK(rt_lrucache_has(c, S("c")) && !rt_lrucache_has(c, S("zz")));
    CHECK(rt_lrucache_peek(c, S("c")) == vc); /* no promotion: c stays LRU */
    rt_lrucache_put(c, S("d"), vd);
    CHECK_EQ_I64(rt_lrucache_len(c), 3);
    CHECK(!rt_lrucache_has(c, S("c")));
    CHECK(rt_lrucache_get(c, S("zz")) == NULL && rt_lrucache_peek(c, S("zz")) == NULL);
    /* update in place moves to MRU */
    rt_string up = S("ALPHA");
    rt_lrucache_put(c, S("a"), up);
    CHECK(rt_lrucache_get(c, S("a")) == up);
    void *keys = rt_lrucache_keys(c), *vals = rt_lrucache_values(c);
    CHECK_EQ_I64(rt_seq_len(keys), 3);
    CHECK_STR(SEQ_STR(keys, 0), "a");
    CHECK_STR(SEQ_STR(keys, 1), "d");
    CHECK_STR(SEQ_STR(keys, 2), "b");
    CHECK(rt__seq_at(vals, 0) == up && rt__seq_at(vals, 2) == vb);
    CHECK_EQ_I64(rt_lrucache_len(keys), 3); /* §G.4: Seq length, not heap garbage */
    CHECK(rt_lrucache_remove(c, S("b")) && !rt_lrucache_remove(c, S("b")));
    CHECK_EQ_I64(rt_lrucache_len(c), 2);
    rt_lrucache_put(c, S("e"), NULL); /* NULL value allowed */
    CHECK(rt_lrucache_has(c, S("e")) && rt_lrucache_get(c, S("e")) == NULL);
    CHECK_EQ_I64(rt_lrucache_len(c), 3);
    /* recency now: e (MRU), a, d (LRU) */
    CHECK(rt_lrucache_remove_oldest(c));
    CHECK(!rt_lrucache_has(c, S("d")));
    CHECK_EQ_I64(rt_lrucache_len(c), 2);
    /* ownership: values are retained and released on eviction / clear */
    void *box = rt_box_i64(7);
    void *c2 = rt_lrucache_new(1);
    rt_lrucache_put(c2, S("x"), box);
    CHECK_EQ_I64(REFCNT(box), 2);
    rt_lrucache_put(c2, S("y"), rt_box_i64(8)); /* evicts x */
    CHECK_EQ_I64(REFCNT(box), 1);
    rt_lrucache_put(c2, S("y"), box);
    CHECK_EQ_I64(REFCNT(box), 2);
    rt_lrucache_clear(c2);
    CHECK_EQ_I64(REFCNT(box), 1);
    CHECK_EQ_I64(rt_lrucache_cap(c2), 1);
    CHECK(!rt_lrucache_remove_oldest(c2));
    rt__obj_release_and_free(c2);
    rt_lrucache_clear(c);
    CHECK_EQ_I64(rt_lrucache_len(c), 0);
    CHECK(rt_lrucache_is_empty(c));
    /* bigger capacity: bucket growth keeps lookups working */
    void *c3 = rt_lrucache_new(100);
    char buf[16];
    for (int i = 0; i < 150; i++) {
        snprintf(buf, sizeof buf, "k%d", i);
        rt_lrucache_put(c3, S(buf), rt_box_i64(i));
    }
    CHECK_EQ_I64(rt_lrucache_len(c3), 100);
    CHECK(!rt_lrucache_has(c3, S("k49")) && rt_lrucache_has(c3, S("k50")));
    CHECK_EQ_I64(rt_unbox_i64(rt_lrucache_peek(c3, S("k149"))), 149);
    CHECK_STR(SEQ_STR(rt_lrucache_keys(c3), 0), "k149");
    rt__obj_release_and_free(c3);
    /* NULL */
    CHECK(rt_lrucache_len(NULL) == 0 && rt_lrucache_cap(NULL) == 0 && rt_lrucache_is_empty(NULL));
    CHECK(rt_lrucache_get(NULL, S("a")) == NULL && !rt_lrucache_remove_oldest(NULL));
    CHECK_EQ_I64(rt_seq_len(rt_lrucache_keys(NULL)), 0);
    rt_lrucache_put(NULL, S("a"), NULL);
    CHECK_EXITS(rt_lrucache_put(c, NULL, NULL), 1, "rt_string_cstr: null string");
    CHECK_EXITS(rt_lrucache_get(c, NULL), 1, "rt_string_cstr: null string");
}

static void test_frozenmap(void) {
    void *e = rt_frozenmap_empty();
    CHECK_EQ_I64(rt_frozenmap_len(e), 0);
    CHECK(rt_frozenmap_is_empty(e));
    void *keys = rt_seq_new(), *vals = rt_seq_new();
    rt_seq_push(keys, S("name"));
    rt_seq_push(keys, rt_box_str(S("city"))); /* boxed string key */
    rt_seq_push(keys, S("email"));
    rt_seq_push(keys, S("extra")); /* no value: ignored */
    void *alice = rt_box_str(S("Alice")), *boston = rt_box_str(S("Boston"));
    rt_seq_push(vals, alice);
    rt_seq_push(vals, boston);
    rt_seq_push(vals, S("a@b.com"));
    void *fm = rt_frozenmap_from_seqs(keys, vals);
    CHECK_EQ_I64(rt_frozenmap_len(fm), 3);
    CHECK(!rt_frozenmap_is_empty(fm));
    CHECK(rt_frozenmap_get(fm, S("name")) == alice);
    CHECK(rt_frozenmap_get(fm, S("city")) == boston);
    CHECK(rt_frozenmap_get(fm, S("zip")) == NULL && rt_frozenmap_get(fm, NULL) == NULL);
    CHECK(rt_frozenmap_has(fm, S("email")) && !rt_frozenmap_has(fm, S("extra")));
    CHECK(!rt_frozenmap_has(fm, NULL));
    void *na = S("N/A");
    CHECK(rt_frozenmap_get_or(fm, S("zip"), na) == na);
    CHECK(rt_frozenmap_get_or(fm, S("name"), na) == alice);
    CHECK(rt_frozenmap_get_or(NULL, S("name"), na) == na);
    void *k = rt_frozenmap_keys(fm), *v = rt_frozenmap_values(fm);
    CHECK_EQ_I64(rt_seq_len(k), 3);
    CHECK_EQ_I64(rt_seq_len(v), 3);
    /* slot order: keys and values line up */
    for (int64_t i = 0; i < 3; i++)
        CHECK(rt_frozenmap_get(fm, SEQ_STR(k, i)) == rt__seq_at(v, i));
    /* §G.4: get_Len on the Keys/Values Seq -> its capacity word 16, as the VM prints */
    CHECK_EQ_I64(rt_frozenmap_len(k), 16);
    CHECK_EQ_I64(rt_frozenmap_len(v), 16);
    /* duplicates: first key string stays, last value wins */
    void *k2 = rt_seq_new(), *v2 = rt_seq_new();
    rt_seq_push(k2, S("a"));
    rt_seq_push(k2, NULL); /* skipped */
    rt_seq_push(k2, S("a"));
    rt_seq_push(v2, rt_box_i64(1));
    rt_seq_push(v2, rt_box_i64(2));
    rt_seq_push(v2, rt_box_i64(3));
    void *dup = rt_frozenmap_from_seqs(k2, v2);
    CHECK_EQ_I64(rt_frozenmap_len(dup), 1);
    CHECK_EQ_I64(rt_unbox_i64(rt_frozenmap_get(dup, S("a"))), 3);
    /* Merge: b wins */
    void *k3 = rt_seq_new(), *v3 = rt_seq_new();
    rt_seq_push(k3, S("city"));
    rt_seq_push(k3, S("zip"));
    rt_seq_push(v3, S("NYC"));
    rt_seq_push(v3, S("10001"));
    void *fm3 = rt_frozenmap_from_seqs(k3, v3);
    void *mg = rt_frozenmap_merge(fm, fm3);
    CHECK_EQ_I64(rt_frozenmap_len(mg), 4);
    CHECK_STR(rt_frozenmap_get(mg, S("city")), "NYC");
    CHECK(rt_frozenmap_get(mg, S("name")) == alice);
    CHECK_EQ_I64(rt_frozenmap_len(rt_frozenmap_merge(NULL, fm3)), 2);
    /* Equals: identity of values */
    CHECK(rt_frozenmap_equals(fm, rt_frozenmap_from_seqs(keys, vals)));
    void *vals2 = rt_seq_new();
    rt_seq_push(vals2, rt_box_str(S("Alice")));
    rt_seq_push(vals2, boston);
    rt_seq_push(vals2, rt__seq_at(vals, 2));
    CHECK(!rt_frozenmap_equals(fm, rt_frozenmap_from_seqs(keys, vals2)));
    CHECK(!rt_frozenmap_equals(fm, fm3));
    CHECK(rt_frozenmap_equals(e, rt_frozenmap_empty()) && rt_frozenmap_equals(NULL, e));
    CHECK(!rt_frozenmap_equals(NULL, fm));
    /* ownership: keys and values retained */
    CHECK(REFCNT(alice) >= 3);
    long long before = REFCNT(alice);
    rt__obj_release_and_free(mg);
    CHECK_EQ_I64(REFCNT(alice), before - 1);
    /* big map */
    void *bk = rt_seq_new(), *bv = rt_seq_new();
    char buf[16];
    for (int i = 0; i < 100; i++) {
        snprintf(buf, sizeof buf, "k%d", i);
        rt_seq_push(bk, S(buf));
        rt_seq_push(bv, rt_box_i64(i));
    }
    void *big = rt_frozenmap_from_seqs(bk, bv);
    CHECK_EQ_I64(rt_frozenmap_len(big), 100);
    CHECK_EQ_I64(rt_unbox_i64(rt_frozenmap_get(big, S("k77"))), 77);
    CHECK_EQ_I64(rt_frozenmap_len(rt_frozenmap_from_seqs(NULL, bv)), 0);
    /* NULL */
    CHECK(rt_frozenmap_len(NULL) == 0 && rt_frozenmap_is_empty(NULL));
    CHECK_EQ_I64(rt_seq_len(rt_frozenmap_keys(NULL)), 0);
    /* a non-string box key traps */
    void *bad = rt_seq_new();
    rt_seq_push(bad, rt_box_i64(5));
    CHECK_EXITS(rt_frozenmap_from_seqs(bad, vals), 1, "rt_unbox_str: type mismatch (expected str)");
}

static void test_frozenset(void) {
    void *items = rt_seq_new();
    rt_seq_push(items, S("apple"));
    rt_seq_push(items, rt_box_str(S("banana")));
    rt_seq_push(items, S("apple"));
    rt_seq_push(items, NULL);
    rt_seq_push(items, S("Cherry"));
    void *fs = rt_frozenset_from_seq(items);
    CHECK_EQ_I64(rt_frozenset_len(fs), 3);
    CHECK(rt_frozenset_has(fs, S("banana")) && !rt_frozenset_has(fs, S("cherry")));
    CHECK(!rt_frozenset_has(fs, NULL) && !rt_frozenset_has(NULL, S("apple")));
    void *it = rt_frozenset_items(fs);
    CHECK_EQ_I64(rt_seq_len(it), 3);
    CHECK_EQ_I64(rt_frozenset_len(it), 16); /* §G.4 */
    void *o = rt_seq_new();
    rt_seq_push(o, S("banana"));
    rt_seq_push(o, S("date"));
    void *fo = rt_frozenset_from_seq(o);
    CHECK_EQ_I64(rt_frozenset_len(rt_frozenset_union(fs, fo)), 4);
    CHECK_EQ_I64(rt_frozenset_len(rt_frozenset_union(fs, NULL)), 3);
    void *in = rt_frozenset_intersect(fs, fo);
    CHECK_EQ_I64(rt_frozenset_len(in), 1);
    CHECK(rt_frozenset_has(in, S("banana")));
    CHECK_EQ_I64(rt_frozenset_len(rt_frozenset_intersect(fs, NULL)), 0);
    CHECK_EQ_I64(rt_frozenset_len(rt_frozenset_diff(fs, fo)), 2);
    CHECK_EQ_I64(rt_frozenset_len(rt_frozenset_diff(fs, NULL)), 3);
    CHECK_EQ_I64(rt_frozenset_len(rt_frozenset_diff(NULL, fo)), 0);
    CHECK(rt_frozenset_is_subset(in, fs) && !rt_frozenset_is_subset(fo, fs));
    CHECK(rt_frozenset_is_subset(NULL, fs) && !rt_frozenset_is_subset(fs, NULL));
    CHECK(rt_frozenset_is_subset(rt_frozenset_empty(), NULL));
    CHECK(rt_frozenset_equals(fs, rt_frozenset_from_seq(items)));
    CHECK(!rt_frozenset_equals(fs, fo) && rt_frozenset_equals(NULL, rt_frozenset_empty()));
    CHECK(rt_frozenset_is_empty(rt_frozenset_empty()) && rt_frozenset_is_empty(NULL));
    CHECK_EQ_I64(rt_frozenset_len(rt_frozenset_from_seq(NULL)), 0);
    void *bad = rt_seq_new();
    rt_seq_push(bad, rt_box_f64(1.5));
    CHECK_EXITS(rt_frozenset_from_seq(bad), 1, "rt_unbox_str: type mismatch (expected str)");
}

static void test_intmap(void) {
    void *m = rt_intmap_new();
    void *one = S("one"), *neg = S("minus");
    rt_intmap_set(m, 1, one);
    rt_intmap_set(m, -7, neg);
    rt_intmap_set(m, 0, NULL);
    CHECK_EQ_I64(rt_intmap_len(m), 3);
    CHECK(rt_intmap_has(m, 0) && rt_intmap_has(m, -7) && !rt_intmap_has(m, 2));
    void *d = S("dflt");
    CHECK(rt_intmap_get_or(m, 1, d) == one);
    CHECK(rt_intmap_get_or(m, 0, d) == NULL); /* stored NULL, not the default */
    CHECK(rt_intmap_get_or(m, 99, d) == d);
    CHECK(rt_intmap_get_or(NULL, 1, d) == d);
    void *b = rt_box_i64(5);
    rt_intmap_set(m, 1, b);
    CHECK_EQ_I64(REFCNT(b), 2);
    rt_intmap_set(m, 1, one); /* replaced value released */
    CHECK_EQ_I64(REFCNT(b), 1);
    void *keys = rt_intmap_keys(m), *vals = rt_intmap_values(m);
    CHECK_EQ_I64(rt_seq_len(keys), 3);
    /* hash order over the 8 little-endian key bytes */
    uint64_t prev = 0;
    for (int64_t i = 0; i < 3; i++) {
        int64_t k = rt_unbox_i64(rt__seq_at(keys, i));
        unsigned char kb[8];
        for (int j = 0; j < 8; j++)
            kb[j] = (unsigned char)((uint64_t)k >> (8 * j));
        uint64_t bk = rt__fnv1a(kb, 8) % 16;
        CHECK(bk >= prev);
        prev = bk;
        CHECK(rt__seq_at(vals, i) == rt_intmap_get_or(m, k, d));
    }
    CHECK(rt_intmap_remove(m, -7) && !rt_intmap_remove(m, -7));
    CHECK_EQ_I64(rt_intmap_len(m), 2);
    for (int64_t i = 100; i < 300; i++)
        rt_intmap_set(m, i * 1000003, rt_box_i64(i));
    CHECK_EQ_I64(rt_intmap_len(m), 202);
    CHECK_EQ_I64(rt_unbox_i64(rt_intmap_get_or(m, 250 * 1000003, NULL)), 250);
    CHECK_EQ_I64(rt_intmap_len(keys), 3); /* §G.4: Seq length */
    rt_intmap_clear(m);
    CHECK(rt_intmap_is_empty(m) && rt_intmap_len(m) == 0);
    CHECK(rt_intmap_is_empty(NULL) && !rt_intmap_has(NULL, 1) && !rt_intmap_remove(NULL, 1));
    CHECK_EQ_I64(rt_seq_len(rt_intmap_values(NULL)), 0);
    rt_intmap_set(NULL, 1, NULL);
    rt_intmap_clear(NULL);
}

static void test_bimap(void) {
    void *m = rt_bimap_new();
    CHECK(rt_bimap_is_empty(m));
    rt_bimap_put(m, S("a"), S("1"));
    rt_bimap_put(m, S("b"), S("2"));
    CHECK_EQ_I64(rt_bimap_len(m), 2);
    CHECK_STR(rt_bimap_get_by_key(m, S("a")), "1");
    CHECK_STR(rt_bimap_get_by_value(m, S("2")), "b");
    CHECK_STR(rt_bimap_get_by_key(m, S("zz")), "");
    CHECK(rt_bimap_has_key(m, S("b")) && rt_bimap_has_value(m, S("1")));
    CHECK(!rt_bimap_has_key(m, S("1")) && !rt_bimap_has_value(m, S("a")));
    rt_bimap_put(m, S("a"), S("2")); /* drops (a,1) and (b,2) */
    CHECK_EQ_I64(rt_bimap_len(m), 1);
    CHECK_STR(rt_bimap_get_by_key(m, S("a")), "2");
    CHECK(!rt_bimap_has_key(m, S("b")) && !rt_bimap_has_value(m, S("1")));
    CHECK(rt_bimap_remove_by_key(m, S("a")) && !rt_bimap_remove_by_key(m, S("a")));
    CHECK(rt_bimap_is_empty(m));
    char k[16], v[16];
    for (int i = 0; i < 100; i++) {
        snprintf(k, sizeof k, "k%d", i);
        snprintf(v, sizeof v, "v%d", i);
        rt_bimap_put(m, S(k), S(v));
    }
    CHECK_EQ_I64(rt_bimap_len(m), 100);
    CHECK_STR(rt_bimap_get_by_value(m, S("v63")), "k63");
    CHECK_EQ_I64(rt_bimap_len(NULL), 0);
    CHECK(rt_bimap_is_empty(NULL));
    CHECK_STR(rt_bimap_get_by_key(NULL, S("a")), "");
    CHECK_EXITS(rt_bimap_put(m, S("a"), NULL), 1, "rt_string_cstr: null string");
    CHECK_EXITS(rt_bimap_get_by_key(m, NULL), 1, "rt_string_cstr: null string");
}

static void test_orderedmap(void) {
    void *m = rt_orderedmap_new();
    void *v1 = rt_box_i64(1), *v2 = rt_box_i64(2), *v3 = rt_box_i64(3);
    rt_orderedmap_set(m, S("zebra"), v1);
    rt_orderedmap_set(m, S("apple"), v2);
    rt_orderedmap_set(m, S("mango"), v3);
    CHECK_EQ_I64(rt_orderedmap_len(m), 3);
    CHECK_STR(rt_orderedmap_key_at(m, 0), "zebra");
    CHECK_STR(rt_orderedmap_key_at(m, 2), "mango");
    CHECK(rt_orderedmap_key_at(m, 3) == NULL && rt_orderedmap_key_at(m, -1) == NULL);
    CHECK(rt_orderedmap_key_at(NULL, 0) == NULL);
    CHECK_EQ_I64(REFCNT(v2), 2);
    void *v4 = rt_box_i64(4);
    rt_orderedmap_set(m, S("apple"), v4); /* in place; old value plain release */
    CHECK_STR(rt_orderedmap_key_at(m, 1), "apple");
    CHECK_EQ_I64(REFCNT(v2), 1);
    CHECK(rt_orderedmap_has(m, S("apple")) && !rt_orderedmap_has(m, S("kiwi")));
    CHECK(!rt_orderedmap_has(m, NULL) && !rt_orderedmap_has(NULL, S("apple")));
    CHECK_EQ_I64(rt_orderedmap_remove(m, S("zebra")), 1);
    CHECK_EQ_I64(rt_orderedmap_remove(m, S("zebra")), 0);
    CHECK_EQ_I64(REFCNT(v1), 1);
    CHECK_STR(rt_orderedmap_key_at(m, 0), "apple");
    CHECK_EQ_I64(rt_orderedmap_len(m), 2);
    rt_orderedmap_set(m, S("zebra"), NULL); /* re-added at the end */
    CHECK_STR(rt_orderedmap_key_at(m, 2), "zebra");
    rt_orderedmap_set(m, NULL, v1);
    rt_orderedmap_set(NULL, S("x"), v1);
    CHECK_EQ_I64(rt_orderedmap_remove(m, NULL), 0);
    CHECK_EQ_I64(rt_orderedmap_len(m), 3);
    CHECK_EQ_I64(rt_orderedmap_len(NULL), 0);
}

static void test_trie(void) {
    void *t = rt_trie_new();
    CHECK(rt_trie_is_empty(t));
    CHECK(!rt_trie_has_prefix(t, S("")));
    void *v = rt_box_i64(1);
    rt_trie_put(t, S("apple"), v);
    rt_trie_put(t, S("app"), rt_box_i64(2));
    rt_trie_put(t, S("banana"), NULL);
    CHECK_EQ_I64(rt_trie_len(t), 3);
    rt_trie_put(t, S("apple"), rt_box_i64(3)); /* replace: len unchanged, old released */
    CHECK_EQ_I64(rt_trie_len(t), 3);
    CHECK_EQ_I64(REFCNT(v), 1);
    CHECK(rt_trie_has(t, S("app")) && rt_trie_has(t, S("apple")) && !rt_trie_has(t, S("ap")));
    CHECK(rt_trie_has_prefix(t, S("ap")) && rt_trie_has_prefix(t, S("")));
    CHECK(!rt_trie_has_prefix(t, S("c")) && !rt_trie_has_prefix(t, S("applesauce")));
    CHECK_STR(rt_trie_longest_prefix(t, S("applesauce")), "apple");
    CHECK_STR(rt_trie_longest_prefix(t, S("apricot")), "");
    CHECK_STR(rt_trie_longest_prefix(t, S("appl")), "app");
    CHECK(rt_trie_remove(t, S("apple")) && !rt_trie_remove(t, S("apple")));
    CHECK(!rt_trie_remove(t, S("ap")));
    CHECK_EQ_I64(rt_trie_len(t), 2);
    CHECK(rt_trie_has_prefix(t, S("app")) && !rt_trie_has_prefix(t, S("appl")));
    CHECK_STR(rt_trie_longest_prefix(t, S("applesauce")), "app");
    /* empty key at the root; LongestPrefix still "" */
    rt_trie_put(t, S(""), NULL);
    CHECK(rt_trie_has(t, S("")));
    CHECK_STR(rt_trie_longest_prefix(t, S("zzz")), "");
    /* bytes >= 128: skipped by Put, a miss elsewhere */
    rt_trie_put(t, S("caf\xc3\xa9s"), NULL);
    CHECK(rt_trie_has(t, S("cafs")));
    CHECK(!rt_trie_has(t, S("caf\xc3\xa9s")));
    CHECK(!rt_trie_has_prefix(t, S("caf\xc3")));
    CHECK(rt_trie_remove(t, S("cafs")));
    CHECK_EQ_I64(rt_trie_len(rt_seq_new()), 0); /* §G.4: Seq length */
    CHECK(rt_trie_len(NULL) == 0 && rt_trie_is_empty(NULL) && !rt_trie_has(NULL, S("a")));
    CHECK_STR(rt_trie_longest_prefix(NULL, S("a")), "");
    rt_trie_put(NULL, S("a"), NULL);
    CHECK_EXITS(rt_trie_put(t, NULL, NULL), 1, "rt_string_cstr: null string");
    CHECK_EXITS(rt_trie_has(t, NULL), 1, "rt_string_cstr: null string");
    rt__obj_release_and_free(t);
}

static void test_bitset(void) {
    void *b = rt_bitset_new(10);
    CHECK_EQ_I64(rt_bitset_len(b), 10);
    CHECK(rt_bitset_is_empty(b));
    CHECK_STR(rt_bitset_to_string(b), "0");
    rt_bitset_set(b, 1);
    rt_bitset_set(b, 3);
    CHECK_STR(rt_bitset_to_string(b), "1010");
    CHECK_EQ_I64(rt_bitset_count(b), 2);
    CHECK(rt_bitset_get(b, 3) && !rt_bitset_get(b, 2) && !rt_bitset_get(b, -1) && !rt_bitset_get(b, 99));
    rt_bitset_toggle(b, 3);
    rt_bitset_toggle(b, 0);
    CHECK_STR(rt_bitset_to_string(b), "11");
    rt_bitset_clear(b, 1);
    rt_bitset_clear(b, 500); /* no growth */
    CHECK_EQ_I64(rt_bitset_len(b), 10);
    CHECK_STR(rt_bitset_to_string(b), "1");
    rt_bitset_set(b, 100); /* grows to 101 */
    CHECK_EQ_I64(rt_bitset_len(b), 101);
    CHECK(rt_bitset_get(b, 100) && !rt_bitset_get(b, 64));
    rt_bitset_set(b, -4);
    rt_bitset_toggle(b, -4);
    CHECK_EQ_I64(rt_bitset_count(b), 2);
    rt_bitset_set_all(b);
    CHECK_EQ_I64(rt_bitset_count(b), 101);
    rt_bitset_clear_all(b);
    CHECK(rt_bitset_is_empty(b));
    CHECK_EQ_I64(rt_bitset_len(b), 101);
    CHECK_EQ_I64(rt_bitset_len(rt_bitset_new(0)), 64);
    CHECK_EQ_I64(rt_bitset_len(rt_bitset_new(-3)), 64);
    void *x = rt_bitset_new(8), *y = rt_bitset_new(70);
    rt_bitset_set(x, 0);
    rt_bitset_set(x, 2);
    rt_bitset_set(y, 2);
    rt_bitset_set(y, 69);
    void *a = rt_bitset_and(x, y), *o = rt_bitset_or(x, y), *xo = rt_bitset_xor(x, y);
    CHECK_EQ_I64(rt_bitset_len(a), 70);
    CHECK_STR(rt_bitset_to_string(a), "100");
    CHECK_EQ_I64(rt_bitset_count(o), 3);
    CHECK(rt_bitset_get(o, 69) && rt_bitset_get(o, 0));
    CHECK_EQ_I64(rt_bitset_count(xo), 2);
    CHECK(!rt_bitset_get(xo, 2));
    void *n = rt_bitset_not(x);
    CHECK_EQ_I64(rt_bitset_len(n), 8);
    CHECK_STR(rt_bitset_to_string(n), "11111010");
    CHECK_EQ_I64(rt_bitset_len(rt_bitset_and(x, NULL)), 64);
    CHECK(rt_bitset_is_empty(rt_bitset_or(NULL, y)));
    CHECK_EQ_I64(rt_bitset_len(rt_bitset_not(NULL)), 64);
    void *w = rt_bitset_new(64);
    rt_bitset_set_all(w);
    CHECK_EQ_I64(rt_bitset_count(w), 64);
    CHECK_EQ_I64(rt_bitset_count(rt_bitset_not(w)), 0);
    CHECK_STR(rt_bitset_to_string(NULL), "0");
    CHECK(rt_bitset_len(NULL) == 0 && rt_bitset_count(NULL) == 0 && rt_bitset_is_empty(NULL));
    rt_bitset_set(NULL, 1);
    rt_bitset_set_all(NULL);
}

static void test_msgbus(void) {
    void *b = rt_msgbus_new();
    CHECK_EQ_I64(rt_msgbus_total_subscriptions(b), 0);
    CHECK_EQ_I64(rt_msgbus_subscriber_count(b, S("test-topic")), 0);
    CHECK_EQ_I64(rt_seq_len(rt_msgbus_topics(b)), 0);
    rt_msgbus_clear_topic(b, S("nonexistent-topic"));
    rt_msgbus_clear(b);
    CHECK_EQ_I64(rt_msgbus_total_subscriptions(b), 0);
    void *cb = rt_box_i64(1);
    CHECK_EQ_I64(rt__msgbus_subscribe(b, S("alpha"), cb), 1);
    CHECK_EQ_I64(rt__msgbus_subscribe(b, S("alpha"), cb), 2);
    CHECK_EQ_I64(rt__msgbus_subscribe(b, S("beta"), NULL), 3);
    CHECK_EQ_I64(rt__msgbus_subscribe(NULL, S("beta"), NULL), 0);
    CHECK_EQ_I64(REFCNT(cb), 3);
    CHECK_EQ_I64(rt_msgbus_subscriber_count(b, S("alpha")), 2);
    CHECK_EQ_I64(rt_msgbus_total_subscriptions(b), 3);
    void *topics = rt_msgbus_topics(b);
    CHECK_EQ_I64(rt_seq_len(topics), 2);
    /* bucket order: FNV-1a % 32 */
    const char *t0 = rt__str_bytes(SEQ_STR(topics, 0)), *t1 = rt__str_bytes(SEQ_STR(topics, 1));
    CHECK(rt__fnv1a(t0, strlen(t0)) % 32 <= rt__fnv1a(t1, strlen(t1)) % 32);
    rt_msgbus_clear_topic(b, S("alpha"));
    CHECK_EQ_I64(REFCNT(cb), 1);
    CHECK_EQ_I64(rt_msgbus_subscriber_count(b, S("alpha")), 0);
    CHECK_EQ_I64(rt_msgbus_total_subscriptions(b), 1);
    CHECK_EQ_I64(rt_seq_len(rt_msgbus_topics(b)), 1); /* alpha has no subscriber now */
    rt__msgbus_subscribe(b, S("alpha"), cb);
    CHECK_EQ_I64(rt_msgbus_subscriber_count(b, S("alpha")), 1);
    rt_msgbus_clear(b);
    CHECK_EQ_I64(rt_msgbus_total_subscriptions(b), 0);
    CHECK_EQ_I64(REFCNT(cb), 1);
    CHECK_EQ_I64(rt_seq_len(rt_msgbus_topics(b)), 0);
    CHECK_EQ_I64(rt_msgbus_subscriber_count(b, NULL), 0);
    CHECK_EQ_I64(rt_msgbus_subscriber_count(NULL, S("a")) + rt_msgbus_total_subscriptions(NULL), 0);
    CHECK_EQ_I64(rt_seq_len(rt_msgbus_topics(NULL)), 0);
    rt_msgbus_clear(NULL);
    rt_msgbus_clear_topic(NULL, S("a"));
    rt_msgbus_clear_topic(b, NULL);
    rt__msgbus_subscribe(b, S("gamma"), cb);
    rt__obj_release_and_free(b); /* finaliser releases callbacks */
    CHECK_EQ_I64(REFCNT(cb), 1);
}

void run_tests(void) {
    test_sortedset();
    test_countmap();
    test_lrucache();
    test_frozenmap();
    test_frozenset();
    test_intmap();
    test_bimap();
    test_orderedmap();
    test_trie();
    test_bitset();
    test_msgbus();
}
