//! The IL text reader (IL-SPEC §2, §3): line-oriented, hand-written byte scanning.
//!
//! Structure: [`parse`] splits the text into trimmed lines, pre-scans `extern`/`global`/`func`
//! headers (so symbols are interned in canonical order — externs, globals, functions — and call
//! result types are known for callees defined later), then parses every line. Module-level
//! lines are handled here; function bodies in [`body`], instructions in [`inst`].
//!
//! Parallelism (rayon): line splitting, the header pre-scan and function bodies run in parallel;
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
mod scope;

use crate::runtime_sigs;
use crate::{Diagnostic, Diagnostics, Extern, Global, Module, Span, Symbol, Type};
use cursor::{Cur, FxMap, PResult};
use rayon::prelude::*;
use smallvec::SmallVec;

/// Signature of a callee known to the parser (for call result types and int→f64 arguments).
#[derive(Clone, Debug)]
pub(crate) struct Sig {
    pub params: SmallVec<[Type; 6]>,
    pub ret: Type,
}

/// One trimmed source line: where its text lies in the source (byte offset and length), its
/// file line number and the column its text starts at (the whitespace trimmed before it).
/// 16 bytes: a module has a line per ~25 bytes of text, and a `&str` here made the table as
/// large as the text (15 MB for a chain of 200k blocks). Finding the column again from the text
/// (the whitespace back to the previous newline) would save 4 more bytes, but that loop's exit
/// is mispredicted about once per line.
#[derive(Clone, Copy, Default)]
pub(crate) struct Line {
    start: u32,
    len: u32,
    no: u32,
    base: u32,
}

/// The lines of a text (see [`split_lines`]), with the text they lie in.
pub(crate) struct Lines<'a> {
    src: &'a str,
    v: Vec<Line>,
}

impl<'a> Lines<'a> {
    pub fn len(&self) -> usize {
        self.v.len()
    }
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.v.is_empty()
    }
    /// Where line `i`'s text lies in the source.
    fn range(&self, i: usize) -> std::ops::Range<usize> {
        let l = self.v[i];
        l.start as usize..(l.start + l.len) as usize
    }
    /// The trimmed text of line `i` (never empty).
    pub fn text(&self, i: usize) -> &'a str {
        // Line boundaries lie next to ASCII whitespace or '\n' (see `split_chunk`).
        self.src.get(self.range(i)).unwrap_or("")
    }
    /// The bytes of line `i`'s text (as [`Lines::text`], without its `str` checks: the body
    /// parsers classify every line by its bytes before they read it).
    pub fn bytes(&self, i: usize) -> &'a [u8] {
        self.src.as_bytes().get(self.range(i)).unwrap_or(&[])
    }
    /// The file line number of line `i`.
    pub fn no(&self, i: usize) -> u32 {
        self.v[i].no
    }
    /// The byte offset of line `i`'s text within its physical line.
    pub fn base(&self, i: usize) -> u32 {
        self.v[i].base
    }
    /// A cursor at the start of line `i`.
    pub fn cur(&self, i: usize) -> Cur<'a> {
        Cur::new(self.text(i), self.no(i), self.base(i))
    }
}

/// Parse IL text. `file_name` is used only for messages.
pub fn parse(src: &str, file_name: &str) -> Result<Module, Diagnostics> {
    let _ = file_name;
    check_size(src.len())?;
    let lines = split_lines(src);
    let mut p = Parser {
        module: Module::default(),
        diags: Diagnostics::new(),
        syms: FxMap::default(),
        sig_store: Vec::new(),
        sym_sigs: Vec::new(),
        funcs_seen: Vec::new(),
        headers: Vec::new(),
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

/// Lines are located by 32-bit offsets ([`Line`]): a longer text is refused.
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

/// Split into trimmed physical lines (BOM skipped, `\r` dropped), skipping blank lines and
/// whole-line comments (`#`, `//`). Large texts are split in parallel, in chunks that end at a
/// `\n`; the lines come out in file order with their file line numbers. The lines are written
/// into one vector sized for every physical line (a chunk's slot count is its `\n` count plus
/// one, so a chunk knows its first line number and its slots before it is split), then closed
/// up in place: the lines are stored once, not gathered per chunk and copied. `src` is at most
/// `u32::MAX` bytes long ([`parse`]).
fn split_lines(src: &str) -> Lines<'_> {
    const CHUNK: usize = 1 << 18;
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let bytes = src.as_bytes();
    // Chunk boundaries: just after a '\n' at or beyond every CHUNK bytes.
    let mut cuts = vec![0];
    while let Some(&last) = cuts.last() {
        let at = last + CHUNK;
        if at >= bytes.len() {
            break;
        }
        match memchr::memchr(b'\n', &bytes[at..]) {
            Some(k) => cuts.push(at + k + 1),
            None => break,
        }
    }
    cuts.push(bytes.len());
    let newlines: Vec<usize> = cuts
        .par_windows(2)
        .map(|w| memchr::memchr_iter(b'\n', &bytes[w[0]..w[1]]).count())
        .collect();
    let slots = newlines.iter().map(|n| n + 1).sum();
    let mut out = vec![Line::default(); slots];
    // One slice of slots per chunk, with the chunk's range and first line number.
    let mut jobs = Vec::with_capacity(newlines.len());
    let mut rest = &mut out[..];
    let mut first_line = 0;
    for (w, &n) in cuts.windows(2).zip(&newlines) {
        let (mine, after) = rest.split_at_mut(n + 1);
        rest = after;
        jobs.push((w[0], w[1], first_line, mine));
        first_line += n as u32;
    }
    let counts: Vec<usize> = jobs
        .into_par_iter()
        .map(|(start, end, first, slots)| split_chunk(src, start, end, first, slots))
        .collect();
    // Close the gaps (the slots of blank and comment lines), in file order.
    let mut to = 0;
    let mut from = 0;
    for (&n, &count) in newlines.iter().zip(&counts) {
        if to != from {
            out.copy_within(from..from + count, to);
        }
        to += count;
        from += n + 1;
    }
    out.truncate(to);
    Lines { src, v: out }
}

/// Split `src[start..end]` (which starts a line, and ends the text or just after a `\n`) into
/// `out`, which has a slot for each of its pieces (its `\n` count plus one), numbering its
/// lines from `first_line + 1`; returns the number of lines written (at the front of `out`).
fn split_chunk(src: &str, start: usize, end: usize, first_line: u32, out: &mut [Line]) -> usize {
    let bytes = &src.as_bytes()[..end];
    let mut from = start;
    let mut n = 0;
    // The piece after the chunk's last '\n' is empty unless this is the text's last chunk.
    let ends = memchr::memchr_iter(b'\n', &bytes[start..])
        .map(|k| start + k)
        .chain(std::iter::once(end));
    for (i, stop) in ends.enumerate() {
        // `from..stop` lies between '\n' bytes (or the ends), hence on char boundaries.
        let line_start = from;
        let raw = &src[from..stop];
        from = stop + 1;
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
        // Always a slot: `out` has one per piece.
        if let Some(slot) = out.get_mut(n) {
            *slot = Line {
                start: (line_start + s) as u32,
                len: (e - s) as u32,
                no: first_line + i as u32 + 1,
                base: s as u32,
            };
            n += 1;
        }
    }
    n
}

/// A resolved callee signature (cached per symbol in [`Parser::sym_sigs`]).
#[derive(Clone, Copy)]
pub(crate) enum SigRef {
    /// Index into [`Parser::sig_store`].
    Module(u32),
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
    /// The signatures of the declared names (externs and function headers).
    pub sig_store: Vec<Sig>,
    /// The signature of every symbol the pre-scan interned, by symbol (read by
    /// [`BodyCx::callee_sig`]; a function's header wins over an extern of its name).
    pub sym_sigs: Vec<SigRef>,
    /// By symbol: a function of that name has been joined.
    pub funcs_seen: Vec<bool>,
    /// Every well-formed `func` header read by the pre-scan, by line index (ascending), so that
    /// a body does not read its header again.
    headers: Vec<(usize, body::FuncHeader<'a>)>,
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
    /// The `k`-th header the pre-scan read.
    pub fn header(&self, k: usize) -> Option<&'s body::FuncHeader<'a>> {
        self.shared.headers.get(k).map(|h| &h.1)
    }

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

/// A header line found by [`Parser::prescan`] (a function's with its line index).
enum Decl<'a> {
    Extern(&'a str, Sig),
    Global(&'a str),
    Func(usize, body::FuncHeader<'a>),
}

/// The declaration on line `l` (index `at`), if it is a well-formed `extern`, `global` or
/// `func` header.
fn decl<'a>(lines: &Lines<'a>, at: usize) -> Option<Decl<'a>> {
    // Only `extern`/`global`/`func` lines matter; most lines are skipped on one byte.
    if !matches!(lines.bytes(at).first(), Some(b'e' | b'g' | b'f')) {
        return None;
    }
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
        "func" => Some(Decl::Func(at, body::func_header(&mut lines.cur(at)).ok()?)),
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

    /// Give symbol `s` the signature `sig` (`replace`: a definition wins over an extern; of
    /// several externs of one name the first counts). `sym_sigs` has a slot for `s`.
    fn add_sig(&mut self, s: Symbol, sig: Sig, replace: bool) {
        let slot = &mut self.sym_sigs[s.0 as usize];
        match *slot {
            SigRef::Module(k) if replace => self.sig_store[k as usize] = sig,
            SigRef::Module(_) => {}
            SigRef::Runtime(_) | SigRef::Unknown => {
                *slot = SigRef::Module(self.sig_store.len() as u32);
                self.sig_store.push(sig);
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
    /// headers are read in parallel (chunks of lines, results in file order); interning and
    /// recording are serial. Symbols left without a signature (globals) get the runtime's, if
    /// it has one of that name.
    fn prescan(&mut self, lines: &Lines<'a>) {
        const CHUNK: usize = 4096;
        let decls: Vec<Vec<Decl<'a>>> = (0..lines.len().div_ceil(CHUNK))
            .into_par_iter()
            .map(|c| {
                let at = c * CHUNK..lines.len().min((c + 1) * CHUNK);
                at.filter_map(|k| decl(lines, k)).collect()
            })
            .collect();
        // Every declaration is interned and most have a signature: room for all, once.
        let n: usize = decls.iter().map(Vec::len).sum();
        self.syms.reserve(n);
        self.sig_store.reserve(n);
        self.sym_sigs.reserve(n);
        self.module.symbols.reserve(n);
        self.headers.reserve(n);
        let mut globals = Vec::new();
        for d in decls.into_iter().flatten() {
            match d {
                Decl::Extern(name, sig) => {
                    let s = self.intern_declared(name);
                    self.add_sig(s, sig, false);
                }
                Decl::Global(name) => globals.push(name),
                Decl::Func(at, h) => self.headers.push((at, h)),
            }
        }
        for g in globals {
            self.intern_declared(g);
        }
        for k in 0..self.headers.len() {
            let h = &self.headers[k].1;
            let (name, sig) = (
                h.name,
                Sig {
                    params: h.params.iter().map(|p| p.1).collect(),
                    ret: h.ret,
                },
            );
            let s = self.intern_declared(name);
            // A function definition wins over an extern of the same name.
            self.add_sig(s, sig, true);
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
        let k = f.name.0 as usize;
        if self.funcs_seen.len() <= k {
            self.funcs_seen
                .resize(self.module.symbols.len().max(k + 1), false);
        }
        if std::mem::replace(&mut self.funcs_seen[k], true) {
            self.diags
                .error(name_span, format!("duplicate function @{name}"));
            return;
        }
        self.module.functions.push(f);
    }

    fn run(&mut self, lines: &Lines<'a>) {
        // Module-level lines are read here, in order; function bodies are only located (their
        // extent) and parsed afterwards, in parallel, then joined in file order.
        // Each body's first line, with the index of its header in `headers` when the pre-scan
        // read it (both ascend: found by walking `headers` along).
        let mut bodies: Vec<(usize, Option<usize>)> = Vec::new();
        let mut next_header = 0;
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
                "func" => {
                    let at = i - 1;
                    while self.headers.get(next_header).is_some_and(|h| h.0 < at) {
                        next_header += 1;
                    }
                    let read = self.headers.get(next_header).is_some_and(|h| h.0 == at);
                    bodies.push((at, read.then_some(next_header)));
                    i = body::extent(lines, i - 1);
                    Ok(())
                }
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
        let parsed: Vec<BodyOut<'a>> = bodies
            .par_iter()
            .map_init(body::Tables::default, |tables, &(start, header)| {
                let mut cx = BodyCx {
                    shared,
                    base,
                    new_syms: FxMap::default(),
                    new_names: Vec::new(),
                    diags: Diagnostics::new(),
                };
                let parsed = body::function(&mut cx, tables, lines, start, header);
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

    /// A text of several chunks: blank lines, comments, CRLF endings, indentation.
    fn many_lines() -> String {
        let mut s = String::from("\u{feff}il 0.2\n");
        let mut n = 0;
        while s.len() < 3 * (1 << 18) + 1000 {
            s.push_str(&format!("func @f{n}() -> i64 {{\r\n"));
            s.push_str("entry:\n\n  # a comment\n   // another\n");
            s.push_str(&format!("  %x = iadd.ovf {n}, 1\n\tret %x\n}}\n"));
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
    fn chunked_split_equals_one_pass() {
        let text = many_lines();
        let src = text.strip_prefix('\u{feff}').unwrap();
        let mut slots = vec![Line::default(); src.bytes().filter(|&b| b == b'\n').count() + 1];
        let n = split_chunk(src, 0, src.len(), 0, &mut slots);
        slots.truncate(n);
        let view = |l: &Lines<'_>| -> Vec<(u32, u32, String)> {
            (0..l.len())
                .map(|i| (l.no(i), l.base(i), l.text(i).to_string()))
                .collect()
        };
        let whole = view(&Lines { src, v: slots });
        let chunked = view(&split_lines(&text));
        assert!(whole.len() > 30_000);
        assert_eq!(whole, chunked);
        // Columns count the indentation of the physical line (blanks, tabs, a CR of a
        // CRLF-ended previous line is not part of it), texts are trimmed at both ends.
        let l = split_lines("il 0.2\r\n\t  %x = iadd 1, 2 \r\n   ret\n");
        assert_eq!(
            view(&l)[1..],
            [
                (2, 3, "%x = iadd 1, 2".to_string()),
                (3, 3, "ret".to_string())
            ]
        );
        // A last line without '\n' counts, and so do empty texts.
        assert_eq!(split_lines("a\nb").len(), 2);
        assert_eq!(split_lines("\u{feff}  a").base(0), 2);
        assert!(split_lines("").is_empty());
        assert!(split_lines("\n\n").is_empty());
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
