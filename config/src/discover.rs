//! Finding the `viper.toml` that applies to an input file.
//!
//! Rule: the file named by `--config` if given (it must exist); otherwise the first `viper.toml`
//! found in the input file's directory or one of its ancestors; otherwise none (defaults only).

use std::path::{Path, PathBuf};

/// The configuration file's name.
pub const CONFIG_FILE_NAME: &str = "viper.toml";

/// The `viper.toml` for `start` (an input file, or a directory to search from), if any.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(start).ok()?;
    let first = if abs.is_dir() {
        abs.as_path()
    } else {
        abs.parent()?
    };
    first
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE_NAME))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_file_in_ancestor_and_nearest_wins() {
        let root = tempfile::tempdir().unwrap();
        let deep = root.path().join("a/b/c");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(root.path().join("a/viper.toml"), "").unwrap();
        let input = deep.join("prog.il");
        std::fs::write(&input, "").unwrap();
        assert_eq!(discover(&input), Some(root.path().join("a/viper.toml")));
        std::fs::write(deep.join("viper.toml"), "").unwrap();
        assert_eq!(discover(&input), Some(deep.join("viper.toml")));
    }

    #[test]
    fn directory_named_viper_toml_is_not_a_config() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("x/viper.toml")).unwrap();
        let input = root.path().join("x/prog.il");
        let found = discover(&input);
        assert!(found.map(|p| !p.starts_with(root.path())).unwrap_or(true));
    }
}
