//! "checked 120/480 files" on stderr while a long `check` runs: only on a
//! terminal, never in CI (`CI` set), and only once the run has taken more than
//! a second, so that a quick check prints nothing extra. The line is redrawn
//! in place by a small thread a few times a second; the workers only count.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const DELAY: Duration = Duration::from_secs(1);
const REDRAW: Duration = Duration::from_millis(150);

struct State {
    total: usize,
    done: AtomicUsize,
    /// The stage's name and whether its files are counted.
    stage: Mutex<(&'static str, bool)>,
}

pub struct Progress {
    state: Arc<State>,
    painter: Option<(mpsc::Sender<()>, JoinHandle<bool>)>,
}

impl Progress {
    /// Counts `total` files, showing the count when stderr is a terminal
    /// outside CI.
    pub fn start(total: usize) -> Progress {
        let wanted = std::io::stderr().is_terminal() && !in_ci();
        Progress::new(total, wanted)
    }

    fn new(total: usize, shown: bool) -> Progress {
        let state = Arc::new(State {
            total,
            done: AtomicUsize::new(0),
            stage: Mutex::new(("checked", true)),
        });
        let painter = shown.then(|| {
            let (stop, stopped) = mpsc::channel();
            let state = Arc::clone(&state);
            let started = Instant::now();
            let handle = std::thread::spawn(move || {
                let mut drawn = false;
                loop {
                    match stopped.recv_timeout(REDRAW) {
                        Err(RecvTimeoutError::Timeout) if started.elapsed() >= DELAY => {
                            let mut err = std::io::stderr().lock();
                            let _ = write!(
                                err,
                                "\r\x1b[2K{} ({} s)",
                                state.line(),
                                started.elapsed().as_secs()
                            );
                            let _ = err.flush();
                            drawn = true;
                        }
                        Err(RecvTimeoutError::Timeout) => {}
                        _ => return drawn,
                    }
                }
            });
            (stop, handle)
        });
        Progress { state, painter }
    }

    /// One more file done in the current stage.
    pub fn tick(&self) {
        self.state.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Starts counting the files again under another name, e.g. the
    /// consistency rules after the form rules.
    pub fn stage(&self, name: &'static str) {
        self.set_stage(name, true);
    }

    /// A stage whose progress is not counted: only its name and the time.
    pub fn uncounted_stage(&self, name: &'static str) {
        self.set_stage(name, false);
    }

    fn set_stage(&self, name: &'static str, counted: bool) {
        *self.state.stage.lock().unwrap_or_else(|e| e.into_inner()) = (name, counted);
        self.state.done.store(0, Ordering::Relaxed);
    }

    /// Stops and erases the line, before the report is written.
    pub fn finish(self) {
        if let Some((stop, handle)) = self.painter {
            drop(stop);
            if handle.join().unwrap_or(false) {
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r\x1b[2K");
                let _ = err.flush();
            }
        }
    }
}

impl State {
    fn line(&self) -> String {
        let (stage, counted) = *self.stage.lock().unwrap_or_else(|e| e.into_inner());
        if !counted {
            return format!("{stage} ({} files)", self.total);
        }
        let done = self.done.load(Ordering::Relaxed).min(self.total);
        format!("{stage} {done}/{} files", self.total)
    }
}

fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|value| !value.is_empty() && value != "false")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_per_stage() {
        let progress = Progress::new(3, false);
        progress.tick();
        progress.tick();
        assert_eq!(progress.state.line(), "checked 2/3 files");
        progress.uncounted_stage("reading names");
        assert_eq!(progress.state.line(), "reading names (3 files)");
        progress.stage("cross-checked");
        progress.tick();
        assert_eq!(progress.state.line(), "cross-checked 1/3 files");
        progress.finish();
    }
}
