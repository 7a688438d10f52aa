//! The document as the editor meant it: paragraphs with hard wraps undone,
//! headlines and bylines; Markdown code, HTML and front matter left out.
//!
//! Each block's logical text keeps a [`SourceMap`] back to source offsets, so a
//! rule works on `蒋震雷` even where the page broke it as `蒋震` / `雷`, and the
//! finding still lands on the right source range.

use crate::source::{Language, Source};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Headline,
    Byline,
}

/// A unit of running text.
#[derive(Clone, Debug)]
pub struct Block {
    pub kind: BlockKind,
    /// The logical text: what a reader reads, with hard wraps undone.
    pub text: String,
    map: SourceMap,
    /// Source ranges of the line breaks that were undone to make `text`: the
    /// break with the blank lines and indentation around it.
    pub wraps: Vec<Range<usize>>,
    /// What replaces each wrap to rejoin the text (empty, or a space between
    /// Latin words), parallel to `wraps`.
    pub wrap_joins: Vec<&'static str>,
    /// Set out in print columns: a hard-wrapped page, whose spacing came
    /// from a typesetter.
    pub printed: bool,
    /// The line break after the block, kept because the text cannot tell
    /// whether it ends the paragraph or only a printed line: its source range
    /// and what would replace it to join the next block.
    pub undecided_break: Option<(Range<usize>, &'static str)>,
}

impl Block {
    /// The source range a logical range came from.
    pub fn source_range(&self, logical: Range<usize>) -> Range<usize> {
        let start = self.map.to_source_start(logical.start);
        if logical.is_empty() {
            return start..start;
        }
        start..self.map.to_source_end(logical.end).max(start)
    }

    /// The source range of the whole block.
    pub fn full_source_range(&self) -> Range<usize> {
        self.source_range(0..self.text.len())
    }

    /// The source range to replace so that `logical` reads `new_text`, when the
    /// logical range is a verbatim copy of contiguous source text; `None` when
    /// it spans an undone wrap or text that was rewritten (Markdown escapes).
    pub fn verbatim_source_range(&self, logical: Range<usize>) -> Option<Range<usize>> {
        self.map
            .is_verbatim(logical.clone())
            .then(|| self.source_range(logical))
    }
}

impl Block {
    /// Whether this block is `earlier` moved by `delta` bytes: the same kind,
    /// logical text, source text and source map, only further on (or back) in
    /// the document. What a rule finds in it is then what it found in
    /// `earlier`, moved by `delta`.
    pub fn is_moved(
        &self,
        source: &str,
        earlier: &Block,
        earlier_source: &str,
        delta: isize,
    ) -> bool {
        let moved = |offset: usize| offset.checked_add_signed(delta);
        let moved_range = |r: &Range<usize>| Some(moved(r.start)?..moved(r.end)?);
        let here = self.full_source_range();
        let there = earlier.full_source_range();
        self.kind == earlier.kind
            && self.text == earlier.text
            && self.wrap_joins.len() == earlier.wrap_joins.len()
            // Byte by byte: the joins are "" or " ", and a library call per
            // join costs more than the comparison.
            && self
                .wrap_joins
                .iter()
                .zip(&earlier.wrap_joins)
                .all(|(a, b)| a.bytes().eq(b.bytes()))
            && moved_range(&there).as_ref() == Some(&here)
            && source.get(here) == earlier_source.get(there)
            && self.wraps.len() == earlier.wraps.len()
            && self
                .wraps
                .iter()
                .zip(&earlier.wraps)
                .all(|(a, b)| moved_range(b).as_ref() == Some(a))
            && self.printed == earlier.printed
            && match (&self.undecided_break, &earlier.undecided_break) {
                (None, None) => true,
                (Some((a, join)), Some((b, earlier_join))) => {
                    moved_range(b).as_ref() == Some(a) && join == earlier_join
                }
                _ => false,
            }
            && self.map.logical_len == earlier.map.logical_len
            && self.map.segments.len() == earlier.map.segments.len()
            && self.map.segments.iter().zip(&earlier.map.segments).all(|(a, b)| {
                a.logical == b.logical
                    && a.verbatim == b.verbatim
                    && a.source_len == b.source_len
                    && moved(b.source) == Some(a.source)
            })
    }
}

/// One run of logical text and where it came from.
#[derive(Clone, Copy, Debug)]
struct Segment {
    logical: usize,
    source: usize,
    source_len: usize,
    /// The logical run is a byte-for-byte copy of the source run.
    verbatim: bool,
}

/// Maps offsets in a block's logical text back to the source.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    segments: Vec<Segment>,
    logical_len: usize,
}

impl SourceMap {
    fn segment_starting_at_or_before(&self, logical: usize) -> Option<&Segment> {
        let index = self.segments.partition_point(|s| s.logical <= logical);
        index.checked_sub(1).map(|i| &self.segments[i])
    }

    fn segment_before(&self, logical: usize) -> Option<&Segment> {
        let index = self.segments.partition_point(|s| s.logical < logical);
        index.checked_sub(1).map(|i| &self.segments[i])
    }

    fn to_source_start(&self, logical: usize) -> usize {
        match self.segment_starting_at_or_before(logical) {
            Some(s) if s.verbatim => s.source + (logical - s.logical).min(s.source_len),
            Some(s) if logical == s.logical => s.source,
            Some(s) => s.source + s.source_len,
            None => 0,
        }
    }

    fn to_source_end(&self, logical: usize) -> usize {
        match self.segment_before(logical) {
            Some(s) if s.verbatim => s.source + (logical - s.logical).min(s.source_len),
            Some(s) => s.source + s.source_len,
            None => self.to_source_start(logical),
        }
    }

    fn is_verbatim(&self, logical: Range<usize>) -> bool {
        if logical.end > self.logical_len {
            return false;
        }
        let first = self
            .segments
            .partition_point(|s| s.logical <= logical.start);
        let Some(first) = first.checked_sub(1) else {
            return false;
        };
        let mut expected_source = None;
        for segment in &self.segments[first..] {
            if segment.logical >= logical.end && segment.logical > logical.start {
                break;
            }
            if !segment.verbatim {
                return false;
            }
            if let Some(expected) = expected_source
                && expected != segment.source
            {
                return false;
            }
            expected_source = Some(segment.source + segment.source_len);
        }
        true
    }
}

/// Builds a block's logical text and its source map together.
#[derive(Debug)]
pub struct BlockBuilder<'s> {
    source: &'s str,
    text: String,
    map: SourceMap,
    wraps: Vec<Range<usize>>,
    wrap_joins: Vec<&'static str>,
}

impl<'s> BlockBuilder<'s> {
    pub fn new(source: &'s str) -> Self {
        BlockBuilder {
            source,
            text: String::new(),
            map: SourceMap::default(),
            wraps: Vec::new(),
            wrap_joins: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Appends source text verbatim.
    pub fn push_source(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        if let Some(last) = self.map.segments.last_mut()
            && last.verbatim
            && last.source + last.source_len == range.start
        {
            last.source_len += range.len();
        } else {
            self.map.segments.push(Segment {
                logical: self.text.len(),
                source: range.start,
                source_len: range.len(),
                verbatim: true,
            });
        }
        self.text.push_str(&self.source[range]);
        self.map.logical_len = self.text.len();
    }

    /// Appends text that stands for a source range without copying it: a
    /// Markdown escape's result, or a placeholder for inline code.
    pub fn push_standing_for(&mut self, text: &str, range: Range<usize>) {
        self.map.segments.push(Segment {
            logical: self.text.len(),
            source: range.start,
            source_len: range.len(),
            verbatim: false,
        });
        self.text.push_str(text);
        self.map.logical_len = self.text.len();
    }

    /// Records a line break that the block undoes. `join` is what stands in
    /// its place in the logical text (and what the fix writes).
    pub fn push_wrap(&mut self, range: Range<usize>, join: &'static str) {
        if !join.is_empty() {
            self.push_standing_for(join, range.clone());
        }
        self.wraps.push(range);
        self.wrap_joins.push(join);
    }

    pub fn finish(self, kind: BlockKind) -> Block {
        Block {
            kind,
            text: self.text,
            map: self.map,
            wraps: self.wraps,
            wrap_joins: self.wrap_joins,
            printed: false,
            undecided_break: None,
        }
    }
}

/// What stands in for a line break undone between two pieces of text, by
/// the classes of the characters on either side: nothing beside Chinese, and
/// nothing inside a number (print breaks `1` / `900年`, `55.` / `6亿元`) or a
/// compound (`COVID-` / `19`); between other Latin text a space, where the
/// typesetter broke at one (`New` / `York`, `Inc.` / `The`).
pub fn join_for(before: &str, after: &str) -> &'static str {
    let mut back = before.chars().rev();
    let (Some(last), Some(first)) = (back.next(), after.chars().next()) else {
        return "";
    };
    if !last.is_ascii() || !first.is_ascii() {
        return "";
    }
    let in_number = |c: char| c.is_ascii_digit() || matches!(c, '.' | '%');
    let goes_on = match (last, first) {
        // A number goes on (`1`/`900`, `55.`/`6`, `20`/`%`), and so does a
        // unit or model after it (`5`/`G`).
        (a, b) if a.is_ascii_digit() && (in_number(b) || b.is_ascii_alphabetic()) => true,
        (a, b) if in_number(a) && b.is_ascii_digit() => true,
        // A thousands separator (`1,`/`000`).
        (',', b) => b.is_ascii_digit() && back.next().is_some_and(|c| c.is_ascii_digit()),
        (a, _) => matches!(a, '-' | '/' | '_' | '@' | '(' | '[' | '<'),
    };
    if goes_on { "" } else { " " }
}

/// Stands for inline code, an image or the like in the logical text, so that
/// the text on either side is not read as adjacent.
pub const OPAQUE: &str = "\u{FFFC}";

/// Whether a line break between `before` and `after` is the writer's own:
/// after a sentence's end, or before a list item's marker.
pub fn is_writers_own_line(before: &str, after: &str) -> bool {
    crate::chars::ends_sentence(before) || crate::conventions::item_marker_len(after).is_some()
}

/// Whether a line break that Markdown or HTML renders as a space, between
/// `before` and `after`, renders a stray one: where the text joins with
/// nothing (Chinese, a number). Inline code stands for Latin text unless
/// Chinese is beside it. The writer's own line is no wrap.
pub fn is_stray_break(before: &str, after: &str) -> bool {
    if is_writers_own_line(before, after) {
        return false;
    }
    if before.ends_with(OPAQUE) || after.starts_with(OPAQUE) {
        return before
            .chars()
            .next_back()
            .is_some_and(crate::chars::is_chinese)
            || after.chars().next().is_some_and(crate::chars::is_chinese);
    }
    !before.is_empty() && !after.is_empty() && join_for(before, after).is_empty()
}

/// What laying out a plain-text document leaves for laying out its next
/// version: the lines as read.
pub type Layout = crate::layout::Lines;

/// Cuts a new version of a document into blocks, reusing the layout of the
/// `earlier` version where an edit did not reach. Gives the layout to keep.
pub fn blocks_again(
    source: &Source,
    earlier: Option<(&Source, &Layout)>,
) -> (Vec<Block>, Option<Layout>) {
    match source.language() {
        Language::PlainText => {
            let earlier = earlier
                .filter(|(earlier, _)| earlier.language() == Language::PlainText)
                .map(|(earlier, layout)| (earlier.text(), layout));
            let (blocks, layout) = crate::layout::plain_text_layout(source.text(), earlier);
            (cut_long_lines(source.text(), blocks), Some(layout))
        }
        Language::Markdown => (blocks(source), None),
        Language::Html => (blocks(source), None),
    }
}

/// Cuts a document into blocks.
pub fn blocks(source: &Source) -> Vec<Block> {
    let blocks = match source.language() {
        Language::PlainText => crate::layout::plain_text_blocks(source.text()),
        Language::Markdown => crate::markdown::markdown_blocks(source.text()),
        Language::Html => crate::html::html_blocks(source.text()),
    };
    cut_long_lines(source.text(), blocks)
}

/// A paragraph that is one line of source longer than this is cut into
/// pieces at sentence ends: text pasted from systems that keep a paragraph
/// per line can hold a million characters on one line, and an edit in it
/// then checks one piece again instead of the whole line.
const LONG_LINE: usize = 64 * 1024;
/// About how long each piece of a long line is.
const LINE_PIECE: usize = 16 * 1024;

fn cut_long_lines(source: &str, blocks: Vec<Block>) -> Vec<Block> {
    let is_long_line = |block: &Block| {
        block.text.len() > LONG_LINE
            && block.wraps.is_empty()
            && matches!(block.map.segments.as_slice(), [only] if only.verbatim)
    };
    if !blocks.iter().any(is_long_line) {
        return blocks;
    }
    let mut pieces = Vec::with_capacity(blocks.len());
    for block in blocks {
        if !is_long_line(&block) {
            pieces.push(block);
            continue;
        }
        let start = block.full_source_range().start;
        let mut from = 0;
        for cut in sentence_cuts(&block.text, LINE_PIECE).chain([block.text.len()]) {
            let mut builder = BlockBuilder::new(source);
            builder.push_source(start + from..start + cut);
            pieces.push(builder.finish(block.kind));
            from = cut;
        }
    }
    pieces
}

/// Offsets after sentence ends (。！？) outside quotes and brackets, at
/// least `every` bytes apart, never at the end of the text.
fn sentence_cuts(text: &str, every: usize) -> impl Iterator<Item = usize> + '_ {
    let mut depth = 0usize;
    let mut last = 0;
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((at, c)) = chars.next() {
            match c {
                '“' | '‘' | '（' | '《' | '「' | '『' | '【' | '(' => depth += 1,
                '”' | '’' | '）' | '》' | '」' | '』' | '】' | ')' => {
                    depth = depth.saturating_sub(1)
                }
                '。' | '！' | '？' if depth == 0 => {
                    let end = at + c.len_utf8();
                    let closing_next = chars.peek().is_some_and(|&(_, n)| {
                        matches!(n, '。' | '！' | '？' | '”' | '’' | '）' | '》' | '…')
                    });
                    if end - last >= every && end < text.len() && !closing_next {
                        last = end;
                        return Some(end);
                    }
                }
                _ => {}
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_broken_across_a_wrap_maps_back_to_both_lines() {
        let source = "蒋震\n\n雷、吴婉珍";
        let mut builder = BlockBuilder::new(source);
        builder.push_source(0..6);
        builder.push_wrap(6..8, "");
        builder.push_source(8..source.len());
        let block = builder.finish(BlockKind::Paragraph);
        assert_eq!(block.text, "蒋震雷、吴婉珍");
        let name = 0.."蒋震雷".len();
        assert_eq!(block.source_range(name.clone()), 0..11);
        assert_eq!(block.verbatim_source_range(name), None);
        assert_eq!(block.verbatim_source_range(9..12), Some(11..14));
        assert_eq!(block.source_range(6..9), 8..11);
    }

    #[test]
    fn joins_by_the_characters_either_side() {
        let cases = [
            ("政银", "合作", ""),
            ("1", "900年", ""),
            ("55.", "6亿元", ""),
            ("100", "0多平方米", ""),
            ("增长20", "%", ""),
            ("1,", "000人", ""),
            ("5", "G网络", ""),
            ("COVID-", "19", ""),
            ("New", "York", " "),
            ("Windows", "10", " "),
            ("Inc.", "The", " "),
            ("A320", "系列", ""),
            ("第二届", "A", ""),
        ];
        for (before, after, join) in cases {
            assert_eq!(join_for(before, after), join, "{before:?} / {after:?}");
        }
    }

    #[test]
    fn a_long_line_is_cut_into_pieces_at_sentence_ends_outside_quotes() {
        let sentence = "他说：“今天很好。明天也好。”大家都来了。";
        let line = sentence.repeat(LONG_LINE / sentence.len() + 2);
        let source = Source::new(format!("标题\n\n{line}\n"), Language::PlainText);
        let pieces = blocks(&source);
        assert!(pieces.len() > 3, "{} blocks", pieces.len());
        let text: String = pieces[1..].iter().map(|b| b.text.as_str()).collect();
        assert_eq!(text, line);
        for piece in &pieces[1..] {
            assert!(piece.text.ends_with("大家都来了。"), "cut inside a quote");
            assert_eq!(&source.text()[piece.full_source_range()], piece.text);
        }
        // An edit's layout cuts the line the same way.
        assert_eq!(blocks_again(&source, None).0.len(), pieces.len());
    }
}
