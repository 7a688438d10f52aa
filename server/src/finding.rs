//! What a rule reports: a range of the source, a message, and fixes.

use serde::{Deserialize, Serialize};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whether a fix may be applied without a person looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Safety {
    /// Changes only whitespace or the form of a mark; `fix` applies it.
    Safe,
    /// Changes the words: offered in the editor, never applied in bulk.
    Suggestion,
}

/// Replace a source byte range with new text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub new_text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub safety: Safety,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            safety: Safety::Safe,
            edits,
        }
    }

    pub fn suggestion(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            safety: Safety::Suggestion,
            edits,
        }
    }
}

/// Another place that explains a finding: the other end of an unpaired mark,
/// the dominant spelling of a name in another article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    /// The article it is in, when not the finding's own.
    pub document: Option<std::sync::Arc<str>>,
    pub range: Range<usize>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// Source byte range.
    pub range: Range<usize>,
    pub message: String,
    pub fixes: Vec<Fix>,
    pub related: Vec<Related>,
}

impl Finding {
    pub fn with_fix(mut self, fix: Option<Fix>) -> Finding {
        self.fixes.extend(fix);
        self
    }

    pub fn with_related(mut self, range: Range<usize>, message: impl Into<String>) -> Finding {
        self.related.push(Related {
            document: None,
            range,
            message: message.into(),
        });
        self
    }

    /// The same finding on text that moved `delta` bytes (an edit before
    /// it); places in other articles stay where they are.
    pub fn moved(&self, delta: isize) -> Finding {
        let moved = |range: &Range<usize>| crate::source::moved(range, delta);
        let mut finding = self.clone();
        finding.range = moved(&self.range);
        for edit in finding.fixes.iter_mut().flat_map(|f| f.edits.iter_mut()) {
            edit.range = moved(&edit.range);
        }
        for related in finding.related.iter_mut().filter(|r| r.document.is_none()) {
            related.range = moved(&related.range);
        }
        finding
    }

    pub fn safe_edits(&self) -> impl Iterator<Item = &Edit> {
        self.fixes
            .iter()
            .filter(|f| f.safety == Safety::Safe)
            .flat_map(|f| &f.edits)
    }
}
