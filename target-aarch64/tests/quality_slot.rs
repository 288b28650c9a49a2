//! `slot-access`: loads and stores of fixed alloca slots address the frame (`[sp, #k]`), so no
//! register holds a slot's address across blocks, and a slot address used in another block
//! (here passed to a call) is recomputed there; switched off, the addresses come back as
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
  %r = load i64, %s
  %q = srem.chk0 %r, 256
  ret %q
}
"#;

/// Lines of `text` computing an address from `sp` or `x29` (`add xN, sp, #k`).
fn frame_addresses(text: &str) -> usize {
    text.lines()
        .filter(|l| l.starts_with("\tadd x") && (l.contains(", sp,") || l.contains(", x29,")))
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
    // Every load and store of %i and %s is `[sp, #k]`; the one address left is the call's
    // argument, made in the block of the call.
    assert_eq!(frame_addresses(f), 1, "{f}");
    assert!(f.contains("ldr x") && f.contains("[sp, #"), "{f}");
    let call = f.find("bl ").expect("a call");
    let add = f.find("\tadd x").expect("the argument's address");
    assert!(
        add < call && !f[add..call].contains(":\n"),
        "address not made in the call's block:\n{f}"
    );
    let mut off = on.clone();
    off.set_pass("slot-access", false);
    let plain = compile(&m, &off);
    assert!(frame_addresses(body(&plain, "main.1")) >= 2, "{plain}");
    for (name, o) in [
        ("quality_slot", on),
        ("quality_slot_off", off),
        ("quality_slot_inlined", opts(TargetOs::Linux)),
    ] {
        if let Some(r) = run_with(name, &m, &o) {
            // 5 + (0 + 1 + ... + 9) + 100.
            assert_eq!(r.code, 150, "{name}: {}", r.stderr);
        }
    }
    assemble_darwin("quality_slot", &m);
}
