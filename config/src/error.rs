//! Errors reading or validating a `viper.toml`, always naming the file and, when the problem is
//! in its text, the 1-based line and column.

use std::fmt;
use std::path::PathBuf;

/// A problem with a configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based position of the problem; `None` when the file could not be read at all.
    pub position: Option<(usize, usize)>,
    pub message: String,
    /// The offending source line (without its newline), for the caret display.
    pub source_line: Option<String>,
}

impl ConfigError {
    /// An error located at byte `offset` of `source`.
    pub fn at(path: PathBuf, source: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, col) = line_col(source, offset);
        ConfigError {
            path,
            position: Some((line, col)),
            message: message.into(),
            source_line: source.lines().nth(line - 1).map(|l| l.to_string()),
        }
    }

    /// An error about the file as a whole (unreadable, not UTF-8).
    pub fn whole_file(path: PathBuf, message: impl Into<String>) -> Self {
        ConfigError {
            path,
            position: None,
            message: message.into(),
            source_line: None,
        }
    }

    /// `path:line:col: error: message`, then the source line and a caret under the column.
    pub fn render(&self) -> String {
        let mut out = self.to_string();
        out.push('\n');
        if let (Some((_, col)), Some(text)) = (self.position, &self.source_line) {
            out.push_str(text);
            out.push('\n');
            let pad: String = text
                .chars()
                .take(col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&pad);
            out.push_str("^\n");
        }
        out
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => write!(
                f,
                "{}:{line}:{col}: error: {}",
                self.path.display(),
                self.message
            ),
            None => write!(f, "{}: error: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// 1-based (line, column in characters) of byte `offset` in `source` (clamped to the end).
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let s = "ab\ncd\n";
        assert_eq!(line_col(s, 0), (1, 1));
        assert_eq!(line_col(s, 1), (1, 2));
        assert_eq!(line_col(s, 3), (2, 1));
        assert_eq!(line_col(s, 4), (2, 2));
        assert_eq!(line_col(s, 100), (3, 1));
    }

    #[test]
    fn render_has_caret_under_column() {
        let e = ConfigError::at("v.toml".into(), "x = 1\nfoo = 2\n", 6, "unknown key `foo`");
        assert_eq!(
            e.render(),
            "v.toml:2:1: error: unknown key `foo`\nfoo = 2\n^\n"
        );
    }
}
