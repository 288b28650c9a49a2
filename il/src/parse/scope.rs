//! The per-function table of `%name`s (IL-SPEC §5): each name is bound either to an instruction
//! result (visible in the same and all later blocks) or to a parameter of the block that declared
//! it last (visible only inside that block). A name may be a parameter of several blocks but never
//! both a parameter and a result. Blocks are read in textual order, so "the block that declared it
//! last" is the current block exactly when the name is one of the current block's parameters:
//! one lookup answers both "is it a result" and "is it a parameter of this block" (no separate
//! per-block table).
//!
//! Names spelled as one lowercase letter and a decimal (what front ends and generators make for
//! temporaries: `%t42`, `%v7`, `%w7`) are kept in one dense vector per letter indexed by the
//! number, so the common lookups hash nothing; every other name lives in a hash map. Invariant: a
//! name has exactly one home — a letter followed by a canonical decimal (no leading zero, below
//! [`DENSE_LIMIT`]) goes to its letter's vector, everything else (`t007`, `x`, `T1`, …) to the
//! map — so the two never alias. A vector grows to its largest number, so the limit bounds the
//! memory of a few huge numbers (8 MiB per letter).
//!
//! A scope is reused from function to function on one worker ([`Scope::reset`]): the vectors and
//! the map keep their storage, so a module of many small functions allocates its tables once per
//! worker. Resetting costs at most a constant times the size of the next function (a map far
//! larger than that is freed rather than cleared).

use super::cursor::FxMap;
use crate::ValueId;

/// Largest number kept in a dense vector (exclusive).
const DENSE_LIMIT: usize = 1 << 20;
/// An unbound slot.
const EMPTY: u64 = u64::MAX;
/// The high word of a result's slot (block numbers stay below it).
const RESULT: u32 = u32::MAX - 1;
/// The block number of the function header's parameters: equal to no block, so a header
/// parameter that no block declares is "used outside its block".
pub(crate) const HEADER: u32 = u32::MAX - 2;

/// What a `%name` is bound to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Binding {
    Result(ValueId),
    /// A parameter of block `block` (its index in the function, or [`HEADER`]), bound to `value`.
    Param {
        block: u32,
        value: ValueId,
    },
}

/// Why [`Scope::define_param`] refused a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ParamClash {
    /// The name is already a parameter of the same block.
    SameBlock,
    /// The name is an instruction result.
    Result,
}

#[derive(Default)]
pub(crate) struct Scope<'a> {
    /// Per lowercase letter: the binding of the letter followed by each number.
    dense: [Vec<u64>; 26],
    map: FxMap<&'a str, u64>,
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

#[inline]
fn decode(raw: u64) -> Option<Binding> {
    if raw == EMPTY {
        return None;
    }
    let (hi, lo) = ((raw >> 32) as u32, ValueId(raw as u32));
    Some(if hi == RESULT {
        Binding::Result(lo)
    } else {
        Binding::Param {
            block: hi,
            value: lo,
        }
    })
}

#[inline]
fn encode(hi: u32, v: ValueId) -> u64 {
    (u64::from(hi) << 32) | u64::from(v.0)
}

impl<'a> Scope<'a> {
    /// Forget every name, keeping the storage, and make room for about `n` names in the map
    /// (see the module documentation). Clearing a vector costs nothing; clearing the map touches
    /// its buckets, hence [`crate::hash::clear_for`].
    pub fn reset(&mut self, n: usize) {
        for d in &mut self.dense {
            d.clear();
        }
        crate::hash::clear_for(&mut self.map, n);
    }

    #[inline]
    pub fn get(&self, name: &str) -> Option<Binding> {
        let raw = match dense_key(name) {
            Some((l, k)) => self.dense[l].get(k).copied().unwrap_or(EMPTY),
            None => self.map.get(name).copied().unwrap_or(EMPTY),
        };
        decode(raw)
    }

    /// The slot of `name`, created empty if absent.
    #[inline]
    fn slot(&mut self, name: &'a str) -> &mut u64 {
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
        *s = encode(RESULT, v);
        true
    }

    /// Bind `name` to `v`, a parameter of `block` (which is the current block, or [`HEADER`]);
    /// refused (and no change) when it is a result or already a parameter of `block`.
    pub fn define_param(
        &mut self,
        name: &'a str,
        block: u32,
        v: ValueId,
    ) -> Result<(), ParamClash> {
        let s = self.slot(name);
        match decode(*s) {
            Some(Binding::Result(_)) => Err(ParamClash::Result),
            Some(Binding::Param { block: b, .. }) if b == block => Err(ParamClash::SameBlock),
            Some(Binding::Param { .. }) | None => {
                *s = encode(block, v);
                Ok(())
            }
        }
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
        let p = |block, v| Binding::Param {
            block,
            value: ValueId(v),
        };
        let mut s = Scope::default();
        assert!(s.define_result("t42", ValueId(7)));
        assert!(s.define_result("t042", ValueId(8)));
        assert!(!s.define_result("t42", ValueId(9)));
        assert_eq!(s.define_param("x", 0, ValueId(1)), Ok(()));
        assert_eq!(s.define_param("x", 1, ValueId(2)), Ok(()));
        assert_eq!(
            s.define_param("t42", 1, ValueId(3)),
            Err(ParamClash::Result)
        );
        assert!(!s.define_result("x", ValueId(1)));
        assert_eq!(s.get("t42"), Some(Binding::Result(ValueId(7))));
        assert_eq!(s.get("t042"), Some(Binding::Result(ValueId(8))));
        assert_eq!(s.get("x"), Some(p(1, 2)));
        assert_eq!(s.get("t1"), None);
        assert_eq!(s.get("t4000000"), None);
        assert_eq!(s.define_param("t3", 1, ValueId(4)), Ok(()));
        assert_eq!(s.get("t3"), Some(p(1, 4)));
        // Other letters have their own vectors: `v5` and `w5` are different names.
        assert!(s.define_result("v5", ValueId(3)));
        assert_eq!(s.define_param("w5", 2, ValueId(5)), Ok(()));
        assert_eq!(s.define_param("v5", 2, ValueId(6)), Err(ParamClash::Result));
        assert_eq!(s.get("v5"), Some(Binding::Result(ValueId(3))));
        assert_eq!(s.get("w5"), Some(p(2, 5)));
        assert_eq!(s.get("u5"), None);
        assert!(s.define_result("x4", ValueId(4)));
        assert_eq!(s.get("x4"), Some(Binding::Result(ValueId(4))));
    }

    /// A name declared twice by one block clashes, in either home; a later block may declare it
    /// again (and a header parameter's block is no block).
    #[test]
    fn parameters_belong_to_the_block_that_declared_them_last() {
        let mut s = Scope::default();
        for name in ["t9", "sum"] {
            assert_eq!(s.define_param(name, HEADER, ValueId(0)), Ok(()));
            assert_eq!(s.define_param(name, 0, ValueId(1)), Ok(()));
            assert_eq!(
                s.define_param(name, 0, ValueId(2)),
                Err(ParamClash::SameBlock)
            );
            assert_eq!(s.define_param(name, 3, ValueId(3)), Ok(()));
            assert_eq!(
                s.get(name),
                Some(Binding::Param {
                    block: 3,
                    value: ValueId(3)
                })
            );
        }
    }

    /// After a reset nothing is bound, in either home.
    #[test]
    fn reset_forgets_names() {
        let mut s = Scope::default();
        assert!(s.define_result("t900000", ValueId(1)));
        assert!(s.define_result("name", ValueId(2)));
        s.reset(10);
        assert_eq!(s.get("t900000"), None);
        assert_eq!(s.get("name"), None);
        assert!(s.define_result("t5", ValueId(3)));
        assert!(s.define_result("name", ValueId(4)));
        s.reset(10);
        assert_eq!(s.get("t5"), None);
        assert!(s.define_result("name", ValueId(5)));
        assert_eq!(s.get("name"), Some(Binding::Result(ValueId(5))));
    }
}
