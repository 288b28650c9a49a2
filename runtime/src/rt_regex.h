/*
 * rt_regex.h — the compiled regular expressions of pattern.c (Viper.Text.Pattern syntax, see
 * RUNTIME-ABI §3.11), exposed for the other Pattern functions (pattern_ext.c).
 */
#ifndef VIPER_RT_REGEX_H
#define VIPER_RT_REGEX_H

#include "rt_internal.h"

/* ---- regular expressions (pattern.c) ---- */
typedef struct rt_regex rt_regex;
/* Compile pattern (traps on NULL or a malformed pattern, as Pattern.IsMatch). Free with rt__rx_free. */
rt_regex *rt__rx_compile(rt_string pattern);
/* First match in text[0..len) starting at an offset >= from: [*mstart, *mend); false if none. */
bool rt__rx_search(const rt_regex *rx, const char *text, size_t len, size_t from, size_t *mstart,
                   size_t *mend);
void rt__rx_free(rt_regex *rx);

#endif
