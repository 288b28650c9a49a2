//! CPU-time probe for parse+verify throughput (for profiling with `perf`/`callgrind`).
//!
//! Usage: `cargo run --release -p viper-il --example parse_verify_probe -- FILE [ITERS]`.
//! Prints the best per-iteration thread CPU time (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`, Linux
//! 64-bit; falling back to wall time) and the resulting MB/s for parse+verify (with and without dropping the
//! module), parse alone and verify alone.

use std::time::Instant;

#[repr(C)]
struct Timespec {
    tv_sec: i64,
    tv_nsec: i64,
}

extern "C" {
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
}

/// Thread CPU time in nanoseconds (`CLOCK_THREAD_CPUTIME_ID`, precise unlike
/// `/proc/thread-self/schedstat`, which advances in scheduler ticks), or `None`.
fn cpu_ns() -> Option<u64> {
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec (64-bit Linux layout).
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64)
}

fn time<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let (c0, w0) = (cpu_ns(), Instant::now());
    let r = f();
    let secs = match (c0, cpu_ns()) {
        (Some(a), Some(b)) => (b - a) as f64 * 1e-9,
        _ => w0.elapsed().as_secs_f64(),
    };
    (secs, r)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: parse_verify_probe FILE [ITERS]");
        std::process::exit(2);
    };
    let iters: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20);
    let src = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let mb = src.len() as f64 / 1e6;
    let mut best = [f64::MAX; 4]; // parse+verify, parse+verify+drop, parse, verify
    for _ in 0..iters {
        let (t, m) = time(|| {
            let m = il::parse(&src, path).expect("parses");
            il::verify(&m).expect("verifies");
            m
        });
        drop(m);
        best[0] = best[0].min(t);
        let (t, ()) = time(|| {
            let m = il::parse(&src, path).expect("parses");
            il::verify(&m).expect("verifies");
        });
        best[1] = best[1].min(t);
        let (t, m) = time(|| il::parse(&src, path).expect("parses"));
        best[2] = best[2].min(t);
        let (t, r) = time(|| il::verify(&m));
        r.expect("verifies");
        best[3] = best[3].min(t);
    }
    let show =
        |what: &str, t: f64| println!("{what:>20}: {:6.2} ms = {:4.0} MB/s", t * 1e3, mb / t);
    println!("{path} ({:.2} MB, best thread CPU time of {iters})", mb);
    show("parse+verify", best[0]);
    show("parse+verify+drop", best[1]);
    show("parse", best[2]);
    show("verify", best[3]);
}
