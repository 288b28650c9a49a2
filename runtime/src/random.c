/*
 * random.c — the process-wide random generator: Viper.Math.Rnd / Randomize (RUNTIME-ABI §2.5),
 * Viper.Math.Random.* and the legacy rt_rnd / rt_randomize_i64 (RUNTIME-SYSTEM.md §7, §10).
 *
 * One 64-bit LCG state s, initially 0xDEADBEEFCAFEBABE (re-set by vpr_start), shared by every
 * caller and every Random object without locking (as the reference). One step is
 * s = s*6364136223846793005 + 1 (mod 2^64). Next/Rnd return the top 53 bits of s scaled into
 * [0, 1); NextInt(max) returns the unsigned remainder of the WHOLE new state (low bits — reference
 * quirk reproduced). Functions with a degenerate argument (NextInt max ≤ 0, Dice n ≤ 0, Chance
 * p ≤ 0 or ≥ 1, Gaussian sd ≤ 0, Exponential λ ≤ 0) return at once WITHOUT stepping.
 * Random.New(seed) reseeds the global state and returns an empty 8-byte object; the inst_*
 * methods ignore the object and use the global state (reference quirk reproduced: Random objects
 * are not independent).
 */
#include "rt_core_abi.h"
#include "rt_objects_internal.h"
#include "rt_system_abi.h"
#include "rt_vec.h"

#include <math.h>

uint64_t rt__rng_state = RT_RNG_INITIAL_STATE;

static uint64_t rng_step(void) {
    rt__rng_state = rt__rng_state * 6364136223846793005ULL + 1ULL;
    return rt__rng_state;
}

double rt_rnd(void) {
    uint64_t m = (rng_step() >> 11) & ((1ULL << 53) - 1);
    return (double)m * 0x1.0p-53;
}

void rt_randomize_i64(int64_t seed) {
    rt__rng_state = (uint64_t)seed;
}

int64_t rt_rand_int(int64_t max) {
    if (max <= 0)
        return 0;
    return (int64_t)(rng_step() % (uint64_t)max);
}

int64_t rt_rand_range(int64_t a, int64_t b) {
    if (a > b) {
        int64_t t = a;
        a = b;
        b = t;
    }
    int64_t span = (int64_t)((uint64_t)b - (uint64_t)a + 1ULL);
    return (int64_t)((uint64_t)a + (uint64_t)rt_rand_int(span));
}

int64_t rt_rand_dice(int64_t n) {
    if (n <= 0)
        return 1;
    return 1 + rt_rand_int(n);
}

int64_t rt_rand_chance(double p) {
    if (p <= 0.0)
        return 0;
    if (p >= 1.0)
        return 1;
    return rt_rnd() < p ? 1 : 0;
}

double rt_rand_gaussian(double mean, double sd) {
    if (sd <= 0.0)
        return mean;
    double u1 = rt_rnd();
    double u2 = rt_rnd();
    while (u1 == 0.0)
        u1 = rt_rnd();
    return mean + sd * sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

double rt_rand_exponential(double lambda) {
    if (lambda <= 0.0)
        return 0.0;
    double u = rt_rnd();
    while (u >= 1.0)
        u = rt_rnd();
    return -log(1.0 - u) / lambda;
}

void rt_rand_shuffle(void *seq) {
    rt_vec *v = rt__vec_of(seq, RT_VEC_ANY);
    if (!v)
        return;
    for (int64_t i = v->len - 1; i >= 1; i--) {
        int64_t j = rt_rand_int(i + 1);
        if (i != j) {
            void *t = v->items[i];
            v->items[i] = v->items[j];
            v->items[j] = t;
        }
    }
}

typedef struct rt_random_obj {
    void *vptr; /* always NULL; the object carries no state of its own */
} rt_random_obj;

static void random_fin(void *p) { (void)p; }

void *rt_random_new(int64_t seed) {
    rt_randomize_i64(seed);
    return rt__collection_alloc(sizeof(rt_random_obj), random_fin);
}

double rt_rnd_method(void *rng) {
    (void)rng;
    return rt_rnd();
}

int64_t rt_rand_int_method(void *rng, int64_t max) {
    (void)rng;
    return rt_rand_int(max);
}

void rt_randomize_i64_method(void *rng, int64_t seed) {
    (void)rng;
    rt_randomize_i64(seed);
}
