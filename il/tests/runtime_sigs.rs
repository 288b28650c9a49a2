//! Tests of the runtime signature table: known rows, aliases, ordering/uniqueness, and (when the
//! shared corpus is present next to the repository) agreement with every corpus `extern` line and
//! every `meta.json` `runtime_calls` name.

use il::runtime_sigs::{all, lookup, names_for_symbol, RuntimeSig};
use il::Type::{self, *};
use std::path::{Path, PathBuf};

fn sig(name: &str) -> &'static RuntimeSig {
    lookup(name).unwrap_or_else(|| panic!("{name} missing from the table"))
}

#[test]
fn known_rows() {
    let s = sig("Viper.Terminal.PrintStr");
    assert_eq!(
        (s.c_symbol, s.params, s.ret),
        ("rt_print_str", &[Str][..], Void)
    );
    let s = sig("Viper.String.Concat");
    assert_eq!(
        (s.c_symbol, s.params, s.ret),
        ("rt_str_concat", &[Str, Str][..], Str)
    );
    // §0.1: the IL declares i32 results for the Parse functions.
    let s = sig("Viper.Core.Parse.Int64");
    assert_eq!(
        (s.c_symbol, s.params, s.ret),
        ("rt_parse_int64", &[Ptr, Ptr][..], I32)
    );
    assert_eq!(sig("Viper.Core.Parse.Double").ret, I32);
    // `obj` is ptr.
    let s = sig("Viper.Collections.List.Get");
    assert_eq!(
        (s.c_symbol, s.params, s.ret),
        ("rt_list_get", &[Ptr, I64][..], Ptr)
    );
    // File functions use i32.
    let s = sig("rt_open_err_vstr");
    assert_eq!((s.params, s.ret), (&[Str, I32, I32][..], I32));
    // Demo table.
    let s = sig("Viper.Terminal.SetColor");
    assert_eq!(
        (s.c_symbol, s.params, s.ret),
        ("rt_term_color_i32", &[I32, I32][..], Void)
    );
    assert_eq!(sig("Viper.Terminal.ReadLine").c_symbol, "rt_term_read_line");
    // The `rt_sin`, `rt_cos` row has two names with two symbols.
    assert_eq!(sig("rt_sin").c_symbol, "rt_sin");
    assert_eq!(sig("rt_cos").c_symbol, "rt_cos");
    // IL-SPEC §10.2 aliases.
    assert_eq!(
        sig("Viper.String.ReleaseMaybe").c_symbol,
        "rt_str_release_maybe"
    );
    assert!(lookup("Viper.Terminal.NoSuchThing").is_none());
    assert!(lookup("").is_none());
    assert!(lookup("viper.terminal.printstr").is_none());
}

#[test]
fn aliases_share_symbol_and_signature() {
    for (a, b) in [
        ("Viper.Terminal.PrintStr", "rt_print_str"),
        ("Viper.String.get_Length", "Viper.String.Length"),
        ("Viper.String.Equals", "rt_str_eq"),
        ("Viper.String.IndexOf", "rt_str_index_of"),
        ("Viper.String.ToLower", "rt_str_lcase"),
        ("Viper.Terminal.Clear", "rt_term_cls"),
        ("Viper.Terminal.InKey", "rt_inkey_str"),
        ("Viper.String.RetainMaybe", "rt_str_retain_maybe"),
    ] {
        assert_eq!(
            sig(a),
            &RuntimeSig {
                il_name: a,
                ..*sig(b)
            },
            "{a} vs {b}"
        );
    }
    let names: Vec<_> = names_for_symbol("rt_str_len").collect();
    assert_eq!(names, ["Viper.String.Length", "Viper.String.get_Length"]);
}

#[test]
fn sorted_unique_and_well_formed() {
    let t = all();
    assert!(t.len() > 1000, "table has only {} rows", t.len());
    for w in t.windows(2) {
        assert!(
            w[0].il_name < w[1].il_name,
            "{} !< {}",
            w[0].il_name,
            w[1].il_name
        );
    }
    for row in t {
        assert_eq!(lookup(row.il_name), Some(row));
        assert!(row.c_symbol.starts_with("rt_"), "{row:?}");
        assert!(!row
            .params
            .iter()
            .any(|p| matches!(p, Void | Error | ResumeTok)));
        assert!(!matches!(row.ret, Error | ResumeTok));
    }
}

#[test]
fn one_signature_per_c_symbol() {
    let mut by_sym: Vec<&RuntimeSig> = all().iter().collect();
    by_sym.sort_by_key(|r| r.c_symbol);
    for w in by_sym.windows(2) {
        if w[0].c_symbol == w[1].c_symbol {
            assert_eq!((w[0].params, w[0].ret), (w[1].params, w[1].ret), "{w:?}");
        }
    }
}

/// The shared contract folder: `$VIPER_SHARED_DIR`, else the nearest ancestor's `shared/` (the repo
/// root's sibling for the main checkout, further up for worktrees).
fn shared_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("VIPER_SHARED_DIR") {
        return Some(PathBuf::from(d));
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared"))
        .find(|d| d.join("corpus").is_dir())
}

/// `prog.il`/`meta.json` files of the corpus and demos.
fn corpus_files(shared: &Path, file: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = Vec::new();
    for tier in ["core", "extended"] {
        if let Ok(rd) = std::fs::read_dir(shared.join("corpus").join(tier)) {
            dirs.extend(rd.flatten().map(|e| e.path()));
        }
    }
    if let Ok(rd) = std::fs::read_dir(shared.join("demos")) {
        dirs.extend(rd.flatten().map(|e| e.path()));
    }
    for d in dirs {
        let p = d.join(file);
        if p.is_file() {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn ty(s: &str) -> Type {
    match s {
        "void" => Void,
        "i1" => I1,
        "i16" => I16,
        "i32" => I32,
        "i64" => I64,
        "f64" => F64,
        "ptr" => Ptr,
        "str" => Str,
        other => panic!("unexpected type {other}"),
    }
}

#[test]
fn corpus_externs_agree() {
    let Some(shared) = shared_dir() else {
        eprintln!("shared corpus not found; skipping");
        return;
    };
    let progs = corpus_files(&shared, "prog.il");
    assert!(!progs.is_empty());
    let mut checked = 0;
    for p in progs {
        let text = std::fs::read_to_string(&p).unwrap();
        for line in text.lines().filter(|l| l.starts_with("extern ")) {
            let rest = line["extern ".len()..].trim().trim_start_matches('@');
            let (name, rest) = rest.split_once('(').unwrap();
            let (params, ret) = rest.split_once(')').unwrap();
            let ret = ty(ret.trim().trim_start_matches("->").trim());
            let params: Vec<Type> = params
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(ty)
                .collect();
            if let Some(s) = lookup(name.trim()) {
                assert_eq!(
                    (s.params, s.ret),
                    (&params[..], ret),
                    "{}: {line}",
                    p.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} externs checked");
}

#[test]
fn meta_runtime_calls_known() {
    let Some(shared) = shared_dir() else {
        eprintln!("shared corpus not found; skipping");
        return;
    };
    for p in corpus_files(&shared, "meta.json") {
        let text = std::fs::read_to_string(&p).unwrap();
        // Minimal extraction of the `runtime_calls` string array (no JSON dependency).
        let Some(start) = text.find("\"runtime_calls\"") else {
            continue;
        };
        let list = &text[start..];
        let list = &list[list.find('[').unwrap() + 1..list.find(']').unwrap()];
        for name in list
            .split(',')
            .map(|s| s.trim().trim_matches('"'))
            .filter(|s| !s.is_empty())
        {
            assert!(
                lookup(name).is_some(),
                "{}: {name} not in the table",
                p.display()
            );
        }
    }
}
