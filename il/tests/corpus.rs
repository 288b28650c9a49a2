//! Every corpus/demo program parses, verifies with zero errors, and round-trips through the
//! printer (parse(print(m)) == m, spans aside), and copies equal (`Module::clone_in_parallel`). Skips when `../shared` is absent.

mod common;

#[test]
fn corpus_parses_verifies_and_round_trips() {
    let files = common::corpus_files();
    if files.is_empty() {
        eprintln!("corpus not found; skipping");
        return;
    }
    let mut failures = Vec::new();
    for path in &files {
        let src = std::fs::read_to_string(path).expect("corpus file is UTF-8");
        let name = path.display().to_string();
        let m = match il::parse(&src, &name) {
            Ok(m) => m,
            Err(d) => {
                failures.push(format!("{name}: parse:\n{}", d.render(&name, &src)));
                continue;
            }
        };
        if let Err(d) = il::verify(&m) {
            failures.push(format!("{name}: verify:\n{}", d.render(&name, &src)));
            continue;
        }
        if m.clone_in_parallel() != m {
            failures.push(format!("{name}: clone_in_parallel differs from the module"));
        }
        let text = il::print(&m);
        match il::parse(&text, "printed") {
            Ok(m2) => {
                if common::without_spans(&m2) != common::without_spans(&m) {
                    failures.push(format!("{name}: round-trip mismatch"));
                }
            }
            Err(d) => failures.push(format!(
                "{name}: re-parse of printed text:\n{}",
                d.render("printed", &text)
            )),
        }
    }
    let shown: Vec<&String> = failures.iter().take(15).collect();
    assert!(
        failures.is_empty(),
        "{} of {} corpus files failed:\n{}",
        failures.len(),
        files.len(),
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    eprintln!("{} corpus files OK", files.len());
}
