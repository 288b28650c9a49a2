/*
 * rt_math_abi.h — prototypes of the Viper.Math value types of the native runtime: Vec2, Vec3
 * (vecmath.c), Mat3 (mat3.c), Mat4.Get (mathobj.c), Quat (quat.c), Spline (spline.c) and
 * BigInt (bigint.c), with the IL-level widths of RUNTIME-ABI §0 (double for f64, int64_t for
 * i64, bool for i1, void * for obj). Arguments are borrowed; returned objects are +1.
 *
 * Internal representation (mathobj.c): every Vec2/Vec3/Mat3/Mat4/Quat is an immutable runtime
 * collection object (payload starts with a NULL word, so Object.ToString prints `Object`) holding a
 * tag and a fixed number of doubles: Vec2 (x,y), Vec3 (x,y,z), Mat3 (9, row-major), Mat4 (16,
 * row-major), Quat (x,y,z,w).
 */
#ifndef VIPER_RT_MATH_ABI_H
#define VIPER_RT_MATH_ABI_H

#include "rt_internal.h"

/* ---- internal: the shared value-object representation (mathobj.c) ---- */
enum rt_math_tag { RT_MATH_VEC2 = 2, RT_MATH_VEC3 = 3, RT_MATH_MAT3 = 9, RT_MATH_MAT4 = 16, RT_MATH_QUAT = 4 };
/* New +1 object of the given tag; the tag's count of doubles is copied from v. */
void *rt__math_new(int tag, const double *v);
/* The doubles of p when it is an object of the given tag; otherwise traps
 * `<fn>: null object` (p NULL) or `<fn>: wrong object type`. */
const double *rt__math_vals(const void *p, int tag, const char *fn);
/* Component i (0 x, 1 y, 2 z, 3 w) of any vector-like object that has it: a Vec2 (i < 2), Vec3
 * (i < 3) or Quat (i < 4). The reference's component getters read the shared x/y/z layout, so
 * e.g. Quat.X on a Vec3 gives its x (the corpus quat demo relies on it). Other objects trap like
 * rt__math_vals. */
double rt__math_comp(const void *p, int i, const char *fn);
/* True if p is a math object of the given tag. */
bool rt__math_is(const void *p, int tag);

/* ---- Mat4 (mathobj.c) ---- */
double rt_mat4_get(void *m, int64_t row, int64_t col);

/* ---- Vec2 (vecmath.c) ---- */
void *rt_vec2_new(double x, double y);
void *rt_vec2_zero(void);
void *rt_vec2_one(void);
double rt_vec2_x(void *v);
double rt_vec2_y(void *v);
void *rt_vec2_add(void *a, void *b);
void *rt_vec2_sub(void *a, void *b);
void *rt_vec2_mul(void *v, double s);
void *rt_vec2_div(void *v, double s);
void *rt_vec2_neg(void *v);
double rt_vec2_dot(void *a, void *b);
double rt_vec2_cross(void *a, void *b);
double rt_vec2_len(void *v);
double rt_vec2_len_sq(void *v);
double rt_vec2_dist(void *a, void *b);
void *rt_vec2_norm(void *v);
void *rt_vec2_lerp(void *a, void *b, double t);
double rt_vec2_angle(void *v);
void *rt_vec2_rotate(void *v, double angle);

/* ---- Vec3 (vecmath.c) ---- */
void *rt_vec3_new(double x, double y, double z);
void *rt_vec3_zero(void);
void *rt_vec3_one(void);
double rt_vec3_x(void *v);
double rt_vec3_y(void *v);
double rt_vec3_z(void *v);
void *rt_vec3_add(void *a, void *b);
void *rt_vec3_sub(void *a, void *b);
void *rt_vec3_mul(void *v, double s);
void *rt_vec3_div(void *v, double s);
void *rt_vec3_neg(void *v);
double rt_vec3_dot(void *a, void *b);
void *rt_vec3_cross(void *a, void *b);
double rt_vec3_len(void *v);
double rt_vec3_len_sq(void *v);
double rt_vec3_dist(void *a, void *b);
void *rt_vec3_norm(void *v);
void *rt_vec3_lerp(void *a, void *b, double t);

/* ---- Mat3 (mat3.c) ---- */
void *rt_mat3_identity(void);
void *rt_mat3_zero(void);
void *rt_mat3_translate(double tx, double ty);
void *rt_mat3_scale(double sx, double sy);
void *rt_mat3_scale_uniform(double s);
void *rt_mat3_rotate(double angle);
void *rt_mat3_shear(double sx, double sy);
double rt_mat3_get(void *m, int64_t row, int64_t col);
void *rt_mat3_row(void *m, int64_t row);
void *rt_mat3_col(void *m, int64_t col);
void *rt_mat3_add(void *a, void *b);
void *rt_mat3_sub(void *a, void *b);
void *rt_mat3_mul(void *a, void *b);
void *rt_mat3_mul_scalar(void *m, double s);
void *rt_mat3_neg(void *m);
void *rt_mat3_transpose(void *m);
double rt_mat3_det(void *m);
void *rt_mat3_inverse(void *m);
void *rt_mat3_transform_point(void *m, void *v);
void *rt_mat3_transform_vec(void *m, void *v);
bool rt_mat3_eq(void *a, void *b, double eps);

/* ---- Quat (quat.c) ---- */
void *rt_quat_new(double x, double y, double z, double w);
void *rt_quat_identity(void);
void *rt_quat_from_axis_angle(void *axis, double angle);
void *rt_quat_from_euler(double pitch, double yaw, double roll);
double rt_quat_x(void *q);
double rt_quat_y(void *q);
double rt_quat_z(void *q);
double rt_quat_w(void *q);
void *rt_quat_mul(void *a, void *b);
void *rt_quat_conjugate(void *q);
void *rt_quat_inverse(void *q);
void *rt_quat_norm(void *q);
double rt_quat_len(void *q);
double rt_quat_len_sq(void *q);
double rt_quat_dot(void *a, void *b);
void *rt_quat_slerp(void *a, void *b, double t);
void *rt_quat_lerp(void *a, void *b, double t);
void *rt_quat_rotate_vec3(void *q, void *v);
void *rt_quat_to_mat4(void *q);
void *rt_quat_axis(void *q);
double rt_quat_angle(void *q);

/* ---- Spline (spline.c) ---- */
void *rt_spline_linear(void *points);
void *rt_spline_catmull_rom(void *points);
void *rt_spline_bezier(void *p0, void *p1, void *p2, void *p3);
int64_t rt_spline_point_count(void *s);
void *rt_spline_point_at(void *s, int64_t i);
void *rt_spline_eval(void *s, double t);
void *rt_spline_tangent(void *s, double t);
double rt_spline_arc_length(void *s, double t0, double t1, int64_t steps);
void *rt_spline_sample(void *s, int64_t n);

/* ---- BigInt (bigint.c) ---- */
void *rt_bigint_from_i64(int64_t v);
void *rt_bigint_from_str(rt_string s);
rt_string rt_bigint_to_str(void *a);
rt_string rt_bigint_to_str_base(void *a, int64_t base);
int64_t rt_bigint_to_i64(void *a);
bool rt_bigint_fits_i64(void *a);
void *rt_bigint_add(void *a, void *b);
void *rt_bigint_sub(void *a, void *b);
void *rt_bigint_mul(void *a, void *b);
void *rt_bigint_div(void *a, void *b);
void *rt_bigint_mod(void *a, void *b);
void *rt_bigint_neg(void *a);
void *rt_bigint_abs(void *a);
int64_t rt_bigint_cmp(void *a, void *b);
bool rt_bigint_eq(void *a, void *b);
bool rt_bigint_is_zero(void *a);
bool rt_bigint_is_negative(void *a);
int64_t rt_bigint_sign(void *a);
void *rt_bigint_and(void *a, void *b);
void *rt_bigint_or(void *a, void *b);
void *rt_bigint_xor(void *a, void *b);
void *rt_bigint_not(void *a);
void *rt_bigint_shl(void *a, int64_t k);
void *rt_bigint_shr(void *a, int64_t k);
void *rt_bigint_pow(void *a, int64_t e);
void *rt_bigint_gcd(void *a, void *b);
void *rt_bigint_lcm(void *a, void *b);
int64_t rt_bigint_bit_length(void *a);
bool rt_bigint_test_bit(void *a, int64_t k);
void *rt_bigint_set_bit(void *a, int64_t k);
void *rt_bigint_clear_bit(void *a, int64_t k);
void *rt_bigint_sqrt(void *a);

/* ---- Viper.Math.Mat4 ---- */
void *rt_mat4_add(void *, void *); /* Viper.Math.Mat4.Add */
double rt_mat4_det(void *); /* Viper.Math.Mat4.Det */
void *rt_mat4_identity(void); /* Viper.Math.Mat4.Identity */
void *rt_mat4_inverse(void *); /* Viper.Math.Mat4.Inverse */
void *rt_mat4_look_at(void *, void *, void *); /* Viper.Math.Mat4.LookAt */
void *rt_mat4_mul(void *, void *); /* Viper.Math.Mat4.Mul */
void *rt_mat4_mul_scalar(void *, double); /* Viper.Math.Mat4.MulScalar */
void *rt_mat4_ortho(double, double, double, double, double, double); /* Viper.Math.Mat4.Ortho */
void *rt_mat4_perspective(double, double, double, double); /* Viper.Math.Mat4.Perspective */
void *rt_mat4_rotate_x(double); /* Viper.Math.Mat4.RotateX */
void *rt_mat4_rotate_y(double); /* Viper.Math.Mat4.RotateY */
void *rt_mat4_rotate_z(double); /* Viper.Math.Mat4.RotateZ */
void *rt_mat4_scale(double, double, double); /* Viper.Math.Mat4.Scale */
void *rt_mat4_sub(void *, void *); /* Viper.Math.Mat4.Sub */
void *rt_mat4_transform_point(void *, void *); /* Viper.Math.Mat4.TransformPoint */
void *rt_mat4_transform_vec(void *, void *); /* Viper.Math.Mat4.TransformVec */
void *rt_mat4_translate(double, double, double); /* Viper.Math.Mat4.Translate */
void *rt_mat4_transpose(void *); /* Viper.Math.Mat4.Transpose */
void *rt_mat4_zero(void); /* Viper.Math.Mat4.Zero */

/* ---- Viper.Math.Easing ---- */
double rt_ease_in_back(double); /* Viper.Math.Easing.InBack */
double rt_ease_in_bounce(double); /* Viper.Math.Easing.InBounce */
double rt_ease_in_circ(double); /* Viper.Math.Easing.InCirc */
double rt_ease_in_cubic(double); /* Viper.Math.Easing.InCubic */
double rt_ease_in_elastic(double); /* Viper.Math.Easing.InElastic */
double rt_ease_in_expo(double); /* Viper.Math.Easing.InExpo */
double rt_ease_in_out_back(double); /* Viper.Math.Easing.InOutBack */
double rt_ease_in_out_bounce(double); /* Viper.Math.Easing.InOutBounce */
double rt_ease_in_out_circ(double); /* Viper.Math.Easing.InOutCirc */
double rt_ease_in_out_cubic(double); /* Viper.Math.Easing.InOutCubic */
double rt_ease_in_out_elastic(double); /* Viper.Math.Easing.InOutElastic */
double rt_ease_in_out_expo(double); /* Viper.Math.Easing.InOutExpo */
double rt_ease_in_out_quad(double); /* Viper.Math.Easing.InOutQuad */
double rt_ease_in_out_quart(double); /* Viper.Math.Easing.InOutQuart */
double rt_ease_in_out_sine(double); /* Viper.Math.Easing.InOutSine */
double rt_ease_in_quad(double); /* Viper.Math.Easing.InQuad */
double rt_ease_in_quart(double); /* Viper.Math.Easing.InQuart */
double rt_ease_in_sine(double); /* Viper.Math.Easing.InSine */
double rt_ease_linear(double); /* Viper.Math.Easing.Linear */
double rt_ease_out_back(double); /* Viper.Math.Easing.OutBack */
double rt_ease_out_bounce(double); /* Viper.Math.Easing.OutBounce */
double rt_ease_out_circ(double); /* Viper.Math.Easing.OutCirc */
double rt_ease_out_cubic(double); /* Viper.Math.Easing.OutCubic */
double rt_ease_out_elastic(double); /* Viper.Math.Easing.OutElastic */
double rt_ease_out_expo(double); /* Viper.Math.Easing.OutExpo */
double rt_ease_out_quad(double); /* Viper.Math.Easing.OutQuad */
double rt_ease_out_quart(double); /* Viper.Math.Easing.OutQuart */
double rt_ease_out_sine(double); /* Viper.Math.Easing.OutSine */

/* ---- Viper.Math.PerlinNoise ---- */
void *rt_perlin_new(int64_t); /* Viper.Math.PerlinNoise.New */
double rt_perlin_noise2d(void *, double, double); /* Viper.Math.PerlinNoise.Noise2D */
double rt_perlin_noise3d(void *, double, double, double); /* Viper.Math.PerlinNoise.Noise3D */
double rt_perlin_octave2d(void *, double, double, int64_t, double); /* Viper.Math.PerlinNoise.Octave2D */
double rt_perlin_octave3d(void *, double, double, double, int64_t, double); /* Viper.Math.PerlinNoise.Octave3D */

#endif
