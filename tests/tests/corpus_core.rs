//! Corpus conformance (harness-less test binary): every program of `../shared/corpus/core` must
//! print exactly its `expected.stdout` and exit with `expected.rc`. Set `VIPER_CORPUS_EXTENDED=1`
//! to also run the `extended` tier (reported, never failing). `VIPER_CORPUS_FILTER` selects a
//! subset. Prints `core: N passed, M failed`; exits 1 if any core program fails.

fn main() {
    let mut ok = true;
    if let Some(report) = viper_tests::run_suite("core", "corpus/core") {
        report.print("core");
        ok = report.failed.is_empty();
    }
    if std::env::var_os("VIPER_CORPUS_EXTENDED").is_some() {
        if let Some(report) = viper_tests::run_suite("extended", "corpus/extended") {
            report.print("extended");
            println!("(extended tier is informational and does not fail the test)");
        }
    }
    if !ok {
        std::process::exit(1);
    }
}
