//! `slot-init`: a local (fixed alloca slot) written at the start of the function before it is
//! ever read is not zeroed by the prologue; one read before any write, or whose address escapes
//! to a call, still is. Switched off, every slot is zeroed. Both versions run under qemu with the
//! same result.

mod common;
use codegen_api::TargetOs;
use common::*;

const LOCALS: &str = r#"il 0.2.0
func @peek(ptr %p) -> i64 {
entry(%p: ptr):
  %v = load i64, %p
  ret %v
}
func @f(i64 %x) -> i64 {
entry(%x: i64):
  %a = alloca 8
  %b = alloca 8
  %c = alloca 8
  store i64, %a, %x
  %early = load i64, %b
  store i64, %b, 5
  %e = call @peek(%c)
  %big = scmp_gt %x, 3
  cbr %big, yes, no
yes:
  %va = load i64, %a
  %vb = load i64, %b
  %s = iadd.ovf %va, %vb
  %s2 = iadd.ovf %s, %early
  %s3 = iadd.ovf %s2, %e
  ret %s3
no:
  ret 0
}
func @main() -> i64 {
entry:
  %r = call @f(10)
  ret %r
}
"#;

/// The `stp xzr, xzr` stores of the function's prologue (16 zeroed bytes each).
fn zeroing(text: &str) -> usize {
    text.lines()
        .filter(|l| l.starts_with("\tstp xzr, xzr"))
        .count()
}

#[test]
fn slots_written_first_are_not_zeroed() {
    let m = il::parse(LOCALS, "quality_slot_init.il").unwrap_or_else(|e| panic!("{e:?}"));
    il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
    // Not inlined, so @f keeps its frame and the call that sees %c.
    let on = without("inline");
    let asm = compile(&m, &on);
    // %a is written first: not zeroed. %b is read before its store, %c goes to @peek: zeroed.
    assert_eq!(zeroing(body(&asm, "f")), 2, "{asm}");
    let mut off = on.clone();
    off.set_pass("slot-init", false);
    let plain = compile(&m, &off);
    assert_eq!(zeroing(body(&plain, "f")), 3, "{plain}");
    // 10 + 5 + 0 (%b before its store) + 0 (%c as @peek reads it).
    expect_exit(
        &m,
        &[
            ("quality_slot_init", on),
            ("quality_slot_init_off", off),
            ("quality_slot_init_inlined", opts(TargetOs::Linux)),
        ],
        15,
    );
    assemble_darwin("quality_slot_init", &m);
}
