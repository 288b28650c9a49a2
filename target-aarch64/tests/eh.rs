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

/// Three threads trap and catch at the same time, each in its own handlers, which read
/// `trap.kind`: the EH chain and the trap kind are per thread (with process-wide ones the
/// interleaving loses records — an unhandled trap — or shows a handler another thread's kind).
#[test]
fn eh_on_several_threads_at_once() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/eh_threads/prog.il");
    let src = std::fs::read_to_string(path).expect("eh_threads/prog.il");
    let m = il::parse(&src, path).expect("parses");
    il::verify(&m).expect("verifies");
    if let Some(r) = run_rt("eh_threads", &m, None) {
        assert_eq!(
            (r.stdout.as_str(), r.code),
            ("4000", 0),
            "stderr: {}",
            r.stderr
        );
    }
    assemble_darwin("eh_threads", &m);
}

#[test]
fn spec_example7_resume_label() {
    check("ex7", &example7(), "42\n-1000\n-1001\n", 0);
}

/// `@probe_N()`: push H; run `body` (which must trap); pop; ret -1. H prints kind and code and
/// resumes to `done(100 * kind + code)`.
fn probe(mb: &mut MB, name: &str, body: impl FnOnce(&mut FB, &mut MB, BlockId)) {
    let mut fb = FB::new(mb, name, &[], I64);
    let e = BlockId(0);
    let (h, err, tok) = handler(&mut fb, "h");
    let done = fb.block("done", &[I64]);
    push(&mut fb, e, h);
    body(&mut fb, mb, e);
    pop(&mut fb, e);
    fb.br(e, done, vec![i(-1)]);
    let kind = fb.op(h, ErrGetKind, I32, vec![v(err)]);
    let code = fb.op(h, ErrGetCode, I32, vec![v(err)]);
    let k = widen(&mut fb, h, kind);
    let c = widen(&mut fb, h, code);
    let k100 = fb.op(h, IMulOvf, I64, vec![v(k), i(100)]);
    let r = fb.op(h, IAddOvf, I64, vec![v(k100), v(c)]);
    pop(&mut fb, h);
    resume_label(&mut fb, h, tok, done, vec![v(r)]);
    let r = fb.params(done)[0];
    fb.ret(done, Some(v(r)));
    mb.add(fb);
}

/// An opaque i64 (through memory, so nothing is folded).
fn opaque(fb: &mut FB, b: BlockId, x: il::Operand, ty: il::Type) -> ValueId {
    let p = fb.op(b, Alloca, Ptr, vec![i(8)]);
    fb.store(b, ty, v(p), x);
    fb.op(b, Load, ty, vec![v(p)])
}

#[test]
fn every_trap_source_reaches_the_handler() {
    use il::Operand;
    type Body = Box<dyn FnOnce(&mut FB, &mut MB, BlockId)>;
    fn bin(op: il::Opcode, a: i64, b: i64, ann: Option<il::Type>) -> Body {
        Box::new(move |fb, _mb, e| {
            let x = opaque(fb, e, i(a), I64);
            let y = opaque(fb, e, i(b), I64);
            match ann {
                Some(t) => fb.op_ann(e, op, t, vec![v(x), v(y)]),
                None => fb.op(e, op, I64, vec![v(x), v(y)]),
            };
        })
    }
    let cases: Vec<(Body, i64)> = vec![
        (bin(IAddOvf, i64::MAX, 1, None), 100),
        (bin(ISubOvf, i64::MIN, 1, None), 100),
        (bin(IMulOvf, 1 << 40, 1 << 40, None), 100),
        (bin(IAddOvf, i32::MAX as i64, 1, Some(I32)), 100),
        (bin(SDivChk0, 5, 0, None), 0),
        (bin(UDivChk0, 5, 0, None), 0),
        (bin(SRemChk0, 5, 0, None), 0),
        (bin(URemChk0, 5, 0, None), 0),
        (bin(SDivChk0, i64::MIN, -1, None), 100),
        (bin(SDivChk0, i32::MIN as i64, -1, Some(I32)), 100),
        (
            Box::new(|fb, _mb, e| {
                let x = opaque(fb, e, i(5), I64);
                fb.op(e, IdxChk, I64, vec![v(x), i(0), i(3)]);
            }),
            400,
        ),
        (
            Box::new(|fb, _mb, e| {
                let x = opaque(fb, e, i(1 << 40), I64);
                fb.op_ann(e, CastSiNarrowChk, I32, vec![v(x)]);
            }),
            200,
        ),
        (
            Box::new(|fb, _mb, e| {
                let x = opaque(fb, e, i(-1), I64);
                fb.op_ann(e, CastUiNarrowChk, I16, vec![v(x)]);
            }),
            200,
        ),
        (
            Box::new(|fb, _mb, e| {
                let x = opaque(fb, e, f(f64::NAN), F64);
                fb.op(e, CastFpToSiRteChk, I64, vec![v(x)]);
            }),
            200,
        ),
        (
            Box::new(|fb, _mb, e| {
                let x = opaque(fb, e, f(1e300), F64);
                fb.op(e, CastFpToSiRteChk, I64, vec![v(x)]);
            }),
            100,
        ),
        (
            Box::new(|fb, _mb, e| {
                let x = opaque(fb, e, f(-0.5), F64);
                fb.op(e, CastFpToUiRteChk, I64, vec![v(x)]);
            }),
            200,
        ),
        (
            Box::new(|fb, _mb, e| {
                let x = opaque(fb, e, i(-16), I64);
                fb.op(e, Alloca, Ptr, vec![v(x)]);
            }),
            300,
        ),
        (
            Box::new(|fb, mb, e| {
                let g = mb.global(".hello", b"hello");
                let s = fb.op(e, ConstStr, Str, vec![Operand::Sym(g)]);
                fb.call(mb, e, "Viper.String.Left", Str, vec![v(s), i(-1)]);
            }),
            300,
        ),
        (
            Box::new(|fb, mb, e| {
                let g = mb.global(".boom", b"boom");
                let s = fb.op(e, ConstStr, Str, vec![Operand::Sym(g)]);
                fb.call(mb, e, "Viper.Core.Diagnostics.Trap", Void, vec![v(s)]);
            }),
            300,
        ),
    ];
    // Terminators (the probe's pop/br after them are never reached: build separately).
    let mut mb = MB::new();
    let mut expected = String::new();
    let n = cases.len();
    for (k, (body, want)) in cases.into_iter().enumerate() {
        probe(&mut mb, &format!("p{k}"), body);
        expected.push_str(&format!("{want}\n"));
    }
    let terms: Vec<(Option<i64>, i64)> = vec![
        (None, 300),
        (Some(7), 407),
        (Some(0), 900),
        (Some(2), 602),
        (Some(42), 942),
        // `widen` zero-extends through memory (store i64 0; store i32 x), as the IL idiom does.
        (Some(-3), 900 + 0xFFFF_FFFD),
    ];
    for (k, (code, want)) in terms.iter().enumerate() {
        let mut fb = FB::new(&mut mb, &format!("t{k}"), &[], I64);
        let e = BlockId(0);
        let (h, err, tok) = handler(&mut fb, "h");
        let done = fb.block("done", &[I64]);
        push(&mut fb, e, h);
        match code {
            None => fb.term(e, Trap, vec![], vec![]),
            Some(c) => {
                let x = opaque(&mut fb, e, i(*c), I32);
                fb.term(e, TrapFromErr, vec![v(x)], vec![]);
                fb.f.blocks[0].insts.last_mut().unwrap().ty = I32;
            }
        }
        let kind = fb.op(h, ErrGetKind, I32, vec![v(err)]);
        let code = fb.op(h, ErrGetCode, I32, vec![v(err)]);
        let k = widen(&mut fb, h, kind);
        let c = widen(&mut fb, h, code);
        let k100 = fb.op(h, IMulOvf, I64, vec![v(k), i(100)]);
        let r = fb.op(h, IAddOvf, I64, vec![v(k100), v(c)]);
        pop(&mut fb, h);
        resume_label(&mut fb, h, tok, done, vec![v(r)]);
        let r = fb.params(done)[0];
        fb.ret(done, Some(v(r)));
        mb.add(fb);
        expected.push_str(&format!("{want}\n"));
    }
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    let e = BlockId(0);
    for k in 0..n {
        let r = fb.call(&mut mb, e, &format!("p{k}"), I64, vec![]);
        fb.say(&mut mb, e, v(r));
    }
    for k in 0..terms.len() {
        let r = fb.call(&mut mb, e, &format!("t{k}"), I64, vec![]);
        fb.say(&mut mb, e, v(r));
    }
    fb.ret(e, Some(i(0)));
    mb.add(fb);
    check("sources", &mb, &expected, 0);
}

/// Print the i32 `x` (widened through memory) with SayInt.
fn say32(fb: &mut FB, mb: &mut MB, b: BlockId, x: ValueId) {
    let w = widen(fb, b, x);
    fb.say(mb, b, v(w));
}

#[test]
fn nested_handlers_inner_then_outer() {
    // f: push OUT; push IN; trap(1) -> IN prints 1, resumes to mid; mid: pop (IN); trap.from_err 7
    // -> OUT prints kind 4, pops, resumes to end.
    let mut mb = MB::new();
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    let e = BlockId(0);
    let (hout, eo, to) = handler(&mut fb, "outer");
    let (hin, ei, ti) = handler(&mut fb, "inner");
    let mid = fb.block("mid", &[]);
    let end = fb.block("end", &[I64]);
    push(&mut fb, e, hout);
    push(&mut fb, e, hin);
    let z = opaque(&mut fb, e, i(0), I64);
    fb.op(e, SDivChk0, I64, vec![i(1), v(z)]);
    fb.ret(e, Some(i(99)));
    let k = fb.op(hin, ErrGetKind, I32, vec![v(ei)]);
    say32(&mut fb, &mut mb, hin, k);
    resume_label(&mut fb, hin, ti, mid, vec![]);
    pop(&mut fb, mid);
    let c = opaque(&mut fb, mid, i(7), I32);
    fb.term(mid, TrapFromErr, vec![v(c)], vec![]);
    fb.f.blocks[mid.index()].insts.last_mut().unwrap().ty = I32;
    let k = fb.op(hout, ErrGetKind, I32, vec![v(eo)]);
    say32(&mut fb, &mut mb, hout, k);
    pop(&mut fb, hout);
    resume_label(&mut fb, hout, to, end, vec![i(5)]);
    let r = fb.params(end)[0];
    fb.ret(end, Some(v(r)));
    mb.add(fb);
    check("nested", &mb, "0\n4\n", 5);
}

/// `@deep(n)`: recursion down to 0, then a trap (Bounds) with many values live across calls so
/// the discarded frames use callee-saved registers.
fn add_deep(mb: &mut MB) {
    let mut fb = FB::new(mb, "deep", &[I64], I64);
    let e = BlockId(0);
    let n = fb.params(e)[0];
    let rec = fb.block("rec", &[I64]);
    let base = fb.block("base", &[I64]);
    let z = fb.op(e, ICmpEq, I1, vec![v(n), i(0)]);
    fb.term(
        e,
        Cbr,
        vec![v(z)],
        vec![(base, vec![v(n)]), (rec, vec![v(n)])],
    );
    let k = fb.params(rec)[0];
    let vals: Vec<ValueId> = (0..12)
        .map(|j| fb.op(rec, IAddOvf, I64, vec![v(k), i(1000 * j)]))
        .collect();
    let km1 = fb.op(rec, ISubOvf, I64, vec![v(k), i(1)]);
    let r = fb.call(mb, rec, "deep", I64, vec![v(km1)]);
    let mut acc = r;
    for x in vals {
        acc = fb.op(rec, IAddOvf, I64, vec![v(acc), v(x)]);
    }
    fb.ret(rec, Some(v(acc)));
    let b = fb.params(base)[0];
    fb.op(base, IdxChk, I64, vec![v(b), i(1), i(4)]);
    fb.ret(base, Some(i(0)));
    mb.add(fb);
}

#[test]
fn handler_in_caller_catches_trap_several_frames_down() {
    let mut mb = MB::new();
    add_deep(&mut mb);
    // @mid: an EH function whose handler stack is empty when the trap passes through.
    let mut fb = FB::new(&mut mb, "mid", &[I64], I64);
    let e = BlockId(0);
    let n = fb.params(e)[0];
    let (h, _err, tok) = handler(&mut fb, "h");
    let after = fb.block("after", &[I64]);
    push(&mut fb, e, h);
    pop(&mut fb, e);
    let r = fb.call(&mut mb, e, "deep", I64, vec![v(n)]);
    fb.ret(e, Some(v(r)));
    resume_label(&mut fb, h, tok, after, vec![i(-5)]);
    let a = fb.params(after)[0];
    fb.ret(after, Some(v(a)));
    mb.add(fb);
    // @catcher: handler around a call; reports kind, ip and line of the call.
    let mut fb = FB::new(&mut mb, "catcher", &[I64], I64);
    let e = BlockId(0);
    let n = fb.params(e)[0];
    let (h, err, tok) = handler(&mut fb, "h");
    let done = fb.block("done", &[I64]);
    push(&mut fb, e, h);
    let n2 = fb.op(e, IAddOvf, I64, vec![v(n), i(0)]);
    let r = fb.call(&mut mb, e, "mid", I64, vec![v(n2)]);
    fb.set_loc(e, 31);
    pop(&mut fb, e);
    fb.br(e, done, vec![v(r)]);
    let k = fb.op(h, ErrGetKind, I32, vec![v(err)]);
    say32(&mut fb, &mut mb, h, k);
    let ip = fb.op(h, ErrGetIp, I64, vec![v(err)]);
    fb.say(&mut mb, h, v(ip));
    let line = fb.op(h, ErrGetLine, I32, vec![v(err)]);
    say32(&mut fb, &mut mb, h, line);
    let tk = fb.op(h, TrapKind, I64, vec![]);
    fb.say(&mut mb, h, v(tk));
    pop(&mut fb, h);
    resume_label(&mut fb, h, tok, done, vec![i(-1)]);
    let r = fb.params(done)[0];
    fb.ret(done, Some(v(r)));
    mb.add(fb);
    // main keeps 12 values live across the call (callee-saved registers) and prints them after.
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    let e = BlockId(0);
    let tk = fb.op(e, TrapKind, I64, vec![]);
    fb.say(&mut mb, e, v(tk));
    let base = opaque(&mut fb, e, i(7), I64);
    let vals: Vec<ValueId> = (0..12)
        .map(|j| fb.op(e, IMulOvf, I64, vec![v(base), i(j + 1)]))
        .collect();
    let r = fb.call(&mut mb, e, "catcher", I64, vec![i(3)]);
    fb.say(&mut mb, e, v(r));
    let mut acc = r;
    for x in vals {
        acc = fb.op(e, IAddOvf, I64, vec![v(acc), v(x)]);
    }
    fb.say(&mut mb, e, v(acc));
    fb.ret(e, Some(i(0)));
    mb.add(fb);
    // trap.kind before any trap: 9; handler: Bounds (4), ip 2 (the call), line 31, trap.kind 4;
    // catcher returns -1; main's values survive: 7 * (1 + … + 12) - 1 = 545.
    check("deep", &mb, "9\n4\n2\n31\n4\n-1\n545\n", 0);
}

/// `@div(p, a)` = a / [p] (sdiv.chk0): traps while the divisor cell holds 0.
fn add_div(mb: &mut MB) {
    let mut fb = FB::new(mb, "div", &[Ptr, I64], I64);
    let e = BlockId(0);
    let pa = fb.params(e);
    let d = fb.op(e, Load, I64, vec![v(pa[0])]);
    let q = fb.op(e, SDivChk0, I64, vec![v(pa[1]), v(d)]);
    fb.ret(e, Some(v(q)));
    mb.add(fb);
}

#[test]
fn resume_same_retries_after_the_handler_fixed_the_state() {
    let mut mb = MB::new();
    add_div(&mut mb);
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    let e = BlockId(0);
    let (h, err, tok) = handler(&mut fb, "fix");
    let cell = fb.op(e, Alloca, Ptr, vec![i(8)]);
    let a = opaque(&mut fb, e, i(100), I64);
    push(&mut fb, e, h);
    let q = fb.call(&mut mb, e, "div", I64, vec![v(cell), v(a)]);
    pop(&mut fb, e);
    fb.say(&mut mb, e, v(q));
    fb.say(&mut mb, e, v(a));
    fb.ret(e, Some(i(0)));
    let k = fb.op(h, ErrGetKind, I32, vec![v(err)]);
    say32(&mut fb, &mut mb, h, k);
    fb.store(h, I64, v(cell), i(4));
    resume(&mut fb, h, ResumeSame, tok);
    mb.add(fb);
    check("same", &mb, "0\n25\n100\n", 0);
}

#[test]
fn resume_next_keeps_values_live_across_the_fault() {
    let mut mb = MB::new();
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    let e = BlockId(0);
    let (h, err, tok) = handler(&mut fb, "skip");
    let b = opaque(&mut fb, e, i(3), I64);
    let fl = opaque(&mut fb, e, f(0.5), F64);
    push(&mut fb, e, h);
    let ints: Vec<ValueId> = (0..20)
        .map(|j| fb.op(e, IMulOvf, I64, vec![v(b), i(j + 1)]))
        .collect();
    let fls: Vec<ValueId> = (0..10)
        .map(|j| fb.op(e, FMul, F64, vec![v(fl), f(j as f64)]))
        .collect();
    let z = opaque(&mut fb, e, i(0), I64);
    let bad = fb.op(e, SDivChk0, I64, vec![v(b), v(z)]);
    fb.set_loc(e, 12);
    let bad_ip = fb.f.blocks[0].insts.len() as i64 - 1;
    fb.say(&mut mb, e, v(bad));
    let mut acc = opaque(&mut fb, e, i(0), I64);
    for x in ints {
        acc = fb.op(e, IAddOvf, I64, vec![v(acc), v(x)]);
    }
    fb.say(&mut mb, e, v(acc));
    let mut facc = fb.op(e, ConstF64, F64, vec![f(0.0)]);
    for x in fls {
        facc = fb.op(e, FAdd, F64, vec![v(facc), v(x)]);
    }
    fb.call(&mut mb, e, "Viper.Terminal.SayNum", Void, vec![v(facc)]);
    pop(&mut fb, e);
    fb.ret(e, Some(i(0)));
    let ip = fb.op(h, ErrGetIp, I64, vec![v(err)]);
    fb.say(&mut mb, h, v(ip));
    let line = fb.op(h, ErrGetLine, I32, vec![v(err)]);
    say32(&mut fb, &mut mb, h, line);
    resume(&mut fb, h, ResumeNext, tok);
    mb.add(fb);
    // The skipped result reads 0; 3 * (1 + … + 20) = 630; 0.5 * (0 + … + 9) = 22.5.
    let want = format!("{bad_ip}\n12\n0\n630\n22.5\n");
    check("next", &mb, &want, 0);
}

/// main: push OUTER; call @inner(); ... OUTER prints the kind and returns 7.
/// @inner: push H; trap; H: pops, prints "in handler", then faults again (Overflow).
fn error_in_handler(with_outer: bool) -> MB {
    let mut mb = MB::new();
    let g = mb.global(".msg", b"in handler");
    let mut fb = FB::new(&mut mb, "inner", &[], I64);
    let e = BlockId(0);
    let (h, _err, _tok) = handler(&mut fb, "h");
    push(&mut fb, e, h);
    fb.term(e, Trap, vec![], vec![]);
    pop(&mut fb, h);
    let s = fb.op(h, ConstStr, Str, vec![il::Operand::Sym(g)]);
    fb.call(&mut mb, h, "Viper.Terminal.Say", Void, vec![v(s)]);
    let m = opaque(&mut fb, h, i(i64::MAX), I64);
    let o = fb.op(h, IAddOvf, I64, vec![v(m), i(1)]);
    fb.ret(h, Some(v(o)));
    mb.add(fb);
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    let e = BlockId(0);
    if with_outer {
        let (h, err, tok) = handler(&mut fb, "outer");
        let done = fb.block("done", &[]);
        push(&mut fb, e, h);
        let r = fb.call(&mut mb, e, "inner", I64, vec![]);
        fb.say(&mut mb, e, v(r));
        pop(&mut fb, e);
        fb.ret(e, Some(i(0)));
        let k = fb.op(h, ErrGetKind, I32, vec![v(err)]);
        say32(&mut fb, &mut mb, h, k);
        pop(&mut fb, h);
        resume_label(&mut fb, h, tok, done, vec![]);
        fb.ret(done, Some(i(7)));
    } else {
        let r = fb.call(&mut mb, e, "inner", I64, vec![]);
        fb.say(&mut mb, e, v(r));
        fb.ret(e, Some(i(0)));
    }
    mb.add(fb);
    mb
}

#[test]
fn error_inside_a_handler_goes_to_the_outer_handler() {
    check("inhandler", &error_in_handler(true), "in handler\n1\n", 7);
}

#[test]
fn error_inside_a_handler_without_outer_handler_terminates() {
    let mb = error_in_handler(false);
    if let Some(r) = run_rt("inhandler_term", &mb.m, None) {
        assert_eq!(r.stdout, "in handler\n");
        assert_eq!(r.code, 1);
        assert!(r.stderr.contains("Overflow"), "stderr: {}", r.stderr);
    }
}

#[test]
fn unhandled_trap_after_pop_terminates_with_status_1() {
    let mut mb = MB::new();
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    let e = BlockId(0);
    let (h, _err, tok) = handler(&mut fb, "h");
    push(&mut fb, e, h);
    pop(&mut fb, e);
    pop(&mut fb, e); // eh.pop on an empty stack is a no-op
    fb.say(&mut mb, e, i(1));
    fb.term(e, Trap, vec![], vec![]);
    resume(&mut fb, h, ResumeNext, tok);
    mb.add(fb);
    if let Some(r) = run_rt("unhandled", &mb.m, None) {
        assert_eq!(r.stdout, "1\n");
        assert_eq!(r.code, 1);
        assert!(r.stderr.contains("DomainError"), "stderr: {}", r.stderr);
    }
    assemble_darwin("unhandled", &mb.m);
}

/// A loop that traps twice per iteration and resumes `n` times: H1 (DivideByZero) resumes with
/// resume.next (q reads 0); H2 (Overflow) resumes with resume.label without popping, as BASIC
/// lowering does, so the VM's handler stack keeps growing (our ring wraps).
fn trap_loop(n: i64) -> MB {
    let mut mb = MB::new();
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    let e = BlockId(0);
    let lp = fb.block("loop", &[I64, I64]);
    let (h1, _e1, t1) = handler(&mut fb, "h_div");
    let (h2, _e2, t2) = handler(&mut fb, "h_ovf");
    let cont = fb.block("cont", &[]);
    let done = fb.block("done", &[I64]);
    let cell = fb.op(e, Alloca, Ptr, vec![i(16)]);
    fb.br(e, lp, vec![i(0), i(0)]);
    let p = fb.params(lp);
    push(&mut fb, lp, h1);
    fb.store(lp, I64, v(cell), v(p[0]));
    let odd = fb.op(lp, And, I64, vec![v(p[0]), i(1)]);
    let z = fb.op(lp, ISubOvf, I64, vec![i(1), v(odd)]);
    let q = fb.op(lp, SDivChk0, I64, vec![i(1), v(z)]); // traps when i is odd
    let acc = fb.op(lp, IAddOvf, I64, vec![v(p[1]), v(q)]);
    pop(&mut fb, lp);
    push(&mut fb, lp, h2);
    fb.op(lp, IMulOvf, I64, vec![v(p[0]), i(i64::MAX / 2)]); // traps for i >= 3
    pop(&mut fb, lp);
    fb.br(lp, cont, vec![]);
    resume(&mut fb, h1, ResumeNext, t1);
    resume_label(&mut fb, h2, t2, cont, vec![]);
    let i1 = fb.op(cont, Load, I64, vec![v(cell)]);
    let i2 = fb.op(cont, IAddOvf, I64, vec![v(i1), i(1)]);
    let more = fb.op(cont, SCmpLt, I1, vec![v(i2), i(n)]);
    fb.term(
        cont,
        Cbr,
        vec![v(more)],
        vec![(lp, vec![v(i2), v(acc)]), (done, vec![v(acc)])],
    );
    let r = fb.params(done)[0];
    fb.say(&mut mb, done, v(r));
    fb.ret(done, Some(i(0)));
    mb.add(fb);
    mb
}

#[test]
fn loop_trapping_and_resuming_100000_times_runs_in_a_small_stack() {
    // The skipped sdiv leaves q's slot as it was (1 from the previous iteration: like the VM's
    // per-value register), so acc = 100000.
    check_stack("loop", &trap_loop(100_000), "100000\n", 0, Some(256 * 1024));
}

#[test]
fn regalloc_fast_and_o0() {
    let mut o = opts(codegen_api::TargetOs::Linux);
    o.opt_level = codegen_api::OptLevel::O0;
    for (name, mb, want) in [
        ("o0_ex7", example7(), "42\n-1000\n-1001\n"),
        ("o0_loop", trap_loop(1000), "1000\n"),
    ] {
        let asm = compile(&mb.m, &o);
        if let Some(exe) = eh_util::link_asm(name, &asm) {
            let r = eh_util::run_exe(&exe, None);
            assert_eq!(r.stdout, want, "{name}: {}", r.stderr);
            assert_eq!(r.code, 0);
        }
    }
}

#[test]
fn trap_err_builds_an_error_value() {
    let mut mb = MB::new();
    let g = mb.global(".m", b"custom");
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    let e = BlockId(0);
    let s = fb.op(e, ConstStr, Str, vec![il::Operand::Sym(g)]);
    for code in [7, 3, 0, 55] {
        let c = opaque(&mut fb, e, i(code), I32);
        let er = fb.op(e, TrapErr, Error, vec![v(c), v(s)]);
        let k = fb.op(e, ErrGetKind, I32, vec![v(er)]);
        say32(&mut fb, &mut mb, e, k);
        let c2 = fb.op(e, ErrGetCode, I32, vec![v(er)]);
        say32(&mut fb, &mut mb, e, c2);
    }
    let tk = fb.op(e, TrapKind, I64, vec![]);
    fb.say(&mut mb, e, v(tk));
    fb.ret(e, Some(i(0)));
    mb.add(fb);
    check("traperr", &mb, "4\n7\n7\n3\n9\n0\n9\n55\n9\n", 0);
}

#[test]
fn dynamic_alloca_survives_a_landing() {
    // buf = alloca n (dynamic); store 11 at buf; call a trapping function; the handler resumes
    // to a block that calls more functions and then reads buf.
    let mut mb = MB::new();
    add_div(&mut mb);
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    let e = BlockId(0);
    let (h, _err, tok) = handler(&mut fb, "h");
    let after = fb.block("after", &[]);
    let n = opaque(&mut fb, e, i(64), I64);
    let buf = fb.op(e, Alloca, Ptr, vec![v(n)]);
    fb.store(e, I64, v(buf), i(11));
    let zero = fb.op(e, Alloca, Ptr, vec![i(8)]);
    push(&mut fb, e, h);
    let q = fb.call(&mut mb, e, "div", I64, vec![v(zero), i(1)]);
    fb.say(&mut mb, e, v(q));
    fb.ret(e, Some(i(1)));
    pop(&mut fb, h);
    resume_label(&mut fb, h, tok, after, vec![]);
    for k in 0..3 {
        fb.say(&mut mb, after, i(k));
    }
    let x = fb.op(after, Load, I64, vec![v(buf)]);
    fb.say(&mut mb, after, v(x));
    fb.ret(after, Some(i(0)));
    mb.add(fb);
    check("dynalloca", &mb, "0\n1\n2\n11\n", 0);
}
