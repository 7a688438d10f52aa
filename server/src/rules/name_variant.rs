use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::finding::{Edit, Fix, Related};
use crate::names::is_chinese_name;
use pinyin::ToPinyinMulti;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cmp::Reverse;

declare_rule! {
    /// # name-variant
    ///
    /// 同一个人的名字写法不一：某个人名只出现一两次，而本版（同一文件夹的稿件）另有一个
    /// 出现更多、只差一个同音字或形近字的人名，如 `刘剑国` 一次、`刘建国` 三次。
    ///
    /// 人名错一个字是报纸最难挽回的差错之一，而且同音字、形近字正是输入法和排版最容易
    /// 带进来的错误。名册（`copydesk.toml` 的 `[[people]]`）里登记过的写法最可信；
    /// 没有名册时，以本版出现多的写法为准。
    ///
    /// 两个真实的人也可能名字相近（`张伟` 与 `张炜`），一版里人又很多。所以只在姓相同、
    /// 只差一个字、少见的写法只出现一次、而常见的写法是名册登记的，或在同一篇稿子里，
    /// 或职务相同、在两份名单里与同样的人并列时才提示，并在消息里说明有多确定：名册
    /// 登记过、职务相同或与同样的人并列时“较确定”，只是同在一篇稿子里时“可能”。
    /// 同一份名单里的两个名字（`王可、王宁、……王浩`）是两个人，不提示。
    ///
    /// 只比较以姓氏开头的中文人名；外国人名的译名（`布什`、`布赫` 是两个人）和
    /// 带 `·` 的人名不比较。
    ///
    /// 修复（建议）：改为名册里的或本版通用的写法，须编辑核实。
    ///
    /// ```text
    /// 错：市长刘剑国主持会议。（本版其余三处均为“刘建国”）
    /// 对：市长刘建国主持会议。
    /// ```
    NameVariant { id: "name-variant", severity: Warning, family: Consistency }
}

/// Characters that are easily mistaken for one another in print or by eye.
const LOOK_ALIKE: &[&str] = &[
    "己已巳",
    "戍戌戊",
    "未末",
    "土士",
    "日曰",
    "人入八",
    "大太犬",
    "王玉主",
    "天夭",
    "兔免",
    "侯候",
    "杨扬",
    "徐涂",
    "治冶",
    "干千于",
    "午牛",
    "刀力",
    "贝见",
    "鸟乌",
    "拔拨",
    "辨辩辫",
    "崇祟",
    "晴睛",
    "梁粱",
    "炜玮伟",
    "斌彬",
    "琳淋",
    "萍苹",
    "颖颍",
    "坤琨",
    "浩皓",
    "峰锋",
    "钧均",
    "瑜愉",
    "璐路",
    "婷停",
    "娟绢",
    "锦绵",
    "宏弘",
    "鸿洪",
    "军车",
    "元无",
    "玲铃",
    "春椿",
    "红虹",
    "岚风",
    "晖辉",
];

/// The readings of a character, the usual one first.
fn readings(c: char) -> impl Iterator<Item = &'static str> {
    c.to_pinyin_multi()
        .into_iter()
        .flat_map(|multi| multi.into_iter().map(|p| p.plain()))
}

/// Why two characters may be confused, if they may.
fn confusion(a: char, b: char) -> Option<&'static str> {
    if readings(a).any(|r| readings(b).any(|s| s == r)) {
        return Some("同音");
    }
    let groups = |c: char| LOOK_ALIKE_GROUPS.get(&c).copied().unwrap_or(0);
    (groups(a) & groups(b) != 0).then_some("形近")
}

/// For each character of [`LOOK_ALIKE`], a bit for each group it is in.
static LOOK_ALIKE_GROUPS: std::sync::LazyLock<HashMap<char, u64>> =
    std::sync::LazyLock::new(|| {
        const { assert!(LOOK_ALIKE.len() <= 64) };
        let mut groups: HashMap<char, u64> = HashMap::default();
        for (index, group) in LOOK_ALIKE.iter().enumerate() {
            for c in group.chars() {
                *groups.entry(c).or_default() |= 1 << index;
            }
        }
        groups
    });

/// The one position where two names of the same length differ, past the
/// surname (the first character).
fn single_difference(a: &str, b: &str) -> Option<(char, char)> {
    let mut pairs = a.chars().zip(b.chars());
    let (first_a, first_b) = pairs.next()?;
    if first_a != first_b || a.len() != b.len() {
        return None;
    }
    let mut differing = pairs.filter(|(x, y)| x != y);
    let difference = differing.next()?;
    differing.next().is_none().then_some(difference)
}

/// A name with each of its characters past the surname in turn replaced by
/// a character no name has.
fn blots(name: &str) -> impl Iterator<Item = String> + '_ {
    name.char_indices().skip(1).map(move |(offset, c)| {
        let mut blotted = String::with_capacity(name.len());
        blotted.push_str(&name[..offset]);
        blotted.push('\0');
        blotted.push_str(&name[offset + c.len_utf8()..]);
        blotted
    })
}

/// A candidate for the right spelling of a rare one: (name, mentions,
/// registered).
type Candidate<'a> = (&'a str, usize, bool);

/// What the edition says about its spellings, built once for all its
/// articles: how often each name is mentioned and in how many articles,
/// the names by each spelling with one character past the surname blotted
/// out (张?环, 张群?: the only candidates for a variant of one another), and
/// the lists that hold each name.
#[derive(Default)]
struct Spellings {
    counts: HashMap<String, (usize, usize)>,
    by_blot: HashMap<String, Vec<(String, usize)>>,
    /// Every list of the edition, its names in order.
    lists: Vec<Vec<String>>,
    /// For each listed name, the lists that hold it (indexes into `lists`,
    /// ascending): a name's neighbours are read from its lists when asked,
    /// not stored for every name (a roll of a thousand delegates would
    /// hold a million pairs).
    lists_of: HashMap<String, Vec<usize>>,
}

impl Spellings {
    fn of(edition: &crate::edition::Edition) -> Spellings {
        let mut spellings = Spellings::default();
        for (_, facts) in edition.articles() {
            let mut seen_here: HashSet<&str> = HashSet::default();
            for mention in &facts.mentions {
                let counts = spellings.counts.entry(mention.name.clone()).or_default();
                counts.0 += 1;
                if seen_here.insert(&mention.name) {
                    counts.1 += 1;
                }
            }
            for list in &facts.lists {
                let index = spellings.lists.len();
                for (name, _) in &list.items {
                    let lists = spellings.lists_of.entry(name.clone()).or_default();
                    if lists.last() != Some(&index) {
                        lists.push(index);
                    }
                }
                spellings
                    .lists
                    .push(list.items.iter().map(|(n, _)| n.clone()).collect());
            }
        }
        // Sized once: a table grown by doubling writes every smaller one too.
        let blotted: usize = spellings
            .counts
            .keys()
            .map(|name| name.chars().count().saturating_sub(1))
            .sum();
        spellings.by_blot.reserve(blotted);
        for (name, &(count, _)) in &spellings.counts {
            for blot in blots(name) {
                spellings
                    .by_blot
                    .entry(blot)
                    .or_default()
                    .push((name.clone(), count));
            }
        }
        // The most mentioned first: a rare spelling reads each bucket only
        // as far as names twice as common as it.
        for bucket in spellings.by_blot.values_mut() {
            bucket.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        spellings
    }

    /// Whether some list holds both names (two names, `a != b`).
    fn are_listed_together(&self, a: &str, b: &str) -> bool {
        let (Some(x), Some(y)) = (self.lists_of.get(a), self.lists_of.get(b)) else {
            return false;
        };
        // Both ascending: a merge finds a list they share.
        let (mut i, mut j) = (0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// The names listed with a name, itself left out; `None` when no list
    /// holds it.
    fn neighbours(&self, name: &str) -> Option<HashSet<&str>> {
        let lists = self.lists_of.get(name)?;
        Some(
            lists
                .iter()
                .flat_map(|&index| &self.lists[index])
                .map(String::as_str)
                .filter(|&n| n != name)
                .collect(),
        )
    }

    fn mentions(&self, name: &str) -> usize {
        self.counts.get(name).map_or(0, |c| c.0)
    }

    fn articles(&self, name: &str) -> usize {
        self.counts.get(name).map_or(0, |c| c.1)
    }
}

impl Rule for NameVariant {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>) {
        let Some(context) = document.context else {
            return;
        };
        let edition = context.edition.derived(Spellings::of);
        let registered: HashSet<&str> = context
            .register
            .people
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        let own: HashSet<&str> = context
            .facts
            .mentions
            .iter()
            .map(|m| m.name.as_str())
            .filter(|name| is_chinese_name(name))
            .collect();
        // This document's mentions by name, gathered at the first finding.
        let mut own_mentions = None;
        for &rare in &own {
            if registered.contains(rare) {
                continue;
            }
            let rare_count = edition.mentions(rare);
            let mut best: Option<(&str, usize, &str)> = None;
            let blotted: Vec<String> = blots(rare).collect();
            let from_edition = blotted
                .iter()
                .filter_map(|blot| edition.by_blot.get(blot))
                .flat_map(|bucket| {
                    bucket
                        .iter()
                        .take_while(|(_, count)| *count >= 2 * rare_count)
                        .map(|(name, count)| {
                            (name.as_str(), *count, registered.contains(name.as_str()))
                        })
                });
            let from_register = registered
                .iter()
                .map(|&name| (name, edition.mentions(name), true));
            let candidates: Vec<Candidate<'_>> = from_edition.chain(from_register).collect();
            for (common, common_count, is_registered) in candidates {
                if common == rare {
                    continue;
                }
                // Two real people may have near names (张伟, 张炜), and an
                // edition names many people: without the register, the rare
                // spelling must be a slip (one article's) beside one in the
                // same article, or one with the same post or listed with the
                // same people. The cheap conditions first: most pairs fail
                // them.
                if !is_registered
                    && !super::is_slip(edition.articles(rare), edition.articles(common))
                {
                    continue;
                }
                // A list never names one person twice: two near names in
                // one list (a roll of delegates: 王可、王宁、…王浩) are two
                // people.
                if edition.are_listed_together(rare, common) {
                    continue;
                }
                let Some((a, b)) = single_difference(rare, common) else {
                    continue;
                };
                let Some(why) = confusion(a, b) else { continue };
                let vouched = is_registered
                    || own.contains(common)
                    || shares_context(context, &edition, rare, common);
                // The likeliest (see `likelihood`).
                if vouched
                    && best.is_none_or(|(name, count, _)| {
                        likelihood(rare, common, common_count) > likelihood(rare, name, count)
                    })
                {
                    best = Some((common, common_count, why));
                }
            }
            let Some((common, common_count, why)) = best else {
                continue;
            };
            let certainty =
                if registered.contains(common) || shares_context(context, &edition, rare, common) {
                    "较确定"
                } else {
                    "可能"
                };
            let where_common = if registered.contains(common) {
                "名册登记的写法".to_owned()
            } else {
                format!("本版出现 {common_count} 次")
            };
            let related = context
                .edition
                .mentions_of(common)
                .next()
                .map(|(id, mention)| Related {
                    document: (id != context.id).then(|| id.clone()),
                    range: mention.range.clone(),
                    message: format!("“{common}”在这里"),
                });
            let own_mentions = own_mentions.get_or_insert_with(|| {
                let mut by_name: HashMap<&str, Vec<&crate::facts::Mention>> = HashMap::default();
                for mention in &context.facts.mentions {
                    by_name.entry(&mention.name).or_default().push(mention);
                }
                by_name
            });
            for mention in own_mentions.get(rare).into_iter().flatten() {
                let message = format!(
                    "人名“{rare}”疑为“{common}”之误（{why}字，{certainty}）：“{common}”{where_common}，“{rare}”仅 {rare_count} 次"
                );
                let fix = Fix::suggestion(
                    format!("改为“{common}”"),
                    vec![Edit {
                        range: mention.range.clone(),
                        new_text: common.to_owned(),
                    }],
                );
                // A name broken across a wrap cannot be replaced in one edit.
                let fixable = document.source.text().get(mention.range.clone()) == Some(rare);
                findings
                    .at_source_related(mention.range.clone(), message, related.clone())
                    .fixes
                    .extend(fixable.then_some(fix));
            }
        }
    }
}

/// How likely a spelling is the right one of a rare one: more mentions,
/// then the usual reading of the character shared (彦 is read pan only
/// rarely), then the first in order, so that the choice does not depend on
/// the order names were met.
fn likelihood<'a>(rare: &str, name: &'a str, count: usize) -> (usize, bool, Reverse<&'a str>) {
    let (x, y) = single_difference(rare, name).unwrap_or(('\0', '\0'));
    let usual = readings(x)
        .next()
        .is_some_and(|r| readings(y).next() == Some(r));
    (count, usual, Reverse(name))
}

/// Whether two names share a post or stand in lists with the same people.
fn shares_context(
    context: &super::EditionContext<'_>,
    edition: &Spellings,
    a: &str,
    b: &str,
) -> bool {
    let posts = |name: &str| -> HashSet<&'static str> {
        context
            .edition
            .titles_of(name)
            .map(|(_, t)| t.post)
            .collect()
    };
    if !posts(a).is_disjoint(&posts(b)) {
        return true;
    }
    match (edition.neighbours(a), edition.lists_of.get(b)) {
        (Some(x), Some(lists)) => lists
            .iter()
            .flat_map(|&index| &edition.lists[index])
            .any(|n| n != b && x.contains(n.as_str())),
        _ => false,
    }
}
