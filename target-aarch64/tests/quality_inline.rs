//! `inline` (IL pass, -O2): calls to small module functions disappear from the caller, the
//! program prints the same with the pass on and off, and a trap inside an inlined callee prints
//! exactly the interpreter's message — the callee's function, block, index and `.loc` line —
//! with the same exit code.

mod common;
use codegen_api::TargetOs;
use common::*;

const PROG: &str = r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @add3(i64 %a, i64 %b, i64 %c) -> i64 {
entry(%a: i64, %b: i64, %c: i64):
  %t = iadd.ovf %a, %b
  %u = iadd.ovf %t, %c
  ret %u
}
func @pick(i64 %x) -> i64 {
entry(%x: i64):
  %n = scmp_lt %x, 0
  cbr %n, neg(%x), pos(%x)
neg(%nx: i64):
  %m = isub.ovf 0, %nx
  ret %m
pos(%px: i64):
  ret %px
}
func @main() -> i64 {
entry:
  br loop(-5, 0)
loop(%i: i64, %s: i64):
  %a = call @add3(%i, %i, 1)
  %p = call @pick(%a)
  %s1 = iadd.ovf %s, %p
  %i1 = iadd.ovf %i, 1
  %d = scmp_ge %i1, 5
  cbr %d, out(%s1), loop(%i1, %s1)
out(%r: i64):
  call @Viper.Terminal.SayInt(%r)
  ret 0
}
"#;

const TRAPS: &str = r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @scale(i64 %x, i64 %k) -> i64 {
entry(%x: i64, %k: i64):
  %z = icmp_eq %k, 0
  cbr %z, zero, go(%x, %k)
zero:
  ret 0
go(%gx: i64, %gk: i64):
  %h = iadd.ovf %gx, 1
  .loc 1 17 5
  %r = imul.ovf %h, %gk
  ret %r
}
func @main() -> i64 {
entry:
  br loop(1)
loop(%v: i64):
  %w = call @scale(%v, 1000000)
  call @Viper.Terminal.SayInt(%w)
  %big = scmp_gt %w, 0
  cbr %big, loop(%w), done
done:
  ret 0
}
"#;

fn module(src: &str) -> il::Module {
    let m = il::parse(src, "quality_inline.il").unwrap_or_else(|e| panic!("{e:?}"));
    il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
    m
}

fn calls(text: &str) -> usize {
    text.lines()
        .map(str::trim_start)
        // Calls of functions: not the trap stubs' calls of their shared tails (local labels).
        .filter(|l| l.starts_with("bl ") && !l.contains("vpr_trap") && !l.starts_with("bl .L"))
        .count()
}

#[test]
fn small_callees_are_inlined_and_the_output_is_unchanged() {
    let m = module(PROG);
    let on = compile(&m, &opts(TargetOs::Linux));
    let off = compile(&m, &without("inline"));
    // Off: add3, pick and SayInt are called; on: only SayInt.
    assert_eq!(calls(body(&off, "main.1")), 3, "{}", body(&off, "main.1"));
    assert_eq!(calls(body(&on, "main.1")), 1, "{}", body(&on, "main.1"));
    let vm = il_interp::run(&m).expect("interpreter runs");
    for o in [opts(TargetOs::Linux), without("inline")] {
        let Some(r) = run_with("inline_prog", &m, &o) else {
            return;
        };
        assert_eq!(r.stdout.as_bytes(), vm.stdout.as_slice());
        assert_eq!(r.code, vm.exit_code);
    }
}

#[test]
fn a_trap_in_an_inlined_callee_names_the_callee() {
    let m = module(TRAPS);
    let on = compile(&m, &opts(TargetOs::Linux));
    assert_eq!(calls(body(&on, "main.1")), 1, "{}", body(&on, "main.1"));
    let vm = il_interp::run(&m).expect("interpreter runs");
    let trap = vm.trap.as_ref().expect("the program traps").message();
    assert_eq!(
        trap,
        "Trap @scale:go#1 line 17: Overflow (code=0): integer overflow in imul.ovf"
    );
    for o in [opts(TargetOs::Linux), without("inline")] {
        let Some(r) = run_with("inline_trap", &m, &o) else {
            return;
        };
        assert_eq!(r.stdout.as_bytes(), vm.stdout.as_slice());
        assert_eq!(r.stderr.trim_end(), trap);
        assert_eq!(r.code, vm.exit_code);
    }
}
