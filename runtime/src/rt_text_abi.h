/*
 * rt_text_abi.h — prototypes of the Viper.Text runtime functions beyond the core string set (rt_core_abi.h):
 * codecs, patterns, JSON/JsonPath, Version, NumberFormat, TextWrapper, CSV, TOML, Markdown,
 * HTML, Scanner, Ini, Template, Diff (RUNTIME-ABI Appendix A, RUNTIME-EXTENDED.md).
 * Conventions (RUNTIME-ABI §0–§1): IL-level widths (int64_t for i64, bool for i1, double for f64,
 * rt_string for str, void * for ptr/obj); arguments are borrowed; returned strings and objects
 * are +1 unless noted. Sections are named after the file that defines them.
 */
#ifndef VIPER_RT_TEXT_ABI_H
#define VIPER_RT_TEXT_ABI_H

#include "rt_core_abi.h"
#include "rt_internal.h"
#include "rt_objects_abi.h"

/* ---- codec.c ---- */
rt_string rt_codec_base64_enc(rt_string s);
rt_string rt_codec_base64_dec(rt_string s);
rt_string rt_codec_hex_enc(rt_string s);
rt_string rt_codec_hex_dec(rt_string s);
rt_string rt_codec_url_encode(rt_string s);
rt_string rt_codec_url_decode(rt_string s);

/* ---- pattern_ext.c ---- */
rt_string rt_pattern_find(rt_string text, rt_string pattern);
rt_string rt_pattern_find_from(rt_string text, rt_string pattern, int64_t start);
int64_t rt_pattern_find_pos(rt_string text, rt_string pattern);
void *rt_pattern_find_all(rt_string text, rt_string pattern);
rt_string rt_pattern_replace(rt_string text, rt_string pattern, rt_string repl);
rt_string rt_pattern_replace_first(rt_string text, rt_string pattern, rt_string repl);
void *rt_pattern_split(rt_string text, rt_string pattern);
rt_string rt_pattern_escape(rt_string text);

/* ---- json.c (Viper.Text.Json; value model in rt_json_internal.h) ---- */
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

/* ---- csv.c (Viper.Text.Csv) ---- */
void *rt_csv_parse_line(rt_string line);
void *rt_csv_parse_line_with(rt_string line, rt_string delim);
void *rt_csv_parse(rt_string text);
void *rt_csv_parse_with(rt_string text, rt_string delim);
rt_string rt_csv_format_line(void *fields);
rt_string rt_csv_format_line_with(void *fields, rt_string delim);
rt_string rt_csv_format(void *rows);
rt_string rt_csv_format_with(void *rows, rt_string delim);

/* ---- toml.c (Viper.Text.Toml) ---- */
void *rt_toml_parse(rt_string text);
bool rt_toml_is_valid(rt_string text);
rt_string rt_toml_format(void *doc);
void *rt_toml_get(void *root, rt_string path);
rt_string rt_toml_get_str(void *root, rt_string path);

/* ---- markdown.c (Viper.Text.Markdown) ---- */
rt_string rt_markdown_to_html(rt_string text);
rt_string rt_markdown_to_text(rt_string text);
void *rt_markdown_extract_headings(rt_string text);
void *rt_markdown_extract_links(rt_string text);

/* ---- html_parse.c (Viper.Text.Html) ---- */
void *rt_html_parse(rt_string html);
void *rt_html_extract_links(rt_string html);
void *rt_html_extract_text(rt_string html, rt_string tag);

/* ---- scanner.c (Viper.Text.Scanner) ---- */
void *rt_scanner_new(rt_string text);
int64_t rt_scanner_pos(void *s);
int64_t rt_scanner_len(void *s);
int64_t rt_scanner_remaining(void *s);
bool rt_scanner_is_end(void *s);
void rt_scanner_set_pos(void *s, int64_t pos);
void rt_scanner_reset(void *s);
void rt_scanner_skip(void *s, int64_t n);
int64_t rt_scanner_peek(void *s);
int64_t rt_scanner_peek_at(void *s, int64_t offset);
int64_t rt_scanner_read(void *s);
rt_string rt_scanner_peek_str(void *s, int64_t n);
rt_string rt_scanner_read_str(void *s, int64_t n);
bool rt_scanner_match(void *s, int64_t c);
bool rt_scanner_accept(void *s, int64_t c);
bool rt_scanner_match_str(void *s, rt_string str);
bool rt_scanner_accept_str(void *s, rt_string str);
bool rt_scanner_accept_any(void *s, rt_string set);
int64_t rt_scanner_skip_whitespace(void *s);
rt_string rt_scanner_read_int(void *s);
rt_string rt_scanner_read_number(void *s);
rt_string rt_scanner_read_ident(void *s);
rt_string rt_scanner_read_quoted(void *s, int64_t quote);
rt_string rt_scanner_read_until(void *s, int64_t c);
rt_string rt_scanner_read_until_any(void *s, rt_string set);
rt_string rt_scanner_read_line(void *s);

/* ---- Viper.Text.Ini ---- */
rt_string rt_ini_format(void *); /* Viper.Text.Ini.Format */
rt_string rt_ini_get(void *, rt_string, rt_string); /* Viper.Text.Ini.Get */
bool rt_ini_has_section(void *, rt_string); /* Viper.Text.Ini.HasSection */
void *rt_ini_parse(rt_string); /* Viper.Text.Ini.Parse */
bool rt_ini_remove(void *, rt_string, rt_string); /* Viper.Text.Ini.Remove */
void *rt_ini_sections(void *); /* Viper.Text.Ini.Sections */
void rt_ini_set(void *, rt_string, rt_string, rt_string); /* Viper.Text.Ini.Set */

/* ---- Viper.Text.Template ---- */
rt_string rt_template_escape(rt_string); /* Viper.Text.Template.Escape */
bool rt_template_has(rt_string, rt_string); /* Viper.Text.Template.Has */
void *rt_template_keys(rt_string); /* Viper.Text.Template.Keys */
rt_string rt_template_render(rt_string, void *); /* Viper.Text.Template.Render */
rt_string rt_template_render_seq(rt_string, void *); /* Viper.Text.Template.RenderSeq */

/* ---- Viper.Text.Diff ---- */
int64_t rt_diff_count_changes(rt_string, rt_string); /* Viper.Text.Diff.CountChanges */
void *rt_diff_lines(rt_string, rt_string); /* Viper.Text.Diff.Lines */
rt_string rt_diff_patch(rt_string, void *); /* Viper.Text.Diff.Patch */
rt_string rt_diff_unified(rt_string, rt_string, int64_t); /* Viper.Text.Diff.Unified */

#endif
