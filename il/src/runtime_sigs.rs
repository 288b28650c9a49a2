//! placeholder; being written
use crate::Type;
/// One known runtime function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuntimeSig {
    /// Name as IL calls it (`Viper.Terminal.PrintStr` or a legacy `rt_*` name).
    pub il_name: &'static str,
    /// The C symbol implementing it.
    pub c_symbol: &'static str,
    pub params: &'static [Type],
    pub ret: Type,
}
/// Look up a runtime function by its IL name.
pub fn lookup(_il_name: &str) -> Option<&'static RuntimeSig> {
    None
}
