//! `copydesk server`: the language server, over stdio.
//!
//! A thin adapter over the synchronous core: `documents` keeps the text in
//! sync, `convert` maps positions and findings to the protocol, `analysis`
//! runs the core off the async executor, `actions` and `outline` shape its
//! results, `server` wires them to the protocol's methods and schedules
//! re-analysis. No rule logic lives here.

mod actions;
mod analysis;
mod config;
mod convert;
mod dependents;
mod documents;
mod framing;
mod memory;
mod outline;
mod people;
mod server;
mod suppress;
mod workspace;

use std::process::ExitCode;
use std::time::Duration;

/// The cores analyses may use at once.
fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

pub fn run() -> ExitCode {
    memory::configure();
    // The dictionary takes about a tenth of a second to load; start now so
    // that the first document's word rules do not wait for all of it.
    std::thread::spawn(copydesk::tokens::warm_up);
    // The blocking pool runs the analyses (one per core at a time, see
    // `Analyzer`), converts findings, answers requests and writes stdout;
    // reading stdin holds one thread all along. Each thread keeps memory of
    // its own, so no more of them than that: 100 open articles take about
    // 71 MiB with 4 threads on 2 cores, 78 to 88 MiB with 6.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .max_blocking_threads(cores() + 2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::from(2);
        }
    };
    let clean_exit = runtime.block_on(server::serve_stdio());
    // Do not wait for an analysis still running on the blocking pool, nor
    // for the thread blocked reading stdin: the client has said goodbye.
    runtime.shutdown_timeout(Duration::from_millis(100));
    if clean_exit {
        ExitCode::SUCCESS
    } else {
        // The protocol's answer to `exit` without `shutdown` first.
        ExitCode::FAILURE
    }
}
