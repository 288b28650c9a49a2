/*
 * mat4.c — Viper.Math.Mat4 (RUNTIME-EXTENDED §16): immutable 4x4 double matrices, row-major
 * (element (r, c) at index 4r + c; representation shared with Mat4.Get/Quat.ToMat4, mathobj.c).
 * Vectors are column vectors multiplied on the right; Translate puts the offset in column 3.
 *
 * Reproduced as documented (not "fixed"): Perspective has -1 at (2,3) and the depth term at
 * (3,2), and Ortho its translation in row 3 — i.e. both are the transpose of what the column-
 * vector convention of Translate/TransformPoint would need. NULL operands: Add/Sub/MulScalar ->
 * Zero, Mul/Transpose/Inverse -> Identity, LookAt -> Identity, Det -> 0, TransformPoint/Vec ->
 * Vec3 zero. Inverse of a matrix with |det| < 1e-15 -> Identity (no trap). A non-Mat4 object
 * traps `Mat4.<Fn>: wrong object type` (rt__math_vals); Vec3 arguments are read with the Vec3
 * accessors. Every result is a fresh +1 object.
 *
 * Floating point (§G.6): the expressions follow the documented evaluation order (sums left to
 * right, 1/det multiplied) and the file is compiled without FMA contraction (pragma below), so
 * results match the reference bit for bit (given the same libm sin/cos/tan/sqrt).
 */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "rt_chtab_internal.h"
#include "rt_math_abi.h"

#include <math.h>
#include <string.h>

static const double *mv(const void *p, const char *fn) { return rt__math_vals(p, RT_MATH_MAT4, fn); }
static void *mk(const double *v) { return rt__math_new(RT_MATH_MAT4, v); }

static void *ident(void) {
    double v[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    return mk(v);
}

void *rt_mat4_identity(void) { return ident(); }

void *rt_mat4_zero(void) {
    double v[16] = {0};
    return mk(v);
}

void *rt_mat4_translate(double tx, double ty, double tz) {
    double v[16] = {1, 0, 0, tx, 0, 1, 0, ty, 0, 0, 1, tz, 0, 0, 0, 1};
    return mk(v);
}

void *rt_mat4_scale(double sx, double sy, double sz) {
    double v[16] = {sx, 0, 0, 0, 0, sy, 0, 0, 0, 0, sz, 0, 0, 0, 0, 1};
    return mk(v);
}

void *rt_mat4_rotate_x(double a) {
    double c = cos(a), s = sin(a);
    double v[16] = {1, 0, 0, 0, 0, c, -s, 0, 0, s, c, 0, 0, 0, 0, 1};
    return mk(v);
}

void *rt_mat4_rotate_y(double a) {
    double c = cos(a), s = sin(a);
    double v[16] = {c, 0, s, 0, 0, 1, 0, 0, -s, 0, c, 0, 0, 0, 0, 1};
    return mk(v);
}

void *rt_mat4_rotate_z(double a) {
    double c = cos(a), s = sin(a);
    double v[16] = {c, -s, 0, 0, s, c, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    return mk(v);
}

void *rt_mat4_perspective(double fov, double aspect, double near, double far) {
    double f = 1.0 / tan(fov / 2.0), nf = 1.0 / (near - far);
    double v[16] = {f / aspect, 0, 0, 0,
                    0, f, 0, 0,
                    0, 0, (far + near) * nf, -1,
                    0, 0, 2.0 * far * near * nf, 0};
    return mk(v);
}

void *rt_mat4_ortho(double l, double r, double b, double t, double n, double f) {
    double rl = 1.0 / (r - l), tb = 1.0 / (t - b), fn = 1.0 / (f - n);
    double v[16] = {2.0 * rl, 0, 0, 0,
                    0, 2.0 * tb, 0, 0,
                    0, 0, -2.0 * fn, 0,
                    -(r + l) * rl, -(t + b) * tb, -(f + n) * fn, 1};
    return mk(v);
}

void *rt_mat4_look_at(void *eye, void *target, void *up) {
    if (!eye || !target || !up)
        return ident();
    double ex = rt_vec3_x(eye), ey = rt_vec3_y(eye), ez = rt_vec3_z(eye);
    double ux = rt_vec3_x(up), uy = rt_vec3_y(up), uz = rt_vec3_z(up);
    double fx = rt_vec3_x(target) - ex, fy = rt_vec3_y(target) - ey, fz = rt_vec3_z(target) - ez;
    double fl = sqrt(fx * fx + fy * fy + fz * fz);
    if (fl < 1e-15)
        return ident();
    fx /= fl, fy /= fl, fz /= fl;
    double rx = fy * uz - fz * uy, ry = fz * ux - fx * uz, rz = fx * uy - fy * ux;
    double rlen = sqrt(rx * rx + ry * ry + rz * rz);
    if (rlen < 1e-15)
        return ident();
    rx /= rlen, ry /= rlen, rz /= rlen;
    double vx = ry * fz - rz * fy, vy = rz * fx - rx * fz, vz = rx * fy - ry * fx;
    double v[16] = {rx, ry, rz, -(rx * ex + ry * ey + rz * ez),
                    vx, vy, vz, -(vx * ex + vy * ey + vz * ez),
                    -fx, -fy, -fz, fx * ex + fy * ey + fz * ez,
                    0, 0, 0, 1};
    return mk(v);
}

static void *elementwise(void *pa, void *pb, double sign, const char *fn) {
    if (!pa || !pb)
        return rt_mat4_zero();
    const double *a = mv(pa, fn), *b = mv(pb, fn);
    double v[16];
    for (int i = 0; i < 16; i++)
        v[i] = sign > 0 ? a[i] + b[i] : a[i] - b[i];
    return mk(v);
}

void *rt_mat4_add(void *a, void *b) { return elementwise(a, b, 1, "Mat4.Add"); }
void *rt_mat4_sub(void *a, void *b) { return elementwise(a, b, -1, "Mat4.Sub"); }

void *rt_mat4_mul_scalar(void *pm, double s) {
    if (!pm)
        return rt_mat4_zero();
    const double *m = mv(pm, "Mat4.MulScalar");
    double v[16];
    for (int i = 0; i < 16; i++)
        v[i] = m[i] * s;
    return mk(v);
}

void *rt_mat4_mul(void *pa, void *pb) {
    if (!pa || !pb)
        return ident();
    const double *a = mv(pa, "Mat4.Mul"), *b = mv(pb, "Mat4.Mul");
    double v[16];
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            v[4 * i + j] = a[4 * i] * b[j] + a[4 * i + 1] * b[4 + j] + a[4 * i + 2] * b[8 + j] +
                           a[4 * i + 3] * b[12 + j];
    return mk(v);
}

void *rt_mat4_transpose(void *pm) {
    if (!pm)
        return ident();
    const double *m = mv(pm, "Mat4.Transpose");
    double v[16];
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 4; c++)
            v[4 * c + r] = m[4 * r + c];
    return mk(v);
}

typedef struct minors {
    double s0, s1, s2, s3, s4, s5, c0, c1, c2, c3, c4, c5;
} minors;

static minors minors_of(const double *a) {
    minors m;
    m.s0 = a[0] * a[5] - a[1] * a[4];
    m.s1 = a[0] * a[6] - a[2] * a[4];
    m.s2 = a[0] * a[7] - a[3] * a[4];
    m.s3 = a[1] * a[6] - a[2] * a[5];
    m.s4 = a[1] * a[7] - a[3] * a[5];
    m.s5 = a[2] * a[7] - a[3] * a[6];
    m.c5 = a[10] * a[15] - a[11] * a[14];
    m.c4 = a[9] * a[15] - a[11] * a[13];
    m.c3 = a[9] * a[14] - a[10] * a[13];
    m.c2 = a[8] * a[15] - a[11] * a[12];
    m.c1 = a[8] * a[14] - a[10] * a[12];
    m.c0 = a[8] * a[13] - a[9] * a[12];
    return m;
}

static double det_of(const minors *m) {
    return m->s0 * m->c5 - m->s1 * m->c4 + m->s2 * m->c3 + m->s3 * m->c2 - m->s4 * m->c1 +
           m->s5 * m->c0;
}

double rt_mat4_det(void *pm) {
    if (!pm)
        return 0.0;
    minors m = minors_of(mv(pm, "Mat4.Det"));
    return det_of(&m);
}

void *rt_mat4_inverse(void *pm) {
    if (!pm)
        return ident();
    const double *a = mv(pm, "Mat4.Inverse");
    minors m = minors_of(a);
    double det = det_of(&m);
    if (fabs(det) < 1e-15)
        return ident();
    double k = 1.0 / det;
    double v[16];
    v[0] = (a[5] * m.c5 - a[6] * m.c4 + a[7] * m.c3) * k;
    v[1] = (-a[1] * m.c5 + a[2] * m.c4 - a[3] * m.c3) * k;
    v[2] = (a[13] * m.s5 - a[14] * m.s4 + a[15] * m.s3) * k;
    v[3] = (-a[9] * m.s5 + a[10] * m.s4 - a[11] * m.s3) * k;
    v[4] = (-a[4] * m.c5 + a[6] * m.c2 - a[7] * m.c1) * k;
    v[5] = (a[0] * m.c5 - a[2] * m.c2 + a[3] * m.c1) * k;
    v[6] = (-a[12] * m.s5 + a[14] * m.s2 - a[15] * m.s1) * k;
    v[7] = (a[8] * m.s5 - a[10] * m.s2 + a[11] * m.s1) * k;
    v[8] = (a[4] * m.c4 - a[5] * m.c2 + a[7] * m.c0) * k;
    v[9] = (-a[0] * m.c4 + a[1] * m.c2 - a[3] * m.c0) * k;
    v[10] = (a[12] * m.s4 - a[13] * m.s2 + a[15] * m.s0) * k;
    v[11] = (-a[8] * m.s4 + a[9] * m.s2 - a[11] * m.s0) * k;
    v[12] = (-a[4] * m.c3 + a[5] * m.c1 - a[6] * m.c0) * k;
    v[13] = (a[0] * m.c3 - a[1] * m.c1 + a[2] * m.c0) * k;
    v[14] = (-a[12] * m.s3 + a[13] * m.s1 - a[14] * m.s0) * k;
    v[15] = (a[8] * m.s3 - a[9] * m.s1 + a[10] * m.s0) * k;
    return mk(v);
}

void *rt_mat4_transform_point(void *pm, void *pv) {
    if (!pm || !pv)
        return rt_vec3_zero();
    const double *m = mv(pm, "Mat4.TransformPoint");
    double x = rt_vec3_x(pv), y = rt_vec3_y(pv), z = rt_vec3_z(pv);
    double rx = m[0] * x + m[1] * y + m[2] * z + m[3];
    double ry = m[4] * x + m[5] * y + m[6] * z + m[7];
    double rz = m[8] * x + m[9] * y + m[10] * z + m[11];
    double w = m[12] * x + m[13] * y + m[14] * z + m[15];
    if (fabs(w) > 1e-15 && fabs(w - 1.0) > 1e-15) {
        rx /= w;
        ry /= w;
        rz /= w;
    }
    return rt_vec3_new(rx, ry, rz);
}

void *rt_mat4_transform_vec(void *pm, void *pv) {
    if (!pm || !pv)
        return rt_vec3_zero();
    const double *m = mv(pm, "Mat4.TransformVec");
    double x = rt_vec3_x(pv), y = rt_vec3_y(pv), z = rt_vec3_z(pv);
    return rt_vec3_new(m[0] * x + m[1] * y + m[2] * z, m[4] * x + m[5] * y + m[6] * z,
                       m[8] * x + m[9] * y + m[10] * z);
}
