//! Native structured error handling (IL-SPEC §7.10, RUNTIME-ABI §1.8): data layout shared with
//! `runtime/src/eh.c`, the per-function EH facts, and the EH pseudo-instructions ([`EhInst`]).
//!
//! Mechanism (see `docs/eh.md`):
//! - Zero cost for functions without `eh.push`. A function with `eh.push` ("EH function") owns an
//!   *EH record* in its frame ([`rec`] offsets) that its prologue links into the runtime's
//!   chain `vpr_eh_top` and every `ret` unlinks. The chain is per thread on Linux (a C
//!   `_Thread_local`, reached with the initial-exec sequence `Asm::tls_addr`), process-wide on
//!   Darwin. The record holds the saved sp/x29, the address of
//!   the function's landing pad, a pointer to its static site table (ip, line per site), the
//!   current site index, the handler stack (a ring of `cap` handler indices plus an unbounded
//!   depth counter, so the VM's "resume keeps the handler" semantics never overflows) and the
//!   error record `{kind, code, ip, line, msg}` that `%err` points to.
//! - A trap (`vpr_trap` or any runtime trap) reaches `rt__raise`, whose hook (`vpr_eh_deliver`)
//!   walks the chain to the first record with a non-empty handler stack, fills its error record,
//!   restores sp/x29 and branches to the landing pad, which dispatches on the top handler index.
//! - Every value that must survive a trap lives in memory ("memory form", [`EhInst::LoadVal`] /
//!   [`EhInst::StoreVal`]); the landing pad is an explicit CFG successor of the entry block
//!   ([`EhInst::EntryJump`], never taken) and resume points are MIR block starts reached from
//!   `Switch` dispatchers, so regalloc2 sees every control transfer. EH functions save all
//!   callee-saved registers because discarded callee frames never restore theirs.
//!
//! Scratch registers of the expansions: x16, x17 and (only in [`EhInst::Enter`]) x30, which is
//! dead in a function body between calls (the prologue saved it).

pub mod emit;

use std::fmt;
use target_common::{Edge, Reg, RegRole};

/// Byte offsets inside the EH record (must match `struct vpr_eh_record` in runtime/src/eh.c).
pub mod rec {
    pub const PREV: i64 = 0;
    pub const SP: i64 = 8;
    pub const FP: i64 = 16;
    pub const LANDING: i64 = 24;
    pub const SITES: i64 = 32;
    pub const SITE: i64 = 40;
    pub const DEPTH: i64 = 48;
    /// The site of the trap being handled (copied from `SITE` on delivery; resume dispatch reads
    /// it, since code in the handler overwrites `SITE`).
    pub const FAULT: i64 = 56;
    /// The error record `%err` points to: {i32 kind, i32 code, i64 ip, i32 line, i32 pad, msg}.
    pub const ERR: i64 = 64;
    pub const HANDLERS: i64 = 96;
    /// Offsets inside the error record.
    pub const ERR_KIND: i64 = 0;
    pub const ERR_CODE: i64 = 4;
    pub const ERR_IP: i64 = 8;
    pub const ERR_LINE: i64 = 16;
    /// Record size for a handler ring of `cap` entries (multiple of 16).
    pub fn size(cap: u32) -> u32 {
        (HANDLERS as u32 + 8 * cap).div_ceil(16) * 16
    }
}

/// Runtime symbols used by EH code.
pub const SYM_TOP: &str = "vpr_eh_top";
pub const SYM_TRAP_KIND: &str = "vpr_eh_trap_kind";
pub const SYM_ERROR_NEW: &str = "vpr_eh_error_new";

/// EH facts of one function, filled by lowering and read by frame lowering and emission.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EhInfo {
    /// Handler ring capacity (power of two ≥ 2).
    pub cap: u32,
    /// Number of 8-byte memory-form value slots.
    pub value_slots: u32,
    /// Static site table: (ip, line) per site index.
    pub sites: Vec<(i64, i64)>,
    /// Zero the value slots on entry (the function uses `resume.next`, whose skipped result must
    /// read as 0 deterministically).
    pub zero_values: bool,
}

impl EhInfo {
    /// Bytes of the EH area (record + value slots), a multiple of 16.
    pub fn area_size(&self) -> u32 {
        rec::size(self.cap) + (8 * self.value_slots).div_ceil(16) * 16
    }
}

/// EH pseudo-instructions (wrapped by `MInst::Eh`).
#[derive(Clone, Debug, PartialEq)]
pub enum EhInst {
    /// Link the record into `vpr_eh_top` and initialise it (entry block, after the arguments).
    Enter,
    /// Entry-block terminator: jump to `edges[0]`; `edges[1]` is the landing pad (never taken,
    /// keeps the pad visible to the allocator).
    EntryJump {
        edges: Vec<Edge>,
    },
    /// Record the site index of the next potentially trapping instruction.
    SetSite(u32),
    /// `eh.push`: push handler index `h`.
    Push(u32),
    /// `eh.pop` (no-op when the stack is empty).
    Pop,
    /// `dst` = the top handler index (landing pad).
    TopHandler {
        dst: Reg,
    },
    /// `dst` = the site index of the trap being handled (resume dispatch).
    LoadSite {
        dst: Reg,
    },
    /// `dst` = address of the record + `off`.
    RecordAddr {
        dst: Reg,
        off: i64,
    },
    /// Memory form: load / store value slot `slot` (8 bytes, any class).
    LoadVal {
        dst: Reg,
        slot: u32,
    },
    StoreVal {
        src: Reg,
        slot: u32,
    },
    /// Record the current sp (after a dynamic alloca) so a landing keeps the allocation.
    SaveSp,
}

impl EhInst {
    pub fn visit_regs(&mut self, f: &mut dyn FnMut(&mut Reg, RegRole)) {
        match self {
            EhInst::TopHandler { dst }
            | EhInst::LoadSite { dst }
            | EhInst::RecordAddr { dst, .. }
            | EhInst::LoadVal { dst, .. } => f(dst, RegRole::Def),
            EhInst::StoreVal { src, .. } => f(src, RegRole::Use),
            EhInst::Enter
            | EhInst::EntryJump { .. }
            | EhInst::SetSite(_)
            | EhInst::Push(_)
            | EhInst::Pop
            | EhInst::SaveSp => {}
        }
    }
    pub fn is_term(&self) -> bool {
        matches!(self, EhInst::EntryJump { .. })
    }
    pub fn edges(&self) -> &[Edge] {
        match self {
            EhInst::EntryJump { edges } => edges,
            EhInst::Enter
            | EhInst::SetSite(_)
            | EhInst::Push(_)
            | EhInst::Pop
            | EhInst::TopHandler { .. }
            | EhInst::LoadSite { .. }
            | EhInst::RecordAddr { .. }
            | EhInst::LoadVal { .. }
            | EhInst::StoreVal { .. }
            | EhInst::SaveSp => &[],
        }
    }
    pub fn edges_mut(&mut self) -> &mut [Edge] {
        match self {
            EhInst::EntryJump { edges } => edges,
            EhInst::Enter
            | EhInst::SetSite(_)
            | EhInst::Push(_)
            | EhInst::Pop
            | EhInst::TopHandler { .. }
            | EhInst::LoadSite { .. }
            | EhInst::RecordAddr { .. }
            | EhInst::LoadVal { .. }
            | EhInst::StoreVal { .. }
            | EhInst::SaveSp => &mut [],
        }
    }
    /// True if the instruction only defines its register (dead-code eliminable).
    pub fn is_pure(&self) -> bool {
        matches!(
            self,
            EhInst::LoadVal { .. } | EhInst::RecordAddr { .. } | EhInst::LoadSite { .. }
        )
    }
}

impl fmt::Display for EhInst {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EhInst::Enter => write!(f, "eh_enter"),
            EhInst::EntryJump { .. } => write!(f, "eh_entry_jump"),
            EhInst::SetSite(s) => write!(f, "eh_site #{s}"),
            EhInst::Push(h) => write!(f, "eh_push h{h}"),
            EhInst::Pop => write!(f, "eh_pop"),
            EhInst::TopHandler { .. } => write!(f, "eh_top_handler"),
            EhInst::LoadSite { .. } => write!(f, "eh_load_site"),
            EhInst::RecordAddr { off, .. } => write!(f, "eh_record_addr +{off}"),
            EhInst::LoadVal { slot, .. } => write!(f, "eh_load_val #{slot}"),
            EhInst::StoreVal { slot, .. } => write!(f, "eh_store_val #{slot}"),
            EhInst::SaveSp => write!(f, "eh_save_sp"),
        }
    }
}
