//! The `viper` binary: everything is in the `viper_cli` library so another binary can link its own
//! target crates and reuse the whole command line.
//!
//! The global allocator is mimalloc: the compiler allocates and frees many small objects per
//! function on several threads at once, where glibc's malloc spent about a sixth of the time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    viper_cli::main()
}
