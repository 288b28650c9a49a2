//! Immediate encodings: add/sub imm12, logical (bitmask) immediates, `fmov` immediates, and the
//! shortest `movz`/`movn`/`movk`/`orr` sequence for any 64-bit constant.

/// `add`/`sub` immediate: 12 bits, optionally shifted left by 12.
pub fn is_add_imm(v: u64) -> bool {
    v < 4096 || (v & 0xfff == 0 && v < (4096 << 12))
}

fn contiguous_ones(x: u64) -> bool {
    x != 0 && (x.wrapping_add(x & x.wrapping_neg()) & x) == 0
}

/// True if `v` is encodable as a 64-bit logical immediate.
pub fn is_logical_imm64(v: u64) -> bool {
    if v == 0 || v == u64::MAX {
        return false;
    }
    let mut size = 64u32;
    // Find the smallest repeating element.
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
    // A rotated run of ones: either the run itself or its complement is contiguous.
    contiguous_ones(elem) || contiguous_ones(!elem & mask)
}

/// True if `bits` (an f64) is encodable as an `fmov` immediate; returns its decimal text.
pub fn fmov_imm(bits: u64) -> Option<String> {
    if bits & ((1u64 << 48) - 1) != 0 {
        return None;
    }
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1023;
    if !(-3..=4).contains(&exp) {
        return None;
    }
    let v = f64::from_bits(bits);
    Some(format!("{v:?}"))
}

/// One instruction of a constant's materialisation (see [`mov_imm_steps`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MovStep {
    /// `movz reg, #imm, lsl #shift`
    Movz { imm: u64, shift: u32 },
    /// `movn reg, #imm, lsl #shift`
    Movn { imm: u64, shift: u32 },
    /// `movk reg, #imm, lsl #shift`
    Movk { imm: u64, shift: u32 },
    /// `orr reg, xzr, #v` (a logical immediate)
    Orr(u64),
}

/// Pass each instruction materialising `v` into a 64-bit register to `emit`: the shortest
/// `movz`/`movn`/`movk`/`orr` sequence.
pub fn mov_imm_steps(v: u64, mut emit: impl FnMut(MovStep)) {
    let halves: [u64; 4] = [v & 0xffff, (v >> 16) & 0xffff, (v >> 32) & 0xffff, v >> 48];
    let nz = halves.iter().filter(|&&h| h != 0).count();
    let nf = halves.iter().filter(|&&h| h != 0xffff).count();
    let shift = |i: usize| 16 * i as u32;
    if nz <= 1 {
        let i = halves.iter().position(|&h| h != 0).unwrap_or(0);
        return emit(MovStep::Movz {
            imm: halves[i],
            shift: shift(i),
        });
    }
    if nf <= 1 {
        let i = halves.iter().position(|&h| h != 0xffff).unwrap_or(0);
        return emit(MovStep::Movn {
            imm: !halves[i] & 0xffff,
            shift: shift(i),
        });
    }
    if is_logical_imm64(v) {
        return emit(MovStep::Orr(v));
    }
    // Start from all ones when fewer halves differ from 0xffff than from 0.
    let ones = nf < nz;
    let fill = if ones { 0xffff } else { 0 };
    let first = halves.iter().position(|&h| h != fill).unwrap_or(0);
    emit(if ones {
        MovStep::Movn {
            imm: !halves[first] & 0xffff,
            shift: shift(first),
        }
    } else {
        MovStep::Movz {
            imm: halves[first],
            shift: shift(first),
        }
    });
    for (i, &h) in halves.iter().enumerate() {
        if i != first && h != fill {
            emit(MovStep::Movk {
                imm: h,
                shift: shift(i),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn logical_immediates() {
        assert!(is_logical_imm64(1));
        assert!(is_logical_imm64(0xff));
        assert!(is_logical_imm64(0x5555_5555_5555_5555));
        assert!(is_logical_imm64(0x8000_0000_0000_0000));
        assert!(is_logical_imm64(!0xf));
        assert!(!is_logical_imm64(0));
        assert!(!is_logical_imm64(u64::MAX));
        assert!(!is_logical_imm64(0x1234));
        assert!(is_logical_imm64(0xf000_0000_0000_000f));
    }
    #[test]
    fn fmov_immediates() {
        assert_eq!(fmov_imm(1.0f64.to_bits()).as_deref(), Some("1.0"));
        assert_eq!(fmov_imm((-0.25f64).to_bits()).as_deref(), Some("-0.25"));
        assert_eq!(fmov_imm(0.0f64.to_bits()), None);
        assert_eq!(fmov_imm(0.1f64.to_bits()), None);
    }
    #[test]
    fn mov_sequences() {
        let steps = |v| {
            let mut out = Vec::new();
            mov_imm_steps(v, |s| out.push(s));
            out
        };
        assert_eq!(steps(0), [MovStep::Movz { imm: 0, shift: 0 }]);
        assert_eq!(steps(u64::MAX), [MovStep::Movn { imm: 0, shift: 0 }]);
        assert_eq!(steps(0x1_0000), [MovStep::Movz { imm: 1, shift: 16 }]);
        assert_eq!(
            steps(0x5555_5555_5555_5555),
            [MovStep::Orr(0x5555_5555_5555_5555)]
        );
        assert_eq!(steps(0x1234_5678_9abc_def0).len(), 4);
        assert_eq!(
            steps(0xffff_1234_ffff_5678),
            [
                MovStep::Movn {
                    imm: !0x5678 & 0xffff,
                    shift: 0
                },
                MovStep::Movk {
                    imm: 0x1234,
                    shift: 32
                }
            ]
        );
    }
}
