//! End-to-end tests of native exception handling (IL-SPEC §7.10): modules built programmatically,
//! compiled for Linux, linked with the real runtime (runtime/src) and run under qemu; every test
//! also assembles the Darwin output with llvm-mc.
mod common;
mod eh_util;
use common::*;
use eh_util::run_rt;
use il::{BlockId, Opcode, Opcode::*, Type::*, ValueId};

/// A handler block `label(%err: Error, %tok: ResumeTok)` starting with `eh.entry`.
fn handler(fb: &mut FB, label: &str) -> (BlockId, ValueId, ValueId) {
    let h = fb.block(label, &[Error, ResumeTok]);
    fb.op(h, EhEntry, Void, vec![]);
    let p = fb.params(h);
    (h, p[0], p[1])
}
fn push(fb: &mut FB, b: BlockId, h: BlockId) {
    fb.term(b, EhPush, vec![], vec![(h, vec![])]);
}
fn pop(fb: &mut FB, b: BlockId) {
    fb.op(b, EhPop, Void, vec![]);
}
fn resume(fb: &mut FB, b: BlockId, op: Opcode, tok: ValueId) {
    fb.term(b, op, vec![v(tok)], vec![]);
}
fn resume_label(fb: &mut FB, b: BlockId, tok: ValueId, t: BlockId, args: Vec<il::Operand>) {
    fb.term(b, ResumeLabel, vec![v(tok)], vec![(t, args)]);
}
/// `%r:i64` = the i32 `x` widened (sign-extended; registers keep i32 sign-extended).
fn widen(fb: &mut FB, b: BlockId, x: ValueId) -> ValueId {
    let slot = fb.op(b, Alloca, Ptr, vec![i(8)]);
    fb.store(b, I64, v(slot), i(0));
    fb.store(b, I32, v(slot), v(x));
    fb.op(b, Load, I64, vec![v(slot)])
}

fn check(name: &str, mb: &MB, stdout: &str, code: i32) {
    check_stack(name, mb, stdout, code, None);
}
fn check_stack(name: &str, mb: &MB, stdout: &str, code: i32, stack: Option<u64>) {
    if std::env::var("EH_DUMP").is_ok_and(|d| d == name) {
        eprintln!("{}", compile(&mb.m, &opts(codegen_api::TargetOs::Linux)));
    }
    if let Some(r) = run_rt(name, &mb.m, stack) {
        assert_eq!(r.stdout, stdout, "stdout of {name}; stderr: {}", r.stderr);
        assert_eq!(r.code, code, "exit code of {name}; stderr: {}", r.stderr);
    }
    assemble_darwin(name, &mb.m);
}

/// IL-SPEC §13 example 7.
fn example7() -> MB {
    let mut mb = MB::new();
    let mut fb = FB::new(&mut mb, "safe_div", &[I64, I64], I64);
    let e = BlockId(0);
    let ab = fb.params(e);
    let (h, err, tok) = handler(&mut fb, "on_err");
    let done = fb.block("done", &[I64]);
    push(&mut fb, e, h);
    let q = fb.op(e, SDivChk0, I64, vec![v(ab[0]), v(ab[1])]);
    pop(&mut fb, e);
    fb.br(e, done, vec![v(q)]);
    let kind = fb.op(h, ErrGetKind, I32, vec![v(err)]);
    let k64 = widen(&mut fb, h, kind);
    let code = fb.op(h, ISubOvf, I64, vec![i(-1000), v(k64)]);
    resume_label(&mut fb, h, tok, done, vec![v(code)]);
    let r = fb.params(done)[0];
    fb.ret(done, Some(v(r)));
    mb.add(fb);
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    let x = fb.call(&mut mb, e, "safe_div", I64, vec![i(84), i(2)]);
    fb.say(&mut mb, e, v(x));
    let y = fb.call(&mut mb, e, "safe_div", I64, vec![i(1), i(0)]);
    fb.say(&mut mb, e, v(y));
    let z = fb.call(&mut mb, e, "safe_div", I64, vec![i(i64::MIN), i(-1)]);
    fb.say(&mut mb, e, v(z));
    fb.ret(e, Some(i(0)));
    mb.add(fb);
    mb
}

#[test]
fn spec_example7_resume_label() {
    check("ex7", &example7(), "42\n-1000\n-1001\n", 0);
}
