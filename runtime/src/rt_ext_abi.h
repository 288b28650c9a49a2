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

#endif
