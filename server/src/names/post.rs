//! Names after a post or a description: `市长张群环`, `农行金华分行行长付小红`,
//! `劳模李明`, with the posts as the name's titles (`市委副书记、市长`).

use super::foreign::foreign_name_at;
use super::japanese::japanese_name_at;
use super::words::{
    Surnames, begins_a_longer_word, ends_a_longer_word, is_common_word, is_word_other_than,
    is_word_unless_posted, name_at,
};
use super::{BEFORE_NAME, Evidence, Found, NameHit, TitleHit, credits, shape, titles};
use crate::chars::is_blank;
use std::ops::Range;

/// Descriptions that vouch for a name but are not posts: they are not kept
/// as titles.
pub(super) fn is_description(post: &str) -> bool {
    matches!(
        post,
        "村民"
            | "市民"
            | "居民"
            | "志愿者"
            | "选手"
            | "运动员"
            | "球员"
            | "老师"
            | "教师"
            | "医生"
            | "专家"
            | "负责人"
            | "代表"
            | "老人"
            | "师傅"
            | "一行"
            | "同志"
            | "先生"
            | "女士"
            | "夫人"
            | "将军"
            | "公主"
            | "活佛"
    ) || titles::FAMILIAR_AFTER_SURNAME.contains(&post)
        || post.ends_with('段')
}

/// Whether a segmenter word makes `candidate` something other than a name
/// right after a post, where a word the dictionary calls a place is a name
/// too (秘书长安南, 国务委员罗干: jieba tags both `ns`).
fn is_common_word_after_post(candidate: &str) -> bool {
    is_word_other_than(candidate, &["nr", "ns"])
}

/// The text just before `end` that a post's organisation may take
/// (`农行金华分行` before `行长`).
pub(super) fn organisation_start(text: &str, end: usize) -> usize {
    const LONGEST: usize = 12;
    let mut start = end;
    let mut chars = text[..end].char_indices().rev().enumerate().peekable();
    while let Some((count, (offset, c))) = chars.next() {
        // 中华人民共和国主席: the 和 of 共和国 joins nothing.
        let of_a_republic = c == '和' && chars.peek().is_some_and(|&(_, (_, p))| p == '共');
        if count >= LONGEST || titles::ends_organisation(c) && !of_a_republic {
            break;
        }
        start = offset;
    }
    titles::title_start(text, start, end)
}

/// The posts that end at `end` and before it, joined by `、`
/// (`市委副书记、市长` before 张群环).
fn posts_ending_at(text: &str, mut end: usize) -> Vec<TitleHit> {
    let mut posts = Vec::new();
    loop {
        let before = &text[..end];
        let Some(post) = BEFORE_NAME
            .iter()
            .copied()
            .filter(|p| before.ends_with(p))
            .max_by_key(|p| p.len())
        else {
            break;
        };
        let post_start = end - post.len();
        let start = organisation_start(text, post_start);
        posts.push(TitleHit {
            range: start..end,
            post,
        });
        match text[..start].strip_suffix('、') {
            Some(rest) => end = rest.len(),
            None => break,
        }
    }
    posts.reverse();
    posts
}

/// A name after a post (`市长张群环`) or a description (`劳模李明`). After a
/// post the dictionary's other words and unlikely given names are still
/// names (记者许立群, 委员傅全有); after a description they are not (英雄史诗).
pub(super) fn post_before(text: &str, post: Range<usize>, strong: bool, found: &mut Found) {
    let mut name_start = post.end;
    let blank = text[name_start..].chars().next().filter(|&c| is_blank(c));
    if let Some(c) = blank {
        name_start += c.len_utf8();
    }
    let post_text = &text[post.clone()];
    if (post_text.ends_with("记者") || post_text.ends_with("通讯员"))
        && let Some(reporters) = credits::reporters_after(text, name_start)
    {
        for name in reporters {
            found.names.push(NameHit {
                range: name,
                titles: posts_ending_at(text, post.end),
                evidence: Evidence::Post,
            });
        }
        return;
    }
    // Only a reporter's credit puts a blank between post and name; elsewhere
    // a blank ends what comes before it (`…孟加拉国总理 李强…`, a headline's
    // two halves).
    if blank.is_some() {
        return;
    }
    let chinese = name_at(
        text,
        name_start,
        Surnames::WithListed,
        is_common_word_after_post,
    )
    .filter(|range| {
        let name = &text[range.clone()];
        let three = name.chars().count() == 3;
        if strong {
            three || !is_common_word_after_post(name)
        } else {
            // 国家应采取, 石家庄市: a description is weaker than a post.
            !is_word_unless_posted(name)
                && shape::plausible(name)
                && !ends_a_longer_word(text, range.start, range.end)
        }
    });
    // 国务卿奥尔布赖特, 议长萨阿东·哈马迪: a transliteration longer than the
    // Chinese name its first characters would make.
    let foreign = foreign_name_at(text, name_start).filter(|foreign| {
        let name = &text[foreign.clone()];
        chinese
            .as_ref()
            .is_none_or(|chinese| foreign.end > chinese.end)
            && (name.chars().count() >= 3 || name.contains('·'))
            && !is_common_word(name)
            && !titles::is_country(name)
            && !begins_a_longer_word(text, foreign.clone())
    });
    // 首相桥本龙太郎: a Japanese name, where it is the longer reading.
    let japanese = japanese_name_at(text, name_start).filter(|japanese| {
        chinese
            .as_ref()
            .is_none_or(|chinese| japanese.end >= chinese.end)
    });
    let Some(name) = foreign.or(japanese).or(chinese) else {
        return;
    };
    found.names.push(NameHit {
        range: name,
        titles: posts_ending_at(text, post.end),
        evidence: Evidence::Post,
    });
}

#[cfg(test)]
mod tests {
    use crate::names::tests::vouched;

    #[test]
    fn surnames_that_are_more_often_words_after_a_post() {
        assert_eq!(vouched("市公安局局长关治瀛赶到现场。"), ["关治瀛"]);
        // 于去年: the given name would be a word.
        assert!(vouched("委员会主席于去年当选。").is_empty());
    }
}
