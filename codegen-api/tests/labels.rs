//! Tests of `labels::LabelMap` with adversarial names: every output is safe, distinct inputs get
//! distinct outputs, repeated queries are stable, safe names keep their spelling.

use codegen_api::labels::{is_asm_safe, LabelMap};
use proptest::prelude::*;
use std::collections::BTreeMap;

const ADVERSARIAL: &[&str] = &[
    "a.b",
    "a_b",
    "a-b",
    "a_2d_b",
    "$x",
    "_24_x",
    "123",
    "_123",
    "F#",
    "F$",
    "F_23_",
    "F_24_",
    "",
    "_",
    "é",
    "_c3__a9_",
    "a b",
    "a\tb",
    "a\0b",
    "x",
    "x.1",
    "_.1",
    "main",
    "entry_F#",
    "L0",
    ".L0",
    "Viper.Terminal.PrintStr",
    "日本",
    "a$",
    "a%",
    "a%%",
    "0",
    "_0",
];

/// Map all names in order; check safety, injectivity and stability.
fn check(map: &mut LabelMap, names: &[&str]) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for n in names {
        let asm = map.name(n).to_string();
        assert!(is_asm_safe(&asm), "{n:?} → {asm:?} is not safe");
        if let Some(prev) = out.get(*n) {
            assert_eq!(prev, &asm, "{n:?} changed its name");
        }
        out.insert(n.to_string(), asm);
    }
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (il, asm) in &out {
        if let Some(other) = seen.insert(asm, il) {
            panic!("{other:?} and {il:?} both map to {asm:?}");
        }
    }
    for (il, asm) in &out {
        assert_eq!(map.get(il), Some(asm.as_str()));
    }
    out
}

#[test]
fn adversarial_names_in_both_orders() {
    let mut fwd = LabelMap::new();
    check(&mut fwd, ADVERSARIAL);
    let rev: Vec<&str> = ADVERSARIAL.iter().rev().copied().collect();
    let mut back = LabelMap::new();
    check(&mut back, &rev);
    // Queries repeated after everything else still give the same names.
    let again = check(&mut fwd, ADVERSARIAL);
    assert_eq!(again.len(), ADVERSARIAL.len());
}

#[test]
fn safe_names_are_identity_and_collisions_are_resolved() {
    let mut m = LabelMap::new();
    assert_eq!(m.name("Viper.Terminal.PrintStr"), "Viper.Terminal.PrintStr");
    assert_eq!(m.name("a_b"), "a_b");
    assert_eq!(m.name("a.b"), "a.b");
    assert_eq!(m.name("a-b"), "a_2d_b");
    // The escaped spelling of `a-b` is taken, so the plain name that happens to equal it is moved.
    assert_eq!(m.name("a_2d_b"), "a_2d_b.1");
    assert_eq!(m.name("123"), "_123");
    assert_eq!(m.name(""), "_");
    assert_eq!(m.name("F#"), "F_23_");
    assert_eq!(m.name("F$"), "F_24_");
    assert_eq!(m.len(), 9);
}

#[test]
fn prepare_keeps_safe_names_whatever_the_order() {
    let mut m = LabelMap::new();
    m.prepare(["a-b", "$x", "a_2d_b", "_24_x", "123", "_123"]);
    assert_eq!(m.get("a_2d_b"), Some("a_2d_b"));
    assert_eq!(m.get("_24_x"), Some("_24_x"));
    assert_eq!(m.get("_123"), Some("_123"));
    assert_eq!(m.get("a-b"), Some("a_2d_b.1"));
    assert_eq!(m.get("$x"), Some("_24_x.1"));
    assert_eq!(m.get("123"), Some("_123.1"));
}

#[test]
fn reserved_names_are_never_produced() {
    let mut m = LabelMap::new();
    assert!(m.reserve("x0"));
    assert!(m.reserve("sp"));
    assert_ne!(m.name("x0"), "x0");
    assert!(is_asm_safe(m.name("x0")));
    assert_eq!(m.name("sp"), "sp.1");
    assert_eq!(m.name("y"), "y");
    assert!(!m.reserve("y"), "y was already produced");
}

#[test]
fn deterministic_across_maps() {
    let mut a = LabelMap::new();
    let mut b = LabelMap::new();
    assert_eq!(check(&mut a, ADVERSARIAL), check(&mut b, ADVERSARIAL));
}

proptest! {
    #[test]
    fn random_names_stay_safe_and_distinct(
        names in proptest::collection::vec("[a-c0-9_.$#é \\-]{0,6}", 0..40)
    ) {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut m = LabelMap::new();
        let out = check(&mut m, &names);
        for (il, asm) in &out {
            if is_asm_safe(il) && asm != il {
                // A safe name may only lose its spelling to an earlier name's escaped form.
                let first = names.iter().position(|n| n == il).unwrap();
                prop_assert!(names[..first].iter().any(|n| out[*n] == **il), "{il:?} → {asm:?}");
            }
        }
        let mut p = LabelMap::new();
        p.prepare(names.iter().copied());
        for n in names.iter().filter(|n| is_asm_safe(n)) {
            prop_assert_eq!(p.get(n), Some(*n));
        }
    }
}
