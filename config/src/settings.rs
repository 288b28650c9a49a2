//! Effective settings: defaults, overridden by `viper.toml`, overridden by the command line.
//!
//! Every value is a [`Sourced`] recording its [`Origin`], so `viper config` can show where each
//! setting came from and the driver can point at the file position of a value it rejects.
//! Relative paths from the file (`[link] runtime`) are resolved against the file's directory.

use crate::file::{ConfigFile, OsChoice};
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// Default target name.
pub const DEFAULT_TARGET: &str = "arm64";
/// Default optimisation level.
pub const DEFAULT_OPT_LEVEL: u8 = 2;

/// Where an effective value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Default,
    /// A `viper.toml`, at the value's 1-based line and column.
    File {
        path: PathBuf,
        line: usize,
        col: usize,
    },
    CommandLine,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File { path, line, col } => write!(f, "{}:{line}:{col}", path.display()),
            Origin::CommandLine => f.write_str("command line"),
        }
    }
}

/// A value with its origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Sourced<T> {
    pub fn default_value(value: T) -> Self {
        Sourced {
            value,
            origin: Origin::Default,
        }
    }
}

/// Effective settings of one pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PassSettings {
    /// Where the `[passes.<name>]` table is.
    pub origin: Origin,
    pub enabled: Sourced<bool>,
}

/// Values given on the command line (`None` = not given).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    pub target: Option<String>,
    pub os: Option<OsChoice>,
    pub opt_level: Option<u8>,
    pub regalloc: Option<String>,
    pub stack_size: Option<u64>,
    pub runtime: Option<PathBuf>,
    pub cc: Option<String>,
    pub static_link: Option<bool>,
    pub via_asm: Option<bool>,
    /// `-g` (`Some(true)`); `-g=il` also sets `debug_il_lines`.
    pub debug: Option<bool>,
    pub debug_il_lines: bool,
    /// `--debug-source ID=PATH`, in order (a later one for the same id wins).
    pub debug_sources: Vec<(u32, String)>,
}

/// Every effective setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The configuration file used, if any.
    pub config_path: Option<PathBuf>,
    pub target: Sourced<String>,
    pub os: Sourced<OsChoice>,
    pub opt_level: Sourced<u8>,
    /// `None` = the target's default allocator.
    pub regalloc: Sourced<Option<String>>,
    pub passes: BTreeMap<String, PassSettings>,
    /// `[settings]`: the target settings the file sets (others have the target's default).
    pub settings: BTreeMap<String, Sourced<bool>>,
    /// `None` = the OS default stack.
    pub stack_size: Sourced<Option<u64>>,
    /// `None` = the runtime built into the compiler.
    pub runtime: Sourced<Option<PathBuf>>,
    /// `None` = discover the C compiler for the target.
    pub cc: Sourced<Option<String>>,
    /// `None` = automatic (static on Linux, dynamic on Darwin).
    pub static_link: Sourced<Option<bool>>,
    /// Write objects through the system assembler instead of the target's own encoder.
    pub via_asm: Sourced<bool>,
    /// Debug information (`-g`, `[debug] enabled`).
    pub debug: Sourced<bool>,
    /// `-g=il`: every line-table row names the IL file (command line only).
    pub debug_il_lines: bool,
    /// Names of `.loc` file ids (`--debug-source`, `[debug] sources`; the command line wins per
    /// id; paths from the file are relative to it).
    pub debug_sources: BTreeMap<u32, Sourced<String>>,
}

impl Settings {
    /// Merge: `cli` over `file` over defaults.
    pub fn resolve(file: Option<&ConfigFile>, cli: &Overrides) -> Settings {
        let from_file = |span: std::ops::Range<usize>| -> Origin {
            // `file` is Some whenever a span exists.
            match file {
                Some(f) => {
                    let (line, col) = f.line_col(span.start);
                    Origin::File {
                        path: f.path.clone(),
                        line,
                        col,
                    }
                }
                None => Origin::Default,
            }
        };
        // Picks the command-line value, else the file value, else the default.
        fn pick<T>(cli: Option<T>, file: Option<(T, Origin)>, default: T) -> Sourced<T> {
            match (cli, file) {
                (Some(value), _) => Sourced {
                    value,
                    origin: Origin::CommandLine,
                },
                (None, Some((value, origin))) => Sourced { value, origin },
                (None, None) => Sourced::default_value(default),
            }
        }

        let target = pick(
            cli.target.clone(),
            file.and_then(|f| f.target.name.as_ref())
                .map(|s| (s.get_ref().clone(), from_file(s.span()))),
            DEFAULT_TARGET.to_string(),
        );
        let os = pick(
            cli.os,
            file.and_then(|f| f.target.os.as_ref())
                .map(|s| (*s.get_ref(), from_file(s.span()))),
            OsChoice::Host,
        );
        let opt_level = pick(
            cli.opt_level,
            file.and_then(|f| f.codegen.opt_level.as_ref())
                .map(|s| (s.get_ref().0, from_file(s.span()))),
            DEFAULT_OPT_LEVEL,
        );
        let regalloc = pick(
            cli.regalloc.clone().map(Some),
            file.and_then(|f| f.codegen.regalloc.as_ref())
                .map(|s| (Some(s.get_ref().clone()), from_file(s.span()))),
            None,
        );
        let stack_size = pick(
            cli.stack_size.map(Some),
            file.and_then(|f| f.run.stack_size.as_ref())
                .map(|s| (Some(s.get_ref().0), from_file(s.span()))),
            None,
        );
        let runtime = pick(
            cli.runtime.clone().map(Some),
            file.and_then(|f| {
                f.link.runtime.as_ref().map(|s| {
                    let p = PathBuf::from(s.get_ref());
                    let p = if p.is_absolute() { p } else { f.dir().join(p) };
                    (Some(p), from_file(s.span()))
                })
            }),
            None,
        );
        let cc = pick(
            cli.cc.clone().map(Some),
            file.and_then(|f| {
                f.link.cc.as_ref().map(|s| {
                    // A path (with a separator) is relative to the file; a bare name is looked up in PATH.
                    let v = s.get_ref();
                    let v = if v.contains('/') && !v.starts_with('/') {
                        f.dir().join(v).to_string_lossy().into_owned()
                    } else {
                        v.clone()
                    };
                    (Some(v), from_file(s.span()))
                })
            }),
            None,
        );
        let static_link = pick(
            cli.static_link.map(Some),
            file.and_then(|f| f.link.static_link.as_ref())
                .map(|s| (Some(*s.get_ref()), from_file(s.span()))),
            None,
        );
        let via_asm = pick(
            cli.via_asm,
            file.and_then(|f| f.link.via_asm.as_ref())
                .map(|s| (*s.get_ref(), from_file(s.span()))),
            false,
        );
        let debug = pick(
            cli.debug,
            file.and_then(|f| f.debug.enabled.as_ref())
                .map(|s| (*s.get_ref(), from_file(s.span()))),
            false,
        );
        let mut debug_sources = BTreeMap::new();
        if let Some(f) = file {
            for (id, v) in f.debug.source_ids() {
                let p = PathBuf::from(v.get_ref());
                let p = if p.is_absolute() { p } else { f.dir().join(p) };
                debug_sources.insert(
                    id,
                    Sourced {
                        value: p.to_string_lossy().into_owned(),
                        origin: from_file(v.span()),
                    },
                );
            }
        }
        for (id, path) in &cli.debug_sources {
            debug_sources.insert(
                *id,
                Sourced {
                    value: path.clone(),
                    origin: Origin::CommandLine,
                },
            );
        }
        let mut passes = BTreeMap::new();
        if let Some(f) = file {
            for (name, table) in &f.passes {
                let enabled = match &table.enabled {
                    Some(e) => Sourced {
                        value: *e.get_ref(),
                        origin: from_file(e.span()),
                    },
                    None => Sourced::default_value(true),
                };
                passes.insert(
                    name.clone(),
                    PassSettings {
                        origin: from_file(table.span.clone()),
                        enabled,
                    },
                );
            }
        }
        let mut settings = BTreeMap::new();
        if let Some(f) = file {
            for (name, v) in &f.settings {
                settings.insert(
                    name.clone(),
                    Sourced {
                        value: *v.get_ref(),
                        origin: from_file(v.span()),
                    },
                );
            }
        }
        Settings {
            config_path: file.map(|f| f.path.clone()),
            target,
            os,
            opt_level,
            regalloc,
            passes,
            settings,
            stack_size,
            runtime,
            cc,
            static_link,
            via_asm,
            debug,
            debug_il_lines: cli.debug_il_lines,
            debug_sources,
        }
    }

    /// Every setting as `(key, value, origin)`, in a fixed order, for `viper config`.
    pub fn entries(&self) -> Vec<(String, String, Origin)> {
        fn opt<T: fmt::Display>(v: &Option<T>, none: &str) -> String {
            match v {
                Some(v) => v.to_string(),
                None => none.to_string(),
            }
        }
        let mut out = vec![
            (
                "target.name".into(),
                self.target.value.clone(),
                self.target.origin.clone(),
            ),
            (
                "target.os".into(),
                self.os.value.name().into(),
                self.os.origin.clone(),
            ),
            (
                "codegen.opt_level".into(),
                self.opt_level.value.to_string(),
                self.opt_level.origin.clone(),
            ),
            (
                "codegen.regalloc".into(),
                opt(&self.regalloc.value, "(target default)"),
                self.regalloc.origin.clone(),
            ),
            (
                "run.stack_size".into(),
                opt(&self.stack_size.value, "(OS default)"),
                self.stack_size.origin.clone(),
            ),
            (
                "link.runtime".into(),
                opt(
                    &self.runtime.value.as_ref().map(|p| p.display().to_string()),
                    "(built-in runtime)",
                ),
                self.runtime.origin.clone(),
            ),
            (
                "link.cc".into(),
                opt(&self.cc.value, "(discovered)"),
                self.cc.origin.clone(),
            ),
            (
                "link.static".into(),
                opt(&self.static_link.value, "(auto: static on linux)"),
                self.static_link.origin.clone(),
            ),
            (
                "link.via_asm".into(),
                self.via_asm.value.to_string(),
                self.via_asm.origin.clone(),
            ),
        ];
        out.push((
            "debug.enabled".into(),
            self.debug.value.to_string(),
            self.debug.origin.clone(),
        ));
        for (id, v) in &self.debug_sources {
            out.push((
                format!("debug.sources.{id}"),
                v.value.clone(),
                v.origin.clone(),
            ));
        }
        for (name, pass) in &self.passes {
            out.push((
                format!("passes.{name}.enabled"),
                pass.enabled.value.to_string(),
                pass.enabled.origin.clone(),
            ));
        }
        for (name, v) in &self.settings {
            out.push((
                format!("settings.{name}"),
                v.value.to_string(),
                v.origin.clone(),
            ));
        }
        out
    }

    /// The `viper config` report: the file used, then one aligned line per setting.
    pub fn report(&self) -> String {
        let mut out = match &self.config_path {
            Some(p) => format!("config file: {}\n", p.display()),
            None => "config file: (none found)\n".to_string(),
        };
        let entries = self.entries();
        let width = entries
            .iter()
            .map(|(k, v, _)| k.len() + v.len() + 3)
            .max()
            .unwrap_or(0);
        for (k, v, origin) in entries {
            let kv = format!("{k} = {v}");
            out.push_str(&format!("{kv:<width$}  # {origin}\n"));
        }
        out
    }
}
