//! Code actions and formatting: the core's fixes as protocol edits.
//!
//! Per finding, each fix is a quick fix (safe ones preferred). Document-wide
//! actions run `copydesk::fix::fix_text`, which re-checks the text until
//! nothing is left to fix; that costs several analyses, so they are computed
//! only when the client resolves them (or eagerly, for clients that cannot).

use super::analysis::Analysis;
use super::config::Config;
use super::convert;
use copydesk::source::ColumnUnit;
use copydesk::{Edit, Finding, RuleSettings, Safety, Source};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, Diagnostic, TextEdit, Uri, WorkspaceEdit,
};

const BROKEN_WRAP: &str = "broken-wrap";

/// A document-wide action whose edit is computed on demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentAction {
    /// Every safe fix of the enabled rules (`source.fixAll.copydesk`).
    FixAll,
    /// Every broken-wrap fix, whatever the settings.
    ReflowDocument,
}

/// What a lazily computed action carries to `codeAction/resolve`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ResolveData {
    pub uri: Uri,
    pub version: i32,
    pub action: DocumentAction,
}

impl DocumentAction {
    pub fn kind(self) -> CodeActionKind {
        match self {
            DocumentAction::FixAll => CodeActionKind::new("source.fixAll.copydesk"),
            DocumentAction::ReflowDocument => CodeActionKind::new("source.reflow.copydesk"),
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            DocumentAction::FixAll => "修复本文所有可安全修复的问题 (copydesk)",
            DocumentAction::ReflowDocument => "重排全文：接上所有被硬换行拆开的段落 (copydesk)",
        }
    }

    /// Whether the action would change anything, judged from the findings.
    fn applies(self, findings: &[Finding]) -> bool {
        match self {
            DocumentAction::FixAll => findings.iter().any(|f| f.safe_edits().next().is_some()),
            DocumentAction::ReflowDocument => findings
                .iter()
                .any(|f| f.rule == BROKEN_WRAP && f.safe_edits().next().is_some()),
        }
    }

    /// The single edit that performs the action on the whole text.
    pub fn edit(self, source: &Source, config: &Config) -> Option<Edit> {
        let settings = match self {
            DocumentAction::FixAll => config.rules.clone(),
            DocumentAction::ReflowDocument => {
                let mut only_wraps = RuleSettings::default();
                only_wraps
                    .select_only(&[BROKEN_WRAP.to_owned()])
                    .expect("broken-wrap is a rule");
                only_wraps
            }
        };
        let fixed = copydesk::fix::fix_text(source.text(), source.language(), &settings);
        convert::minimal_edit(source, &fixed)
    }
}

/// The kinds a request asked for (`context.only`); all when it did not say.
pub struct Wanted(pub Option<Vec<CodeActionKind>>);

impl Wanted {
    pub fn includes(&self, kind: &CodeActionKind) -> bool {
        let Some(only) = &self.0 else { return true };
        only.iter().any(|wanted| {
            let (wanted, kind) = (wanted.as_str(), kind.as_str());
            kind == wanted || kind.starts_with(&format!("{wanted}."))
        })
    }
}

pub fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// The quick fixes of the findings under a range, and "reflow this
/// paragraph" for a broken wrap there.
pub fn finding_actions(
    uri: &Uri,
    analysis: &Analysis,
    bytes: Range<usize>,
    unit: ColumnUnit,
    wanted: &Wanted,
) -> Vec<CodeAction> {
    let source = &analysis.source;
    let mut actions = Vec::new();
    for finding in analysis.findings_at(bytes) {
        let diagnostic = convert::diagnostic(source, uri, finding, unit);
        for fix in &finding.fixes {
            if wanted.includes(&CodeActionKind::QUICKFIX) {
                actions.push(fix_action(
                    uri,
                    source,
                    fix,
                    CodeActionKind::QUICKFIX,
                    &diagnostic,
                    unit,
                ));
            }
            // A break kept as undecided is no reflow: its fix is only offered.
            if finding.rule == BROKEN_WRAP
                && fix.safety == Safety::Safe
                && wanted.includes(&CodeActionKind::REFACTOR_REWRITE)
            {
                let mut reflow = fix_action(
                    uri,
                    source,
                    fix,
                    CodeActionKind::REFACTOR_REWRITE,
                    &diagnostic,
                    unit,
                );
                reflow.title = "重排本段 (copydesk)".to_owned();
                actions.push(reflow);
            }
        }
    }
    actions
}

fn fix_action(
    uri: &Uri,
    source: &Source,
    fix: &copydesk::Fix,
    kind: CodeActionKind,
    diagnostic: &Diagnostic,
    unit: ColumnUnit,
) -> CodeAction {
    let edits = fix
        .edits
        .iter()
        .map(|edit| convert::text_edit(source, edit, unit))
        .collect();
    CodeAction {
        title: fix.title.clone(),
        kind: Some(kind),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(workspace_edit(uri, edits)),
        is_preferred: Some(fix.safety == Safety::Safe),
        ..CodeAction::default()
    }
}

/// The document-wide actions worth offering for these findings.
pub fn document_actions(findings: &[Finding], wanted: &Wanted) -> Vec<DocumentAction> {
    [DocumentAction::FixAll, DocumentAction::ReflowDocument]
        .into_iter()
        .filter(|action| wanted.includes(&action.kind()) && action.applies(findings))
        .collect()
}

/// Range formatting: the safe fixes whose edits all lie inside the range,
/// without overlaps (a later round of formatting takes the rest).
pub fn safe_edits_within(findings: &[Finding], bytes: &Range<usize>) -> Vec<Edit> {
    let mut edits: Vec<&Edit> = findings
        .iter()
        .flat_map(|f| &f.fixes)
        .filter(|fix| fix.safety == Safety::Safe)
        .filter(|fix| {
            fix.edits
                .iter()
                .all(|e| bytes.start <= e.range.start && e.range.end <= bytes.end)
        })
        .flat_map(|fix| &fix.edits)
        .collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut taken: Vec<Edit> = Vec::new();
    for edit in edits {
        if taken
            .last()
            .is_none_or(|last| last.range.end <= edit.range.start)
        {
            taken.push(edit.clone());
        }
    }
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wanted_kinds_match_by_prefix() {
        let wanted = Wanted(Some(vec![CodeActionKind::SOURCE_FIX_ALL]));
        assert!(wanted.includes(&DocumentAction::FixAll.kind()));
        assert!(!wanted.includes(&DocumentAction::ReflowDocument.kind()));
        assert!(!wanted.includes(&CodeActionKind::QUICKFIX));
        assert!(Wanted(None).includes(&CodeActionKind::QUICKFIX));
    }
}
