/*
 * time_datetime.c — Viper.Time.DateTime (RUNTIME-SYSTEM.md §3.2), Viper.Time.Duration (§3.3) and
 * Viper.Time.RelativeTime (§3.4): static functions on plain i64 values (timestamps in seconds
 * since the Unix epoch, durations in milliseconds). No objects; returned strings are +1.
 *
 * Time zones (§3.0): the *local* functions use localtime_r / mktime (tm_isdst = -1, so mktime
 * normalises out-of-range fields and resolves DST), i.e. the TZ environment variable; ToISO,
 * ParseISO with a `Z` suffix, and nothing else, use UTC (gmtime_r / timegm). The corpus was made
 * with local time = UTC.
 * Format uses strftime in the C locale (the runtime never calls setlocale) into a 256-byte buffer;
 * an empty or over-long result gives the empty string.
 * Parsers read the string's bytes up to the first NUL; ParseISO/ParseDate/ParseTime trap
 * `rt_string_cstr: null string` on NULL, TryParse returns 0 for NULL.
 * Durations: plain wrapping integer arithmetic; component getters work on |d| (computed unsigned,
 * so INT64_MIN does not overflow). RelativeTime.FormatDuration writes `-` for any negative input,
 * also when the whole-second part is 0 (`-999` → `-0s`): the document only shows -61000 → `-1m 1s`.
 */
#define _DEFAULT_SOURCE /* timegm */
#include "rt_codec_internal.h"
#include "rt_system_abi.h"

#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

/* ---- DateTime -------------------------------------------------------------------------------- */

int64_t rt_datetime_now(void) {
    return (int64_t)time(NULL);
}

int64_t rt_datetime_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000LL + (int64_t)ts.tv_nsec / 1000000LL;
}

static bool local_tm(int64_t ts, struct tm *out) {
    tzset(); /* cheap; follows later changes of TZ (Environment.SetVariable) as mktime does */
    time_t t = (time_t)ts;
    return localtime_r(&t, out) != NULL;
}

static int64_t make_local(int y, int mo, int d, int h, int mi, int s) {
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    return t == (time_t)-1 ? -1 : (int64_t)t;
}

static int64_t make_utc(int y, int mo, int d, int h, int mi, int s) {
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return (int64_t)timegm(&tm);
}

int64_t rt_datetime_create(int64_t y, int64_t mo, int64_t d, int64_t h, int64_t mi, int64_t s) {
    return make_local((int)y, (int)mo, (int)d, (int)h, (int)mi, (int)s);
}

#define TM_GETTER(name, expr)                                                                      \
    int64_t name(int64_t ts) {                                                                     \
        struct tm tm;                                                                              \
        if (!local_tm(ts, &tm))                                                                    \
            return 0;                                                                              \
        return (int64_t)(expr);                                                                    \
    }

TM_GETTER(rt_datetime_year, tm.tm_year + 1900)
TM_GETTER(rt_datetime_month, tm.tm_mon + 1)
TM_GETTER(rt_datetime_day, tm.tm_mday)
TM_GETTER(rt_datetime_hour, tm.tm_hour)
TM_GETTER(rt_datetime_minute, tm.tm_min)
TM_GETTER(rt_datetime_second, tm.tm_sec)
TM_GETTER(rt_datetime_day_of_week, tm.tm_wday)

rt_string rt_datetime_format(int64_t ts, rt_string fmt) {
    if (!fmt || fmt->len == 0 || fmt->data[0] == '\0')
        return rt_str_empty();
    struct tm tm;
    if (!local_tm(ts, &tm))
        return rt_str_empty();
    char buf[256];
    size_t n = strftime(buf, sizeof buf, fmt->data, &tm);
    if (n == 0)
        return rt_str_empty();
    return rt__str_new(buf, n);
}

static rt_string fmt_tm(const struct tm *tm, bool zulu) {
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%s", tm->tm_year + 1900,
                     tm->tm_mon + 1, tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec,
                     zulu ? "Z" : "");
    return rt__str_new(buf, (size_t)n);
}

rt_string rt_datetime_to_iso(int64_t ts) {
    struct tm tm;
    time_t t = (time_t)ts;
    if (!gmtime_r(&t, &tm))
        return rt_str_empty();
    return fmt_tm(&tm, true);
}

rt_string rt_datetime_to_local(int64_t ts) {
    struct tm tm;
    if (!local_tm(ts, &tm))
        return rt_str_empty();
    return fmt_tm(&tm, false);
}

int64_t rt_datetime_add_seconds(int64_t ts, int64_t n) {
    return (int64_t)((uint64_t)ts + (uint64_t)n);
}

int64_t rt_datetime_add_days(int64_t ts, int64_t n) {
    return (int64_t)((uint64_t)ts + (uint64_t)n * 86400ULL);
}

int64_t rt_datetime_diff(int64_t a, int64_t b) {
    return (int64_t)((uint64_t)a - (uint64_t)b);
}

/* Reads exactly n decimal digits at p into *out; false if any is not a digit. */
static bool digits(const char *p, int n, int *out) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return true;
}

/* `YYYY-MM-DD` at p (p has at least the bytes up to a NUL; digits() stops at the NUL). */
static bool parse_ymd(const char *p, int *y, int *m, int *d) {
    return digits(p, 4, y) && p[4] == '-' && digits(p + 5, 2, m) && p[7] == '-' &&
           digits(p + 8, 2, d);
}

int64_t rt_datetime_parse_iso(rt_string s) {
    const char *p = rt_string_cstr(s);
    int y, mo, d, h, mi, sec;
    if (!parse_ymd(p, &y, &mo, &d))
        return 0;
    if (p[10] != 'T' && p[10] != 't' && p[10] != ' ')
        return 0;
    if (!digits(p + 11, 2, &h) || p[13] != ':' || !digits(p + 14, 2, &mi) || p[16] != ':' ||
        !digits(p + 17, 2, &sec))
        return 0;
    int64_t r;
    if (p[19] == 'Z' || p[19] == 'z')
        r = make_utc(y, mo, d, h, mi, sec);
    else
        r = make_local(y, mo, d, h, mi, sec);
    return r == -1 ? 0 : r;
}

int64_t rt_datetime_parse_date(rt_string s) {
    const char *p = rt_string_cstr(s);
    int y, mo, d;
    if (!parse_ymd(p, &y, &mo, &d))
        return 0;
    int64_t r = make_local(y, mo, d, 0, 0, 0);
    return r == -1 ? 0 : r;
}

int64_t rt_datetime_parse_time(rt_string s) {
    const char *p = rt_string_cstr(s);
    int h, m, sec = 0;
    if (!digits(p, 2, &h) || p[2] != ':' || !digits(p + 3, 2, &m))
        return -1;
    if (p[5] == ':' && !digits(p + 6, 2, &sec))
        sec = 0; /* `HH:MM` followed by other text: the trailing text is ignored */
    if (h > 23 || m > 59 || sec > 59)
        return -1;
    return (int64_t)h * 3600 + m * 60 + sec;
}

int64_t rt_datetime_try_parse(rt_string s) {
    if (!s || s->len == 0)
        return 0;
    const char *p = s->data;
    size_t n = strlen(p);
    if (n >= 19) {
        int64_t r = rt_datetime_parse_iso(s);
        if (r != 0)
            return r;
    }
    if (n == 10 && p[4] == '-' && p[7] == '-') {
        int64_t r = rt_datetime_parse_date(s);
        if (r != 0)
            return r;
    }
    if ((n == 5 || n == 8) && p[2] == ':') {
        int64_t r = rt_datetime_parse_time(s);
        if (r >= 0)
            return r;
    }
    return 0;
}

/* ---- Duration -------------------------------------------------------------------------------- */

#define MS_SEC 1000LL
#define MS_MIN 60000LL
#define MS_HOUR 3600000LL
#define MS_DAY 86400000LL

static int64_t wmul(int64_t a, int64_t b) { return (int64_t)((uint64_t)a * (uint64_t)b); }
static int64_t wadd(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }

int64_t rt_duration_from_millis(int64_t ms) { return ms; }
int64_t rt_duration_from_seconds(int64_t s) { return wmul(s, MS_SEC); }
int64_t rt_duration_from_minutes(int64_t m) { return wmul(m, MS_MIN); }
int64_t rt_duration_from_hours(int64_t h) { return wmul(h, MS_HOUR); }
int64_t rt_duration_from_days(int64_t d) { return wmul(d, MS_DAY); }

int64_t rt_duration_create(int64_t d, int64_t h, int64_t m, int64_t s, int64_t ms) {
    int64_t t = wmul(d, MS_DAY);
    t = wadd(t, wmul(h, MS_HOUR));
    t = wadd(t, wmul(m, MS_MIN));
    t = wadd(t, wmul(s, MS_SEC));
    return wadd(t, ms);
}

int64_t rt_duration_zero(void) { return 0; }

int64_t rt_duration_total_millis(int64_t d) { return d; }
int64_t rt_duration_total_seconds(int64_t d) { return d / MS_SEC; }
int64_t rt_duration_total_minutes(int64_t d) { return d / MS_MIN; }
int64_t rt_duration_total_hours(int64_t d) { return d / MS_HOUR; }
int64_t rt_duration_total_days(int64_t d) { return d / MS_DAY; }
double rt_duration_total_seconds_f(int64_t d) { return (double)d / 1000.0; }

static uint64_t uabs(int64_t d) { return d < 0 ? 0 - (uint64_t)d : (uint64_t)d; }

int64_t rt_duration_get_days(int64_t d) { return (int64_t)(uabs(d) / (uint64_t)MS_DAY); }
int64_t rt_duration_get_hours(int64_t d) {
    return (int64_t)((uabs(d) % (uint64_t)MS_DAY) / (uint64_t)MS_HOUR);
}
int64_t rt_duration_get_minutes(int64_t d) {
    return (int64_t)((uabs(d) % (uint64_t)MS_HOUR) / (uint64_t)MS_MIN);
}
int64_t rt_duration_get_seconds(int64_t d) {
    return (int64_t)((uabs(d) % (uint64_t)MS_MIN) / (uint64_t)MS_SEC);
}
int64_t rt_duration_get_millis(int64_t d) { return (int64_t)(uabs(d) % (uint64_t)MS_SEC); }

int64_t rt_duration_add(int64_t a, int64_t b) { return wadd(a, b); }
int64_t rt_duration_sub(int64_t a, int64_t b) { return (int64_t)((uint64_t)a - (uint64_t)b); }
int64_t rt_duration_mul(int64_t d, int64_t k) { return wmul(d, k); }

int64_t rt_duration_div(int64_t d, int64_t k) {
    if (k == 0)
        return 0;
    if (k == -1)
        return (int64_t)(0 - (uint64_t)d); /* INT64_MIN / -1 wraps instead of faulting */
    return d / k;
}

int64_t rt_duration_abs(int64_t d) { return (int64_t)uabs(d); }
int64_t rt_duration_neg(int64_t d) { return (int64_t)(0 - (uint64_t)d); }
int64_t rt_duration_cmp(int64_t a, int64_t b) { return a < b ? -1 : a > b ? 1 : 0; }

rt_string rt_duration_to_string(int64_t d) {
    char buf[64];
    int64_t days = rt_duration_get_days(d), h = rt_duration_get_hours(d);
    int64_t m = rt_duration_get_minutes(d), s = rt_duration_get_seconds(d);
    int64_t ms = rt_duration_get_millis(d);
    int n = 0;
    if (d < 0)
        buf[n++] = '-';
    if (days > 0)
        n += snprintf(buf + n, sizeof buf - (size_t)n, "%lld.", (long long)days);
    n += snprintf(buf + n, sizeof buf - (size_t)n, "%02lld:%02lld:%02lld", (long long)h,
                  (long long)m, (long long)s);
    if (ms > 0)
        n += snprintf(buf + n, sizeof buf - (size_t)n, ".%03lld", (long long)ms);
    return rt__str_new(buf, (size_t)n);
}

rt_string rt_duration_to_iso(int64_t d) {
    int64_t days = rt_duration_get_days(d), h = rt_duration_get_hours(d);
    int64_t m = rt_duration_get_minutes(d), s = rt_duration_get_seconds(d);
    int64_t ms = rt_duration_get_millis(d);
    if (d == 0)
        return rt__str_from_cstr("PT0S");
    rt_buf b = {0};
    if (d < 0)
        rt__buf_putc(&b, '-');
    rt__buf_putc(&b, 'P');
    if (days > 0)
        rt__buf_putf(&b, "%lldD", (long long)days);
    if (h || m || s || ms) {
        rt__buf_putc(&b, 'T');
        if (h > 0)
            rt__buf_putf(&b, "%lldH", (long long)h);
        if (m > 0)
            rt__buf_putf(&b, "%lldM", (long long)m);
        if (ms > 0)
            rt__buf_putf(&b, "%lld.%03lldS", (long long)s, (long long)ms);
        else if (s > 0)
            rt__buf_putf(&b, "%lldS", (long long)s);
    }
    return rt__buf_finish(&b);
}

/* ---- RelativeTime ---------------------------------------------------------------------------- */

/* Value and unit name of a non-negative second count a >= 10 (30-day months, 365-day years). */
static void rel_unit(uint64_t a, uint64_t *v, const char **unit, const char **shortu) {
    if (a < 60) {
        *v = a, *unit = "second", *shortu = "s";
    } else if (a < 3600) {
        *v = a / 60, *unit = "minute", *shortu = "m";
    } else if (a < 86400) {
        *v = a / 3600, *unit = "hour", *shortu = "h";
    } else if (a < 2592000) {
        *v = a / 86400, *unit = "day", *shortu = "d";
    } else if (a < 31536000) {
        *v = a / 2592000, *unit = "month", *shortu = "mo";
    } else {
        *v = a / 31536000, *unit = "year", *shortu = "y";
    }
}

rt_string rt_reltime_format_from(int64_t ts, int64_t ref) {
    int64_t diff = (int64_t)((uint64_t)ts - (uint64_t)ref);
    uint64_t a = uabs(diff);
    if (a < 10)
        return rt__str_from_cstr("just now");
    uint64_t v;
    const char *unit, *su;
    rel_unit(a, &v, &unit, &su);
    char buf[64];
    const char *pl = v == 1 ? "" : "s";
    int n = diff > 0 ? snprintf(buf, sizeof buf, "in %llu %s%s", (unsigned long long)v, unit, pl)
                     : snprintf(buf, sizeof buf, "%llu %s%s ago", (unsigned long long)v, unit, pl);
    return rt__str_new(buf, (size_t)n);
}

rt_string rt_reltime_format(int64_t ts) {
    return rt_reltime_format_from(ts, (int64_t)time(NULL));
}

rt_string rt_reltime_format_short(int64_t ts) {
    uint64_t a = uabs((int64_t)((uint64_t)ts - (uint64_t)time(NULL)));
    if (a < 10)
        return rt__str_from_cstr("now");
    uint64_t v;
    const char *unit, *su;
    rel_unit(a, &v, &unit, &su);
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%llu%s", (unsigned long long)v, su);
    return rt__str_new(buf, (size_t)n);
}

rt_string rt_reltime_format_duration(int64_t ms) {
    uint64_t secs = uabs(ms) / 1000;
    uint64_t d = secs / 86400, h = secs % 86400 / 3600, m = secs % 3600 / 60, s = secs % 60;
    rt_buf b = {0};
    if (ms < 0)
        rt__buf_putc(&b, '-');
    bool any = false;
    if (d) {
        rt__buf_putf(&b, "%llud", (unsigned long long)d);
        any = true;
    }
    if (h) {
        rt__buf_putf(&b, "%s%lluh", any ? " " : "", (unsigned long long)h);
        any = true;
    }
    if (m) {
        rt__buf_putf(&b, "%s%llum", any ? " " : "", (unsigned long long)m);
        any = true;
    }
    if (s || !any)
        rt__buf_putf(&b, "%s%llus", any ? " " : "", (unsigned long long)s);
    return rt__buf_finish(&b);
}
