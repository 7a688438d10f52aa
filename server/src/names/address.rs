//! Names before forms of address (`习近平总书记`, `陶铸同志`), and a surname
//! alone before one (`江主席`, `张大爷`).

use super::foreign::foreign_name_ending_at;
use super::japanese::japanese_or;
use super::words::{is_word_unless_posted, name_ending_at};
use super::{Evidence, Found, NameHit, TitleHit, is_post, surnames, titles};
use crate::chars::is_han;
use std::ops::Range;

/// Forms of address that only follow a person: before them a name the
/// dictionary knows is one (陶铸同志), and a short transliteration too
/// (科雷先生).
fn is_person_address(address: &str) -> bool {
    matches!(address, "同志" | "先生" | "女士" | "夫人")
}

/// A surname alone before a form of address (`江主席`, `孙先生`, `张大爷`):
/// not a word with the character before it (中方先生) nor with the first of
/// the address (班主任), nor a word of its own there (向总理汇报).
fn surname_ending_at(text: &str, end: usize) -> Option<Range<usize>> {
    let surname = text[..end].chars().next_back()?;
    let start = end - surname.len_utf8();
    if !surnames::is_single_surname(surname) || titles::stops_a_name(surname) {
        return None;
    }
    // 科雷先生: the end of a transliteration, not a surname.
    let before = text[..start].chars().next_back();
    if titles::is_transliteration(surname) && before.is_some_and(titles::is_transliteration) {
        return None;
    }
    let jieba = crate::tokens::segmenter();
    let joins_address = text[end..]
        .chars()
        .next()
        .is_some_and(|a| jieba.has_word(&text[start..end + a.len_utf8()]));
    let joins_before = before.is_some_and(|b| {
        is_han(b)
            && (jieba.has_word(&text[start - b.len_utf8()..end])
                || surnames::is_single_surname(b) && !titles::stops_a_name(b))
    });
    (!joins_address && !joins_before).then_some(start..end)
}

/// A surname alone before a form of address kept for surnames (`张大爷`).
pub(super) fn surname_address(
    text: &str,
    address: Range<usize>,
    post: &'static str,
    found: &mut Found,
) {
    if let Some(name) = surname_ending_at(text, address.start) {
        found.names.push(NameHit {
            range: name,
            titles: address_title(address, post),
            evidence: Evidence::Address,
        });
    }
}

fn address_title(address: Range<usize>, post: &'static str) -> Vec<TitleHit> {
    if is_post(post) {
        vec![TitleHit {
            range: address,
            post,
        }]
    } else {
        Vec::new()
    }
}

pub(super) fn address_after(
    text: &str,
    address: Range<usize>,
    post: &'static str,
    found: &mut Found,
) {
    let person = is_person_address(post);
    let foreign = || {
        person
            .then(|| foreign_name_ending_at(text, address.start, 2))
            .flatten()
            .filter(|name| !is_word_unless_posted(&text[name.clone()]))
    };
    // 向老同志: the character before the address, no surname (江主席),
    // begins a word with it.
    let jieba = crate::tokens::segmenter();
    let last = text[..address.start]
        .chars()
        .next_back()
        .unwrap_or_default();
    if is_han(last)
        && !surnames::is_single_surname(last)
        && jieba.has_word(&text[address.start - last.len_utf8()..address.end])
    {
        return;
    }
    let Some(name) = japanese_or(
        text,
        address.start,
        name_ending_at(text, address.start, person),
    )
    .or_else(foreign)
    .or_else(|| surname_ending_at(text, address.start)) else {
        return;
    };
    found.names.push(NameHit {
        range: name,
        titles: address_title(address, post),
        evidence: Evidence::Address,
    });
}

#[cfg(test)]
mod tests {
    use crate::names::is_full_name;
    use crate::names::tests::vouched;

    #[test]
    fn a_surname_alone_before_a_form_of_address() {
        assert_eq!(vouched("他认真落实江主席的指示。"), ["江"]);
        assert_eq!(vouched("这时，孙先生笑了。刘大爷也来了。"), ["孙", "刘"]);
        // 班主任 and 中方 are words; 向 is a preposition.
        assert!(vouched("她是班主任。中方先生们到了。他向总理汇报。").is_empty());
        assert!(!is_full_name("江") && is_full_name("江泽民"));
    }

    #[test]
    fn go_players_by_their_ranks() {
        assert_eq!(vouched("，王磊六段和丁伟五段也在今天"), ["王磊", "丁伟"]);
    }
}
