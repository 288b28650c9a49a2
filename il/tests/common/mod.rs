//! Helpers shared by the integration tests: corpus discovery and span erasure for round-trip
//! comparisons (spans are positions in the text, which printing legitimately changes).
#![allow(dead_code)]

use il::{Module, Span};
use std::path::{Path, PathBuf};

/// Every corpus and demo `prog.il` (empty when `../shared` is absent).
pub fn corpus_files() -> Vec<PathBuf> {
    // `../shared` relative to the repository root (this crate lives in `<root>/il`).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    let mut out = Vec::new();
    for sub in ["corpus/core", "corpus/extended", "demos"] {
        let Ok(rd) = std::fs::read_dir(root.join(sub)) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path().join("prog.il");
            if p.exists() {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A copy of `m` with every source span zeroed.
pub fn without_spans(m: &Module) -> Module {
    let mut m = m.clone();
    let z = Span::default();
    for e in &mut m.externs {
        e.span = z;
    }
    for g in &mut m.globals {
        g.span = z;
    }
    for f in &mut m.functions {
        f.span = z;
        for b in &mut f.blocks {
            b.span = z;
            for i in &mut b.insts {
                i.span = z;
            }
        }
    }
    m
}
