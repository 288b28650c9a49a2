//! The demo games (`../shared/demos/*`): each is fed its scripted `stdin` and must print exactly
//! `expected.stdout` and exit with `expected.rc`. Harness-less; prints `demos: N passed, M failed`
//! and exits 1 on any failure.

fn main() {
    if let Some(report) = viper_tests::run_suite("demos", "demos") {
        report.print("demos");
        if !report.failed.is_empty() {
            std::process::exit(1);
        }
    }
}
