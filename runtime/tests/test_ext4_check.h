/* test_ext4_check.h — helpers shared by the test_ext4_*.c tests (RUNTIME-EXTENDED classes). */
#ifndef VIPER_TEST_EXT4_CHECK_H
#define VIPER_TEST_EXT4_CHECK_H
#include "rt_chtab_internal.h"
#include "test_ext_check.h"

#include <stdio.h>

/* A double printed with 15 significant digits (as the corpus prints f64) equals `lit`. */
#define CHECK_F15(v, lit)                                                                          \
    do {                                                                                           \
        char check_f_[64];                                                                         \
        snprintf(check_f_, sizeof check_f_, "%.15g", (double)(v));                                 \
        CHECK_BYTES(check_f_, strlen(check_f_), lit);                                              \
    } while (0)

/* Reference count of a heap payload. */
#define REFCNT(p) ((long long)rt__heap_hdr(p)->refcnt)
#endif
