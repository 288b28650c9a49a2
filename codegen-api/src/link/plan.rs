//! Linking without the compiler driver: the linker command line the C compiler driver would run
//! (learned once with `cc ... -###` and cached), so that a link runs `ld.lld` directly instead of
//! driver → collect2 → ld (two process start-ups, about 10 ms per program).
//!
//! Invariants: a plan is used only for the same driver file (its identity), linker, flags and
//! number of inputs it was learned with (all in its cache key); every per-build path in it is a
//! placeholder token that must appear exactly where an argument is expected (whole tokens only);
//! anything unexpected while learning means "no plan" — the caller links through the driver as
//! before, so a plan can make linking faster but never different in outcome.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The output placeholder.
pub const OUT: &str = "/@viper-out@";
/// The `-B` directory placeholder (its `-L` entry is dropped from the plan).
pub const BDIR: &str = "/@viper-bdir@";

/// The placeholder of input `i` (objects first, then libraries).
pub fn input(i: usize) -> String {
    format!("/@viper-in-{i}@")
}

/// Split one line of `-###` output into arguments: tokens separated by spaces, each either bare
/// or in double quotes with `\"` and `\\` escapes.
pub fn split_line(line: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut chars = line.trim().chars().peekable();
    while let Some(&c) = chars.peek() {
        if c == ' ' {
            chars.next();
            continue;
        }
        let mut tok = String::new();
        if c == '"' {
            chars.next();
            loop {
                match chars.next()? {
                    '"' => break,
                    '\\' => tok.push(chars.next()?),
                    c => tok.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ' ' {
                    break;
                }
                tok.push(c);
                chars.next();
            }
        }
        out.push(tok);
    }
    Some(out)
}

/// The linker arguments in the driver's `-###` output `stderr` for a link of `inputs` inputs:
/// the collect2/ld line without its program and LTO plug-in options, or `None` when it is not
/// exactly one such line with every placeholder once.
pub fn parse(stderr: &str, inputs: usize) -> Option<Vec<String>> {
    let mut lines = stderr.lines().filter_map(split_line).filter(|t| {
        t.first()
            .and_then(|p| Path::new(p).file_name())
            .is_some_and(|n| n == "collect2" || n == "ld")
    });
    let line = lines.next()?;
    if lines.next().is_some() {
        return None;
    }
    let mut args = Vec::new();
    let mut it = line.into_iter().skip(1);
    while let Some(a) = it.next() {
        if a == "-plugin" {
            it.next()?;
        } else if a.starts_with("-plugin-opt")
            || a == format!("-L{BDIR}")
            || a == format!("-L{BDIR}/")
        {
        } else {
            args.push(a);
        }
    }
    let count = |p: &str| args.iter().filter(|a| *a == p).count();
    let whole = |p: &str| args.iter().filter(|a| a.contains(p)).count() == count(p);
    let ok = count(OUT) == 1
        && (0..inputs).all(|i| count(&input(i)) == 1 && whole(&input(i)))
        && whole(OUT)
        && !args.iter().any(|a| a.contains(BDIR));
    ok.then_some(args)
}

/// The plan's command for a build: `linker` with the placeholders replaced.
pub fn command(linker: &Path, plan: &[String], out: &Path, inputs: &[PathBuf]) -> Command {
    let mut cmd = Command::new(linker);
    for a in plan {
        if a == OUT {
            cmd.arg(out);
        } else if let Some(i) = (0..inputs.len()).find(|&i| *a == input(i)) {
            cmd.arg(&inputs[i]);
        } else {
            cmd.arg(a);
        }
    }
    cmd
}

/// Read a cached plan (arguments separated by NUL bytes).
pub fn load(path: &Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(text.split('\0').map(str::to_string).collect())
}

/// Write a plan to the cache (atomically: a temporary file renamed into place); failures only
/// cost the next link its speed-up.
pub fn store(path: &Path, plan: &[String]) {
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = dir.join(format!(".tmp-{}", std::process::id()));
    if std::fs::write(&tmp, plan.join("\0")).is_ok() && std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// The query arguments (after the driver and its target flags): `-B` placeholder, the flags,
/// placeholder output and inputs, `-###`.
pub fn query_args(static_link: bool, inputs: usize, extra: &[String]) -> Vec<OsString> {
    let mut v: Vec<OsString> = vec![format!("-B{BDIR}/").into()];
    if static_link {
        v.push("-static".into());
    }
    v.push("-o".into());
    v.push(OUT.into());
    v.extend((0..inputs).map(|i| input(i).into()));
    v.push("-lm".into());
    v.extend(extra.iter().map(OsString::from));
    v.push("-###".into());
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_driver_line() {
        let stderr = format!(
            "Using built-in specs.\n \"/usr/lib/gcc/x/12/collect2\" \"-plugin\" \"/p/lto.so\" \
             \"-plugin-opt=-fresolution=/tmp/a.res\" \"-static\" \"-o\" \"{OUT}\" \"crt1.o\" \
             \"-L{BDIR}/\" \"-L/usr/lib\" \"{}\" \"{}\" \"-lm\" \"a b\\\"c\"\n",
            input(0),
            input(1)
        );
        let plan = parse(&stderr, 2).unwrap();
        assert_eq!(
            plan,
            [
                "-static",
                "-o",
                OUT,
                "crt1.o",
                "-L/usr/lib",
                &input(0),
                &input(1),
                "-lm",
                "a b\"c"
            ]
        );
        let cmd = command(
            Path::new("ld.lld"),
            &plan,
            Path::new("/b/prog"),
            &[PathBuf::from("/b/prog.o"), PathBuf::from("/c/rt.a")],
        );
        let args: Vec<_> = cmd
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        assert_eq!(args[2], "/b/prog");
        assert_eq!(args[5..7], ["/b/prog.o", "/c/rt.a"]);
        // A placeholder missing, or inside another argument: no plan.
        assert!(parse(&stderr, 3).is_none());
        let inside = stderr.replace(&format!("\"{}\"", input(0)), &format!("\"-x{}\"", input(0)));
        assert!(parse(&inside, 2).is_none());
        assert!(parse("no linker here\n", 0).is_none());
    }
}
