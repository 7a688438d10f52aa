//! Familiar names: 老 or 小 and a surname (`老张`, `小许`), and a surname and
//! 老 for an elder held in respect (`侯老`).

use super::words::{begins_a_longer_word, ends_where_words_begin};
use super::{surnames, titles};
use crate::chars::is_han;
use std::ops::Range;

/// A familiar name, 老 or 小 at `at` and a surname (`老张说`,
/// `小许利用业余时间`): not where 老 or 小 ends a word (古老, 大小), the two
/// are a word other than a familiar name (老师, 小康), the surname begins
/// one (老黄牛, 小金刚), nor where the text goes on as a given name
/// (小王磊).
pub(super) fn familiar_at(text: &str, at: usize, prefix_end: usize) -> Option<Range<usize>> {
    let jieba = crate::tokens::segmenter();
    let surname = text[prefix_end..].chars().next()?;
    if !surnames::is_single_surname(surname) || titles::stops_a_name(surname) {
        return None;
    }
    let end = prefix_end + surname.len_utf8();
    let prefix_ends_word = text[..at].chars().next_back().is_some_and(|before| {
        is_han(before) && jieba.has_word(&text[at - before.len_utf8()..prefix_end])
    });
    let surname_begins_word = text[end..].chars().next().is_some_and(|next| {
        is_han(next) && jieba.has_word(&text[prefix_end..end + next.len_utf8()])
    });
    let familiar = !prefix_ends_word
        && !surname_begins_word
        && !NOT_FAMILIAR.contains(&&text[at..end])
        && !begins_a_longer_word(text, at..end)
        && ends_where_words_begin(text, end);
    familiar.then_some(at..end)
}

/// A surname and 老 at `at`, for an elder held in respect (`侯老`, `许老`):
/// not after a word or a surname (周侯老), nor a word itself (元老).
pub(super) fn elder_at(text: &str, at: usize) -> Option<Range<usize>> {
    let jieba = crate::tokens::segmenter();
    let surname = text[..at].chars().next_back()?;
    let start = at - surname.len_utf8();
    let end = at + '老'.len_utf8();
    let after_word = text[..start].chars().next_back().is_some_and(|before| {
        is_han(before)
            && (surnames::is_single_surname(before)
                || jieba.has_word(&text[start - before.len_utf8()..at]))
    });
    let elder = surnames::is_single_surname(surname)
        && !titles::stops_a_name(surname)
        && !after_word
        && !jieba.has_word(&text[start..end])
        && !begins_a_longer_word(text, at..end)
        && ends_where_words_begin(text, end);
    elder.then_some(start..end)
}

/// Words of 老 or 小 and a surname that are no familiar names.
const NOT_FAMILIAR: &[&str] = &[
    "小龙", "小麦", "小康", "小孔", "小米", "小牛", "老母", "小车", "小包", "小费", "小叶", "小曲",
    "小鹿", "老练", "小钱", "老牛", "小毛", "小房", "小商", "小宗", "小项", "老帅", "小熊", "小井",
    "小解", "老井", "小池", "小权", "老房", "老景", "小谷", "小范", "小段", "小方", "小苗", "老汤",
    "小金", "老金", "老赖", "小汤", "小石", "小乐", "小宫", "老包", "老庄", "老高", "老翁", "小童",
    "小景", "小白", "小农", "小党", "老党", "小单", "老边", "老关", "老路", "老农", "小卫", "小高",
];

#[cfg(test)]
mod tests {
    use crate::names::tests::vouched;

    #[test]
    fn familiar_names() {
        assert_eq!(vouched("不过，老张仍很乐观。"), ["老张"]);
        assert_eq!(vouched("小许利用业余时间走遍了辖区"), ["小许"]);
        assert_eq!(vouched("其实呢，侯老是地道的业余"), ["侯老"]);
        // Words, and familiar forms inside them, are not.
        assert!(vouched("推动了农村小康建设").is_empty());
        assert!(vouched("非洲古老王国之一").is_empty());
        assert!(vouched("说他是负重爬坡的老黄牛").is_empty());
        assert!(vouched("向老同志恭贺新春").is_empty());
        assert!(vouched("为了给小王磊治病").is_empty());
    }
}
