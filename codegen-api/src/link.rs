//! link (being written).
