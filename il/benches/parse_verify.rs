//! Parse + verify throughput (MB/s) on the largest corpus program when `../shared` is present,
//! otherwise on a generated module of similar shape (~2 MB).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::fmt::Write as _;
use std::path::Path;

fn input() -> (String, String) {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/core/demos_basic_sqldb_test/prog.il");
    if let Ok(s) = std::fs::read_to_string(&p) {
        return ("sqldb_test".into(), s);
    }
    ("generated".into(), generated(2_000))
}

/// A synthetic module: `n` functions with loops, calls, loads/stores and `.loc` lines.
fn generated(n: usize) -> String {
    let mut s = String::from("il 0.2.0\nextern @Viper.Terminal.PrintI64(i64) -> void\n");
    for f in 0..n {
        let _ = write!(
            s,
            "func @f{f}(i64 %n) -> i64 {{\nentry(%n: i64):\n  .loc 1 {f} 1\n  %p = alloca 8\n  store i64, %p, 0\n  br loop(%n, 0)\nloop(%i: i64, %acc: i64):\n  .loc 1 {f} 2\n  %a2 = iadd.ovf %acc, %i\n  %q = load i64, %p\n  %a3 = iadd.ovf %a2, %q\n  call @Viper.Terminal.PrintI64(%a3)\n  %i2 = isub.ovf %i, 1\n  %c = scmp_gt %i2, 0\n  cbr %c, loop(%i2, %a3), done(%a3)\ndone(%r: i64):\n  ret %r\n}}\n"
        );
    }
    s
}

fn bench(c: &mut Criterion) {
    let (name, src) = input();
    let mut g = c.benchmark_group("parse_verify");
    g.throughput(Throughput::Bytes(src.len() as u64));
    g.sample_size(30);
    g.bench_function(&name, |b| {
        b.iter(|| {
            let m = il::parse(&src, "bench.il").expect("parses");
            il::verify(&m).expect("verifies");
            m
        })
    });
    g.bench_function(format!("{name}/parse_only"), |b| {
        b.iter(|| il::parse(&src, "bench.il").expect("parses"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
