//! Native outputs through `codegen_api::link`: find the toolchain for the target's architecture
//! and OS, assemble, build (once, cached) the embedded C runtime, link, and run programs (under
//! qemu when the host cannot run them directly).
//!
//! Link failures with undefined symbols are explained in IL terms (see [`crate::link_report`]).

use crate::driver::Failure;
use crate::runtime_sources::RUNTIME_SOURCES;
use codegen_api::link::{default_cache_root, LinkError, LinkOptions, Toolchain};
use codegen_api::{CodegenOptions, TargetInfo};
use config::Settings;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the runtime archive comes from.
#[derive(Clone, Debug)]
enum Runtime {
    /// The sources embedded in this binary, built on first use into the cache.
    BuiltIn,
    /// A user-supplied archive (`--runtime` / `[link] runtime`).
    Archive(PathBuf),
}

/// A toolchain plus the link settings of one compilation.
pub struct Native {
    toolchain: Toolchain,
    runtime: Runtime,
    static_link: Option<bool>,
}

fn tool_failure(e: impl std::fmt::Display) -> Failure {
    Failure::msg(e)
}

impl Native {
    /// The toolchain for `info`'s architecture and the options' OS.
    pub fn new(
        info: &TargetInfo,
        options: &CodegenOptions,
        settings: &Settings,
    ) -> Result<Native, Failure> {
        let arch = info.native_arch.ok_or_else(|| {
            Failure::msg(format!(
                "target `{}` does not produce native code; use -S to write its output",
                info.name
            ))
        })?;
        let cc = settings.cc.value.as_deref().map(Path::new);
        let toolchain = Toolchain::discover(arch, options.os, cc).map_err(tool_failure)?;
        let runtime = match &settings.runtime.value {
            Some(p) => {
                if !p.is_file() {
                    return Err(Failure::msg(format!(
                        "runtime archive {} (from {}) does not exist",
                        p.display(),
                        settings.runtime.origin
                    )));
                }
                Runtime::Archive(p.clone())
            }
            None => Runtime::BuiltIn,
        };
        Ok(Native {
            toolchain,
            runtime,
            static_link: settings.static_link.value,
        })
    }

    pub fn toolchain(&self) -> &Toolchain {
        &self.toolchain
    }

    /// Write `asm` to `dir/prog.s` and assemble it into `dir/prog.o`.
    pub fn assemble(&self, asm: &str, dir: &Path) -> Result<PathBuf, Failure> {
        let s = dir.join("prog.s");
        let o = dir.join("prog.o");
        std::fs::write(&s, asm)
            .map_err(|e| Failure::msg(format!("cannot write {}: {e}", s.display())))?;
        self.toolchain.assemble(&s, &o).map_err(tool_failure)?;
        Ok(o)
    }

    /// The runtime archive to link: the user's, or the built-in one (built and cached on first use).
    pub fn runtime_archive(&self) -> Result<PathBuf, Failure> {
        match &self.runtime {
            Runtime::Archive(p) => Ok(p.clone()),
            Runtime::BuiltIn => {
                let root = default_cache_root().map_err(tool_failure)?;
                self.toolchain
                    .build_runtime(RUNTIME_SOURCES, &root)
                    .map_err(|e| Failure::msg(format!("building the runtime: {e}")))
            }
        }
    }

    /// Link `obj` with the runtime into `dir/prog`; `module` gives the whole module (bodies
    /// included) when undefined symbols are to be explained.
    pub fn link(
        &self,
        obj: &Path,
        dir: &Path,
        module: &dyn Fn() -> il::Module,
    ) -> Result<PathBuf, Failure> {
        let archive = self.runtime_archive()?;
        let exe = dir.join("prog");
        let opts = LinkOptions {
            static_link: self.static_link,
            extra_flags: Vec::new(),
            // Learned linker command lines live beside the runtime archives.
            plan_cache: default_cache_root().ok(),
        };
        match self.toolchain.link(
            &[obj.to_path_buf()],
            std::slice::from_ref(&archive),
            &exe,
            &opts,
        ) {
            Ok(()) => Ok(exe),
            Err(LinkError::UndefinedSymbols { symbols, .. }) => {
                let desc = match &self.runtime {
                    Runtime::BuiltIn => "the built-in runtime".to_string(),
                    Runtime::Archive(p) => p.display().to_string(),
                };
                Err(Failure(format!(
                    "{}error: linking failed: {} undefined symbol(s)\n",
                    crate::link_report::explain(&module(), &symbols, &desc),
                    symbols.len()
                )))
            }
            Err(LinkError::Other(e)) => Err(tool_failure(e)),
        }
    }

    /// A command running `exe` with `args` (through the emulator when needed), stdio inherited.
    pub fn run_command(&self, exe: &Path, args: &[OsString]) -> Result<Command, Failure> {
        let args = utf8_args(args)?;
        self.toolchain.run_command(exe, &args).map_err(tool_failure)
    }

    /// Run `exe`, passing stdin/stdout/stderr through; returns its exit status.
    pub fn run(&self, exe: &Path, args: &[OsString]) -> Result<i32, Failure> {
        let args = utf8_args(args)?;
        self.toolchain.run(exe, &args).map_err(tool_failure)
    }
}

fn utf8_args(args: &[OsString]) -> Result<Vec<String>, Failure> {
    args.iter()
        .map(|a| {
            a.to_str()
                .map(str::to_string)
                .ok_or_else(|| Failure::msg(format!("program argument {a:?} is not valid UTF-8")))
        })
        .collect()
}
