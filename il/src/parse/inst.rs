//! Instruction lines (IL-SPEC §3.7, §3.8, §6): result definition, mnemonic, and the operand
//! shape of every opcode, following the operand conventions documented on [`Inst`].
//!
//! Invariants: operands are resolved against names defined textually earlier (block params
//! only within their block); a result is defined only after its operands are read; when a line
//! fails, fix-ups registered for it are dropped, and its result name (if any) is still defined
//! (type `void`) to avoid cascades of "unknown value" errors.

use super::body::{Fixup, FnState};
use super::cursor::{is_label_char, Cur, PResult};
use super::literals::{parse_bare, parse_int, Lit};
use super::scope::Binding;
use super::{quoted, BodyCx};
use crate::verify::rules;
use crate::{
    thin_vec, BlockId, BranchTarget, Inst, Opcode, Operand, ThinVec, Type, ValueData, ValueId,
};
use smallvec::SmallVec;

/// Parse one instruction line into the current block.
pub(crate) fn instruction<'a>(
    p: &mut BodyCx<'a, '_>,
    fs: &mut FnState<'a, '_>,
    c: &mut Cur<'a>,
) -> PResult<()> {
    let span = c.span_at(0);
    let mut result: Option<(&'a str, usize)> = None;
    let mut annot: Option<Type> = None;
    if c.peek() == Some(b'%') {
        c.pos = 1;
        let npos = c.pos;
        let name = c.name("a result name after '%'")?;
        result = Some((name, npos - 1));
        if c.eat(b':') {
            annot = Some(c.ty()?);
        }
        c.expect(b'=', "'=' after the result name")?;
    }
    let fix_mark = fs.t.fixups.len();
    // Build the instruction in place at the end of its block: instructions are large, and a
    // stack temporary plus a copy costs more than parsing the line. The vector is detached
    // from `fs` meanwhile so that the operand parsers can borrow `fs`.
    let Some(bi) = fs.f.blocks.len().checked_sub(1) else {
        return c.err(0, "instruction before the first block label");
    };
    let mut insts = std::mem::take(&mut fs.f.blocks[bi].insts);
    insts.push(Inst::new(Opcode::Trap, span));
    let r = match insts.last_mut() {
        Some(inst) => fill(p, fs, c, inst, result, annot, fix_mark),
        None => Ok(()),
    };
    if r.is_err() {
        insts.pop();
    }
    fs.f.blocks[bi].insts = insts;
    r
}

/// Parse the rest of the line into `inst` (already in its block) and define its result.
fn fill<'a>(
    p: &mut BodyCx<'a, '_>,
    fs: &mut FnState<'a, '_>,
    c: &mut Cur<'a>,
    inst: &mut Inst,
    result: Option<(&'a str, usize)>,
    annot: Option<Type>,
    fix_mark: usize,
) -> PResult<()> {
    let r = body(p, fs, c, inst, annot, result.is_some());
    let vty = match r {
        Ok(t) => t,
        Err(d) => {
            fs.t.fixups.truncate(fix_mark);
            if let Some((name, _)) = result {
                if fs.t.scope.get(name).is_none() {
                    let v = fs.new_value(name, Type::Void);
                    fs.t.scope.define_result(name, v);
                }
            }
            return Err(d);
        }
    };
    if let Some((name, npos)) = result {
        let v = ValueId(fs.f.values.len() as u32);
        if !fs.t.scope.define_result(name, v) {
            fs.t.fixups.truncate(fix_mark);
            return c.err(npos, format!("duplicate result name %{name}"));
        }
        fs.f.values.push(ValueData {
            name: name.into(),
            ty: vty,
        });
        inst.result = Some(v);
    }
    inst.loc = fs.loc;
    Ok(())
}

/// Mnemonic and operands, filled into `inst` (built in place: instructions are large);
/// returns the type of its result value.
fn body<'a>(
    p: &mut BodyCx<'a, '_>,
    fs: &mut FnState<'a, '_>,
    c: &mut Cur<'a>,
    inst: &mut Inst,
    annot: Option<Type>,
    has_result: bool,
) -> PResult<Type> {
    use Opcode::*;
    c.skip_ws();
    let mpos = c.pos;
    let mn = c.take_while(|ch| !ch.is_ascii_whitespace());
    let Some(op) = super::mnemonic::lookup(mn.as_bytes()) else {
        return if mn.is_empty() {
            c.err(mpos, "expected an opcode")
        } else {
            c.err(mpos, format!("unknown opcode '{mn}'"))
        };
    };
    inst.op = op;
    inst.annotated = annot.is_some();
    let mut mem_ty = Type::Void;
    // Return type of a directly named callee (`call @f`, `call.indirect @f`), if known.
    let mut callee_ret: Option<Type> = None;
    let ops = &mut inst.operands;
    match op {
        Add | Sub | Mul | SDiv | UDiv | SRem | URem | IAddOvf | ISubOvf | IMulOvf | SDivChk0
        | UDivChk0 | SRemChk0 | URemChk0 | And | Or | Xor | Shl | LShr | AShr | FAdd | FSub
        | FMul | FDiv | ICmpEq | ICmpNe | SCmpLt | SCmpLe | SCmpGt | SCmpGe | UCmpLt | UCmpLe
        | UCmpGt | UCmpGe | FCmpEq | FCmpNe | FCmpLt | FCmpLe | FCmpGt | FCmpGe | FCmpOrd
        | FCmpUno | Gep | TrapErr => {
            ops.push(value(p, fs, c)?);
            c.expect(b',', "','")?;
            ops.push(value(p, fs, c)?);
        }
        IdxChk => {
            ops.push(value(p, fs, c)?);
            c.expect(b',', "','")?;
            ops.push(value(p, fs, c)?);
            c.expect(b',', "','")?;
            ops.push(value(p, fs, c)?);
        }
        Fptosi | Sitofp | CastSiToFp | CastUiToFp | CastFpToSiRteChk | CastFpToUiRteChk
        | CastSiNarrowChk | CastUiNarrowChk | Zext1 | Trunc1 | Alloca | AddrOf | GAddr
        | ConstStr | ConstF64 | ErrGetKind | ErrGetCode | ErrGetLine | ErrGetIp | ResumeSame
        | ResumeNext => ops.push(value(p, fs, c)?),
        ConstNull | Trap | TrapKind | EhPop | EhEntry => {}
        Load => {
            mem_ty = c.ty()?;
            c.expect(b',', "','")?;
            ops.push(value(p, fs, c)?);
        }
        Store => {
            mem_ty = c.ty()?;
            c.expect(b',', "','")?;
            ops.push(value(p, fs, c)?);
            c.expect(b',', "','")?;
            ops.push(value(p, fs, c)?);
        }
        TrapFromErr => {
            mem_ty = c.ty()?;
            c.eat(b',');
            ops.push(value(p, fs, c)?);
        }
        Call => {
            c.skip_ws();
            if !c.eat(b'@') {
                return c.err(c.pos, "expected '@callee(' after call");
            }
            let name = c.name("a callee name")?;
            let sym = p.intern(name);
            inst.callee = Some(sym);
            if c.peek() != Some(b'(') {
                return c.err(c.pos, "expected '(' after the callee name");
            }
            c.pos += 1;
            args(p, fs, c, ops)?;
            // Integer literals passed to f64 parameters become floats (IL-SPEC §5).
            if let Some((params, ret)) = p.callee_sig(sym) {
                callee_ret = Some(ret);
                for (a, t) in ops.iter_mut().zip(params.iter()) {
                    if let (Operand::Int(v), Type::F64) = (&*a, t) {
                        *a = Operand::F64((*v as f64).to_bits());
                    }
                }
            }
        }
        CallIndirect => {
            let callee = value(p, fs, c)?;
            if let Operand::Sym(s) = callee {
                callee_ret = p.callee_sig(s).map(|(_, ret)| ret);
            }
            ops.push(callee);
            if c.eat(b'(') {
                args(p, fs, c, ops)?;
            } else if c.eat(b',') {
                // `call.indirect %f, %x`: the reference drops everything after the callee token
                // and calls with no arguments (IL-SPEC §7.8 [R]); front ends emit this form, so
                // it is read the same way (docs/decisions.md).
                c.pos = c.b.len();
            }
        }
        // Target vectors are allocated at their exact size (one allocation per branch).
        Br => inst.targets = thin_vec![target(p, fs, c)?],
        Cbr => {
            ops.push(value(p, fs, c)?);
            c.expect(b',', "','")?;
            let t = target(p, fs, c)?;
            c.expect(b',', "','")?;
            inst.targets = thin_vec![t, target(p, fs, c)?];
        }
        SwitchI32 => {
            ops.push(value(p, fs, c)?);
            c.expect(b',', "',' and a default target")?;
            let t = target(p, fs, c)?;
            inst.targets.push(t);
            let mut cases = ThinVec::new();
            while c.eat(b',') {
                c.skip_ws();
                let vpos = c.pos;
                let neg = matches!(c.peek(), Some(b'-') | Some(b'+'));
                if neg {
                    c.pos += 1;
                }
                c.take_while(|ch| ch.is_ascii_alphanumeric() || ch == b'_');
                let tok = &c.s[vpos..c.pos];
                let v = parse_int(tok)
                    .map_err(|m| Box::new(crate::Diagnostic::error(c.span_at(vpos), m)))?;
                let Ok(v32) = i32::try_from(v) else {
                    return c.err(vpos, format!("switch case value {v} is out of i32 range"));
                };
                c.skip_ws();
                if !c.s[c.pos..].starts_with("->") {
                    return c.err(c.pos, "expected '->' after the case value");
                }
                c.pos += 2;
                let t = target(p, fs, c)?;
                inst.targets.push(t);
                cases.push(v32);
            }
            inst.cases = cases;
        }
        Ret => {
            c.skip_ws();
            if !c.at_end() {
                ops.push(value(p, fs, c)?);
            }
        }
        EhPush => inst.targets = thin_vec![target(p, fs, c)?],
        ResumeLabel => {
            ops.push(value(p, fs, c)?);
            c.expect(b',', "','")?;
            inst.targets = thin_vec![target(p, fs, c)?];
        }
    }
    c.end()?;
    // Result and instruction types.
    let vty = match rules::result_rule(op) {
        rules::ResultRule::None => Type::Void,
        rules::ResultRule::Fixed(t) => annot.unwrap_or(t),
        rules::ResultRule::Annotated(default) => annot.unwrap_or(default),
        rules::ResultRule::Memory => annot.unwrap_or(mem_ty),
        rules::ResultRule::IdxChk => {
            rules::idx_chk_width(&inst.operands, |v| fs.f.value_type(v), annot)
        }
        rules::ResultRule::Call => annot.unwrap_or(callee_ret.unwrap_or(Type::Void)),
    };
    inst.ty = match op {
        Load | Store | TrapFromErr => mem_ty,
        _ if has_result => vty,
        _ => Type::Void,
    };
    // The width annotation of checked arithmetic selects the checking width only; the value
    // itself is typed i64 (IL-SPEC §7.1; the corpus relies on it).
    let vty = if rules::width_annotatable(op) {
        Type::I64
    } else {
        vty
    };
    Ok(vty)
}

/// Comma-separated values up to `)` (the `(` is already consumed).
fn args<'a>(
    p: &mut BodyCx<'a, '_>,
    fs: &FnState<'a, '_>,
    c: &mut Cur<'a>,
    out: &mut SmallVec<[Operand; 2]>,
) -> PResult<()> {
    if c.eat(b')') {
        return Ok(());
    }
    loop {
        out.push(value(p, fs, c)?);
        if c.eat(b')') {
            return Ok(());
        }
        c.expect(b',', "',' or ')'")?;
    }
}

/// One operand value.
fn value<'a>(p: &mut BodyCx<'a, '_>, fs: &FnState<'a, '_>, c: &mut Cur<'a>) -> PResult<Operand> {
    c.skip_ws();
    let start = c.pos;
    match c.peek() {
        Some(b'%') => {
            c.pos += 1;
            let n = c.name("a value name after '%'")?;
            match fs.t.scope.get(n) {
                Some(Binding::Result(v)) => Ok(Operand::Value(v)),
                Some(Binding::Param { block, value }) if block == fs.cur_block() => {
                    Ok(Operand::Value(value))
                }
                Some(Binding::Param { .. }) => c.err(
                    start,
                    format!("block parameter %{n} used outside its block (block parameters are local to their block)"),
                ),
                None => c.err(
                    start,
                    format!("unknown value %{n} (values must be defined before use)"),
                ),
            }
        }
        Some(b'@') => {
            c.pos += 1;
            let n = c.name("a name after '@'")?;
            Ok(Operand::Sym(p.intern(n)))
        }
        Some(b'"') => Ok(Operand::Str(Box::new(quoted(c)?))),
        None => c.err(start, "expected a value"),
        Some(_) => {
            let tok =
                c.take_while(|ch| !(ch.is_ascii_whitespace() || matches!(ch, b',' | b'(' | b')')));
            if tok.is_empty() {
                return c.err(start, "expected a value");
            }
            match parse_bare(tok) {
                Ok(Lit::Int(v)) => Ok(Operand::Int(v)),
                Ok(Lit::Float(f)) => Ok(Operand::F64(f.to_bits())),
                Ok(Lit::Bool(b)) => Ok(Operand::Bool(b)),
                Ok(Lit::Null) => Ok(Operand::Null),
                Err(m) => c.err(start, m),
            }
        }
    }
}

/// `[label ][^]name[(args…)]`, resolved against the function's labels (a fix-up, reported
/// at the end of the function, when it names none).
fn target<'a>(
    p: &mut BodyCx<'a, '_>,
    fs: &mut FnState<'a, '_>,
    c: &mut Cur<'a>,
) -> PResult<BranchTarget> {
    c.skip_ws();
    // Optional `label` keyword, unless `label` is itself the block name.
    if c.s[c.pos..].starts_with("label") {
        let after = c.pos + 5;
        if c.b.get(after).is_some_and(|ch| ch.is_ascii_whitespace()) {
            let mut k = after;
            while c.b.get(k).is_some_and(|ch| ch.is_ascii_whitespace()) {
                k += 1;
            }
            if c.b
                .get(k)
                .is_some_and(|&ch| ch == b'^' || is_label_char(ch))
            {
                c.pos = k;
            }
        }
    }
    if c.peek() == Some(b'^') {
        c.pos += 1;
    }
    let lpos = c.pos;
    let label = c.take_while(is_label_char);
    if label.is_empty() {
        return c.err(lpos, "expected a block label");
    }
    let block = match fs.t.labels.get(label) {
        Some(&b) => b,
        None => {
            // Reported at the end of the function, unless this line fails.
            fs.t.fixups.push(Fixup {
                label,
                span: c.span_at(lpos),
            });
            BlockId(u32::MAX)
        }
    };
    let mut t = BranchTarget {
        block,
        args: SmallVec::new(),
    };
    if c.peek() == Some(b'(') {
        c.pos += 1;
        if !c.eat(b')') {
            loop {
                t.args.push(value(p, fs, c)?);
                if c.eat(b')') {
                    break;
                }
                c.expect(b',', "',' or ')'")?;
            }
        }
    }
    Ok(t)
}
