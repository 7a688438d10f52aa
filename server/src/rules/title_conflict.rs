use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::facts::Title;
use crate::finding::{Edit, Fix, Related};
use crate::names::{is_full_name, is_post};
use std::collections::{HashMap, HashSet};

declare_rule! {
    /// # title-conflict
    ///
    /// 同一个人的职务前后矛盾：这里是 `副市长陈立新`，那里是 `市长陈立新`；
    /// `书记` 与 `副书记`；或者职务与名册（`copydesk.toml` 的 `[[people]]`）不符。
    ///
    /// 职务写错，尤其是“正”“副”颠倒，是见报后必须更正的差错。同一人同时担任几个职务是
    /// 常事（`市委副书记、市长张群环`），不算矛盾；注明“原”“前”的是过去的职务，也不算。
    ///
    /// 判断以名册为准；没有名册时，以本版多数稿件的写法为准，提示只出现一次的少数写法；
    /// 两种写法都出现不止一次时（职务有了变动，或本是两个职务），本版自己定不下来，
    /// 不提示，可在名册里登记。注明“时任”“曾任”的也是过去的职务。
    ///
    /// 修复（建议）：改为名册里的或本版通用的职务，须编辑核实。
    ///
    /// ```text
    /// 错：副市长陈立新出席。……市长陈立新指出（名册：陈立新，市长）
    /// 对：市长陈立新出席。……市长陈立新指出
    /// ```
    TitleConflict { id: "title-conflict", severity: Warning, family: Consistency }
}

/// The rank a post names, without its deputy marks: 副市长 → 市长.
fn principal(post: &str) -> &str {
    post.trim_start_matches("常务").trim_start_matches('副')
}

fn is_deputy(post: &str) -> bool {
    post.starts_with('副') || post.starts_with("常务副")
}

/// The organisation part of a title: 农行金华分行 in 农行金华分行行长.
fn organisation(title: &Title) -> &str {
    title
        .text
        .strip_suffix(title.post)
        .unwrap_or("")
        .trim_start_matches(['原', '前'])
}

/// Two titles that cannot both be true: the same rank in the same
/// organisation, once as deputy and once not.
fn contradicts(a: &Title, b: &Title) -> bool {
    a.text != b.text
        && principal(a.post) == principal(b.post)
        && is_deputy(a.post) != is_deputy(b.post)
        && (organisation(a) == organisation(b)
            || organisation(a).is_empty()
            || organisation(b).is_empty())
}

/// One spelling of a person's current title across the edition: where it
/// first appears, how often, and in how many articles.
struct Spelling {
    article: crate::edition::ArticleId,
    first: Title,
    count: usize,
    articles: usize,
}

/// Every person's current titles by spelling, built once for all the
/// edition's articles: a frequent name's titles would otherwise be read
/// again for each article that names the person.
#[derive(Default)]
struct TitleSpellings {
    by_name: HashMap<String, Vec<Spelling>>,
}

impl TitleSpellings {
    fn of(edition: &crate::edition::Edition) -> TitleSpellings {
        let mut spellings = TitleSpellings::default();
        let mut places: HashMap<(&str, &str, &str), usize> = HashMap::new();
        for (article, facts) in edition.articles() {
            let mut seen_here: HashSet<(&str, &str, &str)> = HashSet::new();
            for mention in &facts.mentions {
                for title in mention
                    .titles
                    .iter()
                    .filter(|t| !t.former && is_post(t.post))
                {
                    let key = (mention.name.as_str(), title.text.as_str(), title.post);
                    let of_name = spellings.by_name.entry(mention.name.clone()).or_default();
                    let index = *places.entry(key).or_insert_with(|| {
                        of_name.push(Spelling {
                            article: article.clone(),
                            first: title.clone(),
                            count: 0,
                            articles: 0,
                        });
                        of_name.len() - 1
                    });
                    let spelling = &mut of_name[index];
                    spelling.count += 1;
                    if seen_here.insert(key) {
                        spelling.articles += 1;
                    }
                }
            }
        }
        spellings
    }
}

impl Rule for TitleConflict {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>) {
        let Some(context) = document.context else {
            return;
        };
        let edition_spellings = context.edition.derived(TitleSpellings::of);
        for mention in context
            .facts
            .mentions
            .iter()
            .filter(|m| is_full_name(&m.name))
        {
            let registered = context.register.person(&mention.name);
            for title in mention
                .titles
                .iter()
                .filter(|t| !t.former && is_post(t.post))
            {
                if let Some(person) = registered.filter(|p| !p.titles.is_empty()) {
                    check_against_register(findings, &mention.name, title, &person.titles);
                    continue;
                }
                let Some(spellings) = edition_spellings.by_name.get(&mention.name) else {
                    continue;
                };
                let others: Vec<&Spelling> = spellings
                    .iter()
                    .filter(|s| contradicts(title, &s.first))
                    .collect();
                let Some(first_other) = others.first() else {
                    continue;
                };
                let (other_id, other) = (&first_other.article, &first_other.first);
                let theirs: usize = others.iter().map(|s| s.count).sum();
                let mine_spellings: Vec<&Spelling> = spellings
                    .iter()
                    .filter(|s| s.first.post == title.post)
                    .collect();
                let mine: usize = mine_spellings.iter().map(|s| s.count).sum();
                // Articles, counted per spelling: an article with two of them
                // counts twice, which only makes a slip less likely.
                let articles = |of: &[&Spelling]| of.iter().map(|s| s.articles).sum::<usize>();
                // A slip is flagged; on a tie, the deputy form, since
                // promoting someone in print is the costlier mistake to leave.
                let flagged = super::is_slip(articles(&mine_spellings), articles(&others))
                    && (mine < theirs || mine == theirs && !is_deputy(title.post));
                if !flagged {
                    continue;
                }
                let message = format!(
                    "“{}”的职务前后矛盾：这里是“{}”，本版另有 {theirs} 处是“{}”",
                    mention.name, title.text, other.text
                );
                let related = Related {
                    document: (other_id != context.id).then(|| other_id.clone()),
                    range: other.range.clone(),
                    message: format!("这里是“{}”", other.text),
                };
                let fix = replacement(document, title, &other.text);
                findings
                    .at_source_related(title.range.clone(), message, Some(related))
                    .fixes
                    .extend(fix);
            }
        }
    }
}

fn check_against_register(
    findings: &mut Findings<'_>,
    name: &str,
    title: &Title,
    registered: &[String],
) {
    if registered
        .iter()
        .any(|r| r == &title.text || post_of(r) == title.post)
    {
        return;
    }
    let contradicted = registered
        .iter()
        .find(|r| principal(post_of(r)) == principal(title.post));
    let message = match contradicted {
        Some(right) => format!(
            "“{name}”的职务与名册不符：这里是“{}”，名册是“{right}”",
            title.text
        ),
        None => format!(
            "名册中“{name}”的职务是“{}”，没有“{}”",
            registered.join("、"),
            title.text
        ),
    };
    let fix = contradicted.map(|right| {
        Fix::suggestion(
            format!("改为“{right}”"),
            vec![Edit {
                range: title.range.clone(),
                new_text: right.clone(),
            }],
        )
    });
    findings
        .at_source(title.range.clone(), message)
        .fixes
        .extend(fix);
}

/// The post a registered title ends with: 市长 in 金华市市长.
fn post_of(title: &str) -> &str {
    crate::names::BEFORE_NAME
        .iter()
        .copied()
        .filter(|p| title.ends_with(p))
        .max_by_key(|p| p.len())
        .unwrap_or(title)
}

fn replacement(document: &Document<'_>, title: &Title, text: &str) -> Option<Fix> {
    (document.source.text().get(title.range.clone()) == Some(title.text.as_str())).then(|| {
        Fix::suggestion(
            format!("改为“{text}”"),
            vec![Edit {
                range: title.range.clone(),
                new_text: text.to_owned(),
            }],
        )
    })
}
