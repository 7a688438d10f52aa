//! Finding person names in a block's logical text.
//!
//! A segmenter alone does not find the unknown names news copy is full of (it
//! splits 张群环 into 张群/环). Names are found where news copy vouches for
//! them: after a post (`市长张群环`, `农行金华分行行长付小红`), before a form of
//! address (`习近平总书记`), in a list of leaders after a cue (`市领导张群环、
//! 吕群勇、朱彭年`), in a byline, at the head of a clause before a verb of
//! saying (`。金政说`); and then wherever a name so found, or a registered
//! one, appears again.

mod credits;
mod gazetteer;
mod given_names;
mod known;
mod shape;
mod surnames;
mod titles;

use crate::chars::{is_blank, is_han};
pub use known::KnownNames;
use regex::Regex;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;
pub use titles::{AFTER_NAME, BEFORE_NAME};

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

static LIST_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(?:领导|领导同志|同志|出席|出席会议的有|参加会议的有|陪同|还有|分别是|包括|会见|看望|等人有)$")
        .expect("list cues")
});

/// Descriptions that vouch for a name but are not posts: they are not kept
/// as titles.
fn is_description(post: &str) -> bool {
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

/// The posts a title may carry; descriptions and forms of address are not.
pub fn is_post(post: &str) -> bool {
    !is_description(post)
}

/// Whether a segmenter word makes `candidate` something other than a name:
/// a dictionary word that is not tagged as a person (文章, 金华).
fn is_common_word(candidate: &str) -> bool {
    is_word_other_than(candidate, &["nr"])
}

/// Whether `candidate` is a dictionary word that only a post makes a name:
/// a common word, or any word of two characters, as the dictionary tags
/// thousands of those as names that are not (荣誉, 白宫, 明白).
pub(super) fn is_word_unless_posted(candidate: &str) -> bool {
    is_common_word(candidate)
        || candidate.chars().count() == 2 && crate::tokens::segmenter().has_word(candidate)
}

/// Whether a segmenter word makes `candidate` something other than a name
/// right after a post, where a word the dictionary calls a place is a name
/// too (秘书长安南, 国务委员罗干: jieba tags both `ns`).
fn is_common_word_after_post(candidate: &str) -> bool {
    is_word_other_than(candidate, &["nr", "ns"])
}

/// Whether `candidate` is a dictionary word whose tag starts with none of
/// `tags`.
fn is_word_other_than(candidate: &str, tags: &[&str]) -> bool {
    let jieba = crate::tokens::segmenter();
    if !jieba.has_word(candidate) {
        return false;
    }
    // Telling a word's kind costs a segmentation; the same few thousand
    // words come up again and again, so each thread remembers them (at
    // most the dictionary's words).
    thread_local! {
        static KINDS: std::cell::RefCell<crate::chars::FastMap<Box<str>, Option<Box<str>>>> =
            Default::default();
    }
    KINDS.with_borrow_mut(|kinds| {
        let kind = kinds.entry(candidate.into()).or_insert_with(|| {
            jieba
                .tag(candidate, false)
                .first()
                .filter(|t| t.word == candidate)
                .map(|t| t.tag.into())
        });
        !kind
            .as_deref()
            .is_some_and(|kind| tags.iter().any(|tag| kind.starts_with(tag)))
    })
}

/// Which surnames may open a name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Surnames {
    Common,
    /// Also those more often a word (于, 任, 关), where a post or a
    /// description vouches for the name.
    WithListed,
}

/// A name starting at `start`: a surname, then one or two given-name
/// characters. The second given-name character is not taken when it is one
/// that follows names (张群环对… but 金政代表…), when it begins a word with
/// the text after it (孙录帮助…) or another name (何伟余继军).
fn name_at(
    text: &str,
    start: usize,
    surnames: Surnames,
    is_common: fn(&str) -> bool,
) -> Option<Range<usize>> {
    let rest = &text[start..];
    let (surname, listed) = match surnames::surname_len(rest) {
        Some(length) => (length, false),
        None if surnames == Surnames::WithListed => (surnames::posted_surname_len(rest)?, true),
        None => return None,
    };
    let chars: Vec<(usize, char)> = rest.char_indices().take(surname + 3).collect();
    let given: Vec<(usize, char)> = chars[surname.min(chars.len())..]
        .iter()
        .copied()
        .take_while(|&(_, c)| is_han(c))
        .collect();
    let first = *given.first()?;
    // 褚时健: a name the dictionary knows, whatever its characters.
    if let Some(&(offset, c)) = given.get(1) {
        let end = offset + c.len_utf8();
        let jieba = crate::tokens::segmenter();
        if jieba.has_word(&rest[..end]) && !is_common(&rest[..end]) {
            return Some(start..start + end);
        }
    }
    let is_follower = |(offset, c): (usize, char)| {
        titles::stops_a_name(c) || titles::starts_with_follower(&rest[offset..])
    };
    if surname == 1 && is_follower(first) {
        return None;
    }
    // 方面要…, 荣获…: a surname and the next character that make a common
    // word are that word, not a name; unless three characters are very
    // likely a name (王国栋).
    let first_two_end = first.0 + first.1.len_utf8();
    if surname == 1 && is_common(&rest[..first_two_end]) {
        let likely = given.get(1).is_some_and(|&(offset, c)| {
            !is_follower((offset, c))
                && shape::name_score(&rest[..offset + c.len_utf8()])
                    .is_some_and(|score| score >= shape::THRESHOLD)
        });
        if !likely {
            return None;
        }
    }
    let take = match given.get(1) {
        Some(&second)
            if !is_follower(second)
                && !ADVERB_ENDINGS.contains(second.1)
                && !runs_on(rest, second) =>
        {
            2
        }
        _ => 1,
    };
    let (offset, c) = given[take - 1];
    let end = offset + c.len_utf8();
    // 于去年, 向记者, 曾有过: a surname that is more often a word needs a
    // likely given name that is no word and does not run into one.
    let word_like = listed || titles::stops_a_name(first_char(rest));
    if word_like && (is_given_a_word(rest, first.0, end) || !shape::plausible(&rest[..end])) {
        return None;
    }
    Some(start..start + end)
}

fn first_char(text: &str) -> char {
    text.chars().next().unwrap_or_default()
}

/// Whether the given name `rest[start..end]` is a word, or runs into one
/// with the character after it (向他们).
fn is_given_a_word(rest: &str, start: usize, end: usize) -> bool {
    let jieba = crate::tokens::segmenter();
    let last = rest[..end].chars().next_back().map_or(0, char::len_utf8);
    let next = rest[end..].chars().next().filter(|&c| is_han(c));
    jieba.has_word(&rest[start..end])
        || next.is_some_and(|next| jieba.has_word(&rest[end - last..end + next.len_utf8()]))
}

/// Whether the character at `offset` of `rest`, the last of a name of three,
/// is rather the start of what follows: a word (孙录帮助) or another name
/// (何伟余继军).
fn runs_on(rest: &str, (offset, c): (usize, char)) -> bool {
    let after = &rest[offset + c.len_utf8()..];
    let Some(next) = after.chars().next().filter(|&n| is_han(n)) else {
        return false;
    };
    let jieba = crate::tokens::segmenter();
    let name = &rest[..offset + c.len_utf8()];
    let known_name = jieba.has_word(name) && !is_common_word(name);
    let begins_word =
        jieba.has_word(&rest[offset..offset + c.len_utf8() + next.len_utf8()]) && !known_name;
    if titles::stops_a_name(next) {
        return begins_word;
    }
    // 吴兆平四川省: what follows is a word, not the rest of another name.
    let starts_with_word = after
        .char_indices()
        .skip(1)
        .take(2)
        .any(|(i, c)| jieba.has_word(&after[..i + c.len_utf8()]));
    let begins_name = shape::starts_another_name(&rest[offset..]) && !starts_with_word;
    begins_word || begins_name
}

/// The text just before `end` that a post's organisation may take
/// (`农行金华分行` before `行长`).
fn organisation_start(text: &str, end: usize) -> usize {
    const LONGEST: usize = 12;
    let mut start = end;
    for (count, (offset, c)) in text[..end].char_indices().rev().enumerate() {
        if count >= LONGEST || titles::ends_organisation(c) {
            break;
        }
        start = offset;
    }
    start
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

/// A name after a post (`市长张群环`) or a description (`劳模李明`). After a
/// post the dictionary's other words and unlikely given names are still
/// names (记者许立群, 委员傅全有); after a description they are not (英雄史诗).
fn post_before(text: &str, post: Range<usize>, strong: bool, found: &mut Found) {
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

/// Characters that end an adverb before a verb, not a name (`高兴地说`,
/// `鲁宾还说`).
const ADVERB_ENDINGS: &str = "地得还也又都就曾便则却仍已才再";

/// Forms of address that only follow a person: before them a name the
/// dictionary knows is one (陶铸同志), and a short transliteration too
/// (科雷先生).
fn is_person_address(address: &str) -> bool {
    matches!(address, "同志" | "先生" | "女士" | "夫人")
}

/// The most characters of a Japanese given name (龙太郎).
const MOST_JAPANESE_GIVEN: usize = 3;

/// A Japanese name starting at `start` (首相桥本龙太郎): a family name of
/// the table, then at most three given-name characters, none of which
/// stops a name or begins a form of address or a verb of saying, and the
/// last not making a word with what follows (羽田孜|今天, 田岛宁子|分列).
fn japanese_name_at(text: &str, start: usize) -> Option<Range<usize>> {
    let rest = &text[start..];
    let surname = surnames::japanese_surname_len(rest)?;
    let surname_end = rest
        .char_indices()
        .nth(surname)
        .map_or(rest.len(), |(i, _)| i);
    let given: Vec<usize> = rest[surname_end..]
        .char_indices()
        .take(MOST_JAPANESE_GIVEN)
        .take_while(|&(i, c)| {
            let from = &rest[surname_end + i..];
            is_han(c)
                && !titles::stops_a_name(c)
                && !titles::starts_with_follower(from)
                && !AFTER_NAME
                    .iter()
                    .chain(titles::SPEECH_VERBS)
                    .any(|cue| from.starts_with(cue))
        })
        .map(|(i, c)| surname_end + i + c.len_utf8())
        .collect();
    let jieba = crate::tokens::segmenter();
    let ends = given.iter().rev().copied().chain([surname_end]);
    for end in ends {
        let last = rest[..end].chars().next_back()?;
        let runs_on = end > surname_end
            && rest[end..].chars().next().is_some_and(|next| {
                is_han(next) && jieba.has_word(&rest[end - last.len_utf8()..end + next.len_utf8()])
            });
        // 桥本去年: a word after the family name is no given name.
        let word =
            rest[surname_end..end].chars().count() == 2 && is_common_word(&rest[surname_end..end]);
        if !runs_on && !word {
            return Some(start..start + end);
        }
    }
    None
}

/// A Japanese name that ends at `end` (桥本首相, 桥本龙太郎表示), not where
/// its family name ends a word with the text before it.
fn japanese_name_ending_at(text: &str, end: usize) -> Option<Range<usize>> {
    let starts: Vec<usize> = text[..end]
        .char_indices()
        .rev()
        .take(4 + MOST_JAPANESE_GIVEN)
        .take_while(|&(_, c)| is_han(c))
        .map(|(i, _)| i)
        .collect();
    starts.into_iter().rev().find_map(|start| {
        let first = text[start..].chars().next()?.len_utf8();
        japanese_name_at(text, start)
            .filter(|name| name.end == end && !ends_a_longer_word(text, start, start + first))
    })
}

/// The Japanese name ending at `end`, where it starts before `chinese`, the
/// Chinese reading (桥本龙太郎首相, not 龙太郎).
fn japanese_or(text: &str, end: usize, chinese: Option<Range<usize>>) -> Option<Range<usize>> {
    match (japanese_name_ending_at(text, end), chinese) {
        (Some(japanese), Some(chinese)) if japanese.start >= chinese.start => Some(chinese),
        (Some(japanese), _) => Some(japanese),
        (None, chinese) => chinese,
    }
}

/// A name that ends at `end`: three characters if they start with a surname
/// and the character before them does not, else two. After a form of address
/// only people take (`person_cue`), a name the dictionary knows is one.
fn name_ending_at(text: &str, end: usize, person_cue: bool) -> Option<Range<usize>> {
    let jieba = crate::tokens::segmenter();
    let before: Vec<(usize, char)> = text[..end].char_indices().rev().take(4).collect();
    let han_run = before.iter().take_while(|&&(_, c)| is_han(c)).count();
    for length in [3, 2] {
        if han_run < length {
            continue;
        }
        let start = before[length - 1].0;
        let candidate = &text[start..end];
        if surnames::surname_len(candidate).is_none() {
            continue;
        }
        // 同李鹏总理: 同 is a word of its own, not a surname; 主席颜雄: 席
        // ends a word.
        let first = candidate.chars().next().unwrap_or_default();
        if length == 3
            && (titles::stops_a_name(first)
                || ends_a_longer_word(text, start, start + first.len_utf8()))
        {
            continue;
        }
        // 高兴地说, 鲁宾还说: the word before the verb is an adverb.
        let last = candidate.chars().next_back().unwrap_or_default();
        if ADVERB_ENDINGS.contains(last) {
            continue;
        }
        // 许多人认为: a surname and the next character that make a common
        // word are that word, unless the three are very likely a name.
        let first_two_end = start + candidate.chars().take(2).map(char::len_utf8).sum::<usize>();
        let starts_with_word = length == 3
            && is_common_word(&text[start..first_two_end])
            && shape::name_score(candidate).is_none_or(|score| score < shape::THRESHOLD);
        // 陆定一同志, 陶铸同志: names the dictionary knows.
        let known_name =
            (length == 3 || person_cue) && jieba.has_word(candidate) && !is_common_word(candidate);
        let unlikely =
            !known_name && (is_word_unless_posted(candidate) || !shape::plausible(candidate));
        if starts_with_word
            || unlikely
            || titles::is_country(candidate)
            || ends_a_longer_word(text, start, end)
        {
            continue;
        }
        return Some(start..end);
    }
    None
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

/// Whether the candidate and the text just after it make a word: 阿尔 in
/// 阿尔法, 马克思 in 马克思主义.
pub(super) fn begins_a_longer_word(text: &str, name: Range<usize>) -> bool {
    let jieba = crate::tokens::segmenter();
    text[name.end..]
        .char_indices()
        .take(2)
        .take_while(|&(_, c)| is_han(c))
        .any(|(offset, c)| jieba.has_word(&text[name.start..name.end + offset + c.len_utf8()]))
}

/// Whether the text just before `start` and the candidate make a word
/// together: 罗斯 in 俄罗斯, 陶宛 in 立陶宛.
pub(super) fn ends_a_longer_word(text: &str, start: usize, end: usize) -> bool {
    let before: Vec<(usize, char)> = text[..start].char_indices().rev().take(2).collect();
    let jieba = crate::tokens::segmenter();
    before
        .iter()
        .take_while(|&&(_, c)| is_han(c))
        .any(|&(offset, _)| jieba.has_word(&text[offset..end]))
}

/// The most characters of a transliterated name, dots included
/// (穆斯塔法·本·马苏尔).
const MOST_FOREIGN_CHARS: usize = 16;

/// A transliterated foreign name starting at `start` (after `总统`): two or
/// more transliteration characters, possibly joined by `·`.
fn foreign_name_at(text: &str, start: usize) -> Option<Range<usize>> {
    // 总理川·立派, 部长兰贝托·迪尼: the dots bound the name.
    let run_end = run_end(text, start, MOST_NAME_PARTS + 1, is_han);
    if text[run_end..].starts_with('·')
        && let Some(name) = dotted_name(text, run_end).filter(|name| name.start == start)
    {
        return Some(name);
    }
    let jieba = crate::tokens::segmenter();
    let mut end = start;
    let mut count = 0;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        // 克林顿本月: the last character begins the next word, where the
        // dictionary knows the name without it (but 阿拉法特于, 波尼拉日前).
        let begins_word = count >= 2
            && chars.peek().is_some_and(|&(next_offset, next)| {
                !titles::is_transliteration(next)
                    && jieba.has_word(&text[start + offset..start + next_offset + next.len_utf8()])
                    && jieba.has_word(&text[start..start + offset])
                    && !jieba.has_word(&text[start..start + offset + c.len_utf8()])
            });
        if begins_word {
            break;
        }
        if titles::is_transliteration(c) || is_name_joiner(c) && count > 0 {
            end = start + offset + c.len_utf8();
            count += 1;
        } else {
            break;
        }
        if count == MOST_FOREIGN_CHARS {
            break;
        }
    }
    // After a post the name is vouched for: no dictionary check (the
    // segmenter tags many transliterations as ordinary words).
    let name = text[start..end].trim_end_matches(is_name_joiner);
    (2..=MOST_FOREIGN_CHARS)
        .contains(&name.chars().count())
        .then(|| start..start + name.len())
}

/// Whether `c` joins the parts of a transliterated name: 萨阿东·哈马迪,
/// 迪亚斯-卡内尔.
fn is_name_joiner(c: char) -> bool {
    matches!(c, '·' | '-' | '‐' | '－')
}

/// A transliterated foreign name of at least `shortest` characters ending
/// at `end` (before `总统`).
fn foreign_name_ending_at(text: &str, end: usize, shortest: usize) -> Option<Range<usize>> {
    let mut start = end;
    let mut count = 0;
    for (offset, c) in text[..end].char_indices().rev() {
        if titles::is_transliteration(c) || c == '·' {
            start = offset;
            count += 1;
        } else {
            break;
        }
        if count == 8 {
            break;
        }
    }
    let name = &text[start..end];
    let long_enough = (shortest..=8).contains(&name.chars().count());
    let plausible = long_enough && !name.starts_with('·') && !titles::is_country(name);
    (plausible && !ends_a_longer_word(text, start, end)).then_some(start..end)
}

/// Foreign names next to a post: `美国总统克林顿`, `克林顿总统`.
fn foreign_names(text: &str, post_range: Range<usize>, post: &'static str, found: &mut Found) {
    let (at, after) = (post_range.start, post_range.end);
    let follows = foreign_name_at(text, after);
    if let Some(name) = follows.clone() {
        found.names.push(NameHit {
            range: name,
            titles: vec![TitleHit {
                range: organisation_start(text, at)..after,
                post,
            }],
            evidence: Evidence::Post,
        });
    }
    // 伊拉克总统萨达姆: what stands before the post is a country when a
    // name follows it.
    let name_follows =
        follows.is_some() || name_at(text, after, Surnames::Common, is_common_word).is_some();
    if !name_follows && let Some(name) = foreign_name_ending_at(text, at, 3) {
        found.names.push(NameHit {
            range: name,
            titles: vec![TitleHit {
                range: post_range,
                post,
            }],
            evidence: Evidence::Address,
        });
    }
}

/// A surname alone before a form of address kept for surnames (`张大爷`).
fn surname_address(text: &str, address: Range<usize>, post: &'static str, found: &mut Found) {
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

fn address_after(text: &str, address: Range<usize>, post: &'static str, found: &mut Found) {
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

/// Lists of leaders: items between `、` that are each a name, the first after
/// a cue (`领导`, `出席`) or itself a name already vouched for.
fn lists(text: &str, known: &HashSet<String>, found: &mut Found) {
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

/// Names before a note on who a person is, wherever they stand: a run of
/// name characters of its own (`，云布龙（蒙古族）`), the end of a run after
/// a cue (`选举云布龙（蒙古族）为`), or a Chinese name ending there.
fn noted_names(text: &str, found: &mut Found) {
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
fn note_end(text: &str, at: usize) -> usize {
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
fn note_start(text: &str, end: usize) -> usize {
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
fn has_person_note(text: &str, at: usize) -> bool {
    let end = note_end(text, at);
    end > at && {
        let note = &text[at..end];
        note.contains('族') || note.contains('女') || note.contains('男')
    }
}

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

/// The longest first item of a list that a note vouches for without a cue
/// before it (the run may hold the sentence before the name).
const NOTED_FIRST_CHARS: usize = 6;

/// Whether a list item with a note on who a person is can be a name: of
/// any origin (阿嘉·洛桑图旦·久美加措, 根通), but not a run of text.
fn is_noted_name(item: &str) -> bool {
    let length = item.chars().count();
    (2..=16).contains(&length) && !item.starts_with('·') && !item.ends_with('·')
}

/// Name characters: Han and the middle dot of transliterated names.
fn is_name_char(c: char) -> bool {
    is_han(c) || c == '·'
}

/// The start of the run of at most `most` characters of `kind` ending at
/// `end`.
fn run_start(text: &str, end: usize, most: usize, kind: fn(char) -> bool) -> usize {
    text[..end]
        .char_indices()
        .rev()
        .take(most)
        .take_while(|&(_, c)| kind(c))
        .last()
        .map_or(end, |(i, _)| i)
}

/// The end of the run of at most `most` characters of `kind` starting at
/// `start`.
fn run_end(text: &str, start: usize, most: usize, kind: fn(char) -> bool) -> usize {
    text[start..]
        .char_indices()
        .take(most)
        .take_while(|&(_, c)| kind(c))
        .last()
        .map_or(start, |(i, c)| start + i + c.len_utf8())
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

fn speech(text: &str, at: usize, found: &mut Found) {
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

/// Names joined by `·` (`罗宾·库克`, `拉吉夫·甘地`, `川·立派`), wherever
/// they stand: the dot joins the parts of foreign and minority names, and
/// it bounds them inside; outside, the first part starts and the last ends
/// where the dictionary's words stop being parts of a name (`印度前总理|
/// 拉吉夫·甘地|的遗孀`). And familiar names, by 老 and 小 (`老张`, `小许`,
/// `侯老`). One pass over the characters finds the three marks: cheaper than
/// a search for each, or an automaton, over Chinese text, whose characters
/// share their bytes.
fn marked_names(text: &str, found: &mut Found) {
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
fn dotted_name(text: &str, dot: usize) -> Option<Range<usize>> {
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
    let words = parts.iter().all(|part| {
        part.chars().nth(1).is_some()
            && !is_transliterated(part)
            && is_word_other_than(part, &["nr", "ns"])
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
const MOST_NAME_PARTS: usize = 6;

/// A familiar name, 老 or 小 at `at` and a surname (`老张说`,
/// `小许利用业余时间`): not where 老 or 小 ends a word (古老, 大小), the two
/// are a word other than a familiar name (老师, 小康), the surname begins
/// one (老黄牛, 小金刚), nor where the text goes on as a given name
/// (小王磊).
fn familiar_at(text: &str, at: usize, prefix_end: usize) -> Option<Range<usize>> {
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
fn elder_at(text: &str, at: usize) -> Option<Range<usize>> {
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

/// Whether a short name ending at `end` is followed by what does not
/// continue it: punctuation, a character that stops a name, an adverb, or a
/// word (小许利用), not the rest of a longer name (小王磊（).
pub(super) fn ends_where_words_begin(text: &str, end: usize) -> bool {
    let jieba = crate::tokens::segmenter();
    match text[end..].chars().next() {
        Some(next) if is_han(next) => {
            titles::stops_a_name(next)
                || ADVERB_ENDINGS.contains(next)
                || text[end..]
                    .char_indices()
                    .skip(1)
                    .take(3)
                    .any(|(offset, c)| jieba.has_word(&text[end..end + offset + c.len_utf8()]))
        }
        _ => true,
    }
}

/// Names in a byline: each Han run after a role.
fn byline(text: &str, found: &mut Found) {
    for credit in crate::conventions::reporter_credits(text) {
        let credit_text = &text[credit.clone()];
        let mut post: Option<(Range<usize>, &'static str)> = None;
        // Blanks are of one to three bytes (a full-width space): each word's
        // place is where it lies in the text.
        for word in credit_text.split(is_blank) {
            if word.is_empty() {
                continue;
            }
            let start = word.as_ptr() as usize - text.as_ptr() as usize;
            let range = start..start + word.len();
            if let Some(role) = BEFORE_NAME.iter().copied().find(|p| *p == word) {
                post = Some((range, role));
                continue;
            }
            if surnames::surname_len(word).is_some() && (2..=3).contains(&word.chars().count()) {
                found.names.push(NameHit {
                    range,
                    titles: post
                        .iter()
                        .map(|(range, post)| TitleHit {
                            range: range.clone(),
                            post,
                        })
                        .collect(),
                    evidence: Evidence::Byline,
                });
            }
        }
    }
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
        if cue.post || cue.description {
            post_before(text, found_cue.range(), cue.post, &mut found);
        }
        if cue.address {
            address_after(text, found_cue.range(), cue.text, &mut found);
        }
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
    found
        .names
        .retain(|hit| !gazetteer::is_no_person_at(text, hit.range.clone()));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names the text vouches for, as written, in the order found.
    fn vouched(text: &str) -> Vec<&str> {
        vouched_in(text, false)
    }

    fn vouched_in(text: &str, is_byline: bool) -> Vec<&str> {
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

    #[test]
    fn a_surname_alone_before_a_form_of_address() {
        assert_eq!(vouched("他认真落实江主席的指示。"), ["江"]);
        assert_eq!(vouched("这时，孙先生笑了。刘大爷也来了。"), ["孙", "刘"]);
        // 班主任 and 中方 are words; 向 is a preposition.
        assert!(vouched("她是班主任。中方先生们到了。他向总理汇报。").is_empty());
        assert!(!is_full_name("江") && is_full_name("江泽民"));
    }

    #[test]
    fn a_name_does_not_run_into_the_next_word_or_name() {
        assert_eq!(vouched("县委书记孙录帮助困难学生。"), ["孙录"]);
        assert_eq!(vouched("美国总统克林顿本月访问。"), ["克林顿"]);
        assert_eq!(vouched("埃及外长穆萨批评了这一做法。"), ["穆萨"]);
    }

    #[test]
    fn surnames_that_are_more_often_words_after_a_post() {
        assert_eq!(vouched("市公安局局长关治瀛赶到现场。"), ["关治瀛"]);
        // 于去年: the given name would be a word.
        assert!(vouched("委员会主席于去年当选。").is_empty());
    }

    #[test]
    fn two_character_words_are_no_names_without_a_post() {
        // The dictionary tags 贺词, 白宫 and 荣誉 as names.
        assert!(vouched("。贺词说，两国友谊长存。白宫透露，总统将出访。").is_empty());
        assert!(vouched("获得“模范集体”荣誉称号。").is_empty());
        assert_eq!(vouched("国务院总理李鹏说"), ["李鹏"]);
    }

    #[test]
    fn foreign_names_by_their_dots_and_before_verbs_of_saying() {
        assert_eq!(vouched("他会见了罗宾·库克和其他客人。"), ["罗宾·库克"]);
        assert_eq!(vouched("。卡尔森说，会谈是坦诚的。"), ["卡尔森"]);
        // A country or a word is no speaker.
        assert!(vouched("。伊拉克表示反对。").is_empty());
    }

    #[test]
    fn japanese_names() {
        // Found first, the longer reading wins over 龙太郎 found by shape.
        assert_eq!(
            vouched("日本首相桥本龙太郎对中国进行访问").first(),
            Some(&"桥本龙太郎")
        );
        assert_eq!(vouched("转达了桥本首相对他的问候"), ["桥本"]);
        assert_eq!(vouched("。桥本表示相信，"), ["桥本"]);
        assert_eq!(vouched("日本前首相羽田孜今天抵达北京"), ["羽田孜"]);
        assert!(vouched("日本选手田岛宁子分列第二").contains(&"田岛宁子"));
        assert!(!vouched("首相桥本去年曾说").contains(&"桥本去年"));
    }

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

    #[test]
    fn a_paragraph_that_is_only_names() {
        assert_eq!(vouched("秦池江"), ["秦池江"]);
        assert!(vouched("春节联欢").is_empty());
    }

    #[test]
    fn bylines_with_full_width_spaces() {
        let names = vouched_in("□通讯员 张伟　张群环", true);
        assert!(
            names.contains(&"张伟") && names.contains(&"张群环"),
            "{names:?}"
        );
    }

    #[test]
    fn go_players_by_their_ranks() {
        assert_eq!(vouched("，王磊六段和丁伟五段也在今天"), ["王磊", "丁伟"]);
    }
}
