//! target-common: machine-IR machinery shared by native targets.
//!
//! - [`driver`]: the pipeline every native target runs (lowering → passes → allocation → frame →
//!   passes → emission), parallel and deterministic, with the target plugged in as a
//!   [`driver::Backend`].
//! - [`eh_plan`]: the IL-level plan of a function's error handling (handlers, value slots).
//! - [`mir`]: generic machine-IR containers ([`MirFunction`] of target instructions implementing
//!   [`MachInst`]), registers that are virtual before and physical after allocation, edges with
//!   block arguments.
//! - [`cfg`]: predecessor computation and critical-edge splitting.
//! - [`debug`]: debug information in the assembly text (`-g`): `.file`/`.loc` rows and the
//!   function-information comments, written by emitters and read back by assemblers.
//! - [`regalloc`]: the adapter that runs regalloc2 (Ion or Fastalloc) over a [`MirFunction`] and
//!   rewrites it with physical registers, spill/reload moves and no block arguments; the
//!   allocator choice (`regalloc2`/`fast`, Ion → Fastalloc for huge functions) for any target.
//! - [`pass_manager`]: a named, switchable pass manager with optional verification and timing.
//! - [`analysis`]: successors, use counts, loop blocks, use renaming.
//! - [`mir_passes`]: target-independent passes (`dce`, `redundant-moves`, `jump-threading`).
//! - [`long_ranges`]: the `long-ranges` pass (values live into very many blocks go through a
//!   frame slot), through the frame-slot hooks of [`long_ranges::FrameSlots`].
//! - [`verify`]: the target-independent MIR verifier (targets add their own checks).
//! - [`names`]: assembler symbols of a module's functions and of the C functions it calls.
//! - [`object`]: the machine-code buffer (sections, labels, fixups, branch relaxation and
//!   veneers) and the ELF/Mach-O object writer.
//! - [`pool`]: a deterministic, deduplicating pool of read-only byte strings.

pub mod analysis;
pub mod cfg;
pub mod debug;
pub mod driver;
pub mod eh_plan;
pub mod il_opt;
pub mod long_ranges;
pub mod mir;
pub mod mir_passes;
pub mod names;
pub mod object;
pub mod pass_manager;
pub mod pool;
pub mod regalloc;
pub mod verify;

pub use mir::{Edge, Loc, MachInst, MirBlock, MirFunction, Reg, RegRole, SrcPos};
pub use regalloc2;
