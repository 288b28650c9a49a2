//! Parallel-copy resolution: turn simultaneous moves into an equivalent sequence.
//!
//! API: [`sequentialize(&[Move<L>], scratch: L) -> Vec<Move<L>>`](sequentialize) and the checked
//! [`try_sequentialize`]. A parallel copy reads every source before it writes any destination; a
//! location may be the source of several moves (fan-out) and may be both a source and a destination
//! (chains, cycles). The result performs the moves one after another with the same final contents in
//! every destination, leaves every location that is neither a destination nor `scratch` untouched,
//! drops self-moves (`x ← x`) and exact duplicates, and breaks each cycle through `scratch` with exactly
//! one extra move — the minimum. Call it once per register class (each class has its own scratch).
//!
//! Preconditions (checked by [`try_sequentialize`]): each destination is written by at most one move
//! (the same move repeated is allowed), and `scratch` is neither a source nor a destination of any move
//! that is not a self-move. The output is deterministic: it depends only on the input order and the
//! `Ord` of `L`, never on hashing.

use std::collections::BTreeMap;
use std::fmt::Debug;

/// One move `dst ← src`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Move<L> {
    pub dst: L,
    pub src: L,
}

impl<L> Move<L> {
    pub fn new(dst: L, src: L) -> Self {
        Move { dst, src }
    }
}

/// A violated precondition of [`try_sequentialize`] (a bug in the caller).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParallelCopyError<L> {
    /// `dst` is written by two moves with different sources.
    DuplicateDestination { dst: L, first: L, second: L },
    /// The scratch location is used by a move.
    ScratchInUse { scratch: L },
}

impl<L> ParallelCopyError<L> {
    /// What went wrong, without the locations (for callers whose `L` is not `Debug`).
    pub fn describe(&self) -> &'static str {
        match self {
            ParallelCopyError::DuplicateDestination { .. } => "a destination is written twice",
            ParallelCopyError::ScratchInUse { .. } => "the scratch location is used by a move",
        }
    }
}

impl<L: Debug> std::fmt::Display for ParallelCopyError<L> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParallelCopyError::DuplicateDestination { dst, first, second } => write!(
                f,
                "parallel copy writes {dst:?} twice (from {first:?} and from {second:?})"
            ),
            ParallelCopyError::ScratchInUse { scratch } => {
                write!(f, "parallel copy uses its scratch location {scratch:?}")
            }
        }
    }
}

impl<L: Debug> std::error::Error for ParallelCopyError<L> {}

impl<L: Debug> From<ParallelCopyError<L>> for crate::CodegenError {
    fn from(e: ParallelCopyError<L>) -> Self {
        crate::CodegenError::Internal(e.to_string())
    }
}

/// Sequentialize a parallel copy, breaking cycles through `scratch`.
///
/// # Panics
/// If the preconditions in the module documentation are violated (a compiler bug); use
/// [`try_sequentialize`] to get an error instead.
pub fn sequentialize<L: Copy + Eq + Ord + std::hash::Hash>(
    moves: &[Move<L>],
    scratch: L,
) -> Vec<Move<L>> {
    match try_sequentialize(moves, scratch) {
        Ok(seq) => seq,
        Err(e) => panic!("sequentialize: precondition violated: {}", e.describe()),
    }
}

/// Sequentialize a parallel copy, or report which precondition it violates.
pub fn try_sequentialize<L: Copy + Eq + Ord + std::hash::Hash>(
    moves: &[Move<L>],
    scratch: L,
) -> Result<Vec<Move<L>>, ParallelCopyError<L>> {
    // pending: destination → the location its value must come from (updated when a cycle is broken).
    let mut pending: BTreeMap<L, L> = BTreeMap::new();
    // Destinations in first-appearance order, so the output follows the input order where it can.
    let mut order: Vec<L> = Vec::new();
    for m in moves {
        match pending.get(&m.dst) {
            Some(&src) if src != m.src => {
                return Err(ParallelCopyError::DuplicateDestination {
                    dst: m.dst,
                    first: src,
                    second: m.src,
                })
            }
            Some(_) => {}
            None => {
                if m.dst != m.src && (m.dst == scratch || m.src == scratch) {
                    return Err(ParallelCopyError::ScratchInUse { scratch });
                }
                pending.insert(m.dst, m.src);
                order.push(m.dst);
            }
        }
    }
    // Self-moves are checked above (a self-move and a real move to the same place conflict) and
    // dropped here.
    pending.retain(|d, s| d != s);
    order.retain(|d| pending.contains_key(d));
    // readers[l] = number of pending moves that still read location l.
    let mut readers: BTreeMap<L, usize> = BTreeMap::new();
    for &src in pending.values() {
        *readers.entry(src).or_insert(0) += 1;
    }
    let free = |readers: &BTreeMap<L, usize>, l: &L| readers.get(l).copied().unwrap_or(0) == 0;
    // Ready: destinations no pending move reads, so they can be overwritten now. Used as a stack;
    // seeded in reverse so the first ready destination of the input is emitted first.
    let mut ready: Vec<L> = order
        .iter()
        .rev()
        .copied()
        .filter(|d| free(&readers, d))
        .collect();
    let mut out = Vec::with_capacity(pending.len() + 1);
    loop {
        while let Some(dst) = ready.pop() {
            let Some(src) = pending.remove(&dst) else {
                continue;
            };
            out.push(Move { dst, src });
            if let Some(n) = readers.get_mut(&src) {
                *n -= 1;
                if *n == 0 && pending.contains_key(&src) {
                    ready.push(src);
                }
            }
        }
        // Whatever is left forms disjoint simple cycles (every pending destination is read by a
        // pending move, and each location has at most one incoming move). Break one: save the value
        // of one member in `scratch`, redirect its readers there, and the cycle unwinds as a chain.
        let Some(&victim) = order.iter().find(|d| pending.contains_key(d)) else {
            break;
        };
        out.push(Move {
            dst: scratch,
            src: victim,
        });
        let mut redirected = 0;
        for src in pending.values_mut().filter(|s| **s == victim) {
            *src = scratch;
            redirected += 1;
        }
        readers.insert(victim, 0);
        readers.insert(scratch, redirected);
        ready.push(victim);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mv(dst: u8, src: u8) -> Move<u8> {
        Move { dst, src }
    }

    #[test]
    fn swap_uses_scratch_once() {
        let seq = sequentialize(&[mv(1, 2), mv(2, 1)], 9);
        assert_eq!(seq, vec![mv(9, 1), mv(1, 2), mv(2, 9)]);
    }

    #[test]
    fn chain_is_ordered_without_scratch() {
        // 3 ← 2, 2 ← 1: must write 3 first.
        let seq = sequentialize(&[mv(2, 1), mv(3, 2)], 9);
        assert_eq!(seq, vec![mv(3, 2), mv(2, 1)]);
    }

    #[test]
    fn self_moves_and_duplicates_dropped() {
        assert_eq!(
            sequentialize(&[mv(1, 1), mv(2, 3), mv(2, 3)], 9),
            vec![mv(2, 3)]
        );
        assert!(sequentialize::<u8>(&[], 9).is_empty());
        // A self-move on the scratch location is harmless.
        assert!(sequentialize(&[mv(9, 9)], 9).is_empty());
    }

    #[test]
    fn precondition_errors() {
        assert!(matches!(
            try_sequentialize(&[mv(1, 1), mv(1, 3)], 9),
            Err(ParallelCopyError::DuplicateDestination { .. })
        ));
        assert_eq!(
            try_sequentialize(&[mv(1, 2), mv(1, 3)], 9),
            Err(ParallelCopyError::DuplicateDestination {
                dst: 1,
                first: 2,
                second: 3
            })
        );
        assert_eq!(
            try_sequentialize(&[mv(1, 9)], 9),
            Err(ParallelCopyError::ScratchInUse { scratch: 9 })
        );
        assert_eq!(
            try_sequentialize(&[mv(9, 1)], 9),
            Err(ParallelCopyError::ScratchInUse { scratch: 9 })
        );
        let e: crate::CodegenError = ParallelCopyError::ScratchInUse { scratch: 9u8 }.into();
        assert!(e.to_string().contains("scratch"), "{e}");
    }

    #[test]
    #[should_panic(expected = "precondition")]
    fn sequentialize_panics_on_bad_input() {
        sequentialize(&[mv(1, 2), mv(1, 3)], 9);
    }
}
