//! Where a text's lines and function bodies lie (IL-SPEC §3): the first step of [`super::parse`].
//!
//! A text is not split into lines as a whole. [`outline`] finds the lines that can start or end a
//! function body — a trimmed line starting with `func` or `}` — with SIMD searches in parallel
//! chunks (counting the newlines before each, for its line number), then walks them in order:
//! a body starts at a line whose first word is `func` and ends after its first `}` line or just
//! before the next `func ` / `func@` line ([`ends_body`]), or at the end of the text. Only the
//! lines outside bodies, and each body's header line, are split and kept ([`Outline::top`]);
//! a body's other lines are split by the worker that parses it ([`split`], into a buffer it
//! reuses), while they are in its cache. A module of 100k lines so keeps ~9k lines, not 100k
//! (16 bytes each, in fresh pages), and no pass over all lines is serial. The chunk pass also
//! reads every body's header ([`Outline::headers`], left where the chunk's worker put them):
//! the headers are read once, in parallel and in cache.
//!
//! Invariants: lines are split on `\n` and trimmed of ASCII whitespace at both ends (so `\r` of
//! CRLF goes); blank lines and whole-line comments (`#`, `//`) are dropped; a line's number is
//! its physical line number (1-based) and its `base` the bytes trimmed before it. The lines of
//! the top list and of all bodies, merged, are exactly the lines a whole-text split gives, and
//! every body is the one a reader walking those lines finds (tests below). Offsets fit in `u32`
//! (the caller refuses longer texts).

use super::body::{func_header, FuncHeader};
use rayon::prelude::*;

/// One trimmed source line: where its text lies in the source (byte offset and length), its
/// file line number and the column its text starts at (the whitespace trimmed before it).
/// 16 bytes (a `&str` here made a table as large as the text).
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    pub start: u32,
    pub len: u32,
    pub no: u32,
    pub base: u32,
}

/// Lines of a text (a selection of them, in file order), with the text they lie in.
pub(crate) struct Lines<'a> {
    pub src: &'a str,
    pub v: Vec<Line>,
}

impl<'a> Lines<'a> {
    pub fn len(&self) -> usize {
        self.v.len()
    }
    /// Where line `i`'s text lies in the source.
    fn range(&self, i: usize) -> std::ops::Range<usize> {
        let l = self.v[i];
        l.start as usize..(l.start + l.len) as usize
    }
    /// The trimmed text of line `i` (never empty).
    pub fn text(&self, i: usize) -> &'a str {
        // Line boundaries lie next to ASCII whitespace or '\n' (see `split`).
        self.src.get(self.range(i)).unwrap_or("")
    }
    /// The bytes of line `i`'s text (as [`Lines::text`], without its `str` checks: the body
    /// parsers classify every line by its bytes before they read it).
    pub fn bytes(&self, i: usize) -> &'a [u8] {
        self.src.as_bytes().get(self.range(i)).unwrap_or(&[])
    }
    /// The file line number of line `i`.
    pub fn no(&self, i: usize) -> u32 {
        self.v[i].no
    }
    /// The byte offset of line `i`'s text within its physical line.
    pub fn base(&self, i: usize) -> u32 {
        self.v[i].base
    }
    /// A cursor at the start of line `i`.
    pub fn cur(&self, i: usize) -> super::Cur<'a> {
        super::Cur::new(self.text(i), self.no(i), self.base(i))
    }
}

/// A function body: its header line's index in [`Outline::top`] and the bytes it spans (from
/// the start of the header's physical line to the end of its `}` line, or to the line that
/// ends it, or the end of the text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Body {
    pub header: usize,
    pub from: u32,
    pub to: u32,
    /// Where its parsed header is in [`Outline::headers`]: chunk and index.
    pub head: (u32, u32),
}

/// The module-level lines and the bodies of a text.
pub(crate) struct Outline<'a> {
    /// Every line outside a body, and every body's header line, in file order.
    pub top: Lines<'a>,
    /// The bodies, in file order (their headers ascend in `top`).
    pub bodies: Vec<Body>,
    /// The headers read by the parallel pass, by chunk: each `func` line's, when well-formed
    /// (a body finds its own through [`Body::head`]; one whose header is malformed reads it
    /// again, for the message). They stay where their chunk's worker put them.
    pub headers: Vec<Vec<Option<FuncHeader<'a>>>>,
}

/// A trimmed line that starts with `func` or `}`: where its text and its physical line start,
/// its text's length, where the next line starts, its line number, what it can do to a body, and
/// where its header is when it starts one (the `head`-th of chunk `chunk`'s). Everything the
/// serial walk needs, found by the parallel pass.
#[derive(Clone, Copy)]
struct Mark {
    at: u32,
    phys: u32,
    len: u32,
    next: u32,
    no: u32,
    head: u32,
    chunk: u32,
    /// [`starts_body`].
    starts: bool,
    /// [`ends_body`].
    ends: bool,
}

/// Whether a trimmed line starts a function body: its first word is `func`.
pub(crate) fn starts_body(t: &[u8]) -> bool {
    t.starts_with(b"func") && t.get(4).is_none_or(|&c| c == b' ' || c == b'\t')
}

/// A trimmed line that ends a function body: its `}` or (when the `}` is missing) the next
/// header.
pub(crate) fn ends_body(t: &[u8]) -> bool {
    match t[0] {
        b'}' => true,
        b'f' => t.starts_with(b"func ") || t.starts_with(b"func@"),
        _ => false,
    }
}

/// The bytes a worker takes at a time in the parallel passes.
const CHUNK: usize = 1 << 18;

/// Chunk boundaries for `b[from..to]` (which starts a line): `from`, then just after a `\n` at
/// or beyond every [`CHUNK`] bytes (no line is cut), then `to`.
fn cuts(b: &[u8], from: usize, to: usize) -> Vec<usize> {
    let mut cuts = vec![from];
    while let Some(&last) = cuts.last() {
        let at = last + CHUNK;
        if at >= to {
            break;
        }
        match memchr::memchr(b'\n', &b[at..to]) {
            Some(k) => cuts.push(at + k + 1),
            None => break,
        }
    }
    cuts.push(to);
    cuts
}

/// Outline `src` (BOM already removed, at most `u32::MAX` bytes).
pub(crate) fn outline(src: &str) -> Outline<'_> {
    let cuts = cuts(src.as_bytes(), 0, src.len());
    let per_chunk: Vec<(Vec<Mark>, Vec<Option<FuncHeader<'_>>>, u32)> = cuts
        .par_windows(2)
        .enumerate()
        .map(|(k, w)| marks(src, k as u32, w[0], w[1]))
        .collect();
    // Each chunk's marks and headers with their line numbers in the file.
    let mut before = 0;
    let mut marks = Vec::with_capacity(per_chunk.len());
    let mut headers = Vec::with_capacity(per_chunk.len());
    for (m, mut h, newlines) in per_chunk {
        for h in h.iter_mut().flatten() {
            h.name_span.line += before;
        }
        marks.push((m, before));
        headers.push(h);
        before += newlines;
    }
    let marks = marks.iter().flat_map(|(m, before)| {
        m.iter().map(move |&m| Mark {
            no: m.no + before,
            ..m
        })
    });
    let (top, bodies) = walk(src, marks);
    Outline {
        top,
        bodies,
        headers,
    }
}

/// The marks of `src[start..end]` (a run of whole lines, the `chunk_no`-th), the header of each
/// that starts a body (when well-formed) and the number of `\n` in it; line numbers count from
/// the chunk's first line as 1.
fn marks(
    src: &str,
    chunk_no: u32,
    start: usize,
    end: usize,
) -> (Vec<Mark>, Vec<Option<FuncHeader<'_>>>, u32) {
    let b = src.as_bytes();
    let chunk = &b[start..end];
    let mut funcs = memchr::memmem::find_iter(chunk, b"func").peekable();
    let mut closes = memchr::memchr_iter(b'}', chunk).peekable();
    let mut out = Vec::new();
    let mut headers = Vec::new();
    let mut counted = 0;
    let mut newlines = 0;
    loop {
        let at = match (funcs.peek(), closes.peek()) {
            (Some(&f), Some(&c)) if f < c => funcs.next(),
            (Some(_), None) => funcs.next(),
            (_, Some(_)) => closes.next(),
            (None, None) => None,
        };
        let Some(at) = at else { break };
        // Only the first text of a line counts.
        let mut phys = at;
        while phys > 0 && chunk[phys - 1] != b'\n' && chunk[phys - 1].is_ascii_whitespace() {
            phys -= 1;
        }
        if phys > 0 && chunk[phys - 1] != b'\n' {
            continue;
        }
        newlines += memchr::memchr_iter(b'\n', &chunk[counted..at]).count() as u32;
        counted = at;
        let (text, next) = line_at(b, start + at);
        let starts = starts_body(text);
        if starts {
            // `text` lies between ASCII whitespace or '\n' bytes: on char boundaries.
            let s = src.get(start + at..start + at + text.len()).unwrap_or("");
            let mut c = super::Cur::new(s, newlines + 1, (at - phys) as u32);
            headers.push(func_header(&mut c).ok());
        }
        out.push(Mark {
            at: (start + at) as u32,
            phys: (start + phys) as u32,
            len: text.len() as u32,
            next: next as u32,
            no: newlines + 1,
            head: headers.len().wrapping_sub(1) as u32,
            chunk: chunk_no,
            starts,
            ends: ends_body(text),
        });
    }
    newlines += memchr::memchr_iter(b'\n', &chunk[counted..]).count() as u32;
    (out, headers, newlines)
}

/// The trimmed text of the line whose text starts at `at`, and where the next line starts
/// (after its `\n`, or the end of the text).
fn line_at(b: &[u8], at: usize) -> (&[u8], usize) {
    match memchr::memchr(b'\n', &b[at..]) {
        Some(k) => (b[at..at + k].trim_ascii_end(), at + k + 1),
        None => (b[at..].trim_ascii_end(), b.len()),
    }
}

/// Walk the marks in order: the lines outside bodies (and the bodies' header lines), and the
/// bodies (see the module header).
fn walk<'a>(src: &'a str, marks: impl Iterator<Item = Mark>) -> (Lines<'a>, Vec<Body>) {
    let b = src.as_bytes();
    let mut top = Vec::new();
    let mut bodies = Vec::new();
    let mut marks = marks.peekable();
    // The start of the lines not yet split, and the line number there.
    let mut gap = (0usize, 1u32);
    while let Some(m) = marks.next() {
        if !m.starts {
            // A module-level line: the split of its gap takes it.
            continue;
        }
        split(src, gap.0, m.phys as usize, gap.1, &mut top);
        let header = top.len();
        top.push(Line {
            start: m.at,
            len: m.len,
            no: m.no,
            base: m.at - m.phys,
        });
        // Its end: after its `}` line, or at the line that starts the next function.
        gap = (b.len(), 0);
        while let Some(&n) = marks.peek() {
            if !n.ends {
                // (Such a `func\t…` header is one of the body's lines.)
                marks.next();
                continue;
            }
            gap = if b[n.at as usize] == b'}' {
                marks.next();
                (n.next as usize, n.no + 1)
            } else {
                (n.phys as usize, n.no)
            };
            break;
        }
        bodies.push(Body {
            header,
            from: m.phys,
            to: gap.0 as u32,
            head: (m.chunk, m.head),
        });
    }
    split(src, gap.0, b.len(), gap.1, &mut top);
    (Lines { src, v: top }, bodies)
}

/// Append the lines of `src[from..to]` (which starts a physical line, numbered `no`, and ends
/// the text or just after a `\n` or at the start of a line) to `out`.
pub(crate) fn split(src: &str, from: usize, to: usize, no: u32, out: &mut Vec<Line>) {
    split_with(src, from, to, no, |l, _| out.push(l));
}

/// [`split`] for a long range (a huge function's body), in parallel chunks: the lines are
/// written into `out` at once at their place (a chunk's slot count is its `\n` count plus one,
/// so each knows its first line number and its slots), then closed up in place.
pub(crate) fn split_parallel(src: &str, from: usize, to: usize, no: u32, out: &mut Vec<Line>) {
    let b = src.as_bytes();
    let cuts = cuts(b, from, to);
    let newlines: Vec<usize> = cuts
        .par_windows(2)
        .map(|w| memchr::memchr_iter(b'\n', &b[w[0]..w[1]]).count())
        .collect();
    let base = out.len();
    out.resize(
        base + newlines.iter().map(|n| n + 1).sum::<usize>(),
        Line::default(),
    );
    let mut jobs = Vec::with_capacity(newlines.len());
    let mut rest = &mut out[base..];
    let mut first = no;
    for (w, &n) in cuts.windows(2).zip(&newlines) {
        let (mine, after) = rest.split_at_mut(n + 1);
        rest = after;
        jobs.push((w[0], w[1], first, mine));
        first += n as u32;
    }
    let counts: Vec<usize> = jobs
        .into_par_iter()
        .map(|(start, end, first, slots)| {
            let mut k = 0;
            split_with(src, start, end, first, |l, _| {
                // A slot per piece: never full.
                if let Some(s) = slots.get_mut(k) {
                    *s = l;
                    k += 1;
                }
            });
            k
        })
        .collect();
    // Close the gaps (the slots of blank and comment lines), in file order.
    let (mut at, mut slot) = (base, base);
    for (&n, &count) in newlines.iter().zip(&counts) {
        if at != slot {
            out.copy_within(slot..slot + count, at);
        }
        at += count;
        slot += n + 1;
    }
    out.truncate(at);
}

/// [`split`], handing each line and its text to `each`, in order.
pub(crate) fn split_with<'a>(
    src: &'a str,
    from: usize,
    to: usize,
    no: u32,
    mut each: impl FnMut(Line, &'a [u8]),
) {
    if from >= to {
        return;
    }
    let bytes = &src.as_bytes()[..to];
    let mut line_start = from;
    let ends = memchr::memchr_iter(b'\n', &bytes[from..])
        .map(|k| from + k)
        .chain(std::iter::once(to));
    for (i, stop) in ends.enumerate() {
        let raw = &bytes[line_start..stop];
        let here = line_start;
        line_start = stop + 1;
        let mut s = 0;
        let mut e = raw.len();
        while s < e && raw[s].is_ascii_whitespace() {
            s += 1;
        }
        while e > s && raw[e - 1].is_ascii_whitespace() {
            e -= 1;
        }
        if s == e || raw[s] == b'#' || (raw[s] == b'/' && raw.get(s + 1) == Some(&b'/')) {
            continue;
        }
        let line = Line {
            start: (here + s) as u32,
            len: (e - s) as u32,
            no: no + i as u32,
            base: s as u32,
        };
        each(line, &raw[s..e]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the outline must equal: the whole text split in one pass, then walked line by line
    /// (a body from a `func` line to its `}` line, or to the next `func `/`func@` line).
    fn reference(src: &str) -> (Vec<Line>, Vec<(usize, Vec<Line>)>) {
        let mut all = Vec::new();
        split(src, 0, src.len(), 1, &mut all);
        let bytes = |l: &Line| &src.as_bytes()[l.start as usize..(l.start + l.len) as usize];
        let (mut top, mut bodies) = (Vec::new(), Vec::new());
        let mut i = 0;
        while i < all.len() {
            top.push(all[i]);
            i += 1;
            if !starts_body(bytes(&all[i - 1])) {
                continue;
            }
            let mut body = vec![all[i - 1]];
            while i < all.len() && !ends_body(bytes(&all[i])) {
                body.push(all[i]);
                i += 1;
            }
            if i < all.len() && bytes(&all[i])[0] == b'}' {
                body.push(all[i]);
                i += 1;
            }
            bodies.push((top.len() - 1, body));
        }
        (top, bodies)
    }

    fn check(src: &str) {
        let o = outline(src);
        let mut bodies = Vec::new();
        for b in &o.bodies {
            let mut v = Vec::new();
            let h = o.top.v[b.header];
            split(src, b.from as usize, b.to as usize, h.no, &mut v);
            assert_eq!(v.first(), Some(&h), "a body starts at its header");
            bodies.push((b.header, v));
        }
        let (top, want) = reference(src);
        assert_eq!(o.top.v, top, "module-level lines of {src:?}");
        assert_eq!(bodies, want, "bodies of {src:?}");
    }

    /// Bodies closed and not, headers ending and not ending a body, `}` and `func` that are not
    /// the first text of their line, comments, CRLF, indentation, a last line without `\n`.
    #[test]
    fn outline_equals_a_walk_of_every_line() {
        for src in [
            "",
            "\n\n",
            "il 0.2\r\n\t  %x = iadd 1, 2 \r\n   ret\n",
            "il 0.2\nfunc @f() -> i64 {\nentry:\n  ret 0\n}\nfunc @g() -> i64 {\nentry:\n  ret 1\n}",
            "il 0.2\nfunc @f() -> i64 {\nentry:\n  ret 0\nfunc @g() -> i64 {\n}\n}\n",
            "func@x\n  func\t@y() -> i64 {\nfunc\t@z\n  } junk\r\n}\n# func @c\n// }\nfunc",
            "il 0.2\nglobal str @s = \"} func\"\nfunc @f() -> i64 { }\n  %a = call @func_x()\n  } \n",
            "  }\nfuncs\nfunc@q\nfunc\nx:\n}",
            "func @a() {\n\n\n   \n\t}\n\n\nextern @e() -> i64\n",
        ] {
            check(src);
        }
    }

    /// A text of several chunks gives what one pass gives (line numbers across chunks).
    #[test]
    fn chunked_outline_equals_one_pass() {
        let text = crate::parse::tests::many_lines();
        let s = text.strip_prefix('\u{feff}').unwrap();
        let o = outline(s);
        assert_eq!(o.bodies.len(), s.matches("func @").count());
        check(s);
        // A huge body's parallel split gives the one-pass split's lines, from any line on
        // (after lines already in the vector).
        for from in [0, s.find("func @f3()").unwrap()] {
            let no = s[..from].matches('\n').count() as u32 + 1;
            let (mut one, mut par) = (vec![Line::default()], vec![Line::default()]);
            split(s, from, s.len(), no, &mut one);
            split_parallel(s, from, s.len(), no, &mut par);
            assert!(one.len() > 30_000);
            assert_eq!(one, par);
        }
        // The columns count the indentation; texts are trimmed at both ends.
        let l = outline("il 0.2\r\n\t  %x = iadd 1, 2 \r\n   ret\n").top;
        let view: Vec<(u32, u32, &str)> = (0..l.len())
            .map(|i| (l.no(i), l.base(i), l.text(i)))
            .collect();
        assert_eq!(
            view,
            [(1, 0, "il 0.2"), (2, 3, "%x = iadd 1, 2"), (3, 3, "ret")]
        );
    }
}
