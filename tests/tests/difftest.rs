//! Differential test (harness-less): random valid IL programs from `il_interp::gen` are run by the
//! reference interpreter and, compiled by the arm64 backend at -O2, at -O0, and at -O2 with the
//! linear scan (`--regalloc linear`), under qemu, with every allocation checked
//! (`VIPER_RA_CHECK=1`); stdout and exit status must agree. A mismatching program is kept in the
//! output folder (path and seed are printed with the first differing lines) and shrunk with
//! `il_interp::minimize` to a `seed-N.min.il` beside it.
//!
//! Environment: `VIPER_DIFFTEST_SEEDS` (default 120), `VIPER_DIFFTEST_START` (first seed, default
//! 0), `VIPER_DIFFTEST_OUT` (folder for failing programs, default `$TMPDIR/viper-difftest`),
//! `VIPER_DIFFTEST_MINIMIZE=0` to skip minimisation, `VIPER_DIFFTEST_MIN_SECS` (default 90) and
//! `VIPER_DIFFTEST_MIN_BUDGET` (default 300 candidate runs) to bound it. Prints `difftest: N passed, M failed`; exits 1
//! on any failure.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use viper_cli::args::CommonArgs;
use viper_tests::{build_and_run, Case};

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn levels() -> Vec<(&'static str, CommonArgs)> {
    // The generated functions are small, so at -O2 they get Ion; "O2-linear" puts every one
    // through the linear scan that larger functions get.
    [
        ("O2", 2u8, None),
        ("O0", 0u8, None),
        ("O2-linear", 2u8, Some("linear")),
    ]
    .into_iter()
    .map(|(label, o, ra)| {
        let mut a = viper_tests::linux_args();
        a.o = Some(o);
        a.regalloc = ra.map(String::from);
        (label, a)
    })
    .collect()
}

/// The interpreter's answer for `m` (None if it cannot give one).
fn oracle(m: &il::Module, steps: u64) -> Result<il_interp::Outcome, String> {
    il_interp::run_with_limit(m, steps).map_err(|e| format!("interpreter: {e}"))
}

/// First differing lines of two outputs, for the report.
fn line_diff(got: &[u8], want: &[u8]) -> String {
    let (g, w) = (String::from_utf8_lossy(got), String::from_utf8_lossy(want));
    let (gl, wl): (Vec<&str>, Vec<&str>) = (g.lines().collect(), w.lines().collect());
    let at = gl
        .iter()
        .zip(&wl)
        .position(|(a, b)| a != b)
        .unwrap_or(gl.len().min(wl.len()));
    let show = |v: &[&str]| {
        v.iter()
            .skip(at)
            .take(3)
            .copied()
            .collect::<Vec<_>>()
            .join(" | ")
    };
    format!(
        "line {}: expected [{}] got [{}]",
        at + 1,
        show(&wl),
        show(&gl)
    )
}

/// Compile `il` at `args`, run it and compare with `want`; `Err` describes the mismatch.
fn check(il: &Path, want: &il_interp::Outcome, args: &CommonArgs) -> Result<(), String> {
    let case = Case {
        name: il.display().to_string(),
        il: il.to_path_buf(),
        expected_stdout: want.stdout.clone(),
        expected_rc: want.exit_code,
        stdin: None,
    };
    let got = build_and_run(&case, args)?;
    let mut problems = Vec::new();
    if got.rc != want.exit_code {
        problems.push(format!("exit {} expected {}", got.rc, want.exit_code));
    }
    if got.stdout != want.stdout {
        problems.push(line_diff(&got.stdout, &want.stdout));
    }
    if problems.is_empty() {
        return Ok(());
    }
    if let Some(t) = &want.trap {
        problems.push(format!("interpreter trapped: {}", t.message()));
    }
    let err = String::from_utf8_lossy(&got.stderr);
    if let Some(l) = err.lines().next() {
        problems.push(format!("stderr: {l}"));
    }
    Err(problems.join("; "))
}

struct Failure {
    seed: u64,
    level: usize,
    path: PathBuf,
    why: String,
}

/// Run one seed; failures are (level index or usize::MAX for a generator/interpreter problem, why).
fn run_seed(seed: u64, dir: &Path, levels: &[(&str, CommonArgs)]) -> Vec<Failure> {
    let text = il_interp::gen::generate(seed);
    let path = dir.join(format!("seed-{seed}.il"));
    let fail = |level, why: String| Failure {
        seed,
        level,
        path: path.clone(),
        why,
    };
    if let Err(e) = std::fs::write(&path, &text) {
        return vec![fail(
            usize::MAX,
            format!("cannot write {}: {e}", path.display()),
        )];
    }
    let m = match il::parse(&text, "gen.il") {
        Ok(m) => m,
        Err(e) => return vec![fail(usize::MAX, format!("generator bug, parse: {e:?}"))],
    };
    if let Err(e) = il::verify(&m) {
        return vec![fail(usize::MAX, format!("generator bug, verify: {e:?}"))];
    }
    let want = match oracle(&m, il_interp::DEFAULT_STEP_LIMIT) {
        Ok(o) => o,
        Err(e) => return vec![fail(usize::MAX, e)],
    };
    let failures: Vec<Failure> = levels
        .iter()
        .enumerate()
        .filter_map(|(i, (label, args))| {
            check(&path, &want, args)
                .err()
                .map(|why| fail(i, format!("-{label}: {why}")))
        })
        .collect();
    if failures.is_empty() {
        let _ = std::fs::remove_file(&path);
    }
    failures
}

/// Shrink a failing program while it still mismatches at the failing level.
fn minimize(f: &Failure, args: &CommonArgs, dir: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(&f.path).ok()?;
    let m = il::parse(&text, "gen.il").ok()?;
    let scratch = dir.join(format!("seed-{}.try.il", f.seed));
    let deadline = std::time::Instant::now()
        + std::time::Duration::from_secs(env_u64("VIPER_DIFFTEST_MIN_SECS", 90));
    let mut pred = |cand: &il::Module| {
        if std::time::Instant::now() > deadline {
            return false;
        }
        let Ok(want) = oracle(cand, 2_000_000) else {
            return false;
        };
        if std::fs::write(&scratch, il::print(cand)).is_err() {
            return false;
        }
        check(&scratch, &want, args).is_err()
    };
    let budget = env_u64("VIPER_DIFFTEST_MIN_BUDGET", 300) as usize;
    let small = il_interp::minimize::minimize(&m, budget, &mut pred);
    let _ = std::fs::remove_file(&scratch);
    let out = dir.join(format!("seed-{}.min.il", f.seed));
    std::fs::write(&out, il::print(&small)).ok()?;
    Some(out)
}

fn main() {
    viper_tests::check_allocations();
    if !viper_tests::native_toolchain_available() {
        println!("NOTICE: arm64 toolchain (aarch64-linux-gnu-gcc + qemu-aarch64) missing; difftest skipped");
        return;
    }
    let n = env_u64("VIPER_DIFFTEST_SEEDS", 120);
    let start = env_u64("VIPER_DIFFTEST_START", 0);
    let dir = std::env::var_os("VIPER_DIFFTEST_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("viper-difftest"));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        println!("difftest: cannot create {}: {e}", dir.display());
        std::process::exit(1);
    }
    let levels = levels();
    // Build the runtime archive once before the workers start.
    let warm = dir.join("warm.il");
    let _ = std::fs::write(&warm, il_interp::gen::generate(start));
    for (_, args) in &levels {
        if let Err(e) = viper_tests::warm_runtime(&warm, args) {
            println!("difftest: runtime build failed: {e}");
            std::process::exit(1);
        }
    }
    let _ = std::fs::remove_file(&warm);
    let cases_failed = check_saved_cases(&levels);
    let began = std::time::Instant::now();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let passed = AtomicUsize::new(0);
    let jobs = env_u64("VIPER_TEST_JOBS", 2).max(1) as usize;
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst) as u64;
                if i >= n {
                    break;
                }
                let f = run_seed(start + i, &dir, &levels);
                if f.is_empty() {
                    passed.fetch_add(1, Ordering::SeqCst);
                } else {
                    failures.lock().unwrap_or_else(|p| p.into_inner()).extend(f);
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_else(|p| p.into_inner());
    failures.sort_by_key(|f| (f.seed, f.level));
    let do_min = std::env::var("VIPER_DIFFTEST_MINIMIZE").map_or(true, |v| v != "0");
    let mut minimized = std::collections::BTreeSet::new();
    for f in &failures {
        println!(
            "FAIL difftest seed {} ({}): {}",
            f.seed,
            f.path.display(),
            f.why
        );
        if do_min && f.level != usize::MAX && minimized.len() < 5 && minimized.insert(f.seed) {
            match minimize(f, &levels[f.level].1, &dir) {
                Some(p) => println!("  minimised: {}", p.display()),
                None => println!("  (minimisation failed)"),
            }
        }
    }
    let failed_seeds: std::collections::BTreeSet<u64> = failures.iter().map(|f| f.seed).collect();
    println!(
        "difftest: {n} seeds from {start} in {:.1?}",
        began.elapsed()
    );
    println!(
        "difftest: {} passed, {} failed",
        passed.load(Ordering::SeqCst),
        failed_seeds.len()
    );
    if !failed_seeds.is_empty() || cases_failed > 0 {
        std::process::exit(1);
    }
}

/// The reproducers saved in `tests/difftest_cases/*.il` (programs where the backend once
/// disagreed with the interpreter) must agree at every level; returns how many do not.
fn check_saved_cases(levels: &[(&str, CommonArgs)]) -> usize {
    let dir = viper_tests::repo_root()
        .join("tests")
        .join("difftest_cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "il"));
    files.sort();
    let (mut ok, mut bad) = (0, 0);
    for path in &files {
        let result = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|src| {
                let m = il::parse(&src, &path.display().to_string())
                    .map_err(|d| d.render(&path.display().to_string(), &src))?;
                il::verify(&m).map_err(|d| d.render(&path.display().to_string(), &src))?;
                let want = oracle(&m, il_interp::DEFAULT_STEP_LIMIT)?;
                for (label, args) in levels {
                    check(path, &want, args).map_err(|e| format!("{label}: {e}"))?;
                }
                Ok(())
            });
        match result {
            Ok(()) => ok += 1,
            Err(e) => {
                bad += 1;
                println!("FAIL difftest case {}: {e}", path.display());
            }
        }
    }
    println!("difftest cases: {ok} passed, {bad} failed");
    bad
}
