//! The `copydesk` binary: the CLI (`check`, `fix`, `explain`, `rules`) and,
//! later, the language server, all thin adapters over the library.

mod cli;
mod lsp;

use std::process::ExitCode;

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
