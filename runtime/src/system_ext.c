/*
 * system_ext.c — small Viper.Terminal / Viper.Memory.GC / Viper.Log functions of the extended tier.
 *
 * Terminal.BeginBatch/EndBatch: batches nest; the outermost EndBatch flushes stdout (output is
 * already written through C stdio in order, so batching never changes what is printed).
 * Memory.GC: this runtime frees objects by reference counting only and has no cycle collector,
 * so no object is ever tracked: TrackedCount and TotalCollected are 0, Collect() does a (trivial)
 * pass, counts it in PassCount and returns the number of objects it freed (0).
 * Log: levels DEBUG 0, INFO 1, WARN 2, ERROR 3, OFF 4 (default INFO). A message is written to
 * stderr as `[LEVEL] text` when its level is >= the current level; Enabled(l) tells whether a
 * message of level l would be written. set_Level clamps to 0..4.
 */
#include "rt_ext_internal.h"

#include <stdio.h>

static int64_t rt_batch_depth;

void rt_term_begin_batch(void) {
    rt_batch_depth++;
}

void rt_term_end_batch(void) {
    if (rt_batch_depth > 0)
        rt_batch_depth--;
    if (rt_batch_depth == 0)
        fflush(stdout);
}

static int64_t rt_gc_passes;

int64_t rt_gc_collect(void) {
    rt_gc_passes++;
    return 0;
}

int64_t rt_gc_pass_count(void) {
    return rt_gc_passes;
}

int64_t rt_gc_total_collected(void) {
    return 0;
}

int64_t rt_gc_tracked_count(void) {
    return 0;
}

enum { RT_LOG_DEBUG = 0, RT_LOG_INFO = 1, RT_LOG_WARN = 2, RT_LOG_ERROR = 3, RT_LOG_OFF = 4 };
static int64_t rt_log_level = RT_LOG_INFO;

void rt_log_set_level(int64_t level) {
    rt_log_level = level < RT_LOG_DEBUG ? RT_LOG_DEBUG : level > RT_LOG_OFF ? RT_LOG_OFF : level;
}

bool rt_log_enabled(int64_t level) {
    return level >= rt_log_level && level < RT_LOG_OFF;
}

static void rt_log_write(int64_t level, const char *name, rt_string msg) {
    if (!rt_log_enabled(level))
        return;
    fflush(stdout);
    fprintf(stderr, "[%s] ", name);
    fwrite(rt__str_bytes(msg), 1, rt__str_len(msg), stderr);
    fputc('\n', stderr);
}

void rt_log_debug(rt_string msg) {
    rt_log_write(RT_LOG_DEBUG, "DEBUG", msg);
}

void rt_log_info(rt_string msg) {
    rt_log_write(RT_LOG_INFO, "INFO", msg);
}

void rt_log_warn(rt_string msg) {
    rt_log_write(RT_LOG_WARN, "WARN", msg);
}

void rt_log_error(rt_string msg) {
    rt_log_write(RT_LOG_ERROR, "ERROR", msg);
}
