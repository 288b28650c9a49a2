//! The `viper` binary: everything is in the `viper_cli` library so another binary can link its own
//! target crates and reuse the whole command line.
fn main() {
    viper_cli::main()
}
