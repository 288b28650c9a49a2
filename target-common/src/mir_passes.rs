//! Target-independent MIR passes, written against [`MachInst`] only; a target registers them
//! under its own pass names (`target_common::driver::Passes::add`).
//!
//! - [`dce`] (pre-RA): removes pure instructions ([`MachInst::is_pure`]) whose results are never
//!   read, to a fixed point.
//! - [`forward_params`] (pre-RA): a block with one incoming edge reads that edge's arguments
//!   directly instead of its parameters, which it then drops.
//! - [`redundant_moves`] (post-RA): removes moves whose source and destination coincide.
//! - [`jump_threading`] (post-RA: edges carry no arguments): an edge into a block that only jumps
//!   goes straight to that jump's target.
//! - [`remove_unreachable`] (post-RA, after the passes that redirect edges): blocks no path from
//!   the entry reaches are dropped, the others renumbered in their order.
//! - [`sink_edge_constants`] (pre-RA, after critical-edge splitting): a constant a block defines
//!   only for the arguments of its edges' split blocks is defined in those blocks instead.

use crate::cfg::predecessor_counts;
use crate::driver::HasMir;
use crate::mir::{MachInst, Reg, RegRole};
use codegen_api::{CodegenError, CodegenOptions};

/// `edge-consts`. A block `b` whose terminator has several edges defines a constant
/// ([`MachInst::is_constant`]) that nothing reads but the jumps of split-edge blocks of `b` (a
/// block with `b` as its only predecessor, reached by an edge without arguments, that only
/// jumps): the constant is defined in each of those blocks, before its jump, instead of in `b`.
///
/// Why: lowering materialises a terminator's constant arguments before it, so a `switch.i32` of
/// n cases passing constants kept n values live across the whole case tree (spilled, then each
/// reloaded in its case: 50k cases, 50k stores and 150k loads). Now each case sets its own
/// constant, and the way a case does not take runs none of the others'.
///
/// Invariants: SSA is kept (the first split block takes the original definition, the others a
/// copy into a fresh register of the same class); each copy keeps the original's source
/// position; a constant with any other use stays where it is. Linear in the function.
pub fn sink_edge_constants<F: HasMir>(f: &mut F, _o: &CodegenOptions) -> Result<(), CodegenError> {
    let f = f.mir_mut();
    let preds = predecessor_counts(f);
    // Counted once, when a first candidate turns up (most functions have none).
    let mut uses: Option<Vec<u32>> = None;
    // Per vreg: the index of its constant definition in the block being looked at (reset
    // after each block), and how many of its uses the split blocks' jumps hold.
    let mut def_at = vec![u32::MAX; f.vreg_classes.len()];
    let mut in_splits = vec![0u32; f.vreg_classes.len()];
    for b in 0..f.blocks.len() {
        let splits: Vec<usize> = match f.blocks[b].insts.last() {
            Some(t) if t.edges().len() >= 2 => t
                .edges()
                .iter()
                .map(|e| e.block as usize)
                .filter(|&s| {
                    s != b
                        && preds.get(s) == Some(&1)
                        && f.blocks[s].insts.len() == 1
                        && f.blocks[s].insts[0].is_jump()
                        // No parameters, so its one edge carries no arguments (a constant
                        // passed on the terminator itself is a use in `b`).
                        && f.blocks[s].params.is_empty()
                })
                .collect(),
            _ => continue,
        };
        if splits.is_empty() {
            continue;
        }
        let mut defs: Vec<usize> = Vec::new();
        for (k, i) in f.blocks[b].insts.iter_mut().enumerate() {
            if !i.is_constant() {
                continue;
            }
            i.visit_regs(&mut |r, role| {
                if let (Reg::Virt(v), RegRole::Def) = (r, role) {
                    def_at[v.vreg()] = k as u32;
                    defs.push(v.vreg());
                }
            });
        }
        if defs.is_empty() {
            continue;
        }
        for &s in &splits {
            for a in f.blocks[s].insts[0].edges().iter().flat_map(|e| &e.args) {
                if let Reg::Virt(v) = a {
                    if def_at[v.vreg()] != u32::MAX {
                        in_splits[v.vreg()] += 1;
                    }
                }
            }
        }
        if defs.iter().all(|&v| in_splits[v] == 0) {
            for &v in &defs {
                def_at[v] = u32::MAX;
            }
            continue;
        }
        let uses = uses.get_or_insert_with(|| crate::analysis::use_counts(f));
        let sink = |v: usize| in_splits[v] > 0 && in_splits[v] == uses[v];
        if defs.iter().any(|&v| sink(v)) {
            let mut moved = vec![false; f.blocks[b].insts.len()];
            for &s in &splits {
                // The constants this block's jump reads, each defined once here.
                let mut here: Vec<(Reg, Reg)> = Vec::new();
                let args: Vec<Reg> = f.blocks[s].insts[0]
                    .edges()
                    .iter()
                    .flat_map(|e| e.args.iter().copied())
                    .collect();
                for a in args {
                    let Reg::Virt(v) = a else { continue };
                    if !sink(v.vreg()) || here.iter().any(|&(old, _)| old == a) {
                        continue;
                    }
                    let k = def_at[v.vreg()] as usize;
                    let pos = f.blocks[b].pos[k];
                    let mut inst = f.blocks[b].insts[k].clone();
                    let new = if moved[k] {
                        let r = f.new_vreg(a.class());
                        inst.visit_regs(&mut |d, role| {
                            if role == RegRole::Def {
                                *d = r;
                            }
                        });
                        r
                    } else {
                        moved[k] = true;
                        a
                    };
                    here.push((a, new));
                    f.blocks[s].insert(0, inst, pos);
                }
                if let Some(j) = f.blocks[s].insts.last_mut() {
                    for e in j.edges_mut() {
                        for r in &mut e.args {
                            if let Some(&(_, new)) = here.iter().find(|&&(old, _)| old == *r) {
                                *r = new;
                            }
                        }
                    }
                }
            }
            let mut k = 0;
            f.blocks[b].retain_mut(|_| {
                k += 1;
                !moved[k - 1]
            });
        }
        for &v in &defs {
            def_at[v] = u32::MAX;
            in_splits[v] = 0;
        }
    }
    Ok(())
}

/// `dce`.
pub fn dce<F: HasMir>(f: &mut F, _o: &CodegenOptions) -> Result<(), CodegenError> {
    let f = f.mir_mut();
    loop {
        let mut used = vec![false; f.vreg_classes.len()];
        let mut mark = |r: &Reg| {
            if let Reg::Virt(v) = r {
                if let Some(u) = used.get_mut(v.vreg()) {
                    *u = true;
                }
            }
        };
        for b in &mut f.blocks {
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
        for b in &mut f.blocks {
            b.retain_mut(|i| {
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

/// `forward-params` (before register allocation, on SSA MIR): a block other than the entry with
/// exactly one incoming edge (counted with multiplicity), from another block, gets its
/// parameters replaced by that edge's arguments everywhere, and both lists are emptied. Sound
/// because the predecessor dominates the block, and the arguments, read at the predecessor's
/// terminator, are defined before it. Chains (a forwarded argument that is itself a forwarded
/// parameter) resolve to the first value. The point: later passes see where a value comes from
/// (e.g. two pointers that are one base plus constants), and the allocator has fewer copies.
pub fn forward_params<F: HasMir>(f: &mut F, _o: &CodegenOptions) -> Result<(), CodegenError> {
    let f = f.mir_mut();
    let counts = predecessor_counts(f);
    // Dense: vreg number → the register it is replaced by (the function may have millions).
    let mut map: Vec<Option<Reg>> = vec![None; f.vreg_classes.len()];
    let slot = |r: Reg| match r {
        Reg::Virt(v) => Some(v.vreg()),
        Reg::Phys(_) => None,
    };
    let mut forwarded = vec![false; f.blocks.len()];
    let mut any = false;
    for (p, block) in f.blocks.iter().enumerate() {
        let Some(term) = block.insts.last() else {
            continue;
        };
        for e in term.edges() {
            let t = e.block as usize;
            let Some(target) = f.blocks.get(t) else {
                continue;
            };
            if t == 0
                || t == p
                || counts.get(t) != Some(&1)
                || target.params.is_empty()
                || target.params.len() != e.args.len()
                || target
                    .params
                    .iter()
                    .chain(&e.args)
                    .any(|r| slot(*r).is_none_or(|i| i >= map.len()))
            {
                continue;
            }
            for (param, arg) in target.params.iter().zip(&e.args) {
                if let Some(i) = slot(*param) {
                    map[i] = Some(*arg);
                }
            }
            forwarded[t] = true;
            any = true;
        }
    }
    if !any {
        return Ok(());
    }
    // A parameter maps to an argument that may itself be a forwarded parameter: follow the
    // chain, then point every register on it at the end (path compression, so a chain of n
    // blocks costs O(n), not O(n²)). A cycle would need blocks unreachable from the entry
    // (removed before this pass); should one occur, the pass changes nothing.
    let mut path = Vec::new();
    for start in 0..map.len() {
        let Some(mut r) = map[start] else {
            continue;
        };
        path.push(start);
        while let Some(next) = slot(r).and_then(|i| map[i]) {
            path.push(slot(r).unwrap_or(start));
            if path.len() > map.len() {
                return Ok(());
            }
            r = next;
        }
        for i in path.drain(..) {
            map[i] = Some(r);
        }
    }
    let image = |r: &mut Reg| {
        if let Some(n) = slot(*r).and_then(|i| map.get(i).copied().flatten()) {
            *r = n;
        }
    };
    for (t, block) in f.blocks.iter_mut().enumerate() {
        if forwarded[t] {
            block.params.clear();
        }
        for i in &mut block.insts {
            i.visit_regs(&mut |r, role| {
                if matches!(role, RegRole::Use | RegRole::FixedUse(_)) {
                    image(r);
                }
            });
            for e in i.edges_mut() {
                if forwarded.get(e.block as usize) == Some(&true) {
                    e.args.clear();
                } else {
                    e.args.iter_mut().for_each(image);
                }
            }
        }
    }
    Ok(())
}

/// `redundant-moves`.
pub fn redundant_moves<F: HasMir>(f: &mut F, _o: &CodegenOptions) -> Result<(), CodegenError> {
    for b in &mut f.mir_mut().blocks {
        b.retain_mut(|i| !i.is_nop_move());
    }
    Ok(())
}

/// `jump-threading` (after register allocation: edges carry no arguments).
pub fn jump_threading<F: HasMir>(f: &mut F, _o: &CodegenOptions) -> Result<(), CodegenError> {
    let f = f.mir_mut();
    let forward: Vec<Option<u32>> = f
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| match b.insts.as_slice() {
            [j] if i > 0 && j.is_jump() && j.edges().len() == 1 && j.edges()[0].args.is_empty() => {
                Some(j.edges()[0].block)
            }
            _ => None,
        })
        .collect();
    let fin = final_targets(&forward);
    let resolve = |t: u32| fin.get(t as usize).copied().unwrap_or(t);
    for b in &mut f.blocks {
        if let Some(term) = b.insts.last_mut() {
            for e in term.edges_mut() {
                e.block = resolve(e.block);
            }
        }
    }
    Ok(())
}

/// `unreachable-blocks` (post-RA: edges carry no arguments): blocks that no path of edges from
/// the entry (block 0) reaches — jump-only blocks `jump-threading` bypassed, IL blocks nothing
/// branches to — are dropped, and the others keep their order under new numbers (every edge of
/// every instruction renumbered). Valid only where edges are the sole references to blocks: a
/// target with other block references (tables of block numbers) runs it only where it has none.
/// Linear in blocks and edges.
pub fn remove_unreachable<F: HasMir>(f: &mut F, _o: &CodegenOptions) -> Result<(), CodegenError> {
    crate::cfg::remove_unreachable_blocks(f.mir_mut())
        .map(|_| ())
        .map_err(CodegenError::Internal)
}

/// Where an edge into each block ends up when jump-only blocks are followed (`forward[b]`: the
/// block `b` only jumps to, if it does): the first block of the chain that does something, or,
/// when the chain runs into a cycle of jump-only blocks (an infinite loop wherever it is
/// entered), the block reached after `forward.len()` steps. Linear: every block's chain is
/// walked once (a chain of n blocks followed per edge would be quadratic).
fn final_targets(forward: &[Option<u32>]) -> Vec<u32> {
    /// A block's resolution: a block outside any cycle, or `d` steps before position `pos` of
    /// cycle `c`.
    #[derive(Clone, Copy)]
    enum Fin {
        Unseen,
        OnPath(u32),
        To(u32),
        Cycle { c: u32, pos: u32, d: u32 },
    }
    let n = forward.len();
    let step = |b: u32| forward.get(b as usize).copied().flatten();
    let mut fin = vec![Fin::Unseen; n];
    let mut cycles: Vec<Vec<u32>> = Vec::new();
    let mut path: Vec<u32> = Vec::new();
    for s in 0..n as u32 {
        if !matches!(fin[s as usize], Fin::Unseen) {
            continue;
        }
        path.clear();
        let mut x = s;
        // The resolution of `x`, at which the walk stopped, and how the path inherits it.
        let end = loop {
            let Some(next) = step(x) else {
                break Fin::To(x);
            };
            match fin[x as usize] {
                Fin::Unseen => {
                    fin[x as usize] = Fin::OnPath(path.len() as u32);
                    path.push(x);
                    x = next;
                    if x as usize >= n {
                        break Fin::To(x);
                    }
                }
                Fin::OnPath(j) => {
                    // `path[j..]` is a cycle.
                    let c = cycles.len() as u32;
                    let cyc = path.split_off(j as usize);
                    for (m, &b) in cyc.iter().enumerate() {
                        fin[b as usize] = Fin::Cycle {
                            c,
                            pos: m as u32,
                            d: 0,
                        };
                    }
                    cycles.push(cyc);
                    break Fin::Cycle { c, pos: 0, d: 0 };
                }
                done => break done,
            }
        };
        for (k, &b) in path.iter().rev().enumerate() {
            fin[b as usize] = match end {
                Fin::Cycle { c, pos, d } => Fin::Cycle {
                    c,
                    pos,
                    d: d + k as u32 + 1,
                },
                other => other,
            };
        }
    }
    fin.iter()
        .enumerate()
        .map(|(b, f)| match *f {
            Fin::To(t) => t,
            Fin::Cycle { c, pos, d } => {
                let cyc = &cycles[c as usize];
                cyc[(pos as usize + (n - d as usize)) % cyc.len()]
            }
            Fin::Unseen | Fin::OnPath(_) => b as u32,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mir::{Edge, Loc, MirFunction, SrcPos};
    use crate::verify::verify_mir;
    use regalloc2::RegClass;
    use std::fmt;

    /// A test instruction: defines a register, reads one, or ends a block with edges.
    #[derive(Clone, Debug, PartialEq)]
    enum T {
        Def(Reg),
        Use(Reg),
        Br(Vec<Edge>),
    }
    impl fmt::Display for T {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{self:?}")
        }
    }
    impl MachInst for T {
        fn visit_regs(&mut self, f: &mut dyn FnMut(&mut Reg, RegRole)) {
            match self {
                T::Def(r) => f(r, RegRole::Def),
                T::Use(r) => f(r, RegRole::Use),
                T::Br(_) => {}
            }
        }
        fn is_term(&self) -> bool {
            matches!(self, T::Br(_))
        }
        fn edges(&self) -> &[Edge] {
            match self {
                T::Br(e) => e,
                T::Def(_) | T::Use(_) => &[],
            }
        }
        fn edges_mut(&mut self) -> &mut [Edge] {
            match self {
                T::Br(e) => e,
                T::Def(_) | T::Use(_) => &mut [],
            }
        }
        fn jump(edge: Edge) -> Self {
            T::Br(vec![edge])
        }
        fn gen_move(_dst: Loc, _src: Loc, _class: RegClass) -> Self {
            T::Br(Vec::new())
        }
        fn is_pure(&self) -> bool {
            matches!(self, T::Def(_))
        }
        fn is_call(&self) -> bool {
            false
        }
        fn is_jump(&self) -> bool {
            matches!(self, T::Br(e) if e.len() == 1)
        }
        fn is_constant(&self) -> bool {
            matches!(self, T::Def(_))
        }
    }
    /// The definition [`final_targets`] must agree with: follow at most `n` jumps from `t`.
    fn followed(forward: &[Option<u32>], mut t: u32) -> u32 {
        for _ in 0..forward.len() {
            match forward.get(t as usize) {
                Some(Some(next)) => t = *next,
                _ => break,
            }
        }
        t
    }

    #[test]
    fn final_targets_follow_chains_and_cycles() {
        // Chains, chains into cycles, self-loops and targets past the end, on random maps.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        for round in 0..2000 {
            let n = 1 + (round % 23) as u64;
            let forward: Vec<Option<u32>> = (0..n)
                .map(|_| (next(3) > 0).then(|| next(n + 1) as u32))
                .collect();
            let fin = final_targets(&forward);
            for t in 0..n as u32 {
                assert_eq!(
                    fin[t as usize],
                    followed(&forward, t),
                    "{forward:?} from {t}"
                );
            }
        }
        // A chain of 100k jump-only blocks (quadratic when followed per edge).
        let n = 100_000u32;
        let chain: Vec<Option<u32>> = (0..n).map(|b| b.checked_sub(1)).collect();
        assert!(final_targets(&chain).iter().all(|&t| t == 0));
    }

    struct H(MirFunction<T>);
    impl HasMir for H {
        type Inst = T;
        fn mir(&self) -> &MirFunction<T> {
            &self.0
        }
        fn mir_mut(&mut self) -> &mut MirFunction<T> {
            &mut self.0
        }
    }

    /// bb0 defines a, b and branches to bb1(a) and bb2(b); bb1 → bb3(p1); bb2 → bb3(p2) and bb3
    /// loops to itself: bb1 and bb2 have one predecessor each, bb3 has three.
    fn sample() -> (H, [Reg; 6]) {
        let mut f = MirFunction::new("t");
        let r: Vec<Reg> = (0..6).map(|_| f.new_vreg(RegClass::Int)).collect();
        let (a, b, p1, p2, q, q2) = (r[0], r[1], r[2], r[3], r[4], r[5]);
        for _ in 0..4 {
            f.add_block("b");
        }
        let p = SrcPos::default();
        f.blocks[0].push(T::Def(a), p);
        f.blocks[0].push(T::Def(b), p);
        f.blocks[0].push(T::Br(vec![Edge::new(1, vec![a]), Edge::new(2, vec![b])]), p);
        f.blocks[1].params = vec![p1];
        f.blocks[1].push(T::Use(p1), p);
        f.blocks[1].push(T::Br(vec![Edge::new(3, vec![p1])]), p);
        f.blocks[2].params = vec![p2];
        f.blocks[2].push(T::Br(vec![Edge::new(3, vec![p2])]), p);
        f.blocks[3].params = vec![q];
        f.blocks[3].push(T::Use(q), p);
        f.blocks[3].push(T::Def(q2), p);
        f.blocks[3].push(T::Br(vec![Edge::new(3, vec![q2])]), p);
        (H(f), [a, b, p1, p2, q, q2])
    }

    /// bb0 defines a, b, c, reads c, and branches to the split blocks bb1, bb2, bb3, which jump
    /// to bb4(x, y) with (a, b), (a, c), (a, a).
    #[test]
    fn constants_only_split_blocks_read_are_defined_in_them() {
        let mut f = MirFunction::new("t");
        let r: Vec<Reg> = (0..5).map(|_| f.new_vreg(RegClass::Int)).collect();
        let (a, b, c, x, y) = (r[0], r[1], r[2], r[3], r[4]);
        for _ in 0..5 {
            f.add_block("b");
        }
        let p = SrcPos::il_line(7);
        let q = SrcPos::default();
        f.blocks[0].push(T::Def(a), p);
        f.blocks[0].push(T::Def(b), q);
        f.blocks[0].push(T::Def(c), q);
        f.blocks[0].push(T::Use(c), q);
        let out = |k| Edge::new(k, vec![]);
        f.blocks[0].push(T::Br(vec![out(1), out(2), out(3)]), q);
        for (k, args) in [(1, vec![a, b]), (2, vec![a, c]), (3, vec![a, a])] {
            f.blocks[k].push(T::Br(vec![Edge::new(4, args)]), q);
        }
        f.blocks[4].params = vec![x, y];
        f.blocks[4].push(T::Use(x), q);
        f.blocks[4].push(T::Use(y), q);
        f.blocks[4].push(T::Br(vec![]), q);
        let mut h = H(f);
        sink_edge_constants(&mut h, &CodegenOptions::default()).unwrap();
        let f = &h.0;
        verify_mir(f).unwrap();
        // c has a use in bb0 and stays; a and b leave it.
        assert_eq!(f.blocks[0].insts[..2], [T::Def(c), T::Use(c)]);
        // bb1 takes a's definition itself (and b's); bb2 and bb3 define copies of their own.
        let b1 = &f.blocks[1].insts;
        assert!(b1.contains(&T::Def(a)) && b1.contains(&T::Def(b)), "{b1:?}");
        assert_eq!(b1.last(), Some(&T::Br(vec![Edge::new(4, vec![a, b])])));
        let def = |k: usize| match f.blocks[k].insts[0] {
            T::Def(r) => r,
            ref i => panic!("{i:?}"),
        };
        let (a2, a3) = (def(2), def(3));
        assert!(a2 != a && a3 != a && a2 != a3);
        assert_eq!(f.blocks[2].insts[1], T::Br(vec![Edge::new(4, vec![a2, c])]));
        assert_eq!(f.blocks[3].insts.len(), 2, "one copy for both arguments");
        assert_eq!(
            f.blocks[3].insts[1],
            T::Br(vec![Edge::new(4, vec![a3, a3])])
        );
        // Every copy keeps the constant's position.
        for k in [2, 3] {
            assert_eq!(f.blocks[k].pos[0], p);
        }
    }

    /// bb0 → bb2 → bb4 ⟲ bb2, bb5 → bb4; bb1, bb3 and bb5 are unreached (bb5 has an edge into
    /// the reached part, bb1 one into another unreached block).
    #[test]
    fn unreached_blocks_go_and_the_rest_keep_their_order() {
        let mut f: MirFunction<T> = MirFunction::new("t");
        let names = ["b0", "b1", "b2", "b3", "b4", "b5"];
        for n in names {
            f.add_block(n);
        }
        let q = SrcPos::default();
        let to = |k: &[u32]| T::Br(k.iter().map(|&b| Edge::new(b, vec![])).collect());
        for (b, succ) in [
            (0, vec![2]),
            (1, vec![3]),
            (2, vec![4]),
            (3, vec![]),
            (4, vec![2, 4]),
        ] {
            f.blocks[b].push(to(&succ), q);
        }
        f.blocks[5].push(to(&[4]), q);
        let mut h = H(f);
        remove_unreachable(&mut h, &CodegenOptions::default()).unwrap();
        let f = &h.0;
        verify_mir(f).unwrap();
        let kept: Vec<&str> = f.blocks.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(kept, ["b0", "b2", "b4"]);
        assert_eq!(f.blocks[0].insts, [to(&[1])]);
        assert_eq!(f.blocks[1].insts, [to(&[2])]);
        assert_eq!(f.blocks[2].insts, [to(&[1, 2])]);
        // Nothing unreached: nothing changes.
        let before = f.blocks.clone();
        remove_unreachable(&mut h, &CodegenOptions::default()).unwrap();
        assert_eq!(h.0.blocks.len(), before.len());
    }

    #[test]
    fn single_predecessor_blocks_read_the_edge_arguments() {
        let (mut h, [a, b, _p1, _p2, q, _q2]) = sample();
        forward_params(&mut h, &CodegenOptions::default()).unwrap();
        let f = &h.0;
        verify_mir(f).unwrap();
        assert!(f.blocks[1].params.is_empty() && f.blocks[2].params.is_empty());
        assert_eq!(f.blocks[1].insts[0], T::Use(a));
        assert_eq!(
            f.blocks[0].insts[2],
            T::Br(vec![Edge::new(1, vec![]), Edge::new(2, vec![])])
        );
        // The join keeps its parameter; its incoming arguments are the forwarded values.
        assert_eq!(f.blocks[3].params, vec![q]);
        assert_eq!(f.blocks[1].insts[1], T::Br(vec![Edge::new(3, vec![a])]));
        assert_eq!(f.blocks[2].insts[0], T::Br(vec![Edge::new(3, vec![b])]));
    }

    #[test]
    fn chains_resolve_and_a_block_with_two_edges_keeps_its_parameters() {
        let (mut h, [a, ..]) = sample();
        // bb2 now jumps to a new bb4(p3) whose only edge passes bb2's parameter on.
        let p3 = h.0.new_vreg(RegClass::Int);
        let b4 = h.0.add_block("b4") as usize;
        h.0.blocks[b4].params = vec![p3];
        h.0.blocks[b4].push(T::Use(p3), SrcPos::default());
        h.0.blocks[b4].push(T::Br(vec![]), SrcPos::default());
        let p2 = h.0.blocks[2].params[0];
        h.0.blocks[2].insts[0] = T::Br(vec![Edge::new(b4 as u32, vec![p2])]);
        // bb0 → bb2 passes a, so bb4 reads a.
        h.0.blocks[0].insts[2] = T::Br(vec![Edge::new(1, vec![a]), Edge::new(2, vec![a])]);
        forward_params(&mut h, &CodegenOptions::default()).unwrap();
        verify_mir(&h.0).unwrap();
        assert_eq!(h.0.blocks[b4].insts[0], T::Use(a));
        assert!(h.0.blocks[b4].params.is_empty());
        // bb3 has one edge from bb1 and its own back edge: two, so it keeps its parameter.
        assert_eq!(h.0.blocks[3].params.len(), 1);
    }
}
