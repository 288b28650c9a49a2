//! `shrink-wrap` (post-RA, after frame lowering): a function whose early-exit paths need no frame
//! (e.g. the base case of a recursive function) sets its frame up only on the paths that need it.
//!
//! A block is *frameless* if it makes no call, touches no stack memory (spill slots, allocas,
//! stack arguments, outgoing arguments) and reads or writes no callee-saved register. The region
//! `R` is the set of frameless blocks reachable from the entry through frameless blocks, shrunk
//! until no block of `R` has a predecessor outside `R` (so code in `R` only ever runs before the
//! frame exists). Every edge leaving `R` goes through a new block `[Prologue; b target]` placed
//! right before its target, and returns inside `R` become bare `ret`s (`Ret { frameless }`).
//! Trap stubs reached from `R` call `vpr_trap`, which never returns, as in leaf functions.
//!
//! Not applied to EH functions, functions with dynamic allocas, leaf frames, or when `R` has no
//! return (nothing would be saved).

use crate::func::A64Function;
use crate::inst::MInst;
use crate::regs::is_callee_saved;
use codegen_api::{CodegenError, CodegenOptions};
use target_common::analysis::successors;
use target_common::{Edge, Loc, MachInst, MirBlock, Reg};

/// True if `i` can run before the frame is set up.
fn frameless_inst(i: &mut MInst) -> bool {
    match i {
        MInst::Call { .. }
        | MInst::Eh(_)
        | MInst::LoadIncomingArg { .. }
        | MInst::SlotAddr { .. }
        | MInst::SlotLoad { .. }
        | MInst::SlotStore { .. }
        | MInst::DynAlloca { .. }
        | MInst::StoreOutArg { .. }
        | MInst::Prologue => return false,
        MInst::RaMove { dst, src, .. } => {
            return [dst, src].iter().all(|l| match l {
                Loc::Reg(p) => !is_callee_saved(*p),
                Loc::Stack(_) => false,
            })
        }
        MInst::Args { .. }
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
        | MInst::Store { .. }
        | MInst::LoadPair { .. }
        | MInst::StorePair { .. }
        | MInst::LoadAddr { .. }
        | MInst::Jump { .. }
        | MInst::CondBr { .. }
        | MInst::CmpBr { .. }
        | MInst::Switch { .. }
        | MInst::Ret { .. }
        | MInst::Trap { .. } => {}
    }
    let mut ok = true;
    i.visit_regs(&mut |r, _| match r {
        Reg::Phys(p) => ok &= !is_callee_saved(*p),
        Reg::Virt(_) => ok = false,
    });
    ok
}

/// `shrink-wrap`.
pub fn shrink_wrap(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    let Some(frame) = &f.frame else {
        return Ok(());
    };
    if frame.leaf || frame.shrink_wrapped || f.eh.is_some() || f.has_dyn_alloca {
        return Ok(());
    }
    let n = f.mir.blocks.len();
    let ok: Vec<bool> = f
        .mir
        .blocks
        .iter_mut()
        .map(|b| b.insts.iter_mut().all(frameless_inst))
        .collect();
    if n < 2 || !ok[0] {
        return Ok(());
    }
    let mut in_r = vec![false; n];
    in_r[0] = true;
    let mut work = vec![0usize];
    while let Some(b) = work.pop() {
        for s in successors(&f.mir, b) {
            if s < n && ok[s] && !in_r[s] {
                in_r[s] = true;
                work.push(s);
            }
        }
    }
    let preds = target_common::cfg::predecessors(&f.mir);
    loop {
        let mut changed = false;
        for b in 1..n {
            let outside = preds
                .get(b)
                .is_some_and(|ps| ps.iter().any(|&p| !in_r[p as usize]));
            if in_r[b] && outside {
                in_r[b] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let has_ret = |b: &MirBlock<MInst>| matches!(b.insts.last(), Some(MInst::Ret { .. }));
    let r_ret = (0..n).any(|b| in_r[b] && has_ret(&f.mir.blocks[b]));
    if !r_ret || in_r.iter().all(|&x| x) {
        return Ok(());
    }
    // Targets of edges leaving R each get a prologue block placed right before them.
    let mut entered = vec![false; n];
    for b in 0..n {
        if in_r[b] {
            for s in successors(&f.mir, b) {
                if s < n && !in_r[s] {
                    entered[s] = true;
                }
            }
        }
    }
    // New numbering: old block `b` moves to `new_idx[b]`; its prologue block (if any) precedes it.
    let mut new_idx = vec![0u32; n];
    let mut next = 0u32;
    for b in 0..n {
        if entered[b] {
            next += 1;
        }
        new_idx[b] = next;
        next += 1;
    }
    let old = std::mem::take(&mut f.mir.blocks);
    for (b, mut blk) in old.into_iter().enumerate() {
        if entered[b] {
            // The prologue block takes the position of the block it enters.
            let pos = blk.pos_at(0);
            let mut pro = MirBlock::new(format!("{}.prologue", blk.name));
            pro.push(MInst::Prologue, pos);
            pro.push(
                MInst::Jump {
                    edges: vec![Edge::new(new_idx[b], Vec::new())],
                },
                pos,
            );
            f.mir.blocks.push(pro);
        }
        if let Some(t) = blk.insts.last_mut() {
            for e in t.edges_mut() {
                let s = e.block as usize;
                if s < n {
                    let via_prologue = in_r[b] && entered[s];
                    e.block = new_idx[s] - via_prologue as u32;
                }
            }
            if in_r[b] {
                if let MInst::Ret { frameless, .. } = t {
                    *frameless = true;
                }
            }
        }
        f.mir.blocks.push(blk);
    }
    if let Some(fr) = &mut f.frame {
        fr.shrink_wrapped = true;
    }
    Ok(())
}
