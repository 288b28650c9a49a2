//! IL → `rm6` MIR: one MIR instruction per IL instruction, with constants materialised first.
//!
//! Invariants: MIR block 0 is a synthetic entry (arguments in r0–r3/f0–f3, further ones loaded
//! from the stack) that jumps to MIR block `k + 1` = IL block `k`; each IL value gets one vreg,
//! created on first mention; [`shape`] classifies every opcode exhaustively.

use crate::inst::{fl, r, RmFunction, RmInst, ARG_REGS};
use codegen_api::{CodegenError, CodegenOptions, Lowering};
use il::{Effect, Inst, Opcode, Operand, Type, ValueId};
use target_common::regalloc2::RegClass;
use target_common::{Edge, MirFunction, Reg, SrcPos};

/// How an opcode is lowered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A register operation (`op`), result optional.
    Op,
    /// `call` (`indirect: false`) / `call.indirect`.
    Call {
        indirect: bool,
    },
    Ret,
    /// `br`, `cbr`, `switch.i32`, `resume.label`: a terminator with edges.
    Branch,
    /// `trap`, `trap.from_err`, `resume.same`, `resume.next`: a terminator without edges.
    Stop,
}

/// The shape of every opcode (exhaustive: a new opcode must be given one).
pub fn shape(op: Opcode) -> Shape {
    use Opcode::*;
    match op {
        Add | Sub | Mul | SDiv | UDiv | SRem | URem | Fptosi | IAddOvf | ISubOvf | IMulOvf
        | SDivChk0 | UDivChk0 | SRemChk0 | URemChk0 | IdxChk | And | Or | Xor | Shl | LShr
        | AShr | FAdd | FSub | FMul | FDiv | ICmpEq | ICmpNe | SCmpLt | SCmpLe | SCmpGt
        | SCmpGe | UCmpLt | UCmpLe | UCmpGt | UCmpGe | FCmpEq | FCmpNe | FCmpLt | FCmpLe
        | FCmpGt | FCmpGe | FCmpOrd | FCmpUno | Sitofp | CastSiToFp | CastUiToFp
        | CastFpToSiRteChk | CastFpToUiRteChk | CastSiNarrowChk | CastUiNarrowChk | Zext1
        | Trunc1 | Alloca | Gep | Load | Store | AddrOf | GAddr | ConstStr | ConstNull
        | ConstF64 | TrapKind | TrapErr | ErrGetKind | ErrGetCode | ErrGetLine | ErrGetIp
        | EhPush | EhPop | EhEntry => Shape::Op,
        Call => Shape::Call { indirect: false },
        CallIndirect => Shape::Call { indirect: true },
        Ret => Shape::Ret,
        Br | Cbr | SwitchI32 | ResumeLabel => Shape::Branch,
        Trap | TrapFromErr | ResumeSame | ResumeNext => Shape::Stop,
    }
}

/// The `rm6` lowering (implements `codegen_api::Lowering`).
pub struct RmLowering;

fn class(t: Type) -> RegClass {
    if t == Type::F64 {
        RegClass::Float
    } else {
        RegClass::Int
    }
}

struct Fl<'a> {
    m: &'a il::Module,
    f: &'a il::Function,
    out: RmFunction,
    vals: Vec<Option<Reg>>,
    cur: usize,
    /// Source position of the IL instruction being lowered.
    pos: SrcPos,
}

impl Fl<'_> {
    fn push(&mut self, i: RmInst) {
        self.out.mir.blocks[self.cur].push(i, self.pos);
    }
    fn value(&mut self, v: ValueId) -> Reg {
        if let Some(Some(r)) = self.vals.get(v.index()) {
            return *r;
        }
        let c = class(self.f.values.get(v.index()).map_or(Type::I64, |d| d.ty));
        let r = self.out.mir.new_vreg(c);
        if let Some(slot) = self.vals.get_mut(v.index()) {
            *slot = Some(r);
        }
        r
    }
    fn constant(&mut self, mnemonic: &'static str, c: RegClass, text: String) -> Reg {
        let dst = self.out.mir.new_vreg(c);
        self.push(RmInst::Const {
            mnemonic,
            dst,
            text,
        });
        dst
    }
    fn operand(&mut self, op: &Operand) -> Reg {
        match op {
            Operand::Value(v) => self.value(*v),
            Operand::Int(i) => self.constant("li", RegClass::Int, i.to_string()),
            Operand::Bool(b) => self.constant("li", RegClass::Int, u8::from(*b).to_string()),
            Operand::Null => self.constant("li", RegClass::Int, "0".into()),
            Operand::F64(bits) => {
                self.constant("lf", RegClass::Float, f64::from_bits(*bits).to_string())
            }
            Operand::Str(bytes) => self.constant(
                "ls",
                RegClass::Int,
                format!("{:?}", String::from_utf8_lossy(bytes)),
            ),
            Operand::Sym(s) => {
                self.constant("la", RegClass::Int, format!("@{}", self.m.sym_name(*s)))
            }
        }
    }
    fn operand_class(&self, op: &Operand) -> RegClass {
        match op {
            Operand::Value(v) => class(self.f.values.get(v.index()).map_or(Type::I64, |d| d.ty)),
            Operand::F64(_) => RegClass::Float,
            Operand::Int(_)
            | Operand::Bool(_)
            | Operand::Null
            | Operand::Str(_)
            | Operand::Sym(_) => RegClass::Int,
        }
    }
    fn edge(&mut self, t: &il::BranchTarget) -> Edge {
        let args = t.args.iter().map(|a| self.operand(a)).collect();
        Edge::new(t.block.0 + 1, args)
    }

    fn entry(&mut self) {
        let args: Vec<ValueId> = self.f.arg_values().to_vec();
        let (mut ints, mut floats, mut stack) = (0usize, 0usize, 0u32);
        let mut defs = Vec::new();
        let mut loads = Vec::new();
        let mut regs = Vec::new();
        for &v in &args {
            let c = class(self.f.value_type(v));
            let reg = self.out.mir.new_vreg(c);
            regs.push(reg);
            let n = if c == RegClass::Float {
                &mut floats
            } else {
                &mut ints
            };
            if *n < ARG_REGS {
                defs.push((reg, if c == RegClass::Float { fl(*n) } else { r(*n) }));
                *n += 1;
            } else {
                loads.push(RmInst::LoadArg {
                    dst: reg,
                    index: stack,
                });
                stack += 1;
            }
        }
        self.cur = 0;
        self.push(RmInst::Args { defs });
        for l in loads {
            self.push(l);
        }
        self.push(<RmInst as target_common::MachInst>::jump(Edge::new(
            1, regs,
        )));
    }

    fn inst(&mut self, inst: &Inst) -> Result<(), CodegenError> {
        let info = inst.op.info();
        match shape(inst.op) {
            Shape::Op => {
                let srcs: Vec<Reg> = inst.operands.iter().map(|o| self.operand(o)).collect();
                let dst = inst.result.map(|v| self.value(v));
                self.push(RmInst::Op {
                    mnemonic: info.name,
                    dst,
                    srcs,
                    pure: info.effect == Effect::Pure && !inst.can_trap(),
                });
            }
            Shape::Call { indirect } => {
                let (target, args) = if indirect {
                    let callee = inst.operands.first().ok_or_else(|| {
                        CodegenError::unsupported("call.indirect without a callee", inst.span)
                    })?;
                    let t = match callee {
                        Operand::Sym(_) => None,
                        other => Some(self.operand(other)),
                    };
                    (t, inst.operands.get(1..).unwrap_or(&[]))
                } else {
                    (None, &inst.operands[..])
                };
                let symbol = match (inst.callee, inst.operands.first()) {
                    (Some(s), _) => Some(self.m.sym_name(s).to_string()),
                    (None, Some(Operand::Sym(s))) if indirect => {
                        Some(self.m.sym_name(*s).to_string())
                    }
                    _ => None,
                };
                let (mut ints, mut floats, mut pushed) = (0usize, 0usize, 0u32);
                let mut regs = Vec::new();
                for a in args {
                    let c = self.operand_class(a);
                    let reg = self.operand(a);
                    let n = if c == RegClass::Float {
                        &mut floats
                    } else {
                        &mut ints
                    };
                    if *n < ARG_REGS {
                        regs.push((reg, if c == RegClass::Float { fl(*n) } else { r(*n) }));
                        *n += 1;
                    } else {
                        self.push(RmInst::Push { src: reg });
                        pushed += 1;
                    }
                }
                self.out.max_pushed = self.out.max_pushed.max(pushed);
                let ret = inst.result.map(|v| {
                    let reg = self.value(v);
                    let p = if reg.class() == RegClass::Float {
                        fl(0)
                    } else {
                        r(0)
                    };
                    (reg, p)
                });
                self.push(RmInst::Call {
                    symbol,
                    target,
                    args: regs,
                    ret,
                });
            }
            Shape::Ret => {
                let val = match inst.operands.first() {
                    Some(o) => {
                        let reg = self.operand(o);
                        let p = if reg.class() == RegClass::Float {
                            fl(0)
                        } else {
                            r(0)
                        };
                        Some((reg, p))
                    }
                    None => None,
                };
                self.push(RmInst::Ret { val });
            }
            Shape::Branch => {
                let srcs: Vec<Reg> = inst.operands.iter().map(|o| self.operand(o)).collect();
                let edges: Vec<Edge> = inst.targets.iter().map(|t| self.edge(t)).collect();
                self.push(RmInst::Term {
                    mnemonic: info.name,
                    srcs,
                    cases: inst.cases.to_vec(),
                    edges,
                });
            }
            Shape::Stop => {
                let srcs: Vec<Reg> = inst.operands.iter().map(|o| self.operand(o)).collect();
                self.push(RmInst::Term {
                    mnemonic: info.name,
                    srcs,
                    cases: Vec::new(),
                    edges: Vec::new(),
                });
            }
        }
        Ok(())
    }
}

impl Lowering<RmFunction> for RmLowering {
    fn lower_function(
        &self,
        module: &il::Module,
        func: &il::Function,
        _options: &CodegenOptions,
    ) -> Result<RmFunction, CodegenError> {
        let mut l = Fl {
            m: module,
            f: func,
            out: RmFunction {
                mir: MirFunction::new(module.sym_name(func.name)),
                max_pushed: 0,
                frame_bytes: 0,
            },
            vals: vec![None; func.values.len()],
            cur: 0,
            pos: SrcPos::il_line(func.span.line),
        };
        l.out.mir.add_block("entry");
        for b in &func.blocks {
            l.out.mir.add_block(b.label.as_str());
        }
        l.entry();
        for (k, b) in func.blocks.iter().enumerate() {
            l.cur = k + 1;
            // The IL entry block's parameters are the function's arguments (`arg_values`).
            let params: Vec<Reg> = b.params.iter().map(|&v| l.value(v)).collect();
            l.out.mir.blocks[k + 1].params = params;
            for inst in &b.insts {
                l.pos = SrcPos::of(inst);
                l.inst(inst)?;
            }
        }
        Ok(l.out)
    }
}
