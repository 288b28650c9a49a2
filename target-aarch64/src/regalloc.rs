//! The register allocators offered by this target, behind `codegen_api::RegAlloc`:
//! `regalloc2` (Ion, the default) and `fast` (regalloc2's Fastalloc, the -O0 default).
//!
//! Ion's cost grows faster than linearly with function size (a 50k-instruction function takes
//! seconds, a 200k one minutes), so `regalloc2` hands functions above [`ION_MAX_INSTS`] MIR
//! instructions to Fastalloc, which is linear: machine-generated giant functions still compile
//! quickly, while every function a person writes gets the better allocator.

use crate::func::A64Function;
use crate::regs::machine_env;
use codegen_api::{CodegenError, CodegenOptions, RegAlloc};
use regalloc2::Algorithm;

/// Functions with more MIR instructions than this are allocated with Fastalloc even at -O1/-O2.
pub const ION_MAX_INSTS: usize = 20_000;

#[derive(Clone, Debug, Default)]
pub struct IonAlloc;

#[derive(Clone, Debug, Default)]
pub struct FastAlloc;

impl RegAlloc<A64Function> for IonAlloc {
    fn name(&self) -> &'static str {
        "regalloc2"
    }
    fn allocate(&self, f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
        let size: usize = f.mir.blocks.iter().map(|b| b.insts.len()).sum();
        let algorithm = if size > ION_MAX_INSTS {
            Algorithm::Fastalloc
        } else {
            Algorithm::Ion
        };
        target_common::regalloc::allocate(&mut f.mir, &machine_env(), algorithm)
    }
}

impl RegAlloc<A64Function> for FastAlloc {
    fn name(&self) -> &'static str {
        "fast"
    }
    fn allocate(&self, f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
        target_common::regalloc::allocate(&mut f.mir, &machine_env(), Algorithm::Fastalloc)
    }
}
