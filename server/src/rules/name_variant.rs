use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::facts::NameList;
use crate::finding::{Edit, Fix, Related};
use crate::names::is_chinese_name;
use pinyin::ToPinyinMulti;
use std::collections::{HashMap, HashSet};

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
    /// 两个真实的人也可能名字相近（`张伟` 与 `张炜`）。所以只在姓相同、只差一个字、
    /// 且少见的写法明显少于常见写法时才提示，并在消息里说明有多确定：名册登记过、
    /// 职务相同或同在一份名单里时“较确定”，否则“可能”。
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
        let mut groups: HashMap<char, u64> = HashMap::new();
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

/// A spelling in the edition: (name, mentions, registered).
type Candidate<'a> = (&'a str, usize, bool);

impl Rule for NameVariant {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>) {
        let Some(context) = document.context else {
            return;
        };
        let counts = context.edition.name_counts();
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
        // Names by each spelling with one character past the surname blotted
        // out (张?环, 张群?), each with its count and whether the register has
        // it: the only candidates for a variant of one another.
        let mut by_blot: HashMap<String, Vec<Candidate<'_>>> = HashMap::new();
        let all = counts
            .iter()
            .map(|(&name, &count)| (name, count, registered.contains(name)))
            .chain(
                registered
                    .iter()
                    .filter(|n| !counts.contains_key(**n))
                    .map(|&name| (name, 0, true)),
            );
        for entry in all {
            for blot in blots(entry.0) {
                by_blot.entry(blot).or_default().push(entry);
            }
        }
        // Registered names first, then the most mentioned: a rare spelling
        // reads each bucket only as far as names twice as common as it.
        for bucket in by_blot.values_mut() {
            bucket.sort_by_key(|&(_, count, registered)| (!registered, std::cmp::Reverse(count)));
        }
        let lists_of = lists_by_name(context);
        // This document's mentions by name, gathered at the first finding.
        let mut own_mentions = None;
        for rare in own {
            if registered.contains(rare) {
                continue;
            }
            let rare_count = counts.get(rare).copied().unwrap_or(0);
            let mut best: Option<(&str, usize, &str)> = None;
            let buckets = blots(rare).filter_map(|blot| by_blot.get(&blot));
            let candidates = buckets.flat_map(|bucket| {
                bucket
                    .iter()
                    .take_while(|&&(_, common_count, is_registered)| {
                        is_registered || common_count >= 2 * rare_count
                    })
            });
            for &(common, common_count, is_registered) in candidates {
                if common == rare {
                    continue;
                }
                let Some((a, b)) = single_difference(rare, common) else {
                    continue;
                };
                let Some(why) = confusion(a, b) else { continue };
                // Two real people may have near names (张伟, 张炜): without the
                // register, a spelling must be common, or share a post or a
                // list with the rare one, to be taken as the right one.
                let vouched = is_registered
                    || common_count >= 3
                    || common_count >= 2 && shares_context(context, &lists_of, rare, common);
                // The likeliest: more mentions, then the usual reading of the
                // character shared (彦 is read pan only rarely), then the
                // first in order, so that the choice does not depend on
                // the order names were met.
                let rank = |name: &str, count: usize| {
                    let (x, y) = single_difference(rare, name).unwrap_or(('\0', '\0'));
                    let usual = readings(x)
                        .next()
                        .is_some_and(|r| readings(y).next() == Some(r));
                    (count, usual, std::cmp::Reverse(name.to_owned()))
                };
                if vouched
                    && best.is_none_or(|(name, count, _)| {
                        rank(common, common_count) > rank(name, count)
                    })
                {
                    best = Some((common, common_count, why));
                }
            }
            let Some((common, common_count, why)) = best else {
                continue;
            };
            let certainty = if registered.contains(common)
                || shares_context(context, &lists_of, rare, common)
            {
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
                let mut by_name: HashMap<&str, Vec<&crate::facts::Mention>> = HashMap::new();
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

/// For each name, the lists of the edition that hold it.
fn lists_by_name<'e>(context: &super::EditionContext<'e>) -> HashMap<&'e str, Vec<&'e NameList>> {
    let mut lists: HashMap<&str, Vec<&NameList>> = HashMap::new();
    for list in context
        .edition
        .articles()
        .flat_map(|(_, facts)| facts.lists.iter())
    {
        for (name, _) in &list.items {
            lists.entry(name.as_str()).or_default().push(list);
        }
    }
    lists
}

/// Whether two names share a post or stand in lists with the same people.
fn shares_context(
    context: &super::EditionContext<'_>,
    lists_of: &HashMap<&str, Vec<&NameList>>,
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
    let neighbours = |name: &str| -> HashSet<&str> {
        lists_of
            .get(name)
            .into_iter()
            .flatten()
            .flat_map(|list| list.items.iter().map(|(n, _)| n.as_str()))
            .filter(|n| *n != name)
            .collect()
    };
    !neighbours(a).is_disjoint(&neighbours(b))
}
