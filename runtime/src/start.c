/*
 * start.c — process start-up (RUNTIME-ABI §1.8). The compiler-emitted C `main` calls vpr_start
 * before IL `@main`: it records the program arguments (after the program name) and resets the RNG.
 * Everything else (module variables, class registry, channels) starts empty by static
 * initialisation in its own file.
 */
#include "rt_core_abi.h"

int rt__argc = 0;
char **rt__argv = NULL;

void vpr_start(int argc, char **argv) {
    if (argc > 0 && argv) {
        rt__argc = argc - 1;
        rt__argv = argv + 1;
    } else {
        rt__argc = 0;
        rt__argv = NULL;
    }
    rt__rng_state = RT_RNG_INITIAL_STATE;
}
