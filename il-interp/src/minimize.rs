//! Test-case minimisation: shrink a module while a caller-supplied predicate ("still shows the
//! bug") holds and the module still passes `il::verify`.
//!
//! Reductions, repeated until none applies or the evaluation budget is spent: drop whole
//! functions (other than `@main`), turn `cbr`/`switch.i32` into a `br` to one of their targets,
//! drop blocks that became unreachable (renumbering branch targets), and delete runs of
//! non-terminator instructions (halving the run length down to single instructions).
//!
//! Invariants: every module handed to the predicate verifies; the result is the last module the
//! predicate accepted (the input if none was); the predicate is called at most `budget` times.

use il::{BlockId, Inst, Module, Opcode};

struct Shrinker<'p> {
    best: Module,
    budget: usize,
    pred: &'p mut dyn FnMut(&Module) -> bool,
}

impl Shrinker<'_> {
    /// Accept `cand` if it verifies and the predicate holds.
    fn try_accept(&mut self, cand: Module) -> bool {
        if self.budget == 0 || il::verify(&cand).is_err() {
            return false;
        }
        self.budget -= 1;
        if (self.pred)(&cand) {
            self.best = cand;
            true
        } else {
            false
        }
    }
}

/// Shrink `m` while `pred` holds; at most `budget` predicate calls.
pub fn minimize(m: &Module, budget: usize, pred: &mut dyn FnMut(&Module) -> bool) -> Module {
    let mut s = Shrinker {
        best: m.clone(),
        budget,
        pred,
    };
    loop {
        let mut progress = false;
        progress |= drop_functions(&mut s);
        progress |= simplify_branches(&mut s);
        progress |= drop_instructions(&mut s);
        if !progress || s.budget == 0 {
            return s.best;
        }
    }
}

fn drop_functions(s: &mut Shrinker) -> bool {
    let mut progress = false;
    let mut i = s.best.functions.len();
    while i > 0 {
        i -= 1;
        if s.best.sym_name(s.best.functions[i].name) == "main" {
            continue;
        }
        let mut cand = s.best.clone();
        cand.functions.remove(i);
        progress |= s.try_accept(cand);
    }
    progress
}

fn simplify_branches(s: &mut Shrinker) -> bool {
    let mut progress = false;
    for fi in 0..s.best.functions.len() {
        let mut bi = 0;
        while bi < s.best.functions.get(fi).map_or(0, |f| f.blocks.len()) {
            let Some(term) = s.best.functions[fi].blocks[bi].insts.last().cloned() else {
                bi += 1;
                continue;
            };
            if matches!(term.op, Opcode::Cbr | Opcode::SwitchI32) {
                for t in 0..term.targets.len() {
                    let mut br = Inst::new(Opcode::Br, term.span);
                    br.targets = il::thin_vec![term.targets[t].clone()];
                    br.loc = term.loc;
                    let mut cand = s.best.clone();
                    let f = &mut cand.functions[fi];
                    if let Some(last) = f.blocks[bi].insts.last_mut() {
                        *last = br;
                    }
                    remove_unreachable(f);
                    if s.try_accept(cand) {
                        progress = true;
                        break;
                    }
                }
            }
            bi += 1;
        }
    }
    progress
}

/// Remove blocks unreachable from the entry (following branches and `eh.push` handlers).
fn remove_unreachable(f: &mut il::Function) {
    let n = f.blocks.len();
    let mut seen = vec![false; n];
    let mut work = vec![0usize];
    while let Some(b) = work.pop() {
        if b >= n || seen[b] {
            continue;
        }
        seen[b] = true;
        for inst in &f.blocks[b].insts {
            work.extend(inst.targets.iter().map(|t| t.block.index()));
        }
    }
    let mut map = vec![u32::MAX; n];
    let mut next = 0u32;
    for (i, s) in seen.iter().enumerate() {
        if *s {
            map[i] = next;
            next += 1;
        }
    }
    let mut i = 0;
    f.blocks.retain(|_| {
        i += 1;
        seen[i - 1]
    });
    for b in &mut f.blocks {
        for inst in &mut b.insts {
            for t in &mut inst.targets {
                t.block = BlockId(map.get(t.block.index()).copied().unwrap_or(u32::MAX));
            }
        }
    }
}

fn drop_instructions(s: &mut Shrinker) -> bool {
    let mut progress = false;
    for fi in 0..s.best.functions.len() {
        for bi in 0..s.best.functions[fi].blocks.len() {
            let len = |s: &Shrinker| {
                s.best.functions[fi].blocks[bi]
                    .insts
                    .len()
                    .saturating_sub(1)
            };
            let mut chunk = len(s).div_ceil(2).max(1);
            loop {
                let mut start = 0;
                while start < len(s) {
                    let end = (start + chunk).min(len(s));
                    let mut cand = s.best.clone();
                    let insts = &mut cand.functions[fi].blocks[bi].insts;
                    if insts[start..end].iter().any(|i| i.op == Opcode::EhEntry) {
                        start = end;
                        continue;
                    }
                    insts.drain(start..end);
                    if s.try_accept(cand) {
                        progress = true;
                    } else {
                        start = end;
                    }
                    if s.budget == 0 {
                        return progress;
                    }
                }
                if chunk == 1 {
                    break;
                }
                chunk = chunk.div_ceil(2);
            }
        }
    }
    progress
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrinks_to_the_interesting_instruction() {
        let src = "il 0.2.0\nextern @Viper.Terminal.SayInt(i64) -> void\n\
func @g(i64 %x) -> i64 {\nentry(%x: i64):\n  ret %x\n}\n\
func @main() -> i64 {\nentry:\n  %a = iadd.ovf 1, 2\n  call @Viper.Terminal.SayInt(%a)\n  %c = scmp_lt %a, 9\n  cbr %c, l, r\nl:\n  %b = imul.ovf 6, 7\n  call @Viper.Terminal.SayInt(%b)\n  br r\nr:\n  %d = call @g(5)\n  call @Viper.Terminal.SayInt(%d)\n  ret 0\n}\n";
        let m = il::parse(src, "t.il").unwrap();
        // "Bug": the program prints 42.
        let mut pred = |m: &Module| {
            crate::run(m).is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("42"))
        };
        let small = minimize(&m, 500, &mut pred);
        let text = il::print(&small);
        assert!(pred(&small));
        assert!(!text.contains("@g"), "{text}");
        assert!(!text.contains("cbr"), "{text}");
        assert_eq!(
            text.matches("call @Viper.Terminal.SayInt(").count(),
            1,
            "{text}"
        );
    }
}
