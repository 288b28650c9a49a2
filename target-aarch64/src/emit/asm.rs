//! The assembly text writer: one printer for GNU as (ELF) and Apple as (Mach-O).
//!
//! All OS differences live here: the `_` symbol prefix and `L` local labels on Darwin vs `.L` on
//! Linux, `adrp`/`add` page relocations (`sym@PAGE`/`sym@PAGEOFF` vs `sym`/`:lo12:sym`), GOT loads,
//! section names and the ELF-only `.type`/`.size` directives. It also provides the shared
//! expansions every instruction needs: immediates, memory accesses at any offset (x17 is the
//! address scratch), and conditional branches that can be relaxed for functions larger than the
//! ±1 MiB branch range.

use crate::imm::{is_add_imm, mov_imm_seq};
use crate::inst::Cond;
use codegen_api::TargetOs;
use std::fmt::Write;

/// Section kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Text,
    /// Read-only bytes without relocations.
    Rodata,
    /// Read-only after relocation (string handles, trap sites).
    DataRelRo,
}

pub struct Asm {
    pub out: String,
    pub os: TargetOs,
    /// Relax conditional branches (function too large for ±1 MiB branches).
    pub far: bool,
    /// Counter for unique local labels inside expansions.
    pub next_label: u32,
    /// Prefix for the current function's local labels (e.g. `f3`).
    pub fn_tag: String,
    /// Number of machine instructions written (for the relaxation decision).
    pub count: usize,
}

impl Asm {
    pub fn new(os: TargetOs) -> Asm {
        Asm {
            out: String::new(),
            os,
            far: false,
            next_label: 0,
            fn_tag: String::new(),
            count: 0,
        }
    }
    /// Assembly spelling of global symbol `name`.
    pub fn sym(&self, name: &str) -> String {
        match self.os {
            TargetOs::Darwin => format!("_{name}"),
            TargetOs::Linux => name.to_string(),
        }
    }
    /// A file-local label.
    pub fn local(&self, name: &str) -> String {
        match self.os {
            TargetOs::Darwin => format!("L{name}"),
            TargetOs::Linux => format!(".L{name}"),
        }
    }
    /// A fresh label unique within the module.
    pub fn fresh(&mut self) -> String {
        self.next_label += 1;
        let n = format!("{}_r{}", self.fn_tag, self.next_label);
        self.local(&n)
    }
    pub fn ins(&mut self, s: impl AsRef<str>) {
        self.count += 1;
        let _ = writeln!(self.out, "\t{}", s.as_ref());
    }
    pub fn directive(&mut self, s: impl AsRef<str>) {
        let _ = writeln!(self.out, "\t{}", s.as_ref());
    }
    pub fn label(&mut self, l: &str) {
        let _ = writeln!(self.out, "{l}:");
    }
    pub fn section(&mut self, s: Section) {
        let name = match (self.os, s) {
            (TargetOs::Linux, Section::Text) => ".text",
            (TargetOs::Linux, Section::Rodata) => ".section .rodata",
            (TargetOs::Linux, Section::DataRelRo) => ".section .data.rel.ro,\"aw\"",
            (TargetOs::Darwin, Section::Text) => ".section __TEXT,__text,regular,pure_instructions",
            (TargetOs::Darwin, Section::Rodata) => ".section __TEXT,__const",
            (TargetOs::Darwin, Section::DataRelRo) => ".section __DATA,__const",
        };
        self.directive(name);
    }
    /// Address of a symbol/label defined in this link unit: `adrp` + `add`.
    pub fn addr_of(&mut self, reg: &str, target: &str) {
        match self.os {
            TargetOs::Darwin => {
                self.ins(format!("adrp {reg}, {target}@PAGE"));
                self.ins(format!("add {reg}, {reg}, {target}@PAGEOFF"));
            }
            TargetOs::Linux => {
                self.ins(format!("adrp {reg}, {target}"));
                self.ins(format!("add {reg}, {reg}, :lo12:{target}"));
            }
        }
    }
    /// Address of an external symbol through the GOT.
    pub fn got_addr(&mut self, reg: &str, target: &str) {
        match self.os {
            TargetOs::Darwin => {
                self.ins(format!("adrp {reg}, {target}@GOTPAGE"));
                self.ins(format!("ldr {reg}, [{reg}, {target}@GOTPAGEOFF]"));
            }
            TargetOs::Linux => {
                self.ins(format!("adrp {reg}, :got:{target}"));
                self.ins(format!("ldr {reg}, [{reg}, :got_lo12:{target}]"));
            }
        }
    }
    /// `reg = v` for a 64-bit register name.
    pub fn mov_imm(&mut self, reg: &str, v: u64) {
        for s in mov_imm_seq(reg, v) {
            self.ins(s);
        }
    }
    /// `dst = base + off` for any offset (`base` may be `sp`; uses x17 for large offsets).
    pub fn add_off(&mut self, dst: &str, base: &str, off: i64) {
        if off >= 0 && is_add_imm(off as u64) {
            self.add_imm(dst, base, off as u64);
        } else if off < 0 && is_add_imm(off.unsigned_abs()) {
            let v = off.unsigned_abs();
            if v < 4096 {
                self.ins(format!("sub {dst}, {base}, #{v}"));
            } else {
                self.ins(format!("sub {dst}, {base}, #{}, lsl #12", v >> 12));
            }
        } else {
            self.mov_imm("x17", off as u64);
            self.ins(format!("add {dst}, {base}, x17"));
        }
    }
    pub fn add_imm(&mut self, dst: &str, base: &str, v: u64) {
        if v < 4096 {
            self.ins(format!("add {dst}, {base}, #{v}"));
        } else {
            self.ins(format!("add {dst}, {base}, #{}, lsl #12", v >> 12));
        }
    }
    /// A load/store `op reg, [base + off]` of `size` bytes at any offset (x17 as scratch).
    pub fn mem(&mut self, op: &str, reg: &str, base: &str, off: i64, size: u32) {
        let s = size as i64;
        if off >= 0 && off % s == 0 && off / s < 4096 {
            self.ins(format!("{op} {reg}, [{base}, #{off}]"));
        } else if (-256..256).contains(&off) {
            let unscaled = format!("{}u{}", &op[..2], &op[2..]);
            self.ins(format!("{unscaled} {reg}, [{base}, #{off}]"));
        } else {
            self.mov_imm("x17", off as u64);
            self.ins(format!("{op} {reg}, [{base}, x17]"));
        }
    }
    /// Conditional branch to `target` (relaxed in far mode).
    pub fn bcond(&mut self, cond: Cond, target: &str) {
        if self.far {
            let skip = self.fresh();
            self.ins(format!("b.{} {skip}", cond.invert().name()));
            self.ins(format!("b {target}"));
            self.label(&skip);
        } else {
            self.ins(format!("b.{} {target}", cond.name()));
        }
    }
    /// `cbz`/`cbnz reg, target` (relaxed in far mode).
    pub fn cbz(&mut self, nonzero: bool, reg: &str, target: &str) {
        let (op, inv) = if nonzero {
            ("cbnz", "cbz")
        } else {
            ("cbz", "cbnz")
        };
        if self.far {
            let skip = self.fresh();
            self.ins(format!("{inv} {reg}, {skip}"));
            self.ins(format!("b {target}"));
            self.label(&skip);
        } else {
            self.ins(format!("{op} {reg}, {target}"));
        }
    }
}
