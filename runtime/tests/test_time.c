/* test_time.c — Viper.Time.* (RUNTIME-SYSTEM.md §3): Clock, DateTime, Duration, RelativeTime,
 * DateOnly, DateRange, Stopwatch, Countdown. Values are the document's VM checks (local zone UTC). */
#include "check.h"
#include "rt_objects_internal.h"
#include "rt_system_abi.h"

#include <time.h>

#define S(lit) rt__str_from_cstr(lit)
#define CHECK_STR(s, lit)                                                                          \
    do {                                                                                           \
        rt_string check_s_ = (s);                                                                  \
        CHECK_BYTES(rt__str_bytes(check_s_), rt__str_len(check_s_), lit);                          \
    } while (0)

static void test_clock(void) {
    int64_t t0 = rt_clock_ticks(), u0 = rt_clock_ticks_us();
    rt_clock_sleep(20);
    int64_t t1 = rt_clock_ticks(), u1 = rt_clock_ticks_us();
    CHECK(t1 - t0 >= 19);
    CHECK(u1 - u0 >= 19000);
    t0 = rt_clock_ticks();
    rt_clock_sleep(-5); /* negative → no sleep */
    rt_clock_sleep(0);
    CHECK(rt_clock_ticks() - t0 < 50);
}

static void test_datetime(void) {
    CHECK_EQ_I64(rt_datetime_create(2024, 1, 1, 0, 0, 0), 1704067200);
    CHECK_EQ_I64(rt_datetime_create(2024, 13, 40, 25, 61, 61), 1739152921); /* normalised */
    int64_t ts = rt_datetime_create(2024, 3, 5, 7, 8, 9);
    CHECK_EQ_I64(ts, 1709622489);
    CHECK_EQ_I64(rt_datetime_year(ts), 2024);
    CHECK_EQ_I64(rt_datetime_month(ts), 3);
    CHECK_EQ_I64(rt_datetime_day(ts), 5);
    CHECK_EQ_I64(rt_datetime_hour(ts), 7);
    CHECK_EQ_I64(rt_datetime_minute(ts), 8);
    CHECK_EQ_I64(rt_datetime_second(ts), 9);
    CHECK_EQ_I64(rt_datetime_day_of_week(ts), 2); /* Tuesday */
    CHECK_STR(rt_datetime_format(ts, S("%Y-%m-%d %H:%M:%S %A %a %B %b %j %p %I %y %e %z %%")),
              "2024-03-05 07:08:09 Tuesday Tue March Mar 065 AM 07 24  5 +0000 %");
    CHECK_STR(rt_datetime_format(ts, S("%Z")), "UTC");
    CHECK_STR(rt_datetime_format(ts, NULL), "");
    CHECK_STR(rt_datetime_format(ts, S("")), "");
    char big[300];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    CHECK_STR(rt_datetime_format(ts, S(big)), ""); /* does not fit in 256 bytes */
    CHECK_STR(rt_datetime_to_iso(1704067200), "2024-01-01T00:00:00Z");
    CHECK_STR(rt_datetime_to_iso(1706745599), "2024-01-31T23:59:59Z");
    CHECK_STR(rt_datetime_to_local(ts), "2024-03-05T07:08:09");
    CHECK_EQ_I64(rt_datetime_add_seconds(100, -30), 70);
    CHECK_EQ_I64(rt_datetime_add_days(0, 2), 172800);
    CHECK_EQ_I64(rt_datetime_diff(10, 25), -15);
    CHECK_EQ_I64(rt_datetime_add_seconds(INT64_MAX, 1), INT64_MIN); /* wrapping */
    /* another local zone (POSIX TZ string, no zoneinfo files needed): local functions shift */
    setenv("TZ", "EST5EDT,M3.2.0,M11.1.0", 1);
    CHECK_EQ_I64(rt_datetime_create(2024, 3, 5, 7, 8, 9), 1709640489);
    CHECK_STR(rt_datetime_to_iso(1709640489), "2024-03-05T12:08:09Z");
    CHECK_STR(rt_datetime_to_local(1709640489), "2024-03-05T07:08:09");
    CHECK_EQ_I64(rt_datetime_hour(1709640489), 7);
    CHECK_EQ_I64(rt_datetime_parse_iso(S("2024-01-15T10:30:00Z")), 1705314600); /* Z: UTC */
    CHECK_EQ_I64(rt_datetime_parse_iso(S("2024-01-15T10:30:00")), 1705314600 + 5 * 3600);
    setenv("TZ", "UTC", 1);
    tzset();
    CHECK(rt_datetime_now() > 1700000000);
    int64_t ms = rt_datetime_now_ms();
    CHECK(ms / 1000 - rt_datetime_now() <= 1 && rt_datetime_now() - ms / 1000 <= 1);
}

static void test_parse(void) {
    CHECK_EQ_I64(rt_datetime_parse_iso(S("2024-01-15T10:30:00")), 1705314600);
    CHECK_EQ_I64(rt_datetime_parse_iso(S("2024-01-15T10:30:00Z")), 1705314600);
    CHECK_EQ_I64(rt_datetime_parse_iso(S("2024-01-15 10:30:00.123+02")), 1705314600);
    CHECK_EQ_I64(rt_datetime_parse_iso(S("2024-01-15t10:30:00z")), 1705314600);
    CHECK_EQ_I64(rt_datetime_parse_iso(S("2024-1-15T10:30:00")), 0);
    CHECK_EQ_I64(rt_datetime_parse_iso(S("2024-01-15X10:30:00")), 0);
    CHECK_EQ_I64(rt_datetime_parse_iso(S("2024-01-15T10:30")), 0);
    CHECK_EQ_I64(rt_datetime_parse_iso(S("")), 0);
    CHECK_EXITS(rt_datetime_parse_iso(NULL), 1, "rt_string_cstr: null string");
    CHECK_EQ_I64(rt_datetime_parse_date(S("2024-01-15")), 1705276800);
    CHECK_EQ_I64(rt_datetime_parse_date(S("2024-01-15 trailing")), 1705276800);
    CHECK_EQ_I64(rt_datetime_parse_date(S("15/01/2024")), 0);
    CHECK_EXITS(rt_datetime_parse_date(NULL), 1, "rt_string_cstr: null string");
    CHECK_EQ_I64(rt_datetime_parse_time(S("10:30")), 37800);
    CHECK_EQ_I64(rt_datetime_parse_time(S("10:30:15")), 37815);
    CHECK_EQ_I64(rt_datetime_parse_time(S("23:59:59")), 86399);
    CHECK_EQ_I64(rt_datetime_parse_time(S("25:30")), -1);
    CHECK_EQ_I64(rt_datetime_parse_time(S("10:60")), -1);
    CHECK_EQ_I64(rt_datetime_parse_time(S("10:30:61")), -1);
    CHECK_EQ_I64(rt_datetime_parse_time(S("1:30")), -1);
    CHECK_EXITS(rt_datetime_parse_time(NULL), 1, "rt_string_cstr: null string");
    CHECK_EQ_I64(rt_datetime_try_parse(S("2024-01-15T10:30:00Z")), 1705314600);
    CHECK_EQ_I64(rt_datetime_try_parse(S("2024-01-15")), 1705276800);
    CHECK_EQ_I64(rt_datetime_try_parse(S("10:30")), 37800);
    CHECK_EQ_I64(rt_datetime_try_parse(S("10:30:01")), 37801);
    CHECK_EQ_I64(rt_datetime_try_parse(S("99:30")), 0);
    CHECK_EQ_I64(rt_datetime_try_parse(S("garbage")), 0);
    CHECK_EQ_I64(rt_datetime_try_parse(S("")), 0);
    CHECK_EQ_I64(rt_datetime_try_parse(NULL), 0);
}

static void test_duration(void) {
    CHECK_EQ_I64(rt_duration_from_millis(5), 5);
    CHECK_EQ_I64(rt_duration_from_seconds(2), 2000);
    CHECK_EQ_I64(rt_duration_from_minutes(2), 120000);
    CHECK_EQ_I64(rt_duration_from_hours(1), 3600000);
    CHECK_EQ_I64(rt_duration_from_days(1), 86400000);
    int64_t d = rt_duration_create(1, 2, 3, 4, 5);
    CHECK_EQ_I64(d, 93784005);
    CHECK_EQ_I64(rt_duration_zero(), 0);
    CHECK_EQ_I64(rt_duration_total_millis(d), d);
    CHECK_EQ_I64(rt_duration_total_seconds(-1500), -1);
    CHECK_EQ_I64(rt_duration_total_minutes(d), 1563);
    CHECK_EQ_I64(rt_duration_total_hours(d), 26);
    CHECK_EQ_I64(rt_duration_total_days(d), 1);
    CHECK(rt_duration_total_seconds_f(1500) == 1.5);
    CHECK_EQ_I64(rt_duration_get_days(d), 1);
    CHECK_EQ_I64(rt_duration_get_hours(d), 2);
    CHECK_EQ_I64(rt_duration_get_minutes(d), 3);
    CHECK_EQ_I64(rt_duration_get_seconds(d), 4);
    CHECK_EQ_I64(rt_duration_get_millis(d), 5);
    CHECK_EQ_I64(rt_duration_get_hours(-3723000), 1);
    CHECK_EQ_I64(rt_duration_get_millis(-1), 1);
    CHECK(rt_duration_get_days(INT64_MIN) > 0); /* |INT64_MIN| computed unsigned */
    CHECK_EQ_I64(rt_duration_add(1, 2), 3);
    CHECK_EQ_I64(rt_duration_sub(1, 2), -1);
    CHECK_EQ_I64(rt_duration_mul(3, 4), 12);
    CHECK_EQ_I64(rt_duration_div(7, 2), 3);
    CHECK_EQ_I64(rt_duration_div(-7, 2), -3);
    CHECK_EQ_I64(rt_duration_div(7, 0), 0); /* no trap */
    CHECK_EQ_I64(rt_duration_div(INT64_MIN, -1), INT64_MIN);
    CHECK_EQ_I64(rt_duration_abs(-5), 5);
    CHECK_EQ_I64(rt_duration_neg(5), -5);
    CHECK_EQ_I64(rt_duration_neg(INT64_MIN), INT64_MIN);
    CHECK_EQ_I64(rt_duration_cmp(1, 2), -1);
    CHECK_EQ_I64(rt_duration_cmp(2, 2), 0);
    CHECK_EQ_I64(rt_duration_cmp(3, 2), 1);
    CHECK_STR(rt_duration_to_string(d), "1.02:03:04.005");
    CHECK_STR(rt_duration_to_string(-3723000), "-01:02:03");
    CHECK_STR(rt_duration_to_string(0), "00:00:00");
    CHECK_STR(rt_duration_to_string(250), "00:00:00.250");
    CHECK_STR(rt_duration_to_iso(d), "P1DT2H3M4.005S");
    CHECK_STR(rt_duration_to_iso(0), "PT0S");
    CHECK_STR(rt_duration_to_iso(-1000), "-PT1S");
    CHECK_STR(rt_duration_to_iso(86400000), "P1D");
    CHECK_STR(rt_duration_to_iso(60000), "PT1M");
    CHECK_STR(rt_duration_to_iso(5), "PT0.005S");
}

static void test_reltime(void) {
    CHECK_STR(rt_reltime_format_from(100, 0), "in 1 minute");
    CHECK_STR(rt_reltime_format_from(0, 7200), "2 hours ago");
    CHECK_STR(rt_reltime_format_from(5, 0), "just now");
    CHECK_STR(rt_reltime_format_from(0, 9), "just now");
    CHECK_STR(rt_reltime_format_from(10, 0), "in 10 seconds");
    CHECK_STR(rt_reltime_format_from(0, 86400), "1 day ago");
    CHECK_STR(rt_reltime_format_from(0, 2592000 * 3), "3 months ago");
    CHECK_STR(rt_reltime_format_from(31536000 * 2, 0), "in 2 years");
    int64_t now = (int64_t)time(NULL);
    CHECK_STR(rt_reltime_format(now + 2), "just now");
    CHECK_STR(rt_reltime_format(now - 7300), "2 hours ago");
    CHECK_STR(rt_reltime_format_short(now), "now");
    CHECK_STR(rt_reltime_format_short(now - 120), "2m");
    CHECK_STR(rt_reltime_format_short(now + 3 * 86400 + 5), "3d");
    CHECK_STR(rt_reltime_format_short(now - 2592000 * 2 - 5), "2mo");
    CHECK_STR(rt_reltime_format_short(now - 31536000 - 100), "1y");
    CHECK_STR(rt_reltime_format_duration(90061000), "1d 1h 1m 1s");
    CHECK_STR(rt_reltime_format_duration(0), "0s");
    CHECK_STR(rt_reltime_format_duration(-61000), "-1m 1s");
    CHECK_STR(rt_reltime_format_duration(999), "0s");
    CHECK_STR(rt_reltime_format_duration(3600000), "1h");
    CHECK_STR(rt_reltime_format_duration(86400000 + 5000), "1d 5s");
}

static void test_dateonly(void) {
    void *d = rt_dateonly_create(2024, 2, 29);
    CHECK(d != NULL);
    CHECK_EQ_I64(rt_dateonly_year(d), 2024);
    CHECK_EQ_I64(rt_dateonly_month(d), 2);
    CHECK_EQ_I64(rt_dateonly_day(d), 29);
    CHECK_EQ_I64(rt_dateonly_to_days(d), 19782);
    CHECK_EQ_I64(rt_dateonly_day_of_week(d), 4); /* Thursday */
    CHECK_EQ_I64(rt_dateonly_day_of_year(d), 60);
    CHECK_EQ_I64(rt_dateonly_days_in_month(d), 29);
    CHECK(rt_dateonly_is_leap_year(d));
    CHECK_STR(rt_dateonly_to_string(d), "2024-02-29");
    CHECK_STR(rt_dateonly_format(d, S("%A %a %B %b %j %y %d/%m/%Y %q %%")),
              "Thursday Thu February Feb 060 24 29/02/2024 %q %");
    CHECK_STR(rt_dateonly_format(d, S("100%")), "100%");
    CHECK_STR(rt_dateonly_format(NULL, S("%Y")), "");
    CHECK(rt_dateonly_create(2023, 2, 29) == NULL);
    CHECK(rt_dateonly_create(2024, 13, 1) == NULL);
    CHECK(rt_dateonly_create(2024, 4, 31) == NULL);
    CHECK(rt_dateonly_create(2024, 1, 0) == NULL);
    void *e = rt_dateonly_create(1960, 1, 1);
    CHECK_EQ_I64(rt_dateonly_day_of_week(e), -2); /* reference quirk */
    CHECK_STR(rt_dateonly_format(e, S("%A")), "Friday");
    CHECK_EQ_I64(rt_dateonly_to_days(e), -3653);
    void *x = rt_dateonly_from_days(0);
    CHECK_STR(rt_dateonly_to_string(x), "1970-01-01");
    CHECK_STR(rt_dateonly_to_string(rt_dateonly_from_days(19782)), "2024-02-29");
    CHECK_STR(rt_dateonly_to_string(rt_dateonly_from_days(-3653)), "1960-01-01");
    CHECK_STR(rt_dateonly_to_string(rt_dateonly_add_days(d, 1)), "2024-03-01");
    CHECK_STR(rt_dateonly_to_string(rt_dateonly_add_days(d, -60)), "2023-12-31");
    CHECK_STR(rt_dateonly_to_string(rt_dateonly_add_months(d, -3)), "2023-11-29");
    CHECK_STR(rt_dateonly_to_string(rt_dateonly_add_months(rt_dateonly_create(2024, 1, 31), 1)),
              "2024-02-29");
    CHECK_STR(rt_dateonly_to_string(rt_dateonly_add_months(rt_dateonly_create(2023, 1, 31), 1)),
              "2023-02-28");
    CHECK_STR(rt_dateonly_to_string(rt_dateonly_add_months(d, 11)), "2025-01-29");
    CHECK_STR(rt_dateonly_to_string(rt_dateonly_add_months(d, -14)), "2022-12-29");
    CHECK_STR(rt_dateonly_to_string(rt_dateonly_add_years(d, 1)), "2025-02-28");
    CHECK_STR(rt_dateonly_to_string(rt_dateonly_add_years(d, 4)), "2028-02-29");
    CHECK_EQ_I64(rt_dateonly_diff_days(d, x), 19782);
    CHECK_EQ_I64(rt_dateonly_diff_days(d, NULL), 0);
    CHECK_STR(rt_dateonly_to_string(rt_dateonly_start_of_month(d)), "2024-02-01");
    CHECK_STR(rt_dateonly_to_string(rt_dateonly_end_of_month(d)), "2024-02-29");
    CHECK_STR(rt_dateonly_to_string(rt_dateonly_start_of_year(d)), "2024-01-01");
    CHECK_STR(rt_dateonly_to_string(rt_dateonly_end_of_year(d)), "2024-12-31");
    CHECK_EQ_I64(rt_dateonly_cmp(d, x), 1);
    CHECK_EQ_I64(rt_dateonly_cmp(x, d), -1);
    CHECK_EQ_I64(rt_dateonly_cmp(NULL, NULL), 0);
    CHECK_EQ_I64(rt_dateonly_cmp(NULL, d), -1);
    CHECK_EQ_I64(rt_dateonly_cmp(d, NULL), 1);
    CHECK(rt_dateonly_equals(d, rt_dateonly_create(2024, 2, 29)));
    CHECK(!rt_dateonly_equals(d, x));
    void *p = rt_dateonly_parse(S("2023-1-5"));
    CHECK_STR(rt_dateonly_to_string(p), "2023-01-05");
    CHECK_STR(rt_dateonly_to_string(rt_dateonly_parse(S("  2023-12-25xyz"))), "2023-12-25");
    CHECK(rt_dateonly_parse(S("2023/01/05")) == NULL);
    CHECK(rt_dateonly_parse(S("2023-02-30")) == NULL);
    CHECK_EXITS(rt_dateonly_parse(NULL), 1, "rt_string_cstr: null string");
    void *t = rt_dateonly_today();
    CHECK(t != NULL && rt_dateonly_year(t) >= 2024);
    /* NULL and foreign objects read as neutral values */
    CHECK_EQ_I64(rt_dateonly_year(NULL), 0);
    CHECK_EQ_I64(rt_dateonly_to_days(NULL), 0);
    CHECK(!rt_dateonly_is_leap_year(NULL));
    CHECK(rt_dateonly_add_days(NULL, 1) == NULL);
    CHECK(rt_dateonly_end_of_year(NULL) == NULL);
    CHECK_STR(rt_dateonly_to_string(NULL), "");
    void *r = rt_daterange_new(1, 2);
    CHECK_EQ_I64(rt_dateonly_year(r), 0);
    rt__obj_release_and_free(r);
    rt__obj_release_and_free(d);
}

static void test_daterange(void) {
    int64_t a = rt_datetime_create(2024, 1, 1, 0, 0, 0);
    int64_t b = rt_datetime_create(2024, 1, 31, 23, 59, 59);
    void *r = rt_daterange_new(b, a); /* swapped */
    CHECK_EQ_I64(rt_daterange_start(r), a);
    CHECK_EQ_I64(rt_daterange_end(r), b);
    CHECK_EQ_I64(rt_daterange_days(r), 30);
    CHECK_EQ_I64(rt_daterange_hours(r), 743);
    CHECK_EQ_I64(rt_daterange_duration(r), 2678399);
    CHECK_STR(rt_daterange_to_string(r), "2024-01-01 00:00 - 2024-01-31 23:59");
    CHECK(rt_daterange_contains(r, a) == 1 && rt_daterange_contains(r, b) == 1);
    CHECK(rt_daterange_contains(r, b + 1) == 0);
    void *o = rt_daterange_new(b, b + 100);
    CHECK(rt_daterange_overlaps(r, o) == 1);
    void *i = rt_daterange_intersection(r, o);
    CHECK(i && rt_daterange_start(i) == b && rt_daterange_end(i) == b);
    void *far = rt_daterange_new(b + 2, b + 10);
    CHECK(rt_daterange_overlaps(r, far) == 0);
    CHECK(rt_daterange_intersection(r, far) == NULL);
    CHECK(rt_daterange_union_range(r, far) == NULL); /* gap of 2 seconds */
    void *adj = rt_daterange_new(b + 1, b + 10);
    void *u = rt_daterange_union_range(adj, r); /* adjacent: one second apart */
    CHECK(u && rt_daterange_start(u) == a && rt_daterange_end(u) == b + 10);
    CHECK_EQ_I64(rt_daterange_start(NULL), 0);
    CHECK(!rt_daterange_contains(NULL, 0));
    CHECK(!rt_daterange_overlaps(r, NULL));
    CHECK(rt_daterange_union_range(NULL, r) == NULL);
    CHECK_EQ_I64(rt_daterange_days(NULL), 0);
    CHECK_STR(rt_daterange_to_string(NULL), "");
}

static void test_stopwatch(void) {
    void *sw = rt_stopwatch_new();
    CHECK(!rt_stopwatch_is_running(sw));
    CHECK_EQ_I64(rt_stopwatch_elapsed_ns(sw), 0);
    rt_stopwatch_start(sw);
    CHECK(rt_stopwatch_is_running(sw));
    rt_clock_sleep(20);
    rt_stopwatch_start(sw); /* no effect while running */
    rt_stopwatch_stop(sw);
    int64_t ms = rt_stopwatch_elapsed_ms(sw);
    CHECK(ms >= 19 && ms < 2000);
    CHECK(rt_stopwatch_elapsed_us(sw) >= ms * 1000);
    rt_clock_sleep(10);
    CHECK_EQ_I64(rt_stopwatch_elapsed_ms(sw), ms); /* stopped: frozen */
    rt_stopwatch_stop(sw);
    rt_stopwatch_start(sw);
    rt_clock_sleep(10);
    CHECK(rt_stopwatch_elapsed_ms(sw) >= ms + 9); /* accumulates */
    rt_stopwatch_reset(sw);
    CHECK(!rt_stopwatch_is_running(sw) && rt_stopwatch_elapsed_ns(sw) == 0);
    rt_stopwatch_restart(sw);
    CHECK(rt_stopwatch_is_running(sw));
    void *s2 = rt_stopwatch_start_new();
    CHECK(rt_stopwatch_is_running(s2));
    CHECK_EXITS(rt_stopwatch_start(NULL), 1, "Stopwatch: null object");
    rt__obj_release_and_free(sw);
    rt__obj_release_and_free(s2);
}

static void test_countdown(void) {
    void *c = rt_countdown_new(5000);
    CHECK_EQ_I64(rt_countdown_interval(c), 5000);
    CHECK(!rt_countdown_is_running(c));
    rt_countdown_start(c);
    CHECK(rt_countdown_is_running(c));
    /* Just started: a few milliseconds at most may have passed (a loaded machine under an
       emulator can take more than one between two calls). */
    int64_t el0 = rt_countdown_elapsed(c);
    CHECK(el0 >= 0 && el0 < 1000);
    int64_t rem0 = rt_countdown_remaining(c);
    CHECK(rem0 > 4000 && rem0 <= 5000);
    CHECK(!rt_countdown_expired(c));
    rt_countdown_stop(c);
    CHECK(!rt_countdown_is_running(c));
    rt_countdown_reset(c);
    CHECK_EQ_I64(rt_countdown_elapsed(c), 0);
    rt_countdown_set_interval(c, 10000);
    CHECK_EQ_I64(rt_countdown_interval(c), 10000);
    rt_countdown_set_interval(c, 2000);
    CHECK_EQ_I64(rt_countdown_remaining(c), 2000);
    rt_countdown_set_interval(c, -3);
    CHECK_EQ_I64(rt_countdown_interval(c), 0);
    CHECK(rt_countdown_expired(c)); /* 0 interval: expired at once */
    CHECK_EQ_I64(rt_countdown_interval(rt_countdown_new(-10)), 0);
    void *w = rt_countdown_new(30);
    int64_t t0 = rt_clock_ticks();
    rt_countdown_wait(w); /* starts and sleeps out the interval */
    CHECK(rt_clock_ticks() - t0 >= 29);
    CHECK(rt_countdown_expired(w) && rt_countdown_remaining(w) == 0);
    CHECK(rt_countdown_is_running(w));
    t0 = rt_clock_ticks();
    rt_countdown_wait(w); /* already expired: returns at once */
    CHECK(rt_clock_ticks() - t0 < 25);
    /* set_Interval keeps the elapsed time */
    rt_countdown_stop(w);
    int64_t el = rt_countdown_elapsed(w);
    rt_countdown_set_interval(w, el + 1000);
    CHECK_EQ_I64(rt_countdown_remaining(w), 1000);
    CHECK_EXITS(rt_countdown_elapsed(NULL), 1, "Countdown: null object");
    rt__obj_release_and_free(c);
    rt__obj_release_and_free(w);
}

void run_tests(void) {
    setenv("TZ", "UTC", 1);
    tzset();
    test_clock();
    test_datetime();
    test_parse();
    test_duration();
    test_reltime();
    test_dateonly();
    test_daterange();
    test_stopwatch();
    test_countdown();
}

