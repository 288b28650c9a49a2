//! A byte-level cursor over one (already trimmed) source line, plus the small lexical
//! helpers shared by the module-level and instruction parsers.
//!
//! Invariants: `pos` always lies on a char boundary of the line (the cursor only stops on
//! ASCII delimiters or at the end), so slicing `&line[a..pos]` is always valid. Columns are
//! 1-based byte offsets within the physical line (`base` = offset of the trimmed start).

use crate::{Diagnostic, Span, Type};

/// Parser result; the diagnostic is boxed so that results stay register-sized on the hot
/// (successful) path.
pub type PResult<T> = Result<T, Box<Diagnostic>>;

/// Character classes, one bit each, in a 256-entry table (the scanners' hot loops).
const NAME_START: u8 = 1;
const NAME_CHAR: u8 = 2;
const LABEL_CHAR: u8 = 4;
const WORD_CHAR: u8 = 8;

const fn class_table() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        let mut k = 0;
        if c.is_ascii_alphabetic() || c == b'_' || c == b'.' {
            k |= NAME_START;
        }
        if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'$' | b'#' | b'%') {
            k |= NAME_CHAR;
        }
        if !(c.is_ascii_whitespace() || matches!(c, b'(' | b')' | b',' | b':' | b'"' | b'^')) {
            k |= LABEL_CHAR;
        }
        if c.is_ascii_alphanumeric() || c == b'_' {
            k |= WORD_CHAR;
        }
        t[i] = k;
        i += 1;
    }
    t
}
static CLASS: [u8; 256] = class_table();

/// True for the first character of an operand-style name (`[A-Za-z_.]`).
#[inline]
pub fn is_name_start(c: u8) -> bool {
    CLASS[c as usize] & NAME_START != 0
}
/// True for later characters of an operand-style name (`[A-Za-z0-9_.$#%]`).
#[inline]
pub fn is_name_char(c: u8) -> bool {
    CLASS[c as usize] & NAME_CHAR != 0
}
/// True for characters that may appear in a block label.
#[inline]
pub fn is_label_char(c: u8) -> bool {
    CLASS[c as usize] & LABEL_CHAR != 0
}
/// True for characters of a keyword/type word (`[A-Za-z0-9_]`).
#[inline]
pub fn is_word_char(c: u8) -> bool {
    CLASS[c as usize] & WORD_CHAR != 0
}

/// Parse a type keyword (IL-SPEC §3.10).
pub fn type_from_str(s: &str) -> Option<Type> {
    Some(match s {
        "void" => Type::Void,
        "i1" => Type::I1,
        "i16" => Type::I16,
        "i32" => Type::I32,
        "i64" => Type::I64,
        "f64" => Type::F64,
        "ptr" => Type::Ptr,
        "str" => Type::Str,
        "error" | "Error" => Type::Error,
        "resume_tok" | "ResumeTok" => Type::ResumeTok,
        _ => return None,
    })
}

pub struct Cur<'a> {
    pub s: &'a str,
    pub b: &'a [u8],
    pub pos: usize,
    pub line: u32,
    /// Byte offset of `s` within its physical line (for columns).
    pub base: u32,
}

impl<'a> Cur<'a> {
    pub fn new(s: &'a str, line: u32, base: u32) -> Self {
        Cur {
            s,
            b: s.as_bytes(),
            pos: 0,
            line,
            base,
        }
    }
    pub fn span_at(&self, pos: usize) -> Span {
        Span {
            line: self.line,
            col: self.base + pos as u32 + 1,
        }
    }
    pub fn span(&self) -> Span {
        self.span_at(self.pos)
    }
    pub fn err<T>(&self, pos: usize, msg: impl Into<String>) -> PResult<T> {
        Err(Box::new(Diagnostic::error(self.span_at(pos), msg)))
    }
    // The scanners below are inlined into every call site on purpose: each site then has its
    // own branches, which predict well (after a ',' there is one blank, before one there is
    // none); one shared copy's loop exits were mispredicted about once per call.
    #[inline(always)]
    pub fn skip_ws(&mut self) {
        while self.pos < self.b.len() && (self.b[self.pos] == b' ' || self.b[self.pos] == b'\t') {
            self.pos += 1;
        }
    }
    #[inline(always)]
    pub fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }
    pub fn at_end(&self) -> bool {
        self.pos >= self.b.len()
    }
    /// Skip blanks, then consume `c` if it is next.
    #[inline(always)]
    pub fn eat(&mut self, c: u8) -> bool {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    /// Skip blanks, then require `c`.
    #[inline(always)]
    pub fn expect(&mut self, c: u8, what: &str) -> PResult<()> {
        if self.eat(c) {
            Ok(())
        } else {
            self.err(self.pos, format!("expected {what}"))
        }
    }
    /// Skip blanks, then consume the keyword `w` when followed by a non-name character.
    pub fn eat_word(&mut self, w: &str) -> bool {
        self.skip_ws();
        let end = self.pos + w.len();
        if self.b.len() >= end
            && &self.b[self.pos..end] == w.as_bytes()
            && self.b.get(end).is_none_or(|&c| !is_name_char(c))
        {
            self.pos = end;
            true
        } else {
            false
        }
    }
    /// Consume characters while `f` holds; returns the slice.
    #[inline(always)]
    pub fn take_while(&mut self, f: impl Fn(u8) -> bool) -> &'a str {
        let start = self.pos;
        while self.pos < self.b.len() && f(self.b[self.pos]) {
            self.pos += 1;
        }
        &self.s[start..self.pos]
    }
    /// An operand-style name (after its sigil): `[A-Za-z_.][A-Za-z0-9_.$#%]*`.
    #[inline(always)]
    pub fn name(&mut self, what: &str) -> PResult<&'a str> {
        match self.peek() {
            Some(c) if is_name_start(c) => Ok(self.take_while(is_name_char)),
            _ => self.err(self.pos, format!("expected {what}")),
        }
    }
    /// Skip blanks and parse a type keyword.
    pub fn ty(&mut self) -> PResult<Type> {
        self.skip_ws();
        let start = self.pos;
        let w = self.take_while(is_word_char);
        match type_from_str(w) {
            Some(t) => Ok(t),
            None if w.is_empty() => self.err(start, "expected a type"),
            None => self.err(start, format!("unknown type '{w}'")),
        }
    }
    /// Require that only blanks remain.
    pub fn end(&mut self) -> PResult<()> {
        self.skip_ws();
        if self.at_end() {
            Ok(())
        } else {
            self.err(
                self.pos,
                format!("unexpected trailing text '{}'", &self.s[self.pos..]),
            )
        }
    }
}

pub use crate::hash::{FxMap, FxSet};

#[cfg(test)]
mod tests {
    use super::type_from_str;
    use crate::Type;

    /// Every type's spelling and the capitalised aliases read back; near misses do not.
    #[test]
    fn type_keywords() {
        use Type::*;
        for t in [Void, I1, I16, I32, I64, F64, Ptr, Str, Error, ResumeTok] {
            assert_eq!(type_from_str(t.name()), Some(t));
        }
        assert_eq!(type_from_str("Error"), Some(Error));
        assert_eq!(type_from_str("ResumeTok"), Some(ResumeTok));
        for w in ["", "i", "i6", "i640", "I64", "f32", "pt", "ptrs", "resume"] {
            assert_eq!(type_from_str(w), None, "{w}");
        }
    }
}
