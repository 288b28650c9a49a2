/*
 * vecmath.c — Viper.Math.Vec2 and Viper.Math.Vec3: immutable 2-/3-component double vectors
 * (representation: mathobj.c). Every operation returns a new +1 vector; arguments are borrowed.
 * A NULL or non-vector argument traps `Vec2.<Fn>: null object` / `... wrong object type`.
 * Division by zero traps `Vec2.Div: division by zero`; Norm of a zero-length vector is the zero
 * vector; the X/Y/Z getters also read the same component of another vector-like object
 * (rt__math_comp); Angle is atan2(y, x); Rotate turns counter-clockwise by the angle in radians;
 * Vec2.Cross is the scalar z of the 3D cross product.
 */
#include "rt_math_abi.h"

#include <math.h>

/* ---- Vec2 ---- */

static const double *v2(const void *p, const char *fn) { return rt__math_vals(p, RT_MATH_VEC2, fn); }

void *rt_vec2_new(double x, double y) {
    double v[2] = {x, y};
    return rt__math_new(RT_MATH_VEC2, v);
}
void *rt_vec2_zero(void) { return rt_vec2_new(0.0, 0.0); }
void *rt_vec2_one(void) { return rt_vec2_new(1.0, 1.0); }
double rt_vec2_x(void *v) { return rt__math_comp(v, 0, "Vec2.X"); }
double rt_vec2_y(void *v) { return rt__math_comp(v, 1, "Vec2.Y"); }

void *rt_vec2_add(void *a, void *b) {
    const double *p = v2(a, "Vec2.Add"), *q = v2(b, "Vec2.Add");
    return rt_vec2_new(p[0] + q[0], p[1] + q[1]);
}
void *rt_vec2_sub(void *a, void *b) {
    const double *p = v2(a, "Vec2.Sub"), *q = v2(b, "Vec2.Sub");
    return rt_vec2_new(p[0] - q[0], p[1] - q[1]);
}
void *rt_vec2_mul(void *v, double s) {
    const double *p = v2(v, "Vec2.Mul");
    return rt_vec2_new(p[0] * s, p[1] * s);
}
void *rt_vec2_div(void *v, double s) {
    const double *p = v2(v, "Vec2.Div");
    if (s == 0.0)
        rt__trap("Vec2.Div: division by zero");
    return rt_vec2_new(p[0] / s, p[1] / s);
}
void *rt_vec2_neg(void *v) {
    const double *p = v2(v, "Vec2.Neg");
    return rt_vec2_new(-p[0], -p[1]);
}
double rt_vec2_dot(void *a, void *b) {
    const double *p = v2(a, "Vec2.Dot"), *q = v2(b, "Vec2.Dot");
    return p[0] * q[0] + p[1] * q[1];
}
double rt_vec2_cross(void *a, void *b) {
    const double *p = v2(a, "Vec2.Cross"), *q = v2(b, "Vec2.Cross");
    return p[0] * q[1] - p[1] * q[0];
}
double rt_vec2_len_sq(void *v) {
    const double *p = v2(v, "Vec2.LenSq");
    return p[0] * p[0] + p[1] * p[1];
}
double rt_vec2_len(void *v) {
    const double *p = v2(v, "Vec2.Len");
    return sqrt(p[0] * p[0] + p[1] * p[1]);
}
double rt_vec2_dist(void *a, void *b) {
    const double *p = v2(a, "Vec2.Dist"), *q = v2(b, "Vec2.Dist");
    double dx = p[0] - q[0], dy = p[1] - q[1];
    return sqrt(dx * dx + dy * dy);
}
void *rt_vec2_norm(void *v) {
    const double *p = v2(v, "Vec2.Norm");
    double l = sqrt(p[0] * p[0] + p[1] * p[1]);
    if (l == 0.0)
        return rt_vec2_zero();
    return rt_vec2_new(p[0] / l, p[1] / l);
}
void *rt_vec2_lerp(void *a, void *b, double t) {
    const double *p = v2(a, "Vec2.Lerp"), *q = v2(b, "Vec2.Lerp");
    return rt_vec2_new(p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t);
}
double rt_vec2_angle(void *v) {
    const double *p = v2(v, "Vec2.Angle");
    return atan2(p[1], p[0]);
}
void *rt_vec2_rotate(void *v, double angle) {
    const double *p = v2(v, "Vec2.Rotate");
    double c = cos(angle), s = sin(angle);
    return rt_vec2_new(p[0] * c - p[1] * s, p[0] * s + p[1] * c);
}

/* ---- Vec3 ---- */

static const double *v3(const void *p, const char *fn) { return rt__math_vals(p, RT_MATH_VEC3, fn); }

void *rt_vec3_new(double x, double y, double z) {
    double v[3] = {x, y, z};
    return rt__math_new(RT_MATH_VEC3, v);
}
void *rt_vec3_zero(void) { return rt_vec3_new(0.0, 0.0, 0.0); }
void *rt_vec3_one(void) { return rt_vec3_new(1.0, 1.0, 1.0); }
double rt_vec3_x(void *v) { return rt__math_comp(v, 0, "Vec3.X"); }
double rt_vec3_y(void *v) { return rt__math_comp(v, 1, "Vec3.Y"); }
double rt_vec3_z(void *v) { return rt__math_comp(v, 2, "Vec3.Z"); }

void *rt_vec3_add(void *a, void *b) {
    const double *p = v3(a, "Vec3.Add"), *q = v3(b, "Vec3.Add");
    return rt_vec3_new(p[0] + q[0], p[1] + q[1], p[2] + q[2]);
}
void *rt_vec3_sub(void *a, void *b) {
    const double *p = v3(a, "Vec3.Sub"), *q = v3(b, "Vec3.Sub");
    return rt_vec3_new(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}
void *rt_vec3_mul(void *v, double s) {
    const double *p = v3(v, "Vec3.Mul");
    return rt_vec3_new(p[0] * s, p[1] * s, p[2] * s);
}
void *rt_vec3_div(void *v, double s) {
    const double *p = v3(v, "Vec3.Div");
    if (s == 0.0)
        rt__trap("Vec3.Div: division by zero");
    return rt_vec3_new(p[0] / s, p[1] / s, p[2] / s);
}
void *rt_vec3_neg(void *v) {
    const double *p = v3(v, "Vec3.Neg");
    return rt_vec3_new(-p[0], -p[1], -p[2]);
}
double rt_vec3_dot(void *a, void *b) {
    const double *p = v3(a, "Vec3.Dot"), *q = v3(b, "Vec3.Dot");
    return p[0] * q[0] + p[1] * q[1] + p[2] * q[2];
}
void *rt_vec3_cross(void *a, void *b) {
    const double *p = v3(a, "Vec3.Cross"), *q = v3(b, "Vec3.Cross");
    return rt_vec3_new(p[1] * q[2] - p[2] * q[1], p[2] * q[0] - p[0] * q[2],
                       p[0] * q[1] - p[1] * q[0]);
}
double rt_vec3_len_sq(void *v) {
    const double *p = v3(v, "Vec3.LenSq");
    return p[0] * p[0] + p[1] * p[1] + p[2] * p[2];
}
double rt_vec3_len(void *v) {
    const double *p = v3(v, "Vec3.Len");
    return sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
}
double rt_vec3_dist(void *a, void *b) {
    const double *p = v3(a, "Vec3.Dist"), *q = v3(b, "Vec3.Dist");
    double dx = p[0] - q[0], dy = p[1] - q[1], dz = p[2] - q[2];
    return sqrt(dx * dx + dy * dy + dz * dz);
}
void *rt_vec3_norm(void *v) {
    const double *p = v3(v, "Vec3.Norm");
    double l = sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
    if (l == 0.0)
        return rt_vec3_zero();
    return rt_vec3_new(p[0] / l, p[1] / l, p[2] / l);
}
void *rt_vec3_lerp(void *a, void *b, double t) {
    const double *p = v3(a, "Vec3.Lerp"), *q = v3(b, "Vec3.Lerp");
    return rt_vec3_new(p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t,
                       p[2] + (q[2] - p[2]) * t);
}
