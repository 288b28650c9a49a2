//! Calls: argument placement (x0–x7 / d0–d7, then stack), fixed result registers, normalisation of
//! narrow results from C (`and #1`, `sxth`, `sxtw`), direct and indirect callees (an indirect
//! call through a pointer checks the callee as the VM does: null, argument count).
//!
//! Argument types come from the callee's signature when known (module function, extern, runtime
//! table) and from the operands otherwise; the class (int vs f64) always follows the operand.

use super::FnLower;
use crate::abi::{assign_args, result_reg, ArgLoc};
use crate::inst::{Callee, Cond, ExtKind, IdxBounds, MInst, SymRef};
use codegen_api::CodegenError;
use il::{Inst, Operand, Type};
use target_common::names::c_symbol;
use target_common::Reg;

impl<'a, 'm> FnLower<'a, 'm> {
    /// The VM's checks of an indirect call through a pointer (IL-SPEC §7.8, §3.5): a null callee
    /// traps InvalidOperation `null indirect callee`; a module function whose parameter count is
    /// not `nargs` traps InvalidOperation `argument count mismatch`. Only functions whose
    /// address the module takes can be the target, so a module that takes none pays one check.
    fn check_indirect_callee(&mut self, inst: &Inst, target: Reg, nargs: usize) {
        let one = self.imm(1);
        let two = self.imm(2);
        let null = self.trap_site(
            inst,
            il::TrapKind::InvalidOperation,
            Some("null indirect callee".into()),
        );
        let nonnull = self.new_int();
        self.push(MInst::CmpImmSet {
            cond: Cond::Ne,
            dst: nonnull,
            a: target,
            imm: 0,
        });
        self.trap_unless(nonnull, one, two, null);
        let m = self.m;
        let mismatched: Vec<il::Symbol> = m
            .address_taken
            .iter()
            .filter(|&&(_, n)| n != nargs)
            .map(|&(s, _)| s)
            .collect();
        if mismatched.is_empty() {
            return;
        }
        let arity = self.trap_site(
            inst,
            il::TrapKind::InvalidOperation,
            Some("argument count mismatch".into()),
        );
        for s in mismatched {
            let Some(name) = m.names.func(s) else {
                continue;
            };
            let addr = self.new_int();
            self.push(MInst::LoadAddr {
                dst: addr,
                sym: SymRef::Local(name.to_string()),
            });
            let other = self.new_int();
            self.push(MInst::CmpSet {
                cond: Cond::Ne,
                dst: other,
                a: target,
                b: addr,
            });
            self.trap_unless(other, one, two, arity);
        }
    }

    /// Raise trap site `trap` unless `flag` (0/1) is 1: a bounds check of `flag` against the
    /// registers `one` and `two` holding 1 and 2.
    fn trap_unless(&mut self, flag: Reg, one: Reg, two: Reg, trap: u32) {
        self.push(MInst::IdxChk {
            dst: None,
            idx: flag,
            bounds: IdxBounds::Regs { lo: one, hi: two },
            trap,
        });
    }

    /// `call` (`indirect: false`) and `call.indirect`.
    pub(crate) fn lower_call(&mut self, inst: &Inst, indirect: bool) -> Result<(), CodegenError> {
        let (callee_op, args): (Option<Operand>, &[Operand]) = if indirect {
            (
                Some(self.operand(inst, 0)?.clone()),
                inst.operands.get(1..).unwrap_or(&[]),
            )
        } else {
            (None, &inst.operands[..])
        };
        let callee_sym = match (&callee_op, inst.callee) {
            (None, Some(s)) => Some(s),
            (None, None) => return Err(self.unsupported(inst, "call without a callee")),
            (Some(Operand::Sym(s)), _) => Some(*s),
            _ => None,
        };
        let mut tys: Vec<Type> = args.iter().map(|a| self.f.operand_type(a)).collect();
        if let Some(decl) =
            callee_sym.and_then(|s| self.m.index.callee_param_types(self.m.module, s))
        {
            if decl.len() == tys.len() {
                for (t, d) in tys.iter_mut().zip(decl) {
                    if (*t == Type::F64) == (d == Type::F64) {
                        *t = d;
                    }
                }
            }
        }
        let (locs, stack) = assign_args(self.m.os, &tys);
        self.out.outgoing = self.out.outgoing.max(stack);
        let mut reg_args = Vec::new();
        // Parameter types as the IL declares them, where an extern re-declares a runtime function
        // with other integer widths (`il::runtime_sigs::compatible`).
        let declared: Option<Vec<Type>> = callee_sym
            .filter(|&s| self.m.index.function(self.m.module, s).is_none())
            .and_then(|s| self.m.index.extern_decl(self.m.module, s))
            .map(|e| e.params.clone());
        let mut arg_regs = Vec::new();
        for (k, (a, &machine)) in args.iter().zip(&tys).enumerate() {
            // An argument declared narrower than the C parameter is widened from its declared
            // width (sign extension, as the VM converts); one declared wider needs nothing (the
            // callee reads the low bits).
            let decl = declared.as_ref().and_then(|d| d.get(k).copied());
            arg_regs.push(match decl {
                Some(d) if d.is_int() && machine.is_int() && machine.size() > d.size() => {
                    self.val_at_width(inst, a, d)?
                }
                _ => self.val(inst, a)?,
            });
        }
        for (r, loc) in arg_regs.into_iter().zip(&locs) {
            match *loc {
                ArgLoc::Reg(p) => reg_args.push((r, p)),
                ArgLoc::Stack { off, ty } => self.push(MInst::StoreOutArg { src: r, off, ty }),
            }
        }
        let (callee, from_c) = match (callee_sym, callee_op) {
            (Some(s), _) => match self.m.names.func(s) {
                Some(name) => (Callee::Direct(SymRef::Local(name.to_string())), false),
                None => (
                    Callee::Direct(SymRef::External(c_symbol(self.m.module.sym_name(s)))),
                    true,
                ),
            },
            (None, Some(op)) => {
                let target = self.val(inst, &op)?;
                self.check_indirect_callee(inst, target, args.len());
                (Callee::Indirect(target), true)
            }
            (None, None) => return Err(self.unsupported(inst, "call without a callee")),
        };
        let ret = match inst.result {
            Some(_) => {
                let dst = self.result(inst)?;
                let p = result_reg(inst.ty)
                    .ok_or_else(|| self.unsupported(inst, "void call with a result"))?;
                Some((dst, p))
            }
            None => None,
        };
        // A C result is normalised at the narrower of the declared width and the runtime's.
        let c_ret = callee_sym.and_then(|s| self.m.index.runtime_ret(self.m.module, s));
        let width = match c_ret {
            Some(r) if r.is_int() && inst.ty.is_int() && r.size() < inst.ty.size() => r,
            _ => inst.ty,
        };
        let norm = match width {
            Type::I1 => Some(ExtKind::Bool),
            Type::I16 => Some(ExtKind::S16),
            Type::I32 => Some(ExtKind::S32),
            _ => None,
        };
        match (ret, norm) {
            (Some((dst, p)), Some(kind)) if from_c => {
                let raw = self.new_int();
                self.push(MInst::Call {
                    callee: Box::new(callee),
                    args: reg_args,
                    ret: Some((raw, p)),
                });
                self.push(MInst::Ext {
                    kind,
                    dst,
                    src: raw,
                });
            }
            _ => self.push(MInst::Call {
                callee: Box::new(callee),
                args: reg_args,
                ret,
            }),
        }
        Ok(())
    }
}
