//! `viper` with the toy target linked in: the full command line from `viper_cli`, plus `il-echo`.
use toy_target as _;

fn main() {
    viper_cli::main()
}
