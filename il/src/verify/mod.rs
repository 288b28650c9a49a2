//! The IL verifier (IL-SPEC §8): module-level rules here; function structure in [`structure`],
//! operand/result typing and symbol references in [`types`], SSA and dominance in [`ssa`], the
//! use-after-release rule in [`release`], exception handling in [`eh`].
//!
//! Invariants: the verifier never panics, even on hand-built modules with dangling ids (every
//! index is bounds-checked); it reports every error it finds, sorted by position.

mod eh;
mod release;
pub mod rules;
mod ssa;
mod structure;
mod types;

use crate::parse::cursor::{FxMap, FxSet};
use crate::{runtime_sigs, Diagnostic, Diagnostics, Function, Module, Span, Symbol, Type};
use rayon::prelude::*;

/// A callee signature as the verifier sees it.
#[derive(Clone, Copy)]
pub(crate) struct Sig<'a> {
    pub params: &'a [Type],
    pub ret: Type,
}

/// A signature owned by the module-level table.
pub(crate) struct OwnedSig {
    pub params: Vec<Type>,
    pub ret: Type,
}

/// Everything a per-function check needs.
pub(crate) struct FnCx<'m, 'd> {
    pub m: &'m Module,
    pub f: &'m Function,
    pub sigs: &'m FxMap<Symbol, OwnedSig>,
    /// Names of the module's string globals.
    pub globals: &'m FxSet<Symbol>,
    pub diags: &'d mut Vec<Diagnostic>,
}

impl<'m> FnCx<'m, '_> {
    pub fn err(&mut self, span: Span, msg: impl Into<String>) {
        self.diags.push(Diagnostic::error(span, msg));
    }
    /// `%name` of a value (or `%?N` for a dangling id).
    pub fn vname(&self, v: crate::ValueId) -> String {
        match self.f.values.get(v.index()) {
            Some(d) => format!("%{}", d.name),
            None => format!("%?{}", v.0),
        }
    }
    pub fn sym(&self, s: Symbol) -> &'m str {
        self.m
            .symbols
            .get(s.0 as usize)
            .map(|s| &**s)
            .unwrap_or("?")
    }
    /// Signature of a callee symbol: module function, extern, or known runtime function.
    pub fn sig(&self, s: Symbol) -> Option<Sig<'m>> {
        if let Some(sig) = self.sigs.get(&s) {
            return Some(Sig {
                params: &sig.params,
                ret: sig.ret,
            });
        }
        runtime_sigs::lookup(self.sym(s)).map(|r| Sig {
            params: r.params,
            ret: r.ret,
        })
    }
    /// Whether `@s` names something that has an address: a module function, an extern, a string
    /// global or a known runtime function.
    pub fn has_address(&self, s: Symbol) -> bool {
        self.sigs.contains_key(&s)
            || self.globals.contains(&s)
            || runtime_sigs::lookup(self.sym(s)).is_some()
    }
}

/// Verify a module against IL-SPEC §8; Ok or every error found.
pub fn verify(m: &Module) -> Result<(), Diagnostics> {
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut sigs: FxMap<Symbol, OwnedSig> = FxMap::default();
    module_rules(m, &mut sigs, &mut diags);
    let globals: FxSet<Symbol> = m.globals.iter().map(|g| g.name).collect();
    let release_sym = m.find_symbol(release::RELEASE);
    // Functions are checked independently, in parallel; their messages are sorted below, so the
    // report does not depend on the thread count.
    let per_fn: Vec<Vec<Diagnostic>> = m
        .functions
        .par_iter()
        // Each worker keeps one set of SSA buffers for all the functions it checks.
        .map_init(ssa::Scratch::default, |scratch, f| {
            let mut diags = Vec::new();
            let mut cx = FnCx {
                m,
                f,
                sigs: &sigs,
                globals: &globals,
                diags: &mut diags,
            };
            if structure::check(&mut cx) {
                types::check(&mut cx);
                ssa::check(&mut cx, scratch);
                release::check(&mut cx, release_sym);
                eh::check(&mut cx);
            }
            diags
        })
        .collect();
    diags.extend(per_fn.into_iter().flatten());
    if diags.is_empty() {
        return Ok(());
    }
    let mut d = Diagnostics { items: diags };
    d.sort();
    d.items.dedup();
    Err(d)
}

fn sig_text(params: &[Type], ret: Type) -> String {
    let p: Vec<&str> = params.iter().map(|t| t.name()).collect();
    format!("({}) -> {}", p.join(", "), ret)
}

/// §8.1: unique externs/globals/functions, extern vs runtime and vs definition signatures;
/// `@main` takes no parameters (docs/decisions.md). Also fills `sigs` (function definitions win
/// over externs of the same name).
fn module_rules(m: &Module, sigs: &mut FxMap<Symbol, OwnedSig>, diags: &mut Vec<Diagnostic>) {
    let name = |s: Symbol| m.symbols.get(s.0 as usize).map(|s| &**s).unwrap_or("?");
    for f in &m.functions {
        // Execution starts at @main with no arguments (IL-SPEC §1, §9.3): nothing could bind
        // its parameters.
        if name(f.name) == "main" && !f.params.is_empty() {
            diags.push(Diagnostic::error(
                f.span,
                "@main must not take parameters (the program starts it without arguments)",
            ));
        }
        if sigs.contains_key(&f.name) {
            diags.push(Diagnostic::error(
                f.span,
                format!("duplicate function @{}", name(f.name)),
            ));
            continue;
        }
        sigs.insert(
            f.name,
            OwnedSig {
                params: f.params.iter().map(|p| p.ty).collect(),
                ret: f.ret,
            },
        );
    }
    let mut seen_ext: FxSet<Symbol> = FxSet::default();
    for e in &m.externs {
        let n = name(e.name);
        if !seen_ext.insert(e.name) {
            diags.push(Diagnostic::error(e.span, format!("duplicate extern @{n}")));
            continue;
        }
        // Runtime signatures are compared by type (IL-SPEC §3.3; the table already spells
        // runtime `obj`/`str?` as `ptr`), except that an integer parameter or result may be
        // declared with another integer width (`i64` where the runtime takes `i32`), as the
        // front ends do and the VM accepts; calls convert (docs/decisions.md).
        if let Some(r) = runtime_sigs::lookup(n) {
            if !runtime_sigs::compatible(r, &e.params, e.ret) {
                diags.push(Diagnostic::error(
                    e.span,
                    format!(
                        "signature mismatch for extern @{n}: declared {}, runtime function is {}",
                        sig_text(&e.params, e.ret),
                        sig_text(r.params, r.ret)
                    ),
                ));
            }
        }
        match sigs.get(&e.name) {
            Some(fs) => {
                if fs.params != e.params || fs.ret != e.ret {
                    diags.push(Diagnostic::error(
                        e.span,
                        format!(
                            "signature mismatch: extern @{n} is {} but the function is defined as {}",
                            sig_text(&e.params, e.ret),
                            sig_text(&fs.params, fs.ret)
                        ),
                    ));
                }
            }
            None => {
                sigs.insert(
                    e.name,
                    OwnedSig {
                        params: e.params.clone(),
                        ret: e.ret,
                    },
                );
            }
        }
    }
    let mut seen_g: FxSet<Symbol> = FxSet::default();
    for g in &m.globals {
        if !seen_g.insert(g.name) {
            diags.push(Diagnostic::error(
                g.span,
                format!("duplicate global @{}", name(g.name)),
            ));
        }
    }
}
