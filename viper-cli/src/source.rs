//! The text of an IL file as the driver holds it: read into memory, or — for a large file —
//! mapped from it.
//!
//! Reading copies the file into fresh pages that the kernel first clears: for a 2.3 MB module
//! about 0.6 ms before parsing can start, on one thread. Mapping hands the page cache's pages to
//! the process instead (no clearing, no copy); the parser's first parallel pass then takes the
//! few page faults that map them, on every worker. Small files are read (a map costs a couple of
//! system calls and a page per file).
//!
//! Invariants: a [`Source`] is valid UTF-8 when made ([`Source::new`] checks it). A mapped file
//! that another process rewrites or truncates while it is compiled is not guarded against: its
//! bytes may change under the compiler, or a read past a truncated end may stop the process —
//! what clang, which maps its large inputs the same way, does too (docs/decisions.md).

use std::ops::Deref;

/// Files at least this large are mapped rather than read.
pub const MAP_AT: u64 = 256 << 10;

/// The bytes of a file, as read or as mapped.
pub enum Bytes {
    Read(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Read(v) => v,
            Bytes::Mapped(m) => m,
        }
    }
}

impl Bytes {
    /// The bytes of `file` (`len` long when it was opened), mapped when at least [`MAP_AT`]
    /// long and the system maps it; `None` = read them (the caller does, with its limits).
    pub fn map(file: &std::fs::File, len: u64) -> Option<Bytes> {
        if len < MAP_AT {
            return None;
        }
        // SAFETY: the map is read-only; the file changing while it is mapped is the documented
        // exception of the module header (it cannot make the map dangle; it can change the
        // bytes, whose UTF-8 `Source::new` checked, or end the process with SIGBUS past a
        // truncated end).
        let m = unsafe { memmap2::Mmap::map(file) }.ok()?;
        Some(Bytes::Mapped(m))
    }
}

/// The UTF-8 text of an IL file (dereferences to `str`).
pub struct Source(Repr);

enum Repr {
    Text(String),
    Mapped(memmap2::Mmap),
}

impl Source {
    /// The text in `bytes`, or the bytes back with the offset of their first byte that is not
    /// part of a UTF-8 character.
    pub fn new(bytes: Bytes) -> Result<Source, (Bytes, usize)> {
        match bytes {
            Bytes::Read(v) => match String::from_utf8(v) {
                Ok(s) => Ok(Source(Repr::Text(s))),
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    Err((Bytes::Read(e.into_bytes()), at))
                }
            },
            Bytes::Mapped(m) => match check_utf8(&m) {
                Ok(()) => Ok(Source(Repr::Mapped(m))),
                Err(at) => Err((Bytes::Mapped(m), at)),
            },
        }
    }

    /// Whether the text is mapped from its file.
    pub fn is_mapped(&self) -> bool {
        matches!(self.0, Repr::Mapped(_))
    }
}

/// Check that `b` is UTF-8, or give the offset of its first byte that is not part of a
/// character. A large text is checked in parallel, in chunks cut just before a byte that starts
/// a character (or after three continuation bytes, which no valid text has in a row): the whole
/// is UTF-8 exactly when every chunk is, since no chunk then starts inside a character. The
/// first pass over a mapped file also takes its page faults, on every worker.
fn check_utf8(b: &[u8]) -> Result<(), usize> {
    use rayon::prelude::*;
    const CHUNK: usize = 1 << 18;
    let whole = |b: &[u8]| {
        std::str::from_utf8(b)
            .map(|_| ())
            .map_err(|e| e.valid_up_to())
    };
    if b.len() < 3 * CHUNK {
        return whole(b);
    }
    let mut cuts = vec![0];
    let mut at = CHUNK;
    while at < b.len() {
        let mut k = 0;
        while k < 3 && b.get(at).is_some_and(|&c| c & 0xc0 == 0x80) {
            at += 1;
            k += 1;
        }
        cuts.push(at);
        at += CHUNK;
    }
    cuts.push(b.len());
    let all_valid = cuts
        .par_windows(2)
        .all(|w| w[0] >= w[1] || std::str::from_utf8(&b[w[0]..w[1]]).is_ok());
    if all_valid {
        Ok(())
    } else {
        // Where, exactly: from the start (errors are rare; this is the one-thread check).
        whole(b)
    }
}

impl Deref for Source {
    type Target = str;
    fn deref(&self) -> &str {
        match &self.0 {
            Repr::Text(s) => s,
            // SAFETY: checked to be UTF-8 by `Source::new` (see the module header for a file
            // rewritten while it is mapped).
            Repr::Mapped(m) => unsafe { std::str::from_utf8_unchecked(m) },
        }
    }
}

impl Default for Source {
    fn default() -> Source {
        Source(Repr::Text(String::new()))
    }
}

impl From<String> for Source {
    fn from(s: String) -> Source {
        Source(Repr::Text(s))
    }
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("len", &self.len())
            .field("mapped", &self.is_mapped())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    fn file_with(bytes: &[u8]) -> (tempfile::NamedTempFile, std::fs::File) {
        let mut t = tempfile::NamedTempFile::new().unwrap();
        t.write_all(bytes).unwrap();
        t.flush().unwrap();
        let f = std::fs::File::open(t.path()).unwrap();
        (t, f)
    }

    /// A large file is mapped and gives its text; a small one is left to be read.
    #[test]
    fn large_files_are_mapped() {
        let text = "il 0.2\n".repeat(MAP_AT as usize / 7 + 1);
        let (_t, f) = file_with(text.as_bytes());
        let b = Bytes::map(&f, text.len() as u64).expect("mapped");
        assert!(matches!(b, Bytes::Mapped(_)));
        let s = Source::new(b).ok().unwrap();
        assert!(s.is_mapped());
        assert_eq!(&*s, text);
        let (_t, f) = file_with(b"il 0.2\n");
        assert!(Bytes::map(&f, 7).is_none());
    }

    /// Checked in chunks, a large text is judged as one pass judges it, wherever a character
    /// or a bad byte lies relative to the chunk boundaries.
    #[test]
    fn chunked_utf8_check_equals_one_pass() {
        let chunk = 1 << 18;
        let base = "é€😀a".repeat(4 * chunk / 10);
        for shift in 0..6 {
            let mut b = "a".repeat(shift).into_bytes();
            b.extend_from_slice(base.as_bytes());
            assert_eq!(check_utf8(&b), Ok(()), "shift {shift}");
            for bad_at in [chunk - 1, chunk, chunk + 1, 2 * chunk + 2, b.len() - 1] {
                for bad in [0xff, 0x80, 0xc3] {
                    let mut c = b.clone();
                    c[bad_at] = bad;
                    let one = std::str::from_utf8(&c)
                        .map(|_| ())
                        .map_err(|e| e.valid_up_to());
                    assert_eq!(
                        check_utf8(&c),
                        one,
                        "shift {shift} byte {bad:#x} at {bad_at}"
                    );
                }
            }
        }
        // Four continuation bytes in a row at a boundary.
        let mut c = "a".repeat(3 * chunk + 10).into_bytes();
        c[chunk - 1..chunk + 3].fill(0x80);
        assert_eq!(check_utf8(&c), Err(chunk - 1));
    }

    /// Bytes that are not UTF-8 are refused with the offset of the first bad byte, mapped or
    /// read.
    #[test]
    fn non_utf8_is_refused_at_its_offset() {
        let mut bad = "x".repeat(MAP_AT as usize).into_bytes();
        bad[1000] = 0xff;
        let (_t, f) = file_with(&bad);
        let (b, at) = Source::new(Bytes::map(&f, bad.len() as u64).unwrap())
            .err()
            .unwrap();
        assert_eq!((at, b.len()), (1000, bad.len()));
        let (b, at) = Source::new(Bytes::Read(vec![b'a', 0xc3])).err().unwrap();
        assert_eq!((at, &*b), (1, &[b'a', 0xc3][..]));
    }
}
