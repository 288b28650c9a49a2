/* test_math2_vec.c — Vec2 and Vec3 (vecmath.c) and the shared math object representation. */
#include "test_math2_check.h"

static void test_vec2(void) {
    void *a = rt_vec2_new(3.0, 4.0), *b = rt_vec2_new(1.0, 2.0);
    CHECK_NEAR(rt_vec2_x(a), 3.0);
    CHECK_NEAR(rt_vec2_y(a), 4.0);
    CHECK_NEAR(rt_vec2_x(rt_vec2_zero()), 0.0);
    CHECK_NEAR(rt_vec2_y(rt_vec2_one()), 1.0);
    void *s = rt_vec2_add(a, b);
    CHECK_NEAR(rt_vec2_x(s), 4.0);
    CHECK_NEAR(rt_vec2_y(s), 6.0);
    void *d = rt_vec2_sub(a, b);
    CHECK_NEAR(rt_vec2_x(d), 2.0);
    CHECK_NEAR(rt_vec2_y(d), 2.0);
    CHECK_NEAR(rt_vec2_y(rt_vec2_mul(a, 2.0)), 8.0);
    CHECK_NEAR(rt_vec2_x(rt_vec2_div(a, 2.0)), 1.5);
    CHECK_NEAR(rt_vec2_x(rt_vec2_neg(a)), -3.0);
    CHECK_NEAR(rt_vec2_dot(a, b), 11.0);
    CHECK_NEAR(rt_vec2_cross(a, b), 2.0);
    CHECK_NEAR(rt_vec2_len(a), 5.0);
    CHECK_NEAR(rt_vec2_len_sq(a), 25.0);
    CHECK_NEAR(rt_vec2_dist(a, b), sqrt(8.0));
    CHECK_NEAR(rt_vec2_x(rt_vec2_norm(a)), 0.6);
    CHECK_NEAR(rt_vec2_len(rt_vec2_norm(rt_vec2_zero())), 0.0);
    void *l = rt_vec2_lerp(a, b, 0.5);
    CHECK_NEAR(rt_vec2_x(l), 2.0);
    CHECK_NEAR(rt_vec2_y(l), 3.0);
    CHECK_NEAR(rt_vec2_angle(rt_vec2_new(0.0, 1.0)), PI / 2);
    void *r = rt_vec2_rotate(rt_vec2_new(1.0, 0.0), PI / 2);
    CHECK_NEAR(rt_vec2_x(r), 0.0);
    CHECK_NEAR(rt_vec2_y(r), 1.0);
    /* a plain collection object: Object.ToString sees the NULL first word */
    CHECK(*(void **)a == NULL);
    CHECK(rt__math_is(a, RT_MATH_VEC2) && !rt__math_is(a, RT_MATH_VEC3));
    CHECK_EXITS(rt_vec2_x(NULL), 1, "Vec2.X: null object");
    CHECK_NEAR(rt_vec2_x(rt_vec3_new(7, 8, 9)), 7.0); /* shared x/y layout */
    CHECK_EXITS(rt_vec2_x(rt_mat3_zero()), 1, "Vec2.X: wrong object type");
    CHECK_EXITS(rt_vec2_div(a, 0.0), 1, "Vec2.Div: division by zero");
    rt__obj_release_and_free(s);
}

static void test_vec3(void) {
    void *a = rt_vec3_new(1.0, 2.0, 2.0), *b = rt_vec3_new(0.0, 1.0, 0.0);
    CHECK_NEAR(rt_vec3_x(a), 1.0);
    CHECK_NEAR(rt_vec3_y(a), 2.0);
    CHECK_NEAR(rt_vec3_z(a), 2.0);
    CHECK_NEAR(rt_vec3_z(rt_vec3_zero()), 0.0);
    CHECK_NEAR(rt_vec3_z(rt_vec3_one()), 1.0);
    CHECK_NEAR(rt_vec3_y(rt_vec3_add(a, b)), 3.0);
    CHECK_NEAR(rt_vec3_y(rt_vec3_sub(a, b)), 1.0);
    CHECK_NEAR(rt_vec3_z(rt_vec3_mul(a, 3.0)), 6.0);
    CHECK_NEAR(rt_vec3_z(rt_vec3_div(a, 4.0)), 0.5);
    CHECK_NEAR(rt_vec3_x(rt_vec3_neg(a)), -1.0);
    CHECK_NEAR(rt_vec3_dot(a, b), 2.0);
    void *c = rt_vec3_cross(rt_vec3_new(1, 0, 0), b);
    CHECK_NEAR(rt_vec3_x(c), 0.0);
    CHECK_NEAR(rt_vec3_z(c), 1.0);
    CHECK_NEAR(rt_vec3_len(a), 3.0);
    CHECK_NEAR(rt_vec3_len_sq(a), 9.0);
    CHECK_NEAR(rt_vec3_dist(a, b), sqrt(1.0 + 1.0 + 4.0));
    CHECK_NEAR(rt_vec3_y(rt_vec3_norm(a)), 2.0 / 3.0);
    CHECK_NEAR(rt_vec3_len(rt_vec3_norm(rt_vec3_zero())), 0.0);
    CHECK_NEAR(rt_vec3_z(rt_vec3_lerp(a, b, 0.25)), 1.5);
    CHECK_EXITS(rt_vec3_z(NULL), 1, "Vec3.Z: null object");
    CHECK_EXITS(rt_vec3_div(a, 0.0), 1, "Vec3.Div: division by zero");
}

void run_tests(void) {
    test_vec2();
    test_vec3();
}
