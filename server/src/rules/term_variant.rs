use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::facts::{TermUse, term_counts};
use crate::finding::{Edit, Fix, Related};
use std::collections::HashMap;

declare_rule! {
    /// # term-variant
    ///
    /// 同一个说法在本版有两种写法：并列式缩略语前后颠倒（`复工复产` 与 `复产复工`，
    /// `政银合作` 与 `银政合作`），或名册（`copydesk.toml` 的 `[[terms]]`）规定了
    /// 首选写法而稿件用了应避免的写法。
    ///
    /// 政策提法要全版统一，读者看到两种写法会以为是两件事。只查容易颠倒的并列式
    /// 缩略语；`经济发展` 与 `发展经济` 这类本来就都成立的语序不查。
    ///
    /// 以名册的首选写法为准；没有名册时，以本版用得多的写法为准。
    ///
    /// 修复（建议）：改为首选或通用的写法。
    ///
    /// ```text
    /// 错：……加强银政合作，实现互利共赢。（本版其余两处为“政银合作”）
    /// 对：……加强政银合作，实现互利共赢。
    /// ```
    TermVariant { id: "term-variant", severity: Warning, family: Consistency }
}

impl Rule for TermVariant {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>) {
        let Some(context) = document.context else {
            return;
        };
        let all_uses: Vec<(&crate::edition::ArticleId, &TermUse)> = context
            .edition
            .articles()
            .flat_map(|(id, facts)| facts.terms.iter().map(move |t| (id, t)))
            .collect();
        let counts = term_counts(all_uses.iter().map(|(_, t)| *t));
        // Per term and form, where the edition first uses it: the dominant
        // form on a tie, and the related place of a finding.
        let mut first_use: HashMap<(&str, &str), (usize, &crate::edition::ArticleId, &TermUse)> =
            HashMap::new();
        for (order, (id, term)) in all_uses.iter().enumerate() {
            first_use
                .entry((&term.key, &term.text))
                .or_insert((order, id, term));
        }
        for term in &context.facts.terms {
            let Some(forms) = counts.get(term.key.as_str()) else {
                continue;
            };
            let preferred: &str = match &term.preferred {
                Some(preferred) => preferred,
                None if forms.len() >= 2 => dominant_form(forms, &first_use, &term.key),
                None => continue,
            };
            if term.text == preferred {
                continue;
            }
            let message = match &term.preferred {
                Some(_) => format!("名册规定用“{preferred}”，不用“{}”", term.text),
                None => format!(
                    "“{}”与“{preferred}”是同一说法的两种写法，本版多用“{preferred}”（{} 次）",
                    term.text,
                    forms.get(preferred).copied().unwrap_or(0)
                ),
            };
            let related = first_use
                .get(&(term.key.as_str(), preferred))
                .map(|&(_, id, t)| Related {
                    document: (id != context.id).then(|| id.clone()),
                    range: t.range.clone(),
                    message: format!("这里写作“{preferred}”"),
                });
            let fixable =
                document.source.text().get(term.range.clone()) == Some(term.text.as_str());
            let fix = fixable.then(|| {
                Fix::suggestion(
                    format!("改为“{preferred}”"),
                    vec![Edit {
                        range: term.range.clone(),
                        new_text: preferred.to_owned(),
                    }],
                )
            });
            findings
                .at_source_related(term.range.clone(), message, related)
                .fixes
                .extend(fix);
        }
    }
}

type FirstUses<'a> =
    HashMap<(&'a str, &'a str), (usize, &'a crate::edition::ArticleId, &'a TermUse)>;

/// The form used most; on a tie, the one the edition uses first.
fn dominant_form<'a>(
    forms: &std::collections::BTreeMap<&'a str, usize>,
    first_use: &FirstUses<'a>,
    key: &str,
) -> &'a str {
    let most = forms.values().copied().max().unwrap_or(0);
    forms
        .iter()
        .filter(|(_, count)| **count == most)
        .map(|(form, _)| *form)
        .min_by_key(|form| {
            first_use
                .get(&(key, *form))
                .map_or(usize::MAX, |&(order, _, _)| order)
        })
        .unwrap_or_default()
}
