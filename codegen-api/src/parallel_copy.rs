//! Parallel-copy resolution (being written).
//!
//! Planned API: `sequentialize(&[Move<L>], scratch: L) -> Vec<Move<L>>` turns simultaneous moves
//! (all sources read before any destination is written) into an equivalent sequence, breaking
//! cycles through `scratch`. Call it once per register class.
