//! Toolchain support: find the tools for a native target, then assemble, compile C, archive, link,
//! run, and build (and cache) the C runtime archive.
//!
//! API (used by the CLI):
//! - [`Toolchain::discover(arch, os, cc_override)`](Toolchain::discover) →
//!   `Result<Toolchain, CodegenError>`; [`Toolchain::discover_in`] takes a [`ToolEnv`] (fake PATH in tests).
//! - [`assemble`](Toolchain::assemble), [`compile_c`](Toolchain::compile_c),
//!   [`archive`](Toolchain::archive), [`link`](Toolchain::link) (→ [`LinkError`], which lists the
//!   undefined symbols), [`run`](Toolchain::run) (→ exit status, signal n → 128+n),
//!   [`run_command`](Toolchain::run_command) (a `Command` to customise stdio),
//!   [`build_runtime`](Toolchain::build_runtime) (→ path of the cached `libviper_rt.a`), and
//!   [`default_cache_root`].
//!
//! Discovery rules (the C compiler driver is also the assembler and the linker):
//! - host arch = `arch` and host OS = `os` (Linux arm64, macOS arm64): native; `cc` (or `VIPER_CC`
//!   or the override), programs run directly, dynamic linking.
//! - Linux target from another architecture: `<arch>-linux-gnu-gcc`, `<arch>-linux-gnu-ar`, programs
//!   run under `qemu-<arch>` (or `$VIPER_QEMU`), static linking by default so qemu needs no sysroot.
//! - macOS host, Darwin target, other arch: `cc -arch arm64`; programs cannot be run.
//! - Darwin target from a non-macOS host: only assembling is possible (`llvm-mc`); compiling C,
//!   linking and running are clear errors.
//!
//! Only the override and `$VIPER_CC` replace the compiler (`$CC` is deliberately ignored: it usually
//! names the host compiler). A tool that is missing is reported, when it is needed, as a
//! [`CodegenError::Tool`] naming the tool and the package that provides it.

mod cache;
mod plan;
mod tools;
mod undefined;

pub use cache::{default_cache_root, RUNTIME_ARCHIVE};
pub use tools::{exit_code, install_hint, ToolEnv};
pub use undefined::{undefined_symbols, LinkError};

use crate::{CodegenError, TargetOs};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Options for [`Toolchain::link`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkOptions {
    /// Link statically (`-static`). `None` = the toolchain's default (static for cross Linux).
    pub static_link: Option<bool>,
    /// Extra arguments for the compiler driver, placed after the inputs.
    pub extra_flags: Vec<String>,
    /// Where learned linker command lines are cached (see `link/plan.rs`): with a fast linker,
    /// links then run it directly instead of through the driver. `None`: always the driver.
    pub plan_cache: Option<PathBuf>,
}

/// A tool that was found, or the message explaining why it is not available.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Avail {
    Found(PathBuf),
    Unavailable(String),
}

impl Avail {
    fn get(&self) -> Result<&Path, CodegenError> {
        match self {
            Avail::Found(p) => Ok(p),
            Avail::Unavailable(msg) => Err(CodegenError::Tool(msg.clone())),
        }
    }
}

/// How the assembler is invoked.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Assembler {
    /// The C compiler driver (`cc -c x.s -o x.o`).
    Driver,
    /// `llvm-mc -triple=<triple> -filetype=obj`.
    LlvmMc { tool: Avail, triple: String },
}

/// The tools for one (arch, OS) target on this host.
#[derive(Clone, Debug)]
pub struct Toolchain {
    arch: String,
    os: TargetOs,
    host_os: TargetOs,
    /// C compiler driver: compiles C, assembles (unless `assembler` says otherwise) and links.
    cc: Avail,
    /// Extra driver flags selecting the target (`-arch arm64` on a cross-arch Mac).
    target_flags: Vec<String>,
    assembler: Assembler,
    ar: Avail,
    /// `None`: run programs directly. `Some`: run through this emulator (or explain why not).
    runner: Option<Avail>,
    static_default: bool,
    /// A faster linker the GNU driver is pointed at (`ld.lld`), if installed and not disabled.
    fast_ld: Option<PathBuf>,
}

/// Whether programs for `arch`/`os` can be built (a C compiler driver for the target is found)
/// and run here (natively, or under the emulator). Tests use this to decide whether to skip.
pub fn native_ready(arch: &str, os: TargetOs) -> bool {
    Toolchain::discover(arch, os, None).is_ok_and(|t| t.can_run())
}

impl Toolchain {
    /// Discover the tools for `arch` (GNU spelling, e.g. `aarch64`) and `os` in this process's
    /// environment. `cc_override` (from `--cc`) wins over `$VIPER_CC` and the default compiler.
    pub fn discover(
        arch: &str,
        os: TargetOs,
        cc_override: Option<&Path>,
    ) -> Result<Toolchain, CodegenError> {
        Self::discover_in(arch, os, cc_override, &ToolEnv::from_process())
    }

    /// [`discover`](Self::discover) with an explicit environment.
    pub fn discover_in(
        arch: &str,
        os: TargetOs,
        cc_override: Option<&Path>,
        env: &ToolEnv,
    ) -> Result<Toolchain, CodegenError> {
        let host_os = env.host_os;
        let find = |name: &str, role: &str| match env.find(Path::new(name)) {
            Some(p) => Avail::Found(p),
            None => Avail::Unavailable(tools::missing_tool(name, role, host_os).to_string()),
        };
        let same_arch = env.host_arch == arch;
        let user_cc: Option<PathBuf> = cc_override
            .map(Path::to_path_buf)
            .or_else(|| env.viper_cc.as_ref().map(PathBuf::from));
        // The compiler driver: the user's choice must exist; otherwise the default for the target.
        let pick_cc = |default: &str| -> Result<PathBuf, CodegenError> {
            match &user_cc {
                Some(p) => env.find(p).ok_or_else(|| {
                    CodegenError::Tool(format!(
                        "C compiler `{}` (from --cc or VIPER_CC) not found",
                        p.display()
                    ))
                }),
                None => env
                    .find(Path::new(default))
                    .ok_or_else(|| tools::missing_tool(default, "C compiler", host_os)),
            }
        };
        let mut tc = Toolchain {
            arch: arch.to_string(),
            os,
            host_os,
            cc: Avail::Unavailable(String::new()),
            target_flags: Vec::new(),
            assembler: Assembler::Driver,
            ar: Avail::Unavailable(String::new()),
            runner: None,
            static_default: false,
            fast_ld: None,
        };
        // Linking with lld instead of GNU ld saves tens of milliseconds per program; it is used
        // with the default GNU driver on Linux when installed (`VIPER_LINKER=system` opts out).
        let fast_ld = || {
            let disabled = env.viper_linker.as_deref() == Some(std::ffi::OsStr::new("system"));
            (user_cc.is_none() && !disabled && cfg!(unix))
                .then(|| env.find(Path::new("ld.lld")))
                .flatten()
        };
        match (os, host_os) {
            (TargetOs::Darwin, TargetOs::Darwin) => {
                tc.cc = Avail::Found(pick_cc("cc")?);
                tc.ar = find("ar", "archiver");
                if !same_arch {
                    tc.target_flags = vec!["-arch".into(), darwin_arch(arch).into()];
                    tc.runner = Some(Avail::Unavailable(format!(
                        "cannot run {arch} programs on this {} Mac",
                        env.host_arch
                    )));
                }
            }
            (TargetOs::Darwin, TargetOs::Linux) => {
                let msg = "building a macOS program needs macOS: on this Linux host only \
                           assembling to an object file is possible (with llvm-mc); copy the \
                           assembly to a Mac with the Xcode Command Line Tools \
                           (`xcode-select --install`) to link it"
                    .to_string();
                tc.cc = Avail::Unavailable(msg.clone());
                tc.ar = Avail::Unavailable(msg.clone());
                tc.runner = Some(Avail::Unavailable(msg));
                tc.assembler = Assembler::LlvmMc {
                    tool: find("llvm-mc", "assembler"),
                    triple: format!("{}-apple-macos", darwin_arch(arch)),
                };
            }
            (TargetOs::Linux, _) if same_arch && host_os == TargetOs::Linux => {
                tc.cc = Avail::Found(pick_cc("cc")?);
                tc.ar = find("ar", "archiver");
                tc.fast_ld = fast_ld();
            }
            (TargetOs::Linux, _) => {
                let triple = format!("{arch}-linux-gnu");
                tc.cc = Avail::Found(pick_cc(&format!("{triple}-gcc"))?);
                tc.ar = match find(&format!("{triple}-ar"), "archiver") {
                    Avail::Found(p) => Avail::Found(p),
                    missing => match env.find(Path::new("ar")) {
                        Some(p) if host_os == TargetOs::Linux => Avail::Found(p),
                        _ => missing,
                    },
                };
                tc.static_default = true;
                tc.fast_ld = fast_ld();
                tc.runner = Some(match host_os {
                    TargetOs::Linux => match &env.viper_qemu {
                        Some(q) => match env.find(Path::new(q)) {
                            Some(p) => Avail::Found(p),
                            None => Avail::Unavailable(format!(
                                "emulator `{}` (from VIPER_QEMU) not found",
                                Path::new(q).display()
                            )),
                        },
                        None => find(&format!("qemu-{arch}"), "emulator"),
                    },
                    TargetOs::Darwin => Avail::Unavailable(
                        "Linux programs cannot be run on macOS; run them on Linux".into(),
                    ),
                });
            }
        }
        Ok(tc)
    }

    /// The target architecture.
    pub fn arch(&self) -> &str {
        &self.arch
    }

    /// The target OS.
    pub fn os(&self) -> TargetOs {
        self.os
    }

    /// The C compiler driver, if this toolchain has one.
    pub fn cc(&self) -> Option<&Path> {
        self.cc.get().ok()
    }

    /// The emulator programs run under (`None` when they run directly or cannot run).
    pub fn emulator(&self) -> Option<&Path> {
        match &self.runner {
            Some(Avail::Found(p)) => Some(p),
            _ => None,
        }
    }

    /// The linker [`link`](Self::link) uses, for `viper config` and diagnostics.
    pub fn linker_description(&self) -> String {
        match (&self.fast_ld, &self.cc) {
            (Some(ld), _) => format!("{} (through the C compiler driver)", ld.display()),
            (None, Avail::Found(cc)) => format!("the default linker of {}", cc.display()),
            (None, Avail::Unavailable(_)) => "(none: no C compiler driver)".into(),
        }
    }

    /// A directory beside `out` whose `ld` is the fast linker, if one is used.
    fn fast_ld_dir(&self, out: &Path) -> Result<Option<PathBuf>, CodegenError> {
        let Some(ld) = &self.fast_ld else {
            return Ok(None);
        };
        let dir = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .join(".viper-ld");
        let link = dir.join("ld");
        std::fs::create_dir_all(&dir).map_err(|e| cache::io_error("create", &dir, e))?;
        #[cfg(unix)]
        if std::fs::read_link(&link).ok().as_deref() != Some(ld.as_path()) {
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(ld, &link)
                .map_err(|e| cache::io_error("create", &link, e))?;
        }
        Ok(Some(dir))
    }

    /// Whether programs built by this toolchain can be run on this host.
    pub fn can_run(&self) -> bool {
        !matches!(self.runner, Some(Avail::Unavailable(_)))
    }

    /// Whether [`link`](Self::link) defaults to static linking.
    pub fn links_statically_by_default(&self) -> bool {
        self.static_default
    }

    fn driver(&self) -> Result<Command, CodegenError> {
        let mut cmd = Command::new(self.cc.get()?);
        cmd.args(&self.target_flags);
        Ok(cmd)
    }

    fn tool_name(p: &Path) -> String {
        p.display().to_string()
    }

    /// The command [`assemble`](Self::assemble) runs.
    pub fn assemble_command(&self, asm: &Path, obj: &Path) -> Result<Command, CodegenError> {
        match &self.assembler {
            Assembler::Driver => {
                let mut cmd = self.driver()?;
                cmd.arg("-c").arg(asm).arg("-o").arg(obj);
                Ok(cmd)
            }
            Assembler::LlvmMc { tool, triple } => {
                let mut cmd = Command::new(tool.get()?);
                cmd.arg(format!("-triple={triple}"))
                    .arg("-filetype=obj")
                    .arg(asm)
                    .arg("-o")
                    .arg(obj);
                Ok(cmd)
            }
        }
    }

    /// Assemble `asm` into the object file `obj`.
    pub fn assemble(&self, asm: &Path, obj: &Path) -> Result<(), CodegenError> {
        let cmd = self.assemble_command(asm, obj)?;
        let tool = Self::tool_name(Path::new(cmd.get_program()));
        tools::run_tool(cmd, &tool, "assembler", self.host_os).map(drop)
    }

    /// The command [`compile_c`](Self::compile_c) runs.
    pub fn compile_c_command(
        &self,
        src: &Path,
        obj: &Path,
        extra_flags: &[&str],
    ) -> Result<Command, CodegenError> {
        let mut cmd = self.driver()?;
        cmd.args(extra_flags).arg("-c").arg(src).arg("-o").arg(obj);
        Ok(cmd)
    }

    /// Compile the C file `src` into the object file `obj`.
    pub fn compile_c(
        &self,
        src: &Path,
        obj: &Path,
        extra_flags: &[&str],
    ) -> Result<(), CodegenError> {
        let cmd = self.compile_c_command(src, obj, extra_flags)?;
        let tool = Self::tool_name(Path::new(cmd.get_program()));
        tools::run_tool(cmd, &tool, "C compiler", self.host_os).map(drop)
    }

    /// The command [`archive`](Self::archive) runs (after removing an old `out`).
    pub fn archive_command(&self, objs: &[PathBuf], out: &Path) -> Result<Command, CodegenError> {
        let mut cmd = Command::new(self.ar.get()?);
        cmd.arg("rcs").arg(out).args(objs);
        Ok(cmd)
    }

    /// Put `objs` into the static library `out` (replacing any existing file).
    pub fn archive(&self, objs: &[PathBuf], out: &Path) -> Result<(), CodegenError> {
        let cmd = self.archive_command(objs, out)?;
        match std::fs::remove_file(out) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(cache::io_error("cannot replace", out, e)),
        }
        let tool = Self::tool_name(Path::new(cmd.get_program()));
        tools::run_tool(cmd, &tool, "archiver", self.host_os).map(drop)
    }

    /// The command [`link`](Self::link) runs.
    pub fn link_command(
        &self,
        objs: &[PathBuf],
        libs: &[PathBuf],
        out: &Path,
        opts: &LinkOptions,
    ) -> Result<Command, CodegenError> {
        let mut cmd = self.driver()?;
        if let Some(dir) = self.fast_ld_dir(out)? {
            // `-fuse-ld=lld` makes a cross driver look for `<triple>-ld.lld`, which Debian does not
            // ship; a `-B` directory whose `ld` is ld.lld works for native and cross drivers.
            let mut b = std::ffi::OsString::from("-B");
            b.push(dir.as_os_str());
            b.push("/");
            cmd.arg(b);
        }
        if opts.static_link.unwrap_or(self.static_default) {
            cmd.arg("-static");
        }
        cmd.arg("-o").arg(out).args(objs).args(libs).arg("-lm");
        cmd.args(&opts.extra_flags);
        Ok(cmd)
    }

    /// Link `objs` and the static libraries `libs` (plus libm) into the executable `out`.
    /// Undefined symbols are reported as [`LinkError::UndefinedSymbols`].
    pub fn link(
        &self,
        objs: &[PathBuf],
        libs: &[PathBuf],
        out: &Path,
        opts: &LinkOptions,
    ) -> Result<(), LinkError> {
        let cmd = match self.planned_link(objs, libs, out, opts) {
            Some(cmd) => cmd,
            None => self.link_command(objs, libs, out, opts)?,
        };
        let tool = Self::tool_name(Path::new(cmd.get_program()));
        match tools::run_tool(cmd, &tool, "linker", self.host_os) {
            Ok(_) => Ok(()),
            Err(CodegenError::Tool(msg)) => {
                let symbols = undefined_symbols(&msg);
                if symbols.is_empty() {
                    Err(LinkError::Other(CodegenError::Tool(msg)))
                } else {
                    Err(LinkError::UndefinedSymbols {
                        symbols,
                        output: msg,
                    })
                }
            }
            Err(e) => Err(LinkError::Other(e)),
        }
    }

    /// The fast linker run directly with the command line the driver would give it (learned
    /// once per driver, linker and flags, then cached under `opts.plan_cache`); `None` when there
    /// is no fast linker or cache, or the plan cannot be learned (then the driver links).
    fn planned_link(
        &self,
        objs: &[PathBuf],
        libs: &[PathBuf],
        out: &Path,
        opts: &LinkOptions,
    ) -> Option<Command> {
        let ld = self.fast_ld.as_ref()?;
        let root = opts.plan_cache.as_ref()?;
        let static_link = opts.static_link.unwrap_or(self.static_default);
        let inputs: Vec<PathBuf> = objs.iter().chain(libs).cloned().collect();
        let mut key = cache::KeyHasher::default();
        key.field(b"viper-link-plan-v1")
            .field(self.arch.as_bytes())
            .field(self.os.name().as_bytes())
            .field(self.compiler_identity().ok()?.as_bytes())
            .field(file_identity(ld)?.as_bytes())
            .field(&[static_link as u8])
            .field(inputs.len().to_string().as_bytes());
        for f in self.target_flags.iter().chain(&opts.extra_flags) {
            key.field(f.as_bytes());
        }
        let path = root.join("link-plans").join(key.hex());
        let plan = match plan::load(&path) {
            Some(p) => p,
            None => {
                let mut q = self.driver().ok()?;
                q.args(plan::query_args(
                    static_link,
                    inputs.len(),
                    &opts.extra_flags,
                ));
                let r = q.output().ok()?;
                if !r.status.success() {
                    return None;
                }
                let p = plan::parse(&String::from_utf8_lossy(&r.stderr), inputs.len())?;
                plan::store(&path, &p);
                p
            }
        };
        Some(plan::command(ld, &plan, out, &inputs))
    }

    /// A command that runs the program `exe` with `args` (through the emulator if needed); the
    /// caller may set up stdio before spawning it.
    pub fn run_command(&self, exe: &Path, args: &[String]) -> Result<Command, CodegenError> {
        let mut cmd = match &self.runner {
            None => Command::new(exe),
            Some(runner) => {
                let mut cmd = Command::new(runner.get()?);
                cmd.arg(exe);
                cmd
            }
        };
        cmd.args(args);
        Ok(cmd)
    }

    /// Run `exe` with `args`, inheriting stdio; returns its exit status (signal n → 128 + n).
    pub fn run(&self, exe: &Path, args: &[String]) -> Result<i32, CodegenError> {
        let mut cmd = self.run_command(exe, args)?;
        match cmd.status() {
            Ok(status) => Ok(exit_code(status)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let prog = Path::new(cmd.get_program());
                Err(if self.runner.is_some() {
                    tools::missing_tool(&Self::tool_name(prog), "emulator", self.host_os)
                } else {
                    CodegenError::Tool(format!("program `{}` not found", prog.display()))
                })
            }
            Err(e) => Err(CodegenError::Tool(format!(
                "cannot run `{}`: {e}",
                exe.display()
            ))),
        }
    }

    /// The C compiler's identity for the runtime cache key: the file the compiler path resolves
    /// to, with its size and modification time (ccache's default `compiler_check = mtime`: an
    /// upgrade replaces the file) — a `stat` instead of running `cc --version` (~5 ms) on every
    /// link. Falls back to `cc --version` when the file cannot be examined.
    fn compiler_identity(&self) -> Result<String, CodegenError> {
        match file_identity(self.cc.get()?) {
            Some(s) => Ok(s),
            None => self.compiler_version(),
        }
    }

    /// The output of `cc --version`.
    fn compiler_version(&self) -> Result<String, CodegenError> {
        let mut cmd = self.driver()?;
        cmd.arg("--version");
        let tool = Self::tool_name(Path::new(cmd.get_program()));
        let out = tools::run_tool(cmd, &tool, "C compiler", self.host_os)?;
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Compile the runtime `sources` (file name, contents) with `-O2 -std=c11 -Wall -Wextra` and
    /// archive every `.c` file's object into `libviper_rt.a` under `cache_root/<key>/`, where the
    /// key covers the sources, the compiler path and identity (its file's size and mtime), the flags, arch and OS. An existing
    /// entry is reused; a new one is built in a temporary directory and renamed into place.
    /// Returns the archive's path.
    pub fn build_runtime(
        &self,
        sources: &[(&str, &str)],
        cache_root: &Path,
    ) -> Result<PathBuf, CodegenError> {
        const FLAGS: [&str; 4] = ["-O2", "-std=c11", "-Wall", "-Wextra"];
        let cc = self.cc.get()?.to_path_buf();
        let mut sorted: Vec<(&str, &str)> = sources.to_vec();
        sorted.sort();
        let mut key = cache::KeyHasher::default();
        key.field(b"viper-runtime-v1")
            .field(self.arch.as_bytes())
            .field(self.os.name().as_bytes())
            .field(cc.as_os_str().as_encoded_bytes())
            .field(self.compiler_identity()?.as_bytes());
        for f in FLAGS
            .iter()
            .copied()
            .chain(self.target_flags.iter().map(String::as_str))
        {
            key.field(f.as_bytes());
        }
        for (name, text) in &sorted {
            cache::check_source_name(name)?;
            key.field(name.as_bytes()).field(text.as_bytes());
        }
        let entry = cache_root.join(key.hex());
        let lib = entry.join(RUNTIME_ARCHIVE);
        if lib.is_file() {
            return Ok(lib);
        }
        std::fs::create_dir_all(cache_root)
            .map_err(|e| cache::io_error("cannot create", cache_root, e))?;
        let tmp = cache::temp_dir_in(cache_root, "rt")?;
        let built = self.build_runtime_in(&tmp, &sorted, &FLAGS);
        if let Err(e) = built {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
        cache::publish(&tmp, &entry)?;
        Ok(lib)
    }

    /// Write the sources into `dir`, compile the `.c` files in parallel, archive them.
    fn build_runtime_in(
        &self,
        dir: &Path,
        sources: &[(&str, &str)],
        flags: &[&str],
    ) -> Result<(), CodegenError> {
        let mut c_files = Vec::new();
        for (name, text) in sources {
            let path = dir.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| cache::io_error("cannot create", parent, e))?;
            }
            std::fs::write(&path, text).map_err(|e| cache::io_error("cannot write", &path, e))?;
            if name.ends_with(".c") {
                c_files.push(path);
            }
        }
        if c_files.is_empty() {
            return Err(CodegenError::Other(
                "the runtime has no .c source files".into(),
            ));
        }
        let objs: Vec<PathBuf> = c_files.iter().map(|c| c.with_extension("o")).collect();
        let include = format!("-I{}", dir.display());
        let mut flags: Vec<&str> = flags.to_vec();
        flags.push(&include);
        let workers = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, c_files.len());
        let next = std::sync::atomic::AtomicUsize::new(0);
        let mut errors: Vec<(usize, CodegenError)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    s.spawn(|| {
                        let mut errs = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let (Some(src), Some(obj)) = (c_files.get(i), objs.get(i)) else {
                                break;
                            };
                            if let Err(e) = self.compile_c(src, obj, &flags) {
                                errs.push((i, e));
                            }
                        }
                        errs
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| {
                    h.join().unwrap_or_else(|_| {
                        vec![(
                            0,
                            CodegenError::Internal("runtime compile thread panicked".into()),
                        )]
                    })
                })
                .collect()
        });
        if !errors.is_empty() {
            errors.sort_by_key(|(i, _)| *i);
            let msg: Vec<String> = errors.into_iter().map(|(_, e)| e.to_string()).collect();
            return Err(CodegenError::Tool(format!(
                "building the runtime failed:\n{}",
                msg.join("\n")
            )));
        }
        self.archive(&objs, &dir.join(RUNTIME_ARCHIVE))
    }
}

/// Apple's spelling of an architecture (`aarch64` → `arm64`).
fn darwin_arch(arch: &str) -> &str {
    match arch {
        "aarch64" => "arm64",
        other => other,
    }
}

/// A file's identity for cache keys: the path it resolves to, its size and modification time
/// (ccache's default `compiler_check = mtime`: an upgrade replaces the file); `None` when it
/// cannot be examined.
fn file_identity(path: &Path) -> Option<String> {
    let real = std::fs::canonicalize(path).ok()?;
    let m = std::fs::metadata(&real).ok()?;
    let t = m
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    Some(format!("{} {} {}", real.display(), m.len(), t.as_nanos()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    /// The runtime cache key follows the compiler file: replacing it (an upgrade) changes the
    /// identity, an untouched compiler keeps it.
    #[test]
    fn compiler_identity_follows_the_compiler_file() {
        let dir = std::env::temp_dir().join(format!("viper-cc-id-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let cc = dir.join("fake-cc");
        std::fs::write(&cc, "#!/bin/sh\necho fake 1\n").unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&cc, std::fs::Permissions::from_mode(0o755)).unwrap();
        let tc = Toolchain::discover("aarch64", TargetOs::Linux, Some(&cc)).unwrap();
        let a = tc.compiler_identity().unwrap();
        assert_eq!(a, tc.compiler_identity().unwrap());
        std::fs::write(&cc, "#!/bin/sh\necho fake 2 (upgraded)\n").unwrap();
        let b = tc.compiler_identity().unwrap();
        assert_ne!(a, b);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
