//! The assembly text writer: one printer for GNU as (ELF) and Apple as (Mach-O).
//!
//! The object-format facts (symbol prefix, local-label prefix, section directives) come from
//! `codegen_api::objfmt`; what is arm64 syntax lives here: `adrp`/`add` page relocations
//! (`sym@PAGE`/`sym@PAGEOFF` vs `sym`/`:lo12:sym`) and GOT loads. It also provides the shared
//! expansions every instruction needs: immediates, memory accesses at any offset (x17 is the
//! address scratch), and conditional branches that can be relaxed for functions larger than the
//! ±1 MiB branch range.
//!
//! Text is written straight into one `String` (`ins`/`insf` with `format_args!`, labels as
//! [`Lbl`] values that format themselves): emission allocates nothing per instruction. In
//! object mode ([`Asm::set_encoder`]) every line goes, as it is written, to the function's
//! `encode::FnEncoder` and leaves the `String` (labels are defined without their `name:` line):
//! the same lines, encoded instead of kept. Text written into `out` directly (function
//! information comments) goes to the encoder before the next line.

use crate::encode::syntax::{
    write_inst, Cfi, Mem, MemOff, Mn, Operand, ShiftOp, SymExpr, SymMod, R,
};
use crate::encode::FnEncoder;
use crate::imm::{is_add_imm, mov_imm_steps, MovStep};
use crate::inst::Cond;
use codegen_api::{ObjectFormat, SectionKind, TargetOs};
use std::fmt::{self, Display, Write};
use target_common::debug::{LocWriter, Row};

/// A function-local label `<.L|L>f<function>_<kind><n>` (kind `b` block, `t` trap stub, `k` shared trap tail, `r`
/// expansion-internal), formatted on demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lbl {
    prefix: &'static str,
    func: usize,
    kind: char,
    n: u32,
}

impl Display for Lbl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.prefix)?;
        f.write_str("f")?;
        f.write_str(itoa::Buffer::new().format(self.func))?;
        f.write_char('_')?;
        f.write_char(self.kind)?;
        f.write_str(itoa::Buffer::new().format(self.n))
    }
}

/// A global symbol as spelled in assembly (`_name` on Darwin), formatted on demand.
#[derive(Clone, Copy, Debug)]
pub struct Sym<'n> {
    prefix: &'static str,
    name: &'n str,
}

impl Display for Sym<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.prefix)?;
        f.write_str(self.name)
    }
}

/// A piece of an instruction line, written straight into the text without `core::fmt` (whose
/// per-argument machinery cost more than the rest of emission in the hot helpers: branches,
/// address pairs, immediates). What it writes is exactly what its `Display` would.
pub trait Part {
    fn put(&self, out: &mut String);
    /// The function number, kind and number of a function-local label ([`Lbl`]), which the
    /// object path finds by number instead of by its spelling.
    fn own(&self) -> Option<(usize, char, u32)> {
        None
    }
}

impl Part for str {
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Part for String {
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl<T: Part + ?Sized> Part for &T {
    fn put(&self, out: &mut String) {
        (**self).put(out);
    }
    fn own(&self) -> Option<(usize, char, u32)> {
        (**self).own()
    }
}

impl Part for Lbl {
    fn put(&self, out: &mut String) {
        out.push_str(self.prefix);
        out.push('f');
        push_u64(out, self.func as u64);
        out.push('_');
        out.push(self.kind);
        push_u64(out, u64::from(self.n));
    }
    fn own(&self) -> Option<(usize, char, u32)> {
        Some((self.func, self.kind, self.n))
    }
}

impl Part for Sym<'_> {
    fn put(&self, out: &mut String) {
        out.push_str(self.prefix);
        out.push_str(self.name);
    }
}

/// A signed decimal (`{}` of an integer).
pub struct Dec(pub i64);

impl Part for Dec {
    fn put(&self, out: &mut String) {
        push_i64(out, self.0);
    }
}

/// An unsigned decimal.
pub struct UDec(pub u64);

impl Part for UDec {
    fn put(&self, out: &mut String) {
        push_u64(out, self.0);
    }
}

/// Append the decimal digits of `v` to `out`.
fn push_u64(out: &mut String, v: u64) {
    out.push_str(itoa::Buffer::new().format(v));
}

/// Append the decimal text of `v` to `out`.
fn push_i64(out: &mut String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    push_u64(out, v.unsigned_abs());
}

/// The target name a branch to a function-local label carries in the instruction model on the
/// object path, where the label is found by number (see [`Part::own`]).
const OWN_STAND_IN: &str = ".Lown";

/// Section kinds (the object-format module's).
pub type Section = SectionKind;

pub struct Asm<'n> {
    /// The text written so far (object mode: only what the encoder has not taken yet).
    pub out: String,
    pub os: TargetOs,
    /// Relax conditional branches (function too large for ±1 MiB branches).
    pub far: bool,
    /// Relax `tbz`/`tbnz` (function too large for their ±32 KiB reach).
    pub test_far: bool,
    /// Number of `tbz`/`tbnz` written (a function without any needs no `test_far` re-emission).
    pub tests: usize,
    /// Counter for unique local labels inside expansions.
    pub next_label: u32,
    /// Index of the current function (its local labels are `f<index>_…`).
    pub fn_index: usize,
    /// Number of machine instructions written (for the relaxation decision).
    pub count: usize,
    /// Write `.cfi_*` call-frame directives (ELF).
    pub cfi: bool,
    /// Debug line rows (`-g`): the writer, and the row for the next instruction (written just
    /// before it, so a position that produces no code makes no row).
    pub rows: Option<LocWriter>,
    pub next_row: Option<Row>,
    /// Object mode: each line goes to this encoder as it is written, and leaves `out`.
    enc: Option<FnEncoder<'n>>,
    /// Object mode: the first line the encoder refused, and why.
    enc_error: Option<String>,
    /// Object mode: where a branch target's name is spelled for the instruction model.
    target: String,
}

impl<'n> Asm<'n> {
    pub fn new(os: TargetOs) -> Asm<'n> {
        Asm {
            out: String::new(),
            os,
            far: false,
            test_far: false,
            tests: 0,
            next_label: 0,
            fn_index: 0,
            count: 0,
            cfi: ObjectFormat::of(os).has_cfi(),
            rows: None,
            next_row: None,
            enc: None,
            enc_error: None,
            target: String::new(),
        }
    }
    /// Write in object mode: every line goes to `enc` as it is written.
    pub fn set_encoder(&mut self, enc: FnEncoder<'n>) {
        self.enc = Some(enc);
    }
    /// Object mode: the line written from `start` (to the end of `out`, `\n` included) goes
    /// to the encoder, after whatever was written into `out` directly before it.
    #[inline]
    fn done(&mut self, start: usize) {
        if self.enc.is_some() {
            self.encode(start);
        }
    }
    fn encode(&mut self, start: usize) {
        let Some(e) = &mut self.enc else {
            return;
        };
        let r = if start == 0 {
            let line = &self.out[..self.out.len().saturating_sub(1)];
            e.line(line)
                .map_err(|why| format!("`{}`: {why}", line.escape_debug()))
        } else {
            e.text(&self.out)
        };
        if let Err(why) = r {
            self.enc = None;
            self.enc_error = Some(why);
        }
        self.out.clear();
    }
    /// Object mode: instruction `mn ops…` (the model of the line the text path writes for it)
    /// goes to the encoder without its text, counted and with its debug row as a written line
    /// is; `false` (nothing done) in text mode.
    fn direct(&mut self, mn: Mn, ops: &[Operand<'_>]) -> bool {
        self.direct_with(mn, ops, None)
    }
    /// [`Self::direct`]; `own`: the target is the function's own label (kind place, number).
    fn direct_with(&mut self, mn: Mn, ops: &[Operand<'_>], own: Option<(usize, u32)>) -> bool {
        if self.enc.is_none() {
            return false;
        }
        self.count += 1;
        self.row();
        if !self.out.is_empty() {
            self.encode(usize::MAX);
        }
        if let Some(e) = &mut self.enc {
            let r = match own {
                Some((kind, n)) => e.inst_to_own(mn, ops, kind, n),
                None => e.inst_ops(mn, ops),
            };
            if let Err(why) = r {
                self.enc = None;
                let mut text = String::new();
                write_inst(&mut text, mn, ops);
                self.enc_error = Some(format!("`{text}`: {why}"));
            }
        }
        true
    }
    /// Object mode: a branch-like instruction `mn` with operands `ops` followed by `target`
    /// (a label or symbol), without text; `false` in text mode.
    fn direct_to(&mut self, mn: Mn, ops: &[Operand<'_>], target: &dyn Part) -> bool {
        self.direct_sym(mn, ops, target, SymMod::Plain)
    }
    /// [`Self::direct_to`] with the target written with operator `m` (`:lo12:`, `@PAGE`, …).
    fn direct_sym(&mut self, mn: Mn, ops: &[Operand<'_>], target: &dyn Part, m: SymMod) -> bool {
        if self.enc.is_none() {
            return false;
        }
        // The operands and the target, on the stack.
        let n = ops.len();
        if n > 3 {
            self.enc = None;
            self.enc_error = Some(format!("{} with {n} operands before its target", mn.name()));
            return true;
        }
        let mut all = [Operand::Imm(0); 4];
        all[..n].copy_from_slice(&ops[..n]);
        let own = match m {
            SymMod::Plain => self.own_label(target),
            _ => None,
        };
        if let Some((kind, k)) = own {
            // Found by number: the encoding does not depend on the target's name.
            all[n] = Operand::Sym(SymExpr {
                name: OWN_STAND_IN,
                m,
            });
            self.direct_with(mn, &all[..=n], Some((kind, k)));
            return true;
        }
        let mut name = std::mem::take(&mut self.target);
        name.clear();
        target.put(&mut name);
        all[n] = Operand::Sym(SymExpr { name: &name, m });
        self.direct(mn, &all[..=n]);
        self.target = name;
        true
    }
    /// The encoder's place (kind, number) of `p` when it is a label of the function being
    /// written (found by number on the object path).
    fn own_label(&self, p: &dyn Part) -> Option<(usize, u32)> {
        match p.own() {
            Some((func, kind, n)) if func == self.fn_index => {
                crate::encode::own_kind(kind).map(|k| (k, n))
            }
            _ => None,
        }
    }
    /// `b target`.
    pub fn jump(&mut self, target: impl Part) {
        if !self.direct_to(Mn::B, &[], &target) {
            self.line(&[&"b ", &target]);
        }
    }
    /// `bl target` (a symbol).
    pub fn call(&mut self, target: impl Part) {
        if !self.direct_to(Mn::Bl, &[], &target) {
            self.line(&[&"bl ", &target]);
        }
    }
    /// Object mode: the encoder, with everything written (an error: the first line it
    /// refused); `None` in text mode.
    pub fn take_encoder(&mut self) -> Option<Result<FnEncoder<'n>, String>> {
        if let Some(e) = &mut self.enc {
            if let Err(why) = e.text(&self.out) {
                self.enc = None;
                self.enc_error = Some(why);
            }
            self.out.clear();
        }
        match (self.enc.take(), self.enc_error.take()) {
            (_, Some(why)) => Some(Err(why)),
            (Some(e), None) => Some(Ok(e)),
            (None, None) => None,
        }
    }
    /// Before an instruction: its `.loc` row when debug rows are on and the position changed.
    fn row(&mut self) {
        if let (Some(w), Some(r)) = (&mut self.rows, self.next_row) {
            w.at(r, &mut self.out);
        }
        if self.enc.is_some() && !self.out.is_empty() {
            self.encode(usize::MAX);
        }
    }
    /// Start the local labels of function number `index` (`f<index>_…`).
    pub fn set_function(&mut self, index: usize) {
        self.fn_index = index;
    }
    fn format(&self) -> ObjectFormat {
        ObjectFormat::of(self.os)
    }
    /// The prefix of file-local labels.
    pub fn local_prefix(&self) -> &'static str {
        self.format().local_label_prefix()
    }
    /// Local label `n` of `kind` (`b`, `t`, `r`) in the current function.
    pub fn lbl(&self, kind: char, n: u32) -> Lbl {
        Lbl {
            prefix: self.local_prefix(),
            func: self.fn_index,
            kind,
            n,
        }
    }
    /// Assembly spelling of global symbol `name`, without allocating.
    pub fn symd<'s>(&self, name: &'s str) -> Sym<'s> {
        Sym {
            prefix: self.format().symbol_prefix(),
            name,
        }
    }
    /// Assembly spelling of global symbol `name`.
    pub fn sym(&self, name: &str) -> String {
        format!("{}{name}", self.format().symbol_prefix())
    }
    /// A file-local label.
    pub fn local(&self, name: &str) -> String {
        format!("{}{name}", self.local_prefix())
    }
    /// A fresh label unique within the module.
    pub fn fresh(&mut self) -> Lbl {
        self.next_label += 1;
        self.lbl('r', self.next_label)
    }
    /// One instruction.
    pub fn ins(&mut self, s: &str) {
        self.count += 1;
        self.row();
        let start = self.out.len();
        self.out.push('\t');
        self.out.push_str(s);
        self.out.push('\n');
        self.done(start);
    }
    /// One instruction, formatted in place (`insf(format_args!(...))`).
    pub fn insf(&mut self, a: fmt::Arguments<'_>) {
        self.count += 1;
        self.row();
        let start = self.out.len();
        self.out.push('\t');
        let _ = self.out.write_fmt(a);
        self.out.push('\n');
        self.done(start);
    }
    /// One instruction made of `parts`, written without `core::fmt`.
    pub fn line(&mut self, parts: &[&dyn Part]) {
        self.count += 1;
        self.row();
        let start = self.out.len();
        self.out.push('\t');
        for p in parts {
            p.put(&mut self.out);
        }
        self.out.push('\n');
        self.done(start);
    }
    pub fn directive(&mut self, s: &str) {
        let start = self.out.len();
        self.out.push('\t');
        self.out.push_str(s);
        self.out.push('\n');
        self.done(start);
    }
    /// One directive, formatted in place.
    pub fn directivef(&mut self, a: fmt::Arguments<'_>) {
        let start = self.out.len();
        self.out.push('\t');
        let _ = self.out.write_fmt(a);
        self.out.push('\n');
        self.done(start);
    }
    /// A line written as it is (a comment the debug information reads).
    pub fn text_line(&mut self, s: &str) {
        let start = self.out.len();
        self.out.push_str(s);
        self.out.push('\n');
        self.done(start);
    }
    /// A call-frame directive (`.cfi_…`), written only where the format has them.
    pub fn cfi(&mut self, c: Cfi) {
        if !self.cfi {
            return;
        }
        if self.enc.is_some() {
            if !self.out.is_empty() {
                self.encode(usize::MAX);
            }
            if let Some(e) = &mut self.enc {
                if let Err(why) = e.cfi(c) {
                    self.enc = None;
                    self.enc_error = Some(why);
                }
            }
            return;
        }
        self.out.push('\t');
        c.write(&mut self.out);
        self.out.push('\n');
    }
    /// CFI after `stp x29, x30, [sp, #-16]!`.
    pub fn cfi_frame_record(&mut self) {
        self.cfi(Cfi::DefCfaOffset(16));
        self.cfi(Cfi::Offset(R::x(30), -8));
        self.cfi(Cfi::Offset(R::x(29), -16));
    }
    pub fn label(&mut self, l: impl Part) {
        if self.enc.is_some() {
            // Defined straight away (not parsed back from `name:`); the function's own labels
            // by number.
            if !self.out.is_empty() {
                self.encode(usize::MAX);
            }
            if let (Some((kind, n)), Some(e)) = (self.own_label(&l), &mut self.enc) {
                if let Err(why) = e.define_own(kind, n) {
                    self.enc = None;
                    self.enc_error = Some(why);
                }
                return;
            }
            l.put(&mut self.out);
            if let Some(e) = &mut self.enc {
                if let Err(why) = e.define(&self.out) {
                    self.enc = None;
                    self.enc_error = Some(why);
                }
            }
            self.out.clear();
            return;
        }
        l.put(&mut self.out);
        self.out.push_str(":\n");
    }
    /// One instruction made of `parts` (no formatting).
    pub fn ins_parts(&mut self, parts: &[&str]) {
        self.count += 1;
        self.row();
        let start = self.out.len();
        self.out.push('\t');
        for p in parts {
            self.out.push_str(p);
        }
        self.out.push('\n');
        self.done(start);
    }
    pub fn section(&mut self, s: Section) {
        self.directive(self.format().section_directive(s));
    }
    /// Address of a symbol/label defined in this link unit: `adrp` + `add`.
    pub fn addr_of(&mut self, reg: &str, target: impl Part) {
        if let (true, Some(r)) = (self.enc.is_some(), R::parse(reg)) {
            let (page, off) = match self.os {
                TargetOs::Darwin => (SymMod::Page, SymMod::PageOff),
                TargetOs::Linux => (SymMod::Plain, SymMod::Lo12),
            };
            self.direct_sym(Mn::Adrp, &[Operand::Reg(r)], &target, page);
            self.direct_sym(Mn::Add, &[Operand::Reg(r), Operand::Reg(r)], &target, off);
            return;
        }
        match self.os {
            TargetOs::Darwin => {
                self.line(&[&"adrp ", &reg, &", ", &target, &"@PAGE"]);
                self.line(&[&"add ", &reg, &", ", &reg, &", ", &target, &"@PAGEOFF"]);
            }
            TargetOs::Linux => {
                self.line(&[&"adrp ", &reg, &", ", &target]);
                self.line(&[&"add ", &reg, &", ", &reg, &", :lo12:", &target]);
            }
        }
    }
    /// Address of an external symbol through the GOT.
    pub fn got_addr(&mut self, reg: &str, target: impl Display) {
        match self.os {
            TargetOs::Darwin => {
                self.insf(format_args!("adrp {reg}, {target}@GOTPAGE"));
                self.insf(format_args!("ldr {reg}, [{reg}, {target}@GOTPAGEOFF]"));
            }
            TargetOs::Linux => {
                self.insf(format_args!("adrp {reg}, :got:{target}"));
                self.insf(format_args!("ldr {reg}, [{reg}, :got_lo12:{target}]"));
            }
        }
    }
    /// `reg` = the address of this thread's instance of the thread-local variable `target`
    /// (ELF initial-exec TLS: its offset from the thread pointer is in a GOT entry); `scratch`
    /// is clobbered. Mach-O has no such sequence (its thread-locals are reached through a call):
    /// there `target` is an ordinary global, as the runtime defines it (runtime/src/eh.c).
    pub fn tls_addr(&mut self, reg: &str, scratch: &str, target: impl Display) {
        match self.os {
            TargetOs::Darwin => self.got_addr(reg, target),
            TargetOs::Linux => {
                self.insf(format_args!("adrp {reg}, :gottprel:{target}"));
                self.insf(format_args!("ldr {reg}, [{reg}, :gottprel_lo12:{target}]"));
                self.insf(format_args!("mrs {scratch}, tpidr_el0"));
                self.insf(format_args!("add {reg}, {reg}, {scratch}"));
            }
        }
    }
    /// `reg = v` for a 64-bit register name.
    pub fn mov_imm(&mut self, reg: &str, v: u64) {
        mov_imm_steps(v, |s| {
            let (op, mn, imm, shift) = match s {
                MovStep::Movz { imm, shift } => ("movz ", Mn::Movz, imm, shift),
                MovStep::Movn { imm, shift } => ("movn ", Mn::Movn, imm, shift),
                MovStep::Movk { imm, shift } => ("movk ", Mn::Movk, imm, shift),
                MovStep::Orr(v) => return self.insf(format_args!("orr {reg}, xzr, #{v:#x}")),
            };
            if let (true, Some(r), Ok(sh)) =
                (self.enc.is_some(), R::parse(reg), u8::try_from(shift))
            {
                let ops = [
                    Operand::Reg(r),
                    Operand::Imm(imm as i64),
                    Operand::Shift(ShiftOp::Lsl, sh),
                ];
                self.direct(mn, &ops);
                return;
            }
            let (imm, shift) = (UDec(imm), UDec(u64::from(shift)));
            self.line(&[&op, &reg, &", #", &imm, &", lsl #", &shift]);
        });
    }
    /// `dst = base + off` for any offset (`base` may be `sp`; uses x17 for large offsets).
    pub fn add_off(&mut self, dst: &str, base: &str, off: i64) {
        if off >= 0 && is_add_imm(off as u64) {
            self.add_imm(dst, base, off as u64);
        } else if off < 0 && is_add_imm(off.unsigned_abs()) {
            let v = off.unsigned_abs();
            if v < 4096 {
                self.insf(format_args!("sub {dst}, {base}, #{v}"));
            } else {
                self.insf(format_args!("sub {dst}, {base}, #{}, lsl #12", v >> 12));
            }
        } else {
            self.mov_imm("x17", off as u64);
            self.insf(format_args!("add {dst}, {base}, x17"));
        }
    }
    pub fn add_imm(&mut self, dst: &str, base: &str, v: u64) {
        if let (true, Some(d), Some(b)) = (self.enc.is_some(), R::parse(dst), R::parse(base)) {
            let (d, b) = (Operand::Reg(d), Operand::Reg(b));
            if v < 4096 {
                self.direct(Mn::Add, &[d, b, Operand::Imm(v as i64)]);
            } else {
                let hi = Operand::Imm((v >> 12) as i64);
                self.direct(Mn::Add, &[d, b, hi, Operand::Shift(ShiftOp::Lsl, 12)]);
            }
            return;
        }
        if v < 4096 {
            self.line(&[&"add ", &dst, &", ", &base, &", #", &UDec(v)]);
        } else {
            self.line(&[
                &"add ",
                &dst,
                &", ",
                &base,
                &", #",
                &UDec(v >> 12),
                &", lsl #12",
            ]);
        }
    }
    /// A load/store `mn reg, [base + off]` of `size` bytes at any offset: scaled, unscaled
    /// (`ldur`…) or through x17.
    pub fn mem(&mut self, mn: Mn, reg: R, base: R, off: i64, size: u32) {
        let s = size as i64;
        let at = |off| {
            Operand::Mem(Mem {
                base,
                off,
                pre: false,
            })
        };
        if off >= 0 && off % s == 0 && off / s < 4096 {
            self.op(mn, &[Operand::Reg(reg), at(MemOff::Imm(off))]);
        } else if let (true, Some(u)) = ((-256..256).contains(&off), mn.unscaled()) {
            self.op(u, &[Operand::Reg(reg), at(MemOff::Imm(off))]);
        } else {
            self.mov_imm("x17", off as u64);
            self.op(mn, &[Operand::Reg(reg), at(MemOff::Reg(R::x(17), None))]);
        }
    }
    /// One instruction given as its model `mn ops…`: in object mode encoded without text,
    /// else written as the text the model prints ([`write_inst`]).
    pub fn op(&mut self, mn: Mn, ops: &[Operand<'_>]) {
        if self.direct(mn, ops) {
            return;
        }
        self.count += 1;
        self.row();
        self.out.push('\t');
        write_inst(&mut self.out, mn, ops);
        self.out.push('\n');
    }
    /// Conditional branch to `target` (relaxed in far mode).
    pub fn bcond(&mut self, cond: Cond, target: impl Part) {
        if self.far {
            let skip = self.fresh();
            if !self.direct_to(Mn::BCond(cond.invert()), &[], &skip) {
                self.line(&[&"b.", &cond.invert().name(), &" ", &skip]);
            }
            self.jump(target);
            self.label(skip);
        } else if !self.direct_to(Mn::BCond(cond), &[], &target) {
            self.line(&[&"b.", &cond.name(), &" ", &target]);
        }
    }
    /// `tbnz reg, #bit, target` (`set`) or `tbz`. Their ±32 KiB reach is relaxed in `test_far`
    /// mode to `tst reg, #(1 << bit)` and a conditional branch (itself relaxed in far mode).
    pub fn tbz(&mut self, set: bool, reg: &str, bit: u8, target: impl Part) {
        self.tests += 1;
        if self.test_far || self.far {
            self.insf(format_args!("tst {reg}, #{:#x}", 1u64 << bit));
            self.bcond(if set { Cond::Ne } else { Cond::Eq }, target);
        } else {
            let mn = if set { Mn::Tbnz } else { Mn::Tbz };
            let direct = R::parse(reg).is_some_and(|r| {
                self.direct_to(
                    mn,
                    &[Operand::Reg(r), Operand::Imm(i64::from(bit))],
                    &target,
                )
            });
            if !direct {
                let op = if set { "tbnz " } else { "tbz " };
                let bit = UDec(u64::from(bit));
                self.line(&[&op, &reg, &", #", &bit, &", ", &target]);
            }
        }
    }
    /// `cbz`/`cbnz reg, target` (relaxed in far mode).
    pub fn cbz(&mut self, nonzero: bool, reg: &str, target: impl Part) {
        let (op, inv) = if nonzero {
            ("cbnz ", "cbz ")
        } else {
            ("cbz ", "cbnz ")
        };
        let (mn, inv_mn) = if nonzero {
            (Mn::Cbnz, Mn::Cbz)
        } else {
            (Mn::Cbz, Mn::Cbnz)
        };
        let r = R::parse(reg);
        if self.far {
            let skip = self.fresh();
            if !r.is_some_and(|r| self.direct_to(inv_mn, &[Operand::Reg(r)], &skip)) {
                self.line(&[&inv, &reg, &", ", &skip]);
            }
            self.jump(target);
            self.label(skip);
        } else if !r.is_some_and(|r| self.direct_to(mn, &[Operand::Reg(r)], &target)) {
            self.line(&[&op, &reg, &", ", &target]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Asm, Dec, Part, UDec};
    use codegen_api::TargetOs;

    fn put(p: &dyn Part) -> String {
        let mut s = String::from("<");
        p.put(&mut s);
        s
    }

    /// A part writes what the `Display` (or `{}` of the number) would, on both formats.
    #[test]
    fn parts_write_what_display_writes() {
        for os in [TargetOs::Linux, TargetOs::Darwin] {
            let mut a = Asm::new(os);
            for (f, n) in [(0, 0), (7, 9), (10, 10), (123_456, u32::MAX)] {
                a.set_function(f);
                for kind in ['b', 't', 'r'] {
                    let l = a.lbl(kind, n);
                    assert_eq!(put(&l), format!("<{l}"));
                }
            }
            let s = a.symd("vpr_trap");
            assert_eq!(put(&s), format!("<{s}"));
        }
        for v in [0, 1, -1, 42, i64::MIN, i64::MAX] {
            assert_eq!(put(&Dec(v)), format!("<{v}"));
        }
        for v in [0, 9, 10, u64::MAX] {
            assert_eq!(put(&UDec(v)), format!("<{v}"));
        }
    }

    /// A function-local label says what it is (the object path finds it by number); other
    /// parts do not.
    #[test]
    fn only_labels_are_own() {
        let mut a = Asm::new(TargetOs::Linux);
        a.set_function(7);
        assert_eq!(a.lbl('b', 3).own(), Some((7, 'b', 3)));
        let l = a.lbl('t', 0);
        // Through a reference, as the helpers take their targets.
        let by_ref: &dyn Part = &&l;
        assert_eq!(by_ref.own(), Some((7, 't', 0)));
        assert_eq!(a.symd("vpr_trap").own(), None);
        assert_eq!("x".own(), None);
        assert_eq!(UDec(3).own(), None);
    }

    /// `line` counts one instruction and writes one tab-indented line.
    #[test]
    fn line_writes_one_instruction() {
        let mut a = Asm::new(TargetOs::Linux);
        a.line(&[&"add ", &"x0", &", #", &UDec(4095)]);
        assert_eq!(a.out, "\tadd x0, #4095\n");
        assert_eq!(a.count, 1);
    }
}
