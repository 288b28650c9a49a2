/* test_ext3_collections.c — part E Iterator and MemStream: edge cases and the values the corpus
 * programs (test_iterator, memstream_demo) check. */
#include "test_ext_check.h"
#include "rt_collections_abi.h"
#include "rt_io_abi.h"
#include "rt_text_abi.h"

static void test_iterator(void) {
    void *s = rt_seq_new();
    for (int i = 1; i <= 3; i++)
        rt_seq_push(s, rt_box_i64(i * 10));
    void *it = rt_iter_from_seq(s);
    CHECK_EQ_I64(rt_iter_count(it), 3);
    CHECK_EQ_I64(rt_iter_index(it), 0);
    CHECK(rt_iter_has_next(it));
    CHECK_EQ_I64(rt_unbox_i64(rt_iter_next(it)), 10);
    CHECK_EQ_I64(rt_iter_index(it), 1);
    CHECK_EQ_I64(rt_unbox_i64(rt_iter_peek(it)), 20);
    CHECK_EQ_I64(rt_iter_index(it), 1);
    rt_iter_next(it);
    CHECK_EQ_I64(rt_iter_skip(it, 5), 1);
    CHECK(!rt_iter_has_next(it));
    CHECK(rt_iter_next(it) == NULL && rt_iter_peek(it) == NULL);
    CHECK_EQ_I64(rt_iter_index(it), 3);
    rt_iter_reset(it);
    CHECK_EQ_I64(rt_iter_index(it), 0);
    CHECK_EQ_I64(rt_iter_skip(it, -1), 0);
    rt_iter_next(it);
    void *rest = rt_iter_to_seq(it);
    CHECK_EQ_I64(rt_seq_len(rest), 2);
    CHECK(!rt_iter_has_next(it));
    rt_seq_push(s, rt_box_i64(40)); /* snapshot: not seen */
    CHECK_EQ_I64(rt_iter_count(it), 3);
    void *m = rt_map_new();
    rt_map_set(m, S("a"), rt_box_i64(1));
    rt_map_set(m, S("b"), rt_box_i64(2));
    void *k = rt_iter_from_map_keys(m);
    CHECK_EQ_I64(rt_iter_count(k), 2);
    CHECK_STR(rt_iter_next(k), "a");
    CHECK_EQ_I64(rt_unbox_i64(rt_iter_next(rt_iter_from_map_values(m))), 1);
    void *set = rt_set_new();
    rt_set_put(set, rt_box_i64(42));
    rt_set_put(set, rt_box_i64(99));
    CHECK_EQ_I64(rt_iter_count(rt_iter_from_set(set)), 2);
    void *l = rt_ns_list_new();
    rt_list_push(l, rt_box_i64(100));
    CHECK_EQ_I64(rt_iter_count(rt_iter_from_list(l)), 1);
    void *r = rt_ring_new(2);
    for (int i = 1; i <= 3; i++)
        rt_ring_push(r, rt_box_i64(i));
    void *ri = rt_iter_from_ring(r);
    CHECK_EQ_I64(rt_iter_count(ri), 2);
    CHECK_EQ_I64(rt_unbox_i64(rt_iter_next(ri)), 2);
    CHECK_EQ_I64(rt_iter_count(rt_iter_from_seq(NULL)), 0);
    CHECK_EQ_I64(rt_iter_count(rt_iter_from_set(s)), 0); /* wrong kind: empty */
    CHECK(!rt_iter_has_next(NULL) && rt_iter_next(NULL) == NULL && rt_iter_index(NULL) == 0);
    CHECK_EQ_I64(rt_seq_len(rt_iter_to_seq(NULL)), 0);
    rt__obj_release_and_free(it);
}

static void test_memstream(void) {
    void *m = rt_memstream_new();
    CHECK_EQ_I64(rt_memstream_get_pos(m), 0);
    CHECK_EQ_I64(rt_memstream_get_len(m), 0);
    CHECK_EQ_I64(rt_memstream_get_capacity(m), 0);
    rt_memstream_write_i8(m, 42);
    rt_memstream_write_i8(m, -7);
    CHECK_EQ_I64(rt_memstream_get_pos(m), 2);
    rt_memstream_seek(m, 0);
    CHECK_EQ_I64(rt_memstream_read_i8(m), 42);
    CHECK_EQ_I64(rt_memstream_read_i8(m), -7);
    rt_memstream_clear(m);
    rt_memstream_write_i32(m, 100000);
    rt_memstream_write_i32(m, -99999);
    rt_memstream_write_i64(m, 123456789012LL);
    rt_memstream_write_u16(m, 60000);
    rt_memstream_write_u32(m, 3000000000LL);
    rt_memstream_write_i16(m, -2);
    rt_memstream_write_u8(m, 200);
    rt_memstream_seek(m, 0);
    CHECK_EQ_I64(rt_memstream_read_i32(m), 100000);
    CHECK_EQ_I64(rt_memstream_read_i32(m), -99999);
    CHECK_EQ_I64(rt_memstream_read_i64(m), 123456789012LL);
    CHECK_EQ_I64(rt_memstream_read_u16(m), 60000);
    CHECK_EQ_I64(rt_memstream_read_u32(m), 3000000000LL);
    CHECK_EQ_I64(rt_memstream_read_i16(m), -2);
    CHECK_EQ_I64(rt_memstream_read_u8(m), 200);
    CHECK_EXITS(rt_memstream_read_i8(m), 1, "MemStream.ReadI8: insufficient bytes");
    rt_memstream_clear(m);
    CHECK_EQ_I64(rt_memstream_get_len(m), 0);
    rt_memstream_write_str(m, S("Hello Viper"));
    CHECK_EQ_I64(rt_memstream_get_len(m), 11);
    rt_memstream_seek(m, 0);
    CHECK_STR(rt_memstream_read_str(m, 11), "Hello Viper");
    CHECK_STR(rt_memstream_read_str(m, 0), "");
    rt_memstream_clear(m);
    void *b = rt_bytes_new(3);
    rt_bytes_set(b, 0, 10);
    rt_bytes_set(b, 2, 30);
    rt_memstream_write_bytes(m, b);
    rt_memstream_seek(m, 0);
    void *rb = rt_memstream_read_bytes(m, 3);
    CHECK_EQ_I64(rt_bytes_get(rb, 2), 30);
    CHECK_EQ_I64(rt_bytes_len(rt_memstream_to_bytes(m)), 3);
    rt_memstream_seek(m, 5); /* gap reads as zeros */
    rt_memstream_write_u8(m, 9);
    CHECK_EQ_I64(rt_memstream_get_len(m), 6);
    rt_memstream_seek(m, 3);
    CHECK_EQ_I64(rt_memstream_read_u16(m), 0);
    CHECK_EXITS(rt_memstream_skip(m, -100), 1, "MemStream.Skip: would result in negative position");
    rt_memstream_seek(m, 0);
    rt_memstream_skip(m, 2);
    CHECK_EQ_I64(rt_memstream_read_u8(m), 30);
    CHECK_EXITS(rt_memstream_seek(m, -1), 1, "MemStream.set_Pos: negative position");
    void *c = rt_memstream_new_capacity(1024);
    CHECK_EQ_I64(rt_memstream_get_capacity(c), 1024);
    CHECK_EQ_I64(rt_memstream_get_len(c), 0);
    CHECK_EQ_I64(rt_memstream_get_len(NULL), 0);
    CHECK_EXITS(rt_memstream_write_i8(NULL, 1), 1, "MemStream.WriteI8: null stream");
    CHECK_EXITS(rt_memstream_to_bytes(NULL), 1, "MemStream.ToBytes: null stream");
    CHECK_EXITS(rt_memstream_read_i32(NULL), 1, "MemStream.ReadI32: null stream");
    rt__obj_release_and_free(m);
}

void run_tests(void) {
    test_iterator();
    test_memstream();
}
