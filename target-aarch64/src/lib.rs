//! target-aarch64 (being written).
