/*
 * rt_data_internal.h — internal helpers shared by the data-format files (serialize.c, yaml.c).
 * Value model as JSON (rt_json_internal.h): mapping → Map, sequence → Seq, string → string handle,
 * number → f64 box, boolean → i1 box, null → NULL.
 */
#ifndef VIPER_RT_DATA_INTERNAL_H
#define VIPER_RT_DATA_INTERNAL_H

#include "rt_data_abi.h"
#include "rt_json_internal.h"

/* Parse n bytes of block-style YAML (subset, see yaml.c). Returns the +1 value and sets *ok; on
 * malformed or unsupported input returns NULL, *ok false and a static message in *err. */
void *rt__yaml_parse(const char *s, size_t n, bool *ok, const char **err);
/* Append the block-style YAML text of v with `indent` (>= 1) spaces per nesting level. */
void rt__yaml_write(rt_buf *b, void *v, int64_t indent);

/* ---- XML nodes (xml.c, xml_text.c) ---- */
typedef struct rt_xnode {
    void *vptr;   /* NULL (collection convention) */
    int64_t kind; /* enum rt_xml_kind */
    rt_string name; /* element tag; text/comment/CDATA content; NULL for documents */
    rt_string *attr_names, *attr_values; /* element attributes in insertion order */
    int64_t nattrs;
    struct rt_xnode **kids; /* owned (+1) children of elements and documents */
    int64_t nkids, capkids;
    struct rt_xnode *parent; /* weak back pointer, NULL when detached */
} rt_xnode;

/* p as an XML node, or NULL. */
rt_xnode *rt__xml_node(void *p);
/* New +1 node of the kind with a copy-reference of name (NULL allowed for documents). */
rt_xnode *rt__xml_new(int64_t kind, rt_string name);
/* Append child to parent, taking over the caller's reference (parser use: no checks). */
void rt__xml_push_owned(rt_xnode *parent, rt_xnode *child);
/* Append the XML entity-escaped form of n bytes: & < > always, also " when quotes. */
void rt__xml_put_escaped(rt_buf *b, const char *s, size_t n, bool quotes);

#endif
