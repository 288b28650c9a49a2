//! Optional MIR passes, each switchable by name (`options.pass_enabled`):
//! - `const-reuse` (pre-RA): within a block, a repeated constant materialisation (`MovImm`,
//!   `FMovImm`, `LoadAddr`) reuses the earlier register.
//! - `dce` (pre-RA): removes side-effect-free instructions whose results are never used.
//! - `redundant-moves` (post-RA): removes moves whose source and destination coincide.
//!
//! `branch-elision` (omit a jump to the next block) is applied by the emitter.

use crate::func::A64Function;
use crate::inst::MInst;
use codegen_api::{CodegenError, CodegenOptions};
use std::collections::HashMap;
use target_common::{MachInst, Reg, RegRole};

pub const PASS_NAMES: &[&str] = &["const-reuse", "dce", "redundant-moves", "branch-elision"];

fn rename_uses(f: &mut A64Function, map: &HashMap<Reg, Reg>) {
    if map.is_empty() {
        return;
    }
    for b in &mut f.mir.blocks {
        for i in &mut b.insts {
            i.visit_regs(&mut |r, role| {
                if matches!(role, RegRole::Use | RegRole::FixedUse(_)) {
                    if let Some(n) = map.get(r) {
                        *r = *n;
                    }
                }
            });
            for e in i.edges_mut() {
                for a in &mut e.args {
                    if let Some(n) = map.get(a) {
                        *a = *n;
                    }
                }
            }
        }
    }
}

/// `const-reuse`.
pub fn const_reuse(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    let mut map: HashMap<Reg, Reg> = HashMap::new();
    for b in &mut f.mir.blocks {
        let mut seen: Vec<(MInst, Reg)> = Vec::new();
        b.insts.retain(|i| {
            let (key, dst) = match i {
                MInst::MovImm { dst, imm } => (
                    MInst::MovImm {
                        dst: Reg::Phys(crate::regs::xreg(0)),
                        imm: *imm,
                    },
                    *dst,
                ),
                MInst::FMovImm { dst, bits } => (
                    MInst::FMovImm {
                        dst: Reg::Phys(crate::regs::dreg(0)),
                        bits: *bits,
                    },
                    *dst,
                ),
                MInst::LoadAddr { dst, sym } => (
                    MInst::LoadAddr {
                        dst: Reg::Phys(crate::regs::xreg(0)),
                        sym: sym.clone(),
                    },
                    *dst,
                ),
                _ => return true,
            };
            if let Some((_, r)) = seen.iter().find(|(k, _)| *k == key) {
                map.insert(dst, *r);
                false
            } else {
                seen.push((key, dst));
                true
            }
        });
    }
    rename_uses(f, &map);
    Ok(())
}

/// `dce`.
pub fn dce(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    loop {
        let mut used = vec![false; f.mir.vreg_classes.len()];
        let mut mark = |r: &Reg| {
            if let Reg::Virt(v) = r {
                if let Some(u) = used.get_mut(v.vreg()) {
                    *u = true;
                }
            }
        };
        for b in &mut f.mir.blocks {
            for i in &mut b.insts {
                i.visit_regs(&mut |r, role| {
                    if matches!(role, RegRole::Use | RegRole::FixedUse(_)) {
                        mark(r);
                    }
                });
                for e in i.edges() {
                    e.args.iter().for_each(&mut mark);
                }
            }
        }
        let mut removed = false;
        for b in &mut f.mir.blocks {
            b.insts.retain_mut(|i| {
                if !i.is_pure() {
                    return true;
                }
                let mut live = false;
                i.visit_regs(&mut |r, role| {
                    if matches!(
                        role,
                        RegRole::Def | RegRole::EarlyDef | RegRole::FixedDef(_)
                    ) {
                        match r {
                            Reg::Virt(v) => live |= used.get(v.vreg()).copied().unwrap_or(true),
                            Reg::Phys(_) => live = true,
                        }
                    }
                });
                if !live {
                    removed = true;
                }
                live
            });
        }
        if !removed {
            return Ok(());
        }
    }
}

/// `redundant-moves`.
pub fn redundant_moves(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    for b in &mut f.mir.blocks {
        b.insts.retain(|i| !i.is_nop_move());
    }
    Ok(())
}

/// Target-specific MIR checks (after the generic verifier): frame objects inside the frame.
pub fn verify(f: &A64Function) -> Result<(), String> {
    target_common::verify::verify_mir(&f.mir)?;
    for b in &f.mir.blocks {
        for i in &b.insts {
            match i {
                MInst::SlotAddr { slot, .. } if *slot as usize >= f.slots.len() => {
                    return Err(format!(
                        "{}: alloca slot {slot} outside the frame",
                        f.il_name
                    ))
                }
                MInst::RaMove { dst, src, .. } => {
                    for l in [dst, src] {
                        if let target_common::Loc::Stack(s) = l {
                            if *s >= f.mir.num_spillslots {
                                return Err(format!(
                                    "{}: spill slot {s} outside the frame",
                                    f.il_name
                                ));
                            }
                        }
                    }
                }
                MInst::StoreOutArg { off, ty, .. } if off + ty.size() > f.outgoing => {
                    return Err(format!(
                        "{}: outgoing argument at {off} outside the area",
                        f.il_name
                    ))
                }
                _ => {}
            }
            if let Some(t) = trap_of(i) {
                if t as usize >= f.traps.len() {
                    return Err(format!("{}: unknown trap site {t}", f.il_name));
                }
            }
        }
    }
    Ok(())
}

fn trap_of(i: &MInst) -> Option<u32> {
    match i {
        MInst::Checked { trap, .. }
        | MInst::IdxChk { trap, .. }
        | MInst::NarrowChk { trap, .. }
        | MInst::DynAlloca { trap, .. }
        | MInst::Trap { trap, .. } => Some(*trap),
        MInst::DivRem {
            trap_zero,
            trap_ovf,
            ..
        } => Some((*trap_zero).max(*trap_ovf)),
        MInst::FpToInt {
            trap_inv, trap_ovf, ..
        } => Some((*trap_inv).max(*trap_ovf)),
        _ => None,
    }
}
