//! Property tests of `parallel_copy::sequentialize` against a simulator of the parallel semantics.

use codegen_api::parallel_copy::{sequentialize, try_sequentialize, Move, ParallelCopyError};
use proptest::prelude::*;
use std::collections::BTreeMap;

const SCRATCH: u8 = 200;
const LOCS: u8 = 10;

/// Random parallel copies: distinct destinations (a random subset of 0..LOCS), random sources from
/// the same small range, so cycles, chains, fan-out and self-moves are all common.
fn parallel_copies() -> impl Strategy<Value = Vec<Move<u8>>> {
    (
        proptest::sample::subsequence((0..LOCS).collect::<Vec<_>>(), 0..=LOCS as usize)
            .prop_shuffle(),
        proptest::collection::vec(0..LOCS, LOCS as usize),
    )
        .prop_map(|(dsts, srcs)| {
            dsts.into_iter()
                .zip(srcs)
                .map(|(dst, src)| Move { dst, src })
                .collect()
        })
}

/// Initial machine state: every location holds its own number; scratch holds a poison value.
fn initial() -> BTreeMap<u8, u32> {
    let mut s: BTreeMap<u8, u32> = (0..LOCS).map(|l| (l, l as u32)).collect();
    s.insert(SCRATCH, 9999);
    s
}

fn run_parallel(moves: &[Move<u8>]) -> BTreeMap<u8, u32> {
    let before = initial();
    let mut after = before.clone();
    for m in moves {
        after.insert(m.dst, before[&m.src]);
    }
    after
}

fn run_sequential(moves: &[Move<u8>]) -> BTreeMap<u8, u32> {
    let mut s = initial();
    for m in moves {
        let v = s[&m.src];
        s.insert(m.dst, v);
    }
    s
}

/// Number of cycles (length ≥ 2) in the move graph: a location is on a cycle when following
/// "the source of my move" from it comes back to it.
fn cycles(moves: &[Move<u8>]) -> usize {
    let pred: BTreeMap<u8, u8> = moves
        .iter()
        .filter(|m| m.dst != m.src)
        .map(|m| (m.dst, m.src))
        .collect();
    let mut on_cycle = Vec::new();
    for &start in pred.keys() {
        let mut cur = start;
        for _ in 0..=pred.len() {
            match pred.get(&cur) {
                Some(&p) if p == start => {
                    on_cycle.push(start);
                    break;
                }
                Some(&p) => cur = p,
                None => break,
            }
        }
    }
    // Count each cycle once: by its smallest member.
    on_cycle
        .iter()
        .filter(|&&l| {
            let mut cur = pred[&l];
            while cur != l {
                if cur < l {
                    return false;
                }
                cur = pred[&cur];
            }
            true
        })
        .count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn same_final_state_as_parallel(moves in parallel_copies()) {
        let seq = sequentialize(&moves, SCRATCH);
        let mut want = run_parallel(&moves);
        let mut got = run_sequential(&seq);
        // Scratch may hold anything afterwards; every other location must match exactly
        // (destinations get their new values, all others are untouched).
        want.remove(&SCRATCH);
        got.remove(&SCRATCH);
        prop_assert_eq!(got, want, "moves {:?} → {:?}", moves, seq);
    }

    #[test]
    fn minimal_move_count(moves in parallel_copies()) {
        let seq = sequentialize(&moves, SCRATCH);
        let real = moves.iter().filter(|m| m.dst != m.src).count();
        prop_assert_eq!(seq.len(), real + cycles(&moves), "moves {:?} → {:?}", moves, seq);
        prop_assert!(seq.iter().all(|m| m.dst != m.src));
        // Each destination is written exactly once, except the scratch.
        let mut written: Vec<u8> = seq.iter().map(|m| m.dst).filter(|&d| d != SCRATCH).collect();
        written.sort();
        let before = written.len();
        written.dedup();
        prop_assert_eq!(before, written.len());
    }

    #[test]
    fn deterministic(moves in parallel_copies()) {
        prop_assert_eq!(sequentialize(&moves, SCRATCH), sequentialize(&moves, SCRATCH));
    }

    #[test]
    fn duplicate_destination_rejected(moves in parallel_copies(), extra_src in 0..LOCS) {
        prop_assume!(!moves.is_empty());
        let first = moves[0];
        prop_assume!(first.src != extra_src);
        let mut bad = moves.clone();
        bad.push(Move { dst: first.dst, src: extra_src });
        let rejected = matches!(
            try_sequentialize(&bad, SCRATCH),
            Err(ParallelCopyError::DuplicateDestination { .. })
        );
        prop_assert!(rejected);
    }
}

#[test]
fn three_cycle_plus_fan_out() {
    // 0→1→2→0 cycle, and 0 also fans out to 5 and 6.
    let moves = [
        Move { dst: 1, src: 0 },
        Move { dst: 2, src: 1 },
        Move { dst: 0, src: 2 },
        Move { dst: 5, src: 0 },
        Move { dst: 6, src: 0 },
    ];
    let seq = sequentialize(&moves, SCRATCH);
    assert_eq!(seq.len(), 6, "{seq:?}");
    let mut want = run_parallel(&moves);
    let mut got = run_sequential(&seq);
    want.remove(&SCRATCH);
    got.remove(&SCRATCH);
    assert_eq!(got, want);
}
