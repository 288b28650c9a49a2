/*
 * rt_json_internal.h — internal helpers of the JSON files of the runtime (JSON value
 * model used by json.c and jsonpath.c).
 *
 * JSON value model: object → Map (rt_map_*), array → Seq, string → a plain string handle,
 * number → f64 box, true/false → i1 box, null → NULL.
 */
#ifndef VIPER_RT_JSON_INTERNAL_H
#define VIPER_RT_JSON_INTERNAL_H

#include "rt_collections_abi.h"
#include "rt_lang_abi.h"
#include "rt_text_abi.h"
#include "rt_codec_internal.h"

/* Parse n bytes of JSON text (one value, surrounding whitespace allowed). Returns the +1 value
 * (NULL for `null`) and sets *ok; on malformed input returns NULL with *ok false and *err_pos the
 * byte offset of the error. */
void *rt__json_parse_text(const char *s, size_t n, bool *ok, size_t *err_pos);
/* The JSON type name of a value: object, array, string, number, boolean, null, or unknown. */
const char *rt__json_type_name(void *v);
/* Append the JSON text of v; indent 0 = compact, else pretty with `indent` spaces per level. */
void rt__json_write(rt_buf *b, void *v, int64_t indent, int64_t depth);

#endif
