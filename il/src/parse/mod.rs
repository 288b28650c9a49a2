//! The IL text reader (IL-SPEC §2, §3): line-oriented, hand-written byte scanning.
//!
//! Structure: [`parse`] outlines the text ([`outline`]: its module-level lines, where each
//! function body lies and the name and signature in its header), pre-scans the `extern` and
//! `global` lines among the module-level lines (so symbols are interned in canonical order —
//! externs, globals, functions — and call result types are known for callees defined later),
//! then reads the module-level lines here
//! and the function bodies in [`body`] (instructions in [`inst`]); an `extern`/`global` line
//! inside a body is a body line (an error there), not a declaration.
//!
//! Parallelism (rayon): the outline, the header pre-scan and function bodies run in parallel;
//! a body sees the pre-scanned symbols read-only ([`BodyCx`]) and gives names it mentions first
//! provisional numbers, which [`Parser::join`] replaces — bodies joined in file order — by the
//! numbers a one-pass reader would give. The module and the diagnostics are therefore the same
//! for every thread count (tests below).
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
mod outline;
mod scope;

use crate::runtime_sigs;
use crate::{Diagnostic, Diagnostics, Extern, Global, Module, Span, Symbol, Type};
use cursor::{Cur, FxMap, PResult};
use outline::{Lines, Outline};
use rayon::prelude::*;
use smallvec::SmallVec;

/// Signature of a callee known to the parser (for call result types and int→f64 arguments).
#[derive(Clone, Debug)]
pub(crate) struct Sig {
    pub params: SmallVec<[Type; 6]>,
    pub ret: Type,
}

/// Parse IL text. `file_name` is used only for messages.
pub fn parse(src: &str, file_name: &str) -> Result<Module, Diagnostics> {
    let _ = file_name;
    check_size(src.len())?;
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut outline = outline::outline(src);
    let mut p = Parser {
        module: Module::default(),
        diags: Diagnostics::new(),
        syms: FxMap::default(),
        sig_store: Vec::new(),
        sym_sigs: Vec::new(),
        funcs_seen: Vec::new(),
        externs_seen: Vec::new(),
        headers: Vec::new(),
    };
    p.prescan(&mut outline);
    p.run(&outline);
    if p.diags.has_errors() {
        p.diags.sort();
        Err(p.diags)
    } else {
        Ok(p.module)
    }
}

/// Marks `sym` in `seen` (a flag per symbol, grown to `symbols` entries as needed); whether it
/// was marked already.
fn seen_before(seen: &mut Vec<bool>, sym: Symbol, symbols: usize) -> bool {
    let k = sym.0 as usize;
    if seen.len() <= k {
        seen.resize(symbols.max(k + 1), false);
    }
    std::mem::replace(&mut seen[k], true)
}

/// Lines are located by 32-bit offsets ([`outline::Line`]): a longer text is refused.
fn check_size(len: usize) -> Result<(), Diagnostics> {
    if u32::try_from(len).is_ok() {
        return Ok(());
    }
    let mut d = Diagnostics::new();
    d.error(
        Span { line: 1, col: 1 },
        "the IL text is larger than 4 GiB, the most a module may have",
    );
    Err(d)
}

/// A resolved callee signature (cached per symbol in [`Parser::sym_sigs`]).
#[derive(Clone, Copy)]
pub(crate) enum SigRef {
    /// Index into [`Parser::sig_store`] (an extern's).
    Module(u32),
    /// The header at this place (chunk, index) in [`Parser::headers`].
    Header(u32, u32),
    Runtime(&'static runtime_sigs::RuntimeSig),
    Unknown,
}

/// The signature of a symbol the pre-scan interned without one (a global's name), or of a name
/// it did not intern: declared names with a signature were all interned by the pre-scan, so
/// only the runtime can know one of these.
fn runtime_sig(name: &str) -> SigRef {
    runtime_sigs::lookup(name).map_or(SigRef::Unknown, SigRef::Runtime)
}

pub(crate) struct Parser<'a> {
    pub module: Module,
    pub diags: Diagnostics,
    pub syms: FxMap<&'a str, Symbol>,
    /// The signatures of the externs (functions' stay in their headers: [`Parser::headers`]).
    pub sig_store: Vec<Sig>,
    /// The signature of every symbol the pre-scan interned, by symbol (read by
    /// [`BodyCx::callee_sig`]; a function's header wins over an extern of its name).
    pub sym_sigs: Vec<SigRef>,
    /// By symbol: a function of that name has been joined.
    pub funcs_seen: Vec<bool>,
    /// By symbol: an extern of that name has been read (a scan of the externs per `extern`
    /// line made 50k externs cost 0.7 s).
    pub externs_seen: Vec<bool>,
    /// The bodies' headers read by the outline, by chunk ([`outline::Outline::headers`]): calls
    /// of a function see its signature here ([`SigRef::Header`]).
    headers: Vec<Vec<Option<body::FuncHeader<'a>>>>,
}

/// What a function body's parser sees of the module: the symbols and signatures known before
/// any body is read (read-only, shared by the threads that parse bodies), plus the names this body
/// mentions that were not declared. Those get provisional symbols `base + k` in order of first
/// mention; [`Parser::join`] interns them for real.
pub(crate) struct BodyCx<'a, 's> {
    shared: &'s Parser<'a>,
    /// The number of symbols known to `shared` (provisional symbols start here).
    base: usize,
    new_syms: FxMap<&'a str, Symbol>,
    new_names: Vec<&'a str>,
    pub diags: Diagnostics,
}

/// A parsed body with what [`Parser::join`] needs.
struct BodyOut<'a> {
    parsed: body::Parsed<'a>,
    new_names: Vec<&'a str>,
    diags: Diagnostics,
}

impl<'a, 's> BodyCx<'a, 's> {
    pub fn intern(&mut self, name: &'a str) -> Symbol {
        if let Some(&s) = self.shared.syms.get(name) {
            return s;
        }
        if let Some(&s) = self.new_syms.get(name) {
            return s;
        }
        let s = Symbol((self.base + self.new_names.len()) as u32);
        self.new_names.push(name);
        self.new_syms.insert(name, s);
        s
    }

    /// Signature of a callee: module function/extern (any position in the file) or runtime.
    pub fn callee_sig(&self, sym: Symbol) -> Option<(&[Type], Type)> {
        let i = sym.0 as usize;
        let r = match self.shared.sym_sigs.get(i) {
            Some(r) => *r,
            None => match self.new_names.get(i.wrapping_sub(self.base)) {
                Some(name) => runtime_sig(name),
                None => SigRef::Unknown,
            },
        };
        match r {
            SigRef::Module(k) => {
                let s = &self.shared.sig_store[k as usize];
                Some((&s.params, s.ret))
            }
            SigRef::Header(c, k) => {
                let h = self.shared.header((c, k))?;
                Some((&h.sig.params, h.sig.ret))
            }
            SigRef::Runtime(rt) => Some((rt.params, rt.ret)),
            SigRef::Unknown => None,
        }
    }
}

/// Give the provisional symbols (`base + k`) of `f` their real numbers `remap[k]`.
fn renumber(f: &mut crate::Function, base: usize, remap: &[Symbol]) {
    let map = |s: &mut Symbol| {
        if let Some(&r) = (s.0 as usize).checked_sub(base).and_then(|k| remap.get(k)) {
            *s = r;
        }
    };
    let op = |o: &mut crate::Operand| {
        if let crate::Operand::Sym(s) = o {
            map(s);
        }
    };
    for b in &mut f.blocks {
        for inst in &mut b.insts {
            if let Some(s) = &mut inst.callee {
                map(s);
            }
            inst.operands.iter_mut().for_each(op);
            for t in &mut inst.targets {
                t.args.iter_mut().for_each(op);
            }
        }
    }
}

/// A declaration line found by [`Parser::prescan`] (function headers are read per body).
enum Decl<'a> {
    Extern(&'a str, Sig),
    Global(&'a str),
}

/// The declaration on line `at`, if it is a well-formed `extern` or `global`.
fn decl<'a>(lines: &Lines<'a>, at: usize) -> Option<Decl<'a>> {
    match first_word(lines.text(at)) {
        "extern" => {
            let (name, params, ret, _) = extern_header(&mut lines.cur(at)).ok()?;
            Some(Decl::Extern(
                name,
                Sig {
                    params: params.into_iter().collect(),
                    ret,
                },
            ))
        }
        "global" => global_decl(&mut lines.cur(at))
            .ok()
            .map(|(name, _, _)| Decl::Global(name)),
        _ => None,
    }
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
    /// The header the outline read at `(chunk, index)`, if well-formed.
    fn header(&self, at: (u32, u32)) -> Option<&body::FuncHeader<'a>> {
        self.headers
            .get(at.0 as usize)?
            .get(at.1 as usize)?
            .as_ref()
    }

    pub fn intern(&mut self, name: &'a str) -> Symbol {
        let next = Symbol(self.module.symbols.len() as u32);
        match self.syms.entry(name) {
            std::collections::hash_map::Entry::Occupied(e) => *e.get(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(next);
                self.module.symbols.push(name.into());
                next
            }
        }
    }

    /// Intern `name` and make sure it has a slot in `sym_sigs` (unknown until given one).
    fn intern_declared(&mut self, name: &'a str) -> Symbol {
        let s = self.intern(name);
        if self.sym_sigs.len() <= s.0 as usize {
            self.sym_sigs.push(SigRef::Unknown);
        }
        s
    }

    /// Intern declared names in canonical order (externs, globals, functions, each in file
    /// order) and record every header's signature by symbol: each name is hashed once. The
    /// bodies' headers were read by the outline (in parallel); the `extern`/`global` lines are
    /// read here (in parallel chunks when there are many); interning and recording are serial.
    /// Of several externs of one name the first counts; a function's header wins over externs,
    /// and of several functions of one name the last (each of those is an error). Symbols left
    /// without a signature (globals) get the runtime's, if it has one of that name.
    fn prescan(&mut self, outline: &mut Outline<'a>) {
        const CHUNK: usize = 256;
        let lines = &outline.top;
        // Only `extern`/`global` lines matter (most are skipped on one byte); they are read in
        // parallel when there are many.
        let maybe: Vec<usize> = (0..lines.len())
            .filter(|&k| matches!(lines.bytes(k).first(), Some(b'e' | b'g')))
            .collect();
        let decls: Vec<Vec<Decl<'a>>> = if maybe.len() <= CHUNK {
            vec![maybe.iter().filter_map(|&k| decl(lines, k)).collect()]
        } else {
            maybe
                .par_chunks(CHUNK)
                .map(|c| c.iter().filter_map(|&k| decl(lines, k)).collect())
                .collect()
        };
        self.headers = std::mem::take(&mut outline.headers);
        // Every declaration is interned: room for all, once.
        let n = decls.iter().map(Vec::len).sum::<usize>() + outline.bodies.len();
        self.syms.reserve(n);
        self.sym_sigs.reserve(n);
        self.module.symbols.reserve(n);
        let mut globals = Vec::new();
        for d in decls.into_iter().flatten() {
            match d {
                Decl::Extern(name, sig) => {
                    let s = self.intern_declared(name);
                    if let SigRef::Unknown = self.sym_sigs[s.0 as usize] {
                        self.sym_sigs[s.0 as usize] = SigRef::Module(self.sig_store.len() as u32);
                        self.sig_store.push(sig);
                    }
                }
                Decl::Global(name) => globals.push(name),
            }
        }
        for g in globals {
            self.intern_declared(g);
        }
        for b in &outline.bodies {
            if let Some(name) = self.header(b.head).map(|h| h.name) {
                let s = self.intern_declared(name);
                self.sym_sigs[s.0 as usize] = SigRef::Header(b.head.0, b.head.1);
            }
        }
        for (slot, name) in self.sym_sigs.iter_mut().zip(&self.module.symbols) {
            if let SigRef::Unknown = slot {
                *slot = runtime_sig(name);
            }
        }
    }

    /// Add a parsed body to the module, in file order: the names it mentioned first are interned
    /// now (so symbols are numbered as a serial parse numbers them: in order of first mention)
    /// and its provisional symbols renumbered; a second definition of a name is an error.
    fn join(&mut self, base: usize, body: BodyOut<'a>) {
        self.diags.items.extend(body.diags.items);
        let mut remap = Vec::with_capacity(body.new_names.len());
        let mut same = true;
        for (k, name) in body.new_names.iter().enumerate() {
            let s = self.intern(name);
            same &= s.0 as usize == base + k;
            remap.push(s);
        }
        let Some((mut f, name, name_span)) = body.parsed.func else {
            return;
        };
        if !same {
            renumber(&mut f, base, &remap);
        }
        if seen_before(&mut self.funcs_seen, f.name, self.module.symbols.len()) {
            self.diags
                .error(name_span, format!("duplicate function @{name}"));
            return;
        }
        self.module.functions.push(f);
    }

    fn run(&mut self, outline: &Outline<'a>) {
        let lines = &outline.top;
        // Module-level lines are read here, in order; function bodies (whose header lines are
        // the `func` lines here: `outline::starts_body`) are parsed afterwards, in parallel,
        // then joined in file order.
        let mut i = 0;
        let mut seen_version = false;
        while i < lines.len() {
            let text = lines.text(i);
            let mut c = lines.cur(i);
            i += 1;
            let word = first_word(text);
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
                "func" => Ok(()),
                _ => c.err(0, format!("unexpected line '{text}'")),
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
        // The module-level lines intern only what the pre-scan did; should one not have, its
        // signature is found the same way.
        for k in self.sym_sigs.len()..self.module.symbols.len() {
            let r = runtime_sig(&self.module.symbols[k]);
            self.sym_sigs.push(r);
        }
        let base = self.module.symbols.len();
        let shared: &Parser<'a> = self;
        // Each worker reuses one set of name tables for all the bodies it reads.
        let parsed: Vec<BodyOut<'a>> = (outline.bodies.par_iter())
            .map_init(body::Tables::default, |tables, &extent| {
                let mut cx = BodyCx {
                    shared,
                    base,
                    new_syms: FxMap::default(),
                    new_names: Vec::new(),
                    diags: Diagnostics::new(),
                };
                let header = shared.header(extent.head);
                let parsed = body::function(&mut cx, tables, lines, extent, header);
                BodyOut {
                    parsed,
                    new_names: cx.new_names,
                    diags: cx.diags,
                }
            })
            .collect();
        self.module.functions.reserve_exact(parsed.len());
        for b in parsed {
            self.join(base, b);
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
        if seen_before(&mut self.externs_seen, sym, self.module.symbols.len()) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Parse `src` on a rayon pool of `threads` threads.
    fn parse_on(threads: usize, src: &str) -> Result<Module, Diagnostics> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| parse(src, "t.il"))
    }

    /// A text of several chunks: blank lines, comments, CRLF endings, indentation, externs
    /// between functions (also read by `outline`'s tests).
    pub(super) fn many_lines() -> String {
        let mut s = String::from("\u{feff}il 0.2\n");
        let mut n = 0;
        while s.len() < 3 * (1 << 18) + 1000 {
            s.push_str(&format!("func @f{n}() -> i64 {{\r\n"));
            s.push_str("entry:\n\n  # a comment }\n   // another\n");
            s.push_str(&format!("  %x = iadd.ovf {n}, 1\n\tret %x\n}}\n\n"));
            if n % 7 == 3 {
                s.push_str(&format!("extern @e{n}() -> i64\n"));
            }
            n += 1;
        }
        s.push_str("func @main() -> i64 {\nentry:\n  ret 0\n}");
        s
    }

    #[test]
    fn texts_beyond_32_bit_offsets_are_refused() {
        assert!(check_size(u32::MAX as usize).is_ok());
        let e = check_size(u32::MAX as usize + 1).unwrap_err();
        assert!(e.to_string().contains("larger than 4 GiB"), "{e}");
    }

    #[test]
    fn same_module_and_errors_for_every_thread_count() {
        let text = many_lines();
        let one = parse_on(1, &text).unwrap();
        assert_eq!(one, parse_on(2, &text).unwrap());
        assert_eq!(one, parse_on(4, &text).unwrap());
        // Errors far into the text keep their file line (and all of them are reported).
        let bad = format!("{text}\nfunc @g() -> i64 {{\nentry:\n  ret %nope\n}}\nfunc @h() -> i64 {{\nentry:\n  bogus\n}}\n");
        let lines = bad.lines().count() as u32;
        let e1 = parse_on(1, &bad).unwrap_err();
        let e2 = parse_on(2, &bad).unwrap_err();
        assert_eq!(e1.to_string(), e2.to_string());
        let at: Vec<u32> = e2.items.iter().map(|d| d.span.line).collect();
        assert_eq!(at, vec![lines - 5, lines - 1]);
    }

    /// A body longer than `body::SPLIT_IN_PARALLEL` (split in parallel chunks) reads as any
    /// other: the same module for every thread count, errors at their file lines.
    #[test]
    fn huge_bodies_read_the_same() {
        let mut s = String::from("il 0.2\nfunc @main() -> i64 {\nentry:\n  %x0 = iadd.ovf 0, 1\n");
        let mut k = 0;
        while s.len() < 3 << 20 {
            k += 1;
            s.push_str(&format!(
                "\n  # step {k}\n  %x{k} = iadd.ovf %x{}, 1\n",
                k - 1
            ));
        }
        let good = format!("{s}  ret %x{k}\n}}\n");
        let one = parse_on(1, &good).unwrap();
        assert_eq!(one, parse_on(2, &good).unwrap());
        assert_eq!(one.functions[0].blocks[0].insts.len(), k + 2);
        let bad = format!("{s}  ret %nope\n}}\n");
        let line = bad.lines().count() as u32 - 1;
        for threads in [1, 2] {
            let e = parse_on(threads, &bad).unwrap_err();
            let at: Vec<u32> = e.items.iter().map(|d| d.span.line).collect();
            assert_eq!(at, [line], "{e}");
        }
    }

    /// Names first mentioned in bodies are numbered in order of first mention across the file,
    /// as a one-pass reader numbers them, whatever thread parsed which body.
    #[test]
    fn undeclared_names_interned_in_file_order() {
        let src = "il 0.2\n\
            func @a() -> i64 {\nentry:\n  %x = call @zeta()\n  %y = call @alpha()\n  ret 0\n}\n\
            func @b() -> i64 {\nentry:\n  %x = call @alpha()\n  %y = call @beta()\n  %z = call @zeta()\n  ret 0\n}\n\
            func @c() -> ptr {\nentry:\n  %p = gaddr @gamma\n  ret %p\n}\n";
        for threads in [1, 2, 3] {
            let m = parse_on(threads, src).unwrap();
            let names: Vec<&str> = m.symbols.iter().map(|s| &**s).collect();
            assert_eq!(names, ["a", "b", "c", "zeta", "alpha", "beta", "gamma"]);
            let callees: Vec<&str> = m
                .functions
                .iter()
                .flat_map(|f| f.blocks.iter().flat_map(|b| b.insts.iter()))
                .filter_map(|i| i.callee.map(|s| m.sym_name(s)))
                .collect();
            assert_eq!(callees, ["zeta", "alpha", "alpha", "beta", "zeta"]);
            assert!(crate::print(&m).contains("gaddr @gamma"));
        }
    }
    /// Call result types and float arguments come from the callee's signature: a function's
    /// header wins over an extern of its name wherever each is written, a global gets the
    /// runtime's, and a name only a body mentions gets the runtime's or none.
    #[test]
    fn callee_signatures_by_precedence() {
        let src = "il 0.2\n\
            extern @f(i64) -> i64\n\
            extern @g(f64) -> f64\n\
            global const str @rt_abs_i64 = \"x\"\n\
            func @main() -> i64 {\nentry:\n  %a = call @f(1)\n  %b = call @g(2)\n  \
            %c = call @h(3)\n  %d = call @rt_abs_i64(4)\n  %e = call @rt_sqrt(9)\n  \
            %u = call @nowhere(5)\n  ret 0\n}\n\
            func @f(%x: f64) -> f64 {\nentry(%x: f64):\n  ret %x\n}\n\
            func @h(%x: f64) -> str {\nentry(%x: f64):\n  %s = const_str @rt_abs_i64\n  ret %s\n}\n";
        let m = parse_on(2, src).unwrap();
        let main = &m.functions[0];
        let insts = &main.blocks[0].insts;
        let got: Vec<(Type, &crate::Operand)> = insts[..6]
            .iter()
            .map(|i| (main.values[i.result.unwrap().index()].ty, &i.operands[0]))
            .collect();
        let f = |v: f64| crate::Operand::F64(v.to_bits());
        let i = crate::Operand::Int;
        assert_eq!(
            got,
            [
                (Type::F64, &f(1.0)),
                (Type::F64, &f(2.0)),
                (Type::Str, &f(3.0)),
                (Type::I64, &i(4)),
                (Type::F64, &f(9.0)),
                (Type::Void, &i(5)),
            ]
        );
    }
}
