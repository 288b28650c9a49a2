//! `long-ranges`: a bound on the register allocators' liveness work (see [`long_ranges`]),
//! written against [`MachInst`] and the frame-slot hooks of [`FrameSlots`], which a target
//! implements for its function type.
//!
//! Invariants: below the bound the function is unchanged; over it, only values live into
//! [`LONG_RANGE_CAP`] blocks or more change, and each then lives only within blocks (a store to
//! its slot after its definition, a load before its first read in each other block). SSA is
//! kept: every load defines a fresh register.

use crate::analysis::visit_uses;
use crate::driver::HasMir;
use crate::mir::{MachInst, Reg, RegRole};
use codegen_api::{CodegenError, CodegenOptions};
use il::hash::FxMap;
use regalloc2::RegClass;

/// What `long-ranges` needs of a target's function besides its MIR: frame slots, and loads and
/// stores of one 8-byte register value in them.
pub trait FrameSlots: HasMir {
    /// Whether the function has exception handling (the pass leaves such functions alone: their
    /// handlers see values through the target's own EH value slots).
    fn has_eh(&self) -> bool;
    /// A new frame slot of `bytes` (a multiple of 16) that is written before it is read, so
    /// that the prologue need not zero it; returns its index.
    fn add_slot(&mut self, bytes: u32) -> u32;
    /// `[slot + off] = src` (8 bytes; `src`'s class says integer or float).
    fn slot_store(src: Reg, slot: u32, off: i64) -> Self::Inst;
    /// `dst = [slot + off]` (8 bytes; `dst`'s class says integer or float).
    fn slot_load(dst: Reg, slot: u32, off: i64) -> Self::Inst;
}

/// `long-ranges` (pre-RA, the last pass before allocation, not in EH functions): a bound on the
/// register allocator's liveness work. Every allocator's liveness is at least the number of
/// (block, live-in value) pairs, which machine-generated code can make quadratic
/// in its size with a linear text: a nest of `n` loops whose headers each define a value its
/// latch reads keeps the values of all enclosing loops live through every inner block (a
/// 4000-deep nest: 1.7-2.5 s and 540 MB in the allocator, 8000: 1.7 GB).
///
/// The pass counts those pairs the way the allocators find them, walking back from each read
/// outside the defining block to the definition, and stops counting past [`LONG_RANGE_BASE`] +
/// [`LONG_RANGE_PER_INST`] × instructions (a function with fewer blocks × values than that is not
/// walked at all). Below the bound nothing changes: the corpus never reaches it. Over it, every
/// value live into [`LONG_RANGE_CAP`] blocks or more (each walk stops there) is *demoted*: it is
/// stored to a frame slot right after its definition (at the start of its block for a block
/// parameter), and every other block that reads it loads it into a fresh value right before its
/// first read there, so it is live only within blocks.
///
/// Values left alone: those defined by a terminator or more than once, and vector values. The
/// slot is written before any read (the definition dominates its uses), so the prologue does
/// not zero it. Linear: at most the bound plus [`LONG_RANGE_CAP`] per value walk steps, plus a
/// sort of the reads.
pub fn long_ranges<F: FrameSlots>(f: &mut F, _o: &CodegenOptions) -> Result<(), CodegenError> {
    if f.has_eh() {
        return Ok(());
    }
    let (nb, nv) = (f.mir().blocks.len(), f.mir().vreg_classes.len());
    if nb < 2 {
        return Ok(());
    }
    let budget = LONG_RANGE_BASE + LONG_RANGE_PER_INST * f.mir().num_insts() as u64;
    // No span exceeds the number of blocks.
    if (nb as u64).saturating_mul(nv as u64) <= budget {
        return Ok(());
    }
    const NONE: u32 = u32::MAX;
    let mut def = vec![NONE; nv];
    let mut ok: Vec<bool> = f
        .mir()
        .vreg_classes
        .iter()
        .map(|c| *c != RegClass::Vector)
        .collect();
    let mut outside: Vec<(u32, u32)> = Vec::new();
    for (bi, b) in f.mir_mut().blocks.iter_mut().enumerate() {
        let bi = bi as u32;
        let define = |r: &Reg, term: bool, def: &mut [u32], ok: &mut [bool]| {
            if let Reg::Virt(v) = r {
                let v = v.vreg();
                if def[v] != NONE || term {
                    ok[v] = false;
                }
                def[v] = bi;
            }
        };
        for p in &b.params {
            define(p, false, &mut def, &mut ok);
        }
        for i in b.insts.iter_mut() {
            let term = i.is_term();
            i.visit_regs(&mut |r, role| match role {
                RegRole::Def | RegRole::EarlyDef | RegRole::FixedDef(_) => {
                    define(r, term, &mut def, &mut ok)
                }
                RegRole::Use | RegRole::FixedUse(_) => {
                    if let Reg::Virt(v) = r {
                        outside.push((v.vreg() as u32, bi));
                    }
                }
            });
            for r in i.edges().iter().flat_map(|e| e.args.iter()) {
                if let Reg::Virt(v) = r {
                    outside.push((v.vreg() as u32, bi));
                }
            }
        }
    }
    // (value, block) for every read outside the value's defining block (edge arguments are read
    // at the end of their block, so the value is live into that block too).
    outside.retain(|&(v, b)| def[v as usize] != NONE && def[v as usize] != b);
    outside.sort_unstable();
    outside.dedup();
    let preds = crate::cfg::predecessors(f.mir());
    let mut stamp = vec![NONE; nb];
    let mut stack: Vec<u32> = Vec::new();
    // The blocks `v` is live into, found by walking back from its reads to its definition (as
    // the allocators do), counted up to `cap`.
    let mut live_in = |v: u32, reads: &[(u32, u32)], cap: u64, stamp: &mut [u32]| -> u64 {
        let mut n = 0;
        stack.clear();
        stack.extend(reads.iter().map(|&(_, b)| b));
        while let Some(b) = stack.pop() {
            if stamp[b as usize] == v {
                continue;
            }
            stamp[b as usize] = v;
            n += 1;
            if n >= cap {
                break;
            }
            for &p in &preds[b as usize] {
                if p != def[v as usize] && stamp[p as usize] != v {
                    stack.push(p);
                }
            }
        }
        n
    };
    let groups: Vec<&[(u32, u32)]> = outside.chunk_by(|a, b| a.0 == b.0).collect();
    // Every pair, until the bound is passed.
    let mut total = 0u64;
    for g in &groups {
        total += live_in(g[0].0, g, budget - total + 1, &mut stamp);
        if total > budget {
            break;
        }
    }
    if total <= budget {
        return Ok(());
    }
    // Over the bound: every value live into LONG_RANGE_CAP blocks or more is demoted.
    stamp.fill(NONE);
    let mut off_of: Vec<u32> = vec![NONE; nv];
    let mut count = 0u32;
    for g in &groups {
        let v = g[0].0;
        if ok[v as usize] && live_in(v, g, LONG_RANGE_CAP, &mut stamp) >= LONG_RANGE_CAP {
            off_of[v as usize] = 8 * count;
            count += 1;
        }
    }
    if count == 0 {
        return Ok(());
    }
    let slot = f.add_slot((8 * count).div_ceil(16) * 16);
    let mir = f.mir_mut();
    let mut local: FxMap<usize, Reg> = FxMap::default();
    let mut reads: Vec<usize> = Vec::new();
    for bi in 0..nb {
        local.clear();
        let (insts, pos) = mir.blocks[bi].take_all();
        let mut new_insts = Vec::with_capacity(insts.len());
        let mut new_pos = Vec::with_capacity(pos.len());
        let first = pos.first().copied().unwrap_or_default();
        for p in mir.blocks[bi].params.clone() {
            if let Reg::Virt(v) = p {
                if off_of[v.vreg()] != NONE {
                    let off = i64::from(off_of[v.vreg()]);
                    new_insts.push(F::slot_store(p, slot, off));
                    new_pos.push(first);
                }
            }
        }
        for (mut i, p) in insts.into_iter().zip(pos) {
            // Reads of demoted values defined in another block come from the slot.
            reads.clear();
            let is_read = |r: &Reg| match r {
                Reg::Virt(v) => off_of[v.vreg()] != NONE && def[v.vreg()] != bi as u32,
                _ => false,
            };
            visit_uses(&mut i, &mut |r| {
                if let (true, Reg::Virt(v)) = (is_read(r), *r) {
                    reads.push(v.vreg());
                }
            });
            for &v in &reads {
                if local.contains_key(&v) {
                    continue;
                }
                let class = mir.vreg_classes[v];
                let dst = mir.new_vreg(class);
                let off = i64::from(off_of[v]);
                new_insts.push(F::slot_load(dst, slot, off));
                new_pos.push(p);
                local.insert(v, dst);
            }
            if !reads.is_empty() {
                visit_uses(&mut i, &mut |r| {
                    if let Reg::Virt(v) = r {
                        if let Some(&l) = local.get(&v.vreg()) {
                            *r = l;
                        }
                    }
                });
            }
            // A demoted value is stored right after its definition.
            let mut stores: Vec<Reg> = Vec::new();
            i.visit_regs(&mut |r, role| {
                if let (RegRole::Def | RegRole::EarlyDef | RegRole::FixedDef(_), Reg::Virt(v)) =
                    (role, *r)
                {
                    if off_of[v.vreg()] != NONE {
                        stores.push(*r);
                    }
                }
            });
            new_insts.push(i);
            new_pos.push(p);
            for src in stores {
                let Reg::Virt(v) = src else { continue };
                let off = i64::from(off_of[v.vreg()]);
                new_insts.push(F::slot_store(src, slot, off));
                new_pos.push(p);
            }
        }
        mir.blocks[bi].replace_all(new_insts, new_pos);
    }
    Ok(())
}

/// `long-ranges`: the (block, live-in value) pairs every function may have, besides
/// [`LONG_RANGE_PER_INST`] per instruction.
pub const LONG_RANGE_BASE: u64 = 1 << 21;
/// `long-ranges`: the pairs each instruction adds to the bound.
pub const LONG_RANGE_PER_INST: u64 = 64;
/// `long-ranges`: over the bound, a value live into this many blocks or more is demoted.
pub const LONG_RANGE_CAP: u64 = 256;
