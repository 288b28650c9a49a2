//! `long-ranges`: a function whose (block, live value) pairs would be quadratic in its size — a
//! deep nest of loops whose headers each define a value read by their latch, after the whole
//! inner nest — has those values go through a frame slot, so liveness stays within blocks. A
//! small nest of the same shape stays below the bound: its code is the same with the pass on
//! and off. Every version runs under qemu with the result the shape computes.

mod common;
use codegen_api::{OptLevel, TargetOs};
use common::*;

/// The nest of `n` loops (bench/gen_module.py `--value-nest`) and its exit code.
fn value_nest(n: usize) -> (String, i32) {
    let mut out = vec![
        "il 0.2.0".to_string(),
        "func @main() -> i64 {".into(),
        "entry:".into(),
        "  br h0(0, 0)".into(),
    ];
    let mut total = 0usize;
    for k in 0..n {
        let c = k % 7 + 1;
        total += c;
        out.push(format!("h{k}(%i{k}: i64, %a{k}: i64):"));
        out.push(format!("  %v{k} = iadd.ovf %i{k}, {c}"));
        if k % 4 == 0 {
            out.push(format!("  %f{k} = sitofp %v{k}"));
        }
        out.push(format!("  %c{k} = scmp_lt %i{k}, 1"));
        out.push(format!("  cbr %c{k}, b{k}(%a{k}), x{k}(%a{k})"));
        out.push(format!("b{k}(%s{k}: i64):"));
        if k + 1 < n {
            out.push(format!("  br h{}(0, %s{k})", k + 1));
        } else {
            out.push(format!("  br x{}(%s{k})", k + 1));
        }
        out.push(format!("x{}(%t{k}: i64):", k + 1));
        out.push(format!("  %q{k} = iadd.ovf %v{k}, 0"));
        if k % 4 == 0 {
            out.push(format!("  %g{k} = cast.fp_to_si.rte.chk %f{k}"));
            out.push(format!("  %u{k} = iadd.ovf %t{k}, %g{k}"));
        } else {
            out.push(format!("  %u{k} = iadd.ovf %t{k}, %v{k}"));
        }
        out.push(format!("  br h{k}(%q{k}, %u{k})"));
    }
    out.push("x0(%r: i64):".into());
    out.push("  ret %r".into());
    out.push("}".into());
    (out.join("\n") + "\n", (total & 255) as i32)
}

fn module(n: usize) -> (il::Module, i32) {
    let (text, rc) = value_nest(n);
    let m = il::parse(&text, "quality_long_ranges.il").unwrap_or_else(|e| panic!("{e:?}"));
    il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
    (m, rc)
}

#[test]
fn a_deep_nest_of_loop_values_goes_through_the_frame() {
    // 1500 loops: ~3.4M (block, live value) pairs, over the bound (2M + 64 per instruction).
    let (m, rc) = module(1500);
    let on = opts(TargetOs::Linux);
    let off = without("long-ranges");
    let with = compile(&m, &on);
    let plain = compile(&m, &off);
    assert_ne!(
        with, plain,
        "long-ranges changed nothing in a 1500-deep nest"
    );
    let mut o0 = on.clone();
    o0.opt_level = OptLevel::O0;
    expect_exit(
        &m,
        &[
            ("quality_long_ranges", on),
            ("quality_long_ranges_off", off),
            ("quality_long_ranges_o0", o0),
        ],
        rc,
    );
    assemble_darwin("quality_long_ranges", &m);
}

#[test]
fn a_small_nest_is_left_alone() {
    let (m, rc) = module(60);
    let with = compile(&m, &opts(TargetOs::Linux));
    let plain = compile(&m, &without("long-ranges"));
    assert_eq!(with, plain, "long-ranges changed a 60-deep nest");
    if let Some(r) = run_with("quality_long_ranges_small", &m, &opts(TargetOs::Linux)) {
        assert_eq!(r.code, rc, "{}", r.stderr);
    }
}
