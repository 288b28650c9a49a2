//! Function and block structure (IL-SPEC §8.2 rules 3–7): blocks present and non-empty, entry
//! label, unique labels, entry parameters equal the function parameters, block parameters
//! unique and non-void, exactly one terminator at the end, branch targets exist, all ids valid.
//!
//! Invariant: returns `false` when ids are dangling (block or value indices out of range), in
//! which case the later passes (which index freely) are skipped for that function.

use super::FnCx;
use crate::parse::cursor::FxSet;
use crate::{Operand, Type};

/// Blocks with at most this many parameters, and functions with at most this many blocks, are
/// checked for duplicate names pairwise.
const FEW: usize = 8;

/// Whether `name`, one of `n` names, repeats one of those before it (`before`): for `n` at most
/// [`FEW`] by comparing it with each, beyond that through `seen` (the names before it, which
/// this adds it to): linear in `n` either way, and a handful of names needs no table.
fn repeats<'a>(
    seen: &mut FxSet<&'a str>,
    n: usize,
    name: &'a str,
    mut before: impl Iterator<Item = &'a str>,
) -> bool {
    if n <= FEW {
        before.any(|b| b == name)
    } else {
        !seen.insert(name)
    }
}

pub(crate) fn check(cx: &mut FnCx<'_, '_>) -> bool {
    let f = cx.f;
    let fname = cx.sym(f.name);
    let Some(entry) = f.blocks.first() else {
        cx.err(f.span, format!("function @{fname} has no blocks"));
        return false;
    };
    if entry.label != "entry" && !entry.label.starts_with("entry_") {
        cx.err(
            entry.span,
            format!(
                "first block of @{fname} must be labelled 'entry' or 'entry_…', found '{}'",
                entry.label
            ),
        );
    }
    let mut ok = true;
    let nvals = f.values.len();
    let nblocks = f.blocks.len();
    // Entry parameters bind the arguments: same count and types as the header (§3.5).
    let eparams = || {
        entry
            .params
            .iter()
            .map(|v| f.values.get(v.index()).map(|d| d.ty).unwrap_or(Type::Void))
    };
    let hparams = || f.params.iter().map(|p| p.ty);
    if !eparams().eq(hparams()) {
        cx.err(
            entry.span,
            format!(
                "entry block parameters ({}) must equal the parameters of @{fname} ({})",
                eparams().map(|t| t.name()).collect::<Vec<_>>().join(", "),
                hparams().map(|t| t.name()).collect::<Vec<_>>().join(", ")
            ),
        );
    }
    for p in &f.params {
        if p.ty == Type::Void {
            cx.err(
                f.span,
                format!("parameter %{} of @{fname} has type void", p.name),
            );
        }
    }
    // Labels seen so far, for functions of more than `FEW` blocks (fewer are compared pairwise,
    // without a table: most functions have a handful of blocks).
    let mut labels = FxSet::default();
    if f.blocks.len() > FEW {
        labels.reserve(f.blocks.len());
    }
    // Parameter names of the current block, for blocks with more than `FEW` parameters.
    let mut names: FxSet<&str> = FxSet::default();
    for (bi, b) in f.blocks.iter().enumerate() {
        let before = f.blocks[..bi].iter().map(|a| a.label.as_str());
        if repeats(&mut labels, f.blocks.len(), &b.label, before) {
            cx.err(b.span, format!("duplicate block label '{}'", b.label));
        }
        names.clear();
        for (i, &p) in b.params.iter().enumerate() {
            let Some(d) = f.values.get(p.index()) else {
                cx.err(
                    b.span,
                    format!("block '{}' has a dangling parameter id", b.label),
                );
                ok = false;
                continue;
            };
            // Blocks may have thousands of parameters.
            let before = b.params[..i]
                .iter()
                .filter_map(|q| f.values.get(q.index()))
                .map(|e| e.name.as_str());
            if repeats(&mut names, b.params.len(), &d.name, before) {
                cx.err(
                    b.span,
                    format!("duplicate block parameter %{} in '{}'", d.name, b.label),
                );
            }
            if d.ty == Type::Void {
                cx.err(b.span, format!("block parameter %{} has type void", d.name));
            }
        }
        if b.insts.is_empty() {
            cx.err(
                b.span,
                format!("block '{}' is empty (it needs a terminator)", b.label),
            );
            continue;
        }
        // One pass in order (the instructions are read front to back, as the cache fetches
        // them): only the last is a terminator, and every id is in range.
        let last = b.insts.len() - 1;
        for (k, inst) in b.insts.iter().enumerate() {
            match (inst.op.is_terminator(), k == last) {
                (false, true) => cx.err(
                    inst.span,
                    format!("block '{}' does not end with a terminator", b.label),
                ),
                (true, false) => cx.err(
                    inst.span,
                    format!(
                        "terminator '{}' must be the last instruction of block '{}'",
                        inst.op.mnemonic(),
                        b.label
                    ),
                ),
                (true, true) | (false, false) => {}
            }
            if inst.result.is_some_and(|r| r.index() >= nvals) {
                cx.err(inst.span, "dangling result value id");
                ok = false;
            }
            let dangling_op = |o: &Operand| o.as_value().is_some_and(|v| v.index() >= nvals);
            for t in &inst.targets {
                if t.block.index() >= nblocks {
                    cx.err(inst.span, format!("branch to unknown block #{}", t.block.0));
                    ok = false;
                }
                if t.args.iter().any(dangling_op) {
                    cx.err(inst.span, "dangling value id in branch arguments");
                    ok = false;
                }
            }
            if inst.operands.iter().any(dangling_op) {
                cx.err(inst.span, "dangling operand value id");
                ok = false;
            }
        }
    }
    ok
}
