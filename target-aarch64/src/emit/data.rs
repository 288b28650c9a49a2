//! Module data collected while emitting functions and written once at the end: NUL-terminated
//! byte strings (deduplicated), immortal string handles (deduplicated by bytes), trap-site records
//! and the trap-kind table used by `trap.from_err`.
//!
//! String handle layout (runtime/src/rt_internal.h): `{ RT_STR_MAGIC, data, NULL, len, SIZE_MAX }`.
//! Trap site layout: `{ const char *function, const char *block, i64 ip, i64 line }`.

use super::asm::{Asm, Section};
use target_common::pool::StringPool;

/// Error codes 0..FROM_ERR_CODES get a row of the `trap.from_err` kind table (IL-SPEC §7.9,
/// `il::TrapKind::from_code`); other codes are RuntimeError.
pub const FROM_ERR_CODES: i64 = 9;

#[derive(Default)]
pub struct DataPool {
    cstrs: StringPool,
    handles: StringPool,
    /// (function cstr, block cstr, ip, line)
    sites: Vec<(usize, usize, i64, i64)>,
    pub need_kind_table: bool,
}

/// A point to roll a [`DataPool`] back to (see [`DataPool::rollback`]).
#[derive(Clone, Copy, Debug)]
pub struct PoolMark {
    cstrs: usize,
    handles: usize,
    sites: usize,
    need_kind_table: bool,
}

impl DataPool {
    /// The current state, for a later [`DataPool::rollback`].
    pub fn mark(&self) -> PoolMark {
        PoolMark {
            cstrs: self.cstrs.len(),
            handles: self.handles.len(),
            sites: self.sites.len(),
            need_kind_table: self.need_kind_table,
        }
    }
    /// Forget everything added since `m` was taken.
    pub fn rollback(&mut self, m: PoolMark) {
        self.cstrs.truncate(m.cstrs);
        self.handles.truncate(m.handles);
        self.sites.truncate(m.sites);
        self.need_kind_table = m.need_kind_table;
    }
    /// Label of the NUL-terminated copy of `bytes`.
    pub fn cstr(&mut self, asm: &Asm, bytes: &[u8]) -> String {
        let i = self.cstrs.intern(bytes);
        asm.local(&format!("cstr{i}"))
    }
    /// Label of the immortal string handle for `bytes`.
    pub fn handle(&mut self, asm: &Asm, bytes: &[u8]) -> String {
        self.cstrs.intern(bytes);
        let i = self.handles.intern(bytes);
        asm.local(&format!("strh{i}"))
    }
    /// Label of a new trap-site record.
    pub fn site(&mut self, asm: &Asm, func: &str, block: &str, ip: i64, line: i64) -> String {
        let f = self.cstrs.intern(func.as_bytes());
        let b = self.cstrs.intern(block.as_bytes());
        self.sites.push((f, b, ip, line));
        asm.local(&format!("site{}", self.sites.len() - 1))
    }
    pub fn kind_table(&mut self, asm: &Asm) -> String {
        self.need_kind_table = true;
        asm.local("trapkinds")
    }

    /// Write every collected datum.
    pub fn write(&self, asm: &mut Asm) {
        if !self.cstrs.is_empty() || self.need_kind_table {
            asm.section(Section::Rodata);
        }
        for (i, bytes) in self.cstrs.entries().iter().enumerate() {
            let l = asm.local(&format!("cstr{i}"));
            asm.label(&l);
            asm.directivef(format_args!(".asciz \"{}\"", escape(bytes)));
        }
        if self.need_kind_table {
            let l = asm.local("trapkinds");
            asm.label(&l);
            let kinds: Vec<String> = (0..FROM_ERR_CODES)
                .map(|c| il::TrapKind::from_code(c).value().to_string())
                .collect();
            asm.directivef(format_args!(".byte {}", kinds.join(", ")));
        }
        if self.handles.is_empty() && self.sites.is_empty() {
            return;
        }
        asm.section(Section::DataRelRo);
        asm.directive(".p2align 3");
        for (i, bytes) in self.handles.entries().iter().enumerate() {
            let l = asm.local(&format!("strh{i}"));
            let Some(c) = self.cstrs.get(bytes) else {
                continue;
            };
            let data = asm.local(&format!("cstr{c}"));
            asm.label(&l);
            asm.directivef(format_args!(
                ".quad 0x5354524D41474943, {data}, 0, {}, -1",
                bytes.len()
            ));
        }
        for (i, (f, b, ip, line)) in self.sites.iter().enumerate() {
            let l = asm.local(&format!("site{i}"));
            let fl = asm.local(&format!("cstr{f}"));
            let bl = asm.local(&format!("cstr{b}"));
            asm.label(&l);
            asm.directivef(format_args!(".quad {fl}, {bl}, {ip}, {line}"));
        }
    }
}

/// Escape bytes for `.asciz "..."` (octal escapes for everything outside printable ASCII).
pub fn escape(bytes: &[u8]) -> String {
    let mut s = String::new();
    for &b in bytes {
        match b {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&format!("\\{:03o}", b)),
        }
    }
    s
}
