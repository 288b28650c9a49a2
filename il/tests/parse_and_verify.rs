//! `il::parse_and_verify`, which checks each function as soon as its body is parsed, gives what
//! `il::parse` followed by `il::verify` gives: the same parse errors, or the same module and the
//! same verdict — on hand-written modules that exercise what the per-function checks read of
//! the module (signatures of functions, externs and runtime functions, globals, names only a
//! body mentions, the release rule), and on every corpus program and thousands of mutants of
//! them (lines deleted, repeated, swapped, tokens changed).

mod common;

/// Both ways of reading `src` agree.
fn agree(src: &str, what: &str) {
    let fused = il::parse_and_verify(src, "t.il");
    let serial = il::parse(src, "t.il").map(|m| {
        let v = il::verify(&m);
        (m, v)
    });
    assert_eq!(fused, serial, "{what}:\n{src}");
}

#[test]
fn hand_written_modules_agree() {
    let cases = [
        // A function's header wins over its extern; a runtime function called without an
        // extern (a name only bodies mention); a global's address; an unknown callee.
        "il 0.2.0\nextern @f(i64) -> i64\nglobal const str @g = \"x\"\n\
         func @main() -> i64 {\nentry:\n  %a = call @f(1)\n  %b = call @rt_abs_i64(2)\n  \
         %p = gaddr @g\n  %q = call @nowhere(3)\n  ret 0\n}\n\
         func @f(%x: f64) -> f64 {\nentry(%x: f64):\n  ret %x\n}\n",
        // Wrong argument types and counts to declared, defined and runtime callees.
        "il 0.2.0\nextern @e(ptr) -> void\n\
         func @main() -> i64 {\nentry:\n  call @e(1)\n  %r = call @rt_abs_i64(1, 2)\n  \
         %s = call @h(%r)\n  ret %s\n}\n\
         func @h(%x: f64) -> i64 {\nentry(%x: f64):\n  ret 0\n}\n",
        // The release rule, its helper named only in bodies.
        "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  %a = call @rt_arr_i32_new(4)\n  \
         call @rt_arr_i32_release(%a)\n  call @rt_arr_i32_release(%a)\n  ret 0\n}\n",
        // Module-level rules: extern against definition and runtime, @main's parameters.
        "il 0.2.0\nextern @k(i64) -> i64\nextern @rt_abs_i64(ptr) -> ptr\n\
         func @k(%x: f64) -> i64 {\nentry(%x: f64):\n  ret 0\n}\n\
         func @main(%y: i64) -> i64 {\nentry(%y: i64):\n  ret %y\n}\n",
        // Addresses of unknown symbols, an indirect call through a function's address.
        "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  %p = addr_of @zz\n  \
         %q = addr_of @main\n  %r = call.indirect @main()\n  ret %r\n}\n",
        // Type and SSA errors in several functions.
        "il 0.2.0\nfunc @a() -> i64 {\nentry:\n  %x = fadd 1, 2\n  ret %x\n}\n\
         func @b() -> i64 {\nentry:\n  cbr true, l, m\nl:\n  %v = iadd.ovf 1, 2\n  br m\n\
         m:\n  ret %v\n}\n",
        // A parse error: no verdict either way.
        "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  %x = bogus 1\n  ret 0\n}\n",
    ];
    for (k, src) in cases.iter().enumerate() {
        agree(src, &format!("case {k}"));
    }
    // The cases do reach the verifier's rules (a test of this test).
    let v = il::parse_and_verify(cases[2], "t.il")
        .unwrap()
        .1
        .unwrap_err();
    assert!(v.to_string().contains("called twice"), "{v}");
}

#[test]
fn corpus_programs_and_their_mutants_agree() {
    let files = common::corpus_files();
    if files.is_empty() {
        eprintln!("corpus not found; skipping");
        return;
    }
    let subs = [
        ("i64", "f64"),
        ("i32", "i64"),
        ("ret ", "br "),
        ("call @", "call @x"),
        ("%", "%q"),
        ("(", ""),
        ("extern @", "extern @rt_"),
        ("func @", "extern @"),
        ("ptr", "str"),
    ];
    // A small deterministic generator (xorshift).
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    let mut verified_errors = 0;
    for path in &files {
        let src = std::fs::read_to_string(path).expect("corpus file is UTF-8");
        agree(&src, &path.display().to_string());
        let lines: Vec<&str> = src.lines().collect();
        for _ in 0..12 {
            let mut l: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
            let (i, j) = (next(l.len()), next(l.len()));
            match next(4) {
                0 => {
                    l.remove(i);
                }
                1 => l.insert(j, lines[i].to_string()),
                2 => l.swap(i, j),
                _ => {
                    let (a, b) = subs[next(subs.len())];
                    l[i] = l[i].replacen(a, b, 1);
                }
            }
            let text = l.join("\n");
            agree(&text, &path.display().to_string());
            verified_errors += verdict_errors(&text);
        }
    }
    // Some mutants parse and fail verification: the comparison covered the verifier.
    assert!(verified_errors > 0);
}

/// 1 when `src` parses and fails verification.
fn verdict_errors(src: &str) -> usize {
    match il::parse_and_verify(src, "t.il") {
        Ok((_, Err(_))) => 1,
        _ => 0,
    }
}
