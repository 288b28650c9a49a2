/*
 * rt_lang_abi.h — prototypes of the language-level runtime types and helpers: Option, Result, Lazy,
 * LazySeq, Core.Parse, Core.Convert extensions, Core.MessageBus, Diagnostics asserts
 * (RUNTIME-ABI Appendix A, RUNTIME-EXTENDED.md).
 * Conventions (RUNTIME-ABI §0–§1): IL-level widths (int64_t for i64, bool for i1, double for f64,
 * rt_string for str, void * for ptr/obj); arguments are borrowed; returned strings and objects
 * are +1 unless noted. Sections are named after the file that defines them.
 */
#ifndef VIPER_RT_LANG_ABI_H
#define VIPER_RT_LANG_ABI_H

#include "rt_core_abi.h"
#include "rt_internal.h"
#include "rt_objects_abi.h"

/* ---- convert.c (part A file, extended function) ---- */
double rt_to_double(rt_string s);

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

/* ---- option.c (Viper.Option) ---- */
void *rt_option_none(void);
void *rt_option_some_i64(int64_t v);
void *rt_option_some_f64(double v);
void *rt_option_some_str(rt_string s);
bool rt_option_is_some(void *o);
bool rt_option_is_none(void *o);
int64_t rt_option_unwrap_i64(void *o);
double rt_option_unwrap_f64(void *o);
rt_string rt_option_unwrap_str(void *o);
int64_t rt_option_unwrap_or_i64(void *o, int64_t dflt);
double rt_option_unwrap_or_f64(void *o, double dflt);
rt_string rt_option_unwrap_or_str(void *o, rt_string dflt);
void *rt_option_expect(void *o, rt_string msg);
rt_string rt_option_to_string(void *o);

/* ---- lazy.c (Viper.Lazy) ---- */
void *rt_lazy_of(void *v);
void *rt_lazy_of_i64(int64_t v);
void *rt_lazy_of_str(rt_string s);
bool rt_lazy_is_evaluated(void *l);
void rt_lazy_force(void *l);
void *rt_lazy_get(void *l);
int64_t rt_lazy_get_i64(void *l);
rt_string rt_lazy_get_str(void *l);

/* ---- Viper.Core.MessageBus ---- */
void rt_msgbus_clear(void *); /* Viper.Core.MessageBus.Clear */
void rt_msgbus_clear_topic(void *, rt_string); /* Viper.Core.MessageBus.ClearTopic */
void *rt_msgbus_new(void); /* Viper.Core.MessageBus.New */
int64_t rt_msgbus_subscriber_count(void *, rt_string); /* Viper.Core.MessageBus.SubscriberCount */
void *rt_msgbus_topics(void *); /* Viper.Core.MessageBus.Topics */
int64_t rt_msgbus_total_subscriptions(void *); /* Viper.Core.MessageBus.get_TotalSubscriptions */

/* ---- Viper.Core.Parse ---- */
bool rt_parse_bool_or(rt_string, bool); /* Viper.Core.Parse.BoolOr */
int64_t rt_parse_int_or(rt_string, int64_t); /* Viper.Core.Parse.IntOr */
int64_t rt_parse_int_radix(rt_string, int64_t, int64_t); /* Viper.Core.Parse.IntRadix */
bool rt_parse_is_int(rt_string); /* Viper.Core.Parse.IsInt */
bool rt_parse_is_num(rt_string); /* Viper.Core.Parse.IsNum */
double rt_parse_num_or(rt_string, double); /* Viper.Core.Parse.NumOr */

/* ---- Viper.Core.Convert ---- */
int64_t rt_f64_to_i64(double); /* Viper.Core.Convert.NumToInt.NumToInt */

/* ---- Viper.Result ---- */
void *rt_result_err_str(rt_string); /* Viper.Result.ErrStr */
void *rt_result_expect(void *, rt_string); /* Viper.Result.Expect */
void *rt_result_ok_f64(double); /* Viper.Result.OkF64 */
void *rt_result_ok_i64(int64_t); /* Viper.Result.OkI64 */
void *rt_result_ok_str(rt_string); /* Viper.Result.OkStr */
rt_string rt_result_to_string(void *); /* Viper.Result.ToString */
rt_string rt_result_unwrap_err_str(void *); /* Viper.Result.UnwrapErrStr */
double rt_result_unwrap_f64(void *); /* Viper.Result.UnwrapF64 */
int64_t rt_result_unwrap_i64(void *); /* Viper.Result.UnwrapI64 */
double rt_result_unwrap_or_f64(void *, double); /* Viper.Result.UnwrapOrF64 */
int64_t rt_result_unwrap_or_i64(void *, int64_t); /* Viper.Result.UnwrapOrI64 */
rt_string rt_result_unwrap_or_str(void *, rt_string); /* Viper.Result.UnwrapOrStr */
rt_string rt_result_unwrap_str(void *); /* Viper.Result.UnwrapStr */
bool rt_result_is_err(void *); /* Viper.Result.get_IsErr */
bool rt_result_is_ok(void *); /* Viper.Result.get_IsOk */

/* ---- Viper.LazySeq ---- */
void *rt_lazyseq_w_concat(void *, void *); /* Viper.LazySeq.Concat */
int64_t rt_lazyseq_w_count(void *); /* Viper.LazySeq.Count */
void *rt_lazyseq_w_drop(void *, int64_t); /* Viper.LazySeq.Drop */
void *rt_lazyseq_w_next(void *); /* Viper.LazySeq.Next */
void *rt_lazyseq_w_peek(void *); /* Viper.LazySeq.Peek */
void *rt_lazyseq_w_range(int64_t, int64_t, int64_t); /* Viper.LazySeq.Range */
void *rt_lazyseq_w_repeat(void *, int64_t); /* Viper.LazySeq.Repeat */
void rt_lazyseq_w_reset(void *); /* Viper.LazySeq.Reset */
void *rt_lazyseq_w_take(void *, int64_t); /* Viper.LazySeq.Take */
void *rt_lazyseq_w_to_seq_n(void *, int64_t); /* Viper.LazySeq.ToSeqN */
int64_t rt_lazyseq_w_index(void *); /* Viper.LazySeq.get_Index */
bool rt_lazyseq_w_is_exhausted(void *); /* Viper.LazySeq.get_IsExhausted */

#endif
