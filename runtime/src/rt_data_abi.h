/*
 * rt_data_abi.h — prototypes of the data-format runtime functions (extended tier): the pull-style
 * JSON tokenizer (jsonstream.c), XML documents (xml.c) and the format-neutral Serialize facade
 * (serialize.c). Conventions as everywhere: arguments are borrowed, returned strings/objects are
 * +1, NULL handles read as empty.
 */
#ifndef VIPER_RT_DATA_ABI_H
#define VIPER_RT_DATA_ABI_H

#include "rt_core_abi.h"
#include "rt_objects_abi.h"

/* ---- jsonstream.c (Viper.Text.JsonStream) ---- */
enum rt_json_tok {
    RT_JTOK_NONE = 0,
    RT_JTOK_OBJECT_START = 1,
    RT_JTOK_OBJECT_END = 2,
    RT_JTOK_ARRAY_START = 3,
    RT_JTOK_ARRAY_END = 4,
    RT_JTOK_KEY = 5,
    RT_JTOK_STRING = 6,
    RT_JTOK_NUMBER = 7,
    RT_JTOK_BOOL = 8,
    RT_JTOK_NULL = 9,
    RT_JTOK_END = 10,
    RT_JTOK_ERROR = 11,
};
void *rt_json_stream_new(rt_string text);
int64_t rt_json_stream_next(void *s);
int64_t rt_json_stream_token_type(void *s);
bool rt_json_stream_has_next(void *s);
rt_string rt_json_stream_string_value(void *s);
double rt_json_stream_number_value(void *s);
bool rt_json_stream_bool_value(void *s);
int64_t rt_json_stream_depth(void *s);
void rt_json_stream_skip(void *s);
rt_string rt_json_stream_error(void *s);

/* ---- xml.c (Viper.Data.Xml): node types 1 element, 2 text, 3 comment, 4 CDATA, 5 document ---- */
enum rt_xml_kind { RT_XML_ELEMENT = 1, RT_XML_TEXT = 2, RT_XML_COMMENT = 3, RT_XML_CDATA = 4,
                   RT_XML_DOCUMENT = 5 };
void *rt_xml_parse(rt_string text);
bool rt_xml_is_valid(rt_string text);
void *rt_xml_element(rt_string tag);
void *rt_xml_text(rt_string content);
void *rt_xml_comment(rt_string content);
void *rt_xml_cdata(rt_string content);
int64_t rt_xml_node_type(void *node);
rt_string rt_xml_tag(void *node);
rt_string rt_xml_content(void *node);
rt_string rt_xml_text_content(void *node);
rt_string rt_xml_attr(void *node, rt_string name);
bool rt_xml_has_attr(void *node, rt_string name);
void rt_xml_set_attr(void *node, rt_string name, rt_string value);
bool rt_xml_remove_attr(void *node, rt_string name);
void *rt_xml_attr_names(void *node);
int64_t rt_xml_child_count(void *node);
void *rt_xml_child_at(void *node, int64_t i);
void *rt_xml_children(void *node);
void rt_xml_append(void *parent, void *child);
bool rt_xml_remove(void *parent, void *child);
void *rt_xml_find(void *node, rt_string tag);
void *rt_xml_find_all(void *node, rt_string tag);
rt_string rt_xml_format(void *node);
rt_string rt_xml_format_pretty(void *node, int64_t indent);
rt_string rt_xml_escape(rt_string text);
rt_string rt_xml_unescape(rt_string text);

/* ---- serialize.c (Viper.Data.Serialize): format ids 0 JSON, 1 XML, 2 YAML, 3 TOML ---- */
rt_string rt_serialize_format_name(int64_t fmt);
rt_string rt_serialize_mime_type(int64_t fmt);
int64_t rt_serialize_format_from_name(rt_string name);
int64_t rt_serialize_detect(rt_string text);
bool rt_serialize_is_valid(rt_string text, int64_t fmt);
void *rt_serialize_parse(rt_string text, int64_t fmt);
void *rt_serialize_auto_parse(rt_string text);
rt_string rt_serialize_format(void *v, int64_t fmt);
rt_string rt_serialize_format_pretty(void *v, int64_t fmt, int64_t indent);
rt_string rt_serialize_convert(rt_string text, int64_t from, int64_t to);
rt_string rt_serialize_error(void);

#endif
