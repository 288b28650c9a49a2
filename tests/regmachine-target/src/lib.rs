//! `rm6`: a made-up register machine, written as a third party would write a target: it uses only
//! the public APIs of `il`, `codegen-api` and `target-common`, and plugs into the shared driver
//! (`target_common::driver::compile_module`), the regalloc2 adapter, the generic passes and the MIR
//! verifier. It proves that everything that is not arm64 is reusable; its output is
//! pseudo-assembly that no machine runs.
//!
//! The machine: integer registers `r0`–`r5` (r0–r3 carry arguments and results and are destroyed
//! by calls; r4, r5 survive calls), float registers `f0`–`f3` (all destroyed by calls; f0 carries
//! the float result), spill slots `[fp-8k]`. Arguments beyond four of a class are pushed.
//! Lowering is one MIR instruction per IL instruction: `op` carries the IL mnemonic, reads the
//! operands in registers and writes the result; constants are materialised with `li`/`lf`/`la`/
//! `ls` first. Block parameters become edge arguments, resolved by the register allocator.
//!
//! Invariants: [`lower::shape`] is an exhaustive match over `il::Opcode` (a new opcode does not
//! compile until it has a shape); every vreg is defined once; the entry MIR block only defines the
//! arguments (`args`) and jumps to the IL entry block.

pub mod inst;
pub mod lower;

use codegen_api::{
    CodegenError, CodegenOptions, Emitter, Lowering, OptLevel, PassInfo, PassStage, RegAlloc,
    Target, TargetInfo, TargetOs,
};
use inst::{RmFunction, RmInst};
use std::fmt::Write as _;
use target_common::driver::{Backend, HasMir, Passes};
use target_common::pass_manager::Verifier;

const fn pass(name: &'static str, stage: PassStage, description: &'static str) -> PassInfo {
    PassInfo {
        name,
        stage,
        min_level: OptLevel::O1,
        description,
    }
}

static INFO: TargetInfo = TargetInfo {
    name: "rm6",
    aliases: &["regmachine"],
    description: "Made-up six-register machine (pseudo-assembly; shows the shared pipeline)",
    oses: &[TargetOs::Linux, TargetOs::Darwin],
    pointer_bytes: 8,
    native_arch: None,
    passes: &[
        pass(
            "dce",
            PassStage::PreRa,
            "remove pure instructions whose results are unused",
        ),
        pass(
            "redundant-moves",
            PassStage::PostRa,
            "remove moves from a register to itself",
        ),
        pass(
            "jump-threading",
            PassStage::PostRa,
            "branch past blocks that only jump",
        ),
    ],
    settings: &[],
    register_allocators: target_common::regalloc::NAMES,
};

/// The `rm6` target.
#[derive(Clone, Debug, Default)]
pub struct RegMachine;

codegen_api::inventory::submit! {
    codegen_api::TargetRegistration::new(|| Box::new(RegMachine))
}

struct RmBackend;

impl Backend for RmBackend {
    type Func = RmFunction;
    fn info(&self) -> &'static TargetInfo {
        &INFO
    }
    fn lower(
        &self,
        module: &il::Module,
        func: &il::Function,
        options: &CodegenOptions,
    ) -> Result<RmFunction, CodegenError> {
        lower::RmLowering.lower_function(module, func, options)
    }
    fn verifier(&self) -> Verifier<RmFunction> {
        |f| target_common::verify::verify_mir(f.mir())
    }
    fn passes(&self, p: &mut Passes<RmFunction>) -> Result<(), CodegenError> {
        use target_common::mir_passes;
        p.add("dce", mir_passes::dce)?;
        p.add("redundant-moves", mir_passes::redundant_moves)?;
        p.add("jump-threading", mir_passes::jump_threading)?;
        Ok(())
    }
    fn allocator(
        &self,
        options: &CodegenOptions,
    ) -> Result<Box<dyn RegAlloc<RmFunction>>, CodegenError> {
        target_common::regalloc::from_options(INFO.name, inst::machine_env(), options)
    }
    fn lower_frame(&self, f: &mut RmFunction, _o: &CodegenOptions) -> Result<(), CodegenError> {
        // Spill slots, then the pushed-argument area; 16-byte aligned.
        let bytes = 8 * f.mir.num_spillslots as u32 + 8 * f.max_pushed;
        f.frame_bytes = bytes.div_ceil(16) * 16;
        Ok(())
    }
}

/// Prints allocated MIR as pseudo-assembly.
struct RmEmitter;

impl Emitter<RmFunction> for RmEmitter {
    type Module = usize;
    fn begin_module(&self, out: &mut String) -> usize {
        out.push_str("; rm6 pseudo-assembly\n");
        0
    }
    type Piece = String;
    fn emit_function(&self, f: &RmFunction) -> Result<String, CodegenError> {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\nfunc {}:  ; frame {} bytes",
            f.mir.name, f.frame_bytes
        );
        for (i, b) in f.mir.blocks.iter().enumerate() {
            let _ = writeln!(out, "bb{i}:");
            for inst in &b.insts {
                if matches!(inst, RmInst::Args { .. }) {
                    continue;
                }
                let _ = writeln!(out, "    {inst}");
            }
        }
        Ok(out)
    }
    fn link_function(&self, functions: &mut usize, _piece: &mut String) {
        *functions += 1;
    }
    fn piece_text<'p>(&self, piece: &'p String) -> &'p str {
        piece
    }
    fn end_module(&self, functions: usize, out: &mut String) {
        let _ = writeln!(out, "\n; {functions} functions");
    }
}

impl Target for RegMachine {
    fn info(&self) -> &TargetInfo {
        &INFO
    }
    fn compile(
        &self,
        module: &il::Module,
        options: &CodegenOptions,
    ) -> Result<String, CodegenError> {
        let emitter = RmEmitter;
        target_common::driver::compile_module(&RmBackend, &emitter, module, options)
    }
}
