//! The runtime-archive cache: content keys, the cache location, and atomic publication.
//!
//! Invariants: a cache entry `<root>/<key>/` is only ever created by renaming a fully built temporary
//! directory into place, so an entry that exists is complete; the key is a 128-bit FNV-1a hash over a
//! length-prefixed encoding of everything that affects the archive (sources, compiler path and identity,
//! flags, target), so distinct inputs cannot share an encoding.

use crate::CodegenError;
use std::path::{Path, PathBuf};

/// File name of the runtime archive inside a cache entry.
pub const RUNTIME_ARCHIVE: &str = "libviper_rt.a";

/// Incremental 128-bit FNV-1a over length-prefixed fields.
#[derive(Clone, Debug)]
pub struct KeyHasher(u128);

impl Default for KeyHasher {
    fn default() -> Self {
        KeyHasher(0x6c62_272e_07bb_0142_62b8_2175_6295_c58d)
    }
}

impl KeyHasher {
    fn bytes(&mut self, data: &[u8]) {
        const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
        for &b in data {
            self.0 ^= u128::from(b);
            self.0 = self.0.wrapping_mul(PRIME);
        }
    }
    /// Add one field (its length first, so field boundaries are part of the key).
    pub fn field(&mut self, data: &[u8]) -> &mut Self {
        self.bytes(&(data.len() as u64).to_le_bytes());
        self.bytes(data);
        self
    }
    /// The key as 32 lower-case hex digits.
    pub fn hex(&self) -> String {
        format!("{:032x}", self.0)
    }
}

/// The default cache root: `$VIPER_CACHE_DIR`, else `$XDG_CACHE_HOME/viper`, else `~/.cache/viper`.
pub fn default_cache_root() -> Result<PathBuf, CodegenError> {
    let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    cache_root_from(var("VIPER_CACHE_DIR"), var("XDG_CACHE_HOME"), var("HOME"))
}

/// [`default_cache_root`] with the environment passed in (testable).
pub fn cache_root_from(
    viper_cache_dir: Option<std::ffi::OsString>,
    xdg_cache_home: Option<std::ffi::OsString>,
    home: Option<std::ffi::OsString>,
) -> Result<PathBuf, CodegenError> {
    if let Some(d) = viper_cache_dir {
        return Ok(PathBuf::from(d));
    }
    if let Some(d) = xdg_cache_home {
        return Ok(PathBuf::from(d).join("viper"));
    }
    if let Some(h) = home {
        return Ok(PathBuf::from(h).join(".cache").join("viper"));
    }
    Err(CodegenError::Other(
        "no cache directory: set VIPER_CACHE_DIR (or XDG_CACHE_HOME or HOME)".into(),
    ))
}

/// Check that a runtime source file name is a plain relative path (no `..`, not absolute).
pub fn check_source_name(name: &str) -> Result<(), CodegenError> {
    let p = Path::new(name);
    let ok = !name.is_empty()
        && p.components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    if ok {
        Ok(())
    } else {
        Err(CodegenError::Other(format!(
            "invalid runtime source file name `{name}`"
        )))
    }
}

/// A fresh, unique temporary directory under `root` (created).
pub fn temp_dir_in(root: &Path, tag: &str) -> Result<PathBuf, CodegenError> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    for attempt in 0..100u32 {
        let dir = root.join(format!(
            ".tmp-{tag}-{}-{nanos}-{attempt}",
            std::process::id()
        ));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io_error("cannot create", &dir, e)),
        }
    }
    Err(CodegenError::Other(format!(
        "cannot create a temporary directory in {}",
        root.display()
    )))
}

/// Publish the built directory `tmp` as `entry`. If another process published `entry` first, its
/// (complete) entry is kept and `tmp` is removed.
pub fn publish(tmp: &Path, entry: &Path) -> Result<(), CodegenError> {
    match std::fs::rename(tmp, entry) {
        Ok(()) => Ok(()),
        Err(_) if entry.join(RUNTIME_ARCHIVE).is_file() => {
            let _ = std::fs::remove_dir_all(tmp);
            Ok(())
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(tmp);
            Err(io_error("cannot create cache entry", entry, e))
        }
    }
}

pub fn io_error(what: &str, path: &Path, e: std::io::Error) -> CodegenError {
    CodegenError::Other(format!("{what} {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_depends_on_field_boundaries_and_content() {
        let k = |fields: &[&str]| {
            let mut h = KeyHasher::default();
            for f in fields {
                h.field(f.as_bytes());
            }
            h.hex()
        };
        assert_ne!(k(&["ab", "c"]), k(&["a", "bc"]));
        assert_ne!(k(&["a"]), k(&["b"]));
        assert_eq!(k(&["x", "y"]), k(&["x", "y"]));
        assert_eq!(k(&[]).len(), 32);
    }

    #[test]
    fn cache_root_precedence() {
        let s = |v: &str| Some(std::ffi::OsString::from(v));
        assert_eq!(
            cache_root_from(s("/v"), s("/x"), s("/h")).unwrap(),
            PathBuf::from("/v")
        );
        assert_eq!(
            cache_root_from(None, s("/x"), s("/h")).unwrap(),
            PathBuf::from("/x/viper")
        );
        assert_eq!(
            cache_root_from(None, None, s("/h")).unwrap(),
            PathBuf::from("/h/.cache/viper")
        );
        assert!(cache_root_from(None, None, None).is_err());
    }

    #[test]
    fn source_names() {
        assert!(check_source_name("rt_str.c").is_ok());
        assert!(check_source_name("sub/rt.h").is_ok());
        for bad in ["", "../x.c", "/etc/x.c", "a/../../b.c", "."] {
            assert!(check_source_name(bad).is_err(), "{bad}");
        }
    }
}
