//! The document text and every position conversion the project needs.
//!
//! The core addresses text by byte offset into [`Source::text`]. Protocols and
//! reports want lines and columns in some unit (UTF-8 bytes, UTF-16 code units,
//! or characters); those conversions happen here and nowhere else.

use ropey::Rope;
use std::ops::Range;
use std::path::Path;

/// How a document is written: this decides how it is cut into blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    PlainText,
    Markdown,
    Html,
}

impl Language {
    /// The language of an article file, from its extension; `None` for files
    /// copydesk does not read.
    pub fn from_path(path: &Path) -> Option<Language> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Language::PlainText),
            "md" | "markdown" => Some(Language::Markdown),
            "html" | "htm" => Some(Language::Html),
            _ => None,
        }
    }

    /// The language for an LSP `languageId`.
    pub fn from_language_id(id: &str) -> Option<Language> {
        match id {
            "plaintext" | "text" => Some(Language::PlainText),
            "markdown" => Some(Language::Markdown),
            "html" => Some(Language::Html),
            _ => None,
        }
    }
}

/// The unit in which a column is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnUnit {
    Utf8,
    Utf16,
    /// Unicode scalar values: what people (and the CLI's reports) count.
    Char,
}

/// A zero-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// A document's text. A leading byte-order mark is not part of the text:
/// [`Source::new`] strips it and reports that it was there, so that `fix` can
/// put it back.
#[derive(Clone, Debug)]
pub struct Source {
    text: String,
    /// Built on first use: the editor's edits and positions deep in long
    /// lines need it; a report on a file usually does not.
    rope: std::sync::OnceLock<Rope>,
    language: Language,
    /// Where each line starts, found on the first position asked for: a
    /// report of thousands of findings asks for many, and a flat table
    /// answers faster than the rope.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

pub const BOM: char = '\u{feff}';

/// Columns further into a line than this many bytes are counted by the rope
/// rather than character by character.
const SHORT_LINE_PREFIX: usize = 4096;

impl Source {
    pub fn new(text: impl Into<String>, language: Language) -> Source {
        Source {
            text: text.into(),
            rope: Default::default(),
            language,
            line_starts: Default::default(),
        }
    }

    /// Builds a source from an editor's rope without re-parsing lines.
    pub fn from_rope(rope: Rope, language: Language) -> Source {
        Source {
            text: rope.to_string(),
            rope: rope.into(),
            language,
            line_starts: Default::default(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn rope(&self) -> &Rope {
        self.rope.get_or_init(|| Rope::from_str(&self.text))
    }

    pub fn language(&self) -> Language {
        self.language
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }

    /// The largest char boundary at or before `offset`, clamped to the text.
    pub fn floor_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The line and column of a byte offset. Offsets inside a character or
    /// past the end are clamped.
    pub fn line_col(&self, offset: usize, unit: ColumnUnit) -> LineCol {
        let offset = self.floor_boundary(offset);
        let starts = self.line_starts();
        let line = starts.partition_point(|&start| start <= offset) - 1;
        let before = &self.text[starts[line]..offset];
        if before.len() > SHORT_LINE_PREFIX {
            return self.line_col_by_rope(offset, unit);
        }
        let column = match unit {
            ColumnUnit::Utf8 => before.len(),
            ColumnUnit::Char => before.chars().count(),
            ColumnUnit::Utf16 => before.encode_utf16().count(),
        };
        LineCol { line, column }
    }

    /// The byte offset where each line starts. Lines end at LF, CRLF or CR,
    /// as in the rope (`cr_lines`).
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut starts = vec![0];
            for index in memchr::memchr2_iter(b'\n', b'\r', bytes) {
                let breaks = bytes[index] == b'\n' || bytes.get(index + 1) != Some(&b'\n');
                if breaks {
                    starts.push(index + 1);
                }
            }
            starts
        })
    }

    fn line_col_by_rope(&self, offset: usize, unit: ColumnUnit) -> LineCol {
        // The rope answers each of these in logarithmic time, so a position
        // deep in one long line costs no more than one near its start.
        let line = self.rope().byte_to_line(offset);
        let line_start = self.rope().line_to_byte(line);
        let column = match unit {
            ColumnUnit::Utf8 => offset - line_start,
            ColumnUnit::Char => {
                self.rope().byte_to_char(offset) - self.rope().byte_to_char(line_start)
            }
            ColumnUnit::Utf16 => {
                let (at, start) = (
                    self.rope().byte_to_char(offset),
                    self.rope().byte_to_char(line_start),
                );
                self.rope().char_to_utf16_cu(at) - self.rope().char_to_utf16_cu(start)
            }
        };
        LineCol { line, column }
    }

    /// The byte offset of a line and column. A line past the end gives the
    /// end of the text; a column past the end of its line gives the end of
    /// the line (before its line break), as LSP asks; a column inside a
    /// character gives that character's start.
    pub fn offset(&self, position: LineCol, unit: ColumnUnit) -> usize {
        let Some(&line_start) = self.line_starts().get(position.line) else {
            return self.text.len();
        };
        let line_end = self.line_content_end(position.line);
        let line = &self.text[line_start..line_end];
        let mut counted = 0;
        for (index, ch) in line.char_indices() {
            let width = match unit {
                ColumnUnit::Utf8 => ch.len_utf8(),
                ColumnUnit::Utf16 => ch.len_utf16(),
                ColumnUnit::Char => 1,
            };
            if counted + width > position.column {
                return line_start + index;
            }
            counted += width;
        }
        line_end
    }

    /// The byte range of a line without its line break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self
            .line_starts()
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        start..self.line_content_end(line)
    }

    fn line_content_end(&self, line: usize) -> usize {
        let Some(&next) = self.line_starts().get(line + 1) else {
            return self.text.len();
        };
        let bytes = self.text.as_bytes();
        let mut end = next;
        if end > 0 && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > 0 && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        end
    }
}

/// A byte range `delta` bytes further on (back, when negative): where text
/// after an edit moved to.
pub fn moved(range: &Range<usize>, delta: isize) -> Range<usize> {
    range.start.saturating_add_signed(delta)..range.end.saturating_add_signed(delta)
}

/// Splits off a leading byte-order mark.
pub fn strip_bom(text: &str) -> (&str, bool) {
    match text.strip_prefix(BOM) {
        Some(rest) => (rest, true),
        None => (text, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_table_agrees_with_the_rope_everywhere() {
        let texts = [
            "",
            "甲\n乙\r\n丙\r丁\n\n𠮷a\r\n",
            "\r\r\n\n\r",
            "no break at all 张群环",
            "末行\n",
        ];
        for text in texts {
            let source = Source::new(text, Language::PlainText);
            for offset in 0..=text.len() + 2 {
                for unit in [ColumnUnit::Utf8, ColumnUnit::Char, ColumnUnit::Utf16] {
                    let clamped = source.floor_boundary(offset);
                    assert_eq!(
                        source.line_col(offset, unit),
                        source.line_col_by_rope(clamped, unit),
                        "{text:?} at {offset} in {unit:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn columns_in_each_unit_after_cjk_and_non_bmp() {
        let source = Source::new("第一行\r\n𠮷野家，好", Language::PlainText);
        let comma = source.text().find('，').unwrap();
        assert_eq!(
            source.line_col(comma, ColumnUnit::Char),
            LineCol { line: 1, column: 3 }
        );
        assert_eq!(
            source.line_col(comma, ColumnUnit::Utf16),
            LineCol { line: 1, column: 4 }
        );
        assert_eq!(
            source.line_col(comma, ColumnUnit::Utf8),
            LineCol {
                line: 1,
                column: 10
            }
        );
        for unit in [ColumnUnit::Char, ColumnUnit::Utf16, ColumnUnit::Utf8] {
            assert_eq!(source.offset(source.line_col(comma, unit), unit), comma);
        }
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let source = Source::new("甲乙\n丙", Language::PlainText);
        let end_of_first = source.offset(
            LineCol {
                line: 0,
                column: 99,
            },
            ColumnUnit::Utf16,
        );
        assert_eq!(end_of_first, "甲乙".len());
        assert_eq!(
            source.offset(LineCol { line: 9, column: 0 }, ColumnUnit::Char),
            source.len()
        );
        // Inside the surrogate pair of 𠮷: the character's start.
        let source = Source::new("𠮷", Language::PlainText);
        assert_eq!(
            source.offset(LineCol { line: 0, column: 1 }, ColumnUnit::Utf16),
            0
        );
        assert_eq!(source.line_col(2, ColumnUnit::Char).column, 0);
    }

    #[test]
    fn bare_carriage_returns_end_lines() {
        let source = Source::new("甲\r乙\r\n丙\n", Language::PlainText);
        assert_eq!(source.line_count(), 4);
        assert_eq!(&source.text()[source.line_range(1)], "乙");
    }
}
