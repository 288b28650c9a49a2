/* test_math2_mat3_quat.c — Mat3 (mat3.c), Quat (quat.c) and Mat4.Get (mathobj.c), including the
 * exact values the corpus mat3/quat demos print. */
#include "test_math2_check.h"

static void test_mat3(void) {
    void *id = rt_mat3_identity(), *z = rt_mat3_zero();
    CHECK_NEAR(rt_mat3_get(id, 2, 2), 1.0);
    CHECK_NEAR(rt_mat3_get(id, 0, 1), 0.0);
    CHECK_NEAR(rt_mat3_get(z, 1, 1), 0.0);
    void *t = rt_mat3_translate(5, 10);
    CHECK_NEAR(rt_mat3_get(t, 0, 2), 5.0);
    CHECK_NEAR(rt_mat3_get(t, 1, 2), 10.0);
    void *s = rt_mat3_scale(2, 3);
    CHECK_NEAR(rt_mat3_get(s, 1, 1), 3.0);
    CHECK_NEAR(rt_mat3_get(rt_mat3_scale_uniform(4), 1, 1), 4.0);
    void *r = rt_mat3_rotate(PI / 2);
    CHECK_G15(rt_mat3_get(r, 0, 0), "6.12323399573677e-17");
    CHECK_NEAR(rt_mat3_get(r, 0, 1), -1.0);
    CHECK_NEAR(rt_mat3_get(r, 1, 0), 1.0);
    void *sh = rt_mat3_shear(1.0, 0.5);
    CHECK_NEAR(rt_mat3_get(sh, 0, 1), 1.0);
    CHECK_NEAR(rt_mat3_get(sh, 1, 0), 0.5);
    void *row = rt_mat3_row(t, 0), *col = rt_mat3_col(t, 2);
    CHECK_NEAR(rt_vec3_z(row), 5.0);
    CHECK_NEAR(rt_vec3_y(col), 10.0);
    CHECK_NEAR(rt_mat3_get(rt_mat3_add(id, id), 1, 1), 2.0);
    CHECK_NEAR(rt_mat3_get(rt_mat3_sub(id, id), 0, 0), 0.0);
    void *m = rt_mat3_mul(s, t);
    CHECK_NEAR(rt_mat3_get(m, 0, 2), 10.0);
    CHECK_NEAR(rt_mat3_get(m, 1, 2), 30.0);
    CHECK_NEAR(rt_mat3_get(rt_mat3_mul_scalar(id, 3.0), 0, 0), 3.0);
    CHECK_NEAR(rt_mat3_get(rt_mat3_neg(id), 1, 1), -1.0);
    void *p = rt_mat3_transform_point(t, rt_vec2_new(1, 0));
    CHECK_NEAR(rt_vec2_x(p), 6.0);
    CHECK_NEAR(rt_vec2_y(p), 10.0);
    void *v = rt_mat3_transform_vec(t, rt_vec2_new(1, 0));
    CHECK_NEAR(rt_vec2_x(v), 1.0);
    CHECK_NEAR(rt_vec2_y(v), 0.0);
    void *tr = rt_mat3_transpose(sh);
    CHECK_NEAR(rt_mat3_get(tr, 0, 1), 0.5);
    CHECK_NEAR(rt_mat3_det(s), 6.0);
    CHECK_NEAR(rt_mat3_det(id), 1.0);
    void *inv = rt_mat3_inverse(s);
    CHECK_G15(rt_mat3_get(inv, 1, 1), "0.333333333333333");
    CHECK(rt_mat3_eq(rt_mat3_mul(rt_mat3_inverse(m), m), id, 1e-12));
    CHECK(rt_mat3_eq(id, id, 0.001));
    CHECK(!rt_mat3_eq(id, z, 0.001));
    CHECK_EXITS(rt_mat3_get(id, 3, 0), 1, "Mat3.Get: index out of range");
    CHECK_EXITS(rt_mat3_row(id, -1), 1, "Mat3.Row: index out of range");
    CHECK_EXITS(rt_mat3_inverse(z), 1, "Mat3.Inverse: singular matrix");
    CHECK_EXITS(rt_mat3_det(NULL), 1, "Mat3.Det: null object");
}

static void test_quat(void) {
    void *id = rt_quat_identity(), *q = rt_quat_new(1, 2, 3, 4);
    CHECK_NEAR(rt_quat_w(id), 1.0);
    CHECK_NEAR(rt_quat_x(q) + rt_quat_y(q) + rt_quat_z(q), 6.0);
    void *ry = rt_quat_from_axis_angle(rt_vec3_new(0, 2, 0), PI / 2);
    CHECK_G15(rt_quat_y(ry), "0.707106781186547");
    CHECK_G15(rt_quat_w(ry), "0.707106781186548");
    void *e = rt_quat_from_euler(0, PI / 2, 0);
    CHECK_G15(rt_quat_z(e), "0.707106781186547");
    CHECK_NEAR(rt_quat_x(e), 0.0);
    CHECK_NEAR(rt_quat_w(rt_quat_from_euler(0, 0, 0)), 1.0);
    CHECK_NEAR(rt_quat_len(rt_quat_from_euler(0.3, 0.2, 0.1)), 1.0);
    void *m = rt_quat_mul(id, q);
    CHECK_NEAR(rt_quat_x(m), 1.0);
    CHECK_NEAR(rt_quat_w(m), 4.0);
    void *c = rt_quat_conjugate(ry);
    CHECK_G15(rt_quat_x(c), "-0");
    CHECK_G15(rt_quat_y(c), "-0.707106781186547");
    void *i = rt_quat_inverse(ry);
    CHECK_G15(rt_quat_y(i), "-0.707106781186547");
    CHECK_G15(rt_quat_w(i), "0.707106781186548");
    CHECK_NEAR(rt_quat_w(rt_quat_mul(q, rt_quat_inverse(q))), 1.0);
    CHECK_NEAR(rt_quat_len(rt_quat_norm(q)), 1.0);
    CHECK_G15(rt_quat_len(q), "5.47722557505166");
    CHECK_NEAR(rt_quat_len_sq(q), 30.0);
    CHECK_NEAR(rt_quat_dot(q, q), 30.0);
    CHECK_NEAR(rt_quat_w(rt_quat_slerp(id, ry, 0.0)), 1.0);
    CHECK_G15(rt_quat_w(rt_quat_slerp(id, ry, 0.5)), "0.923879532511287");
    CHECK_G15(rt_quat_w(rt_quat_slerp(id, ry, 1.0)), "0.707106781186548");
    CHECK_G15(rt_quat_y(rt_quat_slerp(id, ry, 1.0)), "0.707106781186547");
    CHECK_NEAR(rt_quat_w(rt_quat_slerp(id, id, 0.5)), 1.0);
    CHECK_G15(rt_quat_w(rt_quat_lerp(id, ry, 0.5)), "0.923879532511287");
    CHECK_NEAR(rt_quat_w(rt_quat_lerp(id, ry, 0.0)), 1.0);
    void *v = rt_quat_rotate_vec3(ry, rt_vec3_new(1, 0, 0));
    CHECK_G15(rt_vec3_x(v), "2.22044604925031e-16");
    CHECK_NEAR(rt_vec3_z(v), -1.0);
    void *mat = rt_quat_to_mat4(id);
    CHECK_NEAR(rt_mat4_get(mat, 3, 3), 1.0);
    CHECK_NEAR(rt_mat4_get(mat, 0, 1), 0.0);
    CHECK_NEAR(rt_mat4_get(rt_quat_to_mat4(ry), 2, 0), -1.0);
    CHECK_NEAR(rt_vec3_y(rt_quat_axis(ry)), 1.0);
    CHECK_NEAR(rt_vec3_x(rt_quat_axis(id)), 1.0);
    CHECK_G15(rt_quat_angle(ry), "1.5707963267949");
    CHECK_NEAR(rt_quat_angle(id), 0.0);
    CHECK_EXITS(rt_quat_inverse(rt_quat_new(0, 0, 0, 0)), 1, "Quat.Inverse: zero-length");
    CHECK_EXITS(rt_mat4_get(mat, 4, 0), 1, "Mat4.Get: index out of range");
    CHECK_EXITS(rt_quat_w(rt_vec2_zero()), 1, "Quat.W: wrong object type");
    CHECK_EXITS(rt_quat_w(rt_vec3_zero()), 1, "Quat.W: wrong object type");
    CHECK_EXITS(rt_quat_x(rt_mat3_zero()), 1, "Quat.X: wrong object type");
    /* component getters read any vector-like object's shared x/y/z */
    CHECK_NEAR(rt_quat_z(rt_vec3_new(1, 2, 3)), 3.0);
    CHECK_NEAR(rt_quat_y(rt_vec2_new(1, 2)), 2.0);
    CHECK_NEAR(rt_vec3_z(q), 3.0);
    CHECK_EXITS(rt_vec3_z(rt_vec2_zero()), 1, "Vec3.Z: wrong object type");
}

void run_tests(void) {
    test_mat3();
    test_quat();
}
