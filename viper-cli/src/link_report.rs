//! Explaining undefined symbols after a failed link: for each C symbol the linker could not find,
//! which IL extern(s) map to it (directly or through the runtime signature table) and which IL
//! functions call them. Symbols no extern maps to are support routines the generated code calls
//! itself (start-up, traps, string literals), so the runtime archive is incomplete or stale.

use il::{Module, Symbol};
use std::fmt::Write as _;

/// The C symbol an extern declaration links against.
pub fn c_symbol_of(il_name: &str) -> &str {
    match il::runtime_sigs::lookup(il_name) {
        Some(sig) => sig.c_symbol,
        None => il_name,
    }
}

/// IL functions (in module order) that call `callee`.
fn callers(module: &Module, callee: Symbol) -> Vec<&str> {
    module
        .functions
        .iter()
        .filter(|f| {
            f.blocks
                .iter()
                .flat_map(|b| b.insts.iter())
                .any(|i| i.callee == Some(callee) || i.operands.contains(&il::Operand::Sym(callee)))
        })
        .map(|f| module.sym_name(f.name))
        .collect()
}

/// IL names that link against C symbol `sym`: declared externs, and known runtime functions the
/// module calls or takes the address of without an `extern` line (IL-SPEC §7.8 allows that).
/// Names of functions the module defines itself are never reported.
fn il_names_for(module: &Module, sym: &str) -> Vec<(Symbol, bool)> {
    let defined = |s: Symbol| module.functions.iter().any(|f| f.name == s);
    let mut out = Vec::new();
    for (i, name) in module.symbols.iter().enumerate() {
        let s = Symbol(i as u32);
        if c_symbol_of(name) != sym || defined(s) {
            continue;
        }
        let declared = module.externs.iter().any(|e| e.name == s);
        if declared || !callers(module, s).is_empty() {
            out.push((s, declared));
        }
    }
    out
}

/// One line per undefined symbol, saying what in the IL needs it.
pub fn explain(module: &Module, symbols: &[String], runtime_desc: &str) -> String {
    let mut out = String::new();
    for sym in symbols {
        let names = il_names_for(module, sym);
        if names.is_empty() {
            let _ = writeln!(
                out,
                "error: undefined symbol `{sym}`: needed by the generated code itself; {runtime_desc} does not define it"
            );
            continue;
        }
        for (s, declared) in names {
            let name = module.sym_name(s);
            let users = callers(module, s);
            let used_by = if users.is_empty() {
                "declared but not called".to_string()
            } else {
                format!(
                    "called from {}",
                    users
                        .iter()
                        .map(|u| format!("@{u}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let what = if declared {
                "extern"
            } else {
                "runtime function"
            };
            let _ = writeln!(
                out,
                "error: undefined symbol `{sym}`: needed by {what} @{name} ({used_by}); {runtime_desc} does not define it"
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use il::{Block, Extern, Function, Inst, Opcode, Span, Type};

    fn module_calling(ext: &str) -> Module {
        let mut m = Module {
            symbols: vec!["main".into(), ext.into()],
            ..Module::default()
        };
        m.externs.push(Extern {
            name: Symbol(1),
            params: vec![],
            ret: Type::Void,
            span: Span::default(),
        });
        let mut call = Inst::new(Opcode::Call, Span::default());
        call.callee = Some(Symbol(1));
        m.functions.push(Function {
            name: Symbol(0),
            params: vec![],
            ret: Type::I64,
            blocks: vec![Block {
                label: "entry".into(),
                params: vec![],
                insts: vec![call],
                handler_kw: false,
                span: Span::default(),
            }],
            values: vec![],
            span: Span::default(),
        });
        m
    }

    #[test]
    fn maps_symbol_to_extern_and_caller() {
        let m = module_calling("my_missing_fn");
        let text = explain(&m, &["my_missing_fn".to_string()], "the runtime");
        assert_eq!(
            text,
            "error: undefined symbol `my_missing_fn`: needed by extern @my_missing_fn (called from @main); the runtime does not define it\n"
        );
    }

    #[test]
    fn unknown_symbol_is_support_code() {
        let m = module_calling("f");
        let text = explain(&m, &["vpr_start".to_string()], "x.a");
        assert!(
            text.contains("`vpr_start`: needed by the generated code itself; x.a"),
            "{text}"
        );
    }
}
