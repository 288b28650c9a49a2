//! Integer and float comparisons producing an i1 (0/1) with `cset`.
//!
//! The dispatcher (`lower_inst`) chooses the condition; for floats it is the one that gives the
//! IL result for NaN operands after `fcmp`: eq→EQ, ne→NE (true when unordered), lt→MI, le→LS,
//! gt→GT, ge→GE, ord→VC, uno→VS.

use super::FnLower;
use crate::inst::{Cond, MInst};
use codegen_api::CodegenError;
use il::{Inst, Operand};

impl<'a, 'm> FnLower<'a, 'm> {
    /// A float compare with condition `cond` after `fcmp a, b`.
    pub(crate) fn lower_fcmp(&mut self, inst: &Inst, cond: Cond) -> Result<(), CodegenError> {
        let dst = self.result(inst)?;
        let (oa, ob) = (
            self.operand(inst, 0)?.clone(),
            self.operand(inst, 1)?.clone(),
        );
        let a = self.val(inst, &oa)?;
        let b = self.val(inst, &ob)?;
        self.push(MInst::FCmpSet { cond, dst, a, b });
        Ok(())
    }

    /// An integer compare with condition `cond` after `cmp a, b` (immediate form if it fits).
    pub(crate) fn lower_icmp(&mut self, inst: &Inst, cond: Cond) -> Result<(), CodegenError> {
        let dst = self.result(inst)?;
        let (oa, ob) = (
            self.operand(inst, 0)?.clone(),
            self.operand(inst, 1)?.clone(),
        );
        let a = self.val(inst, &oa)?;
        if let Operand::Int(k) = ob {
            if (-4095..4096).contains(&k) {
                self.push(MInst::CmpImmSet {
                    cond,
                    dst,
                    a,
                    imm: k as i32,
                });
                return Ok(());
            }
        }
        let b = self.val(inst, &ob)?;
        self.push(MInst::CmpSet { cond, dst, a, b });
        Ok(())
    }
}
