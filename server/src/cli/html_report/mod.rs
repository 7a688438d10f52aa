//! `copydesk report`: the edition on one page, for the duty chief editor who
//! reviews the whole edition before it goes out — a summary, the edition's
//! inconsistencies with every place they touch, each article's findings in
//! context with their fixes, and the cast. One self-contained HTML file.

mod excerpt;
mod html;
mod issues;

use super::report::FileReport;
use super::{CheckedEdition, FailOn, Selection};
use clap::Args;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ReportArgs {
    /// Files and directories; `-` reads standard input. Default: the current directory.
    paths: Vec<PathBuf>,
    /// Where to write the report; `-` prints it.
    #[arg(
        short,
        long,
        value_name = "FILE",
        default_value = "copydesk-report.html"
    )]
    output: PathBuf,
    /// Exit with 1 when a finding at this severity or above is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    #[command(flatten)]
    selection: Selection,
}

/// Everything the page shows.
pub struct Report<'a> {
    /// The paths checked, as given.
    checked: String,
    reports: &'a [FileReport],
    /// An article's index in `reports` by its path.
    article_of: HashMap<&'a str, usize>,
    /// Each article's path without the folders all of them share, for links.
    short_names: Vec<&'a str>,
    /// Each article's characters as a reader reads them (its blocks' text,
    /// no markup), blanks left out: what a newsroom counts as 字数.
    characters: Vec<usize>,
    errors: &'a [super::input::InputError],
    issues: Vec<issues::Issue>,
    cast: Vec<CastEntry>,
    /// Whether some register of the edition lists people.
    has_register: bool,
}

/// One person of the cast, as `copydesk people` lists them.
pub struct CastEntry {
    name: String,
    titles: Vec<String>,
    mentions: usize,
    /// (article, mentions there), in edition order.
    articles: Vec<(usize, usize)>,
    /// Whether the register lists them; `None` without a register of people.
    registered: Option<bool>,
}

pub fn run(args: ReportArgs) -> ExitCode {
    // A report written into the edition's folder is no article of it.
    let page = (args.output.as_os_str() != "-").then_some(args.output.as_path());
    let checked = match super::check_edition(&args.paths, &args.selection, page) {
        Ok(checked) => checked,
        Err(message) => return super::usage_error(&message),
    };
    let started = std::time::Instant::now();
    let page = html::render(&report(&checked, &args.paths));
    tracing::debug!(elapsed = ?started.elapsed(), bytes = page.len(), "report rendered");
    let written = if args.output.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(page.as_bytes()).and_then(|()| out.flush())
    } else {
        write_new_or_over(&args.output, page.as_bytes())
    };
    match written {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!(
                "error: writing the report to {}: {error}",
                args.output.display()
            );
            return ExitCode::from(super::EXIT_TROUBLE);
        }
        _ => {}
    }
    super::report_input_errors(&checked.errors);
    if args.output.as_os_str() != "-" {
        let findings: usize = checked.reports.iter().map(|r| r.findings.len()).sum();
        eprintln!(
            "wrote {}: {} article(s), {findings} finding(s), {} unreadable",
            args.output.display(),
            checked.reports.len(),
            checked.errors.len()
        );
    }
    let code = checked.exit_code(args.fail_on);
    checked.forget();
    code
}

fn report<'a>(checked: &'a CheckedEdition, paths: &[PathBuf]) -> Report<'a> {
    let reports = &checked.reports;
    let registered: HashSet<&str> = checked
        .registers
        .iter()
        .flat_map(|governing| &governing.register.people)
        .map(|person| person.name.as_str())
        .collect();
    let has_register = !registered.is_empty();
    let article_of: HashMap<&str, usize> = reports
        .iter()
        .enumerate()
        .map(|(index, report)| (report.path.as_str(), index))
        .collect();
    let cast = checked
        .edition
        .people()
        .into_iter()
        .map(|person| {
            let mut per_article: BTreeMap<usize, usize> = BTreeMap::new();
            for (id, _, _) in &person.mentions {
                if let Some(&article) = article_of.get(&**id) {
                    *per_article.entry(article).or_default() += 1;
                }
            }
            CastEntry {
                registered: has_register.then(|| registered.contains(person.name.as_str())),
                mentions: person.mentions.len(),
                articles: per_article.into_iter().collect(),
                titles: person.titles,
                name: person.name,
            }
        })
        .collect();
    let checked_paths = if paths.is_empty() {
        ".".to_owned()
    } else {
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    Report {
        checked: checked_paths,
        reports,
        issues: issues::edition_issues(reports, &article_of, &checked.edition),
        article_of,
        short_names: short_names(reports),
        characters: checked
            .blocks
            .par_iter()
            .map(|blocks| {
                blocks
                    .iter()
                    .map(|b| b.text.chars().filter(|c| !c.is_whitespace()).count())
                    .sum()
            })
            .collect(),
        errors: &checked.errors,
        cast,
        has_register,
    }
}

/// The articles' paths without the folders they all share (`a/b/x.txt`,
/// `a/b/c/y.txt` → `x.txt`, `c/y.txt`).
fn short_names(reports: &[FileReport]) -> Vec<&str> {
    let folder_end = |path: &[u8]| {
        path.iter()
            .rposition(|&b| std::path::is_separator(char::from(b)))
            .map_or(0, |separator| separator + 1)
    };
    let Some(first) = reports.first().map(|r| r.path.as_bytes()) else {
        return Vec::new();
    };
    let mut shared = folder_end(first);
    for report in reports {
        let path = report.path.as_bytes();
        let common = path
            .iter()
            .zip(&first[..shared])
            .take_while(|(a, b)| a == b)
            .count();
        shared = folder_end(&path[..common]);
    }
    // A separator is ASCII: `shared` is at a character boundary.
    reports.iter().map(|r| &r.path[shared..]).collect()
}

/// Writes the report atomically. A new file is made readable by all, as a
/// file made by any other program would be (a report is for passing on),
/// where the temporary file it starts as is private.
fn write_new_or_over(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let is_new = !path.exists();
    super::write_atomically(path, bytes)?;
    if is_new {
        make_readable(path)?;
    }
    Ok(())
}

#[cfg(unix)]
fn make_readable(path: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn make_readable(_: &std::path::Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk::{Language, Source};

    fn file(path: &str) -> FileReport {
        FileReport {
            path: path.to_owned(),
            source: Source::new("", Language::PlainText),
            findings: Vec::new(),
        }
    }

    #[test]
    fn links_name_articles_without_the_folders_they_all_share() {
        let reports = [
            file("ed/day/a.txt"),
            file("ed/day/more/b.md"),
            file("ed/daybreak.txt"),
        ];
        assert_eq!(
            short_names(&reports),
            ["day/a.txt", "day/more/b.md", "daybreak.txt"]
        );
        assert_eq!(short_names(&[file("/x/页/稿.txt")]), ["稿.txt"]);
        assert_eq!(
            short_names(&[file("甲.txt"), file("乙.txt")]),
            ["甲.txt", "乙.txt"]
        );
    }
}
