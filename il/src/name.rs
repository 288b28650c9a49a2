//! [`Name`]: an immutable string for value names and block labels that stores short names
//! (up to 22 bytes, the common case: `t12`, `entry`, `loop_body3`) inline, without a heap
//! allocation; longer names are boxed.
//!
//! Invariant: the inline bytes are always valid UTF-8 (they are copied from a `&str`), so
//! [`Name::as_str`] never fails. Behaves like `str` for comparison, hashing, ordering and
//! formatting.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

const INLINE: usize = 22;

#[derive(Clone)]
enum Repr {
    Inline { len: u8, buf: [u8; INLINE] },
    Heap(Box<str>),
}

/// A short-string-optimised immutable name (derefs to `str`).
#[derive(Clone)]
pub struct Name(Repr);

impl Name {
    #[inline]
    pub fn new(s: &str) -> Name {
        let b = s.as_bytes();
        let n = b.len();
        if n > INLINE {
            return Name(Repr::Heap(s.into()));
        }
        // Two fixed-size copies that overlap cover any length of a class: each is a load and
        // a store, where a copy of `n` bytes is a call (names are made for every value).
        let mut buf = [0u8; INLINE];
        match n {
            0 => {}
            1..=3 => {
                buf[0] = b[0];
                buf[n / 2] = b[n / 2];
                buf[n - 1] = b[n - 1];
            }
            4..=7 => {
                buf[..4].copy_from_slice(&b[..4]);
                buf[n - 4..n].copy_from_slice(&b[n - 4..]);
            }
            8..=15 => {
                buf[..8].copy_from_slice(&b[..8]);
                buf[n - 8..n].copy_from_slice(&b[n - 8..]);
            }
            _ => {
                buf[..16].copy_from_slice(&b[..16]);
                buf[n - 16..n].copy_from_slice(&b[n - 16..]);
            }
        }
        Name(Repr::Inline { len: n as u8, buf })
    }
    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, buf } => {
                let b = buf.get(..*len as usize).unwrap_or(&[]);
                // SAFETY: the inline bytes were copied whole from a `&str` by `Name::new`, the
                // only place that makes them (the module invariant), so they are UTF-8.
                unsafe { std::str::from_utf8_unchecked(b) }
            }
            Repr::Heap(b) => b,
        }
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}
impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}
impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}
impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name::new(s)
    }
}
impl From<String> for Name {
    fn from(s: String) -> Name {
        Name::new(&s)
    }
}
impl From<Box<str>> for Name {
    fn from(s: Box<str>) -> Name {
        if s.len() <= INLINE {
            Name::new(&s)
        } else {
            Name(Repr::Heap(s))
        }
    }
}
impl Default for Name {
    fn default() -> Name {
        Name::new("")
    }
}
impl PartialEq for Name {
    fn eq(&self, o: &Name) -> bool {
        self.as_str() == o.as_str()
    }
}
impl Eq for Name {}
impl PartialEq<str> for Name {
    fn eq(&self, o: &str) -> bool {
        self.as_str() == o
    }
}
impl PartialEq<&str> for Name {
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}
impl PartialEq<String> for Name {
    fn eq(&self, o: &String) -> bool {
        self.as_str() == o.as_str()
    }
}
impl PartialOrd for Name {
    fn partial_cmp(&self, o: &Name) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Name {
    fn cmp(&self, o: &Name) -> std::cmp::Ordering {
        self.as_str().cmp(o.as_str())
    }
}
impl Hash for Name {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}
impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}
impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every length up to the inline limit and past it keeps its bytes, multi-byte characters
    /// included.
    #[test]
    fn every_length_round_trips() {
        let text = "aé€😀bcdefghijklmnopqrstuvwxyz0123456789";
        for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
            let s = &text[..end];
            let n = Name::new(s);
            assert_eq!(n.as_str(), s);
            assert_eq!(matches!(n.0, Repr::Inline { .. }), s.len() <= INLINE, "{s}");
        }
    }

    #[test]
    fn inline_and_heap_behave_like_str() {
        for s in [
            "",
            "t1",
            "exactly_twenty_two_by",
            "a_name_longer_than_twenty_two",
            "é∂ƒ",
        ] {
            let n = Name::from(s);
            assert_eq!(&*n, s);
            assert_eq!(n, s);
            assert_eq!(n.to_string(), s);
            assert_eq!(format!("{n:?}"), format!("{s:?}"));
            assert_eq!(Name::from(s.to_string()), n);
            assert_eq!(Name::from(Box::<str>::from(s)), n);
        }
        let (a, b) = (Name::from("a"), Name::from("b"));
        assert_eq!(a.cmp(&b), std::cmp::Ordering::Less);
        assert_eq!(std::mem::size_of::<Name>(), 24);
    }
}
