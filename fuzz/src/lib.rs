//! The fuzz targets of copydesk: each takes arbitrary bytes and checks that
//! a stage neither panics nor hangs, and keeps its promises on what it made
//! of them. `cargo fuzz run TARGET` (nightly, libFuzzer) drives them from
//! `fuzz_targets/`; `tests/fuzz.rs` drives the same functions on stable
//! with proptest and replays every input kept in `tests/fuzz/regressions/`.
//!
//! The server's framing and edit application live in the binary, not the
//! library: their files are compiled in here as they are.

#![allow(clippy::missing_panics_doc)]

// Links the library that defines mi_collect, which `memory` declares.
use mimalloc as _;

use copydesk::source::{ColumnUnit, LineCol};
use copydesk::{Language, Register, RuleSettings, Source};

/// The server's modules these targets reach, with what they ask of their
/// parent module.
#[allow(dead_code, unused_imports)]
#[path = "../../server/src/lsp/convert.rs"]
mod convert;
#[allow(dead_code, unused_imports)]
#[path = "../../server/src/lsp/documents.rs"]
mod documents;
#[allow(dead_code, unused_imports)]
#[path = "../../server/src/lsp/framing.rs"]
mod framing;
#[allow(dead_code, unused_imports)]
#[path = "../../server/src/lsp/memory.rs"]
mod memory;

#[allow(dead_code)]
fn cores() -> usize {
    1
}

/// Text from bytes, as an editor would hand it over (invalid UTF-8 replaced).
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

fn language(selector: u8) -> Language {
    match selector % 3 {
        0 => Language::PlainText,
        1 => Language::Markdown,
        _ => Language::Html,
    }
}

/// Every block's logical text maps back inside the source, on character
/// boundaries, in order.
fn blocks_of(text: String, language: Language) {
    let source = Source::new(text, language);
    let blocks = copydesk::blocks::blocks(&source);
    let whole = source.text();
    let mut previous_end = 0;
    for block in &blocks {
        let range = block.full_source_range();
        assert!(
            range.start <= range.end && range.end <= whole.len(),
            "{range:?} out of bounds"
        );
        assert!(whole.is_char_boundary(range.start) && whole.is_char_boundary(range.end));
        if range.is_empty() {
            continue;
        }
        assert!(range.start >= previous_end, "blocks overlap at {range:?}");
        previous_end = range.end;
        for wrap in &block.wraps {
            assert!(wrap.end <= whole.len() && whole.is_char_boundary(wrap.start));
        }
    }
}

/// The layout of arbitrary plain text.
pub fn layout(data: &[u8]) {
    blocks_of(text(data), Language::PlainText);
}

/// Markdown blocks.
pub fn markdown(data: &[u8]) {
    blocks_of(text(data), Language::Markdown);
}

/// HTML blocks.
pub fn html(data: &[u8]) {
    blocks_of(text(data), Language::Html);
}

/// Every rule on arbitrary text (the first byte picks the language): each
/// finding and edit inside the text on character boundaries, and the safe
/// fixes applied twice give what they give once.
pub fn rules(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let language = language(selector);
    let text = text(rest);
    let source = Source::new(text.clone(), language);
    let settings = RuleSettings::default();
    for finding in copydesk::check(&source, &settings) {
        let in_text = |r: &std::ops::Range<usize>| {
            r.start <= r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        };
        assert!(
            in_text(&finding.range),
            "{}: {:?}",
            finding.rule,
            finding.range
        );
        for fix in &finding.fixes {
            for edit in &fix.edits {
                assert!(
                    in_text(&edit.range),
                    "{} fix: {:?}",
                    finding.rule,
                    edit.range
                );
            }
        }
    }
    let once = copydesk::fix::fix_text(&text, language, &settings);
    let twice = copydesk::fix::fix_text(&once, language, &settings);
    assert_eq!(once, twice, "fixing is not idempotent");
}

/// The register parser: every problem is placed on a line of the text.
pub fn register(data: &[u8]) {
    let text = text(data);
    let register = Register::parse(&text);
    let lines = text.split('\n').count();
    for problem in &register.problems {
        assert!(
            problem.line >= 1 && problem.line <= lines.max(1),
            "problem at line {}",
            problem.line
        );
    }
}

/// The server's framing: however the bytes are cut into reads, the same
/// frames come out, and every body gets a verdict.
pub fn framing(data: &[u8]) {
    let Some((&cut, rest)) = data.split_first() else {
        return;
    };
    let whole = frames(rest, rest.len().max(1));
    let chunked = frames(rest, usize::from(cut % 17) + 1);
    assert_eq!(whole, chunked, "frames depend on how the input was cut");
    for frame in whole {
        if let framing::Frame::Body(body) = frame {
            match framing::judge(body) {
                framing::Verdict::Pass(passed) => {
                    assert!(
                        std::str::from_utf8(&passed).is_ok(),
                        "passed a body that is not UTF-8"
                    );
                }
                framing::Verdict::Answer(response) => {
                    assert!(serde_json::to_string(&response).is_ok());
                }
            }
        }
    }
}

fn frames(data: &[u8], chunk: usize) -> Vec<framing::Frame> {
    // A small limit, so that skipping an oversized body is reached too.
    let mut deframer = framing::Deframer::with_limit(64);
    let mut out = Vec::new();
    for piece in data.chunks(chunk) {
        deframer.push(piece);
        while let Some(frame) = deframer.next_frame() {
            out.push(frame);
        }
    }
    out
}

/// The server's edit application: a text opened, then changed by edits at
/// arbitrary (also out-of-range) positions in UTF-16 or UTF-8 units, equals
/// the same edits applied to a plain string, and its positions agree with
/// a source built from the text from scratch.
pub fn edits(data: &[u8]) {
    use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let unit = if selector & 1 == 0 {
        ColumnUnit::Utf16
    } else {
        ColumnUnit::Utf8
    };
    // The first half is the text; the rest, five bytes an edit.
    let (initial, script) = rest.split_at(rest.len() / 2);
    let mut model = text(initial);
    let uri: Uri = "file:///fuzz.txt".parse().unwrap();
    let mut documents = documents::Documents::default();
    documents.open(uri.clone(), 0, model.clone(), Language::PlainText);
    let inserts = ["", "a", "的", "𠮷", "\r\n", "\r", "\n", "e\u{301}", ","];
    for (version, step) in script.chunks_exact(5).enumerate() {
        let position =
            |line: u8, character: u8| Position::new(u32::from(line % 8), u32::from(character % 24));
        let start = position(step[0], step[1]);
        let mut end = position(step[2], step[3]);
        if (end.line, end.character) < (start.line, start.character) {
            end = start;
        }
        let new_text = inserts[usize::from(step[4]) % inserts.len()].to_owned();
        let before = Source::new(model.clone(), Language::PlainText);
        let bytes = convert::byte_range(&before, Range::new(start, end), unit);
        model.replace_range(bytes, &new_text);
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(start, end)),
            range_length: None,
            text: new_text,
        };
        let snapshot = documents
            .change(&uri, version as i32 + 1, vec![change], unit)
            .expect("open");
        assert_eq!(snapshot.source.text(), model, "the edited text differs");
    }
    let edited = documents.get(&uri).expect("open").source;
    let fresh = Source::new(model.clone(), Language::PlainText);
    assert_eq!(edited.line_count(), fresh.line_count());
    for (offset, c) in model.char_indices().step_by(7) {
        assert_eq!(edited.line_col(offset, unit), fresh.line_col(offset, unit));
        // The \n of a CRLF has no position of its own.
        if c == '\n' && model[..offset].ends_with('\r') {
            continue;
        }
        let LineCol { line, column } = fresh.line_col(offset, unit);
        assert_eq!(edited.offset(LineCol { line, column }, unit), offset);
    }
}
