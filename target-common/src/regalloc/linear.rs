//! A linear-scan register allocator over any `regalloc2::Function` (in practice [`super::RaView`]),
//! producing a `regalloc2::Output` that [`super::apply`] consumes like Ion's or Fastalloc's.
//!
//! Design (SSA linear scan in block order, O((instructions + operands + blocks + live-in pairs)
//! · log) time, no per-block bitsets):
//! - **Positions.** Instruction `i` has an early point `2i` (uses, early defs) and a late point
//!   `2i + 1` (defs, clobbers). A block starts at `2·first` (block parameters are defined there)
//!   and ends at `2·last + 1` (edge arguments are read there).
//! - **Liveness** by walking from each use outside the defining block back through predecessors
//!   until the defining block (each (block, value) pair is visited once: a per-block stamp holds
//!   the value being walked). The walk yields the live-in values of every block and one interval
//!   per value: the hull, in linear order, of its definition, uses and live blocks.
//! - **Fixed registers** (fixed uses, fixed defs, clobbers) are reservations of a register at a
//!   point; a value may take a register only if no other value reserves it inside the value's
//!   interval. Values live across a call therefore land in callee-saved registers. A fixed use is
//!   satisfied by a move into the register before the instruction, a fixed def by a move out of
//!   it after.
//! - **Scan** in order of interval start. A value gets a free register (its hint first: the fixed
//!   register of its definition, the register of the first predecessor's edge argument for a
//!   block parameter, a fixed use's register, or the register of a block parameter, already
//!   placed, that the value is passed to on an edge of its block), or takes one from the active value that ends last (that value is *split*:
//!   register before the point, its spill slot from there on), or is spilled itself. A spilled
//!   value has one slot for its whole life, written after its definition (a slot is reused once
//!   its owner's interval is over, so frames stay small); each of its operands
//!   after the split point gets a one-instruction interval ("tiny", never spilled) with a reload
//!   before or a store after the instruction.
//! - **Edges.** On each CFG edge the block parameters take the edge arguments and every live-in
//!   value moves from its location at the predecessor's end to its location at the successor's
//!   start, as one parallel move, placed at the start of the successor when it has one
//!   predecessor, else before the predecessor's terminator (critical edges must be split; a
//!   terminator operand in a register the moves write is moved aside, which regalloc2 refuses
//!   altogether: `DisallowedBranchArg`). Cycles are
//!   broken through a free register or an emergency spill slot; a slot-to-slot move goes through
//!   a free register or borrows one (saved in a second emergency slot), so no stack-to-stack move
//!   is ever emitted and no scratch register is needed from the `MachineEnv`.
//!
//! Invariants of the output (checked by regalloc2's checker in debug builds and tests, see
//! [`check`]): every operand is in a register (fixed operands in their register), edits are sorted
//! by program point, no edit follows a block's last instruction, no stack-to-stack move.
//! Preconditions beyond regalloc2's: operands are `Reg` or `FixedReg` uses at the early point,
//! `Reg`/`FixedReg` late defs or `Reg` early defs. Refused (an error, as regalloc2 refuses more):
//! a jump whose edge needs moves, that reads a fixed register the moves write or a register when
//! every register of its class is taken on that edge. Violations are errors, never panics.

use regalloc2::{
    Allocation, Block, Edit, Function, Inst, MachineEnv, OperandConstraint, OperandKind,
    OperandPos, Output, PReg, ProgPoint, RegClass, SpillSlot,
};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

const NONE: u32 = u32::MAX;

/// One operand of a value: where and how it appears.
#[derive(Clone, Copy, Debug)]
struct Occ {
    inst: u32,
    /// Index into the flat operand (allocation) array.
    gidx: u32,
    /// 2i (use, early def) or 2i + 1 (late def).
    point: u32,
    fixed: Option<PReg>,
    def: bool,
    early_def: bool,
}

/// A one-instruction interval of a split value: operands `occ_lo..occ_hi` of the value's list.
#[derive(Clone, Copy, Debug)]
struct Tiny {
    start: u32,
    end: u32,
    vreg: u32,
    occ_lo: u32,
    occ_hi: u32,
}

/// Who holds a register in the scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holder {
    Free,
    Value(u32),
    Tiny,
}

fn err(msg: String) -> String {
    format!("linear-scan allocation: {msg}")
}

/// Allocate `f` with the linear-scan algorithm (see the module documentation). Errors are
/// messages describing the violated precondition.
pub fn run<F: Function>(f: &F, env: &MachineEnv) -> Result<Output, String> {
    Linear::new(f, env)?.run()
}

/// The largest number of values whose intervals (hulls in block order, as the scan sees them)
/// overlap at one point: an upper bound of the register pressure, in O(n log n).
pub fn max_pressure<F: Function>(f: &F, env: &MachineEnv) -> Result<usize, String> {
    let mut l = Linear::new(f, env)?;
    l.liveness()?;
    let mut ev: Vec<(u32, i32)> = Vec::with_capacity(2 * l.nv);
    for v in 0..l.nv {
        if l.def_point[v] != NONE {
            ev.push((l.lo[v], 1));
            ev.push((l.hi[v] + 1, -1));
        }
    }
    ev.sort_unstable();
    let (mut cur, mut max) = (0i64, 0i64);
    for (_, d) in ev {
        cur += d as i64;
        max = max.max(cur);
    }
    Ok(max as usize)
}

/// Validate `out` for `f` with regalloc2's checker. The checker's dataflow needs every block
/// after one of its predecessors (it treats a block reached before any predecessor as holding
/// nothing, which poisons loop headers), so it runs on a copy of `f` and `out` renumbered in
/// reverse postorder.
pub fn check<F: Function>(f: &F, env: &MachineEnv, out: &Output) -> Result<(), String> {
    let (pf, pout) = Permuted::new(f, out);
    let mut c = regalloc2::checker::Checker::new(&pf, env);
    c.prepare(&pout);
    c.run().map_err(|e| format!("regalloc2 checker: {e:?}"))
}

/// `f` with its blocks in reverse postorder (instructions renumbered), for the checker.
struct Permuted<'a, F: Function> {
    f: &'a F,
    /// New block index -> old, and old -> new.
    order: Vec<Block>,
    new_of: Vec<Block>,
    /// New instruction index -> old.
    inst_old: Vec<Inst>,
    ranges: Vec<regalloc2::InstRange>,
    succs: Vec<Vec<Block>>,
    preds: Vec<Vec<Block>>,
}

impl<'a, F: Function> Permuted<'a, F> {
    fn new(f: &'a F, out: &Output) -> (Self, Output) {
        let nb = f.num_blocks();
        // Iterative DFS postorder from the entry; unreachable blocks go last.
        let mut seen = vec![false; nb];
        let mut post: Vec<Block> = Vec::with_capacity(nb);
        let mut stack: Vec<(Block, usize)> = vec![(f.entry_block(), 0)];
        seen[f.entry_block().index()] = true;
        while let Some(&mut (b, ref mut k)) = stack.last_mut() {
            let succs = f.block_succs(b);
            if *k < succs.len() {
                let s = succs[*k];
                *k += 1;
                if !seen[s.index()] {
                    seen[s.index()] = true;
                    stack.push((s, 0));
                }
            } else {
                post.push(b);
                stack.pop();
            }
        }
        post.reverse();
        for (b, &reached) in seen.iter().enumerate() {
            if !reached {
                post.push(Block::new(b));
            }
        }
        let order = post;
        let mut new_of = vec![Block::new(0); nb];
        for (n, b) in order.iter().enumerate() {
            new_of[b.index()] = Block::new(n);
        }
        let mut inst_old = Vec::with_capacity(f.num_insts());
        let mut inst_new = vec![Inst::new(0); f.num_insts()];
        let mut ranges = Vec::with_capacity(nb);
        for b in &order {
            let lo = inst_old.len();
            for i in f.block_insns(*b).iter() {
                inst_new[i.index()] = Inst::new(inst_old.len());
                inst_old.push(i);
            }
            ranges.push(regalloc2::InstRange::new(
                Inst::new(lo),
                Inst::new(inst_old.len()),
            ));
        }
        let map = |bs: &[Block]| bs.iter().map(|b| new_of[b.index()]).collect::<Vec<_>>();
        let succs = order.iter().map(|b| map(f.block_succs(*b))).collect();
        let preds = order.iter().map(|b| map(f.block_preds(*b))).collect();
        let mut allocs = Vec::with_capacity(out.allocs.len());
        let mut offsets = Vec::with_capacity(inst_old.len());
        for &i in &inst_old {
            offsets.push(allocs.len() as u32);
            allocs.extend_from_slice(out.inst_allocs(i));
        }
        let mut edits: Vec<(ProgPoint, Edit)> = out
            .edits
            .iter()
            .map(|(p, e)| {
                (
                    ProgPoint::new(inst_new[p.inst().index()], p.pos()),
                    e.clone(),
                )
            })
            .collect();
        edits.sort_by_key(|&(p, _)| p);
        let pout = Output {
            num_spillslots: out.num_spillslots,
            edits,
            allocs,
            inst_alloc_offsets: offsets,
            ..Output::default()
        };
        (
            Permuted {
                f,
                order,
                new_of,
                inst_old,
                ranges,
                succs,
                preds,
            },
            pout,
        )
    }
}

impl<F: Function> Function for Permuted<'_, F> {
    fn num_insts(&self) -> usize {
        self.inst_old.len()
    }
    fn num_blocks(&self) -> usize {
        self.order.len()
    }
    fn entry_block(&self) -> Block {
        self.new_of[self.f.entry_block().index()]
    }
    fn block_insns(&self, block: Block) -> regalloc2::InstRange {
        self.ranges[block.index()]
    }
    fn block_succs(&self, block: Block) -> &[Block] {
        &self.succs[block.index()]
    }
    fn block_preds(&self, block: Block) -> &[Block] {
        &self.preds[block.index()]
    }
    fn block_params(&self, block: Block) -> &[regalloc2::VReg] {
        self.f.block_params(self.order[block.index()])
    }
    fn is_ret(&self, insn: Inst) -> bool {
        self.f.is_ret(self.inst_old[insn.index()])
    }
    fn is_branch(&self, insn: Inst) -> bool {
        self.f.is_branch(self.inst_old[insn.index()])
    }
    fn branch_blockparams(&self, block: Block, insn: Inst, succ_idx: usize) -> &[regalloc2::VReg] {
        self.f.branch_blockparams(
            self.order[block.index()],
            self.inst_old[insn.index()],
            succ_idx,
        )
    }
    fn inst_operands(&self, insn: Inst) -> &[regalloc2::Operand] {
        self.f.inst_operands(self.inst_old[insn.index()])
    }
    fn inst_clobbers(&self, insn: Inst) -> regalloc2::PRegSet {
        self.f.inst_clobbers(self.inst_old[insn.index()])
    }
    fn num_vregs(&self) -> usize {
        self.f.num_vregs()
    }
    fn spillslot_size(&self, regclass: RegClass) -> usize {
        self.f.spillslot_size(regclass)
    }
}

struct Linear<'a, F: Function> {
    f: &'a F,
    env: &'a MachineEnv,
    nv: usize,
    /// Per block: first and last instruction.
    first: Vec<u32>,
    last: Vec<u32>,
    inst_block: Vec<u32>,
    /// Flat operand offsets per instruction.
    offsets: Vec<u32>,
    /// Per value: occurrences (CSR, sorted by instruction).
    occ_start: Vec<u32>,
    occs: Vec<Occ>,
    def_point: Vec<u32>,
    def_block: Vec<u32>,
    class: Vec<RegClass>,
    /// Per value: (block, index) when it is a block parameter.
    param_of: Vec<(u32, u32)>,
    lo: Vec<u32>,
    hi: Vec<u32>,
    /// Per block: live-in values (CSR).
    livein_start: Vec<u32>,
    livein: Vec<u32>,
    /// Per register index: reservations (point, owner value or NONE), sorted by point.
    res: Vec<Vec<(u32, u32)>>,
    res_cur: Vec<usize>,
    /// Per class: allocation order (preferred, then non-preferred).
    order: [Vec<PReg>; 3],
    // Scan results.
    reg: Vec<Option<PReg>>,
    spill_at: Vec<u32>,
    slot: Vec<u32>,
    num_slots: u32,
    /// Per class: every value slot with the last point of its latest owner's interval,
    /// earliest first.
    slots: [BinaryHeap<Reverse<(u32, u32)>>; 3],
    allocs: Vec<Allocation>,
}

fn pos_point(inst: u32, late: bool) -> u32 {
    2 * inst + late as u32
}

impl<'a, F: Function> Linear<'a, F> {
    fn new(f: &'a F, env: &'a MachineEnv) -> Result<Self, String> {
        let n = f.num_insts();
        let nb = f.num_blocks();
        let nv = f.num_vregs();
        if n >= (u32::MAX / 4) as usize {
            return Err(err("function too large".into()));
        }
        let mut first = vec![0u32; nb];
        let mut last = vec![0u32; nb];
        let mut inst_block = vec![0u32; n];
        for b in 0..nb {
            let r = f.block_insns(Block::new(b));
            if r.len() == 0 {
                return Err(err(format!("block {b} is empty")));
            }
            first[b] = r.first().index() as u32;
            last[b] = r.last().index() as u32;
            for i in r.iter() {
                inst_block[i.index()] = b as u32;
            }
        }
        if !f.block_params(f.entry_block()).is_empty() {
            return Err(err("the entry block has parameters".into()));
        }
        let mut offsets = Vec::with_capacity(n + 1);
        let mut total = 0u32;
        let mut count = vec![0u32; nv + 1];
        let mut def_point = vec![NONE; nv];
        let mut def_block = vec![NONE; nv];
        let mut class = vec![RegClass::Int; nv];
        let mut param_of = vec![(NONE, NONE); nv];
        let mut define = |v: usize, p: u32, b: u32, c: RegClass| -> Result<(), String> {
            if v >= nv {
                return Err(err(format!("value v{v} out of range")));
            }
            if def_point[v] != NONE {
                return Err(err(format!("value v{v} defined twice")));
            }
            def_point[v] = p;
            def_block[v] = b;
            class[v] = c;
            Ok(())
        };
        for b in 0..nb {
            for (j, p) in f.block_params(Block::new(b)).iter().enumerate() {
                define(p.vreg(), 2 * first[b], b as u32, p.class())?;
                param_of[p.vreg()] = (b as u32, j as u32);
            }
            for i in first[b]..=last[b] {
                offsets.push(total);
                for op in f.inst_operands(Inst::new(i as usize)) {
                    let v = op.vreg().vreg();
                    if v >= nv {
                        return Err(err(format!("value v{v} out of range")));
                    }
                    match (op.kind(), op.pos(), op.constraint()) {
                        (OperandKind::Use, OperandPos::Early, OperandConstraint::Reg)
                        | (OperandKind::Use, OperandPos::Early, OperandConstraint::FixedReg(_)) => {
                        }
                        (OperandKind::Def, OperandPos::Late, OperandConstraint::Reg)
                        | (OperandKind::Def, OperandPos::Late, OperandConstraint::FixedReg(_)) => {
                            define(v, 2 * i + 1, b as u32, op.class())?
                        }
                        (OperandKind::Def, OperandPos::Early, OperandConstraint::Reg) => {
                            define(v, 2 * i, b as u32, op.class())?
                        }
                        (kind, pos, c) => {
                            return Err(err(format!(
                                "unsupported operand {kind:?}/{pos:?}/{c:?} at instruction {i}"
                            )))
                        }
                    }
                    count[v] += 1;
                    total += 1;
                }
            }
        }
        offsets.push(total);
        // CSR of occurrences per value, in instruction order.
        let mut occ_start = vec![0u32; nv + 1];
        for v in 0..nv {
            occ_start[v + 1] = occ_start[v] + count[v];
        }
        let mut fill = occ_start.clone();
        let placeholder = Occ {
            inst: 0,
            gidx: 0,
            point: 0,
            fixed: None,
            def: false,
            early_def: false,
        };
        let mut occs = vec![placeholder; total as usize];
        for i in 0..n as u32 {
            for (k, op) in f.inst_operands(Inst::new(i as usize)).iter().enumerate() {
                let v = op.vreg().vreg();
                let def = op.kind() == OperandKind::Def;
                let early_def = def && op.pos() == OperandPos::Early;
                let fixed = match op.constraint() {
                    OperandConstraint::FixedReg(p) => Some(p),
                    _ => None,
                };
                if let Some(p) = fixed {
                    if p.class() != op.class() {
                        return Err(err(format!("fixed register {p} of the wrong class")));
                    }
                }
                occs[fill[v] as usize] = Occ {
                    inst: i,
                    gidx: offsets[i as usize] + k as u32,
                    point: pos_point(i, def && !early_def),
                    fixed,
                    def,
                    early_def,
                };
                fill[v] += 1;
            }
        }
        let mut order: [Vec<PReg>; 3] = [Vec::new(), Vec::new(), Vec::new()];
        for c in [RegClass::Int, RegClass::Float, RegClass::Vector] {
            let k = c as usize;
            order[k].extend(env.preferred_regs_by_class[k]);
            order[k].extend(env.non_preferred_regs_by_class[k]);
        }
        Ok(Linear {
            f,
            env,
            nv,
            first,
            last,
            inst_block,
            offsets,
            occ_start,
            occs,
            def_point,
            def_block,
            class,
            param_of,
            lo: Vec::new(),
            hi: Vec::new(),
            livein_start: Vec::new(),
            livein: Vec::new(),
            res: vec![Vec::new(); PReg::NUM_INDEX],
            res_cur: vec![0; PReg::NUM_INDEX],
            order,
            reg: vec![None; nv],
            spill_at: vec![NONE; nv],
            slot: vec![NONE; nv],
            num_slots: 0,
            slots: [BinaryHeap::new(), BinaryHeap::new(), BinaryHeap::new()],
            allocs: vec![Allocation::none(); total as usize],
        })
    }

    fn occs_of(&self, v: usize) -> &[Occ] {
        &self.occs[self.occ_start[v] as usize..self.occ_start[v + 1] as usize]
    }

    fn block_start(&self, b: u32) -> u32 {
        2 * self.first[b as usize]
    }
    fn block_end(&self, b: u32) -> u32 {
        2 * self.last[b as usize] + 1
    }

    /// Liveness walk and interval hulls.
    fn liveness(&mut self) -> Result<(), String> {
        let f = self.f;
        let nv = self.nv;
        let nb = self.first.len();
        let mut lo = vec![NONE; nv];
        let mut hi = vec![0u32; nv];
        for v in 0..nv {
            if self.def_point[v] == NONE {
                if self.occ_start[v] != self.occ_start[v + 1] {
                    return Err(err(format!("value v{v} used but never defined")));
                }
                continue;
            }
            let d = self.def_point[v];
            lo[v] = d;
            // A def covers at least its instruction's late point.
            hi[v] = d | 1;
            for o in self.occs_of(v) {
                lo[v] = lo[v].min(o.point);
                hi[v] = hi[v].max(o.point | o.def as u32);
            }
        }
        // Uses outside the defining block: (value, block).
        let mut outside: Vec<(u32, u32)> = Vec::new();
        for v in 0..nv {
            for o in self.occs_of(v) {
                let b = self.inst_block[o.inst as usize];
                if !o.def && b != self.def_block[v] {
                    outside.push((v as u32, b));
                }
            }
        }
        for b in 0..nb {
            let blk = Block::new(b);
            let term = Inst::new(self.last[b] as usize);
            if !f.is_branch(term) {
                continue;
            }
            let end = self.block_end(b as u32);
            for k in 0..f.block_succs(blk).len() {
                for a in f.branch_blockparams(blk, term, k) {
                    let v = a.vreg();
                    if v >= nv || self.def_point[v] == NONE {
                        return Err(err(format!("edge argument v{v} never defined")));
                    }
                    hi[v] = hi[v].max(end);
                    lo[v] = lo[v].min(end);
                    if self.def_block[v] != b as u32 {
                        outside.push((v as u32, b as u32));
                    }
                }
            }
        }
        outside.sort_unstable();
        outside.dedup();
        let mut stamp = vec![NONE; nb];
        let mut pairs: Vec<(u32, u32)> = Vec::new(); // (block, value)
        let mut stack: Vec<u32> = Vec::new();
        let entry = f.entry_block().index() as u32;
        let mut k = 0;
        while k < outside.len() {
            let v = outside[k].0;
            let db = self.def_block[v as usize];
            while k < outside.len() && outside[k].0 == v {
                stack.push(outside[k].1);
                k += 1;
            }
            while let Some(b) = stack.pop() {
                if stamp[b as usize] == v {
                    continue;
                }
                if b == entry {
                    return Err(err(format!("value v{v} is live into the entry block")));
                }
                stamp[b as usize] = v;
                pairs.push((b, v));
                let s = self.block_start(b);
                lo[v as usize] = lo[v as usize].min(s);
                hi[v as usize] = hi[v as usize].max(s);
                for p in f.block_preds(Block::new(b as usize)) {
                    let p = p.index() as u32;
                    let e = self.block_end(p);
                    lo[v as usize] = lo[v as usize].min(e);
                    hi[v as usize] = hi[v as usize].max(e);
                    if p != db && stamp[p as usize] != v {
                        stack.push(p);
                    }
                }
            }
        }
        let mut start = vec![0u32; nb + 1];
        for &(b, _) in &pairs {
            start[b as usize + 1] += 1;
        }
        for b in 0..nb {
            start[b + 1] += start[b];
        }
        let mut fill = start.clone();
        let mut livein = vec![0u32; pairs.len()];
        for &(b, v) in &pairs {
            livein[fill[b as usize] as usize] = v;
            fill[b as usize] += 1;
        }
        self.livein_start = start;
        self.livein = livein;
        self.lo = lo;
        self.hi = hi;
        Ok(())
    }

    fn reservations(&mut self) {
        let f = self.f;
        for i in 0..f.num_insts() {
            let inst = Inst::new(i);
            let ops = f.inst_operands(inst);
            for op in ops {
                if let (OperandKind::Use, OperandConstraint::FixedReg(p)) =
                    (op.kind(), op.constraint())
                {
                    self.res[p.index()].push((2 * i as u32, op.vreg().vreg() as u32));
                }
            }
            for op in ops {
                if let (OperandKind::Def, OperandConstraint::FixedReg(p)) =
                    (op.kind(), op.constraint())
                {
                    self.res[p.index()].push((2 * i as u32 + 1, op.vreg().vreg() as u32));
                }
            }
            for p in f.inst_clobbers(inst) {
                self.res[p.index()].push((2 * i as u32 + 1, NONE));
            }
        }
    }

    /// True if no value other than `v` reserves `r` in `[s, e]` (`s` never decreases).
    fn res_ok(&mut self, r: PReg, v: u32, s: u32, e: u32) -> bool {
        let list = &self.res[r.index()];
        let c = &mut self.res_cur[r.index()];
        while *c < list.len() && list[*c].0 < s {
            *c += 1;
        }
        let mut k = *c;
        while k < list.len() && list[k].0 <= e {
            if list[k].1 != v {
                return false;
            }
            k += 1;
        }
        true
    }

    fn has_occ_at(&self, v: usize, inst: u32) -> bool {
        let o = self.occs_of(v);
        let k = o.partition_point(|x| x.inst < inst);
        k < o.len() && o[k].inst == inst
    }

    /// A slot for value `v`, which holds it over its whole interval (it is written after the
    /// definition): the slot whose latest owner's interval ended first, if that was before `v`'s
    /// starts, else a new one. Slots are shared like registers, so a frame holds about as many
    /// value slots as values spilled at once.
    fn take_slot(&mut self, v: usize) -> u32 {
        let c = self.class[v] as usize;
        let slot = match self.slots[c].peek() {
            Some(&Reverse((end, slot))) if end < self.lo[v] => {
                self.slots[c].pop();
                slot
            }
            _ => {
                self.num_slots += 1;
                self.num_slots - 1
            }
        };
        self.slots[c].push(Reverse((self.hi[v], slot)));
        slot
    }

    /// Split `v` at point `s`: register before, slot from `s` on; tiny intervals for the later
    /// non-fixed operands.
    fn split(
        &mut self,
        v: u32,
        s: u32,
        tinies: &mut Vec<Tiny>,
        heap: &mut BinaryHeap<Reverse<(u32, u32)>>,
    ) {
        let vi = v as usize;
        self.slot[vi] = self.take_slot(vi);
        self.spill_at[vi] = s;
        let base = self.occ_start[vi];
        let o = self.occs_of(vi);
        let mut k = o.partition_point(|x| x.point < s);
        while k < o.len() {
            let inst = o[k].inst;
            let mut j = k;
            let mut tiny: Option<(u32, u32, u32)> = None; // start, end, first occ
            let mut runs: Vec<Tiny> = Vec::new();
            while j < o.len() && o[j].inst == inst {
                let x = o[j];
                if x.fixed.is_none() {
                    let (ts, te) = if x.def {
                        (pos_point(inst, !x.early_def), 2 * inst + 1)
                    } else {
                        (2 * inst, 2 * inst)
                    };
                    match tiny {
                        Some((a, b, first)) if a == ts && b == te => tiny = Some((a, b, first)),
                        Some((a, b, first)) => {
                            runs.push(Tiny {
                                start: a,
                                end: b,
                                vreg: v,
                                occ_lo: base + first,
                                occ_hi: base + j as u32,
                            });
                            tiny = Some((ts, te, j as u32));
                        }
                        None => tiny = Some((ts, te, j as u32)),
                    }
                } else if let Some((a, b, first)) = tiny.take() {
                    runs.push(Tiny {
                        start: a,
                        end: b,
                        vreg: v,
                        occ_lo: base + first,
                        occ_hi: base + j as u32,
                    });
                }
                j += 1;
            }
            if let Some((a, b, first)) = tiny {
                runs.push(Tiny {
                    start: a,
                    end: b,
                    vreg: v,
                    occ_lo: base + first,
                    occ_hi: base + j as u32,
                });
            }
            for t in runs {
                heap.push(Reverse((t.start, tinies.len() as u32)));
                tinies.push(t);
            }
            k = j;
        }
    }

    /// A register of `class` that is free over `[s, e]` for value `owner` (hint first).
    fn find_free(
        &mut self,
        class: RegClass,
        owner: u32,
        s: u32,
        e: u32,
        hint: Option<PReg>,
        held_end: &[u32],
    ) -> Option<PReg> {
        let is_free =
            |held_end: &[u32], r: PReg| held_end[r.index()] == NONE || held_end[r.index()] < s;
        if let Some(h) = hint {
            if h.class() == class
                && self.order[class as usize].contains(&h)
                && is_free(held_end, h)
                && self.res_ok(h, owner, s, e)
            {
                return Some(h);
            }
        }
        for k in 0..self.order[class as usize].len() {
            let r = self.order[class as usize][k];
            if is_free(held_end, r) && self.res_ok(r, owner, s, e) {
                return Some(r);
            }
        }
        None
    }

    /// The active value (not a tiny interval, no operand at `inst`) whose register is usable by
    /// `owner` over `[s, e]` and which ends last; with its end.
    fn find_victim(
        &mut self,
        class: RegClass,
        owner: u32,
        s: u32,
        e: u32,
        held_end: &[u32],
        holder: &[Holder],
    ) -> Option<(PReg, u32, u32)> {
        let inst = s / 2;
        let mut best: Option<(PReg, u32, u32)> = None;
        for k in 0..self.order[class as usize].len() {
            let r = self.order[class as usize][k];
            let Holder::Value(w) = holder[r.index()] else {
                continue;
            };
            let end = held_end[r.index()];
            if end == NONE || end < s {
                continue;
            }
            if best.is_some_and(|(_, _, be)| be >= end) {
                continue;
            }
            if self.has_occ_at(w as usize, inst) || !self.res_ok(r, owner, s, e) {
                continue;
            }
            best = Some((r, w, end));
        }
        best
    }

    fn hint(&self, v: usize) -> Option<PReg> {
        let o = self.occs_of(v);
        if let Some(d) = o.iter().find(|x| x.def) {
            if let Some(p) = d.fixed {
                return Some(p);
            }
        }
        let (b, j) = self.param_of[v];
        if b != NONE {
            let f = self.f;
            if let Some(&p) = f.block_preds(Block::new(b as usize)).first() {
                let succs = f.block_succs(p);
                if succs.len() <= 8 {
                    if let Some(k) = succs.iter().position(|s| s.index() == b as usize) {
                        let term = Inst::new(self.last[p.index()] as usize);
                        let a = f.branch_blockparams(p, term, k)[j as usize].vreg();
                        if self.spill_at[a] == NONE
                            || self.spill_at[a] > self.block_end(p.index() as u32)
                        {
                            return self.reg[a];
                        }
                    }
                }
            }
        }
        o.iter().find_map(|x| x.fixed).or_else(|| self.edge_hint(v))
    }

    /// The register of a block parameter, already placed, that `v` is passed to on an edge of
    /// its defining block (at most 8 edges looked at): on that edge the move then vanishes (a
    /// constant a case block sets for the block all cases join).
    fn edge_hint(&self, v: usize) -> Option<PReg> {
        let p = self.def_block[v];
        if p == NONE {
            return None;
        }
        let f = self.f;
        let p = Block::new(p as usize);
        let succs = f.block_succs(p);
        if succs.len() > 8 {
            return None;
        }
        let term = Inst::new(self.last[p.index()] as usize);
        succs.iter().enumerate().find_map(|(k, s)| {
            let args = f.branch_blockparams(p, term, k);
            let j = args.iter().position(|a| a.vreg() == v)?;
            let q = f.block_params(*s).get(j)?.vreg();
            self.reg[q]
        })
    }

    fn scan(&mut self) -> Result<(), String> {
        let nv = self.nv;
        let mut order: Vec<u32> = (0..nv as u32)
            .filter(|&v| self.def_point[v as usize] != NONE)
            .collect();
        order.sort_unstable_by_key(|&v| (self.lo[v as usize], v));
        let mut holder = vec![Holder::Free; PReg::NUM_INDEX];
        let mut held_end = vec![NONE; PReg::NUM_INDEX];
        let mut tinies: Vec<Tiny> = Vec::new();
        let mut heap: BinaryHeap<Reverse<(u32, u32)>> = BinaryHeap::new();
        let mut next = 0usize;
        loop {
            let take_tiny = match (heap.peek(), order.get(next)) {
                (Some(Reverse((ts, _))), Some(&v)) => *ts <= self.lo[v as usize],
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            if take_tiny {
                let Some(Reverse((_, ti))) = heap.pop() else {
                    break;
                };
                let t = tinies[ti as usize];
                let class = self.class[t.vreg as usize];
                let r = match self.find_free(class, t.vreg, t.start, t.end, None, &held_end) {
                    Some(r) => r,
                    None => {
                        let Some((r, w, _)) =
                            self.find_victim(class, t.vreg, t.start, t.end, &held_end, &holder)
                        else {
                            return Err(err(format!(
                                "no register for an operand of v{} at instruction {}",
                                t.vreg,
                                t.start / 2
                            )));
                        };
                        self.split(w, t.start, &mut tinies, &mut heap);
                        r
                    }
                };
                holder[r.index()] = Holder::Tiny;
                held_end[r.index()] = t.end;
                for k in t.occ_lo..t.occ_hi {
                    let g = self.occs[k as usize].gidx;
                    self.allocs[g as usize] = Allocation::reg(r);
                }
                continue;
            }
            let v = order[next];
            next += 1;
            let vi = v as usize;
            let (s, e) = (self.lo[vi], self.hi[vi]);
            let class = self.class[vi];
            let hint = self.hint(vi);
            if let Some(r) = self.find_free(class, v, s, e, hint, &held_end) {
                self.reg[vi] = Some(r);
                holder[r.index()] = Holder::Value(v);
                held_end[r.index()] = e;
                continue;
            }
            match self.find_victim(class, v, s, e, &held_end, &holder) {
                Some((r, w, wend)) if wend > e => {
                    self.split(w, s, &mut tinies, &mut heap);
                    self.reg[vi] = Some(r);
                    holder[r.index()] = Holder::Value(v);
                    held_end[r.index()] = e;
                }
                Some(_) | None => self.split(v, s, &mut tinies, &mut heap),
            }
        }
        // Operands before the split point (or never split) are in the value's register.
        for v in 0..nv {
            let (lo, hi) = (self.occ_start[v] as usize, self.occ_start[v + 1] as usize);
            for k in lo..hi {
                let o = self.occs[k];
                let a = match o.fixed {
                    Some(p) => Allocation::reg(p),
                    None if o.point < self.spill_at[v] => match self.reg[v] {
                        Some(r) => Allocation::reg(r),
                        None => return Err(err(format!("v{v} has no register"))),
                    },
                    None => self.allocs[o.gidx as usize],
                };
                if a.is_none() {
                    return Err(err(format!("operand of v{v} left unallocated")));
                }
                self.allocs[o.gidx as usize] = a;
            }
        }
        Ok(())
    }

    /// Where `v` is at point `q` (inside its interval).
    fn loc(&self, v: usize, q: u32) -> Result<Allocation, String> {
        if q < self.spill_at[v] {
            match self.reg[v] {
                Some(r) => Ok(Allocation::reg(r)),
                None => Err(err(format!("v{v} has no location"))),
            }
        } else {
            Ok(Allocation::stack(SpillSlot::new(self.slot[v] as usize)))
        }
    }

    fn slot_alloc(&self, v: usize) -> Allocation {
        Allocation::stack(SpillSlot::new(self.slot[v] as usize))
    }

    /// The edge moves of a one-successor block run before its terminator: a terminator operand
    /// in a register that an edge move writes is moved (within the same parallel move) to a
    /// register nothing else uses, and the operand reads it there; the operands' registers are
    /// then kept out of the resolver's temporaries. A fixed-register operand cannot move: that
    /// case is an error.
    fn relocate_term_operands(&mut self, term: Inst, res: &mut Resolver) -> Result<(), String> {
        let ops = self.f.inst_operands(term);
        if ops.is_empty() {
            return Ok(());
        }
        let base = self.offsets[term.index()] as usize;
        for (k, o) in ops.iter().enumerate() {
            let a = self.allocs[base + k];
            if !res.moves.iter().any(|m| m.1 == a) {
                continue;
            }
            if o.kind() == OperandKind::Def
                || matches!(o.constraint(), OperandConstraint::FixedReg(_))
            {
                return Err(err(format!(
                    "terminator {} reads fixed register {a} that its edge's moves write",
                    term.index()
                )));
            }
            let class = o.class();
            let taken = |r: PReg, res: &Resolver, allocs: &[Allocation]| {
                let x = Allocation::reg(r);
                res.stay.contains(&x)
                    || res.moves.iter().any(|m| m.0 == x || m.1 == x)
                    || (0..ops.len()).any(|j| allocs[base + j] == x)
            };
            let free = self.order[class as usize]
                .iter()
                .copied()
                .find(|&r| !taken(r, res, &self.allocs));
            let t = match free {
                Some(t) => Allocation::reg(t),
                None => {
                    // Free a register that is only a source: its value goes to an emergency
                    // slot first and its readers read it there.
                    let is_dst = |x: Allocation, res: &Resolver| {
                        res.moves.iter().any(|m| m.1 == x) || res.stay.contains(&x)
                    };
                    let Some(y) = self.order[class as usize].iter().copied().find(|&r| {
                        let x = Allocation::reg(r);
                        !is_dst(x, res) && !(0..ops.len()).any(|j| self.allocs[base + j] == x)
                    }) else {
                        return Err(err(format!(
                            "no free register for an operand of terminator {}",
                            term.index()
                        )));
                    };
                    let y = Allocation::reg(y);
                    let e = res.emergency(&mut self.num_slots, class, 2);
                    res.pre.push(Edit::Move { from: y, to: e });
                    for m in res.moves.iter_mut() {
                        if m.0 == y {
                            m.0 = e;
                        }
                    }
                    y
                }
            };
            res.moves.push((a, t, class));
            for j in 0..ops.len() {
                if self.allocs[base + j] == a {
                    self.allocs[base + j] = t;
                }
            }
        }
        // The terminator's registers hold values until it runs: no temporary may use them.
        for j in 0..ops.len() {
            let a = self.allocs[base + j];
            if a.is_reg() {
                res.stay.push(a);
            }
        }
        Ok(())
    }

    fn run(mut self) -> Result<Output, String> {
        self.liveness()?;
        self.reservations();
        self.scan()?;
        let f = self.f;
        // (point, priority, edit); sorted stably at the end.
        let mut edits: Vec<(ProgPoint, u8, Edit)> = Vec::new();
        let mv = |from: Allocation, to: Allocation| Edit::Move { from, to };
        for v in 0..self.nv {
            if self.def_point[v] == NONE {
                continue;
            }
            let spilled = self.spill_at[v] != NONE;
            let mut prev: Option<(u32, Allocation)> = None;
            for k in self.occ_start[v] as usize..self.occ_start[v + 1] as usize {
                let o = self.occs[k];
                let a = self.allocs[o.gidx as usize];
                let inst = Inst::new(o.inst as usize);
                if o.def {
                    let home = self.loc(v, o.point)?;
                    if home != a {
                        edits.push((ProgPoint::after(inst), 0, mv(a, home)));
                    }
                    if spilled && home != self.slot_alloc(v) {
                        edits.push((ProgPoint::after(inst), 1, mv(a, self.slot_alloc(v))));
                    }
                    continue;
                }
                if prev == Some((o.inst, a)) {
                    continue;
                }
                prev = Some((o.inst, a));
                let src = self.loc(v, o.point)?;
                if src != a {
                    edits.push((ProgPoint::before(inst), 2, mv(src, a)));
                }
            }
        }
        // Block parameters split later: store at the block start.
        for b in 0..self.first.len() {
            for p in f.block_params(Block::new(b)) {
                let v = p.vreg();
                let s = self.block_start(b as u32);
                if self.spill_at[v] != NONE && s < self.spill_at[v] {
                    let r = self.loc(v, s)?;
                    edits.push((
                        ProgPoint::before(Inst::new(self.first[b] as usize)),
                        1,
                        mv(r, self.slot_alloc(v)),
                    ));
                }
            }
        }
        // Edges.
        let mut res = Resolver::new(&self.order);
        for b in 0..self.first.len() {
            let blk = Block::new(b);
            let term = Inst::new(self.last[b] as usize);
            let succs = f.block_succs(blk);
            if succs.is_empty() {
                continue;
            }
            let end = self.block_end(b as u32);
            for (k, &s) in succs.iter().enumerate() {
                let si = s.index() as u32;
                let start = self.block_start(si);
                res.clear();
                let params = f.block_params(s);
                let args: &[regalloc2::VReg] = if f.is_branch(term) {
                    f.branch_blockparams(blk, term, k)
                } else {
                    &[]
                };
                if args.len() != params.len() {
                    return Err(err(format!(
                        "edge {b}->{si}: {} arguments for {} parameters",
                        args.len(),
                        params.len()
                    )));
                }
                for (a, p) in args.iter().zip(params) {
                    let src = self.loc(a.vreg(), end)?;
                    let dst = self.loc(p.vreg(), start)?;
                    res.add(src, dst, p.class());
                }
                let (l0, l1) = (
                    self.livein_start[si as usize],
                    self.livein_start[si as usize + 1],
                );
                for &v in &self.livein[l0 as usize..l1 as usize] {
                    let v = v as usize;
                    let src = self.loc(v, end)?;
                    let dst = self.loc(v, start)?;
                    if dst.is_stack() && src.is_reg() {
                        // The slot was written after the definition.
                        continue;
                    }
                    res.add(src, dst, self.class[v]);
                }
                if !res.needs_moves() {
                    continue;
                }
                let (point, prio) = if f.block_preds(s).len() == 1 {
                    (
                        ProgPoint::before(Inst::new(self.first[si as usize] as usize)),
                        0,
                    )
                } else if succs.len() == 1 {
                    // After the terminator's own reloads and fixed-register moves (priority 2).
                    self.relocate_term_operands(term, &mut res)?;
                    (ProgPoint::before(term), 3)
                } else {
                    return Err(err(format!("critical edge {b}->{si}")));
                };
                let mut out = Vec::new();
                res.resolve(&mut self.num_slots, &mut out)?;
                edits.extend(out.into_iter().map(|e| (point, prio, e)));
            }
        }
        edits.sort_by_key(|&(p, prio, _)| (p, prio));
        for &(p, _, _) in &edits {
            if p.pos() == regalloc2::InstPosition::After {
                let i = p.inst().index();
                if i == self.last[self.inst_block[i] as usize] as usize {
                    return Err(err(format!("a move after terminator {i}")));
                }
            }
        }
        let _ = self.env;
        Ok(Output {
            num_spillslots: self.num_slots as usize,
            edits: edits.into_iter().map(|(p, _, e)| (p, e)).collect(),
            allocs: self.allocs,
            inst_alloc_offsets: self.offsets[..f.num_insts()].to_vec(),
            ..Output::default()
        })
    }
}

/// Parallel-move sequentialiser for one edge (see the module documentation).
struct Resolver {
    order: [Vec<PReg>; 3],
    moves: Vec<(Allocation, Allocation, RegClass)>,
    /// Locations that keep their value across the edge.
    stay: Vec<Allocation>,
    /// Per register index: how many needed values it holds (pending sources, finished
    /// destinations, stays).
    occ: Vec<u32>,
    /// Emergency slots per class: [cycle save, borrow save, terminator relocation]; allocated on
    /// first use.
    emergency: [[u32; 3]; 3],
    /// Moves that run before the parallel move (saves made by the terminator relocation).
    pre: Vec<Edit>,
}

impl Resolver {
    fn new(order: &[Vec<PReg>; 3]) -> Self {
        Resolver {
            order: order.clone(),
            moves: Vec::new(),
            stay: Vec::new(),
            occ: vec![0; PReg::NUM_INDEX],
            emergency: [[NONE; 3]; 3],
            pre: Vec::new(),
        }
    }
    fn clear(&mut self) {
        self.moves.clear();
        self.stay.clear();
        self.pre.clear();
    }
    fn add(&mut self, src: Allocation, dst: Allocation, class: RegClass) {
        if src == dst {
            self.stay.push(src);
        } else {
            self.moves.push((src, dst, class));
        }
    }
    fn needs_moves(&self) -> bool {
        !self.moves.is_empty()
    }
    fn emergency(&mut self, num_slots: &mut u32, class: RegClass, k: usize) -> Allocation {
        let c = class as usize;
        if self.emergency[c][k] == NONE {
            self.emergency[c][k] = *num_slots;
            *num_slots += 1;
        }
        Allocation::stack(SpillSlot::new(self.emergency[c][k] as usize))
    }
    fn bump(&mut self, a: Allocation, up: bool) {
        if let Some(r) = a.as_reg() {
            let c = &mut self.occ[r.index()];
            if up {
                *c += 1;
            } else {
                *c = c.saturating_sub(1);
            }
        }
    }

    /// A register of `class` that holds nothing needed.
    fn free_reg(&self, class: RegClass) -> Option<PReg> {
        self.order[class as usize]
            .iter()
            .copied()
            .find(|r| self.occ[r.index()] == 0)
    }

    /// Sequentialise the edge's moves into `out`: O(m log m) for m moves.
    fn resolve(&mut self, num_slots: &mut u32, out: &mut Vec<Edit>) -> Result<(), String> {
        out.append(&mut self.pre);
        let n = self.moves.len();
        let mut done = vec![false; n];
        let mut src: Vec<Allocation> = self.moves.iter().map(|m| m.0).collect();
        for k in 0..self.stay.len() {
            self.bump(self.stay[k], true);
        }
        for &a in &src {
            self.bump(a, true);
        }
        // Readers of each location (sorted by original source) and the writer of each.
        let mut readers: Vec<(u32, u32)> = (0..n).map(|m| (src[m].bits(), m as u32)).collect();
        readers.sort_unstable();
        let mut by_dst: Vec<(u32, u32)> =
            (0..n).map(|m| (self.moves[m].1.bits(), m as u32)).collect();
        by_dst.sort_unstable();
        // Pending readers per location, keyed like `readers`; a redirected reader (to a cycle
        // save) is counted under the save's entry in `extra`.
        let pending_readers =
            |readers: &[(u32, u32)], done: &[bool], src: &[Allocation], loc: Allocation| {
                let k = readers.partition_point(|x| x.0 < loc.bits());
                readers[k..]
                    .iter()
                    .take_while(|x| x.0 == loc.bits())
                    .filter(|x| !done[x.1 as usize] && src[x.1 as usize] == loc)
                    .map(|x| x.1)
                    .collect::<Vec<u32>>()
            };
        let writer = |by_dst: &[(u32, u32)], loc: Allocation| {
            let k = by_dst.partition_point(|x| x.0 < loc.bits());
            by_dst.get(k).filter(|x| x.0 == loc.bits()).map(|x| x.1)
        };
        let mut ready: Vec<u32> = (0..n as u32)
            .filter(|&m| {
                pending_readers(&readers, &done, &src, self.moves[m as usize].1).is_empty()
            })
            .collect();
        let mut remaining = n;
        let mut saved: Option<(Allocation, Vec<u32>)> = None;
        loop {
            while let Some(m) = ready.pop() {
                let m = m as usize;
                if done[m] {
                    continue;
                }
                let (_, dst, class) = self.moves[m];
                let s = src[m];
                self.emit(num_slots, s, dst, class, out);
                done[m] = true;
                remaining -= 1;
                self.bump(s, false);
                self.bump(dst, true);
                if let Some((t, rs)) = &saved {
                    if *t == s && rs.iter().all(|&r| done[r as usize]) {
                        saved = None;
                    }
                }
                // The source may now be overwritten: its writer becomes ready.
                if saved.as_ref().is_none_or(|(t, _)| *t != s)
                    && pending_readers(&readers, &done, &src, s).is_empty()
                {
                    if let Some(w) = writer(&by_dst, s) {
                        if !done[w as usize] {
                            ready.push(w);
                        }
                    }
                }
            }
            if remaining == 0 {
                break;
            }
            if saved.is_some() {
                return Err(err("two move cycles at once on one edge".into()));
            }
            // Every remaining move waits on a cycle: walk to one, save a destination on it.
            let mut mark = vec![false; n];
            let mut cur = (0..n).find(|&m| !done[m]).unwrap_or(0);
            let on_cycle = loop {
                if mark[cur] {
                    break cur;
                }
                mark[cur] = true;
                let rs = pending_readers(&readers, &done, &src, self.moves[cur].1);
                match rs.first() {
                    Some(&r) => cur = r as usize,
                    None => break cur,
                }
            };
            let (_, d, class) = self.moves[on_cycle];
            let t = match self.free_reg(class) {
                Some(r) => Allocation::reg(r),
                None => self.emergency(num_slots, class, 0),
            };
            self.emit(num_slots, d, t, class, out);
            let rs = pending_readers(&readers, &done, &src, d);
            for &r in &rs {
                src[r as usize] = t;
                self.bump(d, false);
                self.bump(t, true);
            }
            saved = Some((t, rs));
            ready.push(on_cycle as u32);
        }
        // Reset the register counts this edge touched.
        for k in 0..self.stay.len() {
            if let Some(r) = self.stay[k].as_reg() {
                self.occ[r.index()] = 0;
            }
        }
        for (k, &s) in src.iter().enumerate() {
            for a in [self.moves[k].0, self.moves[k].1, s] {
                if let Some(r) = a.as_reg() {
                    self.occ[r.index()] = 0;
                }
            }
        }
        Ok(())
    }

    fn emit(
        &mut self,
        num_slots: &mut u32,
        from: Allocation,
        to: Allocation,
        class: RegClass,
        out: &mut Vec<Edit>,
    ) {
        if !(from.is_stack() && to.is_stack()) {
            out.push(Edit::Move { from, to });
            return;
        }
        if let Some(r) = self.free_reg(class) {
            let r = Allocation::reg(r);
            out.push(Edit::Move { from, to: r });
            out.push(Edit::Move { from: r, to });
            return;
        }
        // Borrow a register: save it, use it, restore it.
        let x = Allocation::reg(self.order[class as usize][0]);
        let e = self.emergency(num_slots, class, 1);
        out.push(Edit::Move { from: x, to: e });
        out.push(Edit::Move { from, to: x });
        out.push(Edit::Move { from: x, to });
        out.push(Edit::Move { from: e, to: x });
    }
}

#[cfg(test)]
mod tests {
    //! Hand-made `Function`s: calls, fixed registers, cycles of block parameters, spills under
    //! pressure, and random functions; every allocation passes regalloc2's checker.
    use super::*;
    use regalloc2::{InstRange, Operand, PRegSet, VReg};

    fn r(n: usize) -> PReg {
        PReg::new(n, RegClass::Int)
    }
    fn v(n: usize) -> VReg {
        VReg::new(n, RegClass::Int)
    }

    /// r0–r2 caller-saved (preferred, destroyed by calls), r3–r4 callee-saved.
    fn env() -> MachineEnv {
        let mut p = PRegSet::empty();
        (0..3).for_each(|n| p.add(r(n)));
        let mut np = PRegSet::empty();
        (3..5).for_each(|n| np.add(r(n)));
        MachineEnv {
            preferred_regs_by_class: [p, PRegSet::empty(), PRegSet::empty()],
            non_preferred_regs_by_class: [np, PRegSet::empty(), PRegSet::empty()],
            scratch_by_class: [None, None, None],
            fixed_stack_slots: Vec::new(),
        }
    }
    fn call_clobbers() -> PRegSet {
        let mut s = PRegSet::empty();
        (1..3).for_each(|n| s.add(r(n)));
        s
    }

    #[derive(Clone, Default)]
    struct TInst {
        ops: Vec<Operand>,
        clobbers: PRegSet,
        /// Successor blocks with their arguments (terminators only).
        succs: Vec<(usize, Vec<VReg>)>,
        term: bool,
    }
    fn op(ops: Vec<Operand>) -> TInst {
        TInst {
            ops,
            ..TInst::default()
        }
    }
    fn jump(to: usize, args: Vec<VReg>) -> TInst {
        TInst {
            succs: vec![(to, args)],
            term: true,
            ..TInst::default()
        }
    }
    fn ret(ops: Vec<Operand>) -> TInst {
        TInst {
            ops,
            term: true,
            ..TInst::default()
        }
    }

    struct TFn {
        ranges: Vec<InstRange>,
        succs: Vec<Vec<Block>>,
        preds: Vec<Vec<Block>>,
        params: Vec<Vec<VReg>>,
        args: Vec<Vec<Vec<VReg>>>,
        insts: Vec<TInst>,
        nv: usize,
    }

    impl TFn {
        fn new(blocks: Vec<(Vec<VReg>, Vec<TInst>)>) -> TFn {
            let nb = blocks.len();
            let mut f = TFn {
                ranges: Vec::new(),
                succs: vec![Vec::new(); nb],
                preds: vec![Vec::new(); nb],
                params: Vec::new(),
                args: vec![Vec::new(); nb],
                insts: Vec::new(),
                nv: 0,
            };
            for (b, (params, insts)) in blocks.into_iter().enumerate() {
                let lo = f.insts.len();
                for p in &params {
                    f.nv = f.nv.max(p.vreg() + 1);
                }
                f.params.push(params);
                for i in insts {
                    for o in &i.ops {
                        f.nv = f.nv.max(o.vreg().vreg() + 1);
                    }
                    for (s, a) in &i.succs {
                        f.succs[b].push(Block::new(*s));
                        f.preds[*s].push(Block::new(b));
                        f.args[b].push(a.clone());
                    }
                    f.insts.push(i);
                }
                f.ranges
                    .push(InstRange::new(Inst::new(lo), Inst::new(f.insts.len())));
            }
            f
        }
    }

    impl Function for TFn {
        fn num_insts(&self) -> usize {
            self.insts.len()
        }
        fn num_blocks(&self) -> usize {
            self.ranges.len()
        }
        fn entry_block(&self) -> Block {
            Block::new(0)
        }
        fn block_insns(&self, b: Block) -> InstRange {
            self.ranges[b.index()]
        }
        fn block_succs(&self, b: Block) -> &[Block] {
            &self.succs[b.index()]
        }
        fn block_preds(&self, b: Block) -> &[Block] {
            &self.preds[b.index()]
        }
        fn block_params(&self, b: Block) -> &[VReg] {
            &self.params[b.index()]
        }
        fn is_ret(&self, i: Inst) -> bool {
            self.insts[i.index()].term && self.insts[i.index()].succs.is_empty()
        }
        fn is_branch(&self, i: Inst) -> bool {
            self.insts[i.index()].term && !self.insts[i.index()].succs.is_empty()
        }
        fn branch_blockparams(&self, b: Block, _i: Inst, k: usize) -> &[VReg] {
            &self.args[b.index()][k]
        }
        fn inst_operands(&self, i: Inst) -> &[Operand] {
            &self.insts[i.index()].ops
        }
        fn inst_clobbers(&self, i: Inst) -> PRegSet {
            self.insts[i.index()].clobbers
        }
        fn num_vregs(&self) -> usize {
            self.nv
        }
        fn spillslot_size(&self, _c: RegClass) -> usize {
            1
        }
    }

    fn alloc_and_check(f: &TFn) -> Output {
        let e = env();
        let out = run(f, &e).expect("allocation");
        check(f, &e, &out).expect("checker");
        out
    }

    fn def(n: usize) -> Operand {
        Operand::reg_def(v(n))
    }
    fn use_(n: usize) -> Operand {
        Operand::reg_use(v(n))
    }

    #[test]
    fn spills_under_pressure() {
        // Ten values defined, then all summed: five registers cannot hold them.
        let mut insts: Vec<TInst> = (0..10).map(|k| op(vec![def(k)])).collect();
        let mut acc = 0;
        for k in 1..10 {
            insts.push(op(vec![use_(acc), use_(k), def(10 + k)]));
            acc = 10 + k;
        }
        insts.push(ret(vec![Operand::reg_fixed_use(v(acc), r(0))]));
        let f = TFn::new(vec![(vec![], insts)]);
        let out = alloc_and_check(&f);
        assert!(out.num_spillslots > 0);
    }

    /// Two rounds of the same pressure, one after the other: the second round's spills reuse
    /// the first round's slots (their owners' intervals are over), so the frame holds one
    /// round's worth.
    #[test]
    fn spill_slots_are_reused_after_their_values_die() {
        let round = |base: usize, insts: &mut Vec<TInst>| {
            for k in 0..10 {
                insts.push(op(vec![def(base + k)]));
            }
            let mut acc = base;
            for k in 1..10 {
                insts.push(op(vec![use_(acc), use_(base + k), def(base + 10 + k)]));
                acc = base + 10 + k;
            }
            acc
        };
        let mut one = Vec::new();
        let a = round(0, &mut one);
        one.push(ret(vec![Operand::reg_fixed_use(v(a), r(0))]));
        let single = alloc_and_check(&TFn::new(vec![(vec![], one)])).num_spillslots;
        let mut two = Vec::new();
        let a = round(0, &mut two);
        let b = round(20, &mut two);
        two.push(op(vec![use_(a), use_(b), def(40)]));
        two.push(ret(vec![Operand::reg_fixed_use(v(40), r(0))]));
        let double = alloc_and_check(&TFn::new(vec![(vec![], two)])).num_spillslots;
        assert!(single > 0);
        assert!(
            double <= single + 1,
            "{double} slots for two rounds, {single} for one"
        );
    }

    #[test]
    fn values_live_across_a_call_avoid_clobbered_registers() {
        // a, b live across a call that takes c in r0, returns in r0 and destroys r1–r2.
        let call = TInst {
            ops: vec![
                Operand::reg_fixed_use(v(2), r(0)),
                Operand::reg_fixed_def(v(3), r(0)),
            ],
            clobbers: call_clobbers(),
            ..TInst::default()
        };
        let f = TFn::new(vec![(
            vec![],
            vec![
                op(vec![def(0)]),
                op(vec![def(1)]),
                op(vec![def(2)]),
                call,
                op(vec![use_(0), use_(1), def(4)]),
                op(vec![use_(4), use_(3), def(5)]),
                ret(vec![Operand::reg_fixed_use(v(5), r(0))]),
            ],
        )]);
        let out = alloc_and_check(&f);
        // a and b stay in callee-saved registers (no spill needed: two are free).
        for i in [0usize, 1] {
            let a = out.inst_allocs(Inst::new(i))[0].as_reg().unwrap();
            assert!(a.hw_enc() >= 3, "v{i} in {a}");
        }
        assert_eq!(out.num_spillslots, 0);
    }

    #[test]
    fn more_values_across_a_call_than_callee_saved_registers() {
        let call = TInst {
            ops: vec![Operand::reg_fixed_def(v(9), r(0))],
            clobbers: {
                let mut s = call_clobbers();
                s.add(r(0));
                s.remove(r(0));
                s
            },
            ..TInst::default()
        };
        let mut insts: Vec<TInst> = (0..5).map(|k| op(vec![def(k)])).collect();
        insts.push(call);
        let mut acc = 9;
        for k in 0..5 {
            insts.push(op(vec![use_(acc), use_(k), def(10 + k)]));
            acc = 10 + k;
        }
        insts.push(ret(vec![Operand::reg_fixed_use(v(acc), r(0))]));
        let out = alloc_and_check(&TFn::new(vec![(vec![], insts)]));
        assert!(out.num_spillslots > 0);
    }

    /// A loop whose back edge permutes its parameters: (a, b, c) -> (b, c, a), plus a swap of
    /// two more, with and without pressure.
    fn rotating_loop(extra_live: usize) -> TFn {
        let mut entry: Vec<TInst> = (0..5).map(|k| op(vec![def(k)])).collect();
        for k in 0..extra_live {
            entry.push(op(vec![def(100 + k)]));
        }
        entry.push(jump(1, (0..5).map(v).collect()));
        let params: Vec<VReg> = (10..15).map(v).collect();
        let mut body = vec![op(vec![use_(10), def(20)])];
        body.push(TInst {
            ops: vec![use_(20)],
            succs: vec![(2, vec![]), (3, vec![])],
            term: true,
            ..TInst::default()
        });
        // Edge block back to the header: rotate three, swap two.
        let back = vec![jump(1, vec![v(11), v(12), v(10), v(14), v(13)])];
        let mut exit: Vec<TInst> = Vec::new();
        let mut acc = 10;
        for k in 11..15 {
            exit.push(op(vec![use_(acc), use_(k), def(30 + k)]));
            acc = 30 + k;
        }
        for k in 0..extra_live {
            exit.push(op(vec![use_(acc), use_(100 + k), def(200 + k)]));
            acc = 200 + k;
        }
        exit.push(ret(vec![Operand::reg_fixed_use(v(acc), r(0))]));
        TFn::new(vec![
            (vec![], entry),
            (params, body),
            (vec![], back),
            (vec![], exit),
        ])
    }

    #[test]
    fn cycles_of_block_parameters() {
        alloc_and_check(&rotating_loop(0));
    }

    #[test]
    fn cycles_of_block_parameters_under_pressure() {
        // Every register holds something at the back edge: cycles go through spill slots and
        // slot-to-slot moves through a borrowed register.
        let out = alloc_and_check(&rotating_loop(6));
        assert!(out.num_spillslots > 0);
        for (_, e) in &out.edits {
            let Edit::Move { from, to } = e;
            assert!(!(from.is_stack() && to.is_stack()));
        }
    }

    #[test]
    fn the_checker_sees_a_missing_move() {
        let f = rotating_loop(6);
        let e = env();
        let mut out = run(&f, &e).unwrap();
        assert!(check(&f, &e, &out).is_ok());
        out.edits.remove(out.edits.len() / 2);
        assert!(check(&f, &e, &out).is_err());
    }

    #[test]
    fn early_defs_do_not_share_with_uses() {
        let f = TFn::new(vec![(
            vec![],
            vec![
                op(vec![def(0)]),
                op(vec![def(1)]),
                op(vec![use_(0), use_(1), Operand::reg_def_at_start(v(2))]),
                ret(vec![Operand::reg_fixed_use(v(2), r(0))]),
            ],
        )]);
        let out = alloc_and_check(&f);
        let a = out.inst_allocs(Inst::new(2));
        assert!(a[2] != a[0] && a[2] != a[1]);
    }

    #[test]
    fn critical_edges_are_refused() {
        // 0 -> {1, 2}, 1 -> 2: the edge 0 -> 2 is critical and needs a move.
        let f = TFn::new(vec![
            (
                vec![],
                vec![
                    op(vec![def(0)]),
                    TInst {
                        ops: vec![use_(0)],
                        succs: vec![(1, vec![]), (2, vec![v(0), v(0)])],
                        term: true,
                        ..TInst::default()
                    },
                ],
            ),
            (vec![], vec![op(vec![def(1)]), jump(2, vec![v(1), v(1)])]),
            (
                vec![v(2), v(3)],
                vec![
                    op(vec![use_(2), use_(3), def(4)]),
                    ret(vec![Operand::reg_fixed_use(v(4), r(0))]),
                ],
            ),
        ]);
        let e = run(&f, &env()).unwrap_err();
        assert!(e.contains("critical edge"), "{e}");
    }

    /// Deterministic random functions: a chain of blocks with parameters, conditional back
    /// edges through edge blocks, calls, fixed registers; globals from the entry used anywhere.
    fn random_fn(seed: u64) -> TFn {
        let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut rnd = move |n: usize| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s % n as u64) as usize
        };
        let mut next = 0usize;
        let mut fresh = || {
            next += 1;
            next - 1
        };
        let nreal = 2 + rnd(6);
        let nglob = rnd(6);
        let globals: Vec<usize> = (0..nglob).map(|_| fresh()).collect();
        let nparams: Vec<usize> = (0..nreal).map(|_| rnd(5)).collect();
        let params: Vec<Vec<usize>> = nparams
            .iter()
            .map(|&n| (0..n).map(|_| fresh()).collect())
            .collect();
        // Blocks: 0 = entry, then real block k at index 1 + 3k, its two edge blocks after it.
        let real = |k: usize| 1 + 3 * k;
        let mut blocks: Vec<(Vec<VReg>, Vec<TInst>)> = Vec::new();
        let mut entry: Vec<TInst> = globals.iter().map(|&g| op(vec![def(g)])).collect();
        let pick = |avail: &[usize], rnd: &mut dyn FnMut(usize) -> usize| avail[rnd(avail.len())];
        let first_args: Vec<VReg> = (0..nparams[0])
            .map(|_| {
                let x = fresh();
                entry.push(op(vec![def(x)]));
                v(x)
            })
            .collect();
        entry.push(jump(real(0), first_args));
        blocks.push((vec![], entry));
        for (k, kparams) in params.iter().enumerate() {
            let mut avail: Vec<usize> = globals.clone();
            avail.extend(kparams);
            let mut insts = Vec::new();
            let x = fresh();
            insts.push(op(vec![def(x)]));
            avail.push(x);
            for _ in 0..rnd(8) {
                let d = fresh();
                match rnd(5) {
                    0 => {
                        let a = pick(&avail, &mut rnd);
                        insts.push(TInst {
                            ops: vec![
                                Operand::reg_fixed_use(v(a), r(0)),
                                Operand::reg_fixed_def(v(d), r(0)),
                            ],
                            clobbers: call_clobbers(),
                            ..TInst::default()
                        });
                    }
                    1 => {
                        let (a, b) = (pick(&avail, &mut rnd), pick(&avail, &mut rnd));
                        insts.push(op(vec![use_(a), use_(b), Operand::reg_def_at_start(v(d))]));
                    }
                    _ => {
                        let (a, b) = (pick(&avail, &mut rnd), pick(&avail, &mut rnd));
                        insts.push(op(vec![use_(a), use_(b), def(d)]));
                    }
                }
                avail.push(d);
            }
            let args_for = |t: usize, avail: &[usize], rnd: &mut dyn FnMut(usize) -> usize| {
                (0..nparams[t])
                    .map(|_| v(pick(avail, rnd)))
                    .collect::<Vec<_>>()
            };
            let cond = pick(&avail, &mut rnd);
            if k + 1 == nreal {
                let a = pick(&avail, &mut rnd);
                insts.push(ret(vec![Operand::reg_fixed_use(v(a), r(0))]));
                blocks.push((kparams.iter().map(|&p| v(p)).collect(), insts));
                continue;
            }
            let back = rnd(k + 1);
            insts.push(TInst {
                ops: vec![use_(cond)],
                succs: vec![(real(k) + 1, vec![]), (real(k) + 2, vec![])],
                term: true,
                ..TInst::default()
            });
            blocks.push((kparams.iter().map(|&p| v(p)).collect(), insts));
            // Edge blocks: jumps that sometimes read a value themselves (like an EH dispatch).
            for (t, args) in [
                (k + 1, args_for(k + 1, &avail, &mut rnd)),
                (back, args_for(back, &avail, &mut rnd)),
            ] {
                let mut j = jump(real(t), args);
                if rnd(2) == 0 {
                    j.ops.push(use_(pick(&avail, &mut rnd)));
                }
                blocks.push((vec![], vec![j]));
            }
        }
        TFn::new(blocks)
    }

    #[test]
    fn random_functions_pass_the_checker() {
        let (mut spilled, mut moved, mut refused) = (0, 0, 0);
        for seed in 0..1000 {
            let f = random_fn(seed);
            let e = env();
            let out = match run(&f, &e) {
                Ok(out) => out,
                Err(err) if err.contains("no free register for an operand of terminator") => {
                    // The one documented refusal: a jump that reads a register while every
                    // register is taken on its edge (regalloc2 refuses every jump with operands
                    // whose edge needs moves: DisallowedBranchArg).
                    refused += 1;
                    continue;
                }
                Err(err) => panic!("seed {seed}: {err}"),
            };
            check(&f, &e, &out).unwrap_or_else(|err| panic!("seed {seed}: {err}"));
            spilled += (out.num_spillslots > 0) as usize;
            moved += (out.edits.len() > 4) as usize;
        }
        // The generator reaches the interesting paths.
        assert!(
            spilled > 100 && moved > 100,
            "{spilled} with spills, {moved} with moves"
        );
        // Refusals need a jump with an operand into a block with several predecessors (an
        // input regalloc2 refuses outright, never produced by our lowering) and five busy
        // registers: about 15 % of these functions.
        assert!(refused < 250, "{refused} refused");
    }

    #[test]
    fn pressure_counts_overlapping_values() {
        let mut insts: Vec<TInst> = (0..10).map(|k| op(vec![def(k)])).collect();
        for k in 0..10 {
            insts.push(op(vec![use_(k)]));
        }
        insts.push(ret(vec![]));
        let f = TFn::new(vec![(vec![], insts)]);
        assert_eq!(max_pressure(&f, &env()).unwrap(), 10);
    }
}
