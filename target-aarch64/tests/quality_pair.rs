//! `forward-params`, `index-reuse` and `mem-pair` together: a bubble-sort step (`a[j]`,
//! `a[j + 1]` loaded in the loop body, stored swapped in a block with one predecessor) loads the
//! two words with one `ldp` and stores them with one `stp` off one shared address register;
//! with `index-reuse` or `mem-pair` off no pair is left, and with `forward-params` off the stores
//! (whose pointers then arrive as two block parameters) stay apart. Every version runs under qemu with the
//! same result.

mod common;
use codegen_api::TargetOs;
use common::*;

const SORT: &str = r#"il 0.2.0
func @main() -> i64 {
entry:
  %a = alloca 80
  br fill(%a, 0)
fill(%fa: ptr, %fi: i64):
  %fd = scmp_ge %fi, 10
  cbr %fd, pass(%fa, 0), fill_body(%fa, %fi)
fill_body(%ga: ptr, %gi: i64):
  %go = imul.ovf %gi, 8
  %gp = gep %ga, %go
  %gv = isub.ovf 10, %gi
  store i64, %gp, %gv
  %gi1 = iadd.ovf %gi, 1
  br fill(%ga, %gi1)
pass(%pa: ptr, %pn: i64):
  %pd = scmp_ge %pn, 10
  cbr %pd, out(%pa), inner(%pa, %pn, 0)
inner(%ia: ptr, %in: i64, %ij: i64):
  %id = scmp_ge %ij, 9
  cbr %id, next(%ia, %in), body(%ia, %in, %ij)
body(%ja: ptr, %jn: i64, %jj: i64):
  %jk = idx.chk %jj, 0, 10
  %jo = imul.ovf %jk, 8
  %jp = gep %ja, %jo
  %jv = load i64, %jp
  %jj1 = iadd.ovf %jj, 1
  %jk1 = idx.chk %jj1, 0, 10
  %jo1 = imul.ovf %jk1, 8
  %jp1 = gep %ja, %jo1
  %jw = load i64, %jp1
  %jgt = scmp_gt %jv, %jw
  cbr %jgt, swap(%ja, %jn, %jj1, %jp, %jp1, %jv, %jw), inner(%ja, %jn, %jj1)
swap(%sa: ptr, %sn: i64, %sj: i64, %sp: ptr, %sp1: ptr, %sv: i64, %sw: i64):
  store i64, %sp, %sw
  store i64, %sp1, %sv
  br inner(%sa, %sn, %sj)
next(%na: ptr, %nn: i64):
  %nn1 = iadd.ovf %nn, 1
  br pass(%na, %nn1)
out(%oa: ptr):
  %o0 = load i64, %oa
  %o9p = gep %oa, 72
  %o9 = load i64, %o9p
  %o = imul.ovf %o9, 10
  %r = iadd.ovf %o, %o0
  ret %r
}
"#;

fn pairs(f: &str) -> (usize, usize) {
    // Not the frame record (`x29, x30`) nor the zeroing of the alloca (`xzr, xzr`).
    let n = |m: &str| {
        f.lines()
            .filter(|l| l.starts_with(m) && !l.contains("x29, x30") && !l.contains("xzr, xzr"))
            .count()
    };
    (n("\tldp x"), n("\tstp x"))
}

#[test]
fn adjacent_elements_share_an_address_and_pair() {
    let m = il::parse(SORT, "quality_pair.il").unwrap_or_else(|e| panic!("{e:?}"));
    il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
    let asm = compile(&m, &opts(TargetOs::Linux));
    let f = body(&asm, "main.1");
    let (ldp, stp) = pairs(f);
    assert!(ldp >= 1 && stp >= 1, "no ldp/stp for a[j], a[j+1]:\n{f}");
    let mut runs = vec![("quality_pair".to_string(), opts(TargetOs::Linux))];
    for pass in ["forward-params", "index-reuse", "mem-pair"] {
        let off = without(pass);
        let g = compile(&m, &off);
        let (l, s) = pairs(body(&g, "main.1"));
        // Without `forward-params` the swap block gets its two pointers as parameters, so only
        // the loads (one block, one base) pair.
        let want = if pass == "forward-params" {
            (1, 0)
        } else {
            (0, 0)
        };
        assert_eq!((l, s), want, "{pass} off");
        runs.push((format!("quality_pair_no_{pass}"), off));
    }
    for (name, o) in runs {
        if let Some(r) = run_with(&name, &m, &o) {
            // Sorted 1..=10: a[9] * 10 + a[0] = 101, exit code 101.
            assert_eq!(r.code, 101, "{name}: {}", r.stderr);
        }
    }
}
