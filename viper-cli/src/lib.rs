//! viper_cli: the whole `viper` command line as a library.
//!
//! `main.rs` only calls [`main`], so a third-party binary can link its own target crates next to
//! this one and get the same commands: targets are found only through `codegen_api::registry()`,
//! which sees every target registered with `inventory` in the final binary. This crate links the
//! arm64 target (`use target_aarch64 as _`) without calling it.
//!
//! Commands: `codegen`, `verify`, `targets`, `config` (see [`args`]). Every failure prints a
//! message on stderr and exits 1; `-run-native` exits with the program's own status.

pub mod args;
pub mod build;
pub mod commands;
pub mod driver;
pub mod link_report;
pub mod memory;
pub mod native;
pub mod options;
pub mod output;
pub mod runtime_sources;
pub mod source;

// Link the built-in arm64 target so its registration is in the binary.
use target_aarch64 as _;

pub use driver::Failure;

use clap::Parser;
use std::ffi::OsString;

/// Run the command line `args` (including the program name); returns the process exit status.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString>,
{
    let args = args::normalize(args.into_iter().map(Into::into).collect());
    let cli = match args::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match commands::dispatch(cli.command) {
        Ok(code) => code,
        Err(failure) => {
            eprint!("{failure}");
            1
        }
    }
}

/// Entry point for `viper`-like binaries: run with the process arguments and exit.
pub fn main() -> ! {
    // The worker threads are made here, named, whichever thread first hands them work (a huge
    // module is read on a thread of its own: `memory::Input::read`). An error means a pool
    // exists already, which is as good.
    let _ = rayon::ThreadPoolBuilder::new()
        .thread_name(|k| format!("viper-worker-{k}"))
        .build_global();
    let code = run(std::env::args_os());
    std::process::exit(code)
}
