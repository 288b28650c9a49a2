//! The arm64 target's optional MIR passes, each switchable by name (viper.toml `[passes.NAME]`),
//! registered in [`PASSES`]; `dce`, `redundant-moves` and `jump-threading` are the generic ones of
//! `target_common::mir_passes`, the others are arm64's own:
//! - `bool-fold` (IL, -O1): `target_common::il_opt::bool_fold`, over the whole module first.
//! - `inline` (IL, -O2): `target_common::il_opt::inline`, over the whole module before lowering.
//! - `edge-consts` (pre-RA, generic, first): see [`target_common::mir_passes::sink_edge_constants`].
//! - `forward-params` (pre-RA, -O1): see [`target_common::mir_passes::forward_params`].
//! - `addr-fold` (pre-RA): see [`addr_fold`].
//! - `slot-access` (pre-RA): see [`slot_access`].
//! - `operand-fold` (pre-RA): see [`operand_fold`].
//! - `index-reuse` (pre-RA, -O1): see [`index_reuse`].
//! - `mask-fold` (pre-RA): see [`mask_fold`].
//! - `const-reuse` (pre-RA): within a block, a repeated constant materialisation (`MovImm`,
//!   `FMovImm`, `LoadAddr`) reuses the earlier register.
//! - `dce` (pre-RA, generic): removes side-effect-free instructions whose results are never used
//!   (before `cmp-branch-fusion`, so a compare whose other readers were dead, e.g. the integer
//!   forms `bool-fold` bypassed, fuses with its branch).
//! - `slot-init` (pre-RA, -O1): see [`slot_init`].
//! - `long-ranges` (pre-RA, generic, last before allocation): see
//!   [`target_common::long_ranges`]; arm64's hooks are `FrameSlots for A64Function` (`func.rs`).
//! - `cmp-branch-fusion` (pre-RA): a conditional branch on an i1 made by a compare in the same
//!   block, with no other use, becomes one compare-and-branch (`cmp; b.cond`, or `cbz`/`cbnz`
//!   against 0); the compare's operands are read by the branch instead.
//! - `bit-test` (pre-RA): see [`bit_test`].
//! - `const-hoist` (pre-RA, not in EH functions): integer and float constants materialised inside
//!   loops (blocks on a CFG cycle) are materialised once in the entry block instead (at most
//!   [`MAX_HOISTED`] integer and [`MAX_HOISTED_F`] float values per function; equal values share one
//!   register).
//!   With the `fcmp-zero` setting, a fused float compare against the constant ±0.0 uses
//!   `fcmp a, #0.0` (IEEE compares treat both zeros alike).
//! - `mem-pair` (pre-RA, -O1, last): see [`crate::mem_pair`].
//! - `redundant-moves` (post-RA, generic): removes moves whose source and destination coincide.
//! - `jump-threading` (post-RA, generic): an edge into a block that only jumps (e.g. a split
//!   critical edge that needed no moves) goes straight to that jump's target.
//! - `tail-dup` (post-RA, not in EH functions): a jump to a short block ending in a conditional
//!   branch (typically a loop header) is replaced by a copy of that block, so a loop's back edge
//!   costs no extra `b`.
//!
//! - `unreachable-blocks` (post-RA, not in EH functions, whose tables name blocks by number): see
//!   [`target_common::mir_passes::remove_unreachable`].
//! - `shrink-wrap` (post-RA, last): see [`crate::shrink_wrap`].
//!
//! Strategies that are not passes (`branch-elision`, `leaf-frame`, `fp-cvt-range`, `fcmp-zero`,
//! `switch-tree`) are settings: see [`crate::settings`].

use crate::func::A64Function;
use crate::inst::{AluOp, CmpRhs, Cond, DivKind, Index, MInst, MemTy, Shift, Width};
use codegen_api::PassStage::{PostRa, PreRa};
use codegen_api::{CodegenError, CodegenOptions, OptLevel, PassInfo, PassStage};
use il::hash::FxMap;
use regalloc2::RegClass;
use target_common::analysis::{loop_blocks, rename_uses, successors, use_counts, visit_uses};
use target_common::{MirFunction, Reg};

const fn pass(name: &'static str, stage: PassStage, description: &'static str) -> PassInfo {
    PassInfo {
        name,
        stage,
        min_level: OptLevel::O0,
        description,
    }
}

/// Every optional pass of the target, in the order the driver runs them within a stage.
pub const PASSES: &[PassInfo] = &[
    PassInfo {
        name: "bool-fold",
        stage: PassStage::Il,
        min_level: OptLevel::O1,
        description: "a truth value narrowed back from its integer form is read directly",
    },
    PassInfo {
        name: "inline",
        stage: PassStage::Il,
        min_level: OptLevel::O2,
        description: "inline calls to small and single-call-site non-recursive module functions",
    },
    pass(
        "edge-consts",
        PreRa,
        "a constant passed only through split edges is set in those edges' blocks",
    ),
    PassInfo {
        name: "forward-params",
        stage: PreRa,
        min_level: OptLevel::O1,
        description: "a block with one predecessor reads the edge's arguments, not parameters",
    },
    pass(
        "addr-fold",
        PreRa,
        "fold constant address arithmetic into load/store offsets",
    ),
    pass(
        "slot-access",
        PreRa,
        "loads and stores of fixed alloca slots address the frame, not a register",
    ),
    pass(
        "operand-fold",
        PreRa,
        "fold copies, shifts into shifted-register operands, gep adds into indexed loads/stores",
    ),
    PassInfo {
        name: "index-reuse",
        stage: PreRa,
        min_level: OptLevel::O1,
        description: "address base + (i + c) << s from an earlier base + i << s in the block",
    },
    pass(
        "mask-fold",
        PreRa,
        "drop an and-mask that a later and-mask of a bitwise result makes redundant",
    ),
    pass(
        "const-reuse",
        PreRa,
        "reuse a constant already materialised in the block",
    ),
    pass(
        "dce",
        PreRa,
        "remove pure instructions whose results are unused",
    ),
    PassInfo {
        name: "slot-init",
        stage: PreRa,
        min_level: OptLevel::O1,
        description: "an alloca slot written before any read is not zeroed by the prologue",
    },
    pass(
        "cmp-branch-fusion",
        PreRa,
        "compare-and-branch instead of compare, set, branch",
    ),
    pass(
        "bit-test",
        PreRa,
        "branch on one bit (tbz/tbnz) for and-with-a-bit, i1 loads, remainders by 2^k",
    ),
    pass(
        "const-hoist",
        PreRa,
        "materialise loop constants once in the entry block",
    ),
    PassInfo {
        name: "mem-pair",
        stage: PreRa,
        min_level: OptLevel::O1,
        description: "one ldp/stp for two loads or stores of adjacent 8-byte words",
    },
    pass(
        "long-ranges",
        PreRa,
        "values live across very many blocks go through a frame slot (linear liveness)",
    ),
    pass(
        "redundant-moves",
        PostRa,
        "remove moves from a register to itself",
    ),
    pass(
        "jump-threading",
        PostRa,
        "branch past blocks that only jump",
    ),
    pass(
        "tail-dup",
        PostRa,
        "copy short conditional blocks into their jump predecessors",
    ),
    pass(
        "unreachable-blocks",
        PostRa,
        "drop blocks no path from the entry reaches",
    ),
    pass(
        "shrink-wrap",
        PostRa,
        "set the frame up only on paths that need it",
    ),
];

/// `unreachable-blocks` (post-RA, not in EH functions: their landing tables and resume points
/// name blocks by number): `target_common::mir_passes::remove_unreachable`.
pub fn unreachable_blocks(f: &mut A64Function, o: &CodegenOptions) -> Result<(), CodegenError> {
    if f.eh.is_some() {
        return Ok(());
    }
    target_common::mir_passes::remove_unreachable(f, o)
}

/// `forward-params` (pre-RA, not in EH functions): `target_common::mir_passes::forward_params`.
pub fn forward_params(f: &mut A64Function, o: &CodegenOptions) -> Result<(), CodegenError> {
    if f.eh.is_some() {
        return Ok(());
    }
    target_common::mir_passes::forward_params(f, o)
}

/// `addr-fold` (pre-RA, not in EH functions): a load or store whose address is `base ± k` (an
/// `add`/`sub` immediate of a virtual register) addresses `[base, #off ± k]` instead; an address
/// computation left without uses is then removed by `dce`. Chains (`base + 8 + 16`) fold fully.
/// The emitter encodes any offset (scaled or unscaled immediates, else through x17).
pub fn addr_fold(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    if f.eh.is_some() {
        return Ok(());
    }
    fold_displacements(&mut f.mir);
    Ok(())
}

/// `slot-access` (pre-RA, right after `addr-fold`, not in EH functions): the address of a
/// prologue-zeroed alloca slot (`SlotAddr`, a frame constant) is never kept in a register across
/// blocks:
/// - a load or store `[v, #off]` whose address `v` is such a slot's address becomes a
///   [`MInst::SlotLoad`] / [`MInst::SlotStore`] of `slot + off`, addressed from the frame;
/// - every other use of `v` in a block other than the one defining it reads a copy of the
///   `SlotAddr` made in that block, right before the block's first such use.
///
/// So a slot address is live only within a block: a function of `n` allocas used across `m`
/// blocks no longer has `n` values live through all of them (a loop nest 2000 deep over its
/// allocas took 1.0 s and 276 MB in the register allocator, and every address was spilled).
/// `dce` then removes a `SlotAddr` left without uses. Linear in the function's instructions.
pub fn slot_access(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    if f.eh.is_some() {
        return Ok(());
    }
    // vreg → (slot, defining block) for addresses that may be recomputed anywhere: the slot is
    // zeroed by the prologue, so its `SlotAddr` has no effect besides the address.
    let mut slot_of: FxMap<Reg, (u32, usize)> = FxMap::default();
    for (bi, b) in f.mir.blocks.iter().enumerate() {
        for i in &b.insts {
            if let MInst::SlotAddr {
                dst: dst @ Reg::Virt(_),
                slot,
            } = *i
            {
                if f.slot_zeroed_in_prologue.get(slot as usize) == Some(&true) {
                    slot_of.insert(dst, (slot, bi));
                }
            }
        }
    }
    if slot_of.is_empty() {
        return Ok(());
    }
    let mut copies: FxMap<Reg, Reg> = FxMap::default();
    for bi in 0..f.mir.blocks.len() {
        copies.clear();
        let (insts, pos) = f.mir.blocks[bi].take_all();
        let mut new_insts = Vec::with_capacity(insts.len());
        let mut new_pos = Vec::with_capacity(pos.len());
        for (mut i, p) in insts.into_iter().zip(pos) {
            match i {
                MInst::Load {
                    ty,
                    dst,
                    addr,
                    off,
                    index: None,
                } if slot_of.contains_key(&addr) => {
                    let slot = slot_of[&addr].0;
                    i = MInst::SlotLoad { ty, dst, slot, off };
                }
                MInst::Store {
                    ty,
                    src,
                    addr,
                    off,
                    index: None,
                } if slot_of.contains_key(&addr) => {
                    let slot = slot_of[&addr].0;
                    i = MInst::SlotStore { ty, src, slot, off };
                }
                _ => {}
            }
            // Remaining uses (operands and edge arguments) of slot addresses defined in another
            // block read a local copy.
            let mut uses = Vec::new();
            visit_uses(&mut i, &mut |r| uses.push(*r));
            for v in uses {
                if let Some(&(slot, def_block)) = slot_of.get(&v) {
                    if def_block != bi && !copies.contains_key(&v) {
                        let local = f.mir.new_vreg(RegClass::Int);
                        new_insts.push(MInst::SlotAddr { dst: local, slot });
                        new_pos.push(p);
                        copies.insert(v, local);
                    }
                }
            }
            if !copies.is_empty() {
                visit_uses(&mut i, &mut |r| {
                    if let Some(&c) = copies.get(r) {
                        *r = c;
                    }
                });
            }
            new_insts.push(i);
            new_pos.push(p);
        }
        f.mir.blocks[bi].replace_all(new_insts, new_pos);
    }
    Ok(())
}

/// `slot-init` (pre-RA, -O1, after `dce`, not in EH functions): a fixed alloca slot whose every
/// byte that is ever read is first written on the function's straight-line start stops being
/// zeroed by the prologue (the IL's zero fill is unobservable for it).
///
/// A slot qualifies when:
/// - its address is never taken: after `slot-access` and `dce` no `SlotAddr` of it is left, so
///   only `SlotLoad`/`SlotStore` at known offsets touch it (no call can read it);
/// - it is not the dynamic-alloca arena counter (read by emitted code, not by MIR);
/// - every byte any `SlotLoad` of it reads lies in the first [`INIT_TRACKED`] bytes and is
///   written by a `SlotStore` on the *start path* — block 0 and the blocks it runs into without
///   a choice (one successor, which has one predecessor), up to and including the first block
///   that branches — before any load of the slot on that path. The start path dominates every
///   block, and block 0 has no predecessor, so those stores precede every load.
///
/// Linear in the function's instructions.
pub fn slot_init(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    if f.eh.is_some() || f.slots.is_empty() {
        return Ok(());
    }
    let n = f.slots.len();
    // Per slot: still a candidate, bytes written so far on the start path, bytes read anywhere.
    let mut candidate: Vec<bool> = f.slot_zeroed_in_prologue.clone();
    candidate.resize(n, false);
    if let Some(a) = f.arena_slot {
        candidate[a as usize] = false;
    }
    let mut written = vec![0u64; n];
    let mut read = vec![0u64; n];
    let bytes = |off: i64, ty: MemTy| -> Option<u64> {
        let size = i64::from(ty.size());
        (off >= 0 && off + size <= INIT_TRACKED as i64).then(|| ((1u64 << size) - 1) << off)
    };
    // The start path, in order.
    let preds = target_common::cfg::predecessor_counts(&f.mir);
    let mut on_path = vec![false; f.mir.blocks.len()];
    let mut path = vec![0usize];
    on_path[0] = true;
    while let [next] = successors(&f.mir, path[path.len() - 1]).as_slice() {
        if preds[*next] != 1 || on_path[*next] {
            break;
        }
        on_path[*next] = true;
        path.push(*next);
    }
    for &b in &path {
        for i in &f.mir.blocks[b].insts {
            match *i {
                MInst::SlotStore { ty, slot, off, .. } => match bytes(off, ty) {
                    Some(m) => written[slot as usize] |= m,
                    None => candidate[slot as usize] = false,
                },
                MInst::SlotLoad { ty, slot, off, .. } => match bytes(off, ty) {
                    Some(m) if m & !written[slot as usize] == 0 => read[slot as usize] |= m,
                    _ => candidate[slot as usize] = false,
                },
                MInst::SlotAddr { slot, .. } => candidate[slot as usize] = false,
                _ => {}
            }
        }
    }
    for (b, block) in f.mir.blocks.iter().enumerate() {
        if on_path[b] {
            continue;
        }
        for i in &block.insts {
            match *i {
                MInst::SlotLoad { ty, slot, off, .. } => match bytes(off, ty) {
                    Some(m) => read[slot as usize] |= m,
                    None => candidate[slot as usize] = false,
                },
                MInst::SlotStore { ty, slot, off, .. } if bytes(off, ty).is_none() => {
                    candidate[slot as usize] = false
                }
                MInst::SlotAddr { slot, .. } => candidate[slot as usize] = false,
                _ => {}
            }
        }
    }
    for s in 0..n {
        if candidate[s] && read[s] & !written[s] == 0 {
            f.slot_zeroed_in_prologue[s] = false;
        }
    }
    Ok(())
}

/// The bytes of a slot `slot-init` tracks (a bit each); accesses beyond keep the slot zeroed.
const INIT_TRACKED: u32 = 64;

/// vreg → (base, displacement) for every `add/sub #imm` of a virtual register (SSA: one
/// definition each, so the pair holds wherever the vreg is used).
struct Displacements(FxMap<Reg, (Reg, i64)>);

impl Displacements {
    fn of(f: &MirFunction<MInst>) -> Displacements {
        let mut disp = FxMap::default();
        for b in &f.blocks {
            for i in &b.insts {
                if let MInst::AluImm {
                    op: op @ (AluOp::Add | AluOp::Sub),
                    dst: dst @ Reg::Virt(_),
                    a: a @ Reg::Virt(_),
                    imm,
                } = i
                {
                    let k = i64::try_from(*imm).unwrap_or(i64::MAX);
                    let d = if *op == AluOp::Add { k } else { -k };
                    disp.insert(*dst, (*a, d));
                }
            }
        }
        Displacements(disp)
    }
    /// `r + off` as `root + off'` through the chain of immediates (bounded by the number of
    /// entries: a cycle cannot occur in SSA), stopping before a displacement leaves `i32`.
    fn resolve(&self, mut r: Reg, mut off: i64) -> (Reg, i64) {
        for _ in 0..=self.0.len() {
            match self.0.get(&r) {
                Some(&(base, d)) => match off.checked_add(d) {
                    Some(o) if i32::try_from(o).is_ok() => {
                        r = base;
                        off = o;
                    }
                    _ => break,
                },
                None => break,
            }
        }
        (r, off)
    }
}

/// The rewrite of `addr-fold`, also run by `index-reuse` after it made new displacements.
fn fold_displacements(f: &mut MirFunction<MInst>) {
    let disp = Displacements::of(f);
    if disp.0.is_empty() {
        return;
    }
    for b in &mut f.blocks {
        for i in &mut b.insts {
            if let MInst::Load {
                addr,
                off,
                index: None,
                ..
            }
            | MInst::Store {
                addr,
                off,
                index: None,
                ..
            } = i
            {
                let (base, o) = disp.resolve(*addr, *off);
                *addr = base;
                *off = o;
            }
        }
    }
}

/// `index-reuse` (pre-RA, after `operand-fold`, not in EH functions): within an extended basic
/// block (a block and the blocks reached from it through single-predecessor edges), addresses
/// `base + (i + c) << s` with the same base, index root `i` (an index is its root plus a chain
/// of `add`/`sub` immediates) and shift share one address register `d = base + i << s`:
/// - an `add d2, base, idx, lsl #s` after such a `d` becomes `add d2, d, #delta` (the same
///   register when `delta` is 0);
/// - a register-indexed load or store `[base, idx, lsl #s]` becomes `[d, #delta]`; when two
///   8-byte loads (or stores) of adjacent words appear and no `d` exists yet, `d` is made right
///   before the first (only then does the extra `add` pay: `mem-pair` fuses the two).
///
/// Offsets stay within one instruction's immediate ([`one_insn_offset`]); at most
/// [`REUSE_TABLE`] addresses are tracked per path, so the pass is linear. Typical source: `a[j]`
/// and `a[j + 1]` in a loop body (and its swap block), which `mem-pair` then accesses with one
/// `ldp`/`stp`, and `j` dies before `j + 1` is made.
pub fn index_reuse(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    if f.eh.is_some() {
        return Ok(());
    }
    let disp = Displacements::of(&f.mir);
    // `operand-fold` leaves the adds it folded into indexed accesses for `dce`: those are dead
    // and must not be revived as shared address registers.
    let uses = use_counts(&mut f.mir);
    let counts = target_common::cfg::predecessor_counts(&f.mir);
    let n = f.mir.blocks.len();
    let child = |t: usize| t != 0 && counts.get(t) == Some(&1);
    let mut plan = ReusePlan::default();
    let mut stack: Vec<(usize, ReuseTable)> = (0..n)
        .filter(|&b| !child(b))
        .rev()
        .map(|b| (b, ReuseTable::default()))
        .collect();
    while let Some((b, mut table)) = stack.pop() {
        for (k, i) in f.mir.blocks[b].insts.iter().enumerate() {
            plan.visit(&disp, &uses, &mut table, (b, k), i, &mut f.mir.vreg_classes);
        }
        let kids: Vec<usize> = successors(&f.mir, b)
            .into_iter()
            .filter(|&t| child(t))
            .collect();
        if let Some((last, rest)) = kids.split_last() {
            for &t in rest {
                stack.push((t, table.clone()));
            }
            stack.push((*last, table));
        }
    }
    plan.apply(&mut f.mir);
    Ok(())
}

/// Addresses tracked per path by `index-reuse`.
pub const REUSE_TABLE: usize = 64;

/// True if a load or store of `size` bytes reaches `[base, #off]` in one instruction (unscaled
/// 9-bit or scaled unsigned 12-bit immediate).
fn one_insn_offset(off: i64, size: u32) -> bool {
    let size = i64::from(size);
    (-256..=255).contains(&off) || (off >= 0 && off % size == 0 && off / size <= 4095)
}

#[derive(Clone, Copy)]
enum ReuseEntry {
    /// `d = base + (root + c) << s` is defined here.
    Have { d: Reg, c: i64 },
    /// An indexed access (a store if `store`) at (block, inst) with displacement `c`, no
    /// register yet.
    Pending {
        block: usize,
        at: usize,
        c: i64,
        store: bool,
    },
}

type ReuseTable = FxMap<(Reg, Reg, u8), ReuseEntry>;

#[derive(Default)]
struct ReusePlan {
    /// (block, inst) → the replacement instruction.
    rewrite: FxMap<(usize, usize), MInst>,
    /// (block, inst, new instruction placed before it).
    insert: Vec<(usize, usize, MInst)>,
    same: FxMap<Reg, Reg>,
}

impl ReusePlan {
    fn visit(
        &mut self,
        disp: &Displacements,
        uses: &[u32],
        table: &mut ReuseTable,
        (b, k): (usize, usize),
        i: &MInst,
        classes: &mut Vec<regalloc2::RegClass>,
    ) {
        let full = table.len() >= REUSE_TABLE;
        let used = |r: Reg| match r {
            Reg::Virt(v) => uses.get(v.vreg()).is_some_and(|&n| n > 0),
            Reg::Phys(_) => true,
        };
        // An address computation `dst = base + idx << s`.
        if let MInst::Alu {
            op: AluOp::Add,
            dst: dst @ Reg::Virt(_),
            a: base @ Reg::Virt(_),
            b: idx @ Reg::Virt(_),
            shift,
        } = *i
        {
            if !used(dst) {
                return;
            }
            let s = match shift {
                None => 0,
                Some(Shift {
                    op: AluOp::Lsl,
                    amount,
                }) => amount,
                Some(_) => return,
            };
            let (root, c) = disp.resolve(idx, 0);
            match table.get(&(base, root, s)) {
                Some(&ReuseEntry::Have { d, c: c0 }) => {
                    let delta = c
                        .checked_sub(c0)
                        .and_then(|x| x.checked_mul(1i64 << s))
                        .filter(|x| x.unsigned_abs() <= 4095);
                    match delta {
                        Some(0) => {
                            self.same.insert(dst, d);
                        }
                        Some(x) => {
                            let op = if x > 0 { AluOp::Add } else { AluOp::Sub };
                            let imm = x.unsigned_abs();
                            self.rewrite
                                .insert((b, k), MInst::AluImm { op, dst, a: d, imm });
                        }
                        None => {}
                    }
                }
                Some(ReuseEntry::Pending { .. }) | None if !full => {
                    table.insert((base, root, s), ReuseEntry::Have { d: dst, c });
                }
                Some(ReuseEntry::Pending { .. }) | None => {}
            }
            return;
        }
        // A register-indexed access `[base, idx, lsl #s]`.
        let (ty, base, ix, is_store) = if let MInst::Load {
            ty,
            addr,
            off: 0,
            index: Some(ix),
            ..
        } = *i
        {
            (ty, addr, ix, false)
        } else if let MInst::Store {
            ty,
            addr,
            off: 0,
            index: Some(ix),
            ..
        } = *i
        {
            (ty, addr, ix, true)
        } else {
            return;
        };
        if !base.is_virtual() || !ix.reg.is_virtual() {
            return;
        }
        let s = if ix.scaled {
            ty.size().trailing_zeros() as u8
        } else {
            0
        };
        let (root, c) = disp.resolve(ix.reg, 0);
        let size = ty.size();
        let off_of = |c: i64, c0: i64| {
            c.checked_sub(c0)
                .and_then(|x| x.checked_mul(1i64 << s))
                .filter(|&x| one_insn_offset(x, size))
        };
        match table.get(&(base, root, s)).copied() {
            Some(ReuseEntry::Have { d, c: c0 }) => {
                if let Some(off) = off_of(c, c0) {
                    self.rewrite.insert((b, k), with_base(i, d, off));
                }
            }
            Some(ReuseEntry::Pending {
                block,
                at,
                c: cp,
                store,
            }) if pairs_with(ty, store, is_store, cp, c, s) => {
                let (Some(off_first), Some(off)) = (off_of(cp, 0), off_of(c, 0)) else {
                    return;
                };
                let d = Reg::Virt(regalloc2::VReg::new(
                    classes.len(),
                    regalloc2::RegClass::Int,
                ));
                classes.push(regalloc2::RegClass::Int);
                let shift = (s > 0).then_some(Shift {
                    op: AluOp::Lsl,
                    amount: s,
                });
                self.insert.push((
                    block,
                    at,
                    MInst::Alu {
                        op: AluOp::Add,
                        dst: d,
                        a: base,
                        b: root,
                        shift,
                    },
                ));
                if let Some(first) = self.rewrite.get_mut(&(block, at)) {
                    *first = with_base(first, d, off_first);
                }
                self.rewrite.insert((b, k), with_base(i, d, off));
                table.insert((base, root, s), ReuseEntry::Have { d, c: 0 });
            }
            Some(ReuseEntry::Pending { .. }) => {}
            None if !full => {
                // The original access, so a later hit can rewrite it.
                self.rewrite.insert((b, k), i.clone());
                let pending = ReuseEntry::Pending {
                    block: b,
                    at: k,
                    c,
                    store: is_store,
                };
                table.insert((base, root, s), pending);
            }
            None => {}
        }
    }

    fn apply(mut self, f: &mut MirFunction<MInst>) {
        if self.rewrite.is_empty() && self.same.is_empty() {
            return;
        }
        for ((b, k), i) in self.rewrite.drain() {
            f.blocks[b].insts[k] = i;
        }
        // Later positions first, so earlier indices stay valid.
        self.insert
            .sort_by_key(|&(b, k, _)| std::cmp::Reverse((b, k)));
        for (b, k, i) in self.insert {
            let pos = f.blocks[b].pos_at(k);
            f.blocks[b].insert(k, i, pos);
        }
        rename_uses(f, &self.same);
        fold_displacements(f);
    }
}

/// True if an indexed access of `ty` (a store if `store`) at displacement `c` and an earlier
/// pending one (`pending_store`, `cp`) would be adjacent words of the same kind once they share
/// an address register: only then does making that register pay (`mem-pair` fuses them).
fn pairs_with(ty: MemTy, pending_store: bool, store: bool, cp: i64, c: i64, s: u8) -> bool {
    matches!(ty, MemTy::I64 | MemTy::F64)
        && pending_store == store
        && c.checked_sub(cp)
            .and_then(|x| x.checked_mul(1i64 << s))
            .is_some_and(|x| x.abs() == 8)
}

/// A register-indexed load or store (or an already rewritten one) addressing `[d, #off]`.
fn with_base(i: &MInst, d: Reg, off: i64) -> MInst {
    let mut i = i.clone();
    if let MInst::Load {
        addr,
        off: o,
        index,
        ..
    }
    | MInst::Store {
        addr,
        off: o,
        index,
        ..
    } = &mut i
    {
        *addr = d;
        *o = off;
        *index = None;
    }
    i
}

/// `mask-fold` (pre-RA, not in EH functions, like the other operand rewrites): in
/// `v = and u, #m2` with `u = eor/orr/and p, q` (register operands, `q` possibly shifted), an
/// operand `p` (or unshifted `q`) that is `and t, #m1` with no other use and `m2 ⊆ m1` reads `t`
/// instead: bitwise operations work bit by bit, so the bits `m2` keeps are the same either way
/// (`((t & m1) ^ q) & m2 == (t ^ q) & m2`). The `and` left without uses is removed by `dce`.
pub fn mask_fold(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    if f.eh.is_some() {
        return Ok(());
    }
    let uses = use_counts(&mut f.mir);
    let single = |r: Reg| match r {
        Reg::Virt(v) => uses.get(v.vreg()) == Some(&1),
        Reg::Phys(_) => false,
    };
    // vreg → (source, mask) of every `and d, s, #m`; vreg → users' masks of every `and v, u, #m`.
    let mut masked: FxMap<Reg, (Reg, u64)> = FxMap::default();
    let mut kept: FxMap<Reg, u64> = FxMap::default();
    for b in &f.mir.blocks {
        for i in &b.insts {
            if let MInst::AluImm {
                op: AluOp::And,
                dst: dst @ Reg::Virt(_),
                a,
                imm,
            } = i
            {
                masked.insert(*dst, (*a, *imm));
                if single(*a) {
                    kept.insert(*a, *imm);
                }
            }
        }
    }
    if kept.is_empty() {
        return Ok(());
    }
    for b in &mut f.mir.blocks {
        for i in &mut b.insts {
            if let MInst::Alu {
                op: AluOp::Eor | AluOp::Orr | AluOp::And,
                dst,
                a,
                b: rb,
                shift,
            } = i
            {
                let Some(&m2) = kept.get(dst) else { continue };
                let mut operands = vec![a];
                if shift.is_none() {
                    operands.push(rb);
                }
                for r in operands {
                    if let Some(&(t, m1)) = masked.get(r) {
                        if single(*r) && m2 & !m1 == 0 {
                            *r = t;
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

/// `operand-fold` (pre-RA, not in EH functions), three rewrites of SSA vregs:
/// - a copy `mov v, u` between virtual registers of one class: uses of `v` read `u` (the copy
///   is then dead);
/// - `add/sub/and/orr/eor d, a, t` where `t = lsl/lsr/asr x, #n` has no other use becomes
///   `op d, a, x, shift #n` (for the commutative ones also with the shift on the left);
/// - a load or store at `[v]` (offset 0) where `v = add base, i` (or `add base, x, lsl #log2(size)`)
///   is used only as such addresses, addresses `[base, i]` (`[base, x, lsl #log2(size)]`).
///
/// The instructions left without uses are removed by `dce`. SSA makes every rewrite valid where
/// the use is: the folded operands' definitions dominate the definition they replace.
pub fn operand_fold(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    if f.eh.is_some() {
        return Ok(());
    }
    let mut copies: FxMap<Reg, Reg> = FxMap::default();
    for b in &f.mir.blocks {
        for i in &b.insts {
            if let MInst::Mov {
                dst: d @ Reg::Virt(_),
                src: s @ Reg::Virt(_),
            } = i
            {
                if d.class() == s.class() {
                    copies.insert(*d, *s);
                }
            }
        }
    }
    // Resolve chains of copies (bounded: SSA has no cycles).
    let keys: Vec<Reg> = copies.keys().copied().collect();
    for k in keys {
        let mut r = copies[&k];
        for _ in 0..copies.len() {
            match copies.get(&r) {
                Some(&n) => r = n,
                None => break,
            }
        }
        copies.insert(k, r);
    }
    rename_uses(&mut f.mir, &copies);

    let uses = use_counts(&mut f.mir);
    let single = |r: Reg| match r {
        Reg::Virt(v) => uses.get(v.vreg()) == Some(&1),
        Reg::Phys(_) => false,
    };
    // vreg → (source, shift) for every shift by an immediate of a virtual register.
    let mut shifts: FxMap<Reg, (Reg, Shift)> = FxMap::default();
    for b in &f.mir.blocks {
        for i in &b.insts {
            if let MInst::AluImm {
                op: op @ (AluOp::Lsl | AluOp::Lsr | AluOp::Asr),
                dst: dst @ Reg::Virt(_),
                a: a @ Reg::Virt(_),
                imm,
            } = i
            {
                let amount = (*imm & 63) as u8;
                shifts.insert(*dst, (*a, Shift { op: *op, amount }));
            }
        }
    }
    // vreg → (base, index register, shift) for every add of two virtual registers (after the
    // shift folding below).
    let mut adds: FxMap<Reg, (Reg, Reg, Option<Shift>)> = FxMap::default();
    for b in &mut f.mir.blocks {
        for i in &mut b.insts {
            let MInst::Alu {
                op,
                dst,
                a,
                b,
                shift: sh @ None,
            } = i
            else {
                continue;
            };
            let foldable = match op {
                AluOp::Add | AluOp::Sub | AluOp::And | AluOp::Orr | AluOp::Eor => true,
                AluOp::Mul | AluOp::Lsl | AluOp::Lsr | AluOp::Asr => false,
            };
            if !foldable || !a.is_virtual() || !b.is_virtual() {
                continue;
            }
            if let (Some(&(x, s)), true) = (shifts.get(b), single(*b)) {
                *b = x;
                *sh = Some(s);
            } else if let (Some(&(x, s)), true, true) =
                (shifts.get(a), single(*a), *op != AluOp::Sub)
            {
                *a = *b;
                *b = x;
                *sh = Some(s);
            }
            if *op == AluOp::Add && dst.is_virtual() {
                adds.insert(*dst, (*a, *b, *sh));
            }
        }
    }
    // Loads/stores at offset 0 addressed by each vreg: an add is folded when they are all its uses.
    let mut addr_uses: FxMap<Reg, u32> = FxMap::default();
    for b in &f.mir.blocks {
        for i in &b.insts {
            if let MInst::Load {
                addr,
                off: 0,
                index: None,
                ..
            }
            | MInst::Store {
                addr,
                off: 0,
                index: None,
                ..
            } = i
            {
                if adds.contains_key(addr) {
                    *addr_uses.entry(*addr).or_insert(0) += 1;
                }
            }
        }
    }
    let only_addresses = |r: Reg| match r {
        Reg::Virt(v) => uses.get(v.vreg()).copied() == addr_uses.get(&r).copied(),
        Reg::Phys(_) => false,
    };
    for b in &mut f.mir.blocks {
        for i in &mut b.insts {
            let (MInst::Load {
                ty,
                addr,
                off: 0,
                index: ix @ None,
                ..
            }
            | MInst::Store {
                ty,
                addr,
                off: 0,
                index: ix @ None,
                ..
            }) = i
            else {
                continue;
            };
            let Some(&(base, reg, sh)) = adds.get(addr) else {
                continue;
            };
            if !only_addresses(*addr) {
                continue;
            }
            let log = ty.size().trailing_zeros() as u8;
            let scaled = match sh {
                None => false,
                Some(Shift {
                    op: AluOp::Lsl,
                    amount,
                }) if amount == log => true,
                Some(_) => continue,
            };
            *addr = base;
            *ix = Some(Index { reg, scaled });
        }
    }
    Ok(())
}

/// `const-reuse`.
/// What `const-reuse` compares: the constant a definition produces.
#[derive(Clone, PartialEq, Eq, Hash)]
enum ConstKey {
    Int(u64),
    Fp(u64),
    Addr(crate::inst::SymRef),
}

pub fn const_reuse(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    let mut map: FxMap<Reg, Reg> = FxMap::default();
    for b in &mut f.mir.blocks {
        // The first definition of each constant in the block (a map: blocks with tens of
        // thousands of constants — a huge switch — stay linear).
        let mut seen: FxMap<ConstKey, Reg> = FxMap::default();
        b.retain_mut(|i| {
            let (key, dst) = match i {
                MInst::MovImm { dst, imm } => (ConstKey::Int(*imm), *dst),
                MInst::FMovImm { dst, bits } => (ConstKey::Fp(*bits), *dst),
                MInst::LoadAddr { dst, sym } => (ConstKey::Addr(sym.clone()), *dst),
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
                | MInst::RaMove { .. } => return true,
            };
            match seen.get(&key) {
                Some(r) => {
                    map.insert(dst, *r);
                    false
                }
                None => {
                    seen.insert(key, dst);
                    true
                }
            }
        });
    }
    rename_uses(&mut f.mir, &map);
    Ok(())
}

/// `cmp-branch-fusion` (and `fcmp-zero`).
pub fn cmp_branch_fusion(f: &mut A64Function, o: &CodegenOptions) -> Result<(), CodegenError> {
    let uses = use_counts(&mut f.mir);
    // Float vregs defined by a ±0.0 constant (SSA: the only definition).
    let mut fzero = vec![false; f.mir.vreg_classes.len()];
    if o.setting(&crate::settings::FCMP_ZERO) {
        for b in &f.mir.blocks {
            for i in &b.insts {
                if let MInst::FMovImm {
                    dst: Reg::Virt(v),
                    bits,
                } = i
                {
                    if *bits << 1 == 0 {
                        if let Some(z) = fzero.get_mut(v.vreg()) {
                            *z = true;
                        }
                    }
                }
            }
        }
    }
    let is_fzero = |r: Reg| match r {
        Reg::Virt(v) => fzero.get(v.vreg()).copied().unwrap_or(false),
        Reg::Phys(_) => false,
    };
    for b in &mut f.mir.blocks {
        let Some(MInst::CondBr { cond, .. }) = b.insts.last() else {
            continue;
        };
        let c = *cond;
        let single = match c {
            Reg::Virt(v) => uses.get(v.vreg()) == Some(&1),
            Reg::Phys(_) => false,
        };
        if !single {
            continue;
        }
        let body = b.insts.len() - 1;
        let found = b.insts[..body].iter().rposition(|i| {
            matches!(i, MInst::CmpSet { dst, .. } | MInst::CmpImmSet { dst, .. }
                | MInst::FCmpSet { dst, .. } if *dst == c)
        });
        let Some(pos) = found else { continue };
        let (float, cc, a, rhs) = match b.insts[pos] {
            MInst::CmpSet { cond, a, b, .. } => (false, cond, a, CmpRhs::Reg(b)),
            MInst::CmpImmSet { cond, a, imm, .. } => (false, cond, a, CmpRhs::Imm(imm)),
            MInst::FCmpSet { cond, a, b, .. } if is_fzero(b) => (true, cond, a, CmpRhs::Imm(0)),
            MInst::FCmpSet { cond, a, b, .. } => (true, cond, a, CmpRhs::Reg(b)),
            MInst::Args { .. }
            | MInst::LoadIncomingArg { .. }
            | MInst::MovImm { .. }
            | MInst::FMovImm { .. }
            | MInst::Mov { .. }
            | MInst::Alu { .. }
            | MInst::AluImm { .. }
            | MInst::Fpu { .. }
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
            | MInst::RaMove { .. } => continue,
        };
        let Some((MInst::CondBr { edges, .. }, at)) = b.pop() else {
            continue;
        };
        b.remove(pos);
        b.push(
            MInst::CmpBr {
                float,
                cond: cc,
                a,
                b: rhs,
                edges,
            },
            at,
        );
    }
    Ok(())
}

/// `bit-test` (pre-RA, after `cmp-branch-fusion`): a branch on whether a single-use value `t`
/// defined in the same block is zero (`cbz`/`cbnz`) tests one bit instead when `t` is
/// - `and s, #(1 << k)`: `tbz`/`tbnz s, #k` (the `and` goes);
/// - an `i1` load: the load keeps the raw byte (`ldrb` without `and #1`) and the branch tests
///   bit 0, which is the IL value (IL-SPEC: an `i1` load keeps bit 0);
/// - `srem`/`urem s, 2^k` (a constant divisor, so it cannot trap): `s` is a multiple of `2^k` iff
///   its low `k` bits are clear, for either sign, so the remainder becomes `and s, #(2^k - 1)`
///   (for `k = 1`, `tbz`/`tbnz s, #0` and the division goes).
///
/// Invariant: only the branch reads `t`, so no other instruction sees the changed value.
pub fn bit_test(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    let uses = use_counts(&mut f.mir);
    for b in &mut f.mir.blocks {
        let (cond, t) = match b.insts.last() {
            Some(MInst::CmpBr {
                float: false,
                cond: c @ (Cond::Eq | Cond::Ne),
                a,
                b: CmpRhs::Imm(0),
                ..
            }) => (*c, *a),
            Some(MInst::CondBr { cond, .. }) => (Cond::Ne, *cond),
            Some(_) | None => continue,
        };
        let single = match t {
            Reg::Virt(v) => uses.get(v.vreg()) == Some(&1),
            Reg::Phys(_) => false,
        };
        if !single {
            continue;
        }
        let body = b.insts.len() - 1;
        let found = b.insts[..body].iter().rposition(|i| {
            matches!(i, MInst::AluImm { dst, .. } | MInst::Load { dst, .. }
                | MInst::SlotLoad { dst, .. } | MInst::DivRem { dst, .. } if *dst == t)
        });
        let Some(pos) = found else { continue };
        // (register tested, bit, whether the definition goes)
        let mut test = None;
        let def = &mut b.insts[pos];
        if let MInst::AluImm {
            op: AluOp::And,
            a,
            imm,
            ..
        } = def
        {
            if imm.is_power_of_two() {
                test = Some((*a, imm.trailing_zeros() as u8, true));
            }
        } else if let MInst::Load { ty, .. } | MInst::SlotLoad { ty, .. } = def {
            if *ty == MemTy::I1 {
                *ty = MemTy::Byte;
                test = Some((t, 0, false));
            }
        } else if let MInst::DivRem {
            kind: DivKind::SRem | DivKind::URem,
            width,
            a,
            const_divisor: Some(d),
            ..
        } = def
        {
            let (k, src) = (d.trailing_zeros(), *a);
            if *d >= 2 && (*d as u64).is_power_of_two() && k + 2 <= width_bits(*width) {
                if k == 1 {
                    test = Some((src, 0, true));
                } else {
                    *def = MInst::AluImm {
                        op: AluOp::And,
                        dst: t,
                        a: src,
                        imm: (1u64 << k) - 1,
                    };
                }
            }
        }
        let Some((src, bit, remove)) = test else {
            continue;
        };
        let Some((MInst::CondBr { edges, .. } | MInst::CmpBr { edges, .. }, at)) = b.pop() else {
            continue;
        };
        if remove {
            b.remove(pos);
        }
        b.push(
            MInst::CmpBr {
                float: false,
                cond,
                a: src,
                b: CmpRhs::Bit(bit),
                edges,
            },
            at,
        );
    }
    Ok(())
}

/// Bits of an operation width.
fn width_bits(w: Width) -> u32 {
    match w {
        Width::W16 => 16,
        Width::W32 => 32,
        Width::W64 => 64,
    }
}

/// Most integer constants one function hoists (bounds the added register pressure).
pub const MAX_HOISTED: usize = 8;
/// Most float constants one function hoists (22 allocatable caller-saved float registers).
pub const MAX_HOISTED_F: usize = 16;

/// `const-hoist`.
pub fn const_hoist(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    if f.eh.is_some() || f.mir.blocks.len() < 2 {
        return Ok(());
    }
    let in_loop = loop_blocks(&f.mir);
    // (float?, value) → register, in first-seen order.
    let mut hoisted: Vec<((bool, u64), Reg)> = Vec::new();
    let mut map: FxMap<Reg, Reg> = FxMap::default();
    for (bi, b) in f.mir.blocks.iter_mut().enumerate() {
        if bi == 0 || !in_loop[bi] {
            continue;
        }
        b.retain_mut(|i| {
            let (key, dst) = match i {
                MInst::MovImm { dst, imm } => ((false, *imm), *dst),
                MInst::FMovImm { dst, bits } => ((true, *bits), *dst),
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
                | MInst::RaMove { .. } => return true,
            };
            if let Some((_, r)) = hoisted.iter().find(|(k, _)| *k == key) {
                map.insert(dst, *r);
                return false;
            }
            let max = if key.0 { MAX_HOISTED_F } else { MAX_HOISTED };
            if hoisted.iter().filter(|((fl, _), _)| *fl == key.0).count() >= max {
                return true;
            }
            hoisted.push((key, dst));
            false
        });
    }
    let entry = &mut f.mir.blocks[0];
    let at = entry.insts.len().saturating_sub(1);
    // Hoisted constants take the position of the entry block's jump (the function header).
    let pos = entry.last_pos();
    for (k, ((float, v), dst)) in hoisted.into_iter().enumerate() {
        let i = if float {
            MInst::FMovImm { dst, bits: v }
        } else {
            MInst::MovImm { dst, imm: v }
        };
        entry.insert(at + k, i, pos);
    }
    rename_uses(&mut f.mir, &map);
    Ok(())
}

/// True for instructions `tail-dup` may copy (no side tables, labels or calls).
fn duplicable(i: &MInst) -> bool {
    match i {
        MInst::MovImm { .. }
        | MInst::Mov { .. }
        | MInst::Alu { .. }
        | MInst::AluImm { .. }
        | MInst::CmpSet { .. }
        | MInst::CmpImmSet { .. }
        | MInst::RaMove { .. } => true,
        MInst::Args { .. }
        | MInst::LoadIncomingArg { .. }
        | MInst::FMovImm { .. }
        | MInst::Fpu { .. }
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

/// `tail-dup` (after register allocation and `jump-threading`).
pub fn tail_dup(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    if f.eh.is_some() {
        return Ok(());
    }
    const MAX_LEN: usize = 5;
    for b in 0..f.mir.blocks.len() {
        let Some(MInst::Jump { edges }) = f.mir.blocks[b].insts.last() else {
            continue;
        };
        let [edge] = edges.as_slice() else {
            continue;
        };
        let target = edge.block as usize;
        // A jump to the next block costs nothing (branch elision).
        if target == b || target == b + 1 {
            continue;
        }
        let Some(t) = f.mir.blocks.get(target) else {
            continue;
        };
        let ok = t.insts.len() <= MAX_LEN
            && matches!(
                t.insts.last(),
                Some(MInst::CmpBr { .. } | MInst::CondBr { .. })
            )
            && t.insts[..t.insts.len() - 1].iter().all(duplicable);
        if !ok {
            continue;
        }
        let copy = t.clone();
        let block = &mut f.mir.blocks[b];
        block.pop();
        block.append_from(&copy);
    }
    Ok(())
}

/// Target-specific MIR checks (after the generic verifier): frame objects inside the frame.
pub fn verify(f: &A64Function) -> Result<(), String> {
    target_common::verify::verify_mir(&f.mir)?;
    for b in &f.mir.blocks {
        for i in &b.insts {
            match i {
                MInst::SlotAddr { slot, .. }
                | MInst::SlotLoad { slot, .. }
                | MInst::SlotStore { slot, .. }
                    if *slot as usize >= f.slots.len() =>
                {
                    return Err(format!(
                        "{}: alloca slot {slot} outside the frame",
                        f.il_name
                    ))
                }
                MInst::RaMove { dst, src, .. } => {
                    for l in [dst, src] {
                        if let target_common::Loc::Stack(s) = l {
                            if *s >= f.mir.num_spillslots {
                                return Err(format!(
                                    "{}: spill slot {s} outside the frame",
                                    f.il_name
                                ));
                            }
                        }
                    }
                }
                MInst::StoreOutArg { off, ty, .. } if off + ty.size() > f.outgoing => {
                    return Err(format!(
                        "{}: outgoing argument at {off} outside the area",
                        f.il_name
                    ))
                }
                MInst::SlotAddr { .. } | MInst::StoreOutArg { .. } => {}
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
                | MInst::DynAlloca { .. }
                | MInst::LoadAddr { .. }
                | MInst::Call { .. }
                | MInst::Jump { .. }
                | MInst::CondBr { .. }
                | MInst::CmpBr { .. }
                | MInst::Switch { .. }
                | MInst::Ret { .. }
                | MInst::Prologue
                | MInst::Trap { .. }
                | MInst::Eh(_) => {}
            }
            if let Some(t) = trap_of(i) {
                if t as usize >= f.traps.len() {
                    return Err(format!("{}: unknown trap site {t}", f.il_name));
                }
            }
        }
    }
    Ok(())
}

fn trap_of(i: &MInst) -> Option<u32> {
    match i {
        MInst::Checked { trap, .. }
        | MInst::CheckedImm { trap, .. }
        | MInst::IdxChk { trap, .. }
        | MInst::NarrowChk { trap, .. }
        | MInst::Trap { trap, .. } => Some(*trap),
        MInst::DynAlloca { trap, arena, .. } => Some(arena.map_or(*trap, |(_, t)| t.max(*trap))),
        MInst::DivRem {
            trap_zero,
            trap_ovf,
            ..
        } => Some((*trap_zero).max(*trap_ovf)),
        MInst::FpToInt {
            trap_inv, trap_ovf, ..
        } => Some((*trap_inv).max(*trap_ovf)),
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
        | MInst::IntToFp { .. }
        | MInst::Load { .. }
        | MInst::SlotLoad { .. }
        | MInst::Store { .. }
        | MInst::SlotStore { .. }
        | MInst::LoadPair { .. }
        | MInst::StorePair { .. }
        | MInst::SlotAddr { .. }
        | MInst::LoadAddr { .. }
        | MInst::StoreOutArg { .. }
        | MInst::Call { .. }
        | MInst::Jump { .. }
        | MInst::CondBr { .. }
        | MInst::CmpBr { .. }
        | MInst::Switch { .. }
        | MInst::Ret { .. }
        | MInst::Prologue
        | MInst::Eh(_)
        | MInst::RaMove { .. } => None,
    }
}
