//! Assembler symbol names for a module.
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

/// Make a C symbol name assembler-safe: characters outside `[A-Za-z0-9_.]` become `_`, and a
/// leading digit gets a `_` prefix (such a name cannot link against C anyway).
pub fn sanitize(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

/// The C symbol a call to `name` (not defined in the module) links against.
pub fn c_symbol(name: &str) -> String {
    match il::runtime_sigs::lookup(name) {
        Some(sig) => sig.c_symbol.to_string(),
        None => sanitize(name),
    }
}

/// Symbol names for every function of a module.
#[derive(Clone, Debug, Default)]
pub struct SymbolNames {
    funcs: BTreeMap<Symbol, String>,
}

impl SymbolNames {
    pub fn new(m: &Module, index: &il::ModuleIndex) -> SymbolNames {
        let defined: BTreeSet<Symbol> = m.functions.iter().map(|f| f.name).collect();
        let mut taken: BTreeSet<String> = RESERVED.iter().map(|s| s.to_string()).collect();
        for e in &m.externs {
            if !defined.contains(&e.name) {
                taken.insert(c_symbol(m.sym_name(e.name)));
            }
        }
        for f in &m.functions {
            for b in &f.blocks {
                for i in &b.insts {
                    let mut syms: Vec<Symbol> = i.callee.into_iter().collect();
                    if matches!(i.op, Opcode::CallIndirect | Opcode::AddrOf | Opcode::GAddr) {
                        if let Some(Operand::Sym(s)) = i.operands.first() {
                            syms.push(*s);
                        }
                    }
                    for s in syms {
                        if !defined.contains(&s) && index.global(m, s).is_none() {
                            taken.insert(c_symbol(m.sym_name(s)));
                        }
                    }
                }
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
    fn sanitizes() {
        assert_eq!(sanitize("a-b"), "a_b");
        assert_eq!(sanitize("9x"), "_9x");
        assert_eq!(sanitize("Viper.Terminal.Say"), "Viper.Terminal.Say");
    }
}
