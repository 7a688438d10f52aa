//! The edition's issues: the consistency findings of every article, those
//! about one name, one person's titles, one term or one list taken together,
//! with every place in the edition where what they are about is written.
//!
//! What a finding is about comes from the facts at its places: a place that
//! is a mention's name stands for that name, one that is a title for that
//! person's titles, one that is a term for that term. A list (`leader-order`)
//! stands only for itself: its names are mentioned everywhere.

use super::super::report::FileReport;
use copydesk::Edition;
use copydesk::facts::Facts;
use copydesk::finding::Severity;
use copydesk::rules::Family;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// A place in the edition: an article (its index in the run) and a range.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Place {
    pub article: usize,
    pub range: Range<usize>,
}

/// Edition order: by article, then by place in it.
impl Ord for Place {
    fn cmp(&self, other: &Place) -> std::cmp::Ordering {
        (self.article, self.range.start, self.range.end).cmp(&(
            other.article,
            other.range.start,
            other.range.end,
        ))
    }
}

impl PartialOrd for Place {
    fn partial_cmp(&self, other: &Place) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Issue {
    pub rule: &'static str,
    /// The highest of its findings'.
    pub severity: Severity,
    /// (article, index in that article's findings), in edition order.
    pub findings: Vec<(usize, usize)>,
    /// Places the findings point to that are no finding themselves, with
    /// what the finding says of each.
    pub related: Vec<(Place, String)>,
    /// What the issue is about, each form as written with its places.
    pub forms: Vec<Form>,
}

/// One way something is written: a name, one of a person's titles, a term.
#[derive(Debug, PartialEq, Eq)]
pub struct Form {
    /// What is written so: `人名`, `刘建国的职务`, `说法`.
    pub of: String,
    pub text: String,
    /// Every place in the edition, in edition order.
    pub places: Vec<Place>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Subject {
    Name(String),
    TitlesOf(String),
    Term(String),
}

/// Groups the consistency findings of a run into issues, in rule order and
/// then in edition order.
/// `article_of` gives an article's index in `reports` by its path.
pub fn edition_issues(
    reports: &[FileReport],
    article_of: &HashMap<&str, usize>,
    edition: &Edition,
) -> Vec<Issue> {
    let facts: Vec<Option<&Facts>> = reports.iter().map(|r| edition.facts(&r.path)).collect();
    // Every consistency finding with its places and what they stand for.
    struct Found<'a> {
        at: (usize, usize),
        rule: &'static str,
        places: Vec<(Place, Option<&'a str>)>,
        subjects: Vec<Subject>,
    }
    let mut found: Vec<Found<'_>> = Vec::new();
    for (article, report) in reports.iter().enumerate() {
        for (index, finding) in report.findings.iter().enumerate() {
            let is_consistency = copydesk::rules::rule(finding.rule)
                .is_some_and(|rule| rule.info().family == Family::Consistency);
            if !is_consistency {
                continue;
            }
            let mut places = vec![(
                Place {
                    article,
                    range: finding.range.clone(),
                },
                None,
            )];
            for related in &finding.related {
                let other = match &related.document {
                    Some(id) => article_of.get(&**id).copied(),
                    None => Some(article),
                };
                if let Some(other) = other {
                    places.push((
                        Place {
                            article: other,
                            range: related.range.clone(),
                        },
                        Some(related.message.as_str()),
                    ));
                }
            }
            let mut subjects: Vec<Subject> = places
                .iter()
                .flat_map(|(place, _)| subjects_at(facts[place.article], &place.range))
                .collect();
            subjects.sort();
            subjects.dedup();
            found.push(Found {
                at: (article, index),
                rule: finding.rule,
                places,
                subjects,
            });
        }
    }
    // Findings of one rule that share a place or a subject are one issue.
    let mut groups = UnionFind::new(found.len());
    let mut first_with_place: HashMap<(&str, &Place), usize> = HashMap::new();
    let mut first_with_subject: HashMap<(&str, &Subject), usize> = HashMap::new();
    for (index, one) in found.iter().enumerate() {
        for (place, _) in &one.places {
            let first = *first_with_place.entry((one.rule, place)).or_insert(index);
            groups.join(first, index);
        }
        for subject in &one.subjects {
            let first = *first_with_subject
                .entry((one.rule, subject))
                .or_insert(index);
            groups.join(first, index);
        }
    }
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for index in 0..found.len() {
        members.entry(groups.root(index)).or_default().push(index);
    }
    let mut issues: Vec<Issue> = members
        .into_values()
        .map(|indices| {
            let rule = found[indices[0]].rule;
            let findings: Vec<(usize, usize)> = indices.iter().map(|&i| found[i].at).collect();
            let severity = findings
                .iter()
                .map(|&(article, index)| reports[article].findings[index].severity)
                .max()
                .unwrap_or(Severity::Warning);
            let finding_places: Vec<Place> = findings
                .iter()
                .map(|&(article, index)| Place {
                    article,
                    range: reports[article].findings[index].range.clone(),
                })
                .collect();
            let mut related: Vec<(Place, String)> = Vec::new();
            for &i in &indices {
                for (place, message) in &found[i].places {
                    let Some(message) = message else { continue };
                    if !finding_places.contains(place) && !related.iter().any(|(p, _)| p == place) {
                        related.push((place.clone(), (*message).to_owned()));
                    }
                }
            }
            related.sort_by(|a, b| a.0.cmp(&b.0));
            let mut subjects: Vec<&Subject> =
                indices.iter().flat_map(|&i| &found[i].subjects).collect();
            subjects.sort();
            subjects.dedup();
            let mut forms: Vec<Form> = subjects
                .into_iter()
                .flat_map(|subject| forms_of(subject, edition, article_of))
                .collect();
            // Of each kind, the most written first: the form others are
            // measured against.
            forms.sort_by(|a, b| {
                (&a.of, b.places.len(), &a.text).cmp(&(&b.of, a.places.len(), &b.text))
            });
            Issue {
                rule,
                severity,
                findings,
                related,
                forms,
            }
        })
        .collect();
    let rank = |rule: &str| copydesk::rules::rule_ids().position(|id| id == rule);
    issues.sort_by_key(|issue| (rank(issue.rule), issue.findings[0]));
    issues
}

/// What a place in an article stands for (see the module's doc).
fn subjects_at(facts: Option<&Facts>, range: &Range<usize>) -> Vec<Subject> {
    let Some(facts) = facts else {
        return Vec::new();
    };
    let within = |outer: &Range<usize>| outer.start <= range.start && range.end <= outer.end;
    let mut subjects = Vec::new();
    for mention in &facts.mentions {
        if !copydesk::names::is_full_name(&mention.name) {
            continue;
        }
        if within(&mention.range) {
            subjects.push(Subject::Name(mention.name.clone()));
        }
        if mention.titles.iter().any(|title| within(&title.range)) {
            subjects.push(Subject::TitlesOf(mention.name.clone()));
        }
    }
    for term in &facts.terms {
        if within(&term.range) {
            subjects.push(Subject::Term(term.key.clone()));
        }
    }
    subjects
}

/// The forms of a subject, each with its places.
fn forms_of(subject: &Subject, edition: &Edition, article_of: &HashMap<&str, usize>) -> Vec<Form> {
    let place = |id: &str, range: &Range<usize>| {
        article_of.get(id).map(|&article| Place {
            article,
            range: range.clone(),
        })
    };
    let mut by_text: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    let of = match subject {
        Subject::Name(name) => {
            by_text.insert(
                name.clone(),
                edition
                    .mentions_of(name)
                    .filter_map(|(id, mention)| place(id, &mention.range))
                    .collect(),
            );
            "人名".to_owned()
        }
        Subject::TitlesOf(name) => {
            for (id, title) in edition.titles_of(name) {
                if let Some(at) = place(id, &title.range) {
                    by_text.entry(title.text.clone()).or_default().push(at);
                }
            }
            format!("{name}的职务")
        }
        Subject::Term(key) => {
            for (id, facts) in edition.articles() {
                for term in facts.terms.iter().filter(|t| &t.key == key) {
                    if let Some(at) = place(id, &term.range) {
                        by_text.entry(term.text.clone()).or_default().push(at);
                    }
                }
            }
            "说法".to_owned()
        }
    };
    by_text
        .into_iter()
        .map(|(text, mut places)| {
            places.sort();
            places.dedup();
            Form {
                of: of.clone(),
                text,
                places,
            }
        })
        .collect()
}

/// Disjoint sets of findings, joined by what they share.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(size: usize) -> UnionFind {
        UnionFind {
            parent: (0..size).collect(),
        }
    }

    fn root(&mut self, mut at: usize) -> usize {
        while self.parent[at] != at {
            self.parent[at] = self.parent[self.parent[at]];
            at = self.parent[at];
        }
        at
    }

    /// Joins two sets under the smaller root, so a set's root is its first
    /// member.
    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        let (low, high) = if a < b { (a, b) } else { (b, a) };
        self.parent[high] = low;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Selection, check_edition};

    #[test]
    fn findings_about_one_name_title_term_or_list_are_one_issue_with_every_place() {
        let planted = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/edition/planted"
        );
        let selection = Selection {
            select: Vec::new(),
            ignore: Vec::new(),
            stdin_filename: None,
        };
        let checked = check_edition(&[planted.into()], &selection, None).unwrap();
        let article_of: HashMap<&str, usize> = checked
            .reports
            .iter()
            .enumerate()
            .map(|(index, report)| (report.path.as_str(), index))
            .collect();
        let issues = edition_issues(&checked.reports, &article_of, &checked.edition);
        let summary: Vec<String> = issues
            .iter()
            .map(|issue| {
                let forms: Vec<String> = issue
                    .forms
                    .iter()
                    .map(|f| format!("{}:{} ×{}", f.of, f.text, f.places.len()))
                    .collect();
                format!(
                    "{} {} finding(s), {} related: {}",
                    issue.rule,
                    issue.findings.len(),
                    issue.related.len(),
                    forms.join(", ")
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                "name-variant 1 finding(s), 1 related: 人名:刘建国 ×5, 人名:刘剑国 ×1",
                "title-conflict 1 finding(s), 0 related: 刘建国的职务:副市长 ×1, 刘建国的职务:市委副书记 ×1, 刘建国的职务:市长 ×1",
                "leader-order 1 finding(s), 0 related: ",
                "term-variant 1 finding(s), 1 related: 说法:政银合作 ×1, 说法:银政合作 ×1",
                "term-variant 2 finding(s), 1 related: 说法:复产复工 ×2, 说法:复工复产 ×2",
            ]
        );
        // The two uses of 复产复工 in c.md are that issue's findings; the
        // place in a.txt both point to is listed once.
        let reversed = &issues[4];
        let c = checked
            .reports
            .iter()
            .position(|r| r.path.ends_with("c.md"))
            .unwrap();
        assert!(reversed.findings.iter().all(|&(article, _)| article == c));
    }
}
