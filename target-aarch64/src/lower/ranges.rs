//! Integer range analysis over one IL function, for the lowering choice `range-elim`: checked
//! arithmetic (`iadd/isub/imul.ovf` at 64 bits) and `idx.chk` whose operand ranges prove they
//! cannot trap are lowered without their check.
//!
//! Every integer value gets an inclusive range `[lo, hi]` of the values it can hold when it is
//! defined: literals are exact; `and` with a non-negative side, `or`/`xor` of non-negative values,
//! shifts by constants, `srem.chk0`/`sdiv.chk0` by non-zero constants, `zext1`, `idx.chk`
//! (`[0, hi - lo - 1]`) and checked or wrapping arithmetic that provably does not overflow are
//! computed from their operands; block parameters join the arguments of every incoming `br`/`cbr`
//! edge, where a `cbr` on an integer compare of the argument narrows it on each edge
//! (`%i < 300` on the true edge: `hi ≤ 299`). Everything else (loads, calls, parameters of the
//! entry block, `switch.i32` edges) is unknown. The fixpoint is chaotic iteration from "not yet
//! reached"; a parameter of a loop header (a DFS back-edge target: every cycle has one) whose
//! range keeps growing is widened, first to the next constant the function compares against (±1),
//! after a few such steps to the type's bound, so the iteration ends; if it has not settled after
//! [`MAX_ROUNDS`] rounds, nothing is known.
//!
//! Each round is evaluated sparsely: only instructions one of whose inputs changed since their
//! last evaluation (an operand, an edge argument, or an operand of the compare a `cbr` tests) are
//! evaluated again, in storage order. A parameter of a block that is no loop header takes an
//! edge's contribution as soon as the edge is evaluated (it is never widened, and a join is
//! idempotent), so facts flow down a chain of blocks in storage order within one round; loop
//! headers' parameters are joined, and widened, at the round's end, from every edge the round
//! evaluated. An instruction whose inputs did not change would give its previous result, and an
//! edge's previous contribution is already part of its target's parameters, so every round ends
//! in exactly the state of a round that evaluates everything (a test compares the two), at a cost
//! proportional to the changes. A 200k-block chain in storage order settles in two rounds (it
//! gave up after 40 when every parameter waited for the round's end); one stored against the
//! flow still moves one block per round.
//!
//! Invariants: a range is a fact about every execution (SSA: one definition per value, so a fact
//! at the definition holds at every use); the analysis is skipped for functions with exception
//! handling (a resumed trap leaves a result at its previous value, which no range describes)
//! and results narrower than 64 bits are left unknown.

use il::{Function, Inst, Opcode, Operand, ValueId};

/// Rounds of the fixpoint before giving up.
pub const MAX_ROUNDS: usize = 40;
/// Growths of one loop-header parameter's range before it is widened.
const WIDEN_AFTER: u8 = 2;
/// Widenings to a compare constant before widening to the type's bound.
const THRESHOLD_STEPS: u8 = 6;

/// The smallest threshold ≥ `v` (`i64::MAX` if none).
fn above(t: &[i64], v: i64) -> i64 {
    let k = t.partition_point(|&x| x < v);
    t.get(k).copied().unwrap_or(i64::MAX)
}

/// The largest threshold ≤ `v` (`i64::MIN` if none).
fn below(t: &[i64], v: i64) -> i64 {
    let k = t.partition_point(|&x| x <= v);
    if k == 0 {
        i64::MIN
    } else {
        t[k - 1]
    }
}

/// An inclusive range of i64 values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub lo: i64,
    pub hi: i64,
}

impl Range {
    pub const FULL: Range = Range {
        lo: i64::MIN,
        hi: i64::MAX,
    };
    pub fn exact(k: i64) -> Range {
        Range { lo: k, hi: k }
    }
    /// The range of `[lo, hi]` given in i128, if it fits i64 (else `None`: the value may not).
    fn fit(lo: i128, hi: i128) -> Option<Range> {
        Some(Range {
            lo: i64::try_from(lo).ok()?,
            hi: i64::try_from(hi).ok()?,
        })
    }
    fn join(self, o: Range) -> Range {
        Range {
            lo: self.lo.min(o.lo),
            hi: self.hi.max(o.hi),
        }
    }
    fn nonneg(self) -> bool {
        self.lo >= 0
    }
    /// `[0, 2^bits(hi) - 1]`: holds any or/xor of non-negative values up to `hi`.
    fn bit_cover(hi: i64) -> i64 {
        let bits = 64 - hi.leading_zeros();
        if bits >= 63 {
            i64::MAX
        } else {
            (1i64 << bits) - 1
        }
    }
}

/// Analysis state of a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum St {
    /// Not reached yet (after the fixpoint: never executed).
    Bottom,
    Known(Range),
}

impl St {
    fn join(self, o: St) -> St {
        match (self, o) {
            (St::Bottom, s) | (s, St::Bottom) => s,
            (St::Known(a), St::Known(b)) => St::Known(a.join(b)),
        }
    }
}

/// Blocks that are the target of a back edge of a depth-first walk from the entry: every CFG
/// cycle contains one, so widening their parameters ends the iteration.
fn loop_headers(f: &Function) -> Vec<bool> {
    let n = f.blocks.len();
    // 0 = unvisited, 1 = on the stack, 2 = done.
    let mut color = vec![0u8; n];
    let mut header = vec![false; n];
    // The walk's path: each block with a cursor on the successors it has left (12 bytes an
    // entry: a chain of 200k blocks is a path of 200k blocks).
    let mut stack: Vec<Succs> = Vec::new();
    if n > 0 {
        color[0] = 1;
        stack.push(Succs::of(f, 0));
    }
    while let Some(top) = stack.last_mut() {
        match top.next(f) {
            Some(s) if s >= n => {}
            Some(s) => match color[s] {
                0 => {
                    color[s] = 1;
                    stack.push(Succs::of(f, s));
                }
                1 => header[s] = true,
                _ => {}
            },
            None => {
                color[top.block as usize] = 2;
                stack.pop();
            }
        }
    }
    header
}

/// The successors of a block still to visit, last first: the targets before `target` of
/// instruction `inst`, then those of the instructions before it.
struct Succs {
    block: u32,
    inst: u32,
    target: u32,
}

impl Succs {
    fn of(f: &Function, b: usize) -> Succs {
        Succs {
            block: b as u32,
            inst: f.blocks[b].insts.len() as u32,
            target: 0,
        }
    }

    fn next(&mut self, f: &Function) -> Option<usize> {
        let insts = &f.blocks[self.block as usize].insts;
        loop {
            if self.target > 0 {
                self.target -= 1;
                let i = &insts[self.inst as usize];
                return Some(i.targets[self.target as usize].block.index());
            }
            if self.inst == 0 {
                return None;
            }
            self.inst -= 1;
            self.target = insts[self.inst as usize].targets.len() as u32;
        }
    }
}

/// The instructions whose evaluation reads each value (its transfer function or its edges: the
/// edge arguments, the condition and the operands of the compare that makes it), flat.
struct Users {
    starts: Vec<u32>,
    list: Vec<u32>,
}

impl Users {
    fn new(all: &[&Inst], cmp: &[u32], nv: usize) -> Users {
        let reads = |inst: &Inst, each: &mut dyn FnMut(usize)| {
            let mut value = |o: &Operand| {
                if let Operand::Value(v) = o {
                    if v.index() < nv {
                        each(v.index());
                    }
                }
            };
            inst.operands.iter().for_each(&mut value);
            inst.targets
                .iter()
                .flat_map(|t| t.args.iter())
                .for_each(&mut value);
            if let (Opcode::Cbr, Some(Operand::Value(c))) = (inst.op, inst.operands.first()) {
                if let Some((_, x, y)) = compare(all, cmp, *c) {
                    value(x);
                    value(y);
                }
            }
        };
        let mut starts = vec![0u32; nv + 1];
        for inst in all {
            reads(inst, &mut |v| starts[v + 1] += 1);
        }
        for v in 0..nv {
            starts[v + 1] += starts[v];
        }
        let mut cursor: Vec<u32> = starts[..nv].to_vec();
        let mut list = vec![0u32; starts[nv] as usize];
        for (k, inst) in all.iter().enumerate() {
            reads(inst, &mut |v| {
                list[cursor[v] as usize] = k as u32;
                cursor[v] += 1;
            });
        }
        Users { starts, list }
    }

    /// Mark every reader of `v` for evaluation.
    fn mark(&self, v: ValueId, dirty: &mut Dirty) {
        let (lo, hi) = match (self.starts.get(v.index()), self.starts.get(v.index() + 1)) {
            (Some(&lo), Some(&hi)) => (lo as usize, hi as usize),
            _ => return,
        };
        for &k in &self.list[lo..hi] {
            dirty.set(k as usize);
        }
    }
}

/// A set of instruction indices (a bit set), walked in increasing order.
struct Dirty {
    words: Vec<u64>,
}

impl Dirty {
    /// Every index below `n`.
    fn all(n: usize) -> Dirty {
        let mut words = vec![u64::MAX; n.div_ceil(64)];
        if !n.is_multiple_of(64) {
            if let Some(w) = words.last_mut() {
                *w = (1u64 << (n % 64)) - 1;
            }
        }
        Dirty { words }
    }
    fn set(&mut self, k: usize) {
        if let Some(w) = self.words.get_mut(k / 64) {
            *w |= 1 << (k % 64);
        }
    }
    fn clear(&mut self, k: usize) {
        if let Some(w) = self.words.get_mut(k / 64) {
            *w &= !(1 << (k % 64));
        }
    }
    /// The smallest index in the set that is at least `k`.
    fn next_from(&self, k: usize) -> Option<usize> {
        let mut wi = k / 64;
        let mut w = self.words.get(wi)? & (u64::MAX << (k % 64));
        loop {
            if w != 0 {
                return Some(wi * 64 + w.trailing_zeros() as usize);
            }
            wi += 1;
            w = *self.words.get(wi)?;
        }
    }
}

/// The slot of a value that is no block parameter.
const NO_SLOT: u32 = u32::MAX;

/// `cmp`'s entry for a value no compare defines.
const NO_CMP: u32 = u32::MAX;

/// The compare (kind and operands) that defines `v`, from `cmp`, the index in `all` of each
/// value's defining compare.
fn compare<'a>(
    all: &[&'a Inst],
    cmp: &[u32],
    v: ValueId,
) -> Option<(Cmp, &'a Operand, &'a Operand)> {
    let inst = all.get(*cmp.get(v.index())? as usize)?;
    match (class(inst.op), &inst.operands[..]) {
        (Class::Cmp(c), [x, y]) => Some((c, x, y)),
        _ => None,
    }
}

/// The ranges of one function's values.
pub struct Ranges {
    st: Vec<St>,
}

/// The operation of checked or wrapping integer arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
}

/// An integer compare, as the IL spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Ult,
    Ule,
    Ugt,
    Uge,
}

impl Cmp {
    /// The compare that holds when this one does not.
    fn negate(self) -> Cmp {
        match self {
            Cmp::Eq => Cmp::Ne,
            Cmp::Ne => Cmp::Eq,
            Cmp::Lt => Cmp::Ge,
            Cmp::Ge => Cmp::Lt,
            Cmp::Le => Cmp::Gt,
            Cmp::Gt => Cmp::Le,
            Cmp::Ult => Cmp::Uge,
            Cmp::Uge => Cmp::Ult,
            Cmp::Ule => Cmp::Ugt,
            Cmp::Ugt => Cmp::Ule,
        }
    }
    /// `x op y` rewritten as `y op' x`.
    fn swap(self) -> Cmp {
        match self {
            Cmp::Eq => Cmp::Eq,
            Cmp::Ne => Cmp::Ne,
            Cmp::Lt => Cmp::Gt,
            Cmp::Gt => Cmp::Lt,
            Cmp::Le => Cmp::Ge,
            Cmp::Ge => Cmp::Le,
            Cmp::Ult => Cmp::Ugt,
            Cmp::Ugt => Cmp::Ult,
            Cmp::Ule => Cmp::Uge,
            Cmp::Uge => Cmp::Ule,
        }
    }
}

/// What the analysis needs to know about an opcode.
enum Class {
    Arith(ArithOp),
    Cmp(Cmp),
    /// Exception handling: its blocks are entered without IL edges.
    Eh,
    Other,
}

fn class(op: Opcode) -> Class {
    use Opcode::*;
    match op {
        Add | IAddOvf => Class::Arith(ArithOp::Add),
        Sub | ISubOvf => Class::Arith(ArithOp::Sub),
        Mul | IMulOvf => Class::Arith(ArithOp::Mul),
        ICmpEq => Class::Cmp(Cmp::Eq),
        ICmpNe => Class::Cmp(Cmp::Ne),
        SCmpLt => Class::Cmp(Cmp::Lt),
        SCmpLe => Class::Cmp(Cmp::Le),
        SCmpGt => Class::Cmp(Cmp::Gt),
        SCmpGe => Class::Cmp(Cmp::Ge),
        UCmpLt => Class::Cmp(Cmp::Ult),
        UCmpLe => Class::Cmp(Cmp::Ule),
        UCmpGt => Class::Cmp(Cmp::Ugt),
        UCmpGe => Class::Cmp(Cmp::Uge),
        EhPush | EhPop | EhEntry | ResumeSame | ResumeNext | ResumeLabel | TrapKind | TrapErr
        | ErrGetKind | ErrGetCode | ErrGetLine | ErrGetIp => Class::Eh,
        And | Or | Xor | Shl | LShr | AShr | FAdd | FSub | FMul | FDiv | SDiv | SDivChk0 | UDiv
        | UDivChk0 | SRem | SRemChk0 | URem | URemChk0 | IdxChk | FCmpEq | FCmpNe | FCmpLt
        | FCmpLe | FCmpGt | FCmpGe | FCmpOrd | FCmpUno | Sitofp | CastSiToFp | CastUiToFp
        | CastFpToSiRteChk | CastFpToUiRteChk | Fptosi | CastSiNarrowChk | CastUiNarrowChk
        | Zext1 | Trunc1 | Alloca | Gep | Load | Store | AddrOf | GAddr | ConstStr | ConstNull
        | ConstF64 | Call | CallIndirect | Br | Cbr | SwitchI32 | Ret | Trap | TrapFromErr => {
            Class::Other
        }
    }
}

/// The arithmetic operation of `op`, if it is checked or wrapping add/sub/mul.
pub fn arith_op(op: Opcode) -> Option<ArithOp> {
    match class(op) {
        Class::Arith(a) => Some(a),
        Class::Cmp(_) | Class::Eh | Class::Other => None,
    }
}

/// The range of `a op b`, if no pair of operand values can overflow 64 bits (`None`: it may).
pub fn arith(op: ArithOp, a: Range, b: Range) -> Option<Range> {
    let (al, ah, bl, bh) = (a.lo as i128, a.hi as i128, b.lo as i128, b.hi as i128);
    match op {
        ArithOp::Add => Range::fit(al + bl, ah + bh),
        ArithOp::Sub => Range::fit(al - bh, ah - bl),
        ArithOp::Mul => {
            let p = [al * bl, al * bh, ah * bl, ah * bh];
            let lo = p.iter().copied().min().unwrap_or(0);
            let hi = p.iter().copied().max().unwrap_or(0);
            Range::fit(lo, hi)
        }
    }
}

/// True if `idx.chk` with index range `idx` and bound ranges `lo`, `hi` cannot trap.
pub fn idx_in_bounds(idx: Range, lo: Range, hi: Range) -> bool {
    lo.hi <= idx.lo && idx.hi < hi.lo
}

impl Ranges {
    /// No facts (analysis switched off or not applicable).
    pub fn none(f: &Function) -> Ranges {
        Ranges {
            st: vec![St::Known(Range::FULL); f.values.len()],
        }
    }

    /// Analyse `f` (no facts for functions with exception handling).
    pub fn analyze(f: &Function) -> Ranges {
        Ranges::analyze_with(f, false)
    }

    /// [`Ranges::analyze`]; with `recheck_all`, every instruction is evaluated in every round
    /// (the plain rounds the sparse evaluation must match: tests compare the two).
    fn analyze_with(f: &Function, recheck_all: bool) -> Ranges {
        let insts = || f.blocks.iter().flat_map(|b| b.insts.iter());
        let eh = insts().any(|i| matches!(class(i.op), Class::Eh));
        if eh || f.blocks.is_empty() {
            return Ranges::none(f);
        }
        let all: Vec<&Inst> = insts().collect();
        // The compare defining each i1 value that a `cbr` may test: its index in `all`
        // ([`NO_CMP`]: none; 4 bytes a value, read through [`compare`]).
        let mut cmp: Vec<u32> = vec![NO_CMP; f.values.len()];
        for (k, i) in all.iter().enumerate() {
            if let (Class::Cmp(_), Some(v), [_, _]) = (class(i.op), i.result, &i.operands[..]) {
                if let Some(slot) = cmp.get_mut(v.index()) {
                    *slot = k as u32;
                }
            }
        }
        let mut r = Ranges {
            st: vec![St::Bottom; f.values.len()],
        };
        for &p in &f.blocks[0].params {
            r.set(p, St::Known(Range::FULL));
        }
        let headers = loop_headers(f);
        // Widening thresholds: the integer constants compared against, and their neighbours.
        let mut thresholds: Vec<i64> = insts()
            .filter(|i| matches!(class(i.op), Class::Cmp(_)))
            .flat_map(|i| i.operands.iter())
            .filter_map(|o| match o {
                Operand::Int(k) => Some(*k),
                _ => None,
            })
            .flat_map(|k| [k.saturating_sub(1), k, k.saturating_add(1)])
            .chain([0])
            .collect();
        thresholds.sort_unstable();
        thresholds.dedup();
        let nv = f.values.len();
        // Block parameters get dense slots (`slot`, indexed by value; [`NO_SLOT`]: no block
        // parameter), and their per-round state is kept by slot: parameters are a fraction
        // of the values.
        let mut slot = vec![NO_SLOT; nv];
        // The block of each slot's parameter.
        let mut param_block: Vec<usize> = Vec::new();
        for (bi, b) in f.blocks.iter().enumerate() {
            for &p in &b.params {
                if let Some(s @ &mut NO_SLOT) = slot.get_mut(p.index()) {
                    *s = param_block.len() as u32;
                    param_block.push(bi);
                }
            }
        }
        let np = param_block.len();
        let users = Users::new(&all, &cmp, nv);
        let mut dirty = Dirty::all(all.len());
        let mut grown = vec![0u8; np];
        let mut incoming: Vec<St> = vec![St::Bottom; np];
        // Parameters some evaluated edge fed this round (each once: `fed` marks them).
        let mut fed_list: Vec<ValueId> = Vec::new();
        let mut fed = vec![false; np];
        for _ in 0..MAX_ROUNDS {
            let mut changed = false;
            if recheck_all {
                dirty = Dirty::all(all.len());
            }
            let mut next = dirty.next_from(0);
            while let Some(k) = next {
                dirty.clear(k);
                let inst = all[k];
                if let Some(v) = inst.result {
                    let s = r.transfer(inst);
                    if r.get(v) != s {
                        r.set(v, s);
                        changed = true;
                        users.mark(v, &mut dirty);
                    }
                }
                if !inst.targets.is_empty() {
                    r.edges(f, inst, &all, &cmp, &slot, &mut incoming);
                    for t in &inst.targets {
                        let bi = t.block.index();
                        // A parameter of a block that is no loop header takes what the edge
                        // gives at once (it is never widened), so facts flow down a chain of
                        // blocks in storage order within one round.
                        let now = bi != 0 && !headers.get(bi).copied().unwrap_or(true);
                        for &p in f.blocks.get(bi).map_or(&[][..], |b| &b.params) {
                            let Some(&ps) = slot.get(p.index()) else {
                                continue;
                            };
                            if let Some(m @ false) = fed.get_mut(ps as usize) {
                                *m = true;
                                fed_list.push(p);
                            }
                            if now {
                                let old = r.get(p);
                                let new = old.join(incoming[ps as usize]);
                                if new != old {
                                    r.set(p, new);
                                    changed = true;
                                    users.mark(p, &mut dirty);
                                }
                            }
                        }
                    }
                }
                next = dirty.next_from(k + 1);
            }
            for &p in &fed_list {
                let ps = slot[p.index()] as usize;
                let bi = param_block[ps];
                if bi == 0 {
                    continue;
                }
                let old = r.get(p);
                let mut new = old.join(incoming[ps]);
                if let (St::Known(o), St::Known(n), true) = (old, new, headers[bi]) {
                    if n != o {
                        let g = &mut grown[ps];
                        *g = g.saturating_add(1);
                        if *g > WIDEN_AFTER {
                            // Widen to the next compare constant, or to the type's bound
                            // once that has been done THRESHOLD_STEPS times.
                            let hard = *g > WIDEN_AFTER + THRESHOLD_STEPS;
                            new = St::Known(Range {
                                lo: if n.lo >= o.lo {
                                    n.lo
                                } else if hard {
                                    i64::MIN
                                } else {
                                    below(&thresholds, n.lo)
                                },
                                hi: if n.hi <= o.hi {
                                    n.hi
                                } else if hard {
                                    i64::MAX
                                } else {
                                    above(&thresholds, n.hi)
                                },
                            });
                        }
                    }
                }
                if new != old {
                    r.set(p, new);
                    changed = true;
                    users.mark(p, &mut dirty);
                }
            }
            for p in fed_list.drain(..) {
                let ps = slot[p.index()] as usize;
                incoming[ps] = St::Bottom;
                fed[ps] = false;
            }
            if !changed {
                return r;
            }
        }
        Ranges::none(f)
    }

    fn get(&self, v: ValueId) -> St {
        self.st
            .get(v.index())
            .copied()
            .unwrap_or(St::Known(Range::FULL))
    }
    fn set(&mut self, v: ValueId, s: St) {
        if let Some(x) = self.st.get_mut(v.index()) {
            *x = s;
        }
    }

    /// The range of value `v` (a value never reached counts as unknown).
    pub fn of_value(&self, v: ValueId) -> Range {
        match self.get(v) {
            St::Known(r) => r,
            St::Bottom => Range::FULL,
        }
    }

    /// The range of an integer operand (unknown for non-integer operands).
    pub fn of(&self, op: &Operand) -> Range {
        match op {
            Operand::Int(k) => Range::exact(*k),
            Operand::Value(v) => self.of_value(*v),
            Operand::Bool(b) => Range::exact(i64::from(*b)),
            Operand::F64(_) | Operand::Null | Operand::Str(_) | Operand::Sym(_) => Range::FULL,
        }
    }

    fn st_of(&self, op: &Operand) -> St {
        match op {
            Operand::Value(v) => self.get(*v),
            Operand::Int(_)
            | Operand::Bool(_)
            | Operand::F64(_)
            | Operand::Null
            | Operand::Str(_)
            | Operand::Sym(_) => St::Known(self.of(op)),
        }
    }

    /// The state of `inst`'s result from its operands' states.
    fn transfer(&self, inst: &Inst) -> St {
        if inst.operands.iter().any(|o| self.st_of(o) == St::Bottom) {
            return St::Bottom;
        }
        let k = |i: usize| inst.operands.get(i).map_or(Range::FULL, |o| self.of(o));
        let konst = |i: usize| match inst.operands.get(i) {
            Some(Operand::Int(c)) => Some(*c),
            _ => None,
        };
        let narrow = inst.annotated && inst.ty != il::Type::I64;
        use Opcode::*;
        let r = match inst.op {
            Add | Sub | Mul | IAddOvf | ISubOvf | IMulOvf => match arith_op(inst.op) {
                Some(op) if !narrow => arith(op, k(0), k(1)),
                Some(_) | None => None,
            },
            And => match (k(0), k(1)) {
                (a, b) if a.nonneg() && b.nonneg() => Some(Range {
                    lo: 0,
                    hi: a.hi.min(b.hi),
                }),
                (a, _) if a.nonneg() => Some(Range { lo: 0, hi: a.hi }),
                (_, b) if b.nonneg() => Some(Range { lo: 0, hi: b.hi }),
                _ => None,
            },
            Or | Xor => match (k(0), k(1)) {
                (a, b) if a.nonneg() && b.nonneg() => Some(Range {
                    lo: 0,
                    hi: Range::bit_cover(a.hi.max(b.hi)),
                }),
                _ => None,
            },
            Shl => match konst(1) {
                Some(s @ 0..=62) if k(0).nonneg() => {
                    Range::fit((k(0).lo as i128) << s, (k(0).hi as i128) << s)
                }
                _ => None,
            },
            LShr => match konst(1).map(|s| s & 63) {
                Some(0) => Some(k(0)),
                Some(s) if k(0).nonneg() => Some(Range {
                    lo: k(0).lo >> s,
                    hi: k(0).hi >> s,
                }),
                Some(s) => Some(Range {
                    lo: 0,
                    hi: (u64::MAX >> s) as i64,
                }),
                None => None,
            },
            AShr => konst(1).map(|s| Range {
                lo: k(0).lo >> (s & 63),
                hi: k(0).hi >> (s & 63),
            }),
            SRemChk0 => match konst(1) {
                Some(d) if d != 0 && d != i64::MIN => {
                    let m = d.abs() - 1;
                    Some(Range {
                        lo: if k(0).nonneg() { 0 } else { -m },
                        hi: if k(0).hi <= 0 { 0 } else { m },
                    })
                }
                _ => None,
            },
            SDivChk0 => match konst(1) {
                Some(d) if d > 0 => Some(Range {
                    lo: k(0).lo / d,
                    hi: k(0).hi / d,
                }),
                _ => None,
            },
            IdxChk => {
                let top = k(2).hi as i128 - k(1).lo as i128 - 1;
                if top >= 0 {
                    Range::fit(0, top)
                } else {
                    None
                }
            }
            Zext1 => Some(Range { lo: 0, hi: 1 }),
            FAdd | FSub | FMul | FDiv | SDiv | UDiv | UDivChk0 | SRem | URem | URemChk0
            | ICmpEq | ICmpNe | SCmpLt | SCmpLe | SCmpGt | SCmpGe | UCmpLt | UCmpLe | UCmpGt
            | UCmpGe | FCmpEq | FCmpNe | FCmpLt | FCmpLe | FCmpGt | FCmpGe | FCmpOrd | FCmpUno
            | Sitofp | CastSiToFp | CastUiToFp | CastFpToSiRteChk | CastFpToUiRteChk | Fptosi
            | CastSiNarrowChk | CastUiNarrowChk | Trunc1 | Alloca | Gep | Load | Store | AddrOf
            | GAddr | ConstStr | ConstNull | ConstF64 | Call | CallIndirect | Br | Cbr
            | SwitchI32 | Ret | Trap | TrapFromErr | TrapKind | TrapErr | ErrGetKind
            | ErrGetCode | ErrGetLine | ErrGetIp | EhPush | EhPop | EhEntry | ResumeSame
            | ResumeNext | ResumeLabel => None,
        };
        St::Known(r.unwrap_or(Range::FULL))
    }

    /// Join the arguments of `inst`'s edges into `incoming`: `br`/`cbr` arguments with their
    /// ranges, narrowed on `cbr` edges by the compare that makes the condition; parameters of
    /// other edges' targets become unknown.
    fn edges(
        &self,
        f: &Function,
        inst: &Inst,
        all: &[&Inst],
        cmp: &[u32],
        slot: &[u32],
        incoming: &mut [St],
    ) {
        // A parameter's entry in `incoming` (its slot; every block parameter has one).
        let at = |p: ValueId| slot.get(p.index()).map(|&s| s as usize);
        let plain = matches!(inst.op, Opcode::Br | Opcode::Cbr);
        let cond = match (inst.op, inst.operands.first()) {
            (Opcode::Cbr, Some(Operand::Value(c))) => compare(all, cmp, *c),
            _ => None,
        };
        for (ti, t) in inst.targets.iter().enumerate() {
            let Some(block) = f.blocks.get(t.block.index()) else {
                continue;
            };
            if !plain || block.params.len() != t.args.len() {
                for &p in &block.params {
                    if let Some(i) = at(p).and_then(|k| incoming.get_mut(k)) {
                        *i = St::Known(Range::FULL);
                    }
                }
                continue;
            }
            for (&p, a) in block.params.iter().zip(t.args.iter()) {
                let s = match (self.st_of(a), cond) {
                    (St::Known(r), Some((c, x, y))) => {
                        let c = if ti == 0 { c } else { c.negate() };
                        St::Known(self.narrow_on_edge(c, a, x, y, r))
                    }
                    (s, _) => s,
                };
                if let Some(i) = at(p).and_then(|k| incoming.get_mut(k)) {
                    *i = i.join(s);
                }
            }
        }
    }

    /// Narrow `r`, the range of edge argument `a`, knowing that `x c y` holds on this edge.
    fn narrow_on_edge(&self, c: Cmp, a: &Operand, x: &Operand, y: &Operand, r: Range) -> Range {
        let same = |o: &Operand| matches!((o, a), (Operand::Value(p), Operand::Value(q)) if p == q);
        // Normalise to `a c other`.
        let (other, c) = if same(x) {
            (self.of(y), c)
        } else if same(y) {
            (self.of(x), c.swap())
        } else {
            return r;
        };
        let (lo, hi) = (r.lo as i128, r.hi as i128);
        let (ol, oh) = (other.lo as i128, other.hi as i128);
        let (nl, nh) = match c {
            Cmp::Lt => (lo, hi.min(oh - 1)),
            Cmp::Le => (lo, hi.min(oh)),
            Cmp::Gt => (lo.max(ol + 1), hi),
            Cmp::Ge => (lo.max(ol), hi),
            Cmp::Eq => (lo.max(ol), hi.min(oh)),
            // a <u other with other ≥ 0: 0 ≤ a < other.
            Cmp::Ult if ol >= 0 => (lo.max(0), hi.min(oh - 1)),
            Cmp::Ule if ol >= 0 => (lo.max(0), hi.min(oh)),
            Cmp::Ne | Cmp::Ult | Cmp::Ule | Cmp::Ugt | Cmp::Uge => (lo, hi),
        };
        if nl > nh {
            // No value takes this edge: the unnarrowed range is still sound.
            return r;
        }
        Range::fit(nl, nh).unwrap_or(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn func(src: &str) -> il::Module {
        let m = il::parse(src, "ranges.il").unwrap_or_else(|e| panic!("{e:?}"));
        il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
        m
    }

    /// The range of the value named `name` in the first function.
    fn range_of(m: &il::Module, name: &str) -> Range {
        let f = &m.functions[0];
        let r = Ranges::analyze(f);
        let v = f
            .values
            .iter()
            .position(|d| d.name.as_str() == name)
            .unwrap_or_else(|| panic!("no value {name}"));
        r.of_value(ValueId(v as u32))
    }

    const COUNTED: &str = "il 0.2.0
func @main() -> i64 {
entry:
  br loop(0, 0)
loop(%i: i64, %s: i64):
  %done = scmp_ge %i, 300
  cbr %done, exit(%s), body(%i, %s)
body(%bi: i64, %bs: i64):
  %k = idx.chk %bi, 0, 300
  %off = imul.ovf %k, 8
  %m = and %bs, 65535
  %t = iadd.ovf %m, %off
  %bi1 = iadd.ovf %bi, 1
  br loop(%bi1, %t)
exit(%r: i64):
  ret %r
}
";

    /// A chain of `n` blocks as `bench/gen_module.py --chain` makes it (every fifth block ends in a
    /// `cbr` whose arms pass different values), stored in reverse order when `reversed`.
    fn chain(n: usize, reversed: bool) -> String {
        let mut blocks = Vec::new();
        for k in 0..n {
            let next = if k + 1 == n {
                "  ret %w{k}".replace("{k}", &k.to_string())
            } else if k % 5 == 0 {
                format!(
                    "  %c{k} = scmp_gt %w{k}, 1000\n  cbr %c{k}, ^b{n1}(%v{k}), ^b{n1}(%w{k})",
                    n1 = k + 1
                )
            } else {
                format!("  br b{}(%w{k})", k + 1)
            };
            blocks.push(format!(
                "b{k}(%v{k}: i64):\n  %w{k} = iadd.ovf %v{k}, {k}\n{next}\n"
            ));
        }
        if reversed {
            blocks.reverse();
        }
        format!(
            "il 0.2.0\nfunc @main() -> i64 {{\nentry:\n  br b0(0)\n{}}}\n",
            blocks.concat()
        )
    }

    #[test]
    fn sparse_rounds_give_exactly_the_plain_rounds_results() {
        // Converging chains (in and against storage order), one too long to settle in
        // MAX_ROUNDS plain rounds (so: no facts), and loops with widening.
        let long = MAX_ROUNDS + 10;
        for src in [
            chain(12, false),
            chain(12, true),
            chain(long, false),
            chain(long, true),
            COUNTED.to_string(),
        ] {
            let m = func(&src);
            let f = &m.functions[0];
            let (sparse, plain) = (
                Ranges::analyze_with(f, false),
                Ranges::analyze_with(f, true),
            );
            assert_eq!(sparse.st, plain.st, "{src}");
        }
        // The short chains are fully known; the long one in storage order too (a block that is
        // no loop header takes its edges' facts within the round), the long one against
        // storage order gives up (each round carries facts one block further back).
        let w = |src: &str, name: &str| range_of(&func(src), name);
        assert_eq!(w(&chain(12, true), "w11").hi, (0..12).sum::<i64>());
        assert_eq!(w(&chain(12, false), "w11").hi, (0..12).sum::<i64>());
        // Block 45's false edge passes `%w45` (≤ 1000 there, 1035 at most) and its true edge
        // `%v45` (990 at most): `%v46` ≤ 1000, then 46 + 47 + 48 + 49 more.
        assert_eq!(w(&chain(long, false), "w49").hi, 1000 + 46 + 47 + 48 + 49);
        assert_eq!(w(&chain(long, true), "w49"), Range::FULL);
    }

    #[test]
    fn the_dirty_set_is_walked_in_increasing_order() {
        let mut d = Dirty::all(130);
        assert_eq!(d.next_from(0), Some(0));
        assert_eq!(d.next_from(129), Some(129));
        assert_eq!(d.next_from(130), None);
        for k in 0..130 {
            d.clear(k);
        }
        assert_eq!(d.next_from(0), None);
        d.set(70);
        d.set(3);
        assert_eq!(d.next_from(0), Some(3));
        assert_eq!(d.next_from(4), Some(70));
        assert_eq!(d.next_from(71), None);
        assert_eq!(Dirty::all(64).next_from(63), Some(63));
        assert_eq!(Dirty::all(64).next_from(64), None);
    }

    #[test]
    fn a_counted_loop_bounds_its_index_on_the_loop_edge() {
        let m = func(COUNTED);
        assert_eq!(range_of(&m, "bi"), Range { lo: 0, hi: 299 });
        assert_eq!(range_of(&m, "bi1"), Range { lo: 1, hi: 300 });
        assert_eq!(range_of(&m, "k"), Range { lo: 0, hi: 299 });
        assert_eq!(range_of(&m, "off"), Range { lo: 0, hi: 2392 });
        assert_eq!(range_of(&m, "m"), Range { lo: 0, hi: 65535 });
        assert_eq!(
            range_of(&m, "t"),
            Range {
                lo: 0,
                hi: 65535 + 2392
            }
        );
        // The index grows each round until it is widened to a compared constant.
        assert_eq!(range_of(&m, "i"), Range { lo: 0, hi: 300 });
        // The accumulator grew on every round until it was widened; the mask bounds it again.
        assert_eq!(
            range_of(&m, "s"),
            Range {
                lo: 0,
                hi: i64::MAX
            }
        );
        assert_eq!(
            range_of(&m, "r"),
            Range {
                lo: 0,
                hi: i64::MAX
            }
        );
        let f = &m.functions[0];
        let r = Ranges::analyze(f);
        assert!(idx_in_bounds(
            range_of(&m, "bi"),
            Range::exact(0),
            Range::exact(300)
        ));
        assert_eq!(r.of_value(ValueId(0)), Range { lo: 0, hi: 300 });
        assert!(arith(ArithOp::Add, Range::FULL, Range::exact(1)).is_none());
        assert!(arith(ArithOp::Add, range_of(&m, "bi"), Range::exact(1)).is_some());
    }

    #[test]
    fn an_unbounded_product_stays_unknown() {
        let m = func(
            "il 0.2.0
func @main() -> i64 {
entry:
  br loop(1)
loop(%x: i64):
  %big = icmp_eq %x, 0
  cbr %big, exit(%x), body(%x)
body(%b: i64):
  %y = imul.ovf %b, 3
  br loop(%y)
exit(%r: i64):
  ret %r
}
",
        );
        // x grows without a bound: widened to the top, so the multiply may overflow, keeps its
        // check and makes x unknown.
        assert!(arith(ArithOp::Mul, range_of(&m, "b"), Range::exact(3)).is_none());
        assert_eq!(range_of(&m, "y"), Range::FULL);
        assert_eq!(range_of(&m, "x"), Range::FULL);
    }

    #[test]
    fn the_false_edge_narrows_with_the_negated_compare_and_loads_are_unknown() {
        let m = func(
            "il 0.2.0
func @f(ptr %p) -> i64 {
entry(%p: ptr):
  %v = load i64, %p
  %neg = scmp_lt %v, 10
  cbr %neg, small(%v), large(%v)
small(%s: i64):
  ret %s
large(%l: i64):
  %w = isub.ovf %l, 10
  ret %w
}
",
        );
        assert_eq!(range_of(&m, "v"), Range::FULL);
        assert_eq!(
            range_of(&m, "s"),
            Range {
                lo: i64::MIN,
                hi: 9
            }
        );
        assert_eq!(
            range_of(&m, "l"),
            Range {
                lo: 10,
                hi: i64::MAX
            }
        );
        assert_eq!(
            range_of(&m, "w"),
            Range {
                lo: 0,
                hi: i64::MAX - 10
            }
        );
    }

    #[test]
    fn functions_with_exception_handling_get_no_facts() {
        let m = func(
            "il 0.2.0
func @main() -> i64 {
entry:
  eh.push ^h
  %a = and 7, 3
  eh.pop
  ret %a
handler ^h(%err: Error, %tok: ResumeTok):
  eh.entry
  ret 0
}
",
        );
        assert_eq!(range_of(&m, "a"), Range::FULL);
    }

    #[test]
    fn shifts_remainders_and_bit_operations() {
        let m = func(
            "il 0.2.0
func @f(i64 %x) -> i64 {
entry(%x: i64):
  %a = lshr %x, 60
  %b = ashr %x, 62
  %c = srem.chk0 %x, 17
  %d = and %x, 255
  %e = xor %d, 1000
  %g = shl %d, 4
  %h = sdiv.chk0 %d, 16
  %z = zext1 true
  %s = iadd.ovf %e, %g
  ret %s
}
",
        );
        assert_eq!(range_of(&m, "a"), Range { lo: 0, hi: 15 });
        assert_eq!(range_of(&m, "b"), Range { lo: -2, hi: 1 });
        assert_eq!(range_of(&m, "c"), Range { lo: -16, hi: 16 });
        assert_eq!(range_of(&m, "e"), Range { lo: 0, hi: 1023 });
        assert_eq!(range_of(&m, "g"), Range { lo: 0, hi: 4080 });
        assert_eq!(range_of(&m, "h"), Range { lo: 0, hi: 15 });
        assert_eq!(range_of(&m, "z"), Range { lo: 0, hi: 1 });
        assert_eq!(range_of(&m, "s"), Range { lo: 0, hi: 5103 });
    }
}
