//! The `rm6` machine instructions and register file.
//!
//! Invariants: [`RmInst::visit_regs`] visits every register operand exactly once in a fixed order
//! (uses, then defs), which is what the regalloc2 adapter relies on; only [`RmInst::Term`],
//! [`RmInst::Ret`] end a block; calls destroy r0–r3 and f0–f3 except their result register.

use std::fmt;
use target_common::driver::HasMir;
use target_common::regalloc2::{MachineEnv, PReg, PRegSet, RegClass};
use target_common::{Edge, Loc, MachInst, MirFunction, Reg, RegRole};

/// Integer register `rN`.
pub fn r(n: usize) -> PReg {
    PReg::new(n, RegClass::Int)
}
/// Float register `fN`.
pub fn fl(n: usize) -> PReg {
    PReg::new(n, RegClass::Float)
}
/// Registers that carry arguments (per class) and are destroyed by calls.
pub const ARG_REGS: usize = 4;

/// The register file as regalloc2 sees it: caller-saved registers preferred, r4/r5 after them.
pub fn machine_env() -> MachineEnv {
    let mut pi = PRegSet::empty();
    let mut pf = PRegSet::empty();
    for n in 0..ARG_REGS {
        pi.add(r(n));
        pf.add(fl(n));
    }
    let mut ni = PRegSet::empty();
    ni.add(r(4));
    ni.add(r(5));
    MachineEnv {
        preferred_regs_by_class: [pi, pf, PRegSet::empty()],
        non_preferred_regs_by_class: [ni, PRegSet::empty(), PRegSet::empty()],
        scratch_by_class: [None, None, None],
        fixed_stack_slots: Vec::new(),
    }
}

/// One `rm6` instruction.
#[derive(Clone, Debug, PartialEq)]
pub enum RmInst {
    /// Entry: the incoming register arguments.
    Args { defs: Vec<(Reg, PReg)> },
    /// Incoming stack argument `index` (beyond the register arguments).
    LoadArg { dst: Reg, index: u32 },
    /// A constant: `li`/`lf`/`la`/`ls` with its operand text.
    Const {
        mnemonic: &'static str,
        dst: Reg,
        text: String,
    },
    /// An IL instruction executed in registers.
    Op {
        mnemonic: &'static str,
        dst: Option<Reg>,
        srcs: Vec<Reg>,
        pure: bool,
    },
    /// Push an outgoing stack argument.
    Push { src: Reg },
    /// A call; `target` is the symbol, or the register for an indirect call.
    Call {
        symbol: Option<String>,
        target: Option<Reg>,
        args: Vec<(Reg, PReg)>,
        ret: Option<(Reg, PReg)>,
    },
    /// A terminator with outgoing edges (br, cbr, switch, resume.label) or none (trap, resume).
    Term {
        mnemonic: &'static str,
        srcs: Vec<Reg>,
        cases: Vec<i32>,
        edges: Vec<Edge>,
    },
    /// Return, with the result in its fixed register.
    Ret { val: Option<(Reg, PReg)> },
    /// A move inserted by the register allocator.
    Move { dst: Loc, src: Loc, class: RegClass },
}

impl MachInst for RmInst {
    fn visit_regs(&mut self, f: &mut dyn FnMut(&mut Reg, RegRole)) {
        match self {
            RmInst::Args { defs } => defs
                .iter_mut()
                .for_each(|(r, p)| f(r, RegRole::FixedDef(*p))),
            RmInst::LoadArg { dst, .. } | RmInst::Const { dst, .. } => f(dst, RegRole::Def),
            RmInst::Op { dst, srcs, .. } => {
                srcs.iter_mut().for_each(|r| f(r, RegRole::Use));
                if let Some(d) = dst {
                    f(d, RegRole::Def);
                }
            }
            RmInst::Push { src } => f(src, RegRole::Use),
            RmInst::Call {
                target, args, ret, ..
            } => {
                if let Some(t) = target {
                    f(t, RegRole::Use);
                }
                args.iter_mut()
                    .for_each(|(r, p)| f(r, RegRole::FixedUse(*p)));
                if let Some((r, p)) = ret {
                    f(r, RegRole::FixedDef(*p));
                }
            }
            RmInst::Term { srcs, .. } => srcs.iter_mut().for_each(|r| f(r, RegRole::Use)),
            RmInst::Ret { val } => {
                if let Some((r, p)) = val {
                    f(r, RegRole::FixedUse(*p));
                }
            }
            RmInst::Move { .. } => {}
        }
    }
    fn clobbers(&self) -> PRegSet {
        match self {
            RmInst::Call { ret, .. } => {
                let mut s = PRegSet::empty();
                for n in 0..ARG_REGS {
                    s.add(r(n));
                    s.add(fl(n));
                }
                if let Some((_, p)) = ret {
                    s.remove(*p);
                }
                s
            }
            RmInst::Args { .. }
            | RmInst::LoadArg { .. }
            | RmInst::Const { .. }
            | RmInst::Op { .. }
            | RmInst::Push { .. }
            | RmInst::Term { .. }
            | RmInst::Ret { .. }
            | RmInst::Move { .. } => PRegSet::empty(),
        }
    }
    fn is_term(&self) -> bool {
        match self {
            RmInst::Term { .. } | RmInst::Ret { .. } => true,
            RmInst::Args { .. }
            | RmInst::LoadArg { .. }
            | RmInst::Const { .. }
            | RmInst::Op { .. }
            | RmInst::Push { .. }
            | RmInst::Call { .. }
            | RmInst::Move { .. } => false,
        }
    }
    fn edges(&self) -> &[Edge] {
        match self {
            RmInst::Term { edges, .. } => edges,
            RmInst::Args { .. }
            | RmInst::LoadArg { .. }
            | RmInst::Const { .. }
            | RmInst::Op { .. }
            | RmInst::Push { .. }
            | RmInst::Call { .. }
            | RmInst::Ret { .. }
            | RmInst::Move { .. } => &[],
        }
    }
    fn edges_mut(&mut self) -> &mut [Edge] {
        match self {
            RmInst::Term { edges, .. } => edges,
            RmInst::Args { .. }
            | RmInst::LoadArg { .. }
            | RmInst::Const { .. }
            | RmInst::Op { .. }
            | RmInst::Push { .. }
            | RmInst::Call { .. }
            | RmInst::Ret { .. }
            | RmInst::Move { .. } => &mut [],
        }
    }
    fn jump(edge: Edge) -> Self {
        RmInst::Term {
            mnemonic: "br",
            srcs: Vec::new(),
            cases: Vec::new(),
            edges: vec![edge],
        }
    }
    fn gen_move(dst: Loc, src: Loc, class: RegClass) -> Self {
        RmInst::Move { dst, src, class }
    }
    fn is_nop_move(&self) -> bool {
        matches!(self, RmInst::Move { dst, src, .. } if dst == src)
    }
    fn is_pure(&self) -> bool {
        match self {
            RmInst::Const { .. } => true,
            RmInst::Op { pure, .. } => *pure,
            RmInst::Args { .. }
            | RmInst::LoadArg { .. }
            | RmInst::Push { .. }
            | RmInst::Call { .. }
            | RmInst::Term { .. }
            | RmInst::Ret { .. }
            | RmInst::Move { .. } => false,
        }
    }
    fn is_call(&self) -> bool {
        matches!(self, RmInst::Call { .. })
    }
    fn is_jump(&self) -> bool {
        matches!(self, RmInst::Term { mnemonic: "br", edges, .. } if edges.len() == 1)
    }
}

fn reg(r: &Reg) -> String {
    match r {
        Reg::Phys(p) if p.class() == RegClass::Float => format!("f{}", p.hw_enc()),
        Reg::Phys(p) => format!("r{}", p.hw_enc()),
        Reg::Virt(_) => r.to_string(),
    }
}

fn loc(l: &Loc) -> String {
    match l {
        Loc::Reg(p) => reg(&Reg::Phys(*p)),
        Loc::Stack(k) => format!("[fp-{}]", 8 * (k + 1)),
    }
}

fn list(regs: &[Reg]) -> String {
    regs.iter().map(reg).collect::<Vec<_>>().join(", ")
}

fn edges(e: &[Edge]) -> String {
    e.iter()
        .map(|e| {
            if e.args.is_empty() {
                format!("bb{}", e.block)
            } else {
                format!("bb{}({})", e.block, list(&e.args))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for RmInst {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RmInst::Args { defs } => {
                let d: Vec<Reg> = defs.iter().map(|(r, _)| *r).collect();
                write!(f, "args {}", list(&d))
            }
            RmInst::LoadArg { dst, index } => write!(f, "ldarg {}, #{index}", reg(dst)),
            RmInst::Const {
                mnemonic,
                dst,
                text,
                ..
            } => write!(f, "{mnemonic} {}, {text}", reg(dst)),
            RmInst::Op {
                mnemonic,
                dst,
                srcs,
                ..
            } => match dst {
                Some(d) if srcs.is_empty() => write!(f, "{mnemonic} {}", reg(d)),
                Some(d) => write!(f, "{mnemonic} {}, {}", reg(d), list(srcs)),
                None => write!(f, "{mnemonic} {}", list(srcs)),
            },
            RmInst::Push { src } => write!(f, "push {}", reg(src)),
            RmInst::Call {
                symbol,
                target,
                args,
                ret,
            } => {
                match (symbol, target) {
                    (Some(s), _) => write!(f, "call @{s}")?,
                    (None, Some(t)) => write!(f, "call {}", reg(t))?,
                    (None, None) => write!(f, "call ?")?,
                }
                let a: Vec<Reg> = args.iter().map(|(r, _)| *r).collect();
                if !a.is_empty() {
                    write!(f, " ({})", list(&a))?;
                }
                if let Some((r, _)) = ret {
                    write!(f, " -> {}", reg(r))?;
                }
                Ok(())
            }
            RmInst::Term {
                mnemonic,
                srcs,
                cases,
                edges: e,
            } => {
                write!(f, "{mnemonic}")?;
                if !srcs.is_empty() {
                    write!(f, " {}", list(srcs))?;
                }
                if !cases.is_empty() {
                    write!(f, " {cases:?}")?;
                }
                if !e.is_empty() {
                    write!(f, " -> {}", edges(e))?;
                }
                Ok(())
            }
            RmInst::Ret { val } => match val {
                Some((r, _)) => write!(f, "ret {}", reg(r)),
                None => write!(f, "ret"),
            },
            RmInst::Move { dst, src, .. } => write!(f, "mov {}, {}", loc(dst), loc(src)),
        }
    }
}

/// A function being compiled for `rm6`.
#[derive(Clone, Debug)]
pub struct RmFunction {
    pub mir: MirFunction<RmInst>,
    /// Most outgoing stack arguments of any call.
    pub max_pushed: u32,
    /// Frame size (spill slots and pushed arguments), set by frame lowering.
    pub frame_bytes: u32,
}

impl HasMir for RmFunction {
    type Inst = RmInst;
    fn mir(&self) -> &MirFunction<RmInst> {
        &self.mir
    }
    fn mir_mut(&mut self) -> &mut MirFunction<RmInst> {
        &mut self.mir
    }
}
