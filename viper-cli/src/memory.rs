//! What the process's allocator does with freed memory (mimalloc, the global allocator of
//! `main.rs`; with another allocator these calls only set options of an unused library).
//!
//! mimalloc hands freed memory back to the system 10 ms after it is freed (it *purges* it).
//! Memory handed back comes back as fresh pages the kernel must clear again, 2 MiB at a time
//! with transparent huge pages: on sqldb_test that was about 5 ms of `-o x.o`, most of what the
//! object path cost over printing the text. So the binary starts by keeping freed memory
//! ([`keep_freed`]): a compilation of ordinary functions reuses what it frees. A module with a
//! huge function ([`HUGE_FUNCTION`]) is different: its working sets are hundreds of MB, spread
//! over the threads' heaps, and purging is what keeps the peak down (a 50k-case switch: 180 vs
//! 220 MB, a chain of 200k blocks: 420 vs 510 MB), so purging comes back for it
//! ([`for_source`], decided from the text before it is read). An explicit
//! `MIMALLOC_PURGE_DELAY` always wins. Freed memory of a huge function is also collected right
//! after each large working set is freed ([`collect`], called through `codegen_api::memory`).
//!
//! Such a module is also read on a thread of its own that ends once the module is read
//! ([`Input::read`]). mimalloc's heaps are per thread: memory freed by another thread goes back to
//! the heap that allocated it, when that thread next allocates. The body of a module's only
//! function is read on the calling thread, which then waits while a worker lowers the function
//! and drops its IL, so that memory came back to no one and the machine IR took fresh pages
//! (chain of 200k blocks: 377 MB peak). The heap of a thread that has ended is abandoned, and
//! the workers take its segments over as the IL is freed (chain 200k: 285 MB, chain 100k:
//! 247 → 182 MB). Ordinary modules are read where they are: their bodies are read on the
//! workers, which keep allocating, and a thread of its own cost them memory (gen_big_il 46 → 57
//! MB). The verifier runs on that thread too (`driver::load_module`): its tables, freed on the
//! calling thread, stayed with a heap that then only waits (chain 200k: 230 → 211 MB peak).

/// `mi_option_purge_delay`'s place in mimalloc's `mi_option_t` (v2 `mimalloc.h`; the crate
/// does not name it). The cli tests `the_allocator_keeps_its_memory` and
/// `huge_functions_give_memory_back` check what it does.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc's default purge delay (ms).
const DEFAULT_PURGE_DELAY: std::ffi::c_long = 10;

/// A function whose text is longer than this counts as huge (the corpus's largest, 15.7k
/// instructions, has 0.4 MiB).
pub const HUGE_FUNCTION: usize = 1 << 20;

fn set_purge_delay(ms: std::ffi::c_long) {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: mi_option_set only stores the value of a valid option.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, ms) };
    }
}

/// Keep freed memory for the process (see the module header), and register [`collect`] as the
/// pipeline's release function (`codegen_api::memory`).
pub fn keep_freed() {
    set_purge_delay(-1);
    codegen_api::memory::set_release(collect);
}

/// Make what this thread and finished threads freed reusable, and hand back what purging allows:
/// mimalloc's `mi_collect(true)`, which also takes over the heaps of threads that have ended
/// (the huge-input reader's). After a chain of 200k blocks is lowered: 229 → 142 MB resident.
pub fn collect() {
    // SAFETY: mi_collect has no preconditions (it only walks this thread's heap and the
    // abandoned segments).
    unsafe { libmimalloc_sys::mi_collect(true) };
}

/// Hand freed memory back to the system again, as mimalloc does by default.
pub fn release_freed() {
    set_purge_delay(DEFAULT_PURGE_DELAY);
}

/// The length of the longest function in the IL text `src` (from one `func` at the start of
/// a line to the next, or to the end). A large text is searched in parallel, in chunks: each
/// gives where its first and last function start and its longest function between them.
fn longest_function(src: &str) -> usize {
    use rayon::prelude::*;
    const CHUNK: usize = 1 << 18;
    let b = src.as_bytes();
    let cuts: Vec<usize> = (0..b.len().div_ceil(CHUNK).max(1))
        .map(|k| k * CHUNK)
        .chain(std::iter::once(b.len()))
        .collect();
    let per_chunk = |w: &[usize]| function_starts(b, w[0], w[1]);
    let chunks: Vec<Starts> = if cuts.len() > 3 {
        cuts.par_windows(2).map(per_chunk).collect()
    } else {
        cuts.windows(2).map(per_chunk).collect()
    };
    let mut longest = 0;
    let mut prev: Option<usize> = None;
    for c in chunks.iter().filter_map(|c| c.as_ref()) {
        if let Some(p) = prev {
            longest = longest.max(c.first - p);
        }
        longest = longest.max(c.longest);
        prev = Some(c.last);
    }
    match prev {
        Some(p) => longest.max(b.len() - p),
        None => longest,
    }
}

/// Where the functions that start in a range of a text start: the first, the last, and the
/// longest distance between two consecutive ones (`None`: no function starts there).
struct StartsIn {
    first: usize,
    last: usize,
    longest: usize,
}
type Starts = Option<StartsIn>;

/// The functions that start in `b[lo..hi]` (`func` at the start of a line; a match of
/// `"\nfunc "` may begin in the byte before `lo` and end after `hi`).
fn function_starts(b: &[u8], lo: usize, hi: usize) -> Starts {
    let from = lo.saturating_sub(1);
    let to = (hi + 5).min(b.len());
    let at_start = (lo == 0 && b.starts_with(b"func ")).then_some(0);
    let later = memchr::memmem::find_iter(&b[from..to], b"\nfunc ")
        .map(|i| from + i + 1)
        .filter(|&s| s >= lo && s < hi);
    let mut r: Starts = None;
    for s in at_start.into_iter().chain(later) {
        r = Some(match r {
            None => StartsIn {
                first: s,
                last: s,
                longest: 0,
            },
            Some(c) => StartsIn {
                first: c.first,
                last: s,
                longest: c.longest.max(s - c.last),
            },
        });
    }
    r
}

/// How the memory of one input is handled (see the module header).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Input {
    /// Some function of the input is longer than [`HUGE_FUNCTION`].
    pub huge: bool,
}

/// Before reading the IL text `src`: hand freed memory back again when some function in it is
/// huge (decided from the text, so that the reading itself, which frees much of what it makes,
/// is covered).
pub fn for_source(src: &str) -> Input {
    let huge = longest_function(src) > HUGE_FUNCTION;
    if huge {
        release_freed();
    }
    Input { huge }
}

impl Input {
    /// `read()`: on a thread of its own that ends with it when the input is huge, else here. An
    /// error only when that thread cannot be started.
    pub fn read<T: Send>(self, read: impl FnOnce() -> T + Send) -> std::io::Result<T> {
        if !self.huge {
            return Ok(read());
        }
        std::thread::scope(|s| {
            std::thread::Builder::new()
                .name("viper-read".into())
                // The main thread's stack size.
                .stack_size(8 << 20)
                .spawn_scoped(s, read)
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
        })
    }
}

#[cfg(test)]
mod tests {
    /// A huge input is read on a thread of its own, any other where it is.
    #[test]
    fn huge_inputs_are_read_on_a_thread_of_their_own() {
        let here = std::thread::current().id();
        let read = |huge| super::Input { huge }.read(|| std::thread::current().id());
        assert_eq!(read(false).unwrap(), here);
        assert_ne!(read(true).unwrap(), here);
        let mut text = String::from("il 0.2.0\nfunc @f() -> i64 {\nentry:\n");
        while text.len() <= super::HUGE_FUNCTION {
            text.push_str("  %v = iadd.ovf 1, 2\n");
        }
        assert!(super::for_source(&text).huge);
        assert!(!super::for_source("il 0.2.0\nfunc @f() -> i64 {\nentry:\n  ret 0\n}\n").huge);
    }

    /// A function's length runs from its `func` to the next one's or to the end; text before
    /// the first function and `func` inside a line do not count.
    #[test]
    fn the_longest_function_is_measured_from_func_to_func() {
        let f = |s: &str| super::longest_function(s);
        assert_eq!(f(""), 0);
        assert_eq!(f("il 0.2.0\n"), 0);
        assert_eq!(f("func @a\n}\n"), 10);
        assert_eq!(f("il 0.2.0\nfunc @a\n}\nfunc @bb\n  x\n}\n"), 15);
        assert_eq!(f("il 0.2.0\nfunc @a\n  call func @b\n}\n"), 25);
    }

    /// Searched in chunks, a large text gives what one pass over it gives: functions that
    /// span chunks, `\nfunc ` across a chunk boundary, none in some chunks.
    #[test]
    fn the_longest_function_of_a_large_text() {
        fn one_pass(s: &str) -> usize {
            let b = s.as_bytes();
            let starts: Vec<usize> = b
                .starts_with(b"func ")
                .then_some(0)
                .into_iter()
                .chain(memchr::memmem::find_iter(b, b"\nfunc ").map(|i| i + 1))
                .collect();
            let mut longest = 0;
            for (k, &s) in starts.iter().enumerate() {
                let next = starts.get(k + 1).copied().unwrap_or(b.len());
                longest = longest.max(next - s);
            }
            longest
        }
        let chunk = 1 << 18;
        let mut texts = Vec::new();
        for pad in [0usize, 1, 2, 5, 6, 7] {
            // A `\nfunc ` whose '\n' lies `pad` bytes before a chunk boundary.
            let mut t = String::from("func @a\n");
            t.push_str(&"x".repeat(chunk - t.len() - pad));
            t.push_str("\nfunc @b\n");
            t.push_str(&"y\n".repeat(chunk));
            t.push_str("func @c\n}\n");
            texts.push(t);
        }
        let mut t = "il 0.2.0\n".repeat(chunk / 2);
        t.push_str("func @a\n}\nfunc @b\n}\n");
        texts.push(t);
        for t in &texts {
            assert!(t.len() > 3 * chunk / 2);
            assert_eq!(super::longest_function(t), one_pass(t));
        }
    }
}
