//! Canonical IL text (IL-SPEC §11): `il <ver>`, optional target, externs, globals, functions;
//! instructions indented two spaces, a `.loc` line before every located instruction, branch
//! targets without `^` for `br`/`cbr` and with `^` for `switch.i32`/`eh.push`/`resume.label`.
//!
//! Invariant: for every module produced by the parser, `parse(print(m))` equals `m` apart from
//! source spans (symbols are declared in the same canonical order the parser interns them:
//! externs, globals, functions, then operand-only names in order of appearance).

use crate::{BranchTarget, Function, Inst, Module, Opcode, Operand, ValueId};
use std::fmt::Write as _;

/// Canonical IL text of a module.
pub fn print(m: &Module) -> String {
    let mut out = String::with_capacity(1 << 16);
    let version = if m.version.is_empty() {
        "0.2.0"
    } else {
        &m.version
    };
    let _ = writeln!(out, "il {version}");
    if let Some(t) = &m.target {
        out.push_str("target ");
        write_str_lit(&mut out, t.as_bytes());
        out.push('\n');
    }
    for e in &m.externs {
        let params: Vec<&str> = e.params.iter().map(|t| t.name()).collect();
        let _ = writeln!(
            out,
            "extern @{}({}) -> {}",
            m.sym_name(e.name),
            params.join(", "),
            e.ret
        );
    }
    for g in &m.globals {
        let _ = write!(out, "global const str @{} = ", m.sym_name(g.name));
        write_str_lit(&mut out, &g.bytes);
        out.push('\n');
    }
    for f in &m.functions {
        function(&mut out, m, f);
    }
    out
}

fn function(out: &mut String, m: &Module, f: &Function) {
    let params: Vec<String> = f
        .params
        .iter()
        .map(|p| format!("{} %{}", p.ty, p.name))
        .collect();
    let _ = writeln!(
        out,
        "func @{}({}) -> {} {{",
        m.sym_name(f.name),
        params.join(", "),
        f.ret
    );
    for b in &f.blocks {
        if b.handler_kw {
            out.push_str("handler ^");
        }
        out.push_str(&b.label);
        if !b.params.is_empty() {
            out.push('(');
            for (i, &p) in b.params.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                value_name(out, f, p);
                let _ = write!(out, ":{}", f.value_type(p));
            }
            out.push(')');
        }
        out.push_str(":\n");
        for inst in &b.insts {
            if let Some(l) = inst.loc {
                let _ = writeln!(out, "  .loc {} {} {}", l.file, l.line, l.col);
            }
            out.push_str("  ");
            instruction(out, m, f, inst);
            out.push('\n');
        }
    }
    out.push_str("}\n");
}

fn value_name(out: &mut String, f: &Function, v: ValueId) {
    match f.values.get(v.index()).map(|d| &*d.name) {
        Some(n) if !n.is_empty() => {
            out.push('%');
            out.push_str(n);
        }
        _ => {
            let _ = write!(out, "%t{}", v.0);
        }
    }
}

fn instruction(out: &mut String, m: &Module, f: &Function, inst: &Inst) {
    use Opcode::*;
    if let Some(r) = inst.result {
        value_name(out, f, r);
        if inst.annotated {
            let _ = write!(out, ":{}", inst.ty);
        }
        out.push_str(" = ");
    }
    out.push_str(inst.op.mnemonic());
    let ops = &inst.operands;
    match inst.op {
        Load | Store => {
            let _ = write!(out, " {}", inst.ty);
            for o in ops {
                out.push_str(", ");
                operand(out, m, f, o);
            }
        }
        TrapFromErr => {
            let _ = write!(out, " {}", inst.ty);
            for o in ops {
                out.push(' ');
                operand(out, m, f, o);
            }
        }
        Call => {
            let name = inst.callee.map(|s| m.sym_name(s)).unwrap_or("?");
            let _ = write!(out, " @{name}(");
            list(out, m, f, ops);
            out.push(')');
        }
        CallIndirect => {
            if let Some(c) = ops.first() {
                out.push(' ');
                operand(out, m, f, c);
                if ops.len() > 1 {
                    out.push('(');
                    list(out, m, f, &ops[1..]);
                    out.push(')');
                }
            }
        }
        Br | Cbr | SwitchI32 | EhPush | ResumeLabel => {
            let caret = !matches!(inst.op, Br | Cbr);
            let mut first = true;
            for o in ops {
                out.push_str(if first { " " } else { ", " });
                first = false;
                operand(out, m, f, o);
            }
            for (i, t) in inst.targets.iter().enumerate() {
                out.push_str(if first { " " } else { ", " });
                first = false;
                if inst.op == SwitchI32 && i > 0 {
                    let case = inst.cases.get(i - 1).copied().unwrap_or(0);
                    let _ = write!(out, "{case} -> ");
                }
                target(out, m, f, t, caret);
            }
        }
        Add | Sub | Mul | SDiv | UDiv | SRem | URem | Fptosi | IAddOvf | ISubOvf | IMulOvf
        | SDivChk0 | UDivChk0 | SRemChk0 | URemChk0 | IdxChk | And | Or | Xor | Shl | LShr
        | AShr | FAdd | FSub | FMul | FDiv | ICmpEq | ICmpNe | SCmpLt | SCmpLe | SCmpGt
        | SCmpGe | UCmpLt | UCmpLe | UCmpGt | UCmpGe | FCmpEq | FCmpNe | FCmpLt | FCmpLe
        | FCmpGt | FCmpGe | FCmpOrd | FCmpUno | Sitofp | CastSiToFp | CastUiToFp
        | CastFpToSiRteChk | CastFpToUiRteChk | CastSiNarrowChk | CastUiNarrowChk | Zext1
        | Trunc1 | Alloca | Gep | AddrOf | GAddr | ConstStr | ConstNull | ConstF64 | Ret | Trap
        | TrapKind | TrapErr | ErrGetKind | ErrGetCode | ErrGetLine | ErrGetIp | EhPop
        | EhEntry | ResumeSame | ResumeNext => {
            if !ops.is_empty() {
                out.push(' ');
                list(out, m, f, ops);
            }
        }
    }
}

fn list(out: &mut String, m: &Module, f: &Function, ops: &[Operand]) {
    for (i, o) in ops.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        operand(out, m, f, o);
    }
}

fn target(out: &mut String, m: &Module, f: &Function, t: &BranchTarget, caret: bool) {
    if caret {
        out.push('^');
    }
    match f.blocks.get(t.block.index()) {
        Some(b) => out.push_str(&b.label),
        None => {
            let _ = write!(out, "bb{}", t.block.0);
        }
    }
    if !t.args.is_empty() {
        out.push('(');
        list(out, m, f, &t.args);
        out.push(')');
    }
}

fn operand(out: &mut String, m: &Module, f: &Function, o: &Operand) {
    match o {
        Operand::Value(v) => value_name(out, f, *v),
        Operand::Int(v) => {
            let _ = write!(out, "{v}");
        }
        Operand::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Operand::F64(bits) => out.push_str(&float_text(f64::from_bits(*bits))),
        Operand::Null => out.push_str("null"),
        Operand::Str(s) => write_str_lit(out, s),
        Operand::Sym(s) => {
            out.push('@');
            out.push_str(m.symbols.get(s.0 as usize).map(|s| &**s).unwrap_or("?"));
        }
    }
}

/// Shortest round-trip spelling that reads back as a float: contains `.` or `e`, or is one of
/// `NaN`, `Inf`, `-Inf`.
pub fn float_text(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Inf" } else { "-Inf" }.into();
    }
    let s = format!("{v:?}");
    if s.contains('.') || s.contains('e') {
        s
    } else {
        format!("{s}.0")
    }
}

/// A quoted, escaped string literal; bytes outside printable ASCII use `\xHH` (exact for any bytes).
fn write_str_lit(out: &mut String, bytes: &[u8]) {
    out.push('"');
    for &c in bytes {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0 => out.push_str("\\0"),
            0x20..=0x7e => out.push(c as char),
            _ => {
                let _ = write!(out, "\\x{c:02X}");
            }
        }
    }
    out.push('"');
}
