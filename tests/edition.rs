//! Consistency across an edition (a folder of articles) and the register:
//! `copydesk check` on folders with planted variants, conflicts and order
//! swaps across files, and on a clean folder that must stay silent;
//! `copydesk people`; a malformed `copydesk.toml`.

#[path = "common/process.rs"]
mod process;

use process::{json, run};
use serde_json::Value;
use std::path::Path;

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures"))
}

/// (path, line, column, rule) of every finding but broken-wrap.
fn consistency_findings(report: &Value) -> Vec<(String, u64, u64, String)> {
    let mut found = Vec::new();
    for file in report["files"].as_array().unwrap() {
        for d in file["diagnostics"].as_array().unwrap() {
            found.push((
                file["path"].as_str().unwrap().to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["range"]["start"]["column"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_owned(),
            ));
        }
    }
    found
}

fn finding(path: &str, line: u64, column: u64, rule: &str) -> (String, u64, u64, String) {
    (path.to_owned(), line, column, rule.to_owned())
}

#[test]
fn register_settles_names_titles_order_and_terms_across_files() {
    let output = run(
        &["check", "--format", "json", "planted"],
        &fixtures().join("edition"),
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = json(&output);
    assert_eq!(
        consistency_findings(&report),
        [
            finding("planted/b.txt", 5, 26, "leader-order"),
            finding("planted/b.txt", 7, 1, "title-conflict"),
            finding("planted/b.txt", 9, 1, "name-variant"),
            finding("planted/b.txt", 9, 10, "term-variant"),
            finding("planted/c.md", 1, 5, "term-variant"),
            finding("planted/c.md", 3, 18, "term-variant"),
        ]
    );
    // The misspelled name points at the registered spelling in another file.
    let b = &report["files"][1];
    let variant = b["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "name-variant")
        .unwrap();
    assert!(
        variant["message"]
            .as_str()
            .unwrap()
            .contains("“刘剑国”疑为“刘建国”之误")
    );
    assert_eq!(variant["related"][0]["path"], "planted/a.txt");
    assert_eq!(variant["fixes"][0]["safe"], false);
    assert_eq!(variant["fixes"][0]["edits"][0]["new_text"], "刘建国");
    // The reordered list restores the register's rank.
    let order = b["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "leader-order")
        .unwrap();
    let edits: Vec<&str> = order["fixes"][0]["edits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["new_text"].as_str().unwrap())
        .collect();
    assert_eq!(edits, ["陈立新", "刘建国"]);
}

#[test]
fn without_a_register_the_majority_of_the_edition_decides() {
    let report = json(&run(
        &["check", "--format", "json", "unregistered"],
        &fixtures().join("edition"),
    ));
    assert_eq!(
        consistency_findings(&report),
        [
            finding("unregistered/y.txt", 5, 25, "leader-order"),
            finding("unregistered/y.txt", 7, 1, "title-conflict"),
            finding("unregistered/y.txt", 7, 20, "name-variant"),
        ]
    );
}

#[test]
fn two_people_of_one_name_in_a_list_order_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "委员名单：王明达、刘秀荣（女）、刘秀荣（女）、张建国、李德伟。\n",
    )
    .unwrap();
    let report = json(&run(&["check", "--format", "json", "a.txt"], dir.path()));
    assert!(consistency_findings(&report).is_empty(), "{report}");
    let cast = json(&run(&["people", "--format", "json", "a.txt"], dir.path()));
    let names: Vec<&str> = cast["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"刘秀荣") && names.contains(&"李德伟"),
        "{names:?}"
    );
}

#[test]
fn near_names_in_one_roll_are_two_people() {
    // A roll of delegates in stroke order names 王可 and 王浩, 王江 and 王强
    // (same readings but one character): two people each, as a list never
    // names one person twice. The same near name outside the roll, beside
    // the common spelling in the same article, is still a slip.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("roll.txt"),
        "本报讯 大会代表名单：马汉成、王可、王宁、王江、王军、王浩、王强、\
         刘建国、李德伟。\n\n王浩说，要把会议精神带回去。王浩表示，要抓好落实。\n\n\
         王强介绍，代表们将分组讨论。\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("slip.txt"),
        "本报讯 代表刘建国昨天在分组讨论时发言。刘剑国说，要抓紧落实。\
         刘建国表示，各地要压实责任。刘建国强调，要早日建成。\n",
    )
    .unwrap();
    let report = json(&run(&["check", "--format", "json", "."], dir.path()));
    let variants: Vec<(String, u64, u64, String)> = consistency_findings(&report)
        .into_iter()
        .filter(|f| f.3 == "name-variant")
        .collect();
    assert_eq!(
        variants,
        [finding("./slip.txt", 1, 21, "name-variant")],
        "{report}"
    );
}

#[test]
fn a_tie_of_two_orders_is_unified_to_the_first_without_claiming_a_majority() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "本报讯 全市企业加快复工复产。\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), "本报讯 各地企业有序复产复工。\n").unwrap();
    let report = json(&run(&["check", "--format", "json", "."], dir.path()));
    let messages: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .filter(|d| d["rule"] == "term-variant")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        ["“复产复工”与“复工复产”是同一说法的两种写法，本版各用 1 次，宜统一为先出现的“复工复产”"],
        "{report}"
    );
}

#[test]
fn a_clean_edition_stays_silent() {
    // Concurrent posts, a former post (原市长), and two people with near names
    // (张伟, 张炜) who are not the same person.
    let output = run(
        &["check", "--format", "json", "clean"],
        &fixtures().join("edition"),
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(consistency_findings(&json(&output)).is_empty());
}

#[test]
fn people_lists_the_seed_page_cast() {
    let output = run(&["people", "--format", "json", "news-page.txt"], fixtures());
    assert_eq!(output.status.code(), Some(0));
    let cast = json(&output);
    let people = cast["people"].as_array().unwrap();
    let mut names: Vec<&str> = people.iter().map(|p| p["name"].as_str().unwrap()).collect();
    names.sort();
    let mut expected: Vec<&str> = include_str!("fixtures/news-page.people.txt")
        .lines()
        .collect();
    expected.sort();
    assert_eq!(names, expected);
    let zhang = people.iter().find(|p| p["name"] == "张群环").unwrap();
    assert_eq!(zhang["titles"], serde_json::json!(["市委副书记", "市长"]));
    assert!(zhang["mentions"].as_array().unwrap().contains(
        &serde_json::json!({"path": "news-page.txt", "line": 232, "column": 9, "evidence": "post"})
    ));
    // 蒋震 / 雷 is broken across a wrap; the mention starts on the first line.
    let jiang = people.iter().find(|p| p["name"] == "蒋震雷").unwrap();
    assert_eq!(
        jiang["mentions"][0],
        serde_json::json!({"path": "news-page.txt", "line": 16, "column": 16, "evidence": "list"})
    );
}

#[test]
fn a_malformed_register_is_reported_and_its_valid_part_applies() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[rules]\nbroken-wrap = \"sometimes\"\ncjk-space = \"off\"\n\n[[people]]\nname = \"陈立新\"\n[[people]]\nname = \"刘建国\"\n[[people]]\nnmae = \"王海涛\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "市领导刘建国、陈立新出席会议。两人 一同参观。\n",
    )
    .unwrap();
    let output = run(&["check", "--format", "json", "a.txt"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        errors.contains("copydesk.toml: line 2, column 1: unknown level `sometimes`"),
        "{errors}"
    );
    assert!(
        errors.contains("line 9, column 1: invalid person"),
        "{errors}"
    );
    let found = consistency_findings(&json(&output));
    // cjk-space is off; the two valid people still rank the list.
    assert_eq!(found, [finding("a.txt", 1, 4, "leader-order")]);
}

#[test]
fn register_ignore_words_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[ignore]\nwords = [\"某 某\"]\n\n[[overrides]]\nfiles = [\"briefs/*.txt\"]\n[overrides.rules]\nhalfwidth-punctuation = \"off\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("briefs")).unwrap();
    std::fs::write(dir.path().join("a.txt"), "这是某 某的稿件,请看。\n").unwrap();
    std::fs::write(dir.path().join("briefs/b.txt"), "这是某 某的稿件,请看。\n").unwrap();
    let report = json(&run(&["check", "--format", "json", "."], dir.path()));
    let found: Vec<(String, String)> = consistency_findings(&report)
        .into_iter()
        .map(|(p, _, _, r)| (p, r))
        .collect();
    assert_eq!(
        found,
        [("./a.txt".to_owned(), "halfwidth-punctuation".to_owned())],
        "the space in 某 某 is ignored everywhere; the comma only in briefs/"
    );
}
