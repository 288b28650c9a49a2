//! Parse + verify throughput (MB/s) on two inputs: the largest corpus program (sqldb_test, a
//! few large functions) and a module of thousands of small functions like the one
//! `shared/bench/gen_big_il.py` writes (the benchmark programs replicated under new names, about
//! 100,000 lines), built here from `../shared/bench/*.il`. Without `../shared`, a generated module
//! of similar shape stands in for each.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

fn shared(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared")
        .join(rel)
}

fn inputs() -> Vec<(String, String)> {
    let sqldb = match std::fs::read_to_string(shared("corpus/core/demos_basic_sqldb_test/prog.il"))
    {
        Ok(s) => ("sqldb_test".into(), s),
        Err(_) => ("generated".into(), generated(2_000)),
    };
    let big = match big_il(100_000) {
        Some(s) => ("big_il".into(), s),
        None => ("generated_small_fns".into(), generated(8_000)),
    };
    vec![sqldb, big]
}

/// What `gen_big_il.py` writes (without its `@main`): every `shared/bench/*.il` program's
/// functions, copied until the text has about `lines` lines, copy `k` of `@f` named
/// `@{stem}_f_{k}` (calls renamed alike).
fn big_il(lines: usize) -> Option<String> {
    let mut progs = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(shared("bench"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "il"))
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).ok()?;
        let body: Vec<&str> = text.lines().filter(|l| !l.starts_with("il ")).collect();
        let funcs: HashSet<&str> = body
            .iter()
            .filter_map(|l| l.strip_prefix("func @")?.split('(').next())
            .collect();
        let stem = p.file_stem()?.to_str()?.to_string();
        let funcs: HashSet<String> = funcs.into_iter().map(String::from).collect();
        progs.push((stem, body.join("\n"), funcs));
    }
    if progs.is_empty() {
        return None;
    }
    let per_copy: usize = progs.iter().map(|p| p.1.lines().count() + 1).sum();
    let mut out = String::from("il 0.2.0\n");
    for k in 0..lines.div_ceil(per_copy) {
        for (stem, body, funcs) in &progs {
            out.push_str(&rename(body, funcs, &format!("{stem}_"), &format!("_{k}")));
            out.push_str("\n\n");
        }
    }
    Some(out)
}

/// `text` with every `@name(` whose name is in `funcs` spelled `@{pre}name{post}(`.
fn rename(text: &str, funcs: &HashSet<String>, pre: &str, post: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..=at]);
        rest = &rest[at + 1..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || "_.$#%".contains(c)))
            .unwrap_or(rest.len());
        let name = &rest[..end];
        if rest[end..].starts_with('(') && funcs.contains(name) {
            let _ = write!(out, "{pre}{name}{post}");
        } else {
            out.push_str(name);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
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
    for (name, src) in inputs() {
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
}

criterion_group!(benches, bench);
criterion_main!(benches);
