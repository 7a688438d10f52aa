//! Names by their shape alone: a surname and two characters far likelier in a
//! given name than in running text (王国栋, 胡忠友), where nothing in the
//! sentence vouches for a name.
//!
//! How likely each character is in a given name comes from jieba's
//! dictionary (`given_names.rs`, generated). Shape is weak evidence, so a
//! candidate must also stand as a word of its own: not the end of a word
//! before it, not the start of a word after it, not a place (王家坝, 刘庄村)
//! and not a transliteration (马兰奇).

use super::given_names::{GIVEN_WEIGHTS, SURNAME_WEIGHTS};
use super::words::{begins_a_longer_word, is_common_word};
use super::{Evidence, Found, NameHit, titles};
use crate::chars::is_han;
use std::sync::LazyLock;

/// The least total weight of surname and given-name characters (natural-log
/// ratios ×100) for a name by shape. Measured on the People's Daily corpus
/// (`scripts/name-accuracy`): about 9 in 10 names found by shape alone are
/// right at this threshold.
pub const THRESHOLD: i32 = -450;

/// The least weight of a name by shape whose given name is a word
/// (刘光亮, 高兴海).
const LIKELY_DESPITE_WORD: i32 = -320;

/// Surnames that are far more often a preposition at the head of a phrase
/// (向有关部门).
const NOT_BY_SHAPE: &str = "向";

/// Characters that end place names (王家坝, 李家沟).
const PLACE_ENDINGS: &str = "村庄镇乡县沟坝寨屯堡坪湾峪店集营铺";
/// Characters that follow place names (刘庄村, 杨宋镇).
const PLACE_SUFFIXES: &str = "村庄镇乡县沟坝寨屯堡省市区州路街寺";

const FIRST_HAN: u32 = 0x4E00;
const HAN_COUNT: usize = 0x9FFF - 0x4E00 + 1;
const ABSENT: i16 = i16::MIN;

/// The generated weights, indexed by code point for a scan of every character.
struct Weights {
    surname: Vec<i16>,
    second: Vec<i16>,
    third: Vec<i16>,
}

static WEIGHTS: LazyLock<Weights> = LazyLock::new(|| {
    let mut weights = Weights {
        surname: vec![ABSENT; HAN_COUNT],
        second: vec![ABSENT; HAN_COUNT],
        third: vec![ABSENT; HAN_COUNT],
    };
    for &(c, weight) in SURNAME_WEIGHTS {
        if !NOT_BY_SHAPE.contains(c)
            && let Some(index) = index(c)
        {
            weights.surname[index] = weight;
        }
    }
    for &(c, second, third) in GIVEN_WEIGHTS {
        if let Some(index) = index(c) {
            weights.second[index] = second;
            weights.third[index] = third;
        }
    }
    weights
});

fn index(c: char) -> Option<usize> {
    let index = (c as u32).checked_sub(FIRST_HAN)? as usize;
    (index < HAN_COUNT).then_some(index)
}

fn weight(table: &[i16], c: char) -> Option<i32> {
    let weight = table[index(c)?];
    (weight != ABSENT).then_some(i32::from(weight))
}

/// How name-like three characters are, if each can stand where it is.
fn score(surname: char, second: char, third: char) -> Option<i32> {
    let weights = &*WEIGHTS;
    Some(
        weight(&weights.surname, surname)?
            + weight(&weights.second, second)?
            + weight(&weights.third, third)?,
    )
}

/// How name-like a name of two or three characters with a single-character
/// surname is, characters never seen in names weighing as rare ones; none
/// for other lengths or without a surname.
pub fn name_score(name: &str) -> Option<i32> {
    let weights = &*WEIGHTS;
    let mut chars = name.chars();
    let surname = chars.next()?;
    let surname_weight = weight(&weights.surname, surname)
        .or_else(|| super::surnames::listed_surname_len(name).map(|_| UNSEEN))?;
    let given: Vec<char> = chars.collect();
    Some(surname_weight + given_weight(&given)?)
}

/// How likely one or two characters are as a given name, characters never
/// seen in names weighing as rare ones; none for other lengths.
fn given_weight(given: &[char]) -> Option<i32> {
    let weights = &*WEIGHTS;
    match given {
        [only] => {
            let best = weight(&weights.second, *only).max(weight(&weights.third, *only));
            Some(best.unwrap_or(UNSEEN))
        }
        [second, third] => Some(
            weight(&weights.second, *second).unwrap_or(UNSEEN)
                + weight(&weights.third, *third).unwrap_or(UNSEEN),
        ),
        _ => None,
    }
}

/// Three-character names found by their shape in `text`.
pub fn shaped_names(text: &str, found: &mut Found) {
    let weights = &*WEIGHTS;
    // The last three characters read, oldest first: a candidate ends at the
    // newest.
    let mut window: [(usize, char); 3] = [(0, '\0'); 3];
    for (count, (offset, c)) in text.char_indices().enumerate() {
        window = [window[1], window[2], (offset, c)];
        if count < 2 {
            continue;
        }
        let [(start, surname), (_, second), (third_at, third)] = window;
        // Most characters are no surname: one table lookup, and on.
        let Some(surname_weight) = weight(&weights.surname, surname) else {
            continue;
        };
        let total = weight(&weights.second, second)
            .zip(weight(&weights.third, third))
            .map(|(a, b)| surname_weight + a + b);
        if total.is_none_or(|t| t < THRESHOLD) {
            continue;
        }
        let end = third_at + third.len_utf8();
        if stands_alone(text, start, [surname, second, third], third_at, end)
            && stands_as_word(text, start, end)
            && !starts_another_name(&text[third_at..])
        {
            found.names.push(NameHit {
                range: start..end,
                titles: Vec::new(),
                evidence: Evidence::Shape,
            });
        }
    }
}

/// What the characters around a candidate say without the dictionary.
fn stands_alone(
    text: &str,
    start: usize,
    candidate: [char; 3],
    third_at: usize,
    end: usize,
) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let third = candidate[2];
    let numeral_before = before.is_some_and(|c| c.is_numeric() || "．.".contains(c));
    let foreign = before == Some('·')
        || after == Some('·')
        || candidate.iter().all(|&c| titles::is_transliteration(c));
    let place = PLACE_ENDINGS.contains(third) || after.is_some_and(|c| PLACE_SUFFIXES.contains(c));
    let runs_on = titles::stops_a_name(third) || titles::starts_with_follower(&text[third_at..]);
    !numeral_before && !foreign && !place && !runs_on
}

/// Whether the dictionary lets `text[start..end]` be a word of its own: it is
/// no other word, its last two characters are not one, and it neither ends a
/// word begun before it nor begins one that runs on after it.
fn stands_as_word(text: &str, start: usize, end: usize) -> bool {
    let jieba = crate::tokens::segmenter();
    let candidate = &text[start..end];
    let second = start + candidate.chars().next().map_or(0, char::len_utf8);
    let third = second
        + candidate[second - start..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
    let given = &text[second..end];
    let likely = name_score(candidate).is_some_and(|score| score >= LIKELY_DESPITE_WORD);
    // 孙先生, 刘大爷: a surname and a form of address.
    if titles::is_address(given) {
        return false;
    }
    // 刘光亮, 许广平: a given name may be a word, if the name is very likely;
    // 陆海新通道, 高铁网, 金额超: so may a surname and the next character
    // (陆海, 高铁, 金额) that are a common word.
    let head = &text[start..third];
    if (jieba.has_word(given) || is_common_word(head)) && !likely {
        return false;
    }
    let before = text[..start].chars().next_back().filter(|&c| is_han(c));
    if let Some(b) = before {
        let from = start - b.len_utf8();
        if [second, third, end]
            .iter()
            .any(|&to| jieba.has_word(&text[from..to]))
        {
            return false;
        }
    }
    // 刘淇全面: the last character begins a word with what follows; 马克思主义:
    // the whole does.
    if begins_a_longer_word(text, third..end) || begins_a_longer_word(text, start..end) {
        return false;
    }
    // Last, as telling a dictionary word's kind costs a segmentation:
    // 李鹏笑着 is a two-character name known to the dictionary, then a verb.
    let head_is_a_name = jieba.has_word(head) && !is_common_word(head);
    // 白皮书, 高海拔: a word of the dictionary, whatever it tags it, is no
    // name by its shape alone, unless it is very likely one.
    !is_common_word(candidate) && !head_is_a_name && (likely || !jieba.has_word(candidate))
}

/// 李鹏朱镕基, 王萍王雷鸣: the third character is the surname of a name that
/// follows, not part of this one.
pub(super) fn starts_another_name(from_third: &str) -> bool {
    let mut chars = from_third.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(surname), Some(second), Some(third)) => {
            score(surname, second, third).is_some_and(|s| s >= THRESHOLD)
        }
        _ => false,
    }
}

/// The least weight of given-name characters for a name that context
/// vouches for: two given characters, and one (natural-log ratios ×100).
const PLAUSIBLE_TWO: i32 = -200;
const PLAUSIBLE_ONE: i32 = -300;
/// The weight of a character never seen in a given name: rare, not impossible
/// (卢轶).
const UNSEEN: i32 = -300;

/// Whether a name that its context vouches for could be a Chinese name by
/// its given-name characters (not its surname: context already says it is a
/// name): 习近平 and 卢轶 could, 白了 and 郑重地 could not.
pub fn plausible(name: &str) -> bool {
    if super::surnames::surname_len(name) == Some(2) {
        return true;
    }
    let given: Vec<char> = name.chars().skip(1).collect();
    match (given.len(), given_weight(&given)) {
        (1, Some(weight)) => weight >= PLAUSIBLE_ONE,
        (_, Some(weight)) => weight >= PLAUSIBLE_TWO,
        (_, None) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaped(text: &str) -> Vec<&str> {
        Found::names_in(text, shaped_names)
    }

    #[test]
    fn a_name_with_no_cue_is_found_by_its_shape() {
        assert_eq!(
            shaped("但对于家境贫寒的王国栋来说，却是他外出打工"),
            ["王国栋"]
        );
        assert_eq!(
            shaped("记刘志祥与他的扶贫户胡忠友的一段动人故事"),
            ["刘志祥", "胡忠友"]
        );
    }

    #[test]
    fn places_foreign_names_and_words_are_not_names_by_shape() {
        // A place, a place before its suffix, a transliteration, a word that
        // runs on (马克思主义), a name followed by another without a break.
        for text in [
            "发现王家坝紧靠淮河",
            "赵庄镇金刘寨村的村头",
            "萨马兰奇将于本月来",
            "永葆马克思主义的青春",
            "李鹏朱镕基胡锦涛等参加",
            "向有关部门送交",
        ] {
            assert!(
                !shaped(text).iter().any(|n| [
                    "王家坝",
                    "赵庄镇",
                    "马兰奇",
                    "马克思",
                    "李鹏朱",
                    "向有关"
                ]
                .contains(n)),
                "{text}: {:?}",
                shaped(text)
            );
        }
    }

    #[test]
    fn plausible_names_have_given_name_characters() {
        for name in ["习近平", "卢轶", "张群环", "金政", "陈晓苏"] {
            assert!(plausible(name), "{name}");
        }
        // 白了少年头, 万元的, 向记者透露, 郑重地接过.
        for name in ["白了", "万元的", "向记者", "郑重地"] {
            assert!(!plausible(name), "{name}");
        }
    }
}
