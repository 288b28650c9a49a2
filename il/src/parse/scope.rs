//! The per-function table of `%name`s (IL-SPEC §5): each name is bound either to an instruction
//! result (visible in the same and all later blocks) or marked as a block/header parameter name
//! (visible only inside its block, which the caller tracks; a name may be a parameter of several
//! blocks but never both a parameter and a result).
//!
//! Names spelled `t<decimal>` (what front ends generate for temporaries, e.g. `%t42`) are kept in
//! a dense vector indexed by the number, so the common lookups hash nothing; every other name
//! lives in a hash map. Invariant: a name has exactly one home — `t` followed by a canonical
//! decimal (no leading zero, below [`DENSE_LIMIT`]) goes to the vector, everything else (`t007`,
//! `x`, …) to the map — so the two never alias.

use super::cursor::FxMap;
use crate::ValueId;

/// Largest temporary number kept in the dense vector (exclusive).
const DENSE_LIMIT: usize = 1 << 22;
const EMPTY: u32 = u32::MAX;
const PARAM: u32 = u32::MAX - 1;

/// What a `%name` is bound to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Binding {
    Result(ValueId),
    Param,
}

#[derive(Default)]
pub(crate) struct Scope<'a> {
    dense: Vec<u32>,
    map: FxMap<&'a str, u32>,
}

/// The dense index of `t<decimal>`, if the name has that canonical form.
#[inline]
fn dense_key(name: &str) -> Option<usize> {
    let b = name.as_bytes();
    let digits = b.strip_prefix(b"t")?;
    if digits.is_empty() || digits.len() > 7 || (digits[0] == b'0' && digits.len() > 1) {
        return None;
    }
    let mut n = 0usize;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        n = n * 10 + (d - b'0') as usize;
    }
    (n < DENSE_LIMIT).then_some(n)
}

fn decode(raw: u32) -> Option<Binding> {
    match raw {
        EMPTY => None,
        PARAM => Some(Binding::Param),
        v => Some(Binding::Result(ValueId(v))),
    }
}

impl<'a> Scope<'a> {
    /// Size for about `n` names.
    pub fn reserve(&mut self, n: usize) {
        self.dense.reserve(n + 1);
        self.map.reserve(n / 8);
    }

    pub fn get(&self, name: &str) -> Option<Binding> {
        let raw = match dense_key(name) {
            Some(k) => self.dense.get(k).copied().unwrap_or(EMPTY),
            None => self.map.get(name).copied().unwrap_or(EMPTY),
        };
        decode(raw)
    }

    /// The slot of `name`, created empty if absent.
    fn slot(&mut self, name: &'a str) -> &mut u32 {
        match dense_key(name) {
            Some(k) => {
                if k >= self.dense.len() {
                    let len = (k + 1).max(self.dense.len() * 2);
                    self.dense.resize(len, EMPTY);
                }
                &mut self.dense[k]
            }
            None => self.map.entry(name).or_insert(EMPTY),
        }
    }

    /// Bind `name` to the result `v`; false (and no change) when the name is already bound.
    pub fn define_result(&mut self, name: &'a str, v: ValueId) -> bool {
        let s = self.slot(name);
        if *s != EMPTY {
            return false;
        }
        *s = v.0;
        true
    }

    /// Mark `name` as a parameter name; false (and no change) when it is already a result.
    pub fn define_param(&mut self, name: &'a str) -> bool {
        let s = self.slot(name);
        if *s != EMPTY && *s != PARAM {
            return false;
        }
        *s = PARAM;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_and_hashed_names_never_alias() {
        assert_eq!(dense_key("t0"), Some(0));
        assert_eq!(dense_key("t42"), Some(42));
        for n in [
            "t",
            "t00",
            "t042",
            "tx",
            "t4x",
            "x4",
            "t99999999",
            "T1",
            "t-1",
        ] {
            assert_eq!(dense_key(n), None, "{n}");
        }
        let mut s = Scope::default();
        assert!(s.define_result("t42", ValueId(7)));
        assert!(s.define_result("t042", ValueId(8)));
        assert!(!s.define_result("t42", ValueId(9)));
        assert!(s.define_param("x"));
        assert!(s.define_param("x"));
        assert!(!s.define_param("t42"));
        assert!(!s.define_result("x", ValueId(1)));
        assert_eq!(s.get("t42"), Some(Binding::Result(ValueId(7))));
        assert_eq!(s.get("t042"), Some(Binding::Result(ValueId(8))));
        assert_eq!(s.get("x"), Some(Binding::Param));
        assert_eq!(s.get("t1"), None);
        assert_eq!(s.get("t4000000"), None);
        assert!(s.define_param("t3"));
        assert_eq!(s.get("t3"), Some(Binding::Param));
    }
}
