/*
 * system_ext.c — small Viper.Terminal / Viper.Memory.GC / Viper.Log functions of the extended tier.
 *
 * Terminal.BeginBatch/EndBatch: batches nest; the outermost EndBatch flushes stdout (output is
 * already written through C stdio in order, so batching never changes what is printed).
 * Memory.GC: this runtime frees objects by reference counting only and has no cycle collector,
 * so no object is ever tracked: TrackedCount and TotalCollected are 0, Collect() does a (trivial)
 * pass, counts it in PassCount and returns the number of objects it freed (0).
 * Log (RUNTIME-SYSTEM.md §9.1): levels DEBUG 0, INFO 1, WARN 2, ERROR 3, OFF 4 (default INFO),
 * one process-wide unsynchronised level as in the reference. A message is written to stderr as
 * `[LEVEL] HH:MM:SS text` (local time of day, text up to the first NUL, NULL = empty) and stderr is
 * flushed, when its level is >= the current level; stdout is NOT flushed (the reference does not,
 * and flushing would change the order of stdout text relative to Exec children). Enabled(l) tells
 * whether a message of level l would be written (never for OFF). set_Level clamps to 0..4.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, localtime_r, setenv, popen, flockfile */
#include "rt_codec_internal.h"

#include "rt_system_abi.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

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
static int64_t rt_log_cur_level = RT_LOG_INFO;

int64_t rt_log_level(void) {
    return rt_log_cur_level;
}

void rt_log_set_level(int64_t level) {
    rt_log_cur_level = level < RT_LOG_DEBUG ? RT_LOG_DEBUG : level > RT_LOG_OFF ? RT_LOG_OFF : level;
}

bool rt_log_enabled(int64_t level) {
    return level >= rt_log_cur_level && level < RT_LOG_OFF;
}

int64_t rt_log_level_debug(void) { return RT_LOG_DEBUG; }
int64_t rt_log_level_info(void) { return RT_LOG_INFO; }
int64_t rt_log_level_warn(void) { return RT_LOG_WARN; }
int64_t rt_log_level_error(void) { return RT_LOG_ERROR; }
int64_t rt_log_level_off(void) { return RT_LOG_OFF; }

static void rt_log_write(int64_t level, const char *name, rt_string msg) {
    if (level < rt_log_cur_level || rt_log_cur_level >= RT_LOG_OFF)
        return;
    char clock[16] = "00:00:00";
    time_t now = time(NULL);
    struct tm tm;
    if (localtime_r(&now, &tm))
        strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    const char *text = msg ? msg->data : "";
    fprintf(stderr, "[%s] %s ", name, clock);
    fwrite(text, 1, strlen(text), stderr);
    fputc('\n', stderr);
    fflush(stderr);
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
