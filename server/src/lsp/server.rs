//! The protocol's methods, each a thin step: take a snapshot of the document
//! (synchronously, so edits stay in arrival order), get its analysis off the
//! executor, convert the result.
//!
//! Person features (hover on a name, rename, references, "add to the
//! register", edition-wide diagnostics) plug in here once the core's facts
//! stage exists: new capabilities in `initialize`, new methods below, and the
//! edition index next to `Analyzer`.

use super::actions::{self, DocumentAction, ResolveData, Wanted};
use super::analysis::{Analysis, Analyzer};
use super::config::Config;
use super::convert;
use super::dependents::Change;
use super::documents::{self, Documents, Snapshot};
use super::outline;
use super::people;
use super::workspace::{self, Replaced};
use copydesk::source::ColumnUnit;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService};

/// How long typing must pause before a document is re-analysed: long enough
/// to skip the states between keystrokes, short enough to feel immediate.
const DEBOUNCE: Duration = Duration::from_millis(50);

/// What was agreed with the client in `initialize`.
#[derive(Clone, Copy, Debug)]
struct Session {
    unit: ColumnUnit,
    /// Push diagnostics (`publishDiagnostics`) unless the client pulls them;
    /// doing both would show every finding twice.
    push_diagnostics: bool,
    /// Whether the client can ask for a code action's edit later.
    resolves_edits: bool,
    refreshes_diagnostics: bool,
}

impl Default for Session {
    fn default() -> Session {
        Session {
            unit: ColumnUnit::Utf16,
            push_diagnostics: true,
            resolves_edits: false,
            refreshes_diagnostics: false,
        }
    }
}

impl Session {
    fn from_capabilities(capabilities: &ClientCapabilities) -> Session {
        let offered = capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref());
        let text = capabilities.text_document.as_ref();
        let resolves_edits = text
            .and_then(|t| t.code_action.as_ref())
            .and_then(|c| c.resolve_support.as_ref())
            .is_some_and(|r| r.properties.iter().any(|p| p == "edit"));
        Session {
            unit: convert::negotiate_encoding(offered),
            push_diagnostics: text.and_then(|t| t.diagnostic.as_ref()).is_none(),
            resolves_edits,
            refreshes_diagnostics: capabilities
                .workspace
                .as_ref()
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
        }
    }
}

struct State {
    session: OnceLock<Session>,
    /// The folders the client opened: the edition.
    folders: Mutex<Vec<std::path::PathBuf>>,
    /// The client can show `$/progress` for server-initiated work.
    work_done_progress: AtomicBool,
    documents: Mutex<Documents>,
    analyzer: Analyzer,
    config: Mutex<Arc<Config>>,
    shutdown_requested: AtomicBool,
    /// Woken when some open document's diagnostics may have changed: a
    /// `workspace/diagnostic` request held open answers then.
    diagnostics_changed: tokio::sync::Notify,
    /// A `workspace/diagnostic/refresh` is on its way (one per debounce).
    refresh_pending: AtomicBool,
}

struct Backend {
    client: Client,
    state: Arc<State>,
}

/// Serves the protocol on stdin/stdout until `exit` or the end of input.
/// True when the client asked for `shutdown` first.
pub async fn serve_stdio() -> bool {
    let state = Arc::new(State {
        session: OnceLock::new(),
        folders: Mutex::default(),
        work_done_progress: AtomicBool::new(false),
        documents: Mutex::default(),
        analyzer: Analyzer::default(),
        config: Mutex::default(),
        shutdown_requested: AtomicBool::new(false),
        diagnostics_changed: tokio::sync::Notify::new(),
        refresh_pending: AtomicBool::new(false),
    });
    let (service, socket) = LspService::new(|client| Backend {
        client,
        state: Arc::clone(&state),
    });
    super::framing::serve(tokio::io::stdin(), tokio::io::stdout(), service, socket).await;
    state.shutdown_requested.load(Ordering::SeqCst)
}

/// Locks a mutex that is never held across an `.await`; a panic elsewhere
/// does not leave the documents half-edited (each edit swaps in a whole new
/// text), so a poisoned lock is still usable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl State {
    fn session(&self) -> Session {
        self.session.get().copied().unwrap_or_default()
    }

    fn config(&self) -> Arc<Config> {
        Arc::clone(&lock(&self.config))
    }

    /// The document as it is now, if copydesk checks it.
    fn snapshot(&self, uri: &Uri, method: &str) -> Option<(Snapshot, Arc<Config>)> {
        let Some(snapshot) = lock(&self.documents).get(uri) else {
            tracing::warn!("{method}: {} is not open; ignored", uri.as_str());
            return None;
        };
        let config = self.config();
        config
            .checks(snapshot.source.language())
            .then_some((snapshot, config))
    }

    /// Re-analyses a document after `delay` and publishes its diagnostics,
    /// unless a later call supersedes this one first. Runs of one document
    /// never overlap; a result for a version that is no longer current is
    /// dropped (the run for the current version follows).
    fn schedule(self: &Arc<Self>, client: &Client, uri: Uri, delay: Duration) {
        let (ticket, running) = self.analyzer.next_ticket(&uri);
        let state = Arc::clone(self);
        let client = client.clone();
        tokio::spawn(async move {
            let waiting = std::time::Instant::now();
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            // The timer wakes up to a millisecond late: that is waiting too.
            let waited = waiting.elapsed();
            let _running = running.lock().await;
            if !state.analyzer.is_latest(&uri, ticket) {
                return;
            }
            let Some((snapshot, config)) = state.snapshot(&uri, "analysis") else {
                if lock(&state.documents).get(&uri).is_some() && state.session().push_diagnostics {
                    // Its language was switched off in the settings.
                    client.publish_diagnostics(uri, Vec::new(), None).await;
                }
                return;
            };
            let analysis = state.analysis(&client, &snapshot, &config).await;
            let session = state.session();
            if !session.push_diagnostics {
                state.diagnostics_changed.notify_waiters();
                return;
            }
            let diagnostics = diagnostics_off_executor(&snapshot.uri, analysis, session.unit).await;
            let current = lock(&state.documents).version(&uri) == Some(snapshot.version);
            if !current || !state.analyzer.is_latest(&uri, ticket) {
                tracing::debug!(
                    "{}: dropped diagnostics of version {}",
                    uri.as_str(),
                    snapshot.version
                );
                return;
            }
            let since_change = snapshot.received.elapsed();
            tracing::debug!(
                "published {} version {}: {} diagnostics {:.2} ms after the change, {:.2} ms of work besides the debounce wait",
                uri.as_str(),
                snapshot.version,
                diagnostics.len(),
                since_change.as_secs_f64() * 1e3,
                since_change.saturating_sub(waited).as_secs_f64() * 1e3
            );
            client
                .publish_diagnostics(uri, diagnostics, Some(snapshot.version))
                .await;
        });
    }
}

impl State {
    /// The analysis of a snapshot; the first time it is asked for, the open
    /// documents its change reaches are checked again.
    async fn analysis(
        self: &Arc<Self>,
        client: &Client,
        snapshot: &Snapshot,
        config: &Arc<Config>,
    ) -> Arc<Analysis> {
        let analysis = self.analyzer.analysis(snapshot, config).await;
        let change = lock(&analysis.change).take();
        if let Some(replaced) = change {
            self.reach_dependents(client, &snapshot.uri, &replaced);
        }
        analysis
    }

    /// Re-checks the open documents whose consistency findings an article's
    /// change may change (see `dependents`): debounced, so that typing in
    /// one article re-checks another once per pause.
    fn reach_dependents(self: &Arc<Self>, client: &Client, changed: &Uri, replaced: &Replaced) {
        let open: Vec<Uri> = lock(&self.documents)
            .all()
            .map(|d| d.uri.clone())
            .filter(|uri| uri != changed)
            .collect();
        // Alone, an article reaches nobody: its change is not even worked out
        // (for a long article that is a few milliseconds a keystroke).
        if open.is_empty() {
            return;
        }
        let change = Change::between(replaced.before.as_deref(), replaced.after.as_deref());
        if change.is_empty() {
            return;
        }
        let reached: Vec<Uri> = open
            .into_iter()
            .filter(|uri| {
                // Not analysed yet: its first analysis sees the change,
                // unless one under way read the edition before it.
                let Some(latest) = self.analyzer.latest(uri) else {
                    return self.analyzer.is_analysing(uri);
                };
                let points_here = latest.findings.iter().any(|f| {
                    f.related
                        .iter()
                        .any(|r| r.document.as_deref() == Some(changed.as_str()))
                });
                change.reaches(&latest.article.facts, latest.source.text(), points_here)
            })
            .collect();
        if reached.is_empty() {
            return;
        }
        tracing::debug!(
            "{}: its change reaches {} other open documents",
            changed.as_str(),
            reached.len()
        );
        self.recheck(client, reached);
    }

    /// Drops the cached analyses of documents another change made stale and
    /// has them checked again: published (push), or the client told to pull.
    fn recheck(self: &Arc<Self>, client: &Client, uris: Vec<Uri>) {
        for uri in &uris {
            self.analyzer.invalidate(uri);
        }
        let session = self.session();
        if session.push_diagnostics {
            for uri in uris {
                self.schedule(client, uri, DEBOUNCE);
            }
            return;
        }
        self.diagnostics_changed.notify_waiters();
        if session.refreshes_diagnostics && !self.refresh_pending.swap(true, Ordering::SeqCst) {
            let state = Arc::clone(self);
            let client = client.clone();
            tokio::spawn(async move {
                tokio::time::sleep(DEBOUNCE).await;
                state.refresh_pending.store(false, Ordering::SeqCst);
                if let Err(error) = client.workspace_diagnostic_refresh().await {
                    tracing::warn!("diagnostic refresh: {error}");
                }
            });
        }
    }

    fn open_uris(&self) -> Vec<Uri> {
        lock(&self.documents).all().map(|d| d.uri.clone()).collect()
    }

    /// The diagnostics of an open document for a pull, with the result id
    /// that names them.
    async fn pulled(
        self: &Arc<Self>,
        client: &Client,
        uri: &Uri,
    ) -> Option<(i32, String, Vec<Diagnostic>)> {
        let (snapshot, config) = self.snapshot(uri, "diagnostic")?;
        let analysis = self.analysis(client, &snapshot, &config).await;
        let items = diagnostics_off_executor(&snapshot.uri, analysis, self.session().unit).await;
        Some((snapshot.version, result_id(snapshot.version, &items), items))
    }
}

/// Names one set of diagnostics of one version: equal ids, equal
/// diagnostics, so that a client asking again gets "unchanged".
fn result_id(version: i32, items: &[Diagnostic]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(items)
        .unwrap_or_default()
        .hash(&mut hasher);
    format!("{version}-{:016x}", hasher.finish())
}

/// How long a `workspace/diagnostic` request that has nothing new to say is
/// held open (the protocol's long poll) before it answers "unchanged".
const WORKSPACE_PULL_HOLD: Duration = Duration::from_secs(30);

/// Converting many findings of a huge document takes a while: not on the
/// executor, where it would hold up hovers.
async fn diagnostics_off_executor(
    uri: &Uri,
    analysis: Arc<Analysis>,
    unit: ColumnUnit,
) -> Vec<Diagnostic> {
    let uri = uri.clone();
    tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        let mut diagnostics = convert::diagnostics(
            &analysis.source,
            &uri,
            &analysis.findings,
            unit,
            &analysis.elsewhere,
        );
        if analysis.is_form_only() {
            diagnostics.insert(0, convert::form_only(analysis.source.text().len()));
        }
        tracing::debug!(
            "{}: {} findings converted in {:.2} ms",
            uri.as_str(),
            diagnostics.len(),
            started.elapsed().as_secs_f64() * 1e3
        );
        diagnostics
    })
    .await
    .unwrap_or_default()
}

async fn off_executor<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(work).await.map_err(|error| {
        tracing::error!("request failed: {error}");
        Error::internal_error()
    })
}

fn content_modified() -> Error {
    Error {
        code: ErrorCode::ServerError(-32801),
        message: "the document changed".into(),
        data: None,
    }
}

impl Backend {
    /// The name of the person at a position, from the current analysis.
    async fn person_at(&self, uri: &Uri, position: Position, method: &str) -> Option<String> {
        let (analysis, offset) = self.analysis_at(uri, position, method).await?;
        people::mention_at(&analysis.article, offset).map(|(name, _)| name)
    }

    /// The current analysis of a document and the byte offset of a position
    /// in it: where every position-based request starts.
    async fn analysis_at(
        &self,
        uri: &Uri,
        position: Position,
        method: &str,
    ) -> Option<(Arc<Analysis>, usize)> {
        let (snapshot, config) = self.state.snapshot(uri, method)?;
        let unit = self.state.session().unit;
        let analysis = self.state.analyzer.analysis(&snapshot, &config).await;
        let offset = convert::offset(&analysis.source, position, unit);
        Some((analysis, offset))
    }

    fn schedule(&self, uri: Uri, delay: Duration) {
        self.state.schedule(&self.client, uri, delay);
    }

    async fn resolved_edit(
        &self,
        snapshot: Snapshot,
        config: Arc<Config>,
        action: DocumentAction,
    ) -> Result<Option<WorkspaceEdit>> {
        let unit = self.state.session().unit;
        off_executor(move || {
            action.edit(&snapshot.source, &config).map(|edit| {
                let edits = vec![convert::text_edit(&snapshot.source, &edit, unit)];
                actions::workspace_edit(&snapshot.uri, edits)
            })
        })
        .await
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let session = Session::from_capabilities(&params.capabilities);
        if self.state.session.set(session).is_err() {
            tracing::warn!("initialize sent twice; keeping the first session");
        }
        let config = Config::from_json(params.initialization_options.as_ref());
        self.state
            .analyzer
            .workspace
            .choose_register(config.register.clone());
        *lock(&self.state.config) = Arc::new(config);
        #[allow(deprecated)]
        let folders: Vec<std::path::PathBuf> = match &params.workspace_folders {
            Some(folders) => folders
                .iter()
                .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
                .collect(),
            None => params
                .root_uri
                .as_ref()
                .and_then(|u| u.to_file_path().map(|p| p.into_owned()))
                .into_iter()
                .collect(),
        };
        *lock(&self.state.folders) = folders;
        let progress = params
            .capabilities
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false);
        self.state
            .work_done_progress
            .store(progress, Ordering::SeqCst);
        let session = self.state.session();
        let code_action_kinds = [
            CodeActionKind::QUICKFIX,
            CodeActionKind::REFACTOR_REWRITE,
            DocumentAction::FixAll.kind(),
            DocumentAction::ReflowDocument.kind(),
        ];
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(convert::encoding_kind(session.unit)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(code_action_kinds.to_vec()),
                        resolve_provider: Some(session.resolves_edits),
                        ..CodeActionOptions::default()
                    },
                )),
                document_formatting_provider: Some(OneOf::Left(true)),
                document_range_formatting_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })),
                diagnostic_provider: Some(DiagnosticServerCapabilities::Options(
                    DiagnosticOptions {
                        identifier: Some(convert::DIAGNOSTIC_SOURCE.to_owned()),
                        // Consistency findings depend on the other articles.
                        inter_file_dependencies: true,
                        workspace_diagnostics: true,
                        ..DiagnosticOptions::default()
                    },
                )),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "copydesk".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            ..InitializeResult::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let watchers = [
            "**/*.txt",
            "**/*.md",
            "**/*.markdown",
            "**/*.html",
            "**/*.htm",
            "**/copydesk.toml",
        ]
        .iter()
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String((*glob).to_owned()),
            kind: None,
        })
        .collect();
        let registration = Registration {
            id: "copydesk-watch".to_owned(),
            method: "workspace/didChangeWatchedFiles".to_owned(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        let client = self.client.clone();
        tokio::spawn(async move {
            if let Err(error) = client.register_capability(vec![registration]).await {
                tracing::debug!("file watching not registered: {error}");
            }
        });
        let folders = lock(&self.state.folders).clone();
        let state = Arc::clone(&self.state);
        let client = self.client.clone();
        tokio::spawn(async move { index_folders(state, client, folders).await });
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position;
        let Some(name) = self
            .person_at(&at.text_document.uri, at.position, "references")
            .await
        else {
            return Ok(None);
        };
        let workspace = Arc::clone(&self.state.analyzer.workspace);
        let unit = self.state.session().unit;
        Ok(Some(
            off_executor(move || people::locations(&workspace, &name, unit)).await?,
        ))
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let at = params.text_document_position_params;
        let Some((analysis, offset)) = self
            .analysis_at(&at.text_document.uri, at.position, "documentHighlight")
            .await
        else {
            return Ok(None);
        };
        let unit = self.state.session().unit;
        let Some((name, _)) = people::mention_at(&analysis.article, offset) else {
            return Ok(None);
        };
        Ok(Some(people::highlights(&analysis.article, &name, unit)))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some((analysis, offset)) = self
            .analysis_at(&params.text_document.uri, params.position, "prepareRename")
            .await
        else {
            return Ok(None);
        };
        let unit = self.state.session().unit;
        Ok(
            people::mention_at(&analysis.article, offset).map(|(name, range)| {
                PrepareRenameResponse::RangeWithPlaceholder {
                    range: convert::range(&analysis.source, &range, unit),
                    placeholder: name,
                }
            }),
        )
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let at = params.text_document_position;
        let new_name = params.new_name.trim().to_owned();
        if new_name.is_empty() || new_name.chars().any(char::is_whitespace) {
            return Err(Error::invalid_params(
                "a name has no spaces and is not empty",
            ));
        }
        let Some(name) = self
            .person_at(&at.text_document.uri, at.position, "rename")
            .await
        else {
            return Ok(None);
        };
        let workspace = Arc::clone(&self.state.analyzer.workspace);
        let unit = self.state.session().unit;
        Ok(Some(
            off_executor(move || people::rename(&workspace, &name, &new_name, unit)).await?,
        ))
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let open = self.state.open_uris();
        let workspace = Arc::clone(&self.state.analyzer.workspace);
        let mut registers = Vec::new();
        for change in params.changes {
            let Some(path) = change.uri.to_file_path().map(|p| p.into_owned()) else {
                continue;
            };
            if workspace::is_register(&path) {
                registers.push((change.uri.clone(), path));
                continue;
            }
            let is_open = open.contains(&change.uri);
            let workspace = Arc::clone(&workspace);
            if let Ok(replaced) =
                off_executor(move || workspace.refresh_from_disk(&path, is_open)).await
            {
                self.state
                    .reach_dependents(&self.client, &change.uri, &replaced);
            }
        }
        if registers.is_empty() {
            return;
        }
        for (uri, path) in registers {
            let workspace = Arc::clone(&workspace);
            if let Ok(file) = off_executor(move || workspace.reload_register(&path)).await {
                self.client
                    .publish_diagnostics(uri, people::register_diagnostics(&file.register), None)
                    .await;
            }
        }
        // A register governs every article under it.
        self.state.recheck(&self.client, open);
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.shutdown_requested.store(true, Ordering::SeqCst);
        self.state.diagnostics_changed.notify_waiters();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        let Some(language) = documents::language_of(&document.uri, &document.language_id) else {
            tracing::debug!(
                "not an article: {} ({})",
                document.uri.as_str(),
                document.language_id
            );
            return;
        };
        let uri = document.uri.clone();
        lock(&self.state.documents).open(document.uri, document.version, document.text, language);
        // No debounce: an opened document should show its findings at once.
        self.schedule(uri, Duration::ZERO);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let unit = self.state.session().unit;
        let changed = lock(&self.state.documents).change(
            &uri,
            params.text_document.version,
            params.content_changes,
            unit,
        );
        match changed {
            Some(_) => self.schedule(uri, DEBOUNCE),
            None => tracing::warn!("didChange for {}, which is not open; ignored", uri.as_str()),
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let size = lock(&self.state.documents)
            .get(&uri)
            .map_or(0, |d| d.source.text().len());
        let was_open = lock(&self.state.documents).close(&uri);
        self.state.analyzer.forget(&uri);
        if let Some(path) = uri.to_file_path().map(|p| p.into_owned()) {
            // The edition goes back to what is on disk.
            let workspace = Arc::clone(&self.state.analyzer.workspace);
            if let Ok(replaced) =
                off_executor(move || workspace.refresh_from_disk(&path, false)).await
            {
                self.state.reach_dependents(&self.client, &uri, &replaced);
            }
        }
        if was_open && self.state.session().push_diagnostics {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
        if size >= super::memory::LARGE_BYTES {
            super::memory::give_back().await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let config = Config::from_json(Some(&params.settings));
        self.state
            .analyzer
            .workspace
            .choose_register(config.register.clone());
        *lock(&self.state.config) = Arc::new(config);
        let open: Vec<Uri> = lock(&self.state.documents)
            .all()
            .map(|d| d.uri.clone())
            .collect();
        for uri in open {
            self.schedule(uri, Duration::ZERO);
        }
        let session = self.state.session();
        if !session.push_diagnostics && session.refreshes_diagnostics {
            // A request to the client: awaited in its own task so that this
            // notification handler does not wait on the client.
            let client = self.client.clone();
            tokio::spawn(async move {
                if let Err(error) = client.workspace_diagnostic_refresh().await {
                    tracing::warn!("diagnostic refresh: {error}");
                }
            });
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let report = match self
            .state
            .pulled(&self.client, &params.text_document.uri)
            .await
        {
            Some((_, result_id, _)) if params.previous_result_id.as_ref() == Some(&result_id) => {
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                })
            }
            pulled => {
                let (result_id, items) =
                    pulled.map_or((None, Vec::new()), |(_, id, items)| (Some(id), items));
                DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id,
                        items,
                    },
                })
            }
        };
        Ok(DocumentDiagnosticReportResult::Report(report))
    }

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        let previous: std::collections::HashMap<&str, &str> = params
            .previous_result_ids
            .iter()
            .map(|p| (p.uri.as_str(), p.value.as_str()))
            .collect();
        let hold_until = tokio::time::Instant::now() + WORKSPACE_PULL_HOLD;
        loop {
            // Registered before reading, so that a change while the reports
            // are made is not missed.
            let changed = self.state.diagnostics_changed.notified();
            let mut items = Vec::new();
            for uri in self.state.open_uris() {
                let Some((version, result_id, diagnostics)) =
                    self.state.pulled(&self.client, &uri).await
                else {
                    continue;
                };
                let version = Some(i64::from(version));
                let report = if previous.get(uri.as_str()) == Some(&result_id.as_str()) {
                    WorkspaceDocumentDiagnosticReport::Unchanged(
                        WorkspaceUnchangedDocumentDiagnosticReport {
                            uri,
                            version,
                            unchanged_document_diagnostic_report:
                                UnchangedDocumentDiagnosticReport { result_id },
                        },
                    )
                } else {
                    WorkspaceDocumentDiagnosticReport::Full(WorkspaceFullDocumentDiagnosticReport {
                        uri,
                        version,
                        full_document_diagnostic_report: FullDocumentDiagnosticReport {
                            result_id: Some(result_id),
                            items: diagnostics,
                        },
                    })
                };
                items.push(report);
            }
            let news = items
                .iter()
                .any(|i| matches!(i, WorkspaceDocumentDiagnosticReport::Full(_)));
            let shutting_down = self.state.shutdown_requested.load(Ordering::SeqCst);
            if news || shutting_down || tokio::time::Instant::now() >= hold_until {
                return Ok(WorkspaceDiagnosticReportResult::Report(
                    WorkspaceDiagnosticReport { items },
                ));
            }
            // Nothing new: the long poll waits for a change (or its time).
            let _ = tokio::time::timeout_at(hold_until, changed).await;
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let Some((snapshot, config)) = self.state.snapshot(&at.text_document.uri, "hover") else {
            return Ok(None);
        };
        let unit = self.state.session().unit;
        let analysis = self.state.analyzer.analysis(&snapshot, &config).await;
        let offset = convert::offset(&analysis.source, at.position, unit);
        let mut shown: Vec<&str> = Vec::new();
        let mut sections = Vec::new();
        let mut range = None;
        for finding in analysis.findings_at(offset..offset) {
            range.get_or_insert_with(|| convert::range(&analysis.source, &finding.range, unit));
            if shown.contains(&finding.rule) {
                continue;
            }
            shown.push(finding.rule);
            // The editor shows the finding's message itself; the hover adds
            // the rule's documentation, without its title heading.
            let doc = copydesk::rules::rule(finding.rule)
                .map(|rule| rule.info().doc())
                .unwrap_or_default();
            let body = doc
                .strip_prefix(&format!("# {}", finding.rule))
                .unwrap_or(&doc)
                .trim_start();
            sections.push(format!("**copydesk · `{}`**\n\n{body}", finding.rule));
        }
        {
            let workspace = Arc::clone(&self.state.analyzer.workspace);
            let article = Arc::clone(&analysis.article);
            let uri = snapshot.uri.clone();
            let facts = off_executor(move || {
                let person = people::person_hover(&workspace, &uri, &article, offset);
                let term = people::term_hover(&workspace, &article, offset);
                (person, term)
            })
            .await?;
            if let Some((_, name_range)) = people::mention_at(&analysis.article, offset) {
                range.get_or_insert_with(|| convert::range(&analysis.source, &name_range, unit));
            }
            sections.splice(0..0, facts.0.into_iter().chain(facts.1));
        }
        if sections.is_empty() {
            return Ok(None);
        }
        Ok(Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: sections.join("\n\n---\n\n"),
            }),
            range,
        }))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some((snapshot, config)) = self.state.snapshot(&uri, "codeAction") else {
            return Ok(None);
        };
        let session = self.state.session();
        let analysis = self.state.analyzer.analysis(&snapshot, &config).await;
        let bytes = convert::byte_range(&analysis.source, params.range, session.unit);
        let wanted = Wanted(params.context.only);
        let mut response: CodeActionResponse =
            actions::finding_actions(&uri, &analysis, bytes.clone(), session.unit, &wanted)
                .into_iter()
                .map(CodeActionOrCommand::CodeAction)
                .collect();
        if wanted.includes(&CodeActionKind::new("refactor.copydesk.register")) {
            let workspace = Arc::clone(&self.state.analyzer.workspace);
            let article = Arc::clone(&analysis.article);
            let uri = uri.clone();
            let offset = bytes.start;
            let register =
                off_executor(move || people::register_actions(&workspace, &uri, &article, offset))
                    .await?;
            response.extend(register.into_iter().map(CodeActionOrCommand::CodeAction));
        }
        if wanted.includes(&super::suppress::kind()) {
            let workspace = Arc::clone(&self.state.analyzer.workspace);
            let suppress =
                super::suppress::actions(&workspace, &uri, &analysis, bytes.clone(), session.unit);
            response.extend(suppress.into_iter().map(CodeActionOrCommand::CodeAction));
        }
        for action in actions::document_actions(&analysis.findings, &wanted) {
            let mut code_action = CodeAction {
                title: action.title().to_owned(),
                kind: Some(action.kind()),
                ..CodeAction::default()
            };
            if session.resolves_edits {
                let data = ResolveData {
                    uri: uri.clone(),
                    version: snapshot.version,
                    action,
                };
                code_action.data = serde_json::to_value(data).ok();
            } else {
                code_action.edit = self
                    .resolved_edit(snapshot.clone(), Arc::clone(&config), action)
                    .await?;
            }
            response.push(CodeActionOrCommand::CodeAction(code_action));
        }
        Ok(Some(response))
    }

    async fn code_action_resolve(&self, mut action: CodeAction) -> Result<CodeAction> {
        let Some(data) = action
            .data
            .as_ref()
            .and_then(|d| serde_json::from_value::<ResolveData>(d.clone()).ok())
        else {
            return Ok(action);
        };
        let Some((snapshot, config)) = self.state.snapshot(&data.uri, "codeAction/resolve") else {
            return Err(content_modified());
        };
        if snapshot.version != data.version {
            return Err(content_modified());
        }
        action.edit = self.resolved_edit(snapshot, config, data.action).await?;
        Ok(action)
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let Some((snapshot, config)) = self.state.snapshot(&params.text_document.uri, "formatting")
        else {
            return Ok(None);
        };
        let unit = self.state.session().unit;
        off_executor(move || {
            let edit = DocumentAction::FixAll.edit(&snapshot.source, &config);
            Some(
                edit.iter()
                    .map(|e| convert::text_edit(&snapshot.source, e, unit))
                    .collect(),
            )
        })
        .await
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let uri = params.text_document.uri;
        let Some((snapshot, config)) = self.state.snapshot(&uri, "rangeFormatting") else {
            return Ok(None);
        };
        let unit = self.state.session().unit;
        let analysis = self.state.analyzer.analysis(&snapshot, &config).await;
        let bytes = convert::byte_range(&analysis.source, params.range, unit);
        let edits = actions::safe_edits_within(&analysis.findings, &bytes);
        Ok(Some(
            edits
                .iter()
                .map(|e| convert::text_edit(&analysis.source, e, unit))
                .collect(),
        ))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some((snapshot, _)) = self
            .state
            .snapshot(&params.text_document.uri, "documentSymbol")
        else {
            return Ok(None);
        };
        let unit = self.state.session().unit;
        let symbols = off_executor(move || outline::outline(&snapshot.source, unit)).await?;
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }
}

/// Reads the articles under the workspace folders into the edition, with
/// `$/progress` where the client shows it, then re-analyses the open
/// documents against the whole edition and reports register mistakes.
async fn index_folders(state: Arc<State>, client: Client, folders: Vec<std::path::PathBuf>) {
    if folders.is_empty() {
        return;
    }
    let token = NumberOrString::String("copydesk-index".to_owned());
    let progress = state.work_done_progress.load(Ordering::SeqCst)
        && client
            .send_request::<request::WorkDoneProgressCreate>(WorkDoneProgressCreateParams {
                token: token.clone(),
            })
            .await
            .is_ok();
    let notify = |value: WorkDoneProgress| {
        let client = client.clone();
        let token = token.clone();
        async move {
            client
                .send_notification::<notification::Progress>(ProgressParams {
                    token,
                    value: ProgressParamsValue::WorkDone(value),
                })
                .await;
        }
    };
    if progress {
        notify(WorkDoneProgress::Begin(WorkDoneProgressBegin {
            title: "copydesk: 读取本版稿件".to_owned(),
            ..WorkDoneProgressBegin::default()
        }))
        .await;
    }
    let workspace = Arc::clone(&state.analyzer.workspace);
    let started = std::time::Instant::now();
    let indexed = off_executor(move || {
        folders
            .iter()
            .map(|folder| workspace.index_folder(folder, |_, _| {}))
            .sum::<usize>()
    })
    .await
    .unwrap_or(0);
    tracing::info!(
        "indexed {indexed} articles in {:.0} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    if progress {
        notify(WorkDoneProgress::End(WorkDoneProgressEnd {
            message: Some(format!("{indexed} 篇")),
        }))
        .await;
    }
    let registers = state.analyzer.workspace.register_files();
    for file in registers {
        if let Some(uri) = workspace::uri_of(&file.path) {
            client
                .publish_diagnostics(uri, people::register_diagnostics(&file.register), None)
                .await;
        }
    }
    // Every open document was judged without the articles just read.
    state.recheck(&client, state.open_uris());
}
