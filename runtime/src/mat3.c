/*
 * mat3.c — Viper.Math.Mat3: immutable 3x3 double matrices, row-major (representation:
 * mathobj.c), for 2D affine transforms acting on column vectors (x, y, 1).
 * Translate puts (tx, ty) in column 2; Rotate(a) is [[cos,-sin,0],[sin,cos,0],[0,0,1]];
 * Shear(sx, sy) is [[1,sx,0],[sy,1,0],[0,0,1]]. Row/Col return Vec3; TransformPoint applies the
 * translation (x, y, 1), TransformVec does not (x, y, 0); both return Vec2. Eq compares every
 * element within |a-b| <= eps. Get/Row/Col out of range traps `Mat3.<Fn>: index out of range`;
 * Inverse of a singular matrix (det == 0) traps `Mat3.Inverse: singular matrix`.
 */
#include "rt_math_abi.h"

#include <math.h>

static const double *m3(const void *p, const char *fn) { return rt__math_vals(p, RT_MATH_MAT3, fn); }

static void *mk(double a, double b, double c, double d, double e, double f, double g, double h,
                double i) {
    double v[9] = {a, b, c, d, e, f, g, h, i};
    return rt__math_new(RT_MATH_MAT3, v);
}

void *rt_mat3_identity(void) { return mk(1, 0, 0, 0, 1, 0, 0, 0, 1); }
void *rt_mat3_zero(void) { return mk(0, 0, 0, 0, 0, 0, 0, 0, 0); }
void *rt_mat3_translate(double tx, double ty) { return mk(1, 0, tx, 0, 1, ty, 0, 0, 1); }
void *rt_mat3_scale(double sx, double sy) { return mk(sx, 0, 0, 0, sy, 0, 0, 0, 1); }
void *rt_mat3_scale_uniform(double s) { return rt_mat3_scale(s, s); }
void *rt_mat3_rotate(double angle) {
    double c = cos(angle), s = sin(angle);
    return mk(c, -s, 0, s, c, 0, 0, 0, 1);
}
void *rt_mat3_shear(double sx, double sy) { return mk(1, sx, 0, sy, 1, 0, 0, 0, 1); }

static void check_index(int64_t i, const char *fn) {
    if (i < 0 || i > 2)
        rt__trapf("%s: index out of range", fn);
}

double rt_mat3_get(void *m, int64_t row, int64_t col) {
    const double *v = m3(m, "Mat3.Get");
    check_index(row, "Mat3.Get");
    check_index(col, "Mat3.Get");
    return v[row * 3 + col];
}
void *rt_mat3_row(void *m, int64_t row) {
    const double *v = m3(m, "Mat3.Row");
    check_index(row, "Mat3.Row");
    return rt_vec3_new(v[row * 3], v[row * 3 + 1], v[row * 3 + 2]);
}
void *rt_mat3_col(void *m, int64_t col) {
    const double *v = m3(m, "Mat3.Col");
    check_index(col, "Mat3.Col");
    return rt_vec3_new(v[col], v[3 + col], v[6 + col]);
}

/* r = a + sign * b, element-wise */
static void *addsub(void *a, void *b, double sign, const char *fn) {
    const double *p = m3(a, fn), *q = m3(b, fn);
    double r[9];
    for (int i = 0; i < 9; i++)
        r[i] = p[i] + sign * q[i];
    return rt__math_new(RT_MATH_MAT3, r);
}
void *rt_mat3_add(void *a, void *b) { return addsub(a, b, 1.0, "Mat3.Add"); }
void *rt_mat3_sub(void *a, void *b) { return addsub(a, b, -1.0, "Mat3.Sub"); }

void *rt_mat3_mul(void *a, void *b) {
    const double *p = m3(a, "Mat3.Mul"), *q = m3(b, "Mat3.Mul");
    double r[9];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            r[i * 3 + j] = p[i * 3] * q[j] + p[i * 3 + 1] * q[3 + j] + p[i * 3 + 2] * q[6 + j];
    return rt__math_new(RT_MATH_MAT3, r);
}
void *rt_mat3_mul_scalar(void *m, double s) {
    const double *p = m3(m, "Mat3.MulScalar");
    double r[9];
    for (int i = 0; i < 9; i++)
        r[i] = p[i] * s;
    return rt__math_new(RT_MATH_MAT3, r);
}
void *rt_mat3_neg(void *m) {
    const double *p = m3(m, "Mat3.Neg");
    double r[9];
    for (int i = 0; i < 9; i++)
        r[i] = -p[i];
    return rt__math_new(RT_MATH_MAT3, r);
}
void *rt_mat3_transpose(void *m) {
    const double *p = m3(m, "Mat3.Transpose");
    double r[9];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            r[j * 3 + i] = p[i * 3 + j];
    return rt__math_new(RT_MATH_MAT3, r);
}

static double det3(const double *m) {
    return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) +
           m[2] * (m[3] * m[7] - m[4] * m[6]);
}
double rt_mat3_det(void *m) { return det3(m3(m, "Mat3.Det")); }

void *rt_mat3_inverse(void *m) {
    const double *a = m3(m, "Mat3.Inverse");
    double d = det3(a);
    if (d == 0.0)
        rt__trap("Mat3.Inverse: singular matrix");
    double r[9] = {
        (a[4] * a[8] - a[5] * a[7]) / d, (a[2] * a[7] - a[1] * a[8]) / d,
        (a[1] * a[5] - a[2] * a[4]) / d, (a[5] * a[6] - a[3] * a[8]) / d,
        (a[0] * a[8] - a[2] * a[6]) / d, (a[2] * a[3] - a[0] * a[5]) / d,
        (a[3] * a[7] - a[4] * a[6]) / d, (a[1] * a[6] - a[0] * a[7]) / d,
        (a[0] * a[4] - a[1] * a[3]) / d,
    };
    return rt__math_new(RT_MATH_MAT3, r);
}

static void *transform(void *m, void *v, double w, const char *fn) {
    const double *a = m3(m, fn), *p = rt__math_vals(v, RT_MATH_VEC2, fn);
    return rt_vec2_new(a[0] * p[0] + a[1] * p[1] + a[2] * w, a[3] * p[0] + a[4] * p[1] + a[5] * w);
}
void *rt_mat3_transform_point(void *m, void *v) { return transform(m, v, 1.0, "Mat3.TransformPoint"); }
void *rt_mat3_transform_vec(void *m, void *v) { return transform(m, v, 0.0, "Mat3.TransformVec"); }

bool rt_mat3_eq(void *a, void *b, double eps) {
    const double *p = m3(a, "Mat3.Eq"), *q = m3(b, "Mat3.Eq");
    for (int i = 0; i < 9; i++)
        if (!(fabs(p[i] - q[i]) <= eps))
            return false;
    return true;
}
