//! `bit-test`: branches on `and x, #(1 << k)`, on a loaded `i1` and on `srem`/`urem` by a power of
//! two become `tbz`/`tbnz` (or `and` + `cbz` for a wider mask), with no division and no `and #1`
//! after the `ldrb`; switched off, the `sdiv`/`udiv` and the `and` come back. Both versions run
//! under qemu and print the same values, negative dividends included.

mod common;
use codegen_api::TargetOs;
use common::*;

const CLASSIFY: &str = r#"il 0.2.0
extern @Viper.Terminal.SayInt(i64) -> void
func @classify(i64 %x, ptr %p) -> i64 {
entry(%x: i64, %p: ptr):
  %m2 = srem.chk0 %x, 2
  %even = icmp_eq %m2, 0
  cbr %even, e1(%x, %p, 1), e1(%x, %p, 0)
e1(%x1: i64, %p1: ptr, %a: i64):
  %m8 = srem.chk0 %x1, 8
  %by8 = icmp_ne %m8, 0
  cbr %by8, e2(%x1, %p1, %a), e2b(%x1, %p1, %a)
e2b(%x2: i64, %p2: ptr, %a2: i64):
  %a3 = iadd.ovf %a2, 2
  br e2(%x2, %p2, %a3)
e2(%x3: i64, %p3: ptr, %b: i64):
  %u4 = urem.chk0 %x3, 4
  %by4 = icmp_eq %u4, 0
  cbr %by4, e3b(%x3, %p3, %b), e3(%x3, %p3, %b)
e3b(%x4: i64, %p4: ptr, %b2: i64):
  %b3 = iadd.ovf %b2, 4
  br e3(%x4, %p4, %b3)
e3(%x5: i64, %p5: ptr, %c: i64):
  %bit = and %x5, 16
  %has = icmp_ne %bit, 0
  cbr %has, e4b(%p5, %c), e4(%p5, %c)
e4b(%p6: ptr, %c2: i64):
  %c3 = iadd.ovf %c2, 8
  br e4(%p6, %c3)
e4(%p7: ptr, %d: i64):
  %flag = load i1, %p7
  cbr %flag, e5b(%d), e5(%d)
e5b(%d2: i64):
  %d3 = iadd.ovf %d2, 16
  br e5(%d3)
e5(%r: i64):
  ret %r
}
func @main() -> i64 {
entry:
  %p = alloca 8
  br loop(-20)
loop(%i: i64):
  %done = scmp_gt %i, 20
  cbr %done, out, body(%i)
body(%j: i64):
  %low = and %j, 1
  %b1 = trunc1 %low
  store i1, %p, %b1
  %r = call @classify(%j, %p)
  call @Viper.Terminal.SayInt(%r)
  %j1 = iadd.ovf %j, 1
  br loop(%j1)
out:
  ret 0
}
"#;

/// What `@classify(x)` returns (the flag stored is bit 0 of `x`).
fn expected(x: i64) -> i64 {
    let mut r = i64::from(x % 2 == 0);
    if x % 8 == 0 {
        r += 2;
    }
    if (x as u64).is_multiple_of(4) {
        r += 4;
    }
    if x & 16 != 0 {
        r += 8;
    }
    if x & 1 != 0 {
        r += 16;
    }
    r
}

#[test]
fn branches_on_one_bit_test_it() {
    let m = il::parse(CLASSIFY, "quality_bittest.il").unwrap_or_else(|e| panic!("{e:?}"));
    il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
    let asm = compile(&m, &opts(TargetOs::Linux));
    let f = body(&asm, "classify");
    for form in [", #4, ", "\tldrb w", ", #0x7\n", ", #0x3\n"] {
        assert!(f.contains(form), "missing {form:?}:\n{f}");
    }
    // Three single-bit branches (bit 0 of x, bit 4, the loaded i1), `tbz` or `tbnz` as the block
    // order makes them (only code that runs counts: no unreachable copy is emitted).
    let bit_branches = f
        .lines()
        .filter(|l| l.starts_with("\ttbz w") || l.starts_with("\ttbnz w"))
        .count();
    assert_eq!(bit_branches, 3, "{f}");
    assert!(!f.contains("div") && !f.contains("#1\n"), "{f}");
    let off = without("bit-test");
    let plain = compile(&m, &off);
    let pf = body(&plain, "classify");
    assert!(
        pf.contains("sdiv") && pf.contains("udiv") && !pf.contains("tbz"),
        "{pf}"
    );
    assert!(pf.contains("and x") && pf.contains(", #1\n"), "{pf}");
    let want: String = (-20..=20).map(|x| format!("{}\n", expected(x))).collect();
    for (name, o) in [
        ("quality_bittest", opts(TargetOs::Linux)),
        ("quality_bittest_off", off),
    ] {
        if let Some(r) = run_with(name, &m, &o) {
            assert_eq!(r.stdout, want, "{name}: {}", r.stderr);
            assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        }
    }
    assemble_darwin("quality_bittest", &m);
}

/// A bit-test branch over more code than `tbz`'s ±32 KiB reach is emitted as `tst` and `b.cond`
/// (the assembler would reject an out-of-range `tbz`); a small function keeps `tbz`.
#[test]
fn bit_tests_beyond_their_reach_are_relaxed() {
    let big = |stores: usize| {
        let mut t = String::from(
            "il 0.2.0\nfunc @main() -> i64 {\nentry:\n  %p = alloca 8\n  store i1, %p, true\n  \
             %f = load i1, %p\n  cbr %f, long(%p), short\nlong(%q: ptr):\n",
        );
        for k in 0..stores {
            t.push_str(&format!("  store i64, %q, {}\n", 70000 + k));
        }
        t.push_str("  %v = load i64, %q\n  %r = and %v, 255\n  ret %r\nshort:\n  ret 1\n}\n");
        il::parse(&t, "quality_bittest_far.il").unwrap_or_else(|e| panic!("{e:?}"))
    };
    for (stores, relaxed) in [(10, false), (5000, true)] {
        let m = big(stores);
        il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
        let asm = compile(&m, &opts(TargetOs::Linux));
        let f = body(&asm, "main.1");
        assert_eq!(f.contains("\ttst w"), relaxed, "{stores} stores");
        assert_eq!(f.contains("\ttbz ") || f.contains("\ttbnz "), !relaxed);
        if let Some(r) = run(&format!("quality_bittest_far{stores}"), &m) {
            assert_eq!(r.code as usize, (70000 + stores - 1) & 255, "{}", r.stderr);
        }
    }
}
