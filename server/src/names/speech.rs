//! Names at the head of a clause before a verb of saying: `。金政说`,
//! `服务中心的俞东平说`, `。亚当斯说`.

use super::foreign::foreign_name_ending_at;
use super::japanese::japanese_or;
use super::words::{is_word_unless_posted, name_ending_at};
use super::{Evidence, Found, NameHit};
use crate::chars::is_han;
use std::ops::Range;

pub(super) fn speech(text: &str, at: usize, found: &mut Found) {
    // 。金政说; 服务中心的俞东平说: three characters after 的 as well.
    let opens_clause = |name: &Range<usize>| {
        text[..name.start]
            .chars()
            .next_back()
            .is_none_or(|c| !is_han(c) || c == '的' && text[name.clone()].chars().count() == 3)
    };
    // 。亚当斯说: a transliteration of three or more characters opening the
    // clause, if no Chinese name does.
    let name = japanese_or(text, at, name_ending_at(text, at, false))
        .filter(opens_clause)
        .or_else(|| {
            foreign_name_ending_at(text, at, 3)
                .filter(|name| opens_clause(name) && !is_word_unless_posted(&text[name.clone()]))
        });
    if let Some(name) = name {
        found.names.push(NameHit {
            range: name,
            titles: Vec::new(),
            evidence: Evidence::Speech,
        });
    }
}
