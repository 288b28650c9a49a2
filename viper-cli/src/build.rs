//! The compile pipeline as a library call: settings → target → parse/verify → compile, then
//! optionally assemble, link and run. Used by `viper codegen` and by the integration test suites
//! (which compile many programs in-process).

use crate::args::CommonArgs;
use crate::driver::{load_module, Failure, Loaded};
use crate::native::Native;
use crate::options::{self, DebugFlags, Resolved};
use codegen_api::{CodegenOptions, Target};
use il::{Diagnostic, Span};
use std::path::{Path, PathBuf};

/// What a compilation must produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    /// The target text (assembly): for `-S`, or for the system assembler.
    Text,
    /// Only a native object or program: the target compiles straight to an object when it can
    /// (and `--via-asm` is off), else to text that is assembled afterwards.
    Object,
}

/// A compiled module: its assembly (or other target text) or its object, and everything used to
/// make it.
pub struct Compiled {
    pub loaded: Loaded,
    /// The target text; `None` when the object came straight from the target.
    text: Option<String>,
    /// The object made during compilation ([`Want::Object`] on a target with its own assembler).
    object: Option<Vec<u8>>,
    pub target: Box<dyn Target>,
    pub options: CodegenOptions,
    pub resolved: Resolved,
}

/// Resolve settings and the target for `input` without reading it.
pub fn prepare(
    input: &Path,
    target: Option<String>,
    common: &CommonArgs,
    flags: DebugFlags,
) -> Result<(Resolved, Box<dyn Target>, CodegenOptions), Failure> {
    let resolved = options::resolve(Some(input), common, target)?;
    let target = options::find_target(&resolved)?;
    let mut opts = options::codegen_options(&resolved, target.as_ref(), flags)?;
    // Absolute paths in the line table, so a debugger finds the files from any directory.
    let abs = |p: &Path| {
        std::path::absolute(p)
            .unwrap_or_else(|_| p.to_path_buf())
            .to_string_lossy()
            .into_owned()
    };
    opts.debug.il_path = abs(input);
    for path in opts.debug.sources.values_mut() {
        *path = abs(Path::new(path.as_str()));
    }
    Ok((resolved, target, opts))
}

/// Parse, verify and compile `input` to target text.
pub fn compile(
    input: &Path,
    target: Option<String>,
    common: &CommonArgs,
    flags: DebugFlags,
) -> Result<Compiled, Failure> {
    compile_to(input, target, common, flags, Want::Text)
}

/// Parse, verify and compile `input` to what `want` asks for.
pub fn compile_to(
    input: &Path,
    target: Option<String>,
    common: &CommonArgs,
    flags: DebugFlags,
    want: Want,
) -> Result<Compiled, Failure> {
    let (resolved, target, options) = prepare(input, target, common, flags)?;
    compile_prepared(input, resolved, target, options, want)
}

/// Parse, verify and compile `input` with settings from [`prepare`].
pub fn compile_prepared(
    input: &Path,
    resolved: Resolved,
    target: Box<dyn Target>,
    options: CodegenOptions,
    want: Want,
) -> Result<Compiled, Failure> {
    let mut loaded = load_and_time(input, &options)?;
    let direct = !resolved.settings.via_asm.value;
    let object = match want {
        Want::Object if direct => {
            // The module is handed over (its functions' IL goes as they are lowered); its
            // headers stay for what comes after (the entry point check; link diagnostics read
            // the whole module again, `Compiled::whole_module`).
            let headers = loaded.module.headers();
            let module = std::mem::replace(&mut loaded.module, headers);
            target.compile_object(module, &options)
        }
        Want::Object | Want::Text => None,
    };
    let (text, object) = match object {
        Some(o) => (None, Some(o.map_err(|e| loaded.codegen_failure(&e))?)),
        None => {
            let text = target
                .compile(&loaded.module, &options)
                .map_err(|e| loaded.codegen_failure(&e))?;
            (Some(text), None)
        }
    };
    Ok(Compiled {
        loaded,
        text,
        object,
        target,
        options,
        resolved,
    })
}

/// Parse, verify and compile `input` with settings from [`prepare`], writing the target text to
/// `out` as it is made (`Target::compile_to`: the module's text is never held whole, and the
/// module is handed over, so its functions' IL can go once they are lowered). The bytes
/// are those [`compile_prepared`] with [`Want::Text`] gives.
pub fn compile_prepared_to(
    input: &Path,
    target: &dyn Target,
    options: &CodegenOptions,
    out: &mut dyn std::io::Write,
) -> Result<(), Failure> {
    let mut loaded = load_and_time(input, options)?;
    // The source is needed only to show an error's line: not held while the module compiles
    // (it is as large as the input), read again if an error is to be shown.
    loaded.source = Default::default();
    let module = std::mem::take(&mut loaded.module);
    target.compile_to(module, options, out).map_err(|e| {
        loaded.source = std::fs::read_to_string(input).unwrap_or_default().into();
        loaded.codegen_failure(&e)
    })
}

/// Read, parse and verify `input`, printing the time taken with `--time-passes`.
fn load_and_time(input: &Path, options: &CodegenOptions) -> Result<Loaded, Failure> {
    let start = std::time::Instant::now();
    let loaded = load_module(input)?;
    if options.time_passes {
        eprintln!(
            "time {:<24} {:>10.3} ms",
            "parse+verify",
            start.elapsed().as_secs_f64() * 1e3
        );
    }
    Ok(loaded)
}

impl Compiled {
    /// The native toolchain for this compilation (fails for targets that do not produce
    /// native assembly).
    pub fn native(&self) -> Result<Native, Failure> {
        Native::new(self.target.info(), &self.options, &self.resolved.settings)
    }

    /// Whether objects come from the target's own encoder (the default) rather than the system
    /// assembler (`--via-asm`, `[link] via_asm`, or a target without an assembler).
    pub fn direct_object(&self) -> bool {
        !self.resolved.settings.via_asm.value
    }

    /// The target text (present unless the object came straight from the target).
    pub fn text(&self) -> Result<&str, Failure> {
        self.text
            .as_deref()
            .ok_or_else(|| Failure::msg("internal error: this compilation made no text"))
    }

    /// The object file's bytes from the target's own assembler, if it has one (borrowed when
    /// the compilation already made them).
    pub fn own_object(&self) -> Option<Result<std::borrow::Cow<'_, [u8]>, Failure>> {
        if let Some(o) = &self.object {
            return Some(Ok(std::borrow::Cow::Borrowed(o)));
        }
        if !self.direct_object() {
            return None;
        }
        let text = match self.text() {
            Ok(t) => t,
            Err(e) => return Some(Err(e)),
        };
        let start = std::time::Instant::now();
        let r = self.target.assemble(text, &self.options)?;
        if self.options.time_passes {
            eprintln!(
                "time {:<24} {:>10.3} ms",
                "assemble+object",
                start.elapsed().as_secs_f64() * 1e3
            );
        }
        Some(
            r.map(std::borrow::Cow::Owned)
                .map_err(|e| self.loaded.codegen_failure(&e)),
        )
    }

    fn write_object(&self, bytes: &[u8], dir: &Path) -> Result<PathBuf, Failure> {
        let o = dir.join("prog.o");
        std::fs::write(&o, bytes)
            .map_err(|e| Failure::msg(format!("cannot write {}: {e}", o.display())))?;
        Ok(o)
    }

    /// Write `dir/prog.o`: with the target's own encoder (no external tool), else assembled by
    /// the system assembler.
    pub fn build_object(&self, dir: &Path) -> Result<PathBuf, Failure> {
        match self.own_object() {
            Some(bytes) => self.write_object(&bytes?, dir),
            None => self.native()?.assemble(self.text()?, dir),
        }
    }

    /// Write the object and link it with the runtime into `dir/prog`. A module without `@main` is fine for
    /// assembly and object files but not for a program: that is a located error (at the `il`
    /// header) before anything is built.
    pub fn build_executable(&self, dir: &Path) -> Result<PathBuf, Failure> {
        self.require_main()?;
        let native = self.native()?;
        let obj = match self.own_object() {
            Some(bytes) => self.write_object(&bytes?, dir)?,
            None => native.assemble(self.text()?, dir)?,
        };
        native.link(&obj, dir, &|| self.whole_module())
    }

    /// The whole module, for diagnostics after compiling. The object path handed the module
    /// over and kept only its headers ([`il::Module::headers`]), so it is read again from the
    /// source (which parsed before); otherwise it is the one loaded.
    pub fn whole_module(&self) -> il::Module {
        if self.object.is_some() {
            if let Ok(m) = il::parse(&self.loaded.source, &self.loaded.file) {
                return m;
            }
        }
        self.loaded.module.clone()
    }

    /// Error unless the module defines `@main` (the program entry, IL-SPEC §1).
    pub fn require_main(&self) -> Result<(), Failure> {
        let m = &self.loaded.module;
        if m.functions.iter().any(|f| m.sym_name(f.name) == "main") {
            return Ok(());
        }
        let span = header_span(&self.loaded.source);
        Err(Failure(
            Diagnostic::error(
                span,
                "no @main function: a program needs one (use -S, or -o FILE.o for an object file)",
            )
            .render(&self.loaded.file, &self.loaded.source),
        ))
    }
}

/// Position of the module header: the first line that is not blank or a comment (IL-SPEC §2.1).
fn header_span(source: &str) -> Span {
    let line = source
        .lines()
        .position(|l| {
            let t = l.trim_start_matches('\u{feff}').trim();
            !(t.is_empty() || t.starts_with('#') || t.starts_with("//"))
        })
        .unwrap_or(0);
    Span {
        line: line as u32 + 1,
        col: 1,
    }
}
