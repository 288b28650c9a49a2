//! Calls: argument placement (x0–x7 / d0–d7, then stack), fixed result registers, normalisation of
//! narrow results from C (`and #1`, `sxth`, `sxtw`), direct and indirect callees.
//!
//! Argument types come from the callee's signature when known (module function, extern, runtime
//! table) and from the operands otherwise; the class (int vs f64) always follows the operand.

use super::FnLower;
use crate::abi::{assign_args, result_reg, ArgLoc};
use crate::inst::{Callee, ExtKind, MInst, SymRef};
use crate::names::c_symbol;
use codegen_api::CodegenError;
use il::{Inst, Opcode, Operand, Type};

impl<'a, 'm> FnLower<'a, 'm> {
    fn operand_type(&self, op: &Operand) -> Type {
        match op {
            Operand::Value(v) => self.f.values.get(v.index()).map_or(Type::I64, |d| d.ty),
            Operand::Bool(_) => Type::I1,
            Operand::F64(_) => Type::F64,
            Operand::Str(_) => Type::Str,
            Operand::Null | Operand::Sym(_) => Type::Ptr,
            Operand::Int(_) => Type::I64,
        }
    }

    /// Declared parameter types of callee `s`, if known.
    fn callee_params(&self, s: il::Symbol) -> Option<Vec<Type>> {
        let m = self.m.module;
        if let Some(f) = self.m.index.function(m, s) {
            return Some(f.params.iter().map(|p| p.ty).collect());
        }
        if let Some(e) = self.m.index.extern_decl(m, s) {
            return Some(e.params.clone());
        }
        il::runtime_sigs::lookup(m.sym_name(s)).map(|sig| sig.params.to_vec())
    }

    pub(crate) fn lower_call(&mut self, inst: &Inst) -> Result<(), CodegenError> {
        let (callee_op, args): (Option<Operand>, &[Operand]) = match inst.op {
            Opcode::Call => (None, &inst.operands[..]),
            _ => (
                Some(self.operand(inst, 0)?.clone()),
                inst.operands.get(1..).unwrap_or(&[]),
            ),
        };
        let callee_sym = match (&callee_op, inst.callee) {
            (None, Some(s)) => Some(s),
            (None, None) => return Err(self.unsupported(inst, "call without a callee")),
            (Some(Operand::Sym(s)), _) => Some(*s),
            _ => None,
        };
        let mut tys: Vec<Type> = args.iter().map(|a| self.operand_type(a)).collect();
        if let Some(decl) = callee_sym.and_then(|s| self.callee_params(s)) {
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
        let mut arg_regs = Vec::new();
        for a in args {
            arg_regs.push(self.val(inst, a)?);
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
            (None, Some(op)) => (Callee::Indirect(self.val(inst, &op)?), true),
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
        let norm = match inst.ty {
            Type::I1 => Some(ExtKind::Bool),
            Type::I16 => Some(ExtKind::S16),
            Type::I32 => Some(ExtKind::S32),
            _ => None,
        };
        match (ret, norm) {
            (Some((dst, p)), Some(kind)) if from_c => {
                let raw = self.new_int();
                self.push(MInst::Call {
                    callee,
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
                callee,
                args: reg_args,
                ret,
            }),
        }
        Ok(())
    }
}
