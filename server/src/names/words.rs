//! What the finders share: a Chinese name starting or ending at a place
//! (`name_at`, `name_ending_at`), whether a candidate is a word of another
//! kind (文章, 金华), and runs of characters.

use super::{Evidence, NameHit, shape, surnames, titles};
use crate::chars::is_han;
use std::ops::Range;

/// Whether a segmenter word makes `candidate` something other than a name:
/// a dictionary word that is not tagged as a person (文章, 金华).
pub(super) fn is_common_word(candidate: &str) -> bool {
    is_word_other_than(candidate, &["nr"])
}

/// Whether `candidate` is a dictionary word that only a post makes a name:
/// a common word, or any word of two characters, as the dictionary tags
/// thousands of those as names that are not (荣誉, 白宫, 明白).
pub(super) fn is_word_unless_posted(candidate: &str) -> bool {
    is_common_word(candidate)
        || candidate.chars().count() == 2 && crate::tokens::segmenter().has_word(candidate)
}

/// Whether `candidate` is a dictionary word whose tag starts with none of
/// `tags`.
pub(super) fn is_word_other_than(candidate: &str, tags: &[&str]) -> bool {
    let jieba = crate::tokens::segmenter();
    if !jieba.has_word(candidate) {
        return false;
    }
    // Telling a word's kind costs a segmentation; the same few thousand
    // words come up again and again, so each thread remembers them (at
    // most the dictionary's words).
    thread_local! {
        static KINDS: std::cell::RefCell<crate::chars::FastMap<Box<str>, Option<Box<str>>>> =
            Default::default();
    }
    KINDS.with_borrow_mut(|kinds| {
        let kind = kinds.entry(candidate.into()).or_insert_with(|| {
            jieba
                .tag(candidate, false)
                .first()
                .filter(|t| t.word == candidate)
                .map(|t| t.tag.into())
        });
        !kind
            .as_deref()
            .is_some_and(|kind| tags.iter().any(|tag| kind.starts_with(tag)))
    })
}

/// Which surnames may open a name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Surnames {
    Common,
    /// Also those more often a word (于, 任, 关), where a post or a
    /// description vouches for the name.
    WithListed,
}

/// A name starting at `start`: a surname, then one or two given-name
/// characters. The second given-name character is not taken when it is one
/// that follows names (张群环对… but 金政代表…), when it begins a word with
/// the text after it (孙录帮助…) or another name (何伟余继军).
pub(super) fn name_at(
    text: &str,
    start: usize,
    surnames: Surnames,
    is_common: fn(&str) -> bool,
) -> Option<Range<usize>> {
    let rest = &text[start..];
    let (surname, listed) = match surnames::surname_len(rest) {
        Some(length) => (length, false),
        None if surnames == Surnames::WithListed => (surnames::posted_surname_len(rest)?, true),
        None => return None,
    };
    let chars: Vec<(usize, char)> = rest.char_indices().take(surname + 3).collect();
    let given: Vec<(usize, char)> = chars[surname.min(chars.len())..]
        .iter()
        .copied()
        .take_while(|&(_, c)| is_han(c))
        .collect();
    let first = *given.first()?;
    // 褚时健: a name the dictionary knows, whatever its characters.
    if let Some(&(offset, c)) = given.get(1) {
        let end = offset + c.len_utf8();
        let jieba = crate::tokens::segmenter();
        if jieba.has_word(&rest[..end]) && !is_common(&rest[..end]) {
            return Some(start..start + end);
        }
    }
    let is_follower = |(offset, c): (usize, char)| {
        titles::stops_a_name(c) || titles::starts_with_follower(&rest[offset..])
    };
    if surname == 1 && is_follower(first) {
        return None;
    }
    // 方面要…, 荣获…: a surname and the next character that make a common
    // word are that word, not a name; unless three characters are very
    // likely a name (王国栋).
    let first_two_end = first.0 + first.1.len_utf8();
    if surname == 1 && is_common(&rest[..first_two_end]) {
        let likely = given.get(1).is_some_and(|&(offset, c)| {
            !is_follower((offset, c))
                && shape::name_score(&rest[..offset + c.len_utf8()])
                    .is_some_and(|score| score >= shape::THRESHOLD)
        });
        if !likely {
            return None;
        }
    }
    let take = match given.get(1) {
        Some(&second)
            if !is_follower(second)
                && !ADVERB_ENDINGS.contains(second.1)
                && !runs_on(rest, second) =>
        {
            2
        }
        _ => 1,
    };
    let (offset, c) = given[take - 1];
    let end = offset + c.len_utf8();
    // 于去年, 向记者, 曾有过: a surname that is more often a word needs a
    // likely given name that is no word and does not run into one.
    let word_like = listed || titles::stops_a_name(first_char(rest));
    if word_like && (is_given_a_word(rest, first.0, end) || !shape::plausible(&rest[..end])) {
        return None;
    }
    Some(start..start + end)
}

fn first_char(text: &str) -> char {
    text.chars().next().unwrap_or_default()
}

/// Whether the given name `rest[start..end]` is a word, or runs into one
/// with the character after it (向他们).
fn is_given_a_word(rest: &str, start: usize, end: usize) -> bool {
    let jieba = crate::tokens::segmenter();
    let last = rest[..end].chars().next_back().map_or(0, char::len_utf8);
    let next = rest[end..].chars().next().filter(|&c| is_han(c));
    jieba.has_word(&rest[start..end])
        || next.is_some_and(|next| jieba.has_word(&rest[end - last..end + next.len_utf8()]))
}

/// Whether the character at `offset` of `rest`, the last of a name of three,
/// is rather the start of what follows: a word (孙录帮助) or another name
/// (何伟余继军).
fn runs_on(rest: &str, (offset, c): (usize, char)) -> bool {
    let after = &rest[offset + c.len_utf8()..];
    let Some(next) = after.chars().next().filter(|&n| is_han(n)) else {
        return false;
    };
    let jieba = crate::tokens::segmenter();
    let name = &rest[..offset + c.len_utf8()];
    let known_name = jieba.has_word(name) && !is_common_word(name);
    let begins_word =
        jieba.has_word(&rest[offset..offset + c.len_utf8() + next.len_utf8()]) && !known_name;
    if titles::stops_a_name(next) {
        return begins_word;
    }
    // 吴兆平四川省: what follows is a word, not the rest of another name.
    let starts_with_word = after
        .char_indices()
        .skip(1)
        .take(2)
        .any(|(i, c)| jieba.has_word(&after[..i + c.len_utf8()]));
    let begins_name = shape::starts_another_name(&rest[offset..]) && !starts_with_word;
    begins_word || begins_name
}

/// Characters that end an adverb before a verb, not a name (`高兴地说`,
/// `鲁宾还说`).
pub(super) const ADVERB_ENDINGS: &str = "地得还也又都就曾便则却仍已才再";

/// A name that ends at `end`: three characters if they start with a surname
/// and the character before them does not, else two. After a form of address
/// only people take (`person_cue`), a name the dictionary knows is one.
pub(super) fn name_ending_at(text: &str, end: usize, person_cue: bool) -> Option<Range<usize>> {
    let jieba = crate::tokens::segmenter();
    let before: Vec<(usize, char)> = text[..end].char_indices().rev().take(4).collect();
    let han_run = before.iter().take_while(|&&(_, c)| is_han(c)).count();
    for length in [3, 2] {
        if han_run < length {
            continue;
        }
        let start = before[length - 1].0;
        let candidate = &text[start..end];
        if surnames::surname_len(candidate).is_none() {
            continue;
        }
        // 同李鹏总理: 同 is a word of its own, not a surname; 主席颜雄: 席
        // ends a word.
        let first = candidate.chars().next().unwrap_or_default();
        if length == 3
            && (titles::stops_a_name(first)
                || ends_a_longer_word(text, start, start + first.len_utf8()))
        {
            continue;
        }
        // 高兴地说, 鲁宾还说: the word before the verb is an adverb.
        let last = candidate.chars().next_back().unwrap_or_default();
        if ADVERB_ENDINGS.contains(last) {
            continue;
        }
        // 许多人认为: a surname and the next character that make a common
        // word are that word, unless the three are very likely a name.
        let first_two_end = start + candidate.chars().take(2).map(char::len_utf8).sum::<usize>();
        // 应国家主席: so do the last two.
        let given_start = start + first.len_utf8();
        let starts_with_word = length == 3
            && (is_common_word(&text[start..first_two_end])
                || is_common_word(&text[given_start..end]))
            && shape::name_score(candidate).is_none_or(|score| score < shape::THRESHOLD);
        // 陆定一同志, 陶铸同志: names the dictionary knows.
        let known_name =
            (length == 3 || person_cue) && jieba.has_word(candidate) && !is_common_word(candidate);
        let unlikely =
            !known_name && (is_word_unless_posted(candidate) || !shape::plausible(candidate));
        if starts_with_word
            || unlikely
            || titles::is_country(candidate)
            || ends_a_longer_word(text, start, end)
        {
            continue;
        }
        return Some(start..end);
    }
    None
}

/// Whether the candidate and the text just after it make a word: 阿尔 in
/// 阿尔法, 马克思 in 马克思主义.
pub(super) fn begins_a_longer_word(text: &str, name: Range<usize>) -> bool {
    let jieba = crate::tokens::segmenter();
    text[name.end..]
        .char_indices()
        .take(2)
        .take_while(|&(_, c)| is_han(c))
        .any(|(offset, c)| jieba.has_word(&text[name.start..name.end + offset + c.len_utf8()]))
}

/// Whether a name cuts a word of its context at an edge its cue left open:
/// a name before a form of address or a verb of saying, or found by its
/// shape, whose first character ends a word with the one before it
/// (主|席同总统先生, 方|向党主席); a name after a post, or by its shape, that
/// begins a longer word (高瞻远|瞩, 马克|思主义). A name the dictionary
/// knows as a whole (习近平 of 会见习近平) cuts nothing.
pub(super) fn cuts_a_word(text: &str, hit: &NameHit) -> bool {
    let name = hit.range.clone();
    let jieba = crate::tokens::segmenter();
    let start_open = matches!(
        hit.evidence,
        Evidence::Address | Evidence::Speech | Evidence::Shape
    );
    let end_open = matches!(hit.evidence, Evidence::Post | Evidence::Shape);
    let cuts_before = start_open
        && text[..name.start]
            .chars()
            .next_back()
            .filter(|&c| is_han(c))
            .is_some_and(|before| {
                let first = text[name.start..].chars().next().map_or(0, char::len_utf8);
                jieba.has_word(&text[name.start - before.len_utf8()..name.start + first])
            });
    let cuts_after = end_open && begins_a_longer_word(text, name.clone());
    (cuts_before || cuts_after) && !jieba.has_word(&text[name])
}

/// Whether the text just before `start` and the candidate make a word
/// together: 罗斯 in 俄罗斯, 陶宛 in 立陶宛.
pub(super) fn ends_a_longer_word(text: &str, start: usize, end: usize) -> bool {
    let before: Vec<(usize, char)> = text[..start].char_indices().rev().take(2).collect();
    let jieba = crate::tokens::segmenter();
    before
        .iter()
        .take_while(|&&(_, c)| is_han(c))
        .any(|&(offset, _)| jieba.has_word(&text[offset..end]))
}

/// Name characters: Han and the middle dot of transliterated names.
pub(super) fn is_name_char(c: char) -> bool {
    is_han(c) || c == '·'
}

/// The start of the run of at most `most` characters of `kind` ending at
/// `end`.
pub(super) fn run_start(text: &str, end: usize, most: usize, kind: fn(char) -> bool) -> usize {
    text[..end]
        .char_indices()
        .rev()
        .take(most)
        .take_while(|&(_, c)| kind(c))
        .last()
        .map_or(end, |(i, _)| i)
}

/// The end of the run of at most `most` characters of `kind` starting at
/// `start`.
pub(super) fn run_end(text: &str, start: usize, most: usize, kind: fn(char) -> bool) -> usize {
    text[start..]
        .char_indices()
        .take(most)
        .take_while(|&(_, c)| kind(c))
        .last()
        .map_or(start, |(i, c)| start + i + c.len_utf8())
}

/// Whether a short name ending at `end` is followed by what does not
/// continue it: punctuation, a character that stops a name, an adverb, or a
/// word (小许利用), not the rest of a longer name (小王磊（).
pub(super) fn ends_where_words_begin(text: &str, end: usize) -> bool {
    let jieba = crate::tokens::segmenter();
    match text[end..].chars().next() {
        Some(next) if is_han(next) => {
            titles::stops_a_name(next)
                || ADVERB_ENDINGS.contains(next)
                || text[end..]
                    .char_indices()
                    .skip(1)
                    .take(3)
                    .any(|(offset, c)| jieba.has_word(&text[end..end + offset + c.len_utf8()]))
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use crate::names::tests::vouched;

    #[test]
    fn a_name_does_not_run_into_the_next_word_or_name() {
        assert_eq!(vouched("县委书记孙录帮助困难学生。"), ["孙录"]);
        assert_eq!(vouched("美国总统克林顿本月访问。"), ["克林顿"]);
        assert_eq!(vouched("埃及外长穆萨批评了这一做法。"), ["穆萨"]);
    }

    #[test]
    fn two_character_words_are_no_names_without_a_post() {
        // The dictionary tags 贺词, 白宫 and 荣誉 as names.
        assert!(vouched("。贺词说，两国友谊长存。白宫透露，总统将出访。").is_empty());
        assert!(vouched("获得“模范集体”荣誉称号。").is_empty());
        assert_eq!(vouched("国务院总理李鹏说"), ["李鹏"]);
    }
}
