//! Person and term features: hover on a name, references, highlights,
//! rename across the edition, and "add to the register". Shapes the
//! workspace's facts into protocol answers; the facts come from the core.

use super::convert;
use super::workspace::{Workspace, uri_of};
use copydesk::Article;
use copydesk::register::FILE_NAME;
use copydesk::source::ColumnUnit;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::ls_types::*;

/// The mention under a byte offset: (name, its range).
pub fn mention_at(article: &Article, offset: usize) -> Option<(String, std::ops::Range<usize>)> {
    article
        .facts
        .person_at(offset)
        .map(|m| (m.name.clone(), m.range.clone()))
}

/// Hover text for the person under the cursor: spellings and titles seen in
/// the edition, how often, and the register's entry.
pub fn person_hover(
    workspace: &Workspace,
    uri: &Uri,
    article: &Article,
    offset: usize,
) -> Option<String> {
    let (name, _) = mention_at(article, offset)?;
    let person = workspace.person(&name)?;
    let articles: std::collections::BTreeSet<&str> =
        person.mentions.iter().map(|(id, _, _)| &**id).collect();
    let mut text = format!(
        "**{name}**：本版提及 {} 次，见于 {} 篇稿件",
        person.mentions.len(),
        articles.len()
    );
    if !person.titles.is_empty() {
        text.push_str(&format!("\n\n职务：{}", person.titles.join("、")));
    }
    let register = workspace.register_for(uri);
    match register.register.person(&name) {
        Some(entry) if entry.titles.is_empty() => text.push_str("\n\n名册：已登记"),
        Some(entry) => text.push_str(&format!("\n\n名册：{}", entry.titles.join("、"))),
        None => text.push_str("\n\n名册：未登记"),
    }
    Some(text)
}

/// Hover text for a term with other forms in the edition.
pub fn term_hover(workspace: &Workspace, article: &Article, offset: usize) -> Option<String> {
    let term = article
        .facts
        .terms
        .iter()
        .find(|t| t.range.start <= offset && offset < t.range.end)?;
    let forms = workspace.term_forms(&term.key);
    if forms.len() < 2 && term.preferred.is_none() {
        return None;
    }
    let listed: Vec<String> = forms
        .iter()
        .map(|(form, count)| format!("“{form}” {count} 次"))
        .collect();
    let mut text = format!("**{}**：本版写法 {}", term.text, listed.join("，"));
    if let Some(preferred) = &term.preferred {
        text.push_str(&format!("\n\n名册首选：“{preferred}”"));
    }
    Some(text)
}

/// Every mention of a name in the edition, as locations.
pub fn locations(workspace: &Workspace, name: &str, unit: ColumnUnit) -> Vec<Location> {
    workspace
        .mentions_of(name)
        .into_iter()
        .filter_map(|(article, range)| {
            let uri: Uri = article.id.parse().ok()?;
            Some(Location::new(
                uri,
                convert::range(&article.source, &range, unit),
            ))
        })
        .collect()
}

pub fn highlights(article: &Article, name: &str, unit: ColumnUnit) -> Vec<DocumentHighlight> {
    article
        .facts
        .mentions_of(name)
        .map(|m| DocumentHighlight {
            range: convert::range(&article.source, &m.range, unit),
            kind: Some(DocumentHighlightKind::TEXT),
        })
        .collect()
}

/// Renames a person everywhere in the edition, open or not, as one edit.
pub fn rename(
    workspace: &Workspace,
    name: &str,
    new_name: &str,
    unit: ColumnUnit,
) -> WorkspaceEdit {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for (article, range) in workspace.mentions_of(name) {
        let Ok(uri) = article.id.parse::<Uri>() else {
            continue;
        };
        changes.entry(uri).or_default().push(TextEdit {
            range: convert::range(&article.source, &range, unit),
            new_text: new_name.to_owned(),
        });
    }
    WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }
}

/// Where a document's register is, or would be created: the nearest
/// `copydesk.toml` above it, else in the workspace folder that holds it, else
/// beside it.
pub fn register_path(document: &Path, roots: &[PathBuf]) -> PathBuf {
    if let Some(found) = copydesk::Register::find_for(document) {
        return found;
    }
    let folder = roots
        .iter()
        .filter(|root| document.starts_with(root))
        .max_by_key(|root| root.as_os_str().len())
        .cloned()
        .or_else(|| document.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    folder.join(FILE_NAME)
}

/// An edit that appends `entry` to the register, creating the file if it is
/// missing; every other byte of the register stays.
pub fn append_to_register(path: &Path, entry: &str) -> Option<WorkspaceEdit> {
    let uri = uri_of(path)?;
    let existing = std::fs::read_to_string(path).ok();
    let (position, separator) = match &existing {
        Some(text) => {
            let source = copydesk::Source::new(text.as_str(), copydesk::Language::PlainText);
            let end = convert::position(&source, text.len(), ColumnUnit::Utf16);
            let separator = if text.is_empty() || text.ends_with("\n\n") {
                ""
            } else if text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            (end, separator)
        }
        None => (Position::new(0, 0), ""),
    };
    let mut operations = Vec::new();
    if existing.is_none() {
        operations.push(DocumentChangeOperation::Op(ResourceOp::Create(
            CreateFile {
                uri: uri.clone(),
                options: Some(CreateFileOptions {
                    overwrite: Some(false),
                    ignore_if_exists: Some(true),
                }),
                annotation_id: None,
            },
        )));
    }
    operations.push(DocumentChangeOperation::Edit(TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
        edits: vec![OneOf::Left(TextEdit {
            range: Range::new(position, position),
            new_text: format!("{separator}{entry}"),
        })],
    }));
    Some(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(operations)),
        ..WorkspaceEdit::default()
    })
}

fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// "Add 张群环 (市委副书记、市长) to copydesk.toml", for an unregistered
/// person under the cursor; "add 政银合作 as the preferred form", for a term
/// with variants.
pub fn register_actions(
    workspace: &Workspace,
    uri: &Uri,
    article: &Arc<Article>,
    offset: usize,
) -> Vec<CodeAction> {
    let Some(document) = uri.to_file_path().map(|p| p.into_owned()) else {
        return Vec::new();
    };
    let register = workspace.register_for(uri);
    let path = register_path(&document, &workspace.roots());
    let mut actions = Vec::new();
    if let Some((name, _)) = mention_at(article, offset)
        && register.register.person(&name).is_none()
    {
        let titles = workspace
            .person(&name)
            .map(|p| p.titles)
            .unwrap_or_default();
        let listed: Vec<String> = titles.iter().map(|t| toml_string(t)).collect();
        let entry = format!(
            "[[people]]\nname = {}\ntitles = [{}]\n",
            toml_string(&name),
            listed.join(", ")
        );
        let title = if titles.is_empty() {
            format!("把“{name}”加入 {FILE_NAME}")
        } else {
            format!("把“{name}”（{}）加入 {FILE_NAME}", titles.join("、"))
        };
        if let Some(edit) = append_to_register(&path, &entry) {
            actions.push(CodeAction {
                title,
                kind: Some(CodeActionKind::new("refactor.copydesk.register")),
                edit: Some(edit),
                ..CodeAction::default()
            });
        }
    }
    if let Some(term) = article
        .facts
        .terms
        .iter()
        .find(|t| t.range.start <= offset && offset < t.range.end)
        && term.preferred.is_none()
    {
        let forms = workspace.term_forms(&term.key);
        let others: Vec<String> = forms
            .iter()
            .filter(|(form, _)| *form != term.text)
            .map(|(form, _)| toml_string(form))
            .collect();
        if !others.is_empty() {
            let entry = format!(
                "[[terms]]\nprefer = {}\navoid = [{}]\n",
                toml_string(&term.text),
                others.join(", ")
            );
            if let Some(edit) = append_to_register(&path, &entry) {
                actions.push(CodeAction {
                    title: format!("在 {FILE_NAME} 中规定首选“{}”", term.text),
                    kind: Some(CodeActionKind::new("refactor.copydesk.register")),
                    edit: Some(edit),
                    ..CodeAction::default()
                });
            }
        }
    }
    actions
}

/// Diagnostics for a register's own mistakes, at their line and column.
pub fn register_diagnostics(register: &copydesk::Register) -> Vec<Diagnostic> {
    register
        .problems
        .iter()
        .map(|problem| {
            let at = Position::new(
                problem.line.saturating_sub(1) as u32,
                problem.column.saturating_sub(1) as u32,
            );
            Diagnostic {
                range: Range::new(at, Position::new(at.line, at.character + 1)),
                severity: Some(DiagnosticSeverity::ERROR),
                code: Some(NumberOrString::String("register".to_owned())),
                source: Some(convert::DIAGNOSTIC_SOURCE.to_owned()),
                message: problem.message.clone(),
                ..Diagnostic::default()
            }
        })
        .collect()
}
