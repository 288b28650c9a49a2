//! Call-frame information: the DWARF CFA programs of `.cfi_*` directives and the `.eh_frame`
//! section built from them. ELF: encoded as GNU as encodes it (one CIE with augmentation `zR` and
//! pc-relative `sdata4` FDE pointers, an FDE per `.cfi_startproc`/`.cfi_endproc`, the shortest
//! `DW_CFA_advance_loc` form, entries padded with `DW_CFA_nop` to a multiple of 4 bytes, the last
//! to 8). Mach-O (`__TEXT,__eh_frame`): as LLVM's assembler encodes it — pc-relative 8-byte
//! (`absptr`) FDE pointers and ranges, every FDE padded to end on a multiple of 8 — next to the
//! `__LD,__compact_unwind` entries, whose encoding the target computes from the same directives
//! ([`CompactUnwind`]).
//!
//! Invariants: an FDE's program only advances (locations are offsets in the section its function
//! is in, in emission order); every FDE start becomes one pc-relative relocation (written by the
//! object writer against the function's section or symbol).

use codegen_api::ObjectFormat;

/// The target's CIE: alignment factors, return-address column and initial CFA program.
#[derive(Clone, Debug)]
pub struct Cie {
    pub code_align: u8,
    pub data_align: i8,
    pub ra_column: u8,
    /// Initial instructions (e.g. `DW_CFA_def_cfa sp, 0`).
    pub initial: Vec<u8>,
}

/// One call-frame directive (register numbers are DWARF numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CfiOp {
    /// `.cfi_def_cfa reg, offset`
    DefCfa(u32, u64),
    /// `.cfi_def_cfa_offset offset`
    DefCfaOffset(u64),
    /// `.cfi_offset reg, offset` (offset from the CFA, a multiple of the data alignment)
    Offset(u32, i64),
    /// `.cfi_restore reg`
    Restore(u32),
    /// `.cfi_remember_state`
    Remember,
    /// `.cfi_restore_state`
    RestoreState,
}

/// A target's Mach-O compact-unwind encoder: the 32-bit encoding of a function from its
/// call-frame directives (in order), and whether it needs its DWARF FDE in `__eh_frame` (the
/// encoding says "see DWARF"). One module-level fact follows: `__eh_frame` is written, with an
/// FDE for every function, exactly when some function needs it (as LLVM's assembler does).
pub type CompactUnwind = fn(&[CfiOp]) -> (u32, bool);

/// A finished FDE.
#[derive(Clone, Debug)]
pub(super) struct Fde {
    pub section: usize,
    pub start: u64,
    pub end: u64,
    pub program: Vec<u8>,
    /// The directives the program encodes (for the compact-unwind encoding).
    pub ops: Vec<CfiOp>,
}

/// The FDE being built.
#[derive(Clone, Debug)]
pub(super) struct OpenFde {
    pub section: usize,
    pub start: u64,
    pub loc: u64,
    pub program: Vec<u8>,
    pub ops: Vec<CfiOp>,
}

pub(super) fn uleb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn sleb(out: &mut Vec<u8>, mut v: i64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        let done = (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0);
        out.push(if done { b } else { b | 0x80 });
        if done {
            return;
        }
    }
}

impl OpenFde {
    /// Append `op` at section offset `at`.
    pub fn push(&mut self, cie: &Cie, at: u64, op: CfiOp) -> Result<(), String> {
        if at < self.loc {
            return Err("call-frame location moves backwards".into());
        }
        let delta = (at - self.loc) / cie.code_align as u64;
        self.loc = at;
        self.ops.push(op);
        let p = &mut self.program;
        if delta > 0 {
            if delta < 64 {
                p.push(0x40 | delta as u8);
            } else if delta < 256 {
                p.extend_from_slice(&[0x02, delta as u8]);
            } else if delta < 65536 {
                p.push(0x03);
                p.extend_from_slice(&(delta as u16).to_le_bytes());
            } else {
                p.push(0x04);
                p.extend_from_slice(&(delta as u32).to_le_bytes());
            }
        }
        match op {
            CfiOp::DefCfa(r, off) => {
                p.push(0x0c);
                uleb(p, r as u64);
                uleb(p, off);
            }
            CfiOp::DefCfaOffset(off) => {
                p.push(0x0e);
                uleb(p, off);
            }
            CfiOp::Offset(r, off) => {
                let da = cie.data_align as i64;
                if off % da != 0 {
                    return Err(format!("CFA offset {off} is not a multiple of {da}"));
                }
                let f = off / da;
                match (r < 64, f >= 0) {
                    (true, true) => {
                        p.push(0x80 | r as u8);
                        uleb(p, f as u64);
                    }
                    (false, true) => {
                        p.push(0x05);
                        uleb(p, r as u64);
                        uleb(p, f as u64);
                    }
                    (_, false) => {
                        p.push(0x11);
                        uleb(p, r as u64);
                        sleb(p, f);
                    }
                }
            }
            CfiOp::Restore(r) => {
                if r < 64 {
                    p.push(0xc0 | r as u8);
                } else {
                    p.push(0x06);
                    uleb(p, r as u64);
                }
            }
            CfiOp::Remember => p.push(0x0a),
            CfiOp::RestoreState => p.push(0x0b),
        }
        Ok(())
    }
}

/// Pad `v` with `DW_CFA_nop` to a multiple of `a` bytes.
fn pad(v: &mut Vec<u8>, a: usize) {
    while !v.len().is_multiple_of(a) {
        v.push(0);
    }
}

/// The `.eh_frame` contents for `format` and, per FDE, (offset of its pc_begin field, section,
/// start).
pub(super) fn eh_frame(
    cie: &Cie,
    fdes: &[Fde],
    format: ObjectFormat,
) -> (Vec<u8>, Vec<(u64, usize, u64)>) {
    // Pointer encoding and size of the FDE address fields.
    let (encoding, ptr) = match format {
        ObjectFormat::Elf => (0x1b, 4),   // DW_EH_PE_pcrel | DW_EH_PE_sdata4
        ObjectFormat::MachO => (0x10, 8), // DW_EH_PE_pcrel | DW_EH_PE_absptr
    };
    let mut v = Vec::new();
    // CIE.
    v.extend_from_slice(&[0; 4]);
    v.extend_from_slice(&0u32.to_le_bytes());
    v.push(1);
    v.extend_from_slice(b"zR\0");
    uleb(&mut v, cie.code_align as u64);
    sleb(&mut v, cie.data_align as i64);
    v.push(cie.ra_column);
    uleb(&mut v, 1);
    v.push(encoding);
    v.extend_from_slice(&cie.initial);
    pad(&mut v, 4);
    let len = (v.len() - 4) as u32;
    v[..4].copy_from_slice(&len.to_le_bytes());
    let mut relocs = Vec::new();
    for (k, f) in fdes.iter().enumerate() {
        let at = v.len();
        v.extend_from_slice(&[0; 4]);
        let cie_ptr = (v.len()) as u32;
        v.extend_from_slice(&cie_ptr.to_le_bytes());
        relocs.push((v.len() as u64, f.section, f.start));
        v.extend_from_slice(&vec![0; ptr]);
        v.extend_from_slice(&(f.end - f.start).to_le_bytes()[..ptr]);
        uleb(&mut v, 0);
        v.extend_from_slice(&f.program);
        // GNU as aligns the last FDE's end to the address size, the others to 4 bytes; LLVM
        // aligns every FDE to the size of its pointers.
        let align = match format {
            ObjectFormat::Elf if k + 1 == fdes.len() => 8,
            ObjectFormat::Elf => 4,
            ObjectFormat::MachO => ptr,
        };
        pad(&mut v, align);
        let len = (v.len() - at - 4) as u32;
        v[at..at + 4].copy_from_slice(&len.to_le_bytes());
    }
    (v, relocs)
}
