//! The `viper` binary: everything is in the `viper_cli` library so another binary can link its own
//! target crates and reuse the whole command line.
//!
//! The global allocator is mimalloc: the compiler allocates and frees many small objects per
//! function on several threads at once, where glibc's malloc spent about a sixth of the time.
//! It keeps freed memory for the process unless a function is huge (`viper_cli::memory`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Freed memory stays with the process (see `viper_cli::memory`).
    viper_cli::memory::keep_freed();
    viper_cli::main()
}
