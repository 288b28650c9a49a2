//! Constants and addresses: operand materialisation (`val`), `const_str`, `const_null`,
//! `const.f64`, `addr_of`/`gaddr`.
//!
//! String handles: `const_str @g` and inline `"..."` operands become the address of a static
//! immortal handle; a global's bytes are truncated at the first NUL (IL-SPEC §7.8), inline
//! literals keep every byte. `const_str` of a name that is not a string global traps DomainError
//! `unknown global` where it runs, as on the VM. `addr_of`/`gaddr` of a string global is the address of its raw bytes.

use super::FnLower;
use crate::inst::{MInst, SymRef};
use codegen_api::CodegenError;
use il::{Inst, Operand, Symbol, TrapKind};
use target_common::names::c_symbol;
use target_common::Reg;

/// A constant-producing opcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ConstOp {
    /// `const_null`.
    Null,
    /// `const.f64`.
    F64,
    /// `const_str`.
    Str,
    /// `addr_of` / `gaddr`.
    Addr,
}

impl<'a, 'm> FnLower<'a, 'm> {
    /// A register holding operand `op` (constants are materialised here).
    pub(crate) fn val(&mut self, inst: &Inst, op: &Operand) -> Result<Reg, CodegenError> {
        Ok(match op {
            Operand::Value(v) => {
                if v.index() >= self.f.values.len() {
                    return Err(self.unsupported(inst, "reference to an unknown value"));
                }
                self.use_value(*v)
            }
            Operand::Int(i) => self.imm(*i as u64),
            Operand::Bool(b) => self.imm(*b as u64),
            Operand::Null => self.imm(0),
            Operand::F64(bits) => {
                let dst = self.out.mir.new_vreg(regalloc2::RegClass::Float);
                self.push(MInst::FMovImm { dst, bits: *bits });
                dst
            }
            Operand::Str(bytes) => {
                let dst = self.new_int();
                self.push(MInst::LoadAddr {
                    dst,
                    sym: SymRef::StrHandle(bytes.to_vec()),
                });
                dst
            }
            Operand::Sym(s) => {
                let sym = self.sym_address(inst, *s)?;
                let dst = self.new_int();
                self.push(MInst::LoadAddr { dst, sym });
                dst
            }
        })
    }

    /// A fresh register holding `imm`.
    pub(crate) fn imm(&mut self, imm: u64) -> Reg {
        let dst = self.new_int();
        self.push(MInst::MovImm { dst, imm });
        dst
    }

    /// What `addr_of @s` means: a module function, a string global's bytes, or a C symbol.
    pub(crate) fn sym_address(&self, _inst: &Inst, s: Symbol) -> Result<SymRef, CodegenError> {
        let m = self.m.module;
        if let Some(name) = self.m.names.func(s) {
            return Ok(SymRef::Local(name.to_string()));
        }
        if let Some(g) = self.m.index.global(m, s) {
            return Ok(SymRef::CStr(g.bytes.clone()));
        }
        Ok(SymRef::External(c_symbol(m.sym_name(s))))
    }

    /// Whether `inst` is `const_str @name` of a name that is not a string global: valid IL that
    /// traps DomainError `unknown global` when it runs (IL-SPEC §7.8; the verifier does not
    /// check the name).
    pub(crate) fn is_unknown_global(&self, inst: &Inst) -> bool {
        inst.op == il::Opcode::ConstStr
            && matches!(inst.operands.first(), Some(Operand::Sym(s))
                if self.m.index.global(self.m.module, *s).is_none())
    }

    /// `const_str` of an unknown global: raise the trap, and lower the rest of the IL block into
    /// a block nothing reaches (removed before allocation), where the result is defined as null.
    fn lower_unknown_global(&mut self, inst: &Inst, dst: Reg) {
        let trap = self.trap_site(inst, TrapKind::DomainError, Some("unknown global".into()));
        self.push(MInst::Trap { trap, code: None });
        let label = format!(
            "{}.after_trap{}",
            self.f.blocks[self.il_block].label, self.ip
        );
        self.cur = self.out.mir.add_block(label);
        self.push(MInst::MovImm { dst, imm: 0 });
    }

    pub(crate) fn lower_constant(&mut self, inst: &Inst, op: ConstOp) -> Result<(), CodegenError> {
        let dst = self.result(inst)?;
        match op {
            ConstOp::Null => self.push(MInst::MovImm { dst, imm: 0 }),
            ConstOp::F64 => match self.operand(inst, 0)? {
                Operand::F64(bits) => self.push(MInst::FMovImm { dst, bits: *bits }),
                _ => return Err(self.unsupported(inst, "const.f64 needs a float literal")),
            },
            ConstOp::Str => {
                let sym = match self.operand(inst, 0)? {
                    Operand::Sym(s) => match self.m.index.global(self.m.module, *s) {
                        Some(g) => {
                            let end = g
                                .bytes
                                .iter()
                                .position(|&b| b == 0)
                                .unwrap_or(g.bytes.len());
                            SymRef::StrHandle(g.bytes[..end].to_vec())
                        }
                        None => {
                            self.lower_unknown_global(inst, dst);
                            return Ok(());
                        }
                    },
                    Operand::Str(bytes) => SymRef::StrHandle(bytes.to_vec()),
                    _ => return Err(self.unsupported(inst, "const_str needs a global name")),
                };
                self.push(MInst::LoadAddr { dst, sym });
            }
            ConstOp::Addr => {
                let sym = match self.operand(inst, 0)? {
                    Operand::Sym(s) => self.sym_address(inst, *s)?,
                    _ => return Err(self.unsupported(inst, "addr_of needs an @name")),
                };
                self.push(MInst::LoadAddr { dst, sym });
            }
        }
        Ok(())
    }
}
