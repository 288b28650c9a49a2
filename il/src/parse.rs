//! placeholder; being written
use crate::{Diagnostics, Module};
/// Parse IL text. `file_name` is used only for messages.
pub fn parse(_src: &str, _file_name: &str) -> Result<Module, Diagnostics> {
    Err(Diagnostics::new())
}
