//! The `viper` binary end to end: located diagnostics and exit codes for bad IL and bad
//! configuration, no output files on failure, and (with the arm64 cross toolchain) native builds
//! that run under qemu or natively.
//!
//! Native tests print a notice and return early when the toolchain is missing; CI installs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn viper() -> Command {
    Command::new(env!("CARGO_BIN_EXE_viper"))
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// `viper codegen arm64 INPUT EXTRA…` and its output.
fn codegen(input: &Path, extra: &[&str]) -> Output {
    viper()
        .args(["codegen", "arm64"])
        .arg(input)
        .args(extra)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Checks that stderr starts with `file:LINE:COL: error: …`, followed by the source line and a
/// caret under COL; returns (line, col).
fn assert_located(err: &str, file: &Path) -> (usize, usize) {
    let prefix = format!("{}:", file.display());
    let first = err.lines().next().unwrap_or("");
    let rest = first
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("no `{prefix}` prefix in:\n{err}"));
    let mut parts = rest.splitn(3, ':');
    let line: usize = parts.next().and_then(|s| s.parse().ok()).expect(err);
    let col: usize = parts.next().and_then(|s| s.parse().ok()).expect(err);
    assert!(
        parts.next().unwrap_or("").starts_with(" error: "),
        "not an error line:\n{err}"
    );
    let src_line = err.lines().nth(1).expect(err);
    let source = std::fs::read_to_string(file).unwrap();
    assert_eq!(source.lines().nth(line - 1), Some(src_line), "{err}");
    let caret = err.lines().nth(2).expect(err);
    assert_eq!(caret.trim_start(), "^", "{err}");
    assert_eq!(
        caret.chars().count(),
        col,
        "caret not under column {col}:\n{err}"
    );
    (line, col)
}

/// Compile `src` (which must fail) with `-o` and `-S`: exit 1, located error, no outputs.
fn expect_il_error(name: &str, src: &str) -> (usize, usize, String) {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "bad.il", src);
    let exe = dir.path().join("prog");
    let asm = dir.path().join("prog.s");
    let out = viper()
        .args(["codegen", "arm64"])
        .arg(&input)
        .arg("-o")
        .arg(&exe)
        .arg("-S")
        .arg(&asm)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{name}: {err}");
    assert!(out.stdout.is_empty(), "{name}");
    let (line, col) = assert_located(&err, &input);
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(left.len(), 1, "{name}: files left behind: {left:?}");
    // `viper verify` reports the same diagnostic.
    let v = viper().arg("verify").arg(&input).output().unwrap();
    assert_eq!(v.status.code(), Some(1), "{name}");
    assert_eq!(stderr(&v), err, "{name}");
    (line, col, err)
}

#[test]
fn unknown_opcode() {
    let (line, _, err) = expect_il_error(
        "unknown opcode",
        "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  %x = frobnicate 1, 2\n  ret %x\n}\n",
    );
    assert_eq!(line, 4, "{err}");
    assert!(err.contains("frobnicate"), "{err}");
}

#[test]
fn type_mismatch() {
    let (line, _, err) = expect_il_error(
        "type mismatch",
        "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  %f = sitofp 3\n  ret %f\n}\n",
    );
    assert_eq!(line, 5, "{err}");
}

#[test]
fn undefined_value() {
    let (line, _, err) = expect_il_error(
        "undefined value",
        "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  %x = iadd.ovf %nope, 1\n  ret %x\n}\n",
    );
    assert_eq!(line, 4, "{err}");
    assert!(err.contains("nope"), "{err}");
}

#[test]
fn missing_terminator() {
    expect_il_error(
        "missing terminator",
        "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  %x = iadd.ovf 1, 2\n}\n",
    );
}

#[test]
fn wrong_argument_count() {
    let (line, _, err) = expect_il_error(
        "wrong arg count",
        "il 0.2.0\nfunc @f(i64 %a) -> i64 {\nentry(%a: i64):\n  ret %a\n}\nfunc @main() -> i64 {\nentry:\n  %r = call @f(1, 2)\n  ret %r\n}\n",
    );
    assert_eq!(line, 8, "{err}");
}

#[test]
fn bad_literal() {
    let (line, _, err) = expect_il_error(
        "bad literal",
        "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  ret 12abc\n}\n",
    );
    assert_eq!(line, 4, "{err}");
}

#[test]
fn truncated_file() {
    expect_il_error(
        "truncated",
        "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  ret 0\n",
    );
}

#[test]
fn non_utf8_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad.il");
    std::fs::write(&input, b"il 0.2.0\nfunc @m\xff() -> i64 {\n").unwrap();
    let out = viper().arg("verify").arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let expected = format!("{}:2:8: error: file is not valid UTF-8", input.display());
    assert!(err.starts_with(&expected), "{err}");
}

#[test]
fn missing_input_file() {
    let out = viper()
        .args(["codegen", "arm64", "/nonexistent/x.il", "-S", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("/nonexistent/x.il: error: cannot read"));
}

#[test]
fn unknown_key_in_viper_toml_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "p.il",
        "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  ret 0\n}\n",
    );
    let toml = write(
        dir.path(),
        "viper.toml",
        "[codegen]\nopt_level = 1\nfrobnicate = true\n",
    );
    let out = codegen(&input, &["-S", "-"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "{}:3:1: error: unknown key `frobnicate`",
            toml.display()
        )),
        "{err}"
    );
    assert!(err.contains("\nfrobnicate = true\n^\n"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn unknown_target_and_bad_flags() {
    let out = viper()
        .args(["codegen", "z80", "x.il", "-S", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("unknown target `z80`"),
        "{}",
        stderr(&out)
    );
    let out = viper()
        .args(["codegen", "arm64", "x.il", "-O7"])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    let out = viper()
        .args(["codegen", "arm64", "x.il", "--regalloc", "magic"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("magic"), "{}", stderr(&out));
    assert!(stderr(&out).contains("command line"), "{}", stderr(&out));
}

#[test]
fn config_command_shows_origins() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "p.il", "il 0.2.0\n");
    let toml = write(
        dir.path(),
        "viper.toml",
        "[codegen]\nopt_level = 1\n[run]\nstack_size = 65536\n",
    );
    let out = viper()
        .arg("config")
        .arg(&input)
        .args(["-O0", "--os", "linux"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        text.contains(&format!("config file: {}", toml.display())),
        "{text}"
    );
    let line = |k: &str| {
        text.lines()
            .find(|l| l.starts_with(k))
            .unwrap_or("")
            .to_string()
    };
    assert!(line("codegen.opt_level").contains("= 0"), "{text}");
    assert!(
        line("codegen.opt_level").ends_with("# command line"),
        "{text}"
    );
    assert!(line("run.stack_size").contains("= 65536"), "{text}");
    assert!(
        line("run.stack_size").ends_with(&format!("# {}:4:14", toml.display())),
        "{text}"
    );
    assert!(line("target.name").ends_with("# default"), "{text}");
    assert!(line("target.os").contains("= linux"), "{text}");
}

#[test]
fn explicit_config_flag_wins_over_discovery() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "p.il", "il 0.2.0\n");
    write(dir.path(), "viper.toml", "[codegen]\nopt_level = 1\n");
    let other = write(dir.path(), "other.toml", "[codegen]\nopt_level = 0\n");
    let out = viper()
        .arg("config")
        .arg(&input)
        .arg("--config")
        .arg(&other)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("codegen.opt_level = 0"), "{text}");
    let out = viper()
        .arg("config")
        .arg("--config")
        .arg("/nonexistent.toml")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn targets_lists_arm64() {
    let out = viper().arg("targets").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let arm = text.lines().find(|l| l.starts_with("arm64 ")).expect(&text);
    assert!(arm.contains("aarch64"), "{text}");
}

// ---- native builds -----------------------------------------------------------------------------

/// Whether arm64 Linux programs can be built and run here.
fn native_available() -> bool {
    let ok = codegen_api::link::native_ready("aarch64", codegen_api::TargetOs::Linux);
    if !ok {
        eprintln!("NOTICE: arm64 cross toolchain (aarch64-linux-gnu-gcc, qemu-aarch64) missing; native test skipped");
    }
    ok
}

const RET15: &str = "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  ret 15\n}\n";
const HELLO: &str = include_str!("../../examples/hello.il");

#[test]
fn ret_15_exit_code_via_run_native() {
    if !native_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "r.il", RET15);
    let out = codegen(&input, &["-run-native", "--os", "linux"]);
    assert_eq!(out.status.code(), Some(15), "{}", stderr(&out));
}

#[test]
fn ret_15_exit_code_via_executable() {
    if !native_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "r.il", RET15);
    let exe = dir.path().join("r");
    let out = viper()
        .args(["codegen", "arm64"])
        .arg(&input)
        .arg("-o")
        .arg(&exe)
        .args(["--os", "linux"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let status = if cfg!(target_arch = "aarch64") {
        Command::new(&exe).status().unwrap()
    } else {
        Command::new("qemu-aarch64").arg(&exe).status().unwrap()
    };
    assert_eq!(status.code(), Some(15));
}

#[test]
fn hello_prints_and_asm_to_stdout() {
    if !native_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "hello.il", HELLO);
    let out = codegen(&input, &["-run-native", "--os", "linux"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Hello, IL!\n");

    let out = codegen(&input, &["-S", "-", "--os", "linux"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let asm = String::from_utf8_lossy(&out.stdout);
    assert!(asm.contains("main"), "{asm}");
    assert!(asm.contains("rt_print_str"), "{asm}");
}

/// `-o x.o` needs no external tool at all (viper writes the object), for both formats; with
/// `--via-asm` the system assembler's object comes out instead, with the same sections.
#[test]
fn objects_are_written_without_an_assembler() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "r.il", RET15);
    for (os, magic) in [
        ("linux", &b"\x7fELF"[..]),
        ("darwin", &[0xcf, 0xfa, 0xed, 0xfe][..]),
    ] {
        let obj = dir.path().join(format!("r-{os}.o"));
        let out = viper()
            .args(["codegen", "arm64"])
            .arg(&input)
            .arg("-o")
            .arg(&obj)
            .args(["--os", os])
            .env("PATH", "/nonexistent")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{os}: {}", stderr(&out));
        let bytes = std::fs::read(&obj).unwrap();
        assert_eq!(&bytes[..4], magic, "{os}");
    }
    if !native_available() {
        return;
    }
    let obj = dir.path().join("via.o");
    let out = viper()
        .args(["codegen", "arm64"])
        .arg(&input)
        .arg("-o")
        .arg(&obj)
        .args(["--os", "linux", "--via-asm"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(&std::fs::read(&obj).unwrap()[..4], b"\x7fELF");
}

#[test]
fn object_output_is_elf_and_asm_file_written() {
    if !native_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "r.il", RET15);
    let obj = dir.path().join("r.o");
    let asm = dir.path().join("r.s");
    let out = viper()
        .args(["codegen", "arm64"])
        .arg(&input)
        .arg("-o")
        .arg(&obj)
        .arg("-S")
        .arg(&asm)
        .args(["--os", "linux"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let bytes = std::fs::read(&obj).unwrap();
    assert_eq!(&bytes[..4], b"\x7fELF");
    assert_eq!(bytes[16], 1, "ET_REL (relocatable object)");
    assert!(std::fs::read_to_string(&asm).unwrap().contains("main"));
}

#[test]
fn run_native_passes_stdin_and_args_through() {
    if !native_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "echo.il",
        "il 0.2.0\nextern @Viper.Terminal.ReadLine() -> str\nextern @Viper.Terminal.Say(str) -> void\nfunc @main() -> i64 {\nentry:\n  %s = call @Viper.Terminal.ReadLine()\n  call @Viper.Terminal.Say(%s)\n  ret 3\n}\n",
    );
    let mut child = viper()
        .args(["codegen", "arm64"])
        .arg(&input)
        .args(["-run-native", "--os", "linux"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"typed line\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "typed line\n");
}

#[test]
fn undefined_symbol_names_the_il_extern() {
    if !native_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "u.il",
        "il 0.2.0\nextern @no_such_runtime_fn(i64) -> void\nfunc @main() -> i64 {\nentry:\n  call @no_such_runtime_fn(1)\n  ret 0\n}\n",
    );
    let exe = dir.path().join("u");
    let out = viper()
        .args(["codegen", "arm64"])
        .arg(&input)
        .arg("-o")
        .arg(&exe)
        .args(["--os", "linux"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("undefined symbol `no_such_runtime_fn`: needed by extern @no_such_runtime_fn (called from @main)"),
        "{err}"
    );
    assert!(!exe.exists());
}

#[test]
fn unwritable_output_leaves_no_other_output() {
    if !native_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "r.il", RET15);
    let exe = dir.path().join("r");
    let out = viper()
        .args(["codegen", "arm64"])
        .arg(&input)
        .arg("-o")
        .arg(&exe)
        .arg("-S")
        .arg(dir.path().join("missing/dir/r.s"))
        .args(["--os", "linux"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!exe.exists());
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(left.len(), 1, "{left:?}");
}

/// The object from viper's own encoder is staged from memory (no scratch directory): a
/// destination that cannot be written is still an error, and no other output appears.
#[test]
fn unwritable_object_output_leaves_no_other_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "r.il", RET15);
    let obj = dir.path().join("r.o");
    for (o, s) in [
        (dir.path().join("missing/r.o"), None),
        (obj.clone(), Some(dir.path().join("missing/dir/r.s"))),
    ] {
        let mut cmd = viper();
        cmd.args(["codegen", "arm64"]).arg(&input).arg("-o").arg(&o);
        if let Some(s) = &s {
            cmd.arg("-S").arg(s);
        }
        let out = cmd.args(["--os", "linux"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains("cannot "), "{}", stderr(&out));
        assert!(!obj.exists());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }
}

#[test]
fn debug_flags_and_allocator_choice_reach_the_target() {
    if !native_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "r.il", RET15);
    for extra in [
        &["-dump-mir-before-ra"][..],
        &["--dump-mir-after-ra"],
        &["-dump-mir-full"],
    ] {
        let out = viper()
            .args(["codegen", "arm64"])
            .arg(&input)
            .args(["-S", "-", "--os", "linux"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{extra:?}: {}", stderr(&out));
        assert!(!out.stderr.is_empty(), "{extra:?} printed no MIR dump");
    }
    let out = codegen(
        &input,
        &["-O0", "--regalloc", "fast", "-run-native", "--os", "linux"],
    );
    assert_eq!(out.status.code(), Some(15), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn assembly_output_gets_ordinary_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "t.il",
        "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  ret 0\n}\n",
    );
    let asm = dir.path().join("t.s");
    let out = viper()
        .args(["codegen", "arm64"])
        .arg(&input)
        .arg("-S")
        .arg(&asm)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mode = std::fs::metadata(&asm).unwrap().permissions().mode();
    // Readable by group and others unless the umask forbids it (ours is 022 or less strict in CI).
    assert_eq!(mode & 0o600, 0o600, "mode {mode:o}");
    assert_ne!(mode & 0o044, 0, "assembly file is private (mode {mode:o})");
}

/// `--stack-size` runs IL main on a stack of that size: 100000 frames of >512 bytes overflow the
/// default 8 MiB stack but fit in 256 MiB.
#[test]
fn stack_size_allows_deep_recursion() {
    if !native_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "deep.il",
        include_str!("../../examples/deep_recursion.il"),
    );
    let run = |extra: &[&str]| {
        viper()
            .args(["codegen", "arm64"])
            .arg(&input)
            .args(["-run-native", "--os", "linux"])
            .args(extra)
            .output()
            .unwrap()
    };
    let small = run(&[]);
    assert_ne!(small.status.code(), Some(0), "expected a stack overflow");
    let big = run(&["--stack-size", "268435456"]);
    assert_eq!(big.status.code(), Some(0), "{}", stderr(&big));
    assert_eq!(String::from_utf8_lossy(&big.stdout), "100000\n");
}

/// `--runtime X.a` links that archive instead of the built-in runtime, and a runtime function the
/// archive lacks is reported with the IL name that needs it. The "other" runtime here is a tiny
/// C file whose PrintI64 prints a marker, so the output proves which archive was linked.
#[test]
fn runtime_flag_links_another_archive_and_names_missing_functions() {
    if !native_available() || cfg!(all(target_arch = "aarch64", target_os = "linux")) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let c = write(
        dir.path(),
        "other.c",
        "#include <stdio.h>\n#include <stdint.h>\n#include <stdlib.h>\n\
         void vpr_start(int c, char **v) { (void)c; (void)v; }\n\
         void vpr_trap(int64_t k, int64_t c, const char *d, const void *s) {\n\
           (void)k; (void)c; (void)d; (void)s; exit(1); }\n\
         void vpr_str_store(void **slot, void *v) { *slot = v; }\n\
         void rt_print_i64(int64_t v) { printf(\"other:%lld\", (long long)v); }\n",
    );
    let obj = dir.path().join("other.o");
    let archive = dir.path().join("libother.a");
    let ok = |cmd: &mut Command| cmd.status().map(|s| s.success()).unwrap_or(false);
    assert!(ok(Command::new("aarch64-linux-gnu-gcc")
        .args(["-c", "-O1"])
        .arg(&c)
        .arg("-o")
        .arg(&obj)));
    assert!(ok(Command::new("aarch64-linux-gnu-ar")
        .arg("rcs")
        .arg(&archive)
        .arg(&obj)));
    let prints = write(
        dir.path(),
        "p.il",
        "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  call @Viper.Terminal.PrintI64(42)\n  ret 0\n}\n",
    );
    let out = viper()
        .args(["codegen", "arm64"])
        .arg(&prints)
        .args(["-run-native", "--os", "linux", "--runtime"])
        .arg(&archive)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "other:42");

    let says = write(
        dir.path(),
        "s.il",
        "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  call @Viper.Terminal.SayInt(42)\n  ret 0\n}\n",
    );
    let exe = dir.path().join("s");
    let out = viper()
        .args(["codegen", "arm64"])
        .arg(&says)
        .arg("-o")
        .arg(&exe)
        .args(["--os", "linux", "--runtime"])
        .arg(&archive)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("rt_term_say_i64") && err.contains("Viper.Terminal.SayInt"),
        "{err}"
    );
    assert!(!exe.exists());
}

/// Every execution of an `alloca` yields fresh zeroed memory (IL-SPEC §7.7): a pointer kept from
/// the previous loop iteration still sees what was stored through it.
#[test]
fn alloca_in_a_loop_gives_fresh_memory_each_time() {
    if !native_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "a.il",
        "il 0.2.0\nextern @Viper.Terminal.SayInt(i64) -> void\nfunc @main() -> i64 {\nentry:\n  %first = alloca 8\n  br loop(0, %first)\nloop(%i: i64, %prev: ptr):\n  %p = alloca 8\n  %old = load i64, %prev\n  call @Viper.Terminal.SayInt(%old)\n  %z = load i64, %p\n  call @Viper.Terminal.SayInt(%z)\n  %v = iadd.ovf %i, 100\n  store i64, %p, %v\n  %i2 = iadd.ovf %i, 1\n  %c = scmp_lt %i2, 3\n  cbr %c, loop(%i2, %p), done\ndone:\n  ret 0\n}\n",
    );
    let out = codegen(&input, &["-run-native", "--os", "linux"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "0\n0\n100\n0\n101\n0\n"
    );
}

/// Run-time allocas of one activation are limited to the VM's 64 KiB arena: an `alloca` in an
/// unbounded loop traps Overflow instead of exhausting the machine stack.
#[test]
fn alloca_arena_exhaustion_traps_overflow() {
    if !native_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "b.il",
        "il 0.2.0\nextern @Viper.Terminal.SayInt(i64) -> void\nfunc @main() -> i64 {\nentry:\n  br loop(0)\nloop(%i: i64):\n  %p = alloca 8\n  store i64, %p, %i\n  %i2 = iadd.ovf %i, 1\n  %c = scmp_lt %i2, 100000\n  cbr %c, loop(%i2), done(%i2)\ndone(%n: i64):\n  call @Viper.Terminal.SayInt(%n)\n  ret 0\n}\n",
    );
    let out = codegen(&input, &["-run-native", "--os", "linux"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Overflow (code=0): stack overflow in alloca"),
        "{}",
        stderr(&out)
    );
}

/// An extern may declare a runtime function with other integer widths than the runtime's
/// (front ends write `SetColor(i64, i64)` for the runtime's `(i32, i32)`): `verify` accepts it,
/// any other type difference stays an error, and calls convert at the runtime's widths.
#[test]
fn extern_integer_widths_are_converted() {
    let dir = tempfile::tempdir().unwrap();
    let wrong = write(
        dir.path(),
        "w.il",
        "il 0.2.0\nextern @Viper.Terminal.SetColor(f64, i64) -> void\n\
         func @main() -> i64 {\nentry:\n  ret 0\n}\n",
    );
    let out = viper().arg("verify").arg(&wrong).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("signature mismatch for extern @Viper.Terminal.SetColor"));
    let input = write(
        dir.path(),
        "x.il",
        "il 0.2.0\n\
         extern @Viper.Terminal.SetColor(i64, i64) -> void\n\
         extern @Viper.String.FromI32(i64) -> str\n\
         extern @Viper.Terminal.PrintStr(str) -> void\n\
         extern @Viper.Terminal.PrintI64(i32) -> void\n\
         func @main() -> i64 {\nentry:\n\
         \x20 call @Viper.Terminal.SetColor(4294967303, 4294967296)\n\
         \x20 %s = call @Viper.String.FromI32(4294967301)\n\
         \x20 call @Viper.Terminal.PrintStr(%s)\n\
         \x20 %n:i32 = cast.si_narrow.chk -7\n\
         \x20 call @Viper.Terminal.PrintI64(%n)\n\
         \x20 ret 0\n}\n",
    );
    let out = viper().arg("verify").arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    if !native_available() {
        return;
    }
    let out = codegen(&input, &["-run-native", "--os", "linux"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "5-7");
}

// ---- what verifies compiles and links; hostile inputs (issue 12) --------------------------------

/// Run `cmd`, killing it after `secs` seconds; `None` if it had to be killed.
fn output_within(mut cmd: Command, secs: u64) -> Option<Output> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Some(child.wait_with_output().unwrap())
}

#[test]
fn empty_file_error_has_a_caret_at_1_1() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "empty.il", "");
    let out = viper().arg("verify").arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "{}:1:1: error: missing version header 'il <version>'\n\n^\n",
            input.display()
        )
    );
}

#[cfg(unix)]
#[test]
fn inputs_that_are_not_regular_files_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.il");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let fifo = fifo.to_str().unwrap().to_string();
    let folder = dir.path().to_str().unwrap().to_string();
    for input in ["/dev/zero", fifo.as_str(), folder.as_str()] {
        let mut verify = viper();
        verify.arg("verify").arg(input);
        let mut codegen = viper();
        codegen.args(["codegen", "arm64", input, "-S", "-"]);
        for cmd in [verify, codegen] {
            let out = output_within(cmd, 20).unwrap_or_else(|| panic!("{input}: no answer"));
            assert_eq!(out.status.code(), Some(1), "{input}");
            let err = stderr(&out);
            assert!(
                err.starts_with(&format!("{input}: error: cannot read: ")),
                "{input}: {err}"
            );
            assert!(out.stdout.is_empty(), "{input}");
        }
    }
}

#[test]
fn output_path_equal_to_the_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "prog.il", RET15);
    let same = dir.path().join(".").join("prog.il");
    for (flag, out_path) in [("-S", &input), ("-S", &same), ("-o", &input)] {
        let out = viper()
            .args(["codegen", "arm64"])
            .arg(&input)
            .arg(flag)
            .arg(out_path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{flag} {}", out_path.display());
        assert!(
            stderr(&out).contains("is the input file"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read_to_string(&input).unwrap(), RET15);
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(left.len(), 1, "{left:?}");
}

#[test]
fn address_of_an_unknown_symbol_is_a_verify_error() {
    for inst in ["addr_of", "gaddr"] {
        let (line, col, err) = expect_il_error(
            inst,
            &format!(
                "il 0.2.0\nfunc @main() -> i64 {{\nentry:\n  %p = {inst} @nosuch\n  ret 0\n}}\n"
            ),
        );
        assert_eq!((line, col), (4, 3), "{err}");
        assert!(err.contains("unknown symbol @nosuch"), "{err}");
    }
}

#[test]
fn main_with_parameters_is_a_verify_error() {
    let (line, _, err) = expect_il_error(
        "main(i64)",
        "il 0.2.0\nfunc @main(i64 %a) -> i64 {\nentry(%a: i64):\n  ret %a\n}\n",
    );
    assert_eq!(line, 2, "{err}");
    assert!(err.contains("@main must not take parameters"), "{err}");
}

/// A module without `@main` is fine for `-S` and `-o x.o`; an executable or `-run-native` is a
/// located error at the `il` header, and no file is written.
#[test]
fn module_without_main_is_an_error_only_for_programs() {
    let dir = tempfile::tempdir().unwrap();
    let src = "// a library\nil 0.2.0\nfunc @f() -> i64 {\nentry:\n  ret 1\n}\n";
    let input = write(dir.path(), "lib.il", src);
    let out = codegen(&input, &["-S", "-"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    if !native_available() {
        return;
    }
    let obj = dir.path().join("lib.o");
    let out = codegen(&input, &["-o", obj.to_str().unwrap(), "--os", "linux"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(obj.is_file());
    let exe = dir.path().join("lib");
    for extra in [&["-o", exe.to_str().unwrap()][..], &["-run-native"]] {
        let out = codegen(&input, &[extra, &["--os", "linux"]].concat());
        assert_eq!(out.status.code(), Some(1), "{extra:?}");
        let err = stderr(&out);
        let (line, col) = assert_located(&err, &input);
        assert_eq!((line, col), (2, 1), "{err}");
        assert!(err.contains("no @main function"), "{err}");
        assert!(!exe.exists());
    }
}

/// `const_str` of a name that is not a string global verifies (IL-SPEC §7.8) and traps
/// DomainError `unknown global` when it runs, as on the VM.
#[test]
fn const_str_of_an_unknown_global_traps_at_run_time() {
    if !native_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "g.il",
        "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  call @Viper.Terminal.Say(\"before\")\n  %s = const_str @nosuch\n  call @Viper.Terminal.Say(%s)\n  ret 0\n}\n",
    );
    let out = codegen(&input, &["-run-native", "--os", "linux"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "before\n");
    assert!(stderr(&out).contains("DomainError"), "{}", stderr(&out));
    assert!(stderr(&out).contains("unknown global"), "{}", stderr(&out));
}

/// `call.indirect %f, %x` calls `%f` with no arguments, as the VM reads it (IL-SPEC §7.8 [R]),
/// and an indirect call checks its callee as the VM does: a function taking another number of
/// arguments traps `argument count mismatch`, a null callee `null indirect callee`.
#[test]
fn indirect_calls_drop_trailing_operands_and_check_the_callee() {
    if !native_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let prog = |call: &str| {
        format!("il 0.2.0\nfunc @speak(ptr %me) -> void {{\nentry(%me: ptr):\n  call @Viper.Terminal.Say(\"speak\")\n  ret\n}}\nfunc @hello() -> void {{\nentry:\n  call @Viper.Terminal.Say(\"hello\")\n  ret\n}}\nfunc @main() -> i64 {{\nentry:\n  %s = addr_of @speak\n  %h = addr_of @hello\n  %z = const_null\n{call}\n  ret 0\n}}\n")
    };
    for (call, rc, stdout, detail) in [
        ("  call.indirect %h, %s", 0, "hello\n", ""),
        ("  call.indirect %s(%s)", 0, "speak\n", ""),
        ("  call.indirect %s, %s", 1, "", "argument count mismatch"),
        ("  call.indirect %h(%s)", 1, "", "argument count mismatch"),
        ("  call.indirect %z", 1, "", "null indirect callee"),
    ] {
        let input = write(dir.path(), "c.il", &prog(call));
        let out = codegen(&input, &["-run-native", "--os", "linux"]);
        assert_eq!(out.status.code(), Some(rc), "{call}: {}", stderr(&out));
        assert_eq!(String::from_utf8_lossy(&out.stdout), stdout, "{call}");
        assert!(stderr(&out).contains(detail), "{call}: {}", stderr(&out));
    }
    // The two corpus programs that use this form: exit 1 with empty stdout, as on the VM.
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/system");
    for name in [
        "src_tests_golden_oop_base_qualifier",
        "src_tests_golden_oop_virtual_dispatch",
    ] {
        let p = corpus.join(name).join("prog.il");
        if !p.is_file() {
            continue;
        }
        let out = codegen(&p, &["-run-native", "--os", "linux"]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{name}");
    }
}

/// `-S FILE` writes the text as it is made, through a temporary file: it is the same text as
/// `-S -` gives, and a failed compilation leaves an existing FILE as it was and no other file.
#[test]
fn assembly_file_is_streamed_and_left_alone_on_failure() {
    let dir = tempfile::tempdir().unwrap();
    let mut src = String::from("il 0.2.0\n");
    for i in 0..300 {
        src.push_str(&format!(
            "func @f{i}(i64 %x) -> i64 {{\nentry(%a: i64):\n  %y = iadd.ovf %a, {i}\n  ret %y\n}}\n"
        ));
    }
    src.push_str("func @main() -> i64 {\nentry:\n  %r = call @f7(1)\n  ret %r\n}\n");
    let input = write(dir.path(), "many.il", &src);
    let asm = dir.path().join("many.s");
    let out = codegen(&input, &["-S", asm.to_str().unwrap(), "--os", "linux"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let piped = codegen(&input, &["-S", "-", "--os", "linux"]);
    assert_eq!(piped.status.code(), Some(0), "{}", stderr(&piped));
    let written = std::fs::read(&asm).unwrap();
    assert!(written == piped.stdout, "-S FILE and -S - differ");
    assert!(String::from_utf8_lossy(&written).contains("f299"));

    let bad = write(
        dir.path(),
        "bad.il",
        "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  ret %nope\n}\n",
    );
    let out = codegen(&bad, &["-S", asm.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(
        std::fs::read(&asm).unwrap() == written,
        "the old file was changed"
    );
    let mut left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["bad.il", "many.il", "many.s"]);
    let out = codegen(
        &input,
        &["-S", dir.path().join("missing/x.s").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    // The message names the destination and its missing directory, not a temporary file.
    let missing = dir.path().join("missing");
    assert_eq!(
        stderr(&out),
        format!(
            "error: cannot write {}: there is no directory {}\n",
            missing.join("x.s").display(),
            missing.display()
        )
    );
    // A write error while streaming names the destination.
    if Path::new("/dev/full").exists() {
        let out = codegen(&input, &["-S", "/dev/full"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).starts_with("error: cannot write /dev/full: "),
            "{}",
            stderr(&out)
        );
    }
}

/// `-S` to an existing special file (here a FIFO; `/dev/null` alike) writes into it and leaves it
/// in place, rather than renaming a regular file over it.
#[cfg(unix)]
#[test]
fn assembly_to_a_special_file_writes_into_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "r.il", RET15);
    let fifo = dir.path().join("asm.fifo");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = codegen(&input, &["-S", fifo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Checked before joining: had the FIFO been replaced, the reader would wait forever.
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(reader.join().unwrap().contains("main"));
}

/// Passes and settings are validated against the target's registry: an unknown setting is a
/// located error; a setting configured as a pass gets a hint; a known setting is reported.
#[test]
fn settings_are_validated_against_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "r.il", RET15);
    let config = |name: &str, text: &str| {
        let cfg = write(dir.path(), name, text);
        viper()
            .args(["config", "--config"])
            .arg(&cfg)
            .arg(&input)
            .output()
            .unwrap()
    };
    let out = config("bad.toml", "[settings]\nno-such-thing = false\n");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("bad.toml:2:17: error: target `arm64` has no setting `no-such-thing`"),
        "{err}"
    );
    let out = config("pass.toml", "[passes.leaf-frame]\nenabled = false\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is a setting: write `[settings] leaf-frame = false`"),
        "{}",
        stderr(&out)
    );
    let out = config("ok.toml", "[settings]\nleaf-frame = false\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("settings.leaf-frame = false"));
}

/// The binary tells its allocator to keep freed memory for the process (memory handed back to
/// the system comes back as fresh pages the kernel clears again): mimalloc's statistics report
/// nothing purged after a compilation, where an explicit `MIMALLOC_PURGE_DELAY=0` (purge at once)
/// purges megabytes of the same compilation.
#[test]
fn the_allocator_keeps_its_memory() {
    let dir = tempfile::tempdir().unwrap();
    let mut il = String::from("il 0.2.0\n");
    for f in 0..400 {
        il.push_str(&format!("func @f{f}(i64 %a) -> i64 {{\nentry(%a: i64):\n"));
        for k in 0..40 {
            let prev = if k == 0 {
                "%a".to_string()
            } else {
                format!("%v{}", k - 1)
            };
            il.push_str(&format!("  %v{k} = iadd.ovf {prev}, {}\n", k + f));
        }
        il.push_str("  ret %v39\n}\n");
    }
    il.push_str("func @main() -> i64 {\nentry:\n  %r = call @f0(1)\n  ret %r\n}\n");
    let input = write(dir.path(), "many.il", &il);
    let purged = |env: Option<&str>| {
        let mut c = viper();
        c.args(["codegen", "arm64"])
            .arg(&input)
            .arg("-o")
            .arg(dir.path().join("many.o"))
            .env("MIMALLOC_SHOW_STATS", "1")
            .env_remove("MIMALLOC_PURGE_DELAY");
        if let Some(v) = env {
            c.env("MIMALLOC_PURGE_DELAY", v);
        }
        let o = c.output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        let err = stderr(&o);
        let line = err
            .lines()
            .find(|l| l.trim_start().starts_with("purged:"))
            .unwrap_or_else(|| panic!("no `purged:` in mimalloc's statistics:\n{err}"));
        line.split_whitespace()
            .nth(1)
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(purged(None), "0", "the default keeps freed memory");
    assert_ne!(
        purged(Some("0")),
        "0",
        "purging at once purges (the check can fail)"
    );
}

/// A module with a huge function (here a switch of 100k cases, 1.3 MB of text) gives freed memory back to the
/// system again, as mimalloc does by default (its working sets are large and spread over the
/// threads' heaps: purging keeps the peak down).
#[test]
fn huge_functions_give_memory_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut il =
        String::from("il 0.2.0\nfunc @f(i32 %x) -> i64 {\nentry(%x: i32):\n  switch.i32 %x, ^d");
    for k in 0..100_000 {
        il.push_str(&format!(", {k} -> ^b{}", k % 8));
    }
    il.push('\n');
    for b in 0..8 {
        il.push_str(&format!("b{b}:\n  ret {b}\n"));
    }
    il.push_str("d:\n  ret 9\n}\nfunc @main() -> i64 {\nentry:\n  %t:i32 = cast.si_narrow.chk 3\n  %r = call @f(%t)\n  ret %r\n}\n");
    let input = write(dir.path(), "switch.il", &il);
    let o = viper()
        .args(["codegen", "arm64"])
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("switch.o"))
        .env("MIMALLOC_SHOW_STATS", "1")
        .env_remove("MIMALLOC_PURGE_DELAY")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    let purged = err
        .lines()
        .find(|l| l.trim_start().starts_with("purged:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or_else(|| panic!("no `purged:` in mimalloc's statistics:\n{err}"));
    assert_ne!(purged, "0", "a huge function purges");
}
