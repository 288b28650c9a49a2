/*
 * rt_ext_abi.h — prototypes of the extended-tier runtime functions implemented by part C of the
 * native runtime (RUNTIME-ABI Appendix A). Declared with the IL-level widths (RUNTIME-ABI §0.1–§0.3):
 * int64_t for i64, bool for i1, double for f64, rt_string for str, void * for ptr/obj.
 * Every part-C .c file includes this header (via rt_ext_internal.h) so definitions are checked.
 * Arguments are borrowed; returned strings and objects are +1 unless noted.
 */
#ifndef VIPER_RT_EXT_ABI_H
#define VIPER_RT_EXT_ABI_H

#include "rt_internal.h"

/* ---- convert.c (part A file, extended function) ---- */
double rt_to_double(rt_string s);

/* ---- system_ext.c ---- */
void rt_term_begin_batch(void);
void rt_term_end_batch(void);
int64_t rt_gc_collect(void);
int64_t rt_gc_pass_count(void);
int64_t rt_gc_total_collected(void);
int64_t rt_gc_tracked_count(void);
void rt_log_set_level(int64_t level);
bool rt_log_enabled(int64_t level);
void rt_log_debug(rt_string msg);
void rt_log_info(rt_string msg);
void rt_log_warn(rt_string msg);
void rt_log_error(rt_string msg);

/* ---- assert_ext.c ---- */
void rt_diag_assert_eq(int64_t expected, int64_t actual, rt_string msg);
void rt_diag_assert_neq(int64_t a, int64_t b, rt_string msg);
void rt_diag_assert_gt(int64_t a, int64_t b, rt_string msg);
void rt_diag_assert_gte(int64_t a, int64_t b, rt_string msg);
void rt_diag_assert_lt(int64_t a, int64_t b, rt_string msg);
void rt_diag_assert_lte(int64_t a, int64_t b, rt_string msg);
void rt_diag_assert_eq_num(double expected, double actual, rt_string msg);
void rt_diag_assert_eq_str(rt_string expected, rt_string actual, rt_string msg);
void rt_diag_assert_null(void *p, rt_string msg);
void rt_diag_assert_not_null(void *p, rt_string msg);

/* ---- codec.c ---- */
rt_string rt_codec_base64_enc(rt_string s);
rt_string rt_codec_base64_dec(rt_string s);
rt_string rt_codec_hex_enc(rt_string s);
rt_string rt_codec_hex_dec(rt_string s);
rt_string rt_codec_url_encode(rt_string s);
rt_string rt_codec_url_decode(rt_string s);

/* ---- bytes.c ---- */
void *rt_bytes_new(int64_t len);
int64_t rt_bytes_len(void *b);
int64_t rt_bytes_get(void *b, int64_t i);
void rt_bytes_set(void *b, int64_t i, int64_t v);
void *rt_bytes_from_str(rt_string s);
rt_string rt_bytes_to_str(void *b);
rt_string rt_bytes_to_hex(void *b);
void *rt_bytes_from_hex(rt_string s);
rt_string rt_bytes_to_base64(void *b);
void *rt_bytes_from_base64(rt_string s);
void rt_bytes_fill(void *b, int64_t v);
int64_t rt_bytes_find(void *b, int64_t v);
void *rt_bytes_clone(void *b);
void *rt_bytes_slice(void *b, int64_t start, int64_t end);
void rt_bytes_copy(void *dst, int64_t dst_off, void *src, int64_t src_off, int64_t n);

/* ---- pattern_ext.c ---- */
rt_string rt_pattern_find(rt_string text, rt_string pattern);
rt_string rt_pattern_find_from(rt_string text, rt_string pattern, int64_t start);
int64_t rt_pattern_find_pos(rt_string text, rt_string pattern);
void *rt_pattern_find_all(rt_string text, rt_string pattern);
rt_string rt_pattern_replace(rt_string text, rt_string pattern, rt_string repl);
rt_string rt_pattern_replace_first(rt_string text, rt_string pattern, rt_string repl);
void *rt_pattern_split(rt_string text, rt_string pattern);
rt_string rt_pattern_escape(rt_string text);

/* ---- setdeque.c ---- */
void *rt_set_new(void);
int64_t rt_set_len(void *s);
bool rt_set_is_empty(void *s);
bool rt_set_has(void *s, void *x);
bool rt_set_put(void *s, void *x);
bool rt_set_drop(void *s, void *x);
void *rt_deque_new(void);
int64_t rt_deque_len(void *d);
int64_t rt_deque_cap(void *d);
bool rt_deque_is_empty(void *d);
void rt_deque_push_back(void *d, void *x);
void rt_deque_push_front(void *d, void *x);
void *rt_deque_pop_front(void *d);
void *rt_deque_pop_back(void *d);
void *rt_deque_peek_front(void *d);
void *rt_deque_peek_back(void *d);
void *rt_deque_get(void *d, int64_t i);
void rt_deque_set(void *d, int64_t i, void *x);
bool rt_deque_has(void *d, void *x);
void rt_deque_reverse(void *d);
void rt_deque_clear(void *d);
void *rt_deque_clone(void *d);

/* ---- sparse.c ---- */
void *rt_sparse_new(void);
int64_t rt_sparse_len(void *s);
void rt_sparse_set(void *s, int64_t i, void *v);
void *rt_sparse_get(void *s, int64_t i);
bool rt_sparse_has(void *s, int64_t i);
bool rt_sparse_remove(void *s, int64_t i);
void rt_sparse_clear(void *s);
void *rt_sparse_indices(void *s);
void *rt_sparse_values(void *s);

/* ---- weakmap.c ---- */
void *rt_weakmap_new(void);
int64_t rt_weakmap_len(void *m);
bool rt_weakmap_is_empty(void *m);
void rt_weakmap_set(void *m, rt_string k, void *v);
void *rt_weakmap_get(void *m, rt_string k);
bool rt_weakmap_has(void *m, rt_string k);
bool rt_weakmap_remove(void *m, rt_string k);
void rt_weakmap_clear(void *m);
void *rt_weakmap_keys(void *m);
int64_t rt_weakmap_compact(void *m);

/* ---- bag.c ---- */
void *rt_bag_new(void);
int64_t rt_bag_len(void *b);
bool rt_bag_is_empty(void *b);
bool rt_bag_put(void *b, rt_string s);
bool rt_bag_has(void *b, rt_string s);
bool rt_bag_drop(void *b, rt_string s);
void rt_bag_clear(void *b);
void *rt_bag_items(void *b);
void *rt_bag_merge(void *a, void *b);
void *rt_bag_common(void *a, void *b);
void *rt_bag_diff(void *a, void *b);

/* ---- pqueue.c (Viper.Collections.Heap) ---- */
void *rt_pqueue_new(void);
void *rt_pqueue_new_max(bool is_max);
int64_t rt_pqueue_len(void *q);
bool rt_pqueue_is_empty(void *q);
bool rt_pqueue_is_max(void *q);
void rt_pqueue_push(void *q, int64_t prio, void *v);
void *rt_pqueue_pop(void *q);
void *rt_pqueue_peek(void *q);
void *rt_pqueue_try_pop(void *q);
void *rt_pqueue_try_peek(void *q);
void rt_pqueue_clear(void *q);
void *rt_pqueue_to_seq(void *q);

/* ---- unionfind.c ---- */
void *rt_unionfind_new(int64_t n);
int64_t rt_unionfind_find(void *u, int64_t x);
int64_t rt_unionfind_union(void *u, int64_t a, int64_t b);
bool rt_unionfind_connected(void *u, int64_t a, int64_t b);
int64_t rt_unionfind_set_size(void *u, int64_t x);
int64_t rt_unionfind_count(void *u);
void rt_unionfind_reset(void *u);

#endif
