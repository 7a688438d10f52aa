//! Bounds on what one document may cost, and memory given back after a
//! large one.
//!
//! mimalloc keeps the pages a thread freed for that thread to use again;
//! after a 20 MB document is closed that is hundreds of MiB that no thread
//! may ever ask for. `give_back` asks each thread that may hold such pages
//! (this one, the rayon pool's, the blocking pool's) to return its empty
//! pages to the system.

use std::time::Duration;

/// Documents longer than this (in bytes of UTF-8) are checked with the form
/// rules only: no names, titles, lists or terms are extracted from them and
/// they take no part in the edition's consistency. One informational
/// diagnostic says so. 8 MiB is some 2.8 million Chinese characters, a
/// hundred times a long feature and above every budgeted size (a 1 MB
/// document, a line of a million characters); the facts of a 20 MB document
/// would take hundreds of MiB.
pub const FULL_CHECK_BYTES: usize = 8 * 1024 * 1024;

/// A document at least this long gives its memory back when it is closed.
pub const LARGE_BYTES: usize = 1024 * 1024;

unsafe extern "C" {
    /// mimalloc's: frees the calling thread's empty pages and, with
    /// `force`, returns what it can to the system. (The `mimalloc` crate
    /// links the library; its binding of this function needs another crate.)
    fn mi_collect(force: bool);
    fn mi_option_set(option: i32, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in the mimalloc (v2) that `mimalloc` builds.
const MI_OPTION_PURGE_DELAY: i32 = 15;

/// How long freed pages stay with the process before mimalloc returns them
/// (its default is 10 ms). Each keystroke in a long document frees and
/// takes again a few copies of its text; returned pages come back zeroed by
/// the kernel, which took a third of a keystroke's time in a line of a
/// million characters (perf: clear_page_erms). `give_back` returns them at
/// once where it matters, after a large document.
pub const PURGE_DELAY_MS: std::ffi::c_long = 1000;

/// Sets the allocator up for the server.
pub fn configure() {
    // SAFETY: mi_option_set only stores a value in mimalloc's option table.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) }
}

/// Returns the calling thread's free memory to the system.
pub fn collect_this_thread() {
    // SAFETY: mi_collect takes no pointers and only walks the calling
    // thread's own heap; it is safe to call at any time on any thread.
    unsafe { mi_collect(true) }
}

/// Returns free memory to the system from every thread that analyses:
/// this one, each of rayon's, and the blocking pool's (each of its tasks
/// holds a thread for a moment, so that they land on different threads).
pub async fn give_back() {
    collect_this_thread();
    let rayon = tokio::task::spawn_blocking(|| rayon::broadcast(|_| collect_this_thread()));
    let blocking: Vec<_> = (0..super::cores() + 1)
        .map(|_| {
            tokio::task::spawn_blocking(|| {
                collect_this_thread();
                std::thread::sleep(Duration::from_millis(5));
            })
        })
        .collect();
    let _ = rayon.await;
    for task in blocking {
        let _ = task.await;
    }
}
