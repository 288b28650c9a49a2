//! il-interp: a reference interpreter for verified Viper IL modules (IL-SPEC §4–§7, §9), used as
//! the oracle of the differential tester, plus a seeded generator of random valid IL programs
//! ([`gen`]) and a test-case minimiser ([`minimize`]).
//!
//! Public contract: [`run`] executes `@main` of a module that passed `il::verify` and returns its
//! stdout, exit status (main's result `& 0xFF`, or 1 after an unhandled trap) and the trap, if
//! any. Constructs outside the supported subset (most runtime functions) give
//! [`InterpError::Unsupported`], never a wrong answer. Nothing panics on any module.

pub mod exec;
pub mod fmt;
pub mod gen;
pub mod mem;
pub mod minimize;
pub mod ops;
mod runtime;

pub use ops::TrapKind;

/// Why the interpreter could not produce an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InterpError {
    /// A construct this interpreter does not implement (e.g. an unsupported runtime function).
    Unsupported(String),
    /// An access outside any allocation (undefined behaviour natively).
    Memory(String),
    /// The step budget ran out (probably an infinite loop).
    StepLimit(u64),
    /// The module is not well formed (it would not pass the verifier).
    Malformed(String),
}

impl std::fmt::Display for InterpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InterpError::Unsupported(s) => write!(f, "unsupported: {s}"),
            InterpError::Memory(s) => write!(f, "memory error: {s}"),
            InterpError::StepLimit(n) => write!(f, "step limit of {n} instructions exceeded"),
            InterpError::Malformed(s) => write!(f, "malformed module: {s}"),
        }
    }
}

impl std::error::Error for InterpError {}

/// An unhandled trap: what happened and where (innermost frame).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrapInfo {
    pub kind: TrapKind,
    pub code: i32,
    pub detail: Option<String>,
    pub func: String,
    pub block: String,
    pub ip: usize,
    pub line: Option<u32>,
}

impl TrapInfo {
    /// The VM's one-line diagnostic (IL-SPEC §9.2).
    pub fn message(&self) -> String {
        let mut s = format!("Trap @{}:{}#{}", self.func, self.block, self.ip);
        if let Some(l) = self.line {
            s.push_str(&format!(" line {l}"));
        }
        s.push_str(&format!(": {} (code={})", self.kind.name(), self.code));
        if let Some(d) = &self.detail {
            s.push_str(&format!(": {d}"));
        }
        s
    }
}

/// The observable result of running a program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: Vec<u8>,
    pub exit_code: i32,
    pub trap: Option<TrapInfo>,
}

/// Default instruction budget of [`run`].
pub const DEFAULT_STEP_LIMIT: u64 = 50_000_000;

/// Run `@main` of a verified module.
pub fn run(m: &il::Module) -> Result<Outcome, InterpError> {
    run_with_limit(m, DEFAULT_STEP_LIMIT)
}

/// Like [`run`] with an explicit instruction budget.
pub fn run_with_limit(m: &il::Module, step_limit: u64) -> Result<Outcome, InterpError> {
    exec::Machine::new(m, step_limit).run_main()
}
