//! Finding names already known (vouched for elsewhere in the edition, or
//! registered) wherever they appear again.
//!
//! An index by each name's first two characters rather than a general
//! automaton: an edition knows thousands of names, nearly all starting with
//! one of a few hundred surnames, and a lookup where two characters may
//! start one (a bit in a filter of pairs says so for nearly every pair that
//! does not) is several times cheaper than running an automaton of
//! thousands of patterns over every byte.

use super::words::{ends_a_longer_word, ends_where_words_begin};
use super::{Evidence, NameHit, surnames, titles};
use crate::chars::{CharSet, is_han};
use std::collections::HashSet;

type PairMap<V> = crate::chars::FastMap<(char, char), V>;

pub struct KnownNames {
    /// Names of two or more characters by their first two, longest first.
    by_start: PairMap<Vec<Box<str>>>,
    /// Names of one character.
    single: CharSet,
    /// The first two characters of every longer name, hashed: a text's
    /// pairs of characters are nearly all absent, at the cost of one load.
    pairs: PairFilter,
    is_empty: bool,
}

impl KnownNames {
    pub fn new(names: &HashSet<String>) -> KnownNames {
        let mut known = KnownNames {
            by_start: PairMap::default(),
            single: CharSet::new([]),
            pairs: PairFilter::default(),
            is_empty: names.is_empty(),
        };
        for name in names {
            let mut chars = name.chars();
            let Some(first) = chars.next() else { continue };
            match chars.next() {
                Some(second) => {
                    known.pairs.insert(first, second);
                    known
                        .by_start
                        .entry((first, second))
                        .or_default()
                        .push(name.as_str().into());
                }
                None => known.single.insert(first),
            }
        }
        // Longest first, so 张群环 wins over a known 张群 at the same place.
        for names in known.by_start.values_mut() {
            names.sort_by_key(|name| std::cmp::Reverse(name.len()));
        }
        known
    }

    /// The length of the longest known name at `at`, whose first two
    /// characters are `first` and `second`.
    fn longest_at(
        &self,
        text: &str,
        at: usize,
        first: char,
        second: Option<char>,
    ) -> Option<usize> {
        let rest = &text[at..];
        let longer = second
            .and_then(|second| self.by_start.get(&(first, second)))
            .and_then(|names| {
                names
                    .iter()
                    .find(|name| rest.starts_with(name.as_ref() as &str))
            })
            .map(|name| name.len());
        longer.or_else(|| self.single.contains(first).then_some(first.len_utf8()))
    }

    /// Whether a name of two or more characters that `already` does not hold
    /// appears anywhere in `text`, as characters (whether or not it stands
    /// as a name there): one pass over the text instead of a search per
    /// name.
    pub fn any_in(&self, text: &str, already: impl Fn(&str) -> bool) -> bool {
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let Some(&(_, second)) = chars.peek() else {
                break;
            };
            if !self.pairs.may_contain(c, second) {
                continue;
            }
            let rest = &text[at..];
            let names = self.by_start.get(&(c, second)).into_iter().flatten();
            if names
                .filter(|name| rest.starts_with(name.as_ref() as &str))
                .any(|name| !already(name))
            {
                return true;
            }
        }
        false
    }

    /// Appearances of known names, leftmost and then longest first, without
    /// overlaps; unless part of a longer word there (金政 in 黄金政策).
    pub fn find(&self, text: &str) -> Vec<NameHit> {
        let mut hits = Vec::new();
        if self.is_empty {
            return hits;
        }
        let mut chars = text.char_indices().peekable();
        // Where the last known name read ends: no name overlaps it.
        let mut resume = 0;
        let mut last_end = None;
        while let Some((at, c)) = chars.next() {
            if at < resume {
                continue;
            }
            let second = chars.peek().map(|&(_, second)| second);
            let may_start = second.is_some_and(|second| self.pairs.may_contain(c, second))
                || self.single.contains(c);
            if !may_start {
                continue;
            }
            let Some(length) = self.longest_at(text, at, c, second) else {
                continue;
            };
            // 尉健行李岚清: in a run of names, the name before is no word
            // the next one ends.
            let after_name = last_end == Some(at);
            if stands_alone(text, at, at + length, after_name) {
                last_end = Some(at + length);
                hits.push(NameHit {
                    range: at..at + length,
                    titles: Vec::new(),
                    evidence: Evidence::Known,
                });
            }
            resume = at + length;
        }
        hits
    }
}

/// A set of pairs of characters that may say "maybe" for a pair not in it,
/// never "no" for one in it: a bit per hash of a pair, 262,144 bits.
struct PairFilter {
    bits: Vec<u64>,
}

impl Default for PairFilter {
    fn default() -> PairFilter {
        PairFilter {
            bits: vec![0; PairFilter::BITS / 64],
        }
    }
}

impl PairFilter {
    const BITS: usize = 1 << 18;

    fn bit(first: char, second: char) -> usize {
        let mixed =
            (u64::from(first) << 32 | u64::from(second)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> 46) as usize
    }

    fn insert(&mut self, first: char, second: char) {
        let bit = PairFilter::bit(first, second);
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    fn may_contain(&self, first: char, second: char) -> bool {
        let bit = PairFilter::bit(first, second);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// Whether a known name at `start..end` is not part of a word around it:
/// every probe is a slice of the text around the name, its edge characters
/// with their neighbours. A name of three characters may end where a word
/// begins (毛泽东部署): only a shorter one is read into the next word
/// (黄金政策).
fn stands_alone(text: &str, start: usize, end: usize, after_name: bool) -> bool {
    let jieba = crate::tokens::segmenter();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first_len = text[start..].chars().next().map_or(0, char::len_utf8);
    let last_len = text[..end].chars().next_back().map_or(0, char::len_utf8);
    let short = text[start..end].chars().count() <= 2;
    let joins_before = !after_name
        && (before.is_some_and(|b| {
            is_han(b) && jieba.has_word(&text[start - b.len_utf8()..start + first_len])
        }) || ends_a_longer_word(text, start, end));
    let joins_after = after.is_some_and(|a| {
        short
            && is_han(a)
            && !titles::stops_a_name(a)
            && jieba.has_word(&text[end - last_len..end + a.len_utf8()])
    });
    // 邓小平理论: the name begins a longer word.
    let mut following = text[end..]
        .char_indices()
        .map(|(i, c)| end + i + c.len_utf8());
    // 马克 of 马克思: one character after it is enough.
    let begins_word = following
        .by_ref()
        .take(2)
        .any(|after| jieba.has_word(&text[start..after]));
    // 周小燕, 小王磊: a familiar name inside a full one.
    let familiar = text[start..].starts_with(['老', '小']) && text[start..end].chars().count() == 2;
    let inside_a_name = familiar
        && (before.is_some_and(surnames::is_single_surname) || !ends_where_words_begin(text, end));
    !joins_before
        && !joins_after
        && !begins_word
        && !inside_a_name
        && !super::gazetteer::is_no_person_at(text, start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(names: &[&str], text: &str) -> Vec<String> {
        let names: HashSet<String> = names.iter().map(|n| n.to_string()).collect();
        KnownNames::new(&names)
            .find(text)
            .into_iter()
            .map(|hit| text[hit.range].to_owned())
            .collect()
    }

    #[test]
    fn the_longest_name_at_a_place_wins() {
        assert_eq!(
            found(&["张群", "张群环"], "市长张群环说，张群来了"),
            ["张群环", "张群"]
        );
    }

    #[test]
    fn a_name_inside_a_word_is_not_one() {
        assert_eq!(found(&["金政"], "黄金政策与金政"), ["金政"]);
        assert!(found(&["邓小平"], "邓小平理论").is_empty());
    }

    #[test]
    fn names_of_one_character_and_beyond_the_basic_plane() {
        assert_eq!(found(&["𠮷", "江"], "𠮷，江。"), ["𠮷", "江"]);
        assert!(found(&[], "张群环").is_empty());
    }
}
