//! Planted-error articles: `copydesk check` must find exactly the findings listed in
//! `tests/fixtures/articles/expected.tsv` (one per planted error; the `conventions.*`
//! articles exercise news conventions that must stay silent), and the output of
//! `copydesk fix --stdout` must leave nothing for the safe-fix rules to find.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// (file name, 1-based line, 1-based column in chars, rule id)
type Finding = (String, u64, u64, String);

/// Rules whose fixes are safe: after `fix`, none of their findings may remain
/// (`duplicate-punctuation` only for runs of identical marks, handled separately;
/// `number-form` is judged by its fix alone: ○→〇 is safe, but 零, O and 0 are
/// other characters, offered as suggestions and left for the editor).
const SAFE_RULES: &[&str] = &[
    "broken-wrap",
    "halfwidth-punctuation",
    "fullwidth-alphanumeric",
    "cjk-space",
    "ellipsis-dash",
];

fn articles_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/articles")
}

/// The article files (.txt, .md and .html), by bare file name, sorted.
fn article_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(articles_dir())
        .expect("read tests/fixtures/articles")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| {
            path.is_file()
                && matches!(
                    path.extension().and_then(|ext| ext.to_str()),
                    Some("txt" | "md" | "html")
                )
        })
        .map(|path| file_name(&path.to_string_lossy()))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no articles in {:?}", articles_dir());
    names
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_owned())
}

fn expected_findings() -> BTreeSet<Finding> {
    let path = articles_dir().join("expected.tsv");
    let text = std::fs::read_to_string(&path).expect("read expected.tsv");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("file\tline\tcolumn\trule"),
        "expected.tsv header"
    );
    let mut set = BTreeSet::new();
    for (index, line) in lines.enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 4, "expected.tsv line {}: {line:?}", index + 2);
        let number = |field: &str| -> u64 {
            field
                .parse()
                .unwrap_or_else(|_| panic!("expected.tsv line {}: bad number {field:?}", index + 2))
        };
        let finding = (
            fields[0].to_owned(),
            number(fields[1]),
            number(fields[2]),
            fields[3].to_owned(),
        );
        assert!(
            set.insert(finding.clone()),
            "expected.tsv lists {finding:?} twice"
        );
    }
    set
}

fn copydesk(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    command
        .args(args)
        .current_dir(articles_dir())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    match stdin {
        None => command.stdin(Stdio::null()).output().expect("run copydesk"),
        Some(input) => {
            let mut child = command
                .stdin(Stdio::piped())
                .spawn()
                .expect("spawn copydesk");
            let mut pipe = child.stdin.take().expect("stdin pipe");
            let input = input.to_vec();
            let writer = std::thread::spawn(move || {
                // The binary may exit early on an error; a broken pipe is then reported below.
                let _ = pipe.write_all(&input);
            });
            let output = child.wait_with_output().expect("wait for copydesk");
            writer.join().expect("stdin writer");
            output
        }
    }
}

/// Exit code 0 (nothing found) or 1 (findings); anything else is a failure.
fn check_status(args: &[&str], output: &Output) -> Result<(), String> {
    match output.status.code() {
        Some(0 | 1) => Ok(()),
        code => Err(format!(
            "copydesk {} exited with {code:?}\nstderr:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        )),
    }
}

/// A diagnostic from the JSON report.
struct Diagnostic {
    file: String,
    rule: String,
    line: u64,
    column: u64,
    message: String,
    /// Whether one of its fixes is marked safe.
    has_safe_fix: bool,
}

impl Diagnostic {
    fn key(&self) -> Finding {
        (self.file.clone(), self.line, self.column, self.rule.clone())
    }
}

fn parse_report(args: &[&str], output: &Output) -> Result<Vec<Diagnostic>, String> {
    check_status(args, output)?;
    let report: Value = serde_json::from_slice(&output.stdout).map_err(|error| {
        format!(
            "copydesk {}: stdout is not JSON ({error})\nstdout:\n{}\nstderr:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })?;
    let bad = |what: &str| format!("copydesk {}: {what} in\n{report:#}", args.join(" "));
    let files = report["files"]
        .as_array()
        .ok_or_else(|| bad("no `files` array"))?;
    let mut diagnostics = Vec::new();
    for file in files {
        let path = file["path"]
            .as_str()
            .ok_or_else(|| bad("a file without `path`"))?;
        for diagnostic in file["diagnostics"]
            .as_array()
            .ok_or_else(|| bad("a file without `diagnostics`"))?
        {
            let start = &diagnostic["range"]["start"];
            let rule = diagnostic["rule"]
                .as_str()
                .or_else(|| diagnostic["code"].as_str())
                .ok_or_else(|| bad("a diagnostic without `rule`"))?;
            diagnostics.push(Diagnostic {
                file: file_name(path),
                rule: rule.to_owned(),
                line: start["line"]
                    .as_u64()
                    .ok_or_else(|| bad("a diagnostic without range.start.line"))?,
                column: start["column"]
                    .as_u64()
                    .ok_or_else(|| bad("a diagnostic without range.start.column"))?,
                message: diagnostic["message"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                has_safe_fix: diagnostic["fixes"].as_array().is_some_and(|fixes| {
                    fixes.iter().any(|fix| fix["safe"].as_bool() == Some(true))
                }),
            });
        }
    }
    Ok(diagnostics)
}

#[test]
fn check_finds_exactly_the_planted_errors() {
    let files = article_files();
    let expected = expected_findings();
    let mut errors = Vec::new();

    for (name, ..) in &expected {
        if !files.contains(name) {
            errors.push(format!(
                "expected.tsv names {name}, which is not an article"
            ));
        }
    }

    // finding -> messages (more than one: reported more than once)
    let mut actual: BTreeMap<Finding, Vec<String>> = BTreeMap::new();
    for name in &files {
        let args = ["check", "--format", "json", name.as_str()];
        let output = copydesk(&args, None);
        match parse_report(&args, &output) {
            Ok(diagnostics) => {
                for diagnostic in diagnostics {
                    actual
                        .entry(diagnostic.key())
                        .or_default()
                        .push(diagnostic.message);
                }
            }
            Err(error) => errors.push(error),
        }
    }

    let missing: Vec<&Finding> = expected
        .iter()
        .filter(|finding| !actual.contains_key(*finding))
        .collect();
    let unexpected: Vec<(&Finding, &Vec<String>)> = actual
        .iter()
        .filter(|(finding, _)| !expected.contains(*finding))
        .collect();
    let repeated: Vec<(&Finding, &Vec<String>)> = actual
        .iter()
        .filter(|(_, messages)| messages.len() > 1)
        .collect();

    let mut report = String::new();
    if !missing.is_empty() {
        writeln!(
            report,
            "missing ({}, planted but not found):",
            missing.len()
        )
        .unwrap();
        for (file, line, column, rule) in &missing {
            writeln!(report, "  {file}:{line}:{column}  {rule}").unwrap();
        }
    }
    if !unexpected.is_empty() {
        writeln!(
            report,
            "unexpected ({}, found but not planted):",
            unexpected.len()
        )
        .unwrap();
        for ((file, line, column, rule), messages) in &unexpected {
            writeln!(
                report,
                "  {file}:{line}:{column}  {rule}  {}",
                messages.join(" | ")
            )
            .unwrap();
        }
    }
    if !repeated.is_empty() {
        writeln!(report, "reported more than once ({}):", repeated.len()).unwrap();
        for ((file, line, column, rule), messages) in &repeated {
            writeln!(
                report,
                "  {file}:{line}:{column}  {rule}  ×{}",
                messages.len()
            )
            .unwrap();
        }
    }
    for error in &errors {
        writeln!(report, "{error}").unwrap();
    }
    assert!(report.is_empty(), "\n{report}");
}

/// The character at a 1-based (line, column-in-chars) position of `text`.
fn char_at(text: &str, line: u64, column: u64) -> Option<char> {
    let line = text
        .lines()
        .nth(usize::try_from(line).ok()?.checked_sub(1)?)?;
    line.chars()
        .nth(usize::try_from(column).ok()?.checked_sub(1)?)
}

#[test]
fn fixed_articles_have_no_safe_findings() {
    let mut report = String::new();
    for name in article_files() {
        let fix_args = ["fix", "--stdout", name.as_str()];
        let fixed = copydesk(&fix_args, None);
        if let Err(error) = check_status(&fix_args, &fixed) {
            writeln!(report, "{error}").unwrap();
            continue;
        }
        let Ok(text) = String::from_utf8(fixed.stdout.clone()) else {
            writeln!(report, "copydesk fix --stdout {name}: output is not UTF-8").unwrap();
            continue;
        };
        if text.trim().is_empty() {
            writeln!(report, "copydesk fix --stdout {name}: empty output").unwrap();
            continue;
        }

        let check_args = [
            "check",
            "--format",
            "json",
            "--stdin-filename",
            name.as_str(),
            "-",
        ];
        let checked = copydesk(&check_args, Some(text.as_bytes()));
        let diagnostics = match parse_report(&check_args, &checked) {
            Ok(diagnostics) => diagnostics,
            Err(error) => {
                writeln!(report, "{error}").unwrap();
                continue;
            }
        };
        for diagnostic in diagnostics {
            // A finding of a safe-fix rule, or any finding that still offers a safe fix
            // (`fix` applies every safe fix, so none may be left).
            let safe = diagnostic.has_safe_fix
                || SAFE_RULES.contains(&diagnostic.rule.as_str())
                || (diagnostic.rule == "duplicate-punctuation" && {
                    // A run of identical marks: the first two characters are the same.
                    let first = char_at(&text, diagnostic.line, diagnostic.column);
                    let second = char_at(&text, diagnostic.line, diagnostic.column + 1);
                    first.is_some() && first == second
                });
            if safe {
                let line = text
                    .lines()
                    .nth(
                        usize::try_from(diagnostic.line)
                            .unwrap_or(0)
                            .saturating_sub(1),
                    )
                    .unwrap_or_default();
                writeln!(
                    report,
                    "{name} (after fix):{}:{}  {}  {}\n    | {line}",
                    diagnostic.line, diagnostic.column, diagnostic.rule, diagnostic.message
                )
                .unwrap();
            }
        }
    }
    assert!(
        report.is_empty(),
        "safe-fix findings left after `copydesk fix --stdout`:\n{report}"
    );
}
