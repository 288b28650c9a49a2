//! The target traits.
//!
//! [`Target`] is the only trait a plugin must implement; [`TargetInfo`] is its static description
//! (one small table per target, as in QBE). [`Lowering`], [`RegAlloc`] and [`Emitter`] are the
//! pipeline stages a native target is built from; they are generic over the target's machine-IR
//! function type `F`, so `dyn RegAlloc<F>` lets a target choose an allocator at run time.

use crate::{CodegenError, CodegenOptions, OptLevel, TargetOs};
use dyn_clone::DynClone;

/// Where in the pipeline a pass runs (`target_common::driver` runs them in this order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PassStage {
    /// Over the whole IL module, before any function is lowered (`target_common::il_opt`).
    Il,
    /// Over machine IR with virtual registers, before register allocation.
    PreRa,
    /// Over allocated, frame-lowered machine IR, before emission.
    PostRa,
}

impl PassStage {
    pub fn name(self) -> &'static str {
        match self {
            PassStage::Il => "IL",
            PassStage::PreRa => "pre-RA",
            PassStage::PostRa => "post-RA",
        }
    }
}

/// A registered optional pass: its name (as in viper.toml `[passes.NAME]`), stage, the lowest
/// optimisation level at which it runs by default, and a one-line description.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PassInfo {
    pub name: &'static str,
    pub stage: PassStage,
    pub min_level: OptLevel,
    pub description: &'static str,
}

/// A named code-generation choice that is not a pass (a lowering, frame or emission strategy),
/// switched with viper.toml `[settings] NAME = true|false`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SettingInfo {
    pub name: &'static str,
    pub default: bool,
    pub description: &'static str,
}

/// Static facts about a target.
#[derive(Clone, Debug)]
pub struct TargetInfo {
    /// Canonical name used on the command line (`arm64`).
    pub name: &'static str,
    /// Other accepted names (`aarch64`).
    pub aliases: &'static [&'static str],
    /// One-line description for `viper targets`.
    pub description: &'static str,
    /// Operating systems this target can generate code for.
    pub oses: &'static [TargetOs],
    /// Pointer size in bytes.
    pub pointer_bytes: u32,
    /// For targets whose [`Target::compile`] output is assembly to be assembled and linked into a
    /// native program: the architecture as GNU triples spell it (`aarch64`), used to find the
    /// cross toolchain and emulator. `None` for targets that only print or analyse IL.
    pub native_arch: Option<&'static str>,
    /// The optional passes this target runs (each can be switched off in viper.toml); the
    /// driver refuses to register a pass that is not listed here.
    pub passes: &'static [PassInfo],
    /// The target's named code-generation settings (viper.toml `[settings]`).
    pub settings: &'static [SettingInfo],
    /// Names of the register allocators this target offers; the first is the default.
    pub register_allocators: &'static [&'static str],
}

/// A code-generation target (a plugin). Must be cheap to clone and thread-safe.
pub trait Target: DynClone + Send + Sync {
    /// The target's static description.
    fn info(&self) -> &TargetInfo;

    /// Compile a verified module to target text (assembly for native targets).
    /// Must be deterministic: the same module and options give byte-identical output.
    fn compile(
        &self,
        module: &il::Module,
        options: &CodegenOptions,
    ) -> Result<String, CodegenError>;

    /// Compile like [`Target::compile`] and write the same bytes to `out`, consuming the module
    /// (a target may free each function's IL once it is lowered). The default writes
    /// [`Target::compile`]'s string; a target overrides it to write each piece as it is made,
    /// so the module's text is never held whole (what `viper codegen -S` uses). A write error is
    /// returned as [`CodegenError::Other`] naming it; `out` may then hold a prefix of the text.
    fn compile_to(
        &self,
        module: il::Module,
        options: &CodegenOptions,
        out: &mut dyn std::io::Write,
    ) -> Result<(), CodegenError> {
        let text = self.compile(&module, options)?;
        out.write_all(text.as_bytes())
            .and_then(|_| out.flush())
            .map_err(|e| CodegenError::Other(format!("cannot write the output: {e}")))
    }

    /// Assemble this target's [`Target::compile`] output into a relocatable object file
    /// in-process (ELF or Mach-O per `options.os`). `None` when the target has no assembler of
    /// its own (the system assembler is used then).
    fn assemble(
        &self,
        _text: &str,
        _options: &CodegenOptions,
    ) -> Option<Result<Vec<u8>, CodegenError>> {
        None
    }

    /// Compile a verified module straight to a relocatable object file: the same bytes as
    /// [`Target::assemble`] of [`Target::compile`], typically made faster by encoding while the
    /// module is still being compiled. The module is handed over, as to [`Target::compile_to`],
    /// so that each function's IL can go once it is lowered. `None` when the target has no
    /// assembler of its own.
    fn compile_object(
        &self,
        _module: il::Module,
        _options: &CodegenOptions,
    ) -> Option<Result<Vec<u8>, CodegenError>> {
        None
    }

    /// Whether `name` names this target (its canonical name or an alias).
    fn matches_name(&self, name: &str) -> bool {
        let info = self.info();
        info.name == name || info.aliases.contains(&name)
    }
}

dyn_clone::clone_trait_object!(Target);

/// IL → machine IR for one function (instruction selection).
pub trait Lowering<F> {
    fn lower_function(
        &self,
        module: &il::Module,
        func: &il::Function,
        options: &CodegenOptions,
    ) -> Result<F, CodegenError>;
    /// Lower a function the caller gives away: a lowering may free its IL as it goes (each block
    /// once lowered), so that a huge function's IL and machine IR do not add up. The same result
    /// as [`Lowering::lower_function`], which the default calls.
    fn lower_function_owned(
        &self,
        module: &il::Module,
        func: il::Function,
        options: &CodegenOptions,
    ) -> Result<F, CodegenError> {
        self.lower_function(module, &func, options)
    }
}

/// Register allocation over a whole machine-IR function, in place.
pub trait RegAlloc<F>: DynClone + Send + Sync {
    /// The allocator's name as used in configuration (`regalloc2`, `fast`, …).
    fn name(&self) -> &'static str;
    fn allocate(&self, func: &mut F, options: &CodegenOptions) -> Result<(), CodegenError>;
}

/// Machine IR → assembly text, in two steps so that functions can be emitted in parallel.
///
/// [`Emitter::emit_function`] runs on worker threads, once per function, and touches no module
/// state: it returns the function's text together with whatever module-level data that text
/// refers to (strings, tables: `Self::Piece`). [`Emitter::link_function`] runs on one thread, in
/// module order, while later functions are still being emitted: it merges a piece's data into
/// the module state (`Self::Module`: data pools, symbol tables, made by `begin_module` and
/// consumed by `end_module`) and makes the piece's text final. Whatever the number of threads,
/// the output is the same.
pub trait Emitter<F>: Sync {
    /// One function's emitted text and the module data it refers to.
    type Piece: Send;
    /// What the module accumulates from its functions.
    type Module;
    /// Text that starts the module (sections, directives), and the empty module state.
    fn begin_module(&self, out: &mut String) -> Self::Module;
    /// One function, after register allocation and frame lowering (on any thread).
    fn emit_function(&self, func: &F) -> Result<Self::Piece, CodegenError>;
    /// Merge a piece made by `emit_function` into the module (called in module order).
    fn link_function(&self, module: &mut Self::Module, piece: &mut Self::Piece);
    /// [`Emitter::link_function`], with the linked text handed to `out` (in one or more
    /// parts, in order) instead of kept in the piece, so that a streaming caller
    /// (`Target::compile_to`) never holds a function's text twice. The default links and hands
    /// over [`Emitter::piece_text`]; the first error `out` returns is returned.
    fn link_function_to(
        &self,
        module: &mut Self::Module,
        piece: Self::Piece,
        out: &mut dyn FnMut(&str) -> Result<(), CodegenError>,
    ) -> Result<(), CodegenError> {
        let mut piece = piece;
        self.link_function(module, &mut piece);
        out(self.piece_text(&piece))
    }
    /// The text of a linked piece.
    fn piece_text<'p>(&self, piece: &'p Self::Piece) -> &'p str;
    /// Text that ends the module (data, rodata, trailing directives).
    fn end_module(&self, module: Self::Module, out: &mut String);
}

impl TargetInfo {
    /// The registered pass `name`, if any.
    pub fn pass(&self, name: &str) -> Option<&'static PassInfo> {
        self.passes.iter().find(|p| p.name == name)
    }
    /// The registered setting `name`, if any.
    pub fn setting(&self, name: &str) -> Option<&'static SettingInfo> {
        self.settings.iter().find(|s| s.name == name)
    }
}
