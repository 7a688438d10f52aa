//! Ignoring in Markdown and HTML: comments that do not render.
//!
//! `<!-- copydesk-disable RULE[,RULE] -->` … `<!-- copydesk-enable RULE -->`
//! and `<!-- copydesk-disable-next-line RULE -->`; without rules, every rule.
//! Plain text has no such markers (they would be printed): there, ignoring
//! goes through `copydesk.toml`.

use crate::finding::Finding;
use crate::source::{ColumnUnit, Language, Source};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*copydesk-(disable-next-line|disable|enable)\b\s*([A-Za-z0-9,\s-]*?)\s*-->")
        .expect("directive pattern")
});

/// Where rules are switched off: (rules, or empty for all; byte range).
struct Silence {
    rules: Vec<String>,
    range: Range<usize>,
}

impl Silence {
    fn covers(&self, finding: &Finding) -> bool {
        self.range.contains(&finding.range.start)
            && (self.rules.is_empty() || self.rules.iter().any(|r| r == finding.rule))
    }
}

fn rules_of(list: &str) -> Vec<String> {
    list.split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
        .collect()
}

fn silences(source: &Source) -> Vec<Silence> {
    let text = source.text();
    let mut silences = Vec::new();
    let mut open: Vec<(Vec<String>, usize)> = Vec::new();
    for found in DIRECTIVE.captures_iter(text) {
        let whole = found.get(0).expect("match");
        let rules = rules_of(&found[2]);
        match &found[1] {
            "disable-next-line" => {
                let line = source.line_col(whole.end(), ColumnUnit::Utf8).line + 1;
                let range = source.line_range(line);
                silences.push(Silence { rules, range });
            }
            "disable" => open.push((rules, whole.end())),
            _ => {
                // `enable` closes the disables it names (all of them without names).
                let (closed, still): (Vec<_>, Vec<_>) = open.into_iter().partition(|(r, _)| {
                    rules.is_empty() || r.iter().all(|x| rules.contains(x)) || r.is_empty()
                });
                open = still;
                for (rules, start) in closed {
                    silences.push(Silence {
                        rules,
                        range: start..whole.start(),
                    });
                }
            }
        }
    }
    for (rules, start) in open {
        silences.push(Silence {
            rules,
            range: start..text.len() + 1,
        });
    }
    silences
}

/// Drops the findings that a Markdown document's comments switch off.
pub fn apply(findings: &mut Vec<Finding>, source: &Source) {
    if source.language() == Language::PlainText || !source.text().contains("copydesk-") {
        return;
    }
    let silences = silences(source);
    findings.retain(|f| !silences.iter().any(|s| s.covers(f)));
}

#[cfg(test)]
mod tests {
    use crate::{Language, RuleSettings, Source};

    fn rules_found(text: &str) -> Vec<(usize, &'static str)> {
        let source = Source::new(text, Language::Markdown);
        crate::check(&source, &RuleSettings::default())
            .into_iter()
            .map(|f| {
                (
                    source
                        .line_col(f.range.start, crate::source::ColumnUnit::Char)
                        .line,
                    f.rule,
                )
            })
            .collect()
    }

    #[test]
    fn comments_switch_rules_off() {
        let text = "甲,乙。\n\n<!-- copydesk-disable-next-line halfwidth-punctuation -->\n丙,丁。\n\n<!-- copydesk-disable -->\n戊,己。\n\n<!-- copydesk-enable -->\n庚,辛。\n";
        assert_eq!(
            rules_found(text),
            [(0, "halfwidth-punctuation"), (9, "halfwidth-punctuation")]
        );
    }

    #[test]
    fn a_disable_names_its_rules() {
        let text = "<!-- copydesk-disable cjk-space -->\n甲,乙 丙。\n";
        assert_eq!(rules_found(text), [(1, "halfwidth-punctuation")]);
    }
}
