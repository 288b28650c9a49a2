//! The four commands. Each returns the exit status or a [`Failure`] to print.
//!
//! `codegen` stages every output beside its destination first (text and viper's own objects
//! from memory; programs and `--via-asm` objects from a scratch directory, made only for them)
//! and moves files into place only when all steps succeeded, so a failing command leaves no
//! output file behind.

use crate::args::{CodegenArgs, Command, ConfigArgs};
use crate::build::{self, Compiled};
use crate::driver::{load_module, Failure};
use crate::options::{self, DebugFlags};
use crate::output;
use std::path::{Path, PathBuf};

pub fn dispatch(command: Command) -> Result<i32, Failure> {
    match command {
        Command::Codegen(args) => codegen(args),
        Command::Verify { input } => verify(&input),
        Command::Targets => targets(),
        Command::Config(args) => config(args),
    }
}

fn verify(input: &Path) -> Result<i32, Failure> {
    let loaded = load_module(input)?;
    println!("{}: ok", loaded.file);
    Ok(0)
}

/// `viper targets`: one line per target, sorted by name.
pub fn targets_listing() -> String {
    let targets = codegen_api::registry();
    let rows: Vec<(String, String, String)> = targets
        .iter()
        .map(|t| {
            let i = t.info();
            let aliases = if i.aliases.is_empty() {
                "-".to_string()
            } else {
                i.aliases.join(", ")
            };
            (i.name.to_string(), aliases, i.description.to_string())
        })
        .collect();
    let w0 = rows.iter().map(|r| r.0.len()).max().unwrap_or(0).max(4);
    let w1 = rows.iter().map(|r| r.1.len()).max().unwrap_or(0).max(7);
    let mut out = format!("{:<w0$}  {:<w1$}  DESCRIPTION\n", "NAME", "ALIASES");
    for (name, aliases, desc) in rows {
        out.push_str(&format!("{name:<w0$}  {aliases:<w1$}  {desc}\n"));
    }
    out
}

fn targets() -> Result<i32, Failure> {
    print!("{}", targets_listing());
    Ok(0)
}

fn config(args: ConfigArgs) -> Result<i32, Failure> {
    let resolved = options::resolve(args.input.as_deref(), &args.common, args.target)?;
    print!("{}", resolved.settings.report());
    // Also check the settings against the target, so a bad value is reported here too.
    let target = options::find_target(&resolved)?;
    let opts = options::codegen_options(&resolved, target.as_ref(), DebugFlags::default())?;
    // The linker a native build would use (not a setting: discovered; VIPER_LINKER=system opts
    // out of a faster one).
    if let Some(arch) = target.info().native_arch {
        let cc = resolved.settings.cc.value.as_deref().map(Path::new);
        if let Ok(tc) = codegen_api::link::Toolchain::discover(arch, opts.os, cc) {
            println!("# linker: {}", tc.linker_description());
        }
    }
    Ok(0)
}

fn codegen(args: CodegenArgs) -> Result<i32, Failure> {
    let (target, input) = match args.positional.as_slice() {
        [input] => (None, PathBuf::from(input)),
        [target, input] => (Some(target.clone()), PathBuf::from(input)),
        _ => return Err(Failure::msg("expected [TARGET] INPUT")),
    };
    let flags = DebugFlags {
        dump_mir_before_ra: args.dump_mir_before_ra,
        dump_mir_after_ra: args.dump_mir_after_ra,
        dump_mir_full: args.dump_mir_full,
        verify_mir: args.verify_mir,
        time_passes: args.time_passes,
    };
    // An output that is the input file itself would destroy the source.
    for out in [args.asm_out.as_deref(), args.out.as_deref()]
        .into_iter()
        .flatten()
        .filter(|o| *o != "-")
    {
        if output::same_file(&input, Path::new(out)) {
            return Err(Failure::msg(format!(
                "output file {out} is the input file {}; refusing to overwrite it",
                input.display()
            )));
        }
    }
    if args.out.as_deref() == Some("-") {
        return Err(Failure::msg(
            "-o - is not supported (binary output); use -S - for assembly on stdout",
        ));
    }
    if !args.program_args.is_empty() && !args.run_native {
        return Err(Failure::msg(
            "program arguments after `--` need -run-native",
        ));
    }
    let wants_native = args.out.is_some() || args.run_native;
    // Check the target and settings before reading the input, and refuse native outputs for a
    // target that does not produce native code.
    let (resolved, target_impl, codegen_options) =
        build::prepare(&input, target, &args.common, flags)?;
    let info = target_impl.info();
    if wants_native && info.native_arch.is_none() {
        return Err(Failure::msg(format!(
            "target `{}` does not produce native code; use -S to write its output",
            info.name
        )));
    }
    // Text only: written to its destination as each function is done (never held whole).
    if !wants_native {
        let dest = args.asm_out.as_deref().unwrap_or("-");
        output::write_with(dest, |w| {
            build::compile_prepared_to(&input, target_impl.as_ref(), &codegen_options, w)
        })?;
        return Ok(0);
    }
    // A native output: text too when it is written somewhere; a native output alone compiles
    // straight to an object where the target can.
    let want = if args.asm_out.is_some() {
        build::Want::Text
    } else {
        build::Want::Object
    };
    let compiled = build::compile_prepared(&input, resolved, target_impl, codegen_options, want)?;

    // The scratch directory is made only for what needs one (the system assembler, the
    // linker); an object from the target's own encoder is staged straight from memory.
    let mut scratch_dir = None;
    let mut scratch = || -> Result<PathBuf, Failure> {
        if scratch_dir.is_none() {
            let d = tempfile::Builder::new()
                .prefix("viper-build-")
                .tempdir()
                .map_err(|e| Failure::msg(format!("cannot create a temporary directory: {e}")))?;
            scratch_dir = Some(d);
        }
        Ok(scratch_dir
            .as_ref()
            .map(|d| d.path().to_path_buf())
            .unwrap_or_default())
    };
    let is_object = args.out.as_deref().is_some_and(|o| o.ends_with(".o"));
    // Everything built: stage every output file beside its destination, then move them all
    // into place (a destination that cannot be written fails before any file appears).
    let mut staged = Vec::new();
    let mut built = None;
    match &args.out {
        Some(out) if is_object => match compiled.own_object() {
            Some(bytes) => staged.push(output::Staged::bytes(Path::new(out), &bytes?)?),
            None => built = Some(compiled.build_object(&scratch()?)?),
        },
        Some(_) => built = Some(compiled.build_executable(&scratch()?)?),
        None if args.run_native => built = Some(compiled.build_executable(&scratch()?)?),
        None => {}
    }
    let mut to_stdout = false;
    match args.asm_out.as_deref() {
        Some("-") => to_stdout = true,
        Some(dest) => staged.push(output::Staged::bytes(
            Path::new(dest),
            compiled.text()?.as_bytes(),
        )?),
        None => {}
    }
    if let (Some(out), Some(built)) = (&args.out, &built) {
        staged.push(output::Staged::copy_of(built, Path::new(out))?);
    }
    for s in staged {
        s.commit()?;
    }
    if to_stdout {
        output::write_stdout(compiled.text()?.as_bytes())?;
    }
    if args.run_native {
        let exe = match &built {
            Some(exe) if !is_object => exe.clone(),
            _ => compiled.build_executable(&scratch()?)?,
        };
        return run_program(&compiled, &exe, &args.program_args);
    }
    // Everything is written: the module and the outputs (thousands of allocations) are freed on
    // a thread of their own, which the process does not wait for when it exits.
    std::thread::spawn(move || drop(compiled));
    Ok(0)
}

fn run_program(
    compiled: &Compiled,
    exe: &Path,
    program_args: &[std::ffi::OsString],
) -> Result<i32, Failure> {
    let native = compiled.native()?;
    native.run(exe, program_args)
}
