//! Front half of every command: read the IL file, parse, verify, and render failures as located
//! diagnostics (`file:line:col: error: message`, the source line, a caret).
//!
//! A [`Failure`] carries text that is ready to print on stderr; the command then exits with 1.

use crate::source::{Bytes, Source};
use codegen_api::CodegenError;
use il::{Diagnostic, Span};
use std::fmt;
use std::path::Path;

/// A failed command: the message to print (already rendered, ends with a newline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure(pub String);

impl Failure {
    /// A failure with no source position: `error: message`.
    pub fn msg(message: impl fmt::Display) -> Failure {
        Failure(format!("error: {message}\n"))
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A parsed and verified module with the text it came from.
#[derive(Debug)]
pub struct Loaded {
    /// The file name as given (used in diagnostics).
    pub file: String,
    pub source: Source,
    pub module: il::Module,
}

impl Drop for Loaded {
    fn drop(&mut self) {
        std::mem::take(&mut self.module).drop_in_parallel();
    }
}

impl Loaded {
    /// Render a code-generation error, located when it carries an IL span.
    pub fn codegen_failure(&self, err: &CodegenError) -> Failure {
        match err.span() {
            Some(span) if span.line > 0 => {
                Failure(Diagnostic::error(span, err.to_string()).render(&self.file, &self.source))
            }
            _ => Failure(format!("{}: error: {err}\n", self.file)),
        }
    }
}

/// Largest IL file read (bytes); the biggest corpus program is well under 1 MiB.
pub const MAX_INPUT_BYTES: u64 = 256 << 20;

/// Read `path`, which must be a regular file of at most [`MAX_INPUT_BYTES`]: a device, FIFO or
/// directory is refused before it is opened (reading `/dev/zero` would never end, opening a FIFO
/// blocks), and a file that grows past the limit while being read is refused too.
pub fn read_input(path: &Path) -> Result<Bytes, Failure> {
    use std::io::Read as _;
    let file = path.display().to_string();
    let fail = |what: String| Failure(format!("{file}: error: {what}\n"));
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    if !meta.is_file() {
        let kind = if meta.is_dir() {
            "a directory"
        } else {
            "not a regular file"
        };
        return Err(fail(format!("cannot read: {kind} (expected an IL file)")));
    }
    let too_big = || {
        fail(format!(
            "cannot read: larger than {} MiB, the limit for an IL file",
            MAX_INPUT_BYTES >> 20
        ))
    };
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_big());
    }
    let f = std::fs::File::open(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    if let Some(b) = Bytes::map(&f, meta.len()) {
        if b.len() as u64 > MAX_INPUT_BYTES {
            return Err(too_big());
        }
        return Ok(b);
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_big());
    }
    Ok(Bytes::Read(bytes))
}

/// Read, parse and verify `path`.
pub fn load_module(path: &Path) -> Result<Loaded, Failure> {
    let file = path.display().to_string();
    let bytes = read_input(path)?;
    let source = match Source::new(bytes) {
        Ok(s) => s,
        Err((bytes, offset)) => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let before = &bytes[..offset];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map(|i| i + 1)
                .unwrap_or(0);
            let col = String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count()
                + 1;
            let span = Span {
                line: line as u32,
                col: col as u32,
            };
            return Err(Failure(
                Diagnostic::error(span, "file is not valid UTF-8").render(&file, &text),
            ));
        }
    };
    let input = crate::memory::for_source(&source);
    // Parsed and verified where the input is read (a huge input: on a thread of its own, whose
    // freed memory the compilation workers then take over; see `memory`).
    let read = input
        .read(|| {
            il::parse(&source, &file).map(|m| {
                let verified = il::verify(&m);
                (m, verified)
            })
        })
        .map_err(|e| Failure::msg(format!("{file}: cannot start a thread to read the IL: {e}")))?;
    let module = match read {
        Ok((m, Ok(()))) => m,
        Ok((_, Err(diags))) => {
            return Err(render_diags(
                &file,
                &source,
                diags,
                "the IL failed verification",
            ))
        }
        Err(diags) => {
            return Err(render_diags(
                &file,
                &source,
                diags,
                "the IL could not be parsed",
            ))
        }
    };
    Ok(Loaded {
        file,
        source,
        module,
    })
}

fn render_diags(file: &str, source: &str, mut diags: il::Diagnostics, fallback: &str) -> Failure {
    diags.sort();
    let text = diags.render(file, source);
    if text.is_empty() {
        Failure(format!("{file}: error: {fallback}\n"))
    } else {
        Failure(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_input_is_located() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.il");
        std::fs::write(&p, b"il 0.2.0\nfunc @m\xff() -> i64 {\n").unwrap();
        let err = load_module(&p).unwrap_err().0;
        let first = err.lines().next().unwrap();
        assert!(
            first.ends_with("bad.il:2:8: error: file is not valid UTF-8"),
            "{err}"
        );
        assert_eq!(err.lines().nth(2), Some("       ^"), "{err}");
    }

    /// A file large enough to be mapped is read and located the same way, good or bad.
    #[test]
    fn large_inputs_are_mapped_and_located() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.il");
        let mut text = String::from("il 0.2.0\n");
        let k = crate::source::MAP_AT as usize / 30 + 1;
        for i in 0..k {
            text.push_str(&format!("func @f{i}() -> i64 {{\nentry:\n  ret {i}\n}}\n"));
        }
        std::fs::write(&p, &text).unwrap();
        let m = load_module(&p).unwrap();
        assert!(m.source.is_mapped());
        assert_eq!((m.module.functions.len(), &*m.source), (k, text.as_str()));
        let mut bad = text.into_bytes();
        bad.extend_from_slice(b"func @m\xff() -> i64 {\n");
        std::fs::write(&p, &bad).unwrap();
        let err = load_module(&p).unwrap_err().0;
        let line = 4 * k + 2;
        assert!(
            err.lines()
                .next()
                .unwrap()
                .ends_with(&format!("big.il:{line}:8: error: file is not valid UTF-8")),
            "{err}"
        );
    }

    #[test]
    fn devices_and_directories_are_refused_at_once() {
        for p in ["/dev/zero", "/"] {
            let err = load_module(Path::new(p)).unwrap_err().0;
            assert!(
                err.starts_with(&format!("{p}: error: cannot read: ")),
                "{err}"
            );
        }
    }

    #[test]
    fn missing_file_is_an_error() {
        let err = load_module(Path::new("/nonexistent/x.il")).unwrap_err().0;
        assert!(
            err.starts_with("/nonexistent/x.il: error: cannot read"),
            "{err}"
        );
    }
}
