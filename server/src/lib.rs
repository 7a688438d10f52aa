//! copydesk: the analysis core.
//!
//! A one-way pipeline of pure, synchronous stages:
//! [`source`] → [`blocks`] → [`tokens`] → [`rules`] (findings). The CLI and the
//! language server are thin adapters over [`check`] and [`fix::fix_text`].

pub mod blocks;
pub mod chars;
pub mod conventions;
pub mod facts;
pub mod finding;
pub mod fix;
mod layout;
mod markdown;
pub mod names;
pub mod register;
pub mod rules;
pub mod settings;
pub mod source;
pub mod tokens;

pub use finding::{Edit, Finding, Fix, Safety, Severity};
pub use settings::{Level, RuleSettings};
pub use source::{Language, Source};

/// Every finding of the enabled rules on one document, in source order.
pub fn check(source: &Source, settings: &RuleSettings) -> Vec<Finding> {
    let blocks = blocks::blocks(source);
    check_blocks(source, &blocks, settings)
}

/// Documents larger than this are checked in parallel pieces.
const PIECE_BYTES: usize = 256 * 1024;

fn check_blocks(
    source: &Source,
    blocks: &[blocks::Block],
    settings: &RuleSettings,
) -> Vec<Finding> {
    use rayon::prelude::*;
    let pieces = pieces(blocks, PIECE_BYTES);
    // Rules that segment words run after the others have finished everywhere:
    // the segmenter may still be loading on another thread, and waiting for
    // it must not hold up work that does not need it.
    let (word_rules, other_rules): (Vec<_>, Vec<_>) = settings
        .enabled()
        .partition(|(rule, _)| rule.info().needs_words);
    let mut findings = Vec::new();
    for rules in [other_rules, word_rules] {
        if rules.is_empty() {
            continue;
        }
        if pieces.len() <= 1 {
            findings.extend(check_piece(source, blocks, None, &rules));
        } else {
            let found: Vec<Finding> = pieces
                .par_iter()
                .flat_map_iter(|range| {
                    let following = blocks.get(range.end);
                    check_piece(source, &blocks[range.clone()], following, &rules)
                })
                .collect();
            findings.extend(found);
        }
    }
    findings.sort_by_key(|f| (f.range.start, f.range.end));
    findings
}

fn check_piece(
    source: &Source,
    blocks: &[blocks::Block],
    following: Option<&blocks::Block>,
    rules: &[(&'static dyn rules::Rule, Severity)],
) -> Vec<Finding> {
    let document = rules::Document {
        source,
        blocks,
        following,
    };
    let mut findings = Vec::new();
    for &(rule, severity) in rules {
        let first = findings.len();
        rule.check(
            &document,
            &mut rules::Findings::new(rule.info(), &mut findings),
        );
        for finding in &mut findings[first..] {
            finding.severity = severity;
        }
    }
    findings
}

/// Cuts the blocks into runs of about `size` bytes of text.
fn pieces(blocks: &[blocks::Block], size: usize) -> Vec<std::ops::Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (index, block) in blocks.iter().enumerate() {
        bytes += block.text.len();
        if bytes >= size {
            pieces.push(start..index + 1);
            start = index + 1;
            bytes = 0;
        }
    }
    if start < blocks.len() {
        pieces.push(start..blocks.len());
    }
    pieces
}
