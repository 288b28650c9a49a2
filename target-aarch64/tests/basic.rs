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
