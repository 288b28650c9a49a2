//! The register allocators offered by this target, behind `codegen_api::RegAlloc`:
//! `regalloc2` (Ion, the default) and `fast` (regalloc2's Fastalloc, the -O0 default).

use crate::func::A64Function;
use crate::regs::machine_env;
use codegen_api::{CodegenError, CodegenOptions, RegAlloc};
use regalloc2::Algorithm;

#[derive(Clone, Debug, Default)]
pub struct IonAlloc;

#[derive(Clone, Debug, Default)]
pub struct FastAlloc;

impl RegAlloc<A64Function> for IonAlloc {
    fn name(&self) -> &'static str {
        "regalloc2"
    }
    fn allocate(&self, f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
        target_common::regalloc::allocate(&mut f.mir, &machine_env(), Algorithm::Ion)
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
