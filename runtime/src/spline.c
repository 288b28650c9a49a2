/*
 * spline.c — Viper.Math.Spline: 2D curves over Vec2 control points.
 *
 * Kinds: Linear (polyline through n >= 2 points), CatmullRom (uniform Catmull-Rom through
 * n >= 2 points, the end points duplicated as the outer controls) and Bezier (one cubic with 4
 * control points). The parameter t of Eval/Tangent is clamped to [0, 1] and spans the whole
 * curve: for Linear/CatmullRom, segment i covers t in [i/(n-1), (i+1)/(n-1)]. Tangent is the
 * derivative dP/dt with respect to that global t (not normalised). ArcLength(t0, t1, steps) sums
 * the chord lengths of `steps` (at least 1) equal parameter steps. Sample(n) returns a Seq of n
 * Vec2 at t = i/(n-1) (n == 1: t = 0; n <= 0: empty). PointAt(i) returns control point i
 * (out of range traps `Spline.PointAt: index out of range`). The spline copies the points'
 * coordinates at creation. A NULL spline traps `Spline.<Fn>: null object`; a points Seq with a
 * non-Vec2 element traps through the Vec2 check; fewer than 2 points traps
 * `Spline.<Kind>: at least 2 points required`.
 */
#include "rt_math_abi.h"
#include "rt_objects_internal.h"

#include <math.h>
#include <stdlib.h>

enum { SPL_LINEAR = 1, SPL_CATMULL = 2, SPL_BEZIER = 3 };

typedef struct rt_spline {
    void *vptr; /* always NULL */
    int64_t kind;
    int64_t n;
    double *pts; /* 2n doubles, owned */
} rt_spline;

static void spline_finalize(void *p) {
    rt_spline *s = p;
    free(s->pts);
    s->pts = NULL;
}

static rt_spline *sp(void *p, const char *fn) {
    if (!p)
        rt__trapf("%s: null object", fn);
    if (!rt__is_collection(p, spline_finalize))
        rt__trapf("%s: wrong object type", fn);
    return p;
}

static rt_spline *spline_alloc(int64_t kind, int64_t n) {
    rt_spline *s = rt__collection_alloc(sizeof(rt_spline), spline_finalize);
    s->kind = kind;
    s->n = n;
    s->pts = rt__xmalloc((size_t)n * 2 * sizeof(double));
    return s;
}

static void *from_seq(void *points, int64_t kind, const char *fn) {
    if (!points)
        rt__trapf("%s: null object", fn);
    if (!rt__is_seq(points))
        rt__trapf("%s: wrong object type", fn);
    int64_t n = rt_seq_len(points);
    if (n < 2)
        rt__trapf("%s: at least 2 points required", fn);
    for (int64_t i = 0; i < n; i++)
        (void)rt__math_vals(rt__seq_at(points, i), RT_MATH_VEC2, fn);
    rt_spline *s = spline_alloc(kind, n);
    for (int64_t i = 0; i < n; i++) {
        const double *v = rt__math_vals(rt__seq_at(points, i), RT_MATH_VEC2, fn);
        s->pts[2 * i] = v[0];
        s->pts[2 * i + 1] = v[1];
    }
    return s;
}

void *rt_spline_linear(void *points) { return from_seq(points, SPL_LINEAR, "Spline.Linear"); }
void *rt_spline_catmull_rom(void *points) {
    return from_seq(points, SPL_CATMULL, "Spline.CatmullRom");
}

void *rt_spline_bezier(void *p0, void *p1, void *p2, void *p3) {
    void *in[4] = {p0, p1, p2, p3};
    for (int i = 0; i < 4; i++)
        (void)rt__math_vals(in[i], RT_MATH_VEC2, "Spline.Bezier");
    rt_spline *s = spline_alloc(SPL_BEZIER, 4);
    for (int i = 0; i < 4; i++) {
        const double *v = rt__math_vals(in[i], RT_MATH_VEC2, "Spline.Bezier");
        s->pts[2 * i] = v[0];
        s->pts[2 * i + 1] = v[1];
    }
    return s;
}

int64_t rt_spline_point_count(void *s) { return sp(s, "Spline.PointCount")->n; }

void *rt_spline_point_at(void *s, int64_t i) {
    rt_spline *p = sp(s, "Spline.PointAt");
    if (i < 0 || i >= p->n)
        rt__trap("Spline.PointAt: index out of range");
    return rt_vec2_new(p->pts[2 * i], p->pts[2 * i + 1]);
}

/* Point (deriv == 0) or derivative dP/dt (deriv == 1) at global t, into out[2]. */
static void eval(const rt_spline *s, double t, int deriv, double out[2]) {
    if (!(t >= 0.0))
        t = 0.0;
    if (t > 1.0)
        t = 1.0;
    const double *P = s->pts;
    if (s->kind == SPL_BEZIER) {
        double u = 1.0 - t;
        for (int k = 0; k < 2; k++) {
            double a = P[k], b = P[2 + k], c = P[4 + k], d = P[6 + k];
            out[k] = deriv ? 3 * u * u * (b - a) + 6 * u * t * (c - b) + 3 * t * t * (d - c)
                           : u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * c + t * t * t * d;
        }
        return;
    }
    int64_t segs = s->n - 1;
    double x = t * (double)segs;
    int64_t i = (int64_t)floor(x);
    if (i > segs - 1)
        i = segs - 1;
    double u = x - (double)i;
    if (s->kind == SPL_LINEAR) {
        for (int k = 0; k < 2; k++) {
            double a = P[2 * i + k], b = P[2 * (i + 1) + k];
            out[k] = deriv ? (b - a) * (double)segs : a + (b - a) * u;
        }
        return;
    }
    int64_t i0 = i > 0 ? i - 1 : 0, i3 = i + 2 < s->n ? i + 2 : s->n - 1;
    for (int k = 0; k < 2; k++) {
        double p0 = P[2 * i0 + k], p1 = P[2 * i + k], p2 = P[2 * (i + 1) + k], p3 = P[2 * i3 + k];
        double c1 = -p0 + p2, c2 = 2 * p0 - 5 * p1 + 4 * p2 - p3, c3 = -p0 + 3 * p1 - 3 * p2 + p3;
        out[k] = deriv ? 0.5 * (c1 + 2 * c2 * u + 3 * c3 * u * u) * (double)segs
                       : 0.5 * (2 * p1 + c1 * u + c2 * u * u + c3 * u * u * u);
    }
}

void *rt_spline_eval(void *s, double t) {
    double o[2];
    eval(sp(s, "Spline.Eval"), t, 0, o);
    return rt_vec2_new(o[0], o[1]);
}

void *rt_spline_tangent(void *s, double t) {
    double o[2];
    eval(sp(s, "Spline.Tangent"), t, 1, o);
    return rt_vec2_new(o[0], o[1]);
}

double rt_spline_arc_length(void *s, double t0, double t1, int64_t steps) {
    rt_spline *p = sp(s, "Spline.ArcLength");
    if (steps < 1)
        steps = 1;
    double prev[2], cur[2], len = 0.0;
    eval(p, t0, 0, prev);
    for (int64_t i = 1; i <= steps; i++) {
        eval(p, t0 + (t1 - t0) * (double)i / (double)steps, 0, cur);
        len += hypot(cur[0] - prev[0], cur[1] - prev[1]);
        prev[0] = cur[0];
        prev[1] = cur[1];
    }
    return len;
}

void *rt_spline_sample(void *s, int64_t n) {
    rt_spline *p = sp(s, "Spline.Sample");
    void *seq = rt_seq_new();
    for (int64_t i = 0; i < n; i++) {
        double o[2];
        eval(p, n == 1 ? 0.0 : (double)i / (double)(n - 1), 0, o);
        rt__seq_push_owned(seq, rt_vec2_new(o[0], o[1]));
    }
    return seq;
}
