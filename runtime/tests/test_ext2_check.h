/* test_ext2_check.h — helpers shared by the part-D tests (test_ext2_*.c). */
#ifndef VIPER_TEST_EXT2_CHECK_H
#define VIPER_TEST_EXT2_CHECK_H
#include "rt_json_internal.h"
#include "test_ext_check.h"
#endif
