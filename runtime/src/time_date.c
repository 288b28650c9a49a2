/*
 * time_date.c — Viper.Time.DateOnly (RUNTIME-SYSTEM.md §3.5) and Viper.Time.DateRange (§3.6).
 *
 * DateOnly: an immutable calendar date (proleptic Gregorian, no time zone) held as three i64
 * (year, month, day) in a runtime object (class id 0, refcount 1, plain data). Every operation
 * that yields a date returns a NEW object (+1). Day numbers are Julian day number − 2440588
 * (days since 1970-01-01). VM quirk reproduced: DayOfWeek = (ToDays + 4) % 7 with C `%`, so it is
 * negative for many dates before 1970 (1960-01-01 → −2).
 * DateRange: a closed interval [start, end] of i64 timestamps (seconds); New swaps the ends so
 * start ≤ end. Reference quirk reproduced: Days/Hours/Duration are computed from the difference in
 * SECONDS (Duration is seconds, not ms). ToString uses UTC and drops the seconds.
 * NULL (or foreign) objects read as neutral values: getters 0, object results NULL, strings empty
 * (DateOnly.Cmp orders NULL first). DateOnly.Parse traps `rt_string_cstr: null string` on NULL.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, localtime_r, setenv, popen, flockfile */
#include "rt_codec_internal.h"
#include "rt_system_abi.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---- calendar arithmetic ---------------------------------------------------------------------- */

static bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int64_t days_in_month(int64_t y, int64_t m) {
    static const int8_t dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Days since 1970-01-01 through the Julian day number (C truncating division, as the reference). */
static int64_t ymd_to_days(int64_t y, int64_t m, int64_t d) {
    int64_t a = (14 - m) / 12;
    int64_t yy = y + 4800 - a;
    int64_t mm = m + 12 * a - 3;
    int64_t jdn = d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32045;
    return jdn - 2440588;
}

static int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

/* Inverse of ymd_to_days (civil-from-days, floor arithmetic). */
static void days_to_ymd(int64_t z, int64_t *y, int64_t *m, int64_t *d) {
    z += 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yr = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yr + (*m <= 2);
}

/* ---- DateOnly -------------------------------------------------------------------------------- */

typedef struct rt_dateonly {
    void *vptr; /* always NULL (collection convention) */
    int64_t year, month, day;
} rt_dateonly;

static void dateonly_fin(void *p) { (void)p; }

static rt_dateonly *as_date(void *p) { return rt__is_collection(p, dateonly_fin) ? p : NULL; }

/* New date object for fields already known to be valid. */
static rt_dateonly *date_new(int64_t y, int64_t m, int64_t d) {
    rt_dateonly *r = rt__collection_alloc(sizeof(rt_dateonly), dateonly_fin);
    r->year = y;
    r->month = m;
    r->day = d;
    return r;
}

void *rt_dateonly_create(int64_t y, int64_t m, int64_t d) {
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return NULL;
    return date_new(y, m, d);
}

void *rt_dateonly_today(void) {
    time_t t = time(NULL);
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return NULL;
    return date_new(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void *rt_dateonly_parse(rt_string s) {
    const char *p = rt_string_cstr(s);
    int y, m, d;
    if (sscanf(p, "%d-%d-%d", &y, &m, &d) != 3)
        return NULL;
    return rt_dateonly_create(y, m, d);
}

void *rt_dateonly_from_days(int64_t n) {
    int64_t y, m, d;
    days_to_ymd(n, &y, &m, &d);
    return date_new(y, m, d);
}

int64_t rt_dateonly_year(void *p) {
    rt_dateonly *d = as_date(p);
    return d ? d->year : 0;
}

int64_t rt_dateonly_month(void *p) {
    rt_dateonly *d = as_date(p);
    return d ? d->month : 0;
}

int64_t rt_dateonly_day(void *p) {
    rt_dateonly *d = as_date(p);
    return d ? d->day : 0;
}

int64_t rt_dateonly_to_days(void *p) {
    rt_dateonly *d = as_date(p);
    return d ? ymd_to_days(d->year, d->month, d->day) : 0;
}

int64_t rt_dateonly_day_of_week(void *p) {
    rt_dateonly *d = as_date(p);
    return d ? (ymd_to_days(d->year, d->month, d->day) + 4) % 7 : 0;
}

static int64_t day_of_year(const rt_dateonly *d) {
    return ymd_to_days(d->year, d->month, d->day) - ymd_to_days(d->year, 1, 1) + 1;
}

int64_t rt_dateonly_day_of_year(void *p) {
    rt_dateonly *d = as_date(p);
    return d ? day_of_year(d) : 0;
}

int64_t rt_dateonly_days_in_month(void *p) {
    rt_dateonly *d = as_date(p);
    return d ? days_in_month(d->year, d->month) : 0;
}

bool rt_dateonly_is_leap_year(void *p) {
    rt_dateonly *d = as_date(p);
    return d ? is_leap(d->year) : false;
}

void *rt_dateonly_add_days(void *p, int64_t n) {
    rt_dateonly *d = as_date(p);
    if (!d)
        return NULL;
    return rt_dateonly_from_days(ymd_to_days(d->year, d->month, d->day) + n);
}

/* Date y-m with day clamped to the month's length. */
static void *clamped(int64_t y, int64_t m, int64_t day) {
    int64_t dim = days_in_month(y, m);
    return date_new(y, m, day > dim ? dim : day);
}

void *rt_dateonly_add_months(void *p, int64_t n) {
    rt_dateonly *d = as_date(p);
    if (!d)
        return NULL;
    int64_t total = d->year * 12 + (d->month - 1) + n;
    int64_t y = floor_div(total, 12);
    int64_t m = total - y * 12 + 1;
    return clamped(y, m, d->day);
}

void *rt_dateonly_add_years(void *p, int64_t n) {
    rt_dateonly *d = as_date(p);
    if (!d)
        return NULL;
    return clamped(d->year + n, d->month, d->day);
}

int64_t rt_dateonly_diff_days(void *a, void *b) {
    if (!as_date(a) || !as_date(b))
        return 0;
    return rt_dateonly_to_days(a) - rt_dateonly_to_days(b);
}

void *rt_dateonly_start_of_month(void *p) {
    rt_dateonly *d = as_date(p);
    return d ? date_new(d->year, d->month, 1) : NULL;
}

void *rt_dateonly_end_of_month(void *p) {
    rt_dateonly *d = as_date(p);
    return d ? date_new(d->year, d->month, days_in_month(d->year, d->month)) : NULL;
}

void *rt_dateonly_start_of_year(void *p) {
    rt_dateonly *d = as_date(p);
    return d ? date_new(d->year, 1, 1) : NULL;
}

void *rt_dateonly_end_of_year(void *p) {
    rt_dateonly *d = as_date(p);
    return d ? date_new(d->year, 12, 31) : NULL;
}

int64_t rt_dateonly_cmp(void *a, void *b) {
    rt_dateonly *x = as_date(a), *y = as_date(b);
    if (!x && !y)
        return 0;
    if (!x)
        return -1;
    if (!y)
        return 1;
    int64_t dx = ymd_to_days(x->year, x->month, x->day);
    int64_t dy = ymd_to_days(y->year, y->month, y->day);
    return dx < dy ? -1 : dx > dy ? 1 : 0;
}

bool rt_dateonly_equals(void *a, void *b) { return rt_dateonly_cmp(a, b) == 0; }

rt_string rt_dateonly_to_string(void *p) {
    rt_dateonly *d = as_date(p);
    if (!d)
        return rt_str_empty();
    char buf[80];
    int n = snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", (long long)d->year,
                     (long long)d->month, (long long)d->day);
    return rt__str_new(buf, (size_t)n);
}

static const char *const month_names[12] = {"January", "February", "March",     "April",
                                            "May",     "June",     "July",      "August",
                                            "September", "October", "November", "December"};
static const char *const day_names[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                         "Thursday", "Friday", "Saturday"};

rt_string rt_dateonly_format(void *p, rt_string fmt) {
    rt_dateonly *d = as_date(p);
    if (!d)
        return rt_str_empty();
    const char *f = rt__str_bytes(fmt); /* NULL format reads as empty */
    char out[256];
    size_t n = 0;
    int64_t dow = (ymd_to_days(d->year, d->month, d->day) + 4) % 7;
    if (dow < 0)
        dow += 7; /* names of pre-1970 dates use the true weekday */
    const char *mname = (d->month >= 1 && d->month <= 12) ? month_names[d->month - 1] : "";
    for (size_t i = 0; f[i] && n < sizeof out - 1; i++) {
        char piece[64];
        const char *add = piece;
        if (f[i] != '%') {
            out[n++] = f[i];
            continue;
        }
        char c = f[i + 1];
        if (c == '\0') {
            out[n++] = '%';
            break;
        }
        i++;
        switch (c) {
        case 'Y':
            snprintf(piece, sizeof piece, "%04lld", (long long)d->year);
            break;
        case 'y':
            snprintf(piece, sizeof piece, "%02lld", (long long)(d->year % 100));
            break;
        case 'm':
            snprintf(piece, sizeof piece, "%02lld", (long long)d->month);
            break;
        case 'd':
            snprintf(piece, sizeof piece, "%02lld", (long long)d->day);
            break;
        case 'B':
            add = mname;
            break;
        case 'b':
            snprintf(piece, sizeof piece, "%.3s", mname);
            break;
        case 'A':
            add = day_names[dow];
            break;
        case 'a':
            snprintf(piece, sizeof piece, "%.3s", day_names[dow]);
            break;
        case 'j':
            snprintf(piece, sizeof piece, "%03lld", (long long)day_of_year(d));
            break;
        case '%':
            add = "%";
            break;
        default:
            piece[0] = '%';
            piece[1] = c;
            piece[2] = '\0';
            break;
        }
        for (size_t k = 0; add[k] && n < sizeof out - 1; k++)
            out[n++] = add[k];
    }
    return rt__str_new(out, n);
}

/* ---- DateRange ------------------------------------------------------------------------------- */

typedef struct rt_daterange {
    void *vptr; /* always NULL */
    int64_t start, end;
} rt_daterange;

static void daterange_fin(void *p) { (void)p; }

static rt_daterange *as_range(void *p) { return rt__is_collection(p, daterange_fin) ? p : NULL; }

void *rt_daterange_new(int64_t a, int64_t b) {
    rt_daterange *r = rt__collection_alloc(sizeof(rt_daterange), daterange_fin);
    r->start = a < b ? a : b;
    r->end = a < b ? b : a;
    return r;
}

int64_t rt_daterange_start(void *p) {
    rt_daterange *r = as_range(p);
    return r ? r->start : 0;
}

int64_t rt_daterange_end(void *p) {
    rt_daterange *r = as_range(p);
    return r ? r->end : 0;
}

bool rt_daterange_contains(void *p, int64_t t) {
    rt_daterange *r = as_range(p);
    return r && r->start <= t && t <= r->end;
}

bool rt_daterange_overlaps(void *p, void *q) {
    rt_daterange *r = as_range(p), *o = as_range(q);
    return r && o && r->start <= o->end && o->start <= r->end;
}

void *rt_daterange_intersection(void *p, void *q) {
    rt_daterange *r = as_range(p), *o = as_range(q);
    if (!r || !o)
        return NULL;
    int64_t s = r->start > o->start ? r->start : o->start;
    int64_t e = r->end < o->end ? r->end : o->end;
    if (s > e)
        return NULL;
    return rt_daterange_new(s, e);
}

void *rt_daterange_union_range(void *p, void *q) {
    rt_daterange *r = as_range(p), *o = as_range(q);
    if (!r || !o)
        return NULL;
    /* a gap of more than one second between the ranges: no union (computed without overflow) */
    if ((r->start > o->end && r->start - o->end > 1) || (o->start > r->end && o->start - r->end > 1))
        return NULL;
    return rt_daterange_new(r->start < o->start ? r->start : o->start,
                            r->end > o->end ? r->end : o->end);
}

int64_t rt_daterange_duration(void *p) {
    rt_daterange *r = as_range(p);
    return r ? (int64_t)((uint64_t)r->end - (uint64_t)r->start) : 0;
}

int64_t rt_daterange_days(void *p) { return rt_daterange_duration(p) / 86400; }

int64_t rt_daterange_hours(void *p) { return rt_daterange_duration(p) / 3600; }

rt_string rt_daterange_to_string(void *p) {
    rt_daterange *r = as_range(p);
    if (!r)
        return rt_str_empty();
    struct tm a, b;
    time_t ta = (time_t)r->start, tb = (time_t)r->end;
    if (!gmtime_r(&ta, &a) || !gmtime_r(&tb, &b))
        return rt_str_empty();
    char buf[128];
    int n = snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d - %04d-%02d-%02d %02d:%02d",
                     a.tm_year + 1900, a.tm_mon + 1, a.tm_mday, a.tm_hour, a.tm_min,
                     b.tm_year + 1900, b.tm_mon + 1, b.tm_mday, b.tm_hour, b.tm_min);
    return rt__str_new(buf, (size_t)n);
}
