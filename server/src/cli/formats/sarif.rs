//! SARIF 2.1.0: one run of the tool `copydesk`, its rules (with their
//! documentation) and a result per finding.
//!
//! Regions are 1-based with exclusive end columns, counted in UTF-16 code
//! units, SARIF's default (`run.columnKind` says so explicitly): a character
//! outside the Basic Multilingual Plane such as 𠮷 counts two. URIs are the
//! article paths as given, relative to the working directory, percent-encoded.
//! Results carry the other end of an unpaired mark (or the dominant form of a
//! name in another article) as `relatedLocations`, and safe fixes as `fixes`.

use super::super::input::InputError;
use super::super::report::{FileReport, sources};
use super::{github::display_path, related_place, safe_fixes, span};
use copydesk::finding::Severity;
use copydesk::rules::RULES;
use copydesk::source::{ColumnUnit, Source};
use serde_json::{Value, json};
use std::io::{self, Write};
use std::ops::Range;

pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

pub fn write(out: impl Write, reports: &[FileReport], errors: &[InputError]) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer(&mut out, &log(reports, errors))?;
    writeln!(out)?;
    out.flush()
}

pub fn log(reports: &[FileReport], errors: &[InputError]) -> Value {
    let sources = sources(reports);
    let mut results = Vec::new();
    for report in reports {
        let uri = uri(&report.path);
        for finding in &report.findings {
            let mut result = json!({
                "ruleId": finding.rule,
                "level": level(finding.severity),
                "message": { "text": finding.message },
                "locations": [{
                    "physicalLocation": physical(&uri, &report.source, &finding.range),
                }],
            });
            if let Some(index) = RULES.iter().position(|r| r.info().id == finding.rule) {
                result["ruleIndex"] = json!(index);
            }
            let related: Vec<Value> = finding
                .related
                .iter()
                .filter_map(|related| {
                    related_place(report, &sources, related).map(|p| (p, related))
                })
                .enumerate()
                .map(|(id, ((path, source), related))| {
                    json!({
                        "id": id,
                        "physicalLocation": physical(&self::uri(path), source, &related.range),
                        "message": { "text": related.message },
                    })
                })
                .collect();
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            let fixes: Vec<Value> = safe_fixes(finding)
                .map(|(title, edits)| {
                    let replacements: Vec<Value> = edits
                        .iter()
                        .map(|edit| {
                            json!({
                                "deletedRegion": region(&report.source, &edit.range),
                                "insertedContent": { "text": edit.new_text },
                            })
                        })
                        .collect();
                    json!({
                        "description": { "text": title },
                        "artifactChanges": [{
                            "artifactLocation": { "uri": uri },
                            "replacements": replacements,
                        }],
                    })
                })
                .collect();
            if !fixes.is_empty() {
                result["fixes"] = Value::Array(fixes);
            }
            results.push(result);
        }
    }
    let notifications: Vec<Value> = errors
        .iter()
        .map(|error| {
            json!({
                "level": "error",
                "message": { "text": error.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&error.path.display().to_string()) },
                    },
                }],
            })
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver() },
            "columnKind": "utf16CodeUnits",
            "invocations": [{
                "executionSuccessful": errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    })
}

fn driver() -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            let info = rule.info();
            let doc = info.doc();
            json!({
                "id": info.id,
                "shortDescription": { "text": info.summary() },
                "fullDescription": { "text": doc },
                "help": { "text": doc, "markdown": doc },
                "defaultConfiguration": { "level": level(info.default_severity) },
            })
        })
        .collect();
    json!({
        "name": "copydesk",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn physical(uri: &str, source: &Source, range: &Range<usize>) -> Value {
    json!({
        "artifactLocation": { "uri": uri },
        "region": region(source, range),
    })
}

fn region(source: &Source, range: &Range<usize>) -> Value {
    let (start, end) = span(source, range, ColumnUnit::Utf16);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

/// A path as a URI reference: relative paths stay relative (code scanning
/// resolves them against the repository root), absolute ones become `file:`
/// URIs; every byte but unreserved characters and `/` is percent-encoded.
pub fn uri(path: &str) -> String {
    let path = display_path(path);
    let mut encoded = String::with_capacity(path.len());
    if path.starts_with('/') {
        encoded.push_str("file://");
    } else if path.as_bytes().get(1) == Some(&b':') {
        // A Windows drive path, `C:/...`.
        encoded.push_str("file:///");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                encoded.push(byte as char)
            }
            b':' if encoded.starts_with("file:///") && encoded.len() == 9 => encoded.push(':'),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_references() {
        assert_eq!(uri("./a/新闻 1.txt"), "a/%E6%96%B0%E9%97%BB%201.txt");
        assert_eq!(uri("/srv/paper/a.md"), "file:///srv/paper/a.md");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(uri("C:\\paper\\a.md"), "file:///C:/paper/a.md");
    }
}
