//! Register allocation of a [`MirFunction`] with regalloc2 or our linear scan ([`linear`]).
//!
//! [`allocate`] presents the function to the allocator through [`RaView`] (an implementation of
//! `regalloc2::Function` built once from the MIR), runs the chosen algorithm ([`Algo`]: Ion,
//! Fastalloc or [`linear`], which produces a `regalloc2::Output` too) and
//! rewrites the function in place: every virtual register becomes the physical register regalloc2
//! chose, the allocator's moves (register↔register, register↔spill slot) are inserted as target
//! moves, block parameters and edge arguments are removed, and `num_spillslots` is set. An
//! inserted move takes the source position of the instruction it is placed before (or, at the end
//! of a block, of the one it follows).
//!
//! Preconditions (checked by regalloc2, reported as errors): critical edges are split
//! ([`crate::cfg::split_critical_edges`]), every block ends in exactly one terminator, the entry
//! block has no parameters and no value is live into it (targets define arguments with fixed-register
//! definitions instead). Physical registers already present in instructions are invisible to the
//! allocator (they must not be allocatable).

mod csr;
pub mod linear;

use crate::mir::{Loc, MachInst, MirFunction, Reg, RegRole, SrcPos};
use codegen_api::CodegenError;
use csr::Csr;
use regalloc2::{
    Algorithm, Allocation, Block, Edit, Function, Inst, InstOrEdit, InstRange, MachineEnv, Operand,
    PReg, PRegSet, RegClass, RegallocOptions, VReg,
};

/// A read-only regalloc2 view of a MIR function. Per-block lists are flat ([`Csr`]): edge `k` of
/// block `b` is row `succs.row_start(b) + k` of `edge_args`.
pub struct RaView {
    block_ranges: Vec<InstRange>,
    succs: Csr<Block>,
    preds: Csr<Block>,
    params: Csr<VReg>,
    /// Per outgoing edge (numbered in block order): the argument vregs.
    edge_args: Csr<VReg>,
    operands: Vec<Operand>,
    op_ranges: Vec<(u32, u32)>,
    /// Per instruction: 0 (clobbers nothing) or 1 + its index in `clobber_sets` (4 bytes an
    /// instruction instead of a 32-byte set: most instructions clobber nothing).
    clobbers: Vec<u32>,
    clobber_sets: Vec<PRegSet>,
    is_term: Vec<bool>,
    is_ret: Vec<bool>,
    inst_block: Vec<u32>,
    num_vregs: usize,
}

fn vreg_of(r: &Reg) -> Result<VReg, CodegenError> {
    match r {
        Reg::Virt(v) => Ok(*v),
        Reg::Phys(p) => Err(CodegenError::Internal(format!(
            "physical register {p} where a virtual register is required"
        ))),
    }
}

/// The outgoing edges of block `b` (those of its last instruction).
fn block_edges<I: MachInst>(b: &crate::mir::MirBlock<I>) -> &[crate::mir::Edge] {
    b.insts.last().map_or(&[], |t| t.edges())
}

/// Predecessors of every block (with multiplicity, in block order), flat.
fn pred_table<I: MachInst>(f: &MirFunction<I>) -> Csr<Block> {
    let n = f.blocks.len();
    let mut count = vec![0usize; n];
    for b in &f.blocks {
        for e in block_edges(b) {
            if let Some(c) = count.get_mut(e.block as usize) {
                *c += 1;
            }
        }
    }
    let mut preds = Csr::with_lengths(count.iter().copied(), Block::invalid());
    // Reuse `count` as each row's fill cursor.
    count.iter_mut().for_each(|c| *c = 0);
    for (bi, b) in f.blocks.iter().enumerate() {
        for e in block_edges(b) {
            let t = e.block as usize;
            if t < n {
                preds.row_mut(t)[count[t]] = Block::new(bi);
                count[t] += 1;
            }
        }
    }
    preds
}

impl RaView {
    pub fn new<I: MachInst>(f: &mut MirFunction<I>) -> Result<RaView, CodegenError> {
        // `f` is mutable only so operands can be visited in place (the visitor changes nothing).
        let nb = f.blocks.len();
        let ni = f.num_insts();
        let mut v = RaView {
            block_ranges: Vec::with_capacity(nb),
            succs: Csr::with_capacity(nb, nb * 2),
            preds: pred_table(f),
            params: Csr::with_capacity(nb, nb),
            edge_args: Csr::with_capacity(nb * 2, nb * 2),
            operands: Vec::with_capacity(ni * 2),
            op_ranges: Vec::with_capacity(ni),
            clobbers: Vec::with_capacity(ni),
            clobber_sets: Vec::new(),
            is_term: Vec::with_capacity(ni),
            is_ret: Vec::with_capacity(ni),
            inst_block: Vec::with_capacity(ni),
            num_vregs: f.vreg_classes.len(),
        };
        // Clobbers of a register class no virtual register has change no allocation: they are
        // left out (a call clobbers ~40 registers, and Ion records each; most functions have no
        // float values).
        let mut keep = PRegSet::empty();
        for class in [RegClass::Int, RegClass::Float, RegClass::Vector] {
            if f.vreg_classes.contains(&class) {
                for hw in 0..=PReg::MAX {
                    keep.add(PReg::new(hw, class));
                }
            }
        }
        let mut n = 0usize;
        for (bi, b) in f.blocks.iter_mut().enumerate() {
            let start = n;
            for p in &b.params {
                v.params.push(vreg_of(p)?);
            }
            v.params.end_row();
            for inst in &mut b.insts {
                let lo = v.operands.len() as u32;
                inst.visit_regs(&mut |r, role| {
                    if let Reg::Virt(vr) = r {
                        v.operands.push(match role {
                            RegRole::Use => Operand::reg_use(*vr),
                            RegRole::Def => Operand::reg_def(*vr),
                            RegRole::EarlyDef => Operand::reg_def_at_start(*vr),
                            RegRole::FixedUse(p) => Operand::reg_fixed_use(*vr, p),
                            RegRole::FixedDef(p) => Operand::reg_fixed_def(*vr, p),
                        });
                    }
                });
                v.op_ranges.push((lo, v.operands.len() as u32));
                let clobbered = inst.clobbers() & keep;
                if clobbered == PRegSet::empty() {
                    v.clobbers.push(0);
                } else {
                    if v.clobber_sets.last() != Some(&clobbered) {
                        v.clobber_sets.push(clobbered);
                    }
                    v.clobbers.push(v.clobber_sets.len() as u32);
                }
                let term = inst.is_term();
                v.is_term.push(term);
                v.is_ret.push(term && inst.edges().is_empty());
                v.inst_block.push(bi as u32);
                if term {
                    for e in inst.edges() {
                        v.succs.push(Block::new(e.block as usize));
                        for a in &e.args {
                            v.edge_args.push(vreg_of(a)?);
                        }
                        v.edge_args.end_row();
                    }
                }
                n += 1;
            }
            v.block_ranges
                .push(InstRange::new(Inst::new(start), Inst::new(n)));
            v.succs.end_row();
        }
        Ok(v)
    }
}

impl Function for RaView {
    fn num_insts(&self) -> usize {
        self.is_term.len()
    }
    fn num_blocks(&self) -> usize {
        self.block_ranges.len()
    }
    fn entry_block(&self) -> Block {
        Block::new(0)
    }
    fn block_insns(&self, block: Block) -> InstRange {
        self.block_ranges[block.index()]
    }
    fn block_succs(&self, block: Block) -> &[Block] {
        self.succs.row(block.index())
    }
    fn block_preds(&self, block: Block) -> &[Block] {
        self.preds.row(block.index())
    }
    fn block_params(&self, block: Block) -> &[VReg] {
        self.params.row(block.index())
    }
    fn is_ret(&self, insn: Inst) -> bool {
        self.is_ret[insn.index()]
    }
    fn is_branch(&self, insn: Inst) -> bool {
        self.is_term[insn.index()] && !self.is_ret[insn.index()]
    }
    fn branch_blockparams(&self, block: Block, _insn: Inst, succ_idx: usize) -> &[VReg] {
        self.edge_args
            .row(self.succs.row_start(block.index()) + succ_idx)
    }
    fn inst_operands(&self, insn: Inst) -> &[Operand] {
        let (lo, hi) = self.op_ranges[insn.index()];
        &self.operands[lo as usize..hi as usize]
    }
    fn inst_clobbers(&self, insn: Inst) -> PRegSet {
        match self.clobbers[insn.index()] {
            0 => PRegSet::empty(),
            k => self.clobber_sets[k as usize - 1],
        }
    }
    fn num_vregs(&self) -> usize {
        self.num_vregs
    }
    fn spillslot_size(&self, _regclass: RegClass) -> usize {
        1
    }
}

fn loc_of(a: Allocation) -> Result<Loc, CodegenError> {
    if let Some(p) = a.as_reg() {
        Ok(Loc::Reg(p))
    } else if let Some(s) = a.as_stack() {
        Ok(Loc::Stack(s.index()))
    } else {
        Err(CodegenError::Internal(
            "move with an empty allocation".into(),
        ))
    }
}

/// The allocation algorithm [`allocate`] runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algo {
    /// regalloc2's Ion (backtracking, live-range splitting): the best code.
    Ion,
    /// regalloc2's Fastalloc (local, per block).
    Fastalloc,
    /// Our linear scan ([`linear`]): linear time on every shape.
    Linear,
}

/// True when allocations are validated with regalloc2's checker: debug builds, or
/// `VIPER_RA_CHECK=1` in the environment (tests and the conformance suites use it).
pub fn checking() -> bool {
    cfg!(debug_assertions) || std::env::var_os("VIPER_RA_CHECK").is_some_and(|v| v == "1")
}

/// Allocate registers for `f` in place (see the module documentation).
pub fn allocate<I: MachInst>(
    f: &mut MirFunction<I>,
    env: &MachineEnv,
    algo: Algo,
) -> Result<(), CodegenError> {
    allocate_with(f, env, |_, _| algo)
}

/// [`allocate`] with the algorithm chosen from the function and its view.
pub fn allocate_with<I: MachInst>(
    f: &mut MirFunction<I>,
    env: &MachineEnv,
    pick: impl FnOnce(&MirFunction<I>, &RaView) -> Algo,
) -> Result<(), CodegenError> {
    if f.allocated {
        return Err(CodegenError::Internal(format!(
            "{}: allocated twice",
            f.name
        )));
    }
    let view = RaView::new(f)?;
    let algo = pick(f, &view);
    let algorithm = match algo {
        Algo::Ion => Algorithm::Ion,
        Algo::Fastalloc => Algorithm::Fastalloc,
        Algo::Linear => {
            let out = linear::run(&view, env).map_err(|e| {
                CodegenError::Internal(format!("register allocation failed in {}: {e}", f.name))
            })?;
            if checking() {
                linear::check(&view, env, &out).map_err(|e| {
                    CodegenError::Internal(format!(
                        "register allocation of {} is wrong: {e}",
                        f.name
                    ))
                })?;
            }
            return apply(f, &view, &out);
        }
    };
    let opts = RegallocOptions {
        verbose_log: false,
        validate_ssa: cfg!(debug_assertions),
        algorithm,
    };
    // One regalloc2 context per thread, reused across functions (its buffers keep their capacity).
    thread_local! {
        static CTX: std::cell::RefCell<regalloc2::Ctx> = std::cell::RefCell::new(regalloc2::Ctx::default());
    }
    CTX.with(|ctx| {
        let mut ctx = ctx.borrow_mut();
        let out = regalloc2::run_with_ctx(&view, env, &opts, &mut ctx).map_err(|e| {
            CodegenError::Internal(format!("register allocation failed in {}: {e}", f.name))
        })?;
        if checking() {
            linear::check(&view, env, out).map_err(|e| {
                CodegenError::Internal(format!("register allocation of {} is wrong: {e}", f.name))
            })?;
        }
        let applied = apply(f, &view, out);
        // A huge function leaves the context's buffers sized for it: free them rather than
        // hold them through this function's emission and the rest of the module.
        if view.num_insts() > KEEP_CONTEXT_INSTS {
            *ctx = regalloc2::Ctx::default();
        }
        applied
    })
}

/// Functions up to this many instructions leave the thread's regalloc2 context (its buffers)
/// for the next function; a larger one frees it.
pub const KEEP_CONTEXT_INSTS: usize = 1 << 16;

/// Rewrite `f` with the allocator's result (see [`allocate`]).
fn apply<I: MachInst>(
    f: &mut MirFunction<I>,
    view: &RaView,
    out: &regalloc2::Output,
) -> Result<(), CodegenError> {
    for bi in 0..f.blocks.len() {
        let block = Block::new(bi);
        let first = view.block_insns(block).first().index();
        let b = &mut f.blocks[bi];
        b.params.clear();
        let len = out.block_insts_and_edits(view, block).count();
        if len == b.insts.len() {
            // No moves in this block: rewrite the instructions in place.
            for (k, inst) in b.insts.iter_mut().enumerate() {
                assign(inst, out, Inst::new(first + k))?;
            }
            continue;
        }
        // Rebuilt at exactly its new length (slack for the moves, kept for the function's
        // lifetime, was a third of the MIR's memory on a chain of small blocks).
        let (old_insts, old_pos) = b.take_all();
        let mut old = old_insts.into_iter().enumerate();
        let mut new_insts: Vec<I> = Vec::with_capacity(len);
        let mut new_pos: Vec<SrcPos> = Vec::with_capacity(len);
        // Moves inserted before an instruction take its position (set when it arrives).
        let mut pending = 0usize;
        for item in out.block_insts_and_edits(view, block) {
            match item {
                InstOrEdit::Edit(Edit::Move { from, to }) => {
                    let class = from
                        .as_reg()
                        .or(to.as_reg())
                        .map(|p: PReg| p.class())
                        .ok_or_else(|| CodegenError::Internal("stack-to-stack move".into()))?;
                    new_insts.push(I::gen_move(loc_of(*to)?, loc_of(*from)?, class));
                    new_pos.push(SrcPos::default());
                    pending += 1;
                }
                InstOrEdit::Inst(i) => {
                    // The allocator lists a block's instructions once each, in order.
                    let (k, mut inst) = old
                        .next()
                        .filter(|(k, _)| first + k == i.index())
                        .ok_or_else(|| {
                            CodegenError::Internal(format!("instruction {i:?} out of order"))
                        })?;
                    assign(&mut inst, out, i)?;
                    let p = old_pos.get(k).copied().unwrap_or_default();
                    let n = new_pos.len();
                    new_pos[n - pending..].fill(p);
                    pending = 0;
                    new_insts.push(inst);
                    new_pos.push(p);
                }
            }
        }
        // Moves after the last instruction (none after a terminator) take its position.
        if let Some(&last) = new_pos.iter().rev().nth(pending) {
            let n = new_pos.len();
            new_pos[n - pending..].fill(last);
        }
        f.blocks[bi].replace_all(new_insts, new_pos);
    }
    f.allocated = true;
    f.num_spillslots = out.num_spillslots;
    Ok(())
}

/// Replace every virtual register of instruction `i` (`inst`) by its allocation and drop its
/// edge arguments.
fn assign<I: MachInst>(inst: &mut I, out: &regalloc2::Output, i: Inst) -> Result<(), CodegenError> {
    let allocs = out.inst_allocs(i);
    let mut k = 0usize;
    let mut err = None;
    inst.visit_regs(&mut |r, _| {
        if r.is_virtual() {
            match allocs.get(k).and_then(|a| a.as_reg()) {
                Some(p) => *r = Reg::Phys(p),
                None => err = Some(format!("operand {k} of `{i:?}` not in a register")),
            }
            k += 1;
        }
    });
    if let Some(e) = err {
        return Err(CodegenError::Internal(e));
    }
    for e in inst.edges_mut() {
        e.args.clear();
    }
    Ok(())
}

/// Functions whose [`ion_work`] exceeds this are allocated with the linear scan even when Ion
/// was asked for. Ion's cost grows faster than linearly with function size and with the number
/// of calls (each clobbers ~40 registers): on sqldb_test three functions of work 8k–11k took
/// 46 ms of its 132 ms of allocation, 2 µs per unit against the linear scan's 0.2. Ion's edge is
/// loops (the shared kernels: branch_stress 3.07 M executed instructions against 5.40 M with
/// the linear scan everywhere), and loop kernels are small: every bench kernel is below 310.
/// Above this size the linear scan is as good on whole programs (2026-12-03, executed
/// instructions, Ion below 40k → below 2k: Chess 131.06 → 131.06 M, Frogger 13.16 → 13.11 M,
/// sqldb_test 44.96 → 44.96 M) and sqldb_test's allocation takes 54 ms instead of 132.
pub const ION_MAX_WORK: usize = 2_000;

/// Functions with more blocks × virtual registers than this use the linear scan with every
/// algorithm choice: Ion's and Fastalloc's costs grow with that product (per-block liveness,
/// per-block resets over all values; a 12.5k-case switch took 1.7 s in Fastalloc). The largest
/// corpus functions are below 1.1M except one test driver (7.8M, work 55k: linear either way).
pub const MAX_BLOCKS_X_VREGS: usize = 4_000_000;

/// Functions where more values than this are live at once (the linear scan's interval hulls,
/// computed only for functions of [`ion_work`] above [`PRESSURE_MIN_WORK`]) use the linear scan
/// instead of Ion: Ion's cost grows with the number of simultaneously live ranges (12.5k values
/// live across one block: 3.7 s; a call with 5k arguments: 1.2 s).
pub const ION_MAX_PRESSURE: usize = 256;

/// Below this [`ion_work`] the pressure is not measured (Ion is fast on any small function).
pub const PRESSURE_MIN_WORK: usize = 500;

/// The algorithm an allocator of `mode` runs on `f` (see the constants above).
pub fn tier<I: MachInst>(mode: Mode, f: &MirFunction<I>, view: &RaView, env: &MachineEnv) -> Algo {
    tier_for(
        mode,
        ion_work(f),
        f.blocks.len(),
        f.vreg_classes.len(),
        // A function the linear scan's analysis rejects is left to Ion (which reports the problem).
        || linear::max_pressure(view, env).unwrap_or(0),
    )
}

/// [`tier`] on the function's figures; `pressure` is called only when it decides.
pub fn tier_for(
    mode: Mode,
    work: usize,
    blocks: usize,
    vregs: usize,
    pressure: impl FnOnce() -> usize,
) -> Algo {
    let product = blocks.saturating_mul(vregs);
    match mode {
        Mode::Linear => Algo::Linear,
        Mode::Fast if product > MAX_BLOCKS_X_VREGS => Algo::Linear,
        Mode::Fast => Algo::Fastalloc,
        Mode::IonUnlessHuge => {
            let too_big = work > ION_MAX_WORK || product > MAX_BLOCKS_X_VREGS;
            if too_big || (work > PRESSURE_MIN_WORK && pressure() > ION_MAX_PRESSURE) {
                Algo::Linear
            } else {
                Algo::Ion
            }
        }
    }
}

#[cfg(test)]
mod tier_tests {
    use super::*;

    #[test]
    fn tiers() {
        let never = || -> usize { panic!("pressure not needed") };
        // Small functions: Ion / Fastalloc, without measuring pressure.
        assert_eq!(
            tier_for(Mode::IonUnlessHuge, PRESSURE_MIN_WORK, 100, 500, never),
            Algo::Ion
        );
        assert_eq!(
            tier_for(Mode::Fast, 1_500, 100, 500, never),
            Algo::Fastalloc
        );
        // Mid-size: pressure decides.
        assert_eq!(
            tier_for(Mode::IonUnlessHuge, ION_MAX_WORK, 100, 1_000, || 30),
            Algo::Ion
        );
        assert_eq!(
            tier_for(Mode::IonUnlessHuge, PRESSURE_MIN_WORK + 1, 2, 1_500, || {
                1_200
            }),
            Algo::Linear
        );
        // Large, or many blocks × values: linear (switch 12.5k cases: 12.5k blocks × 12.5k vregs).
        assert_eq!(
            tier_for(Mode::IonUnlessHuge, ION_MAX_WORK + 1, 10, 10, never),
            Algo::Linear
        );
        assert_eq!(
            tier_for(Mode::Fast, 50_015, 12_504, 12_508, never),
            Algo::Linear
        );
        assert_eq!(
            tier_for(Mode::IonUnlessHuge, 1_000, 5_000, 5_000, never),
            Algo::Linear
        );
        assert_eq!(
            tier_for(Mode::Fast, 30_000, 2, 30_000, never),
            Algo::Fastalloc
        );
        assert_eq!(tier_for(Mode::Linear, 1, 1, 1, never), Algo::Linear);
    }
}

/// Ion's cost model: one unit per MIR instruction, seventeen per call (call clobbers dominate
/// Ion's time in call-heavy code), and one per block parameter and edge argument (a block with
/// thousands of parameters — a function with thousands of arguments — is as costly as that many
/// instructions).
pub fn ion_work<I: MachInst>(f: &MirFunction<I>) -> usize {
    f.blocks
        .iter()
        .map(|b| {
            b.params.len()
                + b.insts
                    .iter()
                    .map(|i| {
                        let edge_args: usize = i.edges().iter().map(|e| e.args.len()).sum();
                        edge_args + if i.is_call() { 17 } else { 1 }
                    })
                    .sum::<usize>()
        })
        .sum()
}

/// Which regalloc2 algorithm an [`Regalloc2`] allocator runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Ion, or the linear scan for functions too costly for Ion ([`tier`]).
    IonUnlessHuge,
    /// Fastalloc, or the linear scan for functions too costly for it ([`tier`]).
    Fast,
    /// The linear scan always.
    Linear,
}

/// regalloc2 behind `codegen_api::RegAlloc`, for any target: the target supplies its register
/// file as a `MachineEnv`.
#[derive(Clone, Debug)]
pub struct Regalloc2 {
    pub name: &'static str,
    pub mode: Mode,
    pub env: MachineEnv,
}

impl<F: crate::driver::HasMir> codegen_api::RegAlloc<F> for Regalloc2 {
    fn name(&self) -> &'static str {
        self.name
    }
    fn allocate(&self, f: &mut F, _o: &codegen_api::CodegenOptions) -> Result<(), CodegenError> {
        let mir = f.mir_mut();
        let mode = self.mode;
        let env = &self.env;
        allocate_with(mir, env, |mir, view| tier(mode, mir, view, env))
            .map_err(|e| CodegenError::Internal(format!("{e} (allocator `{}`)", self.name)))
    }
}

/// The allocator `options` ask for, by the names every regalloc2-based target offers:
/// `regalloc2` (alias `ion`; the default from -O1 up), `fast` (the -O0 default) and `linear`
/// (the linear scan of [`linear`] on every function).
pub fn from_options<F: crate::driver::HasMir>(
    target: &str,
    env: MachineEnv,
    options: &codegen_api::CodegenOptions,
) -> Result<Box<dyn codegen_api::RegAlloc<F>>, CodegenError> {
    use codegen_api::OptLevel;
    let mode = match (options.regalloc.as_deref(), options.opt_level) {
        (Some("fast"), _) | (None, OptLevel::O0) => Mode::Fast,
        (None | Some("regalloc2") | Some("ion"), _) => Mode::IonUnlessHuge,
        (Some("linear"), _) => Mode::Linear,
        (Some(other), _) => {
            return Err(CodegenError::Other(format!(
                "unknown register allocator `{other}` ({target} offers: {})",
                NAMES.join(", ")
            )))
        }
    };
    let name = match mode {
        Mode::IonUnlessHuge => "regalloc2",
        Mode::Fast => "fast",
        Mode::Linear => "linear",
    };
    Ok(Box::new(Regalloc2 { name, mode, env }))
}

/// The allocator names [`from_options`] accepts, the default first (for `TargetInfo`).
pub const NAMES: &[&str] = &["regalloc2", "fast", "linear"];

#[cfg(test)]
mod view_tests {
    use super::*;
    use crate::mir::{Edge, Loc, MirFunction, SrcPos};
    use std::fmt;

    #[derive(Clone, Debug, PartialEq)]
    enum T {
        Def(Reg),
        /// A call clobbering x0 and d0 (as int and float registers of hardware number 0).
        Call,
        Ret(Reg),
    }
    impl fmt::Display for T {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{self:?}")
        }
    }
    impl MachInst for T {
        fn visit_regs(&mut self, f: &mut dyn FnMut(&mut Reg, RegRole)) {
            match self {
                T::Def(r) => f(r, RegRole::Def),
                T::Ret(r) => f(r, RegRole::Use),
                T::Call => {}
            }
        }
        fn clobbers(&self) -> PRegSet {
            match self {
                T::Call => [PReg::new(0, RegClass::Int), PReg::new(0, RegClass::Float)]
                    .into_iter()
                    .collect(),
                T::Def(_) | T::Ret(_) => PRegSet::empty(),
            }
        }
        fn is_term(&self) -> bool {
            matches!(self, T::Ret(_))
        }
        fn edges(&self) -> &[Edge] {
            &[]
        }
        fn edges_mut(&mut self) -> &mut [Edge] {
            &mut []
        }
        fn jump(_edge: Edge) -> Self {
            T::Call
        }
        fn gen_move(_dst: Loc, _src: Loc, _class: RegClass) -> Self {
            T::Call
        }
        fn is_pure(&self) -> bool {
            matches!(self, T::Def(_))
        }
        fn is_call(&self) -> bool {
            matches!(self, T::Call)
        }
        fn is_jump(&self) -> bool {
            false
        }
    }

    /// `v = def; call; ret v` with `v` of `class`: the call's clobbers as the allocator sees them.
    fn call_clobbers(class: RegClass) -> PRegSet {
        let mut f: MirFunction<T> = MirFunction::new("f");
        let v = f.new_vreg(class);
        f.add_block("b0");
        let p = SrcPos::default();
        f.blocks[0].push(T::Def(v), p);
        f.blocks[0].push(T::Call, p);
        f.blocks[0].push(T::Ret(v), p);
        let view = RaView::new(&mut f).unwrap();
        view.inst_clobbers(Inst::new(1))
    }

    /// A class no virtual register has is left out of the clobbers (it changes no allocation).
    #[test]
    fn clobbers_keep_only_the_classes_of_virtual_registers() {
        let (x0, d0) = (PReg::new(0, RegClass::Int), PReg::new(0, RegClass::Float));
        let int = call_clobbers(RegClass::Int);
        assert!(int.contains(x0) && !int.contains(d0));
        let float = call_clobbers(RegClass::Float);
        assert!(float.contains(d0) && !float.contains(x0));
    }
}
