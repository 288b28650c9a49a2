//! Corpus conformance (harness-less test binary): every program of `../shared/corpus/core` and
//! `../shared/corpus/extended` must print exactly its `expected.stdout` and exit with
//! `expected.rc`, except the extended programs listed in `tests/known_failures/extended.txt`
//! (their expected output holds what the VM read from memory it did not own; the file gives the
//! evidence). `VIPER_CORPUS_FILTER` selects a subset. Prints `core: N passed, M failed` and
//! `extended: N passed, M failed`; exits 1 if any program fails.

fn main() {
    let mut ok = true;
    for (label, rel) in [("core", "corpus/core"), ("extended", "corpus/extended")] {
        if let Some(report) = viper_tests::run_suite(label, rel) {
            report.print(label);
            ok &= report.failed.is_empty();
        }
    }
    if !ok {
        std::process::exit(1);
    }
}
