/* test_ext_check.h — helpers shared by the part-C tests (test_ext_*.c). */
#ifndef VIPER_TEST_EXT_CHECK_H
#define VIPER_TEST_EXT_CHECK_H
#include "check.h"
#include "rt_core_abi.h"
#include "rt_codec_internal.h"
#include "rt_objects_abi.h"

#define S(lit) rt__str_from_cstr(lit)
#define CHECK_STR(s, lit)                                                                          \
    do {                                                                                           \
        rt_string check_s_ = (s);                                                                  \
        CHECK_BYTES(rt__str_bytes(check_s_), rt__str_len(check_s_), lit);                          \
    } while (0)
/* Element i of a Seq of strings. */
#define SEQ_STR(seq, i) ((rt_string)rt__seq_at((seq), (i)))
#endif
