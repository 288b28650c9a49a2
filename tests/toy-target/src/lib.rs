//! toy-target (being written).
