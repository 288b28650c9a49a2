//! Assembler symbol names for a module (target-independent: every native target names IL
//! functions and C callees the same way; the object format adds its prefix later).
//!
//! IL functions get local symbols derived from their IL names; callees that are not defined in the
//! module resolve to C symbols through `il::runtime_sigs` (or the name verbatim). An IL function
//! whose sanitized name would clash with a C symbol the module references, with another function,
//! or with a name reserved by the backend (`main`, `vpr_*`) is renamed by `codegen_api::labels`
//! (a `.N` suffix), so IL code can never capture or interpose a C function.

use codegen_api::labels::LabelMap;
use il::{Module, Opcode, Operand, Symbol};
use std::collections::{BTreeMap, BTreeSet};

/// Names reserved by the backend's own code.
const RESERVED: &[&str] = &[
    "main",
    "vpr_start",
    "vpr_trap",
    "vpr_str_store",
    "vpr_run_on_stack",
];

/// The C symbol a call to `name` (not defined in the module) links against.
pub fn c_symbol(name: &str) -> String {
    match il::runtime_sigs::lookup(name) {
        Some(sig) => sig.c_symbol.to_string(),
        None => codegen_api::labels::sanitize(name),
    }
}

/// Symbol names for every function of a module.
#[derive(Clone, Debug, Default)]
pub struct SymbolNames {
    funcs: BTreeMap<Symbol, String>,
}

impl SymbolNames {
    pub fn new(m: &Module, index: &il::ModuleIndex) -> SymbolNames {
        // Per symbol: defined in the module, or referenced as a C symbol (each looked up once,
        // however many instructions mention it).
        let n = m.symbols.len();
        let mut defined = vec![false; n];
        for f in &m.functions {
            if let Some(d) = defined.get_mut(f.name.0 as usize) {
                *d = true;
            }
        }
        // `Extern`: declared (a C symbol unless defined); `Used`: referenced by an instruction (a C
        // symbol unless defined or a string global).
        #[derive(Clone, Copy, PartialEq)]
        enum Ref {
            None,
            Used,
            Extern,
        }
        let mut refs = vec![Ref::None; n];
        for e in &m.externs {
            if let Some(r) = refs.get_mut(e.name.0 as usize) {
                *r = Ref::Extern;
            }
        }
        for f in &m.functions {
            for b in &f.blocks {
                for i in &b.insts {
                    let mut mark = |s: Symbol| {
                        if let Some(r @ Ref::None) = refs.get_mut(s.0 as usize) {
                            *r = Ref::Used;
                        }
                    };
                    if let Some(s) = i.callee {
                        mark(s);
                    }
                    if matches!(i.op, Opcode::CallIndirect | Opcode::AddrOf | Opcode::GAddr) {
                        if let Some(Operand::Sym(s)) = i.operands.first() {
                            mark(*s);
                        }
                    }
                }
            }
        }
        let mut taken: BTreeSet<String> = RESERVED.iter().map(|s| s.to_string()).collect();
        for (k, r) in refs.iter().enumerate() {
            let s = Symbol(k as u32);
            let c = match r {
                Ref::None => false,
                Ref::Extern => !defined[k],
                Ref::Used => !defined[k] && index.global(m, s).is_none(),
            };
            if c {
                taken.insert(c_symbol(m.sym_name(s)));
            }
        }
        let mut map = LabelMap::new();
        for t in &taken {
            map.reserve(t);
        }
        let mut funcs = BTreeMap::new();
        for f in &m.functions {
            funcs.insert(f.name, map.name(m.sym_name(f.name)).to_string());
        }
        SymbolNames { funcs }
    }
    /// The local symbol of module function `s`, if `s` is defined in the module.
    pub fn func(&self, s: Symbol) -> Option<&str> {
        self.funcs.get(&s).map(|s| s.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn c_symbols() {
        assert_eq!(c_symbol("Viper.Terminal.PrintStr"), "rt_print_str");
        assert_eq!(c_symbol("my_helper"), "my_helper");
        // Not in the runtime table and not assembler-safe: escaped, never collapsed (`a-b` and
        // `a_b` stay distinct).
        assert_eq!(c_symbol("a-b"), "a_2d_b");
        assert_ne!(c_symbol("a-b"), c_symbol("a_b"));
    }
}
