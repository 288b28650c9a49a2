//! `inline`: replace direct calls to small module functions by a copy of the callee's body.
//!
//! Which calls: `call @g(...)` where `@g` is a function defined in the module (not also an
//! extern or a runtime function), not on a cycle of the call graph, without EH opcodes
//! (`eh.*`, `resume.*`, `err.get_*`, `trap.kind`, `trap.err`) and without `alloca` (a copy in a
//! loop would grow the caller's frame per iteration), with at most [`SMALL`] instructions, or
//! at most [`SINGLE_SITE`] when it is called from one place only and has had no call of its own
//! inlined (the callee stays in the module: copies of copies would multiply a call chain's
//! code); the caller has no EH opcodes and stays under [`CALLER_MAX`] instructions; and the
//! module grows by at most half its size plus [`GROWTH_BASE`] instructions (callers take their
//! shares callees first, in a fixed order). Functions are processed callees first, so a callee
//! is copied with its own calls already inlined.
//!
//! How (SSA kept, IL-SPEC §5 scoping kept): the caller block is split at the call. The first
//! part ends in `br` to the copy of the callee's entry block, passing the arguments; every callee
//! value gets a fresh id, every block a fresh label; each `ret` becomes a `br` to the
//! continuation block (the rest of the caller block), which takes the result as a block
//! parameter. Block parameters are local to their block, so the caller block's parameters that
//! the continuation uses are threaded through every copied block as extra parameters. A result
//! used outside the caller block cannot be a block parameter: then the callee must have one
//! `ret` of an instruction result, and that instruction defines the call's result id directly.
//! Calls whose arguments would not be valid branch arguments (a literal for an `i16`/`i32`
//! parameter, an `@name`, a type that differs) are left alone.
//!
//! Every copied or moved instruction keeps the position it was written at in
//! `il::Inst::origin` (set once, never overwritten), so a trap in inlined code names the callee,
//! its block and index; `.loc` and spans are copied unchanged.

use codegen_api::{CodegenError, CodegenOptions};
use il::{
    Block, BlockId, Function, Inst, Module, Opcode, Operand, Origin, Symbol, ValueData, ValueId,
};
use rayon::prelude::*;
use std::borrow::Cow;

/// Callees of at most this many instructions are inlined at every call site.
pub const SMALL: usize = 30;
/// Callees called from one place are inlined up to this many instructions.
pub const SINGLE_SITE: usize = 200;
/// No inlining makes a caller larger than this many instructions.
pub const CALLER_MAX: usize = 3000;
/// Inlining adds at most half the module's instructions plus this many (the corpus stays far
/// below: 1.4 % in all, 2.25x at most for a 28-instruction program).
pub const GROWTH_BASE: usize = 4096;

/// The pass entry point: the module with the calls inlined (a borrowed one copied first), or
/// the module as it came when no call can be inlined.
pub fn run<'m>(
    m: Cow<'m, Module>,
    _options: &CodegenOptions,
) -> Result<Cow<'m, Module>, CodegenError> {
    let plan = Plan::new(&m);
    if !plan.any_candidate(&m) {
        return Ok(m);
    }
    let mut out = match m {
        Cow::Owned(m) => m,
        Cow::Borrowed(m) => m.clone_in_parallel(),
    };
    plan.apply(&mut out);
    Ok(Cow::Owned(out))
}

fn size(f: &Function) -> usize {
    f.blocks.iter().map(|b| b.insts.len()).sum()
}

fn insts(f: &Function) -> impl Iterator<Item = &Inst> {
    f.blocks.iter().flat_map(|b| b.insts.iter())
}

/// Strongly connected components of the call graph, callees before callers (Tarjan), and
/// whether each function is on a cycle.
fn bottom_up(calls: &[Vec<usize>]) -> (Vec<usize>, Vec<bool>) {
    let n = calls.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut order = Vec::with_capacity(n);
    let mut cyclic = vec![false; n];
    let mut next = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // Iterative DFS: (node, next edge).
        let mut dfs = vec![(root, 0usize)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut e)) = dfs.last_mut() {
            if let Some(&w) = calls[v].get(*e) {
                *e += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    dfs.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            dfs.pop();
            if let Some(&(u, _)) = dfs.last() {
                low[u] = low[u].min(low[v]);
            }
            if low[v] == index[v] {
                let mut scc = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    scc.push(w);
                    if w == v {
                        break;
                    }
                }
                let cycle = scc.len() > 1 || calls[v].contains(&v);
                for &w in &scc {
                    cyclic[w] = cycle;
                }
                order.extend(scc);
            }
        }
    }
    (order, cyclic)
}

/// Inline every call the module-level rules allow (see the module doc); returns how many.
pub fn inline_module(m: &mut Module) -> usize {
    Plan::new(m).apply(m)
}

/// The module-wide facts inlining decides with, computed once from the module before it changes
/// (the functions keep their indices while calls are inlined).
struct Plan {
    by_name: il::hash::FxMap<Symbol, usize>,
    /// Per function: the module functions it calls directly, one entry per call.
    calls: Vec<Vec<usize>>,
    /// Per function: how many direct calls name it.
    sites: Vec<usize>,
    /// Callees before callers.
    order: Vec<usize>,
    has_eh: Vec<bool>,
    /// Whether the function may be inlined at all (its size aside).
    callee_ok: Vec<bool>,
}

impl Plan {
    fn new(m: &Module) -> Plan {
        let by_name: il::hash::FxMap<Symbol, usize> = m
            .functions
            .iter()
            .enumerate()
            .map(|(i, f)| (f.name, i))
            .collect();
        // Per function, in one walk of its instructions (functions in parallel): its direct
        // calls of module functions, whether it has EH opcodes, whether it has an `alloca`.
        let facts: Vec<(Vec<usize>, bool, bool)> = m
            .functions
            .par_iter()
            .map(|f| {
                let (mut calls, mut eh, mut alloca) = (Vec::new(), false, false);
                for i in insts(f) {
                    match i.op {
                        Opcode::Call => {
                            if let Some(g) = i.callee.and_then(|c| by_name.get(&c).copied()) {
                                calls.push(g);
                            }
                        }
                        Opcode::Alloca => alloca = true,
                        op => eh |= op.is_eh(),
                    }
                }
                (calls, eh, alloca)
            })
            .collect();
        let mut calls = Vec::with_capacity(facts.len());
        let mut has_eh = Vec::with_capacity(facts.len());
        let mut has_alloca = Vec::with_capacity(facts.len());
        for (c, e, a) in facts {
            calls.push(c);
            has_eh.push(e);
            has_alloca.push(a);
        }
        let mut sites = vec![0usize; m.functions.len()];
        for &c in calls.iter().flatten() {
            sites[c] += 1;
        }
        let (order, cyclic) = bottom_up(&calls);
        let callee_ok: Vec<bool> = m
            .functions
            .iter()
            .enumerate()
            .map(|(i, f)| {
                !cyclic[i]
                    && !has_eh[i]
                    && !has_alloca[i]
                    && !f.blocks.is_empty()
                    && m.extern_decl(f.name).is_none()
                    && il::runtime_sigs::lookup(m.sym_name(f.name)).is_none()
            })
            .collect();
        Plan {
            by_name,
            calls,
            sites,
            order,
            has_eh,
            callee_ok,
        }
    }

    /// Whether a callee `gi` of `gs` instructions may go into a caller of `fsize`; `grown`: the
    /// callee has calls of its own inlined. Only a callee that has not grown may pass by the
    /// one-site rule: the callee stays in the module, so each copy of a copy is new code, and a
    /// chain of functions each calling the next once would otherwise give every function of
    /// the chain a copy of the next [`SINGLE_SITE`] instructions of it (a 25k-function chain:
    /// 66 times the code, 19.5 s and 2.4 GB).
    fn fits(&self, gi: usize, gs: usize, fsize: usize, grown: bool) -> bool {
        self.callee_ok[gi]
            && (gs <= SMALL || (self.sites[gi] == 1 && gs <= SINGLE_SITE && !grown))
            && fsize + gs <= CALLER_MAX
    }

    /// Whether any call passes the module-level rules (a necessary condition for [`Plan::apply`]
    /// to change anything; `can_inline`'s per-site checks come on top).
    fn any_candidate(&self, m: &Module) -> bool {
        self.order.iter().any(|&fi| {
            let fsize = size(&m.functions[fi]);
            !self.has_eh[fi]
                && self.calls[fi]
                    .iter()
                    .any(|&gi| gi != fi && self.fits(gi, size(&m.functions[gi]), fsize, false))
        })
    }

    /// Inline into `m` (the module the plan was made from, or a copy of it); returns how many
    /// calls were inlined.
    ///
    /// A caller reads only the callees that pass [`Plan::fits`], and those are done first:
    /// each function's level is one more than its highest inlinable callee's, and every
    /// function of a level is processed in parallel (taken out of the module), the levels in
    /// order. Each caller's result depends on its callees' finished bodies alone, so the module
    /// is the one a serial pass in `order` makes.
    fn apply(&self, m: &mut Module) -> usize {
        let mut level = vec![0usize; m.functions.len()];
        for &fi in &self.order {
            level[fi] = self.calls[fi]
                .iter()
                .filter(|&&g| g != fi && self.callee_ok[g])
                .map(|&g| level[g] + 1)
                .max()
                .unwrap_or(0);
        }
        let mut by_level: Vec<Vec<usize>> = Vec::new();
        for &fi in &self.order {
            if self.has_eh[fi] || self.calls[fi].is_empty() {
                continue;
            }
            if by_level.len() <= level[fi] {
                by_level.resize_with(level[fi] + 1, Vec::new);
            }
            by_level[level[fi]].push(fi);
        }
        let mut count = 0;
        // Per function: it has had calls inlined (its level is done).
        let mut grown = vec![false; m.functions.len()];
        // The instructions inlining may still add to the module (see GROWTH_BASE).
        let mut budget = m.functions.iter().map(size).sum::<usize>() / 2 + GROWTH_BASE;
        for fns in by_level {
            // Each caller's share of the budget, in order: what the rules would let it take
            // (calls in order, each callee at its final size), at most what is left.
            let quotas: Vec<usize> = fns
                .iter()
                .map(|&fi| {
                    let mut fsize = size(&m.functions[fi]);
                    let mut want = 0;
                    for &gi in &self.calls[fi] {
                        let gs = size(&m.functions[gi]);
                        if gi != fi && self.fits(gi, gs, fsize, grown[gi]) {
                            fsize += gs;
                            want += gs;
                        }
                    }
                    let quota = want.min(budget);
                    budget -= quota;
                    quota
                })
                .collect();
            let taken: Vec<(usize, Function)> = fns
                .iter()
                .map(|&fi| {
                    let name = m.functions[fi].name;
                    (
                        fi,
                        std::mem::replace(&mut m.functions[fi], empty_function(name)),
                    )
                })
                .collect();
            let module: &Module = m;
            let grown_so_far: &[bool] = &grown;
            let done: Vec<(usize, Function, usize)> = taken
                .into_par_iter()
                .zip(quotas)
                .map(|((fi, mut f), quota)| {
                    let n = self.inline_into(&mut f, fi, module, grown_so_far, quota);
                    (fi, f, n)
                })
                .collect();
            for (fi, f, n) in done {
                m.functions[fi] = f;
                grown[fi] = n > 0;
                count += n;
            }
        }
        count
    }

    /// Inline the eligible calls of `f` (function `fi` of `m`, taken out of it; its inlinable
    /// callees in `m` are final); returns how many.
    fn inline_into(
        &self,
        f: &mut Function,
        fi: usize,
        m: &Module,
        grown: &[bool],
        mut quota: usize,
    ) -> usize {
        // Blocks made by inlining (copies and continuations), by position.
        let mut made = vec![false; f.blocks.len()];
        let mut n = 0usize;
        let mut fsize = size(f);
        let mut labels: Option<il::hash::FxSet<il::Name>> = None;
        let mut bi = 0;
        while bi < f.blocks.len() {
            let found = f.blocks[bi].insts.iter().enumerate().find_map(|(k, inst)| {
                let gi = *self.by_name.get(&inst.callee?)?;
                // `callee_ok` first: a function of this level is taken out of `m` (and is not
                // inlinable here).
                if inst.op != Opcode::Call || gi == fi || !self.callee_ok[gi] {
                    return None;
                }
                let g = &m.functions[gi];
                let gs = size(g);
                (gs <= quota && self.fits(gi, gs, fsize, grown[gi]) && can_inline(f, bi, k, g))
                    .then_some((k, gi))
            });
            match found {
                Some((k, gi)) => {
                    let g = &m.functions[gi];
                    fsize += size(g);
                    quota -= size(g);
                    // Every label of `f`, made once per caller and kept up to date by `inline_at`.
                    let labels = labels
                        .get_or_insert_with(|| f.blocks.iter().map(|x| x.label.clone()).collect());
                    inline_at(f, bi, k, g, m.sym_name(g.name), n, labels);
                    let at = bi + 1;
                    made.splice(at..at, std::iter::repeat_n(true, g.blocks.len() + 1));
                    n += 1;
                    // Continue in the continuation block (the copied blocks are not rescanned).
                    bi += g.blocks.len() + 1;
                }
                None => bi += 1,
            }
        }
        if n > 0 {
            merge_chains(f, &made);
        }
        n
    }
}

/// Merge each block made by inlining into its predecessor when that is its only predecessor
/// and ends in a `br` to it with values or numeric literals as arguments: the block's parameters are replaced by the branch arguments in its
/// own instructions (block parameters are local to their block, so nothing else uses them).
/// Every merged instruction already carries its origin.
fn merge_chains(f: &mut Function, made: &[bool]) {
    let nb = f.blocks.len();
    let mut preds = vec![0usize; nb];
    for t in f
        .blocks
        .iter()
        .flat_map(|b| b.insts.iter())
        .flat_map(|i| i.targets.iter())
    {
        preds[t.block.index()] += 1;
    }
    let mut gone = vec![false; nb];
    for i in 0..nb {
        if gone[i] {
            continue;
        }
        while let Some(last) = f.blocks[i].insts.last() {
            if last.op != Opcode::Br {
                break;
            }
            let j = last.targets[0].block.index();
            // Only values and numeric literals replace parameters (a `null`, string or
            // `@name` literal is not accepted in every operand slot a value is).
            let plain = last.targets[0].args.iter().all(|a| {
                matches!(
                    a,
                    Operand::Value(_) | Operand::Int(_) | Operand::Bool(_) | Operand::F64(_)
                )
            });
            if j == i || j == 0 || gone[j] || !made[j] || preds[j] != 1 || !plain {
                break;
            }
            let Some(br) = f.blocks[i].insts.pop() else {
                break;
            };
            let args = &br.targets[0].args;
            let params = std::mem::take(&mut f.blocks[j].params);
            let mut moved = std::mem::take(&mut f.blocks[j].insts);
            for inst in moved.iter_mut() {
                for o in inst
                    .operands
                    .iter_mut()
                    .chain(inst.targets.iter_mut().flat_map(|t| t.args.iter_mut()))
                {
                    if let Operand::Value(v) = o {
                        if let Some(k) = params.iter().position(|p| p == v) {
                            *o = args[k].clone();
                        }
                    }
                }
            }
            f.blocks[i].insts.extend(moved);
            gone[j] = true;
        }
    }
    let mut new_id = vec![0u32; nb];
    let mut next = 0u32;
    for (b, &g) in gone.iter().enumerate() {
        new_id[b] = next;
        if !g {
            next += 1;
        }
    }
    let mut k = 0;
    f.blocks.retain(|_| {
        k += 1;
        !gone[k - 1]
    });
    for t in f
        .blocks
        .iter_mut()
        .flat_map(|b| b.insts.iter_mut())
        .flat_map(|i| i.targets.iter_mut())
    {
        t.block = BlockId(new_id[t.block.index()]);
    }
}

fn empty_function(name: Symbol) -> Function {
    Function {
        name,
        params: Vec::new(),
        ret: il::Type::Void,
        blocks: Vec::new(),
        values: Vec::new(),
        span: il::Span::default(),
    }
}

fn uses_value(inst: &Inst, v: ValueId) -> bool {
    inst.operands
        .iter()
        .chain(inst.targets.iter().flat_map(|t| t.args.iter()))
        .any(|o| *o == Operand::Value(v))
}

/// The single `ret` operand of `g` when it is an instruction result.
fn single_ret_inst_value(g: &Function) -> Option<ValueId> {
    let mut rets = insts(g).filter(|i| i.op == Opcode::Ret);
    let r = rets.next()?;
    if rets.next().is_some() {
        return None;
    }
    let v = r.operands.first()?.as_value()?;
    insts(g).any(|i| i.result == Some(v)).then_some(v)
}

/// Whether the call at `f.blocks[b].insts[k]` can be replaced by `g`'s body.
fn can_inline(f: &Function, b: usize, k: usize, g: &Function) -> bool {
    let call = &f.blocks[b].insts[k];
    let params = g.arg_values();
    if params.len() != call.operands.len() {
        return false;
    }
    for (a, &p) in call.operands.iter().zip(params) {
        let pt = g.value_type(p);
        let ok = match a {
            Operand::Value(v) => f.value_type(*v) == pt,
            Operand::Int(x) => pt == il::Type::I64 || (pt == il::Type::I1 && (*x == 0 || *x == 1)),
            Operand::Bool(_) => pt == il::Type::I1,
            Operand::F64(_) => pt == il::Type::F64,
            Operand::Null => pt == il::Type::Ptr,
            Operand::Str(_) => pt == il::Type::Str,
            Operand::Sym(_) => false,
        };
        if !ok {
            return false;
        }
    }
    if let Some(res) = call.result {
        if f.value_type(res) != g.ret {
            return false;
        }
        let elsewhere = f
            .blocks
            .iter()
            .enumerate()
            .any(|(bi, blk)| bi != b && blk.insts.iter().any(|i| uses_value(i, res)));
        if elsewhere && single_ret_inst_value(g).is_none() {
            return false;
        }
    }
    true
}

fn label_part(s: &str) -> Cow<'_, str> {
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '$' | '-');
    if s.chars().all(plain) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if plain(c) { c } else { '_' }).collect())
}

fn set_origin(inst: &mut Inst, func: Symbol, block: &il::Name, ip: usize) {
    if inst.origin.is_none() {
        inst.origin = Some(Box::new(Origin {
            func,
            block: block.clone(),
            ip: ip as u32,
        }));
    }
}

fn rename(inst: &mut Inst, map: &dyn Fn(ValueId) -> Option<ValueId>) {
    for o in inst
        .operands
        .iter_mut()
        .chain(inst.targets.iter_mut().flat_map(|t| t.args.iter_mut()))
    {
        if let Operand::Value(v) = o {
            if let Some(n) = map(*v) {
                *v = n;
            }
        }
    }
}

/// Replace the call `f.blocks[b].insts[k]` by a copy of `g` (checked by [`can_inline`]); `n`
/// numbers the inlined copies of `f` (fresh labels and names); `g_name` is `g`'s name; `labels`
/// holds every block label of `f` (the new ones are added).
fn inline_at(
    f: &mut Function,
    b: usize,
    k: usize,
    g: &Function,
    g_name: &str,
    n: usize,
    labels: &mut il::hash::FxSet<il::Name>,
) {
    let nc = g.blocks.len();
    let cont_idx = b + 1 + nc;
    // Later blocks move down by the copied blocks and the continuation.
    for blk in f.blocks.iter_mut() {
        for inst in blk.insts.iter_mut() {
            for t in inst.targets.iter_mut() {
                if t.block.index() > b {
                    t.block = BlockId(t.block.0 + nc as u32 + 1);
                }
            }
        }
    }
    let mut fresh_label = |base: String| -> il::Name {
        let mut l = il::Name::new(&base);
        let mut k = 0;
        while labels.contains(&l) {
            k += 1;
            l = il::Name::new(&format!("{base}.{k}"));
        }
        labels.insert(l.clone());
        l
    };
    let gname = label_part(g_name);
    let caller_label = f.blocks[b].label.clone();
    let mut tail: Vec<Inst> = f.blocks[b].insts.split_off(k);
    let call = tail.remove(0);
    let res = call.result;
    let fname = f.name;
    // Caller-block parameters the continuation uses.
    let threaded: Vec<ValueId> = f.blocks[b]
        .params
        .iter()
        .copied()
        .filter(|&p| tail.iter().any(|i| uses_value(i, p)))
        .collect();
    let res_elsewhere = res.is_some_and(|r| {
        f.blocks
            .iter()
            .enumerate()
            .any(|(bi, blk)| bi != b && blk.insts.iter().any(|i| uses_value(i, r)))
    });
    let direct = if res_elsewhere {
        single_ret_inst_value(g)
    } else {
        None
    };
    // Fresh value names are written into one buffer (no allocation per name).
    let mut name_buf = String::new();
    let mut new_value = |f: &mut Function, d: &ValueData| {
        use std::fmt::Write;
        let id = ValueId(f.values.len() as u32);
        name_buf.clear();
        let _ = write!(name_buf, "{}.i{n}", d.name.as_str());
        f.values.push(ValueData {
            name: il::Name::new(&name_buf),
            ty: d.ty,
        });
        id
    };
    let mut vmap: Vec<ValueId> = Vec::with_capacity(g.values.len());
    for (vi, d) in g.values.iter().enumerate() {
        let v = ValueId(vi as u32);
        match (direct, res) {
            (Some(dv), Some(r)) if dv == v => vmap.push(r),
            _ => vmap.push(new_value(f, d)),
        }
    }
    let thread_vals: Vec<Vec<ValueId>> = (0..nc)
        .map(|_| {
            threaded
                .iter()
                .map(|&p| {
                    let d = f.values[p.index()].clone();
                    new_value(f, &d)
                })
                .collect()
        })
        .collect();
    let cont_params: Vec<ValueId> = threaded
        .iter()
        .map(|&p| {
            let d = f.values[p.index()].clone();
            new_value(f, &d)
        })
        .collect();
    // The call becomes a branch to the copied entry block.
    let mut br = Inst::new(Opcode::Br, call.span);
    br.loc = call.loc;
    br.origin = call.origin.clone();
    let entry_params = g.arg_values();
    let mut args: Vec<Operand> = call
        .operands
        .iter()
        .zip(entry_params)
        .map(|(a, &p)| match a {
            Operand::Int(x) if g.value_type(p) == il::Type::I1 => Operand::Bool(*x != 0),
            other => other.clone(),
        })
        .collect();
    args.extend(threaded.iter().map(|&p| Operand::Value(p)));
    br.targets.push(il::BranchTarget {
        block: BlockId(b as u32 + 1),
        args: args.into_iter().collect(),
    });
    f.blocks[b].insts.push(br);
    let cont_label = fresh_label(format!("{}.ret{n}", label_part(&caller_label)));
    let mut copies = Vec::with_capacity(nc + 1);
    for (gb, blk) in g.blocks.iter().enumerate() {
        let label = fresh_label(format!("{gname}.{}.i{n}", label_part(&blk.label)));
        let mut params: Vec<ValueId> = blk.params.iter().map(|p| vmap[p.index()]).collect();
        params.extend(thread_vals[gb].iter().copied());
        let mut body = Vec::with_capacity(blk.insts.len());
        for (ip, inst) in blk.insts.iter().enumerate() {
            let mut c = inst.clone();
            set_origin(&mut c, g.name, &blk.label, ip);
            c.result = c.result.map(|r| vmap[r.index()]);
            rename(&mut c, &|v| vmap.get(v.index()).copied());
            for t in c.targets.iter_mut() {
                t.block = BlockId(t.block.0 + b as u32 + 1);
                t.args
                    .extend(thread_vals[gb].iter().map(|&v| Operand::Value(v)));
            }
            if c.op == Opcode::Ret {
                let mut args: Vec<Operand> =
                    thread_vals[gb].iter().map(|&v| Operand::Value(v)).collect();
                if res.is_some() && direct.is_none() {
                    args.extend(c.operands.first().cloned());
                }
                c.op = Opcode::Br;
                c.operands.clear();
                c.ty = il::Type::Void;
                c.targets = il::thin_vec![il::BranchTarget {
                    block: BlockId(cont_idx as u32),
                    args: args.into_iter().collect(),
                }];
            }
            body.push(c);
        }
        copies.push(Block {
            label,
            params,
            insts: body,
            handler_kw: false,
            span: blk.span,
        });
    }
    let mut params = cont_params.clone();
    if let (Some(r), None) = (res, direct) {
        params.push(r);
    }
    for (j, inst) in tail.iter_mut().enumerate() {
        set_origin(inst, fname, &caller_label, k + 1 + j);
        rename(inst, &|v| {
            threaded
                .iter()
                .position(|&p| p == v)
                .map(|i| cont_params[i])
        });
    }
    copies.push(Block {
        label: cont_label,
        params,
        insts: tail,
        handler_kw: false,
        span: call.span,
    });
    let rest = f.blocks.split_off(b + 1);
    f.blocks.extend(copies);
    f.blocks.extend(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parse and verify `src`, inline, verify again; both modules run in the interpreter with
    /// the same outcome. Returns the inlined module and the number of inlined calls.
    fn check(src: &str) -> (Module, usize, il_interp::Outcome) {
        let m = il::parse(src, "t.il").unwrap_or_else(|e| panic!("{e:?}"));
        il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
        let mut o = m.clone();
        let n = inline_module(&mut o);
        il::verify(&o).unwrap_or_else(|e| panic!("{e:?}\n{}", il::print(&o)));
        // The pass entry point copies the module only when there is something to inline, and
        // then gives the same module.
        let made = run(Cow::Borrowed(&m), &CodegenOptions::default()).expect("inline runs");
        match &made {
            Cow::Owned(p) => assert_eq!(il::print(p), il::print(&o)),
            Cow::Borrowed(_) => assert_eq!(
                n, 0,
                "the entry point skipped a module with inlinable calls"
            ),
        }
        // An owned module is changed in place, to the same result.
        let owned = run(Cow::Owned(m.clone()), &CodegenOptions::default()).expect("inline runs");
        assert_eq!(il::print(&owned), il::print(&o));
        let before = il_interp::run(&m).expect("runs");
        let after = il_interp::run(&o).expect("runs");
        assert_eq!(before.stdout, after.stdout);
        assert_eq!(before.exit_code, after.exit_code);
        (o, n, before)
    }

    fn calls_in(m: &Module, f: &str) -> usize {
        let s = m.find_symbol(f).unwrap();
        insts(m.function(s).unwrap())
            .filter(|i| i.op == Opcode::Call)
            .count()
    }

    const LOOP: &str = r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @clamp(i64 %x, i1 %neg) -> i64 {
entry(%x: i64, %neg: i1):
  %lt = scmp_lt %x, 10
  cbr %lt, small(%x), big(%x, %neg)
small(%s: i64):
  ret %s
big(%bx: i64, %bn: i1):
  %d = isub.ovf %bx, 10
  cbr %bn, flip(%d), keep(%d)
flip(%fd: i64):
  %n = isub.ovf 0, %fd
  ret %n
keep(%kd: i64):
  ret %kd
}
func @twice(i64 %y) -> i64 {
entry(%y: i64):
  %t = iadd.ovf %y, %y
  ret %t
}
func @main() -> i64 {
entry:
  br loop(0, 0)
loop(%i: i64, %acc: i64):
  %c = call @clamp(%i, 1)
  %w = call @twice(%c)
  %acc1 = iadd.ovf %acc, %w
  %i1 = iadd.ovf %i, 1
  %done = scmp_ge %i1, 20
  cbr %done, out, loop(%i1, %acc1)
out:
  call @Viper.Terminal.SayInt(%w)
  call @Viper.Terminal.SayInt(%acc1)
  ret %w
}
"#;

    #[test]
    fn calls_in_a_loop_are_replaced_and_block_parameters_threaded() {
        let (o, n, out) = check(LOOP);
        assert_eq!(n, 2);
        assert_eq!(calls_in(&o, "main"), 2, "only the runtime calls stay");
        assert_eq!(out.exit_code, 238);
        // Copies name their origin.
        let main = o.function(o.find_symbol("main").unwrap()).unwrap();
        let clamp = o.find_symbol("clamp").unwrap();
        let sub = insts(main)
            .find(|i| i.op == Opcode::ISubOvf && i.operands[0] == Operand::Int(0))
            .unwrap();
        let origin = sub.origin.as_deref().unwrap();
        assert_eq!(
            (origin.func, origin.block.as_str(), origin.ip),
            (clamp, "flip", 0)
        );
        // An instruction after the call moved into the continuation keeps its own position.
        let step = insts(main)
            .find(|i| i.op == Opcode::IAddOvf && i.operands[1] == Operand::Int(1))
            .unwrap();
        let origin = step.origin.as_deref().unwrap();
        assert_eq!(
            (m_name(&o, origin.func), origin.block.as_str(), origin.ip),
            ("main", "loop", 3)
        );
    }

    fn m_name(m: &Module, s: Symbol) -> &str {
        m.sym_name(s)
    }

    #[test]
    fn recursion_eh_alloca_and_large_callees_are_not_inlined() {
        let src = r#"il 0.2.0
func @fact(i64 %n) -> i64 {
entry(%n: i64):
  %z = scmp_le %n, 1
  cbr %z, one, more(%n)
one:
  ret 1
more(%m: i64):
  %k = isub.ovf %m, 1
  %r = call @fact(%k)
  %p = imul.ovf %r, %m
  ret %p
}
func @buf() -> i64 {
entry:
  %a = alloca 8
  store i64, %a, 7
  %v = load i64, %a
  ret %v
}
func @main() -> i64 {
entry:
  %f = call @fact(5)
  %b = call @buf()
  %s = iadd.ovf %f, %b
  %g = call @fact(3)
  %t = iadd.ovf %s, %g
  ret %t
}
"#;
        let (o, n, out) = check(src);
        assert_eq!((n, out.exit_code), (0, 133));
        let m = il::parse(src, "t.il").unwrap();
        assert!(
            matches!(
                run(Cow::Borrowed(&m), &CodegenOptions::default()).unwrap(),
                Cow::Borrowed(_)
            ),
            "no copy of a module with nothing to inline"
        );
        assert_eq!(calls_in(&o, "main"), 3);
    }

    #[test]
    fn a_result_used_in_later_blocks_is_defined_by_the_copied_instruction() {
        let src = r#"il 0.2.0
func @sq(i64 %x) -> i64 {
entry(%x: i64):
  %r = imul.ovf %x, %x
  ret %r
}
func @main() -> i64 {
entry:
  %a = call @sq(7)
  %c = scmp_gt %a, 10
  cbr %c, yes, no
yes:
  %b = iadd.ovf %a, 1
  ret %b
no:
  ret %a
}
"#;
        let (o, n, out) = check(src);
        assert_eq!((n, out.exit_code), (1, 50));
        assert_eq!(calls_in(&o, "main"), 0);
    }

    #[test]
    fn a_trap_in_copied_code_keeps_the_callee_position() {
        let src = r#"il 0.2.0
func @div(i64 %a, i64 %b) -> i64 {
entry(%a: i64, %b: i64):
  br go(%a, %b)
go(%x: i64, %y: i64):
  .loc 1 42 1
  %q = sdiv.chk0 %x, %y
  ret %q
}
func @main() -> i64 {
entry:
  %q = call @div(10, 0)
  ret %q
}
"#;
        let (o, n, out) = check(src);
        assert_eq!(n, 1);
        let trap = out.trap.expect("traps");
        assert_eq!(
            trap.message(),
            "Trap @div:go#0 line 42: DivideByZero (code=0): divide by zero in sdiv.chk0"
        );
        let main = o.function(o.find_symbol("main").unwrap()).unwrap();
        let q = insts(main).find(|i| i.op == Opcode::SDivChk0).unwrap();
        let origin = q.origin.as_deref().unwrap();
        assert_eq!(
            (m_name(&o, origin.func), origin.block.as_str(), origin.ip),
            ("div", "go", 0)
        );
        assert_eq!(q.loc.map(|l| l.line), Some(42));
    }

    /// `n` functions, each of `body` additions, the first `n - 1` calling the next once.
    fn call_chain(n: usize, body: usize) -> String {
        let mut t = String::from("il 0.2.0\n");
        for k in 0..n {
            t +=
                &format!("func @f{k}(i64 %x) -> i64 {{\nentry(%x: i64):\n  %v0 = iadd.ovf %x, 1\n");
            for j in 1..body {
                t += &format!("  %v{j} = iadd.ovf %v{}, {j}\n", j - 1);
            }
            if k + 1 < n {
                t += &format!("  %r = call @f{}(%v{})\n  ret %r\n}}\n", k + 1, body - 1);
            } else {
                t += &format!("  ret %v{}\n}}\n", body - 1);
            }
        }
        t += "func @main() -> i64 {\nentry:\n  %r = call @f0(0)\n  %m = and %r, 255\n  ret %m\n}\n";
        t
    }

    fn module_size(m: &Module) -> usize {
        m.functions.iter().map(size).sum()
    }

    #[test]
    fn a_chain_of_single_site_callees_is_not_copied_into_every_caller() {
        // Bodies above SMALL: only the one-site rule applies, and only to a callee that has not
        // grown, so every other function of the chain takes its callee (which keeps its call).
        let src = call_chain(12, SMALL + 5);
        let (o, n, _) = check(&src);
        let m = il::parse(&src, "t.il").unwrap();
        assert_eq!(n, 6, "{}", il::print(&o));
        assert!(module_size(&o) < 2 * module_size(&m));
        assert_eq!(calls_in(&o, "f10"), 0);
        assert_eq!(calls_in(&o, "f9"), 1);
    }

    #[test]
    fn the_module_grows_by_at_most_half_its_size_plus_the_base() {
        // 300 callers, each calling a 20-instruction helper 8 times: the rules alone would add
        // 48k instructions to a module of ~5k.
        let mut src = String::from(
            "il 0.2.0\nfunc @h(i64 %x) -> i64 {\nentry(%x: i64):\n  %v0 = iadd.ovf %x, 1\n",
        );
        for j in 1..19 {
            src += &format!("  %v{j} = iadd.ovf %v{}, 1\n", j - 1);
        }
        src += "  ret %v18\n}\n";
        for c in 0..300 {
            src += &format!("func @c{c}(i64 %x) -> i64 {{\nentry(%x: i64):\n  %r0 = call @h(%x)\n");
            for j in 1..8 {
                src += &format!("  %r{j} = call @h(%r{})\n", j - 1);
            }
            src += "  ret %r7\n}\n";
        }
        src += "func @main() -> i64 {\nentry:\n  %r = call @c299(1)\n  %m = and %r, 255\n  ret %m\n}\n";
        let (o, n, _) = check(&src);
        let m = il::parse(&src, "t.il").unwrap();
        let (before, after) = (module_size(&m), module_size(&o));
        assert!(
            after - before <= before / 2 + GROWTH_BASE,
            "{before} -> {after}"
        );
        assert!(
            n > 0 && after - before > GROWTH_BASE,
            "{before} -> {after}, {n} calls"
        );
        // The callers first in the plan's order took their whole share; the rest kept calls.
        let kept: usize = (0..300).map(|c| calls_in(&o, &format!("c{c}"))).sum();
        assert!(kept > 0 && kept < 300 * 8, "{kept}");
    }
}
