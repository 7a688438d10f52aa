use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::blocks::{Block, BlockKind};
use crate::chars::{holds_blank, is_blank, is_han};
use crate::conventions::{dateline_len, headline_spans, separates_parts};
use crate::finding::Fix;
use std::ops::Range;

declare_rule! {
    /// # cjk-latin-space
    ///
    /// 汉字与阿拉伯数字、西文字母之间多了空格：排版时加的中西文间距被当成了空格复制出来。
    ///
    /// 浏览器（CSS `text-autospace`）、typst 和许多排版软件会在汉字与数字、西文之间自动留出
    /// 一点间距；从这样排出的 PDF 里复制文字，提取工具常把这点间距写成空格
    /// （`投资 1 万亿美元`、`去年12 月31 日晚，约60 名`）。新闻稿的体例是汉字与数字、西文之间
    /// 不加空格（GB/T 15835—2011：`5G网络`、`21日`）。
    ///
    /// 只查确是排版留下的空格：从版面提取、按栏宽折行的纯文本稿里的正文；或者同一段里其他
    /// 数字、西文都紧贴汉字、只有个别几处加了空格。有意在中西文之间加空格的稿件（科技类稿件
    /// 常这样写）不查；标题和像标题的文字（摘要里引的标题、书名号和引号里的口号）里分隔
    /// 两部分的空格（`美国一工厂发生爆炸 2人死亡`）、署名和电头后的空格（`本报讯 21日，`）也不查。
    ///
    /// 修复（安全）：删去空格。
    ///
    /// ```text
    /// 错：去年12 月31 日晚，约60 名代表出席
    /// 对：去年12月31日晚，约60名代表出席
    /// ```
    CjkLatinSpace { id: "cjk-latin-space", severity: Warning, family: Form }
}

/// A paragraph that is not set out in print columns has its spaces between
/// Chinese and Latin by choice unless it writes this many times as many
/// numbers and Latin words without them.
const UNSPACED_PER_SPACED: usize = 3;

impl Rule for CjkLatinSpace {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>) {
        for block in document
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph && holds_blank(&b.text))
        {
            // The blanks of headline-like text separate its parts
            // (`…发生枪击事件 3死5伤`), quoted or not.
            let mut spacing = spacing(block);
            // Most paragraphs have no such space: the conventions, dearer to
            // read, only for those that do.
            if spacing.spaces.is_empty() || separates_parts(block) {
                continue;
            }
            let headlines = headline_spans(&block.text);
            spacing.spaces.retain(|space| {
                !headlines
                    .iter()
                    .any(|h| h.start <= space.start && space.end <= h.end)
            });
            if spacing.spaces.is_empty() {
                continue;
            }
            let by_choice =
                !block.printed && spacing.unspaced < UNSPACED_PER_SPACED * spacing.spaced.max(1);
            if by_choice {
                continue;
            }
            for space in spacing.spaces {
                let text = &block.text;
                let before = text[..space.start].chars().next_back().unwrap_or(' ');
                let after = text[space.end..].chars().next().unwrap_or(' ');
                let fix = block
                    .edit(space.clone(), "")
                    .map(|e| Fix::safe("删去空格", vec![e]));
                findings
                    .at(
                        block,
                        space,
                        format!("“{before}”与“{after}”之间不应有空格：汉字与数字、西文之间不空格"),
                    )
                    .fixes
                    .extend(fix);
            }
        }
    }
}

/// How a paragraph spaces its numbers and Latin words from Chinese.
struct Spacing {
    /// Blanks between a Han character and a Latin letter or digit.
    spaces: Vec<Range<usize>>,
    /// Runs of Latin letters and digits next to Han characters, with a blank
    /// between on either side, or none on both.
    spaced: usize,
    unspaced: usize,
}

fn spacing(block: &Block) -> Spacing {
    let text = &block.text;
    let mut spacing = Spacing {
        spaces: Vec::new(),
        spaced: 0,
        unspaced: 0,
    };
    if !text.bytes().any(|b| b.is_ascii_alphanumeric()) {
        return spacing;
    }
    let dateline_end = dateline_len(text);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let latin = |c: char| c.is_ascii_alphanumeric();
    let mut index = 0;
    while index < chars.len() {
        if !latin(chars[index].1) {
            index += 1;
            continue;
        }
        let start = index;
        while index < chars.len() && latin(chars[index].1) {
            index += 1;
        }
        // The blanks on each side of the run, where a Han character is beyond.
        let sides = [blanks_before(&chars, start), blanks_after(&chars, index)];
        let mut touches_han = false;
        let mut spaced = false;
        for blanks in sides.into_iter().flatten() {
            touches_han = true;
            if let Some(blanks) = blanks
                && Some(blanks.start) != dateline_end
            {
                spacing.spaces.push(blanks);
                spaced = true;
            }
        }
        if spaced {
            spacing.spaced += 1;
        } else if touches_han {
            spacing.unspaced += 1;
        }
    }
    spacing
}

/// The blanks before the character at `at` (`Some(None)` if none) when a
/// Han character is before them.
fn blanks_before(chars: &[(usize, char)], at: usize) -> Option<Option<Range<usize>>> {
    let mut k = at;
    while k > 0 && is_blank(chars[k - 1].1) {
        k -= 1;
    }
    chars[..k].last().filter(|&&(_, c)| is_han(c))?;
    Some((k < at).then(|| chars[k].0..chars[at].0))
}

/// The blanks from the character at `at` on (`Some(None)` if none) when a
/// Han character is after them.
fn blanks_after(chars: &[(usize, char)], at: usize) -> Option<Option<Range<usize>>> {
    let mut k = at;
    while k < chars.len() && is_blank(chars[k].1) {
        k += 1;
    }
    chars.get(k).filter(|&&(_, c)| is_han(c))?;
    Some((k > at).then(|| chars[at].0..chars[k].0))
}
