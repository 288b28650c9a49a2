//! Property test (harness-less): what `viper verify` accepts, the arm64 backend compiles and the
//! assemblers accept, on Linux and on Darwin; what it rejects, it rejects with located
//! diagnostics. Modules are random valid programs from `il_interp::gen` and small corpus
//! programs, each put through 0–4 random text mutations (line deletion/duplication/swap, `@name`,
//! `%name`, type, literal and opcode substitutions, result annotations, `@main`'s signature,
//! trailing operands, inserted instructions, truncation).
//!
//! For every case, in-process through the library APIs:
//! - `il::parse` or `il::verify` fails → every diagnostic has a line and column inside the text
//!   (or just past its end), and at least one diagnostic is reported;
//! - both succeed → `Target::compile` succeeds for `--os linux` and `--os darwin` and the text
//!   assembles with `codegen_api::link::Toolchain::assemble` (what `-S` and `-o x.o` do).
//!
//! Environment: `VIPER_CONTRACT_CASES` (default 300), `VIPER_CONTRACT_SEED` (default 1),
//! `VIPER_CONTRACT_OUT` (folder for failing modules, default `$TMPDIR/viper-contract`). Prints
//! the counts of parse errors, verify errors and compiled modules, then
//! `verify-contract: N passed, M failed`, and exits 1 on any failure.

use codegen_api::{link::Toolchain, CodegenOptions, TargetOs};
use il_interp::gen::Rng;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Small corpus programs (empty when `../shared` is absent).
fn corpus_seeds() -> Vec<String> {
    let Some(shared) = viper_tests::shared_dir() else {
        return Vec::new();
    };
    let mut paths = Vec::new();
    for tier in ["corpus/core", "corpus/extended", "corpus/system"] {
        if let Ok(entries) = std::fs::read_dir(shared.join(tier)) {
            for e in entries.flatten() {
                let p = e.path().join("prog.il");
                if p.is_file() {
                    paths.push(p);
                }
            }
        }
    }
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter(|s| s.len() < 8_000)
        .collect()
}

/// Hand-made modules around the contract's edges (each valid before mutation).
const EDGE_SEEDS: &[&str] = &[
    "il 0.2.0\nglobal const str @g = \"hi\"\nfunc @f(i64 %a) -> i64 {\nentry(%a: i64):\n  ret %a\n}\nfunc @main() -> i64 {\nentry:\n  %s = const_str @g\n  %p = addr_of @f\n  %q = gaddr @g\n  %r:i64 = call.indirect %p(7)\n  call @Viper.Terminal.Say(%s)\n  ret %r\n}\n",
    "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  %a = alloca 16\n  store i64, %a, 5\n  %v = load i64, %a\n  ret %v\n}\n",
    "il 0.2.0\nextern @rt_arr_i32_release(ptr) -> void\nfunc @main() -> void {\nentry:\n  %p = alloca 8\n  call @rt_arr_i32_release(%p)\n  ret\n}\n",
    "il 0.2.0\nfunc @helper() -> void {\nentry:\n  ret\n}\n",
    "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  eh.push ^h\n  %x = iadd.ovf 9223372036854775807, 1\n  eh.pop\n  ret %x\nhandler ^h(%err:Error, %tok:ResumeTok):\n  eh.entry\n  resume.label %tok, ^out\nout:\n  eh.pop\n  ret 1\n}\n",
];

const NAMES: &[&str] = &[
    "@main",
    "@nosuch",
    "@f",
    "@g",
    "@.L0",
    "@Viper.Terminal.Say",
    "@Viper.Terminal.PrintI64",
    "@rt_str_release_maybe",
    "@rt_arr_i32_release",
    "@Viper.String.Concat",
];
const TYPES: &[&str] = &[
    "void",
    "i1",
    "i16",
    "i32",
    "i64",
    "f64",
    "ptr",
    "str",
    "error",
    "resume_tok",
];
const LITERALS: &[&str] = &[
    "0",
    "1",
    "-1",
    "2147483648",
    "-9223372036854775808",
    "9223372036854775807",
    "1073741824",
    "1099511627776",
    "4294967296",
    "65536",
    "1.5",
    "NaN",
    "true",
    "null",
    "\"s\"",
];
const INSERTS: &[&str] = &[
    "  %m0 = const_str @nosuch",
    "  %m1 = const_str @main",
    "  %m2 = addr_of @nosuch",
    "  %m3 = gaddr @main",
    "  %m4 = alloca 1073741824",
    "  %m5 = alloca 4294967296",
    "  %m6 = alloca -1",
    "  %m7:i64 = call.indirect @main",
    "  call.indirect %m2, 1",
    "  %m8 = const_null",
    "  %m9:str = const_null",
    "  %m10 = const.f64 1.5",
    "  %m11 = trap.kind",
    "  trap",
    "  eh.pop",
    "  %m12:void = call.indirect %m2",
    "  %m13:i32 = cast.si_narrow.chk 70000",
    "  %m14 = idx.chk 1, 0, 2",
    "  %m15 = load str, null",
    "  store ptr, %m2, @nosuch",
    "  call @Viper.Terminal.Say(\"x\")",
    "  call @rt_str_release_maybe(%m0)",
    "  %m16 = const.f64 2.5\n  %m17 = const.f64 %m16",
    "  %m18 = addr_of @main\n  %m19:void = call.indirect %m18",
    "  %m20 = addr_of @main\n  %m21:i64 = call.indirect %m20, 1, 2",
    "  %m22 = alloca 8\n  call @rt_arr_i32_release(%m22)\n  call @rt_arr_i32_release(%m22)",
    "  %m23 = alloca 536870912\n  %m24 = alloca 536870912",
    "  .loc 1 2 3",
];

const WEIRD_SYMBOLS: &[&str] = &[
    "@main",
    "@main.il",
    "@vpr_start",
    "@rt_print_i64",
    "@rt_str_concat",
    "@write",
    "@exit",
    "@memcpy",
    "@malloc",
    "@L0",
    "@.L0",
    "@x0",
    "@sp",
    "@b",
    "@_",
    "@a$b#c%d",
    "@f.1",
];
const WEIRD_LABELS: &[&str] = &[
    "L0", ".L0", "x0", "a$b.c-d", "entry_x", "main", "b", "Lf0_b1",
];

/// `line` with every whole occurrence of the name `old` (ending at a non-name character)
/// replaced by `new`.
fn replace_token(line: &str, old: &str, new: &str) -> String {
    let is_name = |c: u8| c.is_ascii_alphanumeric() || b"_.$#%-".contains(&c);
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find(old) {
        let before_ok = i == 0 || !is_name(rest.as_bytes()[i - 1]) || old.starts_with(['@', '%']);
        let after = rest.as_bytes().get(i + old.len()).copied();
        if before_ok && !after.is_some_and(is_name) {
            out.push_str(&rest[..i]);
            out.push_str(new);
        } else {
            out.push_str(&rest[..i + old.len()]);
        }
        rest = &rest[i + old.len()..];
    }
    out.push_str(rest);
    out
}

/// Byte ranges of the tokens of `line` that start with `lead` (`@`/`%` names).
fn sigil_tokens(line: &str, lead: u8) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == lead {
            let s = i;
            i += 1;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b"_.$#".contains(&b[i])) {
                i += 1;
            }
            if i > s + 1 {
                out.push((s, i));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Byte ranges of whole words of `line` that satisfy `pred`.
fn words(line: &str, pred: impl Fn(&str) -> bool) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let is_word = |c: u8| c.is_ascii_alphanumeric() || b"_.-".contains(&c);
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if is_word(b[i]) && (i == 0 || !is_word(b[i - 1]) && !b"%@^".contains(&b[i - 1])) {
            let s = i;
            while i < b.len() && is_word(b[i]) {
                i += 1;
            }
            if pred(&line[s..i]) {
                out.push((s, i));
            }
        } else {
            i += 1;
        }
    }
    out
}

fn replace_one(r: &mut Rng, line: &str, spans: &[(usize, usize)], with: &str) -> Option<String> {
    if spans.is_empty() {
        return None;
    }
    let (s, e) = *r.pick(spans);
    Some(format!("{}{}{}", &line[..s], with, &line[e..]))
}

/// Apply one random mutation to `lines` (no-op when the chosen mutation does not apply).
fn mutate(r: &mut Rng, lines: &mut Vec<String>) {
    if lines.is_empty() {
        lines.push("il 0.2.0".into());
        return;
    }
    let n = lines.len();
    let k = r.below(n);
    let mnemonics: Vec<&str> = il::ALL_OPCODES.iter().map(|o| o.mnemonic()).collect();
    match r.below(18) {
        0 => {
            lines.remove(k);
        }
        1 => {
            let l = lines[k].clone();
            lines.insert(r.below(n + 1), l);
        }
        2 => lines.swap(k, r.below(n)),
        3 => {
            // Another `@name`: one from the module or from the pool.
            let spans = sigil_tokens(&lines[k], b'@');
            let from_module = lines
                .get(r.below(n))
                .map(|l| {
                    sigil_tokens(l, b'@')
                        .into_iter()
                        .map(|(s, e)| l[s..e].to_string())
                })
                .and_then(|mut it| it.next());
            let name = match from_module {
                Some(m) if r.chance(50) => m,
                _ => r.pick(NAMES).to_string(),
            };
            if let Some(l) = replace_one(r, &lines[k], &spans, &name) {
                lines[k] = l;
            }
        }
        4 => {
            // Another `%name` defined somewhere in the module.
            let spans = sigil_tokens(&lines[k], b'%');
            let other = r.below(n);
            let names: Vec<String> = sigil_tokens(&lines[other], b'%')
                .into_iter()
                .map(|(s, e)| lines[other][s..e].to_string())
                .collect();
            if !names.is_empty() {
                let name = r.pick(&names).clone();
                if let Some(l) = replace_one(r, &lines[k], &spans, &name) {
                    lines[k] = l;
                }
            }
        }
        5 => {
            let spans = words(&lines[k], |w| TYPES.contains(&w));
            let t = *r.pick(TYPES);
            if let Some(l) = replace_one(r, &lines[k], &spans, t) {
                lines[k] = l;
            }
        }
        6 => {
            let spans = words(&lines[k], |w| {
                w.bytes().next().is_some_and(|c| c.is_ascii_digit())
                    || w == "true"
                    || w == "false"
                    || w == "null"
            });
            let lit = *r.pick(LITERALS);
            if let Some(l) = replace_one(r, &lines[k], &spans, lit) {
                lines[k] = l;
            }
        }
        7 => {
            let spans = words(&lines[k], |w| mnemonics.contains(&w));
            let m = *r.pick(&mnemonics);
            if let Some(l) = replace_one(r, &lines[k], &spans, m) {
                lines[k] = l;
            }
        }
        8 => {
            // Add or change a result annotation.
            let l = &lines[k];
            if let Some(eq) = l.find(" = ") {
                let name_end = l[..eq].find(':').unwrap_or(eq);
                let t = *r.pick(TYPES);
                lines[k] = format!("{}:{t}{}", &l[..name_end], &l[eq..]);
            }
        }
        9 => {
            // @main's signature: parameters, return type, or no @main at all.
            if let Some(i) = lines.iter().position(|l| l.starts_with("func @main(")) {
                let l = lines[i].clone();
                if r.chance(50) && lines.get(i + 1).is_some_and(|e| e == "entry:") {
                    // A parameter in the header and in the entry block: valid but for @main.
                    lines[i + 1] = "entry(%argc: i64):".into();
                }
                lines[i] = match r.below(4) {
                    0 => l
                        .replacen("func @main(", "func @main(i64 %argc, ", 1)
                        .replacen(", )", ")", 1),
                    1 => l.replacen("func @main(", "func @not_main(", 1),
                    2 => {
                        let t = *r.pick(TYPES);
                        match l.find("-> ") {
                            Some(a) => format!("{}-> {t} {{", &l[..a]),
                            None => l,
                        }
                    }
                    _ => l.replacen("func @main(", "func @main(ptr %p", 1),
                };
            }
        }
        10 => {
            // Trailing operands after a call or a callee.
            let l = lines[k].clone();
            if l.contains("call") || l.contains("ret") {
                lines[k] = format!("{l}, %t1");
            }
        }
        11 | 12 => {
            // Insert an instruction inside a function body (after a block label or instruction).
            if let Some(pos) = (0..n)
                .map(|_| r.below(n))
                .find(|&i| lines[i].starts_with("  ") || lines[i].ends_with(':'))
            {
                lines.insert(pos + 1, r.pick(INSERTS).to_string());
            }
        }
        13 => {
            // Truncate the text.
            let keep = r.below(n.max(1));
            lines.truncate(keep);
            if let Some(last) = lines.last_mut() {
                let cut = r.below(last.len() + 1);
                if last.is_char_boundary(cut) {
                    last.truncate(cut);
                }
            }
        }
        14 => {
            // A branch to another label.
            let labels: Vec<String> = lines
                .iter()
                .filter(|l| l.ends_with(':') && !l.starts_with(' '))
                .map(|l| l.split(['(', ':']).next().unwrap_or("").trim().to_string())
                .filter(|l| !l.is_empty())
                .collect();
            let line = lines[k].clone();
            if line.contains("br ") && !labels.is_empty() {
                if let Some(old) = labels.iter().find(|lab| line.contains(lab.as_str())) {
                    let new: &String = r.pick(&labels);
                    lines[k] = line.replacen(old.as_str(), new, 1);
                }
            }
        }
        15 | 16 => {
            // Rename a symbol or a block label everywhere (names that collide with C, assembler
            // or runtime spellings).
            let spans = sigil_tokens(&lines[k], b'@');
            let labels = words(&lines[k], |w| {
                w.bytes().next().is_some_and(|c| c.is_ascii_alphabetic()) && lines[k].ends_with(':')
            });
            let (old, new) = match (spans.first(), labels.first()) {
                (Some(&(s, e)), _) if r.chance(60) || labels.is_empty() => (
                    lines[k][s..e].to_string(),
                    r.pick(WEIRD_SYMBOLS).to_string(),
                ),
                (_, Some(&(s, e))) => {
                    (lines[k][s..e].to_string(), r.pick(WEIRD_LABELS).to_string())
                }
                _ => return,
            };
            for l in lines.iter_mut() {
                *l = replace_token(l, &old, &new);
            }
        }
        _ => {
            // Drop an extern line.
            if let Some(i) = lines.iter().position(|l| l.starts_with("extern ")) {
                lines.remove(i);
            }
        }
    }
}

/// Every diagnostic is located inside the text (or just past its end).
fn located(d: &il::Diagnostics, src: &str) -> Result<(), String> {
    if d.items.is_empty() {
        return Err("rejected without any diagnostic".into());
    }
    let nlines = src.lines().count() as u32;
    for item in &d.items {
        if item.span.line == 0 || item.span.col == 0 || item.span.line > nlines + 1 {
            return Err(format!(
                "unlocated diagnostic {}:{}: {}",
                item.span.line, item.span.col, item.message
            ));
        }
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    ParseError,
    VerifyError,
    Compiled,
}

fn check(
    src: &str,
    tools: &[(TargetOs, Toolchain)],
    dir: &Path,
    id: usize,
) -> Result<Verdict, String> {
    let m = match il::parse(src, "case.il") {
        Ok(m) => m,
        Err(d) => return located(&d, src).map(|_| Verdict::ParseError),
    };
    if let Err(d) = il::verify(&m) {
        return located(&d, src).map(|_| Verdict::VerifyError);
    }
    let target = codegen_api::find_target("arm64").ok_or("arm64 target missing")?;
    for (os, tc) in tools {
        let opts = CodegenOptions {
            os: *os,
            ..CodegenOptions::default()
        };
        let asm = target
            .compile(&m, &opts)
            .map_err(|e| format!("{}: compile: {e}", os.name()))?;
        let s = dir.join(format!("c{id}-{}.s", os.name()));
        let o = dir.join(format!("c{id}-{}.o", os.name()));
        std::fs::write(&s, asm).map_err(|e| e.to_string())?;
        let r = tc.assemble(&s, &o);
        let _ = std::fs::remove_file(&s);
        let _ = std::fs::remove_file(&o);
        r.map_err(|e| format!("{}: assemble: {e}", os.name()))?;
    }
    Ok(Verdict::Compiled)
}

/// The text of case `i`: a seed program and 0–4 mutations, all from `(seed, i)`.
fn case_text(seed: u64, i: usize, corpus: &[String]) -> String {
    let mut r = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
    let base = match r.below(10) {
        0..=3 => il_interp::gen::generate(r.next_u64()),
        4 => r.pick(EDGE_SEEDS).to_string(),
        _ if !corpus.is_empty() => r.pick(corpus).clone(),
        _ => r.pick(EDGE_SEEDS).to_string(),
    };
    let mut lines: Vec<String> = base.lines().map(str::to_string).collect();
    let n_mut = r.below(5);
    for _ in 0..n_mut {
        mutate(&mut r, &mut lines);
    }
    let mut s = lines.join("\n");
    s.push('\n');
    s
}

fn main() {
    let cases = env_u64("VIPER_CONTRACT_CASES", 300) as usize;
    let seed = env_u64("VIPER_CONTRACT_SEED", 1);
    let out_dir = std::env::var_os("VIPER_CONTRACT_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("viper-contract"));
    let mut tools = Vec::new();
    for os in [TargetOs::Linux, TargetOs::Darwin] {
        match Toolchain::discover("aarch64", os, None) {
            Ok(t) => tools.push((os, t)),
            Err(e) => println!(
                "NOTICE: no {} assembler ({e}); only compiling for that OS",
                os.name()
            ),
        }
    }
    let corpus = corpus_seeds();
    let dir = tempfile::tempdir().expect("tempdir");
    let next = AtomicUsize::new(0);
    let counts = Mutex::new([0usize; 3]);
    let failures: Mutex<Vec<(usize, String, String)>> = Mutex::new(Vec::new());
    let start = std::time::Instant::now();
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= cases {
                    break;
                }
                let text = case_text(seed, i, &corpus);
                let r = std::panic::catch_unwind(|| check(&text, &tools, dir.path(), i))
                    .unwrap_or_else(|_| Err("panic".into()));
                match r {
                    Ok(v) => {
                        let k = match v {
                            Verdict::ParseError => 0,
                            Verdict::VerifyError => 1,
                            Verdict::Compiled => 2,
                        };
                        counts.lock().unwrap_or_else(|p| p.into_inner())[k] += 1;
                    }
                    Err(e) => failures
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push((i, e, text)),
                }
            });
        }
    });
    let counts = counts.into_inner().unwrap_or_else(|p| p.into_inner());
    let mut failures = failures.into_inner().unwrap_or_else(|p| p.into_inner());
    failures.sort_by_key(|f| f.0);
    if !failures.is_empty() {
        let _ = std::fs::create_dir_all(&out_dir);
    }
    for (i, e, text) in &failures {
        let p = out_dir.join(format!("seed{seed}-case{i}.il"));
        let _ = std::fs::write(&p, text);
        println!(
            "FAIL case {i} ({}): {}",
            p.display(),
            e.lines().next().unwrap_or("")
        );
    }
    println!(
        "verify-contract: {cases} cases (seed {seed}): {} parse errors, {} verify errors, {} compiled, in {:.1} s",
        counts[0],
        counts[1],
        counts[2],
        start.elapsed().as_secs_f64(),
    );
    println!(
        "verify-contract: {} passed, {} failed",
        cases - failures.len(),
        failures.len()
    );
    if !failures.is_empty() {
        std::process::exit(1);
    }
}
