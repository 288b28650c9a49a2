//! Tests of `link`: discovery and command construction with a fake PATH, error messages for missing
//! tools, and (when the aarch64 cross toolchain and qemu are installed) real assemble/link/run and
//! runtime-archive builds with cache hits.

use codegen_api::link::{LinkError, LinkOptions, ToolEnv, Toolchain, RUNTIME_ARCHIVE};
use codegen_api::{CodegenError, TargetOs};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// A fresh empty directory for one test.
fn scratch_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("viper-link-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A directory of fake executables (shell scripts that succeed).
fn fake_bin(name: &str, tools: &[&str]) -> PathBuf {
    let d = scratch_dir(name);
    for t in tools {
        let p = d.join(t);
        std::fs::write(&p, "#!/bin/sh\nexit 0\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
    d
}

fn env(path: &Path, host_arch: &str, host_os: TargetOs) -> ToolEnv {
    ToolEnv {
        path: Some(path.as_os_str().to_owned()),
        viper_cc: None,
        viper_qemu: None,
        viper_linker: None,
        host_arch: host_arch.into(),
        host_os,
    }
}

fn args(cmd: &std::process::Command) -> Vec<String> {
    cmd.get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

fn tool_msg(e: CodegenError) -> String {
    match e {
        CodegenError::Tool(m) => m,
        other => panic!("expected a Tool error, got {other:?}"),
    }
}

#[test]
fn missing_cross_compiler_names_package() {
    let bin = fake_bin("empty", &[]);
    let e = Toolchain::discover_in(
        "aarch64",
        TargetOs::Linux,
        None,
        &env(&bin, "x86_64", TargetOs::Linux),
    )
    .unwrap_err();
    let m = tool_msg(e);
    assert!(m.contains("`aarch64-linux-gnu-gcc`"), "{m}");
    assert!(m.contains("gcc-aarch64-linux-gnu"), "{m}");
    assert!(!m.contains("No such file"), "{m}");
}

#[test]
fn cross_linux_commands() {
    let bin = fake_bin(
        "cross",
        &[
            "aarch64-linux-gnu-gcc",
            "aarch64-linux-gnu-ar",
            "qemu-aarch64",
        ],
    );
    let tc = Toolchain::discover_in(
        "aarch64",
        TargetOs::Linux,
        None,
        &env(&bin, "x86_64", TargetOs::Linux),
    )
    .unwrap();
    assert_eq!(tc.cc(), Some(bin.join("aarch64-linux-gnu-gcc").as_path()));
    assert_eq!(tc.emulator(), Some(bin.join("qemu-aarch64").as_path()));
    assert!(tc.can_run() && tc.links_statically_by_default());

    let asm = tc
        .assemble_command(Path::new("a.s"), Path::new("a.o"))
        .unwrap();
    assert_eq!(
        asm.get_program(),
        bin.join("aarch64-linux-gnu-gcc").as_os_str()
    );
    assert_eq!(args(&asm), ["-c", "a.s", "-o", "a.o"]);

    let objs = [PathBuf::from("a.o"), PathBuf::from("b.o")];
    let libs = [PathBuf::from("libviper_rt.a")];
    let link = tc
        .link_command(&objs, &libs, Path::new("prog"), &LinkOptions::default())
        .unwrap();
    assert_eq!(
        args(&link),
        [
            "-static",
            "-o",
            "prog",
            "a.o",
            "b.o",
            "libviper_rt.a",
            "-lm"
        ]
    );
    let dynamic = LinkOptions {
        static_link: Some(false),
        extra_flags: vec!["-g".into()],
        plan_cache: None,
    };
    let link = tc
        .link_command(&objs, &libs, Path::new("prog"), &dynamic)
        .unwrap();
    assert_eq!(
        args(&link),
        ["-o", "prog", "a.o", "b.o", "libviper_rt.a", "-lm", "-g"]
    );

    let ar = tc.archive_command(&objs, Path::new("lib.a")).unwrap();
    assert_eq!(
        ar.get_program(),
        bin.join("aarch64-linux-gnu-ar").as_os_str()
    );
    assert_eq!(args(&ar), ["rcs", "lib.a", "a.o", "b.o"]);

    let cc = tc
        .compile_c_command(Path::new("x.c"), Path::new("x.o"), &["-O2"])
        .unwrap();
    assert_eq!(args(&cc), ["-O2", "-c", "x.c", "-o", "x.o"]);

    let run = tc
        .run_command(Path::new("./prog"), &["a".into(), "b c".into()])
        .unwrap();
    assert_eq!(run.get_program(), bin.join("qemu-aarch64").as_os_str());
    assert_eq!(args(&run), ["./prog", "a", "b c"]);
}

#[test]
fn missing_qemu_is_reported_when_running() {
    let bin = fake_bin("noqemu", &["aarch64-linux-gnu-gcc", "aarch64-linux-gnu-ar"]);
    let tc = Toolchain::discover_in(
        "aarch64",
        TargetOs::Linux,
        None,
        &env(&bin, "x86_64", TargetOs::Linux),
    )
    .unwrap();
    assert!(!tc.can_run());
    let m = tool_msg(tc.run(Path::new("./prog"), &[]).unwrap_err());
    assert!(m.contains("qemu-aarch64") && m.contains("qemu-user"), "{m}");
}

#[test]
fn missing_ar_falls_back_to_host_ar_or_names_binutils() {
    let bin = fake_bin("hostar", &["aarch64-linux-gnu-gcc", "ar"]);
    let e = env(&bin, "x86_64", TargetOs::Linux);
    let tc = Toolchain::discover_in("aarch64", TargetOs::Linux, None, &e).unwrap();
    let ar = tc.archive_command(&[], Path::new("l.a")).unwrap();
    assert_eq!(ar.get_program(), bin.join("ar").as_os_str());

    let bin = fake_bin("noar", &["aarch64-linux-gnu-gcc"]);
    let e = env(&bin, "x86_64", TargetOs::Linux);
    let tc = Toolchain::discover_in("aarch64", TargetOs::Linux, None, &e).unwrap();
    let m = tool_msg(tc.archive(&[], Path::new("l.a")).unwrap_err());
    assert!(
        m.contains("aarch64-linux-gnu-ar") && m.contains("binutils-aarch64-linux-gnu"),
        "{m}"
    );
}

#[test]
fn overrides() {
    let bin = fake_bin(
        "over",
        &["mycc", "envcc", "myqemu", "aarch64-linux-gnu-gcc"],
    );
    let mut e = env(&bin, "x86_64", TargetOs::Linux);
    e.viper_cc = Some(OsString::from("envcc"));
    e.viper_qemu = Some(bin.join("myqemu").into_os_string());
    // VIPER_CC is used when there is no --cc …
    let tc = Toolchain::discover_in("aarch64", TargetOs::Linux, None, &e).unwrap();
    assert_eq!(tc.cc(), Some(bin.join("envcc").as_path()));
    assert_eq!(tc.emulator(), Some(bin.join("myqemu").as_path()));
    // … and --cc wins over it.
    let tc =
        Toolchain::discover_in("aarch64", TargetOs::Linux, Some(Path::new("mycc")), &e).unwrap();
    assert_eq!(tc.cc(), Some(bin.join("mycc").as_path()));
    // A missing override is an error naming it, not a fallback.
    let m = tool_msg(
        Toolchain::discover_in("aarch64", TargetOs::Linux, Some(Path::new("/nope/cc")), &e)
            .unwrap_err(),
    );
    assert!(m.contains("/nope/cc"), "{m}");
    e.viper_qemu = Some(OsString::from("/nope/qemu"));
    let tc = Toolchain::discover_in("aarch64", TargetOs::Linux, None, &e).unwrap();
    let m = tool_msg(tc.run(Path::new("p"), &[]).unwrap_err());
    assert!(m.contains("/nope/qemu") && m.contains("VIPER_QEMU"), "{m}");
}

#[test]
fn native_linux_arm64_uses_host_cc_and_runs_directly() {
    let bin = fake_bin("native", &["cc", "ar"]);
    let tc = Toolchain::discover_in(
        "aarch64",
        TargetOs::Linux,
        None,
        &env(&bin, "aarch64", TargetOs::Linux),
    )
    .unwrap();
    assert_eq!(tc.cc(), Some(bin.join("cc").as_path()));
    assert!(tc.can_run() && !tc.links_statically_by_default());
    let run = tc.run_command(Path::new("./p"), &["x".into()]).unwrap();
    assert_eq!(run.get_program(), "./p");
    let link = tc
        .link_command(
            &[PathBuf::from("a.o")],
            &[],
            Path::new("p"),
            &LinkOptions::default(),
        )
        .unwrap();
    assert_eq!(args(&link), ["-o", "p", "a.o", "-lm"]);

    let empty = fake_bin("native-empty", &[]);
    let m = tool_msg(
        Toolchain::discover_in(
            "aarch64",
            TargetOs::Linux,
            None,
            &env(&empty, "aarch64", TargetOs::Linux),
        )
        .unwrap_err(),
    );
    assert!(
        m.contains("`cc`") && m.contains("Debian package `gcc`"),
        "{m}"
    );
}

#[test]
fn macos_host() {
    let bin = fake_bin("mac", &["cc", "ar"]);
    let tc = Toolchain::discover_in(
        "aarch64",
        TargetOs::Darwin,
        None,
        &env(&bin, "aarch64", TargetOs::Darwin),
    )
    .unwrap();
    assert!(tc.can_run());
    let asm = tc
        .assemble_command(Path::new("a.s"), Path::new("a.o"))
        .unwrap();
    assert_eq!(args(&asm), ["-c", "a.s", "-o", "a.o"]);
    // An Intel Mac can build arm64 programs but not run them.
    let tc = Toolchain::discover_in(
        "aarch64",
        TargetOs::Darwin,
        None,
        &env(&bin, "x86_64", TargetOs::Darwin),
    )
    .unwrap();
    let asm = tc
        .assemble_command(Path::new("a.s"), Path::new("a.o"))
        .unwrap();
    assert_eq!(args(&asm), ["-arch", "arm64", "-c", "a.s", "-o", "a.o"]);
    assert!(!tc.can_run());
    let empty = fake_bin("mac-empty", &[]);
    let m = tool_msg(
        Toolchain::discover_in(
            "aarch64",
            TargetOs::Darwin,
            None,
            &env(&empty, "aarch64", TargetOs::Darwin),
        )
        .unwrap_err(),
    );
    assert!(m.contains("xcode-select --install"), "{m}");
}

#[test]
fn darwin_from_linux_only_assembles() {
    let bin = fake_bin("darwin-x", &["llvm-mc", "cc", "ar"]);
    let tc = Toolchain::discover_in(
        "aarch64",
        TargetOs::Darwin,
        None,
        &env(&bin, "x86_64", TargetOs::Linux),
    )
    .unwrap();
    let asm = tc
        .assemble_command(Path::new("a.s"), Path::new("a.o"))
        .unwrap();
    assert_eq!(asm.get_program(), bin.join("llvm-mc").as_os_str());
    assert_eq!(
        args(&asm),
        [
            "-triple=arm64-apple-macos",
            "-filetype=obj",
            "a.s",
            "-o",
            "a.o"
        ]
    );
    let err = tc
        .link(&[], &[], Path::new("p"), &LinkOptions::default())
        .unwrap_err();
    let m = tool_msg(err.into());
    assert!(m.contains("macOS") && m.contains("Xcode"), "{m}");
    assert!(tc.run(Path::new("p"), &[]).is_err());
    assert!(tc
        .compile_c(Path::new("x.c"), Path::new("x.o"), &[])
        .is_err());
    assert!(!tc.can_run());

    let empty = fake_bin("darwin-x-empty", &[]);
    let tc = Toolchain::discover_in(
        "aarch64",
        TargetOs::Darwin,
        None,
        &env(&empty, "x86_64", TargetOs::Linux),
    )
    .unwrap();
    let m = tool_msg(tc.assemble(Path::new("a.s"), Path::new("a.o")).unwrap_err());
    assert!(m.contains("llvm-mc") && m.contains("`llvm`"), "{m}");
}

#[test]
fn failing_tool_reports_stderr() {
    let d = scratch_dir("failing");
    let cc = d.join("aarch64-linux-gnu-gcc");
    std::fs::write(
        &cc,
        "#!/bin/sh\necho 'x.s:1: Error: bad instruction' >&2\nexit 1\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&cc, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let tc = Toolchain::discover_in(
        "aarch64",
        TargetOs::Linux,
        None,
        &env(&d, "x86_64", TargetOs::Linux),
    )
    .unwrap();
    let m = tool_msg(tc.assemble(Path::new("x.s"), Path::new("x.o")).unwrap_err());
    assert!(
        m.contains("bad instruction") && m.contains("exit status 1"),
        "{m}"
    );
}

// ---- real toolchain (skipped when the cross tools are not installed) -----------------------------

fn real_toolchain() -> Option<Toolchain> {
    let e = ToolEnv::from_process();
    let have = |t: &str| e.find(Path::new(t)).is_some();
    let native = e.host_arch == "aarch64" && e.host_os == TargetOs::Linux;
    let cross = have("aarch64-linux-gnu-gcc") && have("qemu-aarch64");
    if !(native || cross) {
        eprintln!("aarch64 toolchain or qemu not installed; skipping");
        return None;
    }
    Some(Toolchain::discover("aarch64", TargetOs::Linux, None).unwrap())
}

const EXIT_42: &str =
    "\t.text\n\t.globl main\n\t.type main, %function\nmain:\n\tmov w0, #42\n\tret\n";

#[test]
fn assemble_link_run_exit_42() {
    let Some(tc) = real_toolchain() else { return };
    let d = scratch_dir("e2e42");
    let (s, o, exe) = (d.join("a.s"), d.join("a.o"), d.join("a.out"));
    std::fs::write(&s, EXIT_42).unwrap();
    tc.assemble(&s, &o).unwrap();
    tc.link(&[o], &[], &exe, &LinkOptions::default()).unwrap();
    assert_eq!(tc.run(&exe, &[]).unwrap(), 42);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn signal_exit_status_is_128_plus_signal() {
    let Some(tc) = real_toolchain() else { return };
    let d = scratch_dir("abort");
    let (s, o, exe) = (d.join("a.s"), d.join("a.o"), d.join("a.out"));
    std::fs::write(
        &s,
        "\t.text\n\t.globl main\nmain:\n\tstp x29, x30, [sp, #-16]!\n\tbl abort\n",
    )
    .unwrap();
    tc.assemble(&s, &o).unwrap();
    tc.link(&[o], &[], &exe, &LinkOptions::default()).unwrap();
    assert_eq!(tc.run(&exe, &[]).unwrap(), 128 + 6);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn undefined_symbols_are_listed() {
    let Some(tc) = real_toolchain() else { return };
    let d = scratch_dir("undef");
    let (s, o, exe) = (d.join("a.s"), d.join("a.o"), d.join("a.out"));
    std::fs::write(
        &s,
        "\t.text\n\t.globl main\nmain:\n\tstp x29, x30, [sp, #-16]!\n\
         \tbl rt_missing_one\n\tbl rt_missing_two\n\tbl rt_missing_one\n\
         \tldp x29, x30, [sp], #16\n\tret\n",
    )
    .unwrap();
    tc.assemble(&s, &o).unwrap();
    match tc.link(&[o], &[], &exe, &LinkOptions::default()) {
        Err(LinkError::UndefinedSymbols { symbols, .. }) => {
            assert_eq!(symbols, ["rt_missing_one", "rt_missing_two"]);
        }
        other => panic!("expected undefined symbols, got {other:?}"),
    }
}

#[test]
fn runtime_archive_is_built_cached_and_linked() {
    let Some(tc) = real_toolchain() else { return };
    let d = scratch_dir("rtcache");
    let cache = d.join("cache");
    let sources: [(&str, &str); 3] = [
        (
            "rt.h",
            "#ifndef RT_H\n#define RT_H\nlong rt_a(void);\nlong rt_b(long);\n#endif\n",
        ),
        (
            "rt_a.c",
            "#include \"rt.h\"\nlong rt_a(void) { return rt_b(40); }\n",
        ),
        (
            "rt_b.c",
            "#include \"rt.h\"\nlong rt_b(long x) { return x + 2; }\n",
        ),
    ];
    let lib = tc.build_runtime(&sources, &cache).unwrap();
    assert!(lib.is_file() && lib.ends_with(RUNTIME_ARCHIVE));
    let mtime = std::fs::metadata(&lib).unwrap().modified().unwrap();
    // Second call: same entry, not rebuilt (archive untouched), no temp dirs left behind.
    let again = tc.build_runtime(&sources, &cache).unwrap();
    assert_eq!(again, lib);
    assert_eq!(std::fs::metadata(&lib).unwrap().modified().unwrap(), mtime);
    let entries: Vec<_> = std::fs::read_dir(&cache).unwrap().flatten().collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    // Changed sources → a different entry.
    let mut changed = sources;
    changed[2].1 = "#include \"rt.h\"\nlong rt_b(long x) { return x + 3; }\n";
    let other = tc.build_runtime(&changed, &cache).unwrap();
    assert_ne!(other, lib);

    // Link a program against the archive: main returns rt_a() = 42.
    let (s, o, exe) = (d.join("m.s"), d.join("m.o"), d.join("m.out"));
    std::fs::write(
        &s,
        "\t.text\n\t.globl main\nmain:\n\tstp x29, x30, [sp, #-16]!\n\tbl rt_a\n\
         \tldp x29, x30, [sp], #16\n\tret\n",
    )
    .unwrap();
    tc.assemble(&s, &o).unwrap();
    tc.link(
        std::slice::from_ref(&o),
        &[lib],
        &exe,
        &LinkOptions::default(),
    )
    .unwrap();
    assert_eq!(tc.run(&exe, &[]).unwrap(), 42);
    tc.link(&[o], &[other], &exe, &LinkOptions::default())
        .unwrap();
    assert_eq!(tc.run(&exe, &[]).unwrap(), 43);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn runtime_compile_error_is_reported() {
    let Some(tc) = real_toolchain() else { return };
    let d = scratch_dir("rtbad");
    let cache = d.join("cache");
    let m = tool_msg(
        tc.build_runtime(
            &[("bad.c", "int f(void) { return undeclared_x; }\n")],
            &cache,
        )
        .unwrap_err(),
    );
    assert!(m.contains("undeclared_x"), "{m}");
    // Nothing half-built stays in the cache.
    let left: Vec<_> = std::fs::read_dir(&cache).unwrap().flatten().collect();
    assert!(left.is_empty(), "{left:?}");
    let e = tc
        .build_runtime(&[("../evil.c", "int x;\n")], &cache)
        .unwrap_err();
    assert!(
        e.to_string().contains("invalid runtime source file name"),
        "{e}"
    );
}

#[test]
fn darwin_object_with_real_llvm_mc() {
    let e = ToolEnv::from_process();
    if e.host_os != TargetOs::Linux || e.find(Path::new("llvm-mc")).is_none() {
        eprintln!("llvm-mc not installed; skipping");
        return;
    }
    let tc = Toolchain::discover("aarch64", TargetOs::Darwin, None).unwrap();
    let d = scratch_dir("macho");
    let (s, o) = (d.join("a.s"), d.join("a.o"));
    std::fs::write(
        &s,
        "\t.text\n\t.globl _main\n_main:\n\tmov w0, #42\n\tret\n",
    )
    .unwrap();
    tc.assemble(&s, &o).unwrap();
    let bytes = std::fs::read(&o).unwrap();
    assert_eq!(
        &bytes[..4],
        &[0xcf, 0xfa, 0xed, 0xfe],
        "not a 64-bit Mach-O object"
    );
    let _ = std::fs::remove_dir_all(&d);
}

/// With `ld.lld` installed, the GNU driver is pointed at it through a `-B` directory beside the
/// output whose `ld` is ld.lld; `VIPER_LINKER=system` (and a user-chosen compiler) keep the
/// driver's own linker.
#[test]
fn fast_linker_is_preferred_when_installed() {
    let bin = fake_bin(
        "fastld",
        &[
            "aarch64-linux-gnu-gcc",
            "aarch64-linux-gnu-ar",
            "qemu-aarch64",
            "ld.lld",
        ],
    );
    let out_dir = scratch_dir("fastld-out");
    let out = out_dir.join("prog");
    let objs = [PathBuf::from("a.o")];
    let e = env(&bin, "x86_64", TargetOs::Linux);
    let tc = Toolchain::discover_in("aarch64", TargetOs::Linux, None, &e).unwrap();
    assert!(
        tc.linker_description().contains("ld.lld"),
        "{}",
        tc.linker_description()
    );
    let link = tc
        .link_command(&objs, &[], &out, &LinkOptions::default())
        .unwrap();
    let shim = out_dir.join(".viper-ld");
    assert_eq!(args(&link)[0], format!("-B{}/", shim.display()));
    #[cfg(unix)]
    assert_eq!(
        std::fs::read_link(shim.join("ld")).unwrap(),
        bin.join("ld.lld")
    );
    let system = ToolEnv {
        viper_linker: Some("system".into()),
        ..env(&bin, "x86_64", TargetOs::Linux)
    };
    let tc = Toolchain::discover_in("aarch64", TargetOs::Linux, None, &system).unwrap();
    assert!(tc.linker_description().contains("default linker"));
    let link = tc
        .link_command(&objs, &[], &out, &LinkOptions::default())
        .unwrap();
    assert!(!args(&link).iter().any(|a| a.starts_with("-B")));
}

/// With a plan cache, the fast linker runs directly with the command line the driver would give
/// it (learned once, then cached): the program is byte-identical to the driver-linked one and
/// runs.
#[test]
fn planned_link_equals_driver_link() {
    let Some(tc) = real_toolchain() else { return };
    if !tc.linker_description().contains("ld.lld") {
        eprintln!("ld.lld not installed; skipping");
        return;
    }
    let d = scratch_dir("plan");
    let (s, o) = (d.join("a.s"), d.join("a.o"));
    std::fs::write(&s, EXIT_42).unwrap();
    tc.assemble(&s, &o).unwrap();
    let (via_driver, planned) = (d.join("driver.out"), d.join("planned.out"));
    let cache = d.join("cache");
    tc.link(
        std::slice::from_ref(&o),
        &[],
        &via_driver,
        &LinkOptions::default(),
    )
    .unwrap();
    let with_cache = LinkOptions {
        plan_cache: Some(cache.clone()),
        ..LinkOptions::default()
    };
    tc.link(std::slice::from_ref(&o), &[], &planned, &with_cache)
        .unwrap();
    let plans: Vec<_> = std::fs::read_dir(cache.join("link-plans"))
        .unwrap()
        .collect();
    assert_eq!(plans.len(), 1, "one plan learned and cached");
    assert_eq!(
        std::fs::read(&via_driver).unwrap(),
        std::fs::read(&planned).unwrap()
    );
    // The cached plan is reused.
    tc.link(&[o], &[], &planned, &with_cache).unwrap();
    assert_eq!(tc.run(&planned, &[]).unwrap(), 42);
    let _ = std::fs::remove_dir_all(&d);
}
