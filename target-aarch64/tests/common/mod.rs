//! Test support: a small programmatic IL builder and helpers that compile a module for Linux,
//! assemble + link it with `shim.c` using the aarch64 cross gcc, and run it under qemu.
#![allow(dead_code)]

use codegen_api::{CodegenOptions, OptLevel, Target, TargetOs};
use il::*;
use smallvec::SmallVec;
use std::path::PathBuf;
use std::process::Command;

pub struct MB {
    pub m: Module,
}

impl MB {
    pub fn new() -> MB {
        MB {
            m: Module {
                version: "0.2.0".into(),
                ..Default::default()
            },
        }
    }
    pub fn sym(&mut self, name: &str) -> Symbol {
        if let Some(s) = self.m.find_symbol(name) {
            return s;
        }
        self.m.symbols.push(name.into());
        Symbol(self.m.symbols.len() as u32 - 1)
    }
    pub fn global(&mut self, name: &str, bytes: &[u8]) -> Symbol {
        let s = self.sym(name);
        self.m.globals.push(Global {
            name: s,
            bytes: bytes.to_vec(),
            span: Span::default(),
        });
        s
    }
    pub fn add(&mut self, f: FB) {
        self.m.functions.push(f.f);
    }
}

pub struct FB {
    pub f: Function,
}

pub fn v(x: ValueId) -> Operand {
    Operand::Value(x)
}
pub fn i(x: i64) -> Operand {
    Operand::Int(x)
}
pub fn f(x: f64) -> Operand {
    Operand::f64(x)
}

impl FB {
    pub fn new(mb: &mut MB, name: &str, params: &[Type], ret: Type) -> FB {
        let s = mb.sym(name);
        let mut fb = FB {
            f: Function {
                name: s,
                params: params
                    .iter()
                    .enumerate()
                    .map(|(k, t)| Param {
                        name: format!("p{k}").into(),
                        ty: *t,
                    })
                    .collect(),
                ret,
                blocks: vec![],
                values: vec![],
                span: Span::default(),
            },
        };
        fb.block("entry", params);
        fb
    }
    pub fn val(&mut self, ty: Type) -> ValueId {
        self.f.values.push(ValueData {
            name: format!("t{}", self.f.values.len()).into(),
            ty,
        });
        ValueId(self.f.values.len() as u32 - 1)
    }
    /// Add a block; returns its id (params via `params(b)`).
    pub fn block(&mut self, label: &str, params: &[Type]) -> BlockId {
        let ps = params.iter().map(|t| self.val(*t)).collect();
        self.f.blocks.push(Block {
            label: label.into(),
            params: ps,
            insts: vec![],
            handler_kw: false,
            span: Span::default(),
        });
        BlockId(self.f.blocks.len() as u32 - 1)
    }
    pub fn params(&self, b: BlockId) -> Vec<ValueId> {
        self.f.blocks[b.index()].params.clone()
    }
    fn push(&mut self, b: BlockId, inst: Inst) {
        self.f.blocks[b.index()].insts.push(inst);
    }
    /// An instruction with a result of type `ty` (Void = no result).
    pub fn op(&mut self, b: BlockId, op: Opcode, ty: Type, ops: Vec<Operand>) -> ValueId {
        let mut inst = Inst::new(op, Span { line: 1, col: 1 });
        inst.ty = ty;
        let r = self.val(if ty == Type::Void { Type::I64 } else { ty });
        if ty != Type::Void {
            inst.result = Some(r);
        }
        inst.operands = SmallVec::from_vec(ops);
        self.push(b, inst);
        r
    }
    /// Annotated result (`%r:T = ...`).
    pub fn op_ann(&mut self, b: BlockId, op: Opcode, ty: Type, ops: Vec<Operand>) -> ValueId {
        let r = self.op(b, op, ty, ops);
        self.f.blocks[b.index()].insts.last_mut().unwrap().annotated = true;
        r
    }
    pub fn set_loc(&mut self, b: BlockId, line: u32) {
        self.f.blocks[b.index()].insts.last_mut().unwrap().loc = Some(SrcLoc {
            file: 1,
            line,
            col: 1,
        });
    }
    pub fn store(&mut self, b: BlockId, ty: Type, p: Operand, x: Operand) {
        let mut inst = Inst::new(Opcode::Store, Span::default());
        inst.ty = ty;
        inst.operands = SmallVec::from_vec(vec![p, x]);
        self.push(b, inst);
    }
    pub fn call(
        &mut self,
        mb: &mut MB,
        b: BlockId,
        callee: &str,
        ret: Type,
        args: Vec<Operand>,
    ) -> ValueId {
        let s = mb.sym(callee);
        let mut inst = Inst::new(Opcode::Call, Span::default());
        inst.callee = Some(s);
        inst.ty = ret;
        let r = self.val(if ret == Type::Void { Type::I64 } else { ret });
        if ret != Type::Void {
            inst.result = Some(r);
        }
        inst.operands = SmallVec::from_vec(args);
        self.push(b, inst);
        r
    }
    pub fn say(&mut self, mb: &mut MB, b: BlockId, x: Operand) {
        self.call(mb, b, "Viper.Terminal.SayInt", Type::Void, vec![x]);
    }
    pub fn term(
        &mut self,
        b: BlockId,
        op: Opcode,
        ops: Vec<Operand>,
        targets: Vec<(BlockId, Vec<Operand>)>,
    ) {
        let mut inst = Inst::new(op, Span::default());
        inst.operands = SmallVec::from_vec(ops);
        inst.targets = targets
            .into_iter()
            .map(|(block, args)| BranchTarget {
                block,
                args: SmallVec::from_vec(args),
            })
            .collect();
        self.push(b, inst);
    }
    pub fn br(&mut self, b: BlockId, t: BlockId, args: Vec<Operand>) {
        self.term(b, Opcode::Br, vec![], vec![(t, args)]);
    }
    pub fn ret(&mut self, b: BlockId, x: Option<Operand>) {
        self.term(b, Opcode::Ret, x.into_iter().collect(), vec![]);
    }
    pub fn switch(
        &mut self,
        b: BlockId,
        s: Operand,
        default: (BlockId, Vec<Operand>),
        cases: Vec<(i32, BlockId, Vec<Operand>)>,
    ) {
        let mut targets = vec![default];
        let mut cv = vec![];
        for (c, t, a) in cases {
            cv.push(c);
            targets.push((t, a));
        }
        self.term(b, Opcode::SwitchI32, vec![s], targets);
        self.f.blocks[b.index()].insts.last_mut().unwrap().cases = cv.into();
    }
}

/// Linux options with pass or setting `name` of the arm64 target switched off (a name that the
/// target does not register is a test bug).
pub fn without(name: &str) -> CodegenOptions {
    let mut o = opts(TargetOs::Linux);
    let target = target_aarch64::Aarch64Target;
    let info = target.info();
    if info.pass(name).is_some() {
        o.set_pass(name, false);
    } else if info.setting(name).is_some() {
        o.settings.insert(name.to_string(), false);
    } else {
        panic!("arm64 has no pass or setting `{name}`");
    }
    o
}

/// The text of function `name` in assembly `asm` (its label to `.size`).
pub fn body<'a>(asm: &'a str, name: &str) -> &'a str {
    let start = asm.find(&format!("\n{name}:\n")).expect("function label");
    let rest = &asm[start..];
    &rest[..rest.find("\t.size").unwrap_or(rest.len())]
}

pub fn opts(os: TargetOs) -> CodegenOptions {
    CodegenOptions {
        os,
        opt_level: OptLevel::O2,
        verify_mir: true,
        ..Default::default()
    }
}

pub fn compile(m: &Module, o: &CodegenOptions) -> String {
    target_aarch64::Aarch64Target
        .compile(m, o)
        .unwrap_or_else(|e| panic!("compile failed: {e}"))
}

fn tool(name: &str) -> bool {
    Command::new(name).arg("--version").output().is_ok()
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir()
        .join(format!("viper-a64-tests-{}", std::process::id()))
        .join(name);
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Compile for Linux, link with the shim, run under qemu. None if the toolchain is missing.
pub fn run_with(name: &str, m: &Module, o: &CodegenOptions) -> Option<Run> {
    let asm = compile(m, o);
    if !codegen_api::link::native_ready("aarch64", TargetOs::Linux) {
        eprintln!("skipping run of {name}: toolchain missing");
        return None;
    }
    let d = scratch(name);
    let s = d.join("prog.s");
    std::fs::write(&s, &asm).unwrap();
    let exe = d.join("prog");
    let shim = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/shim.c");
    let out = Command::new("aarch64-linux-gnu-gcc")
        .args(["-static", "-O1", "-o"])
        .arg(&exe)
        .arg(&s)
        .arg(&shim)
        .arg("-lm")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "link failed for {name}:\n{}\n{asm}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new("qemu-aarch64").arg(&exe).output().unwrap();
    Some(Run {
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
        code: out.status.code().unwrap_or(-1),
    })
}

/// Run `m` built with each named option set (see [`run_with`]) and check that every build exits
/// with `code`; builds are skipped when the toolchain is missing.
#[allow(dead_code)]
pub fn expect_exit(m: &Module, builds: &[(&str, CodegenOptions)], code: i32) {
    for (name, o) in builds {
        if let Some(r) = run_with(name, m, o) {
            assert_eq!(r.code, code, "{name}: {}", r.stderr);
        }
    }
}

pub fn run(name: &str, m: &Module) -> Option<Run> {
    run_with(name, m, &opts(TargetOs::Linux))
}

/// Assemble Darwin output with llvm-mc (None if llvm-mc is missing).
pub fn assemble_darwin(name: &str, m: &Module) -> Option<()> {
    let asm = compile(m, &opts(TargetOs::Darwin));
    if !tool("llvm-mc") {
        return None;
    }
    let d = scratch(name);
    let s = d.join("prog_darwin.s");
    std::fs::write(&s, &asm).unwrap();
    let out = Command::new("llvm-mc")
        .args(["-triple=arm64-apple-macos", "-filetype=obj", "-o"])
        .arg(d.join("prog.o"))
        .arg(&s)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "llvm-mc failed for {name}:\n{}\n{asm}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(())
}
