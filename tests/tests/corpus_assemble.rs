//! Every corpus and demo program compiles for Linux and for Darwin, and the assembly is accepted by
//! the real assemblers: the GNU cross toolchain (ELF) and `llvm-mc -triple=arm64-apple-macos`
//! (Mach-O). Covers the `extended` tier too, whose programs need not run yet. Also checks that the
//! output is deterministic (two compilations give identical text). Harness-less test binary;
//! prints `assemble: N passed, M failed` and exits 1 on any failure.

use codegen_api::{link::Toolchain, CodegenOptions, TargetOs};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

fn check(
    path: &std::path::Path,
    tools: &[(TargetOs, Toolchain)],
    dir: &std::path::Path,
) -> Result<(), String> {
    let src = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let name = path.display().to_string();
    let module = il::parse(&src, &name).map_err(|d| d.render(&name, &src))?;
    il::verify(&module).map_err(|d| d.render(&name, &src))?;
    let target = codegen_api::find_target("arm64").ok_or("arm64 target missing")?;
    for (os, tc) in tools {
        let opts = CodegenOptions {
            os: *os,
            ..CodegenOptions::default()
        };
        let asm = target
            .compile(&module, &opts)
            .map_err(|e| format!("{}: {e}", os.name()))?;
        let again = target.compile(&module, &opts).map_err(|e| e.to_string())?;
        if asm != again {
            return Err(format!("{}: output is not deterministic", os.name()));
        }
        let stem = path
            .parent()
            .and_then(|p| p.file_name())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let s = dir.join(format!("{stem}-{}.s", os.name()));
        let o = dir.join(format!("{stem}-{}.o", os.name()));
        std::fs::write(&s, asm).map_err(|e| e.to_string())?;
        tc.assemble(&s, &o)
            .map_err(|e| format!("{}: {e}", os.name()))?;
        let _ = std::fs::remove_file(&s);
        let _ = std::fs::remove_file(&o);
    }
    Ok(())
}

fn main() {
    let Some(shared) = viper_tests::shared_dir() else {
        println!("NOTICE: ../shared not found; assemble suite skipped");
        return;
    };
    let mut tools = Vec::new();
    for os in [TargetOs::Linux, TargetOs::Darwin] {
        match Toolchain::discover("aarch64", os, None) {
            Ok(t) => tools.push((os, t)),
            Err(e) => println!(
                "NOTICE: no {} assembler ({e}); skipped for that OS",
                os.name()
            ),
        }
    }
    let progs = viper_tests::corpus_programs(&shared, &["corpus/core", "corpus/extended", "demos"]);
    let dir = tempfile::tempdir().expect("tempdir");
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(p) = progs.get(i) else { break };
                if let Err(e) = check(p, &tools, dir.path()) {
                    failures
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push((p.clone(), e));
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_else(|p| p.into_inner());
    failures.sort();
    for (p, e) in &failures {
        println!("FAIL {}: {}", p.display(), e.lines().next().unwrap_or(""));
    }
    println!(
        "assemble: {} passed, {} failed",
        progs.len() - failures.len(),
        failures.len()
    );
    if !failures.is_empty() {
        std::process::exit(1);
    }
}
