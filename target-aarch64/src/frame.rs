//! Frame lowering: after register allocation, lay out the frame and record it in the function.
//!
//! Layout (x29 = frame pointer; everything 16-byte aligned):
//! ```text
//!   [x29 + 16 ...]   incoming stack arguments
//!   [x29 + 0]        saved x29, x30
//!   [x29 - Z]        alloca slots zeroed by the prologue (entry-block allocas), in IL order
//!   ...              other alloca slots (zeroed each time their alloca executes)
//!   callee-saved     registers actually used (x19–x28, d8–d15; all of them in EH functions,
//!                    see `crate::eh`)
//!   EH area          EH functions only: the EH record, then 8-byte memory-form value slots
//!   spill slots      8 bytes each
//!   [sp + 0 ...]     outgoing stack arguments
//! ```
//! Why allocas sit right below the frame record: the reference VM gives every activation a fresh
//! zero-filled alloca arena at the same place its caller's previous callee had one. Programs that
//! (wrongly) keep a pointer to a returned callee's alloca observe that: the next sibling call wipes it.
//! Placing allocas at a fixed distance below the caller's sp and zeroing them in the prologue gives
//! the same observable result for the same alloca sequence (corpus `tests_zia_runtime_30_value_types`).
//! Frame objects are addressed from sp (positive offsets) unless the function has dynamic allocas,
//! in which case they are addressed from x29.
//!
//! `leaf-frame`: a function that makes no calls, has an empty frame, saves no registers, reads no
//! stack arguments and has no EH record or dynamic alloca gets no frame record at all (x29/x30 are
//! left untouched; its trap stubs call `vpr_trap`, which never returns).

use crate::func::{A64Function, FrameLayout};
use crate::inst::MInst;
use crate::regs::is_callee_saved;
use regalloc2::{PReg, PRegSet};
use target_common::Loc;

fn round16(n: u64) -> u64 {
    n.div_ceil(16) * 16
}

/// Compute and store the frame layout of an allocated function.
pub fn lower_frame(f: &mut A64Function, allow_leaf: bool) -> Result<(), codegen_api::CodegenError> {
    let mut used = f.mir.used_pregs();
    for b in &f.mir.blocks {
        for i in &b.insts {
            if let MInst::RaMove { dst, src, .. } = i {
                for l in [dst, src] {
                    if let Loc::Reg(p) = l {
                        used.add(*p);
                    }
                }
            }
        }
    }
    if f.eh.is_some() {
        // A trap unwinding into this frame skips the epilogues of the discarded callees, so
        // restore every callee-saved register on the way out.
        for p in crate::regs::machine_env().non_preferred_regs_by_class {
            for r in p {
                used.add(r);
            }
        }
    }
    let mut zeroed_bytes = 0u64;
    let saved_regs: Vec<PReg> = sorted(used)
        .into_iter()
        .filter(|p| is_callee_saved(*p))
        .collect();
    // Alloca slots first (prologue-zeroed ones on top), then callee-saved registers, then spills.
    let mut slot_offsets = vec![0i64; f.slots.len()];
    let mut cursor = 0u64;
    for pass_zeroed in [true, false] {
        for (i, &size) in f.slots.iter().enumerate() {
            let zeroed = f.slot_zeroed_in_prologue.get(i).copied().unwrap_or(false);
            if zeroed == pass_zeroed {
                cursor += size as u64;
                slot_offsets[i] = -(cursor as i64);
            }
        }
        if pass_zeroed {
            zeroed_bytes = cursor;
        }
    }
    let allocas = cursor;
    let cs = round16(8 * saved_regs.len() as u64);
    let saved = saved_regs
        .iter()
        .enumerate()
        .map(|(i, p)| (*p, -((allocas + 8 * (i as u64 + 1)) as i32)))
        .collect();
    let eh_size = f.eh.as_ref().map_or(0, |e| e.area_size() as u64);
    let spills = round16(8 * f.mir.num_spillslots as u64);
    cursor = allocas + cs + eh_size + spills;
    let size = cursor + f.outgoing as u64;
    if size > i32::MAX as u64 / 2 {
        return Err(codegen_api::CodegenError::Other(format!(
            "frame of @{} is too large ({size} bytes)",
            f.il_name
        )));
    }
    let leaf = allow_leaf
        && size == 0
        && saved_regs.is_empty()
        && f.eh.is_none()
        && !f.has_dyn_alloca
        && f.mir.blocks.iter().all(|b| {
            b.insts.iter().all(|i| {
                !matches!(
                    i,
                    MInst::Call { .. } | MInst::Eh(_) | MInst::LoadIncomingArg { .. }
                )
            })
        });
    f.frame = Some(FrameLayout {
        leaf,
        shrink_wrapped: false,
        size: size as u32,
        saved,
        spill_base: -((allocas + cs + eh_size) as i32),
        zeroed_bytes: zeroed_bytes as u32,
        slot_offsets: slot_offsets.into_iter().map(|o| o as i32).collect(),
        eh_base: f.eh.as_ref().map(|_| -((allocas + cs + eh_size) as i32)),
    });
    Ok(())
}

fn sorted(set: PRegSet) -> Vec<PReg> {
    let mut v: Vec<PReg> = set.into_iter().collect();
    v.sort_by_key(|p| (p.class() as u8, p.hw_enc()));
    v
}

impl FrameLayout {
    /// x29-relative offset of spill slot `i`.
    pub fn spill_offset(&self, i: usize) -> i64 {
        self.spill_base as i64 - 8 * (i as i64 + 1)
    }
}
