//! Finding person names in a block's logical text.
//!
//! A segmenter alone does not find the unknown names news copy is full of (it
//! splits 张群环 into 张群/环). Names are found where news copy vouches for
//! them: after a post (`市长张群环`, `农行金华分行行长付小红`), before a form of
//! address (`习近平总书记`), in a list of leaders after a cue (`市领导张群环、
//! 吕群勇、朱彭年`), in a byline, at the head of a clause before a verb of
//! saying (`。金政说`); and then wherever a name so found, or a registered
//! one, appears again.
//!
//! One file per kind of evidence, composed by [`find_vouched`]: `post.rs`,
//! `address.rs`, `list.rs`, `note.rs`, `byline.rs`, `speech.rs`, `foreign.rs`,
//! `japanese.rs`, `dotted.rs`, `familiar.rs`, `credits.rs`, `shape.rs`;
//! `known.rs` finds them again; `words.rs` holds what the finders share.

mod address;
mod byline;
mod credits;
mod dotted;
mod familiar;
mod foreign;
mod gazetteer;
mod given_names;
mod japanese;
mod known;
mod list;
mod note;
mod post;
mod shape;
mod speech;
mod surnames;
mod titles;
mod words;

use crate::chars::is_han;
use address::{address_after, surname_address};
use byline::byline;
use dotted::marked_names;
use foreign::foreign_names;
pub use known::KnownNames;
use list::lists;
use note::noted_names;
use post::{is_description, post_before};
use speech::speech;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;
pub use titles::{AFTER_NAME, BEFORE_NAME};
use words::{begins_a_longer_word, is_common_word};

/// How the text vouches for a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    /// After a post: `市长张群环`.
    Post,
    /// Before a form of address: `习近平总书记`.
    Address,
    /// In a list of leaders: `市领导张群环、吕群勇`.
    List,
    /// In a byline: `□首席记者 陈晓苏`.
    Byline,
    /// Before a verb of saying at the head of a clause: `。金政说`.
    Speech,
    /// By its shape alone: a surname and characters far likelier in a given
    /// name than elsewhere (`王国栋`).
    Shape,
    /// A name found elsewhere in the edition, or registered.
    Known,
}

/// Whether a name is more than a surname alone (江 of `江主席`): only such
/// names are looked for again elsewhere and compared by the consistency
/// rules, as one surname stands for many people.
pub fn is_full_name(name: &str) -> bool {
    name.chars().nth(1).is_some()
}

/// Whether a name found in a text is found again wherever it appears, given
/// how often the text vouches for it: a whole name the text vouches for at
/// least once, and one the dictionary knows as another kind of word (宁夏,
/// 马里, 严明) at least twice, as one cue may mistake such a word for a name.
/// Shape alone does not count: a name by its shape (胡萝卜) is found by its
/// shape wherever it stands like a name, and nowhere else.
pub fn is_found_again(name: &str, times_vouched: usize) -> bool {
    is_full_name(name) && (times_vouched >= 2 || times_vouched == 1 && !is_common_word(name))
}

/// How often a text vouches for each name found in it, from each finding's
/// name and evidence; a name found by its shape alone counts none.
pub fn times_vouched<'a>(
    found: impl Iterator<Item = (&'a str, Evidence)>,
) -> crate::chars::FastMap<&'a str, usize> {
    let mut times: crate::chars::FastMap<&str, usize> = Default::default();
    for (name, evidence) in found {
        *times.entry(name).or_default() += usize::from(evidence != Evidence::Shape);
    }
    times
}

/// Whether a name is a Chinese name, a surname and a given name: foreign
/// names are transliterated in several ways by design (布什, 布赫 are two
/// people), so only Chinese names are compared character by character.
pub fn is_chinese_name(name: &str) -> bool {
    is_full_name(name) && !name.contains('·') && surnames::surname_len(name).is_some()
}

/// The given name of a known Chinese name of three characters, by which
/// a feature may call the person again (周恩来 → 《百年恩来》, 张迎艳 →
/// 迎艳的学习): only given names that are no word of the dictionary.
pub fn given_name(name: &str) -> Option<&str> {
    let first = name.chars().next()?;
    let given = &name[first.len_utf8()..];
    let jieba = crate::tokens::segmenter();
    (surnames::surname_len(name) == Some(1)
        && given.chars().count() == 2
        && !name.contains('·')
        && !jieba.has_word(given))
    .then_some(given)
}

/// A post or form of address attached to a name, as written (`农行金华分行行长`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TitleHit {
    pub range: Range<usize>,
    /// The post without its organisation (`行长`).
    pub post: &'static str,
}

/// A name in a block's logical text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameHit {
    pub range: Range<usize>,
    pub titles: Vec<TitleHit>,
    pub evidence: Evidence,
}

/// A list of names in the order written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListHit {
    pub names: Vec<Range<usize>>,
}

#[derive(Clone, Debug, Default)]
pub struct Found {
    pub names: Vec<NameHit>,
    pub lists: Vec<ListHit>,
}

#[cfg(test)]
impl Found {
    /// The names one finder finds in `text`, as written.
    fn names_in(text: &str, finder: fn(&str, &mut Found)) -> Vec<&str> {
        let mut found = Found::default();
        finder(text, &mut found);
        found
            .names
            .iter()
            .map(|hit| &text[hit.range.clone()])
            .collect()
    }
}

/// The posts a title may carry; descriptions and forms of address are not.
pub fn is_post(post: &str) -> bool {
    !is_description(post)
}

/// A word that vouches for a name next to it, and how.
struct Cue {
    text: &'static str,
    /// A post written before a name.
    post: bool,
    /// A description written before a name (`专家`, `英雄`): weaker than a
    /// post, as it also stands before other nouns.
    description: bool,
    /// A form of address written after a name.
    address: bool,
    /// A verb of saying after a name.
    speech: bool,
    /// A post beside which a foreign name stands.
    foreign: bool,
    /// A form of address after a surname alone.
    surname_address: bool,
}

/// Every cue in one automaton, so a text is scanned once for all of them.
static CUES: LazyLock<(aho_corasick::AhoCorasick, Vec<Cue>)> = LazyLock::new(|| {
    let mut cues: Vec<Cue> = Vec::new();
    let lists: [(&[&'static str], u8); 7] = [
        (BEFORE_NAME, 0),
        (titles::DESCRIPTIONS_BEFORE, 4),
        (AFTER_NAME, 1),
        (titles::SPEECH_VERBS, 2),
        (titles::FOREIGN_POSTS, 3),
        (titles::AFTER_SURNAME, 5),
        (titles::FAMILIAR_AFTER_SURNAME, 5),
    ];
    for (words, kind) in lists {
        for &word in words {
            let index = match cues.iter().position(|c| c.text == word) {
                Some(index) => index,
                None => {
                    cues.push(Cue {
                        text: word,
                        post: false,
                        description: false,
                        address: false,
                        speech: false,
                        foreign: false,
                        surname_address: false,
                    });
                    cues.len() - 1
                }
            };
            let cue = &mut cues[index];
            match kind {
                0 => cue.post = true,
                4 => cue.description = true,
                1 => cue.address = true,
                2 => cue.speech = true,
                3 => cue.foreign = true,
                _ => cue.surname_address = true,
            }
        }
    }
    let automaton = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(cues.iter().map(|c| c.text))
        .expect("cue automaton");
    (automaton, cues)
});

/// Whether a cue is the end of one word and the start of the next rather
/// than a word of its own: the 行长 of 进行长江水…
fn straddles_two_words(text: &str, cue: Range<usize>) -> bool {
    let first = text[cue.clone()].chars().next().map_or(0, char::len_utf8);
    let last = text[cue.clone()]
        .chars()
        .next_back()
        .map_or(0, char::len_utf8);
    words::ends_a_longer_word(text, cue.start, cue.start + first)
        && begins_a_longer_word(text, cue.end - last..cue.end)
}

/// Names vouched for by the text itself, before any are known.
pub fn find_vouched(text: &str, is_byline: bool, known: &HashSet<String>) -> Found {
    let mut found = Found::default();
    if !text.chars().any(is_han) {
        return found;
    }
    if is_byline {
        byline(text, &mut found);
    }
    let (automaton, cues) = &*CUES;
    for found_cue in automaton.find_iter(text) {
        let cue = &cues[found_cue.pattern().as_usize()];
        // 习近平主席贺信: a post that is the form of address of the name
        // before it stands before no other name.
        let mut addressed = Found::default();
        if cue.address {
            address_after(text, found_cue.range(), cue.text, &mut addressed);
        }
        let names_the_one_before = addressed
            .names
            .iter()
            .any(|hit| hit.range.end == found_cue.start());
        if (cue.post || cue.description)
            && !names_the_one_before
            && !titles::is_no_description(text, found_cue.range())
            && !straddles_two_words(text, found_cue.range())
        {
            post_before(text, found_cue.range(), cue.post, &mut found);
        }
        found.names.append(&mut addressed.names);
        if cue.speech && !begins_a_longer_word(text, found_cue.range()) {
            speech(text, found_cue.start(), &mut found);
        }
        if cue.foreign {
            foreign_names(text, found_cue.range(), cue.text, &mut found);
        }
        if cue.surname_address && !cue.address {
            surname_address(text, found_cue.range(), cue.text, &mut found);
        }
    }
    lists(text, known, &mut found);
    noted_names(text, &mut found);
    marked_names(text, &mut found);
    shape::shaped_names(text, &mut found);
    credits::trailing_credit(text, &mut found);
    credits::dateline_credit(text, &mut found);
    credits::name_line(text, &mut found);
    found.names.retain(|hit| {
        // 国王萨勒曼、王储兼首相: a post is nobody's name.
        if titles::is_post_word(&text[hit.range.clone()]) {
            return false;
        }
        // 殷殷嘱托: one character twice is a word, not a surname and a name.
        let mut chars = text[hit.range.clone()].chars();
        if let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next())
            && a == b
        {
            return false;
        }
        !gazetteer::is_no_person_at(text, hit.range.clone()) && !words::cuts_a_word(text, hit)
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names the text vouches for, as written, in the order found.
    pub(super) fn vouched(text: &str) -> Vec<&str> {
        vouched_in(text, false)
    }

    pub(super) fn vouched_in(text: &str, is_byline: bool) -> Vec<&str> {
        let mut names: Vec<(usize, &str)> = find_vouched(text, is_byline, &HashSet::new())
            .names
            .iter()
            .map(|hit| (hit.range.start, &text[hit.range.clone()]))
            .collect();
        names.sort();
        names.dedup();
        names.into_iter().map(|(_, name)| name).collect()
    }

    #[test]
    fn words_of_other_kinds_are_found_again_once_vouched_for_twice() {
        assert!(is_found_again("张群环", 1) && !is_found_again("张群环", 0));
        // 宁夏 after one post is likelier a mistaken place than a person.
        assert!(!is_found_again("宁夏", 1));
        assert!(is_found_again("宁夏", 2));
        assert!(!is_found_again("江", 5));
    }
}
