//! Assembler-safe label and symbol names.
//!
//! API (other crates code against it):
//! - [`is_asm_safe(name)`](is_asm_safe): `name` is non-empty, made only of `[A-Za-z0-9_.]`, and does
//!   not start with a digit — accepted as a label or symbol by GNU as (ELF) and Apple's assembler.
//!   (`$` is deliberately excluded: Apple's assembler treats it specially in some positions.)
//! - [`LabelMap::new()`]; [`map.name(il_name) -> &str`](LabelMap::name) gives a deterministic safe
//!   name, distinct for distinct inputs within the map, and the same name every time for one input.
//! - [`LabelMap::prepare(names)`](LabelMap::prepare) maps a whole set up front, safe names first, so
//!   every already-safe name keeps its own spelling whatever order the names come in.
//! - [`LabelMap::reserve(asm_name)`](LabelMap::reserve) keeps a name out of the map's output (e.g.
//!   register names, or symbols the emitter writes itself).
//!
//! Mapping rule: a safe name that is free maps to itself (readable assembly). Otherwise every byte
//! outside `[A-Za-z0-9_.]` becomes `_xx_` (two lower-case hex digits), a leading digit gets a `_`
//! in front, and the empty name becomes `_`; if that is taken, `.1`, `.2`, … is appended until the
//! result is free. Uniqueness therefore holds for every input, and the output depends only on the
//! sequence of calls. The map does not add platform prefixes (Darwin's `_`); the emitter does.

use std::collections::{HashMap, HashSet};

/// True if `name` can be written as a label/symbol as is (see the module documentation).
pub fn is_asm_safe(name: &str) -> bool {
    let mut bytes = name.bytes();
    match bytes.next() {
        None => false,
        Some(first) => !first.is_ascii_digit() && is_safe_byte(first) && bytes.all(is_safe_byte),
    }
}

fn is_safe_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'.'
}

/// The escaped spelling of `name`: always assembler-safe, injective over names that are not
/// already safe, and the identity on safe names — the one sanitizer of the project (symbols of
/// C functions that are not in the runtime table, and [`LabelMap`]'s escapes).
pub fn sanitize(name: &str) -> String {
    if is_asm_safe(name) {
        return name.to_string();
    }
    escape(name)
}

/// The escaped spelling of `name` (always safe; not necessarily unique).
fn escape(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 1);
    if !matches!(name.as_bytes().first(), Some(b) if !b.is_ascii_digit()) {
        out.push('_');
    }
    for b in name.bytes() {
        if is_safe_byte(b) {
            out.push(char::from(b));
        } else {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push('_');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
            out.push('_');
        }
    }
    out
}

/// A collision-free mapping from IL names to assembler-safe names. The tables are hashed (a
/// module maps thousands of names) and only ever looked up, never iterated into output, so the
/// result does not depend on their order.
#[derive(Clone, Debug, Default)]
pub struct LabelMap {
    by_il: HashMap<String, String>,
    /// Every name produced so far, plus the reserved ones.
    used: HashSet<String>,
}

impl LabelMap {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keep `asm_name` out of this map's output. Returns false (and does nothing) if the map has
    /// already produced it — reserve before mapping.
    pub fn reserve(&mut self, asm_name: &str) -> bool {
        if self.by_il.values().any(|v| v == asm_name) {
            return false;
        }
        self.used.insert(asm_name.to_string());
        true
    }

    /// Map every name in `names`: first the already-safe ones (so each keeps its own spelling unless
    /// reserved), then the rest in the given order.
    pub fn prepare<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        let names: Vec<&str> = names.into_iter().collect();
        for n in names.iter().filter(|n| is_asm_safe(n)) {
            self.name(n);
        }
        for n in names.iter().filter(|n| !is_asm_safe(n)) {
            self.name(n);
        }
    }

    /// The safe name for `il_name`, assigning one on first use.
    pub fn name(&mut self, il_name: &str) -> &str {
        if !self.by_il.contains_key(il_name) {
            let asm = self.fresh(il_name);
            self.used.insert(asm.clone());
            return self.by_il.entry(il_name.to_string()).or_insert(asm);
        }
        self.by_il.get(il_name).map_or("", String::as_str)
    }

    /// The name already assigned to `il_name`, if any.
    pub fn get(&self, il_name: &str) -> Option<&str> {
        self.by_il.get(il_name).map(String::as_str)
    }

    /// Number of IL names mapped.
    pub fn len(&self) -> usize {
        self.by_il.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_il.is_empty()
    }

    fn fresh(&self, il_name: &str) -> String {
        if is_asm_safe(il_name) && !self.used.contains(il_name) {
            return il_name.to_string();
        }
        let base = escape(il_name);
        if !self.used.contains(&base) {
            return base;
        }
        // `used` is finite, so some suffix is free; the loop ends after at most used.len()+1 tries.
        let mut n: u64 = 1;
        loop {
            let candidate = format!("{base}.{n}");
            if !self.used.contains(&candidate) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safety_predicate() {
        for ok in [
            "a",
            "_",
            "main",
            "Viper.Terminal.PrintStr",
            ".L0",
            "a1",
            "A_b.c9",
        ] {
            assert!(is_asm_safe(ok), "{ok}");
        }
        for bad in [
            "", "1a", "9", "a-b", "$x", "F$", "F#", "a b", "é", "a\0", "a:b", "a@b",
        ] {
            assert!(!is_asm_safe(bad), "{bad:?}");
        }
    }

    #[test]
    fn escape_shapes() {
        assert_eq!(escape("a-b"), "a_2d_b");
        assert_eq!(escape("F$"), "F_24_");
        assert_eq!(escape("123"), "_123");
        assert_eq!(escape(""), "_");
        assert_eq!(escape("é"), "_c3__a9_");
    }
}
