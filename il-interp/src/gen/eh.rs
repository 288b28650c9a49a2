//! Exception-handling and string shapes of the program generator (module-level functions that
//! `@main` calls): traps several frames below a caller's handler (values live across the call are
//! printed after `resume.label`), nested handlers, a middle frame that catches and re-raises with
//! `trap.from_err`, `resume.same` after the handler repairs a memory cell the callee reads,
//! `resume.next` over a faulting void call, and runtime strings (`const_str` of globals with
//! escapes and an embedded `\0`, `Concat`, `get_Length`, `ToString_Int`, `Say`).
//!
//! Invariants: handlers resume to a block the normal path also reaches with the same handler
//! stack (IL-SPEC §8.5 rule 19), never fault after resuming in the same frame, and every program
//! still passes `il::verify`; a `Concat` operand is never used again (Concat consumes it).

use super::{int_lit, rand_float, rand_int, Rng};
use std::fmt::Write;

/// The trap-site functions of chain `k`: `@chK_0 .. @chK_d`, the last one faulting.
fn chain(r: &mut Rng, k: usize, out: &mut String) {
    let depth = 1 + r.below(4);
    for j in 0..depth {
        let _ = writeln!(out, "func @ch{k}_{j}(i64 %a, i64 %b) -> i64 {{");
        let _ = writeln!(out, "entry(%a: i64, %b: i64):");
        let c = int_lit(rand_int(r));
        let _ = writeln!(out, "  %t = xor %a, {c}");
        let _ = writeln!(out, "  %u = xor %t, {c}");
        match r.below(4) {
            // A handler pushed and popped again before the call: it must not catch.
            0 => {
                let _ = writeln!(out, "  eh.push ^dead\n  %z = sdiv.chk0 %u, 7\n  eh.pop");
                let _ = writeln!(out, "  .loc 5 {} 1", 10 + j);
                let _ = writeln!(out, "  %r = call @ch{k}_{}(%u, %b)", j + 1);
                let _ = writeln!(out, "  %s = xor %r, %z\n  %s2 = xor %s, %z\n  ret %s2");
                let _ = writeln!(
                    out,
                    "handler ^dead(%err: Error, %tok: ResumeTok):\n  eh.entry"
                );
                let _ = writeln!(out, "  resume.label %tok, ^after(0)\nafter(%w: i64):");
                let _ = writeln!(out, "  ret %w");
            }
            // Catch, report, pop and re-raise with a code derived from the kind.
            1 => {
                let _ = writeln!(out, "  eh.push ^re");
                let _ = writeln!(out, "  .loc 5 {} 1", 20 + j);
                let _ = writeln!(out, "  %r = call @ch{k}_{}(%u, %b)", j + 1);
                let _ = writeln!(out, "  eh.pop\n  ret %r");
                let _ = writeln!(
                    out,
                    "handler ^re(%err: Error, %tok: ResumeTok):\n  eh.entry"
                );
                let _ = writeln!(out, "  %ip = err.get_ip %err");
                let _ = writeln!(out, "  call @Viper.Terminal.SayInt(%ip)");
                let _ = writeln!(out, "  %kd = err.get_kind %err\n  eh.pop");
                let _ = writeln!(out, "  trap.from_err i32 %kd");
            }
            _ => {
                let _ = writeln!(out, "  .loc 5 {} 1", 30 + j);
                let _ = writeln!(out, "  %r = call @ch{k}_{}(%u, %b)", j + 1);
                let _ = writeln!(out, "  %s = isub.ovf %r, 0\n  ret %s");
            }
        }
        let _ = writeln!(out, "}}");
    }
    let _ = writeln!(out, "func @ch{k}_{depth}(i64 %a, i64 %b) -> i64 {{");
    let _ = writeln!(out, "entry(%a: i64, %b: i64):\n  .loc 5 99 2");
    match r.below(6) {
        0 => {
            let _ = writeln!(out, "  %q = sdiv.chk0 %a, %b\n  ret %q");
        }
        1 => {
            let _ = writeln!(out, "  %q = imul.ovf %a, %b\n  ret %q");
        }
        2 => {
            let _ = writeln!(out, "  %q = idx.chk %a, 0, %b\n  ret %q");
        }
        3 => {
            let _ = writeln!(
                out,
                "  %n:i16 = cast.si_narrow.chk %a\n  %q = xor %a, %b\n  ret %q"
            );
        }
        4 => {
            let _ = writeln!(out, "  %c = icmp_eq %b, 0\n  cbr %c, bad, ok(%a, %b)");
            let _ = writeln!(out, "bad:\n  trap.from_err i32 {}", 1 + r.below(10));
            let _ = writeln!(
                out,
                "ok(%x: i64, %y: i64):\n  %q = srem.chk0 %x, %y\n  ret %q"
            );
        }
        _ => {
            let _ = writeln!(
                out,
                "  %p = alloca 16\n  %f = sitofp %b\n  store f64, %p, %f"
            );
            let _ = writeln!(out, "  %g = load f64, %p\n  %h = fdiv 1.0, %g");
            let _ = writeln!(out, "  %q = cast.fp_to_si.rte.chk %h\n  ret %q");
        }
    }
    let _ = writeln!(out, "}}");
}

/// Print the error record of handler `err` (kind/code/line widened through memory, ip).
fn report(out: &mut String, pfx: &str) {
    let _ = writeln!(out, "  {pfx}s = alloca 8");
    for f in ["kind", "code", "line"] {
        let _ = writeln!(out, "  {pfx}{f} = err.get_{f} %err");
        let _ = writeln!(out, "  store i64, {pfx}s, 0\n  store i32, {pfx}s, {pfx}{f}");
        let _ = writeln!(out, "  {pfx}{f}64 = load i64, {pfx}s");
        let _ = writeln!(out, "  call @Viper.Terminal.SayInt({pfx}{f}64)");
    }
    let _ = writeln!(out, "  {pfx}ip = err.get_ip %err");
    let _ = writeln!(out, "  call @Viper.Terminal.SayInt({pfx}ip)");
    let _ = writeln!(
        out,
        "  {pfx}tk = trap.kind\n  call @Viper.Terminal.SayInt({pfx}tk)"
    );
}

/// `@ehcK(i64, i64, f64) -> i64`: calls chain K (and maybe chain K under a nested handler) with
/// values live across the calls, printed after the join.
fn caller(r: &mut Rng, k: usize, out: &mut String) {
    let _ = writeln!(out, "func @ehc{k}(i64 %a, i64 %b, f64 %f) -> i64 {{");
    let _ = writeln!(out, "entry(%a: i64, %b: i64, %f: f64):");
    let n = 4 + r.below(12);
    for i in 0..n {
        if i % 2 == 0 {
            let _ = writeln!(out, "  %l{i} = xor %a, {}", int_lit(rand_int(r)));
        } else {
            let _ = writeln!(out, "  %l{i} = fadd %f, {}", rand_float(r));
        }
    }
    let nested = r.chance(50);
    let _ = writeln!(
        out,
        "  eh.push ^h1\n  .loc 6 1 1\n  %r = call @ch{k}_0(%a, %b)"
    );
    if nested {
        let _ = writeln!(
            out,
            "  eh.push ^h2\n  .loc 6 2 1\n  %r2 = call @ch{k}_0(%b, %a)"
        );
        let _ = writeln!(out, "  eh.pop\n  br mid(%r2)");
        let _ = writeln!(
            out,
            "handler ^h2(%err: Error, %tok: ResumeTok):\n  eh.entry"
        );
        report(out, "%x");
        let _ = writeln!(out, "  resume.label %tok, ^mid(-2)");
        let _ = writeln!(
            out,
            "mid(%m: i64):\n  %mm = or %m, 0\n  eh.pop\n  br done(%r, %mm)"
        );
    } else {
        let _ = writeln!(out, "  eh.pop\n  br done(%r, 0)");
    }
    let _ = writeln!(
        out,
        "handler ^h1(%err: Error, %tok: ResumeTok):\n  eh.entry"
    );
    report(out, "%y");
    let _ = writeln!(out, "  resume.label %tok, ^done(-1, %yip)");
    let _ = writeln!(out, "done(%d1: i64, %d2: i64):");
    let _ = writeln!(
        out,
        "  call @Viper.Terminal.SayInt(%d1)\n  call @Viper.Terminal.SayInt(%d2)"
    );
    for i in 0..n {
        let f = if i % 2 == 0 { "SayInt" } else { "SayNum" };
        let _ = writeln!(out, "  call @Viper.Terminal.{f}(%l{i})");
    }
    let _ = writeln!(out, "  %o = xor %d1, %d2\n  ret %o\n}}");
}

/// `@rsK(i64) -> i64`: `resume.same` retries a call until the handler has repaired the divisor
/// cell; then `resume.next` skips a faulting void call.
fn resumer(r: &mut Rng, k: usize, out: &mut String) {
    let _ = writeln!(out, "func @rsd{k}(i64 %a, ptr %cell) -> i64 {{");
    let _ = writeln!(out, "entry(%a: i64, %cell: ptr):\n  %d = load i64, %cell");
    let _ = writeln!(out, "  %q = sdiv.chk0 %a, %d\n  ret %q\n}}");
    let _ = writeln!(out, "func @rsv{k}(i64 %a) -> void {{");
    let _ = writeln!(out, "entry(%a: i64):\n  %q = srem.chk0 1000, %a");
    let _ = writeln!(out, "  call @Viper.Terminal.SayInt(%q)\n  ret\n}}");
    let mult = 2 + r.below(5);
    let _ = writeln!(out, "func @rs{k}(i64 %a, i64 %z) -> i64 {{");
    let _ = writeln!(out, "entry(%a: i64, %z: i64):");
    let _ = writeln!(
        out,
        "  %cell = alloca 8\n  %cnt = alloca 8\n  %keep = xor %a, 77"
    );
    let _ = writeln!(out, "  %kf = sitofp %keep");
    let _ = writeln!(
        out,
        "  eh.push ^h\n  .loc 7 3 1\n  %q = call @rsd{k}(%a, %cell)\n  eh.pop"
    );
    let _ = writeln!(
        out,
        "  %n = load i64, %cnt\n  call @Viper.Terminal.SayInt(%n)"
    );
    let _ = writeln!(
        out,
        "  call @Viper.Terminal.SayInt(%q)\n  call @Viper.Terminal.SayNum(%kf)"
    );
    let _ = writeln!(
        out,
        "  eh.push ^hn\n  .loc 7 4 1\n  call @rsv{k}(%z)\n  eh.pop"
    );
    let _ = writeln!(out, "  %o = xor %q, %keep\n  ret %o");
    let _ = writeln!(out, "handler ^h(%err: Error, %tok: ResumeTok):\n  eh.entry");
    let _ = writeln!(
        out,
        "  %ip = err.get_ip %err\n  call @Viper.Terminal.SayInt(%ip)"
    );
    let _ = writeln!(
        out,
        "  %c0 = load i64, %cnt\n  %c1 = iadd.ovf %c0, 1\n  store i64, %cnt, %c1"
    );
    let _ = writeln!(out, "  %dm = isub.ovf %c1, 1\n  %dv = imul.ovf %dm, {mult}");
    let _ = writeln!(out, "  store i64, %cell, %dv\n  resume.same %tok");
    let _ = writeln!(
        out,
        "handler ^hn(%err: Error, %tok: ResumeTok):\n  eh.entry"
    );
    let _ = writeln!(
        out,
        "  %nip = err.get_ip %err\n  call @Viper.Terminal.SayInt(%nip)"
    );
    let _ = writeln!(
        out,
        "  call @Viper.Terminal.SayInt(-555)\n  resume.next %tok\n}}"
    );
}

const STRS: &[&str] = &[
    "hello",
    "",
    "a\\tb",
    "q\\\"uote\\\\",
    "nl\\nx",
    "trunc\\0ated",
    "\\x41\\x42\\x7e",
    "\u{fc}n\u{ef}",
    "x=",
    "0123456789abcdef0123456789",
];

/// String globals and `@strs(i64) -> i64`, which builds, prints and measures strings.
fn strings(r: &mut Rng, out: &mut String) {
    let n = 2 + r.below(3);
    for i in 0..n {
        let _ = writeln!(out, "global const str @.s{i} = \"{}\"", r.pick(STRS));
    }
    let _ = writeln!(out, "func @strs(i64 %x) -> i64 {{\nentry(%x: i64):");
    let _ = writeln!(
        out,
        "  %g0 = const_str @.s0\n  call @Viper.Terminal.Say(%g0)"
    );
    let _ = writeln!(out, "  %n = call @Viper.Core.Convert.ToString_Int(%x)");
    let _ = writeln!(out, "  %c0 = call @Viper.String.Concat(%g0, %n)");
    let mut last = "%c0".to_string();
    for i in 1..n {
        let _ = writeln!(
            out,
            "  %g{i} = const_str @.s{i}\n  call @Viper.Terminal.Say(%g{i})"
        );
        let (a, b) = if r.chance(50) {
            (last.clone(), format!("%g{i}"))
        } else {
            (format!("%g{i}"), last.clone())
        };
        let _ = writeln!(out, "  %c{i} = call @Viper.String.Concat({a}, {b})");
        last = format!("%c{i}");
        let _ = writeln!(out, "  call @Viper.Terminal.Say({last})");
    }
    let _ = writeln!(out, "  %len = call @Viper.String.get_Length({last})");
    let _ = writeln!(out, "  call @Viper.Terminal.SayInt(%len)");
    let _ = writeln!(
        out,
        "  call @Viper.String.ReleaseMaybe({last})\n  ret %len\n}}"
    );
}

/// Extra functions (text) and the lines `@main` runs to call them.
pub(super) fn extras(r: &mut Rng) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut calls = Vec::new();
    let say = |calls: &mut Vec<String>, call: String, name: &str| {
        calls.push(format!("  {name} = {call}"));
        calls.push(format!("  call @Viper.Terminal.SayInt({name})"));
    };
    let mut id = 0;
    for k in 0..r.below(3) {
        chain(r, k, &mut out);
        caller(r, k, &mut out);
        for _ in 0..2 + r.below(2) {
            let a = *r.pick(&[0, 1, 7, -7, 100, i64::MIN, 65536, 40000]);
            let b = *r.pick(&[0i64, 0, 1, -1, 3, 1 << 40, 65536]);
            id += 1;
            let f = rand_float(r);
            say(
                &mut calls,
                format!("call @ehc{k}({a}, {b}, {f})"),
                &format!("%x{id}"),
            );
        }
    }
    if r.chance(40) {
        resumer(r, 0, &mut out);
        for _ in 0..2 {
            let a = rand_int(r);
            let z = r.below(2);
            id += 1;
            say(
                &mut calls,
                format!("call @rs0({a}, {z})"),
                &format!("%x{id}"),
            );
        }
    }
    if r.chance(40) {
        strings(r, &mut out);
        id += 1;
        let x = rand_int(r);
        say(&mut calls, format!("call @strs({x})"), &format!("%x{id}"));
    }
    (out, calls)
}
