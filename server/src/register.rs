//! The newsroom's register, `copydesk.toml`: people and their titles in rank
//! order, preferred terms, rule severities, words never flagged.
//!
//! Everything in it is optional. A register with mistakes still applies in
//! its valid parts; each mistake is reported with its line and column.

use crate::settings::{Level, RuleSettings};
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "copydesk.toml";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Register {
    /// In rank order.
    pub people: Vec<RegisteredPerson>,
    pub terms: Vec<PreferredTerm>,
    pub rules: Vec<(String, Level)>,
    pub ignore_words: Vec<String>,
    pub overrides: Vec<Override>,
    pub problems: Vec<RegisterProblem>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RegisteredPerson {
    pub name: String,
    #[serde(default)]
    pub titles: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PreferredTerm {
    pub prefer: String,
    #[serde(default)]
    pub avoid: Vec<String>,
}

/// Rule settings for files matching globs (relative to the register's folder).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    pub files: Vec<String>,
    pub rules: Vec<(String, Level)>,
}

/// A mistake in the register, 1-based.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisterProblem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Register {
    /// The register that governs a file: `copydesk.toml` in its folder or the
    /// nearest folder above.
    pub fn find_for(file: &Path) -> Option<PathBuf> {
        let start = if file.is_dir() { file } else { file.parent()? };
        let start = if start.as_os_str().is_empty() {
            Path::new(".")
        } else {
            start
        };
        let start = std::fs::canonicalize(start).ok()?;
        start
            .ancestors()
            .map(|folder| folder.join(FILE_NAME))
            .find(|candidate| candidate.is_file())
    }

    pub fn parse(text: &str) -> Register {
        let mut register = Register::default();
        let table: toml::Table = match text.parse() {
            Ok(table) => table,
            Err(error) => {
                register.problem_at(text, error.span().map_or(0, |s| s.start), error.message());
                return register;
            }
        };
        for (key, value) in &table {
            match key.as_str() {
                "people" => register.read_people(text, value),
                "terms" => register.read_terms(text, value),
                "rules" => {
                    register.rules = register.read_levels(text, value, "rules");
                }
                "ignore" => register.read_ignore(text, value),
                "overrides" => register.read_overrides(text, value),
                other => register.problem_at(
                    text,
                    locate(text, &[other], 0),
                    &format!("unknown section `{other}` (expected rules, people, terms, ignore, overrides)"),
                ),
            }
        }
        register.problems.sort_by_key(|p| (p.line, p.column));
        register
    }

    fn problem_at(&mut self, text: &str, offset: usize, message: &str) {
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        self.problems.push(RegisterProblem {
            line,
            column,
            message: message.to_owned(),
        });
    }

    fn array_entries<'v>(
        &mut self,
        text: &str,
        value: &'v toml::Value,
        section: &str,
    ) -> Vec<(usize, &'v toml::Value)> {
        match value.as_array() {
            Some(entries) => entries.iter().enumerate().collect(),
            None => {
                self.problem_at(
                    text,
                    locate(text, &[section], 0),
                    &format!("`{section}` must be a list of tables: write [[{section}]]"),
                );
                Vec::new()
            }
        }
    }

    fn read_people(&mut self, text: &str, value: &toml::Value) {
        for (index, entry) in self.array_entries(text, value, "people") {
            match RegisteredPerson::deserialize(entry.clone()) {
                Ok(person) if !person.name.trim().is_empty() => self.people.push(person),
                Ok(_) => self.problem_at(
                    text,
                    locate(text, &["[[people]]"], index),
                    "a person needs a name",
                ),
                Err(error) => self.problem_at(
                    text,
                    locate(text, &["[[people]]"], index),
                    &format!("invalid person: {}", error.message()),
                ),
            }
        }
    }

    fn read_terms(&mut self, text: &str, value: &toml::Value) {
        for (index, entry) in self.array_entries(text, value, "terms") {
            match PreferredTerm::deserialize(entry.clone()) {
                Ok(term) if !term.prefer.trim().is_empty() => self.terms.push(term),
                Ok(_) => self.problem_at(
                    text,
                    locate(text, &["[[terms]]"], index),
                    "a term needs `prefer`",
                ),
                Err(error) => self.problem_at(
                    text,
                    locate(text, &["[[terms]]"], index),
                    &format!("invalid term: {}", error.message()),
                ),
            }
        }
    }

    fn read_levels(
        &mut self,
        text: &str,
        value: &toml::Value,
        section: &str,
    ) -> Vec<(String, Level)> {
        let mut levels = Vec::new();
        let Some(table) = value.as_table() else {
            self.problem_at(
                text,
                locate(text, &[section], 0),
                &format!("`{section}` must be a table of rule = \"level\""),
            );
            return levels;
        };
        for (rule, level) in table {
            let parsed = level
                .as_str()
                .ok_or_else(|| "a level is a string".to_owned())
                .and_then(|l| l.parse::<Level>())
                .and_then(|l| {
                    crate::rules::rule(rule)
                        .map(|_| l)
                        .ok_or_else(|| format!("unknown rule `{rule}`"))
                });
            match parsed {
                Ok(level) => levels.push((rule.clone(), level)),
                Err(message) => self.problem_at(text, locate(text, &[rule], 0), &message),
            }
        }
        levels
    }

    fn read_ignore(&mut self, text: &str, value: &toml::Value) {
        let words = value.get("words").and_then(|w| w.as_array());
        match words {
            Some(words) => {
                for word in words {
                    match word.as_str() {
                        Some(word) => self.ignore_words.push(word.to_owned()),
                        None => self.problem_at(
                            text,
                            locate(text, &["words"], 0),
                            "`words` are strings",
                        ),
                    }
                }
            }
            None => self.problem_at(
                text,
                locate(text, &["[ignore]", "ignore"], 0),
                "`[ignore]` takes `words = [\"…\"]`",
            ),
        }
    }

    fn read_overrides(&mut self, text: &str, value: &toml::Value) {
        for (index, entry) in self.array_entries(text, value, "overrides") {
            let files: Vec<String> = entry
                .get("files")
                .and_then(|f| f.as_array())
                .map(|f| {
                    f.iter()
                        .filter_map(|g| g.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            if files.is_empty() {
                self.problem_at(
                    text,
                    locate(text, &["[[overrides]]"], index),
                    "an override needs `files = [\"glob\"]`",
                );
                continue;
            }
            let rules = match entry.get("rules") {
                Some(rules) => self.read_levels(text, rules, "overrides.rules"),
                None => Vec::new(),
            };
            self.overrides.push(Override { files, rules });
        }
    }

    /// Applies the register's rule levels (and those of overrides matching
    /// `relative_path`) to settings.
    pub fn apply_levels(&self, settings: &mut RuleSettings, relative_path: Option<&Path>) {
        for (rule, level) in &self.rules {
            let _ = settings.set(rule, *level);
        }
        let Some(path) = relative_path else { return };
        for entry in &self.overrides {
            if entry.files.iter().any(|glob| glob_matches(glob, path)) {
                for (rule, level) in &entry.rules {
                    let _ = settings.set(rule, *level);
                }
            }
        }
    }

    /// The rank of a registered person (0 = highest).
    pub fn rank(&self, name: &str) -> Option<usize> {
        self.people.iter().position(|p| p.name == name)
    }

    pub fn person(&self, name: &str) -> Option<&RegisteredPerson> {
        self.people.iter().find(|p| p.name == name)
    }
}

/// The offset of the `nth` occurrence of any of `needles` (for locating a
/// mistake whose parser gave no position).
fn locate(text: &str, needles: &[&str], nth: usize) -> usize {
    for needle in needles {
        if let Some((offset, _)) = text.match_indices(needle).nth(nth) {
            return offset;
        }
    }
    0
}

/// `*` matches within a path segment, `**` across segments.
fn glob_matches(glob: &str, path: &Path) -> bool {
    let path = path.to_string_lossy().replace('\\', "/");
    let pattern = regex::escape(glob)
        .replace(r"\*\*/", "(?:.*/)?")
        .replace(r"\*\*", ".*")
        .replace(r"\*", "[^/]*")
        .replace(r"\?", "[^/]");
    regex::Regex::new(&format!("^(?:{pattern})$")).is_ok_and(|re| re.is_match(&path))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"
[rules]
broken-wrap = "warning"

[[people]]
name = "金政"
titles = ["市委书记"]
[[people]]
name = "张群环"
titles = ["市委副书记", "市长"]

[[terms]]
prefer = "政银合作"
avoid = ["银政合作"]

[ignore]
words = ["某某"]
"#;

    #[test]
    fn reads_the_design_example() {
        let register = Register::parse(EXAMPLE);
        assert!(register.problems.is_empty(), "{:?}", register.problems);
        assert_eq!(register.rank("张群环"), Some(1));
        assert_eq!(register.terms[0].avoid, ["银政合作"]);
        assert_eq!(register.ignore_words, ["某某"]);
        assert_eq!(register.rules.len(), 1);
    }

    #[test]
    fn mistakes_are_located_and_the_rest_applies() {
        let text = "[rules]\nno-such-rule = \"error\"\ncjk-space = \"loud\"\n\n[[people]]\nname = \"金政\"\n[[people]]\ntitle = \"市长\"\n";
        let register = Register::parse(text);
        assert_eq!(register.people.len(), 1);
        let lines: Vec<usize> = register.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 7], "{:?}", register.problems);
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let register = Register::parse("[rules\nx = 1\n");
        assert_eq!(register.problems.len(), 1);
        assert_eq!(register.problems[0].line, 1);
    }

    #[test]
    fn globs() {
        assert!(glob_matches("briefs/*.txt", Path::new("briefs/a.txt")));
        assert!(!glob_matches("briefs/*.txt", Path::new("briefs/x/a.txt")));
        assert!(glob_matches("**/*.md", Path::new("a/b/c.md")));
    }
}
