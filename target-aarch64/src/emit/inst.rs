//! Emission of the plain (non-checking) instructions, calls, branches and allocator moves.

use super::asm::Lbl;
use super::{d, preg, r64, rd, rw, rx, w, x, FnEmit};
use crate::encode::syntax::{Mem, MemOff, Mn, Operand, R};
use crate::imm::fmov_imm;
use crate::inst::{AluOp, Callee, CmpRhs, Cond, ExtKind, FpuOp, Index, MInst, MemTy, SymRef};
use codegen_api::CodegenError;
use regalloc2::RegClass;
use target_common::{Loc, Reg};

/// Load mnemonic and register view for a memory type.
fn load_op(ty: MemTy, r: Reg) -> Result<(Mn, R), CodegenError> {
    Ok(match ty {
        MemTy::I1 | MemTy::Byte => (Mn::Ldrb, rw(r)?),
        MemTy::I16 => (Mn::Ldrsh, rx(r)?),
        MemTy::I32 => (Mn::Ldrsw, rx(r)?),
        MemTy::I64 => (Mn::Ldr, rx(r)?),
        MemTy::F64 => (Mn::Ldr, rd(r)?),
    })
}

fn store_op(ty: MemTy, r: Reg) -> Result<(Mn, R), CodegenError> {
    Ok(match ty {
        MemTy::I1 | MemTy::Byte => (Mn::Strb, rw(r)?),
        MemTy::I16 => (Mn::Strh, rw(r)?),
        MemTy::I32 => (Mn::Str, rw(r)?),
        MemTy::I64 => (Mn::Str, rx(r)?),
        MemTy::F64 => (Mn::Str, rd(r)?),
    })
}

/// Register operands of the instruction model.
fn regs<const N: usize>(r: [R; N]) -> [Operand<'static>; N] {
    r.map(Operand::Reg)
}

impl FnEmit<'_> {
    fn load(&mut self, ty: MemTy, dst: Reg, base: R, off: i64) -> Result<(), CodegenError> {
        let (op, r) = load_op(ty, dst)?;
        self.asm.mem(op, r, base, off, ty.size());
        if ty == MemTy::I1 {
            self.bool_mask(dst)?;
        }
        Ok(())
    }

    /// `and xd, xd, #1`: a loaded `i1` reduced to its low bit.
    fn bool_mask(&mut self, dst: Reg) -> Result<(), CodegenError> {
        let xd = rx(dst)?;
        let [a, b] = regs([xd, xd]);
        self.asm.op(Mn::And, &[a, b, Operand::Imm(1)]);
        Ok(())
    }

    /// `ldp`/`stp` of two `ty` registers at `[base, #off]` (limits: `crate::inst::pair_offset_ok`).
    fn pair(
        &mut self,
        op: Mn,
        ty: MemTy,
        pair: [Reg; 2],
        base: Reg,
        off: i64,
    ) -> Result<(), CodegenError> {
        if !crate::inst::pair_offset_ok(ty, off) {
            return Err(CodegenError::Internal(format!(
                "{} of {} at offset {off}",
                op.name(),
                ty.name()
            )));
        }
        let view = if ty == MemTy::F64 { rd } else { rx };
        let (r0, r1, b) = (view(pair[0])?, view(pair[1])?, rx(base)?);
        if op == Mn::Ldp && r0 == r1 {
            return Err(CodegenError::Internal(format!("ldp into {r0} twice")));
        }
        let at = Mem {
            base: b,
            off: MemOff::Imm(off),
            pre: false,
        };
        let [a0, a1] = regs([r0, r1]);
        self.asm.op(op, &[a0, a1, Operand::Mem(at)]);
        Ok(())
    }

    /// `op r, [base, index]` or `[base, index, lsl #log2(size)]` (`off` must be 0).
    fn mem_index(
        &mut self,
        op: Mn,
        r: R,
        base: R,
        off: i64,
        ix: Index,
        ty: MemTy,
    ) -> Result<(), CodegenError> {
        if off != 0 {
            return Err(CodegenError::Internal(
                "a register-indexed access with an offset".into(),
            ));
        }
        let i = rx(ix.reg)?;
        let sh = ty.size().trailing_zeros() as u8;
        let shift = (ix.scaled && sh > 0).then_some(sh);
        let at = Mem {
            base,
            off: MemOff::Reg(i, shift),
            pre: false,
        };
        self.asm.op(op, &[Operand::Reg(r), Operand::Mem(at)]);
        Ok(())
    }

    fn sym_addr(&mut self, reg: &str, sym: &SymRef) {
        match sym {
            SymRef::Local(n) => {
                let s = self.asm.symd(n);
                self.asm.addr_of(reg, s);
            }
            SymRef::External(n) => {
                let s = self.asm.symd(n);
                self.asm.got_addr(reg, s);
            }
            SymRef::ThreadLocal(n) => {
                let s = self.asm.symd(n);
                let scratch = if reg == "x17" { "x16" } else { "x17" };
                self.asm.tls_addr(reg, scratch, s);
            }
            SymRef::CStr(b) => {
                let l = self.data.cstr(b);
                self.asm.addr_of(reg, &l);
            }
            SymRef::StrHandle(b) => {
                let l = self.data.handle(b);
                self.asm.addr_of(reg, &l);
            }
        }
    }

    fn jump_to(&mut self, target: u32, cur: u32) {
        if !(self.branch_elision && target == cur + 1) {
            let l = self.block_label(target);
            self.asm.jump(l);
        }
    }

    /// Emit one instruction of block `cur`.
    pub fn inst(&mut self, i: &MInst, cur: u32) -> Result<(), CodegenError> {
        match i {
            MInst::Args { .. } => {}
            MInst::LoadIncomingArg { dst, off, ty } => {
                self.load(*ty, *dst, R::x(29), 16 + *off as i64)?
            }
            MInst::MovImm { dst, imm } => {
                let r = x(*dst)?;
                self.asm.mov_imm(r, *imm);
            }
            MInst::FMovImm { dst, bits } => {
                let r = d(*dst)?;
                if *bits == 0 {
                    self.asm.insf(format_args!("fmov {r}, xzr"));
                } else if let Some(t) = fmov_imm(*bits) {
                    self.asm.insf(format_args!("fmov {r}, #{t}"));
                } else {
                    self.asm.mov_imm("x16", *bits);
                    self.asm.insf(format_args!("fmov {r}, x16"));
                }
            }
            MInst::Mov { dst, src } => {
                if dst != src {
                    if dst.class() == RegClass::Float {
                        self.asm
                            .insf(format_args!("fmov {}, {}", d(*dst)?, d(*src)?));
                    } else {
                        self.asm.op(Mn::Mov, &regs([rx(*dst)?, rx(*src)?]));
                    }
                }
            }
            MInst::Alu {
                op,
                dst,
                a,
                b,
                shift,
            } => {
                let [rd, ra, rb] = regs([rx(*dst)?, rx(*a)?, rx(*b)?]);
                match shift {
                    None => self.asm.op(op.mn(), &[rd, ra, rb]),
                    Some(sh) => {
                        let s = sh.op.shift_op().ok_or_else(|| {
                            CodegenError::Internal(format!("{} as a shift", sh.op.mnemonic()))
                        })?;
                        let by = Operand::Shift(s, sh.amount);
                        self.asm.op(op.mn(), &[rd, ra, rb, by]);
                    }
                }
            }
            MInst::AluImm { op, dst, a, imm } => {
                let (rd, ra) = (x(*dst)?, x(*a)?);
                match op {
                    AluOp::Add => self.asm.add_imm(rd, ra, *imm),
                    AluOp::Sub => {
                        if *imm < 4096 {
                            self.asm.insf(format_args!("sub {rd}, {ra}, #{imm}"));
                        } else {
                            self.asm
                                .insf(format_args!("sub {rd}, {ra}, #{}, lsl #12", imm >> 12));
                        }
                    }
                    AluOp::And | AluOp::Orr | AluOp::Eor => {
                        let m = op.mnemonic();
                        self.asm.insf(format_args!("{m} {rd}, {ra}, #{imm:#x}"));
                    }
                    AluOp::Lsl | AluOp::Lsr | AluOp::Asr => {
                        let m = op.mnemonic();
                        self.asm.insf(format_args!("{m} {rd}, {ra}, #{}", imm & 63));
                    }
                    AluOp::Mul => {
                        return Err(CodegenError::Internal("mul has no immediate form".into()))
                    }
                }
            }
            MInst::Fpu { op, dst, a, b } => {
                let m = match op {
                    FpuOp::Add => "fadd",
                    FpuOp::Sub => "fsub",
                    FpuOp::Mul => "fmul",
                    FpuOp::Div => "fdiv",
                };
                self.asm
                    .insf(format_args!("{m} {}, {}, {}", d(*dst)?, d(*a)?, d(*b)?));
            }
            MInst::CmpSet { cond, dst, a, b } => {
                self.asm.op(Mn::Cmp, &regs([rx(*a)?, rx(*b)?]));
                self.cset(*dst, *cond)?;
            }
            MInst::CmpImmSet { cond, dst, a, imm } => {
                self.cmp_imm(rx(*a)?, *imm);
                self.cset(*dst, *cond)?;
            }
            MInst::FCmpSet { cond, dst, a, b } => {
                self.asm.insf(format_args!("fcmp {}, {}", d(*a)?, d(*b)?));
                self.asm
                    .insf(format_args!("cset {}, {}", x(*dst)?, cond.name()));
            }
            MInst::Ext { kind, dst, src } => {
                let rd = x(*dst)?;
                match kind {
                    ExtKind::Bool => self.asm.insf(format_args!("and {rd}, {}, #1", x(*src)?)),
                    ExtKind::S16 => self.asm.insf(format_args!("sxth {rd}, {}", w(*src)?)),
                    ExtKind::S32 => self.asm.insf(format_args!("sxtw {rd}, {}", w(*src)?)),
                    ExtKind::NonZero => {
                        self.asm.insf(format_args!("cmp {}, #0", x(*src)?));
                        self.asm.insf(format_args!("cset {rd}, ne"));
                    }
                }
            }
            MInst::IntToFp { signed, dst, src } => {
                let m = if *signed { "scvtf" } else { "ucvtf" };
                self.asm
                    .insf(format_args!("{m} {}, {}", d(*dst)?, x(*src)?));
            }
            MInst::Load {
                ty,
                dst,
                addr,
                off,
                index,
            } => {
                let a = rx(*addr)?;
                match index {
                    None => self.load(*ty, *dst, a, *off)?,
                    Some(ix) => {
                        let (op, r) = load_op(*ty, *dst)?;
                        self.mem_index(op, r, a, *off, *ix, *ty)?;
                        if *ty == MemTy::I1 {
                            self.bool_mask(*dst)?;
                        }
                    }
                }
            }
            MInst::Store {
                ty,
                src,
                addr,
                off,
                index,
            } => {
                let (op, r) = store_op(*ty, *src)?;
                let a = rx(*addr)?;
                match index {
                    None => self.asm.mem(op, r, a, *off, ty.size()),
                    Some(ix) => self.mem_index(op, r, a, *off, *ix, *ty)?,
                }
            }
            MInst::LoadPair { ty, dst, addr, off } => self.pair(Mn::Ldp, *ty, *dst, *addr, *off)?,
            MInst::StorePair { ty, src, addr, off } => {
                self.pair(Mn::Stp, *ty, *src, *addr, *off)?
            }
            MInst::SlotAddr { dst, slot } => self.slot_addr(*dst, *slot)?,
            MInst::SlotLoad { ty, dst, slot, off } => {
                let (base, o) = self.slot_base(*slot, *off)?;
                self.load(*ty, *dst, base, o)?
            }
            MInst::SlotStore { ty, src, slot, off } => {
                let (op, r) = store_op(*ty, *src)?;
                let (base, o) = self.slot_base(*slot, *off)?;
                self.asm.mem(op, r, base, o, ty.size())
            }
            MInst::LoadAddr { dst, sym } => {
                let r = x(*dst)?;
                self.sym_addr(r, sym);
            }
            MInst::StoreOutArg { src, off, ty } => {
                let (op, r) = store_op(*ty, *src)?;
                self.asm.mem(op, r, R::SP, *off as i64, ty.size());
            }
            MInst::Call { callee, .. } => match &**callee {
                Callee::Direct(SymRef::Local(n)) | Callee::Direct(SymRef::External(n)) => {
                    let s = self.asm.symd(n);
                    self.asm.call(s);
                }
                Callee::Direct(other) => {
                    self.sym_addr("x16", other);
                    self.asm.ins("blr x16");
                }
                Callee::Indirect(r) => {
                    let r = x(*r)?;
                    self.asm.insf(format_args!("blr {r}"));
                }
            },
            MInst::Jump { edges } => {
                let t = edges
                    .first()
                    .map(|e| e.block)
                    .ok_or_else(|| CodegenError::Internal("jump without a target".into()))?;
                self.jump_to(t, cur);
            }
            MInst::CondBr { cond, edges } => {
                let (t, e) = match edges.as_slice() {
                    [t, e] => (t.block, e.block),
                    _ => return Err(CodegenError::Internal("cbnz needs two targets".into())),
                };
                let c = x(*cond)?;
                if self.branch_elision && t == cur + 1 {
                    let l = self.block_label(e);
                    self.asm.cbz(false, c, l);
                } else {
                    let l = self.block_label(t);
                    self.asm.cbz(true, c, l);
                    self.jump_to(e, cur);
                }
            }
            MInst::CmpBr {
                float,
                cond,
                a,
                b,
                edges,
            } => self.cmp_br(*float, *cond, *a, *b, edges, cur)?,
            MInst::Switch {
                idx,
                cases,
                edges,
                tree,
            } => self.switch(*idx, cases, edges, *tree)?,
            MInst::Ret {
                frameless: true, ..
            } => self.asm.ins("ret"),
            MInst::Ret { .. } => {
                self.eh_before_ret()?;
                self.epilogue()
            }
            MInst::Prologue => self.frame_setup(),
            MInst::Eh(e) => self.eh_inst(e, cur)?,
            MInst::Trap { trap, code } => self.trap_call(*trap, code.is_some())?,
            MInst::RaMove { dst, src, class } => self.ra_move(*dst, *src, *class)?,
            MInst::Checked { .. }
            | MInst::CheckedImm { .. }
            | MInst::DivRem { .. }
            | MInst::IdxChk { .. }
            | MInst::NarrowChk { .. }
            | MInst::FpToInt { .. }
            | MInst::DynAlloca { .. } => self.checked(i)?,
        }
        Ok(())
    }

    /// `cmp a, #imm` (`cmn` for a negative immediate).
    fn cmp_imm(&mut self, a: R, imm: i32) {
        if imm < 0 {
            let v = Operand::Imm(i64::from(imm.unsigned_abs()));
            self.asm.op(Mn::Cmn, &[Operand::Reg(a), v]);
        } else {
            self.asm
                .op(Mn::Cmp, &[Operand::Reg(a), Operand::Imm(i64::from(imm))]);
        }
    }

    /// `cset xd, cond`.
    fn cset(&mut self, dst: Reg, cond: Cond) -> Result<(), CodegenError> {
        let c = Operand::Cond(cond);
        self.asm.op(Mn::Cset, &[Operand::Reg(rx(dst)?), c]);
        Ok(())
    }

    /// A fused compare and branch (`cbz`/`cbnz` for an integer eq/ne against 0).
    fn cmp_br(
        &mut self,
        float: bool,
        cond: Cond,
        a: Reg,
        b: CmpRhs,
        edges: &[target_common::Edge],
        cur: u32,
    ) -> Result<(), CodegenError> {
        let (t, e) = match edges {
            [t, e] => (t.block, e.block),
            _ => return Err(CodegenError::Internal("cmp_br needs two targets".into())),
        };
        let fall_to_t = self.branch_elision && t == cur + 1;
        if let CmpRhs::Bit(k) = b {
            let set = match (float, cond) {
                (false, Cond::Ne) => true,
                (false, Cond::Eq) => false,
                _ => {
                    return Err(CodegenError::Internal(format!(
                        "a bit test is an integer eq/ne branch, not {}{}",
                        if float { "f" } else { "" },
                        cond.name()
                    )))
                }
            };
            let ra = if k < 32 { w(a)? } else { x(a)? };
            if fall_to_t {
                let l = self.block_label(e);
                self.asm.tbz(!set, ra, k, l);
            } else {
                let l = self.block_label(t);
                self.asm.tbz(set, ra, k, l);
                self.jump_to(e, cur);
            }
            return Ok(());
        }
        if !float && b == CmpRhs::Imm(0) && matches!(cond, Cond::Eq | Cond::Ne) {
            let ra = x(a)?;
            let nonzero = cond == Cond::Ne;
            if fall_to_t {
                let l = self.block_label(e);
                self.asm.cbz(!nonzero, ra, l);
            } else {
                let l = self.block_label(t);
                self.asm.cbz(nonzero, ra, l);
                self.jump_to(e, cur);
            }
            return Ok(());
        }
        match (float, b) {
            (true, CmpRhs::Reg(rb)) => self.asm.insf(format_args!("fcmp {}, {}", d(a)?, d(rb)?)),
            (false, CmpRhs::Reg(rb)) => self.asm.op(Mn::Cmp, &regs([rx(a)?, rx(rb)?])),
            (false, CmpRhs::Imm(k)) => self.cmp_imm(rx(a)?, k),
            (true, CmpRhs::Imm(0)) => self.asm.insf(format_args!("fcmp {}, #0.0", d(a)?)),
            (true, CmpRhs::Imm(_)) => {
                return Err(CodegenError::Internal(
                    "fcmp has only the #0.0 immediate".into(),
                ))
            }
            (_, CmpRhs::Bit(_)) => {
                return Err(CodegenError::Internal(
                    "bit tests are emitted as tbz/tbnz".into(),
                ))
            }
        }
        if fall_to_t {
            // The inverse condition code is the exact complement (also for unordered fcmp).
            let l = self.block_label(e);
            self.asm.bcond(cond.invert(), l);
        } else {
            let l = self.block_label(t);
            self.asm.bcond(cond, l);
            self.jump_to(e, cur);
        }
        Ok(())
    }

    fn ra_move(&mut self, dst: Loc, src: Loc, class: RegClass) -> Result<(), CodegenError> {
        match (dst, src) {
            (Loc::Reg(a), Loc::Reg(b)) => {
                if a != b {
                    let m = if class == RegClass::Float {
                        Mn::Fmov
                    } else {
                        Mn::Mov
                    };
                    self.asm.op(m, &regs([r64(a), r64(b)]));
                }
            }
            (Loc::Reg(a), Loc::Stack(s)) => {
                let (base, off) = self.frame_addr(self.frame.spill_offset(s));
                self.asm.mem(Mn::Ldr, r64(a), base, off, 8);
            }
            (Loc::Stack(s), Loc::Reg(b)) => {
                let (base, off) = self.frame_addr(self.frame.spill_offset(s));
                self.asm.mem(Mn::Str, r64(b), base, off, 8);
            }
            (Loc::Stack(a), Loc::Stack(b)) => {
                let (base, off) = self.frame_addr(self.frame.spill_offset(b));
                self.asm.mem(Mn::Ldr, R::x(16), base, off, 8);
                let (base, off) = self.frame_addr(self.frame.spill_offset(a));
                self.asm.mem(Mn::Str, R::x(16), base, off, 8);
            }
        }
        Ok(())
    }

    /// Address of a fixed alloca slot, zero-filled.
    /// The base register and offset addressing byte `off` of fixed alloca slot `slot`.
    fn slot_base(&self, slot: u32, off: i64) -> Result<(R, i64), CodegenError> {
        let at = *self
            .frame
            .slot_offsets
            .get(slot as usize)
            .ok_or_else(|| CodegenError::Internal(format!("unknown alloca slot {slot}")))?;
        let fp_off = i64::from(at)
            .checked_add(off)
            .ok_or_else(|| CodegenError::Internal(format!("slot {slot} offset {off} overflows")))?;
        Ok(self.frame_addr(fp_off))
    }

    fn slot_addr(&mut self, dst: Reg, slot: u32) -> Result<(), CodegenError> {
        let rd = x(dst)?;
        let size = self.f.slots.get(slot as usize).copied().unwrap_or(16) as u64;
        let (base, o) = self.slot_base(slot, 0)?;
        self.asm.add_off(rd, base.name(), o);
        let zeroed_by_prologue = self
            .f
            .slot_zeroed_in_prologue
            .get(slot as usize)
            .copied()
            .unwrap_or(false);
        if zeroed_by_prologue {
            // Zero-filled once on entry (see frame.rs).
        } else if size <= 256 {
            for k in (0..size).step_by(16) {
                self.asm.insf(format_args!("stp xzr, xzr, [{rd}, #{k}]"));
            }
        } else {
            let l = self.asm.fresh();
            self.asm.insf(format_args!("mov x16, {rd}"));
            self.asm.mov_imm("x17", size);
            self.asm.label(l);
            self.asm.ins("stp xzr, xzr, [x16], #16");
            self.asm.ins("subs x17, x17, #16");
            self.asm.insf(format_args!("b.ne {l}"));
        }
        let _ = preg(dst)?;
        Ok(())
    }

    fn switch(
        &mut self,
        idx: Reg,
        cases: &[i32],
        edges: &[target_common::Edge],
        tree: bool,
    ) -> Result<(), CodegenError> {
        let (r, ri) = (x(idx)?, rx(idx)?);
        let default = edges
            .first()
            .map(|e| e.block)
            .ok_or_else(|| CodegenError::Internal("switch without default".into()))?;
        let mut pairs: Vec<(i64, u32)> = cases
            .iter()
            .zip(edges.iter().skip(1))
            .map(|(c, e)| (*c as i64, e.block))
            .collect();
        pairs.sort();
        let dl = self.block_label(default);
        if pairs.is_empty() {
            self.asm.insf(format_args!("b {dl}"));
            return Ok(());
        }
        let (lo, hi) = (pairs[0].0, pairs[pairs.len() - 1].0);
        let range = (hi - lo + 1) as u64;
        if pairs.len() >= 4 && range <= 4 * pairs.len() as u64 + 8 {
            // Jump table.
            let ix = if tree && lo == 0 {
                r
            } else if tree && (-4095..4096).contains(&lo) {
                let (m, k) = if lo < 0 { ("add", -lo) } else { ("sub", lo) };
                self.asm.insf(format_args!("{m} x16, {r}, #{k}"));
                "x16"
            } else {
                self.asm.mov_imm("x17", lo as u64);
                self.asm.insf(format_args!("sub x16, {r}, x17"));
                "x16"
            };
            if tree && range <= 4096 {
                self.asm.insf(format_args!("cmp {ix}, #{}", range - 1));
            } else {
                self.asm.mov_imm("x17", range - 1);
                self.asm.insf(format_args!("cmp {ix}, x17"));
            }
            self.asm.bcond(crate::inst::Cond::Hi, dl);
            let table = self.asm.fresh();
            self.asm.insf(format_args!("adr x17, {table}"));
            self.asm
                .insf(format_args!("ldrsw x16, [x17, {ix}, lsl #2]"));
            self.asm.ins("add x17, x17, x16");
            self.asm.ins("br x17");
            self.asm.directive(".p2align 2");
            self.asm.label(table);
            let mut k = 0;
            for v in lo..=hi {
                let target = if k < pairs.len() && pairs[k].0 == v {
                    k += 1;
                    pairs[k - 1].1
                } else {
                    default
                };
                let l = self.block_label(target);
                self.asm.directivef(format_args!(".word {l} - {table}"));
            }
        } else if tree {
            self.switch_search(ri, &pairs, dl);
        } else {
            for (v, t) in &pairs {
                self.asm.mov_imm("x17", *v as u64);
                self.asm.op(Mn::Cmp, &regs([ri, R::x(17)]));
                let l = self.block_label(*t);
                self.asm.bcond(crate::inst::Cond::Eq, l);
            }
            self.asm.insf(format_args!("b {dl}"));
        }
        Ok(())
    }

    /// `cmp r, v` (immediate form when `v` fits).
    fn cmp_value(&mut self, r: R, v: i64) {
        if (-4095..4096).contains(&v) {
            self.cmp_imm(r, v as i32);
        } else {
            self.asm.mov_imm("x17", v as u64);
            self.asm.op(Mn::Cmp, &regs([r, R::x(17)]));
        }
    }

    /// Binary search over the sorted `(value, block)` pairs; no match branches to `dl`.
    fn switch_search(&mut self, r: R, pairs: &[(i64, u32)], dl: Lbl) {
        if pairs.len() <= 3 {
            for (v, t) in pairs {
                self.cmp_value(r, *v);
                let l = self.block_label(*t);
                self.asm.bcond(crate::inst::Cond::Eq, l);
            }
            self.asm.insf(format_args!("b {dl}"));
            return;
        }
        let mid = pairs.len() / 2;
        let (v, t) = pairs[mid];
        self.cmp_value(r, v);
        let l = self.block_label(t);
        self.asm.bcond(crate::inst::Cond::Eq, l);
        let upper = self.asm.fresh();
        self.asm.bcond(crate::inst::Cond::Gt, upper);
        self.switch_search(r, &pairs[..mid], dl);
        self.asm.label(upper);
        self.switch_search(r, &pairs[mid + 1..], dl);
    }
}
