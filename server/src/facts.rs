//! What a document says: who is mentioned, with which titles, in which lists
//! and in what order, and which terms it uses. Ranges are source ranges, so
//! facts can be asked by position (the editor's hover, references, rename).

use crate::blocks::{Block, BlockKind};
use crate::chars::is_han;
use crate::names::{self, Evidence, NameHit};
use crate::register::Register;
use crate::source::moved;
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

/// A post attached to a mention, as written (`农行金华分行行长`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Title {
    pub text: String,
    /// The post without its organisation: `行长`.
    pub post: &'static str,
    pub range: Range<usize>,
    /// `原市长`, `前总理`: not a current post.
    pub former: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub name: String,
    pub range: Range<usize>,
    pub titles: Vec<Title>,
    pub evidence: Evidence,
}

impl Mention {
    fn moved(&self, delta: isize) -> Mention {
        Mention {
            range: moved(&self.range, delta),
            titles: self
                .titles
                .iter()
                .map(|t| Title {
                    range: moved(&t.range, delta),
                    ..t.clone()
                })
                .collect(),
            ..self.clone()
        }
    }
}

/// Names listed together, in the order written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameList {
    pub items: Vec<(String, Range<usize>)>,
}

impl NameList {
    pub fn range(&self) -> Range<usize> {
        let start = self.items.first().map_or(0, |(_, r)| r.start);
        let end = self.items.last().map_or(start, |(_, r)| r.end);
        start..end
    }

    pub fn position(&self, name: &str) -> Option<usize> {
        self.items.iter().position(|(n, _)| n == name)
    }

    fn moved(&self, delta: isize) -> NameList {
        NameList {
            items: self
                .items
                .iter()
                .map(|(name, range)| (name.clone(), moved(range, delta)))
                .collect(),
        }
    }
}

/// One use of a term that has another form: `复工复产` (key `复工复产|复产复工`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermUse {
    pub text: String,
    /// The same for every form of the term.
    pub key: String,
    pub range: Range<usize>,
    /// The register's preferred form, when the register names this term.
    pub preferred: Option<String>,
}

impl TermUse {
    fn moved(&self, delta: isize) -> TermUse {
        TermUse {
            range: moved(&self.range, delta),
            ..self.clone()
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    pub mentions: Vec<Mention>,
    pub lists: Vec<NameList>,
    pub terms: Vec<TermUse>,
    /// The names of the edition refuses that the document writes, by name:
    /// their mentions are gone, and the edition still needs their counts to
    /// judge them again.
    pub refused: Vec<Refused>,
}

/// A name the edition refuses, as one document writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Refused {
    pub name: String,
    /// How often the document vouches for it, or its shape does.
    pub vouches: usize,
    /// How often it stands in the document as a name would.
    pub appearances: usize,
}

/// What an article is given by the rest of its edition.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EditionNames {
    /// Names other articles vouch for: found wherever they appear.
    pub known: HashSet<String>,
    /// Names the edition writes far more often than any cue vouches for
    /// them (`伤员高水平救治` makes 高水平 a name once, in copy that writes
    /// 高水平 hundreds of times as a word): the cue was wrong, and they are
    /// nobody, wherever they appear. They are found as names all the same,
    /// and then dropped, so that the edition can count them again.
    pub refused: HashSet<String>,
}

impl EditionNames {
    /// Names known to the edition, none refused.
    pub fn known(known: HashSet<String>) -> EditionNames {
        EditionNames {
            known,
            refused: HashSet::new(),
        }
    }
}

/// The fewest blocks worth a task of their own on the thread pool.
const BLOCKS_PER_TASK: usize = 64;

/// For each block of a document, the block of an earlier version of it that
/// it is a moved copy of (see [`Block::is_moved`]) and how far it moved.
pub type Moves = [Option<(usize, isize)>];

/// What extracting a document's facts leaves for extracting them again after
/// an edit: what each block vouched for, where each block's facts lie in
/// [`Facts`], and the names each stage was given.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    /// The register's names and the edition's: what the first stage knew.
    given: HashSet<String>,
    /// The names the edition refused.
    refused: HashSet<String>,
    /// `given` and every name the blocks vouch for: what the second stage knew.
    known: HashSet<String>,
    vouched: Vec<names::Found>,
    spans: Vec<BlockSpans>,
}

/// One block's facts.
struct BlockFacts {
    mentions: Vec<Mention>,
    lists: Vec<NameList>,
    terms: Vec<TermUse>,
    /// The mentions of refused names, dropped.
    refused: Vec<(String, Evidence)>,
}

/// Where one block's facts lie in the document's [`Facts`].
#[derive(Clone, Debug, Default)]
struct BlockSpans {
    /// The block's mentions of refused names, dropped.
    refused: Vec<(String, Evidence)>,
    mentions: Range<usize>,
    lists: Range<usize>,
    terms: Range<usize>,
}

impl Facts {
    /// Extracts the facts of a document. `known` names (the register's and
    /// those other articles of the edition vouch for) are found wherever they
    /// appear.
    pub fn extract(blocks: &[Block], register: &Register, edition: &EditionNames) -> Facts {
        let unmoved = vec![None; blocks.len()];
        Facts::extract_again(blocks, register, edition, &unmoved, None).0
    }

    /// Extracts the facts of an edited document: blocks the edit did not
    /// touch (`moves`) keep the facts of the `earlier` extraction, made under
    /// the same register, when the names known are the same.
    pub fn extract_again(
        blocks: &[Block],
        register: &Register,
        edition: &EditionNames,
        moves: &Moves,
        earlier: Option<(&Facts, &Extraction)>,
    ) -> (Facts, Extraction) {
        use rayon::prelude::*;
        let mut given: HashSet<String> = edition.known.clone();
        given.extend(register.people.iter().map(|p| p.name.clone()));
        // The register's people are people, however the edition writes them.
        let refused: HashSet<String> = edition
            .refused
            .iter()
            .filter(|name| !given.contains(*name))
            .cloned()
            .collect();
        let earlier_given = earlier.filter(|(_, e)| e.given == given && e.refused == refused);
        // A short article is read on this thread: handing blocks to the pool
        // costs more than reading them.
        let vouched: Vec<names::Found> = blocks
            .par_iter()
            .with_min_len(BLOCKS_PER_TASK)
            .zip(moves)
            .map(|(block, moved)| match (moved, earlier_given) {
                (Some((index, _)), Some((_, e))) => e.vouched[*index].clone(),
                _ => names::find_vouched(&block.text, block.kind == BlockKind::Byline, &given),
            })
            .collect();
        let vouched_for =
            names::times_vouched(blocks.iter().zip(&vouched).flat_map(|(block, found)| {
                found
                    .names
                    .iter()
                    .map(|hit| (&block.text[hit.range.clone()], hit.evidence))
            }));
        let mut known = given.clone();
        for (&name, &times) in &vouched_for {
            if names::is_found_again(name, times) && !known.contains(name) {
                known.insert(name.to_owned());
            }
        }
        // A feature calls its subject by the given name alone (周恩来 →
        // 《百年恩来》): a person the text vouches for more than once.
        let given_names: Vec<String> = vouched_for
            .into_iter()
            .filter(|&(_, count)| count >= 2)
            .filter_map(|(name, _)| names::given_name(name))
            .map(str::to_owned)
            .collect();
        known.extend(given_names);
        let earlier_known = earlier_given.filter(|(_, e)| e.known == known);
        let kept = |moved: &Option<(usize, isize)>| {
            earlier_known.and_then(|(facts, e)| {
                let (index, delta) = (*moved)?;
                Some((facts, &e.spans[index], delta))
            })
        };
        let matcher = moves
            .iter()
            .any(|moved| kept(moved).is_none())
            .then(|| names::KnownNames::new(&known));
        let per_block: Vec<BlockFacts> = blocks
            .par_iter()
            .with_min_len(BLOCKS_PER_TASK)
            .zip(moves)
            .zip(&vouched)
            .map(|((block, moved), found)| {
                if let Some((facts, spans, delta)) = kept(moved) {
                    return BlockFacts {
                        mentions: facts.mentions[spans.mentions.clone()]
                            .iter()
                            .map(|m| m.moved(delta))
                            .collect(),
                        lists: facts.lists[spans.lists.clone()]
                            .iter()
                            .map(|l| l.moved(delta))
                            .collect(),
                        terms: facts.terms[spans.terms.clone()]
                            .iter()
                            .map(|t| t.moved(delta))
                            .collect(),
                        refused: spans.refused.clone(),
                    };
                }
                let mut hits = found.names.clone();
                if let Some(matcher) = &matcher {
                    hits.extend(matcher.find(&block.text));
                }
                let lists = found
                    .lists
                    .iter()
                    .map(|list| NameList {
                        items: list
                            .names
                            .iter()
                            .map(|r| {
                                (
                                    block.text[r.clone()].to_owned(),
                                    block.source_range(r.clone()),
                                )
                            })
                            .collect(),
                    })
                    .collect();
                let mut mentions = merge_hits(block, hits);
                let refused_here = drop_refused(&mut mentions, &refused);
                BlockFacts {
                    mentions,
                    lists,
                    terms: terms(block, register),
                    refused: refused_here,
                }
            })
            .collect();
        let mut facts = Facts {
            refused: tally_refused(per_block.iter().flat_map(|b| &b.refused), Vec::new()),
            ..Facts::default()
        };
        let mut spans = Vec::with_capacity(blocks.len());
        for BlockFacts {
            mentions,
            lists,
            terms,
            refused,
        } in per_block
        {
            let before = (facts.mentions.len(), facts.lists.len(), facts.terms.len());
            facts.mentions.extend(mentions);
            facts.lists.extend(lists);
            facts.terms.extend(terms);
            spans.push(BlockSpans {
                refused,
                mentions: before.0..facts.mentions.len(),
                lists: before.1..facts.lists.len(),
                terms: before.2..facts.terms.len(),
            });
        }
        let extraction = Extraction {
            given,
            refused,
            known,
            vouched,
            spans,
        };
        (facts, extraction)
    }

    /// Drops the mentions of names the edition refuses, keeping their
    /// counts: what extracting the facts with them refused gives.
    pub fn refuse(&mut self, refused: &HashSet<String>) {
        let dropped = drop_refused(&mut self.mentions, refused);
        if !dropped.is_empty() {
            self.refused = tally_refused(dropped.iter(), std::mem::take(&mut self.refused));
        }
    }

    /// Names this document vouches for by itself (not only as known names),
    /// whole enough to be found again anywhere (not 江 of 江主席).
    pub fn vouched_names(&self) -> impl Iterator<Item = &str> {
        let found_by_itself = self
            .mentions
            .iter()
            .filter(|m| m.evidence != Evidence::Known)
            .map(|m| (m.name.as_str(), m.evidence));
        names::times_vouched(found_by_itself)
            .into_iter()
            .filter(|&(name, times)| names::is_found_again(name, times))
            .map(|(name, _)| name)
    }

    /// The mention at a source offset.
    pub fn person_at(&self, offset: usize) -> Option<&Mention> {
        self.mentions
            .iter()
            .find(|m| m.range.start <= offset && offset < m.range.end.max(m.range.start + 1))
    }

    pub fn mentions_of<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Mention> + 'a {
        self.mentions.iter().filter(move |m| m.name == name)
    }
}

/// Drops the mentions of refused names; returns them by name and evidence.
fn drop_refused(mentions: &mut Vec<Mention>, refused: &HashSet<String>) -> Vec<(String, Evidence)> {
    let mut dropped = Vec::new();
    if !refused.is_empty() {
        mentions.retain(|m| {
            let keep = !refused.contains(&m.name);
            if !keep {
                dropped.push((m.name.clone(), m.evidence));
            }
            keep
        });
    }
    dropped
}

/// Adds mentions of refused names, by name and evidence, to the tallies of
/// `earlier`.
fn tally_refused<'a>(
    mentions: impl Iterator<Item = &'a (String, Evidence)>,
    earlier: Vec<Refused>,
) -> Vec<Refused> {
    let mut tallies: BTreeMap<String, Refused> =
        earlier.into_iter().map(|r| (r.name.clone(), r)).collect();
    for (name, evidence) in mentions {
        let tally = tallies.entry(name.clone()).or_insert_with(|| Refused {
            name: name.clone(),
            ..Refused::default()
        });
        tally.appearances += 1;
        tally.vouches += usize::from(*evidence != Evidence::Known);
    }
    tallies.into_values().collect()
}

/// Words that make a post a past one: `原市长`, `前总理`, `时任国家副主席`,
/// `曾任…书记`.
const FORMER: &[&str] = &["原", "前", "时任", "曾任", "原任", "前任", "历任", "卸任"];

/// Whether a title, with the text before it, names a post held before.
fn is_former(before: &str, title: &str) -> bool {
    FORMER
        .iter()
        .any(|word| title.starts_with(word) || before.ends_with(word))
}

/// One mention per name range: titles found by different patterns are
/// merged; a name vouched for beats a shorter or longer known one at the same
/// place.
fn merge_hits(block: &Block, mut hits: Vec<NameHit>) -> Vec<Mention> {
    hits.sort_by_key(|h| (h.range.start, h.evidence, std::cmp::Reverse(h.range.end)));
    let mut merged: Vec<NameHit> = Vec::new();
    for hit in hits {
        match merged.last_mut() {
            Some(last) if last.range == hit.range => {
                for title in hit.titles {
                    if !last.titles.contains(&title) {
                        last.titles.push(title);
                    }
                }
                last.evidence = last.evidence.min(hit.evidence);
            }
            Some(last) if last.range.end > hit.range.start => {}
            _ => merged.push(hit),
        }
    }
    merged
        .into_iter()
        .map(|hit| Mention {
            name: block.text[hit.range.clone()].to_owned(),
            range: block.source_range(hit.range),
            titles: hit
                .titles
                .into_iter()
                .filter(|t| names::is_post(t.post))
                .map(|t| {
                    let text = block.text[t.range.clone()].to_owned();
                    Title {
                        former: is_former(&block.text[..t.range.start], &text),
                        text,
                        post: t.post,
                        range: block.source_range(t.range),
                    }
                })
                .collect(),
            evidence: hit.evidence,
        })
        .collect()
}

/// Second halves of coordinate abbreviations whose first half is often
/// written in either order (`政银合作`, `银政合作`).
const ABBREVIATION_TAILS: &[&str] = &[
    "合作", "对接", "联动", "共建", "协作", "携手", "联手", "互动", "融合",
];

/// The first characters of [`ABBREVIATION_TAILS`]: most characters of a text
/// are none of them, and cost one load each.
static ABBREVIATION_TAIL_STARTS: std::sync::LazyLock<crate::chars::CharSet> =
    std::sync::LazyLock::new(|| {
        crate::chars::CharSet::new(ABBREVIATION_TAILS.iter().filter_map(|t| t.chars().next()))
    });

/// Characters that are no abbreviation of a party to a partnership: words of
/// grammar (`…等新合作`), and 中, since China and another country are named
/// speaker first (`中德合作`, and `德中合作` when Germany speaks).
const NOT_ABBREVIATIONS: &str = "等的和与及在同跟对向为以由被将把了也都并或之其中";

/// Whether `x` and `y` before a common tail abbreviate two parties
/// (`政`府 and `银`行 in `政银合作`): neither is a word of grammar, and
/// neither order makes a word (`海上`/`上海合作`, `开展`/`展开合作`).
fn abbreviates_two_parties(x: char, y: char) -> bool {
    let jieba = crate::tokens::segmenter();
    let word = |a: char, b: char| jieba.has_word(&format!("{a}{b}"));
    !NOT_ABBREVIATIONS.contains(x) && !NOT_ABBREVIATIONS.contains(y) && !word(x, y) && !word(y, x)
}

/// Whether four characters are two words of the clause around them, side by
/// side: not the end of one word and the start of another (`日常生活/生产`,
/// `分类/分/区域`).
fn is_a_unit(text: &str, term: Range<usize>, middle: usize) -> bool {
    let clause = crate::tokens::clause_around(text, term.start);
    let boundaries: Vec<usize> = crate::tokens::words(&text[clause.clone()])
        .into_iter()
        .map(|word| word.start + clause.start)
        .chain([clause.end])
        .collect();
    [term.start, middle, term.end]
        .iter()
        .all(|at| boundaries.contains(at))
}

/// Terms with another form in circulation: four-character coordinate
/// compounds with a repeated head (`复工复产`/`复产复工`; not two of a longer
/// run, `做强做优做大`), two-character coordinate abbreviations before a
/// common tail (`政银合作`/`银政合作`), and the register's preferred and
/// avoided forms.
fn terms(block: &Block, register: &Register) -> Vec<TermUse> {
    let text = &block.text;
    let mut uses = Vec::new();
    let tail_starts = &*ABBREVIATION_TAIL_STARTS;
    // The last six characters read, oldest first: the four of a term and the
    // two before it.
    let mut window: [(usize, char); 6] = [(0, '\0'); 6];
    let mut chars = text.char_indices().enumerate().peekable();
    while let Some((count, (offset, d))) = chars.next() {
        window = [
            window[1],
            window[2],
            window[3],
            window[4],
            window[5],
            (offset, d),
        ];
        let [(_, before_head), _, (start, a), (_, b), (tail_start, c), _] = window;
        let repeated_head = a == c && b != d && a != b && a != d;
        let may_be_abbreviation = a != b && tail_starts.contains(c);
        if count < 3
            || !(repeated_head || may_be_abbreviation)
            || !(is_han(a) && is_han(b) && is_han(c) && is_han(d))
        {
            continue;
        }
        let end = offset + d.len_utf8();
        let tail = &text[tail_start..end];
        let key = if repeated_head {
            let head_follows = chars.peek().is_some_and(|&(_, (_, next))| next == a);
            let head_before = count >= 5 && before_head == a;
            if head_follows || head_before || !is_a_unit(text, start..end, tail_start) {
                continue;
            }
            let (x, y) = if b < d { (b, d) } else { (d, b) };
            format!("{a}{x}{a}{y}|{a}{y}{a}{x}")
        } else if ABBREVIATION_TAILS.contains(&tail) && abbreviates_two_parties(a, b) {
            let (x, y) = if a < b { (a, b) } else { (b, a) };
            format!("{x}{y}{tail}|{y}{x}{tail}")
        } else {
            continue;
        };
        uses.push(TermUse {
            text: text[start..end].to_owned(),
            key,
            range: block.source_range(start..end),
            preferred: None,
        });
    }
    for term in &register.terms {
        let key = format!("register:{}", term.prefer);
        for form in std::iter::once(&term.prefer).chain(&term.avoid) {
            for (start, _) in text.match_indices(form.as_str()) {
                uses.retain(|u| u.range != block.source_range(start..start + form.len()));
                uses.push(TermUse {
                    text: form.clone(),
                    key: key.clone(),
                    range: block.source_range(start..start + form.len()),
                    preferred: Some(term.prefer.clone()),
                });
            }
        }
    }
    uses
}

/// How often each form of each term is used.
pub fn term_counts<'a>(
    uses: impl Iterator<Item = &'a TermUse>,
) -> BTreeMap<&'a str, BTreeMap<&'a str, usize>> {
    let mut counts: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for term in uses {
        *counts
            .entry(&term.key)
            .or_default()
            .entry(&term.text)
            .or_default() += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Language, Source};

    fn seed_facts() -> Facts {
        let source = Source::new(
            include_str!("../../tests/fixtures/news-page.txt"),
            Language::PlainText,
        );
        let blocks = crate::blocks::blocks(&source);
        Facts::extract(&blocks, &Register::default(), &EditionNames::default())
    }

    #[test]
    fn seed_page_people_and_nothing_else() {
        let facts = seed_facts();
        let mut names: Vec<&str> = facts.mentions.iter().map(|m| m.name.as_str()).collect();
        names.sort();
        names.dedup();
        // The cast the issue names, shared with the end-to-end tests.
        let mut expected: Vec<&str> = include_str!("../../tests/fixtures/news-page.people.txt")
            .lines()
            .collect();
        expected.sort();
        assert_eq!(names, expected);
    }

    #[test]
    fn seed_page_titles_and_lists() {
        let facts = seed_facts();
        let titles = |name: &str| -> Vec<String> {
            let mut t: Vec<String> = facts
                .mentions_of(name)
                .flat_map(|m| m.titles.iter().map(|t| t.text.clone()))
                .collect();
            t.dedup();
            t
        };
        assert_eq!(titles("张群环"), ["市委副书记", "市长"]);
        assert_eq!(titles("付小红"), ["农行金华分行行长"]);
        assert_eq!(titles("习近平"), ["总书记"]);
        assert_eq!(titles("陈晓苏"), ["首席记者"]);
        assert_eq!(
            titles("金政"),
            ["市委书记", "市疫情防控工作领导小组第一组长"]
        );
        let lists: Vec<Vec<&str>> = facts
            .lists
            .iter()
            .map(|l| l.items.iter().map(|(n, _)| n.as_str()).collect())
            .collect();
        assert_eq!(
            lists,
            [
                vec![
                    "金政",
                    "张群环",
                    "胡积合",
                    "周启标",
                    "蒋震雷",
                    "吴婉珍",
                    "吕群勇",
                    "施礼干",
                    "卢轶",
                    "李浩锋"
                ],
                vec!["张群环", "吕群勇", "朱彭年"],
            ]
        );
        // 金政说, 金⏎政强调: bare mentions, one broken across a wrap.
        assert!(facts.mentions_of("金政").count() >= 4);
    }

    /// The facts of a plain-text document of its own.
    fn facts_of(text: &str) -> Facts {
        let source = Source::new(text, Language::PlainText);
        let blocks = crate::blocks::blocks(&source);
        Facts::extract(&blocks, &Register::default(), &EditionNames::default())
    }

    #[test]
    fn foreign_names_beside_posts() {
        let facts =
            facts_of("他们是：副总统切尼、国务卿鲍威尔。克林顿总统说，伊拉克总统萨达姆拒绝了。");
        let found = titled(&facts);
        assert_eq!(
            found,
            [
                ("切尼", vec!["副总统"]),
                ("鲍威尔", vec!["国务卿"]),
                ("克林顿", vec!["总统"]),
                ("萨达姆", vec!["伊拉克总统"]),
            ]
        );
    }

    /// The names mentioned, in order.
    fn names_of(facts: &Facts) -> Vec<&str> {
        facts.mentions.iter().map(|m| m.name.as_str()).collect()
    }

    /// The mentions with titles: the name and its titles as written.
    fn titled(facts: &Facts) -> Vec<(&str, Vec<&str>)> {
        facts
            .mentions
            .iter()
            .filter(|m| !m.titles.is_empty())
            .map(|m| {
                (
                    m.name.as_str(),
                    m.titles.iter().map(|t| t.text.as_str()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_title_is_a_post_and_its_organisation_never_a_clause() {
        let facts = facts_of(
            "习近平在北京会见不丹外交大臣丹迪·多吉。会议听取了财政部部长刘昆作的说明。\
             刚刚抵达河内的中共中央总书记习近平指出。中华人民共和国主席习近平表示。",
        );
        let titles = titled(&facts);
        assert_eq!(
            titles,
            [
                ("丹迪·多吉", vec!["不丹外交大臣"]),
                ("刘昆", vec!["财政部部长"]),
                ("习近平", vec!["中共中央总书记"]),
                ("习近平", vec!["中华人民共和国主席"]),
            ]
        );
    }

    #[test]
    fn no_name_after_the_address_of_a_name_nor_after_the_state_nor_twice_one_character() {
        let facts = facts_of(
            "宣读习近平主席贺信并致辞。呈现总体国家安全观深刻内涵。一定不辜负总书记殷殷嘱托。",
        );
        let names = names_of(&facts);
        assert_eq!(names, ["习近平"]);
        let facts = facts_of(
            "应国家主席习近平邀请，总统将访华。\
             沙特国王萨勒曼、王储兼首相穆罕默德表示祝贺。",
        );
        let names = names_of(&facts);
        for not_a_name in ["应国家", "王储"] {
            assert!(!names.contains(&not_a_name), "{not_a_name} in {names:?}");
        }
        assert!(
            names.contains(&"习近平") && names.contains(&"萨勒曼"),
            "{names:?}"
        );
    }

    #[test]
    fn todays_foreign_names_and_no_places() {
        let facts = facts_of(
            "俄罗斯总统普京表示，古巴国家主席迪亚斯-卡内尔、乌克兰总统泽连斯基出席。\
             乌军称，在巴赫穆特击退进攻。厄瓜多尔总统宣布。马方表示支持。",
        );
        let names = names_of(&facts);
        assert_eq!(names, ["普京", "迪亚斯-卡内尔", "泽连斯基"]);
    }

    #[test]
    fn a_subject_called_by_the_given_name_alone() {
        let facts = facts_of(
            "记者王金花报道：村民张迎艳今年１２岁。\n\n村主任张迎艳说，迎艳的学习很好。\n\n迎艳，加油！",
        );
        assert_eq!(facts.mentions_of("迎艳").count(), 2);
        // A person vouched for once is not yet the subject of the piece.
        assert_eq!(facts.mentions_of("金花").count(), 0);
    }

    #[test]
    fn seed_page_terms() {
        let facts = seed_facts();
        let counts = term_counts(facts.terms.iter());
        let bank = &counts["政银合作|银政合作"];
        assert_eq!(bank.get("政银合作"), Some(&3));
        assert_eq!(bank.get("银政合作"), Some(&1));
        assert!(counts["复产复工|复工复产"]["复工复产"] >= 10);
    }
}
