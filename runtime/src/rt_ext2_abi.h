/*
 * rt_ext2_abi.h — prototypes of the extended-tier runtime functions implemented by part D of the
 * native runtime (RUNTIME-ABI Appendix A): TreeMap, JSON / JsonPath, CountMap, Option, Version,
 * NumFormat, LruCache, TextWrap. Same conventions as rt_ext_abi.h: IL-level widths (int64_t for
 * i64, bool for i1, double for f64, rt_string for str, void * for ptr/obj); arguments borrowed;
 * returned strings and objects +1 unless noted.
 */
#ifndef VIPER_RT_EXT2_ABI_H
#define VIPER_RT_EXT2_ABI_H

#include "rt_internal.h"

/* ---- treemap.c (Viper.Collections.TreeMap: string keys in byte order) ---- */
void *rt_treemap_new(void);
int64_t rt_treemap_len(void *m);
bool rt_treemap_is_empty(void *m);
void rt_treemap_set(void *m, rt_string k, void *v);
void *rt_treemap_get(void *m, rt_string k);
bool rt_treemap_has(void *m, rt_string k);
bool rt_treemap_drop(void *m, rt_string k);
void rt_treemap_clear(void *m);
rt_string rt_treemap_first(void *m);
rt_string rt_treemap_last(void *m);
rt_string rt_treemap_floor(void *m, rt_string k);
rt_string rt_treemap_ceil(void *m, rt_string k);
void *rt_treemap_keys(void *m);
void *rt_treemap_values(void *m);

/* ---- json.c (Viper.Text.Json; value model in rt_ext2_internal.h) ---- */
void *rt_json_parse(rt_string text);
void *rt_json_parse_object(rt_string text);
void *rt_json_parse_array(rt_string text);
bool rt_json_is_valid(rt_string text);
rt_string rt_json_format(void *v);
rt_string rt_json_format_pretty(void *v, int64_t indent);
rt_string rt_json_type_of(void *v);

/* ---- jsonpath.c (Viper.Text.JsonPath) ---- */
void *rt_jsonpath_get(void *root, rt_string path);
void *rt_jsonpath_get_or(void *root, rt_string path, void *dflt);
bool rt_jsonpath_has(void *root, rt_string path);
rt_string rt_jsonpath_get_str(void *root, rt_string path);
int64_t rt_jsonpath_get_int(void *root, rt_string path);
void *rt_jsonpath_query(void *root, rt_string path);

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

/* ---- version.c (Viper.Text.Version) ---- */
void *rt_version_parse(rt_string s);
bool rt_version_is_valid(rt_string s);
int64_t rt_version_major(void *v);
int64_t rt_version_minor(void *v);
int64_t rt_version_patch(void *v);
rt_string rt_version_prerelease(void *v);
rt_string rt_version_build(void *v);
rt_string rt_version_to_string(void *v);
int64_t rt_version_cmp(void *a, void *b);
bool rt_version_satisfies(void *v, rt_string range);
rt_string rt_version_bump_major(void *v);
rt_string rt_version_bump_minor(void *v);
rt_string rt_version_bump_patch(void *v);

/* ---- numformat.c (Viper.Text.NumberFormat) ---- */
rt_string rt_numfmt_decimals(double x, int64_t d);
rt_string rt_numfmt_thousands(int64_t n, rt_string sep);
rt_string rt_numfmt_currency(double x, rt_string sym);
rt_string rt_numfmt_percent(double x);
rt_string rt_numfmt_ordinal(int64_t n);
rt_string rt_numfmt_to_words(int64_t n);
rt_string rt_numfmt_bytes(int64_t n);
rt_string rt_numfmt_pad(int64_t n, int64_t w);

/* ---- textwrap.c (Viper.Text.TextWrapper) ---- */
rt_string rt_textwrap_wrap(rt_string s, int64_t w);
void *rt_textwrap_wrap_lines(rt_string s, int64_t w);
rt_string rt_textwrap_fill(rt_string s, int64_t w);
rt_string rt_textwrap_indent(rt_string s, rt_string prefix);
rt_string rt_textwrap_hang(rt_string s, rt_string prefix);
rt_string rt_textwrap_dedent(rt_string s);
rt_string rt_textwrap_truncate(rt_string s, int64_t w);
rt_string rt_textwrap_truncate_with(rt_string s, int64_t w, rt_string suffix);
rt_string rt_textwrap_shorten(rt_string s, int64_t w);
rt_string rt_textwrap_left(rt_string s, int64_t w);
rt_string rt_textwrap_right(rt_string s, int64_t w);
rt_string rt_textwrap_center(rt_string s, int64_t w);
int64_t rt_textwrap_line_count(rt_string s);
int64_t rt_textwrap_max_line_len(rt_string s);

/* ---- lazy.c (Viper.Lazy) ---- */
void *rt_lazy_of(void *v);
void *rt_lazy_of_i64(int64_t v);
void *rt_lazy_of_str(rt_string s);
bool rt_lazy_is_evaluated(void *l);
void rt_lazy_force(void *l);
void *rt_lazy_get(void *l);
int64_t rt_lazy_get_i64(void *l);
rt_string rt_lazy_get_str(void *l);

/* ---- bloomfilter.c (Viper.Collections.BloomFilter) ---- */
void *rt_bloomfilter_new(int64_t n, double p);
void rt_bloomfilter_add(void *b, rt_string s);
bool rt_bloomfilter_might_contain(void *b, rt_string s);
int64_t rt_bloomfilter_count(void *b);
double rt_bloomfilter_fpr(void *b);
int64_t rt_bloomfilter_merge(void *a, void *b);
void rt_bloomfilter_clear(void *b);

#endif
