/*
 * perlin.c — Viper.Math.PerlinNoise (RUNTIME-EXTENDED §18): classic (improved) Perlin noise.
 *
 * New(seed) builds the 512-entry permutation with the reference's seeded Fisher-Yates shuffle
 * (64-bit LCG s = s*6364136223846793005 + 1442695040888963407, j = (s >> 16) % (i + 1), i = 255..1);
 * every seed is valid. Noise2D uses the 4-gradient 2-D variant (h & 3: x+y, -x+y, x-y, -x-y),
 * Noise3D Ken Perlin's 2002 reference algorithm; Octave2D/3D sum `octaves` rounds (frequency x2,
 * amplitude x persistence) and divide by the summed amplitudes. NULL noise object -> 0.0, and
 * octaves <= 0 -> 0.0. A non-PerlinNoise object reads as NULL.
 * Compiled without FMA contraction (pragma below, §G.6) so results match the reference bits.
 */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "rt_chtab_internal.h"

#include <math.h>

typedef struct rt_perlin {
    void *vptr; /* always NULL */
    int perm[512];
} rt_perlin;

static void perlin_finalize(void *p) { (void)p; }

static rt_perlin *as_perlin(void *p) { return rt__is_collection(p, perlin_finalize) ? p : NULL; }

void *rt_perlin_new(int64_t seed) {
    rt_perlin *n = rt__collection_alloc(sizeof(rt_perlin), perlin_finalize);
    int base[256];
    for (int i = 0; i < 256; i++)
        base[i] = i;
    uint64_t s = (uint64_t)seed;
    for (int i = 255; i >= 1; i--) {
        s = s * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
        int j = (int)((s >> 16) % (uint64_t)(i + 1));
        int t = base[i];
        base[i] = base[j];
        base[j] = t;
    }
    for (int i = 0; i < 256; i++)
        n->perm[i] = n->perm[i + 256] = base[i];
    return n;
}

static double fade(double t) { return t * t * t * (t * (t * 6.0 - 15.0) + 10.0); }
static double lerp(double t, double a, double b) { return a + t * (b - a); }

static double g2(int h, double x, double y) {
    switch (h & 3) {
    case 0:
        return x + y;
    case 1:
        return -x + y;
    case 2:
        return x - y;
    default:
        return -x - y;
    }
}

static double g3(int h, double x, double y, double z) {
    h &= 15;
    double u = h < 8 ? x : y;
    double v = h < 4 ? y : (h == 12 || h == 14 ? x : z);
    return ((h & 1) ? -u : u) + ((h & 2) ? -v : v);
}

static double noise2(const rt_perlin *n, double x, double y) {
    const int *p = n->perm;
    double fx = floor(x), fy = floor(y);
    int xi = (int)fx & 255, yi = (int)fy & 255;
    double xf = x - fx, yf = y - fy;
    double u = fade(xf), v = fade(yf);
    int aa = p[p[xi] + yi], ab = p[p[xi] + yi + 1];
    int ba = p[p[xi + 1] + yi], bb = p[p[xi + 1] + yi + 1];
    return lerp(v, lerp(u, g2(aa, xf, yf), g2(ba, xf - 1, yf)),
                lerp(u, g2(ab, xf, yf - 1), g2(bb, xf - 1, yf - 1)));
}

static double noise3(const rt_perlin *n, double x, double y, double z) {
    const int *p = n->perm;
    double fx = floor(x), fy = floor(y), fz = floor(z);
    int xi = (int)fx & 255, yi = (int)fy & 255, zi = (int)fz & 255;
    x -= fx;
    y -= fy;
    z -= fz;
    double u = fade(x), v = fade(y), w = fade(z);
    int a = p[xi] + yi, aa = p[a] + zi, ab = p[a + 1] + zi;
    int b = p[xi + 1] + yi, ba = p[b] + zi, bb = p[b + 1] + zi;
    return lerp(w,
                lerp(v, lerp(u, g3(p[aa], x, y, z), g3(p[ba], x - 1, y, z)),
                     lerp(u, g3(p[ab], x, y - 1, z), g3(p[bb], x - 1, y - 1, z))),
                lerp(v, lerp(u, g3(p[aa + 1], x, y, z - 1), g3(p[ba + 1], x - 1, y, z - 1)),
                     lerp(u, g3(p[ab + 1], x, y - 1, z - 1), g3(p[bb + 1], x - 1, y - 1, z - 1))));
}

double rt_perlin_noise2d(void *p, double x, double y) {
    rt_perlin *n = as_perlin(p);
    return n ? noise2(n, x, y) : 0.0;
}

double rt_perlin_noise3d(void *p, double x, double y, double z) {
    rt_perlin *n = as_perlin(p);
    return n ? noise3(n, x, y, z) : 0.0;
}

double rt_perlin_octave2d(void *p, double x, double y, int64_t octaves, double persistence) {
    rt_perlin *n = as_perlin(p);
    if (!n || octaves <= 0)
        return 0.0;
    double total = 0.0, freq = 1.0, amp = 1.0, max = 0.0;
    for (int64_t i = 0; i < octaves; i++) {
        total += noise2(n, x * freq, y * freq) * amp;
        max += amp;
        amp *= persistence;
        freq *= 2.0;
    }
    return total / max;
}

double rt_perlin_octave3d(void *p, double x, double y, double z, int64_t octaves,
                          double persistence) {
    rt_perlin *n = as_perlin(p);
    if (!n || octaves <= 0)
        return 0.0;
    double total = 0.0, freq = 1.0, amp = 1.0, max = 0.0;
    for (int64_t i = 0; i < octaves; i++) {
        total += noise3(n, x * freq, y * freq, z * freq) * amp;
        max += amp;
        amp *= persistence;
        freq *= 2.0;
    }
    return total / max;
}
