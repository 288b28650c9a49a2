/* test_ext4_math.c — Mat4, Easing, PerlinNoise (RUNTIME-EXTENDED §16-§18) and Convert.NumToInt
 * (§24): formulas, the documented test vectors, NULL handling and traps. */
#include "test_ext4_check.h"
#include "test_math2_check.h"

#define M(m, r, c) rt_mat4_get((m), (r), (c))

static void check_identity(void *m) {
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 4; c++)
            CHECK_NEAR(M(m, r, c), r == c ? 1.0 : 0.0);
}

static void test_mat4(void) {
    check_identity(rt_mat4_identity());
    void *z = rt_mat4_zero();
    for (int i = 0; i < 16; i++)
        CHECK_NEAR(M(z, i / 4, i % 4), 0.0);
    void *t = rt_mat4_translate(1, 2, 3);
    CHECK_NEAR(M(t, 0, 3), 1);
    CHECK_NEAR(M(t, 1, 3), 2);
    CHECK_NEAR(M(t, 2, 3), 3);
    void *s = rt_mat4_scale(2, 3, 4);
    CHECK_NEAR(rt_mat4_det(s), 24);
    void *p = rt_vec3_new(1, 1, 1);
    void *ts = rt_mat4_mul(t, s); /* scale first, then translate */
    void *q = rt_mat4_transform_point(ts, p);
    CHECK_NEAR(rt_vec3_x(q), 3);
    CHECK_NEAR(rt_vec3_y(q), 5);
    CHECK_NEAR(rt_vec3_z(q), 7);
    void *tv = rt_mat4_transform_vec(ts, p); /* no translation */
    CHECK_NEAR(rt_vec3_x(tv), 2);
    CHECK_NEAR(rt_vec3_z(tv), 4);
    void *rz = rt_mat4_rotate_z(PI / 2);
    void *r1 = rt_mat4_transform_point(rz, rt_vec3_new(1, 0, 0));
    CHECK_NEAR(rt_vec3_x(r1), 0);
    CHECK_NEAR(rt_vec3_y(r1), 1);
    CHECK_G15(rt_vec3_x(r1), "6.12323399573677e-17");
    void *rx = rt_mat4_rotate_x(PI / 2);
    CHECK_NEAR(rt_vec3_z(rt_mat4_transform_point(rx, rt_vec3_new(0, 1, 0))), 1);
    void *ry = rt_mat4_rotate_y(PI / 2);
    CHECK_NEAR(rt_vec3_x(rt_mat4_transform_point(ry, rt_vec3_new(0, 0, 1))), 1);
    CHECK_NEAR(M(ry, 2, 0), -1);
    /* inverse */
    void *ti = rt_mat4_inverse(t);
    CHECK_NEAR(M(ti, 0, 3), -1);
    CHECK_NEAR(M(ti, 2, 3), -3);
    void *a = rt_mat4_mul(rt_mat4_mul(rz, ts), rx);
    check_identity(rt_mat4_mul(a, rt_mat4_inverse(a)));
    CHECK_NEAR(rt_mat4_det(a), 24);
    check_identity(rt_mat4_inverse(z)); /* singular -> identity */
    CHECK_NEAR(rt_mat4_det(z), 0);
    /* transpose / add / sub / scalar */
    void *tt = rt_mat4_transpose(t);
    CHECK_NEAR(M(tt, 3, 0), 1);
    CHECK_NEAR(M(tt, 0, 3), 0);
    void *sum = rt_mat4_add(t, s);
    CHECK_NEAR(M(sum, 0, 0), 3);
    CHECK_NEAR(M(sum, 1, 3), 2);
    void *dif = rt_mat4_sub(s, rt_mat4_identity());
    CHECK_NEAR(M(dif, 2, 2), 3);
    CHECK_NEAR(M(dif, 3, 3), 0);
    CHECK_NEAR(M(rt_mat4_mul_scalar(s, 0.5), 1, 1), 1.5);
    /* perspective / ortho: the documented (transposed) layouts */
    void *pe = rt_mat4_perspective(PI / 2, 2.0, 1.0, 11.0);
    CHECK_NEAR(M(pe, 0, 0), 0.5);
    CHECK_NEAR(M(pe, 1, 1), 1.0);
    CHECK_NEAR(M(pe, 2, 2), -1.2);
    CHECK_NEAR(M(pe, 2, 3), -1);
    CHECK_NEAR(M(pe, 3, 2), -2.2);
    CHECK_NEAR(M(pe, 3, 3), 0);
    void *o = rt_mat4_ortho(0, 4, 0, 2, 1, 3);
    CHECK_NEAR(M(o, 0, 0), 0.5);
    CHECK_NEAR(M(o, 1, 1), 1);
    CHECK_NEAR(M(o, 2, 2), -1);
    CHECK_NEAR(M(o, 3, 0), -1);
    CHECK_NEAR(M(o, 3, 1), -1);
    CHECK_NEAR(M(o, 3, 2), -2);
    CHECK_NEAR(M(o, 0, 3), 0);
    /* look-at */
    void *la = rt_mat4_look_at(rt_vec3_new(0, 0, 5), rt_vec3_zero(), rt_vec3_new(0, 1, 0));
    CHECK_NEAR(M(la, 0, 0), 1);
    CHECK_NEAR(M(la, 1, 1), 1);
    CHECK_NEAR(M(la, 2, 2), 1);
    CHECK_NEAR(M(la, 2, 3), -5);
    CHECK_NEAR(M(la, 3, 3), 1);
    void *lp = rt_mat4_transform_point(la, rt_vec3_new(0, 0, 0));
    CHECK_NEAR(rt_vec3_z(lp), -5);
    check_identity(rt_mat4_look_at(rt_vec3_one(), rt_vec3_one(), rt_vec3_new(0, 1, 0)));
    check_identity(rt_mat4_look_at(rt_vec3_zero(), rt_vec3_new(0, 1, 0), rt_vec3_new(0, 1, 0)));
    check_identity(rt_mat4_look_at(NULL, rt_vec3_zero(), rt_vec3_one()));
    /* projective divide only when w is neither 0 nor 1 */
    double pv[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2};
    void *pm = rt__math_new(RT_MATH_MAT4, pv);
    CHECK_NEAR(rt_vec3_x(rt_mat4_transform_point(pm, rt_vec3_new(4, 6, 8))), 2);
    double zv[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0};
    void *zm = rt__math_new(RT_MATH_MAT4, zv);
    CHECK_NEAR(rt_vec3_x(rt_mat4_transform_point(zm, rt_vec3_new(4, 6, 8))), 4);
    /* NULL operands */
    CHECK_NEAR(M(rt_mat4_add(NULL, t), 0, 0), 0);
    CHECK_NEAR(M(rt_mat4_sub(t, NULL), 0, 0), 0);
    CHECK_NEAR(M(rt_mat4_mul_scalar(NULL, 2), 0, 0), 0);
    check_identity(rt_mat4_mul(NULL, t));
    check_identity(rt_mat4_transpose(NULL));
    check_identity(rt_mat4_inverse(NULL));
    CHECK_NEAR(rt_mat4_det(NULL), 0);
    CHECK_NEAR(rt_vec3_x(rt_mat4_transform_point(NULL, p)), 0);
    CHECK_NEAR(rt_vec3_y(rt_mat4_transform_vec(t, NULL)), 0);
    CHECK_EXITS(rt_mat4_det(p), 1, "Mat4.Det: wrong object type");
    CHECK_EXITS(rt_mat4_mul(t, p), 1, "Mat4.Mul: wrong object type");
}

static void test_easing(void) {
    CHECK_G15(rt_ease_linear(0.3), "0.3");
    CHECK_G15(rt_ease_in_quad(0.3), "0.09");
    CHECK_G15(rt_ease_out_quad(0.3), "0.51");
    CHECK_G15(rt_ease_in_out_quad(0.25), "0.125");
    CHECK_G15(rt_ease_in_out_quad(0.75), "0.875");
    CHECK_G15(rt_ease_in_cubic(0.5), "0.125");
    CHECK_G15(rt_ease_out_cubic(0.5), "0.875");
    CHECK_G15(rt_ease_in_out_cubic(0.25), "0.0625");
    CHECK_G15(rt_ease_in_out_cubic(0.75), "0.9375");
    CHECK_G15(rt_ease_in_quart(0.5), "0.0625");
    CHECK_G15(rt_ease_out_quart(0.5), "0.9375");
    CHECK_G15(rt_ease_in_out_quart(0.25), "0.03125");
    CHECK_G15(rt_ease_in_out_quart(0.75), "0.96875");
    CHECK_G15(rt_ease_in_sine(0.3), "0.108993475811632");
    CHECK_G15(rt_ease_out_sine(0.3), "0.453990499739547");
    CHECK_G15(rt_ease_in_out_sine(0.3), "0.206107373853763");
    CHECK_G15(rt_ease_in_expo(0.3), "0.0078125");
    CHECK_G15(rt_ease_in_expo(0), "0");
    CHECK_G15(rt_ease_out_expo(0.3), "0.875");
    CHECK_G15(rt_ease_out_expo(1.5), "1");
    CHECK_G15(rt_ease_in_out_expo(0.3), "0.03125");
    CHECK_G15(rt_ease_in_out_expo(0.7), "0.96875");
    CHECK_G15(rt_ease_in_out_expo(-1), "0");
    CHECK_G15(rt_ease_in_out_expo(2), "1");
    CHECK_G15(rt_ease_in_circ(0.3), "0.0460607985830543");
    CHECK_G15(rt_ease_out_circ(0.3), "0.714142842854285");
    CHECK_G15(rt_ease_in_out_circ(0.3), "0.1");
    CHECK_G15(rt_ease_in_out_circ(0.75), "0.933012701892219");
    CHECK(isnan(rt_ease_in_circ(2.0))); /* no clamping */
    CHECK_G15(rt_ease_in_back(0.3), "-0.08019954");
    CHECK_G15(rt_ease_out_back(0.3), "0.90713226");
    CHECK_G15(rt_ease_in_out_back(0.3), "-0.078833484");
    CHECK_G15(rt_ease_in_out_back(0.5), "0.5");
    CHECK_G15(rt_ease_in_elastic(0.3), "-0.00390624999999999");
    CHECK_G15(rt_ease_out_elastic(0.3), "0.875"); /* VM-checked */
    CHECK_G15(rt_ease_out_elastic(0), "0");
    CHECK_G15(rt_ease_in_elastic(1), "1");
    CHECK_G15(rt_ease_in_out_elastic(0.7), "0.976061111152532");
    CHECK_G15(rt_ease_in_out_elastic(1.2), "1");
    CHECK_G15(rt_ease_out_bounce(0.3), "0.680625");
    CHECK_G15(rt_ease_out_bounce(0.5), "0.765625");
    CHECK_G15(rt_ease_out_bounce(0.8), "0.94");
    CHECK_G15(rt_ease_out_bounce(0.95), "0.98453125");
    CHECK_G15(rt_ease_in_bounce(0.3), "0.069375");
    CHECK_G15(rt_ease_in_out_bounce(0.3), "0.0450000000000001");
    CHECK_G15(rt_ease_in_out_bounce(0.7), "0.955");
    CHECK_G15(rt_ease_in_quad(2.0), "4"); /* extrapolated */
}

static void test_perlin(void) {
    void *p = rt_perlin_new(42);
    CHECK_G15(rt_perlin_noise2d(p, 1.5, 2.25), "0.27587890625");
    CHECK_G15(rt_perlin_noise3d(p, 0.3, 1.7, 2.9), "-0.166859676717081");
    CHECK_G15(rt_perlin_octave2d(p, 0.3, 0.7, 4, 0.5), "-0.375158920874667");
    CHECK_G15(rt_perlin_noise2d(p, 3, 7), "0"); /* lattice point */
    CHECK_G15(rt_perlin_noise3d(p, 1, 2, 3), "0");
    /* deterministic per seed, different across seeds */
    void *p2 = rt_perlin_new(42), *p3 = rt_perlin_new(-7);
    CHECK(rt_perlin_noise2d(p2, 0.37, 8.11) == rt_perlin_noise2d(p, 0.37, 8.11));
    CHECK(rt_perlin_noise3d(p3, 0.37, 8.11, 1.5) != rt_perlin_noise3d(p, 0.37, 8.11, 1.5));
    double v = rt_perlin_noise3d(rt_perlin_new(0), 12.3, -4.5, 0.77);
    CHECK(v >= -1.0 && v <= 1.0);
    /* octave of one round equals the plain noise */
    CHECK(rt_perlin_octave3d(p, 0.3, 1.7, 2.9, 1, 0.5) == rt_perlin_noise3d(p, 0.3, 1.7, 2.9));
    CHECK(rt_perlin_octave2d(p, 1.5, 2.25, 1, 0.9) == rt_perlin_noise2d(p, 1.5, 2.25));
    double o3 = rt_perlin_octave3d(p, 0.3, 1.7, 2.9, 3, 0.5);
    double e3 = (rt_perlin_noise3d(p, 0.3, 1.7, 2.9) + 0.5 * rt_perlin_noise3d(p, 0.6, 3.4, 5.8) +
                 0.25 * rt_perlin_noise3d(p, 1.2, 6.8, 11.6)) / 1.75;
    CHECK_NEAR(o3, e3);
    CHECK(rt_perlin_octave2d(p, 1, 1, 0, 0.5) == 0.0 && rt_perlin_octave3d(p, 1, 1, 1, -2, 0.5) == 0.0);
    CHECK(rt_perlin_noise2d(NULL, 1.5, 2.25) == 0.0 && rt_perlin_noise3d(NULL, 1, 2, 3) == 0.0);
    CHECK(rt_perlin_octave2d(NULL, 1.5, 2.25, 3, 0.5) == 0.0);
    CHECK(rt_perlin_noise2d(rt_seq_new(), 1.5, 2.25) == 0.0);
}

static void test_num_to_int(void) {
    CHECK_EQ_I64(rt_f64_to_i64(-2.7), -2);
    CHECK_EQ_I64(rt_f64_to_i64(2.7), 2);
    CHECK_EQ_I64(rt_f64_to_i64(0.0), 0);
    CHECK_EQ_I64(rt_f64_to_i64(NAN), 0);
    CHECK_EQ_I64(rt_f64_to_i64(INFINITY), 0);
    CHECK_EQ_I64(rt_f64_to_i64(-INFINITY), 0);
    CHECK_EQ_I64(rt_f64_to_i64(1e20), INT64_MIN); /* VM-checked */
    CHECK_EQ_I64(rt_f64_to_i64(-1e20), INT64_MIN);
    CHECK_EQ_I64(rt_f64_to_i64(9223372036854775808.0), INT64_MIN);
    CHECK_EQ_I64(rt_f64_to_i64(-9223372036854775808.0), INT64_MIN);
    CHECK_EQ_I64(rt_f64_to_i64(9223372036854774784.0), 9223372036854774784LL);
}

void run_tests(void) {
    test_mat4();
    test_easing();
    test_perlin();
    test_num_to_int();
}
