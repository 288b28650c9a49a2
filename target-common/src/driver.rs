//! The shared code-generation driver: one pipeline for every native target (QBE's `main.c`,
//! Cranelift's lowering driver), with the target plugged in through [`Backend`] hooks.
//!
//! Once per module first: the target's IL passes (`crate::il_opt`, e.g. `inline`), which give a
//! new module or none. Then per function: `Backend::lower` (IL → MIR with virtual registers) → MIR verifier → CFG clean-up
//! (unreachable blocks removed, critical edges split: what register allocation needs) → pre-RA
//! passes → register allocation (`Backend::allocator`) → MIR verifier → `Backend::lower_frame` →
//! post-RA passes → emission (`codegen_api::Emitter::emit_function`, still on the worker, which
//! then frees the function). The verifier also runs after every pass when
//! `options.verify_mir`; `dump_mir_*` print the MIR to stderr; `time_passes` sums every stage's
//! time over the module and prints it once.
//!
//! Invariants: functions are compiled and emitted in parallel (rayon), in batches of [`BATCH`];
//! the emitted pieces are appended serially in module order (`Emitter::link_function`, which
//! also merges their module data), so the output is byte-identical for every thread count; with MIR
//! dumps on, functions compile one after another so dumps do not interleave. A pass can only be
//! registered under a name the target's `TargetInfo::passes` lists, with the stage listed there
//! ([`Passes::add`] refuses anything else), so configuration and code cannot drift apart.
//! [`compile_module_to`] writes that text to a `Write` as each function is linked
//! (`Emitter::link_function_to`: the module's text is never held whole, a function's only once)
//! and consumes the module: each function's IL is taken out (the module keeps its header:
//! name, parameters, result) and given to [`Backend::lower_owned`], which may free it block by
//! block as it lowers (it is gone once lowered), so lowering must read nothing of another
//! function but its header. [`compile_module_each`] consumes the
//! module in the same way and hands the same pieces, in the same order, to a sink on the calling
//! thread (the target's assembler) as they are linked, so encoding overlaps compilation.

use crate::mir::{MachInst, MirFunction};
use crate::pass_manager::{run_verifier, PassManager, Timings, Verifier};
use codegen_api::{CodegenError, CodegenOptions, Emitter, PassStage, RegAlloc, TargetInfo};

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
    /// [`Backend::lower`] of a function the driver gives away (it compiles a module it owns):
    /// the lowering may free the IL as it goes. The default lowers it borrowed.
    fn lower_owned(
        &self,
        module: &il::Module,
        func: il::Function,
        options: &CodegenOptions,
    ) -> Result<Self::Func, CodegenError> {
        self.lower(module, &func, options)
    }
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

/// Lower one function (IL → MIR) and verify the result. Independent of every other function;
/// `func` is not needed afterwards ([`finish_function`] works on the MIR only).
fn lower_function<B: Backend>(
    backend: &B,
    module: &il::Module,
    func: Body<'_>,
    options: &CodegenOptions,
    timings: &mut Timings,
) -> Result<B::Func, CodegenError> {
    let f = stage(timings, options.time_passes, "lower", || match func {
        Body::Borrowed(func) => backend.lower(module, func, options),
        Body::Owned(func) => backend.lower_owned(module, func, options),
    })?;
    run_verifier(Some(backend.verifier()), &f, options, "lowering")?;
    Ok(f)
}

/// Compile a lowered function up to (not including) emission; for a `huge` one, the allocator's
/// freed tables are released once it has run (`codegen_api::memory`).
fn finish_function<B: Backend>(
    backend: &B,
    passes: &Passes<B::Func>,
    ra: &dyn RegAlloc<B::Func>,
    mut f: B::Func,
    options: &CodegenOptions,
    huge: bool,
    timings: &mut Timings,
) -> Result<B::Func, CodegenError> {
    let on = options.time_passes;
    let verifier = Some(backend.verifier());
    stage(timings, on, "cfg", || {
        crate::cfg::remove_unreachable_blocks(f.mir_mut()).map(|_| {
            crate::cfg::split_critical_edges(f.mir_mut());
        })
    })
    .map_err(CodegenError::Internal)?;
    passes.pre_ra.run(&mut f, options, timings)?;
    if options.dump_mir_before_ra || options.dump_mir_full {
        dump(&f, "before register allocation");
    }
    stage(timings, on, "regalloc", || ra.allocate(&mut f, options))?;
    if huge {
        codegen_api::memory::release();
    }
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
pub fn compile_module<B: Backend, E: Emitter<B::Func>>(
    backend: &B,
    emitter: &E,
    module: &il::Module,
    options: &CodegenOptions,
) -> Result<String, CodegenError> {
    let mut out = String::new();
    run(
        backend,
        emitter,
        Input::Borrowed(module),
        options,
        &mut Output::Pieces(&mut |h| {
            out.push_str(match &h {
                Handover::Text(t) => t,
                Handover::Function(p) => emitter.piece_text(p),
            });
            Ok(())
        }),
    )?;
    Ok(out)
}

/// Compile like [`compile_module`], but write the text to `out` as each function is linked
/// (`Emitter::link_function_to`) instead of collecting it: the module's text is never held
/// whole, and a function's text only once. The module is consumed: each function's IL is
/// dropped as soon as the function is lowered. The bytes written
/// are exactly [`compile_module`]'s string. The first write error stops the compilation and is
/// returned (as [`CodegenError::Other`], naming the failure); `out` may then hold a prefix of the
/// text, so a caller that must not leave partial output writes to a temporary file.
pub fn compile_module_to<B: Backend, E: Emitter<B::Func>>(
    backend: &B,
    emitter: &E,
    module: il::Module,
    options: &CodegenOptions,
    out: &mut dyn std::io::Write,
) -> Result<(), CodegenError> {
    run(
        backend,
        emitter,
        Input::Owned(module),
        options,
        &mut Output::Text(out),
    )?;
    out.flush().map_err(write_error)
}

fn write_error(e: std::io::Error) -> CodegenError {
    CodegenError::Other(format!("cannot write the output: {e}"))
}

/// The module [`run`] compiles: borrowed, or owned, when each function's IL is taken out of it
/// and dropped as soon as the function is lowered (not kept through register allocation and
/// emission: on a huge function the IL is as large as the machine IR).
enum Input<'a> {
    Borrowed(&'a il::Module),
    Owned(il::Module),
}

/// The functions of the module being compiled, each handed to lowering once.
enum Bodies<'a> {
    Borrowed(&'a [il::Function]),
    /// Taken out of the module (which keeps their headers, see [`il::Function::header`]).
    Owned(Vec<std::sync::Mutex<Option<il::Function>>>),
}

/// One function's IL as [`Bodies`] hands it to lowering.
enum Body<'a> {
    Borrowed(&'a il::Function),
    /// Lowering takes it over (and may free it as it goes: [`Backend::lower_owned`]).
    Owned(il::Function),
}

impl Bodies<'_> {
    /// Run `lower` on function `i`; an owned function is handed over (freed by `lower`).
    fn lower<R>(
        &self,
        i: usize,
        lower: impl FnOnce(Body<'_>) -> Result<R, CodegenError>,
    ) -> Result<R, CodegenError> {
        match self {
            Bodies::Borrowed(fs) => lower(Body::Borrowed(&fs[i])),
            Bodies::Owned(slots) => {
                let func = slots[i]
                    .lock()
                    .ok()
                    .and_then(|mut s| s.take())
                    .ok_or_else(|| {
                        CodegenError::Internal(format!("function {i} was lowered twice"))
                    })?;
                lower(Body::Owned(func))
            }
        }
    }
}

/// Where [`run`] puts the module.
enum Output<'a, P> {
    /// Each piece, linked, to a consumer ([`compile_module`], [`compile_module_each`]).
    Pieces(&'a mut dyn FnMut(Handover<P>) -> Result<(), CodegenError>),
    /// The text, written as it is linked (`Emitter::link_function_to`: no function's text is
    /// held twice).
    Text(&'a mut dyn std::io::Write),
}

impl<P> Output<'_, P> {
    /// Module header or trailer text.
    fn text(&mut self, t: String) -> Result<(), CodegenError> {
        match self {
            Output::Pieces(sink) => sink(Handover::Text(t)),
            Output::Text(w) => w.write_all(t.as_bytes()).map_err(write_error),
        }
    }
}

/// What [`compile_module_each`] hands to its consumer, in module order.
pub enum Handover<P> {
    /// Text of the module header or trailer.
    Text(String),
    /// One function, linked to the module's data (`Emitter::link_function`): its text is final.
    Function(P),
}

/// Compile and emit like [`compile_module`], but hand the output over piece by piece (the
/// module header, each function in module order, the module trailer) to `sink`, which runs on
/// the calling thread while later functions are still being compiled on the workers — an
/// assembler, typically, so that encoding overlaps compilation instead of following it, without
/// a thread of its own (a thread costs its own allocator heap: fresh memory, which the kernel
/// clears). The module is consumed as by [`compile_module_to`]. The first error, of the
/// compilation or of `sink`, stops the pipeline and is returned.
pub fn compile_module_each<B: Backend, E: Emitter<B::Func>>(
    backend: &B,
    emitter: &E,
    module: il::Module,
    options: &CodegenOptions,
    sink: &mut dyn FnMut(Handover<E::Piece>) -> Result<(), CodegenError>,
) -> Result<(), CodegenError> {
    run(
        backend,
        emitter,
        Input::Owned(module),
        options,
        &mut Output::Pieces(sink),
    )
}

/// The pipeline over the whole module; `out` gets the module header, each function (linked),
/// and the module trailer, in order; the first error it returns stops the pipeline and is
/// returned.
///
/// Each function is emitted and freed on the worker that compiled it; this thread only links
/// the pieces and hands them on (it would otherwise wait for the workers).
fn run<B: Backend, E: Emitter<B::Func>>(
    backend: &B,
    emitter: &E,
    input: Input<'_>,
    options: &CodegenOptions,
    out: &mut Output<'_, E::Piece>,
) -> Result<(), CodegenError> {
    let mut passes = Passes::new(backend.info(), backend.verifier());
    backend.passes(&mut passes)?;
    let ra = backend.allocator(options)?;
    let mut timings = Timings::default();
    // IL passes (at -O2: inlining) give a new module with the same functions, symbols and
    // globals, so module-wide facts the backend computed from the input stay valid.
    let optimized;
    let headers;
    let (module, bodies): (&il::Module, Bodies<'_>) = match input {
        Input::Borrowed(m) => {
            optimized = passes
                .il
                .run(std::borrow::Cow::Borrowed(m), options, &mut timings)?;
            (&*optimized, Bodies::Borrowed(&optimized.functions))
        }
        Input::Owned(m) => {
            // Owned: the passes change it in place (no copy of the module).
            let mut m = passes
                .il
                .run(std::borrow::Cow::Owned(m), options, &mut timings)?
                .into_owned();
            let funcs = std::mem::take(&mut m.functions);
            m.functions = funcs.iter().map(il::Function::header).collect();
            headers = m;
            let slots = funcs
                .into_iter()
                .map(|f| std::sync::Mutex::new(Some(f)))
                .collect();
            (&headers, Bodies::Owned(slots))
        }
    };
    // Largest first (a big function started last would finish alone, after the rest): the
    // cost of each function, known before its IL is taken.
    let costs: Vec<usize> = match &bodies {
        Bodies::Borrowed(fs) => fs.iter().map(|f| f.values.len()).collect(),
        Bodies::Owned(slots) => slots
            .iter()
            .map(|s| match s.lock() {
                Ok(g) => g.as_ref().map_or(0, |f| f.values.len()),
                Err(_) => 0,
            })
            .collect(),
    };
    let mut head = String::new();
    let mut state = emitter.begin_module(&mut head);
    out.text(head)?;
    let dumps = options.dump_mir_before_ra || options.dump_mir_after_ra || options.dump_mir_full;
    let indices: Vec<usize> = (0..costs.len()).collect();
    for batch in indices.chunks(BATCH) {
        let one = |&i: &usize| {
            let mut t = Timings::default();
            // A huge function's freed working sets go back to the allocator at once (its IL
            // once lowered, the allocator's tables once allocated: `codegen_api::memory`).
            let huge = codegen_api::memory::is_huge(costs[i]);
            let r = bodies
                .lower(i, |func| {
                    let f = lower_function(backend, module, func, options, &mut t);
                    if huge {
                        codegen_api::memory::release();
                    }
                    f
                })
                .and_then(|f| finish_function(backend, &passes, &*ra, f, options, huge, &mut t))
                .and_then(|f| {
                    stage(&mut t, options.time_passes, "emit", || {
                        emitter.emit_function(&f)
                    })
                });
            (r, t)
        };
        let mut append = |(r, t): (Result<E::Piece, CodegenError>, Timings)| {
            timings.merge(&t);
            let mut piece = r?;
            let on = options.time_passes;
            match out {
                Output::Pieces(sink) => {
                    stage(&mut timings, on, "link", || {
                        emitter.link_function(&mut state, &mut piece)
                    });
                    sink(Handover::Function(piece))
                }
                Output::Text(w) => stage(&mut timings, on, "link", || {
                    emitter.link_function_to(&mut state, piece, &mut |t| {
                        w.write_all(t.as_bytes()).map_err(write_error)
                    })
                }),
            }
        };
        if dumps {
            for i in batch {
                append(one(i))?;
            }
        } else {
            in_order(batch, &|&i: &usize| costs[i], &one, &mut append)?;
        }
    }
    let mut tail = String::new();
    stage(&mut timings, options.time_passes, "emit", || {
        emitter.end_module(state, &mut tail)
    });
    out.text(tail)?;
    if options.time_passes {
        eprint!("{}", timings.report());
    }
    Ok(())
}

/// Run `work` on every item of `items` in parallel and give the results to `sink` in item order,
/// each as soon as it and every earlier one are done (so a consumer of `sink`'s output starts
/// while later items are still in work). Work starts in decreasing order of `cost` (ties in
/// item order), so that the longest jobs do not run alone at the end. The first error `sink`
/// returns stops the appending (the remaining work still finishes) and is returned.
///
/// On a rayon worker thread (the caller is itself parallel work, or runs inside
/// `ThreadPool::install`) the waiting thread executes pending jobs instead of blocking, so a
/// one-thread pool cannot deadlock.
fn in_order<T: Sync, R: Send>(
    items: &[T],
    cost: &impl Fn(&T) -> usize,
    work: &(impl Fn(&T) -> R + Sync),
    sink: &mut impl FnMut(R) -> Result<(), CodegenError>,
) -> Result<(), CodegenError> {
    let done = Done {
        state: std::sync::Mutex::new(Slots {
            results: (0..items.len()).map(|_| None).collect(),
            waiting: usize::MAX,
            lost: false,
        }),
        ready: std::sync::Condvar::new(),
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(cost(&items[i])));
    rayon::in_place_scope(|scope| {
        for &i in &order {
            let item = &items[i];
            let done = &done;
            scope.spawn(move |_| {
                let mut job = Job {
                    done,
                    index: i,
                    stored: false,
                };
                let r = work(item);
                job.store(r);
            });
        }
        let mut next = 0;
        let mut ready = Vec::new();
        while next < items.len() {
            {
                let mut g = done.lock();
                while g.results[next].is_none() && !g.lost {
                    if rayon::current_thread_index().is_some() {
                        drop(g);
                        let ran = matches!(rayon::yield_now(), Some(rayon::Yield::Executed));
                        g = done.lock();
                        if ran {
                            continue;
                        }
                        if g.results[next].is_some() || g.lost {
                            break;
                        }
                    }
                    g.waiting = next;
                    g = done
                        .ready
                        .wait(g)
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                }
                g.waiting = usize::MAX;
                while let Some(r) = g.results.get_mut(next).and_then(Option::take) {
                    ready.push(r);
                    next += 1;
                }
                if ready.is_empty() {
                    // A job ended without a result (it panicked; the scope re-raises it).
                    break;
                }
            }
            for r in ready.drain(..) {
                sink(r)?;
            }
        }
        if next < items.len() {
            return Err(CodegenError::Internal(
                "a compilation job stopped without a result".into(),
            ));
        }
        Ok(())
    })
}

/// What [`in_order`]'s jobs hand to the thread that takes their results in order.
struct Done<R> {
    state: std::sync::Mutex<Slots<R>>,
    /// Signalled when the result the consumer waits for arrives, or a job ends without one.
    ready: std::sync::Condvar,
}

struct Slots<R> {
    results: Vec<Option<R>>,
    /// The item the consumer sleeps on (`usize::MAX`: none). Only its arrival wakes the
    /// consumer: a wake per result was a context switch per function (4.6k on gen_big_il).
    waiting: usize,
    /// A job ended without storing its result.
    lost: bool,
}

impl<R> Done<R> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Slots<R>> {
        // No code panics while holding the lock; a poisoned lock still has consistent slots.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// One job of [`in_order`]: stores its result, or (dropped while unwinding) says it has none.
struct Job<'a, R> {
    done: &'a Done<R>,
    index: usize,
    stored: bool,
}

impl<R> Job<'_, R> {
    fn store(&mut self, r: R) {
        let mut g = self.done.lock();
        g.results[self.index] = Some(r);
        self.stored = true;
        let wake = g.waiting == self.index;
        drop(g);
        if wake {
            self.done.ready.notify_one();
        }
    }
}

impl<R> Drop for Job<'_, R> {
    fn drop(&mut self) {
        if !self.stored {
            self.done.lock().lost = true;
            self.done.ready.notify_one();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(items: &[u32]) -> Result<Vec<u32>, CodegenError> {
        let mut got = Vec::new();
        in_order(
            items,
            &|&x| x as usize % 7,
            &|&x| {
                // Later items finish first.
                std::thread::sleep(std::time::Duration::from_micros(u64::from(100 - x)));
                x * 2
            },
            &mut |r| {
                got.push(r);
                Ok(())
            },
        )?;
        Ok(got)
    }

    #[test]
    fn in_order_gives_results_in_item_order_on_any_pool() {
        let items: Vec<u32> = (0..100).collect();
        let want: Vec<u32> = items.iter().map(|x| x * 2).collect();
        // Outside any pool, and inside a one-thread pool (the waiting thread runs the jobs).
        assert_eq!(collect(&items).ok(), Some(want.clone()));
        for n in [1, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .expect("pool");
            assert_eq!(pool.install(|| collect(&items)).ok(), Some(want.clone()));
        }
    }

    /// A job that panics ends the wait (no hang) and its panic reaches the caller, on any pool.
    #[test]
    fn a_panicking_job_ends_in_order_with_its_panic() {
        let items: Vec<u32> = (0..40).collect();
        let run = || {
            std::panic::catch_unwind(|| {
                in_order(
                    &items,
                    &|&x| x as usize,
                    &|&x| {
                        assert!(x != 5, "job five");
                        x
                    },
                    &mut |_| Ok(()),
                )
            })
        };
        let panic = run().expect_err("the panic is re-raised");
        assert_eq!(panic.downcast_ref::<&str>(), Some(&"job five"));
        for n in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .expect("pool");
            assert!(pool.install(run).is_err());
        }
    }

    #[test]
    fn in_order_stops_at_the_first_error_in_item_order() {
        let items: Vec<u32> = (0..50).collect();
        let mut seen = Vec::new();
        let r = in_order(&items, &|_| 0, &|&x| x, &mut |x| {
            seen.push(x);
            if x == 7 {
                Err(CodegenError::Internal("seven".into()))
            } else {
                Ok(())
            }
        });
        assert!(matches!(r, Err(CodegenError::Internal(m)) if m == "seven"));
        assert_eq!(seen, (0..=7).collect::<Vec<_>>());
    }
}
