//! Debug information (`-g`, issue 11).
//!
//! 1. `-g` changes no instruction: for every corpus and demo program (core, extended, system,
//!    demos), Linux and Darwin, the code section of the object built with `-g` is byte-identical
//!    to the one built without it (file ids 1–4 of the `.loc`s are named, so rows point at
//!    sources and at IL lines).
//! 2. `llvm-dwarfdump --verify` is clean on the `-g` objects of every core, extended and demo
//!    program, Linux (DWARF 5) and Darwin (DWARF 4), and they have a `.debug_info` with a
//!    subprogram per function.
//! 3. The system assemblers accept the `-g` text of the demos (`--via-asm`) and make the same
//!    code.
//! 4. gdb-multiarch against `qemu-aarch64 -g`: on a program whose `.loc` lines are named with
//!    `--debug-source`, `break FILE:LINE` stops there, `bt` shows the IL function names through
//!    three frames with their source lines, `next` goes to the next source line, `finish` returns
//!    to the caller, `info args` prints the parameters (in a leaf at its first line, and at the
//!    entry of a framed function); the same on the program without `.loc`, on IL lines, and
//!    with `-g=il`. A trap's message and the line-table row of the frame calling `vpr_trap`
//!    name the same line. These build at -O1: -O2 inlines `leaf` and `boom`, and inlined calls
//!    have no frames of their own yet (docs/decisions.md); at -O2 the trap's frame is its
//!    caller, still at the trapping line.
//!
//! Harness-less; prints `debug-info: N passed, M failed` and exits 1 on any failure. Parts that
//! need a missing tool (llvm-dwarfdump, the assemblers, gdb-multiarch, qemu) are skipped with a
//! NOTICE; parts 1–3 are skipped when ../shared is absent.

use codegen_api::{CodegenOptions, DebugInfo, TargetOs};
use object::{Object, ObjectSection};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use viper_cli::args::CommonArgs;
use viper_cli::options::DebugFlags;

fn debug_opts(os: TargetOs, il_path: &str) -> CodegenOptions {
    CodegenOptions {
        os,
        debug: DebugInfo {
            enabled: true,
            il_lines: false,
            il_path: il_path.to_string(),
            sources: (1..=4).map(|k| (k, format!("/src/file{k}.bas"))).collect(),
        },
        ..CodegenOptions::default()
    }
}

/// The bytes of the code section of an object.
fn code(obj: &[u8]) -> Result<Vec<u8>, String> {
    let f = object::File::parse(obj).map_err(|e| format!("unreadable object: {e}"))?;
    let s = f
        .sections()
        .find(|s| matches!(s.name(), Ok(".text" | "__text")))
        .ok_or("no code section")?;
    s.data().map(<[u8]>::to_vec).map_err(|e| e.to_string())
}

/// A program's name and its check's result.
type Checked = (String, Result<Option<Built>, String>);

/// What one program's check produced: the `-g` objects to verify, if any.
struct Built {
    objects: Vec<PathBuf>,
}

/// Part 1 for one program (and part 2's objects when `keep`): `Ok(None)` when the IL does not
/// verify (nothing to compile).
fn check_program(path: &Path, dir: &Path, keep: bool) -> Result<Option<Built>, String> {
    let Some(module) = viper_tests::load_verified(path)? else {
        return Ok(None);
    };
    let target = codegen_api::find_target("arm64").ok_or("arm64 target missing")?;
    let stem = viper_tests::program_stem(path);
    let name = path.display().to_string();
    let mut objects = Vec::new();
    for os in [TargetOs::Linux, TargetOs::Darwin] {
        let plain = CodegenOptions {
            os,
            ..CodegenOptions::default()
        };
        let g = debug_opts(os, &name);
        let build = |o: &CodegenOptions| -> Result<(String, Vec<u8>), String> {
            let text = target.compile(&module, o).map_err(|e| e.to_string())?;
            let obj = target
                .assemble(&text, o)
                .ok_or("arm64 has no assembler")?
                .map_err(|e| e.to_string())?;
            Ok((text, obj))
        };
        let (_, a) = build(&plain).map_err(|e| format!("{}: {e}", os.name()))?;
        let (gtext, b) = build(&g).map_err(|e| format!("{}: -g: {e}", os.name()))?;
        if !gtext.contains("\t.loc ") {
            return Err(format!("{}: -g text has no .loc", os.name()));
        }
        if code(&a)? != code(&b)? {
            return Err(format!("{}: -g changed the code section", os.name()));
        }
        if keep {
            let o = dir.join(format!("{stem}-{}.o", os.name()));
            std::fs::write(&o, &b).map_err(|e| e.to_string())?;
            objects.push(o);
        }
    }
    Ok(Some(Built { objects }))
}

/// `llvm-dwarfdump --verify` on `objs` (one run for many files); also requires a subprogram.
fn verify_objects(objs: &[PathBuf]) -> Vec<String> {
    let out = Command::new("llvm-dwarfdump")
        .arg("--verify")
        .args(objs)
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) => return vec![format!("llvm-dwarfdump: {e}")],
    };
    if out.status.success() {
        let info = Command::new("llvm-dwarfdump")
            .arg("--debug-info")
            .args(objs)
            .output();
        let text = info.map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
        let subprograms = text
            .as_deref()
            .unwrap_or("")
            .matches("DW_TAG_subprogram")
            .count();
        return if subprograms >= objs.len() {
            Vec::new()
        } else {
            vec![format!(
                "only {subprograms} subprograms in {} objects",
                objs.len()
            )]
        };
    }
    // Find the offending files one by one.
    let mut bad = Vec::new();
    for o in objs {
        let one = Command::new("llvm-dwarfdump")
            .arg("--verify")
            .arg(o)
            .output();
        if let Ok(r) = one {
            if !r.status.success() {
                let text = String::from_utf8_lossy(&r.stdout);
                let first = text
                    .lines()
                    .find(|l| l.contains("error"))
                    .unwrap_or("")
                    .to_string();
                bad.push(format!("{}: dwarfdump --verify: {first}", o.display()));
            }
        }
    }
    if bad.is_empty() {
        bad.push("llvm-dwarfdump --verify failed".into());
    }
    bad
}

/// Part 3: the system assemblers accept the `-g` text and make the same code.
fn check_system_assemblers(path: &Path, dir: &Path) -> Result<(), String> {
    let src = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let name = path.display().to_string();
    let module = il::parse(&src, &name).map_err(|e| format!("{e:?}"))?;
    let target = codegen_api::find_target("arm64").ok_or("arm64 target missing")?;
    for os in [TargetOs::Linux, TargetOs::Darwin] {
        let o = debug_opts(os, &name);
        let text = target.compile(&module, &o).map_err(|e| e.to_string())?;
        let ours = target
            .assemble(&text, &o)
            .ok_or("no assembler")?
            .map_err(|e| e.to_string())?;
        let s = dir.join(format!("sys-{}.s", os.name()));
        let obj = dir.join(format!("sys-{}.o", os.name()));
        std::fs::write(&s, &text).map_err(|e| e.to_string())?;
        let mut cmd = match os {
            TargetOs::Linux => Command::new("aarch64-linux-gnu-as"),
            TargetOs::Darwin => {
                let mut c = Command::new("llvm-mc");
                c.args(["-triple=arm64-apple-macos", "-filetype=obj"]);
                c
            }
        };
        let out = cmd
            .arg(&s)
            .arg("-o")
            .arg(&obj)
            .output()
            .map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!(
                "{}: the system assembler rejected the -g text: {}",
                os.name(),
                String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .next()
                    .unwrap_or("")
            ));
        }
        let theirs = std::fs::read(&obj).map_err(|e| e.to_string())?;
        if code(&theirs)? != code(&ours)? {
            return Err(format!(
                "{}: the system assembler made other code",
                os.name()
            ));
        }
    }
    Ok(())
}

// ---- part 4: gdb ----

/// Three calls deep (`main` → `mid` → `leaf`), with `.loc`s of file 1 at lines 10–12, 20–22
/// and 30–32.
const WITH_LOC: &str = "il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @leaf(i64 %a, i64 %b) -> i64 {
entry(%a: i64, %b: i64):
  .loc 1 10 3
  %s = iadd.ovf %a, %b
  .loc 1 11 3
  %t = imul.ovf %s, 2
  .loc 1 12 3
  ret %t
}
func @mid(i64 %x) -> i64 {
entry(%x: i64):
  .loc 1 20 3
  %y = call @leaf(%x, 3)
  .loc 1 21 3
  %z = iadd.ovf %y, 1
  .loc 1 22 3
  ret %z
}
func @main() -> i64 {
entry:
  .loc 1 30 3
  %v = call @mid(4)
  .loc 1 31 3
  call @Viper.Terminal.SayInt(%v)
  .loc 1 32 3
  ret 0
}
";

/// The same program without `.loc`: rows are IL lines (`leaf`'s body at 5–7, `mid`'s call at
/// 11, `main`'s call at 17).
const NO_LOC: &str = "il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @leaf(i64 %a, i64 %b) -> i64 {
entry(%a: i64, %b: i64):
  %s = iadd.ovf %a, %b
  %t = imul.ovf %s, 2
  ret %t
}
func @mid(i64 %x) -> i64 {
entry(%x: i64):
  %y = call @leaf(%x, 3)
  %z = iadd.ovf %y, 1
  ret %z
}
func @main() -> i64 {
entry:
  %v = call @mid(4)
  call @Viper.Terminal.SayInt(%v)
  ret 0
}
";

/// Build `il` (written to `dir/name`) with `-g` and `extra` flags into an executable.
fn build_exe(dir: &Path, name: &str, il: &str, common: CommonArgs) -> Result<PathBuf, String> {
    let src = dir.join(name);
    std::fs::write(&src, il).map_err(|e| e.to_string())?;
    let c = viper_cli::build::compile(&src, Some("arm64".into()), &common, DebugFlags::default())
        .map_err(|e| e.0)?;
    let out = dir.join(name.trim_end_matches(".il"));
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    c.build_executable(&out).map_err(|e| e.0)
}

/// Every expected fragment must occur, in order, in `text`.
fn expect_in_order(text: &str, want: &[&str]) -> Result<(), String> {
    let mut rest = text;
    for w in want {
        match rest.find(w) {
            Some(i) => rest = &rest[i + w.len()..],
            None => {
                return Err(format!(
                    "expected `{w}` (in order) in the gdb output:\n{text}"
                ))
            }
        }
    }
    Ok(())
}

/// The frame lines of a `bt`: (function, file:line or empty).
fn frames(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|l| l.starts_with('#'))
        .filter_map(|l| {
            let after = l.split_once(' ')?.1.trim_start();
            let after = after.split_once(" in ").map_or(after, |x| x.1);
            let func = after.split_whitespace().next()?.to_string();
            let at = l.rsplit_once(" at ").map_or("", |x| x.1).to_string();
            Some((func, at))
        })
        .collect()
}

/// Part 4 for one program: `file` is the file name the rows point at, `lines` the leaf's first
/// two lines, the call lines in `mid` and `main`, and the line in `mid` after the call.
fn gdb_check(exe: &Path, dir: &Path, port: u32, file: &str, lines: [u32; 5]) -> Result<(), String> {
    let [l0, l1, mid_call, main_call, mid_after] = lines;
    let script = format!("break {file}:{l0}\ncontinue\nbt\ninfo args\nnext\nfinish\ncontinue\n");
    let out = viper_tests::gdb_session(exe, &script, dir, port)?;
    expect_in_order(
        &out,
        &[
            "leaf (a=4, b=3) at ",
            &format!("{file}:{l0}"),
            "#0",
            "a = 4\nb = 3",
            &format!("\n{l1}\t"),
            "mid (",
            &format!("{file}:{mid_after}"),
        ],
    )?;
    let fr = frames(&out);
    let want = [
        ("leaf", format!("{file}:{l0}")),
        ("mid", format!("{file}:{mid_call}")),
        ("main", format!("{file}:{main_call}")),
    ];
    for (k, (f, at)) in want.iter().enumerate() {
        match fr.get(k) {
            Some((g, a)) if g == f && a.ends_with(at.as_str()) => {}
            other => {
                return Err(format!(
                    "frame #{k}: {other:?}, expected {f} at …{at}\n{out}"
                ))
            }
        }
    }
    // After `next` and `finish`, the caller's location is the line after the call.
    let after_next = out.split(&format!("\n{l1}\t")).nth(1).unwrap_or("");
    if !after_next.contains(&format!("{file}:{mid_after}")) {
        return Err(format!(
            "`finish` did not return to {file}:{mid_after}\n{out}"
        ));
    }
    // Parameters at the entry of a framed function.
    let out2 = viper_tests::gdb_session(exe, "break *mid\ncontinue\ninfo args\n", dir, port + 1)?;
    expect_in_order(&out2, &["mid (x=4)", "x = 4\n"])?;
    Ok(())
}

/// A trap at `.loc 1 40`: the message names line 40 and the frame that calls `vpr_trap` is at
/// `main.bas:40` in the line table.
const TRAPS: &str = "il 0.2.0
func @boom(i64 %a) -> i64 {
entry(%a: i64):
  .loc 1 40 5
  %b = iadd.ovf %a, 9223372036854775807
  .loc 1 41 5
  ret %b
}
func @main() -> i64 {
entry:
  .loc 1 50 3
  %v = call @boom(5)
  ret %v
}
";

/// `inlined`: `boom` was inlined into `main` (-O2), so frame #1 is `main`, still at the
/// trapping line of `boom`'s body (docs/decisions.md, "-g with inlining").
fn trap_check(exe: &Path, dir: &Path, port: u32, inlined: bool) -> Result<(), String> {
    let run = Command::new("qemu-aarch64")
        .arg(exe)
        .output()
        .map_err(|e| format!("qemu-aarch64: {e}"))?;
    let msg = String::from_utf8_lossy(&run.stderr);
    if !msg.contains("line 40") {
        return Err(format!("trap message does not name line 40: {msg}"));
    }
    let out = viper_tests::gdb_session(exe, "break vpr_trap\ncontinue\nbt\n", dir, port)?;
    match frames(&out).get(1) {
        Some((f, at))
            if f == if inlined { "main" } else { "boom" } && at.ends_with("main.bas:40") =>
        {
            Ok(())
        }
        other => Err(format!(
            "frame #1 {other:?}, expected {} at main.bas:40\n{out}",
            if inlined { "main" } else { "boom" }
        )),
    }
}

fn main() {
    let mut failures: Vec<String> = Vec::new();
    let mut passed = 0usize;
    let dir = tempfile::tempdir().expect("tempdir");

    match viper_tests::shared_dir() {
        None => println!("NOTICE: ../shared not found; corpus parts of debug-info skipped"),
        Some(shared) => {
            let all = viper_tests::corpus_programs(
                &shared,
                &["corpus/core", "corpus/extended", "corpus/system", "demos"],
            );
            let verified = |p: &Path| {
                let s = p.to_string_lossy();
                !s.contains("/corpus/system/")
            };
            let dwarfdump = viper_tests::have_tool("llvm-dwarfdump");
            if !dwarfdump {
                println!("NOTICE: llvm-dwarfdump missing; DWARF verification skipped");
            }
            let next = AtomicUsize::new(0);
            let results: Mutex<Vec<Checked>> = Mutex::new(Vec::new());
            let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
            std::thread::scope(|s| {
                for _ in 0..workers {
                    s.spawn(|| loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        let Some(p) = all.get(k) else { break };
                        let keep = dwarfdump && verified(p);
                        let sub = dir.path().join(format!("p{k}"));
                        let _ = std::fs::create_dir_all(&sub);
                        let r = check_program(p, &sub, keep);
                        if let Ok(mut v) = results.lock() {
                            v.push((p.display().to_string(), r));
                        }
                    });
                }
            });
            let results = results.into_inner().unwrap_or_default();
            let mut objects = Vec::new();
            let mut compiled = 0;
            for (name, r) in results {
                match r {
                    Ok(Some(b)) => {
                        compiled += 1;
                        objects.extend(b.objects);
                    }
                    Ok(None) => {}
                    Err(e) => failures.push(format!("{name}: {e}")),
                }
            }
            let text_failures = failures.len();
            if text_failures == 0 && compiled > 0 {
                passed += 1;
            }
            println!("debug-info: .text identical with -g for {compiled} programs x 2 OSes");
            if dwarfdump {
                objects.sort();
                let chunks: Vec<&[PathBuf]> = objects.chunks(64).collect();
                let bad: Mutex<Vec<String>> = Mutex::new(Vec::new());
                let next = AtomicUsize::new(0);
                std::thread::scope(|s| {
                    for _ in 0..workers {
                        s.spawn(|| loop {
                            let k = next.fetch_add(1, Ordering::Relaxed);
                            let Some(c) = chunks.get(k) else { break };
                            let v = verify_objects(c);
                            if let Ok(mut b) = bad.lock() {
                                b.extend(v);
                            }
                        });
                    }
                });
                let bad = bad.into_inner().unwrap_or_default();
                println!(
                    "debug-info: llvm-dwarfdump --verify on {} objects",
                    objects.len()
                );
                if bad.is_empty() && !objects.is_empty() {
                    passed += 1;
                } else if objects.is_empty() {
                    failures.push("no -g objects to verify".into());
                }
                failures.extend(bad);
            }
            if viper_tests::have_tool("aarch64-linux-gnu-as") && viper_tests::have_tool("llvm-mc") {
                let demos = viper_tests::corpus_programs(&shared, &["demos"]);
                let before = failures.len();
                for p in &demos {
                    if let Err(e) = check_system_assemblers(p, dir.path()) {
                        failures.push(format!("{}: {e}", p.display()));
                    }
                }
                if failures.len() == before && !demos.is_empty() {
                    passed += 1;
                }
            } else {
                println!(
                    "NOTICE: aarch64-linux-gnu-as or llvm-mc missing; --via-asm check skipped"
                );
            }
        }
    }

    if !viper_tests::native_toolchain_available()
        || !viper_tests::have_tool("gdb-multiarch")
        || !viper_tests::have_tool("qemu-aarch64")
    {
        println!("NOTICE: gdb-multiarch, qemu-aarch64 or the arm64 toolchain missing; gdb part of debug-info skipped");
    } else {
        let port = 21000 + (std::process::id() % 10000) * 2;
        let mut named = viper_tests::linux_args();
        named.opt_level = Some(1);
        named.g = Some("source".into());
        named.debug_source = vec!["1=main.bas".into()];
        match build_exe(dir.path(), "withloc.il", WITH_LOC, named) {
            Ok(exe) => match gdb_check(&exe, dir.path(), port, "main.bas", [10, 11, 20, 30, 21]) {
                Ok(()) => passed += 1,
                Err(e) => failures.push(format!("gdb, .loc lines: {e}")),
            },
            Err(e) => failures.push(format!("gdb, .loc lines: build: {e}")),
        }
        let mut il = viper_tests::linux_args();
        il.opt_level = Some(1);
        il.g = Some("source".into());
        match build_exe(dir.path(), "noloc.il", NO_LOC, il) {
            Ok(exe) => {
                match gdb_check(&exe, dir.path(), port + 4, "noloc.il", [5, 6, 11, 17, 12]) {
                    Ok(()) => passed += 1,
                    Err(e) => failures.push(format!("gdb, IL lines: {e}")),
                }
            }
            Err(e) => failures.push(format!("gdb, IL lines: build: {e}")),
        }
        // `-g=il` overrides the names: the `.loc` program steps on IL lines.
        let mut forced = viper_tests::linux_args();
        forced.opt_level = Some(1);
        forced.g = Some("il".into());
        forced.debug_source = vec!["1=main.bas".into()];
        match build_exe(dir.path(), "forced.il", WITH_LOC, forced) {
            Ok(exe) => match gdb_check(&exe, dir.path(), port + 8, "forced.il", [6, 8, 15, 24, 17])
            {
                Ok(()) => passed += 1,
                Err(e) => failures.push(format!("gdb, -g=il: {e}")),
            },
            Err(e) => failures.push(format!("gdb, -g=il: build: {e}")),
        }
        let mut t = viper_tests::linux_args();
        t.opt_level = Some(1);
        t.g = Some("source".into());
        t.debug_source = vec!["1=main.bas".into()];
        match build_exe(dir.path(), "traps.il", TRAPS, t) {
            Ok(exe) => match trap_check(&exe, dir.path(), port + 12, false) {
                Ok(()) => passed += 1,
                Err(e) => failures.push(format!("trap line: {e}")),
            },
            Err(e) => failures.push(format!("trap line: build: {e}")),
        }
        let mut t2 = viper_tests::linux_args();
        t2.opt_level = Some(2);
        t2.g = Some("source".into());
        t2.debug_source = vec!["1=main.bas".into()];
        match build_exe(dir.path(), "traps2.il", TRAPS, t2) {
            Ok(exe) => match trap_check(&exe, dir.path(), port + 16, true) {
                Ok(()) => passed += 1,
                Err(e) => failures.push(format!("trap line, -O2: {e}")),
            },
            Err(e) => failures.push(format!("trap line, -O2: build: {e}")),
        }
    }

    for f in &failures {
        println!("FAIL {f}");
    }
    println!("debug-info: {passed} passed, {} failed", failures.len());
    if !failures.is_empty() {
        std::process::exit(1);
    }
}
