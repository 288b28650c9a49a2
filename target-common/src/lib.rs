//! target-common: machine-IR machinery shared by native targets.
//!
//! - [`mir`]: generic machine-IR containers ([`MirFunction`] of target instructions implementing
//!   [`MachInst`]), registers that are virtual before and physical after allocation, edges with
//!   block arguments.
//! - [`cfg`]: predecessor computation and critical-edge splitting.
//! - [`regalloc`]: the adapter that runs regalloc2 (Ion or Fastalloc) over a [`MirFunction`] and
//!   rewrites it with physical registers, spill/reload moves and no block arguments.
//! - [`passes`]: a named, switchable pass manager with optional verification and timing.
//! - [`verify`]: the target-independent MIR verifier (targets add their own checks).
//! - [`pool`]: a deterministic, deduplicating pool of read-only byte strings.

pub mod cfg;
pub mod mir;
pub mod passes;
pub mod pool;
pub mod regalloc;
pub mod verify;

pub use mir::{Edge, Loc, MachInst, MirBlock, MirFunction, Reg, RegRole};
pub use regalloc2;
