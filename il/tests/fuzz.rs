//! Robustness: parse + verify (+ print/re-parse when valid) must never panic on random bytes,
//! IL-token soup, or mutated corpus text (line deletion/duplication, byte flips, truncation).

mod common;

use proptest::prelude::*;
use std::sync::OnceLock;

/// Run the whole pipeline; only panics are failures.
fn pipeline(src: &str) {
    if let Ok(m) = il::parse(src, "fuzz.il") {
        let verified = il::verify(&m).is_ok();
        let text = il::print(&m);
        let again = il::parse(&text, "printed.il");
        if verified {
            let again = again.expect("printed text of a verified module must re-parse");
            assert_eq!(common::without_spans(&again), common::without_spans(&m));
        }
    }
}

/// A handful of small corpus programs (empty when the corpus is absent).
fn samples() -> &'static Vec<String> {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        let mut v: Vec<String> = common::corpus_files()
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .filter(|s| s.len() < 12_000)
            .collect();
        v.truncate(40);
        if v.is_empty() {
            v.push(
                "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  %x = iadd.ovf 1, 2\n  br l(%x)\nl(%y: i64):\n  ret %y\n}\n"
                    .to_string(),
            );
        }
        v
    })
}

const TOKENS: &[&str] = &[
    "il",
    "0.2.0",
    "func",
    "@main",
    "@f",
    "(",
    ")",
    "->",
    "i64",
    "i32",
    "i1",
    "f64",
    "str",
    "ptr",
    "void",
    "Error",
    "ResumeTok",
    "{",
    "}",
    "entry:",
    "entry(%a: i64):",
    "next",
    "^h",
    ":",
    ",",
    "%x",
    "%y",
    "%x:i32",
    "=",
    "iadd.ovf",
    "br",
    "cbr",
    "switch.i32",
    "ret",
    "call",
    "load",
    "store",
    "alloca",
    "idx.chk",
    "eh.push",
    "eh.pop",
    "eh.entry",
    "resume.label",
    "trap",
    "handler",
    ".loc",
    "1",
    "-1",
    "0x",
    "0b_",
    "09",
    "1e",
    "NaN",
    "-inf",
    "\"a\\x4\"",
    "\"",
    "\\",
    "true",
    "null",
    "extern",
    "global",
    "const",
    "target",
    "label",
    "9223372036854775808",
    "call.indirect",
    "const_null",
    "trap.from_err",
    "err.get_kind",
    "%err",
    "%tok",
    "\n",
    "\n",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        pipeline(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn token_soup(idx in proptest::collection::vec(0..TOKENS.len(), 0..120)) {
        let mut s = String::from("il 0.2.0\n");
        for i in idx {
            s.push_str(TOKENS[i]);
            s.push(' ');
        }
        pipeline(&s);
    }

    #[test]
    fn mutated_corpus(file in any::<prop::sample::Index>(),
                      ops in proptest::collection::vec((0u8..4, any::<prop::sample::Index>(), any::<u8>()), 1..6)) {
        let src = file.get(samples());
        let mut lines: Vec<String> = src.lines().map(str::to_string).collect();
        for (kind, at, byte) in ops {
            if lines.is_empty() {
                break;
            }
            let i = at.index(lines.len());
            match kind {
                0 => { lines.remove(i); }
                1 => { let l = lines[i].clone(); lines.insert(i, l); }
                2 => {
                    let mut b = lines[i].clone().into_bytes();
                    if !b.is_empty() {
                        let j = at.index(b.len());
                        b[j] ^= byte | 1;
                    }
                    lines[i] = String::from_utf8_lossy(&b).into_owned();
                }
                _ => { lines.truncate(i); }
            }
        }
        pipeline(&lines.join("\n"));
    }
}
