//! Wall-clock probe for parse + verify, with the `viper` binary's allocator (mimalloc, keeping
//! freed memory) and its rayon pool: what `--time-passes` reports as `parse+verify`, without the
//! rest of a compilation, repeated so that a noisy machine still gives a usable minimum.
//!
//! Usage: `cargo run --release -p viper-cli --example parse_verify_wall -- FILE [ITERS]`
//! (`RAYON_NUM_THREADS=1` for one thread). Prints the minimum and median of parse, verify and
//! both (ms) and the throughput of the minimum (MB/s). The first iteration takes fresh pages,
//! as a compilation does; later ones reuse what the previous module freed, so the minimum is
//! the parser's own speed and the first line shows what fresh memory adds.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    viper_cli::memory::keep_freed();
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: parse_verify_wall FILE [ITERS]");
        std::process::exit(2);
    };
    let iters: usize = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(20)
        .max(1);
    let src = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let mut times: [Vec<f64>; 3] = Default::default();
    for i in 0..iters {
        let t = std::time::Instant::now();
        let m = match il::parse(&src, path) {
            Ok(m) => m,
            Err(d) => {
                eprintln!("{path}: does not parse:\n{d}");
                std::process::exit(1);
            }
        };
        let parsed = t.elapsed().as_secs_f64() * 1e3;
        let verified = il::verify(&m).is_ok();
        let total = t.elapsed().as_secs_f64() * 1e3;
        if !verified {
            eprintln!("{path}: does not verify");
            std::process::exit(1);
        }
        if i == 0 {
            println!(
                "first (fresh memory): parse {parsed:.2} ms, verify {:.2} ms",
                total - parsed
            );
        }
        for (v, x) in times.iter_mut().zip([parsed, total - parsed, total]) {
            v.push(x);
        }
    }
    let mb = src.len() as f64 / 1e6;
    for (name, v) in ["parse", "verify", "parse+verify"].iter().zip(&mut times) {
        v.sort_by(f64::total_cmp);
        let (min, median) = (v[0], v[v.len() / 2]);
        println!(
            "{name:<13} min {min:7.2} ms  median {median:7.2} ms  ({:.0} MB/s at the minimum, {iters} runs)",
            mb / (min * 1e-3)
        );
    }
}
