//! IL-SPEC §8.4 rule 14: after `call @rt_arr_i32_release(%x)`, `%x` must not be used again in
//! the same block — neither by a second release nor by any other instruction (operands and
//! branch arguments). Uses in other blocks are not checked (the rule is per block).
//!
//! Only the callee named exactly `rt_arr_i32_release` is covered, as the spec states; other
//! release helpers (`rt_str_release_maybe`, …) do not make later uses invalid
//! (docs/decisions.md).

use super::FnCx;
use crate::parse::cursor::FxSet;
use crate::{Opcode, Operand, Symbol, ValueId};

/// The IL name of the one release helper the rule covers.
pub(crate) const RELEASE: &str = "rt_arr_i32_release";

/// `release` is the module's symbol for [`RELEASE`], if it has one.
pub(crate) fn check(cx: &mut FnCx<'_, '_>, release: Option<Symbol>) {
    let f = cx.f;
    let Some(release) = release else {
        return;
    };
    let mut released: FxSet<ValueId> = FxSet::default();
    for b in &f.blocks {
        released.clear();
        for inst in &b.insts {
            let is_release = inst.op == Opcode::Call && inst.callee == Some(release);
            let ops = inst.operands.iter();
            for o in ops.chain(inst.targets.iter().flat_map(|t| t.args.iter())) {
                let Operand::Value(v) = o else { continue };
                if released.contains(v) {
                    let msg = if is_release {
                        format!("@{RELEASE} called twice on {} in this block", cx.vname(*v))
                    } else {
                        format!(
                            "use of {} after @{RELEASE} released it in this block",
                            cx.vname(*v)
                        )
                    };
                    cx.err(inst.span, msg);
                }
            }
            if is_release {
                if let Some(Operand::Value(v)) = inst.operands.first() {
                    released.insert(*v);
                }
            }
        }
    }
}
