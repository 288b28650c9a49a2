//! Edge cases: swap cycles, many mixed arguments, values live across calls/loops, switches with
//! negative cases, huge frames, dynamic alloca, deep recursion, each checked-arithmetic trap.
mod common;
use codegen_api::TargetOs;
use common::*;
use il::{BlockId, Opcode, Opcode::*, Operand, Type::*};

fn main_fb(mb: &mut MB) -> FB {
    FB::new(mb, "main", &[], I64)
}

fn expect(name: &str, mb: &MB, stdout: &str, code: i32) -> Option<Run> {
    let r = run(name, &mb.m)?;
    assert_eq!(r.stdout, stdout, "{name}: stderr {}", r.stderr);
    assert_eq!(r.code, code, "{name}: stderr {}", r.stderr);
    let mut o = opts(TargetOs::Linux);
    o.regalloc = Some("fast".into());
    let r2 = run_with(&format!("{name}_fast"), &mb.m, &o)?;
    assert_eq!(r2.stdout, stdout, "{name} (fast): stderr {}", r2.stderr);
    assemble_darwin(name, &mb.m);
    Some(r)
}

#[test]
fn swap_cycle_block_args() {
    let mut mb = MB::new();
    let mut fb = main_fb(&mut mb);
    let e = BlockId(0);
    let lp = fb.block("loop", &[I64, I64, I64]);
    let done = fb.block("done", &[]);
    fb.br(e, lp, vec![i(1), i(2), i(0)]);
    let p = fb.params(lp);
    let n2 = fb.op(lp, IAddOvf, I64, vec![v(p[2]), i(1)]);
    let c = fb.op(lp, SCmpLt, I1, vec![v(n2), i(5)]);
    fb.term(
        lp,
        Cbr,
        vec![v(c)],
        vec![(lp, vec![v(p[1]), v(p[0]), v(n2)]), (done, vec![])],
    );
    // An unreachable block with parameters must not upset the allocator.
    let _ = done;
    let mut fb2 = fb;
    let d2 = fb2.block("print", &[I64, I64]);
    // re-route: done prints nothing; build a separate check below
    fb2.ret(done, Some(i(0)));
    fb2.ret(d2, Some(i(0)));
    mb.add(fb2);
    expect("swap0", &mb, "", 0);

    // A direct test: loop(a, b, n) -> loop(b, a, n+1), exit prints a then b.
    let mut mb = MB::new();
    let mut fb = main_fb(&mut mb);
    let lp = fb.block("loop", &[I64, I64, I64]);
    let out = fb.block("out", &[I64, I64]);
    fb.br(e, lp, vec![i(1), i(2), i(0)]);
    let p = fb.params(lp);
    let n2 = fb.op(lp, IAddOvf, I64, vec![v(p[2]), i(1)]);
    let c = fb.op(lp, SCmpLt, I1, vec![v(n2), i(5)]);
    fb.term(
        lp,
        Cbr,
        vec![v(c)],
        vec![
            (lp, vec![v(p[1]), v(p[0]), v(n2)]),
            (out, vec![v(p[1]), v(p[0])]),
        ],
    );
    let q = fb.params(out);
    fb.say(&mut mb, out, v(q[0]));
    fb.say(&mut mb, out, v(q[1]));
    fb.ret(out, Some(i(0)));
    mb.add(fb);
    // (1,2) swapped 4 times, then passed as out(b, a).
    expect("swap", &mb, "2\n1\n", 0);
}

#[test]
fn twelve_mixed_args_caller_and_callee() {
    let mut mb = MB::new();
    let tys = [
        I64, F64, I64, F64, I64, F64, I64, F64, I64, F64, I64, F64, I32, I1, I64, F64, I64, F64,
        I16, F64,
    ];
    let mut fb = FB::new(&mut mb, "sum", &tys, F64);
    let e = BlockId(0);
    let ps = fb.params(e);
    let mut acc = fb.op(e, Opcode::ConstF64, F64, vec![f(0.0)]);
    for (k, p) in ps.iter().enumerate() {
        let x = if tys[k] == F64 {
            *p
        } else if tys[k] == I1 {
            let z = fb.op(e, Zext1, I64, vec![v(*p)]);
            fb.op(e, CastSiToFp, F64, vec![v(z)])
        } else {
            fb.op(e, CastSiToFp, F64, vec![v(*p)])
        };
        let scaled = fb.op(e, FMul, F64, vec![v(x), f((k + 1) as f64)]);
        acc = fb.op(e, FAdd, F64, vec![v(acc), v(scaled)]);
    }
    fb.ret(e, Some(v(acc)));
    mb.add(fb);
    let mut fb = main_fb(&mut mb);
    let mut args = vec![];
    for (k, t) in tys.iter().enumerate() {
        args.push(match t {
            F64 => f(k as f64 + 0.5),
            I1 => Operand::Bool(true),
            I32 => {
                let c = fb.op_ann(e, CastSiNarrowChk, I32, vec![i(-7)]);
                v(c)
            }
            I16 => {
                let c = fb.op_ann(e, CastSiNarrowChk, I16, vec![i(-300)]);
                v(c)
            }
            _ => i(k as i64 * 3 - 10),
        });
    }
    let r = fb.call(&mut mb, e, "sum", F64, args.clone());
    fb.call(
        &mut mb,
        e,
        "Viper.Terminal.SayNum",
        il::Type::Void,
        vec![v(r)],
    );
    // The same 20 arguments (as i64/f64) to a C function.
    let cargs: Vec<Operand> = (0..20)
        .map(|k| {
            if k % 2 == 1 {
                f(k as f64 + 0.25)
            } else {
                i(k * 1000)
            }
        })
        .collect();
    let c = fb.call(&mut mb, e, "test_mixed", F64, cargs);
    fb.call(
        &mut mb,
        e,
        "Viper.Terminal.SayNum",
        il::Type::Void,
        vec![v(c)],
    );
    fb.ret(e, Some(i(0)));
    mb.add(fb);
    let mut expect_sum = 0.0f64;
    for (k, t) in tys.iter().enumerate() {
        let x = match t {
            F64 => k as f64 + 0.5,
            I1 => 1.0,
            I32 => -7.0,
            I16 => -300.0,
            _ => (k as i64 * 3 - 10) as f64,
        };
        expect_sum += x * (k + 1) as f64;
    }
    let cs: f64 = (0..20)
        .map(|k| {
            if k % 2 == 1 {
                k as f64 + 0.25
            } else {
                (k * 1000) as f64
            }
        })
        .sum();
    let fmt = |x: f64| format!("{}", x);
    expect(
        "args",
        &mb,
        &format!("{}\n{}\n", fmt(expect_sum), fmt(cs)),
        0,
    );
}

#[test]
fn thirty_live_values_across_calls_and_loop() {
    let mut mb = MB::new();
    let mut fb = main_fb(&mut mb);
    let e = BlockId(0);
    let vals: Vec<_> = (0..30)
        .map(|k| fb.op(e, IAddOvf, I64, vec![i(k), i(1000)]))
        .collect();
    let lp = fb.block("loop", &[I64, I64]);
    let out = fb.block("out", &[I64]);
    fb.br(e, lp, vec![i(0), i(0)]);
    let p = fb.params(lp);
    let mut acc = p[1];
    for x in &vals {
        acc = fb.op(lp, IAddOvf, I64, vec![v(acc), v(*x)]);
    }
    fb.say(&mut mb, lp, v(p[0]));
    let n2 = fb.op(lp, IAddOvf, I64, vec![v(p[0]), i(1)]);
    let c = fb.op(lp, SCmpLt, I1, vec![v(n2), i(3)]);
    fb.term(
        lp,
        Cbr,
        vec![v(c)],
        vec![(lp, vec![v(n2), v(acc)]), (out, vec![v(acc)])],
    );
    let r = fb.params(out)[0];
    let mut s = r;
    for x in &vals {
        s = fb.op(out, IAddOvf, I64, vec![v(s), v(*x)]);
    }
    fb.say(&mut mb, out, v(s));
    fb.ret(out, Some(i(0)));
    mb.add(fb);
    let one: i64 = (0..30).map(|k| k + 1000).sum();
    expect("live30", &mb, &format!("0\n1\n2\n{}\n", one * 4), 0);
}

#[test]
fn switches_dense_and_sparse_with_negatives() {
    for (name, cases) in [
        ("dense", vec![-3, -2, -1, 0, 1, 2, 3, 5]),
        ("sparse", vec![-100000, -5, 7, 1 << 30]),
    ] {
        let mut mb = MB::new();
        let mut fb = FB::new(&mut mb, "f", &[I64], I64);
        let e = BlockId(0);
        let x = fb.params(e)[0];
        let s = fb.op_ann(e, CastSiNarrowChk, I32, vec![v(x)]);
        let def = fb.block("def", &[]);
        fb.ret(def, Some(i(-1)));
        let hit = fb.block("hit", &[I64]);
        let hv = fb.params(hit)[0];
        fb.ret(hit, Some(v(hv)));
        let cs = cases
            .iter()
            .enumerate()
            .map(|(k, c)| (*c, hit, vec![i(k as i64 * 10)]))
            .collect();
        fb.switch(e, v(s), (def, vec![]), cs);
        mb.add(fb);
        let mut fb = main_fb(&mut mb);
        let mut want = String::new();
        let mut probes: Vec<i64> = cases.iter().map(|c| *c as i64).collect();
        probes.extend([4, -4, 6, 100, -2147483648]);
        for pz in probes {
            let r = fb.call(&mut mb, e, "f", I64, vec![i(pz)]);
            fb.say(&mut mb, e, v(r));
            let expect = cases
                .iter()
                .position(|c| *c as i64 == pz)
                .map_or(-1, |k| k as i64 * 10);
            want.push_str(&format!("{expect}\n"));
        }
        fb.ret(e, Some(i(0)));
        mb.add(fb);
        expect(name, &mb, &want, 0);
    }
}

#[test]
fn huge_frame_dynamic_alloca_and_deep_recursion() {
    let mut mb = MB::new();
    // rec(n) = n == 0 ? 0 : rec(n-1) + 1, with a 64-byte alloca per frame.
    let mut fb = FB::new(&mut mb, "rec", &[I64], I64);
    let e = BlockId(0);
    let n = fb.params(e)[0];
    let a = fb.op(e, Alloca, Ptr, vec![i(64)]);
    fb.store(e, I64, v(a), v(n));
    let base = fb.block("base", &[]);
    let go = fb.block("go", &[I64]);
    let z = fb.op(e, ICmpEq, I1, vec![v(n), i(0)]);
    fb.term(e, Cbr, vec![v(z)], vec![(base, vec![]), (go, vec![v(n)])]);
    fb.ret(base, Some(i(0)));
    let k = fb.params(go)[0];
    let k1 = fb.op(go, ISubOvf, I64, vec![v(k), i(1)]);
    let r = fb.call(&mut mb, go, "rec", I64, vec![v(k1)]);
    let r1 = fb.op(go, IAddOvf, I64, vec![v(r), i(1)]);
    fb.ret(go, Some(v(r1)));
    mb.add(fb);
    let mut fb = main_fb(&mut mb);
    let big = fb.op(e, Alloca, Ptr, vec![i(3 << 20)]);
    let last = fb.op(e, Gep, Ptr, vec![v(big), i((3 << 20) - 8)]);
    let before = fb.op(e, Load, I64, vec![v(last)]);
    fb.say(&mut mb, e, v(before));
    fb.store(e, I64, v(last), i(77));
    let dn = fb.op(e, IAddOvf, I64, vec![i(40), i(0)]);
    let dynp = fb.op(e, Alloca, Ptr, vec![v(dn)]);
    let dl = fb.op(e, Gep, Ptr, vec![v(dynp), i(32)]);
    let dz = fb.op(e, Load, I64, vec![v(dl)]);
    fb.say(&mut mb, e, v(dz));
    let after = fb.op(e, Load, I64, vec![v(last)]);
    fb.say(&mut mb, e, v(after));
    let d = fb.call(&mut mb, e, "rec", I64, vec![i(20000)]);
    fb.say(&mut mb, e, v(d));
    let neg = fb.op(e, ISubOvf, I64, vec![i(0), i(5)]);
    fb.op(e, Alloca, Ptr, vec![v(neg)]);
    fb.ret(e, Some(i(0)));
    mb.add(fb);
    let r = expect("frames", &mb, "0\n0\n77\n20000\n", 1);
    if let Some(r) = r {
        assert!(
            r.stderr
                .contains("DomainError (code=0): negative allocation"),
            "{}",
            r.stderr
        );
    }
}

fn trap_case(
    name: &str,
    op: Opcode,
    ty: il::Type,
    annotated: bool,
    ops: Vec<Operand>,
    stderr: &str,
) {
    let mut mb = MB::new();
    let mut fb = main_fb(&mut mb);
    let e = BlockId(0);
    // Pass operands through a call so they are not constants at compile time.
    let mut vs = vec![];
    for o in ops {
        let t = if matches!(o, Operand::F64(_)) {
            F64
        } else {
            I64
        };
        let idf = if t == F64 { "idf" } else { "idi" };
        vs.push(v(fb.call(&mut mb, e, idf, t, vec![o])));
    }
    let r = if annotated {
        fb.op_ann(e, op, ty, vs)
    } else {
        fb.op(e, op, ty, vs)
    };
    fb.say(&mut mb, e, v(r));
    fb.ret(e, Some(i(0)));
    mb.add(fb);
    for (nm, t) in [("idi", I64), ("idf", F64)] {
        let mut g = FB::new(&mut mb, nm, &[t], t);
        let p = g.params(BlockId(0))[0];
        g.ret(BlockId(0), Some(v(p)));
        mb.add(g);
    }
    if let Some(r) = run(name, &mb.m) {
        assert_eq!(r.code, 1, "{name}: {}", r.stdout);
        assert_eq!(r.stderr.trim_end(), stderr, "{name}");
    }
    assemble_darwin(name, &mb.m);
}

#[test]
fn every_checked_trap() {
    const MIN: i64 = i64::MIN;
    let s = |x: &str| format!("Trap @main:entry#{x}");
    trap_case(
        "add",
        IAddOvf,
        I64,
        false,
        vec![i(i64::MAX), i(1)],
        &(s("2") + ": Overflow (code=0): integer overflow in iadd.ovf"),
    );
    trap_case(
        "sub",
        ISubOvf,
        I64,
        false,
        vec![i(MIN), i(1)],
        &(s("2") + ": Overflow (code=0): integer overflow in isub.ovf"),
    );
    trap_case(
        "mul",
        IMulOvf,
        I64,
        false,
        vec![i(1 << 32), i(1 << 31)],
        &(s("2") + ": Overflow (code=0): integer overflow in imul.ovf"),
    );
    trap_case(
        "add32",
        IAddOvf,
        I32,
        true,
        vec![i(i32::MAX as i64), i(1)],
        &(s("2") + ": Overflow (code=0): integer overflow in iadd.ovf"),
    );
    trap_case(
        "mul16",
        IMulOvf,
        I16,
        true,
        vec![i(200), i(200)],
        &(s("2") + ": Overflow (code=0): integer overflow in imul.ovf"),
    );
    trap_case(
        "div0",
        SDivChk0,
        I64,
        false,
        vec![i(1), i(0)],
        &(s("2") + ": DivideByZero (code=0): divide by zero in sdiv.chk0"),
    );
    trap_case(
        "divmin",
        SDivChk0,
        I64,
        false,
        vec![i(MIN), i(-1)],
        &(s("2") + ": Overflow (code=0): integer overflow in sdiv.chk0"),
    );
    trap_case(
        "urem0",
        URemChk0,
        I64,
        false,
        vec![i(1), i(0)],
        &(s("2") + ": DivideByZero (code=0): divide by zero in urem.chk0"),
    );
    trap_case(
        "uinarrow",
        CastUiNarrowChk,
        I16,
        true,
        vec![i(65536)],
        &(s("1") + ": InvalidCast (code=0): value out of range in cast.ui_narrow.chk"),
    );
    trap_case(
        "fpsi_big",
        CastFpToSiRteChk,
        I64,
        false,
        vec![f(9223372036854775808.0)],
        &(s("1") + ": Overflow (code=0): fp overflow in cast.fp_to_si.rte.chk"),
    );
    trap_case(
        "fpsi_inf",
        CastFpToSiRteChk,
        I64,
        false,
        vec![f(f64::NEG_INFINITY)],
        &(s("1") + ": InvalidCast (code=0): invalid fp operand in cast.fp_to_si.rte.chk"),
    );
    trap_case(
        "fpui_negzero",
        CastFpToUiRteChk,
        I64,
        false,
        vec![f(-0.0)],
        &(s("1") + ": InvalidCast (code=0): invalid fp operand in cast.fp_to_ui.rte.chk"),
    );
    trap_case(
        "fpui_big",
        CastFpToUiRteChk,
        I64,
        false,
        vec![f(18446744073709551616.0)],
        &(s("1") + ": Overflow (code=0): fp overflow in cast.fp_to_ui.rte.chk"),
    );
}

#[test]
fn edge_values_no_trap() {
    let mut mb = MB::new();
    let mut fb = main_fb(&mut mb);
    let e = BlockId(0);
    let mut want = String::new();
    let mut say = |fb: &mut FB,
                   mb: &mut MB,
                   op: Opcode,
                   ty: il::Type,
                   ann: bool,
                   ops: Vec<Operand>,
                   w: i64| {
        let r = if ann {
            fb.op_ann(e, op, ty, ops)
        } else {
            fb.op(e, op, ty, ops)
        };
        fb.say(mb, e, v(r));
        want.push_str(&format!("{w}\n"));
    };
    say(
        &mut fb,
        &mut mb,
        SRemChk0,
        I64,
        false,
        vec![i(i64::MIN), i(-1)],
        0,
    );
    say(
        &mut fb,
        &mut mb,
        SDivChk0,
        I64,
        false,
        vec![i(-7), i(2)],
        -3,
    );
    say(
        &mut fb,
        &mut mb,
        UDivChk0,
        I64,
        false,
        vec![i(-1), i(2)],
        i64::MAX,
    );
    say(
        &mut fb,
        &mut mb,
        URemChk0,
        I64,
        false,
        vec![i(-1), i(10)],
        5,
    );
    say(
        &mut fb,
        &mut mb,
        IMulOvf,
        I64,
        false,
        vec![i(-3037000499), i(3037000499)],
        -3037000499i64 * 3037000499,
    );
    say(
        &mut fb,
        &mut mb,
        IAddOvf,
        I32,
        true,
        vec![i(2147483646), i(1)],
        2147483647,
    );
    say(
        &mut fb,
        &mut mb,
        CastFpToSiRteChk,
        I64,
        false,
        vec![f(-9223372036854775808.0)],
        i64::MIN,
    );
    say(
        &mut fb,
        &mut mb,
        CastFpToSiRteChk,
        I64,
        false,
        vec![f(-2.5)],
        -2,
    );
    say(
        &mut fb,
        &mut mb,
        CastFpToUiRteChk,
        I64,
        false,
        vec![f(18446744073709549568.0)],
        -2048,
    );
    say(
        &mut fb,
        &mut mb,
        CastUiNarrowChk,
        I32,
        true,
        vec![i(4294967295)],
        4294967295,
    );
    say(&mut fb, &mut mb, Trunc1, I1, false, vec![i(2)], 0);
    say(
        &mut fb,
        &mut mb,
        Xor,
        I64,
        false,
        vec![i(0x1234_5678_9abc_def0), i(-1)],
        !0x1234_5678_9abc_def0,
    );
    say(
        &mut fb,
        &mut mb,
        And,
        I64,
        false,
        vec![i(-1), i(0xff00)],
        0xff00,
    );
    say(&mut fb, &mut mb, UCmpLt, I1, false, vec![i(1), i(-1)], 1);
    say(&mut fb, &mut mb, SCmpLt, I1, false, vec![i(1), i(-1)], 0);
    say(
        &mut fb,
        &mut mb,
        IdxChk,
        I64,
        false,
        vec![i(-5), i(-10), i(0)],
        5,
    );
    say(
        &mut fb,
        &mut mb,
        FCmpLt,
        I1,
        false,
        vec![f(-0.0), f(0.0)],
        0,
    );
    say(
        &mut fb,
        &mut mb,
        FCmpGe,
        I1,
        false,
        vec![f(f64::NAN), f(0.0)],
        0,
    );
    say(
        &mut fb,
        &mut mb,
        FCmpOrd,
        I1,
        false,
        vec![f(f64::INFINITY), f(0.0)],
        1,
    );
    say(
        &mut fb,
        &mut mb,
        FCmpEq,
        I1,
        false,
        vec![f(-0.0), f(0.0)],
        1,
    );
    let n = fb.call(&mut mb, e, "test_narrow32", I32, vec![i(-5)]);
    let z = fb.op(e, Alloca, Ptr, vec![i(8)]);
    fb.store(e, I64, v(z), v(n));
    let l = fb.op(e, Load, I64, vec![v(z)]);
    fb.say(&mut mb, e, v(l));
    want.push_str("-5\n");
    let big = fb.op(e, CastUiToFp, F64, vec![i(-1)]);
    fb.call(
        &mut mb,
        e,
        "Viper.Terminal.SayNum",
        il::Type::Void,
        vec![v(big)],
    );
    want.push_str("1.84467440737096e+19\n");
    let sp = fb.op(e, Alloca, Ptr, vec![i(8)]);
    fb.store(e, Str, v(sp), Operand::Str(b"x".to_vec().into()));
    fb.call(&mut mb, e, "test_report_stores", il::Type::Void, vec![]);
    want.push_str("stores=1\n");
    fb.ret(e, Some(i(-1)));
    mb.add(fb);
    expect("edges", &mb, &want, 255);
}
