//! Located diagnostics: `file:line:col: error: message`, then the source line and a caret.
//!
//! A [`Diagnostics`] collects every problem found in one file; rendering needs the source text
//! to quote the offending line.

use crate::Span;
use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One message at one position (line/col 1-based; line 0 = no position).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub span: Span,
    pub message: String,
}

impl Diagnostic {
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span,
            message: message.into(),
        }
    }
    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            span,
            message: message.into(),
        }
    }

    /// Render as `file:line:col: error: message`, the source line, and a caret under the column
    /// (an empty line when the position is past the end of the text).
    pub fn render(&self, file: &str, source: &str) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = String::new();
        if self.span.line == 0 {
            let _ = writeln!(out, "{file}: {sev}: {}", self.message);
            return out;
        }
        let _ = writeln!(
            out,
            "{file}:{}:{}: {sev}: {}",
            self.span.line, self.span.col, self.message
        );
        // A position just past the text (an empty file, a missing closing line) quotes an
        // empty line, so the caret is still shown.
        let text = source
            .lines()
            .nth(self.span.line as usize - 1)
            .unwrap_or("");
        let text = text.trim_end_matches('\r');
        let _ = writeln!(out, "{text}");
        let col = (self.span.col.max(1) - 1) as usize;
        let mut pad: String = text
            .chars()
            .take(col)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let short = col.saturating_sub(pad.chars().count());
        pad.push_str(&" ".repeat(short));
        let _ = writeln!(out, "{pad}^");
        out
    }
}

/// Every diagnostic of one file, in source order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn error(&mut self, span: Span, message: impl Into<String>) {
        self.items.push(Diagnostic::error(span, message));
    }
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// Sort by position (stable) so output follows the file.
    pub fn sort(&mut self) {
        self.items.sort_by_key(|d| (d.span.line, d.span.col));
    }
    /// Render all diagnostics (see [`Diagnostic::render`]).
    pub fn render(&self, file: &str, source: &str) -> String {
        self.items.iter().map(|d| d.render(file, source)).collect()
    }
}

impl std::fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for d in &self.items {
            writeln!(f, "{}:{}: {}", d.span.line, d.span.col, d.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
