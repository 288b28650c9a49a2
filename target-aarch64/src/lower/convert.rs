//! Conversions: int→fp, checked fp→int (ties-to-even, NaN/Inf/range traps), checked narrowing,
//! `zext1`, `trunc1`.
//!
//! Lowering choice `fp-cvt-range`: a signed fp→int conversion gets its range bounds as ordinary
//! float constants (so `const-hoist` can lift them out of loops) and checks `lo <= r < hi` in line.

use super::FnLower;
use crate::inst::{AluOp, ExtKind, MInst, Width};
use codegen_api::CodegenError;
use il::{Inst, TrapKind, Type};

/// A conversion, as the dispatcher classifies the IL opcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CvtOp {
    /// `sitofp`, `cast.si_to_fp` (signed) and `cast.ui_to_fp`.
    IntToFp {
        signed: bool,
    },
    /// `cast.fp_to_si.rte.chk`, `cast.fp_to_ui.rte.chk` (`round`: ties-to-even) and `fptosi`
    /// (truncating).
    FpToInt {
        signed: bool,
        round: bool,
    },
    /// `cast.si_narrow.chk` / `cast.ui_narrow.chk`.
    Narrow {
        signed: bool,
    },
    Zext1,
    Trunc1,
}

impl<'a, 'm> FnLower<'a, 'm> {
    pub(crate) fn lower_convert(&mut self, inst: &Inst, op: CvtOp) -> Result<(), CodegenError> {
        let dst = self.result(inst)?;
        let op0 = self.operand(inst, 0)?.clone();
        let src = self.val(inst, &op0)?;
        let mn = inst.op.mnemonic();
        match op {
            CvtOp::IntToFp { signed } => {
                self.push(MInst::IntToFp { signed, dst, src });
            }
            CvtOp::FpToInt { signed, round } => {
                let trap_inv = self.trap_site(
                    inst,
                    TrapKind::InvalidCast,
                    Some(format!("invalid fp operand in {mn}")),
                );
                let trap_ovf = self.trap_site(
                    inst,
                    TrapKind::Overflow,
                    Some(format!("fp overflow in {mn}")),
                );
                let width = match inst.ty {
                    Type::I32 => Width::W32,
                    Type::I16 => Width::W16,
                    _ => Width::W64,
                };
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
            CvtOp::Narrow { signed } => {
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
                    TrapKind::InvalidCast,
                    Some(format!("value out of range in {mn}")),
                );
                self.push(MInst::NarrowChk {
                    signed,
                    width,
                    dst,
                    src,
                    trap,
                });
            }
            CvtOp::Zext1 => self.push(MInst::Ext {
                kind: ExtKind::NonZero,
                dst,
                src,
            }),
            CvtOp::Trunc1 => self.push(MInst::AluImm {
                op: AluOp::And,
                dst,
                a: src,
                imm: 1,
            }),
        }
        Ok(())
    }
}
