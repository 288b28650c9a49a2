//! Throughput probe that is robust on a loaded machine: measures this thread's CPU time (from
//! `/proc/thread-self/schedstat`) for parse+verify of the largest corpus program.
//! Run with `cargo test -p viper-il --release --test throughput -- --ignored --nocapture`.

mod common;

fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

#[test]
#[ignore = "performance probe; run explicitly in release mode"]
fn parse_verify_throughput() {
    let Some(path) = common::corpus_files()
        .into_iter()
        .max_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
    else {
        eprintln!("corpus not found; skipping");
        return;
    };
    let src = std::fs::read_to_string(&path).expect("readable");
    let mb = src.len() as f64 / 1e6;
    let mut best_pv = f64::MAX;
    let mut best_p = f64::MAX;
    for _ in 0..15 {
        let (Some(t0), m) = (thread_cpu_ns(), il::parse(&src, "x").expect("parses")) else {
            return;
        };
        let t1 = thread_cpu_ns().unwrap_or(0);
        il::verify(&m).expect("verifies");
        let t2 = thread_cpu_ns().unwrap_or(0);
        drop(m);
        best_p = best_p.min((t1 - t0) as f64 / 1e9);
        best_pv = best_pv.min((t2 - t0) as f64 / 1e9);
    }
    eprintln!(
        "{}: {:.2} MB; parse {:.1} MB/s; parse+verify {:.1} MB/s (best of 15, thread CPU time)",
        path.display(),
        mb,
        mb / best_p,
        mb / best_pv
    );
}
