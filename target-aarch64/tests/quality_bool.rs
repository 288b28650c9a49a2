//! `bool-fold`: BASIC's conditions (`trunc1 (isub.ovf 0, zext1 c)`) branch on the compare
//! itself — one `cmp` and one conditional branch, no `cset`, negation or bit test; switched off,
//! the integer round trip comes back. Both versions run under qemu with the same result.

mod common;
use codegen_api::TargetOs;
use common::*;

const CONDITIONS: &str = r#"il 0.2.0
func @classify(i64 %x) -> i64 {
entry(%x: i64):
  %p = alloca 8
  store i64, %p, %x
  %c = scmp_lt %x, 0
  %z = zext1 %c
  %n = isub.ovf 0, %z
  %t = trunc1 %n
  cbr %t, neg, rest
neg:
  ret 1
rest:
  %y = load i64, %p
  %d = scmp_gt %y, 100
  %dz = zext1 %d
  %dt = trunc1 %dz
  cbr %dt, big, small
big:
  ret 2
small:
  ret 3
}
func @main() -> i64 {
entry:
  %a = call @classify(-5)
  %b = call @classify(500)
  %c = call @classify(7)
  %ab = imul.ovf %a, 10
  %s = iadd.ovf %ab, %b
  %s10 = imul.ovf %s, 10
  %r = iadd.ovf %s10, %c
  ret %r
}
"#;

#[test]
fn basic_conditions_branch_on_the_compare() {
    let m = il::parse(CONDITIONS, "quality_bool.il").unwrap_or_else(|e| panic!("{e:?}"));
    il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
    // Not inlined, so `classify` keeps its branches.
    let on = without("inline");
    let asm = compile(&m, &on);
    let f = body(&asm, "classify");
    assert!(
        !f.contains("cset") && !f.contains("\tsub x") && !f.contains("tbz") && !f.contains("tbnz"),
        "{f}"
    );
    assert_eq!(f.matches("\tcmp x").count(), 2, "{f}");
    let mut off = on.clone();
    off.set_pass("bool-fold", false);
    let plain = compile(&m, &off);
    assert!(body(&plain, "classify").contains("cset"), "{plain}");
    // classify: -5 → 1, 500 → 2, 7 → 3.
    expect_exit(
        &m,
        &[
            ("quality_bool", on),
            ("quality_bool_off", off),
            ("quality_bool_inlined", opts(TargetOs::Linux)),
        ],
        123,
    );
    assemble_darwin("quality_bool", &m);
}
