//! `copydesk people`: the edition's cast, what a chief editor checks before
//! the page goes out.

use super::edition::LoadedEdition;
use super::input;
use clap::Args;
use copydesk::names::Evidence;
use copydesk::source::ColumnUnit;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct PeopleArgs {
    /// Files and directories; `-` reads standard input. Default: the current directory.
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = super::Format::Human)]
    format: super::Format,
    /// The file name to report standard input under.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
}

#[derive(Serialize)]
struct Cast {
    people: Vec<PersonOut>,
}

#[derive(Serialize)]
struct PersonOut {
    name: String,
    titles: Vec<String>,
    mentions: Vec<MentionOut>,
}

/// 1-based line and column (in characters) where a mention starts.
#[derive(Serialize)]
struct MentionOut {
    path: String,
    line: usize,
    column: usize,
    /// How the text vouches for the name here (`post`, `address`, `list`,
    /// `byline`, `speech`, `known`).
    evidence: Evidence,
}

pub fn run(args: PeopleArgs) -> ExitCode {
    std::thread::spawn(copydesk::tokens::warm_up);
    let (inputs, mut errors) = input::discover(&args.paths, args.stdin_filename.as_deref());
    let mut loaded = LoadedEdition::load(&inputs);
    loaded.extract_facts();
    errors.extend(std::mem::take(&mut loaded.errors));
    let sources: HashMap<&str, &copydesk::Source> = loaded
        .articles
        .iter()
        .map(|a| (&*a.id, &a.source))
        .collect();
    let people: Vec<PersonOut> = loaded
        .edition
        .people()
        .into_iter()
        .map(|person| PersonOut {
            name: person.name,
            titles: person.titles,
            mentions: person
                .mentions
                .iter()
                .map(|(id, range, evidence)| {
                    let at = sources[&**id].line_col(range.start, ColumnUnit::Char);
                    MentionOut {
                        path: id.to_string(),
                        line: at.line + 1,
                        column: at.column + 1,
                        evidence: *evidence,
                    }
                })
                .collect(),
        })
        .collect();
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        super::Format::Json => {
            writeln!(
                out,
                "{}",
                serde_json::to_string(&Cast { people }).expect("cast serializes")
            )
        }
        super::Format::Human => write_table(&mut out, &people),
    };
    if let Err(error) = written
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: writing the cast: {error}");
        return ExitCode::from(super::EXIT_TROUBLE);
    }
    for error in &errors {
        eprintln!("error: {error}");
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::EXIT_TROUBLE)
    }
}

fn write_table(out: &mut impl Write, people: &[PersonOut]) -> std::io::Result<()> {
    for person in people {
        let titles = if person.titles.is_empty() {
            "—".to_owned()
        } else {
            person.titles.join("、")
        };
        let places: Vec<String> = person
            .mentions
            .iter()
            .take(4)
            .map(|m| format!("{}:{}:{}", m.path, m.line, m.column))
            .collect();
        let more = person.mentions.len().saturating_sub(places.len());
        let more = if more > 0 {
            format!(" …+{more}")
        } else {
            String::new()
        };
        writeln!(
            out,
            "{}  {}  {} 次  {}{more}",
            person.name,
            titles,
            person.mentions.len(),
            places.join(" ")
        )?;
    }
    writeln!(out, "{} people", people.len())
}
