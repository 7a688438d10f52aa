//! The `copydesk` binary: the CLI (`check`, `fix`, `explain`, `rules`,
//! `people`) and the language server, all thin adapters over the library.

mod cli;
mod lsp;

use std::process::ExitCode;

// mimalloc instead of the system's allocator: it keeps and reuses the memory
// it takes from the system, in large pages, where glibc's gives it back and
// takes it again. `check` on a month of the paper (pdaily-1998.txt) takes
// about 1,100 page faults instead of 19,600 and a fifth less time
// (scripts/bench-check), and the server answers a keystroke sooner
// (scripts/bench-server).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("COPYDESK_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_ansi(false)
        .init();
    cli::run()
}
