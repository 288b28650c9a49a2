/*
 * rt_ext3_abi.h — prototypes of the part-E runtime functions (extended tier): CSV, TOML, Markdown,
 * HTML parsing, and the collections/streams added with them. Conventions as everywhere: arguments
 * are borrowed, returned strings/objects are +1, NULL handles read as empty.
 */
#ifndef VIPER_RT_EXT3_ABI_H
#define VIPER_RT_EXT3_ABI_H

#include "rt_core_abi.h"
#include "rt_objects_abi.h"

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

/* ---- iterator.c (Viper.Collections.Iterator) ---- */
void *rt_iter_from_seq(void *s);
void *rt_iter_from_list(void *l);
void *rt_iter_from_set(void *s);
void *rt_iter_from_map_keys(void *m);
void *rt_iter_from_map_values(void *m);
void *rt_iter_from_ring(void *r);
int64_t rt_iter_count(void *it);
int64_t rt_iter_index(void *it);
bool rt_iter_has_next(void *it);
void *rt_iter_next(void *it);
void *rt_iter_peek(void *it);
int64_t rt_iter_skip(void *it, int64_t n);
void rt_iter_reset(void *it);
void *rt_iter_to_seq(void *it);

/* ---- memstream.c (Viper.IO.MemStream) ---- */
void *rt_memstream_new(void);
void *rt_memstream_new_capacity(int64_t cap);
int64_t rt_memstream_get_len(void *m);
int64_t rt_memstream_get_pos(void *m);
int64_t rt_memstream_get_capacity(void *m);
void rt_memstream_write_i8(void *m, int64_t v);
void rt_memstream_write_u8(void *m, int64_t v);
void rt_memstream_write_i16(void *m, int64_t v);
void rt_memstream_write_u16(void *m, int64_t v);
void rt_memstream_write_i32(void *m, int64_t v);
void rt_memstream_write_u32(void *m, int64_t v);
void rt_memstream_write_i64(void *m, int64_t v);
int64_t rt_memstream_read_i8(void *m);
int64_t rt_memstream_read_u8(void *m);
int64_t rt_memstream_read_i16(void *m);
int64_t rt_memstream_read_u16(void *m);
int64_t rt_memstream_read_i32(void *m);
int64_t rt_memstream_read_u32(void *m);
int64_t rt_memstream_read_i64(void *m);
void rt_memstream_write_str(void *m, rt_string s);
rt_string rt_memstream_read_str(void *m, int64_t n);
void rt_memstream_write_bytes(void *m, void *bytes);
void *rt_memstream_read_bytes(void *m, int64_t n);
void *rt_memstream_to_bytes(void *m);
void rt_memstream_seek(void *m, int64_t pos);
void rt_memstream_skip(void *m, int64_t n);
void rt_memstream_clear(void *m);

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

#endif
