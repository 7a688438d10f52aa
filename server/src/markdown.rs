//! The running text of a Markdown article: paragraphs, headings, list items and
//! table cells, and the text of its HTML (CMS exports keep paragraphs as
//! `<p>…</p>` blocks: [`crate::html`] reads them). Code, front matter, image
//! descriptions and the targets of links are not prose and are left out;
//! inline code and images become an opaque placeholder so that the text on
//! either side is not read as adjacent.

use crate::blocks::{Block, BlockBuilder, BlockKind, OPAQUE, is_stray_break, is_writers_own_line};
use crate::chars::is_blank;
use crate::html::{InlineTag, inline_tag, read_html};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

pub fn markdown_blocks(text: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut collector = Collector::new(text);
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        collector.event(event, range);
    }
    collector.flush();
    collector.blocks
}

struct Collector<'s> {
    source: &'s str,
    blocks: Vec<Block>,
    current: Option<(BlockBuilder<'s>, BlockKind)>,
    /// Inside code, front matter or an image: not prose.
    skipped: usize,
    /// Inside inline HTML that is not prose (`<code>`…`</code>`).
    inline_skipped: usize,
    /// The lines of the HTML block being read.
    html_block: Option<Vec<Range<usize>>>,
    /// A soft line break seen but not yet placed: whether it joins Chinese
    /// text depends on the text after it.
    pending_break: Option<Range<usize>>,
}

impl<'s> Collector<'s> {
    fn new(source: &'s str) -> Self {
        Collector {
            source,
            blocks: Vec::new(),
            current: None,
            skipped: 0,
            inline_skipped: 0,
            html_block: None,
            pending_break: None,
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::InlineHtml(html) if self.skipped == 0 => self.inline_html(&html, range),
            Event::Html(_) => {
                if let Some(lines) = &mut self.html_block {
                    lines.push(range);
                }
            }
            _ if self.skipped > 0 || self.inline_skipped > 0 => {}
            Event::Text(text) => {
                self.place_pending_break(&text, range.start);
                let verbatim = self.source.get(range.clone()) == Some(&*text);
                let builder = self.builder(BlockKind::Paragraph);
                if verbatim {
                    builder.push_source(range);
                } else {
                    builder.push_standing_for(&text, range);
                }
            }
            Event::Code(_) | Event::InlineHtml(_) | Event::InlineMath(_) => self.opaque(range),
            Event::SoftBreak => self.pending_break = Some(self.break_start(range.start)..range.end),
            Event::HardBreak => self.hard_break(range),
            Event::DisplayMath(_) | Event::Rule => {}
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn opaque(&mut self, range: Range<usize>) {
        self.place_pending_break(OPAQUE, range.start);
        self.builder(BlockKind::Paragraph)
            .push_standing_for(OPAQUE, range);
    }

    fn hard_break(&mut self, range: Range<usize>) {
        self.pending_break = None;
        self.builder(BlockKind::Paragraph)
            .push_standing_for("\n", range);
    }

    /// Inline HTML: formatting (`<strong>`) is transparent, `<br>` breaks the
    /// line, an image stands as something that is not text.
    fn inline_html(&mut self, html: &str, range: Range<usize>) {
        match inline_tag(html) {
            InlineTag::OpensSkipped => self.inline_skipped += 1,
            InlineTag::ClosesSkipped => self.inline_skipped = self.inline_skipped.saturating_sub(1),
            _ if self.inline_skipped > 0 => {}
            InlineTag::Transparent => {}
            InlineTag::Break => self.hard_break(range),
            InlineTag::Opaque => self.opaque(range),
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::HtmlBlock if self.skipped == 0 => {
                self.flush();
                self.html_block = Some(Vec::new());
            }
            Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) | Tag::Image { .. } => {
                self.skipped += 1
            }
            Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            } => self.skipped += 1,
            _ if self.skipped > 0 => {}
            Tag::Heading { .. } => self.begin(BlockKind::Headline),
            Tag::Paragraph | Tag::Item | Tag::TableCell | Tag::FootnoteDefinition(_) => {
                self.begin(BlockKind::Paragraph)
            }
            Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.begin(BlockKind::Paragraph)
            }
            Tag::Link { .. } => {
                if let Some(pending) = self.pending_break.take() {
                    self.pending_break = Some(pending.start..range.start);
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::HtmlBlock if self.html_block.is_some() => {
                let lines = self.html_block.take().unwrap_or_default();
                read_html(self.source, &lines, &mut self.blocks);
            }
            TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) | TagEnd::Image => {
                self.skipped = self.skipped.saturating_sub(1)
            }
            TagEnd::Link if self.skipped > 0 => self.skipped -= 1,
            _ if self.skipped > 0 => {}
            TagEnd::Heading(_)
            | TagEnd::Paragraph
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.flush(),
            _ => {}
        }
    }

    fn begin(&mut self, kind: BlockKind) {
        self.flush();
        self.current = Some((BlockBuilder::new(self.source), kind));
    }

    fn builder(&mut self, kind: BlockKind) -> &mut BlockBuilder<'s> {
        &mut self
            .current
            .get_or_insert_with(|| (BlockBuilder::new(self.source), kind))
            .0
    }

    fn flush(&mut self) {
        self.pending_break = None;
        self.inline_skipped = 0;
        if let Some((builder, kind)) = self.current.take()
            && !builder.is_empty()
        {
            self.blocks.push(builder.finish(kind));
        }
    }

    /// A line break inside a paragraph renders as a space: a stray one in
    /// Chinese, where it is a broken wrap; a word space between Latin words.
    fn place_pending_break(&mut self, next_text: &str, next_start: usize) {
        let Some(pending) = self.pending_break.take() else {
            return;
        };
        // The break takes the next line's indentation and quote marks, but
        // never text left out of the block (an image): the fix deletes it.
        let between = &self.source[pending.end..next_start.max(pending.end)];
        let only_indentation = between.chars().all(|c| matches!(c, ' ' | '\t' | '>'));
        let end = if only_indentation {
            next_start.max(pending.end)
        } else {
            pending.end
        };
        let range = pending.start..end;
        let builder = self.builder(BlockKind::Paragraph);
        if is_writers_own_line(builder.text(), next_text) {
            // Lines of a summary, or a sentence per line: each its own block.
            let kind = self
                .current
                .as_ref()
                .map_or(BlockKind::Paragraph, |(_, kind)| *kind);
            self.begin(kind);
        } else if is_stray_break(builder.text(), next_text) {
            builder.push_wrap(range, "");
        } else {
            builder.push_standing_for(" ", range);
        }
    }

    /// Trailing blanks before a soft break belong to the break.
    fn break_start(&self, newline: usize) -> usize {
        let before = &self.source[..newline];
        before.trim_end_matches(is_blank).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wraps(text: &str) -> Vec<&str> {
        markdown_blocks(text)
            .iter()
            .flat_map(|b| b.wraps.iter().map(|r| &text[r.clone()]))
            .collect()
    }

    #[test]
    fn a_wrap_takes_indentation_and_quote_marks() {
        assert_eq!(wraps("> 第一行文字\n> 第二行文字\n"), ["\n> "]);
        assert_eq!(wraps("- 第一行文字\n  第二行文字\n"), ["\n  "]);
    }

    #[test]
    fn a_wrap_before_an_image_leaves_the_image() {
        assert_eq!(wraps("第一行文字\n![图](a.png)第二行"), ["\n"]);
    }
}
