//! placeholder; being written
use crate::{Diagnostics, Module};
/// Verify a module against IL-SPEC §8; Ok or every error found.
pub fn verify(_m: &Module) -> Result<(), Diagnostics> {
    Ok(())
}
