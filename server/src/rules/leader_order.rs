use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::edition::ArticleId;
use crate::facts::NameList;
use crate::finding::{Edit, Fix, Related};
use rustc_hash::FxHashMap as HashMap;

declare_rule! {
    /// # leader-order
    ///
    /// 领导名单的排序与名册或本版其他名单不一致：名册里金政在张群环之前，名单却写成
    /// `张群环、金政`；或者这篇稿子写 `金政、张群环`，那篇写 `张群环、金政`。
    ///
    /// 党政领导的排名有严格的顺序，报道中列名须按排名先后，排错是政治性差错。
    /// 名册（`copydesk.toml` 的 `[[people]]`）按排名先后登记；没有名册时，
    /// 以本版其他名单的顺序为参照，提示与其他名单都不一致的那一份；两种顺序都有不止一份
    /// 名单这样写时（排名有了变动），本版自己定不下来，不提示。
    /// 后面跟着 `先后`、`依次`、`分别` 的名单写的是先后或对应关系，不是排名，不比较。
    ///
    /// 超过 60 人的名单多是以姓氏笔画为序的委员名录，不按排名，只与名册比较，
    /// 不与其他名单比较。
    ///
    /// 修复（建议）：按名册（或其他名单）的顺序重排这份名单，须编辑核实。
    ///
    /// ```text
    /// 名册：金政、张群环、胡积合
    /// 错：市领导张群环、金政、胡积合出席。
    /// 对：市领导金政、张群环、胡积合出席。
    /// ```
    LeaderOrder { id: "leader-order", severity: Warning, family: Consistency }
}

impl Rule for LeaderOrder {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>) {
        let Some(context) = document.context else {
            return;
        };
        let orders = context.edition.derived(PairOrders::of);
        for list in &context.facts.lists {
            if !check_against_register(document, list, context.register, findings)
                && is_ranked(list)
            {
                check_against_other_lists(document, list, context, &orders, findings);
            }
        }
    }
}

/// The most names a list ranked by post holds; longer ones are rolls in
/// order of surname strokes (以姓氏笔画为序).
const MOST_RANKED: usize = 60;

fn is_ranked(list: &NameList) -> bool {
    list.items.len() <= MOST_RANKED
}

/// For each pair of names, the lists of the edition that write the first
/// before the second (an article and the list's place among its lists),
/// built once for all the edition's articles.
#[derive(Default)]
struct PairOrders {
    /// A number for each name listed, so that a pair is two numbers: an
    /// edition's lists hold many pairs, and looking one up copies nothing.
    ids: HashMap<String, u32>,
    lists: HashMap<(u32, u32), Vec<(ArticleId, usize)>>,
}

impl PairOrders {
    fn of(edition: &crate::edition::Edition) -> PairOrders {
        let mut orders = PairOrders::default();
        let mut ids = Vec::new();
        for (id, facts) in edition.articles() {
            for (index, list) in facts.lists.iter().enumerate().filter(|(_, l)| is_ranked(l)) {
                ids.clear();
                for (name, _) in &list.items {
                    let next = orders.ids.len() as u32;
                    ids.push(*orders.ids.entry(name.clone()).or_insert(next));
                }
                for (i, &first) in ids.iter().enumerate() {
                    // A name listed twice (two people of one name) orders nothing.
                    for &second in ids[i + 1..].iter().filter(|&&n| n != first) {
                        orders
                            .lists
                            .entry((first, second))
                            .or_default()
                            .push((id.clone(), index));
                    }
                }
            }
        }
        orders
    }

    fn writing(&self, first: &str, second: &str) -> &[(ArticleId, usize)] {
        let (Some(&first), Some(&second)) = (self.ids.get(first), self.ids.get(second)) else {
            return &[];
        };
        self.lists
            .get(&(first, second))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

/// Reports a list whose registered names are out of rank; true when the
/// register ranks at least two of its names (and so settles the order).
fn check_against_register(
    document: &Document<'_>,
    list: &NameList,
    register: &crate::register::Register,
    findings: &mut Findings<'_>,
) -> bool {
    let ranked: Vec<(usize, usize)> = list
        .items
        .iter()
        .enumerate()
        .filter_map(|(slot, (name, _))| register.rank(name).map(|rank| (slot, rank)))
        .collect();
    if ranked.len() < 2 {
        return false;
    }
    let first_wrong = ranked.windows(2).find(|pair| pair[0].1 > pair[1].1);
    if let Some(pair) = first_wrong {
        let (ahead, behind) = (&list.items[pair[0].0].0, &list.items[pair[1].0].0);
        let message = format!("名单排序与名册不符：名册中“{behind}”排在“{ahead}”之前");
        let mut slots: Vec<usize> = ranked.iter().map(|&(slot, _)| slot).collect();
        let mut names: Vec<(usize, &str)> = ranked
            .iter()
            .map(|&(slot, rank)| (rank, list.items[slot].0.as_str()))
            .collect();
        names.sort();
        slots.sort();
        let order: Vec<(usize, &str)> = slots
            .into_iter()
            .zip(names.into_iter().map(|(_, n)| n))
            .collect();
        let fix = reorder(document, list, &order);
        findings.at_source(list.range(), message).fixes.extend(fix);
    }
    true
}

/// Reports a list that orders two names against most other lists of the
/// edition that name both.
fn check_against_other_lists(
    document: &Document<'_>,
    list: &NameList,
    context: &super::EditionContext<'_>,
    orders: &PairOrders,
    findings: &mut Findings<'_>,
) {
    for (i, (first, _)) in list.items.iter().enumerate() {
        for (second, _) in list.items[i + 1..].iter().filter(|(n, _)| n != first) {
            // The other lists that agree: all that write this order, less this one.
            let agree = orders.writing(first, second).len().saturating_sub(1);
            let disagree = orders.writing(second, first);
            // This list is the odd one out only if no other list agrees
            // with it: where several lists write each order, the ranks
            // changed (or the lists rank different things).
            if agree == 0 && super::is_slip(1, disagree.len()) {
                let (other_id, other_index) = &disagree[0];
                let Some(other) = context
                    .edition
                    .facts(other_id)
                    .and_then(|facts| facts.lists.get(*other_index))
                else {
                    continue;
                };
                let message = format!(
                    "名单排序与本版其他 {} 份名单不一致：别处“{second}”排在“{first}”之前",
                    disagree.len()
                );
                let related = Related {
                    document: (other_id != context.id).then(|| other_id.clone()),
                    range: other.range(),
                    message: format!("这份名单里“{second}”在“{first}”之前"),
                };
                let (a, b) = (i, list.position(second).unwrap_or(i));
                let fix = reorder(document, list, &[(a, second.as_str()), (b, first.as_str())]);
                findings
                    .at_source_related(list.range(), message, Some(related))
                    .fixes
                    .extend(fix);
                return;
            }
        }
    }
}

/// A fix that writes `name` into each `(slot, name)` of the list.
fn reorder(document: &Document<'_>, list: &NameList, order: &[(usize, &str)]) -> Option<Fix> {
    let text = document.source.text();
    let mut edits = Vec::new();
    for &(slot, name) in order {
        let (current, range) = &list.items[slot];
        if text.get(range.clone()) != Some(current.as_str()) {
            return None;
        }
        if current != name {
            edits.push(Edit {
                range: range.clone(),
                new_text: name.to_owned(),
            });
        }
    }
    (!edits.is_empty()).then(|| Fix::suggestion("按顺序重排名单", edits))
}
