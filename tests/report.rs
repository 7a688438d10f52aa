//! `copydesk report`: the edition on one HTML page, as a file the chief
//! editor opens — nothing in it from outside, the counts `check` gives, the
//! files it could not read listed with the reason, an empty edition said to
//! be empty, and `check`'s exit codes. (tests/editors/report/ opens the page
//! in a real browser and uses its filters.)

#[path = "common/process.rs"]
mod process;

use process::{json, run, stderr, stdout, workspace};
use std::path::Path;

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures"))
}

/// What the reader sees from the edition's issues on, to the cast: without
/// the style, the script and the summary's rule documentation (checked by
/// the counts, and changed with the rules').
fn main_part(page: &str) -> &str {
    let start = page
        .find("<section id=\"edition\">")
        .expect("the page has the edition's issues");
    let end = page.find("</main>").expect("the page closes <main>") + "</main>".len();
    &page[start..end]
}

fn count(page: &str, name: &str) -> usize {
    let marker = format!("data-count=\"{name}\">");
    let at = page.find(&marker).unwrap_or_else(|| panic!("no {marker}")) + marker.len();
    page[at..].split('<').next().unwrap().parse().unwrap()
}

#[test]
fn the_report_of_an_edition_is_one_page_with_nothing_from_outside() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("report.html");
    let output = run(
        &["report", "report-edition", "-o", file.to_str().unwrap()],
        fixtures(),
    );
    let checked = run(&["check", "--format", "json", "report-edition"], fixtures());
    assert_eq!(
        output.status.code(),
        checked.status.code(),
        "{}",
        stderr(&output)
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("5 article(s), 16 finding(s)"),
        "{}",
        stderr(&output)
    );
    let page = std::fs::read_to_string(&file).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    for outside in [
        "<link",
        " src=",
        "url(",
        "@import",
        "http://",
        "https://",
        "@font-face",
    ] {
        assert!(
            !page.contains(outside),
            "the page refers outside itself: {outside}"
        );
    }
    let report = json(&checked);
    assert_eq!(count(&page, "articles"), report["summary"]["files"]);
    assert_eq!(count(&page, "findings"), report["summary"]["diagnostics"]);
    insta::assert_snapshot!("report-edition", main_part(&page));
}

#[test]
fn files_that_cannot_be_read_are_listed_with_the_reason_and_the_rest_reported() {
    let gbk: &[u8] = b"\xb1\xbe\xb1\xa8\xd1\xb6 \xbd\xf1\xc8\xd5\xd3\xd0\xd3\xea\xa1\xa3\n";
    let dir = workspace(&[
        ("a.txt", "本报讯 今日有雨,请市民出行注意安全。\n".as_bytes()),
        ("b.txt", gbk),
    ]);
    let output = run(&["report", ".", "-o", "out.html"], dir.path());
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("b.txt: not valid UTF-8"));
    let page = std::fs::read_to_string(dir.path().join("out.html")).unwrap();
    assert_eq!(count(&page, "unreadable"), 1);
    assert!(page.contains("<li data-unreadable><code>./b.txt</code>：not valid UTF-8"));
    assert_eq!(count(&page, "articles"), 1);
    assert_eq!(count(&page, "findings"), 1);
    assert!(page.contains("data-rule=\"halfwidth-punctuation\""));
}

#[test]
fn an_empty_edition_gives_a_report_that_says_so() {
    let dir = workspace(&[("notes/readme.rs", b"fn main() {}\n")]);
    let output = run(&["report", "notes"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let page = std::fs::read_to_string(dir.path().join("copydesk-report.html")).unwrap();
    assert!(page.contains("<p class=\"empty\" data-empty>本次没有读到任何稿件"));
    assert_eq!(count(&page, "articles"), 0);
    assert_eq!(count(&page, "findings"), 0);
}

#[test]
fn the_page_goes_to_stdout_with_dash_and_a_usage_error_writes_nothing() {
    let dir = workspace(&[("a.txt", "会议指出,近期。\n".as_bytes())]);
    let printed = run(
        &["report", "a.txt", "-o", "-", "--fail-on", "error"],
        dir.path(),
    );
    assert_eq!(printed.status.code(), Some(0), "{}", stderr(&printed));
    assert!(stdout(&printed).starts_with("<!DOCTYPE html>"));
    let refused = run(&["report", "a.txt", "--select", "no-such-rule"], dir.path());
    assert_eq!(refused.status.code(), Some(2));
    assert!(!dir.path().join("copydesk-report.html").exists());
}

#[test]
fn a_report_written_into_the_edition_is_no_article_of_it() {
    let dir = workspace(&[("a.txt", "会议指出,近期。\n".as_bytes())]);
    for _ in 0..2 {
        let output = run(&["report", "."], dir.path());
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("1 article(s), 1 finding(s)"),
            "{}",
            stderr(&output)
        );
    }
    let page = std::fs::read_to_string(dir.path().join("copydesk-report.html")).unwrap();
    assert_eq!(count(&page, "articles"), 1);
}
