//! Error type shared by every stage of code generation.
//!
//! Errors that point at IL carry the IL source position so the driver can print
//! `file:line:col: error: …` with the offending line.

use il::Span;

/// A code-generation failure.
#[derive(Debug, thiserror::Error)]
pub enum CodegenError {
    /// The IL uses a construct this target cannot compile (never silently skipped).
    #[error("unsupported: {message}")]
    Unsupported { message: String, span: Span },
    /// An internal invariant failed (a bug in the compiler, reported instead of panicking).
    #[error("internal compiler error: {0}")]
    Internal(String),
    /// An external tool (assembler, linker, emulator) is missing or failed.
    #[error("{0}")]
    Tool(String),
    /// Any other failure with a message.
    #[error("{0}")]
    Other(String),
}

impl CodegenError {
    pub fn unsupported(message: impl Into<String>, span: Span) -> Self {
        CodegenError::Unsupported {
            message: message.into(),
            span,
        }
    }
    /// The IL position this error points at, if any.
    pub fn span(&self) -> Option<Span> {
        match self {
            CodegenError::Unsupported { span, .. } => Some(*span),
            _ => None,
        }
    }
}
