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

#endif
