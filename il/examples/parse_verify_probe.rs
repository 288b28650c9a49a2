//! CPU-time probe for parse+verify throughput (for profiling with `perf`/`callgrind`).
//!
//! Usage: `cargo run --release -p viper-il --example parse_verify_probe -- FILE [ITERS]`.
//! Prints the best per-iteration thread CPU time (from `/proc/thread-self/schedstat`, falling
//! back to wall time) and the resulting MB/s for parse+verify and parse alone.

use std::time::Instant;

/// Thread CPU time in nanoseconds (Linux), or `None` when unavailable.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
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
    let (mut best_pv, mut best_p) = (f64::MAX, f64::MAX);
    for _ in 0..iters {
        let (t, m) = time(|| {
            let m = il::parse(&src, path).expect("parses");
            il::verify(&m).expect("verifies");
            m
        });
        drop(m);
        best_pv = best_pv.min(t);
        let (t, m) = time(|| il::parse(&src, path).expect("parses"));
        drop(m);
        best_p = best_p.min(t);
    }
    println!(
        "parse+verify: {:.2} ms = {:.0} MB/s; parse only: {:.2} ms = {:.0} MB/s ({iters} iters, best CPU time)",
        best_pv * 1e3,
        mb / best_pv,
        best_p * 1e3,
        mb / best_p
    );
}
