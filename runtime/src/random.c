/*
 * random.c — Viper.Math.Rnd / Randomize (RUNTIME-ABI §2.5): one process-wide 64-bit LCG state,
 * initially 0xDEADBEEFCAFEBABE (re-set by vpr_start). Rnd advances s = s*6364136223846793005 + 1
 * and returns the top 53 bits of s scaled into [0, 1).
 */
#include "rt_core_abi.h"

uint64_t rt__rng_state = RT_RNG_INITIAL_STATE;

double rt_rnd(void) {
    rt__rng_state = rt__rng_state * 6364136223846793005ULL + 1ULL;
    uint64_t m = (rt__rng_state >> 11) & ((1ULL << 53) - 1);
    return (double)m * 0x1.0p-53;
}

void rt_randomize_i64(int64_t seed) {
    rt__rng_state = (uint64_t)seed;
}
