//! Japanese names: a family name of the table and up to three given-name
//! characters (`首相桥本龙太郎`, `桥本首相`).

use super::words::{ends_a_longer_word, is_common_word};
use super::{AFTER_NAME, surnames, titles};
use crate::chars::is_han;
use std::ops::Range;

/// The most characters of a Japanese given name (龙太郎).
const MOST_JAPANESE_GIVEN: usize = 3;

/// A Japanese name starting at `start` (首相桥本龙太郎): a family name of
/// the table, then at most three given-name characters, none of which
/// stops a name or begins a form of address or a verb of saying, and the
/// last not making a word with what follows (羽田孜|今天, 田岛宁子|分列).
pub(super) fn japanese_name_at(text: &str, start: usize) -> Option<Range<usize>> {
    let rest = &text[start..];
    let surname = surnames::japanese_surname_len(rest)?;
    let surname_end = rest
        .char_indices()
        .nth(surname)
        .map_or(rest.len(), |(i, _)| i);
    let given: Vec<usize> = rest[surname_end..]
        .char_indices()
        .take(MOST_JAPANESE_GIVEN)
        .take_while(|&(i, c)| {
            let from = &rest[surname_end + i..];
            is_han(c)
                && !titles::stops_a_name(c)
                && !titles::starts_with_follower(from)
                && !AFTER_NAME
                    .iter()
                    .chain(titles::SPEECH_VERBS)
                    .any(|cue| from.starts_with(cue))
        })
        .map(|(i, c)| surname_end + i + c.len_utf8())
        .collect();
    let jieba = crate::tokens::segmenter();
    let ends = given.iter().rev().copied().chain([surname_end]);
    for end in ends {
        let last = rest[..end].chars().next_back()?;
        let runs_on = end > surname_end
            && rest[end..].chars().next().is_some_and(|next| {
                is_han(next) && jieba.has_word(&rest[end - last.len_utf8()..end + next.len_utf8()])
            });
        // 桥本去年: a word after the family name is no given name.
        let word =
            rest[surname_end..end].chars().count() == 2 && is_common_word(&rest[surname_end..end]);
        if !runs_on && !word {
            return Some(start..start + end);
        }
    }
    None
}

/// A Japanese name that ends at `end` (桥本首相, 桥本龙太郎表示), not where
/// its family name ends a word with the text before it.
fn japanese_name_ending_at(text: &str, end: usize) -> Option<Range<usize>> {
    let starts: Vec<usize> = text[..end]
        .char_indices()
        .rev()
        .take(4 + MOST_JAPANESE_GIVEN)
        .take_while(|&(_, c)| is_han(c))
        .map(|(i, _)| i)
        .collect();
    starts.into_iter().rev().find_map(|start| {
        let first = text[start..].chars().next()?.len_utf8();
        japanese_name_at(text, start)
            .filter(|name| name.end == end && !ends_a_longer_word(text, start, start + first))
    })
}

/// The Japanese name ending at `end`, where it starts before `chinese`, the
/// Chinese reading (桥本龙太郎首相, not 龙太郎).
pub(super) fn japanese_or(
    text: &str,
    end: usize,
    chinese: Option<Range<usize>>,
) -> Option<Range<usize>> {
    match (japanese_name_ending_at(text, end), chinese) {
        (Some(japanese), Some(chinese)) if japanese.start >= chinese.start => Some(chinese),
        (Some(japanese), _) => Some(japanese),
        (None, chinese) => chinese,
    }
}

#[cfg(test)]
mod tests {
    use crate::names::tests::vouched;

    #[test]
    fn japanese_names() {
        // Found first, the longer reading wins over 龙太郎 found by shape.
        assert_eq!(
            vouched("日本首相桥本龙太郎对中国进行访问").first(),
            Some(&"桥本龙太郎")
        );
        assert_eq!(vouched("转达了桥本首相对他的问候"), ["桥本"]);
        assert_eq!(vouched("。桥本表示相信，"), ["桥本"]);
        assert_eq!(vouched("日本前首相羽田孜今天抵达北京"), ["羽田孜"]);
        assert!(vouched("日本选手田岛宁子分列第二").contains(&"田岛宁子"));
        assert!(!vouched("首相桥本去年曾说").contains(&"桥本去年"));
    }
}
