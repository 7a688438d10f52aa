//! `copydesk server` driven over stdio as an editor drives it: position
//! encodings, incremental sync, robustness against confused clients, and each
//! feature's result checked against the CLI's.
//!
//! Waits are for a specific message (the diagnostics of a given version, the
//! response to a request), each with a generous timeout; nothing here asserts
//! a duration.

#[path = "lsp/client.rs"]
mod client;
#[path = "common/process.rs"]
mod process;

use client::{Client, Encoding};
use copydesk::source::{ColumnUnit, LineCol};
use copydesk::{Language, Source};
use serde_json::{Value, json};

const SEED_PAGE: &str = include_str!("fixtures/news-page.txt");
const SEED_PAGE_FIXED: &str = include_str!("fixtures/news-page.fixed.txt");
/// One half-width comma after a character outside the BMP.
const NON_BMP_LINE: &str = "𠮷野家的老板说,今天生意很好。\n";

/// What copydesk prints for text on standard input.
fn copydesk(args: &[&str], stdin: &str) -> String {
    String::from_utf8(process::run_with_stdin(args, stdin).stdout).unwrap()
}

/// `copydesk fix` of a text, as the CLI does it.
fn cli_fix(text: &str, extra: &[&str]) -> String {
    let mut args = vec!["fix", "--stdout", "--stdin-filename", "a.txt"];
    args.extend_from_slice(extra);
    args.push("-");
    copydesk(&args, text)
}

/// Applies protocol text edits (all relative to the original text).
fn apply(text: &str, edits: &[Value], unit: ColumnUnit) -> String {
    let source = Source::new(text, Language::PlainText);
    let offset = |position: &Value| {
        let line = position["line"].as_u64().unwrap() as usize;
        let column = position["character"].as_u64().unwrap() as usize;
        source.offset(LineCol { line, column }, unit)
    };
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut text = text.to_owned();
    for (start, end, new_text) in edits {
        text.replace_range(start..end, new_text);
    }
    text
}

/// The edits of a code action's workspace edit for one document.
fn action_edits(action: &Value, uri: &str) -> Vec<Value> {
    action["edit"]["changes"][uri]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn rules_of(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

fn whole(text: &str) -> Value {
    json!({"start": {"line": 0, "character": 0}, "end": {"line": text.lines().count() + 1, "character": 0}})
}

#[test]
fn utf16_client_counts_non_bmp_characters_as_two_units() {
    let (mut client, result) = Client::start(json!({}), Value::Null);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    client.open("file:///a.txt", "plaintext", 1, NON_BMP_LINE);
    let diagnostics = client.diagnostics("file:///a.txt", 1);
    assert_eq!(rules_of(&diagnostics), ["halfwidth-punctuation"]);
    // 𠮷 (2 units) + 野家的老板说 (6 units).
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": 0, "character": 8})
    );
    assert_eq!(
        diagnostics[0]["range"]["end"],
        json!({"line": 0, "character": 9})
    );
    assert_eq!(diagnostics[0]["source"], "copydesk");
    assert_eq!(diagnostics[0]["severity"], 2);
    assert!(client.shut_down().success());
}

#[test]
fn utf8_client_gets_byte_columns() {
    let (mut client, result) = Client::start(
        json!({"general": {"positionEncodings": ["utf-16", "utf-8"]}}),
        Value::Null,
    );
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    client.open("file:///a.txt", "plaintext", 1, NON_BMP_LINE);
    let diagnostics = client.diagnostics("file:///a.txt", 1);
    // 𠮷 (4 bytes) + 野家的老板说 (6 × 3 bytes).
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": 0, "character": 22})
    );
    assert_eq!(
        diagnostics[0]["range"]["end"],
        json!({"line": 0, "character": 23})
    );
    assert!(client.shut_down().success());
}

#[test]
fn incremental_edits_end_in_the_diagnostics_of_the_final_text() {
    let mut client = Client::start_with(Encoding::Utf16);
    let uri = "file:///edited.txt";
    client.open(uri, "plaintext", 1, "今天天气很好。\n");
    let change = |range: [u32; 4], text: &str| {
        json!({"range": {"start": {"line": range[0], "character": range[1]},
                         "end": {"line": range[2], "character": range[3]}}, "text": text})
    };
    let steps = [
        // Insert a line with a non-BMP character and a half-width comma.
        vec![change([1, 0, 1, 0], "𠮷野家说,好。\n")],
        // Two events in one notification, the second relative to the first.
        vec![change([0, 2, 0, 4], "天 气"), change([1, 2, 1, 2], "的的")],
        // Delete across the line break, then type a doubled full stop.
        vec![change([0, 8, 1, 0], ""), change([0, 0, 0, 0], "。。")],
    ];
    for (index, events) in steps.into_iter().enumerate() {
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": index + 2}, "contentChanges": events}),
        );
    }
    let incremental = client.diagnostics(uri, 4);
    let expected_text = "。。今天天 气很好。𠮷的的野家说,好。\n";
    client.open("file:///final.txt", "plaintext", 1, expected_text);
    let opened = client.diagnostics("file:///final.txt", 1);
    assert!(!opened.is_empty());
    assert_eq!(
        incremental,
        opened
            .iter()
            .map(|d| {
                let mut d = d.clone();
                if let Some(related) = d.get_mut("relatedInformation") {
                    for r in related.as_array_mut().unwrap() {
                        r["location"]["uri"] = json!(uri);
                    }
                }
                d
            })
            .collect::<Vec<_>>()
    );
    // The text itself: formatting the edited document fixes the same marks.
    let edits = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    let fixed = apply(expected_text, edits.as_array().unwrap(), ColumnUnit::Utf16);
    assert_eq!(fixed, cli_fix(expected_text, &[]));
    assert!(client.shut_down().success());
}

#[test]
fn change_before_open_and_unknown_documents_are_ignored() {
    let mut client = Client::start_with(Encoding::Utf16);
    let uri = "file:///late.txt";
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 5},
               "contentChanges": [{"range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 1}}, "text": "x"}]}),
    );
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///never-opened.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert!(hover.is_null());
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": "file:///never-opened.txt"}}),
    );
    assert!(symbols.is_null());
    // Not an article: no diagnostics, no trouble.
    client.open("file:///main.rs", "rust", 1, "fn main() {}\n");
    client.open(uri, "plaintext", 1, NON_BMP_LINE);
    assert_eq!(
        rules_of(&client.diagnostics(uri, 1)),
        ["halfwidth-punctuation"]
    );
    assert!(
        client.stderr().contains("not open"),
        "log: {}",
        client.stderr()
    );
    assert!(client.shut_down().success());
}

#[test]
fn out_of_range_positions_are_clamped() {
    let mut client = Client::start_with(Encoding::Utf16);
    let uri = "file:///a.txt";
    client.open(uri, "plaintext", 1, NON_BMP_LINE);
    client.diagnostics(uri, 1);
    let far = json!({"line": 9999, "character": 9999});
    let past_line_end = json!({"line": 0, "character": 9999});
    // Inside the surrogate pair of 𠮷.
    let mid_character = json!({"line": 0, "character": 1});
    for position in [&far, &past_line_end, &mid_character] {
        let hover = client.request_raw(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position}),
        );
        assert!(hover.get("error").is_none(), "{hover}");
    }
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": past_line_end, "end": far},
               "context": {"diagnostics": []}}),
    );
    assert!(actions.is_array());
    // A reversed range covers the same text as the ordered one.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 9}, "end": {"line": 0, "character": 8}},
               "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let fixes: Vec<&Value> = actions
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| !a["title"].as_str().unwrap().contains("停用"))
        .collect();
    assert_eq!(fixes.len(), 1, "{actions}");
    let change = json!({"textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": far, "end": far}, "text": "尾,巴"}]});
    client.notify("textDocument/didChange", change);
    let diagnostics = client.diagnostics(uri, 2);
    assert_eq!(
        diagnostics.len(),
        2,
        "the text appended at the end: {diagnostics:?}"
    );
    assert!(client.shut_down().success());
}

#[test]
fn a_ten_megabyte_document_does_not_stop_the_server() {
    let mut client = Client::start_with(Encoding::Utf16);
    let mut huge = String::new();
    while huge.len() < 10 * 1024 * 1024 {
        huge.push_str(SEED_PAGE_FIXED);
        huge.push_str(NON_BMP_LINE);
        huge.push('\n');
    }
    client.open("file:///huge.txt", "plaintext", 1, &huge);
    // A small document is served while the huge one is being analysed.
    client.open("file:///small.txt", "plaintext", 1, NON_BMP_LINE);
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///small.txt"}, "position": {"line": 0, "character": 8}}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("halfwidth-punctuation")
    );
    let diagnostics = client.diagnostics("file:///huge.txt", 1);
    assert!(diagnostics.len() > 100);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": "file:///huge.txt"}}),
    );
    assert!(symbols.as_array().unwrap().len() > 100);
    assert!(client.shut_down().success());
}

#[test]
fn a_document_over_the_size_limit_gets_the_form_rules_and_one_note_saying_so() {
    let mut client = Client::start_with(Encoding::Utf16);
    // One person with two titles (a title conflict) and a half-width comma
    // (a form finding), repeated past the 8 MiB limit.
    let paragraph = "本报讯 市长陈立新昨天指出,要抓好落实。副市长陈立新说，项目要早日建成。\n\n";
    let huge = paragraph.repeat(8 * 1024 * 1024 / paragraph.len() + 1);
    client.open("file:///over.txt", "plaintext", 1, &huge);
    let diagnostics = client.diagnostics("file:///over.txt", 1);
    let notes: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "document-size")
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["severity"], 3);
    assert_eq!(
        notes[0]["range"],
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}})
    );
    assert!(
        notes[0]["message"]
            .as_str()
            .unwrap()
            .contains("只做格式检查")
    );
    assert!(rules_of(&diagnostics).contains(&"halfwidth-punctuation"));
    assert!(!rules_of(&diagnostics).contains(&"title-conflict"));
    // Under the limit again: every rule, and no note.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///over.txt", "version": 2}, "contentChanges": [{"text": paragraph}]}),
    );
    let diagnostics = client.diagnostics("file:///over.txt", 2);
    assert!(!rules_of(&diagnostics).contains(&"document-size"));
    assert!(rules_of(&diagnostics).contains(&"title-conflict"));
    assert!(client.shut_down().success());
}

#[test]
fn quick_fix_applied_equals_copydesk_fix() {
    let mut client = Client::start_with(Encoding::Utf16);
    let uri = "file:///a.txt";
    client.open(uri, "plaintext", 1, NON_BMP_LINE);
    let diagnostic = client.diagnostics(uri, 1).remove(0);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diagnostic["range"],
               "context": {"diagnostics": [diagnostic]}}),
    );
    let quick_fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .expect("a quick fix");
    assert_eq!(quick_fix["isPreferred"], true);
    assert_eq!(quick_fix["diagnostics"][0]["code"], "halfwidth-punctuation");
    let fixed = apply(
        NON_BMP_LINE,
        &action_edits(quick_fix, uri),
        ColumnUnit::Utf16,
    );
    assert_eq!(fixed, cli_fix(NON_BMP_LINE, &[]));
    assert!(client.shut_down().success());
}

#[test]
fn document_actions_equal_copydesk_fix() {
    let mut client = Client::start_with(Encoding::Utf8);
    let uri = "file:///page.txt";
    client.open(uri, "plaintext", 1, SEED_PAGE);
    let diagnostics = client.diagnostics(uri, 1);
    let first_wrap = diagnostics
        .iter()
        .find(|d| d["code"] == "broken-wrap")
        .expect("the page has broken wraps");
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": first_wrap["range"]["start"], "end": first_wrap["range"]["start"]},
               "context": {"diagnostics": []}}),
    );
    let actions = actions.as_array().unwrap();
    let by_kind = |kind: &str| {
        actions
            .iter()
            .find(|a| a["kind"] == kind)
            .unwrap_or_else(|| panic!("no {kind} action in {actions:?}"))
    };
    let fix_all = apply(
        SEED_PAGE,
        &action_edits(by_kind("source.fixAll.copydesk"), uri),
        ColumnUnit::Utf8,
    );
    assert_eq!(fix_all, cli_fix(SEED_PAGE, &[]));
    assert_eq!(fix_all, SEED_PAGE_FIXED);
    let reflowed = apply(
        SEED_PAGE,
        &action_edits(by_kind("source.reflow.copydesk"), uri),
        ColumnUnit::Utf8,
    );
    assert_eq!(reflowed, cli_fix(SEED_PAGE, &["--select", "broken-wrap"]));
    // Reflowing the paragraph under the cursor joins that paragraph only.
    let paragraph = apply(
        SEED_PAGE,
        &action_edits(by_kind("refactor.rewrite"), uri),
        ColumnUnit::Utf8,
    );
    let first_fixed_paragraph = SEED_PAGE_FIXED
        .lines()
        .find(|l| l.starts_with("本报讯 21日"))
        .unwrap();
    assert!(paragraph.lines().any(|l| l == first_fixed_paragraph));
    assert!(paragraph.contains("会议以视频形式召开，我市领导\n"));
    assert!(client.shut_down().success());
}

#[test]
fn code_action_edits_can_be_resolved_later() {
    let (mut client, result) = Client::start(
        json!({"textDocument": {"codeAction": {"resolveSupport": {"properties": ["edit"]}, "dataSupport": true}}}),
        Value::Null,
    );
    assert_eq!(
        result["capabilities"]["codeActionProvider"]["resolveProvider"],
        true
    );
    let uri = "file:///page.txt";
    client.open(uri, "plaintext", 1, SEED_PAGE);
    client.diagnostics(uri, 1);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": whole(SEED_PAGE),
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert!(actions[0].get("edit").is_none());
    let resolved = client.request("codeAction/resolve", actions[0].clone());
    let fixed = apply(SEED_PAGE, &action_edits(&resolved, uri), ColumnUnit::Utf16);
    assert_eq!(fixed, SEED_PAGE_FIXED);
    // After an edit, the old action is refused rather than misapplied.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "新的文本。"}]}),
    );
    let stale = client.request_raw("codeAction/resolve", actions[0].clone());
    assert_eq!(stale["error"]["code"], -32801);
    assert!(client.shut_down().success());
}

#[test]
fn formatting_applies_the_safe_fixes() {
    let mut client = Client::start_with(Encoding::Utf16);
    let uri = "file:///page.txt";
    client.open(uri, "plaintext", 1, SEED_PAGE);
    client.diagnostics(uri, 1);
    let options = json!({"tabSize": 4, "insertSpaces": true});
    let edits = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": options}),
    );
    let formatted = apply(SEED_PAGE, edits.as_array().unwrap(), ColumnUnit::Utf16);
    assert_eq!(formatted, SEED_PAGE_FIXED);
    // Range formatting of the first lines: only the paragraphs inside them.
    let edits = client.request(
        "textDocument/rangeFormatting",
        json!({"textDocument": {"uri": uri}, "options": options,
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 13, "character": 0}}}),
    );
    let edits = edits.as_array().unwrap();
    assert!(!edits.is_empty());
    assert!(
        edits
            .iter()
            .all(|e| e["range"]["end"]["line"].as_u64().unwrap() <= 13)
    );
    let formatted = apply(SEED_PAGE, edits, ColumnUnit::Utf16);
    assert!(
        formatted.contains(
            SEED_PAGE_FIXED
                .lines()
                .find(|l| l.starts_with("本报讯 21日"))
                .unwrap()
        )
    );
    assert!(formatted.contains("会议以视频形式召开，我市领导\n"));
    assert!(client.shut_down().success());
}

#[test]
fn outline_of_the_seed_page_has_its_two_articles() {
    let mut client = Client::start_with(Encoding::Utf16);
    let uri = "file:///page.txt";
    client.open(uri, "plaintext", 1, SEED_PAGE);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let articles = symbols.as_array().unwrap();
    assert_eq!(articles.len(), 2, "{symbols:#}");
    // On this page the headlines follow the body of their article.
    assert!(
        articles[0]["name"]
            .as_str()
            .unwrap()
            .contains("精密智控打好两战 夺取下半场新胜利")
    );
    assert!(articles[0]["detail"].as_str().unwrap().contains("陈晓苏"));
    assert!(
        articles[1]["name"]
            .as_str()
            .unwrap()
            .contains("政银合作为经济社会发展注入金融活水")
    );
    assert!(articles[1]["detail"].as_str().unwrap().contains("张赤奎"));
    let children = articles[0]["children"].as_array().unwrap();
    assert_eq!(children[0]["name"], "□首席记者 陈晓苏");
    assert!(children.len() > 5);
    assert_eq!(articles[0]["range"]["start"]["line"], 0);
    assert!(articles[1]["range"]["start"]["line"].as_u64().unwrap() >= 170);
    assert!(client.shut_down().success());
}

#[test]
fn hover_shows_the_rule_documentation() {
    let mut client = Client::start_with(Encoding::Utf16);
    let uri = "file:///a.txt";
    client.open(uri, "plaintext", 1, NON_BMP_LINE);
    client.diagnostics(uri, 1);
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 8}}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    // The rule's documentation, as `copydesk explain` prints it, below a
    // smaller title than its own heading.
    let explain = copydesk(&["explain", "halfwidth-punctuation"], "");
    let body = explain
        .trim()
        .strip_prefix("# halfwidth-punctuation")
        .unwrap()
        .trim();
    assert!(text.contains(body), "{text}");
    assert!(
        text.starts_with("**copydesk · `halfwidth-punctuation`**"),
        "{text}"
    );
    assert_eq!(hover["range"]["start"]["character"], 8);
    let nothing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}),
    );
    assert!(nothing.is_null());
    assert!(client.shut_down().success());
}

#[test]
fn settings_change_severities_and_languages() {
    let (mut client, _) = Client::start(
        json!({}),
        json!({"rules": {"halfwidth-punctuation": "off", "no-such-rule": "error"}}),
    );
    let uri = "file:///a.md";
    client.open(uri, "unknown-id", 1, NON_BMP_LINE);
    assert!(client.diagnostics(uri, 1).is_empty());
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"halfwidth-punctuation": "error"}}}}),
    );
    let diagnostics = client.diagnostics(uri, 1);
    assert_eq!(rules_of(&diagnostics), ["halfwidth-punctuation"]);
    assert_eq!(diagnostics[0]["severity"], 1);
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"languages": ["plaintext"]}}),
    );
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 8}}),
    );
    assert!(hover.is_null(), "Markdown is switched off: {hover}");
    assert!(client.shut_down().success());
}

#[test]
fn pull_diagnostics_match_the_pushed_ones() {
    let mut client = Client::start_with(Encoding::Utf16);
    let uri = "file:///page.txt";
    client.open(uri, "plaintext", 1, SEED_PAGE);
    let pushed = client.diagnostics(uri, 1);
    let pulled = client.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(pulled["kind"], "full");
    assert_eq!(pulled["items"].as_array().unwrap(), &pushed);
    assert!(client.shut_down().success());
}

#[test]
fn exit_without_shutdown_is_an_error_exit() {
    let mut client = Client::start_with(Encoding::Utf16);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_for_exit().code(), Some(1));
}

/// A request any server state answers (`null`: the document is not open).
fn answered_hover(client: &mut Client) -> Value {
    client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.txt"}, "position": {"line": 0, "character": 0}}),
    )
}

#[test]
fn a_malformed_message_is_answered_and_the_session_goes_on() {
    let mut client = Client::start_with(Encoding::Utf16);
    let framed = |body: &[u8]| {
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(body);
        frame
    };
    // What is sent, and the answer's id and error code.
    let cases: Vec<(Vec<u8>, Value, i64)> = vec![
        (framed(b"{not json"), Value::Null, -32700),
        (framed(b"{\"a\": \"\xff\xfe\"}"), Value::Null, -32700),
        (framed(b"[]"), Value::Null, -32600),
        (
            framed(br#"{"jsonrpc":"2.0","id":{"x":1},"method":"textDocument/hover"}"#),
            Value::Null,
            -32600,
        ),
        (
            framed(br#"{"jsonrpc":"1.0","id":41,"method":"shutdown"}"#),
            json!(41),
            -32600,
        ),
        (framed(b""), Value::Null, -32700),
        (
            b"Content-Length: twelve\r\n\r\n".to_vec(),
            Value::Null,
            -32700,
        ),
        (
            b"garbage before a header\r\n\r\n".to_vec(),
            Value::Null,
            -32700,
        ),
        (
            b"Content-Type: application/vscode-jsonrpc\r\n\r\n".to_vec(),
            Value::Null,
            -32700,
        ),
    ];
    for (index, (bytes, id, code)) in cases.into_iter().enumerate() {
        client.send_bytes(&bytes);
        let answer = client.wait_for(&format!("the answer to case {index}"), |m| {
            m.get("error").is_some() && m.get("method").is_none()
        });
        assert_eq!(answer["id"], id, "case {index}: {answer}");
        assert_eq!(answer["error"]["code"], code, "case {index}: {answer}");
        assert_eq!(answered_hover(&mut client), Value::Null, "case {index}");
    }
    // A client that split a surrogate pair: the text gets U+FFFD, which is
    // itself a finding (a character the font lacked).
    let open = r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///split.txt","languageId":"plaintext","version":1,"text":"他叫\ud842祥，今天来了。\n"}}}"#;
    client.send_body(open.as_bytes());
    let diagnostics = client.diagnostics("file:///split.txt", 1);
    assert_eq!(rules_of(&diagnostics), ["missing-glyph"]);
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": 0, "character": 2})
    );
    assert!(client.stderr().contains("lone surrogate"));
    assert!(client.shut_down().success());
}

// ---------------------------------------------------------------------------
// The edition: articles under the workspace folder, open or not.

/// A copy of the planted edition (register, three articles) in a temp folder.
fn planted_edition() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/edition/planted");
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

/// A client on a workspace folder that has finished indexing it.
fn client_in(folder: &std::path::Path) -> Client {
    let folders = json!([{"uri": file_uri(folder), "name": "edition"}]);
    let (mut client, _) = Client::start_in(
        json!({"window": {"workDoneProgress": true}}),
        Value::Null,
        folders,
    );
    client.wait_for("the end of indexing", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    client
}

fn rules(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn consistency_is_judged_against_articles_that_are_not_open() {
    let dir = planted_edition();
    let mut client = client_in(dir.path());
    let b = file_uri(&dir.path().join("b.txt"));
    client.open(
        &b,
        "plaintext",
        1,
        &std::fs::read_to_string(dir.path().join("b.txt")).unwrap(),
    );
    let diagnostics = client.diagnostics(&b, 1);
    let found = rules(&diagnostics);
    for rule in [
        "leader-order",
        "title-conflict",
        "name-variant",
        "term-variant",
    ] {
        assert!(
            found.contains(&rule.to_owned()),
            "{rule} missing from {found:?}"
        );
    }
    let variant = diagnostics
        .iter()
        .find(|d| d["code"] == "name-variant")
        .unwrap();
    let related = &variant["relatedInformation"][0]["location"];
    assert_eq!(
        related["uri"],
        file_uri(&dir.path().join("a.txt")),
        "points into the unopened a.txt"
    );
    client.shut_down();
}

#[test]
fn hover_references_and_rename_of_a_person_span_the_edition() {
    let dir = planted_edition();
    let mut client = client_in(dir.path());
    let a = file_uri(&dir.path().join("a.txt"));
    let text = std::fs::read_to_string(dir.path().join("a.txt")).unwrap();
    client.open(&a, "plaintext", 1, &text);
    client.diagnostics(&a, 1);
    // 刘建国 in 市委副书记、市长刘建国 (line 5, UTF-16 column 34).
    let line = text.lines().nth(4).unwrap();
    let column = line[..line.find("刘建国").unwrap()].encode_utf16().count();
    let at = json!({"textDocument": {"uri": a}, "position": {"line": 4, "character": column + 1}});
    let hover = client.request("textDocument/hover", at.clone());
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("**刘建国**"), "{shown}");
    assert!(shown.contains("名册：市委副书记、市长"), "{shown}");
    let mut at_references = at.clone();
    at_references["context"] = json!({"includeDeclaration": true});
    let references = client.request("textDocument/references", at_references);
    let files: std::collections::BTreeSet<&str> = references
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["uri"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 2, "a.txt and the unopened b.txt: {references}");
    let prepared = client.request("textDocument/prepareRename", at.clone());
    assert_eq!(prepared["placeholder"], "刘建国");
    let mut rename = at.clone();
    rename["newName"] = json!("刘建民");
    let edit = client.request("textDocument/rename", rename);
    let changes = edit["changes"].as_object().unwrap();
    assert_eq!(changes.len(), 2);
    let edits_in_a = changes[&a].as_array().unwrap();
    let renamed = apply(&text, edits_in_a, ColumnUnit::Utf16);
    assert_eq!(renamed, text.replace("刘建国", "刘建民"));
    client.shut_down();
}

#[test]
fn add_a_person_to_a_register_that_does_not_exist_yet() {
    let dir = tempfile::tempdir().unwrap();
    let text = "市长周明主持会议。周明说，要抓落实。\n";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let mut client = client_in(dir.path());
    let a = file_uri(&dir.path().join("a.txt"));
    client.open(&a, "plaintext", 1, text);
    client.diagnostics(&a, 1);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": a}, "range": {"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 3}},
               "context": {"diagnostics": []}}),
    );
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("把“周明”"))
        .unwrap_or_else(|| panic!("no add-to-register action in {actions}"));
    assert_eq!(add["title"], "把“周明”（市长）加入 copydesk.toml");
    let operations = add["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(operations[0]["kind"], "create");
    assert!(
        operations[0]["uri"]
            .as_str()
            .unwrap()
            .ends_with("/copydesk.toml")
    );
    let inserted = operations[1]["edits"][0]["newText"].as_str().unwrap();
    assert_eq!(
        inserted,
        "[[people]]\nname = \"周明\"\ntitles = [\"市长\"]\n"
    );
    assert!(copydesk::Register::parse(inserted).problems.is_empty());
    client.shut_down();
}

#[test]
fn a_malformed_register_gets_diagnostics_and_a_fix_takes_effect_without_restart() {
    let dir = planted_edition();
    let register = dir.path().join("copydesk.toml");
    std::fs::write(
        &register,
        "[rules]\ncjk-space = \"loud\"\n\n[[people]]\nname = \"陈立新\"\n",
    )
    .unwrap();
    let mut client = client_in(dir.path());
    let toml_uri = file_uri(&register);
    let reported = client.wait_for("the register's diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == toml_uri
    });
    let problem = &reported["params"]["diagnostics"][0];
    assert_eq!(problem["range"]["start"]["line"], 1);
    assert!(problem["message"].as_str().unwrap().contains("loud"));
    // The editor fixes the file; the server is told and reads it again.
    std::fs::write(
        &register,
        "[rules]\ncjk-space = \"off\"\nterm-variant = \"off\"\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": toml_uri, "type": 2}]}),
    );
    let cleared = client.wait_for("the register's diagnostics cleared", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == toml_uri
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.is_empty())
    });
    assert!(
        cleared["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let b = file_uri(&dir.path().join("b.txt"));
    client.open(
        &b,
        "plaintext",
        1,
        &std::fs::read_to_string(dir.path().join("b.txt")).unwrap(),
    );
    let found = rules(&client.diagnostics(&b, 1));
    assert!(
        !found.contains(&"term-variant".to_owned()),
        "the new register turned it off: {found:?}"
    );
    client.shut_down();
}

#[test]
fn disabling_a_rule_on_a_markdown_line_writes_the_comment_and_silences_it() {
    let mut client = Client::start_with(Encoding::Utf16);
    let uri = "file:///draft.md";
    let text = "# 标题\n\n会议指出,近期省领导来金调研。\n";
    client.open(uri, "markdown", 1, text);
    assert_eq!(
        rules(&client.diagnostics(uri, 1)),
        ["halfwidth-punctuation"]
    );
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 2, "character": 4}, "end": {"line": 2, "character": 5}},
               "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let disable = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "在下一行停用 halfwidth-punctuation")
        .unwrap_or_else(|| panic!("no disable action in {actions}"));
    let edits = disable["edit"]["changes"][uri].as_array().unwrap();
    let silenced = apply(text, edits, ColumnUnit::Utf16);
    assert_eq!(
        silenced,
        "# 标题\n\n<!-- copydesk-disable-next-line halfwidth-punctuation -->\n会议指出,近期省领导来金调研。\n"
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": silenced}]}),
    );
    assert!(client.diagnostics(uri, 2).is_empty());
    client.shut_down();
}

// ---------------------------------------------------------------------------
// Findings that depend on another article follow it.

const MAYOR: &str =
    "本报讯 市长陈立新昨天在全市工作会议上指出，要抓好落实。陈立新强调，各地要压实责任。\n";
const DEPUTY: &str = "本报讯 副市长陈立新昨天出席了开工仪式。陈立新说，项目要早日建成。\n";

fn has_conflict(diagnostics: &[Value]) -> bool {
    diagnostics.iter().any(|d| d["code"] == "title-conflict")
}

/// Replaces the whole text of an open document.
fn replace_text(client: &mut Client, uri: &str, version: i64, text: &str) {
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
    );
}

#[test]
fn a_title_conflict_appears_and_disappears_on_the_other_open_article() {
    // The conflict is reported on the mayor's article (副市长 is the other
    // title); each order of opening, and each article edited.
    for mayor_first in [true, false] {
        let mut client = Client::start_with(Encoding::Utf16);
        let (mayor, deputy) = ("file:///edition/mayor.txt", "file:///edition/deputy.txt");
        let opened = if mayor_first {
            [(mayor, MAYOR), (deputy, DEPUTY)]
        } else {
            [(deputy, DEPUTY), (mayor, MAYOR)]
        };
        client.open(opened[0].0, "plaintext", 1, opened[0].1);
        assert!(!has_conflict(&client.diagnostics(opened[0].0, 1)));
        client.open(opened[1].0, "plaintext", 1, opened[1].1);
        // The article opened first learns of the second without an edit.
        let on_mayor = client.published(mayor, "the mayor's conflict", has_conflict);
        assert_eq!(
            on_mayor[0]["relatedInformation"][0]["location"]["uri"],
            deputy
        );
        // 副 goes from the deputy's article, and comes back: the mayor's
        // article follows without an edit of its own.
        client.forget_notifications();
        replace_text(&mut client, deputy, 2, &DEPUTY.replacen("副", "", 1));
        client.published(mayor, "no conflict without 副", |d| !has_conflict(d));
        replace_text(&mut client, deputy, 3, DEPUTY);
        client.published(mayor, "the conflict again", has_conflict);
        // Closing it takes it out of the edition (it is not on disk).
        client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": deputy}}),
        );
        client.published(mayor, "the mayor alone again", |d| !has_conflict(d));
        assert!(client.shut_down().success());
    }
}

#[test]
fn a_title_conflict_follows_an_article_changed_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), MAYOR).unwrap();
    std::fs::write(dir.path().join("b.txt"), DEPUTY).unwrap();
    let mut client = client_in(dir.path());
    let a = file_uri(&dir.path().join("a.txt"));
    let b = file_uri(&dir.path().join("b.txt"));
    client.open(&a, "plaintext", 1, MAYOR);
    client.published(&a, "the conflict with b on disk", has_conflict);
    std::fs::write(
        dir.path().join("b.txt"),
        MAYOR.replace("全市工作会议", "开工仪式"),
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": b, "type": 2}]}),
    );
    client.published(&a, "no conflict once b changed", |d| !has_conflict(d));
    std::fs::write(dir.path().join("b.txt"), DEPUTY).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": b, "type": 2}]}),
    );
    client.published(&a, "the conflict again", has_conflict);
    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": b, "type": 3}]}),
    );
    client.published(&a, "no conflict once b is deleted", |d| !has_conflict(d));
    assert!(client.shut_down().success());
}

#[test]
fn pulled_diagnostics_carry_result_ids_and_follow_the_other_article() {
    let capabilities = json!({
        "textDocument": {"diagnostic": {"dynamicRegistration": false}},
        "workspace": {"diagnostics": {"refreshSupport": true}},
    });
    let (mut client, result) = Client::start(capabilities, Value::Null);
    let provider = &result["capabilities"]["diagnosticProvider"];
    assert_eq!(provider["interFileDependencies"], true);
    assert_eq!(provider["workspaceDiagnostics"], true);
    let (a, b) = ("file:///edition/a.txt", "file:///edition/b.txt");
    client.open(a, "plaintext", 1, MAYOR);
    client.open(b, "plaintext", 1, DEPUTY);
    let pull = |client: &mut Client, previous: Option<&str>| {
        client.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": a}, "previousResultId": previous}),
        )
    };
    // a may be pulled before b is analysed; then b's analysis asks the
    // client to pull again.
    let mut full = pull(&mut client, None);
    for _ in 0..3 {
        if has_conflict(full["items"].as_array().unwrap()) {
            break;
        }
        client.wait_for("a refresh", |m| {
            m["method"] == "workspace/diagnostic/refresh"
        });
        full = pull(&mut client, None);
    }
    assert_eq!(full["kind"], "full");
    assert!(has_conflict(full["items"].as_array().unwrap()));
    let id = full["resultId"].as_str().unwrap().to_owned();
    let again = pull(&mut client, Some(&id));
    assert_eq!(again, json!({"kind": "unchanged", "resultId": id}));
    // b changes: the client is asked to pull again, and a's report changed.
    client.forget_notifications();
    replace_text(&mut client, b, 2, MAYOR);
    // A refresh asked for before the edit was analysed may arrive first:
    // pull again at each refresh until a's report changes.
    let mut after = json!(null);
    for _ in 0..3 {
        client.wait_for("a refresh", |m| {
            m["method"] == "workspace/diagnostic/refresh"
        });
        after = pull(&mut client, Some(&id));
        if after["kind"] == "full" {
            break;
        }
    }
    assert_eq!(after["kind"], "full");
    assert!(!has_conflict(after["items"].as_array().unwrap()));
    // The workspace pull: every open article, unchanged where the id is known.
    let after_id = after["resultId"].as_str().unwrap();
    let workspace = client.request(
        "workspace/diagnostic",
        json!({"previousResultIds": [{"uri": a, "value": after_id}]}),
    );
    let items = workspace["items"].as_array().unwrap();
    let report = |uri: &str| items.iter().find(|i| i["uri"] == uri).unwrap().clone();
    assert_eq!(report(a)["kind"], "unchanged");
    assert_eq!(report(b)["kind"], "full");
    assert_eq!(report(b)["version"], 2);
    assert!(client.shut_down().success());
}
