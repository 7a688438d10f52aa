//! Names before a note on who a person is (`云布龙（蒙古族）`,
//! `其美泽巴（女，藏族）`); the notes vouch for the items of a list too.

use super::words::{is_name_char, name_ending_at, run_start};
use super::{Evidence, Found, NameHit};
use crate::chars::is_han;

/// Names before a note on who a person is, wherever they stand: a run of
/// name characters of its own (`，云布龙（蒙古族）`), the end of a run after
/// a cue (`选举云布龙（蒙古族）为`), or a Chinese name ending there.
pub(super) fn noted_names(text: &str, found: &mut Found) {
    for open in crate::chars::find_all(text, "（") {
        if !has_person_note(text, open) {
            continue;
        }
        let run_start = run_start(text, open, usize::MAX, is_name_char);
        let run = &text[run_start..open];
        let after_cue = ["选举", "任命", "推举"]
            .iter()
            .filter_map(|cue| run.rfind(cue).map(|at| run_start + at + cue.len()))
            .max();
        let name = if run.chars().count() <= NOTED_FIRST_CHARS {
            Some(run_start..open)
        } else if let Some(start) = after_cue {
            Some(start..open)
        } else {
            name_ending_at(text, open, true)
        };
        if let Some(name) = name.filter(|name| is_noted_name(&text[name.clone()])) {
            found.names.push(NameHit {
                range: name,
                titles: Vec::new(),
                evidence: Evidence::Address,
            });
        }
    }
}

/// The longest note in brackets after a listed name: `（女）`, `（回族）`,
/// `（女，满族）`.
const NOTE_CHARS: usize = 8;

/// Where a note in brackets that starts at `at` ends, or `at`.
pub(super) fn note_end(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let Some(inside) = rest.strip_prefix('（') else {
        return at;
    };
    inside
        .char_indices()
        .take(NOTE_CHARS + 1)
        .find(|&(_, c)| c == '）')
        .filter(|&(length, _)| {
            length > 0 && inside[..length].chars().all(|c| is_han(c) || c == '，')
        })
        .map_or(at, |(length, _)| {
            at + '（'.len_utf8() + length + '）'.len_utf8()
        })
}

/// Where a note in brackets that ends at `end` starts, or `end`.
pub(super) fn note_start(text: &str, end: usize) -> usize {
    let Some(before) = text[..end].strip_suffix('）') else {
        return end;
    };
    before
        .char_indices()
        .rev()
        .take(NOTE_CHARS + 1)
        .find(|&(_, c)| c == '（')
        .filter(|&(open, _)| note_end(text, open) == end)
        .map_or(end, |(open, _)| open)
}

/// Whether a note in brackets at `at` says who a person is: `（女）`,
/// `（藏族）`, `（女，满族）`.
pub(super) fn has_person_note(text: &str, at: usize) -> bool {
    let end = note_end(text, at);
    end > at && {
        let note = &text[at..end];
        note.contains('族') || note.contains('女') || note.contains('男')
    }
}

/// The longest first item of a list that a note vouches for without a cue
/// before it (the run may hold the sentence before the name).
pub(super) const NOTED_FIRST_CHARS: usize = 6;

/// Whether a list item with a note on who a person is can be a name: of
/// any origin (阿嘉·洛桑图旦·久美加措, 根通), but not a run of text.
pub(super) fn is_noted_name(item: &str) -> bool {
    let length = item.chars().count();
    (2..=16).contains(&length) && !item.starts_with('·') && !item.ends_with('·')
}
