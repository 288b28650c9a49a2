/*
 * start.c — process start-up (RUNTIME-ABI §1.8). The compiler-emitted C `main` calls vpr_start
 * before IL `@main`: it records the program arguments (after the program name) and resets the RNG.
 * Everything else (module variables, class registry, channels) starts empty by static
 * initialisation in its own file.
 * vpr_run_on_stack runs IL `@main` on a thread with a stack of the size the program was built
 * with (`--stack-size`), for deeply recursive programs.
 */
#define _POSIX_C_SOURCE 200809L
#include "rt_core_abi.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

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

/* ---- running IL main on a stack of a chosen size (`[run] stack_size`) ---------------------- */

struct rt__main_call {
    int64_t (*fn)(void);
    int64_t result;
};

static void *rt__main_thread(void *arg) {
    struct rt__main_call *call = arg;
    rt__thread_ctx ctx = {(uintptr_t)&ctx, NULL}; /* bounds this stack for rt__eh_record_mine */
    rt__tls_thread = &ctx;
    call->result = call->fn();
    rt__tls_thread = NULL;
    return NULL;
}

int64_t vpr_run_on_stack(int64_t (*fn)(void), uint64_t stack_bytes) {
    struct rt__main_call call = {fn, 0};
    pthread_attr_t attr;
    pthread_t thread;
    if (stack_bytes < (uint64_t)PTHREAD_STACK_MIN)
        stack_bytes = (uint64_t)PTHREAD_STACK_MIN;
    if (pthread_attr_init(&attr) != 0 || pthread_attr_setstacksize(&attr, (size_t)stack_bytes) != 0 ||
        pthread_create(&thread, &attr, rt__main_thread, &call) != 0) {
        fprintf(stderr, "viper: cannot create a %llu-byte stack for main\n",
                (unsigned long long)stack_bytes);
        exit(1);
    }
    pthread_join(thread, NULL);
    pthread_attr_destroy(&attr);
    return call.result;
}
