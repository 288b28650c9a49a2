//! target-aarch64: the arm64 target (Linux/ELF and Darwin/Mach-O).
//!
//! Pipeline per function (one concern per module):
//! `lower` (IL → MIR with vregs) → critical-edge splitting → optional pre-RA passes
//! (`const-reuse`, `dce`) → register allocation (`regalloc`: regalloc2 Ion by default, Fastalloc at
//! -O0 or with `regalloc = "fast"`) → `frame` lowering → optional post-RA passes
//! (`redundant-moves`) → `emit` (one printer with an OS switch). The MIR verifier runs between
//! stages when `options.verify_mir`; `dump_mir_*` options print MIR to stderr.
//! Functions are compiled in parallel (lowering through post-RA passes, in batches) and emitted
//! sequentially in module order, so output is deterministic and independent of the thread count.

pub mod abi;
pub mod eh;
pub mod emit;
pub mod frame;
pub mod func;
pub mod imm;
pub mod inst;
pub mod lower;
pub mod names;
pub mod passes;
pub mod regalloc;
pub mod regs;
pub mod shrink_wrap;

use codegen_api::{
    CodegenError, CodegenOptions, Emitter, Lowering, OptLevel, RegAlloc, Target, TargetInfo,
    TargetOs,
};
use func::A64Function;
use rayon::prelude::*;
use target_common::passes::{run_verifier, PassManager, Timings};

/// The arm64 target.
#[derive(Clone, Debug, Default)]
pub struct Aarch64Target;

static INFO: TargetInfo = TargetInfo {
    name: "arm64",
    aliases: &["aarch64"],
    description: "AArch64 native code (GNU as / ELF on Linux, Apple as / Mach-O on macOS)",
    oses: &[TargetOs::Linux, TargetOs::Darwin],
    pointer_bytes: 8,
    native_arch: Some("aarch64"),
    passes: passes::PASS_NAMES,
    register_allocators: &["regalloc2", "fast"],
};

codegen_api::inventory::submit! {
    codegen_api::TargetRegistration::new(|| Box::new(Aarch64Target))
}

/// Lowering for one module (implements `codegen_api::Lowering`).
pub struct A64Lowering<'m> {
    pub names: &'m names::SymbolNames,
    /// O(1) symbol lookups in the module being compiled.
    pub index: &'m il::ModuleIndex,
}

impl Lowering<A64Function> for A64Lowering<'_> {
    fn lower_function(
        &self,
        module: &il::Module,
        func: &il::Function,
        options: &CodegenOptions,
    ) -> Result<A64Function, CodegenError> {
        let ctx = lower::ModuleCtx {
            module,
            index: self.index,
            names: self.names,
            os: options.os,
        };
        let symbol = self
            .names
            .func(func.name)
            .ok_or_else(|| CodegenError::Internal("function without a symbol".into()))?;
        lower::lower_function(
            &ctx,
            func,
            self.index.function_index(func.name).unwrap_or(0),
            symbol,
            options,
        )
    }
}

fn dump(f: &A64Function, when: &str) {
    eprintln!("// MIR {when}\n{}", f.mir);
}

/// Time `f` as stage `name` when timing is on.
fn stage<T>(timings: &mut Timings, on: bool, name: &'static str, f: impl FnOnce() -> T) -> T {
    if on {
        timings.time(name, f)
    } else {
        f()
    }
}

/// Compile one function up to (not including) emission: lowering, pre-RA passes, register
/// allocation, frame lowering and post-RA passes. Independent of every other function, so
/// functions are compiled in parallel.
fn compile_function(
    lowering: &A64Lowering<'_>,
    module: &il::Module,
    func: &il::Function,
    options: &CodegenOptions,
    timings: &mut Timings,
) -> Result<A64Function, CodegenError> {
    let on = options.time_passes;
    let mut f = stage(timings, on, "lower", || {
        lowering.lower_function(module, func, options)
    })?;
    let verifier: Option<target_common::passes::Verifier<A64Function>> = Some(passes::verify);
    run_verifier(verifier, &f, options, "lowering")?;
    stage(timings, on, "cfg", || {
        target_common::cfg::remove_unreachable_blocks(&mut f.mir);
        target_common::cfg::split_critical_edges(&mut f.mir);
    });
    let mut pre = PassManager::new();
    pre.set_verifier(passes::verify);
    pre.add("const-reuse", passes::const_reuse);
    pre.add("cmp-branch-fusion", passes::cmp_branch_fusion);
    pre.add("dce", passes::dce);
    pre.add("const-hoist", passes::const_hoist);
    pre.run(&mut f, options, timings)?;
    if options.dump_mir_before_ra || options.dump_mir_full {
        dump(&f, "before register allocation");
    }
    let ra: Box<dyn RegAlloc<A64Function>> = match (options.regalloc.as_deref(), options.opt_level)
    {
        (Some("fast"), _) | (None, OptLevel::O0) => Box::new(regalloc::FastAlloc),
        (None | Some("regalloc2") | Some("ion"), _) => Box::new(regalloc::IonAlloc),
        (Some(other), _) => {
            return Err(CodegenError::Other(format!(
                "unknown register allocator `{other}` (arm64 offers: regalloc2, fast)"
            )))
        }
    };
    stage(timings, on, "regalloc", || ra.allocate(&mut f, options))?;
    run_verifier(verifier, &f, options, "register allocation")?;
    stage(timings, on, "frame", || {
        frame::lower_frame(&mut f, options.pass_enabled("leaf-frame"))
    })?;
    let mut post = PassManager::new();
    post.set_verifier(passes::verify);
    post.add("redundant-moves", passes::redundant_moves);
    post.add("jump-threading", passes::jump_threading);
    post.add("tail-dup", passes::tail_dup);
    post.add("shrink-wrap", shrink_wrap::shrink_wrap);
    post.run(&mut f, options, timings)?;
    if options.dump_mir_after_ra || options.dump_mir_full {
        dump(&f, "after register allocation");
    }
    Ok(f)
}

/// Functions compiled in parallel per batch before the batch is emitted (bounds the memory held
/// by compiled-but-not-yet-emitted functions).
const BATCH: usize = 256;

impl Target for Aarch64Target {
    fn info(&self) -> &TargetInfo {
        &INFO
    }

    fn compile(
        &self,
        module: &il::Module,
        options: &CodegenOptions,
    ) -> Result<String, CodegenError> {
        let index = il::ModuleIndex::new(module);
        let names = names::SymbolNames::new(module, &index);
        let lowering = A64Lowering {
            names: &names,
            index: &index,
        };
        let entry = module
            .functions
            .iter()
            .find(|f| module.sym_name(f.name) == "main")
            .map(|f| {
                if !f.params.is_empty() {
                    return Err(CodegenError::unsupported(
                        "@main must not take parameters",
                        f.span,
                    ));
                }
                Ok(emit::EntryInfo {
                    symbol: names.func(f.name).unwrap_or("main.il").to_string(),
                    ret: f.ret,
                    stack_size: options.stack_size,
                })
            })
            .transpose()?;
        let emitter =
            emit::AsmEmitter::new(options.os, options.pass_enabled("branch-elision"), entry);
        let mut out = String::new();
        let mut timings = Timings::default();
        emitter.begin_module(&mut out);
        // Functions are compiled in parallel (rayon; `RAYON_NUM_THREADS` sets the thread count)
        // and emitted serially in module order into the shared data pool, so the output does not
        // depend on the number of threads. With MIR dumps on, functions are
        // compiled one after another so the dumps do not interleave.
        let dumps =
            options.dump_mir_before_ra || options.dump_mir_after_ra || options.dump_mir_full;
        for batch in module.functions.chunks(BATCH) {
            let one = |func: &il::Function| {
                let mut t = Timings::default();
                let r = compile_function(&lowering, module, func, options, &mut t);
                (r, t)
            };
            let compiled: Vec<(Result<A64Function, CodegenError>, Timings)> = if dumps {
                batch.iter().map(one).collect()
            } else {
                batch.par_iter().map(one).collect()
            };
            for (r, t) in compiled {
                timings.merge(&t);
                let f = r?;
                stage(&mut timings, options.time_passes, "emit", || {
                    emitter.emit_function(&f, &mut out)
                })?;
            }
        }
        stage(&mut timings, options.time_passes, "emit", || {
            emitter.end_module(&mut out)
        });
        if options.time_passes {
            eprint!("{}", timings.report());
        }
        Ok(out)
    }
}
