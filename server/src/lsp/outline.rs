//! The page outline (`textDocument/documentSymbol`): articles, each with its
//! headlines, byline and paragraphs, from the core's blocks.
//!
//! A byline starts an article. Headlines go with the article they belong to,
//! which depends on how the page was written out: an editor's file puts them
//! before the byline; text extracted from a PDF page often puts them after the
//! body (tests/fixtures/news-page.txt). Which one this page does is read from
//! its first byline: headlines above it mean headline-first.

use super::convert;
use copydesk::Source;
use copydesk::blocks::{Block, BlockKind};
use copydesk::source::ColumnUnit;
use tower_lsp_server::ls_types::{DocumentSymbol, SymbolKind};

/// Block indices of each article, in page order.
pub fn articles(kinds: &[BlockKind]) -> Vec<Vec<usize>> {
    let first_byline = kinds.iter().position(|k| *k == BlockKind::Byline);
    let headlines_first = match first_byline {
        None => true,
        Some(byline) => kinds[..byline].contains(&BlockKind::Headline),
    };
    let mut articles = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut has_body = false;
    for (index, kind) in kinds.iter().enumerate() {
        let starts_article = match kind {
            BlockKind::Byline => has_body,
            BlockKind::Headline => headlines_first && has_body,
            BlockKind::Paragraph => false,
        };
        if starts_article {
            articles.push(std::mem::take(&mut current));
            has_body = false;
        }
        current.push(index);
        has_body |= *kind == BlockKind::Paragraph;
    }
    if !current.is_empty() {
        articles.push(current);
    }
    articles
}

pub fn outline(source: &Source, unit: ColumnUnit) -> Vec<DocumentSymbol> {
    let blocks = copydesk::blocks::blocks(source);
    let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.kind).collect();
    articles(&kinds)
        .into_iter()
        .map(|indices| {
            let members: Vec<&Block> = indices.iter().map(|&i| &blocks[i]).collect();
            article_symbol(source, &members, unit)
        })
        .collect()
}

fn article_symbol(source: &Source, blocks: &[&Block], unit: ColumnUnit) -> DocumentSymbol {
    let of_kind = |kind| blocks.iter().copied().filter(move |b| b.kind == kind);
    let headlines: Vec<&str> = of_kind(BlockKind::Headline)
        .map(|b| b.text.trim())
        .collect();
    let byline = of_kind(BlockKind::Byline).next();
    let name = if headlines.is_empty() {
        byline.map_or_else(|| excerpt(&blocks[0].text), |b| b.text.trim().to_owned())
    } else {
        headlines.join(" / ")
    };
    let title_block = of_kind(BlockKind::Headline)
        .next()
        .or(byline)
        .unwrap_or(blocks[0]);
    let start = blocks.iter().map(|b| b.full_source_range().start).min();
    let end = blocks.iter().map(|b| b.full_source_range().end).max();
    let whole = start.unwrap_or(0)..end.unwrap_or(0);
    let children = blocks
        .iter()
        .map(|block| {
            let kind = match block.kind {
                BlockKind::Headline => SymbolKind::STRING,
                BlockKind::Byline => SymbolKind::PROPERTY,
                BlockKind::Paragraph => SymbolKind::FIELD,
            };
            let range = convert::range(source, &block.full_source_range(), unit);
            symbol(excerpt(&block.text), None, kind, range, range, None)
        })
        .collect();
    symbol(
        name,
        byline.map(|b| b.text.trim().to_owned()),
        SymbolKind::MODULE,
        convert::range(source, &whole, unit),
        convert::range(source, &title_block.full_source_range(), unit),
        Some(children),
    )
}

/// The start of a block's text, short enough for an outline row.
fn excerpt(text: &str) -> String {
    const LONGEST: usize = 24;
    let text = text.trim();
    match text.char_indices().nth(LONGEST) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None if text.is_empty() => "(空)".to_owned(),
        None => text.to_owned(),
    }
}

fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: tower_lsp_server::ls_types::Range,
    selection_range: tower_lsp_server::ls_types::Range,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    #[allow(deprecated)] // `deprecated` is a required field of the struct
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BlockKind::{Byline as B, Headline as H, Paragraph as P};

    #[test]
    fn headlines_before_the_byline_open_the_next_article() {
        assert_eq!(
            articles(&[H, H, B, P, P, H, B, P]),
            vec![vec![0, 1, 2, 3, 4], vec![5, 6, 7]]
        );
    }

    #[test]
    fn headlines_after_the_body_close_their_article() {
        // The extracted PDF page: byline, body, then that article's headlines.
        assert_eq!(
            articles(&[B, P, P, H, H, B, P, H]),
            vec![vec![0, 1, 2, 3, 4], vec![5, 6, 7]]
        );
    }

    #[test]
    fn text_without_bylines_is_cut_at_headlines() {
        assert_eq!(
            articles(&[P, H, P, P, H, P]),
            vec![vec![0], vec![1, 2, 3], vec![4, 5]]
        );
        assert!(articles(&[]).is_empty());
    }
}
