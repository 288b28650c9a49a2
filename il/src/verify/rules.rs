//! Per-opcode typing facts shared by the parser (to type results) and the verifier (to check
//! them): result rules, width-annotatable opcodes, `idx.chk` width selection, literal fit.
//!
//! Invariant: an opcode's natural result type is stated once, in its row of the opcode table
//! (`crate::opcode`); this module adds the rules that look at operands.

use crate::{Opcode, Operand, Type, ValueId};

pub use crate::opcode::ResultRule;

/// The natural result rule of `op` (its row of the opcode table).
pub fn result_rule(op: Opcode) -> ResultRule {
    op.info().result
}

/// Opcodes whose `%r:iN` annotation selects the checking width while the value stays `i64`.
pub fn width_annotatable(op: Opcode) -> bool {
    use Opcode::*;
    matches!(
        op,
        IAddOvf | ISubOvf | IMulOvf | SDivChk0 | UDivChk0 | SRemChk0 | URemChk0
    )
}

/// True if the integer constant `v` fits an operand slot of type `t`.
pub fn fits(v: i64, t: Type) -> bool {
    match t {
        Type::I1 => v == 0 || v == 1,
        Type::I16 => i16::try_from(v).is_ok(),
        Type::I32 => i32::try_from(v).is_ok(),
        Type::I64 => true,
        _ => false,
    }
}

/// The width of `idx.chk`: the type of its first typed operand, else the annotation, else the
/// smallest of i16/i32/i64 that fits the first constant (IL-SPEC §8.3 rule 9).
pub fn idx_chk_width(ops: &[Operand], ty: impl Fn(ValueId) -> Type, annot: Option<Type>) -> Type {
    if let Some(v) = ops.iter().find_map(Operand::as_value) {
        return ty(v);
    }
    if let Some(a) = annot {
        return a;
    }
    match ops.first() {
        Some(Operand::Int(v)) if fits(*v, Type::I16) => Type::I16,
        Some(Operand::Int(v)) if fits(*v, Type::I32) => Type::I32,
        Some(Operand::Bool(_)) => Type::I16,
        _ => Type::I64,
    }
}
