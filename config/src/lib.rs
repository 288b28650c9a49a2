//! config: the `viper.toml` file and the effective settings of one compilation.
//!
//! - [`file`] is the schema. Unknown keys and ill-typed values are rejected with a located error
//!   (`viper.toml:LINE:COL: error: …`); nothing in the file is silently ignored.
//! - [`discover`] finds the file: an explicit `--config` path, else `viper.toml` next to the input
//!   file or in one of its ancestor directories.
//! - [`settings`] merges defaults, the file and command-line overrides (command line > file >
//!   defaults) and records where every effective value came from, for `viper config`.
//!
//! This crate knows nothing about targets: names such as the register allocator or pass names are
//! kept as written and validated by the driver against the chosen target.

pub mod discover;
pub mod error;
pub mod file;
pub mod settings;

pub use discover::{discover, CONFIG_FILE_NAME};
pub use error::ConfigError;
pub use file::{ConfigFile, OsChoice};
pub use settings::{Origin, Overrides, PassSettings, Settings, Sourced};
