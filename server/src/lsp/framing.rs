//! `Content-Length` frames read and written in front of tower-lsp-server, so
//! that a message that cannot be decoded is answered and dropped instead of
//! ending the session.
//!
//! tower-lsp-server decodes stdin through tokio-util's `FramedRead`, which
//! stops for good after its first decode error (tokio-rs/tokio#3976): one
//! body that is not JSON, not UTF-8, `[]`, or holds a lone surrogate escape
//! would end the server. Here every frame is read and judged first; what
//! tower-lsp-server would accept is passed on to it unchanged (through an
//! in-memory pipe), what it would not is answered as JSON-RPC says — a parse
//! error with `id: null`, an invalid request with its id where it has one —
//! and the session goes on. A lone surrogate escape (`"\ud800"`, sent by
//! clients that split a pair between chunks) becomes U+FFFD, with a warning.
//! The answers and tower-lsp-server's own messages reach stdout through one
//! writer, a whole frame at a time.
//!
//! `Deframer` and `judge` are synchronous and pure, for the fuzz targets.

use serde::Deserialize;
use std::borrow::Cow;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};
use tower_lsp_server::{ClientSocket, LanguageServer, LspService, Server};

/// How much the pipes to and from tower-lsp-server hold before a writer
/// waits for the reader.
const PIPE_BYTES: usize = 1 << 20;

/// Bodies at least this long are judged on the blocking pool: parsing a
/// 20 MB `didOpen` takes tens of milliseconds.
const LARGE_BODY: usize = 1 << 20;

/// Serves the protocol on `input`/`output` (stdin/stdout) through the
/// framing layer until `exit` or the end of input.
pub async fn serve<S: LanguageServer>(
    input: impl AsyncRead + Unpin + Send + 'static,
    output: impl AsyncWrite + Unpin + Send + 'static,
    service: LspService<S>,
    socket: ClientSocket,
) {
    let (to_server, server_input) = tokio::io::duplex(PIPE_BYTES);
    let (server_output, from_server) = tokio::io::duplex(PIPE_BYTES);
    let (answers, answered) = mpsc::unbounded_channel();
    tokio::spawn(read_client(input, to_server, answers));
    let writer = tokio::spawn(write_client(from_server, answered, output));
    Server::new(server_input, server_output, socket)
        .serve(service)
        .await;
    // tower-lsp-server has closed its output: what it wrote last (the answer
    // to `shutdown`) is on its way out.
    let _ = writer.await;
}

/// Reads the client's frames, passes on what tower-lsp-server decodes and
/// answers the rest. Ends at the end of input, or when tower-lsp-server
/// stops reading (after `exit`).
async fn read_client(
    mut input: impl AsyncRead + Unpin,
    mut to_server: tokio::io::DuplexStream,
    answers: mpsc::UnboundedSender<Vec<u8>>,
) {
    let mut deframer = Deframer::default();
    let mut chunk = vec![0; 64 * 1024];
    loop {
        let read = match input.read(&mut chunk).await {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) => {
                tracing::error!("reading the client: {error}");
                break;
            }
        };
        deframer.push(&chunk[..read]);
        while let Some(frame) = deframer.next_frame() {
            let verdict = match frame {
                Frame::Body(body) if body.len() >= LARGE_BODY => {
                    match tokio::task::spawn_blocking(move || judge(body)).await {
                        Ok(verdict) => verdict,
                        Err(error) => {
                            tracing::error!("judging a message failed: {error}");
                            continue;
                        }
                    }
                }
                Frame::Body(body) => judge(body),
                Frame::Malformed(error) => {
                    tracing::warn!("a frame that cannot be read: {error}; answered and skipped");
                    let code = match error {
                        FrameError::TooLarge(..) => ErrorCode::InvalidRequest,
                        _ => ErrorCode::ParseError,
                    };
                    Verdict::Answer(answer(Id::Null, code, &error.to_string()))
                }
            };
            match verdict {
                Verdict::Pass(body) => {
                    let header = format!("Content-Length: {}\r\n\r\n", body.len());
                    let written = async {
                        to_server.write_all(header.as_bytes()).await?;
                        to_server.write_all(&body).await
                    };
                    if written.await.is_err() {
                        // tower-lsp-server stopped reading: `exit`.
                        return;
                    }
                }
                Verdict::Answer(response) => {
                    let _ = answers.send(frame_answer(&response));
                }
            }
        }
    }
}

/// Writes tower-lsp-server's frames and the framing layer's answers to the
/// client, each frame whole. Ends when tower-lsp-server closes its output.
async fn write_client(
    mut from_server: tokio::io::DuplexStream,
    mut answers: mpsc::UnboundedReceiver<Vec<u8>>,
    mut output: impl AsyncWrite + Unpin,
) {
    let mut deframer = Deframer::default();
    let mut chunk = vec![0; 64 * 1024];
    loop {
        let frames: Vec<Vec<u8>> = tokio::select! {
            read = from_server.read(&mut chunk) => match read {
                Ok(0) | Err(_) => break,
                Ok(read) => {
                    deframer.push(&chunk[..read]);
                    std::iter::from_fn(|| deframer.next_frame())
                        .filter_map(|frame| match frame {
                            Frame::Body(body) => Some(frame_body(&body)),
                            Frame::Malformed(_) => None,
                        })
                        .collect()
                }
            },
            Some(answer) = answers.recv() => vec![answer],
        };
        for frame in frames {
            if let Err(error) = output.write_all(&frame).await {
                tracing::error!("writing to the client: {error}");
                return;
            }
        }
        let _ = output.flush().await;
    }
    while let Ok(answer) = answers.try_recv() {
        let _ = output.write_all(&answer).await;
    }
    let _ = output.flush().await;
}

/// Headers longer than this without the blank line that ends them are not
/// headers: the reader looks for the next `Content-Length` instead.
const MAX_HEADERS: usize = 8 * 1024;

/// What the reader's buffer keeps between messages.
const KEPT_CAPACITY: usize = 256 * 1024;

/// The largest body read; a longer one is skipped unread and answered. Far
/// above any article (a 20 MB document is one message of about 20 MB).
pub const MAX_BODY: usize = 512 * 1024 * 1024;

/// Why a frame could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameError {
    /// A header line that is not `Name: value`, or not UTF-8.
    BadHeader(String),
    MissingLength,
    BadLength(String),
    /// More than `MAX_HEADERS` bytes with no end of headers.
    HeadersTooLong,
    /// A body longer than the limit: its length and the limit.
    TooLarge(usize, usize),
}

impl std::fmt::Display for FrameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrameError::BadHeader(line) => write!(f, "malformed header line {line:?}"),
            FrameError::MissingLength => write!(f, "headers without Content-Length"),
            FrameError::BadLength(value) => write!(f, "Content-Length {value:?} is not a length"),
            FrameError::HeadersTooLong => {
                write!(f, "more than {MAX_HEADERS} bytes without an end of headers")
            }
            FrameError::TooLarge(length, limit) => {
                write!(f, "a body of {length} bytes is over the limit of {limit}")
            }
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    Body(Vec<u8>),
    Malformed(FrameError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    Headers,
    Body(usize),
    /// A body over the limit, dropped as it arrives: bytes still to drop.
    Skipping(usize),
    /// After headers that could not be read: bytes are dropped up to the
    /// next `Content-Length`, however they arrive.
    Resyncing,
}

/// Cuts a byte stream into `Content-Length` frames, whatever the chunks it
/// arrives in, and finds its way back to the next frame after garbage.
#[derive(Debug)]
pub struct Deframer {
    buffer: Vec<u8>,
    /// Where the unread part of `buffer` starts.
    start: usize,
    reading: Reading,
    max_body: usize,
}

impl Default for Deframer {
    fn default() -> Deframer {
        Deframer::with_limit(MAX_BODY)
    }
}

impl Deframer {
    /// A deframer that skips bodies longer than `max_body`.
    pub fn with_limit(max_body: usize) -> Deframer {
        Deframer {
            buffer: Vec::new(),
            start: 0,
            reading: Reading::Headers,
            max_body,
        }
    }

    pub fn push(&mut self, mut bytes: &[u8]) {
        if let Reading::Skipping(left) = self.reading {
            let dropped = left.min(bytes.len());
            bytes = &bytes[dropped..];
            self.reading = match left - dropped {
                0 => Reading::Headers,
                left => Reading::Skipping(left),
            };
        }
        if self.start > 0 && self.start * 2 >= self.buffer.len() {
            self.buffer.drain(..self.start);
            self.start = 0;
        }
        self.buffer.extend_from_slice(bytes);
    }

    fn unread(&self) -> &[u8] {
        &self.buffer[self.start..]
    }

    /// The next complete frame, or `None` until more bytes arrive.
    pub fn next_frame(&mut self) -> Option<Frame> {
        loop {
            match self.reading {
                Reading::Skipping(_) => return None,
                Reading::Resyncing => {
                    if !self.resync() {
                        return None;
                    }
                    self.reading = Reading::Headers;
                }
                Reading::Body(length) => {
                    if self.unread().len() < length {
                        return None;
                    }
                    let body = if self.start == 0 && self.buffer.len() == length {
                        std::mem::take(&mut self.buffer)
                    } else {
                        self.unread()[..length].to_vec()
                    };
                    self.start += length;
                    if self.start >= self.buffer.len() {
                        self.buffer.clear();
                        self.start = 0;
                    }
                    // A 20 MB message must not keep 20 MB for good.
                    if self.buffer.capacity() > KEPT_CAPACITY {
                        self.buffer.drain(..self.start);
                        self.start = 0;
                        self.buffer.shrink_to(KEPT_CAPACITY);
                    }
                    self.reading = Reading::Headers;
                    return Some(Frame::Body(body));
                }
                Reading::Headers => {
                    // Blank lines between frames are tolerated.
                    let blank = self
                        .unread()
                        .iter()
                        .take_while(|b| matches!(b, b'\r' | b'\n' | b' ' | b'\t'))
                        .count();
                    self.start += blank;
                    let unread = self.unread();
                    if unread.is_empty() {
                        return None;
                    }
                    let Some(end) = memchr::memmem::find(unread, b"\r\n\r\n") else {
                        if unread.len() > MAX_HEADERS {
                            self.lose_track();
                            return Some(Frame::Malformed(FrameError::HeadersTooLong));
                        }
                        return None;
                    };
                    match content_length(&unread[..end]) {
                        Ok(length) => {
                            self.start += end + 4;
                            if length > self.max_body {
                                let here = self.unread().len().min(length);
                                self.start += here;
                                self.reading = match length - here {
                                    0 => Reading::Headers,
                                    left => Reading::Skipping(left),
                                };
                                return Some(Frame::Malformed(FrameError::TooLarge(
                                    length,
                                    self.max_body,
                                )));
                            }
                            self.reading = Reading::Body(length);
                        }
                        Err(error) => {
                            self.lose_track();
                            return Some(Frame::Malformed(error));
                        }
                    }
                }
            }
        }
    }

    /// Gives up the headers being read: their first byte is dropped, and
    /// the bytes after it up to the next `Content-Length`.
    fn lose_track(&mut self) {
        self.start += 1;
        self.reading = Reading::Resyncing;
    }

    /// Drops bytes up to the next `Content-Length`; true once it is there.
    /// A tail that may be the start of one split across reads is kept.
    fn resync(&mut self) -> bool {
        const NAME: &[u8] = b"content-length";
        let unread = self.unread();
        let next = [&b"Content-Length"[..], NAME]
            .iter()
            .filter_map(|name| memchr::memmem::find(unread, name))
            .min();
        if let Some(at) = next {
            self.start += at;
            return true;
        }
        let partial = (1..NAME.len())
            .rev()
            .find(|&n| {
                n <= unread.len() && unread[unread.len() - n..].eq_ignore_ascii_case(&NAME[..n])
            })
            .unwrap_or(0);
        self.start += unread.len() - partial;
        false
    }
}

/// The body length the headers give. Names are case-insensitive; headers
/// other than `Content-Length` (`Content-Type`) are accepted and ignored:
/// the body is read as UTF-8 in every case, the only encoding the protocol
/// has.
fn content_length(headers: &[u8]) -> Result<usize, FrameError> {
    let mut length = None;
    for line in headers.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let text = std::str::from_utf8(line)
            .map_err(|_| FrameError::BadHeader(String::from_utf8_lossy(line).into_owned()))?;
        let Some((name, value)) = text.split_once(':') else {
            return Err(FrameError::BadHeader(text.to_owned()));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let value = value.trim();
            let parsed = value
                .parse::<usize>()
                .map_err(|_| FrameError::BadLength(value.to_owned()))?;
            if length.is_some_and(|earlier| earlier != parsed) {
                return Err(FrameError::BadLength(value.to_owned()));
            }
            length = Some(parsed);
        }
    }
    length.ok_or(FrameError::MissingLength)
}

/// What to do with one frame's body.
#[derive(Debug)]
pub enum Verdict {
    /// tower-lsp-server decodes it: hand it on (repaired, if it had to be).
    Pass(Vec<u8>),
    /// It cannot be decoded: this is the answer.
    Answer(Response),
}

/// What tower-lsp-server decodes a message into (its own `Message` is
/// private): a response first, then a request or notification.
#[derive(Deserialize)]
#[serde(untagged)]
enum Incoming {
    #[allow(dead_code)]
    Response(Response),
    #[allow(dead_code)]
    Request(Request),
}

/// Judges one body: passed on if tower-lsp-server will decode it, else
/// answered. A lone surrogate escape is replaced with U+FFFD first.
pub fn judge(body: Vec<u8>) -> Verdict {
    let text = match String::from_utf8(body) {
        Ok(text) => text,
        Err(error) => {
            let error = error.utf8_error();
            tracing::warn!("a message that is not UTF-8 ({error}); answered and dropped");
            return Verdict::Answer(answer(
                Id::Null,
                ErrorCode::ParseError,
                "the message is not UTF-8",
            ));
        }
    };
    let text = match repair_lone_surrogates(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(repaired) => {
            tracing::warn!("a message with a lone surrogate escape: replaced with U+FFFD");
            repaired
        }
    };
    let trimmed = text.trim_ascii_start();
    if trimmed.starts_with('[') {
        tracing::warn!("a batch of messages (the protocol has none); answered and dropped");
        return match serde_json::from_str::<serde::de::IgnoredAny>(trimmed) {
            Ok(_) => Verdict::Answer(answer(
                Id::Null,
                ErrorCode::InvalidRequest,
                "batches are not supported",
            )),
            Err(error) => Verdict::Answer(parse_error(&error)),
        };
    }
    match serde_json::from_str::<Incoming>(trimmed) {
        Ok(_) => Verdict::Pass(text.into_bytes()),
        Err(error) if error.is_data() => {
            let id = id_of(trimmed);
            tracing::warn!("an invalid message (id {id}): {error}; answered and dropped");
            Verdict::Answer(answer(id, ErrorCode::InvalidRequest, &error.to_string()))
        }
        Err(error) => {
            tracing::warn!("a message that is not JSON: {error}; answered and dropped");
            Verdict::Answer(parse_error(&error))
        }
    }
}

fn parse_error(error: &serde_json::Error) -> Response {
    answer(Id::Null, ErrorCode::ParseError, &error.to_string())
}

fn answer(id: Id, code: ErrorCode, message: &str) -> Response {
    Response::from_error(
        id,
        Error {
            code,
            message: message.to_owned().into(),
            data: None,
        },
    )
}

/// The id of an invalid request, where it has one that can be answered.
fn id_of(text: &str) -> Id {
    #[derive(Deserialize)]
    struct WithId {
        id: serde_json::Value,
    }
    match serde_json::from_str::<WithId>(text).map(|m| m.id) {
        Ok(serde_json::Value::Number(n)) => n.as_i64().map_or(Id::Null, Id::Number),
        Ok(serde_json::Value::String(s)) => Id::String(s),
        _ => Id::Null,
    }
}

/// An answer to the client that tower-lsp-server never saw, framed.
pub fn frame_answer(response: &Response) -> Vec<u8> {
    let body = serde_json::to_vec(response).unwrap_or_default();
    frame_body(&body)
}

pub fn frame_body(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

/// JSON text with every `\uD800`–`\uDFFF` escape that is not half of a
/// surrogate pair replaced with `\uFFFD`. Escapes are read left to right,
/// so `\\ud800` (an escaped backslash, then `ud800`) is left alone.
pub fn repair_lone_surrogates(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let has_surrogate_escape = memchr::memmem::find_iter(bytes, b"\\u").any(|at| {
        bytes.get(at + 2..at + 4).is_some_and(|d| {
            d[0].eq_ignore_ascii_case(&b'd') && (b'8'..=b'f').contains(&d[1].to_ascii_lowercase())
        })
    });
    if !has_surrogate_escape {
        return Cow::Borrowed(text);
    }
    let hex = |at: usize| -> Option<u16> {
        let digits = text.get(at..at + 4)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u16::from_str_radix(digits, 16).ok()
    };
    let escape_at = |at: usize| -> Option<u16> {
        (bytes.get(at) == Some(&b'\\') && bytes.get(at + 1) == Some(&b'u'))
            .then(|| hex(at + 2))
            .flatten()
    };
    let mut repaired = String::with_capacity(text.len());
    let mut copied = 0;
    let mut at = 0;
    let mut changed = false;
    while let Some(found) = memchr::memchr(b'\\', &bytes[at..]) {
        let slash = at + found;
        match escape_at(slash) {
            Some(0xD800..=0xDBFF) => {
                if escape_at(slash + 6).is_some_and(|low| (0xDC00..=0xDFFF).contains(&low)) {
                    at = slash + 12;
                } else {
                    repaired.push_str(&text[copied..slash]);
                    repaired.push_str("\\ufffd");
                    copied = slash + 6;
                    at = copied;
                    changed = true;
                }
            }
            Some(0xDC00..=0xDFFF) => {
                repaired.push_str(&text[copied..slash]);
                repaired.push_str("\\ufffd");
                copied = slash + 6;
                at = copied;
                changed = true;
            }
            Some(_) => at = slash + 6,
            // Any other escape is two characters: `\\`, `\"`, `\n`…
            None => at = (slash + 2).min(bytes.len()),
        }
    }
    if !changed {
        return Cow::Borrowed(text);
    }
    repaired.push_str(&text[copied..]);
    Cow::Owned(repaired)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn frames(input: &[u8], chunk: usize) -> Vec<Frame> {
        let mut deframer = Deframer::default();
        let mut out = Vec::new();
        for piece in input.chunks(chunk.max(1)) {
            deframer.push(piece);
            while let Some(frame) = deframer.next_frame() {
                out.push(frame);
            }
        }
        out
    }

    fn body(text: &str) -> Frame {
        Frame::Body(text.as_bytes().to_vec())
    }

    fn answered(verdict: Verdict) -> Value {
        match verdict {
            Verdict::Answer(response) => serde_json::to_value(response).unwrap(),
            Verdict::Pass(bytes) => panic!("passed: {}", String::from_utf8_lossy(&bytes)),
        }
    }

    #[test]
    fn frames_are_found_whatever_the_chunks() {
        let input = b"Content-Length: 2\r\n\r\n{}content-length:3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[1]";
        for chunk in 1..input.len() {
            assert_eq!(
                frames(input, chunk),
                [body("{}"), body("[1]")],
                "chunks of {chunk}"
            );
        }
    }

    #[test]
    fn garbage_between_frames_costs_one_answer_and_the_next_frame_is_read() {
        let input = b"hello\r\n\r\nContent-Length: 2\r\n\r\n{}Content-Length: x\r\n\r\nContent-Length: 1\r\n\r\n1";
        assert_eq!(
            frames(input, 1000),
            [
                Frame::Malformed(FrameError::BadHeader("hello".into())),
                body("{}"),
                Frame::Malformed(FrameError::BadLength("x".into())),
                body("1"),
            ]
        );
    }

    #[test]
    fn a_bad_length_at_the_end_of_input_is_one_answer() {
        let input = b"Content-Length: twelve\r\n\r\nContent-Len";
        assert_eq!(
            frames(input, 1000),
            [Frame::Malformed(FrameError::BadLength("twelve".into()))]
        );
        let mut deframer = Deframer::default();
        deframer.push(b"Content-Length: 2\r\n\r\n{}x: y\r\n\r\nContent-Len");
        assert_eq!(deframer.next_frame(), Some(body("{}")));
        assert_eq!(
            deframer.next_frame(),
            Some(Frame::Malformed(FrameError::MissingLength))
        );
        assert_eq!(deframer.next_frame(), None);
        deframer.push(b"gth: 1\r\n\r\n1");
        assert_eq!(deframer.next_frame(), Some(body("1")));
    }

    #[test]
    fn a_body_over_the_limit_is_skipped_unread() {
        let mut deframer = Deframer::with_limit(2);
        deframer.push(b"Content-Length: 3\r\n\r\nxx");
        assert_eq!(
            deframer.next_frame(),
            Some(Frame::Malformed(FrameError::TooLarge(3, 2)))
        );
        assert_eq!(deframer.next_frame(), None);
        deframer.push(b"xContent-Length: 1\r\n\r\n1");
        assert_eq!(deframer.next_frame(), Some(body("1")));
    }

    #[test]
    fn what_tower_lsp_server_decodes_passes_unchanged() {
        for message in [
            json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}}),
            json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
            json!({"jsonrpc": "2.0", "id": "a", "result": null}),
            json!({"jsonrpc": "2.0", "id": 3, "error": {"code": -1, "message": "no"}}),
        ] {
            let text = message.to_string().into_bytes();
            match judge(text.clone()) {
                Verdict::Pass(passed) => assert_eq!(passed, text),
                Verdict::Answer(answer) => panic!("{message} answered {answer:?}"),
            }
        }
    }

    #[test]
    fn what_it_cannot_decode_is_answered_as_json_rpc_says() {
        let parse_error = json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700}});
        let cases: [(&[u8], Value); 6] = [
            (b"{not json", parse_error.clone()),
            (
                b"{\"jsonrpc\": \"2.0\", \"method\": \"x\", \"params\": \"\xff\"}",
                parse_error.clone(),
            ),
            (b"[]", json!({"id": null, "error": {"code": -32600}})),
            (
                br#"{"jsonrpc": "2.0", "id": {"a": 1}, "method": "hover"}"#,
                json!({"id": null, "error": {"code": -32600}}),
            ),
            (
                br#"{"jsonrpc": "1.0", "id": 7, "method": "hover"}"#,
                json!({"id": 7, "error": {"code": -32600}}),
            ),
            (
                br#"{"jsonrpc": "2.0", "id": "q", "method": 5}"#,
                json!({"id": "q", "error": {"code": -32600}}),
            ),
        ];
        for (input, expected) in cases {
            let answer = answered(judge(input.to_vec()));
            assert_eq!(answer["jsonrpc"], "2.0");
            assert_eq!(
                answer["id"],
                expected["id"],
                "{}",
                String::from_utf8_lossy(input)
            );
            assert_eq!(
                answer["error"]["code"],
                expected["error"]["code"],
                "{}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let message = r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"text":"a\ud800b\uDC00c\ud83d\ude00\\ud800"}}"#;
        let Verdict::Pass(passed) = judge(message.as_bytes().to_vec()) else {
            panic!("answered")
        };
        let value: Value = serde_json::from_slice(&passed).unwrap();
        assert_eq!(value["params"]["text"], "a\u{fffd}b\u{fffd}c😀\\ud800");
        assert!(matches!(
            repair_lone_surrogates(r#""\\ud800 \u00e9""#),
            Cow::Borrowed(_)
        ));
        assert_eq!(repair_lone_surrogates(r#""\ud800"#), r#""\ufffd"#);
        assert_eq!(repair_lone_surrogates(r#"\ud8"#), r#"\ud8"#);
    }
}
