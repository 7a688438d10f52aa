//! The command line: `check`, `fix`, `report`, `explain`, `rules`, `people`,
//! `server`.

mod edition;
mod formats;
mod html_report;
mod input;
mod people;
mod progress;
mod report;

use clap::{Args, Parser, Subcommand, ValueEnum};
use copydesk::finding::Severity;
use copydesk::rules::RULES;
use copydesk::{Finding, RuleSettings};
use input::{Input, InputError};
use rayon::prelude::*;
use report::FileReport;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "copydesk",
    version,
    about = "Copyedits Chinese news articles: a lint and a language server"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check articles and report what a copy editor would flag.
    Check(CheckArgs),
    /// Apply the safe fixes in place (or print the result).
    Fix(FixArgs),
    /// Print a rule's documentation.
    Explain {
        /// The rule id, e.g. broken-wrap.
        rule: String,
    },
    /// List the rules with their default severities.
    Rules,
    /// The edition's cast: every person, the titles seen, where mentioned.
    People(people::PeopleArgs),
    /// The edition on one page: a self-contained HTML report of every
    /// finding in context, the edition's inconsistencies and the cast.
    Report(html_report::ReportArgs),
    /// Run the language server on stdin/stdout (logs go to stderr; set
    /// COPYDESK_LOG=debug for more).
    Server,
}

#[derive(Args)]
struct Selection {
    /// Only these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    select: Vec<String>,
    /// Not these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    ignore: Vec<String>,
    /// The file name to report standard input under (its extension picks
    /// plain text or Markdown).
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
}

#[derive(Args)]
struct CheckArgs {
    /// Files and directories; `-` reads standard input. Default: the current directory.
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    format: CheckFormat,
    /// Exit with 1 when a finding at this severity or above is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    #[command(flatten)]
    selection: Selection,
}

#[derive(Args)]
struct FixArgs {
    /// Files and directories; `-` reads standard input and prints the result.
    paths: Vec<PathBuf>,
    /// Print the fixed text instead of writing the files.
    #[arg(long)]
    stdout: bool,
    #[command(flatten)]
    selection: Selection,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// `check`'s formats: `Format`'s and those for CI.
#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// reviewdog's Diagnostic Result JSON.
    Rdjson,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    fn threshold(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

const EXIT_FINDINGS: u8 = 1;
pub const EXIT_TROUBLE: u8 = 2;

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { EXIT_TROUBLE } else { 0 });
        }
    };
    match cli.command {
        Command::Check(args) => check(args),
        Command::Fix(args) => fix(args),
        Command::Explain { rule } => explain(&rule),
        Command::Rules => list_rules(),
        Command::People(args) => people::run(args),
        Command::Report(args) => html_report::run(args),
        Command::Server => crate::lsp::run(),
    }
}

fn settings(selection: &Selection) -> Result<RuleSettings, String> {
    with_selection(RuleSettings::default(), selection)
}

/// Settings with the command line's `--select` and `--ignore` applied last.
fn with_selection(
    mut settings: RuleSettings,
    selection: &Selection,
) -> Result<RuleSettings, String> {
    if !selection.select.is_empty() {
        settings.select_only(&selection.select)?;
    }
    for id in &selection.ignore {
        settings.set(id, copydesk::Level::Off)?;
    }
    Ok(settings)
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(EXIT_TROUBLE)
}

fn report_input_errors(errors: &[InputError]) {
    for error in errors {
        eprintln!("error: {error}");
    }
}

/// One run's articles checked as an edition: what `check` and `report` show.
struct CheckedEdition {
    reports: Vec<FileReport>,
    /// Files that could not be read, and mistakes in registers.
    errors: Vec<InputError>,
    edition: copydesk::Edition,
    /// Parallel to `reports`.
    registers: Vec<std::sync::Arc<edition::GoverningRegister>>,
    /// Parallel to `reports`: each article's text as a reader reads it.
    blocks: Vec<Vec<copydesk::blocks::Block>>,
}

impl CheckedEdition {
    /// `check`'s exit code: trouble reading outranks findings.
    fn exit_code(&self, fail_on: FailOn) -> ExitCode {
        let threshold = fail_on.threshold();
        let failing = self
            .reports
            .iter()
            .flat_map(|r| &r.findings)
            .any(|f: &Finding| f.severity >= threshold);
        if !self.errors.is_empty() {
            ExitCode::from(EXIT_TROUBLE)
        } else if failing {
            ExitCode::from(EXIT_FINDINGS)
        } else {
            ExitCode::SUCCESS
        }
    }

    /// Ends the process's use of the results without freeing every finding,
    /// fact and line one by one, which would only delay the exit
    /// (milliseconds on a large edition).
    fn forget(self) {
        std::mem::forget(self);
    }
}

/// Reads, parses and checks the articles of one run, all but the file
/// `leave_out` (`report`'s own page, an HTML file that may lie in the
/// edition's folder); `Err` is a usage error in the rule selection, found
/// before any file is read.
fn check_edition(
    paths: &[PathBuf],
    selection: &Selection,
    leave_out: Option<&Path>,
) -> Result<CheckedEdition, String> {
    settings(selection)?;
    let command_line = |base: RuleSettings| with_selection(base, selection).expect("checked above");
    warm_up_segmenter(&command_line(RuleSettings::default()));
    let (mut inputs, mut errors) = input::discover(paths, selection.stdin_filename.as_deref());
    if let Some(left_out) = leave_out.and_then(|path| std::fs::canonicalize(path).ok()) {
        inputs.retain(|input| match input {
            Input::File(path) => std::fs::canonicalize(path).ok().as_ref() != Some(&left_out),
            Input::Stdin(_) => true,
        });
    }
    let started = std::time::Instant::now();
    let mut loaded = edition::LoadedEdition::load(&inputs);
    tracing::debug!(elapsed = ?started.elapsed(), articles = loaded.articles.len(), "read and parsed");
    errors.extend(loaded.errors.iter().map(|e| InputError {
        path: e.path.clone(),
        message: e.message.clone(),
    }));
    let progress = progress::Progress::start(loaded.articles.len());
    let settings: Vec<RuleSettings> = (0..loaded.articles.len())
        .map(|index| loaded.settings_for(index, command_line))
        .collect();
    let consistency = settings
        .iter()
        .any(|s| s.any_enabled(copydesk::rules::Family::Consistency));
    // The form rules and the articles' own facts at once: both only read the
    // articles, and each keeps the cores busy where the other runs one
    // thread (the facts' gathering, the longest article's rules).
    let form_rules = || -> Vec<Vec<Finding>> {
        let found = loaded
            .articles
            .par_iter()
            .zip(&settings)
            .map(|(article, settings)| {
                copydesk::check_form(&article.source, &article.blocks, settings)
            })
            .inspect(|_| progress.tick())
            .collect();
        tracing::debug!(elapsed = ?started.elapsed(), "form rules done");
        // The facts are read meanwhile, and may go on for longer.
        if consistency {
            progress.uncounted_stage("reading names, titles and terms");
        }
        found
    };
    let (mut found, own) = rayon::join(form_rules, || {
        consistency.then(|| loaded.facts_of_their_own())
    });
    if let Some(own) = own {
        loaded.extract_facts_from(own);
        progress.stage("cross-checked");
        tracing::debug!(elapsed = ?started.elapsed(), "facts extracted");
        found
            .par_iter_mut()
            .zip(&loaded.articles)
            .zip(&loaded.registers)
            .zip(&settings)
            .for_each(|(((found, article), governing), settings)| {
                found.extend(copydesk::check_consistency(
                    article,
                    &loaded.edition,
                    &governing.register,
                    settings,
                ));
                progress.tick();
            });
    }
    progress.finish();
    tracing::debug!(elapsed = ?started.elapsed(), "consistency rules done");
    let mut blocks = Vec::with_capacity(loaded.articles.len());
    let reports: Vec<FileReport> = loaded
        .articles
        .into_iter()
        .zip(found)
        .zip(&loaded.registers)
        .map(|((article, found), governing)| {
            let copydesk::Article {
                id,
                source,
                blocks: article_blocks,
                facts,
            } = article;
            // Kept to the end of the process (see `forget`), not freed here.
            std::mem::forget(facts);
            blocks.push(article_blocks);
            FileReport {
                path: id.to_string(),
                findings: copydesk::finish(found, &source, &governing.register),
                source,
            }
        })
        .collect();
    tracing::debug!(elapsed = ?started.elapsed(), "findings in source order");
    Ok(CheckedEdition {
        reports,
        errors,
        edition: loaded.edition,
        registers: loaded.registers,
        blocks,
    })
}

fn check(args: CheckArgs) -> ExitCode {
    let checked = match check_edition(&args.paths, &args.selection, None) {
        Ok(checked) => checked,
        Err(message) => return usage_error(&message),
    };
    let CheckedEdition {
        reports, errors, ..
    } = &checked;
    let written = match args.format {
        CheckFormat::Json => report::write_json(std::io::stdout().lock(), reports, errors),
        CheckFormat::Human => write_human(reports),
        CheckFormat::Github => formats::github::write(std::io::stdout().lock(), reports, errors),
        CheckFormat::Sarif => formats::sarif::write(std::io::stdout().lock(), reports, errors),
        CheckFormat::Rdjson => formats::rdjson::write(std::io::stdout().lock(), reports),
    };
    if let Err(error) = written
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: writing the report: {error}");
        return ExitCode::from(EXIT_TROUBLE);
    }
    report_input_errors(errors);
    let code = checked.exit_code(args.fail_on);
    checked.forget();
    code
}

/// Loads the word segmenter's dictionary on another core while the files are
/// read and the rules that need no words run.
fn warm_up_segmenter(settings: &RuleSettings) {
    if settings.enabled().any(|(rule, _)| rule.info().needs_words) {
        std::thread::spawn(copydesk::tokens::warm_up);
    }
}

fn write_human(reports: &[FileReport]) -> std::io::Result<()> {
    let renderer = annotate_snippets::Renderer::styled();
    let sources = report::sources(reports);
    let mut out = anstream::stdout().lock();
    let mut total = 0;
    let mut fixable = 0;
    let mut files_with_findings = 0;
    for report in reports {
        for finding in &report.findings {
            writeln!(
                out,
                "{}\n",
                report::human(report, finding, &sources, &renderer)
            )?;
        }
        total += report.findings.len();
        fixable += report
            .findings
            .iter()
            .filter(|f| f.safe_edits().next().is_some())
            .count();
        files_with_findings += usize::from(!report.findings.is_empty());
    }
    if total == 0 {
        writeln!(out, "checked {} file(s): no problems found", reports.len())
    } else {
        writeln!(
            out,
            "found {total} problem(s) in {files_with_findings} of {} file(s); {fixable} fixable with `copydesk fix`",
            reports.len()
        )
    }
}

fn fix(args: FixArgs) -> ExitCode {
    let settings = match settings(&args.selection) {
        Ok(settings) => settings,
        Err(message) => return usage_error(&message),
    };
    let (inputs, mut errors) =
        input::discover(&args.paths, args.selection.stdin_filename.as_deref());
    warm_up_segmenter(&settings);
    let to_stdout = args.stdout || inputs.iter().any(|i| matches!(i, Input::Stdin(_)));
    let mut registers = edition::RegisterCache::default();
    let governed: Vec<_> = inputs
        .into_iter()
        .map(|input| {
            let register = registers.governing(&input, &mut errors);
            (input, register)
        })
        .collect();
    let command_line =
        |base: RuleSettings| with_selection(base, &args.selection).expect("checked above");
    let results: Vec<Result<(Input, String, bool), InputError>> = governed
        .into_par_iter()
        .map(|(input, register)| {
            let article = input::read(&input)?;
            let settings = register.settings_for(input.display_path(), command_line);
            let fixed = copydesk::fix::fix_text(&article.text, input.language(), &settings);
            let changed = fixed != article.text;
            let output = if article.had_bom {
                format!("{}{fixed}", copydesk::source::BOM)
            } else {
                fixed
            };
            Ok((input, output, changed))
        })
        .collect();
    let mut fixed_files = 0;
    let mut stdout = std::io::stdout().lock();
    for result in results {
        let (input, output, changed) = match result {
            Ok(done) => done,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        if to_stdout {
            if let Err(error) = stdout.write_all(output.as_bytes())
                && error.kind() != std::io::ErrorKind::BrokenPipe
            {
                eprintln!("error: writing to stdout: {error}");
                return ExitCode::from(EXIT_TROUBLE);
            }
            continue;
        }
        let Input::File(path) = input else { continue };
        if !changed {
            continue;
        }
        match write_atomically(&path, output.as_bytes()) {
            Ok(()) => fixed_files += 1,
            Err(error) => errors.push(InputError {
                path: path.clone(),
                message: format!("could not write the fixed file (left unchanged): {error}"),
            }),
        }
    }
    report_input_errors(&errors);
    if !to_stdout {
        eprintln!("fixed {fixed_files} file(s)");
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_TROUBLE)
    }
}

/// Writes a file by renaming a finished temporary file over it, so that a
/// crash never leaves half an article; the original permissions are kept.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let directory = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temporary = tempfile::NamedTempFile::new_in(directory)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    if let Ok(metadata) = std::fs::metadata(path) {
        temporary
            .as_file()
            .set_permissions(metadata.permissions())?;
    }
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn explain(id: &str) -> ExitCode {
    match copydesk::rules::rule(id) {
        Some(rule) => {
            println!("{}", rule.info().doc());
            ExitCode::SUCCESS
        }
        None => {
            let known: Vec<_> = copydesk::rules::rule_ids().collect();
            usage_error(&format!(
                "unknown rule `{id}` (rules: {})",
                known.join(", ")
            ))
        }
    }
}

fn list_rules() -> ExitCode {
    let width = RULES.iter().map(|r| r.info().id.len()).max().unwrap_or(0);
    for rule in RULES {
        let info = rule.info();
        println!(
            "{:width$}  {:7}  {}",
            info.id,
            info.default_severity.as_str(),
            info.summary()
        );
    }
    ExitCode::SUCCESS
}
