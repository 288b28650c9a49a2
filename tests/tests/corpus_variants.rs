//! Optional passes and register allocators must never change behaviour (harness-less test binary).
//!
//! Builds a deterministic sample of `../shared/corpus/core` (every 6th program by name, plus any
//! selected with `VIPER_CORPUS_FILTER`) under two configurations written as `viper.toml` files:
//! every optional pass of the arm64 target switched off and every setting flipped from its default
//! with the default allocator, and the same at `-O0` (fast allocator). Each program must still print exactly its expected
//! output. Prints `variants: N passed, M failed`.

use std::sync::atomic::{AtomicUsize, Ordering};
use viper_cli::args::CommonArgs;

fn passes_off_toml(opt_level: u8) -> String {
    let target = codegen_api::find_target("arm64").expect("arm64 target is registered");
    let mut toml = format!("[codegen]\nopt_level = {opt_level}\n");
    for pass in target.info().passes {
        toml.push_str(&format!("\n[passes.{}]\nenabled = false\n", pass.name));
    }
    toml.push_str("\n[settings]\n");
    for setting in target.info().settings {
        toml.push_str(&format!("{} = {}\n", setting.name, !setting.default));
    }
    toml
}

fn main() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            println!("variants: 0 passed, 1 failed (tempdir: {e})");
            std::process::exit(1);
        }
    };
    let mut failed = 0;
    let mut passed = 0;
    for (label, opt) in [("passes-off-O2", 2u8), ("passes-off-O0", 0u8)] {
        let cfg = dir.path().join(format!("{label}.toml"));
        if let Err(e) = std::fs::write(&cfg, passes_off_toml(opt)) {
            println!("variants: 0 passed, 1 failed (write config: {e})");
            std::process::exit(1);
        }
        let args = CommonArgs {
            config: Some(cfg),
            ..viper_tests::linux_args()
        };
        let counter = AtomicUsize::new(0);
        let sample =
            |_: &viper_tests::Case| counter.fetch_add(1, Ordering::SeqCst).is_multiple_of(6);
        if let Some(report) = viper_tests::run_suite_with(label, "corpus/core", &args, sample) {
            report.print(label);
            passed += report.passed;
            failed += report.failed.len();
        }
    }
    println!("variants: {passed} passed, {failed} failed");
    if failed > 0 {
        std::process::exit(1);
    }
}
