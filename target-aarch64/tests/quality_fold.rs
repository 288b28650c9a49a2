//! `operand-fold`: a shift feeding `add`/`eor`/`orr` becomes the instruction's shifted operand,
//! and an element address `gep p, i << 3` becomes a scaled register-offset load or store
//! (`ldr x, [p, i, lsl #3]`) for every width; switched off, the `lsl` and the `add` come back.
//! Both versions run under qemu and print the same values.

mod common;
use codegen_api::TargetOs;
use common::*;

const MIX: &str = r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @mix(ptr %a, i64 %i, i64 %x) -> i64 {
entry(%a: ptr, %i: i64, %x: i64):
  %s = shl %x, 13
  %y = xor %x, %s
  %r = lshr %y, 7
  %z = or %r, %y
  %o8 = shl %i, 3
  %p8 = gep %a, %o8
  store i64, %p8, %z
  %o4 = shl %i, 2
  %p4 = gep %a, %o4
  %w:i32 = cast.si_narrow.chk 70000
  store i32, %p4, %w
  %o2 = shl %i, 1
  %p2 = gep %a, %o2
  %h:i16 = cast.si_narrow.chk -300
  store i16, %p2, %h
  %p1 = gep %a, %i
  store i1, %p1, true
  %v8 = load i64, %p8
  %v4 = load i32, %p4
  %v2 = load i16, %p2
  %v1 = load i1, %p1
  call @Viper.Terminal.SayInt(%v8)
  %c = alloca 8
  store i32, %c, %v4
  %v4w = load i64, %c
  call @Viper.Terminal.SayInt(%v4w)
  %d = alloca 8
  store i16, %d, %v2
  %v2w = load i64, %d
  call @Viper.Terminal.SayInt(%v2w)
  %b1 = zext1 %v1
  call @Viper.Terminal.SayInt(%b1)
  %fl = sitofp %v4w
  %of = shl %i, 3
  %pf = gep %a, %of
  store f64, %pf, %fl
  %g = load f64, %pf
  %gi = cast.fp_to_si.rte.chk %g
  ret %gi
}
func @main() -> i64 {
entry:
  %a = alloca 256
  %r = call @mix(%a, 5, 12345)
  call @Viper.Terminal.SayInt(%r)
  ret 0
}
"#;

#[test]
fn shifts_and_element_addresses_fold_into_operands() {
    let m = il::parse(MIX, "quality_fold.il").unwrap_or_else(|e| panic!("{e:?}"));
    il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
    let asm = compile(&m, &opts(TargetOs::Linux));
    let f = body(&asm, "mix");
    for form in [
        "eor x",
        ", lsl #13\n",
        ", lsr #7\n",
        "lsl #3]",
        "lsl #2]",
        "lsl #1]",
        "strb w",
    ] {
        assert!(f.contains(form), "missing {form:?}:\n{f}");
    }
    assert!(f.contains("\tstr d") && f.contains("\tldr d"), "{f}");
    let shifts = |t: &str| t.lines().filter(|l| l.starts_with("\tlsl ")).count();
    assert_eq!(shifts(f), 0, "{f}");
    let off = without("operand-fold");
    let plain = compile(&m, &off);
    let pf = body(&plain, "mix");
    assert!(shifts(pf) >= 4 && !pf.contains("lsl #3]"), "{pf}");
    for (name, o) in [
        ("quality_fold", opts(TargetOs::Linux)),
        ("quality_fold_off", off),
    ] {
        if let Some(r) = run_with(name, &m, &o) {
            // z = (y >> 7) | y with y = x ^ (x << 13); the i32 and i16 come back through
            // zeroed 8-byte slots (-300 as 0xFEC4); 70000 through an f64 element.
            let x: i64 = 12345;
            let y = x ^ (x << 13);
            let z = (y >> 7) | y;
            assert_eq!(
                r.stdout,
                format!("{z}\n70000\n65236\n1\n70000\n"),
                "{name}: {}",
                r.stderr
            );
            assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        }
    }
    assemble_darwin("quality_fold", &m);
}
