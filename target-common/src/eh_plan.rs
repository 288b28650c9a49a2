//! The IL-level plan of a function's structured error handling for native code (docs/eh.md),
//! shared by every target that implements the same model: landing pads restore only sp and the
//! frame pointer and continue at a block start, so an IL value needed after a landing lives in a
//! frame slot.
//!
//! Invariants: `handlers` lists the distinct `eh.push` handler blocks in first-push order and
//! `handler_index` inverts it; `slot_of[v]` is `Some` exactly for the values kept in memory —
//! all of them when the function uses `resume.same`/`resume.next` (`split`), else those used
//! outside their defining block; slots are numbered densely in value order.

use il::{Function, Inst, Opcode, Operand, ValueId};
use std::collections::BTreeMap;

/// What a target needs to know to lower the EH of one function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EhPlan {
    /// Number of `eh.push` instructions.
    pub pushes: u32,
    /// Handler blocks (IL block indices), in first-push order.
    pub handlers: Vec<usize>,
    /// IL block index → position in `handlers`.
    pub handler_index: BTreeMap<usize, u32>,
    /// The function resumes at sites (`resume.same`/`resume.next`): blocks split at sites.
    pub split: bool,
    /// `resume.next` is used: skipped results read as their previous value (0 at entry).
    pub zero_values: bool,
    /// Frame slot of each value kept in memory.
    pub slot_of: Vec<Option<u32>>,
    /// Number of value slots.
    pub slots: u32,
}

fn operand_values(inst: &Inst) -> impl Iterator<Item = ValueId> + '_ {
    inst.operands
        .iter()
        .chain(inst.targets.iter().flat_map(|t| t.args.iter()))
        .filter_map(Operand::as_value)
}

impl EhPlan {
    /// The plan of `f`; `None` if it has no `eh.push`.
    pub fn of(f: &Function) -> Option<EhPlan> {
        let insts = || f.blocks.iter().flat_map(|b| b.insts.iter());
        let pushes = insts().filter(|i| i.op == Opcode::EhPush).count() as u32;
        if pushes == 0 {
            return None;
        }
        let mut handlers = Vec::new();
        let mut handler_index = BTreeMap::new();
        for i in insts().filter(|i| i.op == Opcode::EhPush) {
            if let Some(t) = i.targets.first() {
                let b = t.block.index();
                if b < f.blocks.len() && !handler_index.contains_key(&b) {
                    handler_index.insert(b, handlers.len() as u32);
                    handlers.push(b);
                }
            }
        }
        let split = insts().any(|i| matches!(i.op, Opcode::ResumeSame | Opcode::ResumeNext));
        let zero_values = insts().any(|i| i.op == Opcode::ResumeNext);
        // Defining block of every value; then mark values that must live in memory.
        let n = f.values.len();
        let mut def_block = vec![usize::MAX; n];
        for (bi, b) in f.blocks.iter().enumerate() {
            for p in &b.params {
                if let Some(d) = def_block.get_mut(p.index()) {
                    *d = bi;
                }
            }
            for i in &b.insts {
                if let Some(d) = i.result.and_then(|r| def_block.get_mut(r.index())) {
                    *d = bi;
                }
            }
        }
        let mut in_memory = vec![split; n];
        for (bi, b) in f.blocks.iter().enumerate() {
            for i in &b.insts {
                for v in operand_values(i) {
                    if def_block.get(v.index()).is_some_and(|&d| d != bi) {
                        in_memory[v.index()] = true;
                    }
                }
            }
        }
        let mut slot_of = vec![None; n];
        let mut slots = 0u32;
        for (k, m) in in_memory.iter().enumerate() {
            if *m && def_block[k] != usize::MAX {
                slot_of[k] = Some(slots);
                slots += 1;
            }
        }
        Some(EhPlan {
            pushes,
            handlers,
            handler_index,
            split,
            zero_values,
            slot_of,
            slots,
        })
    }
}
