/*
 * rt_data_internal.h — internal helpers shared by the data-format files (serialize.c, yaml.c).
 * Value model as JSON (rt_ext2_internal.h): mapping → Map, sequence → Seq, string → string handle,
 * number → f64 box, boolean → i1 box, null → NULL.
 */
#ifndef VIPER_RT_DATA_INTERNAL_H
#define VIPER_RT_DATA_INTERNAL_H

#include "rt_data_abi.h"
#include "rt_ext2_internal.h"

/* Parse n bytes of block-style YAML (subset, see yaml.c). Returns the +1 value and sets *ok; on
 * malformed or unsupported input returns NULL, *ok false and a static message in *err. */
void *rt__yaml_parse(const char *s, size_t n, bool *ok, const char **err);
/* Append the block-style YAML text of v with `indent` (>= 1) spaces per nesting level. */
void rt__yaml_write(rt_buf *b, void *v, int64_t indent);

#endif
