//! Applying fixes to text.

use crate::finding::{Edit, Finding};
use crate::settings::RuleSettings;
use crate::source::{Language, Source};

/// Applies edits that do not overlap, in order of position; an edit that
/// overlaps one already taken is left for a later round.
pub fn apply_edits(text: &str, edits: &[&Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in sorted {
        if edit.range.start < cursor || edit.range.end > text.len() {
            continue;
        }
        out.push_str(&text[cursor..edit.range.start]);
        out.push_str(&edit.new_text);
        cursor = edit.range.end;
    }
    out.push_str(&text[cursor..]);
    out
}

/// The text with every safe fix applied, repeated until nothing is left to
/// fix, so that fixing the result again changes nothing.
pub fn fix_text(text: &str, language: Language, settings: &RuleSettings) -> String {
    const MAX_ROUNDS: usize = 8;
    let mut text = text.to_owned();
    for _ in 0..MAX_ROUNDS {
        // Only form rules have safe fixes: no facts are needed.
        let source = Source::new(text, language);
        let blocks = crate::blocks::blocks(&source);
        let mut findings = crate::check_form(&source, &blocks, settings);
        crate::directives::apply(&mut findings, &source);
        let edits: Vec<&Edit> = findings.iter().flat_map(Finding::safe_edits).collect();
        let fixed = apply_edits(source.text(), &edits);
        if fixed == source.text() {
            return fixed;
        }
        text = fixed;
    }
    text
}
