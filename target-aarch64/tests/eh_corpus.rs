//! Corpus conformance for exception handling: every corpus program (`../shared/corpus/*/*/prog.il`
//! relative to the repository root, skipped when absent) that uses `eh.`, `resume.` or `trap.`
//! opcodes is parsed, verified, compiled for Linux, linked with the real runtime and run under
//! qemu; stdout and the exit code must equal `expected.stdout` / `expected.rc`. The Darwin output
//! must assemble with llvm-mc.
mod common;
mod eh_util;
use codegen_api::TargetOs;
use common::{compile, opts};
use std::path::PathBuf;

fn eh_programs() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    let mut out = Vec::new();
    for tier in ["core", "extended"] {
        let Ok(rd) = std::fs::read_dir(root.join(tier)) else {
            continue;
        };
        for d in rd.flatten() {
            let p = d.path().join("prog.il");
            let Ok(src) = std::fs::read_to_string(&p) else {
                continue;
            };
            let uses_eh = src.lines().any(|l| {
                let t = l.trim_start();
                let t = t.split_once('=').map_or(t, |(_, r)| r.trim_start());
                t.starts_with("eh.") || t.starts_with("resume.") || t.starts_with("trap.")
            });
            if uses_eh {
                out.push(d.path());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn corpus_programs_with_eh_match_the_vm() {
    let progs = eh_programs();
    if progs.is_empty() || !eh_util::have_toolchain() {
        eprintln!("corpus or toolchain missing: skipped");
        return;
    }
    let mut failures = Vec::new();
    for dir in &progs {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(dir.join("prog.il")).unwrap();
        let m = match il::parse(&src, "prog.il") {
            Ok(m) => m,
            Err(e) => {
                failures.push(format!("{name}: parse error {e:?}"));
                continue;
            }
        };
        common::assemble_darwin(&name, &m);
        let asm = compile(&m, &opts(TargetOs::Linux));
        let Some(exe) = eh_util::link_asm(&name, &asm) else {
            return;
        };
        let r = eh_util::run_exe(&exe, None);
        let want_out = std::fs::read_to_string(dir.join("expected.stdout")).unwrap_or_default();
        let want_rc: i32 = std::fs::read_to_string(dir.join("expected.rc"))
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0);
        let ok = r.stdout == want_out && r.code == want_rc;
        eprintln!(
            "{} {name} (rc {})",
            if ok { "PASS" } else { "FAIL" },
            r.code
        );
        if !ok {
            failures.push(format!(
                "{name}: rc {} (want {want_rc}); stdout {:?} (want {:?}); stderr {}",
                r.code, r.stdout, want_out, r.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
