//! The made-up `rm6` target compiles every core corpus program through the shared driver
//! (lowering, CFG clean-up, generic passes, regalloc2, frame, emission) with the MIR verifier on
//! after every stage, at -O2 and -O0, deterministically; it is found through the registry like
//! any third-party target.

use codegen_api::{CodegenOptions, OptLevel};
use std::path::PathBuf;

fn corpus() -> Option<Vec<PathBuf>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/core");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .map(|e| e.path().join("prog.il"))
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    Some(v)
}

#[test]
fn compiles_every_core_program_through_the_shared_driver() {
    let Some(progs) = corpus() else {
        println!("NOTICE: ../shared/corpus/core not found; rm6 corpus test skipped");
        return;
    };
    let target = codegen_api::find_target("regmachine").expect("rm6 is registered");
    assert_eq!(target.info().name, "rm6");
    let mut failures = Vec::new();
    for p in &progs {
        let src = std::fs::read_to_string(p).unwrap();
        let m = il::parse(&src, &p.display().to_string()).unwrap_or_else(|e| panic!("{e:?}"));
        il::verify(&m).unwrap_or_else(|e| panic!("{}: {e:?}", p.display()));
        // Both defaults, and the linear scan forced (six registers: heavy spilling).
        for (level, regalloc) in [
            (OptLevel::O2, None),
            (OptLevel::O0, None),
            (OptLevel::O2, Some("linear")),
        ] {
            let o = CodegenOptions {
                opt_level: level,
                verify_mir: true,
                regalloc: regalloc.map(String::from),
                ..CodegenOptions::default()
            };
            match target.compile(&m, &o) {
                Ok(text) => {
                    assert!(text.contains("\nfunc "), "{}", p.display());
                    assert!(
                        !text.contains("%v") && !text.contains("%f"),
                        "vreg left in {}",
                        p.display()
                    );
                }
                Err(e) => failures.push(format!("{} ({level:?}, {regalloc:?}): {e}", p.display())),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!(
        "rm6: {} programs compiled at -O2 and -O0, and with the linear scan",
        progs.len()
    );
}

#[test]
fn output_is_deterministic_and_uses_the_registers() {
    let src = "il 0.2.0\nextern @Viper.Terminal.PrintI64(i64) -> void\n\
               func @sum(i64 %n) -> i64 {\nentry(%n: i64):\n  br loop(0, 0, %n)\n\
               loop(%i: i64, %acc: i64, %m: i64):\n  %d = scmp_lt %i, %m\n  cbr %d, body(%i, %acc, %m), done(%acc)\n\
               body(%j: i64, %b: i64, %k: i64):\n  %a2 = iadd.ovf %b, %j\n  %i2 = iadd.ovf %j, 1\n  br loop(%i2, %a2, %k)\n\
               done(%r: i64):\n  ret %r\n}\n\
               func @main() -> i64 {\nentry:\n  %s = call @sum(10)\n  call @Viper.Terminal.PrintI64(%s)\n  ret 0\n}\n";
    let m = il::parse(src, "t.il").unwrap_or_else(|e| panic!("{e:?}"));
    il::verify(&m).unwrap_or_else(|e| panic!("{e:?}"));
    let target = regmachine_target::RegMachine;
    let o = CodegenOptions {
        verify_mir: true,
        ..CodegenOptions::default()
    };
    use codegen_api::Target;
    let a = target.compile(&m, &o).unwrap();
    let b = target.compile(&m, &o).unwrap();
    assert_eq!(a, b);
    assert!(a.contains("func sum:") && a.contains("func main:"), "{a}");
    assert!(a.contains("call @sum (r0) -> r0"), "{a}");
    assert!(a.contains("iadd.ovf r"), "{a}");
    assert!(a.contains("ret r0"), "{a}");
}
