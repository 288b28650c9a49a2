//! Target-independent MIR verifier.
//!
//! Checks: every block is non-empty and ends in its only terminator; edge targets exist and carry
//! one argument of the right class per target parameter; virtual registers are known and used with
//! their recorded class; fixed-register roles name a register of the operand's class; after
//! allocation no virtual register, block parameter or edge argument remains; every block has one
//! source position per instruction. Targets run their own
//! checks (e.g. stack slots inside the frame) in addition.

use crate::mir::{MachInst, MirFunction, Reg, RegRole};

/// Verify `f`; the error names the first problem found.
pub fn verify_mir<I: MachInst>(f: &MirFunction<I>) -> Result<(), String> {
    let nblocks = f.blocks.len();
    if nblocks == 0 {
        return Err(format!("{}: no blocks", f.name));
    }
    for (bi, b) in f.blocks.iter().enumerate() {
        let at = |k: usize| format!("{}: bb{bi} [{}] inst {k}", f.name, b.name);
        if b.insts.is_empty() {
            return Err(format!("{}: bb{bi} is empty", f.name));
        }
        if b.pos.len() != b.insts.len() {
            return Err(format!(
                "{}: bb{bi} has {} instructions but {} source positions",
                f.name,
                b.insts.len(),
                b.pos.len()
            ));
        }
        if f.allocated && !b.params.is_empty() {
            return Err(format!(
                "{}: bb{bi} has parameters after allocation",
                f.name
            ));
        }
        for p in &b.params {
            check_reg(f, p).map_err(|e| format!("{}: bb{bi} param: {e}", f.name))?;
        }
        for (k, inst) in b.insts.iter().enumerate() {
            let last = k + 1 == b.insts.len();
            if inst.is_term() != last {
                return Err(if last {
                    format!("{}: block does not end in a terminator", at(k))
                } else {
                    format!("{}: terminator before the end of the block", at(k))
                });
            }
            let mut err = None;
            let mut copy = inst.clone();
            copy.visit_regs(&mut |r, role| {
                if err.is_some() {
                    return;
                }
                if let Err(e) = check_reg(f, r) {
                    err = Some(e);
                    return;
                }
                if let RegRole::FixedUse(p) | RegRole::FixedDef(p) = role {
                    if p.class() != r.class() {
                        err = Some(format!("fixed register {p} has the wrong class for {r}"));
                    }
                }
            });
            if let Some(e) = err {
                return Err(format!("{}: {e} in `{inst}`", at(k)));
            }
            for e in inst.edges() {
                let Some(t) = f.blocks.get(e.block as usize) else {
                    return Err(format!("{}: branch to missing bb{}", at(k), e.block));
                };
                if f.allocated && !e.args.is_empty() {
                    return Err(format!("{}: edge arguments after allocation", at(k)));
                }
                if !f.allocated {
                    if e.args.len() != t.params.len() {
                        return Err(format!(
                            "{}: edge to bb{} passes {} arguments for {} parameters",
                            at(k),
                            e.block,
                            e.args.len(),
                            t.params.len()
                        ));
                    }
                    for (a, p) in e.args.iter().zip(&t.params) {
                        check_reg(f, a).map_err(|x| format!("{}: {x}", at(k)))?;
                        if a.class() != p.class() {
                            return Err(format!(
                                "{}: edge argument {a} class differs from {p}",
                                at(k)
                            ));
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

fn check_reg<I: MachInst>(f: &MirFunction<I>, r: &Reg) -> Result<(), String> {
    match r {
        Reg::Virt(v) => {
            if f.allocated {
                return Err(format!("virtual register {r} after allocation"));
            }
            match f.vreg_classes.get(v.vreg()) {
                Some(c) if *c == v.class() => Ok(()),
                Some(_) => Err(format!("{r} used with the wrong class")),
                None => Err(format!("unknown virtual register {r}")),
            }
        }
        Reg::Phys(_) => Ok(()),
    }
}
