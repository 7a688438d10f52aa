//! `copydesk check`'s formats for CI, driven as a process: GitHub workflow
//! commands, SARIF 2.1.0 (validated against the OASIS schema vendored in
//! `tests/fixtures/sarif-schema-2.1.0.json`) and reviewdog's rdjson; their
//! columns on a line with a character outside the BMP; exit codes as in the
//! other formats.

#[path = "common/process.rs"]
mod process;

use process::{json, run as copydesk, stderr, stdout, workspace};
use serde_json::Value;

const SEED_PAGE: &str = include_str!("fixtures/news-page.txt");
const SARIF_SCHEMA: &str = include_str!("fixtures/sarif-schema-2.1.0.json");

/// 他叫𠮷祥 then a half-width comma: character column 5, UTF-16 column 6
/// (𠮷 is two code units), UTF-8 byte column 14 (3 + 3 + 4 + 3 bytes before
/// it). The second line opens a quotation it never closes.
const WIDE: &str = "他叫𠮷祥,今天来了。\n他说：“今天很好。\n";

const CLEAN: &str = "本报讯 今天天气很好。\n";

// GitHub workflow commands

#[test]
fn github_annotates_every_finding_of_the_seed_page() {
    let dir = workspace(&[("page.txt", SEED_PAGE.as_bytes())]);
    let output = copydesk(&["check", "--format", "github", "page.txt"], dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    // A finding over several lines has no columns (the runner drops them).
    assert_eq!(
        lines[..3],
        [
            "::warning file=page.txt,line=3,endLine=12,title=broken-wrap::一段话被硬换行拆成了 6 行",
            "::warning file=page.txt,line=14,endLine=20,title=broken-wrap::一段话被硬换行拆成了 4 行",
            "::warning file=page.txt,line=22,endLine=48,title=broken-wrap::一段话被硬换行拆成了 14 行",
        ]
    );
    assert!(
        lines.contains(
            &"::warning file=page.txt,line=228,col=11,endLine=228,endColumn=15,title=term-variant::“银政合作”与“政银合作”是同一说法的两种写法，本版多用“政银合作”（3 次）"
        ),
        "{text}"
    );
    // One line per finding, as many as the JSON report has.
    let report = json(&copydesk(
        &["check", "--format", "json", "page.txt"],
        dir.path(),
    ));
    assert_eq!(
        lines.len() as u64,
        report["summary"]["diagnostics"].as_u64().unwrap()
    );
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("::warning file=page.txt,line="))
    );
}

#[test]
fn github_columns_count_characters_and_properties_are_escaped() {
    let dir = workspace(&[
        ("a,b:c%.txt", WIDE.as_bytes()),
        ("sub/more.txt", WIDE.as_bytes()),
    ]);
    let output = copydesk(&["check", "--format", "github", "."], dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains(
            "::warning file=a%2Cb%3Ac%25.txt,line=1,col=5,endLine=1,endColumn=6,title=halfwidth-punctuation::此处应为全角逗号“，”\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "::warning file=sub/more.txt,line=2,col=4,endLine=2,endColumn=5,title=unpaired-mark::"
        ),
        "{text}"
    );
}

#[test]
fn github_escapes_the_message_and_picks_the_command_by_severity() {
    // A register term with `%` in it shows up in the message; cjk-space is
    // lowered to info (a notice), missing-glyph is an error.
    let register = "[rules]\ncjk-space = \"info\"\n\n[[terms]]\nprefer = \"政银%合作\"\navoid = [\"银政%合作\"]\n";
    let article = "本报讯 双方开展银政%合作，效果很好。\n\n他们 说，工作□进展顺利。\n";
    let dir = workspace(&[
        ("copydesk.toml", register.as_bytes()),
        ("a.txt", article.as_bytes()),
    ]);
    let output = copydesk(&["check", "--format", "github", "a.txt"], dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "::warning file=a.txt,line=1,col=9,endLine=1,endColumn=14,title=term-variant::名册规定用“政银%25合作”，不用“银政%25合作”\n\
         ::notice file=a.txt,line=3,col=3,endLine=3,endColumn=4,title=cjk-space::“们”与“说”之间不应有空格\n\
         ::error file=a.txt,line=3,col=8,endLine=3,endColumn=9,title=missing-glyph::“□”处疑缺字：排版字体里可能没有这个字\n"
    );
}

#[test]
fn github_annotates_unreadable_files_as_errors() {
    let dir = workspace(&[("bad.txt", &[0xff, 0xfe, 0x00, 0x41])]);
    let output = copydesk(&["check", "--format", "github", "bad.txt"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let text = stdout(&output);
    assert!(
        text.starts_with("::error file=bad.txt,title=copydesk::"),
        "{text}"
    );
    assert!(stderr(&output).contains("bad.txt"));
}

// SARIF

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(SARIF_SCHEMA).expect("the schema is JSON");
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(log: &Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF: {errors:#?}");
}

#[test]
fn sarif_is_valid_against_the_oasis_schema() {
    let dir = workspace(&[
        ("page.txt", SEED_PAGE.as_bytes()),
        ("wide.txt", WIDE.as_bytes()),
        ("新闻 稿.md", "他们 说，很好。\n".as_bytes()),
        ("bad.txt", &[0xff, 0xfe, 0x00, 0x41]),
    ]);
    let output = copydesk(&["check", "--format", "sarif", "."], dir.path());
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let log = json(&output);
    assert_valid_sarif(&log);
    assert!(log["runs"][0]["results"].as_array().unwrap().len() > 12);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(
        invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
            ["uri"],
        "bad.txt"
    );
    let uris: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.contains(&"%E6%96%B0%E9%97%BB%20%E7%A8%BF.md"),
        "{uris:?}"
    );

    // The validator does reject what the schema forbids.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("warn");
    assert!(!sarif_validator().is_valid(&broken));
    let mut broken = log;
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(!sarif_validator().is_valid(&broken));
}

#[test]
fn sarif_clean_run_is_valid_and_lists_the_rules() {
    let dir = workspace(&[("clean.txt", CLEAN.as_bytes())]);
    let output = copydesk(&["check", "--format", "sarif", "clean.txt"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let log = json(&output);
    assert_valid_sarif(&log);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["results"], Value::Array(vec![]));
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "copydesk");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));

    // Every rule of `copydesk rules`, with its summary, level and documentation.
    let listed = stdout(&copydesk(&["rules"], dir.path()));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), listed.lines().count());
    for (rule, line) in rules.iter().zip(listed.lines()) {
        let mut fields = line.split_whitespace();
        let (id, severity) = (fields.next().unwrap(), fields.next().unwrap());
        assert_eq!(rule["id"], id);
        let level = match severity {
            "info" | "hint" => "note",
            other => other,
        };
        assert_eq!(rule["defaultConfiguration"]["level"], level);
        let summary = rule["shortDescription"]["text"].as_str().unwrap();
        assert!(line.ends_with(summary), "{line} / {summary}");
    }
    let explained = stdout(&copydesk(&["explain", "broken-wrap"], dir.path()));
    assert_eq!(rules[0]["fullDescription"]["text"], explained.trim_end());
    assert_eq!(rules[0]["help"]["markdown"], explained.trim_end());
}

#[test]
fn sarif_regions_count_utf16_and_carry_fixes_and_related_places() {
    let dir = workspace(&[("wide.txt", WIDE.as_bytes())]);
    let output = copydesk(&["check", "--format", "sarif", "wide.txt"], dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let log = json(&output);
    assert_valid_sarif(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{results:#?}");

    let comma = &results[0];
    assert_eq!(comma["ruleId"], "halfwidth-punctuation");
    assert_eq!(comma["level"], "warning");
    assert_eq!(comma["message"]["text"], "此处应为全角逗号“，”");
    let rules = &log["runs"][0]["tool"]["driver"]["rules"];
    let index = comma["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "halfwidth-punctuation");
    let location = &comma["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "wide.txt");
    let expected_region = serde_json::json!({
        "startLine": 1, "startColumn": 6, "endLine": 1, "endColumn": 7
    });
    assert_eq!(location["region"], expected_region);
    let change = &comma["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "wide.txt");
    assert_eq!(change["replacements"][0]["deletedRegion"], expected_region);
    assert_eq!(change["replacements"][0]["insertedContent"]["text"], "，");

    let quote = &results[1];
    assert_eq!(quote["ruleId"], "unpaired-mark");
    assert!(quote.get("fixes").is_none());
    assert_eq!(
        quote["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 2, "startColumn": 4, "endLine": 2, "endColumn": 5})
    );
    let related = &quote["relatedLocations"][0];
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 2);
    assert!(
        related["message"]["text"]
            .as_str()
            .unwrap()
            .contains("后引号")
    );
}

// reviewdog rdjson

#[test]
fn rdjson_has_reviewdogs_shape_with_utf8_byte_columns() {
    let dir = workspace(&[("wide.txt", WIDE.as_bytes())]);
    let output = copydesk(&["check", "--format", "rdjson", "./wide.txt"], dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let result = json(&output);
    assert_eq!(result["source"]["name"], "copydesk");
    assert_eq!(result["severity"], "WARNING");
    let diagnostics = result["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 2);
    let comma = &diagnostics[0];
    assert_eq!(comma["message"], "此处应为全角逗号“，”");
    assert_eq!(comma["severity"], "WARNING");
    assert_eq!(comma["code"]["value"], "halfwidth-punctuation");
    assert_eq!(comma["location"]["path"], "wide.txt");
    let range = serde_json::json!({
        "start": {"line": 1, "column": 14}, "end": {"line": 1, "column": 15}
    });
    assert_eq!(comma["location"]["range"], range);
    assert_eq!(
        comma["suggestions"],
        serde_json::json!([{ "range": range, "text": "，" }])
    );
    let quote = &diagnostics[1];
    assert_eq!(quote["code"]["value"], "unpaired-mark");
    assert!(quote.get("suggestions").is_none());
    // “ starts after 他说： (9 bytes).
    assert_eq!(quote["location"]["range"]["start"]["column"], 10);
    assert_eq!(
        quote["related_locations"][0]["location"]["path"],
        "wide.txt"
    );
}

#[test]
fn rdjson_severities_and_clean_runs() {
    let dir = workspace(&[
        ("glyph.txt", "他们说，工作□进展顺利。\n".as_bytes()),
        ("clean.txt", CLEAN.as_bytes()),
    ]);
    let output = copydesk(&["check", "--format", "rdjson", "glyph.txt"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let result = json(&output);
    assert_eq!(result["severity"], "ERROR");
    assert_eq!(result["diagnostics"][0]["severity"], "ERROR");
    assert_eq!(result["diagnostics"][0]["code"]["value"], "missing-glyph");

    let output = copydesk(&["check", "--format", "rdjson", "clean.txt"], dir.path());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        json(&output),
        serde_json::json!({"source": {"name": "copydesk"}, "diagnostics": []})
    );
}

// Exit codes and stderr

#[test]
fn exit_codes_are_the_same_in_every_format() {
    let dir = workspace(&[
        ("page.txt", SEED_PAGE.as_bytes()),
        ("clean.txt", CLEAN.as_bytes()),
        ("glyph.txt", "他们说，工作□进展顺利。\n".as_bytes()),
    ]);
    for format in ["human", "json", "github", "sarif", "rdjson"] {
        let run = |args: &[&str]| {
            let mut all = vec!["check", "--format", format];
            all.extend_from_slice(args);
            copydesk(&all, dir.path())
        };
        let output = run(&["page.txt"]);
        assert_eq!(output.status.code(), Some(1), "{format}: findings");
        // Not a terminal: no progress line, nothing on stderr.
        assert_eq!(stderr(&output), "", "{format}");
        assert_eq!(
            run(&["clean.txt"]).status.code(),
            Some(0),
            "{format}: clean"
        );
        assert_eq!(
            run(&["--fail-on", "error", "page.txt"]).status.code(),
            Some(0),
            "{format}: warnings under --fail-on error"
        );
        assert_eq!(
            run(&["--fail-on", "error", "glyph.txt"]).status.code(),
            Some(1),
            "{format}: an error under --fail-on error"
        );
        let missing = run(&["clean.txt", "missing.txt"]);
        assert_eq!(missing.status.code(), Some(2), "{format}: missing file");
        assert!(stderr(&missing).contains("missing.txt"), "{format}");
    }
    let output = copydesk(&["check", "--format", "xml", "clean.txt"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("github"), "{}", stderr(&output));
}
