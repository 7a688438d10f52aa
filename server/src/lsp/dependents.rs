//! Which other articles an article's change reaches: the consistency rules
//! judge each article against the facts of the edition, so a new title, a
//! name spelt otherwise, a list reordered or a term in another form in one
//! article may add or remove findings in another. The server re-checks only
//! the open articles that share a person, a list name or a term with what
//! changed (or point into the changed article from a finding of theirs),
//! not every open article on every keystroke.

use copydesk::Facts;
use std::collections::{BTreeMap, HashSet};

/// What changed in one article's facts.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// Names whose mentions (count, titles, evidence) differ.
    names: HashSet<String>,
    /// Names in the lists that differ.
    listed: HashSet<String>,
    /// Terms whose forms (or counts of each form) differ.
    terms: HashSet<String>,
    /// Names the article vouches for now and did not before, or the other
    /// way round: other articles find them (or no longer) as known names.
    vouched: HashSet<String>,
    /// Whether anything moved at all, even if only a range: findings that
    /// point into the article must follow.
    moved: bool,
}

/// A mention as the consistency rules count it, without its place.
type Signature<'a> = (Vec<(&'a str, bool)>, copydesk::names::Evidence);

fn mentions_by_name(facts: &Facts) -> BTreeMap<&str, Vec<Signature<'_>>> {
    let mut by_name: BTreeMap<&str, Vec<Signature<'_>>> = BTreeMap::new();
    for mention in &facts.mentions {
        let titles = mention
            .titles
            .iter()
            .map(|t| (t.text.as_str(), t.former))
            .collect();
        by_name
            .entry(&mention.name)
            .or_default()
            .push((titles, mention.evidence));
    }
    for signatures in by_name.values_mut() {
        signatures.sort();
    }
    by_name
}

fn lists(facts: &Facts) -> Vec<Vec<&str>> {
    facts
        .lists
        .iter()
        .map(|l| l.items.iter().map(|(name, _)| name.as_str()).collect())
        .collect()
}

fn term_forms(facts: &Facts) -> BTreeMap<&str, Vec<(&str, Option<&str>)>> {
    let mut forms: BTreeMap<&str, Vec<(&str, Option<&str>)>> = BTreeMap::new();
    for term in &facts.terms {
        forms
            .entry(&term.key)
            .or_default()
            .push((&term.text, term.preferred.as_deref()));
    }
    for uses in forms.values_mut() {
        uses.sort();
    }
    forms
}

/// The keys of two maps whose values differ (or that only one has).
fn differing<'a, V: PartialEq>(
    before: &BTreeMap<&'a str, V>,
    after: &BTreeMap<&'a str, V>,
) -> HashSet<String> {
    let keys = before.keys().chain(after.keys());
    keys.filter(|key| before.get(*key) != after.get(*key))
        .map(|key| (*key).to_owned())
        .collect()
}

impl Change {
    /// The change from an article's facts before to after (`None`: the
    /// article was not in the edition, or is no longer).
    pub fn between(before: Option<&Facts>, after: Option<&Facts>) -> Change {
        let empty = Facts::default();
        let (before, after) = (before.unwrap_or(&empty), after.unwrap_or(&empty));
        if before == after {
            return Change::default();
        }
        let (lists_before, lists_after) = (lists(before), lists(after));
        let listed = lists_before
            .iter()
            .filter(|list| !lists_after.contains(list))
            .chain(
                lists_after
                    .iter()
                    .filter(|list| !lists_before.contains(list)),
            )
            .flatten()
            .map(|name| (*name).to_owned())
            .collect();
        let vouched_before: HashSet<&str> = before.vouched_names().collect();
        let vouched_after: HashSet<&str> = after.vouched_names().collect();
        Change {
            names: differing(&mentions_by_name(before), &mentions_by_name(after)),
            listed,
            terms: differing(&term_forms(before), &term_forms(after)),
            vouched: vouched_before
                .symmetric_difference(&vouched_after)
                .map(|name| (*name).to_owned())
                .collect(),
            moved: true,
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.moved
    }

    /// Whether another article's consistency findings may differ after this
    /// change: it has the facts `facts` and the text `text`, and
    /// `points_here` says whether one of its findings points into the
    /// changed article.
    pub fn reaches(&self, facts: &Facts, text: &str, points_here: bool) -> bool {
        if !self.moved {
            return false;
        }
        points_here
            || facts.mentions.iter().any(|m| {
                self.names.contains(&m.name)
                    // name-variant compares spellings one character apart.
                    || self.names.iter().any(|changed| one_apart(changed, &m.name))
            })
            || facts
                .lists
                .iter()
                .flat_map(|l| &l.items)
                .any(|(name, _)| self.listed.contains(name))
            || facts.terms.iter().any(|t| self.terms.contains(&t.key))
            || self.vouched.iter().any(|name| text.contains(name.as_str()))
    }
}

/// Two names of the same length that differ in one character.
fn one_apart(a: &str, b: &str) -> bool {
    let (mut a, mut b) = (a.chars(), b.chars());
    let mut differences = 0;
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) => differences += usize::from(x != y),
            (None, None) => return differences == 1,
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk::{Article, Language, Register, Source};

    fn facts(text: &str) -> Facts {
        let mut article = Article::parse("a.txt", Source::new(text, Language::PlainText));
        article.extract_facts(&Register::default(), &Default::default());
        (*article.facts).clone()
    }

    #[test]
    fn a_new_title_reaches_the_articles_that_name_the_person() {
        let other = facts(
            "本报讯 市长陈立新昨天在全市工作会议上指出，要抓好落实。陈立新强调，各地要压实责任。",
        );
        let unrelated = facts("本报讯 记者王小明报道，今天天气很好。");
        let before = facts("本报讯 副市长陈立新昨天出席了开工仪式。陈立新说，项目要早日建成。");
        let after = facts("本报讯 市长陈立新昨天出席了开工仪式。陈立新说，项目要早日建成。");
        let change = Change::between(Some(&before), Some(&after));
        assert!(change.reaches(&other, "", false));
        assert!(!change.reaches(&unrelated, "", false));
        // The same facts again (an edit elsewhere in the text) reach nobody.
        assert!(Change::between(Some(&after), Some(&after.clone())).is_empty());
        // An article that leaves the edition reaches those that named its people.
        assert!(Change::between(Some(&before), None).reaches(&other, "", false));
    }

    #[test]
    fn spellings_one_character_apart_reach_each_other() {
        let rare = facts("本报讯 市长刘剑国昨天到企业调研。");
        let change = Change::between(None, Some(&facts("本报讯 市长刘建国昨天出席会议。")));
        assert!(change.reaches(&rare, "", false));
        assert!(one_apart("刘建国", "刘剑国"));
        assert!(!one_apart("刘建国", "刘建"));
        assert!(!one_apart("刘建国", "刘建国"));
    }

    #[test]
    fn a_moved_mention_reaches_only_findings_that_point_into_it() {
        let other = facts("本报讯 记者王小明报道，今天天气很好。");
        let before = facts("本报讯 副市长陈立新昨天出席了开工仪式。");
        let after = facts("本报讯 昨天，副市长陈立新出席了开工仪式。");
        let change = Change::between(Some(&before), Some(&after));
        assert!(!change.reaches(&other, "", false));
        assert!(change.reaches(&other, "", true));
    }
}
