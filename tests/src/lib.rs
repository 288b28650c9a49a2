//! Helpers for the conformance suites: find `../shared`, load test cases, build each program
//! with the `viper_cli` library (in-process, so no path to the `viper` binary is needed), run it
//! (under qemu on non-arm64 hosts) in an empty temporary directory with a timeout, and compare
//! stdout byte for byte and the exit status. Cases run on a few worker threads.
//!
//! Programs listed in `tests/known_failures/<label>.txt` (with the evidence why they cannot
//! match) are reported as XFAIL and do not fail the suite; a listed program that passes does.
//!
//! Environment:
//! - `VIPER_CORPUS_FILTER=substr` runs only cases whose name contains `substr`.
//! - `VIPER_TEST_JOBS=n` sets the number of workers (default: available cores, 2..=4).
//! - `VIPER_TEST_TIMEOUT=secs` per-program time limit (default 60).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use viper_cli::args::CommonArgs;
use viper_cli::options::DebugFlags;

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// `../shared` beside the repository, if present.
pub fn shared_dir() -> Option<PathBuf> {
    let d = repo_root().join("..").join("shared");
    d.is_dir().then_some(d)
}

/// One program to build and run.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub il: PathBuf,
    pub expected_stdout: Vec<u8>,
    pub expected_rc: i32,
    /// File fed to stdin (empty stdin when `None`).
    pub stdin: Option<PathBuf>,
}

/// Cases in the sub-folders of `dir` (each with `prog.il`, `expected.stdout`, `expected.rc`,
/// optional `stdin`) whose name contains `filter`, sorted by name.
pub fn load_cases(dir: &Path, filter: &str) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !path.join("prog.il").is_file() || !name.contains(filter) {
            continue;
        }
        let read = |f: &str| std::fs::read(path.join(f)).map_err(|e| format!("{name}/{f}: {e}"));
        let rc_text = String::from_utf8_lossy(&read("expected.rc")?)
            .trim()
            .to_string();
        let expected_rc = rc_text
            .parse()
            .map_err(|_| format!("{name}/expected.rc: not a number: {rc_text:?}"))?;
        let stdin = path.join("stdin");
        cases.push(Case {
            il: path.join("prog.il"),
            expected_stdout: read("expected.stdout")?,
            expected_rc,
            stdin: stdin.is_file().then_some(stdin),
            name,
        });
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(cases)
}

/// Whether arm64 Linux programs can be built and run on this host.
/// Every `prog.il` below the `tiers` folders of `shared` (e.g. `corpus/core`, `demos`), sorted,
/// keeping those whose path contains `$VIPER_CORPUS_FILTER`.
pub fn corpus_programs(shared: &Path, tiers: &[&str]) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for tier in tiers {
        if let Ok(entries) = std::fs::read_dir(shared.join(tier)) {
            for e in entries.flatten() {
                let p = e.path().join("prog.il");
                if p.is_file() {
                    v.push(p);
                }
            }
        }
    }
    let filter = std::env::var("VIPER_CORPUS_FILTER").unwrap_or_default();
    v.retain(|p| p.to_string_lossy().contains(&filter));
    v.sort();
    v
}

/// The IL module of `path` when it parses and verifies (`Ok(None)`: the front end rejects it, so
/// there is nothing to compile).
pub fn load_verified(path: &Path) -> Result<Option<il::Module>, String> {
    let src = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let name = path.display().to_string();
    let Ok(module) = il::parse(&src, &name) else {
        return Ok(None);
    };
    if il::verify(&module).is_err() {
        return Ok(None);
    }
    Ok(Some(module))
}

/// A corpus program's name: the folder its `prog.il` is in.
pub fn program_stem(path: &Path) -> String {
    path.parent()
        .and_then(|p| p.file_name())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The output (stdout, then stderr) of a `gdb-multiarch --batch` session that runs `script`
/// against `exe` started under `qemu-aarch64 -g port`; the script file is written to `dir`.
pub fn gdb_session(exe: &Path, script: &str, dir: &Path, port: u32) -> Result<String, String> {
    let mut qemu = Command::new("qemu-aarch64")
        .args(["-g", &port.to_string()])
        .arg(exe)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("qemu-aarch64: {e}"))?;
    let file = dir.join(format!("script-{port}.gdb"));
    let full =
        format!("set pagination off\nset confirm off\ntarget remote :{port}\n{script}kill\n");
    std::fs::write(&file, full).map_err(|e| e.to_string())?;
    let out = Command::new("gdb-multiarch")
        .args(["--batch", "-nx", "-x"])
        .arg(&file)
        .arg(exe)
        .stdin(Stdio::null())
        .output();
    let _ = qemu.kill();
    let _ = qemu.wait();
    let out = out.map_err(|e| format!("gdb-multiarch: {e}"))?;
    // gdb errors go to stderr (appended after the rest).
    Ok(format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}

/// Whether `tool --version` runs and succeeds.
pub fn have_tool(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

pub fn native_toolchain_available() -> bool {
    codegen_api::link::native_ready("aarch64", codegen_api::TargetOs::Linux)
}

/// Command-line settings used to build cases: Linux, everything else from defaults.
pub fn linux_args() -> CommonArgs {
    CommonArgs {
        os: Some("linux".into()),
        ..CommonArgs::default()
    }
}

/// Build the runtime archive once (it is cached), before workers start using it.
pub fn warm_runtime(any_input: &Path, args: &CommonArgs) -> Result<(), String> {
    let (resolved, target, opts) =
        viper_cli::build::prepare(any_input, Some("arm64".into()), args, DebugFlags::default())
            .map_err(|f| f.0)?;
    let native = viper_cli::native::Native::new(target.info(), &opts, &resolved.settings)
        .map_err(|f| f.0)?;
    native.runtime_archive().map(drop).map_err(|f| f.0)
}

/// Compile and link `case` into `dir/prog`, as `viper codegen -o` does (straight to an object
/// unless the settings say `via_asm`).
fn build(case: &Case, dir: &Path, args: &CommonArgs) -> Result<(PathBuf, Command), String> {
    let compiled = viper_cli::build::compile_to(
        &case.il,
        Some("arm64".into()),
        args,
        DebugFlags::default(),
        viper_cli::build::Want::Object,
    )
    .map_err(|f| format!("compile: {}", f.0))?;
    let exe = compiled
        .build_executable(dir)
        .map_err(|f| format!("build: {}", f.0))?;
    let cmd = compiled
        .native()
        .and_then(|n| n.run_command(&exe, &[]))
        .map_err(|f| f.0)?;
    Ok((exe, cmd))
}

fn timeout() -> Duration {
    let secs = std::env::var("VIPER_TEST_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    Duration::from_secs(secs)
}

/// What a built program did: stdout, stderr and exit status.
#[derive(Debug, Clone)]
pub struct RunOutput {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub rc: i32,
}

/// Where the suites keep their build and work directories: `target/conformance-tmp`, not `/tmp`,
/// so that the programs under test (which see `/tmp` as their temporary directory, e.g. a file
/// watcher on it) do not observe the harness's own files. The C compiler driver is pointed there
/// too (`TMPDIR`, set once before any worker starts).
pub fn scratch_root() -> PathBuf {
    static ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let d = repo_root().join("target").join("conformance-tmp");
        let _ = std::fs::create_dir_all(&d);
        d
    })
    .clone()
}

/// Build `case.il` with `args` and run it (stdin from `case.stdin`, in an empty directory, with the
/// time limit); `Err` describes a build failure or timeout.
pub fn build_and_run(case: &Case, args: &CommonArgs) -> Result<RunOutput, String> {
    let root = scratch_root();
    let build_dir = tempfile::tempdir_in(&root).map_err(|e| e.to_string())?;
    let work_dir = tempfile::tempdir_in(&root).map_err(|e| e.to_string())?;
    let (_exe, mut cmd) = build(case, build_dir.path(), args)?;
    let stdin = match &case.stdin {
        Some(p) => {
            Stdio::from(std::fs::File::open(p).map_err(|e| format!("{}: {e}", p.display()))?)
        }
        None => Stdio::null(),
    };
    // As the corpus was produced: local time UTC, no TMPDIR (temporary files under /tmp).
    let mut child = cmd
        .current_dir(work_dir.path())
        .env("TZ", "UTC")
        .env_remove("TMPDIR")
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run: {e}"))?;
    let mut out_pipe = child.stdout.take().ok_or("no stdout pipe")?;
    let mut err_pipe = child.stderr.take().ok_or("no stderr pipe")?;
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out_pipe.read_to_end(&mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err_pipe.read_to_end(&mut v);
        v
    });
    let deadline = Instant::now() + timeout();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("timed out after {:?}", timeout()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("wait: {e}")),
        }
    };
    Ok(RunOutput {
        stdout: out_reader.join().unwrap_or_default(),
        stderr: err_reader.join().unwrap_or_default(),
        rc: codegen_api::link::exit_code(status),
    })
}

/// Build and run one case; `Err` describes the mismatch.
pub fn run_case(case: &Case, args: &CommonArgs) -> Result<(), String> {
    let RunOutput { stdout, stderr, rc } = build_and_run(case, args)?;
    let mut problems = Vec::new();
    if rc != case.expected_rc {
        problems.push(format!("exit {rc}, expected {}", case.expected_rc));
    }
    if stdout != case.expected_stdout {
        problems.push(first_difference(&stdout, &case.expected_stdout));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        let err_text = String::from_utf8_lossy(&stderr);
        let err_line = err_text.lines().next().unwrap_or("");
        if !err_line.is_empty() {
            problems.push(format!("stderr: {err_line}"));
        }
        Err(problems.join("; "))
    }
}

/// Where two outputs first differ, for the failure report.
pub fn first_difference(got: &[u8], want: &[u8]) -> String {
    let at = got
        .iter()
        .zip(want)
        .position(|(a, b)| a != b)
        .unwrap_or(got.len().min(want.len()));
    let line = want[..at.min(want.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1;
    let snippet = |v: &[u8]| {
        let end = (at + 40).min(v.len());
        format!("{:?}", String::from_utf8_lossy(&v[at.min(v.len())..end]))
    };
    format!(
        "stdout differs at byte {at} (line {line}): got {} expected {} ({} vs {} bytes)",
        snippet(got),
        snippet(want),
        got.len(),
        want.len()
    )
}

/// Result of a suite.
#[derive(Debug, Default)]
pub struct Report {
    pub passed: usize,
    /// (name, reason), sorted by name.
    pub failed: Vec<(String, String)>,
}

/// The programs of a tier that are known to fail, with the evidence why, read from
/// `tests/known_failures/<tier>.txt` (lines `name  reason`; `#` starts a comment).
pub fn known_failures(tier: &str) -> Vec<(String, String)> {
    read_list(&format!("{tier}.txt"))
}

/// Programs whose expected output depends on the machine (timing, other processes' files in
/// `/tmp`): `tests/known_failures/<tier>.flaky`. A mismatch is reported as FLAKY, not a failure.
pub fn machine_dependent(tier: &str) -> Vec<(String, String)> {
    read_list(&format!("{tier}.flaky"))
}

fn read_list(file: &str) -> Vec<(String, String)> {
    let path = repo_root().join("tests").join("known_failures").join(file);
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((n, why)) => (n.to_string(), why.trim().to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

impl Report {
    /// Split the failures into the expected ones (listed in `known`, returned) and the rest (kept);
    /// a listed program that passed is an error too (the list must shrink when a fix lands).
    pub fn apply_known(&mut self, known: &[(String, String)], ran: &[String]) -> Vec<String> {
        let listed = |n: &str| known.iter().any(|(k, _)| k == n);
        let mut expected = Vec::new();
        self.failed.retain(|(n, _)| {
            if listed(n) {
                expected.push(n.clone());
                false
            } else {
                true
            }
        });
        for (k, _) in known {
            if ran.contains(k) && !expected.contains(k) {
                self.failed.push((
                    k.clone(),
                    "passes but is listed in tests/known_failures: remove it from the list".into(),
                ));
                self.passed = self.passed.saturating_sub(1);
            }
        }
        self.failed.sort();
        expected
    }
}

impl Report {
    /// `label: N passed, M failed` and the failing names with reasons.
    pub fn print(&self, label: &str) {
        for (name, why) in &self.failed {
            println!("FAIL {label}/{name}: {why}");
        }
        println!(
            "{label}: {} passed, {} failed",
            self.passed,
            self.failed.len()
        );
    }
}

fn jobs() -> usize {
    std::env::var("VIPER_TEST_JOBS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
                .clamp(2, 4)
        })
}

/// Run every case on worker threads.
pub fn run_all(cases: &[Case], args: &CommonArgs) -> Report {
    let next = AtomicUsize::new(0);
    let report = Mutex::new(Report::default());
    std::thread::scope(|s| {
        for _ in 0..jobs().min(cases.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(case) = cases.get(i) else { break };
                let result = run_case(case, args);
                let mut r = report.lock().unwrap_or_else(|p| p.into_inner());
                match result {
                    Ok(()) => r.passed += 1,
                    Err(why) => r.failed.push((case.name.clone(), why)),
                }
            });
        }
    });
    let mut r = report.into_inner().unwrap_or_else(|p| p.into_inner());
    r.failed.sort();
    r
}

/// Run the suite in `shared/<rel>` (skipping with a notice when the folder or the toolchain is
/// missing); returns whether it may be counted as passing.
pub fn run_suite(label: &str, rel: &str) -> Option<Report> {
    run_suite_with(label, rel, &linux_args(), |_| true)
}

/// Check every register allocation of this process (`VIPER_RA_CHECK=1`: regalloc2's checker
/// on Ion's and Fastalloc's output, ours on the linear scan's) unless the environment already
/// says; call before any worker thread starts.
pub fn check_allocations() {
    if std::env::var_os("VIPER_RA_CHECK").is_none() {
        std::env::set_var("VIPER_RA_CHECK", "1");
    }
}

/// Like [`run_suite`], building with `args` and keeping only the cases `keep` accepts.
pub fn run_suite_with(
    label: &str,
    rel: &str,
    args: &CommonArgs,
    keep: impl Fn(&Case) -> bool,
) -> Option<Report> {
    let Some(shared) = shared_dir() else {
        println!("NOTICE: ../shared not found; {label} suite skipped");
        return None;
    };
    // Child processes of the build (the C compiler driver) keep their temporary files out of
    // /tmp; set before any worker thread starts.
    std::env::set_var("TMPDIR", scratch_root());
    check_allocations();
    if !native_toolchain_available() {
        println!("NOTICE: arm64 toolchain (aarch64-linux-gnu-gcc + qemu-aarch64) missing; {label} suite skipped");
        return None;
    }
    let dir = shared.join(rel);
    let filter = std::env::var("VIPER_CORPUS_FILTER").unwrap_or_default();
    let cases = match load_cases(&dir, &filter) {
        Ok(c) => c.into_iter().filter(|c| keep(c)).collect::<Vec<_>>(),
        Err(e) => {
            println!("NOTICE: {label}: {e}; suite skipped");
            return None;
        }
    };
    if let Some(first) = cases.first() {
        if let Err(e) = warm_runtime(&first.il, args) {
            let mut r = Report::default();
            r.failed.push(("(runtime)".into(), e));
            return Some(r);
        }
    }
    let start = Instant::now();
    let mut report = run_all(&cases, args);
    println!(
        "{label}: {} programs in {:.1?}",
        cases.len(),
        start.elapsed()
    );
    let ran: Vec<String> = cases.iter().map(|c| c.name.clone()).collect();
    let known = known_failures(label);
    for name in report.apply_known(&known, &ran) {
        let why = known
            .iter()
            .find(|(k, _)| *k == name)
            .map_or("", |(_, w)| w);
        println!("XFAIL {label}/{name}: {why}");
    }
    let flaky = machine_dependent(label);
    report.failed.retain(|(name, why)| {
        let listed = flaky.iter().any(|(k, _)| k == name);
        if listed {
            println!("FLAKY {label}/{name} (machine-dependent output, not counted): {why}");
        }
        !listed
    });
    Some(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn difference_reports_position() {
        let d = first_difference(b"ab\ncX", b"ab\ncd");
        assert!(d.starts_with("stdout differs at byte 4 (line 2)"), "{d}");
        let d = first_difference(b"ab", b"abc");
        assert!(d.contains("byte 2"), "{d}");
    }

    #[test]
    fn loads_cases_sorted_with_stdin() {
        let dir = tempfile::tempdir().unwrap();
        for (n, stdin) in [("b", false), ("a", true)] {
            let d = dir.path().join(n);
            std::fs::create_dir(&d).unwrap();
            std::fs::write(d.join("prog.il"), "").unwrap();
            std::fs::write(d.join("expected.stdout"), "x").unwrap();
            std::fs::write(d.join("expected.rc"), "7\n").unwrap();
            if stdin {
                std::fs::write(d.join("stdin"), "k").unwrap();
            }
        }
        let cases = load_cases(dir.path(), "").unwrap();
        assert_eq!(load_cases(dir.path(), "b").unwrap().len(), 1);
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].name, "a");
        assert!(cases[0].stdin.is_some() && cases[1].stdin.is_none());
        assert_eq!(cases[1].expected_rc, 7);
    }
}
