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

/// Instructions materialising `v` into the 64-bit register `reg` (e.g. `x16`), as strings.
pub fn mov_imm_seq(reg: &str, v: u64) -> Vec<String> {
    let mut out = Vec::new();
    mov_imm_each(reg, v, |a| out.push(a.to_string()));
    out
}

/// Pass each instruction materialising `v` into `reg` to `emit` (the shortest
/// `movz`/`movn`/`movk`/`orr` sequence), without allocating.
pub fn mov_imm_each(reg: &str, v: u64, mut emit: impl FnMut(std::fmt::Arguments<'_>)) {
    let halves: [u64; 4] = [v & 0xffff, (v >> 16) & 0xffff, (v >> 32) & 0xffff, v >> 48];
    let nz = halves.iter().filter(|&&h| h != 0).count();
    let nf = halves.iter().filter(|&&h| h != 0xffff).count();
    if nz <= 1 {
        let i = halves.iter().position(|&h| h != 0).unwrap_or(0);
        return emit(format_args!("movz {reg}, #{}, lsl #{}", halves[i], 16 * i));
    }
    if nf <= 1 {
        let i = halves.iter().position(|&h| h != 0xffff).unwrap_or(0);
        return emit(format_args!(
            "movn {reg}, #{}, lsl #{}",
            !halves[i] & 0xffff,
            16 * i
        ));
    }
    if is_logical_imm64(v) {
        return emit(format_args!("orr {reg}, xzr, #{v:#x}"));
    }
    if nf < nz {
        let first = halves.iter().position(|&h| h != 0xffff).unwrap_or(0);
        emit(format_args!(
            "movn {reg}, #{}, lsl #{}",
            !halves[first] & 0xffff,
            16 * first
        ));
        for (i, &h) in halves.iter().enumerate() {
            if i != first && h != 0xffff {
                emit(format_args!("movk {reg}, #{h}, lsl #{}", 16 * i));
            }
        }
    } else {
        let first = halves.iter().position(|&h| h != 0).unwrap_or(0);
        emit(format_args!(
            "movz {reg}, #{}, lsl #{}",
            halves[first],
            16 * first
        ));
        for (i, &h) in halves.iter().enumerate() {
            if i != first && h != 0 {
                emit(format_args!("movk {reg}, #{h}, lsl #{}", 16 * i));
            }
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
        assert_eq!(mov_imm_seq("x0", 0), vec!["movz x0, #0, lsl #0"]);
        assert_eq!(mov_imm_seq("x0", u64::MAX), vec!["movn x0, #0, lsl #0"]);
        assert_eq!(mov_imm_seq("x0", 0x1_0000).len(), 1);
        assert_eq!(mov_imm_seq("x0", 0x1234_5678_9abc_def0).len(), 4);
    }
}
