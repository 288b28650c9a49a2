/*
 * fmt.c — Viper.Fmt.* text formatting (RUNTIME-ABI §3.3 core rows: Int, Num, Bool, BoolYN).
 * Every function returns a new +1 string.
 */
#include "rt_core_abi.h"

rt_string rt_fmt_int(int64_t v) {
    return rt_int_to_str(v);
}

rt_string rt_fmt_num(double v) {
    char buf[32];
    return rt__str_new(buf, rt__format_g(v, buf));
}

rt_string rt_fmt_bool(bool v) {
    return v ? rt__str_new("true", 4) : rt__str_new("false", 5);
}

rt_string rt_fmt_bool_yn(bool v) {
    return v ? rt__str_new("yes", 3) : rt__str_new("no", 2);
}
