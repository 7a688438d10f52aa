//! The editor's settings: from `initializationOptions` and
//! `workspace/didChangeConfiguration`, either bare or under a `copydesk` key:
//!
//! ```json
//! {"rules": {"broken-wrap": "off", "cjk-space": "error"},
//!  "languages": ["plaintext", "markdown"]}
//! ```
//!
//! A bad entry is logged and skipped; the rest still applies.

use copydesk::{Language, Level, RuleSettings};
use serde_json::Value;

#[derive(Clone, Debug)]
pub struct Config {
    pub rules: RuleSettings,
    /// The document languages copydesk checks.
    pub languages: Vec<Language>,
    /// A register chosen in the editor, used instead of the nearest
    /// `copydesk.toml`.
    pub register: Option<std::path::PathBuf>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            rules: RuleSettings::default(),
            languages: vec![Language::PlainText, Language::Markdown, Language::Html],
            register: None,
        }
    }
}

impl Config {
    pub fn from_json(value: Option<&Value>) -> Config {
        let mut config = Config::default();
        let Some(value) = value else { return config };
        let value = value.get("copydesk").unwrap_or(value);
        if let Some(rules) = value.get("rules").and_then(Value::as_object) {
            for (id, level) in rules {
                let parsed = level
                    .as_str()
                    .ok_or_else(|| format!("the level of `{id}` is not a string"))
                    .and_then(|level| level.parse::<Level>())
                    .and_then(|level| config.rules.set(id, level));
                if let Err(message) = parsed {
                    tracing::warn!("settings: {message}");
                }
            }
        }
        if let Some(languages) = value.get("languages").and_then(Value::as_array) {
            config.languages = languages
                .iter()
                .filter_map(|id| {
                    let language = id.as_str().and_then(Language::from_language_id);
                    if language.is_none() {
                        tracing::warn!("settings: unknown language {id}");
                    }
                    language
                })
                .collect();
        }
        config.register = value
            .get("register")
            .and_then(Value::as_str)
            .filter(|path| !path.trim().is_empty())
            .map(std::path::PathBuf::from);
        config
    }

    pub fn checks(&self, language: Language) -> bool {
        self.languages.contains(&language)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk::Severity;
    use serde_json::json;

    #[test]
    fn rule_levels_and_languages() {
        let config = Config::from_json(Some(&json!({"copydesk": {
            "rules": {"broken-wrap": "off", "cjk-space": "error", "no-such-rule": "off", "ellipsis-dash": 3},
            "languages": ["markdown", "cobol"]
        }})));
        let level = |id| config.rules.severity(copydesk::rules::rule(id).unwrap());
        assert_eq!(level("broken-wrap"), None);
        assert_eq!(level("cjk-space"), Some(Severity::Error));
        assert_eq!(level("ellipsis-dash"), Some(Severity::Warning));
        assert!(config.checks(Language::Markdown));
        assert!(!config.checks(Language::PlainText));
    }
}
