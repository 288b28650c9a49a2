//! Support for the EH end-to-end tests: builds the real C runtime (runtime/src/*.c) once into a
//! cached static archive (keyed by a hash of the sources), links compiled modules against it and
//! runs them under qemu (optionally with a small stack).
#![allow(dead_code)]

use crate::common::{compile, opts, Run};
use codegen_api::TargetOs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub fn have_toolchain() -> bool {
    codegen_api::link::native_ready("aarch64", codegen_api::TargetOs::Linux)
}

fn runtime_src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../runtime/src")
}

/// The runtime archive (built on first use; None without the cross toolchain).
pub fn runtime_archive() -> Option<PathBuf> {
    static LIB: OnceLock<Option<PathBuf>> = OnceLock::new();
    LIB.get_or_init(|| {
        if !have_toolchain() {
            return None;
        }
        let src = runtime_src();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&src)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("c" | "h")))
            .collect();
        files.sort();
        let mut h = DefaultHasher::new();
        for f in &files {
            f.file_name().hash(&mut h);
            std::fs::read(f).ok()?.hash(&mut h);
        }
        let dir =
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("eh-rt-{:016x}", h.finish()));
        let lib = dir.join("libvrt.a");
        if lib.exists() {
            return Some(lib);
        }
        let tmp = dir.with_extension(format!("tmp{}", std::process::id()));
        std::fs::create_dir_all(&tmp).ok()?;
        let mut objs = Vec::new();
        for f in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "c"))
        {
            let o = tmp.join(f.file_stem()?).with_extension("o");
            let st = Command::new("aarch64-linux-gnu-gcc")
                .args(["-std=c11", "-D_POSIX_C_SOURCE=200809L", "-O1", "-c", "-I"])
                .arg(&src)
                .arg(f)
                .arg("-o")
                .arg(&o)
                .status()
                .ok()?;
            assert!(
                st.success(),
                "runtime file {} failed to compile",
                f.display()
            );
            objs.push(o);
        }
        let st = Command::new("aarch64-linux-gnu-ar")
            .arg("rcs")
            .arg(tmp.join("libvrt.a"))
            .args(&objs)
            .status()
            .ok()?;
        assert!(st.success(), "ar failed");
        let _ = std::fs::rename(&tmp, &dir);
        let _ = std::fs::remove_dir_all(&tmp);
        Some(lib)
    })
    .clone()
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir()
        .join(format!("viper-a64-eh-{}", std::process::id()))
        .join(name);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Link assembly text with the runtime; returns the executable.
pub fn link_asm(name: &str, asm: &str) -> Option<PathBuf> {
    let lib = runtime_archive()?;
    let d = scratch(name);
    let s = d.join("prog.s");
    std::fs::write(&s, asm).unwrap();
    let exe = d.join("prog");
    let out = Command::new("aarch64-linux-gnu-gcc")
        .args(["-static", "-o"])
        .arg(&exe)
        .arg(&s)
        .arg(&lib)
        .arg("-lm")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "link failed for {name}:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(exe)
}

/// Run an executable under qemu with an optional stack size (bytes).
/// The working directory is the executable's scratch directory (programs may create files).
pub fn run_exe(exe: &Path, stack: Option<u64>) -> Run {
    // A hung program fails the test instead of hanging it.
    let mut c = Command::new("timeout");
    c.arg("60").arg("qemu-aarch64");
    if let Some(s) = stack {
        c.arg("-s").arg(s.to_string());
    }
    if let Some(dir) = exe.parent() {
        c.current_dir(dir);
    }
    let out = c.arg(exe).output().unwrap();
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// Compile `m` for Linux, link with the runtime, run (None without the toolchain).
pub fn run_rt(name: &str, m: &il::Module, stack: Option<u64>) -> Option<Run> {
    let asm = compile(m, &opts(TargetOs::Linux));
    let exe = link_asm(name, &asm)?;
    Some(run_exe(&exe, stack))
}
