//! Finding external tools and running them with readable errors.
//!
//! Invariants: a tool that cannot be found or started is always reported as a
//! [`CodegenError::Tool`] naming the tool and the package that provides it (never a panic or a bare
//! "No such file or directory"); a tool that runs and fails is reported with its exit status and its
//! stderr. The environment is read once into a [`ToolEnv`] so discovery is testable with a fake PATH.

use crate::{CodegenError, TargetOs};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Output};

/// The parts of the process environment tool discovery depends on.
#[derive(Clone, Debug)]
pub struct ToolEnv {
    /// The search path (`$PATH`).
    pub path: Option<OsString>,
    /// `$VIPER_CC`: the C compiler driver to use instead of the default.
    pub viper_cc: Option<OsString>,
    /// `$VIPER_QEMU`: the emulator to use instead of `qemu-<arch>`.
    pub viper_qemu: Option<OsString>,
    /// `$VIPER_LINKER`: `system` links with the C compiler driver's default linker even when a
    /// faster one (`ld.lld`) is installed.
    pub viper_linker: Option<OsString>,
    /// Architecture of the machine we run on, as GNU triples spell it (`x86_64`, `aarch64`).
    pub host_arch: String,
    /// Operating system of the machine we run on.
    pub host_os: TargetOs,
}

impl ToolEnv {
    /// The environment of this process.
    pub fn from_process() -> ToolEnv {
        let nonempty = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
        ToolEnv {
            path: std::env::var_os("PATH"),
            viper_cc: nonempty("VIPER_CC"),
            viper_qemu: nonempty("VIPER_QEMU"),
            viper_linker: nonempty("VIPER_LINKER"),
            host_arch: std::env::consts::ARCH.to_string(),
            host_os: TargetOs::host(),
        }
    }

    /// Resolve `program`: a name with a path separator is checked as given, a bare name is searched
    /// in `path`. Returns `None` when no executable file is found.
    pub fn find(&self, program: &Path) -> Option<PathBuf> {
        if program.components().count() > 1 || program.is_absolute() {
            return is_executable(program).then(|| program.to_path_buf());
        }
        let path = self.path.as_ref()?;
        std::env::split_paths(path)
            .map(|dir| dir.join(program))
            .find(|p| is_executable(p))
    }
}

fn is_executable(p: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(p) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// Where to get `tool` from, for the "not found" message. `host_os` selects Debian vs macOS advice.
pub fn install_hint(tool: &str, host_os: TargetOs) -> String {
    let base = Path::new(tool)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| tool.to_string());
    if let Some(arch) = base.strip_prefix("qemu-") {
        return match host_os {
            TargetOs::Linux => format!(
                "install the Debian package `qemu-user` (provides qemu-{arch}), \
                 or set VIPER_QEMU to an emulator"
            ),
            TargetOs::Darwin => "Linux programs cannot be run on macOS; run them on Linux".into(),
        };
    }
    if let Some(triple) = base.strip_suffix("-gcc") {
        if triple.contains("-linux-") {
            return format!(
                "install the Debian package `gcc-{triple}` (the cross compiler), \
                 or pass --cc / set VIPER_CC"
            );
        }
    }
    for suffix in ["-ar", "-as", "-ld"] {
        if let Some(triple) = base.strip_suffix(suffix) {
            if triple.contains("-linux-") {
                return format!("install the Debian package `binutils-{triple}`");
            }
        }
    }
    if base.starts_with("llvm-mc") {
        return match host_os {
            TargetOs::Linux => "install the Debian package `llvm` (provides llvm-mc)".into(),
            TargetOs::Darwin => "install LLVM (`brew install llvm`) and put it on PATH".into(),
        };
    }
    match host_os {
        TargetOs::Darwin => {
            "install the Xcode Command Line Tools (`xcode-select --install`)".to_string()
        }
        TargetOs::Linux if base == "ar" => "install the Debian package `binutils`".to_string(),
        TargetOs::Linux => {
            "install the Debian package `gcc` (or pass --cc / set VIPER_CC)".to_string()
        }
    }
}

/// The error for a tool that could not be found or started.
pub fn missing_tool(tool: &str, role: &str, host_os: TargetOs) -> CodegenError {
    CodegenError::Tool(format!(
        "{role} `{tool}` not found: {}",
        install_hint(tool, host_os)
    ))
}

/// The exit status of a finished program as a shell reports it: the exit code, or 128 + the signal
/// number for a program killed by a signal.
pub fn exit_code(status: ExitStatus) -> i32 {
    if let Some(code) = status.code() {
        return code;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return 128 + sig;
        }
    }
    // Neither a code nor a signal: report a generic failure rather than guessing.
    255
}

/// A short printable form of a command line, for error messages.
pub fn show_command(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// Run `cmd` to completion, capturing its output. A failure to start is reported with the install
/// hint for `tool`; a non-zero exit with the command line and its stderr.
pub fn run_tool(
    mut cmd: Command,
    tool: &str,
    role: &str,
    host_os: TargetOs,
) -> Result<Output, CodegenError> {
    let out = match cmd.output() {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(missing_tool(tool, role, host_os))
        }
        Err(e) => {
            return Err(CodegenError::Tool(format!(
                "cannot run {role} `{tool}`: {e}"
            )))
        }
    };
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        return Err(CodegenError::Tool(format!(
            "{role} failed (exit status {}): {}\n{}{}",
            exit_code(out.status),
            show_command(&cmd),
            stderr.trim_end(),
            if stdout.trim().is_empty() {
                String::new()
            } else {
                format!("\n{}", stdout.trim_end())
            }
        )));
    }
    Ok(out)
}
