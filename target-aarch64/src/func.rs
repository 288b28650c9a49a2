//! The per-function container the AArch64 pipeline works on: machine IR plus the side tables that
//! lowering fills (trap sites, alloca slots, outgoing-argument area) and the frame layout computed
//! after register allocation.

use crate::inst::{MInst, MemTy};
use std::sync::Arc;
use target_common::driver::HasMir;
use target_common::long_ranges::FrameSlots;
use target_common::regalloc2::RegClass;
use target_common::{MirFunction, Reg};

/// One trap site: what `vpr_trap` is told when the check fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrapSite {
    /// Trap kind (IL-SPEC §9.1) for static sites; ignored when the code comes from a register.
    pub kind: u8,
    /// Detail text (`None` = no detail). The strings of a function's sites are shared (a huge
    /// function has one site per checked instruction, most with the same texts).
    pub detail: Option<Arc<str>>,
    /// IL function, block label and instruction index within it, where the trapping instruction
    /// was written (its `il::Inst::origin` when the inliner moved it, else its own position).
    pub func: Arc<str>,
    pub block: Arc<str>,
    pub ip: i64,
    /// `.loc` line or -1.
    pub line: i64,
    /// Source position of the trapping instruction (the stub's line-table row, `-g`).
    pub pos: target_common::SrcPos,
}

/// Frame layout (offsets relative to the frame pointer x29; locals at negative offsets).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrameLayout {
    /// No frame record (`leaf-frame`): the prologue and epilogue are empty apart from `ret`.
    pub leaf: bool,
    /// The frame is set up by `Prologue` instructions placed by `shrink-wrap`, not at entry.
    pub shrink_wrapped: bool,
    /// Bytes between x29 and sp after the prologue (multiple of 16).
    pub size: u32,
    /// Callee-saved registers and their x29-relative offsets.
    pub saved: Vec<(regalloc2::PReg, i32)>,
    /// x29-relative offset of each spill slot.
    pub spill_base: i32,
    /// x29-relative offset of each alloca slot.
    pub slot_offsets: Vec<i32>,
    /// Bytes directly below x29 that the prologue zero-fills (the prologue-zeroed alloca slots).
    pub zeroed_bytes: u32,
    /// x29-relative offset of the EH record (EH functions only; value slots follow it).
    pub eh_base: Option<i32>,
}

/// A function being compiled for AArch64.
#[derive(Clone, Debug)]
pub struct A64Function {
    pub mir: MirFunction<MInst>,
    /// Index of the function in the module (used to make local labels unique).
    pub index: usize,
    /// Assembler symbol (without the Darwin `_` prefix).
    pub symbol: String,
    /// The IL name (for trap sites).
    pub il_name: String,
    pub traps: Vec<TrapSite>,
    /// Sizes of fixed alloca slots (multiples of 16).
    pub slots: Vec<u32>,
    /// Per slot: zeroed once by the prologue (an alloca of an entry block that nothing branches
    /// back to) instead of each time the alloca executes.
    pub slot_zeroed_in_prologue: Vec<bool>,
    /// Slot of the run-time alloca byte counter (see `lower/memory.rs`), if the function has one.
    pub arena_slot: Option<u32>,
    /// Bytes of outgoing stack arguments needed by the largest call (multiple of 16).
    pub outgoing: u32,
    pub has_dyn_alloca: bool,
    /// Filled by frame lowering.
    pub frame: Option<FrameLayout>,
    /// EH facts (functions containing `eh.push` only; see `crate::eh`).
    pub eh: Option<crate::eh::EhInfo>,
    /// The IL parameters (name, type) and the IL line of the function header, for debug
    /// information (`-g`).
    pub params: Vec<(String, il::Type)>,
    pub il_line: u32,
}

impl HasMir for A64Function {
    type Inst = MInst;
    fn mir(&self) -> &MirFunction<MInst> {
        &self.mir
    }
    fn mir_mut(&mut self) -> &mut MirFunction<MInst> {
        &mut self.mir
    }
}

/// `long-ranges`' hooks: a fixed alloca slot the prologue does not zero, `SlotStore`/`SlotLoad`.
impl FrameSlots for A64Function {
    fn has_eh(&self) -> bool {
        self.eh.is_some()
    }
    fn add_slot(&mut self, bytes: u32) -> u32 {
        self.slots.push(bytes);
        self.slot_zeroed_in_prologue.push(false);
        (self.slots.len() - 1) as u32
    }
    fn slot_store(src: Reg, slot: u32, off: i64) -> MInst {
        let ty = slot_ty(src.class());
        MInst::SlotStore { ty, src, slot, off }
    }
    fn slot_load(dst: Reg, slot: u32, off: i64) -> MInst {
        let ty = slot_ty(dst.class());
        MInst::SlotLoad { ty, dst, slot, off }
    }
}

/// The memory type of one 8-byte register value of `class` in a slot.
fn slot_ty(class: RegClass) -> MemTy {
    match class {
        RegClass::Float => MemTy::F64,
        RegClass::Int | RegClass::Vector => MemTy::I64,
    }
}
