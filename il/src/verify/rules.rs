//! Per-opcode typing facts shared by the parser (to type results) and the verifier (to check
//! them): result rules, width-annotatable opcodes, `idx.chk` width selection, literal fit.
//!
//! Invariant: this is the single place that states an opcode's natural result type.

use crate::{Opcode, Operand, Type, ValueId};

/// How an opcode's result type is determined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultRule {
    /// No result allowed.
    None,
    /// Mandatory result of this type.
    Fixed(Type),
    /// Mandatory result; the annotation chooses the type (default given).
    Annotated(Type),
    /// Mandatory result of the memory type (`load`).
    Memory,
    /// Mandatory result; width from the operands (`idx.chk`).
    IdxChk,
    /// Optional result: callee's return type (or the annotation for `call.indirect`).
    Call,
}

pub fn result_rule(op: Opcode) -> ResultRule {
    use Opcode::*;
    use ResultRule as R;
    match op {
        Add | Sub | Mul | SDiv | UDiv | SRem | URem | Fptosi | IAddOvf | ISubOvf | IMulOvf
        | SDivChk0 | UDivChk0 | SRemChk0 | URemChk0 | And | Or | Xor | Shl | LShr | AShr
        | Zext1 | TrapKind | ErrGetIp => R::Fixed(Type::I64),
        FAdd | FSub | FMul | FDiv | Sitofp | CastSiToFp | CastUiToFp | ConstF64 => {
            R::Fixed(Type::F64)
        }
        ICmpEq | ICmpNe | SCmpLt | SCmpLe | SCmpGt | SCmpGe | UCmpLt | UCmpLe | UCmpGt | UCmpGe
        | FCmpEq | FCmpNe | FCmpLt | FCmpLe | FCmpGt | FCmpGe | FCmpOrd | FCmpUno | Trunc1 => {
            R::Fixed(Type::I1)
        }
        CastFpToSiRteChk | CastFpToUiRteChk | CastSiNarrowChk | CastUiNarrowChk => {
            R::Annotated(Type::I64)
        }
        ConstNull => R::Annotated(Type::Ptr),
        IdxChk => R::IdxChk,
        Alloca | Gep | AddrOf | GAddr => R::Fixed(Type::Ptr),
        Load => R::Memory,
        ConstStr => R::Fixed(Type::Str),
        TrapErr => R::Fixed(Type::Error),
        ErrGetKind | ErrGetCode | ErrGetLine => R::Fixed(Type::I32),
        Call | CallIndirect => R::Call,
        Store | Br | Cbr | SwitchI32 | Ret | Trap | TrapFromErr | EhPush | EhPop | EhEntry
        | ResumeSame | ResumeNext | ResumeLabel => R::None,
    }
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
