/*
 * rt_system_abi.h — prototypes of the system-tier runtime functions of RUNTIME-SYSTEM.md owned by
 * the time/environment area: §3 Viper.Time.* (time_clock.c, time_datetime.c, time_date.c),
 * §5 Viper.Environment.* and §6 Viper.Exec.* (env_exec.c), §7 Viper.Math.Random.* (random.c),
 * §9.1 Viper.Log.* (system_ext.c), §9.2 Viper.Machine.* (machine.c), the §10 legacy names
 * (legacy_rt.c, terminal.c) and §8.2–§8.5 Crypto (crypto_cipher.c).
 * Conventions as everywhere: arguments are borrowed, returned strings/objects are +1, IL `i1`
 * results are C `bool` (exactly 0/1), IL `obj` is `void *`.
 */
#ifndef VIPER_RT_SYSTEM_ABI_H
#define VIPER_RT_SYSTEM_ABI_H

#include "rt_internal.h"

/* ---- §3.1 Clock (time_clock.c) ---- */
void rt_clock_sleep(int64_t ms);
int64_t rt_clock_ticks(void);
int64_t rt_clock_ticks_us(void);

/* ---- §3.2 DateTime (time_datetime.c) ---- */
int64_t rt_datetime_now(void);
int64_t rt_datetime_now_ms(void);
int64_t rt_datetime_create(int64_t y, int64_t mo, int64_t d, int64_t h, int64_t mi, int64_t s);
int64_t rt_datetime_year(int64_t ts);
int64_t rt_datetime_month(int64_t ts);
int64_t rt_datetime_day(int64_t ts);
int64_t rt_datetime_hour(int64_t ts);
int64_t rt_datetime_minute(int64_t ts);
int64_t rt_datetime_second(int64_t ts);
int64_t rt_datetime_day_of_week(int64_t ts);
rt_string rt_datetime_format(int64_t ts, rt_string fmt);
rt_string rt_datetime_to_iso(int64_t ts);
rt_string rt_datetime_to_local(int64_t ts);
int64_t rt_datetime_add_seconds(int64_t ts, int64_t n);
int64_t rt_datetime_add_days(int64_t ts, int64_t n);
int64_t rt_datetime_diff(int64_t a, int64_t b);
int64_t rt_datetime_parse_iso(rt_string s);
int64_t rt_datetime_parse_date(rt_string s);
int64_t rt_datetime_parse_time(rt_string s);
int64_t rt_datetime_try_parse(rt_string s);

/* ---- §3.3 Duration (time_datetime.c) ---- */
int64_t rt_duration_from_millis(int64_t ms);
int64_t rt_duration_from_seconds(int64_t s);
int64_t rt_duration_from_minutes(int64_t m);
int64_t rt_duration_from_hours(int64_t h);
int64_t rt_duration_from_days(int64_t d);
int64_t rt_duration_create(int64_t d, int64_t h, int64_t m, int64_t s, int64_t ms);
int64_t rt_duration_zero(void);
int64_t rt_duration_total_millis(int64_t d);
int64_t rt_duration_total_seconds(int64_t d);
int64_t rt_duration_total_minutes(int64_t d);
int64_t rt_duration_total_hours(int64_t d);
int64_t rt_duration_total_days(int64_t d);
double rt_duration_total_seconds_f(int64_t d);
int64_t rt_duration_get_days(int64_t d);
int64_t rt_duration_get_hours(int64_t d);
int64_t rt_duration_get_minutes(int64_t d);
int64_t rt_duration_get_seconds(int64_t d);
int64_t rt_duration_get_millis(int64_t d);
int64_t rt_duration_add(int64_t a, int64_t b);
int64_t rt_duration_sub(int64_t a, int64_t b);
int64_t rt_duration_mul(int64_t d, int64_t k);
int64_t rt_duration_div(int64_t d, int64_t k);
int64_t rt_duration_abs(int64_t d);
int64_t rt_duration_neg(int64_t d);
int64_t rt_duration_cmp(int64_t a, int64_t b);
rt_string rt_duration_to_string(int64_t d);
rt_string rt_duration_to_iso(int64_t d);

/* ---- §3.4 RelativeTime (time_datetime.c) ---- */
rt_string rt_reltime_format(int64_t ts);
rt_string rt_reltime_format_from(int64_t ts, int64_t ref);
rt_string rt_reltime_format_short(int64_t ts);
rt_string rt_reltime_format_duration(int64_t ms);

/* ---- §3.5 DateOnly (time_date.c) ---- */
void *rt_dateonly_create(int64_t y, int64_t m, int64_t d);
void *rt_dateonly_today(void);
void *rt_dateonly_parse(rt_string s);
void *rt_dateonly_from_days(int64_t n);
int64_t rt_dateonly_year(void *d);
int64_t rt_dateonly_month(void *d);
int64_t rt_dateonly_day(void *d);
int64_t rt_dateonly_day_of_week(void *d);
int64_t rt_dateonly_day_of_year(void *d);
int64_t rt_dateonly_days_in_month(void *d);
bool rt_dateonly_is_leap_year(void *d);
int64_t rt_dateonly_to_days(void *d);
void *rt_dateonly_add_days(void *d, int64_t n);
void *rt_dateonly_add_months(void *d, int64_t n);
void *rt_dateonly_add_years(void *d, int64_t n);
int64_t rt_dateonly_diff_days(void *a, void *b);
void *rt_dateonly_start_of_month(void *d);
void *rt_dateonly_end_of_month(void *d);
void *rt_dateonly_start_of_year(void *d);
void *rt_dateonly_end_of_year(void *d);
int64_t rt_dateonly_cmp(void *a, void *b);
bool rt_dateonly_equals(void *a, void *b);
rt_string rt_dateonly_to_string(void *d);
rt_string rt_dateonly_format(void *d, rt_string fmt);

/* ---- §3.6 DateRange (time_date.c) ---- */
void *rt_daterange_new(int64_t a, int64_t b);
int64_t rt_daterange_start(void *r);
int64_t rt_daterange_end(void *r);
bool rt_daterange_contains(void *r, int64_t t);
bool rt_daterange_overlaps(void *r, void *o);
void *rt_daterange_intersection(void *r, void *o);
void *rt_daterange_union_range(void *r, void *o);
int64_t rt_daterange_days(void *r);
int64_t rt_daterange_hours(void *r);
int64_t rt_daterange_duration(void *r);
rt_string rt_daterange_to_string(void *r);

/* ---- §3.7 Stopwatch (time_clock.c) ---- */
void *rt_stopwatch_new(void);
void *rt_stopwatch_start_new(void);
void rt_stopwatch_start(void *sw);
void rt_stopwatch_stop(void *sw);
void rt_stopwatch_reset(void *sw);
void rt_stopwatch_restart(void *sw);
int64_t rt_stopwatch_elapsed_ms(void *sw);
int64_t rt_stopwatch_elapsed_us(void *sw);
int64_t rt_stopwatch_elapsed_ns(void *sw);
bool rt_stopwatch_is_running(void *sw);

/* ---- §3.8 Countdown (time_clock.c) ---- */
void *rt_countdown_new(int64_t ms);
void rt_countdown_start(void *c);
void rt_countdown_stop(void *c);
void rt_countdown_reset(void *c);
void rt_countdown_wait(void *c);
int64_t rt_countdown_elapsed(void *c);
int64_t rt_countdown_remaining(void *c);
bool rt_countdown_expired(void *c);
int64_t rt_countdown_interval(void *c);
void rt_countdown_set_interval(void *c, int64_t ms);
bool rt_countdown_is_running(void *c);

/* ---- §5 Environment (env_exec.c; the argument functions and EndProgram are in diag_env.c) ---- */
rt_string rt_env_get_var(rt_string name);
bool rt_env_has_var(rt_string name);
void rt_env_set_var(rt_string name, rt_string value);
bool rt_env_is_native(void);

/* ---- §6 Exec (env_exec.c) ---- */
int64_t rt_exec_run(rt_string program);
int64_t rt_exec_run_args(rt_string program, void *args);
rt_string rt_exec_capture(rt_string program);
rt_string rt_exec_capture_args(rt_string program, void *args);
int64_t rt_exec_shell(rt_string cmd);
rt_string rt_exec_shell_capture(rt_string cmd);

/* ---- §7 Math.Random (random.c; rt_rnd / rt_randomize_i64 are in rt_core_abi.h) ---- */
int64_t rt_rand_int(int64_t max);
int64_t rt_rand_range(int64_t a, int64_t b);
int64_t rt_rand_dice(int64_t n);
int64_t rt_rand_chance(double p);
double rt_rand_gaussian(double mean, double sd);
double rt_rand_exponential(double lambda);
void rt_rand_shuffle(void *seq);
void *rt_random_new(int64_t seed);
double rt_rnd_method(void *rng);
int64_t rt_rand_int_method(void *rng, int64_t max);
void rt_randomize_i64_method(void *rng, int64_t seed);

/* ---- §9.1 Log (system_ext.c) ---- */
void rt_log_debug(rt_string msg);
void rt_log_info(rt_string msg);
void rt_log_warn(rt_string msg);
void rt_log_error(rt_string msg);
int64_t rt_log_level(void);
void rt_log_set_level(int64_t level);
bool rt_log_enabled(int64_t level);
int64_t rt_log_level_debug(void);
int64_t rt_log_level_info(void);
int64_t rt_log_level_warn(void);
int64_t rt_log_level_error(void);
int64_t rt_log_level_off(void);

/* ---- §9.2 Machine (machine.c) ---- */
rt_string rt_machine_os(void);
rt_string rt_machine_os_ver(void);
rt_string rt_machine_host(void);
rt_string rt_machine_user(void);
rt_string rt_machine_home(void);
rt_string rt_machine_temp(void);
int64_t rt_machine_cores(void);
int64_t rt_machine_mem_total(void);
int64_t rt_machine_mem_free(void);
rt_string rt_machine_endian(void);

/* ---- §10 legacy names (legacy_rt.c, terminal.c; rt_trap is in diag_env.c) ---- */
double rt_val(rt_string s);
void rt_term_locate(int64_t row, int64_t col);
void rt_term_color(int64_t fg, int64_t bg);
void rt_term_textcolor(int64_t fg);
void rt_term_textbg(int64_t bg);
void rt_term_hide_cursor(void);
void rt_term_show_cursor(void);

/* ---- §8.2–§8.5 Crypto (crypto_cipher.c) ---- */
void *rt_keyderive_pbkdf2_sha256(rt_string password, void *salt, int64_t iterations,
                                 int64_t key_len);
rt_string rt_keyderive_pbkdf2_sha256_str(rt_string password, void *salt, int64_t iterations,
                                         int64_t key_len);
rt_string rt_password_hash(rt_string pw);
rt_string rt_password_hash_with_iterations(rt_string pw, int64_t iterations);
bool rt_password_verify(rt_string pw, rt_string stored);
void *rt_crypto_rand_bytes(int64_t n);
int64_t rt_crypto_rand_int(int64_t min, int64_t max);
void *rt_aes_encrypt(void *data, void *key, void *iv);
void *rt_aes_decrypt(void *data, void *key, void *iv);
void *rt_aes_encrypt_str(rt_string text, rt_string password);
rt_string rt_aes_decrypt_str(void *data, rt_string password);
void *rt_cipher_encrypt(void *data, rt_string password);
void *rt_cipher_decrypt(void *data, rt_string password);
void *rt_cipher_encrypt_with_key(void *data, void *key);
void *rt_cipher_decrypt_with_key(void *data, void *key);
void *rt_cipher_generate_key(void);
void *rt_cipher_derive_key(rt_string password, void *salt);

/* ---- system_ext.c ---- */
void rt_term_begin_batch(void);
void rt_term_end_batch(void);
int64_t rt_gc_collect(void);
int64_t rt_gc_pass_count(void);
int64_t rt_gc_total_collected(void);
int64_t rt_gc_tracked_count(void);
void rt_log_set_level(int64_t level);
bool rt_log_enabled(int64_t level);
void rt_log_debug(rt_string msg);
void rt_log_info(rt_string msg);
void rt_log_warn(rt_string msg);
void rt_log_error(rt_string msg);

#endif
