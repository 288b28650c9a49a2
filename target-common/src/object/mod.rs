//! A target-independent machine-code buffer and object-file writer (ELF and Mach-O through the
//! `object` crate).
//!
//! A target appends instruction words and data to sections ([`ObjectBuffer::inst`],
//! [`ObjectBuffer::bytes`]), defines labels, and refers to labels and symbols through fixups
//! whose meaning it describes with a [`FixupKind`]. [`ObjectBuffer::finish`] resolves every
//! fixup it can (pc-relative references inside one section) and turns the rest into relocations
//! the way the system assemblers do, so the object equals theirs for the same program:
//!
//! - ELF (GNU as): references to assembler-local labels (`.L…`) and to local symbols become
//!   relocations against the section symbol with the offset in the addend, except through the
//!   GOT; mapping symbols `$x`/`$d` mark code and data (`.word`/`.quad`) runs; `.text`, `.data`
//!   and `.bss` always exist and every section has a section symbol; `.note.GNU-stack` marks the
//!   stack non-executable.
//! - Mach-O (LLVM's assembler): relocations are external against the symbol itself, or against
//!   the nearest preceding non-temporary symbol of a temporary label's section (`ltmp<n>` at the
//!   section start when there is none), with the offset in the addend.
//!
//! Branch range: a fixup of a kind with a [`FixupKind::short_range`] (conditional branches) whose
//! target is already defined and out of range is relaxed in place (inverted branch over an
//! unconditional one); a forward one gets a veneer in an island emitted before its range runs
//! out ([`ObjectBuffer::reserve_island`]). Neither happens for code the system assembler
//! accepts, so relaxation never makes our object differ from theirs.
//!
//! Call-frame directives build `.eh_frame` (ELF) as GNU as does: see [`cfi`]. Debug directives
//! (`.file`, `.loc`, the function-information comments of [`crate::debug`]) are recorded in a
//! [`dwarf::DebugTable`] at the current offset and become the `.debug_*` sections: see [`dwarf`].
//!
//! A function can also be assembled on its own into a [`Fragment`] (on the thread that emitted
//! it) and placed into the module's buffer later, in module order: see [`fragment`].
//!
//! Invariants: output is a function of the calls alone (no hashing order reaches the file);
//! every fixup is either resolved or becomes exactly one relocation; an undefined label used
//! where the format needs a definition is an error, not a zero.

pub mod cfi;
pub mod dwarf;
mod fragment;
mod write;

use cfi::{CfiOp, Cie, CompactUnwind, Fde, OpenFde};
use codegen_api::{ObjectFormat, SectionKind};
pub use fragment::Fragment;
use std::collections::{HashMap, VecDeque};

/// What a target's fixup kinds must tell the buffer.
pub trait FixupKind: Copy + std::fmt::Debug + PartialEq {
    /// Patch the 4-byte instruction at `field` for a target `delta` bytes from it; an error when
    /// out of range.
    fn patch(self, field: &mut [u8], delta: i64) -> Result<(), String>;
    /// Whether a reference to a label in the same section is resolved here (pc-relative).
    fn resolves_in_section(self) -> bool;
    /// Whether the reference goes through the GOT (never rewritten against a section symbol).
    fn via_got(self) -> bool;
    /// The forward reach in bytes when it is short enough to need relaxation.
    fn short_range(self) -> Option<i64>;
    /// Whether the target is a thread-local variable (its symbol gets the TLS type, as the
    /// assemblers give it).
    fn tls(self) -> bool;
    /// ELF relocation type.
    fn elf_type(self) -> object::elf::RelocationType;
    /// Mach-O relocation type and pc-relative flag.
    fn macho_type(self) -> (object::macho::RelocationType, bool);
    /// The long unconditional branch (word, kind) used to relax or veneer this kind.
    fn veneer(self) -> Option<(u32, Self)>;
    /// The branch word with its condition inverted and its offset cleared.
    fn invert_branch(word: u32) -> Option<u32>;
}

/// A label or symbol.
pub type LabelId = u32;

/// The workspace's hasher for short keys (`il::hash`): only for maps that are looked up, never
/// iterated, so that their order cannot reach the output.
pub use il::hash::Fx;

/// A `HashMap` keyed through [`Fx`].
pub type FxHashMap<K, V> = il::hash::FxMap<K, V>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Map {
    Code,
    Data,
}

struct Section {
    kind: SectionKind,
    data: Vec<u8>,
    align: u64,
    /// ELF mapping symbols: (offset, kind) at every change.
    mapping: Vec<(u64, Map)>,
}

impl Section {
    /// Start a run of `m` here unless one is open (ELF mapping symbols; `elf` false: nothing).
    #[inline]
    fn mark(&mut self, elf: bool, m: Map) {
        if elf && self.mapping.last().map(|x| x.1) != Some(m) {
            self.mapping.push((self.data.len() as u64, m));
        }
    }
}

struct Label<'a> {
    name: Option<&'a str>,
    temporary: bool,
    def: Option<(usize, u64)>,
    global: bool,
    func: bool,
    size: Option<u64>,
}

#[derive(Clone, Copy, Debug)]
enum Fix<K> {
    Code(K),
    Abs64,
    /// `target - minus` as 32 bits (both in this section).
    Diff32(LabelId),
}

#[derive(Clone, Copy, Debug)]
struct Fixup<K> {
    section: usize,
    offset: u64,
    kind: Fix<K>,
    target: LabelId,
    addend: i64,
}

/// The machine-code buffer of one module; names are borrowed from the caller's text.
pub struct ObjectBuffer<'a, K: FixupKind> {
    format: ObjectFormat,
    sections: Vec<Section>,
    cur: usize,
    labels: Vec<Label<'a>>,
    by_name: FxHashMap<&'a str, LabelId>,
    fixups: Vec<Fixup<K>>,
    /// Forward short-range fixups not yet known to be in range, per reach, in emission order.
    pending: Vec<(i64, VecDeque<usize>)>,
    /// [`Self::reserve_island`] needs no island while `offset + next` stays at or below this
    /// (the least per-queue limit of its last scan, lowered as fixups join `pending`; a label
    /// definition only raises the true limit, so the value stays safe). `i64::MIN`: scan.
    island_limit: i64,
    nop: Vec<u8>,
    cie: Option<Cie>,
    compact_unwind: Option<CompactUnwind>,
    open_fde: Option<OpenFde>,
    fdes: Vec<Fde>,
    debug: dwarf::DebugTable,
    open_func: Option<dwarf::DebugFunc>,
    /// Targets of relaxed branches (a [`Fragment`] checks them when it is placed).
    relaxed: Vec<LabelId>,
    /// Bytes reserved for the code section when it is created.
    code_capacity: usize,
}

impl<'a, K: FixupKind> ObjectBuffer<'a, K> {
    /// A buffer for `format`; `nop` is the code-alignment filler (one instruction).
    pub fn new(format: ObjectFormat, nop: &[u8]) -> Self {
        ObjectBuffer {
            format,
            sections: Vec::new(),
            cur: usize::MAX,
            // Small: a caller that knows the module's size reserves for it (`reserve`).
            labels: Vec::new(),
            by_name: HashMap::default(),
            fixups: Vec::new(),
            pending: Vec::new(),
            island_limit: i64::MAX,
            nop: nop.to_vec(),
            cie: None,
            compact_unwind: None,
            open_fde: None,
            fdes: Vec::new(),
            debug: dwarf::DebugTable::default(),
            open_func: None,
            relaxed: Vec::new(),
            // Code grows by 4 bytes an instruction: start at 64 KiB, not at 8 bytes.
            code_capacity: 1 << 16,
        }
    }

    /// Room for `labels` labels and symbols and `fixups` fixups, so that a module whose size
    /// the caller knows is assembled without regrowing them (each regrowth copies everything so
    /// far) and a small one does not pay for a large reservation (about a millisecond of page
    /// faults and table clearing at 16k labels and 128k fixups).
    pub fn reserve(&mut self, labels: usize, fixups: usize) {
        self.labels.reserve(labels);
        self.by_name.reserve(labels);
        self.fixups.reserve(fixups);
    }

    /// Room for `bytes` bytes of code when the code section is created (a buffer for one
    /// function reserves what its text can hold, not the default 64 KiB).
    pub fn reserve_code(&mut self, bytes: usize) {
        self.code_capacity = bytes;
    }

    /// `.file n "path"`.
    pub fn debug_file(&mut self, n: u32, path: String) -> Result<(), String> {
        if self.debug.files.iter().any(|f| f.0 == n) {
            return Err(format!(".file {n} declared twice"));
        }
        if path.contains('\0') {
            return Err(".file path contains a NUL byte".into());
        }
        self.debug.files.push((n, path));
        Ok(())
    }
    /// `.loc` at the current offset.
    pub fn debug_loc(&mut self, loc: crate::debug::Loc) -> Result<(), String> {
        if self.sec()?.kind != SectionKind::Text {
            return Err(".loc outside a code section".into());
        }
        self.debug.rows.push((self.cur, self.offset(), loc));
        Ok(())
    }
    /// A function-information comment at the current offset.
    pub fn debug_comment(&mut self, c: crate::debug::Comment) -> Result<(), String> {
        use crate::debug::Comment;
        match c {
            Comment::Func { name, symbol, line } => {
                if self.open_func.is_some() {
                    return Err("function information inside another function".into());
                }
                self.open_func = Some(dwarf::DebugFunc {
                    name,
                    symbol,
                    line,
                    section: self.cur,
                    start: self.offset(),
                    end: self.offset(),
                    params: Vec::new(),
                });
            }
            Comment::Param { name, ty, loc } => self
                .open_func
                .as_mut()
                .ok_or("parameter information outside a function")?
                .params
                .push((name, ty, loc)),
            Comment::EndFunc => {
                let mut f = self
                    .open_func
                    .take()
                    .ok_or("end of function information without a start")?;
                if f.section != self.cur {
                    return Err("function information ends in another section".into());
                }
                f.end = self.offset();
                self.debug.funcs.push(f);
            }
        }
        Ok(())
    }

    /// The CIE used by `.cfi_*` directives (required before the first `.cfi_startproc`).
    pub fn set_cie(&mut self, cie: Cie) {
        self.cie = Some(cie);
    }

    /// The target's compact-unwind encoder (required for call-frame directives on Mach-O).
    pub fn set_compact_unwind(&mut self, f: CompactUnwind) {
        self.compact_unwind = Some(f);
    }

    /// `.cfi_startproc` at the current offset.
    pub fn cfi_start(&mut self) -> Result<(), String> {
        if self.open_fde.is_some() {
            return Err(".cfi_startproc inside another".into());
        }
        let at = self.offset();
        self.open_fde = Some(OpenFde {
            section: self.cur,
            start: at,
            loc: at,
            program: Vec::new(),
            ops: Vec::new(),
        });
        Ok(())
    }

    /// One call-frame directive at the current offset.
    pub fn cfi(&mut self, op: CfiOp) -> Result<(), String> {
        let at = self.offset();
        let cie = self
            .cie
            .as_ref()
            .ok_or("no CIE for call-frame directives")?;
        let f = self
            .open_fde
            .as_mut()
            .ok_or("call-frame directive outside .cfi_startproc")?;
        if f.section != self.cur {
            return Err("call-frame directive in another section".into());
        }
        f.push(cie, at, op)
    }

    /// `.cfi_endproc` at the current offset.
    pub fn cfi_end(&mut self) -> Result<(), String> {
        let f = self
            .open_fde
            .take()
            .ok_or(".cfi_endproc without .cfi_startproc")?;
        let end = self.offset();
        self.fdes.push(Fde {
            section: f.section,
            start: f.start,
            end,
            program: f.program,
            ops: f.ops,
        });
        Ok(())
    }

    /// Switch to (creating on first use) the section of `kind`.
    pub fn section(&mut self, kind: SectionKind) {
        self.island_limit = i64::MIN;
        self.cur = match self.sections.iter().position(|s| s.kind == kind) {
            Some(i) => i,
            None => {
                self.sections.push(Section {
                    kind,
                    data: Vec::with_capacity(if kind == SectionKind::Text {
                        self.code_capacity
                    } else {
                        0
                    }),
                    align: 1,
                    mapping: Vec::new(),
                });
                self.sections.len() - 1
            }
        };
    }

    fn sec(&mut self) -> Result<&mut Section, String> {
        self.sections
            .get_mut(self.cur)
            .ok_or_else(|| "content before any section directive".to_string())
    }

    /// The offset in the current section.
    pub fn offset(&self) -> u64 {
        self.sections
            .get(self.cur)
            .map(|s| s.data.len() as u64)
            .unwrap_or(0)
    }

    /// The id of `name` (a label or symbol), interned on first use.
    /// The label named `name`, if it was interned ([`Self::label`]) already.
    pub fn find_label(&self, name: &str) -> Option<LabelId> {
        self.by_name.get(name).copied()
    }

    pub fn label(&mut self, name: &'a str) -> LabelId {
        // One hash per call, found or not.
        match self.by_name.entry(name) {
            std::collections::hash_map::Entry::Occupied(e) => *e.get(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let id = self.labels.len() as LabelId;
                let temporary = name.starts_with(self.format.local_label_prefix());
                self.labels.push(Label {
                    name: Some(name),
                    temporary,
                    def: None,
                    global: false,
                    func: false,
                    size: None,
                });
                e.insert(id);
                id
            }
        }
    }

    /// A new label without a name (temporary: it never becomes a symbol).
    pub fn anon_label(&mut self) -> LabelId {
        self.labels.push(Label {
            name: None,
            temporary: true,
            def: None,
            global: false,
            func: false,
            size: None,
        });
        (self.labels.len() - 1) as LabelId
    }

    /// Define `name` at the current offset.
    pub fn define(&mut self, name: &'a str) -> Result<(), String> {
        let id = self.label(name);
        self.define_id(id)
    }

    /// Define label `id` ([`Self::label`]) at the current offset.
    pub fn define_id(&mut self, id: LabelId) -> Result<(), String> {
        let at = (self.cur, self.offset());
        let l = &mut self.labels[id as usize];
        if l.def.is_some() {
            return Err(format!(
                "label `{}` defined twice",
                l.name.unwrap_or("(anonymous)")
            ));
        }
        l.def = Some(at);
        Ok(())
    }

    /// `.globl name`.
    pub fn set_global(&mut self, name: &'a str) {
        let id = self.label(name);
        self.labels[id as usize].global = true;
    }
    /// `.type name, %function`.
    pub fn set_function(&mut self, name: &'a str) {
        let id = self.label(name);
        self.labels[id as usize].func = true;
    }
    /// `.size name, .-name`.
    pub fn set_size_to_here(&mut self, name: &'a str) -> Result<(), String> {
        let id = self.label(name);
        let here = (self.cur, self.offset());
        let l = &mut self.labels[id as usize];
        match l.def {
            Some((s, off)) if s == here.0 => {
                l.size = Some(here.1 - off);
                Ok(())
            }
            _ => Err(format!(".size of `{name}` outside its section")),
        }
    }

    fn mark(&mut self, m: Map) -> Result<(), String> {
        let elf = self.format == ObjectFormat::Elf;
        self.sec()?.mark(elf, m);
        Ok(())
    }

    /// Append raw bytes (no mapping-symbol change: `.asciz`, `.byte`).
    pub fn bytes(&mut self, b: &[u8]) -> Result<(), String> {
        self.sec()?.data.extend_from_slice(b);
        Ok(())
    }

    /// Append a data word of `size` bytes (`.word`/`.quad`): a data run for mapping symbols.
    pub fn data(&mut self, v: u64, size: usize) -> Result<(), String> {
        self.mark(Map::Data)?;
        let b = v.to_le_bytes();
        self.sec()?.data.extend_from_slice(&b[..size]);
        Ok(())
    }

    /// `.quad target` (+ addend): an absolute 64-bit address.
    pub fn data_abs64(&mut self, target: &'a str, addend: i64) -> Result<(), String> {
        let t = self.label(target);
        self.data_abs64_id(t, addend)
    }

    /// [`Self::data_abs64`] of a label already interned.
    pub fn data_abs64_id(&mut self, t: LabelId, addend: i64) -> Result<(), String> {
        let offset = self.offset();
        self.data(0, 8)?;
        self.fixups.push(Fixup {
            section: self.cur,
            offset,
            kind: Fix::Abs64,
            target: t,
            addend,
        });
        Ok(())
    }

    /// `.word target - minus` (both labels of this section).
    pub fn data_diff32(&mut self, target: &'a str, minus: &'a str) -> Result<(), String> {
        let (t, m) = (self.label(target), self.label(minus));
        self.data_diff32_ids(t, m)
    }

    /// [`Self::data_diff32`] of labels already interned.
    pub fn data_diff32_ids(&mut self, t: LabelId, m: LabelId) -> Result<(), String> {
        let offset = self.offset();
        self.data(0, 4)?;
        self.fixups.push(Fixup {
            section: self.cur,
            offset,
            kind: Fix::Diff32(m),
            target: t,
            addend: 0,
        });
        Ok(())
    }

    /// Align the current section to `1 << p2` (code sections pad with the nop, others with 0).
    pub fn align(&mut self, p2: u32) -> Result<(), String> {
        let a = 1u64 << p2;
        let text = self.sec()?.kind == SectionKind::Text;
        let nop = self.nop.clone();
        let s = self.sec()?;
        s.align = s.align.max(a);
        let n = nop.len() as u64;
        while !(s.data.len() as u64).is_multiple_of(a) {
            let len = s.data.len() as u64;
            let left = a - len % a;
            if text && left.is_multiple_of(n) && len.is_multiple_of(n) {
                s.data.extend_from_slice(&nop);
            } else {
                s.data.push(0);
            }
        }
        Ok(())
    }

    /// Append one 4-byte instruction, with an optional fixup to the label `target` (an id from
    /// [`Self::label`]: a caller that sees the same instruction again keeps the id instead of
    /// looking the name up each time).
    pub fn inst(&mut self, word: u32, fixup: Option<(K, LabelId)>) -> Result<(), String> {
        let elf = self.format == ObjectFormat::Elf;
        let cur = self.cur;
        let s = self
            .sections
            .get_mut(cur)
            .ok_or("content before any section directive")?;
        s.mark(elf, Map::Code);
        let offset = s.data.len() as u64;
        let Some((kind, t)) = fixup else {
            s.data.extend_from_slice(&word.to_le_bytes());
            return Ok(());
        };
        let target = self
            .labels
            .get(t as usize)
            .ok_or_else(|| format!("no label with id {t}"))?;
        let def = target.def;
        if let (Some(range), Some((ts, at))) = (kind.short_range(), def) {
            if ts == cur && !target.global && (offset as i64 - at as i64) > range {
                return self.relax_backward(word, kind, t);
            }
        }
        s.data.extend_from_slice(&word.to_le_bytes());
        self.fixups.push(Fixup {
            section: cur,
            offset,
            kind: Fix::Code(kind),
            target: t,
            addend: 0,
        });
        if let (Some(range), None) = (kind.short_range(), def) {
            let i = self.fixups.len() - 1;
            let q = match self.pending.iter().position(|p| p.0 == range) {
                Some(k) => &mut self.pending[k].1,
                None => {
                    self.pending.push((range, VecDeque::new()));
                    &mut self.pending.last_mut().expect("just pushed").1
                }
            };
            q.push_back(i);
            // This queue's limit as the next scan computes it (none while its front lies in
            // another section); the other queues' are unchanged.
            if let Some(&front) = q.front() {
                if self.fixups[front].section == cur {
                    let limit = Self::queue_limit(self.fixups[front].offset, range, q.len());
                    self.island_limit = self.island_limit.min(limit);
                }
            }
        }
        Ok(())
    }

    /// An out-of-range backward short branch: inverted branch over a long one.
    fn relax_backward(&mut self, word: u32, kind: K, t: LabelId) -> Result<(), String> {
        let (inv, (long, lkind)) = K::invert_branch(word)
            .zip(kind.veneer())
            .ok_or_else(|| format!("{kind:?} cannot be relaxed"))?;
        self.relaxed.push(t);
        let mut w = inv.to_le_bytes();
        kind.patch(&mut w, 8)?;
        self.sec()?.data.extend_from_slice(&w);
        let offset = self.offset();
        self.sec()?.data.extend_from_slice(&long.to_le_bytes());
        self.fixups.push(Fixup {
            section: self.cur,
            offset,
            kind: Fix::Code(lkind),
            target: t,
            addend: 0,
        });
        Ok(())
    }

    /// Before `next` more bytes of code: emit a veneer island when a pending forward short branch
    /// would otherwise run out of range.
    #[inline]
    pub fn reserve_island(&mut self, next: u64) -> Result<(), String> {
        let here = self.offset() as i64;
        if here + next as i64 <= self.island_limit {
            return Ok(());
        }
        self.scan_pending(here, next)
    }

    /// [`Self::reserve_island`] past the cached limit: look at every queue's first fixup.
    #[inline(never)]
    fn scan_pending(&mut self, here: i64, next: u64) -> Result<(), String> {
        let mut need = false;
        let mut least = i64::MAX;
        for (range, q) in &mut self.pending {
            while let Some(&i) = q.front() {
                if self.labels[self.fixups[i].target as usize].def.is_none() {
                    break;
                }
                q.pop_front();
            }
            if let Some(&i) = q.front() {
                if self.fixups[i].section != self.cur {
                    continue;
                }
                let limit = Self::queue_limit(self.fixups[i].offset, *range, q.len());
                least = least.min(limit);
                if here + next as i64 > limit {
                    need = true;
                }
            }
        }
        self.island_limit = least;
        if need {
            self.island()?;
            self.island_limit = i64::MIN;
        }
        Ok(())
    }

    /// The greatest `offset + next` at which a queue of `len` pending fixups of reach `range`,
    /// the first at `first`, needs no island yet. Worst case: `b over`, one veneer per pending
    /// fixup, and the next code, with two instructions of slack.
    fn queue_limit(first: u64, range: i64, len: usize) -> i64 {
        let deadline = first as i64 + range;
        let island = 4 * (len as i64 + 1);
        deadline - island - 8
    }

    fn island(&mut self) -> Result<(), String> {
        let over = self.anon_label();
        let mut todo: Vec<usize> = Vec::new();
        for (_, q) in &mut self.pending {
            todo.extend(q.drain(..));
        }
        todo.retain(|&i| self.labels[self.fixups[i].target as usize].def.is_none());
        todo.sort_unstable();
        let Some((long, lkind)) = todo.first().and_then(|&i| match self.fixups[i].kind {
            Fix::Code(k) => k.veneer(),
            Fix::Abs64 | Fix::Diff32(_) => None,
        }) else {
            return Ok(());
        };
        self.mark(Map::Code)?;
        let offset = self.offset();
        self.sec()?.data.extend_from_slice(&long.to_le_bytes());
        self.fixups.push(Fixup {
            section: self.cur,
            offset,
            kind: Fix::Code(lkind),
            target: over,
            addend: 0,
        });
        for i in todo {
            let v = self.anon_label();
            self.define_id(v)?;
            let target = self.fixups[i].target;
            self.fixups[i].target = v;
            let offset = self.offset();
            self.sec()?.data.extend_from_slice(&long.to_le_bytes());
            self.fixups.push(Fixup {
                section: self.cur,
                offset,
                kind: Fix::Code(lkind),
                target,
                addend: 0,
            });
        }
        self.define_id(over)
    }

    /// Resolve, relocate and write the object file.
    pub fn finish(self) -> Result<Vec<u8>, String> {
        write::finish(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy fixup kind: `Short` reaches 64 bytes forward (so islands come quickly), `Long`
    /// is its veneer; the offset goes in the low 16 bits.
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Toy {
        Short,
        Long,
    }

    impl FixupKind for Toy {
        fn patch(self, field: &mut [u8], delta: i64) -> Result<(), String> {
            let w = u32::from_le_bytes([field[0], field[1], field[2], field[3]]);
            let w = (w & 0xffff_0000) | ((delta / 4) as u32 & 0xffff);
            field.copy_from_slice(&w.to_le_bytes());
            Ok(())
        }
        fn resolves_in_section(self) -> bool {
            true
        }
        fn via_got(self) -> bool {
            false
        }
        fn short_range(self) -> Option<i64> {
            match self {
                Toy::Short => Some(64),
                Toy::Long => None,
            }
        }
        fn tls(self) -> bool {
            false
        }
        fn elf_type(self) -> object::elf::RelocationType {
            object::elf::R_AARCH64_JUMP26
        }
        fn macho_type(self) -> (object::macho::RelocationType, bool) {
            (object::macho::ARM64_RELOC_BRANCH26, true)
        }
        fn veneer(self) -> Option<(u32, Self)> {
            Some((0x1400_0000, Toy::Long))
        }
        fn invert_branch(word: u32) -> Option<u32> {
            Some(word ^ 1)
        }
    }

    /// Code with forward short branches to labels defined a varying distance later; `scan`
    /// forgets the cached island limit before every instruction (the full scan each time).
    fn run<'a>(names: &'a [String], scan: bool) -> (Vec<u8>, Vec<(u64, LabelId)>) {
        let mut b: ObjectBuffer<'a, Toy> = ObjectBuffer::new(ObjectFormat::Elf, &[0, 0, 0, 0]);
        b.section(SectionKind::Text);
        for i in 0..400usize {
            if i % 11 == 5 {
                b.define(&names[i]).unwrap();
            }
            if scan {
                b.island_limit = i64::MIN;
            }
            b.reserve_island(4).unwrap();
            let fixup = if i % 5 == 0 {
                Some((Toy::Short, b.label(&names[(i + 6 + i % 23) / 11 * 11 + 5])))
            } else {
                None
            };
            b.inst(0xd503_201f ^ i as u32, fixup).unwrap();
        }
        let fixups = b.fixups.iter().map(|f| (f.offset, f.target)).collect();
        (b.sections[0].data.clone(), fixups)
    }

    /// The cached limit only skips scans that would not have made an island: same bytes and
    /// fixups as scanning every time, and islands did happen.
    #[test]
    fn cached_island_limit_places_islands_as_a_full_scan_does() {
        let names: Vec<String> = (0..500).map(|i| format!(".L{i}")).collect();
        let cached = run(&names, false);
        let scanned = run(&names, true);
        assert_eq!(cached, scanned);
        assert!(cached.0.len() > 400 * 4, "no island was made");
    }
}
