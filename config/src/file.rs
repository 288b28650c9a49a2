//! The `viper.toml` schema.
//!
//! ```toml
//! [target]
//! name = "arm64"            # target name or alias
//! os = "linux"              # "linux" | "darwin" | "host"
//! [codegen]
//! opt_level = 2             # 0 | 1 | 2
//! regalloc = "regalloc2"    # an allocator the target offers
//! [passes.dce]
//! enabled = false           # a pass the target registers; `enabled` is its only key
//! [settings]
//! branch-elision = false    # a named code-generation setting of the target
//! [run]
//! stack_size = 8388608      # bytes
//! [link]
//! runtime = "lib/libviper_rt.a"   # relative paths are relative to this file
//! cc = "aarch64-linux-gnu-gcc"
//! static = true
//! via_asm = false           # true: objects through the system assembler, not viper's own
//! [debug]
//! enabled = true            # DWARF debug information (as `-g`)
//! sources = { 1 = "main.bas" }   # names of IL `.loc` file ids (relative to this file)
//! ```
//!
//! Every table rejects unknown keys (`#[serde(deny_unknown_fields)]`); every value keeps its
//! byte span so later errors and `viper config` can point into the file.

use crate::error::ConfigError;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// `[target] os`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OsChoice {
    Linux,
    Darwin,
    Host,
}

impl OsChoice {
    pub fn name(self) -> &'static str {
        match self {
            OsChoice::Linux => "linux",
            OsChoice::Darwin => "darwin",
            OsChoice::Host => "host",
        }
    }
    /// Parse a command-line spelling (`macos` is accepted for `darwin`).
    pub fn parse(s: &str) -> Option<OsChoice> {
        match s {
            "linux" => Some(OsChoice::Linux),
            "darwin" | "macos" => Some(OsChoice::Darwin),
            "host" => Some(OsChoice::Host),
            _ => None,
        }
    }
}

/// `[codegen] opt_level`: an integer 0, 1 or 2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "i64")]
pub struct OptLevelValue(pub u8);

impl TryFrom<i64> for OptLevelValue {
    type Error = String;
    fn try_from(v: i64) -> Result<Self, String> {
        match v {
            0..=2 => Ok(OptLevelValue(v as u8)),
            _ => Err(format!("opt_level must be 0, 1 or 2, not {v}")),
        }
    }
}

/// `[run] stack_size`: a positive number of bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "i64")]
pub struct StackSizeValue(pub u64);

impl TryFrom<i64> for StackSizeValue {
    type Error = String;
    fn try_from(v: i64) -> Result<Self, String> {
        if v > 0 {
            Ok(StackSizeValue(v as u64))
        } else {
            Err(format!(
                "stack_size must be a positive number of bytes, not {v}"
            ))
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetSection {
    pub name: Option<Spanned<String>>,
    pub os: Option<Spanned<OsChoice>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodegenSection {
    pub opt_level: Option<Spanned<OptLevelValue>>,
    pub regalloc: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunSection {
    pub stack_size: Option<Spanned<StackSizeValue>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkSection {
    pub runtime: Option<Spanned<String>>,
    pub cc: Option<Spanned<String>>,
    #[serde(rename = "static")]
    pub static_link: Option<Spanned<bool>>,
    pub via_asm: Option<Spanned<bool>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DebugSection {
    pub enabled: Option<Spanned<bool>>,
    /// `.loc` file id (a decimal key) → path; keys are checked by [`ConfigFile::parse`].
    pub sources: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
}

impl DebugSection {
    /// The sources with their ids (valid after [`ConfigFile::parse`]).
    pub fn source_ids(&self) -> Vec<(u32, &Spanned<String>)> {
        self.sources
            .iter()
            .flatten()
            .filter_map(|(k, v)| k.get_ref().parse().ok().map(|id| (id, v)))
            .collect()
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    target: TargetSection,
    #[serde(default)]
    codegen: CodegenSection,
    #[serde(default)]
    passes: BTreeMap<String, Spanned<BTreeMap<String, Spanned<toml::Value>>>>,
    #[serde(default)]
    settings: BTreeMap<String, Spanned<bool>>,
    #[serde(default)]
    run: RunSection,
    #[serde(default)]
    link: LinkSection,
    #[serde(default)]
    debug: DebugSection,
}

/// One `[passes.<name>]` table after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct PassTable {
    /// Span of the table.
    pub span: Range<usize>,
    pub enabled: Option<Spanned<bool>>,
}

/// A parsed and validated `viper.toml`.
#[derive(Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub source: String,
    pub target: TargetSection,
    pub codegen: CodegenSection,
    pub passes: BTreeMap<String, PassTable>,
    /// `[settings]`: target setting name → value (names are checked by the driver).
    pub settings: BTreeMap<String, Spanned<bool>>,
    pub run: RunSection,
    pub link: LinkSection,
    pub debug: DebugSection,
}

impl ConfigFile {
    /// Read and parse the file at `path`.
    pub fn load(path: &Path) -> Result<ConfigFile, ConfigError> {
        let bytes = std::fs::read(path).map_err(|e| {
            ConfigError::whole_file(path.to_path_buf(), format!("cannot read: {e}"))
        })?;
        let source = String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            ConfigError::at(path.to_path_buf(), &text, offset, "file is not valid UTF-8")
        })?;
        ConfigFile::parse(source, path)
    }

    /// Parse `source`; `path` names the file in errors and anchors relative paths.
    pub fn parse(source: String, path: &Path) -> Result<ConfigFile, ConfigError> {
        let raw: RawFile = match toml::from_str(&source) {
            Ok(raw) => raw,
            Err(e) => {
                let offset = e.span().map(|s| s.start).unwrap_or(0);
                let message = tidy_message(e.message());
                return Err(ConfigError::at(
                    path.to_path_buf(),
                    &source,
                    offset,
                    message,
                ));
            }
        };
        let mut passes = BTreeMap::new();
        for (name, table) in raw.passes {
            let span = table.span();
            let mut enabled = None;
            for (key, value) in table.into_inner() {
                let vspan = value.span();
                let err =
                    |msg: String| ConfigError::at(path.to_path_buf(), &source, vspan.start, msg);
                match (key.as_str(), value.get_ref()) {
                    ("enabled", toml::Value::Boolean(b)) => {
                        enabled = Some(Spanned::new(vspan.clone(), *b));
                    }
                    ("enabled", other) => {
                        return Err(err(format!(
                            "`passes.{name}.enabled` must be true or false, not a {}",
                            other.type_str()
                        )))
                    }
                    (_, _) => {
                        return Err(err(format!(
                            "unknown key `{key}` in `passes.{name}`: passes take no options, only `enabled`"
                        )))
                    }
                }
            }
            passes.insert(name, PassTable { span, enabled });
        }
        for (k, v) in raw.debug.sources.iter().flatten() {
            let at =
                |msg: String| ConfigError::at(path.to_path_buf(), &source, k.span().start, msg);
            if k.get_ref().parse::<u32>().is_err() {
                return Err(at(format!(
                    "`debug.sources` keys are `.loc` file ids (numbers), not `{}`",
                    k.get_ref()
                )));
            }
            if v.get_ref().is_empty() {
                return Err(at(format!(
                    "`debug.sources.{}` must name a file",
                    k.get_ref()
                )));
            }
        }
        Ok(ConfigFile {
            path: path.to_path_buf(),
            source,
            target: raw.target,
            codegen: raw.codegen,
            passes,
            settings: raw.settings,
            run: raw.run,
            link: raw.link,
            debug: raw.debug,
        })
    }

    /// 1-based (line, column) of a byte offset of this file.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        crate::error::line_col(&self.source, offset)
    }

    /// An error pointing at byte `offset` of this file (for values the driver rejects later).
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> ConfigError {
        ConfigError::at(self.path.clone(), &self.source, offset, message)
    }

    /// The directory relative paths in the file are resolved against.
    pub fn dir(&self) -> PathBuf {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }
}

/// toml/serde say "field"; users write "keys".
fn tidy_message(message: &str) -> String {
    let m = message.trim_end();
    if let Some(rest) = m.strip_prefix("unknown field") {
        format!("unknown key{rest}")
    } else if let Some(rest) = m.strip_prefix("unknown variant") {
        format!("unknown value{rest}")
    } else {
        m.to_string()
    }
}
