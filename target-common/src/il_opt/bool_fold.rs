//! `bool-fold` (IL, -O1): a truth value taken back from its integer form is the truth value
//! itself. `trunc1 (zext1 c)` and `trunc1 (isub.ovf 0, zext1 c)` are `c`: the
//! BASIC front end turns every condition into its `-1`/`0` integer and narrows it back for the
//! branch, which costs a compare, two sets and a subtraction per condition when lowered as
//! written. Every use of such a `trunc1` (operands and branch arguments) reads `c` instead.
//!
//! Invariants:
//! - Only uses change; no instruction moves or goes. The `zext1`, the subtraction (which cannot
//!   trap: 0 − 0 and 0 − 1 do not overflow) and the `trunc1` stay, and lowering's dead-code
//!   removal drops them once unused.
//! - `c` is a constant or an instruction result, never a block parameter: a parameter may only be
//!   used in its own block (IL-SPEC), and the uses of the `trunc1` may be elsewhere. An
//!   instruction result dominates the `zext1` that reads it, hence the `trunc1` and its uses.
//! - Chains (`c` itself such a `trunc1`) resolve to the first value, each chain walked once
//!   ([`resolve_chains`]). One walk over each function to find the folds and one to rewrite
//!   uses: linear.

use codegen_api::{CodegenError, CodegenOptions};
use il::{Function, Module, Opcode, Operand};
use rayon::prelude::*;
use std::borrow::Cow;

/// The pass entry point: the module with the folds applied (a borrowed one copied first), or
/// the module as it came when nothing folds.
pub fn run<'m>(
    m: Cow<'m, Module>,
    _options: &CodegenOptions,
) -> Result<Cow<'m, Module>, CodegenError> {
    if !m.functions.par_iter().any(|f| !folds(f).is_empty()) {
        return Ok(m);
    }
    let mut out = match m {
        Cow::Owned(m) => m,
        Cow::Borrowed(m) => m.clone_in_parallel(),
    };
    out.functions.par_iter_mut().for_each(|f| {
        let mut fold = folds(f);
        if !fold.is_empty() {
            rewrite(f, &mut fold);
        }
    });
    Ok(Cow::Owned(out))
}

/// For each value (by index), the operand its uses read instead, if it is a foldable `trunc1`.
/// Empty when nothing folds.
fn folds(f: &Function) -> Vec<Option<Operand>> {
    // Nothing is allocated for a function without a `trunc1` (a huge function's table would
    // be allocated while the whole module is in memory).
    if !f
        .blocks
        .iter()
        .any(|b| b.insts.iter().any(|i| i.op == Opcode::Trunc1))
    {
        return Vec::new();
    }
    // The instruction defining each value (block, index); `None` for parameters.
    let mut def: Vec<Option<(u32, u32)>> = vec![None; f.values.len()];
    for (bi, b) in f.blocks.iter().enumerate() {
        for (ii, i) in b.insts.iter().enumerate() {
            if let Some(r) = i.result {
                if let Some(d) = def.get_mut(r.index()) {
                    *d = Some((bi as u32, ii as u32));
                }
            }
        }
    }
    let inst_of = |op: &Operand| match op {
        Operand::Value(v) => def
            .get(v.index())
            .copied()
            .flatten()
            .map(|(b, i)| &f.blocks[b as usize].insts[i as usize]),
        _ => None,
    };
    // `c` of `zext1 c`, when `c` is a constant or an instruction result.
    let zext_source = |op: &Operand| -> Option<Operand> {
        let z = inst_of(op)?;
        if z.op != Opcode::Zext1 {
            return None;
        }
        let c = z.operands.first()?;
        match c {
            Operand::Value(_) => inst_of(c).map(|_| c.clone()),
            Operand::Bool(_) | Operand::Int(_) => Some(c.clone()),
            _ => None,
        }
    };
    let mut fold: Vec<Option<Operand>> = Vec::new();
    for b in &f.blocks {
        for i in &b.insts {
            let (Opcode::Trunc1, Some(r), Some(x)) = (i.op, i.result, i.operands.first()) else {
                continue;
            };
            let c = zext_source(x).or_else(|| {
                let s = inst_of(x)?;
                let negation =
                    s.op == Opcode::ISubOvf && matches!(s.operands.first(), Some(Operand::Int(0)));
                if negation {
                    zext_source(s.operands.get(1)?)
                } else {
                    None
                }
            });
            if let Some(c) = c {
                if fold.is_empty() {
                    fold = vec![None; f.values.len()];
                }
                fold[r.index()] = Some(c);
            }
        }
    }
    fold
}

/// Every fold's operand replaced by the end of its chain, the first value that is not itself a
/// folded `trunc1`. Each chain is walked once: every value on a walked path gets its end, so a
/// later walk that reaches it stops there (per use, a chain of n folds cost n steps: n² in all).
fn resolve_chains(fold: &mut [Option<Operand>]) {
    let mut path: Vec<usize> = Vec::new();
    for start in 0..fold.len() {
        path.clear();
        let mut v = start;
        // A chain is at most as long as the number of folds (SSA: no cycle).
        while let Some(Operand::Value(n)) = &fold[v] {
            let n = n.index();
            if fold.get(n).is_none_or(|x| x.is_none()) || path.len() >= fold.len() {
                break;
            }
            path.push(v);
            v = n;
        }
        let end = fold[v].clone();
        for &p in &path {
            fold[p] = end.clone();
        }
    }
}

fn rewrite(f: &mut Function, fold: &mut [Option<Operand>]) {
    resolve_chains(fold);
    let fix = |op: &mut Operand| {
        if let Operand::Value(v) = op {
            if let Some(Some(n)) = fold.get(v.index()) {
                *op = n.clone();
            }
        }
    };
    for b in &mut f.blocks {
        for i in &mut b.insts {
            i.operands.iter_mut().for_each(fix);
            for t in i.targets.iter_mut() {
                t.args.iter_mut().for_each(fix);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module(text: &str) -> Module {
        let m = il::parse(text, "bool_fold.il").unwrap_or_else(|e| panic!("{e:?}"));
        il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
        m
    }

    fn folded(text: &str) -> String {
        let m = module(text);
        let out = run(Cow::Borrowed(&m), &CodegenOptions::default()).unwrap();
        il::verify(&out).unwrap_or_else(|e| panic!("{e:?}"));
        il::print(&out)
    }

    const BASIC: &str = "il 0.2.0
func @f(i64 %x) -> i64 {
entry(%x: i64):
  %c = scmp_lt %x, 0
  %z = zext1 %c
  %n = isub.ovf 0, %z
  %t = trunc1 %n
  %u = trunc1 %z
  %w = zext1 %t
  %s = isub.ovf 0, %w
  %v = trunc1 %s
  cbr %t, yes(%u), no(%v)
yes(%a: i1):
  ret 1
no(%b: i1):
  ret 0
}
";

    #[test]
    fn narrowed_truth_values_are_read_directly() {
        let out = folded(BASIC);
        assert!(out.contains("cbr %c, yes(%c), no(%c)"), "{out}");
        // Only uses changed: every instruction is still there.
        for inst in [
            "%t = trunc1 %n",
            "%u = trunc1 %z",
            "%w = zext1 %c",
            "%v = trunc1 %s",
        ] {
            assert!(out.contains(inst), "{inst} missing:\n{out}");
        }
    }

    #[test]
    fn parameters_and_other_integers_are_left_alone() {
        let text = "il 0.2.0
func @f(i64 %x, i1 %p) -> i64 {
entry(%x: i64, %p: i1):
  %z = zext1 %p
  %t = trunc1 %z
  %m = isub.ovf 1, %z
  %k = trunc1 %m
  %y = iadd.ovf %x, 0
  %q = trunc1 %y
  %s1 = zext1 %t
  %s2 = zext1 %k
  %s3 = zext1 %q
  %a = iadd.ovf %s1, %s2
  %b = iadd.ovf %a, %s3
  ret %b
}
";
        let m = module(text);
        let out = run(Cow::Borrowed(&m), &CodegenOptions::default()).unwrap();
        assert!(
            matches!(out, Cow::Borrowed(_)),
            "nothing folds, nothing is copied"
        );
    }

    /// A chain of 2000 folds (each `trunc1` reads the `zext1` of the one before, every third
    /// through a negation): every use reads the chain's first value.
    #[test]
    fn a_long_chain_resolves_to_its_first_value() {
        let mut text = String::from(
            "il 0.2.0\nfunc @f(i64 %x) -> i64 {\nentry(%x: i64):\n  %c = scmp_lt %x, 0\n  %z0 = zext1 %c\n  %t0 = trunc1 %z0\n",
        );
        let n = 2000;
        for k in 1..=n {
            text.push_str(&format!("  %z{k} = zext1 %t{}\n", k - 1));
            if k % 3 == 0 {
                text.push_str(&format!(
                    "  %n{k} = isub.ovf 0, %z{k}\n  %t{k} = trunc1 %n{k}\n"
                ));
            } else {
                text.push_str(&format!("  %t{k} = trunc1 %z{k}\n"));
            }
        }
        text.push_str(&format!(
            "  cbr %t{n}, yes(%t{}), no\nyes(%a: i1):\n  ret 1\nno:\n  ret 0\n}}\n",
            n / 2
        ));
        let out = folded(&text);
        assert!(out.contains("cbr %c, yes(%c), no"), "{out}");
        for k in 1..=n {
            assert!(
                out.contains(&format!("%z{k} = zext1 %c\n")),
                "%z{k}:\n{out}"
            );
        }
    }
}
