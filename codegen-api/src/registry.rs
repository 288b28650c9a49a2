//! The target registry, built at link time with `inventory`.
//!
//! A target crate registers itself with
//! `inventory::submit! { TargetRegistration::new(|| Box::new(MyTarget::default())) }`
//! (re-exported as `codegen_api::inventory`). Lookup is by canonical name or alias; listing is
//! sorted by name so output is deterministic whatever the link order.

use crate::Target;

/// One registered target: a constructor, called on lookup.
pub struct TargetRegistration {
    pub make: fn() -> Box<dyn Target>,
}

impl TargetRegistration {
    pub const fn new(make: fn() -> Box<dyn Target>) -> Self {
        TargetRegistration { make }
    }
}

inventory::collect!(TargetRegistration);

/// Every registered target, sorted by canonical name.
pub fn registry() -> Vec<Box<dyn Target>> {
    let mut targets: Vec<Box<dyn Target>> = inventory::iter::<TargetRegistration>
        .into_iter()
        .map(|r| (r.make)())
        .collect();
    targets.sort_by(|a, b| a.info().name.cmp(b.info().name));
    targets
}

/// The target named `name` (canonical name or alias), if registered.
pub fn find_target(name: &str) -> Option<Box<dyn Target>> {
    registry().into_iter().find(|t| t.matches_name(name))
}
