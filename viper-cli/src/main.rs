//! The `viper` binary: everything is in the `viper_cli` library so another binary can link its own
//! target crates and reuse the whole command line.
//!
//! The global allocator is mimalloc: the compiler allocates and frees many small objects per
//! function on several threads at once, where glibc's malloc spent about a sixth of the time.
//! Its memory is never handed back to the system while the process runs (see [`keep_memory`]).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay`'s place in mimalloc's `mi_option_t` (v2 `mimalloc.h`; the crate
/// does not name it). The cli test `the_allocator_keeps_its_memory` checks what it does.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Never purge freed memory (mimalloc hands it back to the system 10 ms after it is freed, by
/// default). A compilation frees and allocates big buffers all the time, and memory handed back
/// comes back as fresh pages the kernel must clear again (2 MiB at a time with transparent huge
/// pages): on sqldb_test that was about 5 ms of `-o x.o`, most of what the object path cost
/// over printing the text. The process is short-lived: what it frees, it reuses. An explicit
/// `MIMALLOC_PURGE_DELAY` still wins.
fn keep_memory() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: mi_option_set only stores the value of a valid option; it is called before
        // any other thread exists.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
}

fn main() {
    keep_memory();
    viper_cli::main()
}
