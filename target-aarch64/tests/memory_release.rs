//! The driver hands a huge function's freed working sets back to the allocator
//! (`codegen_api::memory::release`): while lowering it (arm64 gives its IL back block by block),
//! once lowered, and once its registers are allocated.
//! A module of ordinary functions never calls it. Releasing changes no output.

mod common;
use codegen_api::TargetOs;
use common::*;
use std::sync::atomic::{AtomicUsize, Ordering};

static CALLS: AtomicUsize = AtomicUsize::new(0);

fn count() {
    CALLS.fetch_add(1, Ordering::SeqCst);
}

/// A chain of `n` blocks, each adding one to the previous block's value (2n values).
fn chain(n: usize) -> String {
    let mut s = String::from("il 0.2.0\nfunc @main() -> i64 {\nentry:\n  br b0(0)\n");
    for k in 0..n {
        s.push_str(&format!(
            "b{k}(%v{k}: i64):\n  %w{k} = iadd.ovf %v{k}, 1\n  br b{}(%w{k})\n",
            k + 1
        ));
    }
    s.push_str(&format!("b{n}(%v{n}: i64):\n  ret %v{n}\n}}\n"));
    s
}

#[test]
fn only_huge_functions_release_memory() {
    let huge = il::parse(&chain(codegen_api::memory::HUGE_VALUES / 2 + 10), "huge.il").unwrap();
    let small = il::parse(&chain(200), "small.il").unwrap();
    let o = opts(TargetOs::Linux);
    // Before a release function is registered, the output it then gives.
    let before = compile(&huge, &o);
    assert!(codegen_api::memory::set_release(count));
    let calls = || CALLS.load(Ordering::SeqCst);
    let c0 = calls();
    compile(&small, &o);
    assert_eq!(calls(), c0, "an ordinary function releases nothing");
    assert_eq!(compile(&huge, &o), before, "releasing changes no output");
    assert_eq!(
        calls(),
        c0 + 2,
        "after lowering and after register allocation"
    );
}
