//! Character classes of Chinese typesetting, shared by the layout analysis and
//! the rules.

/// A Han character (CJK Unified Ideographs, its extensions, compatibility
/// ideographs) or `〇`.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{323AF}')
}

/// A set of characters for tests made at every character of a text: a bit
/// per character of the Basic Multilingual Plane, so a test costs one load
/// where a string's `contains` would scan hundreds of characters.
pub struct CharSet {
    bits: Vec<u64>,
    beyond: Vec<char>,
}

const PLANE: usize = 0x10000;

impl CharSet {
    pub fn new(chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut set = CharSet {
            bits: vec![0; PLANE / 64],
            beyond: Vec::new(),
        };
        for c in chars {
            set.insert(c);
        }
        set
    }

    pub fn insert(&mut self, c: char) {
        let code = c as usize;
        if code < PLANE {
            self.bits[code / 64] |= 1 << (code % 64);
        } else if !self.beyond.contains(&c) {
            self.beyond.push(c);
        }
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let code = c as usize;
        if code < PLANE {
            self.bits[code / 64] & (1 << (code % 64)) != 0
        } else {
            self.beyond.contains(&c)
        }
    }
}

/// A quick test for the few strings a rule looks for: most paragraphs hold
/// none of them, and a SIMD byte search per string (memchr's memmem) skips
/// such a paragraph many times faster than decoding its characters. For a
/// handful of strings: a search is one pass. Build one per rule, once (in a
/// `LazyLock`).
pub struct Triggers(Vec<memchr::memmem::Finder<'static>>);

impl Triggers {
    pub fn new<P: AsRef<[u8]>>(patterns: impl IntoIterator<Item = P>) -> Triggers {
        Triggers(
            patterns
                .into_iter()
                .map(|p| memchr::memmem::Finder::new(p.as_ref()).into_owned())
                .collect(),
        )
    }

    /// Whether `text` holds any of the patterns.
    pub fn in_text(&self, text: &str) -> bool {
        self.0.iter().any(|f| f.find(text.as_bytes()).is_some())
    }
}

/// The characters of `text` whose UTF-8 encoding begins with one of `leads`
/// (one to three bytes), with their offsets: a SIMD search for those bytes
/// (never continuation bytes) instead of decoding every character. Rules
/// whose marks share a lead byte (`E3` for 、。《》, `EF` for the full-width
/// forms) find them this way.
pub fn chars_led_by<'a>(text: &'a str, leads: &[u8]) -> impl Iterator<Item = (usize, char)> + 'a {
    let bytes = text.as_bytes();
    let positions: Box<dyn Iterator<Item = usize> + 'a> = match *leads {
        [a] => Box::new(memchr::memchr_iter(a, bytes)),
        [a, b] => Box::new(memchr::memchr2_iter(a, b, bytes)),
        [a, b, c] => Box::new(memchr::memchr3_iter(a, b, c, bytes)),
        _ => panic!("one to three lead bytes"),
    };
    positions.filter_map(move |at| text[at..].chars().next().map(|c| (at, c)))
}

/// Where `needle` begins in `text`, every time. For a Chinese character or
/// mark this is several times faster than `str::match_indices`, which looks
/// for the needle's last byte: Chinese text is full of those bytes.
pub fn find_all<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes())
}

/// Where `needle` first begins in `text` (see [`find_all`]).
pub fn find_first(text: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(text.as_bytes(), needle.as_bytes())
}

/// A maximal run of characters in a text (see [`runs`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CharRun {
    /// Byte range in the text.
    pub range: std::ops::Range<usize>,
    pub first: char,
    /// Characters in the run.
    pub count: usize,
    /// The characters just before and just after the run.
    pub before: Option<char>,
    pub after: Option<char>,
}

/// The maximal runs of `text` that begin with a character `starts` accepts
/// and go on while `continues(first, c, next)` accepts the next character
/// `c`, given the run's first character and the character after `c`. One
/// pass over the characters, with nothing copied: rules that look for a few
/// kinds of character run over every character of a document.
pub fn runs<'a>(
    text: &'a str,
    starts: impl Fn(char) -> bool + 'a,
    continues: impl Fn(char, char, Option<char>) -> bool + 'a,
) -> impl Iterator<Item = CharRun> + 'a {
    let mut chars = text.char_indices().peekable();
    let mut before = None;
    std::iter::from_fn(move || {
        loop {
            let (start, first) = chars.next()?;
            if !starts(first) {
                before = Some(first);
                continue;
            }
            let (mut end, mut count, mut last) = (start + first.len_utf8(), 1, first);
            while let Some(&(at, c)) = chars.peek() {
                let next = text[at + c.len_utf8()..].chars().next();
                if !continues(first, c, next) {
                    break;
                }
                chars.next();
                (end, count, last) = (at + c.len_utf8(), count + 1, c);
            }
            let run = CharRun {
                range: start..end,
                first,
                count,
                before,
                after: chars.peek().map(|&(_, c)| c),
            };
            before = Some(last);
            return Some(run);
        }
    })
}

/// Full-width punctuation of Chinese running text.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '「'
            | '」'
            | '『'
            | '』'
            | '—'
            | '…'
            | '·'
            | '～'
    )
}

/// Chinese text on either side of a mark: a Han character or full-width
/// punctuation.
pub fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Marks that close something or end a clause; print never starts a line with
/// one (kinsoku).
pub fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '”'
            | '’'
            | '）'
            | '》'
            | '〉'
            | '】'
            | '」'
            | '』'
            | '…'
    )
}

/// Marks that end a sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '…' | '.' | '!' | '?')
}

/// Whether a line's text ends a sentence: a sentence-ending mark, possibly
/// followed by closing quotes or brackets (`……。”`).
pub fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(|c: char| {
        matches!(c, '”' | '’' | '）' | '」' | '』' | '》' | ')') || c.is_whitespace()
    });
    trimmed.chars().next_back().is_some_and(is_sentence_end)
}

/// Horizontal whitespace, including the ideographic space.
pub fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// Whether `text` holds a blank ([`is_blank`]): most paragraphs hold none.
pub fn holds_blank(text: &str) -> bool {
    static BLANKS: std::sync::LazyLock<Triggers> =
        std::sync::LazyLock::new(|| Triggers::new([" ", "\t", "\u{3000}", "\u{a0}"]));
    BLANKS.in_text(text)
}

/// The width of a character on a printed line, in em: print sets Chinese
/// punctuation in half an em when compressed, and Latin letters and digits
/// in about half an em.
pub fn print_width(c: char) -> f32 {
    if is_cjk_punct(c) || c.is_ascii() || is_blank(c) {
        0.5
    } else {
        1.0
    }
}

/// The printed width of a line.
pub fn line_width(text: &str) -> f32 {
    text.chars().map(print_width).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_with_their_neighbours() {
        let text = "好。。啊，，，x。";
        let found: Vec<(&str, usize, Option<char>, Option<char>)> =
            runs(text, |c| c == '。' || c == '，', |first, c, _| c == first)
                .map(|run| (&text[run.range], run.count, run.before, run.after))
                .collect();
        assert_eq!(
            found,
            [
                ("。。", 2, Some('好'), Some('啊')),
                ("，，，", 3, Some('啊'), Some('x')),
                ("。", 1, Some('x'), None),
            ]
        );
        // What follows a character may decide whether it belongs: ５．２ but
        // not ５．。
        let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
        let number =
            |_, c: char, next: Option<char>| digit(c) || c == '．' && next.is_some_and(digit);
        let numbers: Vec<&str> = runs("５．２和５．。", digit, number)
            .map(|run| &"５．２和５．。"[run.range])
            .collect();
        assert_eq!(numbers, ["５．２", "５"]);
    }

    #[test]
    fn sentence_end_through_closing_quotes() {
        assert!(ends_sentence("他说：“好。”"));
        assert!(ends_sentence("展。"));
        assert!(!ends_sentence("按照“两手抓、两战赢”"));
        assert!(!ends_sentence("精密智控"));
    }

    #[test]
    fn han_includes_extension_b() {
        assert!(is_han('𠮷'));
        assert!(is_han('〇'));
        assert!(!is_han('○'));
    }
}

/// A hasher for the lookups of the analysis, which probe maps at most
/// characters of a text: one multiplication per word of input instead of
/// SipHash, as the keys are no attacker's (they are the text's own
/// characters and words, and the worst a crafted text can do is slow its
/// own check).
#[derive(Default)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            self.write_u64(word);
        }
        let mut tail = [0u8; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.write_u64(u64::from_le_bytes(tail) ^ bytes.len() as u64);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(26) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A hash map keyed by the text's characters or words.
pub type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FastHasher>>;

/// A hash set of the text's characters or words.
pub type FastSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<FastHasher>>;
