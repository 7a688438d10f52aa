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
/// starting a longer word (`目的/的`, `研究所/所长`, `了/了不起`, `中和/和`) or
/// forming one (`实实在在`).
///
/// The segmenter's dictionary does not know every word. A particle (`的`,
/// `地`, `了`) attaches to what comes before it: where the character before
/// the pair is left alone and is no word of grammar (`颇有见/地/地告诉`), it
/// likely makes a word the dictionary lacks with the first of the pair
/// (见地). Other function characters lead what follows them (`对/对/台工作`:
/// 对台).
pub fn both_single_char_words(
    text: &str,
    first: usize,
    second: usize,
    is_grammar: impl Fn(char) -> bool,
) -> bool {
    let clause = clause_around(text, first);
    let words: Vec<Range<usize>> = words(&text[clause.clone()])
        .into_iter()
        .map(|w| w.start + clause.start..w.end + clause.start)
        .collect();
    let single = |offset: usize| {
        words
            .iter()
            .any(|w| w.start == offset && text[w.clone()].chars().count() == 1)
    };
    if !single(first) || !single(second) {
        return false;
    }
    let jieba = segmenter();
    let doubled = text[first..].chars().next().unwrap_or_default();
    let after_pair = second + doubled.len_utf8();
    // 中和/和: the first ends a word of up to four characters, or the second
    // begins one.
    let ends_a_word = text[..first]
        .char_indices()
        .rev()
        .take(3)
        .any(|(start, _)| jieba.has_word(&text[start..second]));
    let begins_a_word = text[after_pair..]
        .char_indices()
        .take(3)
        .any(|(at, c)| jieba.has_word(&text[second..after_pair + at + c.len_utf8()]));
    let lone_content = |at: usize| {
        single(at)
            && text[at..]
                .chars()
                .next()
                .is_some_and(|c| crate::chars::is_han(c) && !is_grammar(c))
    };
    let unknown_word_beside = if "的地得了着过吗呢吧之".contains(doubled) {
        text[..first]
            .chars()
            .next_back()
            .is_some_and(|b| lone_content(first - b.len_utf8()))
    } else {
        after_pair < text.len() && lone_content(after_pair)
    };
    !ends_a_word && !begins_a_word && !unknown_word_beside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_characters_that_are_words_of_their_own() {
        let grammar = |c: char| "的了在是和对地我们".contains(c);
        let doubled = |text: &str, pair: &str| {
            let first = text.find(pair).unwrap();
            both_single_char_words(text, first, first + pair.len() / 2, grammar)
        };
        assert!(!doubled("实实在在的举措", "实实"));
        assert!(doubled("这是我们的的责任", "的的"));
        assert!(doubled("面对创新力量不足的的短板", "的的"));
        assert!(doubled("他在在北京工作", "在在"));
        assert!(!doubled("美国人口研究所所长", "所所"));
        assert!(!doubled("碳达峰碳中和和“1+N”政策体系", "和和"));
        assert!(!doubled("王仁昌主任颇有见地地告诉记者", "地地"));
        assert!(!doubled("要加强党对对台工作的全面领导", "对对"));
    }
}
