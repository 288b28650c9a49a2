//! `mask-fold`: a 32-bit rotate masked to 32 bits and then xor-ed and masked again keeps only the
//! last `and` (the first cannot change the kept bits); a mask wider than the first is not a
//! subset, so that one stays. Switched off, both `and`s come back. Both versions run under qemu
//! and print the same values.

mod common;
use codegen_api::TargetOs;
use common::*;

const ROT: &str = r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @rot(i64 %g, i64 %x) -> i64 {
entry(%g: i64, %x: i64):
  %gl = shl %g, 5
  %gr = lshr %g, 27
  %gs = or %gl, %gr
  %gm = and %gs, 4294967295
  %gx = xor %gm, %x
  %g1 = and %gx, 4294967295
  %wm = and %g1, 65535
  %wx = or %wm, %x
  %w1 = and %wx, 16777215
  %r = xor %g1, %w1
  ret %r
}
func @main() -> i64 {
entry:
  %a = call @rot(4023233417, 81985529216486895)
  call @Viper.Terminal.SayInt(%a)
  %b = call @rot(-1, 3)
  call @Viper.Terminal.SayInt(%b)
  ret 0
}
"#;

fn rot(g: i64, x: i64) -> i64 {
    let gs = (g << 5) | ((g as u64) >> 27) as i64;
    let g1 = ((gs & 0xffff_ffff) ^ x) & 0xffff_ffff;
    let w1 = ((g1 & 0xffff) | x) & 0xff_ffff;
    g1 ^ w1
}

#[test]
fn a_mask_under_a_narrower_later_mask_goes() {
    let m = il::parse(ROT, "quality_mask.il").unwrap_or_else(|e| panic!("{e:?}"));
    il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
    let count = |t: &str, k: &str| t.lines().filter(|l| l.ends_with(k)).count();
    let asm = compile(&m, &opts(TargetOs::Linux));
    let f = body(&asm, "rot");
    // Kept: the last 32-bit mask, the 16-bit mask (not a superset of the 24-bit one that
    // follows it) and the 24-bit mask.
    assert_eq!(count(f, "#0xffffffff"), 1, "{f}");
    assert_eq!((count(f, "#0xffff"), count(f, "#0xffffff")), (1, 1), "{f}");
    let off = without("mask-fold");
    let plain = compile(&m, &off);
    let pf = body(&plain, "rot");
    assert_eq!(count(pf, "#0xffffffff"), 2, "{pf}");
    let want = format!("{}\n{}\n", rot(4023233417, 81985529216486895), rot(-1, 3));
    for (name, o) in [
        ("quality_mask", opts(TargetOs::Linux)),
        ("quality_mask_off", off),
    ] {
        if let Some(r) = run_with(name, &m, &o) {
            assert_eq!(r.stdout, want, "{name}: {}", r.stderr);
            assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        }
    }
    assemble_darwin("quality_mask", &m);
}
