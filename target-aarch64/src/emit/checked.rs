//! Expansion of the checking pseudo-instructions: overflow-checked add/sub/mul at 16/32/64 bits,
//! division/remainder with zero and MIN/−1 checks, `idx.chk`, checked narrowing, checked fp→int
//! conversion, and dynamic `alloca`. Every failing check branches to the site's trap stub.
//! Scratch: x16, x17, d30, d31; the destination is written only after all inputs are read.

use super::{d, x, FnEmit, Lbl};
use crate::inst::{Cond, DivKind, IdxBounds, MInst, OvfOp, Width};
use codegen_api::CodegenError;

impl FnEmit<'_> {
    pub fn checked(&mut self, i: &MInst) -> Result<(), CodegenError> {
        match i {
            MInst::Checked {
                op,
                width,
                dst,
                a,
                b,
                trap,
            } => {
                let t = self.trap_label(*trap);
                let (rd, ra, rb) = (x(*dst)?, x(*a)?, x(*b)?);
                let (wa, wb) = (super::w(*a)?, super::w(*b)?);
                match (width, op) {
                    // The destination may be written before the check: the trap stub reads
                    // nothing, and no other live value shares its register.
                    (Width::W64, OvfOp::Add | OvfOp::Sub) => {
                        let m = if *op == OvfOp::Add { "adds" } else { "subs" };
                        self.asm.insf(format_args!("{m} {rd}, {ra}, {rb}"));
                        self.asm.bcond(Cond::Vs, t);
                    }
                    (Width::W64, OvfOp::Mul) => {
                        self.asm.insf(format_args!("smulh x17, {ra}, {rb}"));
                        self.asm.insf(format_args!("mul {rd}, {ra}, {rb}"));
                        self.asm.insf(format_args!("cmp x17, {rd}, asr #63"));
                        self.asm.bcond(Cond::Ne, t);
                    }
                    (Width::W32, OvfOp::Add | OvfOp::Sub) => {
                        let m = if *op == OvfOp::Add { "adds" } else { "subs" };
                        let wd = super::w(*dst)?;
                        self.asm.insf(format_args!("{m} {wd}, {wa}, {wb}"));
                        self.asm.bcond(Cond::Vs, t);
                        self.asm.insf(format_args!("sxtw {rd}, {wd}"));
                    }
                    (Width::W32, OvfOp::Mul) => {
                        self.asm.insf(format_args!("smull x16, {wa}, {wb}"));
                        self.asm.ins("cmp x16, w16, sxtw");
                        self.asm.bcond(Cond::Ne, t);
                        self.asm.insf(format_args!("mov {rd}, x16"));
                    }
                    (Width::W16, _) => {
                        let m = match op {
                            OvfOp::Add => "add",
                            OvfOp::Sub => "sub",
                            OvfOp::Mul => "mul",
                        };
                        self.asm.insf(format_args!("sxth w16, {wa}"));
                        self.asm.insf(format_args!("sxth w17, {wb}"));
                        self.asm.insf(format_args!("{m} w16, w16, w17"));
                        self.asm.ins("cmp w16, w16, sxth");
                        self.asm.bcond(Cond::Ne, t);
                        self.asm.insf(format_args!("sxth {rd}, w16"));
                    }
                }
            }
            MInst::CheckedImm {
                op,
                width,
                dst,
                a,
                imm,
                trap,
            } => {
                let t = self.trap_label(*trap);
                let m = match op {
                    OvfOp::Add => "adds",
                    OvfOp::Sub => "subs",
                    OvfOp::Mul => {
                        return Err(CodegenError::Internal(
                            "checked mul has no immediate".into(),
                        ))
                    }
                };
                let rd = x(*dst)?;
                if *width == Width::W32 {
                    let (wd, wa) = (super::w(*dst)?, super::w(*a)?);
                    self.asm.insf(format_args!("{m} {wd}, {wa}, #{imm}"));
                    self.asm.bcond(Cond::Vs, t);
                    self.asm.insf(format_args!("sxtw {rd}, {wd}"));
                } else {
                    self.asm.insf(format_args!("{m} {rd}, {}, #{imm}", x(*a)?));
                    self.asm.bcond(Cond::Vs, t);
                }
            }
            MInst::DivRem {
                kind,
                width,
                dst,
                a,
                b,
                trap_zero,
                trap_ovf,
                const_divisor,
            } => {
                // The divisor's value at the operation width, when it is a constant.
                let known = const_divisor.map(|k| match width {
                    Width::W64 => k,
                    Width::W32 => k as i32 as i64,
                    Width::W16 => k as i16 as i64,
                });
                let zero_check = known.is_none_or(|k| k == 0);
                let ovf_check = known.is_none_or(|k| k == -1);
                let (rd, ra, rb) = (x(*dst)?, x(*a)?, x(*b)?);
                match (kind, width) {
                    (DivKind::UDiv | DivKind::URem, _) | (DivKind::SRem, Width::W64) => {
                        if zero_check {
                            let tz = self.trap_label(*trap_zero);
                            self.asm.cbz(false, rb, tz);
                        }
                        let m = if *kind == DivKind::SRem {
                            "sdiv"
                        } else {
                            "udiv"
                        };
                        if *kind == DivKind::UDiv {
                            self.asm.insf(format_args!("udiv {rd}, {ra}, {rb}"));
                        } else {
                            self.asm.insf(format_args!("{m} x16, {ra}, {rb}"));
                            self.asm.insf(format_args!("msub {rd}, x16, {rb}, {ra}"));
                        }
                    }
                    (DivKind::SDiv, Width::W64) => {
                        if zero_check {
                            let tz = self.trap_label(*trap_zero);
                            self.asm.cbz(false, rb, tz);
                        }
                        if ovf_check {
                            let to = self.trap_label(*trap_ovf);
                            self.asm.ins("movz x16, #0x8000, lsl #48");
                            self.asm.insf(format_args!("cmp {ra}, x16"));
                            self.asm.insf(format_args!("ccmn {rb}, #1, #0, eq"));
                            self.asm.bcond(Cond::Eq, to);
                        }
                        self.asm.insf(format_args!("sdiv {rd}, {ra}, {rb}"));
                    }
                    (_, narrow) => {
                        let ext = if *narrow == Width::W32 {
                            "sxtw"
                        } else {
                            "sxth"
                        };
                        self.asm.insf(format_args!("{ext} x16, {}", super::w(*a)?));
                        self.asm.insf(format_args!("{ext} x17, {}", super::w(*b)?));
                        if zero_check {
                            let tz = self.trap_label(*trap_zero);
                            self.asm.cbz(false, "x17", tz);
                        }
                        if *kind == DivKind::SDiv {
                            let to = self.trap_label(*trap_ovf);
                            self.asm.ins("sdiv x16, x16, x17");
                            self.asm.insf(format_args!("cmp x16, w16, {ext}"));
                            self.asm.bcond(Cond::Ne, to);
                            self.asm.insf(format_args!("mov {rd}, x16"));
                        } else {
                            self.asm.insf(format_args!("sdiv {rd}, x16, x17"));
                            self.asm.insf(format_args!("msub {rd}, {rd}, x17, x16"));
                        }
                    }
                }
            }
            MInst::IdxChk {
                dst,
                idx,
                bounds,
                trap,
            } => {
                let t = self.trap_label(*trap);
                let rd = dst.map(x).transpose()?;
                let ri = x(*idx)?;
                match *bounds {
                    IdxBounds::Regs { lo, hi } => {
                        let (rl, rh) = (x(lo)?, x(hi)?);
                        self.asm.insf(format_args!("cmp {ri}, {rl}"));
                        self.asm.bcond(Cond::Lt, t);
                        self.asm.insf(format_args!("cmp {ri}, {rh}"));
                        self.asm.bcond(Cond::Ge, t);
                        if let Some(rd) = rd {
                            self.asm.insf(format_args!("sub {rd}, {ri}, {rl}"));
                        }
                    }
                    IdxBounds::Const { lo, len } => {
                        let off = self.idx_offset(ri, lo);
                        if len < 4096 {
                            self.asm.insf(format_args!("cmp {off}, #{len}"));
                        } else {
                            self.asm.mov_imm("x17", len);
                            self.asm.insf(format_args!("cmp {off}, x17"));
                        }
                        self.idx_in_range(off, rd, t);
                    }
                    IdxBounds::LenReg { lo, len } => {
                        let (off, rn) = (self.idx_offset(ri, lo), x(len)?);
                        self.asm.insf(format_args!("cmp {off}, {rn}"));
                        self.idx_in_range(off, rd, t);
                    }
                }
            }
            MInst::NarrowChk {
                signed,
                width,
                dst,
                src,
                trap,
            } => {
                let t = self.trap_label(*trap);
                let (rd, rs) = (x(*dst)?, x(*src)?);
                let bits = if *width == Width::W32 { 32 } else { 16 };
                if *signed {
                    let ext = if bits == 32 { "sxtw" } else { "sxth" };
                    self.asm
                        .insf(format_args!("cmp {rs}, {}, {ext}", super::w(*src)?));
                    self.asm.bcond(Cond::Ne, t);
                } else {
                    self.asm.insf(format_args!("lsr x16, {rs}, #{bits}"));
                    self.asm.cbz(true, "x16", t);
                }
                if rd != rs {
                    self.asm.insf(format_args!("mov {rd}, {rs}"));
                }
            }
            MInst::FpToInt {
                signed: true,
                round,
                dst,
                src,
                bounds: Some((lo, hi)),
                trap_inv,
                trap_ovf,
                ..
            } => {
                // In range iff lo <= r < hi; `b.lt` is also taken for an unordered compare (NaN)
                // and `b.ge` for +Inf, so every failure reaches the out-of-line classifier.
                let (rd, rs) = (x(*dst)?, d(*src)?);
                let slow = self.asm.fresh();
                let r = if *round { "frintn" } else { "frintz" };
                self.asm.insf(format_args!("{r} d31, {rs}"));
                self.asm.insf(format_args!("fcmp d31, {}", d(*lo)?));
                self.asm.bcond(Cond::Lt, slow);
                self.asm.insf(format_args!("fcmp d31, {}", d(*hi)?));
                self.asm.bcond(Cond::Ge, slow);
                self.asm.insf(format_args!("fcvtzs {rd}, d31"));
                self.fp_slow.push((slow, rs, *trap_inv, *trap_ovf));
            }
            MInst::FpToInt {
                signed,
                round,
                width,
                dst,
                src,
                trap_inv,
                trap_ovf,
                ..
            } => {
                let ti = self.trap_label(*trap_inv);
                let to = self.trap_label(*trap_ovf);
                let (rd, rs) = (x(*dst)?, d(*src)?);
                if !signed {
                    self.asm.insf(format_args!("fmov x16, {rs}"));
                    self.asm.ins("tst x16, #0x8000000000000000");
                    self.asm.bcond(Cond::Ne, ti);
                }
                self.asm.insf(format_args!("fabs d31, {rs}"));
                self.asm.mov_imm("x16", f64::INFINITY.to_bits());
                self.asm.ins("fmov d30, x16");
                self.asm.ins("fcmp d31, d30");
                self.asm.bcond(Cond::Vs, ti);
                self.asm.bcond(Cond::Eq, ti);
                let r = if *round { "frintn" } else { "frintz" };
                self.asm.insf(format_args!("{r} d31, {rs}"));
                let bits: i32 = match width {
                    Width::W16 => 16,
                    Width::W32 => 32,
                    Width::W64 => 64,
                };
                let hi = if *signed { bits - 1 } else { bits };
                self.asm.mov_imm("x16", 2f64.powi(hi).to_bits());
                self.asm.ins("fmov d30, x16");
                self.asm.ins("fcmp d31, d30");
                self.asm.bcond(Cond::Ge, to);
                if *signed {
                    self.asm.mov_imm("x16", (-(2f64.powi(hi))).to_bits());
                    self.asm.ins("fmov d30, x16");
                    self.asm.ins("fcmp d31, d30");
                    self.asm.bcond(Cond::Lt, to);
                }
                let c = if *signed { "fcvtzs" } else { "fcvtzu" };
                self.asm.insf(format_args!("{c} {rd}, d31"));
            }
            MInst::DynAlloca {
                dst,
                size,
                trap,
                arena,
            } => {
                let t = self.trap_label(*trap);
                let (rd, rs) = (x(*dst)?, x(*size)?);
                self.asm.insf(format_args!("cmp {rs}, #0"));
                self.asm.bcond(Cond::Lt, t);
                if let Some((slot, ovf)) = arena {
                    self.arena_check(*slot, *ovf, rs)?;
                }
                self.asm.insf(format_args!("add x16, {rs}, #15"));
                self.asm.ins("and x16, x16, #0xfffffffffffffff0");
                self.asm.ins("sub sp, sp, x16");
                self.asm.add_off("x17", "sp", self.f.outgoing as i64);
                self.asm.insf(format_args!("mov {rd}, x17"));
                let (l, done) = (self.asm.fresh(), self.asm.fresh());
                self.asm.insf(format_args!("cbz x16, {done}"));
                self.asm.label(l);
                self.asm.ins("stp xzr, xzr, [x17], #16");
                self.asm.ins("subs x16, x16, #16");
                self.asm.insf(format_args!("b.ne {l}"));
                self.asm.label(done);
            }
            MInst::Args { .. }
            | MInst::LoadIncomingArg { .. }
            | MInst::MovImm { .. }
            | MInst::FMovImm { .. }
            | MInst::Mov { .. }
            | MInst::Alu { .. }
            | MInst::AluImm { .. }
            | MInst::Fpu { .. }
            | MInst::CmpSet { .. }
            | MInst::CmpImmSet { .. }
            | MInst::FCmpSet { .. }
            | MInst::Ext { .. }
            | MInst::IntToFp { .. }
            | MInst::Load { .. }
            | MInst::SlotLoad { .. }
            | MInst::Store { .. }
            | MInst::SlotStore { .. }
            | MInst::LoadPair { .. }
            | MInst::StorePair { .. }
            | MInst::SlotAddr { .. }
            | MInst::LoadAddr { .. }
            | MInst::StoreOutArg { .. }
            | MInst::Call { .. }
            | MInst::Jump { .. }
            | MInst::CondBr { .. }
            | MInst::CmpBr { .. }
            | MInst::Switch { .. }
            | MInst::Ret { .. }
            | MInst::Prologue
            | MInst::Trap { .. }
            | MInst::Eh(_)
            | MInst::RaMove { .. } => {
                return Err(CodegenError::Internal(format!(
                    "not a checked instruction: {i}"
                )))
            }
        }
        Ok(())
    }

    /// The out-of-line failure paths of range-checked fp→int conversions: NaN or ±Inf raise
    /// the invalid-operand trap, any other (finite, out-of-range) value the overflow trap.
    pub fn fp_slow_paths(&mut self) {
        for (label, rs, trap_inv, trap_ovf) in std::mem::take(&mut self.fp_slow) {
            self.at_trap(trap_inv);
            let ti = self.trap_label(trap_inv);
            let to = self.trap_label(trap_ovf);
            self.asm.label(label);
            self.asm.insf(format_args!("fabs d31, {rs}"));
            self.asm.mov_imm("x16", f64::INFINITY.to_bits());
            self.asm.ins("fmov d30, x16");
            self.asm.ins("fcmp d31, d30");
            self.asm.bcond(Cond::Vs, ti);
            self.asm.bcond(Cond::Eq, ti);
            self.asm.insf(format_args!("b {to}"));
        }
    }
}

impl FnEmit<'_> {
    /// The offset of a constant-bounds `idx.chk` (`lo` an add/sub immediate): `lo ≤ idx < lo +
    /// len ⟺ (idx - lo) <u len` (wrapping subtraction). The index itself when `lo` is 0, else
    /// `idx - lo` in x16.
    fn idx_offset(&mut self, ri: &'static str, lo: i64) -> &'static str {
        if lo == 0 {
            return ri;
        }
        if lo > 0 {
            self.asm.insf(format_args!("sub x16, {ri}, #{lo}"));
        } else {
            self.asm.insf(format_args!("add x16, {ri}, #{}", -lo));
        }
        "x16"
    }

    /// After the compare of a constant-bounds `idx.chk`: trap `t` unless the offset is below the
    /// length, then the offset is the result (`rd`, when there is one).
    fn idx_in_range(&mut self, off: &'static str, rd: Option<&'static str>, t: Lbl) {
        self.asm.bcond(Cond::Hs, t);
        if let Some(rd) = rd.filter(|rd| *rd != off) {
            self.asm.ins_parts(&["mov ", rd, ", ", off]);
        }
    }

    /// Add `round16(size)` to the activation's run-time alloca counter and trap Overflow ("stack
    /// overflow in alloca") once those allocas pass the VM's 64 KiB per-activation arena. Fixed
    /// (entry-block) allocas are not counted: natively they may be any size (IL-SPEC §7.7 lets
    /// native code use the machine stack; frames over 1 MiB must work).
    fn arena_check(&mut self, slot: u32, ovf: u32, size: &str) -> Result<(), CodegenError> {
        const ARENA: u64 = 64 * 1024;
        let off = *self
            .frame
            .slot_offsets
            .get(slot as usize)
            .ok_or_else(|| CodegenError::Internal(format!("unknown arena slot {slot}")))?;
        let t = self.trap_label(ovf);
        let (base, o) = self.frame_addr(off as i64);
        self.asm.add_off("x17", base.name(), o);
        self.asm.ins("ldr x16, [x17]");
        self.asm.insf(format_args!("add x16, x16, {size}"));
        self.asm.ins("add x16, x16, #15");
        self.asm.ins("and x16, x16, #0xfffffffffffffff0");
        self.asm.ins("str x16, [x17]");
        self.asm.mov_imm("x17", ARENA);
        self.asm.ins("cmp x16, x17");
        self.asm.bcond(Cond::Hi, t);
        Ok(())
    }
}
