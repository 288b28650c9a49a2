//! Lowering: an integer operation with an identity constant — `x | 0`, `x ^ 0`, `x & -1`, a
//! shift by 0, 64 or 128 (counts are taken mod 64), and the checked `iadd.ovf x, 0`,
//! `isub.ovf x, 0` and `imul.ovf x, 1`, which cannot overflow — is a copy, which the copy
//! folding and the allocator remove: the function below is just its return. The program runs
//! under qemu with every identity applied to a value only known at run time.

mod common;
use codegen_api::TargetOs;
use common::*;

const IDS: &str = r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @ids(i64 %a) -> i64 {
entry(%a: i64):
  %b = shl %a, 0
  %c = iadd.ovf %b, 0
  %d = xor %c, 0
  %e = lshr %d, 64
  %f = or %e, 0
  %g = and %f, -1
  %h = imul.ovf %g, 1
  %j = isub.ovf %h, 0
  %k = ashr %j, 128
  ret %k
}
func @main() -> i64 {
entry:
  %x = call @ids(-12345)
  call @Viper.Terminal.SayInt(%x)
  %y = call @ids(9223372036854775807)
  call @Viper.Terminal.SayInt(%y)
  ret 0
}
"#;

#[test]
fn identity_operations_are_copies() {
    let m = il::parse(IDS, "quality_identity.il").unwrap_or_else(|e| panic!("{e:?}"));
    il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
    let asm = compile(&m, &opts(TargetOs::Linux));
    let f = body(&asm, "ids");
    let insns: Vec<&str> = f
        .lines()
        .filter(|l| l.starts_with('\t') && !l.starts_with("\t."))
        .collect();
    assert_eq!(insns, ["\tret"], "{f}");
    if let Some(r) = run_with("quality_identity", &m, &opts(TargetOs::Linux)) {
        assert_eq!(r.stdout, "-12345\n9223372036854775807\n", "{}", r.stderr);
        assert_eq!(r.code, 0);
    }
    assemble_darwin("quality_identity", &m);
}
