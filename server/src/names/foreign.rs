//! Foreign names beside posts: a transliteration after a post or before one
//! (`美国总统克林顿`, `克林顿总统`).

use super::dotted::{MOST_NAME_PARTS, dotted_name};
use super::post::organisation_start;
use super::words::{
    Surnames, ends_a_longer_word, is_common_word, is_word_other_than, name_at, run_end,
};
use super::{Evidence, Found, NameHit, TitleHit, titles};
use crate::chars::is_han;
use std::ops::Range;

/// The most characters of a transliterated name, dots included
/// (穆斯塔法·本·马苏尔).
pub(super) const MOST_FOREIGN_CHARS: usize = 16;

/// A transliterated foreign name starting at `start` (after `总统`): two or
/// more transliteration characters, possibly joined by `·`.
pub(super) fn foreign_name_at(text: &str, start: usize) -> Option<Range<usize>> {
    // 总理川·立派, 部长兰贝托·迪尼: the dots bound the name.
    let run_end = run_end(text, start, MOST_NAME_PARTS + 1, is_han);
    if text[run_end..].starts_with('·')
        && let Some(name) = dotted_name(text, run_end).filter(|name| name.start == start)
    {
        return Some(name);
    }
    let jieba = crate::tokens::segmenter();
    let mut end = start;
    let mut count = 0;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        // 克林顿本月: the last character begins the next word, where the
        // dictionary knows the name without it (but 阿拉法特于, 波尼拉日前).
        let begins_word = count >= 2
            && chars.peek().is_some_and(|&(next_offset, next)| {
                !titles::is_transliteration(next)
                    && jieba.has_word(&text[start + offset..start + next_offset + next.len_utf8()])
                    && jieba.has_word(&text[start..start + offset])
                    && !jieba.has_word(&text[start..start + offset + c.len_utf8()])
            });
        if begins_word {
            break;
        }
        if titles::is_transliteration(c) || is_name_joiner(c) && count > 0 {
            end = start + offset + c.len_utf8();
            count += 1;
        } else {
            break;
        }
        if count == MOST_FOREIGN_CHARS {
            break;
        }
    }
    // After a post the name is vouched for: no dictionary check (the
    // segmenter tags many transliterations as ordinary words).
    let name = text[start..end].trim_end_matches(is_name_joiner);
    (2..=MOST_FOREIGN_CHARS)
        .contains(&name.chars().count())
        .then(|| start..start + name.len())
}

/// Whether `c` joins the parts of a transliterated name: 萨阿东·哈马迪,
/// 迪亚斯-卡内尔.
fn is_name_joiner(c: char) -> bool {
    matches!(c, '·' | '-' | '‐' | '－')
}

/// A transliterated foreign name of at least `shortest` characters ending
/// at `end` (before `总统`).
pub(super) fn foreign_name_ending_at(
    text: &str,
    end: usize,
    shortest: usize,
) -> Option<Range<usize>> {
    let mut start = end;
    let mut count = 0;
    for (offset, c) in text[..end].char_indices().rev() {
        if titles::is_transliteration(c) || c == '·' {
            start = offset;
            count += 1;
        } else {
            break;
        }
        if count == 8 {
            break;
        }
    }
    let name = &text[start..end];
    let long_enough = (shortest..=8).contains(&name.chars().count());
    let plausible = long_enough && !name.starts_with('·') && !titles::is_country(name);
    (plausible && !ends_a_longer_word(text, start, end)).then_some(start..end)
}

/// Foreign names next to a post: `美国总统克林顿`, `克林顿总统`.
pub(super) fn foreign_names(
    text: &str,
    post_range: Range<usize>,
    post: &'static str,
    found: &mut Found,
) {
    let (at, after) = (post_range.start, post_range.end);
    // 领导人特别是…, 中国连任…: a word the dictionary calls no noun of any
    // kind (an adverb, a verb) is no name, however foreign its characters.
    let follows = foreign_name_at(text, after)
        .filter(|name| !is_word_other_than(&text[name.clone()], &["n"]));
    if let Some(name) = follows.clone() {
        found.names.push(NameHit {
            range: name,
            titles: vec![TitleHit {
                range: organisation_start(text, at)..after,
                post,
            }],
            evidence: Evidence::Post,
        });
    }
    // 伊拉克总统萨达姆: what stands before the post is a country when a
    // name follows it.
    let name_follows =
        follows.is_some() || name_at(text, after, Surnames::Common, is_common_word).is_some();
    if !name_follows && let Some(name) = foreign_name_ending_at(text, at, 3) {
        found.names.push(NameHit {
            range: name,
            titles: vec![TitleHit {
                range: post_range,
                post,
            }],
            evidence: Evidence::Address,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::names::tests::vouched;

    #[test]
    fn foreign_names_by_their_dots_and_before_verbs_of_saying() {
        assert_eq!(vouched("他会见了罗宾·库克和其他客人。"), ["罗宾·库克"]);
        assert_eq!(vouched("。卡尔森说，会谈是坦诚的。"), ["卡尔森"]);
        // A country or a word is no speaker.
        assert!(vouched("。伊拉克表示反对。").is_empty());
    }
}
