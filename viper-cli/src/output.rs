//! Atomic output files: content is written to a temporary file in the destination's directory and
//! renamed over the destination only when complete, so a failed command never leaves a partial or
//! stale-looking output behind. `-` means standard output.

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
    builder
        .tempfile_in(&dir)
        .map_err(|e| Failure::msg(format!("cannot create a file in {}: {e}", dir.display())))
}

/// Move a finished temporary file over `dest`.
pub fn commit(tmp: tempfile::NamedTempFile, dest: &Path) -> Result<(), Failure> {
    tmp.persist(dest)
        .map(|_| ())
        .map_err(|e| Failure::msg(format!("cannot write {}: {}", dest.display(), e.error)))
}

/// A finished output waiting in a temporary file beside its destination.
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    dest: PathBuf,
}

impl Staged {
    /// Stage `bytes` for `dest`.
    pub fn bytes(dest: &Path, bytes: &[u8]) -> Result<Staged, Failure> {
        let mut tmp = temp_beside(dest)?;
        tmp.write_all(bytes)
            .and_then(|_| tmp.flush())
            .map_err(|e| Failure::msg(format!("cannot write {}: {e}", dest.display())))?;
        Ok(Staged {
            tmp,
            dest: dest.to_path_buf(),
        })
    }

    /// Stage a copy of the finished file `built` (permissions kept) for `dest`.
    pub fn copy_of(built: &Path, dest: &Path) -> Result<Staged, Failure> {
        let tmp = temp_beside(dest)?;
        std::fs::copy(built, tmp.path())
            .map_err(|e| Failure::msg(format!("cannot write {}: {e}", dest.display())))?;
        Ok(Staged {
            tmp,
            dest: dest.to_path_buf(),
        })
    }

    /// Move into place.
    pub fn commit(self) -> Result<(), Failure> {
        commit(self.tmp, &self.dest)
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
