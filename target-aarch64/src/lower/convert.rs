//! Conversions: int→fp, checked fp→int (ties-to-even, NaN/Inf/range traps), checked narrowing,
//! `zext1`, `trunc1`.
//!
//! Lowering choice `fp-cvt-range`: a signed fp→int conversion gets its range bounds as ordinary
//! float constants (so `const-hoist` can lift them out of loops) and checks `lo <= r < hi` in line.

use super::{kind, FnLower};
use crate::inst::{AluOp, ExtKind, MInst, Width};
use codegen_api::CodegenError;
use il::{Inst, Opcode, Type};

impl<'a, 'm> FnLower<'a, 'm> {
    pub(crate) fn lower_convert(&mut self, inst: &Inst) -> Result<(), CodegenError> {
        let dst = self.result(inst)?;
        let op0 = self.operand(inst, 0)?.clone();
        let src = self.val(inst, &op0)?;
        let mn = inst.op.mnemonic();
        match inst.op {
            Opcode::Sitofp | Opcode::CastSiToFp | Opcode::CastUiToFp => {
                let signed = inst.op != Opcode::CastUiToFp;
                self.push(MInst::IntToFp { signed, dst, src });
            }
            Opcode::CastFpToSiRteChk | Opcode::CastFpToUiRteChk | Opcode::Fptosi => {
                let signed = inst.op != Opcode::CastFpToUiRteChk;
                let trap_inv = self.trap_site(
                    inst,
                    kind::INVALID_CAST,
                    Some(format!("invalid fp operand in {mn}")),
                );
                let trap_ovf =
                    self.trap_site(inst, kind::OVERFLOW, Some(format!("fp overflow in {mn}")));
                let width = match inst.ty {
                    Type::I32 => Width::W32,
                    Type::I16 => Width::W16,
                    _ => Width::W64,
                };
                let round = inst.op != Opcode::Fptosi;
                let bounds = if signed && self.fp_cvt_range {
                    let hi = match width {
                        Width::W16 => 2f64.powi(15),
                        Width::W32 => 2f64.powi(31),
                        Width::W64 => 2f64.powi(63),
                    };
                    let lo_r = self.new_reg(Type::F64);
                    self.push(MInst::FMovImm {
                        dst: lo_r,
                        bits: (-hi).to_bits(),
                    });
                    let hi_r = self.new_reg(Type::F64);
                    self.push(MInst::FMovImm {
                        dst: hi_r,
                        bits: hi.to_bits(),
                    });
                    Some((lo_r, hi_r))
                } else {
                    None
                };
                self.push(MInst::FpToInt {
                    signed,
                    round,
                    width,
                    dst,
                    src,
                    bounds,
                    trap_inv,
                    trap_ovf,
                });
            }
            Opcode::CastSiNarrowChk | Opcode::CastUiNarrowChk => {
                let width = match inst.ty {
                    Type::I32 => Width::W32,
                    Type::I16 => Width::W16,
                    _ => {
                        return Err(
                            self.unsupported(inst, "narrowing cast result must be i16 or i32")
                        )
                    }
                };
                let trap = self.trap_site(
                    inst,
                    kind::INVALID_CAST,
                    Some(format!("value out of range in {mn}")),
                );
                let signed = inst.op == Opcode::CastSiNarrowChk;
                self.push(MInst::NarrowChk {
                    signed,
                    width,
                    dst,
                    src,
                    trap,
                });
            }
            Opcode::Zext1 => self.push(MInst::Ext {
                kind: ExtKind::NonZero,
                dst,
                src,
            }),
            _ => self.push(MInst::AluImm {
                op: AluOp::And,
                dst,
                a: src,
                imm: 1,
            }),
        }
        Ok(())
    }
}
