//! Memory: `alloca` (constant sizes in a once-run entry block → fixed frame slots zeroed by the
//! prologue; everything else → fresh zeroed memory below sp, counted against the VM's 64 KiB
//! per-activation arena),
//! `gep`, `load`, `store` (`store str` calls `vpr_str_store(ptr, value)` for the owning
//! assignment of IL-SPEC §7.7).

use super::FnLower;
use crate::abi::mem_ty;
use crate::imm::is_add_imm;
use crate::inst::{AluOp, Callee, MInst, SymRef};
use crate::regs::xreg;
use codegen_api::CodegenError;
use il::{Inst, Operand, TrapKind, Type};

/// Most bytes of constant allocas placed in one fixed frame; an alloca that would go beyond it
/// uses the dynamic path (which traps Overflow beyond the VM's 64 KiB arena), so no verified
/// module makes a frame too large to address.
const MAX_FIXED_ALLOCAS: u64 = 1 << 29;

/// A memory opcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MemOp {
    Alloca,
    Gep,
    Load,
    Store,
}

impl<'a, 'm> FnLower<'a, 'm> {
    /// The bytes of every fixed slot made so far, summed once each (a sum over all slots per
    /// `alloca` made 100k allocas take 0.96 s).
    fn fixed_slot_bytes(&mut self) -> u64 {
        let (sum, n) = &mut self.slots_summed;
        *sum += self.out.slots[*n..]
            .iter()
            .map(|&s| u64::from(s))
            .sum::<u64>();
        *n = self.out.slots.len();
        *sum
    }

    pub(crate) fn lower_memory(&mut self, inst: &Inst, op: MemOp) -> Result<(), CodegenError> {
        match op {
            MemOp::Alloca => {
                let dst = self.result(inst)?;
                let runs_once = self.il_block == 0 && !self.entry_has_predecessors();
                let fixed = self.fixed_slot_bytes();
                let fits = |n: i64| {
                    u64::try_from(n)
                        .is_ok_and(|n| n.max(1).div_ceil(16) * 16 + fixed <= MAX_FIXED_ALLOCAS)
                };
                match self.operand(inst, 0)?.clone() {
                    Operand::Int(n) if runs_once && fits(n) => {
                        let size = ((n as u32).max(1)).div_ceil(16) * 16;
                        self.out.slots.push(size);
                        self.out.slot_zeroed_in_prologue.push(true);
                        let slot = (self.out.slots.len() - 1) as u32;
                        self.push(MInst::SlotAddr { dst, slot });
                    }
                    op => {
                        // An alloca that may run more than once yields fresh zeroed memory each
                        // time (IL-SPEC §7.7), from the activation's arena: a pointer kept from an
                        // earlier execution stays valid, and exceeding 64 KiB traps as on the VM.
                        let size = match op {
                            Operand::Int(n) => {
                                let r = self.new_int();
                                self.push(MInst::MovImm {
                                    dst: r,
                                    imm: n as u64,
                                });
                                r
                            }
                            _ => self.val(inst, &op)?,
                        };
                        let trap = self.trap_site(
                            inst,
                            TrapKind::DomainError,
                            Some("negative allocation".into()),
                        );
                        let overflow = self.trap_site(
                            inst,
                            TrapKind::Overflow,
                            Some("stack overflow in alloca".into()),
                        );
                        let arena = Some((self.arena_slot(), overflow));
                        self.out.has_dyn_alloca = true;
                        self.push(MInst::DynAlloca {
                            dst,
                            size,
                            trap,
                            arena,
                        });
                    }
                }
            }
            MemOp::Gep => {
                let dst = self.result(inst)?;
                let (oa, ob) = (
                    self.operand(inst, 0)?.clone(),
                    self.operand(inst, 1)?.clone(),
                );
                let a = self.val(inst, &oa)?;
                if let Operand::Int(k) = ob {
                    let (op, imm) = if is_add_imm(k as u64) {
                        (AluOp::Add, k as u64)
                    } else {
                        (AluOp::Sub, (k as u64).wrapping_neg())
                    };
                    if is_add_imm(imm) {
                        self.push(MInst::AluImm { op, dst, a, imm });
                        return Ok(());
                    }
                }
                let b = self.val(inst, &ob)?;
                self.push(MInst::Alu {
                    op: AluOp::Add,
                    dst,
                    a,
                    b,
                    shift: None,
                });
            }
            MemOp::Load => {
                let dst = self.result(inst)?;
                let op = self.operand(inst, 0)?.clone();
                let addr = self.val(inst, &op)?;
                self.push(MInst::Load {
                    ty: mem_ty(inst.ty),
                    dst,
                    addr,
                    off: 0,
                    index: None,
                });
            }
            MemOp::Store => {
                let (op, ov) = (
                    self.operand(inst, 0)?.clone(),
                    self.operand(inst, 1)?.clone(),
                );
                let addr = self.val(inst, &op)?;
                let src = self.val(inst, &ov)?;
                if inst.ty == Type::Str {
                    self.push(MInst::Call {
                        callee: Box::new(Callee::Direct(SymRef::External("vpr_str_store".into()))),
                        args: vec![(addr, xreg(0)), (src, xreg(1))],
                        ret: None,
                    });
                } else {
                    self.push(MInst::Store {
                        ty: mem_ty(inst.ty),
                        src,
                        addr,
                        off: 0,
                        index: None,
                    });
                }
            }
        }
        Ok(())
    }
}

impl FnLower<'_, '_> {
    /// The frame slot counting the bytes of this activation's run-time allocas (created on first
    /// use; zeroed by the prologue).
    fn arena_slot(&mut self) -> u32 {
        if let Some(s) = self.out.arena_slot {
            return s;
        }
        self.out.slots.push(16);
        self.out.slot_zeroed_in_prologue.push(true);
        let s = (self.out.slots.len() - 1) as u32;
        self.out.arena_slot = Some(s);
        s
    }
}
