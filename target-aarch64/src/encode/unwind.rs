//! The arm64 Mach-O compact-unwind encoding of a function, computed from its call-frame
//! directives exactly as LLVM's assembler computes it (so our objects equal `llvm-mc`'s):
//! no directives → frameless with no stack; a frame record set up as `.cfi_def_cfa x29, N`
//! followed by the `x30`/`x29` saves → frame mode, with the callee-saved pairs saved next to it
//! (`x19/x20` … `x27/x28`, `d8/d9` … `d14/d15`, in register order); a stack adjustment alone →
//! frameless with its size. Anything else (`remember_state`, `restore`, a CFA in another register,
//! unpaired saves) → "see the DWARF FDE", and the object writer adds `__eh_frame`.
//!
//! Invariants: register numbers are DWARF numbers (x0–x30 = 0–30, sp = 31, d0–d31 = 64–95);
//! the result is a pure function of the directive list.

use target_common::object::cfi::CfiOp;

const MODE_FRAMELESS: u32 = 0x0200_0000;
const MODE_DWARF: u32 = 0x0300_0000;
const MODE_FRAME: u32 = 0x0400_0000;
const FP: u32 = 29;
const LR: u32 = 30;
/// DWARF number of d0.
const D0: u32 = 64;

/// (encoding, needs the DWARF FDE).
pub fn compact_unwind(ops: &[CfiOp]) -> (u32, bool) {
    match encoding(ops) {
        Some(e) => (e, false),
        None => (MODE_DWARF, true),
    }
}

/// The encoding, or `None` where only DWARF can describe the frame.
fn encoding(ops: &[CfiOp]) -> Option<u32> {
    if ops.is_empty() {
        return Some(MODE_FRAMELESS);
    }
    let mut enc = 0u32;
    let mut has_fp = false;
    let mut stack: u64 = 0;
    let mut cur: i64 = 0;
    let mut i = 0;
    while i < ops.len() {
        match ops[i] {
            CfiOp::DefCfa(reg, _) => {
                if reg != FP {
                    return None;
                }
                let (CfiOp::Offset(lr, lr_off), CfiOp::Offset(fp, fp_off)) =
                    (*ops.get(i + 1)?, *ops.get(i + 2)?)
                else {
                    return None;
                };
                if fp_off + 8 != lr_off || lr != LR || fp != FP {
                    return None;
                }
                cur = fp_off;
                enc |= MODE_FRAME;
                has_fp = true;
                i += 2;
            }
            CfiOp::DefCfaOffset(off) => {
                if stack != 0 {
                    return None;
                }
                stack = off;
            }
            CfiOp::Offset(r1, off1) => {
                if cur != 0 && off1 != cur - 8 {
                    return None;
                }
                let CfiOp::Offset(r2, off2) = *ops.get(i + 1)? else {
                    return None;
                };
                if off2 != off1 - 8 {
                    return None;
                }
                cur = off2;
                i += 1;
                enc |= pair_bit(r1, r2, enc)?;
            }
            CfiOp::Restore(_) | CfiOp::Remember | CfiOp::RestoreState => return None,
        }
        i += 1;
    }
    if !has_fp {
        // Frameless: the stack adjustment in units of 16 bytes, at most 65520 bytes.
        if stack > 65520 {
            return None;
        }
        enc |= MODE_FRAMELESS | (((stack / 16) as u32) << 12);
    }
    Some(enc)
}

/// The bit of a callee-saved pair, given the bits already set (pairs must come in register
/// order: a pair is refused once a later one is recorded).
fn pair_bit(r1: u32, r2: u32, enc: u32) -> Option<u32> {
    // (first register, bit, bits that must still be clear)
    const PAIRS: [(u32, u32, u32); 9] = [
        (19, 0x001, 0xF1E),
        (21, 0x002, 0xF1C),
        (23, 0x004, 0xF18),
        (25, 0x008, 0xF10),
        (27, 0x010, 0xF00),
        (D0 + 8, 0x100, 0xE00),
        (D0 + 10, 0x200, 0xC00),
        (D0 + 12, 0x400, 0x800),
        (D0 + 14, 0x800, 0x000),
    ];
    PAIRS
        .iter()
        .find(|&&(first, _, clear)| r1 == first && r2 == first + 1 && enc & clear == 0)
        .map(|&(_, bit, _)| bit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use CfiOp::*;

    #[test]
    fn encodings() {
        // (directives, encoding, needs DWARF)
        let cases: &[(&[CfiOp], u32, bool)] = &[
            (&[], 0x0200_0000, false),
            (&[DefCfaOffset(32)], 0x0200_2000, false),
            (&[DefCfaOffset(65536)], 0x0300_0000, true),
            (
                &[DefCfa(29, 16), Offset(30, -8), Offset(29, -16)],
                0x0400_0000,
                false,
            ),
            (
                &[
                    DefCfa(29, 32),
                    Offset(30, -8),
                    Offset(29, -16),
                    Offset(19, -24),
                    Offset(20, -32),
                ],
                0x0400_0001,
                false,
            ),
            (
                &[
                    DefCfa(29, 32),
                    Offset(30, -8),
                    Offset(29, -16),
                    Offset(20, -24),
                    Offset(19, -32),
                ],
                0x0300_0000,
                true,
            ),
            (
                &[
                    DefCfa(29, 48),
                    Offset(30, -8),
                    Offset(29, -16),
                    Offset(19, -24),
                    Offset(20, -32),
                    Offset(72, -40),
                    Offset(73, -48),
                ],
                0x0400_0101,
                false,
            ),
            // A pair after a later one is out of order.
            (
                &[
                    DefCfa(29, 48),
                    Offset(30, -8),
                    Offset(29, -16),
                    Offset(21, -24),
                    Offset(22, -32),
                    Offset(19, -40),
                    Offset(20, -48),
                ],
                0x0300_0000,
                true,
            ),
            // Our prologue: the CFA offset first, then the frame record, then x29 as the CFA.
            (
                &[
                    DefCfaOffset(16),
                    Offset(30, -8),
                    Offset(29, -16),
                    DefCfa(29, 16),
                ],
                0x0300_0000,
                true,
            ),
            (&[DefCfa(31, 0)], 0x0300_0000, true),
            (&[Remember], 0x0300_0000, true),
        ];
        for (ops, enc, dwarf) in cases {
            assert_eq!(compact_unwind(ops), (*enc, *dwarf), "{ops:?}");
        }
    }
}
