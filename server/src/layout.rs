//! Finds the paragraphs of plain text, undoing the hard wraps of text copied
//! out of a print layout.
//!
//! A page extracted from PDF breaks every line at the column width. No width is
//! assumed: the page's own column width is the width most of its lines share
//! (measured in em, punctuation and Latin at half an em, because print
//! compresses them). Against that width each line tells what it is: a full
//! line continues its paragraph; a line two em short is a paragraph's first
//! line (its indent was lost); a shorter line ends a paragraph; a line wider
//! than the column, or with a space inside, is a headline; bylines are known by
//! their form. Blank lines count as paragraph breaks only on pages that do not
//! put them between every wrapped line.

use crate::blocks::{Block, BlockBuilder, BlockKind, join_for};
use crate::chars::{ends_sentence, is_blank, is_han, line_width};
use crate::conventions::{dateline_len, is_byline, reporter_credits};
use std::ops::Range;

/// Narrower columns than this are lists or verse, not wrapped prose.
const NARROWEST_COLUMN: f32 = 10.0;
/// Print columns of news pages are 12 to 26 characters wide; lines of similar
/// length beyond this are whole paragraphs that happen to match.
const WIDEST_COLUMN: f32 = 32.0;
/// How far short of the column a line may fall and still be full: a line
/// whose next character is an opening mark pushed to the next line, or whose
/// punctuation was set uncompressed.
const FULL_SLACK: f32 = 1.25;
/// The lost two-character indent of a paragraph's first line, with room for
/// one more mark of compression either way.
const INDENT_SLACK: f32 = 3.5;
/// How far past the column a body line may reach: a closing mark pulled up.
const OVERHANG: f32 = 0.75;

#[derive(Clone, Debug, PartialEq)]
struct Line {
    /// The line without its indentation, trailing blanks and line break.
    content: Range<usize>,
    width: f32,
    ends_sentence: bool,
    is_byline: bool,
    has_inner_space: bool,
    /// No clause punctuation at all: a headline, or a wrapped line that
    /// happens to have none.
    unpunctuated: bool,
    /// Opens with a dateline (`本报讯`): the start of an article's body.
    opens_body: bool,
    /// One of a run of headline lines (set by `mark_headline_runs`).
    in_headline_run: bool,
    /// Blank lines between this line and the previous non-blank one.
    blank_lines_before: usize,
}

pub fn plain_text_blocks(text: &str) -> Vec<Block> {
    plain_text_layout(text, None).0
}

/// The lines of a page as read, kept so that laying out the next version of
/// the page reads again only the lines an edit touched.
#[derive(Clone, Debug, Default)]
pub struct Lines(Vec<Line>);

/// The blocks of a page and its lines. With the `earlier` version of the page
/// and its lines, lines an edit did not touch are taken from them, moved by
/// the edit's change in length; the page is then laid out as a whole again
/// (its column width depends on every line).
pub fn plain_text_layout(text: &str, earlier: Option<(&str, &Lines)>) -> (Vec<Block>, Lines) {
    use rayon::prelude::*;
    let mut lines = match earlier {
        Some((earlier_text, Lines(earlier_lines))) => {
            lines_again(text, earlier_text, earlier_lines)
        }
        None => non_blank_lines(text),
    };
    mark_headline_runs(&mut lines);
    let page = Page::measure(&lines);
    let mut groups: Vec<Range<usize>> = Vec::new();
    let mut group_start = 0;
    for index in 1..lines.len() {
        if page.breaks_between(&lines[index - 1], &lines[index], text) {
            groups.push(group_start..index);
            group_start = index;
        }
    }
    if group_start < lines.len() {
        groups.push(group_start..lines.len());
    }
    let blocks = groups
        .par_iter()
        .with_min_len(256)
        .map(|group| build_block(text, &lines[group.clone()], &page))
        .collect();
    (blocks, Lines(lines))
}

/// The lines of an edited page: those wholly before the edit as they were,
/// those wholly after it moved, the rest read again.
fn lines_again(text: &str, earlier_text: &str, earlier: &[Line]) -> Vec<Line> {
    let (new, old) = (text.as_bytes(), earlier_text.as_bytes());
    let shorter = new.len().min(old.len());
    let prefix = new.iter().zip(old).take_while(|(a, b)| a == b).count();
    let suffix = new
        .iter()
        .rev()
        .zip(old.iter().rev())
        .take(shorter - prefix)
        .take_while(|(a, b)| a == b)
        .count();
    let delta = new.len() as isize - old.len() as isize;
    // Lines whose text and line break all come before the edit. The last
    // line has no break: text added after it may continue it.
    let break_end = |line: &Line| {
        let end = memchr_line_end(old, line.content.end);
        if end == old.len() {
            return usize::MAX;
        }
        end + 1 + usize::from(old[end..].starts_with(b"\r\n"))
    };
    let mut kept_before = earlier.partition_point(|l| l.content.end <= prefix);
    while kept_before > 0 && break_end(&earlier[kept_before - 1]) > prefix {
        kept_before -= 1;
    }
    let region_start = kept_before
        .checked_sub(1)
        .map_or(0, |last| break_end(&earlier[last]));
    // Lines after the edit whose preceding line break is after it too.
    let suffix_start = old.len() - suffix;
    let line_start = |line: &Line| {
        earlier_text[..line.content.start]
            .trim_end_matches(is_blank)
            .len()
    };
    let mut kept_after = earlier.partition_point(|l| l.content.start <= suffix_start);
    while kept_after < earlier.len() && line_start(&earlier[kept_after]) <= suffix_start {
        kept_after += 1;
    }
    let kept_after = kept_after.max(kept_before);
    let region_end = earlier.get(kept_after).map_or(text.len(), |line| {
        line_start(line).saturating_add_signed(delta)
    });
    let (read, trailing_blanks) = lines_of_piece(text, region_start..region_end);
    let mut lines = Vec::with_capacity(earlier.len() + read.len());
    lines.extend(earlier[..kept_before].iter().cloned());
    lines.extend(read);
    let moved_from = lines.len();
    lines.extend(earlier[kept_after..].iter().map(|line| Line {
        content: crate::source::moved(&line.content, delta),
        ..line.clone()
    }));
    if let Some(first_moved) = lines.get_mut(moved_from) {
        first_moved.blank_lines_before = trailing_blanks;
    }
    for line in &mut lines {
        line.in_headline_run = false;
    }
    lines
}

/// Texts longer than this have their lines read in parallel pieces.
const PIECE_BYTES: usize = 128 * 1024;

fn non_blank_lines(text: &str) -> Vec<Line> {
    non_blank_lines_in_pieces(text, PIECE_BYTES)
}

fn non_blank_lines_in_pieces(text: &str, piece_bytes: usize) -> Vec<Line> {
    use rayon::prelude::*;
    let pieces = pieces_at_line_starts(text, piece_bytes);
    let read: Vec<(Vec<Line>, usize)> = pieces
        .par_iter()
        .map(|piece| lines_of_piece(text, piece.clone()))
        .collect();
    // Blank lines at the end of one piece come before the first line of the next.
    let mut lines = Vec::new();
    let mut blank_carry = 0;
    for (mut piece_lines, trailing_blanks) in read {
        match piece_lines.first_mut() {
            Some(first) => {
                first.blank_lines_before += blank_carry;
                blank_carry = trailing_blanks;
            }
            None => blank_carry += trailing_blanks,
        }
        lines.append(&mut piece_lines);
    }
    lines
}

/// Cuts a text into ranges of about `size` bytes that each start a line.
fn pieces_at_line_starts(text: &str, size: usize) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = 0;
    while text.len() - start > size {
        let Some(newline) = text.as_bytes()[start + size..]
            .iter()
            .position(|&b| b == b'\n')
        else {
            break;
        };
        let end = start + size + newline + 1;
        pieces.push(start..end);
        start = end;
    }
    pieces.push(start..text.len());
    pieces
}

/// The non-blank lines that start in a piece of the text, and how many blank
/// lines follow the last of them.
fn lines_of_piece(text: &str, piece: Range<usize>) -> (Vec<Line>, usize) {
    let mut lines = Vec::new();
    let mut blank_run = 0;
    let mut start = piece.start;
    let bytes = text.as_bytes();
    // The piece's end starts the next piece's first line, unless it is the
    // end of the text (where an empty last line follows a final line break).
    while start < piece.end || start == text.len() {
        let end = memchr_line_end(bytes, start);
        let raw = &text[start..end];
        let leading = raw.len() - raw.trim_start_matches(is_blank).len();
        let trimmed = raw.trim_matches(is_blank);
        if trimmed.is_empty() {
            blank_run += 1;
        } else {
            let content = start + leading..start + leading + trimmed.len();
            lines.push(Line {
                width: line_width(trimmed),
                ends_sentence: ends_sentence(trimmed),
                is_byline: is_byline(trimmed),
                has_inner_space: has_space_between_han(trimmed),
                unpunctuated: !trimmed
                    .contains(['，', '。', '、', '；', '：', '？', '！', ',', ';']),
                opens_body: dateline_len(trimmed).is_some(),
                in_headline_run: false,
                content,
                blank_lines_before: blank_run,
            });
            blank_run = 0;
        }
        if end == text.len() {
            break;
        }
        start = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
            end + 2
        } else {
            end + 1
        };
    }
    (lines, blank_run)
}

fn memchr_line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |p| from + p)
}

/// The longest headline: kicker, main headline, subheadline and one more.
const MOST_HEADLINE_LINES: usize = 4;

/// Headlines sit between articles: after a paragraph's end (or at the top),
/// a few lines without clause punctuation, then a byline, the next article's
/// dateline, or the end of the page. Wrapped body text never ends that way.
fn mark_headline_runs(lines: &mut [Line]) {
    let mut start = 0;
    while start < lines.len() {
        let after_an_end = start == 0 || {
            let previous = &lines[start - 1];
            previous.ends_sentence || previous.is_byline || previous.in_headline_run
        };
        let candidate = |line: &Line| line.unpunctuated && !line.is_byline && !line.opens_body;
        if !after_an_end || !candidate(&lines[start]) {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < lines.len() && end - start < MOST_HEADLINE_LINES && candidate(&lines[end]) {
            end += 1;
        }
        let closes_run = lines
            .get(end)
            .is_none_or(|next| next.is_byline || next.opens_body);
        if closes_run {
            for line in &mut lines[start..end] {
                line.in_headline_run = true;
            }
        }
        start = end.max(start + 1);
    }
}

/// A space between two Han characters, other than after a dateline: the mark
/// of a headline's two halves (`精密智控打好两战 夺取下半场新胜利`).
fn has_space_between_han(line: &str) -> bool {
    if !line.contains(is_blank) {
        return false;
    }
    let skip = dateline_len(line).unwrap_or(0);
    let credits: Vec<Range<usize>> = reporter_credits(line).collect();
    // The two characters before each one, without a copy of the line's
    // characters (16 bytes each: 16 MB for a line of a million).
    let mut before: [Option<(usize, char)>; 2] = [None, None];
    line.char_indices()
        .skip_while(|&(i, _)| i < skip)
        .any(|(at, c)| {
            let found = matches!(before, [Some((_, a)), Some((space, b))]
                if is_han(a) && is_blank(b) && is_han(c)
                    && !credits.iter().any(|credit| credit.contains(&space)));
            before = [before[1], Some((at, c))];
            found
        })
}

/// What the page's layout says about its lines.
#[derive(Debug)]
struct Page {
    /// The column width, when the page is hard-wrapped.
    column: Option<f32>,
    /// Whether blank lines separate paragraphs (false on pages that put one
    /// after every wrapped line).
    blank_lines_separate: bool,
}

impl Page {
    fn measure(lines: &[Line]) -> Page {
        let body: Vec<&Line> = lines
            .iter()
            .filter(|l| !l.is_byline && !l.has_inner_space)
            .collect();
        let column = column_width(&body);
        let transitions = lines.len().saturating_sub(1);
        let with_blank = lines
            .iter()
            .skip(1)
            .filter(|l| l.blank_lines_before > 0)
            .count();
        Page {
            column,
            blank_lines_separate: transitions == 0 || with_blank * 2 < transitions,
        }
    }

    fn breaks_between(&self, previous: &Line, next: &Line, text: &str) -> bool {
        let Some(column) = self.column else {
            return true;
        };
        if next.blank_lines_before > 0 && self.blank_lines_separate {
            return true;
        }
        if previous.is_byline || next.is_byline {
            return true;
        }
        if self.is_headline(previous) || self.is_headline(next) {
            return true;
        }
        // Print never starts a line with a closing mark, so text that does
        // was not wrapped by print.
        if text[next.content.clone()]
            .chars()
            .next()
            .is_some_and(crate::chars::is_closing_punct)
        {
            return true;
        }
        let short = |line: &Line| line.width < column - INDENT_SLACK;
        let indented = |line: &Line| !short(line) && line.width < column - FULL_SLACK;
        let full = |line: &Line| line.width >= column - FULL_SLACK;
        if short(previous) {
            return true;
        }
        // A paragraph's first line that ends a sentence: a one-line
        // paragraph if the next line starts another, else the paragraph goes on.
        if indented(previous) {
            return previous.ends_sentence && !full(next);
        }
        // A full line that ends a sentence, then a line short of the column:
        // a new paragraph (its first line lost the indent) far more often than
        // a last sentence that happens to fit on the next line.
        previous.ends_sentence && (indented(next) || short(next))
    }

    fn is_headline(&self, line: &Line) -> bool {
        let Some(column) = self.column else {
            return false;
        };
        line.in_headline_run
            || !line.is_byline
                && !line.ends_sentence
                && (line.has_inner_space || line.width > column + OVERHANG)
    }
}

/// The column width, if the text is hard-wrapped.
///
/// Full lines are the column's width, or half an em over where a closing mark
/// was pulled up; first lines are two em short, last lines anything. So the
/// column is near the top of the widths of lines with punctuation in them
/// (headlines have none): the 90th percentile, which errs wide, and a column
/// taken half an em too wide still reads every line right.
///
/// Then the text must look laid out: most lines full or first lines, and few
/// full lines ending a sentence — whole paragraphs of similar length, one per
/// line, all end one.
fn column_width(lines: &[&Line]) -> Option<f32> {
    let mut widths: Vec<f32> = lines
        .iter()
        .filter(|l| !l.unpunctuated && l.width >= NARROWEST_COLUMN - 1.0)
        .map(|l| l.width)
        .collect();
    if widths.len() < 4 {
        return None;
    }
    widths.sort_by(f32::total_cmp);
    let column = widths[(widths.len() - 1) * 9 / 10];
    if !(NARROWEST_COLUMN..=WIDEST_COLUMN).contains(&column) {
        return None;
    }
    let counted: Vec<&&Line> = lines
        .iter()
        .filter(|l| l.width >= NARROWEST_COLUMN - 1.0)
        .collect();
    let full: Vec<&&&Line> = counted
        .iter()
        .filter(|l| l.width >= column - FULL_SLACK && l.width <= column + OVERHANG)
        .collect();
    let first_lines = counted
        .iter()
        .filter(|l| l.width >= column - INDENT_SLACK && l.width < column - FULL_SLACK)
        .count();
    let sentence_ends = full.iter().filter(|l| l.ends_sentence).count();
    let laid_out = (full.len() + first_lines) * 2 >= counted.len();
    (full.len() >= 4 && laid_out && sentence_ends * 2 < full.len()).then_some(column)
}

fn build_block(text: &str, lines: &[Line], page: &Page) -> Block {
    let mut builder = BlockBuilder::new(text);
    for (index, line) in lines.iter().enumerate() {
        if index > 0 {
            let previous = &lines[index - 1];
            let join = join_for(&text[previous.content.clone()], &text[line.content.clone()]);
            builder.push_wrap(previous.content.end..line.content.start, join);
        }
        builder.push_source(line.content.clone());
    }
    let kind = match lines {
        [line] if line.is_byline => BlockKind::Byline,
        [line] if page.is_headline(line) || looks_like_title(line, text) => BlockKind::Headline,
        _ => BlockKind::Paragraph,
    };
    builder.finish(kind)
}

/// A short line with no sentence in it: a headline on a page that is not
/// wrapped, or a subheadline.
fn looks_like_title(line: &Line, text: &str) -> bool {
    line.width <= 40.0
        && !line.ends_sentence
        && !text[line.content.clone()].contains(['。', '！', '？'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str) -> Vec<(BlockKind, String)> {
        plain_text_blocks(text)
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn lines_read_in_pieces_are_the_lines_read_whole() {
        let texts = [
            "甲\n\n\n乙\r\n\r\n丙丙丙丙丙丙\n  \n丁\n",
            "\n\n\n\n\n\n\n\n一\n二",
            "一行很长很长很长很长的文字\r\n\r\n\r\n",
            include_str!("../../tests/fixtures/news-page.txt"),
        ];
        for text in texts {
            let whole = lines_of_piece(text, 0..text.len()).0;
            for size in [1, 2, 5, 7, 13, 64, 1000] {
                assert_eq!(
                    non_blank_lines_in_pieces(text, size),
                    whole,
                    "{size}: {text:?}"
                );
            }
        }
    }

    #[test]
    fn unwrapped_text_keeps_its_lines() {
        let text = "标题\n\n第一段很长很长的文字，说了一件事。\n第二段。\n";
        let got = paragraphs(text);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].0, BlockKind::Headline);
        assert_eq!(got[2].1, "第二段。");
    }

    #[test]
    fn seed_page_paragraphs() {
        let text = include_str!("../../tests/fixtures/news-page.txt");
        let got = paragraphs(text);
        let find = |needle: &str| got.iter().find(|(_, t)| t.contains(needle)).unwrap();
        assert_eq!(find("陈晓苏").0, BlockKind::Byline);
        assert!(find("蒋震雷").1.starts_with("会议以视频形式召开"));
        assert!(find("蒋震雷").1.ends_with("参加会议。"));
        assert_eq!(find("夺取下半场").1, "精密智控打好两战 夺取下半场新胜利");
        assert_eq!(find("夺取下半场").0, BlockKind::Headline);
        assert!(got.contains(&(BlockKind::Headline, "永康在会上作交流发言".into())));
        let last = got.last().unwrap();
        assert_eq!(
            last,
            &(
                BlockKind::Headline,
                "政银合作为经济社会发展注入金融活水".into()
            )
        );
    }
}
