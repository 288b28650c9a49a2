//! The register allocators offered by this target, behind `codegen_api::RegAlloc`:
//! `regalloc2` (Ion, the default) and `fast` (regalloc2's Fastalloc, the -O0 default).
//!
//! Ion's cost grows faster than linearly with function size (a 50k-instruction function takes
//! seconds, a 200k one minutes) and with the number of calls (each call clobbers ~40 registers),
//! so `regalloc2` hands functions whose estimated work ([`ion_work`]) exceeds [`ION_MAX_WORK`] to
//! Fastalloc, which is linear: machine-generated giant functions still compile quickly, while every
//! function a person writes gets the better allocator.

use crate::func::A64Function;
use crate::inst::MInst;
use crate::regs::machine_env;
use codegen_api::{CodegenError, CodegenOptions, RegAlloc};
use regalloc2::Algorithm;

/// Functions whose [`ion_work`] exceeds this are allocated with Fastalloc even at -O1/-O2.
pub const ION_MAX_WORK: usize = 40_000;

/// Ion's cost model: one unit per MIR instruction, sixteen per call (call clobbers dominate
/// Ion's time in call-heavy code: the corpus's 8.5k-instruction, 2.8k-call test driver alone took
/// 40% of the allocation time of its 2.3 MB module).
pub fn ion_work(f: &A64Function) -> usize {
    f.mir
        .blocks
        .iter()
        .flat_map(|b| b.insts.iter())
        .map(|i| {
            if matches!(i, MInst::Call { .. }) {
                17
            } else {
                1
            }
        })
        .sum()
}

#[derive(Clone, Debug, Default)]
pub struct IonAlloc;

#[derive(Clone, Debug, Default)]
pub struct FastAlloc;

impl RegAlloc<A64Function> for IonAlloc {
    fn name(&self) -> &'static str {
        "regalloc2"
    }
    fn allocate(&self, f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
        let algorithm = if ion_work(f) > ION_MAX_WORK {
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
