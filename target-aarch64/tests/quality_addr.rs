//! `addr-fold`: constant address arithmetic (`gep p, k`) is folded into the offset of the load
//! or store that uses it, chains included; switched off, the `add` comes back. Both versions run
//! under qemu and compute the same result.

mod common;
use codegen_api::TargetOs;
use common::*;

const FIELDS: &str = r#"il 0.2.0
func @fields(ptr %p) -> i64 {
entry(%p: ptr):
  %a = gep %p, 8
  store i64, %a, 40
  %b = gep %p, 16
  %c = gep %b, 8
  store i64, %c, 2
  %x = load i64, %a
  %y = load i64, %c
  %n = gep %p, -8
  %z = load i64, %n
  %s = iadd.ovf %x, %y
  %t = iadd.ovf %s, %z
  ret %t
}
func @main() -> i64 {
entry:
  %m = alloca 64
  %q = gep %m, 8
  store i64, %m, 7
  %r = call @fields(%q)
  ret %r
}
"#;

#[test]
fn offsets_fold_into_loads_and_stores() {
    let m = il::parse(FIELDS, "quality_addr.il").unwrap_or_else(|e| panic!("{e:?}"));
    il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
    let asm = compile(&m, &opts(TargetOs::Linux));
    let f = body(&asm, "fields");
    assert!(f.contains("#8]") && f.contains("#24]"), "{f}");
    assert!(f.contains("ldur x") && f.contains("#-8]"), "{f}");
    // Address arithmetic (not the `add …, :lo12:` of symbol addresses in the trap stubs).
    let arith = |text: &str| {
        text.lines()
            .filter(|l| l.starts_with("\tadd ") && !l.contains(":lo12:"))
            .count()
    };
    assert_eq!(arith(f), 0, "address arithmetic left in:\n{f}");
    let off = without("addr-fold");
    let plain = compile(&m, &off);
    assert!(arith(body(&plain, "fields")) >= 2, "{plain}");
    for (name, o) in [
        ("quality_addr", opts(TargetOs::Linux)),
        ("quality_addr_off", off),
    ] {
        if let Some(r) = run_with(name, &m, &o) {
            // 40 + 2 + 7 (the word before the field block).
            assert_eq!(r.code, 49, "{name}: {}", r.stderr);
        }
    }
    assemble_darwin("quality_addr", &m);
}
