//! Target-independent analyses over [`MirFunction`]: successors, use counts, loop membership, and
//! renaming of register uses. Passes of every target build on these instead of re-deriving them.
//!
//! Invariants: results are indexed by block number or virtual-register number of the function
//! they were computed on; they are not updated when the function changes.

use crate::mir::{MachInst, MirFunction, Reg, RegRole};
use il::hash::FxMap;

/// Successor blocks of block `b` (the edges of its terminator, with multiplicity, in order).
pub fn successors<I: MachInst>(f: &MirFunction<I>, b: usize) -> Vec<usize> {
    f.blocks[b]
        .insts
        .last()
        .map(|t| t.edges().iter().map(|e| e.block as usize).collect())
        .unwrap_or_default()
}

/// Number of reads of every virtual register (operands and edge arguments).
pub fn use_counts<I: MachInst>(f: &mut MirFunction<I>) -> Vec<u32> {
    let mut n = vec![0u32; f.vreg_classes.len()];
    let mut count = |r: &Reg| {
        if let Reg::Virt(v) = r {
            if let Some(c) = n.get_mut(v.vreg()) {
                *c += 1;
            }
        }
    };
    for b in &mut f.blocks {
        for i in &mut b.insts {
            i.visit_regs(&mut |r, role| {
                if matches!(role, RegRole::Use | RegRole::FixedUse(_)) {
                    count(r);
                }
            });
            for e in i.edges() {
                e.args.iter().for_each(&mut count);
            }
        }
    }
    n
}

/// Replace every use (operands read and edge arguments) of a register in `map` by its image.
pub fn rename_uses<I: MachInst>(f: &mut MirFunction<I>, map: &FxMap<Reg, Reg>) {
    if map.is_empty() {
        return;
    }
    for b in &mut f.blocks {
        for i in &mut b.insts {
            visit_uses(i, &mut |r| {
                if let Some(n) = map.get(r) {
                    *r = *n;
                }
            });
        }
    }
}

/// Every register `i` reads: its `Use`/`FixedUse` operands, then its edge arguments (read at
/// the end of the block), in that order.
pub fn visit_uses<I: MachInst>(i: &mut I, f: &mut dyn FnMut(&mut Reg)) {
    i.visit_regs(&mut |r, role| {
        if matches!(role, RegRole::Use | RegRole::FixedUse(_)) {
            f(r);
        }
    });
    for e in i.edges_mut() {
        for a in &mut e.args {
            f(a);
        }
    }
}

/// Blocks that lie on a CFG cycle (bodies of the natural loops of DFS back edges).
pub fn loop_blocks<I: MachInst>(f: &MirFunction<I>) -> Vec<bool> {
    let n = f.blocks.len();
    let preds = crate::cfg::predecessors(f);
    // Iterative DFS: 0 = unvisited, 1 = on the stack, 2 = done.
    let mut state = vec![0u8; n];
    let mut back = Vec::new();
    let mut stack: Vec<(usize, Vec<usize>, usize)> = Vec::new();
    if n > 0 {
        state[0] = 1;
        stack.push((0, successors(f, 0), 0));
    }
    while let Some((b, ss, k)) = stack.last_mut() {
        if let Some(&s) = ss.get(*k) {
            *k += 1;
            let from = *b;
            if s < n {
                match state[s] {
                    0 => {
                        state[s] = 1;
                        let next = successors(f, s);
                        stack.push((s, next, 0));
                    }
                    1 => back.push((from, s)),
                    _ => {}
                }
            }
        } else {
            state[*b] = 2;
            stack.pop();
        }
    }
    let mut in_loop = vec![false; n];
    for (tail, head) in back {
        in_loop[head] = true;
        let mut work = vec![tail];
        while let Some(b) = work.pop() {
            if in_loop[b] && b != tail {
                continue;
            }
            in_loop[b] = true;
            if b == head {
                continue;
            }
            for &p in preds.get(b).map(|v| v.as_slice()).unwrap_or(&[]) {
                if !in_loop[p as usize] {
                    work.push(p as usize);
                }
            }
        }
    }
    in_loop
}
