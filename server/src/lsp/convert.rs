//! Conversions between the core's byte offsets and the protocol's positions,
//! and from findings and edits to their protocol forms. The arithmetic itself
//! is `copydesk::source`'s; this file only picks the unit and wraps the types.

use copydesk::source::{ColumnUnit, LineCol};
use copydesk::{Edit, Finding, Severity, Source};
use std::ops::Range;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, PositionEncodingKind, TextEdit, Uri,
};

/// The position encoding agreed with the client: UTF-8 when it offers it
/// (no conversion cost on our side), else the protocol's mandatory UTF-16.
pub fn negotiate_encoding(offered: Option<&[PositionEncodingKind]>) -> ColumnUnit {
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => ColumnUnit::Utf8,
        _ => ColumnUnit::Utf16,
    }
}

pub fn encoding_kind(unit: ColumnUnit) -> PositionEncodingKind {
    match unit {
        ColumnUnit::Utf8 => PositionEncodingKind::UTF8,
        ColumnUnit::Utf16 => PositionEncodingKind::UTF16,
        ColumnUnit::Char => PositionEncodingKind::UTF32,
    }
}

pub fn position(source: &Source, offset: usize, unit: ColumnUnit) -> Position {
    let LineCol { line, column } = source.line_col(offset, unit);
    Position::new(saturate(line), saturate(column))
}

pub fn range(
    source: &Source,
    bytes: &Range<usize>,
    unit: ColumnUnit,
) -> tower_lsp_server::ls_types::Range {
    tower_lsp_server::ls_types::Range::new(
        position(source, bytes.start, unit),
        position(source, bytes.end, unit),
    )
}

/// The byte offset of a client position; positions past a line's end or the
/// document's end are clamped (the protocol asks for that, and a confused
/// client must not bring the server down).
pub fn offset(source: &Source, position: Position, unit: ColumnUnit) -> usize {
    source.offset(
        LineCol {
            line: position.line as usize,
            column: position.character as usize,
        },
        unit,
    )
}

/// The byte range of a client range, its ends put in order.
pub fn byte_range(
    source: &Source,
    range: tower_lsp_server::ls_types::Range,
    unit: ColumnUnit,
) -> Range<usize> {
    let start = offset(source, range.start, unit);
    let end = offset(source, range.end, unit);
    start.min(end)..start.max(end)
}

fn saturate(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

pub const DIAGNOSTIC_SOURCE: &str = "copydesk";

/// Other articles of the edition that findings point into, by URI.
pub type Elsewhere = std::collections::HashMap<String, std::sync::Arc<copydesk::Article>>;

pub fn diagnostic(source: &Source, uri: &Uri, finding: &Finding, unit: ColumnUnit) -> Diagnostic {
    diagnostic_in_edition(source, uri, finding, unit, &Elsewhere::new())
}

/// A diagnostic whose related places may lie in other articles.
pub fn diagnostic_in_edition(
    source: &Source,
    uri: &Uri,
    finding: &Finding,
    unit: ColumnUnit,
    elsewhere: &Elsewhere,
) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|related| {
            let location = match &related.document {
                None => Location::new(uri.clone(), range(source, &related.range, unit)),
                Some(id) => {
                    let other = elsewhere.get(&**id)?;
                    let other_uri: Uri = id.parse().ok()?;
                    Location::new(other_uri, range(&other.source, &related.range, unit))
                }
            };
            Some(DiagnosticRelatedInformation {
                location,
                message: related.message.clone(),
            })
        })
        .collect();
    Diagnostic {
        range: range(source, &finding.range, unit),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.to_owned())),
        source: Some(DIAGNOSTIC_SOURCE.to_owned()),
        message: finding.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    }
}

pub fn diagnostics(
    source: &Source,
    uri: &Uri,
    findings: &[Finding],
    unit: ColumnUnit,
    elsewhere: &Elsewhere,
) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    // A long document's findings are many; their positions are independent.
    findings
        .par_iter()
        .with_min_len(256)
        .map(|finding| diagnostic_in_edition(source, uri, finding, unit, elsewhere))
        .collect()
}

/// The code of the one diagnostic on a document over the size limit.
pub const FORM_ONLY_CODE: &str = "document-size";

/// The one informational diagnostic of a document over the size limit, at
/// its start: only the form rules checked it.
pub fn form_only(bytes: usize) -> Diagnostic {
    let mib = |bytes: usize| bytes as f64 / (1024.0 * 1024.0);
    Diagnostic {
        range: tower_lsp_server::ls_types::Range::default(),
        severity: Some(DiagnosticSeverity::INFORMATION),
        code: Some(NumberOrString::String(FORM_ONLY_CODE.to_owned())),
        source: Some(DIAGNOSTIC_SOURCE.to_owned()),
        message: format!(
            "文档有 {:.1} MB，超过 {:.0} MB：只做格式检查（断行、标点、数字等），不查人名、职务、排序和用语的一致性",
            mib(bytes),
            mib(super::memory::FULL_CHECK_BYTES)
        ),
        ..Diagnostic::default()
    }
}

pub fn text_edit(source: &Source, edit: &Edit, unit: ColumnUnit) -> TextEdit {
    TextEdit::new(range(source, &edit.range, unit), edit.new_text.clone())
}

/// The one edit that turns `source` into `target`: the differing middle
/// between their common prefix and suffix. `None` when they are equal.
/// Sending this rather than the whole text keeps the editor's cursor, undo
/// step and folding where they were.
pub fn minimal_edit(source: &Source, target: &str) -> Option<Edit> {
    let text = source.text();
    if text == target {
        return None;
    }
    let mut prefix = text
        .bytes()
        .zip(target.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !(text.is_char_boundary(prefix) && target.is_char_boundary(prefix)) {
        prefix -= 1;
    }
    let longest_suffix = text.len().min(target.len()) - prefix;
    let mut suffix = text
        .bytes()
        .rev()
        .zip(target.bytes().rev())
        .take(longest_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !(text.is_char_boundary(text.len() - suffix)
        && target.is_char_boundary(target.len() - suffix))
    {
        suffix -= 1;
    }
    Some(Edit {
        range: prefix..text.len() - suffix,
        new_text: target[prefix..target.len() - suffix].to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk::Language;

    #[test]
    fn minimal_edit_replaces_only_the_middle() {
        let source = Source::new("甲乙，丙丁", Language::PlainText);
        let edit = minimal_edit(&source, "甲乙,丙丁").unwrap();
        assert_eq!(&source.text()[edit.range.clone()], "，");
        assert_eq!(edit.new_text, ",");
        assert!(minimal_edit(&source, source.text()).is_none());
    }

    #[test]
    fn minimal_edit_keeps_whole_characters() {
        // 一 (E4 B8 80) and 丁 (E4 B8 81) share two leading bytes.
        let source = Source::new("一", Language::PlainText);
        let edit = minimal_edit(&source, "丁").unwrap();
        assert_eq!(edit.range, 0..3);
        assert_eq!(edit.new_text, "丁");
        let source = Source::new("甲\n\n乙", Language::PlainText);
        let edit = minimal_edit(&source, "甲乙").unwrap();
        assert_eq!(edit.new_text, "");
        assert_eq!(&source.text()[edit.range], "\n\n");
    }
}
