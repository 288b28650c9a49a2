//! CFG utilities over [`MirFunction`]: predecessor lists and critical-edge splitting.
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

/// Split every critical edge by inserting a block that only jumps (with the edge's arguments).
/// New blocks are appended in a deterministic order. Returns the number of edges split.
pub fn split_critical_edges<I: MachInst>(f: &mut MirFunction<I>) -> usize {
    let preds = predecessors(f);
    let mut split = 0;
    for b in 0..f.blocks.len() {
        let n_edges = f.blocks[b].insts.last().map_or(0, |t| t.edges().len());
        if n_edges < 2 {
            continue;
        }
        for k in 0..n_edges {
            let target = match f.blocks[b].insts.last() {
                Some(t) => t.edges()[k].block as usize,
                None => continue,
            };
            if preds.get(target).map_or(0, |p| p.len()) < 2 {
                continue;
            }
            let name = format!("{}.e{}", f.blocks[b].name, k);
            let new_block = f.add_block(name);
            if let Some(term) = f.blocks[b].insts.last_mut() {
                let edge = &mut term.edges_mut()[k];
                let args = std::mem::take(&mut edge.args);
                edge.block = new_block;
                let pos = f.blocks[b].last_pos();
                f.blocks[new_block as usize].push(I::jump(Edge::new(target as u32, args)), pos);
            }
            split += 1;
        }
    }
    split
}

/// Remove blocks not reachable from the entry (block 0), renumbering edges. Returns how many
/// blocks were removed. (regalloc2 requires every block to be reachable.)
pub fn remove_unreachable_blocks<I: MachInst>(f: &mut MirFunction<I>) -> usize {
    let n = f.blocks.len();
    if n == 0 {
        return 0;
    }
    let mut seen = vec![false; n];
    let mut stack = vec![0usize];
    seen[0] = true;
    while let Some(b) = stack.pop() {
        if let Some(t) = f.blocks[b].insts.last() {
            for e in t.edges() {
                let s = e.block as usize;
                if s < n && !seen[s] {
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
        return 0;
    }
    let old = std::mem::take(&mut f.blocks);
    for (b, mut block) in old.into_iter().enumerate() {
        if !seen[b] {
            continue;
        }
        if let Some(t) = block.insts.last_mut() {
            for e in t.edges_mut() {
                e.block = remap.get(e.block as usize).copied().unwrap_or(u32::MAX);
            }
        }
        f.blocks.push(block);
    }
    removed
}
