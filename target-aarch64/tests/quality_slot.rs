//! `slot-access`: loads and stores of fixed alloca slots address the frame (`[sp, #k]`), so no
//! register holds a slot's address across blocks, and a slot address used in another block
//! (passed to a call, or as a branch argument) is recomputed there; switched off, the addresses come back as
//! `add xN, sp, #k` kept in registers. Both versions run under qemu and compute the same result.

mod common;
use codegen_api::TargetOs;
use common::*;

const LOCALS: &str = r#"il 0.2.0
func @bump(ptr %p) -> void {
entry(%p: ptr):
  %v = load i64, %p
  %w = iadd.ovf %v, 100
  store i64, %p, %w
  ret
}
func @main() -> i64 {
entry:
  %i = alloca 8
  %s = alloca 16
  store i64, %i, 0
  store i64, %s, 5
  br loop
loop:
  %k = load i64, %i
  %c = scmp_lt %k, 10
  cbr %c, body, done
body:
  %v = load i64, %s
  %v2 = iadd.ovf %v, %k
  store i64, %s, %v2
  %k2 = iadd.ovf %k, 1
  store i64, %i, %k2
  br loop
done:
  call @bump(%s)
  %t = load i64, %i
  %big = scmp_gt %t, 5
  cbr %big, fin(%s), fin(%i)
fin(%p: ptr):
  %r = load i64, %p
  %q = srem.chk0 %r, 256
  ret %q
}
"#;

/// Lines of `text` computing an address from `sp` or `x29` (`add xN, sp, #k`).
fn frame_addresses(text: &str) -> Vec<usize> {
    let lines: Vec<&str> = text.lines().collect();
    (0..lines.len())
        .filter(|&k| {
            let l = lines[k];
            l.starts_with("\tadd x") && (l.contains(", sp,") || l.contains(", x29,"))
        })
        .collect()
}

/// Loads and stores of `text` whose base is not `sp` or `x29` (the frame's own saves aside).
fn register_based(text: &str) -> usize {
    text.lines()
        .filter(|l| l.starts_with("\tldr ") || l.starts_with("\tstr ") || l.starts_with("\tstur "))
        .filter(|l| !l.contains("[sp") && !l.contains("[x29"))
        .count()
}

#[test]
fn slot_loads_and_stores_address_the_frame() {
    let m = il::parse(LOCALS, "quality_slot.il").unwrap_or_else(|e| panic!("{e:?}"));
    il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
    // Not inlined, so the call keeps its slot-address argument.
    let on = without("inline");
    let asm = compile(&m, &on);
    let f = body(&asm, "main.1");
    // Every load and store of %i and %s is `[sp, #k]`; the one through a register is fin's load
    // through its parameter.
    assert_eq!(register_based(f), 1, "{f}");
    // The addresses left (the call's argument, the branch arguments) are made right where they
    // are used: the next instruction is the call or the branch, or the join the block falls
    // into (its label).
    let lines: Vec<&str> = f.lines().collect();
    let made = frame_addresses(f);
    assert!(!made.is_empty() && made.len() <= 3, "{f}");
    for k in made {
        let next = lines[k + 1];
        let label = next.starts_with(".L") && next.ends_with(':');
        assert!(
            next.starts_with("\tbl ") || next.starts_with("\tb ") || label,
            "{f}"
        );
    }
    let mut off = on.clone();
    off.set_pass("slot-access", false);
    let plain = compile(&m, &off);
    assert!(register_based(body(&plain, "main.1")) >= 3, "{plain}");
    // 5 + (0 + 1 + ... + 9) + 100.
    expect_exit(
        &m,
        &[
            ("quality_slot", on),
            ("quality_slot_off", off),
            ("quality_slot_inlined", opts(TargetOs::Linux)),
        ],
        150,
    );
    assemble_darwin("quality_slot", &m);
}
