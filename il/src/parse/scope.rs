//! The per-function table of `%name`s (IL-SPEC §5): each name is bound either to an instruction
//! result (visible in the same and all later blocks) or marked as a block/header parameter name
//! (visible only inside its block, which the caller tracks; a name may be a parameter of several
//! blocks but never both a parameter and a result).
//!
//! Names spelled as one lowercase letter and a decimal (what front ends and generators make for
//! temporaries: `%t42`, `%v7`, `%w7`) are kept in one dense vector per letter indexed by the
//! number, so the common lookups hash nothing; every other name lives in a hash map. Invariant: a
//! name has exactly one home — a letter followed by a canonical decimal (no leading zero, below
//! [`DENSE_LIMIT`]) goes to its letter's vector, everything else (`t007`, `x`, `T1`, …) to the
//! map — so the two never alias. A vector grows to its largest number, so the limit bounds the
//! memory of a few huge numbers (4 MiB per letter).

use super::cursor::FxMap;
use crate::ValueId;

/// Largest number kept in a dense vector (exclusive).
const DENSE_LIMIT: usize = 1 << 20;
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
    /// Per lowercase letter: the binding of the letter followed by each number.
    dense: [Vec<u32>; 26],
    map: FxMap<&'a str, u32>,
}

/// The dense home (letter index, number) of `<lowercase letter><decimal>`, if the name has that
/// canonical form.
#[inline]
fn dense_key(name: &str) -> Option<(usize, usize)> {
    let (&letter, digits) = name.as_bytes().split_first()?;
    if !letter.is_ascii_lowercase()
        || digits.is_empty()
        || digits.len() > 7
        || (digits[0] == b'0' && digits.len() > 1)
    {
        return None;
    }
    let mut n = 0usize;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        n = n * 10 + (d - b'0') as usize;
    }
    (n < DENSE_LIMIT).then_some(((letter - b'a') as usize, n))
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
        self.map.reserve(n / 8);
    }

    pub fn get(&self, name: &str) -> Option<Binding> {
        let raw = match dense_key(name) {
            Some((l, k)) => self.dense[l].get(k).copied().unwrap_or(EMPTY),
            None => self.map.get(name).copied().unwrap_or(EMPTY),
        };
        decode(raw)
    }

    /// The slot of `name`, created empty if absent.
    fn slot(&mut self, name: &'a str) -> &mut u32 {
        match dense_key(name) {
            Some((l, k)) => {
                let d = &mut self.dense[l];
                if k >= d.len() {
                    let len = (k + 1).max(d.len() * 2).min(DENSE_LIMIT);
                    d.resize(len, EMPTY);
                }
                &mut d[k]
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
        assert_eq!(dense_key("t0"), Some((19, 0)));
        assert_eq!(dense_key("t42"), Some((19, 42)));
        assert_eq!(dense_key("a7"), Some((0, 7)));
        assert_eq!(dense_key("z1048575"), Some((25, 1_048_575)));
        for n in [
            "z1048576",
            "w",
            "é1",
            "t",
            "t00",
            "t042",
            "tx",
            "t4x",
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
        // Other letters have their own vectors: `v5` and `w5` are different names.
        assert!(s.define_result("v5", ValueId(3)));
        assert!(s.define_param("w5"));
        assert!(!s.define_param("v5"));
        assert_eq!(s.get("v5"), Some(Binding::Result(ValueId(3))));
        assert_eq!(s.get("w5"), Some(Binding::Param));
        assert_eq!(s.get("u5"), None);
        assert!(s.define_result("x4", ValueId(4)));
        assert_eq!(s.get("x4"), Some(Binding::Result(ValueId(4))));
    }
}
