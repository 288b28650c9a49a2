//! The target traits.
//!
//! [`Target`] is the only trait a plugin must implement; [`TargetInfo`] is its static description
//! (one small table per target, as in QBE). [`Lowering`], [`RegAlloc`] and [`Emitter`] are the
//! pipeline stages a native target is built from; they are generic over the target's machine-IR
//! function type `F`, so `dyn RegAlloc<F>` lets a target choose an allocator at run time.

use crate::{CodegenError, CodegenOptions, TargetOs};
use dyn_clone::DynClone;

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
    /// Names of the optional passes this target runs (they can be switched off in viper.toml).
    pub passes: &'static [&'static str],
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
}

/// Register allocation over a whole machine-IR function, in place.
pub trait RegAlloc<F>: DynClone + Send + Sync {
    /// The allocator's name as used in configuration (`regalloc2`, `fast`, …).
    fn name(&self) -> &'static str;
    fn allocate(&self, func: &mut F, options: &CodegenOptions) -> Result<(), CodegenError>;
}

/// Machine IR → assembly text.
pub trait Emitter<F> {
    /// Text that starts the module (sections, directives).
    fn begin_module(&self, out: &mut String);
    /// One function, after register allocation and frame lowering.
    fn emit_function(&self, func: &F, out: &mut String) -> Result<(), CodegenError>;
    /// Text that ends the module (data, rodata, trailing directives).
    fn end_module(&self, out: &mut String);
}
