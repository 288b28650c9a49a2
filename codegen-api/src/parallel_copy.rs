//! parallel_copy (being written).
