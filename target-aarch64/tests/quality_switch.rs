//! `switch-tree`: dense switches index their jump table without materialised bounds, sparse ones
//! use a binary search of immediate compares; switching it off restores the compare chain, and
//! every case (including negative and large values and the default) still goes to its target.
mod common;
use codegen_api::{CodegenOptions, TargetOs};
use common::*;

/// `@pick` maps a value through a sparse switch (with negative and >4095 cases) and a dense one.
const SW: &str = r#"il 0.2.0

func @pick(i64 %v) -> i64 {
entry(%v: i64):
  %s:i32 = cast.si_narrow.chk %v
  switch.i32 %s, ^dense(%v), -7 -> ^a, 3 -> ^b, 77 -> ^c, 140 -> ^d, 301 -> ^e, 5000 -> ^f, 70000 -> ^g
a:
  ret 11
b:
  ret 12
c:
  ret 13
d:
  ret 14
e:
  ret 15
f:
  ret 16
g:
  ret 17
dense(%w: i64):
  %t:i32 = cast.si_narrow.chk %w
  switch.i32 %t, ^other, 0 -> ^z0, 1 -> ^z1, 2 -> ^z2, 3 -> ^z1, 4 -> ^z0
z0:
  ret 1
z1:
  ret 2
z2:
  ret 3
other:
  ret 0
}

func @main() -> i64 {
entry:
  br loop(0, 0)
loop(%k: i64, %acc: i64):
  %done = scmp_ge %k, 12
  cbr %done, exit(%acc), body(%k, %acc)
body(%bk: i64, %bacc: i64):
  %x = call @value(%bk)
  %p = call @pick(%x)
  %m = imul.ovf %bacc, 7
  %n = iadd.ovf %m, %p
  %q = srem.chk0 %n, 1000003
  %k1 = iadd.ovf %bk, 1
  br loop(%k1, %q)
exit(%r: i64):
  %o = srem.chk0 %r, 256
  ret %o
}

func @value(i64 %k) -> i64 {
entry(%k: i64):
  %s:i32 = cast.si_narrow.chk %k
  switch.i32 %s, ^last, 0 -> ^v0, 1 -> ^v1, 2 -> ^v2, 3 -> ^v3, 4 -> ^v4, 5 -> ^v5, 6 -> ^v6, 7 -> ^v7, 8 -> ^v8, 9 -> ^v9, 10 -> ^v10
v0:
  ret -7
v1:
  ret 3
v2:
  ret 301
v3:
  ret 70000
v4:
  ret 5000
v5:
  ret 4
v6:
  ret -1
v7:
  ret 2
v8:
  ret 69999
v9:
  ret 140
v10:
  ret 5
last:
  ret 77
}
"#;

fn expected() -> i32 {
    let values = [-7, 3, 301, 70000, 5000, 4, -1, 2, 69999, 140, 5, 77];
    let pick = |v: i64| match v {
        -7 => 11,
        3 => 12,
        77 => 13,
        140 => 14,
        301 => 15,
        5000 => 16,
        70000 => 17,
        0 | 4 => 1,
        1 => 2,
        2 => 3,
        _ => 0,
    };
    let mut acc = 0i64;
    for v in values {
        acc = (acc * 7 + pick(v)) % 1000003;
    }
    (acc % 256) as i32
}

#[test]
fn switch_tree_shape_and_results() {
    let m = il::parse(SW, "quality_switch.il").unwrap_or_else(|e| panic!("{e:?}"));
    let asm = compile(&m, &opts(TargetOs::Linux));
    let mut off = opts(TargetOs::Linux);
    off.settings.insert("switch-tree".into(), false);
    let plain = compile(&m, &off);
    assert_ne!(asm, plain);
    // Binary search: a `b.gt` into the upper half; immediate compares, `cmn` for -7.
    assert!(asm.contains("b.gt"), "{asm}");
    assert!(asm.contains(", #7\n"), "{asm}");
    assert!(asm.contains("\tcmn x"), "{asm}");
    assert!(!plain.contains("b.gt"), "{plain}");
    let runs: [(&str, &CodegenOptions); 2] = [("on", &opts(TargetOs::Linux)), ("off", &off)];
    for (name, o) in runs {
        if let Some(r) = run_with(&format!("quality_switch_{name}"), &m, o) {
            assert_eq!(r.code, expected(), "{name}: {}", r.stderr);
        }
    }
}
