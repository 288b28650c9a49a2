//! IL-SPEC §13 worked examples (built programmatically), run under qemu, plus Darwin assembly.
mod common;
use common::*;
use il::{BlockId, Opcode::*, Operand, Type::*};

fn check(name: &str, mb: &MB, stdout: &str, code: i32, stderr: &str) {
    if let Some(r) = run(name, &mb.m) {
        assert_eq!(r.stdout, stdout, "stdout of {name}; stderr: {}", r.stderr);
        assert_eq!(r.code, code, "exit code of {name}; stderr: {}", r.stderr);
        assert_eq!(r.stderr.trim_end(), stderr, "stderr of {name}");
    }
    assemble_darwin(name, &mb.m);
}

#[test]
fn example2_loop_block_params() {
    let mut mb = MB::new();
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    let e = BlockId(0);
    let lp = fb.block("loop", &[I64, I64]);
    let done = fb.block("done", &[I64]);
    fb.br(e, lp, vec![i(1), i(0)]);
    let p = fb.params(lp);
    let acc2 = fb.op(lp, IAddOvf, I64, vec![v(p[1]), v(p[0])]);
    let i2 = fb.op(lp, IAddOvf, I64, vec![v(p[0]), i(1)]);
    let more = fb.op(lp, SCmpLe, I1, vec![v(i2), i(10)]);
    fb.term(
        lp,
        Cbr,
        vec![v(more)],
        vec![(lp, vec![v(i2), v(acc2)]), (done, vec![v(acc2)])],
    );
    let s = fb.params(done)[0];
    fb.say(&mut mb, done, v(s));
    fb.ret(done, Some(i(0)));
    mb.add(fb);
    check("ex2", &mb, "55\n", 0, "");
}

fn fact_module() -> MB {
    let mut mb = MB::new();
    let mut fb = FB::new(&mut mb, "fact", &[I64], I64);
    let e = BlockId(0);
    let n = fb.params(e)[0];
    let base = fb.block("base", &[]);
    let rec = fb.block("rec", &[I64]);
    let small = fb.op(e, SCmpLe, I1, vec![v(n), i(1)]);
    fb.term(
        e,
        Cbr,
        vec![v(small)],
        vec![(base, vec![]), (rec, vec![v(n)])],
    );
    fb.ret(base, Some(i(1)));
    let k = fb.params(rec)[0];
    let km1 = fb.op(rec, ISubOvf, I64, vec![v(k), i(1)]);
    let sub = fb.call(&mut mb, rec, "fact", I64, vec![v(km1)]);
    let r = fb.op(rec, IMulOvf, I64, vec![v(k), v(sub)]);
    fb.ret(rec, Some(v(r)));
    mb.add(fb);
    mb
}

#[test]
fn example3_recursion_exit_code() {
    let mut mb = fact_module();
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    let e = BlockId(0);
    let a = fb.call(&mut mb, e, "fact", I64, vec![i(20)]);
    fb.say(&mut mb, e, v(a));
    let w = fb.call(&mut mb, e, "fact", I64, vec![i(5)]);
    fb.ret(e, Some(v(w)));
    mb.add(fb);
    check("ex3", &mb, "2432902008176640000\n", 120, "");
}

#[test]
fn example4_alloca_widths() {
    let mut mb = MB::new();
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    let e = BlockId(0);
    let buf = fb.op(e, Alloca, Ptr, vec![i(24)]);
    let first = fb.op(e, Load, I64, vec![v(buf)]);
    fb.say(&mut mb, e, v(first));
    fb.store(e, I64, v(buf), i(0x0102030405060708));
    let p8 = fb.op(e, Gep, Ptr, vec![v(buf), i(8)]);
    fb.store(e, F64, v(p8), f(0.25));
    let p16 = fb.op(e, Gep, Ptr, vec![v(buf), i(16)]);
    fb.store(e, I1, v(p16), Operand::Bool(true));
    let h = fb.op(e, Load, I16, vec![v(buf)]);
    let tmp = fb.op(e, Alloca, Ptr, vec![i(8)]);
    fb.store(e, I64, v(tmp), i(0));
    fb.store(e, I16, v(tmp), v(h));
    let h64 = fb.op(e, Load, I64, vec![v(tmp)]);
    fb.say(&mut mb, e, v(h64));
    let y = fb.op(e, Load, F64, vec![v(p8)]);
    let fx = fb.op(e, CastSiToFp, F64, vec![v(h64)]);
    let sum = fb.op(e, FAdd, F64, vec![v(fx), v(y)]);
    fb.call(
        &mut mb,
        e,
        "Viper.Terminal.SayNum",
        il::Type::Void,
        vec![v(sum)],
    );
    let z = fb.op(e, Load, I1, vec![v(p16)]);
    fb.call(
        &mut mb,
        e,
        "Viper.Terminal.SayBool",
        il::Type::Void,
        vec![v(z)],
    );
    fb.ret(e, Some(i(0)));
    mb.add(fb);
    check("ex4", &mb, "0\n1800\n1800.25\ntrue\n", 0, "");
}

#[test]
fn example5_switch_and_narrowing_trap() {
    let mut mb = MB::new();
    let mut fb = FB::new(&mut mb, "pick", &[I64], I64);
    let e = BlockId(0);
    let vv = fb.params(e)[0];
    let zero = fb.block("zero", &[]);
    let small = fb.block("small", &[I64]);
    let other = fb.block("other", &[I64]);
    let s = fb.op_ann(e, CastSiNarrowChk, I32, vec![v(vv)]);
    fb.switch(
        e,
        v(s),
        (other, vec![v(vv)]),
        vec![
            (0, zero, vec![]),
            (1, small, vec![i(10)]),
            (2, small, vec![i(20)]),
        ],
    );
    fb.ret(zero, Some(i(100)));
    let k = fb.params(small)[0];
    let r = fb.op(small, IAddOvf, I64, vec![v(k), i(1)]);
    fb.ret(small, Some(v(r)));
    let o = fb.params(other)[0];
    let neg = fb.op(other, ISubOvf, I64, vec![i(0), v(o)]);
    fb.ret(other, Some(v(neg)));
    mb.add(fb);
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    for x in [0, 2, 7, 5000000000] {
        let a = fb.call(&mut mb, e, "pick", I64, vec![i(x)]);
        fb.say(&mut mb, e, v(a));
    }
    fb.ret(e, Some(i(0)));
    mb.add(fb);
    check(
        "ex5",
        &mb,
        "100\n21\n-7\n",
        1,
        "Trap @pick:entry#0: InvalidCast (code=0): value out of range in cast.si_narrow.chk",
    );
}

#[test]
fn example6_overflow_with_loc() {
    let mut mb = MB::new();
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    let e = BlockId(0);
    let lp = fb.block("loop", &[I64]);
    fb.br(e, lp, vec![i(1)]);
    let x = fb.params(lp)[0];
    fb.say(&mut mb, lp, v(x));
    let y = fb.op(lp, IMulOvf, I64, vec![v(x), i(1000000)]);
    fb.set_loc(lp, 12);
    fb.br(lp, lp, vec![v(y)]);
    mb.add(fb);
    check(
        "ex6",
        &mb,
        "1\n1000000\n1000000000000\n1000000000000000000\n",
        1,
        "Trap @main:loop#1 line 12: Overflow (code=0): integer overflow in imul.ovf",
    );
}

#[test]
fn example9_float_nan_rounding_shifts() {
    let mut mb = MB::new();
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    let e = BlockId(0);
    let nan = fb.op(e, FDiv, F64, vec![f(0.0), f(0.0)]);
    let eq = fb.op(e, FCmpEq, I1, vec![v(nan), v(nan)]);
    let ne = fb.op(e, FCmpNe, I1, vec![v(nan), v(nan)]);
    let uno = fb.op(e, FCmpUno, I1, vec![v(nan), f(1.0)]);
    let a = fb.op(e, Zext1, I64, vec![v(eq)]);
    let b = fb.op(e, Zext1, I64, vec![v(ne)]);
    let c = fb.op(e, Zext1, I64, vec![v(uno)]);
    for x in [a, b, c] {
        fb.say(&mut mb, e, v(x));
    }
    let r1 = fb.op(e, CastFpToSiRteChk, I64, vec![f(2.5)]);
    let r2 = fb.op(e, CastFpToSiRteChk, I64, vec![f(-3.5)]);
    fb.say(&mut mb, e, v(r1));
    fb.say(&mut mb, e, v(r2));
    let t = fb.op(e, FDiv, F64, vec![f(1.0), f(3.0)]);
    fb.call(
        &mut mb,
        e,
        "Viper.Terminal.SayNum",
        il::Type::Void,
        vec![v(t)],
    );
    let sh = fb.op(e, Shl, I64, vec![i(1), i(68)]);
    fb.say(&mut mb, e, v(sh));
    let as_ = fb.op(e, AShr, I64, vec![i(-256), i(4)]);
    fb.say(&mut mb, e, v(as_));
    let ls = fb.op(e, LShr, I64, vec![i(-256), i(60)]);
    fb.say(&mut mb, e, v(ls));
    let rem = fb.op(e, SRemChk0, I64, vec![i(-7), i(3)]);
    fb.say(&mut mb, e, v(rem));
    fb.op(e, CastFpToSiRteChk, I64, vec![v(nan)]);
    fb.ret(e, Some(i(0)));
    mb.add(fb);
    check(
        "ex9",
        &mb,
        "0\n1\n1\n2\n-4\n0.333333333333333\n16\n-16\n15\n-1\n",
        1,
        "Trap @main:entry#24: InvalidCast (code=0): invalid fp operand in cast.fp_to_si.rte.chk",
    );
}

#[test]
fn example10_idx_chk_in_callee() {
    let mut mb = MB::new();
    let mut fb = FB::new(&mut mb, "slot", &[I64], I64);
    let e = BlockId(0);
    let x = fb.params(e)[0];
    let off = fb.op(e, IdxChk, I64, vec![v(x), i(1), i(4)]);
    fb.set_loc(e, 3);
    let bytes = fb.op(e, IMulOvf, I64, vec![v(off), i(8)]);
    fb.ret(e, Some(v(bytes)));
    mb.add(fb);
    let mut fb = FB::new(&mut mb, "main", &[], I64);
    for k in [1, 3, 4] {
        let a = fb.call(&mut mb, e, "slot", I64, vec![i(k)]);
        fb.say(&mut mb, e, v(a));
    }
    fb.ret(e, Some(i(300)));
    mb.add(fb);
    check(
        "ex10",
        &mb,
        "0\n16\n",
        1,
        "Trap @slot:entry#0 line 3: Bounds (code=0)",
    );
}
