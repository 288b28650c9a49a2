//! Functions are compiled in parallel: the assembly must not depend on the number of threads.
//! Every corpus program (`../shared/corpus/*/*/prog.il` relative to the repository root, skipped
//! when absent) and a generated many-function module are compiled on a 1-thread and a 3-thread
//! rayon pool, for Linux and Darwin, and the outputs compared byte for byte; the streamed text
//! (`Target::compile_to`, what `-S` writes) is compared with `Target::compile`'s on both pools.
mod common;
use codegen_api::{Target, TargetOs};
use common::{compile, opts};
use std::path::PathBuf;

fn pool(n: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .unwrap_or_else(|e| panic!("thread pool: {e}"))
}

fn on_threads(n: usize, m: &il::Module, os: TargetOs) -> String {
    pool(n).install(|| compile(m, &opts(os)))
}

/// `Target::compile_to` on `n` threads, into memory.
fn streamed(n: usize, m: &il::Module, os: TargetOs) -> Vec<u8> {
    let mut out = Vec::new();
    pool(n)
        .install(|| target_aarch64::Aarch64Target.compile_to(m.clone(), &opts(os), &mut out))
        .unwrap_or_else(|e| panic!("compile_to: {e}"));
    out
}

fn check(name: &str, m: &il::Module) {
    for os in [TargetOs::Linux, TargetOs::Darwin] {
        let one = on_threads(1, m, os);
        let three = on_threads(3, m, os);
        assert!(
            one == three,
            "{name} ({os:?}): output depends on the thread count"
        );
        for n in [1, 3] {
            assert!(
                streamed(n, m, os) == one.as_bytes(),
                "{name} ({os:?}, {n} threads): compile_to differs from compile"
            );
        }
    }
}

/// A writer that takes `room` bytes and then fails.
struct Full {
    room: usize,
    took: usize,
}

impl std::io::Write for Full {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.took + buf.len() > self.room {
            return Err(std::io::Error::other("disk full"));
        }
        self.took += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A write error while the module is streamed stops the compilation and comes back as an error
/// naming it (never a panic), wherever in the text it happens.
#[test]
fn a_failing_writer_stops_compile_to_with_its_error() {
    let src = many_functions(300);
    let m = il::parse(&src, "parallel.il").unwrap_or_else(|e| panic!("{e:?}"));
    let total = on_threads(2, &m, TargetOs::Linux).len();
    for room in [0, 100, total / 2, total - 1] {
        let mut out = Full { room, took: 0 };
        let r = pool(2).install(|| {
            target_aarch64::Aarch64Target.compile_to(m.clone(), &opts(TargetOs::Linux), &mut out)
        });
        let e = r.expect_err("the write error is returned").to_string();
        assert!(
            e.contains("cannot write the output") && e.contains("disk full"),
            "{e}"
        );
        assert!(out.took <= room);
    }
    let mut out = Full {
        room: total,
        took: 0,
    };
    target_aarch64::Aarch64Target
        .compile_to(m, &opts(TargetOs::Linux), &mut out)
        .expect("the whole text fits");
    assert_eq!(out.took, total);
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
