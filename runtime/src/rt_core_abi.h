/*
 * rt_core_abi.h — prototypes of the runtime functions implemented by part A of the native runtime
 * (strings, console, conversion/formatting, math, RNG, diagnostics/environment, text utilities).
 * Each is declared with its IL-level widths (RUNTIME-ABI §0.1–§0.3): int64_t for i64, int32_t for
 * i32, int16_t for i16, bool for i1, double for f64, rt_string for str, void * for ptr/obj.
 * Every .c file of part A includes this header so definitions are checked against it.
 */
#ifndef VIPER_RT_CORE_ABI_H
#define VIPER_RT_CORE_ABI_H

#include "rt_internal.h"

/* ---- console (console.c) ---- */
void rt_print_str(rt_string s);
void rt_print_i64(int64_t v);
void rt_print_f64(double v);
void rt_term_print(rt_string s);
void rt_term_say(rt_string s);
void rt_term_say_i64(int64_t v);
void rt_term_say_f64(double v);
void rt_term_say_bool(int8_t v);
void rt_term_print_i64(int64_t v);
void rt_term_print_f64(double v);
void rt_term_flush(void);

/* ---- strings (string.c, string_ops.c) ---- */
int64_t rt_str_len(rt_string s);
rt_string rt_str_concat(rt_string a, rt_string b);
bool rt_str_eq(rt_string a, rt_string b);
int64_t rt_str_lt(rt_string a, rt_string b);
int64_t rt_str_le(rt_string a, rt_string b);
int64_t rt_str_gt(rt_string a, rt_string b);
int64_t rt_str_ge(rt_string a, rt_string b);
rt_string rt_str_left(rt_string s, int64_t n);
rt_string rt_str_right(rt_string s, int64_t n);
rt_string rt_str_mid(rt_string s, int64_t start);
rt_string rt_str_mid_len(rt_string s, int64_t start, int64_t len);
rt_string rt_str_substr(rt_string s, int64_t start, int64_t len);
rt_string rt_str_trim(rt_string s);
rt_string rt_str_ltrim(rt_string s);
rt_string rt_str_rtrim(rt_string s);
rt_string rt_str_ucase(rt_string s);
rt_string rt_str_lcase(rt_string s);
bool rt_str_has(rt_string s, rt_string needle);
bool rt_str_starts_with(rt_string s, rt_string p);
bool rt_str_ends_with(rt_string s, rt_string p);
int64_t rt_str_index_of(rt_string hay, rt_string needle);
int64_t rt_instr3(int64_t start, rt_string hay, rt_string needle);
bool rt_string_like(rt_string text, rt_string pattern);
bool rt_string_like_ci(rt_string text, rt_string pattern);
int64_t rt_str_asc(rt_string s);
rt_string rt_str_chr(int64_t code);
int64_t rt_str_split_fields(rt_string line, rt_string *out, int64_t max);
rt_string rt_csv_quote_alloc(rt_string v);

/* ---- conversion (convert.c) and Fmt (fmt.c) ---- */
rt_string rt_int_to_str(int64_t v);
rt_string rt_f64_to_str(double v);
rt_string rt_str_i32_alloc(int32_t v);
rt_string rt_str_i16_alloc(int16_t v);
rt_string rt_str_f_alloc(double v);
int64_t rt_to_int(rt_string s);
int32_t rt_parse_int64(const char *text, int64_t *out);
int32_t rt_parse_double(const char *text, double *out);
double rt_val_to_double(const char *s, bool *ok);
int64_t rt_cint_from_double(double x, bool *ok);
int64_t rt_clng_from_double(double x, bool *ok);
double rt_csng_from_double(double x, bool *ok);
double rt_cdbl_from_any(double x);
rt_string rt_fmt_int(int64_t v);
rt_string rt_fmt_num(double v);
rt_string rt_fmt_bool(bool v);
rt_string rt_fmt_bool_yn(bool v);

/* ---- math (math.c) ---- */
double rt_abs_f64(double x);
int64_t rt_abs_i64(int64_t x);
double rt_floor(double x);
double rt_int_floor(double x);
double rt_ceil(double x);
double rt_round(double x);
double rt_sqrt(double x);
double rt_sin(double x);
double rt_cos(double x);
double rt_tan(double x);
double rt_asin(double x);
double rt_acos(double x);
double rt_atan(double x);
double rt_atan2(double y, double x);
double rt_sinh(double x);
double rt_cosh(double x);
double rt_tanh(double x);
double rt_exp(double x);
double rt_log(double x);
double rt_log10(double x);
double rt_log2(double x);
double rt_trunc(double x);
double rt_fix_trunc(double x);
double rt_fmod(double x, double y);
double rt_hypot(double x, double y);
double rt_pow_f64(double b, double e);
double rt_math_pow(double b, double e);
double rt_pow_f64_chkdom(double b, double e);

/* ---- random numbers (random.c) ---- */
#define RT_RNG_INITIAL_STATE 0xDEADBEEFCAFEBABEULL
extern uint64_t rt__rng_state;
double rt_rnd(void);
void rt_randomize_i64(int64_t seed);

/* ---- diagnostics, environment, arguments (diag_env.c) ---- */
void rt_diag_assert(bool cond, rt_string msg);
void rt_diag_assert_fail(rt_string msg);
void rt_trap(rt_string msg);
void rt_env_exit(int64_t code);
int64_t rt_args_count(void);
rt_string rt_args_get(int64_t i);
rt_string rt_cmdline(void);

/* ---- text utilities (text.c, pattern.c, pluralize.c) ---- */
void *rt_ns_stringbuilder_new(void);
void *rt_text_sb_append(void *sb, rt_string s);
void *rt_text_sb_append_line(void *sb, rt_string s);
rt_string rt_text_sb_to_string(void *sb);
int64_t rt_text_sb_get_length(void *sb);
int64_t rt_text_sb_get_capacity(void *sb);
void rt_text_sb_clear(void *sb);
rt_string rt_html_to_text(rt_string s);
rt_string rt_html_strip_tags(rt_string s);
rt_string rt_html_unescape(rt_string s);
rt_string rt_html_escape(rt_string s);
int64_t rt_hash_fast(rt_string s);
int64_t rt_hash_fast_int(int64_t v);
int64_t rt_hash_crc32(rt_string s);
bool rt_pattern_is_match(rt_string text, rt_string pattern);
rt_string rt_pluralize(rt_string word);
rt_string rt_singularize(rt_string word);
rt_string rt_pluralize_count(int64_t count, rt_string word);

/* ---- extended-tier strings (string_ext.c) ---- */
bool rt_str_is_empty(rt_string s);
rt_string rt_str_clone(rt_string s);
rt_string rt_str_flip(rt_string s);
rt_string rt_str_repeat(rt_string s, int64_t count);
rt_string rt_str_replace(rt_string s, rt_string from, rt_string to);
rt_string rt_str_pad_left(rt_string s, int64_t width, rt_string pad);
rt_string rt_str_pad_right(rt_string s, int64_t width, rt_string pad);
int64_t rt_str_count(rt_string s, rt_string needle);
int64_t rt_str_cmp(rt_string a, rt_string b);
int64_t rt_str_cmp_nocase(rt_string a, rt_string b);
int64_t rt_str_index_of_from(rt_string s, int64_t start, rt_string needle);
int64_t rt_str_last_index_of(rt_string s, rt_string needle);
rt_string rt_str_capitalize(rt_string s);
rt_string rt_str_title(rt_string s);
rt_string rt_str_remove_prefix(rt_string s, rt_string p);
rt_string rt_str_remove_suffix(rt_string s, rt_string p);
rt_string rt_str_trim_char(rt_string s, rt_string ch);
rt_string rt_str_camel_case(rt_string s);
rt_string rt_str_pascal_case(rt_string s);
rt_string rt_str_snake_case(rt_string s);
rt_string rt_str_kebab_case(rt_string s);
rt_string rt_str_screaming_snake(rt_string s);
rt_string rt_str_slug(rt_string s);
int64_t rt_str_levenshtein(rt_string a, rt_string b);
double rt_str_jaro(rt_string a, rt_string b);
double rt_str_jaro_winkler(rt_string a, rt_string b);
int64_t rt_str_hamming(rt_string a, rt_string b);
void *rt_str_split(rt_string s, rt_string sep);
rt_string rt_str_join(rt_string sep, void *seq);

/* ---- extended-tier Fmt (fmt.c) ---- */
rt_string rt_fmt_int_radix(int64_t v, int64_t radix);
rt_string rt_fmt_hex(int64_t v);
rt_string rt_fmt_bin(int64_t v);
rt_string rt_fmt_oct(int64_t v);
rt_string rt_fmt_hex_pad(int64_t v, int64_t width);
rt_string rt_fmt_int_pad(int64_t v, int64_t width, rt_string pad);
rt_string rt_fmt_num_fixed(double v, int64_t decimals);
rt_string rt_fmt_num_sci(double v, int64_t decimals);
rt_string rt_fmt_num_pct(double v, int64_t decimals);
rt_string rt_fmt_size(int64_t bytes);
rt_string rt_fmt_int_grouped(int64_t v, rt_string sep);
rt_string rt_fmt_currency(double v, int64_t decimals, rt_string symbol);
rt_string rt_fmt_ordinal(int64_t v);
rt_string rt_fmt_to_words(int64_t v);

/* ---- extended-tier math (math_ext.c) ---- */
double rt_max_f64(double a, double b);
double rt_min_f64(double a, double b);
int64_t rt_max_i64(int64_t a, int64_t b);
int64_t rt_min_i64(int64_t a, int64_t b);
double rt_clamp_f64(double v, double lo, double hi);
int64_t rt_clamp_i64(int64_t v, int64_t lo, int64_t hi);
double rt_lerp(double a, double b, double t);
double rt_wrap_f64(double v, double lo, double hi);
int64_t rt_wrap_i64(int64_t v, int64_t lo, int64_t hi);
double rt_sgn_f64(double x);
int64_t rt_sgn_i64(int64_t x);
double rt_deg(double rad);
double rt_rad(double deg);
double rt_math_pi(void);
double rt_math_e(void);
double rt_math_tau(void);
int64_t rt_bits_and(int64_t a, int64_t b);
int64_t rt_bits_or(int64_t a, int64_t b);
int64_t rt_bits_xor(int64_t a, int64_t b);
int64_t rt_bits_not(int64_t a);
int64_t rt_bits_shl(int64_t v, int64_t n);
int64_t rt_bits_shr(int64_t v, int64_t n);
int64_t rt_bits_ushr(int64_t v, int64_t n);
int64_t rt_bits_rotl(int64_t v, int64_t n);
int64_t rt_bits_rotr(int64_t v, int64_t n);
int64_t rt_bits_set(int64_t v, int64_t i);
int64_t rt_bits_clear(int64_t v, int64_t i);
int64_t rt_bits_toggle(int64_t v, int64_t i);
bool rt_bits_get(int64_t v, int64_t i);
int64_t rt_bits_count(int64_t v);
int64_t rt_bits_leadz(int64_t v);
int64_t rt_bits_trailz(int64_t v);
int64_t rt_bits_flip(int64_t v);
int64_t rt_bits_swap(int64_t v);

#endif
