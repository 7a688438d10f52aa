//! Snapshot tests of the findings on real and planted text: what an editor
//! sees, line by line. Review changes with `cargo insta review`.

use copydesk::source::ColumnUnit;
use copydesk::{Language, RuleSettings, Safety, Source};
use std::fmt::Write;
use std::path::Path;

/// Findings as an editor reads them: position, rule, message, the text
/// flagged, and the fixes offered.
fn render(text: &str, language: Language) -> String {
    let source = Source::new(text, language);
    let mut out = String::new();
    for finding in copydesk::check(&source, &RuleSettings::default()) {
        let start = source.line_col(finding.range.start, ColumnUnit::Char);
        let end = source.line_col(finding.range.end, ColumnUnit::Char);
        let flagged: String = text[finding.range.clone()].chars().take(24).collect();
        let flagged = flagged.replace('\n', "⏎");
        writeln!(
            out,
            "{}:{}-{}:{} {} {}: {} 〔{}〕",
            start.line + 1,
            start.column + 1,
            end.line + 1,
            end.column + 1,
            finding.severity.as_str(),
            finding.rule,
            finding.message,
            flagged
        )
        .unwrap();
        for related in &finding.related {
            let at = source.line_col(related.range.start, ColumnUnit::Char);
            writeln!(
                out,
                "    related {}:{}: {}",
                at.line + 1,
                at.column + 1,
                related.message
            )
            .unwrap();
        }
        for fix in &finding.fixes {
            let kind = match fix.safety {
                Safety::Safe => "safe",
                Safety::Suggestion => "suggestion",
            };
            writeln!(
                out,
                "    fix ({kind}, {} edits): {}",
                fix.edits.len(),
                fix.title
            )
            .unwrap();
        }
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}

#[test]
fn seed_page() {
    let text = include_str!("fixtures/news-page.txt");
    insta::assert_snapshot!("news-page", render(text, Language::PlainText));
}

#[test]
fn planted_articles() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/articles");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .expect("fixtures/articles exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| Language::from_path(path).is_some())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let language = Language::from_path(&path).unwrap();
        let name = path
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .replace('.', "-");
        insta::assert_snapshot!(name, render(&text, language));
    }
}

/// What `fix` makes of a page that print broke inside numbers (`增长6` /
/// `.2%`, `自1` / `900年`, `有2` / `0个`): every number whole, no space
/// inside it.
#[test]
fn numbers_broken_across_wraps_are_joined_whole() {
    let text = include_str!("fixtures/articles/broken-numbers.txt");
    let fixed = copydesk::fix::fix_text(text, Language::PlainText, &RuleSettings::default());
    assert!(
        fixed.contains("增长8.1%") && fixed.contains("3000余人"),
        "{fixed}"
    );
    insta::assert_snapshot!("broken-numbers-fixed", fixed);
}
