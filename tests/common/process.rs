//! Running the built `copydesk` binary as a user would, shared by the
//! end-to-end suites (each uses a part of it).
#![allow(dead_code)]

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn copydesk() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    command.env_remove("COPYDESK_LOG");
    command
}

/// Runs copydesk in a folder.
pub fn run(args: &[&str], dir: &Path) -> Output {
    copydesk()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("copydesk runs")
}

/// Runs copydesk with text on standard input.
pub fn run_with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = copydesk()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("copydesk runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The JSON on stdout; a failure shows what was printed instead.
pub fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// A temporary folder with these files in it.
pub fn workspace(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}
