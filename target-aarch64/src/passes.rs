//! Optional MIR passes, each switchable by name (`options.pass_enabled`):
//! - `const-reuse` (pre-RA): within a block, a repeated constant materialisation (`MovImm`,
//!   `FMovImm`, `LoadAddr`) reuses the earlier register.
//! - `dce` (pre-RA): removes side-effect-free instructions whose results are never used.
//! - `cmp-branch-fusion` (pre-RA): a conditional branch on an i1 made by a compare in the same
//!   block, with no other use, becomes one compare-and-branch (`cmp; b.cond`, or `cbz`/`cbnz`
//!   against 0); the compare's operands are read by the branch instead.
//! - `const-hoist` (pre-RA, not in EH functions): integer and float constants materialised inside
//!   loops (blocks on a CFG cycle) are materialised once in the entry block instead (at most
//!   [`MAX_HOISTED`] integer and [`MAX_HOISTED_F`] float values per function; equal values share one
//!   register).
//! - `fcmp-zero` (pre-RA, with `cmp-branch-fusion`): a fused float compare against the constant
//!   ±0.0 uses `fcmp a, #0.0` (IEEE compares treat both zeros alike).
//! - `redundant-moves` (post-RA): removes moves whose source and destination coincide.
//! - `jump-threading` (post-RA): an edge into a block that only jumps (e.g. a split critical edge
//!   that needed no moves) goes straight to that jump's target.
//! - `tail-dup` (post-RA, not in EH functions): a jump to a short block ending in a conditional
//!   branch (typically a loop header) is replaced by a copy of that block, so a loop's back edge
//!   costs no extra `b`.
//!
//! - `shrink-wrap` (post-RA, last): see [`crate::shrink_wrap`].
//!
//! `branch-elision` (omit a jump to the next block) is applied by the emitter.

use crate::func::A64Function;
use crate::inst::{CmpRhs, MInst};
use codegen_api::{CodegenError, CodegenOptions};
use std::collections::HashMap;
use target_common::{MachInst, Reg, RegRole};

pub const PASS_NAMES: &[&str] = &[
    "const-reuse",
    "dce",
    "cmp-branch-fusion",
    "redundant-moves",
    "jump-threading",
    "const-hoist",
    "tail-dup",
    "branch-elision",
    "leaf-frame",
    "fp-cvt-range",
    "fcmp-zero",
    "shrink-wrap",
    "switch-tree",
];

fn rename_uses(f: &mut A64Function, map: &HashMap<Reg, Reg>) {
    if map.is_empty() {
        return;
    }
    for b in &mut f.mir.blocks {
        for i in &mut b.insts {
            i.visit_regs(&mut |r, role| {
                if matches!(role, RegRole::Use | RegRole::FixedUse(_)) {
                    if let Some(n) = map.get(r) {
                        *r = *n;
                    }
                }
            });
            for e in i.edges_mut() {
                for a in &mut e.args {
                    if let Some(n) = map.get(a) {
                        *a = *n;
                    }
                }
            }
        }
    }
}

/// `const-reuse`.
pub fn const_reuse(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    let mut map: HashMap<Reg, Reg> = HashMap::new();
    for b in &mut f.mir.blocks {
        let mut seen: Vec<(MInst, Reg)> = Vec::new();
        b.insts.retain(|i| {
            let (key, dst) = match i {
                MInst::MovImm { dst, imm } => (
                    MInst::MovImm {
                        dst: Reg::Phys(crate::regs::xreg(0)),
                        imm: *imm,
                    },
                    *dst,
                ),
                MInst::FMovImm { dst, bits } => (
                    MInst::FMovImm {
                        dst: Reg::Phys(crate::regs::dreg(0)),
                        bits: *bits,
                    },
                    *dst,
                ),
                MInst::LoadAddr { dst, sym } => (
                    MInst::LoadAddr {
                        dst: Reg::Phys(crate::regs::xreg(0)),
                        sym: sym.clone(),
                    },
                    *dst,
                ),
                _ => return true,
            };
            if let Some((_, r)) = seen.iter().find(|(k, _)| *k == key) {
                map.insert(dst, *r);
                false
            } else {
                seen.push((key, dst));
                true
            }
        });
    }
    rename_uses(f, &map);
    Ok(())
}

/// `dce`.
pub fn dce(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    loop {
        let mut used = vec![false; f.mir.vreg_classes.len()];
        let mut mark = |r: &Reg| {
            if let Reg::Virt(v) = r {
                if let Some(u) = used.get_mut(v.vreg()) {
                    *u = true;
                }
            }
        };
        for b in &mut f.mir.blocks {
            for i in &mut b.insts {
                i.visit_regs(&mut |r, role| {
                    if matches!(role, RegRole::Use | RegRole::FixedUse(_)) {
                        mark(r);
                    }
                });
                for e in i.edges() {
                    e.args.iter().for_each(&mut mark);
                }
            }
        }
        let mut removed = false;
        for b in &mut f.mir.blocks {
            b.insts.retain_mut(|i| {
                if !i.is_pure() {
                    return true;
                }
                let mut live = false;
                i.visit_regs(&mut |r, role| {
                    if matches!(
                        role,
                        RegRole::Def | RegRole::EarlyDef | RegRole::FixedDef(_)
                    ) {
                        match r {
                            Reg::Virt(v) => live |= used.get(v.vreg()).copied().unwrap_or(true),
                            Reg::Phys(_) => live = true,
                        }
                    }
                });
                if !live {
                    removed = true;
                }
                live
            });
        }
        if !removed {
            return Ok(());
        }
    }
}

/// Number of reads of every virtual register (operands and edge arguments).
fn use_counts(f: &mut A64Function) -> Vec<u32> {
    let mut n = vec![0u32; f.mir.vreg_classes.len()];
    let mut count = |r: &Reg| {
        if let Reg::Virt(v) = r {
            if let Some(c) = n.get_mut(v.vreg()) {
                *c += 1;
            }
        }
    };
    for b in &mut f.mir.blocks {
        for i in &mut b.insts {
            i.visit_regs(&mut |r, role| {
                if matches!(role, RegRole::Use | RegRole::FixedUse(_)) {
                    count(r);
                }
            });
            for e in i.edges() {
                e.args.iter().for_each(&mut count);
            }
        }
    }
    n
}

/// `cmp-branch-fusion` (and `fcmp-zero`).
pub fn cmp_branch_fusion(f: &mut A64Function, o: &CodegenOptions) -> Result<(), CodegenError> {
    let uses = use_counts(f);
    // Float vregs defined by a ±0.0 constant (SSA: the only definition).
    let mut fzero = vec![false; f.mir.vreg_classes.len()];
    if o.pass_enabled("fcmp-zero") {
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
            _ => continue,
        };
        let Some(MInst::CondBr { edges, .. }) = b.insts.pop() else {
            continue;
        };
        b.insts.remove(pos);
        b.insts.push(MInst::CmpBr {
            float,
            cond: cc,
            a,
            b: rhs,
            edges,
        });
    }
    Ok(())
}

/// `jump-threading` (after register allocation: edges carry no arguments).
pub fn jump_threading(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    let n = f.mir.blocks.len();
    let forward: Vec<Option<u32>> = f
        .mir
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| match b.insts.as_slice() {
            [MInst::Jump { edges }] if i > 0 && edges.len() == 1 && edges[0].args.is_empty() => {
                Some(edges[0].block)
            }
            _ => None,
        })
        .collect();
    let resolve = |mut t: u32| {
        // Bounded: a cycle of jump-only blocks is an infinite loop wherever it is entered.
        for _ in 0..n {
            match forward.get(t as usize) {
                Some(Some(next)) => t = *next,
                _ => break,
            }
        }
        t
    };
    for b in &mut f.mir.blocks {
        if let Some(term) = b.insts.last_mut() {
            for e in term.edges_mut() {
                e.block = resolve(e.block);
            }
        }
    }
    Ok(())
}

/// Most integer constants one function hoists (bounds the added register pressure).
pub const MAX_HOISTED: usize = 8;
/// Most float constants one function hoists (22 allocatable caller-saved float registers).
pub const MAX_HOISTED_F: usize = 16;

/// Blocks that lie on a CFG cycle (bodies of the natural loops of DFS back edges).
fn loop_blocks(f: &A64Function) -> Vec<bool> {
    let blocks = &f.mir.blocks;
    let n = blocks.len();
    let succs = |b: usize| -> Vec<usize> {
        blocks[b]
            .insts
            .last()
            .map(|t| t.edges().iter().map(|e| e.block as usize).collect())
            .unwrap_or_default()
    };
    let preds = target_common::cfg::predecessors(&f.mir);
    // Iterative DFS: 0 = unvisited, 1 = on the stack, 2 = done.
    let mut state = vec![0u8; n];
    let mut back = Vec::new();
    let mut stack: Vec<(usize, Vec<usize>, usize)> = Vec::new();
    if n > 0 {
        state[0] = 1;
        stack.push((0, succs(0), 0));
    }
    while let Some((b, ss, k)) = stack.last_mut() {
        if let Some(&s) = ss.get(*k) {
            *k += 1;
            let from = *b;
            if s < n {
                match state[s] {
                    0 => {
                        state[s] = 1;
                        let next = succs(s);
                        stack.push((s, next, 0));
                    }
                    1 => back.push((from, s)),
                    _ => {}
                }
            }
        } else {
            state[*b] = 2;
            stack.pop();
        }
    }
    let mut in_loop = vec![false; n];
    for (tail, head) in back {
        in_loop[head] = true;
        let mut work = vec![tail];
        while let Some(b) = work.pop() {
            if in_loop[b] && b != tail {
                continue;
            }
            in_loop[b] = true;
            if b == head {
                continue;
            }
            for &p in preds.get(b).map(|v| v.as_slice()).unwrap_or(&[]) {
                if !in_loop[p as usize] {
                    work.push(p as usize);
                }
            }
        }
    }
    in_loop
}

/// `const-hoist`.
pub fn const_hoist(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    if f.eh.is_some() || f.mir.blocks.len() < 2 {
        return Ok(());
    }
    let in_loop = loop_blocks(f);
    // (float?, value) → register, in first-seen order.
    let mut hoisted: Vec<((bool, u64), Reg)> = Vec::new();
    let mut map: HashMap<Reg, Reg> = HashMap::new();
    for (bi, b) in f.mir.blocks.iter_mut().enumerate() {
        if bi == 0 || !in_loop[bi] {
            continue;
        }
        b.insts.retain(|i| {
            let (key, dst) = match i {
                MInst::MovImm { dst, imm } => ((false, *imm), *dst),
                MInst::FMovImm { dst, bits } => ((true, *bits), *dst),
                _ => return true,
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
    let entry = &mut f.mir.blocks[0].insts;
    let at = entry.len().saturating_sub(1);
    for (k, ((float, v), dst)) in hoisted.into_iter().enumerate() {
        let i = if float {
            MInst::FMovImm { dst, bits: v }
        } else {
            MInst::MovImm { dst, imm: v }
        };
        entry.insert(at + k, i);
    }
    rename_uses(f, &map);
    Ok(())
}

/// True for instructions `tail-dup` may copy (no side tables, labels or calls).
fn duplicable(i: &MInst) -> bool {
    matches!(
        i,
        MInst::MovImm { .. }
            | MInst::Mov { .. }
            | MInst::Alu { .. }
            | MInst::AluImm { .. }
            | MInst::CmpSet { .. }
            | MInst::CmpImmSet { .. }
            | MInst::RaMove { .. }
    )
}

/// `tail-dup` (after register allocation and `jump-threading`).
pub fn tail_dup(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    if f.eh.is_some() {
        return Ok(());
    }
    const MAX_LEN: usize = 5;
    for b in 0..f.mir.blocks.len() {
        let target = match f.mir.blocks[b].insts.last() {
            Some(MInst::Jump { edges }) if edges.len() == 1 => edges[0].block as usize,
            _ => continue,
        };
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
        let copy = t.insts.clone();
        let insts = &mut f.mir.blocks[b].insts;
        insts.pop();
        insts.extend(copy);
    }
    Ok(())
}

/// `redundant-moves`.
pub fn redundant_moves(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    for b in &mut f.mir.blocks {
        b.insts.retain(|i| !i.is_nop_move());
    }
    Ok(())
}

/// Target-specific MIR checks (after the generic verifier): frame objects inside the frame.
pub fn verify(f: &A64Function) -> Result<(), String> {
    target_common::verify::verify_mir(&f.mir)?;
    for b in &f.mir.blocks {
        for i in &b.insts {
            match i {
                MInst::SlotAddr { slot, .. } if *slot as usize >= f.slots.len() => {
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
                _ => {}
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
        _ => None,
    }
}
