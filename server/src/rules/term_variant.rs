use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::edition::ArticleId;
use crate::finding::{Edit, Fix, Related};
use std::collections::{BTreeMap, HashMap, HashSet};

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
    /// 以名册的首选写法为准；没有名册时，以本版用得多的写法为准，提示只用了一次的另一种写法；
    /// 两种写法都用了不止一次时，本版自己定不下来（`国际国内` 与 `国内国际` 各有固定搭配），
    /// 不提示，可在名册里定下首选。中国与别国并称时按谁在说话排先后（`中德合作`、`德中合作`），
    /// 也不查；三项并列（`做强做优做大`）不是两项颠倒；引号里的话是说话人的原话、书名号里是
    /// 作品的原名，不改。
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
        let index = context.edition.derived(TermForms::of);
        let mut quoting = Quoting::new(document.source.text());
        for term in &context.facts.terms {
            let Some(forms) = index.forms.get(&term.key) else {
                continue;
            };
            let preferred: &str = match &term.preferred {
                Some(preferred) => preferred,
                None if forms.len() >= 2 => dominant_form(forms),
                None => continue,
            };
            if term.text == preferred {
                continue;
            }
            let Some(mine) = forms.get(&term.text) else {
                continue;
            };
            // The register's preferred form may be used nowhere yet.
            let theirs = forms.get(preferred);
            let theirs_articles = theirs.map_or(0, |t| t.articles);
            if term.preferred.is_none() && !super::is_slip(mine.articles, theirs_articles) {
                continue;
            }
            // A quotation is the speaker's wording, a title the work's: the
            // desk does not unify them.
            if quoting.is_quoted(term.range.start) {
                continue;
            }
            let their_uses = theirs.map_or(0, |t| t.uses);
            let message = match &term.preferred {
                Some(_) => format!("名册规定用“{preferred}”，不用“{}”", term.text),
                // A tie has no majority: the form met first is the one kept.
                None if their_uses == mine.uses => format!(
                    "“{}”与“{preferred}”是同一说法的两种写法，本版各用 {their_uses} 次，宜统一为先出现的“{preferred}”",
                    term.text,
                ),
                None => format!(
                    "“{}”与“{preferred}”是同一说法的两种写法，本版多用“{preferred}”（{their_uses} 次）",
                    term.text,
                ),
            };
            let related = theirs
                .and_then(|t| t.first.as_ref())
                .map(|(id, range)| Related {
                    document: (*id != *context.id).then(|| id.clone()),
                    range: range.clone(),
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

/// How the edition writes each term: every form, how often, in how many
/// articles, and where first.
#[derive(Default)]
struct TermForms {
    forms: HashMap<String, BTreeMap<String, FormUse>>,
}

#[derive(Default)]
struct FormUse {
    uses: usize,
    articles: usize,
    /// The edition's first use: its order among all uses, article and range.
    order: usize,
    first: Option<(ArticleId, std::ops::Range<usize>)>,
}

impl TermForms {
    fn of(edition: &crate::edition::Edition) -> TermForms {
        let mut index = TermForms::default();
        let mut order = 0;
        for (id, facts) in edition.articles() {
            let mut seen_here: HashSet<(&str, &str)> = HashSet::new();
            for term in &facts.terms {
                let form = index
                    .forms
                    .entry(term.key.clone())
                    .or_default()
                    .entry(term.text.clone())
                    .or_default();
                form.uses += 1;
                if form.first.is_none() {
                    form.first = Some((id.clone(), term.range.clone()));
                    form.order = order;
                }
                if seen_here.insert((&term.key, &term.text)) {
                    form.articles += 1;
                }
                order += 1;
            }
        }
        index
    }
}

/// Whether offsets lie inside a quotation or a title of their paragraph,
/// asked in the order of the text (a document's terms are): the marks are
/// counted from where the last question left off, so a paragraph of a
/// million characters is read once, not once per term.
struct Quoting<'a> {
    text: &'a str,
    at: usize,
    /// Quotations and titles open at `at` in its paragraph.
    quotes: isize,
    titles: isize,
}

impl<'a> Quoting<'a> {
    fn new(text: &'a str) -> Quoting<'a> {
        Quoting {
            text,
            at: 0,
            quotes: 0,
            titles: 0,
        }
    }

    fn is_quoted(&mut self, offset: usize) -> bool {
        if offset < self.at {
            *self = Quoting::new(self.text);
        }
        for c in self.text[self.at..offset].chars() {
            match c {
                '\n' => (self.quotes, self.titles) = (0, 0),
                '“' => self.quotes += 1,
                '”' => self.quotes -= 1,
                '《' => self.titles += 1,
                '》' => self.titles -= 1,
                _ => {}
            }
        }
        self.at = offset;
        self.quotes > 0 || self.titles > 0
    }
}

/// The form used most; on a tie, the one the edition uses first.
fn dominant_form(forms: &BTreeMap<String, FormUse>) -> &str {
    forms
        .iter()
        .max_by_key(|(_, form)| (form.uses, std::cmp::Reverse(form.order)))
        .map(|(text, _)| text.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::Quoting;

    #[test]
    fn quotations_and_titles_are_told_in_one_pass_and_end_with_their_paragraph() {
        let text = "他说“复工复产”。《复产复工》一书\n“未完复工\n复工";
        let at = |word: &str, nth: usize| text.match_indices(word).nth(nth).unwrap().0;
        let mut quoting = Quoting::new(text);
        assert!(quoting.is_quoted(at("复工复产", 0)));
        assert!(quoting.is_quoted(at("复产复工", 0)));
        assert!(!quoting.is_quoted(at("一书", 0)));
        assert!(quoting.is_quoted(at("复工", 2)));
        // The next paragraph opens nothing it does not open itself.
        assert!(!quoting.is_quoted(at("复工", 3)));
        // Asked out of order, it reads again from the start.
        assert!(quoting.is_quoted(at("复工复产", 0)));
    }
}
