//! Integer and float arithmetic: wrapping and bitwise ops (with immediate forms), checked
//! `iadd/isub/imul.ovf`, division/remainder with zero and overflow checks, `idx.chk`, f64 ops.

use super::ranges::{self, ArithOp};
use super::FnLower;
use crate::imm::{is_add_imm, is_logical_imm64};
use crate::inst::{AluOp, DivKind, FpuOp, IdxBounds, MInst, OvfOp, Width};
use codegen_api::CodegenError;
use il::{Inst, Operand, TrapKind};

impl<'a, 'm> FnLower<'a, 'm> {
    /// `fadd`/`fsub`/`fmul`/`fdiv`.
    pub(crate) fn lower_fpu(&mut self, inst: &Inst, op: FpuOp) -> Result<(), CodegenError> {
        let dst = self.result(inst)?;
        let (oa, ob) = (
            self.operand(inst, 0)?.clone(),
            self.operand(inst, 1)?.clone(),
        );
        let a = self.val(inst, &oa)?;
        let b = self.val(inst, &ob)?;
        self.push(MInst::Fpu { op, dst, a, b });
        Ok(())
    }

    /// Wrapping integer arithmetic and bitwise ops (immediate forms where they fit).
    pub(crate) fn lower_alu(&mut self, inst: &Inst, op: AluOp) -> Result<(), CodegenError> {
        let dst = self.result(inst)?;
        let (oa, ob) = (
            self.operand(inst, 0)?.clone(),
            self.operand(inst, 1)?.clone(),
        );
        if let Operand::Int(k) = ob {
            let k = k as u64;
            // x + 0, x - 0, x | 0, x ^ 0, x & -1, a shift by 0 (the count is taken mod 64) and
            // x * 1 are x: a copy, which the copy folding and the allocators remove (each was an
            // instruction, x ^ 0 two).
            let identity = match op {
                AluOp::Add | AluOp::Sub | AluOp::Orr | AluOp::Eor => k == 0,
                AluOp::Lsl | AluOp::Lsr | AluOp::Asr => k & 63 == 0,
                AluOp::Mul => k == 1,
                AluOp::And => k == u64::MAX,
            };
            if identity {
                let src = self.val(inst, &oa)?;
                self.push(MInst::Mov { dst, src });
                return Ok(());
            }
            let imm = match op {
                AluOp::Add | AluOp::Sub if is_add_imm(k) => Some((op, k)),
                AluOp::Add if is_add_imm(k.wrapping_neg()) => Some((AluOp::Sub, k.wrapping_neg())),
                AluOp::Sub if is_add_imm(k.wrapping_neg()) => Some((AluOp::Add, k.wrapping_neg())),
                AluOp::And | AluOp::Orr | AluOp::Eor if is_logical_imm64(k) => Some((op, k)),
                AluOp::Lsl | AluOp::Lsr | AluOp::Asr => Some((op, k & 63)),
                // Wrapping x * 2^n is x << n.
                AluOp::Mul if k.is_power_of_two() => {
                    Some((AluOp::Lsl, u64::from(k.trailing_zeros())))
                }
                AluOp::Add | AluOp::Sub | AluOp::And | AluOp::Orr | AluOp::Eor | AluOp::Mul => None,
            };
            if let Some((op, imm)) = imm {
                let a = self.val(inst, &oa)?;
                self.push(MInst::AluImm { op, dst, a, imm });
                return Ok(());
            }
        }
        let a = self.val(inst, &oa)?;
        let b = self.val(inst, &ob)?;
        self.push(MInst::Alu {
            op,
            dst,
            a,
            b,
            shift: None,
        });
        Ok(())
    }

    pub(crate) fn lower_checked(&mut self, inst: &Inst, op: OvfOp) -> Result<(), CodegenError> {
        let dst = self.result(inst)?;
        let (oa, ob) = (
            self.operand(inst, 0)?.clone(),
            self.operand(inst, 1)?.clone(),
        );
        let width = Self::width(inst);
        // `range-elim`: operand ranges prove the 64-bit result cannot overflow, so the wrapping
        // operation computes it.
        let aop = match op {
            OvfOp::Add => ArithOp::Add,
            OvfOp::Sub => ArithOp::Sub,
            OvfOp::Mul => ArithOp::Mul,
        };
        if width == Width::W64
            && ranges::arith(aop, self.ranges.of(&oa), self.ranges.of(&ob)).is_some()
        {
            let alu = match op {
                OvfOp::Add => AluOp::Add,
                OvfOp::Sub => AluOp::Sub,
                OvfOp::Mul => AluOp::Mul,
            };
            return self.lower_alu(inst, alu);
        }
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
                let trap = self.trap_site(inst, TrapKind::Overflow, Some(detail));
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
        let trap = self.trap_site(inst, TrapKind::Overflow, Some(detail));
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

    pub(crate) fn lower_divrem(&mut self, inst: &Inst, kind_: DivKind) -> Result<(), CodegenError> {
        let dst = self.result(inst)?;
        let (oa, ob) = (
            self.operand(inst, 0)?.clone(),
            self.operand(inst, 1)?.clone(),
        );
        let a = self.val(inst, &oa)?;
        let b = self.val(inst, &ob)?;
        let mn = inst.op.mnemonic();
        let trap_zero = self.trap_site(
            inst,
            TrapKind::DivideByZero,
            Some(format!("divide by zero in {mn}")),
        );
        let trap_ovf = self.trap_site(
            inst,
            TrapKind::Overflow,
            Some(format!("integer overflow in {mn}")),
        );
        let width = match kind_ {
            DivKind::UDiv | DivKind::URem => Width::W64,
            DivKind::SDiv | DivKind::SRem => Self::width(inst),
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
        let [ri, rl, rh] = [0, 1, 2].map(|k| self.ranges.of(&ops[k]));
        let exact = |r: ranges::Range| (r.lo == r.hi).then_some(r.lo);
        let idx = self.val_at_width(inst, &ops[0], inst.ty)?;
        // `range-elim`: the index is proven in bounds; only `idx - lo` remains.
        if let (true, Some(lo)) = (ranges::idx_in_bounds(ri, rl, rh), exact(rl)) {
            if lo == 0 {
                self.push(MInst::Mov { dst, src: idx });
            } else if is_add_imm(lo.unsigned_abs()) {
                let op = if lo > 0 { AluOp::Sub } else { AluOp::Add };
                let imm = lo.unsigned_abs();
                self.push(MInst::AluImm {
                    op,
                    dst,
                    a: idx,
                    imm,
                });
            } else {
                let k = self.new_int();
                self.push(MInst::MovImm {
                    dst: k,
                    imm: lo as u64,
                });
                self.push(MInst::Alu {
                    op: AluOp::Sub,
                    dst,
                    a: idx,
                    b: k,
                    shift: None,
                });
            }
            return Ok(());
        }
        let trap = self.trap_site(inst, TrapKind::Bounds, None);
        // `idx-chk-imm`: constant bounds, a non-empty range and a small `lo`.
        if let (true, Some(lo), Some(hi)) = (self.idx_chk_imm, exact(rl), exact(rh)) {
            if hi > lo && (-4095..=4095).contains(&lo) {
                let len = (hi as i128 - lo as i128) as u64;
                // A length no compare immediate holds is a constant register, which the
                // constant passes hoist out of loops and share (emitted, it was a `mov` to a
                // scratch register before every check).
                let bounds = if len < 4096 {
                    IdxBounds::Const { lo, len }
                } else {
                    let k = self.new_int();
                    self.push(MInst::MovImm { dst: k, imm: len });
                    IdxBounds::LenReg { lo, len: k }
                };
                // With lo = 0 the result is the index: a copy the register allocator can merge.
                self.push(MInst::IdxChk {
                    dst: (lo != 0).then_some(dst),
                    idx,
                    bounds,
                    trap,
                });
                if lo == 0 {
                    self.push(MInst::Mov { dst, src: idx });
                }
                return Ok(());
            }
        }
        let lo = self.val_at_width(inst, &ops[1], inst.ty)?;
        let hi = self.val_at_width(inst, &ops[2], inst.ty)?;
        self.push(MInst::IdxChk {
            dst: Some(dst),
            idx,
            bounds: IdxBounds::Regs { lo, hi },
            trap,
        });
        Ok(())
    }
}
