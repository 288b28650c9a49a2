//! A64 binary encodings of every [`Inst`] form the emitter writes, with symbol operands returned
//! as a fixup ([`A64Fixup`]) for the machine-code buffer to resolve or turn into a relocation.
//!
//! Invariants: the match over [`Mn`] is exhaustive; within a mnemonic, an operand shape that is
//! not one of the encoded forms, or an immediate out of its field's range, is an error naming
//! the instruction (never a silent truncation). Aliases are encoded as the GNU and LLVM
//! assemblers do (`mov` → `orr`/`add`/`movz`, `cmp` → `subs`, `cset` → `csinc`, `lsl #n` →
//! `ubfm`, …), and a negative `add`/`sub` immediate flips the operation, as GNU as does.

use super::syntax::{Inst, Mem, MemOff, Mn, Operand, RegKind, ShiftOp, SymExpr, SymMod, R};
use crate::imm::is_logical_imm64;
use crate::inst::Cond;
use target_common::object::FixupKind;

/// Relocatable fields of A64 instructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum A64Fixup {
    /// `b`: imm26 word offset (±128 MiB).
    Jump26,
    /// `bl`: imm26 word offset (±128 MiB).
    Call26,
    /// `b.cond`, `cbz`, `cbnz`: imm19 word offset (±1 MiB).
    Cond19,
    /// `tbz`/`tbnz`: imm14 word offset (±32 KiB).
    Test14,
    /// `adr`: 21-bit byte offset (±1 MiB).
    Adr21,
    /// `adrp` of a symbol's page.
    Page21,
    /// `add` of a symbol's low 12 bits.
    AddLo12,
    /// Load/store of a symbol's low 12 bits, scaled by the access size (log2 bytes).
    LdstLo12(u8),
    /// `adrp` of the page of a symbol's GOT entry.
    GotPage21,
    /// `ldr` of a symbol's GOT entry (low 12 bits).
    GotLo12,
    /// `adrp` of the page of the GOT entry holding a TLS symbol's offset from the thread
    /// pointer (initial-exec TLS).
    TlsIePage21,
    /// `ldr` of that GOT entry (low 12 bits).
    TlsIeLo12,
}

fn cond_bits(c: Cond) -> u32 {
    match c {
        Cond::Eq => 0,
        Cond::Ne => 1,
        Cond::Hs => 2,
        Cond::Lo => 3,
        Cond::Mi => 4,
        Cond::Pl => 5,
        Cond::Vs => 6,
        Cond::Vc => 7,
        Cond::Hi => 8,
        Cond::Ls => 9,
        Cond::Ge => 10,
        Cond::Lt => 11,
        Cond::Gt => 12,
        Cond::Le => 13,
    }
}

/// `b.cond` with the condition inverted (condition field bit 0 flipped), for branch relaxation.
pub fn invert_cond_branch(word: u32) -> Option<u32> {
    if word & 0xff00_0010 == 0x5400_0000 {
        Some((word ^ 1) & !(0x7ffff << 5))
    } else if word & 0x7e00_0000 == 0x3400_0000 {
        // cbz <-> cbnz
        Some((word ^ (1 << 24)) & !(0x7ffff << 5))
    } else if word & 0x7e00_0000 == 0x3600_0000 {
        // tbz <-> tbnz
        Some((word ^ (1 << 24)) & !(0x3fff << 5))
    } else {
        None
    }
}

impl FixupKind for A64Fixup {
    fn patch(self, field: &mut [u8], delta: i64) -> Result<(), String> {
        let mut w = u32::from_le_bytes([field[0], field[1], field[2], field[3]]);
        let words = |bits: u32| -> Result<u32, String> {
            if delta % 4 != 0 {
                return Err(format!("branch offset {delta} is not a multiple of 4"));
            }
            let v = delta / 4;
            let lim = 1i64 << (bits - 1);
            if v < -lim || v >= lim {
                return Err(format!("branch offset {delta} out of range for {self:?}"));
            }
            Ok((v as u32) & ((1u32 << bits) - 1))
        };
        match self {
            A64Fixup::Jump26 | A64Fixup::Call26 => w |= words(26)?,
            A64Fixup::Cond19 => w |= words(19)? << 5,
            A64Fixup::Test14 => w |= words(14)? << 5,
            A64Fixup::Adr21 => {
                if !(-(1 << 20)..(1 << 20)).contains(&delta) {
                    return Err(format!("adr offset {delta} out of range"));
                }
                let v = delta as u32;
                w |= ((v & 3) << 29) | (((v >> 2) & 0x7ffff) << 5);
            }
            A64Fixup::Page21
            | A64Fixup::AddLo12
            | A64Fixup::LdstLo12(_)
            | A64Fixup::GotPage21
            | A64Fixup::GotLo12
            | A64Fixup::TlsIePage21
            | A64Fixup::TlsIeLo12 => {
                return Err(format!("{self:?} cannot be resolved in the assembler"))
            }
        }
        field[..4].copy_from_slice(&w.to_le_bytes());
        Ok(())
    }
    fn resolves_in_section(self) -> bool {
        match self {
            A64Fixup::Jump26
            | A64Fixup::Call26
            | A64Fixup::Cond19
            | A64Fixup::Test14
            | A64Fixup::Adr21 => true,
            A64Fixup::Page21
            | A64Fixup::AddLo12
            | A64Fixup::LdstLo12(_)
            | A64Fixup::GotPage21
            | A64Fixup::GotLo12
            | A64Fixup::TlsIePage21
            | A64Fixup::TlsIeLo12 => false,
        }
    }
    fn via_got(self) -> bool {
        match self {
            A64Fixup::GotPage21
            | A64Fixup::GotLo12
            | A64Fixup::TlsIePage21
            | A64Fixup::TlsIeLo12 => true,
            A64Fixup::Jump26
            | A64Fixup::Call26
            | A64Fixup::Cond19
            | A64Fixup::Test14
            | A64Fixup::Adr21
            | A64Fixup::Page21
            | A64Fixup::AddLo12
            | A64Fixup::LdstLo12(_) => false,
        }
    }
    fn short_range(self) -> Option<i64> {
        match self {
            A64Fixup::Cond19 => Some(1 << 20),
            A64Fixup::Test14 => Some(1 << 15),
            A64Fixup::Jump26
            | A64Fixup::Call26
            | A64Fixup::Adr21
            | A64Fixup::Page21
            | A64Fixup::AddLo12
            | A64Fixup::LdstLo12(_)
            | A64Fixup::GotPage21
            | A64Fixup::GotLo12
            | A64Fixup::TlsIePage21
            | A64Fixup::TlsIeLo12 => None,
        }
    }
    fn tls(self) -> bool {
        match self {
            A64Fixup::TlsIePage21 | A64Fixup::TlsIeLo12 => true,
            A64Fixup::Jump26
            | A64Fixup::Call26
            | A64Fixup::Cond19
            | A64Fixup::Test14
            | A64Fixup::Adr21
            | A64Fixup::Page21
            | A64Fixup::AddLo12
            | A64Fixup::LdstLo12(_)
            | A64Fixup::GotPage21
            | A64Fixup::GotLo12 => false,
        }
    }
    fn elf_type(self) -> object::elf::RelocationType {
        use object::elf;
        match self {
            A64Fixup::Jump26 => elf::R_AARCH64_JUMP26,
            A64Fixup::Call26 => elf::R_AARCH64_CALL26,
            A64Fixup::Cond19 => elf::R_AARCH64_CONDBR19,
            A64Fixup::Test14 => elf::R_AARCH64_TSTBR14,
            A64Fixup::Adr21 => elf::R_AARCH64_ADR_PREL_LO21,
            A64Fixup::Page21 => elf::R_AARCH64_ADR_PREL_PG_HI21,
            A64Fixup::AddLo12 => elf::R_AARCH64_ADD_ABS_LO12_NC,
            A64Fixup::LdstLo12(0) => elf::R_AARCH64_LDST8_ABS_LO12_NC,
            A64Fixup::LdstLo12(1) => elf::R_AARCH64_LDST16_ABS_LO12_NC,
            A64Fixup::LdstLo12(2) => elf::R_AARCH64_LDST32_ABS_LO12_NC,
            A64Fixup::LdstLo12(3) => elf::R_AARCH64_LDST64_ABS_LO12_NC,
            A64Fixup::LdstLo12(_) => elf::R_AARCH64_LDST128_ABS_LO12_NC,
            A64Fixup::GotPage21 => elf::R_AARCH64_ADR_GOT_PAGE,
            A64Fixup::GotLo12 => elf::R_AARCH64_LD64_GOT_LO12_NC,
            A64Fixup::TlsIePage21 => elf::R_AARCH64_TLSIE_ADR_GOTTPREL_PAGE21,
            A64Fixup::TlsIeLo12 => elf::R_AARCH64_TLSIE_LD64_GOTTPREL_LO12_NC,
        }
    }
    fn macho_type(self) -> (object::macho::RelocationType, bool) {
        use object::macho;
        match self {
            A64Fixup::Jump26 | A64Fixup::Call26 | A64Fixup::Cond19 | A64Fixup::Test14 => {
                (macho::ARM64_RELOC_BRANCH26, true)
            }
            A64Fixup::Adr21 | A64Fixup::Page21 => (macho::ARM64_RELOC_PAGE21, true),
            A64Fixup::AddLo12 | A64Fixup::LdstLo12(_) => (macho::ARM64_RELOC_PAGEOFF12, false),
            A64Fixup::GotPage21 => (macho::ARM64_RELOC_GOT_LOAD_PAGE21, true),
            A64Fixup::GotLo12 => (macho::ARM64_RELOC_GOT_LOAD_PAGEOFF12, false),
            // Mach-O's thread-local variables are reached through their descriptor's page.
            A64Fixup::TlsIePage21 => (macho::ARM64_RELOC_TLVP_LOAD_PAGE21, true),
            A64Fixup::TlsIeLo12 => (macho::ARM64_RELOC_TLVP_LOAD_PAGEOFF12, false),
        }
    }
    fn veneer(self) -> Option<(u32, Self)> {
        // An unconditional `b` reaches ±128 MiB.
        self.short_range().map(|_| (0x1400_0000, A64Fixup::Jump26))
    }
    fn invert_branch(word: u32) -> Option<u32> {
        invert_cond_branch(word)
    }
}

/// An encoded instruction: its word and, for a symbol operand, the fixup and target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Encoded<'a> {
    pub word: u32,
    pub fixup: Option<(A64Fixup, &'a str)>,
}

fn plain(word: u32) -> Result<Encoded<'static>, String> {
    Ok(Encoded { word, fixup: None })
}

type Res<'a> = Result<Encoded<'a>, String>;

fn sf(r: R) -> u32 {
    (r.is64() as u32) << 31
}

/// Number of a register where `sp` is not allowed (31 = zr).
fn zr(r: R) -> Result<u32, String> {
    if r.is_gpr() {
        Ok(r.n as u32)
    } else {
        Err(format!("{r} is not an integer register here"))
    }
}

/// Number of a register where `sp` is allowed (31 = sp; a zero register is rejected).
fn rsp(r: R) -> Result<u32, String> {
    if r.is_sp() || (r.is_gpr() && r.n != 31) {
        Ok(r.n as u32)
    } else {
        Err(format!("{r} is not an integer register or sp here"))
    }
}

fn fp(r: R) -> Result<u32, String> {
    if r.is_d() {
        Ok(r.n as u32)
    } else {
        Err(format!("{r} is not a d register"))
    }
}

fn same_width(a: R, b: R) -> Result<(), String> {
    if a.is64() == b.is64() {
        Ok(())
    } else {
        Err(format!("{a} and {b} differ in width"))
    }
}

/// The `N:immr:imms` field of a logical immediate for a register of `bits` bits.
pub fn logical_imm_field(v: u64, bits: u32) -> Option<u32> {
    let v = if bits == 32 {
        if v >> 32 != 0 {
            return None;
        }
        v | (v << 32)
    } else {
        v
    };
    if !is_logical_imm64(v) {
        return None;
    }
    // Smallest repeating element size.
    let mut size = 64u32;
    while size > 2 {
        let half = size / 2;
        let mask = (1u64 << half) - 1;
        if (v & mask) != ((v >> half) & mask) {
            break;
        }
        size = half;
    }
    let mask = if size == 64 {
        u64::MAX
    } else {
        (1u64 << size) - 1
    };
    let elem = v & mask;
    let ones = elem.count_ones();
    // Rotation: find r such that rotating elem right by r gives 0..01..1 (ones at the bottom).
    let low = (1u64 << ones) - 1;
    let rot = (0..size).find(|&r| {
        let rotated = if r == 0 {
            elem
        } else {
            ((elem >> r) | (elem << (size - r))) & mask
        };
        rotated == low
    })?;
    let immr = (size - rot) % size;
    let n = (size == 64) as u32;
    let imms = ((!(size * 2 - 1)) & 0x3f) | (ones - 1);
    Some((n << 22) | (immr << 16) | ((imms & 0x3f) << 10))
}

fn uimm(v: i64, bits: u32, what: &str) -> Result<u32, String> {
    if v < 0 || v >= (1i64 << bits) {
        return Err(format!("{what} {v} out of range"));
    }
    Ok(v as u32)
}

/// ADD/SUB (immediate) with the GNU as conventions: negative flips the operation, a multiple
/// of 4096 above 4095 uses `lsl #12`.
fn addsub_imm(sub: bool, s: bool, rd: u32, rn: R, imm: i64, lsl12: bool) -> Result<u32, String> {
    let (sub, v) = if imm < 0 && !lsl12 {
        (!sub, imm.unsigned_abs() as i64)
    } else {
        (sub, imm)
    };
    let (v, sh) = if lsl12 {
        (v, 1)
    } else if v > 4095 && v & 0xfff == 0 {
        (v >> 12, 1)
    } else {
        (v, 0)
    };
    let imm12 = uimm(v, 12, "add/sub immediate")?;
    Ok(0x1100_0000
        | sf(rn)
        | (sub as u32) << 30
        | (s as u32) << 29
        | sh << 22
        | imm12 << 10
        | rsp(rn)? << 5
        | rd)
}

fn imm_of(o: &Operand) -> Option<i64> {
    match o {
        Operand::Imm(v) => Some(*v),
        Operand::Hex(v) => Some(*v as i64),
        Operand::Reg(_)
        | Operand::Float(_)
        | Operand::Shift(..)
        | Operand::Extend(_)
        | Operand::Cond(_)
        | Operand::Sym(_)
        | Operand::Mem(_)
        | Operand::SysReg(_) => None,
    }
}

/// The three-operand data-processing forms of add/sub/adds/subs.
fn addsub<'a>(sub: bool, s: bool, ops: &[Operand<'a>]) -> Res<'a> {
    match ops {
        [Operand::Reg(d), Operand::Reg(n), rest @ ..] => {
            let ext_rd = d.is_sp() || n.is_sp();
            let rd = if ext_rd { 0 } else { zr(*d)? };
            match rest {
                [imm] if imm_of(imm).is_some() => {
                    let v = imm_of(imm).unwrap_or(0);
                    plain(addsub_imm(
                        sub,
                        s,
                        if s { zr(*d)? } else { rsp(*d)? },
                        *n,
                        v,
                        false,
                    )?)
                }
                [imm, Operand::Shift(ShiftOp::Lsl, 12)] if imm_of(imm).is_some() => {
                    let v = imm_of(imm).unwrap_or(0);
                    plain(addsub_imm(
                        sub,
                        s,
                        if s { zr(*d)? } else { rsp(*d)? },
                        *n,
                        v,
                        true,
                    )?)
                }
                [Operand::Sym(SymExpr {
                    name,
                    m: SymMod::Lo12 | SymMod::PageOff,
                })] if !sub && !s => Ok(Encoded {
                    word: addsub_imm(false, false, rsp(*d)?, *n, 0, false)?,
                    fixup: Some((A64Fixup::AddLo12, name)),
                }),
                [Operand::Reg(m)] if ext_rd => {
                    // Extended register, UXTX: the form that allows sp.
                    same_width(*d, *n)?;
                    plain(
                        0x0B20_6000
                            | sf(*d)
                            | (sub as u32) << 30
                            | (s as u32) << 29
                            | zr(*m)? << 16
                            | rsp(*n)? << 5
                            | rsp(*d)?,
                    )
                }
                [Operand::Reg(m)] => shifted(0x0B00_0000, sub, s, rd, *n, *m, ShiftOp::Lsl, 0),
                [Operand::Reg(m), Operand::Shift(op, amt)] => {
                    shifted(0x0B00_0000, sub, s, rd, *n, *m, *op, *amt)
                }
                [Operand::Reg(m), Operand::Extend(e)] => plain(
                    0x0B20_0000
                        | sf(*d)
                        | (sub as u32) << 30
                        | (s as u32) << 29
                        | zr(*m)? << 16
                        | e.option() << 13
                        | rsp(*n)? << 5
                        | rd,
                ),
                _ => Err("unsupported add/sub operands".into()),
            }
        }
        _ => Err("unsupported add/sub operands".into()),
    }
}

#[allow(clippy::too_many_arguments)]
fn shifted<'a>(
    base: u32,
    sub: bool,
    s: bool,
    rd: u32,
    n: R,
    m: R,
    op: ShiftOp,
    amt: u8,
) -> Res<'a> {
    same_width(n, m)?;
    let lim = if n.is64() { 64 } else { 32 };
    if amt as u32 >= lim {
        return Err(format!("shift amount {amt} out of range"));
    }
    plain(
        base | sf(n)
            | (sub as u32) << 30
            | (s as u32) << 29
            | op.bits() << 22
            | zr(m)? << 16
            | (amt as u32) << 10
            | zr(n)? << 5
            | rd,
    )
}

/// Logical ops: opc 0 and, 1 orr, 2 eor, 3 ands.
fn logical<'a>(opc: u32, rd: R, rn: R, rest: &[Operand<'a>]) -> Res<'a> {
    same_width(rd, rn)?;
    let bits = if rd.is64() { 64 } else { 32 };
    match rest {
        [imm] if imm_of(imm).is_some() => {
            let v = imm_of(imm).unwrap_or(0) as u64;
            let field = logical_imm_field(v, bits)
                .ok_or_else(|| format!("{v:#x} is not a logical immediate"))?;
            let d = if opc == 3 {
                zr(rd)?
            } else {
                rsp(rd).or_else(|_| zr(rd))?
            };
            plain(0x1200_0000 | sf(rd) | opc << 29 | field | zr(rn)? << 5 | d)
        }
        [Operand::Reg(m)] => plain(
            0x0A00_0000
                | sf(rd)
                | opc << 29
                | {
                    same_width(rd, *m)?;
                    zr(*m)?
                } << 16
                | zr(rn)? << 5
                | zr(rd)?,
        ),
        [Operand::Reg(m), Operand::Shift(op, amt)] => {
            same_width(rd, *m)?;
            plain(
                0x0A00_0000
                    | sf(rd)
                    | opc << 29
                    | op.bits() << 22
                    | zr(*m)? << 16
                    | (*amt as u32) << 10
                    | zr(rn)? << 5
                    | zr(rd)?,
            )
        }
        _ => Err("unsupported logical operands".into()),
    }
}

/// The access of a load/store mnemonic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Access {
    /// `ldrb`/`strb`: byte, w register.
    Byte,
    /// `ldrh`/`strh`: halfword, w register.
    Half,
    /// `ldrsh`: sign-extending halfword.
    SHalf,
    /// `ldrsw`: sign-extending word into an x register.
    SWord,
    /// `ldr`/`str`: the register's own size (w, x or d).
    Full,
}

/// `and`/`orr`/`eor rd, rn, …`.
fn logical3<'a>(opc: u32, ops: &[Operand<'a>]) -> Res<'a> {
    let [Operand::Reg(d), Operand::Reg(n), rest @ ..] = ops else {
        return Err("unsupported logical operands".into());
    };
    logical(opc, *d, *n, rest)
}

/// Access size (log2 bytes) and opcode (unsigned-offset form) for register `rt`.
fn ldst_op(acc: Access, load: bool, rt: R) -> Result<(u32, u32), String> {
    let v = rt.is_d();
    let x = rt.is64();
    if rt.is_sp() {
        return Err("sp cannot be transferred".into());
    }
    let view = |ok: bool| {
        if ok {
            Ok(())
        } else {
            Err(format!("{rt} is the wrong register view"))
        }
    };
    let l = if load { 0x0040_0000 } else { 0 };
    Ok(match acc {
        Access::Byte => {
            view(!x && !v)?;
            (0, 0x3900_0000 | l)
        }
        Access::Half => {
            view(!x && !v)?;
            (1, 0x7900_0000 | l)
        }
        Access::SHalf => {
            view(!v && load)?;
            (1, if x { 0x7980_0000 } else { 0x79C0_0000 })
        }
        Access::SWord => {
            view(x && !v && load)?;
            (2, 0xB980_0000)
        }
        Access::Full if v => (3, 0xFD00_0000 | l),
        Access::Full if x => (3, 0xF900_0000 | l),
        Access::Full => (2, 0xB900_0000 | l),
    })
}

fn ldst<'a>(acc: Access, load: bool, unscaled: bool, ops: &[Operand<'a>]) -> Res<'a> {
    let [Operand::Reg(rt), Operand::Mem(Mem { base, off, pre })] = ops else {
        return Err("unsupported load/store operands".into());
    };
    if *pre {
        return Err("pre-indexed single loads/stores are not emitted".into());
    }
    let (size, opc) = ldst_op(acc, load, *rt)?;
    let t = rt.n as u32;
    let n = rsp(*base)? << 5;
    // The unscaled and register-offset classes clear bit 24 of the unsigned-offset opcode.
    let nonscaled = opc & !0x0100_0000;
    match off {
        MemOff::None if !unscaled => plain(opc | n | t),
        MemOff::Imm(v) if unscaled => {
            if !(-256..256).contains(v) {
                return Err(format!("unscaled offset {v} out of range"));
            }
            plain(nonscaled | ((*v as u32) & 0x1ff) << 12 | n | t)
        }
        MemOff::Imm(v) => {
            let scale = 1i64 << size;
            if v % scale != 0 {
                return Err(format!("offset {v} is not a multiple of {scale}"));
            }
            plain(opc | uimm(v / scale, 12, "scaled offset")? << 10 | n | t)
        }
        MemOff::Reg(m, sh) if !unscaled => {
            if !m.is64() || m.is_sp() {
                return Err("the index register must be an x register".into());
            }
            let s = match sh {
                None => 0,
                Some(k) if *k as u32 == size => 1,
                Some(k) => return Err(format!("index shift lsl #{k} does not match the size")),
            };
            plain(
                nonscaled
                    | 1 << 21
                    | (m.n as u32) << 16
                    | 0b011 << 13
                    | s << 12
                    | 0b10 << 10
                    | n
                    | t,
            )
        }
        MemOff::Sym(SymExpr { name, m }) if !unscaled => {
            let kind = match m {
                SymMod::GotLo12 | SymMod::GotPageOff if opc == 0xF940_0000 => A64Fixup::GotLo12,
                SymMod::GotTprelLo12 if opc == 0xF940_0000 => A64Fixup::TlsIeLo12,
                SymMod::Lo12 | SymMod::PageOff => A64Fixup::LdstLo12(size as u8),
                _ => return Err("unsupported symbol operand in a load/store".into()),
            };
            Ok(Encoded {
                word: opc | n | t,
                fixup: Some((kind, name)),
            })
        }
        MemOff::None | MemOff::Reg(..) | MemOff::Sym(_) => {
            Err("unsupported addressing mode".into())
        }
    }
}

fn pair<'a>(load: bool, ops: &[Operand<'a>]) -> Res<'a> {
    let (t1, t2, mem, post) = match ops {
        [Operand::Reg(a), Operand::Reg(b), Operand::Mem(m)] => (*a, *b, *m, None),
        [Operand::Reg(a), Operand::Reg(b), Operand::Mem(m), Operand::Imm(p)] => {
            (*a, *b, *m, Some(*p))
        }
        _ => return Err("unsupported ldp/stp operands".into()),
    };
    if t1.kind != t2.kind && !(t1.is_gpr() && t2.is_gpr()) {
        return Err("ldp/stp registers differ in kind".into());
    }
    let (opc, scale) = if t1.is_d() {
        (0b01u32 << 30 | 1 << 26, 8)
    } else if t1.is64() && t2.is64() && !t1.is_sp() && !t2.is_sp() {
        (0b10u32 << 30, 8)
    } else {
        return Err("ldp/stp of this register view is not emitted".into());
    };
    let (idx, off) = match (mem.off, mem.pre, post) {
        (MemOff::Imm(v), false, None) => (0b010u32, v),
        (MemOff::None, false, None) => (0b010, 0),
        (MemOff::Imm(v), true, None) => (0b011, v),
        (MemOff::None, false, Some(p)) => (0b001, p),
        _ => return Err("unsupported ldp/stp addressing".into()),
    };
    if off % scale != 0 || !(-64 * scale..64 * scale).contains(&off) {
        return Err(format!("ldp/stp offset {off} out of range"));
    }
    let imm7 = ((off / scale) as u32) & 0x7f;
    plain(
        0x2800_0000
            | opc
            | idx << 23
            | (load as u32) << 22
            | imm7 << 15
            | (t2.n as u32) << 10
            | rsp(mem.base)? << 5
            | t1.n as u32,
    )
}

/// `movz`/`movn`/`movk` with an explicit `lsl`.
fn movw<'a>(opc: u32, ops: &[Operand<'a>]) -> Res<'a> {
    let (rd, imm, sh) = match ops {
        [Operand::Reg(d), imm, Operand::Shift(ShiftOp::Lsl, s)] if imm_of(imm).is_some() => {
            (*d, imm_of(imm).unwrap_or(0), *s as u32)
        }
        [Operand::Reg(d), imm] if imm_of(imm).is_some() => (*d, imm_of(imm).unwrap_or(0), 0),
        _ => return Err("unsupported move-wide operands".into()),
    };
    let lim = if rd.is64() { 64 } else { 32 };
    if sh % 16 != 0 || sh >= lim {
        return Err(format!("move-wide shift {sh} out of range"));
    }
    plain(
        0x1280_0000
            | sf(rd)
            | opc << 29
            | (sh / 16) << 21
            | uimm(imm, 16, "move-wide immediate")? << 5
            | zr(rd)?,
    )
}

/// `mov rd, #imm` as GNU as picks it: movz, then movn, then orr with a logical immediate.
fn mov_imm(rd: R, v: i64) -> Result<u32, String> {
    let bits = if rd.is64() { 64 } else { 32 };
    let u = if bits == 32 {
        (v as u64) & 0xffff_ffff
    } else {
        v as u64
    };
    let d = zr(rd)?;
    for hw in 0..bits / 16 {
        if u & !(0xffffu64 << (16 * hw)) == 0 {
            return Ok(0x5280_0000
                | sf(rd)
                | hw << 21
                | (((u >> (16 * hw)) & 0xffff) as u32) << 5
                | d);
        }
    }
    let nu = if bits == 32 { !u & 0xffff_ffff } else { !u };
    for hw in 0..bits / 16 {
        if nu & !(0xffffu64 << (16 * hw)) == 0 {
            return Ok(0x1280_0000
                | sf(rd)
                | hw << 21
                | (((nu >> (16 * hw)) & 0xffff) as u32) << 5
                | d);
        }
    }
    let field = logical_imm_field(u, bits)
        .ok_or_else(|| format!("cannot move {v:#x} in one instruction"))?;
    Ok(0x3200_0000 | sf(rd) | field | 31 << 5 | d)
}

fn three<'a>(base: u32, ops: &[Operand<'a>]) -> Res<'a> {
    let [Operand::Reg(d), Operand::Reg(n), Operand::Reg(m)] = ops else {
        return Err("expected three registers".into());
    };
    same_width(*d, *n)?;
    same_width(*d, *m)?;
    plain(base | sf(*d) | zr(*m)? << 16 | zr(*n)? << 5 | zr(*d)?)
}

fn fp3<'a>(base: u32, ops: &[Operand<'a>]) -> Res<'a> {
    let [Operand::Reg(d), Operand::Reg(n), Operand::Reg(m)] = ops else {
        return Err("expected three d registers".into());
    };
    plain(base | fp(*m)? << 16 | fp(*n)? << 5 | fp(*d)?)
}

fn fp2<'a>(base: u32, ops: &[Operand<'a>]) -> Res<'a> {
    let [Operand::Reg(d), Operand::Reg(n)] = ops else {
        return Err("expected two d registers".into());
    };
    plain(base | fp(*n)? << 5 | fp(*d)?)
}

/// Bitfield move (`ubfm`/`sbfm`): `opc` 0 sbfm, 2 ubfm.
fn bfm(opc: u32, rd: R, rn: R, immr: u32, imms: u32) -> Result<u32, String> {
    let x = rd.is64() as u32;
    Ok(0x1300_0000
        | x << 31
        | opc << 29
        | x << 22
        | immr << 16
        | imms << 10
        | zr(rn)? << 5
        | zr(rd)?)
}

fn shift_imm<'a>(op: ShiftOp, ops: &[Operand<'a>]) -> Res<'a> {
    match ops {
        [Operand::Reg(d), Operand::Reg(n), Operand::Reg(m)] => {
            let base = match op {
                ShiftOp::Lsl => 0x1AC0_2000,
                ShiftOp::Lsr => 0x1AC0_2400,
                ShiftOp::Asr => 0x1AC0_2800,
            };
            three(
                base,
                &[Operand::Reg(*d), Operand::Reg(*n), Operand::Reg(*m)],
            )
        }
        [Operand::Reg(d), Operand::Reg(n), imm] if imm_of(imm).is_some() => {
            same_width(*d, *n)?;
            let bits = if d.is64() { 64 } else { 32 };
            let s = uimm(
                imm_of(imm).unwrap_or(0),
                if bits == 64 { 6 } else { 5 },
                "shift",
            )?;
            plain(match op {
                ShiftOp::Lsl => bfm(2, *d, *n, (bits - s) % bits, bits - 1 - s)?,
                ShiftOp::Lsr => bfm(2, *d, *n, s, bits - 1)?,
                ShiftOp::Asr => bfm(0, *d, *n, s, bits - 1)?,
            })
        }
        _ => Err("unsupported shift operands".into()),
    }
}

fn branch_target<'a>(o: &Operand<'a>) -> Result<&'a str, String> {
    match o {
        Operand::Sym(SymExpr {
            name,
            m: SymMod::Plain,
        }) => Ok(name),
        _ => Err("expected a label".into()),
    }
}

/// Encode one instruction.
pub fn encode<'a>(i: &Inst<'a>) -> Res<'a> {
    encode_ops(i.mn, &i.ops)
}

/// [`encode`] of the instruction `mn ops…`.
pub fn encode_ops<'a>(mn: Mn, ops: &[Operand<'a>]) -> Res<'a> {
    encode_inner(mn, ops).map_err(|e| {
        let mut text = String::new();
        super::syntax::write_inst(&mut text, mn, ops);
        format!("cannot encode `{text}`: {e}")
    })
}

fn encode_inner<'a>(mn: Mn, ops: &[Operand<'a>]) -> Res<'a> {
    match mn {
        Mn::Add => addsub(false, false, ops),
        Mn::Adds => addsub(false, true, ops),
        Mn::Sub => addsub(true, false, ops),
        Mn::Subs => addsub(true, true, ops),
        Mn::Cmp | Mn::Cmn => {
            let [Operand::Reg(n), rest @ ..] = ops else {
                return Err("unsupported cmp operands".into());
            };
            let z = Operand::Reg(R {
                n: 31,
                kind: if n.is64() { RegKind::X } else { RegKind::W },
            });
            let mut v: smallvec::SmallVec<[Operand<'a>; 4]> =
                smallvec::smallvec![z, Operand::Reg(*n)];
            v.extend_from_slice(rest);
            addsub(mn == Mn::Cmp, true, &v)
        }
        Mn::And => logical3(0, ops),
        Mn::Orr => logical3(1, ops),
        Mn::Eor => logical3(2, ops),
        Mn::Tst => {
            let [Operand::Reg(n), rest @ ..] = ops else {
                return Err("unsupported tst operands".into());
            };
            let z = R {
                n: 31,
                kind: if n.is64() { RegKind::X } else { RegKind::W },
            };
            logical(3, z, *n, rest)
        }
        Mn::Mov => match ops {
            [Operand::Reg(d), Operand::Reg(n)] if d.is_sp() || n.is_sp() => {
                plain(addsub_imm(false, false, rsp(*d)?, *n, 0, false)?)
            }
            [Operand::Reg(d), Operand::Reg(n)] => {
                same_width(*d, *n)?;
                plain(0x2A00_03E0 | sf(*d) | zr(*n)? << 16 | zr(*d)?)
            }
            [Operand::Reg(d), imm] if imm_of(imm).is_some() => {
                plain(mov_imm(*d, imm_of(imm).unwrap_or(0))?)
            }
            _ => Err("unsupported mov operands".into()),
        },
        Mn::Movz => movw(0b10, ops),
        Mn::Movn => movw(0b00, ops),
        Mn::Movk => movw(0b11, ops),
        Mn::Mul => three(0x1B00_7C00, ops),
        Mn::Smulh => {
            let [Operand::Reg(d), ..] = ops else {
                return Err("bad smulh".into());
            };
            if !d.is64() {
                return Err("smulh needs x registers".into());
            }
            three(0x9B40_7C00, ops)
        }
        Mn::Smull => {
            let [Operand::Reg(d), Operand::Reg(n), Operand::Reg(m)] = ops else {
                return Err("bad smull".into());
            };
            if !d.is64() || n.is64() || m.is64() {
                return Err("smull is xd, wn, wm".into());
            }
            plain(0x9B20_7C00 | zr(*m)? << 16 | zr(*n)? << 5 | zr(*d)?)
        }
        Mn::Sdiv => three(0x1AC0_0C00, ops),
        Mn::Udiv => three(0x1AC0_0800, ops),
        Mn::Msub => {
            let [Operand::Reg(d), Operand::Reg(n), Operand::Reg(m), Operand::Reg(a)] = ops else {
                return Err("bad msub".into());
            };
            same_width(*d, *a)?;
            let e = three(
                0x1B00_8000,
                &[Operand::Reg(*d), Operand::Reg(*n), Operand::Reg(*m)],
            )?;
            plain(e.word | zr(*a)? << 10)
        }
        Mn::Lsl => shift_imm(ShiftOp::Lsl, ops),
        Mn::Lsr => shift_imm(ShiftOp::Lsr, ops),
        Mn::Asr => shift_imm(ShiftOp::Asr, ops),
        Mn::Sxth | Mn::Sxtw => {
            let [Operand::Reg(d), Operand::Reg(n)] = ops else {
                return Err("bad extend".into());
            };
            if n.is64() || (mn == Mn::Sxtw && !d.is64()) {
                return Err("extend source must be a w register".into());
            }
            let imms = if mn == Mn::Sxth { 15 } else { 31 };
            plain(bfm(0, *d, *d, 0, imms)? & !(31 << 5) | zr(*n)? << 5)
        }
        Mn::Cset => {
            let [Operand::Reg(d), Operand::Cond(c)] = ops else {
                return Err("bad cset".into());
            };
            let inv = cond_bits(c.invert());
            plain(0x1A9F_07E0 | sf(*d) | inv << 12 | zr(*d)?)
        }
        Mn::Csel => {
            let [Operand::Reg(d), Operand::Reg(n), Operand::Reg(m), Operand::Cond(c)] = ops else {
                return Err("bad csel".into());
            };
            same_width(*d, *n)?;
            same_width(*d, *m)?;
            plain(
                0x1A80_0000 | sf(*d) | zr(*m)? << 16 | cond_bits(*c) << 12 | zr(*n)? << 5 | zr(*d)?,
            )
        }
        Mn::Ccmn => {
            let [Operand::Reg(n), imm, nzcv, Operand::Cond(c)] = ops else {
                return Err("bad ccmn".into());
            };
            let imm = uimm(
                imm_of(imm).ok_or("bad ccmn immediate")?,
                5,
                "ccmn immediate",
            )?;
            let nzcv = uimm(imm_of(nzcv).ok_or("bad ccmn flags")?, 4, "ccmn flags")?;
            plain(0x3A40_0800 | sf(*n) | imm << 16 | cond_bits(*c) << 12 | zr(*n)? << 5 | nzcv)
        }
        Mn::Ldr => ldst(Access::Full, true, false, ops),
        Mn::Ldrb => ldst(Access::Byte, true, false, ops),
        Mn::Ldrh => ldst(Access::Half, true, false, ops),
        Mn::Ldrsh => ldst(Access::SHalf, true, false, ops),
        Mn::Ldrsw => ldst(Access::SWord, true, false, ops),
        Mn::Str => ldst(Access::Full, false, false, ops),
        Mn::Strb => ldst(Access::Byte, false, false, ops),
        Mn::Strh => ldst(Access::Half, false, false, ops),
        Mn::Ldur => ldst(Access::Full, true, true, ops),
        Mn::Ldurb => ldst(Access::Byte, true, true, ops),
        Mn::Ldurh => ldst(Access::Half, true, true, ops),
        Mn::Ldursh => ldst(Access::SHalf, true, true, ops),
        Mn::Ldursw => ldst(Access::SWord, true, true, ops),
        Mn::Stur => ldst(Access::Full, false, true, ops),
        Mn::Sturb => ldst(Access::Byte, false, true, ops),
        Mn::Sturh => ldst(Access::Half, false, true, ops),
        Mn::Ldp => pair(true, ops),
        Mn::Stp => pair(false, ops),
        Mn::Fmov => match ops {
            [Operand::Reg(d), Operand::Reg(n)] if d.is_d() && n.is_d() => {
                plain(0x1E60_4000 | fp(*n)? << 5 | fp(*d)?)
            }
            [Operand::Reg(d), Operand::Reg(n)] if d.is_d() && n.is64() => {
                plain(0x9E67_0000 | zr(*n)? << 5 | fp(*d)?)
            }
            [Operand::Reg(d), Operand::Reg(n)] if d.is64() && n.is_d() => {
                plain(0x9E66_0000 | fp(*n)? << 5 | zr(*d)?)
            }
            [Operand::Reg(d), Operand::Float(v)] if d.is_d() => {
                let bits = v.to_bits();
                if crate::imm::fmov_imm(bits).is_none() {
                    return Err(format!("{v:?} is not an fmov immediate"));
                }
                let imm8 = (((bits >> 56) & 0x80) | ((bits >> 48) & 0x7f)) as u32;
                plain(0x1E60_1000 | imm8 << 13 | fp(*d)?)
            }
            _ => Err("unsupported fmov operands".into()),
        },
        Mn::Fadd => fp3(0x1E60_2800, ops),
        Mn::Fsub => fp3(0x1E60_3800, ops),
        Mn::Fmul => fp3(0x1E60_0800, ops),
        Mn::Fdiv => fp3(0x1E60_1800, ops),
        Mn::Fcmp => match ops {
            [Operand::Reg(n), Operand::Reg(m)] => plain(0x1E60_2000 | fp(*m)? << 16 | fp(*n)? << 5),
            [Operand::Reg(n), Operand::Float(z)] if *z == 0.0 && z.is_sign_positive() => {
                plain(0x1E60_2008 | fp(*n)? << 5)
            }
            _ => Err("unsupported fcmp operands".into()),
        },
        Mn::Fabs => fp2(0x1E60_C000, ops),
        Mn::Frintn => fp2(0x1E64_4000, ops),
        Mn::Frintz => fp2(0x1E65_C000, ops),
        Mn::Fcvtzs | Mn::Fcvtzu => {
            let [Operand::Reg(d), Operand::Reg(n)] = ops else {
                return Err("bad fcvtz".into());
            };
            let base = if mn == Mn::Fcvtzs {
                0x1E78_0000
            } else {
                0x1E79_0000
            };
            plain(base | sf(*d) | fp(*n)? << 5 | zr(*d)?)
        }
        Mn::Scvtf | Mn::Ucvtf => {
            let [Operand::Reg(d), Operand::Reg(n)] = ops else {
                return Err("bad cvtf".into());
            };
            let base = if mn == Mn::Scvtf {
                0x1E62_0000
            } else {
                0x1E63_0000
            };
            plain(base | sf(*n) | zr(*n)? << 5 | fp(*d)?)
        }
        Mn::B | Mn::Bl => {
            let [t] = ops else {
                return Err("expected one label".into());
            };
            let (word, kind) = if mn == Mn::B {
                (0x1400_0000, A64Fixup::Jump26)
            } else {
                (0x9400_0000, A64Fixup::Call26)
            };
            Ok(Encoded {
                word,
                fixup: Some((kind, branch_target(t)?)),
            })
        }
        Mn::BCond(c) => {
            let [t] = ops else {
                return Err("expected one label".into());
            };
            Ok(Encoded {
                word: 0x5400_0000 | cond_bits(c),
                fixup: Some((A64Fixup::Cond19, branch_target(t)?)),
            })
        }
        Mn::Cbz | Mn::Cbnz => {
            let [Operand::Reg(r), t] = ops else {
                return Err("bad cbz".into());
            };
            let op = if mn == Mn::Cbz {
                0x3400_0000
            } else {
                0x3500_0000
            };
            Ok(Encoded {
                word: op | sf(*r) | zr(*r)?,
                fixup: Some((A64Fixup::Cond19, branch_target(t)?)),
            })
        }
        Mn::Tbz | Mn::Tbnz => {
            let [Operand::Reg(r), Operand::Imm(b), t] = ops else {
                return Err("bad tbz".into());
            };
            let width = if r.is64() { 64 } else { 32 };
            if !(0..width).contains(b) {
                return Err(format!("bit #{b} out of range for {r}"));
            }
            let b = *b as u32;
            let op = if mn == Mn::Tbz {
                0x3600_0000
            } else {
                0x3700_0000
            };
            Ok(Encoded {
                word: (b >> 5) << 31 | op | (b & 31) << 19 | zr(*r)?,
                fixup: Some((A64Fixup::Test14, branch_target(t)?)),
            })
        }
        Mn::Br | Mn::Blr => {
            let [Operand::Reg(r)] = ops else {
                return Err("bad br".into());
            };
            if !r.is64() || r.is_sp() {
                return Err("branch register must be an x register".into());
            }
            let base = if mn == Mn::Br {
                0xD61F_0000
            } else {
                0xD63F_0000
            };
            plain(base | (r.n as u32) << 5)
        }
        Mn::Ret => match ops {
            [] => plain(0xD65F_03C0),
            _ => Err("ret takes no operands here".into()),
        },
        Mn::Brk => {
            let [imm] = ops else {
                return Err("bad brk".into());
            };
            plain(0xD420_0000 | uimm(imm_of(imm).ok_or("bad brk immediate")?, 16, "brk")? << 5)
        }
        Mn::Adr => {
            let [Operand::Reg(d), t] = ops else {
                return Err("bad adr".into());
            };
            if !d.is64() || d.is_sp() {
                return Err("adr needs an x register".into());
            }
            Ok(Encoded {
                word: 0x1000_0000 | d.n as u32,
                fixup: Some((A64Fixup::Adr21, branch_target(t)?)),
            })
        }
        Mn::Mrs => {
            let [Operand::Reg(d), Operand::SysReg(r)] = ops else {
                return Err("bad mrs".into());
            };
            if !d.is64() || d.is_sp() {
                return Err("mrs needs an x register".into());
            }
            plain(0xd530_0000 | r.bits() << 5 | d.n as u32)
        }
        Mn::Adrp => {
            let [Operand::Reg(d), Operand::Sym(s)] = ops else {
                return Err("bad adrp".into());
            };
            if !d.is64() || d.is_sp() {
                return Err("adrp needs an x register".into());
            }
            let kind = match s.m {
                SymMod::Plain | SymMod::Page => A64Fixup::Page21,
                SymMod::Got | SymMod::GotPage => A64Fixup::GotPage21,
                SymMod::GotTprel => A64Fixup::TlsIePage21,
                SymMod::Lo12
                | SymMod::GotLo12
                | SymMod::GotTprelLo12
                | SymMod::PageOff
                | SymMod::GotPageOff => return Err("adrp of a low-12-bits operand".into()),
            };
            Ok(Encoded {
                word: 0x9000_0000 | d.n as u32,
                fixup: Some((kind, s.name)),
            })
        }
    }
}
