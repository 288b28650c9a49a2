//! Lowering of exception handling (IL-SPEC §7.10; mechanism in `crate::eh` and `docs/eh.md`).
//!
//! For a function containing `eh.push` ("EH function") lowering additionally:
//! - gives a memory slot to every IL value that could be needed after a trap landed: all values
//!   when the function uses `resume.same`/`resume.next` (execution may continue mid-block), else
//!   the values used outside their defining block. Definitions are stored right after the
//!   instruction (block parameters at block start) and every use loads into a fresh vreg, so no
//!   register is live across a landing;
//! - numbers the *sites* — instructions that can raise a trap natively (checked arithmetic,
//!   checked casts, dynamic `alloca`, calls, `trap`, `trap.from_err`, `trap.err`) — stores the site
//!   index before each and records (ip, line) in the static site table;
//! - with `resume.same`/`resume.next`, splits the MIR block before and after every site so resume
//!   points are block starts; `resume.*` become a `Switch` on the stored site index over them;
//! - creates the landing-pad block (successor of the entry block through `EhInst::EntryJump`)
//!   that switches on the top handler index to the handler blocks, passing `%err`/`%tok`.
//!
//! Functions without `eh.push` pay nothing: `eh.pop`/`eh.entry` vanish and `resume.*` (only in
//! handler blocks, which are then unreachable) raise a RuntimeError.

use super::FnLower;
use crate::eh::{rec, EhInfo, EhInst, SYM_ERROR_NEW, SYM_TRAP_KIND};
use crate::func::TrapSite;
use crate::inst::{AluOp, Callee, MInst, MemTy, SymRef};
use crate::regs::xreg;
use codegen_api::CodegenError;
use il::{Function, Inst, Opcode, ValueId};
use std::collections::BTreeMap;
use target_common::{Edge, Reg};

/// Largest handler ring (entries); deeper live handler stacks keep the innermost `MAX_CAP`.
const MAX_CAP: u32 = 256;

/// Per-function EH lowering state.
pub(crate) struct EhLower {
    info: EhInfo,
    slot_of: Vec<Option<u32>>,
    /// IL block index of each handler, in handler-index order.
    handlers: Vec<usize>,
    handler_index: BTreeMap<usize, u32>,
    /// Split blocks at sites (the function uses `resume.same`/`resume.next`).
    split: bool,
    same_points: Vec<u32>,
    next_points: Vec<Option<u32>>,
    /// Blocks ending in a resume dispatch still to be filled: (MIR block, is `resume.next`).
    fixups: Vec<(u32, bool)>,
    landing: u32,
    pending_site: Option<u32>,
}

/// An EH opcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EhOp {
    /// `eh.entry`.
    Entry,
    /// `eh.push`.
    Push,
    /// `eh.pop`.
    Pop,
    /// `trap.kind`.
    TrapKind,
    /// `trap.err`.
    TrapErr,
    /// `err.get_kind/code/line/ip`.
    ErrGet(ErrField),
    /// `resume.label`.
    ResumeLabel,
    /// `resume.same` (`next: false`) / `resume.next`.
    Resume { next: bool },
}

/// The field of an error record an `err.get_*` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ErrField {
    Kind,
    Code,
    Line,
    Ip,
}

/// True if `inst` can raise a trap in native code (a *site*): its row of the IL opcode table.
/// (`const_str` of an unknown global is a site too: `FnLower::is_unknown_global`.)
pub(crate) fn is_site(inst: &Inst) -> bool {
    inst.can_trap()
}

impl EhLower {
    /// Analyse `f` (`target_common::eh_plan`); `None` if it has no `eh.push`.
    pub(crate) fn analyze(f: &Function) -> Option<EhLower> {
        let plan = target_common::eh_plan::EhPlan::of(f)?;
        let cap = (plan.pushes + 1).next_power_of_two().clamp(2, MAX_CAP);
        Some(EhLower {
            info: EhInfo {
                cap,
                value_slots: plan.slots,
                sites: Vec::new(),
                zero_values: plan.zero_values,
            },
            slot_of: plan.slot_of,
            handlers: plan.handlers,
            handler_index: plan.handler_index,
            split: plan.split,
            same_points: Vec::new(),
            next_points: Vec::new(),
            fixups: Vec::new(),
            landing: 0,
            pending_site: None,
        })
    }
}

impl<'a, 'm> FnLower<'a, 'm> {
    /// Take the function's EH analysis ([`EhLower::analyze`], made before lowering starts) and
    /// create the landing-pad block (after the IL blocks exist).
    pub(crate) fn eh_setup(&mut self, eh: Option<EhLower>) {
        if let Some(mut e) = eh {
            e.landing = self.out.mir.add_block("eh_landing");
            self.eh = Some(e);
        }
    }

    /// Entry-block tail: link the record and jump (landing pad as the second successor).
    pub(crate) fn eh_entry_jump(&mut self, normal: Edge) -> MInst {
        match &self.eh {
            Some(e) => {
                let landing = e.landing;
                self.push(MInst::Eh(EhInst::Enter));
                MInst::Eh(EhInst::EntryJump {
                    edges: vec![normal, Edge::new(landing, Vec::new())],
                })
            }
            None => MInst::Jump {
                edges: vec![normal],
            },
        }
    }

    fn slot(&self, v: ValueId) -> Option<u32> {
        self.eh
            .as_ref()
            .and_then(|e| e.slot_of.get(v.index()).copied().flatten())
    }

    /// A register holding IL value `v` at this point (loaded from its slot in memory form).
    pub(crate) fn use_value(&mut self, v: ValueId) -> Reg {
        match self.slot(v) {
            Some(slot) => {
                let dst = self.new_reg(self.f.value_type(v));
                self.push(MInst::Eh(EhInst::LoadVal { dst, slot }));
                dst
            }
            None => self.value_reg(v),
        }
    }

    fn store_value(&mut self, v: ValueId) {
        if let Some(slot) = self.slot(v) {
            let src = self.value_reg(v);
            self.push(MInst::Eh(EhInst::StoreVal { src, slot }));
        }
    }

    /// At the start of IL block `bi`: store its memory-form parameters.
    pub(crate) fn eh_block_start(&mut self, bi: usize) {
        if self.eh.is_some() {
            for p in self.f.blocks[bi].params.clone() {
                self.store_value(p);
            }
        }
    }

    fn new_point(&mut self, name: String) -> u32 {
        let b = self.out.mir.add_block(name);
        self.push(MInst::Jump {
            edges: vec![Edge::new(b, Vec::new())],
        });
        self.cur = b;
        b
    }

    /// Before lowering `inst`: number the site, split for `resume.same`, store the site index.
    pub(crate) fn eh_before_inst(&mut self, inst: &Inst) {
        let Some(e) = &self.eh else { return };
        if !is_site(inst) && !self.is_unknown_global(inst) {
            return;
        }
        let site = e.info.sites.len() as u32;
        let split = e.split;
        let line = inst.loc.map_or(-1, |l| l.line as i64);
        let (_, _, ip) = self.written_at(inst);
        if split {
            let label = format!("{}.same{site}", self.f.blocks[self.il_block].label);
            let b = self.new_point(label);
            if let Some(e) = self.eh.as_mut() {
                e.same_points.push(b);
            }
        }
        if let Some(e) = self.eh.as_mut() {
            e.info.sites.push((ip, line));
            e.pending_site = Some(site);
        }
        self.push(MInst::Eh(EhInst::SetSite(site)));
    }

    /// After lowering `inst`: store its result, keep sp after a dynamic alloca, split for
    /// `resume.next`.
    pub(crate) fn eh_after_inst(&mut self, inst: &Inst) {
        if self.eh.is_none() {
            return;
        }
        if let Some(r) = inst.result {
            self.store_value(r);
        }
        let dyn_alloca = inst.op == Opcode::Alloca
            && self.out.mir.blocks[self.cur as usize]
                .insts
                .iter()
                .rev()
                .find(|i| !matches!(i, MInst::Eh(EhInst::StoreVal { .. })))
                .is_some_and(|i| matches!(i, MInst::DynAlloca { .. }));
        if dyn_alloca {
            self.push(MInst::Eh(EhInst::SaveSp));
        }
        let Some(e) = self.eh.as_mut() else { return };
        let Some(site) = e.pending_site.take() else {
            return;
        };
        if !e.split {
            return;
        }
        if inst.op.is_terminator() {
            e.next_points.push(None);
        } else {
            let label = format!("{}.next{site}", self.f.blocks[self.il_block].label);
            let b = self.new_point(label);
            if let Some(e) = self.eh.as_mut() {
                e.next_points.push(Some(b));
            }
        }
    }

    /// Lower an EH opcode.
    pub(crate) fn lower_eh(&mut self, inst: &Inst, op: EhOp) -> Result<(), CodegenError> {
        match op {
            EhOp::Entry => {}
            EhOp::Push => {
                let t = inst
                    .targets
                    .first()
                    .ok_or_else(|| self.unsupported(inst, "eh.push without a handler"))?;
                let h = self
                    .eh
                    .as_ref()
                    .and_then(|e| e.handler_index.get(&t.block.index()).copied())
                    .ok_or_else(|| self.unsupported(inst, "eh.push to an unknown block"))?;
                self.push(MInst::Eh(EhInst::Push(h)));
            }
            EhOp::Pop => {
                if self.eh.is_some() {
                    self.push(MInst::Eh(EhInst::Pop));
                }
            }
            EhOp::TrapKind => {
                let dst = self.result(inst)?;
                let addr = self.new_int();
                self.push(MInst::LoadAddr {
                    dst: addr,
                    sym: SymRef::ThreadLocal(SYM_TRAP_KIND.into()),
                });
                self.push(MInst::Load {
                    ty: MemTy::I64,
                    dst,
                    addr,
                    off: 0,
                    index: None,
                });
            }
            EhOp::TrapErr => {
                let (oc, om) = (
                    self.operand(inst, 0)?.clone(),
                    self.operand(inst, 1)?.clone(),
                );
                let code = self.val(inst, &oc)?;
                let msg = self.val(inst, &om)?;
                let dst = self.result(inst)?;
                self.push(MInst::Call {
                    callee: Box::new(Callee::Direct(SymRef::External(SYM_ERROR_NEW.into()))),
                    args: vec![(code, xreg(0)), (msg, xreg(1))],
                    ret: Some((dst, xreg(0))),
                });
            }
            EhOp::ErrGet(field) => {
                let (off, ty) = match field {
                    ErrField::Kind => (rec::ERR_KIND, MemTy::I32),
                    ErrField::Code => (rec::ERR_CODE, MemTy::I32),
                    ErrField::Line => (rec::ERR_LINE, MemTy::I32),
                    ErrField::Ip => (rec::ERR_IP, MemTy::I64),
                };
                let op = self.operand(inst, 0)?.clone();
                let err = self.val(inst, &op)?;
                let addr = if off == 0 {
                    err
                } else {
                    let a = self.new_int();
                    self.push(MInst::AluImm {
                        op: AluOp::Add,
                        dst: a,
                        a: err,
                        imm: off as u64,
                    });
                    a
                };
                let dst = self.result(inst)?;
                self.push(MInst::Load {
                    ty,
                    dst,
                    addr,
                    off: 0,
                    index: None,
                });
            }
            EhOp::ResumeLabel => {
                let t = inst
                    .targets
                    .first()
                    .ok_or_else(|| self.unsupported(inst, "resume.label without a target"))?;
                if t.block.index() >= self.f.blocks.len() {
                    return Err(self.unsupported(inst, "resume.label to an unknown block"));
                }
                if self.eh.is_none() {
                    return self.resume_outside(inst);
                }
                let mut args = Vec::new();
                for a in &t.args {
                    args.push(self.val(inst, a)?);
                }
                let e = Edge::new(self.mir_block(t.block), args);
                self.push(MInst::Jump { edges: vec![e] });
            }
            EhOp::Resume { next } => {
                // resume.same / resume.next: dispatch on the stored site index (filled later).
                if self.eh.is_none() {
                    return self.resume_outside(inst);
                }
                let idx = self.new_int();
                self.push(MInst::Eh(EhInst::LoadSite { dst: idx }));
                self.push(MInst::Switch {
                    idx,
                    cases: Box::default(),
                    edges: Vec::new(),
                    tree: false,
                });
                let cur = self.cur;
                if let Some(e) = self.eh.as_mut() {
                    e.fixups.push((cur, next));
                }
            }
        }
        Ok(())
    }

    fn internal_trap(&mut self, detail: &str) -> u32 {
        let (func, block, _) = self.current_site();
        self.out.traps.push(TrapSite {
            kind: 9,
            detail: Some(detail.into()),
            func,
            block,
            ip: self.ip as i64,
            line: -1,
            pos: self.pos,
        });
        (self.out.traps.len() - 1) as u32
    }

    fn resume_outside(&mut self, _inst: &Inst) -> Result<(), CodegenError> {
        let trap = self.internal_trap("resume outside an active handler");
        self.push(MInst::Trap { trap, code: None });
        Ok(())
    }

    /// After all blocks: fill the landing pad and the resume dispatchers.
    pub(crate) fn eh_finish(&mut self) -> Result<(), CodegenError> {
        let Some(e) = self.eh.take() else {
            return Ok(());
        };
        // Landing pad: %err / %tok, then switch on the top handler index.
        self.cur = e.landing;
        let h = self.new_int();
        self.push(MInst::Eh(EhInst::TopHandler { dst: h }));
        let err = self.new_int();
        self.push(MInst::Eh(EhInst::RecordAddr {
            dst: err,
            off: rec::ERR,
        }));
        let tok = self.new_int();
        self.push(MInst::Eh(EhInst::RecordAddr { dst: tok, off: 0 }));
        let mut edges = Vec::new();
        for &hb in &e.handlers {
            let np = self.f.blocks[hb].params.len();
            if np > 2 {
                return Err(CodegenError::unsupported(
                    format!(
                        "in @{}: handler block {} must have the parameters (%err, %tok)",
                        self.out.il_name, self.f.blocks[hb].label
                    ),
                    self.f.blocks[hb].span,
                ));
            }
            let args = [err, tok][..np].to_vec();
            edges.push(Edge::new(hb as u32 + 1, args));
        }
        let cases: Box<[i32]> = (1..edges.len() as i32).collect();
        self.push(MInst::Switch {
            idx: h,
            cases,
            edges,
            tree: false,
        });
        // Resume dispatchers.
        let mut no_next = None;
        for &(b, next) in &e.fixups {
            let mut points = Vec::new();
            if next {
                for p in &e.next_points {
                    let t = match p {
                        Some(t) => *t,
                        None => match no_next {
                            Some(t) => t,
                            None => {
                                let t = self.out.mir.add_block("eh_no_next");
                                let saved = self.cur;
                                self.cur = t;
                                let trap = self.internal_trap("resume.next after a terminator");
                                self.push(MInst::Trap { trap, code: None });
                                self.cur = saved;
                                no_next = Some(t);
                                t
                            }
                        },
                    };
                    points.push(t);
                }
            } else {
                points = e.same_points.clone();
            }
            let block = &mut self.out.mir.blocks[b as usize];
            if points.is_empty() {
                // No site in the function: the handler can never be entered.
                let pos = block.pop().map(|(_, p)| p).unwrap_or_default();
                let trap = self.internal_trap("resume without a trap site");
                self.out.mir.blocks[b as usize].push(MInst::Trap { trap, code: None }, pos);
                continue;
            }
            if let Some(MInst::Switch { cases, edges, .. }) = block.insts.last_mut() {
                *cases = (1..points.len() as i32)
                    .collect::<Vec<_>>()
                    .into_boxed_slice();
                *edges = points.iter().map(|&p| Edge::new(p, Vec::new())).collect();
            }
        }
        self.out.eh = Some(e.info);
        Ok(())
    }
}
