/*
 * easing.c — Viper.Math.Easing (RUNTIME-EXTENDED §17): the 28 easing curves f64 -> f64.
 *
 * No clamping: t outside [0, 1] is extrapolated by the same formulas, except where a branch
 * returns a constant (Expo/Elastic ends). The expressions are written exactly as documented —
 * products left to right (`c3*t*t*t` = ((c3*t)*t)*t), constants such as c1*1.525 and 2π/3 folded in
 * double — and the file is compiled without FMA contraction (pragma below, §G.6), so the last
 * bit matches the reference (given the same libm sin/cos/pow/sqrt).
 */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "rt_collections_abi.h"
#include "rt_lang_abi.h"
#include "rt_math_abi.h"
#include "rt_text_abi.h"

#include <math.h>

#define PI 3.14159265358979323846

static const double c1 = 1.70158;
static const double c2 = 1.70158 * 1.525;
static const double c3 = 1.70158 + 1.0;
static const double c4 = 2.0 * PI / 3.0;
static const double c5 = 2.0 * PI / 4.5;

double rt_ease_linear(double t) { return t; }

double rt_ease_in_quad(double t) { return t * t; }
double rt_ease_out_quad(double t) { return t * (2.0 - t); }
double rt_ease_in_out_quad(double t) { return t < 0.5 ? 2.0 * t * t : -1.0 + (4.0 - 2.0 * t) * t; }

double rt_ease_in_cubic(double t) { return t * t * t; }

double rt_ease_out_cubic(double t) {
    double u = t - 1.0;
    return u * u * u + 1.0;
}

double rt_ease_in_out_cubic(double t) {
    return t < 0.5 ? 4.0 * t * t * t : (t - 1.0) * (2.0 * t - 2.0) * (2.0 * t - 2.0) + 1.0;
}

double rt_ease_in_quart(double t) { return t * t * t * t; }

double rt_ease_out_quart(double t) {
    double u = t - 1.0;
    return 1.0 - u * u * u * u;
}

double rt_ease_in_out_quart(double t) {
    double u = t - 1.0;
    return t < 0.5 ? 8.0 * t * t * t * t : 1.0 - 8.0 * u * u * u * u;
}

double rt_ease_in_sine(double t) { return 1.0 - cos(t * PI / 2.0); }
double rt_ease_out_sine(double t) { return sin(t * PI / 2.0); }
double rt_ease_in_out_sine(double t) { return 0.5 * (1.0 - cos(PI * t)); }

double rt_ease_in_expo(double t) { return t <= 0 ? 0.0 : pow(2.0, 10.0 * (t - 1.0)); }
double rt_ease_out_expo(double t) { return t >= 1 ? 1.0 : 1.0 - pow(2.0, -10.0 * t); }

double rt_ease_in_out_expo(double t) {
    if (t <= 0)
        return 0.0;
    if (t >= 1)
        return 1.0;
    return t < 0.5 ? 0.5 * pow(2.0, 20.0 * t - 10.0) : 1.0 - 0.5 * pow(2.0, -20.0 * t + 10.0);
}

double rt_ease_in_circ(double t) { return 1.0 - sqrt(1.0 - t * t); }

double rt_ease_out_circ(double t) {
    double u = t - 1.0;
    return sqrt(1.0 - u * u);
}

double rt_ease_in_out_circ(double t) {
    if (t < 0.5)
        return 0.5 * (1.0 - sqrt(1.0 - 4.0 * t * t));
    double u = 2.0 * t - 2.0;
    return 0.5 * (sqrt(1.0 - u * u) + 1.0);
}

double rt_ease_in_back(double t) { return c3 * t * t * t - c1 * t * t; }

double rt_ease_out_back(double t) {
    double u = t - 1.0;
    return 1.0 + c3 * u * u * u + c1 * u * u;
}

double rt_ease_in_out_back(double t) {
    if (t < 0.5) {
        double s = 2.0 * t;
        return 0.5 * (s * s * ((c2 + 1.0) * s - c2));
    }
    double s = 2.0 * t - 2.0;
    return 0.5 * (s * s * ((c2 + 1.0) * s + c2) + 2.0);
}

double rt_ease_in_elastic(double t) {
    if (t <= 0)
        return 0.0;
    if (t >= 1)
        return 1.0;
    return -pow(2.0, 10.0 * t - 10.0) * sin((10.0 * t - 10.75) * c4);
}

double rt_ease_out_elastic(double t) {
    if (t <= 0)
        return 0.0;
    if (t >= 1)
        return 1.0;
    return pow(2.0, -10.0 * t) * sin((10.0 * t - 0.75) * c4) + 1.0;
}

double rt_ease_in_out_elastic(double t) {
    if (t <= 0)
        return 0.0;
    if (t >= 1)
        return 1.0;
    if (t < 0.5)
        return -0.5 * pow(2.0, 20.0 * t - 10.0) * sin((20.0 * t - 11.125) * c5);
    return 0.5 * pow(2.0, -20.0 * t + 10.0) * sin((20.0 * t - 11.125) * c5) + 1.0;
}

double rt_ease_out_bounce(double t) {
    const double n1 = 7.5625, d1 = 2.75;
    if (t < 1.0 / d1)
        return n1 * t * t;
    if (t < 2.0 / d1) {
        t -= 1.5 / d1;
        return n1 * t * t + 0.75;
    }
    if (t < 2.5 / d1) {
        t -= 2.25 / d1;
        return n1 * t * t + 0.9375;
    }
    t -= 2.625 / d1;
    return n1 * t * t + 0.984375;
}

double rt_ease_in_bounce(double t) { return 1.0 - rt_ease_out_bounce(1.0 - t); }

double rt_ease_in_out_bounce(double t) {
    return t < 0.5 ? 0.5 * (1.0 - rt_ease_out_bounce(1.0 - 2.0 * t))
                   : 0.5 * (1.0 + rt_ease_out_bounce(2.0 * t - 1.0));
}
