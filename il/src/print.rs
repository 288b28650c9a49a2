//! placeholder; being written
use crate::Module;
/// Canonical IL text of a module.
pub fn print(_m: &Module) -> String {
    String::new()
}
