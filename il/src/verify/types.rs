//! Operand and result typing (IL-SPEC §8.3 rules 8–12, §5 strict places): operand counts,
//! exact operand types with the integer-literal fit rule, result presence and annotations,
//! rejected opcodes, calls, branch arguments, `ret`, `switch.i32` cases, `idx.chk` widths, and
//! `@name` operands (each must name a function, extern, string global or runtime function, except
//! `const_str`'s, which the VM resolves at run time: IL-SPEC §7.8, docs/decisions.md).
//!
//! Invariant: runs only after `structure::check` succeeded, so all ids index validly.

use super::rules::{self, fits, ResultRule};
use super::FnCx;
use crate::{BranchTarget, Inst, Opcode, Operand, Symbol, Type};

/// How strictly an operand slot treats literals and `str`/`ptr`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Integer literals that fit are accepted for any integer slot.
    Lenient,
    /// Only `i64` slots accept plain integer literals; `true/false` only for `i1` (§5).
    Strict,
    /// Call argument/result: lenient literals for i1/i64, strict for i16/i32; `str`≡`ptr`.
    CallArg,
}

pub(crate) fn check(cx: &mut FnCx<'_, '_>) {
    let f = cx.f;
    for b in &f.blocks {
        for inst in &b.insts {
            check_inst(cx, inst);
            check_symbols(cx, inst);
        }
    }
}

/// Every `@name` operand an instruction takes the address of must exist: a module function,
/// an extern, a string global or a known runtime function. Not checked here: `const_str`'s
/// operand (an unknown global traps DomainError at run time, IL-SPEC §7.8) and the callee of
/// `call.indirect @f` (checked like a direct call's callee).
fn check_symbols(cx: &mut FnCx<'_, '_>, inst: &Inst) {
    let skip = match inst.op {
        Opcode::ConstStr | Opcode::CallIndirect => 1,
        _ => 0,
    };
    let ops = inst.operands.iter().skip(skip);
    for o in ops.chain(inst.targets.iter().flat_map(|t| t.args.iter())) {
        if let Operand::Sym(s) = o {
            if !cx.has_address(*s) {
                let msg = format!(
                    "unknown symbol @{} (not a function, extern, global or runtime function)",
                    cx.sym(*s)
                );
                cx.err(inst.span, msg);
            }
        }
    }
}

fn describe(cx: &FnCx<'_, '_>, o: &Operand) -> String {
    match o {
        Operand::Value(v) => format!("{} of type {}", cx.vname(*v), cx.f.value_type(*v)),
        Operand::Int(v) => format!("integer literal {v}"),
        Operand::Bool(b) => format!("'{b}'"),
        Operand::F64(_) => "a float literal".into(),
        Operand::Null => "null".into(),
        Operand::Str(_) => "a string literal".into(),
        Operand::Sym(s) => format!("@{}", cx.sym(*s)),
    }
}

fn accepts(cx: &FnCx<'_, '_>, o: &Operand, want: Type, mode: Mode) -> bool {
    let strp = |t: Type| mode == Mode::CallArg && matches!(t, Type::Str | Type::Ptr);
    match o {
        Operand::Value(v) => {
            let t = cx.f.value_type(*v);
            t == want || (strp(t) && strp(want))
        }
        Operand::Int(v) => match mode {
            Mode::Lenient => fits(*v, want),
            Mode::Strict => want == Type::I64,
            Mode::CallArg => matches!(want, Type::I1 | Type::I64) && fits(*v, want),
        },
        Operand::Bool(_) => match mode {
            Mode::Strict => want == Type::I1,
            _ => want.is_int(),
        },
        Operand::F64(_) => want == Type::F64,
        Operand::Null => want == Type::Ptr || strp(want),
        Operand::Str(_) => want == Type::Str || strp(want),
        // Corpus decision: `store ptr, %p, @FUNC` occurs (BASIC OOP vtables), so an `@name`
        // operand is accepted wherever a `ptr` value is expected (its address).
        Operand::Sym(_) => want == Type::Ptr,
    }
}

fn want(cx: &mut FnCx<'_, '_>, inst: &Inst, idx: usize, want: Type, mode: Mode) {
    let Some(o) = inst.operands.get(idx) else {
        return;
    };
    if !accepts(cx, o, want, mode) {
        let msg = format!(
            "{}: operand {} must be {want}, got {}",
            inst.op.mnemonic(),
            idx + 1,
            describe(cx, o)
        );
        cx.err(inst.span, msg);
    }
}

fn want_sym(cx: &mut FnCx<'_, '_>, inst: &Inst) {
    if !matches!(inst.operands.first(), Some(Operand::Sym(_))) {
        let msg = format!("{}: operand must be an @name", inst.op.mnemonic());
        cx.err(inst.span, msg);
    }
}

/// Expected operand count (min, max).
fn target_count(inst: &Inst) -> usize {
    match inst.op.targets() {
        crate::opcode::TargetRule::None => 0,
        crate::opcode::TargetRule::One => 1,
        crate::opcode::TargetRule::Two => 2,
        crate::opcode::TargetRule::DefaultPlusCases => inst.cases.len() + 1,
    }
}

fn check_inst(cx: &mut FnCx<'_, '_>, inst: &Inst) {
    use Opcode::*;
    let op = inst.op;
    let mn = op.mnemonic();
    let n = inst.operands.len();
    let (lo, hi) = op.arity();
    if n < lo || n > hi {
        let msg = if lo == hi {
            format!("{mn} takes {lo} operand(s), found {n}")
        } else {
            format!("{mn} takes {lo} to {hi} operands, found {n}")
        };
        cx.err(inst.span, msg);
        return;
    }
    let tc = target_count(inst);
    if inst.targets.len() != tc {
        let msg = format!(
            "{mn} needs {tc} branch target(s), found {}",
            inst.targets.len()
        );
        cx.err(inst.span, msg);
        return;
    }
    if op != SwitchI32 && !inst.cases.is_empty() {
        cx.err(inst.span, format!("{mn} cannot have switch cases"));
    }
    check_result(cx, inst);
    let l = Mode::Lenient;
    match op {
        Add | Sub | Mul => {
            let msg = format!("{mn} is not allowed: integer arithmetic must use i{mn}.ovf");
            cx.err(inst.span, msg)
        }
        SDiv | UDiv | SRem | URem => {
            let msg = format!("{mn} is not allowed: division must use {mn}.chk0");
            cx.err(inst.span, msg)
        }
        Fptosi => cx.err(
            inst.span,
            "fptosi is not allowed: use cast.fp_to_si.rte.chk",
        ),
        IAddOvf | ISubOvf | IMulOvf | SDivChk0 | UDivChk0 | SRemChk0 | URemChk0 | And | Or
        | Xor | Shl | LShr | AShr | ICmpEq | ICmpNe | SCmpLt | SCmpLe | SCmpGt | SCmpGe
        | UCmpLt | UCmpLe | UCmpGt | UCmpGe => {
            want(cx, inst, 0, Type::I64, l);
            want(cx, inst, 1, Type::I64, l);
        }
        FAdd | FSub | FMul | FDiv | FCmpEq | FCmpNe | FCmpLt | FCmpLe | FCmpGt | FCmpGe
        | FCmpOrd | FCmpUno => {
            want(cx, inst, 0, Type::F64, l);
            want(cx, inst, 1, Type::F64, l);
        }
        IdxChk => idx_chk(cx, inst),
        Sitofp | CastSiToFp | CastUiToFp | CastSiNarrowChk | CastUiNarrowChk | Trunc1 => {
            want(cx, inst, 0, Type::I64, l)
        }
        CastFpToSiRteChk | CastFpToUiRteChk => want(cx, inst, 0, Type::F64, l),
        // The operand is a FLOAT literal (IL-SPEC §6), not a value.
        ConstF64 => match inst.operands[0] {
            Operand::F64(_) => {}
            ref o => {
                let msg = format!("const.f64 takes a float literal, got {}", describe(cx, o));
                cx.err(inst.span, msg);
            }
        },
        Zext1 => want(cx, inst, 0, Type::I1, l),
        Alloca => {
            want(cx, inst, 0, Type::I64, l);
            if let Some(Operand::Int(v)) = inst.operands.first() {
                if *v < 0 {
                    cx.err(inst.span, format!("alloca size must not be negative ({v})"));
                }
            }
        }
        Gep => {
            want(cx, inst, 0, Type::Ptr, l);
            want(cx, inst, 1, Type::I64, l);
        }
        Load => {
            if inst.ty == Type::Void {
                cx.err(inst.span, "load type must not be void");
            }
            want(cx, inst, 0, Type::Ptr, l);
        }
        Store => {
            if inst.ty == Type::Void {
                cx.err(inst.span, "store type must not be void");
            } else {
                want(cx, inst, 1, inst.ty, l);
            }
            want(cx, inst, 0, Type::Ptr, l);
        }
        AddrOf | GAddr | ConstStr => want_sym(cx, inst),
        ConstNull | Trap | TrapKind | EhPop | EhEntry => {}
        Call => call(cx, inst),
        CallIndirect => call_indirect(cx, inst),
        Br => branch_args(cx, inst, &inst.targets[0]),
        Cbr => {
            want(cx, inst, 0, Type::I1, Mode::Strict);
            branch_args(cx, inst, &inst.targets[0]);
            branch_args(cx, inst, &inst.targets[1]);
        }
        SwitchI32 => switch(cx, inst),
        Ret => ret(cx, inst),
        TrapFromErr => {
            if inst.ty != Type::I32 {
                cx.err(inst.span, "trap.from_err type must be i32");
            }
            want(cx, inst, 0, Type::I32, l);
        }
        TrapErr => {
            if !matches!(inst.operands[0], Operand::Value(_)) {
                cx.err(inst.span, "trap.err: the code must be an i32 value");
            } else {
                want(cx, inst, 0, Type::I32, Mode::Strict);
            }
            want(cx, inst, 1, Type::Str, l);
        }
        ErrGetKind | ErrGetCode | ErrGetLine | ErrGetIp => want(cx, inst, 0, Type::Error, l),
        ResumeSame | ResumeNext => want(cx, inst, 0, Type::ResumeTok, l),
        ResumeLabel => {
            want(cx, inst, 0, Type::ResumeTok, l);
            branch_args(cx, inst, &inst.targets[0]);
        }
        EhPush => {
            if !inst.targets[0].args.is_empty() {
                cx.err(inst.span, "eh.push target takes no arguments");
            }
        }
    }
}

/// Result presence, annotation legality, and the recorded result value type.
fn check_result(cx: &mut FnCx<'_, '_>, inst: &Inst) {
    use Opcode::*;
    let mn = inst.op.mnemonic();
    let rule = rules::result_rule(inst.op);
    let Some(r) = inst.result else {
        if !matches!(rule, ResultRule::None | ResultRule::Call) {
            cx.err(inst.span, format!("{mn} requires a result"));
        }
        if inst.annotated {
            cx.err(inst.span, "type annotation without a result");
        }
        return;
    };
    let t = inst.ty;
    let expected_value = match rule {
        ResultRule::None => {
            cx.err(inst.span, format!("{mn} does not produce a result"));
            return;
        }
        ResultRule::Fixed(nat) => {
            if rules::width_annotatable(inst.op) {
                if !matches!(t, Type::I16 | Type::I32 | Type::I64) {
                    cx.err(
                        inst.span,
                        format!("{mn} width annotation must be i16, i32 or i64"),
                    );
                }
                Type::I64
            } else {
                if t != nat {
                    let msg = format!("{mn} produces {nat}, but the result is annotated {t}");
                    cx.err(inst.span, msg);
                }
                nat
            }
        }
        ResultRule::Annotated(_) => {
            match inst.op {
                CastSiNarrowChk | CastUiNarrowChk => {
                    if !inst.annotated || !matches!(t, Type::I16 | Type::I32) {
                        cx.err(inst.span, "narrowing cast result must be i16 or i32");
                    }
                }
                ConstNull => {
                    if !matches!(t, Type::Ptr | Type::Str | Type::Error | Type::ResumeTok) {
                        cx.err(
                            inst.span,
                            "const_null result must be ptr, str, error or resume_tok",
                        );
                    }
                }
                _ => {
                    if !matches!(t, Type::I16 | Type::I32 | Type::I64) {
                        cx.err(inst.span, format!("{mn} result must be i16, i32 or i64"));
                    }
                }
            }
            t
        }
        ResultRule::Memory | ResultRule::IdxChk => t,
        ResultRule::Call => {
            let natural = match (inst.op, inst.callee, inst.operands.first()) {
                (Call, Some(s), _) | (CallIndirect, _, Some(&Operand::Sym(s))) => {
                    cx.sig(s).map(|sig| sig.ret)
                }
                _ => None,
            };
            match natural {
                Some(Type::Void) => {
                    cx.err(
                        inst.span,
                        format!("{mn} to a void function cannot have a result"),
                    );
                }
                Some(nat) => {
                    let same = nat == t
                        || (matches!(nat, Type::Str | Type::Ptr)
                            && matches!(t, Type::Str | Type::Ptr));
                    if !same {
                        let msg = format!("{mn} returns {nat}, but the result is annotated {t}");
                        cx.err(inst.span, msg);
                    }
                }
                None if inst.op == CallIndirect && !inst.annotated => cx.err(
                    inst.span,
                    "call.indirect through a pointer needs a result type annotation (%r:T = …)",
                ),
                None => {}
            }
            if t == Type::Void {
                // `%r:void = call.indirect %p`: no callee type says otherwise.
                if natural.is_none() {
                    cx.err(
                        inst.span,
                        format!("the result of {mn} cannot have type void"),
                    );
                }
                return;
            }
            t
        }
    };
    let vt = cx.f.value_type(r);
    if vt != expected_value {
        let msg = format!(
            "result {} has type {vt}, but {mn} produces {expected_value}",
            cx.vname(r)
        );
        cx.err(inst.span, msg);
    }
}

fn idx_chk(cx: &mut FnCx<'_, '_>, inst: &Inst) {
    let f = cx.f;
    let annot = inst.annotated.then_some(inst.ty);
    let w = rules::idx_chk_width(&inst.operands, |v| f.value_type(v), annot);
    if !matches!(w, Type::I16 | Type::I32 | Type::I64) {
        cx.err(
            inst.span,
            format!("idx.chk operands must be i16, i32 or i64, found {w}"),
        );
        return;
    }
    for i in 0..3 {
        want(cx, inst, i, w, Mode::Lenient);
    }
    if inst.annotated && inst.ty != w {
        let msg = format!(
            "idx.chk annotation {} does not match operand width {w}",
            inst.ty
        );
        cx.err(inst.span, msg);
    }
    if inst.result.is_some() && inst.ty != w {
        cx.err(inst.span, format!("idx.chk result must have type {w}"));
    }
}

fn check_args(
    cx: &mut FnCx<'_, '_>,
    inst: &Inst,
    params: &[Type],
    args: &[Operand],
    callee: Symbol,
) {
    if params.len() != args.len() {
        let who = cx.sym(callee);
        let msg = format!(
            "call to @{who} passes {} argument(s), expected {}",
            args.len(),
            params.len()
        );
        cx.err(inst.span, msg);
        return;
    }
    for (i, (a, &t)) in args.iter().zip(params).enumerate() {
        if !accepts(cx, a, t, Mode::CallArg) {
            let who = cx.sym(callee);
            let msg = format!(
                "call to @{who}: argument {} must be {t}, got {}",
                i + 1,
                describe(cx, a)
            );
            cx.err(inst.span, msg);
        }
    }
}

fn call(cx: &mut FnCx<'_, '_>, inst: &Inst) {
    let Some(s) = inst.callee else {
        cx.err(inst.span, "call without a callee");
        return;
    };
    match cx.sig(s) {
        Some(sig) => check_args(cx, inst, sig.params, &inst.operands, s),
        None => cx.err(
            inst.span,
            format!(
                "unknown callee @{} (not a function, extern or runtime function)",
                cx.sym(s)
            ),
        ),
    }
}

fn call_indirect(cx: &mut FnCx<'_, '_>, inst: &Inst) {
    match &inst.operands[0] {
        Operand::Sym(s) => match cx.sig(*s) {
            Some(sig) => check_args(cx, inst, sig.params, &inst.operands[1..], *s),
            None => {
                let msg = format!("unknown callee @{}", cx.sym(*s));
                cx.err(inst.span, msg)
            }
        },
        _ => want(cx, inst, 0, Type::Ptr, Mode::Lenient),
    }
}

fn branch_args(cx: &mut FnCx<'_, '_>, inst: &Inst, t: &BranchTarget) {
    let b = &cx.f.blocks[t.block.index()];
    if b.params.len() != t.args.len() {
        let msg = format!(
            "bad arg count: branch to '{}' passes {} argument(s), the block takes {}",
            b.label,
            t.args.len(),
            b.params.len()
        );
        cx.err(inst.span, msg);
        return;
    }
    for (i, (a, &p)) in t.args.iter().zip(&b.params).enumerate() {
        let pt = cx.f.value_type(p);
        if !accepts(cx, a, pt, Mode::Strict) {
            let msg = format!(
                "branch to '{}': argument {} must be {pt}, got {}",
                b.label,
                i + 1,
                describe(cx, a)
            );
            cx.err(inst.span, msg);
        }
    }
}

fn switch(cx: &mut FnCx<'_, '_>, inst: &Inst) {
    match inst.operands[0] {
        Operand::Value(v) if cx.f.value_type(v) == Type::I32 => {}
        ref o => {
            let msg = format!(
                "switch.i32 scrutinee must be an i32 value, got {}",
                describe(cx, o)
            );
            cx.err(inst.span, msg);
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for c in &inst.cases {
        if !seen.insert(*c) {
            cx.err(inst.span, format!("duplicate switch case value {c}"));
        }
    }
    for t in &inst.targets {
        branch_args(cx, inst, t);
    }
}

fn ret(cx: &mut FnCx<'_, '_>, inst: &Inst) {
    let rt = cx.f.ret;
    match (rt, inst.operands.first()) {
        (Type::Void, None) => {}
        (Type::Void, Some(_)) => cx.err(inst.span, "ret with a value in a void function"),
        (t, None) => cx.err(inst.span, format!("ret needs a value of type {t}")),
        (t, Some(o)) => {
            if !accepts(cx, o, t, Mode::Strict) {
                let msg = format!("ret value must be {t}, got {}", describe(cx, o));
                cx.err(inst.span, msg);
            }
        }
    }
}
