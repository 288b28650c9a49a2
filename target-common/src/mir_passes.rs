//! Target-independent MIR passes, written against [`MachInst`] only; a target registers them
//! under its own pass names (`target_common::driver::Passes::add`).
//!
//! - [`dce`] (pre-RA): removes pure instructions ([`MachInst::is_pure`]) whose results are never
//!   read, to a fixed point.
//! - [`redundant_moves`] (post-RA): removes moves whose source and destination coincide.
//! - [`jump_threading`] (post-RA: edges carry no arguments): an edge into a block that only jumps
//!   goes straight to that jump's target.

use crate::driver::HasMir;
use crate::mir::{MachInst, Reg, RegRole};
use codegen_api::{CodegenError, CodegenOptions};

/// `dce`.
pub fn dce<F: HasMir>(f: &mut F, _o: &CodegenOptions) -> Result<(), CodegenError> {
    let f = f.mir_mut();
    loop {
        let mut used = vec![false; f.vreg_classes.len()];
        let mut mark = |r: &Reg| {
            if let Reg::Virt(v) = r {
                if let Some(u) = used.get_mut(v.vreg()) {
                    *u = true;
                }
            }
        };
        for b in &mut f.blocks {
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
        for b in &mut f.blocks {
            b.retain_mut(|i| {
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

/// `redundant-moves`.
pub fn redundant_moves<F: HasMir>(f: &mut F, _o: &CodegenOptions) -> Result<(), CodegenError> {
    for b in &mut f.mir_mut().blocks {
        b.retain_mut(|i| !i.is_nop_move());
    }
    Ok(())
}

/// `jump-threading` (after register allocation: edges carry no arguments).
pub fn jump_threading<F: HasMir>(f: &mut F, _o: &CodegenOptions) -> Result<(), CodegenError> {
    let f = f.mir_mut();
    let n = f.blocks.len();
    let forward: Vec<Option<u32>> = f
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| match b.insts.as_slice() {
            [j] if i > 0 && j.is_jump() && j.edges().len() == 1 && j.edges()[0].args.is_empty() => {
                Some(j.edges()[0].block)
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
    for b in &mut f.blocks {
        if let Some(term) = b.insts.last_mut() {
            for e in term.edges_mut() {
                e.block = resolve(e.block);
            }
        }
    }
    Ok(())
}
