//! GitHub Actions workflow commands: one annotation per finding,
//! `::warning file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE`.
//!
//! Lines and columns are 1-based and columns count characters, as in the JSON
//! report; the end column is exclusive. The runner keeps columns only on a
//! one-line annotation (it drops them, with a warning, when `line` and
//! `endLine` differ), so a finding that spans lines gets `line` and `endLine`
//! alone. Error findings become `::error`, warnings `::warning`, info and
//! hints `::notice`.

use super::super::input::InputError;
use super::super::report::FileReport;
use super::span;
use copydesk::finding::Severity;
use copydesk::source::ColumnUnit;
use std::io::{self, Write};

pub fn write(out: impl Write, reports: &[FileReport], errors: &[InputError]) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    for report in reports {
        let file = escape_property(&display_path(&report.path));
        for finding in &report.findings {
            let (start, end) = span(&report.source, &finding.range, ColumnUnit::Char);
            write!(
                out,
                "::{} file={file},line={}",
                command(finding.severity),
                start.line
            )?;
            if start.line == end.line {
                write!(
                    out,
                    ",col={},endLine={},endColumn={}",
                    start.column, end.line, end.column
                )?;
            } else {
                write!(out, ",endLine={}", end.line)?;
            }
            writeln!(
                out,
                ",title={}::{}",
                escape_property(finding.rule),
                escape_data(&finding.message)
            )?;
        }
    }
    // Files that could not be read are named on stderr too; as annotations
    // they also show on the pull request.
    for error in errors {
        writeln!(
            out,
            "::error file={},title=copydesk::{}",
            escape_property(&display_path(&error.path.display().to_string())),
            escape_data(&error.message)
        )?;
    }
    out.flush()
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    }
}

/// GitHub resolves `file` against the repository root: a leading `./` is
/// noise, and Windows separators are turned around.
pub fn display_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut rest = path.as_str();
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped;
    }
    rest.to_owned()
}

/// A command's message: `%`, CR and LF are escaped (as the Actions toolkit's
/// `escapeData`).
pub fn escape_data(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '%' => escaped.push_str("%25"),
            '\r' => escaped.push_str("%0D"),
            '\n' => escaped.push_str("%0A"),
            _ => escaped.push(ch),
        }
    }
    escaped
}

/// A property value: as a message, plus `:` and `,`, which would end it (the
/// toolkit's `escapeProperty`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_first_and_line_breaks() {
        assert_eq!(escape_data("100%\r\nok: a,b"), "100%25%0D%0Aok: a,b");
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
    }

    #[test]
    fn paths_lose_a_leading_dot_slash() {
        assert_eq!(display_path("./././a/b.txt"), "a/b.txt");
        assert_eq!(display_path("a\\b.txt"), "a/b.txt");
        assert_eq!(display_path("/abs/c.md"), "/abs/c.md");
    }
}
