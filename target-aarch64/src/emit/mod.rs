//! Emission: allocated, frame-lowered machine IR → assembly text.
//!
//! [`AsmEmitter`] implements `codegen_api::Emitter<A64Function>`. Per function it writes the symbol
//! (local; `.type`/`.size` on ELF), the prologue, the blocks in MIR order (a jump to the next block
//! is elided when the `branch-elision` pass is enabled), and the out-of-line trap stubs. A function
//! whose body exceeds the conditional-branch range is re-emitted with relaxed branches. Module data
//! (strings, handles, trap sites) is collected in a [`data::DataPool`] and written by `end_module`,
//! together with the C `main` wrapper when the module defines `@main`.
//!
//! Call-frame information (ELF only, `ObjectFormat::has_cfi`): every function is bracketed by
//! `.cfi_startproc`/`.cfi_endproc`; the frame record gives CFA = x29 + 16 for the whole framed
//! body (so dynamic allocas and huge frames need nothing more), callee-saved registers get
//! `.cfi_offset`s, each epilogue is wrapped in `.cfi_remember_state`/`.cfi_restore_state`, and in
//! a shrink-wrapped function each block label first switches the state to framed or frameless
//! as that block is entered (trap stubs and slow paths keep the state of the last block).
//!
//! Debug information (`-g`, [`AsmEmitter::with_debug`]): the `.file` table at the start of the
//! module, a `.loc` row before each instruction whose source position changes (the prologue
//! takes the function header's, `prologue_end` marks the first body row, trap stubs and slow
//! paths take the position of the instruction whose check they serve) and the function
//! information comments of `target_common::debug`. Without `-g` the text is unchanged.

pub mod asm;
mod checked;
pub mod data;
mod inst;

use crate::encode::syntax::{Cfi, Mem, MemOff, Mn, Operand, R};
use crate::func::{A64Function, FrameLayout};
use crate::regs::name64;
use asm::{Asm, Lbl, Section};
use codegen_api::{CodegenError, Emitter, ObjectFormat, TargetOs};
use data::DataPool;
use il::Type;
use regalloc2::{PReg, RegClass};
use std::collections::BTreeSet;
use target_common::debug::{self as dbg, Lines, LocWriter, ParamLoc};
use target_common::{Reg, SrcPos};

/// Instructions above which conditional branches are relaxed (±1 MiB = 262144 instructions).
const NEAR_LIMIT: usize = 200_000;
/// Instructions above which `tbz`/`tbnz` are relaxed (±32 KiB = 8192 instructions; the margin
/// covers the far trap and data stubs emitted after the body).
const TEST_NEAR_LIMIT: usize = 6_000;
/// The fewest instructions a site's trap stub has (`FnEmit::trap_stubs`: `adrp`+`add` for
/// x3, `bl` to the shared tail, `brk`).
const TRAP_STUB_MIN: usize = 4;
/// A function whose text is estimated (generously: 64 bytes per instruction, 256 per trap site)
/// at this size or more gets its buffer reserved up front: a huge buffer's growth copies cost time
/// and, while old and new coexist, memory; the untouched rest of a reservation that large is only
/// address space.
const RESERVE_FROM: usize = 8 << 20;

/// The IL `@main` to wrap with a C `main`: (local symbol, IL return type).
#[derive(Clone, Debug)]
pub struct EntryInfo {
    pub symbol: String,
    pub ret: Type,
    /// Requested stack size for the IL program (`[run] stack_size` / `--stack-size`): IL main then
    /// runs on a runtime-created stack of that size (`vpr_run_on_stack`).
    pub stack_size: Option<u64>,
}

pub struct AsmEmitter {
    pub os: TargetOs,
    pub branch_elision: bool,
    pub entry: Option<EntryInfo>,
    /// The file table when writing debug information.
    debug: Option<Lines>,
    /// Run the assembler's first pass on each function as it is emitted (the object path).
    prepare: bool,
    /// The object path: the module's data, left by `end_module` for the assembler to write
    /// into the object directly ([`Self::take_data`]) instead of as text.
    data: std::sync::Mutex<Option<DataPool>>,
}

impl AsmEmitter {
    fn format(&self) -> ObjectFormat {
        ObjectFormat::of(self.os)
    }
    pub fn new(os: TargetOs, branch_elision: bool, entry: Option<EntryInfo>) -> Self {
        AsmEmitter {
            os,
            branch_elision,
            entry,
            debug: None,
            prepare: false,
            data: std::sync::Mutex::new(None),
        }
    }
    /// The module's data (object path), once `end_module` has run: it goes after the module's
    /// last text (where `-S` prints it, followed only by the ELF stack note, which the
    /// assembler does not place).
    pub fn take_data(&self) -> Option<DataPool> {
        match self.data.lock() {
            Ok(mut d) => d.take(),
            Err(poisoned) => poisoned.into_inner().take(),
        }
    }
    /// Emit for the object writer: each function is also assembled on the thread that emitted
    /// it ([`crate::encode::prepare`]), so the in-order assembler
    /// ([`crate::encode::Stream`]) only places it. The text is unchanged.
    pub fn for_object(mut self) -> Self {
        self.prepare = true;
        self
    }
    /// A function's text up to its body: section, alignment, symbol type, label, the start of
    /// its call-frame information, and (`-g`) its function-information comments.
    fn header(&self, f: &A64Function, sym: &(impl std::fmt::Display + asm::Part), a: &mut Asm) {
        a.section(Section::Text);
        a.directive(".p2align 2");
        if self.format().has_symbol_type_and_size() {
            a.directivef(format_args!(".type {sym}, %function"));
        }
        a.label(sym);
        a.cfi(Cfi::StartProc);
        if self.debug.is_some() {
            debug_function(f, self.os, &sym.to_string(), &mut a.out);
        }
    }
    /// Write debug information (`-g`) with this file table.
    pub fn with_debug(mut self, lines: Lines) -> Self {
        self.debug = Some(lines);
        self
    }
}

/// One emitted function: its text, whose pool labels are placeholders into its own pool until
/// it is linked (see [`data`]).
pub struct Piece {
    pub text: String,
    data: DataPool,
    /// The function assembled on its own (object path only, when it assembles alone).
    pre: Option<crate::encode::Prepared>,
    /// How its pool placeholders name the module's labels, when linking left `text` as it was
    /// (a prepared function: its label names are renamed instead, and its text only if it
    /// cannot be placed).
    map: Option<data::LinkMap>,
}

impl Piece {
    /// The text (linked unless the map is there), the function assembled on its own, and the
    /// link map.
    pub fn into_parts(
        self,
    ) -> (
        String,
        Option<crate::encode::Prepared>,
        Option<data::LinkMap>,
    ) {
        (self.text, self.pre, self.map)
    }
}

/// State while emitting one function.
pub(crate) struct FnEmit<'a> {
    pub asm: Asm<'a>,
    pub f: &'a A64Function,
    pub frame: &'a FrameLayout,
    pub data: &'a mut DataPool,
    pub branch_elision: bool,
    /// Trap sites referenced by checks (their stubs are emitted after the body).
    pub used_traps: BTreeSet<u32>,
    /// Failure paths of range-checked fp→int conversions (label, source register, invalid and
    /// overflow trap sites), emitted after the body.
    pub fp_slow: Vec<(Lbl, &'static str, u32, u32)>,
    /// Whether the call-frame state written so far describes the frame as set up (CFA = x29+16).
    pub cfi_framed: bool,
    /// Debug information: the file table (the rows are written by `asm`).
    pub debug: Option<&'a Lines>,
}

pub(crate) fn preg(r: Reg) -> Result<PReg, CodegenError> {
    r.as_phys()
        .ok_or_else(|| CodegenError::Internal(format!("virtual register {r} at emission")))
}
/// `r`'s physical register, which must be of `class` (`what` names it in the error).
fn preg_of(r: Reg, class: RegClass, what: &str) -> Result<PReg, CodegenError> {
    let p = preg(r)?;
    if p.class() != class {
        return Err(CodegenError::Internal(format!(
            "{p} used as {what} register"
        )));
    }
    Ok(p)
}
pub(crate) fn x(r: Reg) -> Result<&'static str, CodegenError> {
    Ok(name64(preg_of(r, RegClass::Int, "an integer")?))
}
pub(crate) fn w(r: Reg) -> Result<&'static str, CodegenError> {
    Ok(crate::regs::name32(preg(r)?))
}
/// Integer register `r` (64-bit view) as an operand of the instruction model.
pub(crate) fn rx(r: Reg) -> Result<R, CodegenError> {
    Ok(R::x(preg_of(r, RegClass::Int, "an integer")?.hw_enc() as u8))
}
/// Integer register `r`, 32-bit view.
pub(crate) fn rw(r: Reg) -> Result<R, CodegenError> {
    Ok(R::w(preg(r)?.hw_enc() as u8))
}
/// Float register `r` (64-bit view).
pub(crate) fn rd(r: Reg) -> Result<R, CodegenError> {
    Ok(R::d(preg_of(r, RegClass::Float, "a float")?.hw_enc() as u8))
}
/// Physical register `p` (64-bit view) as an operand of the instruction model.
pub(crate) fn r64(p: PReg) -> R {
    match p.class() {
        RegClass::Int => R::x(p.hw_enc() as u8),
        _ => R::d(p.hw_enc() as u8),
    }
}
pub(crate) fn d(r: Reg) -> Result<&'static str, CodegenError> {
    Ok(name64(preg_of(r, RegClass::Float, "a float")?))
}

impl FnEmit<'_> {
    /// Base register and offset addressing the x29-relative frame offset `fp_off`.
    pub fn frame_addr(&self, fp_off: i64) -> (R, i64) {
        if self.f.has_dyn_alloca {
            (R::x(29), fp_off)
        } else {
            (R::SP, self.frame.size as i64 + fp_off)
        }
    }
    pub fn block_label(&self, b: u32) -> Lbl {
        self.asm.lbl('b', b)
    }
    pub fn trap_label(&mut self, t: u32) -> Lbl {
        self.used_traps.insert(t);
        self.asm.lbl('t', t)
    }

    fn prologue(&mut self) {
        if self.frame.leaf || self.frame.shrink_wrapped {
            return;
        }
        self.frame_setup();
    }

    /// Frame record, frame allocation, callee-saved stores and prologue zeroing.
    pub fn frame_setup(&mut self) {
        self.asm.ins("stp x29, x30, [sp, #-16]!");
        self.asm.cfi_frame_record();
        self.asm.ins("mov x29, sp");
        self.asm.cfi(Cfi::DefCfa(R::x(29), 16));
        let size = self.frame.size as u64;
        if size > 0 {
            if size < 4096 {
                self.asm.insf(format_args!("sub sp, sp, #{size}"));
            } else {
                self.asm.mov_imm("x16", size);
                self.asm.ins("sub sp, sp, x16");
            }
        }
        self.save_restore(Mn::Str, Mn::Stp);
        self.cfi_saved();
        self.cfi_framed = true;
        self.zero_below_fp(self.frame.zeroed_bytes as u64);
    }

    /// `.cfi_offset` of every callee-saved register (CFA = x29 + 16).
    fn cfi_saved(&mut self) {
        for k in 0..self.frame.saved.len() {
            let (p, off) = self.frame.saved[k];
            self.asm.cfi(Cfi::Offset(r64(p), i64::from(off) - 16));
        }
    }

    /// `.cfi_restore` of the frame record and every callee-saved register, CFA = sp.
    fn cfi_unframed(&mut self) {
        self.asm.cfi(Cfi::DefCfa(R::SP, 0));
        self.asm.cfi(Cfi::Restore(R::x(30)));
        self.asm.cfi(Cfi::Restore(R::x(29)));
        for k in 0..self.frame.saved.len() {
            let p = self.frame.saved[k].0;
            self.asm.cfi(Cfi::Restore(r64(p)));
        }
    }

    /// Make the call-frame state match a block entered with (`framed`) or without the frame.
    fn cfi_state(&mut self, framed: bool) {
        if framed == self.cfi_framed {
            return;
        }
        if framed {
            self.asm.cfi(Cfi::DefCfa(R::x(29), 16));
            self.asm.cfi(Cfi::Offset(R::x(30), -8));
            self.asm.cfi(Cfi::Offset(R::x(29), -16));
            self.cfi_saved();
        } else {
            self.cfi_unframed();
        }
        self.cfi_framed = framed;
    }

    /// Per block, whether it is entered with the frame set up: always after an entry prologue,
    /// never in a leaf; in a shrink-wrapped function, once a `Prologue` ran on the way there.
    fn framed_at_entry(&self) -> Vec<bool> {
        let n = self.f.mir.blocks.len();
        if !self.frame.shrink_wrapped {
            return vec![!self.frame.leaf; n];
        }
        let mut framed = vec![false; n];
        let mut seen = vec![false; n];
        let mut work = vec![0usize];
        seen[0] = true;
        while let Some(b) = work.pop() {
            let out = framed[b]
                || self.f.mir.blocks[b]
                    .insts
                    .iter()
                    .any(|i| matches!(i, crate::inst::MInst::Prologue));
            for s in target_common::analysis::successors(&self.f.mir, b) {
                if !seen[s] {
                    seen[s] = true;
                    framed[s] = out;
                    work.push(s);
                }
            }
        }
        framed
    }

    /// Zero-fill `[x29 - bytes, x29)` (the prologue-zeroed alloca slots; `bytes` % 16 == 0).
    fn zero_below_fp(&mut self, bytes: u64) {
        if bytes == 0 {
            return;
        }
        if bytes <= 256 {
            for k in (16..=bytes).step_by(16) {
                self.asm.insf(format_args!("stp xzr, xzr, [x29, #-{k}]"));
            }
        } else {
            let l = self.asm.fresh();
            self.asm.mov_imm("x17", bytes);
            self.asm.ins("sub x16, x29, x17");
            self.asm.label(l);
            self.asm.ins("stp xzr, xzr, [x16], #16");
            self.asm.ins("subs x17, x17, #16");
            self.asm.insf(format_args!("b.ne {l}"));
        }
    }

    /// Store or load the callee-saved registers, pairing neighbours of the same class (`stp`/`ldp`).
    fn save_restore(&mut self, single: Mn, pair: Mn) {
        let saved = self.frame.saved.clone();
        let mut k = 0;
        while k < saved.len() {
            let (p, off) = saved[k];
            if let Some(&(q, qoff)) = saved.get(k + 1) {
                if q.class() == p.class() && qoff == off - 8 && (-512..=504).contains(&qoff) {
                    let at = Mem {
                        base: R::x(29),
                        off: MemOff::Imm(qoff as i64),
                        pre: false,
                    };
                    self.asm.op(
                        pair,
                        &[Operand::Reg(r64(q)), Operand::Reg(r64(p)), Operand::Mem(at)],
                    );
                    k += 2;
                    continue;
                }
            }
            self.asm.mem(single, r64(p), R::x(29), off as i64, 8);
            k += 1;
        }
    }

    pub fn epilogue(&mut self) {
        if self.frame.leaf {
            self.asm.ins("ret");
            return;
        }
        self.save_restore(Mn::Ldr, Mn::Ldp);
        if self.frame.size > 0 || self.f.has_dyn_alloca {
            self.asm.ins("mov sp, x29");
        }
        self.asm.cfi(Cfi::RememberState);
        self.asm.ins("ldp x29, x30, [sp], #16");
        self.cfi_unframed();
        self.asm.ins("ret");
        self.asm.cfi(Cfi::RestoreState);
    }

    /// `bl vpr_trap` for site `t` with x1 already holding the code when `dynamic_code`.
    pub fn trap_call(&mut self, t: u32, dynamic_code: bool) -> Result<(), CodegenError> {
        let f = self.f;
        let site = f
            .traps
            .get(t as usize)
            .ok_or_else(|| CodegenError::Internal(format!("unknown trap site {t}")))?;
        if dynamic_code {
            let table = self.data.kind_table(&self.asm);
            let skip = self.asm.fresh();
            self.asm.ins("mov x0, #9");
            self.asm.ins("cmp x1, #8");
            self.asm.insf(format_args!("b.hi {skip}"));
            self.asm.addr_of("x16", &table);
            self.asm.ins("ldrb w0, [x16, x1]");
            self.asm.label(skip);
        } else {
            self.trap_kind(site.kind);
        }
        self.trap_detail(site.detail.as_deref());
        let l = self.data.site(&site.func, &site.block, site.ip, site.line);
        self.asm.addr_of("x3", &l);
        let vt = self.asm.symd("vpr_trap");
        self.asm.line(&[&"bl ", &vt]);
        self.asm.ins("brk #1");
        Ok(())
    }

    /// `vpr_trap`'s kind and code arguments (x0, x1) for a static kind.
    fn trap_kind(&mut self, kind: u8) {
        self.asm.line(&[&"mov x0, #", &asm::Dec(i64::from(kind))]);
        self.asm.ins("mov x1, #0");
    }

    /// `vpr_trap`'s detail argument (x2): the text's address, or null.
    fn trap_detail(&mut self, detail: Option<&str>) {
        match detail {
            Some(text) => {
                let l = self.data.cstr(text.as_bytes());
                self.asm.addr_of("x2", &l);
            }
            None => self.asm.ins("mov x2, #0"),
        }
    }

    /// The stubs of the trap sites the body branches to. Each site's stub passes its record
    /// (x3) and calls the tail its kind and detail share, which sets the other arguments and
    /// branches to `vpr_trap`: the return address stays in the site's own stub (its line-table
    /// row, the backtrace), while the code per site shrinks from 7–8 instructions to 4.
    /// Tails are numbered in first-use order and written after the stubs.
    fn trap_stubs(&mut self) -> Result<(), CodegenError> {
        let f = self.f;
        let mut tails: Vec<(u8, Option<&str>, u32)> = Vec::new();
        let mut tail_of: il::hash::FxMap<(u8, Option<&str>), u32> = Default::default();
        for t in self.used_traps.clone() {
            if !self.asm.far && self.asm.count > NEAR_LIMIT {
                return Ok(());
            }
            let site = f
                .traps
                .get(t as usize)
                .ok_or_else(|| CodegenError::Internal(format!("unknown trap site {t}")))?;
            self.at_trap(t);
            let l = self.asm.lbl('t', t);
            self.asm.label(l);
            let key = (site.kind, site.detail.as_deref());
            let k = *tail_of.entry(key).or_insert_with(|| {
                tails.push((key.0, key.1, t));
                (tails.len() - 1) as u32
            });
            let record = self.data.site(&site.func, &site.block, site.ip, site.line);
            self.asm.addr_of("x3", &record);
            let tail = self.asm.lbl('k', k);
            self.asm.line(&[&"bl ", &tail]);
            self.asm.ins("brk #1");
        }
        for (k, (kind, detail, first)) in tails.into_iter().enumerate() {
            self.at_trap(first);
            let l = self.asm.lbl('k', k as u32);
            self.asm.label(l);
            self.trap_kind(kind);
            self.trap_detail(detail);
            let vt = self.asm.symd("vpr_trap");
            self.asm.line(&[&"b ", &vt]);
        }
        Ok(())
    }

    /// Before code from source position `pos`: its `.loc` row (`-g` only).
    pub fn at_pos(&mut self, pos: SrcPos) {
        if let Some(lines) = self.debug {
            self.asm.next_row = Some(lines.row(pos));
        }
    }
    /// Before the stub or slow path of trap site `t`: the row of the instruction it serves.
    pub(crate) fn at_trap(&mut self, t: u32) {
        if let Some(site) = self.f.traps.get(t as usize) {
            let pos = site.pos;
            self.at_pos(pos);
        }
    }

    fn body(&mut self) -> Result<(), CodegenError> {
        let header = self
            .f
            .mir
            .blocks
            .first()
            .map_or(SrcPos::il_line(self.f.il_line), |b| b.pos_at(0));
        self.at_pos(header);
        self.prologue();
        if let Some(w) = &mut self.asm.rows {
            w.end_prologue();
        }
        let framed = if self.asm.cfi {
            self.framed_at_entry()
        } else {
            Vec::new()
        };
        let n = self.f.mir.blocks.len();
        for b in 0..n {
            let l = self.block_label(b as u32);
            self.asm.label(l);
            if let Some(&fr) = framed.get(b) {
                self.cfi_state(fr);
            }
            let block = &self.f.mir.blocks[b];
            for (k, i) in block.insts.iter().enumerate() {
                if self.debug.is_some() {
                    self.at_pos(block.pos_at(k));
                }
                self.inst(i, b as u32)?;
            }
            if !self.asm.far && self.asm.count > NEAR_LIMIT {
                // Too large for near branches: the caller re-emits in far mode, so stop here.
                return Ok(());
            }
        }
        self.fp_slow_paths();
        self.trap_stubs()?;
        self.eh_site_table()
    }
}

/// The function-information comments of `f` (IL name, symbol, parameters where the ABI passes
/// them at entry).
fn debug_function(f: &A64Function, os: TargetOs, sym: &str, out: &mut String) {
    dbg::func_comment(&f.il_name, sym, f.il_line, out);
    let tys: Vec<Type> = f.params.iter().map(|p| p.1).collect();
    let (locs, _) = crate::abi::assign_args(os, &tys);
    for ((name, ty), loc) in f.params.iter().zip(&locs) {
        let loc = match *loc {
            crate::abi::ArgLoc::Reg(p) => ParamLoc::Reg(match p.class() {
                RegClass::Float => 64 + p.hw_enc() as u16,
                RegClass::Int | RegClass::Vector => p.hw_enc() as u16,
            }),
            crate::abi::ArgLoc::Stack { off, .. } => ParamLoc::Stack {
                sp: 31,
                off: off as i64,
            },
        };
        dbg::param_comment(name, *ty, loc, out);
    }
}

impl Emitter<A64Function> for AsmEmitter {
    fn begin_module(&self, out: &mut String) -> DataPool {
        out.push_str("// generated by viper-codegen (arm64)\n");
        if let Some(lines) = &self.debug {
            lines.file_directives(out);
        }
        DataPool::default()
    }

    type Piece = Piece;
    type Module = DataPool;

    fn emit_function(&self, f: &A64Function) -> Result<Piece, CodegenError> {
        let frame = f
            .frame
            .as_ref()
            .ok_or_else(|| CodegenError::Internal(format!("@{}: no frame layout", f.il_name)))?;
        let mut data;
        // Modes (far, test_far): near; `tbz`/`tbnz` relaxed; every conditional branch relaxed.
        // A mode that relaxes more never emits fewer instructions, so a function too large
        // for near branches goes straight to the last. A re-emission starts from an empty pool,
        // so sites are not duplicated.
        // At least this many instructions in any mode: above the near limit, near cannot fit.
        // Besides each instruction's own, every trap stub a checked operation branches to
        // (they always do) is written, once per site (`trap_stubs`; the shared tails are not
        // counted).
        let mut stub = vec![false; f.traps.len()];
        let mut floor: usize = 0;
        for i in f.mir.blocks.iter().flat_map(|b| b.insts.iter()) {
            floor += i.min_emitted();
            if let crate::inst::MInst::Checked { trap, .. }
            | crate::inst::MInst::CheckedImm { trap, .. } = i
            {
                if let Some(seen) = stub.get_mut(*trap as usize) {
                    floor += usize::from(!*seen) * TRAP_STUB_MIN;
                    *seen = true;
                }
            }
        }
        let mut mode = if floor > NEAR_LIMIT {
            (true, true)
        } else {
            (false, false)
        };
        // Object path: each line goes to the function's encoder as it is written, and no text
        // is kept. A function that does not assemble on its own (see `FnEncoder::finish`), or
        // that only some positions can take (an 8-byte aligned table: EH sites), is emitted
        // again as text, which is prepared as well and placed where it can be, else read by
        // the in-order assembler.
        let mut object = self.prepare;
        let insts: usize = f.mir.blocks.iter().map(|b| b.insts.len()).sum();
        let (out, pre) = loop {
            data = DataPool::default();
            let names = typed_arena::Arena::new();
            let mut fe = FnEmit {
                asm: Asm::new(self.os),
                f,
                frame,
                data: &mut data,
                branch_elision: self.branch_elision,
                used_traps: BTreeSet::new(),
                fp_slow: Vec::new(),
                cfi_framed: false,
                debug: self.debug.as_ref(),
            };
            if object {
                // About 20 bytes of text an instruction, and a trap stub's 4 lines per site.
                let bytes = 32 * insts + 128 * f.traps.len();
                fe.asm.set_encoder(crate::encode::FnEncoder::new(
                    self.os, f.index, &names, bytes,
                ));
            }
            // The header goes first into the function's one buffer (it does not depend on
            // the mode), so the body is never copied.
            let sym = fe.asm.sym(&f.symbol);
            self.header(f, &sym, &mut fe.asm);
            if fe.debug.is_some() {
                fe.asm.rows = Some(LocWriter::new());
            }
            (fe.asm.far, fe.asm.test_far) = mode;
            fe.asm.set_function(f.index);
            let estimate = 64 * insts + 256 * f.traps.len();
            if estimate >= RESERVE_FROM && !object {
                fe.asm.out.reserve(estimate);
            }
            fe.body()?;
            debug_assert!(
                fe.asm.count >= floor || (!mode.0 && fe.asm.count > NEAR_LIMIT),
                "{}: {} instructions emitted, below the floor {floor}",
                f.il_name,
                fe.asm.count
            );
            if !mode.0 && fe.asm.count > NEAR_LIMIT {
                mode = (true, true);
                continue;
            }
            if !mode.1 && fe.asm.tests > 0 && fe.asm.count > TEST_NEAR_LIMIT {
                mode = (false, true);
                continue;
            }
            if self.format().has_cfi() {
                fe.asm.cfi(Cfi::EndProc);
            }
            if self.format().has_symbol_type_and_size() {
                fe.asm.directivef(format_args!(".size {sym}, .-{sym}"));
            }
            if self.debug.is_some() {
                fe.asm.text_line(dbg::END_FUNC);
            }
            let encoded = fe.asm.take_encoder().map(|e| e.and_then(|e| e.finish()));
            match encoded {
                None => {
                    let pre = if self.prepare {
                        crate::encode::prepare(&fe.asm.out, f.index, self.os)
                    } else {
                        None
                    };
                    break (fe.asm.out, pre);
                }
                Some(Ok(p)) if p.places_anywhere() => break (String::new(), Some(p)),
                Some(Ok(_) | Err(_)) => object = false,
            }
        };
        Ok(Piece {
            text: out,
            data,
            pre,
            map: None,
        })
    }

    fn link_function(&self, data: &mut DataPool, piece: &mut Piece) {
        if piece.pre.is_some() {
            piece.map = Some(data.link_map(&piece.data));
        } else {
            piece.text = data.link(&piece.data, &piece.text, self.format());
        }
    }

    fn link_function_to(
        &self,
        data: &mut DataPool,
        piece: Piece,
        out: &mut dyn FnMut(&str) -> Result<(), CodegenError>,
    ) -> Result<(), CodegenError> {
        data.link_to(&piece.data, &piece.text, self.format(), out)
    }

    fn piece_text<'p>(&self, piece: &'p Piece) -> &'p str {
        debug_assert!(
            piece.map.is_none(),
            "the text of a prepared function is not linked"
        );
        &piece.text
    }

    fn end_module(&self, data: DataPool, out: &mut String) {
        let mut a = Asm::new(self.os);
        if let Some(e) = &self.entry {
            let main = a.sym("main");
            a.section(Section::Text);
            a.directive(".p2align 2");
            a.directivef(format_args!(".globl {main}"));
            if self.format().has_symbol_type_and_size() {
                a.directivef(format_args!(".type {main}, %function"));
            }
            a.label(&main);
            a.cfi(Cfi::StartProc);
            if self.debug.is_some() {
                // The C wrapper has no source line (line 0), not the last IL function's.
                a.directive(".loc 1 0 0");
            }
            a.ins("stp x29, x30, [sp, #-16]!");
            a.cfi_frame_record();
            a.ins("mov x29, sp");
            a.cfi(Cfi::DefCfa(R::x(29), 16));
            let start = a.sym("vpr_start");
            a.insf(format_args!("bl {start}"));
            let il_main = a.sym(&e.symbol);
            match e.stack_size {
                Some(bytes) => {
                    a.addr_of("x0", &il_main);
                    a.mov_imm("x1", bytes);
                    let run = a.sym("vpr_run_on_stack");
                    a.insf(format_args!("bl {run}"));
                }
                None => a.insf(format_args!("bl {il_main}")),
            }
            if !e.ret.is_int() {
                a.ins("mov x0, #0");
            }
            a.ins("ldp x29, x30, [sp], #16");
            a.cfi(Cfi::DefCfa(R::SP, 0));
            a.cfi(Cfi::Restore(R::x(30)));
            a.cfi(Cfi::Restore(R::x(29)));
            a.ins("ret");
            a.cfi(Cfi::EndProc);
            if self.format().has_symbol_type_and_size() {
                a.directivef(format_args!(".size {main}, .-{main}"));
            }
        }
        if self.prepare {
            match self.data.lock() {
                Ok(mut d) => *d = Some(data),
                Err(poisoned) => *poisoned.into_inner() = Some(data),
            }
        } else {
            data.write(&mut a);
        }
        if self.format() == ObjectFormat::Elf {
            a.directive(".section .note.GNU-stack,\"\",%progbits");
        }
        out.push_str(&a.out);
    }
}
