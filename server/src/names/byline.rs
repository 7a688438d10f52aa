//! Names in a byline: each Han run after a role (`□首席记者 陈晓苏`).

use super::{BEFORE_NAME, Evidence, Found, NameHit, TitleHit, surnames};
use crate::chars::is_blank;
use std::ops::Range;

/// Names in a byline: each Han run after a role.
pub(super) fn byline(text: &str, found: &mut Found) {
    for credit in crate::conventions::reporter_credits(text) {
        let credit_text = &text[credit.clone()];
        let mut post: Option<(Range<usize>, &'static str)> = None;
        // Blanks are of one to three bytes (a full-width space): each word's
        // place is where it lies in the text.
        for word in credit_text.split(is_blank) {
            if word.is_empty() {
                continue;
            }
            let start = word.as_ptr() as usize - text.as_ptr() as usize;
            let range = start..start + word.len();
            if let Some(role) = BEFORE_NAME.iter().copied().find(|p| *p == word) {
                post = Some((range, role));
                continue;
            }
            if surnames::surname_len(word).is_some() && (2..=3).contains(&word.chars().count()) {
                found.names.push(NameHit {
                    range,
                    titles: post
                        .iter()
                        .map(|(range, post)| TitleHit {
                            range: range.clone(),
                            post,
                        })
                        .collect(),
                    evidence: Evidence::Byline,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::names::tests::vouched_in;

    #[test]
    fn bylines_with_full_width_spaces() {
        let names = vouched_in("□通讯员 张伟　张群环", true);
        assert!(
            names.contains(&"张伟") && names.contains(&"张群环"),
            "{names:?}"
        );
    }
}
