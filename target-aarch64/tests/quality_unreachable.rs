//! `unreachable-blocks`: blocks no path reaches any more — here the jump-only blocks
//! `jump-threading` bypassed — are not emitted, so the entry falls through to the code; switched
//! off, they stay as dead `b` instructions. Both versions run under qemu with the same result.

mod common;
use codegen_api::TargetOs;
use common::*;

const CHAIN: &str = r#"il 0.2.0
func @main() -> i64 {
entry:
  br a
a:
  br b
b:
  br done
orphan:
  ret 4242
done:
  ret 7
}
"#;

#[test]
fn bypassed_blocks_are_not_emitted() {
    let m = il::parse(CHAIN, "quality_unreachable.il").unwrap_or_else(|e| panic!("{e:?}"));
    il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
    let on = opts(TargetOs::Linux);
    let asm = compile(&m, &on);
    let f = body(&asm, "main.1");
    let jumps = |text: &str| text.lines().filter(|l| l.starts_with("\tb ")).count();
    assert_eq!(jumps(f), 0, "{f}");
    assert!(!f.contains("4242"), "{f}");
    let off = without("unreachable-blocks");
    let plain = compile(&m, &off);
    assert!(jumps(body(&plain, "main.1")) >= 2, "{plain}");
    expect_exit(
        &m,
        &[
            ("quality_unreachable", on),
            ("quality_unreachable_off", off),
        ],
        7,
    );
    assemble_darwin("quality_unreachable", &m);
}
