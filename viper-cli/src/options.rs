//! From command line + viper.toml to [`Settings`], and from settings to the target's
//! [`CodegenOptions`], checking every name against the chosen target.
//!
//! A value the target rejects is reported where it was written: at its `viper.toml` line and
//! column (with the line and a caret), or as coming from the command line.

use crate::args::CommonArgs;
use crate::driver::Failure;
use codegen_api::{CodegenOptions, DebugInfo, OptLevel, PassSetting, Target, TargetOs};
use config::{ConfigFile, Origin, OsChoice, Overrides, Settings};
use std::path::Path;

/// Effective settings plus the configuration file they were read from.
pub struct Resolved {
    pub settings: Settings,
    pub file: Option<ConfigFile>,
}

impl Resolved {
    /// An error about a setting, located at its origin.
    pub fn error_at(&self, origin: &Origin, message: &str) -> Failure {
        match (origin, &self.file) {
            (Origin::File { line, col, .. }, Some(file)) => {
                let source_line = file
                    .source
                    .lines()
                    .nth(line.saturating_sub(1))
                    .map(str::to_string);
                Failure(
                    config::ConfigError {
                        path: file.path.clone(),
                        position: Some((*line, *col)),
                        message: message.to_string(),
                        source_line,
                    }
                    .render(),
                )
            }
            (Origin::CommandLine, _) => Failure::msg(format!("{message} (from the command line)")),
            _ => Failure::msg(message),
        }
    }
}

/// Command-line overrides from the common flags (`target` from the positional or `--target`).
pub fn overrides(common: &CommonArgs, target: Option<String>) -> Result<Overrides, Failure> {
    let os = match &common.os {
        Some(s) => Some(OsChoice::parse(s).ok_or_else(|| {
            Failure::msg(format!(
                "unknown --os `{s}` (expected linux, darwin or host)"
            ))
        })?),
        None => None,
    };
    let static_link = if common.static_link {
        Some(true)
    } else if common.no_static {
        Some(false)
    } else {
        None
    };
    Ok(Overrides {
        target,
        os,
        opt_level: common.o.or(common.opt_level),
        regalloc: common.regalloc.clone(),
        stack_size: common.stack_size,
        runtime: common.runtime.clone(),
        cc: common.cc.clone(),
        static_link,
        via_asm: common.via_asm.then_some(true),
        debug: common.g.is_some().then_some(true),
        debug_il_lines: common.g.as_deref() == Some("il"),
        debug_sources: common
            .debug_source
            .iter()
            .map(|s| parse_debug_source(s))
            .collect::<Result<_, _>>()?,
    })
}

/// `ID=PATH` of `--debug-source`.
fn parse_debug_source(s: &str) -> Result<(u32, String), Failure> {
    match s.split_once('=') {
        Some((id, path)) if !path.is_empty() => match id.parse::<u32>() {
            Ok(id) => Ok((id, path.to_string())),
            Err(_) => Err(Failure::msg(format!(
                "--debug-source {s}: `{id}` is not a `.loc` file id (a number)"
            ))),
        },
        _ => Err(Failure::msg(format!(
            "--debug-source {s}: expected ID=PATH (e.g. 1=main.bas)"
        ))),
    }
}

/// Find and read the configuration (explicit `--config`, else `viper.toml` near `input`, else
/// near the current directory) and merge it with the command line.
pub fn resolve(
    input: Option<&Path>,
    common: &CommonArgs,
    target: Option<String>,
) -> Result<Resolved, Failure> {
    let cli = overrides(common, target)?;
    let path = match &common.config {
        Some(p) => Some(p.clone()),
        None => config::discover(input.unwrap_or(Path::new("."))),
    };
    let file = match path {
        Some(p) => Some(ConfigFile::load(&p).map_err(|e| Failure(e.render()))?),
        None => None,
    };
    let settings = Settings::resolve(file.as_ref(), &cli);
    Ok(Resolved { settings, file })
}

/// The target named by the settings, looked up in the registry.
pub fn find_target(resolved: &Resolved) -> Result<Box<dyn Target>, Failure> {
    let t = &resolved.settings.target;
    codegen_api::find_target(&t.value).ok_or_else(|| {
        let known: Vec<&str> = codegen_api::registry()
            .iter()
            .map(|t| t.info().name)
            .collect::<Vec<_>>();
        resolved.error_at(
            &t.origin,
            &format!(
                "unknown target `{}` (registered: {})",
                t.value,
                known.join(", ")
            ),
        )
    })
}

/// Debug/diagnostic switches that exist only on the command line.
#[derive(Debug, Clone, Copy, Default)]
pub struct DebugFlags {
    pub dump_mir_before_ra: bool,
    pub dump_mir_after_ra: bool,
    pub dump_mir_full: bool,
    pub verify_mir: bool,
    pub time_passes: bool,
}

/// Build the options for `target`, rejecting settings it does not support.
pub fn codegen_options(
    resolved: &Resolved,
    target: &dyn Target,
    flags: DebugFlags,
) -> Result<CodegenOptions, Failure> {
    let s = &resolved.settings;
    let info = target.info();
    let os = match s.os.value {
        OsChoice::Linux => TargetOs::Linux,
        OsChoice::Darwin => TargetOs::Darwin,
        OsChoice::Host => TargetOs::host(),
    };
    if !info.oses.is_empty() && !info.oses.contains(&os) {
        return Err(resolved.error_at(
            &s.os.origin,
            &format!("target `{}` does not support os `{}`", info.name, os.name()),
        ));
    }
    if let Some(name) = &s.regalloc.value {
        if !info.register_allocators.contains(&name.as_str()) {
            let offered = if info.register_allocators.is_empty() {
                "none".to_string()
            } else {
                info.register_allocators.join(", ")
            };
            return Err(resolved.error_at(
                &s.regalloc.origin,
                &format!(
                    "target `{}` has no register allocator `{name}` (offered: {offered})",
                    info.name
                ),
            ));
        }
    }
    let list = |names: Vec<&str>| {
        if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        }
    };
    let mut passes = std::collections::BTreeMap::new();
    for (name, p) in &s.passes {
        if info.pass(name).is_none() {
            let known = list(info.passes.iter().map(|p| p.name).collect());
            let hint = if info.setting(name).is_some() {
                format!("; `{name}` is a setting: write `[settings] {name} = false`")
            } else {
                String::new()
            };
            return Err(resolved.error_at(
                &p.origin,
                &format!(
                    "target `{}` has no pass `{name}` (passes: {known}){hint}",
                    info.name
                ),
            ));
        }
        passes.insert(
            name.clone(),
            PassSetting {
                enabled: p.enabled.value,
            },
        );
    }
    let mut settings = std::collections::BTreeMap::new();
    for (name, v) in &s.settings {
        if info.setting(name).is_none() {
            let known = list(info.settings.iter().map(|s| s.name).collect());
            return Err(resolved.error_at(
                &v.origin,
                &format!(
                    "target `{}` has no setting `{name}` (settings: {known})",
                    info.name
                ),
            ));
        }
        settings.insert(name.clone(), v.value);
    }
    let opt_level = match s.opt_level.value {
        0 => OptLevel::O0,
        1 => OptLevel::O1,
        _ => OptLevel::O2,
    };
    let defaults = CodegenOptions::default();
    Ok(CodegenOptions {
        os,
        opt_level,
        passes,
        settings,
        regalloc: s.regalloc.value.clone(),
        stack_size: s.stack_size.value,
        dump_mir_before_ra: flags.dump_mir_before_ra,
        dump_mir_after_ra: flags.dump_mir_after_ra,
        dump_mir_full: flags.dump_mir_full,
        verify_mir: flags.verify_mir || defaults.verify_mir,
        time_passes: flags.time_passes,
        debug: DebugInfo {
            enabled: s.debug.value,
            il_lines: s.debug_il_lines,
            // Named by `build::prepare`, which knows the input.
            il_path: String::new(),
            sources: s
                .debug_sources
                .iter()
                .map(|(&id, v)| (id, v.value.clone()))
                .collect(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_source_flags_are_checked() {
        assert_eq!(
            parse_debug_source("1=main.bas").ok(),
            Some((1, "main.bas".to_string()))
        );
        for bad in ["main.bas", "x=main.bas", "1=", "-1=a"] {
            let e = parse_debug_source(bad).err().map(|f| f.0);
            assert!(e.is_some_and(|m| m.contains("--debug-source")), "{bad}");
        }
    }

    #[test]
    fn config_default_opt_level_matches_codegen_api_default() {
        let s = Settings::resolve(None, &Overrides::default());
        let level = match s.opt_level.value {
            0 => OptLevel::O0,
            1 => OptLevel::O1,
            _ => OptLevel::O2,
        };
        assert_eq!(level, CodegenOptions::default().opt_level);
    }

    #[test]
    fn unknown_os_flag_is_rejected() {
        let common = CommonArgs {
            os: Some("windows".into()),
            ..CommonArgs::default()
        };
        assert!(overrides(&common, None).unwrap_err().0.contains("windows"));
    }
}
