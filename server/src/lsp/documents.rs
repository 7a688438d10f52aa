//! The open documents and incremental text sync.
//!
//! Every change is applied synchronously, in the order the notifications
//! arrive: the handlers call into here before their first `.await`, so
//! tower-lsp's concurrent handling cannot reorder edits
//! (ebkalderon/tower-lsp#284).

use super::convert;
use copydesk::source::ColumnUnit;
use copydesk::{Language, Source};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

/// One open document at one version. Cheap to clone: handlers take a
/// snapshot and work on it off the lock while edits go on.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    pub source: Arc<Source>,
    /// When this version arrived: the start of the keystroke-to-diagnostics
    /// latency that the server logs (and `scripts/bench-server` reads).
    pub received: Instant,
}

#[derive(Default)]
pub struct Documents {
    open: HashMap<Uri, Snapshot>,
}

/// The language of a document: its `languageId` when copydesk knows it,
/// else its file extension (`.txt`, `.md`, `.markdown`, `.html`, `.htm`).
pub fn language_of(uri: &Uri, language_id: &str) -> Option<Language> {
    Language::from_language_id(language_id).or_else(|| {
        let path = uri.path().as_str();
        Language::from_path(Path::new(path))
    })
}

impl Documents {
    pub fn open(&mut self, uri: Uri, version: i32, text: String, language: Language) -> Snapshot {
        let snapshot = Snapshot {
            uri: uri.clone(),
            version,
            source: Arc::new(Source::new(text, language)),
            received: Instant::now(),
        };
        self.open.insert(uri, snapshot.clone());
        snapshot
    }

    /// Applies a `didChange`'s events in order. `None` (and nothing changed)
    /// for a document that is not open.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        unit: ColumnUnit,
    ) -> Option<Snapshot> {
        let document = self.open.get_mut(uri)?;
        if version <= document.version {
            tracing::warn!(
                "{}: version {version} after {}; applying it anyway",
                uri.as_str(),
                document.version
            );
        }
        let mut source = Arc::clone(&document.source);
        for change in changes {
            source = Arc::new(apply_change(&source, change, unit));
        }
        document.source = source;
        document.version = version;
        document.received = Instant::now();
        Some(document.clone())
    }

    pub fn close(&mut self, uri: &Uri) -> bool {
        self.open.remove(uri).is_some()
    }

    pub fn get(&self, uri: &Uri) -> Option<Snapshot> {
        self.open.get(uri).cloned()
    }

    pub fn all(&self) -> impl Iterator<Item = &Snapshot> {
        self.open.values()
    }

    pub fn version(&self, uri: &Uri) -> Option<i32> {
        self.open.get(uri).map(|d| d.version)
    }
}

fn apply_change(
    source: &Source,
    change: TextDocumentContentChangeEvent,
    unit: ColumnUnit,
) -> Source {
    let Some(range) = change.range else {
        return Source::new(change.text, source.language());
    };
    let bytes = convert::byte_range(source, range, unit);
    let mut rope = source.rope().clone();
    let start = rope.byte_to_char(bytes.start);
    let end = rope.byte_to_char(bytes.end);
    rope.remove(start..end);
    rope.insert(start, &change.text);
    Source::from_rope(rope, source.language())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn change(range: ((u32, u32), (u32, u32)), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(range.0.0, range.0.1),
                Position::new(range.1.0, range.1.1),
            )),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn edits_apply_in_order_in_utf16_columns() {
        let uri: Uri = "file:///a.txt".parse().unwrap();
        let mut documents = Documents::default();
        documents.open(uri.clone(), 1, "𠮷野家\r\n好".into(), Language::PlainText);
        // After 𠮷 (two UTF-16 units): insert 吉; then replace the second line.
        let events = vec![
            change(((0, 2), (0, 2)), "吉"),
            change(((1, 0), (1, 9)), "坏"),
        ];
        let snapshot = documents
            .change(&uri, 2, events, ColumnUnit::Utf16)
            .unwrap();
        assert_eq!(snapshot.source.text(), "𠮷吉野家\r\n坏");
        assert_eq!(snapshot.version, 2);
        let unknown: Uri = "file:///b.txt".parse().unwrap();
        assert!(
            documents
                .change(&unknown, 1, vec![], ColumnUnit::Utf16)
                .is_none()
        );
    }

    #[test]
    fn language_from_id_or_extension() {
        let md: Uri = "file:///x/a.markdown".parse().unwrap();
        assert_eq!(language_of(&md, "unknown"), Some(Language::Markdown));
        assert_eq!(language_of(&md, "plaintext"), Some(Language::PlainText));
        let rs: Uri = "file:///x/a.rs".parse().unwrap();
        assert_eq!(language_of(&rs, "rust"), None);
    }
}
