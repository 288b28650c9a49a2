//! A deduplicating pool of read-only byte strings with deterministic numbering.
//!
//! Invariant: equal byte strings get the same index; indices are assigned in first-use order, so
//! output built from the pool is deterministic for a deterministic sequence of insertions.

use il::hash::FxMap;

#[derive(Clone, Debug, Default)]
pub struct StringPool {
    /// Lookup only (never iterated, so output does not depend on hash order).
    map: FxMap<Vec<u8>, usize>,
    entries: Vec<Vec<u8>>,
}

impl StringPool {
    pub fn new() -> Self {
        Self::default()
    }
    /// Index of `bytes`, inserting it if new.
    pub fn intern(&mut self, bytes: &[u8]) -> usize {
        if let Some(&i) = self.map.get(bytes) {
            return i;
        }
        let i = self.entries.len();
        self.entries.push(bytes.to_vec());
        self.map.insert(bytes.to_vec(), i);
        i
    }
    /// Index of `bytes` if present.
    pub fn get(&self, bytes: &[u8]) -> Option<usize> {
        self.map.get(bytes).copied()
    }
    /// Entries in index order.
    pub fn entries(&self) -> &[Vec<u8>] {
        &self.entries
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn dedups_in_first_use_order() {
        let mut p = StringPool::new();
        assert_eq!(p.intern(b"b"), 0);
        assert_eq!(p.intern(b"a"), 1);
        assert_eq!(p.intern(b"b"), 0);
        assert_eq!(p.entries(), &[b"b".to_vec(), b"a".to_vec()]);
    }
}
