//! The `copydesk` binary as a newsroom runs it: `check`, `fix`, `explain`,
//! `rules`, their exit codes and output formats, and what happens to files
//! copydesk cannot read.

#[path = "common/process.rs"]
mod process;

use process::{json, run, run_with_stdin, stderr, stdout, workspace};
use serde_json::Value;
use std::path::{Path, PathBuf};

const SEED_PAGE: &str = include_str!("fixtures/news-page.txt");
const SEED_PAGE_FIXED: &str = include_str!("fixtures/news-page.fixed.txt");

fn diagnostics(report: &Value) -> Vec<&Value> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .collect()
}

#[test]
fn check_seed_page_as_json_finds_every_wrapped_paragraph() {
    let dir = workspace(&[("page.txt", SEED_PAGE.as_bytes())]);
    let output = run(&["check", "--format", "json", "page.txt"], dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json(&output);
    assert_eq!(report["summary"]["files"], 1);
    assert_eq!(report["files"][0]["path"], "page.txt");
    let all = diagnostics(&report);
    assert_eq!(report["summary"]["diagnostics"], all.len());
    // The page also writes 政银合作 twice and 银政合作 once.
    let others: Vec<_> = all.iter().filter(|d| d["rule"] != "broken-wrap").collect();
    assert_eq!(others.len(), 1);
    assert_eq!(others[0]["rule"], "term-variant");
    assert_eq!(
        others[0]["range"]["start"],
        serde_json::json!({"line": 228, "column": 11})
    );
    let found: Vec<_> = all
        .into_iter()
        .filter(|d| d["rule"] == "broken-wrap")
        .collect();
    assert_eq!(
        found.len(),
        11,
        "six paragraphs in one article, five in the other"
    );
    let first = found[0];
    assert_eq!(first["severity"], "warning");
    assert_eq!(
        first["range"]["start"],
        serde_json::json!({"line": 3, "column": 1})
    );
    assert_eq!(
        first["range"]["end"],
        serde_json::json!({"line": 12, "column": 12})
    );
    let fix = &first["fixes"][0];
    assert_eq!(fix["safe"], true);
    assert_eq!(fix["edits"].as_array().unwrap().len(), 5);
    assert_eq!(
        fix["edits"][0]["range"]["start"],
        serde_json::json!({"line": 3, "column": 17})
    );
    assert_eq!(
        fix["edits"][0]["range"]["end"],
        serde_json::json!({"line": 4, "column": 1})
    );
    assert_eq!(fix["edits"][0]["new_text"], "");
}

#[test]
fn check_human_output_points_at_the_line_and_column() {
    let dir = workspace(&[("a.txt", "会议指出,近期省领导密集来金调研。\n".as_bytes())]);
    let output = run(&["check", "a.txt"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("warning[halfwidth-punctuation]: 此处应为全角逗号“，”"),
        "{text}"
    );
    assert!(text.contains("--> a.txt:1:5"), "{text}");
    assert!(text.contains("改为全角逗号“，” (copydesk fix)"), "{text}");
    // The caret sits under the comma: four Chinese characters are eight columns.
    let caret_line = text.lines().find(|l| l.contains('^')).unwrap();
    let bar = caret_line.find('|').unwrap();
    assert_eq!(caret_line[bar + 1..].find('^'), Some(1 + 8), "{text}");
    assert!(
        text.contains("found 1 problem(s) in 1 of 1 file(s); 1 fixable"),
        "{text}"
    );
}

#[test]
fn clean_article_exits_zero() {
    let dir = workspace(&[(
        "clean.txt",
        "□记者 李娜\n\n本报讯 21日，全市召开会议。\n".as_bytes(),
    )]);
    let output = run(&["check", "clean.txt"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("no problems found"));
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = workspace(&[("page.txt", SEED_PAGE.as_bytes())]);
    let errors_only = run(&["check", "--fail-on", "error", "page.txt"], dir.path());
    assert_eq!(errors_only.status.code(), Some(0));
    let glyph = workspace(&[("g.txt", "市领导张□环出席会议。\n".as_bytes())]);
    let output = run(&["check", "--fail-on", "error", "g.txt"], glyph.path());
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn select_and_ignore_choose_rules() {
    let text = "会议指出,近期。。\n";
    let dir = workspace(&[("a.txt", text.as_bytes())]);
    let selected = json(&run(
        &[
            "check",
            "--format",
            "json",
            "--select",
            "duplicate-punctuation",
            "a.txt",
        ],
        dir.path(),
    ));
    let rules: Vec<_> = diagnostics(&selected)
        .iter()
        .map(|d| d["rule"].clone())
        .collect();
    assert_eq!(rules, ["duplicate-punctuation"]);
    let ignored = json(&run(
        &[
            "check",
            "--format",
            "json",
            "--ignore",
            "duplicate-punctuation",
            "a.txt",
        ],
        dir.path(),
    ));
    let rules: Vec<_> = diagnostics(&ignored)
        .iter()
        .map(|d| d["rule"].clone())
        .collect();
    assert_eq!(rules, ["halfwidth-punctuation"]);
    let unknown = run(&["check", "--select", "no-such-rule", "a.txt"], dir.path());
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown rule `no-such-rule`"));
}

#[test]
fn stdin_is_named_by_stdin_filename_and_its_extension_picks_markdown() {
    let markdown = "# 标题\n\n正文第一行\n第二行。\n\n```\n代码,不查\n```\n";
    let output = run_with_stdin(
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "draft.md",
            "-",
        ],
        markdown,
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json(&output);
    assert_eq!(report["files"][0]["path"], "draft.md");
    let found = diagnostics(&report);
    assert_eq!(found.len(), 1, "{report}");
    assert_eq!(found[0]["rule"], "broken-wrap");
    assert_eq!(found[0]["range"]["start"]["line"], 3);
}

#[test]
fn unreadable_files_are_reported_and_the_rest_still_checked() {
    let latin1: &[u8] = b"caf\xe9 \xe0 la carte\n";
    let dir = workspace(&[
        ("good.txt", "会议指出,近期。\n".as_bytes()),
        ("latin1.txt", latin1),
        ("binary.txt", b"\x00\x01\x02PK"),
    ]);
    let output = run(
        &[
            "check",
            "--format",
            "json",
            "good.txt",
            "latin1.txt",
            "binary.txt",
            "missing.txt",
        ],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    let report = json(&output);
    assert_eq!(report["summary"]["files"], 1);
    assert_eq!(report["files"][0]["path"], "good.txt");
    assert_eq!(diagnostics(&report).len(), 1);
    let errors = stderr(&output);
    assert!(
        errors.contains("latin1.txt: not valid UTF-8 (invalid byte at offset 3)"),
        "{errors}"
    );
    assert!(errors.contains("binary.txt: binary file"), "{errors}");
    assert!(
        errors.contains("missing.txt: no such file or directory"),
        "{errors}"
    );
}

#[test]
fn directories_are_walked_for_articles_respecting_gitignore() {
    let dir = workspace(&[
        ("edition/a.txt", "会议指出,近期。\n".as_bytes()),
        ("edition/b.md", "正文，完整。\n".as_bytes()),
        ("edition/notes.rs", "fn main() {}\n".as_bytes()),
        ("edition/drafts/old.txt", "会议指出,近期。\n".as_bytes()),
        ("edition/.gitignore", "drafts/\n".as_bytes()),
    ]);
    let report = json(&run(&["check", "--format", "json", "edition"], dir.path()));
    let paths: Vec<_> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| PathBuf::from(f["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        paths,
        [Path::new("edition/a.txt"), Path::new("edition/b.md")]
    );
}

#[test]
fn fix_restores_the_seed_page_paragraphs_in_place() {
    let dir = workspace(&[("page.txt", SEED_PAGE.as_bytes())]);
    let output = run(&["fix", "page.txt"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("fixed 1 file(s)"));
    let fixed = std::fs::read_to_string(dir.path().join("page.txt")).unwrap();
    assert_eq!(fixed, SEED_PAGE_FIXED);
    let again = run(&["fix", "page.txt"], dir.path());
    assert!(stderr(&again).contains("fixed 0 file(s)"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("page.txt")).unwrap(),
        SEED_PAGE_FIXED
    );
    // What is left is for the editor: the term variant, a suggestion.
    let check = json(&run(&["check", "--format", "json", "page.txt"], dir.path()));
    let left: Vec<_> = diagnostics(&check)
        .iter()
        .map(|d| d["rule"].clone())
        .collect();
    assert_eq!(left, ["term-variant"]);
}

#[test]
fn fix_keeps_crlf_line_ends_and_the_bom() {
    let text = "\u{feff}标题\r\n\r\n会议指出,近期省领导密集来金调研。\r\n第二段，ＧＤＰ增长。\r\n";
    let dir = workspace(&[("a.txt", text.as_bytes())]);
    let output = run(&["fix", "a.txt"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let fixed = std::fs::read_to_string(dir.path().join("a.txt")).unwrap();
    assert_eq!(
        fixed,
        "\u{feff}标题\r\n\r\n会议指出，近期省领导密集来金调研。\r\n第二段，GDP增长。\r\n"
    );
}

#[test]
fn fix_to_stdout_leaves_the_file_alone() {
    let dir = workspace(&[("page.txt", SEED_PAGE.as_bytes())]);
    let output = run(&["fix", "--stdout", "page.txt"], dir.path());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), SEED_PAGE_FIXED);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("page.txt")).unwrap(),
        SEED_PAGE
    );
    let piped = run_with_stdin(&["fix", "-"], SEED_PAGE);
    assert_eq!(stdout(&piped), SEED_PAGE_FIXED);
}

#[test]
fn fix_refuses_files_it_cannot_read_and_leaves_them_untouched() {
    let latin1: &[u8] = b"\xb1\xa8\xd6\xbd, \xd0\xc2\xce\xc5\n";
    let dir = workspace(&[
        ("gbk.txt", latin1),
        ("good.txt", "会议指出,近期。\n".as_bytes()),
    ]);
    let output = run(&["fix", "gbk.txt", "good.txt"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("gbk.txt: not valid UTF-8"));
    assert_eq!(std::fs::read(dir.path().join("gbk.txt")).unwrap(), latin1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("good.txt")).unwrap(),
        "会议指出，近期。\n"
    );
}

#[test]
fn suggestions_are_not_applied_by_fix() {
    let text = "这是我们的的责任。\n";
    let output = run_with_stdin(&["fix", "-"], text);
    assert_eq!(stdout(&output), text);
}

#[test]
fn explain_prints_the_rule_documentation() {
    let output = run(&["explain", "broken-wrap"], Path::new("."));
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.starts_with("# broken-wrap"), "{text}");
    assert!(text.contains("修复（安全）"), "{text}");
    let unknown = run(&["explain", "nonsense"], Path::new("."));
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown rule `nonsense`"));
}

#[test]
fn rules_lists_every_rule_with_its_default_severity() {
    let output = run(&["rules"], Path::new("."));
    let text = stdout(&output);
    for id in [
        "broken-wrap",
        "halfwidth-punctuation",
        "fullwidth-alphanumeric",
        "duplicate-punctuation",
        "repeated-word",
        "unpaired-mark",
        "cjk-space",
        "missing-glyph",
        "ellipsis-dash",
        "number-form",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(id)),
            "{id} missing from:\n{text}"
        );
    }
    assert!(text.contains("missing-glyph           error"), "{text}");
}

#[test]
fn usage_errors_exit_two() {
    let output = run(&["check", "--format", "xml"], Path::new("."));
    assert_eq!(output.status.code(), Some(2));
    let output = run(&["frobnicate"], Path::new("."));
    assert_eq!(output.status.code(), Some(2));
}
