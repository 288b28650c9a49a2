//! IL → IL optimisation over a whole module, run by the driver before any function is lowered
//! (stage `PassStage::Il`; each pass switchable by name like the MIR passes, listed in the
//! target's `TargetInfo::passes` and registered with `driver::Passes::add_il`).
//!
//! Passes:
//! - `bool-fold` ([`bool_fold`]): a truth value narrowed back from its integer form
//!   (`trunc1 (isub.ovf 0, zext1 c)`, BASIC's conditions) is read as `c`.
//! - `inline` ([`inline`]): direct calls to small, non-recursive module functions (and to
//!   functions called from one place, up to a larger budget) are replaced by a copy of the
//!   callee's body.
//!
//! Invariants every pass keeps:
//! - The result verifies (`il::verify`) whenever the input did, and runs with the same observable
//!   behaviour (output, exit code, trap message).
//! - The module keeps the same functions, in the same order, with the same names and signatures,
//!   and the same symbols, externs and globals: module-wide facts computed from the input
//!   (symbol names, the module index, address-taken functions) stay valid for the result.
//! - An instruction moved away from where it was written carries that position in
//!   `il::Inst::origin` (function, block label, index), so trap messages and error records name
//!   the position the VM would report; its `.loc` and span are its own.

pub mod bool_fold;
pub mod inline;

use crate::pass_manager::Timings;
use codegen_api::{CodegenError, CodegenOptions, PassInfo};

/// An IL pass: the module it is given, transformed or as it was. A pass that changes nothing
/// hands its input back untouched (so a borrowed module with nothing to transform is never
/// copied: on a huge function the copy was the IL twice); one that changes a borrowed module
/// copies it first ([`std::borrow::Cow::into_owned`]), and an owned module (the driver's, once
/// the CLI has handed it over) is changed in place, never copied.
pub type IlPass = for<'m> fn(
    std::borrow::Cow<'m, il::Module>,
    &CodegenOptions,
) -> Result<std::borrow::Cow<'m, il::Module>, CodegenError>;

/// The IL passes of a target, in registration order.
#[derive(Default)]
pub struct IlPasses {
    passes: Vec<(&'static PassInfo, IlPass)>,
}

impl IlPasses {
    pub fn add(&mut self, info: &'static PassInfo, run: IlPass) {
        self.passes.push((info, run));
    }
    pub fn names(&self) -> Vec<&'static str> {
        self.passes.iter().map(|(i, _)| i.name).collect()
    }
    /// Run every enabled pass in order, each over the previous one's result (still borrowed
    /// when no pass changed a borrowed module).
    pub fn run<'m>(
        &self,
        module: std::borrow::Cow<'m, il::Module>,
        options: &CodegenOptions,
        timings: &mut Timings,
    ) -> Result<std::borrow::Cow<'m, il::Module>, CodegenError> {
        let mut current = module;
        for (info, run) in self.passes.iter().filter(|(info, _)| options.pass_on(info)) {
            current = if options.time_passes {
                timings.time(info.name, || run(current, options))?
            } else {
                run(current, options)?
            };
        }
        Ok(current)
    }
}
