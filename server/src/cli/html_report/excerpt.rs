//! The text a finding is shown in: its sentence with the finding's span
//! marked, and a fix as the words before and after it.

use copydesk::Language;
use copydesk::finding::Fix;
use std::ops::Range;

/// How many characters of a sentence are shown on either side of a span at
/// most: a sentence of a wrapped page may run for lines.
const SENTENCE_REACH: usize = 60;
/// How many characters of unchanged text are kept beside each change of a fix.
const FIX_CONTEXT: usize = 8;
/// A stretch longer than this (in characters) is shown by its ends only.
const LONG: usize = 2 * ELIDED_END + 8;
/// How many characters of each end of a long stretch are shown.
const ELIDED_END: usize = 24;

/// What ends an excerpt besides sentences and the reach: in Markdown and
/// HTML a blank line ends a paragraph (in plain text copied from print layout
/// it may be only a wrap); in HTML a tag is no text.
#[derive(Clone, Copy, Debug)]
pub struct Bounds {
    blank_lines: bool,
    tags: bool,
}

impl Bounds {
    pub fn of(language: Language) -> Bounds {
        Bounds {
            blank_lines: language != Language::PlainText,
            tags: language == Language::Html,
        }
    }

    fn is_tag(self, c: char) -> bool {
        self.tags && (c == '<' || c == '>')
    }
}

/// A piece of an excerpt.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text as it stands (line breaks included: the page shows them).
    Text(&'a str),
    /// The middle of a long stretch, left out.
    Elided,
}

/// A finding's place in its sentence.
#[derive(Debug, PartialEq, Eq)]
pub struct InContext<'a> {
    /// Whether the sentence goes on before `before` (cut at the reach).
    pub cut_before: bool,
    pub before: &'a str,
    pub marked: Vec<Piece<'a>>,
    pub after: &'a str,
    pub cut_after: bool,
}

/// The sentence around `range`: back to the end of the sentence before and on
/// to the end of this one, at most [`SENTENCE_REACH`] characters either side.
pub fn in_context(text: &str, range: Range<usize>, bounds: Bounds) -> InContext<'_> {
    let range = clamp(text, range);
    let (start, cut_before) = sentence_start(text, range.start, bounds);
    let (end, cut_after) = sentence_end(text, range.end, bounds);
    // Blanks trimmed off the sentence's ends never reach into the span (a
    // finding may be a blank itself).
    let (start, end) = (start.min(range.start), end.max(range.end));
    InContext {
        cut_before,
        before: &text[start..range.start],
        marked: elide(&text[range.clone()]),
        after: &text[range.end..end],
        cut_after,
    }
}

/// One stretch of a fix's excerpt: unchanged, or replaced.
#[derive(Debug, PartialEq, Eq)]
pub enum Change<'a> {
    Same(Vec<Piece<'a>>),
    Replaced { old: &'a str, new: &'a str },
}

/// A fix shown as the text before and after it: the stretch its edits cover,
/// with a little unchanged text either side.
#[derive(Debug, PartialEq, Eq)]
pub struct FixExcerpt<'a> {
    pub cut_before: bool,
    pub changes: Vec<Change<'a>>,
    pub cut_after: bool,
}

pub fn fix_excerpt<'a>(text: &'a str, fix: &'a Fix, bounds: Bounds) -> FixExcerpt<'a> {
    let mut edits: Vec<(Range<usize>, &str)> = fix
        .edits
        .iter()
        .map(|edit| (clamp(text, edit.range.clone()), edit.new_text.as_str()))
        .collect();
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let first = edits.first().map_or(0, |(range, _)| range.start);
    let last = edits.last().map_or(0, |(range, _)| range.end);
    let stop = |c: char| c == '\n' || bounds.is_tag(c);
    let start = back_chars(text, first, FIX_CONTEXT, stop);
    let end = forward_chars(text, last, FIX_CONTEXT, stop);
    let mut changes = Vec::new();
    let mut at = start;
    for (range, new) in edits {
        if range.start < at {
            continue; // overlapping edits are not applied either
        }
        if range.start > at {
            changes.push(Change::Same(elide(&text[at..range.start])));
        }
        changes.push(Change::Replaced {
            old: &text[range.clone()],
            new,
        });
        at = range.end;
    }
    if end > at {
        changes.push(Change::Same(elide(&text[at..end])));
    }
    FixExcerpt {
        cut_before: text[..start].chars().next_back().is_some_and(|c| !stop(c)),
        changes,
        cut_after: text[end..].chars().next().is_some_and(|c| !stop(c)),
    }
}

/// A stretch, or its two ends when it is long.
fn elide(stretch: &str) -> Vec<Piece<'_>> {
    let count = stretch.chars().count();
    if count <= LONG {
        return vec![Piece::Text(stretch)];
    }
    let head = stretch
        .char_indices()
        .nth(ELIDED_END)
        .map_or(stretch.len(), |(i, _)| i);
    let tail = stretch
        .char_indices()
        .nth(count - ELIDED_END)
        .map_or(stretch.len(), |(i, _)| i);
    vec![
        Piece::Text(&stretch[..head]),
        Piece::Elided,
        Piece::Text(&stretch[tail..]),
    ]
}

fn clamp(text: &str, range: Range<usize>) -> Range<usize> {
    let floor = |mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = floor(range.start);
    start..floor(range.end).max(start)
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// Closing marks that belong to the sentence they follow: `。”`.
fn closes(c: char) -> bool {
    matches!(c, '”' | '’' | '）' | '」' | '』' | '》')
}

/// Where the sentence containing `offset` starts, and whether the reach cut it.
fn sentence_start(text: &str, offset: usize, bounds: Bounds) -> (usize, bool) {
    let mut start = offset;
    let mut previous: Option<char> = None;
    for (taken, (index, c)) in text[..offset].char_indices().rev().enumerate() {
        let ends_before = ends_sentence(c) && previous.is_none_or(|p| !closes(p))
            || closes(c) && text[..index].chars().next_back().is_some_and(ends_sentence);
        let blank_line = bounds.blank_lines && c == '\n' && text[..index].ends_with('\n');
        if ends_before || blank_line || bounds.is_tag(c) {
            return (trim_start(text, start), false);
        }
        if taken == SENTENCE_REACH {
            return (start, true);
        }
        start = index;
        previous = Some(c);
    }
    (trim_start(text, start), false)
}

/// Where the sentence containing `offset` ends (after its closing marks).
fn sentence_end(text: &str, offset: usize, bounds: Bounds) -> (usize, bool) {
    let mut chars = text[offset..].char_indices().peekable();
    let mut taken = 0;
    while let Some((index, c)) = chars.next() {
        let at = offset + index;
        let blank_line = bounds.blank_lines && c == '\n' && text[at + 1..].starts_with('\n');
        if blank_line || bounds.is_tag(c) {
            return (trim_end(text, at), false);
        }
        if ends_sentence(c) {
            let mut end = at + c.len_utf8();
            while let Some(&(next_index, next)) = chars.peek() {
                if !closes(next) {
                    break;
                }
                end = offset + next_index + next.len_utf8();
                chars.next();
            }
            return (end, false);
        }
        if taken == SENTENCE_REACH {
            return (at, true);
        }
        taken += 1;
    }
    (trim_end(text, text.len()), false)
}

/// Leading line breaks and blanks of an excerpt are not shown.
fn trim_start(text: &str, start: usize) -> usize {
    start + (text[start..].len() - text[start..].trim_start().len())
}

fn trim_end(text: &str, end: usize) -> usize {
    text[..end].trim_end().len()
}

/// The offset `count` characters before `offset`, stopping after a character
/// that `stop` accepts.
fn back_chars(text: &str, offset: usize, count: usize, stop: impl Fn(char) -> bool) -> usize {
    let mut start = offset;
    for (index, c) in text[..offset].char_indices().rev().take(count) {
        if stop(c) {
            break;
        }
        start = index;
    }
    start
}

/// The offset `count` characters after `offset`, stopping before a character
/// that `stop` accepts.
fn forward_chars(text: &str, offset: usize, count: usize, stop: impl Fn(char) -> bool) -> usize {
    let mut end = offset;
    for (index, c) in text[offset..].char_indices().take(count) {
        if stop(c) {
            break;
        }
        end = offset + index + c.len_utf8();
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk::finding::Edit;

    const PLAIN: Bounds = Bounds {
        blank_lines: false,
        tags: false,
    };
    const MARKDOWN: Bounds = Bounds {
        blank_lines: true,
        tags: false,
    };

    fn plain(context: &InContext<'_>) -> String {
        let marked: String = context
            .marked
            .iter()
            .map(|p| match p {
                Piece::Text(t) => *t,
                Piece::Elided => "⋯",
            })
            .collect();
        format!(
            "{}{}[{marked}]{}{}",
            if context.cut_before { "…" } else { "" },
            context.before,
            context.after,
            if context.cut_after { "…" } else { "" }
        )
    }

    fn range_of(text: &str, needle: &str) -> Range<usize> {
        let start = text.find(needle).unwrap();
        start..start + needle.len()
    }

    #[test]
    fn the_sentence_runs_from_the_end_of_the_last_one_to_the_end_of_its_own() {
        let text = "市领导出席会议。刘剑国强调，要深化银政合作。“要抓好落实。”他说。";
        let context = in_context(text, range_of(text, "银政合作"), MARKDOWN);
        assert_eq!(plain(&context), "刘剑国强调，要深化[银政合作]。");
        let quoted = in_context(text, range_of(text, "抓好"), MARKDOWN);
        assert_eq!(plain(&quoted), "“要[抓好]落实。”");
        let after_quote = in_context(text, range_of(text, "他说"), MARKDOWN);
        assert_eq!(plain(&after_quote), "[他说]。");
    }

    #[test]
    fn a_wrapped_sentence_of_a_plain_page_keeps_its_line_breaks_but_markdown_paragraphs_end_it() {
        let text = "会议以视频形式召开，我市领导\n\n金政、张群环出席。";
        let wrapped = in_context(text, range_of(text, "金政"), PLAIN);
        assert_eq!(
            plain(&wrapped),
            "会议以视频形式召开，我市领导\n\n[金政]、张群环出席。"
        );
        let markdown = in_context(text, range_of(text, "金政"), MARKDOWN);
        assert_eq!(plain(&markdown), "[金政]、张群环出席。");
    }

    #[test]
    fn long_sentences_are_cut_at_the_reach_and_long_spans_show_their_ends() {
        let text = format!("{}会议{}", "甲".repeat(100), "乙".repeat(100));
        let context = in_context(&text, range_of(&text, "会议"), PLAIN);
        assert!(context.cut_before && context.cut_after);
        assert_eq!(context.before.chars().count(), SENTENCE_REACH);
        let span = "丙".repeat(200);
        let long = in_context(&span, 0..span.len(), PLAIN);
        assert_eq!(long.marked.len(), 3);
        assert_eq!(long.marked[1], Piece::Elided);
    }

    #[test]
    fn in_html_the_sentence_and_the_fix_stay_between_tags() {
        let text = "<p>刘剑国强调,要深化改革</p>\n<p>下一段。</p>";
        let html = Bounds::of(Language::Html);
        let context = in_context(text, range_of(text, ","), html);
        assert_eq!(plain(&context), "刘剑国强调[,]要深化改革");
        let fix = Fix::safe(
            "改为全角逗号",
            vec![Edit {
                range: range_of(text, ","),
                new_text: "，".into(),
            }],
        );
        let excerpt = fix_excerpt(text, &fix, html);
        assert_eq!(
            excerpt.changes[0],
            Change::Same(vec![Piece::Text("刘剑国强调")])
        );
        assert_eq!(
            excerpt.changes[2],
            Change::Same(vec![Piece::Text("要深化改革")])
        );
        assert!(!excerpt.cut_before && !excerpt.cut_after);
    }

    #[test]
    fn a_fix_shows_each_change_with_a_little_text_beside_it() {
        let text = "刘剑国强调，要深化银政合作，拓宽项目融资渠道。";
        let range = range_of(text, "银政合作");
        let fix = Fix::suggestion(
            "改为“政银合作”",
            vec![Edit {
                range,
                new_text: "政银合作".into(),
            }],
        );
        let excerpt = fix_excerpt(text, &fix, PLAIN);
        assert_eq!(
            excerpt.changes,
            [
                Change::Same(vec![Piece::Text("剑国强调，要深化")]),
                Change::Replaced {
                    old: "银政合作",
                    new: "政银合作"
                },
                Change::Same(vec![Piece::Text("，拓宽项目融资渠")]),
            ]
        );
        assert!(excerpt.cut_before && excerpt.cut_after);
    }

    #[test]
    fn a_fix_of_many_edits_keeps_the_text_between_them_and_stops_at_line_ends() {
        let text = "标题\n我市领导\n\n金政、张群环\n\n出席会议。\n下一段";
        let breaks: Vec<Edit> = [range_of(text, "导\n\n"), range_of(text, "环\n\n")]
            .into_iter()
            .map(|r| Edit {
                range: r.start + '导'.len_utf8()..r.end,
                new_text: String::new(),
            })
            .collect();
        let fix = Fix::safe("把本段接成一行", breaks);
        let excerpt = fix_excerpt(text, &fix, PLAIN);
        assert_eq!(
            excerpt.changes,
            [
                Change::Same(vec![Piece::Text("我市领导")]),
                Change::Replaced {
                    old: "\n\n",
                    new: ""
                },
                Change::Same(vec![Piece::Text("金政、张群环")]),
                Change::Replaced {
                    old: "\n\n",
                    new: ""
                },
                Change::Same(vec![Piece::Text("出席会议。")]),
            ]
        );
        assert!(!excerpt.cut_before && !excerpt.cut_after);
    }

    /// A text of the characters excerpts care about: sentence ends, closing
    /// marks, line breaks, blanks, a character outside the BMP.
    fn texts() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                '甲', '乙', '。', '”', '！', '\n', ' ', '\u{3000}', '𠮷', 'a', '<', '>',
            ]),
            0..120,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    fn text_of(pieces: &[Piece<'_>]) -> Option<String> {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => Some(*t),
                Piece::Elided => None,
            })
            .collect()
    }

    use proptest::prelude::*;

    proptest! {
        /// Whatever the range (inside characters, past the end, reversed),
        /// an excerpt is the text around it, in order, and a fix's excerpt
        /// before the change is the text as it stands.
        #[test]
        fn excerpts_are_the_text_around_any_range(
            text in texts(),
            a in 0usize..400,
            b in 0usize..400,
            language in proptest::sample::select(vec![Language::PlainText, Language::Markdown, Language::Html]),
        ) {
            let bounds = Bounds::of(language);
            let context = in_context(&text, a..b, bounds);
            let range = clamp(&text, a..b);
            if let Some(marked) = text_of(&context.marked) {
                let shown = format!("{}{marked}{}", context.before, context.after);
                let start = range.start - context.before.len();
                prop_assert_eq!(&text[start..start + shown.len()], shown.as_str());
            }
            let fix = Fix::safe("", vec![Edit { range: a..b, new_text: "，".into() }]);
            let excerpt = fix_excerpt(&text, &fix, bounds);
            let before: Option<String> = excerpt
                .changes
                .iter()
                .map(|c| match c {
                    Change::Same(pieces) => text_of(pieces),
                    Change::Replaced { old, .. } => Some((*old).to_owned()),
                })
                .collect();
            if let Some(before) = before {
                prop_assert!(text.contains(&before));
            }
        }
    }
}
