//! The structured constructs of the program generator (see [`super`] for the overall shape).
//!
//! Invariants: each construct starts and ends with one open block; values defined inside branch
//! arms or case blocks are removed from the scope before the join; every loop is counted with a
//! bound ≤ 8; checked operations are guarded (masked operands) most of the time.

use super::body::Builder;
use super::{int_lit, rand_float, Ty};

const MAX_DEPTH: usize = 2;
/// Percentage of checked operations emitted without a guard (so they may trap).
const RISK_PCT: u32 = 3;

/// Emit `n` random constructs.
pub(super) fn sequence(b: &mut Builder, n: usize) {
    for _ in 0..n {
        let nested_ok = b.depth < MAX_DEPTH;
        match b.r.below(24) {
            0..=5 => {
                let n = 3 + b.r.below(6);
                ops(b, n)
            }
            6..=7 if nested_ok => diamond(b),
            8..=9 if nested_ok => counted_loop(b),
            10..=11 if nested_ok => switch(b),
            12..=13 => memory(b),
            14..=15 => call(b),
            16 if b.depth == 0 => pressure(b),
            20 if nested_ok => super::shapes::big_switch(b),
            21 if nested_ok => super::shapes::perm_loop(b),
            22 if nested_ok => super::shapes::wide_join(b),
            23 if b.depth == 0 => super::shapes::float_pressure(b),
            _ => {
                let n = 2 + b.r.below(4);
                ops(b, n)
            }
        }
        b.say_recent();
    }
}

const INT_OPS: &[&str] = &[
    "iadd.ovf",
    "isub.ovf",
    "imul.ovf",
    "sdiv.chk0",
    "udiv.chk0",
    "srem.chk0",
    "urem.chk0",
    "and",
    "or",
    "xor",
    "shl",
    "lshr",
    "ashr",
];
const ICMPS: &[&str] = &[
    "icmp_eq", "icmp_ne", "scmp_lt", "scmp_le", "scmp_gt", "scmp_ge", "ucmp_lt", "ucmp_le",
    "ucmp_gt", "ucmp_ge",
];
const FCMPS: &[&str] = &[
    "fcmp_eq", "fcmp_ne", "fcmp_lt", "fcmp_le", "fcmp_gt", "fcmp_ge", "fcmp_ord", "fcmp_uno",
];
const FOPS: &[&str] = &["fadd", "fsub", "fmul", "fdiv"];

/// A guarded (small, non-negative) version of an i64 operand.
fn small(b: &mut Builder, mask: i64) -> String {
    let x = b.pick(Ty::I64);
    b.def(Ty::I64, format!("and {x}, {mask}"))
}

/// Constants that tempt strength reduction and immediate encodings.
const CONST_OPERANDS: &[i64] = &[
    1,
    -1,
    2,
    -2,
    3,
    4,
    7,
    8,
    10,
    16,
    -8,
    64,
    1000,
    1024,
    4095,
    4096,
    4097,
    -4096,
    65536,
    0x7fff_ffff,
    1 << 32,
    (1 << 32) + 1,
    0x5555_5555_5555_5555,
    i64::MAX,
    i64::MIN,
];

/// One integer binary operation, usually guarded against traps.
fn int_op(b: &mut Builder) -> String {
    let op = *b.r.pick(INT_OPS);
    match b.r.below(10) {
        // x op constant (division by a non-zero constant never traps except MIN / -1).
        0..=2 => {
            let c = *b.r.pick(CONST_OPERANDS);
            let x = if op.ends_with(".ovf") && !b.r.chance(RISK_PCT * 3) {
                let m = small(b, 0xFFFF);
                if b.r.chance(50) {
                    b.def(Ty::I64, format!("isub.ovf 0, {m}"))
                } else {
                    m
                }
            } else {
                b.pick(Ty::I64)
            };
            let c = if op.contains("div") || op.contains("rem") {
                if c == -1 && !b.r.chance(RISK_PCT * 3) {
                    3
                } else {
                    c
                }
            } else {
                c
            };
            return b.def(Ty::I64, format!("{op} {x}, {c}"));
        }
        // x op x.
        3 if !op.contains("div") && !op.contains("rem") && op != "imul.ovf" => {
            let x = b.pick(Ty::I64);
            return b.def(Ty::I64, format!("{op} {x}, {x}"));
        }
        _ => {}
    }
    let guarded = !b.r.chance(RISK_PCT);
    let checked = op.ends_with(".ovf") || op.ends_with(".chk0");
    let (x, y) = if checked && guarded {
        let mx = *b.r.pick(&[0xFFFF, 0xFF_FFFF, 0x7FFF_FFFF]);
        let x = small(b, mx);
        let my = *b.r.pick(&[0xFFF, 0xFFFF, 0x3F]);
        let y = small(b, my);
        let y = if op.contains("div") || op.contains("rem") {
            b.def(Ty::I64, format!("or {y}, 1"))
        } else {
            y
        };
        // Sometimes make the dividend negative to exercise signed division.
        let x = if b.r.chance(40) {
            b.def(Ty::I64, format!("isub.ovf 0, {x}"))
        } else {
            x
        };
        (x, y)
    } else {
        (b.pick(Ty::I64), b.pick(Ty::I64))
    };
    let ann = if checked && guarded && op != "udiv.chk0" && op != "urem.chk0" && b.r.chance(15) {
        ":i32"
    } else {
        ""
    };
    let name = b.fresh();
    b.line(format!("  {name}{ann} = {op} {x}, {y}"));
    b.vals.push((name.clone(), Ty::I64));
    name
}

/// A conversion of some kind.
fn convert(b: &mut Builder) {
    match b.r.below(9) {
        0 => {
            let x = b.pick(Ty::I64);
            let op = if b.r.chance(50) {
                "sitofp"
            } else {
                "cast.si_to_fp"
            };
            b.def(Ty::F64, format!("{op} {x}"));
        }
        1 => {
            let x = b.pick(Ty::I64);
            b.def(Ty::F64, format!("cast.ui_to_fp {x}"));
        }
        2 => {
            let x = b.pick(Ty::I1);
            b.def(Ty::I64, format!("zext1 {x}"));
        }
        3 => {
            let x = b.pick(Ty::I64);
            b.def(Ty::I1, format!("trunc1 {x}"));
        }
        4 | 5 => {
            // fp → int with ties: (small int) * 0.5 or 0.25, or an arbitrary float (may trap).
            let op = if b.r.chance(70) {
                "cast.fp_to_si.rte.chk"
            } else {
                "cast.fp_to_ui.rte.chk"
            };
            let f = if !b.r.chance(RISK_PCT) {
                let m = small(b, 0xFFFFF);
                let m = if op.contains("si") && b.r.chance(50) {
                    b.def(Ty::I64, format!("isub.ovf 0, {m}"))
                } else {
                    m
                };
                let f = b.def(Ty::F64, format!("sitofp {m}"));
                let k = b.r.pick(&["0.5", "0.25", "1.5", "0.1"]).to_string();
                b.def(Ty::F64, format!("fmul {f}, {k}"))
            } else {
                b.pick(Ty::F64)
            };
            if op.contains("si") && b.r.chance(30) {
                // Annotated result width: checked at that width, then widened through memory.
                let (w, bits) = if b.r.chance(RISK_PCT * 5) {
                    ("i16", 16)
                } else {
                    ("i32", 32)
                };
                let n = b.fresh();
                b.line(format!("  {n}:{w} = {op} {f}"));
                widen(b, &n, w, bits);
            } else {
                b.def(Ty::I64, format!("{op} {f}"));
            }
        }
        6 | 7 => {
            // Checked narrowing to i16/i32, then widening through memory (IL-SPEC §4 idiom).
            let (w, bits) = if b.r.chance(50) {
                ("i16", 16)
            } else {
                ("i32", 32)
            };
            let signed = b.r.chance(60);
            let x = if !b.r.chance(RISK_PCT) {
                let m = small(b, if bits == 16 { 0x7FFF } else { 0x7FFF_FFFF });
                if signed && b.r.chance(50) {
                    b.def(Ty::I64, format!("isub.ovf -1, {m}"))
                } else {
                    m
                }
            } else {
                b.pick(Ty::I64)
            };
            let op = if signed {
                "cast.si_narrow.chk"
            } else {
                "cast.ui_narrow.chk"
            };
            let n = b.fresh();
            b.line(format!("  {n}:{w} = {op} {x}"));
            b.vals
                .push((n.clone(), if bits == 16 { Ty::I16 } else { Ty::I32 }));
            widen(b, &n, w, bits);
        }
        _ => {
            let x = b.pick(Ty::I64);
            let m = b.def(Ty::I64, format!("and {x}, 15"));
            let (lo, hi) = if !b.r.chance(RISK_PCT) {
                (0, 16)
            } else {
                (2, 9)
            };
            b.def(Ty::I64, format!("idx.chk {m}, {lo}, {hi}"));
        }
    }
}

/// Sign-extend a narrow value `n` of width `w` into a fresh i64 via an alloca slot.
fn widen(b: &mut Builder, n: &str, w: &str, bits: u32) {
    let _ = w;
    b.widen(n, if bits == 16 { Ty::I16 } else { Ty::I32 });
}

/// Straight-line operations.
pub(super) fn ops(b: &mut Builder, n: usize) {
    for _ in 0..n {
        match b.r.below(10) {
            0..=3 => {
                int_op(b);
            }
            4 => {
                let op = *b.r.pick(ICMPS);
                let x = b.pick(Ty::I64);
                let y = if b.r.chance(40) {
                    int_lit(*b.r.pick(CONST_OPERANDS))
                } else {
                    b.pick(Ty::I64)
                };
                b.def(Ty::I1, format!("{op} {x}, {y}"));
            }
            5 => {
                let op = *b.r.pick(FCMPS);
                let (x, y) = (b.pick(Ty::F64), b.pick(Ty::F64));
                b.def(Ty::I1, format!("{op} {x}, {y}"));
            }
            6 | 7 => {
                let op = *b.r.pick(FOPS);
                let (x, y) = (b.pick(Ty::F64), b.pick(Ty::F64));
                b.def(Ty::F64, format!("{op} {x}, {y}"));
            }
            8 => {
                let c = rand_float(b.r);
                b.def(Ty::F64, format!("const.f64 {c}"));
            }
            _ => convert(b),
        }
    }
}

/// `cbr` into two arms that meet at a join with parameters.
fn diamond(b: &mut Builder) {
    let cond = b.pick(Ty::I1);
    if b.r.chance(20) {
        let j = b.label("join");
        let mut jt = b.rand_tys(3);
        if jt.is_empty() {
            jt.push(Ty::I64);
        }
        let (t1, t2) = (b.target(&j, &jt), b.target(&j, &jt));
        b.line(format!("  cbr {cond}, {t1}, {t2}"));
        join(b, &j, &jt);
        return;
    }
    let (t, e, j) = (b.label("then"), b.label("else"), b.label("join"));
    let jt = b.rand_tys(3);
    let tt = b.rand_tys(1);
    let et = b.rand_tys(1);
    let tt_target = b.target(&t, &tt);
    let et_target = b.target(&e, &et);
    b.line(format!("  cbr {cond}, {tt_target}, {et_target}"));
    for (label, tys) in [(t, tt), (e, et)] {
        arm(b, &label, &tys, &j, &jt);
    }
    join(b, &j, &jt);
}

/// A branch arm: open `label`, do some work, branch to `join`. Its values leave the scope.
pub(super) fn arm(b: &mut Builder, label: &str, tys: &[Ty], join: &str, jt: &[Ty]) {
    let keep = b.vals.len();
    let ps = b.open(label, tys);
    b.copy_params(&ps, tys);
    b.depth += 1;
    if b.r.chance(40) {
        let n = 1 + b.r.below(2);
        sequence(b, n);
    } else {
        let n = 1 + b.r.below(4);
        ops(b, n);
        b.say_recent();
    }
    b.depth -= 1;
    if b.r.chance(1) {
        // An arm that ends the program with a trap.
        let t = match b.r.below(3) {
            0 => "trap".to_string(),
            k => format!("trap.from_err i32 {}", if k == 1 { 7 } else { 42 }),
        };
        b.line(format!("  {t}"));
    } else {
        let tgt = b.target(join, jt);
        b.line(format!("  br {tgt}"));
    }
    b.vals.truncate(keep);
}

/// Open a join block and bring copies of its parameters into scope.
pub(super) fn join(b: &mut Builder, label: &str, tys: &[Ty]) {
    let ps = b.open(label, tys);
    let copies = b.copy_params(&ps, tys);
    for (c, t) in copies.iter().zip(tys) {
        if b.r.chance(50) {
            b.say(c, *t);
        }
    }
}

/// A counted loop whose accumulators travel as block parameters (rotated / swapped).
fn counted_loop(b: &mut Builder) {
    let (h, x) = (b.label("loop"), b.label("exit"));
    let mut acc_tys = b.rand_tys(4);
    if acc_tys.len() >= 2 && b.r.chance(50) {
        acc_tys[1] = acc_tys[0]; // make a swap possible
    }
    let bound = if b.r.chance(60) {
        int_lit(1 + b.r.below(5) as i64)
    } else {
        let m = small(b, 3);
        b.def(Ty::I64, format!("iadd.ovf {m}, 1"))
    };
    let init = b.target(&h, &acc_tys);
    let init = match init.split_once('(') {
        Some((l, rest)) => format!("{l}(0, {rest}"),
        None => format!("{init}(0)"),
    };
    b.line(format!("  br {init}"));
    let mut tys = vec![Ty::I64];
    tys.extend(&acc_tys);
    let ps = b.open(&h, &tys);
    let copies = b.copy_params(&ps, &tys);
    b.depth += 1;
    let n = 1 + b.r.below(3);
    sequence(b, n);
    b.depth -= 1;
    let i2 = b.def(Ty::I64, format!("iadd.ovf {}, 1", copies[0]));
    let c = b.def(Ty::I1, format!("scmp_lt {i2}, {bound}"));
    // Next accumulators: a fresh value of the same type, or another accumulator (swap).
    let accs = &copies[1..];
    let mut next = Vec::new();
    for (k, &t) in acc_tys.iter().enumerate() {
        let other = (0..acc_tys.len()).find(|&o| o != k && acc_tys[o] == t);
        let v = match other {
            Some(o) if b.r.chance(50) => accs[o].clone(),
            _ => b.pick(t),
        };
        next.push(v);
    }
    let mut back = vec![i2];
    back.extend(next.iter().cloned());
    let exit_args = b.target(&x, &acc_tys);
    b.line(format!("  cbr {c}, {h}({}), {exit_args}", back.join(", ")));
    join(b, &x, &acc_tys);
}

/// `switch.i32` over a derived i32 scrutinee, dense (jump-table friendly) or sparse.
fn switch(b: &mut Builder) {
    let x = b.pick(Ty::I64);
    let dense = b.r.chance(50);
    let pre = if dense {
        let m = b.def(Ty::I64, format!("and {x}, 7"));
        b.def(Ty::I64, format!("isub.ovf {m}, 3"))
    } else {
        let m = b.def(Ty::I64, format!("and {x}, 3"));
        let k = b.def(Ty::I64, format!("imul.ovf {m}, 1000003"));
        b.def(Ty::I64, format!("isub.ovf {k}, 1500000"))
    };
    let s = b.fresh();
    b.line(format!("  {s}:i32 = cast.si_narrow.chk {pre}"));
    let mut cases: Vec<i64> = if dense {
        let lo = -3 + b.r.below(4) as i64;
        let n = 2 + b.r.below(6);
        (lo..lo + n as i64).collect()
    } else {
        let mut v: Vec<i64> = [-1_500_000i64, -499_997, 500_006, 1_500_009]
            .into_iter()
            .filter(|_| b.r.chance(70))
            .collect();
        v.push(-(b.r.below(1 << 30) as i64));
        v.push(b.r.below(1 << 20) as i64 + 7);
        v
    };
    cases.sort_unstable();
    cases.dedup();
    let n_targets = 1 + b.r.below(3);
    let labels: Vec<String> = (0..n_targets).map(|_| b.label("case")).collect();
    let tys: Vec<Vec<Ty>> = (0..n_targets).map(|_| b.rand_tys(2)).collect();
    let (d, j) = (b.label("default"), b.label("join"));
    let dt = b.rand_tys(2);
    let jt = b.rand_tys(2);
    let mut text = format!("  switch.i32 {s}, ^{}", b.target(&d, &dt));
    for c in cases {
        let k = b.r.below(n_targets);
        let tgt = b.target(&labels[k], &tys[k]);
        text.push_str(&format!(", {c} -> ^{tgt}"));
    }
    b.line(text);
    for (l, t) in labels.iter().zip(&tys) {
        arm(b, l, t, &j, &jt);
    }
    arm(b, &d, &dt, &j, &jt);
    join(b, &j, &jt);
}

/// A large alloca with far offsets, or a dynamic one; pointers stored and reloaded.
fn big_memory(b: &mut Builder) {
    let p = b.fresh();
    let offs: Vec<i64> = if b.depth == 0 && b.r.chance(50) {
        b.line(format!("  {p} = alloca 12000"));
        vec![0, 8, 4088, 4096, 4104, 8192, 11992]
    } else {
        let x = b.pick(Ty::I64);
        let m = b.def(Ty::I64, format!("and {x}, 248"));
        let n = b.def(Ty::I64, format!("or {m}, 8"));
        b.line(format!("  {p} = alloca {n}"));
        vec![0]
    };
    let slot = b.fresh();
    b.line(format!("  {slot} = alloca 8"));
    b.line(format!("  store ptr, {slot}, {p}"));
    let q = b.fresh();
    b.line(format!("  {q} = load ptr, {slot}"));
    // f64 stores are reloaded as f64: NaN bit patterns are not portable (x86 vs arm64).
    let mut is_float = Vec::new();
    for &o in &offs {
        let a = b.fresh();
        b.line(format!("  {a} = gep {q}, {o}"));
        let z = b.def(Ty::I64, format!("load i64, {a}"));
        b.say(&z, Ty::I64);
        let float = b.r.chance(50);
        is_float.push(float);
        let (w, t) = if float {
            ("f64", Ty::F64)
        } else {
            ("i64", Ty::I64)
        };
        let v = b.pick(t);
        b.line(format!("  store {w}, {a}, {v}"));
    }
    for (&o, &float) in offs.iter().zip(&is_float).rev() {
        let a = b.fresh();
        b.line(format!("  {a} = gep {p}, {o}"));
        let (w, t) = if float {
            ("f64", Ty::F64)
        } else {
            ("i64", Ty::I64)
        };
        let z = b.def(t, format!("load {w}, {a}"));
        b.say(&z, t);
    }
}

/// Stores of every width into an alloca, overlapping loads back, little-endian checks.
fn memory(b: &mut Builder) {
    if b.r.chance(25) {
        big_memory(b);
        return;
    }
    let p = b.fresh();
    b.line(format!("  {p} = alloca 32"));
    if b.r.chance(30) {
        let z = b.def(Ty::I64, format!("load i64, {p}"));
        b.say(&z, Ty::I64);
    }
    let x = b.pick(Ty::I64);
    b.line(format!("  store i64, {p}, {x}"));
    let p8 = b.fresh();
    b.line(format!("  {p8} = gep {p}, 8"));
    let f = b.pick(Ty::F64);
    b.line(format!("  store f64, {p8}, {f}"));
    let p24 = b.fresh();
    b.line(format!("  {p24} = gep {p8}, 16"));
    let p16 = b.fresh();
    b.line(format!("  {p16} = gep {p24}, -8"));
    let i32c = b.r.below(1 << 31) as i64 - (1 << 30) * b.r.below(3) as i64;
    b.line(format!("  store i32, {p16}, {i32c}"));
    let p20 = b.fresh();
    b.line(format!("  {p20} = gep {p16}, 4"));
    let i16c = b.r.below(65536) as i64 - 32768;
    b.line(format!("  store i16, {p20}, {i16c}"));
    let p22 = b.fresh();
    b.line(format!("  {p22} = gep {p16}, 6"));
    let bit = b.pick(Ty::I1);
    b.line(format!("  store i1, {p22}, {bit}"));
    if b.r.chance(50) {
        // Overwrite part of the i64 with a narrow store.
        let (off, w, v) =
            *b.r.pick(&[(3, "i1", "true"), (2, "i16", "-2"), (4, "i32", "305419896")]);
        let q = b.fresh();
        b.line(format!("  {q} = gep {p}, {off}"));
        b.line(format!("  store {w}, {q}, {v}"));
    }
    let a = b.def(Ty::I64, format!("load i64, {p}"));
    b.say(&a, Ty::I64);
    let g = b.def(Ty::F64, format!("load f64, {p8}"));
    b.say(&g, Ty::F64);
    let all = b.def(Ty::I64, format!("load i64, {p16}"));
    b.say(&all, Ty::I64);
    let n32 = b.fresh();
    b.line(format!("  {n32} = load i32, {p16}"));
    b.vals.push((n32.clone(), Ty::I32));
    widen(b, &n32, "i32", 32);
    let n16 = b.fresh();
    b.line(format!("  {n16} = load i16, {p20}"));
    widen(b, &n16, "i16", 16);
    let bl = b.def(Ty::I1, format!("load i1, {p22}"));
    b.say(&bl, Ty::I1);
    let raw = b.def(Ty::F64, format!("load f64, {p16}"));
    if b.r.chance(30) {
        b.say(&raw, Ty::F64);
    }
}

/// A call to a higher-numbered helper.
pub(super) fn call(b: &mut Builder) {
    let callees = b.callees();
    if callees.is_empty() {
        ops(b, 2);
        return;
    }
    let sig = b.r.pick(callees).clone();
    let args: Vec<String> = sig.params.iter().map(|&t| b.pick(t)).collect();
    let v = b.def(sig.ret, format!("call @{}({})", sig.name, args.join(", ")));
    b.say(&v, sig.ret);
}

/// 30+ values live at once (across a call when possible), then folded and printed.
fn pressure(b: &mut Builder) {
    let n = 30 + b.r.below(12);
    let mut ints = Vec::new();
    let mut floats = Vec::new();
    for k in 0..n {
        if k % 3 == 2 {
            let (x, c) = (b.pick(Ty::F64), rand_float(b.r));
            floats.push(b.def(Ty::F64, format!("fadd {x}, {c}")));
        } else {
            let x = b.pick(Ty::I64);
            let c = int_lit(super::rand_int(b.r));
            let op = *b.r.pick(&["xor", "and", "or", "shl", "lshr"]);
            ints.push(b.def(Ty::I64, format!("{op} {x}, {c}")));
        }
    }
    call(b);
    let mut acc = ints[0].clone();
    for (k, v) in ints.iter().enumerate().skip(1) {
        let op = if k % 2 == 0 { "xor" } else { "or" };
        acc = b.def(Ty::I64, format!("{op} {acc}, {v}"));
        if k % 7 == 0 {
            acc = b.def(Ty::I64, format!("shl {acc}, {k}"));
        }
    }
    b.say(&acc, Ty::I64);
    if let Some(first) = floats.first() {
        let mut f = first.clone();
        for v in &floats[1..] {
            f = b.def(Ty::F64, format!("fsub {f}, {v}"));
        }
        b.say(&f, Ty::F64);
    }
}
