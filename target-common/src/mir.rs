//! Generic machine-IR containers.
//!
//! A [`MirFunction`] is a list of [`MirBlock`]s (block 0 is the entry) holding target instructions
//! `I: MachInst`. Before register allocation, registers are virtual (`Reg::Virt`, regalloc2
//! `VReg`s numbered densely from 0 with a fixed class each, recorded in `vreg_classes`), blocks may
//! have parameters and branch edges carry arguments (parallel copies). After allocation
//! (`allocated == true`) every register is physical, block parameters and edge arguments are gone
//! and stack slots are described by `num_spillslots`.
//!
//! Targets describe their instructions through [`MachInst`]; the most important method is
//! [`MachInst::visit_regs`], which visits every register operand in a fixed order with its role, so
//! collecting allocator operands and applying allocations can never disagree.
//!
//! Source positions: every block keeps a [`SrcPos`] per instruction in `pos`, parallel to
//! `insts` (the IL instruction the machine instruction came from: its `.loc`, if any, and its IL
//! line). Change a block's instruction list only through the [`MirBlock`] methods (`push`,
//! `pop`, `insert`, `remove`, `retain_mut`, `replace_all`, `append_from`), which keep the two in
//! step; the MIR verifier checks that their lengths agree.

use regalloc2::{PReg, PRegSet, RegClass, VReg};
use std::fmt;

/// A register operand: virtual before allocation, physical after.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reg {
    Virt(VReg),
    Phys(PReg),
}

impl Reg {
    pub fn class(self) -> RegClass {
        match self {
            Reg::Virt(v) => v.class(),
            Reg::Phys(p) => p.class(),
        }
    }
    pub fn as_phys(self) -> Option<PReg> {
        match self {
            Reg::Phys(p) => Some(p),
            Reg::Virt(_) => None,
        }
    }
    pub fn is_virtual(self) -> bool {
        matches!(self, Reg::Virt(_))
    }
}

/// How an instruction uses a register operand (maps onto regalloc2 operand kinds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegRole {
    /// Read at the start of the instruction.
    Use,
    /// Written at the end of the instruction (may share a register with a dying use).
    Def,
    /// Written before all uses are read (must not share a register with any use).
    EarlyDef,
    /// Read in the named physical register.
    FixedUse(PReg),
    /// Written in the named physical register.
    FixedDef(PReg),
}

/// A storage location after allocation (operand of a move inserted by the allocator).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loc {
    Reg(PReg),
    /// A spill slot index (8 bytes each).
    Stack(usize),
}

/// A control-flow edge: target block and the arguments for its parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub block: u32,
    pub args: Vec<Reg>,
}

impl Edge {
    pub fn new(block: u32, args: Vec<Reg>) -> Edge {
        Edge { block, args }
    }
}

/// What a target instruction must tell the shared machinery.
pub trait MachInst: Clone + fmt::Display {
    /// Visit every register operand (not edge arguments) in a fixed order with its role.
    fn visit_regs(&mut self, f: &mut dyn FnMut(&mut Reg, RegRole));
    /// Physical registers whose contents are destroyed (e.g. caller-saved registers at a call).
    fn clobbers(&self) -> PRegSet {
        PRegSet::empty()
    }
    /// True if the instruction ends a block.
    fn is_term(&self) -> bool;
    /// Outgoing edges of a terminator (empty for returns and traps).
    fn edges(&self) -> &[Edge];
    fn edges_mut(&mut self) -> &mut [Edge];
    /// An unconditional jump (used by edge splitting).
    fn jump(edge: Edge) -> Self;
    /// A move between allocations, inserted after register allocation.
    fn gen_move(dst: Loc, src: Loc, class: RegClass) -> Self;
    /// True if the instruction is a plain move whose source and destination are the same register.
    fn is_nop_move(&self) -> bool {
        false
    }
    /// True if the instruction has no effect besides defining its registers (so `dce` may delete
    /// it when nothing reads them).
    fn is_pure(&self) -> bool;
    /// True for calls (the register allocator's cost model counts them).
    fn is_call(&self) -> bool;
    /// True for an unconditional jump with exactly one edge (what [`MachInst::jump`] builds).
    fn is_jump(&self) -> bool;
    /// True if the instruction defines one virtual register from nothing but itself (it reads no
    /// register and has no effect): the same value wherever in the function it runs, so a copy
    /// may be placed in another block (`mir_passes::sink_edge_constants`).
    fn is_constant(&self) -> bool {
        false
    }
}

/// Where a machine instruction comes from in the source: the `.loc` in force for its IL
/// instruction (if any, [`SrcPos::loc`]) and the line of that IL instruction in the IL text
/// (0: unknown).
///
/// Kept in 16 bytes (one per machine instruction): the `.loc` is stored unwrapped, with file
/// [`NO_LOC_FILE`] for "none" (an `Option` would add 4 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SrcPos {
    loc_file: u32,
    loc_line: u32,
    loc_col: u32,
    pub il_line: u32,
}

/// The `.loc` file of a position without one (no IL file table comes near it).
const NO_LOC_FILE: u32 = u32::MAX;

impl Default for SrcPos {
    /// No `.loc`, IL line unknown.
    fn default() -> SrcPos {
        SrcPos::new(None, 0)
    }
}

impl SrcPos {
    /// A position with `.loc` `loc` at IL line `il_line`. A `.loc` naming file [`u32::MAX`]
    /// (beyond any file table) reads back as none.
    pub fn new(loc: Option<il::SrcLoc>, il_line: u32) -> SrcPos {
        let l = loc.unwrap_or(il::SrcLoc {
            file: NO_LOC_FILE,
            line: 0,
            col: 0,
        });
        SrcPos {
            loc_file: l.file,
            loc_line: l.line,
            loc_col: l.col,
            il_line,
        }
    }
    /// The position of IL instruction `inst`.
    pub fn of(inst: &il::Inst) -> SrcPos {
        SrcPos::new(inst.loc, inst.span.line)
    }
    /// A position at IL line `line` with no `.loc` (function headers, synthetic code).
    pub fn il_line(line: u32) -> SrcPos {
        SrcPos::new(None, line)
    }
    /// The `.loc` in force, if any.
    pub fn loc(&self) -> Option<il::SrcLoc> {
        (self.loc_file != NO_LOC_FILE).then_some(il::SrcLoc {
            file: self.loc_file,
            line: self.loc_line,
            col: self.loc_col,
        })
    }
}

/// A basic block of machine IR.
#[derive(Clone, Debug)]
pub struct MirBlock<I> {
    /// Name for dumps and labels (IL label, or a synthetic name for split edges).
    pub name: String,
    pub params: Vec<Reg>,
    /// The instructions. Read and modify them in place freely; add or remove them only through
    /// the methods below, which keep `pos` parallel.
    pub insts: Vec<I>,
    /// The source position of each instruction (same length as `insts`).
    pub pos: Vec<SrcPos>,
}

impl<I> MirBlock<I> {
    /// An empty block.
    pub fn new(name: impl Into<String>) -> Self {
        MirBlock {
            name: name.into(),
            params: Vec::new(),
            insts: Vec::new(),
            pos: Vec::new(),
        }
    }
    /// Room for exactly `n` more instructions (and positions): a block whose size is about known
    /// is not given a vector's default first growth (four instructions, which is most of a
    /// function's MIR in a huge function of small blocks).
    pub fn reserve_exact(&mut self, n: usize) {
        self.insts.reserve_exact(n);
        self.pos.reserve_exact(n);
    }
    /// Append `inst` from source position `pos`.
    pub fn push(&mut self, inst: I, pos: SrcPos) {
        self.insts.push(inst);
        self.pos.push(pos);
    }
    /// Remove the last instruction, with its position.
    pub fn pop(&mut self) -> Option<(I, SrcPos)> {
        let i = self.insts.pop()?;
        Some((i, self.pos.pop().unwrap_or_default()))
    }
    /// Insert `inst` before index `at` (at most the length).
    pub fn insert(&mut self, at: usize, inst: I, pos: SrcPos) {
        self.insts.insert(at, inst);
        self.pos.insert(at.min(self.pos.len()), pos);
    }
    /// Remove the instruction at `at` (an index in range), with its position.
    pub fn remove(&mut self, at: usize) -> (I, SrcPos) {
        let p = if at < self.pos.len() {
            self.pos.remove(at)
        } else {
            SrcPos::default()
        };
        (self.insts.remove(at), p)
    }
    /// Keep the instructions for which `keep` returns true (and their positions).
    pub fn retain_mut(&mut self, mut keep: impl FnMut(&mut I) -> bool) {
        let mut kept = Vec::with_capacity(self.insts.len());
        self.insts.retain_mut(|i| {
            let k = keep(i);
            kept.push(k);
            k
        });
        let mut it = kept.into_iter();
        self.pos.retain(|_| it.next().unwrap_or(true));
    }
    /// Take every instruction out, with its position (the block is left empty).
    pub fn take_all(&mut self) -> (Vec<I>, Vec<SrcPos>) {
        (
            std::mem::take(&mut self.insts),
            std::mem::take(&mut self.pos),
        )
    }
    /// Replace every instruction (`insts` and `pos` must have the same length: the verifier
    /// checks it).
    pub fn replace_all(&mut self, insts: Vec<I>, pos: Vec<SrcPos>) {
        self.insts = insts;
        self.pos = pos;
    }
    /// The position of instruction `k` (the default when out of range).
    pub fn pos_at(&self, k: usize) -> SrcPos {
        self.pos.get(k).copied().unwrap_or_default()
    }
    /// The position of the last instruction (the default when empty).
    pub fn last_pos(&self) -> SrcPos {
        self.pos.last().copied().unwrap_or_default()
    }
}

impl<I: Clone> MirBlock<I> {
    /// Append copies of every instruction of `other`, with their positions.
    pub fn append_from(&mut self, other: &MirBlock<I>) {
        self.insts.extend(other.insts.iter().cloned());
        self.pos.extend(other.pos.iter().copied());
    }
}

/// A function of machine IR.
#[derive(Clone, Debug)]
pub struct MirFunction<I> {
    pub name: String,
    pub blocks: Vec<MirBlock<I>>,
    /// Class of each virtual register (index = vreg number).
    pub vreg_classes: Vec<RegClass>,
    /// True once registers are physical.
    pub allocated: bool,
    /// Spill slots (8 bytes each) used after allocation.
    pub num_spillslots: usize,
}

impl<I: MachInst> MirFunction<I> {
    pub fn new(name: impl Into<String>) -> Self {
        MirFunction {
            name: name.into(),
            blocks: Vec::new(),
            vreg_classes: Vec::new(),
            allocated: false,
            num_spillslots: 0,
        }
    }
    /// A fresh virtual register of `class`.
    pub fn new_vreg(&mut self, class: RegClass) -> Reg {
        let v = VReg::new(self.vreg_classes.len(), class);
        self.vreg_classes.push(class);
        Reg::Virt(v)
    }
    /// Append an empty block, returning its index.
    pub fn add_block(&mut self, name: impl Into<String>) -> u32 {
        self.blocks.push(MirBlock::new(name));
        (self.blocks.len() - 1) as u32
    }
    /// Number of instructions over all blocks.
    pub fn num_insts(&self) -> usize {
        self.blocks.iter().map(|b| b.insts.len()).sum()
    }
    /// Every physical register mentioned by an instruction (after allocation).
    /// (`&mut` only to visit operands in place; nothing is changed.)
    pub fn used_pregs(&mut self) -> PRegSet {
        let mut set = PRegSet::empty();
        for b in &mut self.blocks {
            for i in &mut b.insts {
                i.visit_regs(&mut |r, _| {
                    if let Reg::Phys(p) = r {
                        set.add(*p);
                    }
                });
            }
        }
        set
    }
}

fn fmt_reg(r: &Reg, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match r {
        Reg::Virt(v) => write!(
            f,
            "%{}{}",
            if v.class() == RegClass::Int { "v" } else { "f" },
            v.vreg()
        ),
        Reg::Phys(p) => write!(f, "{p}"),
    }
}

impl fmt::Display for Reg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_reg(self, f)
    }
}

impl fmt::Display for Edge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bb{}", self.block)?;
        if !self.args.is_empty() {
            write!(f, "(")?;
            for (i, a) in self.args.iter().enumerate() {
                if i > 0 {
                    write!(f, ", ")?;
                }
                write!(f, "{a}")?;
            }
            write!(f, ")")?;
        }
        Ok(())
    }
}

impl<I: MachInst> fmt::Display for MirFunction<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "mir function {}:", self.name)?;
        for (i, b) in self.blocks.iter().enumerate() {
            write!(f, "bb{i} [{}]", b.name)?;
            if !b.params.is_empty() {
                write!(f, "(")?;
                for (k, p) in b.params.iter().enumerate() {
                    if k > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{p}")?;
                }
                write!(f, ")")?;
            }
            writeln!(f, ":")?;
            for inst in &b.insts {
                writeln!(f, "    {inst}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal instruction set: `Op(n)` and the terminator `Ret`.
    #[derive(Clone, Debug, PartialEq)]
    enum T {
        Op(u32),
        Ret,
    }
    impl fmt::Display for T {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{self:?}")
        }
    }
    impl MachInst for T {
        fn visit_regs(&mut self, _f: &mut dyn FnMut(&mut Reg, RegRole)) {}
        fn is_term(&self) -> bool {
            matches!(self, T::Ret)
        }
        fn edges(&self) -> &[Edge] {
            &[]
        }
        fn edges_mut(&mut self) -> &mut [Edge] {
            &mut []
        }
        fn jump(_edge: Edge) -> Self {
            T::Ret
        }
        fn gen_move(_dst: Loc, _src: Loc, _class: RegClass) -> Self {
            T::Op(0)
        }
        fn is_pure(&self) -> bool {
            matches!(self, T::Op(_))
        }
        fn is_call(&self) -> bool {
            false
        }
        fn is_jump(&self) -> bool {
            false
        }
    }

    fn at(line: u32) -> SrcPos {
        SrcPos::il_line(line)
    }

    /// A position is 16 bytes and gives back the `.loc` it was made with, or none.
    #[test]
    fn positions_keep_their_loc_in_16_bytes() {
        assert_eq!(std::mem::size_of::<SrcPos>(), 16);
        let l = il::SrcLoc {
            file: 3,
            line: 7,
            col: 2,
        };
        assert_eq!(SrcPos::new(Some(l), 9).loc(), Some(l));
        assert_eq!(SrcPos::new(Some(l), 9).il_line, 9);
        assert_eq!(SrcPos::il_line(9).loc(), None);
        assert_eq!(SrcPos::default().loc(), None);
        assert_eq!(SrcPos::default().il_line, 0);
    }

    #[test]
    fn block_methods_keep_positions_in_step() {
        let mut b = MirBlock::new("b");
        for k in 1..=4 {
            b.push(T::Op(k), at(k));
        }
        b.insert(1, T::Op(9), at(9));
        assert_eq!(b.remove(0), (T::Op(1), at(1)));
        b.retain_mut(|i| *i != T::Op(3));
        assert_eq!(b.pop(), Some((T::Op(4), at(4))));
        b.push(T::Ret, at(5));
        let copy = b.clone();
        b.append_from(&copy);
        let lines: Vec<u32> = b.pos.iter().map(|p| p.il_line).collect();
        assert_eq!(lines, vec![9, 2, 5, 9, 2, 5]);
        assert_eq!(b.insts[..3], [T::Op(9), T::Op(2), T::Ret]);
        assert_eq!(b.last_pos(), at(5));
        assert_eq!(b.pos_at(99), SrcPos::default());
    }

    #[test]
    fn reserved_blocks_take_exactly_their_instructions() {
        let mut b = MirBlock::new("b");
        b.reserve_exact(2);
        b.push(T::Op(1), at(1));
        b.push(T::Ret, at(2));
        assert_eq!((b.insts.capacity(), b.pos.capacity()), (2, 2));
        // More than reserved still works (the vectors grow).
        b.push(T::Op(3), at(3));
        assert_eq!((b.insts.len(), b.pos.len()), (3, 3));
        assert_eq!(b.pos_at(2), at(3));
    }

    #[test]
    fn verifier_rejects_positions_out_of_step() {
        let mut f: MirFunction<T> = MirFunction::new("f");
        let b = f.add_block("entry") as usize;
        f.blocks[b].push(T::Op(1), at(1));
        f.blocks[b].push(T::Ret, at(2));
        assert_eq!(crate::verify::verify_mir(&f), Ok(()));
        f.blocks[b].insts.insert(0, T::Op(7));
        let e = crate::verify::verify_mir(&f).unwrap_err();
        assert!(e.contains("3 instructions but 2 source positions"), "{e}");
    }
}
