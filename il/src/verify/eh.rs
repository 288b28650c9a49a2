//! Exception-handling rules (IL-SPEC §8.5 rules 15–16), run only for functions that contain
//! EH instructions or traps.
//!
//! Rule 15 (local): `eh.entry` only first in a block; handler blocks take exactly
//! `(%err: Error, %tok: ResumeTok)`; `eh.push` targets a handler; `err.get_*` and `resume.*` only
//! in handlers; a `resume.*` token is its own block's `%tok`.
//! Rule 16 (paths): explores (block, handler stack, entered-by-trap) states from the entry along
//! normal edges, plus an edge from every block ending in `trap`/`trap.from_err` to the top
//! handler (stack unchanged). `eh.pop` on an empty stack, `ret` with a non-empty stack, and
//! `resume.*` not reached through a trap edge are errors; `resume.*` pops the top handler.
//! Invariant: exploration is bounded (state budget and stack depth), so it always terminates.

use super::FnCx;
use crate::parse::cursor::FxSet;
use crate::{Opcode, Operand, Type};

const MAX_STATES: usize = 20_000;
const MAX_DEPTH: usize = 64;

fn is_handler(b: &crate::Block) -> bool {
    b.insts.first().is_some_and(|i| i.op == Opcode::EhEntry)
}

pub(crate) fn check(cx: &mut FnCx<'_, '_>) {
    use Opcode::*;
    let f = cx.f;
    let relevant = f.blocks.iter().flat_map(|b| &b.insts).any(|i| {
        matches!(
            i.op,
            EhPush
                | EhPop
                | EhEntry
                | Trap
                | TrapFromErr
                | ErrGetKind
                | ErrGetCode
                | ErrGetLine
                | ErrGetIp
                | ResumeSame
                | ResumeNext
                | ResumeLabel
        )
    });
    if !relevant {
        return;
    }
    local_rules(cx);
    balance(cx);
}

fn local_rules(cx: &mut FnCx<'_, '_>) {
    use Opcode::*;
    let f = cx.f;
    for b in &f.blocks {
        let handler = is_handler(b);
        if handler {
            let ok = b.params.len() == 2 && {
                let (e, t) = (f.value(b.params[0]), f.value(b.params[1]));
                &*e.name == "err"
                    && e.ty == Type::Error
                    && &*t.name == "tok"
                    && t.ty == Type::ResumeTok
            };
            if !ok {
                let msg = format!(
                    "handler block '{}' must have parameters (%err: Error, %tok: ResumeTok)",
                    b.label
                );
                cx.err(b.span, msg);
            }
        }
        for (i, inst) in b.insts.iter().enumerate() {
            match inst.op {
                EhEntry if i > 0 => cx.err(
                    inst.span,
                    "eh.entry must be the first instruction of a handler block",
                ),
                EhPush => {
                    let Some(tb) = inst.targets.first().map(|t| &f.blocks[t.block.index()]) else {
                        continue;
                    };
                    if !is_handler(tb) {
                        let msg = format!(
                            "eh.push target ^{} is not a handler block (first instruction must be eh.entry)",
                            tb.label
                        );
                        cx.err(inst.span, msg);
                    }
                }
                ErrGetKind | ErrGetCode | ErrGetLine | ErrGetIp if !handler => {
                    let msg = format!("{} is only allowed in handler blocks", inst.op.mnemonic());
                    cx.err(inst.span, msg);
                }
                ResumeSame | ResumeNext | ResumeLabel => {
                    if !handler {
                        let msg =
                            format!("{} is only allowed in handler blocks", inst.op.mnemonic());
                        cx.err(inst.span, msg);
                    } else if inst.operands.first().and_then(Operand::as_value)
                        != b.params.get(1).copied()
                    {
                        let msg = format!(
                            "{} operand must be the handler's own %tok parameter",
                            inst.op.mnemonic()
                        );
                        cx.err(inst.span, msg);
                    }
                }
                _ => {}
            }
        }
    }
}

fn balance(cx: &mut FnCx<'_, '_>) {
    use Opcode::*;
    let f = cx.f;
    // Without `eh.push` the handler stack is always empty and no trap edge exists, so the only
    // state of a block is (block, [], false): a visited bitmap replaces the state set.
    let no_push = !f
        .blocks
        .iter()
        .flat_map(|b| &b.insts)
        .any(|i| i.op == EhPush);
    let mut visited = vec![false; if no_push { f.blocks.len() } else { 0 }];
    let mut seen: FxSet<(u32, Vec<u32>, bool)> = FxSet::default();
    let mut work: Vec<(u32, Vec<u32>, bool)> = vec![(0, Vec::new(), false)];
    let mut next: Vec<(u32, Vec<u32>, bool)> = Vec::new();
    while let Some(state) = work.pop() {
        let fresh = match visited.get_mut(state.0 as usize) {
            Some(v) => !std::mem::replace(v, true),
            None => seen.len() < MAX_STATES && seen.insert(state.clone()),
        };
        if !fresh {
            continue;
        }
        let (bi, mut stack, via_trap) = state;
        let b = &f.blocks[bi as usize];
        for inst in &b.insts {
            match inst.op {
                EhPush => {
                    if let Some(t) = inst.targets.first() {
                        stack.push(t.block.0);
                    }
                }
                EhPop => {
                    let popped = stack.pop();
                    if popped.is_none() {
                        cx.err(inst.span, "eh.pop without matching eh.push");
                    }
                }
                Ret if !stack.is_empty() => {
                    let msg = format!("unmatched eh.push depth {} at ret", stack.len());
                    cx.err(inst.span, msg);
                }
                Trap | TrapFromErr => {
                    if let Some(&h) = stack.last() {
                        next.push((h, stack.clone(), true));
                    }
                }
                ResumeSame | ResumeNext | ResumeLabel => {
                    if !via_trap {
                        let msg = format!(
                            "{} in a handler that is not reached through a trap",
                            inst.op.mnemonic()
                        );
                        cx.err(inst.span, msg);
                    }
                    stack.pop();
                    if let (ResumeLabel, Some(t)) = (inst.op, inst.targets.first()) {
                        next.push((t.block.0, stack.clone(), false));
                    }
                }
                Br | Cbr | SwitchI32 => {
                    for t in &inst.targets {
                        next.push((t.block.0, stack.clone(), false));
                    }
                }
                _ => {}
            }
            if stack.len() > MAX_DEPTH {
                cx.err(
                    inst.span,
                    "handler stack too deep (unbounded eh.push in a loop?)",
                );
                next.clear();
                break;
            }
        }
        work.append(&mut next);
    }
}
