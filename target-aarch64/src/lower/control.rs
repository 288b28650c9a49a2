//! Terminators: `br`, `cbr`, `switch.i32` (edges carry block arguments), `ret` (fixed result
//! register), `trap` (DomainError, code 0) and `trap.from_err` (kind derived from the code at run
//! time by the emitter).

use super::FnLower;
use crate::abi::result_reg;
use crate::inst::MInst;
use codegen_api::CodegenError;
use il::{BranchTarget, Inst, TrapKind};
use target_common::Edge;

/// A terminator opcode (EH resumes are in `eh.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CtrlOp {
    Br,
    Cbr,
    /// `switch.i32`.
    Switch,
    Ret,
    Trap,
    /// `trap.from_err`.
    TrapFromErr,
}

impl<'a, 'm> FnLower<'a, 'm> {
    fn edge(&mut self, inst: &Inst, t: &BranchTarget) -> Result<Edge, CodegenError> {
        if t.block.index() >= self.f.blocks.len() {
            return Err(self.unsupported(inst, "branch to an unknown block"));
        }
        let mut args = Vec::new();
        for a in &t.args {
            args.push(self.val(inst, a)?);
        }
        Ok(Edge::new(self.mir_block(t.block), args))
    }

    fn target<'i>(&self, inst: &'i Inst, k: usize) -> Result<&'i BranchTarget, CodegenError> {
        inst.targets.get(k).ok_or_else(|| {
            self.unsupported(
                inst,
                format!("`{}` is missing a target", inst.op.mnemonic()),
            )
        })
    }

    pub(crate) fn lower_control(&mut self, inst: &Inst, op: CtrlOp) -> Result<(), CodegenError> {
        match op {
            CtrlOp::Br => {
                let e = self.edge(inst, self.target(inst, 0)?)?;
                self.push(MInst::Jump { edges: vec![e] });
            }
            CtrlOp::Cbr => {
                let c = self.operand(inst, 0)?.clone();
                let cond = self.val(inst, &c)?;
                let t = self.edge(inst, self.target(inst, 0)?)?;
                let e = self.edge(inst, self.target(inst, 1)?)?;
                self.push(MInst::CondBr {
                    cond,
                    edges: vec![t, e],
                });
            }
            CtrlOp::Switch => {
                let s = self.operand(inst, 0)?.clone();
                let idx = self.val_at_width(inst, &s, il::Type::I32)?;
                if inst.targets.len() != inst.cases.len() + 1 {
                    return Err(self.unsupported(inst, "switch.i32 case/target count mismatch"));
                }
                let mut edges = Vec::new();
                for t in &inst.targets {
                    edges.push(self.edge(inst, t)?);
                }
                self.push(MInst::Switch {
                    idx,
                    cases: inst.cases.as_slice().into(),
                    edges,
                    tree: self.switch_tree,
                });
            }
            CtrlOp::Ret => {
                let mut vals = Vec::new();
                if let Some(op) = inst.operands.first() {
                    let r = self.val(inst, op)?;
                    let ty = if self.f.ret == il::Type::Void {
                        il::Type::I64
                    } else {
                        self.f.ret
                    };
                    let p = result_reg(ty).ok_or_else(|| self.unsupported(inst, "bad return"))?;
                    vals.push((r, p));
                }
                self.push(MInst::Ret {
                    vals,
                    frameless: false,
                });
            }
            CtrlOp::Trap => {
                let trap = self.trap_site(inst, TrapKind::DomainError, None);
                self.push(MInst::Trap { trap, code: None });
            }
            CtrlOp::TrapFromErr => {
                let c = self.operand(inst, 0)?.clone();
                let code = self.val(inst, &c)?;
                let trap = self.trap_site(inst, TrapKind::DomainError, None);
                self.push(MInst::Trap {
                    trap,
                    code: Some(code),
                });
            }
        }
        Ok(())
    }
}
