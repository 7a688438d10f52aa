//! The rule registry. One rule, one file; a rule's documentation is its doc
//! comment, which `copydesk explain` prints and the editor's hover shows.

use crate::blocks::Block;
use crate::finding::{Edit, Finding, Severity};
use crate::source::Source;
use std::ops::Range;

mod broken_wrap;
mod cjk_latin_space;
mod cjk_space;
mod duplicate_punctuation;
mod ellipsis_dash;
mod fullwidth_alphanumeric;
mod halfwidth_punctuation;
mod leader_order;
mod missing_glyph;
mod name_variant;
mod number_form;
mod repeated_word;
mod term_variant;
mod title_conflict;
mod unpaired_mark;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// One document, mechanical.
    Form,
    /// Across the document and the edition.
    Consistency,
}

/// What the registry knows of a rule without running it.
#[derive(Debug)]
pub struct RuleInfo {
    pub id: &'static str,
    pub default_severity: Severity,
    pub family: Family,
    /// Whether the rule segments words (and so needs the segmenter loaded).
    pub needs_words: bool,
    /// The doc comment, as written (each line with its leading space).
    raw_doc: &'static str,
}

impl RuleInfo {
    /// The rule's documentation in Markdown.
    pub fn doc(&self) -> String {
        self.raw_doc
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_owned()
    }

    /// The first line of the documentation without its heading marks.
    pub fn summary(&self) -> String {
        self.doc()
            .lines()
            .map(|line| line.trim_start_matches('#').trim())
            .find(|line| !line.is_empty() && *line != self.id)
            .unwrap_or_default()
            .to_owned()
    }
}

/// How many blocks on either side of the blocks it checks a form rule may
/// read: a quotation may run over a few lines of verse.
pub const NEIGHBOURS: usize = 4;

/// The document a rule reads: for a form rule, all of it or, for a large
/// document checked in parallel pieces (or again after an edit), a run of its
/// blocks with up to [`NEIGHBOURS`] blocks on either side; for a consistency
/// rule, all of it with its facts and the edition.
pub struct Document<'a> {
    pub source: &'a Source,
    /// The blocks to report on.
    pub blocks: &'a [Block],
    /// The blocks just before and just after `blocks`, read but not
    /// reported on.
    pub before: &'a [Block],
    pub after: &'a [Block],
    pub context: Option<&'a EditionContext<'a>>,
}

/// What a consistency rule judges against.
pub struct EditionContext<'a> {
    pub id: &'a crate::edition::ArticleId,
    pub facts: &'a crate::facts::Facts,
    pub edition: &'a crate::edition::Edition,
    pub register: &'a crate::register::Register,
}

impl Document<'_> {
    /// The block `offset` blocks from `blocks[index]` (before it when
    /// negative), within [`NEIGHBOURS`] of the blocks checked.
    pub fn block_near(&self, index: usize, offset: isize) -> Option<&Block> {
        let at = index as isize + offset;
        if at < 0 {
            let back = (-at) as usize;
            self.before.len().checked_sub(back).map(|i| &self.before[i])
        } else if (at as usize) < self.blocks.len() {
            Some(&self.blocks[at as usize])
        } else {
            self.after.get(at as usize - self.blocks.len())
        }
    }

    /// The block after `blocks[index]`.
    pub fn next_block(&self, index: usize) -> Option<&Block> {
        self.block_near(index, 1)
    }
}

/// Whether, without a register to settle it, a form that `mine` articles of
/// the edition use is a slip beside another that `theirs` articles use: a
/// writer's own, in one article, beside a form others use too. Forms that
/// several articles each use are both the edition's own (a post that changed
/// hands, a formula quoted in two orders): only the register can choose
/// between them.
pub fn is_slip(mine: usize, theirs: usize) -> bool {
    mine == 1 && theirs >= 1
}

pub trait Rule: Sync {
    fn info(&self) -> &'static RuleInfo;
    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>);
}

/// Where a rule puts what it finds; it stamps the rule's id and severity and
/// maps logical ranges back to the source.
pub struct Findings<'a> {
    info: &'static RuleInfo,
    list: &'a mut Vec<Finding>,
}

impl<'a> Findings<'a> {
    pub fn new(info: &'static RuleInfo, list: &'a mut Vec<Finding>) -> Self {
        Findings { info, list }
    }

    /// Reports a finding on a logical range of a block.
    pub fn at(&mut self, block: &Block, logical: Range<usize>, message: String) -> &mut Finding {
        let range = block.source_range(logical);
        self.at_source(range, message)
    }

    /// Reports a finding on a source range with a related place, perhaps in
    /// another article of the edition.
    pub fn at_source_related(
        &mut self,
        range: Range<usize>,
        message: String,
        related: Option<crate::finding::Related>,
    ) -> &mut Finding {
        let finding = self.at_source(range, message);
        finding.related.extend(related);
        finding
    }

    /// Reports a finding on a source range.
    pub fn at_source(&mut self, range: Range<usize>, message: String) -> &mut Finding {
        self.list.push(Finding {
            rule: self.info.id,
            severity: self.info.default_severity,
            range,
            message,
            fixes: Vec::new(),
            related: Vec::new(),
        });
        self.list.last_mut().expect("just pushed")
    }
}

impl Block {
    /// An edit that makes a logical range read `new_text`, when the range is
    /// verbatim source text.
    pub fn edit(&self, logical: Range<usize>, new_text: impl Into<String>) -> Option<Edit> {
        self.verbatim_source_range(logical).map(|range| Edit {
            range,
            new_text: new_text.into(),
        })
    }
}

/// Declares a rule's type and its registry entry from its doc comment.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            id: $id:literal,
            severity: $severity:ident,
            family: $family:ident
            $(, needs_words: $words:literal)?
            $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const INFO: $crate::rules::RuleInfo = $crate::rules::RuleInfo {
                id: $id,
                default_severity: $crate::finding::Severity::$severity,
                family: $crate::rules::Family::$family,
                needs_words: false $(|| $words)?,
                raw_doc: concat!($($doc, "\n"),*),
            };
        }
    };
}
pub(crate) use declare_rule;

/// Every rule, in the order `copydesk rules` lists them.
pub static RULES: &[&dyn Rule] = &[
    &broken_wrap::BrokenWrap,
    &halfwidth_punctuation::HalfwidthPunctuation,
    &fullwidth_alphanumeric::FullwidthAlphanumeric,
    &duplicate_punctuation::DuplicatePunctuation,
    &repeated_word::RepeatedWord,
    &unpaired_mark::UnpairedMark,
    &cjk_space::CjkSpace,
    &cjk_latin_space::CjkLatinSpace,
    &missing_glyph::MissingGlyph,
    &ellipsis_dash::EllipsisDash,
    &number_form::NumberForm,
    &name_variant::NameVariant,
    &title_conflict::TitleConflict,
    &leader_order::LeaderOrder,
    &term_variant::TermVariant,
];

pub fn rule(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|rule| rule.info().id == id)
}

pub fn rule_ids() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|rule| rule.info().id)
}
