//! viper-il: the Viper IL data model, text reader, printer and verifier.
//!
//! Pipeline position: IL text → [`parse`] → [`Module`] → [`verify`] → targets.
//!
//! Public contract used by the rest of the workspace:
//! - [`parse(src, file_name)`](parse) returns the module or every error found (located diagnostics).
//! - [`verify(&module)`](verify) checks the IL-SPEC §8 rules and returns every error found.
//! - [`print(&module)`](print) writes canonical IL text; parse → print → parse yields an equal module.
//! - [`opcode`] is the one table of IL opcode facts (spelling, result rule, terminator, effects,
//!   traps); every match over [`Opcode`] in the workspace is exhaustive.
//! - [`runtime_sigs`] is the one table of known runtime functions (IL name → C symbol, signature).

pub mod diag;
pub mod hash;
pub mod index;
pub mod module;
pub mod name;
pub mod opcode;
pub mod parse;
pub mod print;
pub mod runtime_sigs;
pub mod verify;

pub use diag::{Diagnostic, Diagnostics, Severity};
pub use index::ModuleIndex;
pub use module::*;
pub use opcode::{Effect, OpInfo, ResultRule, TargetRule, TrapKind, Traps, ALL_OPCODES};
pub use parse::parse;
pub use print::print;
pub use verify::verify;
