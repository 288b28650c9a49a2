//! The IL text reader (IL-SPEC §2, §3): line-oriented, hand-written byte scanning.
//!
//! Structure: [`parse`] splits the text into trimmed lines, pre-scans `extern`/`global`/`func`
//! headers (so symbols are interned in canonical order — externs, globals, functions — and call
//! result types are known for callees defined later), then parses every line. Module-level
//! lines are handled here; function bodies in [`body`], instructions in [`inst`].
//!
//! Invariants: never panics on any input; every error is a located [`Diagnostic`] and parsing
//! resumes at the next line, so all errors of the file are reported (sorted by position).
//! Names are resolved while parsing (IL-SPEC §5): a `%name` must refer to an earlier definition
//! (block parameters only inside their own block); block labels may be forward references and are
//! resolved when the function's `}` is reached.

mod body;
pub(crate) mod cursor;
mod inst;
pub mod literals;
pub(crate) mod mnemonic;
mod scope;

use crate::runtime_sigs;
use crate::{Diagnostic, Diagnostics, Extern, Global, Module, Span, Symbol, Type};
use cursor::{Cur, FxMap, FxSet, PResult};
use smallvec::SmallVec;

/// Signature of a callee known to the parser (for call result types and int→f64 arguments).
#[derive(Clone, Debug)]
pub(crate) struct Sig {
    pub params: SmallVec<[Type; 6]>,
    pub ret: Type,
}

/// One trimmed source line.
#[derive(Clone, Copy)]
pub(crate) struct Line<'a> {
    pub text: &'a str,
    pub no: u32,
    pub base: u32,
}

impl<'a> Line<'a> {
    pub fn cur(&self) -> Cur<'a> {
        Cur::new(self.text, self.no, self.base)
    }
}

/// Parse IL text. `file_name` is used only for messages.
pub fn parse(src: &str, file_name: &str) -> Result<Module, Diagnostics> {
    let _ = file_name;
    let lines = split_lines(src);
    let mut p = Parser {
        module: Module::default(),
        diags: Diagnostics::new(),
        syms: FxMap::default(),
        sigs: FxMap::default(),
        sig_store: Vec::new(),
        sym_sigs: Vec::new(),
        funcs_seen: FxSet::default(),
    };
    p.prescan(&lines);
    p.run(&lines);
    if p.diags.has_errors() {
        p.diags.sort();
        Err(p.diags)
    } else {
        Ok(p.module)
    }
}

/// Split into trimmed physical lines (BOM skipped, `\r` dropped), skipping blank lines and
/// whole-line comments (`#`, `//`).
fn split_lines(src: &str) -> Vec<Line<'_>> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut out = Vec::with_capacity(src.len() / 24);
    let bytes = src.as_bytes();
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    for (i, end) in ends.enumerate() {
        // `start..end` lies between '\n' bytes (or the ends), hence on char boundaries.
        let raw = &src[start..end];
        start = end + 1;
        let b = raw.as_bytes();
        let mut s = 0;
        let mut e = b.len();
        while s < e && b[s].is_ascii_whitespace() {
            s += 1;
        }
        while e > s && b[e - 1].is_ascii_whitespace() {
            e -= 1;
        }
        if s == e || b[s] == b'#' || (b[s] == b'/' && b.get(s + 1) == Some(&b'/')) {
            continue;
        }
        out.push(Line {
            text: &raw[s..e],
            no: i as u32 + 1,
            base: s as u32,
        });
    }
    out
}

/// A resolved callee signature (cached per symbol in [`Parser::sym_sigs`]).
#[derive(Clone, Copy)]
pub(crate) enum SigRef {
    /// Index into [`Parser::sig_store`].
    Module(u32),
    Runtime(&'static runtime_sigs::RuntimeSig),
    Unknown,
}

pub(crate) struct Parser<'a> {
    pub module: Module,
    pub diags: Diagnostics,
    pub syms: FxMap<&'a str, Symbol>,
    /// Header signatures by name: index into `sig_store`.
    pub sigs: FxMap<&'a str, u32>,
    pub sig_store: Vec<Sig>,
    /// Per-symbol cache of [`Parser::callee_sig`] (`None` = not resolved yet).
    pub sym_sigs: Vec<Option<SigRef>>,
    pub funcs_seen: FxSet<Symbol>,
}

/// First word of a line and the rest.
fn first_word(s: &str) -> &str {
    let end = s
        .bytes()
        .position(|c| c == b' ' || c == b'\t')
        .unwrap_or(s.len());
    &s[..end]
}

impl<'a> Parser<'a> {
    pub fn intern(&mut self, name: &'a str) -> Symbol {
        if let Some(&s) = self.syms.get(name) {
            return s;
        }
        let s = Symbol(self.module.symbols.len() as u32);
        self.module.symbols.push(name.into());
        self.syms.insert(name, s);
        s
    }

    /// Signature of a callee: module function/extern (any position in the file) or runtime.
    /// Resolved once per symbol and cached.
    pub fn callee_sig(&mut self, sym: Symbol) -> Option<(&[Type], Type)> {
        let i = sym.0 as usize;
        if self.sym_sigs.len() <= i {
            self.sym_sigs.resize(i + 1, None);
        }
        let r = match self.sym_sigs[i] {
            Some(r) => r,
            None => {
                let name = &*self.module.symbols[i];
                let r = if let Some(k) = self.sigs.get(name) {
                    SigRef::Module(*k)
                } else if let Some(rt) = runtime_sigs::lookup(name) {
                    SigRef::Runtime(rt)
                } else {
                    SigRef::Unknown
                };
                self.sym_sigs[i] = Some(r);
                r
            }
        };
        match r {
            SigRef::Module(k) => {
                let s = &self.sig_store[k as usize];
                Some((&s.params, s.ret))
            }
            SigRef::Runtime(rt) => Some((rt.params, rt.ret)),
            SigRef::Unknown => None,
        }
    }

    /// Record a header signature for `name` (`replace`: a definition wins over an extern).
    fn add_sig(&mut self, name: &'a str, sig: Sig, replace: bool) {
        match self.sigs.get(name) {
            Some(&k) if replace => self.sig_store[k as usize] = sig,
            Some(_) => {}
            None => {
                self.sigs.insert(name, self.sig_store.len() as u32);
                self.sig_store.push(sig);
            }
        }
    }

    /// Intern declared names in canonical order and record every header's signature.
    fn prescan(&mut self, lines: &[Line<'a>]) {
        let mut funcs = Vec::new();
        let mut globals = Vec::new();
        for l in lines {
            // Only `extern`/`global`/`func` lines matter; most lines are skipped on one byte.
            if !matches!(l.text.as_bytes()[0], b'e' | b'g' | b'f') {
                continue;
            }
            match first_word(l.text) {
                "extern" => {
                    if let Ok((name, params, ret, _)) = extern_header(&mut l.cur()) {
                        self.intern(name);
                        let sig = Sig {
                            params: params.into_iter().collect(),
                            ret,
                        };
                        self.add_sig(name, sig, false);
                    }
                }
                "global" => {
                    if let Ok((name, _, _)) = global_decl(&mut l.cur()) {
                        globals.push(name);
                    }
                }
                "func" => {
                    if let Ok(h) = body::func_header(&mut l.cur()) {
                        funcs.push(h.name);
                        // A function definition wins over an extern of the same name.
                        let sig = Sig {
                            params: h.params.iter().map(|p| p.1).collect(),
                            ret: h.ret,
                        };
                        self.add_sig(h.name, sig, true);
                    }
                }
                _ => {}
            }
        }
        for g in globals {
            self.intern(g);
        }
        for f in funcs {
            self.intern(f);
        }
    }

    fn run(&mut self, lines: &[Line<'a>]) {
        let mut i = 0;
        let mut seen_version = false;
        while i < lines.len() {
            let l = lines[i];
            i += 1;
            let mut c = l.cur();
            let word = first_word(l.text);
            if !seen_version {
                if word == "il" {
                    seen_version = true;
                    c.pos = 2;
                    c.skip_ws();
                    let v = c.take_while(|ch| ch != b' ' && ch != b'\t');
                    if v.is_empty() {
                        self.diags
                            .error(c.span(), "expected a version after 'il'".to_string());
                    }
                    // Text after the version token is ignored (IL-SPEC §3.1).
                    self.module.version = v.to_string();
                    continue;
                }
                self.diags.error(
                    c.span(),
                    "expected the version header 'il <version>' as the first line",
                );
                seen_version = true;
            }
            let r = match word {
                "il" => c.err(0, "duplicate version header"),
                "target" => self.target(&mut c),
                "extern" => self.extern_decl(&mut c),
                "global" => self.global(&mut c),
                "func" => {
                    i = body::function(self, lines, i - 1);
                    Ok(())
                }
                _ => c.err(0, format!("unexpected line '{}'", l.text)),
            };
            if let Err(d) = r {
                self.diags.push(*d);
            }
        }
        if !seen_version {
            self.diags.error(
                Span { line: 1, col: 1 },
                "missing version header 'il <version>'",
            );
        }
    }

    fn target(&mut self, c: &mut Cur<'a>) -> PResult<()> {
        c.pos = "target".len();
        c.skip_ws();
        if c.peek() != Some(b'"') {
            return c.err(c.pos, "target triple must be a quoted string");
        }
        let bytes = quoted(c)?;
        c.end()?;
        if self.module.target.is_some() {
            return c.err(0, "duplicate target line");
        }
        self.module.target = Some(String::from_utf8_lossy(&bytes).into_owned());
        Ok(())
    }

    fn extern_decl(&mut self, c: &mut Cur<'a>) -> PResult<()> {
        let (name, params, ret, span) = extern_header(c)?;
        let sym = self.intern(name);
        if self.module.externs.iter().any(|e| e.name == sym) {
            return Err(Box::new(Diagnostic::error(
                span,
                format!("duplicate extern @{name}"),
            )));
        }
        self.module.externs.push(Extern {
            name: sym,
            params,
            ret,
            span: c.span_at(0),
        });
        Ok(())
    }

    fn global(&mut self, c: &mut Cur<'a>) -> PResult<()> {
        let (name, bytes, _) = global_decl(c)?;
        let sym = self.intern(name);
        self.module.globals.push(Global {
            name: sym,
            bytes,
            span: c.span_at(0),
        });
        Ok(())
    }
}

/// `"…"` starting at the cursor (which is on the opening quote); returns unescaped bytes.
pub(crate) fn quoted(c: &mut Cur<'_>) -> PResult<Vec<u8>> {
    let start = c.pos;
    let mut i = start + 1;
    while i < c.b.len() {
        match c.b[i] {
            b'\\' => i += 2,
            b'"' => break,
            _ => i += 1,
        }
    }
    if i >= c.b.len() {
        return c.err(start, "unterminated string literal");
    }
    let body = &c.b[start + 1..i];
    c.pos = i + 1;
    literals::unescape(body)
        .map_err(|(off, msg)| Box::new(Diagnostic::error(c.span_at(start + 1 + off), msg)))
}

/// `extern @name(types) -> type` → (name, params, ret, name span).
fn extern_header<'a>(c: &mut Cur<'a>) -> PResult<(&'a str, Vec<Type>, Type, Span)> {
    c.pos = "extern".len();
    c.skip_ws();
    let span = c.span();
    let name = header_name(c)?;
    c.expect(b'(', "'('")?;
    let mut params = Vec::new();
    if !c.eat(b')') {
        loop {
            let start = c.pos;
            let t = c.ty()?;
            if t == Type::Void {
                return c.err(start, "extern parameter type must not be void");
            }
            params.push(t);
            if c.eat(b')') {
                break;
            }
            c.expect(b',', "',' or ')'")?;
        }
    }
    c.skip_ws();
    if !(c.eat(b'-') && c.peek() == Some(b'>')) {
        return c.err(c.pos, "expected '->' and a return type");
    }
    c.pos += 1;
    let ret = c.ty()?;
    c.end()?;
    Ok((name, params, ret, span))
}

/// `@name` in a header: text up to `(` (or `=`), trimmed; must be a valid operand-style name so
/// that it can be referenced.
pub(crate) fn header_name<'a>(c: &mut Cur<'a>) -> PResult<&'a str> {
    if !c.eat(b'@') {
        return c.err(c.pos, "expected '@name'");
    }
    let start = c.pos;
    let name = c.name("a name after '@'")?;
    c.skip_ws();
    match c.peek() {
        Some(b'(') | Some(b'=') => Ok(name),
        _ => c.err(start, format!("invalid name '@{}'", &c.s[start..])),
    }
}

/// `global [const] str @name = "…"` → (name, bytes, name span).
fn global_decl<'a>(c: &mut Cur<'a>) -> PResult<(&'a str, Vec<u8>, Span)> {
    c.pos = "global".len();
    c.eat_word("const");
    c.skip_ws();
    let tpos = c.pos;
    let t = c.ty()?;
    if t != Type::Str {
        return c.err(
            tpos,
            format!("unsupported global type '{t}' (expected 'str')"),
        );
    }
    c.skip_ws();
    let span = c.span();
    let name = header_name(c)?;
    c.expect(b'=', "'='")?;
    c.skip_ws();
    // The literal runs from the first '"' to the last '"' on the line (IL-SPEC §3.4).
    let open = c.pos;
    if c.peek() != Some(b'"') {
        return c.err(open, "expected a quoted string initialiser");
    }
    let close = c.b.len() - 1;
    if close == open || c.b[close] != b'"' {
        return c.err(open, "unterminated string literal");
    }
    let bytes = literals::unescape(&c.b[open + 1..close])
        .map_err(|(off, msg)| Box::new(Diagnostic::error(c.span_at(open + 1 + off), msg)))?;
    c.pos = close + 1;
    Ok((name, bytes, span))
}
