//! CFG utilities over [`MirFunction`]: predecessor lists and counts, critical-edge splitting
//! (each edge block placed right after the block whose edge it splits).
//!
//! Invariant after [`split_critical_edges`]: no edge leaves a block with several outgoing edges
//! and enters a block with several incoming edges (edges are counted with multiplicity, so a
//! conditional branch whose two arms go to the same block is split too). This is what regalloc2
//! requires to place edge moves.

use crate::mir::{Edge, MachInst, MirFunction};

/// Predecessors of every block (with multiplicity, in block order).
pub fn predecessors<I: MachInst>(f: &MirFunction<I>) -> Vec<Vec<u32>> {
    let mut preds = vec![Vec::new(); f.blocks.len()];
    for (b, block) in f.blocks.iter().enumerate() {
        if let Some(term) = block.insts.last() {
            for e in term.edges() {
                if let Some(p) = preds.get_mut(e.block as usize) {
                    p.push(b as u32);
                }
            }
        }
    }
    preds
}

/// The number of incoming edges of every block (with multiplicity).
pub fn predecessor_counts<I: MachInst>(f: &MirFunction<I>) -> Vec<u32> {
    let mut count = vec![0u32; f.blocks.len()];
    for block in &f.blocks {
        if let Some(term) = block.insts.last() {
            for e in term.edges() {
                if let Some(c) = count.get_mut(e.block as usize) {
                    *c += 1;
                }
            }
        }
    }
    count
}

/// Split every critical edge by inserting a block that only jumps (with the edge's arguments).
/// New blocks are appended in a deterministic order. Returns the number of edges split.
pub fn split_critical_edges<I: MachInst>(f: &mut MirFunction<I>) -> usize {
    let preds = predecessor_counts(f);
    let n = f.blocks.len();
    // (block, edge index) of every critical edge, in block and edge order.
    let mut critical: Vec<(usize, usize)> = Vec::new();
    for (b, block) in f.blocks.iter().enumerate() {
        let edges = block.insts.last().map_or(&[][..], |t| t.edges());
        if edges.len() < 2 {
            continue;
        }
        for (k, e) in edges.iter().enumerate() {
            if preds.get(e.block as usize).map_or(0, |&p| p) >= 2 {
                critical.push((b, k));
            }
        }
    }
    // The block list grows once, to its final length.
    f.blocks.reserve_exact(critical.len());
    for &(b, k) in &critical {
        let name = format!("{}.e{}", f.blocks[b].name, k);
        let new_block = f.add_block(name);
        let pos = f.blocks[b].last_pos();
        if let Some(term) = f.blocks[b].insts.last_mut() {
            let edge = &mut term.edges_mut()[k];
            let args = std::mem::take(&mut edge.args);
            let target = std::mem::replace(&mut edge.block, new_block);
            let block = &mut f.blocks[new_block as usize];
            block.reserve_exact(1);
            block.push(I::jump(Edge::new(target, args)), pos);
        }
    }
    place_after_predecessors(f, n, &critical);
    critical.len()
}

/// Move the blocks `split_critical_edges` appended (one per entry of `critical`, in order, from
/// index `n` on) right after the block whose edge each one splits, and renumber the edges. The
/// block order is the allocators' linear order: an edge block at the end of the function would
/// stretch every value it reads across everything in between (a 50k-block loop whose blocks all
/// branch back to its header spilled every value, each to its own slot: an 800 KB frame).
fn place_after_predecessors<I: MachInst>(
    f: &mut MirFunction<I>,
    n: usize,
    critical: &[(usize, usize)],
) {
    if critical.is_empty() {
        return;
    }
    // New index of every block: each original block followed by its edge blocks (the edge
    // block of critical[c] is block n + c).
    let mut remap = vec![0u32; f.blocks.len()];
    let mut next = 0u32;
    let mut c = 0;
    for b in 0..n {
        remap[b] = next;
        next += 1;
        while c < critical.len() && critical[c].0 == b {
            remap[n + c] = next;
            next += 1;
            c += 1;
        }
    }
    for block in f.blocks.iter_mut() {
        if let Some(t) = block.insts.last_mut() {
            for e in t.edges_mut() {
                e.block = remap[e.block as usize];
            }
        }
    }
    // Permute in place, one swap per block put in its place (no second block vector: a
    // 200k-block function's blocks are ~20 MB).
    for i in 0..remap.len() {
        while remap[i] as usize != i {
            let j = remap[i] as usize;
            f.blocks.swap(i, j);
            remap.swap(i, j);
        }
    }
}

/// Remove blocks not reachable from the entry (block 0) along the edges of any instruction (a
/// block's terminator before allocation; after it, a block may branch from the middle), keeping
/// the others in order under new numbers. Returns how many blocks were removed, or the first edge
/// to a block that does not exist. (regalloc2 requires every block to be reachable.) Linear in
/// blocks and edges.
pub fn remove_unreachable_blocks<I: MachInst>(f: &mut MirFunction<I>) -> Result<usize, String> {
    let n = f.blocks.len();
    if n == 0 {
        return Ok(0);
    }
    let mut seen = vec![false; n];
    let mut stack = vec![0usize];
    seen[0] = true;
    while let Some(b) = stack.pop() {
        for i in &f.blocks[b].insts {
            for e in i.edges() {
                let s = e.block as usize;
                if s >= n {
                    return Err(format!("{}: edge to block {s} of {n}", f.name));
                }
                if !seen[s] {
                    seen[s] = true;
                    stack.push(s);
                }
            }
        }
    }
    let mut remap = vec![u32::MAX; n];
    let mut next = 0u32;
    for (b, &s) in seen.iter().enumerate() {
        if s {
            remap[b] = next;
            next += 1;
        }
    }
    let removed = n - next as usize;
    if removed == 0 {
        return Ok(0);
    }
    let old = std::mem::take(&mut f.blocks);
    for (b, mut block) in old.into_iter().enumerate() {
        if !seen[b] {
            continue;
        }
        // Reached blocks only have edges to reached blocks.
        for i in &mut block.insts {
            for e in i.edges_mut() {
                e.block = remap[e.block as usize];
            }
        }
        f.blocks.push(block);
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mir::{Loc, Reg, RegRole, SrcPos};
    use regalloc2::RegClass;
    use std::fmt;

    /// A terminator with any number of edges (none: a return).
    #[derive(Clone, Debug, PartialEq)]
    struct J(Vec<Edge>);
    impl fmt::Display for J {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{self:?}")
        }
    }
    impl MachInst for J {
        fn visit_regs(&mut self, _f: &mut dyn FnMut(&mut Reg, RegRole)) {}
        fn is_term(&self) -> bool {
            true
        }
        fn edges(&self) -> &[Edge] {
            &self.0
        }
        fn edges_mut(&mut self) -> &mut [Edge] {
            &mut self.0
        }
        fn jump(edge: Edge) -> Self {
            J(vec![edge])
        }
        fn gen_move(_dst: Loc, _src: Loc, _class: RegClass) -> Self {
            J(Vec::new())
        }
        fn is_pure(&self) -> bool {
            false
        }
        fn is_call(&self) -> bool {
            false
        }
        fn is_jump(&self) -> bool {
            self.0.len() == 1
        }
    }

    #[test]
    fn only_edges_from_a_branch_into_a_join_are_split() {
        // bb0 -> bb1, bb2 (with an argument); bb1 -> bb2; bb2 returns. Only bb0 -> bb2 is critical.
        let mut f: MirFunction<J> = MirFunction::new("f");
        let arg = f.new_vreg(RegClass::Int);
        for name in ["a", "b", "c"] {
            f.add_block(name);
        }
        let at = SrcPos::il_line(7);
        f.blocks[0].push(J(vec![Edge::new(1, vec![]), Edge::new(2, vec![arg])]), at);
        f.blocks[1].push(J(vec![Edge::new(2, vec![arg])]), at);
        f.blocks[2].push(J(vec![]), at);
        assert_eq!(predecessor_counts(&f), vec![0, 1, 2]);
        assert_eq!(split_critical_edges(&mut f), 1);
        // The edge block comes right after the block it leaves; later blocks move down one.
        let names: Vec<&str> = f.blocks.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(names, ["a", "a.e1", "b", "c"]);
        assert_eq!(f.blocks[1].insts, vec![J(vec![Edge::new(3, vec![arg])])]);
        assert_eq!(f.blocks[1].pos, vec![at]);
        assert_eq!(
            f.blocks[0].insts[0].0,
            vec![Edge::new(2, vec![]), Edge::new(1, vec![])]
        );
        assert_eq!(f.blocks[2].insts[0].0, vec![Edge::new(3, vec![arg])]);
        assert_eq!(predecessor_counts(&f), vec![0, 1, 1, 2]);
        assert_eq!(split_critical_edges(&mut f), 0);
    }
}
