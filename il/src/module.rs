//! The in-memory Viper IL module: a compact, index-based representation.
//!
//! Invariants:
//! - Every name that can be referenced with `@` (functions, externs, globals, and any `@name` operand)
//!   is interned once per module as a [`Symbol`]; compare symbols, not strings.
//! - Values (`%name`) are function-local and identified by [`ValueId`], an index into
//!   [`Function::values`]. Each value has exactly one definition: a block parameter or an
//!   instruction result. Header parameters of a function are bound to the entry block's parameters
//!   (IL-SPEC §3.5); [`Function::params`] keeps the header's declared names/types for printing.
//! - Blocks are identified by [`BlockId`], an index into [`Function::blocks`]; block 0 is the entry.
//! - Floats are stored as raw IEEE bits so that equality (and round-trips) are exact, NaN included.
//! - An instruction's [`Inst::origin`] is `None` unless a transformation moved it out of the
//!   function/block/position it was written at (then it names that position, for traps).
//! - Nothing here is validated; the verifier (`crate::verify`) establishes the IL-SPEC rules.

pub use crate::name::Name;
use smallvec::SmallVec;
/// The vector of an instruction's branch targets and case values (re-exported for the crates that
/// build instructions).
pub use thin_vec::{thin_vec, ThinVec};

/// An IL type (IL-SPEC §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Void,
    I1,
    I16,
    I32,
    I64,
    F64,
    Ptr,
    Str,
    Error,
    ResumeTok,
}

impl Type {
    /// Size in bytes of a value of this type in memory (0 for `void`).
    pub fn size(self) -> u32 {
        match self {
            Type::Void => 0,
            Type::I1 => 1,
            Type::I16 => 2,
            Type::I32 => 4,
            _ => 8,
        }
    }
    /// True for the integer types `i1 i16 i32 i64`.
    pub fn is_int(self) -> bool {
        matches!(self, Type::I1 | Type::I16 | Type::I32 | Type::I64)
    }
    /// Canonical spelling, as the printer writes it.
    pub fn name(self) -> &'static str {
        match self {
            Type::Void => "void",
            Type::I1 => "i1",
            Type::I16 => "i16",
            Type::I32 => "i32",
            Type::I64 => "i64",
            Type::F64 => "f64",
            Type::Ptr => "ptr",
            Type::Str => "str",
            Type::Error => "error",
            Type::ResumeTok => "resume_tok",
        }
    }
}

impl std::fmt::Display for Type {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// An interned `@name` (index into [`Module::symbols`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Symbol(pub u32);

/// A function-local SSA value (index into [`Function::values`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ValueId(pub u32);

/// A block of a function (index into [`Function::blocks`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockId(pub u32);

impl ValueId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
impl BlockId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Position in the source text (1-based line and column) used for diagnostics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub line: u32,
    pub col: u32,
}

/// A `.loc <file> <line> <col>` source location attached to an instruction (IL-SPEC §3.9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SrcLoc {
    pub file: u32,
    pub line: u32,
    pub col: u32,
}

/// An instruction operand.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    /// `%name`.
    Value(ValueId),
    /// An integer literal (also `true`/`false`, see [`Operand::Bool`]).
    Int(i64),
    /// `true` / `false` (type `i1`).
    Bool(bool),
    /// A float literal, as raw IEEE-754 bits.
    F64(u64),
    /// `null`.
    Null,
    /// An inline string literal `"..."` (unescaped bytes; doubly boxed so that an operand
    /// stays 16 bytes — string operands are rare, instructions are many).
    Str(Box<Vec<u8>>),
    /// `@name` used as an operand (`const_str`, `addr_of`, `gaddr`, `call.indirect`).
    Sym(Symbol),
}

impl Operand {
    pub fn f64(v: f64) -> Operand {
        Operand::F64(v.to_bits())
    }
    pub fn as_value(&self) -> Option<ValueId> {
        match self {
            Operand::Value(v) => Some(*v),
            _ => None,
        }
    }
}

/// A branch target `label(args…)`.
#[derive(Clone, Debug, PartialEq)]
pub struct BranchTarget {
    pub block: BlockId,
    pub args: SmallVec<[Operand; 2]>,
}

/// Every IL opcode (IL-SPEC §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Opcode {
    // Plain arithmetic: parsed, rejected by the verifier (IL-SPEC §7.1/§7.2), wrapping if lowered.
    Add,
    Sub,
    Mul,
    SDiv,
    UDiv,
    SRem,
    URem,
    Fptosi,
    // Checked arithmetic.
    IAddOvf,
    ISubOvf,
    IMulOvf,
    SDivChk0,
    UDivChk0,
    SRemChk0,
    URemChk0,
    IdxChk,
    // Bitwise.
    And,
    Or,
    Xor,
    Shl,
    LShr,
    AShr,
    // Float arithmetic.
    FAdd,
    FSub,
    FMul,
    FDiv,
    // Integer compares.
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
    // Float compares.
    FCmpEq,
    FCmpNe,
    FCmpLt,
    FCmpLe,
    FCmpGt,
    FCmpGe,
    FCmpOrd,
    FCmpUno,
    // Conversions. `Sitofp` and `CastSiToFp` are the same operation spelled two ways.
    Sitofp,
    CastSiToFp,
    CastUiToFp,
    CastFpToSiRteChk,
    CastFpToUiRteChk,
    CastSiNarrowChk,
    CastUiNarrowChk,
    Zext1,
    Trunc1,
    // Memory and constants.
    Alloca,
    Gep,
    Load,
    Store,
    AddrOf,
    GAddr,
    ConstStr,
    ConstNull,
    ConstF64,
    // Calls.
    Call,
    CallIndirect,
    // Terminators.
    Br,
    Cbr,
    SwitchI32,
    Ret,
    Trap,
    TrapFromErr,
    // Error handling.
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
}

impl Opcode {
    /// The mnemonic as written in IL text (from the opcode table, [`Opcode::info`]).
    pub fn mnemonic(self) -> &'static str {
        self.info().name
    }
    /// Look up a mnemonic.
    pub fn from_mnemonic(s: &str) -> Option<Opcode> {
        crate::parse::mnemonic::lookup(s.as_bytes())
    }
    /// True for block terminators.
    pub fn is_terminator(self) -> bool {
        self.info().terminator
    }
}

/// One instruction.
///
/// Operand conventions per opcode (all positions refer to `operands` unless noted):
/// - binary ops, compares: `[a, b]`; unary ops and casts: `[x]`; `idx.chk`: `[idx, lo, hi]`.
/// - `alloca`: `[size]`; `gep`: `[ptr, offset]`; `load`: `[ptr]`, `ty` = loaded type;
///   `store`: `[ptr, value]`, `ty` = stored type.
/// - `addr_of`/`gaddr`/`const_str`: `[Sym]`; `const_null`: `[]`; `const.f64`: `[F64]`.
/// - `call`: `callee` = Some(symbol), `operands` = arguments.
/// - `call.indirect`: `operands[0]` = callee (a `Sym` or a `ptr` value), `operands[1..]` = arguments.
/// - `br`: `targets[0]`; `cbr`: `operands = [cond]`, `targets = [then, else]`;
///   `switch.i32`: `operands = [scrutinee]`, `targets[0]` = default, `targets[1..]` pair with `cases`.
/// - `ret`: `[]` or `[value]`; `trap`: `[]`; `trap.from_err`: `[code]` (`ty` = i32).
/// - `trap.err`: `[code, msg]`; `err.get_*`: `[err]`; `eh.push`: `targets[0]` = handler (no args).
/// - `resume.same`/`resume.next`: `[tok]`; `resume.label`: `[tok]`, `targets[0]` = destination.
///
/// `ty` is the instruction type: the result type (after any `%r:T` annotation), the memory type of
/// `load`/`store`, `i32` for `trap.from_err`, or `Void` when there is no result.
/// `annotated` records whether the result type came from an explicit `%r:T =` annotation.
/// For `iadd.ovf/isub.ovf/imul.ovf/sdiv.chk0/udiv.chk0/srem.chk0/urem.chk0` an annotation
/// `%r:i16`/`%r:i32` selects the checking width: `ty` is that width while the result *value*
/// is typed `i64` (IL-SPEC §7.1; the corpus relies on it). An `@name` operand is also accepted
/// where a `ptr` value is expected (e.g. `store ptr, %p, @F` in the corpus): its address.
#[derive(Clone, Debug, PartialEq)]
pub struct Inst {
    pub op: Opcode,
    pub result: Option<ValueId>,
    pub ty: Type,
    pub annotated: bool,
    pub operands: SmallVec<[Operand; 2]>,
    pub callee: Option<Symbol>,
    /// Branch targets (heap-allocated: only terminators and `eh.push` have any; a thin vector,
    /// one pointer whose length lives with the elements, keeps `Inst` small).
    pub targets: ThinVec<BranchTarget>,
    /// `switch.i32` case values (a thin vector: most instructions have none).
    pub cases: ThinVec<i32>,
    /// The `.loc` in force for this instruction, if any.
    pub loc: Option<SrcLoc>,
    /// Where the instruction starts in the IL text.
    pub span: Span,
    /// Where the instruction was written, when a transformation (the inliner) moved it:
    /// `None` = its own function, block and index. Trap messages and error records name this
    /// position. Not spelled by the printer or read by the parser (a printed module loses it).
    pub origin: Option<Box<Origin>>,
}

/// The position an instruction was written at (function, block label, index in the block),
/// kept when it is moved elsewhere (see [`Inst::origin`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub func: Symbol,
    /// The block's label (a [`Name`]: no allocation for a short label).
    pub block: Name,
    pub ip: u32,
}

impl Inst {
    pub fn new(op: Opcode, span: Span) -> Inst {
        Inst {
            op,
            result: None,
            ty: Type::Void,
            annotated: false,
            operands: SmallVec::new(),
            callee: None,
            targets: ThinVec::new(),
            cases: ThinVec::new(),
            loc: None,
            span,
            origin: None,
        }
    }
}

/// A basic block with its parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// The label (short labels are stored inline, see [`Name`]).
    pub label: Name,
    pub params: Vec<ValueId>,
    pub insts: Vec<Inst>,
    /// The header was written with the `handler` keyword (printing only; IL-SPEC §3.6).
    pub handler_kw: bool,
    pub span: Span,
}

/// Name and type of an SSA value.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueData {
    /// The name without `%` (short names are stored inline, see [`Name`]).
    pub name: Name,
    pub ty: Type,
}

/// A declared header parameter (`i64 %n`).
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: Box<str>,
    pub ty: Type,
}

/// A function definition.
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub name: Symbol,
    pub params: Vec<Param>,
    pub ret: Type,
    pub blocks: Vec<Block>,
    pub values: Vec<ValueData>,
    pub span: Span,
}

impl Function {
    /// This function without its body (name, parameters, return type, span): what lowering may
    /// read of functions other than the one it lowers, and what the rest of a compilation needs
    /// of it once its IL has been compiled.
    pub fn header(&self) -> Function {
        Function {
            name: self.name,
            params: self.params.clone(),
            ret: self.ret,
            blocks: Vec::new(),
            values: Vec::new(),
            span: self.span,
        }
    }
    pub fn value(&self, v: ValueId) -> &ValueData {
        &self.values[v.index()]
    }
    /// The IL type of operand `op` in this function (literals: `i64`, `i1`, `f64`, `str`, `ptr`).
    pub fn operand_type(&self, op: &Operand) -> Type {
        match op {
            Operand::Value(v) => self.values.get(v.index()).map_or(Type::I64, |d| d.ty),
            Operand::Bool(_) => Type::I1,
            Operand::F64(_) => Type::F64,
            Operand::Str(_) => Type::Str,
            Operand::Null | Operand::Sym(_) => Type::Ptr,
            Operand::Int(_) => Type::I64,
        }
    }
    pub fn value_type(&self, v: ValueId) -> Type {
        self.values[v.index()].ty
    }
    pub fn block(&self, b: BlockId) -> &Block {
        &self.blocks[b.index()]
    }
    /// The values bound to the function's arguments: the entry block's parameters.
    pub fn arg_values(&self) -> &[ValueId] {
        self.blocks
            .first()
            .map(|b| b.params.as_slice())
            .unwrap_or(&[])
    }
}

/// `extern @name(types) -> type`.
#[derive(Clone, Debug, PartialEq)]
pub struct Extern {
    pub name: Symbol,
    pub params: Vec<Type>,
    pub ret: Type,
    pub span: Span,
}

/// `global const str @name = "bytes"` (unescaped bytes, without a terminating NUL).
#[derive(Clone, Debug, PartialEq)]
pub struct Global {
    pub name: Symbol,
    pub bytes: Vec<u8>,
    pub span: Span,
}

/// A whole IL module.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Module {
    pub version: String,
    pub target: Option<String>,
    pub externs: Vec<Extern>,
    pub globals: Vec<Global>,
    pub functions: Vec<Function>,
    /// Interned `@` names; [`Symbol`] indexes this.
    pub symbols: Vec<Box<str>>,
}

impl Module {
    /// This module with every function reduced to its [`Function::header`].
    pub fn headers(&self) -> Module {
        Module {
            version: self.version.clone(),
            target: self.target.clone(),
            externs: self.externs.clone(),
            globals: self.globals.clone(),
            functions: self.functions.iter().map(Function::header).collect(),
            symbols: self.symbols.clone(),
        }
    }

    /// Free the module, its functions in parallel: a large module is thousands of small
    /// allocations, and freeing them serially is a visible share of a short compilation.
    pub fn drop_in_parallel(self) {
        use rayon::prelude::*;
        self.functions.into_par_iter().for_each(drop);
    }
    /// A copy of the module, its functions copied in parallel (the same value as `clone`).
    pub fn clone_in_parallel(&self) -> Module {
        use rayon::prelude::*;
        Module {
            version: self.version.clone(),
            target: self.target.clone(),
            externs: self.externs.clone(),
            globals: self.globals.clone(),
            functions: self.functions.par_iter().cloned().collect(),
            symbols: self.symbols.clone(),
        }
    }
    pub fn sym_name(&self, s: Symbol) -> &str {
        &self.symbols[s.0 as usize]
    }
    /// Look up an interned symbol by name (linear; builders should keep their own map).
    pub fn find_symbol(&self, name: &str) -> Option<Symbol> {
        self.symbols
            .iter()
            .position(|s| &**s == name)
            .map(|i| Symbol(i as u32))
    }
    pub fn function(&self, s: Symbol) -> Option<&Function> {
        self.functions.iter().find(|f| f.name == s)
    }
    pub fn extern_decl(&self, s: Symbol) -> Option<&Extern> {
        self.externs.iter().find(|e| e.name == s)
    }
    pub fn global(&self, s: Symbol) -> Option<&Global> {
        self.globals.iter().find(|g| g.name == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Instructions are the bulk of a module (a 2.3 MB text holds 54k): their size is kept
    /// down on purpose (operands inline, targets and cases out of line in thin vectors).
    #[test]
    fn instructions_stay_small() {
        assert!(
            std::mem::size_of::<Inst>() <= 112,
            "{}",
            std::mem::size_of::<Inst>()
        );
        assert_eq!(std::mem::size_of::<Operand>(), 16);
    }

    #[test]
    fn every_mnemonic_parses_back() {
        for &op in crate::ALL_OPCODES {
            assert_eq!(Opcode::from_mnemonic(op.mnemonic()), Some(op));
        }
    }
}
