//! Word segmentation with jieba. One segmenter per process, built on first use
//! (loading its dictionary takes about a tenth of a second), so documents that
//! never need words never pay for it.

use jieba_rs::Jieba;
use std::ops::Range;
use std::sync::LazyLock;

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

pub fn segmenter() -> &'static Jieba {
    &JIEBA
}

/// Builds the segmenter now, off the path of the first request.
pub fn warm_up() {
    LazyLock::force(&JIEBA);
}

/// The words of a text, as byte ranges.
pub fn words(text: &str) -> Vec<Range<usize>> {
    segmenter()
        .cut(text, false)
        .into_iter()
        .map(|token| token.byte_start..token.byte_end)
        .collect()
}

/// The clause around an offset: the text between the punctuation or spaces
/// on either side, which is all a segmenter needs to judge a word there.
pub fn clause_around(text: &str, offset: usize) -> Range<usize> {
    let is_boundary = |c: char| !c.is_alphanumeric();
    let start = text[..offset]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_boundary(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[offset..]
        .char_indices()
        .find(|&(_, c)| is_boundary(c))
        .map_or(text.len(), |(i, _)| offset + i);
    start..end
}

/// Whether two adjacent characters at `first` and `second` belong to one word
/// of the clause they stand in.
pub fn in_one_word(text: &str, first: usize, second: usize) -> bool {
    let clause = clause_around(text, first);
    words(&text[clause.clone()])
        .into_iter()
        .map(|w| w.start + clause.start..w.end + clause.start)
        .any(|w| w.contains(&first) && w.contains(&second))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduplication_is_one_word() {
        let text = "实实在在的举措";
        assert!(in_one_word(text, 3, 6));
        let text = "这是我的的书";
        assert!(!in_one_word(text, 9, 12));
    }
}
