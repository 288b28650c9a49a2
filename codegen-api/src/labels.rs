//! Assembler-safe label and symbol names (being written).
//!
//! Planned API (other crates code against it):
//! `LabelMap::new()`; `map.name(il_name) -> &str` gives a deterministic name made only of
//! `[A-Za-z0-9_.$]` (never starting with a digit), distinct for distinct inputs within the map.
