//! O(1) lookup of a module's functions, externs and globals by [`Symbol`].
//!
//! `Module::function`/`extern_decl`/`global` scan their vectors, which makes any per-call lookup
//! quadratic over a large module. Passes that look symbols up repeatedly build a [`ModuleIndex`]
//! once. Invariant: built from, and only valid for, one unmodified module (indices are positions
//! in its `functions`/`externs`/`globals`; a symbol defined twice maps to its first definition).

use crate::{Extern, Function, Global, Module, Symbol};

const NONE: u32 = u32::MAX;

/// Position of each symbol's function, extern and global in a module.
#[derive(Clone, Debug, Default)]
pub struct ModuleIndex {
    function: Vec<u32>,
    extern_decl: Vec<u32>,
    global: Vec<u32>,
}

fn table<T>(n: usize, items: &[T], name: impl Fn(&T) -> Symbol) -> Vec<u32> {
    let mut t = vec![NONE; n];
    for (i, item) in items.iter().enumerate() {
        if let Some(slot) = t.get_mut(name(item).0 as usize) {
            if *slot == NONE {
                *slot = i as u32;
            }
        }
    }
    t
}

fn get(t: &[u32], s: Symbol) -> Option<usize> {
    t.get(s.0 as usize)
        .copied()
        .filter(|&i| i != NONE)
        .map(|i| i as usize)
}

impl ModuleIndex {
    pub fn new(m: &Module) -> ModuleIndex {
        let n = m.symbols.len();
        ModuleIndex {
            function: table(n, &m.functions, |f| f.name),
            extern_decl: table(n, &m.externs, |e| e.name),
            global: table(n, &m.globals, |g| g.name),
        }
    }
    /// Position of the function named `s` in `m.functions`.
    pub fn function_index(&self, s: Symbol) -> Option<usize> {
        get(&self.function, s)
    }
    pub fn function<'m>(&self, m: &'m Module, s: Symbol) -> Option<&'m Function> {
        self.function_index(s).and_then(|i| m.functions.get(i))
    }
    pub fn extern_decl<'m>(&self, m: &'m Module, s: Symbol) -> Option<&'m Extern> {
        get(&self.extern_decl, s).and_then(|i| m.externs.get(i))
    }
    pub fn global<'m>(&self, m: &'m Module, s: Symbol) -> Option<&'m Global> {
        get(&self.global, s).and_then(|i| m.globals.get(i))
    }
    /// The parameter types a call to `s` passes its arguments at: a module function's, else the
    /// runtime table's (an extern may re-declare a runtime function with other integer widths,
    /// `runtime_sigs::compatible`; the C function sees its own), else the extern's.
    pub fn callee_param_types(&self, m: &Module, s: Symbol) -> Option<Vec<crate::Type>> {
        if let Some(f) = self.function(m, s) {
            return Some(f.params.iter().map(|p| p.ty).collect());
        }
        if let Some(sig) = crate::runtime_sigs::lookup(m.sym_name(s)) {
            return Some(sig.params.to_vec());
        }
        self.extern_decl(m, s).map(|e| e.params.clone())
    }
    /// The runtime table's result type of `s`, if `s` is a runtime function (not defined here).
    pub fn runtime_ret(&self, m: &Module, s: Symbol) -> Option<crate::Type> {
        if self.function(m, s).is_some() {
            return None;
        }
        crate::runtime_sigs::lookup(m.sym_name(s)).map(|sig| sig.ret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_the_linear_lookups_find() {
        let src = "il 0.2.0\nextern @e(i64) -> void\nglobal const str @g = \"x\"\n\
                   func @a() -> i64 {\nentry:\n  ret 0\n}\nfunc @main() -> i64 {\nentry:\n  ret 1\n}\n";
        let m = crate::parse(src, "t.il").expect("parses");
        let ix = ModuleIndex::new(&m);
        for (i, _) in m.symbols.iter().enumerate() {
            let s = Symbol(i as u32);
            assert_eq!(
                ix.function(&m, s).map(|f| f.name),
                m.function(s).map(|f| f.name)
            );
            assert_eq!(
                ix.extern_decl(&m, s).map(|e| e.name),
                m.extern_decl(s).map(|e| e.name)
            );
            assert_eq!(
                ix.global(&m, s).map(|g| g.name),
                m.global(s).map(|g| g.name)
            );
        }
        let main = m.find_symbol("main").expect("main interned");
        assert_eq!(ix.function_index(main), Some(1));
        assert_eq!(ix.function_index(Symbol(9999)), None);
    }
}
