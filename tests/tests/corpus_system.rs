//! System-tier conformance (harness-less test binary): every program of `../shared/corpus/system`
//! (threads, time, files, directories, processes, environment) is built, linked and run in its
//! own empty temporary directory with `TZ=UTC`, no `TMPDIR` and empty stdin, 60 s limit, and
//! must print exactly `expected.stdout` and exit with `expected.rc`, except the programs listed in
//! `tests/known_failures/system.txt` with the evidence why they cannot match. Prints
//! `system: N passed, M failed`; exits 1 if any program fails.

fn main() {
    if let Some(report) = viper_tests::run_suite("system", "corpus/system") {
        report.print("system");
        if !report.failed.is_empty() {
            std::process::exit(1);
        }
    }
}
