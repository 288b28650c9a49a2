//! Function bodies for the program generator: a builder that tracks the open block, the values in
//! scope (those whose definitions dominate the insertion point) and fresh names, and the
//! structured constructs (ops, diamonds, loops, switches, memory, calls, register pressure).
//!
//! Invariants: exactly one block is open while emitting; a construct ends with the open block
//! being a block dominated by everything that was in scope before it; block parameters are copied
//! into fresh values at the start of their block, and the copies — not the parameters — enter the
//! scope when the block is a join (so later blocks never name a parameter).

use super::{int_lit, rand_float, rand_int, Rng, Sig, Ty};

pub(super) struct Builder<'a> {
    pub r: &'a mut Rng,
    lines: Vec<String>,
    pub vals: Vec<(String, Ty)>,
    next: usize,
    labels: usize,
    sigs: &'a [Sig],
    me: usize,
    pub depth: usize,
}

const SAY: [(Ty, &str); 3] = [
    (Ty::I64, "SayInt"),
    (Ty::F64, "SayNum"),
    (Ty::I1, "SayBool"),
];

impl<'a> Builder<'a> {
    fn new(r: &'a mut Rng, sigs: &'a [Sig], me: usize) -> Builder<'a> {
        Builder {
            r,
            lines: Vec::new(),
            vals: Vec::new(),
            next: 0,
            labels: 0,
            sigs,
            me,
            depth: 0,
        }
    }

    pub fn line(&mut self, s: String) {
        self.lines.push(s);
    }

    /// `%vN = rhs` (with `:ann` when given); the new value enters the scope.
    pub fn def(&mut self, ty: Ty, rhs: String) -> String {
        let name = self.fresh();
        self.lines.push(format!("  {name} = {rhs}"));
        self.vals.push((name.clone(), ty));
        name
    }

    /// A fresh value name not entered in scope.
    pub fn fresh(&mut self) -> String {
        self.next += 1;
        format!("%v{}", self.next)
    }

    pub fn label(&mut self, stem: &str) -> String {
        self.labels += 1;
        format!("{stem}{}", self.labels)
    }

    /// An existing value of type `ty`, or (sometimes, or when none exists) a constant.
    pub fn pick(&mut self, ty: Ty) -> String {
        let cands: Vec<usize> = (0..self.vals.len())
            .filter(|&i| self.vals[i].1 == ty)
            .collect();
        if cands.is_empty() || self.r.chance(15) {
            return self.constant(ty);
        }
        // Prefer recent values, but reach back to keep old values live.
        let i = if self.r.chance(60) {
            cands[cands.len() - 1 - self.r.below(cands.len().min(4))]
        } else {
            *self.r.pick(&cands)
        };
        self.vals[i].0.clone()
    }

    pub fn constant(&mut self, ty: Ty) -> String {
        match ty {
            Ty::I64 => int_lit(rand_int(self.r)),
            Ty::F64 => rand_float(self.r),
            Ty::I1 => if self.r.chance(50) { "true" } else { "false" }.into(),
            Ty::I16 | Ty::I32 => {
                // Narrow operands must be typed values (IL-SPEC §5): a checked cast of a literal.
                // `ui_narrow` keeps the zero-extended value (upper half may look negative).
                let bits = ty.narrow_bits().unwrap_or(32);
                let span = 1u64 << bits;
                let raw = match self.r.below(4) {
                    0 => span - 1,
                    1 => span / 2,
                    2 => span / 2 - 1,
                    _ => self.r.next_u64() % span,
                };
                let (op, v) = if self.r.chance(50) {
                    ("cast.ui_narrow.chk", raw as i64)
                } else {
                    (
                        "cast.si_narrow.chk",
                        ((raw << (64 - bits)) as i64) >> (64 - bits),
                    )
                };
                self.def_ann(ty, &format!("{op} {v}"))
            }
        }
    }

    /// `%vN:ty = rhs` (narrow result annotation); the new value enters the scope.
    pub fn def_ann(&mut self, ty: Ty, rhs: &str) -> String {
        let name = self.fresh();
        self.lines.push(format!("  {name}:{} = {rhs}", ty.name()));
        self.vals.push((name.clone(), ty));
        name
    }

    /// Sign-extend narrow value `n` into a fresh i64 through memory (IL-SPEC §4 idiom).
    pub fn widen(&mut self, n: &str, ty: Ty) -> String {
        let bits = ty.narrow_bits().unwrap_or(32);
        let slot = self.fresh();
        self.line(format!("  {slot} = alloca 8"));
        self.line(format!("  store i64, {slot}, 0"));
        self.line(format!("  store {}, {slot}, {n}", ty.name()));
        let raw = self.def(Ty::I64, format!("load i64, {slot}"));
        let sh = 64 - bits;
        let up = self.def(Ty::I64, format!("shl {raw}, {sh}"));
        self.def(Ty::I64, format!("ashr {up}, {sh}"))
    }

    pub fn say(&mut self, v: &str, ty: Ty) {
        if ty.narrow_bits().is_some() {
            let w = self.widen(v, ty);
            self.say(&w, Ty::I64);
            return;
        }
        let f = SAY
            .iter()
            .find(|(t, _)| *t == ty)
            .map_or("SayInt", |(_, f)| f);
        self.lines.push(format!("  call @Viper.Terminal.{f}({v})"));
    }

    /// Print one or two of the most recent values.
    pub fn say_recent(&mut self) {
        for _ in 0..1 + self.r.below(2) {
            if self.vals.is_empty() {
                return;
            }
            let k = self.vals.len() - 1 - self.r.below(self.vals.len().min(3));
            let (v, t) = self.vals[k].clone();
            self.say(&v, t);
        }
    }

    /// Open block `label` with parameters; returns the parameter names.
    pub fn open(&mut self, label: &str, params: &[Ty]) -> Vec<String> {
        let names: Vec<String> = params.iter().map(|_| self.fresh()).collect();
        let list: Vec<String> = names
            .iter()
            .zip(params)
            .map(|(n, t)| format!("{n}: {}", t.name()))
            .collect();
        if list.is_empty() {
            self.lines.push(format!("{label}:"));
        } else {
            self.lines.push(format!("{label}({}):", list.join(", ")));
        }
        names
    }

    /// Copy block parameters into fresh in-scope values (identity operations).
    pub fn copy_params(&mut self, names: &[String], tys: &[Ty]) -> Vec<String> {
        names
            .iter()
            .zip(tys)
            .map(|(n, t)| match t {
                Ty::I64 => self.def(Ty::I64, format!("or {n}, 0")),
                Ty::F64 => self.def(Ty::F64, format!("fmul {n}, 1.0")),
                Ty::I1 => {
                    let z = self.def(Ty::I64, format!("zext1 {n}"));
                    self.def(Ty::I1, format!("trunc1 {z}"))
                }
                Ty::I16 | Ty::I32 => {
                    let slot = self.fresh();
                    self.line(format!("  {slot} = alloca 8"));
                    self.line(format!("  store {}, {slot}, {n}", t.name()));
                    self.def(*t, format!("load {}, {slot}", t.name()))
                }
            })
            .collect()
    }

    /// A branch target text `label(args)`.
    pub fn target(&mut self, label: &str, tys: &[Ty]) -> String {
        let args: Vec<String> = tys.iter().map(|&t| self.pick_branch_arg(t)).collect();
        if args.is_empty() {
            label.to_string()
        } else {
            format!("{label}({})", args.join(", "))
        }
    }

    /// Branch arguments to `i1` parameters must be typed values or `true`/`false`.
    fn pick_branch_arg(&mut self, t: Ty) -> String {
        self.pick(t)
    }

    /// Random parameter types for a join/case block.
    pub fn rand_tys(&mut self, max: usize) -> Vec<Ty> {
        (0..self.r.below(max + 1))
            .map(|_| match self.r.below(12) {
                0..=5 => Ty::I64,
                6..=7 => Ty::F64,
                8..=9 => Ty::I1,
                10 => Ty::I16,
                _ => Ty::I32,
            })
            .collect()
    }

    pub fn callees(&self) -> &'a [Sig] {
        self.sigs.get(self.me + 1..).unwrap_or(&[])
    }

    fn finish(self) -> String {
        let mut s = self.lines.join("\n");
        s.push('\n');
        s
    }
}

/// The full text of helper function `sigs[me]`.
pub(super) fn function(r: &mut Rng, sigs: &[Sig], me: usize) -> String {
    let sig = &sigs[me];
    let mut b = Builder::new(r, sigs, me);
    let names: Vec<String> = sig.params.iter().map(|_| b.fresh()).collect();
    let header: Vec<String> = names
        .iter()
        .zip(&sig.params)
        .map(|(n, t)| format!("{} {n}", t.name()))
        .collect();
    b.line(format!(
        "func @{}({}) -> {} {{",
        sig.name,
        header.join(", "),
        sig.ret.name()
    ));
    let entry: Vec<String> = names
        .iter()
        .zip(&sig.params)
        .map(|(n, t)| format!("{n}: {}", t.name()))
        .collect();
    if entry.is_empty() {
        b.line("entry:".into());
    } else {
        b.line(format!("entry({}):", entry.join(", ")));
    }
    b.copy_params(&names, &sig.params);
    let n = 3 + b.r.below(5);
    super::constructs::sequence(&mut b, n);
    let v = b.pick(sig.ret);
    b.line(format!("  ret {v}"));
    b.line("}".into());
    b.finish()
}

/// `@ehK(i64, i64) -> i64`: a protected faulting operation, a handler that reports the error and
/// resumes at the join with a code derived from the trap kind.
pub(super) fn eh_function(r: &mut Rng, sigs: &[Sig], k: usize) -> String {
    let mut b = Builder::new(r, sigs, usize::MAX - 1);
    b.line(format!("func @eh{k}(i64 %a, i64 %b) -> i64 {{"));
    b.line("entry(%a: i64, %b: i64):".into());
    b.line("  eh.push ^handler".into());
    let faulting = match b.r.below(5) {
        0 => "sdiv.chk0 %a, %b".to_string(),
        1 => "imul.ovf %a, %b".into(),
        2 => "srem.chk0 %a, %b".into(),
        3 => "idx.chk %a, 0, %b".into(),
        _ => "udiv.chk0 %a, %b".into(),
    };
    b.line("  .loc 1 7 3".into());
    b.line(format!("  %q = {faulting}"));
    b.line("  eh.pop".into());
    b.line("  br done(%q)".into());
    b.line("handler ^handler(%err: Error, %tok: ResumeTok):".into());
    b.line("  eh.entry".into());
    b.line("  %kind = err.get_kind %err".into());
    b.line("  %line = err.get_line %err".into());
    b.line("  %slot = alloca 8".into());
    b.line("  store i64, %slot, 0".into());
    b.line("  store i32, %slot, %kind".into());
    b.line("  %k64 = load i64, %slot".into());
    b.line("  store i32, %slot, %line".into());
    b.line("  %l64 = load i64, %slot".into());
    b.line("  call @Viper.Terminal.SayInt(%l64)".into());
    b.line("  %ip = err.get_ip %err".into());
    b.line("  call @Viper.Terminal.SayInt(%ip)".into());
    b.line("  %tk = trap.kind".into());
    b.line("  call @Viper.Terminal.SayInt(%tk)".into());
    b.line("  %code = isub.ovf -1000, %k64".into());
    b.line("  resume.label %tok, ^done(%code)".into());
    b.line("done(%r: i64):".into());
    b.line("  ret %r".into());
    b.line("}".into());
    b.finish()
}

/// `@main`: calls every helper (some through `call.indirect`) with random arguments and prints
/// the results; calls the EH helpers with operands that fault or not.
pub(super) fn main_function(r: &mut Rng, sigs: &[Sig], n_eh: usize, extra: &[String]) -> String {
    let mut b = Builder::new(r, sigs, usize::MAX - 1);
    b.line("func @main() -> i64 {".into());
    b.line("entry:".into());
    for _ in 0..2 + b.r.below(3) {
        let t = if b.r.chance(60) { Ty::I64 } else { Ty::F64 };
        let c = b.constant(t);
        let v = match t {
            Ty::F64 => b.def(t, format!("const.f64 {c}")),
            _ => b.def(t, format!("or {c}, 0")),
        };
        b.say(&v, t);
    }
    for (i, sig) in sigs.iter().enumerate() {
        for _ in 0..1 + b.r.below(2) {
            let args: Vec<String> = sig.params.iter().map(|&t| b.pick(t)).collect();
            let ret = sig.ret;
            let v = if b.r.chance(25) {
                let fp = b.fresh();
                b.line(format!("  {fp} = addr_of @f{i}"));
                let v = b.fresh();
                b.line(format!(
                    "  {v}:{} = call.indirect {fp}({})",
                    ret.name(),
                    args.join(", ")
                ));
                b.vals.push((v.clone(), ret));
                v
            } else {
                b.def(ret, format!("call @{}({})", sig.name, args.join(", ")))
            };
            b.say(&v, ret);
        }
    }
    for k in 0..n_eh {
        for _ in 0..2 {
            let (x, y) = match b.r.below(4) {
                0 => (int_lit(b.r.below(100) as i64), "0".to_string()),
                1 => (int_lit(i64::MIN), "-1".to_string()),
                2 => (
                    int_lit(b.r.below(1000) as i64 + 1),
                    int_lit(b.r.below(9) as i64 + 1),
                ),
                _ => (int_lit(rand_int(b.r)), int_lit(rand_int(b.r))),
            };
            let v = b.def(Ty::I64, format!("call @eh{k}({x}, {y})"));
            b.say(&v, Ty::I64);
        }
    }
    for l in extra {
        b.line(l.clone());
    }
    let v = b.pick(Ty::I64);
    b.line(format!("  ret {v}"));
    b.line("}".into());
    b.finish()
}
