//! Finds the paragraphs of plain text, undoing the hard wraps of text copied
//! out of a print layout.
//!
//! A page extracted from PDF breaks a line wherever the typesetter did. The
//! layout is read back the way a typesetter laid it out:
//!
//! - **Print width.** Each line is measured in em: Chinese characters and
//!   full-width forms one, Latin letters, digits and blanks half. How wide
//!   the marks are (`，。“”`: a full em, or half where the typesetter
//!   compressed them; two marks side by side are always set closer) and
//!   whether it put a gap between Chinese and Latin is the page's own: of a
//!   few such measures, the one its lines fit best.
//! - **Column widths.** A line that goes on in the next one is full: the
//!   next line's first unbreakable unit (a character with the marks that may
//!   not start a line, a number, a Latin word) would not have fit after it.
//!   So each line bounds the width of its column, and the width of each
//!   column is the one its lines contradict least, allowed to change only
//!   between articles and boxes (a Viterbi path over widths), then set to
//!   the narrowest width that fits the lines of each run as well.
//! - **Indents.** Lines after a paragraph's certain end (a short line that
//!   ends a sentence, a headline, a byline) tell whether first lines are two
//!   em short; indentation the extractor kept is a paragraph start.
//! - **Where a short line sits.** A line that is not full ends its
//!   paragraph, unless it ends in `，` or `、` (no paragraph does), or is
//!   prose nearly full that ends no sentence (optimal line breaking set it
//!   short), or the extractor split a printed line at a compressed mark
//!   (`pdftotext -raw`: `然而，` / `不久前…`), which pages full of such
//!   splits show; their fragments are put back together into printed lines
//!   first. A line never starts with a closing mark (kinsoku), so one that
//!   does goes on the line before. A full line that ends a sentence, followed by a line as short
//!   as an indented first line, starts a new paragraph on an indented page.
//!   Where the text alone cannot decide (no indent, the line exactly full, no
//!   blank line), the break is kept and marked undecided
//!   ([`Block::undecided_break`]).
//! - **Blank lines** separate paragraphs on pages that put them only there;
//!   pages that put one after every line, and extractors that put one at
//!   every column break, say nothing by them.
//! - **Headlines** are runs of lines without clause punctuation between an
//!   article's end and the next byline, dateline or body; a headline wrapped
//!   in a box narrower than itself (lines as wide as the box, then a shorter
//!   one) is joined, however many lines a box beside the columns, narrower
//!   than any column, wrapped it into. Bylines are known by their form, and
//!   joined when the column wrapped them (`□记者 刘秀荣 通讯员 葛治` / `洲`).

use crate::blocks::{Block, BlockBuilder, BlockKind, join_for};
use crate::chars::{ends_sentence, holds_blank, is_blank, is_cjk_punct, is_closing_punct, is_han};
use crate::conventions::{dateline_len, is_byline, reporter_credits};
use std::ops::Range;

/// Narrower columns than this are lists or verse, not wrapped prose.
const NARROWEST_COLUMN: f32 = 9.0;
/// Print columns of news pages are 10 to 26 characters wide; lines of similar
/// length beyond this are whole paragraphs that happen to match.
const WIDEST_COLUMN: f32 = 32.0;
/// Column widths are told apart to a quarter of an em.
const WIDTH_STEP: f32 = 0.25;
/// How far a measured width may be off the printed one.
const MEASURE_ERROR: f32 = 0.3;
/// A line is full when the next unit would have overflowed it by more than
/// this less than nothing: measuring errs either way, and a line taken for
/// full that ends a sentence is still weighed against the next one.
const FULL_SLACK: f32 = 0.5;
/// The lost indent of a paragraph's first line.
const INDENT: f32 = 2.0;
/// How far short of full optimal line breaking (typst's) may set a line
/// of a justified paragraph, to even out the spacing of its lines.
const OPTIMAL_BREAK_SHORTFALL: f32 = 1.5;
/// Changing the column width costs as much as this many contradicting lines.
const WIDTH_CHANGE_COST: f32 = 4.0;
/// The longest headline: kicker, main headline, subheadline, a few more lines
/// where a narrow box wrapped one.
const MOST_HEADLINE_LINES: usize = 6;
/// A headline wrapped in a box, joined, is no longer than this.
const MOST_WRAPPED_HEADLINE_CHARS: usize = 24;
/// Lines of a narrow box are at least this wide: shorter ones of one width
/// are a list.
const BOX_LINE: f32 = 3.5;
/// The printed line the extractor split is at most this many fragments.
const MOST_FRAGMENTS: usize = 8;

/// Marks print may set in half an em.
fn is_mark(c: char) -> bool {
    is_cjk_punct(c)
}

/// Dashes and ellipses come in pairs (`——`, `……`) that print never sets
/// closer or breaks.
fn is_doubled_mark(c: char) -> bool {
    matches!(c, '—' | '…')
}

fn is_opening(c: char) -> bool {
    matches!(c, '“' | '‘' | '（' | '《' | '〈' | '【' | '「' | '『')
}

/// Where an extractor may split a printed line: at a mark or a full-width
/// sign the typesetter set closer.
fn is_split_mark(c: char) -> bool {
    is_mark(c) || matches!(c, '．' | '％' | '＋' | '－' | '／' | '—' | '…')
}

/// Signs that stand after a number and never start a line.
fn is_postfix_sign(c: char) -> bool {
    matches!(c, '％' | '%' | '‰' | '℃' | '°')
}

fn is_full_width_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

/// What a line measures, independent of the page.
#[derive(Clone, Debug, PartialEq)]
struct Measure {
    /// Em of everything but the marks.
    fixed: f32,
    marks: u32,
    /// Marks set side by side (and an opening mark starting the line), which
    /// print sets closer.
    pairs: u32,
    /// Chinese characters next to Latin letters or digits, where a
    /// typesetter may have put a gap the extractor dropped.
    gaps: u32,
    /// Closing marks ending the line, which may hang past the column.
    trailing_marks: u32,
    /// The first unit that cannot be broken: em and marks.
    unit_fixed: f32,
    unit_marks: u32,
    /// Stretched by justification: the extractor wrote a blank between
    /// every two characters.
    spaced_out: bool,
    chars: usize,
}

/// How a page sets its marks and gaps.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Metrics {
    mark: f32,
    gap: f32,
}

impl Measure {
    /// One pass over the characters, each classed once, nothing copied:
    /// every line of every plain-text document is measured.
    fn of(text: &str) -> Measure {
        let (mut fixed, mut marks, mut pairs, mut gaps) = (0.0f32, 0u32, 0u32, 0u32);
        // Blanks that are spaces of the text, and blanks between two
        // characters that are not Latin (justification may have put them).
        let (mut plain_blanks, mut stretched, mut count) = (0u32, 0usize, 0usize);
        let (mut before_previous, mut previous) = (Class::Other, Class::Other);
        for c in text.chars() {
            count += 1;
            let class = Class::of(c);
            match class {
                Class::Mark => {
                    marks += 1;
                    pairs += u32::from(previous == Class::Mark);
                }
                Class::Doubled => marks += 1,
                Class::Blank => {}
                Class::Latin | Class::Other => fixed += 0.5,
                Class::Wide => fixed += 1.0,
            }
            let chinese_and_latin = |a: Class, b: Class| {
                a == Class::Wide && b == Class::Latin || a == Class::Latin && b == Class::Wide
            };
            if previous == Class::Blank && class != Class::Blank {
                // A blank weighed once the characters either side are known.
                if chinese_and_latin(before_previous, class) {
                    // A typesetter's gap the extractor wrote as a blank.
                    gaps += 1;
                } else {
                    plain_blanks += 1;
                }
                if before_previous.is_wide_or_mark() && class.is_wide_or_mark() {
                    stretched += 1;
                }
            } else if chinese_and_latin(previous, class) {
                gaps += 1;
            }
            (before_previous, previous) = (previous, class);
        }
        // Justification that stretched a line: the extractor writes a blank
        // between every two characters, which is no space of the text.
        let spaced_out = stretched >= 3 && stretched * 3 >= count - stretched;
        if !spaced_out {
            fixed += (plain_blanks as f32) * 0.5;
        }
        let mut head = ['\0'; UNIT_CHARS];
        let head_len = text
            .chars()
            .take(UNIT_CHARS)
            .zip(&mut head)
            .map(|(c, slot)| *slot = c)
            .count();
        let (unit_fixed, unit_marks) = first_unit(&head[..head_len]);
        Measure {
            fixed,
            marks,
            pairs: pairs + u32::from(text.starts_with(is_opening)),
            gaps,
            trailing_marks: text
                .chars()
                .rev()
                .take_while(|&c| is_closing_punct(c))
                .count() as u32,
            unit_fixed,
            unit_marks,
            spaced_out,
            chars: count,
        }
    }

    fn width(&self, metrics: Metrics) -> f32 {
        self.fixed + (self.marks as f32) * metrics.mark - (self.pairs as f32) * (metrics.mark - 0.5)
            + (self.gaps as f32) * metrics.gap
    }

    /// The width without the closing marks that end the line.
    fn core(&self, metrics: Metrics) -> f32 {
        self.width(metrics) - (self.trailing_marks as f32) * 0.5
    }

    fn unit(&self, metrics: Metrics) -> f32 {
        self.unit_fixed + (self.unit_marks as f32) * metrics.mark
    }
}

/// What a character is to a line's width.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Class {
    /// A Latin letter or digit.
    Latin,
    /// Other ASCII.
    Other,
    Blank,
    /// A mark print may set in half an em.
    Mark,
    /// A dash or ellipsis, as wide as a mark but never set closer.
    Doubled,
    /// A Chinese character, full-width form or sign: an em.
    Wide,
}

impl Class {
    fn of(c: char) -> Class {
        if c.is_ascii() {
            match c {
                ' ' | '\t' => Class::Blank,
                c if c.is_ascii_alphanumeric() => Class::Latin,
                _ => Class::Other,
            }
        } else if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            Class::Wide
        } else if is_blank(c) {
            Class::Blank
        } else if is_doubled_mark(c) {
            Class::Doubled
        } else if is_mark(c) {
            Class::Mark
        } else {
            Class::Wide
        }
    }

    fn is_wide_or_mark(self) -> bool {
        matches!(self, Class::Wide | Class::Mark | Class::Doubled)
    }
}

/// A line's first unit is at most this many characters.
const UNIT_CHARS: usize = 48;

/// The first unit of a line that a typesetter could not have broken: opening
/// marks, then a character (a full-width digit is one: print breaks between
/// them), a Latin word or number, or a dash, then the closing marks that may
/// not start a line.
fn first_unit(chars: &[char]) -> (f32, u32) {
    let (mut fixed, mut marks) = (0.0, 0);
    let mut i = 0;
    while i < chars.len() && is_opening(chars[i]) {
        marks += 1;
        i += 1;
    }
    if let Some(&c) = chars.get(i) {
        if c.is_ascii_alphanumeric() {
            // Signs inside a number or after it do not break from it (`3∶0`,
            // `5℃`, the decimal point of 1998's copy in `8·95%`).
            while let Some(&d) = chars.get(i) {
                if d.is_ascii_alphanumeric() || matches!(d, '.' | '%' | ',' | ':') {
                    fixed += 0.5;
                } else if matches!(d, '∶' | '℃' | '‰' | '％')
                    || d == '·' && chars.get(i + 1).is_some_and(|e| e.is_ascii_digit())
                {
                    fixed += 1.0;
                } else {
                    break;
                }
                i += 1;
            }
        } else if is_doubled_mark(c) {
            while chars.get(i) == Some(&c) {
                marks += 1;
                i += 1;
            }
        } else {
            if is_mark(c) {
                marks += 1;
            } else {
                fixed += 1.0;
            }
            i += 1;
        }
        // Closing marks, and signs that follow a number (`８０％`: print
        // breaks between full-width digits, never before the sign), may not
        // start a line.
        while i < chars.len() && (is_closing_punct(chars[i]) || is_postfix_sign(chars[i])) {
            if is_mark(chars[i]) {
                marks += 1;
            } else {
                fixed += if chars[i].is_ascii() { 0.5 } else { 1.0 };
            }
            i += 1;
        }
    }
    (fixed, marks)
}

#[derive(Clone, Debug, PartialEq)]
struct Line {
    /// The line without its indentation, trailing blanks and line break.
    content: Range<usize>,
    measure: Measure,
    /// Em of indentation the extractor kept (an ideographic space is one).
    indent: f32,
    chars: usize,
    ends_sentence: bool,
    /// Ends in `，` `、` or an opening mark: no paragraph ends so.
    ends_clause: bool,
    /// Ends in a colon, as a paragraph before a list may.
    ends_colon: bool,
    starts_closing: bool,
    /// The first or last character is one an extractor splits a line at.
    starts_at_split_mark: bool,
    ends_at_split_mark: bool,
    is_byline: bool,
    has_inner_space: bool,
    /// No clause punctuation at all: a headline, or a wrapped line that
    /// happens to have none.
    unpunctuated: bool,
    /// No mark that ends a clause or sentence (`、` and `：` may stand in a
    /// headline, `——记…` a subheadline's).
    no_clause_end: bool,
    /// Opens with a dateline (`本报讯`): the start of an article's body.
    opens_body: bool,
    /// Blank lines between this line and the previous non-blank one.
    blank_lines_before: usize,
}

impl Line {
    fn read(
        content: Range<usize>,
        indentation: &str,
        text: &str,
        blank_lines_before: usize,
    ) -> Line {
        let first = text.chars().next();
        let last = text.chars().next_back();
        let measure = Measure::of(text);
        let no_clause_end = !text.contains(['，', '。', '；', '？', '！', ',', ';']);
        Line {
            content,
            indent: indentation
                .chars()
                .map(|c| if c == '\u{3000}' { 1.0 } else { 0.5 })
                .sum(),
            chars: measure.chars,
            ends_sentence: ends_sentence(text) && !ends_in_decimal_point(text),
            ends_clause: last.is_some_and(|c| matches!(c, '，' | '、') || is_opening(c)),
            ends_colon: last.is_some_and(|c| matches!(c, '：' | ':')),
            // `’97` is an apostrophe, not a closing quote.
            starts_closing: first.is_some_and(is_closing_punct)
                && !(first == Some('’')
                    && text
                        .chars()
                        .nth(1)
                        .is_some_and(|c| c.is_ascii_digit() || is_full_width_digit(c))),
            starts_at_split_mark: first.is_some_and(is_split_mark),
            ends_at_split_mark: last.is_some_and(is_split_mark),
            is_byline: is_byline(text) || is_byline_run_together(text),
            has_inner_space: !measure.spaced_out && has_space_between_han(text),
            unpunctuated: no_clause_end && !text.contains(['、', '：']),
            no_clause_end,
            opens_body: opens_with_dateline(text),
            blank_lines_before,
            measure,
        }
    }

    fn width(&self, metrics: Metrics) -> f32 {
        self.measure.width(metrics)
    }

    fn unit(&self, metrics: Metrics) -> f32 {
        self.measure.unit(metrics)
    }

    fn ends_closing(&self) -> bool {
        self.measure.trailing_marks > 0
    }

    /// Only closing marks: the end of the line before, split off.
    fn closing_only(&self) -> bool {
        self.measure.trailing_marks as usize == self.chars
    }
}

/// A byline whose spaces the extractor dropped (`□记者曹代英通讯员刘瑞麟`,
/// `本报记者梅兆荣童炳强`): a short line without punctuation or blanks that
/// opens with the byline's box or with `本报` and a role, and goes on past it.
fn is_byline_run_together(text: &str) -> bool {
    const OPENINGS: [&str; 6] = [
        "□",
        "■",
        "本报记者",
        "本报通讯员",
        "本报特约记者",
        "本报见习记者",
    ];
    let Some(opening) = OPENINGS.iter().find(|opening| text.starts_with(*opening)) else {
        return false;
    };
    let chars = text.chars().count();
    chars <= 20
        && chars >= opening.chars().count() + 2
        && text.chars().skip(1).any(|c| matches!(c, '记' | '通'))
        && !text.contains(|c: char| is_blank(c) || is_mark(c) || c.is_ascii_punctuation())
}

/// A dateline opens the line: `本报讯`, `新华社北京3月5日电`, as a source
/// quoted (`据新华社巴黎1月17日电`), or People's Daily's `本报北京1月8日讯`.
fn opens_with_dateline(text: &str) -> bool {
    if dateline_len(text).is_some()
        || text
            .strip_prefix('据')
            .is_some_and(|rest| dateline_len(rest).is_some())
    {
        return true;
    }
    let Some(rest) = text.strip_prefix("本报") else {
        return false;
    };
    rest.chars()
        .take(14)
        .take_while(|&c| is_han(c) || c.is_ascii_digit() || is_full_width_digit(c))
        .any(|c| c == '讯')
}

/// Whether a byline's line ends with a role, before the name it credits.
fn ends_with_role(line: &str) -> bool {
    ["记者", "通讯员", "实习生", "摄影", "摄", "编辑", "撰文"]
        .iter()
        .any(|role| line.ends_with(role))
}

/// `55.` at a line's end is a number broken across the wrap.
fn ends_in_decimal_point(text: &str) -> bool {
    let mut back = text.chars().rev();
    back.next() == Some('.') && back.next().is_some_and(|c| c.is_ascii_digit())
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
/// (its column widths depend on every line).
pub fn plain_text_layout(text: &str, earlier: Option<(&str, &Lines)>) -> (Vec<Block>, Lines) {
    use rayon::prelude::*;
    let lines = match earlier {
        Some((earlier_text, Lines(earlier_lines))) => {
            lines_again(text, earlier_text, earlier_lines)
        }
        None => non_blank_lines(text),
    };
    let page = match Page::read(&lines, text) {
        Some(page) => page,
        None => Page::unwrapped(&lines),
    };
    let groups = page.paragraphs(&lines);
    let blocks = groups
        .par_iter()
        .with_min_len(256)
        .map(|group| page.block(text, &lines, group))
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
            lines.push(Line::read(content, &raw[..leading], trimmed, blank_run));
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
    memchr::memchr2(b'\n', b'\r', &bytes[from..]).map_or(bytes.len(), |p| from + p)
}

/// A line's text.
fn text_of<'t>(text: &'t str, line: &Line) -> &'t str {
    &text[line.content.clone()]
}

/// Lines whose width says something about their column: not bylines or
/// headlines split by a space.
fn informative(line: &Line) -> bool {
    !line.is_byline && !line.has_inner_space
}

/// How well each column width fits a line (see [`Fit::cost`]).
#[derive(Clone, Copy, Debug)]
struct Fit {
    /// Narrower columns than this could not hold the line.
    narrowest: f32,
    /// Wider columns than this would have taken the next line's first unit
    /// too, for a line that goes on in the next.
    widest: Option<f32>,
    width: f32,
    /// What a column too narrow for the line costs: little for a line
    /// without clause punctuation, which may be a headline set wider.
    too_narrow: f32,
    /// What a column too wide for a line that goes on costs: little for a
    /// line without clause punctuation, which may be a headline set
    /// narrower, but enough that a column changes where such lines end
    /// rather than where they start (1 for any other line).
    too_wide: f32,
}

impl Fit {
    fn of(lines: &[Line], index: usize, metrics: Metrics) -> Option<Fit> {
        let line = &lines[index];
        if !informative(line) {
            return None;
        }
        let next = lines.get(index + 1);
        let width = line.width(metrics);
        let goes_on = next.filter(|next| !line.ends_sentence && !next.is_byline);
        Some(Fit {
            narrowest: line.measure.core(metrics) - MEASURE_ERROR,
            widest: goes_on.map(|next| width + next.unit(metrics) + MEASURE_ERROR),
            width,
            too_narrow: if line.unpunctuated { 0.3 } else { 3.0 },
            too_wide: if line.unpunctuated { 0.1 } else { 1.0 },
        })
    }

    /// How much a column `width` contradicts the line: not at all if the line
    /// fits it (a little more the further the line is from it, to tell
    /// equally fitting measures apart), somewhat if the line is short of it
    /// by an indent, more if it is short although it goes on, most if the
    /// line is wider.
    fn cost(&self, column: f32, closeness: bool) -> f32 {
        if column < self.narrowest {
            return self.too_narrow;
        }
        // A line without punctuation only places a change of width on the
        // page's path; a run's own width it leaves to lines that tell.
        let widest = self.widest.filter(|_| closeness || self.too_wide == 1.0);
        match widest {
            None => 0.0,
            Some(widest) if column <= widest && closeness => {
                0.05 * (column - self.width).abs() * self.too_wide
            }
            Some(widest) if column <= widest => 0.0,
            Some(widest) if column - INDENT <= widest => 0.3 * self.too_wide,
            Some(_) => self.too_wide,
        }
    }
}

/// The widths a column may have, a quarter em apart.
fn width_grid(from: f32, to: f32) -> Vec<f32> {
    let steps = ((to - from) / WIDTH_STEP).floor().max(0.0) as usize;
    (0..=steps).map(|k| from + k as f32 * WIDTH_STEP).collect()
}

/// The column width of every line (widths change only between articles and
/// boxes: a Viterbi path over the widths), and what the path costs.
fn column_path(lines: &[Line], metrics: Metrics) -> Option<(Vec<f32>, f32)> {
    let fits: Vec<Option<Fit>> = (0..lines.len())
        .map(|i| Fit::of(lines, i, metrics))
        .collect();
    let widths = lines
        .iter()
        .filter(|l| informative(l) && !l.unpunctuated)
        .map(|l| l.width(metrics))
        .filter(|w| (NARROWEST_COLUMN - 1.0..=WIDEST_COLUMN + 1.0).contains(w));
    let (low, high) = widths.fold(None, |range: Option<(f32, f32)>, w| {
        Some(range.map_or((w, w), |(lo, hi)| (lo.min(w), hi.max(w))))
    })?;
    // Half an em apart: each run's width is set to the quarter em after.
    let grid: Vec<f32> = width_grid(
        (low - 1.0).max(NARROWEST_COLUMN),
        (high + 1.0).min(WIDEST_COLUMN),
    )
    .into_iter()
    .step_by(2)
    .collect();
    let states = grid.len();
    let mut cost = vec![0.0f32; states];
    let mut next_cost = vec![0.0f32; states];
    // Per line, the state changed from and which states changed.
    let mut changed_from = Vec::with_capacity(lines.len());
    let mut changed = vec![0u64; (lines.len() * states).div_ceil(64)];
    for (i, fit) in fits.iter().enumerate() {
        let (best, best_cost) =
            cost.iter()
                .enumerate()
                .fold(
                    (0, f32::INFINITY),
                    |(bi, bc), (k, &c)| if c < bc { (k, c) } else { (bi, bc) },
                );
        changed_from.push(best as u16);
        let change = if i > 0 && lines[i - 1].is_byline {
            1.0
        } else {
            WIDTH_CHANGE_COST
        };
        for (k, &width) in grid.iter().enumerate() {
            let stay = cost[k];
            let base = if best_cost + change < stay {
                let bit = i * states + k;
                changed[bit / 64] |= 1 << (bit % 64);
                best_cost + change
            } else {
                stay
            };
            next_cost[k] = base + fit.map_or(0.0, |f| f.cost(width, true));
        }
        std::mem::swap(&mut cost, &mut next_cost);
    }
    let (mut state, total) = cost.iter().enumerate().fold(
        (0, f32::INFINITY),
        |(bi, bc), (k, &c)| if c < bc { (k, c) } else { (bi, bc) },
    );
    let mut path = vec![0.0; lines.len()];
    for i in (0..lines.len()).rev() {
        path[i] = grid[state];
        let bit = i * states + state;
        if changed[bit / 64] & (1 << (bit % 64)) != 0 {
            state = usize::from(changed_from[i]);
        }
    }
    Some((path, total))
}

/// The measures a page may set its marks and gaps by.
const METRICS: [Metrics; 9] = [
    Metrics {
        mark: 0.5,
        gap: 0.0,
    },
    Metrics {
        mark: 0.75,
        gap: 0.0,
    },
    Metrics {
        mark: 1.0,
        gap: 0.0,
    },
    Metrics {
        mark: 0.5,
        gap: 0.125,
    },
    Metrics {
        mark: 0.75,
        gap: 0.125,
    },
    Metrics {
        mark: 1.0,
        gap: 0.125,
    },
    Metrics {
        mark: 0.5,
        gap: 0.25,
    },
    Metrics {
        mark: 0.75,
        gap: 0.25,
    },
    Metrics {
        mark: 1.0,
        gap: 0.25,
    },
];

/// Lines enough to tell how a page sets its marks.
const METRICS_SAMPLE_LINES: usize = 512;

/// The measure the page's lines fit best.
fn page_metrics(lines: &[Line]) -> Option<Metrics> {
    let sample = &lines[..lines.len().min(METRICS_SAMPLE_LINES)];
    METRICS
        .iter()
        .filter_map(|&metrics| Some((metrics, column_path(sample, metrics)?.1)))
        .fold(
            None,
            |best: Option<(Metrics, f32)>, (metrics, cost)| match best {
                Some((_, best_cost)) if best_cost <= cost + 1e-4 => best,
                _ => Some((metrics, cost)),
            },
        )
        .map(|(metrics, _)| metrics)
}

/// The total cost of a column width for some lines.
fn cost_of(fits: &[Fit], width: f32) -> f32 {
    fits.iter().map(|f| f.cost(width, false)).sum()
}

/// Of the widths that fit some lines equally well, the narrowest with room
/// for measuring error: full lines reach the column, so its width is the
/// widest of them.
fn narrowest_best(fits: &[Fit], around: f32) -> f32 {
    let best = cost_of(fits, around);
    let equal = |w: f32| cost_of(fits, w) <= best + 1e-4;
    let (mut low, mut high) = (around, around);
    while low - WIDTH_STEP >= NARROWEST_COLUMN && equal(low - WIDTH_STEP) {
        low -= WIDTH_STEP;
    }
    while high + WIDTH_STEP <= WIDEST_COLUMN && equal(high + WIDTH_STEP) {
        high += WIDTH_STEP;
    }
    (low + MEASURE_ERROR).min(high)
}

/// How far a region's own width may lie from the width the page's path gave it.
const REGION_WIDTH_RANGE: f32 = 4.0;

/// The width near `around` that fits a run of lines best, if they say enough.
fn best_width(fits: &[Fit], around: f32) -> Option<f32> {
    if fits.len() < 3 {
        return None;
    }
    let grid = width_grid(
        (around - REGION_WIDTH_RANGE).max(NARROWEST_COLUMN),
        (around + REGION_WIDTH_RANGE).min(WIDEST_COLUMN),
    );
    let (best, _) = grid.iter().fold((grid[0], f32::INFINITY), |(bw, bc), &w| {
        let c = cost_of(fits, w);
        if c < bc - 1e-4 { (w, c) } else { (bw, bc) }
    });
    Some(narrowest_best(fits, best))
}

/// Whether blank lines separate paragraphs.
#[derive(Clone, Copy, Debug, PartialEq)]
enum BlankLines {
    /// After every wrapped line, or most: they say nothing.
    Everywhere,
    /// Between paragraphs only: a blank line ends one, none continues it.
    BetweenParagraphs,
    /// Here and there, as where an extractor marks column breaks: one after
    /// a line that ends a sentence ends the paragraph.
    Some,
}

/// What becomes of a line break.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Break {
    Join,
    Keep,
    /// Kept, but the text could not tell.
    Undecided,
}

/// A line of a narrow box: the first of a run, or one going on from it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum BoxLine {
    Starts,
    GoesOn,
}

/// A run of lines that makes one block.
#[derive(Clone, Debug)]
struct Group {
    lines: Range<usize>,
    undecided_after: bool,
}

/// What the page's layout says about its lines.
#[derive(Debug)]
struct Page {
    /// Whether the page is hard-wrapped at all.
    wrapped: bool,
    metrics: Metrics,
    /// Per line: its column's width, and the indent of its paragraphs.
    column: Vec<f32>,
    indent: Vec<f32>,
    /// Per line: a byline (or its wrapped end).
    byline: Vec<bool>,
    /// Per line: in a run of headline lines.
    headline: Vec<bool>,
    /// Per line: joined to the next line as one headline or byline, and
    /// what stands between them.
    joined_to_next: Vec<Option<&'static str>>,
    blank_lines: BlankLines,
    /// Whether the extractor split printed lines at marks.
    fragments: bool,
    /// Per line: the extractor's split of a printed line that the previous
    /// line began.
    in_printed_line: Vec<bool>,
}

impl Page {
    fn unwrapped(lines: &[Line]) -> Page {
        Page {
            wrapped: false,
            metrics: Metrics {
                mark: 0.5,
                gap: 0.0,
            },
            column: vec![0.0; lines.len()],
            indent: vec![0.0; lines.len()],
            byline: lines.iter().map(|l| l.is_byline).collect(),
            headline: vec![false; lines.len()],
            joined_to_next: vec![None; lines.len()],
            blank_lines: BlankLines::Everywhere,
            fragments: false,
            in_printed_line: vec![false; lines.len()],
        }
    }

    /// Reads the page's layout, if it is hard-wrapped.
    fn read(lines: &[Line], text: &str) -> Option<Page> {
        let rough = Metrics {
            mark: 0.75,
            gap: 0.0,
        };
        let in_range = lines
            .iter()
            .filter(|l| {
                informative(l)
                    && (NARROWEST_COLUMN - 1.0..=WIDEST_COLUMN + 1.0).contains(&l.width(rough))
            })
            .count();
        if in_range < 4 || in_range * 4 < lines.len() {
            return None;
        }
        let metrics = page_metrics(lines)?;
        let (mut column, _) = column_path(lines, metrics)?;
        let fits: Vec<Option<Fit>> = (0..lines.len())
            .map(|i| Fit::of(lines, i, metrics))
            .collect();
        for run in runs_of_equal(&column) {
            let run_fits: Vec<Fit> = fits[run.clone()].iter().flatten().copied().collect();
            let width = narrowest_best(&run_fits, column[run.start]);
            column[run].fill(width);
        }
        if !looks_laid_out(lines, &column, metrics) {
            return None;
        }
        let mut page = Page {
            wrapped: true,
            metrics,
            indent: vec![0.0; lines.len()],
            byline: lines.iter().map(|l| l.is_byline).collect(),
            headline: vec![false; lines.len()],
            joined_to_next: vec![None; lines.len()],
            blank_lines: BlankLines::Everywhere,
            fragments: false,
            in_printed_line: vec![false; lines.len()],
            column,
        };
        page.read_bylines(lines, text);
        let indent = page.indent_in(lines, 1..lines.len().saturating_sub(1), 1);
        page.indent.fill(indent.unwrap_or(0.0));
        // Whether the extractor split printed lines tells a split-off piece
        // of a line from a headline; read again once the columns are.
        page.fragments = page.has_fragments(lines);
        page.mark_headline_runs(lines);
        // Articles and boxes start at headlines and bylines: the widths of
        // their columns again, and their indents.
        let regions = page.regions(lines);
        for region in &regions {
            let region_fits: Vec<Fit> = fits[region.clone()].iter().flatten().copied().collect();
            if let Some(width) = best_width(&region_fits, page.column[region.start]) {
                page.column[region.clone()].fill(width);
            }
        }
        let page_indent = page
            .indent_in(lines, 1..lines.len().saturating_sub(1), 1)
            .unwrap_or(0.0);
        page.indent.fill(page_indent);
        for region in &regions {
            let around = region.start.max(1)..(region.end + 1).min(lines.len().saturating_sub(1));
            // A region goes its own way only on more evidence than one line.
            if let Some(indent) = page.indent_in(lines, around, 2) {
                page.indent[region.clone()].fill(indent);
            }
        }
        page.blank_lines = page.blank_lines(lines);
        page.fragments = page.has_fragments(lines);
        if page.fragments {
            page.group_fragments(lines, text);
        }
        Some(page)
    }

    fn width(&self, line: &Line) -> f32 {
        line.width(self.metrics)
    }

    fn unit(&self, line: &Line) -> f32 {
        line.unit(self.metrics)
    }

    /// Whether `line` is full in a column `width` wide: `next`'s first unit
    /// would not have fit after it.
    fn full(&self, printed_width: f32, next: &Line, width: f32) -> bool {
        printed_width + self.unit(next) > width - FULL_SLACK
    }

    /// A line without a sentence that is wider than its column or split by
    /// a space: a headline, unless a dateline opens it.
    fn is_headline(&self, line: &Line, index: usize) -> bool {
        !line.ends_sentence
            && !self.byline[index]
            // A dateline opens body text, whatever the credit after it.
            && !line.opens_body
            && (line.has_inner_space
                || line.measure.core(Metrics {
                    mark: 0.5,
                    gap: 0.0,
                }) > self.column[index] + 0.5)
    }

    /// Bylines as wrapped by a column (`□记者 刘秀荣 通讯员 葛治` / `洲`,
    /// or broken at a space), and lines that only look like one because a
    /// wrapped sentence goes on in them (`新华社记者周志方、赵秀` / `娟，…`).
    fn read_bylines(&mut self, lines: &[Line], text: &str) {
        for i in 1..lines.len().saturating_sub(1) {
            let (before, line, after) = (&lines[i - 1], &lines[i], &lines[i + 1]);
            let width = self.column[i];
            let continues_sentence = !before.is_byline
                && !before.ends_sentence
                && (!before.unpunctuated || before.opens_body)
                && !self.is_headline(before, i - 1)
                && self.width(before) + self.unit(line) > width - INDENT - FULL_SLACK;
            if line.is_byline && continues_sentence && self.full(self.width(line), after, width) {
                self.byline[i] = false;
            }
        }
        for i in 0..lines.len().saturating_sub(1) {
            let (line, next) = (&lines[i], &lines[i + 1]);
            let width = self.column[i];
            let may_continue = (line.is_byline || line.unpunctuated)
                && !next.is_byline
                && next.unpunctuated
                && self.width(next) < width / 2.0;
            if !may_continue {
                continue;
            }
            let (first, second) = (text_of(text, line), text_of(text, next));
            // Wrapped at the space after a role (`通讯员` / `王怀远`), or
            // inside a name (`葛治` / `洲`).
            let at_space = self.width(line) + 0.5 + self.width(next) > width - FULL_SLACK
                && is_byline(&format!("{first} {second}"));
            let in_name =
                self.full(self.width(line), next, width) && is_byline(&format!("{first}{second}"));
            let join = match (at_space, in_name) {
                (true, true) if ends_with_role(first) => Some(" "),
                (_, true) => Some(""),
                (true, false) => Some(" "),
                (false, false) => None,
            };
            if join.is_some() {
                self.joined_to_next[i] = join;
                self.byline[i] = true;
                self.byline[i + 1] = true;
            }
        }
    }

    /// The indent of paragraphs' first lines among `range`, from the lines
    /// that certainly start a paragraph and go on in the next: two em short of
    /// the column, or full; if at least `evidence` lines tell.
    fn indent_in(&self, lines: &[Line], range: Range<usize>, evidence: usize) -> Option<f32> {
        let (mut indented, mut flush) = (0, 0);
        for i in range {
            let (before, line) = (&lines[i - 1], &lines[i]);
            let Some(after) = lines.get(i + 1) else { break };
            let width = self.column[i];
            let after_headline =
                self.byline[i - 1] || self.headline[i - 1] || self.is_headline(before, i - 1);
            // Short even for an indented first line: the paragraph ended.
            let starts = after_headline
                || before.ends_sentence
                    && !before.unpunctuated
                    && self.width(before) + self.unit(line) <= width - INDENT - FULL_SLACK;
            let goes_on = !line.ends_sentence
                && !self.byline[i]
                && !self.byline[i + 1]
                && !self.headline[i]
                && !self.is_headline(line, i);
            if !goes_on {
                continue;
            }
            // After a certain end, a full line says first lines are flush;
            // after any sentence's end, a line that goes on although two em
            // short of full says they are indented: no other line is so.
            let reach = self.width(line) + self.unit(after);
            if starts && reach > width + MEASURE_ERROR {
                flush += 1;
            } else if (starts || before.ends_sentence)
                && reach > width - INDENT + MEASURE_ERROR
                // Nearer an indented first line's reach than a full one's.
                && reach < width - 0.5
            {
                indented += 1;
            }
        }
        (indented + flush >= evidence).then_some(if indented > flush { INDENT } else { 0.0 })
    }

    /// Headlines sit between articles: after a paragraph's end (or at the
    /// top), a few lines without clause punctuation, then a byline, the next
    /// article's dateline, the end of the page, or body text — whose first
    /// line may itself have no punctuation, but is as wide as the column.
    fn mark_headline_runs(&mut self, lines: &[Line]) {
        let boxed = self.in_narrow_box(lines);
        let candidate = |page: &Page, k: usize| {
            let line = &lines[k];
            (line.unpunctuated || boxed[k].is_some())
                && !page.byline[k]
                && !line.opens_body
                && !line.ends_sentence
                && !line.starts_closing
        };
        // A box's headline wrapped into many lines is one printed headline.
        let printed_lines =
            |run: Range<usize>| run.filter(|&k| boxed[k] != Some(BoxLine::GoesOn)).count();
        let body_first_line = |page: &Page, k: usize| {
            let Some(next) = lines.get(k + 1) else {
                return false;
            };
            !page.byline[k + 1]
                && !next.opens_body
                && page.full(page.width(&lines[k]), next, page.column[k] - INDENT)
                && page.width(&lines[k]) <= page.column[k] + 0.75
        };
        let mut start = 0;
        while start < lines.len() {
            let after_an_end = start == 0 || {
                let previous = &lines[start - 1];
                previous.ends_sentence || self.byline[start - 1] || self.headline[start - 1]
            };
            if !after_an_end || !candidate(self, start) || self.rest_of_printed_line(lines, start) {
                start += 1;
                continue;
            }
            let mut end = start;
            while end < lines.len()
                && printed_lines(start..end) < MOST_HEADLINE_LINES
                && candidate(self, end)
            {
                end += 1;
            }
            if printed_lines(start..end) == MOST_HEADLINE_LINES
                && end < lines.len()
                && candidate(self, end)
            {
                // Longer than any headline: verse or a list, a line each.
                while end < lines.len() && candidate(self, end) {
                    end += 1;
                }
                start = end;
                continue;
            }
            let closed = end == lines.len() || self.byline[end] || lines[end].opens_body;
            if !closed {
                end = start;
                while end < lines.len()
                    && printed_lines(start..end) < MOST_HEADLINE_LINES
                    && candidate(self, end)
                    && !body_first_line(self, end)
                {
                    end += 1;
                }
                if end == start || lines[start].chars < 3 {
                    start += 1;
                    continue;
                }
            }
            self.headline[start..end].fill(true);
            self.join_wrapped_headline(lines, start..end);
            start = end.max(start + 1);
        }
    }

    /// On a page whose extractor split printed lines, whether `lines[k]` is
    /// the rest of the printed line whose sentence ends the line before: the
    /// two, after a full line, fill the column as only a line of a paragraph
    /// does (`发展。` / `《国家企业建设项目`).
    fn rest_of_printed_line(&self, lines: &[Line], k: usize) -> bool {
        if !self.fragments || k < 2 {
            return false;
        }
        let (earlier, before, line) = (&lines[k - 2], &lines[k - 1], &lines[k]);
        let Some(next) = lines.get(k + 1) else {
            return false;
        };
        let width = self.column[k];
        let together = self.width(before) + self.width(line);
        splittable(before, line)
            && self.full(self.width(earlier), before, self.column[k - 2])
            && !earlier.ends_sentence
            && together <= width + 0.5
            && self.full(together, next, width)
    }

    /// Lines of a box narrower than any column (a headline's beside the
    /// columns): runs of lines of one width, each but the first going on from
    /// the one before, and the shorter line that ends them.
    fn in_narrow_box(&self, lines: &[Line]) -> Vec<Option<BoxLine>> {
        let width = |k: usize| self.width(&lines[k]);
        let boxed = |k: usize| {
            let line = &lines[k];
            line.no_clause_end
                && !line.ends_sentence
                && !line.opens_body
                && !self.byline[k]
                && width(k) < NARROWEST_COLUMN - 1.0
        };
        let chained = |a: usize, b: usize| {
            boxed(a) && boxed(b) && width(a) >= BOX_LINE && (width(a) - width(b)).abs() <= 0.5
        };
        let mut out = vec![None; lines.len()];
        for k in 0..lines.len() {
            if k > 0
                && (chained(k - 1, k)
                    || out[k - 1].is_some() && boxed(k) && width(k) < width(k - 1))
            {
                out[k] = Some(BoxLine::GoesOn);
            } else if k + 1 < lines.len() && chained(k, k + 1) {
                out[k] = Some(BoxLine::Starts);
            }
        }
        out
    }

    /// A headline wrapped in a box narrower than itself: every line but the
    /// last as wide as the box, the last no wider; or a headline set as a
    /// paragraph of the column. Two lines of one width, or a second line
    /// about as long, are two headlines as often.
    fn join_wrapped_headline(&mut self, lines: &[Line], run: Range<usize>) {
        let mut k = run.start;
        while k + 1 < run.end {
            let width = self.width(&lines[k]);
            let mut last = k + 1;
            while last + 1 < run.end && (self.width(&lines[last]) - width).abs() <= 0.5 {
                last += 1;
            }
            if self.width(&lines[last]) > width + 0.5 {
                last -= 1;
            }
            let chain = last + 1 - k;
            let chars: usize = lines[k..=last].iter().map(|l| l.chars).sum();
            let column = self.column[k];
            // Set as a paragraph: the first line as full as an indented first
            // line of the column (the next character would not have fit), the
            // rest much shorter — a second headline is about as long.
            let as_first_line = lines[k].measure.core(self.metrics)
                <= column - INDENT + MEASURE_ERROR
                && width + self.unit(&lines[k + 1]) > column - INDENT - 0.1
                && self.width(&lines[last]) <= 0.6 * width;
            // A word or two left over is no headline of its own (`…海关职能要`
            // / `加强`), whatever the size the headline was set in.
            let left_over = lines[last].chars <= 2 && self.width(&lines[last]) <= 0.25 * width;
            let wrapped = chain >= 3
                || chain == 2
                    && self.width(&lines[last]) < width - 0.25
                    && (width <= 0.8 * column + 0.5 && chars <= MOST_WRAPPED_HEADLINE_CHARS
                        || as_first_line
                        || left_over && chars <= MOST_WRAPPED_HEADLINE_CHARS);
            if wrapped {
                self.joined_to_next[k..last].fill(Some(""));
                k = last + 1;
            } else {
                k += 1;
            }
        }
    }

    /// Runs of lines of one column, between headlines and bylines.
    fn regions(&self, lines: &[Line]) -> Vec<Range<usize>> {
        let mut regions = Vec::new();
        let mut start = 0;
        for i in 0..lines.len() {
            let boundary = self.headline[i] || self.byline[i];
            if boundary || i > start && self.column[i] != self.column[i - 1] {
                if start < i {
                    regions.push(start..i);
                }
                start = if boundary { i + 1 } else { i };
            }
        }
        if start < lines.len() {
            regions.push(start..lines.len());
        }
        regions
    }

    fn blank_lines(&self, lines: &[Line]) -> BlankLines {
        let transitions = lines.len().saturating_sub(1).max(1);
        let with_blank = lines
            .iter()
            .skip(1)
            .filter(|l| l.blank_lines_before > 0)
            .count();
        if with_blank * 2 >= transitions {
            return BlankLines::Everywhere;
        }
        // After lines that certainly end a paragraph: a blank line or none.
        let (mut blank, mut none) = (0, 0);
        for i in 1..lines.len() {
            let (before, line) = (&lines[i - 1], &lines[i]);
            if before.ends_sentence
                && !self.headline[i - 1]
                && !self.headline[i]
                && self.width(before) + self.unit(line) <= self.column[i] - 1.5
            {
                if line.blank_lines_before > 0 {
                    blank += 1;
                } else {
                    none += 1;
                }
            }
        }
        if blank >= 3 && blank >= 3 * none {
            BlankLines::BetweenParagraphs
        } else {
            BlankLines::Some
        }
    }

    /// Pages whose extractor split printed lines at compressed marks have
    /// many short lines that end in `，` or `、`, or lines that start with a
    /// closing mark: a typesetter never starts one so, and a few such tell,
    /// however long the page.
    fn has_fragments(&self, lines: &[Line]) -> bool {
        let (mut splits, mut closing_first) = (0, 0);
        for i in 1..lines.len() {
            let (before, line) = (&lines[i - 1], &lines[i]);
            if self.width(before) + self.unit(line) <= self.column[i] - 1.0 {
                splits += usize::from(before.ends_clause || line.starts_closing);
                closing_first += usize::from(line.starts_closing);
            }
        }
        closing_first >= 2 || splits >= 4 && splits * 25 >= lines.len() * 2
    }

    /// Puts an extractor's fragments back together into printed lines:
    /// each as wide as its column unless it ends a paragraph (a shortest
    /// path over the ways to group them).
    fn group_fragments(&mut self, lines: &[Line], text: &str) {
        let clause_splits = (0..lines.len().saturating_sub(1))
            .filter(|&i| {
                lines[i].ends_clause
                    && self.width(&lines[i]) + self.unit(&lines[i + 1]) <= self.column[i] - 1.0
            })
            .count();
        // Splits after marks followed by text mean the typesetter narrowed
        // marks inside lines, and a printed line may be that much wider.
        let narrowed = clause_splits >= 2;
        let n = lines.len();
        let mut best = vec![f32::INFINITY; n + 1];
        let mut cut = vec![0usize; n + 1];
        best[0] = 0.0;
        for end in 1..=n {
            let next = lines.get(end);
            // Print never starts a line with a closing mark: a printed line
            // ends before one only where nothing else fits.
            let before_closing = if next.is_some_and(|l| l.starts_closing) {
                5.0
            } else {
                0.0
            };
            let mut joined = String::new();
            for start in (end.saturating_sub(MOST_FRAGMENTS)..end).rev() {
                if start + 1 < end && !splittable(&lines[start], &lines[start + 1]) {
                    break;
                }
                let single = start + 1 == end;
                if !single && (start..end).any(|k| self.headline[k] || self.byline[k]) {
                    break;
                }
                // After a sentence's end, the rest as full as an indented
                // first line is one: the paragraph ended there, however well
                // the two would fill a line together (`放。` / `毛主席…`).
                if !single && lines[start].ends_sentence && self.indent[start + 1] > 0.0 {
                    let rest = Measure::of(&joined).width(self.metrics);
                    let capacity = self.column[start + 1] - self.indent[start + 1];
                    if next.is_some_and(|next| self.full(rest, next, capacity))
                        && rest <= capacity + MEASURE_ERROR
                    {
                        break;
                    }
                }
                joined.insert_str(0, text_of(text, &lines[start]));
                let measure = Measure::of(&joined);
                let width = self.column[start];
                let narrowest = if narrowed {
                    measure.width(Metrics {
                        mark: 0.5,
                        ..self.metrics
                    })
                } else {
                    measure.width(self.metrics)
                };
                if !single && narrowest > width + 0.5 {
                    break;
                }
                let last = end - 1;
                // A sentence ends inside (not just before its closing mark):
                // only a full line says the paragraph went on after it, and
                // two short ends are two paragraphs'.
                let full =
                    next.is_some_and(|next| self.full(measure.width(self.metrics), next, width));
                let sentence_ends_inside =
                    (start..last).any(|k| lines[k].ends_sentence && !lines[k + 1].starts_closing);
                if !full && sentence_ends_inside {
                    continue;
                }
                let cost = match next {
                    None => 0.0,
                    Some(_) if self.headline[last] || self.byline[last] => 0.0,
                    Some(_) if self.headline[end] || self.byline[end] => 0.0,
                    Some(next) if self.full(measure.width(self.metrics), next, width) => 0.0,
                    Some(_) if lines[last].ends_sentence => 0.3,
                    Some(_) => 2.0,
                };
                // A little per printed line: of equal groupings, the fewer lines.
                let total = best[start] + cost + before_closing + 0.01;
                if total < best[end] {
                    best[end] = total;
                    cut[end] = start;
                }
            }
        }
        let mut end = n;
        while end > 0 {
            let start = cut[end];
            self.in_printed_line[start + 1..end].fill(true);
            end = start;
        }
    }

    /// The page cut into paragraphs, headlines and bylines.
    fn paragraphs(&self, lines: &[Line]) -> Vec<Group> {
        let mut groups: Vec<Group> = Vec::new();
        if lines.is_empty() {
            return groups;
        }
        let mut state = PrintedLine::starting(self, &lines[0], 0);
        let mut start = 0;
        for i in 1..lines.len() {
            let (decision, fragment) = if !self.wrapped {
                (Break::Keep, false)
            } else if self.in_printed_line[i] {
                (Break::Join, true)
            } else {
                self.break_between(lines, i, &state)
            };
            tracing::trace!(
                "line {i}: {decision:?} (column {}, indent {}, printed width {}, headline {})",
                self.column[i],
                self.indent[i],
                state.width,
                self.headline[i]
            );
            if decision == Break::Join {
                state = if fragment {
                    state.with(self, &lines[i])
                } else {
                    PrintedLine::continuing(self, &lines[i])
                };
            } else {
                groups.push(Group {
                    lines: start..i,
                    undecided_after: decision == Break::Undecided,
                });
                start = i;
                state = PrintedLine::starting(self, &lines[i], i);
            }
        }
        groups.push(Group {
            lines: start..lines.len(),
            undecided_after: false,
        });
        groups
    }

    /// What becomes of the line break before `lines[i]`, and whether the
    /// extractor split a printed line there.
    fn break_between(&self, lines: &[Line], i: usize, printed: &PrintedLine) -> (Break, bool) {
        let (line, next) = (&lines[i - 1], &lines[i]);
        let after = lines.get(i + 1);
        let width = self.column[i - 1];
        if self.headline[i - 1] || self.headline[i] {
            let joined =
                self.headline[i - 1] && self.headline[i] && self.joined_to_next[i - 1].is_some();
            return (if joined { Break::Join } else { Break::Keep }, false);
        }
        if self.byline[i - 1] || self.byline[i] {
            let joined = self.joined_to_next[i - 1].is_some();
            return (if joined { Break::Join } else { Break::Keep }, false);
        }
        // Print never starts a line with a closing mark: the extractor split
        // the printed line before it.
        if next.starts_closing {
            return (Break::Join, true);
        }
        if next.indent >= 1.0 && !line.ends_clause {
            return (Break::Keep, false);
        }
        if self.is_headline(line, i - 1) || self.is_headline(next, i) {
            return (Break::Keep, false);
        }
        let before = (i >= 2 && !printed.first).then(|| &lines[i - 2]);
        // A closing mark the extractor split off ends what the line before ended.
        let ends_sentence = line.ends_sentence
            || line.closing_only() && before.is_some_and(|before| before.ends_sentence);
        let capacity = if printed.first {
            width - printed.indent
        } else {
            width
        };
        // Justification stretched a line only because it was full.
        if self.full(printed.width, next, capacity) || line.measure.spaced_out {
            if !ends_sentence {
                return (Break::Join, false);
            }
            let blank = next.blank_lines_before > 0;
            match self.blank_lines {
                BlankLines::Everywhere => {}
                BlankLines::BetweenParagraphs => {
                    return (if blank { Break::Keep } else { Break::Join }, false);
                }
                BlankLines::Some if blank => return (Break::Keep, false),
                BlankLines::Some => {}
            }
            let indent = self.indent[i];
            // On an indented page, a line wider than a first line goes on
            // the paragraph, and a full first line starts one; without
            // indents, a new paragraph's first line is as full as any.
            // A line that would end its paragraph without ending a sentence
            // is no paragraph's last line, but a headline.
            let ends_paragraph = after.is_none_or(|after| {
                self.headline[i + 1] || self.byline[i + 1] || self.is_headline(after, i + 1)
            });
            if indent > 0.0 {
                if next.measure.core(self.metrics) > width - indent + MEASURE_ERROR
                    && (next.ends_sentence || !ends_paragraph)
                {
                    return (Break::Join, false);
                }
                let starts_paragraph = after.is_some_and(|after| {
                    !ends_paragraph && self.full(self.width(next), after, width - indent)
                });
                if starts_paragraph {
                    return (Break::Keep, false);
                }
            }
            return (Break::Undecided, false);
        }
        // A short line ends its paragraph unless no paragraph ends so. One
        // ending in a clause is a piece of a printed line the extractor
        // split, whether or not the page shows more such.
        if line.ends_clause {
            return (Break::Join, true);
        }
        // No paragraph ends mid-sentence: a line of prose a little short of
        // full was set so by the typesetter's optimal line breaking, or is
        // the end of a printed line the extractor split. Lines without a
        // clause may be a headline's, a colon may end a paragraph before a
        // list, a bracket a credit or a date; and a subheading may hold a
        // comma, but leaves the line well short.
        let prose = !line.no_clause_end || before.is_some_and(|before| !before.no_clause_end);
        let may_end_paragraph = ends_sentence || line.ends_colon || line.ends_closing() || !prose;
        let nearly_full =
            printed.width + self.unit(next) > capacity - FULL_SLACK - OPTIMAL_BREAK_SHORTFALL;
        if !may_end_paragraph && nearly_full && !next.opens_body {
            return (Break::Join, false);
        }
        (Break::Keep, false)
    }

    /// A group of lines as a block.
    fn block(&self, text: &str, lines: &[Line], group: &Group) -> Block {
        let mut builder = BlockBuilder::new(text);
        for index in group.lines.clone() {
            let line = &lines[index];
            if index > group.lines.start {
                let previous = &lines[index - 1];
                let join = self.joined_to_next[index - 1]
                    .unwrap_or_else(|| join_for(text_of(text, previous), text_of(text, line)));
                builder.push_wrap(previous.content.end..line.content.start, join);
            }
            builder.push_source(line.content.clone());
        }
        let first = group.lines.start;
        let single = group.lines.len() == 1;
        let headline = self.wrapped
            && (self.headline[first] || single && self.is_headline(&lines[first], first))
            || single && looks_like_title(&lines[first], text);
        let kind = if self.byline[first] {
            BlockKind::Byline
        } else if headline {
            BlockKind::Headline
        } else {
            BlockKind::Paragraph
        };
        let mut block = builder.finish(kind);
        block.printed = self.wrapped;
        if group.undecided_after {
            let last = &lines[group.lines.end - 1];
            if let Some(next) = lines.get(group.lines.end) {
                let join = join_for(text_of(text, last), text_of(text, next));
                block.undecided_break = Some((last.content.end..next.content.start, join));
            }
        }
        block
    }
}

/// The printed line a line ends, as far as the paragraph has read it: the
/// extractor may have split it into several lines.
#[derive(Clone, Copy, Debug)]
struct PrintedLine {
    width: f32,
    /// Its width with every mark at half an em.
    narrowest: f32,
    /// Whether it is its paragraph's first line, and the indent it then had.
    first: bool,
    indent: f32,
}

impl PrintedLine {
    fn starting(page: &Page, line: &Line, index: usize) -> PrintedLine {
        PrintedLine {
            width: page.width(line),
            narrowest: line.measure.width(Metrics {
                mark: 0.5,
                gap: 0.0,
            }),
            first: true,
            indent: page.indent[index],
        }
    }

    fn continuing(page: &Page, line: &Line) -> PrintedLine {
        PrintedLine {
            first: false,
            ..PrintedLine::starting(page, line, 0)
        }
    }

    fn with(self, page: &Page, line: &Line) -> PrintedLine {
        PrintedLine {
            width: self.width + page.width(line),
            narrowest: self.narrowest
                + line.measure.width(Metrics {
                    mark: 0.5,
                    gap: 0.0,
                }),
            ..self
        }
    }
}

/// Whether an extractor may have split a printed line between two lines.
fn splittable(line: &Line, next: &Line) -> bool {
    line.ends_at_split_mark || next.starts_at_split_mark
}

/// Runs of equal values.
fn runs_of_equal(values: &[f32]) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=values.len() {
        if i == values.len() || values[i] != values[start] {
            runs.push(start..i);
            start = i;
        }
    }
    runs
}

/// Whether the lines read as a page laid out in columns: most lines full or
/// first lines, and few full lines ending a sentence — whole paragraphs of
/// similar length, one per line, all end one.
fn looks_laid_out(lines: &[Line], column: &[f32], metrics: Metrics) -> bool {
    let (mut counted, mut full, mut laid_out, mut sentence_ends) = (0, 0, 0, 0);
    for (line, &width) in lines.iter().zip(column) {
        if !informative(line)
            || line.width(Metrics {
                mark: 0.75,
                gap: 0.0,
            }) < NARROWEST_COLUMN - 1.0
        {
            continue;
        }
        counted += 1;
        let w = line.width(metrics);
        if (w - width).abs() <= 1.3 {
            full += 1;
            sentence_ends += usize::from(line.ends_sentence);
        }
        if (width - 3.5..=width + 0.8).contains(&w) {
            laid_out += 1;
        }
    }
    laid_out * 2 >= counted && full >= 4 && sentence_ends * 2 < full
}

/// A space between two Han characters, other than after a dateline: the mark
/// of a headline's two halves (`精密智控打好两战 夺取下半场新胜利`).
fn has_space_between_han(line: &str) -> bool {
    if !holds_blank(line) {
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

/// A short line with no sentence in it: a headline on a page that is not
/// wrapped, or a subheadline.
fn looks_like_title(line: &Line, text: &str) -> bool {
    line.width(Metrics {
        mark: 0.5,
        gap: 0.0,
    }) <= 40.0
        && !line.ends_sentence
        && !text_of(text, line).contains(['。', '！', '？'])
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

    /// The first lines of a real page: typst, ten-character columns with
    /// full-width digits, extracted by PyMuPDF (scripts/pdf-accuracy).
    const NARROW_PAGE: &str = "乒乓球擂台赛摄影比赛征稿
□记者 贝尔曼 通讯员 
王怀远
本报讯记者刘小明报
道：由中央电视台体育
部、中国乒协和爱立信
（中国）有限公司共同
主办的乒乓球擂台赛即
将进入决赛阶段，今年
２月底将产生新一年度
的总冠军。为了更好地
展现国球风采，使擂台
赛最后阶段更加吸引
人，比赛组委会决定专
门为擂台赛举办一次摄
影比赛。
摄影赛欢迎比赛举办地
的专业摄影工作者和业
余摄影者踊跃投稿。参
赛作品内容要反映擂台
赛场上、场下精彩的有
趣场面。
";

    #[test]
    fn narrow_columns_with_full_width_digits() {
        let got = paragraphs(NARROW_PAGE);
        assert_eq!(
            got,
            [
                (BlockKind::Headline, "乒乓球擂台赛摄影比赛征稿".into()),
                (BlockKind::Byline, "□记者 贝尔曼 通讯员 王怀远".into()),
                (
                    BlockKind::Paragraph,
                    "本报讯记者刘小明报道：由中央电视台体育部、中国乒协和爱立信（中国）有限公司共同主办的乒乓球擂台赛即将进入决赛阶段，今年２月底将产生新一年度的总冠军。为了更好地展现国球风采，使擂台赛最后阶段更加吸引人，比赛组委会决定专门为擂台赛举办一次摄影比赛。".into()
                ),
                (
                    BlockKind::Paragraph,
                    "摄影赛欢迎比赛举办地的专业摄影工作者和业余摄影者踊跃投稿。参赛作品内容要反映擂台赛场上、场下精彩的有趣场面。".into()
                ),
            ]
        );
    }

    /// A real page (Chromium, two columns of 26 characters) as `pdftotext
    /// -raw` extracts it: printed lines split at compressed marks.
    const SPLIT_PAGE: &str = "罗布泊干涸探秘
本报记者安子文韩玉贵
据新华社乌鲁木齐电（记者张先国、段芝璞）全球性的“气
候危机”是否是导致罗布泊湖干涸的主要原因，我国学者最
近对这一学术悬案提出了新的看法，认为人类活动是影响罗
布泊湖干涸最重要的因素。
位居新疆维吾尔自治区东南角的罗布泊曾为我国第二大内陆
湖。２００万年前，罗布泊水域面积达２万平方公里。本世
纪以来，罗布泊水域两度盈亏，最终于１９７２年彻底干
涸。
新疆水利学专家何文勤教授说：
“从本世纪３０年代至９０
年代，塔里木河上游主要汇入河流的水量呈上升趋势，若无
人类活动的影响，罗布泊只会随自然气候波动，湖面仅有扩
大和缩小的变化，而不致于干涸。
”
他认为，造成罗布泊干涸的主要原因在于：塔里木河上游地
区生产发展，人口增加，饮用部分河水，中游地区河道不稳
定，造成大量河水浪费。加上人为砍挖流域野生植物，破坏
天然植被，造成下游水量减少，湖水补给匮乏。
何教授的观点与著名科学家夏训诚的观点一致。夏说：
“这
个结论将使人们摆脱所谓‘气候危机’的束缚，提高人类改
造自然的信心。
”
夏先生介绍说，历史上罗布泊曾屡经沧桑变故：２０００年
前的汉代，罗布泊“广袤三百里，其水亭居，冬夏不增
减”
，湖边的楼兰王国“水大波深必讯”
，居民们把防御洪水
作为大事；至公元４世纪，楼兰王国到了用法令限制用水的
窘迫境地；３００年前，罗布泊成了区区一小湖；１９７２
年，罗布泊湖水完全干涸，许多植物相继衰竭枯死，飞禽走
兽或死或逃，这里成了一片荒凉而干燥的土地。
";

    #[test]
    fn printed_lines_split_by_the_extractor_are_put_back() {
        let got: Vec<String> = paragraphs(SPLIT_PAGE).into_iter().map(|(_, t)| t).collect();
        let find = |start: &str| {
            got.iter()
                .find(|p| p.starts_with(start))
                .unwrap_or_else(|| panic!("{start}: {got:?}"))
        };
        // A line that starts with a closing mark goes on the line before.
        assert!(find("何教授").ends_with("提高人类改造自然的信心。”"));
        assert!(
            find("夏先生")
                .contains("冬夏不增减”，湖边的楼兰王国“水大波深必讯”，居民们把防御洪水作为大事")
        );
        // A printed line split after `：` before `“`, after a paragraph's end.
        assert!(find("位居").ends_with("彻底干涸。"));
        assert!(
            find("新疆水利学")
                .starts_with("新疆水利学专家何文勤教授说：“从本世纪３０年代至９０年代，")
        );
        assert_eq!(got.len(), 8, "{got:?}");
    }

    #[test]
    fn a_break_the_text_cannot_decide_is_kept_and_marked() {
        // No indent, and the line before the break is exactly full and ends
        // a sentence: a new paragraph or the same one.
        let text = "全市上下坚持稳中求进工作总基调，经济运行总
体平稳、稳中有进，前三季度生产总值同比增长。
会议强调，第四季度是决战全年目标的关键时期，
各地各部门要咬定目标不放松，全力以赴冲刺全
年。要紧盯重大项目，对进度滞后的项目逐个分
析原因，确保年底前新开工项目不少于六十个。
";
        let blocks = plain_text_blocks(text);
        assert_eq!(blocks.len(), 2);
        let (range, join) = blocks[0]
            .undecided_break
            .clone()
            .expect("an undecided break");
        assert_eq!(&text[range], "\n");
        assert_eq!(join, "");
        assert!(blocks[1].undecided_break.is_none());
        assert!(blocks.iter().all(|b| b.printed));
    }

    #[test]
    fn a_headline_wrapped_in_a_narrow_box_is_joined() {
        let text = "武警交通指挥部为基层
办实事
本报讯 日前，武警交通指挥部机关组织工作组深
入基层一线，帮助官兵解决训练和生活中的实际困
难，受到基层官兵欢迎。工作组先后走访了十二个
中队，召开座谈会二十余场，收集意见建议八十多
条，当场解决问题四十多个。
";
        let got = paragraphs(text);
        assert_eq!(
            got[0],
            (BlockKind::Headline, "武警交通指挥部为基层办实事".into())
        );
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn a_byline_wrapped_by_its_column_is_joined() {
        let text = "□记者 刘秀荣 通讯员 葛治
洲
本报讯 日前，市农业农村
局组织技术人员深入田间地
头，指导农民做好春耕备耕
工作，帮助解决种子、化肥
和农机等方面的实际困难。
";
        let got = paragraphs(text);
        assert_eq!(
            got[0],
            (BlockKind::Byline, "□记者 刘秀荣 通讯员 葛治洲".into())
        );
        assert_eq!(got.len(), 2);
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
