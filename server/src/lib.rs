//! copydesk: the analysis core.
//!
//! A one-way pipeline of pure, synchronous stages:
//! [`source`] → [`blocks`] → [`tokens`] → [`rules`] (findings). The CLI and the
//! language server are thin adapters over [`check`] and [`fix::fix_text`].

pub mod blocks;
pub mod chars;
pub mod conventions;
pub mod finding;
pub mod fix;
mod layout;
mod markdown;
pub mod rules;
pub mod settings;
pub mod source;
pub mod tokens;

pub use finding::{Edit, Finding, Fix, Safety, Severity};
pub use settings::{Level, RuleSettings};
pub use source::{Language, Source};

/// Every finding of the enabled rules on one document, in source order.
pub fn check(source: &Source, settings: &RuleSettings) -> Vec<Finding> {
    let blocks = blocks::blocks(source);
    let document = rules::Document {
        source,
        blocks: &blocks,
    };
    let mut findings = Vec::new();
    for (rule, severity) in settings.enabled() {
        let first = findings.len();
        rule.check(
            &document,
            &mut rules::Findings::new(rule.info(), &mut findings),
        );
        for finding in &mut findings[first..] {
            finding.severity = severity;
        }
    }
    findings.sort_by_key(|f| (f.range.start, f.range.end));
    findings
}
