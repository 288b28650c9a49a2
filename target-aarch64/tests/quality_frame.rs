//! `shrink-wrap`: early-exit paths of a function run without setting its frame up; switching the
//! pass off restores the entry prologue; results and trap reports are the same either way.
mod common;
use codegen_api::TargetOs;
use common::*;

/// `@fib` has a frameless base case; `@chk` traps (overflow) in its frameless entry block when
/// called with a huge argument.
const FIB: &str = r#"il 0.2.0

func @fib(i64 %n) -> i64 {
entry(%n: i64):
  %small = scmp_lt %n, 2
  cbr %small, base(%n), rec(%n)
base(%b: i64):
  ret %b
rec(%k: i64):
  %k1 = isub.ovf %k, 1
  %a = call @fib(%k1)
  %k2 = isub.ovf %k, 2
  %c = call @fib(%k2)
  %r = iadd.ovf %a, %c
  ret %r
}

func @chk(i64 %n) -> i64 {
entry(%n: i64):
  %m = iadd.ovf %n, 5
  %small = scmp_lt %m, 10
  cbr %small, base(%m), rec(%m)
base(%b: i64):
  ret %b
rec(%k: i64):
  %k1 = isub.ovf %k, 6
  %a = call @chk(%k1)
  %r = iadd.ovf %a, %k
  ret %r
}

func @main() -> i64 {
entry:
  %r = call @fib(20)
  %c = call @chk(40)
  %s = iadd.ovf %r, %c
  %q = srem.chk0 %s, 256
  ret %q
}
"#;

fn expected() -> i32 {
    fn fib(n: i64) -> i64 {
        if n < 2 {
            n
        } else {
            fib(n - 1) + fib(n - 2)
        }
    }
    fn chk(n: i64) -> i64 {
        let m = n + 5;
        if m < 10 {
            m
        } else {
            chk(m - 6) + m
        }
    }
    ((fib(20) + chk(40)) % 256) as i32
}

#[test]
fn base_case_runs_without_frame() {
    let m = il::parse(FIB, "quality_frame.il").unwrap_or_else(|e| panic!("{e:?}"));
    let asm = compile(&m, &opts(TargetOs::Linux));
    for f in ["fib", "chk"] {
        let b = body(&asm, f);
        let first_ret = b.find("\tret\n").expect("ret");
        let setup = b.find("stp x29, x30").expect("frame set-up");
        assert!(first_ret < setup, "{b}");
    }
    let o = without("shrink-wrap");
    let plain = compile(&m, &o);
    let b = body(&plain, "fib");
    assert!(b.find("stp x29, x30") < b.find("\tret\n"), "{b}");
    for (name, o) in [("all", opts(TargetOs::Linux)), ("no_sw", o)] {
        if let Some(r) = run_with(&format!("quality_frame_{name}"), &m, &o) {
            assert_eq!(r.code, expected(), "{name}: {}", r.stderr);
        }
    }
}

#[test]
fn trap_before_frame_setup_is_reported() {
    let src = FIB.replace("call @chk(40)", "call @chk(9223372036854775807)");
    let m = il::parse(&src, "quality_frame_trap.il").unwrap_or_else(|e| panic!("{e:?}"));
    for (name, o) in [
        ("all", opts(TargetOs::Linux)),
        ("no_sw", without("shrink-wrap")),
    ] {
        if let Some(r) = run_with(&format!("quality_frame_trap_{name}"), &m, &o) {
            assert_eq!(r.code, 1, "{name}: {}", r.stderr);
            assert!(r.stderr.contains("Trap @chk:entry#0"), "{}", r.stderr);
            assert!(r.stderr.contains("Overflow"), "{}", r.stderr);
        }
    }
}
