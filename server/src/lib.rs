//! copydesk: the analysis core.
//!
//! A one-way pipeline of pure, synchronous stages:
//! [`source`] → [`blocks`] → [`tokens`] → [`rules`] (findings). The CLI and the
//! language server are thin adapters over [`check`] and [`fix::fix_text`].

pub mod blocks;
pub mod chars;
pub mod conventions;
pub mod directives;
pub mod edition;
pub mod facts;
pub mod finding;
pub mod fix;
mod html;
pub mod incremental;
mod layout;
mod markdown;
pub mod names;
pub mod register;
pub mod rules;
pub mod settings;
pub mod source;
pub mod tokens;

pub use edition::{ArticleId, Edition};
pub use facts::{EditionNames, Facts};
pub use finding::{Edit, Finding, Fix, Safety, Severity};
pub use register::Register;
pub use settings::{Level, RuleSettings};
pub use source::{Language, Source};

use std::collections::HashSet;
use std::sync::Arc;

/// One article: its text cut into blocks and, once extracted, its facts.
#[derive(Clone, Debug)]
pub struct Article {
    pub id: ArticleId,
    pub source: Source,
    pub blocks: Vec<blocks::Block>,
    pub facts: Arc<Facts>,
}

impl Article {
    /// Cuts the article into blocks. Its facts stay empty until
    /// [`Article::extract_facts`]: form rules do not need them.
    pub fn parse(id: impl Into<ArticleId>, source: Source) -> Article {
        let blocks = blocks::blocks(&source);
        Article {
            id: id.into(),
            source,
            blocks,
            facts: Arc::default(),
        }
    }

    /// Extracts the facts, finding the register's names and `known` names
    /// (other articles') wherever they appear.
    pub fn extract_facts(&mut self, register: &Register, edition: &EditionNames) {
        self.facts = Arc::new(Facts::extract(&self.blocks, register, edition));
    }

    /// Extracts the facts again when the edition knows names this article
    /// does not vouch for itself (`matcher` finds the `known` names).
    pub fn learn_names(
        &mut self,
        register: &Register,
        edition: &EditionNames,
        matcher: &names::KnownNames,
    ) {
        let own: HashSet<&str> = self
            .facts
            .mentions
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        // An article that vouches for every name the edition knows (one
        // alone, always) has nothing to learn: no pass over its text.
        let learns = edition
            .known
            .iter()
            .any(|name| !own.contains(name.as_str()));
        if learns && matcher.any_in(self.source.text(), |name| own.contains(name)) {
            self.extract_facts(register, edition);
        }
    }
}

/// Builds an edition from articles: each extracts its facts, learns the names
/// the others vouch for, and the edition holds every article's facts.
pub fn build_edition(articles: &mut [Article], registers: &[&Register]) -> Edition {
    let own = facts_of_their_own(articles, registers);
    build_edition_from(articles, registers, own)
}

/// Each article's facts from what it vouches for itself, knowing no other
/// article: the first stage of [`build_edition`], which reads the articles
/// without changing them, so that other work (the form rules) can read them
/// at the same time.
pub fn facts_of_their_own(articles: &[Article], registers: &[&Register]) -> Vec<Arc<Facts>> {
    use rayon::prelude::*;
    let nobody = EditionNames::default();
    articles
        .par_iter()
        .zip(registers.par_iter())
        .map(|(article, register)| Arc::new(Facts::extract(&article.blocks, register, &nobody)))
        .collect()
}

/// [`build_edition`] given each article's [`facts_of_their_own`].
pub fn build_edition_from(
    articles: &mut [Article],
    registers: &[&Register],
    own: Vec<Arc<Facts>>,
) -> Edition {
    use rayon::prelude::*;
    for (article, facts) in articles.iter_mut().zip(own) {
        article.facts = facts;
    }
    let mut edition = Edition::new();
    for article in articles.iter() {
        edition.update(article.id.clone(), article.facts.clone());
    }
    let known = EditionNames::known(edition.vouched_names());
    let matcher = names::KnownNames::new(&known.known);
    articles
        .par_iter_mut()
        .zip(registers.par_iter())
        .for_each(|(article, register)| article.learn_names(register, &known, &matcher));
    for article in articles.iter() {
        edition.update(article.id.clone(), article.facts.clone());
    }
    // Only now, every article having found every name the edition vouches
    // for, can the edition tell which it writes too often to be names.
    let refused = edition.refused_names();
    if !refused.is_empty() {
        for article in articles.iter_mut() {
            if article
                .facts
                .mentions
                .iter()
                .any(|m| refused.contains(&m.name))
            {
                Arc::make_mut(&mut article.facts).refuse(&refused);
                edition.update(article.id.clone(), article.facts.clone());
            }
        }
    }
    edition
}

/// Every finding of the enabled rules on one document on its own (an edition
/// of one, no register), in source order.
pub fn check(source: &Source, settings: &RuleSettings) -> Vec<Finding> {
    let register = Register::default();
    let mut article = Article::parse("", source.clone());
    let mut edition = Edition::new();
    if settings.any_enabled(rules::Family::Consistency) {
        article.extract_facts(&register, &EditionNames::default());
        edition.update(article.id.clone(), article.facts.clone());
    }
    check_article(&article, &edition, &register, settings)
}

/// Every finding on an article of an edition, in source order; findings on
/// words the register ignores are dropped.
pub fn check_article(
    article: &Article,
    edition: &Edition,
    register: &Register,
    settings: &RuleSettings,
) -> Vec<Finding> {
    let mut findings = check_form(&article.source, &article.blocks, settings);
    findings.extend(check_consistency(article, edition, register, settings));
    finish(findings, &article.source, register)
}

/// The findings of the consistency rules, which read the article's facts and
/// the edition's.
pub fn check_consistency(
    article: &Article,
    edition: &Edition,
    register: &Register,
    settings: &RuleSettings,
) -> Vec<Finding> {
    let context = rules::EditionContext {
        id: &article.id,
        facts: &article.facts,
        edition,
        register,
    };
    let document = rules::Document {
        source: &article.source,
        blocks: &article.blocks,
        before: &[],
        after: &[],
        context: Some(&context),
    };
    use rayon::prelude::*;
    let consistency: Vec<_> = settings
        .enabled()
        .filter(|(rule, _)| rule.info().family == rules::Family::Consistency)
        .collect();
    // The rules read the same facts and edition, each on its own core when
    // there is much to read; a short article stays on this thread.
    let rules_per_task = if article.facts.mentions.len() + article.facts.terms.len() > 4096 {
        1
    } else {
        consistency.len().max(1)
    };
    consistency
        .par_iter()
        .with_min_len(rules_per_task)
        .flat_map_iter(|&rule| run_rules(&document, [rule]))
        .collect()
}

/// Runs rules on a document, stamping each finding with its rule's severity.
fn run_rules<'r>(
    document: &rules::Document<'_>,
    rules: impl IntoIterator<Item = (&'r dyn rules::Rule, Severity)>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (rule, severity) in rules {
        let first = findings.len();
        rule.check(
            document,
            &mut rules::Findings::new(rule.info(), &mut findings),
        );
        for finding in &mut findings[first..] {
            finding.severity = severity;
        }
    }
    findings
}

/// Findings in source order, without those on words the register ignores
/// or that Markdown comments switch off.
pub fn finish(mut findings: Vec<Finding>, source: &Source, register: &Register) -> Vec<Finding> {
    directives::apply(&mut findings, source);
    if !register.ignore_words.is_empty() {
        findings.retain(|f| !is_ignored(source.text(), &f.range, &register.ignore_words));
    }
    findings.sort_by_key(|f| (f.range.start, f.range.end));
    findings
}

/// A finding on (or inside) a word the register says never to flag.
fn is_ignored(text: &str, range: &std::ops::Range<usize>, words: &[String]) -> bool {
    words.iter().any(|word| {
        let from = range.end.saturating_sub(word.len()).min(range.start);
        let window_end = (range.start + word.len()).max(range.end).min(text.len());
        text.get(from..window_end).is_some_and(|window| {
            window
                .match_indices(word.as_str())
                .any(|(i, _)| from + i <= range.start && range.end <= from + i + word.len())
        })
    })
}

/// Documents larger than this are checked in parallel pieces.
const PIECE_BYTES: usize = 256 * 1024;

/// The findings of the form rules, which read one document's blocks.
pub fn check_form(
    source: &Source,
    blocks: &[blocks::Block],
    settings: &RuleSettings,
) -> Vec<Finding> {
    check_form_run(source, blocks, 0..blocks.len(), settings)
}

/// The findings of the form rules in a run of a document's blocks (rules
/// read up to [`rules::NEIGHBOURS`] blocks either side of it).
fn check_form_run(
    source: &Source,
    blocks: &[blocks::Block],
    run: std::ops::Range<usize>,
    settings: &RuleSettings,
) -> Vec<Finding> {
    use rayon::prelude::*;
    let pieces = pieces(blocks, run, PIECE_BYTES);
    // Rules that segment words run after the others have finished everywhere:
    // the segmenter may still be loading on another thread, and waiting for
    // it must not hold up work that does not need it.
    let form_rules = settings
        .enabled()
        .filter(|(rule, _)| rule.info().family == rules::Family::Form);
    let (word_rules, other_rules): (Vec<_>, Vec<_>) =
        form_rules.partition(|(rule, _)| rule.info().needs_words);
    let mut findings = Vec::new();
    for rules in [other_rules, word_rules] {
        if rules.is_empty() {
            continue;
        }
        let found: Vec<Finding> = pieces
            .par_iter()
            .flat_map_iter(|piece| check_piece(source, blocks, piece.clone(), &rules))
            .collect();
        if findings.is_empty() {
            findings = found;
        } else {
            findings.extend(found);
        }
    }
    findings
}

fn check_piece(
    source: &Source,
    blocks: &[blocks::Block],
    piece: std::ops::Range<usize>,
    rules: &[(&'static dyn rules::Rule, Severity)],
) -> Vec<Finding> {
    let before = piece.start.saturating_sub(rules::NEIGHBOURS)..piece.start;
    let after = piece.end..(piece.end + rules::NEIGHBOURS).min(blocks.len());
    let document = rules::Document {
        source,
        blocks: &blocks[piece],
        before: &blocks[before],
        after: &blocks[after],
        context: None,
    };
    run_rules(&document, rules.iter().copied())
}

/// Cuts a run of blocks into pieces of about `size` bytes of text.
fn pieces(
    blocks: &[blocks::Block],
    run: std::ops::Range<usize>,
    size: usize,
) -> Vec<std::ops::Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = run.start;
    let mut bytes = 0;
    for (index, block) in blocks.iter().enumerate().take(run.end).skip(run.start) {
        bytes += block.text.len();
        if bytes >= size {
            pieces.push(start..index + 1);
            start = index + 1;
            bytes = 0;
        }
    }
    if start < run.end {
        pieces.push(start..run.end);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition_of(texts: &[&str]) -> Edition {
        let mut articles: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                Article::parse(format!("{i}.txt"), Source::new(*text, Language::PlainText))
            })
            .collect();
        let register = Register::default();
        let registers = vec![&register; articles.len()];
        build_edition(&mut articles, &registers)
    }

    fn cast(edition: &Edition) -> Vec<(String, usize)> {
        edition
            .people()
            .into_iter()
            .map(|p| (p.name, p.mentions.len()))
            .collect()
    }

    #[test]
    fn a_word_the_edition_writes_far_more_often_than_it_vouches_for_is_nobody() {
        // 伤员高水平救治: a description before 高水平 vouches for it once; the
        // other article writes it 60 times as the word it is.
        let word = "推动高水平开放，实现高水平安全。".repeat(30);
        let edition = edition_of(&["市长张群环要求全力保证伤员高水平救治。", &word]);
        assert_eq!(cast(&edition), [("张群环".to_owned(), 1)]);
        let refused = &edition.facts("0.txt").unwrap().refused;
        assert_eq!(refused.len(), 1);
        assert_eq!((refused[0].vouches, refused[0].appearances), (1, 1));
    }

    #[test]
    fn a_person_named_again_and_again_after_one_title_stays_a_person() {
        let again = "张群环和同事们一起工作。".repeat(40);
        let edition = edition_of(&["市长张群环出席会议。", &again]);
        assert_eq!(cast(&edition), [("张群环".to_owned(), 41)]);
    }
}
