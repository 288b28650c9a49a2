//! `mem-pair` (pre-RA, last of the pre-RA passes, not in EH functions): two loads, or two
//! stores, of `I64` or `F64` values at `[base, #k]` and `[base, #k + 8]` in one block become one
//! `ldp`/`stp` ([`MInst::LoadPair`], [`MInst::StorePair`]) when nothing between them forbids it.
//!
//! - Loads: the pair takes the first load's place, so the second load moves up. Allowed between
//!   them: pure instructions ([`MInst::is_pure`]: no memory write, no trap) and other loads.
//!   SSA guarantees the second load's address and destination are not touched in between.
//! - Stores: the pair takes the second store's place, so the first store moves down. Allowed
//!   between them: pure instructions only (no load could see the delayed store, no trap could
//!   happen before it).
//! - Limits: offsets `k` a multiple of 8 in -512..=504 ([`pair_offset_ok`]); the search looks at
//!   most [`WINDOW`] instructions ahead, so the pass is linear in the block.
//!
//! Invariant: the memory accesses performed, their values and their order relative to every
//! trap, call and other store are unchanged; only two accesses to adjacent words fuse.

use crate::func::A64Function;
use crate::inst::{pair_offset_ok, MInst, MemTy};
use codegen_api::{CodegenError, CodegenOptions};
use target_common::{MirBlock, Reg};

/// How many instructions after the first access the second may be.
pub const WINDOW: usize = 8;

/// `mem-pair`.
pub fn mem_pair(f: &mut A64Function, _o: &CodegenOptions) -> Result<(), CodegenError> {
    if f.eh.is_some() {
        return Ok(());
    }
    for b in &mut f.mir.blocks {
        pair_block(b);
    }
    Ok(())
}

/// A plain access `[addr, #off]` of a pairable type.
#[derive(Clone, Copy)]
struct Access {
    store: bool,
    ty: MemTy,
    reg: Reg,
    addr: Reg,
    off: i64,
}

fn access(i: &MInst) -> Option<Access> {
    let (store, ty, reg, addr, off) = if let MInst::Load {
        ty,
        dst,
        addr,
        off,
        index: None,
    } = *i
    {
        (false, ty, dst, addr, off)
    } else if let MInst::Store {
        ty,
        src,
        addr,
        off,
        index: None,
    } = *i
    {
        (true, ty, src, addr, off)
    } else {
        return None;
    };
    matches!(ty, MemTy::I64 | MemTy::F64).then_some(Access {
        store,
        ty,
        reg,
        addr,
        off,
    })
}

fn pair_block(b: &mut MirBlock<MInst>) {
    // Fused-away instructions are marked and dropped at the end (no removal in the middle of
    // the list, which would make the pass quadratic); the scan stops at a marked one.
    let n = b.insts.len();
    let mut gone = vec![false; n];
    let mut any = false;
    for k in 0..n {
        if gone[k] {
            continue;
        }
        let Some(first) = access(&b.insts[k]) else {
            continue;
        };
        let mut found = None;
        let end = n.min(k + 1 + WINDOW);
        for (j, (i, g)) in b.insts[..end].iter().zip(&gone).enumerate().skip(k + 1) {
            if *g {
                break;
            }
            if let Some(second) = access(i) {
                if second.store == first.store
                    && second.ty == first.ty
                    && second.addr == first.addr
                    && (second.off - first.off).abs() == 8
                {
                    found = Some((j, second));
                    break;
                }
            }
            let may_cross = i.is_pure()
                || (!first.store && matches!(i, MInst::Load { .. } | MInst::SlotLoad { .. }));
            if !may_cross {
                break;
            }
        }
        let Some((j, second)) = found else {
            continue;
        };
        let (lo, hi) = if first.off < second.off {
            (first, second)
        } else {
            (second, first)
        };
        if !pair_offset_ok(first.ty, lo.off) || (!first.store && lo.reg == hi.reg) {
            continue;
        }
        let (ty, addr, off) = (first.ty, first.addr, lo.off);
        if first.store {
            b.insts[j] = MInst::StorePair {
                ty,
                src: [lo.reg, hi.reg],
                addr,
                off,
            };
            gone[k] = true;
        } else {
            b.insts[k] = MInst::LoadPair {
                ty,
                dst: [lo.reg, hi.reg],
                addr,
                off,
            };
            gone[j] = true;
        }
        any = true;
    }
    if any {
        let (insts, pos) = b.take_all();
        let (insts, pos): (Vec<_>, Vec<_>) = insts
            .into_iter()
            .zip(pos)
            .zip(&gone)
            .filter(|(_, g)| !**g)
            .map(|(ip, _)| ip)
            .unzip();
        b.replace_all(insts, pos);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inst::AluOp;
    use regalloc2::RegClass;
    use target_common::{MirFunction, SrcPos};

    fn block(insts: Vec<MInst>) -> MirBlock<MInst> {
        let mut b = MirBlock::new("b");
        for i in insts {
            b.push(i, SrcPos::default());
        }
        b
    }
    fn regs(n: usize) -> Vec<Reg> {
        let mut f: MirFunction<MInst> = MirFunction::new("t");
        (0..n).map(|_| f.new_vreg(RegClass::Int)).collect()
    }
    fn load(dst: Reg, addr: Reg, off: i64) -> MInst {
        MInst::Load {
            ty: MemTy::I64,
            dst,
            addr,
            off,
            index: None,
        }
    }
    fn store(src: Reg, addr: Reg, off: i64) -> MInst {
        MInst::Store {
            ty: MemTy::I64,
            src,
            addr,
            off,
            index: None,
        }
    }

    #[test]
    fn adjacent_loads_across_pure_code_become_ldp_at_the_first() {
        let r = regs(5);
        let add = MInst::AluImm {
            op: AluOp::Add,
            dst: r[3],
            a: r[4],
            imm: 1,
        };
        let mut b = block(vec![load(r[1], r[0], 16), add.clone(), load(r[2], r[0], 8)]);
        pair_block(&mut b);
        assert_eq!(
            b.insts,
            vec![
                MInst::LoadPair {
                    ty: MemTy::I64,
                    dst: [r[2], r[1]],
                    addr: r[0],
                    off: 8
                },
                add
            ]
        );
        assert_eq!(b.pos.len(), b.insts.len());
    }

    #[test]
    fn stores_pair_at_the_second_and_never_cross_a_load() {
        let r = regs(4);
        let mut b = block(vec![store(r[1], r[0], 0), store(r[2], r[0], 8)]);
        pair_block(&mut b);
        assert_eq!(
            b.insts,
            vec![MInst::StorePair {
                ty: MemTy::I64,
                src: [r[1], r[2]],
                addr: r[0],
                off: 0
            }]
        );
        let mut b = block(vec![
            store(r[1], r[0], 0),
            load(r[3], r[0], 16),
            store(r[2], r[0], 8),
        ]);
        let before = b.insts.clone();
        pair_block(&mut b);
        assert_eq!(b.insts, before);
    }

    #[test]
    fn other_bases_far_offsets_and_traps_stop_pairing() {
        let r = regs(6);
        let trap = MInst::Trap {
            trap: 0,
            code: None,
        };
        for insts in [
            vec![load(r[1], r[0], 0), load(r[2], r[5], 8)],
            vec![load(r[1], r[0], 0), load(r[2], r[0], 16)],
            vec![load(r[1], r[0], 512), load(r[2], r[0], 520)],
            vec![load(r[1], r[0], 4), load(r[2], r[0], 12)],
            vec![load(r[1], r[0], 0), trap.clone(), load(r[2], r[0], 8)],
            vec![
                store(r[1], r[0], 0),
                MInst::Mov {
                    dst: r[3],
                    src: r[4],
                },
                load(r[2], r[0], 8),
            ],
        ] {
            let mut b = block(insts.clone());
            pair_block(&mut b);
            assert_eq!(b.insts, insts);
        }
    }
}
