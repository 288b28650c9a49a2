//! The in-process assembler: the emitter's assembly text → a relocatable object file (ELF or
//! Mach-O), with no external assembler.
//!
//! The text that `emit::asm::Asm` writes is the one emission stream: `-S` prints it, and
//! [`assemble`] consumes exactly that stream, line by line, so the printer and the encoder can
//! never drift apart. Each instruction line is parsed into the instruction model
//! ([`syntax::Inst`], which prints back to the identical text) and encoded ([`a64::encode`]);
//! labels and directives drive a [`target_common::object::ObjectBuffer`], which resolves local
//! branches, keeps branches in range (relaxation and veneers) and writes the object.
//!
//! On the object path no text is kept: `emit::asm::Asm` hands each line, as it writes it, to
//! the function's [`FnEncoder`] on the worker that emits the function (instructions encoded
//! through the thread's memo of lines, labels defined directly, the function's own labels
//! anonymous and found by number), which makes an object fragment; [`Stream`] places the
//! fragments in module order on the thread that links them. A function that does not assemble
//! on its own, or that only some positions can take (an 8-byte aligned table), is emitted as
//! text instead, [`prepare`]d from it (the same [`FnEncoder`] over its lines), and assembled from
//! the text where the fragment cannot be placed. Every route reads the lines `-S` prints, so the
//! object is the one [`assemble`] makes from the `-S` text (checked by `object_exact`).
//!
//! Debug information (`-g`): `.file`/`.loc` and the `//@dbg.` function-information comments
//! (`target_common::debug`) are recorded by the buffer, which writes the DWARF sections.
//!
//! Invariants: every line is either understood or an error naming it (an unknown instruction
//! or directive is never skipped); the object equals what GNU as (Linux) or LLVM's assembler
//! (Darwin) makes from the same text, section bytes, symbols and relocations (checked by
//! `tests/tests/object_exact.rs` over every corpus program and by the table in [`tests`]).

pub mod a64;
pub mod syntax;
#[cfg(test)]
mod tests;
pub mod unwind;

use crate::emit::{data, Piece};
use a64::A64Fixup;
use codegen_api::{CodegenError, ObjectFormat, SectionKind, TargetOs};
use std::collections::hash_map::Entry;
use syntax::{Inst, Mn, Operand};
use target_common::debug;
use target_common::driver::Handover;
use target_common::object::cfi::{CfiOp, Cie};
use target_common::object::{Fragment, FxHashMap, LabelId, ObjectBuffer};

/// The A64 `nop`, used to pad code alignment.
pub const NOP: u32 = 0xd503_201f;

fn err(line_no: usize, line: &str, e: impl std::fmt::Display) -> CodegenError {
    CodegenError::Internal(format!("assembling line {line_no} `{}`: {e}", line.trim()))
}

/// Decode the body of an `.asciz "..."` string (our escapes: `\"`, `\\`, `\ooo`).
fn unescape(s: &str, out: &mut Vec<u8>) -> Result<(), String> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => {
                let c = *b.get(i + 1).ok_or("dangling backslash")?;
                match c {
                    b'"' | b'\\' => {
                        out.push(c);
                        i += 2;
                    }
                    b'0'..=b'7' => {
                        let mut v: u32 = 0;
                        let mut k = 0;
                        while k < 3 && matches!(b.get(i + 1 + k), Some(b'0'..=b'7')) {
                            v = v * 8 + (b[i + 1 + k] - b'0') as u32;
                            k += 1;
                        }
                        out.push(v as u8);
                        i += 1 + k;
                    }
                    _ => return Err(format!("unknown escape \\{}", c as char)),
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(())
}

/// The A64 CIE as the platform assembler writes it: code alignment 4 (GNU as) or 1 (LLVM, on
/// Darwin), data alignment -8, return address in x30, CFA = sp on entry.
fn a64_cie(format: ObjectFormat) -> Cie {
    Cie {
        code_align: match format {
            ObjectFormat::Elf => 4,
            ObjectFormat::MachO => 1,
        },
        data_align: -8,
        ra_column: 30,
        initial: vec![0x0c, 31, 0],
    }
}

/// DWARF register number of a `.cfi_*` register operand (`x0`–`x30`, `sp`, `d0`–`d31`).
fn dwarf_reg(r: syntax::R) -> Result<u32, String> {
    match r.kind {
        syntax::RegKind::X if r.n < 31 => Ok(r.n as u32),
        syntax::RegKind::Sp => Ok(31),
        syntax::RegKind::D => Ok(64 + r.n as u32),
        syntax::RegKind::X | syntax::RegKind::W => Err(format!("no DWARF number for `{r}`")),
    }
}

/// Record call-frame directive `c` in `b`.
fn cfi_directive(b: &mut ObjectBuffer<'_, A64Fixup>, c: syntax::Cfi) -> Result<(), String> {
    use syntax::Cfi;
    let op = match c {
        Cfi::StartProc => return b.cfi_start(),
        Cfi::EndProc => return b.cfi_end(),
        Cfi::DefCfa(r, off) => CfiOp::DefCfa(dwarf_reg(r)?, off),
        Cfi::DefCfaOffset(off) => CfiOp::DefCfaOffset(off),
        Cfi::Offset(r, off) => CfiOp::Offset(dwarf_reg(r)?, off),
        Cfi::Restore(r) => CfiOp::Restore(dwarf_reg(r)?),
        Cfi::RememberState => CfiOp::Remember,
        Cfi::RestoreState => CfiOp::RestoreState,
    };
    b.cfi(op)
}

/// A directive's name and its operands.
fn split_directive(d: &str) -> (&str, &str) {
    match d.find(' ') {
        Some(i) => (&d[..i], &d[i + 1..]),
        None => (d, ""),
    }
}

pub(crate) fn parse_int(s: &str) -> Option<i64> {
    let (neg, t) = match s.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, s),
    };
    let v = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        u64::from_str_radix(h, 16).ok()? as i64
    } else {
        t.parse::<u64>().ok()? as i64
    };
    Some(if neg { v.wrapping_neg() } else { v })
}

/// One directive; `own`: the labels of the function being assembled on its own, which
/// `.word a - b` (a jump table) may name.
fn directive<'a>(
    b: &mut ObjectBuffer<'a, A64Fixup>,
    format: ObjectFormat,
    d: &'a str,
    own: Option<&mut OwnLabels>,
) -> Result<(), String> {
    let (name, args) = split_directive(d);
    match name {
        ".text" => b.section(SectionKind::Text),
        ".section" => {
            let kind = [
                SectionKind::Text,
                SectionKind::Rodata,
                SectionKind::DataRelRo,
            ]
            .into_iter()
            .find(|&k| format.section_directive(k) == d);
            match kind {
                Some(k) => b.section(k),
                // The ELF non-executable-stack marker: the object writer always adds it.
                None if format == ObjectFormat::Elf && args == ".note.GNU-stack,\"\",%progbits" => {
                }
                None => return Err(format!("unknown section `{args}`")),
            }
        }
        ".p2align" => {
            let p: u32 = args.parse().map_err(|_| "bad .p2align")?;
            b.align(p)?;
        }
        ".globl" => b.set_global(args),
        ".type" => match args.strip_suffix(", %function") {
            Some(s) => b.set_function(s),
            None => return Err("unsupported .type".into()),
        },
        ".size" => {
            let (s, e) = args.split_once(", ").ok_or("bad .size")?;
            if e.strip_prefix(".-") != Some(s) {
                return Err("unsupported .size expression".into());
            }
            b.set_size_to_here(s)?;
        }
        ".asciz" => {
            let body = args
                .strip_prefix('"')
                .and_then(|r| r.strip_suffix('"'))
                .ok_or("bad .asciz")?;
            let mut v = Vec::with_capacity(body.len() + 1);
            unescape(body, &mut v)?;
            v.push(0);
            b.bytes(&v)?;
        }
        ".byte" => {
            let mut v = Vec::new();
            if args.is_empty() {
                return Err(".byte needs operands".into());
            }
            for x in syntax::split_operands(args) {
                let n = parse_int(x).ok_or_else(|| format!("bad byte `{x}`"))?;
                v.push(n as u8);
            }
            b.bytes(&v)?;
        }
        ".quad" => {
            if args.is_empty() {
                return Err(".quad needs operands".into());
            }
            for x in syntax::split_operands(args) {
                match parse_int(x) {
                    Some(n) => b.data(n as u64, 8)?,
                    None if syntax::is_symbol_name(x) => b.data_abs64(x, 0)?,
                    None => return Err(format!("bad .quad operand `{x}`")),
                }
            }
        }
        ".word" => match args.split_once(" - ") {
            Some((t, m)) if syntax::is_symbol_name(t) && syntax::is_symbol_name(m) => match own {
                Some(o) => {
                    let (t, m) = (o.intern(b, t, |_| t), o.intern(b, m, |_| m));
                    b.data_diff32_ids(t, m)?
                }
                None => b.data_diff32(t, m)?,
            },
            _ => match parse_int(args) {
                Some(n) => b.data(n as u64, 4)?,
                None => return Err(format!("bad .word operand `{args}`")),
            },
        },
        ".file" => {
            let (n, path) = debug::parse_file(args)?;
            b.debug_file(n, path)?;
        }
        ".loc" => b.debug_loc(debug::parse_loc(args)?)?,
        _ if name.starts_with(".cfi_") => cfi_directive(b, syntax::Cfi::parse(name, args)?)?,
        _ => return Err(format!("unknown directive `{name}`")),
    }
    Ok(())
}

/// One line, classified and (for an instruction) encoded: the parallel first pass's result.
enum Item<'a> {
    Inst(a64::Encoded<'a>),
    Label(&'a str),
    Directive(&'a str),
    /// Function information for the debug sections (a comment to other assemblers).
    Debug(debug::Comment),
    Blank,
}

fn classify(line: &str) -> Result<Item<'_>, String> {
    if let Some(body) = line.strip_prefix('\t') {
        if body.starts_with('.') {
            return Ok(Item::Directive(body));
        }
        let i = Inst::parse(body)?;
        return a64::encode(&i).map(Item::Inst);
    }
    if let Some(l) = line.strip_suffix(':') {
        return if syntax::is_symbol_name(l) {
            Ok(Item::Label(l))
        } else {
            Err("bad label".into())
        };
    }
    if let Some(c) = debug::parse_comment(line) {
        return c.map(Item::Debug);
    }
    if line.is_empty() || line.starts_with("//") {
        Ok(Item::Blank)
    } else {
        Err("unrecognised line".into())
    }
}

/// The lines of a text, as `str::lines` splits them (`\n` or `\r\n` ends a line; a last line
/// without one counts). One `memchr` scan over the whole text finds the ends: it searches a
/// word at a time across line boundaries, where a search per line paid its set-up every line.
struct Lines<'a> {
    text: &'a str,
    ends: memchr::Memchr<'a>,
    start: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text,
            ends: memchr::memchr_iter(b'\n', text.as_bytes()),
            start: 0,
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        if self.start >= self.text.len() {
            return None;
        }
        let end = self.ends.next().unwrap_or(self.text.len());
        // `\n` is ASCII: both ends are character boundaries.
        let line = &self.text[self.start..end];
        self.start = end + 1;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// A remembered instruction: its word and its fixup against an interned label.
type Memo = (u32, Option<(A64Fixup, target_common::object::LabelId)>);

/// The streaming assembler: text goes in piece by piece (each piece whole lines), the object
/// comes out at the end. Pieces are borrowed for the assembler's lifetime (symbol names point
/// into them).
pub struct Assembler<'a> {
    format: ObjectFormat,
    b: ObjectBuffer<'a, A64Fixup>,
    /// Encodings by instruction text: most instruction lines repeat (`bl vpr_trap`,
    /// `mov x0, #1`, ...: about 4 in 5 in large programs) and an encoding depends on the text
    /// alone (symbols stay symbolic until the buffer resolves them). A fixup's target is kept
    /// as the buffer's label id (interned once, the same for the whole module).
    memo: FxHashMap<&'a str, Memo>,
    /// Lines consumed so far (error messages count from the start of the text).
    lines: usize,
}

impl<'a> Assembler<'a> {
    pub fn new(os: TargetOs) -> Self {
        let format = ObjectFormat::of(os);
        let mut b = ObjectBuffer::new(format, &NOP.to_le_bytes());
        b.set_cie(a64_cie(format));
        b.set_compact_unwind(unwind::compact_unwind);
        Assembler {
            format,
            b,
            memo: FxHashMap::default(),
            lines: 0,
        }
    }

    /// Room for about `lines` lines of text: their labels (about one in four lines), fixups
    /// (one in two) and distinct instructions (one in four; the corpus's largest program has
    /// 105k lines, 16k labels, 34k fixups and 15k distinct instructions).
    pub fn reserve_for(&mut self, lines: usize) {
        self.b.reserve(lines / 4, lines / 2);
        self.memo.reserve(lines / 4);
    }

    /// Assemble the whole lines of `text`.
    pub fn feed(&mut self, text: &'a str) -> Result<(), CodegenError> {
        for line in Lines::new(text) {
            self.line(line)?;
        }
        Ok(())
    }

    /// Place a function [`prepare`]d on the thread that emitted it, here; `names` are its
    /// label names as the module spells them ([`Prepared::take_names`], pool placeholders
    /// replaced). `Ok(false)`: it cannot be placed exactly here (see
    /// `target_common::object::fragment`) and nothing changed: assemble its text instead.
    pub fn place(&mut self, p: Prepared, names: &'a str) -> Result<bool, CodegenError> {
        let placed = self.b.append(p.frag, names).map_err(|e| {
            CodegenError::Internal(format!("placing a function's object code: {e}"))
        })?;
        if placed {
            self.lines += p.lines;
        }
        Ok(placed)
    }

    /// Assemble one line.
    fn line(&mut self, line: &'a str) -> Result<(), CodegenError> {
        self.lines += 1;
        let n = self.lines;
        let at = |e: String| err(n, line, e);
        // Only instruction lines (a tab, then no `.`) are remembered.
        let b = line.as_bytes();
        let memo = b.first() == Some(&b'\t') && b.get(1) != Some(&b'.');
        // One hash per instruction line: the entry is filled in when the line is new.
        let mut slot = None;
        if memo {
            match self.memo.entry(line) {
                Entry::Occupied(e) => {
                    let &(word, fixup) = e.get();
                    self.b.reserve_island(4).map_err(at)?;
                    self.b.inst(word, fixup).map_err(at)?;
                    return Ok(());
                }
                Entry::Vacant(e) => slot = Some(e),
            }
        }
        match classify(line).map_err(at)? {
            Item::Inst(e) => {
                let fixup = e.fixup.map(|(kind, target)| (kind, self.b.label(target)));
                if let Some(slot) = slot {
                    slot.insert((e.word, fixup));
                }
                self.b.reserve_island(4).map_err(at)?;
                self.b.inst(e.word, fixup).map_err(at)?;
            }
            Item::Label(l) => self.b.define(l).map_err(at)?,
            Item::Directive(d) => directive(&mut self.b, self.format, d, None).map_err(at)?,
            Item::Debug(c) => self.b.debug_comment(c).map_err(at)?,
            Item::Blank => {}
        }
        Ok(())
    }

    /// The buffer itself, for content written without text (the module's data: `emit::data`).
    pub fn buffer(&mut self) -> &mut ObjectBuffer<'a, A64Fixup> {
        &mut self.b
    }

    /// Resolve what is left and write the object file.
    pub fn finish(self) -> Result<Vec<u8>, CodegenError> {
        self.b
            .finish()
            .map_err(|e| CodegenError::Internal(format!("writing the object: {e}")))
    }
}

/// Assemble `text` (the emitter's output for `os`) into a relocatable object file.
pub fn assemble(text: &str, os: TargetOs) -> Result<Vec<u8>, CodegenError> {
    let mut a = Assembler::new(os);
    // About 18 bytes a line in the corpus's text.
    a.reserve_for(text.len() / 18);
    a.feed(text)?;
    a.finish()
}

/// The module's pieces, assembled in order as one text as they arrive (what
/// `target_common::driver::compile_module_each` hands over, on the thread that links them).
/// Functions the emitter prepared ([`crate::emit::AsmEmitter::for_object`]) are only placed;
/// the rest is assembled from its text. The pieces' texts and label names live in a
/// [`StreamArena`], which outlives the stream (the buffer points into them).
pub struct Stream<'a> {
    a: Assembler<'a>,
    arena: &'a StreamArena,
}

/// What a [`Stream`]'s buffer points into: the pieces' texts and label names, and the names of
/// the module's data labels.
#[derive(Default)]
pub struct StreamArena {
    texts: typed_arena::Arena<String>,
    names: typed_arena::Arena<u8>,
}

impl<'a> Stream<'a> {
    /// A stream for `os`; `lines`: about how many lines of text will come (a size hint, see
    /// [`Assembler::reserve_for`]).
    pub fn new(arena: &'a StreamArena, os: TargetOs, lines: usize) -> Self {
        let mut a = Assembler::new(os);
        // Labels, fixups and code for the whole module (at most 4 bytes a line), so that no
        // table is regrown and copied into fresh memory; no memo: most lines come prepared.
        a.b.reserve(lines / 4, lines / 2);
        a.b.reserve_code(4 * lines);
        Stream { a, arena }
    }

    /// The next piece.
    pub fn push(&mut self, h: Handover<Piece>) -> Result<(), CodegenError> {
        let format = self.a.format;
        match h {
            Handover::Text(t) => self.a.feed(self.arena.texts.alloc(t)),
            Handover::Function(p) => match p.into_parts() {
                (text, None, _) => self.a.feed(self.arena.texts.alloc(text)),
                (text, Some(mut pre), map) => {
                    let names = pre.take_names();
                    let names = match &map {
                        Some(m) if memchr::memchr(data::MARK, names.as_bytes()).is_some() => {
                            m.apply(&names, format)
                        }
                        Some(_) | None => names,
                    };
                    if self.a.place(pre, self.arena.texts.alloc(names))? {
                        return Ok(());
                    }
                    // The emitter keeps no text of a function it assembled: one that cannot be
                    // placed (the checks of `target_common::object::fragment`, which the
                    // emitter's functions never fail: their code is in `.text` alone, 4-byte
                    // aligned, and branches only to their own labels) cannot be assembled here.
                    if text.is_empty() {
                        return Err(CodegenError::Internal(
                            "a function assembled on its own cannot be placed in the module".into(),
                        ));
                    }
                    let text = match &map {
                        Some(m) => m.apply(&text, format),
                        None => text,
                    };
                    self.a.feed(self.arena.texts.alloc(text))
                }
            },
        }
    }

    /// The module's data (after its last text: see `AsmEmitter::take_data`), then the object.
    pub fn finish(mut self, data: Option<data::DataPool>) -> Result<Vec<u8>, CodegenError> {
        if let Some(d) = data {
            let prefix = self.a.format.local_label_prefix();
            let mut sink = data::ObjectSink::new(self.a.buffer(), &self.arena.names, prefix);
            d.write_to(&mut sink)
                .map_err(|e| CodegenError::Internal(format!("writing the module's data: {e}")))?;
        }
        self.a.finish()
    }
}

/// One function assembled on the thread that emitted it ([`prepare`]), to be placed in module
/// order ([`Assembler::place`]).
pub struct Prepared {
    frag: Fragment<A64Fixup>,
    /// Lines of its text (error messages of later text count from the module's start).
    lines: usize,
}

impl Prepared {
    /// Whether it can be placed wherever the module's sections are 4-byte aligned, as they are
    /// between the emitter's functions (instructions and `.word`s only; see
    /// `target_common::object::fragment` for the other checks, which such a function passes).
    pub fn places_anywhere(&self) -> bool {
        self.frag.alignment() <= 4
    }

    /// Its label names, one per line (pool placeholders still in them): the caller renames
    /// them as the module does and hands them to [`Assembler::place`].
    pub fn take_names(&mut self) -> String {
        self.frag.take_names()
    }
}

/// An instruction line as [`prepare`] remembers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pre {
    /// Assembled by the general path (not an instruction, or one whose target cannot be
    /// measured from the line's ends).
    Later,
    /// An instruction, encoded; its fixup's target is the line without its first `start` and
    /// last `tail` bytes (measured from both ends, so that it holds for a line whose pool
    /// placeholder was replaced by a stand-in of another length).
    Inst {
        word: u32,
        fixup: Option<(A64Fixup, u16, u16)>,
    },
}

/// Per-thread memo of [`prepare`]: encodings by instruction text. Encoding is a function of the
/// text alone (no object format, no position), so the memo is valid across modules; it is
/// emptied when it grows past `PREPARE_MEMO_MAX` entries.
const PREPARE_MEMO_MAX: usize = 1 << 16;

/// The memo of [`prepare`].
#[derive(Default)]
struct PrepareMemo {
    /// Instruction lines.
    lines: FxHashMap<LineKey, Pre>,
    /// Lines whose last operand is a local label (a branch to a block, a trap stub), by the
    /// line up to that label (`\tb.ne `, `\tcbz x3, `): their encoding does not depend on the
    /// label's name, and such a line is seldom seen twice whole, but its shape is. Looked up
    /// only when the whole line is not remembered.
    shapes: FxHashMap<LineKey, (u32, A64Fixup)>,
}

thread_local! {
    static PREPARE_MEMO: std::cell::RefCell<PrepareMemo> =
        std::cell::RefCell::new(PrepareMemo::default());
}

/// Where the last operand of `line` starts when it is a local label (a plain symbol name with
/// the format's local prefix): the split [`PrepareMemo::shapes`] keys on.
fn local_target(line: &str, prefix: &str) -> Option<usize> {
    let sp = memchr::memrchr(b' ', line.as_bytes())? + 1;
    let target = &line[sp..];
    (target.starts_with(prefix) && syntax::is_symbol_name(target)).then_some(sp)
}

/// An encoded instruction line: its word, and its fixup's kind and target, the target measured
/// from the line's ends (`start`, `tail`: see [`Pre::Inst`]).
type Encoding = (u32, Option<(A64Fixup, usize, usize)>);

impl PrepareMemo {
    /// Empty what has grown past [`PREPARE_MEMO_MAX`] entries.
    fn trim(&mut self) {
        if self.lines.len() > PREPARE_MEMO_MAX {
            self.lines.clear();
        }
        if self.shapes.len() > PREPARE_MEMO_MAX {
            self.shapes.clear();
        }
    }

    /// What is remembered of the whole line `line`.
    #[inline]
    fn get(&self, line: &str) -> Option<Pre> {
        self.lines.get(&LineKey::new(line)?).copied()
    }

    /// The encoding of instruction `line`, remembered or made (`None`: left to the general
    /// path). `key` is the line with its pool placeholder, if any, replaced by a stand-in;
    /// `shape`: whether the line may be looked up by its shape (it has no placeholder).
    #[inline]
    fn lookup(&mut self, key: &str, line: &str, shape: bool, prefix: &str) -> Option<Encoding> {
        let Some(k) = LineKey::new(key) else {
            return encoding(prepare_inst(key));
        };
        if let Some(&p) = self.lines.get(&k) {
            return encoding(p);
        }
        // Not seen whole: a branch to a local label is found by its shape, or parsed and its
        // shape remembered (not the whole line, which is seldom seen twice).
        let shape = shape
            .then(|| local_target(line, prefix))
            .flatten()
            .and_then(|at| Some((at, LineKey::new(&line[..at])?)));
        if let Some((at, sk)) = shape {
            if let Some(&(word, kind)) = self.shapes.get(&sk) {
                return Some((word, Some((kind, at, 0))));
            }
        }
        let p = prepare_inst(key);
        match (shape, p) {
            (
                Some((at, sk)),
                Pre::Inst {
                    word,
                    fixup: Some((kind, s, 0)),
                },
            ) if usize::from(s) == at => {
                self.shapes.insert(sk, (word, kind));
            }
            _ => {
                self.lines.insert(k, p);
            }
        }
        encoding(p)
    }
}

#[inline]
fn encoding(p: Pre) -> Option<Encoding> {
    match p {
        Pre::Later => None,
        Pre::Inst { word, fixup } => Some((
            word,
            fixup.map(|(kind, s, t)| (kind, usize::from(s), usize::from(t))),
        )),
    }
}

/// The memo key of instruction `line`: the line itself, or (`marked`: a placeholder mark lies
/// in it) the line with its one pool placeholder replaced by [`STAND_IN`], in `stand_in`, and
/// the placeholder's place measured from the line's ends.
#[inline]
fn memo_key<'k>(
    line: &'k str,
    marked: bool,
    stand_in: &'k mut String,
) -> (&'k str, Option<(usize, usize)>) {
    match marked.then(|| placeholder(line)).flatten() {
        None => (line, None),
        Some((start, end)) => {
            stand_in.clear();
            stand_in.push_str(&line[..start]);
            stand_in.push_str(STAND_IN);
            stand_in.push_str(&line[end..]);
            (&stand_in[..], Some((start, line.len() - end)))
        }
    }
}

/// A [`prepare`] memo key: an instruction line of at most 31 bytes (all but about one in a
/// thousand), its length in the first byte, held in the table itself: a lookup follows no
/// pointer to a string elsewhere and compares four words, where a boxed key cost a cache miss
/// and a `memcmp` call. Longer lines are parsed each time.
#[derive(Clone, Copy, PartialEq, Eq)]
struct LineKey([u64; 4]);

impl LineKey {
    fn new(line: &str) -> Option<Self> {
        let b = line.as_bytes();
        if b.len() > 31 {
            return None;
        }
        let mut bytes = [0u8; 32];
        bytes[0] = b.len() as u8;
        bytes[1..=b.len()].copy_from_slice(b);
        let word = |k: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&bytes[8 * k..8 * k + 8]);
            u64::from_le_bytes(w)
        };
        Some(LineKey([word(0), word(1), word(2), word(3)]))
    }
}

impl std::hash::Hash for LineKey {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        for w in self.0 {
            h.write_u64(w);
        }
    }
}

/// Assemble one function's text (before it is linked: pool labels are placeholders) into an
/// object fragment of its own (what [`FnEncoder`] makes of the same lines as the emitter writes
/// them). `None` when it does not assemble on its own (an error in it, or content that depends
/// on what comes before).
pub fn prepare(text: &str, func: usize, os: TargetOs) -> Option<Prepared> {
    let names = typed_arena::Arena::new();
    let mut e = FnEncoder::new(os, func, &names, text.len());
    e.text(text).ok()?;
    e.finish().ok()
}

/// One function assembled into an object fragment of its own, on the thread that emits it, in
/// parallel with other functions, line by line as the emitter writes them
/// (`emit::asm::Asm` in object mode): no text of the function is kept or read again. A line's
/// text may be reused once [`Self::line`] returns; what the buffer must keep (label names,
/// symbols of directives) is copied into `names`. Instruction lines are encoded through the
/// thread's memo ([`PrepareMemo`], taken for the encoder's lifetime). Pool labels are
/// placeholders here and renamed when the function is linked ([`Prepared::take_names`]).
pub struct FnEncoder<'n> {
    b: ObjectBuffer<'n, A64Fixup>,
    names: &'n typed_arena::Arena<u8>,
    format: ObjectFormat,
    memo: PrepareMemo,
    stand_in: String,
    lines: usize,
    own: OwnLabels,
}

/// The labels of the function a [`FnEncoder`] assembles (`emit::asm::Lbl`:
/// `<local prefix>f<func>_<kind><n>`), by kind (`b`, `t`, `k`, `r`) and number, so that a label
/// is found without hashing its name (a third of the lines name one). They are anonymous in the
/// buffer: nothing outside the function names them, and a temporary label never becomes a
/// symbol, so the object is the same; the module then neither hashes nor keeps them
/// (`ObjectBuffer::append`).
struct OwnLabels {
    prefix: String,
    ids: [Vec<LabelId>; 4],
}

/// The place of label kind `kind` (`emit::asm::Lbl`'s `b`, `t`, `k`, `r`) in
/// [`OwnLabels::ids`].
pub fn own_kind(kind: char) -> Option<usize> {
    match kind {
        'b' => Some(0),
        't' => Some(1),
        'k' => Some(2),
        'r' => Some(3),
        _ => None,
    }
}

/// No label yet, in [`OwnLabels::ids`].
const NO_LABEL: LabelId = LabelId::MAX;

impl OwnLabels {
    fn new(format: ObjectFormat, func: usize) -> Self {
        OwnLabels {
            prefix: format!("{}f{func}_", format.local_label_prefix()),
            ids: Default::default(),
        }
    }

    /// Where `name` is kept, if it is one of the function's labels spelled canonically (no
    /// leading zero: another spelling is another label).
    #[inline]
    fn slot(&self, name: &str) -> Option<(usize, usize)> {
        let rest = name.as_bytes().strip_prefix(self.prefix.as_bytes())?;
        let (&kind, digits) = rest.split_first()?;
        let kind = own_kind(char::from(kind))?;
        if digits.is_empty() || digits.len() > 7 || (digits[0] == b'0' && digits.len() > 1) {
            return None;
        }
        let mut n = 0usize;
        for &d in digits {
            if !d.is_ascii_digit() {
                return None;
            }
            n = 10 * n + usize::from(d - b'0');
        }
        Some((kind, n))
    }

    /// The label `(kind, n)` ([`Self::slot`]), made when it is new.
    #[inline]
    fn id(&mut self, b: &mut ObjectBuffer<'_, A64Fixup>, (kind, n): (usize, usize)) -> LabelId {
        if let Some(&id) = self.ids[kind].get(n) {
            if id != NO_LABEL {
                return id;
            }
        }
        let id = b.anon_label();
        let ids = &mut self.ids[kind];
        if ids.len() <= n {
            ids.resize(n + 1, NO_LABEL);
        }
        ids[n] = id;
        id
    }

    /// `name`, interned: by its slot when it is the function's own, else by name.
    /// `keep` gives the copy the buffer keeps of another name when it is new.
    #[inline]
    fn intern<'a>(
        &mut self,
        b: &mut ObjectBuffer<'a, A64Fixup>,
        name: &str,
        keep: impl FnOnce(&str) -> &'a str,
    ) -> LabelId {
        match self.slot(name) {
            Some(at) => self.id(b, at),
            None => match b.find_label(name) {
                Some(id) => id,
                None => b.label(keep(name)),
            },
        }
    }
}

impl<'n> FnEncoder<'n> {
    /// An encoder for function number `func` (its labels' number), of about `bytes` bytes of
    /// text.
    pub fn new(os: TargetOs, func: usize, names: &'n typed_arena::Arena<u8>, bytes: usize) -> Self {
        let format = ObjectFormat::of(os);
        let mut b = ObjectBuffer::new(format, &NOP.to_le_bytes());
        b.set_cie(a64_cie(format));
        b.set_compact_unwind(unwind::compact_unwind);
        // About 18 bytes a line (4 or fewer of code: a quarter of the lines are labels and
        // directives); about one line in four is a label and one in two has a fixup (see
        // `Assembler::reserve_for`).
        b.reserve_code(bytes / 4);
        let lines = bytes / 18;
        b.reserve(lines / 4, lines / 2);
        let mut memo = PREPARE_MEMO.with(|m| std::mem::take(&mut *m.borrow_mut()));
        memo.trim();
        FnEncoder {
            b,
            names,
            format,
            memo,
            stand_in: String::new(),
            lines: 0,
            own: OwnLabels::new(format, func),
        }
    }

    /// `name`, interned; `keep` gives the copy the buffer keeps when it is new.
    #[inline]
    fn intern(&mut self, name: &str, keep: impl FnOnce(&str) -> &'n str) -> LabelId {
        self.own.intern(&mut self.b, name, keep)
    }

    /// `name`, interned (copied into the names only when it is new).
    fn label(&mut self, name: &str) -> LabelId {
        let names = self.names;
        self.intern(name, |n| names.alloc_str(n))
    }

    /// Define label `name` here (what the line `name:` does).
    pub fn define(&mut self, name: &str) -> Result<(), String> {
        self.lines += 1;
        if self.own.slot(name).is_none() && !syntax::is_symbol_name(name) {
            return Err(format!("bad label `{name}`"));
        }
        let id = self.label(name);
        self.b.define_id(id)
    }

    /// Call-frame directive `c` (what its line does).
    pub fn cfi(&mut self, c: syntax::Cfi) -> Result<(), String> {
        self.lines += 1;
        cfi_directive(&mut self.b, c)
    }

    /// [`Self::define`] of the function's own label of kind `kind` ([`own_kind`]) and number
    /// `n`, found by number.
    pub fn define_own(&mut self, kind: usize, n: u32) -> Result<(), String> {
        self.lines += 1;
        let id = self.own.id(&mut self.b, (kind, n as usize));
        self.b.define_id(id)
    }

    /// Assemble one line (without its `\n`).
    pub fn line(&mut self, line: &str) -> Result<(), String> {
        self.lines += 1;
        let bytes = line.as_bytes();
        if bytes.first() == Some(&b'\t')
            && bytes.get(1) != Some(&b'.')
            && line.len() < usize::from(u16::MAX)
        {
            // Most lines were seen whole before: a line with a pool placeholder never is (its
            // key has the stand-in in the placeholder's place), so the placeholder is looked
            // for only when the line itself is not remembered.
            if let Some(Pre::Inst { word, fixup }) = self.memo.get(line) {
                let fixup = fixup.map(|(kind, s, t)| {
                    let (s, t) = (usize::from(s), usize::from(t));
                    (kind, self.label(&line[s..line.len() - t]))
                });
                self.b.reserve_island(4)?;
                return self.b.inst(word, fixup);
            }
            let marked = memchr::memchr(data::MARK, bytes).is_some();
            let (key, pool) = memo_key(line, marked, &mut self.stand_in);
            let prefix = self.format.local_label_prefix();
            if let Some((word, fixup)) = self.memo.lookup(key, line, pool.is_none(), prefix) {
                // A placeholder must be the fixup's target, or the ends do not measure it.
                let fits = match (pool, fixup) {
                    (None, _) => true,
                    (Some(at), Some((_, s, t))) => (s, t) == at,
                    (Some(_), None) => false,
                };
                if fits {
                    let fixup =
                        fixup.map(|(kind, s, t)| (kind, self.label(&line[s..line.len() - t])));
                    self.b.reserve_island(4)?;
                    return self.b.inst(word, fixup);
                }
            }
        }
        let line: &'n str = self.names.alloc_str(line);
        match classify(line)? {
            Item::Inst(e) => {
                let fixup = e
                    .fixup
                    .map(|(kind, target)| (kind, self.intern(target, |_| target)));
                self.b.reserve_island(4)?;
                self.b.inst(e.word, fixup)
            }
            Item::Label(l) => {
                let id = self.intern(l, |_| l);
                self.b.define_id(id)
            }
            Item::Directive(d) => directive(&mut self.b, self.format, d, Some(&mut self.own)),
            Item::Debug(c) => self.b.debug_comment(c),
            Item::Blank => Ok(()),
        }
    }

    /// Encode instruction `i`, the model of the line the text path writes for it, without the
    /// text (`emit::asm::Asm`'s hot helpers in object mode): the same encoder, so the same word.
    pub fn inst(&mut self, i: &Inst<'_>) -> Result<(), String> {
        self.inst_ops(i.mn, &i.ops)
    }

    /// [`Self::inst`] of the instruction `mn ops…`.
    pub fn inst_ops(&mut self, mn: Mn, ops: &[Operand<'_>]) -> Result<(), String> {
        self.lines += 1;
        let e = a64::encode_ops(mn, ops)?;
        let fixup = e.fixup.map(|(kind, t)| (kind, self.label(t)));
        self.b.reserve_island(4)?;
        self.b.inst(e.word, fixup)
    }

    /// [`Self::inst`] of a branch to the function's own label of kind `kind` ([`own_kind`]) and
    /// number `n`, found by number (the name `i` gives its target is not read).
    pub fn inst_to_own(
        &mut self,
        mn: Mn,
        ops: &[Operand<'_>],
        kind: usize,
        n: u32,
    ) -> Result<(), String> {
        self.lines += 1;
        let e = a64::encode_ops(mn, ops)?;
        let fixup = e
            .fixup
            .map(|(k, _)| (k, self.own.id(&mut self.b, (kind, n as usize))));
        self.b.reserve_island(4)?;
        self.b.inst(e.word, fixup)
    }

    /// Assemble every line of `text` (an error names the line).
    pub fn text(&mut self, text: &str) -> Result<(), String> {
        for line in Lines::new(text) {
            self.line(line)
                .map_err(|why| format!("`{}`: {why}", line.escape_debug()))?;
        }
        Ok(())
    }

    /// The function, assembled; an error when it is not self-contained (see
    /// `ObjectBuffer::into_fragment`).
    pub fn finish(mut self) -> Result<Prepared, String> {
        let lines = self.lines;
        let b = std::mem::replace(&mut self.b, ObjectBuffer::new(self.format, &[]));
        Ok(Prepared {
            frag: b.into_fragment()?,
            lines,
        })
    }
}

impl Drop for FnEncoder<'_> {
    /// The memo goes back to the thread.
    fn drop(&mut self) {
        let memo = std::mem::take(&mut self.memo);
        PREPARE_MEMO.with(|m| *m.borrow_mut() = memo);
    }
}

/// The label [`prepare`] encodes in place of a pool placeholder (any local name would do: an
/// encoding does not depend on its target's name).
const STAND_IN: &str = ".Lpool";

/// The byte range of the one pool placeholder in `line`, if it has one; a line with more than
/// one is not expected (`None` for it too, and the in-order pass sees it whole).
fn placeholder(line: &str) -> Option<(usize, usize)> {
    let mut marks = memchr::memchr_iter(data::MARK, line.as_bytes());
    let (start, end) = (marks.next()?, marks.next()?);
    marks.next().is_none().then_some((start, end + 1))
}

fn prepare_inst(line: &str) -> Pre {
    if memchr::memchr(data::MARK, line.as_bytes()).is_some() {
        return Pre::Later;
    }
    let Ok(Item::Inst(e)) = classify(line) else {
        return Pre::Later;
    };
    let fixup = match e.fixup {
        None => None,
        Some((kind, target)) => {
            // The target is a slice of `line` (the parser borrows it).
            let start = (target.as_ptr() as usize).wrapping_sub(line.as_ptr() as usize);
            match line.get(start..start + target.len()) {
                Some(t) if std::ptr::eq(t, target) => Some((
                    kind,
                    start as u16,
                    (line.len() - start - target.len()) as u16,
                )),
                _ => return Pre::Later,
            }
        }
    };
    Pre::Inst {
        word: e.word,
        fixup,
    }
}
