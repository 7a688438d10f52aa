//! Reports for CI: GitHub workflow-command annotations, SARIF 2.1.0 and
//! reviewdog's rdjson. Each format counts columns the way its consumers do;
//! each writer says which.

pub mod github;
pub mod rdjson;
pub mod sarif;

use super::report::{FileReport, Sources};
use copydesk::finding::{Edit, Finding, Related, Safety};
use copydesk::source::{ColumnUnit, Source};
use std::ops::Range;

/// A 1-based line and column in some unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

pub fn position(source: &Source, offset: usize, unit: ColumnUnit) -> Position {
    let at = source.line_col(offset, unit);
    Position {
        line: at.line + 1,
        column: at.column + 1,
    }
}

pub fn span(source: &Source, range: &Range<usize>, unit: ColumnUnit) -> (Position, Position) {
    (
        position(source, range.start, unit),
        position(source, range.end, unit),
    )
}

/// The edits of a finding's safe fixes, with each fix's title: the machine
/// formats offer only what `copydesk fix` would apply, since their consumers
/// (code-scanning "apply fix", reviewdog's suggested changes) have no way to
/// mark a fix as needing a person's judgement.
pub fn safe_fixes(finding: &Finding) -> impl Iterator<Item = (&str, &[Edit])> {
    finding
        .fixes
        .iter()
        .filter(|fix| fix.safety == Safety::Safe && !fix.edits.is_empty())
        .map(|fix| (fix.title.as_str(), fix.edits.as_slice()))
}

/// Where a related place is: its article's path and source (the finding's
/// own unless it names another), or `None` when that article was not in the
/// run.
pub fn related_place<'a>(
    report: &'a FileReport,
    sources: &Sources<'a>,
    related: &'a Related,
) -> Option<(&'a str, &'a Source)> {
    match &related.document {
        Some(id) => sources
            .get_key_value(&**id)
            .map(|(path, source)| (*path, *source)),
        None => Some((report.path.as_str(), &report.source)),
    }
}
