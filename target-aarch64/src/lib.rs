//! target-aarch64: the arm64 target (Linux/ELF and Darwin/Mach-O).
//!
//! Only what is arm64 lives here; the pipeline itself is `target_common::driver`, which this
//! crate plugs into as a [`target_common::driver::Backend`] ([`A64Backend`]):
//! `lower` (IL → MIR with vregs) → (driver: CFG clean-up) → pre-RA passes (`const-reuse`,
//! `cmp-branch-fusion`, generic `dce`, `const-hoist`) → register allocation (regalloc2 through
//! `target_common::regalloc`, with this target's register file `regs::machine_env`) → `frame`
//! lowering → post-RA passes (generic `redundant-moves` and `jump-threading`, `tail-dup`,
//! `shrink-wrap`) → `emit` (one printer with an object-format switch). Named choices that are not
//! passes are the settings in [`settings`].

pub mod abi;
pub mod eh;
pub mod emit;
pub mod encode;
pub mod frame;
pub mod func;
pub mod imm;
pub mod inst;
pub mod lower;
pub mod mem_pair;
pub mod passes;
pub mod regs;
pub mod settings;
pub mod shrink_wrap;

use codegen_api::{CodegenError, CodegenOptions, Lowering, RegAlloc, Target, TargetInfo, TargetOs};
use func::A64Function;
use target_common::driver::{Backend, Passes};
use target_common::pass_manager::Verifier;

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
    passes: passes::PASSES,
    settings: settings::ALL,
    register_allocators: target_common::regalloc::NAMES,
};

codegen_api::inventory::submit! {
    codegen_api::TargetRegistration::new(|| Box::new(Aarch64Target))
}

/// Lowering for one module (implements `codegen_api::Lowering`).
pub struct A64Lowering<'m> {
    pub names: &'m target_common::names::SymbolNames,
    /// O(1) symbol lookups in the module being compiled.
    pub index: &'m il::ModuleIndex,
    /// Module functions whose address is taken, with their parameter counts
    /// ([`lower::address_taken`]).
    pub address_taken: &'m [(il::Symbol, usize)],
}

impl A64Lowering<'_> {
    fn lower(
        &self,
        module: &il::Module,
        func: lower::FnIl<'_>,
        options: &CodegenOptions,
    ) -> Result<A64Function, CodegenError> {
        let ctx = lower::ModuleCtx {
            module,
            index: self.index,
            names: self.names,
            os: options.os,
            address_taken: self.address_taken,
        };
        let name = func.function().name;
        let symbol = self
            .names
            .func(name)
            .ok_or_else(|| CodegenError::Internal("function without a symbol".into()))?;
        let index = self.index.function_index(name).unwrap_or(0);
        lower::lower_function(&ctx, func, index, symbol, options)
    }
}

impl Lowering<A64Function> for A64Lowering<'_> {
    fn lower_function(
        &self,
        module: &il::Module,
        func: &il::Function,
        options: &CodegenOptions,
    ) -> Result<A64Function, CodegenError> {
        self.lower(module, lower::FnIl::Borrowed(func), options)
    }
    fn lower_function_owned(
        &self,
        module: &il::Module,
        func: il::Function,
        options: &CodegenOptions,
    ) -> Result<A64Function, CodegenError> {
        self.lower(module, lower::FnIl::Owned(func), options)
    }
}

/// The arm64 hooks of the shared driver, for one module.
pub struct A64Backend<'m> {
    pub lowering: A64Lowering<'m>,
}

impl Backend for A64Backend<'_> {
    type Func = A64Function;
    fn info(&self) -> &'static TargetInfo {
        &INFO
    }
    fn lower(
        &self,
        module: &il::Module,
        func: &il::Function,
        options: &CodegenOptions,
    ) -> Result<A64Function, CodegenError> {
        self.lowering.lower_function(module, func, options)
    }
    fn lower_owned(
        &self,
        module: &il::Module,
        func: il::Function,
        options: &CodegenOptions,
    ) -> Result<A64Function, CodegenError> {
        self.lowering.lower_function_owned(module, func, options)
    }
    fn verifier(&self) -> Verifier<A64Function> {
        passes::verify
    }
    fn passes(&self, p: &mut Passes<A64Function>) -> Result<(), CodegenError> {
        use target_common::mir_passes;
        p.add_il("bool-fold", target_common::il_opt::bool_fold::run)?;
        p.add_il("inline", target_common::il_opt::inline::run)?;
        p.add("edge-consts", mir_passes::sink_edge_constants)?;
        p.add("forward-params", passes::forward_params)?;
        p.add("addr-fold", passes::addr_fold)?;
        p.add("slot-access", passes::slot_access)?;
        p.add("operand-fold", passes::operand_fold)?;
        p.add("index-reuse", passes::index_reuse)?;
        p.add("mask-fold", passes::mask_fold)?;
        p.add("const-reuse", passes::const_reuse)?;
        p.add("dce", mir_passes::dce)?;
        p.add("slot-init", passes::slot_init)?;
        p.add("cmp-branch-fusion", passes::cmp_branch_fusion)?;
        p.add("bit-test", passes::bit_test)?;
        p.add("const-hoist", passes::const_hoist)?;
        p.add("mem-pair", mem_pair::mem_pair)?;
        p.add("long-ranges", target_common::long_ranges::long_ranges)?;
        p.add("redundant-moves", mir_passes::redundant_moves)?;
        p.add("jump-threading", mir_passes::jump_threading)?;
        p.add("tail-dup", passes::tail_dup)?;
        p.add("unreachable-blocks", passes::unreachable_blocks)?;
        p.add("shrink-wrap", shrink_wrap::shrink_wrap)?;
        Ok(())
    }
    fn allocator(
        &self,
        options: &CodegenOptions,
    ) -> Result<Box<dyn RegAlloc<A64Function>>, CodegenError> {
        target_common::regalloc::from_options(INFO.name, regs::machine_env(), options)
    }
    fn lower_frame(
        &self,
        f: &mut A64Function,
        options: &CodegenOptions,
    ) -> Result<(), CodegenError> {
        frame::lower_frame(f, options.setting(&settings::LEAF_FRAME))
    }
}

impl Target for Aarch64Target {
    fn info(&self) -> &TargetInfo {
        &INFO
    }

    fn assemble(
        &self,
        text: &str,
        options: &CodegenOptions,
    ) -> Option<Result<Vec<u8>, CodegenError>> {
        Some(encode::assemble(text, options.os))
    }

    fn compile(
        &self,
        module: &il::Module,
        options: &CodegenOptions,
    ) -> Result<String, CodegenError> {
        with_backend(module, options, false, |backend, emitter| {
            target_common::driver::compile_module(backend, emitter, module, options)
        })
    }

    fn compile_to(
        &self,
        module: il::Module,
        options: &CodegenOptions,
        out: &mut dyn std::io::Write,
    ) -> Result<(), CodegenError> {
        let facts = Facts::new(&module, options, false)?;
        target_common::driver::compile_module_to(
            &facts.backend(),
            &facts.emitter,
            module,
            options,
            out,
        )
    }

    fn compile_object(
        &self,
        module: il::Module,
        options: &CodegenOptions,
    ) -> Option<Result<Vec<u8>, CodegenError>> {
        let os = options.os;
        // Two or more lines of text per IL instruction or block (sqldb_test 2.2, Chess 2.3,
        // Frogger 2.6, gen_big_il 3.6): a reservation that rarely needs to grow.
        let lines = 2 * module
            .functions
            .iter()
            .flat_map(|f| &f.blocks)
            .map(|b| b.insts.len() + 1)
            .sum::<usize>();
        let facts = match Facts::new(&module, options, true) {
            Ok(f) => f,
            Err(e) => return Some(Err(e)),
        };
        let emitter = &facts.emitter;
        let arena = encode::StreamArena::default();
        let mut stream = encode::Stream::new(&arena, os, lines);
        Some(
            target_common::driver::compile_module_each(
                &facts.backend(),
                emitter,
                module,
                options,
                &mut |h| stream.push(h),
            )
            .and_then(|()| stream.finish(emitter.take_data())),
        )
    }
}

/// Set up the module-wide state (symbol names, the entry point, the emitter) and run `f` with
/// the backend over it.
fn with_backend<R>(
    module: &il::Module,
    options: &CodegenOptions,
    object: bool,
    f: impl FnOnce(&A64Backend<'_>, &emit::AsmEmitter) -> Result<R, CodegenError>,
) -> Result<R, CodegenError> {
    let facts = Facts::new(module, options, object)?;
    f(&facts.backend(), &facts.emitter)
}

/// What the backend and the emitter are made from, computed once from the whole module; owns
/// everything, so the module can be consumed afterwards (`Target::compile_to`).
struct Facts {
    index: il::ModuleIndex,
    names: target_common::names::SymbolNames,
    address_taken: Vec<(il::Symbol, usize)>,
    emitter: emit::AsmEmitter,
}

impl Facts {
    /// `object`: the emitter prepares each function for the object writer.
    fn new(
        module: &il::Module,
        options: &CodegenOptions,
        object: bool,
    ) -> Result<Facts, CodegenError> {
        let index = il::ModuleIndex::new(module);
        let names = target_common::names::SymbolNames::new(module, &index);
        let address_taken = lower::address_taken(module, &index);
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
        let mut emitter = emit::AsmEmitter::new(
            options.os,
            options.setting(&settings::BRANCH_ELISION),
            entry,
        );
        if options.debug.enabled {
            emitter = emitter.with_debug(target_common::debug::Lines::new(&options.debug));
        }
        if object {
            emitter = emitter.for_object();
        }
        Ok(Facts {
            index,
            names,
            address_taken,
            emitter,
        })
    }

    fn backend(&self) -> A64Backend<'_> {
        A64Backend {
            lowering: A64Lowering {
                names: &self.names,
                index: &self.index,
                address_taken: &self.address_taken,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lowering a function it is given (and frees as it goes) makes exactly what lowering a
    /// borrowed one makes: over corpus programs with EH, switches and calls (when the corpus is
    /// there) and a module of its own.
    #[test]
    fn owned_and_borrowed_lowering_agree() {
        let own = "il 0.2.0\nfunc @f(i64 %x) -> i64 {\nentry(%x: i64):\n  %s:i32 = cast.si_narrow.chk %x\n  \
                   switch.i32 %s, ^c(%x, 1), 0 -> ^c(%x, 2), 5 -> d\nc(%v: i64, %k: i64):\n  \
                   %r = imul.ovf %v, %k\n  ret %r\nd:\n  ret 0\n}\nfunc @main() -> i64 {\nentry:\n  \
                   %r = call @f(5)\n  ret %r\n}\n";
        let mut sources = vec![own.to_string()];
        let corpus =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/core");
        for name in [
            "src_tests_golden_eh_lowering_on_error_push_pop",
            "src_tests_golden_eh_lowering_resume_forms",
            "src_tests_golden_trycatch_nested_try_first_catches",
            "demos_basic_sqldb_test",
        ] {
            if let Ok(text) = std::fs::read_to_string(corpus.join(name).join("prog.il")) {
                sources.push(text);
            }
        }
        let options = CodegenOptions::default();
        let mut functions = 0;
        for src in &sources {
            let module = il::parse(src, "t.il").expect("parses");
            let facts = Facts::new(&module, &options, false).expect("facts");
            let backend = facts.backend();
            for f in &module.functions {
                let borrowed = backend.lowering.lower_function(&module, f, &options);
                let owned = backend
                    .lowering
                    .lower_function_owned(&module, f.clone(), &options);
                assert_eq!(format!("{borrowed:?}"), format!("{owned:?}"));
                functions += 1;
            }
        }
        // sqldb_test alone has hundreds of functions.
        assert!(
            functions >= if sources.len() > 1 { 100 } else { 2 },
            "{functions}"
        );
    }
}
