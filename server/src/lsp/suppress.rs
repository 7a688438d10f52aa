//! "Disable this rule here": the exact markers of DESIGN.md. In Markdown, an
//! HTML comment that does not render; in plain text (where a marker would be
//! printed), an override in `copydesk.toml`.

use super::analysis::Analysis;
use super::convert;
use super::people::{append_to_register, register_path};
use super::workspace::Workspace;
use copydesk::Language;
use copydesk::source::ColumnUnit;
use std::collections::HashMap;
use tower_lsp_server::ls_types::*;

fn insert_at(uri: &Uri, position: Position, text: String) -> WorkspaceEdit {
    let mut changes = HashMap::new();
    changes.insert(
        uri.clone(),
        vec![TextEdit {
            range: Range::new(position, position),
            new_text: text,
        }],
    );
    WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }
}

/// A quick fix of its own kind, so that a client picking "the" quick fix
/// of a finding gets the correction, not the silencing.
pub fn kind() -> CodeActionKind {
    CodeActionKind::new("quickfix.copydesk.disable")
}

fn action(title: String, edit: WorkspaceEdit) -> CodeAction {
    CodeAction {
        title,
        kind: Some(kind()),
        edit: Some(edit),
        ..CodeAction::default()
    }
}

/// Actions that switch off the rule of each finding under the cursor.
pub fn actions(
    workspace: &Workspace,
    uri: &Uri,
    analysis: &Analysis,
    bytes: std::ops::Range<usize>,
    unit: ColumnUnit,
) -> Vec<CodeAction> {
    let mut rules: Vec<&'static str> = analysis
        .findings_at(bytes.clone())
        .map(|f| f.rule)
        .collect();
    rules.dedup();
    let source = &analysis.source;
    let mut actions = Vec::new();
    for rule in rules {
        match source.language() {
            Language::Markdown | Language::Html => {
                let line = source.line_col(bytes.start, ColumnUnit::Utf8).line;
                let line_start = convert::position(source, source.line_range(line).start, unit);
                actions.push(action(
                    format!("在下一行停用 {rule}"),
                    insert_at(
                        uri,
                        line_start,
                        format!("<!-- copydesk-disable-next-line {rule} -->\n"),
                    ),
                ));
                actions.push(action(
                    format!("在本文件停用 {rule}"),
                    insert_at(
                        uri,
                        Position::new(0, 0),
                        format!("<!-- copydesk-disable {rule} -->\n\n"),
                    ),
                ));
            }
            Language::PlainText => {
                let Some(document) = uri.to_file_path().map(|p| p.into_owned()) else {
                    continue;
                };
                let register = register_path(&document, &workspace.roots());
                let folder = register.parent().unwrap_or(std::path::Path::new(""));
                let relative = document.strip_prefix(folder).unwrap_or(&document);
                let glob = relative.to_string_lossy().replace('\\', "/");
                let entry = format!(
                    "[[overrides]]\nfiles = [\"{glob}\"]\n[overrides.rules]\n{rule} = \"off\"\n"
                );
                if let Some(edit) = append_to_register(&register, &entry) {
                    actions.push(action(
                        format!("在本文件停用 {rule}（写入 copydesk.toml）"),
                        edit,
                    ));
                }
            }
        }
    }
    actions
}
