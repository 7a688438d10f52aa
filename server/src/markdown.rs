//! The running text of a Markdown article: paragraphs, headings, list items and
//! table cells. Code, HTML, front matter, image descriptions and the targets of
//! links are not prose and are left out; inline code and HTML become an opaque
//! placeholder so that the text on either side is not read as adjacent.

use crate::blocks::{Block, BlockBuilder, BlockKind, join_for};
use crate::chars::{is_blank, is_chinese};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Stands for inline code or HTML in the logical text.
pub const OPAQUE: &str = "\u{FFFC}";

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
    /// Inside code, HTML, front matter or an image: not prose.
    skipped: usize,
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
            pending_break: None,
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            _ if self.skipped > 0 => {}
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
            Event::Code(_) | Event::InlineHtml(_) | Event::InlineMath(_) => {
                self.place_pending_break(OPAQUE, range.start);
                self.builder(BlockKind::Paragraph)
                    .push_standing_for(OPAQUE, range);
            }
            Event::SoftBreak => self.pending_break = Some(self.break_start(range.start)..range.end),
            Event::HardBreak => {
                self.pending_break = None;
                self.builder(BlockKind::Paragraph)
                    .push_standing_for("\n", range);
            }
            Event::Html(_) | Event::DisplayMath(_) | Event::Rule => {}
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
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
        // Markdown renders the break as a space: where the text joins with
        // nothing (Chinese, a number), the space is a stray.
        // Markdown renders the break as a space: where the text joins with
        // nothing (Chinese, a number), the space is a stray. Inline code
        // stands for Latin text unless Chinese is beside it.
        let builder = self.builder(BlockKind::Paragraph);
        let (before, after) = (builder.text(), next_text);
        let stray = if before.ends_with(OPAQUE) || after.starts_with(OPAQUE) {
            before.chars().next_back().is_some_and(is_chinese)
                || after.chars().next().is_some_and(is_chinese)
        } else {
            !before.is_empty() && !after.is_empty() && join_for(before, after).is_empty()
        };
        if stray {
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
