//! Unwind information: a program stopped four calls deep (`main` → `top`, an EH function →
//! `mid`, a frame with a 200 KB alloca → `leaf` → `rt_print_i64`) under `qemu-aarch64 -g` shows
//! a full backtrace to `main` in `gdb-multiarch`; and `llvm-dwarfdump --eh-frame` of the object
//! reads a well-formed FDE for every function symbol. Harness-less; prints `unwind: N passed,
//! M failed`; skips with a NOTICE when gdb-multiarch, qemu or the toolchain is missing. Built at
//! -O1: -O2 inlines `leaf`, and an inlined call has no frame (docs/decisions.md).

use std::path::Path;
use std::process::Command;
use viper_cli::args::CommonArgs;
use viper_cli::options::DebugFlags;

fn program() -> std::path::PathBuf {
    viper_tests::repo_root().join("tests/unwind/deep.il")
}

/// Every FUNC symbol of the object has an FDE covering its start.
fn check_fdes(obj: &Path) -> Result<(), String> {
    let out = Command::new("llvm-dwarfdump")
        .arg("--eh-frame")
        .arg(obj)
        .output()
        .map_err(|e| format!("llvm-dwarfdump: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() || !out.stderr.is_empty() {
        return Err(format!(
            "llvm-dwarfdump: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let ranges: Vec<(u64, u64)> = text
        .lines()
        .filter(|l| l.contains(" FDE "))
        .filter_map(|l| {
            let pc = l.split("pc=").nth(1)?;
            let (a, b) = pc.split_once("...")?;
            Some((
                u64::from_str_radix(a.trim(), 16).ok()?,
                u64::from_str_radix(b.trim(), 16).ok()?,
            ))
        })
        .collect();
    let nm = Command::new("llvm-objdump")
        .args(["-t"])
        .arg(obj)
        .output()
        .map_err(|e| format!("llvm-objdump: {e}"))?;
    let syms = String::from_utf8_lossy(&nm.stdout);
    let mut funcs = 0;
    for l in syms.lines().filter(|l| l.contains(" F .text")) {
        funcs += 1;
        let addr = u64::from_str_radix(l.split_whitespace().next().unwrap_or(""), 16)
            .map_err(|e| format!("bad symbol line `{l}`: {e}"))?;
        if !ranges.iter().any(|&(a, b)| a <= addr && addr < b) {
            return Err(format!("no FDE covers `{l}`"));
        }
    }
    if funcs < 5 {
        return Err(format!("only {funcs} functions found"));
    }
    Ok(())
}

fn check_backtrace(exe: &Path) -> Result<(), String> {
    let port = 20000 + std::process::id() % 20000;
    let dir = exe.parent().ok_or("no build directory")?;
    let text = viper_tests::gdb_session(exe, "break rt_print_i64\ncontinue\nbt\n", dir, port)?;
    let frames: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with('#'))
        .filter_map(|l| l.split(" in ").nth(1)?.split_whitespace().next())
        .collect();
    let want = ["rt_print_i64", "leaf", "mid", "top", "main"];
    if frames.len() < want.len() || frames[..want.len()] != want {
        return Err(format!(
            "backtrace {frames:?}, expected it to start {want:?}"
        ));
    }
    Ok(())
}

fn main() {
    if !viper_tests::native_toolchain_available()
        || !viper_tests::have_tool("gdb-multiarch")
        || !viper_tests::have_tool("llvm-dwarfdump")
    {
        println!("NOTICE: gdb-multiarch, llvm-dwarfdump or the arm64 toolchain missing; unwind test skipped");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut failures = Vec::new();
    let compiled = match viper_cli::build::compile(
        &program(),
        Some("arm64".into()),
        &CommonArgs {
            opt_level: Some(1),
            ..CommonArgs::default()
        },
        DebugFlags::default(),
    ) {
        Ok(c) => c,
        Err(e) => {
            println!("FAIL compile: {}", e.0);
            println!("unwind: 0 passed, 2 failed");
            std::process::exit(1);
        }
    };
    match compiled.build_object(dir.path()) {
        Ok(obj) => {
            if let Err(e) = check_fdes(&obj) {
                failures.push(format!("eh-frame: {e}"));
            }
        }
        Err(e) => failures.push(format!("eh-frame: {}", e.0)),
    }
    match compiled.build_executable(dir.path()) {
        Ok(exe) => {
            if let Err(e) = check_backtrace(&exe) {
                failures.push(format!("backtrace: {e}"));
            }
        }
        Err(e) => failures.push(format!("backtrace: {}", e.0)),
    }
    for f in &failures {
        println!("FAIL {f}");
    }
    println!(
        "unwind: {} passed, {} failed",
        2 - failures.len(),
        failures.len()
    );
    if !failures.is_empty() {
        std::process::exit(1);
    }
}
