//! Atomic output files: content is written to a temporary file in the destination's directory and
//! renamed over the destination only when complete, so a failed command never leaves a partial or
//! stale-looking output behind. `-` means standard output. A destination that exists and is not a
//! regular file (`/dev/null`, a FIFO) is written into directly, never replaced.

use crate::driver::Failure;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The directory a new file at `dest` will live in.
pub fn parent_dir(dest: &Path) -> PathBuf {
    match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether `a` and `b` are the same existing file: the same canonical path, or (on Unix) the
/// same device and inode, so hard links and symlinks are recognised too.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ca), Ok(cb)) = (std::fs::canonicalize(a), std::fs::canonicalize(b)) else {
        return false;
    };
    if ca == cb {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(ma), Ok(mb)) = (std::fs::metadata(&ca), std::fs::metadata(&cb)) {
            return ma.dev() == mb.dev() && ma.ino() == mb.ino();
        }
    }
    false
}

/// A temporary file next to `dest`, to be [`commit`]ted over it.
/// Created with mode 0666 minus the umask, like any file a compiler writes (tempfile's default
/// 0600 would otherwise survive the rename).
pub fn temp_beside(dest: &Path) -> Result<tempfile::NamedTempFile, Failure> {
    let dir = parent_dir(dest);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".viper-tmp-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // The temporary file's name is not the user's: the message names the destination (the
    // error of `tempfile` carries the temporary path).
    if !dir.is_dir() {
        return Err(Failure::msg(format!(
            "cannot write {}: there is no directory {}",
            dest.display(),
            dir.display()
        )));
    }
    builder
        .tempfile_in(&dir)
        .map_err(|e| Failure::msg(format!("cannot write {}: {}", dest.display(), e.kind())))
}

/// Move a finished temporary file over `dest`.
pub fn commit(tmp: tempfile::NamedTempFile, dest: &Path) -> Result<(), Failure> {
    tmp.persist(dest)
        .map(|_| ())
        .map_err(|e| Failure::msg(format!("cannot write {}: {}", dest.display(), e.error)))
}

/// A finished output waiting to be moved into place.
pub struct Staged {
    how: Pending,
    dest: PathBuf,
}

enum Pending {
    /// In a temporary file beside the destination, renamed over it on commit.
    Temp(tempfile::NamedTempFile),
    /// The destination exists and is not a regular file (`/dev/null`, a FIFO, a terminal): the
    /// bytes are written into it on commit; renaming over it would replace the device.
    Direct(Vec<u8>),
}

/// How output to `dest` is written: `Ok(true)` through a temporary file and a rename,
/// `Ok(false)` straight into an existing special file; directories are refused.
fn use_temp(dest: &Path) -> Result<bool, Failure> {
    match std::fs::metadata(dest) {
        Ok(m) if m.is_dir() => Err(Failure::msg(format!(
            "cannot write {}: it is a directory",
            dest.display()
        ))),
        Ok(m) => Ok(m.is_file()),
        Err(_) => Ok(true),
    }
}

impl Staged {
    /// Stage `bytes` for `dest`.
    pub fn bytes(dest: &Path, bytes: &[u8]) -> Result<Staged, Failure> {
        if !use_temp(dest)? {
            return Ok(Staged {
                how: Pending::Direct(bytes.to_vec()),
                dest: dest.to_path_buf(),
            });
        }
        let mut tmp = temp_beside(dest)?;
        tmp.write_all(bytes)
            .and_then(|_| tmp.flush())
            .map_err(|e| Failure::msg(format!("cannot write {}: {e}", dest.display())))?;
        Ok(Staged {
            how: Pending::Temp(tmp),
            dest: dest.to_path_buf(),
        })
    }

    /// Stage a copy of the finished file `built` (permissions kept) for `dest`.
    pub fn copy_of(built: &Path, dest: &Path) -> Result<Staged, Failure> {
        if !use_temp(dest)? {
            let bytes = std::fs::read(built)
                .map_err(|e| Failure::msg(format!("cannot read {}: {e}", built.display())))?;
            return Ok(Staged {
                how: Pending::Direct(bytes),
                dest: dest.to_path_buf(),
            });
        }
        let tmp = temp_beside(dest)?;
        std::fs::copy(built, tmp.path())
            .map_err(|e| Failure::msg(format!("cannot write {}: {e}", dest.display())))?;
        Ok(Staged {
            how: Pending::Temp(tmp),
            dest: dest.to_path_buf(),
        })
    }

    /// Move into place.
    pub fn commit(self) -> Result<(), Failure> {
        match self.how {
            Pending::Temp(tmp) => commit(tmp, &self.dest),
            Pending::Direct(bytes) => std::fs::OpenOptions::new()
                .write(true)
                .open(&self.dest)
                .and_then(|mut f| f.write_all(&bytes).and_then(|_| f.flush()))
                .map_err(|e| Failure::msg(format!("cannot write {}: {e}", self.dest.display()))),
        }
    }
}

/// Write `bytes` to `dest` atomically, or to stdout when `dest` is `-`.
pub fn write_output(dest: &str, bytes: &[u8]) -> Result<(), Failure> {
    if dest == "-" {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(bytes)
            .and_then(|_| out.flush())
            .map_err(|e| Failure::msg(format!("cannot write to stdout: {e}")));
    }
    Staged::bytes(Path::new(dest), bytes)?.commit()
}

/// Write what `make` writes to `dest` (`-`: stdout) without holding it whole where that is
/// safe: a regular file (or a new one) is written through a temporary file beside it and
/// renamed over it only when `make` succeeds, so a failure leaves no file and the old one
/// intact; an existing special file (`/dev/null`, a FIFO) is written into as `make` goes;
/// stdout gets the bytes only once `make` succeeded (nothing on failure). A write error is
/// reported as `cannot write DEST: …`, whatever `make` made of it.
pub fn write_with(
    dest: &str,
    make: impl FnOnce(&mut dyn Write) -> Result<(), Failure>,
) -> Result<(), Failure> {
    if dest == "-" {
        let mut bytes = Vec::new();
        make(&mut bytes)?;
        return write_stdout(&bytes);
    }
    let path = Path::new(dest);
    let fail = |e: &dyn std::fmt::Display| Failure::msg(format!("cannot write {dest}: {e}"));
    let mut tmp = None;
    let file = if use_temp(path)? {
        let t = temp_beside(path)?;
        let f = t.as_file().try_clone().map_err(|e| fail(&e))?;
        tmp = Some(t);
        f
    } else {
        std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(|e| fail(&e))?
    };
    let mut w = Recording {
        inner: std::io::BufWriter::with_capacity(1 << 16, file),
        error: None,
    };
    let made = make(&mut w).and_then(|()| w.flush().map_err(|e| fail(&e)));
    if let Some(e) = &w.error {
        return Err(fail(e));
    }
    made?;
    drop(w);
    match tmp {
        Some(t) => commit(t, path),
        None => Ok(()),
    }
}

/// A writer that remembers the first error of the one it wraps (a caller that turns the error
/// into its own message loses the file's name; [`write_with`] reports it from here).
struct Recording<W> {
    inner: W,
    error: Option<String>,
}

impl<W: Write> Recording<W> {
    fn record<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &r {
            if self.error.is_none() {
                self.error = Some(e.to_string());
            }
        }
        r
    }
}

impl<W: Write> Write for Recording<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.record(r)
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        let r = self.inner.write_all(buf);
        self.record(r)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.record(r)
    }
}

/// Write `bytes` to stdout.
pub fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    write_output("-", bytes)
}

/// Copy a finished file (built elsewhere, e.g. in a scratch directory) to `dest` atomically,
/// keeping its permissions (an executable stays executable).
pub fn install_file(built: &Path, dest: &Path) -> Result<(), Failure> {
    Staged::copy_of(built, dest)?.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.s");
        write_output(dest.to_str().unwrap(), b"hello").unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"hello");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn missing_directory_is_an_error_and_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("no/such/dir/out.s");
        assert!(write_output(dest.to_str().unwrap(), b"x").is_err());
        assert!(!dest.exists());
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_written_into_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write_output(fifo.to_str().unwrap(), b"through").unwrap();
        // Checked before joining: had the FIFO been replaced, the reader would wait forever.
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(reader.join().unwrap(), b"through");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(write_output(dir.path().to_str().unwrap(), b"x").is_err());
    }

    #[test]
    fn same_file_sees_through_other_spellings() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.il");
        std::fs::write(&a, b"x").unwrap();
        let other = dir.path().join(".").join("a.il");
        assert!(same_file(&a, &other));
        assert!(!same_file(&a, &dir.path().join("b.il")));
        #[cfg(unix)]
        {
            let link = dir.path().join("hard.il");
            std::fs::hard_link(&a, &link).unwrap();
            assert!(same_file(&a, &link));
        }
    }

    #[cfg(unix)]
    #[test]
    fn install_keeps_executable_bit() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("built");
        std::fs::write(&src, b"#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&src, std::fs::Permissions::from_mode(0o755)).unwrap();
        let dest = dir.path().join("prog");
        install_file(&src, &dest).unwrap();
        let mode = std::fs::metadata(&dest).unwrap().permissions().mode();
        assert_eq!(mode & 0o111, 0o111);
    }
}
