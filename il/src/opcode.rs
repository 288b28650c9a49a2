//! The table of IL opcode facts: one row per opcode ([`Opcode::info`], as QBE's `ops.h`), read by
//! the parser (spelling, result typing), the printer (spelling), the verifier (result rules,
//! terminators), the interpreter and every target (traps, EH sites, side effects).
//!
//! Invariants: [`Opcode::info`] is an exhaustive `match` (no catch-all), so a new [`Opcode`]
//! variant does not compile until its row exists; [`ALL_OPCODES`] lists every opcode in
//! declaration order (a unit test checks it against `Opcode as usize`). Facts here are IL-level
//! (IL-SPEC §6–§9), never a target's choice.

use crate::{Opcode, Type};

/// Trap kinds with their numeric values (IL-SPEC §9.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TrapKind {
    DivideByZero = 0,
    Overflow = 1,
    InvalidCast = 2,
    DomainError = 3,
    Bounds = 4,
    FileNotFound = 5,
    Eof = 6,
    IoError = 7,
    InvalidOperation = 8,
    RuntimeError = 9,
}

impl TrapKind {
    /// The numeric value (`trap.kind`, `err.get_kind`).
    pub const fn value(self) -> u8 {
        self as u8
    }
    /// The spelling used in trap diagnostics.
    pub fn name(self) -> &'static str {
        match self {
            TrapKind::DivideByZero => "DivideByZero",
            TrapKind::Overflow => "Overflow",
            TrapKind::InvalidCast => "InvalidCast",
            TrapKind::DomainError => "DomainError",
            TrapKind::Bounds => "Bounds",
            TrapKind::FileNotFound => "FileNotFound",
            TrapKind::Eof => "EOF",
            TrapKind::IoError => "IOError",
            TrapKind::InvalidOperation => "InvalidOperation",
            TrapKind::RuntimeError => "RuntimeError",
        }
    }
    /// The kind `trap.from_err`/`trap.err` derive from an error code (IL-SPEC §7.9).
    pub fn from_code(code: i64) -> TrapKind {
        match code {
            1 => TrapKind::FileNotFound,
            2 => TrapKind::Eof,
            3 => TrapKind::IoError,
            4 => TrapKind::Overflow,
            5 => TrapKind::InvalidCast,
            6 => TrapKind::DomainError,
            7 => TrapKind::Bounds,
            8 => TrapKind::InvalidOperation,
            _ => TrapKind::RuntimeError,
        }
    }
}

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

/// What executing an instruction can do besides defining its result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Nothing: an unused result makes the instruction dead (if it cannot trap).
    Pure,
    /// Reads memory.
    Reads,
    /// Writes memory, calls, allocates, transfers control or changes the handler stack.
    Effects,
}

/// Which traps an instruction can raise in native code (IL-SPEC §9.1). An instruction that can
/// trap is an EH *site* (docs/eh.md): its position is recorded before it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Traps {
    /// Never traps.
    Never,
    /// Can raise these kinds.
    Kinds(&'static [TrapKind]),
    /// Can raise these kinds, unless its size operand is a non-negative constant (`alloca`).
    UnlessConstSize(&'static [TrapKind]),
    /// Can raise any kind (calls: the callee can trap; `trap.from_err`/`trap.err`: from a code).
    Any,
}

/// The facts of one opcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpInfo {
    /// Mnemonic as written in IL text.
    pub name: &'static str,
    pub result: ResultRule,
    /// Ends a block.
    pub terminator: bool,
    pub effect: Effect,
    pub traps: Traps,
}

impl OpInfo {
    /// Whether the instruction can trap, given whether its size operand is a non-negative constant
    /// (only `alloca` looks at it).
    pub fn can_trap(&self, const_size: bool) -> bool {
        match self.traps {
            Traps::Never => false,
            Traps::Kinds(_) | Traps::Any => true,
            Traps::UnlessConstSize(_) => !const_size,
        }
    }
}

impl crate::Inst {
    /// Whether this instruction can trap in native code (an EH *site*): its opcode's row, with
    /// `alloca` of a non-negative constant size exempt.
    pub fn can_trap(&self) -> bool {
        let const_size = matches!(self.operands.first(), Some(crate::Operand::Int(n)) if *n >= 0);
        self.op.info().can_trap(const_size)
    }
}

const fn row(
    name: &'static str,
    result: ResultRule,
    terminator: bool,
    effect: Effect,
    traps: Traps,
) -> OpInfo {
    OpInfo {
        name,
        result,
        terminator,
        effect,
        traps,
    }
}

use Effect::{Effects as E, Pure as P, Reads as R};
use ResultRule as RR;
use TrapKind as K;
use Traps::{Any, Kinds, Never};

const I64: ResultRule = RR::Fixed(Type::I64);
const F64: ResultRule = RR::Fixed(Type::F64);
const I1: ResultRule = RR::Fixed(Type::I1);
const I32: ResultRule = RR::Fixed(Type::I32);
const PTR: ResultRule = RR::Fixed(Type::Ptr);
const NONE: ResultRule = RR::None;
const OVF: Traps = Kinds(&[K::Overflow]);
const DIV: Traps = Kinds(&[K::DivideByZero, K::Overflow]);
const DBZ: Traps = Kinds(&[K::DivideByZero]);
const CAST: Traps = Kinds(&[K::InvalidCast]);
const FP_INT: Traps = Kinds(&[K::InvalidCast, K::Overflow]);

/// Every opcode's row, indexed by `Opcode as usize` (built at compile time from [`Opcode::row`]
/// over [`ALL_OPCODES`], which is in declaration order). Reading a row is one indexed load: the
/// `match` itself compiled to an indirect jump per call, which the verifier and the targets make
/// for every instruction, mispredicted as often as the opcodes change.
const TABLE: [OpInfo; ALL_OPCODES.len()] = {
    let mut t = [row("", NONE, false, P, Never); ALL_OPCODES.len()];
    let mut i = 0;
    while i < ALL_OPCODES.len() {
        t[i] = ALL_OPCODES[i].row();
        i += 1;
    }
    t
};

impl Opcode {
    /// This opcode's row of the table.
    pub const fn info(self) -> OpInfo {
        TABLE[self as usize]
    }

    /// The row as written: one arm per opcode (exhaustive, see the module header).
    const fn row(self) -> OpInfo {
        use Opcode::*;
        match self {
            // Plain arithmetic: parsed, rejected by the verifier (IL-SPEC §7.1/§7.2).
            Add => row("add", I64, false, P, Never),
            Sub => row("sub", I64, false, P, Never),
            Mul => row("mul", I64, false, P, Never),
            SDiv => row("sdiv", I64, false, P, DIV),
            UDiv => row("udiv", I64, false, P, DBZ),
            SRem => row("srem", I64, false, P, DIV),
            URem => row("urem", I64, false, P, DBZ),
            Fptosi => row("fptosi", I64, false, P, FP_INT),
            IAddOvf => row("iadd.ovf", I64, false, P, OVF),
            ISubOvf => row("isub.ovf", I64, false, P, OVF),
            IMulOvf => row("imul.ovf", I64, false, P, OVF),
            SDivChk0 => row("sdiv.chk0", I64, false, P, DIV),
            UDivChk0 => row("udiv.chk0", I64, false, P, DBZ),
            SRemChk0 => row("srem.chk0", I64, false, P, DIV),
            URemChk0 => row("urem.chk0", I64, false, P, DBZ),
            IdxChk => row("idx.chk", RR::IdxChk, false, P, Kinds(&[K::Bounds])),
            And => row("and", I64, false, P, Never),
            Or => row("or", I64, false, P, Never),
            Xor => row("xor", I64, false, P, Never),
            Shl => row("shl", I64, false, P, Never),
            LShr => row("lshr", I64, false, P, Never),
            AShr => row("ashr", I64, false, P, Never),
            FAdd => row("fadd", F64, false, P, Never),
            FSub => row("fsub", F64, false, P, Never),
            FMul => row("fmul", F64, false, P, Never),
            FDiv => row("fdiv", F64, false, P, Never),
            ICmpEq => row("icmp_eq", I1, false, P, Never),
            ICmpNe => row("icmp_ne", I1, false, P, Never),
            SCmpLt => row("scmp_lt", I1, false, P, Never),
            SCmpLe => row("scmp_le", I1, false, P, Never),
            SCmpGt => row("scmp_gt", I1, false, P, Never),
            SCmpGe => row("scmp_ge", I1, false, P, Never),
            UCmpLt => row("ucmp_lt", I1, false, P, Never),
            UCmpLe => row("ucmp_le", I1, false, P, Never),
            UCmpGt => row("ucmp_gt", I1, false, P, Never),
            UCmpGe => row("ucmp_ge", I1, false, P, Never),
            FCmpEq => row("fcmp_eq", I1, false, P, Never),
            FCmpNe => row("fcmp_ne", I1, false, P, Never),
            FCmpLt => row("fcmp_lt", I1, false, P, Never),
            FCmpLe => row("fcmp_le", I1, false, P, Never),
            FCmpGt => row("fcmp_gt", I1, false, P, Never),
            FCmpGe => row("fcmp_ge", I1, false, P, Never),
            FCmpOrd => row("fcmp_ord", I1, false, P, Never),
            FCmpUno => row("fcmp_uno", I1, false, P, Never),
            Sitofp => row("sitofp", F64, false, P, Never),
            CastSiToFp => row("cast.si_to_fp", F64, false, P, Never),
            CastUiToFp => row("cast.ui_to_fp", F64, false, P, Never),
            CastFpToSiRteChk => row(
                "cast.fp_to_si.rte.chk",
                RR::Annotated(Type::I64),
                false,
                P,
                FP_INT,
            ),
            CastFpToUiRteChk => row(
                "cast.fp_to_ui.rte.chk",
                RR::Annotated(Type::I64),
                false,
                P,
                FP_INT,
            ),
            CastSiNarrowChk => row(
                "cast.si_narrow.chk",
                RR::Annotated(Type::I64),
                false,
                P,
                CAST,
            ),
            CastUiNarrowChk => row(
                "cast.ui_narrow.chk",
                RR::Annotated(Type::I64),
                false,
                P,
                CAST,
            ),
            Zext1 => row("zext1", I64, false, P, Never),
            Trunc1 => row("trunc1", I1, false, P, Never),
            Alloca => row(
                "alloca",
                PTR,
                false,
                E,
                Traps::UnlessConstSize(&[K::Overflow]),
            ),
            Gep => row("gep", PTR, false, P, Never),
            Load => row("load", RR::Memory, false, R, Never),
            Store => row("store", NONE, false, E, Never),
            AddrOf => row("addr_of", PTR, false, P, Never),
            GAddr => row("gaddr", PTR, false, P, Never),
            ConstStr => row("const_str", RR::Fixed(Type::Str), false, P, Never),
            ConstNull => row("const_null", RR::Annotated(Type::Ptr), false, P, Never),
            ConstF64 => row("const.f64", F64, false, P, Never),
            Call => row("call", RR::Call, false, E, Any),
            CallIndirect => row("call.indirect", RR::Call, false, E, Any),
            Br => row("br", NONE, true, E, Never),
            Cbr => row("cbr", NONE, true, E, Never),
            SwitchI32 => row("switch.i32", NONE, true, E, Never),
            Ret => row("ret", NONE, true, E, Never),
            Trap => row("trap", NONE, true, E, Kinds(&[K::DomainError])),
            TrapFromErr => row("trap.from_err", NONE, true, E, Any),
            TrapKind => row("trap.kind", I64, false, R, Never),
            TrapErr => row("trap.err", RR::Fixed(Type::Error), false, E, Any),
            ErrGetKind => row("err.get_kind", I32, false, R, Never),
            ErrGetCode => row("err.get_code", I32, false, R, Never),
            ErrGetLine => row("err.get_line", I32, false, R, Never),
            ErrGetIp => row("err.get_ip", I64, false, R, Never),
            EhPush => row("eh.push", NONE, false, E, Never),
            EhPop => row("eh.pop", NONE, false, E, Never),
            EhEntry => row("eh.entry", NONE, false, E, Never),
            ResumeSame => row("resume.same", NONE, true, E, Never),
            ResumeNext => row("resume.next", NONE, true, E, Never),
            ResumeLabel => row("resume.label", NONE, true, E, Never),
        }
    }
}

/// How many branch targets an instruction of an opcode carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetRule {
    None,
    /// `br`, `eh.push` (its handler), `resume.label`.
    One,
    /// `cbr`: then, else.
    Two,
    /// `switch.i32`: the default plus one per case.
    DefaultPlusCases,
}

impl Opcode {
    /// (fewest, most) ordinary operands (`usize::MAX`: any number). Exhaustive: a new opcode
    /// must state its operand count.
    pub const fn arity(self) -> (usize, usize) {
        use Opcode::*;
        match self {
            IdxChk => (3, 3),
            Add | Sub | Mul | SDiv | UDiv | SRem | URem | IAddOvf | ISubOvf | IMulOvf
            | SDivChk0 | UDivChk0 | SRemChk0 | URemChk0 | And | Or | Xor | Shl | LShr | AShr
            | FAdd | FSub | FMul | FDiv | ICmpEq | ICmpNe | SCmpLt | SCmpLe | SCmpGt | SCmpGe
            | UCmpLt | UCmpLe | UCmpGt | UCmpGe | FCmpEq | FCmpNe | FCmpLt | FCmpLe | FCmpGt
            | FCmpGe | FCmpOrd | FCmpUno | Gep | Store | TrapErr => (2, 2),
            ConstNull | Trap | TrapKind | EhPop | EhEntry | Br | EhPush => (0, 0),
            Ret => (0, 1),
            Call => (0, usize::MAX),
            CallIndirect => (1, usize::MAX),
            Fptosi | Sitofp | CastSiToFp | CastUiToFp | CastFpToSiRteChk | CastFpToUiRteChk
            | CastSiNarrowChk | CastUiNarrowChk | Zext1 | Trunc1 | Alloca | Load | AddrOf
            | GAddr | ConstStr | ConstF64 | Cbr | SwitchI32 | TrapFromErr | ErrGetKind
            | ErrGetCode | ErrGetLine | ErrGetIp | ResumeSame | ResumeNext | ResumeLabel => (1, 1),
        }
    }
    /// True for the exception-handling opcodes (`eh.*`, `resume.*`, `trap.kind`, `trap.err`,
    /// `err.get_*`): what a pass that moves code between functions must not separate from its
    /// handler context. Exhaustive, like [`Opcode::arity`].
    pub const fn is_eh(self) -> bool {
        use Opcode::*;
        match self {
            EhPush | EhPop | EhEntry | ResumeSame | ResumeNext | ResumeLabel | TrapKind
            | TrapErr | ErrGetKind | ErrGetCode | ErrGetLine | ErrGetIp => true,
            Add | Sub | Mul | SDiv | UDiv | SRem | URem | Fptosi | IAddOvf | ISubOvf | IMulOvf
            | SDivChk0 | UDivChk0 | SRemChk0 | URemChk0 | IdxChk | And | Or | Xor | Shl | LShr
            | AShr | FAdd | FSub | FMul | FDiv | ICmpEq | ICmpNe | SCmpLt | SCmpLe | SCmpGt
            | SCmpGe | UCmpLt | UCmpLe | UCmpGt | UCmpGe | FCmpEq | FCmpNe | FCmpLt | FCmpLe
            | FCmpGt | FCmpGe | FCmpOrd | FCmpUno | Sitofp | CastSiToFp | CastUiToFp
            | CastFpToSiRteChk | CastFpToUiRteChk | CastSiNarrowChk | CastUiNarrowChk | Zext1
            | Trunc1 | Alloca | Gep | Load | Store | AddrOf | GAddr | ConstStr | ConstNull
            | ConstF64 | Call | CallIndirect | Br | Cbr | SwitchI32 | Ret | Trap | TrapFromErr => {
                false
            }
        }
    }
    /// How many branch targets the opcode carries. Exhaustive, like [`Opcode::arity`].
    pub const fn targets(self) -> TargetRule {
        use Opcode::*;
        match self {
            Br | EhPush | ResumeLabel => TargetRule::One,
            Cbr => TargetRule::Two,
            SwitchI32 => TargetRule::DefaultPlusCases,
            Add | Sub | Mul | SDiv | UDiv | SRem | URem | Fptosi | IAddOvf | ISubOvf | IMulOvf
            | SDivChk0 | UDivChk0 | SRemChk0 | URemChk0 | IdxChk | And | Or | Xor | Shl | LShr
            | AShr | FAdd | FSub | FMul | FDiv | ICmpEq | ICmpNe | SCmpLt | SCmpLe | SCmpGt
            | SCmpGe | UCmpLt | UCmpLe | UCmpGt | UCmpGe | FCmpEq | FCmpNe | FCmpLt | FCmpLe
            | FCmpGt | FCmpGe | FCmpOrd | FCmpUno | Sitofp | CastSiToFp | CastUiToFp
            | CastFpToSiRteChk | CastFpToUiRteChk | CastSiNarrowChk | CastUiNarrowChk | Zext1
            | Trunc1 | Alloca | Gep | Load | Store | AddrOf | GAddr | ConstStr | ConstNull
            | ConstF64 | Call | CallIndirect | Ret | Trap | TrapFromErr | TrapKind | TrapErr
            | ErrGetKind | ErrGetCode | ErrGetLine | ErrGetIp | EhPop | EhEntry | ResumeSame
            | ResumeNext => TargetRule::None,
        }
    }
}

/// Every opcode, in declaration order.
pub const ALL_OPCODES: &[Opcode] = {
    use Opcode::*;
    &[
        Add,
        Sub,
        Mul,
        SDiv,
        UDiv,
        SRem,
        URem,
        Fptosi,
        IAddOvf,
        ISubOvf,
        IMulOvf,
        SDivChk0,
        UDivChk0,
        SRemChk0,
        URemChk0,
        IdxChk,
        And,
        Or,
        Xor,
        Shl,
        LShr,
        AShr,
        FAdd,
        FSub,
        FMul,
        FDiv,
        ICmpEq,
        ICmpNe,
        SCmpLt,
        SCmpLe,
        SCmpGt,
        SCmpGe,
        UCmpLt,
        UCmpLe,
        UCmpGt,
        UCmpGe,
        FCmpEq,
        FCmpNe,
        FCmpLt,
        FCmpLe,
        FCmpGt,
        FCmpGe,
        FCmpOrd,
        FCmpUno,
        Sitofp,
        CastSiToFp,
        CastUiToFp,
        CastFpToSiRteChk,
        CastFpToUiRteChk,
        CastSiNarrowChk,
        CastUiNarrowChk,
        Zext1,
        Trunc1,
        Alloca,
        Gep,
        Load,
        Store,
        AddrOf,
        GAddr,
        ConstStr,
        ConstNull,
        ConstF64,
        Call,
        CallIndirect,
        Br,
        Cbr,
        SwitchI32,
        Ret,
        Trap,
        TrapFromErr,
        TrapKind,
        TrapErr,
        ErrGetKind,
        ErrGetCode,
        ErrGetLine,
        ErrGetIp,
        EhPush,
        EhPop,
        EhEntry,
        ResumeSame,
        ResumeNext,
        ResumeLabel,
    ]
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eh_opcodes_are_the_eh_resume_err_and_trap_value_mnemonics() {
        for &op in ALL_OPCODES {
            let n = op.info().name;
            let eh = n.starts_with("eh.")
                || n.starts_with("resume.")
                || n.starts_with("err.get_")
                || n == "trap.kind"
                || n == "trap.err";
            assert_eq!(op.is_eh(), eh, "{n}");
        }
    }

    #[test]
    fn all_opcodes_in_declaration_order_with_unique_names() {
        for (i, op) in ALL_OPCODES.iter().enumerate() {
            assert_eq!(*op as usize, i, "{op:?}");
            // The table's row is the opcode's own (it is built by position).
            assert_eq!(op.info(), op.row(), "{op:?}");
        }
        assert_eq!(ALL_OPCODES.len(), Opcode::ResumeLabel as usize + 1);
        let mut names: Vec<&str> = ALL_OPCODES.iter().map(|o| o.info().name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL_OPCODES.len());
    }

    #[test]
    fn rows_are_consistent() {
        for op in ALL_OPCODES {
            let i = op.info();
            // Terminators have no result; a pure instruction defines a result.
            if i.terminator {
                assert_eq!(i.result, ResultRule::None, "{op:?}");
            }
            if i.effect == Effect::Pure {
                assert_ne!(i.result, ResultRule::None, "{op:?}");
            }
        }
        assert!(Opcode::Alloca.info().can_trap(false));
        assert!(!Opcode::Alloca.info().can_trap(true));
        assert!(!Opcode::FAdd.info().can_trap(false));
        // Only branching terminators and `eh.push` carry targets; calls take any operand count.
        for op in ALL_OPCODES {
            let carries = op.targets() != TargetRule::None;
            assert_eq!(
                carries,
                matches!(
                    op,
                    Opcode::Br
                        | Opcode::Cbr
                        | Opcode::SwitchI32
                        | Opcode::ResumeLabel
                        | Opcode::EhPush
                ),
                "{op:?}"
            );
        }
        assert_eq!(Opcode::Call.arity(), (0, usize::MAX));
        assert_eq!(Opcode::IdxChk.arity(), (3, 3));
        assert_eq!(TrapKind::from_code(7), TrapKind::Bounds);
        assert_eq!(TrapKind::from_code(0), TrapKind::RuntimeError);
    }
}
