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

/// A CFG in compressed form: successors of block `b` are `succ[off[b]..off[b + 1]]`.
pub(crate) struct Cfg {
    off: Vec<u32>,
    succ: Vec<u32>,
}

impl Cfg {
    /// Edges are all branch targets of a block's instructions (deduplicated per block).
    pub fn new(f: &crate::Function) -> Cfg {
        let mut off = Vec::with_capacity(f.blocks.len() + 1);
        let mut succ = Vec::with_capacity(f.blocks.len() * 2);
        off.push(0);
        for b in &f.blocks {
            let start = succ.len();
            for i in &b.insts {
                for t in &i.targets {
                    if !succ[start..].contains(&t.block.0) {
                        succ.push(t.block.0);
                    }
                }
            }
            off.push(succ.len() as u32);
        }
        Cfg { off, succ }
    }
    pub fn len(&self) -> usize {
        self.off.len() - 1
    }
    pub fn succs(&self, b: u32) -> &[u32] {
        &self.succ[self.off[b as usize] as usize..self.off[b as usize + 1] as usize]
    }
}

/// Immediate dominators (`u32::MAX` = unreachable; the entry's idom is itself), computed with
/// the Cooper–Harvey–Kennedy algorithm.
pub(crate) fn dominators(cfg: &Cfg) -> Vec<u32> {
    let n = cfg.len();
    let mut idom = vec![u32::MAX; n];
    if n == 0 {
        return idom;
    }
    let mut order = Vec::with_capacity(n); // post-order
    let mut seen = vec![false; n];
    let mut stack: Vec<(u32, usize)> = vec![(0, 0)];
    seen[0] = true;
    while let Some(top) = stack.last_mut() {
        let (b, i) = *top;
        if let Some(&s) = cfg.succs(b).get(i) {
            top.1 += 1;
            if !seen[s as usize] {
                seen[s as usize] = true;
                stack.push((s, 0));
            }
        } else {
            order.push(b);
            stack.pop();
        }
    }
    let mut po_num = vec![u32::MAX; n];
    for (i, &b) in order.iter().enumerate() {
        po_num[b as usize] = i as u32;
    }
    // Predecessors (reachable sources only), compressed.
    let mut pcount = vec![0u32; n + 1];
    for &b in &order {
        for &s in cfg.succs(b) {
            pcount[s as usize + 1] += 1;
        }
    }
    for k in 0..n {
        pcount[k + 1] += pcount[k];
    }
    let mut fill = pcount.clone();
    let mut preds = vec![0u32; pcount[n] as usize];
    for &b in &order {
        for &s in cfg.succs(b) {
            preds[fill[s as usize] as usize] = b;
            fill[s as usize] += 1;
        }
    }
    idom[0] = 0;
    let mut changed = true;
    while changed {
        changed = false;
        for &b in order.iter().rev().skip(1) {
            let mut new = u32::MAX;
            for &p in &preds[pcount[b as usize] as usize..pcount[b as usize + 1] as usize] {
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
    idom
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

/// O(1) dominance queries: pre/post numbers of a DFS over the dominator tree.
pub(crate) struct DomTree {
    pre: Vec<u32>,
    post: Vec<u32>,
}

impl DomTree {
    pub fn new(idom: &[u32]) -> DomTree {
        let n = idom.len();
        let mut ccount = vec![0u32; n + 1];
        for (b, &d) in idom.iter().enumerate() {
            if d != u32::MAX && d as usize != b {
                ccount[d as usize + 1] += 1;
            }
        }
        for k in 0..n {
            ccount[k + 1] += ccount[k];
        }
        let mut fill = ccount.clone();
        let mut kids = vec![0u32; ccount[n] as usize];
        for (b, &d) in idom.iter().enumerate() {
            if d != u32::MAX && d as usize != b {
                kids[fill[d as usize] as usize] = b as u32;
                fill[d as usize] += 1;
            }
        }
        let mut pre = vec![u32::MAX; n];
        let mut post = vec![u32::MAX; n];
        let (mut tick_pre, mut tick_post) = (1u32, 0u32);
        if n > 0 {
            let mut stack: Vec<(u32, u32)> = vec![(0, ccount[0])];
            pre[0] = 0;
            while let Some(top) = stack.last_mut() {
                let (b, next) = *top;
                if next < ccount[b as usize + 1] {
                    top.1 += 1;
                    let c = kids[next as usize];
                    pre[c as usize] = tick_pre;
                    tick_pre += 1;
                    stack.push((c, ccount[c as usize]));
                } else {
                    post[b as usize] = tick_post;
                    tick_post += 1;
                    stack.pop();
                }
            }
        }
        DomTree { pre, post }
    }

    /// Does block `a` dominate block `b`? (False when either is unreachable, unless a == b.)
    pub fn dominates(&self, a: u32, b: u32) -> bool {
        if a == b {
            return true;
        }
        let (a, b) = (a as usize, b as usize);
        self.pre[a] != u32::MAX
            && self.pre[b] != u32::MAX
            && self.pre[a] <= self.pre[b]
            && self.post[b] <= self.post[a]
    }
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
    let idom = dominators(&Cfg::new(f));
    let dt = DomTree::new(&idom);
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
                if let Some(msg) = use_error(cx, &defs, &dt, *v, bi, ii as u32, reachable) {
                    cx.err(inst.span, msg);
                }
            }
        }
    }
}

fn use_error(
    cx: &FnCx<'_, '_>,
    defs: &[Option<Def>],
    dt: &DomTree,
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
            if !reachable || dt.dominates(db, bi) {
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
