//! Link errors, and reading the undefined symbols out of a linker's messages.
//!
//! Recognised forms: GNU ld (``undefined reference to `X'``, also with typographic quotes `‘X’`),
//! LLVM lld (`undefined symbol: X`) and Apple ld (`Undefined symbols for architecture …:` followed by
//! `  "_X", referenced from:` lines; the Mach-O `_` prefix is removed so the names are C names on
//! every platform). Each symbol is listed once, in order of first appearance.

use crate::CodegenError;

/// Why a link failed.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    /// The linker ran and reported symbols nobody defines (C names, without any Mach-O `_`).
    #[error("undefined symbols: {}", .symbols.join(", "))]
    UndefinedSymbols {
        symbols: Vec<String>,
        /// The linker's full message, for `--verbose` reporting.
        output: String,
    },
    /// Any other failure (missing tool, unsupported configuration, other linker error).
    #[error(transparent)]
    Other(#[from] CodegenError),
}

impl From<LinkError> for CodegenError {
    fn from(e: LinkError) -> Self {
        match e {
            LinkError::Other(e) => e,
            e @ LinkError::UndefinedSymbols { .. } => CodegenError::Tool(e.to_string()),
        }
    }
}

/// The undefined symbols named in a linker's output (empty if there are none).
pub fn undefined_symbols(output: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        let s = s.trim();
        if !s.is_empty() && !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    };
    let mut in_apple_block = false;
    for line in output.lines() {
        if line.starts_with("Undefined symbols for architecture") {
            in_apple_block = true;
            continue;
        }
        if in_apple_block {
            let t = line.trim_start();
            if let Some(rest) = t.strip_prefix('"') {
                if let Some((sym, _)) = rest.split_once('"') {
                    push(sym.strip_prefix('_').unwrap_or(sym));
                    continue;
                }
            }
            // Indented "referenced from" lines belong to the block; anything else ends it.
            if line.starts_with(' ') || line.starts_with('\t') {
                continue;
            }
            in_apple_block = false;
        }
        for (marker, close) in [
            ("undefined reference to `", '\''),
            ("undefined reference to \u{2018}", '\u{2019}'),
        ] {
            let mut rest = line;
            while let Some(i) = rest.find(marker) {
                rest = &rest[i + marker.len()..];
                if let Some(end) = rest.find(close) {
                    push(&rest[..end]);
                    rest = &rest[end..];
                }
            }
        }
        if let Some(i) = line.find("undefined symbol: ") {
            let sym = &line[i + "undefined symbol: ".len()..];
            // lld may append a demangled form in parentheses or a trailing ">>> referenced by" note.
            push(sym.split_whitespace().next().unwrap_or(""));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gnu_ld() {
        let msg = "/usr/bin/ld: a.o: in function `main':\n\
                   a.s:(.text+0x8): undefined reference to `rt_foo'\n\
                   /usr/bin/ld: a.s:(.text+0x10): undefined reference to `rt_bar'\n\
                   /usr/bin/ld: a.s:(.text+0x18): undefined reference to `rt_foo'\n\
                   collect2: error: ld returned 1 exit status\n";
        assert_eq!(undefined_symbols(msg), ["rt_foo", "rt_bar"]);
    }

    #[test]
    fn gnu_ld_typographic_quotes() {
        let msg = "a.o: in function ‘main’:\n(.text+0x8): undefined reference to ‘Viper_x’\n";
        assert_eq!(undefined_symbols(msg), ["Viper_x"]);
    }

    #[test]
    fn lld() {
        let msg = "ld.lld: error: undefined symbol: rt_foo\n>>> referenced by a.o:(main)\n";
        assert_eq!(undefined_symbols(msg), ["rt_foo"]);
    }

    #[test]
    fn apple_ld() {
        let msg = "Undefined symbols for architecture arm64:\n\
                   \x20 \"_rt_foo\", referenced from:\n\
                   \x20     _main in a.o\n\
                   \x20 \"_rt_bar\", referenced from:\n\
                   \x20     _f in a.o\n\
                   ld: symbol(s) not found for architecture arm64\n";
        assert_eq!(undefined_symbols(msg), ["rt_foo", "rt_bar"]);
    }

    #[test]
    fn nothing_undefined() {
        assert!(undefined_symbols("ld: cannot find -lfoo\n").is_empty());
    }

    #[test]
    fn error_lists_symbols() {
        let e: CodegenError = LinkError::UndefinedSymbols {
            symbols: vec!["rt_a".into(), "rt_b".into()],
            output: String::new(),
        }
        .into();
        assert_eq!(e.to_string(), "undefined symbols: rt_a, rt_b");
    }
}
