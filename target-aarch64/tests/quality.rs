//! Generated-code quality: each optimisation shows in the assembly, switching it off removes it,
//! and the program's result is the same either way.
mod common;
use codegen_api::TargetOs;
use common::*;

const LOOP: &str = r#"il 0.1.2

func @bump(i64 %x) -> i64 {
entry(%x0: i64):
  %y = iadd.ovf %x0, 3
  ret %y
}

func @main() -> i64 {
entry:
  br loop(0, 0)

loop(%c: i64, %i: i64):
  %done = scmp_ge %i, 70000
  cbr %done, exit(%c), body(%c, %i)

body(%c1: i64, %i1: i64):
  %m = srem.chk0 %i1, 3
  %z = icmp_eq %m, 0
  cbr %z, hit(%c1, %i1), next(%c1, %i1)

hit(%c2: i64, %i2: i64):
  %c3 = call @bump(%c2)
  br next(%c3, %i2)

next(%c4: i64, %i4: i64):
  %n = iadd.ovf %i4, 1
  br loop(%c4, %n)

exit(%r: i64):
  %k = srem.chk0 %r, 256
  ret %k
}
"#;

fn module() -> il::Module {
    il::parse(LOOP, "quality.il").unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn optimised_output_shape() {
    let m = module();
    // `@bump` stays a call (its checked add is shown below; inlining is `quality_inline.rs`).
    let asm = compile(&m, &without("inline"));
    let main = body(&asm, "main.1");
    // cmp-branch-fusion: no materialised i1 feeds a branch; eq-0 becomes cbz/cbnz.
    assert!(!main.contains("cset"), "{main}");
    assert!(main.contains("b.ge") || main.contains("b.lt"), "{main}");
    assert!(main.contains("cbz") || main.contains("cbnz"), "{main}");
    // Constant divisor 3: no zero check, so no divide-by-zero trap stub is referenced.
    assert!(!asm.contains("divide by zero"), "{asm}");
    // range-elim: the loop index (< 70000) steps with a plain add.
    assert!(main.contains(", #1\n") && !main.contains("b.vs"), "{main}");
    // Checked add of an immediate (an unknown argument) writes its destination directly.
    let bump = body(&asm, "bump");
    assert!(bump.contains(", #3\n\tb.vs"), "{bump}");
    // leaf-frame: @bump has no frame record.
    assert!(!bump.contains("x29"), "{bump}");
    // const-hoist + tail-dup: the loop bound is materialised once, in the entry block.
    assert_eq!(main.matches("#4464").count(), 1, "{main}");
}

#[test]
fn each_pass_can_be_switched_off() {
    let m = module();
    let base = compile(&m, &opts(TargetOs::Linux));
    for pass in [
        "cmp-branch-fusion",
        "jump-threading",
        "const-hoist",
        "tail-dup",
        "leaf-frame",
    ] {
        let o = without(pass);
        let asm = compile(&m, &o);
        assert_ne!(asm, base, "switching off {pass} changed nothing");
        if let Some(r) = run_with(&format!("quality_no_{pass}"), &m, &o) {
            // 23334 multiples of 3 in 0..70000, each adding 3: 70002 % 256 = 114.
            assert_eq!(r.code, 114, "{pass}: {}", r.stderr);
        }
    }
    if let Some(r) = run("quality_all", &m) {
        assert_eq!(r.code, 114, "{}", r.stderr);
    }
}
