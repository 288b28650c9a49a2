/* test_math2_spline.c — Spline (spline.c): the three kinds, evaluation, tangents, sampling. */
#include "test_math2_check.h"

static void *pts(int n, const double *xy) {
    void *s = rt_seq_new();
    for (int i = 0; i < n; i++)
        rt__seq_push_owned(s, rt_vec2_new(xy[2 * i], xy[2 * i + 1]));
    return s;
}

static void test_linear(void) {
    const double xy[] = {0, 0, 10, 10, 20, 0};
    void *l = rt_spline_linear(pts(3, xy));
    CHECK(*(void **)l == NULL);
    CHECK_EQ_I64(rt_spline_point_count(l), 3);
    CHECK_NEAR(rt_vec2_x(rt_spline_point_at(l, 2)), 20.0);
    CHECK_NEAR(rt_vec2_y(rt_spline_eval(l, 0.5)), 10.0);
    CHECK_NEAR(rt_vec2_x(rt_spline_eval(l, 0.25)), 5.0);
    CHECK_NEAR(rt_vec2_x(rt_spline_eval(l, 1.0)), 20.0);
    CHECK_NEAR(rt_vec2_x(rt_spline_eval(l, 7.0)), 20.0); /* clamped */
    CHECK_NEAR(rt_vec2_x(rt_spline_eval(l, -1.0)), 0.0);
    void *t = rt_spline_tangent(l, 0.25);
    CHECK_NEAR(rt_vec2_x(t), 20.0);
    CHECK_NEAR(rt_vec2_y(t), 20.0);
    CHECK_NEAR(rt_spline_arc_length(l, 0.0, 1.0, 100), 2 * sqrt(200.0));
    CHECK_NEAR(rt_spline_arc_length(l, 0.0, 0.5, 0), sqrt(200.0));
    void *smp = rt_spline_sample(l, 5);
    CHECK_EQ_I64(rt_seq_len(smp), 5);
    CHECK_NEAR(rt_vec2_x(rt__seq_at(smp, 1)), 5.0);
    CHECK_EQ_I64(rt_seq_len(rt_spline_sample(l, 0)), 0);
    CHECK_NEAR(rt_vec2_x(rt__seq_at(rt_spline_sample(l, 1), 0)), 0.0);
    CHECK_EXITS(rt_spline_point_at(l, 3), 1, "Spline.PointAt: index out of range");
    CHECK_EXITS(rt_spline_linear(pts(1, xy)), 1, "Spline.Linear: at least 2 points required");
    CHECK_EXITS(rt_spline_eval(NULL, 0.0), 1, "Spline.Eval: null object");
    rt__obj_release_and_free(l);
}

static void test_bezier_catmull(void) {
    void *b = rt_spline_bezier(rt_vec2_new(0, 0), rt_vec2_new(5, 20), rt_vec2_new(15, 20),
                               rt_vec2_new(20, 0));
    CHECK_EQ_I64(rt_spline_point_count(b), 4);
    CHECK_NEAR(rt_vec2_x(rt_spline_eval(b, 0.0)), 0.0);
    CHECK_NEAR(rt_vec2_x(rt_spline_eval(b, 1.0)), 20.0);
    CHECK_NEAR(rt_vec2_x(rt_spline_eval(b, 0.5)), 10.0);
    CHECK_NEAR(rt_vec2_y(rt_spline_eval(b, 0.5)), 15.0);
    CHECK_NEAR(rt_vec2_x(rt_spline_tangent(b, 0.0)), 15.0);
    CHECK_NEAR(rt_vec2_y(rt_spline_tangent(b, 0.5)), 0.0);
    CHECK_EXITS(rt_spline_bezier(NULL, NULL, NULL, NULL), 1, "Spline.Bezier: null object");
    const double xy[] = {0, 0, 5, 10, 10, 10, 15, 0};
    void *c = rt_spline_catmull_rom(pts(4, xy));
    CHECK_EQ_I64(rt_spline_point_count(c), 4);
    CHECK_NEAR(rt_vec2_x(rt_spline_eval(c, 0.0)), 0.0);
    CHECK_NEAR(rt_vec2_x(rt_spline_eval(c, 1.0 / 3.0)), 5.0); /* passes through the points */
    CHECK_NEAR(rt_vec2_y(rt_spline_eval(c, 2.0 / 3.0)), 10.0);
    CHECK_NEAR(rt_vec2_x(rt_spline_eval(c, 1.0)), 15.0);
    /* tangent at an interior point: (p2 - p0) / 2 per segment, times 3 segments */
    CHECK_NEAR(rt_vec2_x(rt_spline_tangent(c, 1.0 / 3.0)), 15.0);
    CHECK_EXITS(rt_spline_catmull_rom(rt_seq_new()), 1, "Spline.CatmullRom: at least 2 points");
}

void run_tests(void) {
    test_linear();
    test_bezier_catmull();
}
