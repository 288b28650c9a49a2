//! Argument passing for AAPCS64 (Linux) and the Apple arm64 ABI (Darwin).
//!
//! Integer-class and f64 arguments are counted independently (x0–x7, d0–d7). Further arguments go
//! on the stack in order: on Linux every stack argument takes an 8-byte slot; on Darwin each takes
//! its natural size and alignment (i1: 1, i16: 2, i32: 4, others 8). The total stack area is
//! rounded up to 16 bytes. Results come back in x0 or d0.

use crate::inst::MemTy;
use crate::regs::{dreg, xreg};
use codegen_api::TargetOs;
use il::Type;
use regalloc2::PReg;

/// Where one argument travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgLoc {
    Reg(PReg),
    Stack { off: u32, ty: MemTy },
}

/// The in-register/in-memory type of an IL type.
pub fn mem_ty(t: Type) -> MemTy {
    match t {
        Type::I1 => MemTy::I1,
        Type::I16 => MemTy::I16,
        Type::I32 => MemTy::I32,
        Type::F64 => MemTy::F64,
        _ => MemTy::I64,
    }
}

/// Locations of arguments of types `tys`, and the stack bytes used (multiple of 16).
pub fn assign_args(os: TargetOs, tys: &[Type]) -> (Vec<ArgLoc>, u32) {
    let (mut ni, mut nf, mut off) = (0usize, 0usize, 0u32);
    let mut locs = Vec::with_capacity(tys.len());
    for &t in tys {
        if t == Type::F64 && nf < 8 {
            locs.push(ArgLoc::Reg(dreg(nf)));
            nf += 1;
        } else if t != Type::F64 && ni < 8 {
            locs.push(ArgLoc::Reg(xreg(ni)));
            ni += 1;
        } else {
            let ty = mem_ty(t);
            let size = match os {
                TargetOs::Linux => 8,
                TargetOs::Darwin => ty.size(),
            };
            off = off.div_ceil(size) * size;
            locs.push(ArgLoc::Stack { off, ty });
            off += size;
        }
    }
    (locs, off.div_ceil(16) * 16)
}

/// The register holding a result of type `t` (None for void).
pub fn result_reg(t: Type) -> Option<PReg> {
    match t {
        Type::Void => None,
        Type::F64 => Some(dreg(0)),
        _ => Some(xreg(0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn darwin_packs_narrow_stack_args() {
        let mut tys = vec![Type::I64; 8];
        tys.extend([Type::I32, Type::I1, Type::I64]);
        let (l, n) = assign_args(TargetOs::Darwin, &tys);
        assert_eq!(
            l[8],
            ArgLoc::Stack {
                off: 0,
                ty: MemTy::I32
            }
        );
        assert_eq!(
            l[9],
            ArgLoc::Stack {
                off: 4,
                ty: MemTy::I1
            }
        );
        assert_eq!(
            l[10],
            ArgLoc::Stack {
                off: 8,
                ty: MemTy::I64
            }
        );
        assert_eq!(n, 16);
        let (l, n) = assign_args(TargetOs::Linux, &tys);
        assert_eq!(
            l[9],
            ArgLoc::Stack {
                off: 8,
                ty: MemTy::I1
            }
        );
        assert_eq!(n, 32);
    }
    #[test]
    fn float_and_int_counted_independently() {
        let tys = [Type::F64, Type::I64, Type::F64];
        let (l, _) = assign_args(TargetOs::Linux, &tys);
        assert_eq!(
            l,
            vec![
                ArgLoc::Reg(dreg(0)),
                ArgLoc::Reg(xreg(0)),
                ArgLoc::Reg(dreg(1))
            ]
        );
    }
}
