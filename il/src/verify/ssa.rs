//! SSA rules (IL-SPEC §8.4 rule 13, §5): single definitions, no use before definition within a
//! block, block parameters used only in their own block, and definitions dominating uses.
//!
//! Dominators: Cooper–Harvey–Kennedy iterative algorithm over reverse post-order. CFG edges are
//! all branch targets of a block's instructions (including `eh.push` → handler, so handlers are
//! dominated by the block that installs them). Uses in unreachable blocks are not
//! dominance-checked (every block dominates an unreachable one).

use super::FnCx;
use crate::{Operand, ValueId};

/// Where a value is defined: `(block, pos)` with `pos` 0 for a block parameter and
/// instruction index + 1 for an instruction result; `block` is [`UNDEF`] when undefined.
type Def = (u32, u32);
const UNDEF: u32 = u32::MAX;

/// A CFG in compressed form: successors of block `b` are `succ[off[b]..off[b + 1]]`.
#[derive(Default)]
pub(crate) struct Cfg {
    off: Vec<u32>,
    succ: Vec<u32>,
}

impl Cfg {
    /// Empty the CFG, ready for `n` blocks (edges are all branch targets of a block's
    /// instructions, deduplicated per block; see [`check`]).
    fn reset(&mut self, n: usize) {
        self.off.clear();
        self.off.reserve(n + 1);
        self.off.push(0);
        self.succ.clear();
        self.succ.reserve(n * 2);
    }
    pub fn len(&self) -> usize {
        self.off.len() - 1
    }
    pub fn succs(&self, b: u32) -> &[u32] {
        &self.succ[self.off[b as usize] as usize..self.off[b as usize + 1] as usize]
    }
}

/// `v` emptied and refilled with `n` copies of `x` (its storage reused).
fn refill<T: Clone>(v: &mut Vec<T>, n: usize, x: T) {
    v.clear();
    v.resize(n, x);
}

/// The working storage of [`check`], kept by a worker from one function to the next: every
/// vector is emptied or refilled before it is read, so no function sees another's data, and a
/// module of many small functions allocates it once per worker.
#[derive(Default)]
pub(crate) struct Scratch {
    defs: Vec<Def>,
    listed_by: Vec<u32>,
    cfg: Cfg,
    idom: Vec<u32>,
    dom: DomTree,
    bufs: Bufs,
}

/// Temporaries of [`dominators`] and [`DomTree::build`].
#[derive(Default)]
pub(crate) struct Bufs {
    order: Vec<u32>,
    seen: Vec<bool>,
    stack: Vec<(u32, usize)>,
    po_num: Vec<u32>,
    start: Vec<u32>,
    fill: Vec<u32>,
    list: Vec<u32>,
}

/// Immediate dominators into `idom` (`u32::MAX` = unreachable; the entry's idom is itself),
/// computed with the Cooper–Harvey–Kennedy algorithm.
pub(crate) fn dominators(cfg: &Cfg, bufs: &mut Bufs, idom: &mut Vec<u32>) {
    let n = cfg.len();
    refill(idom, n, u32::MAX);
    if n == 0 {
        return;
    }
    let order = &mut bufs.order; // post-order
    order.clear();
    refill(&mut bufs.seen, n, false);
    let seen = &mut bufs.seen;
    let stack = &mut bufs.stack;
    stack.clear();
    stack.push((0, 0));
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
    refill(&mut bufs.po_num, n, u32::MAX);
    let po_num = &mut bufs.po_num;
    for (i, &b) in order.iter().enumerate() {
        po_num[b as usize] = i as u32;
    }
    // Predecessors (reachable sources only), compressed.
    refill(&mut bufs.start, n + 1, 0);
    let pcount = &mut bufs.start;
    for &b in order.iter() {
        for &s in cfg.succs(b) {
            pcount[s as usize + 1] += 1;
        }
    }
    for k in 0..n {
        pcount[k + 1] += pcount[k];
    }
    bufs.fill.clear();
    bufs.fill.extend_from_slice(pcount);
    let fill = &mut bufs.fill;
    refill(&mut bufs.list, pcount[n] as usize, 0);
    let preds = &mut bufs.list;
    for &b in order.iter() {
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
                    intersect(idom, po_num, p, new)
                };
            }
            if new != idom[b as usize] {
                idom[b as usize] = new;
                changed = true;
            }
        }
    }
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

/// The dominator tree numbered by a depth-first walk, so that "does `a` dominate `b`" is an
/// interval test: `a` dominates `b` iff `pre[a] <= pre[b] && post[b] <= post[a]`.
/// Unreachable blocks get no interval (`u32::MAX`) and dominate nothing but themselves.
#[derive(Default)]
pub(crate) struct DomTree {
    pre: Vec<u32>,
    post: Vec<u32>,
}

impl DomTree {
    /// Rebuild the tree for the immediate dominators `idom` (storage reused).
    pub fn build(&mut self, idom: &[u32], bufs: &mut Bufs) {
        let n = idom.len();
        // Children lists in compressed form (the entry is its own idom and is the root).
        refill(&mut bufs.start, n + 1, 0);
        let start = &mut bufs.start;
        for (b, &p) in idom.iter().enumerate() {
            if b != 0 && (p as usize) < n {
                start[p as usize + 1] += 1;
            }
        }
        for k in 0..n {
            start[k + 1] += start[k];
        }
        bufs.fill.clear();
        bufs.fill.extend_from_slice(start);
        let fill = &mut bufs.fill;
        refill(&mut bufs.list, start[n] as usize, 0);
        let kids = &mut bufs.list;
        for (b, &p) in idom.iter().enumerate() {
            if b != 0 && (p as usize) < n {
                kids[fill[p as usize] as usize] = b as u32;
                fill[p as usize] += 1;
            }
        }
        refill(&mut self.pre, n, u32::MAX);
        refill(&mut self.post, n, u32::MAX);
        if n == 0 {
            return;
        }
        let (pre, post) = (&mut self.pre, &mut self.post);
        let (mut pre_n, mut post_n) = (0u32, 0u32);
        let stack = &mut bufs.stack;
        stack.clear();
        stack.push((0, start[0] as usize));
        pre[0] = 0;
        pre_n += 1;
        while let Some(top) = stack.last_mut() {
            let (b, next) = *top;
            if next < start[b as usize + 1] as usize {
                top.1 += 1;
                let c = kids[next];
                pre[c as usize] = pre_n;
                pre_n += 1;
                stack.push((c, start[c as usize] as usize));
            } else {
                post[b as usize] = post_n;
                post_n += 1;
                stack.pop();
            }
        }
    }

    /// Does block `a` dominate block `b`?
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

pub(crate) fn check(cx: &mut FnCx<'_, '_>, s: &mut Scratch) {
    let f = cx.f;
    // One pass collects every definition and the CFG.
    refill(&mut s.defs, f.values.len(), (UNDEF, 0));
    let defs = &mut s.defs;
    let cfg = &mut s.cfg;
    cfg.reset(f.blocks.len());
    // The block whose successors last listed each block (a switch may name thousands of
    // targets: deduplicating by a scan of the list would be quadratic).
    refill(&mut s.listed_by, f.blocks.len(), UNDEF);
    let listed_by = &mut s.listed_by;
    for (bi, b) in f.blocks.iter().enumerate() {
        for &p in &b.params {
            if defs[p.index()].0 != UNDEF {
                let msg = format!("value {} is defined more than once", cx.vname(p));
                cx.err(b.span, msg);
            }
            defs[p.index()] = (bi as u32, 0);
        }
        for (ii, inst) in b.insts.iter().enumerate() {
            if let Some(r) = inst.result {
                if defs[r.index()].0 != UNDEF {
                    let msg = format!("value {} is defined more than once", cx.vname(r));
                    cx.err(inst.span, msg);
                }
                defs[r.index()] = (bi as u32, ii as u32 + 1);
            }
            for t in &inst.targets {
                if let Some(by) = listed_by.get_mut(t.block.index()) {
                    if *by != bi as u32 {
                        *by = bi as u32;
                        cfg.succ.push(t.block.0);
                    }
                }
            }
        }
        cfg.off.push(cfg.succ.len() as u32);
    }
    // Dominance is needed only for a result used in another block: many functions pass every
    // value between blocks as a block argument, and never build the tree.
    let mut dom_built = false;
    for (bi, b) in f.blocks.iter().enumerate() {
        let bi = bi as u32;
        for (ii, inst) in b.insts.iter().enumerate() {
            let ii = ii as u32;
            let ops = inst.operands.iter();
            for o in ops.chain(inst.targets.iter().flat_map(|t| t.args.iter())) {
                let Operand::Value(v) = o else { continue };
                let (db, dp) = defs[v.index()];
                // An earlier definition in this block, or a result of a block that dominates
                // this one (every block dominates an unreachable one).
                let ok = if db == bi {
                    dp <= ii
                } else if db == UNDEF || dp == 0 {
                    false
                } else {
                    if !dom_built {
                        dominators(cfg, &mut s.bufs, &mut s.idom);
                        s.dom.build(&s.idom, &mut s.bufs);
                        dom_built = true;
                    }
                    s.idom[bi as usize] == u32::MAX || s.dom.dominates(db, bi)
                };
                if !ok {
                    let msg = use_error(cx, (db, dp), *v, bi);
                    cx.err(inst.span, msg);
                }
            }
        }
    }
}

/// The message for a use of `v` in block `bi` that failed the checks in [`check`].
#[cold]
fn use_error(cx: &FnCx<'_, '_>, (db, dp): Def, v: ValueId, bi: u32) -> String {
    let name = cx.vname(v);
    if db == UNDEF {
        format!("use of undefined value {name}")
    } else if db == bi {
        format!("value {name} is used before its definition")
    } else if dp == 0 {
        format!(
            "block parameter {name} of '{}' used outside its block",
            cx.f.blocks[db as usize].label
        )
    } else {
        format!(
            "definition of {name} in '{}' does not dominate its use in '{}'",
            cx.f.blocks[db as usize].label, cx.f.blocks[bi as usize].label
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference: walk the idom chain from `b` looking for `a`.
    fn dominates_walk(idom: &[u32], a: u32, mut b: u32) -> bool {
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

    #[test]
    fn interval_dominance_matches_idom_walk() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut rnd = |m: u32| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) % m as u64) as u32
        };
        let (mut bufs, mut idom, mut dom) = (Bufs::default(), Vec::new(), DomTree::default());
        for _ in 0..300 {
            let n = 1 + rnd(14);
            let mut off = vec![0u32];
            let mut succ = Vec::new();
            for _ in 0..n {
                for _ in 0..rnd(3) {
                    succ.push(rnd(n));
                }
                off.push(succ.len() as u32);
            }
            let cfg = Cfg { off, succ };
            // One set of buffers for all the graphs, as a worker keeps them.
            dominators(&cfg, &mut bufs, &mut idom);
            dom.build(&idom, &mut bufs);
            for a in 0..n {
                for b in 0..n {
                    if idom[b as usize] == u32::MAX {
                        continue; // only asked for reachable uses
                    }
                    assert_eq!(dom.dominates(a, b), dominates_walk(&idom, a, b), "{a} {b}");
                }
            }
        }
    }
}
