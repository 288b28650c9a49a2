//! The execution engine: frames, operand evaluation, control flow (block parameters as parallel
//! copies), calls (direct, runtime, indirect) and exception handling (IL-SPEC §7.7–§7.10).
//!
//! Invariants: every value lives in a 64-bit slot of its frame (`regs`, zero-initialised, so a
//! result skipped by `resume.next` keeps its previous value as in the VM); a frame's allocas are
//! released when it returns; a trap unwinds Rust frames until one with a non-empty handler stack
//! enters its top handler (which stays pushed: VM semantics, IL-SPEC §7.10 [R]).

use crate::mem::{untag, MemError, Memory, ERR_TAG, FN_TAG, STR_TAG, TOK_TAG};
use crate::ops::{self, Fault, TrapKind as TK};
use crate::{InterpError, Outcome, TrapInfo};
use il::{BlockId, Function, Inst, Module, Opcode, Operand, Type};
use std::collections::BTreeMap;

/// Maximum call depth (the VM's limit).
const MAX_DEPTH: usize = 1000;

pub(crate) enum Unwind {
    Trap(Box<TrapInfo>),
    Fatal(InterpError),
}

impl From<InterpError> for Unwind {
    fn from(e: InterpError) -> Unwind {
        Unwind::Fatal(e)
    }
}

/// An error record (`error` value): `{kind, code, ip, line}`.
#[derive(Clone, Copy)]
struct ErrRec {
    kind: i32,
    code: i32,
    ip: i64,
    line: i32,
}

/// Where a resume token continues: (block, instruction index).
#[derive(Clone, Copy)]
struct Resume {
    block: BlockId,
    ip: usize,
}

/// What an instruction asks the frame loop to do next.
enum Flow {
    Next,
    Jump(BlockId, Vec<u64>),
    Resume(usize),
    Return(u64),
}

pub struct Machine<'m> {
    m: &'m Module,
    /// Symbol index → function index.
    funcs: Vec<Option<usize>>,
    /// Symbol index → address of a string global's bytes.
    global_addr: Vec<Option<u64>>,
    mem: Memory,
    pub(crate) strings: Vec<Vec<u8>>,
    string_ids: BTreeMap<Vec<u8>, u64>,
    errors: Vec<ErrRec>,
    tokens: Vec<Resume>,
    pub(crate) out: Vec<u8>,
    depth: usize,
    steps: u64,
    step_limit: u64,
    trap_kind: i64,
}

fn fatal<T>(msg: impl Into<String>) -> Result<T, Unwind> {
    Err(Unwind::Fatal(InterpError::Malformed(msg.into())))
}

impl<'m> Machine<'m> {
    pub fn new(m: &'m Module, step_limit: u64) -> Machine<'m> {
        let mut funcs = vec![None; m.symbols.len()];
        for (i, f) in m.functions.iter().enumerate() {
            if let Some(slot) = funcs.get_mut(f.name.0 as usize) {
                *slot = Some(i);
            }
        }
        let mut mem = Memory::default();
        let mut global_addr = vec![None; m.symbols.len()];
        for g in &m.globals {
            let addr = mem.place(&g.bytes);
            if let Some(slot) = global_addr.get_mut(g.name.0 as usize) {
                *slot = Some(addr);
            }
        }
        Machine {
            m,
            funcs,
            global_addr,
            mem,
            strings: Vec::new(),
            string_ids: BTreeMap::new(),
            errors: Vec::new(),
            tokens: Vec::new(),
            out: Vec::new(),
            depth: 0,
            steps: 0,
            step_limit,
            trap_kind: TK::RuntimeError as i64,
        }
    }

    /// Run `@main` and package the outcome.
    pub fn run_main(mut self) -> Result<Outcome, InterpError> {
        let main = self
            .m
            .functions
            .iter()
            .find(|f| self.m.sym_name(f.name) == "main")
            .ok_or_else(|| InterpError::Malformed("missing main".into()))?;
        match self.call_function(main, &[]) {
            Ok(v) => {
                let exit_code = match main.ret {
                    Type::Void => 0,
                    _ => (v & 0xFF) as i32,
                };
                Ok(Outcome {
                    stdout: self.out,
                    exit_code,
                    trap: None,
                })
            }
            Err(Unwind::Trap(t)) => Ok(Outcome {
                stdout: self.out,
                exit_code: 1,
                trap: Some(*t),
            }),
            Err(Unwind::Fatal(e)) => Err(e),
        }
    }

    /// A string handle for `bytes` (interned).
    pub(crate) fn intern(&mut self, bytes: &[u8]) -> u64 {
        if let Some(&h) = self.string_ids.get(bytes) {
            return h;
        }
        let h = STR_TAG | self.strings.len() as u64;
        self.strings.push(bytes.to_vec());
        self.string_ids.insert(bytes.to_vec(), h);
        h
    }

    /// The bytes of a string handle (null → empty).
    pub(crate) fn string(&self, h: u64) -> Result<&[u8], Unwind> {
        if h == 0 {
            return Ok(&[]);
        }
        let (tag, i) = untag(h);
        match self.strings.get(i) {
            Some(s) if tag == STR_TAG => Ok(s),
            _ => fatal(format!("{h:#x} is not a string handle")),
        }
    }

    fn call_function(&mut self, f: &'m Function, args: &[u64]) -> Result<u64, Unwind> {
        if self.depth >= MAX_DEPTH {
            return Err(self.trap_at(
                f,
                0,
                0,
                Fault::new(
                    TK::RuntimeError,
                    "stack overflow: maximum recursion depth exceeded",
                ),
            ));
        }
        self.depth += 1;
        let mark = self.mem.mark();
        let r = self.run_frame(f, args);
        self.mem.release(mark);
        self.depth -= 1;
        r
    }

    fn trap_at(&self, f: &Function, block: usize, ip: usize, fault: Fault) -> Unwind {
        let b = f.blocks.get(block);
        Unwind::Trap(Box::new(TrapInfo {
            kind: fault.kind,
            code: fault.code,
            detail: fault.detail,
            func: self.m.sym_name(f.name).to_string(),
            block: b.map(|b| b.label.to_string()).unwrap_or_default(),
            ip,
            line: b
                .and_then(|b| b.insts.get(ip))
                .and_then(|i| i.loc)
                .map(|l| l.line),
        }))
    }

    fn run_frame(&mut self, f: &'m Function, args: &[u64]) -> Result<u64, Unwind> {
        let mut regs = vec![0u64; f.values.len()];
        let entry = f.blocks.first().ok_or_else(|| {
            InterpError::Malformed(format!("@{} has no blocks", self.m.sym_name(f.name)))
        })?;
        if entry.params.len() != args.len() {
            return Err(self.trap_at(
                f,
                0,
                0,
                Fault::new(TK::InvalidOperation, "argument count mismatch"),
            ));
        }
        for (p, a) in entry.params.iter().zip(args) {
            set(&mut regs, p.index(), *a)?;
        }
        let mut handlers: Vec<BlockId> = Vec::new();
        let mut arena_used = 0u64;
        let (mut block, mut ip) = (0usize, 0usize);
        loop {
            self.steps += 1;
            if self.steps > self.step_limit {
                return Err(InterpError::StepLimit(self.step_limit).into());
            }
            let Some(inst) = f.blocks.get(block).and_then(|b| b.insts.get(ip)) else {
                return fatal(format!(
                    "fell off block {block} of @{}",
                    self.m.sym_name(f.name)
                ));
            };
            let flow = self.step(inst, &mut regs, &mut handlers, &mut arena_used);
            match flow {
                Ok(Flow::Next) => ip += 1,
                Ok(Flow::Jump(target, vals)) => {
                    let tb = f.blocks.get(target.index());
                    let params = tb.map(|b| b.params.as_slice()).unwrap_or(&[]);
                    if params.len() != vals.len() {
                        return fatal("branch argument count mismatch");
                    }
                    for (p, v) in params.iter().zip(vals) {
                        set(&mut regs, p.index(), v)?;
                    }
                    block = target.index();
                    ip = 0;
                }
                Ok(Flow::Resume(tok)) => {
                    let Some(r) = self.tokens.get(tok).copied() else {
                        return fatal("bad resume token");
                    };
                    block = r.block.index();
                    ip = r.ip;
                    if f.blocks.get(block).is_none_or(|b| ip >= b.insts.len()) {
                        let fault = Fault::new(TK::RuntimeError, "resume past a terminator");
                        return Err(self.trap_at(f, block, ip.saturating_sub(1), fault));
                    }
                }
                Ok(Flow::Return(v)) => return Ok(v),
                Err(MemOrUnwind::Fault(fault)) => {
                    let u = self.trap_at(f, block, ip, fault);
                    (block, ip) = self.deliver(f, u, &handlers, &mut regs, block, ip)?;
                }
                Err(MemOrUnwind::Unwind(u @ Unwind::Trap(_))) => {
                    (block, ip) = self.deliver(f, u, &handlers, &mut regs, block, ip)?;
                }
                Err(MemOrUnwind::Unwind(u)) => return Err(u),
            }
        }
    }

    /// Enter the top handler of this frame for trap `u` raised at (block, ip), or propagate it.
    fn deliver(
        &mut self,
        f: &Function,
        u: Unwind,
        handlers: &[BlockId],
        regs: &mut [u64],
        block: usize,
        ip: usize,
    ) -> Result<(usize, usize), Unwind> {
        let (Unwind::Trap(t), Some(&h)) = (&u, handlers.last()) else {
            return Err(u);
        };
        let line = f
            .blocks
            .get(block)
            .and_then(|b| b.insts.get(ip))
            .and_then(|i| i.loc)
            .map_or(-1, |l| l.line as i32);
        let err = ERR_TAG | self.errors.len() as u64;
        self.errors.push(ErrRec {
            kind: t.kind as i32,
            code: t.code,
            ip: ip as i64,
            line,
        });
        let tok = TOK_TAG | self.tokens.len() as u64;
        self.tokens.push(Resume {
            block: BlockId(block as u32),
            ip,
        });
        self.trap_kind = t.kind as i64;
        let hb = f.blocks.get(h.index());
        match hb.map(|b| b.params.as_slice()) {
            Some([e, k]) => {
                set(regs, e.index(), err)?;
                set(regs, k.index(), tok)?;
            }
            _ => return fatal("handler block must have (%err, %tok) parameters"),
        }
        Ok((h.index(), 0))
    }

    fn eval(&mut self, regs: &[u64], op: &Operand) -> Result<u64, Unwind> {
        Ok(match op {
            Operand::Value(v) => match regs.get(v.index()) {
                Some(x) => *x,
                None => return fatal(format!("unknown value %{}", v.0)),
            },
            Operand::Int(i) => *i as u64,
            Operand::Bool(b) => *b as u64,
            Operand::F64(bits) => *bits,
            Operand::Null => 0,
            Operand::Str(bytes) => self.intern(bytes),
            Operand::Sym(s) => {
                let i = s.0 as usize;
                if let Some(Some(fi)) = self.funcs.get(i) {
                    FN_TAG | *fi as u64
                } else if let Some(Some(a)) = self.global_addr.get(i) {
                    *a
                } else {
                    return Err(InterpError::Unsupported(format!(
                        "address of @{}",
                        self.m.sym_name(*s)
                    ))
                    .into());
                }
            }
        })
    }

    fn op(&mut self, regs: &[u64], inst: &Inst, i: usize) -> Result<u64, Unwind> {
        match inst.operands.get(i) {
            Some(o) => self.eval(regs, o),
            None => fatal(format!("{} lacks operand {i}", inst.op.mnemonic())),
        }
    }

    fn args(&mut self, regs: &[u64], ops: &[Operand]) -> Result<Vec<u64>, Unwind> {
        ops.iter().map(|o| self.eval(regs, o)).collect()
    }

    fn step(
        &mut self,
        inst: &'m Inst,
        regs: &mut [u64],
        handlers: &mut Vec<BlockId>,
        arena_used: &mut u64,
    ) -> Result<Flow, MemOrUnwind> {
        use Opcode::*;
        let result = |regs: &mut [u64], v: u64| -> Result<Flow, MemOrUnwind> {
            if let Some(r) = inst.result {
                set(regs, r.index(), v)?;
            }
            Ok(Flow::Next)
        };
        match inst.op {
            Add | Sub | Mul | IAddOvf | ISubOvf | IMulOvf | SDivChk0 | UDivChk0 | SRemChk0
            | URemChk0 | And | Or | Xor | Shl | LShr | AShr | FAdd | FSub | FMul | FDiv
            | ICmpEq | ICmpNe | SCmpLt | SCmpLe | SCmpGt | SCmpGe | UCmpLt | UCmpLe | UCmpGt
            | UCmpGe | FCmpEq | FCmpNe | FCmpLt | FCmpLe | FCmpGt | FCmpGe | FCmpOrd | FCmpUno => {
                let a = self.op(regs, inst, 0)?;
                let b = self.op(regs, inst, 1)?;
                result(regs, ops::binary(inst.op, inst.ty, a, b)?)
            }
            // The unchecked forms trap like the checked ones (on a zero divisor and on overflow).
            SDiv => {
                let v = self.divide(regs, inst, SDivChk0)?;
                result(regs, v)
            }
            UDiv => {
                let v = self.divide(regs, inst, UDivChk0)?;
                result(regs, v)
            }
            SRem => {
                let v = self.divide(regs, inst, SRemChk0)?;
                result(regs, v)
            }
            URem => {
                let v = self.divide(regs, inst, URemChk0)?;
                result(regs, v)
            }
            IdxChk => {
                let i = self.op(regs, inst, 0)?;
                let lo = self.op(regs, inst, 1)?;
                let hi = self.op(regs, inst, 2)?;
                result(regs, ops::idx_chk(inst.ty, i, lo, hi)?)
            }
            Sitofp | CastSiToFp | CastUiToFp | CastFpToSiRteChk | CastFpToUiRteChk | Fptosi
            | CastSiNarrowChk | CastUiNarrowChk | Zext1 | Trunc1 => {
                let x = self.op(regs, inst, 0)?;
                result(regs, ops::convert(inst.op, inst.ty, x)?)
            }
            Alloca => {
                let n = self.op(regs, inst, 0)?;
                let a = self.mem.alloc(n as i64, arena_used)?;
                result(regs, a)
            }
            Gep => {
                let p = self.op(regs, inst, 0)?;
                let o = self.op(regs, inst, 1)?;
                result(regs, p.wrapping_add(o))
            }
            Load => {
                let p = self.op(regs, inst, 0)?;
                let raw = self.mem.load(p, inst.ty.size() as u64)?;
                let v = match inst.ty {
                    Type::I1 => raw & 1,
                    Type::I16 => ops::sext(raw, 16) as u64,
                    Type::I32 => ops::sext(raw, 32) as u64,
                    _ => raw,
                };
                result(regs, v)
            }
            Store => {
                let p = self.op(regs, inst, 0)?;
                let v = self.op(regs, inst, 1)?;
                let v = if inst.ty == Type::I1 { v & 1 } else { v };
                self.mem.store(p, inst.ty.size() as u64, v)?;
                Ok(Flow::Next)
            }
            AddrOf | GAddr => {
                let a = self.op(regs, inst, 0)?;
                result(regs, a)
            }
            ConstStr => {
                let h = match inst.operands.first() {
                    Some(Operand::Sym(s)) => match self.m.global(*s) {
                        Some(g) => {
                            // A NUL inside a global truncates it (IL-SPEC §7.8 [R]).
                            let end = g
                                .bytes
                                .iter()
                                .position(|&b| b == 0)
                                .unwrap_or(g.bytes.len());
                            self.intern(&g.bytes[..end])
                        }
                        None => return Err(Fault::new(TK::DomainError, "unknown global").into()),
                    },
                    Some(o) => self.eval(regs, o)?,
                    None => return Ok(fatal("const_str without operand")?),
                };
                result(regs, h)
            }
            ConstNull => result(regs, 0),
            ConstF64 => {
                let v = self.op(regs, inst, 0)?;
                result(regs, v)
            }
            Call => {
                let args = self.args(regs, &inst.operands)?;
                let Some(callee) = inst.callee else {
                    return Ok(fatal("call without callee")?);
                };
                let v = self.call_symbol(callee, &args)?;
                result(regs, v)
            }
            CallIndirect => {
                let args = self.args(regs, inst.operands.get(1..).unwrap_or(&[]))?;
                let v = match inst.operands.first() {
                    Some(Operand::Sym(s)) => self.call_symbol(*s, &args)?,
                    Some(o) => {
                        let p = self.eval(regs, o)?;
                        if p == 0 {
                            return Err(
                                Fault::new(TK::InvalidOperation, "null indirect callee").into()
                            );
                        }
                        let (tag, i) = untag(p);
                        match self.m.functions.get(i) {
                            Some(g) if tag == FN_TAG => self.call_function(g, &args)?,
                            _ => {
                                return Err(InterpError::Memory(format!(
                                    "indirect call through {p:#x}, not a function"
                                ))
                                .into())
                            }
                        }
                    }
                    None => return Ok(fatal("call.indirect without callee")?),
                };
                result(regs, v)
            }
            Br => self.jump(regs, inst, 0),
            Cbr => {
                let t = if self.op(regs, inst, 0)? != 0 { 0 } else { 1 };
                self.jump(regs, inst, t)
            }
            SwitchI32 => {
                let s = ops::sext(self.op(regs, inst, 0)?, 32) as i32;
                let t = inst.cases.iter().position(|&c| c == s).map_or(0, |k| k + 1);
                self.jump(regs, inst, t)
            }
            Ret => {
                let v = match inst.operands.first() {
                    Some(o) => self.eval(regs, o)?,
                    None => 0,
                };
                Ok(Flow::Return(v))
            }
            Trap => Err(MemOrUnwind::Fault(Fault {
                kind: TK::DomainError,
                code: 0,
                detail: None,
            })),
            TrapFromErr => {
                let c = self.op(regs, inst, 0)? as i32;
                Err(MemOrUnwind::Fault(Fault {
                    kind: TK::from_code(i64::from(c)),
                    code: c,
                    detail: None,
                }))
            }
            TrapKind => result(regs, self.trap_kind as u64),
            TrapErr => {
                let c = self.op(regs, inst, 0)? as i32;
                let h = ERR_TAG | self.errors.len() as u64;
                self.errors.push(ErrRec {
                    kind: TK::from_code(i64::from(c)) as i32,
                    code: c,
                    ip: 0,
                    line: -1,
                });
                result(regs, h)
            }
            ErrGetKind => {
                let v = self.err_field(regs, inst, |e| e.kind as i64)?;
                result(regs, v)
            }
            ErrGetCode => {
                let v = self.err_field(regs, inst, |e| e.code as i64)?;
                result(regs, v)
            }
            ErrGetLine => {
                let v = self.err_field(regs, inst, |e| e.line as i64)?;
                result(regs, v)
            }
            ErrGetIp => {
                let v = self.err_field(regs, inst, |e| e.ip)?;
                result(regs, v)
            }
            EhPush => {
                let Some(t) = inst.targets.first() else {
                    return Ok(fatal("eh.push without target")?);
                };
                handlers.push(t.block);
                Ok(Flow::Next)
            }
            EhPop => {
                handlers.pop();
                Ok(Flow::Next)
            }
            EhEntry => Ok(Flow::Next),
            ResumeSame => {
                let (i, _) = self.token(regs, inst)?;
                Ok(Flow::Resume(i))
            }
            ResumeNext => {
                let (_, r) = self.token(regs, inst)?;
                self.tokens.push(Resume {
                    block: r.block,
                    ip: r.ip + 1,
                });
                Ok(Flow::Resume(self.tokens.len() - 1))
            }
            ResumeLabel => {
                self.token(regs, inst)?;
                self.jump(regs, inst, 0)
            }
        }
    }

    /// `sdiv`/`udiv`/`srem`/`urem` through their checked twin `checked`.
    fn divide(&mut self, regs: &[u64], inst: &Inst, checked: Opcode) -> Result<u64, MemOrUnwind> {
        let a = self.op(regs, inst, 0)?;
        let b = self.op(regs, inst, 1)?;
        Ok(ops::binary(checked, Type::I64, a, b)?)
    }

    /// `err.get_*`: `field` of the error record operand 0 refers to.
    fn err_field(
        &mut self,
        regs: &[u64],
        inst: &Inst,
        field: impl Fn(&ErrRec) -> i64,
    ) -> Result<u64, MemOrUnwind> {
        let h = self.op(regs, inst, 0)?;
        let (tag, i) = untag(h);
        let Some(e) = self.errors.get(i).copied().filter(|_| tag == ERR_TAG) else {
            return Ok(fatal(format!("{h:#x} is not an error handle"))?);
        };
        Ok(field(&e) as u64)
    }

    /// The resume token operand 0 refers to: its index and the resume point.
    fn token(&mut self, regs: &[u64], inst: &Inst) -> Result<(usize, Resume), MemOrUnwind> {
        let h = self.op(regs, inst, 0)?;
        let (tag, i) = untag(h);
        match self.tokens.get(i).copied().filter(|_| tag == TOK_TAG) {
            Some(r) => Ok((i, r)),
            None => Ok(fatal(format!("{h:#x} is not a resume token"))?),
        }
    }

    fn jump(&mut self, regs: &[u64], inst: &Inst, t: usize) -> Result<Flow, MemOrUnwind> {
        let Some(target) = inst.targets.get(t) else {
            return Ok(fatal("missing branch target")?);
        };
        let vals = self.args(regs, &target.args)?;
        Ok(Flow::Jump(target.block, vals))
    }

    fn call_symbol(&mut self, s: il::Symbol, args: &[u64]) -> Result<u64, Unwind> {
        if let Some(Some(fi)) = self.funcs.get(s.0 as usize) {
            let f = &self.m.functions[*fi];
            return self.call_function(f, args);
        }
        let name = self.m.sym_name(s);
        self.call_runtime(name, args)
    }
}

/// An instruction's failure: a trap still to be located, or an unwind already in progress.
pub(crate) enum MemOrUnwind {
    Fault(Fault),
    Unwind(Unwind),
}

impl From<Fault> for MemOrUnwind {
    fn from(f: Fault) -> Self {
        MemOrUnwind::Fault(f)
    }
}
impl From<Unwind> for MemOrUnwind {
    fn from(u: Unwind) -> Self {
        MemOrUnwind::Unwind(u)
    }
}
impl From<InterpError> for MemOrUnwind {
    fn from(e: InterpError) -> Self {
        MemOrUnwind::Unwind(Unwind::Fatal(e))
    }
}
impl From<MemError> for MemOrUnwind {
    fn from(e: MemError) -> Self {
        match e {
            MemError::Trap(f) => MemOrUnwind::Fault(f),
            MemError::Fatal(e) => e.into(),
        }
    }
}

fn set(regs: &mut [u64], i: usize, v: u64) -> Result<(), Unwind> {
    match regs.get_mut(i) {
        Some(slot) => {
            *slot = v;
            Ok(())
        }
        None => fatal(format!("value index {i} out of range")),
    }
}
