//! Command-line syntax (clap derive) and the normalisation of single-dash long flags.
//!
//! Users type `-run-native`, `-dump-mir-full`, … with one dash (as in the original toolchain);
//! [`normalize`] rewrites those to their `--` spelling before clap sees them. Only arguments before
//! a bare `--` are touched (what follows belongs to the compiled program), and never the value of
//! an option that takes one (so `-o -run-native` still names a file).

use clap::{Args, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "viper",
    version,
    about = "Native code generator for Viper IL",
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compile IL with a target: write assembly (-S), an object or executable (-o), or run it.
    Codegen(CodegenArgs),
    /// Parse and verify IL; print diagnostics.
    Verify {
        /// The IL file.
        input: PathBuf,
    },
    /// List the registered targets.
    Targets,
    /// Print every effective setting and where it came from.
    Config(ConfigArgs),
}

/// Settings that can come from the command line or viper.toml.
#[derive(Debug, Args, Default)]
pub struct CommonArgs {
    /// Operating system: linux, darwin or host.
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Optimisation level (-O0, -O1, -O2).
    #[arg(short = 'O', value_name = "LEVEL", value_parser = clap::value_parser!(u8).range(0..=2))]
    pub o: Option<u8>,
    /// Optimisation level (0, 1, 2).
    #[arg(long = "opt-level", value_name = "N", value_parser = clap::value_parser!(u8).range(0..=2), conflicts_with = "o")]
    pub opt_level: Option<u8>,
    /// Register allocator (see `viper targets`).
    #[arg(long, value_name = "NAME")]
    pub regalloc: Option<String>,
    /// Main-thread stack size of the compiled program, in bytes.
    #[arg(long = "stack-size", value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub stack_size: Option<u64>,
    /// Link this runtime archive instead of the built-in runtime.
    #[arg(long, value_name = "ARCHIVE.a")]
    pub runtime: Option<PathBuf>,
    /// C compiler driver used to assemble and link.
    #[arg(long, value_name = "PATH")]
    pub cc: Option<String>,
    /// Link statically.
    #[arg(long = "static", overrides_with = "no_static")]
    pub static_link: bool,
    /// Link dynamically.
    #[arg(long = "no-static", overrides_with = "static_link")]
    pub no_static: bool,
    /// Write objects with the system assembler from the assembly text (the old path), instead
    /// of viper's own encoder and object writer.
    #[arg(long = "via-asm")]
    pub via_asm: bool,
    /// Use this configuration file instead of searching for viper.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// DWARF debug information. `-g`: rows of instructions whose `.loc` file is named
    /// (`--debug-source`) point at that file, the others at the IL file and line; `-g=il`: every
    /// row points at the IL file.
    #[arg(short = 'g', value_name = "MODE", num_args = 0..=1, require_equals = true,
          default_missing_value = "source", value_parser = ["source", "il"])]
    pub g: Option<String>,
    /// Name IL `.loc` file id ID as PATH in the debug information (repeatable).
    #[arg(long = "debug-source", value_name = "ID=PATH")]
    pub debug_source: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CodegenArgs {
    /// `[TARGET] INPUT`: the target name (default: viper.toml's or arm64) and the IL file.
    #[arg(required = true, num_args = 1..=2, value_name = "[TARGET] INPUT")]
    pub positional: Vec<String>,
    /// Write assembly to this file (`-` = stdout).
    #[arg(short = 'S', value_name = "OUT.s", allow_hyphen_values = true)]
    pub asm_out: Option<String>,
    /// Write an object (`*.o`) or a linked executable (anything else).
    #[arg(short = 'o', value_name = "OUT", allow_hyphen_values = true)]
    pub out: Option<String>,
    /// Build to a temporary directory and run the program (under qemu when needed).
    #[arg(long = "run-native")]
    pub run_native: bool,
    #[arg(long = "dump-mir-before-ra")]
    pub dump_mir_before_ra: bool,
    #[arg(long = "dump-mir-after-ra")]
    pub dump_mir_after_ra: bool,
    #[arg(long = "dump-mir-full")]
    pub dump_mir_full: bool,
    /// Run the machine-IR verifier between passes.
    #[arg(long = "verify-mir")]
    pub verify_mir: bool,
    /// Print per-pass timings to stderr.
    #[arg(long = "time-passes")]
    pub time_passes: bool,
    #[command(flatten)]
    pub common: CommonArgs,
    /// Arguments for the program run by -run-native.
    #[arg(last = true, value_name = "PROGRAM ARGS")]
    pub program_args: Vec<OsString>,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// IL file whose viper.toml applies (default: search from the current directory).
    pub input: Option<PathBuf>,
    /// Target name.
    #[arg(long, value_name = "NAME")]
    pub target: Option<String>,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Long flags that are also accepted with a single dash.
const SINGLE_DASH_LONG: &[&str] = &[
    "run-native",
    "dump-mir-before-ra",
    "dump-mir-after-ra",
    "dump-mir-full",
    "verify-mir",
    "time-passes",
    "opt-level",
    "stack-size",
    "regalloc",
    "runtime",
    "config",
    "os",
    "cc",
    "static",
    "no-static",
    "target",
    "debug-source",
];

/// Options whose next argument is their value (that value is never rewritten).
const TAKES_VALUE: &[&str] = &[
    "-S",
    "-o",
    "-O",
    "--os",
    "--opt-level",
    "--regalloc",
    "--stack-size",
    "--runtime",
    "--cc",
    "--config",
    "--target",
    "--debug-source",
];

/// Rewrite `-run-native`-style flags to `--run-native` (see the module comment).
pub fn normalize(args: Vec<OsString>) -> Vec<OsString> {
    let mut out = Vec::with_capacity(args.len());
    let mut iter = args.into_iter();
    if let Some(program) = iter.next() {
        out.push(program);
    }
    let mut value_next = false;
    while let Some(arg) = iter.next() {
        if value_next {
            value_next = false;
            out.push(arg);
            continue;
        }
        let Some(s) = arg.to_str() else {
            out.push(arg);
            continue;
        };
        if s == "--" {
            out.push(arg);
            out.extend(iter);
            break;
        }
        let rewritten = match s.strip_prefix('-') {
            Some(rest) if !rest.starts_with('-') => {
                let (name, value) = match rest.split_once('=') {
                    Some((n, v)) => (n, Some(v)),
                    None => (rest, None),
                };
                if SINGLE_DASH_LONG.contains(&name) {
                    Some(match value {
                        Some(v) => format!("--{name}={v}"),
                        None => format!("--{name}"),
                    })
                } else {
                    None
                }
            }
            _ => None,
        };
        let flag = rewritten.as_deref().unwrap_or(s);
        value_next = TAKES_VALUE.contains(&flag);
        out.push(rewritten.map(OsString::from).unwrap_or(arg));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        let v: Vec<OsString> = std::iter::once("viper")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect();
        Cli::try_parse_from(normalize(v))
    }

    fn codegen(args: &[&str]) -> CodegenArgs {
        match parse(args).unwrap().command {
            Command::Codegen(c) => c,
            other => panic!("not codegen: {other:?}"),
        }
    }

    #[test]
    fn single_dash_run_native() {
        let c = codegen(&["codegen", "arm64", "a.il", "-run-native"]);
        assert!(c.run_native);
        assert_eq!(c.positional, ["arm64", "a.il"]);
        let c = codegen(&["codegen", "arm64", "a.il", "--run-native"]);
        assert!(c.run_native);
    }

    #[test]
    fn asm_to_stdout_and_output() {
        let c = codegen(&["codegen", "arm64", "a.il", "-S", "-", "-o", "x.o"]);
        assert_eq!(c.asm_out.as_deref(), Some("-"));
        assert_eq!(c.out.as_deref(), Some("x.o"));
    }

    #[test]
    fn output_value_is_never_rewritten() {
        let c = codegen(&["codegen", "a.il", "-o", "-run-native"]);
        assert_eq!(c.out.as_deref(), Some("-run-native"));
        assert!(!c.run_native);
    }

    #[test]
    fn opt_levels() {
        assert_eq!(codegen(&["codegen", "a.il", "-O0"]).common.o, Some(0));
        assert_eq!(codegen(&["codegen", "a.il", "-O", "1"]).common.o, Some(1));
        assert_eq!(
            codegen(&["codegen", "a.il", "--opt-level", "2"])
                .common
                .opt_level,
            Some(2)
        );
        assert!(parse(&["codegen", "a.il", "-O3"]).is_err());
        assert!(parse(&["codegen", "a.il", "-O1", "--opt-level", "2"]).is_err());
    }

    #[test]
    fn program_args_after_double_dash_are_untouched() {
        let c = codegen(&[
            "codegen",
            "arm64",
            "a.il",
            "-run-native",
            "--",
            "-run-native",
            "x",
        ]);
        assert_eq!(c.program_args, ["-run-native", "x"]);
    }

    #[test]
    fn dumps_and_flags_single_dash() {
        let c = codegen(&[
            "codegen",
            "a.il",
            "-dump-mir-before-ra",
            "-dump-mir-after-ra",
            "-dump-mir-full",
            "-verify-mir",
            "-time-passes",
            "-stack-size=4096",
            "-os",
            "linux",
        ]);
        assert!(c.dump_mir_before_ra && c.dump_mir_after_ra && c.dump_mir_full);
        assert!(c.verify_mir && c.time_passes);
        assert_eq!(c.common.stack_size, Some(4096));
        assert_eq!(c.common.os.as_deref(), Some("linux"));
    }

    #[test]
    fn too_many_positionals_rejected() {
        assert!(parse(&["codegen", "arm64", "a.il", "b.il"]).is_err());
        assert!(parse(&["codegen"]).is_err());
    }
}
