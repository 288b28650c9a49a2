//! Integer and float arithmetic: wrapping and bitwise ops (with immediate forms), checked
//! `iadd/isub/imul.ovf`, division/remainder with zero and overflow checks, `idx.chk`, f64 ops.

use super::{kind, FnLower};
use crate::imm::{is_add_imm, is_logical_imm64};
use crate::inst::{AluOp, DivKind, FpuOp, MInst, OvfOp, Width};
use codegen_api::CodegenError;
use il::{Inst, Opcode, Operand};

impl<'a, 'm> FnLower<'a, 'm> {
    pub(crate) fn lower_binary(&mut self, inst: &Inst) -> Result<(), CodegenError> {
        let dst = self.result(inst)?;
        let fop = match inst.op {
            Opcode::FAdd => Some(FpuOp::Add),
            Opcode::FSub => Some(FpuOp::Sub),
            Opcode::FMul => Some(FpuOp::Mul),
            Opcode::FDiv => Some(FpuOp::Div),
            _ => None,
        };
        let (oa, ob) = (
            self.operand(inst, 0)?.clone(),
            self.operand(inst, 1)?.clone(),
        );
        if let Some(op) = fop {
            let a = self.val(inst, &oa)?;
            let b = self.val(inst, &ob)?;
            self.push(MInst::Fpu { op, dst, a, b });
            return Ok(());
        }
        let op = match inst.op {
            Opcode::Add => AluOp::Add,
            Opcode::Sub => AluOp::Sub,
            Opcode::Mul => AluOp::Mul,
            Opcode::And => AluOp::And,
            Opcode::Or => AluOp::Orr,
            Opcode::Xor => AluOp::Eor,
            Opcode::Shl => AluOp::Lsl,
            Opcode::LShr => AluOp::Lsr,
            _ => AluOp::Asr,
        };
        if let Operand::Int(k) = ob {
            let k = k as u64;
            let imm = match op {
                AluOp::Add | AluOp::Sub if is_add_imm(k) => Some((op, k)),
                AluOp::Add if is_add_imm(k.wrapping_neg()) => Some((AluOp::Sub, k.wrapping_neg())),
                AluOp::Sub if is_add_imm(k.wrapping_neg()) => Some((AluOp::Add, k.wrapping_neg())),
                AluOp::And | AluOp::Orr | AluOp::Eor if is_logical_imm64(k) => Some((op, k)),
                AluOp::Lsl | AluOp::Lsr | AluOp::Asr => Some((op, k & 63)),
                _ => None,
            };
            if let Some((op, imm)) = imm {
                let a = self.val(inst, &oa)?;
                self.push(MInst::AluImm { op, dst, a, imm });
                return Ok(());
            }
        }
        let a = self.val(inst, &oa)?;
        let b = self.val(inst, &ob)?;
        self.push(MInst::Alu { op, dst, a, b });
        Ok(())
    }

    pub(crate) fn lower_checked(&mut self, inst: &Inst) -> Result<(), CodegenError> {
        let dst = self.result(inst)?;
        let (oa, ob) = (
            self.operand(inst, 0)?.clone(),
            self.operand(inst, 1)?.clone(),
        );
        let op = match inst.op {
            Opcode::IAddOvf => OvfOp::Add,
            Opcode::ISubOvf => OvfOp::Sub,
            _ => OvfOp::Mul,
        };
        let width = Self::width(inst);
        // `x ± k` with a small constant: `adds/subs dst, x, #k` (a - k = a + (-k) overflows
        // exactly when a + (-k) does, for every k ≠ MIN).
        if let (Operand::Int(k), OvfOp::Add | OvfOp::Sub, Width::W32 | Width::W64) =
            (&ob, op, width)
        {
            let k = *k;
            let imm = if (0..4096).contains(&k) {
                Some((op, k))
            } else if (-4095..0).contains(&k) {
                let flipped = if op == OvfOp::Add {
                    OvfOp::Sub
                } else {
                    OvfOp::Add
                };
                Some((flipped, -k))
            } else {
                None
            };
            if let Some((op, imm)) = imm {
                let a = self.val(inst, &oa)?;
                let detail = format!("integer overflow in {}", inst.op.mnemonic());
                let trap = self.trap_site(inst, kind::OVERFLOW, Some(detail));
                self.push(MInst::CheckedImm {
                    op,
                    width,
                    dst,
                    a,
                    imm: imm as u32,
                    trap,
                });
                return Ok(());
            }
        }
        let a = self.val(inst, &oa)?;
        let b = self.val(inst, &ob)?;
        let detail = format!("integer overflow in {}", inst.op.mnemonic());
        let trap = self.trap_site(inst, kind::OVERFLOW, Some(detail));
        self.push(MInst::Checked {
            op,
            width,
            dst,
            a,
            b,
            trap,
        });
        Ok(())
    }

    pub(crate) fn lower_divrem(&mut self, inst: &Inst) -> Result<(), CodegenError> {
        let dst = self.result(inst)?;
        let (oa, ob) = (
            self.operand(inst, 0)?.clone(),
            self.operand(inst, 1)?.clone(),
        );
        let a = self.val(inst, &oa)?;
        let b = self.val(inst, &ob)?;
        let kind_ = match inst.op {
            Opcode::SDiv | Opcode::SDivChk0 => DivKind::SDiv,
            Opcode::UDiv | Opcode::UDivChk0 => DivKind::UDiv,
            Opcode::SRem | Opcode::SRemChk0 => DivKind::SRem,
            _ => DivKind::URem,
        };
        let mn = inst.op.mnemonic();
        let trap_zero = self.trap_site(
            inst,
            kind::DIVIDE_BY_ZERO,
            Some(format!("divide by zero in {mn}")),
        );
        let trap_ovf = self.trap_site(
            inst,
            kind::OVERFLOW,
            Some(format!("integer overflow in {mn}")),
        );
        let width = match kind_ {
            DivKind::UDiv | DivKind::URem => Width::W64,
            _ => Self::width(inst),
        };
        let const_divisor = match ob {
            Operand::Int(k) => Some(k),
            _ => None,
        };
        self.push(MInst::DivRem {
            kind: kind_,
            width,
            dst,
            a,
            b,
            trap_zero,
            trap_ovf,
            const_divisor,
        });
        Ok(())
    }

    pub(crate) fn lower_idx_chk(&mut self, inst: &Inst) -> Result<(), CodegenError> {
        let dst = self.result(inst)?;
        let ops = [
            self.operand(inst, 0)?.clone(),
            self.operand(inst, 1)?.clone(),
            self.operand(inst, 2)?.clone(),
        ];
        let idx = self.val_at_width(inst, &ops[0], inst.ty)?;
        let lo = self.val_at_width(inst, &ops[1], inst.ty)?;
        let hi = self.val_at_width(inst, &ops[2], inst.ty)?;
        let trap = self.trap_site(inst, kind::BOUNDS, None);
        self.push(MInst::IdxChk {
            dst,
            idx,
            lo,
            hi,
            trap,
        });
        Ok(())
    }
}
