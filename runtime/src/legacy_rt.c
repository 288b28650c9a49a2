/*
 * legacy_rt.c — legacy BASIC helper `rt_val` (RUNTIME-SYSTEM.md §10). (rt_rnd / rt_randomize_i64
 * are in random.c, rt_trap in diag_env.c, the rt_term_* names in terminal.c.)
 *
 * rt_val(s): NULL traps `rt_val: null`. Leading white space is skipped; empty → 0. The words
 * inf / infinity / nan (any case, optional sign) trap `rt_val: overflow`. Otherwise the text must
 * start with a digit, `.digit`, or a sign followed by a digit or `.digit`, else the result is 0.
 * It is parsed with strtod in the C locale (hex `0x10` and exponents accepted); if parsing stops
 * at a `,` the result is 0; other trailing text is ignored; ±∞ (e.g. `1e400`) traps
 * `rt_val: overflow`. Text after an embedded NUL is ignored.
 */
#include "rt_system_abi.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <strings.h>

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

double rt_val(rt_string s) {
    if (!s)
        rt__trap("rt_val: null");
    const char *p = s->data;
    while (*p && isspace((unsigned char)*p))
        p++;
    if (*p == '\0')
        return 0.0;
    const char *q = p;
    if (*q == '+' || *q == '-')
        q++;
    if (strncasecmp(q, "inf", 3) == 0 || strncasecmp(q, "nan", 3) == 0)
        rt__trap("rt_val: overflow");
    if (!(is_digit(*q) || (*q == '.' && is_digit(q[1]))))
        return 0.0;
    char *end = NULL;
    double v = strtod(p, &end);
    if (end && *end == ',')
        return 0.0;
    if (isinf(v))
        rt__trap("rt_val: overflow");
    return v;
}
