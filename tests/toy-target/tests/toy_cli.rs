//! A binary linking `viper_cli` plus the toy target gets the full CLI with both targets.

use std::process::Command;

fn viper() -> Command {
    Command::new(env!("CARGO_BIN_EXE_viper-with-toy"))
}

const PROG: &str = "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  %x = iadd.ovf 40, 2\n  ret %x\n}\n";

#[test]
fn targets_lists_builtin_and_toy() {
    let out = viper().arg("targets").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let arm = text.lines().find(|l| l.starts_with("arm64 ")).expect(&text);
    assert!(arm.contains("aarch64"), "{text}");
    let toy = text
        .lines()
        .find(|l| l.starts_with("il-echo "))
        .expect(&text);
    assert!(toy.contains("echo") && toy.contains("Toy target"), "{text}");
    // Sorted by name.
    let arm_pos = text.find("arm64 ").unwrap();
    let toy_pos = text.find("il-echo ").unwrap();
    assert!(arm_pos < toy_pos);
}

#[test]
fn codegen_with_toy_target_prints_module() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("p.il");
    std::fs::write(&input, PROG).unwrap();
    let out = viper()
        .args(["codegen", "il-echo"])
        .arg(&input)
        .args(["-S", "-"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("; @main: 1 blocks, 2 instructions\n"),
        "{text}"
    );
    assert!(text.contains("iadd.ovf 40, 2"), "{text}");
    assert!(text.contains("func @main() -> i64 {"), "{text}");
}

#[test]
fn toy_alias_and_pass_switch_from_viper_toml() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("p.il");
    std::fs::write(&input, PROG).unwrap();
    std::fs::write(
        dir.path().join("viper.toml"),
        "[target]\nname = \"echo\"\n[settings]\nsummary = false\n",
    )
    .unwrap();
    let out = viper().arg("codegen").arg(&input).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("; @main"), "{text}");
    assert!(text.contains("ret %x"), "{text}");
}

#[test]
fn toy_target_rejects_native_outputs_and_unknown_passes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("p.il");
    std::fs::write(&input, PROG).unwrap();
    let exe = dir.path().join("prog");
    let out = viper()
        .args(["codegen", "il-echo"])
        .arg(&input)
        .arg("-o")
        .arg(&exe)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not produce native code"));
    assert!(!exe.exists());

    std::fs::write(
        dir.path().join("viper.toml"),
        "[passes.nope]\nenabled = false\n",
    )
    .unwrap();
    let out = viper()
        .args(["codegen", "il-echo"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("viper.toml:1:1: error: target `il-echo` has no pass `nope`"),
        "{err}"
    );
}
