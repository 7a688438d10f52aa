//! Credits in brackets at the end of a paragraph: `（李彪摄）`,
//! `（新华社记者高洁摄）`, `（孟西安王鸣媛）` — the names of who wrote or
//! photographed, often run together without a space.

use super::words::is_word_unless_posted;
use super::{Evidence, Found, NameHit, shape, titles};
use crate::chars::{is_blank, is_han};

/// Roles written before the names of a credit.
const ROLES: &[&str] = &[
    "新华社记者",
    "本报记者",
    "新华社通讯员",
    "通讯员",
    "特约记者",
    "记者",
    "压题照片",
    "摄影",
];

/// What follows the names of a credit: the kind of work.
const WORKS: &[&str] = &[
    "摄影报道",
    "报道",
    "摄",
    "摘",
    "画",
    "作",
    "文",
    "图",
    "整理",
    "供稿",
];

/// The kind of work that ends a credit, if one does.
fn work_ending(credit: &str) -> Option<&'static str> {
    WORKS.iter().copied().find(|work| credit.ends_with(work))
}

/// The most names a credit runs together.
const MOST_NAMES: usize = 3;

/// Names in a credit in brackets that ends `text`.
pub fn trailing_credit(text: &str, found: &mut Found) {
    let trimmed = text.trim_end_matches(is_blank);
    let Some(inside_end) = trimmed.strip_suffix('）').map(str::len) else {
        return;
    };
    let Some(open) = trimmed[..inside_end].rfind('（') else {
        return;
    };
    let start = open + '（'.len_utf8();
    let before = found.names.len();
    credit_inside(text, start, inside_end, found);
    if found.names.len() == before {
        push_credited(found, pen_name(text, start, inside_end));
    }
}

/// Credits the names as a byline does.
fn push_credited(found: &mut Found, names: impl IntoIterator<Item = std::ops::Range<usize>>) {
    found.names.extend(names.into_iter().map(|range| NameHit {
        range,
        titles: Vec::new(),
        evidence: Evidence::Byline,
    }));
}

/// A pen name closing a paragraph in brackets (`。（碧泉）`): two or three
/// Han characters that are no word, no number and no note (`（完）`,
/// `（节选）`).
fn pen_name(text: &str, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
    let name = &text[start..end];
    let characters = name.chars().count();
    let jieba = crate::tokens::segmenter();
    let ends_sentence = text[..start - '（'.len_utf8()].ends_with(['。', '！', '？', '”']);
    let name_like = name
        .chars()
        .all(|c| is_han(c) && !titles::stops_a_name(c) && !"一二三四五六七八九十".contains(c));
    (ends_sentence && (2..=3).contains(&characters) && name_like && !jieba.has_word(name))
        .then_some(start..end)
}

/// The most characters of a credit in brackets after a dateline.
const LONGEST_DATELINE_CREDIT: usize = 24;

/// Names in a credit in brackets after a dateline: `１月６日电（记者戚德良、
/// 支林飞）`, `本报讯（通讯员王明）`.
pub fn dateline_credit(text: &str, found: &mut Found) {
    let after_dateline = |open: usize| text[..open].ends_with(['电', '讯']);
    for open in crate::chars::find_all(text, "（").filter(|&open| after_dateline(open)) {
        let start = open + '（'.len_utf8();
        let Some(length) = text[start..]
            .char_indices()
            .take(LONGEST_DATELINE_CREDIT)
            .find(|&(_, c)| c == '）')
            .map(|(length, _)| length)
        else {
            continue;
        };
        credit_inside(text, start, start + length, found);
    }
}

/// Names in the credit `text[start..end]`, inside its brackets.
fn credit_inside(text: &str, mut start: usize, mut end: usize, found: &mut Found) {
    let role = ROLES.iter().find(|r| text[start..end].starts_with(**r));
    start += role.map_or(0, |r| r.len());
    let work = work_ending(&text[start..end]);
    end -= work.map_or(0, str::len);
    // A role or a kind of work says these are names even where the
    // dictionary has a word (新华社记者高洁摄); bare brackets do not.
    let marked = role.is_some() || work.is_some();
    push_credited(found, split_names(text, start, end, marked));
}

/// The names of reporters run together after a reporter's title at
/// `start` (`新华社记者李锦赵承`, `记者果永毅、王芳报道：`): up to the end of the
/// paragraph, a closing bracket or a kind of work.
pub fn reporters_after(text: &str, start: usize) -> Option<Vec<std::ops::Range<usize>>> {
    let run_end = text[start..]
        .char_indices()
        .find(|&(_, c)| !(is_han(c) || is_blank(c) || c == '、'))
        .map_or(text.len(), |(offset, _)| start + offset);
    let work = work_ending(&text[start..run_end]);
    let end = run_end - work.map_or(0, str::len);
    let closed = run_end == text.trim_end_matches(is_blank).len()
        || text[run_end..].starts_with('）')
        || work.is_some();
    let names = split_names(text, start, end, true);
    (closed && !names.is_empty()).then_some(names)
}

/// Names that are a whole paragraph: the author's line under a headline
/// (`秦池江`, `易允武邓献忠周立耘`).
pub fn name_line(text: &str, found: &mut Found) {
    let trimmed = text.trim_matches(is_blank);
    if trimmed.is_empty() {
        return;
    }
    // Most paragraphs are longer than any run of names.
    if trimmed.chars().nth(MOST_NAMES * 4).is_some() {
        return;
    }
    let start = trimmed.as_ptr() as usize - text.as_ptr() as usize;
    push_credited(
        found,
        split_names(text, start, start + trimmed.len(), false),
    );
}

/// `text[start..end]` as names of two or three characters each, run
/// together or parted by spaces or `、`: the split whose names are likeliest, or
/// none when some part is no name.
fn split_names(text: &str, start: usize, end: usize, marked: bool) -> Vec<std::ops::Range<usize>> {
    let mut names = Vec::new();
    let parts = text[start..end].split(|c| is_blank(c) || c == '、');
    for word in parts.filter(|w| !w.is_empty()) {
        let offset = word.as_ptr() as usize - text.as_ptr() as usize;
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        if chars.len() > 3 * MOST_NAMES || !chars.iter().all(|&(_, c)| is_han(c)) {
            return Vec::new();
        }
        let Some(split) = best_split(word, &chars, marked) else {
            return Vec::new();
        };
        names.extend(split.into_iter().map(|r| r.start + offset..r.end + offset));
    }
    names
}

/// The likeliest way to cut a run of characters into names of two or three.
fn best_split(
    word: &str,
    chars: &[(usize, char)],
    marked: bool,
) -> Option<Vec<std::ops::Range<usize>>> {
    let byte_at = |i: usize| chars.get(i).map_or(word.len(), |&(offset, _)| offset);
    // best[i]: the best total score and cut of the first i characters.
    let mut best: Vec<Option<(i32, Vec<std::ops::Range<usize>>)>> = vec![None; chars.len() + 1];
    best[0] = Some((0, Vec::new()));
    for i in 0..chars.len() {
        let Some((total, cut)) = best[i].clone() else {
            continue;
        };
        for length in [2, 3] {
            let j = i + length;
            if j > chars.len() {
                continue;
            }
            let range = byte_at(i)..byte_at(j);
            let name = &word[range.clone()];
            let Some(score) = shape::name_score(name) else {
                continue;
            };
            // 温馨的: no name ends in a word that follows names.
            let last = name.chars().next_back().unwrap_or_default();
            if (!marked && is_word_unless_posted(name))
                || titles::stops_a_name(last)
                || !shape::plausible(name)
            {
                continue;
            }
            let candidate = total + score;
            if best[j].as_ref().is_none_or(|(b, _)| candidate > *b) {
                let mut cut = cut.clone();
                cut.push(range);
                best[j] = Some((candidate, cut));
            }
        }
    }
    best[chars.len()].take().map(|(_, cut)| cut)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::tests::vouched;

    fn credited(text: &str) -> Vec<&str> {
        Found::names_in(text, trailing_credit)
    }

    #[test]
    fn names_in_a_closing_credit() {
        assert_eq!(credited("灾民防寒帐篷。（周文广摄）"), ["周文广"]);
        assert_eq!(credited("（新华社记者高洁摄）"), ["高洁"]);
        assert_eq!(credited("关键作用。（孟西安王鸣媛）"), ["孟西安", "王鸣媛"]);
        assert_eq!(credited("（李大勇潘健摄影报道）"), ["李大勇", "潘健"]);
    }

    #[test]
    fn other_notes_in_brackets_are_no_credit() {
        for text in [
            "（附图片１张）",
            "（篆刻）",
            "（中国画）",
            "（据新华社电）",
            "（图片）",
            "（行书）",
        ] {
            assert!(credited(text).is_empty(), "{text}: {:?}", credited(text));
        }
    }

    #[test]
    fn a_paragraph_that_is_only_names() {
        assert_eq!(vouched("秦池江"), ["秦池江"]);
        assert!(vouched("春节联欢").is_empty());
    }
}
