/* test_math2_check.h — helpers shared by the Viper.Math value-type tests (test_math2_*.c). */
#ifndef VIPER_TEST_MATH2_CHECK_H
#define VIPER_TEST_MATH2_CHECK_H
#include "rt_math_abi.h"
#include "test_ext_check.h"

#include <math.h>

#define PI 3.14159265358979323846

/* |a - b| <= 1e-9 */
#define CHECK_NEAR(a, b)                                                                           \
    do {                                                                                           \
        double check_a_ = (a), check_b_ = (b);                                                     \
        if (fabs(check_a_ - check_b_) <= 1e-9) {                                                   \
            check_passed++;                                                                        \
        } else {                                                                                   \
            check_failed++;                                                                        \
            fprintf(stderr, "%s:%d: %s == %.17g, expected %.17g\n", __FILE__, __LINE__, #a,       \
                    check_a_, check_b_);                                                           \
        }                                                                                          \
    } while (0)
/* The value printed with %.15g (Terminal.SayNum's format) equals `lit`. */
#define CHECK_G15(a, lit)                                                                          \
    do {                                                                                           \
        char check_buf_[64];                                                                       \
        snprintf(check_buf_, sizeof check_buf_, "%.15g", (double)(a));                             \
        CHECK_BYTES(check_buf_, strlen(check_buf_), lit);                                          \
    } while (0)
#endif
