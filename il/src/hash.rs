//! The workspace's one fast hasher for short keys (names, labels, symbols): FxHash-style
//! multiply/rotate over 8-byte words, then a final avalanche.
//!
//! Invariants: deterministic (no random seed), so it may key any map; but maps keyed through it
//! are only looked up, never iterated into output. `finish` mixes every input bit into the low
//! bits, which hash tables use to pick a bucket: without the avalanche, keys that differ only in
//! the high bytes of their last 8-byte word (`%v0000100000`, `.Lf3_b0000100001`, …) land in one
//! bucket and every lookup becomes linear (test below).

/// The hasher (see the module documentation).
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

const K: u64 = 0x517c_c1b7_2722_0a95;

impl std::hash::Hasher for Fx {
    #[inline]
    fn finish(&self) -> u64 {
        // MurmurHash3's fmix64.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The tail (1–7 bytes) as one word, read with at most two loads that together cover
            // every byte (overlapping when the tail is short), tagged with its length so that
            // different tails of one length never give the same word.
            let n = rest.len();
            let word = if n >= 4 {
                let lo = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
                let hi = u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]);
                u64::from(lo) | (u64::from(hi) << 32)
            } else {
                u64::from(rest[0]) | (u64::from(rest[n / 2]) << 8) | (u64::from(rest[n - 1]) << 16)
            } ^ ((n as u64) << 59);
            h = (h.rotate_left(5) ^ word).wrapping_mul(K);
        }
        self.0 = h;
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(K);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(K);
    }
}

pub type FxBuild = std::hash::BuildHasherDefault<Fx>;
pub type FxMap<K, V> = std::collections::HashMap<K, V, FxBuild>;
pub type FxSet<K> = std::collections::HashSet<K, FxBuild>;

/// Empty `map` for reuse with about `n` entries: its storage is kept, unless it is far larger
/// than `n` (then it is freed), so that clearing (which touches every bucket) costs at most a
/// constant times `n` even after one huge use.
pub(crate) fn clear_for<K: std::hash::Hash + Eq, V>(map: &mut FxMap<K, V>, n: usize) {
    if map.capacity() > 4 * n.max(64) {
        *map = FxMap::default();
    } else {
        map.clear();
    }
    map.reserve(n);
}

#[cfg(test)]
mod tests {
    use super::{clear_for, Fx, FxMap};
    use std::hash::Hasher;

    #[test]
    fn clear_for_keeps_modest_storage_and_frees_huge_storage() {
        let mut m: FxMap<u32, u32> = FxMap::default();
        m.extend((0..100).map(|i| (i, i)));
        let cap = m.capacity();
        clear_for(&mut m, 100);
        assert!(m.is_empty());
        assert_eq!(m.capacity(), cap);
        m.extend((0..100_000).map(|i| (i, i)));
        clear_for(&mut m, 10);
        assert!(m.is_empty());
        assert!(m.capacity() < 1000, "{}", m.capacity());
    }

    fn buckets(names: impl Iterator<Item = String>) -> usize {
        let mut b = std::collections::HashSet::new();
        for n in names {
            let mut h = Fx::default();
            h.write(n.as_bytes());
            b.insert(h.finish() & 0xffff);
        }
        b.len()
    }

    /// Keys that differ in any one byte of the tail hash differently (every tail byte is read).
    #[test]
    fn every_tail_byte_counts() {
        let h = |b: &[u8]| {
            let mut x = Fx::default();
            x.write(b);
            x.finish()
        };
        for len in 1..=23usize {
            let base: Vec<u8> = (0..len as u8).map(|i| b'a' + i).collect();
            let mut seen = std::collections::HashSet::new();
            assert!(seen.insert(h(&base)));
            for i in 0..len {
                let mut k = base.clone();
                k[i] = b'Z';
                assert!(seen.insert(h(&k)), "length {len}, byte {i}");
            }
        }
    }

    /// 65,536 names into 65,536 buckets: a good hash fills most of them (~63 %), whether the
    /// varying characters end a full word or a partial one.
    #[test]
    fn names_differing_at_the_end_spread_over_the_low_bits() {
        let full = buckets((0..65_536u32).map(|n| format!(".Lf3_b{n:010}")));
        let tail = buckets((100_000..165_536u32).map(|n| format!("v{n}")));
        assert!(
            full > 30_000,
            "16-byte labels: only {full} distinct buckets"
        );
        assert!(tail > 30_000, "7-byte names: only {tail} distinct buckets");
    }
}
