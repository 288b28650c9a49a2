/*
 * quat.c — Viper.Math.Quat: immutable rotation quaternions (x, y, z, w) (representation:
 * mathobj.c), plus Quat.ToMat4 (a Mat4 object read by Mat4.Get).
 *
 * Conventions: Mul is the Hamilton product a*b (apply b, then a); FromAxisAngle normalises the
 * axis (a zero axis gives the identity); FromEuler(pitch, yaw, roll) uses the ZYX formula with
 * roll about X, pitch about Y and yaw about Z (so FromEuler(0, a, 0) rotates about Z, as the
 * reference does). Inverse is conjugate / |q|^2 (a zero quaternion traps
 * `Quat.Inverse: zero-length quaternion`); Norm of a zero quaternion is the identity; Lerp is the
 * normalised lerp and Slerp the spherical one, both along the shorter arc; RotateVec3 computes
 * v + 2w(u x v) + 2u x (u x v) with u = (x, y, z); Axis of a (near-)identity rotation is (1,0,0);
 * Angle is 2 acos(w) with w clamped to [-1, 1]. The X/Y/Z getters also read a Vec2/Vec3's
 * component (rt__math_comp), as the reference does; W needs a Quat.
 */
#include "rt_math_abi.h"

#include <math.h>

static const double *qv(const void *p, const char *fn) { return rt__math_vals(p, RT_MATH_QUAT, fn); }

void *rt_quat_new(double x, double y, double z, double w) {
    double v[4] = {x, y, z, w};
    return rt__math_new(RT_MATH_QUAT, v);
}
void *rt_quat_identity(void) { return rt_quat_new(0.0, 0.0, 0.0, 1.0); }

void *rt_quat_from_axis_angle(void *axis, double angle) {
    const double *a = rt__math_vals(axis, RT_MATH_VEC3, "Quat.FromAxisAngle");
    double l = sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    if (l == 0.0)
        return rt_quat_identity();
    double s = sin(angle * 0.5) / l;
    return rt_quat_new(a[0] * s, a[1] * s, a[2] * s, cos(angle * 0.5));
}

void *rt_quat_from_euler(double pitch, double yaw, double roll) {
    double cr = cos(roll * 0.5), sr = sin(roll * 0.5);
    double cp = cos(pitch * 0.5), sp = sin(pitch * 0.5);
    double cy = cos(yaw * 0.5), sy = sin(yaw * 0.5);
    return rt_quat_new(sr * cp * cy - cr * sp * sy, cr * sp * cy + sr * cp * sy,
                       cr * cp * sy - sr * sp * cy, cr * cp * cy + sr * sp * sy);
}

double rt_quat_x(void *q) { return rt__math_comp(q, 0, "Quat.X"); }
double rt_quat_y(void *q) { return rt__math_comp(q, 1, "Quat.Y"); }
double rt_quat_z(void *q) { return rt__math_comp(q, 2, "Quat.Z"); }
double rt_quat_w(void *q) { return rt__math_comp(q, 3, "Quat.W"); }

void *rt_quat_mul(void *a, void *b) {
    const double *p = qv(a, "Quat.Mul"), *q = qv(b, "Quat.Mul");
    double ax = p[0], ay = p[1], az = p[2], aw = p[3], bx = q[0], by = q[1], bz = q[2], bw = q[3];
    return rt_quat_new(aw * bx + ax * bw + ay * bz - az * by, aw * by - ax * bz + ay * bw + az * bx,
                       aw * bz + ax * by - ay * bx + az * bw, aw * bw - ax * bx - ay * by - az * bz);
}

void *rt_quat_conjugate(void *q) {
    const double *p = qv(q, "Quat.Conjugate");
    return rt_quat_new(-p[0], -p[1], -p[2], p[3]);
}

static double dot4(const double *p, const double *q) {
    return p[0] * q[0] + p[1] * q[1] + p[2] * q[2] + p[3] * q[3];
}

void *rt_quat_inverse(void *q) {
    const double *p = qv(q, "Quat.Inverse");
    double n = dot4(p, p);
    if (n == 0.0)
        rt__trap("Quat.Inverse: zero-length quaternion");
    return rt_quat_new(-p[0] / n, -p[1] / n, -p[2] / n, p[3] / n);
}

double rt_quat_len_sq(void *q) {
    const double *p = qv(q, "Quat.LenSq");
    return dot4(p, p);
}
double rt_quat_len(void *q) {
    const double *p = qv(q, "Quat.Len");
    return sqrt(dot4(p, p));
}
double rt_quat_dot(void *a, void *b) { return dot4(qv(a, "Quat.Dot"), qv(b, "Quat.Dot")); }

static void *normalized(double x, double y, double z, double w) {
    double l = sqrt(x * x + y * y + z * z + w * w);
    if (l == 0.0)
        return rt_quat_identity();
    return rt_quat_new(x / l, y / l, z / l, w / l);
}

void *rt_quat_norm(void *q) {
    const double *p = qv(q, "Quat.Norm");
    return normalized(p[0], p[1], p[2], p[3]);
}

void *rt_quat_lerp(void *a, void *b, double t) {
    const double *p = qv(a, "Quat.Lerp"), *q = qv(b, "Quat.Lerp");
    double sb = dot4(p, q) < 0.0 ? -1.0 : 1.0;
    double r[4];
    for (int i = 0; i < 4; i++)
        r[i] = p[i] * (1.0 - t) + sb * q[i] * t;
    return normalized(r[0], r[1], r[2], r[3]);
}

void *rt_quat_slerp(void *a, void *b, double t) {
    const double *p = qv(a, "Quat.Slerp"), *q = qv(b, "Quat.Slerp");
    double c = dot4(p, q), sb = 1.0;
    if (c < 0.0) {
        c = -c;
        sb = -1.0;
    }
    if (c > 0.9995) { /* nearly parallel: normalised lerp avoids dividing by sin(theta) ~ 0 */
        double r[4];
        for (int i = 0; i < 4; i++)
            r[i] = p[i] * (1.0 - t) + sb * q[i] * t;
        return normalized(r[0], r[1], r[2], r[3]);
    }
    double theta = acos(c), s = sin(theta);
    double wa = sin((1.0 - t) * theta) / s, wb = sb * sin(t * theta) / s;
    return rt_quat_new(wa * p[0] + wb * q[0], wa * p[1] + wb * q[1], wa * p[2] + wb * q[2],
                       wa * p[3] + wb * q[3]);
}

void *rt_quat_rotate_vec3(void *q, void *v) {
    const double *p = qv(q, "Quat.RotateVec3");
    const double *u = rt__math_vals(v, RT_MATH_VEC3, "Quat.RotateVec3");
    double x = p[0], y = p[1], z = p[2], w = p[3];
    double tx = 2.0 * (y * u[2] - z * u[1]), ty = 2.0 * (z * u[0] - x * u[2]),
           tz = 2.0 * (x * u[1] - y * u[0]);
    return rt_vec3_new(u[0] + w * tx + (y * tz - z * ty), u[1] + w * ty + (z * tx - x * tz),
                       u[2] + w * tz + (x * ty - y * tx));
}

void *rt_quat_to_mat4(void *q) {
    const double *p = qv(q, "Quat.ToMat4");
    double x = p[0], y = p[1], z = p[2], w = p[3];
    double m[16] = {
        1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y), 0,
        2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x), 0,
        2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y), 0,
        0, 0, 0, 1,
    };
    return rt__math_new(RT_MATH_MAT4, m);
}

void *rt_quat_axis(void *q) {
    const double *p = qv(q, "Quat.Axis");
    double w = p[3] > 1.0 ? 1.0 : (p[3] < -1.0 ? -1.0 : p[3]);
    double s = sqrt(1.0 - w * w);
    if (s < 1e-9)
        return rt_vec3_new(1.0, 0.0, 0.0);
    return rt_vec3_new(p[0] / s, p[1] / s, p[2] / s);
}

double rt_quat_angle(void *q) {
    double w = qv(q, "Quat.Angle")[3];
    w = w > 1.0 ? 1.0 : (w < -1.0 ? -1.0 : w);
    return 2.0 * acos(w);
}
