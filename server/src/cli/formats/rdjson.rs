//! reviewdog's Diagnostic Result JSON (rdjson), for `reviewdog -f=rdjson`.
//!
//! As reviewdog's `reviewdog.rdf` protocol asks, lines are 1-based and columns
//! are 1-based **byte** counts in UTF-8 (a Chinese character is three bytes
//! wide), ends exclusive. Error findings are `ERROR`, warnings `WARNING`, info
//! and hints `INFO`; the rule id is the `code`; safe fixes are `suggestions`;
//! the other end of an unpaired mark is in `related_locations`.

use super::super::report::{FileReport, sources};
use super::{Position, github::display_path, related_place, safe_fixes, span};
use copydesk::finding::Severity;
use copydesk::source::{ColumnUnit, Source};
use serde_json::{Value, json};
use std::io::{self, Write};
use std::ops::Range;

pub fn write(out: impl Write, reports: &[FileReport]) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer(&mut out, &result(reports))?;
    writeln!(out)?;
    out.flush()
}

pub fn result(reports: &[FileReport]) -> Value {
    let sources = sources(reports);
    let mut diagnostics = Vec::new();
    for report in reports {
        let path = display_path(&report.path);
        for finding in &report.findings {
            let mut diagnostic = json!({
                "message": finding.message,
                "location": location(&path, &report.source, &finding.range),
                "severity": severity(finding.severity),
                "code": { "value": finding.rule },
            });
            let suggestions: Vec<Value> = safe_fixes(finding)
                .flat_map(|(_, edits)| edits)
                .map(|edit| {
                    json!({
                        "range": range(&report.source, &edit.range),
                        "text": edit.new_text,
                    })
                })
                .collect();
            if !suggestions.is_empty() {
                diagnostic["suggestions"] = Value::Array(suggestions);
            }
            let related: Vec<Value> = finding
                .related
                .iter()
                .filter_map(|related| {
                    let (path, source) = related_place(report, &sources, related)?;
                    Some(json!({
                        "message": related.message,
                        "location": location(&display_path(path), source, &related.range),
                    }))
                })
                .collect();
            if !related.is_empty() {
                diagnostic["related_locations"] = Value::Array(related);
            }
            diagnostics.push(diagnostic);
        }
    }
    let mut result = json!({
        "source": { "name": "copydesk" },
        "diagnostics": diagnostics,
    });
    if let Some(worst) = reports
        .iter()
        .flat_map(|r| &r.findings)
        .map(|f| f.severity)
        .max()
    {
        result["severity"] = json!(severity(worst));
    }
    result
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info | Severity::Hint => "INFO",
    }
}

fn location(path: &str, source: &Source, range: &Range<usize>) -> Value {
    json!({ "path": path, "range": self::range(source, range) })
}

fn range(source: &Source, range: &Range<usize>) -> Value {
    let (start, end) = span(source, range, ColumnUnit::Utf8);
    json!({ "start": position(start), "end": position(end) })
}

fn position(at: Position) -> Value {
    json!({ "line": at.line, "column": at.column })
}
