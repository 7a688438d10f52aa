//! A minimal language client for driving `copydesk server` as an editor
//! would: Content-Length framing over the child's stdio, requests matched to
//! their responses by id, notifications kept until a test asks for them, and
//! a timeout on every wait so that a hang fails the test instead of blocking
//! it forever.

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Long enough for a debug build to analyse a 10 MB document on a busy
/// machine; a wait this long means the server is stuck.
pub const PATIENCE: Duration = Duration::from_secs(180);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Notifications read while waiting for something else.
    notifications: VecDeque<Value>,
    next_id: i64,
    stderr: Arc<Mutex<String>>,
}

pub enum Encoding {
    Utf16,
    Utf8,
}

impl Client {
    /// Starts the server and initializes it with these capabilities and
    /// options; returns the client and the server's `InitializeResult`.
    pub fn start(capabilities: Value, options: Value) -> (Client, Value) {
        Client::start_in(capabilities, options, Value::Null)
    }

    /// Starts the server on workspace folders (`[{"uri":…, "name":…}]`).
    pub fn start_in(
        capabilities: Value,
        options: Value,
        workspace_folders: Value,
    ) -> (Client, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .arg("server")
            .env("COPYDESK_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut child_stderr = child.stderr.take().expect("piped stderr");
        let log = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buffer = [0; 4096];
            while let Ok(read) = child_stderr.read(&mut buffer) {
                if read == 0 {
                    break;
                }
                let text = String::from_utf8_lossy(&buffer[..read]).into_owned();
                log.lock().unwrap().push_str(&text);
            }
        });
        let mut client = Client {
            stdin: child.stdin.take(),
            child,
            incoming,
            notifications: VecDeque::new(),
            next_id: 0,
            stderr,
        };
        let result = client.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities,
                   "initializationOptions": options, "workspaceFolders": workspace_folders}),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    pub fn start_with(encoding: Encoding) -> Client {
        let capabilities = match encoding {
            Encoding::Utf16 => json!({}),
            Encoding::Utf8 => json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        };
        Client::start(capabilities, Value::Null).0
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response: the `result`, or a panic
    /// naming the error.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        match response.get("error") {
            Some(error) => panic!("{method} failed: {error}"),
            None => response["result"].clone(),
        }
    }

    /// Sends a request and returns the whole response message.
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + PATIENCE;
        loop {
            let message = self.receive(deadline, &format!("the response to {method}"));
            if message.get("id") == Some(&json!(id)) && message.get("method").is_none() {
                return message;
            }
            self.keep(message);
        }
    }

    /// Waits for a notification that `matches`.
    pub fn wait_for(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.notifications.iter().position(&matches) {
            return self.notifications.remove(index).expect("found");
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let message = self.receive(deadline, what);
            if matches(&message) {
                return message;
            }
            self.keep(message);
        }
    }

    /// Waits for a published set of a document's diagnostics that `matches`
    /// (whatever its version).
    pub fn published(
        &mut self,
        uri: &str,
        what: &str,
        matches: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        let message = self.wait_for(what, |message| {
            message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
                && matches(message["params"]["diagnostics"].as_array().unwrap())
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    /// Forgets the notifications read so far.
    pub fn forget_notifications(&mut self) {
        self.notifications.clear();
    }

    /// Waits for the diagnostics of one version of a document.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let matches = |message: &Value| {
            message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
                && message["params"]["version"] == version
        };
        let found = self.notifications.iter().position(matches);
        if let Some(index) = found {
            let message = self.notifications.remove(index).expect("found");
            return message["params"]["diagnostics"].as_array().unwrap().clone();
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let what = format!("the diagnostics of {uri} version {version}");
            let message = self.receive(deadline, &what);
            if matches(&message) {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.keep(message);
        }
    }

    pub fn open(&mut self, uri: &str, language: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}),
        );
    }

    /// Sends `shutdown` and `exit`, and waits for the process to end.
    pub fn shut_down(mut self) -> ExitStatus {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.wait_for_exit()
    }

    pub fn wait_for_exit(mut self) -> ExitStatus {
        drop(self.stdin.take());
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("waiting works") {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// What the server logged so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn keep(&mut self, message: Value) {
        if message.get("id").is_some() && message.get("method").is_some() {
            // A request from the server (e.g. a refresh): answer it.
            let id = message["id"].clone();
            self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
            // Kept too, for tests that wait for the request itself.
            self.notifications.push_back(message);
        } else {
            self.notifications.push_back(message);
        }
    }

    fn receive(&mut self, deadline: Instant, what: &str) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(left) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => {
                panic!(
                    "timed out waiting for {what}; server log:\n{}",
                    self.stderr()
                )
            }
            Err(RecvTimeoutError::Disconnected) => {
                panic!(
                    "the server closed its output while we waited for {what}; log:\n{}",
                    self.stderr()
                )
            }
        }
    }

    fn send(&mut self, message: &Value) {
        self.send_body(&serde_json::to_vec(message).unwrap());
    }

    /// Sends one frame with any body, JSON or not.
    pub fn send_body(&mut self, body: &[u8]) {
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(body);
        self.send_bytes(&frame);
    }

    /// Sends bytes as they are, framed or not.
    pub fn send_bytes(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed test must not leave a server behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}
