//! Checking a document again after an edit. The blocks an edit did not touch
//! keep the form findings and facts they had, moved by the edit's change in
//! length; only the touched blocks are read again. The result is what
//! checking the new text from scratch gives (`tests/promises.rs` holds us to
//! that), so the language server can afford a check on every keystroke of a
//! long document.

use crate::blocks::Block;
use crate::facts::{EditionNames, Extraction, Facts, Moves};
use crate::finding::Finding;
use crate::register::Register;
use crate::settings::RuleSettings;
use crate::source::Source;
use crate::{Article, ArticleId};
use std::ops::Range;
use std::sync::Arc;

/// An article with its form findings and facts, and what the next check of
/// the same document may reuse.
#[derive(Debug)]
pub struct Checked {
    pub article: Arc<Article>,
    /// The form rules' findings, block after block.
    form: Vec<Finding>,
    /// Where each block's findings lie in `form`.
    form_spans: Vec<Range<usize>>,
    extraction: Extraction,
    layout: Option<crate::blocks::Layout>,
    settings: RuleSettings,
    register: Register,
}

impl Checked {
    /// The findings of the form rules (not yet in source order: see
    /// [`crate::finish`]).
    pub fn form_findings(&self) -> &[Finding] {
        &self.form
    }

    /// Cuts a new version of a document into blocks, checks it with the form
    /// rules and extracts its facts, reusing from `earlier` (a check of a
    /// previous version) whatever the edit did not touch.
    pub fn check(
        id: ArticleId,
        source: Source,
        register: &Register,
        edition_names: &EditionNames,
        settings: &RuleSettings,
        earlier: Option<&Checked>,
    ) -> Checked {
        let (blocks, layout) = crate::blocks::blocks_again(
            &source,
            earlier.and_then(|e| Some((&e.article.source, e.layout.as_ref()?))),
        );
        let earlier = earlier.filter(|e| {
            e.settings == *settings
                && e.register == *register
                && e.article.source.language() == source.language()
        });
        let moves = match earlier {
            Some(earlier) => moved_blocks(&source, &blocks, &earlier.article),
            None => vec![None; blocks.len()],
        };
        tracing::debug!(
            "{id}: {} of {} blocks untouched since the last check",
            moves.iter().filter(|m| m.is_some()).count(),
            blocks.len()
        );
        let (form, form_spans) = check_form(&source, &blocks, settings, &moves, earlier);
        let (facts, extraction) = Facts::extract_again(
            &blocks,
            register,
            edition_names,
            &moves,
            earlier.map(|e| (&*e.article.facts, &e.extraction)),
        );
        Checked {
            article: Arc::new(Article {
                id,
                source,
                blocks,
                facts: Arc::new(facts),
            }),
            form,
            form_spans,
            extraction,
            layout,
            settings: settings.clone(),
            register: register.clone(),
        }
    }
}

/// For each new block, the earlier block it is a moved copy of: the blocks
/// before the edit stay where they were, those after it move by the change
/// in length.
fn moved_blocks(
    source: &Source,
    blocks: &[Block],
    earlier: &Article,
) -> Vec<Option<(usize, isize)>> {
    let (text, earlier_text) = (source.text(), earlier.source.text());
    let old = &earlier.blocks;
    let mut moves = vec![None; blocks.len()];
    let before = blocks
        .iter()
        .zip(old)
        .take_while(|(new, old)| new.is_moved(text, old, earlier_text, 0))
        .count();
    let delta = text.len() as isize - earlier_text.len() as isize;
    let after = blocks[before..]
        .iter()
        .rev()
        .zip(old[before..].iter().rev())
        .take_while(|(new, old)| new.is_moved(text, old, earlier_text, delta))
        .count();
    for (index, moved) in moves.iter_mut().enumerate().take(before) {
        *moved = Some((index, 0));
    }
    for back in 1..=after {
        moves[blocks.len() - back] = Some((old.len() - back, delta));
    }
    moves
}

/// The form findings of every block, reusing those of blocks that moved
/// when their neighbours moved with them (a rule reads up to
/// [`crate::rules::NEIGHBOURS`] blocks either side).
fn check_form(
    source: &Source,
    blocks: &[Block],
    settings: &RuleSettings,
    moves: &Moves,
    earlier: Option<&Checked>,
) -> (Vec<Finding>, Vec<Range<usize>>) {
    let kept = |index: usize| -> Option<(&Checked, usize, isize)> {
        let earlier = earlier?;
        let (old, delta) = moves[index]?;
        let reach = crate::rules::NEIGHBOURS as isize;
        // Each neighbour is the same block as before, or the text's edge
        // as before.
        let neighbours_moved_too = (-reach..=reach).all(|offset| {
            let new_index = index as isize + offset;
            let old_index = old as isize + offset;
            let old_exists = (0..earlier.form_spans.len() as isize).contains(&old_index);
            if new_index < 0 || new_index >= moves.len() as isize {
                return !old_exists;
            }
            moves[new_index as usize].is_some_and(|(moved_old, _)| moved_old as isize == old_index)
        });
        neighbours_moved_too.then_some((earlier, old, delta))
    };
    let mut findings = Vec::new();
    let mut spans = Vec::with_capacity(blocks.len());
    let mut index = 0;
    while index < blocks.len() {
        if let Some((earlier, old, delta)) = kept(index) {
            let start = findings.len();
            findings.extend(
                earlier.form[earlier.form_spans[old].clone()]
                    .iter()
                    .map(|f| f.moved(delta)),
            );
            spans.push(start..findings.len());
            index += 1;
            continue;
        }
        let run_start = index;
        while index < blocks.len() && kept(index).is_none() {
            index += 1;
        }
        let run = &blocks[run_start..index];
        let mut found = crate::check_form_run(source, blocks, run_start..index, settings);
        found.sort_by_key(|f| f.range.start);
        let mut found = found.into_iter().peekable();
        for position in 0..run.len() {
            let next_start = run
                .get(position + 1)
                .map_or(usize::MAX, |next| next.full_source_range().start);
            let start = findings.len();
            while let Some(finding) = found.next_if(|f| f.range.start < next_start) {
                findings.push(finding);
            }
            spans.push(start..findings.len());
        }
    }
    (findings, spans)
}
