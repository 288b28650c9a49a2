//! The AArch64 machine-IR instruction set (one enum, [`MInst`]).
//!
//! Most variants map to one or two machine instructions; the checked operations (`Checked`,
//! `DivRem`, `IdxChk`, `NarrowChk`, `FpToInt`, `DynAlloca`) are pseudo-instructions expanded by
//! the emitter into short sequences that branch to out-of-line trap stubs (`trap` = index into
//! the function's trap-site table). Expansions only use x16/x17/d30/d31 as scratch, read every
//! input before writing the destination, and leave the flags undefined.
//!
//! Register roles (for the allocator) are declared once, in [`MachInst::visit_regs`].

use crate::encode::syntax::{Mn, ShiftOp};
use crate::regs::call_clobbers;
use regalloc2::{PReg, PRegSet, RegClass};
use std::fmt;
use target_common::{Edge, Loc, MachInst, Reg, RegRole};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AluOp {
    Add,
    Sub,
    Mul,
    And,
    Orr,
    Eor,
    Lsl,
    Lsr,
    Asr,
}

impl AluOp {
    /// The A64 mnemonic (register and immediate forms share it).
    pub fn mn(self) -> Mn {
        match self {
            AluOp::Add => Mn::Add,
            AluOp::Sub => Mn::Sub,
            AluOp::Mul => Mn::Mul,
            AluOp::And => Mn::And,
            AluOp::Orr => Mn::Orr,
            AluOp::Eor => Mn::Eor,
            AluOp::Lsl => Mn::Lsl,
            AluOp::Lsr => Mn::Lsr,
            AluOp::Asr => Mn::Asr,
        }
    }
    /// [`Self::mn`]'s text.
    pub fn mnemonic(self) -> &'static str {
        self.mn().name()
    }
    /// The operand shift this operation is, if it is one (`Lsl`, `Lsr`, `Asr`).
    pub fn shift_op(self) -> Option<ShiftOp> {
        match self {
            AluOp::Lsl => Some(ShiftOp::Lsl),
            AluOp::Lsr => Some(ShiftOp::Lsr),
            AluOp::Asr => Some(ShiftOp::Asr),
            AluOp::Add | AluOp::Sub | AluOp::Mul | AluOp::And | AluOp::Orr | AluOp::Eor => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FpuOp {
    Add,
    Sub,
    Mul,
    Div,
}

/// Condition codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cond {
    Eq,
    Ne,
    Hs,
    Lo,
    Mi,
    Pl,
    Vs,
    Vc,
    Hi,
    Ls,
    Ge,
    Lt,
    Gt,
    Le,
}

impl Cond {
    pub fn name(self) -> &'static str {
        match self {
            Cond::Eq => "eq",
            Cond::Ne => "ne",
            Cond::Hs => "hs",
            Cond::Lo => "lo",
            Cond::Mi => "mi",
            Cond::Pl => "pl",
            Cond::Vs => "vs",
            Cond::Vc => "vc",
            Cond::Hi => "hi",
            Cond::Ls => "ls",
            Cond::Ge => "ge",
            Cond::Lt => "lt",
            Cond::Gt => "gt",
            Cond::Le => "le",
        }
    }
    pub fn invert(self) -> Cond {
        match self {
            Cond::Eq => Cond::Ne,
            Cond::Ne => Cond::Eq,
            Cond::Hs => Cond::Lo,
            Cond::Lo => Cond::Hs,
            Cond::Mi => Cond::Pl,
            Cond::Pl => Cond::Mi,
            Cond::Vs => Cond::Vc,
            Cond::Vc => Cond::Vs,
            Cond::Hi => Cond::Ls,
            Cond::Ls => Cond::Hi,
            Cond::Ge => Cond::Lt,
            Cond::Lt => Cond::Ge,
            Cond::Gt => Cond::Le,
            Cond::Le => Cond::Gt,
        }
    }
}

/// Operation width of checked arithmetic / narrowing (IL `%r:i16`/`%r:i32` annotations).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    W16,
    W32,
    W64,
}

/// Memory access type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemTy {
    I1,
    /// A load of one byte without isolating bit 0 (`ldrb` alone): only made by the `bit-test`
    /// pass for an `i1` load whose one use is a branch on bit 0, so the upper bits are never read.
    Byte,
    I16,
    I32,
    I64,
    F64,
}

impl MemTy {
    pub fn size(self) -> u32 {
        match self {
            MemTy::I1 | MemTy::Byte => 1,
            MemTy::I16 => 2,
            MemTy::I32 => 4,
            MemTy::I64 | MemTy::F64 => 8,
        }
    }
}

/// Normalisation of a narrow value held in a 64-bit register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtKind {
    /// `x & 1`.
    Bool,
    /// Sign-extend the low 16 bits.
    S16,
    /// Sign-extend the low 32 bits.
    S32,
    /// `x != 0 ? 1 : 0`.
    NonZero,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OvfOp {
    Add,
    Sub,
    Mul,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DivKind {
    SDiv,
    UDiv,
    SRem,
    URem,
}

/// A symbol operand, resolved to assembly names by the emitter.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SymRef {
    /// A function defined in this module (local symbol, already an assembler-safe name).
    Local(String),
    /// An external C symbol (address taken through the GOT).
    External(String),
    /// A thread-local variable of the runtime (C `_Thread_local`): this thread's instance
    /// (`Asm::tls_addr`; on Darwin, where the runtime keeps it process-wide, like `External`).
    ThreadLocal(String),
    /// The raw NUL-terminated bytes (address of a C string in read-only data).
    CStr(Vec<u8>),
    /// A static immortal string handle for these bytes.
    StrHandle(Vec<u8>),
}

/// A shift applied to the second operand of a shifted-register ALU instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shift {
    /// `Lsl`, `Lsr` or `Asr`.
    pub op: AluOp,
    /// 0..=63.
    pub amount: u8,
}

/// The register index of a load/store: `[base, index]` or, `scaled`, `[base, index, lsl #log2(size)]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Index {
    pub reg: Reg,
    pub scaled: bool,
}

/// The bounds of an `IdxChk`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum IdxBounds {
    /// `lo ≤ idx < hi` with both bounds in registers: two signed compares.
    Regs { lo: Reg, hi: Reg },
    /// Constant bounds `lo ≤ idx < lo + len` (`len` in 1..4096, `lo` an add/sub immediate; lowering
    /// choice `idx-chk-imm`): `idx - lo` compared unsigned against `len`, one compare.
    Const { lo: i64, len: u64 },
    /// As `Const`, with a length of 4096 or more (no compare immediate) in register `len`.
    LenReg { lo: i64, len: Reg },
}

/// Right-hand side of a fused compare-and-branch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CmpRhs {
    Reg(Reg),
    /// An integer immediate in -4095..=4095 (`cmp`/`cmn`).
    Imm(i32),
    /// A test of bit `k` of `a` (`tbz`/`tbnz`): the condition is `Eq` (bit clear) or `Ne` (bit
    /// set); integer only.
    Bit(u8),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Callee {
    Direct(SymRef),
    Indirect(Reg),
}

#[derive(Clone, Debug, PartialEq)]
pub enum MInst {
    /// Function arguments arriving in registers (first instruction of the entry block).
    Args {
        defs: Vec<(Reg, PReg)>,
    },
    /// An argument passed on the stack: `[x29 + 16 + off]`.
    LoadIncomingArg {
        dst: Reg,
        off: u32,
        ty: MemTy,
    },
    MovImm {
        dst: Reg,
        imm: u64,
    },
    FMovImm {
        dst: Reg,
        bits: u64,
    },
    Mov {
        dst: Reg,
        src: Reg,
    },
    /// `op dst, a, b` or, with `shift`, `op dst, a, b, lsl|lsr|asr #n` (add, sub, and, orr, eor;
    /// made by `operand-fold`).
    Alu {
        op: AluOp,
        dst: Reg,
        a: Reg,
        b: Reg,
        shift: Option<Shift>,
    },
    /// `op dst, a, #imm` (add/sub: imm12; logical: encodable bitmask; shifts: 0..63).
    AluImm {
        op: AluOp,
        dst: Reg,
        a: Reg,
        imm: u64,
    },
    Fpu {
        op: FpuOp,
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    CmpSet {
        cond: Cond,
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `cmp a, #imm` (`cmn a, #-imm` for a negative `imm`; -4095..=4095), `cset`.
    CmpImmSet {
        cond: Cond,
        dst: Reg,
        a: Reg,
        imm: i32,
    },
    FCmpSet {
        cond: Cond,
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    Ext {
        kind: ExtKind,
        dst: Reg,
        src: Reg,
    },
    Checked {
        op: OvfOp,
        width: Width,
        dst: Reg,
        a: Reg,
        b: Reg,
        trap: u32,
    },
    /// Overflow-checked `a + imm` / `a - imm` (`op` Add or Sub, width 32 or 64, `imm` < 4096).
    CheckedImm {
        op: OvfOp,
        width: Width,
        dst: Reg,
        a: Reg,
        imm: u32,
        trap: u32,
    },
    /// `const_divisor`: the value `b` is known to hold (a constant operand), which lets the
    /// expansion drop the zero check (non-zero constant) and the MIN/-1 check (constant ≠ -1).
    DivRem {
        kind: DivKind,
        width: Width,
        dst: Reg,
        a: Reg,
        b: Reg,
        trap_zero: u32,
        trap_ovf: u32,
        const_divisor: Option<i64>,
    },
    /// `dst = idx - lo`, trapping unless `lo ≤ idx < hi`.
    IdxChk {
        /// `None`: only the check (the result is not needed, or with `lo = 0` lowering reads
        /// the index itself through a plain `Mov` that `operand-fold` propagates).
        dst: Option<Reg>,
        idx: Reg,
        bounds: IdxBounds,
        trap: u32,
    },
    NarrowChk {
        signed: bool,
        width: Width,
        dst: Reg,
        src: Reg,
        trap: u32,
    },
    IntToFp {
        signed: bool,
        dst: Reg,
        src: Reg,
    },
    /// fp → int; `round` = ties-to-even (else truncation); traps on NaN/Inf/(sign for unsigned)
    /// and on out-of-range values at `width`. `bounds` (signed only, lowering choice
    /// `fp-cvt-range`): registers holding the exact range `[lo, hi)` of the rounded value, so the
    /// in-line check is two compares and the NaN/Inf-versus-overflow distinction is made out of
    /// line, only on failure.
    FpToInt {
        signed: bool,
        round: bool,
        width: Width,
        dst: Reg,
        src: Reg,
        bounds: Option<(Reg, Reg)>,
        trap_inv: u32,
        trap_ovf: u32,
    },
    /// `dst = [addr + off]`, or `dst = [addr + index]` (`off` is then 0; made by `operand-fold`).
    Load {
        ty: MemTy,
        dst: Reg,
        addr: Reg,
        off: i64,
        index: Option<Index>,
    },
    /// `[addr + off] = src`, or `[addr + index] = src` (`off` is then 0).
    Store {
        ty: MemTy,
        src: Reg,
        addr: Reg,
        off: i64,
        index: Option<Index>,
    },
    /// `dst[0] = [addr + off]`, `dst[1] = [addr + off + size]` (`ldp`; made by `mem-pair`): `ty`
    /// is `I64` or `F64`, `off` a multiple of 8 in -512..=504 ([`pair_offset_ok`]).
    LoadPair {
        ty: MemTy,
        dst: [Reg; 2],
        addr: Reg,
        off: i64,
    },
    /// `[addr + off] = src[0]`, `[addr + off + size] = src[1]` (`stp`; made by `mem-pair`), with
    /// the same limits as `LoadPair`.
    StorePair {
        ty: MemTy,
        src: [Reg; 2],
        addr: Reg,
        off: i64,
    },
    /// Address of fixed alloca slot `slot`, zero-filled.
    SlotAddr {
        dst: Reg,
        slot: u32,
    },
    /// `dst = [slot + off]`: a load from fixed alloca slot `slot`, addressed from the frame
    /// (`sp` or `x29` plus the slot's offset, known once the frame is laid out), so no register
    /// holds the slot's address (made by `slot-access`).
    SlotLoad {
        ty: MemTy,
        dst: Reg,
        slot: u32,
        off: i64,
    },
    /// `[slot + off] = src` (see [`MInst::SlotLoad`]).
    SlotStore {
        ty: MemTy,
        src: Reg,
        slot: u32,
        off: i64,
    },
    DynAlloca {
        dst: Reg,
        size: Reg,
        trap: u32,
        /// The frame's alloca-arena counter (a prologue-zeroed slot) and the Overflow trap taken
        /// when the activation's allocas exceed the VM's 64 KiB arena (IL-SPEC §7.7).
        arena: Option<(u32, u32)>,
    },
    LoadAddr {
        dst: Reg,
        sym: SymRef,
    },
    /// Store an outgoing stack argument at `[sp + off]`.
    StoreOutArg {
        src: Reg,
        off: u32,
        ty: MemTy,
    },
    Call {
        /// Boxed (a symbol is a string): `Call` is the largest instruction otherwise, and every
        /// instruction is as large as the largest.
        callee: Box<Callee>,
        args: Vec<(Reg, PReg)>,
        ret: Option<(Reg, PReg)>,
    },
    Jump {
        edges: Vec<Edge>,
    },
    /// `cbnz cond, edges[0]; b edges[1]`.
    CondBr {
        cond: Reg,
        edges: Vec<Edge>,
    },
    /// `cmp a, b` (`fcmp` when `float`); `b.cond edges[0]; b edges[1]` (`cbz`/`cbnz` for an
    /// integer eq/ne against 0). Made by the `cmp-branch-fusion` pass.
    CmpBr {
        float: bool,
        cond: Cond,
        a: Reg,
        b: CmpRhs,
        edges: Vec<Edge>,
    },
    /// edges[0] = default, edges[1..] pair with `cases`. `tree` (lowering choice `switch-tree`):
    /// sparse cases are found by binary search and bounds use immediate compares.
    Switch {
        idx: Reg,
        cases: Box<[i32]>,
        edges: Vec<Edge>,
        tree: bool,
    },
    /// Return. `frameless`: in a block the `shrink-wrap` pass left before the frame set-up, so
    /// the epilogue is just `ret`.
    Ret {
        vals: Vec<(Reg, PReg)>,
        frameless: bool,
    },
    /// The frame set-up (frame record, callee-saved stores, prologue zeroing) at a point chosen
    /// by `shrink-wrap` instead of the function start.
    Prologue,
    /// Raise trap site `trap`; `code` (trap.from_err) selects kind and code at run time.
    Trap {
        trap: u32,
        code: Option<Reg>,
    },
    /// An exception-handling pseudo-instruction (`crate::eh`).
    Eh(crate::eh::EhInst),
    /// A move inserted by the register allocator.
    RaMove {
        dst: Loc,
        src: Loc,
        class: RegClass,
    },
}

impl FpuOp {
    /// Spelling in MIR dumps.
    pub fn name(self) -> &'static str {
        match self {
            FpuOp::Add => "Add",
            FpuOp::Sub => "Sub",
            FpuOp::Mul => "Mul",
            FpuOp::Div => "Div",
        }
    }
}

impl OvfOp {
    /// Spelling in MIR dumps.
    pub fn name(self) -> &'static str {
        match self {
            OvfOp::Add => "Add",
            OvfOp::Sub => "Sub",
            OvfOp::Mul => "Mul",
        }
    }
}

impl DivKind {
    /// Spelling in MIR dumps.
    pub fn name(self) -> &'static str {
        match self {
            DivKind::SDiv => "SDiv",
            DivKind::UDiv => "UDiv",
            DivKind::SRem => "SRem",
            DivKind::URem => "URem",
        }
    }
}

impl Width {
    /// Spelling in MIR dumps.
    pub fn name(self) -> &'static str {
        match self {
            Width::W16 => "W16",
            Width::W32 => "W32",
            Width::W64 => "W64",
        }
    }
}

impl MemTy {
    /// Spelling in MIR dumps.
    pub fn name(self) -> &'static str {
        match self {
            MemTy::I1 => "I1",
            MemTy::Byte => "Byte",
            MemTy::I16 => "I16",
            MemTy::I32 => "I32",
            MemTy::I64 => "I64",
            MemTy::F64 => "F64",
        }
    }
}

impl ExtKind {
    /// Spelling in MIR dumps.
    pub fn name(self) -> &'static str {
        match self {
            ExtKind::Bool => "Bool",
            ExtKind::S16 => "S16",
            ExtKind::S32 => "S32",
            ExtKind::NonZero => "NonZero",
        }
    }
}

/// True if `ldp`/`stp` of two `ty` values can address `[base, #off]` directly: `ty` is `I64`
/// or `F64` and `off` a multiple of 8 in -512..=504 (a signed 7-bit scaled immediate).
pub fn pair_offset_ok(ty: MemTy, off: i64) -> bool {
    matches!(ty, MemTy::I64 | MemTy::F64) && off % 8 == 0 && (-512..=504).contains(&off)
}

impl MachInst for MInst {
    fn visit_regs(&mut self, f: &mut dyn FnMut(&mut Reg, RegRole)) {
        use RegRole::*;
        match self {
            MInst::Args { defs } => defs.iter_mut().for_each(|(r, p)| f(r, FixedDef(*p))),
            MInst::LoadIncomingArg { dst, .. }
            | MInst::MovImm { dst, .. }
            | MInst::FMovImm { dst, .. }
            | MInst::SlotAddr { dst, .. }
            | MInst::LoadAddr { dst, .. } => f(dst, Def),
            MInst::Mov { dst, src }
            | MInst::Ext { dst, src, .. }
            | MInst::IntToFp { dst, src, .. }
            | MInst::NarrowChk { dst, src, .. } => {
                f(src, Use);
                f(dst, Def);
            }
            MInst::FpToInt {
                dst, src, bounds, ..
            } => {
                f(src, Use);
                if let Some((lo, hi)) = bounds {
                    f(lo, Use);
                    f(hi, Use);
                }
                f(dst, Def);
            }
            MInst::Load {
                dst, addr, index, ..
            } => {
                f(addr, Use);
                if let Some(ix) = index {
                    f(&mut ix.reg, Use);
                }
                f(dst, Def);
            }
            MInst::SlotLoad { dst, .. } => f(dst, Def),
            MInst::SlotStore { src, .. } => f(src, Use),
            MInst::AluImm { dst, a, .. }
            | MInst::CmpImmSet { dst, a, .. }
            | MInst::CheckedImm { dst, a, .. } => {
                f(a, Use);
                f(dst, Def);
            }
            MInst::Alu { dst, a, b, .. }
            | MInst::Fpu { dst, a, b, .. }
            | MInst::CmpSet { dst, a, b, .. }
            | MInst::FCmpSet { dst, a, b, .. }
            | MInst::Checked { dst, a, b, .. }
            | MInst::DivRem { dst, a, b, .. } => {
                f(a, Use);
                f(b, Use);
                f(dst, Def);
            }
            MInst::IdxChk {
                dst, idx, bounds, ..
            } => {
                f(idx, Use);
                match bounds {
                    IdxBounds::Regs { lo, hi } => {
                        f(lo, Use);
                        f(hi, Use);
                    }
                    IdxBounds::LenReg { len, .. } => f(len, Use),
                    IdxBounds::Const { .. } => {}
                }
                if let Some(dst) = dst {
                    f(dst, Def);
                }
            }
            MInst::Store {
                src, addr, index, ..
            } => {
                f(src, Use);
                f(addr, Use);
                if let Some(ix) = index {
                    f(&mut ix.reg, Use);
                }
            }
            MInst::LoadPair { dst, addr, .. } => {
                f(addr, Use);
                let [d0, d1] = dst;
                f(d0, Def);
                f(d1, Def);
            }
            MInst::StorePair { src, addr, .. } => {
                let [s0, s1] = src;
                f(s0, Use);
                f(s1, Use);
                f(addr, Use);
            }
            MInst::DynAlloca { dst, size, .. } => {
                f(size, Use);
                f(dst, Def);
            }
            MInst::StoreOutArg { src, .. } => f(src, Use),
            MInst::Call { callee, args, ret } => {
                if let Callee::Indirect(r) = &mut **callee {
                    f(r, Use);
                }
                args.iter_mut().for_each(|(r, p)| f(r, FixedUse(*p)));
                if let Some((r, p)) = ret {
                    f(r, FixedDef(*p));
                }
            }
            MInst::Jump { .. } | MInst::RaMove { .. } => {}
            MInst::CondBr { cond, .. } => f(cond, Use),
            MInst::CmpBr { a, b, .. } => {
                f(a, Use);
                if let CmpRhs::Reg(b) = b {
                    f(b, Use);
                }
            }
            MInst::Switch { idx, .. } => f(idx, Use),
            MInst::Ret { vals, .. } => vals.iter_mut().for_each(|(r, p)| f(r, FixedUse(*p))),
            MInst::Prologue => {}
            MInst::Trap { code, .. } => {
                if let Some(r) = code {
                    f(r, FixedUse(crate::regs::xreg(1)));
                }
            }
            MInst::Eh(e) => e.visit_regs(f),
        }
    }

    fn clobbers(&self) -> PRegSet {
        match self {
            MInst::Call { ret, .. } => {
                let r: Vec<PReg> = ret.iter().map(|(_, p)| *p).collect();
                call_clobbers(&r)
            }
            MInst::Args { .. }
            | MInst::LoadIncomingArg { .. }
            | MInst::MovImm { .. }
            | MInst::FMovImm { .. }
            | MInst::Mov { .. }
            | MInst::Alu { .. }
            | MInst::AluImm { .. }
            | MInst::Fpu { .. }
            | MInst::CmpSet { .. }
            | MInst::CmpImmSet { .. }
            | MInst::FCmpSet { .. }
            | MInst::Ext { .. }
            | MInst::Checked { .. }
            | MInst::CheckedImm { .. }
            | MInst::DivRem { .. }
            | MInst::IdxChk { .. }
            | MInst::NarrowChk { .. }
            | MInst::IntToFp { .. }
            | MInst::FpToInt { .. }
            | MInst::Load { .. }
            | MInst::SlotLoad { .. }
            | MInst::Store { .. }
            | MInst::SlotStore { .. }
            | MInst::LoadPair { .. }
            | MInst::StorePair { .. }
            | MInst::SlotAddr { .. }
            | MInst::DynAlloca { .. }
            | MInst::LoadAddr { .. }
            | MInst::StoreOutArg { .. }
            | MInst::Jump { .. }
            | MInst::CondBr { .. }
            | MInst::CmpBr { .. }
            | MInst::Switch { .. }
            | MInst::Ret { .. }
            | MInst::Prologue
            | MInst::Trap { .. }
            | MInst::Eh(_)
            | MInst::RaMove { .. } => PRegSet::empty(),
        }
    }

    fn is_term(&self) -> bool {
        match self {
            MInst::Jump { .. }
            | MInst::CondBr { .. }
            | MInst::CmpBr { .. }
            | MInst::Switch { .. }
            | MInst::Ret { .. }
            | MInst::Trap { .. } => true,
            MInst::Eh(e) => e.is_term(),
            MInst::Args { .. }
            | MInst::LoadIncomingArg { .. }
            | MInst::MovImm { .. }
            | MInst::FMovImm { .. }
            | MInst::Mov { .. }
            | MInst::Alu { .. }
            | MInst::AluImm { .. }
            | MInst::Fpu { .. }
            | MInst::CmpSet { .. }
            | MInst::CmpImmSet { .. }
            | MInst::FCmpSet { .. }
            | MInst::Ext { .. }
            | MInst::Checked { .. }
            | MInst::CheckedImm { .. }
            | MInst::DivRem { .. }
            | MInst::IdxChk { .. }
            | MInst::NarrowChk { .. }
            | MInst::IntToFp { .. }
            | MInst::FpToInt { .. }
            | MInst::Load { .. }
            | MInst::SlotLoad { .. }
            | MInst::Store { .. }
            | MInst::SlotStore { .. }
            | MInst::LoadPair { .. }
            | MInst::StorePair { .. }
            | MInst::SlotAddr { .. }
            | MInst::DynAlloca { .. }
            | MInst::LoadAddr { .. }
            | MInst::StoreOutArg { .. }
            | MInst::Call { .. }
            | MInst::Prologue
            | MInst::RaMove { .. } => false,
        }
    }

    fn edges(&self) -> &[Edge] {
        match self {
            MInst::Jump { edges }
            | MInst::CondBr { edges, .. }
            | MInst::CmpBr { edges, .. }
            | MInst::Switch { edges, .. } => edges,
            MInst::Eh(e) => e.edges(),
            MInst::Args { .. }
            | MInst::LoadIncomingArg { .. }
            | MInst::MovImm { .. }
            | MInst::FMovImm { .. }
            | MInst::Mov { .. }
            | MInst::Alu { .. }
            | MInst::AluImm { .. }
            | MInst::Fpu { .. }
            | MInst::CmpSet { .. }
            | MInst::CmpImmSet { .. }
            | MInst::FCmpSet { .. }
            | MInst::Ext { .. }
            | MInst::Checked { .. }
            | MInst::CheckedImm { .. }
            | MInst::DivRem { .. }
            | MInst::IdxChk { .. }
            | MInst::NarrowChk { .. }
            | MInst::IntToFp { .. }
            | MInst::FpToInt { .. }
            | MInst::Load { .. }
            | MInst::SlotLoad { .. }
            | MInst::Store { .. }
            | MInst::SlotStore { .. }
            | MInst::LoadPair { .. }
            | MInst::StorePair { .. }
            | MInst::SlotAddr { .. }
            | MInst::DynAlloca { .. }
            | MInst::LoadAddr { .. }
            | MInst::StoreOutArg { .. }
            | MInst::Call { .. }
            | MInst::Ret { .. }
            | MInst::Prologue
            | MInst::Trap { .. }
            | MInst::RaMove { .. } => &[],
        }
    }

    fn edges_mut(&mut self) -> &mut [Edge] {
        match self {
            MInst::Jump { edges }
            | MInst::CondBr { edges, .. }
            | MInst::CmpBr { edges, .. }
            | MInst::Switch { edges, .. } => edges,
            MInst::Eh(e) => e.edges_mut(),
            MInst::Args { .. }
            | MInst::LoadIncomingArg { .. }
            | MInst::MovImm { .. }
            | MInst::FMovImm { .. }
            | MInst::Mov { .. }
            | MInst::Alu { .. }
            | MInst::AluImm { .. }
            | MInst::Fpu { .. }
            | MInst::CmpSet { .. }
            | MInst::CmpImmSet { .. }
            | MInst::FCmpSet { .. }
            | MInst::Ext { .. }
            | MInst::Checked { .. }
            | MInst::CheckedImm { .. }
            | MInst::DivRem { .. }
            | MInst::IdxChk { .. }
            | MInst::NarrowChk { .. }
            | MInst::IntToFp { .. }
            | MInst::FpToInt { .. }
            | MInst::Load { .. }
            | MInst::SlotLoad { .. }
            | MInst::Store { .. }
            | MInst::SlotStore { .. }
            | MInst::LoadPair { .. }
            | MInst::StorePair { .. }
            | MInst::SlotAddr { .. }
            | MInst::DynAlloca { .. }
            | MInst::LoadAddr { .. }
            | MInst::StoreOutArg { .. }
            | MInst::Call { .. }
            | MInst::Ret { .. }
            | MInst::Prologue
            | MInst::Trap { .. }
            | MInst::RaMove { .. } => &mut [],
        }
    }

    fn jump(edge: Edge) -> Self {
        MInst::Jump { edges: vec![edge] }
    }

    fn gen_move(dst: Loc, src: Loc, class: RegClass) -> Self {
        MInst::RaMove { dst, src, class }
    }

    fn is_nop_move(&self) -> bool {
        match self {
            MInst::RaMove { dst, src, .. } => dst == src,
            MInst::Mov { dst, src } => dst == src && !dst.is_virtual(),
            MInst::Args { .. }
            | MInst::LoadIncomingArg { .. }
            | MInst::MovImm { .. }
            | MInst::FMovImm { .. }
            | MInst::Alu { .. }
            | MInst::AluImm { .. }
            | MInst::Fpu { .. }
            | MInst::CmpSet { .. }
            | MInst::CmpImmSet { .. }
            | MInst::FCmpSet { .. }
            | MInst::Ext { .. }
            | MInst::Checked { .. }
            | MInst::CheckedImm { .. }
            | MInst::DivRem { .. }
            | MInst::IdxChk { .. }
            | MInst::NarrowChk { .. }
            | MInst::IntToFp { .. }
            | MInst::FpToInt { .. }
            | MInst::Load { .. }
            | MInst::SlotLoad { .. }
            | MInst::Store { .. }
            | MInst::SlotStore { .. }
            | MInst::LoadPair { .. }
            | MInst::StorePair { .. }
            | MInst::SlotAddr { .. }
            | MInst::DynAlloca { .. }
            | MInst::LoadAddr { .. }
            | MInst::StoreOutArg { .. }
            | MInst::Call { .. }
            | MInst::Jump { .. }
            | MInst::CondBr { .. }
            | MInst::CmpBr { .. }
            | MInst::Switch { .. }
            | MInst::Ret { .. }
            | MInst::Prologue
            | MInst::Trap { .. }
            | MInst::Eh(_) => false,
        }
    }

    fn is_pure(&self) -> bool {
        MInst::is_pure(self)
    }

    fn is_call(&self) -> bool {
        matches!(self, MInst::Call { .. })
    }

    fn is_jump(&self) -> bool {
        matches!(self, MInst::Jump { edges } if edges.len() == 1)
    }

    fn is_constant(&self) -> bool {
        match self {
            MInst::MovImm { dst, .. } | MInst::FMovImm { dst, .. } => dst.is_virtual(),
            MInst::Args { .. }
            | MInst::LoadIncomingArg { .. }
            | MInst::Mov { .. }
            | MInst::Alu { .. }
            | MInst::AluImm { .. }
            | MInst::Fpu { .. }
            | MInst::CmpSet { .. }
            | MInst::CmpImmSet { .. }
            | MInst::FCmpSet { .. }
            | MInst::Ext { .. }
            | MInst::Checked { .. }
            | MInst::CheckedImm { .. }
            | MInst::DivRem { .. }
            | MInst::IdxChk { .. }
            | MInst::NarrowChk { .. }
            | MInst::IntToFp { .. }
            | MInst::FpToInt { .. }
            | MInst::Load { .. }
            | MInst::SlotLoad { .. }
            | MInst::Store { .. }
            | MInst::SlotStore { .. }
            | MInst::LoadPair { .. }
            | MInst::StorePair { .. }
            | MInst::SlotAddr { .. }
            | MInst::DynAlloca { .. }
            | MInst::LoadAddr { .. }
            | MInst::StoreOutArg { .. }
            | MInst::Call { .. }
            | MInst::Jump { .. }
            | MInst::CondBr { .. }
            | MInst::CmpBr { .. }
            | MInst::Switch { .. }
            | MInst::Ret { .. }
            | MInst::Prologue
            | MInst::Trap { .. }
            | MInst::Eh(_)
            | MInst::RaMove { .. } => false,
        }
    }
}

impl MInst {
    /// A lower bound on the machine instructions emission writes for this instruction in any
    /// branch mode (0 where an instruction can vanish: moves, jumps to the next block, ...).
    /// The emitter sums it to send a function that cannot fit near branches straight to far
    /// mode.
    pub fn min_emitted(&self) -> usize {
        match self {
            // The operation and the branch to the trap stub.
            MInst::Checked { .. } | MInst::CheckedImm { .. } => 2,
            MInst::Load { .. }
            | MInst::SlotLoad { .. }
            | MInst::Store { .. }
            | MInst::SlotStore { .. }
            | MInst::LoadPair { .. }
            | MInst::StorePair { .. }
            | MInst::Call { .. }
            | MInst::Trap { .. } => 1,
            MInst::Args { .. }
            | MInst::LoadIncomingArg { .. }
            | MInst::MovImm { .. }
            | MInst::FMovImm { .. }
            | MInst::Mov { .. }
            | MInst::Alu { .. }
            | MInst::AluImm { .. }
            | MInst::Fpu { .. }
            | MInst::CmpSet { .. }
            | MInst::CmpImmSet { .. }
            | MInst::FCmpSet { .. }
            | MInst::Ext { .. }
            | MInst::DivRem { .. }
            | MInst::IdxChk { .. }
            | MInst::NarrowChk { .. }
            | MInst::IntToFp { .. }
            | MInst::FpToInt { .. }
            | MInst::SlotAddr { .. }
            | MInst::DynAlloca { .. }
            | MInst::LoadAddr { .. }
            | MInst::StoreOutArg { .. }
            | MInst::Jump { .. }
            | MInst::CondBr { .. }
            | MInst::CmpBr { .. }
            | MInst::Switch { .. }
            | MInst::Ret { .. }
            | MInst::Prologue
            | MInst::Eh { .. }
            | MInst::RaMove { .. } => 0,
        }
    }

    /// True if the instruction has no effect besides defining its registers.
    pub fn is_pure(&self) -> bool {
        match self {
            MInst::MovImm { .. }
            | MInst::FMovImm { .. }
            | MInst::Mov { .. }
            | MInst::Alu { .. }
            | MInst::AluImm { .. }
            | MInst::Fpu { .. }
            | MInst::CmpSet { .. }
            | MInst::CmpImmSet { .. }
            | MInst::FCmpSet { .. }
            | MInst::Ext { .. }
            | MInst::IntToFp { .. }
            | MInst::LoadAddr { .. }
            | MInst::SlotAddr { .. }
            | MInst::LoadIncomingArg { .. } => true,
            MInst::Eh(e) => e.is_pure(),
            MInst::Args { .. }
            | MInst::Checked { .. }
            | MInst::CheckedImm { .. }
            | MInst::DivRem { .. }
            | MInst::IdxChk { .. }
            | MInst::NarrowChk { .. }
            | MInst::FpToInt { .. }
            | MInst::Load { .. }
            | MInst::SlotLoad { .. }
            | MInst::Store { .. }
            | MInst::SlotStore { .. }
            | MInst::LoadPair { .. }
            | MInst::StorePair { .. }
            | MInst::DynAlloca { .. }
            | MInst::StoreOutArg { .. }
            | MInst::Call { .. }
            | MInst::Jump { .. }
            | MInst::CondBr { .. }
            | MInst::CmpBr { .. }
            | MInst::Switch { .. }
            | MInst::Ret { .. }
            | MInst::Prologue
            | MInst::Trap { .. }
            | MInst::RaMove { .. } => false,
        }
    }

    fn mnemonic(&self) -> String {
        match self {
            MInst::Args { .. } => "args".into(),
            MInst::LoadIncomingArg { off, ty, .. } => {
                format!("load_incoming_arg.{} +{off}", ty.name())
            }
            MInst::MovImm { imm, .. } => format!("mov_imm {:#x}", imm),
            MInst::FMovImm { bits, .. } => format!("fmov_imm {}", f64::from_bits(*bits)),
            MInst::Mov { .. } => "mov".into(),
            MInst::Alu {
                op, shift: None, ..
            } => op.mnemonic().to_string(),
            MInst::Alu {
                op,
                shift: Some(sh),
                ..
            } => format!("{}.{} #{}", op.mnemonic(), sh.op.mnemonic(), sh.amount),
            MInst::AluImm { op, imm, .. } => {
                format!("{}_imm {imm:#x}", op.mnemonic())
            }
            MInst::Fpu { op, .. } => format!("f{}", op.name().to_lowercase()),
            MInst::CmpSet { cond, .. } => format!("cmp_set.{}", cond.name()),
            MInst::CmpImmSet { cond, imm, .. } => format!("cmp_set.{} #{imm}", cond.name()),
            MInst::FCmpSet { cond, .. } => format!("fcmp_set.{}", cond.name()),
            MInst::Ext { kind, .. } => format!("ext.{}", kind.name()),
            MInst::Checked {
                op, width, trap, ..
            } => format!("checked.{}.{} !t{trap}", op.name(), width.name()),
            MInst::CheckedImm {
                op,
                width,
                imm,
                trap,
                ..
            } => format!("checked.{}.{} #{imm} !t{trap}", op.name(), width.name()),
            MInst::DivRem { kind, width, .. } => format!("divrem.{}.{}", kind.name(), width.name()),
            MInst::IdxChk { trap, bounds, .. } => match bounds {
                IdxBounds::Regs { .. } => format!("idx_chk !t{trap}"),
                IdxBounds::Const { lo, len } => format!("idx_chk #{lo}, len #{len} !t{trap}"),
                IdxBounds::LenReg { lo, .. } => format!("idx_chk #{lo}, len reg !t{trap}"),
            },
            MInst::NarrowChk { signed, width, .. } => {
                format!(
                    "narrow_chk.{}{}",
                    if *signed { "s" } else { "u" },
                    width.name()
                )
            }
            MInst::IntToFp { signed, .. } => format!("{}cvtf", if *signed { "s" } else { "u" }),
            MInst::FpToInt {
                signed,
                round,
                width,
                ..
            } => {
                format!(
                    "fp_to_{}int.{}{}",
                    if *signed { "s" } else { "u" },
                    width.name(),
                    if *round { ".rte" } else { "" }
                )
            }
            MInst::Load {
                ty,
                index: Some(ix),
                ..
            } => format!(
                "load.{}.idx{}",
                ty.name(),
                if ix.scaled { ".scaled" } else { "" }
            ),
            MInst::Store {
                ty,
                index: Some(ix),
                ..
            } => format!(
                "store.{}.idx{}",
                ty.name(),
                if ix.scaled { ".scaled" } else { "" }
            ),
            MInst::Load { ty, off: 0, .. } => format!("load.{}", ty.name()),
            MInst::Load { ty, off, .. } => format!("load.{} {off:+}", ty.name()),
            MInst::Store { ty, off: 0, .. } => format!("store.{}", ty.name()),
            MInst::Store { ty, off, .. } => format!("store.{} {off:+}", ty.name()),
            MInst::LoadPair { ty, off, .. } => format!("load_pair.{} {off:+}", ty.name()),
            MInst::StorePair { ty, off, .. } => format!("store_pair.{} {off:+}", ty.name()),
            MInst::SlotAddr { slot, .. } => format!("slot_addr #{slot}"),
            MInst::SlotLoad { ty, slot, off, .. } => {
                format!("slot_load.{} #{slot} {off:+}", ty.name())
            }
            MInst::SlotStore { ty, slot, off, .. } => {
                format!("slot_store.{} #{slot} {off:+}", ty.name())
            }
            MInst::DynAlloca { .. } => "dyn_alloca".into(),
            MInst::LoadAddr { sym, .. } => format!("load_addr {sym:?}"),
            MInst::StoreOutArg { off, ty, .. } => format!("store_out_arg.{} +{off}", ty.name()),
            MInst::Call { callee, .. } => match &**callee {
                Callee::Direct(s) => format!("call {s:?}"),
                Callee::Indirect(_) => "call_indirect".into(),
            },
            MInst::Jump { .. } => "jump".into(),
            MInst::CondBr { .. } => "cbnz".into(),
            MInst::CmpBr { float, cond, b, .. } => format!(
                "{}cmp_br.{}{}",
                if *float { "f" } else { "" },
                cond.name(),
                match b {
                    CmpRhs::Imm(k) => format!(" #{k}"),
                    CmpRhs::Bit(k) => format!(" bit {k}"),
                    CmpRhs::Reg(_) => String::new(),
                }
            ),
            MInst::Switch { cases, .. } => format!("switch {cases:?}"),
            MInst::Ret { frameless, .. } => {
                if *frameless {
                    "ret.frameless".into()
                } else {
                    "ret".into()
                }
            }
            MInst::Prologue => "prologue".into(),
            MInst::Trap { trap, .. } => format!("trap !t{trap}"),
            MInst::Eh(e) => e.to_string(),
            MInst::RaMove { dst, src, class } => format!("ra_move.{class:?} {dst:?} <- {src:?}"),
        }
    }
}

impl fmt::Display for MInst {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut defs = Vec::new();
        let mut uses = Vec::new();
        let mut copy = self.clone();
        copy.visit_regs(&mut |r, role| match role {
            RegRole::Def | RegRole::EarlyDef => defs.push(r.to_string()),
            RegRole::FixedDef(p) => defs.push(format!("{r}@{p}")),
            RegRole::Use => uses.push(r.to_string()),
            RegRole::FixedUse(p) => uses.push(format!("{r}@{p}")),
        });
        if !defs.is_empty() {
            write!(f, "{} = ", defs.join(", "))?;
        }
        write!(f, "{}", self.mnemonic())?;
        if !uses.is_empty() {
            write!(f, " {}", uses.join(", "))?;
        }
        for (i, e) in self.edges().iter().enumerate() {
            write!(f, "{}{e}", if i == 0 { " -> " } else { ", " })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod size_tests {
    /// Every machine instruction takes the size of the largest variant, and a huge function has
    /// a million of them: rare, large payloads (a call's callee, a switch's cases) are boxed.
    #[test]
    fn an_instruction_takes_at_most_56_bytes() {
        assert!(
            std::mem::size_of::<super::MInst>() <= 56,
            "MInst is {} bytes",
            std::mem::size_of::<super::MInst>()
        );
    }
}
