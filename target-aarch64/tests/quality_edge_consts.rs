//! `edge-consts`: a switch (or a two-way branch to one block) that passes a constant per case sets
//! each constant in its case's edge block, not all of them before the dispatch. Switched off, the
//! constants come back in front of the jump table (live across it: with many cases they spill).
//! Both versions run under qemu and print the same values, the default case included.

mod common;
use codegen_api::TargetOs;
use common::*;

/// `@pick` returns 100 + 3·k for case k of a dense switch (0..=15), -1 for anything else; `@two`
/// passes 7 or 9 to one block from a two-way branch (both edges critical).
const SW: &str = r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @pick(i64 %v) -> i64 {
entry(%v: i64):
  %s:i32 = cast.si_narrow.chk %v
  switch.i32 %s, ^c(%v, -1), 0 -> ^c(%v, 100), 1 -> ^c(%v, 103), 2 -> ^c(%v, 106), 3 -> ^c(%v, 109), 4 -> ^c(%v, 112), 5 -> ^c(%v, 115), 6 -> ^c(%v, 118), 7 -> ^c(%v, 121), 8 -> ^c(%v, 124), 9 -> ^c(%v, 127), 10 -> ^c(%v, 130), 11 -> ^c(%v, 133), 12 -> ^c(%v, 136), 13 -> ^c(%v, 139), 14 -> ^c(%v, 142), 15 -> ^c(%v, 145)
c(%w: i64, %d: i64):
  %u = iadd.ovf %d, %w
  %r = isub.ovf %u, %w
  ret %r
}
func @two(i64 %v) -> i64 {
entry(%v: i64):
  %odd = and %v, 1
  %c = icmp_ne %odd, 0
  cbr %c, j(%v, 7), j(%v, 9)
j(%x: i64, %k: i64):
  %r = imul.ovf %x, %k
  ret %r
}
func @main() -> i64 {
entry:
  br loop(-2)
loop(%i: i64):
  %done = scmp_gt %i, 17
  cbr %done, out, body(%i)
body(%j: i64):
  %p = call @pick(%j)
  call @Viper.Terminal.SayInt(%p)
  %t = call @two(%j)
  call @Viper.Terminal.SayInt(%t)
  %j1 = iadd.ovf %j, 1
  br loop(%j1)
out:
  ret 0
}
"#;

/// Where the first of `@pick`'s case constants (#100 .. #145) is written, relative to the
/// indirect branch of the jump table: true when every one comes after it.
fn constants_after_dispatch(f: &str) -> bool {
    let dispatch = f.find("\tbr x").expect("a jump table");
    (0..16).all(|k| {
        let c = format!(", #{}, lsl #0\n", 100 + 3 * k);
        f.find(&c).is_some_and(|at| at > dispatch)
    })
}

#[test]
fn case_constants_are_set_in_their_cases() {
    let m = il::parse(SW, "quality_edge_consts.il").unwrap_or_else(|e| panic!("{e:?}"));
    il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
    let asm = compile(&m, &opts(TargetOs::Linux));
    let f = body(&asm, "pick");
    assert!(constants_after_dispatch(f), "{f}");
    let t = body(&asm, "two");
    // The first conditional branch (`b.cond`, `tbz`/`tbnz` or `cbz`/`cbnz`).
    let branch = ["\tb.", "\ttb", "\tcb"]
        .iter()
        .filter_map(|b| t.find(b))
        .min()
        .expect("a branch");
    for k in ["#7, lsl #0\n", "#9, lsl #0\n"] {
        assert!(t.find(k).is_some_and(|at| at > branch), "{k}: {t}");
    }
    let off = without("edge-consts");
    let plain = compile(&m, &off);
    let pf = body(&plain, "pick");
    assert!(!constants_after_dispatch(pf), "{pf}");
    let want: String = (-2..=17)
        .map(|x: i64| {
            let p = if (0..16).contains(&x) {
                100 + 3 * x
            } else {
                -1
            };
            let t = x * if x & 1 != 0 { 7 } else { 9 };
            format!("{p}\n{t}\n")
        })
        .collect();
    for (name, o) in [
        ("quality_edge_consts", opts(TargetOs::Linux)),
        ("quality_edge_consts_off", off),
    ] {
        if let Some(r) = run_with(name, &m, &o) {
            assert_eq!(r.stdout, want, "{name}: {}", r.stderr);
            assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        }
    }
    assemble_darwin("quality_edge_consts", &m);
}

/// The linear scan (what huge functions get) sets each case's constant straight into the
/// register of the parameter it is passed to (a hint from the joining block's parameter), so a
/// case is `movz`, the other argument's move and the branch, with no copy of the constant.
#[test]
fn the_linear_scan_sets_case_constants_in_their_parameter_register() {
    let m = il::parse(SW, "quality_edge_consts_linear.il").unwrap_or_else(|e| panic!("{e:?}"));
    let mut o = opts(TargetOs::Linux);
    o.regalloc = Some("linear".into());
    let asm = compile(&m, &o);
    let f = body(&asm, "pick");
    let lines: Vec<&str> = f.lines().collect();
    let mut cases = 0;
    for (k, l) in lines.iter().enumerate() {
        let Some(rest) = l.strip_prefix("\tmovz x") else {
            continue;
        };
        let Some((reg, imm)) = rest.split_once(", #") else {
            continue;
        };
        let c: i64 = imm.trim_end_matches(", lsl #0").parse().unwrap_or(0);
        if !(100..=145).contains(&c) {
            continue;
        }
        cases += 1;
        let copy = format!(", x{reg}");
        assert!(
            !lines[k + 1].starts_with("\tmov x") || !lines[k + 1].ends_with(&copy),
            "case constant {c} copied: {}\n{f}",
            lines[k + 1]
        );
    }
    assert_eq!(cases, 16, "{f}");
    if let Some(r) = run_with("quality_edge_consts_linear", &m, &o) {
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stdout.starts_with("-1\n-18\n-1\n-7\n100\n0\n103\n7\n"),
            "{}",
            r.stdout
        );
    }
}
