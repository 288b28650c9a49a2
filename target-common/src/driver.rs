//! The shared code-generation driver: one pipeline for every native target (QBE's `main.c`,
//! Cranelift's lowering driver), with the target plugged in through [`Backend`] hooks.
//!
//! Before that, once per module: the target's IL passes (`crate::il_opt`, e.g. `inline`) over a
//! copy of the module. Per function: `Backend::lower` (IL → MIR with virtual registers) → MIR verifier → CFG clean-up
//! (unreachable blocks removed, critical edges split: what register allocation needs) → pre-RA
//! passes → register allocation (`Backend::allocator`) → MIR verifier → `Backend::lower_frame` →
//! post-RA passes → emission (`codegen_api::Emitter`). The verifier also runs after every pass when
//! `options.verify_mir`; `dump_mir_*` print the MIR to stderr; `time_passes` sums every stage's
//! time over the module and prints it once.
//!
//! Invariants: functions are compiled in parallel (rayon), in batches of [`BATCH`], and emitted
//! serially in module order, so the output is byte-identical for every thread count; with MIR
//! dumps on, functions compile one after another so dumps do not interleave. A pass can only be
//! registered under a name the target's `TargetInfo::passes` lists, with the stage listed there
//! ([`Passes::add`] refuses anything else), so configuration and code cannot drift apart.
//! [`compile_module_overlapped`] hands the same text, in the same order, to a consumer thread
//! (the target's assembler) as it is emitted, so encoding overlaps compilation.

use crate::mir::{MachInst, MirFunction};
use crate::pass_manager::{run_verifier, PassManager, Timings, Verifier};
use codegen_api::{CodegenError, CodegenOptions, Emitter, PassStage, RegAlloc, TargetInfo};
use rayon::prelude::*;

/// Functions compiled in parallel per batch before the batch is emitted (bounds the memory held
/// by compiled-but-not-yet-emitted functions).
pub const BATCH: usize = 256;

/// A per-function container that holds machine IR (plus whatever side tables the target keeps).
pub trait HasMir {
    type Inst: MachInst;
    fn mir(&self) -> &MirFunction<Self::Inst>;
    fn mir_mut(&mut self) -> &mut MirFunction<Self::Inst>;
}

/// The passes of one target, checked against its `TargetInfo` as they are registered.
pub struct Passes<F> {
    info: &'static TargetInfo,
    pub il: crate::il_opt::IlPasses,
    pub pre_ra: PassManager<F>,
    pub post_ra: PassManager<F>,
}

impl<F> Passes<F> {
    pub fn new(info: &'static TargetInfo, verifier: Verifier<F>) -> Self {
        let mut pre_ra = PassManager::new();
        pre_ra.set_verifier(verifier);
        let mut post_ra = PassManager::new();
        post_ra.set_verifier(verifier);
        Passes {
            info,
            il: crate::il_opt::IlPasses::default(),
            pre_ra,
            post_ra,
        }
    }
    /// Register pass `name` (run in registration order within its stage). Errors if the target's
    /// info does not list it.
    pub fn add(
        &mut self,
        name: &'static str,
        run: fn(&mut F, &CodegenOptions) -> Result<(), CodegenError>,
    ) -> Result<(), CodegenError> {
        let info = self.info.pass(name).ok_or_else(|| {
            CodegenError::Internal(format!(
                "pass `{name}` is not listed in the passes of target `{}`",
                self.info.name
            ))
        })?;
        match info.stage {
            PassStage::Il => {
                return Err(CodegenError::Internal(format!(
                    "pass `{name}` runs over IL: register it with `Passes::add_il`"
                )))
            }
            PassStage::PreRa => self.pre_ra.add(info, run),
            PassStage::PostRa => self.post_ra.add(info, run),
        }
        Ok(())
    }
    /// Register IL pass `name` (stage `Il` in the target's info; run in registration order).
    pub fn add_il(
        &mut self,
        name: &'static str,
        run: crate::il_opt::IlPass,
    ) -> Result<(), CodegenError> {
        match self.info.pass(name) {
            Some(info) if info.stage == PassStage::Il => {
                self.il.add(info, run);
                Ok(())
            }
            _ => Err(CodegenError::Internal(format!(
                "IL pass `{name}` is not listed as an IL pass of target `{}`",
                self.info.name
            ))),
        }
    }
    /// Names of every registered pass, IL first, then pre-RA.
    pub fn names(&self) -> Vec<&'static str> {
        let mut v = self.il.names();
        v.extend(self.pre_ra.names());
        v.extend(self.post_ra.names());
        v
    }
}

/// What a target plugs into the driver. One value per module: it may hold module-wide,
/// read-only facts (symbol names, an index of the module) shared by all worker threads.
pub trait Backend: Sync {
    /// The per-function container the pipeline works on.
    type Func: HasMir + Send;
    /// The target's static description (its pass list is what [`Passes::add`] checks against).
    fn info(&self) -> &'static TargetInfo;
    /// IL → MIR for one function (virtual registers, block parameters, edge arguments).
    fn lower(
        &self,
        module: &il::Module,
        func: &il::Function,
        options: &CodegenOptions,
    ) -> Result<Self::Func, CodegenError>;
    /// The MIR verifier: the generic checks plus the target's own.
    fn verifier(&self) -> Verifier<Self::Func>;
    /// Register the target's optional passes.
    fn passes(&self, passes: &mut Passes<Self::Func>) -> Result<(), CodegenError>;
    /// The register allocator for these options.
    fn allocator(
        &self,
        options: &CodegenOptions,
    ) -> Result<Box<dyn RegAlloc<Self::Func>>, CodegenError>;
    /// Frame lowering after allocation: prologue/epilogue, spill and stack-slot offsets.
    fn lower_frame(&self, f: &mut Self::Func, options: &CodegenOptions)
        -> Result<(), CodegenError>;
}

/// Time `f` as stage `name` when timing is on.
fn stage<T>(timings: &mut Timings, on: bool, name: &'static str, f: impl FnOnce() -> T) -> T {
    if on {
        timings.time(name, f)
    } else {
        f()
    }
}

fn dump<F: HasMir>(f: &F, when: &str) {
    eprintln!("// MIR {when}\n{}", f.mir());
}

/// Compile one function up to (not including) emission. Independent of every other function.
fn compile_function<B: Backend>(
    backend: &B,
    passes: &Passes<B::Func>,
    ra: &dyn RegAlloc<B::Func>,
    module: &il::Module,
    func: &il::Function,
    options: &CodegenOptions,
    timings: &mut Timings,
) -> Result<B::Func, CodegenError> {
    let on = options.time_passes;
    let verifier = Some(backend.verifier());
    let mut f = stage(timings, on, "lower", || {
        backend.lower(module, func, options)
    })?;
    run_verifier(verifier, &f, options, "lowering")?;
    stage(timings, on, "cfg", || {
        crate::cfg::remove_unreachable_blocks(f.mir_mut());
        crate::cfg::split_critical_edges(f.mir_mut());
    });
    passes.pre_ra.run(&mut f, options, timings)?;
    if options.dump_mir_before_ra || options.dump_mir_full {
        dump(&f, "before register allocation");
    }
    stage(timings, on, "regalloc", || ra.allocate(&mut f, options))?;
    run_verifier(verifier, &f, options, "register allocation")?;
    stage(timings, on, "frame", || {
        backend.lower_frame(&mut f, options)
    })?;
    passes.post_ra.run(&mut f, options, timings)?;
    if options.dump_mir_after_ra || options.dump_mir_full {
        dump(&f, "after register allocation");
    }
    Ok(f)
}

/// Compile every function of `module` through `backend` and emit the module with `emitter`.
pub fn compile_module<B: Backend>(
    backend: &B,
    emitter: &mut dyn Emitter<B::Func>,
    module: &il::Module,
    options: &CodegenOptions,
) -> Result<String, CodegenError> {
    let mut out = String::new();
    // The text accumulates in `out`: nothing to hand over between pieces.
    run(backend, emitter, module, options, &mut out, None)?;
    Ok(out)
}

/// Compile and emit like [`compile_module`], but hand the text over piece by piece (the module
/// header, each function in module order, the module trailer) to `consume`, which runs on a
/// thread of its own while the module is still being compiled — an assembler, typically, so
/// that encoding overlaps compilation instead of following it. Returns what `consume` returns;
/// a compilation error wins over whatever `consume` made of the pieces it got.
pub fn compile_module_overlapped<B: Backend, R: Send>(
    backend: &B,
    emitter: &mut dyn Emitter<B::Func>,
    module: &il::Module,
    options: &CodegenOptions,
    consume: impl FnOnce(std::sync::mpsc::Receiver<String>) -> R + Send,
) -> Result<R, CodegenError> {
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let consumer = scope.spawn(move || consume(rx));
        let mut out = String::new();
        // A consumer that stopped early (it found an error) drops the receiver; its result
        // says why, so a failed send is ignored here.
        let compiled = run(
            backend,
            emitter,
            module,
            options,
            &mut out,
            Some(&mut |piece: &mut String| {
                let _ = tx.send(std::mem::take(piece));
            }),
        );
        if !out.is_empty() {
            let _ = tx.send(out);
        }
        drop(tx);
        let consumed = consumer
            .join()
            .map_err(|_| CodegenError::Internal("the output consumer panicked".into()));
        compiled?;
        consumed
    })
}

/// The pipeline over the whole module: text goes into `out`; with a `handover`, it is called
/// after each piece (module header, each function, module trailer).
///
/// Freeing the compiled functions: without a handover (nothing else runs), a batch's functions
/// are freed on the worker threads once it is emitted; with one, the consumer thread is busy
/// while this thread emits, so each function is freed here right after its text is handed over
/// (a parallel free would take the consumer's core).
fn run<B: Backend>(
    backend: &B,
    emitter: &mut dyn Emitter<B::Func>,
    module: &il::Module,
    options: &CodegenOptions,
    out: &mut String,
    mut handover: Option<&mut dyn FnMut(&mut String)>,
) -> Result<(), CodegenError> {
    let overlapped = handover.is_some();
    let mut handover = |out: &mut String| {
        if let Some(h) = handover.as_mut() {
            h(out);
        }
    };
    let mut passes = Passes::new(backend.info(), backend.verifier());
    backend.passes(&mut passes)?;
    let ra = backend.allocator(options)?;
    let mut timings = Timings::default();
    // IL passes (at -O2: inlining) give a new module with the same functions, symbols and
    // globals, so module-wide facts the backend computed from `module` stay valid.
    let optimized = passes.il.run(module, options, &mut timings)?;
    let module = optimized.as_ref().unwrap_or(module);
    emitter.begin_module(out);
    handover(out);
    let dumps = options.dump_mir_before_ra || options.dump_mir_after_ra || options.dump_mir_full;
    for batch in module.functions.chunks(BATCH) {
        let one = |func: &il::Function| {
            let mut t = Timings::default();
            let r = compile_function(backend, &passes, &*ra, module, func, options, &mut t);
            (r, t)
        };
        let compiled: Vec<(Result<B::Func, CodegenError>, Timings)> = if dumps {
            batch.iter().map(one).collect()
        } else {
            batch.par_iter().map(one).collect()
        };
        let mut done = Vec::with_capacity(compiled.len());
        for (r, t) in compiled {
            timings.merge(&t);
            let f = r?;
            stage(&mut timings, options.time_passes, "emit", || {
                emitter.emit_function(&f, out)
            })?;
            handover(out);
            if overlapped {
                drop(f);
            } else {
                done.push(f);
            }
        }
        done.into_par_iter().for_each(drop);
    }
    stage(&mut timings, options.time_passes, "emit", || {
        emitter.end_module(out)
    });
    handover(out);
    if options.time_passes {
        eprint!("{}", timings.report());
    }
    Ok(())
}
