//! Per-instruction table test (filled below).
