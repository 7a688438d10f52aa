//! Writing check results: rustc-style snippets for people, JSON for machines.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use copydesk::finding::{Finding, Safety, Severity};
use copydesk::source::{ColumnUnit, Source};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;

/// One checked article and what was found in it.
pub struct FileReport {
    pub path: String,
    pub source: Source,
    pub findings: Vec<Finding>,
}

/// The sources of a run's articles, to place related findings in other files.
pub type Sources<'a> = HashMap<&'a str, &'a Source>;

pub fn sources(reports: &[FileReport]) -> Sources<'_> {
    reports
        .iter()
        .map(|r| (r.path.as_str(), &r.source))
        .collect()
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    diagnostics: usize,
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: String,
    message: &'a str,
}

/// Findings serialised together by one task: enough to be worth a task.
const FINDINGS_PER_TASK: usize = 256;

/// Findings serialised before their JSON is written out: what is held in
/// memory at once.
const FINDINGS_PER_WAVE: usize = 16 * 1024;

/// Writes the JSON report, streaming it rather than building it in memory:
/// the diagnostics of a wave are serialised on every core, a run of them
/// into each buffer (a large edition's report is megabytes of JSON), and
/// written in order. The layout is serde_json's compact one, as if the
/// whole report were one value:
/// `{"files":[{"path":…,"diagnostics":[…]}],"summary":{…},"errors":[…]}`.
pub fn write_json(
    out: impl std::io::Write,
    reports: &[FileReport],
    errors: &[super::input::InputError],
) -> std::io::Result<()> {
    let sources = sources(reports);
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    out.write_all(b"{\"files\":[")?;
    for (index, report) in reports.iter().enumerate() {
        if index > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"{\"path\":")?;
        serde_json::to_writer(&mut out, &report.path)?;
        out.write_all(b",\"diagnostics\":[")?;
        for (wave_index, wave) in report.findings.chunks(FINDINGS_PER_WAVE).enumerate() {
            let runs = wave
                .par_chunks(FINDINGS_PER_TASK)
                .map(|run| -> serde_json::Result<Vec<u8>> {
                    let mut json = Vec::with_capacity(run.len() * 384);
                    for (position, finding) in run.iter().enumerate() {
                        if position > 0 {
                            json.push(b',');
                        }
                        write_diagnostic(&mut json, &report.source, &sources, finding)?;
                    }
                    Ok(json)
                })
                .collect::<serde_json::Result<Vec<_>>>()?;
            for (position, run) in runs.iter().enumerate() {
                if wave_index > 0 || position > 0 {
                    out.write_all(b",")?;
                }
                out.write_all(run)?;
            }
        }
        out.write_all(b"]}")?;
    }
    let summary = JsonSummary {
        files: reports.len(),
        diagnostics: reports.iter().map(|r| r.findings.len()).sum(),
    };
    out.write_all(b"],\"summary\":")?;
    serde_json::to_writer(&mut out, &summary)?;
    if !errors.is_empty() {
        let errors: Vec<JsonError<'_>> = errors
            .iter()
            .map(|e| JsonError {
                path: e.path.display().to_string(),
                message: &e.message,
            })
            .collect();
        out.write_all(b",\"errors\":")?;
        serde_json::to_writer(&mut out, &errors)?;
    }
    out.write_all(b"}\n")?;
    out.flush()
}

/// One diagnostic, written as serde_json would write the value
/// `{"rule","severity","message","range","fixes":[{"title","safe","edits":
/// [{"range","new_text"}]}],"related":[{"path"?,"range","message"}]?}` (no
/// `related` when there is none), with its keys written once here rather
/// than escaped for every finding.
fn write_diagnostic(
    json: &mut Vec<u8>,
    source: &Source,
    sources: &Sources<'_>,
    finding: &Finding,
) -> serde_json::Result<()> {
    json.extend_from_slice(b"{\"rule\":");
    write_str(json, finding.rule)?;
    json.extend_from_slice(b",\"severity\":\"");
    json.extend_from_slice(finding.severity.as_str().as_bytes());
    json.extend_from_slice(b"\",\"message\":");
    write_str(json, &finding.message)?;
    json.extend_from_slice(b",\"range\":");
    write_range(json, source, &finding.range);
    json.extend_from_slice(b",\"fixes\":[");
    for (index, fix) in finding.fixes.iter().enumerate() {
        if index > 0 {
            json.push(b',');
        }
        json.extend_from_slice(b"{\"title\":");
        write_str(json, &fix.title)?;
        json.extend_from_slice(if fix.safety == Safety::Safe {
            b",\"safe\":true,\"edits\":["
        } else {
            b",\"safe\":false,\"edits\":["
        });
        for (index, edit) in fix.edits.iter().enumerate() {
            if index > 0 {
                json.push(b',');
            }
            json.extend_from_slice(b"{\"range\":");
            write_range(json, source, &edit.range);
            json.extend_from_slice(b",\"new_text\":");
            write_str(json, &edit.new_text)?;
            json.push(b'}');
        }
        json.extend_from_slice(b"]}");
    }
    json.push(b']');
    // A place in an article that is not in this run is left out.
    let mut related = finding
        .related
        .iter()
        .filter_map(|related| {
            let (path, source) = match &related.document {
                Some(id) => (Some(&**id), *sources.get(&**id)?),
                None => (None, source),
            };
            Some((path, source, related))
        })
        .peekable();
    if related.peek().is_some() {
        json.extend_from_slice(b",\"related\":[");
        for (index, (path, source, related)) in related.enumerate() {
            if index > 0 {
                json.push(b',');
            }
            json.push(b'{');
            if let Some(path) = path {
                json.extend_from_slice(b"\"path\":");
                write_str(json, path)?;
                json.push(b',');
            }
            json.extend_from_slice(b"\"range\":");
            write_range(json, source, &related.range);
            json.extend_from_slice(b",\"message\":");
            write_str(json, &related.message)?;
            json.push(b'}');
        }
        json.push(b']');
    }
    json.push(b'}');
    Ok(())
}

/// A JSON string as serde_json writes it: most need no escape at all, and
/// are copied whole.
fn write_str(json: &mut Vec<u8>, text: &str) -> serde_json::Result<()> {
    if text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        return serde_json::to_writer(json, text);
    }
    json.reserve(text.len() + 2);
    json.push(b'"');
    json.extend_from_slice(text.as_bytes());
    json.push(b'"');
    Ok(())
}

/// `{"start":{"line":…,"column":…},"end":{…}}`: 1-based lines and columns;
/// columns count characters.
fn write_range(json: &mut Vec<u8>, source: &Source, range: &Range<usize>) {
    json.extend_from_slice(b"{\"start\":");
    write_position(json, source, range.start);
    json.extend_from_slice(b",\"end\":");
    write_position(json, source, range.end);
    json.push(b'}');
}

fn write_position(json: &mut Vec<u8>, source: &Source, offset: usize) {
    let at = source.line_col(offset, ColumnUnit::Char);
    json.extend_from_slice(b"{\"line\":");
    write_number(json, at.line + 1);
    json.extend_from_slice(b",\"column\":");
    write_number(json, at.column + 1);
    json.push(b'}');
}

fn write_number(json: &mut Vec<u8>, mut number: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (number % 10) as u8;
        number /= 10;
        if number == 0 {
            break;
        }
    }
    json.extend_from_slice(&digits[start..]);
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::NOTE,
    }
}

/// Renders one finding as a rustc-style snippet of the lines it covers.
pub fn human(
    report: &FileReport,
    finding: &Finding,
    sources: &Sources<'_>,
    renderer: &Renderer,
) -> String {
    let source = &report.source;
    let first_line = source.line_col(finding.range.start, ColumnUnit::Utf8).line;
    let last_line = source.line_col(finding.range.end, ColumnUnit::Utf8).line;
    let excerpt_start = source.line_range(first_line).start;
    let excerpt_end = source.line_range(last_line).end;
    let excerpt = &source.text()[excerpt_start..excerpt_end];
    let span = finding.range.start - excerpt_start
        ..finding.range.end.clamp(finding.range.start, excerpt_end) - excerpt_start;
    let mut snippet = Snippet::source(excerpt)
        .line_start(first_line + 1)
        .path(report.path.as_str())
        .fold(true)
        .annotation(
            AnnotationKind::Primary
                .span(span)
                .label(finding.message.as_str()),
        );
    let mut elsewhere = Vec::new();
    for related in &finding.related {
        if let Some(id) = &related.document {
            if let Some(other) = sources.get(&**id) {
                let at = other.line_col(related.range.start, ColumnUnit::Char);
                elsewhere.push(format!(
                    "{} ({id}:{}:{})",
                    related.message,
                    at.line + 1,
                    at.column + 1
                ));
            }
            continue;
        }
        if related.range.start >= excerpt_start && related.range.end <= excerpt_end {
            let span = related.range.start - excerpt_start..related.range.end - excerpt_start;
            snippet = snippet.annotation(
                AnnotationKind::Context
                    .span(span)
                    .label(related.message.as_str()),
            );
        }
    }
    let title = level(finding.severity)
        .primary_title(finding.message.as_str())
        .id(finding.rule)
        .element(snippet);
    let mut groups: Vec<Group<'_>> = vec![title];
    for note in elsewhere {
        groups.push(Group::with_title(Level::NOTE.secondary_title(note)));
    }
    for fix in &finding.fixes {
        let note = match fix.safety {
            Safety::Safe => format!("{} (copydesk fix)", fix.title),
            Safety::Suggestion => format!("{} (suggestion)", fix.title),
        };
        groups.push(Group::with_title(Level::HELP.secondary_title(note)));
    }
    renderer.render(&groups)
}
