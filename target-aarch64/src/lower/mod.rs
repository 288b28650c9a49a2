//! Instruction selection: IL function → AArch64 machine IR with virtual registers.
//!
//! Structure: MIR block 0 is a synthetic entry that defines the arguments (registers via `Args`,
//! stack arguments via `LoadIncomingArg`) and jumps to the IL entry block; IL block `k` becomes MIR
//! block `k + 1` with the same parameters (as vregs). Every IL value gets one vreg (int class for
//! everything but `f64`), created on first mention so forward references through block arguments
//! work. Constants in operand position are materialised right before their use. Each opcode area
//! lives in its own file; exception handling (`eh`) adds memory-form values, site bookkeeping and
//! the landing pad to functions that contain `eh.push`.
//!
//! Register invariant maintained by the emitted code: `i1` is 0/1, `i16`/`i32` are sign-extended.

mod arith;
mod calls;
mod compare;
mod constants;
mod control;
mod convert;
mod eh;
mod memory;
pub mod ranges;

use crate::abi::{assign_args, ArgLoc};
use crate::func::{A64Function, TrapSite};
use crate::inst::{MInst, Width};
use codegen_api::{CodegenError, CodegenOptions, TargetOs};
use il::{Function, Inst, Module, Opcode, Type, ValueId};
use regalloc2::RegClass;
use std::sync::Arc;
use target_common::names::SymbolNames;
use target_common::{Edge, MirFunction, Reg, SrcPos};

/// Module-wide facts lowering needs.
pub struct ModuleCtx<'m> {
    pub module: &'m Module,
    pub index: &'m il::ModuleIndex,
    pub names: &'m SymbolNames,
    pub os: TargetOs,
    /// Module functions whose address is taken, with their parameter counts
    /// ([`address_taken`]): the possible targets of an indirect call through a pointer.
    pub address_taken: &'m [(il::Symbol, usize)],
}

/// Module functions whose address the IL takes — an `@f` operand anywhere except as the callee
/// of `call.indirect @f` (a direct call) or the name of `const_str` — with their entry-parameter
/// counts, in module order.
pub fn address_taken(module: &Module, index: &il::ModuleIndex) -> Vec<(il::Symbol, usize)> {
    let mut taken = vec![false; module.functions.len()];
    for inst in module
        .functions
        .iter()
        .flat_map(|f| f.blocks.iter())
        .flat_map(|b| b.insts.iter())
    {
        let skip = usize::from(matches!(inst.op, Opcode::CallIndirect | Opcode::ConstStr));
        let ops = inst.operands.iter().skip(skip);
        for o in ops.chain(inst.targets.iter().flat_map(|t| t.args.iter())) {
            if let il::Operand::Sym(s) = o {
                if let Some(k) = index.function_index(*s) {
                    taken[k] = true;
                }
            }
        }
    }
    module
        .functions
        .iter()
        .zip(taken)
        .filter(|(_, t)| *t)
        .map(|(f, _)| (f.name, f.blocks.first().map_or(0, |b| b.params.len())))
        .collect()
}

/// Lowering state for one function.
pub(crate) struct FnLower<'a, 'm> {
    pub m: &'a ModuleCtx<'m>,
    pub f: &'a Function,
    pub out: A64Function,
    vals: Vec<Option<Reg>>,
    /// Current MIR block.
    cur: u32,
    /// IL block index and instruction index of the instruction being lowered.
    il_block: usize,
    ip: usize,
    /// Some branch (or handler/resume edge) targets the IL entry block, so it may run more than once.
    entry_is_target: bool,
    /// EH lowering state (functions containing `eh.push` only).
    eh: Option<eh::EhLower>,
    /// Lowering choice `fp-cvt-range`: signed fp→int checks compare against bound registers.
    pub fp_cvt_range: bool,
    /// Lowering choice `switch-tree`: switches use immediate compares and a binary search.
    pub switch_tree: bool,
    /// Source position of the IL instruction being lowered (given to every instruction pushed).
    pub pos: SrcPos,
    /// Lowering choice `idx-chk-imm`: constant-bound `idx.chk` is one unsigned compare.
    pub idx_chk_imm: bool,
    /// Value ranges (`range-elim` at -O1 and above; otherwise no facts).
    pub ranges: ranges::Ranges,
    /// Strings of trap sites, shared between sites.
    site_text: SiteText,
    /// Bytes of `out.slots[..slots_summed.1]` (see [`FnLower::fixed_slot_bytes`]).
    slots_summed: (u64, usize),
}

/// The strings trap sites name, made once and shared (`TrapSite` holds `Arc<str>`): the
/// function's name, the label of the IL block being lowered, the last detail text.
struct SiteText {
    func: Arc<str>,
    block: Option<(usize, Arc<str>)>,
    detail: Option<Arc<str>>,
}

impl SiteText {
    fn block(&mut self, index: usize, label: &str) -> Arc<str> {
        match &self.block {
            Some((i, l)) if *i == index => l.clone(),
            _ => {
                let l: Arc<str> = label.into();
                self.block = Some((index, l.clone()));
                l
            }
        }
    }
    fn detail(&mut self, text: String) -> Arc<str> {
        match &self.detail {
            Some(d) if **d == *text => d.clone(),
            _ => {
                let d: Arc<str> = text.into();
                self.detail = Some(d.clone());
                d
            }
        }
    }
}

/// The IL of the function to lower: borrowed, or owned, when each block's instructions are
/// freed as soon as the block is lowered (on a huge function the IL is as large as its machine
/// IR, and the two no longer add up).
pub enum FnIl<'f> {
    Borrowed(&'f Function),
    Owned(Function),
}

impl FnIl<'_> {
    /// The function, however it is held.
    pub fn function(&self) -> &Function {
        match self {
            FnIl::Borrowed(f) => f,
            FnIl::Owned(f) => f,
        }
    }
}

/// Lower one function. `index` is its position in the module.
///
/// Everything that reads the whole body (range facts, the EH plan, whether the entry block is a
/// branch target) is computed first; the block loop then reads only the block it lowers and the
/// parameters, labels and spans of the others (so an owned body can give each block's
/// instructions back once lowered).
pub fn lower_function(
    m: &ModuleCtx<'_>,
    il: FnIl<'_>,
    index: usize,
    symbol: &str,
    options: &CodegenOptions,
) -> Result<A64Function, CodegenError> {
    let whole = il.function();
    let ranges = if options.setting(&crate::settings::RANGE_ELIM)
        && options.opt_level >= codegen_api::OptLevel::O1
    {
        ranges::Ranges::analyze(whole)
    } else {
        ranges::Ranges::none(whole)
    };
    let entry_is_target = whole
        .blocks
        .iter()
        .flat_map(|b| b.insts.iter())
        .flat_map(|i| i.targets.iter())
        .any(|t| t.block.index() == 0);
    let eh = eh::EhLower::analyze(whole);
    let owned;
    let (f, mut bodies): (&Function, Option<Vec<Vec<Inst>>>) = match il {
        FnIl::Borrowed(f) => (f, None),
        FnIl::Owned(mut g) => {
            let b = g
                .blocks
                .iter_mut()
                .map(|b| std::mem::take(&mut b.insts))
                .collect();
            owned = g;
            (&owned, Some(b))
        }
    };
    let il_name = m.module.sym_name(f.name).to_string();
    let mut l = FnLower {
        m,
        f,
        out: A64Function {
            mir: MirFunction::new(il_name.clone()),
            index,
            symbol: symbol.to_string(),
            il_name,
            traps: Vec::new(),
            slots: Vec::new(),
            slot_zeroed_in_prologue: Vec::new(),
            arena_slot: None,
            outgoing: 0,
            has_dyn_alloca: false,
            frame: None,
            eh: None,
            params: f
                .params
                .iter()
                .map(|p| (p.name.to_string(), p.ty))
                .collect(),
            il_line: f.span.line,
        },
        vals: vec![None; f.values.len()],
        cur: 0,
        il_block: 0,
        ip: 0,
        entry_is_target,
        eh: None,
        fp_cvt_range: options.setting(&crate::settings::FP_CVT_RANGE),
        switch_tree: options.setting(&crate::settings::SWITCH_TREE),
        pos: SrcPos::il_line(f.span.line),
        idx_chk_imm: options.setting(&crate::settings::IDX_CHK_IMM),
        ranges,
        site_text: SiteText {
            func: m.module.sym_name(f.name).into(),
            block: None,
            detail: None,
        },
        slots_summed: (0, 0),
    };
    if f.blocks.is_empty() {
        return Err(CodegenError::unsupported(
            format!("function @{} has no blocks", l.out.il_name),
            f.span,
        ));
    }
    l.out.mir.blocks.reserve_exact(f.blocks.len() + 1);
    l.out.mir.add_block("prologue");
    for b in &f.blocks {
        l.out.mir.add_block(b.label.as_str());
    }
    for (bi, b) in f.blocks.iter().enumerate() {
        let params: Vec<Reg> = b.params.iter().map(|&p| l.value_reg(p)).collect();
        l.out.mir.blocks[bi + 1].params = params;
    }
    let release_il = bodies.is_some() && codegen_api::memory::is_huge(f.values.len());
    l.eh_setup(eh);
    l.lower_entry()?;
    for (bi, b) in f.blocks.iter().enumerate() {
        let taken = bodies.as_mut().map(|v| std::mem::take(&mut v[bi]));
        // The IL given back so far becomes reusable for the machine IR as it grows (a huge
        // owned body only: `codegen_api::memory`).
        if release_il && bi % codegen_api::memory::RELEASE_EVERY_BLOCKS == 0 {
            codegen_api::memory::release();
        }
        let insts: &[Inst] = taken.as_deref().unwrap_or(&b.insts);
        l.cur = bi as u32 + 1;
        l.il_block = bi;
        // About one machine instruction per IL instruction (more only grows the vector).
        l.out.mir.blocks[bi + 1].reserve_exact(insts.len());
        l.eh_block_start(bi);
        for (k, inst) in insts.iter().enumerate() {
            l.ip = k;
            l.pos = SrcPos::of(inst);
            l.eh_before_inst(inst);
            l.lower_inst(inst)?;
            l.eh_after_inst(inst);
        }
        let ends = l.out.mir.blocks[l.cur as usize]
            .insts
            .last()
            .is_some_and(target_common::MachInst::is_term);
        if !ends {
            return Err(CodegenError::unsupported(
                format!("block {} does not end in a terminator", b.label),
                b.span,
            ));
        }
    }
    l.eh_finish()?;
    Ok(l.out)
}

impl<'a, 'm> FnLower<'a, 'm> {
    /// The synthetic entry block: define arguments, jump to the IL entry block.
    fn lower_entry(&mut self) -> Result<(), CodegenError> {
        let args: Vec<ValueId> = self.f.arg_values().to_vec();
        let tys: Vec<Type> = args.iter().map(|&v| self.f.value_type(v)).collect();
        let (locs, _) = assign_args(self.m.os, &tys);
        let mut defs = Vec::new();
        let mut loads = Vec::new();
        let mut regs = Vec::new();
        for (&v, loc) in args.iter().zip(&locs) {
            let r = self.new_reg(self.f.value_type(v));
            regs.push(r);
            match *loc {
                ArgLoc::Reg(p) => defs.push((r, p)),
                ArgLoc::Stack { off, ty } => loads.push(MInst::LoadIncomingArg { dst: r, off, ty }),
            }
        }
        self.cur = 0;
        self.push(MInst::Args { defs });
        for i in loads {
            self.push(i);
        }
        let jump = self.eh_entry_jump(Edge::new(1, regs));
        self.push(jump);
        Ok(())
    }

    /// The one dispatch over IL opcodes (exhaustive): each opcode goes to its area with the
    /// operation already in the area's own terms, so no area re-matches opcodes.
    fn lower_inst(&mut self, inst: &Inst) -> Result<(), CodegenError> {
        use crate::inst::{AluOp as A, Cond as C, DivKind as D, FpuOp as F, OvfOp as O};
        use constants::ConstOp;
        use control::CtrlOp;
        use convert::CvtOp;
        use eh::{EhOp, ErrField};
        use memory::MemOp;
        use Opcode::*;
        match inst.op {
            Add => self.lower_alu(inst, A::Add),
            Sub => self.lower_alu(inst, A::Sub),
            Mul => self.lower_alu(inst, A::Mul),
            And => self.lower_alu(inst, A::And),
            Or => self.lower_alu(inst, A::Orr),
            Xor => self.lower_alu(inst, A::Eor),
            Shl => self.lower_alu(inst, A::Lsl),
            LShr => self.lower_alu(inst, A::Lsr),
            AShr => self.lower_alu(inst, A::Asr),
            FAdd => self.lower_fpu(inst, F::Add),
            FSub => self.lower_fpu(inst, F::Sub),
            FMul => self.lower_fpu(inst, F::Mul),
            FDiv => self.lower_fpu(inst, F::Div),
            IAddOvf => self.lower_checked(inst, O::Add),
            ISubOvf => self.lower_checked(inst, O::Sub),
            IMulOvf => self.lower_checked(inst, O::Mul),
            SDiv | SDivChk0 => self.lower_divrem(inst, D::SDiv),
            UDiv | UDivChk0 => self.lower_divrem(inst, D::UDiv),
            SRem | SRemChk0 => self.lower_divrem(inst, D::SRem),
            URem | URemChk0 => self.lower_divrem(inst, D::URem),
            IdxChk => self.lower_idx_chk(inst),
            ICmpEq => self.lower_icmp(inst, C::Eq),
            ICmpNe => self.lower_icmp(inst, C::Ne),
            SCmpLt => self.lower_icmp(inst, C::Lt),
            SCmpLe => self.lower_icmp(inst, C::Le),
            SCmpGt => self.lower_icmp(inst, C::Gt),
            SCmpGe => self.lower_icmp(inst, C::Ge),
            UCmpLt => self.lower_icmp(inst, C::Lo),
            UCmpLe => self.lower_icmp(inst, C::Ls),
            UCmpGt => self.lower_icmp(inst, C::Hi),
            UCmpGe => self.lower_icmp(inst, C::Hs),
            // After `fcmp`, these conditions give the IL results for NaN operands.
            FCmpEq => self.lower_fcmp(inst, C::Eq),
            FCmpNe => self.lower_fcmp(inst, C::Ne),
            FCmpLt => self.lower_fcmp(inst, C::Mi),
            FCmpLe => self.lower_fcmp(inst, C::Ls),
            FCmpGt => self.lower_fcmp(inst, C::Gt),
            FCmpGe => self.lower_fcmp(inst, C::Ge),
            FCmpOrd => self.lower_fcmp(inst, C::Vc),
            FCmpUno => self.lower_fcmp(inst, C::Vs),
            Sitofp | CastSiToFp => self.lower_convert(inst, CvtOp::IntToFp { signed: true }),
            CastUiToFp => self.lower_convert(inst, CvtOp::IntToFp { signed: false }),
            CastFpToSiRteChk => self.lower_convert(
                inst,
                CvtOp::FpToInt {
                    signed: true,
                    round: true,
                },
            ),
            CastFpToUiRteChk => self.lower_convert(
                inst,
                CvtOp::FpToInt {
                    signed: false,
                    round: true,
                },
            ),
            Fptosi => self.lower_convert(
                inst,
                CvtOp::FpToInt {
                    signed: true,
                    round: false,
                },
            ),
            CastSiNarrowChk => self.lower_convert(inst, CvtOp::Narrow { signed: true }),
            CastUiNarrowChk => self.lower_convert(inst, CvtOp::Narrow { signed: false }),
            Zext1 => self.lower_convert(inst, CvtOp::Zext1),
            Trunc1 => self.lower_convert(inst, CvtOp::Trunc1),
            Alloca => self.lower_memory(inst, MemOp::Alloca),
            Gep => self.lower_memory(inst, MemOp::Gep),
            Load => self.lower_memory(inst, MemOp::Load),
            Store => self.lower_memory(inst, MemOp::Store),
            AddrOf | GAddr => self.lower_constant(inst, ConstOp::Addr),
            ConstStr => self.lower_constant(inst, ConstOp::Str),
            ConstNull => self.lower_constant(inst, ConstOp::Null),
            ConstF64 => self.lower_constant(inst, ConstOp::F64),
            Call => self.lower_call(inst, false),
            CallIndirect => self.lower_call(inst, true),
            Br => self.lower_control(inst, CtrlOp::Br),
            Cbr => self.lower_control(inst, CtrlOp::Cbr),
            SwitchI32 => self.lower_control(inst, CtrlOp::Switch),
            Ret => self.lower_control(inst, CtrlOp::Ret),
            Trap => self.lower_control(inst, CtrlOp::Trap),
            TrapFromErr => self.lower_control(inst, CtrlOp::TrapFromErr),
            TrapKind => self.lower_eh(inst, EhOp::TrapKind),
            TrapErr => self.lower_eh(inst, EhOp::TrapErr),
            ErrGetKind => self.lower_eh(inst, EhOp::ErrGet(ErrField::Kind)),
            ErrGetCode => self.lower_eh(inst, EhOp::ErrGet(ErrField::Code)),
            ErrGetLine => self.lower_eh(inst, EhOp::ErrGet(ErrField::Line)),
            ErrGetIp => self.lower_eh(inst, EhOp::ErrGet(ErrField::Ip)),
            EhPush => self.lower_eh(inst, EhOp::Push),
            EhPop => self.lower_eh(inst, EhOp::Pop),
            EhEntry => self.lower_eh(inst, EhOp::Entry),
            ResumeSame => self.lower_eh(inst, EhOp::Resume { next: false }),
            ResumeNext => self.lower_eh(inst, EhOp::Resume { next: true }),
            ResumeLabel => self.lower_eh(inst, EhOp::ResumeLabel),
        }
    }

    // ---- helpers shared by the area files ----

    pub(crate) fn push(&mut self, i: MInst) {
        let pos = self.pos;
        self.out.mir.blocks[self.cur as usize].push(i, pos);
    }

    pub(crate) fn new_reg(&mut self, ty: Type) -> Reg {
        let class = if ty == Type::F64 {
            RegClass::Float
        } else {
            RegClass::Int
        };
        self.out.mir.new_vreg(class)
    }
    pub(crate) fn new_int(&mut self) -> Reg {
        self.out.mir.new_vreg(RegClass::Int)
    }

    /// The vreg of IL value `v` (created on first mention).
    pub(crate) fn value_reg(&mut self, v: ValueId) -> Reg {
        if let Some(Some(r)) = self.vals.get(v.index()) {
            return *r;
        }
        let ty = self.f.values.get(v.index()).map_or(Type::I64, |d| d.ty);
        let r = self.new_reg(ty);
        if let Some(slot) = self.vals.get_mut(v.index()) {
            *slot = Some(r);
        }
        r
    }

    /// The register for the result of `inst` (error if it has none).
    pub(crate) fn result(&mut self, inst: &Inst) -> Result<Reg, CodegenError> {
        match inst.result {
            Some(v) if v.index() < self.vals.len() => Ok(self.value_reg(v)),
            _ => Err(self.unsupported(inst, format!("`{}` without a result", inst.op.mnemonic()))),
        }
    }

    pub(crate) fn unsupported(&self, inst: &Inst, msg: impl Into<String>) -> CodegenError {
        CodegenError::unsupported(
            format!("in @{}: {}", self.out.il_name, msg.into()),
            inst.span,
        )
    }

    /// Operand `k` of `inst` (error if missing).
    pub(crate) fn operand<'i>(
        &self,
        inst: &'i Inst,
        k: usize,
    ) -> Result<&'i il::Operand, CodegenError> {
        inst.operands.get(k).ok_or_else(|| {
            self.unsupported(
                inst,
                format!("`{}` is missing operand {}", inst.op.mnemonic(), k + 1),
            )
        })
    }

    /// Register a trap site for the current instruction.
    pub(crate) fn trap_site(
        &mut self,
        inst: &Inst,
        kind: il::TrapKind,
        detail: Option<String>,
    ) -> u32 {
        let (func, block, ip) = self.written_at(inst);
        let detail = detail.map(|d| self.site_text.detail(d));
        self.out.traps.push(TrapSite {
            kind: kind.value(),
            detail,
            func,
            block,
            ip,
            line: inst.loc.map_or(-1, |l| l.line as i64),
            pos: self.pos,
        });
        (self.out.traps.len() - 1) as u32
    }

    /// Where `inst` was written: function, block label and index (its origin when the inliner
    /// moved it, else the position being lowered). Everything that reports an instruction's
    /// position (trap messages, EH site tables) goes through this.
    pub(crate) fn written_at(&mut self, inst: &Inst) -> (Arc<str>, Arc<str>, i64) {
        match inst.origin.as_deref() {
            Some(o) => (
                self.m.module.sym_name(o.func).into(),
                o.block.as_str().into(),
                i64::from(o.ip),
            ),
            None => self.current_site(),
        }
    }

    /// The position being lowered: function, block label and instruction index.
    pub(crate) fn current_site(&mut self) -> (Arc<str>, Arc<str>, i64) {
        (
            self.site_text.func.clone(),
            self.site_text
                .block(self.il_block, &self.f.blocks[self.il_block].label),
            self.ip as i64,
        )
    }

    /// Width from a `%r:i16`/`%r:i32` annotation.
    pub(crate) fn width(inst: &Inst) -> Width {
        match (inst.annotated, inst.ty) {
            (true, Type::I32) => Width::W32,
            (true, Type::I16) => Width::W16,
            _ => Width::W64,
        }
    }

    /// MIR block of IL block `b`.
    pub(crate) fn mir_block(&self, b: il::BlockId) -> u32 {
        b.0 + 1
    }
}

impl FnLower<'_, '_> {
    /// Whether the IL entry block can be re-entered through a branch.
    pub(crate) fn entry_has_predecessors(&self) -> bool {
        self.entry_is_target
    }
}

impl FnLower<'_, '_> {
    /// The value of `op` read at width `ty`: an `i16`/`i32` value sign-extended from its low bits.
    /// Narrow values are kept sign-extended, except results of `cast.ui_narrow.chk`, which are
    /// zero-extended (IL-SPEC §4); instructions that compare at the narrow width (`switch.i32`,
    /// `idx.chk` on i16/i32) read them through this, as the VM does.
    pub(crate) fn val_at_width(
        &mut self,
        inst: &Inst,
        op: &il::Operand,
        ty: il::Type,
    ) -> Result<Reg, CodegenError> {
        let r = self.val(inst, op)?;
        let kind = match (op, ty) {
            (il::Operand::Value(_), il::Type::I16) => crate::inst::ExtKind::S16,
            (il::Operand::Value(_), il::Type::I32) => crate::inst::ExtKind::S32,
            _ => return Ok(r),
        };
        let dst = self.new_int();
        self.push(MInst::Ext { kind, dst, src: r });
        Ok(dst)
    }
}
