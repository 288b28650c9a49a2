//! Options the driver hands to a target: OS flavour, optimisation level, per-pass settings,
//! register-allocator choice, stack size and debug dumps. Filled from the command line and
//! `viper.toml` by the CLI (command line wins).

use crate::{PassInfo, SettingInfo};
use std::collections::BTreeMap;

/// Operating system (object format and ABI flavour) to generate code for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TargetOs {
    /// ELF, GNU as syntax, AAPCS64.
    Linux,
    /// Mach-O, Apple assembler syntax, Apple arm64 ABI.
    Darwin,
}

impl TargetOs {
    /// The OS of the machine the compiler runs on (Darwin on macOS, Linux otherwise).
    pub fn host() -> TargetOs {
        if cfg!(target_os = "macos") {
            TargetOs::Darwin
        } else {
            TargetOs::Linux
        }
    }
    pub fn parse(s: &str) -> Option<TargetOs> {
        match s {
            "linux" => Some(TargetOs::Linux),
            "darwin" | "macos" => Some(TargetOs::Darwin),
            "host" => Some(TargetOs::host()),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            TargetOs::Linux => "linux",
            TargetOs::Darwin => "darwin",
        }
    }
}

/// Optimisation level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OptLevel {
    O0,
    O1,
    O2,
}

/// Settings of one named pass (passes take no options).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PassSetting {
    pub enabled: bool,
}

impl Default for PassSetting {
    fn default() -> Self {
        PassSetting { enabled: true }
    }
}

/// Everything a target needs to know to compile a module.
#[derive(Clone, Debug)]
pub struct CodegenOptions {
    pub os: TargetOs,
    pub opt_level: OptLevel,
    /// Per-pass settings by pass name; a pass with no entry uses its defaults.
    pub passes: BTreeMap<String, PassSetting>,
    /// Target settings by name (`[settings]`); a setting with no entry has its default.
    pub settings: BTreeMap<String, bool>,
    /// Register allocator by name (target-defined; `None` = the target's default for `opt_level`).
    pub regalloc: Option<String>,
    /// Main-thread stack size in bytes requested for the linked program (`None` = OS default).
    pub stack_size: Option<u64>,
    pub dump_mir_before_ra: bool,
    pub dump_mir_after_ra: bool,
    pub dump_mir_full: bool,
    /// Run the machine-IR verifier between passes (always on in debug builds).
    pub verify_mir: bool,
    /// Print per-pass timings to stderr.
    pub time_passes: bool,
    /// Debug information (`-g`).
    pub debug: DebugInfo,
}

/// What `-g` asks for: DWARF line tables and function information.
///
/// Which file a line-table row names: an instruction whose `.loc` file id has a name in
/// `sources` points at that file and `.loc` line and column; every other instruction (no `.loc`,
/// an unnamed file id, or every instruction with `il_lines`) points at the IL file `il_path` at
/// the instruction's line in the IL text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DebugInfo {
    /// Emit debug information.
    pub enabled: bool,
    /// `-g=il`: every row points at the IL file.
    pub il_lines: bool,
    /// The IL input as named in the line table.
    pub il_path: String,
    /// Names of IL `.loc` file ids (`--debug-source ID=PATH`, `[debug] sources`).
    pub sources: BTreeMap<u32, String>,
}

impl Default for CodegenOptions {
    fn default() -> Self {
        CodegenOptions {
            os: TargetOs::host(),
            opt_level: OptLevel::O2,
            passes: BTreeMap::new(),
            settings: BTreeMap::new(),
            regalloc: None,
            stack_size: None,
            dump_mir_before_ra: false,
            dump_mir_after_ra: false,
            dump_mir_full: false,
            verify_mir: cfg!(debug_assertions),
            time_passes: false,
            debug: DebugInfo::default(),
        }
    }
}

impl CodegenOptions {
    /// Whether pass `pass` runs: as configured, else when the optimisation level is at least
    /// the pass's `min_level`.
    pub fn pass_on(&self, pass: &PassInfo) -> bool {
        self.passes
            .get(pass.name)
            .map(|p| p.enabled)
            .unwrap_or(self.opt_level >= pass.min_level)
    }
    /// The value of target setting `setting`: as configured, else its default.
    pub fn setting(&self, setting: &SettingInfo) -> bool {
        self.settings
            .get(setting.name)
            .copied()
            .unwrap_or(setting.default)
    }
    /// Switch pass `name` on or off (tests and tools).
    pub fn set_pass(&mut self, name: &str, enabled: bool) {
        self.passes
            .insert(name.to_string(), PassSetting { enabled });
    }
}
