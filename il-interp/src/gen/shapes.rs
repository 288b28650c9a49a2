//! Large shapes for the program generator: `switch.i32` with 100–220 cases (dense → jump table,
//! or sparse over most of the i32 range), loops whose 8–20 block parameters are permuted each
//! iteration (3-cycles, swaps, full rotations), joins with 16–24 parameters, and 30+ `f64` values
//! live across a call.
//!
//! Invariants: as for [`super::constructs`] — one open block at start and end, arm values leave
//! the scope before the join, loops are counted (bound ≤ 8), scrutinees come from guarded
//! `cast.si_narrow.chk` so they never trap.

use super::body::Builder;
use super::constructs::{arm, join};
use super::{int_lit, rand_float, Ty};

/// A `switch.i32` with many cases.
pub(super) fn big_switch(b: &mut Builder) {
    let x = b.pick(Ty::I64);
    let dense = b.r.chance(50);
    let n = 100 + b.r.below(121);
    let (pre, mut cases): (String, Vec<i64>) = if dense {
        let m = b.def(Ty::I64, format!("and {x}, 255"));
        let lo = b.r.below(40) as i64 - 20;
        let pre = b.def(Ty::I64, format!("isub.ovf {m}, 20"));
        (pre, (lo..lo + n as i64).collect())
    } else {
        let m = b.def(Ty::I64, format!("and {x}, 255"));
        let k = b.def(Ty::I64, format!("imul.ovf {m}, 8388617"));
        let pre = b.def(Ty::I64, format!("isub.ovf {k}, 1069547520"));
        let cases = (0..n)
            .map(|_| {
                let m = b.r.below(256) as i64;
                if b.r.chance(80) {
                    m * 8_388_617 - 1_069_547_520
                } else {
                    b.r.next_u64() as i32 as i64
                }
            })
            .collect();
        (pre, cases)
    };
    let s = b.fresh();
    b.line(format!("  {s}:i32 = cast.si_narrow.chk {pre}"));
    cases.sort_unstable();
    cases.dedup();
    let n_targets = 2 + b.r.below(4);
    let labels: Vec<String> = (0..n_targets).map(|_| b.label("bcase")).collect();
    let tys: Vec<Vec<Ty>> = (0..n_targets).map(|_| b.rand_tys(2)).collect();
    let (d, j) = (b.label("bdefault"), b.label("bjoin"));
    let jt = b.rand_tys(2);
    let mut text = format!("  switch.i32 {s}, ^{d}");
    for c in cases {
        let k = b.r.below(n_targets);
        let tgt = b.target(&labels[k], &tys[k]);
        text.push_str(&format!(", {c} -> ^{tgt}"));
    }
    b.line(text);
    for (l, t) in labels.iter().zip(&tys) {
        arm(b, l, t, &j, &jt);
    }
    arm(b, &d, &[], &j, &jt);
    join(b, &j, &jt);
}

/// A random permutation of `0..n` (Fisher–Yates), sometimes a single rotation or 3-cycles.
fn permutation(b: &mut Builder, n: usize) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    match b.r.below(3) {
        0 => p.rotate_left(1 + b.r.below(n.max(2) - 1)),
        1 => {
            for c in p.chunks_mut(3) {
                c.rotate_left(1);
            }
        }
        _ => {
            for i in (1..n).rev() {
                let j = b.r.below(i + 1);
                p.swap(i, j);
            }
        }
    }
    p
}

/// A counted loop carrying 8–20 same-typed or mixed parameters permuted every iteration.
pub(super) fn perm_loop(b: &mut Builder) {
    let n = 8 + b.r.below(13);
    let uniform = b.r.chance(50);
    let tys: Vec<Ty> = (0..n)
        .map(|_| match b.r.below(if uniform { 1 } else { 6 }) {
            0..=2 => Ty::I64,
            3 | 4 => Ty::F64,
            _ => Ty::I32,
        })
        .collect();
    let (h, x) = (b.label("ploop"), b.label("pexit"));
    let bound = 1 + b.r.below(8);
    let init = b.target(&h, &tys);
    let init = match init.split_once('(') {
        Some((l, rest)) => format!("{l}(0, {rest}"),
        None => format!("{init}(0)"),
    };
    b.line(format!("  br {init}"));
    let mut all = vec![Ty::I64];
    all.extend(&tys);
    let ps = b.open(&h, &all);
    // Read the parameters directly in the branch (no copies) so the permutation is a pure
    // parallel copy of block parameters.
    let i2 = b.def(Ty::I64, format!("iadd.ovf {}, 1", ps[0]));
    let c = b.def(Ty::I1, format!("scmp_lt {i2}, {bound}"));
    // Permute within each type class so the argument types match.
    let mut next: Vec<String> = ps[1..].to_vec();
    for t in [Ty::I64, Ty::F64, Ty::I32] {
        let idx: Vec<usize> = (0..n).filter(|&i| tys[i] == t).collect();
        if idx.len() < 2 {
            continue;
        }
        let p = permutation(b, idx.len());
        for (k, &i) in idx.iter().enumerate() {
            next[i] = ps[1 + idx[p[k]]].clone();
        }
    }
    // Perturb one i64 slot so the values keep changing.
    if let Some(i) = (0..n).find(|&i| tys[i] == Ty::I64) {
        let v = b.def(Ty::I64, format!("xor {}, {}", next[i], ps[0]));
        next[i] = v;
    }
    let exit: Vec<String> = ps[1..].to_vec();
    b.line(format!(
        "  cbr {c}, {h}({i2}, {}), {x}({})",
        next.join(", "),
        exit.join(", ")
    ));
    // Drop the loop-local values (the header's defs) from the scope.
    let keep = b.vals.len() - 2 - usize::from(tys.contains(&Ty::I64));
    b.vals.truncate(keep);
    let ps = b.open(&x, &tys);
    let copies = b.copy_params(&ps, &tys);
    for (v, t) in copies.iter().zip(&tys) {
        b.say(v, *t);
    }
}

/// A diamond whose join takes 16–24 parameters.
pub(super) fn wide_join(b: &mut Builder) {
    let n = 16 + b.r.below(9);
    let tys: Vec<Ty> = (0..n)
        .map(|_| match b.r.below(10) {
            0..=4 => Ty::I64,
            5..=7 => Ty::F64,
            8 => Ty::I1,
            _ => Ty::I16,
        })
        .collect();
    let j = b.label("wjoin");
    arm_pair(b, &j, &tys);
    join(b, &j, &tys);
}

fn arm_pair(b: &mut Builder, j: &str, tys: &[Ty]) {
    let cond = b.pick(Ty::I1);
    let (t, e) = (b.label("wthen"), b.label("welse"));
    b.line(format!("  cbr {cond}, {t}, {e}"));
    arm(b, &t, &[], j, tys);
    arm(b, &e, &[], j, tys);
}

/// 30+ `f64` values live across a call, then folded in order and printed.
pub(super) fn float_pressure(b: &mut Builder) {
    let n = 30 + b.r.below(10);
    let mut fs = Vec::new();
    for k in 0..n {
        let x = b.pick(Ty::F64);
        let c = rand_float(b.r);
        let op = if k % 2 == 0 { "fadd" } else { "fmul" };
        fs.push(b.def(Ty::F64, format!("{op} {x}, {c}")));
    }
    let i = b.pick(Ty::I64);
    let marker = b.def(Ty::I64, format!("xor {i}, {}", int_lit(0x5a5a)));
    super::constructs::call(b);
    let mut acc = fs[0].clone();
    for v in &fs[1..] {
        acc = b.def(Ty::F64, format!("fsub {acc}, {v}"));
    }
    b.say(&acc, Ty::F64);
    for v in fs.iter().step_by(7) {
        b.say(v, Ty::F64);
    }
    b.say(&marker, Ty::I64);
}
