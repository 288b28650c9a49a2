//! First milestone: exit codes and printing through the runtime.
mod common;
use common::*;
use il::{Opcode, Operand, Type};

#[test]
fn ret_15_exits_15() {
    let mut mb = MB::new();
    let mut fb = FB::new(&mut mb, "main", &[], Type::I64);
    fb.ret(il::BlockId(0), Some(i(15)));
    mb.add(fb);
    if let Some(r) = run("ret15", &mb.m) {
        assert_eq!(r.code, 15, "{}", r.stderr);
    }
    assemble_darwin("ret15", &mb.m);
}

#[test]
fn prints_i64_and_str() {
    let mut mb = MB::new();
    let g = mb.global(".hello", b"Hello, IL!\n");
    let mut fb = FB::new(&mut mb, "main", &[], Type::I64);
    let e = il::BlockId(0);
    let s = fb.op(e, Opcode::ConstStr, Type::Str, vec![Operand::Sym(g)]);
    fb.call(
        &mut mb,
        e,
        "Viper.Terminal.PrintStr",
        Type::Void,
        vec![v(s)],
    );
    fb.call(
        &mut mb,
        e,
        "Viper.Terminal.PrintI64",
        Type::Void,
        vec![i(-9223372036854775808)],
    );
    fb.call(
        &mut mb,
        e,
        "Viper.Terminal.PrintStr",
        Type::Void,
        vec![Operand::Str(b"|\n".to_vec().into())],
    );
    fb.ret(e, Some(i(0)));
    mb.add(fb);
    if let Some(r) = run("print", &mb.m) {
        assert_eq!(r.stdout, "Hello, IL!\n-9223372036854775808|\n");
        assert_eq!(r.code, 0);
    }
    assemble_darwin("print", &mb.m);
}

#[test]
fn eh_pop_without_push_is_a_no_op() {
    // EH is supported (tests/eh.rs); a function without `eh.push` pays nothing for `eh.pop`.
    let mut mb = MB::new();
    let mut fb = FB::new(&mut mb, "main", &[], Type::I64);
    let e = il::BlockId(0);
    fb.op(e, Opcode::EhPop, Type::Void, vec![]);
    fb.ret(e, Some(i(3)));
    mb.add(fb);
    let asm = compile(&mb.m, &opts(codegen_api::TargetOs::Linux));
    assert!(!asm.contains("vpr_eh_top"), "{asm}");
    if let Some(r) = run("ehpop", &mb.m) {
        assert_eq!(r.code, 3);
    }
}

#[test]
fn loop_with_twenty_live_values_stays_in_registers() {
    // 20 values defined before a loop and all used inside it (no calls in the loop).
    let mut mb = MB::new();
    let mut fb = FB::new(&mut mb, "main", &[], Type::I64);
    let e = il::BlockId(0);
    let vals: Vec<_> = (0..20)
        .map(|k| fb.op(e, Opcode::IAddOvf, Type::I64, vec![i(k), i(7)]))
        .collect();
    let lp = fb.block("loop", &[Type::I64, Type::I64]);
    let out = fb.block("out", &[Type::I64]);
    fb.br(e, lp, vec![i(0), i(0)]);
    let p = fb.params(lp);
    let mut acc = p[1];
    for x in &vals {
        acc = fb.op(lp, Opcode::Xor, Type::I64, vec![v(acc), v(*x)]);
    }
    let n2 = fb.op(lp, Opcode::IAddOvf, Type::I64, vec![v(p[0]), i(1)]);
    let c = fb.op(lp, Opcode::SCmpLt, Type::I1, vec![v(n2), i(100)]);
    fb.term(
        lp,
        Opcode::Cbr,
        vec![v(c)],
        vec![(lp, vec![v(n2), v(acc)]), (out, vec![v(acc)])],
    );
    let r = fb.params(out)[0];
    fb.ret(out, Some(v(r)));
    mb.add(fb);
    let asm = compile(&mb.m, &opts(codegen_api::TargetOs::Linux));
    let body: String = asm
        .split(".Lf0_b2:")
        .nth(1)
        .and_then(|s| s.split(".Lf0_b3:").next())
        .unwrap_or("")
        .to_string();
    assert!(!body.is_empty(), "{asm}");
    assert!(
        !body.contains("[sp") && !body.contains("[x29"),
        "loop touches the stack:\n{body}"
    );
}
