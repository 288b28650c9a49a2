//! codegen-api: the contract between the Viper driver and code-generation targets.
//!
//! A target is a value implementing [`Target`], registered with [`inventory::submit!`] as a
//! [`TargetRegistration`]; the CLI discovers every registered target through [`registry`] without
//! naming any of them, so a third-party crate that is linked into the binary adds a target with no
//! change here. Inside a target the pipeline is split along the traits [`Lowering`] (IL → machine IR),
//! [`RegAlloc`] (virtual → physical registers) and [`Emitter`] (machine IR → assembly text); they are
//! generic over the target's machine-IR function type so each stays object-safe for that type.
//!
//! Shared utilities every target needs live here too: [`parallel_copy`] (sequencing simultaneous
//! moves), [`labels`] (the one symbol sanitizer), [`objfmt`] (ELF vs Mach-O spellings), [`link`] (toolchain discovery, assembling,
//! linking and running) and [`memory`] (releasing a huge function's freed memory).

pub mod error;
pub mod labels;
pub mod link;
pub mod memory;
pub mod objfmt;
pub mod options;
pub mod parallel_copy;
pub mod registry;
pub mod target;

pub use error::CodegenError;
pub use objfmt::{ObjectFormat, SectionKind};
pub use options::{CodegenOptions, DebugInfo, OptLevel, PassSetting, TargetOs};
pub use registry::{find_target, registry, TargetRegistration};
pub use target::{
    Emitter, Lowering, PassInfo, PassStage, RegAlloc, SettingInfo, Target, TargetInfo,
};

pub use inventory;
