//! labels (being written).
