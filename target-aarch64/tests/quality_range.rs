//! `range-elim` and `idx-chk-imm`: in a counted loop the index is proven in bounds, so its
//! `idx.chk`, the `imul.ovf` that scales it and the `iadd.ovf` that steps it lose their checks;
//! an `idx.chk` of an unknown index keeps its check (one unsigned immediate compare with
//! `idx-chk-imm`) and still traps Bounds at its own site and line. Every variant (both on, each
//! off) runs under qemu with the same output and the same trap message.

mod common;
use codegen_api::TargetOs;
use common::*;

const WALK: &str = r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @walk(ptr %a, i64 %n) -> i64 {
entry(%a: ptr, %n: i64):
  br loop(%a, %n, 0, 0)
loop(%p: ptr, %m: i64, %i: i64, %s: i64):
  %done = scmp_ge %i, 100
  cbr %done, tail(%p, %m, %s), body(%p, %m, %i, %s)
body(%bp: ptr, %bm: i64, %bi: i64, %bs: i64):
  %k = idx.chk %bi, 0, 100
  %off = imul.ovf %k, 8
  %q = gep %bp, %off
  store i64, %q, %bi
  %t = iadd.ovf %bs, %bi
  %bi1 = iadd.ovf %bi, 1
  br loop(%bp, %bm, %bi1, %t)
tail(%tp: ptr, %tm: i64, %ts: i64):
  .loc 1 7 3
  %j = idx.chk %tm, 0, 100
  %joff = imul.ovf %j, 8
  %jq = gep %tp, %joff
  %v = load i64, %jq
  %r0 = iadd.ovf %ts, %v
  %r = iadd.ovf %r0, %tm
  ret %r
}
func @main() -> i64 {
entry:
  %a = alloca 800
  %x = call @walk(%a, 42)
  call @Viper.Terminal.SayInt(%x)
  %y = call @walk(%a, 100)
  call @Viper.Terminal.SayInt(%y)
  ret 0
}
"#;

/// Overflow and bounds checks in `text`: `b.vs` to a trap stub, the `smulh` of a checked
/// multiply, and the branches of `idx.chk` to a trap stub (`b.lt`/`b.ge` against registers,
/// `b.hs` for the immediate form).
fn checks(text: &str) -> (usize, usize, usize) {
    let to_trap = |p: &str| {
        text.lines()
            .filter(|l| l.trim_start().starts_with(p) && l.contains("_t"))
            .count()
    };
    let smulh = text.lines().filter(|l| l.contains("smulh")).count();
    (
        to_trap("b.vs"),
        smulh,
        to_trap("b.hs") + to_trap("b.lt") + to_trap("b.ge"),
    )
}

#[test]
fn a_counted_loop_loses_its_checks_and_an_unknown_index_still_traps() {
    let m = il::parse(WALK, "quality_range.il").unwrap_or_else(|e| panic!("{e:?}"));
    il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
    let asm = compile(&m, &opts(TargetOs::Linux));
    let f = body(&asm, "walk");
    // Left: the sum's add (unbounded), the tail's idx.chk (unknown %n), its lsl and two adds.
    // The loop's idx.chk, imul.ovf and index step are gone; the tail's multiply is proven by its
    // idx.chk.
    assert_eq!(checks(f), (3, 0, 1), "{f}");
    assert!(f.contains("cmp x") && f.contains(", #100\n\tb.hs"), "{f}");
    // With lo = 0 the checked index is the index itself: no copy after the check, though
    // both stay live (%tm is added at the end).
    let after_check = f.lines().skip_while(|l| !l.starts_with("\tb.hs")).nth(1);
    assert!(after_check.is_some_and(|l| !l.starts_with("\tmov ")), "{f}");
    let no_range = without("range-elim");
    let plain = compile(&m, &no_range);
    let pf = body(&plain, "walk");
    assert_eq!(checks(pf), (4, 2, 2), "{pf}");
    let no_imm = without("idx-chk-imm");
    let regs = compile(&m, &no_imm);
    let rf = body(&regs, "walk");
    assert!(!rf.contains("b.hs"), "{rf}");
    for (name, o) in [
        ("quality_range", opts(TargetOs::Linux)),
        ("quality_range_no_range", no_range),
        ("quality_range_no_imm", no_imm),
    ] {
        if let Some(r) = run_with(name, &m, &o) {
            // 0 + 1 + … + 99 = 4950, plus a[42] = 42 and 42; then @walk(…, 100) traps in `tail`.
            assert_eq!(r.stdout, "5034\n", "{name}: {}", r.stderr);
            assert_eq!(r.code, 1, "{name}");
            assert!(
                r.stderr.contains("Trap @walk:tail#0 line 7: Bounds"),
                "{name}: {}",
                r.stderr
            );
        }
    }
    assemble_darwin("quality_range", &m);
}

/// A loop counting down past a checked bound: the subtraction may go below the `idx.chk` lower
/// bound on the last round, so that check must stay and trap.
const DOWN: &str = r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @main() -> i64 {
entry:
  %a = alloca 80
  br loop(%a, 9, 0)
loop(%p: ptr, %i: i64, %s: i64):
  %k = idx.chk %i, 0, 10
  %off = shl %k, 3
  %q = gep %p, %off
  %v = load i64, %q
  %t = iadd.ovf %s, %v
  %t1 = iadd.ovf %t, %i
  call @Viper.Terminal.SayInt(%i)
  %i1 = isub.ovf %i, 3
  %more = scmp_ge %i, -5
  cbr %more, loop(%p, %i1, %t1), done(%t1)
done(%r: i64):
  ret %r
}
"#;

#[test]
fn a_check_that_can_fire_is_kept() {
    let m = il::parse(DOWN, "quality_range_down.il").unwrap_or_else(|e| panic!("{e:?}"));
    il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
    for (name, o) in [
        ("quality_range_down", opts(TargetOs::Linux)),
        ("quality_range_down_off", without("range-elim")),
    ] {
        let asm = compile(&m, &o);
        assert!(body(&asm, "main.1").contains("b.hs"), "{name}: {asm}");
        if let Some(r) = run_with(name, &m, &o) {
            assert_eq!(r.stdout, "9\n6\n3\n0\n", "{name}: {}", r.stderr);
            assert_eq!(r.code, 1, "{name}");
            assert!(r.stderr.contains("Bounds"), "{name}: {}", r.stderr);
        }
    }
}

/// A loop over a 30000-byte array whose index the range analysis cannot bound (it steps by a
/// parameter): the check stays, and its length (no compare immediate holds 30000) is a
/// register the loop's own bound already holds, not a `mov` into a scratch register on every
/// round. The last round's index is out of bounds and traps.
const LONG: &str = r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @mark(ptr %a, i64 %step, i64 %end) -> i64 {
entry(%a: ptr, %step: i64, %end: i64):
  br loop(%a, %step, %end, 0, 0)
loop(%p: ptr, %d: i64, %e: i64, %j: i64, %n: i64):
  %done = scmp_ge %j, %e
  cbr %done, out(%n), body(%p, %d, %e, %j, %n)
body(%bp: ptr, %bd: i64, %be: i64, %bj: i64, %bn: i64):
  %k = idx.chk %bj, 0, 30000
  %q = gep %bp, %k
  store i1, %q, true
  %j1 = iadd.ovf %bj, %bd
  %n1 = iadd.ovf %bn, 1
  br loop(%bp, %bd, %be, %j1, %n1)
out(%r: i64):
  ret %r
}
func @main() -> i64 {
entry:
  %a = alloca 30000
  %x = call @mark(%a, 7, 30000)
  call @Viper.Terminal.SayInt(%x)
  %y = call @mark(%a, 7, 30003)
  call @Viper.Terminal.SayInt(%y)
  ret 0
}
"#;

#[test]
fn a_long_bound_is_a_register_not_a_scratch_move_per_check() {
    let m = il::parse(LONG, "quality_range_long.il").unwrap_or_else(|e| panic!("{e:?}"));
    il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
    let asm = compile(&m, &opts(TargetOs::Linux));
    let f = body(&asm, "mark");
    assert!(!f.contains("x17"), "{f}");
    let hs = f
        .lines()
        .position(|l| l.starts_with("\tb.hs"))
        .expect("the check stays");
    let cmp = f.lines().nth(hs - 1).unwrap_or_default();
    assert!(cmp.starts_with("\tcmp x") && !cmp.contains('#'), "{f}");
    for (name, o) in [
        ("quality_range_long", opts(TargetOs::Linux)),
        ("quality_range_long_no_imm", without("idx-chk-imm")),
    ] {
        if let Some(r) = run_with(name, &m, &o) {
            // ceil(30000 / 7) = 4286 stores; then the same, and the next index, 30002, traps.
            assert_eq!(r.stdout, "4286\n", "{name}: {}", r.stderr);
            assert_eq!(r.code, 1, "{name}");
            assert!(r.stderr.contains("Bounds"), "{name}: {}", r.stderr);
        }
    }
    assemble_darwin("quality_range_long", &m);
}
