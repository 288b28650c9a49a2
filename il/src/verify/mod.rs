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

use crate::{runtime_sigs, Diagnostic, Diagnostics, Function, Module, Span, Symbol, Type};
use rayon::prelude::*;

/// A callee signature as the verifier sees it.
#[derive(Clone, Copy)]
pub(crate) struct Sig<'a> {
    pub params: &'a [Type],
    pub ret: Type,
}

/// What the module says of one symbol ([`module_rules`] makes one per symbol).
#[derive(Clone, Copy, Default)]
pub(crate) struct SymFacts<'m> {
    /// Its signature: a function's header, else its extern's, else the runtime function's.
    pub sig: Option<Sig<'m>>,
    /// A function of the module is named so.
    pub func: bool,
    /// An extern is named so.
    pub ext: bool,
    /// A string global is named so.
    pub global: bool,
}

/// Everything a per-function check needs.
pub(crate) struct FnCx<'m, 'd> {
    pub m: &'m Module,
    pub f: &'m Function,
    /// By symbol.
    pub syms: &'m [SymFacts<'m>],
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
        self.syms.get(s.0 as usize).and_then(|f| f.sig)
    }
    /// Whether `@s` names something that has an address: a module function, an extern, a string
    /// global or a known runtime function.
    pub fn has_address(&self, s: Symbol) -> bool {
        self.syms
            .get(s.0 as usize)
            .is_some_and(|f| f.sig.is_some() || f.global)
    }
}

/// Verify a module against IL-SPEC §8; Ok or every error found.
pub fn verify(m: &Module) -> Result<(), Diagnostics> {
    let mut diags: Vec<Diagnostic> = Vec::new();
    // Every function's parameter types, in one vector the signatures borrow from.
    let param_types: Vec<Type> = m
        .functions
        .iter()
        .flat_map(|f| f.params.iter().map(|p| p.ty))
        .collect();
    let syms = module_rules(m, &param_types, &mut diags);
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
                syms: &syms,
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
/// `@main` takes no parameters (docs/decisions.md); every declared name is a symbol of the
/// module. Returns the facts of every symbol (the first function definition of a name wins over
/// externs of it; `param_types` holds the parameter types of every function, in order).
fn module_rules<'m>(
    m: &'m Module,
    param_types: &'m [Type],
    diags: &mut Vec<Diagnostic>,
) -> Vec<SymFacts<'m>> {
    let name = |s: Symbol| m.symbols.get(s.0 as usize).map(|s| &**s).unwrap_or("?");
    let mut syms = vec![SymFacts::default(); m.symbols.len()];
    let dangling = |diags: &mut Vec<Diagnostic>, span: Span, what: &str| {
        diags.push(Diagnostic::error(
            span,
            format!("{what} is named by a dangling symbol id"),
        ));
    };
    let mut at = 0;
    for f in &m.functions {
        let params = param_types.get(at..at + f.params.len()).unwrap_or(&[]);
        at += f.params.len();
        // Execution starts at @main with no arguments (IL-SPEC §1, §9.3): nothing could bind
        // its parameters.
        if name(f.name) == "main" && !f.params.is_empty() {
            diags.push(Diagnostic::error(
                f.span,
                "@main must not take parameters (the program starts it without arguments)",
            ));
        }
        let Some(facts) = syms.get_mut(f.name.0 as usize) else {
            dangling(diags, f.span, "a function");
            continue;
        };
        if facts.func {
            diags.push(Diagnostic::error(
                f.span,
                format!("duplicate function @{}", name(f.name)),
            ));
            continue;
        }
        facts.func = true;
        facts.sig = Some(Sig { params, ret: f.ret });
    }
    for e in &m.externs {
        let n = name(e.name);
        let Some(facts) = syms.get_mut(e.name.0 as usize) else {
            dangling(diags, e.span, "an extern");
            continue;
        };
        if facts.ext {
            diags.push(Diagnostic::error(e.span, format!("duplicate extern @{n}")));
            continue;
        }
        facts.ext = true;
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
        match facts.sig {
            Some(fs) if facts.func => {
                if fs.params != e.params || fs.ret != e.ret {
                    diags.push(Diagnostic::error(
                        e.span,
                        format!(
                            "signature mismatch: extern @{n} is {} but the function is defined as {}",
                            sig_text(&e.params, e.ret),
                            sig_text(fs.params, fs.ret)
                        ),
                    ));
                }
            }
            _ => {
                facts.sig = Some(Sig {
                    params: &e.params,
                    ret: e.ret,
                });
            }
        }
    }
    for g in &m.globals {
        let Some(facts) = syms.get_mut(g.name.0 as usize) else {
            dangling(diags, g.span, "a global");
            continue;
        };
        if facts.global {
            diags.push(Diagnostic::error(
                g.span,
                format!("duplicate global @{}", name(g.name)),
            ));
        }
        facts.global = true;
    }
    // Names the module does not declare may be runtime functions.
    for (facts, n) in syms.iter_mut().zip(&m.symbols) {
        if facts.sig.is_none() {
            facts.sig = runtime_sigs::lookup(n).map(|r| Sig {
                params: r.params,
                ret: r.ret,
            });
        }
    }
    syms
}
