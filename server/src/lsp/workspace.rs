//! The edition the editor is working on: every article under the workspace
//! folders (open or not) with its facts, and the registers that govern them.
//! Consistency findings, hover on a person, references and rename read it.

use copydesk::incremental::Checked;
use copydesk::register::{FILE_NAME, Register};
use copydesk::{Article, Edition, EditionNames, Facts, Finding, Language, RuleSettings, Source};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use tower_lsp_server::ls_types::Uri;

/// An article's facts before and after a change of the edition.
#[derive(Debug, Default)]
pub struct Replaced {
    pub before: Option<Arc<Facts>>,
    pub after: Option<Arc<Facts>>,
}

/// A register as read from disk, with its problems.
#[derive(Debug)]
pub struct RegisterFile {
    pub path: PathBuf,
    pub register: Register,
}

#[derive(Default)]
struct Inner {
    /// Every known article by URI: the open version if open, else the one on disk.
    articles: HashMap<String, Arc<Article>>,
    edition: Edition,
    registers: HashMap<PathBuf, Arc<RegisterFile>>,
    roots: Vec<PathBuf>,
    /// The register chosen in the editor's settings, if any.
    chosen_register: Option<PathBuf>,
    /// The names the edition vouches for, gathered once per change of the
    /// edition rather than on every keystroke.
    known: Option<Arc<EditionNames>>,
    /// The latest check of each open document, which the next check of it
    /// reuses where an edit did not reach.
    checked: HashMap<String, Arc<Checked>>,
}

impl Inner {
    fn known(&mut self) -> Arc<EditionNames> {
        let edition = &self.edition;
        Arc::clone(
            self.known
                .get_or_insert_with(|| Arc::new(edition.names_for_articles())),
        )
    }
}

#[derive(Default)]
pub struct Workspace {
    inner: Mutex<Inner>,
}

fn path_of(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

pub fn uri_of(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

impl Workspace {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Reads every article under a folder, so the consistency rules see
    /// articles that are not open. Returns how many were read.
    pub fn index_folder(&self, root: &Path, progress: impl Fn(usize, usize) + Sync) -> usize {
        let paths: Vec<PathBuf> = ignore::WalkBuilder::new(root)
            .require_git(false)
            .build()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .map(|e| e.into_path())
            .filter(|p| Language::from_path(p).is_some())
            .collect();
        let total = paths.len();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let mut articles: Vec<Article> = paths
            .par_iter()
            .filter_map(|path| {
                let text = match std::fs::read(path).map(String::from_utf8) {
                    Ok(Ok(text)) => text,
                    Ok(Err(_)) => {
                        tracing::warn!("{}: not UTF-8; not indexed", path.display());
                        return None;
                    }
                    Err(error) => {
                        tracing::warn!("{}: {error}; not indexed", path.display());
                        return None;
                    }
                };
                if text.len() > super::memory::FULL_CHECK_BYTES {
                    tracing::info!(
                        "{}: {} bytes, over the size limit of a full check; not indexed",
                        path.display(),
                        text.len()
                    );
                    return None;
                }
                let uri = uri_of(path)?;
                let language = Language::from_path(path)?;
                let text = copydesk::source::strip_bom(&text).0.to_owned();
                let count = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                progress(count, total);
                Some(Article::parse(uri.as_str(), Source::new(text, language)))
            })
            .collect();
        let registers: Vec<Arc<RegisterFile>> = articles
            .iter()
            .map(|a| self.register_for_id(&a.id))
            .collect();
        let plain: Vec<&Register> = registers.iter().map(|r| &r.register).collect();
        copydesk::build_edition(&mut articles, &plain);
        let mut inner = self.lock();
        inner.roots.push(root.to_path_buf());
        for article in articles {
            let id = article.id.to_string();
            // An open document's version wins over the disk's.
            inner
                .articles
                .entry(id)
                .or_insert_with(|| Arc::new(article));
        }
        let Inner {
            articles, edition, ..
        } = &mut *inner;
        for article in articles.values() {
            edition.update(article.id.clone(), article.facts.clone());
        }
        total
    }

    /// Uses the register chosen in the editor's settings for every document
    /// (or, with `None`, the nearest `copydesk.toml` again).
    pub fn choose_register(&self, path: Option<PathBuf>) {
        self.lock().chosen_register = path;
    }

    /// The register that governs a document, read once and cached.
    pub fn register_for(&self, uri: &Uri) -> Arc<RegisterFile> {
        self.register_for_id(uri.as_str())
    }

    fn register_for_id(&self, id: &str) -> Arc<RegisterFile> {
        let none = || {
            Arc::new(RegisterFile {
                path: PathBuf::new(),
                register: Register::default(),
            })
        };
        let chosen = self.lock().chosen_register.clone();
        let found = chosen.or_else(|| {
            let path = id.parse::<Uri>().ok().and_then(|u| path_of(&u))?;
            Register::find_for(&path)
        });
        let Some(register_path) = found else {
            return none();
        };
        if let Some(found) = self.lock().registers.get(&register_path) {
            return Arc::clone(found);
        }
        let file = Arc::new(read_register(&register_path));
        self.lock()
            .registers
            .insert(register_path, Arc::clone(&file));
        file
    }

    /// Forgets a register so it is read again (it changed on disk). Returns
    /// the new reading.
    pub fn reload_register(&self, path: &Path) -> Arc<RegisterFile> {
        let file = Arc::new(read_register(path));
        self.lock()
            .registers
            .insert(path.to_path_buf(), Arc::clone(&file));
        file
    }

    /// Re-reads an article that changed on disk (unless it is open). Returns
    /// its facts before and after (`None`: not in the edition).
    pub fn refresh_from_disk(&self, path: &Path, open: bool) -> Replaced {
        let Some(uri) = uri_of(path) else {
            return Replaced::default();
        };
        let id = uri.as_str().to_owned();
        if open {
            return Replaced::default();
        }
        self.lock().checked.remove(&id);
        let text = std::fs::read(path)
            .ok()
            .and_then(|b| String::from_utf8(b).ok());
        let text = text.filter(|t| t.len() <= super::memory::FULL_CHECK_BYTES);
        let (Some(text), Some(language)) = (text, Language::from_path(path)) else {
            let mut inner = self.lock();
            let before = inner.articles.remove(&id).map(|a| Arc::clone(&a.facts));
            inner.edition.remove(&id);
            inner.known = None;
            return Replaced {
                before,
                after: None,
            };
        };
        let register = self.register_for(&uri);
        let known = self.lock().known();
        let mut article = Article::parse(id.as_str(), Source::new(text, language));
        article.extract_facts(&register.register, &known);
        let after = Some(Arc::clone(&article.facts));
        let before = self.store(Arc::new(article));
        Replaced { before, after }
    }

    /// Puts an article into the edition; returns the facts it replaced.
    fn store(&self, article: Arc<Article>) -> Option<Arc<Facts>> {
        let mut inner = self.lock();
        inner
            .edition
            .update(article.id.clone(), article.facts.clone());
        let before = inner
            .articles
            .insert(article.id.to_string(), Arc::clone(&article))
            .map(|a| Arc::clone(&a.facts));
        // The names the edition vouches for are gathered again only when
        // this article vouches for others than before.
        let vouched = |facts: &Facts| {
            facts
                .vouched_names()
                .map(str::to_owned)
                .collect::<HashSet<_>>()
        };
        if before.as_deref().map(vouched) != Some(vouched(&article.facts)) {
            inner.known = None;
        }
        before
    }

    /// Analyses an open document as part of the edition: its facts join the
    /// edition, and consistency is judged against every other article. A
    /// document over the size limit (`memory::FULL_CHECK_BYTES`) is checked
    /// with the form rules alone, and joins the edition without facts.
    pub fn analyze(
        &self,
        uri: &Uri,
        source: &Source,
        settings: &RuleSettings,
    ) -> (Arc<Article>, Vec<Finding>, Option<Arc<Facts>>) {
        let register = self.register_for(uri);
        let mut settings = settings.clone();
        register.register.apply_levels(&mut settings, None);
        if source.text().len() > super::memory::FULL_CHECK_BYTES {
            self.lock().checked.remove(uri.as_str());
            let article = Arc::new(Article::parse(uri.as_str(), source.clone()));
            let findings = copydesk::check_form(&article.source, &article.blocks, &settings);
            let findings = copydesk::finish(findings, &article.source, &register.register);
            let replaced = self.store(Arc::clone(&article));
            return (article, findings, replaced);
        }
        let consistency = settings.any_enabled(copydesk::rules::Family::Consistency);
        let (known, earlier) = {
            let mut inner = self.lock();
            let known = if consistency {
                inner.known()
            } else {
                Arc::default()
            };
            (known, inner.checked.get(uri.as_str()).cloned())
        };
        let checked = Checked::check(
            uri.as_str().into(),
            source.clone(),
            &register.register,
            &known,
            &settings,
            earlier.as_deref(),
        );
        let article = Arc::clone(&checked.article);
        let mut findings = checked.form_findings().to_vec();
        if consistency {
            let mut edition = self.lock().edition.clone();
            edition.update(article.id.clone(), article.facts.clone());
            findings.extend(copydesk::check_consistency(
                &article,
                &edition,
                &register.register,
                &settings,
            ));
        }
        let findings = copydesk::finish(findings, &article.source, &register.register);
        let replaced = self.store(Arc::clone(&article));
        self.lock()
            .checked
            .insert(uri.as_str().to_owned(), Arc::new(checked));
        (article, findings, replaced)
    }

    /// The sources of the articles named, for placing related locations.
    pub fn sources(&self, ids: impl Iterator<Item = String>) -> HashMap<String, Arc<Article>> {
        let inner = self.lock();
        ids.filter_map(|id| inner.articles.get(&id).map(|a| (id, Arc::clone(a))))
            .collect()
    }

    /// Every mention of a name in the edition: (article, byte range).
    pub fn mentions_of(&self, name: &str) -> Vec<(Arc<Article>, std::ops::Range<usize>)> {
        let inner = self.lock();
        inner
            .edition
            .mentions_of(name)
            .filter_map(|(id, mention)| {
                inner
                    .articles
                    .get(&**id)
                    .map(|article| (Arc::clone(article), mention.range.clone()))
            })
            .collect()
    }

    /// What the edition says about a person: every title seen and how often
    /// each spelling near it occurs.
    pub fn person(&self, name: &str) -> Option<copydesk::edition::Person> {
        self.lock()
            .edition
            .people()
            .into_iter()
            .find(|p| p.name == name)
    }

    /// How often each form of a term occurs in the edition.
    pub fn term_forms(&self, key: &str) -> Vec<(String, usize)> {
        let inner = self.lock();
        let uses = inner
            .edition
            .articles()
            .flat_map(|(_, facts)| facts.terms.iter());
        copydesk::facts::term_counts(uses)
            .get(key)
            .map(|forms| {
                forms
                    .iter()
                    .map(|(form, count)| ((*form).to_owned(), *count))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every register read so far.
    pub fn register_files(&self) -> Vec<Arc<RegisterFile>> {
        self.lock()
            .registers
            .values()
            .filter(|r| !r.path.as_os_str().is_empty())
            .cloned()
            .collect()
    }

    pub fn roots(&self) -> Vec<PathBuf> {
        self.lock().roots.clone()
    }
}

fn read_register(path: &Path) -> RegisterFile {
    let register = match std::fs::read_to_string(path) {
        Ok(text) => Register::parse(&text),
        Err(error) => {
            tracing::warn!("{}: {error}", path.display());
            Register::default()
        }
    };
    for problem in &register.problems {
        tracing::warn!(
            "{}:{}:{}: {}",
            path.display(),
            problem.line,
            problem.column,
            problem.message
        );
    }
    RegisterFile {
        path: path.to_path_buf(),
        register,
    }
}

/// Whether a path is a register file.
pub fn is_register(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == FILE_NAME)
}
