//! The running text of HTML: an `.html` article, or the HTML blocks and inline
//! HTML of a Markdown one (CMS exports keep each story's paragraphs as
//! `<p>…</p>`). Tags, attributes and comments are markup, not text; `<script>`,
//! `<style>`, code and embedded objects are left out. Block elements (`<p>`,
//! `<div>`, `<li>`, `<td>`, `<br>` …) end a block, `<h1>`–`<h6>` and `<title>`
//! are headlines, inline elements (`<strong>`, `<span>` …) are transparent.
//!
//! html5gum (a WHATWG tokenizer) reads the markup. Character references are
//! read as the characters they stand for (`&ldquo;` is `“`) and mapped back to
//! their source range, but not verbatim: a fix never rewrites a reference, and
//! no fix ever touches markup, since every text run maps to text alone.

use crate::blocks::{Block, BlockBuilder, BlockKind, OPAQUE, is_stray_break};
use crate::chars::is_blank;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};
use std::ops::Range;

/// The blocks of an HTML document.
pub fn html_blocks(source: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    read_html(
        source,
        std::slice::from_ref(&(0..source.len())),
        &mut blocks,
    );
    blocks
}

/// Reads HTML made of `pieces` of `source` (the lines of a Markdown HTML
/// block, which may sit behind a blockquote's `>`), adding its blocks.
pub(crate) fn read_html(source: &str, pieces: &[Range<usize>], blocks: &mut Vec<Block>) {
    let joined = Joined::new(source, pieces);
    let mut reader = Reader {
        joined: &joined,
        blocks,
        current: None,
        skipped: Vec::new(),
        pending_blank: Vec::new(),
    };
    for token in tokens(&joined.text) {
        reader.token(token);
    }
    reader.flush();
}

/// What an inline HTML tag inside a Markdown paragraph does to its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum InlineTag {
    /// `<strong>`, `</span>`, a comment: the text runs on through it.
    Transparent,
    /// `<br>`: a line break.
    Break,
    /// `<img>` and the like: something that is not text stands here.
    Opaque,
    /// `<code>` … `</code>`: the text up to the closing tag is not prose.
    OpensSkipped,
    ClosesSkipped,
}

/// What an inline tag (`<strong>`, `</a>`, `<br/>`, `<!-- … -->`) is.
pub(crate) fn inline_tag(snippet: &str) -> InlineTag {
    match tokens(snippet).into_iter().next() {
        Some(Token::Start { name, .. }) => match element(&name) {
            Element::Inline => InlineTag::Transparent,
            Element::Break | Element::Block(_) => InlineTag::Break,
            Element::Skipped => InlineTag::OpensSkipped,
            Element::Opaque => InlineTag::Opaque,
        },
        Some(Token::End { name }) => match element(&name) {
            Element::Skipped => InlineTag::ClosesSkipped,
            Element::Block(_) => InlineTag::Break,
            _ => InlineTag::Transparent,
        },
        Some(Token::Text { .. }) => InlineTag::Opaque,
        None => InlineTag::Transparent,
    }
}

#[derive(Debug)]
enum Token {
    Start {
        name: String,
        span: Range<usize>,
    },
    End {
        name: String,
    },
    /// Character data: `span` in the joined text, `value` with character
    /// references read.
    Text {
        span: Range<usize>,
        value: String,
    },
}

/// The tokens of HTML text that matter for its prose: comments, doctypes,
/// attributes and parse errors do not.
fn tokens(html: &str) -> Vec<Token> {
    let mut open_tag: Option<(String, usize)> = None;
    let mut emitter = CallbackEmitter::new(
        move |event: CallbackEvent<'_>, span: Span<usize>| -> Option<Token> {
            match event {
                CallbackEvent::OpenStartTag { name } => {
                    open_tag = Some((String::from_utf8_lossy(name).into_owned(), span.start));
                    None
                }
                CallbackEvent::CloseStartTag { .. } => {
                    let (name, start) = open_tag.take()?;
                    Some(Token::Start {
                        name,
                        span: start..span.end,
                    })
                }
                CallbackEvent::EndTag { name } => Some(Token::End {
                    name: String::from_utf8_lossy(name).into_owned(),
                }),
                CallbackEvent::String { value } => Some(Token::Text {
                    span: span.start..span.end,
                    value: String::from_utf8_lossy(value).into_owned(),
                }),
                _ => None,
            }
        },
    );
    // Script and style contents are raw text, not markup.
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(html, emitter)
        .filter_map(Result::ok)
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Element {
    /// Ends the block before it and starts another.
    Block(BlockKind),
    Break,
    Inline,
    /// Not prose: left out with everything inside it.
    Skipped,
    /// Not text, but something stands there (an image, a form control).
    Opaque,
}

fn element(name: &str) -> Element {
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "title" => Element::Block(BlockKind::Headline),
        "address" | "article" | "aside" | "blockquote" | "body" | "caption" | "center" | "dd"
        | "details" | "dialog" | "div" | "dl" | "dt" | "fieldset" | "figcaption" | "figure"
        | "footer" | "form" | "head" | "header" | "hgroup" | "hr" | "html" | "legend" | "li"
        | "main" | "menu" | "nav" | "ol" | "p" | "section" | "summary" | "table" | "tbody"
        | "td" | "tfoot" | "th" | "thead" | "tr" | "ul" => Element::Block(BlockKind::Paragraph),
        "br" => Element::Break,
        "script" | "style" | "template" | "noscript" | "textarea" | "code" | "pre" | "kbd"
        | "samp" | "svg" | "math" | "select" | "iframe" | "object" | "canvas" | "audio"
        | "video" | "button" => Element::Skipped,
        "img" | "input" | "embed" | "picture" | "meter" | "progress" => Element::Opaque,
        _ => Element::Inline,
    }
}

/// The text the tokenizer reads: the pieces of the source joined, with the
/// way back to source offsets.
struct Joined<'s> {
    source: &'s str,
    text: String,
    /// Where each piece starts in `text`, and in the source.
    starts: Vec<(usize, usize)>,
}

impl<'s> Joined<'s> {
    fn new(source: &'s str, pieces: &[Range<usize>]) -> Joined<'s> {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(pieces.len());
        for piece in pieces {
            starts.push((text.len(), piece.start));
            text.push_str(&source[piece.clone()]);
        }
        Joined {
            source,
            text,
            starts,
        }
    }

    /// The source ranges of a range of the joined text, one per piece it
    /// touches.
    fn source_ranges(&self, joined: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
        let first = self.starts.partition_point(|&(at, _)| at <= joined.start) - 1;
        self.starts[first..]
            .iter()
            .enumerate()
            .map_while(move |(i, &(at, source_start))| {
                let piece_end = self
                    .starts
                    .get(first + i + 1)
                    .map_or(self.text.len(), |&(next, _)| next);
                let (from, to) = (joined.start.max(at), joined.end.min(piece_end));
                (from < joined.end).then(|| source_start + (from - at)..source_start + (to - at))
            })
            .filter(|range| !range.is_empty())
    }

    /// The source range covering a range of the joined text (and the
    /// blockquote marks between its pieces).
    fn source_span(&self, joined: Range<usize>) -> Range<usize> {
        let start = self.starts.partition_point(|&(at, _)| at <= joined.start) - 1;
        let end = self
            .starts
            .partition_point(|&(at, _)| at < joined.end)
            .max(1)
            - 1;
        let map = |piece: usize, offset: usize| {
            let (at, source_start) = self.starts[piece];
            source_start + (offset - at)
        };
        let start = map(start, joined.start);
        start..map(end, joined.end).max(start)
    }
}

/// A run of character data as the source has it.
#[derive(Debug, PartialEq)]
enum Piece {
    /// Text as written.
    Verbatim(Range<usize>),
    /// A character reference (`&ldquo;`) and what it stands for.
    Reference(Range<usize>, String),
    /// Collapsible white space; whether it holds a line break.
    Space(Range<usize>, bool),
}

/// Cuts character data into what it is in the source: the tokenizer gives
/// the text with references read (`value`) and its whole `span`; the source
/// between references is the text itself, so the two line up piece by piece.
fn pieces(html: &str, span: Range<usize>, value: &str) -> Vec<Piece> {
    let raw = &html[span.clone()];
    let mut pieces = Vec::new();
    let (mut at, mut read) = (0, 0);
    while at < raw.len() {
        let rest = &raw[at..];
        let start = span.start + at;
        if rest.starts_with(is_collapsible) {
            let len = rest.len() - rest.trim_start_matches(is_collapsible).len();
            let space = &rest[..len];
            pieces.push(Piece::Space(
                start..start + len,
                space.contains(['\n', '\r']),
            ));
            // The tokenizer turns CR LF into LF.
            let value_rest = &value[read..];
            read += value_rest.len() - value_rest.trim_start_matches(is_collapsible).len();
            at += len;
        } else if rest.starts_with('&')
            && let Some((len, stands_for)) = reference(rest)
            && value[read..].starts_with(&*stands_for)
        {
            read += stands_for.len();
            pieces.push(Piece::Reference(start..start + len, stands_for));
            at += len;
        } else {
            // Up to the next reference or space; an `&` that is no
            // reference is text of its own.
            let len = match rest.find(|c: char| c == '&' || is_collapsible(c)) {
                Some(0) => 1,
                Some(len) => len,
                None => rest.len(),
            };
            let text = &rest[..len];
            if !value[read..].starts_with(text) {
                // Out of step (a reference read in a way not foreseen): the
                // rest stands for what the tokenizer read, not verbatim.
                pieces.push(Piece::Reference(start..span.end, value[read..].to_owned()));
                return pieces;
            }
            read += len;
            match pieces.last_mut() {
                Some(Piece::Verbatim(range)) if range.end == start => range.end += len,
                _ => pieces.push(Piece::Verbatim(start..start + len)),
            }
            at += len;
        }
    }
    pieces
}

/// White space that HTML collapses (not U+3000 or the no-break space).
fn is_collapsible(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// The length of the character reference at the start of `text` and what it
/// stands for, read by the tokenizer itself; `None` when it is no reference.
fn reference(text: &str) -> Option<(usize, String)> {
    let body = &text[1..];
    let len = if let Some(numeric) = body.strip_prefix('#') {
        let digits = match numeric.strip_prefix(['x', 'X']) {
            Some(hex) => 1 + hex.bytes().take_while(u8::is_ascii_hexdigit).count(),
            None => numeric.bytes().take_while(u8::is_ascii_digit).count(),
        };
        1 + digits
    } else {
        body.bytes().take_while(u8::is_ascii_alphanumeric).count()
    };
    if len == 0 || len > 40 {
        return None;
    }
    let len = 1 + len + usize::from(body[len..].starts_with(';'));
    let candidate = &text[..len];
    let read: String = tokens(candidate)
        .into_iter()
        .filter_map(|token| match token {
            Token::Text { value, .. } => Some(value),
            _ => None,
        })
        .collect();
    (read != candidate).then_some((len, read))
}

struct Reader<'a, 's> {
    joined: &'a Joined<'s>,
    blocks: &'a mut Vec<Block>,
    current: Option<(BlockBuilder<'s>, BlockKind)>,
    /// The elements left out that are open, innermost last.
    skipped: Vec<String>,
    /// White space not yet placed: whether it belongs to the text depends on
    /// what follows (nothing, at a block's end).
    /// Runs of it, with whether each holds a line break; more than one when
    /// markup stands between them (`中 <strong>\n文`), which stays out of
    /// every run.
    pending_blank: Vec<(Range<usize>, bool)>,
}

impl<'s> Reader<'_, 's> {
    fn token(&mut self, token: Token) {
        match token {
            Token::Start { name, span } => {
                if !self.skipped.is_empty() {
                    if element(&name) == Element::Skipped {
                        self.skipped.push(name);
                    }
                    return;
                }
                match element(&name) {
                    Element::Block(kind) => self.begin(kind),
                    Element::Break => self.flush(),
                    Element::Skipped => self.skipped.push(name),
                    Element::Opaque => {
                        let range = self.joined.source_span(span);
                        self.place_blank(OPAQUE);
                        self.builder().push_standing_for(OPAQUE, range);
                    }
                    Element::Inline => {}
                }
            }
            Token::End { name } => {
                if let Some(index) = self.skipped.iter().rposition(|open| *open == name) {
                    self.skipped.truncate(index);
                    return;
                }
                if self.skipped.is_empty() && matches!(element(&name), Element::Block(_)) {
                    self.flush();
                }
            }
            Token::Text { span, value } => {
                if !self.skipped.is_empty() {
                    return;
                }
                for piece in pieces(&self.joined.text, span, &value) {
                    self.piece(piece);
                }
            }
        }
    }

    fn piece(&mut self, piece: Piece) {
        match piece {
            Piece::Space(range, line_break) => {
                let range = self.joined.source_span(range);
                self.pending_blank.push((range, line_break));
            }
            Piece::Verbatim(range) => {
                let mut ranges: Vec<Range<usize>> = self.joined.source_ranges(range).collect();
                // A block's leading blanks (`　　` indents) are not its text.
                if self.is_empty()
                    && let Some(first) = ranges.first_mut()
                {
                    let text = &self.joined.source[first.clone()];
                    first.start += text.len() - text.trim_start_matches(is_blank).len();
                }
                ranges.retain(|r| !r.is_empty());
                let Some(first) = ranges.first() else { return };
                let source = self.joined.source;
                self.place_blank(&source[first.clone()]);
                for range in ranges {
                    self.builder().push_source(range);
                }
            }
            Piece::Reference(range, stands_for) => {
                if self.is_empty() && stands_for.chars().all(|c| is_blank(c) || c.is_whitespace()) {
                    return;
                }
                let range = self.joined.source_span(range);
                self.place_blank(&stands_for);
                self.builder().push_standing_for(&stands_for, range);
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.current.as_ref().is_none_or(|(b, _)| b.is_empty())
    }

    /// Places the white space before `next_text`: none at a block's start; a
    /// line break where the text joins with nothing (Chinese, a number) is a
    /// stray space once rendered, as in Markdown; other white space is text.
    fn place_blank(&mut self, next_text: &str) {
        let runs = std::mem::take(&mut self.pending_blank);
        if runs.is_empty() || self.is_empty() {
            return;
        }
        let builder = self.builder();
        let line_break = runs.iter().any(|&(_, line_break)| line_break);
        let stray = line_break && is_stray_break(builder.text(), next_text);
        // HTML renders all the runs as one space: the first stands for it,
        // the others for nothing.
        for (index, (range, _)) in runs.into_iter().enumerate() {
            if stray {
                builder.push_wrap(range, "");
            } else if line_break {
                builder.push_standing_for(if index == 0 { " " } else { "" }, range);
            } else {
                builder.push_source(range);
            }
        }
    }

    fn builder(&mut self) -> &mut BlockBuilder<'s> {
        let source = self.joined.source;
        &mut self
            .current
            .get_or_insert_with(|| (BlockBuilder::new(source), BlockKind::Paragraph))
            .0
    }

    fn begin(&mut self, kind: BlockKind) {
        self.flush();
        self.current = Some((BlockBuilder::new(self.joined.source), kind));
    }

    fn flush(&mut self) {
        self.pending_blank.clear();
        if let Some((builder, kind)) = self.current.take()
            && !builder.is_empty()
        {
            self.blocks.push(builder.finish(kind));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<(BlockKind, String)> {
        html_blocks(html)
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn paragraphs_headlines_and_inline_elements() {
        let html = "<html><head><title>标题</title><style>p{color:red}</style></head><body>\
            <h2>共护一江水 万里长江焕发新活力</h2>\
            <p><strong>央视网消息</strong>（新闻联播）：长江是<a href=\"x\">母亲河</a>。</p>\
            <p>第二段<br>另起一行</p><script>var s = \"<p>不是正文</p>\";</script>\
            <!-- 注释 --><pre>代码</pre></body></html>";
        assert_eq!(
            texts(html),
            [
                (BlockKind::Headline, "标题".to_owned()),
                (
                    BlockKind::Headline,
                    "共护一江水 万里长江焕发新活力".to_owned()
                ),
                (
                    BlockKind::Paragraph,
                    "央视网消息（新闻联播）：长江是母亲河。".to_owned()
                ),
                (BlockKind::Paragraph, "第二段".to_owned()),
                (BlockKind::Paragraph, "另起一行".to_owned()),
            ]
        );
    }

    #[test]
    fn references_are_read_and_map_back_to_their_source() {
        let html = "<p>&emsp;&emsp;他说&ldquo;好&rdquo;，A&amp;B&#x4e2d;国&nbsp;队</p>";
        let blocks = html_blocks(html);
        let block = &blocks[0];
        assert_eq!(block.text, "他说“好”，A&B中国\u{a0}队");
        let quote = block.text.find('“').unwrap();
        let range = block.source_range(quote..quote + '“'.len_utf8());
        assert_eq!(&html[range.clone()], "&ldquo;");
        // A reference is never rewritten by a fix; the text beside it is.
        assert_eq!(block.verbatim_source_range(quote..quote + 3), None);
        let he = block.text.find("他说").unwrap();
        let range = block.verbatim_source_range(he..he + "他说".len()).unwrap();
        assert_eq!(&html[range], "他说");
    }

    #[test]
    fn white_space_in_the_source() {
        // A line break in Chinese renders as a stray space: a wrap; between
        // Latin words it is the word space; a typed space is text.
        let html = "<p>\n  全市上下\n  一手抓疫情防控 New\nYork 提升全民安全 意识</p>";
        let blocks = html_blocks(html);
        assert_eq!(
            blocks[0].text,
            "全市上下一手抓疫情防控 New York 提升全民安全 意识"
        );
        assert_eq!(blocks[0].wraps.len(), 1);
        assert_eq!(&html[blocks[0].wraps[0].clone()], "\n  ");
    }

    #[test]
    fn pieces_of_a_markdown_block_behind_a_quote_mark() {
        let source = "> <p>第一行\n> 第二行</p>\n";
        let second_line = source.find("\n> ").unwrap() + 1;
        let pieces = [2..second_line, second_line + 2..source.len()];
        let mut blocks = Vec::new();
        read_html(source, &pieces, &mut blocks);
        assert_eq!(blocks[0].text, "第一行第二行");
        let second = blocks[0].text.find("第二行").unwrap();
        let range = blocks[0].source_range(second..blocks[0].text.len());
        assert_eq!(&source[range], "第二行");
    }

    #[test]
    fn inline_tags() {
        assert_eq!(inline_tag("<strong>"), InlineTag::Transparent);
        assert_eq!(inline_tag("</span>"), InlineTag::Transparent);
        assert_eq!(inline_tag("<!-- 注释 -->"), InlineTag::Transparent);
        assert_eq!(inline_tag("<br/>"), InlineTag::Break);
        assert_eq!(inline_tag("<img src=\"a.png\">"), InlineTag::Opaque);
        assert_eq!(inline_tag("<code>"), InlineTag::OpensSkipped);
        assert_eq!(inline_tag("</code>"), InlineTag::ClosesSkipped);
    }
}
