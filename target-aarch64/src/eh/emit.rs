//! Emission of the EH pseudo-instructions, the unlink before every `ret` of an EH function and
//! the per-function static site table (`.quad ip, line` per site, in the text section right after
//! the function's trap stubs). Record layout: [`super::rec`]. Scratch: x16, x17 (x30 in `Enter`).

use super::{rec, EhInfo, EhInst, SYM_TOP};
use crate::emit::FnEmit;
use crate::encode::syntax::{Mn, R};
use crate::regs::name64;
use codegen_api::CodegenError;
use target_common::Reg;

fn internal(msg: &str) -> CodegenError {
    CodegenError::Internal(format!("EH emission: {msg}"))
}

fn reg(r: Reg) -> Result<&'static str, CodegenError> {
    Ok(name64(crate::emit::preg(r)?))
}

/// `reg`'s register as an operand of the instruction model.
fn reg_r(r: Reg) -> Result<R, CodegenError> {
    Ok(crate::emit::r64(crate::emit::preg(r)?))
}

impl FnEmit<'_> {
    fn eh_info(&self) -> Result<&EhInfo, CodegenError> {
        self.f
            .eh
            .as_ref()
            .ok_or_else(|| internal("EH instruction in a function without EH facts"))
    }

    /// x29-relative offset of record field `field`.
    fn eh_off(&self, field: i64) -> Result<i64, CodegenError> {
        let base = self
            .frame
            .eh_base
            .ok_or_else(|| internal("no EH record in the frame"))?;
        Ok(base as i64 + field)
    }

    /// `ldr`/`str` of 8 bytes at record field (or value slot) offset `field`.
    fn eh_mem(&mut self, op: Mn, r: R, field: i64) -> Result<(), CodegenError> {
        let (base, off) = self.frame_addr(self.eh_off(field)?);
        self.asm.mem(op, r, base, off, 8);
        Ok(())
    }

    /// `reg` = address of the record + `field`.
    fn eh_addr(&mut self, r: &str, field: i64) -> Result<(), CodegenError> {
        let (base, off) = self.frame_addr(self.eh_off(field)?);
        self.asm.add_off(r, base.name(), off);
        Ok(())
    }

    fn local_addr(&mut self, r: &str, label: impl std::fmt::Display + crate::emit::asm::Part) {
        if self.asm.far {
            self.asm.addr_of(r, &label);
        } else {
            self.asm.insf(format_args!("adr {r}, {label}"));
        }
    }

    fn sites_label(&self) -> String {
        self.asm.local(&format!("f{}_sites", self.asm.fn_index))
    }

    /// x16 = top-of-stack entry address offset: x17 = record + 8 * ((depth - 1) & (cap - 1)).
    fn eh_top_slot(&mut self, cap: u32) -> Result<(), CodegenError> {
        self.eh_addr("x17", 0)?;
        self.asm
            .insf(format_args!("ldr x16, [x17, #{}]", rec::DEPTH));
        self.asm.ins("sub x16, x16, #1");
        self.asm.insf(format_args!("and x16, x16, #{}", cap - 1));
        self.asm.ins("add x17, x17, x16, lsl #3");
        Ok(())
    }

    pub(crate) fn eh_inst(&mut self, e: &EhInst, cur: u32) -> Result<(), CodegenError> {
        // The scalar facts only: the site table is as long as the function (copying it for
        // every EH instruction made a function of n trap sites cost n² to emit).
        let (cap, value_slots, zero_values) = {
            let info = self.eh_info()?;
            (info.cap, info.value_slots, info.zero_values)
        };
        match e {
            EhInst::Enter => {
                let entry_term = self.f.mir.blocks.first().and_then(|b| b.insts.last());
                let Some(crate::inst::MInst::Eh(EhInst::EntryJump { edges })) = entry_term else {
                    return Err(internal("entry block does not end in eh_entry_jump"));
                };
                let landing = edges
                    .get(1)
                    .map(|e| e.block)
                    .ok_or_else(|| internal("entry jump without a landing edge"))?;
                let landing = self.block_label(landing);
                let sites = self.sites_label();
                self.eh_addr("x17", 0)?;
                let top = self.asm.sym(SYM_TOP);
                self.asm.tls_addr("x16", "x30", &top);
                self.asm.ins("ldr x30, [x16]");
                self.asm
                    .insf(format_args!("str x30, [x17, #{}]", rec::PREV));
                self.asm.ins("str x17, [x16]");
                self.asm.ins("mov x30, sp");
                self.asm
                    .insf(format_args!("stp x30, x29, [x17, #{}]", rec::SP));
                self.local_addr("x30", landing);
                self.local_addr("x16", &sites);
                self.asm
                    .insf(format_args!("stp x30, x16, [x17, #{}]", rec::LANDING));
                self.asm
                    .insf(format_args!("stp xzr, xzr, [x17, #{}]", rec::SITE));
                if zero_values && value_slots > 0 {
                    let bytes = (8 * value_slots as u64).div_ceil(16) * 16;
                    self.asm.add_imm("x16", "x17", rec::size(cap) as u64);
                    self.asm.mov_imm("x17", bytes);
                    let l = self.asm.fresh();
                    self.asm.label(l);
                    self.asm.ins("stp xzr, xzr, [x16], #16");
                    self.asm.ins("subs x17, x17, #16");
                    self.asm.insf(format_args!("b.ne {l}"));
                }
            }
            EhInst::EntryJump { edges } => {
                let t = edges
                    .first()
                    .map(|e| e.block)
                    .ok_or_else(|| internal("entry jump without a target"))?;
                if !(self.branch_elision && t == cur + 1) {
                    let l = self.block_label(t);
                    self.asm.insf(format_args!("b {l}"));
                }
            }
            EhInst::SetSite(s) => {
                self.asm.mov_imm("x16", *s as u64);
                self.eh_mem(Mn::Str, R::x(16), rec::SITE)?;
            }
            EhInst::Push(h) => {
                self.eh_addr("x17", 0)?;
                self.asm
                    .insf(format_args!("ldr x16, [x17, #{}]", rec::DEPTH));
                self.asm.ins("add x16, x16, #1");
                self.asm
                    .insf(format_args!("str x16, [x17, #{}]", rec::DEPTH));
                self.asm.ins("sub x16, x16, #1");
                self.asm.insf(format_args!("and x16, x16, #{}", cap - 1));
                self.asm.ins("add x17, x17, x16, lsl #3");
                self.asm.mov_imm("x16", *h as u64);
                self.asm
                    .insf(format_args!("str x16, [x17, #{}]", rec::HANDLERS));
            }
            EhInst::Pop => {
                self.eh_mem(Mn::Ldr, R::x(16), rec::DEPTH)?;
                self.asm.ins("subs x16, x16, #1");
                self.asm.ins("csel x16, x16, xzr, ge");
                self.eh_mem(Mn::Str, R::x(16), rec::DEPTH)?;
            }
            EhInst::TopHandler { dst } => {
                let d = reg(*dst)?;
                self.eh_top_slot(cap)?;
                self.asm
                    .insf(format_args!("ldr {d}, [x17, #{}]", rec::HANDLERS));
            }
            EhInst::LoadSite { dst } => {
                self.eh_mem(Mn::Ldr, reg_r(*dst)?, rec::FAULT)?;
            }
            EhInst::RecordAddr { dst, off } => {
                let d = reg(*dst)?;
                self.eh_addr(d, *off)?;
            }
            EhInst::LoadVal { dst, slot } => {
                self.eh_mem(Mn::Ldr, reg_r(*dst)?, value_field(cap, *slot))?;
            }
            EhInst::StoreVal { src, slot } => {
                self.eh_mem(Mn::Str, reg_r(*src)?, value_field(cap, *slot))?;
            }
            EhInst::SaveSp => {
                self.asm.ins("mov x16, sp");
                self.eh_mem(Mn::Str, R::x(16), rec::SP)?;
            }
        }
        Ok(())
    }

    /// Before the epilogue of an EH function: `vpr_eh_top = record.prev`.
    pub(crate) fn eh_before_ret(&mut self) -> Result<(), CodegenError> {
        if self.f.eh.is_none() {
            return Ok(());
        }
        self.eh_mem(Mn::Ldr, R::x(16), rec::PREV)?;
        let top = self.asm.sym(SYM_TOP);
        // x30 is free here: an EH function always has a frame record, and the epilogue that
        // follows reloads x30 from it.
        self.asm.tls_addr("x17", "x30", &top);
        self.asm.ins("str x16, [x17]");
        Ok(())
    }

    /// The static site table of an EH function (after the trap stubs).
    pub(crate) fn eh_site_table(&mut self) -> Result<(), CodegenError> {
        let Some(info) = self.f.eh.clone() else {
            return Ok(());
        };
        let l = self.sites_label();
        self.asm.directive(".p2align 3");
        self.asm.label(&l);
        if info.sites.is_empty() {
            self.asm.directive(".quad 0, -1");
        }
        for (ip, line) in &info.sites {
            self.asm.directivef(format_args!(".quad {ip}, {line}"));
        }
        Ok(())
    }
}

/// Record-relative offset of value slot `slot`.
fn value_field(cap: u32, slot: u32) -> i64 {
    rec::size(cap) as i64 + 8 * slot as i64
}
