//! Integer and float comparisons producing an i1 (0/1) with `cset`.
//!
//! Float conditions after `fcmp` are chosen so NaN operands give the IL results: eq→EQ, ne→NE
//! (true when unordered), lt→MI, le→LS, gt→GT, ge→GE, ord→VC, uno→VS.

use super::FnLower;
use crate::inst::{Cond, MInst};
use codegen_api::CodegenError;
use il::{Inst, Opcode, Operand};

impl<'a, 'm> FnLower<'a, 'm> {
    pub(crate) fn lower_compare(&mut self, inst: &Inst) -> Result<(), CodegenError> {
        use Opcode::*;
        let dst = self.result(inst)?;
        let (oa, ob) = (
            self.operand(inst, 0)?.clone(),
            self.operand(inst, 1)?.clone(),
        );
        let fcond = match inst.op {
            FCmpEq => Some(Cond::Eq),
            FCmpNe => Some(Cond::Ne),
            FCmpLt => Some(Cond::Mi),
            FCmpLe => Some(Cond::Ls),
            FCmpGt => Some(Cond::Gt),
            FCmpGe => Some(Cond::Ge),
            FCmpOrd => Some(Cond::Vc),
            FCmpUno => Some(Cond::Vs),
            _ => None,
        };
        if let Some(cond) = fcond {
            let a = self.val(inst, &oa)?;
            let b = self.val(inst, &ob)?;
            self.push(MInst::FCmpSet { cond, dst, a, b });
            return Ok(());
        }
        let cond = match inst.op {
            ICmpEq => Cond::Eq,
            ICmpNe => Cond::Ne,
            SCmpLt => Cond::Lt,
            SCmpLe => Cond::Le,
            SCmpGt => Cond::Gt,
            SCmpGe => Cond::Ge,
            UCmpLt => Cond::Lo,
            UCmpLe => Cond::Ls,
            UCmpGt => Cond::Hi,
            _ => Cond::Hs,
        };
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
