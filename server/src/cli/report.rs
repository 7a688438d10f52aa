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

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    range: JsonRange,
    fixes: Vec<JsonFix<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    safe: bool,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    range: JsonRange,
    new_text: &'a str,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    /// Present when the place is in another article.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    range: JsonRange,
    message: &'a str,
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
struct JsonRange {
    start: JsonPosition,
    end: JsonPosition,
}

/// 1-based line and column; columns count characters.
#[derive(Serialize)]
struct JsonPosition {
    line: usize,
    column: usize,
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

fn position(source: &Source, offset: usize) -> JsonPosition {
    let at = source.line_col(offset, ColumnUnit::Char);
    JsonPosition {
        line: at.line + 1,
        column: at.column + 1,
    }
}

fn json_range(source: &Source, range: &Range<usize>) -> JsonRange {
    JsonRange {
        start: position(source, range.start),
        end: position(source, range.end),
    }
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
                        let diagnostic = json_diagnostic(&report.source, &sources, finding);
                        serde_json::to_writer(&mut json, &diagnostic)?;
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

fn json_diagnostic<'a>(
    source: &Source,
    sources: &Sources<'_>,
    finding: &'a Finding,
) -> JsonDiagnostic<'a> {
    JsonDiagnostic {
        rule: finding.rule,
        severity: finding.severity,
        message: &finding.message,
        range: json_range(source, &finding.range),
        fixes: finding
            .fixes
            .iter()
            .map(|fix| JsonFix {
                title: &fix.title,
                safe: fix.safety == Safety::Safe,
                edits: fix
                    .edits
                    .iter()
                    .map(|edit| JsonEdit {
                        range: json_range(source, &edit.range),
                        new_text: &edit.new_text,
                    })
                    .collect(),
            })
            .collect(),
        related: finding
            .related
            .iter()
            .filter_map(|related| {
                let (path, source) = match &related.document {
                    Some(id) => (Some(&**id), *sources.get(&**id)?),
                    None => (None, source),
                };
                Some(JsonRelated {
                    path,
                    range: json_range(source, &related.range),
                    message: &related.message,
                })
            })
            .collect(),
    }
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
