//! Which rules run and at what severity.

use crate::finding::Severity;
use crate::rules::{RULES, Rule};
use std::collections::HashMap;

/// A rule's level: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    On(Severity),
    Off,
}

impl std::str::FromStr for Level {
    type Err = String;

    fn from_str(s: &str) -> Result<Level, String> {
        Ok(match s {
            "error" => Level::On(Severity::Error),
            "warning" => Level::On(Severity::Warning),
            "info" => Level::On(Severity::Info),
            "hint" => Level::On(Severity::Hint),
            "off" => Level::Off,
            other => {
                return Err(format!(
                    "unknown level `{other}`: expected error, warning, info, hint or off"
                ));
            }
        })
    }
}

/// Levels that differ from the rules' defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleSettings {
    levels: HashMap<&'static str, Level>,
}

impl RuleSettings {
    /// Sets a rule's level; an unknown rule id is an error.
    pub fn set(&mut self, rule: &str, level: Level) -> Result<(), String> {
        let rule = crate::rules::rule(rule).ok_or_else(|| unknown_rule(rule))?;
        self.levels.insert(rule.info().id, level);
        Ok(())
    }

    /// Turns off every rule not in `selected`.
    pub fn select_only(&mut self, selected: &[String]) -> Result<(), String> {
        for id in selected {
            crate::rules::rule(id).ok_or_else(|| unknown_rule(id))?;
        }
        for rule in RULES {
            let id = rule.info().id;
            if !selected.iter().any(|s| s == id) {
                self.levels.insert(id, Level::Off);
            } else if self.levels.get(id) == Some(&Level::Off) {
                // Selected by name on the command line: on, whatever a
                // register said.
                self.levels.remove(id);
            }
        }
        Ok(())
    }

    pub fn severity(&self, rule: &dyn Rule) -> Option<Severity> {
        match self.levels.get(rule.info().id) {
            Some(Level::Off) => None,
            Some(Level::On(severity)) => Some(*severity),
            None => Some(rule.info().default_severity),
        }
    }

    /// Whether any rule of a family runs.
    pub fn any_enabled(&self, family: crate::rules::Family) -> bool {
        self.enabled().any(|(rule, _)| rule.info().family == family)
    }

    /// The rules that run, with their severities.
    pub fn enabled(&self) -> impl Iterator<Item = (&'static dyn Rule, Severity)> + '_ {
        RULES
            .iter()
            .filter_map(|&rule| self.severity(rule).map(|severity| (rule, severity)))
    }
}

fn unknown_rule(id: &str) -> String {
    let known: Vec<_> = crate::rules::rule_ids().collect();
    format!("unknown rule `{id}` (rules: {})", known.join(", "))
}
