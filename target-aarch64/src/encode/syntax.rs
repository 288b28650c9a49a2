//! The instruction model shared by the text printer and the encoder: one A64 instruction as a
//! mnemonic ([`Mn`]) and its operands ([`Operand`]), parsed from (and printed back to) the fixed,
//! regular assembly syntax that `emit::asm::Asm` writes.
//!
//! Invariants: `Inst::parse(s)?.to_string() == s` for every line the emitter produces (the table
//! test in `encode::tests` checks every form); an operand the model cannot represent is an error
//! naming the instruction, never a guess. Operands borrow the symbol names from the text, so
//! parsing allocates nothing beyond the operand vector.

use crate::inst::Cond;
use smallvec::SmallVec;
use std::fmt;

/// Register views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegKind {
    /// 64-bit integer register `x0`–`x30`; number 31 is `xzr`.
    X,
    /// 32-bit integer register `w0`–`w30`; number 31 is `wzr`.
    W,
    /// The stack pointer (number 31, 64-bit).
    Sp,
    /// 64-bit floating-point register `d0`–`d31`.
    D,
}

/// A register operand: hardware number and view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct R {
    pub n: u8,
    pub kind: RegKind,
}

macro_rules! reg_names {
    ($p:literal, $last:literal) => {
        [
            concat!($p, "0"),
            concat!($p, "1"),
            concat!($p, "2"),
            concat!($p, "3"),
            concat!($p, "4"),
            concat!($p, "5"),
            concat!($p, "6"),
            concat!($p, "7"),
            concat!($p, "8"),
            concat!($p, "9"),
            concat!($p, "10"),
            concat!($p, "11"),
            concat!($p, "12"),
            concat!($p, "13"),
            concat!($p, "14"),
            concat!($p, "15"),
            concat!($p, "16"),
            concat!($p, "17"),
            concat!($p, "18"),
            concat!($p, "19"),
            concat!($p, "20"),
            concat!($p, "21"),
            concat!($p, "22"),
            concat!($p, "23"),
            concat!($p, "24"),
            concat!($p, "25"),
            concat!($p, "26"),
            concat!($p, "27"),
            concat!($p, "28"),
            concat!($p, "29"),
            concat!($p, "30"),
            $last,
        ]
    };
}

/// `x0`…`x30`, `xzr`; `w0`…`w30`, `wzr`; `d0`…`d31` (index = number).
static X_NAMES: [&str; 32] = reg_names!("x", "xzr");
static W_NAMES: [&str; 32] = reg_names!("w", "wzr");
static D_NAMES: [&str; 32] = reg_names!("d", "d31");

impl R {
    /// The stack pointer.
    pub const SP: R = R {
        n: 31,
        kind: RegKind::Sp,
    };
    /// `x<n>` (31: `xzr`).
    pub fn x(n: u8) -> R {
        R {
            n: n & 31,
            kind: RegKind::X,
        }
    }
    /// `w<n>` (31: `wzr`).
    pub fn w(n: u8) -> R {
        R {
            n: n & 31,
            kind: RegKind::W,
        }
    }
    /// `d<n>`.
    pub fn d(n: u8) -> R {
        R {
            n: n & 31,
            kind: RegKind::D,
        }
    }
    /// The register's assembly name (what its `Display` writes).
    pub fn name(self) -> &'static str {
        let n = usize::from(self.n & 31);
        match self.kind {
            RegKind::Sp => "sp",
            RegKind::X => X_NAMES[n],
            RegKind::W => W_NAMES[n],
            RegKind::D => D_NAMES[n],
        }
    }
    /// Whether this is a 64-bit integer view (`x`, `xzr`, `sp`).
    pub fn is64(self) -> bool {
        match self.kind {
            RegKind::X | RegKind::Sp => true,
            RegKind::W | RegKind::D => false,
        }
    }
    /// Whether this is an integer register other than `sp` (`x`, `w`, `xzr`, `wzr`).
    pub fn is_gpr(self) -> bool {
        match self.kind {
            RegKind::X | RegKind::W => true,
            RegKind::Sp | RegKind::D => false,
        }
    }
    pub fn is_sp(self) -> bool {
        self.kind == RegKind::Sp
    }
    pub fn is_d(self) -> bool {
        self.kind == RegKind::D
    }
    pub fn parse(s: &str) -> Option<R> {
        let (kind, num) = match s.as_bytes().first()? {
            _ if s == "sp" => {
                return Some(R {
                    n: 31,
                    kind: RegKind::Sp,
                })
            }
            _ if s == "xzr" => {
                return Some(R {
                    n: 31,
                    kind: RegKind::X,
                })
            }
            _ if s == "wzr" => {
                return Some(R {
                    n: 31,
                    kind: RegKind::W,
                })
            }
            b'x' => (RegKind::X, &s[1..]),
            b'w' => (RegKind::W, &s[1..]),
            b'd' => (RegKind::D, &s[1..]),
            _ => return None,
        };
        if num.is_empty() || num.len() > 2 || !num.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if num.len() == 2 && num.starts_with('0') {
            return None;
        }
        let n: u8 = num.parse().ok()?;
        let max = if kind == RegKind::D { 31 } else { 30 };
        (n <= max).then_some(R { n, kind })
    }
}

impl fmt::Display for R {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a symbol operand is relocated (the assembler's operator around the name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymMod {
    /// The address itself (branch target, `adr`, ELF `adrp` page).
    Plain,
    /// ELF `:lo12:sym`.
    Lo12,
    /// ELF `:got:sym` (GOT entry page).
    Got,
    /// ELF `:got_lo12:sym`.
    GotLo12,
    /// ELF `:gottprel:sym` (page of the GOT entry holding a TLS variable's offset, initial exec).
    GotTprel,
    /// ELF `:gottprel_lo12:sym`.
    GotTprelLo12,
    /// Mach-O `sym@PAGE`.
    Page,
    /// Mach-O `sym@PAGEOFF`.
    PageOff,
    /// Mach-O `sym@GOTPAGE`.
    GotPage,
    /// Mach-O `sym@GOTPAGEOFF`.
    GotPageOff,
}

/// A symbol or label reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SymExpr<'a> {
    pub name: &'a str,
    pub m: SymMod,
}

impl<'a> SymExpr<'a> {
    fn parse(s: &'a str) -> Option<SymExpr<'a>> {
        let (name, m) = if let Some(r) = s.strip_prefix(":lo12:") {
            (r, SymMod::Lo12)
        } else if let Some(r) = s.strip_prefix(":gottprel_lo12:") {
            (r, SymMod::GotTprelLo12)
        } else if let Some(r) = s.strip_prefix(":gottprel:") {
            (r, SymMod::GotTprel)
        } else if let Some(r) = s.strip_prefix(":got_lo12:") {
            (r, SymMod::GotLo12)
        } else if let Some(r) = s.strip_prefix(":got:") {
            (r, SymMod::Got)
        } else if let Some(r) = s.strip_suffix("@GOTPAGEOFF") {
            (r, SymMod::GotPageOff)
        } else if let Some(r) = s.strip_suffix("@GOTPAGE") {
            (r, SymMod::GotPage)
        } else if let Some(r) = s.strip_suffix("@PAGEOFF") {
            (r, SymMod::PageOff)
        } else if let Some(r) = s.strip_suffix("@PAGE") {
            (r, SymMod::Page)
        } else {
            (s, SymMod::Plain)
        };
        is_symbol_name(name).then_some(SymExpr { name, m })
    }
}

/// Whether `s` is a symbol name our emitter can write (`[A-Za-z0-9_.$]`, not starting with a digit).
pub fn is_symbol_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && !b[0].is_ascii_digit()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'$'))
}

impl fmt::Display for SymExpr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.name;
        match self.m {
            SymMod::Plain => f.write_str(n),
            SymMod::Lo12 => write!(f, ":lo12:{n}"),
            SymMod::Got => write!(f, ":got:{n}"),
            SymMod::GotLo12 => write!(f, ":got_lo12:{n}"),
            SymMod::GotTprel => write!(f, ":gottprel:{n}"),
            SymMod::GotTprelLo12 => write!(f, ":gottprel_lo12:{n}"),
            SymMod::Page => write!(f, "{n}@PAGE"),
            SymMod::PageOff => write!(f, "{n}@PAGEOFF"),
            SymMod::GotPage => write!(f, "{n}@GOTPAGE"),
            SymMod::GotPageOff => write!(f, "{n}@GOTPAGEOFF"),
        }
    }
}

/// Shift operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShiftOp {
    Lsl,
    Lsr,
    Asr,
}

impl ShiftOp {
    pub fn name(self) -> &'static str {
        match self {
            ShiftOp::Lsl => "lsl",
            ShiftOp::Lsr => "lsr",
            ShiftOp::Asr => "asr",
        }
    }
    /// The `shift` field of shifted-register forms.
    pub fn bits(self) -> u32 {
        match self {
            ShiftOp::Lsl => 0,
            ShiftOp::Lsr => 1,
            ShiftOp::Asr => 2,
        }
    }
}

/// Register-extend operators (as written: no amount).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtendOp {
    Sxth,
    Sxtw,
}

impl ExtendOp {
    pub fn name(self) -> &'static str {
        match self {
            ExtendOp::Sxth => "sxth",
            ExtendOp::Sxtw => "sxtw",
        }
    }
    /// The `option` field of extended-register forms.
    pub fn option(self) -> u32 {
        match self {
            ExtendOp::Sxth => 0b101,
            ExtendOp::Sxtw => 0b110,
        }
    }
}

/// The offset part of a memory operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemOff<'a> {
    /// `[base]`
    None,
    /// `[base, #imm]`
    Imm(i64),
    /// `[base, xm]` or `[base, xm, lsl #n]`
    Reg(R, Option<u8>),
    /// `[base, :got_lo12:sym]`, `[base, sym@GOTPAGEOFF]`, …
    Sym(SymExpr<'a>),
}

/// A memory operand; `pre` is the `!` of pre-indexed addressing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mem<'a> {
    pub base: R,
    pub off: MemOff<'a>,
    pub pre: bool,
}

/// One operand.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Operand<'a> {
    Reg(R),
    /// `#n` in decimal.
    Imm(i64),
    /// `#0x…` in hexadecimal.
    Hex(u64),
    /// `#1.5`: an `f64` immediate, printed with `{:?}`.
    Float(f64),
    /// `lsl #n`, `asr #n`.
    Shift(ShiftOp, u8),
    /// `sxtw`, `sxth`.
    Extend(ExtendOp),
    Cond(Cond),
    Sym(SymExpr<'a>),
    Mem(Mem<'a>),
    /// A system register (`mrs`).
    SysReg(SysReg),
}

/// The system registers the emitter reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SysReg {
    /// The thread pointer (`tpidr_el0`): thread-local storage.
    TpidrEl0,
}

impl SysReg {
    pub fn name(self) -> &'static str {
        match self {
            SysReg::TpidrEl0 => "tpidr_el0",
        }
    }
    pub fn parse(s: &str) -> Option<SysReg> {
        (s == "tpidr_el0").then_some(SysReg::TpidrEl0)
    }
    /// The `o0:op1:CRn:CRm:op2` field of `mrs`/`msr` (bits 19..5).
    pub fn bits(self) -> u32 {
        match self {
            // S3_3_C13_C0_2: o0 = 1, op1 = 3, CRn = 13, CRm = 0, op2 = 2.
            SysReg::TpidrEl0 => (1 << 14) | (3 << 11) | (13 << 7) | 2,
        }
    }
}

impl fmt::Display for Operand<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Reg(r) => r.fmt(f),
            Operand::Imm(v) => write!(f, "#{v}"),
            Operand::Hex(v) => write!(f, "#{v:#x}"),
            Operand::Float(v) => write!(f, "#{v:?}"),
            Operand::Shift(s, n) => write!(f, "{} #{n}", s.name()),
            Operand::Extend(e) => f.write_str(e.name()),
            Operand::Cond(c) => f.write_str(c.name()),
            Operand::Sym(s) => s.fmt(f),
            Operand::SysReg(r) => f.write_str(r.name()),
            Operand::Mem(m) => {
                write!(f, "[{}", m.base)?;
                match m.off {
                    MemOff::None => {}
                    MemOff::Imm(v) => write!(f, ", #{v}")?,
                    MemOff::Reg(r, None) => write!(f, ", {r}")?,
                    MemOff::Reg(r, Some(s)) => write!(f, ", {r}, lsl #{s}")?,
                    MemOff::Sym(s) => write!(f, ", {s}")?,
                }
                f.write_str(if m.pre { "]!" } else { "]" })
            }
        }
    }
}

/// Each scaled-offset load and store with its unscaled-offset form.
const UNSCALED: [(Mn, Mn); 8] = [
    (Mn::Ldr, Mn::Ldur),
    (Mn::Ldrb, Mn::Ldurb),
    (Mn::Ldrh, Mn::Ldurh),
    (Mn::Ldrsh, Mn::Ldursh),
    (Mn::Ldrsw, Mn::Ldursw),
    (Mn::Str, Mn::Stur),
    (Mn::Strb, Mn::Sturb),
    (Mn::Strh, Mn::Sturh),
];

macro_rules! mnemonics {
    ($($v:ident = $s:literal),* $(,)?) => {
        /// Every mnemonic the emitter writes (`b.<cond>` is [`Mn::BCond`]).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Mn { $($v,)* BCond(Cond) }
        impl Mn {
            pub fn parse(s: &str) -> Option<Mn> {
                if let Some(c) = s.strip_prefix("b.") {
                    return cond_from_name(c).map(Mn::BCond);
                }
                Some(match s { $($s => Mn::$v,)* _ => return None })
            }
            pub fn name(self) -> &'static str {
                match self { $(Mn::$v => $s,)* Mn::BCond(c) => bcond_name(c) }
            }
            /// The unscaled-offset form of a load or store (`ldr` → `ldur`), if it has one.
            pub fn unscaled(self) -> Option<Mn> {
                UNSCALED.iter().find(|(m, _)| *m == self).map(|&(_, u)| u)
            }
        }
    };
}

mnemonics! {
    Add = "add", Adds = "adds", Sub = "sub", Subs = "subs", Cmp = "cmp", Cmn = "cmn",
    And = "and", Orr = "orr", Eor = "eor", Tst = "tst", Mov = "mov", Movz = "movz",
    Movn = "movn", Movk = "movk", Mul = "mul", Smulh = "smulh", Smull = "smull",
    Sdiv = "sdiv", Udiv = "udiv", Msub = "msub", Lsl = "lsl", Lsr = "lsr", Asr = "asr",
    Sxth = "sxth", Sxtw = "sxtw", Cset = "cset", Csel = "csel", Ccmn = "ccmn",
    Ldr = "ldr", Ldrb = "ldrb", Ldrh = "ldrh", Ldrsh = "ldrsh", Ldrsw = "ldrsw", Str = "str",
    Strb = "strb", Strh = "strh", Ldur = "ldur", Ldurb = "ldurb", Ldurh = "ldurh",
    Ldursh = "ldursh", Ldursw = "ldursw", Stur = "stur", Sturb = "sturb", Sturh = "sturh",
    Ldp = "ldp", Stp = "stp", Fmov = "fmov", Fadd = "fadd", Fsub = "fsub", Fmul = "fmul",
    Fdiv = "fdiv", Fcmp = "fcmp", Fabs = "fabs", Frintn = "frintn", Frintz = "frintz",
    Fcvtzs = "fcvtzs", Fcvtzu = "fcvtzu", Scvtf = "scvtf", Ucvtf = "ucvtf", B = "b", Bl = "bl",
    Cbz = "cbz", Cbnz = "cbnz", Tbz = "tbz", Tbnz = "tbnz", Br = "br", Blr = "blr", Ret = "ret", Brk = "brk", Adr = "adr",
    Adrp = "adrp",
    Mrs = "mrs",
}

fn bcond_name(c: Cond) -> &'static str {
    match c {
        Cond::Eq => "b.eq",
        Cond::Ne => "b.ne",
        Cond::Hs => "b.hs",
        Cond::Lo => "b.lo",
        Cond::Mi => "b.mi",
        Cond::Pl => "b.pl",
        Cond::Vs => "b.vs",
        Cond::Vc => "b.vc",
        Cond::Hi => "b.hi",
        Cond::Ls => "b.ls",
        Cond::Ge => "b.ge",
        Cond::Lt => "b.lt",
        Cond::Gt => "b.gt",
        Cond::Le => "b.le",
    }
}

/// The condition named `s` (`eq`, `ne`, …).
pub fn cond_from_name(s: &str) -> Option<Cond> {
    Some(match s {
        "eq" => Cond::Eq,
        "ne" => Cond::Ne,
        "hs" => Cond::Hs,
        "lo" => Cond::Lo,
        "mi" => Cond::Mi,
        "pl" => Cond::Pl,
        "vs" => Cond::Vs,
        "vc" => Cond::Vc,
        "hi" => Cond::Hi,
        "ls" => Cond::Ls,
        "ge" => Cond::Ge,
        "lt" => Cond::Lt,
        "gt" => Cond::Gt,
        "le" => Cond::Le,
        _ => return None,
    })
}

/// One instruction.
#[derive(Clone, Debug, PartialEq)]
pub struct Inst<'a> {
    pub mn: Mn,
    pub ops: SmallVec<[Operand<'a>; 4]>,
}

impl fmt::Display for Inst<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.mn.name())?;
        for (k, o) in self.ops.iter().enumerate() {
            f.write_str(if k == 0 { " " } else { ", " })?;
            o.fmt(f)?;
        }
        Ok(())
    }
}

/// A call-frame directive (`.cfi_*`), register operands as registers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cfi {
    StartProc,
    EndProc,
    /// `.cfi_def_cfa reg, offset`
    DefCfa(R, u64),
    /// `.cfi_def_cfa_offset offset`
    DefCfaOffset(u64),
    /// `.cfi_offset reg, offset`
    Offset(R, i64),
    /// `.cfi_restore reg`
    Restore(R),
    RememberState,
    RestoreState,
}

impl Cfi {
    /// The directive's text (without the leading tab).
    pub fn write(self, out: &mut String) {
        let mut digits = itoa::Buffer::new();
        match self {
            Cfi::StartProc => out.push_str(".cfi_startproc"),
            Cfi::EndProc => out.push_str(".cfi_endproc"),
            Cfi::DefCfa(r, off) => {
                for p in [".cfi_def_cfa ", r.name(), ", ", digits.format(off)] {
                    out.push_str(p);
                }
            }
            Cfi::DefCfaOffset(off) => {
                out.push_str(".cfi_def_cfa_offset ");
                out.push_str(digits.format(off));
            }
            Cfi::Offset(r, off) => {
                for p in [".cfi_offset ", r.name(), ", ", digits.format(off)] {
                    out.push_str(p);
                }
            }
            Cfi::Restore(r) => {
                out.push_str(".cfi_restore ");
                out.push_str(r.name());
            }
            Cfi::RememberState => out.push_str(".cfi_remember_state"),
            Cfi::RestoreState => out.push_str(".cfi_restore_state"),
        }
    }

    /// Parse a `.cfi_*` directive `name` with operand text `args` (what [`Self::write`]
    /// writes).
    pub fn parse(name: &str, args: &str) -> Result<Cfi, String> {
        let two = || -> Result<(&str, &str), String> {
            let mut ops = split_operands(args);
            match (ops.next(), ops.next(), ops.next()) {
                (Some(a), Some(b), None) => Ok((a, b)),
                _ => Err(format!("{name} needs two operands")),
            }
        };
        let num = |s: &str| super::parse_int(s).ok_or_else(|| format!("bad number `{s}`"));
        let reg = |s: &str| R::parse(s).ok_or_else(|| format!("bad register `{s}`"));
        let none = || {
            if args.is_empty() {
                Ok(())
            } else {
                Err(format!("{name} takes no operands"))
            }
        };
        Ok(match name {
            ".cfi_startproc" => none().map(|()| Cfi::StartProc)?,
            ".cfi_endproc" => none().map(|()| Cfi::EndProc)?,
            ".cfi_def_cfa" => {
                let (r, o) = two()?;
                Cfi::DefCfa(reg(r)?, num(o)? as u64)
            }
            ".cfi_def_cfa_offset" => Cfi::DefCfaOffset(num(args)? as u64),
            ".cfi_offset" => {
                let (r, o) = two()?;
                Cfi::Offset(reg(r)?, num(o)?)
            }
            ".cfi_restore" => Cfi::Restore(reg(args)?),
            ".cfi_remember_state" => none().map(|()| Cfi::RememberState)?,
            ".cfi_restore_state" => none().map(|()| Cfi::RestoreState)?,
            _ => return Err(format!("unknown directive `{name}`")),
        })
    }
}

/// Append `mn ops…` to `out`: what [`Inst`]'s `Display` writes (a test checks every form of
/// the encoding table), without `core::fmt` for the common operands.
pub fn write_inst(out: &mut String, mn: Mn, ops: &[Operand<'_>]) {
    out.push_str(mn.name());
    for (k, o) in ops.iter().enumerate() {
        out.push_str(if k == 0 { " " } else { ", " });
        write_operand(out, o);
    }
}

fn write_operand(out: &mut String, o: &Operand<'_>) {
    let mut digits = itoa::Buffer::new();
    match *o {
        Operand::Reg(r) => out.push_str(r.name()),
        Operand::Imm(v) => {
            out.push('#');
            out.push_str(digits.format(v));
        }
        Operand::Shift(s, n) => {
            out.push_str(s.name());
            out.push_str(" #");
            out.push_str(digits.format(n));
        }
        Operand::Cond(c) => out.push_str(c.name()),
        Operand::Mem(Mem {
            base,
            off: off @ (MemOff::None | MemOff::Imm(_)),
            pre,
        }) => {
            out.push('[');
            out.push_str(base.name());
            if let MemOff::Imm(v) = off {
                out.push_str(", #");
                out.push_str(digits.format(v));
            }
            out.push_str(if pre { "]!" } else { "]" });
        }
        Operand::Hex(_)
        | Operand::Float(_)
        | Operand::Extend(_)
        | Operand::Sym(_)
        | Operand::Mem(_)
        | Operand::SysReg(_) => {
            use fmt::Write as _;
            let _ = write!(out, "{o}");
        }
    }
}

/// The operand positions of `mn` that hold a symbol whatever its spelling (a function may be
/// named `x1`) and a condition name: (symbol slot, condition slot).
fn slots(mn: Mn) -> (Option<usize>, Option<usize>) {
    match mn {
        Mn::B | Mn::Bl | Mn::BCond(_) => (Some(0), None),
        Mn::Cbz | Mn::Cbnz | Mn::Adr | Mn::Adrp => (Some(1), None),
        Mn::Tbz | Mn::Tbnz => (Some(2), None),
        Mn::Cset => (None, Some(1)),
        Mn::Csel | Mn::Ccmn => (None, Some(3)),
        Mn::Add
        | Mn::Adds
        | Mn::Sub
        | Mn::Subs
        | Mn::Cmp
        | Mn::Cmn
        | Mn::And
        | Mn::Orr
        | Mn::Eor
        | Mn::Tst
        | Mn::Mov
        | Mn::Movz
        | Mn::Movn
        | Mn::Movk
        | Mn::Mul
        | Mn::Smulh
        | Mn::Smull
        | Mn::Sdiv
        | Mn::Udiv
        | Mn::Msub
        | Mn::Lsl
        | Mn::Lsr
        | Mn::Asr
        | Mn::Sxth
        | Mn::Sxtw
        | Mn::Ldr
        | Mn::Ldrb
        | Mn::Ldrh
        | Mn::Ldrsh
        | Mn::Ldrsw
        | Mn::Str
        | Mn::Strb
        | Mn::Strh
        | Mn::Ldur
        | Mn::Ldurb
        | Mn::Ldurh
        | Mn::Ldursh
        | Mn::Ldursw
        | Mn::Stur
        | Mn::Sturb
        | Mn::Sturh
        | Mn::Ldp
        | Mn::Stp
        | Mn::Fmov
        | Mn::Fadd
        | Mn::Fsub
        | Mn::Fmul
        | Mn::Fdiv
        | Mn::Fcmp
        | Mn::Fabs
        | Mn::Frintn
        | Mn::Frintz
        | Mn::Fcvtzs
        | Mn::Fcvtzu
        | Mn::Scvtf
        | Mn::Ucvtf
        | Mn::Br
        | Mn::Blr
        | Mn::Ret
        | Mn::Brk
        | Mn::Mrs => (None, None),
    }
}

fn parse_imm(s: &str) -> Option<Operand<'static>> {
    let t = s.strip_prefix('#')?;
    if let Some(h) = t.strip_prefix("0x") {
        return u64::from_str_radix(h, 16).ok().map(Operand::Hex);
    }
    if t.contains('.') {
        return t.parse::<f64>().ok().map(Operand::Float);
    }
    t.parse::<i64>().ok().map(Operand::Imm)
}

fn parse_mem(s: &str) -> Option<Operand<'_>> {
    let (body, pre) = if let Some(b) = s.strip_suffix("]!") {
        (b, true)
    } else {
        (s.strip_suffix(']')?, false)
    };
    let body = body.strip_prefix('[')?;
    // No brackets inside: the operand splitter splits at every `", "`, as `str::split` would.
    let mut parts = split_operands(body);
    let base = R::parse(parts.next()?)?;
    let off = match parts.next() {
        None => MemOff::None,
        Some(p) if p.starts_with('#') => match parse_imm(p)? {
            Operand::Imm(v) => MemOff::Imm(v),
            _ => return None,
        },
        Some(p) => match R::parse(p) {
            Some(r) => {
                let sh = match parts.next() {
                    None => None,
                    Some(sh) => Some(sh.strip_prefix("lsl #")?.parse::<u8>().ok()?),
                };
                MemOff::Reg(r, sh)
            }
            None => MemOff::Sym(SymExpr::parse(p)?),
        },
    };
    if parts.next().is_some() {
        return None;
    }
    Some(Operand::Mem(Mem { base, off, pre }))
}

fn parse_operand(mn: Mn, k: usize, s: &str) -> Option<Operand<'_>> {
    let (sym, cond) = slots(mn);
    if sym == Some(k) {
        return SymExpr::parse(s).map(Operand::Sym);
    }
    if cond == Some(k) {
        return cond_from_name(s).map(Operand::Cond);
    }
    if (mn, k) == (Mn::Mrs, 1) {
        return SysReg::parse(s).map(Operand::SysReg);
    }
    match s.as_bytes().first()? {
        b'[' => parse_mem(s),
        b'#' => parse_imm(s),
        _ => {
            if let Some(r) = R::parse(s) {
                return Some(Operand::Reg(r));
            }
            for sh in [ShiftOp::Lsl, ShiftOp::Lsr, ShiftOp::Asr] {
                if let Some(n) = s.strip_prefix(sh.name()).and_then(|r| r.strip_prefix(" #")) {
                    return n.parse().ok().map(|n| Operand::Shift(sh, n));
                }
            }
            match s {
                "sxtw" => Some(Operand::Extend(ExtendOp::Sxtw)),
                "sxth" => Some(Operand::Extend(ExtendOp::Sxth)),
                _ => SymExpr::parse(s).map(Operand::Sym),
            }
        }
    }
}

/// Split `s` at the top-level `", "` separators (not inside `[...]`); nothing for `""`. Also
/// splits directive operand lists (no brackets there: every separator).
pub(crate) fn split_operands(s: &str) -> Operands<'_> {
    Operands {
        s,
        pos: 0,
        done: false,
    }
}

/// The iterator of [`split_operands`]: scans lazily, one operand at a time.
pub(crate) struct Operands<'a> {
    s: &'a str,
    pos: usize,
    done: bool,
}

impl<'a> Iterator for Operands<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        if self.done {
            return None;
        }
        let b = self.s.as_bytes();
        let start = self.pos;
        let mut depth = 0i32;
        let mut i = start;
        while i < b.len() {
            match b[i] {
                b'[' => depth += 1,
                b']' => depth -= 1,
                b',' if depth == 0 && b.get(i + 1) == Some(&b' ') => {
                    self.pos = i + 2;
                    return Some(&self.s[start..i]);
                }
                _ => {}
            }
            i += 1;
        }
        self.done = true;
        // The last operand; empty only after a separator (`"a, "`), not for an empty `s`.
        (start < b.len() || start > 0).then(|| &self.s[start..])
    }
}

impl<'a> Inst<'a> {
    /// Parse one instruction line (without the leading tab).
    pub fn parse(line: &'a str) -> Result<Inst<'a>, String> {
        let (m, rest) = match line.bytes().position(|c| c == b' ') {
            Some(i) => (&line[..i], &line[i + 1..]),
            None => (line, ""),
        };
        let mn = Mn::parse(m).ok_or_else(|| format!("unknown instruction `{line}`"))?;
        let mut ops = SmallVec::new();
        if !rest.is_empty() {
            for (k, s) in split_operands(rest).enumerate() {
                let o = parse_operand(mn, k, s)
                    .ok_or_else(|| format!("bad operand `{s}` in `{line}`"))?;
                ops.push(o);
            }
        }
        Ok(Inst { mn, ops })
    }
}
