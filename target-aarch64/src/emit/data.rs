//! Module data collected while emitting functions and written once at the end: NUL-terminated
//! byte strings (deduplicated), immortal string handles (deduplicated by bytes), trap-site records
//! and the trap-kind table used by `trap.from_err`.
//!
//! String handle layout (runtime/src/rt_internal.h): `{ RT_STR_MAGIC, data, NULL, len, SIZE_MAX }`.
//! Trap site layout: `{ const char *function, const char *block, i64 ip, i64 line }`.
//!
//! Functions are emitted in parallel, each with a pool of its own: the text refers to the
//! function's entries through placeholders (`\x01`, kind `c`/`h`/`s`, the function-local index,
//! `\x01`; no other emitted text contains the byte 0x01, since strings are written with octal
//! escapes and symbols are sanitized). [`DataPool::append`] merges a function's pool into the
//! module's, in module order, and writes the text with the module labels in place. Merging
//! interns the function's entries in their first-use order, so the module pool and every label
//! are exactly what one serial pass over the functions would have made.

use super::asm::{Asm, Dec, Part, Section, UDec};
use crate::encode::a64::A64Fixup;
use codegen_api::ObjectFormat;
use std::fmt::Write;
use target_common::object::{LabelId, ObjectBuffer};
use target_common::pool::StringPool;

/// Starts and ends a placeholder for a pool label in a function's text.
pub(crate) const MARK: u8 = 0x01;

fn placeholder(kind: char, i: usize) -> String {
    format!("\x01{kind}{i}\x01")
}

/// Error codes 0..FROM_ERR_CODES get a row of the `trap.from_err` kind table (IL-SPEC §7.9,
/// `il::TrapKind::from_code`); other codes are RuntimeError.
pub const FROM_ERR_CODES: i64 = 9;

/// About how many bytes of linked text [`DataPool::link_to`] hands on at a time.
pub const LINK_CHUNK: usize = 1 << 16;

/// Where linked text goes: collected whole (`limit` = `usize::MAX`, `flush` never called) or
/// handed to `flush` whenever about `limit` bytes are ready (a longer run directly).
struct Chunks<'a, E> {
    buf: String,
    limit: usize,
    flush: &'a mut dyn FnMut(&str) -> Result<(), E>,
}

impl<E> Chunks<'_, E> {
    fn push(&mut self, s: &str) -> Result<(), E> {
        if self.buf.len().saturating_add(s.len()) > self.limit {
            if !self.buf.is_empty() {
                (self.flush)(&self.buf)?;
                self.buf.clear();
            }
            if s.len() > self.limit {
                return (self.flush)(s);
            }
        }
        self.buf.push_str(s);
        Ok(())
    }
}

#[derive(Default)]
pub struct DataPool {
    cstrs: StringPool,
    handles: StringPool,
    /// (function cstr, block cstr, ip, line)
    sites: Vec<(usize, usize, i64, i64)>,
    pub need_kind_table: bool,
}

impl DataPool {
    /// Label (a placeholder, see the module doc) of the NUL-terminated copy of `bytes`.
    pub fn cstr(&mut self, bytes: &[u8]) -> String {
        placeholder('c', self.cstrs.intern(bytes))
    }
    /// Label (a placeholder) of the immortal string handle for `bytes`.
    pub fn handle(&mut self, bytes: &[u8]) -> String {
        self.cstrs.intern(bytes);
        placeholder('h', self.handles.intern(bytes))
    }
    /// Label (a placeholder) of a new trap-site record.
    pub fn site(&mut self, func: &str, block: &str, ip: i64, line: i64) -> String {
        let f = self.cstrs.intern(func.as_bytes());
        let b = self.cstrs.intern(block.as_bytes());
        self.sites.push((f, b, ip, line));
        placeholder('s', self.sites.len() - 1)
    }
    pub fn kind_table(&mut self, asm: &Asm) -> String {
        self.need_kind_table = true;
        asm.local("trapkinds")
    }

    /// Merge `local` (one function's pool) into this module pool and return `text` (that
    /// function's text) with every placeholder replaced by the module's label.
    pub fn link(&mut self, local: &DataPool, text: &str, format: ObjectFormat) -> String {
        self.link_map(local).apply(text, format)
    }

    /// Like [`DataPool::link`], but the linked text goes to `flush` in chunks of about
    /// [`LINK_CHUNK`] bytes (never held whole); the first error `flush` returns stops it.
    pub fn link_to<E>(
        &mut self,
        local: &DataPool,
        text: &str,
        format: ObjectFormat,
        flush: &mut dyn FnMut(&str) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut out = Chunks {
            buf: String::with_capacity(LINK_CHUNK.min(text.len()) + 64),
            limit: LINK_CHUNK,
            flush,
        };
        self.link_map(local).write(text, format, &mut out)?;
        if out.buf.is_empty() {
            return Ok(());
        }
        (out.flush)(&out.buf)
    }

    /// Merge `local` (one function's pool) into this module pool: how the function's
    /// placeholders name the module's labels, for [`LinkMap::apply`] to write (the object path
    /// renames a function's labels, not its whole text).
    pub fn link_map(&mut self, local: &DataPool) -> LinkMap {
        let cstrs: Vec<usize> = local
            .cstrs
            .entries()
            .iter()
            .map(|b| self.cstrs.intern(b))
            .collect();
        let handles: Vec<usize> = local
            .handles
            .entries()
            .iter()
            .map(|b| self.handles.intern(b))
            .collect();
        let sites = self.sites.len();
        self.sites.extend(
            local
                .sites
                .iter()
                .map(|&(f, b, ip, line)| (cstrs[f], cstrs[b], ip, line)),
        );
        self.need_kind_table |= local.need_kind_table;
        LinkMap {
            cstrs,
            handles,
            sites,
            local_sites: local.sites.len(),
        }
    }
}

/// How one function's pool placeholders name the module's labels ([`DataPool::link_map`]).
pub struct LinkMap {
    cstrs: Vec<usize>,
    handles: Vec<usize>,
    /// The module index of the function's first site, and how many it has.
    sites: usize,
    local_sites: usize,
}

impl LinkMap {
    /// `text` with every placeholder replaced by the module's label.
    pub fn apply(&self, text: &str, format: ObjectFormat) -> String {
        let mut whole = |_: &str| Ok::<(), std::convert::Infallible>(());
        let mut out = Chunks {
            buf: String::with_capacity(text.len() + 64),
            limit: usize::MAX,
            flush: &mut whole,
        };
        match self.write(text, format, &mut out) {
            Ok(()) => out.buf,
            Err(never) => match never {},
        }
    }

    fn write<E>(&self, text: &str, format: ObjectFormat, out: &mut Chunks<'_, E>) -> Result<(), E> {
        let prefix = format.local_label_prefix();
        let mut at = 0;
        let b = text.as_bytes();
        while let Some(i) = memchr::memchr(MARK, &b[at..]) {
            let start = at + i;
            out.push(&text[at..start])?;
            let body_start = start + 1;
            let len = memchr::memchr(MARK, &b[body_start..]).unwrap_or(text.len() - body_start);
            let body = &text[body_start..body_start + len];
            let end = (body_start + len + 1).min(text.len());
            let (kind, n) = body.split_at(1.min(body.len()));
            let n: usize = n.parse().unwrap_or(usize::MAX);
            let (name, index) = match kind {
                "c" => ("cstr", self.cstrs.get(n).copied()),
                "h" => ("strh", self.handles.get(n).copied()),
                _ => ("site", (n < self.local_sites).then_some(self.sites + n)),
            };
            out.push(prefix)?;
            out.push(name)?;
            match index {
                Some(g) => {
                    // The decimal digits, without an allocation per placeholder.
                    let mut digits = [0u8; 20];
                    let mut k = digits.len();
                    let mut v = g;
                    loop {
                        k -= 1;
                        digits[k] = b'0' + (v % 10) as u8;
                        v /= 10;
                        if v == 0 {
                            break;
                        }
                    }
                    out.push(std::str::from_utf8(&digits[k..]).unwrap_or("?"))?
                }
                // Not a placeholder this pool made: left visible (the assembler rejects it).
                None => out.push(&format!("?{body}"))?,
            }
            at = end;
        }
        out.push(&text[at..])
    }
}

impl DataPool {
    /// Write every collected datum (straight into the text: a module has thousands).
    pub fn write(&self, asm: &mut Asm) {
        match self.write_to(asm) {
            Ok(()) => {}
            Err(never) => match never {},
        }
    }

    /// Write every collected datum to `out`: the one description of the module's data layout,
    /// for the text ([`Asm`]) and for the object buffer ([`ObjectSink`]).
    pub fn write_to<S: DataSink>(&self, out: &mut S) -> Result<(), S::Error> {
        if !self.cstrs.is_empty() || self.need_kind_table {
            out.section(Section::Rodata)?;
        }
        for (i, bytes) in self.cstrs.entries().iter().enumerate() {
            out.label("cstr", Some(i))?;
            out.asciz(bytes)?;
        }
        if self.need_kind_table {
            out.label("trapkinds", None)?;
            let kinds: Vec<u8> = (0..FROM_ERR_CODES)
                .map(|c| il::TrapKind::from_code(c).value())
                .collect();
            out.bytes(&kinds)?;
        }
        if self.handles.is_empty() && self.sites.is_empty() {
            return Ok(());
        }
        out.section(Section::DataRelRo)?;
        out.align(3)?;
        for (i, bytes) in self.handles.entries().iter().enumerate() {
            let Some(c) = self.cstrs.get(bytes) else {
                continue;
            };
            out.label("strh", Some(i))?;
            out.quads(&[
                Quad::Hex(0x5354_524D_4147_4943),
                Quad::Label("cstr", c),
                Quad::Dec(0),
                Quad::Dec(bytes.len() as i64),
                Quad::Dec(-1),
            ])?;
        }
        for (i, &(f, b, ip, line)) in self.sites.iter().enumerate() {
            out.label("site", Some(i))?;
            out.quads(&[
                Quad::Label("cstr", f),
                Quad::Label("cstr", b),
                Quad::Dec(ip),
                Quad::Dec(line),
            ])?;
        }
        Ok(())
    }
}

/// One 8-byte datum of a record: a number (written in decimal, or in hexadecimal for a magic
/// word) or the address of pool label `kind` + index.
#[derive(Clone, Copy, Debug)]
pub enum Quad {
    Dec(i64),
    Hex(u64),
    Label(&'static str, usize),
}

/// Where [`DataPool::write_to`] puts the module's data. Pool labels are the format's local
/// prefix, a kind (`cstr`, `strh`, `site`, `trapkinds`) and an index.
pub trait DataSink {
    type Error;
    fn section(&mut self, s: Section) -> Result<(), Self::Error>;
    fn align(&mut self, p2: u32) -> Result<(), Self::Error>;
    /// Define label `kind` + `i` (`None`: `kind` alone) here.
    fn label(&mut self, kind: &'static str, i: Option<usize>) -> Result<(), Self::Error>;
    /// The bytes and a NUL (`.asciz`).
    fn asciz(&mut self, bytes: &[u8]) -> Result<(), Self::Error>;
    /// Raw bytes (`.byte`).
    fn bytes(&mut self, b: &[u8]) -> Result<(), Self::Error>;
    /// 8-byte data (`.quad`).
    fn quads(&mut self, q: &[Quad]) -> Result<(), Self::Error>;
}

/// The text: the directives the assembler reads back (written straight into the text, numbers
/// and names pushed as `Part`s: a module has tens of thousands of records).
impl DataSink for Asm<'_> {
    type Error = std::convert::Infallible;
    fn section(&mut self, s: Section) -> Result<(), Self::Error> {
        Asm::section(self, s);
        Ok(())
    }
    fn align(&mut self, p2: u32) -> Result<(), Self::Error> {
        self.out.push_str("\t.p2align ");
        UDec(u64::from(p2)).put(&mut self.out);
        self.out.push('\n');
        Ok(())
    }
    fn label(&mut self, kind: &'static str, i: Option<usize>) -> Result<(), Self::Error> {
        let p = self.local_prefix();
        pool_label(&mut self.out, p, kind, i);
        self.out.push_str(":\n");
        Ok(())
    }
    fn asciz(&mut self, bytes: &[u8]) -> Result<(), Self::Error> {
        self.out.push_str("\t.asciz \"");
        escape_into(bytes, &mut self.out);
        self.out.push_str("\"\n");
        Ok(())
    }
    fn bytes(&mut self, b: &[u8]) -> Result<(), Self::Error> {
        self.out.push_str("\t.byte ");
        for (k, &v) in b.iter().enumerate() {
            if k > 0 {
                self.out.push_str(", ");
            }
            UDec(u64::from(v)).put(&mut self.out);
        }
        self.out.push('\n');
        Ok(())
    }
    fn quads(&mut self, q: &[Quad]) -> Result<(), Self::Error> {
        let p = self.local_prefix();
        let out = &mut self.out;
        out.push_str("\t.quad ");
        for (k, &v) in q.iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            match v {
                Quad::Dec(n) => Dec(n).put(out),
                Quad::Hex(n) => {
                    let _ = write!(out, "0x{n:X}");
                }
                Quad::Label(kind, i) => pool_label(out, p, kind, Some(i)),
            }
        }
        out.push('\n');
        Ok(())
    }
}

/// Pool label `kind` + `i` (`None`: `kind` alone) with the format's local `prefix`, onto `out`.
fn pool_label(out: &mut String, prefix: &str, kind: &str, i: Option<usize>) {
    out.push_str(prefix);
    out.push_str(kind);
    if let Some(i) = i {
        UDec(i as u64).put(out);
    }
}

/// The object path: the data goes straight into the module's object buffer, as the text above
/// would have been assembled (checked by `object_exact`: objects equal the assembled text).
/// Label names are kept in `names`, which outlives the buffer.
pub struct ObjectSink<'s, 'a> {
    pub b: &'s mut ObjectBuffer<'a, A64Fixup>,
    pub names: &'a typed_arena::Arena<u8>,
    pub prefix: &'static str,
    /// The string labels (`cstr` + index) defined so far, by index: the records that point at
    /// them find them without spelling and hashing their names.
    cstrs: Vec<LabelId>,
    /// Where a label's name is spelled before it is looked up (kept only when new).
    scratch: String,
}

impl<'a> ObjectSink<'_, 'a> {
    /// A sink writing into `b`.
    pub fn new<'s>(
        b: &'s mut ObjectBuffer<'a, A64Fixup>,
        names: &'a typed_arena::Arena<u8>,
        prefix: &'static str,
    ) -> ObjectSink<'s, 'a> {
        ObjectSink {
            b,
            names,
            prefix,
            cstrs: Vec::new(),
            scratch: String::new(),
        }
    }

    /// Pool label `kind` + `i`, interned.
    fn id(&mut self, kind: &str, i: Option<usize>) -> LabelId {
        if let (Some(i), "cstr") = (i, kind) {
            if let Some(&id) = self.cstrs.get(i) {
                return id;
            }
        }
        self.scratch.clear();
        pool_label(&mut self.scratch, self.prefix, kind, i);
        match self.b.find_label(&self.scratch) {
            Some(id) => id,
            None => self.b.label(self.names.alloc_str(&self.scratch)),
        }
    }
}

impl DataSink for ObjectSink<'_, '_> {
    type Error = String;
    fn section(&mut self, s: Section) -> Result<(), String> {
        self.b.section(s);
        Ok(())
    }
    fn align(&mut self, p2: u32) -> Result<(), String> {
        self.b.align(p2)
    }
    fn label(&mut self, kind: &'static str, i: Option<usize>) -> Result<(), String> {
        let id = self.id(kind, i);
        if let (Some(i), "cstr") = (i, kind) {
            if self.cstrs.len() == i {
                self.cstrs.push(id);
            }
        }
        self.b.define_id(id)
    }
    fn asciz(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.b.bytes(bytes)?;
        self.b.bytes(&[0])
    }
    fn bytes(&mut self, b: &[u8]) -> Result<(), String> {
        self.b.bytes(b)
    }
    fn quads(&mut self, q: &[Quad]) -> Result<(), String> {
        for &v in q {
            match v {
                Quad::Dec(n) => self.b.data(n as u64, 8)?,
                Quad::Hex(n) => self.b.data(n, 8)?,
                Quad::Label(kind, i) => {
                    let id = self.id(kind, Some(i));
                    self.b.data_abs64_id(id, 0)?
                }
            }
        }
        Ok(())
    }
}

/// Escape bytes for `.asciz "..."` onto `out`: `\"`, `\\`, and octal escapes for everything
/// outside printable ASCII (printable runs are copied whole).
fn escape_into(bytes: &[u8], out: &mut String) {
    let plain = |b: u8| matches!(b, 0x20..=0x7e) && b != b'"' && b != b'\\';
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..].iter().take_while(|&&b| plain(b)).count();
        if run > 0 {
            // Printable ASCII is UTF-8.
            out.push_str(std::str::from_utf8(&bytes[i..i + run]).unwrap_or_default());
            i += run;
            continue;
        }
        match bytes[i] {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b => {
                let _ = write!(out, "\\{:03o}", b);
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_for_the_assembler() {
        let mut out = String::from(">");
        escape_into(b"a \"b\"\\c\n\x00\x7f\xff~", &mut out);
        assert_eq!(out, ">a \\\"b\\\"\\\\c\\012\\000\\177\\377~");
    }

    #[test]
    fn link_merges_pools_in_order() {
        let mut module = DataPool::default();
        let mut f1 = DataPool::default();
        let a = f1.cstr(b"x");
        let t1 = format!("adrp x0, {a}\n");
        let out1 = module.link(&f1, &t1, ObjectFormat::Elf);
        assert_eq!(out1, "adrp x0, .Lcstr0\n");
        let mut f2 = DataPool::default();
        let b = f2.cstr(b"y");
        let c = f2.cstr(b"x");
        let s = f2.site("f", "entry", 3, -1);
        let t2 = format!("A {b} B {c} C {s} D");
        let out2 = module.link(&f2, &t2, ObjectFormat::MachO);
        // "y" is new (1), "x" is the module's 0, the site is the module's first.
        assert_eq!(out2, "A Lcstr1 B Lcstr0 C Lsite0 D");
        // Module entries: x, y, then the site's names.
        assert_eq!(module.cstrs.entries().len(), 4);
    }

    /// The object path writes the module's data into the buffer as the text it prints would
    /// assemble: strings (with bytes that need escapes), the kind table, handles and sites.
    #[test]
    fn data_written_directly_equals_its_text_assembled() {
        for os in [codegen_api::TargetOs::Linux, codegen_api::TargetOs::Darwin] {
            let mut pool = DataPool::default();
            pool.handle(b"he said \"hi\"\n\x00\xff");
            pool.cstr(b"plain");
            pool.site("f", "entry", 3, -1);
            pool.site("g", "b2", 7, 12);
            pool.need_kind_table = true;
            let mut asm = Asm::new(os);
            asm.section(Section::Text);
            asm.ins("ret");
            let head = asm.out.clone();
            pool.write(&mut asm);
            let from_text = crate::encode::assemble(&asm.out, os).unwrap();
            let names = typed_arena::Arena::new();
            let mut a = crate::encode::Assembler::new(os);
            a.feed(&head).unwrap();
            let mut sink = ObjectSink::new(
                a.buffer(),
                &names,
                ObjectFormat::of(os).local_label_prefix(),
            );
            pool.write_to(&mut sink).unwrap();
            assert_eq!(a.finish().unwrap(), from_text, "{os:?}");
        }
    }
}
