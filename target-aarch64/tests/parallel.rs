//! Functions are compiled in parallel: the assembly must not depend on the number of threads.
//! Every corpus program (`../shared/corpus/*/*/prog.il` relative to the repository root, skipped
//! when absent) and a generated many-function module are compiled on a 1-thread and a 3-thread
//! rayon pool, for Linux and Darwin, and the outputs compared byte for byte.
mod common;
use codegen_api::{Target, TargetOs};
use common::{compile, opts};
use std::path::PathBuf;

fn on_threads(n: usize, m: &il::Module, os: TargetOs) -> String {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .unwrap_or_else(|e| panic!("thread pool: {e}"));
    pool.install(|| compile(m, &opts(os)))
}

fn check(name: &str, m: &il::Module) {
    for os in [TargetOs::Linux, TargetOs::Darwin] {
        let one = on_threads(1, m, os);
        let three = on_threads(3, m, os);
        assert!(
            one == three,
            "{name} ({os:?}): output depends on the thread count"
        );
    }
}

/// A module with more functions than one compilation batch, each with data (strings, traps).
fn many_functions(n: usize) -> String {
    let mut src = String::from("il 0.1.2\n\n");
    for i in 0..n {
        src.push_str(&format!(
            "func @f{i}(i64 %x) -> i64 {{\nentry(%a: i64):\n  %y = iadd.ovf %a, {i}\n  %z = sdiv.chk0 %y, %a\n  ret %z\n}}\n\n"
        ));
    }
    src.push_str("func @main() -> i64 {\nentry:\n");
    for i in 0..n {
        src.push_str(&format!("  %r{i} = call @f{i}({})\n", i + 1));
    }
    src.push_str(&format!("  ret %r{}\n}}\n", n - 1));
    src
}

#[test]
fn generated_module_is_thread_count_independent() {
    let src = many_functions(600);
    let m = il::parse(&src, "parallel.il").unwrap_or_else(|e| panic!("{e:?}"));
    check("generated", &m);
}

#[test]
fn corpus_is_thread_count_independent() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    let mut progs = Vec::new();
    for tier in ["core", "extended"] {
        let Ok(rd) = std::fs::read_dir(root.join(tier)) else {
            continue;
        };
        progs.extend(rd.flatten().map(|d| d.path().join("prog.il")));
    }
    progs.sort();
    if progs.is_empty() {
        eprintln!("corpus missing: skipped");
        return;
    }
    let mut compared = 0;
    for p in &progs {
        let Ok(src) = std::fs::read_to_string(p) else {
            continue;
        };
        let Ok(m) = il::parse(&src, "prog.il") else {
            continue;
        };
        if il::verify(&m).is_err()
            || target_aarch64::Aarch64Target
                .compile(&m, &opts(TargetOs::Linux))
                .is_err()
        {
            continue;
        }
        check(&p.display().to_string(), &m);
        compared += 1;
    }
    assert!(compared > 0, "no corpus program compiled");
}
