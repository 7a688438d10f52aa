//! Lists of leaders: items between `、` that are each a name, the first after
//! a cue or itself a name (`市领导张群环、吕群勇、朱彭年`).

use super::foreign::MOST_FOREIGN_CHARS;
use super::note::{NOTED_FIRST_CHARS, has_person_note, is_noted_name, note_end, note_start};
use super::words::{
    Surnames, begins_a_longer_word, is_common_word, is_name_char, is_word_unless_posted, name_at,
    run_end, run_start,
};
use super::{Evidence, Found, ListHit, NameHit, shape, surnames, titles};
use crate::chars::is_han;
use regex::Regex;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

static LIST_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(?:领导|领导同志|同志|出席|出席会议的有|参加会议的有|陪同|还有|分别是|包括|会见|看望|等人有)$")
        .expect("list cues")
});

/// Lists of leaders: items between `、` that are each a name, the first after
/// a cue (`领导`, `出席`) or itself a name already vouched for.
pub(super) fn lists(text: &str, known: &HashSet<String>, found: &mut Found) {
    let mut search = 0;
    while let Some(position) = crate::chars::find_first(&text[search..], "、") {
        let first_separator = search + position;
        let first_end = note_start(text, first_separator);
        let run_start = run_start(text, first_end, usize::MAX, is_name_char);
        // 中央军委委员傅全有、于永波: a name just found after a post opens a list.
        let after_post = found
            .names
            .iter()
            .find(|hit| hit.range.end == first_end && hit.evidence == Evidence::Post)
            .map(|hit| hit.range.clone());
        let run = &text[run_start..first_end];
        let first_noted = has_person_note(text, first_end)
            && is_noted_name(run)
            && run.chars().count() <= NOTED_FIRST_CHARS;
        let mut items: Vec<Range<usize>> = after_post
            .or_else(|| first_noted.then_some(run_start..first_end))
            .or_else(|| first_item(run, known).map(|r| r.start + run_start..r.end + run_start))
            .into_iter()
            .collect();
        let mut noted = first_noted;
        let mut chinese = items.len();
        let mut cursor = first_separator;
        while !items.is_empty() && text[cursor..].starts_with('、') {
            let item_start = cursor + '、'.len_utf8();
            let item_end = run_end(text, item_start, usize::MAX, is_name_char);
            let item = &text[item_start..item_end];
            let more = text[note_end(text, item_end)..].starts_with('、');
            let item_noted = has_person_note(text, item_end);
            // 土登克珠（藏族）、根通、…: after a noted name, a short item is
            // one too.
            let short = item.chars().count() <= NOTED_FIRST_CHARS;
            let range = if item_noted || noted && more && short {
                is_noted_name(item).then_some(item_start..item_end)
            } else if more || item.chars().count() <= 3 {
                let name_like = is_name_like(item);
                chinese += usize::from(name_like);
                // 费孝通、孙起孟、卢嘉锡、布赫: among Chinese names, a
                // transliteration or a name without a surname is a name too.
                let foreign = chinese >= 2 && (is_foreign_item(item) || is_other_name_item(item));
                (name_like || foreign).then_some(item_start..item_end)
            } else {
                // The last item runs into the sentence: 李浩锋在永康…
                name_at(text, item_start, Surnames::WithListed, is_common_word).filter(|r| {
                    !is_common_word(&text[r.clone()]) && !begins_a_longer_word(text, r.clone())
                })
            };
            let Some(range) = range else { break };
            noted |= item_noted;
            cursor = note_end(text, range.end);
            items.push(range);
            if !more {
                break;
            }
        }
        search = cursor.max(first_separator + '、'.len_utf8());
        // Without a cue, a list counts when it holds a name known already or
        // is long enough that only people fit (three names of two or three
        // characters, each with a surname).
        let first_text = items.first().map(|r| &text[r.clone()]);
        let cued = items.first().is_some_and(|r| r.start > run_start);
        let vouched = cued
            || noted
            || first_text.is_some_and(|t| known.contains(t))
            || items.iter().any(|r| known.contains(&text[r.clone()]))
            || items.len() >= 3;
        if items.len() >= 2 && vouched {
            for item in &items {
                found.names.push(NameHit {
                    range: item.clone(),
                    titles: Vec::new(),
                    evidence: Evidence::List,
                });
            }
            // 记者周志方、赵秀娟: reporters are credited, not ranked; names
            // that did something in turn or each (`…先后进入飞船`, `…分别任`)
            // are in that order, not in rank.
            let credit = items
                .first()
                .is_some_and(|first| ends_with_reporter(&text[..first.start]));
            let in_turn = items.last().is_some_and(|last| {
                let after = &text[note_end(text, last.end)..];
                IN_TURN.iter().any(|word| after.starts_with(word))
            });
            if !credit && !in_turn {
                found.lists.push(ListHit { names: items });
            }
        }
    }
}

/// Words after a list of names that order it by turn or pair it with
/// another list, not by rank.
const IN_TURN: &[&str] = &["先后", "依次", "分别", "相继", "轮流", "各自"];

/// Whether `text` ends with a reporter's role, which credits the names
/// after it.
fn ends_with_reporter(text: &str) -> bool {
    ["记者", "通讯员", "摄影", "（", "电（"]
        .iter()
        .any(|role| text.ends_with(role))
}

/// Whether a short list item among Chinese names could be a name without
/// a surname (陆俨少、刘海粟、黎雄才、亚明): two or three Han characters that
/// are no word.
fn is_other_name_item(item: &str) -> bool {
    (2..=3).contains(&item.chars().count())
        && item.chars().all(|c| is_han(c) && !titles::stops_a_name(c))
        && !crate::tokens::segmenter().has_word(item)
}

/// Whether a list item could be a transliterated name: not a country nor
/// a word.
fn is_foreign_item(item: &str) -> bool {
    (2..=MOST_FOREIGN_CHARS).contains(&item.chars().count())
        && item
            .chars()
            .all(|c| titles::is_transliteration(c) || c == '·')
        && !item.starts_with('·')
        && !item.ends_with('·')
        && !titles::is_country(item)
        && !is_word_unless_posted(item)
}

/// Two or three characters (four with a compound surname) that start with a
/// surname, as an item of a list: a list of names vouches for surnames that
/// are more often words elsewhere (于光远, 任弼时), and for three characters
/// the dictionary knows as another kind of word (周恩来), when their given
/// names are plausible. Two characters must not be a common word (文化、体育).
fn is_name_like(item: &str) -> bool {
    let Some(surname) = surnames::surname_len(item).or_else(|| surnames::listed_surname_len(item))
    else {
        return false;
    };
    let given = item.chars().count() - surname;
    (1..=2).contains(&given) && (given == 2 || !is_common_word(item)) && shape::plausible(item)
}

/// The first item of a list: what follows a cue at the end of the run before
/// the first `、` (`我市领导金政`), or the whole run if it is a known name.
fn first_item(run: &str, known: &HashSet<String>) -> Option<Range<usize>> {
    if known.contains(run) {
        return Some(0..run.len());
    }
    // 周恩来、刘少奇、朱德: a run that is itself a name, when the list turns
    // out to hold a known one (checked by the caller).
    if run.chars().count() <= 3 && is_name_like(run) {
        return Some(0..run.len());
    }
    let chars: Vec<(usize, char)> = run.char_indices().collect();
    for length in [3, 2] {
        let start = chars.len().checked_sub(length)?;
        let offset = chars[start].0;
        let (head, item) = run.split_at(offset);
        if LIST_CUE.is_match(head) && is_name_like(item) {
            return Some(offset..run.len());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::names::tests::vouched;

    #[test]
    fn listed_people_with_notes_on_who_they_are() {
        assert_eq!(
            vouched("委员：赛尔杰（蒙古族）、根通、其美泽巴（女，藏族）、王明达。"),
            ["赛尔杰", "根通", "其美泽巴", "王明达"]
        );
    }

    #[test]
    fn names_without_a_surname_among_chinese_names_in_a_list() {
        assert_eq!(
            vouched("画家陆俨少、刘海粟、黎雄才、亚明、何海霞的作品"),
            ["陆俨少", "刘海粟", "黎雄才", "亚明", "何海霞"]
        );
    }
}
