//! SSA rules (IL-SPEC §8.4 rule 13, §5): single definitions, no use before definition within a
//! block, block parameters used only in their own block, and definitions dominating uses.
//!
//! Dominators: Cooper–Harvey–Kennedy iterative algorithm over reverse post-order. CFG edges are
//! all branch targets of a block's instructions (including `eh.push` → handler, so handlers are
//! dominated by the block that installs them). Uses in unreachable blocks are not
//! dominance-checked (every block dominates an unreachable one).

use super::FnCx;
use crate::{Operand, ValueId};

#[derive(Clone, Copy)]
enum Def {
    Param(u32),
    Inst(u32, u32),
}

/// Immediate dominators (`u32::MAX` = unreachable); entry's idom is itself.
pub(crate) fn dominators(succs: &[Vec<u32>]) -> (Vec<u32>, Vec<u32>) {
    let n = succs.len();
    let mut order = Vec::with_capacity(n); // post-order
    let mut seen = vec![false; n];
    if n > 0 {
        let mut stack: Vec<(u32, usize)> = vec![(0, 0)];
        seen[0] = true;
        while let Some(&mut (b, ref mut i)) = stack.last_mut() {
            if let Some(&s) = succs[b as usize].get(*i) {
                *i += 1;
                if !seen[s as usize] {
                    seen[s as usize] = true;
                    stack.push((s, 0));
                }
            } else {
                order.push(b);
                stack.pop();
            }
        }
    }
    let mut po_num = vec![u32::MAX; n];
    for (i, &b) in order.iter().enumerate() {
        po_num[b as usize] = i as u32;
    }
    let mut preds: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (b, ss) in succs.iter().enumerate() {
        if seen[b] {
            for &s in ss {
                preds[s as usize].push(b as u32);
            }
        }
    }
    let mut idom = vec![u32::MAX; n];
    if n == 0 {
        return (idom, po_num);
    }
    idom[0] = 0;
    let mut changed = true;
    while changed {
        changed = false;
        for &b in order.iter().rev().skip(1) {
            let mut new = u32::MAX;
            for &p in &preds[b as usize] {
                if idom[p as usize] == u32::MAX {
                    continue;
                }
                new = if new == u32::MAX {
                    p
                } else {
                    intersect(&idom, &po_num, p, new)
                };
            }
            if new != idom[b as usize] {
                idom[b as usize] = new;
                changed = true;
            }
        }
    }
    (idom, po_num)
}

fn intersect(idom: &[u32], po: &[u32], mut a: u32, mut b: u32) -> u32 {
    while a != b {
        while po[a as usize] < po[b as usize] {
            a = idom[a as usize];
        }
        while po[b as usize] < po[a as usize] {
            b = idom[b as usize];
        }
    }
    a
}

/// Does block `a` dominate block `b` (both reachable)?
pub(crate) fn dominates(idom: &[u32], a: u32, mut b: u32) -> bool {
    loop {
        if a == b {
            return true;
        }
        let p = idom[b as usize];
        if p == b || p == u32::MAX {
            return false;
        }
        b = p;
    }
}

/// Successor lists of every block.
pub(crate) fn successors(f: &crate::Function) -> Vec<Vec<u32>> {
    f.blocks
        .iter()
        .map(|b| {
            let mut s: Vec<u32> = Vec::new();
            for i in &b.insts {
                for t in &i.targets {
                    if !s.contains(&t.block.0) {
                        s.push(t.block.0);
                    }
                }
            }
            s
        })
        .collect()
}

pub(crate) fn check(cx: &mut FnCx<'_, '_>) {
    let f = cx.f;
    let mut defs: Vec<Option<Def>> = vec![None; f.values.len()];
    for (bi, b) in f.blocks.iter().enumerate() {
        for &p in &b.params {
            if defs[p.index()].is_some() {
                let msg = format!("value {} is defined more than once", cx.vname(p));
                cx.err(b.span, msg);
            }
            defs[p.index()] = Some(Def::Param(bi as u32));
        }
        for (ii, inst) in b.insts.iter().enumerate() {
            if let Some(r) = inst.result {
                if defs[r.index()].is_some() {
                    let msg = format!("value {} is defined more than once", cx.vname(r));
                    cx.err(inst.span, msg);
                }
                defs[r.index()] = Some(Def::Inst(bi as u32, ii as u32));
            }
        }
    }
    let succs = successors(f);
    let (idom, _) = dominators(&succs);
    for (bi, b) in f.blocks.iter().enumerate() {
        let bi = bi as u32;
        let reachable = idom[bi as usize] != u32::MAX;
        for (ii, inst) in b.insts.iter().enumerate() {
            let uses = inst
                .operands
                .iter()
                .chain(inst.targets.iter().flat_map(|t| t.args.iter()));
            for o in uses {
                let Operand::Value(v) = o else { continue };
                if let Some(msg) = use_error(cx, &defs, &idom, *v, bi, ii as u32, reachable) {
                    cx.err(inst.span, msg);
                }
            }
        }
    }
}

fn use_error(
    cx: &FnCx<'_, '_>,
    defs: &[Option<Def>],
    idom: &[u32],
    v: ValueId,
    bi: u32,
    ii: u32,
    reachable: bool,
) -> Option<String> {
    let name = cx.vname(v);
    match defs[v.index()] {
        None => Some(format!("use of undefined value {name}")),
        Some(Def::Param(pb)) if pb != bi => Some(format!(
            "block parameter {name} of '{}' used outside its block",
            cx.f.blocks[pb as usize].label
        )),
        Some(Def::Param(_)) => None,
        Some(Def::Inst(db, di)) if db == bi => {
            (di >= ii).then(|| format!("value {name} is used before its definition"))
        }
        Some(Def::Inst(db, _)) => {
            if !reachable || dominates(idom, db, bi) {
                None
            } else {
                Some(format!(
                    "definition of {name} in '{}' does not dominate its use in '{}'",
                    cx.f.blocks[db as usize].label, cx.f.blocks[bi as usize].label
                ))
            }
        }
    }
}
