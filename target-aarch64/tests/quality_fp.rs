//! Generated-code quality of float code: `const-hoist` of float constants, `fcmp-zero` and the
//! `fp-cvt-range` lowering of checked fp→int conversions. Each shows in the assembly, switching it
//! off removes it, results are the same either way, and the conversion traps keep their kinds
//! (NaN/Inf: InvalidCast, finite out of range: Overflow).
mod common;
use codegen_api::TargetOs;
use common::*;

/// A loop with float constants, a compare against 0.0 and a checked rounding conversion.
const LOOP: &str = r#"il 0.2.0

func @main() -> i64 {
entry:
  br loop(0, 0.0, 0)

loop(%i: i64, %acc: f64, %s: i64):
  %done = scmp_ge %i, 5000
  cbr %done, exit(%s), body(%i, %acc, %s)

body(%bi: i64, %bacc: f64, %bs: i64):
  %x = sitofp %bi
  %y = fmul %x, 0.37
  %z = fsub %y, 700.0
  %pos = fcmp_gt %z, 0.0
  cbr %pos, up(%bi, %bacc, %bs, %z), down(%bi, %bacc, %bs, %z)

up(%ui: i64, %uacc: f64, %us: i64, %uz: f64):
  %uacc1 = fadd %uacc, %uz
  br next(%ui, %uacc1, %us)

down(%di: i64, %dacc: f64, %ds: i64, %dz: f64):
  %dacc1 = fsub %dacc, 0.5
  br next(%di, %dacc1, %ds)

next(%ni: i64, %nacc: f64, %ns: i64):
  %k = cast.fp_to_si.rte.chk %nacc
  %ns1 = iadd.ovf %ns, %k
  %ni1 = iadd.ovf %ni, 1
  br loop(%ni1, %nacc, %ns1)

exit(%r: i64):
  %m = srem.chk0 %r, 251
  ret %m
}
"#;

/// The exit code of LOOP, computed the way the IL defines it.
fn expected() -> i32 {
    let (mut acc, mut s) = (0.0f64, 0i64);
    for i in 0..5000i64 {
        let z = i as f64 * 0.37 - 700.0;
        acc = if z > 0.0 { acc + z } else { acc - 0.5 };
        let r = acc.round_ties_even();
        s += r as i64;
    }
    (s % 251) as i32
}

fn parse(src: &str) -> il::Module {
    il::parse(src, "quality_fp.il").unwrap_or_else(|e| panic!("{e:?}"))
}

/// The instructions between the loop body's first `scvtf` and the back-edge compare.
fn loop_text(main: &str) -> &str {
    let start = main.find("scvtf").expect("loop body");
    &main[start..]
}

#[test]
fn float_loop_shape() {
    let m = parse(LOOP);
    let asm = compile(&m, &opts(TargetOs::Linux));
    let main = body(&asm, "main.1");
    // fcmp-zero: the compare against 0.0 uses the immediate form.
    assert!(main.contains("#0.0\n"), "{main}");
    // const-hoist: 0.37 (not an fmov immediate) is materialised once, before the loop.
    let hoisted = main.find("fmov").expect("fmov");
    assert!(hoisted < main.find("scvtf").unwrap_or(0), "{main}");
    assert!(!loop_text(main).contains("movk x16"), "{main}");
    // fp-cvt-range: no fabs/inf test on the fast path; the range test is two compares.
    let fast = &loop_text(main)[..loop_text(main).find("fcvtzs").expect("fcvtzs")];
    assert!(!fast.contains("fabs"), "{main}");
    assert!(main.contains("fabs"), "classifier out of line: {main}");
}

#[test]
fn float_passes_can_be_switched_off() {
    let m = parse(LOOP);
    let base = compile(&m, &opts(TargetOs::Linux));
    let want = expected();
    for pass in ["const-hoist", "fcmp-zero", "fp-cvt-range"] {
        let o = without(pass);
        let asm = compile(&m, &o);
        assert_ne!(asm, base, "switching off {pass} changed nothing");
        if let Some(r) = run_with(&format!("quality_fp_no_{pass}"), &m, &o) {
            assert_eq!(r.code, want, "{pass}: {}", r.stderr);
        }
    }
    if let Some(r) = run("quality_fp_all", &m) {
        assert_eq!(r.code, want, "{}", r.stderr);
    }
}

/// `cast.fp_to_si.rte.chk` of `x` (and, for the i32 form, `:i32`) inside a loop.
fn conversion(x: &str, ty: &str) -> il::Module {
    let src = format!(
        r#"il 0.2.0

func @main() -> i64 {{
entry:
  br loop(0)

loop(%i: i64):
  %done = scmp_ge %i, 3
  cbr %done, exit(%i), body(%i)

body(%bi: i64):
  %k{ty} = cast.fp_to_si.rte.chk {x}
  %n = iadd.ovf %bi, 1
  br loop(%n)

exit(%r: i64):
  ret %r
}}
"#
    );
    parse(&src)
}

#[test]
fn conversion_traps_keep_their_kinds() {
    let cases = [
        ("NaN", "", Some("InvalidCast")),
        ("inf", "", Some("InvalidCast")),
        ("-inf", "", Some("InvalidCast")),
        ("1e19", "", Some("Overflow")),
        ("-9.3e18", "", Some("Overflow")),
        ("9223372036854775807.0", "", Some("Overflow")),
        ("-9223372036854775808.0", "", None),
        ("2147483647.4", ":i32", None),
        ("2147483647.5", ":i32", Some("Overflow")),
        ("-2147483648.5", ":i32", None),
        ("-2147483648.6", ":i32", Some("Overflow")),
        ("32767.5", ":i16", Some("Overflow")),
        ("-32768.5", ":i16", None),
    ];
    for (k, (x, ty, trap)) in cases.iter().enumerate() {
        let m = conversion(x, ty);
        for o in [opts(TargetOs::Linux), without("fp-cvt-range")] {
            let name = format!(
                "quality_fp_cvt_{k}_{}",
                o.setting(&target_aarch64::settings::FP_CVT_RANGE)
            );
            let Some(r) = run_with(&name, &m, &o) else {
                return;
            };
            match trap {
                Some(kind) => {
                    assert_eq!(r.code, 1, "{x}{ty}: {}", r.stderr);
                    assert!(r.stderr.contains(kind), "{x}{ty}: {}", r.stderr);
                }
                None => assert_eq!(r.code, 3, "{x}{ty}: {}", r.stderr),
            }
        }
    }
}
