//! Byte-exact objects: every corpus and demo program (core, extended, system, demos) is compiled
//! once to assembly text, and the object viper writes itself from that text is compared with
//! what the system assembler makes from the same text: `aarch64-linux-gnu-as` (Linux, ELF) and
//! `llvm-mc -triple=arm64-apple-macos -filetype=obj` (Darwin, Mach-O). Compared: every section's
//! name, kind, flags, alignment and bytes; every symbol (name, section, value, size, kind,
//! scope, flags); every relocation (section, offset, type fields, target, addend). Normalised:
//! only symbol order (both sides sorted). Also a generated function with more than 1 MiB of
//! code (the emitter's relaxed branches); without an assembler to compare with, a buffer-level
//! check that out-of-range conditional branches get veneers; that the default path
//! (`Target::compile_object`, which encodes while compiling) gives the same bytes as assembling
//! the text; and the Mach-O objects of the demos
//! link with `ld64.lld -dylib -undefined dynamic_lookup` without a diagnostic.
//!
//! Harness-less; prints `object-exact: N passed, M failed` and exits 1 on any failure. Skips an
//! OS with a NOTICE when its assembler is missing, and everything when ../shared is absent.

use codegen_api::{CodegenOptions, TargetOs};
use object::{Object, ObjectSection, ObjectSymbol};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

const TIERS: &[&str] = &["corpus/core", "corpus/extended", "corpus/system", "demos"];

/// The system assembler for `os`: program and arguments before `input -o output`.
fn assembler(os: TargetOs) -> (&'static str, &'static [&'static str]) {
    match os {
        TargetOs::Linux => ("aarch64-linux-gnu-as", &[]),
        TargetOs::Darwin => ("llvm-mc", &["-triple=arm64-apple-macos", "-filetype=obj"]),
    }
}

/// A canonical description of an object file: sections, sorted symbols, relocations.
fn describe(bytes: &[u8]) -> Result<Vec<String>, String> {
    let f = object::File::parse(bytes).map_err(|e| format!("unreadable object: {e}"))?;
    let mut out = Vec::new();
    let sec_name = |i: object::SectionIndex| -> String {
        f.section_by_index(i)
            .ok()
            .map(|s| {
                format!(
                    "{},{}",
                    s.segment_name().ok().flatten().unwrap_or(""),
                    s.name().unwrap_or("?")
                )
            })
            .unwrap_or_else(|| format!("#{}", i.0))
    };
    for s in f.sections() {
        let name = s.name().unwrap_or("?");
        if name.starts_with(".rela") || matches!(name, ".symtab" | ".strtab" | ".shstrtab") {
            continue;
        }
        let data = s.data().map_err(|e| e.to_string())?;
        let mut hex = String::with_capacity(data.len() * 2);
        for b in data {
            let _ = write!(hex, "{b:02x}");
        }
        out.push(format!(
            "section {} kind={:?} flags={:?} align={} size={} data={hex}",
            sec_name(s.index()),
            s.kind(),
            s.flags(),
            s.align(),
            s.size()
        ));
        let mut relocs = Vec::new();
        for (off, r) in s.relocations() {
            let target = match r.target() {
                object::RelocationTarget::Symbol(i) => match f.symbol_by_index(i) {
                    Ok(sym) if sym.kind() == object::SymbolKind::Section => {
                        format!(
                            "section:{}",
                            sym.section_index().map(sec_name).unwrap_or_default()
                        )
                    }
                    Ok(sym) => sym.name().unwrap_or("?").to_string(),
                    Err(_) => format!("symbol#{}", i.0),
                },
                object::RelocationTarget::Section(i) => format!("section:{}", sec_name(i)),
                other => format!("{other:?}"),
            };
            relocs.push(format!(
                "reloc {} +{off:#x} {:?} {target} addend={} implicit={}",
                sec_name(s.index()),
                r.flags(),
                r.addend(),
                r.has_implicit_addend()
            ));
        }
        relocs.sort();
        out.extend(relocs);
    }
    let mut syms = Vec::new();
    for s in f.symbols() {
        let section = s
            .section_index()
            .map(sec_name)
            .unwrap_or_else(|| format!("{:?}", s.section()));
        syms.push(format!(
            "symbol {:?} in {section} value={:#x} size={} kind={:?} global={} local={} flags={:?}",
            s.name().unwrap_or("?"),
            s.address(),
            s.size(),
            s.kind(),
            s.is_global(),
            s.is_local(),
            s.flags()
        ));
    }
    syms.sort();
    out.extend(syms);
    Ok(out)
}

/// First difference between two descriptions.
fn diff(ours: &[String], theirs: &[String]) -> Option<String> {
    let short = |s: &str| -> String { s.chars().take(400).collect() };
    for (k, (a, b)) in ours.iter().zip(theirs).enumerate() {
        if a != b {
            // For section data, point at the first differing byte.
            let at = a
                .bytes()
                .zip(b.bytes())
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            let from = at.saturating_sub(40);
            return Some(format!(
                "item {k}: ours  `{}`\n      theirs `{}`\n      (at char {at}: ours …{}… theirs …{}…)",
                short(a),
                short(b),
                &a[from..(at + 40).min(a.len())],
                &b[from..(at + 40).min(b.len())]
            ));
        }
    }
    if ours.len() != theirs.len() {
        let (longer, who) = if ours.len() > theirs.len() {
            (ours, "ours")
        } else {
            (theirs, "theirs")
        };
        let k = ours.len().min(theirs.len());
        return Some(format!("only {who} has `{}`", short(&longer[k])));
    }
    None
}

/// Compare our object for `text` with the system assembler's; returns ours.
fn compare(text: &str, os: TargetOs, dir: &Path, stem: &str) -> Result<Vec<u8>, String> {
    let target = codegen_api::find_target("arm64").ok_or("arm64 target missing")?;
    let opts = CodegenOptions {
        os,
        ..CodegenOptions::default()
    };
    let ours = target
        .assemble(text, &opts)
        .ok_or("arm64 has no assembler")?
        .map_err(|e| format!("{}: ours: {e}", os.name()))?;
    let s = dir.join(format!("{stem}-{}.s", os.name()));
    let o = dir.join(format!("{stem}-{}.o", os.name()));
    std::fs::write(&s, text).map_err(|e| e.to_string())?;
    let (tool, args) = assembler(os);
    let out = Command::new(tool)
        .args(args)
        .arg(&s)
        .arg("-o")
        .arg(&o)
        .output()
        .map_err(|e| format!("{tool}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{tool} rejected the text: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .next()
                .unwrap_or("")
        ));
    }
    let theirs = std::fs::read(&o).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_file(&s);
    let _ = std::fs::remove_file(&o);
    let (a, b) = (describe(&ours)?, describe(&theirs)?);
    match diff(&a, &b) {
        None => Ok(ours),
        Some(d) => {
            if std::env::var_os("VIPER_KEEP_OBJECTS").is_some() {
                let _ = std::fs::write(format!("/tmp/{stem}-{}.s", os.name()), text);
                let _ = std::fs::write(format!("/tmp/{stem}-{}.ours.o", os.name()), &ours);
            }
            Err(format!("{}: {d}", os.name()))
        }
    }
}

/// `Ok(false)`: the program is not compiled at all (the IL front end rejects it), so there is no
/// object to compare.
fn check(path: &Path, oses: &[TargetOs], dir: &Path) -> Result<bool, String> {
    let Some(module) = viper_tests::load_verified(path)? else {
        return Ok(false);
    };
    let target = codegen_api::find_target("arm64").ok_or("arm64 target missing")?;
    let stem = viper_tests::program_stem(path);
    for &os in oses {
        let opts = CodegenOptions {
            os,
            ..CodegenOptions::default()
        };
        let text = target
            .compile(&module, &opts)
            .map_err(|e| format!("{}: {e}", os.name()))?;
        let ours = compare(&text, os, dir, &stem)?;
        // The default path compiles straight to an object, encoding while it compiles: the
        // same bytes.
        let direct = target
            .compile_object(module.clone(), &opts)
            .ok_or("arm64 has no direct object path")?
            .map_err(|e| format!("{}: compile_object: {e}", os.name()))?;
        if direct != ours {
            return Err(format!(
                "{}: compile_object differs from assembling the compiled text",
                os.name()
            ));
        }
    }
    Ok(true)
}

/// An IL function whose body is more than 1 MiB of code, with conditional branches across it.
fn huge_program() -> String {
    let mut s = String::from(
        "il 0.2.0\n\nfunc @big(i64 %x) -> i64 {\nentry(%a: i64):\n  %c = scmp_lt %a, 2\n  cbr %c, far(%a), body(%a)\nbody(%v0: i64):\n",
    );
    for k in 0..140_000 {
        let _ = writeln!(s, "  %v{} = xor %v{k}, {}", k + 1, k % 1000 + 3);
    }
    s.push_str("  br far(%v140000)\nfar(%r: i64):\n  ret %r\n}\n\nfunc @main() -> i64 {\nentry:\n  %r = call @big(1)\n  ret 0\n}\n");
    s
}

fn check_huge(oses: &[TargetOs], dir: &Path) -> Result<(), String> {
    let src = huge_program();
    let module = il::parse(&src, "huge.il").map_err(|d| d.render("huge.il", &src))?;
    il::verify(&module).map_err(|d| d.render("huge.il", &src))?;
    let target = codegen_api::find_target("arm64").ok_or("arm64 target missing")?;
    for &os in oses {
        let opts = CodegenOptions {
            os,
            ..CodegenOptions::default()
        };
        let text = target.compile(&module, &opts).map_err(|e| e.to_string())?;
        let code_lines = text
            .lines()
            .filter(|l| l.starts_with("\t") && !l.starts_with("\t."))
            .count();
        if code_lines * 4 < (1 << 20) {
            return Err(format!(
                "generated function too small: {code_lines} instructions"
            ));
        }
        compare(&text, os, dir, "huge").map(drop)?;
    }
    Ok(())
}

/// Without the emitter's relaxation: a conditional branch over more than 1 MiB, forward and
/// backward, must still reach its target (veneer island / in-place relaxation).
fn check_veneers() -> Result<(), String> {
    let mut text =
        String::from("\t.text\n\t.p2align 2\nf:\n.Lback:\n\tcbz x0, .Lfwd\n\tb.eq .Lfwd\n");
    for _ in 0..300_000 {
        text.push_str("\tmov x1, x2\n");
    }
    text.push_str(".Lfwd:\n\tb.ne .Lback\n\tcbnz x3, .Lback\n\tret\n");
    let target = codegen_api::find_target("arm64").ok_or("arm64 target missing")?;
    let opts = CodegenOptions {
        os: TargetOs::Linux,
        ..CodegenOptions::default()
    };
    let obj = target
        .assemble(&text, &opts)
        .ok_or("no assembler")?
        .map_err(|e| e.to_string())?;
    let f = object::File::parse(&*obj).map_err(|e| e.to_string())?;
    let text_sec = f.section_by_name(".text").ok_or("no .text")?;
    let data = text_sec.data().map_err(|e| e.to_string())?;
    let word = |at: usize| u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]);
    // Follow a branch at `at` (b, b.cond, cbz/cbnz), returning its target offset.
    let follow = |at: usize| -> Option<usize> {
        let w = word(at);
        let off = if w & 0xfc00_0000 == 0x1400_0000 {
            (((w & 0x03ff_ffff) << 6) as i32 >> 6) as i64 * 4
        } else if w & 0xff00_0010 == 0x5400_0000 || w & 0x7e00_0000 == 0x3400_0000 {
            ((((w >> 5) & 0x7ffff) << 13) as i32 >> 13) as i64 * 4
        } else {
            return None;
        };
        Some((at as i64 + off) as usize)
    };
    let mov = 0xaa02_03e1u32;
    let fwd = (0..data.len() / 4)
        .map(|i| i * 4)
        .rfind(|&a| word(a) == mov)
        .ok_or("no body")?
        + 4;
    // Forward branches (offsets 0 and 4) reach `fwd` directly or through one veneer.
    for at in [0usize, 4] {
        let t = follow(at).ok_or("first instruction is not a branch")?;
        let end = if t == fwd {
            t
        } else {
            follow(t).ok_or("veneer is not a branch")?
        };
        if end != fwd {
            return Err(format!(
                "forward branch at {at} reaches {end:#x}, not {fwd:#x}"
            ));
        }
    }
    // Backward branches were relaxed: an inverted branch over `b .Lback`.
    let mut at = fwd;
    for _ in 0..2 {
        let skip = follow(at).ok_or("relaxed branch missing")?;
        if skip != at + 8 || follow(at + 4) != Some(0) {
            return Err(format!("backward branch at {at:#x} is not relaxed"));
        }
        at += 8;
    }
    Ok(())
}

/// The Mach-O linker: `ld64.lld`, or `ld.lld -flavor darwin`.
fn macho_linker() -> Option<Vec<&'static str>> {
    if viper_tests::have_tool("ld64.lld") {
        return Some(vec!["ld64.lld"]);
    }
    let ok = Command::new("ld.lld")
        .args(["-flavor", "darwin", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then(|| vec!["ld.lld", "-flavor", "darwin"])
}

/// Our Mach-O object of every demo links with ld64.lld into a dylib, without any diagnostic.
/// Returns the number of programs checked and the failures.
fn check_macho_link(shared: &Path, dir: &Path) -> (usize, Vec<(String, String)>) {
    let Some(ld) = macho_linker() else {
        println!("NOTICE: no ld64.lld; Mach-O link check skipped");
        return (0, Vec::new());
    };
    let mut fails = Vec::new();
    let Some(target) = codegen_api::find_target("arm64") else {
        return (
            1,
            vec![("macho-link".into(), "arm64 target missing".into())],
        );
    };
    let mut checked = 0;
    let opts = CodegenOptions {
        os: TargetOs::Darwin,
        ..CodegenOptions::default()
    };
    for p in viper_tests::corpus_programs(shared, TIERS)
        .iter()
        .filter(|p| p.to_string_lossy().contains("/demos/"))
    {
        checked += 1;
        let name = p.display().to_string();
        let r = (|| -> Result<(), String> {
            let src = std::fs::read_to_string(p).map_err(|e| e.to_string())?;
            let module = il::parse(&src, &name).map_err(|d| d.render(&name, &src))?;
            let text = target.compile(&module, &opts).map_err(|e| e.to_string())?;
            let obj = target
                .assemble(&text, &opts)
                .ok_or("no assembler")?
                .map_err(|e| e.to_string())?;
            let o = dir.join("link-test.o");
            std::fs::write(&o, obj).map_err(|e| e.to_string())?;
            let out = Command::new(ld[0])
                .args(&ld[1..])
                .args(["-dylib", "-undefined", "dynamic_lookup", "-arch", "arm64"])
                .args(["-platform_version", "macos", "14.0", "14.0"])
                .arg(&o)
                .arg("-o")
                .arg(dir.join("link-test.dylib"))
                .output()
                .map_err(|e| e.to_string())?;
            let diag = String::from_utf8_lossy(&out.stderr);
            if !out.status.success() || !diag.trim().is_empty() {
                return Err(format!(
                    "ld64.lld: {}",
                    diag.lines().next().unwrap_or("failed")
                ));
            }
            Ok(())
        })();
        if let Err(e) = r {
            fails.push((format!("{name} (Mach-O link)"), e));
        }
    }
    (checked, fails)
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut oses = Vec::new();
    for os in [TargetOs::Linux, TargetOs::Darwin] {
        let (tool, _) = assembler(os);
        if viper_tests::have_tool(tool) {
            oses.push(os);
        } else {
            println!(
                "NOTICE: {tool} not found; {} objects not compared",
                os.name()
            );
        }
    }
    let mut failures: Vec<(String, String)> = Vec::new();
    let mut total = 0;
    total += 1;
    if let Err(e) = check_veneers() {
        failures.push(("veneers".into(), e));
    }
    total += 1;
    if let Err(e) = check_huge(&oses, dir.path()) {
        failures.push(("huge function".into(), e));
    }
    match viper_tests::shared_dir() {
        None => println!("NOTICE: ../shared not found; corpus objects not compared"),
        Some(shared) => {
            let progs = viper_tests::corpus_programs(&shared, TIERS);
            total += progs.len();
            let next = AtomicUsize::new(0);
            let fails = Mutex::new(Vec::new());
            let skipped = Mutex::new(Vec::new());
            let jobs = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4));
            std::thread::scope(|s| {
                for _ in 0..jobs {
                    s.spawn(|| loop {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(p) = progs.get(i) else { break };
                        match check(p, &oses, dir.path()) {
                            Ok(true) => {}
                            Ok(false) => skipped
                                .lock()
                                .unwrap_or_else(|p| p.into_inner())
                                .push(p.display().to_string()),
                            Err(e) => fails
                                .lock()
                                .unwrap_or_else(|p| p.into_inner())
                                .push((p.display().to_string(), e)),
                        }
                    });
                }
            });
            failures.extend(fails.into_inner().unwrap_or_else(|p| p.into_inner()));
            let mut skipped = skipped.into_inner().unwrap_or_else(|p| p.into_inner());
            skipped.sort();
            for p in &skipped {
                println!("NOTICE: {p}: rejected by the IL front end; no object to compare");
            }
            total -= skipped.len();
            let (checked, link) = check_macho_link(&shared, dir.path());
            total += checked;
            failures.extend(link);
        }
    }
    failures.sort();
    for (p, e) in &failures {
        println!("FAIL {p}: {e}");
    }
    println!(
        "object-exact: {} passed, {} failed",
        total - failures.len(),
        failures.len()
    );
    if !failures.is_empty() {
        std::process::exit(1);
    }
}
