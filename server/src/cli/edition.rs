//! Loading the articles of one run as an edition: each with the register
//! that governs it, their facts shared so that consistency is judged across
//! all of them.

use super::input::{self, Input, InputError};
use copydesk::register::{FILE_NAME, Register};
use copydesk::{Article, Edition, RuleSettings, Source};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A register and the folder its globs are relative to.
pub struct GoverningRegister {
    pub register: Register,
    pub folder: PathBuf,
}

pub struct LoadedEdition {
    pub articles: Vec<Article>,
    /// Parallel to `articles`.
    pub registers: Vec<Arc<GoverningRegister>>,
    pub edition: Edition,
    /// Files that could not be read, and mistakes in registers.
    pub errors: Vec<InputError>,
}

impl LoadedEdition {
    pub fn load(inputs: &[Input]) -> LoadedEdition {
        let read: Vec<Result<(Input, input::Article), InputError>> = inputs
            .par_iter()
            .map(|i| input::read(i).map(|article| (i.clone(), article)))
            .collect();
        let mut errors = Vec::new();
        let mut registers = RegisterCache::default();
        let mut loaded: Vec<(Input, input::Article, Arc<GoverningRegister>)> = Vec::new();
        for result in read {
            match result {
                Ok((input, article)) => {
                    let register = registers.governing(&input, &mut errors);
                    loaded.push((input, article, register));
                }
                Err(error) => errors.push(error),
            }
        }
        let (read, registers): (Vec<_>, Vec<Arc<GoverningRegister>>) = loaded
            .into_iter()
            .map(|(input, article, register)| ((input, article), register))
            .unzip();
        // Each text moves into its source: a day's paper is megabytes.
        let articles: Vec<Article> = read
            .into_par_iter()
            .map(|(input, article)| {
                let id = input.display_path().display().to_string();
                let source = Source::new(article.text, input.language());
                Article::parse(id, source)
            })
            .collect();
        LoadedEdition {
            articles,
            registers,
            edition: Edition::new(),
            errors,
        }
    }

    /// Each article's facts from what it vouches for itself (the first stage
    /// of [`LoadedEdition::extract_facts`]), reading the articles only.
    pub fn facts_of_their_own(&self) -> Vec<Arc<copydesk::facts::Facts>> {
        let plain: Vec<&Register> = self.registers.iter().map(|g| &g.register).collect();
        copydesk::facts_of_their_own(&self.articles, &plain)
    }

    /// Extracts every article's facts and gathers them into the edition.
    pub fn extract_facts(&mut self) {
        let own = self.facts_of_their_own();
        self.extract_facts_from(own);
    }

    /// [`LoadedEdition::extract_facts`], given the articles' facts of their
    /// own.
    pub fn extract_facts_from(&mut self, own: Vec<Arc<copydesk::facts::Facts>>) {
        let plain: Vec<&Register> = self.registers.iter().map(|g| &g.register).collect();
        self.edition = copydesk::build_edition_from(&mut self.articles, &plain, own);
    }

    /// The settings for one article: the defaults, then its register's levels
    /// (and its overrides), then the command line's.
    pub fn settings_for(
        &self,
        index: usize,
        command_line: impl Fn(RuleSettings) -> RuleSettings,
    ) -> RuleSettings {
        self.registers[index].settings_for(Path::new(&*self.articles[index].id), command_line)
    }
}

impl GoverningRegister {
    /// The settings for a file: the defaults, then this register's levels
    /// (and its overrides for the file), then the command line's.
    pub fn settings_for(
        &self,
        path: &Path,
        command_line: impl Fn(RuleSettings) -> RuleSettings,
    ) -> RuleSettings {
        let mut settings = RuleSettings::default();
        let relative = std::fs::canonicalize(path)
            .ok()
            .and_then(|p| p.strip_prefix(&self.folder).ok().map(Path::to_path_buf));
        self.register
            .apply_levels(&mut settings, relative.as_deref());
        command_line(settings)
    }
}

/// Registers already read in this run, by path.
#[derive(Default)]
pub struct RegisterCache {
    by_path: HashMap<PathBuf, Arc<GoverningRegister>>,
    none: Option<Arc<GoverningRegister>>,
}

impl RegisterCache {
    pub fn governing(
        &mut self,
        input: &Input,
        errors: &mut Vec<InputError>,
    ) -> Arc<GoverningRegister> {
        let Some(path) = Register::find_for(input.display_path()) else {
            return self
                .none
                .get_or_insert_with(|| {
                    Arc::new(GoverningRegister {
                        register: Register::default(),
                        folder: PathBuf::from("."),
                    })
                })
                .clone();
        };
        if let Some(found) = self.by_path.get(&path) {
            return found.clone();
        }
        let register = match std::fs::read_to_string(&path) {
            Ok(text) => Register::parse(&text),
            Err(error) => {
                errors.push(InputError {
                    path: path.clone(),
                    message: format!("could not read the register: {error}"),
                });
                Register::default()
            }
        };
        for problem in &register.problems {
            errors.push(InputError {
                path: path.clone(),
                message: format!(
                    "line {}, column {}: {} (the rest of {FILE_NAME} still applies)",
                    problem.line, problem.column, problem.message
                ),
            });
        }
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let governing = Arc::new(GoverningRegister { register, folder });
        self.by_path.insert(path, governing.clone());
        governing
    }
}
