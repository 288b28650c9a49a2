//! A seeded generator of random, valid Viper IL programs for differential testing.
//!
//! Shape: helper functions `@f0..@fN` (0–20 mixed `i64`/`f64`/`i1` parameters, so some go on the stack),
//! optionally `@eh0..` helpers with an `eh.push`/`resume.label` handler, and `@main`, which calls
//! them (directly and through `call.indirect`). Bodies are built from structured constructs —
//! straight-line arithmetic with edge constants, if-diamonds, counted loops whose block parameters
//! are rotated/swapped, dense and sparse `switch.i32`, memory round-trips through `alloca` at every
//! width, calls, and blocks with 30+ simultaneously live values — and print intermediate values
//! with `SayInt`/`SayNum`/`SayBool`. Parameters, results and block parameters may be `i16`/`i32`
//! (from `cast.si_narrow.chk`/`cast.ui_narrow.chk`, printed after widening through memory; narrow
//! values never reach `switch.i32`/`idx.chk`, whose view of a zero-extended value is unsettled).
//! [`shapes`] adds 100+-case switches, permuted 8–20-parameter loops, 16+-parameter joins and 30+
//! f64 values across calls; [`eh`] adds traps several frames below a caller's handler, nested and
//! re-raising handlers, `resume.same`/`resume.next`, and runtime strings. Calls only go to higher-numbered helpers (no recursion) and
//! every loop has a constant trip-count bound, so programs always terminate. Risky checked
//! operations are usually guarded (masked operands) so traps are occasional, not universal.
//!
//! Invariants: the output depends only on the seed ([`Rng`] is a local splitmix64); scoping
//! follows IL-SPEC §5 (block parameters are copied into fresh values before leaving their block,
//! values from branch arms are dropped at the join); every program passes `il::verify`
//! (checked by [`generate`]'s callers and by this module's tests).

use il::print::float_text;
use std::fmt::Write;

mod body;
mod constructs;
mod eh;
mod shapes;

/// A small deterministic PRNG (splitmix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`; 0 when `n == 0`).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
    /// True with probability `pct`%.
    pub fn chance(&mut self, pct: u32) -> bool {
        self.below(100) < pct as usize
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Value types the generator tracks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    I64,
    F64,
    I1,
    I16,
    I32,
}

impl Ty {
    pub fn name(self) -> &'static str {
        match self {
            Ty::I64 => "i64",
            Ty::F64 => "f64",
            Ty::I1 => "i1",
            Ty::I16 => "i16",
            Ty::I32 => "i32",
        }
    }
    /// Bits of a narrow integer type (16/32), None otherwise.
    pub fn narrow_bits(self) -> Option<u32> {
        match self {
            Ty::I16 => Some(16),
            Ty::I32 => Some(32),
            _ => None,
        }
    }
}

/// Signature of a generated function.
#[derive(Clone, Debug)]
pub struct Sig {
    pub name: String,
    pub params: Vec<Ty>,
    pub ret: Ty,
}

const EDGE_INTS: &[i64] = &[
    0,
    1,
    -1,
    2,
    3,
    7,
    -8,
    63,
    64,
    65,
    127,
    -128,
    255,
    256,
    4095,
    4096,
    65535,
    65536,
    -65536,
    0x7fff_ffff,
    -0x8000_0000,
    0xffff_ffff,
    0x1_0000_0000,
    0x1234_5678_9abc_def0,
    0x00ff_00ff_00ff_00ff,
    -0x5555_5555_5555_5556,
    i64::MAX,
    i64::MIN,
    i64::MAX - 1,
    i64::MIN + 1,
];

const EDGE_FLOATS: &[f64] = &[
    0.0,
    -0.0,
    1.0,
    2.0,
    31.0,
    -0.125,
    0.2,
    1e-10,
    4294967296.0,
    -1.0,
    0.5,
    2.5,
    -2.5,
    3.5,
    -3.5,
    0.1,
    1e15,
    1e16,
    123456789.125,
    -7.75,
    1e300,
    -1e300,
    5e-324,
    2.2250738585072014e-308,
    9.223372036854775e18,
    1.8446744073709552e19,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
];

/// An integer literal as IL text (decimal, so negative values need no hex sign handling).
pub fn int_lit(v: i64) -> String {
    v.to_string()
}

/// A random i64 constant: mostly edge values, sometimes small or fully random.
pub fn rand_int(r: &mut Rng) -> i64 {
    match r.below(10) {
        0..=4 => *r.pick(EDGE_INTS),
        5..=7 => r.below(200) as i64 - 100,
        _ => r.next_u64() as i64,
    }
}

/// A random f64 constant as IL text.
pub fn rand_float(r: &mut Rng) -> String {
    let v = match r.below(10) {
        0..=5 => *r.pick(EDGE_FLOATS),
        6..=8 => (r.below(2000) as f64 - 1000.0) / 8.0,
        _ => f64::from_bits(r.next_u64()),
    };
    float_text(v)
}

/// Generate the IL text of a program from `seed`.
pub fn generate(seed: u64) -> String {
    let mut r = Rng::new(seed);
    let n_funcs = 2 + r.below(4);
    let mut sigs = Vec::new();
    for i in 0..n_funcs {
        let n = if r.chance(30) {
            9 + r.below(12)
        } else {
            r.below(6)
        };
        let int_pct = *r.pick(&[55, 90, 10]);
        let params = (0..n)
            .map(|_| match r.below(100) {
                0..=7 => Ty::I1,
                8..=11 => Ty::I16,
                12..=17 => Ty::I32,
                k if k < int_pct => Ty::I64,
                _ => Ty::F64,
            })
            .collect();
        let ret = match r.below(100) {
            0..=9 => Ty::I1,
            10..=14 => Ty::I16,
            15..=21 => Ty::I32,
            22..=64 => Ty::I64,
            _ => Ty::F64,
        };
        sigs.push(Sig {
            name: format!("f{i}"),
            params,
            ret,
        });
    }
    let n_eh = if r.chance(35) { 1 + r.below(2) } else { 0 };
    let mut out = String::from("il 0.2.0\n");
    for (n, t) in [("SayInt", "i64"), ("SayNum", "f64"), ("SayBool", "i1")] {
        let _ = writeln!(out, "extern @Viper.Terminal.{n}({t}) -> void");
    }
    for e in [
        "@Viper.Terminal.Say(str) -> void",
        "@Viper.String.Concat(str, str) -> str",
        "@Viper.Core.Convert.ToString_Int(i64) -> str",
        "@Viper.String.get_Length(str) -> i64",
    ] {
        let _ = writeln!(out, "extern {e}");
    }
    let (extra_text, extra_calls) = eh::extras(&mut r);
    out.push_str(&extra_text);
    for i in 0..n_funcs {
        out.push_str(&body::function(&mut r, &sigs, i));
    }
    for k in 0..n_eh {
        out.push_str(&body::eh_function(&mut r, &sigs, k));
    }
    out.push_str(&body::main_function(&mut r, &sigs, n_eh, &extra_calls));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic() {
        assert_eq!(generate(7), generate(7));
        assert_ne!(generate(7), generate(8));
    }

    #[test]
    fn programs_verify_and_run() {
        let mut traps = 0;
        for seed in 0..300 {
            let text = generate(seed);
            let m = match il::parse(&text, "gen.il") {
                Ok(m) => m,
                Err(e) => panic!("seed {seed}: parse error {e:?}\n{text}"),
            };
            if let Err(e) = il::verify(&m) {
                panic!("seed {seed}: verify error {e:?}\n{text}");
            }
            match crate::run(&m) {
                Ok(o) => traps += o.trap.is_some() as usize,
                Err(e) => panic!("seed {seed}: interpreter error {e}\n{text}"),
            }
        }
        assert!(traps < 200, "{traps} of 300 programs trap");
    }
}
