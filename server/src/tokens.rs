//! Word segmentation with jieba. One segmenter per process, built on first use
//! (loading its dictionary takes a twentieth of a second), so documents that
//! never need words never pay for it.

use jieba_rs::Jieba;
use std::ops::Range;
use std::sync::LazyLock;

/// jieba's dictionary without its rarest words (`scripts/gen-dict`,
/// `server/data/README.md`): building the segmenter costs in proportion to
/// its words, and no word can be looked up before it is built.
const DICTIONARY: &str = include_str!("../data/jieba-dict.txt");

static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = Jieba::empty();
    jieba
        .load_dict(&mut DICTIONARY.as_bytes())
        .expect("the dictionary built in is well formed");
    jieba
});

pub fn segmenter() -> &'static Jieba {
    &JIEBA
}

/// Builds the segmenter now, off the path of the first request.
pub fn warm_up() {
    let started = std::time::Instant::now();
    LazyLock::force(&JIEBA);
    tracing::debug!(elapsed = ?started.elapsed(), "segmenter loaded");
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

/// Whether the characters at `first` and `second` each stand as a word of
/// their own in the clause around them (`的/的`), rather than ending or
/// starting a longer word (`目的/的`, `研究所/所长`, `了/了不起`) or forming one
/// (`实实在在`).
pub fn both_single_char_words(text: &str, first: usize, second: usize) -> bool {
    let clause = clause_around(text, first);
    let words = words(&text[clause.clone()]);
    let single = |offset: usize| {
        words.iter().any(|w| {
            let w = w.start + clause.start..w.end + clause.start;
            w.start == offset && text[w].chars().count() == 1
        })
    };
    single(first) && single(second)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_characters_that_are_words_of_their_own() {
        assert!(!both_single_char_words("实实在在的举措", 3, 6));
        assert!(both_single_char_words("这是我们的的责任", 12, 15));
        let text = "美国人口研究所所长";
        let first = text.find("所所").unwrap();
        assert!(!both_single_char_words(text, first, first + 3));
    }
}
