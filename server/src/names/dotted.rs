//! Names joined by `·` (`罗宾·库克`, `川·立派`), bounded by the segmenter's
//! words (`印度前总理|拉吉夫·甘地|的遗孀`); the same pass over the text finds
//! familiar names (`familiar.rs`).

use super::familiar::{elder_at, familiar_at};
use super::words::{ADVERB_ENDINGS, is_word_other_than, run_end, run_start};
use super::{BEFORE_NAME, Evidence, Found, NameHit, titles};
use crate::chars::is_han;
use std::ops::Range;

/// Names joined by `·` (`罗宾·库克`, `拉吉夫·甘地`, `川·立派`), wherever
/// they stand: the dot joins the parts of foreign and minority names, and
/// it bounds them inside; outside, the first part starts and the last ends
/// where the dictionary's words stop being parts of a name (`印度前总理|
/// 拉吉夫·甘地|的遗孀`). And familiar names, by 老 and 小 (`老张`, `小许`,
/// `侯老`). One pass over the characters finds the three marks: cheaper than
/// a search for each, or an automaton, over Chinese text, whose characters
/// share their bytes.
pub(super) fn marked_names(text: &str, found: &mut Found) {
    let mut dotted_end = 0;
    for (at, mark) in text.char_indices() {
        let end = at + mark.len_utf8();
        let (names, evidence) = match mark {
            '·' if at < dotted_end => continue,
            '·' => {
                let name = dotted_name(text, at);
                dotted_end = name.as_ref().map_or(dotted_end, |name| name.end);
                ([name, None], Evidence::Shape)
            }
            '老' => (
                [familiar_at(text, at, end), elder_at(text, at)],
                Evidence::Address,
            ),
            '小' => ([familiar_at(text, at, end), None], Evidence::Address),
            _ => continue,
        };
        for range in names.into_iter().flatten() {
            found.names.push(NameHit {
                range,
                titles: Vec::new(),
                evidence,
            });
        }
    }
}

/// The dotted name whose first dot is at `dot`.
pub(super) fn dotted_name(text: &str, dot: usize) -> Option<Range<usize>> {
    let start = dot - first_part_len(text, dot)?;
    // Inner parts are bounded by dots on both sides.
    let mut last_dot = dot;
    loop {
        let part_start = last_dot + '·'.len_utf8();
        let part_end = run_end(text, part_start, MOST_NAME_PARTS + 1, is_han);
        let part = &text[part_start..part_end];
        match text[part_end..].chars().next() {
            // 罗莎·卢森堡和卡尔·李卜克内西: two names, not one.
            Some('·') if !part.is_empty() && !part.chars().any(titles::stops_a_name) => {
                last_dot = part_end;
            }
            _ => break,
        }
    }
    let last_start = last_dot + '·'.len_utf8();
    let name = start..last_start + last_part_len(text, last_start)?;
    let parts: Vec<&str> = text[name.clone()].split('·').collect();
    // 北京·上海, 一二·九, 戏曲·歌曲, 《实践论·笔记》, 清·龚自珍: places,
    // numbers, words, a title's parts and a dynasty before a name.
    let places = parts.iter().all(|part| {
        titles::is_country(part)
            || crate::tokens::segmenter().has_word(part) && !is_word_other_than(part, &["ns"])
    });
    let numbers = parts
        .iter()
        .any(|part| part.chars().all(|c| "〇一二三四五六七八九十".contains(c)));
    // 信心·权威, 大会·上海: words, whatever the dictionary tags them, that
    // no transliteration makes up.
    let words = parts.iter().all(|part| {
        part.chars().nth(1).is_some()
            && !is_transliterated(part)
            && crate::tokens::segmenter().has_word(part)
    });
    let in_title = text[..name.start].rfind('《') > text[..name.start].rfind('》')
        && !parts.iter().all(|part| is_transliterated(part));
    let dynasty = matches!(parts[0], "汉" | "晋" | "唐" | "宋" | "元" | "明" | "清");
    // 马可·波罗奖, 沃尔特·里德陆军研究所: named after a person, not one.
    let named_after = NAMED_AFTER
        .iter()
        .any(|kind| text[name.end..].starts_with(kind) || text[name.clone()].ends_with(kind));
    (!(places || numbers || words || in_title || dynasty || named_after)).then_some(name)
}

/// What is named after a person: a dotted name before them is not one.
const NAMED_AFTER: &[&str] = &[
    "奖",
    "公司",
    "大学",
    "学院",
    "研究所",
    "陆军",
    "基金会",
    "广告",
    "集团",
    "医院",
    "中心",
    "俱乐部",
    "民族解放",
    "角",
];

/// The length of the part of a dotted name before its first dot, at `dot`:
/// the word next to the dot, then transliterations (由荷兰人|林彻·里茨玛),
/// and characters that are words of their own up to a post (曼谷市长|披集·
/// 拉达军).
fn first_part_len(text: &str, dot: usize) -> Option<usize> {
    let before = &text[run_start(text, dot, MOST_NAME_PARTS + 4, is_han)..dot];
    let mut length = 0;
    let mut singles = 0;
    for (index, word) in name_parts(before).rev().enumerate() {
        if singles == 0 && (index == 0 && is_name_part(word) || is_transliterated(word)) {
            length += word.len();
        } else if single_char(word).is_some() && is_name_part(word) {
            singles += word.len();
        } else {
            break;
        }
    }
    if singles > 0 && ends_with_post(&text[..dot - length - singles]) {
        length += singles;
    }
    part_len(length)
}

/// The length of the part of a dotted name after its last dot, at `start`:
/// the word next to the dot, then transliterations and characters that are
/// words of their own (阿布·马赞, 瓦扬·古久里|取得, 西哈努克|王后), but not
/// the start of what the person does (洛林·马泽尔|用汉语).
fn last_part_len(text: &str, start: usize) -> Option<usize> {
    let after = &text[start..run_end(text, start, MOST_NAME_PARTS + 4, is_han)];
    let mut length = 0;
    for (index, word) in name_parts(after).enumerate() {
        if NAMED_AFTER.contains(&word) {
            break;
        }
        let part = if index == 0 {
            is_name_part(word)
        } else if let Some(c) = single_char(word) {
            is_name_part(word) && !ADVERB_ENDINGS.contains(c) && !VERBS_AFTER_NAMES.contains(c)
        } else {
            is_transliterated(word)
        };
        if !part {
            break;
        }
        length += word.len();
    }
    part_len(length)
}

/// Characters that, as words of their own, begin what a person does rather
/// than end their name (马泽尔用汉语, 索罗斯成了, 哈西娜所希望).
const VERBS_AFTER_NAMES: &str = "用开成所均来获后";

/// Whether `text` ends with a post a foreign name may follow.
fn ends_with_post(text: &str) -> bool {
    BEFORE_NAME
        .iter()
        .chain(titles::FOREIGN_POSTS)
        .any(|post| post.chars().nth(1).is_some() && text.ends_with(post))
}

/// The dictionary's words of `run`, as the segmenter cuts it without
/// guessing at unknown words (which stay single characters).
fn name_parts(run: &str) -> impl DoubleEndedIterator<Item = &str> {
    crate::tokens::words(run).into_iter().map(|word| &run[word])
}

/// Whether a word next to a dot may be part of the name: any word (罗莎·
/// 卢森堡) but a character that stops a name (和 of 国王和诺罗敦).
fn is_name_part(word: &str) -> bool {
    match single_char(word) {
        Some(c) => !titles::stops_a_name(c),
        None => !word.is_empty(),
    }
}

/// The character a word of one character is.
fn single_char(word: &str) -> Option<char> {
    let mut chars = word.chars();
    chars.next().filter(|_| chars.next().is_none())
}

/// A part's length in bytes, if it is no longer than a part may be (Han
/// characters take three bytes each).
fn part_len(length: usize) -> Option<usize> {
    (1..=MOST_NAME_PARTS * 3)
        .contains(&length)
        .then_some(length)
}

/// Whether a word is written in transliteration characters only.
fn is_transliterated(word: &str) -> bool {
    word.chars().all(titles::is_transliteration) && !titles::is_country(word)
}

/// The most characters of one part of a dotted name.
pub(super) const MOST_NAME_PARTS: usize = 6;

#[cfg(test)]
mod tests {
    use crate::names::tests::vouched;

    #[test]
    fn dotted_names_end_where_words_stop_being_parts_of_a_name() {
        assert_eq!(vouched("泰国总理川·立派１日晚在电视台讲话"), ["川·立派"]);
        assert_eq!(
            vouched("印度前总理拉吉夫·甘地的遗孀索尼亚·甘地最近决定"),
            ["拉吉夫·甘地", "索尼亚·甘地"]
        );
        assert_eq!(
            vouched("打破了由荷兰人林彻·里茨玛保持的纪录"),
            ["林彻·里茨玛"]
        );
        assert_eq!(
            vouched("曼谷市长披集·拉达军拿出４６０美元"),
            ["披集·拉达军"]
        );
        assert_eq!(vouched("指挥家洛林·马泽尔用汉语致意"), ["洛林·马泽尔"]);
        assert_eq!(
            vouched("纪念领袖罗莎·卢森堡和卡尔·李卜克内西遇害７９周年"),
            ["罗莎·卢森堡", "卡尔·李卜克内西"]
        );
        // Titles, prizes, words and dates joined by a dot are no names.
        assert!(vouched("发表的《读实践论·笔记》一文").is_empty());
        assert!(vouched("祝贺他获马可·波罗奖。").is_empty());
        assert!(vouched("自主·自立·自强").is_empty());
        assert!(vouched("纪念“一二·九”运动").is_empty());
    }
}
