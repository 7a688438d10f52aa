//! Running the core on a document snapshot, off the async executor, and
//! keeping the latest result per document for hover and code actions.

use super::config::Config;
use super::documents::Snapshot;
use super::workspace::Workspace;
use copydesk::{Finding, Source};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tower_lsp_server::ls_types::Uri;

/// The findings of one document version under one configuration.
pub struct Analysis {
    pub version: i32,
    pub config: Arc<Config>,
    pub source: Arc<Source>,
    pub findings: Vec<Finding>,
    /// The document as an article of the edition, with its facts.
    pub article: Arc<copydesk::Article>,
    /// The other articles findings point into.
    pub elsewhere: super::convert::Elsewhere,
    /// The change this analysis made to the edition (the document's facts
    /// before and after), until the open articles it reaches are re-checked.
    pub change: Mutex<Option<super::workspace::Replaced>>,
}

impl Analysis {
    /// Whether the document is over the size limit of a full check.
    pub fn is_form_only(&self) -> bool {
        self.source.text().len() > super::memory::FULL_CHECK_BYTES
    }

    fn is_for(&self, snapshot: &Snapshot, config: &Arc<Config>) -> bool {
        self.version == snapshot.version
            && Arc::ptr_eq(&self.source, &snapshot.source)
            && Arc::ptr_eq(&self.config, config)
    }

    /// The findings whose range contains or touches a byte offset or range.
    pub fn findings_at(&self, bytes: std::ops::Range<usize>) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |f| f.range.start <= bytes.end && bytes.start <= f.range.end)
    }
}

/// What the core says about one document as an article of the workspace's
/// edition: this is the one place the server asks the core for findings.
fn analyze(
    workspace: &Workspace,
    uri: &Uri,
    source: &Source,
    config: &Config,
) -> (
    Arc<copydesk::Article>,
    Vec<Finding>,
    super::convert::Elsewhere,
    Option<Arc<copydesk::Facts>>,
) {
    let (article, findings, replaced) = workspace.analyze(uri, source, &config.rules);
    let others = findings
        .iter()
        .flat_map(|f| f.related.iter())
        .filter_map(|r| r.document.as_ref().map(|d| d.to_string()));
    let elsewhere = workspace.sources(others);
    (article, findings, elsewhere, replaced)
}

/// Per document: the latest analysis, and the scheduling state of the
/// debounced re-analysis (see `Server::schedule`).
#[derive(Default)]
struct Work {
    latest: Option<Arc<Analysis>>,
    /// Raised by every scheduled run; a run that finds a higher ticket has
    /// been superseded and does nothing.
    ticket: u64,
    /// Held while a scheduled run analyses and publishes, so that runs of
    /// one document never overlap and publish in order.
    running: Arc<tokio::sync::Mutex<()>>,
    /// Raised when another article's change makes the cached analysis
    /// stale: an analysis that started before it is not cached.
    epoch: u64,
    /// Analyses of the document under way: one may have read the edition
    /// before another article changed it, so a change reaches it although
    /// nothing is cached yet.
    in_flight: usize,
}

pub struct Analyzer {
    work: Mutex<HashMap<Uri, Work>>,
    pub workspace: Arc<Workspace>,
    /// One analysis per core at a time: more would only take turns on the
    /// cores, each on a thread of its own with its own memory (a hundred
    /// documents opened at once started a hundred threads).
    cores: Arc<tokio::sync::Semaphore>,
}

impl Default for Analyzer {
    fn default() -> Analyzer {
        Analyzer {
            work: Default::default(),
            workspace: Default::default(),
            cores: Arc::new(tokio::sync::Semaphore::new(super::cores())),
        }
    }
}

impl Analyzer {
    /// The analysis of exactly this snapshot under this configuration: the
    /// cached one, or a new one computed on the blocking pool.
    pub async fn analysis(&self, snapshot: &Snapshot, config: &Arc<Config>) -> Arc<Analysis> {
        if let Some(cached) = self.cached(snapshot, config) {
            return cached;
        }
        // A document without scheduling state (closed) is analysed but not
        // cached.
        let epoch = self.lock().get_mut(&snapshot.uri).map(|work| {
            work.in_flight += 1;
            work.epoch
        });
        let _in_flight = epoch.map(|_| InFlight {
            analyzer: self,
            uri: &snapshot.uri,
        });
        let source = Arc::clone(&snapshot.source);
        let rules = Arc::clone(config);
        let workspace = Arc::clone(&self.workspace);
        let uri = snapshot.uri.clone();
        let core = Arc::clone(&self.cores).acquire_owned().await;
        let findings = tokio::task::spawn_blocking(move || {
            let _core = core;
            let started = Instant::now();
            let analysed = analyze(&workspace, &uri, &source, &rules);
            // Not after every large analysis: typing in a long document
            // would take back zeroed pages on each keystroke (see
            // `memory::PURGE_DELAY_MS`); only a document too large to keep.
            if source.text().len() > super::memory::FULL_CHECK_BYTES {
                super::memory::collect_this_thread();
            }
            (analysed, started.elapsed())
        })
        .await;
        let (article, findings, elsewhere, replaced) = match findings {
            Ok(((article, findings, elsewhere, replaced), took)) => {
                tracing::debug!(
                    "analysed {} version {}: {} findings in {:.2} ms",
                    snapshot.uri.as_str(),
                    snapshot.version,
                    findings.len(),
                    took.as_secs_f64() * 1e3
                );
                (article, findings, elsewhere, replaced)
            }
            Err(error) => {
                // A panic in the core must not take the session down.
                tracing::error!("analysis of {} failed: {error}", snapshot.uri.as_str());
                let article = copydesk::Article::parse(
                    snapshot.uri.as_str(),
                    Source::new("", snapshot.source.language()),
                );
                (Arc::new(article), Vec::new(), Default::default(), None)
            }
        };
        let analysis = Arc::new(Analysis {
            version: snapshot.version,
            config: Arc::clone(config),
            source: Arc::clone(&snapshot.source),
            findings,
            article: Arc::clone(&article),
            elsewhere,
            change: Mutex::new(Some(super::workspace::Replaced {
                before: replaced,
                after: Some(Arc::clone(&article.facts)),
            })),
        });
        if let Some(work) = self.lock().get_mut(&snapshot.uri) {
            let newer_cached = work
                .latest
                .as_ref()
                .is_some_and(|latest| latest.version > analysis.version);
            if !newer_cached && epoch == Some(work.epoch) {
                work.latest = Some(Arc::clone(&analysis));
            }
        }
        analysis
    }

    fn cached(&self, snapshot: &Snapshot, config: &Arc<Config>) -> Option<Arc<Analysis>> {
        let work = self.lock();
        let latest = work.get(&snapshot.uri)?.latest.as_ref()?;
        latest.is_for(snapshot, config).then(|| Arc::clone(latest))
    }

    /// Supersedes the scheduled runs of a document: returns the new run's
    /// ticket and the lock it must hold while it works.
    pub fn next_ticket(&self, uri: &Uri) -> (u64, Arc<tokio::sync::Mutex<()>>) {
        let mut work = self.lock();
        let work = work.entry(uri.clone()).or_default();
        work.ticket += 1;
        (work.ticket, Arc::clone(&work.running))
    }

    pub fn is_latest(&self, uri: &Uri, ticket: u64) -> bool {
        self.lock().get(uri).is_some_and(|w| w.ticket == ticket)
    }

    /// The latest analysis of a document, whatever its version.
    pub fn latest(&self, uri: &Uri) -> Option<Arc<Analysis>> {
        self.lock().get(uri)?.latest.clone()
    }

    /// Whether an analysis of the document is under way.
    pub fn is_analysing(&self, uri: &Uri) -> bool {
        self.lock().get(uri).is_some_and(|w| w.in_flight > 0)
    }

    /// Drops a document's cached analysis: another article changed what its
    /// consistency findings are judged against.
    pub fn invalidate(&self, uri: &Uri) {
        if let Some(work) = self.lock().get_mut(uri) {
            work.latest = None;
            work.epoch += 1;
        }
    }

    pub fn forget(&self, uri: &Uri) {
        self.lock().remove(uri);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uri, Work>> {
        // A poisoned lock only means a panic elsewhere; the map is still whole.
        self.work.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Counts an analysis under way until it ends, or its request is cancelled
/// and its future dropped.
struct InFlight<'a> {
    analyzer: &'a Analyzer,
    uri: &'a Uri,
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if let Some(work) = self.analyzer.lock().get_mut(self.uri) {
            work.in_flight = work.in_flight.saturating_sub(1);
        }
    }
}
