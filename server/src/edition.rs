//! The edition: the facts of every article of a day's paper (a folder, a
//! workspace), against which consistency is judged. It is updated one article
//! at a time, as the editor changes them.

use crate::facts::{EditionNames, Facts, Mention, Title};
use crate::names::Evidence;
use std::any::{Any, TypeId};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

/// How many times the copy may write a name for each time a cue vouches for
/// it as one, or its shape does. Persons are vouched for far more often: on
/// a year of news (xwlb-2022-2023) every person at least once in 20
/// appearances, in a month of People's Daily read as one document 周恩来 5
/// times in 183 and 马克思 once in 37; the words a cue mistook for names far
/// less often (高水平 once in 639, 祝贺 3 times in 512, 沙特 3 in 429).
pub const APPEARANCES_PER_VOUCH: usize = 50;

/// Identifies an article: its path as reported.
pub type ArticleId = Arc<str>;

#[derive(Default)]
pub struct Edition {
    articles: BTreeMap<ArticleId, Arc<Facts>>,
    /// Built on first question after a change: every consistency rule of
    /// every article asks it, so it must not be rebuilt per question.
    index: std::sync::OnceLock<Arc<NameIndex>>,
    /// What the consistency rules derive from the whole edition (see
    /// [`Edition::derived`]), built once after a change.
    derived: std::sync::Mutex<HashMap<TypeId, Arc<Derived>>>,
}

/// One kind of thing derived from the edition, built by the first rule that
/// asks for it.
type Derived = std::sync::OnceLock<Arc<dyn Any + Send + Sync>>;

impl Clone for Edition {
    fn clone(&self) -> Edition {
        Edition {
            articles: self.articles.clone(),
            index: self.index.clone(),
            derived: Default::default(),
        }
    }
}

impl std::fmt::Debug for Edition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Edition")
            .field("articles", &self.articles)
            .finish_non_exhaustive()
    }
}

/// Where each name is mentioned: (article, index into its mentions).
#[derive(Debug, Default)]
struct NameIndex {
    mentions: HashMap<String, Vec<(ArticleId, usize)>>,
}

/// Everything the edition says about one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    /// Every title seen, in order of first appearance.
    pub titles: Vec<String>,
    /// Where the person is mentioned, and how the text vouches for each.
    pub mentions: Vec<(ArticleId, Range<usize>, Evidence)>,
}

impl Edition {
    pub fn new() -> Edition {
        Edition::default()
    }

    pub fn update(&mut self, id: ArticleId, facts: Arc<Facts>) {
        self.articles.insert(id, facts);
        self.forget_derived();
    }

    pub fn remove(&mut self, id: &str) {
        self.articles.remove(id);
        self.forget_derived();
    }

    fn forget_derived(&mut self) {
        self.index = Default::default();
        self.derived = Default::default();
    }

    /// What a consistency rule derives from the whole edition (how often
    /// each form of each term is used, which lists order which names): built
    /// by `build` on the first question after a change and shared by every
    /// article's check, since each article asks the same of the edition and
    /// building it per article would cost the edition's size once per
    /// article.
    pub fn derived<T: Any + Send + Sync>(&self, build: impl FnOnce(&Edition) -> T) -> Arc<T> {
        let slot = self
            .derived
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(TypeId::of::<T>())
            .or_default()
            .clone();
        // Built in its own slot, outside the lock: checks of other articles
        // asking the same wait for it rather than build it again, while
        // rules deriving other things build theirs on other cores.
        let value = slot.get_or_init(|| Arc::new(build(self)) as Arc<dyn Any + Send + Sync>);
        value
            .clone()
            .downcast::<T>()
            .expect("a slot holds the type it is keyed by")
    }

    fn index(&self) -> &NameIndex {
        self.index.get_or_init(|| {
            let mut index = NameIndex::default();
            for (id, facts) in &self.articles {
                for (position, mention) in facts.mentions.iter().enumerate() {
                    index
                        .mentions
                        .entry(mention.name.clone())
                        .or_default()
                        .push((id.clone(), position));
                }
            }
            Arc::new(index)
        })
    }

    pub fn articles(&self) -> impl Iterator<Item = (&ArticleId, &Facts)> {
        self.articles.iter().map(|(id, facts)| (id, facts.as_ref()))
    }

    pub fn facts(&self, id: &str) -> Option<&Facts> {
        self.articles.get(id).map(Arc::as_ref)
    }

    /// Names some article vouches for by itself.
    pub fn vouched_names(&self) -> HashSet<String> {
        self.articles
            .values()
            .flat_map(|facts| facts.vouched_names().map(str::to_owned))
            .collect()
    }

    /// The names the edition refuses (see [`EditionNames::refused`]): names
    /// it writes more than [`APPEARANCES_PER_VOUCH`] times for each time a
    /// cue vouches for them, counted from articles whose facts were
    /// extracted knowing every name the edition vouches for.
    pub fn refused_names(&self) -> HashSet<String> {
        let mut tallies: HashMap<&str, (usize, usize)> = HashMap::new();
        for facts in self.articles.values() {
            for mention in &facts.mentions {
                let (vouches, appearances) = tallies.entry(&mention.name).or_default();
                *appearances += 1;
                *vouches += usize::from(mention.evidence != Evidence::Known);
            }
            for refused in &facts.refused {
                let (vouches, appearances) = tallies.entry(&refused.name).or_default();
                *appearances += refused.appearances;
                *vouches += refused.vouches;
            }
        }
        tallies
            .into_iter()
            .filter(|&(name, (vouches, appearances))| {
                vouches > 0
                    && appearances > vouches * APPEARANCES_PER_VOUCH
                    && crate::names::is_full_name(name)
            })
            .map(|(name, _)| name.to_owned())
            .collect()
    }

    /// What each article is given by the edition: every name some article
    /// vouches for, and those of them it refuses.
    pub fn names_for_articles(&self) -> EditionNames {
        let mut known = self.vouched_names();
        let refused = self.refused_names();
        known.extend(refused.iter().cloned());
        EditionNames { known, refused }
    }

    /// How often each name is mentioned in the edition.
    pub fn name_counts(&self) -> HashMap<&str, usize> {
        self.index()
            .mentions
            .iter()
            .map(|(name, mentions)| (name.as_str(), mentions.len()))
            .collect()
    }

    /// How often one name is mentioned in the edition.
    pub fn count_of(&self, name: &str) -> usize {
        self.index().mentions.get(name).map_or(0, Vec::len)
    }

    /// Every mention of a name, article by article, in order.
    pub fn mentions_of<'a>(
        &'a self,
        name: &str,
    ) -> impl Iterator<Item = (&'a ArticleId, &'a Mention)> + 'a {
        let places = self
            .index()
            .mentions
            .get(name)
            .map(Vec::as_slice)
            .unwrap_or_default();
        places.iter().filter_map(move |(id, position)| {
            let (id, facts) = self.articles.get_key_value(id)?;
            Some((id, facts.mentions.get(*position)?))
        })
    }

    /// Every title given to a name, with where.
    pub fn titles_of<'a>(
        &'a self,
        name: &str,
    ) -> impl Iterator<Item = (&'a ArticleId, &'a Title)> + 'a {
        self.mentions_of(name)
            .flat_map(|(id, mention)| mention.titles.iter().map(move |t| (id, t)))
    }

    /// The cast: every person with their titles and mentions, most mentioned
    /// first.
    pub fn people(&self) -> Vec<Person> {
        let mut people: BTreeMap<&str, Person> = BTreeMap::new();
        for (id, facts) in &self.articles {
            for mention in &facts.mentions {
                let person = people.entry(&mention.name).or_insert_with(|| Person {
                    name: mention.name.clone(),
                    titles: Vec::new(),
                    mentions: Vec::new(),
                });
                for title in &mention.titles {
                    if !person.titles.contains(&title.text) {
                        person.titles.push(title.text.clone());
                    }
                }
                person
                    .mentions
                    .push((id.clone(), mention.range.clone(), mention.evidence));
            }
        }
        let mut people: Vec<Person> = people.into_values().collect();
        people.sort_by(|a, b| {
            b.mentions
                .len()
                .cmp(&a.mentions.len())
                .then(a.name.cmp(&b.name))
        });
        people
    }
}
