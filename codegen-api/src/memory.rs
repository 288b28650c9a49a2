//! Handing a huge function's freed working set back to the allocator.
//!
//! The compiler does not know which allocator the binary uses; the binary does. It registers a
//! *release* function once ([`set_release`], e.g. mimalloc's `mi_collect(true)`), and the
//! pipeline calls [`release`] right after it frees a large working set: a huge function's IL
//! while and once it is lowered ([`RELEASE_EVERY_BLOCKS`]), the register allocator's tables. Memory freed
//! on one thread and still owned by another's heap is then reusable (or returned to the system)
//! at once instead of when that heap next allocates, which may be never (a chain of 200k blocks:
//! 229 → 142 MB resident after lowering).
//!
//! Call it on a thread that goes on allocating (a compilation worker): mimalloc's collect also
//! takes over the heaps of threads that have ended, and memory taken over by a thread that then
//! only waits is reused by no one (releasing on the CLI's waiting thread after verification made a
//! chain of 200k blocks peak at 325 instead of 262 MB).
//!
//! Invariants: without a registered function [`release`] does nothing; it is called only for
//! functions at least [`HUGE_VALUES`] values large (see [`is_huge`]), so ordinary compilations
//! never pay for it. Releasing changes no output.

use std::sync::OnceLock;

static RELEASE: OnceLock<fn()> = OnceLock::new();

/// A function with at least this many SSA values counts as huge (the corpus's largest has 30k).
pub const HUGE_VALUES: usize = 1 << 16;

/// A lowering that gives a huge function's IL back block by block releases every this many
/// blocks, so the machine IR it builds reuses the IL's memory as it goes (a chain of 200k blocks:
/// 201 → 143 MB resident at the end of lowering; a release costs well under a millisecond).
pub const RELEASE_EVERY_BLOCKS: usize = 1 << 12;

/// Whether a function with `values` SSA values is huge (its working sets are worth releasing).
pub fn is_huge(values: usize) -> bool {
    values >= HUGE_VALUES
}

/// Register the binary's release function; only the first registration counts (returns whether
/// this one did).
pub fn set_release(f: fn()) -> bool {
    RELEASE.set(f).is_ok()
}

/// Give memory freed so far back to the allocator (nothing when no function is registered).
pub fn release() {
    if let Some(f) = RELEASE.get() {
        f();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    static CALLS: AtomicUsize = AtomicUsize::new(0);

    fn count() {
        CALLS.fetch_add(1, Ordering::SeqCst);
    }

    fn other() {}

    /// The first registration is the one `release` calls; the threshold splits sizes.
    #[test]
    fn release_calls_the_registered_function() {
        let before = CALLS.load(Ordering::SeqCst);
        assert!(super::set_release(count));
        assert!(!super::set_release(other));
        super::release();
        super::release();
        assert_eq!(CALLS.load(Ordering::SeqCst), before + 2);
        assert!(super::is_huge(super::HUGE_VALUES));
        assert!(!super::is_huge(super::HUGE_VALUES - 1));
    }
}
